"""The master builds the geography before forking, and leaves no connection for the workers to share."""

import gc
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections

from amane.geo import selectors, warmup
from amane.geo.tests.factories import build_square_geography


@pytest.fixture
def closed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []
    monkeypatch.setattr(connections, "close_all", lambda: calls.append(True))
    return calls


@pytest.mark.django_db
def test_warm_up_builds_the_layers_then_closes_connections(
    closed: list[bool], django_assert_num_queries: Callable[..., Any]
) -> None:
    build_square_geography()
    warmup.warm_up()
    assert closed == [True]
    with django_assert_num_queries(1):  # which boundary set is active; the layer itself is built already
        layer = selectors.commune_boundaries_geojson()
    assert b"FeatureCollection" in layer.plain


@pytest.mark.django_db
def test_warm_up_without_geography_does_not_fail(closed: list[bool]) -> None:
    warmup.warm_up()
    assert closed == [True]


def test_freeze_moves_live_objects_out_of_the_collector_and_sets_the_serving_thresholds() -> None:
    before = gc.get_threshold()
    try:
        warmup.freeze()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == warmup.SERVING_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
