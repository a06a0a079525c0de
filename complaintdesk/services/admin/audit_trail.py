"""Checking the audit trail: edited, deleted, cut or re-hashed events show (DESIGN.md §9).

``verify_audit_trail`` walks every chain this database holds, recomputes each keyed hash,
checks the events an erasure redacted against what the erasure sealed, then compares every
chain with what anchors recorded of it (its length and the hash at the anchored event). A
verification that finds nothing wrong ends with a checkpoint: an anchor of every chain's head,
so that events cut from the end afterwards are found by the next verification.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from complaintdesk.domain import audit
from complaintdesk.domain.audit import ChainCheck, Link, Seal
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.privacy.erasure import REDACTED_ACTION
from complaintdesk.storage.models import AuditChain, AuditEvent
from complaintdesk.storage.unit_of_work import UnitOfWork, audit_fields

_BATCH = 1_000
CHECKPOINT = "audit_checkpoint"


@dataclass(frozen=True)
class TrailCheck:
    """What a verification found: each chain's check and every problem in plain words."""

    chains: dict[str, ChainCheck]
    problems: tuple[str, ...]
    anchors: int
    """How many anchors the chains were compared with."""
    checkpoint: bool
    """True when a checkpoint of every chain's head was recorded after this verification."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def events(self) -> int:
        return sum(c.events for c in self.chains.values())

    @property
    def unkeyed(self) -> int:
        """Events hashed without an audit key (before keys, or by a writer without one)."""
        return sum(c.unkeyed for c in self.chains.values())

    @property
    def unchecked(self) -> int:
        """Events whose key this machine lacks: only their links were checked."""
        return sum(c.unchecked for c in self.chains.values())


def verify_audit_trail(ctx: ServiceContext, *, checkpoint: bool = True) -> TrailCheck:
    """Walk every audit chain held here and compare each with its anchors.

    Args:
        checkpoint: after a verification that found nothing wrong, anchor every chain's head.

    Raises:
        PermissionDenied: the caller may not administer the database.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    with ctx.uow() as uow:
        registered = set(uow.scalars(select(AuditChain.name)))
        present = set(uow.scalars(select(AuditEvent.chain).distinct()))
        anchors = audit.anchors_of(
            uow.execute(
                select(AuditEvent.chain, AuditEvent.seq, AuditEvent.after).where(
                    AuditEvent.action.in_(sorted(audit.ANCHOR_ACTIONS))
                )
            ).all()
        )
        seals = _seals(uow)
        checks = {
            chain: audit.verify_chain(
                _links(uow, chain),
                uow.audit_keys.key,
                seals.get(chain, {}),
                {a.seq for a in anchors if a.chain == chain},
            )
            for chain in sorted(registered | present)
        }
    problems = [f"chain {name}: {c.problem}" for name, c in checks.items() if c.problem]
    problems += [
        f"chain {name} is registered here but holds no event: it was deleted"
        for name in sorted(registered - present)
    ]
    problems += audit.anchor_problems(checks, anchors)
    recorded = checkpoint and not problems and bool(checks)
    if recorded:
        _record_checkpoint(ctx, checks)
    return TrailCheck(checks, tuple(problems), len(anchors), recorded)


def record_checkpoint(ctx: ServiceContext) -> dict[str, dict[str, Any]]:
    """Anchor every chain's head as it stands, without checking the chains (for a schedule).

    Raises:
        PermissionDenied: the caller may not administer the database.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    with ctx.uow() as uow:
        heads = _heads(uow)
    _write_checkpoint(ctx, heads)
    return heads


def _record_checkpoint(ctx: ServiceContext, checks: dict[str, ChainCheck]) -> None:
    _write_checkpoint(ctx, audit.chain_heads(checks))


def _write_checkpoint(ctx: ServiceContext, heads: dict[str, dict[str, Any]]) -> None:
    with ctx.uow(write=True) as uow:
        uow.audit(
            CHECKPOINT,
            "audit_chain",
            None,
            user_id=ctx.actor.user_id,
            login=ctx.actor.login,
            after={"chains": heads, "events": sum(h["seq"] for h in heads.values())},
            kind="checkpoint",
        )
        uow.commit()


def _heads(uow: UnitOfWork) -> dict[str, dict[str, Any]]:
    heads: dict[str, dict[str, Any]] = {}
    for chain in uow.scalars(select(AuditEvent.chain).distinct().order_by(AuditEvent.chain)):
        seq, digest = uow.execute(
            select(AuditEvent.seq, AuditEvent.hash)
            .where(AuditEvent.chain == chain)
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        ).one()
        heads[chain] = {"seq": seq, "hash": digest}
    return heads


def _seals(uow: UnitOfWork) -> dict[str, dict[int, Seal]]:
    """Return chain → seq → what the latest erasure that redacted it says it hashes to.

    Erasures written before seals existed list only the sequence numbers: those events are
    accepted as redacted without a check of their content (``Seal.hash`` None).
    """
    found: dict[str, dict[int, Seal]] = {}
    afters = uow.scalars(
        select(AuditEvent.after)
        .where(AuditEvent.action == REDACTED_ACTION)
        .order_by(AuditEvent.occurred_at)
    )
    for after in afters:
        sealed = (after or {}).get("redacted_seals") or {}
        for chain, seqs in (after or {}).get("redacted_events", {}).items():
            for seq in seqs:
                mark = sealed.get(chain, {}).get(str(seq))
                found.setdefault(chain, {})[int(seq)] = (
                    Seal(mark["hash"], mark.get("key_id")) if mark else Seal(None, None)
                )
    return found


def _links(uow: UnitOfWork, chain: str) -> Iterator[Link]:
    statement = (
        select(AuditEvent)
        .where(AuditEvent.chain == chain)
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=_BATCH)
    )
    for event in uow.execute(statement).scalars():
        yield Link(event.seq, event.prev_hash, event.hash, event.key_id, audit_fields(event))
