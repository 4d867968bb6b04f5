"""Office review of merge conflicts: accept what the merge kept, or put the losing value back."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import SyncConflict, record_tables, utcnow
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
    conflict.resolved = True
    conflict.resolution = "lost_value" if use_lost_value else "kept_value"
    conflict.resolved_at = utcnow()
    conflict.note = note
    s.flush()
    return conflict
