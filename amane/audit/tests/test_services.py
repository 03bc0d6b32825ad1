"""An audit row records who did what, inside the transaction of the change."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from amane.audit.models import AuditEntry
from amane.audit.services import audit_record
from amane.core import clock
from amane.core.actors import ANONYMOUS_REPORTER, DEMO_AUTHORITY, authority_user

pytestmark = pytest.mark.django_db
EVENING = timezone.make_aware(dt.datetime(2026, 5, 17, 21, 47, 12))


def test_it_refuses_to_write_outside_a_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each test runs inside a transaction; the connection is made to say it is not in one.
    monkeypatch.setattr(connection, "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=ANONYMOUS_REPORTER, action="report.submit", target_type="report", target_id="x")
    assert not AuditEntry.objects.exists()


def test_a_signed_in_actor_is_named_with_the_exact_time() -> None:
    user = get_user_model().objects.create(username="officer")
    with transaction.atomic(), clock.pinned_at(EVENING):
        entry = audit_record(
            actor=authority_user(user.pk), action="report.status", target_type="report", target_id="r1"
        )
    entry.refresh_from_db()
    assert (entry.actor_user_id, entry.actor_role, entry.at) == (user.pk, "authority", EVENING)


def test_an_anonymous_reporter_leaves_the_day_only_and_no_user() -> None:
    with transaction.atomic(), clock.pinned_at(EVENING):
        entry = audit_record(actor=ANONYMOUS_REPORTER, action="report.submit", target_type="report", target_id="r2")
    entry.refresh_from_db()
    local = timezone.localtime(entry.at)
    assert entry.actor_user_id is None
    assert local.date() == timezone.localdate(EVENING)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)


def test_a_demo_actor_marks_its_rows_as_demo() -> None:
    with transaction.atomic():
        entry = audit_record(actor=DEMO_AUTHORITY, action="report.status", target_type="report", target_id="r3")
    assert entry.is_demo is True


def test_the_row_rolls_back_with_the_change_it_records() -> None:
    def change_that_fails_after_its_row() -> None:
        with transaction.atomic():
            audit_record(actor=ANONYMOUS_REPORTER, action="report.submit", target_type="report", target_id="r4")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_that_fails_after_its_row()
    assert not AuditEntry.objects.exists()
