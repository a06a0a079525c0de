"""Printing receipts with Qt: a PDF file or a printer, an A4 page or an 80 mm ticket.

The receipt's HTML (from :func:`complaintdesk.services.outbound.receipts.render_html`) is laid
out by a :class:`QTextDocument` at the resolution of the device it goes to, so a point is a point
on paper. An A4 receipt flows over as many pages as it needs; a ticket is one page 80 mm
wide and exactly as long as the receipt, as a ticket printer's roll wants it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import receipts
from complaintdesk.services.outbound.receipts import Paper, Receipt
from complaintdesk.ui import labels
from complaintdesk.ui.tasks import TaskRunner

TICKET_WIDTH_MM = 80.0
TICKET_MARGIN_MM = 4.0
A4_MARGIN_MM = 18.0
PDF_RESOLUTION = 600
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Printed:
    """What was printed: how many pages, and the size of the first one in millimetres."""

    pages: int
    width_mm: float
    height_mm: float


class ReceiptNotWritten(ComplaintDeskError):
    """The PDF file could not be written (folder missing, disk full, no permission)."""


def write_pdf(html: str, paper: Paper, path: Path, title: str = "") -> Printed:
    """Write the receipt ``html`` to the PDF file ``path`` for ``paper``.

    Args:
        title: the PDF's title (shown by viewers), e.g. the receipt's reference.

    Raises:
        ReceiptNotWritten: the file cannot be written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ReceiptNotWritten(f"The folder {path.parent} does not exist.")
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("ComplaintDesk")
    writer.setTitle(title)
    printed = print_to(html, paper, writer)
    if not path.is_file() or path.stat().st_size == 0:
        raise ReceiptNotWritten(f"The receipt could not be written to {path}.")
    return printed


def print_to(html: str, paper: Paper, device: QPagedPaintDevice) -> Printed:
    """Lay out ``html`` for ``paper`` on ``device`` (a :class:`QPdfWriter` or :class:`QPrinter`).

    The device's page layout is set here: A4 portrait, or 80 mm wide fitted to the content.
    """
    document = QTextDocument()
    document.setHtml(html)
    document.setDocumentMargin(0)
    document.documentLayout().setPaintDevice(device)
    dpi = device.logicalDpiY()
    if paper is Paper.TICKET:
        layout = _ticket_layout(document, dpi)
    else:
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(A4_MARGIN_MM, A4_MARGIN_MM, A4_MARGIN_MM, A4_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    if not device.setPageLayout(layout):
        raise ComplaintDeskError("The printer refused the receipt's page size.")
    paint = layout.paintRectPixels(dpi)
    document.setPageSize(QSizeF(paint.width(), paint.height()))
    _paint(document, device)
    size = layout.fullRect(QPageLayout.Unit.Millimeter)
    return Printed(document.pageCount(), round(size.width(), 1), round(size.height(), 1))


def _ticket_layout(document: QTextDocument, dpi: int) -> QPageLayout:
    """An 80 mm page as long as ``document`` laid out at the ticket's printable width."""
    printable_mm = TICKET_WIDTH_MM - 2 * TICKET_MARGIN_MM
    document.setTextWidth(printable_mm * dpi / MM_PER_INCH)
    content_mm = document.size().height() * MM_PER_INCH / dpi
    height_mm = content_mm + 2 * TICKET_MARGIN_MM + 1.0  # a hair more: never a second page
    size = QPageSize(
        QSizeF(TICKET_WIDTH_MM, height_mm), QPageSize.Unit.Millimeter, "Receipt ticket 80 mm"
    )
    margins = QMarginsF(TICKET_MARGIN_MM, TICKET_MARGIN_MM, TICKET_MARGIN_MM, TICKET_MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def _paint(document: QTextDocument, device: QPagedPaintDevice) -> None:
    page = document.pageSize()
    painter = QPainter()
    if not painter.begin(device):
        raise ReceiptNotWritten("The printer or file could not be opened for the receipt.")
    try:
        for number in range(document.pageCount()):
            if number > 0:
                device.newPage()
            top = number * page.height()
            painter.save()
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, page.width(), page.height()))
            painter.restore()
    finally:
        painter.end()


def configure_printer(printer: QPrinter, paper: Paper) -> None:
    """Preset a printer for ``paper`` before the print dialog shows it."""
    if paper is Paper.TICKET:
        size = QPageSize(QSizeF(TICKET_WIDTH_MM, 200.0), QPageSize.Unit.Millimeter)
        printer.setPageSize(size)
    else:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName("ComplaintDesk receipt")


class ReceiptDialog(QDialog):
    """After recording: the receipt shown as it prints, on A4 or a ticket, to print or save.

    Args:
        ctx: the signed-in caller.
        complaint_id: the complaint whose receipt it is.
        parent: the main window.
    """

    loaded = Signal()
    """The receipt was read and its preview is shown."""

    def __init__(
        self, ctx: ServiceContext, complaint_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.receipt: Receipt | None = None
        self.print_dialog: QPrintDialog | None = None
        self.ask_path: Callable[[str], str] = self._ask_path
        """Asks where to save the PDF (tests answer instead of a file dialog)."""
        self._printer: QPrinter | None = None
        self._tasks = TaskRunner(self, max_threads=1)
        self._build()
        self._tasks.run(lambda _task: receipts.receipt(ctx, complaint_id), self._show, self._failed)

    def _build(self) -> None:
        self.heading = QLabel(self.tr("Reading the receipt…"))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.a4 = QRadioButton(self.tr("&A4 page"))
        self.ticket = QRadioButton(self.tr("&Ticket printer (80 mm)"))
        self.a4.setChecked(True)
        papers = QHBoxLayout()
        papers.addWidget(QLabel(self.tr("Paper:")))
        papers.addWidget(self.a4)
        papers.addWidget(self.ticket)
        papers.addStretch(1)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Receipt preview"))
        self.preview.setMinimumSize(520, 420)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = self.buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = self.buttons.addButton(
            self.tr("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.save_as)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.a4.toggled.connect(self._show_preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(papers)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _show(self, receipt: Receipt) -> None:
        self.receipt = receipt
        self.heading.setText(
            self.tr("{reference} recorded. Hand {name} their receipt ({language}).").format(
                reference=receipt.reference,
                name=receipt.customer_name,
                language=labels.language_label(receipt.language),
            )
        )
        for button in (self.print_button, self.save_button):
            button.setEnabled(True)
        self._show_preview()
        self.print_button.setFocus()
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.heading.setText(self.tr("The receipt cannot be shown: {}").format(error))

    def paper(self) -> Paper:
        """The paper chosen."""
        return Paper.A4 if self.a4.isChecked() else Paper.TICKET

    def html(self) -> str:
        """The receipt laid out for the paper chosen (empty until it is read)."""
        return receipts.render_html(self.receipt, self.paper()) if self.receipt else ""

    def _show_preview(self) -> None:
        if self.paper() is Paper.TICKET:  # as narrow as the roll, so lines break as printed
            width = (TICKET_WIDTH_MM - 2 * TICKET_MARGIN_MM) * self.logicalDpiX() / MM_PER_INCH
            self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
            self.preview.setLineWrapColumnOrWidth(round(width))
        else:
            self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.preview.setHtml(self.html())

    def save_as(self) -> None:
        """Ask where, then write the receipt as a PDF for the paper chosen."""
        if self.receipt is None:
            return
        name = f"{self.receipt.reference}-{self.paper().value}.pdf"
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = self.ask_path(str(Path(folder) / name))
        if chosen:
            self.save_pdf(Path(chosen))

    def save_pdf(self, path: Path) -> Printed | None:
        """Write the receipt to ``path``; say where it went or why it could not."""
        try:
            printed = write_pdf(self.html(), self.paper(), path, self._title())
        except ComplaintDeskError as error:
            self.status.setText(self.tr("Not saved: {}").format(error))
            return None
        self.status.setText(self.tr("Saved to {}").format(path))
        return printed

    def choose_printer(self) -> None:
        """Open the print dialog; the receipt prints when the clerk confirms."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, self.paper())
        printer.setDocName(self._title())
        self._printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(partial(self.print_on, printer))
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def print_on(self, printer: QPrinter) -> Printed | None:
        """Print the receipt on ``printer`` for the paper chosen."""
        try:
            printed = print_to(self.html(), self.paper(), printer)
        except ComplaintDeskError as error:
            self.status.setText(self.tr("Not printed: {}").format(error))
            return None
        self.status.setText(self.tr("Sent to {}").format(printer.printerName() or "PDF"))
        return printed

    def _title(self) -> str:
        reference = self.receipt.reference if self.receipt else ""
        return self.tr("Receipt {reference}").format(reference=reference)

    def _ask_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save receipt as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        return path

    def done(self, result: int) -> None:
        self._tasks.shutdown()
        super().done(result)
