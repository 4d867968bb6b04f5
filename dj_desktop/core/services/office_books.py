"""What the office reads of each branch's books (``services.office_books``): its units and its compliance.

At the office every record keeps the ``origin`` site id of the branch that created
it, so a branch's books are the branch units (organisations of kind ``branch``)
that site created; the roster and meeting services then read them by unit id.
The compliance overview runs the reminders engine over all branch units at once, in chunks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date


from dj_desktop.core.db import Database
from dj_desktop.core.progress import Progress
from dj_desktop.core.services.branch_states import site_states
from dj_desktop.core.services.office_sites import BranchUnit, OfficeSitesService
from dj_desktop.core.rules.reminder_batch import tally
from dj_desktop.core.services.reminders import ReminderService


@dataclass(frozen=True)
class BranchCompliance:
    site_id: str
    #: None for a branch known only by its site (its bundles are held, refused or held no books).
    branch_id: uuid.UUID | None
    branch_name: str
    overdue: int
    due: int
    #: ``{reminder kind: count}`` of overdue items, to see at a glance what is missing.
    overdue_by_kind: dict[str, int]
    #: The first few overdue messages (already translated), oldest due first.
    first_overdue: tuple[str, ...]
    #: Due date of the oldest overdue item, or None.
    oldest_overdue: date | None = None
    #: ``ok`` / ``pending`` / ``refused`` / ``no_books`` (``services/branch_states.py``).
    state: str = "ok"


class OfficeBooksService:
    def __init__(self, db: Database, *, reminders: ReminderService) -> None:
        self._db = db
        self._reminders = reminders

    def branch_units(self, site_id: str | None = None) -> list[BranchUnit]:
        """Branch units and the site that created each; only ``site_id``'s when given."""
        return OfficeSitesService(self._db).branch_units(site_id)

    def compliance(self, on: date, *, site_ids: list[str] | None = None,
                   progress: Progress | None = None) -> list[BranchCompliance]:
        """The reminders engine over every branch unit as of ``on``, grouped (the providers read all
        branches' records in a few queries per chunk of branches): overdue and due counts, worst first."""
        units = {u.id: u for u in self.branch_units()}
        with self._db.sessions.begin() as s:
            states = site_states(s)
        wanted = set(site_ids) if site_ids is not None else None
        if wanted is not None:
            units = {i: u for i, u in units.items() if u.site_id in wanted}
        with_books = {u.site_id for u in units.values()}
        # A branch whose bundles are held, refused or held no books is listed with its state, not left out.
        out = [BranchCompliance(site_id=site, branch_id=None, branch_name=st.name, overdue=0, due=0,
                                overdue_by_kind={}, first_overdue=(), state="no_books" if st.state == "ok" else st.state)
               for site, st in states.items() if site not in with_books and (wanted is None or site in wanted)]
        # Counting holds batches, not reminders: chunks of 500 branches (fewer grouped queries) stay well
        # inside the memory budget (issue 16).
        for branch, rows in self._reminders.reminders_by_branch(on, branch_ids=list(units), progress=progress,
                                                                ordered=False, batched=True, chunk=500):
            unit = units[branch.id]
            # Batches are counted, not expanded; only the three oldest overdue items are built and have
            # their messages written (issue 16: counts need no text).
            overdue, due, by_kind, first = tally(rows, 3)
            out.append(BranchCompliance(
                site_id=unit.site_id, branch_id=unit.id, branch_name=unit.name, overdue=overdue,
                due=due, overdue_by_kind=by_kind, first_overdue=tuple(r.message for r in first),
                oldest_overdue=first[0].due if first else None,
                state=states[unit.site_id].state if unit.site_id in states else "ok"))
        return sorted(out, key=lambda c: (c.state == "ok", -c.overdue, -c.due, c.branch_name))
