"""A London customer's email, and the final response that answers it by email.

The complaint comes in through the real IMAP server (pymap) at the London shop's mailbox,
so the FCA's DISP 1 applies; the agent drafts the final response from its template and sends
it by email. A reply missing a required section, or with one emptied, is refused before it
is queued — nothing reaches the real SMTP server (aiosmtpd); the complete one leaves, and
only then is the final response met.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.channels.email import poll_mailboxes, send_outbox
from complaintdesk.domain.errors import LetterIncomplete
from complaintdesk.domain.vocabulary import ClockState, LetterKind, SiteKind
from complaintdesk.services.admin import organisation
from complaintdesk.services.complaints import detail
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import mailboxes, outbox, template_admin
from complaintdesk.services.outbound.mailboxes import MailboxSpec
from complaintdesk.storage.models import Complaint
from complaintdesk.storage.secrets import Secrets
from tests.support.mail_factory import make_email
from tests.support.mail_servers import IMAP_PASSWORD, IMAP_USER, ImapServer, SmtpServer

OUR_ADDRESS = "london@example.org"
DECISION = "Our decision\nWe uphold your complaint: the second payment was our mistake.\n"


@pytest.fixture
def london(
    backend: Backend, admin_ctx: ServiceContext, imap_server: ImapServer, smtp_server: SmtpServer
) -> Complaint:
    """A complaint received by email at the London shop's mailbox."""
    organisation.add_site(admin_ctx, "LON01", "London Moorgate", SiteKind.BRANCH, "Europe/London")
    folder = imap_server.new_folder()
    spec = MailboxSpec(
        name="london", host=imap_server.host, port=imap_server.port, username=IMAP_USER,
        tls="none", folders=[folder], smtp_host=smtp_server.host, smtp_port=smtp_server.port,
        smtp_tls="none", from_address=OUR_ADDRESS, site_code="LON01",
    )  # fmt: skip
    secrets = Secrets(backend.settings.data_dir, use_keyring=False)
    mailboxes.add_mailbox(admin_ctx, spec, IMAP_PASSWORD, secrets)
    imap_server.append(
        folder,
        make_email(
            "Card payment taken twice",
            "Hello, the shop took my card payment twice on 2 February. Please refund me.",
            sender="Margaret Shaw <margaret@example.co.uk>",
        ),
    )
    poll_mailboxes(admin_ctx, backend.settings.data_dir)
    send_outbox(admin_ctx, backend.settings.data_dir)  # the acknowledgement
    smtp_server.received.clear()
    with backend.uow() as uow:
        [complaint] = uow.scalars(select(Complaint))
    return complaint


def _draft(ctx: ServiceContext, complaint: Complaint) -> str:
    letter = template_admin.draft_letter(ctx, complaint.id, LetterKind.FINAL_RESPONSE)
    return letter.body.replace("Our decision\n", DECISION, 1)


def _reply(ctx: ServiceContext, complaint: Complaint, body: str) -> None:
    version = detail.get_detail(ctx, complaint.id).version
    outbox.queue_email_reply(ctx, complaint.id, body, version, letter=LetterKind.FINAL_RESPONSE)


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (lambda t: re.sub(r"The Financial Ombudsman Service's leaflet\n.*?\n\n", "", t,
                          flags=re.S), "missing"),
        (lambda t: re.sub(r"(Six months to refer your complaint\n).*?\n\n", r"\1\n", t,
                          flags=re.S), "emptied"),
    ],
)  # fmt: skip
def test_a_final_response_missing_or_emptying_a_section_never_reaches_the_smtp_server(
    backend: Backend,
    admin_ctx: ServiceContext,
    london: Complaint,
    smtp_server: SmtpServer,
    spoil: object,
    words: str,
) -> None:
    body = spoil(_draft(admin_ctx, london))  # type: ignore[operator]

    with pytest.raises(LetterIncomplete) as refused:
        _reply(admin_ctx, london, body)
    sent = send_outbox(admin_ctx, backend.settings.data_dir)

    problems = refused.value.missing if words == "missing" else refused.value.emptied
    assert [key for key, _ in problems] == [
        "ombudsman_leaflet" if words == "missing" else "ombudsman_time_limit"
    ]
    assert (sent.sent, smtp_server.received) == (0, [])
    assert detail.get_detail(admin_ctx, london.id).regulatory_state is ClockState.ON_TRACK


def test_the_complete_final_response_leaves_by_smtp_and_only_then_meets_the_deadline(
    backend: Backend, admin_ctx: ServiceContext, london: Complaint, smtp_server: SmtpServer
) -> None:
    _reply(admin_ctx, london, _draft(admin_ctx, london))
    queued = detail.get_detail(admin_ctx, london.id)

    sent = send_outbox(admin_ctx, backend.settings.data_dir)

    assert queued.regulatory_state is ClockState.ON_TRACK  # queued is not sent
    assert sent.sent == 1
    [email] = smtp_server.received
    body = email.get_content()
    assert email["To"] == "margaret@example.co.uk"
    assert email["Subject"] == f"Re: [{london.reference}] Card payment taken twice"
    for heading in (
        "Your right to refer your complaint to the Financial Ombudsman Service",
        "Six months to refer your complaint",
        "Referring your complaint after the time limits",
        "How to contact the Financial Ombudsman Service",
        "The Financial Ombudsman Service's leaflet",
    ):
        assert heading in body
    after = detail.get_detail(admin_ctx, london.id)
    assert after.regulatory_state is ClockState.MET
    assert after.messages[-1].letter_kind == "final_response"
