"""Opening the meetings book: a new meeting of the kind (and group) a reminder asks for, or one record."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener


def _open(host, services, target, on):
    from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog
    preset = target.preset
    return MeetingDialog(services, branch_id=target.branch_id, meeting_id=target.record_id,
                         kind=preset.get("kind"), group_id=preset.get("group_id"), on=on, parent=host)


register_opener("meetings", _open)
