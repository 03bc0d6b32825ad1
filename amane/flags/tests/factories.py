"""The flags' cast: a moderator, flaggers, reports with photos, built through the real services."""

import io
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from PIL import Image

from amane.accounts.models import RoleGrant
from amane.core.actors import ANONYMOUS_REPORTER
from amane.core.viewer import Viewer, viewer_for
from amane.flags import services
from amane.flags.flaggers import visitor_key
from amane.reports.services import FiledReport
from amane.reports.tests.factories import file_report

TODAY = "2026-12-02"


def small_jpeg(colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def report_with_photo(**overrides: Any) -> FiledReport:
    return file_report(photos=[small_jpeg()], **overrides)


def make_moderator() -> User:
    user = get_user_model().objects.create_user(username=f"moderator-{get_user_model().objects.count()}")
    RoleGrant.objects.create(user=user, role="moderator")
    return user


def moderator_viewer() -> Viewer:
    return viewer_for(make_moderator())


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def visitor(n: int) -> str:
    """The key of the n-th anonymous visitor of the day."""
    return visitor_key(address=f"198.51.100.{n}", user_agent=f"Browser/{n}", day=TODAY)


def flag(kind: str, target_id: str, *, flagger: str, reason: str = "misleading") -> services.FlagOutcome:
    return services.flag_submit(
        actor=ANONYMOUS_REPORTER, flagger_key=flagger, kind=kind, target_id=target_id, reason=reason
    )


def flag_by(kind: str, target_id: str, count: int, *, first: int = 1) -> services.FlagOutcome:
    """Flag once by each of `count` different visitors; return the last outcome."""
    outcome = None
    for n in range(first, first + count):
        outcome = flag(kind, target_id, flagger=visitor(n))
    assert outcome is not None
    return outcome
