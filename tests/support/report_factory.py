"""Complaints with exactly the facts the reports count, written straight into storage.

Reports read received, resolved and due instants, channel, function, root cause, outcome and
satisfaction; intake would compute its own, so these rows are inserted with the models.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import count

from sqlalchemy import select

from complaintdesk.storage.models import Category, Complaint, Customer, Function, RootCause, Site
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
_numbers = count(1)


@dataclass
class Facts:
    """What one complaint is, as the reports see it (unset: not resolved, no cause…)."""

    received: datetime
    channel: str = "email"
    resolved: datetime | None = None
    due: datetime | None = None
    function: str | None = None
    cause: str | None = None
    satisfaction: int | None = None
    outcome: str | None = None
    amount: str | None = None
    category: str | None = None
    product: str | None = None
    subject: str = "Charged twice for the March invoice"
    site: str = "HQ"
    clock_state: str = "on_track"
    extra: dict[str, object] = field(default_factory=dict)


def ensure_category(uow_factory: UnitOfWorkFactory, code: str, name: str, group: str) -> None:
    """Add a category (with its product group) unless it is there."""
    with uow_factory(write=True) as uow:
        if not uow.scalars(select(Category.id).where(Category.code == code)):
            uow.add(Category(code=code, name=name, product_group=group))
            uow.commit()


def add(uow_factory: UnitOfWorkFactory, *many: Facts) -> list[uuid.UUID]:
    """Insert complaints with these facts; return their ids in order."""
    ids = []
    with uow_factory(write=True) as uow:
        sites = dict(uow.rows(select(Site.code, Site.id)))
        functions = dict(uow.rows(select(Function.code, Function.id)))
        causes = {r.code: (r.id, r.function_id) for r in uow.scalars(select(RootCause))}
        categories = dict(uow.rows(select(Category.code, Category.id)))
        for facts in many:
            number = next(_numbers)
            customer = Customer(display_name=f"Customer {number}", segment="standard")
            uow.add(customer)
            uow.flush()
            cause_id, cause_function = causes[facts.cause] if facts.cause else (None, None)
            resolved = facts.resolved
            complaint = Complaint(
                reference=f"HQ-25-{number:05d}",
                customer_id=customer.id,
                channel=facts.channel,
                site_id=sites[facts.site],
                subject=facts.subject,
                description="What went wrong.",
                priority=3,
                status="resolved" if resolved else "in_progress",
                is_open=resolved is None,
                received_at=facts.received,
                resolved_at=resolved,
                resolution_due_at=facts.due,
                next_due_at=facts.due or facts.received + timedelta(days=10),
                clock_state=facts.clock_state,
                responsible_function_id=functions[facts.function] if facts.function else None,
                root_cause_id=cause_id,
                root_cause_function_id=cause_function,
                satisfaction=facts.satisfaction,
                outcome=facts.outcome,
                amount=Decimal(facts.amount) if facts.amount else None,
                category_id=categories[facts.category] if facts.category else None,
                product=facts.product,
                **facts.extra,
            )
            uow.add(complaint)
            uow.flush()
            ids.append(complaint.id)
        uow.commit()
    return ids
