"""/tiles/{z}/{x}/{y}.{ext}: base map tiles from the deployer's PMTiles archive (AMANE_PMTILES_PATH)."""

import gzip
import hashlib
import logging
import threading
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from amane.core.compression import accepts_gzip
from amane.tiles.archive import Archive, ArchiveError

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_opened: dict[str, tuple[tuple[str, int, int], Archive | None]] = {}
# Tiles change when the deployer replaces the archive: a week in the browser, then revalidation.
TILE_CACHE = "public, max-age=604800"


def current_archive() -> Archive | None:
    """Return the configured archive, opened once per process (again if the file is replaced)."""
    configured = settings.AMANE_PMTILES_PATH
    if not configured:
        return None
    path = Path(configured)
    try:
        status = path.stat()
    except OSError:
        logger.warning("AMANE_PMTILES_PATH %s cannot be read; the map goes without a base layer", path)
        return None
    identity = (str(path), status.st_mtime_ns, status.st_size)
    opened = _opened.get("archive")
    if opened is not None and opened[0] == identity:
        return opened[1]
    with _lock:
        opened = _opened.get("archive")
        if opened is None or opened[0] != identity:
            try:
                archive: Archive | None = Archive(path)
            except (ArchiveError, OSError, ValueError) as error:
                logger.warning("AMANE_PMTILES_PATH: %s; the map goes without a base layer", error)
                archive = None
            opened = (identity, archive)
            _opened["archive"] = opened
    return opened[1]


def base_map() -> dict[str, str]:
    """Return the tile URL and attribution the maps use: Amane's own archive first, a tile server if set."""
    archive = current_archive()
    if archive is not None and archive.is_raster:
        attribution = settings.AMANE_TILE_ATTRIBUTION or strip_tags(str(archive.metadata().get("attribution", "")))
        return {"tile_url": f"/tiles/{{z}}/{{x}}/{{y}}.{archive.extension}", "tile_attribution": attribution}
    return {"tile_url": settings.AMANE_TILE_URL, "tile_attribution": settings.AMANE_TILE_ATTRIBUTION}


@require_safe
def tile(request: HttpRequest, z: int, x: int, y: int, ext: str) -> HttpResponse:
    archive = current_archive()
    if archive is None or ext != archive.extension:
        raise Http404
    found = archive.tile(z, x, y)
    if found is None:
        raise Http404
    data, encoded = found.data, found.gzipped
    if encoded and not accepts_gzip(request):
        data, encoded = gzip.decompress(data), False
    etag = f'"{hashlib.blake2b(found.data, digest_size=12).hexdigest()}{"-gz" if encoded else ""}"'
    if etag in [tag.strip().removeprefix("W/") for tag in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(data, content_type=archive.media_type)
        if encoded:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Cache-Control"] = TILE_CACHE
    if found.gzipped:
        patch_vary_headers(response, ("Accept-Encoding",))
    return response
