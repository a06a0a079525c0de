"""Rows found by what people know them by: the same answers and messages for every service."""

from __future__ import annotations

import pytest

from complaintdesk.app import Backend
from complaintdesk.domain.errors import NotFound
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Function


def test_a_site_code_is_required_in_any_case_and_named_as_typed(sqlite_backend: Backend) -> None:
    with sqlite_backend.uow() as uow:
        assert lookups.require_site(uow, "hq").code == "HQ"
        assert lookups.site_by_code(uow, "hq") is None
        with pytest.raises(NotFound, match=r"^No site has the code 'par01'\.$"):
            lookups.require_site(uow, "par01")


def test_a_function_typed_and_one_picked_are_missed_in_their_own_words(
    sqlite_backend: Backend,
) -> None:
    with sqlite_backend.uow(write=True) as uow:
        uow.add(Function(code="billing", name="Billing", answer_within_hours=16))
        uow.flush()

        assert lookups.require_function(uow, "billing").name == "Billing"
        assert lookups.function_by_code(uow, "legal") is None
        with pytest.raises(NotFound, match=r"^No function 'legal' exists\.$"):
            lookups.require_function(uow, "legal")
        with pytest.raises(NotFound, match=r"^Unknown function 'legal': pick one from the list\.$"):
            lookups.picked_function(uow, "legal")
        with pytest.raises(NotFound, match=r"^Unknown root cause 'x': pick one from the list\.$"):
            lookups.picked_root_cause(uow, "x")
