"""POST /api/v1/flags, and what a hidden report does to every public read."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import SettingsWrapper

from amane.authorities.tests.factories import Units, signed_in_officer
from amane.flags.models import Flag, ModerationCase
from amane.flags.services import Decision, case_decide
from amane.flags.tests.factories import moderator_viewer, signed_in
from amane.geo.tests.factories import URBAN
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def _flag(client: Client, body: dict[str, object], language: str = "ar") -> tuple[int, dict[str, object]]:
    response = client.post(
        "/api/v1/flags", body, content_type="application/json", headers={"accept-language": language}
    )
    return response.status_code, response.json()


def _visitor(n: int) -> Client:
    return Client(REMOTE_ADDR=f"192.0.2.{n}", HTTP_USER_AGENT=f"Mozilla/5.0 Test/{n}")


def _hide(report: Report) -> None:
    for n in range(1, 4):
        status, _body = _flag(_visitor(n), {"kind": "report", "id": report.public_id, "reason": "misleading"})
        assert status == 201


class TestFlagEndpoint:
    def test_counted_then_repeated(self, units: Units) -> None:
        report = file_report().report
        visitor = _visitor(1)
        assert _flag(visitor, {"kind": "report", "id": report.public_id, "reason": "other", "text": "Pas vrai"}) == (
            201,
            {"hidden": False, "counted": True},
        )
        assert _flag(visitor, {"kind": "report", "id": report.public_id, "reason": "other"}) == (
            200,
            {"hidden": False, "counted": False},
        )
        assert Flag.objects.get().text == "Pas vrai"

    def test_third_visitor_hides(self, units: Units) -> None:
        report = file_report().report
        _hide(report)
        report.refresh_from_db()
        assert report.hidden

    def test_the_same_account_counts_once_from_two_browsers(self, units: Units) -> None:
        report = file_report().report
        user = get_user_model().objects.create_user(username="citizen")
        for n in (1, 2):
            client = signed_in(user)
            client.defaults.update(REMOTE_ADDR=f"192.0.2.{n}", HTTP_USER_AGENT=f"Browser/{n}")
            _flag(client, {"kind": "report", "id": report.public_id, "reason": "abusive"})
        assert Flag.objects.count() == 1

    @pytest.mark.parametrize(
        "body",
        [
            {"kind": "planet", "id": "abc", "reason": "other"},
            {"kind": "report", "id": "doesnotexist", "reason": "other"},
        ],
    )
    def test_unknown_kind_or_id_is_a_404_problem(self, units: Units, body: dict[str, object]) -> None:
        response = Client().post("/api/v1/flags", body, content_type="application/json")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"

    def test_bad_reason_is_a_400_on_the_field_in_french(self, units: Units) -> None:
        report = file_report().report
        response = Client().post(
            "/api/v1/flags",
            {"kind": "report", "id": report.public_id, "reason": "boring"},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert response.status_code == 400
        assert response.json()["errors"]["reason"] == ["Choisissez l’un des motifs."]
        assert not Flag.objects.exists()

    def test_missing_fields_are_400_per_field(self, units: Units) -> None:
        response = Client().post("/api/v1/flags", {"kind": "report"}, content_type="application/json")
        assert response.status_code == 400
        assert {"id", "reason"} <= set(response.json()["errors"])

    def test_rate_limited_per_flagger_with_a_429(self, units: Units, settings: SettingsWrapper) -> None:
        settings.RATELIMIT_ENABLE = True
        settings.AMANE_RATE_LIMIT_FLAG = "2/h"
        reports = [file_report().report for _ in range(3)]
        visitor = _visitor(1)
        answers = [_flag(visitor, {"kind": "report", "id": r.public_id, "reason": "other"}, "ar") for r in reports]
        assert [status for status, _body in answers] == [201, 201, 429]
        assert answers[2][1]["code"] == "too_many_flags"
        assert answers[2][1]["title"] == "أرسلت إشارات كثيرة."
        # Another visitor is not held back by the first one's flags.
        assert _flag(_visitor(2), {"kind": "report", "id": reports[2].public_id, "reason": "other"})[0] == 201
        assert Flag.objects.count() == 3


class TestHiddenReportLeavesThePublic:
    def test_gone_from_every_public_read_and_back_on_restore(self, units: Units) -> None:
        report = file_report().report
        public = Client()
        assert public.get(f"/reports/{report.public_id}/").status_code == 200  # cached now
        _hide(report)
        ids = [r["id"] for r in public.get("/api/v1/reports").json()["results"]]
        assert report.public_id not in ids
        assert public.get(f"/api/v1/reports/{report.public_id}").status_code == 404
        assert public.get(f"/reports/{report.public_id}/").status_code == 404
        cells = public.get("/api/v1/reports/cells", {"resolution": 9}).json()["results"]
        assert sum(cell["count"] for cell in cells) == 0
        commune = public.get(f"/communes/{URBAN}/").content.decode()
        assert report.public_id not in commune
        assert public.get(f"/communes/{URBAN}/summary.json").json()["total"] == 0
        # The units it reached still have it in their inbox.
        inbox = signed_in_officer("police-urban").get("/inbox/").content.decode()
        assert report.public_id in inbox

        case_decide(viewer=moderator_viewer(), case_id=ModerationCase.objects.get().pk, decision=Decision.RESTORE)
        assert public.get(f"/reports/{report.public_id}/").status_code == 200
        assert report.public_id in [r["id"] for r in public.get("/api/v1/reports").json()["results"]]
        cells = public.get("/api/v1/reports/cells", {"resolution": 9}).json()["results"]
        assert sum(cell["count"] for cell in cells) == 1
        assert public.get(f"/communes/{URBAN}/summary.json").json()["total"] == 1

    def test_the_reporter_sees_it_hidden_on_the_tracking_page(self, units: Units) -> None:
        filed = file_report()
        _hide(filed.report)
        page = Client().post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        assert 'id="tracked-hidden"' in page
        assert 'id="tracked-public-page"' not in page


def test_nothing_stored_holds_an_address_or_a_user_agent(units: Units) -> None:
    from amane.audit.models import AuditEntry

    report = file_report().report
    address, agent = "203.0.113.77", "Mozilla/5.0 (Linux; Android 14) UniqueAgent/31337"
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    _flag(client, {"kind": "report", "id": report.public_id, "reason": "personal_data"})
    rows = [
        *Flag.objects.values(),
        *AuditEntry.objects.filter(action__startswith="flag").values(),
        *ModerationCase.objects.values(),
    ]
    assert rows
    stored = repr(rows)
    for secret in (address, agent, "UniqueAgent", "203.0.113"):
        assert secret not in stored
    # The day's salt lives in the cache alone, never beside the rows.
    salt = cache.get(f"amane:flags:salt:{timezone.localdate().isoformat()}")
    assert isinstance(salt, str) and salt not in stored
