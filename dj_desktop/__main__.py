"""Allows ``python -m dj_desktop``; also the frozen program's entry script."""

import multiprocessing

if __name__ == "__main__":
    # A frozen program's worker processes (sync.opened) start this script again: hand them over.
    multiprocessing.freeze_support()
    from dj_desktop.cli import main

    raise SystemExit(main())
