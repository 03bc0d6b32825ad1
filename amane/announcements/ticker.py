"""
The urgent ticker's reads, cached per commune for a minute and made stale by any write.

Each page of an area reads its urgent announcements once per minute at most: one cache
round trip fetches both the commune's entry and the version that every write bumps, so an
announcement published, changed or withdrawn shows on the next page, in every process that
shares the cache. Hidden through announcement_set_hidden it leaves at once; hidden by a
plain update, which bumps nothing, within the minute.
"""

import secrets

from django.core.cache import cache

from amane.announcements import selectors
from amane.announcements.selectors import TickerItem
from amane.core import clock
from amane.core.errors import NotFound
from amane.geo.models import Area, AreaKind

VERSION_KEY = "amane:ticker:version"
TTL_SECONDS = 60


def forget_all() -> None:
    """Make every commune's cached ticker stale at once."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet, or evicted: any new value differs from the last
        cache.set(VERSION_KEY, secrets.randbelow(2**31) + 1, None)


def _area(area_or_code: Area | str) -> Area | None:
    if isinstance(area_or_code, Area):
        return area_or_code
    try:
        from amane.geo.selectors import commune_by_code

        return commune_by_code(code=str(area_or_code))
    except NotFound:
        return None


def ticker_items(area_or_code: Area | str | None) -> list[TickerItem]:
    """The urgent announcements to run on a page of this area (an Area, or a commune's code)."""
    if not area_or_code:
        return []
    area = _area(area_or_code)
    if area is None or area.kind not in (AreaKind.COMMUNE, AreaKind.ARRONDISSEMENT, AreaKind.PROVINCE):
        return []
    key = f"amane:ticker:{area.pk}"
    found = cache.get_many([key, VERSION_KEY])
    version = found.get(VERSION_KEY, 0)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        items: list[TickerItem] = entry[1]
    else:
        items = selectors.urgent_for_area(area=area)
        cache.set(key, (version, items), TTL_SECONDS)
    # Checked on every page, so that an announcement leaves at its minute, cached or not.
    now = clock.now()
    return [item for item in items if item.expires_at > now]
