"""Search: complaints found by what a person types — words, a reference, a phone, an e-mail.

Words are looked up in the full-text index (subject, description, messages, customer name
and contact points), accent- and case-insensitively, ranked by relevance and then the most
recent first. A complaint reference, a phone number or an e-mail address typed in the box
is also looked up directly, in normalised form: those complaints come first.

Results are queue lines (:class:`ComplaintRow`) so the queue table can show them, and hold
only complaints the caller may see (DESIGN.md section 9).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement

from complaintdesk.domain.customers.contacts import (
    normalise_email,
    normalise_phone,
    normalise_social,
)
from complaintdesk.domain.errors import InvalidContactPoint
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.plain_text import storable
from complaintdesk.domain.reference import REFERENCE_IN_TEXT, format_reference, parse_reference
from complaintdesk.services.complaints import merging
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import ComplaintRow
from complaintdesk.storage import queue_queries, search_queries
from complaintdesk.storage.search_text import SearchText
from complaintdesk.storage.unit_of_work import UnitOfWork

MAX_LIMIT = 500
MAX_TEXT = 1_000
"""Characters of the typed text read (a search box holds a few words, not a letter)."""
MAX_ADDRESS = 254
"""The longest e-mail address there can be (RFC 5321)."""
PHONE_REGIONS = ("FR", "GB", "US")
"""Where a national number (without ``+``) is read, in order."""
_PHONE = re.compile(r"(?:tel:)?\+?[\d\s().\-/]{6,30}", re.IGNORECASE)


def search(ctx: ServiceContext, text: str, limit: int = 50) -> tuple[ComplaintRow, ...]:
    """Return up to ``limit`` complaints matching ``text`` that the caller may see.

    Any text is accepted: quotes, operators, ``*``, ``-`` or parentheses are searched for as
    they are, never interpreted. A reference (``HQ-25-00042``), a phone number or an e-mail
    address finds its complaint, or its customer's complaints, first.

    Raises:
        PermissionDenied: the caller's role may see no complaint at all.
    """
    visible = queue_queries.conditions(queues.visibility(ctx.actor))
    limit = max(1, min(limit, MAX_LIMIT))
    text = storable(text[:MAX_TEXT])
    words = SearchText.parse(text)
    with ctx.uow() as uow:
        rows = _identified(uow, ctx.actor, text, visible, limit)
        if words.words:
            rows += _ranked(uow, words, visible, limit)
    return _unique(rows, limit)


def _ranked(
    uow: UnitOfWork,
    words: SearchText,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
) -> list[Any]:
    """Return the best matches the caller may see among the latest ones, then older ones.

    Someone who sees part of the complaints may find fewer than ``limit`` of them among
    the latest matches though older ones exist: those follow, most recent first. Fewer
    than ``limit`` ranked means every visible match of the window was ranked, so only the
    older matches are walked.
    """
    window = search_queries.WINDOW
    rows = search_queries.ranked_rows(uow, words, visible, limit, window)
    if not visible or len(rows) == limit or window is None:
        return rows
    end = search_queries.window_end(uow, words, window)
    if end is None:  # the window held every match
        return rows
    return rows + search_queries.latest_rows(uow, words, visible, limit - len(rows), end)


def _identified(
    uow: UnitOfWork,
    actor: Actor,
    text: str,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
) -> list[Any]:
    references = references_in(text)
    # Whoever may not see contact details may not test whether an address belongs here.
    contacts = contacts_in(text) if actor.can(Permission.VIEW_CUSTOMER_CONTACTS) else []
    if not references and not contacts:
        return []
    references = merging.forwarded_references(uow, references)  # merged: the one kept
    return search_queries.identified_rows(uow, references, contacts, visible, limit)


def references_in(text: str) -> list[str]:
    """Return the complaint references written in ``text``, in canonical form."""
    found = []
    for candidate in REFERENCE_IN_TEXT.findall(text.upper()):
        parsed = parse_reference(candidate)
        if parsed is not None:
            site, year, number = parsed
            found.append(format_reference(site, year, number))
    return found


def contacts_in(text: str) -> list[tuple[str, str]]:
    """Return ``(kind, normalised value)`` of the contact points written in ``text``.

    Each word is tried as an e-mail address or a social handle; the whole text as a phone
    number (people type them with spaces).
    """
    found: list[tuple[str, str]] = []
    for word in text.split():
        if len(word) > MAX_ADDRESS:
            continue
        if "@" in word:
            found += _normalised("email", normalise_email, word)
        if ":" in word:
            found += _normalised("social", normalise_social, word)
    typed = text.strip()
    if _PHONE.fullmatch(typed) and sum(c.isdigit() for c in typed) >= 6:
        for region in PHONE_REGIONS:
            found += _normalised("phone", lambda raw, r=region: normalise_phone(raw, r), typed)
    return sorted(set(found))


def _normalised(kind: str, normalise: Any, raw: str) -> list[tuple[str, str]]:
    try:
        return [(kind, normalise(raw))]
    except InvalidContactPoint:
        return []


def _unique(rows: Sequence[Any], limit: int) -> tuple[ComplaintRow, ...]:
    """Return the queue lines of ``rows``, each complaint once, in order, at most ``limit``."""
    seen: set[object] = set()
    lines = []
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        lines.append(queues.complaint_row(row))
        if len(lines) == limit:
            break
    return tuple(lines)
