"""All ORM models, one module per record book or concept.

The foundation's models are named here and imported on first use (see ``_FOUNDATION``); a record
book's model is imported by its descriptor in ``core/books/``; code that needs every table
(``record_tables()``, Alembic's environment, ``build_services``) calls
``dj_desktop.core.books.load_books()`` first, which imports every model, so a new book needs no
edit here.
"""

from importlib import import_module

from dj_desktop.core.models.base import Base, RecordMixin, record_tables, utcnow

#: Foundation model → its module. The modules are imported when a name is first asked for
#: (``from dj_desktop.core.models import Member``), not with the package: declaring the mapped
#: classes is a fifth of start-up (issue 10), and the window shows before most are needed.
_FOUNDATION = {
    "meta": ("ChangeBatch", "ChangeCounter", "LocalSetting", "RecordHistory"),
    "organisation": ("Building", "CommitteeMember", "CommitteeTerm", "GridArea", "Organisation"),
    "member": ("Member", "MemberEvent"),
    "meeting": ("Attendance", "Decision", "Meeting"),
    "talk": ("Talk",),
    "development": ("DevelopmentFile", "DevelopmentStep", "WorkCalendarDay"),
    "work_plan": ("WorkPlan",),
    "attachment": ("Attachment",),
    "ruleset": ("RuleSetVersion",),
    "audit": ("AuditEntry", "SiteAuditEntry"),
    "sync": ("BranchReceipt", "BranchSite", "BundleExport", "DeferredRecord", "HeldBundle", "OfficeAttachment",
             "OfficeIdentity", "ReceivedBundle", "SyncConflict", "SyncDevice", "SyncEnrolment"),
}
_MODULE_OF = {name: module for module, names in _FOUNDATION.items() for name in names}


def load_all() -> None:
    """Import every foundation model (``load_books()`` does, for code that needs every table)."""
    for module in _FOUNDATION:
        import_module(f"{__name__}.{module}")


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = [
    "Base", "RecordMixin", "record_tables", "utcnow",
    "ChangeBatch", "ChangeCounter", "LocalSetting", "RecordHistory",
    "Building", "CommitteeMember", "CommitteeTerm", "GridArea", "Organisation",
    "Member", "MemberEvent",
    "Attendance", "Decision", "Meeting", "Talk", "DevelopmentFile", "DevelopmentStep", "WorkCalendarDay", "WorkPlan", "Attachment", "RuleSetVersion", "AuditEntry", "SiteAuditEntry",
    "BranchReceipt", "BranchSite", "BundleExport", "DeferredRecord", "OfficeAttachment", "OfficeIdentity",
    "ReceivedBundle", "SyncConflict", "SyncDevice", "SyncEnrolment", "HeldBundle",
]

