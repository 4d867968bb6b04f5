"""Assembling a person's development file and public-notice poster as plain data for the writers."""

from __future__ import annotations

import uuid
from datetime import date

from dj_desktop.core.development_printout import DevelopmentFilePrint, DevelopmentRowPrint
from dj_desktop.core.i18n import _
from dj_desktop.core.notice_poster import NoticePoster
from dj_desktop.core.rules.masking import mask_id_number
from dj_desktop.core.vocabularies.development import STAGES


def development_file(services, file_id: uuid.UUID) -> DevelopmentFilePrint:
    dev = services.development
    person = dev.person(file_id)
    rules = dev.rules(file_id)
    entered: dict[int, list[dict]] = {}
    for step in dev.steps(file_id):
        entered.setdefault(step["no"], []).append(step)
    papers = {p.no: p for p in services.development_papers.steps(file_id)}
    rows = []
    for row in dev.timeline(file_id):
        steps = entered.get(row.no, [])
        people = "、".join(dict.fromkeys(n for s in steps for n in (*s["people"], *s["sponsors"])))
        votes = next((s["votes"] for s in steps if s["votes"]), None)
        note = "；".join(s["note"] for s in steps if s["note"])
        if votes:
            note = "；".join(filter(None, [_("entitled {entitled}, present {present}, in favour {in_favour}")
                                           .format(**votes), note]))
        rows.append(DevelopmentRowPrint(
            no=row.no, stage=rules.stage_name(row.stage), name=row.name, article=row.article, actual=row.actual,
            earliest=row.bounds.earliest, latest=row.bounds.latest, planned=row.planned,
            provisional=row.bounds.provisional, people=people, papers=paper_marks(papers[row.no]), note=note))
    from dj_desktop.core.models import DevelopmentFile, Organisation
    with services.db.sessions() as s:
        f = s.get(DevelopmentFile, file_id)
        branch_name = s.get(Organisation, f.branch_id).name
        id_number, applied = f.id_number, f.applied_on
    return DevelopmentFilePrint(branch_name=branch_name, name=person.name, id_number=mask_id_number(id_number),
                                applied_on=applied, stage=_(STAGES[person.stage]), rules_version=person.rules_version,
                                unconfirmed=rules.unconfirmed, cancelled_reason=person.cancelled_reason,
                                rows=tuple(rows))


def paper_marks(step) -> tuple[str, ...]:
    """Each paper of a step as printed: its name, (本单位) for the unit's own, and 已附/缺 once the
    step is done (a step not yet done lists only what it will need)."""
    out = []
    for p in step.papers:
        name = p.name + (_("(unit)") if p.kind == "unit" else "")
        if step.step_id is not None:
            name += _("(attached)") if p.attached else _("(missing)")
        out.append(name)
    return tuple(out)


def notice_poster(services, file_id: uuid.UUID, *, paper: str = "A4", posted_on: date | None = None) -> NoticePoster:
    """The public notice (公示) of a candidate before the upper committee's pre-review, or of a
    probationary member before the conversion: five working days."""
    printed = development_file(services, file_id)
    person = services.development.person(file_id)
    converting = person.stage == "probationary"
    if posted_on is None and not converting:     # the admission notice is step 12 (支部委员会审查（公示）)
        posted_on = next((r.actual[-1] for r in printed.rows if r.no == 12 and r.actual), None)
    until = None
    if posted_on:
        from dj_desktop.core.rules.workdays import nth_working_day
        until = nth_working_day(services.development.calendar.calendar(person.branch_id), posted_on, 5).day
    what = _("to be converted to a full member") if converting else _("to be admitted as a probationary member")
    body = _("Comrade {name} has been proposed {what}. To hear the opinions of Party members and the public, "
             "this is posted for five working days. Opinions may be reported to the branch committee in person, "
             "by telephone or in writing.").format(name=printed.name, what=what)
    steps = tuple((r.name, r.people, r.actual[-1] if r.actual else None) for r in printed.rows if r.no in (3, 7, 9, 12))
    return NoticePoster(branch_name=printed.branch_name, kind_label=_("Public notice on member development"),
                        title=_("Public notice (公示)"), body=body, posted_on=posted_on, post_until=until,
                        steps=steps, paper=paper)

