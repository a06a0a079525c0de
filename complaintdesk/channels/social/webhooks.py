"""Parsers of the documented webhook payloads: Messenger, Instagram and X.

Pure functions: a payload (already decoded JSON) in, one :class:`Item` per message out.
Fields read:

- Messenger (``object: "page"``) and Instagram messaging (``object: "instagram"``):
  ``entry[].id`` (our page/account), ``entry[].messaging[]`` with ``sender.id``,
  ``recipient.id``, ``timestamp`` (ms), ``message.mid``, ``message.text``,
  ``message.is_echo`` (our own message) and ``message.attachments[].type``.
- Instagram comments: ``entry[].changes[]`` with ``field: "comments"``, ``value.id``,
  ``value.text``, ``value.from.id``, ``value.from.username``, ``value.media.id``,
  ``value.parent_id``; ``entry[].time`` dates it.
- X Account Activity: ``for_user_id`` (our account), ``tweet_create_events[]`` with
  ``id_str``, ``extended_tweet.full_text``/``full_text``/``text``, ``user.id_str``,
  ``user.screen_name``, ``user.name``, ``created_at``, ``in_reply_to_status_id_str``,
  ``retweeted_status``; ``direct_message_events[]`` with ``type: "message_create"``, ``id``,
  ``created_timestamp``, ``message_create.sender_id``, ``message_create.message_data.text``,
  and the ``users`` map (``screen_name``, ``name``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from complaintdesk.channels.social.items import Item, Malformed, epoch, need, text_of
from complaintdesk.services.inbound.social import InboundPost

X_KEYS = ("tweet_create_events", "direct_message_events")


def parse_payload(payload: Any, label: str) -> list[Item]:
    """Return every message of one webhook payload (never raises on bad input)."""
    if not isinstance(payload, dict):
        return [Item(label, rejected="not a webhook payload (a JSON object was expected)")]
    kind = payload.get("object")
    if kind in ("page", "instagram"):
        return _meta(payload, label, "facebook" if kind == "page" else "instagram")
    if any(key in payload for key in X_KEYS) or "for_user_id" in payload:
        return _x(payload, label)
    return [
        Item(
            label,
            rejected="unknown payload: neither Messenger/Instagram (object) nor X "
            "(tweet_create_events, direct_message_events)",
        )
    ]


def _meta(payload: dict[str, Any], label: str, platform: str) -> list[Item]:
    entries = payload.get("entry")
    if not isinstance(entries, list) or not entries:
        return [Item(label, rejected="entry is missing or empty")]
    items: list[Item] = []
    for e, entry in enumerate(entries):
        where = f"{label}#entry[{e}]"
        if not isinstance(entry, dict):
            items.append(Item(where, rejected="entry is not an object"))
            continue
        events = entry.get("messaging")
        changes = entry.get("changes")
        if not isinstance(events, list) and not isinstance(changes, list):
            items.append(Item(where, rejected="entry has neither messaging nor changes"))
            continue
        found = [
            _guard(f"{where}.messaging[{m}]", _messaging, event, entry, platform)
            for m, event in enumerate(events if isinstance(events, list) else [])
        ]
        found += [
            _guard(f"{where}.changes[{c}]", _change, change, entry, platform)
            for c, change in enumerate(changes if isinstance(changes, list) else [])
        ]
        items += found or [Item(where, skipped="entry without any message or change")]
    return items


def _guard(label: str, parse: Any, *args: Any) -> Item:
    try:
        found: Item = parse(label, *args)
    except Malformed as error:
        return Item(label, rejected=str(error))
    return found


def _messaging(label: str, event: Any, entry: dict[str, Any], platform: str) -> Item:
    if not isinstance(event, dict):
        raise Malformed("messaging event is not an object")
    message = event.get("message")
    if message is None:
        return Item(label, skipped="not a message (delivery, read or postback event)")
    sender = text_of(need(need(event, "sender", "event"), "id", "sender"), "sender.id")
    mid = text_of(need(message, "mid", "message"), "message.mid")
    occurred = epoch(need(event, "timestamp", "event"), "timestamp")
    if message.get("is_echo") or sender == str(entry.get("id", "")):
        return Item(label, skipped="our own message (echo)")
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        text = _attachments(message)
    return Item(
        label,
        post=InboundPost(
            platform=platform,
            kind="message",
            post_id=mid,
            author_id=sender,
            author_handle=None,
            author_name=None,
            text=text,
            occurred_at=occurred,
            conversation=f"{platform}:dm:{sender}",
        ),
    )


def _attachments(message: dict[str, Any]) -> str:
    found = message.get("attachments")
    if not isinstance(found, list) or not found:
        raise Malformed("message.text is missing (and there is no attachment)")
    kinds = [str(a.get("type", "file")) for a in found if isinstance(a, dict)]
    return f"[{', '.join(kinds) or 'file'} attachment]"


def _change(label: str, change: Any, entry: dict[str, Any], platform: str) -> Item:
    field = need(change, "field", "change")
    if field not in ("comments", "live_comments"):
        return Item(label, skipped=f"change of {field!r} is not read (only comments)")
    value = need(change, "value", "change")
    author = need(value, "from", "value")
    author_id = text_of(need(author, "id", "value.from"), "value.from.id")
    comment_id = text_of(need(value, "id", "value"), "value.id")
    media_id = text_of(need(need(value, "media", "value"), "id", "value.media"), "media.id")
    text = need(value, "text", "value")
    if author_id == str(entry.get("id", "")):
        return Item(label, skipped="our own comment")
    username = author.get("username")
    parent = value.get("parent_id")
    return Item(
        label,
        post=InboundPost(
            platform=platform,
            kind="comment",
            post_id=comment_id,
            author_id=author_id,
            author_handle=str(username) if username else None,
            author_name=None,
            text=text_of(text, "value.text"),
            occurred_at=epoch(entry["time"], "entry.time") if entry.get("time") else None,
            conversation=f"{platform}:comments:{media_id}:{author_id}",
            in_reply_to=str(parent) if parent else None,
        ),
    )


def _x(payload: dict[str, Any], label: str) -> list[Item]:
    ours = str(payload.get("for_user_id", ""))
    users = payload.get("users") if isinstance(payload.get("users"), dict) else {}
    items: list[Item] = []
    tweets = payload.get("tweet_create_events", [])
    messages = payload.get("direct_message_events", [])
    for key, events in (("tweet_create_events", tweets), ("direct_message_events", messages)):
        if not isinstance(events, list):
            items.append(Item(f"{label}#{key}", rejected=f"{key} is not a list"))
    for t, tweet in enumerate(tweets if isinstance(tweets, list) else []):
        items.append(_guard(f"{label}#tweet_create_events[{t}]", tweet_item, tweet, ours, None))
    for d, event in enumerate(messages if isinstance(messages, list) else []):
        where = f"{label}#direct_message_events[{d}]"
        items.append(_guard(where, _direct_message, event, ours, users))
    if not items:
        items.append(Item(label, skipped="X event without posts or direct messages"))
    return items


def tweet_item(label: str, tweet: Any, ours: str, author: dict[str, Any] | None) -> Item:
    """Return the item of one tweet object (webhook or archive; ``author`` if it has no user)."""
    if not isinstance(tweet, dict):
        raise Malformed("tweet is not an object")
    tweet_id = text_of(tweet.get("id_str") or need(tweet, "id", "tweet"), "tweet.id_str")
    user = tweet.get("user") if isinstance(tweet.get("user"), dict) else author
    if user is None:
        raise Malformed("tweet.user is missing")
    user_id = str(user.get("id_str") or user.get("id") or "")
    handle = text_of(need(user, "screen_name", "tweet.user"), "tweet.user.screen_name")
    if "retweeted_status" in tweet:
        return Item(label, skipped="a retweet, not the customer's own words")
    if ours and user_id == ours:
        return Item(label, skipped="our own post")
    parent = tweet.get("in_reply_to_status_id_str")
    return Item(
        label,
        post=InboundPost(
            platform="x",
            kind="post",
            post_id=tweet_id,
            author_id=user_id or handle,
            author_handle=handle,
            author_name=str(user["name"]) if user.get("name") else None,
            text=text_of(_tweet_text(tweet), "tweet.text"),
            occurred_at=_tweet_time(need(tweet, "created_at", "tweet")),
            conversation=f"x:reply-to:{parent}" if parent else f"x:post:{tweet_id}",
            in_reply_to=str(parent) if parent else None,
        ),
    )


def _tweet_text(tweet: dict[str, Any]) -> Any:
    extended = tweet.get("extended_tweet")
    if isinstance(extended, dict) and extended.get("full_text"):
        return extended["full_text"]
    return tweet.get("full_text") or need(tweet, "text", "tweet")


def _tweet_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise Malformed("tweet.created_at is not text")
    try:
        parsed = parsedate_to_datetime(value)  # "Wed Oct 10 20:19:24 +0000 2018"
    except (TypeError, ValueError, IndexError):
        pass
    else:  # "-0000" says UTC without vouching for the local zone: read it as UTC
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Malformed(f"tweet.created_at {value!r} is not a date") from None
    if parsed.tzinfo is None:
        raise Malformed("tweet.created_at has no time zone")
    return parsed


def _direct_message(label: str, event: Any, ours: str, users: dict[str, Any]) -> Item:
    if need(event, "type", "event") != "message_create":
        return Item(label, skipped=f"direct message event of type {event['type']!r}")
    event_id = text_of(need(event, "id", "event"), "event.id")
    create = need(event, "message_create", "event")
    sender = text_of(need(create, "sender_id", "message_create"), "message_create.sender_id")
    data = need(create, "message_data", "message_create")
    text = text_of(need(data, "text", "message_create.message_data"), "message_data.text")
    occurred = epoch(need(event, "created_timestamp", "event"), "created_timestamp")
    if ours and sender == ours:
        return Item(label, skipped="our own direct message")
    found = users.get(sender)
    user: dict[str, Any] = found if isinstance(found, dict) else {}
    handle = user.get("screen_name")
    return Item(
        label,
        post=InboundPost(
            platform="x",
            kind="message",
            post_id=event_id,
            author_id=sender,
            author_handle=str(handle) if handle else None,
            author_name=str(user["name"]) if user.get("name") else None,
            text=text,
            occurred_at=occurred,
            conversation=f"x:dm:{sender}",
        ),
    )
