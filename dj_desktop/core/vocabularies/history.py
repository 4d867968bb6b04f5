"""What one write of a record did, as the history lists and the member file say it."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

HISTORY_ACTIONS = {"create": N_("Created"), "update": N_("Changed"), "delete": N_("Deleted"),
                   "restore": N_("Restored")}
