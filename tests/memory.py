"""Memory a test measures: what stays allocated while a stream is read."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator


def held_between_steps(feed: Callable[[], Iterator[None]]) -> int:
    """The most memory that stays allocated between the steps of *feed*."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        worst = 0
        for _ in feed():
            worst = max(worst, tracemalloc.get_traced_memory()[0] - base)
    finally:
        tracemalloc.stop()
    return worst
