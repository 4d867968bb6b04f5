"""The month's dues roll for collecting (党费收缴登记表): one line per member with kind, base, rate, the
amount due, what is paid, months in arrears, then blank 交纳日期 and 签名 columns for the collector's
round; a total line. Takes the roll's lines (``services.dues.roll``) as plain data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Sequence

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import ZERO, month_text
from dj_desktop.core.vocabularies.money import DUES_KINDS
from dj_desktop.reports.excel_table import TableColumn, write_table


def write_dues_roll(path: str | Path, *, branch_name: str, month: date, lines: Sequence[Any]) -> int:
    columns = [TableColumn(_("No."), "number", 6), TableColumn(_("Name"), "text", 12),
               TableColumn(_("Income kind"), "text", 22), TableColumn(_("Monthly base (yuan)"), "number", 14),
               TableColumn(_("Rate"), "text", 8), TableColumn(_("Due (yuan)"), "number", 10),
               TableColumn(_("Paid (yuan)"), "number", 10), TableColumn(_("Months in arrears"), "number", 10),
               TableColumn(_("Date paid"), "text", 12), TableColumn(_("Signature"), "text", 16)]
    rows: list[list[Any]] = []
    for n, line in enumerate(lines, start=1):
        arrears = line.arrears_months
        rows.append([n, line.name, _(DUES_KINDS[line.kind]) if line.kind else _("no base recorded"), line.base,
                     f"{line.rate * 100:.1f}%" if line.rate is not None else "",
                     line.due, line.paid, f"{arrears} ⚠" if line.flagged else arrears, "", ""])
    rows.append(["", _("Roll total"), "", None, "", sum((l.due or ZERO for l in lines), ZERO),
                 sum((l.paid for l in lines), ZERO), None, "", ""])
    title = _("{branch} Party dues roll {month}").format(branch=branch_name, month=month_text(month))
    write_table(path, title=title, sheet_name=_("Dues roll"), columns=columns, rows=rows)
    return len(lines)
