"""Reads of announcements, scoped to the viewer: the public sees what is published and not hidden."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from amane.announcements.models import Announcement, AnnouncementArea
from amane.core import clock
from amane.core.errors import NotFound
from amane.core.viewer import Viewer
from amane.geo.models import Area, AreaKind

OWN_LIST_MAX = 100
TICKER_MAX = 20


@dataclass(frozen=True)
class TickerItem:
    public_id: str
    title_ar: str
    title_fr: str
    expires_at: dt.datetime

    def title(self, language: str) -> str:
        return self.title_fr if language == "fr" and self.title_fr else self.title_ar


def areas_above(area: Area) -> list[int]:
    """The ids of the areas whose announcements concern a page of `area`: it, its province and region."""
    arrondissement = area.kind == AreaKind.ARRONDISSEMENT and area.parent_id
    ids = [area.parent_id, area.pk] if arrondissement and area.parent_id else [area.pk]
    return [*ids, *(pk for pk in (area.province_id, area.region_id) if pk and pk not in ids)]


def _public_links(area_ids: list[int], now: dt.datetime) -> QuerySet[AnnouncementArea]:
    return AnnouncementArea.objects.filter(area_id__in=area_ids, withdrawn=False, publishes_at__lte=now)


def _announcements_among(links: QuerySet[AnnouncementArea], limit: int) -> QuerySet[Announcement]:
    """
    The public announcements among the first links of a range: the range is read from its index
    alone and stops early, then each announcement by its key; joining first let PostgreSQL
    scan every announcement to drop the hidden ones. (An announcement for two communes of a
    province has two links: a few more are read, each kept once.)
    """
    first = links.values("announcement_id")[: limit * 2 + 10]
    return Announcement.objects.filter(pk__in=Subquery(first), hidden=False)


def urgent_for_area(*, area: Area) -> list[TickerItem]:
    """The urgent announcements running now for the pages of `area`, soonest to end first."""
    now = clock.now()
    links = _public_links(areas_above(area), now).filter(urgent=True, expires_at__gt=now).order_by("expires_at")
    rows = (
        _announcements_among(links, TICKER_MAX)
        .order_by("expires_at", "id")
        .values_list("public_id", "title_ar", "title_fr", "expires_at")[:TICKER_MAX]
    )
    items = []
    for public_id, title_ar, title_fr, expires_at in rows:
        assert expires_at is not None  # urgent ones always end
        items.append(TickerItem(public_id, title_ar, title_fr, expires_at))
    return items


def current_for_area(*, area: Area, limit: int = 10) -> list[Announcement]:
    """The announcements published and not yet expired for `area` (its province and region too), newest first."""
    now = clock.now()
    links = (
        _public_links(areas_above(area), now)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("-publishes_at")
    )
    return list(_announcements_among(links, limit).select_related("unit").order_by("-publishes_at", "-id")[:limit])


def published_for_areas(*, area_ids: list[int], limit: int = 50) -> list[Announcement]:
    """Every announcement ever published for these areas and still public (a feed's), newest first."""
    links = _public_links(area_ids, clock.now()).order_by("-publishes_at")
    return list(_announcements_among(links, limit).select_related("unit").order_by("-publishes_at", "-id")[:limit])


def _visible_filter(viewer: Viewer, now: dt.datetime) -> Q:
    public = Q(hidden=False, withdrawn_at__isnull=True, publishes_at__lte=now)
    # A moderator reads what flags hid, to restore or remove it.
    if viewer.is_staff or viewer.is_moderator:
        return Q()
    if viewer.unit_ids:
        return public | Q(unit_id__in=sorted(viewer.unit_ids))
    return public


def announcement_get(*, viewer: Viewer, public_id: str) -> Announcement:
    """One announcement the viewer may read: the public's, or any of their units' (hidden or withdrawn)."""
    announcement = (
        Announcement.objects.select_related("unit")
        .filter(_visible_filter(viewer, clock.now()), public_id=public_id)
        .first()
    )
    if announcement is None:
        raise NotFound(_("No announcement has this id."))
    return announcement


def announcement_areas(*, announcement: Announcement) -> list[Area]:
    return list(announcement.areas.order_by("kind", "code"))


def announcements_of_viewer_units(*, viewer: Viewer) -> list[Announcement]:
    """The announcements of the viewer's units, newest first (their officers' list)."""
    if not viewer.unit_ids:
        return []
    return list(
        Announcement.objects.select_related("unit")
        .filter(unit_id__in=sorted(viewer.unit_ids))
        .order_by("-publishes_at", "-id")[:OWN_LIST_MAX]
    )
