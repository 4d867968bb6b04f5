"""Posts of 设岗定责 in a Party group: each post, its duties, who holds it and since when."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sqlalchemy.orm import Session

from dj_desktop.core.books.group_checks import check_group, check_in_group, check_period, text_required
from dj_desktop.core.books.registry import Column, RecordBook, register_book
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models.group_manual import GroupPost


def check_post(s: Session, values: Mapping[str, Any], today: date) -> None:
    problems: dict[str, str] = {}
    group = check_group(s, values, problems)
    text_required(values, "post", problems, _("Enter the name of the post."))
    start = check_period(values, today, problems)
    check_in_group(s, values, "member_id", group, start, problems, missing=_("Choose the member who holds the post."))
    if problems:
        raise ValidationError(problems)


BOOK = register_book(RecordBook(
    key="group_posts", title=N_("Posts and duties"), noun=N_("post"), model=GroupPost,
    date_field="started_on", title_of=lambda v: v.get("post") or _("Post"), order=47,
    columns=(
        Column("group_id", N_("Party group"), "organisation", width=12),
        Column("post", N_("Post"), width=16),
        Column("member_id", N_("Held by"), "member", width=10),
        Column("started_on", N_("Since"), "date", width=12),
        Column("ended_on", N_("Until"), "date", width=12),
        Column("duties", N_("Duties"), width=40),
    ),
    validate=check_post,
))
