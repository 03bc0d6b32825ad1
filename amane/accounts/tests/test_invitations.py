"""Invitations: a single-use link that expires, a password Django accepts, and the unit joined."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from amane.accounts.models import Invitation
from amane.accounts.services import InvitationExpired, invitation_accept, invitation_open, invitation_send
from amane.authorities.models import Membership, MembershipRole
from amane.authorities.tests.factories import Units, build_units, officer_of
from amane.core import clock
from amane.core.actors import Actor, Role, authority_user
from amane.core.errors import InvalidInput, NotAllowed, NotFound
from amane.core.viewer import staff

pytestmark = pytest.mark.django_db
STRONG = "jardin-de-la-kasbah-2026"


@pytest.fixture
def units() -> Units:
    return build_units()


def invite(email: str = "Agent@Example.MA", unit: str = "annex-north", role: str = "officer") -> str:
    return invitation_send(
        viewer=staff(1), actor=Actor(role=Role.SYSTEM), email=email, unit_code=unit, role=role, base_url="https://a.ma"
    )


def test_the_link_is_mailed_and_only_its_hash_is_kept(units: Units, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        token = invite()
    (message,) = mail.outbox
    assert message.to == ["agent@example.ma"] and f"https://a.ma/accounts/invitation/{token}/" in message.body
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64


def test_accepting_creates_the_account_and_the_membership_and_spends_the_link(units: Units) -> None:
    token = invite(role="head")
    user = invitation_accept(token=token, password=STRONG)
    assert user.check_password(STRONG) and user.password.startswith("argon2$")
    assert Membership.objects.get(user=user).role == MembershipRole.HEAD
    with pytest.raises(NotFound):
        invitation_accept(token=token, password=STRONG)


def test_a_weak_password_is_refused_with_djangos_reasons_and_the_link_still_works(units: Units) -> None:
    token = invite()
    with pytest.raises(InvalidInput) as refused:
        invitation_accept(token=token, password="12345678")
    assert refused.value.fields["password"]
    assert not get_user_model().objects.filter(username="agent@example.ma").exists()
    assert invitation_open(token=token).accepted_at is None


def test_an_expired_link_says_so(units: Units) -> None:
    token = invite()
    with clock.pinned_at(clock.now() + dt.timedelta(days=8)), pytest.raises(InvitationExpired):
        invitation_open(token=token)


def test_a_head_invites_to_their_unit_only_and_an_officer_not_at_all(units: Units) -> None:
    head = officer_of("annex-north", head=True)
    officer = officer_of("annex-north")
    assert head.user_id is not None and officer.user_id is not None

    def send(viewer: Any, unit: str) -> str:
        return invitation_send(
            viewer=viewer,
            actor=authority_user(viewer.user_id),
            email="x@y.ma",
            unit_code=unit,
            role="officer",
            base_url="https://a.ma",
        )

    assert send(head, "annex-north")
    with pytest.raises(NotAllowed):
        send(head, "pashalik-city")
    with pytest.raises(NotAllowed):
        send(officer, "annex-north")


@pytest.mark.parametrize(("field", "kwargs"), [("email", {"email": "not-an-address"}), ("unit", {"unit": "nowhere"})])
def test_bad_input_names_its_field_and_writes_nothing(units: Units, field: str, kwargs: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as refused:
        invite(**kwargs)
    assert field in refused.value.fields and not Invitation.objects.exists()


def test_the_page_signs_the_new_officer_in_and_opens_the_inbox(units: Units) -> None:
    token = invite()
    client = Client()
    page = client.get(f"/accounts/invitation/{token}/?lang=fr")
    assert page.status_code == 200 and "agent@example.ma" in page.content.decode()
    assert client.post(f"/accounts/invitation/{token}/", {"password": STRONG, "password_again": "x"}).status_code == 400
    answer = client.post(f"/accounts/invitation/{token}/", {"password": STRONG, "password_again": STRONG})
    assert answer.status_code == 302 and answer["Location"] == "/inbox/"
    assert client.get("/inbox/").status_code == 200
    assert Client().get(f"/accounts/invitation/{token}/").status_code == 404


def test_the_command_invites_for_the_platform_team(units: Units, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite", "--email", "caid@example.ma", "--unit", "caidat-douar", "--role", "head")
    assert Invitation.objects.get().role == "head" and mail.outbox[0].to == ["caid@example.ma"]


def test_a_head_invites_from_a_page_to_the_units_they_head_only(
    units: Units, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    head = get_user_model().objects.create_user(username="head")
    Membership.objects.create(user=head, unit=units.north_annex, role=MembershipRole.HEAD)
    client = Client()
    client.force_login(head)
    page = client.get("/accounts/invite/").content.decode()
    assert 'value="annex-north"' in page and 'value="pashalik-city"' not in page
    refused = client.post("/accounts/invite/", {"email": "x@y.ma", "unit": "pashalik-city", "role": "officer"})
    assert refused.status_code == 400 and not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/accounts/invite/", {"email": "new@y.ma", "unit": "annex-north", "role": "officer"})
    assert sent.status_code == 302 and mail.outbox[0].to == ["new@y.ma"]
    officer = get_user_model().objects.create_user(username="officer")
    Membership.objects.create(user=officer, unit=units.north_annex)
    client.force_login(officer)
    assert client.get("/accounts/invite/").status_code == 404
