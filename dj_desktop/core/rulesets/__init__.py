"""Versioned rule sets: rule data that changes over time (cadences; later development steps, dues rates …).

A rule set has a name (``cadence``) and versions; a version has a name, an effective date,
its sources (documents and articles), a note for what could not be confirmed, and its
content (JSON), checked by the rule set's validator. Defaults ship as
``resources/rulesets/<name>/<version>.json``; versions added locally or by the office are
stored in table ``rule_set_version``. A record checked against a rule set keeps the
version it used in a ``rules_version`` column holding ``"name@version"`` (``RuleVersion.ref``).

``types`` and ``loader`` import no ORM; ``store`` is the database side.
"""

from dj_desktop.core.rulesets.types import RuleSource, RuleVersion, make_ref, split_ref

__all__ = ["RuleSource", "RuleVersion", "make_ref", "split_ref"]
