"""The reply composer under the timeline: answer the customer or note for colleagues, in place.

A toggle chooses a reply (on a channel, :mod:`.channel_picker`) or a note; canned responses
come from the templates; Ctrl+Enter sends. What is written stays the person's draft when they
pause or move away (:mod:`.drafts`); sending throws it away.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain import replies as reply_rules
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import replies
from complaintdesk.services.complaints.replies import NOTE, REPLY, Draft
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.services.replicas import presence
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import TaskRunner
from complaintdesk.ui.workspace.canned_responses import CannedResponseButton
from complaintdesk.ui.workspace.channel_picker import ChannelPicker
from complaintdesk.ui.workspace.drafts import DraftKeeper
from complaintdesk.ui.workspace.timeline_view import colours

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
_SWITCH = (
    "QToolButton { padding: 2px 6px; } QToolButton:checked { background: palette(highlight);"
    " color: palette(highlighted-text); border-radius: 3px; }"
)
SAVE_AFTER_MS = 800
"""A draft is kept this long after the last key pressed."""
LINES = 3
"""Height of the text at first, in lines (the line above it can be dragged)."""


class Composer(QWidget):
    """Writes replies and notes on the shown complaint.

    Args:
        ctx: the signed-in caller.
        operations: runs the send (a conflict opens the concurrent-edit dialog).
        runner: the window's task runner (drafts are read and kept off the GUI thread).
        parent: the owning widget.
    """

    activity_changed = Signal(str)
    """What the person does now, for presence: viewing, writing a reply, writing a note."""
    sent = Signal(object)
    """A reply or note was sent or recorded (its message id)."""

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Reply composer"))
        self._ctx = ctx
        self._ops = operations
        self._runner = runner
        self._detail: ComplaintDetail | None = None
        self._base_version = 0
        self._can_reply = self._can_note = False
        self._loading = False
        self._activity = presence.VIEWING
        self._dirty = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_draft)
        self.drafts = DraftKeeper(ctx, runner, self)
        self.drafts.kept.connect(self._kept)
        self.drafts.failed.connect(self._not_kept)
        self._build()
        operations.reloaded.connect(self._accept_reload)
        self.clear()

    # --- building ---

    def _build(self) -> None:
        self.reply_button = self._mode_button(self.tr("&Reply"), REPLY)
        self.reply_button.setToolTip(self.tr("An answer the customer receives"))
        self.note_button = self._mode_button(self.tr("Internal n&ote"), NOTE)
        self.note_button.setToolTip(self.tr("Only colleagues read notes; the customer never does"))
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.reply_button)
        self._modes.addButton(self.note_button)
        self.channel = ChannelPicker()
        self.channel.currentIndexChanged.connect(self._channel_chosen)
        self.canned_button = CannedResponseButton(self._ctx, self._runner, lambda: self._detail)
        self.canned_button.written.connect(self._insert)
        self.canned_button.failed.connect(self._not_kept)
        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("About this answer"))
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.state = QLabel()
        self.state.setAccessibleName(self.tr("Draft"))
        self.state.setEnabled(False)  # a quiet word, not content
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Message"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * LINES + 12)
        self.text.textChanged.connect(self._typed)
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send)
        # Ctrl+Enter sends: the text itself would take it for a line break before a shortcut.
        self.text.installEventFilter(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # from the buttons beside it too
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.send)
        self._lay_out()

    def _mode_button(self, text: str, mode: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setStyleSheet(_SWITCH)  # two halves of one switch: the chosen one stands out

        def chosen(on: bool) -> None:
            if on:
                self._mode_chosen(mode)

        button.toggled.connect(chosen)
        return button

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        for widget in (self.reply_button, self.note_button, self.channel, self.canned_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.state)
        top.addWidget(self.send_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 6, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.hint)
        column.addWidget(self.text, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() in _KEY_EVENTS and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.type() == QEvent.Type.KeyPress:
                    self.send()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        # A few lines at first: the timeline gets the height, the line between them moves.
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumSizeHint().height() + 8)

    # --- what the workspace asks ---

    @property
    def mode(self) -> str:
        """:data:`REPLY` or :data:`NOTE`."""
        return NOTE if self.note_button.isChecked() else REPLY

    @property
    def chosen_channel(self) -> Channel | None:
        """The channel the reply goes on (None in note mode)."""
        return None if self.mode == NOTE else self.channel.chosen

    def show_detail(self, detail: ComplaintDetail, *, can_reply: bool, can_note: bool) -> None:
        """Write on ``detail`` now; another complaint's draft is kept first."""
        same = self._detail is not None and self._detail.id == detail.id
        if not same:
            self.save_draft()
        previous, self._detail = self._detail, detail
        self._can_reply, self._can_note = can_reply, can_note
        self.setVisible(can_reply or can_note)
        self.channel.fill(detail)
        self._show_send()
        if same and previous is not None:
            if not self.text.toPlainText().strip():
                self._base_version = detail.version  # nothing written: start from what is shown
            return
        self._base_version = detail.version
        self._start(REPLY if can_reply else NOTE, "")
        self.drafts.read(detail.id, self._draft_loaded)

    def clear(self) -> None:
        """No complaint is shown (a draft in progress is kept first)."""
        self.save_draft()
        self._detail = None
        self.hide()

    def start_reply(self, channel: Channel | None = None) -> None:
        """Put the focus in the text, ready to answer the customer (Ctrl+R), on ``channel``."""
        if self._can_reply:
            self.reply_button.setChecked(True)
            if channel is not None:
                self.channel.choose(channel)
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def start_note(self) -> None:
        """Put the focus in the text, ready to write a note (Ctrl+Shift+N)."""
        if self._can_note:
            self.note_button.setChecked(True)
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def send(self) -> None:
        """Send the reply or add the note (Ctrl+Enter); the text stays if it is refused."""
        detail, body = self._detail, self.text.toPlainText()
        if detail is None or self._ops.busy or not self.send_button.isEnabled():
            return
        if not body.strip():
            self.state.setText(self.tr("Write something first."))
            return
        ctx, version, channel = self._ctx, self._base_version, self.chosen_channel
        work: Callable[[], uuid.UUID]
        if self.mode == NOTE:
            work = partial(replies.add_note, ctx, detail.id, body)
        elif channel is not None:
            work = partial(replies.send_reply, ctx, detail.id, channel, body, version)
        else:
            return
        self._save_timer.stop()
        self._dirty = False  # on its way: not a draft any more, unless it is refused
        self.state.setText(self.tr("Sending…"))
        changes = Changes.complaint(detail.id, queues=self.mode == REPLY)
        self._ops.run(work, changes, done=partial(self._sent, detail.id), failed=self._refused)

    def save_draft(self) -> None:
        """Keep what is written on the shown complaint as the person's draft (off-thread)."""
        self._save_timer.stop()
        pending = self._pending_draft()
        if pending is not None:
            self.drafts.keep(*pending)

    def save_draft_now(self) -> None:
        """Keep the draft before the window closes (on this thread: the workers are stopping)."""
        self._save_timer.stop()
        pending = self._pending_draft()
        if pending is not None:
            self.drafts.keep_now(*pending)

    # --- inside ---

    def _pending_draft(self) -> tuple[uuid.UUID, Draft] | None:
        detail = self._detail
        if detail is None or self._loading or not self._dirty:
            return None
        self._dirty = False
        body = self.text.toPlainText()
        return detail.id, Draft(self.mode, self.chosen_channel, body, self._base_version)

    def _start(self, mode: str, body: str) -> None:
        self._loading = True
        (self.note_button if mode == NOTE else self.reply_button).setChecked(True)
        self.reply_button.setVisible(self._can_reply)
        self.note_button.setVisible(self._can_note)
        self._mode_chosen(mode)
        self.text.setPlainText(body)
        self.text.moveCursor(QTextCursor.MoveOperation.End)  # to go on where they stopped
        self._loading = False
        self._dirty = False
        self.state.setText(self.tr("Draft kept") if body else "")
        self._set_activity()

    def _draft_loaded(self, complaint_id: uuid.UUID, draft: Draft | None) -> None:
        shown = self._detail
        if draft is None or shown is None or shown.id != complaint_id:
            return
        if self.text.toPlainText().strip():
            return  # they started writing before it arrived: what they type wins
        note = (draft.mode == NOTE and self._can_note) or not self._can_reply
        mode = NOTE if note else REPLY
        self._base_version = draft.base_version
        self._start(mode, draft.body)
        if draft.channel is not None:
            self.channel.choose(draft.channel)

    def _mode_chosen(self, mode: str) -> None:
        note = mode == NOTE
        self.channel.setVisible(not note)
        self.canned_button.setVisible(not note)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        background, text, border = colours("note", dark)
        note_look = (
            f"QPlainTextEdit {{ background: {background}; color: {text};"
            f" border: 1px solid {border}; border-left: 4px solid {border}; }}"
        )
        self.text.setStyleSheet(note_look if note else "")  # a note looks like a note
        self.text.setPlaceholderText(
            self.tr("A note for colleagues: the customer never sees it. Ctrl+Enter adds it.")
            if note
            else self.tr("Write to the customer. Ctrl+Enter sends.")
        )
        self._show_send()
        if not self._loading:
            self._dirty = bool(self.text.toPlainText().strip())
            self._set_activity()

    def _channel_chosen(self, _index: int) -> None:
        self._show_send()
        if not self._loading and self.text.toPlainText().strip():
            self._dirty = True
            self._save_timer.start()

    def _show_send(self) -> None:
        channel = self.chosen_channel
        hint = self.channel.warning(self._detail) if channel is not None else ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if self.mode == NOTE:
            text, tip = self.tr("Add note"), self.tr("Only colleagues read notes (Ctrl+Enter)")
        elif channel in reply_rules.SENT:
            text, tip = self.tr("Send"), self.tr("It leaves for the customer (Ctrl+Enter)")
        else:
            text = self.tr("Record")
            tip = self.tr("Record what the customer was told (Ctrl+Enter)")
        self.send_button.setText(text)
        self.send_button.setToolTip(tip)
        self.send_button.setEnabled(self._detail is not None and not self._ops.busy)

    def _typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.state.setText("")
        self._save_timer.start()
        self._set_activity()

    def _set_activity(self) -> None:
        writing = bool(self.text.toPlainText().strip())
        if not writing:
            activity = presence.VIEWING
        else:
            activity = presence.WRITING_NOTE if self.mode == NOTE else presence.WRITING_REPLY
        if activity != self._activity:
            self._activity = activity
            self.activity_changed.emit(activity)

    def _kept(self) -> None:
        if self.text.toPlainText().strip():
            self.state.setText(self.tr("Draft kept"))

    def _not_kept(self, error: Exception) -> None:
        self._dirty = True  # try again at the next pause
        self.state.setText(self.tr("Draft not kept: {why}").format(why=error))

    def _sent(self, complaint_id: uuid.UUID, _message_id: object) -> None:
        self.state.setText(self.tr("Sent") if self.mode == REPLY else self.tr("Note added"))
        if self._detail is not None and self._detail.id == complaint_id:
            self._loading = True
            self.text.clear()
            self._loading = False
            self._dirty = False
            self._set_activity()
        self.sent.emit(_message_id)

    def _refused(self, _error: Exception) -> None:
        self._dirty = True  # kept as a draft again
        self.state.setText(self.tr("Not sent: your text is kept."))

    def _accept_reload(self) -> None:
        # After "Someone else changed this complaint" and Reload, the person has seen what
        # changed: sending again goes over the version now shown.
        if self._detail is not None:
            self._base_version = self._detail.version
            self._dirty = bool(self.text.toPlainText().strip())

    def _insert(self, complaint_id: uuid.UUID, text: str) -> None:
        if self._detail is not None and self._detail.id == complaint_id:
            self.text.insertPlainText(text)
            self.text.setFocus()

    def sent_elsewhere(self, complaint_id: uuid.UUID) -> None:
        """What was written here left in a letter form: the text and its draft go."""
        if self._detail is not None and self._detail.id == complaint_id:
            self._sent(complaint_id, None)
            self.drafts.keep(complaint_id, Draft(REPLY, None, "", self._base_version))
