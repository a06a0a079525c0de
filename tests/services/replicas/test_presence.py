"""Presence through the services: who is on a complaint, and NOTIFY on the central server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import NotFound
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.replicas import presence
from complaintdesk.storage.models import Presence

PASSWORD = "correct horse"


def _person(
    backend: Backend, admin: ServiceContext, login: str, name: str, role: Role
) -> ServiceContext:
    users.add_user(admin, login, PASSWORD, role=role, site_code="HQ", display_name=name)
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, login, PASSWORD))


def _complaint(ctx: ServiceContext) -> uuid.UUID:
    new = intake.NewComplaint(
        Channel.PHONE,
        "Card blocked",
        "It was refused.",
        CustomerInput("Léa", [(ContactKind.EMAIL, "l@example.org")]),
    )
    return intake.record_complaint(ctx, new).complaint_id


def test_colleagues_on_a_complaint_by_name_writers_first_each_once(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    ann = _person(backend, admin_ctx, "ann", "Ann Archer", Role.AGENT)
    bea = _person(backend, admin_ctx, "bea", "Bea Bright", Role.AGENT)
    carl = _person(backend, admin_ctx, "carl", "Carl Cooper", Role.AGENT)
    complaint = _complaint(ann)
    mine, beas, beas_other, carls = (uuid.uuid4() for _ in range(4))

    presence.announce(ann, mine, complaint)
    presence.announce(carl, carls, complaint)
    presence.announce(bea, beas, complaint)
    presence.announce(bea, beas_other, complaint, presence.WRITING_REPLY)  # a second window

    assert presence.others_on(ann, mine, complaint) == (
        presence.Colleague(bea.actor.user_id, "Bea Bright", presence.WRITING_REPLY),  # type: ignore[arg-type]
        presence.Colleague(carl.actor.user_id, "Carl Cooper", presence.VIEWING),  # type: ignore[arg-type]
    )
    assert [c.name for c in presence.others_on(carl, carls, complaint)] == [
        "Bea Bright",
        "Ann Archer",
    ]

    presence.leave(bea, beas_other)
    presence.announce(carl, carls, None)  # Carl moved to no complaint
    assert presence.others_on(ann, mine, complaint) == (
        presence.Colleague(bea.actor.user_id, "Bea Bright", presence.VIEWING),  # type: ignore[arg-type]
    )


def test_a_window_silent_for_too_long_is_taken_as_gone(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    ann = _person(backend, admin_ctx, "ann", "Ann Archer", Role.AGENT)
    bea = _person(backend, admin_ctx, "bea", "Bea Bright", Role.AGENT)
    complaint = _complaint(ann)
    beas = uuid.uuid4()
    presence.announce(bea, beas, complaint)
    with backend.uow(write=True) as uow:  # Bea's workstation lost power a minute ago
        old = datetime.now(UTC) - presence.STALE_AFTER - timedelta(seconds=5)
        uow.execute(update(Presence).where(Presence.id == beas).values(seen_at=old))
        uow.commit()

    assert presence.others_on(ann, uuid.uuid4(), complaint) == ()


def test_a_complaint_out_of_sight_says_nothing_of_who_is_on_it(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    ann = _person(backend, admin_ctx, "ann", "Ann Archer", Role.AGENT)
    member = _person(backend, admin_ctx, "fred", "Fred Finance", Role.FUNCTION_MEMBER)
    complaint = _complaint(ann)

    with pytest.raises(NotFound):
        presence.others_on(member, uuid.uuid4(), complaint)
    with pytest.raises(NotFound):
        presence.announce(member, uuid.uuid4(), complaint)


@pytest.mark.postgres
def test_an_announcement_is_heard_by_a_listening_connection_at_once(
    migrated_postgres_url: str, data_dir: object
) -> None:
    from pathlib import Path

    from complaintdesk.app import Settings, open_backend
    from tests.conftest import command_line_actor

    backend = open_backend(Settings(migrated_postgres_url, Path(str(data_dir))))
    try:
        admin = ServiceContext(backend.uow, command_line_actor())
        ann = _person(backend, admin, "ann", "Ann Archer", Role.AGENT)
        complaint = _complaint(ann)
        listener = presence.open_listener(ann)
        assert listener is not None
        try:
            presence.announce(ann, uuid.uuid4(), complaint)
            heard = listener.wait(2.0)
            assert (presence.PRESENCE_CHANNEL, str(complaint)) in [
                (h.channel, h.payload) for h in heard
            ]
            _complaint(ann)  # any write: the change log's trigger tells the listeners
            changes = listener.wait(2.0)
            assert presence.CHANGES_CHANNEL in {h.channel for h in changes}
        finally:
            listener.close()
    finally:
        backend.engine.dispose()


def test_on_sqlite_there_is_nothing_to_listen_to(sqlite_backend: Backend) -> None:
    from tests.conftest import command_line_actor

    assert presence.open_listener(ServiceContext(sqlite_backend.uow, command_line_actor())) is None
