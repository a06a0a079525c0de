"""A branch shop for the counter and receipt tests: the site, its mailbox, a clerk."""

from __future__ import annotations

from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Role, SiteKind
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage.models import Mailbox, Site

CLERK_PASSWORD = "counter-clerk-pass"
SHOP_ADDRESS = "3 rue Auber, 75009 Paris"
SHOP_EMAIL = "paris.opera@complaintdesk.example"


def open_shop(backend: Backend, admin: ServiceContext) -> Actor:
    """Add the Paris Opéra shop (PAR01, address and mailbox) and sign its clerk in."""
    organisation.add_site(admin, "PAR01", "Paris Opéra shop", SiteKind.BRANCH, "Europe/Paris")
    with backend.uow(write=True) as uow:
        site = uow.scalars(select(Site).where(Site.code == "PAR01"))[0]
        site.address = SHOP_ADDRESS  # no service edits a site's address yet
        uow.add(
            Mailbox(
                name="par01",
                host="imap.invalid",
                port=993,
                username="par01",
                from_address=SHOP_EMAIL,
                site_code="PAR01",
            )
        )
        uow.commit()
    users.add_user(
        admin,
        "julien",
        CLERK_PASSWORD,
        role=Role.BRANCH_CLERK,
        site_code="PAR01",
        display_name="Julien Petit",
    )
    return auth.sign_in(backend.uow, "julien", CLERK_PASSWORD)
