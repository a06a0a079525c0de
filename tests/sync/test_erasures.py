"""Erasure reaches every copy: each branch applies it at its next round and reports back.

Real central PostgreSQL, two real SQLite branches. "No trace" is checked on the raw bytes of
each branch's database files (the database, its write-ahead log, its shared memory) and on
every row of every table at the central server.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.admin import audit_trail
from complaintdesk.services.complaints import intake
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import email_message, mail
from complaintdesk.services.privacy import erasure_status, subject_rights
from complaintdesk.storage.models import ErasureReceipt
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres
ATTACHMENT = b"%PDF-1.4 statement of Lea Martin IBAN FR76 3000 6000 0112 3456 7890 189"
PERSONAL = (
    "Léa Martin",
    "lea.martin@example.org",
    "+33612345678",
    "leamartin",
    "dm-lea-4242",
    "rue Oberkampf",
    "IBAN FR76",
    "statement-lea.pdf",
    "called again from her mobile",
)
"""What must not survive the erasure anywhere (names, contacts, handle, conversation key,
free texts, attachment name and bytes, a note written offline after the erasure)."""


@pytest.fixture
def world(
    migrated_postgres_url: str, tmp_path: Path
) -> Iterator[tuple[w.Replica, w.Replica, w.Replica]]:
    central = w.open_central(migrated_postgres_url, tmp_path / "central", ["PAR", "LYO"])
    paris = w.make_branch(migrated_postgres_url, tmp_path / "PAR", "PAR")
    lyon = w.make_branch(migrated_postgres_url, tmp_path / "LYO", "LYO")
    yield central, paris, lyon
    for replica in (central, paris, lyon):
        replica.engine.dispose()


def lea_writes_to_the_paris_shop(paris: w.Replica) -> uuid.UUID:
    email = mail.InboundEmail(
        message_id=f"<{uuid.uuid4()}@example.org>",
        subject="Prélèvement en double — Léa Martin",
        sender="Lea.Martin@example.org",
        sender_name="Léa Martin",
        recipients="paris@example.org",
        received_at=None,
        body_text="Bonjour, j'habite 12 rue Oberkampf 75011 Paris. Relevé joint.",
        body_original=None,
        in_reply_to=None,
        references=(),
        attachments=(
            email_message.IncomingAttachment("statement-lea.pdf", "application/pdf", ATTACHMENT),
        ),
        automatic=None,
        language="fr",
    )
    outcome = mail.ingest_email(w.admin(paris.backend), email, mail.IngestOptions(site_code="PAR"))
    assert outcome.complaint_id is not None
    return outcome.complaint_id


def lea_posts_about_the_lyon_shop(central: w.Replica) -> uuid.UUID:
    new = intake.NewComplaint(
        channel=Channel.SOCIAL,
        subject="Lyon shop closed early",
        description="Léa Martin: came at 18:00, door shut.",
        customer=CustomerInput(
            "Léa Martin",
            [
                (ContactKind.SOCIAL, "x:@LeaMartin"),
                (ContactKind.PHONE, "+33 6 12 34 56 78"),
                (ContactKind.EMAIL, "lea.martin@example.org"),
            ],
        ),
        site_code="LYO",
        sender="@leamartin",
        conversation="x:dm-lea-4242",
    )
    return intake.record_complaint(central.ctx("boss"), new).complaint_id


def raw_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("complaintdesk.db*")))


def central_text(engine: Engine) -> str:
    """Every value of every table at the central server, as text."""
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        parts = [
            str(row)
            for table in tables
            for row in connection.execute(text(f'SELECT * FROM "{table}"'))
        ]
    return "\n".join(parts)


def traces(haystack: str | bytes) -> list[str]:
    found = []
    for needle in (*PERSONAL, ATTACHMENT.decode()):
        wanted = needle if isinstance(haystack, str) else needle.encode("utf-8")
        if wanted in haystack or (isinstance(haystack, str) and needle.lower() in haystack.lower()):
            found.append(needle)
    return found


def test_an_erasure_at_head_office_reaches_both_branches_and_leaves_no_trace(
    world: tuple[w.Replica, w.Replica, w.Replica], tmp_path: Path
) -> None:
    central, paris, lyon = world
    in_paris = lea_writes_to_the_paris_shop(paris)
    w.take(paris, "lead-par", in_paris)
    for branch in (paris, lyon):
        assert branch.branch is not None
        branch.branch.run_round()
    in_lyon = lea_posts_about_the_lyon_shop(central)
    for branch in (paris, lyon):
        assert branch.branch is not None
        branch.branch.run_round()
    assert traces(raw_bytes(tmp_path / "LYO"))  # Lyon holds her now: the test can fail
    customer = w.customer_of(central, in_lyon)
    assert w.customer_of(central, in_paris) == customer  # one person, merged by sync

    summary = subject_rights.erase_customer(w.admin(central.backend), customer, "request 77")
    assert summary.complaints == 2
    (state,) = erasure_status.erasure_states(w.admin(central.backend))
    assert state.waiting == ("LYO", "PAR")
    # Paris is offline and writes about her once more before it hears of the erasure.
    w.note(paris, "lead-par", in_paris, "Léa Martin called again from her mobile")

    assert paris.branch is not None
    assert lyon.branch is not None
    paris.branch.run_round()
    (state,) = erasure_status.erasure_states(w.admin(central.backend))
    assert state.waiting == ("LYO",)  # central shows who has not applied it yet
    lyon.branch.run_round()
    paris.branch.run_round()
    (state,) = erasure_status.erasure_states(w.admin(central.backend))
    assert state.waiting == ()
    assert state.applied == ("LYO", "PAR")

    for site in ("PAR", "LYO"):
        assert traces(raw_bytes(tmp_path / site)) == [], site
    assert traces(central_text(central.engine)) == []
    for branch in (paris, lyon):
        assert w.differences(central.engine, branch.engine) == {}, branch.name
        trail = audit_trail.verify_audit_trail(w.admin(branch.backend))
        assert trail.ok, (branch.name, trail.problems)
    trail = audit_trail.verify_audit_trail(w.admin(central.backend))
    assert trail.ok, trail.problems
    # The statistics stay: both complaints are still there, on their sites.
    assert w.status_of(paris, in_paris) == w.status_of(central, in_paris)
    with lyon.backend.uow() as uow:
        assert len(uow.scalars(text("SELECT id FROM complaint"))) == 1
        assert uow.scalars(text("SELECT count(*) FROM erasure_receipt"))[0] == 2


def test_a_branch_refuses_to_erase_and_says_where_to(
    world: tuple[w.Replica, w.Replica, w.Replica],
) -> None:
    _central, paris, _lyon = world
    complaint = w.record_complaint(paris, "clerk-par", "Counter", "zoe@example.org")
    customer = w.customer_of(paris, complaint)
    with pytest.raises(Exception, match="central server"):
        subject_rights.erase_customer(w.admin(paris.backend), customer, "asked")
    with paris.backend.uow() as uow:
        assert uow.scalars(text("SELECT count(*) FROM erasure_request"))[0] == 0
        assert not uow.scalars(text("SELECT id FROM erasure_receipt"))
    assert ErasureReceipt.__tablename__ == "erasure_receipt"
