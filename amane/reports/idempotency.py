"""
Idempotency keys: a client that lost the answer to a report it filed asks again, safely.

A phone on a weak network sends a report, the server files it, and the 201 never arrives;
the client sends the same request again. With an `Idempotency-Key` header (a random value
the client made for that one report, such as a UUID), the second request gets the first
answer, receipt code included, and no second report is filed.

The first answer holds a receipt code, which Amane otherwise never stores. It is kept
sealed under the key itself: the stored row holds a hash of the key, to find it, and the
code XORed with a pad drawn from another hash of the key. Without the key (which only the
client has) the row gives no code back; one key seals one code, so the pad is never reused.
"""

import hashlib
import hmac
import re

MIN_KEY_LENGTH = 16
MAX_KEY_LENGTH = 255
# Printable ASCII without spaces: what a UUID, a ULID or base64url text is made of.
_KEY_SHAPE = re.compile(rf"[\x21-\x7e]{{{MIN_KEY_LENGTH},{MAX_KEY_LENGTH}}}")


def valid_key(key: str) -> bool:
    return bool(_KEY_SHAPE.fullmatch(key))


def _derive(purpose: bytes, key: str, length: int = 32) -> bytes:
    return hashlib.blake2b(key.encode("ascii"), digest_size=length, person=purpose).digest()


def key_digest(key: str) -> str:
    """Return what the database keeps to find a key's record: a hash, never the key."""
    return _derive(b"amane.idem.find", key).hex()


def seal(receipt_code: str, key: str) -> str:
    data = receipt_code.encode("ascii")
    pad = _derive(b"amane.idem.seal", key, len(data))
    return bytes(a ^ b for a, b in zip(data, pad, strict=True)).hex()


def unseal(sealed: str, key: str) -> str:
    data = bytes.fromhex(sealed)
    pad = _derive(b"amane.idem.seal", key, len(data))
    return bytes(a ^ b for a, b in zip(data, pad, strict=True)).decode("ascii", errors="replace")


def fingerprint(parts: list[tuple[str, bytes]]) -> str:
    """Return a digest of a request's fields and files, whatever their order."""
    digest = hashlib.sha256()
    for name, value in sorted(parts):
        for piece in (name.encode(), value):
            digest.update(len(piece).to_bytes(8, "big"))
            digest.update(piece)
    return digest.hexdigest()


def same_request(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
