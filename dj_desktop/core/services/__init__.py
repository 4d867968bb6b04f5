"""Use cases the GUI and the CLI both call. Each call is one transaction and
returns plain frozen dataclasses, never live ORM objects.

:func:`build_services` is called once by the composition root (``gui/app.py``
or the CLI) with an open :class:`~dj_desktop.core.db.Database`.

Each service is built, and its module imported, on first use: the window shows its first tab
without loading the sync, office, printing or assessment machinery (issue 10, start-up ≤ 1.0 s).
A new service is one entry in :data:`_FACTORIES` and one annotation on :class:`Services`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dj_desktop.core.db import Database

if TYPE_CHECKING:
    from dj_desktop.core.services.app_lock import AppLockService, PasswordAdminService
    from dj_desktop.core.services.assessment import AssessmentService
    from dj_desktop.core.services.assessment_evidence import AssessmentEvidenceService
    from dj_desktop.core.services.attachments import AttachmentService
    from dj_desktop.core.services.audit import AuditService
    from dj_desktop.core.services.development import DevelopmentService
    from dj_desktop.core.services.development_papers import DevelopmentPaperService
    from dj_desktop.core.services.backups import BackupService
    from dj_desktop.core.services.dues import DuesService
    from dj_desktop.core.services.dues_handups import DuesHandUpService
    from dj_desktop.core.services.funds import FundsService
    from dj_desktop.core.services.group_manual import GroupManualService
    from dj_desktop.core.services.meetings import MeetingService
    from dj_desktop.core.services.member_file import MemberFileService
    from dj_desktop.core.services.members import MemberService
    from dj_desktop.core.services.notices import NoticeService
    from dj_desktop.core.services.office import OfficeService
    from dj_desktop.core.services.office_sites import OfficeSitesService
    from dj_desktop.core.services.office_books import OfficeBooksService
    from dj_desktop.core.services.organisation import OrganisationService
    from dj_desktop.core.services.plans import PlanService
    from dj_desktop.core.services.points import PointsService
    from dj_desktop.core.services.printing import PrintService
    from dj_desktop.core.services.records import RecordService
    from dj_desktop.core.services.reminders import ReminderService
    from dj_desktop.core.services.roster_import import RosterImportService
    from dj_desktop.core.services.rulesets import RuleSetService
    from dj_desktop.core.services.sync import SyncService
    from dj_desktop.core.services.talks import TalkService


def _plain(target: str) -> Callable[[Services], Any]:
    """A service built from the database alone: ``"module:Class"`` under this package."""
    module, name = target.split(":")

    def build(services: Services) -> Any:
        return getattr(importlib.import_module(f"{__name__}.{module}"), name)(services.db)
    return build


def _printing(s: Services) -> PrintService:
    from dj_desktop.core.services.printing import PrintService
    return PrintService(s.db, organisation=s.organisation, members=s.members, meetings=s.meetings,
                        talks=s.talks, plans=s.plans, reminders=s.reminders, sync=s.sync)


def _notices(s: Services) -> NoticeService:
    from dj_desktop.core.services.notices import NoticeService
    return NoticeService(s.db, dues=s.dues, funds=s.funds)


def _member_file(s: Services) -> MemberFileService:
    from dj_desktop.core.services.member_file import MemberFileService
    return MemberFileService(s.db, members=s.members)


def _office_books(s: Services) -> OfficeBooksService:
    from dj_desktop.core.services.office_books import OfficeBooksService
    return OfficeBooksService(s.db, reminders=s.reminders)


def _assessment_evidence(s: Services) -> AssessmentEvidenceService:
    from dj_desktop.core.services.assessment_evidence import AssessmentEvidenceService
    return AssessmentEvidenceService(s.db, attachments=s.attachments, assessment=s.assessment)


def _development_papers(s: Services) -> DevelopmentPaperService:
    from dj_desktop.core.services.development_papers import DevelopmentPaperService
    return DevelopmentPaperService(s.db, attachments=s.attachments, development=s.development)


def _assessment(s: Services) -> AssessmentService:
    from dj_desktop.core.services.assessment import AssessmentService
    return AssessmentService(s.db, dues=s.dues, resolve_branch=s.printing.resolve_branch, development=s.development)


#: How each service is built; the services it needs are taken from the same :class:`Services`,
#: so every service shares one instance of each.
_FACTORIES: dict[str, Callable[[Services], Any]] = {
    "organisation": _plain("organisation:OrganisationService"),
    "members": _plain("members:MemberService"),
    "member_file": _member_file,
    "roster_import": _plain("roster_import:RosterImportService"),
    "meetings": _plain("meetings:MeetingService"),
    "talks": _plain("talks:TalkService"),
    "plans": _plain("plans:PlanService"),
    "attachments": _plain("attachments:AttachmentService"),
    "reminders": _plain("reminders:ReminderService"),
    "records": _plain("records:RecordService"),
    "sync": _plain("sync:SyncService"),
    "office": _plain("office:OfficeService"),
    "office_sites": _plain("office_sites:OfficeSitesService"),
    "office_books": _office_books,
    "printing": _printing,
    "rulesets": _plain("rulesets:RuleSetService"),
    "backups": _plain("backups:BackupService"),
    "audit": _plain("audit:AuditService"),
    "dues": _plain("dues:DuesService"),
    "dues_handups": _plain("dues_handups:DuesHandUpService"),
    "funds": _plain("funds:FundsService"),
    "notices": _notices,
    "group_manual": _plain("group_manual:GroupManualService"),
    "assessment": _assessment,
    "assessment_evidence": _assessment_evidence,
    "points": _plain("points:PointsService"),
    "development": _plain("development:DevelopmentService"),
    "development_papers": _development_papers,
    "app_lock": _plain("app_lock:AppLockService"),
    "passwords": _plain("app_lock:PasswordAdminService"),
}


class Services:
    """Every service of one open database, each built on first use and then kept."""

    db: Database
    organisation: OrganisationService
    members: MemberService
    member_file: MemberFileService
    roster_import: RosterImportService
    meetings: MeetingService
    talks: TalkService
    plans: PlanService
    attachments: AttachmentService
    reminders: ReminderService
    #: The generic record service over every registered book.
    records: RecordService
    sync: SyncService
    office: OfficeService
    office_sites: OfficeSitesService
    office_books: OfficeBooksService
    printing: PrintService
    rulesets: RuleSetService
    backups: BackupService
    audit: AuditService
    dues: DuesService
    dues_handups: DuesHandUpService
    funds: FundsService
    notices: NoticeService
    group_manual: GroupManualService
    assessment: AssessmentService
    assessment_evidence: AssessmentEvidenceService
    points: PointsService
    development: DevelopmentService
    development_papers: DevelopmentPaperService
    app_lock: AppLockService
    passwords: PasswordAdminService

    def __init__(self, db: Database):
        object.__setattr__(self, "db", db)

    def __getattr__(self, name: str) -> Any:  # called only for a service not built yet
        factory = _FACTORIES.get(name)
        if factory is None:
            raise AttributeError(f"no service {name!r}")
        service = factory(self)
        object.__setattr__(self, name, service)
        return service

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the services of a database are fixed")


def build_services(db: Database) -> Services:
    """The services of ``db``; the record books load on first use (``core.books.books()``)."""
    return Services(db)
