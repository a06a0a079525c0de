"""A branch replica: made from the central server once, then kept in step round by round."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, exc, func, insert, select, text
from sqlalchemy.engine import make_url

from complaintdesk.domain.errors import ComplaintDeskError, DatabaseError, ValidationError
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import recompute
from complaintdesk.services.replicas.replication import RoundSummary, SyncFacts
from complaintdesk.storage import database, schema, search_index
from complaintdesk.storage.journal import audit_chains, audit_keys
from complaintdesk.storage.journal.audit_chains import CHAINS
from complaintdesk.storage.models import Base, Complaint, ReplicaState, Site, utcnow
from complaintdesk.storage.secrets import Secrets
from complaintdesk.storage.unit_of_work import unit_of_work_factory
from complaintdesk.sync import copying, erasures, registry, rounds, status
from complaintdesk.sync.arrival import settling
from complaintdesk.sync.arrival.numbers import number_arrivals
from complaintdesk.sync.central import (
    answers,
    central_engine,
    check_schemas,
    secret_name,
    without_password,
)
from complaintdesk.sync.entries import CHANGE_LOG
from complaintdesk.sync.errors import CentralUnreachable, NotABranch, SyncError
from complaintdesk.sync.scope import Scope

log = logging.getLogger(__name__)
AUDIT_BATCH = 5_000
REPLICA: Table = ReplicaState.__table__  # type: ignore[assignment]
Clock = Callable[[], datetime]
__all__ = ["Branch", "InitSummary", "branch_of", "init_branch", "secret_name"]


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


def init_branch(
    local: Engine, central_url: str, site_code: str, data_dir: Path, clock: Clock = utcnow
) -> InitSummary:
    """Make the local database a replica of ``site_code``'s part of the central server.

    Running it again on the same branch copies what is missing and changes nothing else.

    Raises:
        CentralUnreachable: the central server does not answer.
        SchemaMismatch: the central server runs another schema version.
        ValidationError: the site is unknown, or this database holds other work.
    """
    site_code = site_code.strip().upper()
    stored_url, password = without_password(central_url)
    schema.prepare_embedded(local, data_dir / "backups")
    with central_engine(central_url) as central:
        check_schemas(local, central)
        _mark_central(central)
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
        # The central transaction ends first: a block handed out is never used twice.
        with local.begin() as target, central.begin() as writer:
            code = registry.meet(target, writer, clock)
            events = _copy_audit(writer, target, code)
    if password:
        reference = Secrets(data_dir).put(secret_name(site_code), password)
        with local.begin() as target:
            target.execute(REPLICA.update().values(central_secret=reference))
    return InitSummary(
        site_code,
        database.describe(central_url),
        summary["rows"],
        len(summary["complaint_ids"]),
        events,
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
    """Copy the reference data and the site's part of the complaints' story."""
    scope = Scope(source, site_id)
    reference: set[Any] = set()
    for table in copying.reference_tables():
        ids = scope.allowed(table.name, set(source.scalars(select(table.c.id))))
        for copied in copying.ensure_present(source, target, {table.name: ids}).values():
            reference |= copied
    complaint = Complaint.__table__
    mine = set(source.scalars(select(complaint.c.id).where(complaint.c.site_id == site_id)))
    story = copying.ensure_present(source, target, {"complaint": scope.allowed("complaint", mine)})
    copying.copy_story(source, target, story, scope.allowed)
    rows = len(reference) + sum(len(ids) for ids in story.values())
    here = set(target.scalars(select(complaint.c.id)))
    return {"rows": rows, "complaint_ids": here}


def _copy_audit(source: Connection, target: Connection, chain: str) -> int:
    """Copy this workstation's own audit chains as the central server holds them (a re-run,
    or a workstation taking over a site code): a branch holds its own chains only."""
    audit = rounds.AUDIT
    heads = rounds.chain_heads(target)
    copied = 0
    me = target.scalar(select(REPLICA.c.id).limit(1))
    mine = source.execute(
        select(CHAINS.c.name, CHAINS.c.site_code, CHAINS.c.kind).where(
            (CHAINS.c.replica_id == me) | (CHAINS.c.name == chain)
        )
    ).all()
    for name, site, kind in mine:
        audit_chains.register_chains(target, {name: site}, me, {name: kind})
    for name in sorted({row[0] for row in mine} | {chain}):
        after = heads.get(name, 0)
        while True:
            batch = [
                dict(r._mapping)
                for r in source.execute(rounds.chain_after(name, after, AUDIT_BATCH))
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
    clock = source.scalar(select(func.max(CHANGE_LOG.c.hlc))) or 0
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
        clock: this workstation's wall clock (tests give one that runs ahead or behind).
    """

    def __init__(self, local: Engine, data_dir: Path, clock: Clock = utcnow) -> None:
        self.local = local
        self.data_dir = data_dir
        self._clock = clock
        self._factory = unit_of_work_factory(local, self._keys(local), clock=clock)
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
        """Meet the central server, push, then pull; rounds never overlap on one workstation."""
        with self._lock:
            try:
                summary = self._round(options or rounds.Options())
            except ComplaintDeskError as error:
                self._reachable = not isinstance(error, CentralUnreachable)
                self._error = str(error)
                raise
            self._reachable, self._error = True, None
            return summary

    def probe(self) -> bool:
        """Ask whether the central server answers (one connection attempt, no sign-in)."""
        reachable = answers(self.central_url())
        if not reachable:
            self._error = "The central server does not answer."
        elif self._reachable is False:
            self._error = None
        self._reachable = reachable
        return reachable

    def _round(self, options: rounds.Options) -> RoundSummary:
        with central_engine(self.central_url()) as central:
            check_schemas(self.local, central)
            central_units = unit_of_work_factory(central, self._keys(central))
            sides = rounds.Sides(self._factory, central_units)
            try:
                self._meet(sides)
                erased = erasures.apply_pending(sides)
                pushed, conflicts = rounds.push(sides, options)
                pulled = self._pull(sides, options)
            except exc.IntegrityError as error:
                detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                raise SyncError(
                    "A change made here clashes with one made elsewhere (the same unique "
                    f"value twice: {detail}). Nothing was lost; an administrator renames one."
                ) from error
        with self._factory(write=True) as uow:
            uow.replica().last_sync_at = uow.now()
            pending = rounds.pending_count(uow)
            uow.commit()
        if erased:
            erasures.scrub_file(self.local)
        return RoundSummary(pushed, pulled, conflicts, pending)

    def _pull(self, sides: rounds.Sides, options: rounds.Options) -> int:
        """Pull; recompute the clocks here when the central server recomputed its own since.

        Clocks are derived data the central recompute writes without an entry per complaint;
        its stamp on the policies arrives instead, and this replica computes the same due
        dates from the same policies. The stamp followed is kept only once the recompute is
        done, so a round cut short recomputes at the next one.
        """
        pulled = rounds.pull(sides, options)
        with self._factory() as uow:
            stamp, actor = recompute.last_recomputed(uow), settling.sync_actor(uow)
            followed = uow.execute(select(ReplicaState.clocks_followed_at)).scalar()
        if stamp is not None and (followed is None or stamp > followed):
            changed = recompute.recompute(ServiceContext(self._factory, actor), announce=False)
            log.info("clocks recomputed after the central server's recompute: %d", changed)
            with self._factory(write=True) as uow:
                uow.replica().clocks_followed_at = stamp
                uow.commit()
        return pulled

    def _meet(self, sides: rounds.Sides) -> None:
        """Register, compare clocks and top up the blocks of numbers, central side first."""
        with sides.local(write=True) as local, sides.central(write=True) as central:
            registry.meet(local.session.connection(), central.session.connection(), self._clock)
            central.commit()
            local.commit()

    def facts(self) -> SyncFacts:
        """Read the status bar's facts from the local database (no network)."""
        try:
            with self._factory() as uow:
                state = uow.scalars(select(ReplicaState).limit(1))
                pending = rounds.pending_count(uow)
                waiting = status.waiting_work(uow)
                conflicts, set_aside = status.open_conflicts(uow)
        except DatabaseError as error:
            return SyncFacts("branch", "", False, 0, None, 0, str(error))
        row = state[0] if state else None
        return SyncFacts(
            mode=row.mode if row else "standalone",
            central=database.describe(row.central_url) if row and row.central_url else "",
            reachable=self._reachable,
            pending=pending,
            last_sync_at=row.last_sync_at if row else None,
            open_conflicts=conflicts + set_aside,
            error=self._error,
            waiting=waiting,
            clock_offset_ms=row.clock_offset_ms if row else None,
            clock_tolerance_ms=row.max_clock_offset_ms if row else 300_000,
            set_aside=set_aside,
        )
