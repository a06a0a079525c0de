"""Erasure everywhere: each round first applies the erasures the central server holds.

An erasure made at the central server is a request every replica applies to its own copies
(the rows, its change log, its audit chain, its notifications, attachment bytes, the search
index) before it sends anything, so nothing personal it recorded offline reaches the central
server afterwards. It then reports back with a receipt, sent in the same round. The file is
then rewritten so the erased values are not left in free pages or the write-ahead log.
"""

from __future__ import annotations

from sqlalchemy import Engine, Table, select

from complaintdesk.services.privacy import erasure
from complaintdesk.storage import database
from complaintdesk.storage.models import ErasureReceipt, ErasureRequest
from complaintdesk.sync import copying
from complaintdesk.sync.arrival import settling
from complaintdesk.sync.rounds import Sides, branch_state

REQUESTS: Table = ErasureRequest.__table__  # type: ignore[assignment]
RECEIPTS: Table = ErasureReceipt.__table__  # type: ignore[assignment]


def apply_pending(sides: Sides) -> int:
    """Apply the erasures this replica has not reported yet; return how many it applied."""
    with sides.local() as uow:
        origin = branch_state(uow).origin
    with sides.central() as central:
        connection = central.session.connection()
        done = select(RECEIPTS.c.erasure_id).where(RECEIPTS.c.replica_code == origin)
        pending = list(
            connection.scalars(
                select(REQUESTS.c.id)
                .where(REQUESTS.c.id.not_in(done))
                .order_by(REQUESTS.c.requested_at)
            )
        )
        applied = 0
        for erasure_id in pending:
            with sides.local(write=True) as uow:
                local = uow.session.connection()
                here = select(RECEIPTS.c.id).where(
                    RECEIPTS.c.erasure_id == erasure_id, RECEIPTS.c.replica_code == origin
                )
                if local.execute(here).first() is not None:
                    continue  # applied in a round cut short before its receipt was sent
                copying.ensure_present(connection, local, {"erasure_request": {erasure_id}})
                request = uow.get(ErasureRequest, erasure_id)
                assert request is not None
                erasure.purge_copies(uow, settling.sync_actor(uow), request, origin)
                uow.commit()
                applied += 1
    return applied


def scrub_file(engine: Engine) -> None:
    """Rewrite the database file so erased values survive in no free page or log frame."""
    database.scrub_free_space(engine)
