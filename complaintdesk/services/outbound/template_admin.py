"""Templates as administrators edit them, and as agents use them: canned responses, letters.

Administrators list every template (shipped or edited), preview one on sample values in
English or French, save it (checked first: see ``templates.check_source``), put a shipped one
back, add and remove canned responses. Agents find canned responses by words in a language
and render one — or a regulated letter — for a complaint (the reply composer calls these).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from complaintdesk.domain.customers.language import DEFAULT, SUPPORTED, supported
from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.text import fold
from complaintdesk.domain.vocabulary import LetterKind
from complaintdesk.services.complaints import letters
from complaintdesk.services.complaints.access import record, visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import template_kinds, template_values, templates
from complaintdesk.services.outbound.templates import Rendered
from complaintdesk.storage.models import Template, User
from complaintdesk.storage.unit_of_work import UnitOfWork

CANNED = "canned"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class KindView:
    """A kind of template and the variables its templates may use."""

    name: str
    title: str
    variables: tuple[str, ...]
    letter: str | None


@dataclass(frozen=True)
class TemplateView:
    """One template as the editor lists it."""

    code: str
    language: str
    kind: str
    subject: str
    body: str
    edited: bool
    """Saved by an administrator (else the shipped text)."""
    shipped: bool
    """A shipped text exists to go back to."""


@dataclass(frozen=True)
class CannedResponse:
    """A canned response the composer offers."""

    code: str
    language: str
    title: str
    body: str


def template_kinds_list(ctx: ServiceContext) -> tuple[KindView, ...]:
    """Return every kind of template with its variables."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    return tuple(
        KindView(k.name, k.title, k.variables, k.letter.value if k.letter else None)
        for k in template_kinds.KINDS
    )


def list_templates(ctx: ServiceContext) -> tuple[TemplateView, ...]:
    """Return every template, shipped or edited, by kind, code and language."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow() as uow:
        rows: list[Template] = uow.scalars(select(Template))
    found: dict[tuple[str, str], TemplateView] = {}
    for code, language in templates.shipped_templates():
        subject, body = templates.shipped(code, language) or ("", "")
        found[(code, language)] = TemplateView(
            code, language, _kind_name(code), subject, body, False, True
        )
    for row in rows:
        if not row.active:  # a removed canned response
            found.pop((row.code, row.language), None)
            continue
        shipped = templates.shipped(row.code, row.language) is not None
        found[(row.code, row.language)] = TemplateView(
            row.code, row.language, _kind_name(row.code), row.subject or "", row.body, True,
            shipped,
        )  # fmt: skip
    order = {k.name: n for n, k in enumerate(template_kinds.KINDS)}
    return tuple(sorted(found.values(), key=lambda t: (order.get(t.kind, 99), t.code, t.language)))


def _kind_name(code: str) -> str:
    try:
        return template_kinds.kind_of(code).name
    except ValidationError:
        return ""


def preview_template(
    ctx: ServiceContext, code: str, language: str, subject: str, body: str
) -> Rendered:
    """Return a template as typed, rendered on the sample values of ``language``.

    Raises:
        TemplateRefused: it does not parse, uses an unknown variable, or (a regulated
            letter) lacks a required section — nothing is saved either way.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    kind = template_kinds.kind_of(code)
    return templates.preview(kind, code, language, subject, body)


def save_template(ctx: ServiceContext, code: str, language: str, subject: str, body: str) -> None:
    """Save an administrator's template after checking it (see :func:`preview_template`).

    Raises:
        TemplateRefused: the field at fault, the problem and the variables allowed.
        ValidationError: an unsupported language.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    language = _language(language)
    kind = template_kinds.kind_of(code)
    templates.check_source(kind, code, subject, body, language)
    with ctx.uow(write=True) as uow:
        row = _row(uow, code, language)
        if row is None:
            row = Template(code=code, language=language, kind=kind.name)
        row.subject, row.body, row.active, row.kind = subject.strip(), body, True, kind.name
        record(uow, ctx.actor, row, "template_saved")
        uow.commit()


def reset_template(ctx: ServiceContext, code: str, language: str) -> None:
    """Put the shipped text of a template back.

    Raises:
        NotFound: nothing is shipped under that code and language.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    shipped = templates.shipped(code, language)
    if shipped is None:
        raise NotFound(f"No template {code} is shipped in {language}.")
    with ctx.uow(write=True) as uow:
        row = _row(uow, code, language)
        if row is not None:
            row.subject, row.body = shipped
            record(uow, ctx.actor, row, "template_reset")
            uow.commit()


def add_canned_response(ctx: ServiceContext, title: str, language: str, body: str) -> str:
    """Add a canned response and return its code (``canned.`` and its title, folded).

    Raises:
        TemplateRefused: the body does not parse or uses an unknown variable.
        ValidationError: no title, or a canned response of that title exists already.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    slug = _SLUG.sub("-", fold(title)).strip("-")[:50]
    if not slug:
        raise ValidationError("A canned response needs a title.")
    code = f"{CANNED}.{slug}"
    with ctx.uow() as uow:
        if _row(uow, code, _language(language)) is not None:
            raise ValidationError(f"A canned response titled {title.strip()!r} exists already.")
    save_template(ctx, code, language, title, body)
    return code


def remove_canned_response(ctx: ServiceContext, code: str, language: str) -> None:
    """Take a canned response out of the composer's list (kept, inactive, for sync)."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    if template_kinds.kind_of(code).name != CANNED:
        raise ValidationError("Only canned responses can be removed; other templates are reset.")
    with ctx.uow(write=True) as uow:
        row = _row(uow, code, language)
        shipped = templates.shipped(code, language)
        if row is None and shipped is None:
            raise NotFound(f"No canned response {code} in {language}.")
        if row is None:  # a shipped one: an inactive copy hides it
            row = Template(code=code, language=language, kind=CANNED)
            row.subject, row.body = shipped or ("", "")
        row.active = False
        record(uow, ctx.actor, row, "template_removed")
        uow.commit()


def canned_responses(
    ctx: ServiceContext, text: str, language: str, limit: int = 20
) -> tuple[CannedResponse, ...]:
    """Return the canned responses in ``language`` whose title or text has every word of
    ``text`` (case and accents ignored), titles first; all of them for an empty ``text``."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    language = supported(language) or DEFAULT
    words = fold(text).split()
    with ctx.uow() as uow:
        rows: list[Template] = uow.scalars(select(Template).where(Template.kind == CANNED))
    found = {(r.code, r.language): (r.subject or r.code, r.body) for r in rows if r.active}
    removed = {(r.code, r.language) for r in rows if not r.active}
    for code, lang in templates.shipped_templates():
        known = (code, lang) in found or (code, lang) in removed
        if code.startswith(CANNED + ".") and not known:
            found[(code, lang)] = templates.shipped(code, lang) or ("", "")
    matches = []
    for (code, lang), (title, body) in found.items():
        haystack = fold(f"{title}\n{body}")
        if lang == language and all(word in haystack for word in words):
            in_title = all(word in fold(title) for word in words)
            matches.append((not in_title, fold(title), CannedResponse(code, lang, title, body)))
    return tuple(m[2] for m in sorted(matches, key=lambda m: m[:2])[:limit])


def render_canned_response(
    ctx: ServiceContext, complaint_id: uuid.UUID, code: str, language: str | None = None
) -> Rendered:
    """Return a canned response filled in for a complaint, in its customer's language.

    Raises:
        NotFound: no such complaint visible to the caller.
        ValidationError: no such canned response, or it cannot be rendered.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    if template_kinds.kind_of(code).name != CANNED:
        raise ValidationError(f"{code} is not a canned response.")
    return _render_for(ctx, complaint_id, code, language)


def draft_letter(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    letter: LetterKind,
    *,
    language: str | None = None,
    waives_time_limits: bool = False,
    final_response_by: date | None = None,
) -> Rendered:
    """Return the letter ``letter`` for a complaint from its preset's template, to edit.

    The complaint's regulatory preset chooses the template (``final_response.uk-fca``…;
    ``generic`` without one); the text is what the person then edits, and the check on
    sending reads what they send.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        row = letters.regulatory_policy(uow, complaint)
    code = template_kinds.letter_code(letter, row.preset if row else None)
    return _render_for(
        ctx,
        complaint_id,
        code,
        language,
        waives_time_limits=waives_time_limits,
        final_response_by=final_response_by,
    )


def _render_for(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    code: str,
    language: str | None,
    *,
    waives_time_limits: bool = False,
    final_response_by: date | None = None,
) -> Rendered:
    kind = template_kinds.kind_of(code)
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        lang = supported(language or complaint.language) or DEFAULT
        handler = uow.get(User, ctx.actor.user_id) if ctx.actor.user_id else None
        values = template_values.complaint_values(
            uow,
            complaint,
            lang,
            handler=handler,
            waives_time_limits=waives_time_limits,
            final_response_by=final_response_by,
        )
        return templates.render(uow, code, lang, template_values.for_kind(kind, values))


def _row(uow: UnitOfWork, code: str, language: str) -> Template | None:
    found: list[Template] = uow.scalars(
        select(Template).where(Template.code == code, Template.language == language)
    )
    return found[0] if found else None


def _language(language: str) -> str:
    found = supported(language)
    if found is None:
        raise ValidationError(f"Templates are in {', '.join(SUPPORTED)}, not {language!r}.")
    return found
