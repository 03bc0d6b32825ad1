"""
Throughput and latency of Amane served as `make run` serves it, under a loopback load.

    .venv/bin/python bench/http.py [--clients 16] [--seconds 15] [--reports 3000]

Builds a scratch instance in var/bench-http/ (SQLite; or the database DATABASE_URL names,
which it fills: point it at a scratch database), imports the geography and demo reports
once, starts gunicorn with `make run`'s configuration (gunicorn.conf.py) on a free loopback port, and drives it from
separate processes with keep-alive connections, each client sending its next request as
soon as the last one is answered. Prints one row per scenario: requests per second and
latency percentiles, against the goals of issue 14. The load generator shares the two
cores with the server, so the figures are a low estimate; the load average is printed.
"""

import sys
from pathlib import Path

# This file is named http.py, as the issue asks: keep its folder from shadowing the standard library's http.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import socket
import statistics
import subprocess
import time
from dataclasses import dataclass

ROOT = Path(__file__).resolve().parent.parent
AMANE = ROOT / ".venv" / "bin" / "amane"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
# Inside Casablanca's urban area: every point is located in one of its arrondissements.
CASABLANCA = (33.53, 33.60, -7.66, -7.54)


@dataclass(frozen=True)
class Scenario:
    label: str
    method: str
    path: str
    goal_rps: float
    goal_ms: float
    goal_percentile: int


SCENARIOS = [
    Scenario("list API, first page of 50", "GET", "/api/v1/reports", 300, 100, 95),
    Scenario("home page (Arabic HTML)", "GET", "/", 300, 100, 95),
    Scenario(
        "map cells, Casablanca zoom 10",
        "GET",
        "/api/v1/reports/cells?resolution=7&bbox=-7.9,33.4,-7.3,33.75",
        0,
        100,
        95,
    ),
    Scenario("anonymous submission (JSON)", "POST", "/api/v1/reports", 100, 250, 99),
]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(env: dict[str, str], reports: int) -> None:
    subprocess.run([AMANE, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([AMANE, "collectstatic", "--no-input", "-v", "0"], env=env, check=True)
    progress("importing geography (once)…")
    subprocess.run([AMANE, "import-geography", "-v", "0"], env=env, check=True)
    # As `make demo` does: the units first, so that every report filed is routed as in service.
    progress("importing authority units (once)…")
    subprocess.run([AMANE, "import-units", "--with-demo", "-v", "0"], env=env, check=True, stdout=subprocess.DEVNULL)
    progress(f"demo data, about {reports:,} reports (once)…")
    demo: list[str | Path] = [AMANE, "demo", "--if-empty", "--reports", str(reports), "-v", "0"]
    subprocess.run(demo, env=env, check=True, stdout=subprocess.DEVNULL)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    # As `make run` starts it: gunicorn.conf.py (2 workers x 4 threads, preloaded geography).
    command: list[str | Path] = [GUNICORN, "-c", ROOT / "gunicorn.conf.py", "amane.wsgi:application"]
    server_env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "MALLOC_ARENA_MAX": "2"}
    server = subprocess.Popen(command, env=server_env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def submission_body(rng: random.Random) -> bytes:
    lat = rng.uniform(*CASABLANCA[:2])
    lon = rng.uniform(*CASABLANCA[2:])
    body = {
        "category": "unsafe-space",
        "description": "Lampadaire en panne depuis une semaine, la rue est noire la nuit.",
        "occurred_at": "2026-11-01T20:30:00+01:00",
        "lat": round(lat, 5),
        "lon": round(lon, 5),
    }
    return json.dumps(body).encode()


def client_loop(port: int, scenario: Scenario, until: float, seed: int) -> tuple[list[float], int]:
    """Send requests back to back until the deadline; return latencies (ms) and failures."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    failures = 0
    headers = {"Accept-Language": "ar", "Host": "127.0.0.1"}
    while time.monotonic() < until:
        body = submission_body(rng) if scenario.method == "POST" else None
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            connection.request(scenario.method, scenario.path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status < 400
            if not ok and failures == 0:
                progress(f"{scenario.label}: HTTP {response.status} {response.read()[:200]!r}")
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
        failures += not ok
    return latencies, failures


def _process(
    port: int, scenario: Scenario, clients: int, until: float, seed: int, out: "mp.Queue[tuple[list[float], int]]"
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(clients) as pool:
        runs = list(pool.map(lambda n: client_loop(port, scenario, until, seed * 100 + n), range(clients)))
    out.put(([ms for run in runs for ms in run[0]], sum(run[1] for run in runs)))


def drive(port: int, scenario: Scenario, clients: int, seconds: float) -> tuple[int, float, dict[int, float], int]:
    processes = 2 if clients > 1 else 1
    warmup = time.monotonic() + 2
    client_loop(port, scenario, warmup, seed=0)
    queue: mp.Queue[tuple[list[float], int]] = mp.Queue()
    started = time.monotonic()
    until = started + seconds
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    workers = [mp.Process(target=_process, args=(port, scenario, n, until, i + 1, queue)) for i, n in enumerate(shares)]
    for worker in workers:
        worker.start()
    latencies: list[float] = []
    failures = 0
    for _ in workers:
        got, failed = queue.get()
        latencies.extend(got)
        failures += failed
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return len(latencies), len(latencies) / elapsed, {50: cuts[49], 95: cuts[94], 99: cuts[98]}, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--only", help="run only the scenarios whose label contains this text")
    args = parser.parse_args()
    var_dir = ROOT / "var" / ("bench-http-pg" if os.environ.get("DATABASE_URL") else "bench-http")
    env = {
        **os.environ,
        "AMANE_VAR_DIR": str(var_dir),
        # The bench is one client address: the per-client limits would measure themselves.
        "AMANE_RATE_LIMITS": "off",
    }
    prepare(env, args.reports)
    port = free_port()
    server = start_server(env, port)
    backend = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    try:
        print(f"\n{backend}, gunicorn 2 workers x 4 threads, {args.clients} clients, {args.seconds:.0f} s each")
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
        header = (
            f"{'scenario':34} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'fail':>5}  goal"
        )
        print(header)
        print("-" * (len(header) + 24))
        for scenario in SCENARIOS:
            if args.only and args.only not in scenario.label:
                continue
            count, rate, cuts, failures = drive(port, scenario, args.clients, args.seconds)
            goal = f"p{scenario.goal_percentile} < {scenario.goal_ms:.0f} ms"
            if scenario.goal_rps:
                goal = f">= {scenario.goal_rps:.0f}/s, {goal}"
            met = (rate >= scenario.goal_rps and cuts[scenario.goal_percentile] < scenario.goal_ms) and not failures
            print(
                f"{scenario.label:34} {count:8,} {rate:7.1f} {cuts[50]:7.1f} {cuts[95]:7.1f} {cuts[99]:7.1f} "
                f"{failures:5}  {goal}: {'met' if met else 'MISSED'}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
