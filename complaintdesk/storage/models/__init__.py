"""Every table of DESIGN.md section 4, as typed SQLAlchemy 2 models."""

from complaintdesk.storage.models.base import Base, utcnow
from complaintdesk.storage.models.cases import ComplaintLink, ComplaintMerge, SatisfactionSurvey
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
from complaintdesk.storage.models.figures import daily_figure
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
from complaintdesk.storage.models.privacy import ErasureReceipt, ErasureRequest
from complaintdesk.storage.models.quarantine import QuarantineItem
from complaintdesk.storage.models.replicas import (
    ReferenceBlock,
    Replica,
    SyncAlias,
    SyncSetAside,
)
from complaintdesk.storage.models.social import CompanyAccount, SocialGateway
from complaintdesk.storage.models.targets import ComplaintTarget, SourceRecord
from complaintdesk.storage.models.views import SavedView
from complaintdesk.storage.models.workspace import Presence, ReplyDraft, TeamQueue

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
    "CompanyAccount",
    "Complaint",
    "ComplaintLink",
    "ComplaintMerge",
    "ComplaintTarget",
    "ContactPoint",
    "ContributionRequest",
    "Customer",
    "CustomerCommitment",
    "CustomerMerge",
    "ErasureReceipt",
    "ErasureRequest",
    "Function",
    "FunctionMembership",
    "Mailbox",
    "MailboxFolderState",
    "Message",
    "Notification",
    "Presence",
    "Problem",
    "QuarantineItem",
    "ReferenceBlock",
    "Replica",
    "ReplicaState",
    "ReplyDraft",
    "Role",
    "RootCause",
    "RoutingDecision",
    "RoutingRule",
    "SatisfactionSurvey",
    "SavedView",
    "ServiceLevelPolicy",
    "SignInToken",
    "Site",
    "SiteSequence",
    "SocialGateway",
    "SourceRecord",
    "SyncAlias",
    "SyncConflict",
    "SyncSetAside",
    "TeamQueue",
    "Template",
    "User",
    "daily_figure",
    "utcnow",
]
