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
