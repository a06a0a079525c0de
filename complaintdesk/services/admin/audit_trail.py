"""Checking the audit trail: an edited, deleted or reordered event shows."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from complaintdesk.domain.audit import ChainCheck, verify_chain
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.privacy.erasure import REDACTED_ACTION
from complaintdesk.storage.models import AuditEvent
from complaintdesk.storage.unit_of_work import UnitOfWork, audit_fields

_BATCH = 1_000


def verify_audit_trail(ctx: ServiceContext) -> dict[str, ChainCheck]:
    """Walk every site's chain of audit events and recompute each hash.

    Returns:
        Chain (site code) to the result of its check; ``ok`` is False from the first
        event that was edited, removed or moved.

    Raises:
        PermissionDenied: the caller may not administer the database.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    with ctx.uow() as uow:
        chains = uow.scalars(select(AuditEvent.chain).distinct().order_by(AuditEvent.chain))
        redacted = _redacted(uow)
        return {
            chain: verify_chain(_links(uow, chain), redacted.get(chain, frozenset()))
            for chain in chains
        }


def _redacted(uow: UnitOfWork) -> dict[str, set[int]]:
    """Return chain → events whose personal values an erasure replaced (it lists them)."""
    found: dict[str, set[int]] = {}
    afters = uow.scalars(select(AuditEvent.after).where(AuditEvent.action == REDACTED_ACTION))
    for after in afters:
        for chain, seqs in (after or {}).get("redacted_events", {}).items():
            found.setdefault(chain, set()).update(int(seq) for seq in seqs)
    return found


def _links(uow: UnitOfWork, chain: str) -> Iterator[tuple[int, str, str, dict[str, object]]]:
    statement = (
        select(AuditEvent)
        .where(AuditEvent.chain == chain)
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=_BATCH)
    )
    for event in uow.execute(statement).scalars():
        yield event.seq, event.prev_hash, event.hash, audit_fields(event)
