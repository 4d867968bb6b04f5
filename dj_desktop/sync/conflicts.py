"""Office review of merge conflicts: accept what the merge kept, or put the losing value back."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import SyncConflict, record_tables, utcnow
from dj_desktop.core.tracking import field_stamp
from dj_desktop.sync.apply import model_for
from dj_desktop.sync.records import from_json


def resolve(s: Session, conflict_id: int, *, use_lost_value: bool, note: str) -> SyncConflict:
    conflict = s.get(SyncConflict, conflict_id)
    if conflict is None:
        raise UserError(_("Conflict {id} does not exist.").format(id=conflict_id))
    if conflict.resolved:
        raise UserError(_("Conflict {id} was already resolved.").format(id=conflict_id))
    if use_lost_value:
        if conflict.kind == "duplicate_key":
            raise UserError(_("Two records with the same ID number have no value to put back; correct "
                              "the ID number at the branch that entered it wrongly."))
        table = next((t for t in record_tables() if t.name == conflict.table_name), None)
        obj = s.get(model_for(table), conflict.record_id) if table is not None else None
        if obj is None:
            raise UserError(_("The record of conflict {id} no longer exists.").format(id=conflict_id))
        s.info["reason"] = _("Conflict {id} resolved at the office").format(id=conflict_id)
        if conflict.kind == "delete_vs_edit":
            obj.deleted = False          # the edits were kept in the tombstone; restoring shows them
        else:
            setattr(obj, conflict.field, from_json(table.c[conflict.field], conflict.lost_value))
    if conflict.kind == "same_field":
        _stamp_decision(s, conflict)
    conflict.resolved = True
    conflict.resolution = "lost_value" if use_lost_value else "kept_value"
    conflict.resolved_at = utcnow()
    conflict.note = note
    s.flush()
    return conflict


def _stamp_decision(s: Session, conflict: SyncConflict) -> None:
    """Stamp the decided field as written now at the office, over both conflicting edits, so the
    decision descends from each of them: the branches take it over from their return bundles, and
    their next bundles (still carrying either edit) are fast-forwards, not the same conflict again."""
    table = next((t for t in record_tables() if t.name == conflict.table_name), None)
    obj = s.get(model_for(table), conflict.record_id) if table is not None else None
    if obj is None:
        return
    s.flush()                       # a value put back has been stamped by the tracking hook
    site = s.info["site_id"]
    versions = dict(obj.field_versions or {})
    entry = versions.get(conflict.field)
    if not entry or str(entry[1]) != site:       # the value kept: write it again at the office
        obj.version = (obj.version or 1) + 1
        entry = field_stamp(obj.version, site, entry)
    for stamp in (conflict.kept_stamp, conflict.lost_stamp):
        if stamp and str(stamp[1]) != site:
            seen = dict(entry[2]) if len(entry) > 2 else {}
            seen[str(stamp[1])] = max(int(seen.get(str(stamp[1]), 0)), int(stamp[0]))
            entry = [entry[0], entry[1], seen]
    versions[conflict.field] = entry
    obj.field_versions = versions
    obj.modified_by = site
