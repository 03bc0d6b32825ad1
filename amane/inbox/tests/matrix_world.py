"""
The cast and the objects of the access matrix (test_access_matrix), and how each cell is observed.

Two reports filed at the same point of the north annex: a theft (public; the annex responsible,
the pashalik, the city police and the province in copy, the wilaya above) and a case of
domestic violence (confidential; the city police alone, the province and the wilaya above).
Each has a photo, an internal note of its responsible unit and a question with a photo sent
to its reporter, who left an e-mail address.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.http.response import HttpResponseBase
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from amane.accounts.tokens import token_issue
from amane.authorities.models import Membership, MembershipRole, Unit
from amane.authorities.tests.factories import NORTH_ANNEX, build_units
from amane.conversations.models import Message
from amane.conversations.services import message_from_officer
from amane.core.actors import Actor, Role, authority_user
from amane.core.viewer import viewer_for
from amane.inbox.models import InternalNote
from amane.inbox.services import note_add
from amane.reports.models import PhotoReview, Report
from amane.reports.tests.factories import file_report


class Seen(StrEnum):
    """What a role gets, whatever the channel says it with."""

    OK = "allowed"  # read: 200 with the thing in it; write: 200/201/302 and the row written
    LISTED = "listed"  # the list answers 200 with the report in it
    UNLISTED = "unlisted"  # the list answers 200 without it
    WITHHELD = "withheld"  # the page answers 200 but leaves this part out
    REFUSED = "refused"  # 403: the report is visible, the act is not the role's; nothing written
    NOT_FOUND = "not found"  # 404, as for a report that does not exist; nothing written
    SIGN_IN = "sign in"  # 302 to a sign-in page, 401 on the API; nothing shown, nothing written


# Who looks, in the order of the table's columns, and the units each acts for.
ROLES = ("anonymous", "citizen", "annex", "pashalik", "province", "police", "caidat", "annex_head", "staff")
UNITS_OF = {
    "annex": "annex-north",
    "pashalik": "pashalik-city",
    "province": "province-99.901",
    "police": "police-city",
    "caidat": "caidat-douar",
    "annex_head": "annex-north",
}
RESPONSIBLE_OF = {"theft": "annex-north", "violence": "police-city"}
CATEGORY_OF = {"theft": "theft", "violence": "domestic-violence"}
CONTACT = "reporter@example.ma"


def small_jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


@dataclass
class World:
    users: dict[str, User]
    web: dict[str, Client]
    api: dict[str, Client]
    reports: dict[str, Report]
    notes: dict[str, str]
    questions: dict[str, Message]


def _user(role: str) -> User:
    user = get_user_model().objects.create_user(username=f"matrix-{role}", is_staff=role == "staff")
    if role == "staff":
        # A platform admin: the staff who read the audit trail in the admin.
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    if role in UNITS_OF:
        head = MembershipRole.HEAD if role == "annex_head" else MembershipRole.OFFICER
        Membership.objects.create(user=user, unit=Unit.objects.get(code=UNITS_OF[role]), role=head)
    return user


def build_world() -> World:
    build_units()
    users = {role: _user(role) for role in ROLES if role != "anonymous"}
    web, api = {"anonymous": Client()}, {"anonymous": Client()}
    for role, user in users.items():
        web[role] = Client()
        web[role].force_login(user)
        token = token_issue(actor=Actor(role=Role.SYSTEM), user=user, name="matrix")
        api[role] = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    (lon, lat), _ = NORTH_ANNEX
    reports, notes, questions = {}, {}, {}
    for n, (key, category) in enumerate(CATEGORY_OF.items()):
        report = file_report(
            point=(lat, lon), category_code=category, contact=CONTACT, photos=[small_jpeg((200, 40 * n, 90))]
        ).report
        # A moderator has looked at the photo (amane.flags): the public sees a public report's photo.
        report.photos.update(review=PhotoReview.APPROVED)
        reports[key] = report
        # The note and the question come from an officer of the responsible unit.
        writer = get_user_model().objects.create_user(username=f"matrix-writer-{key}")
        unit = Unit.objects.get(code=RESPONSIBLE_OF[key])
        Membership.objects.create(user=writer, unit=unit)
        notes[key] = f"ملاحظة داخلية {key} 7319"
        note_add(
            viewer=viewer_for(writer), actor=authority_user(writer.pk), public_id=report.public_id, body=notes[key]
        )
        questions[key] = message_from_officer(
            actor=authority_user(writer.pk),
            report=report,
            unit=unit,
            body=f"سؤال إلى المبلّغ {key} 4407",
            photo=small_jpeg((30, 90, 40 * n)),
        )
    return World(users=users, web=web, api=api, reports=reports, notes=notes, questions=questions)


def web_seen(answer: HttpResponseBase) -> Seen | str:
    if answer.status_code == 302:
        return Seen.SIGN_IN if "sign" in answer["Location"] or "login" in answer["Location"] else Seen.OK
    return {200: Seen.OK, 403: Seen.REFUSED, 404: Seen.NOT_FOUND}.get(answer.status_code, f"HTTP {answer.status_code}")


def api_seen(answer: HttpResponseBase) -> Seen | str:
    known = {200: Seen.OK, 201: Seen.OK, 401: Seen.SIGN_IN, 403: Seen.REFUSED, 404: Seen.NOT_FOUND}
    return known.get(answer.status_code, f"HTTP {answer.status_code}")


def shown(seen: Seen | str, present: bool) -> Seen | str:
    """A read answered 200: allowed if the thing is in it, else withheld; other answers as they are."""
    if seen != Seen.OK:
        return seen
    return Seen.OK if present else Seen.WITHHELD


def listed(seen: Seen | str, present: bool) -> Seen | str:
    """A list answered 200: whether the report is in it; other answers as they are."""
    if seen != Seen.OK:
        return seen
    return Seen.LISTED if present else Seen.UNLISTED


def written(seen: Seen | str, before: int, after: int) -> Seen | str:
    """A write: its answer must agree with what the database holds afterwards."""
    if seen == Seen.OK and after != before + 1:
        return "answered as done, wrote nothing"
    if seen != Seen.OK and after != before:
        return f"answered {seen}, wrote anyway"
    return seen


Probe = Callable[[World, str, str], "Seen | str"]
PROBES: dict[tuple[str, str], Probe] = {}


def probe(thing: str, action: str) -> Callable[[Probe], Probe]:
    def register(function: Probe) -> Probe:
        PROBES[(thing, action)] = function
        return function

    return register


def _inbox_url(world: World, key: str) -> str:
    return f"/inbox/reports/{world.reports[key].public_id}/"


def _inbox_api_url(world: World, key: str) -> str:
    return f"/api/v1/inbox/reports/{world.reports[key].public_id}"


@probe("report", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    report = world.reports[key]
    content = (answer := world.web[role].get(f"/reports/{report.public_id}/")).content.decode()
    if f"{report.lat:.5f}" in content or CONTACT in content:
        return "the public page shows the exact point or the contact"
    return shown(web_seen(answer), report.description in content)


@probe("report", "read_api")
def _(world: World, role: str, key: str) -> Seen | str:
    # The public API reads the signed-in session, as the site's own scripts do.
    report = world.reports[key]
    answer = world.web[role].get(f"/api/v1/reports/{report.public_id}")
    if answer.status_code != 200:
        return api_seen(answer)
    body = answer.json()
    if (body["lat"], body["lon"]) == (report.lat, report.lon) or CONTACT in answer.content.decode():
        return "the public answer gives the exact point or the contact"
    return shown(api_seen(answer), body["id"] == report.public_id)


@probe("report", "list_web")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.web[role].get("/")
    return listed(web_seen(answer), world.reports[key].public_id in answer.content.decode())


@probe("report", "list_api")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.web[role].get("/api/v1/reports")
    ids = [item["id"] for item in answer.json()["results"]] if answer.status_code == 200 else []
    return listed(api_seen(answer), world.reports[key].public_id in ids)


@probe("inbox", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.web[role].get(_inbox_url(world, key))
    return shown(web_seen(answer), world.reports[key].description in answer.content.decode())


@probe("inbox", "read_api")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.api[role].get(_inbox_api_url(world, key))
    return shown(api_seen(answer), answer.status_code == 200 and answer.json()["id"] == world.reports[key].public_id)


@probe("inbox", "list_web")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.web[role].get("/inbox/")
    return listed(web_seen(answer), world.reports[key].public_id in answer.content.decode())


@probe("inbox", "list_api")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.api[role].get("/api/v1/inbox")
    ids = [item["id"] for item in answer.json()["results"]] if answer.status_code == 200 else []
    return listed(api_seen(answer), world.reports[key].public_id in ids)


def _acknowledged(world: World, key: str) -> int:
    return Report.objects.filter(pk=world.reports[key].pk, status="acknowledged").count()


@probe("inbox", "status_web")
def _(world: World, role: str, key: str) -> Seen | str:
    before = _acknowledged(world, key)
    change = {"new_status": "acknowledged", "expected_status": "submitted", "message": ""}
    answer = world.web[role].post(_inbox_url(world, key), change)
    return written(web_seen(answer), before, _acknowledged(world, key))


@probe("inbox", "status_api")
def _(world: World, role: str, key: str) -> Seen | str:
    before = _acknowledged(world, key)
    change = {"new_status": "acknowledged", "expected_status": "submitted", "message": ""}
    answer = world.api[role].post(f"{_inbox_api_url(world, key)}/status", change, content_type="application/json")
    return written(api_seen(answer), before, _acknowledged(world, key))


@probe("photo", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    photo = world.reports[key].photos.get()
    full = web_seen(world.web[role].get(f"/photos/{photo.public_id}.jpg"))
    thumbnail = web_seen(world.web[role].get(f"/photos/{photo.public_id}/thumb.jpg"))
    return full if full == thumbnail else f"photo {full}, thumbnail {thumbnail}"


@probe("notes", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.web[role].get(_inbox_url(world, key))
    return shown(web_seen(answer), world.notes[key] in answer.content.decode())


@probe("notes", "read_api")
def _(world: World, role: str, key: str) -> Seen | str:
    answer = world.api[role].get(_inbox_api_url(world, key))
    bodies = [note["body"] for note in answer.json()["notes"]] if answer.status_code == 200 else []
    return shown(api_seen(answer), world.notes[key] in bodies)


def _notes(world: World, key: str) -> int:
    return InternalNote.objects.filter(report=world.reports[key]).count()


@probe("notes", "write_web")
def _(world: World, role: str, key: str) -> Seen | str:
    before = _notes(world, key)
    answer = world.web[role].post(_inbox_url(world, key), {"action": "note", "body": "ملاحظة أخرى"})
    return written(web_seen(answer), before, _notes(world, key))


@probe("notes", "write_api")
def _(world: World, role: str, key: str) -> Seen | str:
    before = _notes(world, key)
    url = f"{_inbox_api_url(world, key)}/notes"
    answer = world.api[role].post(url, {"body": "ملاحظة أخرى"}, content_type="application/json")
    return written(api_seen(answer), before, _notes(world, key))


@probe("thread", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    question = world.questions[key]
    page = world.web[role].get(_inbox_url(world, key))
    photo = world.web[role].get(f"/inbox/messages/photos/{question.photo_public_id}.jpg")
    seen = shown(web_seen(page), question.body in page.content.decode())
    # The message's photo follows the thread: served exactly where the thread is shown.
    expected_photo = Seen.OK if seen == Seen.OK else Seen.NOT_FOUND if seen == Seen.WITHHELD else seen
    photo_seen = web_seen(photo)
    return seen if photo_seen == expected_photo else f"thread {seen}, its photo {photo_seen}"


def _messages(world: World, key: str) -> int:
    return Message.objects.filter(report=world.reports[key]).count()


@probe("thread", "write_web")
def _(world: World, role: str, key: str) -> Seen | str:
    before = _messages(world, key)
    answer = world.web[role].post(_inbox_url(world, key), {"action": "message", "body": "سؤال آخر"})
    return written(web_seen(answer), before, _messages(world, key))


@probe("point", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    report = world.reports[key]
    content = (answer := world.web[role].get(_inbox_url(world, key))).content.decode()
    exact = f"{report.lat:.5f}, {report.lon:.5f}" in content
    if exact != (CONTACT in content):
        return "the point and the contact disagree"
    return shown(web_seen(answer), exact)


@probe("point", "read_api")
def _(world: World, role: str, key: str) -> Seen | str:
    report = world.reports[key]
    answer = world.api[role].get(_inbox_api_url(world, key))
    if answer.status_code != 200:
        return api_seen(answer)
    body = answer.json()
    exact = (body["lat"], body["lon"], body["contact"]) == (report.lat, report.lon, CONTACT)
    hidden = (body["lat"], body["lon"], body["contact"]) == (None, None, None)
    return Seen.OK if exact else Seen.WITHHELD if hidden else f"partly shown: {body['lat']}, {body['contact']}"


@probe("audit", "read_web")
def _(world: World, role: str, key: str) -> Seen | str:
    public_id = world.reports[key].public_id
    if role == "staff":  # the whole trail, in the admin
        answer = world.web[role].get("/admin/audit/auditentry/", {"q": public_id})
        return shown(
            web_seen(answer), "report.route" in answer.content.decode() and public_id in answer.content.decode()
        )
    # A unit's head reads the trail of their units' reports; for anyone else the page does not exist.
    answer = world.web[role].get("/inbox/audit/")
    return shown(web_seen(answer), f">{public_id}<" in answer.content.decode())


def _refusal_texts() -> dict[str, Seen]:
    """What a bulk action says of a report it left alone, in the default language (Arabic), and what it means."""
    with translation.override("ar"):
        return {
            gettext("No report has this id."): Seen.NOT_FOUND,
            gettext("Only the responsible unit, or a unit above it, changes this report's status."): Seen.REFUSED,
        }


def _bulk_seen(done: bool, why: str | None) -> Seen | str:
    if done:
        return Seen.OK
    return _refusal_texts().get(why or "", f"left alone, saying {why!r}")


@probe("inbox", "bulk_web")
def _(world: World, role: str, key: str) -> Seen | str:
    public_id = world.reports[key].public_id
    before = _acknowledged(world, key)
    answer = world.web[role].post("/inbox/", {"report": [public_id]})
    if answer.status_code != 302 or answer["Location"] != "/inbox/":
        return written(web_seen(answer), before, _acknowledged(world, key))
    # Each report left alone is named on the next page with the reason.
    page = world.web[role].get("/inbox/").content.decode()
    why = next((text for text in _refusal_texts() if escape(f"{public_id}: {text}") in page), None)
    return written(_bulk_seen(_acknowledged(world, key) > before, why), before, _acknowledged(world, key))


@probe("inbox", "bulk_api")
def _(world: World, role: str, key: str) -> Seen | str:
    public_id = world.reports[key].public_id
    before = _acknowledged(world, key)
    answer = world.api[role].post(
        "/api/v1/inbox/acknowledge", {"reports": [public_id]}, content_type="application/json"
    )
    if answer.status_code != 200:
        return written(api_seen(answer), before, _acknowledged(world, key))
    body = answer.json()
    seen = _bulk_seen(public_id in body["done"], body["refused"].get(public_id))
    return written(seen, before, _acknowledged(world, key))
