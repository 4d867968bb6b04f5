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
    with branch.db.sessions.begin() as s:
        assert s.scalars(select(BundleExport)).all() == []
    monkeypatch.setattr(export_mod, "check_file", check_file)
    assert branch.services.sync.export_bundle(branch.stick).path.is_file()
