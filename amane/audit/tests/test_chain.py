"""The hash chain, on plain values: any removed, inserted, reordered or altered entry breaks it."""

from amane.audit.chain import GENESIS, ChainedEntry, entry_hash, first_break


def chain_of(*payloads: dict[str, object]) -> list[ChainedEntry]:
    entries, previous = [], GENESIS
    for n, fields in enumerate(payloads, start=1):
        digest = entry_hash(previous, fields)
        entries.append(ChainedEntry(n, previous, digest, fields))
        previous = digest
    return entries


TRAIL = chain_of({"action": "report.submit", "n": 1}, {"action": "report.status", "n": 2}, {"action": "x", "n": 3})


def test_an_untouched_trail_holds() -> None:
    assert first_break(TRAIL) is None
    assert first_break([]) is None


def test_the_hash_covers_the_previous_hash_and_every_field_whatever_their_order() -> None:
    fields = {"a": 1, "b": "ب"}
    assert entry_hash(GENESIS, fields) == entry_hash(GENESIS, {"b": "ب", "a": 1})
    assert entry_hash(GENESIS, fields) != entry_hash("1" * 64, fields)
    assert entry_hash(GENESIS, fields) != entry_hash(GENESIS, {"a": 2, "b": "ب"})
    assert len(entry_hash(GENESIS, fields)) == 64


def test_an_altered_field_breaks_the_chain_at_that_entry() -> None:
    first, second, third = TRAIL
    altered = ChainedEntry(second.id, second.previous_hash, second.stored_hash, {**second.fields, "n": 9})
    assert first_break([first, altered, third]) == second.id


def test_a_removed_entry_breaks_the_chain_at_the_next_one() -> None:
    first, _, third = TRAIL
    assert first_break([first, third]) == third.id
    assert first_break(TRAIL[1:]) == TRAIL[1].id  # the first one removed


def test_reordered_entries_and_a_rehashed_entry_break_it_too() -> None:
    first, second, third = TRAIL
    assert first_break([first, third, second]) == third.id
    forged_fields = {**second.fields, "n": 9}
    forged = ChainedEntry(
        second.id, second.previous_hash, entry_hash(second.previous_hash, forged_fields), forged_fields
    )
    # Rehashing the altered entry only moves the break to the entry after it.
    assert first_break([first, forged, third]) == third.id
