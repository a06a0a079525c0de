"""The main window's panes: queues on the left; the queue over the workspace on the right.

Both lines between them can be dragged and are kept between sessions (by their object
names, see :mod:`complaintdesk.ui.window.window_state`). At first the queue list is as wide
as its longest name and count need, and the queue gets about twelve rows at 1280 × 800.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

from complaintdesk.ui.queues.navigation import QueueNavigation

DEFAULT_SIZE = QSize(1280, 800)
"""A window that fits a small laptop's screen; the person's own size is kept afterwards."""
QUEUE_SHARE = 0.42
"""Of the height under the menu, what the queue gets at first."""
NAVIGATION_WIDTHS = (150, 240)
"""The narrowest and widest the queue list starts at."""


def panes(
    navigation: QueueNavigation, queue: QWidget, workspace: QWidget
) -> tuple[QSplitter, QSplitter, QStackedWidget]:
    """Return the central widget (``navigation`` | the rest), the queue over ``workspace``,
    and the pages beside the navigation: that splitter first, then any other page (the
    quarantine) a navigation item shows instead."""
    # The workspace goes under the table: ten columns need the window's width.
    work = QSplitter(Qt.Orientation.Vertical)
    work.setObjectName("queue_and_workspace")
    work.setChildrenCollapsible(False)
    work.addWidget(queue)
    work.addWidget(workspace)
    work.setStretchFactor(0, 0)
    work.setStretchFactor(1, 1)
    height = DEFAULT_SIZE.height() - 50  # the menu and status bars
    rows = int(height * QUEUE_SHARE)
    work.setSizes([rows, height - rows])
    outer = QSplitter(Qt.Orientation.Horizontal)
    outer.setObjectName("navigation_and_work")
    outer.setChildrenCollapsible(False)
    outer.addWidget(navigation)
    pages = QStackedWidget()
    pages.addWidget(work)
    outer.addWidget(pages)
    outer.setStretchFactor(0, 0)
    outer.setStretchFactor(1, 1)
    narrowest, widest = NAVIGATION_WIDTHS
    width = min(max(navigation.natural_width(), narrowest), widest)
    outer.setSizes([width, DEFAULT_SIZE.width() - width])
    return outer, work, pages
