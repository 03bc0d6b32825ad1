import pytest
from django.contrib.auth.models import User
from django.test import Client

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Category, CellTotal, Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("admin", password="x"))
    return client


def test_an_admin_can_rename_a_category(staff_client: Client) -> None:
    category = Category.objects.get(code="theft")
    response = staff_client.post(
        f"/admin/reports/category/{category.pk}/change/",
        {
            "code": "theft",
            "name_ar": "سرقة",
            "name_fr": "Vol",
            "confidential": "",
            "active": "on",
            "position": "1",
        },
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name_ar, category.name_fr) == ("سرقة", "Vol")


def test_making_a_category_confidential_in_the_admin_hides_its_reports_and_counts(staff_client: Client) -> None:
    build_square_geography()
    file_report()
    category = Category.objects.get(code="theft")
    response = staff_client.post(
        f"/admin/reports/category/{category.pk}/change/",
        {"code": "theft", "name_ar": "سرقة", "name_fr": "Vol", "confidential": "on", "active": "on", "position": "1"},
    )
    assert response.status_code == 302
    assert Report.objects.get().public is False
    assert not CellTotal.objects.filter(count__gt=0).exists()
    assert staff_client.get("/api/v1/reports/cells?resolution=9").json()["results"] != []  # staff still count it
    staff_client.logout()
    assert staff_client.get("/api/v1/reports/cells?resolution=9").json()["results"] == []


def test_the_report_admin_never_shows_the_receipt_hash(staff_client: Client) -> None:
    build_square_geography()
    report = file_report().report
    html = staff_client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert report.public_id in html
    assert report.receipt_hash not in html and "receipt" not in html.lower()


def test_staff_move_reports_along_the_lifecycle_through_the_service(staff_client: Client) -> None:
    build_square_geography()
    report = file_report().report
    response = staff_client.post(
        "/admin/reports/report/", {"action": "resolve", "_selected_action": [report.pk]}, follow=True
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == "submitted"  # submitted cannot jump to resolved: refused, reported
    staff_client.post("/admin/reports/report/", {"action": "acknowledge", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == "acknowledged"
    assert list(report.events.values_list("status", flat=True)) == ["submitted", "acknowledged"]


def test_staff_who_may_only_view_reports_cannot_change_their_status(client: Client) -> None:
    from django.contrib.auth.models import Permission

    build_square_geography()
    report = file_report().report
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(viewer)
    client.post("/admin/reports/report/", {"action": "acknowledge", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == "submitted"


def test_staff_moves_store_no_text_so_that_each_reader_gets_the_default_in_their_language(
    staff_client: Client,
) -> None:
    build_square_geography()
    report = file_report().report
    staff_client.post("/admin/reports/report/", {"action": "acknowledge", "_selected_action": [report.pk]})
    assert report.events.get(status="acknowledged").message == ""
