"""The pages of associations, in Arabic and French, with their errors beside the fields."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.associations.models import Association, AssociationStatus, Corroboration
from amane.associations.tests.factories import A_CITIZEN as A_MEMBER
from amane.associations.tests.factories import a_person, member_viewer, registered
from amane.authorities.tests.factories import Units, member_of
from amane.core.viewer import Viewer
from amane.geo.tests.factories import CITY
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

FORM = {
    "name_ar": "جمعية الحي الآمن",
    "name_fr": "Association du quartier sûr",
    "registration_number": "12/2020",
    "domains": ["youth"],
    "communes": CITY,
    "contact_email": "contact@example.org",
}


def member_user(member: Viewer) -> Any:
    return get_user_model().objects.get(pk=member.user_id or 0)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_someone_without_an_account_registers_an_association_and_its_account_at_once(units: Units) -> None:
    client = Client()
    body = {**FORM, "account-account_email": "bureau@example.org", "account-password": "une phrase assez longue"}
    response = client.post("/associations/register/?lang=fr", body)
    association = Association.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/associations/{association.slug}/"
    assert association.members.get().user.username == "bureau@example.org"
    page = client.get(response["Location"] + "?lang=fr").content.decode()
    assert "En attente de vérification" in page


def test_a_refused_registration_shows_each_error_in_arabic_and_creates_no_account(units: Units) -> None:
    body = {**FORM, "registration_number": "?", "account-account_email": "x@example.org", "account-password": "1"}
    response = Client().post("/associations/register/", body)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'lang="ar"' in page
    assert "errorlist" in page
    assert not Association.objects.exists()
    assert not get_user_model().objects.filter(username="x@example.org").exists()


def test_a_commune_may_be_named_instead_of_coded(units: Units) -> None:
    client = signed_in(a_person())
    response = client.post("/associations/register/", {**FORM, "communes": "Grande Ville"})
    assert response.status_code == 302
    assert [commune.code for commune in Association.objects.get().communes.all()] == [CITY]


def test_the_pashalik_verifies_from_the_association_page(units: Units) -> None:
    association = registered()
    officer = signed_in(member_of(units.pashalik.code))
    page = officer.get(f"/associations/{association.slug}/").content.decode()
    assert 'action="/associations/' in page and "decision" in page
    response = officer.post(f"/associations/{association.slug}/decision/", {"decision": "verify"})
    assert response.status_code == 302
    assert Association.objects.get().status == AssociationStatus.VERIFIED
    listed = Client().get("/associations/?commune=" + CITY).content.decode()
    assert association.name_ar in listed


def test_the_public_does_not_see_an_association_waiting_for_verification(units: Units) -> None:
    association = registered()
    assert Client().get(f"/associations/{association.slug}/").status_code == 404
    assert association.name_ar not in Client().get("/associations/").content.decode()


def test_a_police_officer_gets_the_refusal_beside_the_form(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    officer = signed_in(member_of(units.city_police.code))
    response = officer.post(
        f"/associations/{association.slug}/decision/?lang=fr", {"decision": "suspend", "reason": "x"}
    )
    assert response.status_code == 403
    assert "Seule l" in response.content.decode()
    assert Association.objects.get().status == AssociationStatus.VERIFIED


def test_a_member_corroborates_from_the_report_page_and_the_public_sees_the_association_not_the_member(
    units: Units,
) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    member = member_viewer(association)
    client = signed_in(member_user(member))
    report = file_report().report
    page = client.get(f"/reports/{report.public_id}/").content.decode()
    assert f"/associations/corroborate/{report.public_id}/" in page
    response = client.post(
        f"/associations/corroborate/{report.public_id}/",
        {"association": association.slug, "note": "Des jeunes s'y rassemblent chaque soir."},
    )
    assert response.status_code == 302
    public = Client().get(f"/reports/{report.public_id}/").content.decode()
    assert association.name_ar in public
    assert "Des jeunes s" in public
    author = member_user(member).username
    assert author not in public


def test_a_short_note_comes_back_with_its_error(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    member = member_viewer(association)
    client = signed_in(member_user(member))
    report = file_report().report
    response = client.post(
        f"/associations/corroborate/{report.public_id}/", {"association": association.slug, "note": "oui"}
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Corroboration.objects.exists()


def test_an_officer_lists_the_associations_to_decide_on(units: Units) -> None:
    association = registered()
    officer = signed_in(member_of(units.pashalik.code))
    page = officer.get("/associations/to-decide/").content.decode()
    assert association.name_ar in page
    assert signed_in(a_person()).get("/associations/to-decide/").status_code == 404


def test_three_people_flagging_a_note_take_it_off_the_report_page_until_a_moderator_restores_it(
    units: Units, django_capture_on_commit_callbacks: Any
) -> None:
    from amane.associations.services import corroboration_add
    from amane.flags.models import ModerationCase
    from amane.flags.services import case_decide
    from amane.flags.tests.factories import flag, moderator_viewer, visitor

    association = registered(status=AssociationStatus.VERIFIED)
    member = member_viewer(association)
    report = file_report().report
    note = "Des jeunes se rassemblent ici chaque soir."
    corroboration = corroboration_add(
        actor=A_MEMBER, viewer=member, slug=association.slug, report_public_id=report.public_id, note=note
    )
    assert note in Client().get(f"/reports/{report.public_id}/").content.decode()
    # The page kept for visitors is dropped when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            flag("corroboration", str(corroboration.pk), flagger=visitor(n))
    assert note not in Client().get(f"/reports/{report.public_id}/").content.decode()
    case = ModerationCase.objects.get(kind="corroboration")
    with django_capture_on_commit_callbacks(execute=True):
        case_decide(viewer=moderator_viewer(), case_id=case.pk, decision="restore")
    assert note in Client().get(f"/reports/{report.public_id}/").content.decode()
