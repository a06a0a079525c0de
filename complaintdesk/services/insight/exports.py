"""Queue exports: CSV and XLSX of the rows a person sees, streamed a page at a time.

A queue of a million complaints is written page by page (keyset pages, as the table reads
them), so memory stays flat. Every text cell is neutralised against spreadsheet formula
injection (OWASP "CSV injection"): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading apostrophe, so a spreadsheet shows it as text and never
evaluates it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import ComplaintRow, QueueKind, QueuePage, QueueRequest

EXPORT_PAGE = 2_000
"""Rows read per page: large enough for throughput, small enough to cancel promptly."""
XLSX_MAX_ROWS = 1_048_576
"""Rows of one worksheet (Excel's limit); a longer queue continues on the next sheet."""
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP's list)."""

Cell = str | int | float | datetime | None
PageReader = Callable[[Sequence[object] | None, int], QueuePage]
Progress = Callable[[int, int], None]


class ExportFormat(StrEnum):
    """File formats an export can be written in."""

    CSV = "csv"
    XLSX = "xlsx"


class ExportCancelled(ComplaintDeskError):
    """The person cancelled the export; the partial file was removed."""


@dataclass(frozen=True)
class ExportColumn:
    """One column of the file: its title and how a queue line gives its value."""

    title: str
    value: Callable[[ComplaintRow], Cell]


@dataclass(frozen=True)
class ExportSummary:
    """What was written."""

    path: Path
    rows: int
    format: ExportFormat


def neutralised(value: Cell) -> Cell:
    """Return ``value`` made safe for a spreadsheet: text that could start a formula is quoted."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


DEFAULT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("Reference", lambda r: r.reference),
    ExportColumn("Subject", lambda r: r.subject),
    ExportColumn("Customer", lambda r: r.customer_name),
    ExportColumn("Channel", lambda r: r.channel.value),
    ExportColumn("Status", lambda r: r.status.value),
    ExportColumn("Priority", lambda r: r.priority.name.lower()),
    ExportColumn("Owner", lambda r: r.owner_name or ""),
    ExportColumn("Site", lambda r: r.site_code),
    ExportColumn("Received (UTC)", lambda r: r.received_at),
    ExportColumn("Due (UTC)", lambda r: r.next_due_at),
)
"""The queue table's columns in the services' own words (the GUI passes translated ones)."""


PERSONAL_QUEUES = {
    QueueKind.MINE: "the complaints of a signed-in person",
    QueueKind.TEAM: "the team queue of a signed-in person",
    QueueKind.ASKED: "what is asked of a signed-in person's function",
}


def _require_person(ctx: ServiceContext, queue: QueueKind) -> None:
    """Refuse a personal queue asked by nobody in particular (the command line as itself).

    Raises:
        ValidationError: the queue belongs to a person and the caller is none.
    """
    if queue in PERSONAL_QUEUES and ctx.actor.user_id is None:
        raise ValidationError(
            f"This queue holds {PERSONAL_QUEUES[queue]}, and no one is signed in: "
            "export all_open (or another queue) instead."
        )


def export_queue(
    ctx: ServiceContext,
    request: QueueRequest,
    path: Path,
    *,
    columns: Sequence[ExportColumn] = DEFAULT_COLUMNS,
    file_format: ExportFormat | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportSummary:
    """Write every row of ``request`` the caller may see to ``path``, a page at a time.

    Args:
        columns: titles and values, in file order (the GUI passes the table's own columns).
        file_format: CSV or XLSX (None: from the file name's extension).
        progress: called with (rows written, rows in the queue) after every page.
        cancelled: checked between pages; True stops and removes the partial file.

    Raises:
        PermissionDenied: the caller may not export.
        ExportCancelled: ``cancelled`` became true.
    """
    ctx.actor.require(Permission.VIEW_REPORTS)
    _require_person(ctx, request.queue)
    total = queues.count(ctx, request.queue, request.filters)

    def read(cursor: Sequence[object] | None, limit: int) -> QueuePage:
        return queues.page(ctx, request, cursor, limit)

    return write_pages(
        read, path, columns, file_format or _format_of(path), total, progress, cancelled
    )


def write_pages(
    read: PageReader,
    path: Path,
    columns: Sequence[ExportColumn],
    file_format: ExportFormat,
    total: int,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportSummary:
    """Write the pages ``read`` returns to ``path``; any queue-like source can be exported."""
    partial = path.with_name(path.name + ".part")
    written = 0
    try:
        lines = _lines(read, columns, total, progress, cancelled)
        if file_format is ExportFormat.CSV:
            written = _write_csv(partial, columns, lines)
        else:
            written = _write_xlsx(partial, columns, lines)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return ExportSummary(path, written, file_format)


def _format_of(path: Path) -> ExportFormat:
    suffix = path.suffix.lower().lstrip(".")
    return ExportFormat.XLSX if suffix == "xlsx" else ExportFormat.CSV


def _lines(
    read: PageReader,
    columns: Sequence[ExportColumn],
    total: int,
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> Iterator[list[Cell]]:
    cursor: Sequence[object] | None = None
    done = 0
    while True:
        if cancelled():
            raise ExportCancelled("Export cancelled; no file was written.")
        page = read(cursor, EXPORT_PAGE)
        for row in page.rows:
            yield [neutralised(c.value(row)) for c in columns]
        done += len(page.rows)
        if progress is not None:
            progress(done, max(total, done))
        if page.cursor is None or not page.rows:
            return
        cursor = page.cursor


def _csv_cell(value: Cell) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return "" if value is None else value


def _write_csv(path: Path, columns: Sequence[ExportColumn], lines: Iterator[list[Cell]]) -> int:
    count = 0
    # UTF-8 with a BOM: Excel then reads accents right; every other tool ignores it.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralised(c.title) for c in columns])
        for line in lines:
            writer.writerow([_csv_cell(v) for v in line])
            count += 1
    return count


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Spreadsheets have no time zones; the GUI's columns give local times already.
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _write_xlsx(path: Path, columns: Sequence[ExportColumn], lines: Iterator[list[Cell]]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    titles = [neutralised(c.title) for c in columns]
    try:
        count = _fill_xlsx(book, titles, lines)
    except BaseException:
        for sheet in book.worksheets:  # finish their temporary files, or they leak
            sheet.close()
        raise
    book.save(path)
    return count


def _fill_xlsx(book: Any, titles: list[Cell], lines: Iterator[list[Cell]]) -> int:
    # Plain values, the fast path: openpyxl makes a formula only of text starting with "=",
    # and every such text was quoted by ``neutralised`` already.
    sheet = book.create_sheet("Complaints 1")
    sheet.append(titles)
    count, on_sheet = 0, 1
    for line in lines:
        if on_sheet >= XLSX_MAX_ROWS:
            sheet = book.create_sheet(f"Complaints {len(book.worksheets) + 1}")
            sheet.append(titles)
            on_sheet = 1
        sheet.append([_xlsx_cell(value) for value in line])
        on_sheet += 1
        count += 1
    return count
