"""Grab PNGs of the sign-in dialog and the main window, to look at what people will see.

Usage::

    QT_QPA_PLATFORM=offscreen python -m tests.ui.screenshots OUTDIR [--demo]
        [--language en|fr] [--theme light|dark]

It builds a throw-away SQLite database with a signed-in agent and some complaints, then
writes ``sign_in.png``, ``sign_in_refused.png``, ``main_window.png``,
``main_window_empty_queue.png``, ``main_window_all_open_by_due_desc.png``,
``cheat_sheet.png``, ``command_palette.png`` and ``preferences.png`` to OUTDIR,
and prints how long the main window took to open. A second database, filled through the
services (``screenshot_scenes``), gives ``workspace.png`` (a complaint with messages,
requests and history), ``new_complaint.png``, ``new_complaint_invalid_phone.png``,
``resolve.png``, ``conflict.png``, ``asked_of_my_function.png``, ``admin_functions.png``,
``admin_rules.png``, ``admin_add_rule.png``, ``admin_promises.png`` and (``screenshot_regulatory``)
``final_response_refused.png``, ``admin_promises_scope.png``, ``admin_which_policy.png``,
``admin_templates.png``, ``admin_templates_refused.png``. Three more databases
give the supervisor's and the front desk's screens (``screenshot_supervisor``,
``screenshot_front_desk``): ``dashboard.png`` (a month of complaints, every chart drawn),
``workload.png``, ``workload_filtered_queue.png``, ``problem_candidates.png``,
``customer_card_duplicate.png``, ``quarantine.png``, ``sync_conflicts.png`` (the conflicts as
a sync round records them; no central server is needed), ``screen_pop.png`` (with who else the
caller may be), ``workspace_one_customer.png`` (a tweet from an unknown handle, the caller
proposed), ``counter_found.png``,
``counter_form.png``, ``receipt.png`` and ``receipt_ticket.png``; their data is in the
language of the screenshots.

``--language fr`` takes every screenshot in French, ``--theme dark`` in the dark theme; the
person's own preferences do not apply and their kept window layout is left alone.

With ``--demo`` it goes through the real start-up instead (``application.start`` on a demo
database seeded by ``services.demo``, signed in as the demo agent) and writes
``opening.png``, ``demo_my_complaints.png`` and ``demo_all_open.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from complaintdesk.app import Settings, connect, settings_for
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.storage.database import sqlite_url
from complaintdesk.ui import application, i18n
from complaintdesk.ui.application import OpeningIndicator
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.session import preferences
from complaintdesk.ui.session.sign_in import SignInDialog
from tests.conftest import command_line_actor
from tests.ui import screenshot_front_desk as front_desk
from tests.ui import screenshot_regulatory as regulatory
from tests.ui import screenshot_scenes as scenes
from tests.ui import screenshot_supervisor as supervisor
from tests.ui.factories import add_complaints

PASSWORD = "correct horse"


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    """Process events until ``condition`` holds (a script has no qtbot)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle in time")
        QTest.qWait(10)


def sample_database(folder: Path) -> tuple[Connection, Actor]:
    """Open a new database with an agent, their complaints and some unassigned ones."""
    connection = connect(Settings(sqlite_url(folder / "screenshots.db"), folder))
    admin = ServiceContext(connection.uow, command_line_actor())
    users.add_user(
        admin, "alice", PASSWORD, role=Role.AGENT, site_code="HQ", display_name="Alice Martin"
    )
    actor = auth.sign_in(connection.uow, "alice", PASSWORD)
    add_complaints(connection.uow, 45, owner_id=actor.user_id, messages=3)
    add_complaints(connection.uow, 20, messages=1)
    return connection, actor


Grab = Callable[[QWidget, Path], None]


def grab(widget: QWidget, path: Path) -> None:
    """Save ``widget`` as it is drawn now."""
    QTest.qWait(50)  # lets layouts and pending paints settle
    widget.grab().save(str(path))
    print(f"wrote {path}")


def sign_in_shots(connection: Connection, out: Path, grab: Grab = grab) -> None:
    """The sign-in dialog, fresh and after a wrong password."""
    dialog = SignInDialog(connection)
    dialog.show()
    grab(dialog, out / "sign_in.png")
    dialog.login_edit.setText("alice")
    dialog.password_edit.setText("not the password")
    dialog.sign_in_button.click()
    grab(dialog, out / "sign_in_refused.png")
    dialog.close()


def main_window_shots(connection: Connection, actor: Actor, out: Path, grab: Grab = grab) -> float:
    """The main window with a complaint selected, then an empty queue; returns seconds."""
    started = time.perf_counter()
    window = MainWindow(connection, actor)
    window.show()
    QTest.qWaitForWindowExposed(window)
    opened = time.perf_counter() - started
    wait_until(lambda: window.tasks.pending == 0)
    window.table.selectRow(2)
    grab(window, out / "main_window.png")
    window.go_to_queue(1)  # the agent has no team queue: an empty state
    grab(window, out / "main_window_empty_queue.png")
    window.go_to_queue(2)
    window.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)
    grab(window, out / "main_window_all_open_by_due_desc.png")
    keyboard_shots(window, out, grab)
    window.close()
    return opened


def keyboard_shots(window: MainWindow, out: Path, grab: Grab = grab) -> None:
    """The cheat sheet (F1), the command palette looking for a customer, the preferences."""
    keys = window.help_actions
    keys.open_cheat_sheet()
    assert keys.cheat_sheet is not None
    grab(keys.cheat_sheet, out / "cheat_sheet.png")
    keys.cheat_sheet.reject()
    keys.open_palette()
    palette = keys.palette
    assert palette is not None
    QTest.keyClicks(palette.query, "martin")
    wait_until(lambda: palette.found is not None)
    grab(palette, out / "command_palette.png")
    palette.reject()
    keys.open_preferences()
    assert keys.preferences is not None
    grab(keys.preferences, out / "preferences.png")
    keys.preferences.reject()


def demo_shots(out: Path) -> None:
    """The real start-up on a fresh demo database, then two queues of realistic data."""

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            first_look = not (out / "opening.png").exists()
            if isinstance(widget, OpeningIndicator) and widget.isVisible() and first_look:
                grab(widget, out / "opening.png")
            if isinstance(widget, SignInDialog) and widget.isVisible():
                widget.login_edit.setText("agent")
                widget.password_edit.setText("demo-agent")
                widget.sign_in_button.click()
                return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    started = time.perf_counter()
    window = application.start(lambda: connect(settings_for(demo=True)))
    assert isinstance(window, MainWindow), "the demo start-up did not reach the main window"
    print(f"opened, seeded and signed in after {time.perf_counter() - started:.1f} s")
    window.show()
    wait_until(lambda: window.tasks.pending == 0)
    grab(window, out / "demo_my_complaints.png")
    window.go_to_queue(2)
    window.table.selectRow(3)
    grab(window, out / "demo_all_open.png")
    window.close()


def walk(folder: Path, out: Path, grab: Grab) -> list[Connection]:
    """Show every screen of the walk, handing each to ``grab``; return the databases used.

    The screenshots save what ``grab`` is given; a test reads it instead (no raw code shown).
    """
    connection, actor = sample_database(folder)
    sign_in_shots(connection, out, grab)
    seconds = main_window_shots(connection, actor, out, grab)
    print(f"main window shown in {seconds * 1000:.0f} ms")
    desk = connect(Settings(sqlite_url(folder / "desk.db"), folder))
    scenes.agent_screens(desk, out, grab, wait_until)
    scenes.admin_screens(desk, out, grab, wait_until)
    regulatory.regulatory_screens(desk, out, grab, wait_until)
    reports = connect(Settings(sqlite_url(folder / "reports.db"), folder))
    supervisor.dashboard_screens(reports, out, grab, wait_until)
    cases = connect(Settings(sqlite_url(folder / "cases.db"), folder))
    supervisor.case_screens(cases, out, grab, wait_until)
    shop = connect(Settings(sqlite_url(folder / "shop.db"), folder))
    front_desk.front_desk_screens(shop, out, grab, wait_until)
    return [connection, desk, reports, cases, shop]


def main(argv: list[str]) -> int:
    """Write the screenshots to ``argv[0]`` (``--demo``: through the real start-up)."""
    demo = "--demo" in argv
    options = {"--language": "en", "--theme": "light"}
    for name in options:
        if name in argv[:-1]:
            at = argv.index(name)
            options[name] = argv.pop(at + 1)
            argv.pop(at)
    paths = [a for a in argv if a != "--demo"]
    if len(paths) != 1:
        print(__doc__)
        return 2
    out = Path(paths[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the app is made
    app = application.application()
    i18n.install(options["--language"])  # not the preferences of whoever runs the script
    preferences.apply_theme(options["--theme"])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        if demo:
            os.environ["COMPLAINTDESK_DATA_DIR"] = folder  # never the user's own demo
            demo_shots(out)
        else:
            walk(Path(folder), out, grab)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
