"""Exported files: an X archive's ``tweets.js``, Facebook's ``message_N.json``, or payloads.

Facebook writes its exports' text as UTF-8 bytes each read as one Latin-1 character
(``cafÃ©`` for ``café``); :func:`repair_mojibake` turns it back, and only when the round trip
is exact, so text that was right stays as it was.

Fields read — ``tweets.js`` (``window.YTD.tweets.part0 = [...]``): ``tweet.id_str``,
``tweet.full_text``, ``tweet.created_at``, ``tweet.in_reply_to_status_id_str``, and
``tweet.user`` when present (else the archive's account: ``--account`` or the
``account.js`` beside the file). ``message_N.json``: ``participants[].name``,
``title``, ``thread_path``, ``messages[].sender_name``, ``timestamp_ms``, ``content`` (a
message without content but with ``photos``/``videos``/``files``/``audio_files`` is kept as
``[photo]`` etc.).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from complaintdesk.channels.social.items import (
    Item,
    Malformed,
    envelope,
    epoch,
    need,
    text_of,
    with_raw,
)
from complaintdesk.channels.social.webhooks import parse_payload, tweet_item
from complaintdesk.services.inbound.social import InboundPost

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A larger file is refused (and its head quarantined): JSON is read whole, in memory."""
HEAD_KEPT = 1024 * 1024
_YTD = re.compile(r"\A\s*window\.YTD\.\w+\.part\d+\s*=\s*", re.ASCII)
_MEDIA = {"photos": "photo", "videos": "video", "files": "file", "audio_files": "audio"}


def repair_mojibake(text: str) -> str:
    """Return ``text`` with Facebook's Latin-1/UTF-8 confusion undone, if it is one."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def read_file(path: Path, account: str | None = None, own_name: str | None = None) -> list[Item]:
    """Return every item of an exported file; a file that cannot be read is one rejected item.

    Args:
        account: the X handle whose archive ``tweets.js`` is (when tweets carry no user).
        own_name: our name among a Messenger export's participants (default: the last).
    """
    label = str(path)
    try:
        if not path.is_file():
            return [Item(label, rejected="no such file" if not path.exists() else "not a file")]
        if path.stat().st_size > MAX_FILE_BYTES:
            with path.open("rb") as handle:
                head = handle.read(HEAD_KEPT)
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return [Item(label, rejected=f"larger than {limit} MB: not one export file", raw=head)]
        raw = path.read_bytes()
    except OSError as error:
        return [Item(label, rejected=f"cannot be read ({error.strerror or error})")]
    author = {"screen_name": account.lstrip("@")} if account else _archive_account(path)
    return read_bytes(raw, label, author, own_name)


def read_bytes(
    raw: bytes, label: str, author: dict[str, str] | None, own_name: str | None
) -> list[Item]:
    """Return every item of an exported file's bytes (what :func:`read_file` read).

    Args:
        author: an X archive's account, author of the tweets that carry no ``user``.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [Item(label, rejected="not UTF-8 text: not an X or Facebook export", raw=raw)]
    prefix = _YTD.match(text)
    try:
        data = json.loads(text[prefix.end() :] if prefix else text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" ({error.msg} at line {error.lineno})" if isinstance(error, ValueError) else ""
        return [Item(label, rejected=f"not valid JSON{where}", raw=raw)]
    if prefix:
        return oldest_first(archive_tweets(data, label, author))
    if isinstance(data, dict) and "messages" in data and "participants" in data:
        return oldest_first(messenger_export(data, label, own_name))
    if isinstance(data, list):
        return [i for n, p in enumerate(data) for i in payload_items(p, f"{label}#{n}")]
    return payload_items(data, label)


def payload_items(payload: Any, label: str) -> list[Item]:
    """Return the items of one webhook payload, the rejected ones keeping the payload."""
    return with_raw(parse_payload(payload, label), envelope("webhook", payload))


def oldest_first(items: list[Item]) -> list[Item]:
    """Exports list the newest first; a conversation is taken in as it happened.

    Posts change places among themselves only: skipped and rejected items keep theirs.
    """
    first = datetime.min.replace(tzinfo=UTC)
    slots = [n for n, item in enumerate(items) if item.post is not None]
    posts = sorted((items[n] for n in slots), key=lambda i: i.post.occurred_at or first)  # type: ignore[union-attr]
    ordered = list(items)
    for slot, post in zip(slots, posts, strict=True):
        ordered[slot] = post
    return ordered


def _archive_account(path: Path) -> dict[str, str] | None:
    """Return the account (handle and id) of the ``account.js`` beside ``tweets.js``, if any.

    The archive's tweets are that account's own: when it is one of the company's accounts
    the desk records them as our answers, never as a customer's posts.
    """
    try:
        text = (path.parent / "account.js").read_text(encoding="utf-8-sig")
        prefix = _YTD.match(text)
        data = json.loads(text[prefix.end() :] if prefix else text)
        account = data[0]["account"]
        found = {"screen_name": str(account["username"])}
        if account.get("accountId"):
            found["id_str"] = str(account["accountId"])
        return found
    except (OSError, ValueError, LookupError, TypeError):
        return None


def archive_tweets(data: Any, label: str, author: dict[str, str] | None) -> list[Item]:
    """Return the items of an X archive's tweets (``[{"tweet": {...}}, ...]``).

    Args:
        author: the archive's account, author of the tweets that carry no ``user``.
    """
    if not isinstance(data, list):
        return [Item(label, rejected="tweets.js does not hold a list of tweets")]
    items: list[Item] = []
    for n, entry in enumerate(data):
        where = f"{label}#{n}"
        try:
            tweet = need(entry, "tweet", "item")
            items.append(tweet_item(where, tweet, "", author))
        except Malformed as error:
            reason = str(error)
            if reason == "tweet.user is missing":
                reason += ": give the archive's account with --account HANDLE"
            kept = envelope("x_archive", entry, {"account": author})
            items.append(Item(where, rejected=reason, raw=kept))
    return items


def messenger_export(data: dict[str, Any], label: str, own_name: str | None) -> list[Item]:
    """Return the items of a Facebook ``message_N.json`` conversation export."""
    names = [
        repair_mojibake(str(p.get("name", "")))
        for p in data.get("participants") or []
        if isinstance(p, dict)
    ]
    ours = own_name or (names[-1] if len(names) >= 2 else None)
    thread = str(data.get("thread_path") or data.get("title") or Path(label).parent.name)
    messages = data.get("messages")
    if not isinstance(messages, list):
        return [Item(label, rejected="messages is not a list")]
    items = []
    for n, message in enumerate(messages):
        where = f"{label}#messages[{n}]"
        try:
            items.append(export_message(where, message, thread, ours))
        except Malformed as error:
            kept = envelope("facebook_export", message, {"thread": thread, "own_name": ours})
            items.append(Item(where, rejected=str(error), raw=kept))
    return items


def export_message(label: str, message: Any, thread: str, ours: str | None) -> Item:
    """Return the item of one message of a Messenger export (``ours``: our own name)."""
    sender = repair_mojibake(text_of(need(message, "sender_name", "message"), "sender_name"))
    timestamp = need(message, "timestamp_ms", "message")
    occurred = epoch(timestamp, "timestamp_ms")
    if ours is not None and sender == ours:
        return Item(label, skipped=f"written by us ({sender})")
    content = message.get("content")
    if isinstance(content, str) and content.strip():
        text = repair_mojibake(content)
    else:
        kinds = [word for key, word in _MEDIA.items() if message.get(key)]
        if not kinds:
            raise Malformed("message.content is missing")
        text = f"[{', '.join(kinds)}]"
    handle = _slug(sender)
    if not handle:
        raise Malformed("message.sender_name has no letters or digits")
    digest = hashlib.sha256(f"{sender}\n{timestamp}\n{text}".encode()).hexdigest()[:16]
    return Item(
        label,
        post=InboundPost(
            platform="facebook",
            kind="message",
            post_id=f"export-{timestamp}-{digest}",
            author_id=handle,
            author_handle=handle,
            author_name=sender,
            text=text,
            occurred_at=occurred,
            conversation=f"facebook:export:{thread}"[:300],
        ),
    )


def _slug(name: str) -> str:
    """``Zoë Dupont`` → ``zoë.dupont``: an export names people but gives no id."""
    return re.sub(r"[^\w]+", ".", name.lower()).strip(".")[:100]
