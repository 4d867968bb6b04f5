"""Where a branch stands at the office (the compliance overview's ``state``), with its label."""

from __future__ import annotations

from dj_desktop.core.i18n import N_

STATE_LABELS = {"ok": N_("Books received"), "pending": N_("Bundle awaiting device approval"),
                "refused": N_("Bundles refused (device revoked)"), "no_books": N_("No branch books in its bundles")}
