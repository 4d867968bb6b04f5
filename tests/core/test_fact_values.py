"""Stored ids and dates read back as the column types read them (core/books/fact_values.py)."""

import uuid
from datetime import date

from dj_desktop.core.books.fact_values import ValueReader


def test_values_equal_what_the_types_give_and_repeat_as_one_object():
    v, u = ValueReader(), uuid.uuid4()
    assert v.id(u.hex) == u and hash(v.id(u.hex)) == hash(u) and v.id(u.hex) is v.id(u.hex)
    assert v.new_id(u.hex) == u and str(v.new_id(u.hex)) == str(u)
    assert v.id(str(u)) == u                                 # with dashes: the standard parser
    assert v.id(u) is u and v.id(None) is None               # PostgreSQL gives UUID objects
    assert v.date("2026-02-28") == date(2026, 2, 28) and v.date(date(2026, 1, 1)) == date(2026, 1, 1)
    assert v.date(None) is None


def test_a_chunks_values_converted_at_once_look_up_the_same_values():
    v, u = ValueReader(), uuid.uuid4()
    rows = [("2026-02-28", u.hex, None), ("2026-02-28", None, date(2026, 1, 1))]
    day, ident = v.dates_in(rows, (0, 2)), v.ids_in(rows, (1,))
    assert day("2026-02-28") == date(2026, 2, 28) and day(None) is None and day(date(2026, 1, 1)) == date(2026, 1, 1)
    assert ident(u.hex) == u and ident(u.hex) is v.id(u.hex) and ident(None) is None
