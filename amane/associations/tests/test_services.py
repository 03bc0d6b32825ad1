"""The rules of associations: who registers, who decides, who acts in their name."""

from typing import Any

import pytest
from django.core import mail

from amane.associations.models import Association, AssociationMember, AssociationStatus, Corroboration, MemberRole
from amane.associations.services import (
    association_decide,
    association_register,
    corroboration_add,
    corroboration_withdraw,
    member_invitation_accept,
    member_invite,
    member_remove,
)
from amane.associations.tests.factories import (
    A_CITIZEN,
    a_person,
    admin_viewer,
    member_viewer,
    registered,
    registration,
)
from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units, officer_of
from amane.core.actors import Actor, authority_user
from amane.core.errors import Conflict, InvalidInput, InvalidTransition, NotAllowed, NotFound
from amane.core.viewer import Viewer, viewer_for
from amane.geo.tests.factories import CITY, RURAL
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def acting(viewer: Viewer) -> Actor:
    """The officer as the actor of their decision (the audit row names an existing user)."""
    return authority_user(viewer.user_id or 0)


def test_a_registered_association_waits_for_verification_with_its_registrant_as_admin(units: Units) -> None:
    admin = a_person()
    association = association_register(actor=A_CITIZEN, user=admin, registration=registration())
    assert association.status == AssociationStatus.PENDING
    assert AssociationMember.objects.get(association=association).user == admin
    assert AssociationMember.objects.get(association=association).role == MemberRole.ADMIN
    assert [commune.code for commune in association.communes.all()] == [CITY]
    assert AuditEntry.objects.filter(action="association.register", target_id=association.slug).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name_ar": "  "}, "name_ar"),
        ({"name_fr": "x" * 201}, "name_fr"),
        ({"registration_number": "?"}, "registration_number"),
        ({"domains": []}, "domains"),
        ({"domains": ["gardening"]}, "domains"),
        ({"commune_codes": []}, "communes"),
        ({"commune_codes": ["00.000.00.00"]}, "communes"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"contact_email": "", "contact_phone": ""}, "contact_email"),
    ],
)
def test_a_bad_registration_is_refused_field_by_field_and_leaves_nothing(
    units: Units, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        association_register(actor=A_CITIZEN, user=a_person(), registration=registration(**overrides))
    assert field in refused.value.fields
    assert not Association.objects.exists()
    assert not AuditEntry.objects.filter(action="association.register").exists()


def test_a_registration_number_is_registered_once(units: Units) -> None:
    registered(registration_number="77/2019")
    with pytest.raises(InvalidInput) as refused:
        association_register(actor=A_CITIZEN, user=a_person(), registration=registration(registration_number="77/2019"))
    assert "registration_number" in refused.value.fields


def test_a_phone_number_is_kept_in_one_form(units: Units) -> None:
    association = registered(contact_phone="06 12-34.56 78")
    assert association.contact_phone == "+212612345678"


def test_the_pashalik_covering_the_commune_verifies_the_association(units: Units) -> None:
    association = registered()
    pasha = officer_of(units.pashalik.code)
    decided = association_decide(actor=acting(pasha), viewer=pasha, slug=association.slug, decision="verify")
    assert decided.status == AssociationStatus.VERIFIED
    assert decided.decided_by_unit == units.pashalik
    entry = AuditEntry.objects.get(action="association.verify")
    assert (entry.before, entry.after) == ({"status": "pending"}, {"status": "verified"})


def test_the_province_above_the_commune_may_decide_too(units: Units) -> None:
    association = registered()
    governor = officer_of(units.province.code)
    association_decide(actor=acting(governor), viewer=governor, slug=association.slug, decision="verify")
    assert Association.objects.get(pk=association.pk).decided_by_unit == units.province


@pytest.mark.parametrize("unit_name", ["city_police", "city_council", "caidat"])
def test_the_police_the_council_and_another_communes_caid_do_not_decide(units: Units, unit_name: str) -> None:
    association = registered()
    officer = officer_of(getattr(units, unit_name).code)
    with pytest.raises(NotAllowed):
        association_decide(actor=acting(officer), viewer=officer, slug=association.slug, decision="verify")
    assert Association.objects.get(pk=association.pk).status == AssociationStatus.PENDING


def test_a_rural_association_is_verified_by_its_caidat(units: Units) -> None:
    association = registered(commune_codes=[RURAL])
    caid = officer_of(units.caidat.code)
    association_decide(actor=acting(caid), viewer=caid, slug=association.slug, decision="verify")
    assert Association.objects.get(pk=association.pk).status == AssociationStatus.VERIFIED


def test_suspending_needs_a_reason_and_a_verified_association(units: Units) -> None:
    pasha = officer_of(units.pashalik.code)
    pending = registered()
    with pytest.raises(InvalidInput) as refused:
        association_decide(actor=acting(pasha), viewer=pasha, slug=pending.slug, decision="suspend")
    assert "reason" in refused.value.fields
    with pytest.raises(InvalidTransition):
        association_decide(actor=acting(pasha), viewer=pasha, slug=pending.slug, decision="suspend", reason="x")
    verified = registered(status=AssociationStatus.VERIFIED)
    association_decide(
        actor=acting(pasha), viewer=pasha, slug=verified.slug, decision="suspend", reason="Fausses déclarations"
    )
    assert Association.objects.get(pk=verified.pk).status == AssociationStatus.SUSPENDED
    assert Association.objects.get(pk=verified.pk).decision_reason == "Fausses déclarations"


def test_an_unknown_decision_is_refused(units: Units) -> None:
    association = registered()
    pasha = officer_of(units.pashalik.code)
    with pytest.raises(InvalidInput):
        association_decide(actor=acting(pasha), viewer=pasha, slug=association.slug, decision="delete")


def test_an_admin_invites_a_member_who_joins_with_the_link_once(
    units: Units, django_capture_on_commit_callbacks: Any
) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    admin = admin_viewer(association)
    with django_capture_on_commit_callbacks(execute=True):
        token = member_invite(
            actor=A_CITIZEN,
            viewer=admin,
            slug=association.slug,
            email="Amina@Example.org",
            base_url="http://testserver",
        )
    assert token in mail.outbox[0].body
    user = member_invitation_accept(token=token, user=None, password="a long pass phrase 2024")
    assert user.username == "amina@example.org"
    assert association.pk in viewer_for(user).association_ids
    with pytest.raises(NotFound):
        member_invitation_accept(token=token, user=None, password="a long pass phrase 2024")


def test_a_member_who_is_not_admin_invites_nobody(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    with pytest.raises(NotAllowed):
        member_invite(
            actor=A_CITIZEN,
            viewer=member_viewer(association),
            slug=association.slug,
            email="x@example.org",
            base_url="http://testserver",
        )
    assert not mail.outbox


def test_the_last_admin_stays(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    admin = admin_viewer(association)
    with pytest.raises(Conflict):
        member_remove(actor=A_CITIZEN, viewer=admin, slug=association.slug, user_id=admin.user_id or 0)
    member = member_viewer(association)
    member_remove(actor=A_CITIZEN, viewer=admin, slug=association.slug, user_id=member.user_id or 0)
    assert association.members.count() == 1


def test_a_member_of_a_verified_association_corroborates_a_public_report_once(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    member = member_viewer(association)
    report = file_report().report
    corroboration_add(
        actor=A_CITIZEN,
        viewer=member,
        slug=association.slug,
        report_public_id=report.public_id,
        note="Nous le voyons aussi.",
    )
    assert Corroboration.objects.get().author_id == member.user_id
    with pytest.raises(Conflict):
        corroboration_add(
            actor=A_CITIZEN,
            viewer=member,
            slug=association.slug,
            report_public_id=report.public_id,
            note="Encore une fois.",
        )
    corroboration_withdraw(actor=A_CITIZEN, viewer=member, slug=association.slug, report_public_id=report.public_id)
    assert not Corroboration.objects.exists()


@pytest.mark.parametrize("status", [AssociationStatus.PENDING, AssociationStatus.SUSPENDED, AssociationStatus.REFUSED])
def test_an_association_not_verified_corroborates_nothing(units: Units, status: str) -> None:
    association = registered(status=status)
    report = file_report().report
    with pytest.raises(NotAllowed):
        corroboration_add(
            actor=A_CITIZEN,
            viewer=member_viewer(association),
            slug=association.slug,
            report_public_id=report.public_id,
            note="Nous le voyons aussi.",
        )
    assert not Corroboration.objects.exists()


def test_someone_outside_the_association_does_not_act_in_its_name(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    other = member_viewer(registered(status=AssociationStatus.VERIFIED))
    with pytest.raises(NotAllowed):
        corroboration_add(
            actor=A_CITIZEN,
            viewer=other,
            slug=association.slug,
            report_public_id=file_report().report.public_id,
            note="Nous le voyons aussi.",
        )


def test_a_confidential_report_is_not_corroborated_even_by_an_officer_member(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    user = a_person()
    AssociationMember.objects.create(association=association, user=user, created_at=association.created_at)
    from amane.authorities.models import Membership

    Membership.objects.create(user=user, unit=units.pashalik)
    report = file_report(category_code="domestic-violence").report
    with pytest.raises((NotAllowed, NotFound)):
        corroboration_add(
            actor=A_CITIZEN,
            viewer=viewer_for(user),
            slug=association.slug,
            report_public_id=report.public_id,
            note="Nous le voyons aussi.",
        )
    assert not Corroboration.objects.exists()


@pytest.mark.parametrize("note", ["court", "x" * 1001])
def test_a_note_is_between_10_and_1000_characters(units: Units, note: str) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    with pytest.raises(InvalidInput) as refused:
        corroboration_add(
            actor=A_CITIZEN,
            viewer=member_viewer(association),
            slug=association.slug,
            report_public_id=file_report().report.public_id,
            note=note,
        )
    assert "note" in refused.value.fields
