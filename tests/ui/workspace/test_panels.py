"""The window's panes: a queue list whose counts are never cut, side panels that fold away."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import contributions, detail
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.ui.queues.navigation import fitted, split_count
from complaintdesk.ui.window import layout
from tests.ui.conftest import Desk
from tests.ui.helpers import open_window, record, settle


def test_the_requests_column_folds_away_until_something_is_asked(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = record(connection, desk.ann, "Charged twice on my invoice", channel=Channel.PHONE)
    window = open_window(qtbot, connection, desk.ann)
    window.show_complaint(recorded.complaint_id)
    settle(qtbot, window)
    workspace = window.detail.workspace
    assert not workspace.awaited.isVisible()  # nothing asked, nothing awaited
    wide = workspace.timeline.width()

    ctx = ServiceContext(connection.uow, desk.ann)
    version = detail.get_detail(ctx, recorded.complaint_id).version
    contributions.ask(ctx, recorded.complaint_id, ["billing"], "Twice?", version)
    window.refresh()
    settle(qtbot, window)

    assert workspace.awaited.isVisible()
    assert workspace.awaited.requests.isVisible()
    assert workspace.awaited.requests.item(0).text().startswith("Billing · Waiting for an answer")
    assert not workspace.awaited.commitments.isVisible()  # folded to its heading
    assert workspace.timeline.width() < wide


def test_the_queue_list_starts_wide_enough_for_every_name_and_count(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.ann)
    navigation = window.navigation
    metrics = QFontMetrics(navigation.font())

    width = window.centralWidget().sizes()[0]  # type: ignore[attr-defined]
    assert width >= min(navigation.natural_width(), layout.NAVIGATION_WIDTHS[1])
    for row in range(navigation.count()):
        text = navigation.item(row).text()
        assert fitted(metrics, text, width - 30) == split_count(text)  # nothing cut


def test_a_narrow_queue_list_shortens_names_never_counts() -> None:
    metrics = QFontMetrics(QFont())
    text = "Late (promise broken) (1,204)"

    name, count = fitted(metrics, text, metrics.horizontalAdvance("Late (pro… 1,204") + 12)

    assert split_count(text) == ("Late (promise broken)", "1,204")
    assert count == "1,204"
    assert name.startswith("Late")
    assert name.endswith("…")
    assert split_count("Saved views") == ("Saved views", "")
