"""
Reads of meetings and recommendations.

Meetings, their invitations and attendance, their minutes and recommendations are public:
they are the authorities' account to the public. What is the viewer's own (the invitations
an association member answers, the forms an officer fills) is decided here, never in views.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from amane.associations.models import Association, AssociationCommune, AssociationStatus
from amane.authorities.models import Unit, UnitCoverage
from amane.blackspots.models import BlackSpot
from amane.blackspots.selectors import visible_q
from amane.core import clock
from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import PUBLIC, Viewer
from amane.geo.models import Area, AreaKind
from amane.meetings import progress
from amane.meetings.models import Meeting, MeetingInvitation, Recommendation, RecommendationUpdate

PAGE_SIZE = 20
MAX_LINKED_SPOTS = 20


def meeting_by_public_id(*, public_id: str) -> Meeting:
    meeting = Meeting.objects.select_related("unit").filter(public_id=public_id).first()
    if meeting is None:
        raise NotFound(_("No meeting has this id."))
    return meeting


def may_manage(viewer: Viewer, meeting: Meeting) -> bool:
    """Whether the viewer acts for the unit that holds the meeting."""
    return viewer.acts_for_units and meeting.unit_id in viewer.unit_ids


def unit_meetings(*, unit: Unit, limit: int = 50) -> list[Meeting]:
    """A unit's meetings, the latest first (public)."""
    return list(Meeting.objects.filter(unit=unit).select_related("unit").order_by("-starts_at", "-id")[:limit])


def viewer_meetings(*, viewer: Viewer, limit: int = 50) -> list[Meeting]:
    """The meetings of the units the viewer acts for, the latest first."""
    if not viewer.acts_for_units:
        return []
    query = Meeting.objects.filter(unit_id__in=sorted(viewer.unit_ids)).select_related("unit")
    return list(query.order_by("-starts_at", "-id")[:limit])


def viewer_units(viewer: Viewer) -> list[Unit]:
    return list(Unit.objects.filter(pk__in=sorted(viewer.unit_ids)).order_by("code"))


def meeting_invitations(*, meeting: Meeting) -> list[MeetingInvitation]:
    return list(meeting.invitations.select_related("association").order_by("association__name_fr", "id"))


def meeting_recommendations(*, meeting: Meeting) -> list[Recommendation]:
    query = meeting.recommendations.select_related("responsible_unit", "latest_update").order_by("due_on", "id")
    return list(query)


def unit_commune_ids(*, unit: Unit) -> set[int]:
    """
    The communes a unit works in: those it covers, those of the arrondissements it covers, all
    of a province or region it covers; a unit drawn on the map (an annex) works in its parent's.
    """
    communes: set[int] = set()
    current: Unit | None = unit
    while current is not None and not communes:
        rows = UnitCoverage.objects.filter(unit=current).values_list("area_id", "area__kind", "area__parent_id")
        wide: list[int] = []
        for area_id, kind, parent_id in rows:
            if kind == AreaKind.COMMUNE:
                communes.add(area_id)
            elif kind == AreaKind.ARRONDISSEMENT and parent_id is not None:
                communes.add(parent_id)
            else:
                wide.append(area_id)
        if wide:
            inside = Area.objects.filter(Q(province_id__in=wide) | Q(region_id__in=wide), kind=AreaKind.COMMUNE)
            communes.update(inside.values_list("pk", flat=True))
        if not rows:
            current = current.parent
        else:
            break
    return communes


def invitable_associations(*, meeting: Meeting) -> list[Association]:
    """Verified associations working in the meeting unit's communes, not yet invited."""
    communes = unit_commune_ids(unit=meeting.unit)
    links = AssociationCommune.objects.filter(commune_id__in=sorted(communes)).values("association_id")
    invited = MeetingInvitation.objects.filter(meeting=meeting).values("association_id")
    query = Association.objects.filter(pk__in=links, status=AssociationStatus.VERIFIED).exclude(pk__in=invited)
    return list(query.order_by("name_fr", "id")[:500])


def viewer_invitations(*, viewer: Viewer, limit: int = 100) -> list[MeetingInvitation]:
    """The invitations of the associations the viewer belongs to, the latest meeting first."""
    if not viewer.association_ids:
        return []
    query = MeetingInvitation.objects.filter(association_id__in=sorted(viewer.association_ids))
    query = query.select_related("meeting", "meeting__unit", "association")
    return list(query.order_by("-meeting__starts_at", "-id")[:limit])


def recommendation_by_public_id(*, public_id: str) -> Recommendation:
    query = Recommendation.objects.select_related("meeting", "meeting__unit", "responsible_unit", "latest_update")
    found = query.filter(public_id=public_id).first()
    if found is None:
        raise NotFound(_("No recommendation has this id."))
    return found


def recommendation_updates(*, recommendation: Recommendation) -> list[RecommendationUpdate]:
    return list(recommendation.updates.select_related("unit").order_by("at", "id"))


def may_update(viewer: Viewer, recommendation: Recommendation) -> bool:
    """Officers of the responsible unit, and of the unit that held the meeting, post progress."""
    units = {recommendation.responsible_unit_id, recommendation.meeting_unit_id}
    return viewer.acts_for_units and bool(units & viewer.unit_ids)


# --- accountability pages ------------------------------------------------------------------


def commune_unit_ids(*, commune: Area) -> list[int]:
    """
    The units whose recommendations a commune's accountability page lists: the units that
    cover the commune itself or one of its arrondissements (its pashalik or caïdat, its
    districts, its police, its council), and the units drawn inside those (its annexes).
    Provinces and regions are left out: their promises concern many communes, and they have
    their own unit page. A recommendation is listed when one of these units is responsible
    for it, or held the meeting it came from.
    """
    return sorted(set(_commune_units(commune)))


def _commune_units(commune: Area) -> "QuerySet[Unit, int]":
    areas = Area.objects.filter(Q(pk=commune.pk) | Q(parent=commune, kind=AreaKind.ARRONDISSEMENT)).values("pk")
    return Unit.objects.filter(
        Q(coverage__area__in=areas) | Q(coverage__isnull=True, parent__coverage__area__in=areas)
    ).values_list("pk", flat=True)


def commune_tally(*, commune: Area, today: dt.date) -> progress.Tally:
    """The counts of a commune's recommendations in one read (the units found inside it), for its page."""
    return _tally(_scope(_commune_units(commune)), today)


def _scope(unit_ids: "list[int] | QuerySet[Unit, int]") -> Q:
    return Q(responsible_unit_id__in=unit_ids) | Q(meeting_unit_id__in=unit_ids)


@dataclass
class AccountabilityPage:
    recommendations: list[Recommendation]
    next_cursor: str | None
    tally: progress.Tally
    today: dt.date

    def progress_of(self, recommendation: Recommendation) -> progress.Progress:
        return progress.progress_of(
            status=recommendation.status, due_on=recommendation.due_on, done_on=recommendation.done_on, today=self.today
        )


def _parse_cursor(cursor: str) -> tuple[dt.date, int]:
    try:
        day, _sep, pk = cursor.partition("_")
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        raise InvalidInput(fields={"cursor": [_("This page address is not valid.")]}) from None


def _tally(scope: Q, today: dt.date) -> progress.Tally:
    rows = (
        Recommendation.objects.filter(scope)
        .values_list("due_on", "status", "done_late")
        .annotate(count=Count("id"))
        .order_by()
    )
    return progress.tally(rows, today=today)


def recommendation_tally(*, unit_ids: list[int], today: dt.date) -> progress.Tally:
    """Counts by progress and by month of the due date: one grouped read of the scope's rows."""
    return _tally(_scope(unit_ids), today)


def accountability_page(*, unit_ids: list[int], cursor: str | None = None) -> AccountabilityPage:
    """One page of the recommendations of these units, the latest due first, with their counts."""
    today = clock.now().date()
    query = Recommendation.objects.filter(_scope(unit_ids))
    if cursor:
        due_on, pk = _parse_cursor(cursor)
        query = query.filter(Q(due_on__lt=due_on) | Q(due_on=due_on, pk__lt=pk))
    # The page's ids first, from the narrow rows; then those rows with their units: joining
    # before the page is cut would join every row of the scope.
    ids = list(query.order_by("-due_on", "-id").values_list("pk", flat=True)[: PAGE_SIZE + 1])
    found = Recommendation.objects.filter(pk__in=ids).select_related(
        "meeting", "responsible_unit", "meeting_unit", "latest_update", "latest_update__unit"
    )
    rows = sorted(found, key=lambda row: (row.due_on, row.pk), reverse=True)
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        next_cursor = f"{rows[-1].due_on.isoformat()}_{rows[-1].pk}"
    return AccountabilityPage(
        recommendations=rows,
        next_cursor=next_cursor,
        tally=recommendation_tally(unit_ids=unit_ids, today=today),
        today=today,
    )


def public_black_spots_of(*, recommendation: Recommendation) -> list[BlackSpot]:
    """The black spots a recommendation answers, those the public may still see."""
    spots = recommendation.black_spots.filter(visible_q(PUBLIC)).select_related("category", "commune")
    return list(spots.order_by("public_id")[:MAX_LINKED_SPOTS])


def recommendations_about(*, black_spot: BlackSpot) -> list[Recommendation]:
    """The recommendations that name a black spot, soonest due first."""
    found = Recommendation.objects.filter(black_spots=black_spot).select_related("responsible_unit")
    return list(found.order_by("due_on", "id")[:MAX_LINKED_SPOTS])
