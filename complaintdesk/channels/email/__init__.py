"""The email channel: IMAP mailboxes and mail files in, SMTP out (headless).

What the GUI and the command line call:

- :func:`poll_mailboxes` fetches and stores new mail from the configured mailboxes;
- :func:`send_outbox` sends the queued acknowledgements and replies, retrying failed ones;
- :func:`ingest_sources` with :func:`eml_sources` or :func:`mbox_sources` takes files in.

Parsing lives in :mod:`.parsing`; what becomes of a message is decided by the services
(:mod:`complaintdesk.services.inbound.mail`).
"""

from complaintdesk.channels.email.batching import ingest_sources
from complaintdesk.channels.email.files import eml_sources, mbox_sources
from complaintdesk.channels.email.intake import IngestSummary
from complaintdesk.channels.email.polling import poll_mailboxes, send_outbox

__all__ = [
    "IngestSummary",
    "eml_sources",
    "ingest_sources",
    "mbox_sources",
    "poll_mailboxes",
    "send_outbox",
]
