"""A branch replica: made from the central server once, then kept in step round by round."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, exc, func, insert, select, text
from sqlalchemy.engine import URL, make_url

from complaintdesk.domain.errors import (
    ComplaintDeskError,
    DatabaseError,
    DatabaseUnreachable,
    ValidationError,
)
from complaintdesk.services.replicas.replication import RoundSummary, SyncFacts
from complaintdesk.storage import audit_chains, audit_keys, database, schema, search_index
from complaintdesk.storage.audit_chains import CHAINS
from complaintdesk.storage.models import (
    Base,
    Complaint,
    ReplicaState,
    Site,
    SiteSequence,
    SyncConflict,
)
from complaintdesk.storage.secrets import Secrets
from complaintdesk.storage.unit_of_work import unit_of_work_factory
from complaintdesk.sync import copying, rounds
from complaintdesk.sync.arrivals import number_arrivals
from complaintdesk.sync.entries import CHANGE_LOG
from complaintdesk.sync.errors import CentralUnreachable, NotABranch, SchemaMismatch, SyncError

log = logging.getLogger(__name__)
AUDIT_BATCH = 5_000
REPLICA: Table = ReplicaState.__table__  # type: ignore[assignment]
SEQUENCE: Table = SiteSequence.__table__  # type: ignore[assignment]


def secret_name(site_code: str) -> str:
    """Name of the central server's password in the keyring or the secrets folder."""
    return f"central-{site_code.lower()}"


def without_password(url: str) -> tuple[str, str | None]:
    """Split a database URL into the URL to store and its password (never stored)."""
    parsed = make_url(url)
    bare = URL.create(
        parsed.drivername,
        parsed.username,
        None,
        parsed.host,
        parsed.port,
        parsed.database,
        parsed.query,
    )
    return bare.render_as_string(hide_password=False), parsed.password


@contextmanager
def central_engine(url: str) -> Iterator[Engine]:
    """Open the central server, turning every way it can fail into one clear error."""
    try:
        engine = database.create_database_engine(url, create_file=False)
    except ComplaintDeskError as error:
        raise CentralUnreachable(f"The central server does not answer: {error}") from None
    try:
        yield engine
    except exc.OperationalError as error:  # dropped in the middle of a round
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CentralUnreachable(f"The connection to the central server broke: {detail}") from None
    except DatabaseUnreachable as error:  # the same, seen through a unit of work
        raise CentralUnreachable(f"The connection to the central server broke: {error}") from None
    finally:
        engine.dispose()


def check_schemas(local: Engine, central: Engine) -> None:
    """Refuse to exchange anything with a central server at another schema version."""
    mine = schema.status(local).current
    theirs = schema.status(central).current
    if mine != theirs:
        raise SchemaMismatch(
            f"The central server is at schema {theirs or 'none'} and this workstation at "
            f"{mine or 'none'}: sync is off until both run the same ComplaintDesk version. "
            "Work carries on here and is sent once they match."
        )


@dataclass(frozen=True)
class InitSummary:
    """What ``branch init`` copied."""

    site: str
    central: str
    rows: int
    complaints: int
    audit_events: int
    cursor: int
    refreshed: bool


def init_branch(local: Engine, central_url: str, site_code: str, data_dir: Path) -> InitSummary:
    """Make the local database a replica of ``site_code``'s part of the central server.

    Running it again on the same branch copies what is missing and changes nothing else.

    Raises:
        CentralUnreachable: the central server does not answer.
        SchemaMismatch: the central server runs another schema version.
        ValidationError: the site is unknown, or this database holds other work.
    """
    site_code = site_code.strip().upper()
    schema.prepare_embedded(local, data_dir / "backups")
    stored_url, password = without_password(central_url)
    with central_engine(central_url) as central:
        check_schemas(local, central)
        with central.begin() as connection:
            number_arrivals(connection)  # the cursor below is past every committed entry
        # One snapshot: the rows copied and the cursor past them agree.
        with central.connect().execution_options(isolation_level="REPEATABLE READ") as source:
            site_id = source.scalar(select(Site.id).where(Site.code == site_code))
            if site_id is None:
                raise ValidationError(f"The central server has no site {site_code!r}.")
            with local.begin() as target:
                refreshed = _prepare_local(target, site_code, stored_url)
                summary = _copy(source, target, site_id)
                cursor = _set_identity(source, target, site_code, stored_url, refreshed)
                search_index.refresh(target, summary["complaint_ids"])
            source.rollback()
        _mark_central(central)
    if password:
        reference = Secrets(data_dir).put(secret_name(site_code), password)
        with local.begin() as target:
            target.execute(REPLICA.update().values(central_secret=reference))
    return InitSummary(
        site_code,
        database.describe(central_url),
        summary["rows"],
        len(summary["complaint_ids"]),
        summary["audit_events"],
        cursor,
        refreshed,
    )


def _prepare_local(target: Connection, site_code: str, central_url: str) -> bool:
    """Empty a new local database; return True if it already is this branch (a re-run)."""
    state = target.execute(select(ReplicaState).limit(1)).first()
    if state is not None and state.mode == "branch":
        if state.site_code != site_code or state.central_url != central_url:
            raise ValidationError(
                f"This database is already the branch {state.site_code} of "
                f"{database.describe(state.central_url or '')}; use another data folder."
            )
        return True
    if target.scalar(select(func.count()).select_from(Complaint)):
        raise ValidationError(
            "This database already holds complaints: a branch starts from an empty database "
            "(use another data folder, or export its work first)."
        )
    # Only what a new installation writes by itself is here (first site, presets): the
    # central server's copies replace them.
    for table in reversed(Base.metadata.sorted_tables):
        target.execute(delete(table))
    target.execute(text(f"DELETE FROM {search_index.KEY_TABLE}"))
    target.execute(text(f"DELETE FROM {search_index.SEARCH_TABLE}"))
    return False


def _copy(source: Connection, target: Connection, site_id: Any) -> dict[str, Any]:
    rows = 0
    reference: set[Any] = set()
    for table in copying.reference_tables():
        reference |= copying.copy_where(source, target, table)
    rows += len(reference)
    complaint = Complaint.__table__
    mine = set(source.scalars(select(complaint.c.id).where(complaint.c.site_id == site_id)))
    copied = copying.ensure_present(source, target, {"complaint": mine})
    for table in copying.story_tables():
        if table.name in ("complaint", "customer"):
            continue
        wanted = {table.name: copying.ids_referencing(source, table, copied)}
        for name, ids in copying.ensure_present(source, target, wanted).items():
            copied.setdefault(name, set()).update(ids)
    rows += sum(len(ids) for ids in copied.values())
    copying.copy_entries(source, target, reference)
    here = set(target.scalars(select(complaint.c.id)))
    _take_over_numbering(source, target, site_id)
    events = _copy_audit(source, target)
    return {"rows": rows, "complaint_ids": here, "audit_events": events}


def _take_over_numbering(source: Connection, target: Connection, site_id: Any) -> None:
    """Continue the site's reference numbers where the central server left them.

    From now on only this branch numbers its site's complaints, so references never collide.
    """
    sequence = SEQUENCE
    for row in source.execute(select(sequence).where(sequence.c.site_id == site_id)):
        values = dict(row._mapping)
        here = target.execute(
            select(sequence.c.last_number).where(
                sequence.c.site_id == site_id, sequence.c.year == values["year"]
            )
        ).first()
        if here is None:
            target.execute(insert(sequence).values(values))
        elif here[0] < values["last_number"]:
            target.execute(
                sequence.update()
                .where(sequence.c.site_id == site_id, sequence.c.year == values["year"])
                .values(last_number=values["last_number"])
            )


def _copy_audit(source: Connection, target: Connection) -> int:
    """Copy every audit chain as it stands, so ``audit verify`` passes here too."""
    audit = rounds.AUDIT
    heads = rounds.chain_heads(target)
    copied = 0
    writers = source.execute(
        select(CHAINS.c.name, CHAINS.c.replica_id, CHAINS.c.site_code, CHAINS.c.kind)
    )
    for name, writer, site, kind in writers.all():
        audit_chains.register_chains(target, {name: site}, writer, {name: kind})
    for chain in list(source.scalars(select(audit.c.chain).distinct())):
        after = heads.get(chain, 0)
        while True:
            batch = [
                dict(r._mapping)
                for r in source.execute(rounds.chain_after(chain, after, AUDIT_BATCH))
            ]
            if not batch:
                break
            target.execute(insert(audit), batch)
            after = batch[-1]["seq"]
            copied += len(batch)
    return copied


def _set_identity(
    source: Connection, target: Connection, site_code: str, url: str, refreshed: bool
) -> int:
    """Make the local database this branch, its pull cursor at the central head."""
    head = source.scalar(select(func.coalesce(func.max(CHANGE_LOG.c.arrival_seq), 0))) or 0
    clock = source.scalar(select(func.max(CHANGE_LOG.c.hlc))) or ""
    if refreshed:
        return int(target.scalar(select(ReplicaState.pull_cursor)) or 0)
    target.execute(
        insert(REPLICA).values(
            id=ReplicaState().id,
            mode="branch",
            site_code=site_code,
            hlc_last=clock,
            central_url=url,
            pull_cursor=str(head),
        )
    )
    return int(head)


def _mark_central(central: Engine) -> None:
    """Make sure the central server has its identity row: every writer locks it."""
    factory = unit_of_work_factory(central)
    with factory(write=True) as uow:
        state = uow.replica()
        if state.mode == "standalone":
            state.mode = "central"
        uow.commit()


def branch_of(local: Engine, data_dir: Path) -> Branch | None:
    """Return this database's link to the central server if it is a branch replica."""
    with local.connect() as connection:
        mode = connection.scalar(select(REPLICA.c.mode).limit(1))
    return Branch(local, data_dir) if mode == "branch" else None


class Branch:
    """This workstation as a branch replica: its status and its sync rounds.

    Args:
        local: the engine of the local replica.
        data_dir: where the central server's password may be kept (secrets folder).
    """

    def __init__(self, local: Engine, data_dir: Path) -> None:
        self.local = local
        self.data_dir = data_dir
        self._factory = unit_of_work_factory(local, self._keys(local))
        self._lock = threading.Lock()
        self._reachable: bool | None = None
        self._error: str | None = None

    def _keys(self, engine: Engine) -> audit_keys.AuditKeys:
        """The audit keys of that database held on this machine (environment or keyring)."""
        return audit_keys.load(audit_keys.registered(engine), Secrets(self.data_dir))

    def central_url(self) -> str:
        """Return the central server's URL with its password, from the keyring if kept there."""
        with self._factory() as uow:
            state = uow.scalars(select(ReplicaState).limit(1))
        if not state or state[0].mode != "branch" or not state[0].central_url:
            raise NotABranch("This database is not a branch replica: run `branch init` first.")
        url = make_url(state[0].central_url)
        if state[0].central_secret:
            url = url.set(password=Secrets(self.data_dir).get(state[0].central_secret))
        return url.render_as_string(hide_password=False)

    def run_round(self, options: rounds.Options | None = None) -> RoundSummary:
        """Push then pull once; rounds never overlap on one workstation."""
        with self._lock:
            try:
                summary = self._round(options or rounds.Options())
            except ComplaintDeskError as error:
                self._reachable = not isinstance(error, CentralUnreachable)
                self._error = str(error)
                raise
            self._reachable, self._error = True, None
            return summary

    def _round(self, options: rounds.Options) -> RoundSummary:
        with central_engine(self.central_url()) as central:
            check_schemas(self.local, central)
            sides = rounds.Sides(self._factory, unit_of_work_factory(central, self._keys(central)))
            try:
                pushed, conflicts = rounds.push(sides, options)
                pulled = rounds.pull(sides, options)
            except exc.IntegrityError as error:
                detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                raise SyncError(
                    "A change made here clashes with one made elsewhere (the same unique "
                    f"value twice: {detail}). Nothing was lost; an administrator renames one."
                ) from error
        with self._factory(write=True) as uow:
            uow.replica().last_sync_at = datetime.now(UTC)
            pending = rounds.pending_count(uow)
            uow.commit()
        return RoundSummary(pushed, pulled, conflicts, pending)

    def facts(self) -> SyncFacts:
        """Read the status bar's facts from the local database (no network)."""
        try:
            with self._factory() as uow:
                state = uow.scalars(select(ReplicaState).limit(1))
                pending = rounds.pending_count(uow)
                open_conflicts = uow.execute(
                    select(func.count())
                    .select_from(SyncConflict)
                    .where(SyncConflict.settled_at.is_(None))
                ).scalar_one()
        except DatabaseError as error:
            return SyncFacts("branch", "", False, 0, None, 0, str(error))
        row = state[0] if state else None
        return SyncFacts(
            mode=row.mode if row else "standalone",
            central=database.describe(row.central_url) if row and row.central_url else "",
            reachable=self._reachable,
            pending=pending,
            last_sync_at=row.last_sync_at if row else None,
            open_conflicts=int(open_conflicts),
            error=self._error,
        )
