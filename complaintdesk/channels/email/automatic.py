"""Recognising mail no person wrote: auto-replies, bounces, read receipts, list traffic.

Such mail is recorded but never answered and never opens a complaint, so two robots
cannot answer each other forever (RFC 3834).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BULK = frozenset({"bulk", "junk", "list", "auto_reply", "auto-reply"})
_DAEMON = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.IGNORECASE)
_AUTO_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?(reply|response)\s*:|out of (the )?office\s*:|"
    r"réponse automatique\s*:|undeliverable\s*:|undelivered mail returned to sender|"
    r"delivery status notification \(failure\)|mail delivery failed)",
    re.IGNORECASE,
)
"""Subjects only robots write (a person's "Undelivered parcel" must not match)."""

Header = Callable[[str], str | None]
"""Returns one header's decoded value, or None when the message does not carry it."""


def automatic_reason(
    header: Header, content_type: str, sender: str | None, report_type: str | None = None
) -> str | None:
    """Return why a message was written by a machine, or None if a person wrote it.

    Args:
        header: reads a header of the message.
        content_type: the message's top-level ``maintype/subtype``, lower-case.
        sender: the sender's address, lower-case, if any.
        report_type: the ``report-type`` parameter of a multipart/report.
    """
    auto_submitted = (header("Auto-Submitted") or "").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return f"Auto-Submitted: {auto_submitted}"
    precedence = (header("Precedence") or "").strip().lower()
    if precedence in _BULK:
        return f"Precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        if header(name) is not None:
            return f"{name} header"
    if content_type == "multipart/report":
        return f"delivery report ({report_type or 'report'})"
    if content_type == "message/delivery-status":
        return "delivery report"
    if header("List-Id") is not None or header("List-Unsubscribe") is not None:
        return "mailing list message"
    if sender and _DAEMON.match(sender):
        return f"sent by {sender.split('@')[0]}"
    if (header("Return-Path") or "").strip() == "<>":
        return "null return path (a bounce)"
    if _AUTO_SUBJECT.match(header("Subject") or ""):
        return "auto-reply subject"
    return None
