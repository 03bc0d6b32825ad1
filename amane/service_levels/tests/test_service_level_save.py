"""Service levels are changed through one service: within the national rules, audited, nothing half written."""

import pytest
from django.utils import translation

from amane.audit.models import AuditEntry
from amane.core.errors import InvalidInput
from amane.reports.models import Category
from amane.reports.tests.factories import AN_AUTHORITY
from amane.service_levels.models import ServiceLevel
from amane.service_levels.services import service_level_save

pytestmark = pytest.mark.django_db


def theft_level() -> ServiceLevel:
    return ServiceLevel.objects.get(category__code="theft")


def test_every_category_starts_with_48_hours_to_acknowledge_and_30_days_to_resolve() -> None:
    levels = set(ServiceLevel.objects.values_list("acknowledge_hours", "resolve_days"))
    assert levels == {(48, 30)}
    assert ServiceLevel.objects.count() == Category.objects.count() > 0


def test_a_change_is_saved_and_audited_with_before_and_after() -> None:
    level = theft_level()
    level.acknowledge_hours, level.resolve_days = 24, 10
    service_level_save(actor=AN_AUTHORITY, level=level)
    assert (theft_level().acknowledge_hours, theft_level().resolve_days) == (24, 10)
    entry = AuditEntry.objects.get(action="service_level.update", target_id="theft")
    assert entry.before == {"acknowledge_hours": 48, "resolve_days": 30}
    assert entry.after == {"acknowledge_hours": 24, "resolve_days": 10}


def test_a_level_beyond_the_national_rules_is_refused_per_field_and_nothing_is_written() -> None:
    level = theft_level()
    level.acknowledge_hours, level.resolve_days = 15 * 24 + 1, 61
    with pytest.raises(InvalidInput) as refused:
        service_level_save(actor=AN_AUTHORITY, level=level)
    assert set(refused.value.fields) == {"acknowledge_hours", "resolve_days"}
    assert (theft_level().acknowledge_hours, theft_level().resolve_days) == (48, 30)
    assert not AuditEntry.objects.filter(action__startswith="service_level.").exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "60 jours"),
        ("ar", "60 يوما"),
    ],
)
def test_the_refusal_is_in_the_users_language(language: str, expected: str) -> None:
    level = theft_level()
    level.resolve_days = 90
    with translation.override(language), pytest.raises(InvalidInput) as refused:
        service_level_save(actor=AN_AUTHORITY, level=level)
    assert expected in refused.value.field_messages()["resolve_days"][0]
