"""Importing complaints recorded elsewhere, in batches, never twice."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from itertools import islice
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.ids import stable_id
from complaintdesk.domain.lifecycle import is_open
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks, presets
from complaintdesk.domain.routing import Rule
from complaintdesk.domain.vocabulary import LetterKind, Outcome, Role, Status, TargetState
from complaintdesk.services.admin import passwords, routing_rules
from complaintdesk.services.complaints import intake, routing
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.inbound import quarantine
from complaintdesk.services.inbound.quarantine import Problem, Suspect
from complaintdesk.services.promises import policies
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Category, Complaint, Site, SourceRecord, User
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.unit_of_work import UnitOfWork

IMPORT_OWNER = "imported"
"""Disabled account that owns imported complaints when no owner is named."""
NOT_RECORDED_CAUSE = "not-recorded"


@dataclass(frozen=True)
class ImportedComplaint:
    """One complaint read from a file, with the state it reached there."""

    line: int
    new: intake.NewComplaint
    category_name: str | None
    status: Status
    outcome: Outcome | None = None
    remedy: str | None = None
    resolved_at: datetime | None = None
    """When it was resolved at the source, if the source says (the CFPB's file does not)."""
    source: str | None = None
    """The source's name (``cfpb``), when it keeps fields of its own."""
    source_fields: dict[str, str] = field(default_factory=dict)
    """What the source said that the complaint has no column for, kept as given."""
    raw: bytes | None = None
    """The row as it came (with the file's header line), kept if it cannot be recorded."""


@dataclass(frozen=True)
class BrokenRow:
    """A row that cannot become a complaint: where, why, and its bytes (header and row)."""

    line: int
    reason: str
    raw: bytes
    oversized: bool = False
    """A field larger than the reader's limit (the row was not read)."""


@dataclass
class ImportSummary:
    """Every row accounted for: ``read == imported + already_there + len(skipped)``."""

    read: int = 0
    imported: int = 0
    already_there: int = 0
    unrouted: int = 0
    skipped: list[dict[str, object]] = field(default_factory=list)
    """Rows not imported, each ``{"line", "reason"}`` and, when it holds bytes, the
    ``quarantine`` item where it waits for a person."""
    last_complaint_id: uuid.UUID | None = None
    """The complaint the last imported row became."""


Rows = Iterable[ImportedComplaint | BrokenRow]
"""What a reader yields: a complaint, or a row that cannot be one."""
SOURCE_KIND = "cfpb"


def import_complaints(
    ctx: ServiceContext,
    rows: Rows,
    *,
    owner_login: str | None = None,
    site_code: str | Callable[[], str] | None = None,
    batch_size: int = 250,
    progress: Callable[[ImportSummary], None] | None = None,
    source: str = "",
    rule_set: Mapping[str, Any] | None = None,
) -> ImportSummary:
    """Import ``rows`` in batches of one transaction each; re-running imports nothing twice.

    A row that cannot be recorded goes to the quarantine with its bytes, in its batch's
    transaction; ``source`` names the file in the quarantine. ``rule_set`` (the routing
    rules of the format) is installed once the owner is known to exist: an unknown owner
    changes nothing.

    Args:
        site_code: the site complaints that name none are recorded at (its country's rule
            and calendar apply to them); the caller's site otherwise. A function giving it
            is called once the owner is known to exist (it may add the site).

    Raises:
        ComplaintDeskError: no user has ``owner_login``; nothing was written.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    summary = ImportSummary()
    owner = _owner(ctx, owner_login)
    if rule_set is not None:
        routing_rules.install_rule_set(ctx, rule_set)
    if callable(site_code):
        site_code = site_code()
    if site_code is not None:
        at = site_code
        rows = (_at_site(item, at) for item in rows)
    for batch in _batches(iter(rows), batch_size):
        with ctx.uow(write=True) as uow, uow.deferred_writes():
            batch_state = _Batch(
                routing.load_rules(uow),
                _known_categories(uow),
                _imported_before(uow, batch),
                _not_recorded_cause(uow),
            )
            for item in batch:
                _one(uow, ctx.actor, item, owner, batch_state, summary, source)
            uow.commit()
        if progress is not None:
            progress(summary)
    return summary


def _at_site(item: ImportedComplaint | BrokenRow, site_code: str) -> ImportedComplaint | BrokenRow:
    if isinstance(item, BrokenRow) or item.new.site_code:
        return item
    return replace(item, new=replace(item.new, site_code=site_code))


def _batches(
    rows: Iterator[ImportedComplaint | BrokenRow], size: int
) -> Iterator[list[ImportedComplaint | BrokenRow]]:
    while batch := list(islice(rows, size)):
        yield batch


@dataclass
class _Batch:
    """What one batch knows beyond the database (its own rows are not flushed yet)."""

    rules: list[Rule]
    categories: set[str]
    references: set[str]
    """External references already imported, before or in this batch."""
    cause_id: uuid.UUID | None


def _known_categories(uow: UnitOfWork) -> set[str]:
    return set(uow.scalars(select(Category.code)))


def _one(
    uow: UnitOfWork,
    actor: Actor,
    item: ImportedComplaint | BrokenRow,
    owner: Actor,
    batch: _Batch,
    summary: ImportSummary,
    source: str,
) -> None:
    summary.read += 1
    if isinstance(item, BrokenRow):
        problem = Problem.OVERSIZED_FIELD if item.oversized else Problem.MALFORMED
        _skip(uow, actor, summary, item.line, item.reason, item.raw, problem, source)
        return
    ref = item.new.external_ref
    if ref and ref in batch.references:
        summary.already_there += 1
        return
    try:
        _ensure_category(uow, actor, item, batch.categories)
        recorder = owner if item.status is not Status.NEW else actor
        settle = partial(_settle, uow, owner, item, batch.cause_id)
        verdict = _verdict_of(item)
        _, result = intake.record_in(
            uow, recorder, item.new, batch.rules, settle, verdict, propose=False
        )
    except ComplaintDeskError as error:
        raw = item.raw or b""
        _skip(uow, actor, summary, item.line, str(error), raw, Problem.REFUSED, source)
        return
    summary.imported += 1
    summary.last_complaint_id = result.complaint_id
    if ref:
        batch.references.add(ref)
    summary.unrouted += not result.routed_by_rule


def _skip(
    uow: UnitOfWork,
    actor: Actor,
    summary: ImportSummary,
    line: int,
    reason: str,
    raw: bytes,
    problem: Problem,
    source: str,
) -> None:
    """Report a row not imported; quarantine it (in the batch's transaction) if it has bytes."""
    entry: dict[str, object] = {"line": line, "reason": reason}
    if raw:
        suspect = Suspect(
            channel="import",
            source_kind=SOURCE_KIND,
            source_label=f"{source or 'CFPB file'}, line {line}",
            problem=problem,
            reason=reason,
            raw=raw,
            source={"file": source, "line": line},
        )
        entry["quarantine"] = str(quarantine.hold_in(uow, actor, suspect).item_id)
    summary.skipped.append(entry)


def _imported_before(uow: UnitOfWork, batch: list[ImportedComplaint | BrokenRow]) -> set[str]:
    refs = [
        i.new.external_ref for i in batch if isinstance(i, ImportedComplaint) and i.new.external_ref
    ]
    found = uow.scalars(select(Complaint.external_ref).where(Complaint.external_ref.in_(refs)))
    return set(found)


def _not_recorded_cause(uow: UnitOfWork) -> uuid.UUID | None:
    cause = lookups.root_cause_by_code(uow, NOT_RECORDED_CAUSE)
    return cause.id if cause else None


def _ensure_category(
    uow: UnitOfWork, actor: Actor, item: ImportedComplaint, known: set[str]
) -> None:
    code = item.new.category_code
    if code is None or code in known:
        return
    known.add(code)
    category = Category(
        code=code, name=item.category_name or code, product_group=item.category_name
    )
    record(uow, actor, category, "category_added")
    uow.flush()  # intake looks the category up by code


def _settle(
    uow: UnitOfWork,
    owner: Actor,
    item: ImportedComplaint,
    cause_id: uuid.UUID | None,
    complaint: Complaint,
) -> None:
    """Bring an imported complaint to the state it reached at its source.

    A complaint still open at its source is new here (Unassigned, someone takes it). A
    closed one keeps the source's verdict on its deadlines (:func:`_verdict_of`).
    """
    if item.source is not None:
        uow.add(SourceRecord(complaint_id=complaint.id, source=item.source,
                             fields=dict(item.source_fields)))  # fmt: skip
    if item.status is Status.NEW:
        return
    complaint.owner_id = owner.user_id
    complaint.status = item.status.value
    complaint.is_open = is_open(item.status)
    if item.outcome is not None:
        complaint.outcome = item.outcome.value
        complaint.remedy = item.remedy
        complaint.root_cause_id = cause_id
        complaint.resolved_at = item.resolved_at
        complaint.final_response_at = item.resolved_at
        complaint.final_response_kind = (
            LetterKind.FINAL_RESPONSE.value if item.resolved_at else None
        )
        complaint.closed_at = item.resolved_at if item.status is Status.CLOSED else None


def _verdict_of(item: ImportedComplaint) -> policies.Settled | None:
    """How the source says a closed complaint's targets ended (None: compute them)."""
    if item.status is Status.NEW:
        return None
    timely = item.source_fields.get("Timely response?", "Yes").strip().lower() != "no"
    return partial(_verdict, timely)


def _verdict(timely: bool, clock: clocks.TargetClock) -> TargetState:
    if clock.kind == clocks.SERVICE:
        return TargetState.STOPPED
    if clock.met_at is not None:
        return clock.state
    late = not timely and clock.met_by is presets.MetBy.RESPONSE
    return TargetState.BREACHED if late else TargetState.MET


def _owner(ctx: ServiceContext, login: str | None) -> Actor:
    """Return the actor imported complaints are owned by (a disabled account by default)."""
    with ctx.uow(write=True) as uow:
        wanted = login or IMPORT_OWNER
        found = uow.execute(
            select(User, RoleRow.code)
            .join(RoleRow, RoleRow.id == User.role_id)
            .where(User.login == wanted)
        ).first()
        if found is None and login is not None:
            raise ComplaintDeskError(f"No user {login!r} to own the imported complaints.")
        user, role = (found[0], found[1]) if found else (_import_account(uow, ctx), "agent")
        actor = Actor(
            user.id,
            user.login,
            user.display_name,
            Role(role),
            user.site_id,
            ctx.actor.site_code,
            None,
            frozenset(),
        )
        uow.commit()
        return actor


def _import_account(uow: UnitOfWork, ctx: ServiceContext) -> User:
    sites: list[Site] = uow.scalars(
        select(Site).order_by(Site.code != ctx.actor.site_code).limit(1)
    )
    user = User(
        login=IMPORT_OWNER,
        display_name="Imported",
        password_hash=passwords.hash_password(stable_id("import", "disabled").hex),
        role_id=stable_id("role", Role.AGENT.value),
        site_id=sites[0].id,
        active=False,
    )
    record(uow, ctx.actor, user, "user_added")
    return user
