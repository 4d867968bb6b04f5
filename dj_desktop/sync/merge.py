"""Merging two versions of one record, field by field — pure functions, no database.

Every field carries a stamp ``[version, site]`` (``field_versions``; an absent field is at
``[1, origin]``). The merged value of a field is the one with the greatest stamp, so the result
does not depend on the order versions arrive in (the merge is commutative, associative and
idempotent). A stamp may also list what its value was written over: for each other site, the
newest of that site's edits in the value's history (:func:`dj_desktop.core.tracking.field_stamp`,
a version vector per field). Stamps from the same site follow each other, and so does a stamp
whose history covers the other one: both are fast-forwards. Stamps from two sites where neither
descends from the other, with different values (neither being the creation value, version 1),
are concurrent edits: the greater stamp wins and the other value is reported so the office can
review it. A deletion concurrent with edits elsewhere is reported too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dj_desktop.sync.records import to_json


@dataclass(frozen=True)
class FieldConflict:
    kind: str                  # same_field / delete_vs_edit
    field: str
    kept_value: Any
    kept_stamp: tuple
    lost_value: Any
    lost_stamp: tuple


@dataclass
class Merged:
    row: dict[str, Any]
    changed: bool
    conflicts: list[FieldConflict] = field(default_factory=list)


def stamp(row: dict[str, Any], name: str) -> tuple[int, str]:
    value = (row.get("field_versions") or {}).get(name)
    if value:
        return int(value[0]), str(value[1])
    return 1, str(row["origin"])


def descends(row: dict[str, Any], name: str, other: tuple[int, str]) -> bool:
    """Whether ``row``'s value of ``name`` was written on top of the stamp ``other`` (or of a later
    edit from the same site)."""
    value = (row.get("field_versions") or {}).get(name)
    if not value:
        return False
    if str(value[1]) == other[1]:
        return int(value[0]) >= other[0]
    seen = value[2] if len(value) > 2 and isinstance(value[2], dict) else {}
    return int(seen.get(other[1], 0)) >= other[0]


def merge_pair(local: dict[str, Any], incoming: dict[str, Any], fields: list[str]) -> Merged:
    """``local`` and ``incoming`` are full rows (column values) of the same record id."""
    row = dict(local)
    versions = dict(local.get("field_versions") or {})
    changed = False
    conflicts: list[FieldConflict] = []
    for name in [*fields, "deleted"]:
        ls, ins = stamp(local, name), stamp(incoming, name)
        if ls == ins:
            continue
        incoming_wins = ins > ls
        lv, iv = local.get(name), incoming.get(name)
        # The creation value (version 1) is known to every site, so replacing it is no conflict;
        # nor is an edit made on top of the other one.
        if (ls[1] != ins[1] and min(ls[0], ins[0]) > 1 and to_json(lv) != to_json(iv)
                and name != "deleted" and not descends(local, name, ins) and not descends(incoming, name, ls)):
            kept, lost = ((iv, ins), (lv, ls)) if incoming_wins else ((lv, ls), (iv, ins))
            conflicts.append(FieldConflict("same_field", name, to_json(kept[0]), kept[1],
                                           to_json(lost[0]), lost[1]))
        if incoming_wins:
            row[name] = iv
            versions[name] = list((incoming.get("field_versions") or {}).get(name) or ins)
            changed = True
    delete_conflict = _delete_vs_edit(local, incoming, fields)
    if delete_conflict is not None:
        conflicts.append(delete_conflict)
    # Record-level bookkeeping is a maximum too, applied even when no field moved, so that it
    # does not depend on which version arrived first.
    row["field_versions"] = versions
    row["version"], row["modified_by"] = max((int(local["version"]), str(local["modified_by"])),
                                             (int(incoming["version"]), str(incoming["modified_by"])))
    row["updated_at"] = max(local["updated_at"], incoming["updated_at"])
    changed = changed or any(row[k] != local[k] for k in ("version", "modified_by", "updated_at"))
    return Merged(row=row, changed=changed, conflicts=conflicts)


def _delete_vs_edit(local: dict[str, Any], incoming: dict[str, Any], fields: list[str]) -> FieldConflict | None:
    """A deletion at one site while another site edited fields the deleting site never saw."""
    if bool(local.get("deleted")) == bool(incoming.get("deleted")):
        return None
    deleter, editor = (local, incoming) if local.get("deleted") else (incoming, local)
    deleted_by = stamp(deleter, "deleted")
    if stamp(editor, "deleted") > deleted_by:
        return None   # restored after the deletion
    edits = {}
    for name in fields:
        es = stamp(editor, name)
        if es != stamp(deleter, name) and es[1] != deleted_by[1] and es > stamp(deleter, name):
            edits[name] = to_json(editor.get(name))
    if not edits:
        return None
    last_edit = max(stamp(editor, n) for n in edits)
    return FieldConflict("delete_vs_edit", "deleted", True, deleted_by, edits, last_edit)


def keep_local_where_concurrent(local: dict[str, Any], incoming: dict[str, Any], merged: Merged,
                                fields: list[str]) -> Merged:
    """``merged`` with this site's value kept for every field edited concurrently here and there:
    a branch taking over the office's decisions keeps an edit it made since (its next bundle takes
    it to the office, which reviews it against the decision) instead of losing it unseen."""
    row = dict(merged.row)
    versions = dict(row.get("field_versions") or {})
    local_versions = local.get("field_versions") or {}
    for name in [*fields, "deleted"]:
        ls, ins = stamp(local, name), stamp(incoming, name)
        if (ls == ins or ls[1] == ins[1] or min(ls[0], ins[0]) <= 1
                or descends(incoming, name, ls) or descends(local, name, ins)):
            continue
        row[name] = local.get(name)
        if name in local_versions:
            versions[name] = local_versions[name]
        else:
            versions.pop(name, None)
    row["field_versions"] = versions
    changed = any(row.get(k) != local.get(k) for k in [*fields, "deleted", "field_versions", "version",
                                                        "modified_by", "updated_at"])
    return Merged(row=row, changed=changed, conflicts=[])
