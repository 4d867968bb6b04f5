"""Allows ``python -m dj_desktop``."""

from dj_desktop.cli import main

raise SystemExit(main())
