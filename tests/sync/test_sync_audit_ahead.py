"""The audit entries' hashes are recomputed where the bundle is opened (the worker process), ahead of
the merge (issue 16): the chain check must name the same first break either way."""

from __future__ import annotations

import copy
import uuid

from dj_desktop.core import audit
from dj_desktop.sync.audit_trail import entry_checks, first_break


def _chain(count: int) -> list[dict]:
    entries, prev = [], audit.GENESIS
    for seq in range(1, count + 1):
        row = {"table_name": "member", "record_id": str(uuid.uuid4()), "version": 1, "change_seq": seq,
               "action": "create", "changes": {"name": [None, f"王{seq}"]}, "reason": "", "batch_id": None,
               "at": "2026-11-29T06:00:00.000000"}
        digest = audit.entry_hash(prev, seq, seq, "secretary", row)
        entries.append({"seq": seq, "history_id": seq, "who": "secretary", "prev_hash": prev, "hash": digest,
                        "row": row})
        prev = digest
    return entries


def _both(entries, stored=None):
    stored = stored or {}
    ahead = first_break(entries, stored=stored, checked=entry_checks(entries))
    assert ahead == first_break(entries, stored=stored)
    return ahead


def test_a_checked_ahead_chain_breaks_where_the_plain_check_does():
    good = _chain(4)
    assert _both(good) is None
    edited = copy.deepcopy(good)
    edited[2]["row"]["changes"] = {"name": [None, "篡改"]}              # content no longer matches its hash
    assert (_both(edited).seq, _both(edited).problem) == (3, "changed")
    malformed = copy.deepcopy(good)
    malformed[1]["hash"] = "not a hash"
    assert _both(malformed).problem == "shape"
    emptied = copy.deepcopy(good)
    emptied[3]["row"] = None
    assert (_both(emptied).seq, _both(emptied).problem) == (4, "missing")
    relinked = {2: (good[1]["prev_hash"], "f" * 64)}                   # the office holds another entry 2
    assert (_both(good, relinked).seq, _both(good, relinked).problem) == (2, "relinked")
    # A list of checks that does not fit the entries is not trusted: the hashes are recomputed.
    assert first_break(edited, stored={}, checked=[(True, True)]).problem == "changed"


def _sqlite(tmp_path):
    from dj_desktop.core.db import open_database

    return open_database(tmp_path / "office.db")


def test_cut_down_entries_break_where_whole_ones_do(tmp_path):
    """lighten() hands over only what first_break reads: the same break, or none, in every case."""
    from dj_desktop.sync.audit_trail import bind_ahead, lighten

    db = _sqlite(tmp_path)
    good = _chain(5)
    edited = copy.deepcopy(good)
    edited[2]["row"]["changes"] = {"name": [None, "篡改"]}
    emptied = copy.deepcopy(good)
    emptied[3]["row"] = None
    malformed = copy.deepcopy(good)
    malformed[1]["hash"] = "not a hash"
    for entries, stored in ((good, {}), (edited, {}), (emptied, {}), (malformed, {}),
                            (good, {2: (good[1]["prev_hash"], "f" * 64)})):
        checked = entry_checks(entries)
        bound = bind_ahead("site-a", entries, checked, db.engine.dialect)
        light = lighten(entries, checked, bound)
        assert first_break(light, stored=stored, checked=checked) == first_break(entries, stored=stored)
        assert light[0] == entries[0]                                      # the first one stays whole
    assert all(e["row"] is None or set(e["row"]) <= {"table_name", "\0light"} for e in light[1:])
    db.dispose()


def test_cut_down_entries_are_kept_whole(tmp_path):
    """The office keeps every entry's whole history row, written from the values prepared ahead."""
    from sqlalchemy import select

    from dj_desktop.core.models import SiteAuditEntry
    from dj_desktop.sync.audit_trail import bind_ahead, check_and_keep, lighten

    db = _sqlite(tmp_path)
    entries = _chain(6)
    checked = entry_checks(entries)
    bound = bind_ahead("site-a", entries, checked, db.engine.dialect)
    with db.sessions.begin() as s:
        # The office holds the first two already: the cut-down third is the first one written.
        check_and_keep(s, site_id="site-a", site_name="一村", entries=entries[:2])
        kept = check_and_keep(s, site_id="site-a", site_name="一村", entries=lighten(entries, checked, bound),
                              checked=checked, bound=bound)
    assert kept == 4
    with db.sessions.begin() as s:
        stored = {e.seq: e.content for e in s.scalars(select(SiteAuditEntry).order_by(SiteAuditEntry.seq))}
    assert stored == {e["seq"]: e["row"] for e in entries}
    db.dispose()
