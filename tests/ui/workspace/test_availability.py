"""Which actions make sense, and how the timeline tells the audit trail (no window needed)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from complaintdesk.domain.lifecycle import allowed_next
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Role, Status
from complaintdesk.services.context import Actor
from complaintdesk.services.read_models import (
    CommitmentView,
    ComplaintDetail,
    EventView,
    MessageView,
    RequestView,
)
from complaintdesk.ui.workspace import timeline
from complaintdesk.ui.workspace.availability import Act, available

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
ME, SOMEONE, BILLING = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def actor(role: Role, functions: frozenset[uuid.UUID] = frozenset()) -> Actor:
    return Actor(ME, "ann", "Ann", role, uuid.uuid4(), "HQ", None, functions)


def detail(
    status: Status = Status.NEW, owner: uuid.UUID | None = ME, **more: object
) -> ComplaintDetail:
    base = ComplaintDetail(
        id=uuid.uuid4(),
        reference="HQ-25-00001",
        subject="Charged twice",
        description="",
        status=status,
        allowed_next=tuple(sorted(allowed_next(status))),
        priority=Priority.NORMAL,
        channel=Channel.PHONE,
        site_code="HQ",
        site_name="Headquarters",
        customer_id=uuid.uuid4(),
        customer_name="Léa",
        customer_segment="standard",
        contacts=(),
        owner_name=None,
        function_name=None,
        team_queue=None,
        category_name=None,
        received_at=NOW,
        acknowledge_due_at=None,
        resolution_due_at=None,
        regulatory_due_at=None,
        next_due_at=NOW,
        clock_state=ClockState.ON_TRACK,
        outcome=None,
        amount=None,
        messages=(),
        version=1,
        owner_id=owner,
    )
    return replace(base, **more)  # type: ignore[arg-type]


def request(state: str = "open", function: uuid.UUID = BILLING) -> RequestView:
    return RequestView(
        uuid.uuid4(),
        uuid.uuid4(),
        "HQ-25-00001",
        "Charged twice",
        "Billing",
        "Twice?",
        NOW,
        NOW + timedelta(hours=8),
        state,
        None,
        function,
    )


@pytest.mark.parametrize(
    ("status", "owner", "expected"),
    [
        (Status.NEW, None, {Act.TAKE, Act.NOTE, Act.WITHDRAW}),
        (
            Status.NEW,
            ME,
            {
                Act.TRANSFER,
                Act.ACKNOWLEDGE,
                Act.START_WORK,
                Act.ASK,
                Act.RESPOND,
                Act.LETTER,
                Act.NOTE,
                Act.RESOLVE,
                Act.WITHDRAW,
            },
        ),
        (
            Status.IN_PROGRESS,
            ME,
            {
                Act.TRANSFER,
                Act.ASK,
                Act.ADD_COMMITMENT,
                Act.RESPOND,
                Act.LETTER,
                Act.NOTE,
                Act.RESOLVE,
                Act.WITHDRAW,
            },
        ),
        (Status.RESOLVED, ME, {Act.RESPOND, Act.LETTER, Act.NOTE, Act.CLOSE}),
        (Status.CLOSED, ME, {Act.NOTE}),
        (Status.IN_PROGRESS, SOMEONE, {Act.NOTE}),
    ],
)
def test_an_agent_may_do_what_status_and_ownership_allow(
    status: Status, owner: uuid.UUID | None, expected: set[Act]
) -> None:
    assert available(detail(status, owner), actor(Role.AGENT)) == expected


def test_a_supervisor_assigns_unowned_complaints_and_acts_on_others() -> None:
    supervisor = actor(Role.SUPERVISOR)

    assert Act.ASSIGN in available(detail(owner=None), supervisor)
    assert Act.TRANSFER in available(detail(Status.IN_PROGRESS, SOMEONE), supervisor)


def test_function_members_answer_their_functions_requests_only() -> None:
    member = actor(Role.FUNCTION_MEMBER, frozenset({BILLING}))
    shown = detail(Status.WAITING_ON_FUNCTION, SOMEONE)

    assert available(shown, member, request()) == {Act.ANSWER, Act.DECLINE}
    assert available(shown, member, request(function=uuid.uuid4())) == set()
    assert available(shown, member, request("answered")) == set()


def test_request_and_commitment_actions_need_an_open_one_pointed_at() -> None:
    owner = actor(Role.AGENT)
    waiting = detail(Status.WAITING_ON_CUSTOMER, ME)
    promised = CommitmentView(uuid.uuid4(), "Bank statement", NOW, "open", 0)

    assert {Act.FULFIL, Act.REMIND} <= available(waiting, owner, None, promised)
    assert Act.FULFIL not in available(waiting, owner, None, replace(promised, state="fulfilled"))
    assert Act.CANCEL_REQUEST in available(waiting, owner, request())


NAMES = {"ann": "Ann Archer", "sue": "Sue Super", "bea": "Bea Billing"}
"""The display names the detail service gives with each event (logins never shown)."""


def event(action: str, login: str = "ann", **details: object) -> EventView:
    names: dict[str, str] = {"who": NAMES[login], **details.pop("names", {})}  # type: ignore[dict-item]
    return EventView(NOW, login, action, dict(details), names=names)


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        (event("owner_taken"), "Ann Archer took ownership"),
        (
            event("owner_assigned", "sue", names={"owner": "Carl Cooper"}),
            "Sue Super assigned it to Carl Cooper",
        ),
        (
            event(
                "transfer_reason",
                to="carl",
                reason="He speaks Breton",
                names={"owner": "Carl Cooper"},
            ),
            "Ann Archer transferred it to Carl Cooper: He speaks Breton",
        ),
        (
            event("contribution_requested", question="Twice?", names={"function": "Billing"}),
            "Ann Archer asked Billing: Twice?",
        ),
        (
            event("contribution_declined", "bea", answer="Not ours", names={"function": "Billing"}),
            "Bea Billing declined for Billing: Not ours",
        ),
        (
            event("status_resolved", outcome="partly_upheld"),
            "Ann Archer resolved it — partly upheld",
        ),
        (event("status_withdrawn"), "Ann Archer recorded that the customer withdrew it"),
        (event("commitment_reminded"), "Ann Archer reminded the customer"),
        (event("priority_changed", priority=1), "Ann Archer set the priority to urgent"),
        (event("note_added"), ""),
        (event("something_new"), ""),  # never a code name on screen
    ],
)
def test_events_read_as_sentences(qtbot: QtBot, given: EventView, sentence: str) -> None:
    assert timeline.sentence(given) == sentence


def test_the_timeline_merges_messages_and_events_by_time_and_names_authors(qtbot: QtBot) -> None:
    note = MessageView(uuid.uuid4(), "note", Channel.INTERNAL, None, None, "Call her back", NOW)
    ann = {"who": "Ann Archer"}
    shown = detail(
        messages=(note,),
        events=(
            EventView(NOW - timedelta(minutes=1), "ann", "owner_taken", {}, names=ann),
            EventView(NOW, "ann", "note_added", {}, "message", note.id, ann),
            EventView(NOW + timedelta(minutes=1), "ann", "status_acknowledged", {}, names=ann),
            EventView(NOW + timedelta(minutes=2), "system", "status_in_progress", {}),
        ),
    )

    entries = timeline.entries(shown)

    assert [e.text for e in entries] == [
        "Ann Archer took ownership",
        "Internal note",
        "Ann Archer acknowledged the complaint",
        "ComplaintDesk started work",
    ]
    assert timeline.authored_by(entries[1]) == "by Ann Archer"
