"""Who may do what: the role-permission matrix checked by every service."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from complaintdesk.domain.vocabulary import Role


class Permission(StrEnum):
    """Actions a service may refuse."""

    VIEW_ALL_COMPLAINTS = "view_all_complaints"
    VIEW_SITE_COMPLAINTS = "view_site_complaints"
    VIEW_CONTRIBUTIONS = "view_contributions"
    VIEW_CUSTOMER_CONTACTS = "view_customer_contacts"
    """Phones, emails, addresses and message senders; function members work without them."""
    HANDLE_COMPLAINTS = "handle_complaints"
    REASSIGN = "reassign"
    MANAGE_USERS = "manage_users"
    MANAGE_CONFIGURATION = "manage_configuration"
    ADMINISTER_DATABASE = "administer_database"
    MANAGE_PERSONAL_DATA = "manage_personal_data"
    """Subject access exports, erasure and the retention policy (administrators)."""
    VIEW_REPORTS = "view_reports"
    """The dashboard, queue exports and regulatory returns (organisation-wide figures)."""
    REVIEW_QUARANTINE = "review_quarantine"
    """What intake could not turn into a complaint: read it, retry, attach by hand, discard."""


P = Permission

MATRIX: Mapping[Role, frozenset[Permission]] = {
    Role.AGENT: frozenset({P.VIEW_ALL_COMPLAINTS, P.HANDLE_COMPLAINTS, P.VIEW_CUSTOMER_CONTACTS}),
    Role.BRANCH_CLERK: frozenset(
        {P.VIEW_SITE_COMPLAINTS, P.HANDLE_COMPLAINTS, P.VIEW_CUSTOMER_CONTACTS}
    ),
    Role.FUNCTION_MEMBER: frozenset({P.VIEW_CONTRIBUTIONS}),
    Role.SUPERVISOR: frozenset(
        {
            P.VIEW_ALL_COMPLAINTS,
            P.HANDLE_COMPLAINTS,
            P.REASSIGN,
            P.VIEW_CONTRIBUTIONS,
            P.VIEW_CUSTOMER_CONTACTS,
            P.VIEW_REPORTS,
            P.REVIEW_QUARANTINE,
        }
    ),
    Role.ADMIN: frozenset(set(Permission)),
}


def allows(role: Role, permission: Permission) -> bool:
    """Return True if ``role`` carries ``permission``."""
    return permission in MATRIX[role]
