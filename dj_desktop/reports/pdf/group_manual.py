"""One Party group's manual for a year (党小组手册) as a PDF book: cover, contents, the group's
leaders and members, the grid it covers, its group meetings (the branch manual's records), study
sessions, duty areas, posts and co-managed members with their cards — every section, even empty."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from dj_desktop.core.group_printouts import AssignmentLine, GroupManual
from dj_desktop.core.i18n import _, current_language
from dj_desktop.core.progress import Progress
from dj_desktop.reports.pdf.co_managed_card import card_flowables
from dj_desktop.reports.pdf.contents import ContentsPlaceholder
from dj_desktop.reports.pdf.document import Heading, PrintedDocument
from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, number_text, para
from dj_desktop.reports.pdf.meeting_form import meeting_form_flowables

_NUMERALS = "一二三四五六七八九十"


def _number(index: int) -> str:
    return _NUMERALS[index - 1] if current_language() == "zh_CN" else str(index)


def _cover(book: GroupManual) -> list[Flowable]:
    s = styles()
    return [Spacer(1, 58 * mm), para(_("Party group manual"), s["cover_title"]), Spacer(1, 16 * mm),
            para(_("Year {year}").format(year=book.year), s["cover_line"]), Spacer(1, 62 * mm),
            para(book.group, s["cover_line"]), para(book.branch, s["cover_small"]), Spacer(1, 6 * mm),
            para(_("Printed on {date}").format(date=long_date(date.today())), s["cover_small"]), PageBreak()]


def _table(headers: Sequence[str], rows: list[Sequence[str]], widths: list[float], empty: str) -> Table:
    s = styles()
    data = [[fit_cell(h, w, s["label"]) for h, w in zip(headers, widths)]]
    data += [[fit_cell(v or "—", w, s["cell"]) for v, w in zip(row, widths)] for row in rows]
    commands = [("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 13),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black), ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if not rows:
        data.append([fit_cell(empty, sum(widths), s["cell"])] + [""] * (len(widths) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(table_style(commands))
    return table


def _until(day: date | None) -> str:
    return long_date(day) if day else _("to date")


def _basics(book: GroupManual, n: int) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. Group leaders and members").format(number=_number(n)), level=0,
                                     key="basics"), para(_("Leader and deputy"), s["h3"])]
    story.append(_table((_("Role"), _("Name"), _("From"), _("Until")),
                        [(o.role_label, o.name, long_date(o.started_on), _until(o.ended_on)) for o in book.officers],
                        [40 * mm, 40 * mm, 43 * mm, 43 * mm], _("No leader is recorded.")))
    story += [Spacer(1, 3 * mm), para(_("Members during the year"), s["h3"])]
    story.append(_table((_("No."), _("Name"), _("In the group from"), _("Until"), _("Home organisation")),
                        [(str(i), m.name, long_date(m.start), _until(m.end),
                          (_("Co-managed: {home}").format(home=m.home_unit or "—") if m.co_managed else ""))
                         for i, m in enumerate(book.members, start=1)],
                        [12 * mm, 28 * mm, 36 * mm, 36 * mm, 54 * mm], _("No members this year.")))
    story += [Spacer(1, 3 * mm), para(_("Buildings and grid covered"), s["h3"])]
    story.append(para("、".join(book.buildings) if book.buildings else _("No buildings are assigned to this group."),
                      s["body"]))
    return story + [PageBreak()]


def _meetings(book: GroupManual, n: int) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. Group meetings ({count})").format(
        number=_number(n), count=len(book.meetings)), level=0, key="meetings")]
    if not book.meetings:
        return story + [para(_("No records this year"), s["body"]), PageBreak()]
    for sheet in book.meetings:
        title = para(_("{kind} record · {date}").format(kind=sheet.kind_label, date=long_date(sheet.held_on)), s["h2"])
        story += [CondPageBreak(170 * mm)] + meeting_form_flowables(sheet, title=title) + [Spacer(1, 8 * mm)]
    return story + [PageBreak()]


def _studies(book: GroupManual, n: int) -> list[Flowable]:
    story: list[Flowable] = [Heading(_("{number}. Study sessions").format(number=_number(n)), level=0, key="study")]
    rows = [(long_date(x.held_on), x.topic, x.leader, number_text(x.hours), str(x.attendees)) for x in book.studies]
    story.append(_table((_("Date"), _("Study topic"), _("Led by"), _("Study hours"), _("Present")), rows,
                        [30 * mm, 72 * mm, 24 * mm, 20 * mm, 20 * mm], _("No records this year")))
    return story + [PageBreak()]


def _assignments(title: str, key: str, lines: tuple[AssignmentLine, ...], headers: Sequence[str],
                 n: int) -> list[Flowable]:
    story: list[Flowable] = [Heading(title.format(number=_number(n)), level=0, key=key)]
    rows = [(x.title, x.holder, long_date(x.started_on), _until(x.ended_on), x.detail) for x in lines]
    story.append(_table(headers, rows, [30 * mm, 22 * mm, 28 * mm, 28 * mm, 58 * mm], _("No records this year")))
    return story + [PageBreak()]


def _co_managed(book: GroupManual, n: int) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. Co-managed Party members").format(number=_number(n)), level=0,
                                     key="co_managed")]
    story.append(_table((_("Name"), _("Home organisation"), _("In the group from"), _("Cards this year")),
                        [(m.name, m.home_unit, long_date(m.start),
                          str(sum(1 for c in book.cards if c.member == m.name))) for m in book.co_managed],
                        [30 * mm, 76 * mm, 34 * mm, 26 * mm], _("No co-managed members this year.")))
    activities = [c for c in book.cards if c.card == "activity"]
    story += [Spacer(1, 4 * mm), para(_("Activity record cards"), s["h3"])]
    story.append(_table((_("Date"), _("Name"), _("Activity"), _("Hours")),
                        [(long_date(c.on), c.member, c.content, number_text(c.hours)) for c in activities],
                        [30 * mm, 26 * mm, 90 * mm, 20 * mm], _("No records this year")))
    # The registration and feedback cards as the forms they are (two to a page).
    for card in (c for c in book.cards if c.card != "activity"):
        story += [CondPageBreak(120 * mm), Spacer(1, 6 * mm)] + card_flowables(card)
    return story + [PageBreak()]


def group_manual_story(book: GroupManual) -> list[Flowable]:
    s = styles()
    story = _cover(book) + [para(_("Table of contents"), s["toc_title"]), ContentsPlaceholder(), PageBreak()]
    story += _basics(book, 1) + _meetings(book, 2) + _studies(book, 3)
    story += _assignments(_("{number}. Members' duty areas"), "duty_areas", book.duty_areas,
                          (_("Duty area"), _("Responsible member"), _("From"), _("Until"),
                           _("Buildings and households")), 4)
    story += _assignments(_("{number}. Posts and duties"), "posts", book.posts,
                          (_("Post"), _("Held by"), _("Since"), _("Until"), _("Duties")), 5)
    story += _co_managed(book, 6)
    while story and isinstance(story[-1], PageBreak):
        story.pop()
    return story


def write_group_manual(book: GroupManual, target: str | Path | BinaryIO, *, progress: Progress | None = None) -> None:
    """Writes the group's manual for the year as one PDF book."""
    header = _("{branch} · {book}").format(branch=f"{book.branch} {book.group}", book=_("Party group manual"))
    title = _("Party group manual") + " " + _("Year {year}").format(year=book.year)
    doc = PrintedDocument(target, header=header, title=title, book=True, progress=progress)
    doc.render(group_manual_story(book))
