"""Measuring for the benchmarks: the median time and the peak memory of one call."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable


def tid(funksjon: Callable[[], object], ganger: int) -> float:
    """Return the median time of one call in milliseconds (after one warm-up call)."""
    funksjon()  # warm up: imports, caches, prepared templates
    tider = []
    for _ in range(ganger):
        gc.collect()
        start = time.perf_counter()
        funksjon()
        tider.append((time.perf_counter() - start) * 1000)
    return statistics.median(tider)


def minne(funksjon: Callable[[], object]) -> float:
    """Return the peak memory of one call in MiB."""
    gc.collect()
    tracemalloc.start()
    funksjon()
    _, topp = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return topp / (1024 * 1024)
