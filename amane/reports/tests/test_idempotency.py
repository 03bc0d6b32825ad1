"""Idempotency keys seal the first answer under the key itself and find it by a hash of the key."""

import uuid

from amane.reports.idempotency import fingerprint, key_digest, seal, unseal, valid_key

CODE = "K7QM3-XHD9T-PAW2R-C4NBE"


def test_a_sealed_code_comes_back_only_with_its_key() -> None:
    key, other = str(uuid.uuid4()), str(uuid.uuid4())
    sealed = seal(CODE, key)
    assert unseal(sealed, key) == CODE
    assert CODE not in sealed and CODE.encode().hex() not in sealed
    assert unseal(sealed, other) != CODE


def test_the_digest_that_finds_a_record_is_not_the_key_nor_the_seal_pad() -> None:
    key = str(uuid.uuid4())
    digest = key_digest(key)
    assert digest == key_digest(key) and len(digest) == 64
    assert key not in digest and digest != key_digest(key + "x")
    assert not seal(CODE, key).startswith(digest[:10])


def test_keys_are_random_looking_printable_text_of_16_to_255_characters() -> None:
    assert valid_key(str(uuid.uuid4()))
    assert valid_key("a" * 16) and valid_key("~" * 255)
    for bad in ("a" * 15, "a" * 256, "has a space in it!", "كلمة-سر-طويلة-جدا-جدا", "tab\there-is-long-enough"):
        assert not valid_key(bad), bad


def test_a_fingerprint_ignores_field_order_but_not_values_or_names() -> None:
    parts = [("description", b"x"), ("lat", b"33.5"), ("photo 0", b"\xff\xd8")]
    assert fingerprint(parts) == fingerprint(list(reversed(parts)))
    assert fingerprint(parts) != fingerprint([("description", b"y"), *parts[1:]])
    assert fingerprint([("ab", b"c")]) != fingerprint([("a", b"bc")])
