"""Filing the synthetic demo through the same services citizens and officers use."""

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from amane.core import clock
from amane.core.actors import DEMO_AUTHORITY, DEMO_REPORTER
from amane.core.errors import InvalidInput
from amane.demo.synthetic import generate
from amane.reports.models import Report
from amane.reports.services import report_change_status, report_submit

# Acknowledging and taking up a report usually go without a word, as they do in the admin:
# the timeline then shows each status's default in the reader's language. What an authority
# writes itself (what it did, why it refused) is in the language it wrote.
STATUS_MESSAGES = {
    "acknowledged": "",
    "in_progress": "",
    "resolved": "تمت معالجة المشكل: تعزيز الدوريات وإصلاح الإنارة.",
    "rejected": "البلاغ لا يتضمن معطيات كافية للتدخل.",
}


@dataclass
class DemoSummary:
    filed: int = 0
    outside: int = 0
    events: int = 0
    sample_codes: list[str] = field(default_factory=list)


def demo_end(now: dt.datetime) -> dt.datetime:
    """
    The demo's year ends at the start of the local day: the generator's rhythms (hour of day,
    weekday) depend on the end, so ending at "now" gave a different demo on every run; ending
    at midnight gives the same demo all day, for a given seed.
    """
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def demo_create(
    *, total: int, seed: int, end: dt.datetime | None = None, progress: Callable[[int], None] | None = None
) -> DemoSummary:
    """File about `total` synthetic reports over the year before `end` (today's start), marked as demo."""
    end = end or demo_end(timezone.now())
    summary = DemoSummary()
    for incident in generate(seed=seed, total=total, end=end):
        try:
            # Filed as if on the day it happened, through the service citizens use.
            with clock.pinned_at(incident.occurred_at):
                filed = report_submit(
                    actor=DEMO_REPORTER,
                    category_code=incident.category,
                    description=incident.description,
                    occurred_at=incident.occurred_at,
                    lat=incident.lat,
                    lon=incident.lon,
                )
        except InvalidInput:
            summary.outside += 1  # a point drawn into the sea, beyond the 2 km coastal margin
            continue
        summary.filed += 1
        answered = 0
        for days, status in incident.steps:
            at = incident.occurred_at + dt.timedelta(days=days, hours=10)
            if at > end:
                break  # not happened yet: the latest reports still wait for their next step
            with clock.pinned_at(at):
                report_change_status(
                    actor=DEMO_AUTHORITY,
                    public_id=filed.report.public_id,
                    new_status=status,
                    message=STATUS_MESSAGES[status],
                )
            answered += 1
        summary.events += answered
        if len(summary.sample_codes) < 3 and answered:
            # A code to try on the tracking page shows an answer, not only "submitted".
            summary.sample_codes.append(filed.receipt_code)
        if progress:
            progress(1)
    return summary


def demo_admin_create(*, username: str = "admin") -> str:
    """Create (or reset) the demo administrator and return its new password."""
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    with transaction.atomic():
        user, _created = user_model.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
    return password


# Who walks the authorities' side of the demo: (username, unit code or the start of one, role);
# a start takes the first unit in code order (a caïdat of Khouribga, a district of Casablanca).
DEMO_OFFICERS = (
    ("annex1.taroudant", "annex-taroudant-1", "officer"),
    ("annex2.taroudant", "annex-taroudant-2", "officer"),
    ("pasha.taroudant", "pashalik-taroudant", "head"),
    ("caid.khouribga", "caidat-05.311.", "head"),
    ("governor.khouribga", "province-05.311", "head"),
    ("district.casablanca", "district-06.141.", "officer"),
    ("prefect.casablanca", "prefecture-06.141", "head"),
)


def demo_officers_create() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo officers of the units that exist; return (username, password, unit)."""
    from amane.authorities.models import Membership, Unit

    made = []
    user_model = get_user_model()
    with transaction.atomic():
        for username, unit_code, role in DEMO_OFFICERS:
            unit = Unit.objects.filter(code__startswith=unit_code).order_by("code").first()
            if unit is None:
                continue
            password = secrets.token_urlsafe(12)
            user, _created = user_model.objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
            Membership.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
            made.append((username, password, unit.name_fr))
    return made


def demo_exists() -> bool:
    return Report.objects.exists()
