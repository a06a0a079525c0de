"""The quarantine in the main window: an entry with a count for those who review it, a page
with what waits, and the decisions (retry, attach by hand, discard) through real clicks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from complaintdesk.channels.email import eml_sources, ingest_sources
from complaintdesk.channels.quarantine import Channels
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.inbound import quarantine
from complaintdesk.ui.dialogs.quarantine import CustomerPickDialog, ReferenceDialog
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.queues.quarantine_items import QuarantineModel
from tests.support.mail_factory import make_email
from tests.ui.conftest import Desk
from tests.ui.helpers import open_window, settle

NO_SENDER = b"Subject: Refund please\r\nMessage-ID: <gui-1@x.example>\r\n\r\nMy parcel is lost.\r\n"


def _held(connection: Connection, desk: Desk, folder: Path, **files: bytes) -> None:
    ctx = ServiceContext(connection.uow, desk.admin)
    for name, raw in files.items():
        (folder / f"{name}.eml").write_bytes(raw)
    ingest_sources(ctx, eml_sources([folder / f"{name}.eml" for name in files]))


def _window(qtbot: QtBot, connection: Connection, desk: Desk) -> MainWindow:
    window = open_window(qtbot, replace(connection, quarantine=Channels()), desk.admin)
    assert window.quarantine is not None
    window.quarantine.go()
    settle(qtbot, window)
    return window


def test_the_model_passes_qt_s_model_tester(
    qtmodeltester: object, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    _held(connection, desk, tmp_path, nobody=NO_SENDER, junk=b"\x00\x01 not mail")
    model = QuarantineModel()

    model.set_rows(quarantine.list_items(ServiceContext(connection.uow, desk.admin)))

    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    assert {model.index(r, 2).data() for r in range(2)} == {
        "No sender anybody could answer",
        "Not an email message",
    }


def test_supervisors_and_administrators_see_the_quarantine_with_its_count_agents_do_not(
    qtbot: QtBot, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    _held(connection, desk, tmp_path, nobody=NO_SENDER)

    admin = open_window(qtbot, connection, desk.admin)
    agent = open_window(qtbot, connection, desk.ann)

    assert admin.quarantine is not None
    assert admin.quarantine.entry.text() == "Quarantine (1)"
    assert agent.quarantine is None
    labels = [agent.navigation.item(r).text() for r in range(agent.navigation.count())]
    assert not [text for text in labels if "Quarantine" in text]


def test_choosing_the_quarantine_shows_why_each_item_waits_and_what_it_holds(
    qtbot: QtBot, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    _held(connection, desk, tmp_path, nobody=NO_SENDER)

    window = _window(qtbot, connection, desk)

    page = window.quarantine.page  # type: ignore[union-attr]
    assert window.pages.currentWidget() is page
    assert page.model.rowCount() == 1
    qtbot.waitUntil(lambda: "My parcel is lost." in page.details.toPlainText())
    assert "Why it waits: No sender anybody could answer." in page.details.toPlainText()
    window.go_to_queue(0)
    assert window.pages.currentIndex() == 0, "a queue shows the complaints again"


def test_attaching_an_item_to_a_customer_opens_a_complaint_and_the_count_goes_down(
    qtbot: QtBot, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    _held(connection, desk, tmp_path, known=make_email(sender="Léa Martin <lea@example.org>"))
    _held(connection, desk, tmp_path, nobody=NO_SENDER)
    window = _window(qtbot, connection, desk)
    page = window.quarantine.page  # type: ignore[union-attr]

    qtbot.mouseClick(page.customer_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, CustomerPickDialog)
    qtbot.keyClicks(dialog.search, "Lea Mar")  # accents need not be typed
    qtbot.waitUntil(lambda: dialog.found.count() == 1)
    dialog.submit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    settle(qtbot, window)

    assert window.quarantine is not None
    assert window.quarantine.entry.text() == "Quarantine (0)"
    assert page.empty.isVisible()
    [item] = quarantine.list_items(ServiceContext(connection.uow, desk.admin), states=("released",))
    assert item.reference is not None


def test_a_wrong_reference_is_said_in_the_form_and_the_item_keeps_waiting(
    qtbot: QtBot, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    _held(connection, desk, tmp_path, nobody=NO_SENDER)
    window = _window(qtbot, connection, desk)
    page = window.quarantine.page  # type: ignore[union-attr]

    qtbot.mouseClick(page.complaint_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, ReferenceDialog)
    qtbot.keyClicks(dialog.reference, "HQ-26-99999")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy)

    assert dialog.isVisible()
    assert "HQ-26-99999" in dialog.error.text
    assert page.model.rowCount() == 1


def test_a_discard_asks_why_and_a_retry_that_still_fails_leaves_the_item_waiting(
    qtbot: QtBot, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    _held(connection, desk, tmp_path, nobody=NO_SENDER, junk=b"\x00\x01 not mail")
    window = _window(qtbot, connection, desk)
    page = window.quarantine.page  # type: ignore[union-attr]

    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    retried = page.selected()
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert isinstance(dialog, TextDialog)
    qtbot.keyClicks(dialog.text, "spam")
    dialog.submit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    assert retried is not None
    assert retried.attempts == 1
    ctx = ServiceContext(connection.uow, desk.admin)
    [gone] = quarantine.list_items(ctx, states=("discarded",))
    assert gone.decision_note == "spam"


def test_in_french_the_page_says_why_in_french(
    qtbot: QtBot, connection: Connection, desk: Desk, tmp_path: Path
) -> None:
    from complaintdesk.ui import i18n

    _held(connection, desk, tmp_path, nobody=NO_SENDER)
    i18n.install("fr")

    window = _window(qtbot, connection, desk)

    page = window.quarantine.page  # type: ignore[union-attr]
    assert window.quarantine.entry.text() == "Quarantaine (1)"  # type: ignore[union-attr]
    assert page.model.index(0, 2).data() == "Aucun expéditeur à qui répondre"
    assert page.retry_button.text() == "&Réessayer"
    qtbot.waitUntil(lambda: "Pourquoi il attend" in page.details.toPlainText())
