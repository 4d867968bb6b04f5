"""The year's appraisal results and the care ledger as real PDFs, read back with pypdf."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from dj_desktop.core.i18n import set_language
from dj_desktop.core.models import Meeting
from dj_desktop.core.services.appraisal_care import appraisal_report, care_report
from dj_desktop.reports.pdf.tabular import write_report
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def _text(path):
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "").replace(" ", "")


def test_appraisal_results_and_care_ledger_print(db, services, tmp_path):
    set_language("zh_CN")
    world = build_world(db)
    with db.sessions.begin() as s:
        s.add(meeting := Meeting(branch_id=world.branch, kind="life_meeting", held_on=date(2026, 11, 20)))
        s.flush()
        meeting_id = meeting.id
    base = {"branch_id": world.branch, "year": 2026, "appraised_on": date(2026, 11, 20), "votes_excellent": 6,
            "votes_qualified": 2, "meeting_id": meeting_id}
    services.records.create("appraisals", {**base, "member_id": world.members["钱一"], "grade": "excellent"},
                            today=TODAY)
    services.records.create("appraisals", {**base, "member_id": world.members["吴预备"], "grade": ""}, today=TODAY)
    services.records.create("care_members", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                             "category": "hardship", "situation": "因病致贫", "listed_on": date(2026, 1, 2)},
                            today=TODAY)
    for day, amount in ((date(2026, 6, 30), Decimal("300.50")), (date(2026, 2, 10), Decimal("200"))):
        services.records.create("care_visits", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                                "visited_on": day, "visitors": "王书记", "occasion": "other",
                                                "given": "慰问金", "amount": amount}, today=TODAY)
    services.records.create("care_aid", {"branch_id": world.branch, "member_id": world.members["孙二"],
                                         "received_on": date(2026, 4, 20), "source": "街道党工委",
                                         "given": "生活困难补助", "amount": Decimal("1000")}, today=TODAY)
    write_report(appraisal_report(services, 2026, printed_on=TODAY), tmp_path / "appraisal.pdf")
    text = _text(tmp_path / "appraisal.pdf")
    assert "2026年度民主评议党员结果" in text and "钱一" in text and "优秀" in text and "预备党员，不评定等次" in text
    assert "评议会议：2026年11月20日组织生活会" in text
    write_report(care_report(services, 2026, printed_on=TODAY), tmp_path / "care.pdf")
    text = _text(tmp_path / "care.pdf")
    assert "因病致贫" in text and "500.50" in text and "300.50" in text and "孙二" in text
    assert "生活困难补助" in text and "1000.00" in text and "1次，1人" in text
