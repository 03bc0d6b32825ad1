"""A commune's telephone numbers: the national ones for its type and the local ones its units entered."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router
from pydantic import BaseModel

from amane.core.problems import openapi_responses
from amane.directory.selectors import DirectoryNumber, commune_numbers

router = Router(tags=["directory"])


class NamedOut(BaseModel):
    code: str
    name_ar: str
    name_fr: str


class NumberOut(BaseModel):
    service: str
    number: str
    name_ar: str
    name_fr: str
    scope: Literal["national", "local"]
    address_ar: str
    address_fr: str
    hours: str
    unit: NamedOut | None
    is_demo: bool


class CommuneNumbersOut(BaseModel):
    commune: NamedOut
    province: NamedOut | None
    numbers: list[NumberOut]
    sheet_urls: dict[str, str]


def _number_out(number: DirectoryNumber) -> dict[str, object]:
    unit = number.unit
    return {
        "service": number.service,
        "number": number.number,
        "name_ar": number.name_ar,
        "name_fr": number.name_fr,
        "scope": number.scope,
        "address_ar": number.address_ar,
        "address_fr": number.address_fr,
        "hours": number.hours,
        "unit": {"code": unit.code, "name_ar": unit.name_ar, "name_fr": unit.name_fr} if unit else None,
        "is_demo": number.is_demo,
    }


@router.get(
    "/communes/{code}/numbers",
    response=CommuneNumbersOut,
    summary="A commune's telephone numbers",
    description=(
        "The national numbers that apply in the commune (police 19 in urban communes, Gendarmerie "
        "royale 177 in rural ones, civil protection 15), `scope: national`, then the local numbers "
        "and addresses entered by the units covering it, `scope: local`. 404 for an unknown code."
    ),
    openapi_extra=openapi_responses(400, 404),
)
def numbers(request: HttpRequest, code: str, response: HttpResponse) -> dict[str, object]:
    found = commune_numbers(code=code)
    commune, province = found.commune, found.commune.province
    # Entries change seldom; a few minutes in a shared cache spares the database a busy day.
    response["Cache-Control"] = "public, max-age=300"
    return {
        "commune": {"code": commune.code, "name_ar": commune.name_ar, "name_fr": commune.name_fr},
        "province": {"code": province.code, "name_ar": province.name_ar, "name_fr": province.name_fr}
        if province
        else None,
        "numbers": [_number_out(number) for number in found.numbers],
        "sheet_urls": {language: f"/communes/{commune.code}/numbers.pdf?lang={language}" for language in ("ar", "fr")},
    }
