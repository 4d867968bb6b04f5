"""The unit's required papers of member development (本单位要求的材料): one record per paper a branch
adds to a step, on top of the rule set's national papers. Written only through
``services.development_papers`` (checked step number, no duplicate of a national paper); it travels
in the sync bundle like every record book."""

from __future__ import annotations

from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.i18n import N_
from dj_desktop.core.models.development_papers import DevelopmentPaper

BOOK = register_book(RecordBook(
    key="development_papers", title=N_("Unit's required papers of member development"),
    noun=N_("required paper"), model=DevelopmentPaper, date_field="added_on",
    title_of=lambda v: v.get("name") or "", order=61, generic_writes=False, member_fields=(),
    columns=(
        Column("step_no", N_("Step"), "number", width=6),
        Column("name", N_("Paper"), width=20),
        Column("added_on", N_("Added on"), "date", width=12),
        Column("note", N_("Note"), main=False, width=30),
    ),
))
