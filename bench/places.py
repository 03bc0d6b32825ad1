"""
Benchmark of place search on the national names: how fast, and how often the first answer is right.

    .venv/bin/python bench/places.py [--before REV] [--repeat 5]

The places are read from the database the settings name (run `make geography` first), as
the running site indexes them. Four query sets:

- official: every 7th unit's French or Arabic name, as written;
- typos: the same French names with one letter dropped, doubled or swapped, as on a phone;
- transliterations: the ways people write the big towns in Latin letters ("Tanja", "Fez",
  "Marrakesh", "Dar el Beida", "Wajda"), each with the unit it means;
- districts: arrondissements typed alone ("Anfa", "Maarif", "Agdal Riyad").

A query's time is the median of its runs (--repeat), and p50 / p95 are taken over the queries.
A hit is the expected unit first (for official names and typos: a unit spelled as that one).
`--before REV` runs the same sets through amane/geo/places.py and amane/text/normalise.py as
they were at that git revision (a subprocess over a scratch copy), for the before -> after table.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/http.py would stand in for the standard library's http package that Django imports.
sys.path[:] = [str(ROOT), *(entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench")]

# The commit before place search moved to RapidFuzz: difflib over every name.
BASELINE = "9fb4e92"

# (query, French name of the unit it means, kind)
TRANSLITERATIONS: tuple[tuple[str, str, str], ...] = (
    ("Tanja", "Tanger", "commune"),
    ("Tangier", "Tanger", "commune"),
    ("Tangiers", "Tanger", "commune"),
    ("Fez", "Fès", "commune"),
    ("Fes", "Fès", "commune"),
    ("Marrakesh", "Marrakech", "commune"),
    ("Marakech", "Marrakech", "commune"),
    ("Murrakush", "Marrakech", "commune"),
    ("Casa", "Casablanca", "commune"),
    ("Dar el Beida", "Casablanca", "commune"),
    ("Dar Beida", "Casablanca", "commune"),
    ("Casablanka", "Casablanca", "commune"),
    ("Kenitra", "Kénitra", "commune"),
    ("Qunaytira", "Kénitra", "commune"),
    ("Oujda", "Oujda", "commune"),
    ("Wajda", "Oujda", "commune"),
    ("Ujda", "Oujda", "commune"),
    ("Agadir", "Agadir", "commune"),
    ("Agadeer", "Agadir", "commune"),
    ("Miknas", "Meknès", "commune"),
    ("Meknes", "Meknès", "commune"),
    ("Tetuan", "Tétouan", "commune"),
    ("Titwan", "Tétouan", "commune"),
    ("Jadida", "El Jadida", "commune"),
    ("Mazagan", "El Jadida", "commune"),
    ("Asfi", "Safi", "commune"),
    ("Sawira", "Essaouira", "commune"),
    ("Mogador", "Essaouira", "commune"),
    ("El Aaiun", "Laâyoune", "commune"),
    ("Layoune", "Laâyoune", "commune"),
    ("Nadour", "Nador", "commune"),
    ("Khribga", "Khouribga", "commune"),
    ("Bni Mellal", "Béni Mellal", "commune"),
    ("Larache", "Larache", "commune"),
    ("Laraich", "Larache", "commune"),
    ("Ksar Lakbir", "Ksar El Kebir", "commune"),
    ("Chaouen", "Chefchaouen", "commune"),
    ("Shafshawan", "Chefchaouen", "commune"),
    ("Warzazat", "Ouarzazate", "commune"),
    ("Rachidia", "Errachidia", "commune"),
    ("Goulimine", "Guelmim", "commune"),
    ("Tiznet", "Tiznit", "commune"),
    ("Birchid", "Berrechid", "commune"),
    ("Mohamadia", "Mohammadia", "commune"),
    ("Sla", "Salé", "commune"),
    ("Tanjah", "Tanger", "commune"),
    ("Tetwan", "Tétouan", "commune"),
    ("Rbat", "Rabat", "commune"),
    ("Fass", "Fès", "commune"),
    ("Marraksh", "Marrakech", "commune"),
    ("Hoceima", "Al Hoceima", "commune"),
    ("Lhoceima", "Al Hoceima", "commune"),
    ("Dakhala", "Dakhla", "commune"),
    ("Khmisset", "Khémisset", "commune"),
    ("Khanifra", "Khenifra", "commune"),
    ("Tawrirt", "Taourirt", "commune"),
    ("Barkan", "Berkane", "commune"),
    ("Sfrou", "Sefrou", "commune"),
    ("Ben Slimane", "Benslimane", "commune"),
    ("Sidi Qasim", "Sidi Kacem", "commune"),
    ("Yusufiya", "Youssoufia", "commune"),
    ("Shishawa", "Chichaoua", "commune"),
    ("Tawnat", "Taounate", "commune"),
    ("Jarsif", "Guercif", "commune"),
    ("Zakura", "Zagora", "commune"),
    ("Mdelt", "Midelt", "commune"),
    ("Ifran", "Ifrane", "commune"),
    ("Inzgan", "Inezgane", "commune"),
    ("Tmara", "Témara", "commune"),
    ("Skhirat", "Skhirate", "commune"),
    ("Fnidaq", "Fnideq", "commune"),
    ("Tantan", "Tan-Tan", "commune"),
    ("Semara", "Es-Semara", "commune"),
    ("Wad Zam", "Oued Zem", "commune"),
    ("Sidi Bnour", "Sidi Bennour", "commune"),
    ("Sattat", "Settat", "commune"),
    ("Kalaat Sraghna", "Kelâat Sraghna", "commune"),
)
DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("Anfa", "Anfa", "arrondissement"),
    ("Maarif", "Maârif", "arrondissement"),
    ("Sidi Belyout", "Sidi Belyout", "arrondissement"),
    ("Ain Chock", "Aïn-Chock", "arrondissement"),
    ("Hay Hassani", "Hay-Hassani", "arrondissement"),
    ("Al Fida", "Al-Fida", "arrondissement"),
    ("Ain Sebaa", "Aïn-Sebaâ", "arrondissement"),
    ("Ben Msik", "Ben-M'sick", "arrondissement"),
    ("Agdal Riyad", "Agdal Riyad", "arrondissement"),
    ("Yacoub El Mansour", "Yacoub El Mansour", "arrondissement"),
    ("Gueliz", "Gueliz", "arrondissement"),
    ("Menara", "Ménara", "arrondissement"),
    ("Bni Makada", "Bni Makada", "arrondissement"),
)


def load_places() -> list[dict[str, Any]]:
    """Every searchable unit of the database, as the site's index reads them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amane.settings")
    import django

    django.setup()
    from amane.geo.models import Area
    from amane.geo.selectors import SEARCHABLE_KINDS

    rows = Area.objects.filter(kind__in=SEARCHABLE_KINDS).values_list(
        "kind", "code", "name_ar", "name_fr", "population_2024", "search_names"
    )
    places = [
        {
            "kind": kind,
            "code": code,
            "name_ar": ar,
            "name_fr": fr,
            "population": population or 0,
            "alternate_names": [name for name in extra.split("|") if name],
        }
        for kind, code, ar, fr, population, extra in rows
    ]
    if len(places) < 1000:
        sys.exit("The database holds no national geography: run `make geography` first.")
    return places


def _typo(name: str, rng: random.Random) -> str:
    letters = list(name)
    i = rng.randrange(1, max(2, len(letters) - 1))
    match rng.randrange(3):
        case 0:
            del letters[i]
        case 1:
            letters.insert(i, letters[i - 1])
        case _:
            if i + 1 < len(letters):
                letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


def query_sets(places: list[dict[str, Any]], seed: int) -> dict[str, list[tuple[str, str]]]:
    """{set name: [(query, expected code or "=key:<name>" for any unit spelled so)]}."""
    rng = random.Random(seed)
    sample = places[::7]
    official = [(p["name_fr"] if i % 2 else p["name_ar"], p["code"]) for i, p in enumerate(sample)]
    typos = [(_typo(p["name_fr"], rng), p["code"]) for p in sample if len(p["name_fr"]) >= 6]
    by_name = {(p["name_fr"], p["kind"]): p["code"] for p in places}
    named = {}
    for label, table in (("transliterations", TRANSLITERATIONS), ("districts", DISTRICTS)):
        named[label] = [(query, by_name[name, kind]) for query, name, kind in table if (name, kind) in by_name]
        missing = [name for _query, name, kind in table if (name, kind) not in by_name]
        if missing:
            print(f"not in the data, left out of {label}: {', '.join(sorted(set(missing)))}", file=sys.stderr)
    return {"official": official, "typos": typos, **named}


def measure(places: list[dict[str, Any]], sets: dict[str, list[tuple[str, str]]], repeat: int) -> dict[str, Any]:
    """Index build time, and per set: p50 and p95 in ms and the share of first answers right."""
    from amane.geo.places import Place, PlaceIndex
    from amane.text.normalise import name_key

    started = time.perf_counter()
    index = PlaceIndex(
        Place(p["kind"], p["code"], p["name_ar"], p["name_fr"], p["population"], tuple(p["alternate_names"]))
        for p in places
    )
    build_ms = 1000 * (time.perf_counter() - started)
    keys_of = {p["code"]: {name_key(p["name_ar"]), name_key(p["name_fr"])} for p in places}
    results: dict[str, Any] = {"build_ms": build_ms, "sets": {}, "misses": []}
    for label, queries in sets.items():
        timings, hits = [], 0
        for query, code in queries:
            found: list[Any] = []
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                found = index.search(query, limit=10)
                runs.append(1000 * (time.perf_counter() - started))
            # A query's time is the median of its runs: on a shared machine one run may wait for the CPU.
            timings.append(statistics.median(runs))
            first = found[0].code if found else None
            if label in ("official", "typos"):
                right = first is not None and bool(keys_of[first] & keys_of[code])
                hits += right
                if not right:
                    results["misses"].append(f"{label}: {query!r} -> {found[0].name_fr if found else None}")
            else:
                hits += first == code
                if first != code:
                    results["misses"].append(f"{label}: {query!r} -> {found[0].name_fr if found else None}")
        timings.sort()
        results["sets"][label] = {
            "queries": len(queries),
            "p50": statistics.median(timings),
            "p95": timings[int(0.95 * (len(timings) - 1))],
            "hits": hits,
        }
    return results


def measure_before(revision: str, data: Path, repeat: int) -> dict[str, Any]:
    """Run `measure` on the search code as it was at `revision`, in a subprocess."""
    with tempfile.TemporaryDirectory() as scratch:
        for module in ("amane/__init__.py", "amane/geo/__init__.py", "amane/text/__init__.py"):
            (Path(scratch) / module).parent.mkdir(parents=True, exist_ok=True)
            (Path(scratch) / module).write_text("")
        for module in ("amane/geo/places.py", "amane/text/normalise.py"):
            source = subprocess.run(
                ["git", "show", f"{revision}:{module}"], cwd=ROOT, check=True, capture_output=True, text=True
            ).stdout
            (Path(scratch) / module).write_text(source)
        done = subprocess.run(
            [sys.executable, __file__, "--measure-only", str(data), "--repeat", str(repeat)],
            env={**os.environ, "PYTHONPATH": scratch},
            check=True,
            capture_output=True,
            text=True,
        )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _row(label: str, before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    def share(figures: dict[str, Any]) -> str:
        return f"{100 * figures['hits'] / figures['queries']:.1f}%" if figures["queries"] else "-"

    def timing(figures: dict[str, Any]) -> str:
        return f"{figures['p50']:.2f} / {figures['p95']:.2f}"

    if before is None:
        return f"{label:<17} {after['queries']:>7}   {timing(after):>15}   {share(after):>7}"
    return (
        f"{label:<17} {after['queries']:>7}   {timing(before):>13} -> {timing(after):<13}"
        f"   {share(before):>6} -> {share(after):<6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default=BASELINE, help=f"git revision to compare with (default {BASELINE})")
    parser.add_argument("--no-before", action="store_true", help="measure the current code only")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query (default 5)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--misses", action="store_true", help="list the named queries whose first answer is wrong")
    parser.add_argument("--measure-only", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure_only:
        # The subprocess of --before: its sys.path starts at the scratch copy of the old code.
        sys.path.remove(str(ROOT))
        payload = json.loads(Path(args.measure_only).read_text())
        print(json.dumps(measure(payload["places"], payload["sets"], args.repeat)))
        return

    places = load_places()
    sets = query_sets(places, args.seed)
    after = measure(places, sets, args.repeat)
    before = None
    if not args.no_before:
        with tempfile.NamedTemporaryFile("w", suffix=".json") as data:
            json.dump({"places": places, "sets": sets}, data)
            data.flush()
            before = measure_before(args.before, Path(data.name), args.repeat)
    print(f"{len(places)} places; index built in {after['build_ms']:.0f} ms", end="")
    print(f" (before: {before['build_ms']:.0f} ms)" if before else "")
    if before:
        print(f"{'query set':<17} {'queries':>7}   {'p50 / p95 ms, before -> after':^29}   {'first answer right':^16}")
    else:
        print(f"{'query set':<17} {'queries':>7}   {'p50 / p95 ms':>15}   {'right':>7}")
    for label, figures in after["sets"].items():
        print(_row(label, before["sets"][label] if before else None, figures))
    if args.misses:
        print("\n".join(["", *(f"before, {miss}" for miss in (before or {"misses": []})["misses"]), *after["misses"]]))


if __name__ == "__main__":
    main()
