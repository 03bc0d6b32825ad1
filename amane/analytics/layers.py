"""
The pages' hotspot and density layers as background figures (`figures.py`).

A page's layers are the API's answers for the scope's box, but a page must not wait for them:
every public report moves the data's version, and at a million reports a national lattice
takes about a second to compute again. The pages read them stale-while-revalidate; the API,
whose callers ask for the figures as they are, computes them in the request (and caches).
"""

import datetime as dt
from typing import Any

from amane.analytics.figures import figure
from amane.analytics.selectors import density as density_selectors
from amane.analytics.selectors import hotspots as hotspot_selectors


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@figure("hotspots")
def hotspots_layer(
    *, resolution: int, box: list[float], category: str | None, first: str | None, last: str | None
) -> dict[str, Any]:
    query = hotspot_selectors.HotspotQuery(
        resolution=resolution,
        box=(box[0], box[1], box[2], box[3]),
        category_code=category,
        occurred_from=_day(first),
        occurred_to=_day(last),
    )
    return hotspot_selectors.hotspots(query)


@figure("density")
def density_layer(
    *, size: int, box: list[float], category: str | None, first: str | None, last: str | None
) -> dict[str, Any]:
    query = density_selectors.DensityQuery(
        box=(box[0], box[1], box[2], box[3]),
        size=size,
        category_code=category,
        occurred_from=_day(first),
        occurred_to=_day(last),
    )
    return density_selectors.density_surface(query)
