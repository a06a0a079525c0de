"""Instants are timezone-aware UTC at rest on both databases; a naive one is refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from complaintdesk.app import Backend
from complaintdesk.storage.models import Customer
from tests.conftest import count_rows

PARIS = ZoneInfo("Europe/Paris")


def _customer(backend: Backend, name: str, erased_at: datetime) -> uuid.UUID:
    with backend.uow(write=True) as uow:
        customer = Customer(display_name=name, erased_at=erased_at)
        uow.add(customer)
        uow.commit()
        return customer.id


def _erased_at(backend: Backend, customer_id: uuid.UUID) -> datetime | None:
    with backend.uow() as uow:
        customer = uow.get(Customer, customer_id)
        assert customer is not None
        return customer.erased_at


@pytest.mark.parametrize(
    "written",
    [
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 3, 30, tzinfo=PARIS),
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS),
        datetime(2026, 7, 1, 9, 15, 30, 123456, tzinfo=timezone(timedelta(hours=-5))),
    ],
    ids=["utc", "paris summer time", "paris repeated hour", "utc-5 microseconds"],
)
def test_an_instant_reads_back_as_the_same_instant_in_utc(
    backend: Backend, written: datetime
) -> None:
    read = _erased_at(backend, _customer(backend, "Jeanne Martin", written))

    # Compared in UTC: Python never finds an instant in a repeated hour equal across zones.
    assert read == written.astimezone(UTC)
    assert read is not None
    assert read.tzinfo is UTC


def test_queries_order_instants_by_time_not_by_local_clock_reading(backend: Backend) -> None:
    # 10:00 in Paris is 08:00 UTC: earlier than 09:00 UTC although its local reading is later.
    _customer(backend, "later", datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    _customer(backend, "earlier", datetime(2026, 6, 1, 10, 0, tzinfo=PARIS))

    with backend.uow() as uow:
        names = uow.scalars(
            select(Customer.display_name)
            .where(Customer.erased_at.is_not(None))
            .order_by(Customer.erased_at)
        )
        after_830 = uow.scalars(
            select(Customer.display_name).where(
                Customer.erased_at > datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
            )
        )

    assert names == ["earlier", "later"]
    assert after_830 == ["later"]


def test_a_naive_datetime_is_refused_and_nothing_is_written(backend: Backend) -> None:
    before = count_rows(backend, "customer")

    with pytest.raises(StatementError, match="naive datetime"):
        _customer(backend, "Jeanne Martin", datetime(2026, 6, 1, 9, 0))

    assert count_rows(backend, "customer") == before


def test_default_timestamps_are_utc(backend: Backend) -> None:
    started = datetime.now(UTC)
    customer_id = _customer(backend, "Jeanne Martin", datetime.now(UTC))

    with backend.uow() as uow:
        customer = uow.get(Customer, customer_id)
        assert customer is not None
        created = customer.created_at

    assert created.tzinfo is UTC
    assert started <= created <= datetime.now(UTC)
