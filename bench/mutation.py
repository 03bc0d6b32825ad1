"""
Mutation testing of the pure modules: how many deliberate mistakes their tests notice.

    make mutation        # or: .venv/bin/python bench/mutation.py [--children 2] [--keep]

Two sources of mutants, one table per module:

- mutmut (configured in pyproject.toml, [tool.mutmut]) mutates every function and method body;
- mutmut 3 leaves module and class bodies alone, yet those hold rules too (the status
  transition table, the code alphabet, the letter folds, the public H3 resolution), so this
  script mutates each literal in them once: an int +1, a float x1.1, a one-letter string
  shifted to the next code point, a longer string wrapped in "XX", a bool flipped, and each
  element of a set, tuple, list or dict display left out in turn. Each such mutant runs the
  module's own test file in a scratch copy of the package (var/mutation/), two at a time.

A mutant is killed when a test fails; "no tests" and timeouts count as not killed. The score
is killed / mutants. The survivors' names go to var/mutation/survivors.txt (mutmut's own can
be shown with `.venv/bin/mutmut show NAME`). Not part of `make test`: it takes minutes.
"""

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "var" / "mutation"
# Each pure module and the test file that mirrors it; the same files as [tool.mutmut]'s selection.
MODULES = {
    "amane/reports/receipt.py": "amane/reports/tests/test_receipt.py",
    "amane/reports/lifecycle.py": "amane/reports/tests/test_lifecycle.py",
    "amane/reports/privacy.py": "amane/reports/tests/test_privacy.py",
    "amane/reports/photos.py": "amane/reports/tests/test_photos.py",
    "amane/text/normalise.py": "amane/text/tests/test_normalise.py",
    "amane/geo/locator.py": "amane/geo/tests/test_locator.py",
    "amane/geo/places.py": "amane/geo/tests/test_places.py",
}
KILLED_EXIT_CODES = {1, 3}  # mutmut's reading of pytest: a failed test, or an error inside pytest
# A table mutant can also stop the test file from loading (an enum value that a test reads at
# import time): pytest then ends with 2, interrupted by a collection error. The clean tests
# load, so that is the mutant noticed, not a broken run.
TABLE_KILLED_EXIT_CODES = KILLED_EXIT_CODES | {2}
TABLE_TIMEOUT_S = 300


@dataclass(frozen=True)
class TableMutant:
    module: str
    description: str
    source: str


@dataclass
class Tally:
    mutants: int = 0
    killed: int = 0

    @property
    def survived(self) -> int:
        return self.mutants - self.killed


def _literal_changes(node: ast.AST) -> Iterator[tuple[str, ast.AST, ast.AST]]:
    """Yield (description, node, replacement) for each mutation of a literal inside node."""
    for child in ast.walk(node):
        if isinstance(child, ast.Constant):
            value = child.value
            new: object
            if isinstance(value, bool):
                new = not value
            elif isinstance(value, int):
                new = value + 1
            elif isinstance(value, float):
                new = value * 1.1
            elif isinstance(value, str) and len(value) == 1:
                new = chr(ord(value) + 1)
            elif isinstance(value, str):
                new = f"XX{value}XX"
            else:
                continue
            yield f"{value!r} -> {new!r}", child, ast.Constant(new)
        elif isinstance(child, ast.Set | ast.Tuple | ast.List) and child.elts:
            for i, element in enumerate(child.elts):
                rest = child.elts[:i] + child.elts[i + 1 :]
                shorter: ast.expr
                if isinstance(child, ast.Set):
                    # An empty set display would read as a dict.
                    shorter = ast.Set(elts=rest) if rest else ast.Call(ast.Name("set", ast.Load()), [], [])
                else:
                    shorter = type(child)(elts=rest, ctx=ast.Load())
                yield f"without {ast.unparse(element)}", child, shorter
        elif isinstance(child, ast.Dict) and child.keys:
            for i, key in enumerate(child.keys):
                shorter_dict = ast.Dict(child.keys[:i] + child.keys[i + 1 :], child.values[:i] + child.values[i + 1 :])
                yield f"without key {ast.unparse(key) if key else '**'}", child, shorter_dict


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST) -> None:
        self.target, self.replacement = target, replacement

    def visit(self, node: ast.AST) -> ast.AST:
        if node is self.target:
            return self.replacement
        return super().visit(node)


def table_mutants(module: str) -> list[TableMutant]:
    """Return one mutant per literal change in the module's (and its classes') assignments."""
    tree = ast.parse((ROOT / module).read_text())
    statements: list[tuple[str, ast.stmt]] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef):
            statements += [(f"{stmt.name}.", inner) for inner in stmt.body]
        else:
            statements.append(("", stmt))
    mutants = []
    for prefix, stmt in statements:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            name, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            name, value = stmt.target.id, stmt.value
        else:
            continue
        for description, target, replacement in _literal_changes(value):
            fresh = ast.parse((ROOT / module).read_text())
            # The same walk over a fresh tree finds the same node at the same position.
            twin = _twin(fresh, tree, target)
            mutated = ast.fix_missing_locations(_Replace(twin, replacement).visit(fresh))
            line = getattr(target, "lineno", stmt.lineno)
            mutants.append(TableMutant(module, f"line {line}: {prefix}{name} {description}", ast.unparse(mutated)))
    return mutants


def _twin(fresh: ast.AST, original: ast.AST, target: ast.AST) -> ast.AST:
    for a, b in zip(ast.walk(fresh), ast.walk(original), strict=True):
        if b is target:
            return a
    raise LookupError("node not found")


def _fresh_copy(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    shutil.copytree(ROOT / "amane", path / "amane", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", path / "pyproject.toml")


def _run_table_mutant(mutant: TableMutant, copies: "Queue[Path]") -> bool:
    """Return True when the module's test file fails with the mutant in place."""
    tests = MODULES[mutant.module]
    if not (ROOT / tests).exists():
        return False
    copy = copies.get()
    target = copy / mutant.module
    original = target.read_text()
    try:
        target.write_text(mutant.source)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("DATABASE_URL", None)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", tests],
                cwd=copy,
                env=env,
                capture_output=True,
                timeout=TABLE_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return False
        return done.returncode in TABLE_KILLED_EXIT_CODES
    finally:
        target.write_text(original)
        copies.put(copy)


def run_mutmut(children: int) -> dict[str, dict[str, int]]:
    """Run mutmut afresh; return each module's {mutant name: exit code}."""
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    subprocess.run(
        [str(Path(sys.executable).parent / "mutmut"), "run", "--max-children", str(children)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    results = {}
    for module in MODULES:
        meta = json.loads((ROOT / "mutants" / f"{module}.meta").read_text())
        results[module] = dict(meta["exit_code_by_key"])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=2, help="parallel test runs (default 2)")
    parser.add_argument("--tables-only", action="store_true", help="skip mutmut (for a quick look at the tables)")
    args = parser.parse_args()

    functions = {m: {} for m in MODULES} if args.tables_only else run_mutmut(args.children)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    copies: Queue[Path] = Queue()
    for i in range(args.children):
        copy = SCRATCH / f"copy{i}"
        _fresh_copy(copy)
        copies.put(copy)
    mutants = [mutant for module in MODULES for mutant in table_mutants(module)]
    with ThreadPoolExecutor(args.children) as pool:
        killed = list(pool.map(lambda mutant: _run_table_mutant(mutant, copies), mutants))

    survivors: list[str] = []
    print(f"{'module':<28} {'mutants':>8} {'killed':>7} {'survived':>9} {'score':>7}   (of which tables)")
    total, total_tables = Tally(), Tally()
    for module in MODULES:
        tally, tables = Tally(), Tally()
        for name, code in functions[module].items():
            tally.mutants += 1
            tally.killed += code in KILLED_EXIT_CODES
            if code not in KILLED_EXIT_CODES:
                survivors.append(name)
        for mutant, was_killed in zip(mutants, killed, strict=True):
            if mutant.module == module:
                tables.mutants += 1
                tables.killed += was_killed
                if not was_killed:
                    survivors.append(f"{module} {mutant.description}")
        tally.mutants += tables.mutants
        tally.killed += tables.killed
        for sums, part in ((total, tally), (total_tables, tables)):
            sums.mutants += part.mutants
            sums.killed += part.killed
        print(_row(module.removeprefix("amane/"), tally, tables))
    print(_row("all", total, total_tables))
    (SCRATCH / "survivors.txt").write_text("".join(f"{name}\n" for name in survivors))
    print(f"{len(survivors)} survivors listed in {SCRATCH.relative_to(ROOT)}/survivors.txt")


def _row(label: str, tally: Tally, tables: Tally) -> str:
    score = f"{100 * tally.killed / tally.mutants:.1f}%" if tally.mutants else "-"
    return (
        f"{label:<28} {tally.mutants:>8} {tally.killed:>7} {tally.survived:>9} {score:>7}"
        f"   ({tables.killed}/{tables.mutants} killed)"
    )


if __name__ == "__main__":
    main()
