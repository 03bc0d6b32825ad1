"""
Telling someone that something happened, by e-mail or text message, once the change has committed.

A notice carries a short text and a link, never the content of a confidential report: the
reporter or officer follows the link and reads it where Amane decides who may. Sending is
deferred to `transaction.on_commit`, so that a change rolled back tells nobody.
"""

import re
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from amane.notifications.sms import sms_backend

# What a reporter may leave as a contact: an e-mail address, or a phone number.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{6,18}[0-9]$")


@dataclass(frozen=True)
class Notice:
    subject: str
    text: str
    link: str


def channel_of(contact: str) -> str | None:
    """'email', 'sms' or None (a contact that is neither is not written to)."""
    contact = contact.strip()
    if _EMAIL.match(contact):
        return "email"
    if _PHONE.match(contact):
        return "sms"
    return None


def _deliver(contact: str, notice: Notice) -> None:
    channel = channel_of(contact)
    body = f"{notice.text}\n{notice.link}"
    if channel == "email":
        send_mail(notice.subject, body, settings.DEFAULT_FROM_EMAIL, [contact.strip()])
    elif channel == "sms":
        sms_backend().send(contact.strip(), body)


def notify(*, contact: str, notice: Notice) -> None:
    """Send the notice to an e-mail address or phone number once the current transaction commits."""
    if contact and channel_of(contact):
        transaction.on_commit(partial(_deliver, contact, notice))
