"""One person on four channels, taken in through the real channel code paths.

Léa Martin calls from her mobile (phone intake), emails from ``lea@…`` (the email channel's
parser and intake), tweets as ``@leamartin`` (an X Account Activity payload) and writes on
Facebook (a Messenger ``message_N.json`` export). Nothing tells the desk these are one
person: four customer records, four complaints.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select

from complaintdesk.channels import social as social_channel
from complaintdesk.channels.email.parsing import parse
from complaintdesk.channels.social.files import messenger_export
from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import mail
from complaintdesk.storage.models import Complaint
from tests.support.mail_factory import make_email

MOBILE = "+33612345678"
EMAIL = "lea@exemple.fr"
REFUND = "Remboursement de la commande 4411 jamais reçu"


@dataclass(frozen=True)
class Record:
    """One of the four: the complaint it opened and the customer record it made."""

    channel: str
    complaint_id: uuid.UUID
    customer_id: uuid.UUID
    reference: str
    message_id: str | None = None
    """The email's Message-ID, for the email record."""


@dataclass(frozen=True)
class Lea:
    phone: Record
    email: Record
    x: Record
    facebook: Record

    @property
    def records(self) -> tuple[Record, ...]:
        return (self.phone, self.email, self.x, self.facebook)


def x_payload(
    tweet_id: str = "1500", text: str | None = None, reply_to: str | None = None
) -> dict[str, object]:
    """An X Account Activity event: Léa's public tweet to our account 99."""
    tweet: dict[str, object] = {
        "id_str": tweet_id,
        "created_at": "Mon Dec 01 09:30:00 +0000 2025",
        "full_text": text or "@acme toujours pas remboursée pour la commande 4411, 3 semaines déjà",
        "user": {"id_str": "4242", "screen_name": "leamartin", "name": "Léa Martin"},
    }
    if reply_to:
        tweet["in_reply_to_status_id_str"] = reply_to
    return {"for_user_id": "99", "tweet_create_events": [tweet]}


def facebook_export() -> dict[str, object]:
    """A Messenger conversation export: Léa writes to our page."""
    return {
        "participants": [{"name": "Léa Martin"}, {"name": "Acme"}],
        "thread_path": "inbox/leamartin_77",
        "messages": [
            {
                "sender_name": "Léa Martin",
                "timestamp_ms": 1764582000000,
                "content": "Bonjour, la commande 4411 devait être remboursée, rien reçu.",
            }
        ],
    }


def _record(ctx: ServiceContext, channel: str, complaint_id: uuid.UUID | None) -> Record:
    assert complaint_id is not None
    with ctx.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return Record(channel, complaint.id, complaint.customer_id, complaint.reference)


def lea_everywhere(ctx: ServiceContext) -> Lea:
    """Take Léa in on the four channels; return her four records."""
    called = intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject=REFUND,
            description="Appel : la commande 4411 a été annulée, le remboursement n'est "
            "jamais arrivé.",
            customer=CustomerInput("Léa Martin", [(ContactKind.PHONE, "06 12 34 56 78")]),
            take_ownership=False,
        ),
    )
    raw = make_email(
        "Commande 4411 : remboursement",
        "Bonjour, j'attends toujours le remboursement de la commande 4411. Léa",
        sender=f"Léa Martin <{EMAIL}>",
    )
    email = parse(raw)
    emailed = mail.ingest_email(ctx, email)
    tweeted = social_channel.ingest_items(ctx, social_channel.parse_payload(x_payload(), "x"))
    assert tweeted.ingested == 1
    written = social_channel.ingest_items(ctx, messenger_export(facebook_export(), "fb", "Acme"))
    assert written.ingested == 1
    with ctx.uow() as uow:
        social = dict(
            uow.execute(
                select(Complaint.channel_detail, Complaint.id).where(Complaint.channel == "social")
            ).all()
        )
    return Lea(
        _record(ctx, "phone", called.complaint_id),
        replace(_record(ctx, "email", emailed.complaint_id), message_id=email.message_id),
        _record(ctx, "x", social["x post (public)"]),
        _record(ctx, "facebook", social["facebook direct message"]),
    )
