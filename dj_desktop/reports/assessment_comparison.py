"""The office's comparison of its branches for one period (考核结果汇总): scores by category, total and
stars, as .xlsx (one row per branch) or as PDF with a bar chart of category scores drawn with
reportlab's own charts. Takes the plain ``AssessmentComparison``; imports no service."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from dj_desktop.core.assessment_sheet import AssessmentComparison
from dj_desktop.core.i18n import _
from dj_desktop.reports.excel_table import TableColumn, write_table

#: Series colours, cycled when there are more branches.
PALETTE = ("#c0392b", "#2e86c1", "#27ae60", "#f39c12", "#8e44ad", "#16a085", "#7f8c8d", "#d35400")


def _stars(row) -> str:
    if row.vetoed:
        return _("vetoed")
    return "★" * row.stars if row.stars else "—"


def _status(row) -> str:
    return {"submitted": _("submitted, version {no}").format(no=row.version_no),
            "draft": _("draft, version {no}").format(no=row.version_no)}.get(row.status, _("not saved yet"))


def _title(comparison: AssessmentComparison) -> str:
    return _("Assessment results of the branches · {period} · {standard}").format(
        period=comparison.period, standard=comparison.standard)


def write_comparison_xlsx(comparison: AssessmentComparison, path: str | Path) -> int:
    columns = [TableColumn(_("Party branch"), "text", 22),
               *(TableColumn(f"{c}（{m}）", "number", 12) for c, m in zip(comparison.categories, comparison.maxima)),
               TableColumn(_("Total"), "number", 10), TableColumn(_("Stars"), "text", 10),
               TableColumn(_("Status"), "text", 16)]
    rows = [[r.branch, *(float(s) for s in r.scores), float(r.total), _stars(r), _status(r)] for r in comparison.rows]
    return write_table(path, title=_title(comparison), sheet_name=_("Assessment results"), columns=columns, rows=rows)


def category_chart(comparison: AssessmentComparison, width: float, height: float = 95 * mm) -> Drawing:
    """Grouped bars: one group per category, one bar per branch, scores as a share of the category's
    points (so categories of 25 and 7 points compare)."""
    from dj_desktop.reports.pdf.fonts import CJK, register_cjk_font
    register_cjk_font()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 45, width - 40, height - 75
    chart.data = [[float(s / m * 100) if m else 0.0 for s, m in zip(r.scores, comparison.maxima)]
                  for r in comparison.rows] or [[0.0] * len(comparison.categories)]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = CJK
    chart.categoryAxis.categoryNames = list(comparison.categories)
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = CJK, 8
    chart.barSpacing, chart.groupSpacing = 1, 8
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = 30, height - 8, CJK, 8
    legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 8, 8
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), r.branch)
                             for i, r in enumerate(comparison.rows)]
    drawing.add(legend)
    return drawing


def write_comparison_pdf(comparison: AssessmentComparison, path: str | Path) -> None:
    from dj_desktop.reports.pdf.document import PrintedDocument
    from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
    from dj_desktop.reports.pdf.formatting import para
    from dj_desktop.reports.pdf.meeting_form import FORM_WIDTH
    s = styles()
    story = [para(_title(comparison), s["h1"]),
             para(_("Bars: each branch's score in a category as a share of the category's points (%)."), s["small"]),
             category_chart(comparison, FORM_WIDTH), Spacer(1, 4 * mm)]
    header = [_("Party branch"), *comparison.categories, _("Total"), _("Stars"), _("Status")]
    rows = [[para(h, s["label"]) for h in header]]
    for r in comparison.rows:
        rows.append([para(r.branch, s["cell"]), *(para(_num(v), s["cell_center"]) for v in r.scores),
                     para(_num(r.total), s["cell_center"]), para(_stars(r), s["cell_center"]),
                     para(_status(r), s["cell_center"])])
    first = FORM_WIDTH * 0.18
    rest = (FORM_WIDTH - first - FORM_WIDTH * 0.28) / max(len(comparison.categories) + 1, 1)
    table = Table(rows, colWidths=[first] + [rest] * (len(comparison.categories) + 1)
                  + [FORM_WIDTH * 0.12, FORM_WIDTH * 0.16], repeatRows=1)
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(table)
    cap = _("Five-star branches: {n}; allowed: {cap} ({share} of {total} branches).").format(
        n=comparison.five_stars, cap=comparison.five_star_cap, share=f"{(comparison.five_star_share * 100).normalize():f}%", total=len(comparison.rows))
    story.append(Spacer(1, 3 * mm))
    story.append(para(cap, s["warning"] if comparison.five_stars > comparison.five_star_cap else s["body"]))
    PrintedDocument(path, header=_title(comparison), title=_title(comparison)).render(story)


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")
