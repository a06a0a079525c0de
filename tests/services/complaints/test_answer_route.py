"""Answers go back on the channel the customer used last, or the one they prefer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.vocabulary import Channel, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import answer_route, merging
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import linking
from complaintdesk.services.inbound import mail
from complaintdesk.services.outbound import outbox, social_gateways
from tests.support.followup_world import version
from tests.support.mail_factory import make_email
from tests.support.omnichannel import EMAIL, Lea, lea_everywhere

PASSWORD = "correct horse"


@pytest.fixture
def one_case(backend: Backend, admin_ctx: ServiceContext) -> tuple[ServiceContext, Lea]:
    """Léa's four records linked to the caller's, her four complaints merged into one."""
    lea = lea_everywhere(admin_ctx)
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    ann = ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))
    for record in (lea.email, lea.x, lea.facebook):
        linking.link_sender(ann, record.complaint_id, lea.phone.customer_id)
        merging.merge(ann, lea.phone.complaint_id, record.complaint_id)
    return ann, lea


def test_the_answer_goes_where_she_wrote_last(
    one_case: tuple[ServiceContext, Lea], admin_ctx: ServiceContext
) -> None:
    ann, lea = one_case
    again = make_email(
        "Re: Commande 4411", "Toujours rien.", sender=EMAIL, in_reply_to=lea.email.message_id
    )
    mail.ingest_email(admin_ctx, parse(again, received_at=datetime.now(UTC)))

    route = answer_route.route(ann, lea.phone.complaint_id)
    sent, _ = answer_route.reply(
        ann, lea.phone.complaint_id, "Voici le détail.", version(ann, lea.phone.complaint_id)
    )

    assert (route.channel, route.why, route.address) == (Channel.EMAIL, "last", EMAIL)
    queued = {item.message_id: item for item in outbox.list_outbox(ann)}[sent]
    assert queued.recipient == EMAIL
    assert queued.subject is not None
    assert lea.phone.reference in queued.subject, "threaded by the reference kept"


def test_her_preference_wins_over_the_last_channel(one_case: tuple[ServiceContext, Lea]) -> None:
    ann, lea = one_case

    answer_route.set_preferred_channel(ann, lea.phone.customer_id, Channel.SOCIAL)
    sent, route = answer_route.reply(
        ann,
        lea.phone.complaint_id,
        "Le remboursement est parti.",
        version(ann, lea.phone.complaint_id),
    )

    assert (route.channel, route.why) == (Channel.SOCIAL, "preferred")
    [queued] = social_gateways.list_social_outbox(ann)
    assert queued.message_id == sent
    assert queued.recipient in ("facebook:léa.martin", "x:leamartin")


def test_a_phone_preference_records_the_call_made(one_case: tuple[ServiceContext, Lea]) -> None:
    ann, lea = one_case
    answer_route.set_preferred_channel(ann, lea.phone.customer_id, Channel.PHONE)

    _, route = answer_route.reply(
        ann,
        lea.phone.complaint_id,
        "Appelée : remboursement confirmé.",
        version(ann, lea.phone.complaint_id),
    )

    assert (route.channel, route.address, route.sends) == (Channel.PHONE, "+33612345678", False)
