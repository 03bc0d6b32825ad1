from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from amane.audit.models import AuditEntry
from amane.authorities.importer import arabic_for, french_of, national_plan, units_sync
from amane.authorities.models import Unit, UnitCoverage, UnitKind
from amane.authorities.tests.factories import AN_ADMIN
from amane.geo.models import Area, AreaKind, Boundary
from amane.geo.tests.factories import CITY, PROVINCE, REGION, RURAL, URBAN, build_square_geography

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import-units", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def covered(code: str) -> list[str]:
    return sorted(UnitCoverage.objects.filter(unit__code=code).values_list("area__code", flat=True))


def test_without_geography_the_command_says_to_import_it_first() -> None:
    # The real geography may stay in the database from an earlier test of the session.
    Boundary.objects.all().delete()
    for kind in (AreaKind.ARRONDISSEMENT, AreaKind.COMMUNE, AreaKind.CERCLE, AreaKind.PROVINCE, AreaKind.REGION):
        Area.objects.filter(kind=kind).delete()
    with pytest.raises(CommandError, match="import-geography"):
        run()


def test_the_country_gets_a_wilaya_a_province_and_per_commune_a_council_and_police_or_gendarmerie() -> None:
    build_square_geography()
    out, _ = run()
    # Only the squares' units: the real geography may be in the database too (realdata tests).
    units = {unit.code: unit for unit in Unit.objects.select_related("parent") if "-99" in unit.code}
    assert set(units) == {
        f"wilaya-{REGION}",
        f"province-{PROVINCE}",
        *(f"council-{code}" for code in (URBAN, RURAL, CITY)),
        f"police-{URBAN}",
        f"police-{CITY}",
        f"gendarmerie-{RURAL}",
    }
    assert units[f"province-{PROVINCE}"].parent == units[f"wilaya-{REGION}"]
    for code in (f"council-{RURAL}", f"police-{URBAN}", f"gendarmerie-{RURAL}"):
        assert units[code].parent == units[f"province-{PROVINCE}"]
    assert units[f"gendarmerie-{RURAL}"].kind == UnitKind.GENDARMERIE
    assert covered(f"police-{URBAN}") == [URBAN]
    assert covered(f"wilaya-{REGION}") == [REGION]
    assert units[f"council-{URBAN}"].name_ar == "المجلس الجماعي لمدينة الأمان"
    assert units[f"council-{URBAN}"].name_fr == "Conseil communal d'Al Amane"
    assert units[f"gendarmerie-{RURAL}"].name_fr == "Gendarmerie royale, brigade de Douar Test"
    assert "units created" in out
    assert AuditEntry.objects.filter(action="unit.import").count() == 1


def test_a_second_run_changes_nothing_and_says_so() -> None:
    build_square_geography()
    run()
    before = list(Unit.objects.values_list("code", "updated_at"))
    out, _ = run()
    assert "Country: nothing to change (" in out
    assert list(Unit.objects.values_list("code", "updated_at")) == before
    assert AuditEntry.objects.filter(action="unit.import").count() == 1


def test_a_renamed_commune_renames_its_units_and_nothing_else() -> None:
    build_square_geography()
    run()
    Area.objects.filter(code=RURAL).update(name_fr="Oulad Test")
    out, _ = run()
    assert "Country: 0 units created, 2 updated," in out
    assert Unit.objects.get(code=f"council-{RURAL}").name_fr == "Conseil communal d'Oulad Test"


def test_coverage_that_no_longer_belongs_to_a_unit_is_removed() -> None:
    build_square_geography()
    run()
    UnitCoverage.objects.create(unit=Unit.objects.get(code=f"police-{URBAN}"), area=Area.objects.get(code=RURAL))
    counts = units_sync(actor=AN_ADMIN, plan=national_plan())
    assert (counts.created, counts.updated, counts.coverage_removed, counts.coverage_added) == (0, 0, 1, 0)
    assert covered(f"police-{URBAN}") == [URBAN]


def test_progress_goes_to_stderr_and_the_summary_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    build_square_geography()
    out, _ = run()
    # tqdm writes to the process's stderr, not to the command's.
    assert "units: 100%" in capsys.readouterr().err
    assert "Country:" in out


def test_names_follow_french_elision_and_the_arabic_article() -> None:
    assert french_of("Taroudannt") == "de Taroudannt"
    assert french_of("Oulad Teima") == "d'Oulad Teima"
    assert french_of("Aïn-Chock") == "d'Aïn-Chock"
    assert arabic_for("تارودانت") == "لتارودانت"
    assert arabic_for("الكردان") == "للكردان"
