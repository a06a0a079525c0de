"""Complaints as CFPB Consumer Complaint Database lines (the importer's format, inverted).

Each complaint becomes one line with the 18 CFPB columns. A complaint imported from a CFPB
file comes back with the field values it came with: "Date received" is when the consumer
sent it to the CFPB, "Date sent to company" when it reached us, and what the complaint has
no column for (consent, timeliness, public response, dispute, tags, the response as the
CFPB worded it) comes from its source record, unchanged while nobody answered it here.
Complaints of our own (or answered here) get those fields from our data: the response from
the outcome, "Timely response?" from the first answer within 15 days of receipt, consent
"N/A" (nobody was asked to publish a narrative). Text cells are neutralised against
formula injection like every export.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight.dashboard import visible_conditions
from complaintdesk.services.insight.exports import ExportCancelled, neutralised
from complaintdesk.storage import report_queries as rq

FIELDS = (
    "Date received",
    "Product",
    "Sub-product",
    "Issue",
    "Sub-issue",
    "Consumer complaint narrative",
    "Company public response",
    "Company",
    "State",
    "ZIP code",
    "Tags",
    "Consumer consent provided?",
    "Submitted via",
    "Date sent to company",
    "Company response to consumer",
    "Timely response?",
    "Consumer disputed?",
    "Complaint ID",
)
EASTERN = ZoneInfo("America/New_York")
"""CFPB dates are Washington dates (as the importer reads them)."""
PAGE = 2_000
TIMELY_DAYS = 15
"""The CFPB expects a company's response within 15 days."""
SUBMITTED_VIA = {
    "email": "Email",
    "phone": "Phone",
    "letter": "Postal mail",
    "internal": "Referral",
    "social": "Web",
    "shop": "Referral",
}
"""Our channel → CFPB "Submitted via" when the source's own word was not kept."""
RESPONSES = {
    "Monetary relief": "Closed with monetary relief",
    "Non-monetary relief": "Closed with non-monetary relief",
    "Explanation given": "Closed with explanation",
    "Closed without relief": "Closed",
}
"""Remedy written by the importer → the CFPB response it came from."""
COMPANY_PREFIX = "Company: "
SUBJECT_SEPARATOR = " — "


@dataclass(frozen=True)
class CfpbSummary:
    """What was written."""

    path: Path
    rows: int


def export_cfpb(
    ctx: ServiceContext,
    path: Path,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    company: str = "",
    cancelled: Callable[[], bool] = lambda: False,
) -> CfpbSummary:
    """Write the complaints received in [start, end) (all if None) as a CFPB CSV file.

    Args:
        company: the "Company" of complaints that do not name one (ours).

    Raises:
        PermissionDenied: the caller may not read organisation-wide data.
    """
    ctx.actor.require(Permission.VIEW_REPORTS)
    visible = visible_conditions(ctx.actor)
    partial = path.with_name(path.name + ".part")
    count = 0
    try:
        with partial.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(FIELDS)
            for row in _rows(ctx, start, end, visible, cancelled):
                writer.writerow([neutralised(v) for v in line(row, company)])
                count += 1
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return CfpbSummary(path, count)


def _rows(
    ctx: ServiceContext,
    start: datetime | None,
    end: datetime | None,
    visible: list[Any],
    cancelled: Callable[[], bool],
) -> Iterator[Any]:
    cursor: tuple[Any, ...] | None = None
    while True:
        if cancelled():
            raise ExportCancelled("Export cancelled; no file was written.")
        with ctx.uow() as uow:
            rows = uow.rows(rq.cfpb_page(start, end, visible, cursor, PAGE))
        yield from rows
        if len(rows) < PAGE:
            return
        cursor = (rows[-1].received_at, rows[-1].id)


def line(row: Any, company: str = "") -> list[str]:
    """Return the 18 CFPB fields of one row of ``report_queries.cfpb_page``."""
    issue, _, sub_issue = (row.subject or "").partition(SUBJECT_SEPARATOR)
    narrative, named_company = _narrative(row.description or "", row.subject or "")
    state, zip_code = _place(row.postal, row.postcode)
    imported = (row.external_ref or "").startswith("cfpb:")
    kept: dict[str, str] = dict(row.source_fields or {}) if imported else {}
    answered_here = (row.first_response_at or row.final_response_at) is not None
    as_given = kept if not answered_here else {}
    tags = "Older American" if row.segment == "vulnerable" else ""
    return [
        _cfpb_date(_day(row.sent_at or row.received_at)),
        row.category or "",
        row.product or "",
        issue,
        sub_issue,
        narrative,
        kept.get("Company public response", ""),
        named_company or company,
        state,
        zip_code,
        kept.get("Tags", tags),
        kept.get("Consumer consent provided?", "N/A"),
        row.channel_detail or SUBMITTED_VIA.get(row.channel, "Web"),
        _cfpb_date(_day(row.received_at)),
        as_given.get("Company response to consumer") or _response(row),
        as_given.get("Timely response?") or _timely(row),
        kept.get("Consumer disputed?", ""),
        row.external_ref[5:] if imported else row.reference,
    ]


def _day(instant: datetime) -> date:
    return instant.astimezone(EASTERN).date()


def _cfpb_date(day: date) -> str:
    return f"{day.year}/{day.month}/{day.day}"


def _narrative(description: str, subject: str) -> tuple[str, str]:
    """Split what the importer wrote (narrative, then "Company: …") back into its parts."""
    body, separator, last = description.rpartition("\n\n")
    named = ""
    if separator and last.startswith(COMPANY_PREFIX):
        named, description = last[len(COMPANY_PREFIX) :], body
    elif description.startswith(COMPANY_PREFIX):
        named, description = description[len(COMPANY_PREFIX) :], ""
    # Without a narrative the importer wrote the issue in its place.
    return ("" if description == subject else description), named


def _place(postal: str | None, postcode: str | None) -> tuple[str, str]:
    """Return (state, ZIP) from the postal contact "ZIP STATE, US" and the postcode."""
    words = (postal or "").removesuffix(", US").split()
    state = words[-1] if words and words[-1] != postcode else ""
    return state, postcode or ""


def _response(row: Any) -> str:
    if row.status not in ("resolved", "closed", "withdrawn"):
        return "In progress"
    if row.remedy in RESPONSES:
        return RESPONSES[row.remedy]
    if row.outcome in ("upheld", "partly_upheld"):
        paid = row.amount is not None and row.amount > 0
        return "Closed with monetary relief" if paid else "Closed with non-monetary relief"
    if row.outcome == "not_upheld":
        return "Closed with explanation"
    return "Closed"


def _timely(row: Any) -> str:
    """Whether the first answer came within 15 days of receipt (Washington dates)."""
    answered = row.first_response_at or row.final_response_at
    if answered is None:
        return ""
    return "Yes" if (_day(answered) - _day(row.received_at)).days <= TIMELY_DAYS else "No"
