"""
Peak resident memory of each gunicorn worker under a mix of requests.

    .venv/bin/python bench/worker_memory.py [--seconds 40] [--clients 8] [--flags config|plain] [--root DIR]

Builds a scratch instance in var/bench-memory/ (SQLite; geography and 1,000 demo reports,
once), starts gunicorn as `make run` does (`--flags config`: gunicorn.conf.py, preload,
MALLOC_ARENA_MAX=2) or as it did before (`--flags plain`: 2 workers x 4 threads, nothing
shared), and sends for a while a mix of what visitors ask for: pages, the list API, cell
counts, the national commune layers, boundary tiles, place search, report pages and
filings with a 35-megapixel photo. Prints, per process, the peak resident set (VmHWM), the
resident set at the end, and the proportional set (PSS: shared pages split among the
processes that share them). `--root` serves another checkout (its .venv and code), to
measure a version from before.
"""

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path, and its http.py would shadow the standard library's.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import http.client
import io
import json
import math
import os
import random
import socket
import subprocess
import threading
import time
import uuid
from urllib.parse import quote

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
# Morocco's populated north, where most tiles have communes.
TILE_AREA = (30.0, 35.8, -9.8, -2.0)
PLACES = ("Rabat", "Tanger", "Casablanca", "Marrakech", "Agadir", "Fès", "Oujda", "الرباط", "طنجة", "Laayoune")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(root: Path, env: dict[str, str]) -> None:
    amane = root / ".venv" / "bin" / "amane"
    subprocess.run([amane, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=root)
    subprocess.run([amane, "collectstatic", "--no-input", "-v", "0"], env=env, check=True, cwd=root)
    progress("geography and demo reports (once)…")
    subprocess.run([amane, "import-geography", "-v", "0"], env=env, check=True, cwd=root)
    demo: list[str | Path] = [amane, "demo", "--if-empty", "--reports", "1000", "-v", "0"]
    subprocess.run(demo, env=env, check=True, cwd=root, stdout=subprocess.DEVNULL)


def start_server(root: Path, env: dict[str, str], port: int, flags: str) -> subprocess.Popen[bytes]:
    gunicorn = root / ".venv" / "bin" / "gunicorn"
    if flags == "config":
        command: list[str | Path] = [gunicorn, "-c", "gunicorn.conf.py", "amane.wsgi:application"]
        env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "MALLOC_ARENA_MAX": "2"}
    else:
        command = [
            gunicorn, "amane.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--threads", "4", "--timeout", "60", "--log-level", "warning",
        ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=root)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within 120 s")


def big_photo() -> bytes:
    """A 7,000 x 5,000 JPEG (35 megapixels, under the 40 Mpx limit): smooth, so only a few MB."""
    small = Image.effect_mandelbrot((700, 500), (-2.0, -1.2, 1.0, 1.2), 60).convert("RGB")
    buffer = io.BytesIO()
    small.resize((7000, 5000), Image.Resampling.BILINEAR).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def multipart(fields: dict[str, str], photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def tile_path(rng: random.Random) -> str:
    z = rng.randint(9, 12)
    lat, lon = rng.uniform(*TILE_AREA[:2]), rng.uniform(*TILE_AREA[2:])
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return f"/api/v1/geo/communes/{z}/{x}/{y}.geojson"


def request_mix(rng: random.Random, report_ids: list[str], communes: list[str]) -> tuple[str, str]:
    """Return (method, path) of one visitor request; POST means a filing with a photo."""
    roll = rng.random()
    if roll < 0.15:
        return "GET", rng.choice(["/", "/?lang=fr", "/api/v1/reports", "/api/v1/reports?limit=50&category=theft"])
    if roll < 0.30:
        return "GET", f"/api/v1/reports/cells?resolution={rng.choice([5, 7, 9])}&bbox=-9.9,29.9,-1.9,35.9"
    if roll < 0.38:
        return "GET", rng.choice(["/api/v1/geo/communes.geojson", "/api/v1/geo/communes.geojson?detail=low"])
    if roll < 0.63:
        return "GET", tile_path(rng)
    if roll < 0.73:
        return "GET", f"/api/v1/geo/places?q={quote(rng.choice(PLACES))}"
    if roll < 0.83 and report_ids:
        return "GET", f"/reports/{rng.choice(report_ids)}/"
    if roll < 0.93 and communes:
        return "GET", f"/communes/{rng.choice(communes)}/"
    return "POST", "/api/v1/reports"


def client(
    port: int, until: float, seed: int, photo: bytes, ids: list[str], communes: list[str], counts: list[int]
) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while time.monotonic() < until:
        method, path = request_mix(rng, ids, communes)
        headers = {"Accept-Encoding": rng.choice(["gzip", "identity"])}
        body = None
        if method == "POST":
            fields = {
                "category": "unsafe-space",
                "description": "Lampadaire en panne depuis une semaine, la rue est noire la nuit.",
                "occurred_at": "2026-11-01T20:30:00+01:00",
                "lat": f"{rng.uniform(33.53, 33.60):.5f}",
                "lon": f"{rng.uniform(-7.66, -7.54):.5f}",
            }
            body, headers["Content-Type"] = multipart(fields, photo)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            counts[0 if response.status < 400 else 1] += 1
        except (OSError, http.client.HTTPException):
            counts[1] += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)


def sample_ids(port: int) -> tuple[list[str], list[str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/api/v1/reports?limit=50")
    results = json.loads(connection.getresponse().read()).get("results", [])
    return [r["id"] for r in results], sorted({r["commune"]["code"] for r in results})


def memory(pid: int) -> dict[str, int]:
    """Return VmHWM, VmRSS (from status) and Pss (from smaps_rollup) in kB."""
    figures: dict[str, int] = {}
    for name in ("status", "smaps_rollup"):
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS", "Pss") and rest.strip().endswith("kB"):
                figures[key] = int(rest.split()[0])
    return figures


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--flags", choices=["config", "plain"], default="config")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve (default: this one)")
    args = parser.parse_args()
    # One scratch instance per checkout served: another version may have other migrations.
    var_dir = ROOT / "var" / ("bench-memory" if args.root.resolve() == ROOT else f"bench-memory-{args.root.name}")
    env = {**os.environ, "AMANE_VAR_DIR": str(var_dir), "AMANE_RATE_LIMITS": "off"}
    env.pop("DATABASE_URL", None)
    prepare(args.root, env)
    photo = big_photo()
    port = free_port()
    server = start_server(args.root, env, port, args.flags)
    try:
        ids, communes = sample_ids(port)
        counts = [0, 0]
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, until, seed, photo, ids, communes, counts))
            for seed in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(
            f"\n{args.root.name}, flags {args.flags}: {counts[0]:,} answers (+{counts[1]} refused or failed) from "
            f"{args.clients} clients in {args.seconds:.0f} s; photo {len(photo) / 1e6:.1f} MB, 35 Mpx\n"
        )
        print(f"{'process':10} {'pid':>7} {'peak RSS MB':>12} {'RSS MB':>8} {'PSS MB':>8}")
        rows = [("master", server.pid)] + [("worker", pid) for pid in workers_of(server.pid)]
        for label, pid in rows:
            figures = memory(pid)
            print(
                f"{label:10} {pid:7} {figures['VmHWM'] / 1024:12.0f} {figures['VmRSS'] / 1024:8.0f} "
                f"{figures.get('Pss', 0) / 1024:8.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
