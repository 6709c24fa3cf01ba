"""Helpers for bulk work on hundreds of thousands of values."""

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for a bulk step.

    Parsing 435,000 values allocates that many containers; the collector's full passes traverse all
    live objects again and again, which nearly doubled the benchmark's parse time. Reference counting
    still frees everything that is dropped, and the collector resumes (if it was on) afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
