"""The stored audit trail verifies after real use, and shows tampering done behind the app:
an edited or deleted event, the last events cut, a whole chain gone, a redacted event edited
again, and an edit followed by re-hashing the chain (without the key, and with it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, delete, func, select, update

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain import audit
from complaintdesk.domain.errors import PermissionDenied, SignInFailed
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.admin.audit_trail import record_checkpoint, verify_audit_trail
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.privacy import subject_rights
from complaintdesk.storage.journal.audit_keys import parse_key
from complaintdesk.storage.models import AuditChain, AuditEvent
from complaintdesk.storage.unit_of_work import audit_fields
from tests.conftest import TEST_AUDIT_KEY, command_line_actor, count_rows

PASSWORD = "correct horse"


@pytest.fixture
def used(backend: Backend, admin_ctx: ServiceContext) -> int:
    """A database after a morning's work; returns how many audit events it holds."""
    users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(admin_ctx, "bob", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    auth.sign_in(backend.uow, "alice", PASSWORD)
    with pytest.raises(SignInFailed):
        auth.sign_in(backend.uow, "bob", "wrong password")
    auth.sign_in(backend.uow, "bob", PASSWORD)
    return count_rows(backend, "audit_event")["audit_event"]


def _tamper(backend: Backend, statement: object) -> None:
    with backend.engine.begin() as connection:
        connection.execute(statement)  # type: ignore[call-overload]


def _longest_chain(backend: Backend) -> tuple[str, int]:
    with backend.engine.connect() as connection:
        chain, last = connection.execute(
            select(AuditEvent.chain, func.max(AuditEvent.seq))
            .group_by(AuditEvent.chain)
            .order_by(func.max(AuditEvent.seq).desc())
            .limit(1)
        ).one()
    return chain, last


def _rehash(connection: Connection, chain: str, key: bytes | None) -> None:
    """What someone with write access does after an edit: recompute every later hash."""
    previous = audit.GENESIS
    events = connection.execute(
        select(AuditEvent).where(AuditEvent.chain == chain).order_by(AuditEvent.seq)
    ).all()
    table = AuditEvent.__table__
    for row in events:
        event = AuditEvent(**{c.key: getattr(row, c.key) for c in table.columns})  # type: ignore[attr-defined]
        event.prev_hash = previous
        if key is None:
            event.key_id = None
        digest = audit.event_hash(previous, audit_fields(event), key)
        connection.execute(
            update(AuditEvent)
            .where(AuditEvent.id == event.id)
            .values(prev_hash=previous, hash=digest, key_id=event.key_id)
        )
        previous = digest


def test_the_trail_verifies_after_several_operations(admin_ctx: ServiceContext, used: int) -> None:
    trail = verify_audit_trail(admin_ctx)

    assert (trail.ok, trail.events, trail.problems) == (True, used, ())
    assert trail.unkeyed == 0  # every event hashed with the installation's key
    assert trail.checkpoint
    assert used >= 6


def test_an_event_edited_with_sql_breaks_the_trail_there(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    chain, _last = _longest_chain(backend)
    where = (AuditEvent.chain == chain) & (AuditEvent.seq == 3)
    _tamper(backend, update(AuditEvent).where(where).values(login="mallory"))

    trail = verify_audit_trail(admin_ctx)

    assert not trail.ok
    assert trail.chains[chain].first_broken == 3
    assert trail.problems == (f"chain {chain}: event 3 was changed after it was written",)
    assert not trail.checkpoint


def test_an_edited_change_breaks_the_trail(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    target = AuditEvent.action == "user_added"
    _tamper(backend, update(AuditEvent).where(target).values(after={"role": "admin"}))

    assert not verify_audit_trail(admin_ctx).ok


def test_an_event_deleted_with_sql_breaks_the_trail(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    chain, _last = _longest_chain(backend)
    _tamper(backend, delete(AuditEvent).where(AuditEvent.chain == chain, AuditEvent.seq == 2))

    check = verify_audit_trail(admin_ctx).chains[chain]

    assert (check.ok, check.events, check.first_broken) == (False, 2, 3)


def test_deleting_the_last_events_shows_against_the_last_checkpoint(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    assert verify_audit_trail(admin_ctx).ok  # and records a checkpoint of every head
    chain, last = _longest_chain(backend)
    _tamper(
        backend, delete(AuditEvent).where(AuditEvent.chain == chain, AuditEvent.seq >= last - 1)
    )

    trail = verify_audit_trail(admin_ctx)

    assert not trail.ok
    assert any(f"chain {chain} ends at event {last - 2}" in p for p in trail.problems)
    assert any("its last events were deleted" in p for p in trail.problems)


@pytest.mark.postgres
def test_deleting_a_whole_chain_shows(migrated_postgres_url: str, data_dir: Path) -> None:
    backend = open_backend(Settings(migrated_postgres_url, data_dir))
    admin = ServiceContext(backend.uow, command_line_actor())
    try:
        # Two writers at once: the second cannot wait for the first's chain, it takes another.
        with backend.uow(write=True) as first:
            first.audit("note", "site", None, user_id=None, login="one")
            with backend.uow(write=True) as second:
                second.audit("note", "site", None, user_id=None, login="two")
                second.commit()
            first.commit()
        with backend.engine.connect() as connection:
            chains = sorted(connection.scalars(select(AuditChain.name)))
        assert len(chains) == 2
        record_checkpoint(admin)  # kept in the checkpoint chain, it anchors both
        with backend.engine.connect() as connection:
            keeper = connection.scalar(
                select(AuditEvent.chain).where(AuditEvent.action == "audit_checkpoint")
            )
        victim = chains[-1]
        _tamper(backend, delete(AuditEvent).where(AuditEvent.chain == victim))
        _tamper(backend, delete(AuditChain).where(AuditChain.name == victim))

        trail = verify_audit_trail(admin)

        assert not trail.ok
        assert any(p.startswith(f"chain {victim} is gone, yet {keeper} #") for p in trail.problems)
    finally:
        backend.close()


def test_a_chain_whose_events_were_deleted_but_not_its_registration_shows(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    chain, _last = _longest_chain(backend)
    _tamper(backend, delete(AuditEvent).where(AuditEvent.chain == chain))

    trail = verify_audit_trail(admin_ctx)

    assert f"chain {chain} is registered here but holds no event: it was deleted" in (
        trail.problems
    )


def test_an_edit_rehashed_without_the_key_shows(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    chain, _last = _longest_chain(backend)
    with backend.engine.begin() as connection:
        where = (AuditEvent.chain == chain) & (AuditEvent.action == "user_added")
        connection.execute(update(AuditEvent).where(where).values(after={"role": "admin"}))
        _rehash(connection, chain, parse_key("00" * 32))  # a key of their own

    trail = verify_audit_trail(admin_ctx)

    assert not trail.ok
    assert trail.chains[chain].first_broken == 1


def test_an_edit_rehashed_as_if_written_before_keys_shows_against_a_checkpoint(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    record_checkpoint(admin_ctx)
    chain, _last = _longest_chain(backend)
    with backend.engine.begin() as connection:
        where = (AuditEvent.chain == chain) & (AuditEvent.action == "user_added")
        connection.execute(update(AuditEvent).where(where).values(after={"role": "admin"}))
        _rehash(connection, chain, None)  # plain SHA-256, as events were before keys

    trail = verify_audit_trail(admin_ctx)

    assert not trail.ok
    assert trail.unkeyed > 0
    assert any(f"chain {chain} was rewritten" in p for p in trail.problems)


def test_an_edit_rehashed_with_the_key_itself_shows_against_a_checkpoint(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    record_checkpoint(admin_ctx)
    users.add_user(admin_ctx, "carol", PASSWORD, role=Role.AGENT, site_code="HQ")
    chain, _last = _longest_chain(backend)
    with backend.engine.begin() as connection:
        where = (AuditEvent.chain == chain) & (AuditEvent.action == "user_added")
        connection.execute(update(AuditEvent).where(where).values(after={"role": "admin"}))
        _rehash(connection, chain, parse_key(TEST_AUDIT_KEY))  # an insider holding the key

    trail = verify_audit_trail(admin_ctx)

    assert not trail.ok
    assert any(f"chain {chain} was rewritten" in p for p in trail.problems)


def _erased_customer(admin_ctx: ServiceContext, agent: ServiceContext) -> str:
    new = intake.NewComplaint(
        channel=Channel.PHONE,
        subject="Charged twice",
        description="Jeanne Martin, jeanne@example.com, was charged twice.",
        customer=CustomerInput(
            display_name="Jeanne Martin", contacts=[(ContactKind.EMAIL, "jeanne@example.com")]
        ),
    )
    recorded = intake.record_complaint(agent, new)
    subject_rights.erase_customer(admin_ctx, recorded.customer_id, "Asked to be forgotten")
    return str(recorded.customer_id)


def test_an_erasure_verifies_and_an_event_it_redacted_edited_again_shows(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    agent = ServiceContext(backend.uow, auth.sign_in(backend.uow, "alice", PASSWORD))
    _erased_customer(admin_ctx, agent)
    assert verify_audit_trail(admin_ctx, checkpoint=False).ok
    with backend.engine.begin() as connection:
        redacted: Any = connection.execute(
            select(AuditEvent.id, AuditEvent.chain, AuditEvent.seq, AuditEvent.after).where(
                AuditEvent.action == "complaint_recorded"
            )
        ).one()
        connection.execute(
            update(AuditEvent)
            .where(AuditEvent.id == redacted.id)
            .values(after={**redacted.after, "subject": "Nothing happened"})
        )

    trail = verify_audit_trail(admin_ctx)

    assert trail.problems == (
        f"chain {redacted.chain}: event {redacted.seq} was changed after an erasure redacted it",
    )


def test_only_administrators_may_check_the_trail(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    supervisor = auth.sign_in(backend.uow, "bob", PASSWORD)

    with pytest.raises(PermissionDenied):
        verify_audit_trail(ServiceContext(backend.uow, supervisor))
    with pytest.raises(PermissionDenied):
        record_checkpoint(ServiceContext(backend.uow, supervisor))
