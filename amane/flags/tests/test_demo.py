import pytest

from amane.authorities.tests.factories import Units
from amane.flags import demo
from amane.flags.models import CaseState, Flag, ModerationCase
from amane.geo.tests.factories import PROVINCE
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def test_one_report_below_the_threshold_and_one_case_pending(units: Units, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "CASABLANCA", PROVINCE)
    for _ in range(3):  # a third, which a second run must leave alone
        Report.objects.filter(pk=file_report().report.pk).update(is_demo=True)
    demo.seed_demo()
    demo.seed_demo()  # again: nothing more
    assert ModerationCase.objects.filter(state=CaseState.PENDING).count() == 1
    assert Flag.objects.filter(case__isnull=True).count() == 2  # the report below the threshold
    assert Flag.objects.count() == 5
    assert Report.objects.filter(hidden=True).count() == 1


def test_without_demo_reports_it_says_so(units: Units) -> None:
    assert "no public demo report" in demo.seed_demo()
    assert not Flag.objects.exists()
