"""The role-permission matrix, written out as the team expects it (DESIGN.md section 9)."""

from __future__ import annotations

import itertools

import pytest

from complaintdesk.domain.permissions import MATRIX, Permission, allows
from complaintdesk.domain.vocabulary import Role

P = Permission
EXPECTED: dict[Role, set[Permission]] = {
    Role.AGENT: {P.VIEW_ALL_COMPLAINTS, P.HANDLE_COMPLAINTS, P.VIEW_CUSTOMER_CONTACTS},
    Role.BRANCH_CLERK: {P.VIEW_SITE_COMPLAINTS, P.HANDLE_COMPLAINTS, P.VIEW_CUSTOMER_CONTACTS},
    Role.FUNCTION_MEMBER: {P.VIEW_CONTRIBUTIONS},
    Role.SUPERVISOR: {
        P.VIEW_ALL_COMPLAINTS,
        P.HANDLE_COMPLAINTS,
        P.REASSIGN,
        P.VIEW_CONTRIBUTIONS,
        P.VIEW_CUSTOMER_CONTACTS,
        P.VIEW_REPORTS,
        P.REVIEW_QUARANTINE,
    },
    Role.ADMIN: set(Permission),
}


@pytest.mark.parametrize(
    ("role", "permission"),
    list(itertools.product(Role, Permission)),
    ids=lambda value: value.value,
)
def test_each_role_has_exactly_the_expected_permissions(role: Role, permission: Permission) -> None:
    assert allows(role, permission) is (permission in EXPECTED[role])


def test_every_role_has_a_row_in_the_matrix() -> None:
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize("permission", [P.MANAGE_USERS, P.MANAGE_CONFIGURATION, P.REASSIGN])
def test_a_branch_clerk_cannot_administer_or_reassign(permission: Permission) -> None:
    assert not allows(Role.BRANCH_CLERK, permission)


def test_only_administrators_manage_users_and_the_database() -> None:
    for permission in (P.MANAGE_USERS, P.ADMINISTER_DATABASE):
        holders = {role for role in Role if allows(role, permission)}

        assert holders == {Role.ADMIN}
