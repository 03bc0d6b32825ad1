"""
The goals of issue 17, checked against the benchmark's measurements: a table of PASS and FAIL.

Ratios are esda's time over ours, and a goal on ratios holds if the smallest measured one
meets it; a goal whose measurement was not run (sizes or flags) says so instead.
"""

from collections.abc import Iterable

Row = dict[str, object]
CORE = ("weights", "gi*", "fdr")


def _stages(row: Row, who: str) -> dict[str, float] | None:
    result = row.get(who)
    if not isinstance(result, dict):
        return None
    stages = result["stages"]
    assert isinstance(stages, dict)
    return stages


def _analytical(stages: dict[str, float]) -> float:
    return sum(v for k, v in stages.items() if k != "permutations")


def _smallest_ratio(rows: Iterable[Row], part: str) -> tuple[float, str] | None:
    """The smallest esda / ours ratio over the rows where both ran, and where it was."""
    found: list[tuple[float, str]] = []
    for row in rows:
        ours, theirs = _stages(row, "ours"), _stages(row, "esda")
        if ours is None or theirs is None:
            continue
        if part == "end to end":
            pair = (_analytical(theirs), _analytical(ours))
        elif part == "core":
            pair = (sum(theirs[s] for s in CORE), sum(ours[s] for s in CORE))
        elif "permutations" in theirs:
            pair = (theirs["permutations"], ours["permutations"])
        else:
            continue
        found.append((pair[0] / pair[1], f"{row['n']:,} res {row['res']}"))
    return min(found) if found else None


def _row(rows: list[Row], total: int, resolution: int) -> Row | None:
    return next((r for r in rows if r["n"] == total and r["res"] == resolution), None)


def _timed_goal(rows: list[Row], total: int, limit_s: float) -> tuple[str, str]:
    row = _row(rows, total, 9)
    stages = None if row is None else _stages(row, "ours")
    if stages is None:
        return "not measured", "—"
    took = _analytical(stages)
    return f"{took * 1000:,.0f} ms", "PASS" if took < limit_s else "FAIL"


def _ratio_goal(rows: list[Row], part: str, wanted: float) -> tuple[str, str]:
    found = _smallest_ratio(rows, part)
    if found is None:
        return "esda not run", "—"
    return f"{found[0]:,.0f}× (smallest, at {found[1]})", "PASS" if found[0] >= wanted else "FAIL"


def _extras_goals(rows: list[Row], extras: dict[str, object]) -> list[tuple[str, str, str]]:
    lines = []
    emerging = extras.get("emerging")
    if isinstance(emerging, dict):
        took, total = float(emerging["total"]), extras["emerging_at"][0]  # type: ignore[index]
        lines.append((f"emerging hotspots, 24 months of {total:,} reports < 5 s",
                      f"{took * 1000:,.0f} ms", "PASS" if took < 5 else "FAIL"))  # fmt: skip
    density = extras.get("density")
    if isinstance(density, dict):
        took, error, bound = float(density["density_s"]), float(density["error"]), float(density["bound"])
        lines.append((f"density of {density['points']:,} points on {density['nodes']} < 200 ms within the bound",
                      f"{took * 1000:,.0f} ms, error {error:.4f} ≤ {bound:.4f}",
                      "PASS" if took < 0.2 and error <= bound else "FAIL"))  # fmt: skip
    peaks = [float(r["ours"]["peak_mb"]) for r in rows if r["n"] == 10_000_000 and isinstance(r.get("ours"), dict)]  # type: ignore[index]
    if isinstance(emerging, dict) and extras["emerging_at"][0] == 10_000_000:  # type: ignore[index]
        peaks.append(float(emerging["peak_mb"]))
    if peaks:
        lines.append(("peak memory at 10M reports < 2 GB (reports loaded, 999 permutations, emerging)",
                      f"{max(peaks):,.0f} MB", "PASS" if max(peaks) < 2048 else "FAIL"))  # fmt: skip
    return lines


def goals(rows: list[Row], extras: dict[str, object]) -> None:
    lines = [
        ("10M reports, res 9, whole country → classified cells < 2 s", *_timed_goal(rows, 10_000_000, 2.0)),
        ("1M reports, res 9 → classified cells < 0.3 s", *_timed_goal(rows, 1_000_000, 0.3)),
        ("≥ 10× esda's pipeline end to end (analytical)", *_ratio_goal(rows, "end to end", 10)),
        (
            "≥ 20× on weights + Gi* + FDR at res 9-10",
            *_ratio_goal([r for r in rows if r["res"] in (9, 10)], "core", 20),
        ),
        ("≥ 50× on 999-permutation inference", *_ratio_goal(rows, "permutations", 50)),
        *_extras_goals(rows, extras),
    ]
    print("\n| goal (issue 17) | measured | verdict |")
    print("|---|---|---|")
    for goal, measured, verdict in lines:
        print(f"| {goal} | {measured} | {verdict} |")
