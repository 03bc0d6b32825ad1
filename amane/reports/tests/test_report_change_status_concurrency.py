"""Two officers at once, on PostgreSQL's real row locks (SQLite serialises writers anyway)."""

import threading

import pytest
from django.db import connection, connections, transaction

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]


def test_linking_to_a_chain_while_another_officer_holds_its_root_waits_instead_of_deadlocking() -> None:
    build_square_geography()
    root, middle, new = (file_report().report for _ in range(3))
    report_change_status(
        actor=AN_AUTHORITY, public_id=middle.public_id, new_status="duplicate", duplicate_of_public_id=root.public_id
    )
    root_locked, errors = threading.Event(), []

    def other_officer() -> None:
        # Holds the root, then wants the new report: the order that once deadlocked.
        try:
            with transaction.atomic():
                list(Report.objects.select_for_update().filter(pk=root.pk))
                root_locked.set()
                threading.Event().wait(0.5)
                list(Report.objects.select_for_update().filter(pk=new.pk))
        except Exception as error:  # recorded for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    def officer() -> None:
        try:
            report_change_status(
                actor=AN_AUTHORITY,
                public_id=new.public_id,
                new_status="duplicate",
                duplicate_of_public_id=middle.public_id,
            )
        except Exception as error:  # recorded for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    first = threading.Thread(target=other_officer)
    first.start()
    assert root_locked.wait(5)
    second = threading.Thread(target=officer)
    second.start()
    first.join(10)
    second.join(10)
    assert not first.is_alive() and not second.is_alive()
    assert errors == []
    assert Report.objects.get(pk=new.pk).duplicate_of_id == root.pk
