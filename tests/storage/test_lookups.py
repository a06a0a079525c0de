"""Rows found by what people know them by: the same answers and messages for every service."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from complaintdesk.app import Backend
from complaintdesk.domain.errors import NotFound
from complaintdesk.storage import lookups
from complaintdesk.storage.models import ContactPoint, Customer, Function, Message, Site


def test_a_site_code_is_required_in_any_case_and_named_as_typed(sqlite_backend: Backend) -> None:
    with sqlite_backend.uow() as uow:
        assert lookups.require_site(uow, "hq").code == "HQ"
        assert lookups.site_by_code(uow, "hq") is None
        with pytest.raises(NotFound, match=r"^No site has the code 'par01': the sites are HQ\.$"):
            lookups.require_site(uow, "par01")


def test_a_function_typed_and_one_picked_are_missed_in_their_own_words(
    sqlite_backend: Backend,
) -> None:
    with sqlite_backend.uow(write=True) as uow:
        uow.add(Function(code="billing", name="Billing", answer_within_hours=16))
        uow.flush()

        assert lookups.require_function(uow, "billing").name == "Billing"
        assert lookups.function_by_code(uow, "legal") is None
        unknown = r"^No function 'legal' exists: the functions are billing\.$"
        with pytest.raises(NotFound, match=unknown):
            lookups.require_function(uow, "legal")
        with pytest.raises(NotFound, match=r"^Unknown function 'legal': pick one from the list\.$"):
            lookups.picked_function(uow, "legal")
        with pytest.raises(NotFound, match=r"^Unknown root cause 'x': pick one from the list\.$"):
            lookups.picked_root_cause(uow, "x")


def test_merges_are_followed_and_contacts_come_sorted(sqlite_backend: Backend) -> None:
    with sqlite_backend.uow(write=True) as uow:
        winner = Customer(display_name="Jeanne Martin")
        uow.add(winner)
        uow.flush()
        loser = Customer(display_name="J. Martin", merged_into_id=winner.id)
        uow.add(loser)
        uow.flush()
        for kind, value in (("phone", "+33612345678"), ("email", "j@example.org")):
            uow.add(ContactPoint(customer_id=loser.id, kind=kind, value=value))
        uow.flush()

        assert lookups.surviving_customer(uow, loser.id) is winner
        assert lookups.customers_holding(uow, "phone", "+33612345678", limit=10) == [loser.id]
        assert lookups.contacts_of(uow, loser.id) == [
            ("email", "j@example.org"),
            ("phone", "+33612345678"),
        ]


def test_a_message_is_known_by_its_id_on_its_own_channel_only(sqlite_backend: Backend) -> None:
    now = datetime.now(UTC)
    with sqlite_backend.uow(write=True) as uow:
        message = Message(
            direction="inbound",
            channel="email",
            occurred_at=now,
            recorded_at=now,
            external_id="<a@b>",
        )
        uow.add(message)
        uow.flush()

        assert lookups.message_by_external_id(uow, "email", "<a@b>") == (message.id, None)
        assert lookups.message_by_external_id(uow, "social", "<a@b>") is None


def test_the_lists_to_pick_from_are_sorted_and_hold_active_functions_only(
    sqlite_backend: Backend,
) -> None:
    with sqlite_backend.uow(write=True) as uow:
        uow.add(Site(code="AAA", name="Annecy", kind="branch"))
        uow.add(Function(code="legal", name="Legal", answer_within_hours=16))
        uow.add(Function(code="billing", name="Billing", answer_within_hours=16))
        uow.add(Function(code="old", name="Archive", answer_within_hours=16, active=False))
        uow.flush()

        assert [s.code for s in lookups.all_sites(uow)] == ["AAA", "HQ"]
        assert [f.code for f in lookups.active_functions(uow)] == ["billing", "legal"]
