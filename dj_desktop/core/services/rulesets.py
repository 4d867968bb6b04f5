"""RuleSetService: the versions of each rule set, the one in effect on a day, adding a version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rulesets import store
from dj_desktop.core.rulesets.loader import rule_set_names
from dj_desktop.core.rulesets.types import RuleVersion, split_ref

__all__ = ["RuleSetInfo", "RuleSetService", "RuleVersion"]


@dataclass(frozen=True)
class RuleSetInfo:
    name: str
    versions: tuple[RuleVersion, ...]


class RuleSetService:
    def __init__(self, db: Database):
        self._db = db

    def names(self) -> list[str]:
        return rule_set_names()

    def rule_sets(self) -> list[RuleSetInfo]:
        """Every rule set with all its versions (shipped and added), by effective date."""
        with self._db.sessions.begin() as s:
            return [RuleSetInfo(name, tuple(store.versions(s, name))) for name in rule_set_names()]

    def versions(self, name: str) -> list[RuleVersion]:
        self._check_name(name)
        with self._db.sessions.begin() as s:
            return store.versions(s, name)

    def in_effect(self, name: str, on: date) -> RuleVersion:
        """The version of ``name`` in effect on ``on``; raises ``UserError`` before the first one."""
        self._check_name(name)
        with self._db.sessions.begin() as s:
            version = store.version_on(s, name, on)
        if version is None:
            raise UserError(_("No version of rule set {name} was in effect on {day}.").format(
                name=name, day=on.isoformat()))
        return version

    def get(self, name: str, version: str) -> RuleVersion:
        self._check_name(name)
        with self._db.sessions.begin() as s:
            found = store.find(s, name, version)
        if found is None:
            raise UserError(_("Rule set {name} has no version {version}.").format(name=name, version=version))
        return found

    def by_ref(self, ref: str) -> RuleVersion:
        """The version a record's ``rules_version`` (``"name@version"``) names."""
        try:
            name, version = split_ref(ref)
        except ValueError as exc:
            raise UserError(_("{ref} does not name a rule-set version (expected name@version).").format(ref=ref)) from exc
        return self.get(name, version)

    def add(self, data: Any) -> RuleVersion:
        """Checks and stores a version added on this installation (JSON-shaped, as the shipped files);
        raises ``ValidationError`` with a message per problem."""
        with self._db.sessions.begin() as s:
            return store.add(s, data, origin="local")

    def _check_name(self, name: str) -> None:
        if name not in rule_set_names():
            raise UserError(_("Unknown rule set {name}; known: {known}.").format(
                name=name, known=", ".join(rule_set_names())))
