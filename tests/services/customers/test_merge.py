"""One customer, on both databases: duplicates proposed, merged, undone exactly, one card."""

from __future__ import annotations

import io
import json
import sys
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import duplicates, merge, timeline
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import mail, social
from complaintdesk.services.insight import search
from complaintdesk.storage.models import (
    AuditEvent,
    Complaint,
    ContactPoint,
    Customer,
    CustomerMerge,
    Message,
)
from tests.support.mail_factory import make_email

PASSWORD = "correct horse"


def _record(
    ctx: ServiceContext,
    name: str,
    *contacts: tuple[ContactKind, str],
    postcode: str | None = None,
    channel: Channel = Channel.PHONE,
) -> intake.IntakeResult:
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=channel,
            subject=f"{name} complains by {channel.value}",
            description="The card was charged twice.",
            customer=CustomerInput(name, list(contacts), postcode=postcode),
        ),
    )


def _new_customer_sharing(ctx: ServiceContext, backend: Backend, kind: str, value: str) -> Any:
    """A second record with an existing contact value, as an import or a typo would make."""
    with backend.uow(write=True) as uow:
        twin = Customer(display_name="J. Doe")
        uow.add(twin)
        uow.flush()
        uow.add(ContactPoint(customer_id=twin.id, kind=kind, value=value))
        uow.commit()
        return twin.id


def _supervisor(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    users.add_user(admin_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "sue", PASSWORD))


def _agent(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    users.add_user(admin_ctx, "al", PASSWORD, role=Role.AGENT, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "al", PASSWORD))


def _ownership(backend: Backend) -> dict[str, Any]:
    """Who owns every row that can move, and where each customer points."""
    with backend.uow() as uow:
        return {
            "complaint": dict(uow.execute(select(Complaint.id, Complaint.customer_id)).all()),
            "message": dict(uow.execute(select(Message.id, Message.customer_id)).all()),
            "contact": dict(uow.execute(select(ContactPoint.id, ContactPoint.customer_id)).all()),
            "merged": dict(uow.execute(select(Customer.id, Customer.merged_into_id)).all()),
        }


@pytest.fixture
def twins(backend: Backend, admin_ctx: ServiceContext) -> tuple[uuid.UUID, uuid.UUID]:
    """Jane by phone and email, and a second Jane record made by a social message."""
    phone = _record(
        admin_ctx,
        "Jane Doe",
        (ContactKind.PHONE, "06 12 34 56 78"),
        (ContactKind.EMAIL, "jane@example.com"),
        postcode="75011",
    )
    post = social.InboundPost(
        platform="x",
        kind="post",
        post_id="1500",
        author_id="7",
        author_handle="janed",
        author_name="Jane Doe",
        text="@acme charged twice, still no refund",
        occurred_at=None,
        conversation="x:post:1500",
    )
    tweet = social.ingest_post(admin_ctx, post)
    with backend.uow(write=True) as uow:
        # The same person: a supervisor would learn it from the postcode given on the phone.
        twin = uow.scalars(select(Customer).where(Customer.display_name == "Jane Doe"))
        [social_jane] = [c for c in twin if c.id != phone.customer_id]
        social_jane.postcode = "75 011"
        uow.commit()
    assert tweet.complaint_id is not None
    return phone.customer_id, social_jane.id


def test_likely_duplicates_are_proposed_with_their_reasons_and_never_merged(
    backend: Backend, admin_ctx: ServiceContext, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    jane, social_jane = twins
    _record(admin_ctx, "Paul Durand", (ContactKind.PHONE, "06 99 88 77 66"), postcode="75011")
    same_phone = _new_customer_sharing(admin_ctx, backend, "phone", "+33612345678")
    before = _ownership(backend)

    found = duplicates.candidates(admin_ctx, jane)

    assert [(c.customer_id, tuple(map(str, c.reasons))) for c in found] == [
        (same_phone, ("same phone +33612345678", "initial: Jane Doe / J. Doe")),
        (
            social_jane,
            (
                "same name Jane Doe",
                "Jane Doe is the name the account x:@janed gives",
                "same postcode 75011",
            ),
        ),
    ]
    assert found[1].contacts == ("x:@janed",)
    assert found[1].complaints == 1
    assert _ownership(backend) == before, "proposing changes nothing"
    pairs = duplicates.all_pairs(admin_ctx)
    assert {frozenset((p.first.customer_id, p.second.customer_id)) for p in pairs} == {
        frozenset((jane, same_phone)),
        frozenset((jane, social_jane)),
    }


def test_merge_then_undo_restores_the_exact_prior_state(
    backend: Backend, admin_ctx: ServiceContext, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    jane, social_jane = twins
    supervisor = _supervisor(backend, admin_ctx)
    before = _ownership(backend)

    merged = merge.merge(supervisor, jane, social_jane, "same postcode, same story")

    assert (merged.complaints, merged.messages, merged.contact_points) == (1, 1, 1)
    after = _ownership(backend)
    assert set(after["complaint"].values()) == {jane}
    assert after["merged"][social_jane] == jane
    assert duplicates.candidates(admin_ctx, jane) == ()
    card = timeline.customer_card(admin_ctx, social_jane)
    assert card.customer_id == jane
    assert card.opened_from == social_jane
    assert ("social", "x:@janed") in card.contacts
    assert {e.channel for e in card.timeline if e.kind == "message"} == {"phone", "social"}
    assert [e.kind for e in card.timeline].count("merge") == 1

    undone = merge.undo(supervisor, merged.merge_id)

    assert undone.undone
    assert (undone.complaints, undone.messages) == (1, 1)
    assert _ownership(backend) == before
    with backend.uow() as uow:
        row = uow.get(CustomerMerge, merged.merge_id)
        assert row is not None
        assert row.undone_at is not None
        assert row.merged_by_id is not None
        actions = uow.scalars(
            select(AuditEvent.action).where(
                AuditEvent.action.in_(["customer_merged", "customer_merge_undone"])
            )
        )
        assert actions.count("customer_merged") == 4  # complaint, message, contact, loser
        assert actions.count("customer_merge_undone") == 5  # the same four and the merge row
    with pytest.raises(ValidationError, match="already undone"):
        merge.undo(supervisor, merged.merge_id)


def test_intake_after_a_merge_reaches_the_winner(
    backend: Backend, admin_ctx: ServiceContext, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    jane, social_jane = twins
    merge.merge(_supervisor(backend, admin_ctx), jane, social_jane)

    tweet = social.InboundPost(
        platform="x",
        kind="message",
        post_id="dm-9",
        author_id="7",
        author_handle="JaneD",
        author_name=None,
        text="Any news?",
        occurred_at=None,
        conversation="x:dm:7",
    )
    by_social = social.ingest_post(admin_ctx, tweet)
    by_email = mail.ingest_email(admin_ctx, parse(make_email(sender="Jane@Example.com")))

    with backend.uow() as uow:
        owners = {
            uow.get(Complaint, c).customer_id  # type: ignore[union-attr]
            for c in (by_social.complaint_id, by_email.complaint_id)
        }
    assert owners == {jane}


def test_only_supervisors_merge_and_merging_twice_is_refused(
    backend: Backend, admin_ctx: ServiceContext, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    jane, social_jane = twins
    before = _ownership(backend)

    with pytest.raises(PermissionDenied):
        merge.merge(_agent(backend, admin_ctx), jane, social_jane)
    assert _ownership(backend) == before
    merge.merge(admin_ctx, jane, social_jane)
    with pytest.raises(ValidationError, match="already merged"):
        merge.merge(admin_ctx, social_jane, jane)
    with pytest.raises(ValidationError, match="themselves"):
        merge.merge(admin_ctx, jane, jane)


def test_the_customers_commands_list_merge_and_undo(
    backend: Backend,
    database_url: str,
    twins: tuple[uuid.UUID, uuid.UUID],
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)
    jane, social_jane = twins

    def run(*args: str) -> dict[str, Any]:
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert cli.run([*args, "--database", database_url, "--json"]) == 0
        result: dict[str, Any] = json.loads(out.getvalue())
        return result

    listed = run("customers", "duplicates")
    merged = run("customers", "merge", str(jane), str(social_jane), "--reason", "same person")
    undone = run("customers", "undo-merge", merged["merge"])

    [pair] = listed["pairs"]
    assert {pair["first"]["id"], pair["second"]["id"]} == {str(jane), str(social_jane)}
    assert pair["why"] == [
        "same name Jane Doe",
        "Jane Doe is the name the account x:@janed gives",
        "same postcode 75011",
    ]
    assert (merged["complaints"], merged["messages"], merged["contact_points"]) == (1, 1, 1)
    assert undone["undone"] is True
    with backend.uow() as uow:
        loser = uow.get(Customer, social_jane)
        assert loser is not None
        assert loser.merged_into_id is None


def test_search_by_a_contact_finds_every_complaint_of_the_merged_customer(
    backend: Backend, admin_ctx: ServiceContext, twins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    jane, social_jane = twins

    def found(text: str) -> set[str]:
        return {row.subject for row in search.search(admin_ctx, text)}

    assert found("jane@example.com") == {"Jane Doe complains by phone"}
    merged = merge.merge(admin_ctx, jane, social_jane)

    assert found("jane@example.com") == {
        "Jane Doe complains by phone",
        "@acme charged twice, still no refund",
    }
    merge.undo(admin_ctx, merged.merge_id)
    assert found("jane@example.com") == {"Jane Doe complains by phone"}
