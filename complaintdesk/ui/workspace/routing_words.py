"""Why a complaint went where it went, worded in the reader's language at display time.

Routing stores its reason as data (the rule, what in the complaint met each condition, what
the decision set); this module is where that becomes a sentence, so a French agent reads
French about a complaint an English colleague's rule routed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from complaintdesk.domain.routing import DEFAULT_RULE, FAILED, RULE, Reason
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.read_models import RoutingView
from complaintdesk.ui import labels


def _t(text: str) -> str:
    return QCoreApplication.translate("RoutingWords", text)


def rule_sentence(kind: str, name: str | None, position: int | None) -> str:
    """Return which rule decided: "Rule 2 “Invoices” matched" and the like."""
    if kind == RULE:
        return _t("Rule {position} “{name}” matched").format(position=position or "", name=name)
    if kind == DEFAULT_RULE:
        return _t("No specific rule matched; the default rule “{name}” applied").format(name=name)
    if kind == FAILED:
        return _t("A routing rule could not be applied; a person routes it by hand")
    return _t("No routing rule applied")


def match_phrase(condition: str, value: str) -> str:
    """Return what in the complaint met one condition, as a phrase."""
    if condition == "channel":
        known = {c.value: c for c in Channel}
        shown = labels.channel_label(known[value]).lower() if value in known else value
        return _t("it came by {channel}").format(channel=shown)
    if condition == "segment":
        return _t("the customer is {segment}").format(segment=labels.segment_label(value).lower())
    if condition == "category":
        return _t("its category is {category}").format(category=value)
    if condition == "site":
        return _t("it was received at {site}").format(site=value)
    if condition == "amount":
        return _t("the amount is {amount}").format(amount=_number(value))
    if condition == "keywords":
        return _t("the text mentions “{word}”").format(word=value)
    return _t("the text contains “{text}”").format(text=value)


def reason_text(reason: Reason) -> str:
    """Return why routing decided, from the reason alone (a rule and what met it)."""
    matched = ((m.condition, m.value) for m in reason.matched)
    return _because(rule_sentence(reason.kind, reason.rule_name, reason.rule_position), matched)


def reason_of_event(details: Mapping[str, Any]) -> str:
    """Return the reason stored in a ``routed`` audit event, worded ('' if it has none)."""
    stored = details.get("reason")
    if isinstance(stored, Mapping):
        return reason_text(Reason.from_mapping(stored))
    english = details.get("explanation")
    if isinstance(english, str) and english:
        return reason_text(Reason.from_english(english))
    return ""


def why(view: RoutingView | None) -> str:
    """Return the workspace's answer to "Why is this here?": the reason, then what it set."""
    if view is None:
        return _t("No routing decision was recorded.")
    lines = [_because(rule_sentence(view.kind, view.rule_name, view.rule_position), view.matched)]
    settings = list(_settings(view))
    if settings:
        lines.append(_t("It set {settings}.").format(settings=_t(", ").join(settings)))
    if view.owner_name and view.assignment in ("round_robin", "least_load"):
        how = labels.assignment_label(view.assignment).lower()
        lines.append(_t("Owner picked by {how}: {owner}.").format(how=how, owner=view.owner_name))
    return "\n".join(lines)


def _because(rule: str, matched: Iterable[tuple[str, str]]) -> str:
    phrases = [match_phrase(condition, value) for condition, value in matched]
    if not phrases:
        return _t("{rule}.").format(rule=rule)
    return _t("{rule}: {reasons}.").format(rule=rule, reasons=_t(", ").join(phrases))


def _settings(view: RoutingView) -> Iterable[str]:
    if view.function_name:
        yield _t("the function {function}").format(function=view.function_name)
    if view.priority is not None:
        priority = labels.priority_label(view.priority).lower()
        yield _t("the priority {priority}").format(priority=priority)
    if view.team_queue:
        yield _t("the team queue {queue}").format(queue=view.team_queue)


def _number(value: str) -> str:
    try:
        return QLocale().toString(float(value), "f", 2)
    except ValueError:
        return value
