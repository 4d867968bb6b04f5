"""Bulk work without Python's cyclic garbage collector (issue 16).

The office's compliance check loads the facts of every branch and builds a few hundred thousand
reminders. Each of those allocations counts towards the collector's thresholds, and every full
collection walks all live objects — the facts, the chunk's reminders, every imported module — so
at 1,000 branches the collector took about 40 % of the run. Facts and reminders hold no reference
cycles: reference counting frees them, and the collector has nothing to find while they are built.

:func:`collections_paused` turns automatic collection off for the duration and back on afterwards
(only if it was on). It nests and may be entered from several threads at once (the dashboard and
the office window compute on worker threads): collection resumes when the last one leaves.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collections_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
