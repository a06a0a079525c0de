"""What intake scenarios set up: an administrator, the acknowledgement template, a mailbox."""

from __future__ import annotations

from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Template

BROKEN_TEMPLATE = "Dear {{ customer_name }},\n\n{{ owner_name }} will answer you."
"""What the demo database used to ship: ``owner_name`` is never supplied."""
FIXED_TEMPLATE = "Dear {{ customer_name }}, we received {{ reference }}."


def set_template(backend: Backend, body: str, language: str = "en") -> None:
    """Write (or rewrite) the administrators' acknowledgement template, as the editor would."""
    with backend.uow(write=True) as uow:
        found = uow.scalars(
            select(Template).where(
                Template.code == "acknowledgement", Template.language == language
            )
        )
        if found:
            found[0].body = body
        else:
            uow.add(
                Template(
                    code="acknowledgement",
                    language=language,
                    kind="email",
                    subject="[{{ reference }}] Received",
                    body=body,
                )
            )
        uow.commit()


def administrator(ctx: ServiceContext, login: str = "ada") -> ServiceContext:
    """Add an administrator and return them signed in (they receive intake's notices)."""
    users.add_user(ctx, login, "correct horse", role=Role.ADMIN, site_code="HQ")
    return ServiceContext(ctx.uow, auth.sign_in(ctx.uow, login, "correct horse"))
