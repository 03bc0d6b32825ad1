import pytest

from amane.audit.models import AuditEntry
from amane.authorities.models import Unit, UnitCoverage, UnitKind
from amane.authorities.services import unit_save
from amane.authorities.tests.factories import AN_ADMIN, make_unit, square
from amane.core.errors import InvalidInput
from amane.geo.tests.factories import CITY_EAST, PROVINCE, RURAL, URBAN, build_square_geography

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _squares() -> None:
    build_square_geography()


def test_a_new_unit_covers_its_areas_and_leaves_an_audit_row() -> None:
    unit = make_unit("council-urban", UnitKind.COMMUNE_COUNCIL, areas=[URBAN])
    assert list(UnitCoverage.objects.filter(unit=unit).values_list("area__code", flat=True)) == [URBAN]
    entry = AuditEntry.objects.get(target_type="unit", target_id="council-urban")
    assert entry.action == "unit.create"
    assert entry.details["areas"] == [URBAN]


def test_saving_again_replaces_the_covered_areas() -> None:
    unit = make_unit("cercle-test", UnitKind.CERCLE, areas=[URBAN, RURAL])
    unit_save(actor=AN_ADMIN, unit=unit, area_codes=[RURAL, CITY_EAST])
    covered = set(UnitCoverage.objects.filter(unit=unit).values_list("area__code", flat=True))
    assert covered == {RURAL, CITY_EAST}
    assert AuditEntry.objects.filter(target_id="cercle-test", action="unit.update").count() == 1


def test_an_unknown_area_code_is_refused_and_nothing_is_written() -> None:
    unit = Unit(code="province-x", name_ar="إقليم", name_fr="Province", kind=UnitKind.PROVINCE)
    with pytest.raises(InvalidInput) as caught:
        unit_save(actor=AN_ADMIN, unit=unit, area_codes=[PROVINCE, "00.000"])
    assert caught.value.field_messages() == {"areas": ["رموز مجالات غير معروفة: 00.000."]}
    assert not Unit.objects.filter(code="province-x").exists()
    assert not AuditEntry.objects.filter(target_type="unit").exists()


def test_a_drawn_area_that_crosses_itself_is_refused_on_its_field() -> None:
    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[-8.0, 31.0], [-7.9, 31.1], [-7.9, 31.0], [-8.0, 31.1], [-8.0, 31.0]]],
    }
    unit = Unit(code="annex-x", name_ar="ملحقة", name_fr="Annexe", kind=UnitKind.ANNEX, drawn_area=bow_tie)
    with pytest.raises(InvalidInput) as caught:
        unit_save(actor=AN_ADMIN, unit=unit)
    assert caught.value.field_messages() == {"drawn_area": ["هذا المضلع يتقاطع مع نفسه أو فارغ."]}
    assert not Unit.objects.exists()


def test_a_drawn_area_inside_the_city_is_kept() -> None:
    unit = make_unit("annex-east", UnitKind.ANNEX, drawn_area=square(-7.95, 31.20, -7.90, 31.30))
    unit.refresh_from_db()
    assert unit.drawn_area is not None
    assert unit.drawn_area["type"] == "Polygon"
