"""Who else is on the shown complaint, told within a second on PostgreSQL.

The window announces the complaint it shows (and when its person writes) through
:mod:`complaintdesk.services.replicas.presence`. On the central PostgreSQL a connection of
its own, on a thread of its own, LISTENs: an announcement about the shown complaint makes
the window read who is there; a write anywhere (the change log's NOTIFY) makes the change
watch look at once. On a shared SQLite file — or while the server cannot be listened to —
a timer looks every few seconds instead.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas import presence
from complaintdesk.services.replicas.presence import Colleague
from complaintdesk.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

POLL_MS = 3_000
"""How often a window without a listening connection looks (a shared SQLite file)."""
RETRY_SECONDS = 5.0
"""How long the listening thread waits before connecting again after losing the server."""


class _Listening(QThread):
    """Waits on a listening connection and hands each notification to the GUI thread."""

    heard = Signal(str, str)
    """(channel, payload) of a notification."""
    listening = Signal(bool)
    """True once connected; False when the connection was lost (the window polls)."""

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx

    def run(self) -> None:
        while not self.isInterruptionRequested():
            try:
                listener = presence.open_listener(self._ctx)
            except ComplaintDeskError as error:
                log.info("cannot listen for presence: %s", error)
                self.listening.emit(False)
                self._pause(RETRY_SECONDS)
                continue
            if listener is None:
                return  # SQLite: nothing to listen to
            self.listening.emit(True)
            try:
                while not self.isInterruptionRequested():
                    for one in listener.wait(0.25):
                        self.heard.emit(one.channel, one.payload)
            except ComplaintDeskError as error:
                log.info("presence connection lost: %s", error)
                self.listening.emit(False)
                self._pause(RETRY_SECONDS)
            finally:
                listener.close()

    def _pause(self, seconds: float) -> None:
        for _ in range(int(seconds * 4)):
            if self.isInterruptionRequested():
                return
            self.msleep(250)


class PresenceWatch(QObject):
    """Announces what this window shows and tells who else is on it.

    Args:
        ctx: the signed-in caller.
        runner: the window's task runner (reads and announcements never block the GUI).
        changes_heard: called when the database says something was written (PostgreSQL).
        poll_ms: how often to look without a listening connection (shorter in tests).
        parent: the owning Qt object.
    """

    colleagues_changed = Signal(object)
    """The others on the shown complaint changed: a tuple of :class:`Colleague`."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        changes_heard: Callable[[], None],
        *,
        poll_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session_id = uuid.uuid4()
        self._ctx = ctx
        self._runner = runner
        self._changes_heard = changes_heard
        self._shown: uuid.UUID | None = None
        self._activity = presence.VIEWING
        self._generation = 0
        self.colleagues: tuple[Colleague, ...] = ()
        self.listening = False
        self._thread = _Listening(ctx, self)
        self._thread.heard.connect(self._heard)
        self._thread.listening.connect(self._set_listening)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.look)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(presence.HEARTBEAT.total_seconds() * 1000))
        self._heartbeat.timeout.connect(self._announce)

    def start(self) -> None:
        """Listen (PostgreSQL) or poll (SQLite), and keep this window's presence alive."""
        self._poll.start()  # until the listening connection says it is there
        self._heartbeat.start()
        self._thread.start()

    def stop(self) -> None:
        """Leave (the window closes): the others stop seeing this person at once."""
        self._poll.stop()
        self._heartbeat.stop()
        self._thread.requestInterruption()
        self._thread.wait()
        try:
            presence.leave(self._ctx, self.session_id)  # quick, and the window is going
        except ComplaintDeskError as error:
            log.info("could not say this window closed: %s", error)

    def show(self, complaint_id: uuid.UUID | None) -> None:
        """Say which complaint this window shows now (None: none), then look who is there."""
        if complaint_id == self._shown:
            return
        self._shown = complaint_id
        self._activity = presence.VIEWING
        self._set_colleagues(())
        self._announce()
        self.look()

    def set_activity(self, activity: str) -> None:
        """Say whether the person writes a reply, a note, or only looks."""
        if activity != self._activity:
            self._activity = activity
            self._announce()

    def look(self) -> None:
        """Read who else is on the shown complaint, off the GUI thread."""
        shown = self._shown
        if shown is None:
            return
        self._generation += 1
        ctx, session = self._ctx, self.session_id

        def work(_task: Task[tuple[Colleague, ...]]) -> tuple[Colleague, ...]:
            return presence.others_on(ctx, session, shown)

        self._runner.run(work, partial(self._seen, self._generation, shown), self._failed)

    # --- inside ---

    def _announce(self) -> None:
        ctx, session, shown, activity = self._ctx, self.session_id, self._shown, self._activity

        def work(_task: Task[None]) -> None:
            presence.announce(ctx, session, shown, activity)

        self._runner.run(work, lambda _none: None, self._failed)

    def _heard(self, channel: str, payload: str) -> None:
        if channel == presence.CHANGES_CHANNEL:
            self._changes_heard()
        elif self._shown is not None and payload == str(self._shown):
            self.look()

    def _set_listening(self, listening: bool) -> None:
        self.listening = listening
        if listening:
            self._poll.stop()
            self.look()  # what was missed while polling or connecting
        else:
            self._poll.start()

    def _seen(self, generation: int, shown: uuid.UUID, found: tuple[Colleague, ...]) -> None:
        if generation == self._generation and shown == self._shown:
            self._set_colleagues(found)

    def _set_colleagues(self, found: tuple[Colleague, ...]) -> None:
        if found != self.colleagues:
            self.colleagues = found
            self.colleagues_changed.emit(found)

    def _failed(self, error: Exception) -> None:
        log.info("presence not read or told this time: %s", error)


def presence_text(colleagues: tuple[Colleague, ...]) -> str:
    """Return "Bea Roux is writing a reply · Carl Cooper is viewing" ('' when alone)."""
    phrases = {
        presence.VIEWING: QCoreApplication.translate("Presence", "{name} is viewing"),
        presence.WRITING_REPLY: QCoreApplication.translate("Presence", "{name} is writing a reply"),
        presence.WRITING_NOTE: QCoreApplication.translate("Presence", "{name} is writing a note"),
    }
    return " · ".join(
        phrases.get(c.activity, phrases[presence.VIEWING]).format(name=c.name) for c in colleagues
    )
