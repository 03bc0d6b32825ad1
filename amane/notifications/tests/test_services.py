"""Notices go out after the commit, by the channel the contact names, and nowhere when it names none."""

from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from amane.notifications.services import Notice, channel_of, notify
from amane.notifications.sms import MemorySmsBackend

NOTICE = Notice(subject="Amane", text="Your report has an answer.", link="https://amane.example/track/")


@pytest.fixture(autouse=True)
def _memory_backends(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AMANE_SMS_BACKEND = "amane.notifications.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()


@pytest.mark.parametrize(
    ("contact", "channel"),
    [("a@b.ma", "email"), ("+212 6 12 34 56 78", "sms"), ("0612345678", "sms"), ("call me", None), ("", None)],
)
def test_the_contact_names_the_channel(contact: str, channel: str | None) -> None:
    assert channel_of(contact) == channel


@pytest.mark.django_db
def test_an_email_and_a_text_go_out_once_the_change_commits(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(contact="reporter@example.ma", notice=NOTICE)
        notify(contact="+212612345678", notice=NOTICE)
        assert mail.outbox == [] and MemorySmsBackend.outbox == []
    assert [m.to for m in mail.outbox] == [["reporter@example.ma"]]
    assert NOTICE.link in mail.outbox[0].body
    assert MemorySmsBackend.outbox == [("+212612345678", f"{NOTICE.text}\n{NOTICE.link}")]


@pytest.mark.django_db
def test_a_change_rolled_back_tells_nobody(django_capture_on_commit_callbacks: Any) -> None:
    def change_that_fails() -> None:
        with transaction.atomic():
            notify(contact="reporter@example.ma", notice=NOTICE)
            raise ZeroDivisionError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ZeroDivisionError):
        change_that_fails()
    assert callbacks == [] and mail.outbox == []
