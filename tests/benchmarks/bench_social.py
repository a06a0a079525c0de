"""Social ingestion benchmark: an X archive and Messenger exports, ingested then rerun.

    python -m tests.benchmarks.bench_social [--posts 5000] [--database URL] [--keep DIR]

Generates a ``tweets.js`` (new posts and replies threading to earlier ones, by a few
hundred authors: the ``user`` object is given per tweet as in the webhook shape) and
``message_N.json`` conversations with Facebook's mojibake, then times
``complaintdesk ingest social FILE... --json`` in a fresh process on a fresh embedded
database (or ``--database``), and times a rerun, which must store nothing. Then it times
``complaintdesk customers duplicates --json`` on the result. Nothing here is a test: the
figures go to the README.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_email_texts import ENGLISH, FRENCH, NAMES
from tests.support.command_line import signed_in

SHARE_REPLIES = 0.3
START = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


def main() -> None:
    """Generate the exports, ingest them twice, list duplicates, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=5_000)
    parser.add_argument("--database", metavar="URL", help="default: a fresh embedded SQLite")
    parser.add_argument("--keep", type=Path, help="folder to keep the files and database in")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="complaintdesk-bench-social-"))
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    tweets = args.posts * 4 // 5
    files = [_tweets(folder / "tweets.js", tweets, rng)]
    files += _conversations(folder, args.posts - tweets, rng)
    first, ingest_s = _run(folder, args.database, "ingest", "social", *map(str, files))
    second, rerun_s = _run(folder, args.database, "ingest", "social", *map(str, files))
    pairs, duplicates_s = _run(folder, args.database, "customers", "duplicates")
    figures = {
        "posts": args.posts,
        "ingest_s": ingest_s,
        "rerun_s": rerun_s,
        "posts_per_s": round(args.posts / ingest_s, 1),
        "first": {k: v for k, v in first.items() if k != "rejected"},
        "rerun": {k: v for k, v in second.items() if k != "rejected"},
        "rejected": len(first["rejected"]),
        "duplicates_s": duplicates_s,
        "duplicate_pairs": len(pairs["pairs"]),
    }
    print(json.dumps(figures, indent=2, sort_keys=True))


def _run(folder: Path, database: str | None, *args: str) -> tuple[dict[str, Any], float]:
    command = [sys.executable, "-m", "complaintdesk", *args, "--json"]
    if database:
        command += ["--database", database]
    environment = {**os.environ, "COMPLAINTDESK_DATA_DIR": str(folder / "data")}
    environment.pop("COMPLAINTDESK_DATABASE_URL", None)
    environment = signed_in(environment, database)
    started = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    elapsed = round(time.perf_counter() - started, 1)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {done.stderr.strip()}")
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary, elapsed


def _tweets(path: Path, count: int, rng: random.Random) -> Path:
    authors = [(str(10_000 + n), f"user{n}", _name(rng)) for n in range(max(count // 8, 1))]
    items: list[dict[str, Any]] = []
    for number in range(count):
        user_id, handle, name = rng.choice(authors)
        moment = START + timedelta(minutes=7 * number)
        tweet: dict[str, Any] = {
            "id_str": str(1_000_000 + number),
            "full_text": f"@acme {_text(rng)[:260]}",
            "created_at": moment.strftime("%a %b %d %H:%M:%S +0000 %Y"),
            "user": {"id_str": user_id, "screen_name": handle, "name": name},
        }
        if items and rng.random() < SHARE_REPLIES:
            tweet["in_reply_to_status_id_str"] = rng.choice(items[-200:])["tweet"]["id_str"]
        items.append({"tweet": tweet})
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(items), encoding="utf-8")
    return path


def _name(rng: random.Random) -> str:
    given, family = NAMES
    return f"{rng.choice(given)} {rng.choice(family)}"


def _text(rng: random.Random) -> str:
    subject, body = rng.choice(ENGLISH + FRENCH)
    return f"{subject}. {' '.join(body.split())}"


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _conversations(folder: Path, count: int, rng: random.Random) -> list[Path]:
    paths = []
    per_file = 20
    for number in range(max(count // per_file, 1)):
        name = _name(rng)
        messages = [
            {
                "sender_name": _mojibake(name),
                "timestamp_ms": int((START + timedelta(hours=n + 30 * number)).timestamp() * 1000),
                "content": _mojibake(_text(rng)),
            }
            for n in range(per_file)
        ]
        export = {
            "participants": [{"name": _mojibake(name)}, {"name": "Acme Support"}],
            "thread_path": f"inbox/customer_{number}",
            "messages": list(reversed(messages)),
        }
        path = folder / f"inbox_{number}" / "message_1.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(export), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    main()
