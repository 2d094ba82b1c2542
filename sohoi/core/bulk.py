"""Helpers for work over a million rows in one Python process."""

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Python's cycle collector off for the block, and one collection at its end.

    A bulk loop makes millions of short-lived tuples; each few hundred allocations start a collection
    that walks the young objects, and every so often one that walks all of them — a third of the time
    of reading and checking a member list (bench/import_members.py). Reference counting still frees
    everything a loop drops; only garbage in reference cycles waits for the end of the block."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect()
