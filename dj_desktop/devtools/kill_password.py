"""SIGKILL during ``dj-desktop password set`` / ``password remove`` on a branch with photos (issue 11).

Run: ``python -m dj_desktop.devtools.kill_password --runs 30 [--photos 60] [--seed 11]``. Each run copies
a branch database with N photos, starts the command in a subprocess (``set`` and ``remove`` in turn),
kills it after a random delay, then checks in this process that the database opens (with the password
if it is encrypted) and that every photo reads back byte for byte, sealed or not; after a kill it runs
the same command again and checks that it finished the job (all sealed / all plain). Prints runs,
kills, stores left mixed, and failures (unreadable or unfinished): 0 is the promise.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PASSWORD = "kill harness password 2026"


def _template(folder: Path, photos: int) -> tuple[Path, dict[str, bytes]]:
    from PIL import Image

    from dj_desktop.core.db import open_database
    from dj_desktop.core.services import build_services
    from dj_desktop.core.services.meeting_records import MeetingInput
    path = folder / "template.db"
    db = open_database(path)
    services = build_services(db)
    branch = services.organisation.create_first_branch("东风村党支部")
    meeting = services.meetings.create(MeetingInput(branch_id=branch.id, kind="themed_day", held_on=date(2026, 7, 1),
                                                    theme="主题党日"), today=date(2026, 7, 2))
    plain = {}
    for n in range(photos):
        photo = folder / f"photo-{n}.jpg"
        Image.effect_noise((800, 600), 40 + n).convert("RGB").save(photo, "JPEG")
        info = services.attachments.add("meeting", meeting.id, photo)
        plain[info.sha256] = photo.read_bytes()
    db.dispose()
    return path, plain


def _state(path: Path, plain: dict[str, bytes]) -> tuple[bool, bool, int]:
    """(encrypted, every photo reads back, sealed files) as a new process would see them."""
    from dj_desktop.core import attachment_keys, sealed_files
    from dj_desktop.core.db import open_database
    from dj_desktop.core.encryption import is_encrypted
    from dj_desktop.core.services import build_services
    from dj_desktop.core.sqlite_connect import forget_key
    store = attachment_keys.store_of_database(path)
    forget_key(path)
    attachment_keys.forget(store)
    encrypted = is_encrypted(path)
    db = open_database(path, create=False, password=PASSWORD if encrypted else None)
    try:
        services = build_services(db)
        readable = all(services.attachments.read(sha) == data for sha, data in plain.items())
    finally:
        db.dispose()
    return encrypted, readable, sum(sealed_files.is_sealed(f) for f in sealed_files.stored_files(store))


def _command(action: str, path: Path) -> list[str]:
    return [sys.executable, "-m", "dj_desktop", "password", action, "--db", str(path)]


def run(runs: int, photos: int, seed: int, folder: Path) -> int:
    env = {**os.environ, "DJ_NEW_PASSWORD": PASSWORD, "DJ_PASSWORD": PASSWORD}
    template, plain = _template(folder, photos)
    rng = random.Random(seed)
    # How long each command takes on this machine now: kills land anywhere in that time.
    timing = folder / "timing" / "branch.db"
    timing.parent.mkdir()
    shutil.copy(template, timing)
    shutil.copytree(str(template) + ".files", str(timing) + ".files")
    took = {}
    for action in ("set", "remove"):
        start = time.perf_counter()
        subprocess.run(_command(action, timing), env=env, capture_output=True, check=True)
        took[action] = time.perf_counter() - start
    print(f"uninterrupted: set {took['set']:.1f} s, remove {took['remove']:.1f} s", flush=True)
    kills = mixed = failures = 0
    for n in range(runs):
        target = folder / f"run-{n}" / "branch.db"
        target.parent.mkdir()
        shutil.copy(template, target)
        shutil.copytree(str(template) + ".files", str(target) + ".files")
        action = "set" if n % 2 == 0 else "remove"
        if action == "remove":
            subprocess.run(_command("set", target), env=env, capture_output=True, check=True)
        child = subprocess.Popen(_command(action, target), env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * took[action])
        killed = child.poll() is None
        if killed:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait()
        encrypted, readable, sealed = _state(target, plain)
        mixed += 0 < sealed < len(plain)
        ok = readable
        if killed:
            subprocess.run(_command(action, target), env=env, capture_output=True)
            encrypted2, readable2, sealed2 = _state(target, plain)
            done = (encrypted2 and sealed2 == len(plain)) if action == "set" else (not encrypted2 and sealed2 == 0)
            ok = ok and readable2 and done
        failures += not ok
        print(f"run {n}: {action}, killed {killed}, encrypted {encrypted}, sealed {sealed}/{len(plain)}, "
              f"{'ok' if ok else 'FAILED'}", flush=True)
    print(f"runs {runs}, kills {kills}, stores left mixed {mixed}, unreadable or unfinished {failures}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        return 1 if run(args.runs, args.photos, args.seed, Path(folder)) else 0


if __name__ == "__main__":
    sys.exit(main())
