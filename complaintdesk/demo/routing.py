"""Demo complaints routed by the demo's own routing rules, with the reason stored as data.

Each generated complaint goes through :func:`complaintdesk.domain.routing.route`, as intake
does: the rule that matched sets the responsible function (and the priority and the team
queue where it says so), and the decision is written beside the complaint, so "Why is this
here?" has an answer for every demo complaint. A complaint taken on the phone or at the
counter keeps the colleague who took it; otherwise the owner comes from the team queue.
"""

from __future__ import annotations

import json
import random
from typing import Any

from complaintdesk.demo.complaints import Case
from complaintdesk.demo.reference import Catalogue
from complaintdesk.domain.routing import NO_RULE, ComplaintFacts, Reason, route
from complaintdesk.storage.bulk import instant_text

DECISION_COLUMNS = (
    "id", "complaint_id", "rule_id", "decided_at", "function_id", "priority", "team_queue",
    "owner_id", "explanation", "reason",
)  # fmt: skip
TAKEN_IN_PERSON = ("phone", "shop", "letter")


def route_case(case: Case, catalogue: Catalogue, rng: random.Random) -> Reason:
    """Route ``case`` with the demo's rules: function, priority, team queue, owner; return why."""
    facts = ComplaintFacts(
        channel=case.channel,
        subject=case.subject,
        body=case.description,
        category=case.topic.code,
        segment=case.customer.segment,
        site=case.site.code,
    )
    routed = route(catalogue.rules, facts)
    case.function = case.topic.function
    case.team_queue = case.site.team_queue
    if routed is None:
        return Reason(NO_RULE)
    rule = routed.rule
    case.function = rule.function_code or case.function
    case.priority = rule.priority or case.priority
    taken = case.channel in TAKEN_IN_PERSON
    if rule.team_queue and not taken and rule.team_queue in catalogue.queue_owners:
        case.team_queue = rule.team_queue
        if case.owner is not None:  # picked from the queue the rule sent it to
            case.owner = rng.choice(catalogue.queue_owners[rule.team_queue])
    reason = routed.reason
    if taken or case.owner is None:
        reason = Reason(reason.kind, reason.rule_name, reason.rule_position, reason.matched)
    case.rule_id = rule.id.hex
    return reason


def decision_row(case: Case, catalogue: Catalogue, reason: Reason, new_id: str) -> tuple[Any, ...]:
    """Return the routing decision of ``case`` in the order of :data:`DECISION_COLUMNS`."""
    return (
        new_id, case.id, case.rule_id, instant_text(case.received),
        catalogue.functions[case.function], case.priority, case.team_queue,
        case.owner.id if case.owner else None, reason.english(),
        json.dumps(reason.to_mapping()),
    )  # fmt: skip
