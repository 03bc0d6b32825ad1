"""Reads of associations, scoped to what the viewer may see."""

from amane.associations.models import AssociationMember, MemberRole


def association_memberships_of(*, user_id: int) -> tuple[set[int], set[int]]:
    """The associations a user is a member of, and those among them they administer."""
    rows = AssociationMember.objects.filter(user_id=user_id).values_list("association_id", "role")
    members = {association_id for association_id, _ in rows}
    admins = {association_id for association_id, role in rows if role == MemberRole.ADMIN}
    return members, admins
