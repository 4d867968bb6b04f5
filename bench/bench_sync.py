"""Sync budgets (issue 4): full export of a 3-year demo branch (≤2 s); an office import of 1,000 branch
bundles of ~100 records each into SQLite (≤20 s) and PostgreSQL (≤30 s), each against a raw
sqlite3 / psycopg insert of the same rows (one transaction per bundle, like the office).

Run: ``.venv/bin/python bench/bench_sync.py [--bundles N] [--no-postgres] [--no-sqlite] [--profile] [--repeat N] [--work DIR]``.
Bundles are real files from 1,000 enrolled branch installations (each its own site id and
device key): the generator reuses one branch database, emptying its records and enrolling
a new device between bundles, because opening 1,000 database files would only time the set-up.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import sqlite3
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, insert, select

from dj_desktop.core.db import open_database
from dj_desktop.core.demo import create_demo_database
from dj_desktop.core.models import (
    AuditEntry, BundleExport, Member, MemberEvent, Organisation, RecordHistory, SiteAuditEntry, SyncEnrolment,
    record_tables,
)
from dj_desktop.core.progress import Progress
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services import build_services
from dj_desktop.core.tracking import stamp_rows
from dj_desktop.sync import enrolment as enrolment_mod
from dj_desktop.sync import export as export_mod

PASSPHRASE = "bench-office-passphrase"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英志强丽华伟明玉兰海燕春梅德胜红霞文军桂芳"
GROUPS = 3
MEMBERS = 80
EVENTS = 16  # 1 branch + 3 groups + 80 members + 16 events = 100 records per bundle
TABLES = ("organisation", "member", "member_event")
#: Every row the office keeps from a bundle: its records and, since issue 11, the branch's audit entries.
KEPT = (*TABLES, "site_audit_entry")


def _timed(label: str, fn, *, budget: float | None = None):
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    verdict = "" if budget is None else ("  (budget {:.0f} s: {})".format(budget, "met" if took <= budget else "MISSED"))
    print(f"{label}: {took:.2f} s wall, {cpu:.2f} s CPU{verdict}", flush=True)
    return value, took


# -- 1. full export of a 3-year demo branch ------------------------------------------------------

def bench_export(work: Path) -> dict:
    office = build_services(open_database(work / "export-office.db"))
    setup = office.office.initialise(name="县委组织部", passphrase=PASSPHRASE, out_dir=work)
    branch_db = create_demo_database(work / "demo-branch.db")
    branch = build_services(branch_db)
    branch.sync.enrol(setup.enrolment_path)
    result, took = _timed("full export of the 3-year demo branch",
                          lambda: branch.sync.export_bundle(work / "stick", full=True), budget=2.0)
    records = sum(result.counts.values())
    print(f"  {records} records, {result.size / 1024:.0f} KB, {records / took:,.0f} records/s")
    branch_db.dispose()
    office.db.dispose()
    return {"export_s": took, "export_records": records, "export_kb": result.size / 1024}


# -- 2. 1,000 branch bundles -----------------------------------------------------------------------

def _branch_rows(i: int, rng_day: int) -> tuple[list[dict], list[dict], list[dict]]:
    branch_id = uuid.uuid4()
    orgs = [{"id": branch_id, "name": f"第{i + 1}村党支部", "kind": "branch", "parent_id": None,
             "setting": "village", "founded_on": date(1990 + i % 30, 7, 1)}]
    groups = [uuid.uuid4() for _ in range(GROUPS)]
    orgs += [{"id": g, "name": f"第{n + 1}党小组", "kind": "group", "parent_id": branch_id, "setting": "village",
              "founded_on": date(2000, 1, 1)} for n, g in enumerate(groups)]
    members = []
    for n in range(MEMBERS):
        serial = i * MEMBERS + n
        birth = date(1940, 1, 1) + timedelta(days=(serial * 37 + rng_day) % 20000)
        gender = "male" if n % 2 else "female"
        joined = birth + timedelta(days=365 * 25)
        members.append({
            "id": uuid.uuid4(), "branch_id": branch_id, "group_id": groups[n % GROUPS],
            "name": SURNAMES[serial % len(SURNAMES)] + GIVEN[(serial // 7) % len(GIVEN)] + GIVEN[serial % len(GIVEN)],
            "gender": gender, "birth_date": birth,
            "id_number": make_id_number("110101", birth, serial % 997, gender=gender),
            "phone": f"139{serial:08d}", "address": f"第{i + 1}村{n + 1}号", "work_unit": "村民委员会",
            "joined_on": joined, "full_member_on": joined + timedelta(days=365), "arrived_on": joined,
        })
    events = [{"id": uuid.uuid4(), "member_id": members[n]["id"], "kind": "joined", "on": members[n]["joined_on"],
               "note": "发展入党"} for n in range(EVENTS)]
    return orgs, members, events


def make_bundles(work: Path, count: int, enrolment_path: Path, template: Path) -> list[Path]:
    """``count`` real bundle files, each from its own site and newly enrolled device."""
    out = work / "bundles"
    out.mkdir()
    path = work / "generator-branch.db"
    shutil.copyfile(template, path)
    db = open_database(path)
    offer = enrolment_mod.read_enrolment_file(enrolment_path)
    paths = []
    for i in range(count):
        site = str(uuid.uuid4())
        orgs, members, events = _branch_rows(i, i * 13)
        with db.sessions.begin() as s:
            s.info["site_id"] = site
            for table in reversed(record_tables()):
                s.execute(delete(table))
            s.execute(delete(AuditEntry))  # each site starts its own chain
            s.execute(delete(RecordHistory))
            s.execute(delete(BundleExport))
            s.execute(delete(SyncEnrolment))
            enrolment_mod.enrol(s, offer)
            for model, rows in ((Organisation, orgs), (Member, members), (MemberEvent, events)):
                s.execute(insert(model), stamp_rows(s, rows, history_table=model.__tablename__))
            written = export_mod.export_bundle(s, out, site_id=site, full=True, read_attachment=lambda _h: None)
        paths.append(written.path)
    db.dispose()
    return paths


def rows_by_bundle(db) -> dict[str, dict[str, list[tuple]]]:
    """The rows the office now holds, per origin site and table, for the raw baseline to insert."""
    tables = {t.name: t for t in record_tables()}
    out: dict[str, dict[str, list[tuple]]] = {}
    with db.engine.connect() as conn:
        for name in TABLES:
            table = tables[name]
            for row in conn.execute(select(table).order_by(table.c.change_seq)):
                out.setdefault(row.origin, {}).setdefault(name, []).append(tuple(row))
        audit = SiteAuditEntry.__table__
        for row in conn.execute(select(audit).order_by(audit.c.site_id, audit.c.seq)):
            out.setdefault(row.site_id, {}).setdefault(audit.name, []).append(tuple(row))
    return out


def _insert_sql(table: str, columns: list[str], marker: str) -> str:
    names = ", ".join('"' + c + '"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([marker] * len(columns))})"


def raw_sqlite(template: Path, work: Path, grouped, columns, names=TABLES) -> tuple[float, float]:
    path = work / "raw.db"
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    sql = {t: _insert_sql(t, columns[t], "?") for t in names}
    # Values in SQLite's storage form before the clock starts: the floor is the insert alone.
    ready = [{name: [tuple(_sqlite_value(v) for v in row) for row in tables.get(name, [])] for name in names}
             for tables in grouped.values()]
    start, cpu = time.perf_counter(), time.process_time()
    for tables in ready:
        conn.execute("BEGIN")
        for name in names:
            conn.executemany(sql[name], tables[name])
        conn.execute("COMMIT")
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return took, cpu


def _sqlite_value(value):
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, dict):
        return json.dumps(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return value


def raw_psycopg(url: str, grouped, columns, names=TABLES) -> tuple[float, float]:
    import psycopg
    from psycopg.types.json import Json

    parts = url.split("://", 1)[1]
    user_host, dbname = parts.rsplit("/", 1)
    user, hostport = user_host.split("@")
    host, port = hostport.split(":")
    conn = psycopg.connect(host=host, port=int(port), user=user, dbname=dbname)
    sql = {t: _insert_sql(t, columns[t], "%s") for t in names}
    ready = [{name: [tuple(Json(v) if isinstance(v, dict) else v for v in row) for row in tables.get(name, [])]
              for name in names} for tables in grouped.values()]
    start, cpu = time.perf_counter(), time.process_time()
    with conn.cursor() as cur:
        for tables in ready:
            for name in names:
                cur.executemany(sql[name], tables[name])
            conn.commit()
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return took, cpu


def bench_offices(work: Path, count: int, *, postgres: bool, profile: bool, repeat: int = 1,
                  sqlite: bool = True) -> dict:
    template = work / "template.db"
    kept = sorted((work / "bundles").glob("*.djbundle")) if (work / "enrol-office.db").exists() else []
    if len(kept) == count and template.exists():
        paths = kept   # --work DIR of an earlier run: the same bundle files again
        print(f"reusing the {count} bundles in {work / 'bundles'}")
    else:
        paths = _generate(work, template, count)
    for stale in ("office.db", "office.db-wal", "office.db-shm", "raw.db", "raw.db-wal", "raw.db-shm"):
        (work / stale).unlink(missing_ok=True)
    numbers: dict = {"bundles": count}

    tables = {t.name: t for t in record_tables()}
    tables["site_audit_entry"] = SiteAuditEntry.__table__
    columns = {name: [c.name for c in tables[name].columns] for name in KEPT}

    def run(label: str, new_url, budget: float, raw) -> None:
        # Best of ``repeat`` rounds, each an import into a new office then both raw baselines: the
        # machine's speed drifts by a third within minutes (a shared host), and the ratio compares
        # figures taken seconds apart, not minutes.
        best: dict = {}
        for round_ in range(repeat):
            url = new_url(round_)
            shared_keys(url, work / "enrol-office.db")
            cpu = time.process_time()
            took, records, (db, profiler), rates = office_import_with_keys(url, paths, profile=profile)
            cpu = time.process_time() - cpu
            grouped = rows_by_bundle(db)
            db.dispose()
            raw_took, raw_cpu = raw(grouped, TABLES)
            kept_took, kept_cpu = raw(grouped, KEPT)
            figures = {"s": took, "cpu": cpu, "records": records, "raw_s": raw_took, "raw_cpu": raw_cpu,
                       "kept_s": kept_took, "kept_cpu": kept_cpu}
            if repeat > 1:
                print(f"  round {round_ + 1} of {repeat}, {label}: import {took:.2f} s ({cpu:.2f} s CPU), raw "
                      f"{raw_took:.2f} s, raw of every row kept {kept_took:.2f} s", flush=True)
            best = {k: min(v, best[k]) if k in best else v for k, v in figures.items()}
            if rates:
                # Linearity within one run (the machine's speed drifts between runs): the first
                # CHUNK bundles are a CHUNK-bundle import; every later CHUNK adds to a fuller office.
                print(f"  {label}, records/s per {CHUNK:,} bundles in order: "
                      + ", ".join(f"{r:,.0f}" for r in rates)
                      + f"; all {count:,} bundles {records / took:,.0f} records/s = "
                      f"{(records / took) / rates[0] - 1:+.0%} against the first {CHUNK:,}, the last "
                      f"{CHUNK:,} {rates[-1] / rates[0] - 1:+.0%} (budget ±20 %)", flush=True)
        took, cpu, records = best["s"], best["cpu"], best["records"]
        raw_took, raw_cpu, kept_took, kept_cpu = best["raw_s"], best["raw_cpu"], best["kept_s"], best["kept_cpu"]
        verdict = ("met" if took <= budget else "MISSED") if count == 1000 else "applies to 1,000 bundles"
        rounds = f" (best of {repeat} rounds each)" if repeat > 1 else ""
        print(f"office import into {label}{rounds}: {took:.2f} s wall, {cpu:.2f} s CPU in this process, for "
              f"{records:,} records in {count} bundles ({records / took:,.0f} records/s, {count / took:,.0f} "
              f"bundles/s)  (budget {budget:.0f} s: {verdict})")
        print(f"  raw {'sqlite3' if label == 'SQLite' else 'psycopg'} insert of the same rows "
              f"(one transaction per bundle): {raw_took:.2f} s wall, {raw_cpu:.2f} s CPU → ratio "
              f"{took / raw_took:.1f}× wall, {cpu / raw_cpu:.1f}× CPU (budget 2×)")
        print(f"  raw insert of every row the office keeps from the bundles (the records and the branches' audit "
              f"entries): {kept_took:.2f} s wall, {kept_cpu:.2f} s CPU → ratio {took / kept_took:.1f}× wall, "
              f"{cpu / kept_cpu:.1f}× CPU", flush=True)
        numbers[label] = best
        if profiler is not None:
            print(f"  profile of the {label} import: our functions by cumulative time, then everything by own time")
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats("dj_desktop", 30)
            stats.sort_stats("tottime").print_stats(45)

    def new_sqlite(round_: int) -> str:
        for stale in ("office.db", "office.db-wal", "office.db-shm"):
            (work / stale).unlink(missing_ok=True)
        shutil.rmtree(work / "office.db.backups", ignore_errors=True)
        return f"sqlite:///{work / 'office.db'}"

    if sqlite:
        run("SQLite", new_sqlite, 20.0, lambda grouped, names: raw_sqlite(template, work, grouped, columns, names))
    if postgres:
        from dj_desktop.devtools.throwaway_postgres import ThrowawayPostgres

        with ThrowawayPostgres() as pg:
            def raw_pg(grouped, names):
                raw_url = pg.create_database()    # a new empty database for each baseline
                open_database(raw_url).dispose()
                return raw_psycopg(raw_url, grouped, columns, names)

            run("PostgreSQL", lambda round_: pg.create_database(f"office{round_}"), 30.0, raw_pg)
    # Issue 16: the import within 2× of raw executemany on each engine, both ratios in one run.
    for label in ("SQLite", "PostgreSQL"):
        if label in numbers:
            n = numbers[label]
            print(f"ratio to raw, {label}: {n['s'] / n['raw_s']:.2f}× wall, {n['cpu'] / n['raw_cpu']:.2f}× CPU "
                  f"({n['records'] / n['s']:,.0f} records/s); to every row kept: {n['s'] / n['kept_s']:.2f}× wall, "
                  f"{n['cpu'] / n['kept_cpu']:.2f}× CPU")
    return numbers


def _generate(work: Path, template: Path, count: int) -> list[Path]:
    for stale in ("template.db", "enrol-office.db", "generator-branch.db"):
        (work / stale).unlink(missing_ok=True)
    shutil.rmtree(work / "bundles", ignore_errors=True)
    shutil.rmtree(work / "enrol", ignore_errors=True)
    open_database(template).dispose()
    with sqlite3.connect(template) as conn:
        conn.execute("DELETE FROM local_setting WHERE key = 'site_id'")
    conn.close()
    enrol_office = build_services(open_database(work / "enrol-office.db"))
    setup = enrol_office.office.initialise(name="县委组织部", passphrase=PASSPHRASE, out_dir=work / "enrol")
    # Every office below is initialised with new keys, so all read the same enrolment: copy the keys.
    paths, _took = _timed(f"generating {count} branch bundles (not a budget)",
                          lambda: make_bundles(work, count, setup.enrolment_path, template))
    enrol_office.db.dispose()
    return paths


def shared_keys(url: str, source: Path) -> None:
    """Give the office at ``url`` the keys of the office that wrote the enrolment file."""
    from dj_desktop.core.models import OfficeIdentity

    src = open_database(source)
    with src.sessions.begin() as s:
        row = s.get(OfficeIdentity, 1)
        values = {c.name: getattr(row, c.key) for c in OfficeIdentity.__table__.columns}
    src.dispose()
    db = open_database(url)
    with db.sessions.begin() as s:
        s.execute(insert(OfficeIdentity), [values])
    db.dispose()


#: Bundles per chunk of the linearity figures (imports of at least two chunks).
CHUNK = 1000


def office_import_with_keys(url: str, paths: list[Path], *, profile: bool):
    """The office import of ``paths`` into ``url``: seconds, records, (database, profiler), and for
    imports of two chunks or more the records/s of each :data:`CHUNK` bundles in order."""
    db = open_database(url)
    services = build_services(db)
    # The office of a county that enrols its branches' computers in person: the devices are known, so
    # the bundles merge at once instead of being held for approval one device at a time.
    services.office.set_accept_new_devices(True)
    receipts = Path(tempfile.mkdtemp(prefix="dj-receipts-"))
    profiler = cProfile.Profile() if profile else None
    marks: list[float] = []

    def on_step(done: int, _total: int, text: str) -> None:
        if done % CHUNK == 0 and text.endswith(".djbundle") and len(marks) == done // CHUNK:
            marks.append(time.perf_counter())

    start = time.perf_counter()
    if profiler:
        profiler.enable()
    results = services.office.import_bundles(paths, passphrase=PASSPHRASE, receipts_dir=receipts,
                                             progress=Progress(on_step=on_step))
    if profiler:
        profiler.disable()
    took = time.perf_counter() - start
    marks.append(time.perf_counter())
    bad = [r for r in results if r.status != "applied"]
    if bad:
        raise SystemExit(f"{len(bad)} bundles not applied, first: {bad[0].status} {bad[0].reason}")
    shutil.rmtree(receipts, ignore_errors=True)
    records = [sum(r.applied.values()) for r in results]
    rates = [sum(records[n * CHUNK:(n + 1) * CHUNK]) / (marks[n + 1] - marks[n])
             for n in range(len(marks) - 1)] if len(paths) >= 2 * CHUNK else []
    return took, sum(records), (db, profiler), rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=1000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL office import")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of each office import")
    parser.add_argument("--repeat", type=int, default=1, help="import into a new office this many times, each "
                                                               "followed by the raw baselines; the best of each counts")
    parser.add_argument("--work", type=Path, help="keep the generated bundles in this folder and reuse them "
                                                 "on the next run with the same --bundles (skips the export)")
    args = parser.parse_args()
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        bench_offices(args.work.resolve(), args.bundles, postgres=not args.no_postgres, profile=args.profile,
                      repeat=args.repeat, sqlite=not args.no_sqlite)
        return 0
    with tempfile.TemporaryDirectory(prefix="dj-bench-sync-") as folder:
        work = Path(folder)
        bench_export(work)
        bench_offices(work, args.bundles, postgres=not args.no_postgres, profile=args.profile, repeat=args.repeat,
                      sqlite=not args.no_sqlite)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
