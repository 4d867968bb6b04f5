"""Times the daily backup of a three-year branch with 200 photos (budget: ≤ 3 s) against the floor
in the same run: a raw copy of the database file and the attachment folder (``shutil``).

Run: ``.venv/bin/python bench/bench_backup.py [--photos N] [--repeat N]``. Builds the demo branch
(three years of meetings, talks, plans), attaches N photos of phone size (≈ 250–450 KB JPEG,
2000×1500) to meetings, then times :func:`dj_desktop.core.backups.take_backup` (backup API copy,
integrity_check, ZIP with the photos, read-back check) and the restore. ``--password`` sets the
app password first: the database is SQLCipher and the photos are sealed (copied into the backup as
they are).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from dj_desktop.core.backups import take_backup
from dj_desktop.core.demo import create_demo_database
from dj_desktop.core.password import set_password
from dj_desktop.core.restore import restore_backup
from dj_desktop.core.services import build_services


PASSWORD = "bench password 2026"


def make_photo(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    img = Image.effect_noise((2000, 1500), 40).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(2000), rng.randrange(1500)
        draw.ellipse((x, y, x + rng.randrange(50, 500), y + rng.randrange(50, 400)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    img.filter(ImageFilter.GaussianBlur(1.2)).save(path, "JPEG", quality=82)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--password", action="store_true",
                        help="set the app password first (database and photos encrypted) and time that too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db_path = folder / "branch.db"
        services = build_services(create_demo_database(db_path))
        branch = services.organisation.first_branch()
        meetings = services.meetings.list(branch.id)
        photos = folder / "photos"
        photos.mkdir()
        for n in range(args.photos):
            photo = photos / f"photo-{n:03d}.jpg"
            make_photo(photo, n)
            services.attachments.add("meeting", meetings[n % len(meetings)].id, photo, branch_id=branch.id)
        services.db.dispose()
        store = Path(str(db_path) + ".files")
        size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
        print(f"branch: {len(meetings)} meetings, {args.photos} photos, database "
              f"{db_path.stat().st_size / 1e6:.1f} MB, attachments {size / 1e6:.1f} MB")
        password = None
        if args.password:
            password = PASSWORD
            start = time.perf_counter()
            set_password(db_path, password)
            print(f"password set (database re-encrypted, {args.photos} photos sealed): "
                  f"{time.perf_counter() - start:.2f} s")

        raw, backup, restore = [], [], []
        for n in range(args.repeat):
            start = time.perf_counter()
            shutil.copyfile(db_path, folder / f"raw-{n}.db")
            shutil.copytree(store, folder / f"raw-{n}.files")
            raw.append(time.perf_counter() - start)
            start = time.perf_counter()
            info = take_backup(db_path, folder / "backups", reason="daily")
            backup.append(time.perf_counter() - start)
            start = time.perf_counter()
            restore_backup(info.path, folder / f"restored-{n}" / "branch.db", password=password)
            restore.append(time.perf_counter() - start)
        print(f"backup file {info.path.stat().st_size / 1e6:.1f} MB, verified: {info.verified}")
        print(f"raw copy (db + files):  median {statistics.median(raw):.2f} s")
        print(f"daily backup:           median {statistics.median(backup):.2f} s "
              f"(budget 3 s; {statistics.median(backup) / statistics.median(raw):.1f}× the raw copy)")
        print(f"restore to a new place: median {statistics.median(restore):.2f} s")


if __name__ == "__main__":
    main()
