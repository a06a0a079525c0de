"""The values templates are given for a real complaint, in the customer's language.

One function builds every variable of :data:`~complaintdesk.services.outbound.template_kinds.
VARIABLES` from a stored complaint; each kind of template receives the ones it declares.
Dates are long dates in the customer's language, local to the complaint's site.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from complaintdesk.domain.customers.language import long_date
from complaintdesk.domain.vocabulary import Outcome
from complaintdesk.services.outbound.receipts import date_and_time, money
from complaintdesk.services.outbound.template_kinds import TemplateKind
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import Complaint, Customer, Site, User
from complaintdesk.storage.unit_of_work import UnitOfWork

SITES = MemoKey[dict[uuid.UUID, tuple[str, str]]]("sites")
"""Each site's name and time zone name by its id, read once per unit of work."""

DECISIONS = {
    "en": {
        Outcome.UPHELD.value: "We uphold your complaint.",
        Outcome.PARTLY_UPHELD.value: "We uphold your complaint in part.",
        Outcome.NOT_UPHELD.value: "We do not uphold your complaint, for the reasons below.",
    },
    "fr": {
        Outcome.UPHELD.value: "Nous faisons droit à votre réclamation.",
        Outcome.PARTLY_UPHELD.value: "Nous faisons droit à votre réclamation en partie.",
        Outcome.NOT_UPHELD.value: (
            "Nous ne pouvons pas faire droit à votre réclamation, pour les raisons suivantes."
        ),
    },
}
"""Our decision in a sentence, by language and outcome (the person completes the reasons)."""


def complaint_values(
    uow: UnitOfWork,
    complaint: Complaint,
    language: str,
    *,
    handler: User | None = None,
    waives_time_limits: bool = False,
    final_response_by: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Return every template variable for ``complaint`` in ``language``.

    Args:
        handler: who answers (the owner when None).
        waives_time_limits: we consent to the ombudsman looking at it out of time.
        final_response_by: the date a holding reply promises the final response by.
    """
    customer = uow.get(Customer, complaint.customer_id)
    site_name, zone_name = _site(uow, complaint.site_id)
    zone = ZoneInfo(zone_name)
    person = handler or (uow.get(User, complaint.owner_id) if complaint.owner_id else None)

    def day(instant: datetime | None) -> str:
        return long_date(instant.astimezone(zone).date(), language) if instant else ""

    outcome = complaint.outcome or ""
    promised = complaint.resolution_due_at or complaint.regulatory_due_at
    return {
        "reference": complaint.reference,
        "customer_name": customer.display_name if customer else "",
        "subject": complaint.subject,
        "received": day(complaint.received_at),
        "received_at": date_and_time(complaint.received_at, zone, language),
        "sent": day(complaint.sent_at or complaint.received_at),
        "acknowledge_due": day(complaint.acknowledge_due_at),
        "resolution_due": day(complaint.resolution_due_at),
        "regulatory_due": day(complaint.regulatory_due_at),
        "due": day(promised),
        "site_name": site_name,
        "handler_name": person.display_name if person else "",
        "letter_date": day(now or datetime.now(UTC)),
        "decision": DECISIONS.get(language, DECISIONS["en"]).get(outcome, ""),
        "outcome": outcome,
        "remedy": complaint.remedy or "",
        "amount": money(complaint.amount, complaint.currency, language) or "",
        "waives_time_limits": waives_time_limits,
        "final_response_by": long_date(final_response_by, language) if final_response_by else "",
        "delay_reasons": "",
    }


def _site(uow: UnitOfWork, site_id: uuid.UUID) -> tuple[str, str]:
    """Return the site's name and time zone name (kept in the unit of work's memo)."""
    sites = uow.memo.remember(SITES, dict)
    if site_id not in sites:
        site = uow.get(Site, site_id)
        sites[site_id] = (site.name, site.timezone) if site else ("", "UTC")
    return sites[site_id]


def for_kind(kind: TemplateKind, values: dict[str, Any]) -> dict[str, Any]:
    """Return the values ``kind`` declares (a variable nobody gives is empty)."""
    return {name: values.get(name, "") for name in kind.variables}
