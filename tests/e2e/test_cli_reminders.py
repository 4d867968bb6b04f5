"""`dj-desktop reminders` run as a user would, in a subprocess, as text and as JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dj_desktop.cli import main
from dj_desktop.core.db import open_database
from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation
from tests.e2e.cli_helpers import run





def _branch_db(path: Path) -> None:
    """A branch founded in March 2026 with three committee members and a term ending in June 2027."""
    db = open_database(path)
    try:
        with db.sessions.begin() as s:
            branch = Organisation(name="青山村党支部", kind="branch", setting="village", founded_on=date(2026, 3, 1))
            s.add(branch)
            s.flush()
            term = CommitteeTerm(organisation_id=branch.id, elected_on=date(2022, 6, 20), ends_on=date(2027, 1, 19))
            s.add(term)
            s.flush()
            for n, (name, role) in enumerate((("张书记", "secretary"), ("刘委员", "organisation"),
                                              ("陈委员", "propaganda"))):
                m = Member(branch_id=branch.id, name=name, gender="male", birth_date=date(1975, 1, 1),
                           id_number=f"1101011975010100{n}X"[-18:], joined_on=date(2000, 10, 8 + n),
                           full_member_on=date(2001, 10, 8), arrived_on=date(2026, 3, 1))
                s.add(m)
                s.flush()
                s.add(CommitteeMember(term_id=term.id, member_id=m.id, role=role, started_on=date(2026, 3, 1)))
    finally:
        db.dispose()


def test_reminders_json_and_text(tmp_path):
    db_file = tmp_path / "branch.db"
    _branch_db(db_file)
    done = run("reminders", "--db", str(db_file), "--date", "2026-11-03", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert items and all({"kind", "subject", "due", "status", "message"} <= set(i) for i in items)
    assert {i["status"] for i in items} == {"overdue", "due"}
    by_key = {(i["kind"], i["due"]): i for i in items}
    october = by_key[("committee_meeting", "2026-10-31")]
    assert october["status"] == "overdue" and "支委会" in october["message"]
    assert (october["target"]["book"], october["target"]["action"]) == ("meetings", "create")
    assert october["target"]["preset"]["kind"] == october["kind"]
    assert by_key[("committee_meeting", "2026-11-30")]["status"] == "due"
    # Founded in March 2026: nothing is owed for earlier months.
    assert min(i["due"] for i in items if i["kind"] == "committee_meeting") == "2026-03-31"
    assert by_key[("term_ending", "2027-01-19")]["status"] == "due"
    assert {i["subject"] for i in items if i["kind"] == "political_birthday"} == {"张书记", "刘委员", "陈委员"}
    # Overdue first, then by date.
    statuses = [i["status"] for i in items]
    assert statuses == sorted(statuses, key=lambda s: s != "overdue")

    text = run("reminders", "--db", str(db_file), "--date", "2026-11-03", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "逾期" in text.stdout and f"共有{len(items)}项提醒" in text.stdout



def test_bad_date_and_missing_database(tmp_path, capsys):
    # In-process: the same entry point, without paying for two more interpreter starts.
    assert main(["reminders", "--db", str(tmp_path / "x.db"), "--date", "2026-13-01"]) == 2
    assert "不是有效日期" in capsys.readouterr().err
    assert main(["reminders", "--db", str(tmp_path / "nothing.db")]) == 2
    assert "不存在" in capsys.readouterr().err and not (tmp_path / "nothing.db").exists()


def test_an_office_database_streams_every_branch_and_narrows_to_one_site(services, db, db_path, capsys):
    from sqlalchemy import update

    from tests.core.manual_world import build_world
    worlds = [build_world(db), build_world(db, founded=date(2026, 5, 20))]
    with db.sessions.begin() as s:  # as if each branch came from its own site's bundles
        for n, world in enumerate(worlds):
            s.execute(update(Organisation).where(Organisation.id == world.branch).values(origin=f"site-{n}"))
    on = date(2026, 11, 28)
    alone = {w.branch: services.reminders.reminders(on, branch_id=w.branch) for w in worlds}
    db.dispose()

    assert main(["reminders", "--db", str(db_path), "--date", on.isoformat(), "--json"]) == 0
    streamed = json.loads(capsys.readouterr().out)
    from dj_desktop.cli.reminders import to_json
    # Branch by branch, each branch's list whole and in its own order (two branches of the same name
    # may come in either order).
    by_branch: dict[str, list] = {}
    for item in streamed:
        by_branch.setdefault(item["target"]["branch_id"], []).append(item)
    assert by_branch == {str(w.branch): [to_json(r) for r in alone[w.branch]] for w in worlds}
    runs = [b for n, b in enumerate(i["target"]["branch_id"] for i in streamed)
            if n == 0 or streamed[n - 1]["target"]["branch_id"] != b]
    assert len(runs) == 2                   # streamed one branch after the other

    assert main(["reminders", "--db", str(db_path), "--date", on.isoformat(), "--json", "--branch", "site-1"]) == 0
    assert json.loads(capsys.readouterr().out) == [to_json(r) for r in alone[worlds[1].branch]]

    assert main(["reminders", "--db", str(db_path), "--branch", "no-such-site"]) == 2
    assert "no-such-site" in capsys.readouterr().err


def test_an_unknown_language_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "xx", "reminders"])
    assert exited.value.code == 2 and "--lang" in capsys.readouterr().err
