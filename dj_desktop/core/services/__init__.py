"""Use cases the GUI and the CLI both call. Each call is one transaction and
returns plain frozen dataclasses, never live ORM objects.

:func:`build_services` is called once by the composition root (``gui/app.py``
or the CLI) with an open :class:`~dj_desktop.core.db.Database`.
"""

from __future__ import annotations

from dataclasses import dataclass

from dj_desktop.core.books import load_books
from dj_desktop.core.db import Database
from dj_desktop.core.services.members import MemberService
from dj_desktop.core.services.organisation import OrganisationService
from dj_desktop.core.services.roster_import import RosterImportService
from dj_desktop.core.services.attachments import AttachmentService
from dj_desktop.core.services.meetings import MeetingService
from dj_desktop.core.services.plans import PlanService
from dj_desktop.core.services.records import RecordService
from dj_desktop.core.services.reminders import ReminderService
from dj_desktop.core.services.talks import TalkService
from dj_desktop.core.services.sync import SyncService
from dj_desktop.core.services.office import OfficeService
from dj_desktop.core.services.office_books import OfficeBooksService
from dj_desktop.core.services.printing import PrintService
from dj_desktop.core.services.rulesets import RuleSetService
from dj_desktop.core.services.backups import BackupService
from dj_desktop.core.services.audit import AuditService
from dj_desktop.core.services.dues import DuesService
from dj_desktop.core.services.points import PointsService
from dj_desktop.core.services.funds import FundsService
from dj_desktop.core.services.notices import NoticeService
from dj_desktop.core.services.group_manual import GroupManualService
from dj_desktop.core.services.assessment import AssessmentService
from dj_desktop.core.services.development import DevelopmentService


@dataclass(frozen=True)
class Services:
    db: Database
    organisation: OrganisationService
    members: MemberService
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
    office_books: OfficeBooksService
    printing: PrintService
    rulesets: RuleSetService
    backups: BackupService
    audit: AuditService
    dues: DuesService
    funds: FundsService
    notices: NoticeService
    group_manual: GroupManualService
    assessment: AssessmentService
    points: PointsService
    development: DevelopmentService


def build_services(db: Database) -> Services:
    load_books()
    dues, funds = DuesService(db), FundsService(db)
    reminders = ReminderService(db)
    organisation, members, meetings = OrganisationService(db), MemberService(db), MeetingService(db)
    talks, plans, sync = TalkService(db), PlanService(db), SyncService(db)
    printing = PrintService(db, organisation=organisation, members=members, meetings=meetings, talks=talks,
                            plans=plans, reminders=reminders, sync=sync)
    return Services(db=db, organisation=organisation, members=members,
                    roster_import=RosterImportService(db),
                    meetings=meetings, talks=talks, plans=plans,
                    attachments=AttachmentService(db), reminders=reminders, records=RecordService(db),
                    sync=sync, office=OfficeService(db),
                    office_books=OfficeBooksService(db, reminders=reminders), printing=printing,
                    rulesets=RuleSetService(db), backups=BackupService(db), audit=AuditService(db),
                    dues=dues, funds=funds,
                    notices=NoticeService(db, dues=dues, funds=funds),
                    group_manual=GroupManualService(db),
                    assessment=AssessmentService(db, dues=dues, resolve_branch=printing.resolve_branch),
                    points=PointsService(db), development=DevelopmentService(db))
