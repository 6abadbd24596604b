"""Run every ``bench/bench_*.py`` module (or those named) and print one table each.

    python -m bench            # all benchmarks
    python -m bench ingest     # only bench_ingest
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent


def modules(names: list[str]) -> list[str]:
    """The bench modules to run: all ``bench_*`` modules, or those matching ``names``."""
    found = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    if not names:
        return found
    wanted = [f"bench_{n.removeprefix('bench_')}" for n in names]
    unknown = sorted(set(wanted) - set(found))
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(found)})")
    return wanted


def table(title: str, rows: list[dict[str, object]]) -> Table:
    """A rich table with one column per key of the first row."""
    t = Table(title=title, title_justify="left")
    for key in rows[0]:
        numeric = isinstance(rows[0][key], int | float)
        t.add_column(key, justify="right" if numeric else "left")
    for row in rows:
        t.add_row(*(_cell(v) for v in row.values()))
    return t


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def main(argv: list[str]) -> int:
    console = Console()
    for name in modules(argv):
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        rows = module.run()
        elapsed = time.perf_counter() - started
        if rows:
            console.print(table(f"{name.removeprefix('bench_')} ({elapsed:.0f} s)", rows))
        else:
            console.print(f"[dim]{name}: nothing to report[/]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
