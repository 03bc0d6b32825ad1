"""
Atom feeds of a commune's and a province's public items: /feeds/communes/{code}.atom.

In Arabic unless the reader asks for French (?lang=fr, or Accept-Language: feed readers send
what their user set, unlike phones' browsers, so it counts here).
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from amane.announcements import ticker
from amane.announcements.feed_sources import FEED_MAX, FeedItem, feed_items
from amane.geo.models import Area, AreaKind
from amane.reports import public_cache

LANGUAGES = ("ar", "fr")
CACHE_SECONDS = 300


def _data_version() -> str:
    return f"{public_cache.data_version()}.{cache.get(ticker.VERSION_KEY, 0)}"


def feed_language(request: HttpRequest) -> str:
    asked = request.GET.get("lang")
    if asked in LANGUAGES:
        return asked
    chosen = translation.get_language_from_request(request)
    return chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE


class AreaFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    kind: str = AreaKind.COMMUNE
    page_name = "commune"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = feed_language(request)
        # Feed readers poll: a province's feed reads one short range per commune, so the answer
        # is kept until a report or an announcement changes (other sources: five minutes).
        # The links are absolute, made from the address the request came to.
        origin = f"{request.scheme}://{request.get_host()}"
        key = f"amane:feed:{self.kind}:{kwargs.get('code')}:{language}:{origin}:{_data_version()}"
        kept = cache.get(key)
        if kept is not None:
            response = HttpResponse(kept[1], content_type=kept[0])
        else:
            with translation.override(language):
                self.language = language
                response = super().__call__(request, *args, **kwargs)
            cache.set(key, (response["Content-Type"], response.content), CACHE_SECONDS)
        response["Content-Language"] = language
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return response

    def get_object(self, request: HttpRequest, code: str) -> Area:
        area = Area.objects.select_related("province", "region").filter(kind=self.kind, code=code).first()
        if area is None:
            raise Http404
        return area

    def _name(self, area: Area) -> str:
        return area.name_fr if self.language == "fr" else area.name_ar

    def title(self, area: Area) -> str:
        return _("Amane · %(place)s") % {"place": self._name(area)}

    def subtitle(self, area: Area) -> str:
        return _("Announcements of the authorities and public reports in %(place)s.") % {"place": self._name(area)}

    def link(self, area: Area) -> str:
        return reverse(self.page_name, args=[area.code]) if self.page_name else "/"

    def feed_guid(self, area: Area) -> str:
        return f"urn:amane:feed:{self.kind}:{area.code}"

    def items(self, area: Area) -> list[FeedItem]:
        return feed_items(area, FEED_MAX)

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        return item.summary

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        return item.unique_id

    def item_guid_is_permalink(self, item: FeedItem) -> bool:
        return False

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return item.updated

    def item_pubdate(self, item: FeedItem) -> dt.datetime:
        return item.updated


class CommuneFeed(AreaFeed):
    kind = AreaKind.COMMUNE


class ProvinceFeed(AreaFeed):
    kind = AreaKind.PROVINCE
    # A province has no page of its own yet: its feed links to the home map.
    page_name = ""
