"""The audit trail's hash chains and their anchors: what tampering shows, and where.

Each writer extends a chain of its own: every event carries the hash of the one before it,
made with the installation's audit key (HMAC-SHA-256), which is kept outside the database.
Someone who can edit the database but does not hold the key can neither change an event nor
re-hash the chain after an edit without breaking it.

What a chain alone cannot show is its end: deleting its last events, or the whole chain,
leaves a shorter chain that still checks. Anchors close that gap: an anchor is an audit event
(itself chained and keyed) recording another chain's head — sequence number and hash — at a
moment: the central server anchors each branch's chains at every sync, each branch anchors
the central server's, and checkpoints anchor every chain at once. A chain shorter than an
anchor says, or whose event at the anchored number has another hash, was cut or rewritten.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
ANCHOR_ACTIONS = frozenset({"chain_anchored", "audit_checkpoint"})
"""Audit events whose ``after`` holds ``{"chains": {name: {"seq": n, "hash": h}}}``."""
_KEY_ID_LABEL = b"complaintdesk audit key id"


def canonical(value: Any) -> str:
    """Serialise ``value`` deterministically (sorted keys, no spaces, str for the rest)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, fields: Mapping[str, Any], key: bytes | None = None) -> str:
    """Return the hash of one event chained to the hash of the previous one.

    Args:
        key: the audit key; None for the plain SHA-256 of events written without one.
    """
    message = prev_hash.encode("ascii") + canonical(fields).encode("utf-8")
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def key_id_of(key: bytes) -> str:
    """Return the public fingerprint of an audit key: it names the key, it cannot rebuild it."""
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Link:
    """One stored event as the check needs it."""

    seq: int
    prev_hash: str
    hash: str
    key_id: str | None
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class Seal:
    """What an erasure says a redacted event now hashes to, and with which key.

    ``hash`` None: an erasure written before seals existed, which only listed the event.
    """

    hash: str | None
    key_id: str | None


@dataclass(frozen=True)
class Anchor:
    """A chain's head as another event recorded it."""

    chain: str
    seq: int
    hash: str
    by: str
    """The anchoring event, as ``chain #seq``."""


@dataclass
class ChainCheck:
    """Result of walking a chain: how many events, the first that does not fit, and why."""

    events: int
    ok: bool
    first_broken: int | None
    problem: str | None = None
    head: tuple[int, str] = (0, GENESIS)
    unkeyed: int = 0
    """Events hashed without an audit key (written before keys, or by a writer without one)."""
    unchecked: int = 0
    """Events whose key this machine does not hold: their links were checked, not their content."""
    hashes: dict[int, str] = field(default_factory=dict, repr=False)
    """Hashes at the anchored sequence numbers (filled for the anchor check)."""


KeyLookup = Callable[[str], bytes | None]


def verify_chain(
    links: Iterable[Link],
    keys: KeyLookup,
    seals: Mapping[int, Seal] | None = None,
    anchored: Iterable[int] = (),
) -> ChainCheck:
    """Walk one chain in sequence order and check every link and every hash.

    Args:
        keys: the audit key of a key id (None when this machine does not hold it).
        seals: sequence number → what a later erasure says the event hashes to since it
            replaced its personal values; the event must match that instead of its own hash,
            and must still sit in its place in the chain.
        anchored: sequence numbers whose hashes the anchor check will compare.
    """
    seals = seals or {}
    wanted = set(anchored)
    check = ChainCheck(0, True, None)
    expected_prev, expected_seq = GENESIS, 1
    for link in links:
        check.events += 1
        problem = _link_problem(link, expected_seq, expected_prev, keys, seals, check)
        if problem is not None:
            check.ok, check.first_broken, check.problem = False, link.seq, problem
            return check
        if link.seq in wanted:
            check.hashes[link.seq] = link.hash
        check.head = (link.seq, link.hash)
        expected_prev, expected_seq = link.hash, link.seq + 1
    return check


def _link_problem(
    link: Link,
    expected_seq: int,
    expected_prev: str,
    keys: KeyLookup,
    seals: Mapping[int, Seal],
    check: ChainCheck,
) -> str | None:
    if link.seq != expected_seq:
        return f"event {expected_seq} is missing (the next one is {link.seq})"
    if link.prev_hash != expected_prev:
        return f"event {link.seq} does not link to the event before it"
    seal = seals.get(link.seq)
    if seal is not None and seal.hash is None:
        return None
    key_id = seal.key_id if seal is not None else link.key_id
    expected = seal.hash if seal is not None else link.hash
    if key_id is None:
        check.unkeyed += 1
        key = None
    else:
        key = keys(key_id)
        if key is None:
            check.unchecked += 1
            return None
    if event_hash(link.prev_hash, link.fields, key) != expected:
        if seal is not None:
            return f"event {link.seq} was changed after an erasure redacted it"
        return f"event {link.seq} was changed after it was written"
    return None


def anchors_of(events: Iterable[tuple[str, int, Mapping[str, Any] | None]]) -> list[Anchor]:
    """Return the anchors recorded by anchoring events ``(chain, seq, after)``."""
    found = []
    for chain, seq, after in events:
        for name, head in ((after or {}).get("chains") or {}).items():
            found.append(Anchor(name, int(head["seq"]), str(head["hash"]), f"{chain} #{seq}"))
    return found


def anchor_problems(checks: Mapping[str, ChainCheck], anchors: Iterable[Anchor]) -> list[str]:
    """Compare each chain with what the anchors recorded of it; return what does not fit.

    A chain broken earlier is already reported; its anchors past the break are not judged.
    """
    problems = []
    for anchor in anchors:
        check = checks.get(anchor.chain)
        if check is None or check.events == 0:
            problems.append(
                f"chain {anchor.chain} is gone, yet {anchor.by} recorded it with "
                f"{anchor.seq} events"
            )
        elif not check.ok and check.first_broken is not None and anchor.seq >= check.first_broken:
            continue
        elif check.head[0] < anchor.seq:
            problems.append(
                f"chain {anchor.chain} ends at event {check.head[0]}, yet {anchor.by} recorded "
                f"it with {anchor.seq} events: its last events were deleted"
            )
        elif check.hashes.get(anchor.seq) != anchor.hash:
            problems.append(
                f"chain {anchor.chain} was rewritten: event {anchor.seq} differs from what "
                f"{anchor.by} recorded"
            )
    return problems


def chain_heads(checks: Mapping[str, ChainCheck]) -> dict[str, dict[str, Any]]:
    """Return ``{chain: {"seq", "hash"}}`` of the chains that check: what a checkpoint records."""
    return {
        name: {"seq": check.head[0], "hash": check.head[1]}
        for name, check in sorted(checks.items())
        if check.ok and check.events
    }
