"""Where each branch stands at the office, for the compliance overview (issue 16, bad input):
a branch whose bundles are held for device approval or were refused (its device revoked) is listed
with that state and zero counts, never left out; a branch whose books arrived is ``ok``.

States (JSON ``state``): ``ok`` — its books are here and nothing of it waits; ``pending`` — a bundle
from a device the office has not approved yet is held (what is shown is older than what it sent);
``refused`` — every device of the branch is revoked, so its bundles are refused; ``no_books`` — its
bundles arrived but held no branch unit. Only the office's sync tables are read (a branch's own
database has none: all its units are ``ok``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.models.sync import BranchSite, SyncDevice
from dj_desktop.core.vocabularies.branch_states import STATE_LABELS

__all__ = ["STATE_LABELS", "SiteState", "site_states"]


@dataclass(frozen=True)
class SiteState:
    site_id: str
    name: str
    state: str


def site_states(s: Session) -> dict[str, SiteState]:
    """Every site the office has heard of (devices, received bundles) with its state; sites not listed
    are ``ok``."""
    names = {site: name for site, name in s.execute(select(BranchSite.site_id, BranchSite.name))}
    devices: dict[str, list] = {}
    for d in s.execute(select(SyncDevice.device_id, SyncDevice.site_id, SyncDevice.site_name, SyncDevice.revoked,
                              SyncDevice.approved)):
        devices.setdefault(d.site_id, []).append(d)
        names.setdefault(d.site_id, d.site_name)
    out = {}
    for site, name in names.items():
        mine = devices.get(site, [])
        if any(not d.revoked and not d.approved for d in mine):
            state = "pending"
        elif mine and all(d.revoked for d in mine):
            state = "refused"
        else:
            state = "ok"
        out[site] = SiteState(site_id=site, name=name or site[:8], state=state)
    return out
