"""
Receipt codes: what an anonymous reporter keeps to follow a report.

A code is 20 Crockford base32 symbols (100 bits), shown in four groups of five
("K7QM3-XHD9T-PAW2R-C4NBE") because that is easy to copy from a screen, type on a phone
and read aloud over the phone to an officer. The first six symbols are the selector,
stored in clear to find the report; the other fourteen (70 bits) are the secret, of which
only a salted scrypt hash is stored. Whoever reads the database therefore learns no code,
and a stolen table cannot be turned back into codes at any useful speed.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SELECTOR_LENGTH = 6
SECRET_LENGTH = 14
CODE_LENGTH = SELECTOR_LENGTH + SECRET_LENGTH
GROUP = 5
# Crockford's reading rules: letters people confuse with digits mean the digits.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


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


def hash_secret(secret: str, *, log2_n: int) -> str:
    """Return a self-describing scrypt hash of a code's secret part."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, salt, log2_n)
    return f"scrypt${log2_n}${_b64(salt)}${_b64(digest)}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, log2_n, salt, digest = stored.split("$")
        cost = int(log2_n)
    except ValueError:
        return False
    if scheme != "scrypt" or not 1 <= cost <= 20:
        return False
    candidate = _scrypt(secret, _unb64(salt), cost)
    return hmac.compare_digest(candidate, _unb64(digest))


def _scrypt(secret: str, salt: bytes, log2_n: int) -> bytes:
    # scrypt needs 128 * r * n bytes; allow twice that so any configured cost works.
    maxmem = 2 * 128 * 8 * 2**log2_n
    return hashlib.scrypt(secret.encode("ascii"), salt=salt, n=2**log2_n, r=8, p=1, maxmem=maxmem, dklen=32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
