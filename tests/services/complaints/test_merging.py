"""One case whatever the channel, on both databases: merge, forward, undo exactly, link."""

from __future__ import annotations

import io
import json
import sys
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Role, Status
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import detail, links, merging, ownership
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import linking
from complaintdesk.services.inbound import mail
from complaintdesk.services.insight import search
from complaintdesk.storage.models import AuditEvent, Complaint, Message, Notification
from tests.support.mail_factory import make_email
from tests.support.omnichannel import EMAIL, Lea, lea_everywhere

PASSWORD = "correct horse"
FIELDS = ("customer_id", "status", "is_open", "owner_id", "received_at", "priority", "version")


@pytest.fixture
def lea(admin_ctx: ServiceContext) -> Lea:
    return lea_everywhere(admin_ctx)


def _person(backend: Backend, admin_ctx: ServiceContext, login: str, role: Role) -> ServiceContext:
    users.add_user(admin_ctx, login, PASSWORD, role=role, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, login, PASSWORD))


@pytest.fixture
def ann(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    return _person(backend, admin_ctx, "ann", Role.AGENT)


def _snapshot(backend: Backend) -> dict[str, Any]:
    with backend.uow() as uow:
        complaints = {
            c.id: {f: getattr(c, f) for f in FIELDS if f != "version"}
            for c in uow.scalars(select(Complaint))
        }
        messages = dict(uow.execute(select(Message.id, Message.complaint_id)).all())
        return {"complaints": complaints, "messages": messages}


def _one_customer(lea: Lea, ann: ServiceContext) -> None:
    """The agent links the email's sender to the caller: one customer, two complaints."""
    linking.link_sender(ann, lea.email.complaint_id, lea.phone.customer_id)


def _take(ctx: ServiceContext, complaint_id: uuid.UUID) -> None:
    with ctx.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        version = complaint.version
    ownership.take(ctx, complaint_id, version)


def test_complaints_of_two_customers_are_not_merged(lea: Lea, ann: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="merge the customers first"):
        merging.merge(ann, lea.phone.complaint_id, lea.email.complaint_id)


def test_a_merge_makes_one_case_and_the_old_reference_forwards(
    lea: Lea, backend: Backend, ann: ServiceContext, admin_ctx: ServiceContext
) -> None:
    _one_customer(lea, ann)
    _take(ann, lea.phone.complaint_id)
    with backend.uow(write=True) as uow:  # the email came in first: its receipt counts
        email = uow.get(Complaint, lea.email.complaint_id)
        phone = uow.get(Complaint, lea.phone.complaint_id)
        assert email is not None
        assert phone is not None
        email.received_at = phone.received_at - timedelta(days=3)
        uow.commit()
        earliest = email.received_at

    done = merging.merge(ann, lea.phone.complaint_id, lea.email.complaint_id, "same refund")

    assert (done.kept_reference, done.merged_reference) == (
        lea.phone.reference,
        lea.email.reference,
    )
    with backend.uow() as uow:
        kept = uow.get(Complaint, lea.phone.complaint_id)
        gone = uow.get(Complaint, lea.email.complaint_id)
        assert kept is not None
        assert gone is not None
        assert kept.received_at == earliest
        assert kept.owner_id == ann.actor.user_id
        assert (gone.status, gone.is_open) == (Status.MERGED.value, False)
        channels = set(uow.scalars(select(Message.channel).where(Message.complaint_id == kept.id)))
        assert channels == {"phone", "email"}
        actions = {
            (e.complaint_id, e.action)
            for e in uow.scalars(
                select(AuditEvent).where(AuditEvent.action.in_(("took_in", "merged_into")))
            )
        }
        assert actions == {(kept.id, "took_in"), (gone.id, "merged_into")}
    opened = detail.get_detail(ann, lea.email.complaint_id)
    assert (opened.id, opened.opened_as) == (lea.phone.complaint_id, lea.email.reference)
    [found] = search.search(ann, lea.email.reference)
    assert found.reference == lea.phone.reference
    reply = parse(
        make_email(
            f"Re: [{lea.email.reference}] Commande 4411",
            "Toujours rien reçu.",
            sender=EMAIL,
            in_reply_to=lea.email.message_id,
        )
    )
    landed = mail.ingest_email(admin_ctx, reply)
    assert landed.complaint_id == lea.phone.complaint_id


def test_undoing_a_merge_restores_exactly_what_was_there(
    lea: Lea, backend: Backend, ann: ServiceContext
) -> None:
    _one_customer(lea, ann)
    before = _snapshot(backend)
    done = merging.merge(ann, lea.phone.complaint_id, lea.email.complaint_id)

    merging.undo(ann, done.merge_id)

    assert _snapshot(backend) == before
    with pytest.raises(ValidationError, match="already undone"):
        merging.undo(ann, done.merge_id)
    with backend.uow() as uow:
        undone = uow.scalars(
            select(AuditEvent.complaint_id).where(AuditEvent.action == "merged_into_undone")
        )
        assert undone == [lea.email.complaint_id]


def test_someone_elses_complaint_is_merged_by_its_owner_or_a_supervisor(
    lea: Lea, backend: Backend, admin_ctx: ServiceContext, ann: ServiceContext
) -> None:
    _one_customer(lea, ann)
    carl = _person(backend, admin_ctx, "carl", Role.AGENT)
    _take(carl, lea.email.complaint_id)
    _take(ann, lea.phone.complaint_id)

    with pytest.raises(PermissionDenied, match="someone else's"):
        merging.merge(ann, lea.phone.complaint_id, lea.email.complaint_id)
    sue = _person(backend, admin_ctx, "sue", Role.SUPERVISOR)
    merging.merge(sue, lea.phone.complaint_id, lea.email.complaint_id)
    with backend.uow() as uow:
        told = uow.scalars(
            select(Notification.kind).where(Notification.user_id == carl.actor.user_id)
        )
        assert "complaint_merged" in told


def test_a_resolved_complaint_does_not_swallow_an_open_one(
    lea: Lea, backend: Backend, ann: ServiceContext
) -> None:
    _one_customer(lea, ann)
    with backend.uow(write=True) as uow:
        phone = uow.get(Complaint, lea.phone.complaint_id)
        assert phone is not None
        phone.status, phone.is_open = Status.RESOLVED.value, False
        uow.commit()

    with pytest.raises(ValidationError, match="keep the open one"):
        merging.merge(ann, lea.phone.complaint_id, lea.email.complaint_id)


def test_the_workspace_proposes_the_lookalike_until_merged_or_linked(
    lea: Lea, ann: ServiceContext
) -> None:
    _one_customer(lea, ann)

    seen = links.overview(ann, lea.phone.complaint_id)
    assert [p.reference for p in seen.proposed] == [lea.email.reference]

    link_id = links.link(ann, lea.phone.complaint_id, lea.email.complaint_id, "two orders")
    linked = links.overview(ann, lea.phone.complaint_id)
    assert linked.proposed == ()
    assert [(o.reference, o.link_id) for o in linked.linked] == [(lea.email.reference, link_id)]
    assert [o.reference for o in links.overview(ann, lea.email.complaint_id).linked] == [
        lea.phone.reference
    ]
    links.unlink(ann, link_id)
    assert links.overview(ann, lea.phone.complaint_id).linked == ()


def test_intake_proposes_a_merge_when_a_new_message_resembles_an_open_complaint(
    lea: Lea, backend: Backend, ann: ServiceContext, admin_ctx: ServiceContext
) -> None:
    _one_customer(lea, ann)  # her address is now the caller's
    _take(ann, lea.phone.complaint_id)

    again = mail.ingest_email(
        admin_ctx,
        parse(
            make_email(
                "Remboursement commande 4411",
                "Je n'ai jamais reçu le remboursement de la commande 4411 annulée.",
                sender=EMAIL,
            )
        ),
    )

    with backend.uow() as uow:
        [proposed] = uow.scalars(
            select(AuditEvent).where(
                AuditEvent.complaint_id == again.complaint_id, AuditEvent.action == "merge_proposed"
            )
        )
        assert lea.phone.reference in str(proposed.after)


def test_the_command_line_merges_by_reference_undoes_and_runs_follow_ups(
    lea: Lea,
    ann: ServiceContext,
    database_url: str,
    backend: Backend,
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    _one_customer(lea, ann)
    cli_sign_in(database_url)  # a supervisor's acts, run by an administrator

    def run(*args: str) -> dict[str, Any]:
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert cli.run([*args, "--database", database_url, "--json"]) == 0
        result: dict[str, Any] = json.loads(out.getvalue())
        return result

    merged = run("complaint", "merge", lea.phone.reference, lea.email.reference.lower())
    assert (merged["kept"], merged["merged"]) == (lea.phone.reference, lea.email.reference)
    undone = run("complaint", "undo-merge", merged["merge"])
    assert undone["separate_again"] == lea.email.reference
    followed = run("followups", "--at", "2030-01-01T09:00:00+01:00")
    assert followed["failures"] == []
