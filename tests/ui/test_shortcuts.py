"""Keyboard first: every action reachable by keys or the palette; the cheat sheet lists them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from complaintdesk.services.context import Connection
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.window.cheat_sheet import CheatSheet
from complaintdesk.ui.window.palette import CommandPalette, plain, window_commands
from tests.ui.conftest import Desk
from tests.ui.helpers import CTRL, open_window, press, record, settle

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def every_action(window: MainWindow) -> set[QAction]:
    """Every action a person can reach: menus at any depth, the window's, buttons'."""
    found: set[QAction] = set(window.actions())

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub)
            elif not action.isSeparator():
                found.add(action)

    for entry in window.menuBar().actions():
        if isinstance(entry.menu(), QMenu):
            walk(entry.menu())
    for button in window.findChildren(QToolButton):
        if button.defaultAction() is not None:
            found.add(button.defaultAction())
    return {a for a in found if a.isVisible() and plain(a.text())}


@pytest.mark.parametrize("who", ["ann", "bea", "admin"])
def test_every_action_has_a_shortcut_or_is_in_the_palette_and_keys_are_not_shared(
    qtbot: QtBot, connection: Connection, desk: Desk, who: str
) -> None:
    window = open_window(qtbot, connection, getattr(desk, who))
    in_palette = {command.action for command in window_commands(window)}
    actions = every_action(window)

    neither = [a.text() for a in actions if a.shortcut().isEmpty() and a not in in_palette]
    keys = [
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for action in actions
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    ]

    assert neither == []
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert len(keys) >= 30  # most actions have keys; the palette is for the rare ones


def test_f1_opens_the_cheat_sheet_grouped_by_menu_with_every_action(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)

    press(qtbot, window, Qt.Key.Key_F1, NO_MODIFIER)

    sheet = window.help_actions.cheat_sheet
    assert isinstance(sheet, CheatSheet)
    qtbot.waitUntil(sheet.isVisible)
    rows = sheet.rows()
    assert ("Take", "Ctrl+T") in rows["Complaint"]
    assert ("Acknowledge", "Ctrl+Alt+K") in rows["Complaint"]
    assert ("Command palette…", "Ctrl+K") in rows["Help"]
    assert ("Keyboard shortcuts", "F1, ?") in rows["Help"]
    assert ("Preferences…", "palette (Ctrl+K)") in rows["File"]
    listed = sum(len(entries) for entries in rows.values())
    assert listed == len(window_commands(window))
    assert list(rows)[:3] == ["File", "Complaint", "Queues"]  # in the menu bar's order


def test_question_mark_opens_the_cheat_sheet_but_types_in_a_text_field(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.ann)
    field = QLineEdit()
    window.statusBar().addWidget(field)
    field.setFocus()

    qtbot.keyClicks(field, "why?")

    assert field.text() == "why?"
    assert window.help_actions.cheat_sheet is None
    window.table.setFocus()
    press(qtbot, window, Qt.Key.Key_Question, NO_MODIFIER)
    qtbot.waitUntil(lambda: window.help_actions.cheat_sheet is not None)
    sheet = window.help_actions.cheat_sheet
    assert sheet is not None
    qtbot.waitUntil(sheet.isVisible)


def test_ctrl_k_opens_the_palette_and_acknowledge_moved_to_ctrl_alt_k(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    record(connection, desk.admin, "Parcel lost")
    window = open_window(qtbot, connection, desk.ann)
    window.go_to_queue(3)  # Unassigned
    press(qtbot, window, Qt.Key.Key_T, CTRL)  # Take
    settle(qtbot, window)

    press(qtbot, window, Qt.Key.Key_K, CTRL)

    palette = window.help_actions.palette
    assert isinstance(palette, CommandPalette)
    qtbot.waitUntil(palette.isVisible)
    assert window.detail.workspace.value("status") == "New"  # not acknowledged by Ctrl+K
    palette.reject()
    press(qtbot, window, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.AltModifier)
    settle(qtbot, window)
    assert window.detail.workspace.value("status") == "Acknowledged"
