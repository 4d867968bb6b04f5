"""The rule sets the program knows (name → content checker) and their versions shipped as data files.

Shipped versions live in ``resources/rulesets/<name>/<version>.json`` (found through
``dj_desktop.assets``, so the frozen program finds them too). A new rule set adds its
folder and one entry in :data:`VALIDATORS`.
"""

from __future__ import annotations

import json
from functools import lru_cache

from dj_desktop.assets import resource
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.rules import appraisal, assessment, cadence_settings, development_rules, dues, funds, organisation_rules, points
from dj_desktop.core.rulesets.types import ContentValidator, RuleVersion, ordered, parse_version

#: Every rule set the program can apply, with the checker of its content.
VALIDATORS: dict[str, ContentValidator] = {
    "cadence": cadence_settings.validate_content,
    "organisation": organisation_rules.validate_content,
    "dues": dues.validate_content,
    "funds": funds.validate_content,
    "development": development_rules.validate_content,
    "assessment": assessment.validate_content,
    "points": points.validate_content,
    "appraisal": appraisal.validate_content,
}


def rule_set_names() -> list[str]:
    return sorted(VALIDATORS)


@lru_cache(maxsize=None)
def _shipped(name: str) -> tuple[RuleVersion, ...]:
    folder = resource("rulesets", name)
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            version = parse_version(data, origin="shipped", validators=VALIDATORS)
        except (OSError, ValueError, ValidationError) as exc:
            # A broken data file is a packaging bug: fail loudly, never fall back silently.
            raise RuntimeError(f"shipped rule-set file {path} is invalid: {exc}") from exc
        if version.rule_set != name or version.version != path.stem:
            raise RuntimeError(f"{path}: rule_set/version must match the folder and file name")
        out.append(version)
    return tuple(ordered(out))


def shipped_versions(name: str) -> list[RuleVersion]:
    """The versions of ``name`` that come with the program, by effective date."""
    return list(_shipped(name))
