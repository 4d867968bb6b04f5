"""Turning the cells of one roster row into member fields, with a problem for each cell that cannot be read.

Only what is particular to a spreadsheet lives here (which column, which spelling
of a choice, a number cell where text belongs); the member rules themselves are
:mod:`dj_desktop.core.services.member_validation` and :mod:`dj_desktop.core.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dates import normalise_text, parse_optional_date
from dj_desktop.core.rules.id_number import normalise_id_number, parse_id_number
from dj_desktop.core.rules.problems import ERROR, Problem
from dj_desktop.reports.excel_roster import COLUMNS, COLUMNS_BY_KEY, choice_lookup, choice_words
from dj_desktop.reports.excel_roster_reader import RawRow

#: Text columns whose inner spaces matter (addresses, units); others lose every space.
_SPACED_TEXT = ("ethnicity", "native_place", "education", "work_unit", "post", "address", "notes")
_PLAIN_TEXT = ("name", "phone")
#: What an empty choice cell means (``None``: derived by the member rules).
_CHOICE_DEFAULTS = {"gender": "", "member_type": None, "category": "employed", "management": "self"}


@dataclass
class ParsedRow:
    """The member fields read from one row (only the columns the file has) and the cell problems."""

    number: int
    fields: dict[str, Any] = field(default_factory=dict)
    group_name: str = ""
    problems: list[Problem] = field(default_factory=list)
    #: Columns whose cell was empty: on an update they keep the saved value unless the user chose to clear.
    blank: set[str] = field(default_factory=set)


def group_key(name: str) -> str:
    """Group names compare without spaces and full-width forms (一组 == 一 组)."""
    return normalise_text(name).casefold()


class RowReader:
    """Reads rows of one file; built once per import so choice spellings are looked up once."""

    def __init__(self, present: set[str]):
        self.present = present
        self._choices = {key: choice_lookup(key) for key in _CHOICE_DEFAULTS}

    def parse(self, raw: RawRow) -> ParsedRow:
        row = ParsedRow(number=raw.number)
        values = raw.values
        for column in COLUMNS:
            key = column.key
            if key not in self.present or key == "seq":
                continue
            value = values.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                row.blank.add(key)
            try:
                if key == "group":
                    row.group_name = normalise_text(value, keep_inner_spaces=True)
                elif key == "id_number":
                    row.fields[key] = _id_number(value)
                elif column.kind == "date":
                    row.fields[key] = parse_optional_date(value)
                elif column.kind == "choice":
                    row.fields[key] = self._choice(key, value)
                elif key in _PLAIN_TEXT:
                    row.fields[key] = normalise_text(value)
                elif key in _SPACED_TEXT:
                    row.fields[key] = normalise_text(value, keep_inner_spaces=True)
            except ValueError as exc:
                row.problems.append(Problem(key, str(exc), ERROR))
        if "ethnicity" in row.fields and not row.fields["ethnicity"]:
            row.fields["ethnicity"] = "汉族"  # the template says: empty means Han
        return row

    def _choice(self, key: str, value: Any) -> str | None:
        text = normalise_text(value)
        if not text:
            return _CHOICE_DEFAULTS[key]
        found = self._choices[key].get(text.casefold())
        if found is None:
            raise ValueError(_("\"{value}\" is not one of the allowed values; write one of: {choices}.")
                             .format(value=text, choices="、".join(choice_words(key))))
        return found


def _id_number(value: Any) -> str:
    if isinstance(value, float):
        # parse_id_number explains a number cell that lost digits; a whole float is fine.
        parse_id_number(value)
    return normalise_id_number(value)


def column_for_field(field_name: str) -> str:
    """The roster column a member field's problem belongs to ("" for the whole row)."""
    if field_name == "group_id":
        return "group"
    return field_name if field_name in COLUMNS_BY_KEY else ""


def group_problem(name: str, existing: list[str]) -> Problem:
    if existing:
        text = _("There is no Party group \"{name}\" in this branch. Existing groups: {groups}. Correct the "
                 "name, or import with the option to create missing groups.").format(
            name=name, groups="、".join(existing))
    else:
        text = _("There is no Party group \"{name}\": this branch has no groups yet. Create the groups first, "
                 "or import with the option to create missing groups.").format(name=name)
    return Problem("group", text, ERROR)


__all__ = ["ParsedRow", "RowReader", "column_for_field", "group_key", "group_problem"]
