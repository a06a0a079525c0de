"""Quarantined items as the page shows them: in words, never codes, in the person's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from complaintdesk.services.inbound.quarantined import QuarantineView
from complaintdesk.ui import labels
from complaintdesk.ui.row_models import Column, RowsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("Quarantine", text)


class QuarantineCounts(QObject):
    """Counts in words with the language's plural forms ("seen 1 time", "vue 2 fois")."""

    def seen(self, count: int) -> str:
        return self.tr("seen %n time(s)", "", count)

    def retried(self, count: int) -> str:
        return self.tr("retried %n time(s)", "", count)


_COUNTS = QuarantineCounts()


def problem_label(problem: str) -> str:
    """Return why an item waits, in words a supervisor reads."""
    names = {
        "no_sender": _tr("No sender anybody could answer"),
        "not_a_message": _tr("Not an email message"),
        "too_large": _tr("Too large"),
        "malformed": _tr("A required field is missing or broken"),
        "oversized_field": _tr("A field is too large"),
        "refused": _tr("Refused while storing it"),
        "failed": _tr("Storing it failed unexpectedly"),
    }
    return names.get(problem, _tr("Could not be stored"))


def source_label(kind: str) -> str:
    """Return where a kind of item comes from, in words."""
    names = {
        "eml": _tr("Email file"),
        "mbox": _tr("Mailbox file"),
        "imap": _tr("Mailbox"),
        "social_file": _tr("Social media file"),
        "social_gateway": _tr("Social media gateway"),
        "cfpb": _tr("CFPB file"),
    }
    return names.get(kind, _tr("Other source"))


class QuarantineModel(RowsModel[QuarantineView]):
    """The items waiting: when they came, from where, why, from whom, about what."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_tr("Received"), lambda i: labels.local_time(i.received_at)),
                Column(_tr("From"), lambda i: source_label(i.source_kind)),
                Column(_tr("Why it waits"), lambda i: problem_label(i.problem)),
                Column(_tr("Sender"), lambda i: i.sender or "—"),
                Column(_tr("Subject"), lambda i: i.subject or "—"),
            ],
            parent,
        )


def describe(item: QuarantineView, preview: str) -> str:
    """Return what the page says of one item, in the person's language."""
    seen, retried = _COUNTS.seen(item.times_seen), _COUNTS.retried(item.attempts)
    lines = [
        _tr("Why it waits: {problem}.").format(problem=problem_label(item.problem)),
        _tr("Details: {reason}").format(reason=item.reason),
        _tr("From: {kind}, {where}").format(
            kind=source_label(item.source_kind), where=item.source_label
        ),
        _tr("Received: {when}; {seen}; {retried}.").format(
            when=labels.local_time(item.received_at),
            seen=seen,
            retried=retried,
        ),
    ]
    if item.truncated:
        lines.append(
            _tr("Only the beginning is kept: the item is larger than the quarantine keeps.")
        )
    lines += ["", _tr("What it holds:"), preview or _tr("(nothing readable)")]
    return "\n".join(lines)
