"""The office merge, with real bundle files: arrival order does not matter, concurrent edits merge or are
kept for review, deletions are never silently lost, children wait for their parents."""

from __future__ import annotations

import itertools

from sqlalchemy import select

from dj_desktop.core.models import DeferredRecord, Member, SyncConflict

from sync_helpers import reset_office, snapshot


def _import_in_order(office, bundles):
    reset_office(office.db)
    for path in bundles:
        result = office.import_one(path)
        assert result.status == "applied", result.reason
    return snapshot(office.db)


def _twins(make_branch):
    """One branch's books on two installations (two sites, two devices) — the same records."""
    a = make_branch("a")
    a.add_branch()
    group = a.add_org("第一党小组")
    ids = [a.add_member("赵一"), a.add_member("钱二"), a.add_member("孙三", org_id=group)]
    b = make_branch("b", copy_from=a)
    return a, b, group, ids


def _member(office, member_id) -> Member:
    with office.db.sessions.begin() as s:
        obj = s.get(Member, member_id)
        s.expunge(obj)
        return obj


def _conflicts(office, kind=None) -> list[SyncConflict]:
    with office.db.sessions.begin() as s:
        rows = list(s.scalars(select(SyncConflict).order_by(SyncConflict.id)))
        for r in rows:
            s.expunge(r)
    return [r for r in rows if kind is None or r.kind == kind]


def test_every_order_of_three_bundles_gives_the_same_office_database(office, make_branch):
    a, b, group, (m1, m2, m3) = _twins(make_branch)
    first = a.export_raw(since=0)
    cut = a.seq()
    a.edit(Member, m1, name="赵一甲")
    a.edit(Member, m3, notes="甲处补记")
    m4 = a.add_member("李四", org_id=group)         # its group travels in the first bundle only
    second = a.export_raw(since=cut)                  # what a bundle after a receipt would carry
    b.edit(Member, m1, name="赵一乙")                 # same field as a: one wins, one is kept
    b.edit(Member, m2, phone="13900000002")           # another field: both survive
    b.edit(Member, m3, deleted=True)                  # deleted here, edited there
    third = b.export()

    results = {order: _import_in_order(office, order)
               for order in itertools.permutations([first, second, third])}
    reference = results[(first, second, third)]
    assert all(result == reference for result in results.values())

    winner = max([(2, a.site_id, "赵一甲"), (2, b.site_id, "赵一乙")])[2]
    assert _member(office, m1).name == winner
    assert _member(office, m2).phone == "13900000002"
    assert _member(office, m4).name == "李四"
    gone = _member(office, m3)
    assert gone.deleted and gone.notes == "甲处补记"
    kinds = sorted(c.kind for c in _conflicts(office))
    assert kinds == ["delete_vs_edit", "same_field"]
    assert reference["deferred"] == []


def test_concurrent_edits_to_different_fields_merge(office, make_branch):
    a, b, _group, (m1, _m2, _m3) = _twins(make_branch)
    a.edit(Member, m1, phone="13800000001")
    b.edit(Member, m1, address="幸福里3号楼")
    office.import_files(a.export(), b.export())
    merged = _member(office, m1)
    assert (merged.phone, merged.address) == ("13800000001", "幸福里3号楼")
    assert _conflicts(office) == []


def test_concurrent_edits_to_the_same_field_pick_a_fixed_winner_and_keep_the_loser(office, make_branch):
    a, b, _group, (m1, _m2, _m3) = _twins(make_branch)
    a.edit(Member, m1, phone="13800000001")
    b.edit(Member, m1, phone="13800000002")
    bundles = [a.export(), b.export()]
    outcomes = []
    for order in (bundles, bundles[::-1]):
        reset_office(office.db)
        results = office.import_files(*order)
        assert sum(r.conflicts for r in results) == 1
        assert any(p["code"] == "same_field" and p["field"] == "phone" for r in results for p in r.problems)
        (conflict,) = _conflicts(office, "same_field")
        outcomes.append((_member(office, m1).phone, conflict.kept_value, conflict.lost_value))
    assert outcomes[0] == outcomes[1]
    phone, kept, lost = outcomes[0]
    assert phone == kept and {kept, lost} == {"13800000001", "13800000002"}
    # The office can put the losing value back after review.
    (conflict,) = office.services.office.conflicts()
    office.services.office.resolve_conflict(conflict.id, use_lost_value=True, note="核实后采用")
    assert _member(office, m1).phone == lost
    assert office.services.office.conflicts() == []




def _phone_edited(make_branch):
    """A branch whose member's phone was edited once, and the bundle that carries it."""
    a = make_branch("a")
    a.add_branch()
    m1 = a.add_member("赵一")
    a.edit(Member, m1, phone="13800000001")
    return a, m1, a.export()

def test_an_edit_made_on_top_of_the_other_sites_edit_is_a_fast_forward(office, make_branch):
    """The branch moves to a new computer (a copy of its books, a new site): the new computer's
    edit of a field the old one had edited descends from it — no conflict, whichever stick the
    office reads first. An edit the old computer makes afterwards is concurrent again."""
    a, m1, old_computer = _phone_edited(make_branch)
    b = make_branch("b", copy_from=a)
    b.edit(Member, m1, phone="13800000002")
    b.edit(Member, m1, phone="13800000003")            # edited twice: still on top of a's edit
    new_computer = b.export()
    for order in ([old_computer, new_computer], [new_computer, old_computer]):
        reset_office(office.db)
        results = office.import_files(*order)
        assert [r.status for r in results] == ["applied", "applied"]
        assert _member(office, m1).phone == "13800000003"
        assert _conflicts(office) == [] and all(r.conflicts == 0 for r in results)
    a.edit(Member, m1, phone="13800000009")             # the old computer, not having seen b's edits
    office.import_one(a.export())
    (conflict,) = _conflicts(office, "same_field")
    assert {conflict.kept_value, conflict.lost_value} == {"13800000003", "13800000009"}


def test_an_edit_on_a_copy_of_a_copy_still_descends_from_the_first(office, make_branch):
    """Two changes of computer (a → b → c), and b's stick never reached the office: c's edit was
    made on top of a's, so it replaces it without a conflict."""
    a, m1, first = _phone_edited(make_branch)
    b = make_branch("b", copy_from=a)
    b.edit(Member, m1, phone="13800000002")          # b's bundle is lost
    c = make_branch("c", copy_from=b)
    c.edit(Member, m1, phone="13800000003")
    results = office.import_files(c.export(), first)
    assert [r.status for r in results] == ["applied", "applied"]
    assert _member(office, m1).phone == "13800000003" and _conflicts(office) == []

def test_delete_versus_edit_is_flagged_and_the_edit_is_kept(office, make_branch):
    a, b, _group, (m1, _m2, _m3) = _twins(make_branch)
    a.edit(Member, m1, deleted=True)
    b.edit(Member, m1, phone="13800000009")
    results = office.import_files(b.export(), a.export())
    assert any(p["code"] == "delete_vs_edit" for r in results for p in r.problems)
    merged = _member(office, m1)
    assert merged.deleted and merged.phone == "13800000009"
    (conflict,) = _conflicts(office, "delete_vs_edit")
    assert conflict.lost_value == {"phone": "13800000009"}
    office.services.office.resolve_conflict(conflict.id, use_lost_value=True)
    assert not _member(office, m1).deleted


def test_delete_then_recreate_with_the_same_id_number_is_not_a_duplicate(office, make_branch):
    a = make_branch("a")
    a.add_branch()
    old = a.add_member("周五", id_number="110101198001010011")
    first = a.export()
    a.edit(Member, old, deleted=True)
    new = a.add_member("周五", id_number="110101198001010011")
    second = a.export()
    for order in ([first, second], [second, first]):
        reset_office(office.db)
        office.import_files(*order)
        assert _member(office, old).deleted and not _member(office, new).deleted
        assert _conflicts(office) == []


def test_the_same_id_number_at_two_branches_is_flagged_once(office, make_branch):
    a, b = make_branch("a"), make_branch("b")
    a.add_branch("一支部")
    b.add_branch("二支部")
    ma = a.add_member("吴六", id_number="110101198001010022")
    mb = b.add_member("吴六", id_number="110101198001010022")
    bundles = [a.export(), b.export()]
    seen = []
    for order in (bundles, bundles[::-1]):
        reset_office(office.db)
        results = office.import_files(*order)
        assert [p["code"] for p in results[1].problems] == ["duplicate_key"]
        (conflict,) = _conflicts(office)
        seen.append((conflict.kind, conflict.field, {conflict.record_id, conflict.other_record_id},
                     {conflict.site_id, conflict.other_site_id}))
    assert seen[0] == seen[1] == ("duplicate_key", "id_number", {ma, mb}, {a.site_id, b.site_id})
    # Both records stay: the office decides which is wrong.
    assert not _member(office, ma).deleted and not _member(office, mb).deleted


def test_a_child_arriving_before_its_parent_waits_and_is_applied_later(office, make_branch):
    a = make_branch("a")
    a.add_branch()
    group = a.add_org("第二党小组")
    parent_bundle = a.export_raw(since=0)
    cut = a.seq()
    child = a.add_member("郑七", org_id=group)
    child_bundle = a.export_raw(since=cut)
    early = office.import_one(child_bundle)
    assert early.status == "applied" and early.deferred == 1
    assert [p["code"] for p in early.problems] == ["deferred"]
    assert [d.missing_id for d in office.services.office.deferred()] == [str(group)]
    late = office.import_one(parent_bundle)
    assert late.applied["member"] == 1
    assert _member(office, child).group_id is None and _member(office, child).branch_id == group
    with office.db.sessions.begin() as s:
        assert s.scalars(select(DeferredRecord)).all() == []
