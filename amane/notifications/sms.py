"""
Text messages, behind one small interface so that a deployer plugs in their operator's gateway.

`AMANE_SMS_BACKEND` names a class with `send(phone, text)`; the default prints to the console
(development), like Django's console e-mail backend.
"""

import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleSmsBackend:
    def send(self, phone: str, text: str) -> None:
        print(f"SMS to {phone}: {text}", file=sys.stdout, flush=True)


class MemorySmsBackend:
    """Keeps what was sent, for tests (like Django's locmem e-mail backend)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemorySmsBackend.outbox.append((phone, text))


def sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.AMANE_SMS_BACKEND)()
    return backend
