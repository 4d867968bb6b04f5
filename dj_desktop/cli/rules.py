"""``dj-desktop rules [show NAME [--version V] | add FILE] [--json] --db PATH``: versioned rule sets."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from dj_desktop.cli.common import json_and_db_options, open_services, require_file
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.rulesets import RuleVersion

ORIGIN_LABELS = {"shipped": N_("shipped with the program"), "local": N_("added on this computer"),
                 "office": N_("sent by the office")}
MAX_FILE_BYTES = 256 * 1024




def register(subparsers) -> None:
    parser = subparsers.add_parser("rules", help=_("rule sets (meeting cadences …): versions, sources, adding one"))
    json_and_db_options(parser, top=True)
    actions = parser.add_subparsers(dest="rules_action", metavar="ACTION")
    show = actions.add_parser("show", help=_("one version of a rule set with its content (default: the one in effect)"))
    show.add_argument("name", metavar="NAME", help=_("the rule set, e.g. cadence"))
    show.add_argument("--version", dest="rule_version", metavar="V", help=_("the version, e.g. 2018"))
    show.add_argument("--date", dest="on", metavar="YYYY-MM-DD", help=_("the version in effect on this day (default: today)"))
    json_and_db_options(show, top=False)
    show.set_defaults(func=_show)
    add = actions.add_parser("add", help=_("add a version from a JSON file shaped like the shipped ones"))
    add.add_argument("file", metavar="FILE", help=_("the .json file"))
    json_and_db_options(add, top=False)
    add.set_defaults(func=_add)
    parser.set_defaults(func=_list)


def _sources_text(version: RuleVersion) -> str:
    return "；".join(s.document + ("".join(f" {a}" for a in s.articles)) for s in version.sources)


def _summary(version: RuleVersion) -> dict:
    return {"version": version.version, "ref": version.ref, "effective_from": version.effective_from.isoformat(),
            "origin": version.origin, "sources": version.to_json()["sources"], "note": version.note}


def _list(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        rule_sets = services.rulesets.rule_sets()
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps([{"name": r.name, "versions": [_summary(v) for v in r.versions]} for r in rule_sets],
                         ensure_ascii=False, indent=2))
        return 0
    for rule_set in rule_sets:
        print(rule_set.name)
        for v in rule_set.versions:
            print(_("  {version}  in effect from {day}  ({origin})").format(
                version=v.version, day=v.effective_from.isoformat(), origin=_(ORIGIN_LABELS[v.origin])))
            print(_("    source: {sources}").format(sources=_sources_text(v)))
    return 0


def _show(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        if args.rule_version:
            version = services.rulesets.get(args.name, args.rule_version)
        else:
            try:
                on = date.fromisoformat(args.on) if args.on else date.today()
            except ValueError as exc:
                raise UserError(_("Give the date as YYYY-MM-DD (e.g. 2025-03-31).")) from exc
            version = services.rulesets.in_effect(args.name, on)
    finally:
        services.db.dispose()
    if args.json:
        print(json.dumps({**version.to_json(), "ref": version.ref, "origin": version.origin},
                         ensure_ascii=False, indent=2))
        return 0
    print(_("Rule set {name}, version {version} ({origin})").format(
        name=version.rule_set, version=version.version, origin=_(ORIGIN_LABELS[version.origin])))
    print(_("In effect from: {day}").format(day=version.effective_from.isoformat()))
    for source in version.sources:
        print(_("Source: {document}").format(document=source.document))
        for article in source.articles:
            print(f"  {article}")
    if version.note:
        print(_("Note: {note}").format(note=version.note))
    print(json.dumps(version.content, ensure_ascii=False, indent=2))
    return 0


def _read(path: Path) -> object:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UserError(_("{path} is too large for a rule-set version (at most {limit} KB).").format(
            path=path, limit=MAX_FILE_BYTES // 1024))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UserError(_("{path} is not a UTF-8 text file.").format(path=path)) from exc
    except ValueError as exc:
        raise UserError(_("{path} is not valid JSON: {error}").format(path=path, error=exc)) from exc


def _add(args: argparse.Namespace) -> int:
    data = _read(require_file(args.file))
    services = open_services(args)
    try:
        version = services.rulesets.add(data)
    except ValidationError as exc:
        raise UserError(_("The version was not added:\n{problems}").format(
            problems="\n".join(f"- {message}" for message in exc.problems.values()))) from exc
    finally:
        services.db.dispose()
    if getattr(args, "json", False):
        print(json.dumps(_summary(version), ensure_ascii=False, indent=2))
    else:
        print(_("Added {ref}, in effect from {day}.").format(ref=version.ref, day=version.effective_from.isoformat()))
    return 0
