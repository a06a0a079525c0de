"""The audit trail's hash chain: tampering with any event breaks every later hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Serialise ``value`` deterministically (sorted keys, no spaces, str for the rest)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """Return the hash of one event chained to the hash of the previous one."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(canonical(fields).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """Result of walking a chain: how many events, and the first one that does not fit."""

    events: int
    ok: bool
    first_broken: int | None


def verify_chain(
    events: Iterable[tuple[int, str, str, Mapping[str, Any]]],
    redacted: Collection[int] = (),
) -> ChainCheck:
    """Walk ``(seq, prev_hash, hash, fields)`` in sequence order and check every link.

    Args:
        redacted: sequence numbers whose personal values a later, itself chained, erasure
            event says it replaced: their content no longer matches their hash, but they
            must still sit in their place in the chain.
    """
    expected_prev = GENESIS
    expected_seq = 1
    count = 0
    for seq, prev_hash, stored_hash, fields in events:
        count += 1
        broken = (
            seq != expected_seq
            or prev_hash != expected_prev
            or (seq not in redacted and event_hash(prev_hash, fields) != stored_hash)
        )
        if broken:
            return ChainCheck(count, False, seq)
        expected_prev = stored_hash
        expected_seq += 1
    return ChainCheck(count, True, None)
