"""Realistic raw emails for the email channel's tests (built, never copied from elsewhere)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime


def make_email(
    subject: str = "Double charge on my card",
    body: str = "Hello, I was charged twice for order 1234. Please refund me.",
    *,
    sender: str = "Jane Customer <jane@example.com>",
    to: str = "complaints@example.org",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    html: str | None = None,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
    headers: dict[str, str] | None = None,
) -> bytes:
    """Return the bytes of one email; ``attachments`` are (filename, mime type, bytes)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@mail.example.com>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for filename, mime, data in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def out_of_office(to_message_id: str, subject: str) -> bytes:
    """An auto-reply as Exchange and Gmail send them (RFC 3834 headers)."""
    return make_email(
        f"Automatic reply: {subject}",
        "I am out of the office until Monday.",
        in_reply_to=to_message_id,
        headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    )
