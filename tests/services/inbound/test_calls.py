"""The phone channel's services: screen pop, call notes, complaints taken on a call."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.errors import InvalidContactPoint, PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import (
    Channel,
    ContactKind,
    Direction,
    Priority,
    Role,
    SiteKind,
)
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import callers
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import calls

PASSWORD = "correct horse"
MOBILE = "+33612345678"


def person(backend: Backend, admin: ServiceContext, login: str, role: Role, site: str) -> Actor:
    users.add_user(admin, login, PASSWORD, role=role, site_code=site, display_name=login.title())
    return auth.sign_in(backend.uow, login, PASSWORD)


def take(
    ctx: ServiceContext,
    subject: str,
    channel: Channel = Channel.PHONE,
    site: str | None = None,
    contacts: tuple[tuple[ContactKind, str], ...] = ((ContactKind.PHONE, "06 12 34 56 78"),),
) -> intake.IntakeResult:
    customer = CustomerInput("Léa Martin", contacts)
    new = intake.NewComplaint(
        channel, subject, f"{subject}, please help.", customer, site_code=site
    )
    return intake.record_complaint(ctx, new)


@pytest.fixture
def agent(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(backend.uow, person(backend, admin_ctx, "ann", Role.AGENT, "HQ"))


def test_a_known_caller_pops_with_their_open_complaints_and_every_channel(
    agent: ServiceContext,
) -> None:
    first = take(agent, "Charged twice for March")
    both = ((ContactKind.PHONE, MOBILE), (ContactKind.EMAIL, "lea@example.org"))
    second = take(agent, "Parcel never arrived", Channel.EMAIL, contacts=both)

    card = callers.screen_pop(agent, "06 12 34 56 78")

    assert card.known
    assert card.number == MOBILE
    assert card.customer_id == first.customer_id == second.customer_id
    assert card.name == "Léa Martin"
    assert {(c.kind, c.value) for c in card.contacts} == {
        ("phone", MOBILE),
        ("email", "lea@example.org"),
    }
    assert {c.reference for c in card.open_complaints} == {first.reference, second.reference}
    taken_by_ann = next(c for c in card.open_complaints if c.reference == first.reference)
    assert taken_by_ann.owner_name == "Ann"
    assert taken_by_ann.subject == "Charged twice for March"
    assert {m.channel for m in card.last_contacts} == {Channel.PHONE, Channel.EMAIL}
    assert card.last_contacts[0].occurred_at >= card.last_contacts[-1].occurred_at
    assert card.last_contacts[0].summary


def test_a_tel_uri_and_international_forms_find_the_same_caller(agent: ServiceContext) -> None:
    take(agent, "Charged twice for March")
    for typed in ("tel:+33612345678", "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78"):
        assert callers.screen_pop(agent, typed).name == "Léa Martin", typed


def test_an_unknown_number_pops_an_empty_card_with_the_normalised_number(
    agent: ServiceContext,
) -> None:
    card = callers.screen_pop(agent, "06 98 76 54 32")

    assert not card.known
    assert card.number == "+33698765432"
    assert card.open_complaints == ()
    assert card.last_contacts == ()


@pytest.mark.parametrize("typed", ["12", "not a number", "", "+33 1"])
def test_an_invalid_number_is_refused_in_plain_words(agent: ServiceContext, typed: str) -> None:
    with pytest.raises(InvalidContactPoint, match="phone number"):
        callers.screen_pop(agent, typed)


def test_a_branch_clerk_sees_only_their_sites_complaints(
    backend: Backend, admin_ctx: ServiceContext, agent: ServiceContext
) -> None:
    organisation.add_site(admin_ctx, "LYO", "Lyon shop", SiteKind.BRANCH, "Europe/Paris")
    clerk = ServiceContext(backend.uow, person(backend, admin_ctx, "bob", Role.BRANCH_CLERK, "LYO"))
    take(agent, "Charged twice for March")
    at_shop = take(clerk, "Broken kettle", Channel.SHOP)

    card = callers.screen_pop(clerk, MOBILE)

    assert [c.reference for c in card.open_complaints] == [at_shop.reference]
    assert {m.complaint_reference for m in card.last_contacts} == {at_shop.reference}
    assert len(callers.screen_pop(agent, MOBILE).open_complaints) == 2


def test_a_function_member_takes_no_calls(backend: Backend, admin_ctx: ServiceContext) -> None:
    member = ServiceContext(
        backend.uow, person(backend, admin_ctx, "bea", Role.FUNCTION_MEMBER, "HQ")
    )
    with pytest.raises(PermissionDenied):
        callers.screen_pop(member, MOBILE)


def test_national_numbers_are_read_in_the_sites_country(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    organisation.add_site(admin_ctx, "LDN", "London", SiteKind.CALL_CENTRE, "Europe/London")
    london = ServiceContext(backend.uow, person(backend, admin_ctx, "gus", Role.AGENT, "LDN"))

    assert callers.screen_pop(london, "020 7946 0018").number == "+442079460018"


def test_call_notes_land_on_the_timeline_and_an_outbound_call_is_a_response(
    agent: ServiceContext,
) -> None:
    taken = take(agent, "Charged twice for March")
    calls.log_call(
        agent,
        taken.complaint_id,
        calls.CallNotes(Direction.INBOUND, "Called back: still charged twice.", MOBILE),
    )
    calls.log_call(
        agent,
        taken.complaint_id,
        calls.CallNotes(Direction.OUTBOUND, "Told her the refund leaves on Monday.", MOBILE),
    )

    detail = complaints.get_detail(agent, taken.complaint_id)
    phone = [(m.direction, m.body_text) for m in detail.messages if m.channel is Channel.PHONE]
    assert ("inbound", "Called back: still charged twice.") in phone
    assert ("outbound", "Told her the refund leaves on Monday.") in phone
    card = callers.screen_pop(agent, MOBILE)
    assert card.last_contacts[0].summary in {
        "Told her the refund leaves on Monday.",
        "Called back: still charged twice.",
    }
    assert "response_recorded" in {e.action for e in detail.events}


def test_an_outbound_call_stops_the_first_response_clock(
    backend: Backend, agent: ServiceContext
) -> None:
    from complaintdesk.storage.models import Complaint

    taken = take(agent, "Charged twice for March")
    before = datetime.now(UTC)
    calls.log_call(agent, taken.complaint_id, calls.CallNotes(Direction.OUTBOUND, "Answered."))
    with backend.uow() as uow:
        row = uow.get(Complaint, taken.complaint_id)
        assert row is not None
        assert row.first_response_at is not None
        assert row.first_response_at >= before


@pytest.mark.parametrize(
    ("notes", "number", "message"),
    [
        ("   ", None, "Write what was said"),
        ("Called.", "123", "phone number"),
    ],
)
def test_bad_call_notes_are_refused_and_nothing_is_written(
    agent: ServiceContext, notes: str, number: str | None, message: str
) -> None:
    taken = take(agent, "Charged twice for March")
    with pytest.raises(ValidationError, match=message):
        calls.log_call(agent, taken.complaint_id, calls.CallNotes(Direction.INBOUND, notes, number))
    detail = complaints.get_detail(agent, taken.complaint_id)
    assert len(detail.messages) == 1


def test_a_complaint_taken_on_a_call_belongs_to_the_caller_and_the_agent(
    agent: ServiceContext,
) -> None:
    earlier = take(agent, "Charged twice for March")
    result = calls.record_from_call(
        agent,
        calls.CallComplaint(
            number="tel:+33612345678",
            subject="Engineer did not come",
            notes="Waited all morning.",
            priority=Priority.URGENT,
        ),
    )

    assert result.customer_id == earlier.customer_id
    assert result.owner_id == agent.actor.user_id
    detail = complaints.get_detail(agent, result.complaint_id)
    assert detail.channel is Channel.PHONE
    assert detail.priority is Priority.URGENT
    assert detail.messages[0].body_text == "Waited all morning."
    assert len(callers.screen_pop(agent, MOBILE).open_complaints) == 2


def test_an_unknown_caller_needs_a_name_then_becomes_a_customer(agent: ServiceContext) -> None:
    call = calls.CallComplaint(number="06 98 76 54 32", subject="Rude hotline", notes="…")
    with pytest.raises(ValidationError, match="name"):
        calls.record_from_call(agent, call)

    named = calls.CallComplaint(
        number="06 98 76 54 32", subject="Rude hotline", notes="…", customer_name="Tom Roux"
    )
    calls.record_from_call(agent, named)

    card = callers.screen_pop(agent, "+33698765432")
    assert card.name == "Tom Roux"
    assert [c.subject for c in card.open_complaints] == ["Rude hotline"]


def test_the_caller_command_prints_the_card(
    agent: ServiceContext,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)
    taken = take(agent, "Charged twice for March")

    assert cli.run(["--database", database_url, "caller", "tel:+33-6-12-34-56-78", "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["customer"] == "Léa Martin"
    assert [c["reference"] for c in card["open_complaints"]] == [taken.reference]

    assert cli.run(["--database", database_url, "caller", "12"]) == 1
    assert "not a valid phone number" in capsys.readouterr().err


def test_a_merged_record_leads_to_the_survivor_and_an_older_duplicate_is_pointed_out(
    backend: Backend, agent: ServiceContext
) -> None:
    from complaintdesk.storage.models import ContactPoint, Customer

    with backend.uow(write=True) as uow:
        survivor = Customer(display_name="Léa Martin", segment="premium", preferred_language="fr")
        uow.add(survivor)
        uow.flush()
        merged = Customer(display_name="L. Martin", merged_into_id=survivor.id)
        twin = Customer(display_name="Lea Martin-Roux", updated_at=datetime(2020, 1, 1, tzinfo=UTC))
        uow.add(merged)
        uow.add(twin)
        uow.flush()
        for owner in (merged, twin):
            uow.add(ContactPoint(customer_id=owner.id, kind="phone", value=MOBILE))
        uow.commit()

    card = callers.screen_pop(agent, MOBILE)

    assert card.customer_id == survivor.id
    assert (card.name, card.segment, card.language) == ("Léa Martin", "premium", "fr")
    assert card.other_customers == ("Lea Martin-Roux",)
