"""A password change killed at its worst moments: before and after the re-keyed copy is renamed over
the database. Either the old password (and old key file) or the new one opens it — never neither."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dj_desktop.core import encryption
from dj_desktop.core import password as password_ops
from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key

OLD, NEW = "门前大桥下游过一群鸭", "快来快来数一数 2026"

#: Runs change_password in a child that dies by SIGKILL right before or right after the rename.
CHILD = """
import os, signal, sys
from pathlib import Path
from dj_desktop.core import password as p
real_swap = p._swap
def swap(tmp, db):
    if sys.argv[2] == "after":
        real_swap(tmp, db)
    os.kill(os.getpid(), signal.SIGKILL)
p._swap = swap
p.change_password(Path(sys.argv[1]), sys.argv[3], sys.argv[4])
"""


@pytest.fixture
def protected(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    build_services(db).organisation.create_first_branch("东风村党支部")
    db.dispose()
    password_ops.set_password(path, OLD)
    forget_key(path)
    yield path
    forget_key(path)


def _names(path, password):
    forget_key(path)
    db = open_database(path, create=False, password=password)
    try:
        return [b.name for b in build_services(db).organisation.branches()]
    finally:
        db.dispose()
        forget_key(path)


@pytest.mark.parametrize(("moment", "opens_with", "refused"), [("before", OLD, NEW), ("after", NEW, OLD)])
def test_a_change_killed_at_the_rename_leaves_a_database_one_password_opens(protected, moment, opens_with,
                                                                           refused):
    child = subprocess.run([sys.executable, "-c", CHILD, str(protected), moment, OLD, NEW], timeout=120)
    assert child.returncode == -9                                 # really killed
    assert encryption.pending_key_file(protected).exists()        # the journal survived the kill
    assert _names(protected, opens_with) == ["东风村党支部"]
    assert not encryption.pending_key_file(protected).exists()    # settled by the first unlock
    with pytest.raises(encryption.PasswordError):
        encryption.unlock(protected, refused)
