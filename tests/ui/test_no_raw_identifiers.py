"""No raw identifier on screen: the screenshot walk, in English and in French, read whole.

Every screen the README's screenshots show is read as a person would (labels, buttons,
menus, tooltips, accessible names, column headers, every cell of every table and list) and
must show no login name, no enum value or field key (``waiting_on_customer``, ``owner_id``),
no ``owner:``-style key, no social handle by its code (``instagram:``) and no UTC instant
with its microseconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from complaintdesk.services.context import Connection
from complaintdesk.storage.models import User
from complaintdesk.ui import i18n
from tests.ui import screenshots
from tests.ui.test_i18n import Reading, read_widget

SNAKE = re.compile(r"(?<![\w@./\-])[a-z]+(?:_[a-z0-9]+)+(?![\w@./\-])")
"""Enum values and field keys: ``in_progress``, ``owner_id``, ``final_response``."""
FIELD_KEY = re.compile(r"(?m)^(owner|status|postcode|message|segment|name|channel)\s?:")
SOCIAL_CODE = re.compile(r"\b(x|twitter|facebook|instagram|linkedin|tiktok):(@|\s|$)")
UTC_MICROSECONDS = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{3,}|\+00:00\b")
TEMPLATE_SYNTAX = re.compile(
    r"^[a-z_]+ — |Allowed variables:|Variables autorisées|Variables permises|\{\{|\{%",
    re.IGNORECASE,
)
"""The templates editor documents the variables a template writes (``{{ customer_name }}``)."""
NOT_SCREEN_WORDS = re.compile(r"\S+@\S+|/\S+")
"""E-mail addresses and file paths: data, whatever characters they hold."""


def raw_identifiers(seen: dict[str, str], logins: set[str]) -> list[str]:
    """Return every text of ``seen`` showing a raw identifier, with where it was and what."""
    login = re.compile(
        r"(?<![\w@.\-])(" + "|".join(map(re.escape, sorted(logins))) + r")(?![\w@.\-])"
    )
    found = []
    for text, where in seen.items():
        if TEMPLATE_SYNTAX.search(text):
            continue  # an administrator writing a template reads its variables' names
        words = NOT_SCREEN_WORDS.sub(" ", text)
        for kind, pattern in (
            ("login", login),
            ("code", SNAKE),
            ("field key", FIELD_KEY),
            ("social code", SOCIAL_CODE),
            ("UTC instant", UTC_MICROSECONDS),
        ):
            hit = pattern.search(words)
            if hit:
                found.append(f"{kind} {hit.group(0)!r} in {text!r} ({where})")
    return sorted(found)


def _logins(connections: list[Connection]) -> set[str]:
    found: set[str] = set()
    for connection in connections:
        with connection.uow() as uow:
            found.update(uow.scalars(select(User.login)))
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_screenshot_walk_shows_no_raw_identifier(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    i18n.install(language)
    reading = Reading()
    screens: list[str] = []

    def read(widget: object, path: Path) -> None:
        read_widget(widget, reading)  # type: ignore[arg-type]
        screens.append(path.name)

    connections = screenshots.walk(tmp_path, tmp_path / "shots", read)

    assert {"workspace.png", "main_window.png", "sync_conflicts.png", "dashboard.png"} <= set(
        screens
    )
    assert len(reading.seen) > 500  # the walk was read, not skipped
    raw = raw_identifiers(reading.seen, _logins(connections))
    assert not raw, "raw identifiers on screen:\n" + "\n".join(raw)
