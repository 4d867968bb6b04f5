"""The office import's two halves, each timed alone in this process (issue 16, session 14).

An office import of many bundles runs in two processes on the office's two cores: a worker opens
bundles (read, decrypt, check, parse, prepare the driver's values, pickle them) while the merging
process writes them into the database (unpickle, merge, insert, commit). The import's time is set by
the busier of the two and by how the merging process shares the opening when the worker falls behind
(`sync/opened.open_bundles`), and the machine's speed drifts by a third within minutes, so the whole
import's figure (`bench_sync.py`) hides what a change did to either half. This prints the CPU a bundle
of each half, measured one after the other in one process:

- **opening**: `opened.open_bundle` + the worker's preparation (`opened._prepared`) + pickling, after
  one bundle opened untimed (what the worker does once, while it starts);
- **merging**: unpickling + `importer.import_opened` in an `ImportBatch`, with its commits (no receipts,
  no backup, no worker).

Run: ``.venv/bin/python bench/bench_import_split.py --work DIR [--bundles N] [--rounds N]``, where DIR
holds the bundles and the enrolling office of an earlier ``bench_sync.py --work DIR`` (a new SQLite
office is made in DIR for each round). Best of ``--rounds`` for each half.
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import time
import uuid
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

from bench_sync import PASSPHRASE, shared_keys

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.sync import importer, opened
from dj_desktop.sync.import_batch import ImportBatch, heap_frozen


def _new_office(work: Path) -> str:
    for stale in ("split-office.db", "split-office.db-wal", "split-office.db-shm"):
        (work / stale).unlink(missing_ok=True)
    shutil.rmtree(work / "split-office.db.backups", ignore_errors=True)
    url = f"sqlite:///{work / 'split-office.db'}"
    shared_keys(url, work / "enrol-office.db")
    return url


def opening(paths: list[Path], keys: importer.OfficeKeys, dialect) -> tuple[float, list[bytes]]:
    """CPU seconds to open, prepare and pickle ``paths`` as the worker does, and the pickled bundles."""
    ForkingPickler.register(uuid.UUID, opened._reduce_uuid)       # as the worker sends UUIDs
    opened._prepared(opened.open_bundle(paths[0], keys.enc_private), dialect)   # the worker's start-up: not timed
    sent = []
    cpu = time.process_time()
    for path in paths:
        sent.append(bytes(ForkingPickler.dumps(opened._prepared(opened.open_bundle(path, keys.enc_private),
                                                                dialect))))
    return time.process_time() - cpu, sent


def merging(url: str, sent: list[bytes], keys: importer.OfficeKeys) -> tuple[float, float]:
    """CPU seconds to unpickle and merge ``sent`` into the office at ``url``, and of that the unpickling."""
    db = open_database(url)
    build_services(db).office.set_accept_new_devices(True)
    unpickling = 0.0
    cpu = time.process_time()
    with heap_frozen(), db.bulk_sessions() as sessions, ImportBatch(sessions) as batch:
        for data in sent:
            start = time.process_time()
            bundle = pickle.loads(data)
            unpickling += time.process_time() - start
            outcome = importer.import_opened(batch, bundle, office=keys)
            if outcome.status != "applied":
                raise SystemExit(f"{bundle.path.name}: {outcome.status} {outcome.reason}")
            if batch.due():
                batch.commit()
    took = time.process_time() - cpu
    db.dispose()
    return took, unpickling


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="folder of an earlier bench_sync.py --work run")
    parser.add_argument("--bundles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    paths = sorted((args.work / "bundles").glob("*.djbundle"))[:args.bundles]
    if not paths or not (args.work / "enrol-office.db").exists():
        raise SystemExit(f"no bundles in {args.work}: run bench_sync.py --work {args.work} first")
    enrol = open_database(args.work / "enrol-office.db")
    keys = importer.unlock_office(enrol, PASSPHRASE)
    enrol.dispose()
    best: dict[str, float] = {}
    for round_ in range(args.rounds):
        url = _new_office(args.work)
        dialect = open_database(url).engine.dialect
        opened_cpu, sent = opening(paths, keys, dialect)
        merged_cpu, unpickled_cpu = merging(url, sent, keys)
        figures = {"opening": opened_cpu, "merging": merged_cpu, "unpickling": unpickled_cpu}
        print(f"round {round_ + 1}: " + ", ".join(f"{k} {v / len(paths) * 1000:.2f} ms" for k, v in figures.items())
              + f" a bundle ({len(paths)} bundles)", flush=True)
        best = {k: min(v, best.get(k, v)) for k, v in figures.items()}
    n = len(paths)
    print(f"best of {args.rounds}: opening {best['opening'] / n * 1000:.2f} ms a bundle (the worker's share), "
          f"merging {best['merging'] / n * 1000:.2f} ms a bundle (the merging process's; unpickling "
          f"{best['unpickling'] / n * 1000:.2f} ms of it). Two cores give at best "
          f"{(best['opening'] + best['merging']) / 2:.1f} s for the whole import, if neither half waits.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
