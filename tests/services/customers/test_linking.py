"""One person on four channels, on both databases: proposed, linked in one action, undone."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.channels import social as social_channel
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import callers, duplicates, linking, merge
from complaintdesk.services.customers.duplicates import DuplicateCandidate
from complaintdesk.storage.models import AuditEvent, Complaint, ContactPoint, Customer, Message
from tests.support.omnichannel import MOBILE, Lea, lea_everywhere, x_payload

PASSWORD = "correct horse"


@pytest.fixture
def lea(admin_ctx: ServiceContext) -> Lea:
    return lea_everywhere(admin_ctx)


@pytest.fixture
def agent(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    users.add_user(admin_ctx, "al", PASSWORD, role=Role.AGENT, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "al", PASSWORD))


def _ids(found: tuple[DuplicateCandidate, ...]) -> set[uuid.UUID]:
    return {c.customer_id for c in found}


def _state(backend: Backend) -> dict[str, object]:
    with backend.uow() as uow:
        return {
            "complaint": dict(uow.execute(select(Complaint.id, Complaint.customer_id)).all()),
            "message": dict(uow.execute(select(Message.id, Message.customer_id)).all()),
            "contact": dict(uow.execute(select(ContactPoint.id, ContactPoint.customer_id)).all()),
            "merged": dict(uow.execute(select(Customer.id, Customer.merged_into_id)).all()),
        }


def test_four_records_of_one_person_are_proposed_without_a_postcode(
    lea: Lea, agent: ServiceContext
) -> None:
    assert len({r.customer_id for r in lea.records}) == 4, "four records, as the issue found"

    for record in lea.records:
        found = duplicates.candidates(agent, record.customer_id)
        others = {r.customer_id for r in lea.records} - {record.customer_id}
        assert _ids(found) <= others
        assert found, f"{record.channel} has no proposal"
    phone = duplicates.candidates(agent, lea.phone.customer_id)
    assert _ids(phone) == {lea.x.customer_id, lea.facebook.customer_id, lea.email.customer_id}
    assert [str(r) for r in phone[0].reasons][:1] == ["same name Léa Martin"]
    assert phone[0].open_complaints == 1


def test_the_supervisor_list_holds_every_pair_of_her_records(
    lea: Lea, backend: Backend, admin_ctx: ServiceContext
) -> None:
    pairs = duplicates.all_pairs(admin_ctx)

    found = {frozenset((p.first.customer_id, p.second.customer_id)) for p in pairs}
    ids = [r.customer_id for r in lea.records]
    assert found <= {frozenset((a, b)) for a in ids for b in ids if a != b}
    linked = {ids[0]}
    for _ in ids:  # every record reachable from the phone one through proposals
        linked |= {i for pair in found if pair & linked for i in pair}
    assert linked == set(ids)


def test_the_screen_pop_proposes_who_else_the_caller_may_be(
    lea: Lea, agent: ServiceContext
) -> None:
    card = callers.screen_pop(agent, MOBILE)

    assert card.customer_id == lea.phone.customer_id
    found = {p.candidate.customer_id for p in card.proposals}
    assert found == {lea.x.customer_id, lea.facebook.customer_id, lea.email.customer_id}
    assert all(p.candidate.open_complaints == 1 for p in card.proposals)
    assert {p.reference for p in card.proposals} == {
        lea.x.reference,
        lea.facebook.reference,
        lea.email.reference,
    }


def test_an_agent_links_the_sender_in_one_action_and_future_posts_land_there(
    lea: Lea, backend: Backend, agent: ServiceContext
) -> None:
    before = _state(backend)
    offered = linking.proposals(agent, lea.x.complaint_id)
    assert offered.senders == ("x:@leamartin",)
    assert not offered.can_merge

    done = linking.link_sender(agent, lea.x.complaint_id, lea.phone.customer_id)

    assert (done.complaints, done.contact_points) == (1, 1)
    with backend.uow() as uow:
        complaint = uow.get(Complaint, lea.x.complaint_id)
        assert complaint is not None
        assert complaint.customer_id == lea.phone.customer_id
        twin = uow.get(Customer, lea.x.customer_id)
        assert twin is not None
        assert twin.merged_into_id == lea.phone.customer_id, "nothing left: it points on"
        events = uow.scalars(select(AuditEvent.action).where(AuditEvent.action == "sender_linked"))
        assert len(events) >= 3
    again = social_channel.parse_payload(
        x_payload("1501", "@acme toujours rien", reply_to="1500"), "x"
    )
    later = social_channel.ingest_items(agent, again)
    assert later.threaded == 1
    with backend.uow() as uow:
        [post] = uow.scalars(select(Message).where(Message.external_id == "x:1501"))
        assert post.customer_id == lea.phone.customer_id

    merge.undo(agent, done.merge_id)

    after = _state(backend)
    after["message"] = {k: v for k, v in after["message"].items() if k != post.id}  # type: ignore[attr-defined]
    assert after == before


def test_linking_is_refused_when_it_changes_nothing(lea: Lea, agent: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="already"):
        linking.link_sender(agent, lea.phone.complaint_id, lea.phone.customer_id)


def test_an_agent_may_undo_a_link_but_not_a_merge(
    lea: Lea, backend: Backend, admin_ctx: ServiceContext, agent: ServiceContext
) -> None:
    merged = merge.merge(admin_ctx, lea.phone.customer_id, lea.facebook.customer_id)

    with pytest.raises(PermissionDenied):
        merge.undo(agent, merged.merge_id)
