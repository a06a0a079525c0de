"""Customer commitments remind themselves, on both databases; deliveries; overdue pauses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.vocabulary import ContactKind, Status
from complaintdesk.services.complaints import commitments, detail, followups, intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import calls, mail
from complaintdesk.storage.models import Complaint, CustomerCommitment, Message, Notification
from tests.support.followup_world import CUSTOMER, Handled, ask, handled
from tests.support.mail_factory import make_email


def _outgoing(backend: Backend, complaint_id: object) -> list[Message]:
    with backend.uow() as uow:
        found: list[Message] = uow.scalars(
            select(Message)
            .where(Message.complaint_id == complaint_id, Message.direction == "outbound")
            .order_by(Message.recorded_at)
        )
        return found


def _notified(backend: Backend, world: Handled) -> list[str]:
    with backend.uow() as uow:
        return uow.scalars(
            select(Notification.kind).where(Notification.user_id == world.ann.actor.user_id)
        )


def test_a_reminder_leaves_before_the_due_date_and_on_it_in_the_customers_language(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    world = handled(backend, admin_ctx)
    due = datetime.now(UTC) + timedelta(days=5)
    commitment_id = ask(world, "Envoyer le relevé bancaire de mars", due)
    with backend.uow() as uow:
        complaint = uow.get(Complaint, world.complaint_id)
        assert complaint is not None
        assert complaint.status == Status.WAITING_ON_CUSTOMER.value

    before = followups.run(admin_ctx, due - timedelta(days=2) + timedelta(minutes=1))
    again = followups.run(admin_ctx, due - timedelta(days=2) + timedelta(minutes=2))
    on_the_day = followups.run(admin_ctx, due - timedelta(hours=2))

    assert (before.reminders, again.reminders, on_the_day.reminders) == (1, 0, 1)
    first, second = _outgoing(backend, world.complaint_id)[-2:]
    assert first.subject == f"[{world.reference}] Rappel : nous attendons un élément de votre part"
    assert "Envoyer le relevé bancaire de mars" in first.body_text
    assert first.recipient == "lea.martin@exemple.fr"
    assert first.in_reply_to == world.first_message_id, "threaded on her email"
    assert "L'échéance est toute proche" in second.body_text
    assert "L'échéance est toute proche" not in first.body_text
    shown = detail.get_detail(world.ann, world.complaint_id)
    assert [c.reminders_sent for c in shown.commitments] == [2]
    assert [e.action for e in shown.events].count("commitment_reminder_sent") == 2
    with backend.uow() as uow:
        commitment = uow.get(CustomerCommitment, commitment_id)
        assert commitment is not None
        assert commitment.next_reminder_at is None


def test_a_reply_with_an_attachment_proposes_the_commitment_fulfilled(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    world = handled(backend, admin_ctx)
    commitment_id = ask(world, "Envoyer la facture", datetime.now(UTC) + timedelta(days=3))
    reply = make_email(
        f"Re: [{world.reference}] Facture",
        "Voici la facture.",
        sender=CUSTOMER,
        attachments=(("facture-mars.pdf", "application/pdf", b"%PDF-1.4 facture"),),
    )

    mail.ingest_email(admin_ctx, parse(reply))

    with backend.uow() as uow:
        commitment = uow.get(CustomerCommitment, commitment_id)
        assert commitment is not None
        assert commitment.proposed_at is not None
        assert commitment.state == "open", "proposed, never settled on its own"
    assert "commitment_delivered" in _notified(backend, world)
    commitments.fulfil(world.ann, commitment_id)
    assert detail.get_detail(world.ann, world.complaint_id).status is Status.IN_PROGRESS


def test_an_overdue_commitment_ends_the_pause_and_tells_the_owner(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    world = handled(backend, admin_ctx)
    due = datetime.now(UTC) + timedelta(minutes=30)
    ask(world, "Donner l'accès au compte", due)

    done = followups.run(admin_ctx, due + timedelta(hours=1))

    assert (done.overdue, done.pauses_ended) == (1, 1)
    with backend.uow() as uow:
        complaint = uow.get(Complaint, world.complaint_id)
        assert complaint is not None
        assert complaint.status == Status.IN_PROGRESS.value
        assert complaint.paused_since is None
    assert "commitment_overdue" in _notified(backend, world)
    assert followups.run(admin_ctx, due + timedelta(hours=2)).overdue == 0


def test_a_caller_without_email_is_reminded_by_the_owner(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    world = handled(backend, admin_ctx)
    caller = intake.record_complaint(
        world.ann,
        intake.NewComplaint(
            channel=intake.Channel.PHONE,
            subject="Carte bloquée",
            description="Appel : carte bloquée.",
            customer=CustomerInput("Paul Durand", [(ContactKind.PHONE, "06 99 88 77 66")]),
        ),
    )
    from complaintdesk.services.complaints import lifecycle
    from tests.support.followup_world import version

    lifecycle.change_status(
        world.ann, caller.complaint_id, Status.IN_PROGRESS, version(world.ann, caller.complaint_id)
    )
    due = datetime.now(UTC) + timedelta(days=4)
    commitments.add(
        world.ann,
        caller.complaint_id,
        "Dire s'il garde la carte",
        due,
        version(world.ann, caller.complaint_id),
    )

    done = followups.run(admin_ctx, due - timedelta(days=1))

    assert (done.reminders, done.reminded_by_owner) == (0, 1)
    assert "remind_customer" in _notified(backend, world)
    call = calls.CallNotes(calls.Direction.INBOUND, "Il garde la carte.", "06 99 88 77 66")
    calls.log_call(world.ann, caller.complaint_id, call)
    [shown] = detail.get_detail(world.ann, caller.complaint_id).commitments
    assert shown.proposed_at is not None, "a call may be what was awaited"
