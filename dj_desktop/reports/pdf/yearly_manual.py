"""The year's branch manual (党支部工作手册) as one PDF book: cover, contents, basics, plan,
the records grouped by kind in date order, talks, and the year-end summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from dj_desktop.core.i18n import _, current_language
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS
from dj_desktop.core.printouts import BranchSheet, ManualBook, MeetingSheet, PlanText, RosterSheet, TalkLine
from dj_desktop.core.progress import Progress, step
from dj_desktop.reports.pdf.contents import ContentsPlaceholder
from dj_desktop.reports.pdf.document import Heading, PrintedDocument
from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para, text_blocks
from dj_desktop.reports.pdf.meeting_form import FORM_WIDTH, meeting_form_flowables

#: Chinese chapter numerals for the section headings (一、二、…).
_NUMERALS = "一二三四五六七八九十"


def _chapter_numbers():
    """一, 二, … in Chinese; 1, 2, … otherwise."""
    chinese = current_language() == "zh_CN"
    for index, numeral in enumerate(_NUMERALS, start=1):
        yield numeral if chinese else str(index)


def _cover(book: ManualBook) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Spacer(1, 58 * mm), para(_("Branch work manual"), s["cover_title"]),
                             Spacer(1, 16 * mm),
                             para(_("Year {year}").format(year=book.year), s["cover_line"]),
                             Spacer(1, 62 * mm), para(book.branch.name, s["cover_line"])]
    if book.branch.upper:
        story.append(para(_("Under: {upper}").format(upper=book.branch.upper), s["cover_small"]))
    story += [Spacer(1, 6 * mm), para(_("Printed on {date}").format(date=long_date(date.today())), s["cover_small"]),
              PageBreak()]
    return story


def _label_grid(rows: list[list], widths: list[float], label_columns: tuple[int, ...],
                spans: list[tuple] = ()) -> Table:
    table = Table(rows, colWidths=widths, hAlign="CENTER", repeatRows=0)
    commands = [("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    commands += [("BACKGROUND", (c, 0), (c, -1), LABEL_FILL) for c in label_columns]
    commands += [("SPAN", a, b) for a, b in spans]
    table.setStyle(table_style(commands))
    return table


def _pairs(items: list[tuple[str, str]]) -> list[list]:
    """Label/value pairs two to a row."""
    s = styles()
    rows = []
    for i in range(0, len(items), 2):
        row: list = []
        for label, value in items[i:i + 2]:
            row += [para(label, s["label"]), para(value, s["cell_center"])]
        rows.append(row + [""] * (4 - len(row)))
    return rows


def _basics(branch: BranchSheet, number: str) -> list[Flowable]:
    s = styles()
    quarter = FORM_WIDTH / 4
    story: list[Flowable] = [Heading(_("{number}. Branch basics").format(number=number), level=0, key="basics")]
    facts = [[para(_("Branch name"), s["label"]), para(branch.name, s["cell"]), "", ""],
             [para(_("Upper organisation"), s["label"]), para(branch.upper or "—", s["cell"]),
              para(_("Founded"), s["label"]), para(long_date(branch.founded_on) or "—", s["cell_center"])],
             [para(_("Current term"), s["label"]), para(branch.term or "—", s["cell"]), "", ""]]
    story += [_label_grid(facts, [quarter] * 4, (0,), [((1, 0), (3, 0)), ((1, 2), (3, 2))]),
              Spacer(1, 2 * mm)]
    story.append(para(_("Branch committee"), s["h3"]))
    committee = branch.committee or ((_("Secretary"), "—"),)
    story += [_label_grid(_pairs(list(committee)), [quarter] * 4, (0, 2)), Spacer(1, 2 * mm)]
    story.append(para(_("Party groups"), s["h3"]))
    rows = [[para(h, s["label"]) for h in (_("Party group"), _("Group leader"), _("Number of members"))]]
    rows += [[para(g.name, s["cell_center"]), para(g.leader or "—", s["cell_center"]),
              para(str(g.member_count), s["cell_center"])] for g in branch.groups]
    if not branch.groups:
        rows.append([para(_("The branch has no Party groups."), s["cell_center"]), "", ""])
    grid = _label_grid(rows, [FORM_WIDTH / 3] * 3, ())
    grid.setStyle(table_style([("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL)]
                              + ([("SPAN", (0, 1), (-1, 1))] if not branch.groups else [])))
    story += [grid, Spacer(1, 2 * mm), para(_("Roster summary"), s["h3"])]
    story.append(_label_grid(_pairs([(label, str(count)) for label, count in branch.roster]),
                             [quarter] * 4, (0, 2)))
    return story + [PageBreak()]


def _text_section(title: str, key: str, text: PlanText | None, missing: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(title, level=0, key=key)]
    if text is None or not text.body.strip():
        return story + [para(missing, s["body"]), PageBreak()]
    if text.title:
        story.append(para(text.title, s["h2"]))
    if text.adopted_on:
        story.append(para(_("Adopted on {date}").format(date=long_date(text.adopted_on)), s["small"]))
    return story + [Spacer(1, 2 * mm)] + text_blocks(text.body, s["body_indent"]) + [PageBreak()]


def _records(meetings: tuple[MeetingSheet, ...], number: str, progress: Progress | None) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. Organisational life records").format(number=number),
                                     level=0, key="records")]
    by_kind: dict[str, list[MeetingSheet]] = {}
    for sheet in sorted(meetings, key=lambda m: (m.held_on, m.starts_at or m.held_on)):
        by_kind.setdefault(sheet.kind, []).append(sheet)
    # Every kind of the paper book, in its fixed order, even when none was held (an inspector sees
    # at once what is missing); kinds the vocabulary does not know follow.
    kinds = list(MEETING_KINDS) + [k for k in by_kind if k not in MEETING_KINDS]
    done, total = 0, len(meetings)
    for kind in kinds:
        sheets = by_kind.get(kind, [])
        label = sheets[0].kind_label if sheets else _(MEETING_KINDS[kind])
        story.append(Heading(_("{kind} ({count})").format(kind=label, count=len(sheets)),
                             level=1, key=f"kind-{kind}"))
        if not sheets:
            story.append(para(_("No records this year"), s["body"]))
            continue
        for sheet in sheets:
            title = para(_("{kind} record · {date}").format(kind=sheet.kind_label, date=long_date(sheet.held_on)),
                         s["h2"])
            # A record starts on a fresh page unless most of the page is still free.
            story += [CondPageBreak(170 * mm)] + meeting_form_flowables(sheet, title=title) + [Spacer(1, 8 * mm)]
            done += 1
            step(progress, done, total, _("Preparing record {done} of {total}").format(done=done, total=total))
        story.append(PageBreak())
    if not meetings:
        story.append(PageBreak())
    return story


def _talks(talks: tuple[TalkLine, ...], number: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. Heart-to-heart talks").format(number=number), level=0, key="talks")]
    if not talks:
        return story + [para(_("No talks were recorded this year."), s["body"]), PageBreak()]
    widths = [27 * mm, 19 * mm, 19 * mm, 36 * mm, 65 * mm]
    rows = [[fit_cell(h, w, s["label"]) for h, w in zip(
        (_("Date"), _("Talked with by"), _("Member talked with"), _("Talk topic"), _("Talk summary")), widths)]]
    for t in sorted(talks, key=lambda t: t.held_on):
        values = (long_date(t.held_on), t.talker, t.talkee, t.topic, t.summary)
        rows.append([fit_cell(v, w, s["cell"]) for v, w in zip(values, widths)])
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(table_style([("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 13),
                                ("ALIGN", (0, 0), (2, -1), "CENTER"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                                ("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY),
                                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                                ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return story + [table, PageBreak()]


def _roster(roster: RosterSheet | None, number: str) -> list[Flowable]:
    """The 花名册 as it stood at the year's end: who the year's records are about."""
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. Roster of Party members").format(number=number), level=0,
                                     key="roster")]
    if roster is None or not roster.lines:
        return story + [para(_("No records this year"), s["body"]), PageBreak()]
    widths = [10 * mm, 18 * mm, 10 * mm, 22 * mm, 28 * mm, 20 * mm, 22 * mm, 22 * mm, 14 * mm]
    headers = (_("No."), _("Name"), _("Gender"), _("Birth date"), _("Party group"), _("Member type"),
               _("Joined the Party on"), _("Full member since"), _("Ethnicity"))
    rows = [[fit_cell(h, w, s["label"]) for h, w in zip(headers, widths)]]
    for n, m in enumerate(roster.lines, start=1):
        values = (str(n), m.name, m.gender, m.birth_date, m.group, m.member_type, m.joined_on, m.full_member_on,
                  m.ethnicity)
        rows.append([fit_cell(v, w, s["cell"]) for v, w in zip(values, widths)])
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(table_style([("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 13),
                                ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY),
                                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                                ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return story + [table, PageBreak()]


def manual_story(book: ManualBook, *, progress: Progress | None = None) -> list[Flowable]:
    s = styles()
    story = _cover(book) + [para(_("Table of contents"), s["toc_title"]), ContentsPlaceholder(), PageBreak()]
    numbers = _chapter_numbers()
    story += _basics(book.branch, next(numbers))
    story += _roster(book.roster, next(numbers))
    story += _text_section(_("{number}. Annual work plan").format(number=next(numbers)), "plan", book.plan,
                           _("No annual work plan was entered for this year."))
    story += _records(book.meetings, next(numbers), progress)
    story += _talks(book.talks, next(numbers))
    story += _text_section(_("{number}. Year-end summary").format(number=next(numbers)), "summary", book.summary,
                           _("No year-end summary was entered for this year."))
    # The book ends on its last section, not on an empty page.
    while story and isinstance(story[-1], PageBreak):
        story.pop()
    return story


def write_yearly_manual(book: ManualBook, target: str | Path | BinaryIO, *,
                        progress: Progress | None = None) -> None:
    """Writes the year's manual as one PDF book."""
    header = _("{branch} · {book}").format(branch=book.branch.name, book=_("Branch work manual"))
    title = _("Branch work manual") + " " + _("Year {year}").format(year=book.year)
    doc = PrintedDocument(target, header=header, title=title, book=True, progress=progress)
    doc.render(manual_story(book, progress=progress))
