"""
Downloads of the observatory's figures: CSV that a spreadsheet opens safely, and GeoJSON.

A text cell that starts with =, +, -, @, a tab or a carriage return would be read as a
formula by a spreadsheet (CSV injection, OWASP); such cells are prefixed with an apostrophe.
Numbers are written as numbers. The CSV starts with a byte-order mark, without which Excel
shows Arabic names as mojibake.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    response = HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def geojson_response(filename: str, features: list[dict[str, object]]) -> HttpResponse:
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body.encode(), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_stream(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> StreamingHttpResponse:
    """A CSV written as it is read: a million rows without a million rows in memory."""

    class Line:
        def write(self, text: str) -> str:
            return text

    writer = csv.writer(Line())

    def lines() -> Iterator[bytes]:
        yield ("\ufeff" + writer.writerow([safe_cell(h) for h in header])).encode()
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row]).encode()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
