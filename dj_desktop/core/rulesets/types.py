"""A rule-set version (name, effective date, sources, note, content) and the checks every version passes.

Plain data, no ORM: the same parser reads a shipped file, a file given to ``rules add``,
a version typed in locally and one that arrives in a return bundle from the office, so
each of them is held to the same limits (types, sizes, a known rule set, its content shape).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _

#: Where a version came from: a data file of the program, this installation, or the office.
ORIGINS = ("shipped", "local", "office")

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
MAX_SOURCES = 20
MAX_ARTICLES = 50
MAX_TEXT = 500           # one document title or article reference
MAX_NOTE = 4000
MAX_CONTENT_BYTES = 64 * 1024

#: Rule-set name → checker of a version's content, returning ``{field: message}`` (empty: fine).
ContentValidator = Callable[[Any], dict[str, str]]


@dataclass(frozen=True)
class RuleSource:
    """A document (e.g. 《中国共产党支部工作条例（试行）》) and the articles the values come from."""

    document: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleVersion:
    rule_set: str
    version: str
    effective_from: date
    sources: tuple[RuleSource, ...]
    #: What could not be confirmed from the sources, and which older value was kept.
    note: str
    content: Mapping[str, Any]
    origin: str = "shipped"

    @property
    def ref(self) -> str:
        """``"name@version"``: what a record checked against this version keeps in its ``rules_version``."""
        return f"{self.rule_set}@{self.version}"

    def to_json(self) -> dict[str, Any]:
        """The shape of a shipped file (and of ``rules add`` files, and of a return bundle's entry)."""
        return {"rule_set": self.rule_set, "version": self.version,
                "effective_from": self.effective_from.isoformat(),
                "sources": [{"document": s.document, "articles": list(s.articles)} for s in self.sources],
                "note": self.note, "content": json.loads(json.dumps(self.content))}


def make_ref(rule_set: str, version: str) -> str:
    return f"{rule_set}@{version}"


def split_ref(ref: str) -> tuple[str, str]:
    """``"cadence@2018"`` → ``("cadence", "2018")``; raises ``ValueError`` for anything else."""
    name, sep, version = ref.partition("@")
    if not sep or not NAME_PATTERN.match(name) or not VERSION_PATTERN.match(version):
        raise ValueError(f"not a rule-set version reference: {ref!r}")
    return name, version


def _text(value: Any, *, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        return None
    return value.strip()


def _sources(value: Any, problems: dict[str, str]) -> tuple[RuleSource, ...]:
    if isinstance(value, Mapping):     # one document may be given without the list around it
        value = [value]
    if not isinstance(value, list) or not value or len(value) > MAX_SOURCES:
        problems["sources"] = _("Give the source: at least one document (and its articles), "
                                "at most {count} documents.").format(count=MAX_SOURCES)
        return ()
    out = []
    for item in value:
        document = _text(item.get("document"), limit=MAX_TEXT) if isinstance(item, Mapping) else None
        articles = item.get("articles", []) if isinstance(item, Mapping) else None
        if isinstance(articles, str):
            articles = [articles]
        if document is None:
            problems["sources"] = _("Each source needs the document's title (at most {limit} characters).").format(
                limit=MAX_TEXT)
            return ()
        if not isinstance(articles, list) or len(articles) > MAX_ARTICLES or any(
                _text(a, limit=MAX_TEXT) is None for a in articles):
            problems["sources"] = _("The articles of {document} must be a list of at most {count} texts "
                                    "of at most {limit} characters.").format(
                document=document, count=MAX_ARTICLES, limit=MAX_TEXT)
            return ()
        out.append(RuleSource(document, tuple(a.strip() for a in articles)))
    return tuple(out)


def parse_version(data: Any, *, origin: str, validators: Mapping[str, ContentValidator]) -> RuleVersion:
    """A checked :class:`RuleVersion` from JSON-shaped ``data``; raises ``ValidationError`` listing
    every problem in words a secretary can act on."""
    if not isinstance(data, Mapping):
        raise ValidationError({"file": _("A rule-set version must be a JSON object with the keys rule_set, "
                                         "version, effective_from, sources, note and content.")})
    problems: dict[str, str] = {}
    name = data.get("rule_set")
    if not isinstance(name, str) or name not in validators:
        problems["rule_set"] = _("Unknown rule set {name}; known: {known}.").format(
            name=json.dumps(name, ensure_ascii=False)[:60], known=", ".join(sorted(validators)))
    version = data.get("version")
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        problems["version"] = _("The version name must be 1 to 40 letters, digits, dots, hyphens or "
                                "underscores (e.g. 2018 or 2024-office).")
    effective = data.get("effective_from")
    effective_on = None
    if isinstance(effective, str):
        try:
            effective_on = date.fromisoformat(effective)
        except ValueError:
            effective_on = None
    if effective_on is None or not 1921 <= effective_on.year <= 2200:
        problems["effective_from"] = _("Give the effective date as YYYY-MM-DD (e.g. 2018-10-28).")
    sources = _sources(data.get("sources"), problems)
    note = data.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        problems["note"] = _("The note must be a text of at most {limit} characters.").format(limit=MAX_NOTE)
    content = data.get("content")
    try:
        size = len(json.dumps(content, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError):
        size = MAX_CONTENT_BYTES + 1
    if size > MAX_CONTENT_BYTES:
        problems["content"] = _("The content is too large (at most {limit} KB).").format(limit=MAX_CONTENT_BYTES // 1024)
    elif "rule_set" not in problems:
        for field, message in validators[name](content).items():
            problems[f"content.{field}" if field else "content"] = message
    if origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    if problems:
        raise ValidationError(problems)
    return RuleVersion(rule_set=name, version=version, effective_from=effective_on, sources=sources,
                       note=note.strip(), content=content, origin=origin)


def in_effect(versions: list[RuleVersion], on: date) -> RuleVersion | None:
    """The version in effect on ``on``: the latest that took effect on or before that day.
    Of two taking effect on the same day, the later in ``versions`` (ordered by :func:`ordered`) wins."""
    current = None
    for version in versions:
        if version.effective_from <= on:
            current = version
    return current


def ordered(versions: list[RuleVersion]) -> list[RuleVersion]:
    """By effective date; on the same day shipped before the office's before this installation's own."""
    rank = {origin: i for i, origin in enumerate(("shipped", "office", "local"))}
    return sorted(versions, key=lambda v: (v.effective_from, rank[v.origin]))
