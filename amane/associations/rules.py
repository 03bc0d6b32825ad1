"""
What an association's registration must hold, without Django: the checks the service runs
before it writes anything, each answering with a reason code that the service translates.
"""

import re
from collections.abc import Iterable, Sequence

# The receipt of declaration is numbered by each local authority in its own way
# ("123/2019", "AS-2020-045"): letters, digits and a few separators.
_REGISTRATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/\-. ]{1,38}[A-Za-z0-9]$")
# A Moroccan number, national (05…, 06…, 07…, 08…) or international (+212…).
_PHONE = re.compile(r"^(?:\+212|00212|0)([5-8][0-9]{8})$")

MAX_COMMUNES = 20
NOTE_MIN = 10
NOTE_MAX = 1000


def registration_number_problem(value: str) -> str | None:
    if not value:
        return "required"
    return None if _REGISTRATION.match(value) else "malformed"


def normalised_phone(value: str) -> str | None:
    """'+212612345678' for any way of writing a Moroccan number, None for anything else."""
    digits = re.sub(r"[\s.\-()]", "", value)
    match = _PHONE.match(digits)
    return f"+212{match.group(1)}" if match else None


def domains_problem(domains: Sequence[str], known: Iterable[str]) -> str | None:
    if not domains:
        return "required"
    return "unknown" if set(domains) - set(known) else None


def communes_problem(codes: Sequence[str]) -> str | None:
    if not codes:
        return "required"
    return "too_many" if len(set(codes)) > MAX_COMMUNES else None


def note_problem(note: str) -> str | None:
    length = len(note.strip())
    if length < NOTE_MIN:
        return "too_short"
    return "too_long" if length > NOTE_MAX else None
