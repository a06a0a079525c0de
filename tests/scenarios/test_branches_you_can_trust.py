"""Branches you can trust (issue 16, its sync half), told as one installation's week.

A real central PostgreSQL server, two shops on SQLite branches — Paris, whose workstation
clock runs two years ahead, and Lyon, whose clock runs two years behind — and later a second
workstation at the Paris counter. Through the services and the real command line:

- one email reaches the Paris shop and head office: it is kept once, the two complaints are
  linked, the customer is one, a supervisor sees the merge, nothing behind it is stuck;
- a complaint is edited on both sides while Paris is offline: the edit made later in real
  time wins everywhere, whatever the Paris clock said, and the conflict is listed;
- Lyon resolves a complaint head office recorded: never dated before it was received;
- no branch ever holds another site's customers' contact details;
- an erasure at head office reaches both branches, which report back: no trace in any
  database file, in the change log, in the attachment store;
- two workstations of the Paris shop and head office record counter complaints for Paris at
  the same time: every reference is different, and each place goes on numbering afterwards.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from complaintdesk import cli
from complaintdesk.domain.reference import parse_reference
from complaintdesk.services.admin import audit_trail
from complaintdesk.services.inbound import mail
from complaintdesk.services.replicas import sync_conflicts
from complaintdesk.storage.models import Complaint, ContactPoint, Message, Site, SiteSequence
from tests.support import sync_world as w
from tests.sync.test_erasures import (
    ATTACHMENT,
    central_text,
    lea_posts_about_the_lyon_shop,
    lea_writes_to_the_paris_shop,
    raw_bytes,
    traces,
)

pytestmark = pytest.mark.postgres
TWO_YEARS = timedelta(days=731)


@dataclass
class Installation:
    central: w.Replica
    paris: w.Replica
    lyon: w.Replica
    url: str
    folder: Path

    def sync(self, *branches: w.Replica) -> None:
        for branch in branches or (self.paris, self.lyon):
            assert branch.branch is not None
            branch.branch.run_round()


@pytest.fixture
def week(migrated_postgres_url: str, tmp_path: Path) -> Iterator[Installation]:
    central = w.open_central(migrated_postgres_url, tmp_path / "central", ["PAR", "LYO"])
    paris = w.make_branch(migrated_postgres_url, tmp_path / "PAR", "PAR", w.skewed(TWO_YEARS))
    lyon = w.make_branch(migrated_postgres_url, tmp_path / "LYO", "LYO", w.skewed(-TWO_YEARS))
    yield Installation(central, paris, lyon, migrated_postgres_url, tmp_path)
    for replica in (central, paris, lyon):
        replica.engine.dispose()


def command(*argv: str, capsys: pytest.CaptureFixture[str]) -> object:
    code = cli.run([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def the_refund_email(received_by: str) -> mail.InboundEmail:
    return mail.InboundEmail(
        message_id="<refund-77@bank.example.org>",
        subject="Refund still missing",
        sender="omar.haddad@example.org",
        sender_name="Omar Haddad",
        recipients=received_by,
        received_at=None,
        body_text="I wrote to the shop and to head office: where is my refund?",
        body_original=None,
        in_reply_to=None,
        references=(),
        attachments=(),
        automatic=None,
        language="en",
    )


def test_one_email_at_a_shop_and_at_head_office_is_one_message_and_blocks_nothing(
    week: Installation,
) -> None:
    at_hq = mail.ingest_email(
        w.admin(week.central.backend), the_refund_email("care@example.org")
    ).complaint_id
    at_shop = mail.ingest_email(
        w.admin(week.paris.backend),
        the_refund_email("paris@example.org"),
        mail.IngestOptions(site_code="PAR"),
    ).complaint_id
    assert at_hq is not None
    assert at_shop is not None
    week.sync()
    w.note(week.paris, "lead-par", at_shop, "Called him back.")  # behind the email, not stuck
    week.sync(week.paris)
    assert week.paris.branch is not None
    assert week.paris.branch.facts().pending == 0

    for replica in (week.central, week.paris):
        with replica.backend.uow() as uow:
            copies = uow.scalars(
                select(Message.id).where(Message.external_id == "<refund-77@bank.example.org>")
            )
            shop = uow.get(Complaint, at_shop)
        assert len(copies) == 1, replica.name
        assert shop is not None
        assert shop.linked_complaint_id == at_hq  # head office had it first
        assert shop.customer_id == w.customer_of(week.central, at_hq)  # one customer
    kinds = {c.kind for c in sync_conflicts.open_conflicts(week.central.ctx("boss"))}
    assert {"same_message", "same_customer"} <= kinds
    assert w.differences(week.central.engine, week.paris.engine) == {}


def test_clocks_two_years_off_neither_win_every_edit_nor_date_before_the_complaint(
    week: Installation,
) -> None:
    paris, lyon, central = week.paris, week.lyon, week.central
    for branch in (paris, lyon):
        assert branch.branch is not None
        facts = branch.branch.facts()
        assert facts.clock_off  # measured at branch init: the status bar says so
    assert paris.branch is not None
    assert (paris.branch.facts().clock_offset_ms or 0) < 0  # Paris is ahead

    # Edited on both sides: Paris (offline, clock ahead) hands the case to its supervisor;
    # an hour later in real time head office gives it to an agent. The later edit wins.
    complaint = w.record_complaint(paris, "clerk-par", "Card kept by the machine", "ida@x.org")
    week.sync(paris)
    w.transfer(paris, "lead-par", complaint, "lead-par")
    w.transfer(central, "boss", complaint, "hq")
    week.sync(paris)
    week.sync(paris)
    assert w.owner_of(central, complaint) == w.owner_of(paris, complaint) == "hq"
    (owner,) = [c for c in sync_conflicts.open_conflicts(central.ctx("boss")) if c.kind == "owner"]
    assert owner.kept["owner_id"] != owner.other["owner_id"]
    with central.engine.connect() as connection:  # the central clock was not dragged ahead
        newest = connection.scalar(select(func.max(text("hlc"))).select_from(text("change_log")))
    assert newest is not None
    assert (newest >> 20) / 1000 < (datetime.now(UTC) + timedelta(minutes=6)).timestamp()

    # Lyon (clock behind) resolves a complaint head office recorded for it.
    at_lyon = w.record_complaint(central, "hq", "Wrong change given", "jo@x.org", site="LYO")
    week.sync(lyon)
    w.transfer(lyon, "lead-lyo", at_lyon, "lead-lyo")
    w.start(lyon, "lead-lyo", at_lyon)
    w.resolve(lyon, "lead-lyo", at_lyon)
    week.sync(lyon)
    with central.backend.uow() as uow:
        resolved = uow.get(Complaint, at_lyon)
        assert resolved is not None
        assert resolved.resolved_at is not None
        assert resolved.resolved_at >= resolved.received_at
        assert abs(resolved.resolved_at - datetime.now(UTC)) < timedelta(minutes=10)
    assert w.differences(central.engine, lyon.engine) == {}
    assert w.differences(central.engine, paris.engine) == {}


def test_an_erasure_at_head_office_reaches_both_shops_through_the_command_line(
    week: Installation, capsys: pytest.CaptureFixture[str], cli_sign_in: Any
) -> None:
    central, paris, lyon = week.central, week.paris, week.lyon
    cli_sign_in(week.url)  # an administrator of the central server runs the commands
    in_paris = lea_writes_to_the_paris_shop(paris)
    week.sync()
    in_lyon = lea_posts_about_the_lyon_shop(central)
    week.sync()
    assert traces(raw_bytes(week.folder / "LYO"))
    assert traces(raw_bytes(week.folder / "PAR"))

    erased = command(
        "--database",
        week.url,
        "privacy",
        "erase",
        str(w.customer_of(central, in_lyon)),
        "--reason",
        "request 1182",
        capsys=capsys,
    )
    assert isinstance(erased, dict)
    assert erased["workstations_to_apply_it"] == ["LYO", "PAR"]
    week.sync(paris)
    waiting = command("--database", week.url, "privacy", "erasures", "--waiting", capsys=capsys)
    assert isinstance(waiting, list)
    assert [e["waiting"] for e in waiting] == [["LYO"]]  # Lyon has not synced since
    week.sync(lyon)
    assert command("--database", week.url, "privacy", "erasures", "--waiting", capsys=capsys) == []
    week.sync(paris)  # Lyon's receipt reaches Paris too

    for site in ("PAR", "LYO"):
        assert traces(raw_bytes(week.folder / site)) == [], site
    assert traces(central_text(central.engine)) == []
    for branch in (paris, lyon):
        with branch.engine.connect() as connection:
            stored = connection.execute(text("SELECT data FROM attachment_content")).scalars()
            assert ATTACHMENT not in list(stored)
            entries = connection.execute(text("SELECT fields FROM change_log")).scalars()
            assert not traces(" ".join(str(e) for e in entries))
        trail = audit_trail.verify_audit_trail(w.admin(branch.backend), checkpoint=False)
        assert trail.ok, trail.problems
        assert w.differences(central.engine, branch.engine) == {}
    assert w.status_of(paris, in_paris) == w.status_of(central, in_paris)


def test_a_branch_never_holds_another_sites_customers_contact_details(
    week: Installation,
) -> None:
    central, paris, lyon = week.central, week.paris, week.lyon
    w.record_complaint(lyon, "clerk-lyo", "Lyon only", "lyon.only@example.org")
    w.record_complaint(central, "hq", "HQ only", "hq.only@example.org", site="HQ")
    w.record_complaint(central, "hq", "For Lyon", "for.lyon@example.org", site="LYO")
    mine = w.record_complaint(paris, "clerk-par", "Paris", "paris.one@example.org")
    for _ in range(2):
        week.sync()
    with paris.backend.uow() as uow:
        held = set(uow.scalars(select(ContactPoint.value)))
    assert "paris.one@example.org" in held
    others = ("lyon.only@example.org", "hq.only@example.org", "for.lyon@example.org")
    assert not held & set(others)
    assert all(o.encode() not in raw_bytes(week.folder / "PAR") for o in others)
    assert w.customer_of(paris, mine)
    assert w.differences(central.engine, paris.engine) == {}
    assert w.differences(central.engine, lyon.engine) == {}


def test_two_counter_workstations_and_head_office_number_paris_complaints_at_once(
    week: Installation,
) -> None:
    second = w.make_branch(week.url, week.folder / "PAR-2", "PAR")
    assert second.name == "PAR.2"  # its own code: its own chain, its own changes
    places = [(week.paris, "clerk-par"), (second, "clerk-par"), (week.central, "hq")]
    week.sync(week.paris, second)

    def record_many(place: tuple[w.Replica, str], count: int = 25) -> list[uuid.UUID]:
        replica, login = place
        return [
            w.record_complaint(replica, login, f"Counter {n}", f"c{n}@{replica.name}.org", "PAR")
            for n in range(count)
        ]

    with ThreadPoolExecutor(max_workers=3) as pool:  # all three at the same time
        made = [c for batch in pool.map(record_many, places) for c in batch]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda b: b.branch.run_round(), (week.paris, second)))
    week.sync(week.paris, second)
    # Afterwards every place goes on numbering Paris complaints without a clash.
    made += [c for place in places for c in record_many(place, 1)]
    week.sync(week.paris, second, week.paris)

    with week.central.backend.uow() as uow:
        references = uow.scalars(select(Complaint.reference).where(Complaint.id.in_(made)))
        site = uow.scalars(select(Site.id).where(Site.code == "PAR"))[0]
        sequence = uow.scalars(select(SiteSequence.last_number).where(SiteSequence.site_id == site))
    assert len(references) == len(made) == 78
    assert len(set(references)) == 78
    numbers = [parse_reference(r) for r in references]
    assert all(n is not None and n[0] == "PAR" for n in numbers)
    assert max(sequence) >= max(n[2] for n in numbers if n and n[2] < 1_000_000)
    for workstation in (week.paris, second):
        assert w.differences(week.central.engine, workstation.engine) == {}, workstation.name
    trail = audit_trail.verify_audit_trail(w.admin(week.central.backend))
    assert {"PAR", "PAR.2"} <= {name.rsplit(".", 1)[0] for name in trail.chains}  # each its own
    assert trail.ok, trail.problems
    second.engine.dispose()
