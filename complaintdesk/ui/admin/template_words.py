"""Names of template kinds and of the variables templates use, in the interface's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("Templates", text)


def kind_title(kind: str) -> str:
    """Return what administrators call a kind of template."""
    names = {
        "acknowledgement": _tr("Acknowledgement email"),
        "receipt": _tr("Shop receipt text"),
        "final_response": _tr("Final response letter"),
        "summary_resolution": _tr("Summary resolution"),
        "holding_reply": _tr("Holding reply"),
        "canned": _tr("Canned response"),
    }
    return names.get(kind, kind.replace("_", " ").capitalize())


def variable_text(name: str) -> str:
    """Return what a template variable holds, in words."""
    words = {
        "reference": _tr("the complaint's reference"),
        "customer_name": _tr("the customer's name"),
        "subject": _tr("the complaint's subject"),
        "received": _tr("the day it was received"),
        "received_at": _tr("the day and time it was received"),
        "sent": _tr("the day the customer sent it"),
        "acknowledge_due": _tr("the acknowledgement's promised date"),
        "resolution_due": _tr("the answer's promised date"),
        "regulatory_due": _tr("the regulator's deadline"),
        "due": _tr("the answer's promised date"),
        "site_name": _tr("the site's name"),
        "handler_name": _tr("who answers"),
        "letter_date": _tr("today's date"),
        "decision": _tr("our decision in a sentence"),
        "outcome": _tr("upheld, partly_upheld or not_upheld"),
        "remedy": _tr("what we do about it"),
        "amount": _tr("the amount paid back"),
        "waives_time_limits": _tr("true when we let the ombudsman look at it out of time"),
        "final_response_by": _tr("the date a holding reply promises"),
        "delay_reasons": _tr("why more time is needed"),
    }
    return words.get(name, name.replace("_", " "))


def template_name(code: str) -> str:
    """Return a template's name from its code: the preset or the canned response's title."""
    _, _, rest = code.partition(".")
    if not rest:
        return ""
    if rest == "generic":
        return _tr("without a regulator")
    return rest
