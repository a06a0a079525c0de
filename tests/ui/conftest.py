"""Fixtures of the GUI tests: one SQLite database, a signed-in agent, a connection, a desk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, organisation, routing_rules, users
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.ui.i18n import LANGUAGE_KEY, install, uninstall
from complaintdesk.ui.session.preferences import app_settings
from tests.conftest import command_line_actor

PASSWORD = "correct horse"
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"
"""Logged by Qt's offscreen platform when a window is shown; not a fault of ours."""
OFFSCREEN_RAISE = "This plugin does not support raise"
"""Logged by the offscreen platform when a window is brought forward (the screen pop)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the offscreen platform's harmless warning in every GUI test."""
    for item in items:
        if "tests/ui/" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, OFFSCREEN_RAISE))


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[Path]:
    """Preferences and window layout in a folder of the test's own, in English."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app_settings().setValue(LANGUAGE_KEY, "en")  # whatever the machine's language is
    install("en")  # as the application does at start: English plurals ("1 complaint")
    yield folder
    uninstall()  # a test that switched to French leaves the start state behind


@pytest.fixture
def cli_ctx(sqlite_backend: Backend) -> ServiceContext:
    """Services called as the command-line administrator, on SQLite only."""
    return ServiceContext(sqlite_backend.uow, command_line_actor())


@pytest.fixture
def connection(sqlite_backend: Backend) -> Connection:
    """The database as the GUI receives it."""
    return Connection(uow=sqlite_backend.uow, description=sqlite_backend.description)


@pytest.fixture
def agent(sqlite_backend: Backend, cli_ctx: ServiceContext) -> Actor:
    """A signed-in agent called Alice Agent (login ``alice``)."""
    users.add_user(
        cli_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ", display_name="Alice Agent"
    )
    return auth.sign_in(sqlite_backend.uow, "alice", PASSWORD)


@pytest.fixture
def agent_ctx(sqlite_backend: Backend, agent: Actor) -> ServiceContext:
    """Services called as the signed-in agent."""
    return ServiceContext(sqlite_backend.uow, agent)


@dataclass(frozen=True)
class Desk:
    """A small complaints desk: two agents, a billing function with a member, an admin."""

    ann: Actor
    carl: Actor
    bea: Actor
    admin: Actor


DESK_PEOPLE = (
    ("ann", "Ann Archer", Role.AGENT),
    ("carl", "Carl Cooper", Role.AGENT),
    ("bea", "Bea Billing", Role.FUNCTION_MEMBER),
    ("root", "Rita Root", Role.ADMIN),
)


@pytest.fixture
def desk(sqlite_backend: Backend, cli_ctx: ServiceContext) -> Desk:
    """People, the billing function, a root cause and two routing rules (as in production)."""
    for login, name, role in DESK_PEOPLE:
        users.add_user(
            cli_ctx,
            login,
            PASSWORD,
            role=role,
            site_code="HQ",
            display_name=name,
            team_queue="care",
        )
    organisation.add_function(cli_ctx, "billing", "Billing", answer_within_hours=8)
    organisation.add_member(cli_ctx, "billing", "bea")
    organisation.add_root_cause(cli_ctx, "billing-error", "Billing error", "billing")
    invoices = routing_rules.RuleSpec(
        "Invoices", {"keywords": ["facture", "invoice"]}, "billing", 2, "care", "none"
    )
    routing_rules.add_rule(cli_ctx, invoices)
    everything = routing_rules.RuleSpec("Everything else", {}, team_queue="care", is_default=True)
    routing_rules.add_rule(cli_ctx, everything)
    actors = (auth.sign_in(sqlite_backend.uow, login, PASSWORD) for login, *_ in DESK_PEOPLE)
    return Desk(*actors)
