"""Kills the program's write paths with SIGKILL at random points and checks what is left.

    python -m dj_desktop.devtools.kill_harness --runs 200            # the long run, on demand
    python -m dj_desktop.devtools.kill_harness --runs 16 --seed 1    # CI's short run (a test)

Each run copies prepared files into a fresh folder, starts one write path in a child process
(``child SCENARIO FOLDER``), and kills it after a random delay. The child prints ``commit TOKEN``
on its stdout pipe right after each transaction returns, before the kill can land. Afterwards the
database must open (the program's own start-up, with its recovery), pass ``PRAGMA
integrity_check`` and hold every reported commit. Scenarios: creating a database (``init``),
``demo``, roster import, meeting save through the service, office import, backup, restore and
migration. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SCENARIOS = ("create", "demo", "roster-import", "meeting-save", "office-import", "backup", "restore", "migration")
#: Upper bound of the random kill delay per scenario, seconds (the child needs ~0.6 s to start).
MAX_DELAY = {"create": 1.6, "demo": 5.0, "migration": 1.8}
DEFAULT_MAX_DELAY = 3.5
BRANCH = "幸福里社区党支部"
PASSPHRASE = "kill harness passphrase"


# ------------------------------------------------------------------ the child: one write path

def _report(token: str) -> None:
    sys.stdout.write(f"commit {token}\n")
    sys.stdout.flush()


def _open(folder: Path):
    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services
    return build_services(open_database(folder / "branch.db", create=False))


def child(scenario: str, folder: Path) -> None:
    from dj_desktop.core.i18n import set_language
    set_language("en")
    if scenario == "create":
        from dj_desktop.core.db import open_database
        from dj_desktop.core.services import build_services
        services = build_services(open_database(folder / "branch.db"))
        services.organisation.create_first_branch(BRANCH)
        _report("branch")
    elif scenario == "demo":
        from dj_desktop.core.demo import create_demo_database
        create_demo_database(folder / "branch.db").dispose()
        _report("demo")
    elif scenario == "migration":
        _open(folder).db.dispose()
        _report("migrated")
    elif scenario == "roster-import":
        services = _open(folder)
        while True:
            report = services.roster_import.import_file(folder / "roster.xlsx")
            _report(str(report.batch_id))
    elif scenario == "meeting-save":
        _meetings(_open(folder))
    elif scenario == "office-import":
        services = _open(folder)
        for bundle in sorted(folder.glob("bundles/*.djb*")):
            [result] = services.office.import_bundles([bundle], passphrase=PASSPHRASE)
            _report(result.bundle_id)
    elif scenario == "backup":
        from dj_desktop.core.backups import take_backup
        while True:
            _report(str(take_backup(folder / "branch.db").path))
    elif scenario == "restore":
        from dj_desktop.core.restore import restore_backup
        n = 0
        while True:
            name = "a" if n % 2 == 0 else "b"
            restore_backup(folder / f"{name}.djbackup", folder / "branch.db")
            _report(name)
            n += 1


def _meetings(services) -> None:
    from dj_desktop.core.services.meeting_records import MeetingInput
    branch = services.organisation.first_branch()
    n = 0
    while True:
        token = uuid.uuid4().hex[:12]
        services.meetings.create(MeetingInput(branch_id=branch.id, kind="themed_day", held_on=date(2024, 3, 1 + n % 28),
                                              place="活动室", theme=f"kill-{token}"))
        _report(token)
        n += 1


# ------------------------------------------------------------------ preparing the files once

def prepare(assets: Path, demo_from: Path | None = None) -> None:
    """The demo database (a copy of ``demo_from`` if given), its roster export, two backups, an
    old-schema database, an office with bundles."""
    from dj_desktop.core.backups import files_dir, take_backup
    from dj_desktop.core.db import open_database
    from dj_desktop.core.demo import create_demo_database
    from dj_desktop.core.services import build_services

    demo = assets / "demo" / "branch.db"
    if demo_from is None:
        services = build_services(create_demo_database(demo))
    else:
        demo.parent.mkdir(parents=True)
        shutil.copy2(demo_from, demo)
        shutil.copytree(files_dir(demo_from), files_dir(demo))
        services = build_services(open_database(demo, create=False))
    services.roster_import.export_roster(assets / "roster.xlsx")
    services.db.dispose()
    take_backup(demo, assets, reason="manual").path.rename(assets / "a.djbackup")
    with sqlite3.connect(demo) as conn:
        conn.execute("UPDATE organisation SET name = name || '（改）' WHERE kind = 'branch'")
    take_backup(demo, assets, reason="manual").path.rename(assets / "b.djbackup")
    foundation_database(assets / "old" / "branch.db")
    office = build_services(open_database(assets / "office" / "branch.db"))
    setup = office.office.initialise(name="东城街道党工委", passphrase=PASSPHRASE, out_dir=assets / "enrol")
    # The kills land in the merge: the office takes new devices' first bundles at once (the held
    # path writes one row per bundle and is covered by the approval tests).
    office.office.set_accept_new_devices(True)
    office.db.dispose()
    for n in range(4):
        branch_path = assets / "branches" / f"b{n}.db"
        restore_from = assets / "a.djbackup"
        from dj_desktop.core.restore import restore_backup
        restore_backup(restore_from, branch_path)
        with sqlite3.connect(branch_path) as conn:
            conn.execute("DELETE FROM local_setting WHERE key = 'site_id'")
        branch = build_services(open_database(branch_path, create=False))
        branch.sync.enrol(setup.enrolment_path)
        branch.sync.export_bundle(assets / "office" / "bundles", full=True)
        branch.db.dispose()


def foundation_database(path: Path) -> None:
    """A database at the first schema revision holding one branch (an "older" database to migrate)."""
    from alembic import command
    from dj_desktop.core.db import alembic_config, create_db_engine
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_db_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001_foundation")
        conn.exec_driver_sql(
            "INSERT INTO organisation (id, origin, version, field_versions, modified_by, change_seq,"
            " created_at, updated_at, deleted, name, kind, setting, is_joint, unit_count, sort_order, notes)"
            " VALUES ('0123456789abcdef0123456789abcdef', 's', 1, '{}', 's', 1, '2024-01-01 00:00:00',"
            " '2024-01-01 00:00:00', 0, '老支部', 'branch', 'community', 0, 1, 0, '')")
    engine.dispose()


def stage(scenario: str, assets: Path, folder: Path) -> None:
    """The files a run of ``scenario`` starts from."""
    folder.mkdir(parents=True)
    source = {"roster-import": "demo", "meeting-save": "demo", "backup": "demo", "restore": "demo",
              "migration": "old", "office-import": "office"}.get(scenario)
    if source:
        for item in (assets / source).iterdir():
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, folder / item.name)
    if scenario == "roster-import":
        shutil.copy2(assets / "roster.xlsx", folder)
    if scenario == "restore":
        shutil.copy2(assets / "a.djbackup", folder)
        shutil.copy2(assets / "b.djbackup", folder)


# ------------------------------------------------------------------ checking what the kill left

@dataclass
class Tally:
    runs: int = 0
    kills: int = 0
    checked: int = 0
    corrupt: int = 0
    unopenable: int = 0
    lost: int = 0
    commits: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"runs {self.runs}, kills {self.kills}, databases checked {self.checked}, corrupt {self.corrupt}, "
                f"unopenable {self.unopenable}, transactions lost {self.lost} (of {self.commits} committed)")


def check(scenario: str, folder: Path, tokens: list[str], tally: Tally, label: str) -> None:
    from dj_desktop.core.backups import integrity_ok, read_backup
    from dj_desktop.core.db import open_database
    from dj_desktop.core.errors import UserError

    path = folder / "branch.db"
    if scenario in ("create", "demo") and not path.exists():
        if tokens:
            tally.lost += len(tokens)
            tally.problems.append(f"{label}: committed, but no database")
        return                 # killed before the rename: no database, as promised
    tally.checked += 1
    try:
        db = open_database(path, create=False)
    except UserError as exc:
        tally.unopenable += 1
        tally.problems.append(f"{label}: does not open: {exc}")
        return
    try:
        if not integrity_ok(path):
            tally.corrupt += 1
            tally.problems.append(f"{label}: integrity_check failed")
        missing = _missing(scenario, db, folder, tokens, read_backup)
        tally.lost += len(missing)
        if missing:
            tally.problems.append(f"{label}: lost {missing[:3]}")
    finally:
        db.dispose()


def _missing(scenario: str, db, folder: Path, tokens: list[str], read_backup) -> list[str]:
    conn = sqlite3.connect(db.path)
    try:
        def rows(sql: str) -> set:
            return {r[0] for r in conn.execute(sql)}
        if scenario == "create":
            return [t for t in tokens if BRANCH not in rows("SELECT name FROM organisation")]
        if scenario == "demo":      # a demo database that exists must be whole, reported or not
            whole = rows("SELECT count(*) FROM meeting") != {0} and BRANCH in rows("SELECT name FROM organisation")
            return [] if whole else ["demo (half-filled)"]
        if scenario == "migration":
            from dj_desktop.core.db import current_revisions, head_revisions
            ok = current_revisions(db.engine) == head_revisions() and "老支部" in rows("SELECT name FROM organisation")
            return [] if ok else ["migration"]
        if scenario == "roster-import":
            have = rows("SELECT lower(replace(id, '-', '')) FROM change_batch")
            return [t for t in tokens if t.replace("-", "") not in have]
        if scenario == "meeting-save":
            have = rows("SELECT theme FROM meeting WHERE deleted = 0")
            return [t for t in tokens if f"kill-{t}" not in have]
        if scenario == "office-import":
            have = rows("SELECT bundle_id FROM sync_received_bundle")
            return [t for t in tokens if t not in have]
        if scenario == "backup":
            lost = []
            for t in tokens:
                try:
                    read_backup(t)
                except Exception:
                    lost.append(t)
            return lost
        if scenario == "restore":   # whole: exactly one of the two backups' states, never a mix
            names = rows("SELECT name FROM organisation WHERE kind = 'branch'")
            meetings = rows("SELECT count(*) FROM meeting")
            expected = read_backup(folder / "a.djbackup").counts.get("meeting")
            return [] if names and len(names) == 1 and meetings == {expected} else [f"mixed state {names}"]
    finally:
        conn.close()
    return []


# ------------------------------------------------------------------ the parent

def run(runs: int, *, seed: int, workdir: Path | None = None, verbose: bool = False,
        demo_from: Path | None = None) -> Tally:
    """``runs`` kills, scenarios in turn; ``demo_from``: a demo database to start from instead of
    building one (~10 s)."""
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        scratch = Path(scratch)
        prepare(scratch / "assets", demo_from)
        for n in range(runs):
            scenario = SCENARIOS[n % len(SCENARIOS)]
            folder = scratch / f"run-{n:04d}"
            stage(scenario, scratch / "assets", folder)
            delay = rng.uniform(0.4, MAX_DELAY.get(scenario, DEFAULT_MAX_DELAY))
            proc = subprocess.Popen([sys.executable, "-m", "dj_desktop.devtools.kill_harness", "child",
                                     scenario, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            time.sleep(delay)
            killed = proc.poll() is None
            if killed:
                proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
            tally.runs += 1
            tally.kills += killed
            tokens = [line.split(" ", 1)[1] for line in out.decode().splitlines() if line.startswith("commit ")]
            tally.commits += len(tokens)
            if not killed and proc.returncode != 0:
                tally.problems.append(f"run {n} {scenario}: child failed: {err.decode()[-300:]}")
            check(scenario, folder, tokens, tally, f"run {n} {scenario} (killed after {delay:.2f} s)")
            if verbose:
                print(f"run {n:4d} {scenario:14s} {'killed' if killed else 'finished'} after {delay:.2f} s, "
                      f"{len(tokens)} commits", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
    return tally


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["child"]:
        child(argv[1], Path(argv[2]))
        return 0
    parser = argparse.ArgumentParser(prog="kill_harness", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    tally = run(args.runs, seed=args.seed, workdir=args.workdir, verbose=args.verbose)
    print(f"seed {args.seed}: {tally.line()}")
    for problem in tally.problems:
        print("  " + problem)
    return 0 if not tally.problems and tally.kills else 1


if __name__ == "__main__":
    sys.exit(main())
