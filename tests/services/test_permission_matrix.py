"""Every service, called as every role: allowed or refused as DESIGN.md section 9 says.

The table ``CASES`` below IS the specification. Each entry names a service function, how to
call it on a small world (two sites, a function, one user per role, complaints at HQ and in
a Paris shop, one of them asked of the Billing function), and the roles that may call it.
A role not listed must be refused with ``PermissionDenied`` or ``NotFound`` (a complaint the
caller may not see does not exist for them); a role listed must succeed. The service
functions are discovered: a new public function taking a ``ServiceContext`` without an entry
here fails ``test_every_service_function_has_an_entry_in_the_table``.

Roles: A agent (HQ), C branch clerk (PAR01), F function member (Billing, HQ), S supervisor,
D administrator.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, text

import complaintdesk.services
from complaintdesk.domain.errors import NotFound, PermissionDenied
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.surveys import Scores
from complaintdesk.domain.vocabulary import (
    Channel,
    ContactKind,
    Direction,
    LetterKind,
    Outcome,
    Priority,
    Role,
    SiteKind,
    Status,
)
from complaintdesk.services.admin import (
    audit_key,
    audit_log,
    audit_trail,
    auth,
    credentials,
    organisation,
    passwords,
    root_causes,
    routing_rules,
    team_queues,
    users,
)
from complaintdesk.services.complaints import (
    answer_route,
    bulk_actions,
    commitments,
    contributions,
    detail,
    directory,
    followups,
    intake,
    lifecycle,
    links,
    merging,
    messages,
    notifications,
    ownership,
    replies,
)
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import callers, duplicates, linking, merge, timeline
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import (
    calls,
    company_accounts,
    counter,
    imports,
    mail,
    quarantine,
    release,
    social,
    storing,
)
from complaintdesk.services.insight import (
    cfpb_export,
    clusters,
    dashboard,
    exports,
    fca_return,
    problems,
    queue_choices,
    queues,
    satisfaction,
    search,
    views,
    voice_of_customer,
    workload,
)
from complaintdesk.services.outbound import (
    delivery,
    mailboxes,
    outbox,
    receipts,
    social_gateways,
    template_admin,
)
from complaintdesk.services.privacy import erasure_status, retention, subject_rights
from complaintdesk.services.promises import catalogue, checks, recompute, scopes
from complaintdesk.services.read_models import QueueKind, QueueRequest
from complaintdesk.services.replicas import change_watch, presence, sync_conflicts, workstations
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.models import User
from complaintdesk.storage.secrets import FileSecrets, Secrets
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory, unit_of_work_factory
from tests.conftest import command_line_actor

PASSWORD = "correct horse battery"
NIL = uuid.UUID(int=0)
ROLES = {
    "A": Role.AGENT,
    "C": Role.BRANCH_CLERK,
    "F": Role.FUNCTION_MEMBER,
    "S": Role.SUPERVISOR,
    "D": Role.ADMIN,
}
LOGINS = {"A": "ann", "C": "cleo", "F": "fred", "S": "sue", "D": "dan"}
ALL = "ACFSD"
HANDLERS = "ACSD"
"""Who handles complaints (the clerk on their own site only)."""


@dataclass
class World:
    """Ids of what the template database holds, and the roles' actors."""

    actors: dict[str, Actor] = field(default_factory=dict)
    user_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    asked: uuid.UUID = NIL
    """HQ complaint owned by the agent, asked of Billing (request ``request``)."""
    paris: uuid.UUID = NIL
    """PAR01 complaint owned by the clerk."""
    other: uuid.UUID = NIL
    """HQ complaint owned by the agent, not asked of any function."""
    unowned: uuid.UUID = NIL
    """HQ email complaint nobody owns."""
    request: uuid.UUID = NIL
    commitment: uuid.UUID = NIL
    mailbox: uuid.UUID = NIL
    customer: uuid.UUID = NIL
    """The customer of ``asked``."""
    data_dir: Path = Path()


@dataclass
class Desk:
    """One test's copy of the world, open."""

    world: World
    uow: UnitOfWorkFactory
    engine: Engine
    data_dir: Path

    @property
    def admin(self) -> ServiceContext:
        return ServiceContext(self.uow, command_line_actor())

    def version(self, complaint_id: uuid.UUID) -> int:
        with self.engine.connect() as connection:
            found = connection.execute(
                text("SELECT version FROM complaint WHERE id = :id"),
                {"id": complaint_id.hex},
            ).scalar_one()
        return int(found)


def _complaint(
    ctx: ServiceContext, subject: str, channel: Channel, email: str | None = None
) -> uuid.UUID:
    contacts = [(ContactKind.PHONE, "06 12 34 56 78")]
    if email:
        contacts.append((ContactKind.EMAIL, email))
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=channel,
            subject=subject,
            description="Charged twice for the same month.",
            customer=CustomerInput("Léa Martin", contacts),
        ),
    ).complaint_id


def _build(uow: UnitOfWorkFactory, folder: Path) -> World:
    admin = ServiceContext(uow, command_line_actor())
    organisation.add_site(admin, "PAR01", "Paris shop", SiteKind.BRANCH, "Europe/Paris")
    organisation.add_function(admin, "billing", "Billing", answer_within_hours=8)
    organisation.add_root_cause(admin, "billing-error", "Billing error", "billing")
    routing_rules.add_rule(
        admin, routing_rules.RuleSpec("Everything", {}, team_queue="care", is_default=True)
    )
    world = World(data_dir=folder)
    for key, role in ROLES.items():
        site = "PAR01" if key == "C" else "HQ"
        view = users.add_user(
            admin, LOGINS[key], PASSWORD, role=role, site_code=site, team_queue="care"
        )
        world.user_ids[key] = view.id
    organisation.add_member(admin, "billing", LOGINS["F"])
    with uow() as unit:
        for key in ROLES:
            user = unit.get(User, world.user_ids[key])
            assert user is not None
            world.actors[key] = auth.actor_for(unit, user)
    agent = ServiceContext(uow, world.actors["A"])
    clerk = ServiceContext(uow, world.actors["C"])
    world.asked = _complaint(agent, "Double charge", Channel.PHONE, "lea@example.org")
    world.other = _complaint(agent, "Card blocked", Channel.PHONE)
    world.paris = _complaint(clerk, "Rude counter staff", Channel.SHOP)
    world.unowned = _complaint(admin, "Late refund", Channel.EMAIL, "lea@example.org")
    with uow() as unit:
        world.customer = detail.get_detail(admin, world.asked).customer_id
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        version = detail.get_detail(agent, world.asked).version
        lifecycle.change_status(agent, world.asked, status, version)
    version = detail.get_detail(agent, world.asked).version
    world.commitment = commitments.add(
        agent, world.asked, "Bank statement", datetime.now(UTC) + timedelta(days=5), version
    )
    version = detail.get_detail(agent, world.asked).version
    world.request = contributions.ask(agent, world.asked, ["billing"], "Why twice?", version)[0]
    spec = mailboxes.MailboxSpec("care", "imap.example.org", 993, "care@example.org")
    world.mailbox = mailboxes.add_mailbox(admin, spec, "imap-secret", FileSecrets(folder)).id
    return world


@pytest.fixture(scope="session")
def world_template(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, World]:
    """A migrated SQLite file holding the world, built once for the whole matrix."""
    folder = tmp_path_factory.mktemp("matrix")
    path = folder / "complaintdesk.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_database_engine(sqlite_url(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64))
        users.ensure_first_site(unit_of_work_factory(engine))
        catalogue.install_presets(unit_of_work_factory(engine))
        world = _build(unit_of_work_factory(engine), folder)
    engine.dispose()
    return path, world


@pytest.fixture
def desk(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Desk]:
    source, world = world_template
    path = tmp_path / "complaintdesk.db"
    shutil.copyfile(source, path)
    engine = create_database_engine(sqlite_url(path))
    yield Desk(world, unit_of_work_factory(engine), engine, tmp_path)
    engine.dispose()


Call = Callable[[ServiceContext, Desk], Any]


def _email(subject: str = "Still waiting") -> mail.InboundEmail:
    return mail.InboundEmail(
        message_id=f"<{uuid.uuid4()}@example.org>",
        subject=subject,
        sender="lea@example.org",
        sender_name="Léa Martin",
        recipients="care@example.org",
        received_at=None,
        body_text="Hello",
        body_original=None,
        in_reply_to=None,
        references=(),
        attachments=(),
        automatic=None,
        language="en",
    )


def _start(d: Desk) -> int:
    """Move ``other`` to in progress (as the administrator); return its version."""
    cid = d.world.other
    lifecycle.change_status(d.admin, cid, Status.ACKNOWLEDGED, d.version(cid))
    lifecycle.change_status(d.admin, cid, Status.IN_PROGRESS, d.version(cid))
    return d.version(cid)


def _resolve(ctx: ServiceContext, d: Desk) -> None:
    cid = d.world.other
    _start(d)
    lifecycle.resolve(
        ctx,
        cid,
        Resolution(Outcome.UPHELD, "Refunded", "billing-error", Decimal("12.50"), "EUR"),
        d.version(cid),
    )


def _no_connection(settings: Any) -> Any:
    raise AssertionError("nothing is queued: no connection expected")


def _import(ctx: ServiceContext, d: Desk) -> Any:
    row = imports.ImportedComplaint(
        1,
        intake.NewComplaint(Channel.LETTER, "Imported", "", CustomerInput("Old customer")),
        None,
        Status.NEW,
    )
    return imports.import_complaints(ctx, [row])


def _suspect() -> quarantine.Suspect:
    return quarantine.Suspect(
        "email", "eml", "anonymous.eml", quarantine.Problem.NO_SENDER, "no sender", b"Hi"
    )


def _held(d: Desk) -> uuid.UUID:
    """A waiting quarantine item, held by intake (the command line's actor)."""
    return quarantine.hold(d.admin, _suspect()).item_id


def _position(d: Desk) -> mailboxes.FolderPosition:
    return mailboxes.FolderPosition(d.world.mailbox, "INBOX", 7, 3)


W = "world"
CASES: list[tuple[str, str, Call, str]] = [
    # (service, case, call, roles allowed)
    ("audit_trail.verify_audit_trail", "", lambda c, d: audit_trail.verify_audit_trail(c), "D"),
    ("audit_trail.record_checkpoint", "", lambda c, d: audit_trail.record_checkpoint(c), "D"),
    ("audit_key.new_audit_key", "", lambda c, d: audit_key.new_audit_key(c, _keys(d)), "D"),
    ("audit_key.export_audit_key", "", lambda c, d: audit_key.export_audit_key(c), "D"),
    (
        "audit_key.import_audit_key",
        "",
        lambda c, d: audit_key.import_audit_key(c, _keys(d), _handed_key(d)),
        "D",
    ),
    ("checks.check_clocks", "", lambda c, d: checks.check_clocks(c), "D"),
    ("catalogue.copy_policy", "", lambda c, d: catalogue.copy_policy(c, "uk-fca", "x", "X"), "D"),
    ("catalogue.list_policies", "", lambda c, d: catalogue.list_policies(c), ALL),
    (
        "catalogue.preview_due",
        "",
        lambda c, d: catalogue.preview_due(c, "uk-fca", datetime(2026, 3, 2, 9, tzinfo=UTC)),
        "D",
    ),
    ("recompute.recompute", "", lambda c, d: recompute.recompute(c), "D"),
    (
        "catalogue.save_targets",
        "",
        lambda c, d: catalogue.save_targets(
            c,
            "iso-10002",
            list(
                next(p for p in catalogue.list_policies(c) if p.code == "iso-10002").targets[
                    "targets"
                ]
            ),
            "FR",
            0.75,
            True,
        ),
        "D",
    ),
    ("catalogue.set_active", "", lambda c, d: catalogue.set_active(c, "uk-fca", True), "D"),
    (
        "commitments.add",
        "own HQ complaint",
        lambda c, d: commitments.add(
            c, d.world.other, "Receipt", datetime.now(UTC) + timedelta(days=3), _start(d)
        ),
        "ASD",
    ),
    ("commitments.cancel", "", lambda c, d: commitments.cancel(c, d.world.commitment), "ASD"),
    ("commitments.fulfil", "", lambda c, d: commitments.fulfil(c, d.world.commitment), "ASD"),
    ("commitments.remind", "", lambda c, d: commitments.remind(c, d.world.commitment), "ASD"),
    (
        "detail.get_detail",
        "HQ, asked",
        lambda c, d: detail.get_detail(c, d.world.asked),
        "AFSD",
    ),
    (
        "detail.get_detail",
        "HQ, not asked",
        lambda c, d: detail.get_detail(c, d.world.other),
        "ASD",
    ),
    (
        "detail.get_detail",
        "PAR01",
        lambda c, d: detail.get_detail(c, d.world.paris),
        "ACSD",
    ),
    (
        "contributions.answer",
        "",
        lambda c, d: contributions.answer(c, d.world.request, "A duplicate batch."),
        "FSD",
    ),
    (
        "contributions.ask",
        "",
        lambda c, d: contributions.ask(
            c, d.world.other, ["billing"], "Why?", d.version(d.world.other)
        ),
        "ASD",
    ),
    (
        "contributions.asked_of_my_functions",
        "",
        lambda c, d: contributions.asked_of_my_functions(c),
        "FSD",
    ),
    (
        "contributions.cancel",
        "",
        lambda c, d: contributions.cancel(c, d.world.request, "No need"),
        "ASD",
    ),
    (
        "contributions.decline",
        "",
        lambda c, d: contributions.decline(c, d.world.request, "Not us"),
        "FSD",
    ),
    (
        "contributions.for_complaint",
        "HQ, asked",
        lambda c, d: contributions.for_complaint(c, d.world.asked),
        "AFSD",
    ),
    (
        "contributions.for_complaint",
        "PAR01",
        lambda c, d: contributions.for_complaint(c, d.world.paris),
        "ACSD",
    ),
    ("delivery.send_queued", "", lambda c, d: delivery.send_queued(c, _no_connection), HANDLERS),
    ("directory.categories", "", lambda c, d: directory.categories(c), ALL),
    ("directory.possible_owners", "", lambda c, d: directory.possible_owners(c), ALL),
    ("directory.root_causes", "", lambda c, d: directory.root_causes(c), ALL),
    ("imports.import_complaints", "", _import, "D"),
    ("mail.ingest_email", "", lambda c, d: mail.ingest_email(c, _email()), HANDLERS),
    (
        "storing.store_once",
        "",
        lambda c, d: storing.store_once(c, lambda uow: None, lambda uow: None),
        HANDLERS,
    ),
    ("outbox.write_held", "", lambda c, d: outbox.write_held(c), HANDLERS),
    ("quarantine.hold", "", lambda c, d: quarantine.hold(c, _suspect()), HANDLERS),
    ("quarantine.list_items", "", lambda c, d: quarantine.list_items(c), "SD"),
    ("quarantine.count_waiting", "", lambda c, d: quarantine.count_waiting(c), "SD"),
    ("quarantine.show", "", lambda c, d: quarantine.show(c, _held(d)), "SD"),
    ("quarantine.raw_of", "", lambda c, d: quarantine.raw_of(c, _held(d)), "SD"),
    ("quarantine.discard", "", lambda c, d: quarantine.discard(c, _held(d), "spam"), "SD"),
    (
        "quarantine.note_attempt",
        "",
        lambda c, d: quarantine.note_attempt(c, _held(d), None, "still no sender"),
        "SD",
    ),
    (
        "quarantine.settle_stored",
        "",
        lambda c, d: quarantine.settle_stored(c, _held(d), d.world.asked, None),
        "SD",
    ),
    (
        "release.release",
        "",
        lambda c, d: release.release(
            c,
            _held(d),
            release.ReleasedContent(Channel.EMAIL, "Parcel", "It never came."),
            release.ReleaseTarget(customer_id=d.world.customer),
        ),
        "SD",
    ),
    (
        "intake.record_complaint",
        "",
        lambda c, d: _complaint(c, "Phone complaint", Channel.PHONE),
        HANDLERS,
    ),
    (
        "lifecycle.change_status",
        "",
        lambda c, d: lifecycle.change_status(
            c, d.world.other, Status.ACKNOWLEDGED, d.version(d.world.other)
        ),
        "ASD",
    ),
    ("lifecycle.resolve", "", _resolve, "ASD"),
    (
        "lifecycle.withdraw",
        "",
        lambda c, d: lifecycle.withdraw(
            c, d.world.other, "Customer called back", d.version(d.world.other)
        ),
        "ASD",
    ),
    (
        "mailboxes.add_mailbox",
        "",
        lambda c, d: mailboxes.add_mailbox(
            c,
            mailboxes.MailboxSpec("sales", "imap.example.org", 993, "sales@example.org"),
            "pw-secret",
            FileSecrets(d.data_dir),
        ),
        "D",
    ),
    ("mailboxes.list_mailboxes", "", lambda c, d: mailboxes.list_mailboxes(c), HANDLERS),
    ("mailboxes.skip", "", lambda c, d: mailboxes.skip(c, _position(d)), HANDLERS),
    (
        "mailboxes.start_folder",
        "",
        lambda c, d: mailboxes.start_folder(c, d.world.mailbox, "INBOX", 7),
        HANDLERS,
    ),
    (
        "messages.add_note",
        "HQ",
        lambda c, d: messages.add_note(c, d.world.asked, "Called back"),
        "ASD",
    ),
    (
        "messages.add_note",
        "PAR01",
        lambda c, d: messages.add_note(c, d.world.paris, "Called back"),
        "ACSD",
    ),
    (
        "messages.record_inbound",
        "",
        lambda c, d: messages.record_inbound(
            c, d.world.asked, messages.InboundMessage(Channel.PHONE, "She called again")
        ),
        "ASD",
    ),
    (
        "messages.record_response",
        "",
        lambda c, d: messages.record_response(
            c, d.world.asked, Channel.PHONE, "We are on it", d.version(d.world.asked)
        ),
        "ASD",
    ),
    ("notifications.mark_read", "", lambda c, d: notifications.mark_read(c, []), ALL),
    ("notifications.unread", "", lambda c, d: notifications.unread(c), ALL),
    (
        "organisation.add_category",
        "",
        lambda c, d: organisation.add_category(c, "fees", "Fees"),
        "D",
    ),
    (
        "organisation.add_function",
        "",
        lambda c, d: organisation.add_function(c, "legal", "Legal"),
        "D",
    ),
    ("organisation.add_member", "", lambda c, d: organisation.add_member(c, "billing", "ann"), "D"),
    (
        "organisation.add_root_cause",
        "",
        lambda c, d: organisation.add_root_cause(c, "typo", "Typo", None),
        "D",
    ),
    (
        "organisation.add_site",
        "",
        lambda c, d: organisation.add_site(c, "LYO01", "Lyon", SiteKind.BRANCH, "Europe/Paris"),
        "D",
    ),
    (
        "organisation.site_for_country",
        "",
        lambda c, d: organisation.site_for_country(c, "US", "US", "US", "America/New_York"),
        "D",
    ),
    (
        "organisation.ensure_root_cause",
        "",
        lambda c, d: organisation.ensure_root_cause(
            c, "billing-error", "Billing error", None, None
        ),
        "D",
    ),
    ("organisation.list_functions", "", lambda c, d: organisation.list_functions(c), ALL),
    ("outbox.list_outbox", "", lambda c, d: outbox.list_outbox(c), HANDLERS),
    (
        "outbox.queue_email_reply",
        "",
        lambda c, d: outbox.queue_email_reply(c, d.world.asked, "Hello", d.version(d.world.asked)),
        "ASD",
    ),
    (
        "ownership.assign",
        "",
        lambda c, d: ownership.assign(
            c, d.world.unowned, d.world.user_ids["A"], d.version(d.world.unowned)
        ),
        "SD",
    ),
    (
        "ownership.take",
        "HQ",
        lambda c, d: ownership.take(c, d.world.unowned, d.version(d.world.unowned)),
        "AS",
    ),
    (
        "ownership.transfer",
        "",
        lambda c, d: ownership.transfer(
            c, d.world.other, d.world.user_ids["S"], "Holiday", d.version(d.world.other)
        ),
        "ASD",
    ),
    (
        "ownership.restore_owner",
        "",
        lambda c, d: ownership.restore_owner(
            c, d.world.other, d.world.user_ids["S"], "undo", d.version(d.world.other)
        ),
        "ASD",
    ),
    ("queues.count", "", lambda c, d: queues.count(c, QueueKind.ALL_OPEN), ALL),
    ("queues.page", "", lambda c, d: queues.page(c, QueueRequest(QueueKind.ALL_OPEN)), ALL),
    (
        "routing_rules.add_rule",
        "",
        lambda c, d: routing_rules.add_rule(
            c, routing_rules.RuleSpec("Cards", {"keywords": ["card"]})
        ),
        "D",
    ),
    (
        "routing_rules.install_rule_set",
        "",
        lambda c, d: routing_rules.install_rule_set(c, {"rules": []}),
        "D",
    ),
    ("routing_rules.list_rules", "", lambda c, d: routing_rules.list_rules(c), ALL),
    (
        "routing_rules.preview",
        "HQ, asked",
        lambda c, d: routing_rules.preview(c, d.world.asked),
        "AFSD",
    ),
    (
        "routing_rules.preview",
        "PAR01",
        lambda c, d: routing_rules.preview(c, d.world.paris),
        "ACSD",
    ),
    (
        "exports.export_queue",
        "",
        lambda c, d: exports.export_queue(
            c, QueueRequest(QueueKind.ALL_OPEN), d.data_dir / "queue.csv"
        ),
        "SD",
    ),
    (
        "dashboard.dashboard",
        "",
        lambda c, d: dashboard.dashboard(
            c, dashboard.DashboardRequest(_month_ago(), datetime.now(UTC)), datetime.now(UTC)
        ),
        "SD",
    ),
    ("dashboard.sites", "", lambda c, d: dashboard.sites(c), "SD"),
    (
        "cfpb_export.export_cfpb",
        "",
        lambda c, d: cfpb_export.export_cfpb(c, d.data_dir / "cfpb.csv"),
        "SD",
    ),
    (
        "fca_return.complaints_return",
        "",
        lambda c, d: fca_return.complaints_return(c, _month_ago().date(), date.today()),
        "SD",
    ),
    ("search.search", "", lambda c, d: search.search(c, "charged"), ALL),
    (
        "audit_log.audit_page",
        "HQ, asked",
        lambda c, d: audit_log.audit_page(c, audit_log.AuditQuery(complaint_id=d.world.asked)),
        "AFSD",
    ),
    (
        "audit_log.audit_page",
        "PAR01",
        lambda c, d: audit_log.audit_page(c, audit_log.AuditQuery(complaint_id=d.world.paris)),
        "ACSD",
    ),
    (
        "audit_log.audit_page",
        "a user's",
        lambda c, d: audit_log.audit_page(c, audit_log.AuditQuery(login="ann")),
        "D",
    ),
    (
        "subject_rights.find_customer",
        "",
        lambda c, d: subject_rights.find_customer(c, "lea@example.org"),
        "D",
    ),
    (
        "subject_rights.export_customer",
        "",
        lambda c, d: subject_rights.export_customer(c, d.world.customer),
        "D",
    ),
    (
        "subject_rights.erase_customer",
        "",
        lambda c, d: subject_rights.erase_customer(c, d.world.customer, "Art. 17"),
        "D",
    ),
    (
        "retention.apply_retention",
        "",
        lambda c, d: retention.apply_retention(c, dry_run=True),
        "D",
    ),
    (
        "retention.backups_predating_erasures",
        "",
        lambda c, d: retention.backups_predating_erasures(c, Path("/no/backups/here")),
        "D",
    ),
    (
        "retention.handle_backups",
        "",
        lambda c, d: retention.handle_backups(c, Path("/no/backups/here"), dry_run=True),
        "D",
    ),
    ("erasure_status.erasure_states", "", lambda c, d: erasure_status.erasure_states(c), "D"),
    (
        "credentials.change_password",
        "",
        lambda c, d: credentials.change_password(c, PASSWORD, "another long password"),
        ALL,
    ),
    ("credentials.confirm", "", lambda c, d: credentials.confirm(c, PASSWORD), ALL),
    ("credentials.must_change", "", lambda c, d: credentials.must_change(c), ALL),
    (
        "credentials.reset_password",
        "",
        lambda c, d: credentials.reset_password(c, "ann", "temporary password"),
        "D",
    ),
    (
        "users.add_user",
        "",
        lambda c, d: users.add_user(c, "newbie", PASSWORD, role=Role.AGENT, site_code="HQ"),
        "D",
    ),
]


# --- services of the other desks (phone, counter, problems, social, views, sync…) ---------


def _ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def _target(d: Desk, complaint_id: uuid.UUID) -> bulk_actions.BulkTarget:
    reference = detail.get_detail(d.admin, complaint_id).reference
    return bulk_actions.BulkTarget(complaint_id, reference, d.version(complaint_id))


def _problem(d: Desk) -> uuid.UUID:
    return problems.create(d.admin, problems.NewProblem("Double charges"), [d.world.asked])


def _second_customer(d: Desk) -> uuid.UUID:
    other = intake.record_complaint(
        d.admin,
        intake.NewComplaint(
            Channel.PHONE,
            "Another",
            "",
            CustomerInput("L. Martin", [(ContactKind.PHONE, "06 98 76 54 32")]),
        ),
    )
    return other.customer_id


def _customer_merge(d: Desk) -> uuid.UUID:
    return merge.merge(d.admin, d.world.customer, _second_customer(d), "Same").merge_id


def _sender_link(d: Desk) -> uuid.UUID:
    return linking.link_sender(d.admin, _social(d), d.world.customer).merge_id


def _complaint_merge(d: Desk) -> uuid.UUID:
    return merging.merge(d.admin, d.world.asked, d.world.other).merge_id


def _link(d: Desk) -> uuid.UUID:
    return links.link(d.admin, d.world.asked, d.world.other)


def _delivered(d: Desk) -> uuid.UUID:
    """The world's commitment, proposed as fulfilled by a call of the customer."""
    calls.log_call(d.admin, d.world.asked, calls.CallNotes(Direction.INBOUND, "Statement sent"))
    return d.world.commitment


def _view(c: ServiceContext) -> uuid.UUID:
    member = c.actor.role is Role.FUNCTION_MEMBER
    queue = QueueKind.ASKED if member else QueueKind.ALL_OPEN
    return views.save_view(c, "Mine", QueueRequest(queue))


def _count_view(c: ServiceContext) -> int:
    made = _view(c)
    return views.count_view(c, next(v for v in views.list_views(c) if v.id == made))


def _social(d: Desk) -> uuid.UUID:
    """An unowned complaint that came as a direct message, at HQ (made once per test)."""
    if not hasattr(d, "social"):
        outcome = social.ingest_post(d.admin, _post())
        assert outcome.complaint_id is not None
        d.social = outcome.complaint_id  # type: ignore[attr-defined]
    found: uuid.UUID = d.social  # type: ignore[attr-defined]
    return found


def _post() -> social.InboundPost:
    return social.InboundPost(
        platform="x",
        kind="message",
        post_id=str(uuid.uuid4()),
        author_id="42",
        author_handle="lea",
        author_name="Léa Martin",
        text="Charged twice!",
        occurred_at=None,
        conversation=str(uuid.uuid4()),
    )


LENIENT = "~"
"""Prefix of an entry whose allowed roles may meet NotFound (an id made up for the call);
the others must be refused with PermissionDenied itself."""

CASES += [
    (
        "bulk_actions.change_priority",
        "",
        lambda c, d: bulk_actions.change_priority(c, _target(d, d.world.asked), Priority.HIGH),
        "SD",
    ),
    (
        "bulk_actions.change_status",
        "",
        lambda c, d: bulk_actions.change_status(
            c, [_target(d, d.world.other)], Status.ACKNOWLEDGED
        ),
        "SD",
    ),
    (
        "bulk_actions.reassign",
        "",
        lambda c, d: bulk_actions.reassign(
            c, [_target(d, d.world.other)], d.world.user_ids["S"], "Holiday"
        ),
        "SD",
    ),
    (
        "bulk_actions.set_priority",
        "",
        lambda c, d: bulk_actions.set_priority(c, [_target(d, d.world.other)], Priority.LOW),
        "SD",
    ),
    (
        "bulk_actions.restore_priorities",
        "",
        lambda c, d: bulk_actions.restore_priorities(
            c, [(_target(d, d.world.other), Priority.LOW)]
        ),
        "SD",
    ),
    ("callers.screen_pop", "", lambda c, d: callers.screen_pop(c, "06 12 34 56 78"), HANDLERS),
    (
        "calls.log_call",
        "",
        lambda c, d: calls.log_call(
            c, d.world.asked, calls.CallNotes(Direction.INBOUND, "She called again")
        ),
        "ASD",
    ),
    (
        "calls.record_from_call",
        "",
        lambda c, d: calls.record_from_call(
            c, calls.CallComplaint("06 12 34 56 78", "Card blocked", "Cannot pay")
        ),
        HANDLERS,
    ),
    ("change_watch.latest_change", "", lambda c, d: change_watch.latest_change(c), ALL),
    ("change_watch.schema_moved", "", lambda c, d: change_watch.schema_moved(c), ALL),
    ("clusters.detect", "", lambda c, d: clusters.detect(c, _ago(30), _ago(0)), "SD"),
    ("sync_conflicts.open_conflicts", "", lambda c, d: sync_conflicts.open_conflicts(c), "SD"),
    (
        "sync_conflicts.settle",
        "",
        lambda c, d: sync_conflicts.settle(c, uuid.uuid4(), keep_other=False),
        LENIENT + "SD",
    ),
    ("workstations.list_workstations", "", lambda c, d: workstations.list_workstations(c), "D"),
    ("workstations.retire", "", lambda c, d: workstations.retire(c, "NOPE.9"), LENIENT + "D"),
    (
        "workstations.set_clock_tolerance",
        "",
        lambda c, d: workstations.set_clock_tolerance(c, 5),
        "D",
    ),
    ("counter.find_customers", "", lambda c, d: counter.find_customers(c, "Martin"), HANDLERS),
    (
        "counter.record_counter_complaint",
        "",
        lambda c, d: counter.record_counter_complaint(
            c, counter.CounterComplaint(CustomerInput("Léa Martin"), "Rude staff")
        ),
        HANDLERS,
    ),
    (
        "merge.merge",
        "",
        lambda c, d: merge.merge(c, d.world.customer, _second_customer(d), "Same person"),
        "SD",
    ),
    ("merge.undo", "a merge", lambda c, d: merge.undo(c, _customer_merge(d)), "SD"),
    ("merge.undo", "a link", lambda c, d: merge.undo(c, _sender_link(d)), "ASD"),
    ("linking.proposals", "", lambda c, d: linking.proposals(c, d.world.asked), "ASD"),
    (
        "linking.link_sender",
        "",
        lambda c, d: linking.link_sender(c, _social(d), d.world.customer),
        "ASD",
    ),
    (
        "merging.merge",
        "",
        lambda c, d: merging.merge(c, d.world.asked, d.world.other, "Same refund"),
        "ASD",
    ),
    ("merging.undo", "", lambda c, d: merging.undo(c, _complaint_merge(d)), "ASD"),
    (
        "merging.ids_of",
        "HQ, not asked",
        lambda c, d: merging.ids_of(c, [detail.get_detail(d.admin, d.world.other).reference]),
        "ASD",
    ),
    ("links.overview", "HQ, asked", lambda c, d: links.overview(c, d.world.asked), "AFSD"),
    ("links.link", "", lambda c, d: links.link(c, d.world.asked, d.world.other), "ASD"),
    ("links.unlink", "", lambda c, d: links.unlink(c, _link(d)), "ASD"),
    ("answer_route.route", "", lambda c, d: answer_route.route(c, d.world.asked), "ASD"),
    (
        "answer_route.reply",
        "",
        lambda c, d: answer_route.reply(c, d.world.asked, "Refunded.", d.version(d.world.asked)),
        "ASD",
    ),
    (
        "answer_route.set_preferred_channel",
        "",
        lambda c, d: answer_route.set_preferred_channel(c, d.world.customer, Channel.EMAIL),
        HANDLERS,
    ),
    ("followups.run", "", lambda c, d: followups.run(c), HANDLERS),
    ("commitments.not_yet", "", lambda c, d: commitments.not_yet(c, _delivered(d)), "ASD"),
    (
        "company_accounts.add_account",
        "",
        lambda c, d: company_accounts.add_account(c, "x", "@acme", "99", "Acme"),
        "D",
    ),
    (
        "company_accounts.list_accounts",
        "",
        lambda c, d: company_accounts.list_accounts(c),
        HANDLERS,
    ),
    (
        "timeline.customer_card",
        "",
        lambda c, d: timeline.customer_card(c, d.world.customer),
        HANDLERS,
    ),
    ("duplicates.all_pairs", "", lambda c, d: duplicates.all_pairs(c), "SD"),
    (
        "duplicates.candidates",
        "",
        lambda c, d: duplicates.candidates(c, d.world.customer),
        HANDLERS,
    ),
    ("problems.add_action", "", lambda c, d: problems.add_action(c, _problem(d), "Fix it"), "SD"),
    (
        "problems.assign",
        "",
        lambda c, d: problems.assign(c, _problem(d), d.world.user_ids["S"]),
        "SD",
    ),
    ("problems.attach", "", lambda c, d: problems.attach(c, _problem(d), [d.world.other]), "ASD"),
    (
        "problems.create",
        "",
        lambda c, d: problems.create(c, problems.NewProblem("Card readers"), [d.world.other]),
        "ASD",
    ),
    ("problems.detach", "", lambda c, d: (_problem(d), problems.detach(c, d.world.asked)), "ASD"),
    ("problems.get_problem", "", lambda c, d: problems.get_problem(c, _problem(d)), "ASD"),
    ("problems.list_problems", "", lambda c, d: problems.list_problems(c), ALL),
    (
        "problems.set_status",
        "",
        lambda c, d: problems.set_status(c, _problem(d), problems.ProblemStatus.CLOSED),
        "SD",
    ),
    ("queue_choices.filter_choices", "", lambda c, d: queue_choices.filter_choices(c), ALL),
    ("receipts.receipt", "PAR01", lambda c, d: receipts.receipt(c, d.world.paris), "ACSD"),
    (
        "receipts.receipt_by_reference",
        "HQ, not asked",
        lambda c, d: receipts.receipt_by_reference(
            c, detail.get_detail(d.admin, d.world.other).reference
        ),
        "ASD",
    ),
    ("root_causes.add", "", lambda c, d: root_causes.add(c, "typo", "Typo"), "D"),
    ("root_causes.list_root_causes", "", lambda c, d: root_causes.list_root_causes(c), ALL),
    (
        "root_causes.move",
        "",
        lambda c, d: root_causes.move(c, "billing-error", None),
        "D",
    ),
    (
        "root_causes.rename",
        "",
        lambda c, d: root_causes.rename(c, "billing-error", "Billing mistake", None),
        "D",
    ),
    ("root_causes.resolution_choices", "", lambda c, d: root_causes.resolution_choices(c), ALL),
    (
        "root_causes.set_active",
        "",
        lambda c, d: root_causes.set_active(c, "billing-error", False),
        "D",
    ),
    (
        "root_causes.set_function",
        "",
        lambda c, d: root_causes.set_function(c, "billing-error", None),
        "D",
    ),
    (
        "root_causes.set_regulatory_cause",
        "",
        lambda c, d: root_causes.set_regulatory_cause(c, "billing-error", "general_admin"),
        "D",
    ),
    ("scopes.scope_options", "", lambda c, d: scopes.scope_options(c), "D"),
    ("scopes.show_policy", "", lambda c, d: scopes.show_policy(c, "uk-fca"), ALL),
    (
        "scopes.set_scope",
        "",
        lambda c, d: scopes.set_scope(c, "uk-fca", {"countries": ["GB"], "sites": ["PAR01"]}),
        "D",
    ),
    (
        "scopes.which_policy",
        "",
        lambda c, d: scopes.which_policy(c, "PAR01", Channel.EMAIL),
        "D",
    ),
    (
        "template_admin.template_kinds_list",
        "",
        lambda c, d: template_admin.template_kinds_list(c),
        HANDLERS,
    ),
    ("template_admin.list_templates", "", lambda c, d: template_admin.list_templates(c), "D"),
    (
        "template_admin.preview_template",
        "",
        lambda c, d: template_admin.preview_template(c, "canned.x", "fr", "T", "{{ reference }}"),
        "D",
    ),
    (
        "template_admin.save_template",
        "",
        lambda c, d: template_admin.save_template(
            c, "canned.x", "en", "T", "Hello {{ customer_name }}"
        ),
        "D",
    ),
    (
        "template_admin.reset_template",
        "",
        lambda c, d: template_admin.reset_template(c, "acknowledgement", "en"),
        "D",
    ),
    (
        "template_admin.add_canned_response",
        "",
        lambda c, d: template_admin.add_canned_response(c, "Thanks", "en", "Thank you."),
        "D",
    ),
    (
        "template_admin.remove_canned_response",
        "",
        lambda c, d: template_admin.remove_canned_response(c, "canned.call-back", "en"),
        "D",
    ),
    (
        "template_admin.canned_responses",
        "",
        lambda c, d: template_admin.canned_responses(c, "refund", "en"),
        HANDLERS,
    ),
    (
        "template_admin.render_canned_response",
        "",
        lambda c, d: template_admin.render_canned_response(c, d.world.asked, "canned.refund-sent"),
        "ASD",
    ),
    (
        "template_admin.draft_letter",
        "",
        lambda c, d: template_admin.draft_letter(c, d.world.asked, LetterKind.FINAL_RESPONSE),
        "ASD",
    ),
    ("satisfaction.figures", "", lambda c, d: satisfaction.figures(c, _ago(30), _ago(0)), "FSD"),
    (
        "satisfaction.record_scores",
        "",
        lambda c, d: (
            _resolve(d.admin, d),
            satisfaction.record_scores(c, d.world.other, Scores(4), Channel.PHONE),
        ),
        "ASD",
    ),
    ("social.ingest_post", "", lambda c, d: social.ingest_post(c, _post()), HANDLERS),
    (
        "social_gateways.add_gateway",
        "",
        lambda c, d: social_gateways.add_gateway(
            c, "x", "http://127.0.0.1:9/", "token-secret", FileSecrets(d.data_dir)
        ),
        "D",
    ),
    ("social_gateways.list_gateways", "", lambda c, d: social_gateways.list_gateways(c), HANDLERS),
    (
        "social_gateways.list_social_outbox",
        "",
        lambda c, d: social_gateways.list_social_outbox(c),
        HANDLERS,
    ),
    (
        "social_gateways.note_poll",
        "",
        lambda c, d: social_gateways.note_poll(c, uuid.uuid4(), None),
        LENIENT + HANDLERS,
    ),
    (
        "social_gateways.queue_social_reply",
        "",
        lambda c, d: social_gateways.queue_social_reply(
            c, _social(d), "We are on it", d.version(_social(d))
        ),
        "ASD",
    ),
    (
        "social_gateways.send_replies",
        "",
        lambda c, d: social_gateways.send_replies(c, None, "no gateway"),
        HANDLERS,
    ),
    (
        "views.count_view",
        "",
        lambda c, d: _count_view(c),
        ALL,
    ),
    ("views.delete_view", "", lambda c, d: views.delete_view(c, _view(c)), ALL),
    ("views.list_views", "", lambda c, d: views.list_views(c), ALL),
    ("views.rename_view", "", lambda c, d: views.rename_view(c, _view(c), "Renamed"), ALL),
    ("views.save_view", "", lambda c, d: _view(c), ALL),
    (
        "voice_of_customer.monthly",
        "",
        lambda c, d: voice_of_customer.monthly(c, "billing", _ago(0).strftime("%Y-%m")),
        "FSD",
    ),
    ("workload.workload", "", lambda c, d: workload.workload(c), "SD"),
    # The agent's workspace (issue 19): replies, drafts, canned responses, presence, names.
    (
        "replies.send_reply",
        "",
        lambda c, d: replies.send_reply(
            c, d.world.asked, Channel.PHONE, "We are on it", d.version(d.world.asked)
        ),
        "ASD",
    ),
    (
        "replies.deliver",
        "",
        lambda c, d: replies.deliver(
            c, d.world.asked, Channel.PHONE, "We are on it", d.version(d.world.asked)
        ),
        "ASD",
    ),
    ("replies.add_note", "", lambda c, d: replies.add_note(c, d.world.asked, "Noted"), "ASD"),
    (
        "replies.save_draft",
        "",
        lambda c, d: replies.save_draft(
            c, d.world.asked, replies.Draft(replies.NOTE, None, "Half", d.version(d.world.asked))
        ),
        "ASD",
    ),
    ("replies.draft_of", "", lambda c, d: replies.draft_of(c, d.world.asked), "ASD"),
    ("replies.discard_draft", "", lambda c, d: replies.discard_draft(c, d.world.asked), "ASD"),
    ("replies.canned_responses", "", lambda c, d: replies.canned_responses(c, "en"), HANDLERS),
    (
        "replies.render_canned",
        "",
        lambda c, d: replies.render_canned(c, d.world.asked, "canned.holding-reply"),
        "ASD",
    ),
    (
        "presence.announce",
        "",
        lambda c, d: presence.announce(c, uuid.uuid4(), d.world.asked),
        "AFSD",
    ),
    ("presence.leave", "", lambda c, d: presence.leave(c, uuid.uuid4()), ALL),
    (
        "presence.others_on",
        "",
        lambda c, d: presence.others_on(c, uuid.uuid4(), d.world.asked),
        "AFSD",
    ),
    ("presence.open_listener", "", lambda c, d: presence.open_listener(c), ALL),
    (
        "team_queues.name_team_queue",
        "",
        lambda c, d: team_queues.name_team_queue(c, "care-hq", "Customer care"),
        "D",
    ),
    ("team_queues.team_queue_names", "", lambda c, d: team_queues.team_queue_names(c), ALL),
    ("queue_choices.site_time_zones", "", lambda c, d: queue_choices.site_time_zones(c), ALL),
]


def _keys(d: Desk) -> Secrets:
    """This test's own place for audit keys (never the keyring of the machine running it)."""
    return Secrets(d.data_dir, use_keyring=False)


def _handed_key(d: Desk) -> str:
    """A key an administrator made and exported, as it is handed to another computer."""
    audit_key.new_audit_key(d.admin, _keys(d))
    return audit_key.export_audit_key(d.admin)[1]


def _month_ago() -> datetime:
    return datetime.now(UTC) - timedelta(days=30)


def _service_functions() -> set[str]:
    """Return ``module.function`` of every public service taking a ``ServiceContext``."""
    found: set[str] = set()
    package = complaintdesk.services
    for module_info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(module_info.name)
        short = module_info.name.rsplit(".", 1)[-1]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters.values())
            if parameters and "ServiceContext" in str(parameters[0].annotation):
                found.add(f"{short}.{name}")
    return found


def test_every_service_function_has_an_entry_in_the_table() -> None:
    listed = {service for service, *_ in CASES}

    missing = _service_functions() - listed

    assert not missing, f"services without a permission entry in CASES: {sorted(missing)}"
    assert not listed - _service_functions(), "entries for services that no longer exist"


def _params() -> Iterator[Any]:
    for service, case, call, allowed in CASES:
        for key in ROLES:
            label = f"{service}[{case}]-{LOGINS[key]}" if case else f"{service}-{LOGINS[key]}"
            lenient = allowed.startswith(LENIENT)
            yield pytest.param(call, key, key in allowed, lenient, id=label.replace(" ", "_"))


@pytest.mark.parametrize(("call", "role", "allowed", "lenient"), list(_params()))
def test_each_role_is_allowed_or_refused_as_the_table_says(
    desk: Desk, call: Call, role: str, allowed: bool, lenient: bool
) -> None:
    ctx = ServiceContext(desk.uow, desk.world.actors[role])
    if lenient and allowed:
        with contextlib.suppress(NotFound):
            call(ctx, desk)
    elif allowed:
        call(ctx, desk)
    else:
        with pytest.raises(PermissionDenied if lenient else (PermissionDenied, NotFound)):
            call(ctx, desk)


# What each role sees, not only whether a call is refused.


def _references(d: Desk, *ids: uuid.UUID) -> set[str]:
    return {detail.get_detail(d.admin, i).reference for i in ids}


@pytest.mark.parametrize(
    ("role", "queue", "visible"),
    [
        ("A", QueueKind.ALL_OPEN, ("asked", "other", "paris", "unowned")),
        ("S", QueueKind.ALL_OPEN, ("asked", "other", "paris", "unowned")),
        ("C", QueueKind.ALL_OPEN, ("paris",)),
        ("F", QueueKind.ALL_OPEN, ("asked",)),
        ("F", QueueKind.ASKED, ("asked",)),
    ],
)
def test_queues_hold_only_the_complaints_the_role_may_see(
    desk: Desk, role: str, queue: QueueKind, visible: tuple[str, ...]
) -> None:
    ctx = ServiceContext(desk.uow, desk.world.actors[role])

    rows = queues.page(ctx, QueueRequest(queue)).rows

    expected = _references(desk, *(getattr(desk.world, name) for name in visible))
    assert {r.reference for r in rows} == expected
    assert queues.count(ctx, queue) == len(expected)


@pytest.mark.parametrize(("role", "found"), [("A", 4), ("C", 1), ("F", 1)])
def test_search_finds_only_what_the_role_may_see(desk: Desk, role: str, found: int) -> None:
    ctx = ServiceContext(desk.uow, desk.world.actors[role])

    assert len(search.search(ctx, "charged twice")) == found


def test_a_function_member_reads_the_asked_complaint_without_contact_details(desk: Desk) -> None:
    agent = ServiceContext(desk.uow, desk.world.actors["A"])
    member = ServiceContext(desk.uow, desk.world.actors["F"])
    mail.ingest_email(agent, _email(f"Re: {detail.get_detail(agent, desk.world.asked).reference}"))

    seen_by_agent = detail.get_detail(agent, desk.world.asked)
    seen_by_member = detail.get_detail(member, desk.world.asked)

    assert {c.value for c in seen_by_agent.contacts} == {"+33612345678", "lea@example.org"}
    assert seen_by_member.contacts == ()
    assert seen_by_member.subject == seen_by_agent.subject
    assert seen_by_member.customer_name == "Léa Martin"
    shown = repr(seen_by_member)
    assert "lea@example.org" not in shown
    assert "+33612345678" not in shown
    assert "lea@example.org" in repr(seen_by_agent)


def test_a_function_member_cannot_find_a_complaint_by_the_customer_s_phone_or_email(
    desk: Desk,
) -> None:
    agent = ServiceContext(desk.uow, desk.world.actors["A"])
    member = ServiceContext(desk.uow, desk.world.actors["F"])

    assert search.search(agent, "lea@example.org")
    assert search.search(agent, "06 12 34 56 78")
    assert search.search(member, "06 12 34 56 78") == ()
