"""Expected failures, shown to people in plain words.

Anything raised from this module is an expected condition (bad password, database newer
than the app, network down, validation). Other exceptions are bugs and surface with a
traceback in the log.
"""

from __future__ import annotations


class ComplaintDeskError(Exception):
    """Base of every expected failure; ``str(error)`` is the message for a person."""


class ValidationError(ComplaintDeskError):
    """Input a person gave does not satisfy a rule."""


class InvalidContactPoint(ValidationError):
    """A phone number, email address or handle that cannot be one.

    Attributes:
        kind: the contact kind refused (``phone``, ``email``, ``social``, ``postal``), so a
            form can show the message next to the field that holds it.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class NotFound(ComplaintDeskError):
    """The thing asked for does not exist (or the caller may not know it exists)."""


class PermissionDenied(ComplaintDeskError):
    """The signed-in user's role does not allow this action."""


class SignInFailed(ComplaintDeskError):
    """Unknown login, wrong password, inactive or locked account."""


class ConcurrentEditError(ComplaintDeskError):
    """Someone else saved the same record first (optimistic concurrency).

    Attributes:
        changes: what the other person changed, field name to (theirs before, theirs after).
    """

    def __init__(self, message: str, changes: dict[str, tuple[object, object]] | None = None):
        super().__init__(message)
        self.changes = changes or {}


class DatabaseError(ComplaintDeskError):
    """The database cannot be used as it is."""


class DatabaseKeyRequired(DatabaseError):
    """The embedded database is encrypted and no key (or a wrong one) was given."""

    key_variable = "COMPLAINTDESK_DATABASE_KEY"
    """Where the key or a passphrase given at start is looked for first."""


class DatabaseUnreachable(DatabaseError):
    """The database server does not answer or refuses the connection."""


class NotADatabase(DatabaseError):
    """The file is not a ComplaintDesk database (or not SQLite at all)."""


class DatabaseNewerThanApp(DatabaseError):
    """The database was migrated by a newer ComplaintDesk than this one."""


class DatabaseOutOfDate(DatabaseError):
    """A shared database needs ``complaintdesk db upgrade`` before this app can use it."""


class DataFolderNotWritable(DatabaseError):
    """The folder that should hold the embedded database cannot be written."""


class LetterIncomplete(ValidationError):
    """A regulated letter (final response, summary resolution, holding reply) lacks what its
    preset requires, or a required section was emptied.

    Attributes:
        missing: (section key, heading in the letter's language) of absent sections.
        emptied: the same for sections present with nothing said under them.
    """

    def __init__(
        self,
        message: str,
        missing: tuple[tuple[str, str], ...] = (),
        emptied: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.emptied = emptied


class TemplateRefused(ValidationError):
    """A template an administrator typed cannot be saved as it is.

    Attributes:
        field: ``subject`` or ``body``: where the problem is.
        allowed: the variables the template's kind may use, to list beside the field.
        unknown: the variables it uses that its kind is not given.
    """

    def __init__(
        self,
        message: str,
        field: str,
        allowed: tuple[str, ...] = (),
        unknown: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.field = field
        self.allowed = allowed
        self.unknown = unknown


class TransactionConflict(ComplaintDeskError):
    """The database gave way to another change saved at the same instant (a deadlock broken,
    a serialization refused): nothing was saved, and the same action may simply be redone."""


class SchemaChanged(DatabaseError):
    """The shared database was upgraded past this client while it ran: restart it."""
