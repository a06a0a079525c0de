"""Store first, on both databases: what is optional waits with its reason, never refuses mail.

A template that does not render, a routing rule that cannot be applied: the customer's
message and its complaint are stored all the same, the follow-up waits where a person sees it
(the outbox, the routing decision), and administrators are told once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.routing import FAILED, Reason
from complaintdesk.services.complaints import notifications
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import mail
from complaintdesk.services.inbound.storing import Handling
from complaintdesk.services.outbound import delivery, mailboxes, outbox
from complaintdesk.storage.models import (
    Complaint,
    Message,
    Notification,
    RoutingDecision,
    RoutingRule,
    Template,
)
from complaintdesk.storage.secrets import Secrets
from tests.support.intake_world import BROKEN_TEMPLATE, administrator, set_template
from tests.support.mail_factory import make_email

BROKEN = BROKEN_TEMPLATE


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


class _Nowhere:
    """A transport that must not be used: held emails are never sent."""

    def send(self, email: delivery.OutgoingEmail) -> None:
        raise AssertionError(f"{email.subject} was sent while held")


def test_a_template_that_does_not_render_holds_the_acknowledgement_and_keeps_the_complaint(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    admin = administrator(admin_ctx)
    set_template(backend, BROKEN)

    outcomes = [
        mail.ingest_email(admin_ctx, parse(make_email(f"Problem {n}", sender=f"c{n}@example.com")))
        for n in range(3)
    ]

    assert [o.handling for o in outcomes] == [Handling.OPENED] * 3
    assert _count(backend, Complaint) == 3
    held = outbox.list_outbox(admin_ctx)
    assert [h.state for h in held] == ["held"] * 3
    assert all("owner_name" in (h.error or "") for h in held)
    told = notifications.unread(admin)
    assert [n.kind for n in told] == ["acknowledgement_held"], "told once, not once a message"
    assert "owner_name" in told[0].text


def test_once_the_template_is_fixed_the_next_send_writes_and_sends_the_held_ones(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    _sending_mailbox(admin_ctx, backend)
    set_template(backend, BROKEN)
    mail.ingest_email(admin_ctx, parse(make_email()))
    still = delivery.send_queued(admin_ctx, _connect(_Nowhere()))
    set_template(backend, "Dear {{ customer_name }}, we received {{ reference }}.")
    sent: list[delivery.OutgoingEmail] = []

    fixed = delivery.send_queued(admin_ctx, _connect(_Collect(sent)))
    again = delivery.send_queued(admin_ctx, _connect(_Collect(sent)))

    assert (still.written, still.held, still.sent) == (0, 1, 0)
    assert (fixed.written, fixed.held, fixed.sent) == (1, 0, 1)
    assert (again.written, again.sent) == (0, 0)
    [email] = sent
    assert email.body.startswith("Dear Jane Customer, we received HQ-")
    assert _count(backend, Complaint, Complaint.acknowledged_at.is_not(None)) == 1


def _sending_mailbox(ctx: ServiceContext, backend: Backend) -> None:
    spec = mailboxes.MailboxSpec(
        "desk", "imap.example.org", 993, "desk", smtp_host="smtp.example.org", from_address=FROM
    )
    mailboxes.add_mailbox(ctx, spec, "pw", Secrets(backend.settings.data_dir, use_keyring=False))


FROM = "desk@example.org"


class _Collect:
    def __init__(self, into: list[delivery.OutgoingEmail]) -> None:
        self.into = into

    def send(self, email: delivery.OutgoingEmail) -> None:
        self.into.append(email)


def _connect(transport: Any) -> delivery.Connect:
    from contextlib import contextmanager

    @contextmanager
    def connect(_settings: Any) -> Any:
        yield transport

    return connect


def test_a_routing_rule_that_cannot_be_applied_leaves_the_complaint_stored_and_unrouted(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    admin = administrator(admin_ctx)
    with backend.uow(write=True) as uow:
        uow.add(
            RoutingRule(
                position=1,
                name="Broken pattern",
                conditions={"patterns": ["(unclosed"]},
                priority=1,
                active=True,
                is_default=False,
                assignment="none",
            )
        )
        uow.commit()

    outcome = mail.ingest_email(admin_ctx, parse(make_email()))

    assert outcome.handling is Handling.OPENED
    with backend.uow() as uow:
        [decision] = uow.scalars(select(RoutingDecision))
        complaint = uow.get(Complaint, outcome.complaint_id)
        assert complaint is not None
        assert (complaint.owner_id, complaint.team_queue) == (None, None)
    assert "Broken pattern" in decision.explanation
    assert "by hand" in decision.explanation
    reason = Reason.from_mapping(decision.reason)
    assert reason.kind == FAILED, "the workspace says a person routes it, not that no rule exists"
    assert "Broken pattern" in (reason.failure or "")
    assert [n.kind for n in notifications.unread(admin)] == ["routing_failed"]


def test_a_notice_read_lets_the_next_failure_be_told_again(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    admin = administrator(admin_ctx)
    set_template(backend, BROKEN)
    mail.ingest_email(admin_ctx, parse(make_email("First")))
    notifications.mark_read(admin, [n.id for n in notifications.unread(admin)])

    mail.ingest_email(admin_ctx, parse(make_email("Second")))

    assert _count(backend, Notification, Notification.kind == "acknowledgement_held") == 2
    assert _count(backend, Message, Message.delivery_state == "held") == 2


def test_an_acknowledgement_held_stays_held_while_the_template_is_broken(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    set_template(backend, BROKEN)
    mail.ingest_email(admin_ctx, parse(make_email()))
    with backend.engine.begin() as connection:  # an administrator breaks it differently
        connection.execute(update(Template).values(body="{{ reference }"))

    result = outbox.write_held(admin_ctx)

    assert (result.written, result.held) == (0, 1)
    [waiting] = outbox.list_outbox(admin_ctx)
    assert waiting.state == "held"
    assert "template" in (waiting.error or "").lower()
