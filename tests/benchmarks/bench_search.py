"""Full-text search as people type it, per role, against the same SQL run on the driver.

Called by ``bench.py``: :func:`search` takes the database file and returns figures.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from sqlalchemy.dialects import sqlite as sqlite_dialect

from complaintdesk.app import Settings, open_backend
from complaintdesk.services.admin import auth
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.insight import search as searching
from complaintdesk.storage import queue_queries, search_queries, search_text
from complaintdesk.storage.database import create_database_engine, sqlite_url
from tests.benchmarks.measure import percentiles

REPEAT = 10
LOGINS = {"agent": "demo-agent", "clerk": "demo-clerk", "billing": "demo-billing"}
WORDS = (
    "remboursement", "rembour", "colis endommagé", "frais bancaires", "refund", "card blocked",
    "prélèvement", "late delivery", "résiliation", "Martin", "assurance habitation", "facture",
    "RECLAMATION", "virement non reçu", "parcel never", 'carte "bloquée" (urgent',
)  # fmt: skip
"""What people type: words in both languages, one being typed, surnames, operators."""


def search(path: Path) -> dict[str, Any]:
    """p50/p95 per role over realistic queries; for the agent, the ratio to the raw SQL."""
    backend = open_backend(Settings(sqlite_url(path), path.parent))
    raw_engine = create_database_engine(sqlite_url(path))  # the app's connection settings
    raw = raw_engine.raw_connection().dbapi_connection
    figures: dict[str, Any] = {}
    try:
        texts = _texts(raw)
        for login, password in LOGINS.items():
            ctx = ServiceContext(backend.uow, auth.sign_in(backend.uow, login, password))
            samples, worst = _samples(ctx, texts)
            figures[f"search.{login}.ms_p50_p95"] = percentiles(samples, 1)
            figures[f"search.{login}.slowest_query_ms_p95"] = worst
            if login == "agent":
                floor = _floor(ctx, raw, texts)
                figures["search.agent.raw_sql_ms_p50_p95"] = percentiles(floor, 1)
                ratio = statistics.median(samples) / statistics.median(floor)
                figures["search.agent.ratio_p50"] = round(ratio, 2)
        figures["search.queries"] = len(texts)
    finally:
        raw_engine.dispose()
        backend.engine.dispose()
    return figures


def _texts(raw: Any) -> list[str]:
    """Return WORDS and identifiers taken from the data: e-mail, phone, name, reference."""
    picked = [
        "SELECT value FROM contact_point WHERE kind = 'email' ORDER BY id LIMIT 1 OFFSET 4321",
        "SELECT value FROM contact_point WHERE kind = 'phone' AND value LIKE '+336%' "
        "ORDER BY id LIMIT 1 OFFSET 321",
        "SELECT display_name FROM customer ORDER BY id LIMIT 1 OFFSET 2345",
        "SELECT reference FROM complaint ORDER BY id LIMIT 1 OFFSET 5432",
    ]
    email, phone, name, reference = (raw.execute(sql).fetchone()[0] for sql in picked)
    national = "0" + phone[3:]  # typed as a French caller gives it: 06 12 34 56 78
    spaced = " ".join(national[i : i + 2] for i in range(0, 10, 2))
    return [*WORDS, email, spaced, name, reference]


def _samples(ctx: ServiceContext, texts: list[str]) -> tuple[list[float], Any]:
    samples: list[float] = []
    worst: tuple[float, str] = (0.0, "")
    for typed in texts:
        searching.search(ctx, typed)  # warm, as the queue pages are before they are timed
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            searching.search(ctx, typed)
            timings.append(time.perf_counter() - started)
        samples += timings
        worst = max(worst, (percentiles(timings, 1)[1], typed))
    return samples, [worst[1], worst[0]]


def _floor(ctx: ServiceContext, raw: Any, texts: list[str]) -> list[float]:
    """Time the SQL the agent's searches run, straight on the driver (the floor)."""
    samples: list[float] = []
    for typed in texts:
        statements = _sql(ctx, typed)
        for sql in statements:
            raw.execute(sql).fetchall()
        for _ in range(REPEAT):
            started = time.perf_counter()
            for sql in statements:
                raw.execute(sql).fetchall()
            samples.append(time.perf_counter() - started)
    return samples


def _sql(ctx: ServiceContext, typed: str) -> list[str]:
    """The statements ``search.search`` runs for someone who sees every complaint."""
    visible = queue_queries.conditions(queues.visibility(ctx.actor))
    statements = []
    references, contacts = searching.references_in(typed), searching.contacts_in(typed)
    if references or contacts:
        statements.append(search_queries.identified_statement(references, contacts, visible, 50))
    words = search_text.SearchText.parse(typed)
    if words.words:
        window = search_queries.WINDOW
        ranked = search_queries.ranked_statement("sqlite", words, visible, 50, window)
        statements.append(ranked)
    dialect = sqlite_dialect.dialect()
    return [
        str(s.compile(dialect=dialect, compile_kwargs={"literal_binds": True})) for s in statements
    ]
