"""The assessment handbook (党支部工作考核手册) of one period as a PDF book: cover, contents, the
result at a glance, one section per category (items, points, how scored, scores, evidence), the
veto check and deductions, the signatures, and where the standard comes from.

Takes the plain :class:`~dj_desktop.core.assessment_sheet.AssessmentHandbook`; imports no service.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from dj_desktop.core.assessment_sheet import AssessmentHandbook, AssessmentSheet, ItemScore
from dj_desktop.core.i18n import _
from dj_desktop.reports.pdf.contents import ContentsPlaceholder
from dj_desktop.reports.pdf.document import Heading, PrintedDocument
from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
from dj_desktop.reports.pdf.formatting import long_date, para
from dj_desktop.reports.pdf.meeting_form import FORM_WIDTH

STAR = "★"


def _chapter_numbers():
    """一, 二, … (十一, 十二 … after ten) in Chinese; 1, 2, … otherwise."""
    from dj_desktop.core.i18n import current_language
    numerals = "一二三四五六七八九十"
    index = 0
    while True:
        index += 1
        if current_language() != "zh_CN":
            yield str(index)
        elif index <= 10:
            yield numerals[index - 1]
        else:
            yield ("" if index < 20 else numerals[index // 10 - 1]) + "十" + (numerals[index % 10 - 1] if index % 10 else "")


def stars_text(sheet: AssessmentSheet) -> str:
    if sheet.vetoed:
        return _("Vetoed: not eligible for a star rating")
    if sheet.stars is None:
        return _("No star level") if sheet.star_levels else _("This standard has no star levels")
    return _("{stars} ({n} stars)").format(stars=STAR * sheet.stars, n=sheet.stars)


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize(), "f")


def _grid(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="CENTER")
    commands = [("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL))
    table.setStyle(table_style(commands))
    return table


def _cover(book: AssessmentHandbook) -> list[Flowable]:
    s, sheet = styles(), book.sheet
    return [Spacer(1, 50 * mm), para(_("Branch work assessment handbook"), s["cover_title"]), Spacer(1, 12 * mm),
            para(sheet.standard.title, s["cover_line"]),
            para(_("Period: {period} ({first} – {last})").format(period=sheet.period, first=long_date(sheet.first),
                                                               last=long_date(sheet.last)), s["cover_small"]),
            Spacer(1, 50 * mm), para(sheet.branch_name, s["cover_line"]),
            para(_("Version {no} · {status}").format(no=sheet.version_no or 1, status=_status(sheet)), s["cover_small"]),
            para(_("Printed on {date}").format(date=long_date(book.printed_on)), s["cover_small"]), PageBreak()]


def _status(sheet: AssessmentSheet) -> str:
    if sheet.frozen:
        return _("submitted on {date}").format(date=long_date(sheet.submitted_on))
    return _("draft, not submitted")


def _summary(book: AssessmentHandbook, number: str) -> list[Flowable]:
    s, sheet = styles(), book.sheet
    story: list[Flowable] = [Heading(_("{number}. Result").format(number=number), level=0, key="result")]
    rows = [[para(h, s["label"]) for h in (_("Assessment category"), _("Points"), _("Score"))]]
    by_category: dict[str, list[ItemScore]] = {}
    for item in sheet.items:
        by_category.setdefault(item.category, []).append(item)
    for category, items in by_category.items():
        rows.append([para(category, s["cell"]), para(_num(sum((i.max for i in items), Decimal(0))), s["cell_center"]),
                     para(_num(sum((i.final for i in items), Decimal(0))), s["cell_center"])])
    rows.append([para(_("Total"), s["label"]), para(_num(sheet.standard.total), s["cell_center"]),
                 para(_num(sheet.total), s["cell_center"])])
    story += [_grid(rows, [FORM_WIDTH * 0.6, FORM_WIDTH * 0.2, FORM_WIDTH * 0.2]), Spacer(1, 4 * mm)]
    story.append(para(_("Star level: {stars}").format(stars=stars_text(sheet)), s["h3"]))
    if sheet.tier:
        story.append(para(_("Tier: {tier}").format(tier=sheet.tier), s["body"]))
    if sheet.star_levels:
        levels = "；".join(_("{n}★ from {min} points").format(n=n, min=_num(m)) for n, m in sheet.star_levels)
        story.append(para(_("Star thresholds: {levels}").format(levels=levels), s["small"]))
    for note in sheet.notes:
        story.append(para(note, s["warning"]))
    if sheet.office_scored_on:
        stars = _("{n} stars").format(n=sheet.office_stars) if sheet.office_stars else "—"
        story.append(para(_("Upper level's score ({day}): total {total}; final star level {stars}. {comment}").format(
            day=long_date(sheet.office_scored_on), total=_num(sheet.office_total), stars=stars,
            comment=sheet.office_comment), s["h3"]))
    if sheet.comment:
        story += [Spacer(1, 2 * mm), para(_("Branch's comment: {text}").format(text=sheet.comment), s["body"])]
    return story + [PageBreak()]


def _category(book: AssessmentHandbook, title: str, items: list[ItemScore], number: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Heading(_("{number}. {category}").format(number=number, category=title), level=0,
                                     key=f"category-{items[0].id}")]
    widths = [FORM_WIDTH * w for w in (0.27, 0.08, 0.33, 0.11, 0.11, 0.10)]
    rows = [[para(h, s["label"]) for h in (_("Item"), _("Points"), _("How it is scored"), _("From the records"),
                                           _("Score"), _("Evidence"))]]
    for item in items:
        rows.append([para(item.title, s["cell"]), para(_num(item.max), s["cell_center"]),
                     para(item.how or "—", s["cell"]),
                     para(_num(item.auto_score) if item.automatic else _("by hand"), s["cell_center"]),
                     para(_num(item.final), s["cell_center"]),
                     para(str(len(item.evidence) + len(book.files.get(item.id, ())))
                          if item.automatic or book.files.get(item.id) else "—", s["cell_center"])])
    story += [_grid(rows, widths), Spacer(1, 3 * mm)]
    for item in items:
        block: list[Flowable] = [para(item.title, s["h3"])]
        if item.note:
            block.append(para(item.note, s["small"]))
        if item.source:
            block.append(para(_("Source: {source}").format(source=item.source), s["small"]))
        if item.comment:
            block.append(para(_("Comment: {text}").format(text=item.comment), s["body"]))
        if item.id in book.sheet.office_scores:
            block.append(para(_("Upper level's score: {score}").format(
                score=_num(book.sheet.office_scores[item.id])), s["body"]))
        lines = book.evidence.get(item.id, ())
        if lines:
            ev = [[para(h, s["label"]) for h in (_("Date"), _("Record book"), _("Record"))]]
            ev += [[para(long_date(line.day) or "—", s["cell_center"]), para(line.book, s["cell_center"]),
                    para(line.title, s["cell"])] for line in lines]
            block.append(_grid(ev, [FORM_WIDTH * 0.22, FORM_WIDTH * 0.2, FORM_WIDTH * 0.58]))
        elif item.automatic:
            block.append(para(_("No records behind this score."), s["small"]))
        for number, name in enumerate(book.files.get(item.id, ()), start=1):
            block.append(para(_("Evidence file {n}: {name}").format(n=number, name=name), s["body"]))
        story += [KeepTogether(block[:3]), *block[3:], Spacer(1, 2 * mm)]
    return story + [PageBreak()]


def _checks(book: AssessmentHandbook, number: str) -> list[Flowable]:
    s, sheet = styles(), book.sheet
    story: list[Flowable] = [Heading(_("{number}. Veto check, deductions and signatures").format(number=number),
                                     level=0, key="checks")]
    if sheet.vetoes:
        rows = [[para(_("Veto item (one vote)"), s["label"]), para(_("Found in the period"), s["label"])]]
        rows += [[para(v.title, s["cell"]), para(_("Yes") if v.found else _("No"), s["cell_center"])]
                 for v in sheet.vetoes]
        story += [_grid(rows, [FORM_WIDTH * 0.75, FORM_WIDTH * 0.25]), Spacer(1, 3 * mm)]
    else:
        story.append(para(_("This standard has no veto items."), s["body"]))
    if sheet.deductions:
        rows = [[para(h, s["label"]) for h in (_("Deduction"), _("At most"), _("Deducted"))]]
        rows += [[para(d.title, s["cell"]), para(_num(d.max), s["cell_center"]), para(_num(d.points), s["cell_center"])]
                 for d in sheet.deductions]
        story += [_grid(rows, [FORM_WIDTH * 0.6, FORM_WIDTH * 0.2, FORM_WIDTH * 0.2]), Spacer(1, 3 * mm)]
    story.append(Spacer(1, 6 * mm))
    signatures = [[para(_("Branch secretary (signature)"), s["label"]), "", para(_("Date"), s["label"]), ""],
                  [para(_("Upper-level assessment opinion"), s["label"]), "", "", ""],
                  [para(_("Assessed by (signature)"), s["label"]), "", para(_("Date"), s["label"]), ""]]
    table = Table(signatures, colWidths=[FORM_WIDTH * w for w in (0.28, 0.37, 0.12, 0.23)],
                  rowHeights=[14 * mm, 30 * mm, 14 * mm])
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("SPAN", (1, 1), (3, 1)),
                                ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return story + [table, PageBreak()]


def _source(book: AssessmentHandbook, number: str) -> list[Flowable]:
    s, sheet = styles(), book.sheet
    story: list[Flowable] = [Heading(_("{number}. Where the standard comes from").format(number=number), level=0,
                                     key="source"),
                             para(_("Standard {name}, rule-set version {version}.").format(
                                 name=sheet.standard.name, version=sheet.standard.version), s["body"]),
                             para(sheet.standard.source, s["body"])]
    if not sheet.standard.confirmed:
        story.append(para(_("Points not confirmed from a published text are marked so in the data:"), s["warning"]))
    if book.rule_note:
        story.append(para(book.rule_note, s["small"]))
    return story


def handbook_story(book: AssessmentHandbook) -> list[Flowable]:
    s = styles()
    story = _cover(book) + [para(_("Table of contents"), s["toc_title"]), ContentsPlaceholder(), PageBreak()]
    numbers = _chapter_numbers()
    story += _summary(book, next(numbers))
    by_category: dict[str, list[ItemScore]] = {}
    for item in book.sheet.items:
        by_category.setdefault(item.category, []).append(item)
    for title, items in by_category.items():
        story += _category(book, title, items, next(numbers))
    story += _checks(book, next(numbers))
    story += _source(book, next(numbers))
    return story


def write_assessment_handbook(book: AssessmentHandbook, target: str | Path | BinaryIO) -> None:
    sheet = book.sheet
    header = _("{branch} · {book}").format(branch=sheet.branch_name, book=_("Branch work assessment handbook"))
    title = _("Branch work assessment handbook") + " " + sheet.period
    PrintedDocument(target, header=header, title=title, book=True).render(handbook_story(book))
