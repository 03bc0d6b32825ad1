"""Authority units: who a report goes to, by the unit's public code."""

from django.http import HttpRequest
from ninja import Router
from pydantic import BaseModel, Field

from amane.authorities import selectors
from amane.authorities.models import Unit
from amane.core.problems import openapi_responses

router = Router(tags=["authorities"])


class UnitSummaryOut(BaseModel):
    code: str
    name_ar: str
    name_fr: str
    kind: str


class UnitOut(UnitSummaryOut):
    parent: UnitSummaryOut | None


class RoutingOut(BaseModel):
    responsible: UnitSummaryOut | None = Field(description="The unit that answers; null while the report is unrouted")
    copies: list[UnitSummaryOut] = Field(description="Other units that handle this kind of report here")


def _summary(unit: Unit) -> UnitSummaryOut:
    return UnitSummaryOut(code=unit.code, name_ar=unit.name_ar, name_fr=unit.name_fr, kind=unit.kind)


@router.get(
    "/units/{code}",
    response=UnitOut,
    summary="An authority unit and its parent",
    description=(
        "`kind` is one of wilaya, prefecture, province, cercle, caidat, pashalik, district, annex, police, "
        "gendarmerie, commune-council. Codes are stable: `province-09.541`, `council-09.541.09.19`."
    ),
    openapi_extra=openapi_responses(400, 404),
)
def unit_detail(request: HttpRequest, code: str) -> UnitOut:
    unit = selectors.unit_by_code(code=code)
    parent = _summary(unit.parent) if unit.parent else None
    return UnitOut(**_summary(unit).model_dump(), parent=parent)
