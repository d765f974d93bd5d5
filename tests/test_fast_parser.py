"""The optimised parser reads exactly as the straightforward one did (issue 5).

``parse_oracle.py`` is the parser as it was before the speed work. Every input
must give the same posts (with their line numbers), the same diagnostics and,
in strict mode, the same error. Date lines must read as the reading of before
issue 12 read them, and pausing the garbage collector must leave it as it was.
"""

from __future__ import annotations

import datetime
import gc
import importlib.util
import io
import itertools
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import bloglist
import date_oracle
import parse_oracle
from bloglist import Diagnostic, Listing, ParseError, Post, _parse
from bloglist._dates import _DATE_SHAPE, _MONTHS, read_date
from bloglist._gc import collected_lines, paused_collector
from bloglist._lines import (
    BOM,
    STICKY,
    STREAM_CACHE_BYTES,
    STREAM_CACHE_SIZE,
    may_be_header,
    read_header,
    read_tested_header,
    split_lines,
    split_pieces,
)
from bloglist._parse import Reporter, header_cost, parse_lines
from bloglist._tags import TagSplitter, tag_line_cost
from memory import held_between_steps
from test_properties import KNOWN, TEXTS, header_runs

DATA = Path(__file__).parent / "data"
BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def assert_same_reading(text: str, tags: list[str] | None) -> None:
    """loads reads *text* as the oracle does, in lenient and in strict mode.

    But for the hint loads adds to the one problem of a text that is a file's
    name alone (``loads("0.TXT")``), which is its own, not the parser's, and
    is tested with loads (tests/test_core_edges.py): it is taken off here.
    """
    ours, theirs = (
        bloglist.loads(text, known_tags=tags),
        parse_oracle.loads(text, known_tags=tags),
    )
    assert tuple(ours) == tuple(theirs)
    assert [p.lineno for p in ours] == [p.lineno for p in theirs]
    assert [_unhinted(d) for d in ours.diagnostics] == list(theirs.diagnostics)
    assert strict_outcome(bloglist.loads, text, tags) == strict_outcome(
        parse_oracle.loads, text, tags
    )


def _unhinted(problem: Diagnostic) -> Diagnostic:
    message = problem.message.removesuffix(_parse._FILE_NAME_HINT)
    return attrs.evolve(problem, message=message)


def strict_outcome(parse: object, text: str, tags: list[str] | None) -> object:
    try:
        listing: Listing = parse(text, strict=True, known_tags=tags)  # type: ignore[operator]
    except ParseError as err:
        return (
            err.msg.removesuffix(_parse._FILE_NAME_HINT),
            err.lineno,
            err.colno,
            err.code,
        )
    return (tuple(listing), listing.diagnostics)


def data_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(DATA.glob("**/*.txt")):
        yield path.name, path.read_bytes().decode("utf-8", "surrogateescape")


class TestSameAsBefore:
    @given(header_runs())
    @example("sticky\n" * 100 + "Mar 5\n\nT\n\nE\n")
    @example("sticky\n" * 99 + "sticky\nMar 5\n" * 2 + "Mar 5\n")
    @example("sticky\n" * 100 + "sticky\nMar 5\n")
    def test_long_runs_of_headers_with_no_post_read_as_before(self, text: str) -> None:
        """Past 100 lines, a run of lone header lines is counted in one diagnostic.

        The oracle counts the run after its machine has run; the parser as it
        reads, holding back a date's problem until its header proves to start
        a post.
        """
        assert_same_reading(text, None)

    @given(TEXTS, KNOWN)
    @example("sticky\nMar 5, 2024\nsticky\n\nT\n\nE\nDataData\nJunk\n\n", None)
    @example("Mar 5\n\n\n2024-13-01\nMay 2024\n\nT\n\n\nE\n\n\n", ["GenAI"])
    @example("\nT\n\nE\nTag\n" + " x\n" * 101 + "\nT\n\nE\nTag\n" + "y\n" * 150, None)
    @example("\nT\n\nE\nTag\n" + "x\n" * 100 + "sticky\n\nT\n\nE\nTag\nz", None)
    # Lines that start like a date line but are text, remembered as text
    # when short, read again when long, a header between them.
    @example("1\n1\n\n" * 3 + "Mar 5, 2024\n1\n\n1\n" + ("1" * 70 + "\n") * 3, None)
    @example("Marx\n\nMarx\nMarx\n" + ("Mar " + "x" * 70 + "\n\n") * 2, None)
    # A file's name alone: loads adds its hint, which the oracle has not.
    @example("0.TXT", None)
    # Lines that are not what they look, as tag lines and where a blank
    # line belongs: a byte order mark first, characters no screen shows.
    @example("\nA\n\na\n\ufeffsticky\nMar 5, 2024\n\nB\n\nb\n\ufeff\n", None)
    @example("\nA\n\na\n\u200b\u2060\n\nB\n\nb\n\ufeffData\n", ["Data"])
    @example("Mar 5\n\u200b\n\nA\n\u2060\nB\n\n\nC\n\ufeffD\n", None)
    @example("sticky\n\ufeffTitle\n\nA\n\ufeffMar 4, 2025\n", None)
    # Dates with no-break spaces: date lines but for them, or not.
    @example("Mar\u00a025, 2025\n\nT\n\nE\nMar 5\u202f2024\n", None)
    @example("\nT\n\nE\nX\nMar\u20075, 2024\nTue,\u00a0Mar 4, 2025\n", None)
    @example("Mar 5, 2024\nMar\u00a05,\u00a02024\n\nE\n", None)
    @example("\ufeffx\n\nT\n\n\ufeffTues, Mar 4, 2025\n\nA\n\nB\n", None)
    def test_any_text_reads_as_before(self, text: str, tags: list[str] | None) -> None:
        """Posts, line numbers, diagnostics and strict errors are those of the old parser."""
        assert_same_reading(text, tags)

    @pytest.mark.parametrize(("name", "text"), list(data_texts()))
    def test_the_test_data_reads_as_before(self, name: str, text: str) -> None:
        """Every listing of tests/data, valid, invalid and found by fuzzing."""
        for tags in (None, ["GenAI", "iOS", "Data", "Data Science"]):
            assert_same_reading(text, tags)

    def test_a_generated_listing_reads_as_before(self) -> None:
        """Thousands of realistic posts, in every date form the benchmark uses."""
        spec = importlib.util.spec_from_file_location(
            "generate", BENCHMARKS / "generate.py"
        )
        assert spec is not None and spec.loader is not None
        generate = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generate)
        assert_same_reading(generate.generate_text(3000), None)

    @given(TEXTS, KNOWN)
    def test_small_caches_change_nothing(
        self, text: str, tags: list[str] | None
    ) -> None:
        """A cache that forgets every line or two gives the same reading as a big one."""
        lines = split_lines(text)
        big, small = Reporter(strict=False), Reporter(strict=False)
        posts = list(parse_lines(lines, TagSplitter(tags), big))
        again = list(
            parse_lines(lines, TagSplitter(tags, cache_size=1), small, cache_size=2)
        )
        # Posts and diagnostics, in the order they come.
        assert posts == again
        assert [p.lineno for p in posts] == [p.lineno for p in again]
        assert big.count == small.count
        # Caches bounded in bytes, as a stream's are, small enough to start
        # over every line or few.
        tight = Reporter(strict=False)
        budget = list(
            parse_lines(
                lines,
                TagSplitter(tags, cache_bytes=600),
                tight,
                cache_bytes=1100,
            )
        )
        assert budget == posts
        assert [p.lineno for p in budget] == [p.lineno for p in posts]
        assert tight.count == big.count


# Every spelling of a month the guard accepts, in the forms the grammar reads.
SPELLINGS = sorted(
    {case(word) for word in _MONTHS for case in (str, str.title, str.upper)}
)
FORMS = ("{m} {d}, {y}", "{m} {d} {y}", "{d} {m} {y}", "{d} {m}, {y}")


class TestLinesRememberedAsText:
    @pytest.mark.parametrize("strict", [False, True])
    def test_past_the_limit_they_are_read_again_alike(
        self, monkeypatch: pytest.MonkeyPatch, strict: bool
    ) -> None:
        """Short lines that start as a date may but are text are remembered
        TEXTS_KEPT at a time; past that the parser forgets them and reads
        them again. Titles none alike (`3 tips`) fill the set again and
        again, and a tag line that repeats (`1Password`) is read as text
        each time it comes after: the listing is the one a parser that
        remembers them all reads, and the one written out."""
        limit = _parse.TEXTS_KEPT
        posts = [
            Post(title=f"{i} tips", excerpt=f"{i}0 more", tags=("1Password",))
            for i in range(3 * limit + 7)
        ]
        text = bloglist.dumps(posts)
        got = bloglist.loads(text, strict=strict)
        monkeypatch.setattr(_parse, "TEXTS_KEPT", 10 * limit)
        assert got == bloglist.loads(text, strict=strict) == Listing(posts)
        assert not got.diagnostics


class TestDateSpellings:
    @pytest.mark.parametrize("form", FORMS)
    def test_every_month_spelling_reads_as_the_slow_path(self, form: str) -> None:
        """The grammar gives what the guard and python-dateutil give, for every spelling.

        Years below 0100 are the edge: dateutil reads them as two-digit years.
        (Checked by hand over every day of the month and more years too.)
        """
        days = ("1", "01", "9", "10", "28", "29", "30", "31", "32", "0")
        years = ("0001", "0099", "0100", "0999", "1000", "2024", "9999")
        for month, day, year in itertools.product(SPELLINGS, days, years):
            line = form.format(m=month, d=day, y=year)
            assert same_date(line), line

    @given(
        st.integers(0, 9999),
        st.sampled_from(["00", "01", "1", "07", "12", "13", "٠١"]),
        st.sampled_from(["00", "01", "1", "29", "30", "31", "5"]),
    )
    def test_iso_dates_read_as_the_slow_path(
        self, year: int, month: str, day: str
    ) -> None:
        """ISO lines: real days, month 13, day 0, year 0, non-ASCII digits."""
        assert same_date(f"{year:04d}-{month}-{day}")

    @given(
        st.lists(
            st.one_of(
                st.sampled_from(SPELLINGS),
                st.sampled_from(["5", "05", "31", "5th", "2024", "0012", "24", "１"]),
                st.sampled_from([",", ".", "-", "sticky"]),
            ),
            max_size=4,
        ),
        st.lists(st.sampled_from([" ", "  ", "\t", ", ", "-", ""]), min_size=4),
    )
    def test_date_like_lines_read_as_the_slow_path(
        self, parts: list[str], separators: list[str]
    ) -> None:
        """Lines made of date parts, joined any way, read as before."""
        line = "".join(p + s for p, s in zip(parts, separators, strict=False)).strip()
        assert same_date(line)

    @given(st.from_regex(_DATE_SHAPE, fullmatch=True))
    @example("Sept 5, 2024")
    @example("5 may 2024")
    @example(STICKY)
    def test_every_header_line_passes_the_cheap_test(self, line: str) -> None:
        """The parser's test before the header rule lets every header line
        through: every line the rule itself (read_tested_header, which runs no
        cheap test) reads as a header passes it. (The test asked read_header,
        which runs the cheap test first, and so could not fail.)"""
        found = read_tested_header(line)
        if found is not None:
            assert may_be_header(line)
            again = read_header(line)
            assert again is not None
            assert (again.sticky, again.date, again.code) == (
                found.sticky,
                found.date,
                found.code,
            )
            assert found.sticky == (line == STICKY)
            assert found.date == (None if found.sticky else read_date(line).date)  # type: ignore[union-attr]

    @given(st.one_of(st.from_regex(_DATE_SHAPE, fullmatch=True), st.text(max_size=20)))
    @example(STICKY)
    @example("Mayday 2024")
    @example("March")
    def test_the_parsers_way_in_reads_as_read_header(self, line: str) -> None:
        """read_tested_header, which the parser calls after the cheap test, agrees."""
        line = line.strip()
        if not line or not may_be_header(line):
            return
        ours, theirs = read_tested_header(line), read_header(line)
        if theirs is None:
            assert ours is None
            return
        assert ours is not None
        assert (ours.sticky, ours.date, ours.code, ours.problem_of(line)) == (
            theirs.sticky,
            theirs.date,
            theirs.code,
            theirs.problem_of(line),
        )


def same_date(line: str) -> bool:
    ours, theirs = read_date(line), date_oracle.read_date(line)
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return (ours.date, ours.problem_of(line), ours.code) == (
        theirs.date,
        theirs.problem,
        theirs.code,
    )


TEXT = "sticky\nMar 25, 2025\n\nTitle\n\nExcerpt\nDataScience\n\n" * 200


def _collector_while_parsing(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A list that gets, for each parse from now on, whether the collector was
    on when its posts began to be built."""
    seen: list[bool] = []
    real = parse_lines

    def watched(
        *args: object, **kwargs: object
    ) -> Iterator[bloglist.Post | bloglist.Diagnostic]:
        seen.append(gc.isenabled())
        yield from real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("bloglist._parse.parse_lines", watched)
    return seen


class TestPieces:
    """loads splits its text a piece at a time (split_pieces), and the pause
    collects between pieces (collected_lines): the same lines as split_lines
    of the whole, and the collections where a list of them would have them."""

    @given(
        text=st.lists(
            st.sampled_from(["a", "b", "\n", "\r", "\r\n", BOM, "\u2028"])
        ).map("".join),
        size=st.integers(0, 9),
    )
    @example(text="", size=0)
    @example(text="\n", size=0)
    @example(text="ab\n", size=2)
    @example(text=f"{BOM}{BOM}a", size=1)
    def test_the_pieces_hold_the_lines_of_the_whole_text(
        self, text: str, size: int
    ) -> None:
        pieces = list(split_pieces(text, size))
        assert list(itertools.chain.from_iterable(pieces)) == split_lines(text)
        # Each piece but the last holds *size* characters at least, and ends
        # at the first line break past them: none cut short, none longer.
        for piece in pieces[:-1]:
            held = "\n".join(piece)
            assert len(held) >= size
            assert "\n" not in held[size:]

    @given(
        pieces=st.lists(st.lists(st.just("x"), max_size=12), max_size=8),
        batch=st.integers(1, 5),
    )
    def test_the_young_generation_is_collected_before_each_batch_of_lines(
        self, pieces: list[list[str]], batch: int
    ) -> None:
        """As for one list of the lines: before the line numbered batch,
        2 * batch, ... (from 0), and never before the first or after the
        last, however the lines come in pieces. Inside a pause, as a parse
        reads them, of a program that runs with the collector on: only
        these collections run (none of Python's own, the collector being
        off), and none would for a program that runs with it off."""
        read: list[str] = []
        collected_at: list[int] = []

        def note(phase: str, info: dict[str, int]) -> None:
            if phase == "start" and info["generation"] == 0:
                collected_at.append(len(read))

        was = gc.isenabled()
        gc.enable()
        try:
            with paused_collector:
                # Noted from inside the pause: one of Python's own collections
                # may run as the pause starts, before it switches the
                # collector off (the test failed so, now and then).
                gc.callbacks.append(note)
                try:
                    for line in collected_lines(pieces, batch=batch):
                        read.append(line)
                finally:
                    gc.callbacks.remove(note)
        finally:
            if not was:
                gc.disable()
        total = sum(map(len, pieces))
        assert len(read) == total
        assert collected_at == list(range(batch, total, batch))


def _loads_noting_paused_collections(text: str) -> tuple[Listing, list[int]]:
    """``loads(text)``, and the generation of each collection that ran while
    the collector was paused (the collector on before, as in most programs)."""
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and not gc.isenabled():
            collected.append(info["generation"])

    gc.enable()
    gc.callbacks.append(note)
    try:
        listing = bloglist.loads(text)
    finally:
        gc.callbacks.remove(note)
    return listing, collected


@pytest.mark.usefixtures("collector_restored")
class TestCollectorPause:
    def test_the_collector_is_off_while_posts_are_built(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """loads switches the collector off while it parses, and back on after."""
        seen = _collector_while_parsing(monkeypatch)
        gc.enable()
        bloglist.loads(TEXT)
        assert seen == [False]
        assert gc.isenabled()

    def test_pause_gc_false_leaves_it_alone(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With pause_gc=False the collector stays on while posts are built."""
        seen = _collector_while_parsing(monkeypatch)
        gc.enable()
        bloglist.loads(TEXT, pause_gc=False)
        bloglist.load(io.StringIO(TEXT), pause_gc=False)
        assert seen == [True, True]

    @pytest.mark.big
    def test_the_young_generation_is_collected_while_paused(self) -> None:
        """Every 10,000 posts the pause collects the young generation of every thread."""
        listing, collected = _loads_noting_paused_collections("\nT\n\nE\n" * 25_000)
        assert len(listing) == 25_000
        # Before the second 65,536 lines of the 100,000, and after 10,000 and
        # 20,000 posts; not at the end, where the collector, back on,
        # collects when its own count says so.
        assert collected == [0, 0, 0]

    @pytest.mark.parametrize(
        "text",
        [
            "\n" * 300_000,  # quick: what the others check, with no diagnostic
            pytest.param("sticky\n" * 300_000, marks=pytest.mark.big),
            pytest.param("\nT\n\nE\nTag\n" + "x\n" * 300_000, marks=pytest.mark.big),
        ],
        ids=["blank lines", "lone sticky lines", "lines after a tag line"],
    )
    def test_lines_that_make_no_post_still_let_the_collector_run(
        self, text: str
    ) -> None:
        """Input that makes few posts and diagnostics (blank lines, problems
        past the hundredth of a run, counted in one) has the young
        generation collected every 65,536 lines while the collector is
        paused: before, it ran only at the end, however long the parse."""
        _, collected = _loads_noting_paused_collections(text)
        lines = text.count("\n")
        assert collected.count(0) >= lines // 65_536 >= 4

    def test_the_posts_stay_out_of_the_oldest_generation(self) -> None:
        """After the pause, the posts are where the collector's own
        collections put them, not moved to the oldest generation: such a
        move, uncounted, kept a program that parses once per request from
        ever running a full collection (see tests/test_collector.py)."""
        gc.enable()
        gc.collect()
        listing = bloglist.loads(TEXT)
        oldest = {id(obj) for obj in gc.get_objects(generation=2)}
        assert not any(id(post) in oldest for post in listing)

    def test_objects_the_program_froze_stay_frozen(self) -> None:
        """A program that froze objects keeps them frozen."""
        gc.enable()
        gc.collect()
        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            listing = bloglist.loads(TEXT)
            assert gc.get_freeze_count() == frozen
            oldest = {id(obj) for obj in gc.get_objects(generation=2)}
            assert not any(id(post) in oldest for post in listing)
        finally:
            gc.unfreeze()

    def test_pause_gc_false_promotes_nothing(self) -> None:
        """Without the pause, the posts are left where the collector put them."""
        gc.enable()
        gc.collect()
        listing = bloglist.loads(TEXT, pause_gc=False)
        oldest = {id(obj) for obj in gc.get_objects(generation=2)}
        assert not any(id(post) in oldest for post in listing)

    def test_a_collector_that_was_off_stays_off(self) -> None:
        """A program that runs with the collector off still has it off after a parse."""
        gc.disable()
        bloglist.loads(TEXT)
        assert not gc.isenabled()

    def test_a_parse_inside_a_paused_step_keeps_it_off(self) -> None:
        """The pause is re-entrant: a parse that ends inside another paused
        step (a grouping, a sort) leaves the collector off until that one ends."""
        gc.enable()
        with paused_collector:
            bloglist.loads(TEXT)
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_an_error_switches_it_back_on(self) -> None:
        """A strict parse that raises leaves the collector as it found it."""
        gc.enable()
        with pytest.raises(ParseError):
            bloglist.loads("Feb 30, 2024\n\nT\n\nE", strict=True)
        assert gc.isenabled()
        with pytest.raises(TypeError):
            bloglist.loads("T", known_tags="not a list")
        assert gc.isenabled()

    def test_the_streaming_reader_never_pauses_it(self) -> None:
        """iterload yields to its caller between posts: it leaves the collector alone."""
        import io

        gc.enable()
        for _ in bloglist.iterload(io.StringIO(TEXT)):
            assert gc.isenabled()

    @pytest.mark.parametrize("enabled", [True, False])
    def test_threads_parsing_at_once_restore_it(self, enabled: bool) -> None:
        """Parses overlapping in many threads leave the collector as it was.

        While they run, the collector is off (it was on) or stays off (it was
        off): no thread ever switches it on under another one's feet.
        """
        if enabled:
            gc.enable()
        else:
            gc.disable()
        done = threading.Event()
        saw_off = threading.Event()
        started = threading.Barrier(7)
        seen: set[bool] = set()  # what the watcher saw while the parses ran

        def watch() -> None:
            started.wait()
            while not done.is_set():
                on = gc.isenabled()
                seen.add(on)
                if not on:
                    saw_off.set()
                time.sleep(0)  # let the parsing threads run

        def parse() -> None:
            # At least 15 parses each, and on until the watcher has looked
            # while one ran: the scheduler may give it no turn in the first
            # ones (a fast interpreter parses the text in a millisecond).
            started.wait()
            for n in range(2000):
                assert len(bloglist.loads(TEXT)) == 200
                if n >= 14 and saw_off.is_set():
                    break

        watcher = threading.Thread(target=watch)
        workers = [threading.Thread(target=parse) for _ in range(6)]
        for thread in [watcher, *workers]:
            thread.start()
        for worker in workers:
            worker.join()
        done.set()
        watcher.join()
        assert gc.isenabled() is enabled
        # The watcher saw the collector off while the parses ran (so it looked
        # while they ran), and never on when the program had it off.
        assert False in seen
        if not enabled:
            assert seen == {False}

    def test_switching_it_on_during_a_parse_is_kept(self) -> None:
        """A thread that switches the collector on while others parse finds it on after."""
        gc.disable()
        started = threading.Barrier(2)

        def parse() -> None:
            started.wait()
            for _ in range(20):
                bloglist.loads(TEXT)

        worker = threading.Thread(target=parse)
        worker.start()
        started.wait()
        gc.enable()
        worker.join()
        assert gc.isenabled()


class TestLongParses:
    def test_a_parse_longer_than_a_batch_of_lines_keeps_every_line(self) -> None:
        """A parse of more lines than the collector pause reads between two
        collections (65,536) gives what a parse without the pause gives:
        the first post, and the one across each batch's edge, included."""
        text = "".join(f"Post {n}\n\nWords {n}\n\n" for n in range(34_000))
        assert text.count("\n") > 2 * (1 << 16)
        paused = bloglist.loads(text)
        assert paused == bloglist.loads(text, pause_gc=False)
        assert len(paused) == 34_000
        assert (paused[0].title, paused[0].excerpt) == ("Post 0", "Words 0")


class TestSharedMessages:
    """Equal diagnostics share their message; the memory of messages is bounded."""

    def test_equal_messages_are_one_string(self) -> None:
        """Equal diagnostics of a thousand posts hold one message per kind."""
        # Per post: a lone date line (no title, no year), then the same
        # date heading the post, then a missing blank line.
        listing = bloglist.loads(
            "Mar 5\n\nMar 5\nT\n\nE\n\n" * 1000, max_diagnostics=None
        )
        messages: dict[str, set[int]] = {}
        for diagnostic in listing.diagnostics:
            messages.setdefault(diagnostic.code, set()).add(id(diagnostic.message))
        assert {code: len(ids) for code, ids in messages.items()} == {
            "incomplete-date": 1,
            "missing-title": 1,
            "missing-blank": 1,
        }
        assert len(listing.diagnostics) == 4 * 1000
        assert len(listing) == 1000

    def test_more_distinct_messages_than_are_remembered(self) -> None:
        """Past 4,096 distinct messages the reporter forgets them and goes on."""
        count = 5_000
        # Per post: a distinct lone date line, then a distinct date that is
        # not a real day heading the post: two distinct messages.
        listing = bloglist.loads(
            "".join(
                f"{i % 28 + 1}\tMay {1000 + i}\n\nFeb 30, {1000 + i}\n\nT {i}\n\nE\n\n"
                for i in range(count)
            ),
            max_diagnostics=None,
        )
        codes = [d.code for d in listing.diagnostics]
        assert codes == ["missing-title", "invalid-date"] * count
        assert len({d.message for d in listing.diagnostics}) == 2 * count
        assert listing.diagnostics[-2].message == (
            "date line '16\\tMay 5999' is not followed by a post; "
            "expected a blank line and a title"
        )
        assert listing.diagnostics[-1].message == (
            "date 'Feb 30, 5999' is not a real day"
        )
        assert [p.title for p in listing] == [f"T {i}" for i in range(count)]

    def test_messages_about_titles_do_not_quote_them(self) -> None:
        """A thousand distinct titles, each with no blank line before it and no
        excerpt after it: two messages between them, whatever the titles.

        Quoted, each title made two strings of its own, four bytes a character
        for an emoji title: 91 times the input in memory (tests/test_hostile.py).
        """
        titles = [chr(0x1F600 + i % 80) * (1 + i // 80) for i in range(1000)]
        listing = bloglist.loads(
            "".join(f"Mar 5\n{t}\n" for t in titles), max_diagnostics=None
        )
        assert [p.title for p in listing] == titles
        blank = [d for d in listing.diagnostics if d.code == "missing-blank"]
        excerpt = [d for d in listing.diagnostics if d.code == "missing-excerpt"]
        assert [(d.lineno, d.colno) for d in blank] == [
            (2 * i + 2, 1) for i in range(1000)
        ]
        assert [(d.lineno, d.colno) for d in excerpt] == [
            (2 * i + 2, 1) for i in range(1000)
        ]
        assert {id(d.message) for d in blank} == {id(blank[0].message)}
        # Each post is cut short by the next one's date, the last by the end.
        assert {id(d.message) for d in excerpt[:-1]} == {id(excerpt[0].message)}
        assert str(blank[0]) == (
            "expected a blank line before the title (at line 2, column 1)"
        )
        assert str(excerpt[0]) == (
            "the post has no excerpt line after its title (a header line "
            "follows it, and starts the next post) (at line 2, column 1)"
        )
        assert str(excerpt[-1]) == (
            "the post has no excerpt line after its title (at line 2000, column 1)"
        )


def test_dates_after_the_cache_forgets_them() -> None:
    """Past the cache's size the parser forgets header lines, and reads them again."""
    days = [datetime.date(2000, 1, 1) + datetime.timedelta(days=i) for i in range(50)]
    text = "".join(f"{d:%b} {d.day}, {d.year}\n\nT\n\nE\n\n" for d in days * 2)
    lines = split_lines(text)
    items = parse_lines(lines, TagSplitter(), Reporter(strict=True), cache_size=8)
    posts = [item for item in items if isinstance(item, bloglist.Post)]
    assert [p.date for p in posts] == days * 2


# The header cache's bounds. A stream's parse remembers the header lines it
# has read, and the short lines that start like a date but are text, in a
# cache bounded by a count of lines and by bytes: full, it starts over, and
# reads each line again as a fresh parse does.

BUDGET = 1 << 20  # the bytes the caches under test may take


# Header lines, each distinct: long by spaces, short and
# dated, and problems (whose message the cache keeps).
HEADER_LINES: dict[str, Callable[[int], str]] = {
    "long-dates": lambda i: f"Mar 5,{' ' * (2000 + i)}2024",
    "short-dates": lambda i: (
        f"{('Jan', 'Feb', 'Mar')[i % 3]} {i // 3 % 28 + 1}, {1000 + i // 84}"
    ),
    "problems": lambda i: f"Mar 5, {i:09d}",
    # Each about a third of the budget, as the huge tag lines of
    # tests/test_tag_split_oracle.py.
    "huge-dates": lambda i: f"Mar 5,{' ' * (340000 + i)}2024",
}


@pytest.mark.big
@pytest.mark.parametrize("shape", sorted(HEADER_LINES))
def test_the_header_cache_keeps_to_its_bytes(shape: str) -> None:
    """A stream's header cache takes no more memory than its bound in bytes,
    whatever the header lines."""
    make = HEADER_LINES[shape]

    def lines() -> Iterator[str]:
        for i in range(20 if shape.startswith("huge") else 6000):
            yield from (make(i), "", "T", "", "E")

    def feed() -> Iterator[None]:
        # Every diagnostic made, so that each problem's message is written.
        report = Reporter(strict=False, limit=None)
        for item in parse_lines(lines(), TagSplitter(), report, cache_bytes=BUDGET):
            del item
            yield None

    list(parse_lines(lines(), TagSplitter(), Reporter(strict=False, limit=0)))
    assert held_between_steps(feed) <= BUDGET


def test_a_full_header_cache_starts_over_and_reads_as_before() -> None:
    """A stream's cache of header lines that fills its bytes forgets what it
    held and goes on reading each line as a fresh parse does: the same posts
    and diagnostics, in the same order (a bound of a few lines here, so that
    the cache starts over many times in 300 posts, dates with and without a
    problem; the test above checks the memory at the real bound). So does
    one that holds three lines, then starts over."""
    text: list[str] = []
    for i in range(300):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(i % 40)
        header = (
            f"{day:%b} {day.day}" if i % 7 == 0 else f"{day:%b} {day.day}, {day.year}"
        )
        text += [header, "", f"Post {i}", "", "Words."]
    whole = list(parse_lines(text, TagSplitter(), Reporter(strict=False, limit=None)))
    small = list(
        parse_lines(
            text, TagSplitter(), Reporter(strict=False, limit=None), cache_bytes=2000
        )
    )
    few = list(
        parse_lines(
            text, TagSplitter(), Reporter(strict=False, limit=None), cache_size=3
        )
    )
    assert small == few == whole
    assert [item.lineno for item in small] == [item.lineno for item in whole]
    assert [item.lineno for item in few] == [item.lineno for item in whole]
    assert sum(isinstance(item, Post) for item in whole) == 300


def test_real_lines_fill_a_streams_caches_by_their_count_first() -> None:
    """A real listing's date and tag lines are short: 32,768 of them fit in
    the bytes a stream's caches may take, so its caches forget them only
    when their count is reached, as the comment on STREAM_CACHE_BYTES says."""
    for line in ("Mar 5, 2024", "5 March 2024", "2024-03-05", "September 30, 2024"):
        header = read_tested_header(line)
        assert header is not None and header.date is not None
        assert header_cost(line, header) * STREAM_CACHE_SIZE <= STREAM_CACHE_BYTES
    line = "Product News Releases"
    assert tag_line_cost(line, tuple(line.split()), 0) * STREAM_CACHE_SIZE <= (
        STREAM_CACHE_BYTES
    )


# The memory a cache of *budget* bytes may hold past it, by a quarter: a set
# grows its table to four times its entries at a time, which header_cost
# does not quite count for short lines remembered as text (a line of 64
# characters holds about 1.09 times the bytes).
_SLACK = 1.25

ASTRAL = "".join(chr(0x1D400 + i) for i in range(52))  # MATHEMATICAL BOLD A..z


def _name(i: int, alphabet: str, width: int) -> str:
    """*i* as *width* characters of *alphabet*: a distinct name for each *i*."""
    letters = []
    for _ in range(width):
        i, r = divmod(i, len(alphabet))
        letters.append(alphabet[r])
    return "".join(letters)


def _held_at_most(make: Callable[[], Iterator[object]]) -> int:
    """The most memory that stays allocated between the items of a parse
    that *make* starts (all it reads is counted). A first parse, not
    measured, builds what the process keeps once built (compiled rules,
    what a coverage tracer records of lines run for the first time): a CI
    run under coverage counted 133 kB more than the cache's line."""
    for _ in make():
        pass
    items = make()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        worst = 0
        for item in items:
            del item
            worst = max(worst, tracemalloc.get_traced_memory()[0] - base)
    finally:
        tracemalloc.stop()
    return worst


class TestTheHeaderCache:
    def test_it_holds_at_most_its_count_of_lines(self) -> None:
        """The cache starts over as soon as it holds *cache_size* lines, and
        so never holds one more than its count: with a count of 1, never
        two date lines of 200,000 spaces each."""
        padding = 200_000

        def lines() -> Iterator[str]:
            for i in range(6):
                yield from (f"Mar 5,{' ' * (padding + i)}2024", "", "T", "", "E", "")

        def parse() -> Iterator[object]:
            report = Reporter(strict=False, limit=None)
            return parse_lines(lines(), TagSplitter(), report, cache_size=1)

        # The line being read, and the cache's one line: the same string.
        assert _held_at_most(parse) < 1.5 * padding

    def test_non_ascii_lines_count_four_bytes_a_character(self) -> None:
        """header_cost counts a line of astral characters at four bytes a
        character, as such a line takes: lines that start like a date but
        are text, remembered, keep to the cache's bytes (counted at a byte a
        character, they would take twice them)."""
        budget = 1 << 18

        def lines() -> Iterator[str]:
            for i in range(8000):
                # 64 characters, the longest remembered as text.
                yield from ("1" + _name(i, ASTRAL, 3) + ASTRAL[0] * 60, "")

        def parse() -> Iterator[object]:
            report = Reporter(strict=False, limit=0)
            return parse_lines(lines(), TagSplitter(), report, cache_bytes=budget)

        assert _held_at_most(parse) <= budget * _SLACK

    def test_lines_remembered_as_text_are_forgotten_with_the_rest(self) -> None:
        """When the cache's bytes run out, it forgets the lines remembered as
        text along with the header lines: kept, they would grow to the
        cache's count, past its bytes."""
        budget = 1 << 20

        def lines() -> Iterator[str]:
            for i in range(40_000):
                yield from (f"1{i:063d}", "")

        def parse() -> Iterator[object]:
            report = Reporter(strict=False, limit=0)
            return parse_lines(lines(), TagSplitter(), report, cache_bytes=budget)

        assert _held_at_most(parse) <= budget * _SLACK
