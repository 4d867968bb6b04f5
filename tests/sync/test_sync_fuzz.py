"""A fuzzer over header, manifest and record fields (issue 9, hypothesis): whatever a device puts
there, the office answers with a status and a reason — no traceback — and a refused bundle
changes nothing."""

from __future__ import annotations

import string
import uuid

from hypothesis import HealthCheck, given, settings, strategies as st

from hostile_corpus import Crafter, _lines
from sync_helpers import record_snapshot

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 64, max_value=2 ** 64) | st.floats(allow_nan=False)
    | st.text(string.printable + "长支部", max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)

HEADER_FIELDS = ["kind", "bundle_id", "device_id", "site_id", "recipient", "device_sign_public",
                 "device_enc_public", "format"]
MANIFEST_FIELDS = ["kind", "bundle_id", "site_id", "device_id", "site_name", "schema", "seq_from", "seq_to",
                   "full", "created_at", "counts", "app_version"]
RECORD_FIELDS = ["id", "seq", "origin", "version", "field_versions", "modified_by", "created_at",
                 "updated_at", "deleted", "data"]
DATA_FIELDS = ["name", "kind", "parent_id", "is_joint", "unit_count", "notes", "setting"]

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


def _check(office, path) -> None:
    before = record_snapshot(office.db)
    result = office.import_one(path)
    assert result.status in ("applied", "rejected", "held")
    if result.status == "rejected":
        assert result.code and result.reason
        assert record_snapshot(office.db) == before


@FUZZ
@given(where=st.sampled_from(["header", "manifest"]), data=st.data())
def test_fuzzed_header_and_manifest_fields(office, tmp_path, where, data):
    fields = HEADER_FIELDS if where == "header" else MANIFEST_FIELDS
    overrides = data.draw(st.dictionaries(st.sampled_from(fields), json_values, min_size=1, max_size=3))
    crafter = Crafter.from_enrolment(office.enrolment)
    path = tmp_path / f"{uuid.uuid4()}.djbundle"
    record = crafter.record()
    with path.open("wb") as fh:
        crafter.bundle(fh, parts={"records/organisation.jsonl": _lines(record)}, **{where: overrides})
    _check(office, path)


@FUZZ
@given(data=st.data())
def test_fuzzed_record_fields(office, tmp_path, data):
    crafter = Crafter.from_enrolment(office.enrolment)
    record = crafter.record()
    record.update(data.draw(st.dictionaries(st.sampled_from(RECORD_FIELDS), json_values, max_size=3)))
    if isinstance(record.get("data"), dict):
        record["data"].update(data.draw(st.dictionaries(st.sampled_from(DATA_FIELDS), json_values, max_size=3)))
    path = tmp_path / f"{uuid.uuid4()}.djbundle"
    with path.open("wb") as fh:
        crafter.bundle(fh, parts={"records/organisation.jsonl": _lines(record)})
    _check(office, path)
