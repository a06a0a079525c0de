"""One timeline per complaint: its messages and its audit events, in the order they happened.

Events become short sentences ("Ann Archer took ownership", "Ann Archer asked Billing: …"),
naming people as colleagues know them, never by their login; the audit events of messages
are folded into the message they recorded, which names its author.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from complaintdesk.domain.vocabulary import Channel, Priority, Status
from complaintdesk.services.read_models import ComplaintDetail, EventView, MessageView
from complaintdesk.ui import labels
from complaintdesk.ui.workspace.routing_words import reason_of_event

MESSAGE_ACTIONS = frozenset(
    {
        "message_recorded",
        "response_recorded",
        "note_added",
        "reply_queued",
        "social_reply_queued",
        "acknowledgement_queued",
        "automatic_message_recorded",
        "reminder_queued",
        "survey_queued",
        "satisfaction_reply_recorded",
        "own_post_recorded",
    }
)
"""Events that recorded a message: the message's card tells them, with its author."""
SILENT = frozenset(
    {
        "first_response",
        "owner_transferred",
        "release_reason",
        "sla_recomputed",
        # A merge or a link is told once by its own sentence, not row by row.
        "complaint_merged",
        "complaint_merge_kept",
        "complaint_merged_away",
        "complaint_merge_recorded",
        "complaint_merge_undone",
        "complaints_linked",
        "complaints_unlinked",
        "sender_link_recorded",
        "survey_recorded",
        "survey_answered",
        "email_sent",
        "email_failed",
    }
)
"""Events another line already tells (the response itself; the transfer with its reason)."""


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: a message card or an event sentence."""

    occurred_at: datetime
    text: str
    message: MessageView | None = None
    author: str | None = None
    """Who recorded the message, by name (None for a channel's own import)."""


def _t(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def entries(detail: ComplaintDetail) -> list[Entry]:
    """Return the timeline of ``detail``, oldest first."""
    authors = {
        e.entity_id: e.names.get("who")
        for e in detail.events
        if e.action in MESSAGE_ACTIONS and e.entity_id
    }
    lines = [_message_entry(m, authors.get(m.id)) for m in detail.messages]
    status = Status.NEW
    for event in detail.events:
        text = sentence(event, status)
        if event.action.startswith("status_"):
            status = _status(event.action.removeprefix("status_"), status)
        if text:
            lines.append(Entry(event.occurred_at, text))
    # Stable: an event and the message it recorded keep their recorded order.
    return sorted(lines, key=lambda entry: entry.occurred_at)


def _message_entry(message: MessageView, author: str | None) -> Entry:
    kind = labels.direction_label(message.direction)
    if message.direction != "note":  # a note is always internal: no channel to name
        kind = f"{kind} — {labels.channel_label(message.channel)}"
    if message.public:
        public = QCoreApplication.translate("Timeline", "public: anyone can read it")
        kind = f"{kind} ({public})"
    if message.id_clash:
        clash = QCoreApplication.translate(
            "Timeline", "its Message-ID is also an earlier, different email's: both are kept"
        )
        kind = f"{kind} ({clash})"
    return Entry(message.occurred_at, kind, message, author)


def _status(value: str, fallback: Status) -> Status:
    return Status(value) if value in {s.value for s in Status} else fallback


def sentence(event: EventView, previous: Status = Status.NEW) -> str:
    """Return the sentence a person reads for ``event`` (empty for events not shown).

    Args:
        event: one audit event of the complaint.
        previous: the complaint's status before this event (to tell "started work"
            from "back in progress").
    """
    if event.action in MESSAGE_ACTIONS or event.action in SILENT:
        return ""
    who = who_did(event)
    if event.action.startswith("status_"):
        return _status_sentence(event, who, previous)
    describe = _SENTENCES.get(event.action)
    if describe is None:
        return ""  # an event no sentence tells yet: never its code name on screen
    return describe(event, who)


def who_did(event: EventView) -> str:
    """Return who did ``event`` by the name people know them by, never by a login."""
    name = event.names.get("who")
    if name:
        return name
    machines = {
        "system": _t("ComplaintDesk"),
        "cli": _t("the command line"),
        "sync": _t("synchronisation"),
        "demo": _t("ComplaintDesk"),
        "import": _t("an import"),
    }
    return machines.get(event.login or "", _t("someone"))


def _status_sentence(event: EventView, who: str, previous: Status) -> str:
    status = event.action.removeprefix("status_")
    if status == Status.IN_PROGRESS and previous in (Status.NEW, Status.ACKNOWLEDGED):
        return _t("{who} started work").format(who=who)
    if status == Status.RESOLVED:
        outcome = labels.outcome_text(_text(event, "outcome")).lower()
        if outcome:
            return _t("{who} resolved it — {outcome}").format(who=who, outcome=outcome)
        return _t("{who} resolved it").format(who=who)
    texts = {
        Status.ACKNOWLEDGED: _t("{who} acknowledged the complaint"),
        Status.IN_PROGRESS: _t("back in progress ({who})"),
        Status.WAITING_ON_FUNCTION: _t("now waiting on a function's answer"),
        Status.WAITING_ON_CUSTOMER: _t("now waiting on the customer (promise clock paused)"),
        Status.CLOSED: _t("{who} closed it"),
        Status.REOPENED: _t("reopened: the customer wrote again"),
        Status.WITHDRAWN: _t("{who} recorded that the customer withdrew it"),
    }
    known = {s.value: s for s in Status}
    template = texts.get(known[status]) if status in known else None
    template = template or _t("{who} changed the status")
    return template.format(who=who)


def _text(event: EventView, key: str) -> str:
    value = event.details.get(key)
    return "" if value is None else str(value)


def _function(event: EventView) -> str:
    return event.names.get("function") or _t("a function")


def _with_text(sentence_text: str, extra: str) -> str:
    extra = " ".join(extra.split())
    if not extra:
        return sentence_text
    return _t("{sentence}: {text}").format(sentence=sentence_text, text=extra)


def _recorded(event: EventView, who: str) -> str:
    channel = _text(event, "channel")
    known = {c.value: c for c in Channel}
    if channel in known:
        return _t("{who} recorded the complaint ({channel})").format(
            who=who, channel=labels.channel_label(known[channel])
        )
    return _t("{who} recorded the complaint").format(who=who)


def _routed(event: EventView, _who: str) -> str:
    why = reason_of_event(event.details)
    where = event.names.get("function") or event.names.get("team_queue")
    if where:
        return _with_text(_t("Routed to {where}").format(where=where), why)
    return _with_text(_t("Routed"), why)


def _commitment(event: EventView, who: str) -> str:
    text = _t("{who} recorded what the customer must provide").format(who=who)
    due = _text(event, "due_at")
    what = _text(event, "description")
    if due:
        try:
            when = labels.local_time(datetime.fromisoformat(due))
            what = _t("{what} (by {when})").format(what=what, when=when)
        except ValueError:
            pass
    return _with_text(text, what)


def _priority(event: EventView, who: str) -> str:
    value = event.details.get("priority")
    known = {p.value: p for p in Priority}
    if isinstance(value, int) and value in known:
        shown = labels.priority_label(known[value]).lower()
        return _t("{who} set the priority to {priority}").format(who=who, priority=shown)
    return _t("{who} changed the priority").format(who=who)


def _on_complaint(event: EventView, text: str) -> str:
    """Told once, by the complaint's own row (its messages moved with it silently)."""
    return text if event.entity == "complaint" else ""


Describe = Callable[[EventView, str], str]

_SENTENCES: dict[str, Describe] = {
    "complaint_recorded": _recorded,
    "routed": _routed,
    "owner_taken": lambda e, who: _t("{who} took ownership").format(who=who),
    "owner_assigned": lambda e, who: _t("{who} assigned it to {owner}").format(
        who=who, owner=e.names.get("owner") or _t("a colleague")
    ),
    "transfer_reason": lambda e, who: _with_text(
        _t("{who} transferred it to {to}").format(
            who=who, to=e.names.get("owner") or _t("a colleague")
        ),
        _text(e, "reason"),
    ),
    "contribution_requested": lambda e, who: _with_text(
        _t("{who} asked {function}").format(who=who, function=_function(e)), _text(e, "question")
    ),
    "contribution_answered": lambda e, who: _with_text(
        _t("{who} answered for {function}").format(who=who, function=_function(e)),
        _text(e, "answer"),
    ),
    "contribution_declined": lambda e, who: _with_text(
        _t("{who} declined for {function}").format(who=who, function=_function(e)),
        _text(e, "answer"),
    ),
    "contribution_cancelled": lambda e, who: _with_text(
        _t("{who} cancelled the request to {function}").format(who=who, function=_function(e)),
        _text(e, "cancel_reason"),
    ),
    "owner_released": lambda e, who: _t("{who} put it back in the team queue").format(who=who),
    "priority_changed": lambda e, who: _priority(e, who),
    "acknowledged_by_email": lambda e, who: _t("the acknowledgement email left"),
    "attachment_stored": lambda e, who: _t("file attached: {name}").format(
        name=_text(e, "filename")
    ),
    "attachment_refused": lambda e, who: _t("file refused: {name}").format(
        name=_text(e, "filename")
    ),
    "problem_attached": lambda e, who: _t("{who} linked it to a recurring problem").format(who=who),
    "satisfaction_recorded": lambda e, who: _t("the customer's satisfaction was recorded"),
    "commitment_recorded": _commitment,
    "commitment_reminded": lambda e, who: _t("{who} reminded the customer").format(who=who),
    "commitment_fulfilled": lambda e, who: _t(
        "the customer provided what was asked ({who})"
    ).format(who=who),
    "commitment_cancelled": lambda e, who: _t("{who} cancelled the customer's commitment").format(
        who=who
    ),
    "commitment_reminder_sent": lambda e, who: _t(
        "a reminder of what the customer must provide was sent"
    ),
    "reminder_asked_of_owner": lambda e, who: _t(
        "the owner was asked to remind the customer (no channel to send a reminder on)"
    ),
    "commitment_proposed_fulfilled": lambda e, who: _t(
        "the customer sent something: is the commitment fulfilled? (the owner confirms)"
    ),
    "commitment_not_yet": lambda e, who: _t(
        "{who}: what the customer sent does not fulfil the commitment yet"
    ).format(who=who),
    "commitment_overdue": lambda e, who: _t(
        "the customer's commitment is overdue: the promise clock runs again"
    ),
    "took_in": lambda e, who: _t("{who} merged {other} into this complaint").format(
        who=who, other=_text(e, "other")
    ),
    "merged_into": lambda e, who: _t("{who} merged this complaint into {other}").format(
        who=who, other=_text(e, "other")
    ),
    "took_in_undone": lambda e, who: _t("{who} undid the merge: {other} is separate again").format(
        who=who, other=_text(e, "other")
    ),
    "merged_into_undone": lambda e, who: _t(
        "{who} undid the merge into {other}: this complaint is separate again"
    ).format(who=who, other=_text(e, "other")),
    "linked": lambda e, who: _t("{who} linked {other} (a different grievance)").format(
        who=who, other=_text(e, "other")
    ),
    "unlinked": lambda e, who: _t("{who} removed the link with {other}").format(
        who=who, other=_text(e, "other")
    ),
    "merge_proposed": lambda e, who: _t(
        "looks like {others} of the same customer: merge them if it is one grievance"
    ).format(others=_text(e, "others")),
    "sender_linked": lambda e, who: _on_complaint(
        e, _t("{who} linked the sender to another customer record").format(who=who)
    ),
    "customer_merged": lambda e, who: _on_complaint(
        e, _t("{who} merged the customer's records").format(who=who)
    ),
    "customer_merge_undone": lambda e, who: _on_complaint(
        e, _t("{who} undid a merge or a link of customer records").format(who=who)
    ),
    "survey_not_sent": lambda e, who: _t("no satisfaction survey could be sent (no email address)"),
}


def authored_by(entry: Entry) -> str:
    """Return who wrote or recorded a message ("by Ann Archer", "recorded by …"), or nothing."""
    if not entry.author:
        return ""
    if entry.message is not None and entry.message.direction == "inbound":
        # The customer wrote it; the colleague only typed it in (a call, a letter).
        return _t("recorded by {name}").format(name=entry.author)
    return _t("by {name}").format(name=entry.author)
