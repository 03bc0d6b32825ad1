"""
The observatory's slower figures, served from the cache and computed again in the background.

A figure that reads every report of a region over two years (emerging hotspots) costs seconds
at a million reports: no visitor should wait for it. Each is kept under its name and
parameters with the public data's version it was computed for. A request finds it current,
or stale (it is shown, and a background task computes it again), or missing (the task is
queued and the page says the figure is on its way). The task queue is the authorities issue's
Huey: a thread beside the server by default, Redis workers at scale; in tests it runs at once.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from amane.reports.public_cache import data_version

# A figure survives this long without being asked for; it is computed again when the data move.
KEEP_SECONDS = 7 * 24 * 3600
# While a computation is queued or running, the same request does not queue another.
PENDING_SECONDS = 600

_COMPUTERS: dict[str, Callable[..., Any]] = {}


def figure(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function of JSON-able keyword arguments as the figure `name`."""

    def register(compute: Callable[..., Any]) -> Callable[..., Any]:
        _COMPUTERS[name] = compute
        return compute

    return register


def _key(name: str, params: dict[str, object]) -> str:
    digest = hashlib.sha256(json.dumps([name, params], sort_keys=True, default=str).encode()).hexdigest()[:32]
    return f"amane:analytics:figure:{digest}"


@dataclass(frozen=True)
class Read:
    value: Any
    current: bool  # computed for the data as they are now

    @property
    def missing(self) -> bool:
        return self.value is None


def read(name: str, *, compute_missing: bool = False, **params: object) -> Read:
    """
    The figure as last computed; queues a fresh computation when it is missing or stale.
    With `compute_missing`, a figure never computed before is computed in the request: the
    first visitor waits once, the later ones are served the last figure while it is refreshed.
    """
    key = _key(name, params)
    version = data_version()
    stored = cache.get(key)
    if stored is not None and stored[0] == version:
        return Read(stored[1], True)
    if stored is None and compute_missing:
        compute(name, params)
        stored = cache.get(key)
        return Read(stored[1] if stored is not None else None, True)
    if cache.add(f"{key}:pending", True, PENDING_SECONDS):
        from amane.analytics.tasks import compute_figure

        compute_figure(name, params)
        stored = cache.get(key)  # the queue may run at once (tests, AMANE_TASKS_IMMEDIATE)
        if stored is not None and stored[0] == version:
            return Read(stored[1], True)
    return Read(stored[1] if stored is not None else None, False)


def compute(name: str, params: dict[str, object]) -> None:
    """Compute a figure for the data as they are now and keep it (the background task's work)."""
    key = _key(name, params)
    version = data_version()
    try:
        value = _COMPUTERS[name](**params)
        cache.set(key, (version, value), KEEP_SECONDS)
    finally:
        cache.delete(f"{key}:pending")
