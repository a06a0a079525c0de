"""What can stop a sync round, in words a branch clerk can act on."""

from __future__ import annotations

from complaintdesk.domain.errors import ComplaintDeskError


class SyncError(ComplaintDeskError):
    """A sync round could not run; nothing recorded here was lost."""


class CentralUnreachable(SyncError):
    """The central server does not answer (network down, server stopped, refused)."""


class SchemaMismatch(SyncError):
    """This replica and the central server are at different schema versions."""


class NotABranch(SyncError):
    """This database was never made a branch replica (``complaintdesk branch init``)."""
