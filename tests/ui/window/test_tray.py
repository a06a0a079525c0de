"""The tray tells only news, once, and its message opens the complaint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from complaintdesk.services.complaints.notifications import NotificationView
from complaintdesk.ui.window.tray import TrayNotices, news


def _notification(text: str) -> NotificationView:
    return NotificationView(uuid.uuid4(), uuid.uuid4(), "at_risk", text, datetime.now(UTC), False)


def test_nothing_is_news_at_start_and_each_notification_is_news_once() -> None:
    seen_at_start, arrived = _notification("CD-1 at risk"), _notification("CD-2 breached")

    assert news(None, [seen_at_start]) == ()
    assert news({seen_at_start.id}, [seen_at_start, arrived]) == (arrived,)
    assert news({seen_at_start.id, arrived.id}, [arrived]) == ()


def test_the_tray_shows_only_new_notifications_and_a_click_opens_the_complaint(
    qtbot: QtBot,
) -> None:
    shown: list[tuple[str, str]] = []
    notices = TrayNotices(lambda title, text: shown.append((title, text)))
    old, new = _notification("CD-1 at risk"), _notification("CD-2 assigned to you by Sue")

    notices.absorb((old,))  # unread when the window opened: seen in the status bar
    notices.absorb((old,))
    assert shown == []
    notices.absorb((new, old))
    notices.absorb((new, old))

    assert [(title[:18], text) for title, text in shown] == [
        ("1 new notification", "CD-2 assigned to you by Sue")
    ]
    with qtbot.waitSignal(notices.open_complaint) as opened:
        notices.message_clicked()
    assert opened.args == [new.complaint_id]
