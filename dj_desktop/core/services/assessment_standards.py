"""Assessment standards as files and edits (office mode): export one standard as JSON, import one (a
new or changed standard) as a new local version of the ``assessment`` rule set in effect from a day.
The new version is checked like a shipped one (items adding up to the total, known rules, stars);
assessments already made keep the version they were scored with; an office's version travels to the
branches in its return bundles."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules import assessment as rules
from dj_desktop.core.rulesets import store
from dj_desktop.core.rulesets.types import RuleVersion

RULE_SET = "assessment"


class AssessmentStandardService:
    def __init__(self, db: Database):
        self._db = db

    def _in_effect(self, s, on: date) -> RuleVersion:
        version = store.version_on(s, RULE_SET, on)
        if version is None:
            raise UserError(_("No assessment standard is in effect on {day}.").format(day=on.isoformat()))
        return version

    def export(self, name: str, *, on: date | None = None) -> dict[str, Any]:
        """The standard ``name`` in effect on ``on`` as JSON-shaped data, with the version it came from."""
        with self._db.sessions() as s:
            version = self._in_effect(s, on or date.today())
        for data in version.content["standards"]:
            if data.get("name") == name:
                return {"standard": json.loads(json.dumps(data)), "from_version": version.ref}
        raise UserError(_("There is no assessment standard called “{name}”. Known standards: {known}.").format(
            name=name, known=", ".join(d.get("name", "") for d in version.content["standards"])))

    def import_(self, data: Any, *, effective_from: date, label: str = "", note: str = "") -> RuleVersion:
        """Adds (or replaces, by name) one standard in a new version of the rule set in effect on
        ``effective_from``; raises ``ValidationError`` naming what is wrong."""
        standard = data.get("standard") if isinstance(data, dict) and "standard" in data else data
        if not isinstance(standard, dict) or not isinstance(standard.get("name"), str):
            raise ValidationError({"standard": _("The file does not hold an assessment standard (a JSON object with "
                                                 "a name, categories and items).")})
        try:
            rules.standard_from(standard)
        except ValueError as exc:
            raise ValidationError({"standard": str(exc)}) from None
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValidationError({"standard": _("The standard must have categories with items ({problem}).").format(
                problem=str(exc)[:200])}) from None
        with self._db.sessions.begin() as s:
            base = self._in_effect(s, effective_from)
            content = json.loads(json.dumps(base.content))
            names = [d.get("name") for d in content["standards"]]
            if standard["name"] in names:
                content["standards"][names.index(standard["name"])] = standard
            else:
                content["standards"].append(standard)
            version = {**base.to_json(), "version": label.strip() or f"{effective_from:%Y%m%d}-{standard['name']}",
                       "effective_from": effective_from.isoformat(), "content": content,
                       "note": note.strip() or _("Standard “{name}” changed on this installation, from {ref}.").format(
                           name=standard["name"], ref=base.ref)}
            return store.add(s, version, origin="local")
