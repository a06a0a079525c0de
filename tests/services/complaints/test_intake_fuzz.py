"""Bad input, generated: whatever text, size or Unicode reaches intake (RTL, emoji, control
characters, NUL, lone surrogates), nothing crashes with anything but a ``ComplaintDeskError``
(shown to the person in plain words), and a refused intake stores nothing at all.

One database per test, shared by its examples: each example compares row counts before and
after itself."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from complaintdesk.app import Backend
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import mail
from tests.conftest import count_rows

TABLES = ("customer", "contact_point", "complaint", "message", "audit_event", "change_log")
TRICKY = "\u202e\u200f\u0600\u05d0\u0645😀👩‍👩‍👧\x00\x07\x1b\r\n\t\ufeff\ufffd\ud800\udfff"
"""RTL override and marks, Hebrew and Arabic, emoji (with joiners), NUL and controls,
a byte-order mark, and lone surrogates (Python strings may hold them; UTF-8 may not)."""

texts = st.text(
    alphabet=st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from(TRICKY),
    ),
    max_size=300,
) | st.builds(lambda c, n: c * n, st.sampled_from("a€😀\x00"), st.integers(0, 5_000))
"""Arbitrary text of any code point, or one character repeated up to very long."""

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _intake_safely(backend: Backend, attempt: object) -> None:
    """Run ``attempt``; it may only succeed or refuse, and a refusal leaves no row behind."""
    before = count_rows(backend, *TABLES)
    try:
        attempt()  # type: ignore[operator]
        event("stored")
    except ComplaintDeskError as refused:
        event(f"refused: {type(refused).__name__}")
        assert count_rows(backend, *TABLES) == before


@FUZZ
@given(
    subject=texts,
    description=texts,
    name=texts,
    contacts=st.lists(
        st.one_of(
            st.tuples(st.sampled_from(list(ContactKind)), texts),
            st.tuples(st.just(ContactKind.EMAIL), texts.map(lambda t: f"a{t}@example.org")),
            st.tuples(st.just(ContactKind.PHONE), texts.map(lambda t: f"06 12 34 56 7{t}")),
        ),
        max_size=2,
    ),
    channel=st.sampled_from(list(Channel)),
)
@example(
    subject="lone \ud800 surrogate",
    description="NUL \x00 and \u202eRTL override 😀",
    name="Léa \udfff \x00",
    contacts=[
        (ContactKind.EMAIL, "lea\x00@example.org"),
        (ContactKind.PHONE, "06 12\x00 34 56 78"),
    ],
    channel=Channel.EMAIL,
)
def test_any_complaint_text_is_recorded_or_refused_cleanly(
    backend: Backend,
    admin_ctx: ServiceContext,
    subject: str,
    description: str,
    name: str,
    contacts: list[tuple[ContactKind, str]],
    channel: Channel,
) -> None:
    new = intake.NewComplaint(channel, subject, description, CustomerInput(name, contacts))
    recorded: list[uuid.UUID] = []

    _intake_safely(
        backend,
        lambda: recorded.append(intake.record_complaint(admin_ctx, new).complaint_id),
    )

    for complaint_id in recorded:  # what was stored reads back
        detail = complaints.get_detail(admin_ctx, complaint_id)
        assert detail.subject.strip()


def _line(text: str) -> bytes:
    """Return ``text`` as raw 8-bit header bytes (surrogates kept), on one line."""
    return text.encode("utf-8", "surrogatepass").replace(b"\r", b" ").replace(b"\n", b" ")


def _email(subject: str, sender: str, body: str, filename: str) -> bytes:
    """Return a multipart email with raw 8-bit headers, a text body and an attachment."""
    content = body.encode("utf-8", "surrogatepass")
    return b"\r\n".join(
        [
            b"Subject: " + _line(subject),
            b"From: " + _line(sender),
            b"To: care@example.org",
            f"Message-ID: <{uuid.uuid4()}@example.org>".encode(),
            b"MIME-Version: 1.0",
            b'Content-Type: multipart/mixed; boundary="b0undary"',
            b"",
            b"--b0undary",
            b"Content-Type: text/plain; charset=utf-8",
            b"",
            content,
            b"--b0undary",
            b"Content-Type: application/octet-stream",
            b'Content-Disposition: attachment; filename="' + _line(filename) + b'"',
            b"Content-Transfer-Encoding: base64",
            b"",
            base64.encodebytes(content[:5000]),
            b"--b0undary--",
            b"",
        ]
    )


raw_emails = st.one_of(
    st.binary(max_size=4_000),
    st.builds(_email, texts, texts, texts, texts),
    st.builds(
        lambda head, body: head + b"\r\n\r\n" + body,
        st.binary(max_size=500),
        st.binary(max_size=2_000),
    ),
)


@FUZZ
@given(raw=raw_emails)
@example(
    raw=_email(
        "\ud800 subject\x00", "L\udfffa <lea\x00@example.org>", "body\x00\ud83d", "f\x00.pdf"
    )
)
def test_any_email_is_parsed_and_ingested_or_refused_cleanly(
    backend: Backend, admin_ctx: ServiceContext, raw: bytes
) -> None:
    try:
        email = parse(raw, received_at=datetime(2026, 3, 2, 9, tzinfo=UTC))
    except ComplaintDeskError:
        return

    _intake_safely(backend, lambda: mail.ingest_email(admin_ctx, email))
