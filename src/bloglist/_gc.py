"""Pausing the cyclic garbage collector while bulk code builds many objects.

Parsing a million posts, or grouping them, makes the collector run again and
again over young objects that hold no cycles: posts, and the tuples and lists
that hold them. :data:`paused_collector` switches it off for the duration of
such a step, and :func:`collect_paused` runs a parse under it.

The pause is bounded: :func:`collect_paused` collects the young generation
every :data:`BATCH` items, and a parse's lines come through
:func:`collected_lines`, which collects it every :data:`LINES` lines, for input
that makes few items (blank lines, problems past the limit that are only
counted). So the garbage that other threads make meanwhile (most of it
young) is reclaimed every few tens of milliseconds, not at the end of a parse
that may last seconds.

When a parse ends, :func:`collect_paused` collects the young generation once
more and then moves every object the collector tracks to the oldest
generation (:func:`promote_all`: ``gc.freeze()`` and ``gc.unfreeze()``, two
constant-time moves). Without that, the first collection of the middle
generation after the parse, which the program's next few thousand
allocations set off, walks every post just built: about 7% of the parse's
time, paid later. The move is process-wide too: whatever else of the process
is in the two younger generations then, the caller's and other threads'
objects alike, goes to the oldest generation with the posts, and garbage
among it waits for a full collection. A program that has frozen objects
itself (``gc.freeze()``) is left as it is: ``gc.unfreeze()`` would thaw them.

The collector is process-wide, and so is the pause: while any thread is
inside a paused step, it is off for every thread. The first step to begin
notes whether the collector was on; the last one to end switches it back on if
it was, or if something switched it on meanwhile. A program that switches the
collector off itself while a step runs in another thread finds it back on when
the last step ends; one that runs with the collector off keeps it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from types import TracebackType
from typing import ClassVar, Final, TypeVar

__all__ = [
    "BATCH",
    "LINES",
    "collect_paused",
    "collected_lines",
    "paused_collector",
    "promote_all",
]

_T = TypeVar("_T")

# Items built between two collections of the young generation: about 50 ms of
# parsing, and few enough objects that collecting them costs little.
BATCH: Final = 10_000

# Lines read between two collections of the young generation, whatever they
# make: 65,536 blank lines take a few milliseconds, as many lines that each
# make a problem the parse only counts about ten.
LINES: Final = 1 << 16


class _PausedCollector:
    """A re-entrant, thread-safe pause of the cyclic garbage collector."""

    __slots__ = ()

    _lock: ClassVar = threading.Lock()
    _holders: ClassVar = 0
    _was_enabled: ClassVar = False

    def __enter__(self) -> None:
        cls = type(self)
        with cls._lock:
            if cls._holders == 0:
                cls._was_enabled = gc.isenabled()
                gc.disable()
            cls._holders += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        cls = type(self)
        with cls._lock:
            cls._holders -= 1
            if cls._holders == 0 and cls._was_enabled:
                gc.enable()


paused_collector: Final = _PausedCollector()


def collect_paused(items: Iterator[_T], *, batch: int = BATCH) -> list[_T]:
    """``list(items)``, built with the collector paused but for its young generation.

    Every *batch* items, the young generation is collected: the pause never
    keeps other threads from collection for longer than it takes to build
    *batch* items.
    """
    found: list[_T] = []
    extend = found.extend
    with paused_collector:
        while True:
            before = len(found)
            extend(islice(items, batch))
            gc.collect(0)
            if len(found) - before < batch:
                break
        promote_all()
    return found


def collected_lines(lines: list[str], *, batch: int = LINES) -> Iterable[str]:
    """*lines*, one by one, with the young generation collected before each
    *batch* of them: under :func:`collect_paused`, a parse of input that
    makes few posts and diagnostics (which that counts) still lets the
    collector run every few milliseconds. A C-level chain of slices: nothing
    in Python runs for each line. Fewer lines than a batch are *lines*
    itself, with nothing to collect between them."""
    if len(lines) <= batch:
        return lines
    return chain.from_iterable(_collected_slices(lines, batch))


def _collected_slices(lines: list[str], batch: int) -> Iterator[list[str]]:
    for start in range(0, len(lines), batch):
        gc.collect(0)
        yield lines[start : start + batch]


def promote_all() -> None:
    """Move every object the collector tracks to its oldest generation.

    ``gc.freeze()`` then ``gc.unfreeze()``: two constant-time moves of whole
    lists, no traversal. Skipped when the program has frozen objects itself,
    which ``gc.unfreeze()`` would thaw, and so always on Python 3.12, which
    freezes objects of its own at start.
    """
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()
