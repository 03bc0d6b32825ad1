"""
Who flagged, as a key that tells two flags of one person apart from flags of two, and nothing more.

A signed-in person is keyed by a keyed hash of their account id: stable, so that one account
counts once per content whatever the day.

An anonymous visitor is keyed by an HMAC of their address and browser (user agent) under a
key made of SECRET_KEY, the day, and a random salt drawn for that day that lives only in the
cache. The address and user agent are read to compute it and then dropped: no row, log or
cache entry holds them. The row keeps the HMAC, which:
- cannot be reversed: IPv4 has only 4 billion addresses and browsers a few thousand common
  user agents, so a hash under SECRET_KEY alone could be undone by trying them all by anyone
  who obtained the key; the day's salt never reaches the database or a backup, and once it
  leaves the cache (after DAY_SALT_SECONDS) nobody can recompute any of that day's keys;
- cannot be linked across days: the next day has another salt, hence other keys for the
  same visitor.
The price: the same visitor may flag the same thing again the next day, or if the cache is
emptied mid-day; several people behind one address with the same browser count once.
With the in-process cache of `make run` each server process draws its own salt; production
shares the cache (REDIS_URL), and so the salt.

Flag abuse is counted per key (django-ratelimit, in the cache), AMANE_RATE_LIMIT_FLAG.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from amane.core.throttle import RateLimited, client_address
from amane.flags import conf

# A day and a half: the salt outlives its day by a margin for visitors across midnight's cache.
DAY_SALT_SECONDS = 36 * 3600


class TooManyFlags(RateLimited):
    code = "too_many_flags"
    title = _("Too many flags from you.")

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.detail = _("You have sent many flags in a short time. Try again later.")


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def user_key(user_id: int) -> str:
    secret = hashlib.sha256(f"amane.flags.user:{settings.SECRET_KEY}".encode()).digest()
    return "u:" + _mac(secret, str(user_id))[:40]


def _day_salt(day: str) -> str:
    name = f"amane:flags:salt:{day}"
    salt = cache.get(name)
    if not isinstance(salt, str):
        # add() keeps the first of two processes racing on a fresh day; both then read it.
        cache.add(name, secrets.token_hex(32), DAY_SALT_SECONDS)
        salt = cache.get(name)
    return str(salt)


def visitor_key(*, address: str, user_agent: str, day: str) -> str:
    salt = _day_salt(day)
    secret = hashlib.sha256(f"amane.flags.visitor:{settings.SECRET_KEY}:{day}:{salt}".encode()).digest()
    return "v:" + _mac(secret, f"{address}\n{user_agent}")[:40]


def flagger_key(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.pk is not None:
        return user_key(int(user.pk))
    return visitor_key(
        address=client_address(request),
        user_agent=str(request.META.get("HTTP_USER_AGENT", ""))[:512],
        day=timezone.localdate().isoformat(),
    )


def check_rate(request: HttpRequest, key: str) -> None:
    """Count one flag by this flagger; raise TooManyFlags past AMANE_RATE_LIMIT_FLAG."""
    usage = get_usage(
        request, group="amane.flag", key=lambda _group, _request: key, rate=conf.flag_rate(), increment=True
    )
    if usage is not None and usage["should_limit"]:
        raise TooManyFlags(retry_after=max(1, int(usage["time_left"])))
