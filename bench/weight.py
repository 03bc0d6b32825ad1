"""
Bytes and time per answer, before and after issue 14's weight work (docs/weight.md).

    .venv/bin/python bench/weight.py [--runs 15]

In process, through every middleware (Django's test client), on the scratch instance of
bench/worker_memory.py (var/bench-memory: the national geography and 1,000 demo reports,
built once). "Before" is what the same answer cost without compression, with the commune
layer gzipped per request (level 6, as the gzip_page decorator did), with the whole layer
past zoom 9 instead of tiles, and with full photos on report pages; "after" is what is
served now to a browser that takes gzip. Times are medians of --runs requests after one
warm-up, in milliseconds, on a machine whose two cores other work shares.
"""

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path, and its http.py would shadow the standard library's.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import gzip
import io
import math
import os
import random
import statistics
import time
from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var" / "bench-memory"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
PLAIN = {"Accept-Encoding": "identity"}
# A laptop's map, 1366 x 768 pixels, over Casablanca.
VIEWPORT = (1366, 768)
CASABLANCA = (33.57, -7.60)
NORTH = (30.0, 35.8, -9.8, -2.0)


def tile_of(lat: float, lon: float, z: int) -> tuple[float, float]:
    n = 2**z
    return (lon + 180) / 360 * n, (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n


def viewport_tiles(lat: float, lon: float, z: int) -> list[str]:
    x, y = tile_of(lat, lon, z)
    half_w, half_h = VIEWPORT[0] / 512, VIEWPORT[1] / 512
    return [
        f"/api/v1/geo/communes/{z}/{tx}/{ty}.geojson"
        for tx in range(math.floor(x - half_w), math.floor(x + half_w) + 1)
        for ty in range(math.floor(y - half_h), math.floor(y + half_h) + 1)
    ]


def phone_photo() -> bytes:
    """A 12-megapixel JPEG with noise over gradients, about 2 MB, like a phone's."""
    from PIL import Image

    size = (4000, 3000)
    gradient = Image.linear_gradient("L").resize(size)
    red = Image.blend(Image.effect_noise(size, 30), gradient, 0.6)
    blue = Image.blend(Image.effect_noise(size, 20), gradient.transpose(Image.Transpose.ROTATE_180), 0.5)
    buffer = io.BytesIO()
    Image.merge("RGB", (red, gradient, blue)).save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "AMANE_VAR_DIR": str(VAR_DIR), "AMANE_RATE_LIMITS": "off"}
    env.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    from bench.worker_memory import prepare

    prepare(ROOT, env)
    os.environ.update({"AMANE_VAR_DIR": str(VAR_DIR), "AMANE_RATE_LIMITS": "off"})
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amane.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")

    def get(path: str, headers: dict[str, str]) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        return response.status_code, body, elapsed

    def timed(path: str, headers: dict[str, str]) -> tuple[int, float]:
        get(path, headers)
        runs = [get(path, headers) for _ in range(args.runs)]
        return len(runs[-1][1]), statistics.median(r[2] for r in runs)

    def median_ms(work: Callable[[], object]) -> float:
        work()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            work()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    rows: list[tuple[str, str, str, str, str]] = []

    def row(label: str, before_bytes: float, after_bytes: float, before_ms: float | None, after_ms: float) -> None:
        before_time = f"{before_ms:.1f}" if before_ms is not None else "-"
        rows.append(
            (label, f"{before_bytes / 1000:,.1f}", f"{after_bytes / 1000:,.1f}", before_time, f"{after_ms:.1f}")
        )

    listing = client.get("/api/v1/reports?limit=5", headers=PLAIN).json()["results"]
    report_id, commune = listing[0]["id"], listing[0]["commune"]["code"]
    for label, path in [
        ("home page, Arabic (HTML)", "/"),
        ("home page, French (HTML)", "/?lang=fr"),
        ("list API, first page of 50", "/api/v1/reports"),
        ("cell counts, national, res. 5", "/api/v1/reports/cells?resolution=5&bbox=-17.1,20.8,-1.0,35.95"),
        ("report page (HTML)", f"/reports/{report_id}/"),
        ("commune page (HTML)", f"/communes/{commune}/"),
        ("OpenAPI document", "/api/v1/openapi.json"),
    ]:
        plain_bytes, plain_ms = timed(path, PLAIN)
        zipped_bytes, zipped_ms = timed(path, GZIP)
        row(label, plain_bytes, zipped_bytes, plain_ms, zipped_ms)

    for label, path in [
        ("commune layer, national outline", "/api/v1/geo/communes.geojson?detail=low"),
        ("commune layer, full (past zoom 9)", "/api/v1/geo/communes.geojson"),
    ]:
        plain_bytes, plain_ms = timed(path, PLAIN)
        _status, plain, _ms = get(path, PLAIN)
        per_request_gzip = median_ms(lambda plain=plain: gzip.compress(plain, 6))  # type: ignore[misc]
        zipped_bytes, zipped_ms = timed(path, GZIP)
        row(label, len(gzip.compress(plain, 6)), zipped_bytes, plain_ms + per_request_gzip, zipped_ms)
        response = client.get(path, headers=GZIP)
        etag = response["ETag"]
        revalidation = {**GZIP, "If-None-Match": etag}
        revalidated = median_ms(lambda path=path, headers=revalidation: client.get(path, headers=headers))  # type: ignore[misc]
        row("  the same, revalidated (304)", len(gzip.compress(plain, 6)), 0, plain_ms + per_request_gzip, revalidated)

    _status, full_layer, _ms = get("/api/v1/geo/communes.geojson", PLAIN)
    full_layer_gz = len(gzip.compress(full_layer, 6))
    for z in (10, 12):
        paths = viewport_tiles(*CASABLANCA, z)
        cold = [get(path, GZIP) for path in paths]
        warm = [get(path, GZIP) for path in paths]
        row(
            f"boundaries in view, Casablanca z{z} ({len(paths)} tiles, first / again)",
            full_layer_gz,
            sum(len(body) for _s, body, _ms in cold),
            None,
            sum(ms for _s, _b, ms in cold),
        )
        rows.append(("", "", "", "", f"{sum(ms for _s, _b, ms in warm):.1f}"))

    rng = random.Random(14)
    tile_sizes: list[str] = []
    for z in (9, 10, 11, 12):
        sizes: list[int] = []
        times: list[float] = []
        while len(sizes) < 20:
            x, y = tile_of(rng.uniform(*NORTH[:2]), rng.uniform(*NORTH[2:]), z)
            _status, body, ms = get(f"/api/v1/geo/communes/{z}/{int(x)}/{int(y)}.geojson", GZIP)
            sizes.append(len(body))
            times.append(ms)
        tile_sizes.append(
            f"z{z}: median {statistics.median(sizes) / 1000:.1f} KB, largest {max(sizes) / 1000:.1f} KB gzipped; "
            f"built in {statistics.median(times):.0f} ms (median, first request)"
        )

    photo = phone_photo()
    answer = client.post(
        "/api/v1/reports",
        {
            "category": "unsafe-space",
            "description": "Lampadaire en panne depuis une semaine, la rue est noire la nuit.",
            "occurred_at": "2026-11-01T20:30:00+01:00",
            "lat": "33.57",
            "lon": "-7.60",
            "photos": [io.BytesIO(photo)],
        },
    )
    assert answer.status_code == 201, answer.content
    filed_id = answer.json()["id"]
    stored = client.get(f"/api/v1/reports/{filed_id}", headers=PLAIN).json()["photos"][0]
    _status, full_photo, full_ms = get(stored["url"], PLAIN)
    _status, thumbnail, first_ms = get(stored["thumbnail_url"], PLAIN)
    thumb_bytes, thumb_ms = timed(stored["thumbnail_url"], PLAIN)
    row(
        f"photo on a report page (sent {len(photo) / 1e6:.1f} MB, 12 Mpx)",
        len(full_photo),
        thumb_bytes,
        full_ms,
        thumb_ms,
    )
    rows.append(("  thumbnail's first view (made then)", "", f"{len(thumbnail) / 1000:.1f}", "", f"{first_ms:.1f}"))

    print(f"\nbytes (KB) and median time (ms) per answer, {args.runs} runs each, in process\n")
    header = f"{'answer':62} {'before KB':>10} {'after KB':>9} {'before ms':>10} {'after ms':>9}"
    print(header)
    print("-" * len(header))
    for label, before_kb, after_kb, before_ms, after_ms in rows:
        print(f"{label:62} {before_kb:>10} {after_kb:>9} {before_ms:>10} {after_ms:>9}")
    print("\nboundary tiles, 20 random tiles of the north per zoom:")
    for line in tile_sizes:
        print("  " + line)


if __name__ == "__main__":
    main()
