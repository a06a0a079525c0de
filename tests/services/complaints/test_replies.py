"""Answering from the workspace through one service: each channel its way, notes, drafts."""

from __future__ import annotations

import uuid

import pytest

from complaintdesk.app import Backend
from complaintdesk.domain.errors import ConcurrentEditError, PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role, Status
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import detail, intake, lifecycle, messages, replies
from complaintdesk.services.complaints.replies import NOTE, REPLY, Draft
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.outbound import outbox

PASSWORD = "correct horse"


@pytest.fixture
def ann(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(admin_ctx, "carl", PASSWORD, role=Role.AGENT, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))


def _taken(ann: ServiceContext, language: str = "en") -> uuid.UUID:
    customer = CustomerInput(
        "Léa Martin", [(ContactKind.EMAIL, "lea@example.org")], language=language
    )
    new = intake.NewComplaint(Channel.PHONE, "Refund never came", "Nothing came.", customer)
    return intake.record_complaint(ann, new).complaint_id


def _version(ctx: ServiceContext, complaint_id: uuid.UUID) -> int:
    return detail.get_detail(ctx, complaint_id).version


def test_an_email_reply_is_queued_and_a_phone_one_recorded_as_a_response(
    ann: ServiceContext,
) -> None:
    complaint = _taken(ann)

    replies.send_reply(ann, complaint, Channel.EMAIL, "Refunded.", _version(ann, complaint))
    replies.send_reply(ann, complaint, Channel.PHONE, "Told her.", _version(ann, complaint))

    [queued] = outbox.list_outbox(ann)
    assert queued.recipient == "lea@example.org"
    shown = detail.get_detail(ann, complaint)
    answers = [(m.channel, m.delivery_state) for m in shown.messages if m.direction == "outbound"]
    assert answers == [(Channel.EMAIL, "queued"), (Channel.PHONE, None)]
    assert any(e.action == "first_response" for e in shown.events)  # the call counts


def test_a_reply_over_a_newer_version_is_a_concurrent_edit(ann: ServiceContext) -> None:
    complaint = _taken(ann)
    seen = _version(ann, complaint)
    lifecycle.change_status(ann, complaint, Status.ACKNOWLEDGED, seen)

    with pytest.raises(ConcurrentEditError):
        replies.send_reply(ann, complaint, Channel.PHONE, "Told her.", seen)
    with pytest.raises(ValidationError):
        replies.send_reply(ann, complaint, Channel.INTERNAL, "A note?", _version(ann, complaint))


def test_a_draft_is_its_writers_only_and_goes_once_sent(
    backend: Backend, ann: ServiceContext
) -> None:
    complaint = _taken(ann)
    carl = ServiceContext(backend.uow, auth.sign_in(backend.uow, "carl", PASSWORD))
    replies.save_draft(ann, complaint, Draft(REPLY, Channel.PHONE, "Half", 1))
    replies.save_draft(carl, complaint, Draft(NOTE, None, "Carl's note", 1))
    replies.save_draft(ann, complaint, Draft(REPLY, Channel.EMAIL, "Half, then more", 1))

    kept = replies.draft_of(ann, complaint)
    assert kept is not None
    assert (kept.mode, kept.channel, kept.body) == (REPLY, Channel.EMAIL, "Half, then more")
    assert replies.draft_of(carl, complaint) is not None

    replies.send_reply(ann, complaint, Channel.EMAIL, kept.body, _version(ann, complaint))
    assert replies.draft_of(ann, complaint) is None
    assert replies.draft_of(carl, complaint) is not None  # nobody else's is touched
    replies.save_draft(carl, complaint, Draft(NOTE, None, "   ", 1))  # emptied: thrown away
    assert replies.draft_of(carl, complaint) is None


def test_a_note_goes_through_and_takes_its_draft_with_it(ann: ServiceContext) -> None:
    complaint = _taken(ann)
    replies.save_draft(ann, complaint, Draft(NOTE, None, "Call before 6", 1))

    replies.add_note(ann, complaint, "Call before 6")

    assert replies.draft_of(ann, complaint) is None
    assert detail.get_detail(ann, complaint).messages[-1].direction == "note"


def test_canned_responses_are_named_in_the_screens_language_and_written_in_the_customers(
    ann: ServiceContext,
) -> None:
    complaint = _taken(ann, language="fr")

    names = {c.code: c.name for c in replies.canned_responses(ann, "fr")}
    text = replies.render_canned(ann, complaint, "canned.holding-reply")

    assert names["canned.holding-reply"] == "Nous nous en occupons"
    assert {c.name for c in replies.canned_responses(ann, "en")} >= {"We are looking into it"}
    assert text.startswith("Bonjour Léa Martin,")
    with pytest.raises(ValidationError):
        replies.render_canned(ann, complaint, "acknowledgement")  # not a canned response


def test_a_function_member_keeps_no_drafts(backend: Backend, admin_ctx: ServiceContext) -> None:
    users.add_user(admin_ctx, "fred", PASSWORD, role=Role.FUNCTION_MEMBER, site_code="HQ")
    fred = ServiceContext(backend.uow, auth.sign_in(backend.uow, "fred", PASSWORD))

    with pytest.raises(PermissionDenied):
        replies.draft_of(fred, uuid.uuid4())


def test_a_customer_message_is_never_answered_by_a_note_channel(ann: ServiceContext) -> None:
    complaint = _taken(ann)
    messages.record_inbound(
        ann, complaint, messages.InboundMessage(Channel.EMAIL, "Still nothing", sender="x@y.org")
    )
    replies.send_reply(ann, complaint, Channel.EMAIL, "Sorry.", _version(ann, complaint))

    [queued] = outbox.list_outbox(ann)
    assert queued.recipient == "x@y.org"  # the address she last wrote from
