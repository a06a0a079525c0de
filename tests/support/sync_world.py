"""A central PostgreSQL server and branch replicas on SQLite, for the sync tests and benchmark.

Everything is made through the services and the ``branch init`` code path; branches are
real SQLite files in their own data folders, the central server a real PostgreSQL database.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Role, SiteKind, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import intake, lifecycle, messages, ownership
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.models import AuditEvent, ChangeLogEntry, Complaint, Customer, User
from complaintdesk.sync.branch import Branch, init_branch
from complaintdesk.sync.copying import replicated_tables
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
    backend: Backend
    people: dict[str, Actor]
    branch: Branch | None = None

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


def make_branch(central_url: str, folder: Path, site: str) -> Replica:
    """``branch init`` a new SQLite file for ``site`` and open it as the GUI would."""
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "complaintdesk.db")
    engine = create_database_engine(url)
    try:
        init_branch(engine, central_url, site, folder)
    finally:
        engine.dispose()
    backend = open_backend(Settings(url, folder))
    return Replica(site, backend, actors(backend), Branch(backend.engine, folder))


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


def snapshot(engine: Engine) -> dict[str, set[tuple[Any, ...]]]:
    """Every replicated table as a set of rows (values as text, ``updated_at`` left out)."""
    tables: dict[str, set[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in replicated_tables():
            columns = [c for c in table.columns if c.name not in IGNORED_COLUMNS]
            rows = connection.execute(select(*columns))
            tables[table.name] = {tuple(_plain(v) for v in row) for row in rows}
        audit = AuditEvent.__table__.c
        events = connection.execute(select(audit.id, audit.chain, audit.seq, audit.hash))
        tables["audit_event"] = {tuple(_plain(v) for v in row) for row in events}
        log = ChangeLogEntry.__table__.c
        entries = connection.execute(select(log.id, log.hlc, log.site_code, log.fields))
        tables["change_log"] = {tuple(_plain(v) for v in row) for row in entries}
    return tables


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


def differences(a: Engine, b: Engine) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ: name to (rows only in a, rows only in b)."""
    left, right = snapshot(a), snapshot(b)
    return {
        name: (len(left[name] - right[name]), len(right[name] - left[name]))
        for name in left
        if left[name] != right[name]
    }
