"""Regulated letters on every path: the check that reads the letter, and what sending one meets.

A final response, a summary resolution communication or a holding reply leaves by the GUI's
Record response, an email, a social reply or a printed letter; each path calls
:func:`check` with the text as it would leave, and :func:`note_sent` once it has left (DESIGN.md
section 6). The required sections come from the complaint's regulatory preset; their
headings and what each must say from ``resources/letters/sections.json``.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from complaintdesk.domain.errors import LetterIncomplete, ValidationError
from complaintdesk.domain.promises import clocks, letters, presets, sla
from complaintdesk.domain.promises.deadlines import due_instant, end_of_day
from complaintdesk.domain.vocabulary import LetterKind, Outcome
from complaintdesk.resources import load_json
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor
from complaintdesk.services.promises import policies
from complaintdesk.storage.models import Complaint, ServiceLevelPolicy
from complaintdesk.storage.unit_of_work import UnitOfWork

LETTER_WORDS = {
    LetterKind.FINAL_RESPONSE: "final response",
    LetterKind.SUMMARY_RESOLUTION: "summary resolution",
    LetterKind.HOLDING_REPLY: "holding reply",
}


@cache
def sections() -> dict[str, letters.Section]:
    """Return every known letter section (the shipped definitions, read once)."""
    return letters.parse_sections(load_json("letters/sections.json"))


def regulatory_policy(uow: UnitOfWork, complaint: Complaint) -> ServiceLevelPolicy | None:
    """Return the complaint's regulatory policy row, if it has one."""
    if complaint.regulatory_policy_id is None:
        return None
    return uow.get(ServiceLevelPolicy, complaint.regulatory_policy_id)


def preset_of(row: ServiceLevelPolicy) -> presets.Preset:
    """Return a policy row's rules as a preset."""
    return presets.parse_preset({"name": row.code, "kind": row.kind, **row.targets})


def required(uow: UnitOfWork, complaint: Complaint, letter: LetterKind) -> list[str]:
    """Return the sections ``letter`` must contain for this complaint (its preset, outcome)."""
    row = regulatory_policy(uow, complaint)
    if row is None:
        return []
    outcome = Outcome(complaint.outcome) if complaint.outcome else None
    return presets.required_sections(preset_of(row), letter, outcome)


def check(
    uow: UnitOfWork, complaint: Complaint, letter: LetterKind, text: str, language: str = "en"
) -> None:
    """Refuse ``text`` if it lacks a section the complaint's preset requires of ``letter``.

    Raises:
        LetterIncomplete: sections missing or emptied, each named (nothing is recorded).
        ValidationError: a letter this complaint's rule has no use for (a holding reply
            without an exceptional deadline, a summary resolution outside the UK rules).
    """
    _allowed(uow, complaint, letter)
    problems = letters.check_letter(text, required(uow, complaint, letter), sections())
    if not problems:
        return
    row = regulatory_policy(uow, complaint)
    rule = row.name if row else "its rule"

    def named(emptied: bool) -> tuple[tuple[str, str], ...]:
        return tuple(
            (p.section.key, p.section.headings.get(language) or p.section.headings["en"])
            for p in problems
            if p.emptied is emptied
        )

    raise LetterIncomplete(
        f"This {LETTER_WORDS[letter]} cannot leave under {rule}: "
        f"{letters.describe_problems(problems, 'en')}.",
        missing=named(False),
        emptied=named(True),
    )


def _allowed(uow: UnitOfWork, complaint: Complaint, letter: LetterKind) -> None:
    if letter is LetterKind.FINAL_RESPONSE:
        return
    row = regulatory_policy(uow, complaint)
    names = {t.target for t in preset_of(row).targets} if row else set()
    if letter is LetterKind.HOLDING_REPLY and clocks.EXCEPTIONAL not in names:
        raise ValidationError(
            "This complaint's rule has no exceptional deadline: a holding reply cannot extend "
            "it. Send the final response."
        )
    if letter is LetterKind.SUMMARY_RESOLUTION and clocks.SUMMARY_RESOLUTION not in names:
        raise ValidationError(
            "A summary resolution is a UK rule (DISP 1.5); this complaint needs a final response."
        )


def holding_until(uow: UnitOfWork, complaint: Complaint, promised: date | None) -> datetime:
    """Return the end of the day a holding reply promises the final response by.

    Raises:
        ValidationError: no date, a date already past, or one beyond the exceptional
            deadline (35 business days for payment services).
    """
    if promised is None:
        raise ValidationError("A holding reply says by which date the final response will come.")
    row = regulatory_policy(uow, complaint)
    if row is None:
        raise ValidationError("This complaint follows no regulatory rule.")
    policy = policies.domain_policy(uow, row)
    zone = ZoneInfo(policy.calendar.time_zone)
    if promised < datetime.now(zone).date():
        raise ValidationError("The date promised for the final response is already past.")
    until = end_of_day(policy.calendar, promised)
    limit = _exceptional_due(complaint, policy)
    if limit is not None and until > limit:
        day = limit.astimezone(zone).date().isoformat()
        raise ValidationError(
            f"The final response cannot be promised later than {day}, the exceptional deadline."
        )
    return until


def _exceptional_due(complaint: Complaint, policy: sla.Policy) -> datetime | None:
    start = clocks.regulatory_start(complaint, policy)
    for name, rule, _ in policy.rules(None):
        if name == clocks.EXCEPTIONAL:
            return due_instant(start, rule)
    return None


def before_sending(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    letter: LetterKind | None,
    text: str,
    promised_by: date | None,
    *,
    queued: bool = False,
) -> datetime | None:
    """Check a letter about to leave; return the end of the day a holding reply promises.

    Args:
        letter: None for an ordinary answer (nothing to check).
        queued: the letter waits in an outbox: a holding reply's date is kept on the
            complaint now, and counts once the reply has left.

    Raises:
        LetterIncomplete, ValidationError: as :func:`check` and :func:`holding_until`.
    """
    if letter is None:
        return None
    until = (
        holding_until(uow, complaint, promised_by) if letter is LetterKind.HOLDING_REPLY else None
    )
    check(uow, complaint, letter, text, complaint.language)
    if queued and until is not None:
        complaint.holding_reply_until = until
        record(uow, actor, complaint, "holding_reply_queued", complaint.id)
    return until


def note_sent(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    letter: LetterKind,
    now: datetime,
    until: datetime | None = None,
) -> None:
    """Record that a regulated letter reached the customer, and move the clocks it meets."""
    if letter is LetterKind.HOLDING_REPLY:
        if complaint.holding_reply_at is None:
            complaint.holding_reply_at = now
            complaint.holding_reply_until = until or complaint.holding_reply_until
    elif complaint.final_response_at is None:
        complaint.final_response_at = now
        complaint.final_response_kind = letter.value
    if complaint.first_response_at is None:
        complaint.first_response_at = now
    policies.refresh(uow, complaint, now)
    record(uow, actor, complaint, f"{letter.value}_sent", complaint.id)
