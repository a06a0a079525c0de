"""Real data: the CFPB sample imports in full, routed by product, and never twice."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from complaintdesk.app import Backend
from complaintdesk.channels import cfpb
from complaintdesk.domain.errors import ValidationError
from complaintdesk.resources import load_json
from complaintdesk.services.admin import organisation, routing_rules
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import imports
from complaintdesk.services.insight import cfpb_export
from complaintdesk.storage.models import Complaint, Function, ServiceLevelPolicy, SourceRecord
from tests.conftest import SHARED_DATA

SAMPLE = SHARED_DATA / "cfpb_complaints_sample.csv"
HEADER = (
    "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,"
    "Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,"
    "Submitted via,Date sent to company,Company response to consumer,Timely response?,"
    "Consumer disputed?,Complaint ID\n"
)


def _import(ctx: ServiceContext, path: Path) -> imports.ImportSummary:
    """Import as ``complaintdesk import cfpb`` does: the CFPB's routing, at a US site."""
    routing_rules.install_rule_set(ctx, load_json("routing/cfpb.json"))
    site = organisation.site_for_country(ctx, "US", "US", "United States", "America/New_York")
    return imports.import_complaints(ctx, cfpb.read(path), site_code=site)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_whole_sample_imports_under_the_cfpb_rule_and_comes_back_field_for_field(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    first = _import(admin_ctx, SAMPLE)
    second = _import(admin_ctx, SAMPLE)
    exported = tmp_path / "again.csv"
    cfpb_export.export_cfpb(admin_ctx, exported)

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
        rules = dict(
            uow.execute(
                select(ServiceLevelPolicy.code, func.count())
                .join(Complaint, Complaint.regulatory_policy_id == ServiceLevelPolicy.id)
                .group_by(ServiceLevelPolicy.code)
            ).all()
        )
        counted = uow.execute(
            select(Complaint.status, Complaint.regulatory_state, func.count()).group_by(
                Complaint.status, Complaint.regulatory_state
            )
        ).all()
        states = {(status, state): n for status, state, n in counted}
    assert mortgages == 465  # every "Mortgage" row of the sample
    assert rules == {"us-cfpb": 6623}  # not the French rule on the Paris calendar
    # 35 "In progress" and 37 "Untimely response": open, new, late. Of the closed ones,
    # the 57 the CFPB says were untimely are late; the others met their deadlines.
    assert states == {
        ("new", "breached"): 72,
        ("closed", "breached"): 57,
        ("closed", "met"): 6494,
    }
    _same_fields(SAMPLE, exported)


def _same_fields(original: Path, exported: Path) -> None:
    """Every field of every row is given back; a text an export quotes against spreadsheet
    formulas (a narrative starting with "-") differs by that quote alone."""
    with original.open(newline="", encoding="utf-8-sig") as handle:
        before = {row["Complaint ID"]: row for row in csv.DictReader(handle)}
    with exported.open(newline="", encoding="utf-8") as handle:
        after = {row["Complaint ID"]: row for row in csv.DictReader(handle)}
    assert after.keys() == before.keys()
    differing = Counter(
        name
        for key, row in before.items()
        for name, value in row.items()
        if after[key][name] not in (value, "'" + value)
    )
    quoted = sum(
        1 for key, row in before.items() for name, value in row.items()
        if after[key][name] != value
    )  # fmt: skip
    assert differing == Counter()
    assert quoted == 1  # one narrative starts with "- XX/XX/2019, New credit card approved."


def test_the_date_sent_to_the_company_starts_the_clock_and_the_consumer_s_date_is_kept(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    path = tmp_path / "late.csv"
    path.write_text(
        HEADER + "2020/2/1,Mortgage,,Trouble paying,,,,Bank,FL,330XX,,Consent not provided,"
        "Web,2020/2/28,Closed with explanation,No,N/A,201\n",
        encoding="utf-8",
    )

    _import(admin_ctx, path)

    with backend.uow() as uow:
        [complaint] = uow.scalars(select(Complaint))
        [kept] = uow.scalars(select(SourceRecord))
    eastern = ZoneInfo("America/New_York")
    assert complaint.received_at.astimezone(eastern).date().isoformat() == "2020-02-28"
    assert complaint.sent_at is not None
    assert complaint.sent_at.astimezone(eastern).date().isoformat() == "2020-02-01"
    assert complaint.resolved_at is None  # the file does not say when it was resolved
    assert complaint.regulatory_state == "breached"  # "Timely response? No"
    assert kept.fields["Consumer consent provided?"] == "Consent not provided"
    assert kept.fields["Timely response?"] == "No"


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
