"""The collector pause (core/gc_pause.py) nests and restores the collector's state."""

import gc

from dj_desktop.core.gc_pause import collections_paused


def test_paused_while_inside_restored_after_the_outermost():
    assert gc.isenabled()
    with collections_paused():
        assert not gc.isenabled()
        with collections_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
