"""Pause Python's cyclic garbage collector around passes over many records.

Reading and checking a 10⁵-row file allocates millions of small objects that reference counting frees;
none of them form cycles worth collecting, yet every collection would walk the live records again
(about a third of the rule pass on a 100k-row file). ``paused_gc`` restores the collector afterwards.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block (nesting is fine), then restore it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
