"""
What the Atom feeds of a commune and of a province carry, source by source.

Each source is a function fetch(area, limit) that returns at most `limit` FeedItems, newest
first, each from one indexed range of its own table: announcements and public reports are
registered here; the black spots app adds its spots and their answers with
register_feed_source("black-spots", fetch). The feed merges the sources and keeps the 50
newest. A source reads in the active language (the feed activates the reader's).
"""

import datetime as dt
import heapq
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from amane.announcements import sanitise, selectors
from amane.geo.models import Area, AreaKind
from amane.reports.models import Report

FEED_MAX = 50
SUMMARY_MAX = 500


@dataclass(frozen=True)
class FeedItem:
    title: str
    # A path on this site (the feed makes it absolute) or an absolute address.
    link: str
    updated: dt.datetime
    summary: str
    # Stable across edits, unique across sources: "urn:amane:announcement:3k9x…".
    unique_id: str


FeedFetch = Callable[[Area, int], list[FeedItem]]

_SOURCES: dict[str, FeedFetch] = {}


def register_feed_source(name: str, fetch: FeedFetch) -> None:
    _SOURCES[name] = fetch


def feed_items(area: Area, limit: int = FEED_MAX) -> list[FeedItem]:
    """Every source's items for `area`, newest first, at most `limit`."""
    limit = max(1, min(limit, FEED_MAX))
    items = [item for fetch in _SOURCES.values() for item in fetch(area, limit)]
    return sorted(items, key=lambda item: item.updated, reverse=True)[:limit]


def _language() -> str:
    return "fr" if (get_language() or "ar").startswith("fr") else "ar"


def _summary(text: str) -> str:
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"


def _communes_of(area: Area) -> list[int]:
    if area.kind == AreaKind.PROVINCE:
        # At most some hundred communes in a province: a bounded list of ids.
        return list(Area.objects.filter(kind=AreaKind.COMMUNE, province=area).values_list("id", flat=True))
    return [area.pk]


def announcements_source(area: Area, limit: int) -> list[FeedItem]:
    if area.kind == AreaKind.PROVINCE:
        area_ids = [area.pk, *([area.region_id] if area.region_id else []), *_communes_of(area)]
    else:
        area_ids = selectors.areas_above(area)
    language = _language()
    return [
        FeedItem(
            title=announcement.title(language),
            link=reverse("announcement", args=[announcement.public_id]),
            updated=max(announcement.publishes_at, announcement.updated_at),
            summary=_summary(sanitise.plain_text(announcement.body(language))),
            unique_id=f"urn:amane:announcement:{announcement.public_id}",
        )
        for announcement in selectors.published_for_areas(area_ids=area_ids, limit=limit)
    ]


def _public_report_keys(commune_id: int, limit: int) -> list[tuple[dt.date, str, int]]:
    # The range of report_public_commune for one commune, newest day first, stopped at `limit`.
    rows = (
        Report.objects.filter(public__in=(True,), commune_id=commune_id)
        .order_by("-occurred_on", "-public_id")
        .values_list("occurred_on", "public_id", "id")[:limit]
    )
    return list(rows)


def reports_source(area: Area, limit: int) -> list[FeedItem]:
    """Public reports: their category, commune, status and description; never a contact or the exact point."""
    keys = heapq.merge(
        *(_public_report_keys(commune_id, limit) for commune_id in _communes_of(area)),
        key=lambda key: (key[0], key[1]),
        reverse=True,
    )
    ids = [pk for _day, _public_id, pk in list(keys)[:limit]]
    by_id = Report.objects.select_related("category", "commune").in_bulk(ids)
    language = _language()
    items = []
    for pk in ids:
        report = by_id[pk]
        commune = report.commune.name_fr if language == "fr" else report.commune.name_ar
        title = _("%(category)s in %(commune)s") % {"category": report.category.name(language), "commune": commune}
        items.append(
            FeedItem(
                title=title,
                link=reverse("report_detail", args=[report.public_id]),
                # The day only, as the public pages give it: an hour could point at the reporter.
                updated=dt.datetime.combine(report.occurred_on, dt.time(12), tzinfo=dt.UTC),
                summary=_summary(f"{report.get_status_display()} · {report.description}"),
                unique_id=f"urn:amane:report:{report.public_id}",
            )
        )
    return items


def register_builtin_sources() -> None:
    register_feed_source("announcements", announcements_source)
    register_feed_source("reports", reports_source)
