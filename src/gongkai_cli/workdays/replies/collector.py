"""`paced_collector`: Python's cyclic garbage collector paced for a file's check.

A file's check makes objects by the hundred thousand (the modules it imports, a sheet's
rows, each row's key) and, rows being checked once per distinct input, hardly any
reference cycle. At Python's pace (a collection every 700 new objects) the 100,000-row
sheet's check spent 10 to 25 ms of CPU in some 150 collections that found nothing
(docs/performance.md). Kept apart from the batch engine, so that a command can pace the
collector before it imports that.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

GC_ALLOCATIONS = 100_000
"""The collector's first threshold while a file is checked."""


@contextmanager
def paced_collector() -> Iterator[None]:
    """The collector run after `GC_ALLOCATIONS` new objects instead of 700, for the time
    of the block. It still runs, so a cycle made anyway is still freed."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], GC_ALLOCATIONS), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
