"""The pause of the cyclic garbage collector in a long-lived program.

A program that parses once per request, that gets interrupted by signals,
that runs paused steps in several threads or forks: the pause must leave the
collector as the program had it, and Python's own collections as they would
have been without the pause.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import os
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import bloglist
import bloglist._gc
import bloglist._match
import bloglist._store
from bloglist._gc import (
    collect_batch,
    collect_paused,
    collect_young,
    paused_collector,
    resumed,
)
from forked import in_child

TEXT = bloglist.sample_text()


pytestmark = pytest.mark.usefixtures("collector_restored")


class _Request:
    """A request's state, holding a reference cycle as many objects do."""

    def __init__(self, live: weakref.WeakSet[_Request]) -> None:
        self.me = self
        live.add(self)


class TestRepeatedParses:
    @pytest.mark.big
    def test_cyclic_garbage_of_a_program_that_parses_per_request_is_collected(
        self,
    ) -> None:
        """A program that calls loads once per request, with the request's
        state (a cycle) alive during the parse, keeps a bounded number of dead
        requests in memory: the collector's own collections still come. The
        pause used to end with a young collection and a move of every object
        to the oldest generation, which kept both from ever coming: every
        dead request stayed, on every Python."""
        gc.enable()
        gc.collect()
        live: weakref.WeakSet[_Request] = weakref.WeakSet()

        def handle() -> int:
            request = _Request(live)
            assert request.me is request
            return len(bloglist.loads(TEXT))

        requests = 3_000
        for _ in range(requests):
            handle()
        # Without the pause, a few hundred at most wait for the next
        # collection (Python collects the young generation every 700 new
        # objects); before the fix, all 3,000 were alive.
        assert len(live) < requests // 3
        gc.collect()
        assert len(live) == 0

    def test_a_parse_moves_no_object_between_generations(self) -> None:
        """What the parse built, and what the program had, stay in the
        generations the collector put them in: a parse is counted as any
        other code that makes objects."""
        gc.enable()
        gc.collect()
        mine: list[list[int]] = [[] for _ in range(100)]
        young = {id(obj) for obj in gc.get_objects(generation=0)}
        assert all(id(item) in young for item in mine)
        listing = bloglist.loads(TEXT)
        young = {id(obj) for obj in gc.get_objects(generation=0)}
        assert all(id(item) in young for item in mine)
        assert all(id(post) in young for post in listing)


class _Interrupting(ModuleType):
    """A stand-in for a module in bloglist._gc: its function *name* does
    what the module's does, then raises KeyboardInterrupt, once, at its
    *call*-th call: what a signal handler does when the signal arrives
    during that call."""

    def __init__(self, module: ModuleType, name: str, call: int) -> None:
        super().__init__(module.__name__)
        self._module = module
        self._name = name
        self._left = call

    def __getattr__(self, name: str) -> object:
        found = getattr(self._module, name)
        if name != self._name:
            return found

        def interrupted(*args: object) -> object:
            result = found(*args)
            self._left -= 1
            if self._left == 0:
                raise KeyboardInterrupt
            return result

        return interrupted


class _InterruptingLock:
    """The pause's lock, but its *call*-th ``with`` raises KeyboardInterrupt
    before taking it: what a signal handler does when the signal arrives as
    ``__exit__`` begins, the window the pause leaves."""

    def __init__(self, lock: threading.Lock, call: int) -> None:
        self._lock = lock
        self._left = call

    def __enter__(self) -> None:
        self._left -= 1
        if self._left == 0:
            raise KeyboardInterrupt
        self._lock.acquire()

    def __exit__(self, *args: object) -> None:
        self._lock.release()


def _interrupt_lock(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    pause = type(paused_collector)
    monkeypatch.setattr(pause, "_lock", _InterruptingLock(pause._lock, call))


# Each step of the pause's bookkeeping that calls out: the module, the
# function, and which of its calls in one loads is interrupted.
_STEPS: dict[str, tuple[ModuleType | None, str, int]] = {
    "entering, reading the collector's state": (gc, "isenabled", 1),
    "entering, switching the collector off": (gc, "disable", 1),
    "leaving, switching the collector back on": (gc, "enable", 1),
    "entering, finding the step's frame": (sys, "_getframe", 1),
    "leaving, as it begins": (None, "lock", 2),
    "leaving, counting the step out": (sys, "_getframe", 2),
    "while a big parse runs": (gc, "collect", 1),
}


class TestInterrupts:
    @pytest.mark.parametrize(
        ("step", "enabled"),
        [
            pytest.param(step, enabled, id=f"{step}, collector {state}")
            for step in _STEPS
            for enabled, state in ((True, "on"), (False, "off"))
            # A collector that was off is not switched back on, nor has its
            # young generation collected in a pause.
            if enabled or _STEPS[step][1] not in ("enable", "collect")
        ],
    )
    def test_an_interrupt_in_the_bookkeeping_leaves_the_caller_state(
        self, monkeypatch: pytest.MonkeyPatch, step: str, enabled: bool
    ) -> None:
        """A KeyboardInterrupt that lands in any step of the pause's
        bookkeeping leaves the collector as the program had it by the end of
        the next paused step at the latest, and no step counted in that
        would keep it off for good. Before, the collector stayed off for the
        life of the process."""
        module, name, call = _STEPS[step]
        text = TEXT if name != "collect" else "\nT\n\nE\n" * 25_000
        (gc.enable if enabled else gc.disable)()
        if module is None:
            _interrupt_lock(monkeypatch, call)
        else:
            attribute = "gc" if module is gc else "sys"
            monkeypatch.setattr(
                bloglist._gc, attribute, _Interrupting(module, name, call)
            )
        with pytest.raises(KeyboardInterrupt):
            bloglist.loads(text)
        monkeypatch.undo()
        bloglist.loads(TEXT)
        assert gc.isenabled() == enabled
        # And the pause still works: off during the next step, back after.
        with paused_collector:
            assert not gc.isenabled()
        assert gc.isenabled() == enabled

    def test_the_program_switching_it_on_during_a_pause_is_kept_past_a_new_step(
        self,
    ) -> None:
        """_gc's docstring: the last step to end switches the collector back
        on if it was on, or if something switched it on meanwhile, even when
        another step began after that. Before, the step that began after
        the program's gc.enable() left the collector off at the end."""
        gc.disable()
        with paused_collector:
            gc.enable()  # the program, meanwhile
            with paused_collector:
                assert not gc.isenabled()
            assert not gc.isenabled()  # the first step still runs
        assert gc.isenabled()

    def test_a_step_left_noted_is_dropped_once_the_program_turns_it_on(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the collector off, an interrupt as a step
        ends leaves that step noted; the program then switches the collector
        on. The next step drops the one left noted (its frame is gone), and
        leaves the collector on, as the program has it."""
        gc.disable()
        monkeypatch.setattr(bloglist._gc, "sys", _Interrupting(sys, "_getframe", 2))
        with pytest.raises(KeyboardInterrupt):
            bloglist.loads(TEXT)
        monkeypatch.undo()
        gc.enable()
        bloglist.loads(TEXT)
        assert gc.isenabled()

    def test_a_step_left_noted_after_the_collector_was_given_back(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An interrupt as a step is counted out, after the collector was
        switched back on, leaves that step noted; the program then switches
        the collector off, and another thread parses. Neither that thread's
        step nor this thread's next one switches it on again: before, the
        other thread's step took the pause for one still under way, kept its
        note that the collector was on, and the next step here switched it
        on."""
        gc.enable()
        monkeypatch.setattr(bloglist._gc, "sys", _Interrupting(sys, "_getframe", 2))
        with pytest.raises(KeyboardInterrupt):
            bloglist.loads(TEXT)
        monkeypatch.undo()
        assert gc.isenabled()
        gc.disable()
        other = threading.Thread(target=bloglist.loads, args=(TEXT,))
        other.start()
        other.join()
        assert not gc.isenabled()
        bloglist.loads(TEXT)
        assert not gc.isenabled()

    def test_interrupts_that_leave_the_collector_on_at_once(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where the bookkeeping can undo what it did, the collector is the
        program's again as soon as the interrupt is raised."""
        for name in ("isenabled", "disable", "enable"):
            gc.enable()
            monkeypatch.setattr(bloglist._gc, "gc", _Interrupting(gc, name, 1))
            with pytest.raises(KeyboardInterrupt):
                bloglist.loads(TEXT)
            monkeypatch.undo()
            assert gc.isenabled(), name

    def test_an_interrupt_in_a_step_inside_another_leaves_that_one_paused(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An interrupted step that began inside another leaves the
        collector off until the outer one ends, and on after it."""
        gc.enable()
        with paused_collector:
            monkeypatch.setattr(bloglist._gc, "gc", _Interrupting(gc, "disable", 1))
            with pytest.raises(KeyboardInterrupt):
                bloglist.loads(TEXT)
            monkeypatch.undo()
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_a_step_left_counted_by_a_thread_that_ended_is_dropped(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A thread whose step an exception left counted, and that ended,
        keeps the collector off only until the next step of any thread."""
        gc.enable()
        _interrupt_lock(monkeypatch, 2)
        raised: list[BaseException] = []

        def parse() -> None:
            try:
                bloglist.loads(TEXT)
            except KeyboardInterrupt as error:
                raised.append(error)

        thread = threading.Thread(target=parse)
        thread.start()
        thread.join()
        monkeypatch.undo()
        assert raised
        assert not gc.isenabled()
        bloglist.loads(TEXT)
        assert gc.isenabled()

    def test_a_step_left_by_a_thread_that_ended_is_no_pause_shared(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The next step drops such a step before it begins: it is a step
        alone, and makes no collection as it begins, as one shared with a
        running thread's would."""
        gc.enable()
        _interrupt_lock(monkeypatch, 2)

        def parse() -> None:
            with contextlib.suppress(KeyboardInterrupt):
                bloglist.loads(TEXT)

        thread = threading.Thread(target=parse)
        thread.start()
        thread.join()
        monkeypatch.undo()
        assert not gc.isenabled()
        kept = _made(gc.get_threshold()[0] + 1)
        with _paused_collections() as collected:
            bloglist.loads(TEXT)
        assert collected == []
        assert kept and gc.isenabled()

    def test_a_step_of_another_thread_is_not_taken_for_an_interrupted_one(
        self,
    ) -> None:
        """A step that begins while another thread's runs leaves that one
        counted: the collector stays off until it ends."""
        gc.enable()
        with _paused_in_another_thread():
            bloglist.loads(TEXT)
            with paused_collector, paused_collector:
                pass
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_after_fork_in_child_switches_back_what_an_interrupt_left_off(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The handler a child process runs after a fork, run here directly
        (a child's coverage is not measured): it drops the steps that run
        in no thread of the child and gives the collector back to the
        program."""
        gc.enable()
        _interrupt_lock(monkeypatch, 2)
        with pytest.raises(KeyboardInterrupt):
            bloglist.loads(TEXT)
        monkeypatch.undo()
        assert not gc.isenabled()  # the interrupt's residual window
        type(paused_collector)._after_fork_in_child()
        assert gc.isenabled()
        type(paused_collector)._after_fork_in_child()  # nothing to do
        assert gc.isenabled()

    def test_after_fork_in_child_keeps_the_pause_of_the_childs_own_step(
        self,
    ) -> None:
        """A child forked inside a step of its one thread keeps that step
        paused until it ends (the handler run here directly, as above)."""
        gc.enable()
        with paused_collector:
            type(paused_collector)._after_fork_in_child()
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_an_interrupted_inner_step_is_dropped_when_the_outer_one_ends(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A step inside another, interrupted as it ends (before it counted
        itself out), keeps the collector off no longer than the outer step:
        it is back on when the outer one ends, as the module's docstring
        says ("until its thread's next step ends")."""
        gc.enable()
        with paused_collector:
            # The parse's step (in a frame of its own) takes the lock twice:
            # to begin (1), and to end (2), which the interrupt stops.
            _interrupt_lock(monkeypatch, 2)
            with pytest.raises(KeyboardInterrupt):
                bloglist.loads(TEXT)
            monkeypatch.undo()
            assert not gc.isenabled()
        assert gc.isenabled()
        with paused_collector:
            assert not gc.isenabled()
        assert gc.isenabled()


@contextlib.contextmanager
def _paused_in_another_thread() -> Iterator[Callable[[], None]]:
    """Another thread inside a paused step for the ``with`` block's time, or
    until the block calls the function it is given, which ends that step."""
    inside = threading.Event()
    done = threading.Event()

    def hold() -> None:
        with paused_collector:
            inside.set()
            done.wait(10)

    thread = threading.Thread(target=hold)

    def end() -> None:
        done.set()
        thread.join()

    thread.start()
    try:
        assert inside.wait(10)
        yield end
    finally:
        end()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
class TestFork:
    def test_a_child_forked_while_another_thread_is_paused_has_the_collector(
        self,
    ) -> None:
        """A process forked while another thread is inside a paused step
        starts with the collector on, as the program had it, and keeps it
        through its own parses. Before, it was off for the child's life."""
        gc.enable()
        with _paused_in_another_thread():
            assert not gc.isenabled()

            def check() -> bool:  # pragma: no cover (runs in the child)
                on = gc.isenabled()
                bloglist.loads(TEXT)
                return on and gc.isenabled()

            assert in_child(check) == 0
        assert gc.isenabled()

    def test_a_child_forked_while_another_thread_holds_the_lock_can_pause(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A process forked while another thread is in the pause's
        bookkeeping, holding its lock, parses: before, it waited for ever
        on a lock no thread of it would release."""
        gc.enable()
        inside = threading.Event()
        done = threading.Event()

        class Blocking(ModuleType):
            def __getattr__(self, name: str) -> object:
                return getattr(gc, name)

            @staticmethod
            def isenabled() -> bool:
                inside.set()
                done.wait(10)
                return gc.isenabled()

        monkeypatch.setattr(bloglist._gc, "gc", Blocking("gc"))
        thread = threading.Thread(target=bloglist.loads, args=(TEXT,))
        thread.start()
        try:
            assert inside.wait(10)

            def check() -> bool:  # pragma: no cover (runs in the child)
                monkeypatch.undo()
                bloglist.loads(TEXT)
                return gc.isenabled()

            assert in_child(check) == 0
        finally:
            done.set()
            thread.join()
            monkeypatch.undo()
        assert gc.isenabled()

    def test_a_child_forked_during_another_threads_resumed_step_can_pause(
        self,
    ) -> None:
        """A process forked while another thread is inside ``resumed()``
        (a long tag line split with the collector on) starts with no such
        call counted: a step of its own that resumes the collector inside
        a pause switches it off again as it ends. Counted, the other
        thread's call would keep it on for the rest of the child's pause."""
        gc.enable()
        inside = threading.Event()
        done = threading.Event()

        def hold() -> None:
            def wait(first: None, second: None) -> None:
                inside.set()
                done.wait(10)

            with paused_collector:
                resumed(wait, None, None)

        thread = threading.Thread(target=hold)
        thread.start()
        try:
            assert inside.wait(10)
            assert gc.isenabled()  # resumed, in the other thread

            def check() -> bool:  # pragma: no cover (runs in the child)
                with paused_collector:
                    on = resumed(lambda first, second: gc.isenabled(), None, None)
                    return on and not gc.isenabled()

            assert in_child(check) == 0
        finally:
            done.set()
            thread.join()
        assert gc.isenabled()

    def test_a_child_forked_during_another_threads_pause_keeps_its_switch(
        self,
    ) -> None:
        """A child forked while another thread is paused, which switches the
        collector off itself and parses, finds it off after the parse: the
        pause it was forked in is not its own to end."""
        gc.enable()

        def check() -> bool:  # pragma: no cover (runs in the child)
            gc.disable()
            bloglist.loads(TEXT)
            return not gc.isenabled()

        with _paused_in_another_thread():
            assert in_child(check) == 0

    def test_a_child_keeps_the_collector_off_when_the_program_switched_it_off(
        self,
    ) -> None:
        """A program that parsed with the collector on, then switched it
        off itself, forks a child whose collector is off too, as the program
        had it: the pause, which has ended, switches nothing on."""
        gc.enable()
        bloglist.loads(TEXT)
        gc.disable()

        def check() -> bool:  # pragma: no cover (runs in the child)
            off = not gc.isenabled()
            bloglist.loads(TEXT)
            return off and not gc.isenabled()

        assert in_child(check) == 0
        assert not gc.isenabled()


@contextlib.contextmanager
def _paused_collections() -> Iterator[list[int]]:
    """The generations of the collections made while the collector is off
    (a paused step's own), in order, as the block runs."""
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and not gc.isenabled():
            collected.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield collected
    finally:
        gc.callbacks.remove(note)


class TestLongSteps:
    def test_a_diff_collects_the_young_generation_as_it_compares_titles(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """diff pauses the collector, but its step that compares close
        titles, whose time input can make long (about 2 ms a pair of long
        alike titles), collects the young generation as it goes, every so
        many comparisons (here, so that a short test makes several, every
        1,024), when more objects were made since the last collection than
        the collector's first threshold: the collector is never held off
        from its start to its end. Before, a diff of 20,000 edited titles
        ran 8 seconds without a collection."""
        monkeypatch.setattr(bloglist._match, "_WORK", 1024)
        day = bloglist.loads("Mar 25, 2025\n\nT\n\nE\n")[0].date
        old = [
            bloglist.Post(title=f"A long title about topic number {n}", date=day)
            for n in range(300)
        ]
        new = [attrs.evolve(post, title=post.title + "!") for post in old]
        gc.enable()
        with _paused_collections() as collected:
            change = bloglist.diff(old, new)
        assert len(change.changed) == 300
        assert len(collected) >= 2
        assert set(collected) == {0}
        assert gc.isenabled()

    @pytest.mark.parametrize(("posts", "collections"), [(25, 4), (20, 4), (9, 0)])
    def test_an_archive_file_loads_with_the_young_generation_collected(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        posts: int,
        collections: int,
    ) -> None:
        """ArchiveFile.load pauses the collector while it builds the archived
        posts, and collects the young generation every BATCH rows it reads
        (here 10) of its versions and posts: a 100,000-post archive took 1.4
        times as long to load with the collector running, and now goes no
        longer than 10,000 rows without a collection."""
        noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        store = bloglist.open_archive(tmp_path / "blog.db")
        store.add(
            [bloglist.Post(title=f"Post {n}") for n in range(posts)], seen_at=noon
        )
        monkeypatch.setattr(bloglist._store, "BATCH", 10)
        gc.enable()
        with _paused_collections() as collected:
            archive = store.load()
        assert [entry.post.title for entry in archive.entries] == [
            f"Post {n}" for n in range(posts)
        ]
        # After each whole batch of 10 versions, then of 10 posts: after 10
        # and 20 of 25 or of 20 rows, none of 9.
        assert collected == [0] * collections
        assert gc.isenabled()

    def test_a_parse_collects_the_young_generation_every_10000_posts(
        self,
    ) -> None:
        """usage.md: every 10,000 posts (here 40,000 lines: fewer than the
        65,536 lines between the collections of lines)."""
        gc.enable()
        with _paused_collections() as collected:
            assert len(bloglist.loads("\nT\n\nE\n" * 10_000)) == 10_000
        assert collected == [0]
        with _paused_collections() as collected:
            bloglist.loads("\nT\n\nE\n" * 9_999)
        assert collected == []

    @pytest.mark.parametrize(
        ("line", "collecting"),
        [
            ("a\u00c4" * 40_000, True),  # 80,000 characters: split collecting
            ("\u00c4" + "a\u00c4" * 32_768, True),  # one more than LONG_LINE
            ("a\u00c4" * 32_768, False),  # LONG_LINE characters, not more
        ],
    )
    def test_a_tag_line_of_megabytes_is_split_with_the_collector_on(
        self, monkeypatch: pytest.MonkeyPatch, line: str, collecting: bool
    ) -> None:
        """A tag line longer than LONG_LINE is split with the collector
        back on: the split is one call, which no batch divides, and a check
        found a 3 MB line kept it off for every thread for 2.8 s, while a
        thread's cyclic garbage piled up to 2.5 million objects. Seen from
        the split itself (the case rule's pattern, wrapped), and the
        collector is off again for the rest of the parse."""
        assert (len(line) > bloglist._tags.LONG_LINE) is collecting
        rules = bloglist._tags._unicode()
        on_during: list[tuple[int, bool]] = []

        def split(text: str) -> list[str]:
            on_during.append((len(text), gc.isenabled()))
            return rules.split(text)

        monkeypatch.setattr(
            bloglist._tags, "_unicode", lambda: rules._replace(split=split)
        )
        gc.enable()
        after = "\nT\n\nE\nT\u00e4g\n" * 3
        listing = bloglist.loads(f"\nT\n\nE\n{line}\n{after}")
        assert len(listing) == 4
        assert [d.code for d in listing.diagnostics] == ["duplicate-tag"]
        assert "".join(listing[0].tags) == line
        # The short tag line after it is split with the collector off.
        assert on_during == [(len(line), collecting), (len("T\u00e4g"), False)]
        assert gc.isenabled()

    def test_resumed_switches_the_collector_on_only_inside_a_pause(self) -> None:
        """_gc.resumed runs its step with the collector on if a pause
        switched it off, and leaves it off again after; outside a pause, or
        in a program that runs with the collector off, it changes nothing."""

        def on(first: int, second: str) -> tuple[bool, int, str]:
            return gc.isenabled(), first, second

        gc.enable()
        with paused_collector:
            assert bloglist._gc.resumed(on, 1, "a") == (True, 1, "a")
            assert not gc.isenabled()
        assert gc.isenabled()
        assert bloglist._gc.resumed(on, 2, "b") == (True, 2, "b")
        gc.disable()
        assert bloglist._gc.resumed(on, 3, "c") == (False, 3, "c")
        with paused_collector:
            assert bloglist._gc.resumed(on, 4, "d") == (False, 4, "d")
        assert not gc.isenabled()
        gc.enable()
        with paused_collector:

            def fails(first: int, second: str) -> None:
                raise RuntimeError(second)

            with pytest.raises(RuntimeError, match="e"):
                bloglist._gc.resumed(fails, 5, "e")
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_two_resumed_steps_at_once_keep_it_on_until_the_last_ends(self) -> None:
        """Two threads each in resumed() at once, inside a pause: the first
        to end leaves the collector on for the other (a review found it
        switched off under the other's long split); the last switches it
        off again, and the pause's end back on."""
        gc.enable()
        started = [threading.Event(), threading.Event()]
        release = [threading.Event(), threading.Event()]
        seen: list[bool] = []

        def step(which: int, _: None) -> None:
            started[which].set()
            release[which].wait(10)
            seen.append(gc.isenabled())

        threads = [
            threading.Thread(target=bloglist._gc.resumed, args=(step, n, None))
            for n in (0, 1)
        ]
        with paused_collector:
            for n, thread in enumerate(threads):
                thread.start()
                assert started[n].wait(10)
            release[0].set()
            threads[0].join(10)
            assert gc.isenabled()  # the second is still running
            release[1].set()
            threads[1].join(10)
            assert not gc.isenabled()
        assert seen == [True, True]
        assert gc.isenabled()

    def test_a_pause_that_ends_during_a_resumed_step_leaves_the_collector_on(
        self,
    ) -> None:
        """Another thread's pause that ends while this thread's resumed step
        runs (a long tag line split) has given the collector back: the step
        does not switch it off again as it ends, for good."""
        gc.enable()
        with _paused_in_another_thread() as end_its_pause:
            assert not gc.isenabled()

            def step(_: None, __: None) -> bool:
                end_its_pause()  # the collector is the program's again
                return gc.isenabled()

            assert bloglist._gc.resumed(step, None, None)
            assert gc.isenabled()
        bloglist.loads(TEXT)
        assert gc.isenabled()

    def test_a_pause_that_ends_after_a_step_began_in_a_resumed_step(self) -> None:
        """A third thread's step, begun and ended inside this thread's
        resumed step, switched the collector off again; the pause's last
        step, ending while the resumed step still runs, switches it back on,
        and the resumed step leaves it so: the collector is the program's
        again, not off for good."""
        gc.enable()
        with _paused_in_another_thread() as end_its_pause:

            def step(_: None, __: None) -> bool:
                third = threading.Thread(target=bloglist.loads, args=(TEXT,))
                third.start()
                third.join()
                end_its_pause()
                return gc.isenabled()

            assert bloglist._gc.resumed(step, None, None)
        assert gc.isenabled()

    def test_collect_young_waits_until_the_count_passes_the_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past it, not at it: the count the collector itself would wait for."""
        gc.enable()
        threshold = gc.get_threshold()[0]
        for count, expected in ((threshold, []), (threshold + 1, [0])):
            monkeypatch.setattr(gc, "get_count", lambda count=count: (count, 0, 0))
            with _paused_collections() as collected, paused_collector:
                collect_young()
            monkeypatch.undo()
            assert collected == expected

    def test_a_small_step_collects_nothing(self) -> None:
        """collect_young collects only past the collector's threshold, so
        that small steps do not keep it from ever collecting by itself."""
        gc.enable()
        with paused_collector:
            gc.collect()
            before = gc.get_stats()[0]["collections"]
            collect_young()
            assert gc.get_stats()[0]["collections"] == before
            keep: list[list[int]] = [[] for _ in range(gc.get_threshold()[0] + 1)]
            collect_young()
            assert gc.get_stats()[0]["collections"] == before + 1
        assert len(keep) > 1

    def test_a_program_with_the_collector_off_has_no_collection_made(
        self, tmp_path: Path
    ) -> None:
        """A program that runs with the collector off (usage.md) has none of
        the young collections a pause makes to bound itself: not by a parse
        of 50,000 posts, nor by a load of an archive file, nor a diff, whose
        collections the tests above count with the collector on; and the
        collector stays off."""
        text = "\nT\n\nE\n" * 50_000
        noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        store = bloglist.open_archive(tmp_path / "blog.db")
        store.add([bloglist.Post(title=f"Post {n}") for n in range(25)], seen_at=noon)
        day = datetime.date(2025, 3, 25)
        old = [
            bloglist.Post(title=f"A long title about topic number {n}", date=day)
            for n in range(300)
        ]
        new = [attrs.evolve(post, title=post.title + "!") for post in old]
        gc.disable()
        before = [stats["collections"] for stats in gc.get_stats()]
        assert len(bloglist.loads(text)) == 50_000
        assert len(store.load().entries) == 25
        assert len(bloglist.diff(old, new).changed) == 300
        assert [stats["collections"] for stats in gc.get_stats()] == before
        assert not gc.isenabled()


class _Node:
    """A reference cycle, as a thread of the program makes."""

    def __init__(self) -> None:
        self.me = self


def _cycles(count: int) -> list[weakref.ref[_Node]]:
    """*count* cycles dropped at once: garbage only the collector frees."""
    return [weakref.ref(_Node()) for _ in range(count)]


def _cycles_in(generation: int) -> list[weakref.ref[_Node]]:
    """A hundred cycles that lived through a collection of the generation
    before *generation* (1, the middle one; 2, the oldest) and so are in it,
    then dropped: garbage only a collection of that generation frees."""
    alive = [_Node() for _ in range(100)]
    garbage = [weakref.ref(node) for node in alive]
    gc.collect(generation - 1)
    return garbage


def _made(count: int) -> list[list[int]]:
    """*count* new objects the collector counts (kept by the caller)."""
    return [[] for _ in range(count)]


class TestPauseSharedByThreads:
    """Parses in several threads at once keep the collector off for as long
    as they overlap, which on a busy server is for ever: each step that
    begins or ends while another thread's runs makes the collection that
    Python would make now were the collector on, of the generation it would
    choose."""

    def test_small_parses_collect_while_another_thread_is_paused(self) -> None:
        """A parse too small to collect anything itself (the sample): its
        beginning or end, with another thread inside the pause, collects
        the garbage of the program. Before, nothing was collected while
        the parses overlapped."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles(gc.get_threshold()[0] + 1)
            assert not gc.isenabled()
            assert len(bloglist.loads(TEXT)) == 12
            assert [ref() for ref in garbage] == [None] * len(garbage)
        assert gc.isenabled()

    def test_nothing_is_collected_before_the_collector_would(self) -> None:
        """Below the first threshold, a step's beginning and end collect
        nothing: Python would not have collected yet either."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles(gc.get_threshold()[0] // 4)
            with _paused_collections() as collected:
                bloglist.loads(TEXT)
            assert collected == []
            assert all(ref() is not None for ref in garbage)

    def test_the_middle_generation_is_collected_when_due(self) -> None:
        """Cycles that lived through a young collection are in the middle
        generation, which Python collects after a number of young ones (its
        second threshold): so do the steps of a shared pause. Before, even a
        big parse collected only the young generation, and such garbage
        stayed until the parses stopped overlapping."""
        gc.enable()
        kept: list[list[list[int]]] = []
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles_in(1)
            with _paused_collections() as collected:
                for _ in range(gc.get_threshold()[1] + 2):
                    kept.append(_made(gc.get_threshold()[0] + 1))
                    bloglist.loads(TEXT)
            assert 1 in collected
            assert 2 not in collected
            assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_the_oldest_generation_waits_for_the_memory_to_grow(self) -> None:
        """Python collects the oldest generation when its count is past its
        threshold and the objects that reached it since are a quarter of
        those it held: told here by the memory Python has allocated, a
        quarter more than when the oldest generation was first found due
        in the pause. Cycles that reached it are then collected."""
        gc.enable()
        kept: list[object] = []
        rounds = (gc.get_threshold()[1] + 2) * (gc.get_threshold()[2] + 2)
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles_in(2)
            with _paused_collections() as collected:
                for _ in range(rounds):
                    kept.append(_made(gc.get_threshold()[0] + 1))
                    bloglist.loads(TEXT)
            # Due by count, but the memory has not grown: not collected.
            assert 1 in collected
            assert 2 not in collected
            assert all(ref() is not None for ref in garbage)
            kept.append([(n,) for n in range(sys.getallocatedblocks() // 2)])
            with _paused_collections() as collected:
                for _ in range(rounds):
                    kept.append(_made(gc.get_threshold()[0] + 1))
                    bloglist.loads(TEXT)
            assert collected.count(2) == 1
            assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_a_big_parse_collects_the_middle_generation_when_due(self) -> None:
        """A parse of 120,000 posts collects every 10,000: with another thread
        inside the pause, each of those is the collection Python would make,
        the middle generation's once enough young ones came before it. (Its
        beginning and end make two collections at most: the rest are the
        batches'.)"""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles_in(1)
            with _paused_collections() as collected:
                assert len(bloglist.loads("\nT\n\nE\n" * 120_000)) == 120_000
            assert collected.count(1) == 1
            assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_a_program_that_stops_automatic_collections_has_none(self) -> None:
        """A first threshold of 0 stops Python's automatic collections: a
        shared pause makes none for it either, not even after a batch."""
        gc.enable()
        thresholds = gc.get_threshold()
        gc.set_threshold(0)
        try:
            with _paused_in_another_thread():
                garbage = _cycles(1_000)
                with _paused_collections() as collected:
                    bloglist.loads(TEXT)
                    bloglist.loads("\nT\n\nE\n" * 10_000)
                assert collected == []
                assert all(ref() is not None for ref in garbage)
        finally:
            gc.set_threshold(*thresholds)

    def test_a_step_alone_makes_none_for_a_program_that_stops_them(self) -> None:
        """A first threshold of 0 with no other thread in the pause: a parse
        of 30,000 posts, which collects the young generation every 10,000
        with the threshold as Python sets it, collects nothing (it did,
        three times, checking only whether the collector was enabled)."""
        gc.enable()
        thresholds = gc.get_threshold()
        gc.set_threshold(0)
        try:
            garbage = _cycles(1_000)
            with _paused_collections() as collected:
                assert len(bloglist.loads("\nT\n\nE\n" * 30_000)) == 30_000
                assert len(bloglist.loads("x\n" * 200_000).diagnostics) > 0
            assert collected == []
            assert all(ref() is not None for ref in garbage)
        finally:
            gc.set_threshold(*thresholds)

    def test_a_step_inside_another_of_its_thread_is_no_pause_shared(
        self,
    ) -> None:
        """diff runs a paused step inside its own: the inner step is one
        more of the same thread's, and makes no collection of its own as it
        begins or ends, as a step shared with another thread's would."""
        gc.enable()
        thresholds = gc.get_threshold()
        day = datetime.date(2025, 3, 25)
        old = [bloglist.Post(title=f"Post {n}", date=day) for n in range(3)]
        gc.set_threshold(2)
        try:
            with _paused_collections() as collected:
                bloglist.diff(old, old)
        finally:
            gc.set_threshold(*thresholds)
        # At most the matching's own young collection, as it normalises the
        # titles: none more as the inner step begins or ends.
        assert collected in ([], [0])

    def test_a_step_alone_still_collects_only_the_young_generation(self) -> None:
        """Without another thread in the pause, a parse collects the young
        generation every 10,000 posts, as before, whatever the counts say:
        the pause ends with the parse, and Python then collects as it
        would have."""
        gc.enable()
        kept = [_made(gc.get_threshold()[0] + 1) for _ in range(30)]
        with _paused_collections() as collected:
            bloglist.loads("\nT\n\nE\n" * 30_000)
        assert len(collected) >= 3
        assert set(collected) == {0}
        assert kept


class TestSharedPauseEnterAndExit:
    def test_a_step_that_begins_in_a_shared_pause_collects_at_once(self) -> None:
        """The collection a shared pause owes is made as a step begins, not
        only as it ends: garbage past the first threshold is gone inside the
        step already."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles(gc.get_threshold()[0] + 1)
            with paused_collector:
                assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_a_step_that_ends_in_a_shared_pause_collects(self) -> None:
        """And as it ends, while the other thread's step goes on: garbage
        made during the step is collected when the step ends."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            with paused_collector:
                garbage = _cycles(gc.get_threshold()[0] + 1)
            assert not gc.isenabled()
            assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_lines_that_make_no_post_collect_in_a_shared_pause(self) -> None:
        """A parse of blank lines makes few objects, yet with another thread
        in the pause it still collects the young generation every 65,536
        lines (_collect_due(young=True)), as it does alone."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            with _paused_collections() as collected:
                bloglist.loads("\n" * 300_000)
        assert collected.count(0) >= 4


class _FakeCollector:
    """Counts, thresholds and memory a test sets; the collections asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts = (0, 0, 0)
        self.blocks = 1000
        self.collected: list[int] = []
        monkeypatch.setattr(gc, "get_count", lambda: self.counts)
        monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
        monkeypatch.setattr(gc, "collect", self.collected.append)
        monkeypatch.setattr(sys, "getallocatedblocks", lambda: self.blocks)
        monkeypatch.setattr(bloglist._gc._PausedCollector, "_heap", None)
        monkeypatch.setattr(bloglist._gc._PausedCollector, "_owed", False)
        gc.enable()

    def due(self, *, young: bool = False) -> list[int]:
        del self.collected[:]
        bloglist._gc._collect_due(young=young)
        return list(self.collected)


class TestCollectDue:
    """The generation _collect_due chooses, as Python's collector would
    (3.11 gcmodule.c: a count must be *past* its threshold). The oldest
    generation waits, besides, for a quarter more memory than when it was
    found due, noted afresh in each pause and after each collection of it."""

    def test_nothing_until_the_young_count_is_past_the_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (700, 0, 0)
        assert fake.due() == []
        fake.counts = (701, 0, 0)
        assert fake.due() == [0]

    def test_young_collects_the_young_generation_whatever_its_count(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (0, 0, 0)
        assert fake.due(young=True) == [0]

    def test_the_middle_generation_once_its_count_is_past_its_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 10, 0)
        assert fake.due() == [0]
        fake.counts = (701, 11, 0)
        assert fake.due() == [1]

    def test_the_oldest_generation_is_not_due_at_its_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 10)
        assert fake.due() == [1]
        assert bloglist._gc._PausedCollector._heap is None
        fake.blocks = 10_000
        assert fake.due() == [1]

    def test_the_oldest_generation_waits_for_a_quarter_more_memory(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 11)
        assert fake.due() == [1]  # first found due: the memory is noted
        fake.blocks = 1250
        assert fake.due() == [1]  # a quarter more, not past it
        fake.blocks = 1251
        assert fake.due() == [2]
        # Collected: the memory is noted again, and the next one waits.
        assert fake.due() == [1]
        fake.blocks = 1251 + 1251 // 4 + 1
        assert fake.due() == [2]

    def test_the_oldest_generation_whatever_the_middle_one_s_count(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """As Python's collector looks at the oldest generation first: right
        after a collection of the middle one, whose count is then 0 and the
        oldest's past its threshold, the oldest is due (with the memory
        rule); it used to wait for the middle count to pass its threshold
        again, ten young collections later."""
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 0, 11)
        assert fake.due() == [0]  # first found due: the memory is noted
        assert bloglist._gc._PausedCollector._heap == 1000
        fake.blocks = 1251
        assert fake.due() == [2]
        fake.counts = (701, 11, 11)
        assert fake.due() == [1]  # the oldest waits again; the middle is due

    def test_a_full_collection_notes_the_memory_it_leaves(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """From the call right after a collection of the oldest generation,
        the next waits for a quarter more memory than that one left."""
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 11)
        assert fake.due() == [1]  # first found due: 1000 blocks noted
        fake.blocks = 1251
        assert fake.due() == [2]  # collected: 1251 noted
        fake.blocks = 1251 + 1251 // 4  # a quarter more, not past it
        assert fake.due() == [1]
        fake.blocks += 1
        assert fake.due() == [2]

    def test_each_pause_notes_the_memory_afresh(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 11)
        with _paused_in_another_thread():
            assert fake.due() == [1]  # the memory of this pause: 1000
        fake.blocks = 5000  # grown between the pauses
        with _paused_in_another_thread():
            assert fake.due() == [1]  # first found due in this pause
            assert fake.due() == [1]
            fake.blocks = 6251
            assert fake.due() == [2]


def _young_count_past_threshold() -> list[list[object]]:
    """Objects enough to put the young generation's count past its threshold."""
    return [[] for _ in range(gc.get_threshold()[0] + 100)]


@pytest.mark.parametrize("run", ["collect_batch", "_collect_due"])
def test_a_program_that_turned_the_collector_off_after_a_pause_has_none(
    run: str,
) -> None:
    """The collector was on when a pause began and ended; the program then
    switched it off: a batch's collection run outside any pause (a lazy
    generator read after its pause ended), or one that a step asks for as
    it begins or ends, collects nothing. What the pause noted of the
    collector is no longer the program's."""
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    was_enabled = gc.isenabled()
    gc.enable()
    with paused_collector:
        pass
    gc.disable()
    gc.callbacks.append(note)
    try:
        made = _young_count_past_threshold()  # alive until the call is done
        getattr(bloglist._gc, run)()
        del made
    finally:
        gc.callbacks.remove(note)
        if was_enabled:
            gc.enable()
    assert collected == []


@pytest.mark.parametrize(("items", "collections"), [(19, 1), (20, 2), (21, 2), (30, 3)])
def test_collect_paused_collects_after_each_whole_batch(
    items: int, collections: int
) -> None:
    """Once after each whole batch of items, and not after a last batch
    that is short (the collector, back on, collects when its counts say)."""
    gc.enable()
    with _paused_collections() as collected:
        assert collect_paused(iter(range(items)), batch=10) == list(range(items))
    assert collected == [0] * collections


def test_a_batch_outside_a_pause_collects_nothing_at_threshold_0() -> None:
    """With the collector enabled but a first threshold of 0, a batch's
    collection run outside any pause (a lazy generator read after its pause
    ended) collects nothing."""
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    thresholds = gc.get_threshold()
    was_enabled = gc.isenabled()
    gc.enable()
    gc.set_threshold(0)
    gc.callbacks.append(note)
    try:
        collect_batch()
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
        if not was_enabled:
            gc.disable()
    assert collected == []
