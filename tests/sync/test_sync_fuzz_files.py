"""Fuzzed receipts and enrolment files (issue 11, hypothesis), beside test_sync_fuzz.py's bundle fuzzer:
whatever an office-signed receipt or an enrolment file holds, the branch answers with a translated
UserError or applies it — never a traceback — and a refused file changes nothing."""

from __future__ import annotations

import json
import string
import uuid

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dj_desktop.core.errors import UserError
from dj_desktop.core.models.sync import OfficeIdentity
from dj_desktop.sync import keys
from dj_desktop.sync.receipts import sign_receipt
from sync_helpers import PASSPHRASE, record_snapshot

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 64, max_value=2 ** 64) | st.floats(allow_nan=False)
    | st.text(string.printable + "长支部", max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)

RECEIPT_FIELDS = ["status", "bundle_id", "contiguous_seq", "reason", "applied", "problems", "office_time",
                  "site_id", "office_id", "device_id", "code", "decisions", "kind", "version"]
ENROLMENT_FIELDS = ["kind", "version", "office_id", "office_name", "key_id", "enc_public", "sign_public",
                    "fingerprint"]

FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def signed_branch(office, make_branch):
    """A branch with one applied bundle, the office's signer and a genuine receipt body."""
    branch = make_branch("a")
    branch.add_branch()
    result = office.import_one(branch.export())
    body = json.loads(result.receipt_path.read_text(encoding="utf-8"))["receipt"]
    with office.services.db.sessions.begin() as s:
        signer = keys.load_sign_private(s.get(OfficeIdentity, 1).sign_private, PASSPHRASE)
    return branch, signer, body


@FUZZ
@given(data=st.data())
def test_fuzzed_office_signed_receipts(signed_branch, tmp_path, data):
    branch, signer, body = signed_branch
    fields = dict(body)
    fields.update(data.draw(st.dictionaries(st.sampled_from(RECEIPT_FIELDS), json_values, min_size=1, max_size=3)))
    path = tmp_path / f"{uuid.uuid4()}.djreceipt"
    path.write_text(sign_receipt(fields, signer), encoding="utf-8")
    before = record_snapshot(branch.db)
    try:
        branch.services.sync.apply_receipts([path])
    except UserError as exc:
        assert str(exc)
        assert record_snapshot(branch.db) == before


@pytest.fixture
def unenrolled(make_branch):
    return make_branch("new", enrol=False)


@FUZZ
@given(data=st.data())
def test_fuzzed_enrolment_files(office, unenrolled, tmp_path, data):
    branch = unenrolled
    document = json.loads(office.enrolment.read_text(encoding="utf-8"))
    if data.draw(st.booleans()):
        document.update(data.draw(st.dictionaries(st.sampled_from(ENROLMENT_FIELDS), json_values, min_size=1,
                                                  max_size=3)))
        raw = json.dumps(document, ensure_ascii=False).encode()
    else:     # the real file with bytes cut, flipped or appended
        raw = bytearray(json.dumps(document).encode())
        cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
        raw = bytes(raw[:cut]) + data.draw(st.binary(max_size=40))
    path = tmp_path / f"{uuid.uuid4()}.djenrol"
    path.write_bytes(raw)
    before = branch.services.sync.enrolment()
    try:
        branch.services.sync.enrol(path)
    except UserError as exc:
        assert str(exc)
        assert branch.services.sync.enrolment() == before
