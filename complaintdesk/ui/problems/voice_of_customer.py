"""The voice of the customer on screen and as a PDF: one document, the same figures.

The page is built as rich text once (:func:`voice_html`); the view shows it in a text
browser and :func:`write_pdf` prints the same document with ``QPdfWriter``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import voice_of_customer
from complaintdesk.services.insight.satisfaction import ScoreLine
from complaintdesk.services.insight.voice_of_customer import CountLine, VoiceOfCustomer
from complaintdesk.ui import labels
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.problems.problem_models import problem_status_label


def _t(text: str) -> str:
    return QCoreApplication.translate("VoiceOfCustomer", text)


def _channel(code: str) -> str:
    try:
        return labels.channel_label(Channel(code))
    except ValueError:
        return code


def _number(value: float | None, suffix: str = "") -> str:
    return "—" if value is None else f"{value:g}{suffix}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> str:
    if not rows:
        return f"<p><i>{escape(empty)}</i></p>"
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        "<table cellspacing='0' cellpadding='4' border='0' width='100%'>"
        f"<tr style='background-color: #e8e8e8'>{head}</tr>{body}</table>"
    )


def _counts(lines: Sequence[CountLine], label: Callable[[str], str]) -> list[list[str]]:
    return [[label(line.label), str(line.count)] for line in lines]


def _scores(lines: Sequence[ScoreLine]) -> list[list[str]]:
    return [
        [
            _channel(line.label),
            str(line.responses),
            _number(line.satisfaction),
            _number(line.net_promoter),
        ]
        for line in lines
    ]


def _satisfaction(score: ScoreLine | None, by_channel: Sequence[ScoreLine]) -> str:
    if score is None or not score.responses:
        return f"<p><i>{escape(_t('No customer gave a score this month.'))}</i></p>"
    sentence = _t(
        "Mean satisfaction {mean} / 10 over {responses} responses; net promoter score {nps}."
    ).format(
        mean=_number(score.satisfaction),
        responses=score.responses,
        nps=_number(score.net_promoter),
    )
    headers = [_t("Channel"), _t("Responses"), _t("Satisfaction"), _t("Net promoter")]
    return f"<p>{escape(sentence)}</p>" + _table(headers, _scores(by_channel), "")


def voice_html(voice: VoiceOfCustomer) -> str:
    """Return the page of one function's month as rich text (what the screen and PDF show)."""
    trend = voice.complaints - voice.previous_complaints
    kept = _number(voice.promises_kept, " %")
    parts = [
        f"<h1>{escape(_t('Voice of the customer'))} — {escape(voice.function_name)}</h1>",
        f"<p>{escape(_t('Month'))}: <b>{escape(voice.month)}</b> (UTC). "
        f"{escape(_t('Generated'))} {escape(labels.local_time(datetime.now(UTC)))}.</p>",
        f"<h2>{escape(_t('Complaints'))}</h2>",
        "<p>"
        + escape(
            _t("Complaints received: {count} ({trend:+d} compared with the month before).").format(
                count=voice.complaints, trend=trend
            )
        )
        + "</p>",
        _table(
            [_t("Channel"), _t("Complaints")],
            _counts(voice.by_channel, _channel),
            _t("No complaint this month."),
        ),
        f"<h2>{escape(_t('Causes this function is responsible for'))}</h2>",
        _table(
            [_t("Root cause"), _t("Complaints resolved")],
            _counts(voice.causes, str),
            _t("No complaint resolved this month had a cause on this function's side."),
        ),
        f"<h2>{escape(_t('Promises kept'))}</h2>",
        "<p>"
        + escape(
            _t("{kept} of promises kept: {met} met, {missed} missed, {resolved} resolved.").format(
                kept=kept,
                met=voice.promises_met,
                missed=voice.promises_missed,
                resolved=voice.resolved,
            )
        )
        + "</p>",
        f"<h2>{escape(_t('Satisfaction'))}</h2>",
        _satisfaction(voice.satisfaction, voice.satisfaction_by_channel),
        f"<h2>{escape(_t('Open problems'))}</h2>",
        _table(
            [_t("Problem"), _t("Status"), _t("Owner"), _t("Complaints")],
            [
                [p.title, problem_status_label(p.status), p.owner_name or "—", str(p.complaints)]
                for p in voice.open_problems
            ],
            _t("No open problem on this function's side."),
        ),
    ]
    return "\n".join(parts)


def document(voice: VoiceOfCustomer) -> QTextDocument:
    """Return the page as a text document."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(voice_html(voice))
    return doc


def write_pdf(voice: VoiceOfCustomer, path: Path) -> None:
    """Print the page to ``path`` as an A4 PDF."""
    writer = QPdfWriter(str(path))
    writer.setTitle(_t("Voice of the customer") + f" — {voice.function_name} {voice.month}")
    writer.setCreator("ComplaintDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)  # the document lays out in screen points, so no rescaling
    doc = document(voice)
    doc.setPageSize(QSizeF(writer.width(), writer.height()))  # fill the page inside the margins
    doc.print_(writer)


class VoiceView(QWidget):
    """Pick a function and a month, read its page, save it as a PDF.

    Args:
        ctx: the signed-in supervisor or function member.
        operations: runs the reads off the GUI thread.
        parent: the problems window.
    """

    shown = Signal(object)
    """Emitted with the :class:`VoiceOfCustomer` shown (tests wait on it)."""

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self.voice: VoiceOfCustomer | None = None
        self.function = QComboBox()
        self.function.setAccessibleName(self.tr("Function"))
        self.month = QLineEdit(datetime.now(UTC).strftime("%Y-%m"))
        self.month.setAccessibleName(self.tr("Month"))
        self.month.setInputMask("9999-99")
        self.month.setMaximumWidth(90)
        show = QPushButton(self.tr("S&how"))
        show.clicked.connect(self.load)
        self.month.returnPressed.connect(self.load)
        self.save_button = QPushButton(self.tr("Save as &PDF…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_where)
        self.page = QTextBrowser()
        self.page.setAccessibleName(self.tr("Voice of the customer"))
        bar = QHBoxLayout()
        for label, widget in (
            (self.tr("&Function:"), self.function),
            (self.tr("&Month:"), self.month),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(show)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.page, 1)

    def set_functions(self, functions: Sequence[tuple[str, str]]) -> None:
        """Offer ``functions`` as (code, name), and show the first one's month."""
        self.function.clear()
        for code, name in functions:
            self.function.addItem(name, code)
        if not functions:
            self.page.setPlainText(self.tr("No function is yours to read: ask an administrator."))
            return
        self.load()

    def load(self) -> None:
        """Read the chosen function's month, off the GUI thread."""
        code = self.function.currentData()
        if code is None:
            return
        work = partial(voice_of_customer.monthly, self._ctx, str(code), self.month.text())
        self._ops.read(work, self._show)

    def _show(self, voice: VoiceOfCustomer) -> None:
        self.voice = voice
        self.page.setHtml(voice_html(voice))
        self.save_button.setEnabled(True)
        self.shown.emit(voice)

    def _ask_where(self) -> None:
        if self.voice is None:
            return
        suggested = f"voice-{self.voice.function_code}-{self.voice.month}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the page as a PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the page shown to ``path``."""
        if self.voice is None:
            return
        try:
            write_pdf(self.voice, path)
        except (OSError, ComplaintDeskError) as error:
            self.page.append(self.tr("Could not save the PDF: {error}").format(error=error))
