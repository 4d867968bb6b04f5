"""`dj-desktop init` and `dj-desktop demo` run as a user would, in a subprocess."""

from __future__ import annotations


from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from tests.e2e.cli_helpers import run





def test_init_creates_one_branch_and_refuses_twice(tmp_path):
    db_file = tmp_path / "branch.db"
    done = run("init", "--db", str(db_file), "--branch", "红星村党支部", "--upper", "红星镇党委",
               "--setting", "village", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "红星村党支部" in done.stdout
    again = run("init", "--db", str(db_file), "--branch", "另一个支部", cwd=tmp_path)
    assert again.returncode == 2 and "已有党支部" in again.stderr
    db = open_database(db_file, create=False)
    try:
        services = build_services(db)
        [branch] = services.organisation.branches()
        assert (branch.name, branch.setting) == ("红星村党支部", "village")
        assert services.organisation.get_unit(branch.parent_id).name == "红星镇党委"
        assert services.members.roster(branch.id) == []
    finally:
        db.dispose()


def test_demo_writes_a_new_file_only(tmp_path):
    db_file = tmp_path / "demo.db"
    done = run("--db", str(db_file), "demo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "幸福里社区党支部" in done.stdout
    db = open_database(db_file, create=False)
    try:
        services = build_services(db)
        assert len(services.members.roster(services.organisation.first_branch().id)) >= 40
    finally:
        db.dispose()
    size = db_file.stat().st_size
    refused = run("demo", "--db", str(db_file), cwd=tmp_path)
    assert refused.returncode == 2 and "已存在" in refused.stderr
    assert db_file.stat().st_size == size


def test_help_and_argument_errors_are_in_chinese(tmp_path):
    helped = run("office", "--help", cwd=tmp_path)
    assert helped.returncode == 0
    assert helped.stdout.startswith("用法：dj-desktop office") and "选项" in helped.stdout
    assert "显示本帮助并退出" in helped.stdout and "列出已发送过数据包的支部设备" in helped.stdout
    missing = run("sync", "import", cwd=tmp_path)
    assert missing.returncode == 2 and "错误：缺少必需的参数：FILE, --db" in missing.stderr
    english = run("--lang", "en", "sync", "import", cwd=tmp_path)
    assert "error: the following arguments are required: FILE, --db" in english.stderr
