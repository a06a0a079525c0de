"""A fresh installation with a London, a Paris and a US site: each complaint gets its own rule.

Everything goes through the real command line on an empty database (SQLite and
PostgreSQL): the sites are added with ``site add``, a London and a Paris customer write by
email (``ingest eml``), the CFPB's file is imported (``import cfpb``), and ``policy which``
explains the choices. The London complaint must be held to the FCA's eight weeks (not the
ACPR's two months on the Paris calendar), the Paris one to the ACPR, the US one to the
CFPB's 15 and 60 days counted from the day the CFPB sent it to the company.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Settings, open_backend
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.outbound import receipts
from complaintdesk.services.read_models import QueueKind, QueueRequest, row_id
from complaintdesk.storage.models import Complaint, ServiceLevelPolicy, Site
from tests.conftest import SHARED_DATA, command_line_actor
from tests.support.mail_factory import make_email

LONDON, PARIS, NEW_YORK = (ZoneInfo(z) for z in ("Europe/London", "Europe/Paris",
                                                  "America/New_York"))  # fmt: skip
CFPB_HEADER = (SHARED_DATA / "cfpb_complaints_sample.csv").read_text("utf-8-sig").splitlines()[0]
# Two real rows of the sample: one closed, one the company never answered in time.
CFPB_ROWS = (
    "2019/9/24,Debt collection,I do not know,Attempts to collect debt not owed,Debt is not "
    'yours,,,"ENCORE CAPITAL GROUP INC.",TX,770XX,,Consent not provided,Web,2019/9/24,'
    "Closed with explanation,Yes,N/A,3382401",
    "2020/2/28,Mortgage,Conventional home mortgage,Trouble during payment process,,,,"
    '"BANK OF AMERICA, NATIONAL ASSOCIATION",CA,945XX,Older American,N/A,Referral,2020/3/6,'
    "In progress,Yes,N/A,3549102",
)


def _run(url: str, *words: str) -> None:
    code = cli.run([*words, "--database", url, "--json"])
    assert code == 0, words


def _json(url: str, capsys: pytest.CaptureFixture[str], *words: str) -> object:
    capsys.readouterr()
    code = cli.run([*words, "--database", url, "--json"])
    assert code == 0, words
    return json.loads(capsys.readouterr().out)


def _email(folder: Path, name: str, sender: str, subject: str, sent: datetime) -> Path:
    raw = make_email(subject, f"{subject}. Please put it right.", sender=sender)
    text = raw.replace(
        next(line for line in raw.splitlines() if line.startswith(b"Date:")),
        f"Date: {format_datetime(sent)}".encode(),
    )
    path = folder / f"{name}.eml"
    path.write_bytes(text)
    return path


def test_london_paris_and_us_complaints_each_get_their_own_rule(
    empty_database_url: str,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    url = empty_database_url
    if url.startswith("postgresql"):
        _run(url, "db", "upgrade")
    cli_sign_in(url)  # the administrator who sets the installation up
    added = [
        _json(url, capsys, "site", "add", "LON01", "--name", "London Moorgate",
              "--timezone", "Europe/London"),
        _json(url, capsys, "site", "add", "PAR01", "--name", "Paris Opéra",
              "--timezone", "Europe/Paris"),
    ]  # fmt: skip
    london = _email(
        tmp_path,
        "london",
        "Margaret Shaw <margaret@example.co.uk>",
        "Card payment taken twice",
        datetime(2026, 2, 2, 10, 0, tzinfo=LONDON),
    )
    paris = _email(
        tmp_path,
        "paris",
        "Léa Martin <lea@example.fr>",
        "Frais de tenue de compte",
        datetime(2026, 2, 2, 10, 0, tzinfo=PARIS),
    )
    _run(url, "ingest", "eml", str(london), "--site", "LON01")
    _run(url, "ingest", "eml", str(paris), "--site", "PAR01")
    cfpb = tmp_path / "cfpb.csv"
    cfpb.write_text("\n".join([CFPB_HEADER, *CFPB_ROWS]) + "\n", encoding="utf-8")
    imported = _json(url, capsys, "import", "cfpb", str(cfpb))
    which = _json(url, capsys, "policy", "which", "--site", "LON01", "--channel", "email")
    listed = _json(url, capsys, "policy", "list")

    assert [(a["code"], a["country"], a["regulatory"]) for a in added] == [  # type: ignore[index]
        ("LON01", "GB", "uk-fca"),
        ("PAR01", "FR", "fr-acpr"),
    ]
    assert imported["imported"] == 2  # type: ignore[index]
    assert which[1]["code"] == "uk-fca"  # type: ignore[index]
    assert which[1]["reasons"] == [["countries", "GB"]]  # type: ignore[index]
    assert "fr-acpr" in which[1]["passed_over"]  # type: ignore[index]
    scopes = {p["code"]: (p["active"], p["scope"]) for p in listed}  # type: ignore[union-attr]
    assert scopes["uk-fca"] == (True, {"countries": ["GB"]})
    assert scopes["us-cfpb"] == (True, {"countries": ["US"]})

    backend = open_backend(Settings(url, data_dir))
    try:
        ctx = ServiceContext(backend.uow, command_line_actor())
        with backend.uow() as uow:
            rows = uow.execute(
                select(Complaint, Site.code, Site.country, ServiceLevelPolicy.code)
                .join(Site, Site.id == Complaint.site_id)
                .join(ServiceLevelPolicy, ServiceLevelPolicy.id == Complaint.regulatory_policy_id)
            ).all()
        by_site = {site: (c, country, rule) for c, site, country, rule in rows
                   if c.external_ref != "cfpb:3382401"}  # fmt: skip
        unassigned = queues.page(ctx, QueueRequest(QueueKind.UNASSIGNED)).rows
        london_id = next(c.id for c, site, _, _ in rows if site == "LON01")
        promised = {p.kind: p.date for p in receipts.receipt(ctx, london_id).promises}
    finally:
        backend.engine.dispose()

    london_complaint, _, rule = by_site["LON01"]
    assert rule == "uk-fca"
    assert promised["regulatory"] == "30 March 2026"  # the receipt promises the FCA's date
    # Eight weeks from Monday 2 February 2026 (London): Monday 30 March, end of day BST.
    assert london_complaint.regulatory_due_at.isoformat() == "2026-03-30T22:59:59.999999+00:00"
    paris_complaint, _, rule = by_site["PAR01"]
    assert rule == "fr-acpr"
    # Two months from Monday 2 February 2026 (Paris): Thursday 2 April, end of day CEST.
    assert paris_complaint.regulatory_due_at.isoformat() == "2026-04-02T21:59:59.999999+00:00"
    us_complaint, country, rule = by_site["US"]
    assert (country, rule) == ("US", "us-cfpb")
    # Sent to the company on 6 March 2020: 15 days → 21 March, 60 → 5 May (New York).
    assert us_complaint.received_at.astimezone(NEW_YORK).date().isoformat() == "2020-03-06"
    assert us_complaint.sent_at.astimezone(NEW_YORK).date().isoformat() == "2020-02-28"
    assert us_complaint.regulatory_due_at.astimezone(NEW_YORK).date().isoformat() == "2020-05-05"
    assert (us_complaint.status, us_complaint.owner_id) == ("new", None)
    assert row_id(us_complaint.id) in [r.id for r in unassigned]
