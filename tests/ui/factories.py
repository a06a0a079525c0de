"""Test data for the GUI: complaints written straight into storage.

The create-complaint service does not exist yet, so these rows are inserted with the storage
models (tests may import storage; ``complaintdesk.ui`` may not). Users go through services.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from complaintdesk.storage.models import Complaint, ContactPoint, Customer, Message, Site
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
DUE_START = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
"""Promises fall due after today, so a clock stored on track or at risk reads so on screen."""
CHANNELS = ("email", "phone", "shop", "social", "letter")
CLOCKS = ("on_track", "at_risk", "breached", "on_track", "paused")
SUBJECTS = (
    "Charged twice for the March invoice",
    "Parcel never arrived, tracking says delivered",
    "Router keeps dropping the connection every evening",
    "Refund promised at the counter not received",
    "Rude answer on the phone hotline",
)
NAMES = ("Alice Martin", "Bruno Lefèvre", "Chloé Dubois", "David Smith", "Emma Rossi")


def add_complaints(
    uow_factory: UnitOfWorkFactory,
    count: int,
    *,
    owner_id: uuid.UUID | None = None,
    status: str = "new",
    team_queue: str | None = None,
    messages: int = 2,
) -> list[uuid.UUID]:
    """Insert ``count`` complaints, each with its own customer and ``messages`` messages.

    Received and due instants rise with the complaint number, so every sort order is strict.

    Returns:
        The complaint ids, in the order written.
    """
    ids: list[uuid.UUID] = []
    with uow_factory(write=True) as uow:
        site_id = uow.scalars(select(Site.id).where(Site.code == "HQ"))[0]
        first = int(uow.execute(select(func.count()).select_from(Complaint)).scalar_one()) + 1
        for number in range(first, first + count):
            complaint = _complaint(uow, number, site_id, owner_id, status, team_queue)
            _messages(uow, complaint, messages)
            ids.append(complaint.id)
        uow.commit()
    return ids


def _complaint(
    uow: UnitOfWork,
    number: int,
    site_id: uuid.UUID,
    owner_id: uuid.UUID | None,
    status: str,
    team_queue: str | None,
) -> Complaint:
    def pick(values: tuple[str, ...]) -> str:
        return values[number % len(values)]

    customer = Customer(display_name=f"{pick(NAMES)} {number}", segment="standard")
    uow.add(customer)
    uow.flush()
    uow.add(ContactPoint(customer_id=customer.id, kind="email", value=f"c{number}@example.org"))
    received = START + timedelta(hours=number)
    complaint = Complaint(
        reference=f"HQ-25-{number:05d}",
        customer_id=customer.id,
        channel=pick(CHANNELS),
        site_id=site_id,
        subject=pick(SUBJECTS),
        description=f"Complaint number {number}: the customer explains what went wrong.",
        priority=1 + number % 4,
        status=status,
        is_open=status not in ("resolved", "closed", "withdrawn"),
        owner_id=owner_id,
        team_queue=team_queue,
        received_at=received,
        next_due_at=DUE_START + timedelta(hours=number),
        resolution_due_at=received + timedelta(days=10),
        clock_state=pick(CLOCKS),
    )
    uow.add(complaint)
    uow.flush()
    return complaint


def _messages(uow: UnitOfWork, complaint: Complaint, count: int) -> None:
    for step in range(count):
        inbound = step % 2 == 0
        when = complaint.received_at + timedelta(hours=step * 5)
        uow.add(
            Message(
                complaint_id=complaint.id,
                customer_id=complaint.customer_id,
                direction="inbound" if inbound else "outbound",
                channel=complaint.channel,
                sender="customer@example.org" if inbound else "Complaints team",
                body_text=f"Message {step + 1} about {complaint.reference}.",
                occurred_at=when,
                recorded_at=when,
            )
        )
