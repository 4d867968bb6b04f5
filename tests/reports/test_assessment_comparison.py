"""The office's comparison of its branches: scores by category, stars and the five-star cap, as a
real .xlsx and a real PDF with a bar chart."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from dj_desktop.core.models import Meeting, Organisation
from dj_desktop.reports.assessment_comparison import write_comparison_pdf, write_comparison_xlsx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from manual_world import build_world  # noqa: E402

TODAY = date(2026, 11, 28)
MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}


def test_comparison_of_branches_as_excel_and_pdf(services, db, tmp_path):
    world = build_world(db)
    with db.sessions.begin() as s:
        s.add(Organisation(name="幸福村党支部", kind="branch"))
        s.add_all(Meeting(branch_id=world.branch, kind="committee_meeting", held_on=date(2025, m, 3))
                  for m in range(1, 13))
    kw = dict(branch=world.branch, period="2025", standard="star", today=TODAY)
    services.assessment.save(scores=MANUAL, **kw)
    submitted = services.assessment.submit(**kw)
    comparison = services.assessment.comparison(period="2025", standard="star",
                                                branches=services.organisation.branches(), today=TODAY)
    rows = {r.branch: r for r in comparison.rows}
    assert set(rows) == {"红星社区党支部", "幸福村党支部"}
    assert rows["红星社区党支部"].status == "submitted" and rows["红星社区党支部"].total == submitted.total
    assert rows["红星社区党支部"].scores[0] == 12 + 4 and sum(rows["红星社区党支部"].scores) == submitted.total
    assert rows["幸福村党支部"].status == "new" and rows["幸福村党支部"].total == 0
    assert comparison.categories[0] == "自身建设" and (comparison.five_star_cap, comparison.five_stars) == (0, 0)

    write_comparison_xlsx(comparison, tmp_path / "比较.xlsx")
    sheet = load_workbook(tmp_path / "比较.xlsx").active
    assert sheet["A1"].value.startswith("各党支部考核结果汇总")
    assert [c.value for c in sheet[2]][:2] == ["党支部", "自身建设（25）"]
    values = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["红星社区党支部"][1] == 16 and values["红星社区党支部"][8] == float(submitted.total)

    write_comparison_pdf(comparison, tmp_path / "比较.pdf")
    text = PdfReader(tmp_path / "比较.pdf").pages[0].extract_text()
    for words in ("各党支部考核结果汇总", "红星社区党支部", "幸福村党支部", "民主管理", "五星级党支部0个"):
        assert words in text, words
