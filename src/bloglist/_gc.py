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

Steps in several threads at once share the pause, which lasts for as long as
they overlap: on a server that parses in several threads, for ever. So a step
that begins or ends while another thread's step runs, and each batch of a
step that shares the pause, makes the collection that Python would make at
that moment were the collector on, of the generation it would choose
(:func:`_collect_due`); before, the young generation alone was collected, every
batch of a big step, and nothing at all by small steps, and the garbage of the
program's other threads grew without limit. A step alone in the pause
collects the young generation only: its pause ends with it.

When a pause ends, nothing more is done: no collection, and no object moved
between generations. Python counts the objects made during the pause as it
counts any others, so that its next automatic collection comes when it would
have come without the pause, and its full collections too. (A parse used
to end with a young collection and ``gc.freeze()`` and ``gc.unfreeze()``,
which moved every object of the process to the oldest
generation without counting them: a program that called ``loads`` once per
request never had a full collection again, nor a collection of the middle
generation when its requests made few objects, and its cyclic garbage grew
without limit.)

The collector is process-wide, and so is the pause: while any thread is
inside a paused step, it is off for every thread. The first step to begin
notes whether the collector was on; the last one to end switches it back on if
it was, or if something switched it on meanwhile. A program that switches the
collector off itself while a step runs in another thread finds it back on when
the last step ends, if it was on before the pause or the program switched it
on while a step began (a switch off made during the pause, when the collector
is off already, cannot be seen); one that runs with the collector off keeps it
off, and has no collection of the young generation made inside the pause
either.

The pause holds up against an exception raised anywhere, a
``KeyboardInterrupt`` from a signal handler included, and against a fork.
Each step inside the pause is noted by its thread and the frame that runs it
(a ``with`` statement), before the collector is switched off. A step that
begins while others are noted first drops those of threads that have ended,
and those of its own thread whose frame is no longer on its stack: a step
that an exception left noted (one raised as its ``__exit__`` began, before
the count went down) holds the collector off only until its thread's next
step ends. A child process made by ``os.fork`` keeps only the steps of its
one thread, gets a new lock, and has the collector as the program had it
before the pause. Left: an exception raised as ``__exit__`` begins, before
the collector is switched back on (a signal arriving in those few
bytecodes; signal handlers run in the main thread), leaves it off until
the interrupted thread's next paused step ends (once that thread has ended,
any thread's), or the process forks. One raised after the collector is
switched back on, before the step is counted out, leaves it on, and the step
noted: a pause that another thread begins before the interrupted thread's
next paused step then lasts until that step ends (and the collector is
noted afresh as the program has it then: a program that switched it off
meanwhile keeps it off).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from types import FrameType, TracebackType
from typing import ClassVar, Final, TypeVar

__all__ = [
    "BATCH",
    "LINES",
    "collect_batch",
    "collect_paused",
    "collect_young",
    "collected_lines",
    "paused_collector",
    "resumed",
]

_T = TypeVar("_T")
_A = TypeVar("_A")
_B = TypeVar("_B")

# Items built between two collections of the young generation: about 50 ms of
# parsing, and few enough objects that collecting them costs little.
BATCH: Final = 10_000

# Lines read between two collections of the young generation, whatever they
# make: 65,536 blank lines take a few milliseconds, as many lines that each
# make a problem the parse only counts about ten.
LINES: Final = 1 << 16


class _PausedCollector:
    """A re-entrant, thread-safe pause of the cyclic garbage collector.

    Used only as ``with paused_collector:``, never across a ``yield``: a
    step is noted by its thread and the frame of its ``with`` statement, and
    a step of the current thread whose frame is not on its stack (a
    suspended generator's) is taken for one that an exception ended before
    it could count itself out.
    """

    __slots__ = ()

    _lock: ClassVar = threading.Lock()
    # The thread and the frame of each step inside the pause.
    _steps: ClassVar[list[tuple[int, FrameType]]] = []
    # Whether the collector was on before the first of them began.
    _was_enabled: ClassVar = False
    # Whether a pause has switched the collector off and not yet back.
    _owed: ClassVar = False
    # The memory blocks Python had allocated when the oldest generation was
    # last found due for a collection in this pause, or None (see
    # _collect_due).
    _heap: ClassVar[int | None] = None
    # The calls of resumed() running with the collector switched on for them.
    _resumed: ClassVar = 0

    def __enter__(self) -> None:
        step = threading.get_ident(), sys._getframe(1)
        cls = type(self)
        with cls._lock:
            steps = cls._steps
            if steps:
                _drop_ended(steps)
            if not cls._owed:
                # A new pause, though a step may be noted still: one that an
                # interrupt left as it was counted out, after the collector
                # was given back (the program may have switched it off since).
                cls._was_enabled = gc.isenabled()
                cls._heap = None
            elif gc.isenabled():
                # Switched on meanwhile, by the program: on again at the end.
                cls._was_enabled = True
            depth = len(steps)
            try:
                # Counted before the collector is switched off: an exception
                # in between leaves a count that the next step corrects.
                steps.append(step)
                cls._owed = True
                gc.disable()
            except BaseException:
                del steps[depth:]
                if not steps:
                    cls._restore()
                raise
            shared = depth > 0 and _shared(steps)
        if shared:
            _collect_due()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # As little as can be before the collector is switched back on: a
        # signal handler's exception raised here leaves it off.
        cls = type(self)
        with cls._lock:
            steps = cls._steps
            if len(steps) > 1:
                _drop_ended(steps)
            if len(steps) == 1:
                # The last step: the collector is switched back on before the
                # step is counted out, so that an exception in between leaves
                # it on, and a step noted that the next one drops. (Not
                # cls._restore(): one call fewer before it.)
                if cls._was_enabled:
                    gc.enable()
                cls._owed = False
            # One of this frame's steps (a frame may run two, one in the
            # other): which one does not matter.
            steps.remove((threading.get_ident(), sys._getframe(1)))
            shared = bool(steps) and _shared(steps)
        if shared:
            _collect_due()

    @classmethod
    def _restore(cls) -> None:
        """The collector as it was before the pause: no step is inside it."""
        if cls._was_enabled:
            gc.enable()
        cls._owed = False

    @classmethod
    def _after_fork_in_child(cls) -> None:
        """In a child process: the steps of other threads, which did not
        come with it, are gone; so is a hold on the lock by one of them."""
        cls._lock = threading.Lock()
        cls._resumed = 0  # the calls of other threads, which did not come
        steps = cls._steps
        if steps:
            _drop_ended(steps)
        if not steps and cls._owed:
            cls._restore()


def _shared(steps: list[tuple[int, FrameType]]) -> bool:
    """Whether a thread other than this one has a step in *steps*: the pause
    then lasts past this thread's steps, for as long as parses overlap."""
    me = threading.get_ident()
    return any(thread != me for thread, _ in steps)


def _collect_due(*, young: bool = False) -> None:
    """Collect what the collector, were it on, would collect now: in a pause
    that other threads share, which lasts for as long as their steps
    overlap, so that a thread that makes cyclic garbage meanwhile has it
    collected as it would have been without the pause, whatever generation
    it has reached. With *young*, the young generation at least (after a
    batch of work), else nothing unless more objects were made since its
    last collection than the collector's first threshold.

    The generation is the oldest whose count is past its threshold, as
    Python chooses it, but for the oldest, for which Python also waits until
    the objects that reached it since its last collection number a quarter
    of those it held then, a count it does not publish: here, until the
    memory blocks Python has allocated (:func:`sys.getallocatedblocks`) are a
    quarter more than when the oldest generation was first found due in
    this pause, or last collected in it.
    """
    pause = _PausedCollector
    if not (pause._was_enabled if pause._owed else gc.isenabled()):
        return  # a program that runs with the collector off
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if not thresholds[0] or not (young or counts[0] > thresholds[0]):
        return
    # Oldest first, each whatever the counts of the younger ones: a count
    # of the middle generation back to 0 (its collection just put the
    # oldest's past its threshold) does not hold the oldest back.
    generation = 0
    if counts[2] > thresholds[2]:
        heap = sys.getallocatedblocks()
        if pause._heap is None:
            pause._heap = heap
        elif heap > pause._heap + pause._heap // 4:
            generation = 2
    if not generation and counts[1] > thresholds[1]:
        generation = 1
    gc.collect(generation)
    if generation == 2:
        pause._heap = sys.getallocatedblocks()


def _drop_ended(steps: list[tuple[int, FrameType]]) -> None:
    """Drop from *steps* those of threads that have ended, and those of the
    current thread whose frame is not on its stack.

    A step of another thread that is still running is kept: its stack
    changes as it is read, so that a frame not found on it may still run.
    """
    me = threading.get_ident()
    running = set(sys._current_frames())
    mine: set[int] = set()
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        mine.add(id(frame))
        frame = frame.f_back
    # The frames in the list are alive: an id stands for one object.
    steps[:] = [
        (thread, held)
        for thread, held in steps
        if (id(held) in mine if thread == me else thread in running)
    ]


paused_collector: Final = _PausedCollector()

if hasattr(os, "register_at_fork"):  # pragma: no branch (Windows has no fork)
    os.register_at_fork(after_in_child=_PausedCollector._after_fork_in_child)


def collect_paused(items: Iterator[_T], *, batch: int = BATCH) -> list[_T]:
    """``list(items)``, built with the collector paused but for its young generation.

    Every *batch* items, the young generation is collected: the pause never
    keeps other threads from collection for longer than it takes to build
    *batch* items. Not after the last batch: the collector, back on, then
    collects when the objects made since its last collection say so.
    """
    found: list[_T] = []
    extend = found.extend
    with paused_collector:
        while True:
            before = len(found)
            extend(islice(items, batch))
            if len(found) - before < batch:
                break
            collect_batch()
    return found


def collect_batch() -> None:
    """Collect the young generation inside a paused step, after a batch of
    its work, unless the program ran with the collector off before the pause
    began (disabled, or with a first threshold of 0, Python's other way to
    turn automatic collection off): such a program has no collection made
    for it."""
    pause = _PausedCollector
    if not gc.get_threshold()[0]:
        return
    if pause._was_enabled if pause._owed else gc.isenabled():
        if _shared(list(pause._steps)):  # a copy: other threads change it
            _collect_due(young=True)
        else:
            gc.collect(0)


def resumed(run: Callable[[_A, _B], _T], first: _A, second: _B) -> _T:
    """``run(first, second)`` with the collector on, if a pause (of any
    thread: the collector is the process's) switched it off for a program
    that had it on; else with the collector as it is.

    For one long step that no batch divides: a tag line of megabytes, split
    by one call, took seconds with the collector off for every thread, and a
    thread that made cyclic garbage meanwhile left millions of objects
    uncollected. The collector is off again once the last such call running
    ends, if a pause still holds (a step another thread begins meanwhile
    switches it off at once).
    """
    pause = _PausedCollector
    counted = False
    try:
        with pause._lock:
            if pause._owed and pause._was_enabled:
                pause._resumed += 1
                counted = True
                gc.enable()
        return run(first, second)
    finally:
        if counted:
            with pause._lock:
                pause._resumed -= 1
                if not pause._resumed and pause._owed:
                    gc.disable()


def collect_young() -> None:
    """Collect the young generation if the collector, were it on, would
    collect now: if more objects were made since its last collection than
    its first threshold.

    For a paused step made of a few passes over all its items (a ``diff``),
    called between them: the pause then lasts one pass at most, and a small
    step, which makes fewer objects, collects nothing. (Collecting at the end
    of every small step would keep the count of new objects from ever
    reaching the threshold, and so the collector from ever collecting the
    middle generation by itself.)
    """
    if gc.get_count()[0] > gc.get_threshold()[0]:
        collect_batch()


def collected_lines(
    pieces: Iterable[list[str]], *, batch: int = LINES
) -> Iterable[str]:
    """The lines of *pieces* (lists of lines), one by one, with the young
    generation collected before each *batch* of them after the first: under
    :func:`collect_paused`, a parse of input that makes few posts and
    diagnostics (which that counts) still lets the collector run every few
    milliseconds. A C-level chain of the lists: nothing in Python runs for
    each line, only for each list (a list that holds the edge of a batch is
    cut there)."""
    return chain.from_iterable(_collected_pieces(pieces, batch))


def _collected_pieces(pieces: Iterable[list[str]], batch: int) -> Iterator[list[str]]:
    left = batch  # lines before the next collection
    for piece in pieces:
        while len(piece) > left:
            if left:
                yield piece[:left]
                piece = piece[left:]
            collect_batch()
            left = batch
        left -= len(piece)
        yield piece
