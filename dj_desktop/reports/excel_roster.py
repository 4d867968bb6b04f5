"""The member roster (党员花名册) as an Excel file: its columns, the template and the export writer
(the reader is ``excel_roster_reader.py``)."""

from __future__ import annotations

import io

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

from dj_desktop.core.i18n import N_, _, current_language, load_catalog
from dj_desktop.core.safe_write import atomic_path
from dj_desktop.core.vocabularies.member import CATEGORIES, GENDERS, MANAGEMENT, MEMBER_TYPES

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
#: Rows of the template pre-formatted (text, date, drop-down lists) for typing.
TEMPLATE_ROWS = 2000
#: How far down a sheet the header row is looked for (real rosters carry a title above it).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RosterColumn:
    """One column of the roster file.

    ``key`` is the :class:`~dj_desktop.core.models.member.Member` field it fills
    ("seq" and "group" are not fields). ``zh`` is the header of the Chinese
    template — part of the file format, accepted whatever the UI language;
    ``header`` is the English source string written through the translation.
    ``kind`` decides how cells are written and read: text, id, phone, date, choice.
    """

    key: str
    header: str
    zh: str
    kind: str = "text"
    width: float = 12
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: str = ""


COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("seq", N_("No."), "序号", width=6, aliases=("编号",),
                 hint=N_("Optional; not imported.")),
    RosterColumn("name", N_("Full name"), "姓名", width=10, required=True, aliases=("党员姓名",)),
    RosterColumn("gender", N_("Sex"), "性别", "choice", width=6,
                 hint=N_("May be left empty: it is taken from the ID number.")),
    RosterColumn("ethnicity", N_("Ethnic group"), "民族", width=8, hint=N_("Empty means Han (汉族).")),
    RosterColumn("birth_date", N_("Date of birth"), "出生日期", "date", width=12,
                 aliases=("出生年月", "出生年月日"),
                 hint=N_("May be left empty: it is taken from the ID number.")),
    RosterColumn("id_number", N_("Citizen ID number"), "身份证号", "id", width=21, required=True,
                 aliases=("身份证号码", "公民身份号码", "身份证"),
                 hint=N_("18 characters; the column is formatted as text so Excel keeps every digit.")),
    RosterColumn("native_place", N_("Native place"), "籍贯", width=12),
    RosterColumn("education", N_("Education level"), "学历", width=10, aliases=("文化程度",)),
    RosterColumn("work_unit", N_("Work unit"), "工作单位", width=22, aliases=("单位",)),
    RosterColumn("post", N_("Post held"), "职务", width=12, aliases=("职务职称", "职称")),
    RosterColumn("phone", N_("Contact phone"), "联系电话", "phone", width=14,
                 aliases=("电话", "手机", "手机号码", "联系方式")),
    RosterColumn("address", N_("Home address"), "家庭住址", width=28, aliases=("住址", "现住址")),
    RosterColumn("group", N_("Party group of the member"), "所在党小组", width=14,
                 aliases=("党小组", "所在小组"),
                 hint=N_("The name of an existing Party group of the branch, or empty.")),
    RosterColumn("joined_on", N_("Date joined the Party"), "入党时间", "date", width=12,
                 required=True, aliases=("入党日期", "入党年月"),
                 hint=N_("A date such as 2019-07-01, 2019.07.01, 2019/7/1 or 2019年7月1日.")),
    RosterColumn("full_member_on", N_("Date became a full member"), "转正时间", "date",
                 width=12, aliases=("转正日期", "转正年月"),
                 hint=N_("Empty for a probationary member.")),
    RosterColumn("member_type", N_("Type of membership"), "党员类型", "choice", width=10,
                 aliases=("党员类别",), hint=N_("May be left empty when the full-member date is filled in.")),
    RosterColumn("category", N_("Personnel category"), "人员类别", "choice", width=12,
                 aliases=("党员分类",)),
    RosterColumn("management", N_("Management mode"), "管理方式", "choice", width=10),
    RosterColumn("notes", N_("Remarks"), "备注", width=24),
)
COLUMNS_BY_KEY = {c.key: c for c in COLUMNS}

#: The model's choice tables, by roster column key.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "gender": GENDERS, "member_type": MEMBER_TYPES, "category": CATEGORIES, "management": MANAGEMENT,
}
#: The words real Chinese rosters use for each choice (file format data, accepted in any UI language).
CHOICE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "gender": {"male": ("男", "男性"), "female": ("女", "女性")},
    "member_type": {"full": ("正式", "正式党员"), "probationary": ("预备", "预备党员")},
    "category": {
        "employed": ("在职", "在职党员"),
        "unemployed": ("无职", "无职党员", "无业"),
        "mobile": ("流动", "流动党员", "外出", "外出流动"),
        "retired": ("离退休", "离休", "退休", "离退休党员"),
        "elderly_infirm": ("年老体弱", "年老体弱党员"),
        "hardship": ("生活困难", "生活困难党员", "困难党员"),
    },
    "management": {"self": ("自管", "自管党员"), "co": ("联管", "联管党员", "双重管理")},
}


def header_text(column: RosterColumn) -> str:
    return _(column.header)


def choice_text(key: str, value: str) -> str:
    """The word written for a stored choice value: the Chinese roster's own word (正式, 在职 …)
    when the UI is Chinese, since those words are the file format; else the translated label."""
    if current_language() == "zh_CN":
        return CHOICE_WORDS[key][value][0]
    return _(CHOICE_LABELS[key][value])


def choice_words(key: str) -> list[str]:
    """The words offered in the template's drop-down list for a choice column."""
    return [choice_text(key, value) for value in CHOICE_LABELS[key]]


def column_help(column: RosterColumn) -> str:
    """How to fill in a column, for the template's notes sheet."""
    parts = [_(column.hint)] if column.hint else []
    if column.kind == "choice":
        parts.append(_("One of: {choices}.").format(choices=", ".join(choice_words(column.key))))
    return " ".join(parts)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


@lru_cache(maxsize=1)
def _zh_catalog() -> dict[str, str]:
    return load_catalog("zh_CN")


def choice_lookup(key: str) -> dict[str, str]:
    """``{spelling: stored value}`` of every accepted spelling of a choice column."""
    lookup: dict[str, str] = {}
    for value, label in CHOICE_LABELS[key].items():
        spellings = {*CHOICE_WORDS[key].get(value, ()), label, _(label), _zh_catalog().get(label, label)}
        for spelling in spellings:
            lookup[_squash(spelling)] = value
    return lookup


def normalise_header(text: Any) -> str:
    """Header cell → comparable text: no spaces, no required-marks, no bracketed hints."""
    if text is None:
        return ""
    squashed = _squash(str(text))
    squashed = re.sub(r"[(（\[【].*?[)）\]】]", "", squashed)
    return squashed.strip("*＊:：")


def header_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for column in COLUMNS:
        for spelling in (column.zh, *column.aliases, column.header, _(column.header)):
            lookup.setdefault(normalise_header(spelling), column.key)
    return lookup


# ---------------------------------------------------------------- writing

def _header_row(ws) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FCE4D6")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=header_text(column))
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"


#: Excel refuses a literal drop-down list longer than this.
_LIST_LIMIT = 255


def _drop_down(ws, letter: str, last: int, words: list[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    formula = '"' + ",".join(w for w in words if "," not in w and '"' not in w) + '"'
    if len(formula) <= _LIST_LIMIT:
        # showErrorMessage off: the list helps typing but other spellings stay possible.
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
        rule.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(rule)


def write_template(path: str | Path, *, groups: Iterable[str] = ()) -> Path:
    """An empty roster: headers, column formats for typing, drop-down lists, and a notes sheet.

    ``groups`` (a branch's Party group names) become the drop-down list of the group column.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Roster")
    _header_row(ws)
    last = TEMPLATE_ROWS + 1
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        number_format = {"id": TEXT_FORMAT, "phone": TEXT_FORMAT, "date": DATE_FORMAT}.get(column.kind)
        if number_format:
            # Formatted cells, not only a column style: an 18-digit number typed
            # into a General cell is rounded by Excel before we ever see it.
            for row in range(2, last + 1):
                ws.cell(row=row, column=index).number_format = number_format
        if column.kind == "choice":
            _drop_down(ws, letter, last, choice_words(column.key))
        elif column.key == "group" and groups:
            _drop_down(ws, letter, last, list(groups))
    notes = wb.create_sheet(_("How to fill in"))
    notes.append([_("Column"), _("Required"), _("How to fill in")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        notes.append([header_text(column), _("Yes") if column.required else _("No"), column_help(column)])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 8
    notes.column_dimensions["C"].width = 70
    save_workbook(wb, path)
    return path


def write_roster(path: str | Path, members: Iterable[dict[str, Any]]) -> int:
    """Write members (``{column key: value}``, dates as :class:`date`) under the template headers.

    ID numbers and phones are text cells so Excel never shows 4.1E+17; dates are
    real date cells. Returns the number of rows written.
    """
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Roster")
    _header_row(ws)
    count = 0
    for count, member in enumerate(members, start=1):
        row = count + 1
        for index, column in enumerate(COLUMNS, start=1):
            value = count if column.key == "seq" else member.get(column.key)
            if value is None or value == "":
                continue
            cell = ws.cell(row=row, column=index)
            if column.kind in ("id", "phone"):
                cell.value = str(value)
                cell.number_format = TEXT_FORMAT
            elif column.kind == "date":
                cell.value = value
                cell.number_format = DATE_FORMAT
            else:
                cell.value = value
    save_workbook(wb, path)
    return count


def save_workbook(wb: Workbook, path: Path) -> None:
    """Temporary name → fsync → rename: a full disk or an Excel-locked file leaves no half workbook.

    The workbook is built in memory first: openpyxl leaves its zip file open when writing to disk
    fails, which then fails again when it is collected."""
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_path(path) as tmp:
        tmp.write_bytes(buffer.getvalue())
