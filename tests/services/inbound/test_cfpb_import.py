"""Real data: the CFPB sample imports in full, routed by product, and never twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from complaintdesk.app import Backend
from complaintdesk.channels import cfpb
from complaintdesk.domain.errors import ValidationError
from complaintdesk.resources import load_json
from complaintdesk.services.admin import routing_rules
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import imports
from complaintdesk.storage.models import Complaint, Function
from tests.conftest import SHARED_DATA

SAMPLE = SHARED_DATA / "cfpb_complaints_sample.csv"
HEADER = (
    "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,"
    "Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,"
    "Submitted via,Date sent to company,Company response to consumer,Timely response?,"
    "Consumer disputed?,Complaint ID\n"
)


def _import(ctx: ServiceContext, path: Path) -> imports.ImportSummary:
    routing_rules.install_rule_set(ctx, load_json("routing/cfpb.json"))
    return imports.import_complaints(ctx, cfpb.read(path))


@pytest.mark.slow
def test_the_whole_sample_imports_routed_by_product_and_twice_adds_nothing(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    first = _import(admin_ctx, SAMPLE)
    second = _import(admin_ctx, SAMPLE)

    assert (first.read, first.imported, first.unrouted, first.skipped) == (6623, 6623, 0, [])
    assert (second.imported, second.already_there) == (0, 6623)
    with backend.uow() as uow:
        assert uow.execute(select(func.count()).select_from(Complaint)).scalar_one() == 6623
        mortgages = uow.execute(
            select(func.count())
            .select_from(Complaint)
            .join(Function, Function.id == Complaint.responsible_function_id)
            .where(Function.code == "mortgages")
        ).scalar_one()
    assert mortgages == 465  # every "Mortgage" row of the sample


def test_a_broken_row_is_reported_with_its_line_and_the_rest_imports(
    tmp_path: Path, admin_ctx: ServiceContext
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(
        HEADER + '2020/3/18,Mortgage,,Trouble paying,,"two\nlines",,Bank,FL,330XX,,,Web,'
        "2020/3/19,Closed with explanation,Yes,N/A,101\n"
        + "2020/13/45,Mortgage,,Trouble paying,,,,Bank,FL,330XX,,,Web,,In progress,Yes,N/A,102\n"
        + "2020/3/18,Debt collection,,Debt not owed,,,,Agency,TX,,,,Fax,,In progress,Yes,N/A,\n"
        + "2020/3/20,Student loan,,Dealing with lender,,,,Lender,NY,100XX,,,Phone,"
        "2020/3/21,Closed with monetary relief,Yes,N/A,104\n",
        encoding="utf-8",
    )

    summary = _import(admin_ctx, path)

    assert summary.imported == 2
    assert [(s["line"], "date" in str(s["reason"])) for s in summary.skipped] == [
        (4, True),
        (5, False),
    ]


def test_a_file_that_is_not_cfpb_is_refused_before_anything_is_written(
    tmp_path: Path, backend: Backend
) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,amount\nx,1\n", encoding="utf-8")

    with pytest.raises(ValidationError, match="not a CFPB export: missing column"):
        cfpb.check(path)


def _count_rows(backend: Backend, *tables: str) -> dict[str, int]:
    from sqlalchemy import text

    with backend.engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
        }


CHANGED_BY_AN_IMPORT = ("function", "routing_rule", "app_user", "complaint", "quarantine_item")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"name,amount\nx,1\n", "missing column(s) Date received"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        (HEADER.encode() + b"not,a,row\n" * 25, "none of its first 20 rows is a complaint"),
        (b"", "no readable header"),
    ],
)
def test_a_file_that_is_not_a_cfpb_export_exits_non_zero_and_changes_nothing(
    backend: Backend,
    tmp_path: Path,
    content: bytes,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io
    import sys

    from complaintdesk import cli

    path = tmp_path / "export.csv"
    path.write_bytes(content)
    before = _count_rows(backend, *CHANGED_BY_AN_IMPORT)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    code = cli.run(["import", "cfpb", str(path), "--database", backend.settings.database_url])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert said in err
    assert _count_rows(backend, *CHANGED_BY_AN_IMPORT) == before


def _row(complaint_id: int, narrative: str) -> str:
    fields = ["2020/3/18", "Mortgage", "", "Trouble paying", "", f'"{narrative}"', "", "Bank"]
    fields += ["FL", "330XX", "", "", "Web", "", "In progress", "Yes", "N/A", str(complaint_id)]
    return ",".join(fields)


def test_an_oversized_field_is_one_row_reported_and_quarantined_the_others_import(
    tmp_path: Path, admin_ctx: ServiceContext
) -> None:
    from complaintdesk.channels import quarantine as channel
    from complaintdesk.services.inbound import quarantine

    huge = "x" * 200_000  # over the csv module's 131,072-character field limit
    endless = "y" * (cfpb.MAX_RECORD + 10)  # over the reader's limit for one record
    rows = [_row(201, huge), _row(202, ""), _row(203, endless), _row(204, "")]
    path = tmp_path / "oversized.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")

    cfpb.check(path)
    summary = _import(admin_ctx, path)

    assert summary.imported == 2
    assert [(s["line"], "larger than" in str(s["reason"])) for s in summary.skipped] == [
        (2, True),
        (4, True),
    ]
    items = {i.source["line"]: i for i in quarantine.list_items(admin_ctx)}
    assert set(items) == {2, 4}
    assert (items[2].problem, items[2].truncated) == ("oversized_field", False)
    kept = quarantine.raw_of(admin_ctx, items[2].id)
    assert kept.startswith(HEADER.encode())
    assert huge.encode() in kept
    assert not channel.retry(admin_ctx, items[2].id).stored, "still too large a field"
