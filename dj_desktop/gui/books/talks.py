"""Opening the talks book: a new talk with the member a reminder names, or one talk record."""

from __future__ import annotations

from dj_desktop.gui.books import register_opener


def _open(host, services, target, on):
    from dj_desktop.gui.dialogs.talk_dialog import TalkDialog
    return TalkDialog(services, branch_id=target.branch_id, talk_id=target.record_id,
                      talkee_id=target.preset.get("talkee_id"), on=on, parent=host)


register_opener("talks", _open)
