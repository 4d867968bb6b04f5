"""CI's short run of the SIGKILL harness (the long run: python -m dj_desktop.devtools.kill_harness --runs 200)."""

from __future__ import annotations

import os

import pytest

from dj_desktop.devtools import kill_harness


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.timeout(400)
def test_killed_write_paths_leave_whole_databases_with_every_commit(tmp_path, capsys, demo_copy):
    runs = len(kill_harness.SCENARIOS) * 2       # every write path twice, incl. creation and demo
    tally = kill_harness.run(runs, seed=20261128, workdir=tmp_path, demo_from=demo_copy(tmp_path / "demo" / "demo.db"))
    with capsys.disabled():
        print(f"\nkill harness (short run): {tally.line()}")
    assert tally.problems == []
    assert tally.runs == runs and tally.kills >= runs // 2
    assert (tally.corrupt, tally.unopenable, tally.lost) == (0, 0, 0)
