"""
Keys for the inbox API: a random 256-bit token shown once, kept as its SHA-256.

A plain hash suffices: the token is random, not a password a person chose, so it cannot be
guessed from its hash. `BearerToken` authenticates a request by it (Authorization: Bearer …)
and sets request.user, so the API's handlers build the same viewer as the pages do.
"""

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from ninja.security import HttpBearer

from amane.accounts.models import ApiToken
from amane.audit.services import audit_record
from amane.core import clock
from amane.core.actors import Actor
from amane.core.errors import NotFound

PREFIX = "amane_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_issue(*, actor: Actor, user: User, name: str) -> str:
    """Make a token for `user` and return it: the only time it is seen."""
    token = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        made = ApiToken.objects.create(user=user, name=name[:80], token_hash=_hash(token), created_at=clock.now())
        audit_record(actor=actor, action="api_token.issue", target_type="api_token", target_id=str(made.pk))
    return token


def user_for_token(token: str) -> User | None:
    if not token.startswith(PREFIX):
        return None
    found = ApiToken.objects.select_related("user").filter(token_hash=_hash(token), revoked_at=None).first()
    if found is None or not found.user.is_active:
        return None
    today = clock.now().date()
    if found.last_used_on != today:  # one write a day at most, not one per request
        ApiToken.objects.filter(pk=found.pk).update(last_used_on=today)
    return found.user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def tokens_of(*, user_id: int) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user_id=user_id, revoked_at=None).order_by("-created_at"))


def token_revoke(*, actor: Actor, user_id: int, token_id: int) -> None:
    """Revoke one of the user's own tokens; another's, or an unknown one, is not found."""
    with transaction.atomic():
        done = ApiToken.objects.filter(pk=token_id, user_id=user_id, revoked_at=None).update(revoked_at=clock.now())
        if not done:
            raise NotFound()
        audit_record(actor=actor, action="api_token.revoke", target_type="api_token", target_id=str(token_id))
