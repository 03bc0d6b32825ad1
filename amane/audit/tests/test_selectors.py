"""Only platform staff read the audit trail; to anyone else it does not exist."""

import pytest
from django.db import transaction

from amane.audit.selectors import audit_trail
from amane.audit.services import audit_record
from amane.core.actors import ANONYMOUS_REPORTER, Actor, Role
from amane.core.errors import NotFound
from amane.core.viewer import PUBLIC, Viewer, officer, staff

pytestmark = pytest.mark.django_db
STAFF = staff(1)


def _record(target_id: str, action: str) -> None:
    with transaction.atomic():
        audit_record(actor=ANONYMOUS_REPORTER, action=action, target_type="report", target_id=target_id)


def test_staff_read_one_records_trail_oldest_first() -> None:
    _record("a", "report.submit")
    _record("b", "report.submit")
    with transaction.atomic():
        audit_record(actor=Actor(role=Role.AUTHORITY), action="report.status", target_type="report", target_id="a")
    trail = audit_trail(viewer=STAFF, target_type="report", target_id="a")
    assert [e.action for e in trail] == ["report.submit", "report.status"]


@pytest.mark.parametrize("viewer", [PUBLIC, Viewer(user_id=7), officer(8, {101})])
def test_anyone_else_is_told_nothing_exists(viewer: Viewer) -> None:
    _record("a", "report.submit")
    with pytest.raises(NotFound):
        audit_trail(viewer=viewer, target_type="report", target_id="a")
