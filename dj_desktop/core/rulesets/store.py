"""Rule-set versions in the database (added locally or by the office) merged with the shipped ones.

The one module of ``core.rulesets`` that reads the ORM (the architecture test allows it);
every function takes the caller's session, so a service can read the version in effect
inside its own transaction.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import RuleSetVersion
from dj_desktop.core.rulesets.loader import VALIDATORS, shipped_versions
from dj_desktop.core.rulesets.types import RuleSource, RuleVersion, in_effect, ordered, parse_version

log = logging.getLogger(__name__)

#: At most this many versions are taken from one return bundle.
MAX_VERSIONS_PER_BUNDLE = 100


def _from_row(row: RuleSetVersion) -> RuleVersion:
    return RuleVersion(rule_set=row.rule_set, version=row.version, effective_from=row.effective_from,
                       sources=tuple(RuleSource(s["document"], tuple(s.get("articles", ()))) for s in row.sources),
                       note=row.note, content=row.content, origin=row.origin)


def versions(s: Session, name: str) -> list[RuleVersion]:
    """Every version of ``name`` (shipped and stored), by effective date (see ``types.ordered``)."""
    rows = s.scalars(select(RuleSetVersion).where(RuleSetVersion.rule_set == name)
                     .order_by(RuleSetVersion.added_at, RuleSetVersion.id))
    return ordered(shipped_versions(name) + [_from_row(r) for r in rows])


def version_on(s: Session, name: str, on: date) -> RuleVersion | None:
    """The version of ``name`` in effect on ``on``; None before the first one took effect."""
    return in_effect(versions(s, name), on)


def find(s: Session, name: str, version: str) -> RuleVersion | None:
    return next((v for v in versions(s, name) if v.version == version), None)


def add(s: Session, data: Any, *, origin: str) -> RuleVersion:
    """Checks and stores a new version (JSON-shaped ``data`` or a ``RuleVersion``); refuses a taken name."""
    if isinstance(data, RuleVersion):
        data = data.to_json()
    version = parse_version(data, origin=origin, validators=VALIDATORS)
    if find(s, version.rule_set, version.version) is not None:
        raise ValidationError({"version": _("Rule set {name} already has a version {version}; give the new one "
                                            "another name.").format(name=version.rule_set, version=version.version)})
    s.add(RuleSetVersion(rule_set=version.rule_set, version=version.version, effective_from=version.effective_from,
                         sources=[{"document": x.document, "articles": list(x.articles)} for x in version.sources],
                         note=version.note, content=version.content, origin=origin))
    s.flush()
    return version


def office_versions(s: Session) -> list[dict[str, Any]]:
    """The versions the office added, as JSON, for the return bundles it writes."""
    rows = s.scalars(select(RuleSetVersion).where(RuleSetVersion.origin.in_(("local", "office")))
                     .order_by(RuleSetVersion.added_at, RuleSetVersion.id))
    return [_from_row(r).to_json() for r in rows]


def take_office_versions(s: Session, entries: Iterable[Any]) -> int:
    """Stores the versions an office sent that this branch does not have yet; idempotent.
    A version whose name is taken here is kept as it is (logged), so nothing local is overwritten.
    ``entries`` were checked when the bundle was read (``check_bundle_versions``)."""
    added = 0
    for data in entries:
        version = parse_version(data, origin="office", validators=VALIDATORS)
        if find(s, version.rule_set, version.version) is not None:
            log.info("rule-set version %s already present; the office's copy was not taken", version.ref)
            continue
        add(s, version, origin="office")
        added += 1
    return added


def check_bundle_versions(value: Any) -> list[dict[str, Any]]:
    """The ``rule_versions`` list of a return bundle's manifest, every entry checked; raises ``UserError``."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_VERSIONS_PER_BUNDLE:
        raise UserError(_("The return bundle's rule versions are malformed; nothing was applied."))
    for data in value:
        try:
            parse_version(data, origin="office", validators=VALIDATORS)
        except ValidationError as exc:
            raise UserError(_("The return bundle carries an invalid rule version ({problems}); nothing was "
                              "applied.").format(problems="; ".join(exc.problems.values()))) from exc
    return list(value)
