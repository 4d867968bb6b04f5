"""Writing a bundle onto the stick: it is read back before the secretary is told it is safe."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dj_desktop.core.errors import UserError
from dj_desktop.core.models import BundleExport
from dj_desktop.sync import export as export_mod


@pytest.mark.parametrize("fault", ["flipped byte", "stick pulled out"])
def test_a_bundle_that_does_not_read_back_is_reported_and_not_counted(make_branch, monkeypatch, fault):
    branch = make_branch("a")
    branch.add_branch()
    check_file = export_mod.check_file

    def faulty_stick(path, *args):
        if fault == "stick pulled out":
            path.unlink()
        else:
            data = bytearray(path.read_bytes())
            data[len(data) // 2] ^= 1
            path.write_bytes(bytes(data))
        return check_file(path, *args)

    monkeypatch.setattr(export_mod, "check_file", faulty_stick)
    with pytest.raises(UserError, match="回读校验不一致|reads back differently"):
        branch.services.sync.export_bundle(branch.stick)
    assert [p.name for p in branch.stick.iterdir()] == []         # no unrecorded bundle stays on the stick
    with branch.db.sessions.begin() as s:
        assert s.scalars(select(BundleExport)).all() == []
    monkeypatch.setattr(export_mod, "check_file", check_file)
    assert branch.services.sync.export_bundle(branch.stick).path.is_file()


def test_an_export_that_cannot_be_recorded_leaves_no_bundle_on_the_stick(make_branch):
    """Issue 11: the bundle is written, then recording the export fails (a full disk): when it is
    flushed and when the transaction commits."""
    from sqlalchemy import event

    branch = make_branch("a")
    branch.add_branch()

    def at_flush(session, *_args):
        if any(isinstance(o, BundleExport) for o in session.new):
            raise UserError("磁盘已满")

    def at_commit(session):
        if session.info.pop("recorded", False):
            raise UserError("磁盘已满")

    def mark(session, *_args):
        session.info["recorded"] = any(isinstance(o, BundleExport) for o in session.new)

    for hooks in ([("before_flush", at_flush)], [("before_flush", mark), ("before_commit", at_commit)]):
        for name, hook in hooks:
            event.listen(branch.db.sessions, name, hook)
        try:
            with pytest.raises(UserError, match="磁盘已满"):
                branch.services.sync.export_bundle(branch.stick)
        finally:
            for name, hook in hooks:
                event.remove(branch.db.sessions, name, hook)
        assert [p.name for p in branch.stick.iterdir()] == []
    with branch.db.sessions.begin() as s:
        assert s.scalars(select(BundleExport)).all() == []
