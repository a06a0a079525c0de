"""Every table of DESIGN.md section 4, as typed SQLAlchemy 2 models."""

from complaintdesk.storage.models.base import Base, utcnow
from complaintdesk.storage.models.catalogue import (
    BusinessCalendar,
    Category,
    RootCause,
    RoutingRule,
    ServiceLevelPolicy,
    Template,
)
from complaintdesk.storage.models.complaints import (
    Attachment,
    AttachmentContent,
    Complaint,
    ContributionRequest,
    CustomerCommitment,
    Message,
    Problem,
    RoutingDecision,
)
from complaintdesk.storage.models.customers import ContactPoint, Customer, CustomerMerge
from complaintdesk.storage.models.inbox import Notification
from complaintdesk.storage.models.journal import (
    AuditChain,
    AuditEvent,
    AuditKey,
    ChangeLogEntry,
    ReplicaState,
    SiteSequence,
    SyncConflict,
)
from complaintdesk.storage.models.mailboxes import Mailbox, MailboxFolderState
from complaintdesk.storage.models.organisation import (
    Function,
    FunctionMembership,
    Role,
    SignInToken,
    Site,
    User,
)
from complaintdesk.storage.models.social import SocialGateway
from complaintdesk.storage.models.views import SavedView

__all__ = [
    "Attachment",
    "AttachmentContent",
    "AuditChain",
    "AuditEvent",
    "AuditKey",
    "Base",
    "BusinessCalendar",
    "Category",
    "ChangeLogEntry",
    "Complaint",
    "ContactPoint",
    "ContributionRequest",
    "Customer",
    "CustomerCommitment",
    "CustomerMerge",
    "Function",
    "FunctionMembership",
    "Mailbox",
    "MailboxFolderState",
    "Message",
    "Notification",
    "Problem",
    "ReplicaState",
    "Role",
    "RootCause",
    "RoutingDecision",
    "RoutingRule",
    "SavedView",
    "ServiceLevelPolicy",
    "SignInToken",
    "Site",
    "SiteSequence",
    "SocialGateway",
    "SyncConflict",
    "Template",
    "User",
    "utcnow",
]
