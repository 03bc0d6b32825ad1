"""
The public pages and reads that most visitors ask for, answered from the cache until a report changes.

The home page, the first page of the list API, the map's cell counts, a commune's page and
a report's page are the same for every visitor without a session, in a given language. They
are cached whole, under a key that holds the id of the newest timeline event of a public
report: every report filed and every status change adds an event, so the first request
after one builds the answer again, in every process, without anything having to be told.
The version is one read down the events' primary key, shared by all processes through the
database, so it holds with the in-process cache of `make run` as with Redis. Confidential
reports do not move it: the public pages' freshness tells nothing about them. Answers are
kept compressed for clients that accept gzip, plain for the others (the key says which).

Not cached: any visitor with a session (an officer, a citizen who has just filed and holds a
receipt to see), any answer that sets a cookie or varies on one (a page with a form's CSRF
token), anything but a 200. Django's cache middleware was the first choice; it keys on the
URL and a fixed prefix only, and could not see a report being filed.
"""

import hashlib
import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from amane.core.compression import accepts_gzip
from amane.reports.models import ReportEvent

# Paths whose answer depends only on the URL, the language and the reports: nothing personal.
CACHED_PATHS = re.compile(r"^/(|api/v1/reports|api/v1/reports/cells|communes/[^/]+/|reports/[^/]+/)$")
# A change that adds no event (a category renamed in the admin) shows within this time.
TIMEOUT_SECONDS = 60


# Bumped by a change that adds no event but must not wait for the timeout: a category made
# confidential hides its reports from the next request on (amane.reports.services.category_save).
GENERATION_KEY = "amane:public:generation"


def data_version() -> str:
    public = ReportEvent.objects.filter(report__public=True)
    newest = public.order_by("-id").values_list("id", flat=True).first() or 0
    return f"{newest}.{cache.get(GENERATION_KEY, 0)}"


def invalidate() -> None:
    """Make every cached public answer stale at once, in every process sharing the cache."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): any new value differs from the last
        cache.set(GENERATION_KEY, secrets.randbelow(2**31) + 1, None)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CACHED_PATHS.match(request.path) is not None
    )


def _cacheable_response(response: HttpResponse) -> bool:
    vary = response.get("Vary", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary.lower()
        and "no-store" not in response.get("Cache-Control", "")
    )


def _key(request: HttpRequest, version: str) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    # Stored gzipped for clients that take gzip and plain for the others (CompressText is inside).
    encoding = "gzip" if accepts_gzip(request) else "identity"
    raw = f"{version}|{language}|{encoding}|{request.get_full_path()}"
    return "amane:public:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicReadCache:
    """Serve the public reads above from the cache while no report has changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, data_version())
        response = cache.get(key)
        if not isinstance(response, HttpResponse):
            response = self.get_response(request)
            if _cacheable_response(response):
                cache.set(key, response, TIMEOUT_SECONDS)
        # The language comes from a cookie: a shared cache downstream must not mix them.
        patch_vary_headers(response, ["Cookie"])
        return response
