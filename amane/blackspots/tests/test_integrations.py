"""What black spots give the other apps: flags, the Atom feeds, and recommendations that name them."""

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from amane.authorities.tests.factories import Units, officer_of
from amane.blackspots.tests.factories import declare
from amane.blackspots.tests.test_services import answer
from amane.core import clock
from amane.core.actors import Actor, Role
from amane.core.errors import InvalidInput
from amane.core.viewer import Viewer, ViewerRole
from amane.flags.models import ModerationCase
from amane.flags.services import case_decide
from amane.flags.tests.factories import flag, moderator_viewer, visitor
from amane.geo.tests.factories import CITY
from amane.meetings import services
from amane.meetings.tests.factories import held_meeting

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_three_flags_take_a_black_spot_off_its_page_and_the_layer_until_restored(
    units: Units, django_capture_on_commit_callbacks: Any
) -> None:
    spot = declare()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            flag("black_spot", spot.public_id, flagger=visitor(n))
    assert Client().get(f"/black-spots/{spot.public_id}/").status_code == 404
    layer = Client().get("/api/v1/black-spots?bbox=-8.1,31.1,-7.8,31.4").json()
    assert spot.public_id not in [item["id"] for item in layer["results"]]
    case = ModerationCase.objects.get(kind="black_spot")
    with django_capture_on_commit_callbacks(execute=True):
        case_decide(viewer=moderator_viewer(), case_id=case.pk, decision="restore")
    assert Client().get(f"/black-spots/{spot.public_id}/").status_code == 200


def test_the_communes_feed_carries_the_black_spot_and_its_answer(units: Units) -> None:
    spot = declare()
    answer(officer_of("annex-north"), spot, "acknowledged", text="Nous avons vu le café.")
    feed = ET.fromstring(Client().get(f"/feeds/communes/{CITY}.atom").content)  # noqa: S314 - our own feed
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert f"urn:amane:black-spot:{spot.public_id}" in ids
    assert any(entry_id and entry_id.startswith("urn:amane:black-spot-answer:") for entry_id in ids)


def test_a_recommendation_names_the_black_spots_it_answers_and_each_page_links_the_other(units: Units) -> None:
    spot = declare()
    meeting = held_meeting()
    viewer = Viewer(role=ViewerRole.OFFICER, unit_ids=frozenset({meeting.unit_id}))
    made = services.recommendation_add(
        viewer=viewer,
        actor=Actor(role=Role.AUTHORITY),
        meeting_public_id=meeting.public_id,
        text_fr="Fermer le café aux heures de sortie",
        responsible_unit_code=meeting.unit.code,
        due_on=clock.now().date() + dt.timedelta(days=30),
        black_spot_ids=[spot.public_id],
    )
    assert list(made.black_spots.all()) == [spot]
    assert (
        f"/black-spots/{spot.public_id}/"
        in Client().get(f"/recommendations/{made.public_id}/?lang=fr").content.decode()
    )
    assert f"/recommendations/{made.public_id}/" in Client().get(f"/black-spots/{spot.public_id}/").content.decode()


def test_an_unknown_black_spot_refuses_the_recommendation_and_writes_nothing(units: Units) -> None:
    meeting = held_meeting()
    viewer = Viewer(role=ViewerRole.OFFICER, unit_ids=frozenset({meeting.unit_id}))
    with pytest.raises(InvalidInput) as refused:
        services.recommendation_add(
            viewer=viewer,
            actor=Actor(role=Role.AUTHORITY),
            meeting_public_id=meeting.public_id,
            text_fr="Éclairer la ruelle",
            responsible_unit_code=meeting.unit.code,
            due_on=clock.now().date() + dt.timedelta(days=30),
            black_spot_ids=["nope"],
        )
    assert "black_spots" in refused.value.fields
    assert not meeting.recommendations.exists()
