"""The social gateway over HTTPS: batches of webhook payloads in, agents' replies out.

The gateway speaks a small protocol (JSON both ways, ``Authorization: Bearer TOKEN``):

- ``GET {url}/updates?cursor=C`` → ``{"payloads": [webhook payload, ...], "cursor": "D",
  "more": true|false}``: the payloads after ``C`` (from the start without ``cursor``); ``D``
  is where the next call starts. The cursor is stored in the same transaction as the last
  post of its batch, so a batch cut short is fetched again (and deduplicated) next time.
- ``POST {url}/replies`` with ``{"id", "platform", "conversation", "in_reply_to",
  "recipient", "text", "public"}`` → 2xx, optionally ``{"id": "<platform post id>"}``.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any
from urllib.parse import quote

from complaintdesk.channels.social.files import payload_items
from complaintdesk.channels.social.intake import SocialSummary, ingest_items
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound.social import SocialOptions
from complaintdesk.services.outbound import social_gateways
from complaintdesk.services.outbound.social_gateways import (
    GatewaySettings,
    OutgoingReply,
    ReplySummary,
)
from complaintdesk.storage.secrets import SecretStore

log = logging.getLogger(__name__)
TIMEOUT = 30.0
MAX_BATCHES = 100
"""Batches read in one poll: a gateway that never says ``more: false`` cannot hold us."""


class GatewayUnavailable(ComplaintDeskError):
    """The gateway did not answer, refused the token, or sent something unreadable."""


@dataclass(frozen=True)
class Batch:
    """One answer of ``GET /updates``."""

    payloads: list[Any]
    cursor: str | None
    more: bool


def fetch(gateway: GatewaySettings, token: str, timeout: float = TIMEOUT) -> Batch:
    """Return the batch after the gateway's stored cursor.

    Raises:
        GatewayUnavailable: with the reason in plain words.
    """
    url = f"{gateway.url}/updates"
    if gateway.cursor:
        url += f"?cursor={quote(gateway.cursor, safe='')}"
    answer = _call(urllib.request.Request(url, headers=_headers(token)), gateway.name, timeout)
    if not isinstance(answer, dict) or not isinstance(answer.get("payloads"), list):
        raise GatewayUnavailable(f"Gateway {gateway.name} answered without a payloads list.")
    cursor = answer.get("cursor")
    return Batch(answer["payloads"], str(cursor) if cursor else None, bool(answer.get("more")))


def _headers(token: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "Content-Type": "application/json",
    }


def _call(request: urllib.request.Request, name: str, timeout: float) -> Any:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            raise GatewayUnavailable(f"Gateway {name} refused the token ({error.code}).") from None
        raise GatewayUnavailable(f"Gateway {name} failed ({error.code} {error.reason}).") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise GatewayUnavailable(f"Gateway {name} cannot be reached ({reason}).") from None
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise GatewayUnavailable(f"Gateway {name} answered with something not JSON.") from None


def poll_gateways(
    ctx: ServiceContext, secrets: SecretStore, names: Sequence[str] = ()
) -> SocialSummary:
    """Read every configured gateway (or those named) until each has nothing more.

    A payload that cannot be read goes to the quarantine as it came, in the same
    transaction as the cursor that moves past it: nothing is lost.
    """
    summary = SocialSummary()
    for gateway in social_gateways.list_gateways(ctx):
        if names and gateway.name not in names:
            continue
        try:
            token = secrets.get(gateway.token_ref or "")
            poll_gateway(ctx, gateway, token, summary)
        except ComplaintDeskError as error:
            social_gateways.note_poll(ctx, gateway.id, str(error))
            summary.errors.append({"gateway": gateway.name, "reason": str(error)})
    return summary


def poll_gateway(
    ctx: ServiceContext, gateway: GatewaySettings, token: str, summary: SocialSummary
) -> None:
    """Read one gateway batch after batch, each stored with the cursor that follows it.

    Raises:
        GatewayUnavailable: the batches read before the failure stay stored.
    """
    options = SocialOptions(site_code=gateway.site_code)
    current = gateway
    for _ in range(MAX_BATCHES):
        batch = fetch(current, token)
        start = current.cursor or "start"
        items = [
            item
            for n, payload in enumerate(batch.payloads)
            for item in payload_items(payload, f"{gateway.name}@{start}#{n}")
        ]
        cursor = batch.cursor or current.cursor
        advance = partial(social_gateways.advance, gateway_id=gateway.id, cursor=cursor)
        source = {"gateway": gateway.name, "cursor": start, "site": gateway.site_code}
        ingest_items(ctx, items, options, summary, last=advance, source=source)
        if not batch.more or cursor == current.cursor:
            return
        current = replace(current, cursor=cursor)


def send_replies(
    ctx: ServiceContext, secrets: SecretStore, timeout: float = TIMEOUT
) -> ReplySummary:
    """POST every queued or failed social reply to the first gateway, oldest first."""
    gateways = social_gateways.list_gateways(ctx)
    if not gateways:
        return social_gateways.send_replies(ctx, None, NO_GATEWAY)
    try:
        token = secrets.get(gateways[0].token_ref or "")
    except ComplaintDeskError as missing:
        return social_gateways.send_replies(ctx, None, str(missing))
    return social_gateways.send_replies(ctx, partial(_post, gateways[0], token, timeout))


NO_GATEWAY = "No social gateway is configured: add one with `complaintdesk social gateway-add`."


def _post(gateway: GatewaySettings, token: str, timeout: float, reply: OutgoingReply) -> str | None:
    body = {
        "id": str(reply.message_id),
        "platform": reply.platform,
        "conversation": reply.conversation,
        "in_reply_to": reply.in_reply_to.split(":", 1)[1] if reply.in_reply_to else None,
        "recipient": reply.recipient,
        "text": reply.text,
        "public": reply.public,
    }
    request = urllib.request.Request(
        f"{gateway.url}/replies",
        data=json.dumps(body).encode(),
        headers=_headers(token),
        method="POST",
    )
    answer = _call(request, gateway.name, timeout)
    found = answer.get("id") if isinstance(answer, dict) else None
    return str(found) if found else None
