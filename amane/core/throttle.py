"""
How often one client may file reports and try receipt codes.

A client is known by a keyed hash of its address, never the address itself: the hash is a
cache key that lives only as long as its counting window (a minute), in the cache alone,
so no table or log ever holds who filed what. Mobile networks in Morocco put many phones
behind one address, so the limits are counted generously; they stop a script, not a family.
django-ratelimit does the counting.
"""

import hashlib
import hmac
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from amane.core import error_views
from amane.core.errors import AmaneError


class RateLimited(AmaneError):
    code = "rate_limited"
    status = 429
    title = _("Too many attempts from this connection.")

    def __init__(self, retry_after: int) -> None:
        super().__init__(_("Wait a minute, then try again."))
        self.retry_after = retry_after


def client_address(request: HttpRequest) -> str:
    """Return the client's address, read past the trusted reverse proxies."""
    proxies = settings.AMANE_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key(group: str, request: HttpRequest) -> str:
    key = hashlib.sha256(f"amane.throttle:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()[:32]


def check(request: HttpRequest, *, action: str) -> None:
    """Count one attempt at an action ('file' or 'track'); raise RateLimited past the limit."""
    usage = get_usage(
        request, group=f"amane.{action}", key=client_key, rate=settings.AMANE_RATE_LIMITS[action], increment=True
    )
    if usage is not None and usage["should_limit"]:
        raise RateLimited(retry_after=max(1, int(usage["time_left"])))


def limited(action: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a page view: its POSTs count towards the action's limit, and past it get a 429 page."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method == "POST":
                try:
                    check(request, action=action)
                except RateLimited as refused:
                    return too_many_attempts(request, refused)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def too_many_attempts(request: HttpRequest, refused: RateLimited) -> HttpResponse:
    refusal = error_views.Refusal(429, refused.code, refused.title, refused.detail)
    response = error_views.refuse(request, refusal)
    response["Retry-After"] = str(refused.retry_after)
    return response
