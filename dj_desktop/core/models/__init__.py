"""All ORM models; importing this package registers every table on ``Base.metadata``.

One module per record book or concept. The foundation's models are imported here; a record
book's model is imported by its descriptor in ``core/books/``; code that needs every table
(``record_tables()``, Alembic's environment, ``build_services``) calls
``dj_desktop.core.books.load_books()`` first, so a new book needs no edit here.
"""

from dj_desktop.core.models.base import Base, RecordMixin, record_tables, utcnow
from dj_desktop.core.models.meta import ChangeBatch, ChangeCounter, LocalSetting, RecordHistory
from dj_desktop.core.models.organisation import (
    Building, CommitteeMember, CommitteeTerm, GridArea, Organisation,
)
from dj_desktop.core.models.member import Member, MemberEvent
from dj_desktop.core.models.meeting import Attendance, Decision, Meeting
from dj_desktop.core.models.talk import Talk
from dj_desktop.core.models.development import DevelopmentFile, DevelopmentStep, WorkCalendarDay
from dj_desktop.core.models.work_plan import WorkPlan
from dj_desktop.core.models.attachment import Attachment
from dj_desktop.core.models.ruleset import RuleSetVersion
from dj_desktop.core.models.audit import AuditEntry, SiteAuditEntry
from dj_desktop.core.models.sync import (
    BranchReceipt, BranchSite, BundleExport, DeferredRecord, HeldBundle, OfficeAttachment, OfficeIdentity,
    ReceivedBundle, SyncConflict, SyncDevice, SyncEnrolment,
)

__all__ = [
    "Base", "RecordMixin", "record_tables", "utcnow",
    "ChangeBatch", "ChangeCounter", "LocalSetting", "RecordHistory",
    "Building", "CommitteeMember", "CommitteeTerm", "GridArea", "Organisation",
    "Member", "MemberEvent",
    "Attendance", "Decision", "Meeting", "Talk", "DevelopmentFile", "DevelopmentStep", "WorkCalendarDay", "WorkPlan", "Attachment", "RuleSetVersion", "AuditEntry", "SiteAuditEntry",
    "BranchReceipt", "BranchSite", "BundleExport", "DeferredRecord", "OfficeAttachment", "OfficeIdentity",
    "ReceivedBundle", "SyncConflict", "SyncDevice", "SyncEnrolment", "HeldBundle",
]

