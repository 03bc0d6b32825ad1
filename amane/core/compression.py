"""
Compressed answers: text compressed per request, large fixed answers compressed once.

Pages, JSON and GeoJSON shrink four to ten times under gzip, which matters on a phone on a
slow network. Photos and map tiles are compressed already and go out as they are.

Two ways:

- ``CompressText``, a middleware, gzips text answers for clients that accept it. It sits
  inside the public answer cache (after it in MIDDLEWARE), so a cached answer is stored
  compressed and served without compressing it again; the cache keys on ``accepts_gzip``.
- ``FixedBody`` holds an answer that changes only when the data does (the national commune
  layer, a boundary tile): it is compressed once, at level 9, and served with a strong ETag
  per encoding, so that a browser that has it gets a 304 and no body at all.
"""

import gzip
import hashlib
import re
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

# Media types worth compressing; anything else (JPEG, PNG, WebP, vector tiles) is left alone.
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/plain",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "application/problem+json",
        "image/svg+xml",
    }
)
_ZERO_QUALITY = re.compile(r"^\s*q\s*=\s*0(?:\.0{0,3})?\s*$", re.IGNORECASE)


def accepts_gzip(request: HttpRequest) -> bool:
    """Return whether the client said it takes gzip, and did not refuse it with q=0."""
    for coding in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _sep, parameters = coding.partition(";")
        if name.strip().lower() == "gzip":
            return not any(_ZERO_QUALITY.match(parameter) for parameter in parameters.split(";"))
    return False


def _media_type(response: HttpResponseBase) -> str:
    return response.get("Content-Type", "").split(";")[0].strip().lower()


class CompressText(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding), for text answers held in memory only."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        # A streamed answer is a photo or a file: compressed already, or better sent as it is.
        if not isinstance(response, HttpResponse) or _media_type(response) not in COMPRESSIBLE:
            return response
        if not accepts_gzip(request):
            # Still say that the answer depends on the header, for caches downstream.
            if len(response.content) >= 200 and not response.has_header("Content-Encoding"):
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


@dataclass(frozen=True)
class FixedBody:
    """An answer's bytes, plain and gzipped, and a digest of them for the ETag."""

    plain: bytes
    gzipped: bytes
    digest: str

    @classmethod
    def of(cls, body: bytes) -> "FixedBody":
        # mtime=0: the same data always compresses to the same bytes, in every process.
        return cls(
            body, gzip.compress(body, compresslevel=9, mtime=0), hashlib.blake2b(body, digest_size=12).hexdigest()
        )

    def etag(self, *, gzipped: bool) -> str:
        # Strong, and different per encoding: the two are different bytes (RFC 9110 8.8.3).
        return f'"{self.digest}-gz"' if gzipped else f'"{self.digest}"'


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip() for tag in if_none_match.split(",")]
    # A weak comparison, as If-None-Match asks for: W/"x" matches "x".
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def fixed_response(request: HttpRequest, body: FixedBody, *, content_type: str, cache_control: str) -> HttpResponse:
    """Return the fixed answer in the encoding the client takes, or 304 if it has it already."""
    gzipped = accepts_gzip(request) and len(body.gzipped) < len(body.plain)
    etag = body.etag(gzipped=gzipped)
    if _matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body.gzipped if gzipped else body.plain, content_type=content_type)
        if gzipped:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
