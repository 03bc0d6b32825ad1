"""
Benchmark of the observatory's hotspot engine against h3 + libpysal + esda, at national scale.

    .venv/bin/python -m bench.hotspots [--sizes 100000,1000000,10000000] [--resolutions 8,9,10]
                                       [--esda-max 10000000] [--esda-permutations-max 1000000]
                                       [--emerging 10000000:9] [--density 1000000]
                                       [--save results.json] [--show first.json,second.json]

Synthetic reports over all of Morocco (bench/_hotspot_data.py), each at its public point.
Every measurement runs in a fresh process that loads the reports and reports its own peak
memory. Ours: the engine's pipeline (amane.analytics.engine.pipeline) from each report's
resolution-9 public cell to classified cells: binning (counting the reports per public point
and putting each point in its cell of resolution R), weights (the lattice of occupied cells and
their ring, and its contiguity), Gi*, FDR classes, and 999 permutations. The reference: the
same steps the obvious way — h3.latlng_to_cell per report, pandas to count, h3.grid_disk per
lattice cell for libpysal's W, esda.G_Local(transform="B", star=True) and esda.fdr — with
numba installed, and its compilation done before the clock starts. esda's 999 permutations
run up to --esda-permutations-max reports (at 10 million they take minutes), its whole
pipeline up to --esda-max; the tables say where they were not run. Then emerging hotspots
over the reports' 24 months and the density surface of a million reports on 512 x 512 nodes
(bench/_hotspot_extras.py). Prints a table per size and resolution, the ratios, those two,
and the goals of issue 17, each PASS or FAIL. --save keeps the measurements, and --show
prints the tables of several saved runs together (say, the small sizes, then 10 million).
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from bench._hotspot_data import progress, reports  # noqa: E402
from bench._hotspot_extras import run_density, run_emerging  # noqa: E402
from bench._hotspot_goals import goals  # noqa: E402

PERMUTATIONS = 999


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(total: int, resolution: int, permutations: int) -> dict[str, object]:
    from amane.analytics.engine import pipeline

    cells, _ = reports(total)
    before = peak_mb()
    started = time.perf_counter()
    lat, lon, counts = pipeline.public_points_of(cells)
    points = time.perf_counter() - started
    result = pipeline.hotspots(lat, lon, counts, resolution=resolution, permutations=permutations, seed=1)
    total_s = time.perf_counter() - started
    stages = dict(result.timings)
    stages["binning"] = stages.get("binning", 0.0) + points
    hot = int((result.classes > 0).sum())
    return {
        "stages": stages,
        "total": total_s,
        "lattice": len(result.cells),
        "hot": hot,
        "peak_mb": peak_mb(),
        "data_mb": before,
    }


def _reference_weights(lattice: list[str]):  # type: ignore[no-untyped-def]
    import h3
    from libpysal.weights import W

    position = {cell: i for i, cell in enumerate(lattice)}
    neighbours = {i: [position[c] for c in h3.grid_ring(cell, 1) if c in position] for i, cell in enumerate(lattice)}
    return W(neighbours, silence_warnings=True)


def _reference_warm_up() -> None:
    """Compile esda's numba functions on a small lattice, outside the clock."""
    import warnings

    import esda
    import h3

    lattice = sorted(h3.grid_disk(h3.latlng_to_cell(33.5, -7.6, 9), 4))
    y = np.arange(len(lattice), dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        esda.G_Local(y, _reference_weights(lattice), transform="B", star=True, permutations=99, keep_simulations=False)


def run_reference(total: int, resolution: int, permutations: int) -> dict[str, object]:
    import warnings

    import esda
    import h3
    import pandas as pd

    from amane.analytics.engine import hexgrid

    cells, _ = reports(total)
    unique, inverse = np.unique(cells, return_inverse=True)
    ulat, ulon = hexgrid.public_points(unique)
    lat, lon = ulat[inverse].tolist(), ulon[inverse].tolist()
    if permutations:
        _reference_warm_up()
    stages: dict[str, float] = {}
    clock = time.perf_counter()
    started = clock

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[stage] = stages.get(stage, 0.0) + now - clock
        clock = now

    held = [h3.latlng_to_cell(a, b, resolution) for a, b in zip(lat, lon, strict=True)]
    counts = pd.Series(held).value_counts()
    lap("binning")
    lattice = sorted({c for cell in counts.index for c in h3.grid_disk(cell, 1)})
    w = _reference_weights(lattice)
    y = counts.reindex(lattice, fill_value=0).to_numpy(dtype=float)
    lap("weights")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = esda.G_Local(y, w, transform="B", star=True, permutations=0)
        lap("gi*")
        p = 2 * g.p_norm
        level = np.zeros(len(y), dtype=np.int8)
        for alpha, code in ((0.10, 1), (0.05, 2), (0.01, 3)):
            level[p < esda.fdr(p, alpha)] = code
        lap("fdr")
        if permutations:
            esda.G_Local(y, w, transform="B", star=True, permutations=permutations, keep_simulations=False, seed=1)
            lap("permutations")
    hot = int(((level > 0) & (g.Zs > 0)).sum())
    return {
        "stages": stages,
        "total": time.perf_counter() - started,
        "lattice": len(lattice),
        "hot": hot,
        "peak_mb": peak_mb(),
    }


def measure(kind: str, total: int, resolution: int = 0, permutations: int = 0) -> dict[str, object]:
    """One measurement in a fresh interpreter, so that each peak memory is its own."""
    command = [sys.executable, "-m", "bench.hotspots", "--child", kind, str(total), str(resolution), str(permutations)]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        progress(out.stderr[-2000:])
        raise SystemExit(f"{kind} failed at {total:,} reports, resolution {resolution}")
    return json.loads(out.stdout.strip().splitlines()[-1])


STAGES = ("binning", "weights", "gi*", "fdr", "permutations")


def _ms(seconds: object) -> str:
    return "—" if seconds is None else f"{float(seconds) * 1000:,.0f}"  # type: ignore[arg-type]


def _ratio(theirs: object, ours: object) -> str:
    if theirs is None or ours is None or not ours:
        return "—"
    return f"{float(theirs) / float(ours):,.0f}×"  # type: ignore[arg-type]


def table(rows: list[dict[str, object]]) -> None:
    print("| reports | res | lattice | who | " + " | ".join(f"{s} ms" for s in STAGES) + " | end to end ms | peak MB |")
    print("|" + "---|" * (len(STAGES) + 6))
    for row in rows:
        for who in ("ours", "esda"):
            result = row.get(who)
            if not isinstance(result, dict):
                continue
            stages = result["stages"]
            analytic = sum(v for k, v in stages.items() if k != "permutations")
            cells = [_ms(stages.get(s)) for s in STAGES]
            if who == "esda" and "permutations" not in stages:
                cells[-1] = "not run"
            print(f"| {row['n']:,} | {row['res']} | {result['lattice']:,} | {who} | " + " | ".join(cells)
                  + f" | {_ms(analytic)} | {result['peak_mb']:,.0f} |")  # fmt: skip


def ratios(rows: list[dict[str, object]]) -> None:
    print(
        "\n| reports | res | end to end (analytical) | weights + Gi* + FDR | 999 permutations | hot cells ours / esda |"
    )
    print("|---|---|---|---|---|---|")
    for row in rows:
        ours, theirs = row.get("ours"), row.get("esda")
        if not isinstance(ours, dict) or not isinstance(theirs, dict):
            print(f"| {row['n']:,} | {row['res']} | esda not run (--esda-max) | — | — | — |")
            continue
        o, t = ours["stages"], theirs["stages"]
        core = ("weights", "gi*", "fdr")
        end = (sum(v for k, v in t.items() if k != "permutations"), sum(v for k, v in o.items() if k != "permutations"))
        print(
            f"| {row['n']:,} | {row['res']} | {_ratio(*end)} | "
            f"{_ratio(sum(t[s] for s in core), sum(o[s] for s in core))} | "
            f"{_ratio(t.get('permutations'), o.get('permutations'))} | {ours['hot']:,} / {theirs['hot']:,} |"
        )


def emerging_table(result: dict[str, object], total: int, resolution: int) -> None:
    stages = result["stages"]
    assert isinstance(stages, dict)
    print("\n| emerging hotspots | res | lattice | months | binning ms | weights ms | emerging ms | end to end ms"
          " | labelled cells | peak MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {total:,} reports | {resolution} | {result['lattice']:,} | {result['months']} | {_ms(stages['binning'])}"
          f" | {_ms(stages['weights'])} | {_ms(stages['emerging'])} | {_ms(result['total'])} | {result['labelled']:,}"
          f" | {result['peak_mb']:,.0f} |")  # fmt: skip


def density_table(result: dict[str, object]) -> None:
    print("\n| density | nodes | density ms | bandwidth ms | largest relative error | bound | peak MB |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {result['points']:,} points | {result['nodes']} | {_ms(result['density_s'])}"
          f" | {_ms(result['bandwidth_s'])} | {result['error']:.4f} | {result['bound']:.4f}"
          f" | {result['peak_mb']:,.0f} |")  # fmt: skip


def child(kind: str, numbers: list[int]) -> dict[str, object]:
    if kind == "emerging":
        return run_emerging(numbers[0], numbers[1])
    if kind == "density":
        return run_density(numbers[0])
    return (run_ours if kind == "ours" else run_reference)(*numbers)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=4)
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--resolutions", default="8,9,10")
    parser.add_argument("--esda-max", type=int, default=10_000_000)
    parser.add_argument("--esda-permutations-max", type=int, default=1_000_000)
    parser.add_argument("--emerging", default="10000000:9", help="reports:resolution, or empty to skip")
    parser.add_argument("--density", type=int, default=1_000_000, help="points, or 0 to skip")
    parser.add_argument("--save", help="a JSON file to keep the measurements in")
    parser.add_argument("--show", help="saved JSON files to print together, measuring nothing")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], [int(a) for a in args.child[1:]])))
        return
    if args.show:
        rows: list[dict[str, object]] = []
        extras: dict[str, object] = {}
        for name in args.show.split(","):
            saved = json.loads(Path(name).read_text())
            rows += saved["rows"]
            extras |= saved["extras"]
    else:
        rows, extras = run_all(args)
    if args.save:
        Path(args.save).write_text(json.dumps({"rows": rows, "extras": extras}))
    report(rows, extras)


def run_all(args: argparse.Namespace) -> tuple[list[dict[str, object]], dict[str, object]]:
    rows = []
    for total in map(int, args.sizes.split(",")):
        reports(total)  # made once, outside every clock
        for resolution in map(int, args.resolutions.split(",")):
            progress(f"{total:,} reports, resolution {resolution}")
            row: dict[str, object] = {"n": total, "res": resolution}
            row["ours"] = measure("ours", total, resolution, PERMUTATIONS)
            if total <= args.esda_max:
                perms = PERMUTATIONS if total <= args.esda_permutations_max else 0
                row["esda"] = measure("esda", total, resolution, perms)
            rows.append(row)
    extras: dict[str, object] = {}
    if args.emerging:
        total, resolution = map(int, args.emerging.split(":"))
        progress(f"emerging hotspots, {total:,} reports, resolution {resolution}")
        reports(total)
        extras["emerging"] = measure("emerging", total, resolution)
        extras["emerging_at"] = [total, resolution]
    if args.density:
        progress(f"density, {args.density:,} points")
        extras["density"] = measure("density", args.density)
    return rows, extras


def report(rows: list[dict[str, object]], extras: dict[str, object]) -> None:
    table(rows)
    ratios(rows)
    if isinstance(extras.get("emerging"), dict):
        at: list[int] = extras["emerging_at"]  # type: ignore[assignment]
        emerging_table(extras["emerging"], at[0], at[1])  # type: ignore[arg-type]
    if isinstance(extras.get("density"), dict):
        density_table(extras["density"])  # type: ignore[arg-type]
    goals(rows, extras)


if __name__ == "__main__":
    main()
