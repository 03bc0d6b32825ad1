"""
Build the per-process geography before gunicorn forks its workers.

Each worker used to build its own point locator, place index and national commune layers
on its first requests: some 150 MB of shapes, names and bytes, twice. Built once in the
master (gunicorn.conf.py, ``preload_app``) and then frozen out of the garbage collector's
reach (``gc.freeze``), the workers share those pages with the master instead of copying
them: a collection that walks an object writes to its header, and a written page is copied.
"""

import contextlib
import gc
import logging

from django.db import connections

from amane.core.errors import AmaneError
from amane.geo import selectors

logger = logging.getLogger(__name__)
# A point in Casablanca, to build the locator; a name, to build the place index.
_A_POINT = (33.5731, -7.5898)
_A_NAME = "Rabat"


def warm_up() -> None:
    """Build the locator, the place index and the national layers; then close database connections."""
    try:
        # Outside the covered area or no geography yet: the locator is built, or absent, either way.
        with contextlib.suppress(AmaneError):
            selectors.locate_point(lat=_A_POINT[0], lon=_A_POINT[1])
        selectors.places_named(name=_A_NAME, limit=1)
        selectors.commune_boundaries_geojson(low_detail=True)
        selectors.commune_boundaries_geojson(low_detail=False)
    except AmaneError as error:
        logger.warning("Geography not warmed up: %s", error)
    finally:
        # A connection opened here would be shared by every forked worker: close it first.
        connections.close_all()


# Collector thresholds for serving. With CPython's (700, 10, 10), a request that builds a page
# of 200 black spots with their answers and reports crosses enough allocations to run the
# older generations' collections, adding 30–80 ms to about one request in twenty (measured by
# bench/community.py: the p95 of such a page fell from 79 to 45 ms with the collector off, and
# to the same with these). What is left to collect after freeze() is each request's own cycles;
# objects without cycles are freed by reference counting whatever the thresholds.
SERVING_THRESHOLDS = (20_000, 50, 50)


def freeze() -> None:
    """Move every object alive now out of the collector's generations, so forks share their pages."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVING_THRESHOLDS)
