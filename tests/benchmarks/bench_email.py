"""Email ingestion benchmark: 10,000 messages into a seeded database, the target under 20 s.

    python -m tests.benchmarks.bench_email [--messages 10000] [--database URL] [--keep DIR]

Generates an mbox of realistic mail — new complaints in English and French, customers
writing again (threaded by In-Reply-To), HTML-only mail, attachments, auto-replies and
bounces — then times ``complaintdesk ingest mbox FILE --json`` in a fresh process on a
fresh embedded database (or ``--database``), and times a rerun, which must store nothing.
Nothing here is a test: the figures go to the README.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_email_texts import ENGLISH, FRENCH, NAMES
from tests.support.command_line import signed_in

SHARE_REPLIES, SHARE_ROBOTS, SHARE_HTML, SHARE_ATTACHMENTS = 0.25, 0.05, 0.10, 0.05


def main() -> None:
    """Generate the mailbox, ingest it twice, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database", metavar="URL", help="default: a fresh embedded SQLite")
    parser.add_argument("--keep", type=Path, help="folder to keep the mbox and database in")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--run", default="", help="tag in every Message-ID: new mail each run")
    parser.add_argument(
        "--user",
        nargs=2,
        metavar=("LOGIN", "PASSWORD"),
        help="an administrator of --database (default: one is added to an empty database)",
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="complaintdesk-bench-email-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "inbox.mbox"
    started = time.perf_counter()
    messages = generate(args.messages, random.Random(args.seed))
    if args.run:  # the same mail under new Message-IDs: a database that holds it takes it again
        tag = f"<bench-{args.run}-".encode()
        messages = [raw.replace(b"<bench-", tag) for raw in messages]
    write_mbox(path, messages)
    figures: dict[str, Any] = {
        "messages": args.messages,
        "mbox_mb": round(path.stat().st_size / 1e6, 1),
        "generate_s": round(time.perf_counter() - started, 1),
    }
    first, figures["ingest_s"] = _ingest(
        path, folder, args.database, tuple(args.user) if args.user else None
    )
    second, figures["rerun_s"] = _ingest(
        path, folder, args.database, tuple(args.user) if args.user else None
    )
    figures["first"] = {k: v for k, v in first.items() if k != "rejected"}
    figures["rerun"] = {k: v for k, v in second.items() if k != "rejected"}
    figures["rejected"] = len(first["rejected"])
    figures["messages_per_s"] = round(args.messages / figures["ingest_s"], 1)
    figures["target_met"] = figures["ingest_s"] < 20 and second["ingested"] == 0
    print(json.dumps(figures, indent=2, sort_keys=True))


def _ingest(
    path: Path, folder: Path, database: str | None, user: tuple[str, str] | None
) -> tuple[dict[str, Any], float]:
    command = [sys.executable, "-m", "complaintdesk", "ingest", "mbox", str(path), "--json"]
    if database:
        command += ["--database", database]
    environment = {**os.environ, "COMPLAINTDESK_DATA_DIR": str(folder / "data")}
    environment.pop("COMPLAINTDESK_DATABASE_URL", None)
    environment = signed_in(environment, database, *([user] if user else []))
    started = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    elapsed = round(time.perf_counter() - started, 1)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr.strip()}")
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary, elapsed


def generate(count: int, rng: random.Random) -> list[bytes]:
    """Return ``count`` raw messages, replies always after what they answer."""
    customers = [_customer(n, rng) for n in range(max(count // 3, 1))]
    sent: list[tuple[str, str, str]] = []  # (customer address, message id, subject)
    messages: list[bytes] = []
    for number in range(count):
        roll = rng.random()
        if sent and roll < SHARE_REPLIES:
            address, replied, subject = rng.choice(sent)
            messages.append(_reply(number, address, replied, subject, rng))
        elif sent and roll < SHARE_REPLIES + SHARE_ROBOTS:
            messages.append(_robot(number, rng.choice(sent), rng))
        else:
            customer = rng.choice(customers)
            raw, message_id, subject = _complaint(number, customer, rng)
            sent.append((customer["address"], message_id, subject))
            messages.append(raw)
    return messages


def _customer(number: int, rng: random.Random) -> dict[str, str]:
    given, family = rng.choice(NAMES[0]), rng.choice(NAMES[1])
    domain = rng.choice(["example.com", "example.fr", "mail.example.net", "example.org"])
    return {
        "name": f"{given} {family}",
        "address": f"{given.lower()}.{family.lower()}{number}@{domain}",
        "language": "fr" if rng.random() < 0.5 else "en",
    }


def _base(number: int, sender: str, subject: str) -> tuple[EmailMessage, str]:
    message = EmailMessage()
    message_id = f"<bench-{number}@mail.example.net>"
    message["From"] = sender
    message["To"] = "complaints@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(_instant(number))
    message["Message-ID"] = message_id
    return message, message_id


def _instant(number: int) -> Any:
    """A morning's mail, as a desk ingests it: sent over the last half day, four seconds apart.

    (Mail dated months back arrives already late: each complaint would then escalate, with
    its notifications, which is not the ingestion a desk does every day.)
    """
    return _MORNING + timedelta(seconds=4 * number)


_MORNING = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=12)


def _complaint(number: int, customer: dict[str, str], rng: random.Random) -> tuple[bytes, str, str]:
    subject, body = rng.choice(FRENCH if customer["language"] == "fr" else ENGLISH)
    sender = f"{customer['name']} <{customer['address']}>"
    message, message_id = _base(number, sender, subject)
    text = f"{body}\n\n{customer['name']}"
    roll = rng.random()
    if roll < SHARE_HTML:
        paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n") if line)
        message.set_content(f"<html><body>{paragraphs}</body></html>", subtype="html")
    else:
        message.set_content(text)
    if roll > 1 - SHARE_ATTACHMENTS:
        data = rng.randbytes(rng.randint(20_000, 200_000))
        message.add_attachment(
            data, maintype="application", subtype="pdf", filename=f"proof-{number}.pdf"
        )
    return message.as_bytes(), message_id, subject


def _reply(number: int, address: str, replied: str, subject: str, rng: random.Random) -> bytes:
    message, _ = _base(number, address, f"Re: {subject}")
    message["In-Reply-To"] = replied
    message["References"] = replied
    message.set_content(rng.choice(["Any news?", "Toujours rien ?", "I am still waiting."]))
    return message.as_bytes()


def _robot(number: int, answered: tuple[str, str, str], rng: random.Random) -> bytes:
    address, replied, subject = answered
    if rng.random() < 0.5:
        message, _ = _base(number, address, f"Automatic reply: {subject}")
        message["Auto-Submitted"] = "auto-replied"
        message["In-Reply-To"] = replied
        message.set_content("I am out of the office until Monday.")
    else:
        message, _ = _base(number, "MAILER-DAEMON@mail.example.net", "Undeliverable: your mail")
        message["Auto-Submitted"] = "auto-replied"
        message.set_content(f"Delivery to {address} failed permanently.")
    return message.as_bytes()


def write_mbox(path: Path, messages: list[bytes]) -> None:
    """Write ``messages`` into a new mbox file at ``path``."""
    path.unlink(missing_ok=True)
    box = mailbox.mbox(path)
    box.lock()
    try:
        for raw in messages:
            box.add(raw)
        box.flush()
    finally:
        box.unlock()
        box.close()


if __name__ == "__main__":
    main()
