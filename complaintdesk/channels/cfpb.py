"""Reading the CFPB Consumer Complaint Database CSV format.

Each row becomes an :class:`ImportedComplaint`; an unreadable row becomes ``(line, reason)``
so the import reports it and goes on. Field meanings: ../shared/data/README.md.

Instants: the company receives a CFPB complaint the day the CFPB sends it ("Date sent to
company", up to months after the consumer submitted it): that is the complaint's receipt,
from which the CFPB's 15 and 60 days count. "Date received" (by the CFPB, from the consumer)
is when the customer sent it. Neither is a resolution date: the file has none. What the
complaint has no column for (consent, timeliness, public response, dispute, tags, the
company's response as worded) is kept as given in the complaint's source record.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Segment, Status
from complaintdesk.services.complaints.intake import NewComplaint
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound.imports import ImportedComplaint
from complaintdesk.services.insight.exports import DANGEROUS_STARTS

EASTERN = ZoneInfo("America/New_York")
REQUIRED = ("Date received", "Product", "Issue", "Complaint ID")

CHANNELS = {
    "web": Channel.EMAIL,
    "email": Channel.EMAIL,
    "phone": Channel.PHONE,
    "postal mail": Channel.LETTER,
    "fax": Channel.LETTER,
    "referral": Channel.INTERNAL,
}
"""CFPB "Submitted via" → our channel; the original stays in ``channel_detail``."""

RESPONSES: dict[str, tuple[Status, Outcome | None, str | None]] = {
    "closed with monetary relief": (Status.CLOSED, Outcome.UPHELD, "Monetary relief"),
    "closed with non-monetary relief": (Status.CLOSED, Outcome.UPHELD, "Non-monetary relief"),
    "closed with explanation": (Status.CLOSED, Outcome.NOT_UPHELD, "Explanation given"),
    "closed": (Status.CLOSED, Outcome.NOT_UPHELD, "Closed without relief"),
    "in progress": (Status.NEW, None, None),
    "untimely response": (Status.NEW, None, None),
}
"""CFPB "Company response to consumer" → our status and resolution outcome. A complaint the
company has not closed is new here: it waits in Unassigned for someone to take it."""
KEPT = (
    "Company public response",
    "Tags",
    "Consumer consent provided?",
    "Company response to consumer",
    "Timely response?",
    "Consumer disputed?",
)
"""Fields kept as given in the complaint's source record (a round trip gives them back)."""
SOURCE = "cfpb"


Getter = Callable[[str], str]
"""Reads one column of the current row, whitespace collapsed ("" when absent)."""


class RowError(ValueError):
    """A row that cannot be imported, with the reason a person can act on."""


def read(path: Path) -> Iterator[ImportedComplaint | tuple[int, str]]:
    """Yield every row of a CFPB CSV file, as a complaint or as (line, reason)."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            yield (1, f"not a CFPB file: missing column(s) {', '.join(missing)}")
            return
        start = reader.line_num + 1
        for row in reader:
            try:
                yield parse_row(start, row)
            except RowError as error:
                yield (start, str(error))
            start = reader.line_num + 1


def parse_row(line: int, row: dict[str, str | None]) -> ImportedComplaint:
    """Turn one CSV row into an imported complaint, or raise :class:`RowError`."""
    get = _getter(row)
    complaint_id = get("Complaint ID")
    if not complaint_id.isdigit():
        raise RowError(f"Complaint ID {complaint_id!r} is not a number")
    product, issue = get("Product"), get("Issue")
    if not product or not issue:
        raise RowError("Product and Issue are required")
    submitted = _instant(_date(get("Date received"), "Date received"))
    sent = get("Date sent to company")
    received = _instant(_date(sent, "Date sent to company")) if sent else submitted
    status, outcome, remedy = RESPONSES.get(
        get("Company response to consumer").lower(), RESPONSES["closed"]
    )
    new = NewComplaint(
        channel=CHANNELS.get(get("Submitted via").lower(), Channel.INTERNAL),
        subject=_subject(issue, get("Sub-issue")),
        description=_description(get, row),
        customer=_customer(complaint_id, get),
        received_at=max(received, submitted),
        sent_at=submitted,
        sent_within=None,
        category_code=f"cfpb/{_slug(product)}",
        product=get("Sub-product") or None,
        external_ref=f"cfpb:{complaint_id}",
        channel_detail=get("Submitted via") or None,
        take_ownership=False,
    )
    kept = {name: _raw(row, name) for name in KEPT}
    return ImportedComplaint(
        line, new, product, status, outcome, remedy, source=SOURCE, source_fields=kept
    )


def _raw(row: dict[str, str | None], name: str) -> str:
    """Return a field as written, without the quote an export puts before a formula sign."""
    value = row.get(name)
    if not isinstance(value, str):
        return ""
    if value.startswith("'") and value[1:].startswith(DANGEROUS_STARTS):
        return value[1:]  # our own export's guard against spreadsheet formulas
    return value


def _getter(row: dict[str, str | None]) -> Getter:
    def get(name: str) -> str:
        return " ".join(_raw(row, name).split())

    return get


def _date(text: str, column: str) -> date:
    try:
        year, month, day = (int(part) for part in text.split("/"))
        return date(year, month, day)
    except ValueError:
        raise RowError(f"{column} {text!r} is not a date like 2019/9/24") from None


def _instant(day: date) -> datetime:
    """Receipt at the start of that day in Washington, as UTC."""
    return datetime.combine(day, time(0), EASTERN).astimezone(UTC)


def _subject(issue: str, sub_issue: str) -> str:
    return f"{issue} — {sub_issue}" if sub_issue else issue


def _description(get: Getter, row: dict[str, str | None]) -> str:
    # The narrative keeps its own lines and spacing (the consumer's words, given back as
    # they were); other fields are read with whitespace collapsed.
    narrative = _raw(row, "Consumer complaint narrative").replace("\r\n", "\n").strip()
    facts = [f"Company: {get('Company')}"] if get("Company") else []
    return "\n\n".join([narrative or _subject(get("Issue"), get("Sub-issue")), *facts])


def _customer(complaint_id: str, get: Getter) -> CustomerInput:
    place = " ".join(p for p in (get("ZIP code"), get("State")) if p)
    contacts = [(ContactKind.POSTAL, f"{place}, US")] if place else []
    tags = get("Tags").lower()
    segment = Segment.VULNERABLE if "older american" in tags else Segment.STANDARD
    return CustomerInput(
        display_name=f"CFPB consumer {complaint_id}",
        contacts=contacts,
        segment=segment,
        language="en",
        postcode=get("ZIP code") or None,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
