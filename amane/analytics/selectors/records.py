"""
Report records for analysts: one row per public report, pseudonymised.

Researchers of the observatory (the university's committee) need records, not only figures:
to model, to join with their own data, to count a report once however often they download.
A row carries what the public may see of a report — its category, its communes, its public
point and day, its status — and a pseudonym in place of its public id: a keyed hash (HMAC
with the server's secret) that is the same in every download, so rows can be matched between
downloads, and that cannot be turned back into the report's page and its words without the
key. Confidential categories and hidden reports are not exported at all.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.utils.crypto import salted_hmac

from amane.analytics.scopes import Scope
from amane.core.errors import NotAllowed
from amane.core.viewer import Viewer
from amane.reports.models import Report

HEADER = ("pseudonym", "category", "commune", "province", "region", "public_lat", "public_lon", "occurred_on", "status")
PSEUDONYM_SALT = "amane.analytics.records.pseudonym"
PSEUDONYM_LENGTH = 20


@dataclass(frozen=True)
class RecordQuery:
    scope: Scope
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None


def may_export(viewer: Viewer) -> bool:
    return viewer.is_staff or "analyst" in viewer.platform_roles


def pseudonym(public_id: str) -> str:
    return salted_hmac(PSEUDONYM_SALT, public_id, algorithm="sha256").hexdigest()[:PSEUDONYM_LENGTH]


def record_rows(*, viewer: Viewer, query: RecordQuery) -> Iterator[tuple[object, ...]]:
    """The rows of the download, oldest first, read in chunks so that a million stay in bounded memory."""
    if not may_export(viewer):
        raise NotAllowed
    where = Q(public=True)
    if query.scope.area is not None:
        where &= Q(**{query.scope.area.kind: query.scope.area})
    if query.occurred_from:
        where &= Q(occurred_on__gte=query.occurred_from)
    if query.occurred_to:
        where &= Q(occurred_on__lte=query.occurred_to)
    rows = (
        Report.objects.filter(where)
        .order_by("occurred_on", "id")
        .values_list(
            "public_id",
            "category__code",
            "commune__code",
            "province__code",
            "region__code",
            "public_lat",
            "public_lon",
            "occurred_on",
            "status",
        )
    )
    for public_id, *rest in rows.iterator(chunk_size=2000):
        yield (pseudonym(public_id), *rest)
