"""
What black spots give the other apps: a kind of content anyone may flag (amane.flags), and
the black spots and their answers in the Atom feeds of communes and provinces
(amane.announcements.feed_sources).
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amane.announcements.feed_sources import FeedItem, register_feed_source
from amane.blackspots.models import BlackSpot, BlackSpotAnswer
from amane.blackspots.selectors import visible_q
from amane.core.errors import NotFound
from amane.core.viewer import PUBLIC
from amane.flags.registry import register_flaggable
from amane.geo.models import Area, AreaKind
from amane.reports import public_cache
from amane.web.templatetags.amane import name


def _find(public_id: str) -> BlackSpot:
    spot = BlackSpot.objects.select_related("category", "association").filter(public_id=public_id).first()
    if spot is None:
        raise NotFound(_("No black spot has this id."))
    return spot


def _set_hidden(spot: BlackSpot, hidden: bool) -> None:
    BlackSpot.objects.filter(pk=spot.pk).update(hidden=hidden)
    transaction.on_commit(public_cache.invalidate)


def _commune_ids(area: Area) -> list[int]:
    if area.kind == AreaKind.COMMUNE:
        return [area.pk]
    # A province's communes: a few dozen at most.
    return list(Area.objects.filter(province=area, kind=AreaKind.COMMUNE).values_list("pk", flat=True))


def _feed_items(area: Area, limit: int) -> list[FeedItem]:
    """The area's public black spots and their answers, newest first, `limit` of each at most."""
    spots = BlackSpot.objects.filter(visible_q(PUBLIC), commune_id__in=_commune_ids(area)).select_related("category")
    newest = list(spots.order_by("-declared_at")[:limit])
    items = [
        FeedItem(
            title=_("Black spot: %(category)s") % {"category": name(spot.category)},
            link=reverse("black_spot", args=[spot.public_id]),
            updated=spot.declared_at,
            summary=spot.description[:500],
            unique_id=f"urn:amane:black-spot:{spot.public_id}",
        )
        for spot in newest
    ]
    answers = (
        BlackSpotAnswer.objects.filter(black_spot__in=spots)
        .select_related("black_spot__category", "unit")
        .order_by("-at")[:limit]
    )
    items += [
        FeedItem(
            title=_("%(unit)s answered a black spot: %(status)s")
            % {"unit": name(answer.unit), "status": answer.get_status_display()},
            link=reverse("black_spot", args=[answer.black_spot.public_id]),
            updated=answer.at,
            summary=answer.text[:500],
            unique_id=f"urn:amane:black-spot-answer:{answer.pk}",
        )
        for answer in answers
    ]
    return items


def register() -> None:
    register_flaggable(
        "black_spot",
        label=gettext_lazy("Black spot"),
        find=_find,
        is_public=lambda spot: not spot.hidden,
        set_hidden=_set_hidden,
        describe=lambda spot: f"{spot.association.name_fr} · {spot.category.name_fr}: {spot.description[:280]}",
        link=lambda spot: reverse("black_spot", args=[spot.public_id]),
    )
    register_feed_source("black_spots", _feed_items)
