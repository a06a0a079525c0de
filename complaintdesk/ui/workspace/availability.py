"""Which complaint actions make sense now: status, ownership and role decide.

Pure rules over read models, so the menu, the workspace's button row and the tests agree.
The services still refuse what is not allowed; this only keeps people from trying.
"""

from __future__ import annotations

from enum import StrEnum

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import OPEN_STATUSES, Role, Status
from complaintdesk.services.context import Actor
from complaintdesk.services.read_models import CommitmentView, ComplaintDetail, RequestView

OWNER_ROLES = frozenset({Role.AGENT, Role.BRANCH_CLERK, Role.SUPERVISOR})
"""Roles that may own a complaint (functions contribute, they never own)."""
START_FROM = frozenset({Status.NEW, Status.ACKNOWLEDGED, Status.REOPENED})
COMMIT_FROM = frozenset({Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER})
FINISHED = frozenset({Status.CLOSED, Status.WITHDRAWN, Status.MERGED})


class Act(StrEnum):
    """Everything a person can do to the complaint in the workspace."""

    TAKE = "take"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    ACKNOWLEDGE = "acknowledge"
    START_WORK = "start_work"
    ASK = "ask"
    ANSWER = "answer"
    DECLINE = "decline"
    CANCEL_REQUEST = "cancel_request"
    ADD_COMMITMENT = "add_commitment"
    FULFIL = "fulfil"
    NOT_YET = "not_yet"
    REMIND = "remind"
    RESPOND = "respond"
    LETTER = "letter"
    NOTE = "note"
    RESOLVE = "resolve"
    CLOSE = "close"
    WITHDRAW = "withdraw"


def available(
    detail: ComplaintDetail,
    actor: Actor,
    request: RequestView | None = None,
    commitment: CommitmentView | None = None,
) -> frozenset[Act]:
    """Return the actions that make sense for ``actor`` on ``detail`` right now.

    Args:
        detail: the complaint as the screen shows it.
        actor: the signed-in person.
        request: the contribution request the person points at, if any.
        commitment: the customer commitment the person points at, if any.
    """
    acts = _answering(actor, request)
    if not actor.can(Permission.HANDLE_COMPLAINTS):
        return frozenset(acts)  # read-only, except what is asked of their function
    acts |= {Act.NOTE} | _ownership(detail, actor)
    mine = detail.owner_id is not None and detail.owner_id == actor.user_id
    if mine or actor.can(Permission.REASSIGN):
        acts |= _handling(detail, request, commitment)
    return frozenset(acts)


def _answering(actor: Actor, request: RequestView | None) -> set[Act]:
    if request is None or request.state != "open" or request.function_id is None:
        return set()
    if actor.can(Permission.VIEW_CONTRIBUTIONS) and request.function_id in actor.function_ids:
        return {Act.ANSWER, Act.DECLINE}
    return set()


def _ownership(detail: ComplaintDetail, actor: Actor) -> set[Act]:
    if detail.status not in OPEN_STATUSES:
        return set()
    supervises = actor.can(Permission.REASSIGN)
    if detail.owner_id is not None:
        return {Act.TRANSFER} if detail.owner_id == actor.user_id or supervises else set()
    acts = {Act.WITHDRAW} if Status.WITHDRAWN in detail.allowed_next else set()
    if actor.role in OWNER_ROLES and actor.user_id is not None:
        acts.add(Act.TAKE)
    if supervises:
        acts.add(Act.ASSIGN)
    return acts


def _handling(
    detail: ComplaintDetail, request: RequestView | None, commitment: CommitmentView | None
) -> set[Act]:
    status, following = detail.status, set(detail.allowed_next)
    owned = detail.owner_id is not None
    candidates = {
        Act.ACKNOWLEDGE: owned and Status.ACKNOWLEDGED in following,
        Act.START_WORK: owned and status in START_FROM and Status.IN_PROGRESS in following,
        Act.ASK: status in OPEN_STATUSES,
        Act.ADD_COMMITMENT: status in COMMIT_FROM,
        Act.RESPOND: status not in FINISHED,
        Act.LETTER: status not in FINISHED,
        Act.RESOLVE: owned and Status.RESOLVED in following,
        Act.CLOSE: Status.CLOSED in following,
        Act.WITHDRAW: Status.WITHDRAWN in following,
        Act.CANCEL_REQUEST: request is not None and request.state == "open",
        Act.FULFIL: commitment is not None and commitment.state == "open",
        Act.NOT_YET: commitment is not None
        and commitment.state == "open"
        and commitment.proposed_at is not None,
        Act.REMIND: commitment is not None and commitment.state == "open",
    }
    return {act for act, makes_sense in candidates.items() if makes_sense}
