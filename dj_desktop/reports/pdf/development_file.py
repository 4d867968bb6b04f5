"""A person's development file (发展党员档案): the 25 steps with actual dates, rule bounds, the
suggested plan, the people involved and the required papers; and the public-notice poster."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from dj_desktop.core.development_printout import DevelopmentFilePrint
from dj_desktop.core.i18n import _
from dj_desktop.core.notice_poster import NoticePoster
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.fonts import styles
from dj_desktop.reports.pdf.formatting import long_date, para
from dj_desktop.reports.pdf.notice_poster import write_notice_poster

_WIDTHS = [8 * mm, 40 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm, 30 * mm]


def _day(day) -> str:
    return day.isoformat() if day else "—"


def write_development_file(printed: DevelopmentFilePrint, target: str | Path | BinaryIO) -> None:
    s = styles()
    cell, small = s["cell"], s["small"]
    head = [_("No."), _("Step"), _("Done on"), _("Earliest"), _("Latest"), _("Suggested"), _("People and papers")]
    data = [[para(h, cell) for h in head]]
    for r in printed.rows:
        extra = "；".join(filter(None, [r.people, "、".join(r.papers), r.note]))
        latest = _day(r.latest) + ("*" if r.provisional and r.latest else "")
        data.append([para(str(r.no), cell), [para(r.name, cell), para(r.article, small)],
                     [para(d.isoformat(), cell) for d in r.actual] or para("—", cell),
                     para(_day(r.earliest), cell), para(latest, cell),
                     para(_day(r.planned) if r.planned else "", cell), para(extra, small)])
    table = Table(data, colWidths=_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    facts = _("Name: {name}  ID number: {id}  Applied on: {applied}  Stage: {stage}  Rules: {rules}").format(
        name=printed.name, id=printed.id_number, applied=long_date(printed.applied_on), stage=printed.stage,
        rules=printed.rules_version)
    story = [para(_("Member development file"), s["form_title"]), para(facts, s["body"])]
    if printed.unconfirmed:
        story.append(para(_("Some numbers of this rule version are not confirmed from a published text; "
                            "the 2014 values are used for them."), small))
    if printed.cancelled_reason:
        story.append(para(_("Cancelled: {reason}").format(reason=printed.cancelled_reason), s["body"]))
    story += [Spacer(1, 4 * mm), table, Spacer(1, 3 * mm),
              para(_("Earliest and latest are the dates the rules allow; suggested dates are a plan, not a record. "
                     "* counted through a year without a holiday calendar (provisional)."), small)]
    header = _("{branch} · {book}").format(branch=printed.branch_name, book=_("Member development file"))
    PrintedDocument(target, header=header, title=f"{_('Member development file')} {printed.name}").render(story)


def write_development_notice(poster: NoticePoster, target: str | Path | BinaryIO) -> None:
    write_notice_poster(poster, target)

