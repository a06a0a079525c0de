"""A complaint taken in by email and handled by an agent, for the follow-up tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Outcome, Role, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import commitments, lifecycle, ownership
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import mail
from complaintdesk.storage.models import Complaint
from tests.support.mail_factory import make_email

PASSWORD = "correct horse"
CUSTOMER = "Léa Martin <lea.martin@exemple.fr>"


@dataclass(frozen=True)
class Handled:
    """An email complaint owned by Ann, in progress."""

    ann: ServiceContext
    complaint_id: uuid.UUID
    reference: str
    first_message_id: str


def version(ctx: ServiceContext, complaint_id: uuid.UUID) -> int:
    with ctx.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.version


def handled(
    backend: Backend, admin_ctx: ServiceContext, body: str = "Bonjour, facture en double."
) -> Handled:
    """Léa writes in French; Ann takes the complaint and starts work on it."""
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    ann = ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))
    organisation.add_root_cause(admin_ctx, "process", "Process failure", None)
    email = parse(make_email("Facture payée deux fois", body, sender=CUSTOMER))
    taken = mail.ingest_email(admin_ctx, email)
    assert taken.complaint_id is not None
    assert taken.reference is not None
    ownership.take(ann, taken.complaint_id, version(ann, taken.complaint_id))
    lifecycle.change_status(
        ann, taken.complaint_id, Status.IN_PROGRESS, version(ann, taken.complaint_id)
    )
    return Handled(ann, taken.complaint_id, taken.reference, email.message_id)


def ask(world: Handled, what: str, due_at: datetime) -> uuid.UUID:
    """Ann records what Léa must provide; the complaint waits on her."""
    return commitments.add(
        world.ann, world.complaint_id, what, due_at, version(world.ann, world.complaint_id)
    )


def resolve(world: Handled) -> None:
    resolution = Resolution(Outcome.UPHELD, "Refunded the second debit.", "process")
    lifecycle.resolve(
        world.ann, world.complaint_id, resolution, version(world.ann, world.complaint_id)
    )
