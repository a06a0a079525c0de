"""The foundation's first flow on both databases: add a user, sign in, read a queue."""

from __future__ import annotations

import pytest

from complaintdesk.app import Backend
from complaintdesk.domain.errors import SignInFailed
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import QueueKind, QueueRequest


def test_added_user_signs_in_and_sees_an_empty_queue(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    users.add_user(admin_ctx, "alice", "correct horse", role=Role.AGENT, site_code="HQ")

    actor = auth.sign_in(backend.uow, "alice", "correct horse")
    page = queues.page(ServiceContext(backend.uow, actor), QueueRequest(QueueKind.MINE))

    assert actor.role is Role.AGENT
    assert page.rows == ()


def test_wrong_password_is_refused_with_a_plain_message(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    users.add_user(admin_ctx, "bob", "correct horse", role=Role.AGENT, site_code="HQ")

    with pytest.raises(SignInFailed, match="wrong password"):
        auth.sign_in(backend.uow, "bob", "battery staple")
