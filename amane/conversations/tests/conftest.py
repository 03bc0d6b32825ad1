from typing import Any

import pytest

from amane.authorities.tests.factories import Units, build_units
from amane.notifications.sms import MemorySmsBackend


@pytest.fixture
def units() -> Units:
    return build_units()


@pytest.fixture(autouse=True)
def _memory_backends(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AMANE_SMS_BACKEND = "amane.notifications.sms.MemorySmsBackend"
    settings.AMANE_SITE_URL = "https://amane.example"
    MemorySmsBackend.outbox.clear()
