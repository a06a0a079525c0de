"""Every kind of template, the variables it may use, and sample values to preview it with.

One declaration per kind (:data:`KINDS`): its name (stored in ``template.kind`` and the first
part of its templates' codes, ``final_response.uk-fca``), the variables a template of that kind
is given, and, for a regulated letter, which letter it is (its preset's required sections are
checked when an administrator saves it). Adding a kind is adding one :class:`TemplateKind`
to :data:`KINDS`; variables new to every kind are described in :data:`VARIABLES` and given
a sample in :data:`SAMPLES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import LetterKind

VARIABLES: Mapping[str, str] = {
    "reference": "the complaint's reference (PAR01-26-00012)",
    "customer_name": "the customer's name",
    "subject": "the complaint's subject",
    "received": "the day it was received, in words",
    "received_at": "the day and time it was received, in words",
    "sent": "the day the customer sent it (or received, when unknown)",
    "acknowledge_due": "the date the acknowledgement is promised by (may be empty)",
    "resolution_due": "the date the answer is promised by (may be empty)",
    "regulatory_due": "the date the regulator's deadline falls (may be empty)",
    "due": "the date the answer is promised by",
    "site_name": "the site's name",
    "handler_name": "the name of the person who answers",
    "letter_date": "today's date, in words",
    "decision": "our decision in a sentence (upheld, partly upheld, not upheld)",
    "outcome": "upheld, partly_upheld, not_upheld (or empty before a decision)",
    "remedy": "what we do about it, as recorded at resolution",
    "amount": "the amount paid back, with its currency (may be empty)",
    "waives_time_limits": "true when we consent to the ombudsman looking at it out of time",
    "final_response_by": "the date a holding reply promises the final response by",
    "delay_reasons": "why more time is needed (the person writes it in the letter)",
    "commitment": "what the customer must provide (a document, an access, a decision)",
    "due_date": "the day the customer's commitment is due, in words",
    "last_call": "true for the reminder of the due date itself (false for the one before)",
    "survey_reference": "the survey's own reference (SAT-…): keep it in the subject, a reply "
    "is read as a score only when it answers the survey",
    "resolved": "the day the complaint was resolved",
}
"""Every variable a template may be given, with what it holds (shown in the editor)."""


@dataclass(frozen=True)
class TemplateKind:
    """A kind of template.

    Attributes:
        name: stored in ``template.kind``; a template's code is the name itself (one
            template per language) or ``NAME.SOMETHING`` (one per preset, per response).
        title: what administrators call it.
        variables: what a template of this kind is given (see :data:`VARIABLES`).
        letter: the regulated letter it is, if any: saving checks its preset's sections.
        single: one template per language, coded by the name alone.
        legacy_codes: codes of this kind that do not start with its name.
    """

    name: str
    title: str
    variables: tuple[str, ...]
    letter: LetterKind | None = None
    single: bool = False
    legacy_codes: tuple[str, ...] = ()


_COMPLAINT = ("reference", "customer_name", "subject", "received", "site_name")
_LETTER = (
    *_COMPLAINT,
    "sent",
    "letter_date",
    "handler_name",
    "decision",
    "outcome",
    "remedy",
    "amount",
    "waives_time_limits",
    "regulatory_due",
)

KINDS: tuple[TemplateKind, ...] = (
    TemplateKind(
        "acknowledgement",
        "Acknowledgement email",
        (*_COMPLAINT, "acknowledge_due", "resolution_due", "regulatory_due"),
        single=True,
    ),
    TemplateKind(
        "receipt",
        "Shop receipt text",
        ("reference", "customer_name", "received_at", "due", "site_name"),
        legacy_codes=("shop_receipt",),
        single=True,
    ),
    TemplateKind("final_response", "Final response letter", _LETTER, LetterKind.FINAL_RESPONSE),
    TemplateKind(
        "summary_resolution",
        "Summary resolution communication",
        _LETTER,
        LetterKind.SUMMARY_RESOLUTION,
    ),
    TemplateKind(
        "holding_reply",
        "Holding reply",
        (
            *_COMPLAINT,
            "letter_date",
            "handler_name",
            "final_response_by",
            "delay_reasons",
            "regulatory_due",
        ),
        LetterKind.HOLDING_REPLY,
    ),
    TemplateKind(
        "commitment_reminder",
        "Reminder of a customer commitment",
        ("reference", "customer_name", "commitment", "due_date", "last_call", "site_name"),
        single=True,
    ),
    TemplateKind(
        "satisfaction_survey",
        "Satisfaction survey email",
        ("reference", "customer_name", "subject", "survey_reference", "resolved"),
        single=True,
    ),
    TemplateKind(
        "canned",
        "Canned response",
        (*_COMPLAINT, "handler_name", "resolution_due", "regulatory_due"),
    ),
)
"""Every kind of template; add a kind here (one declaration)."""

BY_NAME = {kind.name: kind for kind in KINDS}
LETTER_KINDS = {kind.letter: kind for kind in KINDS if kind.letter is not None}


def kind_of(code: str) -> TemplateKind:
    """Return the kind of the template ``code``.

    Raises:
        ValidationError: no kind has such codes (naming the kinds there are).
    """
    for kind in KINDS:
        if code in kind.legacy_codes or (code == kind.name and kind.single):
            return kind
        if not kind.single and code.startswith(kind.name + ".") and len(code) > len(kind.name) + 1:
            return kind
    names = ", ".join(k.name for k in KINDS)
    raise ValidationError(f"No kind of template has the code {code!r} (kinds: {names}).")


def letter_code(letter: LetterKind, preset: str | None) -> str:
    """Return the code of a regulated letter's template for a preset (``generic`` without)."""
    return f"{letter.value}.{preset or 'generic'}"


def preset_of_code(code: str) -> str | None:
    """Return the preset a letter template is for (``final_response.uk-fca`` → ``uk-fca``)."""
    _, _, preset = code.partition(".")
    return preset if preset and preset != "generic" else None


SAMPLES: Mapping[str, Mapping[str, Any]] = {
    "en": {
        "reference": "LON01-26-00042",
        "customer_name": "Margaret Shaw",
        "subject": "Card payment taken twice",
        "received": "2 February 2026",
        "received_at": "2 February 2026 at 10:15",
        "sent": "30 January 2026",
        "acknowledge_due": "3 February 2026",
        "resolution_due": "16 February 2026",
        "regulatory_due": "30 March 2026",
        "due": "16 February 2026",
        "site_name": "London Moorgate shop",
        "handler_name": "Tom Baker",
        "letter_date": "20 February 2026",
        "decision": "We uphold your complaint in part: the second payment was our mistake.",
        "outcome": "partly_upheld",
        "remedy": "We have refunded the second payment; the card fee was due.",
        "amount": "£42.10",
        "waives_time_limits": False,
        "final_response_by": "16 March 2026",
        "delay_reasons": "We are waiting for the card network's report on the payment.",
        "commitment": "Send the statement of the card account for February",
        "due_date": "13 February 2026",
        "last_call": False,
        "survey_reference": "SAT-7K2Q9D",
        "resolved": "20 February 2026",
    },
    "fr": {
        "reference": "PAR01-26-00042",
        "customer_name": "Léa Martin",
        "subject": "Prélèvement effectué deux fois",
        "received": "2 février 2026",
        "received_at": "2 février 2026 à 10 h 15",
        "sent": "30 janvier 2026",
        "acknowledge_due": "3 février 2026",
        "resolution_due": "16 février 2026",
        "regulatory_due": "30 mars 2026",
        "due": "16 février 2026",
        "site_name": "Boutique Paris Opéra",
        "handler_name": "Julien Petit",
        "letter_date": "20 février 2026",
        "decision": "Nous faisons droit à votre réclamation en partie : le second prélèvement "
        "était une erreur.",
        "outcome": "partly_upheld",
        "remedy": "Nous avons remboursé le second prélèvement ; les frais de carte étaient dus.",
        "amount": "42,10 €",
        "waives_time_limits": False,
        "final_response_by": "16 mars 2026",
        "delay_reasons": "Nous attendons le rapport du réseau de cartes sur le paiement.",
        "commitment": "Envoyer le relevé du compte carte de février",
        "due_date": "13 février 2026",
        "last_call": False,
        "survey_reference": "SAT-7K2Q9D",
        "resolved": "20 février 2026",
    },
}
"""Sample values, English and French, for previews and for checking a template on save."""


def sample(kind: TemplateKind, language: str, **changes: Any) -> dict[str, Any]:
    """Return the sample values of ``kind`` in ``language`` (English when unknown)."""
    values = {**SAMPLES.get(language, SAMPLES["en"]), **changes}
    return {name: values.get(name, "") for name in kind.variables}
