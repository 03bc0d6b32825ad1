"""The header's menu of one's own pages: by role, and nothing for visitors."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.associations.models import AssociationStatus
from amane.associations.tests.factories import registered
from amane.authorities.tests.factories import Units, build_units, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def units() -> Units:
    return build_units()


def menu_of(client: Client) -> str:
    page = client.get("/about/?lang=fr").content.decode()
    return page.split('<details class="workspace">', 1)[1].split("</details>", 1)[0] if "workspace" in page else ""


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_visitor_has_no_menu(units: Units) -> None:
    assert menu_of(Client()) == ""


def test_an_officer_finds_the_inbox_the_meetings_and_the_associations_to_decide_on(units: Units) -> None:
    menu = menu_of(signed_in(member_of(units.pashalik.code)))
    assert 'href="/inbox/"' in menu and 'href="/meetings/"' in menu and 'href="/associations/to-decide/"' in menu
    assert "/moderation/" not in menu


def test_a_member_finds_their_association_and_not_the_inbox(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    menu = menu_of(signed_in(association.members.get().user))
    assert association.name_fr in menu
    assert 'href="/meetings/invitations/"' in menu
    assert 'href="/inbox/"' not in menu


def test_a_moderator_finds_the_queue(units: Units) -> None:
    user = get_user_model().objects.create_user(username="moderator@example.org", is_staff=True)
    assert 'href="/moderation/"' in menu_of(signed_in(user))
