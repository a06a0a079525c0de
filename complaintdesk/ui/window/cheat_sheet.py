"""The keyboard cheat sheet (F1, or ? outside a text field): every action and its keys.

Built from the window's actions each time it opens (see :func:`palette.window_commands`),
grouped by menu, so it can never drift from what the keys really do.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from complaintdesk.ui.window.palette import window_commands


class CheatSheet(QDialog):
    """A two-column list: the action, then its shortcut, under its menu's name.

    Args:
        window: the main window whose actions are listed.
        palette_keys: the palette's shortcut, named for actions that have none.
    """

    def __init__(self, window: QMainWindow, palette_keys: str) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        intro = QLabel(
            self.tr(
                "Every action, with its keys. Those without keys are found in the command "
                "palette ({keys}): type a few letters of their name."
            ).format(keys=palette_keys)
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Actions and their shortcuts"))
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self._fill(window, palette_keys)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def _fill(self, window: QMainWindow, palette_keys: str) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for command in window_commands(window):
            title = command.menu or self.tr("Anywhere in the window")
            group = groups.get(title)
            if group is None:
                group = QTreeWidgetItem(self.tree, [title])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                groups[title] = group
            keys = command.keys or self.tr("palette ({keys})").format(keys=palette_keys)
            QTreeWidgetItem(group, [command.name, keys])
        self.tree.expandAll()

    def rows(self) -> dict[str, list[tuple[str, str]]]:
        """Return what is listed: menu → (action, keys) in order."""
        listed: dict[str, list[tuple[str, str]]] = {}
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            assert group is not None
            children = [group.child(row) for row in range(group.childCount())]
            listed[group.text(0)] = [(c.text(0), c.text(1)) for c in children if c is not None]
        return listed
