"""
The audit trail as a hash chain, without Django: each entry carries the hash of the one before.

An entry's hash covers its own fields and the previous entry's hash, so removing, inserting,
reordering or altering any entry changes every hash after it; `first_break` names the first
entry whose stored hashes no longer follow. The database triggers refuse UPDATE and DELETE;
the chain is what shows that nobody went around them (a dropped trigger, a copied file).
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def entry_hash(previous: str, fields: Mapping[str, object]) -> str:
    """SHA-256 of the previous hash and the fields in canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainedEntry:
    id: int
    previous_hash: str
    stored_hash: str
    fields: Mapping[str, object]


def first_break(entries: Iterable[ChainedEntry], start: str = GENESIS) -> int | None:
    """The id of the first entry that does not follow from the ones before it, or None."""
    expected_previous = start
    for entry in entries:
        if entry.previous_hash != expected_previous:
            return entry.id
        if entry_hash(entry.previous_hash, entry.fields) != entry.stored_hash:
            return entry.id
        expected_previous = entry.stored_hash
    return None
