"""Letters and emails rendered from templates in a sandbox (DESIGN.md section 9).

An administrator's template (the ``template`` table, by code and language) wins over the
one shipped in ``resources/templates/CODE.LANG.txt``, whose first line is ``Subject: …``.
Templates are Jinja2 rendered by a :class:`SandboxedEnvironment`: a template can read the
values it is given, never reach into Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select

from complaintdesk.domain.customers.language import DEFAULT, supported
from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.resources import resources_dir
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import Template
from complaintdesk.storage.unit_of_work import UnitOfWork

SUBJECT_PREFIX = "Subject:"


@dataclass(frozen=True)
class Rendered:
    """A rendered message: its subject line and its plain-text body."""

    subject: str
    body: str


def render(uow: UnitOfWork, code: str, language: str, values: dict[str, Any]) -> Rendered:
    """Render template ``code`` in ``language`` (English when that language has none).

    Raises:
        ValidationError: the template is missing or cannot be rendered with ``values``.
    """
    subject, body = _source(uow, code, supported(language) or DEFAULT)
    try:
        return Rendered(
            " ".join(_compiled(subject).render(values).split()),
            _compiled(body).render(values).strip() + "\n",
        )
    except TemplateError as error:
        raise ValidationError(f"The {code!r} template cannot be rendered: {error}") from error


TEMPLATES = MemoKey[dict[tuple[str, str], tuple[str, str]]]("templates")
"""(subject, body) sources by (code, language), read once per unit of work."""


def _source(uow: UnitOfWork, code: str, language: str) -> tuple[str, str]:
    """Return (subject, body) sources, kept in the unit of work's memo once read."""
    known = uow.memo.remember(TEMPLATES, dict)
    if (code, language) not in known:
        known[(code, language)] = _find(uow, code, language)
    return known[(code, language)]


def _find(uow: UnitOfWork, code: str, language: str) -> tuple[str, str]:
    for wanted in dict.fromkeys((language, DEFAULT)):
        rows: list[Template] = uow.scalars(
            select(Template).where(Template.code == code, Template.language == wanted)
        )
        if rows:
            return rows[0].subject or "", rows[0].body
        shipped = _shipped(code, wanted)
        if shipped is not None:
            return shipped
    raise ValidationError(f"No template {code!r} exists in {language} or {DEFAULT}.")


def _shipped(code: str, language: str) -> tuple[str, str] | None:
    try:
        path = resources_dir() / "templates" / f"{code}.{language}.txt"
    except ComplaintDeskError:
        return None
    if not path.is_file():
        return None
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    if not first.startswith(SUBJECT_PREFIX):
        return "", first + "\n" + rest
    return first.removeprefix(SUBJECT_PREFIX).strip(), rest


@lru_cache(maxsize=64)
def _compiled(source: str) -> Any:
    """Compile a template source once: the same text always compiles to the same template."""
    environment = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
    )
    try:
        return environment.from_string(source)
    except TemplateError as error:
        raise ValidationError(f"A template does not compile: {error}") from error
