"""
Receipt codes: what an anonymous reporter keeps to follow a report.

A code is 20 Crockford base32 symbols (100 bits), shown in four groups of five
("K7QM3-XHD9T-PAW2R-C4NBE") because that is easy to copy from a screen, type on a phone
and read aloud over the phone to an officer. The first six symbols are the selector,
stored in clear to find the report; the other fourteen (70 bits) are the secret, of which
only a salted hash is stored, so whoever reads the database learns no code.

Why the hash is fast (one salted BLAKE2b, about a microsecond), not scrypt: the secret is 70
random bits, not a password, so the cost of the hash is not what protects it.

- A stolen table: finding one record's secret takes 2**69 hashes on average. At 10**10
  BLAKE2b a second (a fast GPU) that is about 1,900 GPU-years per record, and the salt makes
  every record a search of its own. scrypt would make the infeasible more so.
- Guessing on the tracking page: a guess has to hit one of the stored selectors and then the
  70 bits behind it; the rate limit and the 100 bits stop that, not the hash's cost.
- Someone who holds a code finds its report by the selector in one look-up, whatever the hash.

scrypt at 2**14 (the earlier scheme) cost 16 MiB and 26-40 ms of CPU on every submission and
on every wrong guess, which was the server's cost, not an attacker's. Records stored under it
("scrypt$<log2 n>$<salt>$<digest>") still verify; new ones are "blake2b$<salt>$<digest>",
unless a deployer asks for scrypt with AMANE_RECEIPT_SCRYPT_LOG2_N (1 to 20). A record whose
scheme, cost, salt or digest is not exactly what this module writes never verifies.
No server-side key (pepper) is mixed in: rotating it would orphan every code already given.
"""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SELECTOR_LENGTH = 6
SECRET_LENGTH = 14
CODE_LENGTH = SELECTOR_LENGTH + SECRET_LENGTH
GROUP = 5
# Crockford's reading rules: letters people confuse with digits mean the digits.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})

FAST_SCHEME = "blake2b"
SCRYPT_SCHEME = "scrypt"
# The costs any stored scrypt record may carry: 2**20 already needs 1 GiB.
SCRYPT_MIN_LOG2_N = 1
SCRYPT_MAX_LOG2_N = 20
_SCRYPT_R = 8
_SCRYPT_P = 1
SALT_BYTES = 16  # BLAKE2b's own salt parameter takes at most 16 bytes
DIGEST_BYTES = 32
# BLAKE2b's personalisation: a hash made for receipt codes is never valid for anything else.
_PERSON = b"amane-receipt"


@dataclass(frozen=True)
class ReceiptCode:
    selector: str
    secret: str

    def display(self) -> str:
        raw = self.selector + self.secret
        return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))

    def __repr__(self) -> str:
        # Never let a code reach a log through repr().
        return f"ReceiptCode(selector={self.selector!r}, secret=<hidden>)"


def generate() -> ReceiptCode:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return ReceiptCode(raw[:SELECTOR_LENGTH], raw[SELECTOR_LENGTH:])


def parse(text: str) -> ReceiptCode | None:
    """Return the code a person typed, forgiving case, spaces, dashes and O/I/L; else None."""
    if not text.isascii():
        # upper() would turn "ß" into "SS": only what the code alphabet can spell is read.
        return None
    raw = "".join(ch for ch in text.upper() if ch not in " -_.\t\n").translate(_READ_AS)
    if len(raw) != CODE_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return ReceiptCode(raw[:SELECTOR_LENGTH], raw[SELECTOR_LENGTH:])


def hash_secret(secret: str, *, log2_n: int = 0) -> str:
    """Return a self-describing salted hash of a code's secret: BLAKE2b, or scrypt at 2**log2_n."""
    if not _is_secret(secret):
        raise ValueError("not the secret part of a receipt code")
    salt = secrets.token_bytes(SALT_BYTES)
    if log2_n == 0:
        return f"{FAST_SCHEME}${_b64(salt)}${_b64(_blake2b(secret, salt))}"
    if not SCRYPT_MIN_LOG2_N <= log2_n <= SCRYPT_MAX_LOG2_N:
        raise ValueError(f"scrypt's log2_n must be 0 (no scrypt) or {SCRYPT_MIN_LOG2_N} to {SCRYPT_MAX_LOG2_N}")
    return f"{SCRYPT_SCHEME}${log2_n}${_b64(salt)}${_b64(_scrypt(secret, salt, log2_n))}"


def verify_secret(secret: str, stored: str) -> bool:
    """Return whether a stored hash is of this secret; a malformed or unknown record never is."""
    if not _is_secret(secret):
        return False
    parts = stored.split("$")
    if parts[0] == FAST_SCHEME and len(parts) == 3:
        salt, digest = _exact_b64(parts[1], SALT_BYTES), _exact_b64(parts[2], DIGEST_BYTES)
        if salt is None or digest is None:
            return False
        candidate = _blake2b(secret, salt)
    elif parts[0] == SCRYPT_SCHEME and len(parts) == 4:
        cost = _scrypt_cost(parts[1])
        salt, digest = _exact_b64(parts[2], SALT_BYTES), _exact_b64(parts[3], DIGEST_BYTES)
        if cost is None or salt is None or digest is None:
            return False
        candidate = _scrypt(secret, salt, cost)
    else:
        return False
    return hmac.compare_digest(candidate, digest)


def _is_secret(text: str) -> bool:
    return len(text) == SECRET_LENGTH and all(ch in ALPHABET for ch in text)


def _scrypt_cost(text: str) -> int | None:
    # Written by str(int): plain ASCII digits, no sign, space, underscore or leading zero.
    if not re.fullmatch(r"[1-9][0-9]?", text):
        return None
    cost = int(text)
    return cost if SCRYPT_MIN_LOG2_N <= cost <= SCRYPT_MAX_LOG2_N else None


def _exact_b64(text: str, size: int) -> bytes | None:
    """Return the bytes of unpadded URL-safe base64 as _b64 writes it for size bytes, else None."""
    try:
        data = _unb64(text)
    except ValueError:  # binascii.Error: bad padding or length
        return None
    return data if len(data) == size and _b64(data) == text else None


def _blake2b(secret: str, salt: bytes) -> bytes:
    return hashlib.blake2b(secret.encode("ascii"), digest_size=DIGEST_BYTES, salt=salt, person=_PERSON).digest()


def _scrypt(secret: str, salt: bytes, log2_n: int) -> bytes:
    # OpenSSL counts scrypt's memory as 128 * r * (n + p + 2) bytes and refuses more than
    # maxmem. The earlier "twice 128 * r * n" was too little at 2**1 and, at 2**20, past the
    # largest int maxmem may be: both costs failed on every hash.
    maxmem = 128 * _SCRYPT_R * (2**log2_n + _SCRYPT_P + 2)
    return hashlib.scrypt(
        secret.encode("ascii"), salt=salt, n=2**log2_n, r=_SCRYPT_R, p=_SCRYPT_P, maxmem=maxmem, dklen=DIGEST_BYTES
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
