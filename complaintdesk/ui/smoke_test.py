"""The main window shown once and closed: what ``complaintdesk smoke-test`` proves.

An installation (a PyInstaller bundle above all) that gets this far holds what a start needs:
the migrations, the shipped resources, the translations and the Qt plugins.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.context import Actor, Connection
from complaintdesk.ui import i18n
from complaintdesk.ui.application import application
from complaintdesk.ui.main_window import MainWindow

TIMEOUT_S = 120


@dataclass(frozen=True)
class WindowCheck:
    """What the main window showed before it closed."""

    shown: bool
    title: str
    first_queue: str
    rows: int
    catalogues: int
    """Translation catalogues installed: ComplaintDesk's and Qt's for a language but English."""


def show_main_window_once(connection: Connection, actor: Actor, language: str) -> WindowCheck:
    """Show ``actor``'s main window in ``language``, wait until it settles, then close it.

    Raises:
        ComplaintDeskError: the translations are missing, or the window never settled.
    """
    app = application()
    catalogues = len(i18n.install(language).translators)
    if language != "en" and catalogues < 2:
        raise ComplaintDeskError("the translations are missing from this installation")
    window = MainWindow(connection, actor)
    window.show()
    deadline = time.monotonic() + TIMEOUT_S
    while window.tasks.pending or not window.isVisible():
        if time.monotonic() > deadline:
            raise ComplaintDeskError("the main window did not settle in time")
        app.processEvents()
        time.sleep(0.01)
    check = WindowCheck(
        shown=window.isVisible(),
        title=window.windowTitle(),
        first_queue=window.navigation.item(0).text(),
        rows=window.queue_model.rowCount(),
        catalogues=catalogues,
    )
    window.close()
    window.deleteLater()
    app.processEvents()
    return check
