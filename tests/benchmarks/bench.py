"""The project's benchmark: every DESIGN.md section 10 figure, as one JSON object.

    python -m tests.benchmarks.bench [--complaints 1000000] [--database FILE] [--out FILE.json]
        [--sections startup,queues,...] [--curve 100000,300000] [--markdown FILE.md]

Builds (or reuses) a demo database of the asked size (``demo seed`` in a process of its own,
then the schema brought to head without the start-up backup copy), then measures each
section below, writing the machine's 1-minute load before and after each. How things are
measured (wall and CPU time, memory, "cold") is said once, in ``measure.py``.

- ``startup``: interpreter start to the main window's first painted queue page (a fresh
  process each time: one after the database left the cache, three warm), and the resident
  memory at that moment, after the window's start-up work, and after opening every queue.
- ``queues``: click to rows painted in the app's queue table, for every queue x sort x
  direction, warm at the main window's table size and enlarged, and cold; the service
  against the same SQL on the driver (``bench_queues.py``).
- ``search``, ``screen_pop``, ``dashboard``, ``export``, ``returns``: the services, warm.
- ``recompute``: due instants after a real policy change, then after undoing it.
- ``email``: 10,000 generated messages ingested into this database (fresh Message-IDs each
  run, so each run ingests them; the database grows by them), and the rerun.
- ``social``, ``sync``: their own benchmarks (a fresh database; a PostgreSQL server).
- ``curve`` (with ``--curve``): the queue section, warm, on smaller databases.

A section that fails records its error and the others still run. The JSON is printed and,
with ``--out``, saved after each section. Nothing here is a test: figures go to the README.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks import bench_figures
from tests.benchmarks.measure import evict, load, section_load

LOGIN, PASSWORD = "agent", "demo-agent"
Section = Callable[[Path, argparse.Namespace], dict[str, Any]]


def main() -> None:
    """Parse the arguments, build the database if needed, print every figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated")
    parser.add_argument("--curve", default="", help="smaller sizes for the queue curve")
    parser.add_argument("--markdown", type=Path, default=None, help="write README rows here")
    parser.add_argument("--repeat", type=int, default=10, help="warm clicks per queue case")
    args = parser.parse_args()
    figures = run(args)
    print(json.dumps(figures, indent=2, sort_keys=True))
    if args.markdown is not None:
        args.markdown.write_text(bench_figures.markdown(figures))


def database_for(complaints: int) -> Path:
    """Return where the benchmark keeps its database of ``complaints`` complaints."""
    return Path(f"/tmp/complaintdesk-bench-{complaints}.db")


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build or reuse the database, measure every section asked for, return the figures."""
    path = args.database or database_for(args.complaints)
    figures: dict[str, Any] = {"complaints": args.complaints, "database": str(path)}
    figures.update(machine())
    figures.update(prepare(path, args.complaints))
    for name in args.sections.split(","):
        before, started = load(), time.perf_counter()
        try:
            figures.update(SECTIONS[name](path, args))
        except Exception as error:  # one broken section must not hide the other figures
            figures[f"{name}.error"] = f"{type(error).__name__}: {error}"
        figures[f"{name}.section_s"] = round(time.perf_counter() - started, 1)
        section_load(figures, name, before)
        _save(args.out, figures)
    figures.update(bench_figures.summary(figures))
    _save(args.out, figures)
    return figures


def _save(out: Path | None, figures: dict[str, Any]) -> None:
    if out is not None:  # what is measured so far survives an interruption
        out.write_text(json.dumps(figures, indent=2, sort_keys=True))


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import PySide6

    return {
        "machine.cpus": os.cpu_count(),
        "machine.platform": platform.platform(),
        "machine.python": platform.python_version(),
        "machine.sqlite": sqlite3.sqlite_version,
        "machine.pyside6": PySide6.__version__,
        "machine.started_at": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


def prepare(path: Path, complaints: int) -> dict[str, Any]:
    """Seed the database if it holds no complaint, and bring its schema to head."""
    figures: dict[str, Any] = {}
    if not path.exists() or _complaint_count(path) == 0:
        before, started = load(), time.perf_counter()
        _python("-m", "complaintdesk", "demo", "seed", "--database", _url(path),
                "--complaints", str(complaints), "--json")  # fmt: skip
        figures["seed_s"] = round(time.perf_counter() - started, 1)
        section_load(figures, "seed", before)
    from alembic import command

    from complaintdesk.storage import schema
    from complaintdesk.storage.database import create_database_engine

    engine = create_database_engine(_url(path))
    try:
        if schema.current_revision(engine) != schema.HEAD:
            started = time.perf_counter()
            command.upgrade(schema.alembic_config(engine), "head")  # no 10 GB backup copy
            figures["upgrade_s"] = round(time.perf_counter() - started, 1)
    finally:
        engine.dispose()
    _check_tables(path)
    figures["complaints_stored"] = _complaint_count(path)
    figures["database_gb"] = round(path.stat().st_size / 1e9, 2)
    return figures


def _check_tables(path: Path) -> None:
    """Refuse a database stamped at head that lacks tables of the models.

    A database seeded by another branch's code can carry today's revision number without
    today's tables (its migration slots were empty there): measuring it would measure a
    different application.
    """
    from complaintdesk.storage.models import Base

    connection = sqlite3.connect(path)
    try:
        stored = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    missing = sorted(set(Base.metadata.tables) - stored)
    if missing:
        raise RuntimeError(
            f"{path} lacks the tables {', '.join(missing)}: it was seeded by other code. "
            "Delete it and run again to seed it anew."
        )


def _complaint_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM complaint").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _python(*arguments: str, stdin: str = "", env: dict[str, str] | None = None) -> str:
    """Run ``python ARGUMENTS`` in a fresh process; return its standard output."""
    done = subprocess.run(
        [sys.executable, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments[:3])} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


def _json(output: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(output)
    return found


# --- sections ---


def start_up(path: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """Cold start, three warm starts, and the memory of a window that settled."""

    def probe(*extra: str) -> dict[str, Any]:
        command = ("-m", "tests.benchmarks.start_probe", _url(path), LOGIN, *extra)
        spawned = ("--spawned-at", str(time.monotonic()))
        return _json(_python(*command, *spawned, stdin=PASSWORD + "\n"))

    evict(path)
    cold = probe()
    warm = [probe() for _ in range(3)]
    settled = probe("--settle")
    best = min(warm, key=lambda r: r["start_to_first_paint_s"])
    figures = {f"startup.warm_best.{k}": v for k, v in best.items()}
    figures["startup.warm_s"] = [r["start_to_first_paint_s"] for r in warm]
    figures["startup.cold_s"] = cold["start_to_first_paint_s"]
    figures["startup.cold"] = cold
    for moment in (
        "memory_at_first_paint",
        "memory_after_start_up_work",
        "memory_after_every_queue",
    ):
        figures[f"memory.{moment}"] = settled[moment]
    return figures


def queue_cases(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every queue x sort x direction: warm at two table sizes, and cold (as an agent); then
    warm as a supervisor, whose queues include "Asked of my function" and "Regulatory deadline
    at risk or missed"."""
    figures: dict[str, Any] = {}
    runs = {
        "window": ("--size", "window", "--repeat", str(args.repeat)),
        "tall": ("--size", "tall", "--repeat", str(max(args.repeat // 2, 3))),
        "cold": ("--size", "window", "--cold"),
        "supervisor": ("--size", "window", "--repeat", str(args.repeat), "--login", "supervisor"),
    }
    for label, options in runs.items():
        before = load()
        found = _json(_python("-m", "tests.benchmarks.bench_queues", str(path), *options))
        figures.update({f"queues.{label}.{case}": v for case, v in found.items()})
        section_load(figures, f"queues.{label}", before)
    return figures


def curve(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The warm queue cases on each smaller database of ``--curve``."""
    figures: dict[str, Any] = {}
    for size in (int(s) for s in args.curve.split(",") if s):
        smaller = database_for(size)
        figures.update({f"curve.{size}.{k}": v for k, v in prepare(smaller, size).items()})
        before = load()
        found = _json(_python("-m", "tests.benchmarks.bench_queues", str(smaller),
                              "--size", "window", "--repeat", str(args.repeat)))  # fmt: skip
        figures.update({f"curve.{size}.{case}": v for case, v in found.items()})
        section_load(figures, f"curve.{size}", before)
    return figures


def email(path: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """10,000 new messages into this database, then the rerun (which must store nothing)."""
    run_tag = str(int(time.time()))  # fresh Message-IDs: this run's mail is new mail
    found = _json(_python("-m", "tests.benchmarks.bench_email", "--messages", "10000",
                          "--database", _url(path), "--run", run_tag,
                          "--user", "admin", "demo-admin"))  # fmt: skip
    return {f"email.{k}": v for k, v in found.items()}


def social(_path: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """2,000 posts into a fresh database (its own benchmark)."""
    found = _json(_python("-m", "tests.benchmarks.bench_social", "--posts", "2000"))
    return {f"social.{k}": v for k, v in found.items()}


def sync(_path: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """50,000 offline changes and 20 workstations at once (its own benchmark)."""
    found = _json(_python("-m", "tests.benchmarks.bench_sync"))
    return {f"sync.{k}": v for k, v in found.items()}


def _in_process(name: str, prefix: str = "") -> Section:
    """A section measured in this process by a function of another benchmark module."""

    def section(path: Path, _args: argparse.Namespace) -> dict[str, Any]:
        module_name, function_name = name.split(":")
        module = __import__(f"tests.benchmarks.{module_name}", fromlist=[function_name])
        found: dict[str, Any] = getattr(module, function_name)(path)
        return {f"{prefix}{key}": value for key, value in found.items()}

    return section


SECTIONS: dict[str, Section] = {
    "startup": start_up,
    "queues": queue_cases,
    "search": _in_process("bench_search:search"),
    "screen_pop": _in_process("bench_reports:screen_pop"),
    "dashboard": _in_process("bench_reports:dashboard"),
    "export": _in_process("bench_reports:exported"),
    "returns": _in_process("bench_reports:returns"),
    "cockpit": _in_process("bench_cockpit:run", "cockpit."),
    "recompute": _in_process("bench_promises:recompute_after_change"),
    "email": email,
    "social": social,
    "sync": sync,
    "curve": curve,
}


if __name__ == "__main__":
    main()
