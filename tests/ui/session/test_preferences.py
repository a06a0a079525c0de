"""Preferences and window layout kept between sessions; the language and theme they choose."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from complaintdesk.services.context import Connection
from complaintdesk.ui import i18n
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.session import preferences
from complaintdesk.ui.session.preferences import PreferencesDialog, app_settings
from complaintdesk.ui.window import window_state
from tests.ui.conftest import Desk
from tests.ui.helpers import open_window, settle


@pytest.fixture
def theme_reset() -> Iterator[None]:
    yield
    preferences.apply_theme("system")


def window_lightness() -> int:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_the_choices_are_kept_and_the_theme_shows_at_once(
    qtbot: QtBot, connection: Connection, desk: Desk, own_settings: Path, theme_reset: None
) -> None:
    window = open_window(qtbot, connection, desk.ann)
    window.help_actions.preferences_action.trigger()
    dialog = window.help_actions.preferences
    assert isinstance(dialog, PreferencesDialog)
    assert dialog.language.currentData() == "en"  # as the fixture stored it
    assert window_lightness() > 150

    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.idle.setValue(30)
    dialog.accept()

    assert window_lightness() < 80
    assert window.security.idle_lock.timer.interval() == 30 * 60_000  # no restart needed
    stored = QSettings(
        str(own_settings / "ComplaintDesk" / "ComplaintDesk.ini"), QSettings.Format.IniFormat
    )
    assert stored.value("ui/language") == "fr"
    assert stored.value("ui/theme") == "dark"
    assert int(str(stored.value("security/idle_minutes"))) == 30
    again = PreferencesDialog(app_settings())
    qtbot.addWidget(again)
    assert (again.language.currentData(), again.theme.currentData()) == ("fr", "dark")
    assert again.idle.value() == 30
    again.theme.setCurrentIndex(again.theme.findData("light"))
    again.accept()
    assert window_lightness() > 150


def test_the_stored_language_is_the_one_installed_at_start(qtbot: QtBot) -> None:
    settings = app_settings()
    settings.setValue(i18n.LANGUAGE_KEY, "fr")

    preferences.apply(settings)

    assert QCoreApplication.translate("Labels", "My complaints") == "Mes réclamations"
    assert i18n.installed_language() == "fr"
    settings.setValue(i18n.LANGUAGE_KEY, "system")
    assert i18n.chosen_language(settings) == i18n.system_language()
    settings.setValue(i18n.LANGUAGE_KEY, "klingon")
    assert i18n.preferred_language(settings) == "system"


def test_the_idle_lock_delay_is_read_within_bounds() -> None:
    settings = app_settings()
    assert preferences.idle_minutes(settings) == preferences.DEFAULT_IDLE_MINUTES
    settings.setValue(preferences.IDLE_MINUTES_KEY, "9999")
    assert preferences.idle_minutes(settings) == preferences.MAX_IDLE_MINUTES
    settings.setValue(preferences.IDLE_MINUTES_KEY, "soon")
    assert preferences.idle_minutes(settings) == preferences.DEFAULT_IDLE_MINUTES


def test_the_window_opens_as_it_was_left(qtbot: QtBot, connection: Connection, desk: Desk) -> None:
    first = open_window(qtbot, connection, desk.ann)
    keeper = window_state.keep(first, app_settings())
    qtbot.waitUntil(lambda: keeper.done)
    first.resize(780, 640)  # within the offscreen screen (800 x 800): geometry is kept whole
    first.go_to_queue(2)
    outer = first.centralWidget()
    assert isinstance(outer, QSplitter)
    designed = _sizes(first)
    outer.setSizes([10, first.width() - 10])  # as narrow as the work beside it allows
    inner = first.work_splitter
    inner.setSizes([150, inner.height() - 150])
    settle(qtbot, first)
    kept = _sizes(first)
    assert kept["navigation_and_work"][0] < designed["navigation_and_work"][0]
    assert kept["queue_and_workspace"][0] == 150
    first.table.horizontalHeader().resizeSection(1, 333)
    first.close()

    second = MainWindow(connection, desk.ann)
    qtbot.addWidget(second)
    keeper = window_state.keep(second, app_settings())
    with qtbot.waitSignal(keeper.restored):  # once shown and laid out at the kept size
        second.show()
    settle(qtbot, second)

    assert second.navigation.currentRow() == 2
    assert second.height() == 640
    assert _sizes(second) == kept
    assert second.table.horizontalHeader().sectionSize(1) == 333


def _sizes(window: MainWindow) -> dict[str, list[int]]:
    """The sizes of the window's splitters that are on screen, by name."""
    return {s.objectName(): s.sizes() for s in window_state.splitters(window) if s.isVisible()}


def test_a_window_without_kept_settings_opens_as_designed(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.ann)
    keeper = window_state.keep(window, app_settings())
    qtbot.waitUntil(lambda: keeper.done)

    assert window.navigation.currentRow() == 0
    assert (window.width(), window.height()) == (1280, 800)
    navigation, _work = window_state.splitters(window)[0].sizes()
    assert navigation >= window.navigation.natural_width() or navigation == 280
