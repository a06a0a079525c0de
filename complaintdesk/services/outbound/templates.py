"""Letters and emails rendered from templates in a sandbox (DESIGN.md section 9).

An administrator's template (the ``template`` table, by code and language) wins over the
one shipped in ``resources/templates/CODE.LANG.txt``, whose first line is ``Subject: …``.
Templates are Jinja2 rendered by a :class:`SandboxedEnvironment`: a template can read the
values it is given, never reach into Python. What an administrator types is checked before
it is saved (:func:`check_source`): it parses, it uses only the variables of its kind
(``template_kinds``), it renders on sample values in English and French, and a regulated
letter keeps every section its preset requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select

from complaintdesk.domain.customers.language import DEFAULT, supported
from complaintdesk.domain.errors import ComplaintDeskError, TemplateRefused, ValidationError
from complaintdesk.domain.promises import letters, presets
from complaintdesk.domain.vocabulary import Outcome
from complaintdesk.resources import load_json, resources_dir
from complaintdesk.services.outbound.template_kinds import (
    SAMPLES,
    TemplateKind,
    preset_of_code,
    sample,
)
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
            select(Template).where(
                Template.code == code, Template.language == wanted, Template.active.is_(True)
            )
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


# --- checking what an administrator typed --------------------------------------------------


def check_source(
    kind: TemplateKind, code: str, subject: str, body: str, language: str = DEFAULT
) -> None:
    """Refuse a template that does not parse, uses a variable its kind does not give, fails
    on the sample values, or (a regulated letter) lacks a section its preset requires.

    Raises:
        TemplateRefused: naming the field (subject or body), the problem and the variables
            the kind allows.
    """
    allowed = kind.variables
    for field, source in (("subject", subject), ("body", body)):
        _check_field(field, source, allowed)
    for sample_language in dict.fromkeys((language, *SAMPLES)):
        for outcome in ("upheld", "not_upheld"):
            values = sample(kind, sample_language, outcome=outcome)
            rendered = _rendered(field="body", subject=subject, body=body, values=values)
            _check_letter(kind, code, rendered.body, outcome, language)


def _check_field(field: str, source: str, allowed: tuple[str, ...]) -> None:
    try:
        parsed = _ENVIRONMENT.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateRefused(
            f"The {field} does not read as a template (line {error.lineno}: {error.message}).",
            field,
            allowed,
        ) from None
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(allowed))
    if unknown:
        raise TemplateRefused(
            f"The {field} uses {', '.join(unknown)}, which this kind of template is not "
            f"given. It may use: {', '.join(allowed)}.",
            field,
            allowed,
            tuple(unknown),
        )


def _rendered(*, field: str, subject: str, body: str, values: dict[str, Any]) -> Rendered:
    try:
        return Rendered(
            " ".join(_compiled(subject).render(values).split()),
            _compiled(body).render(values).strip() + "\n",
        )
    except (TemplateError, ValidationError, TypeError, ValueError, ArithmeticError) as error:
        raise TemplateRefused(f"The {field} cannot be rendered: {error}", field) from None


def _check_letter(kind: TemplateKind, code: str, text: str, outcome: str, language: str) -> None:
    if kind.letter is None:
        return
    preset_name = preset_of_code(code)
    if preset_name is None:
        return
    try:
        preset = presets.parse_preset(load_json(f"presets/{preset_name}.json"))
    except ComplaintDeskError:
        return  # a letter for a preset we do not ship: nothing is required of it
    required = presets.required_sections(preset, kind.letter, Outcome(outcome))
    problems = letters.check_letter(text, required, letter_sections())
    if problems:
        raise TemplateRefused(
            f"This {kind.title.lower()} must keep each required section with its heading "
            f"and what it says: {letters.describe_problems(problems, language)}.",
            "body",
            kind.variables,
        )


def preview(kind: TemplateKind, code: str, language: str, subject: str, body: str) -> Rendered:
    """Return the template rendered with the sample values of ``language`` (after checking it).

    Raises:
        TemplateRefused: as :func:`check_source`.
    """
    check_source(kind, code, subject, body, language)
    return _rendered(field="body", subject=subject, body=body, values=sample(kind, language))


@cache
def letter_sections() -> dict[str, letters.Section]:
    """Return the sections regulated letters are read by (shipped, read once)."""
    return letters.parse_sections(load_json("letters/sections.json"))


def shipped_templates() -> list[tuple[str, str]]:
    """Return (code, language) of every template shipped in ``resources/templates``."""
    try:
        folder = resources_dir() / "templates"
    except ComplaintDeskError:
        return []
    found = []
    for path in sorted(folder.glob("*.txt")):
        code, _, language = path.stem.rpartition(".")
        if code:
            found.append((code, language))
    return found


def shipped(code: str, language: str) -> tuple[str, str] | None:
    """Return the shipped (subject, body) of a template, or None."""
    return _shipped(code, language)


_ENVIRONMENT = SandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True
)
