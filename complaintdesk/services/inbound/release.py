"""Releasing a quarantined item by hand: a person attaches it to a customer or a complaint.

The channel that read the item says what it holds (:class:`ReleasedContent`: a subject, the
text, when it was sent, its files); the person says whose it is. Released to a customer, it
opens a complaint routed like any other; released to a complaint, it is a customer message on
that complaint's timeline. Either way the item records who decided, and the audit trail too.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import attachments, intake, messages, routing
from complaintdesk.services.complaints.access import complaint_for_change
from complaintdesk.services.complaints.attachments import IncomingFile
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import quarantine
from complaintdesk.services.inbound.quarantine import RELEASED
from complaintdesk.services.inbound.quarantined import QuarantineView, ReleaseTarget
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Complaint, QuarantineItem
from complaintdesk.storage.unit_of_work import UnitOfWork

ATTACHMENT_LIMIT = 10 * 1024 * 1024


@dataclass(frozen=True)
class ReleasedContent:
    """What a quarantined item holds, as its channel read it (as far as it could)."""

    channel: Channel
    subject: str
    body: str
    sent_at: datetime | None = None
    external_id: str | None = None
    """The Message-ID or post id, so the same item read again is known as stored."""
    sender: str | None = None
    files: Sequence[IncomingFile] = ()


def release(
    ctx: ServiceContext, item_id: uuid.UUID, content: ReleasedContent, target: ReleaseTarget
) -> QuarantineView:
    """Attach a waiting item to the customer or complaint a person picked, in one transaction.

    Raises:
        PermissionDenied: only supervisors and administrators review the quarantine.
        NotFound: no such item, customer or complaint.
        ValidationError: neither or both of customer and complaint given; already decided.
    """
    if (target.customer_id is None) == (target.complaint_reference is None):
        raise ValidationError("Attach the item either to a customer or to a complaint.")
    with ctx.uow(write=True) as uow:
        item = quarantine.item_for_decision(uow, ctx.actor, item_id)
        content = _unique_id(uow, content)
        if target.complaint_reference is not None:
            complaint_id, message_id = _to_complaint(uow, ctx, content, target.complaint_reference)
        else:
            assert target.customer_id is not None
            complaint_id, message_id = _to_customer(uow, ctx, item, content, target)
        _files(uow, ctx, message_id, complaint_id, content.files)
        quarantine.decide(
            uow,
            ctx.actor,
            item,
            RELEASED,
            complaint_id=complaint_id,
            message_id=message_id,
            note="attached by hand",
        )
        uow.commit()
        complaint = uow.get(Complaint, complaint_id)
        return quarantine.view_of(item, complaint.reference if complaint else None)


def _unique_id(uow: UnitOfWork, content: ReleasedContent) -> ReleasedContent:
    """Drop an external id another stored message already carries (kept in the item)."""
    if content.external_id is None:
        return content
    taken = lookups.message_by_external_id(uow, content.channel.value, content.external_id)
    if taken is None:
        return content
    return ReleasedContent(
        content.channel,
        content.subject,
        content.body,
        content.sent_at,
        None,
        content.sender,
        content.files,
    )


def _to_complaint(
    uow: UnitOfWork, ctx: ServiceContext, content: ReleasedContent, reference: str
) -> tuple[uuid.UUID, uuid.UUID]:
    found = lookups.complaint_by_reference(uow, reference.strip().upper())
    if found is None:
        raise ValidationError(f"No complaint has the reference {reference!r}.")
    complaint = complaint_for_change(uow, ctx.actor, found.id, None)
    inbound = messages.InboundMessage(
        channel=content.channel,
        body=content.body,
        subject=content.subject[:500] or None,
        sender=content.sender[:300] if content.sender else None,
        occurred_at=_sent(content.sent_at),
        external_id=content.external_id,
    )
    outcome = messages.record_inbound_in(uow, ctx.actor, complaint, inbound, datetime.now(UTC))
    return complaint.id, outcome.message_id


def _to_customer(
    uow: UnitOfWork,
    ctx: ServiceContext,
    item: QuarantineItem,
    content: ReleasedContent,
    target: ReleaseTarget,
) -> tuple[uuid.UUID, uuid.UUID]:
    subject = (target.subject or content.subject or item.source_label).strip()
    new = intake.NewComplaint(
        channel=content.channel,
        subject=subject[:300],
        description=content.body,
        customer=CustomerInput(display_name="", customer_id=target.customer_id),
        received_at=_sent(content.sent_at),
        sender=content.sender[:300] if content.sender else None,
        message_external_id=content.external_id,
        channel_detail="released from the quarantine",
        take_ownership=False,
    )
    complaint, result = intake.record_in(uow, ctx.actor, new, routing.load_rules(uow))
    assert result.message_id is not None
    return complaint.id, result.message_id


def _sent(claimed: datetime | None) -> datetime:
    now = datetime.now(UTC)
    return now if claimed is None or claimed > now else claimed


def _files(
    uow: UnitOfWork,
    ctx: ServiceContext,
    message_id: uuid.UUID,
    complaint_id: uuid.UUID,
    files: Sequence[IncomingFile],
) -> None:
    if files:
        uow.flush()  # the message row must exist before its attachments point at it
        attachments.store(uow, ctx.actor, message_id, complaint_id, files, ATTACHMENT_LIMIT)
