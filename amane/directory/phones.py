"""
Moroccan telephone numbers as a directory stores them: ten digits, or a short service number.

A subscriber number is dialled inside Morocco as 0 and nine digits, the second digit telling
the network: 05 fixed lines ("05 28 85 12 34" in Taroudant), 06 and 07 mobiles, 08 shared-cost
and free numbers ("0801 00 …"). People write them with spaces, dashes, dots, the +212 or 00212
prefix, and Arabic-Indic digits; all of these come back as the same ten digits. Short numbers
(15, 19, 177, 5757) are two to four digits that never start with 0. Plain Python, no Django.
"""

import re

SUBSCRIBER = re.compile(r"0[5-8]\d{8}")
SHORT = re.compile(r"[1-9]\d{1,3}")
# Separators people put between groups of digits; anything else is refused, not dropped.
_SEPARATORS = re.compile(r"[\s\-./()\u00a0\u202f\u200e\u200f]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
MAX_INPUT = 40


class PhoneError(ValueError):
    """A number that cannot be stored; `reason` is "empty", "characters", "prefix" or "length"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def normalise_phone(raw: str) -> str:
    """Return the number as stored (0XXXXXXXXX or a short number); raise PhoneError if it is not one."""
    if len(raw or "") > MAX_INPUT:
        raise PhoneError("length")
    text = _SEPARATORS.sub("", (raw or "").translate(_DIGITS))
    if not text:
        raise PhoneError("empty")
    if text.startswith("+"):
        text = "00" + text[1:]
    if not text.isascii() or not text.isdigit():
        raise PhoneError("characters")
    if text.startswith("00212"):
        text = "0" + text[5:]
    elif text.startswith("212") and len(text) == 12:
        text = "0" + text[3:]
    elif text.startswith("00"):
        # Another country's number: a Moroccan directory lists Moroccan lines.
        raise PhoneError("prefix")
    if SUBSCRIBER.fullmatch(text) or SHORT.fullmatch(text):
        return text
    if text.startswith("0") and len(text) == 10:
        raise PhoneError("prefix")
    raise PhoneError("length")


def display_phone(number: str) -> str:
    """Return the number grouped as Moroccans write it: "05 28 85 12 34"; a short number unchanged."""
    if len(number) != 10:
        return number
    return " ".join(number[at : at + 2] for at in range(0, 10, 2))


def tel_uri(number: str) -> str:
    """Return a tel: address that dials from any phone: international for subscriber numbers."""
    if len(number) == 10 and number.startswith("0"):
        return f"tel:+212{number[1:]}"
    return f"tel:{number}"
