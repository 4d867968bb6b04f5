"""The office's lookups per bundle (issue 16): one statement answers which of a bundle's ids the
office holds and whose they are, for every table at once. A site's very first bundle gets no
shortcut: a record claiming another site's id is still refused, and the statement count stays small."""

from __future__ import annotations

from sqlalchemy import event

from dj_desktop.core.models import Member, Organisation
from dj_desktop.sync import payload as payload_mod

from sync_helpers import open_payload, reseal


def _with_extra(office, sender, extra: dict[str, list[dict]], name: str):
    """``sender``'s full bundle (signed with its real device key) plus ``extra`` records per table."""
    data = sender.export_raw(since=0).read_bytes()
    content = open_payload(office, data)
    manifest = {k: v for k, v in content.manifest.items() if k not in ("parts", "counts")}
    records = {t: list(rows) for t, rows in content.records.items()}
    for table, rows in extra.items():
        for record in rows:
            record["seq"] = manifest["seq_to"]
            records.setdefault(table, []).append(record)
    return reseal(sender, data, payload_mod.build(manifest, records, content.attachments, audit=content.audit), name)


def test_a_new_sites_first_bundle_cannot_take_other_sites_ids_in_any_table(office, make_branch):
    b = make_branch("b")
    b_branch = b.add_branch("乙支部")
    b_member = b.add_member("王五")
    office.import_one(b.export())
    b_records = open_payload(office, b.export_raw(since=0).read_bytes()).records

    c = make_branch("c")                 # the office has never heard of this site
    c.add_branch("丙支部")
    c_member = c.add_member("孙七")
    member = next(r for r in b_records["member"] if r["id"] == str(b_member))
    taken = dict(member, origin=c.site_id, modified_by=c.site_id, version=50,      # B's member, claimed as C's
                 field_versions={"name": [50, c.site_id]}, data=dict(member["data"], name="篡改"))
    unit = next(r for r in b_records["organisation"] if r["id"] == str(b_branch))
    taken_unit = dict(unit, origin=c.site_id, modified_by=c.site_id, version=50,   # B's branch, claimed as C's
                      field_versions={"name": [50, c.site_id]}, data=dict(unit["data"], name="篡改支部"))
    result = office.import_one(_with_extra(office, c, {"member": [taken], "organisation": [taken_unit]},
                                           "first.djbundle"))

    assert result.status == "applied" and result.new_device
    refused = {p["id"]: (p["why"], p["owner"]) for p in result.problems if p["code"] == "not_owner"}
    assert refused == {str(b_member): ("owned", b.site_id), str(b_branch): ("owned", b.site_id)}
    with office.db.sessions.begin() as s:
        assert s.get(Member, b_member).name == "王五" and s.get(Member, b_member).origin == b.site_id
        assert s.get(Organisation, b_branch).name == "乙支部"
        assert s.get(Member, c_member) is not None                  # C's own records merged


def test_a_first_bundle_costs_a_fixed_number_of_statements(office, make_branch):
    branch = make_branch("a")
    branch.add_branch("甲支部")
    for name in ("王一", "李二", "张三"):
        branch.add_member(name)
    path = branch.export()
    statements: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many):
        statements.append(statement)

    event.listen(office.db.engine, "before_cursor_execute", count)
    try:
        result = office.import_one(path)
    finally:
        event.remove(office.db.engine, "before_cursor_execute", count)
    assert result.status == "applied"
    # Ids of every table looked up at once, the site's group and row in one statement: at the branch point
    # of this change the same run (office key, settings, the bundle's 2 tables) took 23 statements on SQLite.
    per_run = [s for s in statements if not s.lstrip().upper().startswith(("PRAGMA", "ANALYZE"))]
    assert len(per_run) <= 18, "\n".join(per_run)
