"""Memory and database growth of email intake, per input (issue 15: under 300 MB each).

    python -m tests.benchmarks.bench_intake_memory [--keep DIR] [--only NAME ...]

Each input is taken in by ``complaintdesk ingest …`` in a fresh process on a fresh embedded
database; the process's peak resident memory comes from the kernel (``wait4``'s
``ru_maxrss``), the growth from the database file before and after (WAL checkpointed).
Inputs, generated here (nothing is downloaded):

- ``text-95mb``: one 95 MB email whose body is text (the issue's case: 4 GB of memory,
  850 MB of database before);
- ``attachment-95mb``: one 95 MB email carrying a 70 MB PDF (over the 10 MB limit: refused,
  recorded on the message);
- ``attachment-32mb-stored``: one email carrying a 30 MB PDF with ``--max-attachment-mb 32``
  (about the largest file that may be stored);
- ``mbox-100mb``: 100 emails of 1 MB text bodies in one mbox (779 MB of database before);
- ``corpus``: the shared corpus of real-world mail (``../shared/data/emails``);
- ``baseline``: one small email, for the interpreter's and libraries' own share.

Nothing here is a test: the figures go to the README and the closing note.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from tests.conftest import SHARED_DATA

MB = 1024 * 1024
LIMIT_MB = 300


def main() -> None:
    """Generate each input, take it in, print one JSON object of figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="folder to keep the inputs and databases in")
    parser.add_argument("--only", nargs="*", default=[], help="inputs to run (all)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="complaintdesk-bench-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"load_before": os.getloadavg()[0]}
    for name, (make, extra) in INPUTS.items():
        if args.only and name not in args.only:
            continue
        source = make(folder)
        figures[name] = measure(folder, name, source, extra)
        print(json.dumps({name: figures[name]}), file=sys.stderr, flush=True)
    figures["load_after"] = os.getloadavg()[0]
    figures["benchmark_process_rss_mb"] = round(_own_peak_kb() / 1024, 1)
    figures["limit_mb"] = LIMIT_MB
    figures["all_under_limit"] = all(
        f["peak_rss_mb"] < LIMIT_MB for f in figures.values() if isinstance(f, dict)
    )
    print(json.dumps(figures, indent=2, sort_keys=True))


def measure(folder: Path, name: str, source: list[str], extra: list[str]) -> dict[str, Any]:
    """Take ``source`` in on a fresh database; return memory, growth and what was stored."""
    database = folder / f"{name}.db"
    for leftover in folder.glob(f"{name}.db*"):
        leftover.unlink()
    url = f"sqlite:///{database}"
    env = {**os.environ, "COMPLAINTDESK_DATA_DIR": str(folder / "data")}
    _run([*_cli(url), "db", "upgrade"], env)
    before = _size(database)
    started = time.perf_counter()
    summary, peak_kb = _run([*_cli(url), "ingest", *source, *extra, "--json"], env)
    seconds = time.perf_counter() - started
    inputs = sum(Path(p).stat().st_size for p in source[1:] if Path(p).is_file())
    if source[0] == "eml" and Path(source[1]).is_dir():
        inputs = sum(p.stat().st_size for p in Path(source[1]).rglob("*") if p.is_file())
    return {
        "input_mb": round(inputs / MB, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "database_growth_mb": round((_size(database) - before) / MB, 1),
        "seconds": round(seconds, 1),
        "stored": {k: v for k, v in summary.items() if isinstance(v, int)},
        "quarantined": len(summary.get("quarantined", [])),
        "rejected": len(summary.get("rejected", [])),
    }


def _own_peak_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cli(url: str) -> list[str]:
    return [sys.executable, "-m", "complaintdesk", "--database", url]


def _run(command: list[str], env: dict[str, str]) -> tuple[dict[str, Any], int]:
    """Run ``command``; return its JSON summary and its peak resident memory in KB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed, failure = out.read(), err.read()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {failure.decode(errors='replace')}")
    summary = json.loads(printed) if printed.strip().startswith(b"{") else {}
    return summary, usage.ru_maxrss


def _size(database: Path) -> int:
    return sum(p.stat().st_size for p in database.parent.glob(database.name + "*"))


def _email(path: Path, headers: str, *pieces: Callable[[BinaryIO], None]) -> Path:
    """Write an email piece by piece: the benchmark never holds a large input itself."""
    with path.open("wb") as handle:
        handle.write(headers.replace("\n", "\r\n").encode() + b"\r\n")
        for piece in pieces:
            piece(handle)
    return path


def _repeat(line: bytes, size: int) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        block = line * (MB // len(line))
        for _ in range(size // len(block)):
            handle.write(block)

    return write


def _literal(data: bytes) -> Callable[[BinaryIO], None]:
    return lambda handle: handle.write(data) and None


def _random_base64(size: int) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        for _ in range(size // (3 * 256 * 1024)):
            handle.write(base64.encodebytes(os.urandom(3 * 256 * 1024)))

    return write


def _text_95(folder: Path) -> list[str]:
    line = b"I am writing again about the charges on my account, line after line.\r\n"
    headers = (
        "From: Big Writer <writer@example.com>\nTo: desk@example.org\n"
        "Subject: Everything that went wrong\nMessage-ID: <text-95@example.com>\n"
        "Content-Type: text/plain; charset=utf-8\n"
    )
    return ["eml", str(_email(folder / "text-95mb.eml", headers, _repeat(line, 95 * MB)))]


def _attachment(folder: Path, name: str, size: int) -> Path:
    boundary = "b-bench"
    headers = (
        f"From: Scanner <scan@example.com>\nTo: desk@example.org\nSubject: Scans\n"
        f"Message-ID: <{name}@example.com>\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n'
    )
    head = (
        f"--{boundary}\r\nContent-Type: text/plain\r\n\r\nMy scans are attached.\r\n"
        f"--{boundary}\r\nContent-Type: application/pdf; name=scan.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return _email(
        folder / f"{name}.eml", headers, _literal(head), _random_base64(size), _literal(tail)
    )


def _attachment_95(folder: Path) -> list[str]:
    return ["eml", str(_attachment(folder, "attachment-95mb", 70 * MB))]


def _attachment_32(folder: Path) -> list[str]:
    return ["eml", str(_attachment(folder, "attachment-32mb-stored", 30 * MB))]


def _mbox_100(folder: Path) -> list[str]:
    path = folder / "mbox-100mb.mbox"
    if path.exists():
        path.unlink()
    with path.open("wb") as handle:
        for n in range(100):  # each body its own: none stored once for another
            line = b"Complaint %03d, written out at length, one more time.\n" % n
            body = line * (MB // len(line))
            handle.write(b"From MAILER-DAEMON Mon Mar  2 09:00:00 2026\n")
            handle.write(b"From: c%d@example.com\nSubject: Long complaint %d\n" % (n, n))
            handle.write(b"Message-ID: <long-%d@x>\n\n%s\n" % (n, body))
    return ["mbox", str(path)]


def _corpus(_folder: Path) -> list[str]:
    return ["eml", str(SHARED_DATA / "emails")]


def _baseline(folder: Path) -> list[str]:
    headers = "From: a@example.com\nSubject: Hello\nMessage-ID: <small@x>\n"
    return ["eml", str(_email(folder / "small.eml", headers, _literal(b"Hello\r\n")))]


INPUTS: dict[str, tuple[Callable[[Path], list[str]], list[str]]] = {
    "baseline": (_baseline, []),
    "corpus": (_corpus, []),
    "text-95mb": (_text_95, []),
    "attachment-95mb": (_attachment_95, []),
    "attachment-32mb-stored": (_attachment_32, ["--max-attachment-mb", "32"]),
    "mbox-100mb": (_mbox_100, []),
}


if __name__ == "__main__":
    main()
