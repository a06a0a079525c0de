"""Reading the CFPB Consumer Complaint Database CSV format.

Each row becomes an :class:`ImportedComplaint`; an unreadable row becomes a
:class:`BrokenRow` with its bytes (the header line and the row), which the import quarantines
before going on. A file that is not a CFPB export is refused by :func:`check` before
anything is written. Field meanings: ../shared/data/README.md.

Instants: the company receives a CFPB complaint the day the CFPB sends it ("Date sent to
company", up to months after the consumer submitted it): that is the complaint's receipt,
from which the CFPB's 15 and 60 days count. "Date received" (by the CFPB, from the consumer)
is when the customer sent it. Neither is a resolution date: the file has none. What the
complaint has no column for (consent, timeliness, public response, dispute, tags, the
company's response as worded) is kept as given in the complaint's source record.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from itertools import islice
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Segment, Status
from complaintdesk.services.complaints.intake import NewComplaint
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound.imports import BrokenRow, ImportedComplaint
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


MAX_RECORD = 1024 * 1024
"""Characters of one CSV record at the most; a longer one is quarantined by its head."""
FIELD_LIMIT = csv.field_size_limit()
"""Characters of one field at the most (the csv module's own limit)."""
CHECKED_ROWS = 20
"""Rows read before anything is written: a file none of them imports is refused whole."""
_LINE_LIMIT = 64 * 1024


def check(path: Path) -> None:
    """Refuse a file that is not a CFPB export before anything is written.

    The header must hold the required columns and at least one of the first
    :data:`CHECKED_ROWS` rows must read as a complaint.

    Raises:
        ValidationError: the file cannot be read, or is not a CFPB export; why, in one line.
    """
    rows = read(path)
    try:
        seen = list(islice(rows, CHECKED_ROWS))
    finally:
        rows.close()
    if seen and isinstance(seen[0], BrokenRow) and seen[0].line == 1:
        raise ValidationError(f"{path} {seen[0].reason}.")
    if not seen:
        raise ValidationError(f"{path} holds a CFPB header but no complaint.")
    broken = [row for row in seen if isinstance(row, BrokenRow)]
    if len(broken) == len(seen):
        raise ValidationError(
            f"{path} is not a CFPB export: none of its first {len(seen)} rows is a "
            f"complaint (line {broken[0].line}: {broken[0].reason})."
        )


def read(path: Path) -> Generator[ImportedComplaint | BrokenRow, None, None]:
    """Yield every row of a CFPB CSV file, as a complaint or as a broken row with its bytes.

    The file is read record by record (at most :data:`MAX_RECORD` characters each), so an
    oversized field is one broken row, reported with its line, never a failure of the file.
    A problem with the file itself is one broken row at line 1.
    """
    try:
        with path.open("rb") as probe:
            if b"\x00" in probe.read(4096):
                yield BrokenRow(1, "is not a CSV file (it holds binary data)", b"")
                return
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
            yield from _rows(_records(handle))
    except OSError as error:
        yield BrokenRow(1, f"cannot be read ({error.strerror or error})", b"")


def read_bytes(raw: bytes) -> Iterator[ImportedComplaint | BrokenRow]:
    """Yield the rows of CSV bytes (a header and rows: what the quarantine keeps of a row)."""
    text = raw.decode("utf-8-sig", errors="replace")
    yield from _rows(_records(io.StringIO(text, newline="")))


def _rows(records: Iterator[tuple[int, str, bool]]) -> Iterator[ImportedComplaint | BrokenRow]:
    first = next(records, None)
    header = _fields(first[1]) if first is not None and not first[2] else None
    if first is None or not header:
        yield BrokenRow(1, "is not a CFPB export: it has no readable header line", b"")
        return
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield BrokenRow(1, f"is not a CFPB export: missing column(s) {', '.join(missing)}", b"")
        return
    head = first[1].encode("utf-8")
    for line, text, cut in records:
        raw = head + text.encode("utf-8")
        if cut:
            reason = f"a field is larger than {MAX_RECORD:,} characters: the row is not read"
            yield BrokenRow(line, reason, raw, oversized=True)
            continue
        yield _row(line, header, text, raw)


def _row(line: int, header: list[str], text: str, raw: bytes) -> ImportedComplaint | BrokenRow:
    fields = _fields(text)
    if fields is None:
        reason = f"a field is larger than {FIELD_LIMIT:,} characters: the row is not read"
        return BrokenRow(line, reason, raw, oversized=True)
    row: dict[str, str | None] = dict(zip(header, fields, strict=False))
    try:
        return replace(parse_row(line, row), raw=raw)
    except RowError as error:
        return BrokenRow(line, str(error), raw)


def _fields(text: str) -> list[str] | None:
    """Return the fields of one CSV record (None when a field is over the limit)."""
    try:
        return next(csv.reader([text]), [])
    except csv.Error:
        return None


def _records(handle: TextIO) -> Iterator[tuple[int, str, bool]]:
    """Yield (first line, text, cut) of each CSV record; blank lines are skipped.

    A record goes on past a line end while a quoted field is open. A record longer than
    :data:`MAX_RECORD` keeps its head only (``cut``), and reading resumes after it.
    """
    line_number = 0
    while True:
        start = line_number + 1
        parts: list[str] = []
        size, quotes = 0, 0
        while piece := handle.readline(_LINE_LIMIT):
            line_number += piece.endswith("\n")
            quotes += piece.count('"')
            if size < MAX_RECORD:
                parts.append(piece[: MAX_RECORD - size])
            size += len(piece)
            if piece.endswith("\n") and quotes % 2 == 0:
                break
        if not parts:
            return
        text = "".join(parts)
        if text.strip():
            yield start, text, size > MAX_RECORD


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
