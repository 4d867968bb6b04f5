"""Crafted hostile files (issue 9): each refused cleanly with its reason, in a batch whose other
bundles import, the office's records unchanged by them and its memory bounded."""

from __future__ import annotations

import json
import resource
import uuid
import time

import pytest

from hostile_corpus import CASES, write_corpus
from sync_helpers import record_snapshot


def test_the_corpus_is_refused_case_by_case_in_a_batch_whose_good_bundles_import(office, make_branch, tmp_path):
    branch = make_branch("a")
    branch.add_branch()
    good_first = branch.export()
    branch.add_member("张三")
    good_last = branch.export_raw(since=0)
    corpus = write_corpus(tmp_path / "corpus", office.enrolment, bombs=False)
    assert len(corpus) == len([c for c in CASES if not c.bomb])
    results = office.import_files(good_first, *corpus, good_last)
    assert results[0].status == "applied" and results[-1].status == "applied"
    got = {r.path.name: (r.status, r.code) for r in results[1:-1]}
    want = {p.name: ("rejected", code) for p, code in corpus.items()}
    assert got == want
    assert all(r.reason and "Traceback" not in r.reason for r in results[1:-1])
    assert results[-1].applied.get("member") == 1


def test_bombs_are_refused_within_seconds_and_bounded_memory(office, tmp_path):
    corpus = {p: code for p, code in write_corpus(tmp_path / "bombs", office.enrolment).items()
              if any(c.bomb and p.name.startswith(c.name) for c in CASES)}
    before = record_snapshot(office.db)
    for path, code in corpus.items():
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        result = office.import_one(path)
        elapsed = time.perf_counter() - start
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
        assert (result.status, result.code) == ("rejected", code), path.name
        assert elapsed < 10 and grown_mb < 200, (path.name, elapsed, grown_mb)
    assert record_snapshot(office.db) == before


def test_crafted_receipts_enrolment_files_and_folders_get_a_clean_refusal(office, make_branch, tmp_path):
    from dj_desktop.core.errors import UserError
    from hostile_corpus import deep

    branch = make_branch("a")
    branch.add_branch()
    result = office.import_one(branch.export())
    signed = json.loads(result.receipt_path.read_text(encoding="utf-8"))
    cases = {
        "signature-number": dict(signed, signature=5),
        "deep": None,                      # nested 100,000 deep
        "seq-text": dict(signed, receipt=dict(signed["receipt"], contiguous_seq="abc")),
    }
    files = []
    for name, doc in cases.items():
        path = tmp_path / f"{name}.djreceipt"
        path.write_text(deep(100000) if doc is None else json.dumps(doc), encoding="utf-8")
        files.append(path)
    for path in [*files, tmp_path]:
        with pytest.raises(UserError) as caught:
            branch.services.sync.apply_receipts([path])
        assert str(caught.value)
    assert "文件夹" in _message(branch, tmp_path)
    enrolment = json.loads(office.enrolment.read_text(encoding="utf-8"))
    for doc in (deep(100000), json.dumps(dict(enrolment, office_name="长" * 101)),
                json.dumps(dict(enrolment, version="1")), json.dumps(dict(enrolment, enc_public=5))):
        path = tmp_path / "crafted.djenrol"
        path.write_text(doc, encoding="utf-8")
        with pytest.raises(UserError):
            make_branch(f"b{uuid.uuid4().hex[:6]}", enrol=False).services.sync.enrol(path)
    (folder,) = office.import_files(tmp_path)
    assert (folder.status, folder.code) == ("rejected", "unreadable") and "文件夹" in folder.reason


def _message(branch, path) -> str:
    from dj_desktop.core.errors import UserError

    try:
        branch.services.sync.apply_receipts([path])
    except UserError as exc:
        return str(exc)
    return ""
