"""Pausing the cyclic garbage collector while bulk code builds many objects.

Parsing a million posts, or grouping them, makes the collector run again and
again over young objects that hold no cycles: posts, and the tuples and lists
that hold them. :data:`paused_collector` switches it off for the duration of
such a step.

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
from types import TracebackType
from typing import ClassVar, Final

__all__ = ["paused_collector"]


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
