"""The self-assessment (党支部工作考核手册): a branch scored against a standard for a period.

Every item a rule can judge is scored from the records, with the records behind it; the
secretary scores the rest (checked against the item's points), notes deductions and vetoes.
A submitted assessment is frozen, automatic scores and evidence included; a change makes a
new version. Each public call is one transaction and returns plain values.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models.assessment import Assessment
from dj_desktop.core.rules import assessment as rules
from dj_desktop.core.rules.assessment_periods import AssessmentPeriod, parse_period
from dj_desktop.core.rules.assessment_rules import RULES, AssessmentFacts
from dj_desktop.core.rulesets import store
from dj_desktop.core.rulesets.types import RuleVersion
from dj_desktop.core.services.assessment_facts import read_facts
from dj_desktop.core.assessment_sheet import (
    AssessmentComparison, AssessmentHandbook, AssessmentSheet, ComparisonRow, DeductionState, EvidenceLine,
    HistoryRow, ItemScore, StandardInfo, VetoState,
)

RULE_SET = "assessment"


class AssessmentService:
    def __init__(self, db: Database, *, dues, resolve_branch: Callable[[Any], Any], development=None):
        self._db, self._dues, self._resolve = db, dues, resolve_branch
        #: For the ``development_on_time`` rule (``DevelopmentService``: rule versions, calendar).
        self._development = development
        #: Today's date for "overdue"; tests pin it.
        self._today: Callable[[], date] = date.today

    # --- standards ---------------------------------------------------------------------------
    def _version(self, s: Session, on: date) -> RuleVersion:
        version = store.version_on(s, RULE_SET, on)
        if version is None:
            raise UserError(_("No assessment standard is in effect on {day}.").format(day=on.isoformat()))
        return version

    @staticmethod
    def _info(standard: rules.Standard, version: RuleVersion) -> StandardInfo:
        return StandardInfo(name=standard.name, title=standard.title, version=version.version,
                            ref=version.ref, total=standard.total, source=standard.source,
                            items=len(standard.items), confirmed=standard.confirmed, note=version.note)

    def standards(self, on: date | None = None) -> list[StandardInfo]:
        with self._db.sessions.begin() as s:
            version = self._version(s, on or date.today())
            return [self._info(st, version) for st in rules.standards_from(version.content, version.version).values()]

    def standard(self, name: str, on: date | None = None) -> rules.Standard:
        with self._db.sessions.begin() as s:
            return self._standard(self._version(s, on or date.today()), name)

    @staticmethod
    def _standard(version: RuleVersion, name: str) -> rules.Standard:
        found = rules.standards_from(version.content, version.version)
        if name not in found:
            raise UserError(_("There is no assessment standard called “{name}”. Known standards: {known}.").format(
                name=name, known=", ".join(found)))
        return found[name]

    # --- reading -----------------------------------------------------------------------------
    def _context(self, s: Session, branch, period_text: str, standard_name: str, today: date):
        unit = self._resolve(branch)
        period = parse_period(period_text, today)
        record = self._latest(s, unit.id, period.text, standard_name)
        if record is not None:
            version = store.find(s, *record.rules_version.split("@", 1))
        else:
            version = self._version(s, min(period.last, today))
        return unit, period, record, version, self._standard(version, standard_name)

    @staticmethod
    def _latest(s: Session, branch_id: uuid.UUID, period: str, standard: str) -> Assessment | None:
        return s.scalars(select(Assessment).where(
            Assessment.branch_id == branch_id, Assessment.period == period, Assessment.standard == standard,
            Assessment.deleted.is_(False)).order_by(Assessment.version_no.desc()).limit(1)).first()

    def _auto(self, s: Session, unit, period: AssessmentPeriod, standard: rules.Standard) -> dict[str, dict]:
        """item id → {"score", "note", "evidence"} for the automatic items, from the records now."""
        months = []
        if any(i.rule == "dues_collected" for i in standard.items):
            months = [self._dues.roll(date(y, m, 1), branch_id=unit.id)
                      for y, m in AssessmentFacts(period.first, period.last).months()]
        facts = read_facts(s, unit.id, period, months,
                           study=any(i.rule == "study_hours_at_target" for i in standard.items))
        if any(i.rule == "development_on_time" for i in standard.items):
            from dataclasses import replace

            from dj_desktop.core.services.assessment_development_facts import read_development
            facts = replace(facts, development=read_development(s, self._development, unit.id, period.first,
                                                                period.last, self._today()))
        out = {}
        for item in standard.items:
            if item.automatic:
                result = RULES[item.rule].score(item.params, facts)
                out[item.id] = {"score": str(rules.points(item.points * result.share)), "note": result.note,
                                "evidence": [[book, str(rid)] for book, rid in result.evidence]}
        return out

    def sheet(self, *, branch=None, period: str, standard: str, today: date | None = None) -> AssessmentSheet:
        today = today or date.today()
        with self._db.sessions.begin() as s:
            unit, p, record, version, st = self._context(s, branch, period, standard, today)
            return self._sheet(s, unit, p, record, version, st)

    def _sheet(self, s, unit, period, record, version, standard) -> AssessmentSheet:
        frozen = record is not None and record.status == "submitted"
        auto = dict(record.auto_scores) if frozen else self._auto(s, unit, period, standard)
        typed = dict(record.scores) if record is not None else {}
        items, scores = [], {}
        for category in standard.categories:
            for item in category.items:
                entry = typed.get(item.id) or {}
                manual = Decimal(entry["score"]) if entry.get("score") not in (None, "") else None
                found = auto.get(item.id)
                auto_score = Decimal(found["score"]) if found else None
                final = manual if manual is not None else (auto_score if auto_score is not None else Decimal(0))
                scores[item.id] = final
                items.append(ItemScore(
                    id=item.id, category=category.title, title=item.title, max=item.points, rule=item.rule,
                    automatic=item.automatic, auto_score=auto_score,
                    evidence=tuple((b, uuid.UUID(i)) for b, i in (found or {}).get("evidence", [])),
                    note=(found or {}).get("note", ""), score=manual, comment=str(entry.get("comment") or ""),
                    final=final, how=item.how, source=item.source))
        deducted = {k: Decimal(v) for k, v in (record.deductions if record else {}).items()}
        vetoes = set(record.vetoes) if record else set()
        result = rules.outcome(standard, scores, deducted, vetoes)
        notes = []
        # A committee term is a standing fact, not a record of the period.
        if not any(book != "terms" for i in items for book, _id in i.evidence):
            notes.append(_("No records of this branch in {period}: the automatic items score 0.").format(
                period=period.text))
        return AssessmentSheet(
            branch_id=unit.id, branch_name=unit.name, period=period.text, first=period.first, last=period.last,
            standard=self._info(standard, version), items=tuple(items),
            deductions=tuple(DeductionState(d.id, d.title, d.points, deducted.get(d.id, Decimal(0)))
                             for d in standard.deductions),
            vetoes=tuple(VetoState(v.id, v.title, v.id in vetoes) for v in standard.vetoes),
            total=result.total, stars=result.stars, tier=result.tier, vetoed=result.vetoed,
            star_levels=standard.stars, record_id=record.id if record else None,
            version_no=record.version_no if record else 0, status=record.status if record else "new",
            submitted_on=record.submitted_on if record else None, comment=record.comment if record else "",
            notes=tuple(notes),
            office_scores={k: Decimal(v) for k, v in (record.office_scores if record else {}).items()},
            office_total=Decimal(record.office_total) if record is not None and record.office_total else None,
            office_stars=record.office_stars if record else None,
            office_comment=record.office_comment if record else "",
            office_scored_on=record.office_scored_on if record else None)

    def history(self, *, branch=None, standard: str = "star") -> list[HistoryRow]:
        """Every version of the branch's assessments against ``standard``, oldest period first."""
        unit = self._resolve(branch)
        with self._db.sessions.begin() as s:
            rows = s.scalars(select(Assessment).where(
                Assessment.branch_id == unit.id, Assessment.standard == standard, Assessment.deleted.is_(False))
                .order_by(Assessment.period_end, Assessment.version_no))
            return [HistoryRow(r.id, r.period, r.version_no, r.status, r.total, r.stars, r.submitted_on)
                    for r in rows]

    def handbook(self, sheet: AssessmentSheet, today: date | None = None) -> AssessmentHandbook:
        """The printed handbook of a sheet: its evidence as dated, titled lines and the standard's note."""
        with self._db.sessions.begin() as s:
            version = store.find(s, *sheet.standard.ref.split("@", 1))
            from dj_desktop.core.services.assessment_evidence import evidence_file_lines
            return AssessmentHandbook(sheet=sheet, evidence=evidence_lines(s, sheet),
                                      rule_note=version.note if version else "", printed_on=today or date.today(),
                                      files=evidence_file_lines(s, sheet))

    def evidence_titles(self, evidence) -> list[str]:
        """One line per ``(book, id)``, in the given order: "2025-03-05 会议记录：…" (a record since
        deleted is named so)."""
        with self._db.sessions.begin() as s:
            views = _evidence_views(s, evidence)
        out = []
        for pair in evidence:
            line = views.get(pair)
            out.append(_("(record no longer in the database)") if line is None else
                       f"{line.day.isoformat() if line.day else ''} {line.book}：{line.title}".strip())
        return out

    def comparison(self, *, period: str, standard: str, branches, today: date | None = None) -> AssessmentComparison:
        """Every branch's scores by category, total and stars (the submitted version when there is one),
        and the five-star cap across them. ``branches``: the office's branches (``OrgUnit`` values)."""
        from dj_desktop.core.rules.star_history import five_star_cap, star_changes_from
        today = today or date.today()
        rows, st = [], None
        for unit in branches:
            with self._db.sessions.begin() as s:
                p = parse_period(period, today)
                record = self._latest_submitted(s, unit.id, p.text, standard) or self._latest(s, unit.id, p.text,
                                                                                               standard)
                version = (store.find(s, *record.rules_version.split("@", 1)) if record is not None
                           else self._version(s, min(p.last, today)))
                st = self._standard(version, standard)
                sheet = self._sheet(s, unit, p, record, version, st)
            scores = tuple(sum((i.final for i in sheet.items if i.category == c.title), Decimal(0))
                           for c in st.categories)
            rows.append(ComparisonRow(unit.name, sheet.status, sheet.version_no, scores, sheet.total, sheet.stars,
                                      sheet.vetoed))
        if st is None:
            raise UserError(_("There are no branches to compare."))
        with self._db.sessions.begin() as s:
            changes = star_changes_from(self._version(s, min(parse_period(period, today).last, today)).content)
        return AssessmentComparison(period=parse_period(period, today).text, standard=st.title,
                                    categories=tuple(c.title for c in st.categories),
                                    maxima=tuple(c.points for c in st.categories), rows=tuple(rows),
                                    five_star_cap=five_star_cap(len(rows), changes),
                                    five_stars=sum(1 for r in rows if r.stars == 5),
                                    five_star_share=changes.five_star_cap)

    @staticmethod
    def _latest_submitted(s: Session, branch_id: uuid.UUID, period: str, standard: str) -> Assessment | None:
        return s.scalars(select(Assessment).where(
            Assessment.branch_id == branch_id, Assessment.period == period, Assessment.standard == standard,
            Assessment.status == "submitted", Assessment.deleted.is_(False))
            .order_by(Assessment.version_no.desc()).limit(1)).first()

    # --- writing -----------------------------------------------------------------------------
    def save(self, *, branch=None, period: str, standard: str, scores: Mapping[str, Any] | None = None,
             comments: Mapping[str, str] | None = None, deductions: Mapping[str, Any] | None = None,
             vetoes: set[str] | None = None, comment: str | None = None,
             today: date | None = None) -> AssessmentSheet:
        """Stores the secretary's scores (manual items only), comments, deductions and vetoes in the
        draft (made when there is none). Bad input: ``ValidationError`` per item, nothing saved."""
        today = today or date.today()
        with self._db.sessions.begin() as s:
            unit, p, record, version, st = self._context(s, branch, period, standard, today)
            if record is not None and record.status == "submitted":
                raise UserError(_("The {period} assessment (version {no}) was submitted on {day} and is frozen; "
                                  "make a new version to change it.").format(
                    period=p.text, no=record.version_no, day=record.submitted_on.isoformat()))
            typed = {k: dict(v) for k, v in (record.scores if record else {}).items()}
            problems: dict[str, str] = {}
            for item_id, text in (scores or {}).items():
                item = st.items_by_id.get(item_id)
                if item is None:
                    problems[item_id] = _("The standard has no item {item}.").format(item=item_id)
                elif item.automatic and text not in (None, ""):
                    problems[item_id] = _("“{title}” is scored from the records; add a comment instead.").format(
                        title=item.title)
                else:
                    try:
                        value = None if text in (None, "") else str(rules.check_score(item, text))
                    except ValueError as exc:
                        problems[item_id] = str(exc)
                        continue
                    typed.setdefault(item_id, {})["score"] = value
            for item_id, text in (comments or {}).items():
                if item_id not in st.items_by_id:
                    problems[item_id] = _("The standard has no item {item}.").format(item=item_id)
                else:
                    typed.setdefault(item_id, {})["comment"] = str(text or "").strip()[:2000]
            deducted = dict(record.deductions) if record else {}
            known_deductions = {d.id: d for d in st.deductions}
            for ded_id, text in (deductions or {}).items():
                if ded_id not in known_deductions:
                    problems[ded_id] = _("The standard has no deduction {item}.").format(item=ded_id)
                    continue
                try:
                    deducted[ded_id] = "0" if text in (None, "") else str(rules.check_score(known_deductions[ded_id],
                                                                                             text))
                except ValueError as exc:
                    problems[ded_id] = str(exc)
            unknown = (vetoes or set()) - {v.id for v in st.vetoes}
            if unknown:
                problems["vetoes"] = _("The standard has no veto item {item}.").format(item=", ".join(sorted(unknown)))
            if problems:
                raise ValidationError(problems)
            if record is None:
                record = Assessment(branch_id=unit.id, period=p.text, period_start=p.first, period_end=p.last,
                                    standard=st.name, rules_version=version.ref, version_no=1, status="draft",
                                    scores={}, deductions={}, vetoes=[], auto_scores={}, total="", comment="")
                s.add(record)
            record.scores = typed
            record.deductions = deducted
            if vetoes is not None:
                record.vetoes = sorted(vetoes)
            if comment is not None:
                record.comment = comment.strip()[:4000]
            sheet = self._sheet(s, unit, p, record, version, st)
            record.total, record.stars = str(sheet.total), sheet.stars
            s.flush()
            return self._sheet(s, unit, p, record, version, st)

    def submit(self, *, branch=None, period: str, standard: str, today: date | None = None) -> AssessmentSheet:
        """Freezes the draft: the automatic scores and their evidence as they are today, the total and
        stars. Every manual item must be scored first."""
        today = today or date.today()
        with self._db.sessions.begin() as s:
            unit, p, record, version, st = self._context(s, branch, period, standard, today)
            if record is None or record.status == "submitted":
                raise UserError(_("There is no draft of the {period} assessment to submit; score it first.").format(
                    period=p.text) if record is None else _("The {period} assessment was already submitted.").format(
                    period=p.text))
            missing = {i.id: _("Score “{title}” before submitting.").format(title=i.title) for i in st.items
                       if not i.automatic and (record.scores.get(i.id) or {}).get("score") in (None, "")}
            if missing:
                raise ValidationError(missing)
            record.auto_scores = self._auto(s, unit, p, st)
            record.status, record.submitted_on = "submitted", today
            sheet = self._sheet(s, unit, p, record, version, st)
            record.total, record.stars = str(sheet.total), sheet.stars
            s.flush()
            return sheet

    def office_score(self, *, branch, period: str, standard: str, scores: Mapping[str, Any], stars: int | None,
                     comment: str = "", today: date | None = None) -> AssessmentSheet:
        """The upper level scores every item of a received, submitted self-assessment and sets the final
        star level; it goes back to the branch in the next return bundle. The branch's own scores stay."""
        today = today or date.today()
        with self._db.sessions.begin() as s:
            unit, p, record, version, st = self._context(s, branch, period, standard, today)
            record = self._latest_submitted(s, unit.id, p.text, standard) if record is not None else None
            if record is None:
                raise UserError(_("The branch has not submitted a {period} self-assessment yet; the upper level "
                                  "scores a submitted one.").format(period=p.text))
            version = store.find(s, *record.rules_version.split("@", 1))
            st = self._standard(version, standard)
            problems, typed = {}, {}
            for item in st.items:
                text = scores.get(item.id)
                if text in (None, ""):
                    problems[item.id] = _("Score “{title}” (the upper level scores every item).").format(
                        title=item.title)
                    continue
                try:
                    typed[item.id] = str(rules.check_score(item, text))
                except ValueError as exc:
                    problems[item.id] = str(exc)
            levels = {n for n, _m in st.stars}
            if stars is not None and stars not in levels:
                problems["stars"] = _("Choose a star level of this standard: {levels}.").format(
                    levels=", ".join(str(n) for n in sorted(levels)) or "—")
            if problems:
                raise ValidationError(problems)
            result = rules.outcome(st, {k: Decimal(v) for k, v in typed.items()},
                                   {k: Decimal(v) for k, v in record.deductions.items()}, set(record.vetoes))
            record.office_scores, record.office_total = typed, str(result.total)
            record.office_stars, record.office_comment = stars, comment.strip()[:4000]
            record.office_scored_on = today
            s.flush()
            return self._sheet(s, unit, p, record, version, st)

    def new_version(self, *, branch=None, period: str, standard: str, today: date | None = None) -> AssessmentSheet:
        """A new draft copying the submitted version's scores, to change a frozen assessment."""
        today = today or date.today()
        with self._db.sessions.begin() as s:
            unit, p, record, version, st = self._context(s, branch, period, standard, today)
            if record is None or record.status != "submitted":
                raise UserError(_("Only a submitted assessment gets a new version; the draft can be changed as it is."))
            fresh = self._version(s, min(p.last, today))
            st = self._standard(fresh, standard)
            copy = Assessment(branch_id=unit.id, period=p.text, period_start=p.first, period_end=p.last,
                              standard=st.name, rules_version=fresh.ref, version_no=record.version_no + 1,
                              status="draft", scores=dict(record.scores), deductions=dict(record.deductions),
                              vetoes=list(record.vetoes), auto_scores={}, total=record.total, stars=record.stars,
                              comment=record.comment)
            s.add(copy)
            s.flush()
            return self._sheet(s, unit, p, copy, fresh, st)



def _evidence_views(s: Session, pairs) -> dict[tuple[str, uuid.UUID], EvidenceLine]:
    """``(book, id)`` → a printed line for each record: one query per book."""
    from dj_desktop.core.books import book as book_of
    from dj_desktop.core.books.views import record_views
    wanted: dict[str, set[uuid.UUID]] = {}
    for key, record_id in pairs:
        wanted.setdefault(key, set()).add(record_id)
    views = {}
    for key, ids in wanted.items():
        b = book_of(key)
        rows = list(s.scalars(select(b.model).where(b.model.id.in_(list(ids)))))
        for v in record_views(s, b, rows):
            views[(key, v.id)] = EvidenceLine(book=_(b.title), day=v.day, title=v.title)
    return views


def evidence_lines(s: Session, sheet: AssessmentSheet) -> dict[str, tuple[EvidenceLine, ...]]:
    """The records behind each item's automatic score as printed lines, by date."""
    views = _evidence_views(s, [e for i in sheet.items for e in i.evidence])
    return {i.id: tuple(sorted((views[e] for e in i.evidence if e in views),
                               key=lambda line: (line.day or date.min, line.title))) for i in sheet.items}
