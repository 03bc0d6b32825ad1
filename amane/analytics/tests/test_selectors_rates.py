"""Commune rates from the month tallies: public reports only, the national prior, the scope's communes."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from amane.analytics.engine.rates import empirical_bayes
from amane.analytics.scopes import Scope, scope_for
from amane.analytics.selectors.rates import RateQuery, commune_rates
from amane.core.errors import InvalidInput
from amane.geo.tests.factories import IN_CITY_EAST, IN_RURAL, IN_URBAN, PROVINCE, RURAL, URBAN, build_square_geography
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

POPULATIONS = {URBAN: 40_000, RURAL: 3_000, "99.901.03.0": 500_000}


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def this_year(scope: Scope, **kwargs: object) -> RateQuery:
    return RateQuery.last_months(scope, timezone.localdate(), **kwargs)  # type: ignore[arg-type]


def file_many(point: tuple[float, float], n: int, **fields: object) -> None:
    for _ in range(n):
        file_report(point=point, **fields)


def test_rates_are_the_empirical_bayes_rates_of_the_public_counts_over_every_commune() -> None:
    file_many(IN_URBAN, 6)
    file_many(IN_RURAL, 2)
    file_many(IN_CITY_EAST, 3)
    file_many(IN_RURAL, 4, category_code="domestic-violence")
    answer = commune_rates(this_year(scope_for(None)))
    by_code = {row["code"]: row for row in answer["communes"]}
    codes = sorted(POPULATIONS)
    events = np.array([{URBAN: 6, RURAL: 2}.get(c, 3) for c in codes], dtype=float)
    expected = empirical_bayes(events, np.array([POPULATIONS[c] for c in codes], dtype=float))
    for i, code in enumerate(codes):
        assert by_code[code]["reports"] == events[i]
        assert by_code[code]["population"] == POPULATIONS[code]
        assert by_code[code]["smoothed_per_1000"] == pytest.approx(expected.smoothed[i] * 1000, abs=1e-10)
        assert by_code[code]["raw_per_1000"] == pytest.approx(1000 * events[i] / POPULATIONS[code])
    assert answer["overall_per_1000"] == pytest.approx(1000 * 11 / sum(POPULATIONS.values()))
    assert [row["rank"] for row in answer["communes"]] == [1, 2, 3]
    smoothed = [row["smoothed_per_1000"] for row in answer["communes"]]
    assert smoothed == sorted(smoothed, reverse=True)


def test_a_commune_page_lists_its_commune_ranked_against_the_whole_country() -> None:
    file_many(IN_URBAN, 5)
    file_many(IN_RURAL, 1)
    national = {row["code"]: row for row in commune_rates(this_year(scope_for(None)))["communes"]}
    local = commune_rates(this_year(scope_for(RURAL)))["communes"]
    assert [row["code"] for row in local] == [RURAL]
    assert local[0]["smoothed_per_1000"] == national[RURAL]["smoothed_per_1000"]
    assert local[0]["national_rank"] == national[RURAL]["national_rank"]
    assert {row["code"] for row in commune_rates(this_year(scope_for(PROVINCE)))["communes"]} == set(POPULATIONS)


def test_a_category_and_a_box_narrow_the_counts_and_the_list() -> None:
    file_many(IN_URBAN, 3)
    file_many(IN_URBAN, 2, category_code="vandalism")
    answer = commune_rates(this_year(scope_for(None), category_code="vandalism"))
    assert {row["code"]: row["reports"] for row in answer["communes"]}[URBAN] == 2
    boxed = commune_rates(this_year(scope_for(None), box=(-8.0, 31.0, -7.9, 31.1)))
    assert [row["code"] for row in boxed["communes"]] == [URBAN]


def test_months_outside_the_period_are_not_counted() -> None:
    file_many(IN_URBAN, 2)
    file_many(IN_URBAN, 3, occurred_at=timezone.now() - dt.timedelta(days=400))
    answer = commune_rates(this_year(scope_for(None)))
    assert {row["code"]: row["reports"] for row in answer["communes"]}[URBAN] == 2


def test_a_confidential_category_and_a_backwards_period_are_refused_field_by_field() -> None:
    today = timezone.localdate().replace(day=1)
    query = RateQuery(
        scope=scope_for(None), month_from=today, month_to=today - dt.timedelta(days=40), category_code="extremism"
    )
    with pytest.raises(InvalidInput) as refused:
        commune_rates(query)
    assert set(refused.value.fields) == {"from", "category"}
