"""Records that name the same real thing merge on arrival; what cannot apply is set aside.

Real central PostgreSQL, real SQLite branches, everything made through the services.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import users
from complaintdesk.services.inbound import email_message, mail
from complaintdesk.services.replicas import sync_conflicts
from complaintdesk.storage.models import Attachment, Complaint, Customer, Message, User
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres
MESSAGE_ID = "<refund-4411@mail.example.org>"


@pytest.fixture
def central(migrated_postgres_url: str, tmp_path: Path) -> Iterator[w.Replica]:
    replica = w.open_central(migrated_postgres_url, tmp_path / "central", ["PAR"])
    yield replica
    replica.engine.dispose()


@pytest.fixture
def paris(central: w.Replica, migrated_postgres_url: str, tmp_path: Path) -> Iterator[w.Replica]:
    replica = w.make_branch(migrated_postgres_url, tmp_path / "PAR", "PAR")
    yield replica
    replica.engine.dispose()


def email(body: str = "My refund never came. Order 4411.") -> mail.InboundEmail:
    return mail.InboundEmail(
        message_id=MESSAGE_ID,
        subject="Refund for order 4411",
        sender="nora.blanc@example.org",
        sender_name="Nora Blanc",
        recipients="care@example.org",
        received_at=None,
        body_text=body,
        body_original=None,
        in_reply_to=None,
        references=(),
        attachments=(
            email_message.IncomingAttachment("receipt.pdf", "application/pdf", b"%PDF receipt"),
        ),
        automatic=None,
        language="en",
    )


def ingest(replica: w.Replica, site: str) -> uuid.UUID:
    outcome = mail.ingest_email(
        w.admin(replica.backend), email(), mail.IngestOptions(site_code=site)
    )
    assert outcome.complaint_id is not None
    return outcome.complaint_id


def messages_with_the_id(replica: w.Replica) -> list[uuid.UUID]:
    with replica.backend.uow() as uow:
        return uow.scalars(select(Message.id).where(Message.external_id == MESSAGE_ID))


def linked(replica: w.Replica, complaint_id: uuid.UUID) -> uuid.UUID | None:
    with replica.backend.uow() as uow:
        found = uow.get(Complaint, complaint_id)
        assert found is not None
        return found.linked_complaint_id


def sync(replica: w.Replica) -> int:
    assert replica.branch is not None
    return replica.branch.run_round().conflicts


@pytest.mark.parametrize("first", ["central", "branch"])
def test_one_email_fetched_at_a_branch_and_at_head_office_is_kept_once_everywhere(
    central: w.Replica, paris: w.Replica, first: str
) -> None:
    if first == "central":
        at_hq = ingest(central, "HQ")
        at_shop = ingest(paris, "PAR")
    else:
        at_shop = ingest(paris, "PAR")
        at_hq = ingest(central, "HQ")
    raised = sync(paris)
    # A later, unrelated change at the shop goes through: nothing is stuck behind the email.
    note = w.note(paris, "lead-par", at_shop, "Customer called: also wrote to head office.")
    assert paris.branch is not None
    assert paris.branch.run_round().pending == 0
    sync(paris)

    kept_hq, kept_shop = messages_with_the_id(central), messages_with_the_id(paris)
    assert len(kept_hq) == len(kept_shop) == 1
    assert kept_hq == kept_shop
    with central.backend.uow() as uow:
        assert uow.get(Message, note) is not None
        kept = uow.get(Message, kept_hq[0])
        assert kept is not None
        winner = kept.complaint_id
        attachments = uow.execute(
            select(func.count()).select_from(Attachment).where(Attachment.message_id == kept_hq[0])
        ).scalar_one()
    assert attachments == 2  # the kept message has both copies' attachment rows
    assert winner == (at_hq if first == "central" else at_shop)
    loser = at_shop if winner == at_hq else at_hq
    assert linked(central, loser) == winner  # both complaints kept, linked
    assert linked(paris, loser) == winner
    assert w.differences(central.engine, paris.engine) == {}

    shown = {c.kind: c for c in sync_conflicts.open_conflicts(central.ctx("boss"))}
    assert raised >= 2
    assert {"same_message", "same_customer"} <= set(shown)
    assert "My refund never came" in shown["same_message"].kept["message_id"]
    # One customer: the one recorded offline was merged into the one head office knew.
    with central.backend.uow() as uow:
        people = uow.scalars(select(Customer).where(Customer.merged_into_id.is_(None)))
    assert [p.display_name for p in people if "Nora" in p.display_name] == ["Nora Blanc"]


def test_a_supervisor_undoes_a_merge_sync_made_and_it_reaches_the_branch(
    central: w.Replica, paris: w.Replica
) -> None:
    w.record_complaint(central, "hq", "Card blocked", "sam@example.org", site="HQ")
    mine = w.record_complaint(paris, "clerk-par", "Card blocked again", "sam@example.org")
    sync(paris)
    assert w.customer_of(central, mine) == w.customer_of(paris, mine)
    (merge,) = [
        c for c in sync_conflicts.open_conflicts(central.ctx("boss")) if c.kind == "same_customer"
    ]
    sync_conflicts.settle(central.ctx("boss"), merge.id, keep_other=True)
    sync(paris)
    shop_customer = w.customer_of(paris, mine)
    with central.backend.uow() as uow:
        found = uow.get(Customer, shop_customer)
        assert found is not None
        assert found.merged_into_id is None  # apart again
    assert w.differences(central.engine, paris.engine) == {}
    assert sync_conflicts.open_conflicts(central.ctx("boss")) == ()


def test_a_change_that_cannot_apply_is_set_aside_and_the_rest_goes_through(
    central: w.Replica, paris: w.Replica
) -> None:
    # The same login chosen at head office and, offline, at the shop.
    users.add_user(w.admin(central.backend), "marie", w.PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(w.admin(paris.backend), "marie", w.PASSWORD, role=Role.AGENT, site_code="PAR")
    complaint = w.record_complaint(paris, "clerk-par", "After the clash", "tom@example.org")
    assert paris.branch is not None
    summary = paris.branch.run_round()
    assert summary.pending == 0  # nothing stuck
    with central.backend.uow() as uow:
        assert uow.get(Complaint, complaint) is not None  # the entries behind it went in
        logins = uow.scalars(select(User.login).where(User.login == "marie"))
    assert logins == ["marie"]
    aside = [c for c in sync_conflicts.open_conflicts(central.ctx("boss")) if c.kind == "set_aside"]
    assert len(aside) == 1
    assert aside[0].reason == "unique:login"
    assert aside[0].other["login"] == "marie"
    # On the branch, head office's "marie" cannot go in either: set aside there, retried.
    facts = paris.branch.facts()
    assert facts.set_aside == 1
    here = sync_conflicts.open_conflicts(paris.ctx("lead-par"))
    assert {c.kind for c in here} >= {"set_aside_here"}
    again = paris.branch.run_round()
    assert again.pending == 0
    assert paris.branch.facts().set_aside == 1  # still clashing, still listed, never blocking
