"""
Reads of associations, scoped to what the viewer may see.

The public sees verified associations and their corroborations. An association's members
see it whatever its status; officers see those their units decide on (the territorial
administration covering one of its communes, directly or through its province or region).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amane.associations.models import (
    Association,
    AssociationCommune,
    AssociationMember,
    AssociationStatus,
    Corroboration,
    MemberRole,
)
from amane.authorities.models import UnitCoverage, UnitKind
from amane.core.errors import NotFound
from amane.core.viewer import Viewer
from amane.geo.models import Area

# The Interior's territorial administration gives associations their receipt of declaration;
# the police, the gendarmerie and the elected council do not decide on them.
DECIDING_KINDS = (
    UnitKind.WILAYA,
    UnitKind.PREFECTURE,
    UnitKind.PROVINCE,
    UnitKind.CERCLE,
    UnitKind.CAIDAT,
    UnitKind.PASHALIK,
    UnitKind.DISTRICT,
    UnitKind.ANNEX,
)
PAGE = 50


def association_memberships_of(*, user_id: int) -> tuple[set[int], set[int]]:
    """The associations a user is a member of, and those among them they administer."""
    rows = AssociationMember.objects.filter(user_id=user_id).values_list("association_id", "role")
    members = {association_id for association_id, _ in rows}
    admins = {association_id for association_id, role in rows if role == MemberRole.ADMIN}
    return members, admins


def verifying_units(*, association_id: int) -> list[int]:
    """
    The units that decide on an association, the most local first: those covering one of its
    communes, then its provinces, then its regions (a pashalik before its governor).
    """
    rows = Area.objects.filter(_communes_of(association_id)).values_list("pk", "province_id", "region_id")
    levels = [[row[level] for row in rows if row[level] is not None] for level in range(3)]
    ordered: list[int] = []
    for area_ids in levels:
        found = UnitCoverage.objects.filter(area_id__in=area_ids, unit__kind__in=DECIDING_KINDS)
        ordered += [
            unit_id for unit_id in found.order_by("unit_id").values_list("unit_id", flat=True) if unit_id not in ordered
        ]
    return ordered


def _communes_of(association_id: int) -> Q:
    communes = AssociationCommune.objects.filter(association_id=association_id).values("commune_id")
    return Q(pk__in=communes)


def verifying_unit_ids(*, association_id: int) -> frozenset[int]:
    return frozenset(verifying_units(association_id=association_id))


def _visible(viewer: Viewer) -> Q:
    if viewer.is_staff:
        return Q()
    return Q(status=AssociationStatus.VERIFIED) | Q(pk__in=sorted(viewer.association_ids))


def association_get(*, viewer: Viewer, slug: str) -> Association:
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        raise NotFound(_("No association has this address."))
    if Association.objects.filter(_visible(viewer), pk=association.pk).exists():
        return association
    if viewer.acts_for_units and verifying_unit_ids(association_id=association.pk) & viewer.unit_ids:
        return association
    raise NotFound(_("No association has this address."))


def associations_public(*, commune_code: str | None = None, after_id: int = 0) -> list[Association]:
    """Verified associations, in registration order, a page at a time; in one commune if asked."""
    found: QuerySet[Association] = Association.objects.filter(status=AssociationStatus.VERIFIED, pk__gt=after_id)
    if commune_code:
        found = found.filter(commune_links__commune__code=commune_code)
    return list(found.order_by("pk")[:PAGE])


def associations_to_decide(*, viewer: Viewer) -> list[Association]:
    """For an officer: associations in their units' areas, pending first."""
    if not viewer.acts_for_units:
        return []
    area_ids = UnitCoverage.objects.filter(
        unit_id__in=sorted(viewer.unit_ids), unit__kind__in=DECIDING_KINDS
    ).values_list("area_id", flat=True)
    communes = Area.objects.filter(Q(pk__in=area_ids) | Q(province_id__in=area_ids) | Q(region_id__in=area_ids))
    found = Association.objects.filter(commune_links__commune__in=communes).distinct()
    pending_first = sorted(
        found[:500], key=lambda association: (association.status != AssociationStatus.PENDING, association.pk)
    )
    return pending_first


def members_of(*, viewer: Viewer, association: Association) -> list[AssociationMember]:
    """The members' list, for the association's own members only."""
    if association.pk not in viewer.association_ids and not viewer.is_staff:
        return []
    return list(association.members.select_related("user").order_by("role", "created_at"))


@dataclass(frozen=True)
class PublicCorroboration:
    id: int
    association_name_ar: str
    association_name_fr: str
    association_slug: str
    note: str
    created_on: dt.date


def corroborations_public(*, report_id: int) -> list[PublicCorroboration]:
    """What the public sees: verified associations' names and notes, never the member who wrote them."""
    rows = (
        Corroboration.objects.filter(report_id=report_id, hidden=False, association__status=AssociationStatus.VERIFIED)
        .select_related("association")
        .order_by("created_at", "pk")
    )
    return [
        PublicCorroboration(
            id=row.pk,
            association_name_ar=row.association.name_ar,
            association_name_fr=row.association.name_fr,
            association_slug=row.association.slug,
            note=row.note,
            created_on=timezone.localdate(row.created_at),
        )
        for row in rows[:100]
    ]


def corroborated_by(*, viewer: Viewer, report_id: int) -> set[int]:
    """Which of the viewer's associations have corroborated this report already."""
    if not viewer.association_ids:
        return set()
    return set(
        Corroboration.objects.filter(
            report_id=report_id, association_id__in=sorted(viewer.association_ids)
        ).values_list("association_id", flat=True)
    )


def verified_associations_of(*, viewer: Viewer) -> list[Association]:
    """The associations the viewer may act for now."""
    if not viewer.association_ids:
        return []
    return list(Association.objects.filter(pk__in=sorted(viewer.association_ids), status=AssociationStatus.VERIFIED))
