"""RosterImportService: checking every row, writing only clean files, updating by ID number, undo, export."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from dj_desktop.core.errors import UserError
from dj_desktop.core.models import ChangeBatch, Member, MemberEvent, Organisation, RecordHistory
from roster_workbooks import HEADERS, id_number, make_cells_numbers, member_row, write_rows


@pytest.fixture
def branch(services):
    unit = services.organisation.create_first_branch("城关社区党支部")
    services.organisation.add_unit("第一党小组", kind="group", parent_id=unit.id)
    services.organisation.add_unit("第二党小组", kind="group", parent_id=unit.id)
    return unit


def _count(db, model, *where) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _members(services, branch):
    return {m.id_number: m for m in services.members.roster(branch.id, include_left=True)}


def test_good_file_with_every_date_spelling_and_messy_cells(services, branch, tmp_path):
    rows = [
        member_row(1, 入党时间="2019-07-01", 转正时间="2020-07-01"),
        member_row(2, 入党时间="2019.07.01", 转正时间="2020.7.1"),
        member_row(3, 入党时间="2019/7/1", 转正时间="2020/07/01"),
        member_row(4, 入党时间="2019年7月1日", 转正时间="2020 年 7 月 1 日"),
        member_row(5, 入党时间=datetime(2019, 7, 1), 转正时间=date(2020, 7, 1)),
        # Full-width digits, stray spaces, a phone stored as a number, empty optional cells.
        member_row(6, 姓名=" 王 小 明 ", 入党时间="２０１９－０７－０１", 转正时间=None, 党员类型="预备",
                   联系电话=13800138006, 身份证号=f" {id_number(6)} ", 性别=None, 出生日期=None, 民族=None,
                   所在党小组=" 第二党小组 ", 人员类别="离退休", 管理方式="联管"),
        member_row(7, 身份证号=id_number(7)[:17].lower() + id_number(7)[17].lower(), 所在党小组=None),
        member_row(8, 入党时间="20190701", 转正时间=43922),   # compact text; a date cell that lost its format
    ]
    path = write_rows(tmp_path / "good.xlsx", rows, title="城关社区党支部党员花名册")
    make_cells_numbers(path, [id_number(1)])  # an ID number stored as an exact integer cell
    report = services.roster_import.import_file(path)
    assert report.committed, report.lines()
    assert (report.added, report.updated, report.unchanged, report.rows) == (8, 0, 0, 8)
    members = _members(services, branch)
    assert len(members) == 8
    assert (members[id_number(8)].joined_on, members[id_number(8)].full_member_on) == (
        date(2019, 7, 1), date(2020, 4, 1))
    for n in range(1, 6):
        m = members[id_number(n)]
        assert (m.joined_on, m.full_member_on, m.member_type) == (date(2019, 7, 1), date(2020, 7, 1), "full")
    m6 = members[id_number(6)]
    assert (m6.name, m6.phone, m6.member_type, m6.category, m6.management) == (
        "王小明", "13800138006", "probationary", "retired", "co")
    assert (m6.gender, m6.birth_date, m6.ethnicity, m6.group_name) == ("male", date(1980, 3, 7), "汉族", "第二党小组")
    assert members[id_number(7)].group_name == ""
    assert _count(services.db, RecordHistory, RecordHistory.batch_id == report.batch_id,
                  RecordHistory.table_name == "member") == 8
    assert report.summary().startswith("good.xlsx：已导入 8 行，新增 8 人")


def test_bad_file_reports_every_problem_by_row_and_column_and_changes_nothing(services, branch, tmp_path):
    rows = [
        member_row(1),                                                     # row 3: fine
        member_row(2, 入党时间="2019-13-01"),                              # 4: impossible date
        member_row(3, 身份证号=id_number(3)[:17] + ("0" if id_number(3)[17] != "0" else "1")),  # 5: check digit
        member_row(4, 身份证号=float(id_number(4))),                       # 6: number cell that lost digits
        member_row(5, 党员类型="正式党员候选", 人员类别="打工"),            # 7: two unknown choices
        member_row(6, 所在党小组="第九党小组"),                             # 8: no such group
        member_row(7, 姓名=""),                                            # 9: no name
        member_row(8, 出生日期="1981-01-01"),                              # 10: differs from the ID number
        member_row(9, 转正时间="2009-01-01"),                              # 11: full member before joining
        member_row(10, 入党时间=""),                                        # 12: no joining date
        member_row(11), member_row(11, 姓名="重复者"),                      # 13, 14: same ID twice
    ]
    path = write_rows(tmp_path / "bad.xlsx", rows, title="花名册")
    report = services.roster_import.import_file(path)
    assert not report.committed and report.batch_id is None
    by_row = {}
    for p in report.errors:
        by_row.setdefault(p.row, []).append(p)
    assert sorted(by_row) == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    assert [p.column for p in by_row[4]] == ["入党时间"]
    assert [p.column for p in by_row[5]] == ["身份证号"] and id_number(3)[:17] in by_row[5][0].message
    assert [p.column for p in by_row[6]] == ["身份证号"]
    assert "文本" in by_row[6][0].message
    assert {p.column for p in by_row[7]} == {"党员类型", "人员类别"}
    assert "正式" in by_row[7][0].message and "预备" in by_row[7][0].message
    assert [p.column for p in by_row[8]] == ["所在党小组"]
    assert "第一党小组" in by_row[8][0].message and "第二党小组" in by_row[8][0].message
    assert by_row[9][0].column == "姓名"
    assert {p.column for p in by_row[10]} == {"出生日期"}
    assert {p.column for p in by_row[11]} == {"转正时间"}
    assert {p.column for p in by_row[12]} == {"入党时间"}
    assert "14" in by_row[13][0].message and "13" in by_row[14][0].message
    text = "\n".join(report.lines())
    assert "本次未导入任何数据" in text and "第 8 行“所在党小组”" in text
    assert _count(services.db, Member) == 0
    assert _count(services.db, ChangeBatch) == 0
    assert _count(services.db, Organisation, Organisation.kind == "group") == 2


def test_missing_groups_can_be_created_on_request(services, branch, tmp_path):
    path = write_rows(tmp_path / "g.xlsx", [member_row(1, 所在党小组="老干部党小组"), member_row(2, 所在党小组="老干部党小组")])
    assert not services.roster_import.import_file(path).committed
    report = services.roster_import.import_file(path, create_groups=True)
    assert report.committed and report.created_groups == ("老干部党小组",)
    assert {m.group_name for m in services.members.roster(branch.id)} == {"老干部党小组"}
    services.roster_import.undo_import(report.batch_id)
    assert [g.name for g in services.organisation.groups(branch.id)] == ["第一党小组", "第二党小组"]


def test_export_then_import_changes_nothing(services, branch, tmp_path):
    rows = [member_row(n, 所在党小组="第二党小组" if n % 2 else "第一党小组") for n in range(1, 21)]
    rows[3].update(党员类型="预备", 转正时间=None, 入党时间="2026-01-05", 人员类别="流动")
    first = services.roster_import.import_file(write_rows(tmp_path / "in.xlsx", rows))
    assert first.committed and first.added == 20
    out = tmp_path / "out.xlsx"
    assert services.roster_import.export_roster(out) == 20
    ws = load_workbook(out).worksheets[0]
    assert [c.value for c in ws[1]] == HEADERS
    again = services.roster_import.import_file(out)
    assert again.committed, again.lines()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 20)


def test_a_known_id_number_updates_the_member_with_history(services, branch, tmp_path):
    first = services.roster_import.import_file(write_rows(tmp_path / "a.xlsx", [member_row(1), member_row(2)]))
    # Only some columns: the others keep their values.
    headers = ["姓名", "身份证号", "入党时间", "转正时间", "联系电话", "所在党小组"]
    rows = [member_row(1, 联系电话="13900000001", 所在党小组="第二党小组"), member_row(2), member_row(3)]
    second = services.roster_import.import_file(write_rows(tmp_path / "b.xlsx", rows, headers=headers))
    assert second.committed
    assert (second.added, second.updated, second.unchanged) == (1, 1, 1)
    members = _members(services, branch)
    assert len(members) == 3
    m1 = members[id_number(1)]
    assert (m1.phone, m1.group_name, m1.address, m1.work_unit) == ("13900000001", "第二党小组", "幸福路1号", "城关社区")
    detail = services.members.detail(m1.id)
    update = [h for h in detail.history if h.action == "update"]
    assert len(update) == 1 and update[0].changes["phone"] == ["13800130001", "13900000001"]
    with services.db.sessions() as s:
        batch_ids = set(s.scalars(select(RecordHistory.batch_id).where(RecordHistory.record_id == m1.id)))
    assert batch_ids == {first.batch_id, second.batch_id}
    assert any(e.kind == "group_changed" for e in detail.events)


def test_undo_reverts_a_whole_import_with_history(services, branch, tmp_path):
    first = services.roster_import.import_file(write_rows(tmp_path / "a.xlsx", [member_row(1), member_row(2)]))
    rows = [member_row(1, 联系电话="13900000001", 备注="新备注", 所在党小组="第二党小组", 转正时间="2011-08-01"),
            member_row(3)]
    second = services.roster_import.import_file(write_rows(tmp_path / "b.xlsx", rows))
    imports = services.roster_import.list_imports()
    assert [i.batch_id for i in imports] == [second.batch_id, first.batch_id]
    assert (imports[0].added, imports[0].updated, imports[0].file_name) == (1, 1, "b.xlsx")

    with pytest.raises(UserError, match="之后的导入"):
        services.roster_import.undo_import(first.batch_id)   # member 1 was changed later by the second import

    result = services.roster_import.undo_import(second.batch_id)
    assert (result.removed, result.restored) == (1, 1)
    members = _members(services, branch)
    assert set(members) == {id_number(1), id_number(2)}
    m1 = members[id_number(1)]
    assert (m1.phone, m1.notes, m1.group_name, m1.full_member_on) == ("13800130001", "", "第一党小组", date(2011, 7, 1))
    assert _count(services.db, Member, Member.deleted.is_(True)) == 1
    assert _count(services.db, MemberEvent, MemberEvent.deleted.is_(False)) == 4   # joined + full, twice
    history = services.members.detail(members[id_number(1)].id).history
    assert [h.action for h in history] == ["create", "update", "update"]
    assert history[-1].changes["phone"] == ["13900000001", "13800130001"]
    assert services.roster_import.list_imports()[0].is_undone
    with pytest.raises(UserError, match="已于"):
        services.roster_import.undo_import(second.batch_id)

    services.roster_import.undo_import(first.batch_id)
    assert services.members.roster(branch.id) == []


def test_import_needs_a_branch_and_refuses_an_unknown_batch(services, tmp_path):
    path = write_rows(tmp_path / "a.xlsx", [member_row(1)])
    with pytest.raises(UserError, match="还没有党支部"):
        services.roster_import.import_file(path)
    import uuid
    with pytest.raises(UserError, match="没有编号为"):
        services.roster_import.undo_import(uuid.uuid4())


def test_chinese_file_imports_with_the_english_interface(services, branch, tmp_path):
    from dj_desktop.core.i18n import set_language
    set_language("en")
    rows = [member_row(1, 人员类别="年老体弱", 管理方式="联管"), member_row(2, 党员类型="预备", 转正时间=None,
                                                                  入党时间="2026-01-05")]
    report = services.roster_import.import_file(write_rows(tmp_path / "zh.xlsx", rows))
    assert report.committed and report.added == 2, report.lines()
    assert report.summary().startswith("zh.xlsx: 2 rows imported")
    members = _members(services, branch)
    assert (members[id_number(1)].category, members[id_number(1)].management) == ("elderly_infirm", "co")
    assert members[id_number(2)].member_type == "probationary"
    out = tmp_path / "en.xlsx"
    services.roster_import.export_roster(out)
    ws = load_workbook(out).worksheets[0]
    assert ws.cell(row=1, column=2).value == "Full name"
    again = services.roster_import.import_file(out)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_template_for_the_branch_offers_its_groups(services, branch, tmp_path):
    path = services.roster_import.write_template(tmp_path / "t.xlsx")
    ws = load_workbook(path).worksheets[0]
    column = HEADERS.index("所在党小组") + 1
    letter = "ABCDEFGHIJKLMNOPQRS"[column - 1]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists[f"{letter}2"] == '"第一党小组,第二党小组"'


def test_cancelling_while_saving_leaves_nothing_behind(services, branch, tmp_path):
    from dj_desktop.core.progress import Cancelled, Progress
    seen = []
    progress = Progress()

    def on_step(done, total, text):
        seen.append(text)
        if len(seen) == 3:      # the step before the members are saved
            progress.cancel()

    progress.on_step = on_step
    path = write_rows(tmp_path / "a.xlsx", [member_row(n) for n in range(1, 4)])
    with pytest.raises(Cancelled):
        services.roster_import.import_file(path, progress=progress)
    assert seen[0] == "正在读取 a.xlsx" and seen[1] == "正在检查 3 行"
    assert _count(services.db, Member) == 0 and _count(services.db, ChangeBatch) == 0
