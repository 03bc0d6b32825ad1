import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from amane.authorities.models import RoutingRule, Unit, UnitKind
from amane.authorities.tests.factories import square
from amane.reports.models import Category

pytestmark = pytest.mark.django_db


def test_unit_kinds_are_exactly_the_published_ones() -> None:
    assert sorted(UnitKind.values) == sorted(
        [
            "wilaya",
            "prefecture",
            "province",
            "cercle",
            "caidat",
            "pashalik",
            "district",
            "annex",
            "police",
            "gendarmerie",
            "commune-council",
        ]
    )


def test_a_drawn_area_outside_morocco_is_refused_on_its_field() -> None:
    unit = Unit(code="annex-x", name_ar="ملحقة", name_fr="Annexe", kind=UnitKind.ANNEX)
    unit.drawn_area = square(2.35, 48.85, 2.36, 48.86)
    with pytest.raises(ValidationError) as caught, translation.override("fr"):
        unit.full_clean()
    with translation.override("fr"):
        assert caught.value.message_dict == {"drawn_area": ["Ce polygone est hors du Maroc."]}


def test_a_code_with_spaces_or_arabic_letters_is_refused() -> None:
    for code in ("annex taroudant", "ملحقة-1"):
        unit = Unit(code=code, name_ar="ملحقة", name_fr="Annexe", kind=UnitKind.ANNEX)
        with pytest.raises(ValidationError) as caught:
            unit.full_clean()
        assert "code" in caught.value.message_dict


def test_the_database_refuses_a_second_responsible_kind_for_a_category() -> None:
    theft = Category.objects.get(code="theft")
    assert RoutingRule.objects.filter(category=theft, responsible=True).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutingRule.objects.create(category=theft, kind=UnitKind.WILAYA, responsible=True, position=99)
    assert RoutingRule.objects.filter(category=theft, responsible=True).count() == 1


def test_a_second_copy_kind_for_a_category_is_allowed() -> None:
    theft = Category.objects.get(code="theft")
    RoutingRule.objects.create(category=theft, kind=UnitKind.WILAYA, responsible=False, position=99)
    assert RoutingRule.objects.filter(category=theft, responsible=False).count() >= 2
