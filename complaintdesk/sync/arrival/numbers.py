"""Arrival numbers on the central server: given by sync, in one committed step at a time.

A pull follows ``arrival_seq`` (an entry pushed late by a branch offline for days carries an
old clock stamp, yet arrives after what others already pulled), so a number must never become
visible after a higher one: a pull that saw 11 would never look back for 10. Numbering each
entry as it is inserted would need every central writer to queue behind one lock until it
commits. Instead writers leave the number empty, and each sync round first numbers every
committed entry that has none, under an advisory lock, in one statement that commits before
anything is read: numbers appear in order, and nobody but sync ever waits for them.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

ARRIVAL_LOCK = 0x436F6D706C61696E
"""The advisory lock of numbering (and of pushes, which number what they compare against)."""
BATCH = 20_000

_STAMP = text(
    "UPDATE change_log SET arrival_seq = numbered.seq FROM ("
    " SELECT id, nextval('change_log_arrival_seq') AS seq FROM ("
    "  SELECT id FROM change_log WHERE arrival_seq IS NULL ORDER BY hlc, id LIMIT :batch"
    " ) waiting) numbered"
    " WHERE change_log.id = numbered.id"
)


def number_arrivals(connection: Connection) -> int:
    """Number the committed central entries that have no arrival number yet; return how many.

    Holds the numbering lock until the caller's transaction ends: commit right after (a pull)
    or keep it for the push that needs the numbers (numbering waits for that push).
    """
    if connection.dialect.name != "postgresql":
        return 0  # the central server is PostgreSQL; a SQLite replica numbers nothing
    connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": ARRIVAL_LOCK})
    numbered = 0
    while True:
        done = connection.execute(_STAMP, {"batch": BATCH}).rowcount
        numbered += done
        if done < BATCH:
            return numbered
