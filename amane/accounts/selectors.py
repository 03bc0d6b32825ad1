"""Reads of accounts: the platform-wide roles a person holds."""

from amane.accounts.models import RoleGrant


def platform_roles_of(*, user_id: int) -> set[str]:
    return set(RoleGrant.objects.filter(user_id=user_id).values_list("role", flat=True))
