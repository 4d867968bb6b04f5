"""An assessment standard as a file of its own: exported from the ``assessment`` rule set, imported
(checked: the items add up to the total, every scoring rule exists, messages name the item) and
stored as a NEW version of the rule set. An assessment already submitted keeps the version it was
scored with (its ``rules_version``), so a new or edited standard never changes a frozen one.

The file: ``{"format": FORMAT, "from": "assessment@<version>", "standard": {…}}``, the standard in
exactly the shape of the rule set's content (categories → items with points, rule, params …).
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any, Mapping

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.assessment import Standard, standard_from

FORMAT = "dj-desktop/assessment-standard"
RULE_SET = "assessment"


def export_standard(rulesets, name: str, on: date | None = None) -> dict[str, Any]:
    """The standard ``name`` of the version in effect on ``on`` (today) as a file's JSON."""
    version = rulesets.in_effect(RULE_SET, on or date.today())
    for data in version.content["standards"]:
        if data.get("name") == name:
            return {"format": FORMAT, "from": version.ref, "standard": copy.deepcopy(data)}
    raise UserError(_("There is no assessment standard called “{name}”. Known standards: {known}.").format(
        name=name, known=", ".join(d.get("name", "") for d in version.content["standards"])))


def check_standard(data: Any) -> Standard:
    """The standard of a file's JSON (or a bare standard object), checked; ``ValidationError`` otherwise."""
    if isinstance(data, Mapping) and "standard" in data:
        if data.get("format", FORMAT) != FORMAT:
            raise ValidationError({"format": _("This is not an assessment standard file (format {format}).").format(
                format=str(data.get("format"))[:60])})
        data = data["standard"]
    if not isinstance(data, Mapping):
        raise ValidationError({"file": _("An assessment standard file holds one JSON object with the standard's "
                                         "name, title, total, source and categories.")})
    try:
        return standard_from(data)
    except ValueError as exc:
        raise ValidationError({"standard": str(exc)}) from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError({"standard": _("The standard must list categories with items ({problem}).").format(
            problem=str(exc)[:200])}) from None


def import_standard(rulesets, data: Any, *, version: str | None = None, effective_from: date | None = None,
                    today: date | None = None):
    """Stores the standard of ``data`` (new, or replacing the one of the same name) in a new version of
    the rule set, the other standards and settings copied from the version in effect. Returns the new
    :class:`RuleVersion`. Bad input: ``ValidationError``, nothing stored."""
    today = today or date.today()
    standard = check_standard(data)
    raw = copy.deepcopy(dict(data["standard"] if isinstance(data, Mapping) and "standard" in data else data))
    effective_from = effective_from or today
    current = rulesets.in_effect(RULE_SET, effective_from)
    content = copy.deepcopy(dict(current.content))
    others = [s for s in content["standards"] if s.get("name") != standard.name]
    replaced = len(others) != len(content["standards"])
    content["standards"] = others + [raw] if not replaced else [
        raw if s.get("name") == standard.name else s for s in content["standards"]]
    taken = {v.version for v in rulesets.versions(RULE_SET)}
    if version is None:
        base = re.sub(r"[^A-Za-z0-9._-]", "-", f"{effective_from.isoformat()}-{standard.name}")[:36]
        version = base
        n = 2
        while version in taken:
            version, n = f"{base}-{n}", n + 1
    note = (_("Standard {name} replaced on {day} (from a file or the office's editor).") if replaced else
            _("Standard {name} added on {day} (from a file or the office's editor).")).format(
        name=standard.name, day=today.isoformat())
    sources = [{"document": s.document, "articles": list(s.articles)} for s in current.sources]
    if standard.source not in {s["document"] for s in sources}:
        sources = sources[:19] + [{"document": standard.source[:500], "articles": []}]
    entry = {"rule_set": RULE_SET, "version": version, "effective_from": effective_from.isoformat(),
             "sources": sources,
             "note": (note + ("\n" + current.note if current.note else ""))[:4000], "content": content}
    return rulesets.add(entry)
