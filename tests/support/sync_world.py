"""A central PostgreSQL server and branch replicas on SQLite, for the sync tests and benchmark.

Everything is made through the services and the ``branch init`` code path; branches are
real SQLite files in their own data folders, the central server a real PostgreSQL database.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Role, SiteKind, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import intake, lifecycle, merging, messages, ownership
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.models import (
    AuditEvent,
    ChangeLogEntry,
    Complaint,
    ContactPoint,
    Customer,
    ReplicaState,
    User,
    utcnow,
)
from complaintdesk.storage.unit_of_work import unit_of_work_factory
from complaintdesk.sync.branch import Branch, init_branch
from complaintdesk.sync.copying import LOCAL_ONLY, replicated_tables, story_tables
from tests.conftest import command_line_actor

PASSWORD = "correct horse battery"
ROOT_CAUSE = "process"
IGNORED_COLUMNS = frozenset({"updated_at", "failed_sign_ins", "locked_until", "last_sign_in_at"})
"""Set by each database when it writes a row (SQLAlchemy ``onupdate``), and sign-in
bookkeeping, which stays on the replica where the person signed in: not replicated."""


@dataclass
class Replica:
    """One database and the people working on it."""

    name: str
    """The replica's code (``central``, a site code, or ``SITE.2`` for a second workstation)."""
    backend: Backend
    people: dict[str, Actor]
    branch: Branch | None = None
    site: str | None = None
    """A branch's site (its part of the central server)."""

    def ctx(self, login: str) -> ServiceContext:
        return ServiceContext(self.backend.uow, self.people[login])

    @property
    def engine(self) -> Engine:
        return self.backend.engine


def admin(backend: Backend) -> ServiceContext:
    return ServiceContext(backend.uow, command_line_actor())


def open_central(url: str, data_dir: Path, sites: list[str]) -> Replica:
    """The central server with HQ plus ``sites``, a supervisor and an agent per site."""
    backend = open_backend(Settings(url, data_dir))
    ctx = admin(backend)
    organisation.add_root_cause(ctx, ROOT_CAUSE, "Process failure", None)
    logins = ["boss"]
    users.add_user(ctx, "boss", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    users.add_user(ctx, "hq", PASSWORD, role=Role.AGENT, site_code="HQ")
    logins.append("hq")
    for code in sites:
        organisation.add_site(ctx, code, f"Shop {code}", SiteKind.BRANCH, "Europe/Paris")
        login = f"clerk-{code.lower()}"
        users.add_user(ctx, login, PASSWORD, role=Role.BRANCH_CLERK, site_code=code)
        lead = f"lead-{code.lower()}"
        users.add_user(ctx, lead, PASSWORD, role=Role.SUPERVISOR, site_code=code)
    central = Replica("central", backend, {})
    central.people = actors(backend)
    return central


def actors(backend: Backend) -> dict[str, Actor]:
    """Every user as an actor, without signing in (sign-in bookkeeping stays local)."""
    with backend.uow() as uow:
        return {u.login: auth.actor_for(uow, u) for u in uow.scalars(select(User))}


def make_branch(
    central_url: str, folder: Path, site: str, clock: Callable[[], datetime] = utcnow
) -> Replica:
    """``branch init`` a new SQLite file for ``site`` and open it as the GUI would.

    Args:
        clock: the workstation's wall clock (one running ahead or behind, for skew tests).
    """
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "complaintdesk.db")
    engine = create_database_engine(url)
    try:
        init_branch(engine, central_url, site, folder, clock)
    finally:
        engine.dispose()
    opened = open_backend(Settings(url, folder))
    backend = replace(
        opened, uow=unit_of_work_factory(opened.engine, opened.uow.audit_keys, clock=clock)
    )
    with backend.uow() as uow:
        code = uow.scalars(select(ReplicaState))[0].origin
    return Replica(code, backend, actors(backend), Branch(backend.engine, folder, clock), site)


def skewed(by: timedelta) -> Callable[[], datetime]:
    """A wall clock running ``by`` ahead of the real one (behind when negative)."""

    def clock() -> datetime:
        return datetime.now(UTC) + by

    return clock


def record_complaint(
    replica: Replica, login: str, subject: str, email: str, site: str | None = None
) -> uuid.UUID:
    new = intake.NewComplaint(
        channel=Channel.SHOP,
        subject=subject,
        description=f"{subject}: the customer explains at the counter.",
        customer=CustomerInput(
            display_name=f"Customer {email}", contacts=[(ContactKind.EMAIL, email)]
        ),
        site_code=site or replica.people[login].site_code,
    )
    return intake.record_complaint(replica.ctx(login), new).complaint_id


def version(replica: Replica, complaint_id: uuid.UUID) -> int:
    with replica.backend.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.version


def take(replica: Replica, login: str, complaint_id: uuid.UUID) -> None:
    ownership.take(replica.ctx(login), complaint_id, version(replica, complaint_id))


def assign(replica: Replica, login: str, complaint_id: uuid.UUID, to: str) -> None:
    to_id = replica.people[to].user_id
    assert to_id is not None
    ownership.assign(replica.ctx(login), complaint_id, to_id, version(replica, complaint_id))


def transfer(replica: Replica, login: str, complaint_id: uuid.UUID, to: str) -> None:
    to_id = replica.people[to].user_id
    assert to_id is not None
    ctx = replica.ctx(login)
    ownership.transfer(ctx, complaint_id, to_id, "cover", version(replica, complaint_id))


def owner_of(replica: Replica, complaint_id: uuid.UUID) -> str | None:
    with replica.backend.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        if complaint.owner_id is None:
            return None
        user = uow.get(User, complaint.owner_id)
        return user.login if user else None


def status_of(replica: Replica, complaint_id: uuid.UUID) -> str:
    with replica.backend.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.status


def note(replica: Replica, login: str, complaint_id: uuid.UUID, body: str) -> uuid.UUID:
    return messages.add_note(replica.ctx(login), complaint_id, body)


def inbound(replica: Replica, login: str, complaint_id: uuid.UUID, body: str) -> uuid.UUID:
    message = messages.InboundMessage(channel=Channel.PHONE, body=body)
    return messages.record_inbound(replica.ctx(login), complaint_id, message).message_id


def start(replica: Replica, login: str, complaint_id: uuid.UUID) -> None:
    ctx = replica.ctx(login)
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        lifecycle.change_status(ctx, complaint_id, status, version(replica, complaint_id))


def resolve(replica: Replica, login: str, complaint_id: uuid.UUID) -> None:
    resolution = Resolution(
        Outcome.UPHELD, "Refunded the fee.", ROOT_CAUSE, Decimal("12.50"), "EUR"
    )
    lifecycle.resolve(replica.ctx(login), complaint_id, resolution, version(replica, complaint_id))


def rename_customer(replica: Replica, login: str, customer_id: uuid.UUID, name: str) -> None:
    """Correct a customer's name as the customer card does (one audited change)."""
    actor = replica.people[login]
    with replica.backend.uow(write=True) as uow:
        customer = uow.get(Customer, customer_id)
        assert customer is not None
        customer.display_name = name
        customer.version += 1
        record(uow, actor, customer, "customer_changed")
        uow.commit()


def customer_of(replica: Replica, complaint_id: uuid.UUID) -> uuid.UUID:
    with replica.backend.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.customer_id


def snapshot(engine: Engine) -> dict[str, dict[Any, tuple[Any, ...]]]:
    """Every replicated table as rows by id (values as text, ``updated_at`` left out), with
    the audit events (id, chain, seq, hash) and the change log (id, stamp, origin, fields)."""
    tables: dict[str, dict[Any, tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in replicated_tables():
            columns = [c for c in table.columns if c.name not in IGNORED_COLUMNS]
            rows = connection.execute(select(*columns))
            tables[table.name] = {_plain(row.id): _row(row) for row in rows}
        audit = AuditEvent.__table__.c
        events = connection.execute(select(audit.id, audit.chain, audit.seq, audit.hash))
        tables["audit_event"] = {_plain(row.id): _row(row) for row in events}
        log = ChangeLogEntry.__table__.c
        entries = connection.execute(
            select(log.id, log.hlc, log.site_code, log.entity, log.entity_id, log.fields)
        )
        tables["change_log"] = {_plain(row.id): _row(row) for row in entries}
    return tables


def _row(row: Any) -> tuple[Any, ...]:
    return tuple(_plain(v) for v in row)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def site_part(engine: Engine, site: str) -> dict[str, set[str]]:
    """The ids of each story table a branch of ``site`` should hold (DESIGN.md section 8):
    the site's complaints and those linked with them, their customers (and the customers
    merged into those), and what hangs from them. Written out here, apart from the code."""
    with engine.connect() as c:

        def ids(sql: str, **params: Any) -> set[str]:
            return {_plain(v) for v in c.execute(text(sql), params).scalars() if v is not None}

        site_id = c.execute(text("SELECT id FROM site WHERE code = :s"), {"s": site}).scalar()
        own = ids("SELECT id FROM complaint WHERE site_id = :s", s=site_id)
        complaints = own | ids(
            "SELECT linked_complaint_id FROM complaint WHERE site_id = :s", s=site_id
        )
        complaints |= ids(
            "SELECT c.id FROM complaint c JOIN complaint l ON l.id = c.linked_complaint_id "
            "WHERE l.site_id = :s",
            s=site_id,
        )
        everything = _all_rows(c)
        customers = {
            _plain(r.customer_id) for r in everything["complaint"] if _plain(r.id) in complaints
        }
        merged = {_plain(r.id): _plain(r.merged_into_id) for r in everything["customer"]}
        for _ in range(20):
            customers |= {i for i, w in merged.items() if w in customers}
        part = {"complaint": complaints, "customer": customers}
        part["contact_point"] = _where(everything, "contact_point", customer_id=customers)
        part["customer_merge"] = _where(everything, "customer_merge", winner_id=customers) & _where(
            everything, "customer_merge", loser_id=customers
        )
        part["message"] = _where(everything, "message", complaint_id=complaints) | {
            _plain(r.id)
            for r in everything["message"]
            if r.complaint_id is None and _plain(r.customer_id) in customers
        }
        part["attachment"] = _where(everything, "attachment", message_id=part["message"])
        for name in (
            "routing_decision",
            "contribution_request",
            "customer_commitment",
            "complaint_target",
            "source_record",
            "satisfaction_survey",
        ):
            part[name] = _where(everything, name, complaint_id=complaints)
        # Rows joining two complaints: only when the site may see both.
        part["complaint_link"] = _where(
            everything, "complaint_link", complaint_id=complaints
        ) & _where(everything, "complaint_link", other_id=complaints)
        part["complaint_merge"] = _where(
            everything, "complaint_merge", kept_id=complaints
        ) & _where(everything, "complaint_merge", merged_id=complaints)
        story = {t.name for t in story_tables()}
        part["sync_conflict"] = {
            _plain(r.id)
            for r in everything["sync_conflict"]
            if (r.complaint_id is not None and _plain(r.complaint_id) in complaints)
            or (
                r.complaint_id is None
                and r.entity == "customer"
                and _plain(r.entity_id) in customers
            )
            or (r.complaint_id is None and r.entity not in story)
        }
    return part


def _all_rows(connection: Any) -> dict[str, list[Any]]:
    names = [t.name for t in story_tables()] + ["sync_conflict"]
    return {n: list(connection.execute(text(f"SELECT * FROM {n}"))) for n in names}


def _where(everything: dict[str, list[Any]], table: str, **column: set[str]) -> set[str]:
    ((name, wanted),) = column.items()
    return {_plain(r.id) for r in everything[table] if _plain(getattr(r, name)) in wanted}


def differences(
    central: Engine, branch: Engine, site: str | None = None
) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ: name to (rows only at central, rows only on the branch).

    With ``site``, the central server is first cut down to that site's part (reference data
    whole), its audit trail to the branch's own chains, its change log to the entries about
    rows the branch holds and the branch's own.
    """
    left, right = snapshot(central), snapshot(branch)
    site = site or _branch_site(branch)
    if site is not None:
        left = _cut(left, site_part(central, site), right)
    return {
        name: (
            len(set(left[name].values()) - set(right[name].values())),
            len(set(right[name].values()) - set(left[name].values())),
        )
        for name in left
        if set(left[name].values()) != set(right[name].values())
    }


def _branch_site(engine: Engine) -> str | None:
    with engine.connect() as connection:
        row = connection.execute(select(ReplicaState.mode, ReplicaState.site_code)).first()
    return row[1] if row is not None and row[0] == "branch" else None


def _cut(
    central: dict[str, dict[Any, tuple[Any, ...]]],
    part: dict[str, set[str]],
    branch: dict[str, dict[Any, tuple[Any, ...]]],
) -> dict[str, dict[Any, tuple[Any, ...]]]:
    cut: dict[str, dict[Any, tuple[Any, ...]]] = {}
    for name, rows in central.items():
        if name in part:
            cut[name] = {i: r for i, r in rows.items() if i in part[name]}
        else:
            cut[name] = dict(rows)
    chains = {row[1] for row in branch["audit_event"].values()}
    cut["audit_event"] = {i: r for i, r in central["audit_event"].items() if r[1] in chains}
    held = {i for ids in part.values() for i in ids}
    story = {t.name for t in story_tables()}
    origins = {chain.rsplit(".", 1)[0] for chain in chains}  # "PAR.2.a1b2c3": from PAR.2
    cut["change_log"] = {
        i: r
        for i, r in central["change_log"].items()
        if r[2] in origins
        or (
            r[3] not in LOCAL_ONLY
            and (r[3] not in story or r[4] in held)
            and r[3] != "sync_conflict"
        )
        or (r[3] == "sync_conflict" and r[4] in part["sync_conflict"])
    }
    return cut


def again_for(replica: Replica, login: str, complaint_id: uuid.UUID, subject: str) -> uuid.UUID:
    """The same customer complains again, at this replica's site (a second complaint of theirs).

    Each site numbers its own references: a complaint is recorded at the site of whoever
    records it, never at another replica's.
    """
    with replica.backend.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        emails = uow.scalars(
            select(ContactPoint.value).where(
                ContactPoint.customer_id == complaint.customer_id, ContactPoint.kind == "email"
            )
        )
    return record_complaint(replica, login, subject, emails[0])


def merge_complaints(replica: Replica, login: str, kept: uuid.UUID, merged: uuid.UUID) -> uuid.UUID:
    """Merge one complaint of a customer into another, as the workspace does."""
    return merging.merge(replica.ctx(login), kept, merged, "same grievance").merge_id


def undo_complaint_merge(replica: Replica, login: str, merge_id: uuid.UUID) -> None:
    merging.undo(replica.ctx(login), merge_id)
