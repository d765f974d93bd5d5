"""The parser at the edges of its newest rules, against the oracle and by hand.

Runs of header lines with no post are counted past their 100th line, and runs
of lines after a tag line past theirs: these tests put runs of 99 to 201 lines
of each kind against every way a run can end, in each line break, and hold
``loads`` (lenient and strict), ``load`` (text and bytes) and ``iterload`` (cut
into pieces of one byte and of a whole file) to the plain state machine of
``parse_oracle.py``. The pinned cases below say what the oracle says, in
figures, and where each diagnostic points: its line, and the first non-blank
character of that line.
"""

from __future__ import annotations

import datetime
import io
import itertools
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
import parse_oracle
from bloglist import Diagnostic, Listing, ParseError, Post
from bloglist._dates import holds_date
from invariants import check_nothing_lost, check_positions, check_strict_agrees
from test_dates import CATEGORY_NAMES, SCRAPED_DATES

# A header with no post, as it stands in a run: one line or a pair, with a
# problem of its own or none, indented or not.
SHAPES = {
    "sticky": "sticky\n",
    "no year": "Mar 5\n",
    "not a real day": "Feb 29, 2023\n",
    "sticky then no year": "sticky\nMar 5\n",
    "a date then sticky": "Mar 5, 2024\nsticky\n",
    "indented, blank lines between": "\u3000sticky\u00a0\n\t\x0b\n",
}

# What ends a run: the end (with and without a last line break), a post, a
# post with no blank line before its title, a title alone, a post whose
# header has a bad date, a pair with a bad date, and a second long run after
# a post.
ENDINGS = {
    "the end": "",
    "the end, no last break": None,
    "a post": "\nT\n\nE\n",
    "a title with no blank": "T\n\nE\n",
    "a title alone": "\nT",
    "a post with a bad date": "Feb 30, 2024\n\nT\n\nE\n",
    "a pair with a bad date": "sticky\nFeb 30, 2024\nT\n\nE\nTag\n",
    "a second run": "\nT\n\nE\nTag\n" + "Mar 5\n" * 101,
}

LENGTHS = (99, 100, 101, 199, 200, 201)


def run_text(shape: str, length: int, ending: str | None) -> str:
    """*length* headers of *shape*, then *ending*."""
    text = shape * length
    return text[:-1] if ending is None else text + ending


def outcome(run: Any) -> object:
    """What *run* gives: its posts (with their lines) and diagnostics, or its error."""
    try:
        found = run()
        items = list(found) if not isinstance(found, Listing) else None
    except ParseError as err:
        return ("error", err.msg, err.lineno, err.colno, err.code)
    if items is None:
        return ([(p, p.lineno) for p in found], list(found.diagnostics))
    posts = [(p, p.lineno) for p in items if isinstance(p, Post)]
    return (posts, [d for d in items if isinstance(d, Diagnostic)])


class Pieces:
    """A file whose read(size) returns at most *piece* characters or bytes."""

    def __init__(self, data: str | bytes, piece: int) -> None:
        self.data, self.at, self.piece = data, 0, piece

    def read(self, size: int, /) -> Any:
        n = min(size, self.piece)
        found = self.data[self.at : self.at + n]
        self.at += len(found)
        return found


def assert_every_reader_agrees(text: str, *, pieces: tuple[int, ...]) -> None:
    """Every reader of *text* reads it as the oracle, in both modes."""
    for strict in (False, True):
        expected = outcome(lambda: parse_oracle.loads(text, strict=strict))  # noqa: B023
        assert outcome(lambda: bloglist.loads(text, strict=strict)) == expected  # noqa: B023
        assert (
            outcome(
                lambda: bloglist.load(io.StringIO(text), strict=strict)  # noqa: B023
            )
            == expected
        )
        for data in (text.encode(), text.encode("utf-16")):
            assert (
                outcome(
                    lambda: bloglist.load(io.BytesIO(data), strict=strict)  # noqa: B023
                )
                == expected
            )
        sources: tuple[str | bytes, ...] = (text, text.encode())
        for piece, source in itertools.product(pieces, sources):
            streamed = outcome(
                lambda: bloglist.iterload(Pieces(source, piece), strict=strict)  # noqa: B023
            )
            assert streamed == expected, (piece, type(source).__name__, strict)


class TestRunsAtTheLimit:
    @pytest.mark.parametrize("length", LENGTHS)
    @pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES)
    @pytest.mark.parametrize("ending", ENDINGS.values(), ids=ENDINGS)
    def test_runs_of_headers_read_as_the_oracle_reads(
        self, length: int, shape: str, ending: str | None
    ) -> None:
        """Each reader, lenient and strict, at each length around the limit."""
        text = run_text(shape, length, ending)
        # A piece of one character or byte for the lengths around the
        # hundredth line only: the others check the counting, not the cuts.
        pieces = (1, 1 << 16) if length in (100, 101) else (1 << 16,)
        assert_every_reader_agrees(text, pieces=pieces)
        listing = bloglist.loads(text)
        check_positions(text, listing)
        check_nothing_lost(text, listing)

    @pytest.mark.parametrize("length", LENGTHS)
    @pytest.mark.parametrize("brk", ["\r\n", "\r"], ids=["CRLF", "CR"])
    @pytest.mark.parametrize("shape", ["sticky\nMar 5\n", "Feb 29, 2023\n"])
    def test_each_line_break_gives_the_same_reading(
        self, length: int, brk: str, shape: str
    ) -> None:
        """CRLF and CR, and a CRLF cut between two pieces, read as LF does."""
        text = run_text(shape, length, ENDINGS["a pair with a bad date"])
        assert text.endswith("\n")
        other = text.replace("\n", brk)
        assert_every_reader_agrees(other, pieces=(1, 2, 1 << 16))
        assert outcome(lambda: bloglist.loads(other)) == outcome(
            lambda: bloglist.loads(text)
        )

    @pytest.mark.parametrize("length", [99, 100, 101])
    def test_runs_of_lines_after_a_tag_line_read_as_the_oracle_reads(
        self, length: int
    ) -> None:
        """Ended by the end, a blank line, a header, a header with a bad
        date, and a whole post, tag line and all, then a blank line (which
        starts no run of its own)."""
        for ending in (
            "",
            "\n",
            "\nT\n\nE\n",
            "sticky\n\nT\n\nE\n",
            "Mar 5\n",
            "\nU\n\nF\nu\n\n",
        ):
            text = "\nT\n\nE\nTag\n" + "  x\u2028y\n" * length + ending
            assert_every_reader_agrees(text, pieces=(1, 1 << 16))

    @pytest.mark.parametrize("first", [1, 2, 3])
    @pytest.mark.parametrize("length", [99, 100, 101])
    def test_a_run_of_headers_counts_from_its_own_first_line(
        self, first: int, length: int
    ) -> None:
        """Sticky markers before a post, all but the last a header with no
        post (a run of none, one or two), then a run around the limit: the
        second run is shown to its own 100th line, whatever the first."""
        text = "sticky\n\n" * first + "T\n\nE\n\n" + "sticky\n" * length
        assert_every_reader_agrees(text, pieces=(1 << 16,))
        shown = [
            d for d in bloglist.loads(text).diagnostics if d.lineno > 2 * first + 4
        ]
        assert len(shown) == min(length, 101)
        assert all("more header line" not in d.message for d in shown[:100])


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(d.lineno, d.colno, d.code) for d in bloglist.loads(text).diagnostics]


class TestPinned:
    """What the readers agree on, in figures."""

    def test_a_run_of_100_header_lines_is_shown_whole(self) -> None:
        """No summary for a run of exactly 100 lines."""
        assert codes("sticky\n" * 100) == [
            (n, 1, "missing-title") for n in range(1, 101)
        ]

    def test_the_101st_line_is_counted(self) -> None:
        """One more line: one more diagnostic, which counts it."""
        listing = bloglist.loads("sticky\n" * 101)
        assert len(listing.diagnostics) == 101
        last = listing.diagnostics[-1]
        assert (last.lineno, last.colno, last.code) == (101, 1, "missing-title")
        assert last.message.startswith("1 more header line with no post, to line 101;")

    def test_a_pair_across_the_100th_line_is_shown_whole(self) -> None:
        """A header of two lines, the 100th and the 101st, is shown: both lines."""
        text = "sticky\n" * 99 + "sticky\nMar 5\n" + "sticky\n" * 2
        assert codes(text) == [
            *[(n, 1, "missing-title") for n in range(1, 101)],
            (101, 1, "incomplete-date"),
            (101, 1, "missing-title"),
            (102, 1, "missing-title"),
        ]
        summary = bloglist.loads(text).diagnostics[-1].message
        assert summary.startswith("2 more header lines with no post, to line 103;")

    def test_a_bad_date_at_the_100th_line_is_reported(self) -> None:
        """The 100th line is still shown, with its date's problem."""
        text = "Mar 5, 2024\n" * 99 + "Feb 29, 2023\n"
        assert codes(text)[-2:] == [(100, 1, "invalid-date"), (100, 1, "missing-title")]

    def test_a_bad_date_at_the_101st_line_is_counted(self) -> None:
        """Past the 100th line, a header with no post gets no diagnostic of its own."""
        text = "Mar 5, 2024\n" * 100 + "Feb 29, 2023\n"
        assert codes(text)[-2:] == [
            (100, 1, "missing-title"),
            (101, 1, "missing-title"),
        ]
        assert bloglist.loads(text).diagnostics[-1].message.startswith("1 more")

    def test_a_bad_date_past_the_100th_line_that_starts_a_post_is_reported(
        self,
    ) -> None:
        """Held while it could be one more header with no post, then reported."""
        # Dates in a row: a second date starts a header of its own (a date
        # after "sticky" would be the same header's second line).
        text = "Mar 5, 2024\n" * 101 + "\t Feb 29, 2023\n\nT\n\nE\n"
        assert codes(text)[-2:] == [(101, 1, "missing-title"), (102, 3, "invalid-date")]
        assert bloglist.loads(text)[0].title == "T"
        with pytest.raises(ParseError) as raised:
            bloglist.loads(text, strict=True)
        assert (raised.value.lineno, raised.value.code) == (1, "missing-title")

    def test_a_bad_second_line_past_the_100th_that_starts_a_post_is_reported(
        self,
    ) -> None:
        """The date of a pair's second line, held too, then reported at its line."""
        text = "Mar 5\n" * 101 + "sticky\n Feb 29, 2023\nT\n\nE\n"
        assert codes(text)[-4:] == [
            (100, 1, "missing-title"),
            (101, 1, "missing-title"),
            (103, 2, "invalid-date"),
            (104, 1, "missing-blank"),
        ]

    def test_unicode_line_breaks_are_text(self) -> None:
        """What str.splitlines breaks at, and the ASCII separators, break nothing."""
        for brk in ("\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"):
            listing = bloglist.loads(f"sticky{brk}sticky\n\nT{brk}U")
            assert [(p.title, p.excerpt) for p in listing] == [
                (f"sticky{brk}sticky", f"T{brk}U")
            ], repr(brk)
            assert [d.code for d in listing.diagnostics] == []

    def test_sticky_in_other_cases_is_text(self) -> None:
        """``Sticky`` and ``STICKY`` are no marker: a title, a tag line."""
        listing = bloglist.loads("STICKY \n\nE\nSticky\n")
        assert [(p.title, p.excerpt, p.tags, p.sticky) for p in listing] == [
            ("STICKY", "E", ("Sticky",), False)
        ]


class TestRuns:
    def test_a_date_held_back_in_a_run_is_dropped_when_the_run_goes_on(
        self,
    ) -> None:
        """A date with no day, read past HEADERS_SHOWN and held back until a
        post follows, is dropped when another header line comes first: the
        next header's post is not reported with the held date's problem, at
        its own, valid date line."""
        text = "Mar 5, 2025\n" * 100 + "Mar 5\nMar 6, 2025\n\nT\n\nE\n"
        listing = bloglist.loads(text)
        assert [(d.lineno, d.code) for d in listing.diagnostics[-2:]] == [
            (100, "missing-title"),
            (101, "missing-title"),
        ]
        assert listing.diagnostics[-1].message.startswith(
            "1 more header line with no post, to line 101;"
        )
        assert len(listing.diagnostics) == 101
        (post,) = listing
        assert (post.date, post.title, post.lineno) == (
            bloglist.loads("Mar 6, 2025\n\nT\n\nE\n")[0].date,
            "T",
            102,
        )

    def test_a_run_after_a_tag_line_starts_again_after_the_next_post(
        self,
    ) -> None:
        """The count of lines after a tag line starts again with the next
        post: after a long run, counted past EXTRA_SHOWN, the next post's one
        extra line is reported, not counted."""
        text = "\nA\n\nE\nTag\n" + "junk\n" * 101 + "\nB\n\nE\nTag\nmore\n"
        listing = bloglist.loads(text)
        assert [(d.lineno, d.code, d.message) for d in listing.diagnostics[-2:]] == [
            (
                106,
                "extra-line",
                "1 more line after the tag line, to line 106; "
                "a post ends with its tag line",
            ),
            (
                112,
                "extra-line",
                "line 'more' follows the tag line; a post ends with its tag line",
            ),
        ]
        assert [post.title for post in listing] == ["A", "B"]


class TestParser:
    """The parser at a few more edges: the hint of a title with no excerpt
    after a tag line, the file name given to loads, the header cache's
    count, a run of header lines that ends, and the column of the count past
    the limit."""

    @pytest.mark.parametrize(
        ("text", "lineno"),
        [
            ("\nT\n\nE\n\nsticky\n\nT2\n\nE2\nTags\n\nLone\n", 13),
            ("\nT\n\nE\n\nT2\n\nE2\nTags\n\nLone\n", 11),
        ],
    )
    def test_a_title_after_a_tag_line_gets_no_hint_of_an_earlier_post(
        self, text: str, lineno: int
    ) -> None:
        """`Lone` follows a post that ended with its tag line: its missing
        excerpt has no hint that it follows an excerpt and a blank line, as
        the first post (`T`) did, whether a header or a title came between."""
        problems = [(d.lineno, d.message) for d in bloglist.loads(text).diagnostics]
        assert problems == [(lineno, "the post has no excerpt line after its title")]

    @pytest.mark.parametrize(
        ("text", "hinted"),
        [
            # 4,098 characters, a line break included: the longest hinted.
            ("a" * 4093 + ".txt\n", True),
            ("a" * 4094 + ".txt\n", False),
            ("posts.listing", True),
            ("posts.LISTING", True),
        ],
    )
    def test_a_file_name_given_to_loads_is_told_up_to_its_length(
        self, text: str, hinted: bool
    ) -> None:
        (problem,) = bloglist.loads(text).diagnostics
        assert ("looks like a file's name" in problem.message) == hinted

    def test_the_header_cache_starts_over_at_its_count(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Lines that start like a date but are text are remembered, at most
        *cache_size* of them: a set of 50,000 lines is megabytes. (At most
        TEXTS_KEPT of them too, which is lifted here: cache_size bounds
        header and text lines together.)"""
        from bloglist import _parse
        from bloglist._parse import Reporter, parse_lines
        from bloglist._tags import TagSplitter

        monkeypatch.setattr(_parse, "TEXTS_KEPT", 1 << 30)

        lines = [x for n in range(1_000_000, 1_050_000) for x in (str(n), "")]

        def peak(cache_size: int) -> int:
            tracemalloc.start()
            try:
                for _ in parse_lines(
                    iter(lines),
                    TagSplitter(),
                    Reporter(strict=False, limit=0),
                    cache_size=cache_size,
                ):
                    pass
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        assert peak(100) * 4 < peak(len(lines))

    def test_a_header_held_back_in_a_run_is_dropped_when_the_run_ends(self) -> None:
        """The date with no day held back at the end of a long run of header
        lines is reported once, after that run; a later, short run of sticky
        lines says nothing of it."""
        text = "sticky\n" * 100 + "\nMay 2024\n\nT\n\nE\n"
        text += "sticky\nsticky\n\nT2\n\nE2\n"
        problems = [(d.lineno, d.code) for d in bloglist.loads(text).diagnostics]
        assert problems[-3:] == [
            (100, "missing-title"),
            (102, "incomplete-date"),
            (107, "missing-title"),
        ]

    def test_the_count_past_the_limit_starts_at_the_first_counted_column(
        self,
    ) -> None:
        text = "\nT\n\nE\nTag\n" + "  junk\n" * 150
        last = bloglist.loads(text, max_diagnostics=100).diagnostics[-1]
        assert (last.code, last.lineno, last.colno) == ("too-many-diagnostics", 106, 3)


# An indent of each kind of whitespace, before the line at fault.
INDENTS = ["", " ", "\t", "\u3000", "\u00a0", "\x1c", "\x85", " \u2028\x0b\x0c "]

# One text per code (and per summary), with the line at fault marked "@".
EVERY_CODE = {
    "invalid-date": ("@Feb 29, 2023\n\nT\n\nE", "invalid-date"),
    "incomplete-date": ("\nT\n\nE\n@May 2024\n\nU\n\nF", "incomplete-date"),
    "missing-blank before the title": ("sticky\n@T\n\nE", "missing-blank"),
    "missing-blank before the excerpt": ("\nT\n@E", "missing-blank"),
    "missing-title": ("\nT\n\nE\n@sticky", "missing-title"),
    "missing-title summary": (
        "Mar 5, 2024\n" * 100 + "@sticky\n" + "sticky\n" * 5,
        "missing-title",
    ),
    "missing-excerpt": ("Mar 5, 2024\n\n@T\nsticky\n\nU\n\nF", "missing-excerpt"),
    "extra-line": ("\nT\n\nE\nTag\n@x", "extra-line"),
    "extra-line summary": ("\nT\n\nE\nTag\n" + "x\n" * 100 + "@y\nz\n", "extra-line"),
    "duplicate-tag": ("\nT\n\nE\n@DataData", "duplicate-tag"),
    "unread-date": ("\nT\n\nE\n@Tues, Mar 4, 2025", "unread-date"),
    "invisible-tag-line": ("\nT\n\nE\n@\ufeffsticky", "invisible-tag-line"),
}


class TestPositions:
    @pytest.mark.parametrize("indent", INDENTS, ids=repr)
    @pytest.mark.parametrize(("marked", "code"), EVERY_CODE.values(), ids=EVERY_CODE)
    @pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["", "BOM"])
    def test_each_code_points_at_the_first_character_of_its_line(
        self, indent: str, marked: str, code: str, bom: str
    ) -> None:
        """1-based line and column, past the indent, the byte order mark not counted.

        Strict mode raises the first error of the lenient parse; iterload
        gives what loads gives.
        """
        lines = marked.split("\n")
        at = next(n for n, line in enumerate(lines, 1) if line.startswith("@"))
        text = bom + marked.replace("@", indent)
        lenient = bloglist.loads(text)
        found = [d for d in lenient.diagnostics if d.lineno == at]
        assert [(d.code, d.colno) for d in found] == [(code, len(indent) + 1)]
        check_positions(text, lenient)
        check_strict_agrees(text, None, lenient)
        assert outcome(lambda: bloglist.iterload(io.StringIO(text))) == outcome(
            lambda: lenient
        )


class TestQuotedLines:
    @pytest.mark.parametrize("length", [1, 39, 40, 41, 42, 1000])
    def test_a_message_quotes_at_most_40_characters_of_a_line(
        self, length: int
    ) -> None:
        """A line of 40 characters or fewer is quoted whole; a longer one is
        cut to its first 39 and an ellipsis, so a message stays small however
        long the line."""
        line = ("abcdefghij" * 100)[:length]
        [diagnostic] = bloglist.loads(f"\nT\n\nE\nTag\n{line}").diagnostics
        assert diagnostic.code == "extra-line"
        shown = (
            repr(line) if length <= 40 else repr(line[:39]) + "\N{HORIZONTAL ELLIPSIS}"
        )
        assert diagnostic.message.startswith(f"line {shown} follows")


class TestHintsOfLinesThatLookLikeHeaders:
    """An error about a text line that looks like a header it is not ends with
    the likely cause: the sticky marker in another case (docs/format.md, "The
    sticky marker"), or a date in a form date lines do not take ("Cleaning a
    real scrape")."""

    MARKER = " (the sticky marker is 'sticky', in lower case)"
    DATE = " (it holds a date in a form date lines do not take)"
    SPACED = (
        " (it holds a no-break space where a date line has a space: with"
        " spaces, it is a date line)"
    )
    HIDDEN = (
        " (it holds a character no screen shows, such as U+200B: without it,"
        " it is a date line)"
    )
    HEADER = " (a header line follows it, and starts the next post)"
    BOM = (
        " (it starts with a byte order mark, U+FEFF, which only the start of the"
        " text may hold: files joined with cat keep each one's)"
    )
    # A date line but for the mark: the next post's date, which says so.
    BOM_DATE = BOM[:-1] + "; without the mark, it is a date line)"
    LOOSE = (
        " (it follows an excerpt and a blank line: a tag line follows its"
        " excerpt directly)"
    )

    @pytest.mark.parametrize(
        ("line", "hint"),
        [
            ("STICKY", MARKER),
            ("Sticky", MARKER),
            ("sTiCkY", MARKER),
            ("  Sticky\t", MARKER),
            ("Sticky post", ""),
            ("Stickyy", ""),
            ("Tues, Mar 4, 2025", DATE),
            ("Mar 24, 2025 at 10:30 am", DATE),
            ("2025-03-20T09:00:00Z", DATE),
            ("PyCon 2025", ""),
            ("Junk", ""),
            # files joined (`cat a.txt b.txt`), each starting with its mark
            ("\ufeffJan 2, 2020", BOM_DATE),
            ("\ufeff  Mar 5th, 2025 ", BOM_DATE),
            ("\ufeffReleased Jan 2, 2020", BOM),  # a date, but no date line
            ("\ufeffsticky", BOM),
            ("\ufeff", BOM),
            ("Jan\ufeff 2, 2020", HIDDEN),  # a mark inside: no screen shows it
            # a browser's copy of `Mar&nbsp;25`: a date line but for that
            ("Mar\N{NO-BREAK SPACE}25, 2025", SPACED),
            ("Mar 25,\N{NARROW NO-BREAK SPACE}2025", SPACED),
            ("25\N{FIGURE SPACE}March 2025", SPACED),
            ("Tues,\N{NO-BREAK SPACE}Mar 4, 2025", DATE),  # not a date line with spaces
            ("Mar\N{NO-BREAK SPACE}25, 2025 at 10:30 am", DATE),
        ],
    )
    def test_an_extra_line(self, line: str, hint: str) -> None:
        text = f"Mar 5, 2025\n\nT\n\nE\nNews\n{line}\n"
        expected = (
            f"line {line.strip()!r} follows the tag line; "
            f"a post ends with its tag line{hint}"
        )
        for read in (bloglist.loads, _streamed):
            [diagnostic] = read(text).diagnostics
            assert (diagnostic.code, diagnostic.message) == ("extra-line", expected)
        with pytest.raises(ParseError) as raised:
            bloglist.loads(text, strict=True)
        assert raised.value.msg == expected

    @pytest.mark.parametrize(
        ("text", "hint"),
        [
            # the title before a header, and at the end of the input
            ("STICKY\nMar 3, 2025\n\nT\n\nE\n", MARKER),
            ("\nT\n\nE\n\nSticky\n", MARKER),
            ("Pinned\nMar 3, 2025\n\nT\n\nE\n", HEADER),
            ("T\nsticky\n\nU\n\nE\n", HEADER),
            ("\nT\n\nMar 3, 2025\n\nU\n\nE\n", HEADER),
            ("\nT\n\nE\nTag\n\nSticky note\n", ""),
            # a double-spaced copy: a blank line before each tag line
            ("\nT\n\nE\n\nSticky note\n", LOOSE),
            ("Mar 5, 2025\n\nT\n\nE\n\n\nDataWeb\nMar 4, 2025\n\nU\n\nF\nX\n", LOOSE),
        ],
    )
    def test_a_title_with_no_excerpt(self, text: str, hint: str) -> None:
        expected = "the post has no excerpt line after its title" + hint
        for read in (bloglist.loads, _streamed):
            [diagnostic] = read(text).diagnostics
            assert (diagnostic.code, diagnostic.message) == (
                "missing-excerpt",
                expected,
            )

    @pytest.mark.parametrize(
        ("line", "hint"),
        [
            ("Mar\N{NO-BREAK SPACE}25, 2025", SPACED),
            ("\ufeffMar 25, 2025", BOM),
            ("Mar 25, 2025 10:00", DATE),
            ("1/2/2025", DATE),
            ("1/2/202", ""),
            ("Mar 25 news", ""),
        ],
    )
    def test_a_title_right_after_its_header(self, line: str, hint: str) -> None:
        """A header, then with no blank line a text line that holds a date:
        the date is likely meant as the header's (a no-break space in it)."""
        text = f"sticky\n{line}\n\nTitle\n\nExcerpt\n"
        expected = "expected a blank line before the title" + hint
        for read in (bloglist.loads, _streamed):
            first = read(text).diagnostics[0]
            assert (first.lineno, first.code, first.message) == (
                2,
                "missing-blank",
                expected,
            )

    @given(st.text(alphabet="0123456789/-. ,MayMarchSeptemberth", max_size=7))
    def test_no_date_held_is_shorter_than_8_characters(self, line: str) -> None:
        """The parser asks holds_date only of a title of 8 characters or
        more (1/2/2025): no shorter line holds a date it finds."""
        assert not holds_date(line)

    def test_a_dated_tag_line_that_starts_with_a_byte_order_mark(self) -> None:
        """Two files joined, the second starting with its byte order mark
        and a date line, the first ending with an excerpt: the date line is
        read as the tag line, and the warning says what starts it."""
        text = "Jan 1, 2020\n\nT\n\nE\n\ufeffJan 2, 2020\n\nU\n\nF\n"
        expected = (
            "tag line '\\ufeffJan 2, 2020' holds a date, but is not a date line;"
            " it is read as tags, and no post gets the date" + self.BOM_DATE
        )
        for read in (bloglist.loads, _streamed):
            [diagnostic] = read(text).diagnostics
            assert (diagnostic.lineno, diagnostic.code, diagnostic.message) == (
                6,
                "unread-date",
                expected,
            )

    def test_a_tag_line_that_reads_sticky_is_a_tag_as_before(self) -> None:
        """The marker stays case-sensitive: after an excerpt, ``Sticky`` is a
        tag, with no diagnostic (a category may be named so)."""
        listing = bloglist.loads("\nT\n\nE\nSticky\n")
        assert [(p.tags, p.sticky) for p in listing] == [(("Sticky",), False)]
        assert listing.diagnostics == ()


def test_a_mark_inside_a_dated_tag_line_is_not_said_to_start_it() -> None:
    """A byte order mark inside a tag line that holds a date, not at its
    start: the warning has no hint of files joined with cat, but says that
    without it the line is a date line, as of any format character."""
    [found] = bloglist.loads("Jan 1, 2020\n\nT\n\nE\nJan\ufeff 2, 2020\n").diagnostics
    assert found.code == "unread-date"
    assert found.message == (
        "tag line 'Jan\\ufeff 2, 2020' holds a date, but is not a date line;"
        " it is read as tags, and no post gets the date"
        + TestHintsOfLinesThatLookLikeHeaders.HIDDEN
    )


class TestDatesInTagLines:
    """A tag line that holds a date the format does not read: a warning,
    ``unread-date`` (docs/format.md, "Dates in a tag line")."""

    def test_the_review_case(self) -> None:
        """After a post with no tag line, a weekday-first date is that post's
        tag line, and the next post has no date: valid text, so a warning."""
        text = "Mar 5, 2025\n\nFirst post\n\nOne.\nTues, Mar 4, 2025\n\nSecond post\n\nTwo.\n"
        listing = bloglist.loads(text)
        assert [(p.title, p.date, p.tags) for p in listing] == [
            ("First post", datetime.date(2025, 3, 5), ("Tues, Mar 4, 2025",)),
            ("Second post", None, ()),
        ]
        assert [str(d) for d in listing.diagnostics] == [
            "tag line 'Tues, Mar 4, 2025' holds a date, but is not a date line; "
            "it is read as tags, and no post gets the date (at line 6, column 1)"
        ]
        assert listing.diagnostics[0].severity == "warning"
        assert bloglist.loads(text, strict=True).diagnostics == listing.diagnostics

    @pytest.mark.parametrize("line", SCRAPED_DATES)
    def test_each_scraped_date_warns_where_it_is_a_tag_line(self, line: str) -> None:
        """After an untagged post, a warning; after a tagged one, the
        extra-line error it was, and no warning besides. The message quotes
        the line as the other messages do (repr: odd characters escaped)."""
        untagged = bloglist.loads(f"\nA\n\nB\n{line}\n\nT\n\nE\n")
        assert [d.code for d in untagged.diagnostics] == ["unread-date"]
        assert repr(line.strip()) in untagged.diagnostics[0].message
        assert untagged[0].tags == (line.strip(),)
        tagged = bloglist.loads(f"\nA\n\nB\nNews\n{line}\n\nT\n\nE\n")
        assert [d.code for d in tagged.diagnostics] == ["extra-line"]

    @pytest.mark.parametrize(
        ("line", "spaced"),
        [
            ("Mar\N{NO-BREAK SPACE}25, 2025", True),
            ("Mar\u202f20,\u202f2025", True),
            ("Tues,\N{NO-BREAK SPACE}Mar 4, 2025", False),
            ("Feb\N{NO-BREAK SPACE}30, 2024", False),  # spaced, no date either
            ("Mar 24, 2025 at 10:30 am", False),
        ],
    )
    def test_a_date_line_but_for_its_no_break_spaces_says_so(
        self, line: str, spaced: bool
    ) -> None:
        """A browser's copy of `Mar&nbsp;25, 2025` looks like a date line:
        the warning says what keeps it from being one."""
        [warning] = bloglist.loads(f"\nA\n\nB\n{line}\n").diagnostics
        assert (
            warning.message.endswith(
                "(it holds a no-break space where a date line has a space: with "
                "spaces, it is a date line)"
            )
            is spaced
        )
        assert warning.message.endswith("no post gets the date") is not spaced

    @pytest.mark.parametrize(
        ("line", "hidden"),
        [
            ("Mar 25, 2025\u200b", True),
            ("\u2060Mar 25, 2025", True),
            ("\u200fMar 25,\u200b 2025", True),
            ("Mar 25, 2025\N{SOFT HYPHEN}", True),
            ("Mar\N{NO-BREAK SPACE}25, 2025\u200b", True),
            ("Tues, Mar 4, 2025\u200b", False),  # no date line without it either
            ("Feb 30, 2024\u200b", False),
        ],
    )
    def test_a_date_line_but_for_a_character_no_screen_shows_says_so(
        self, line: str, hidden: bool
    ) -> None:
        """A date line with a zero-width space in it looks like a date line:
        each message about it says what keeps it from being one, not that
        its form is wrong (docs/format.md, "Diagnostics")."""
        hints = TestHintsOfLinesThatLookLikeHeaders
        texts = {
            "unread-date": f"\nA\n\nB\n{line}\n",  # a tag line
            "extra-line": f"\nA\n\nB\nData\n{line}\n",
            "missing-blank": f"sticky\n{line}\n\nTitle\n\nExcerpt\n",  # a title
        }
        for code, text in texts.items():
            [found] = [d for d in bloglist.loads(text).diagnostics if d.code == code]
            assert found.message.endswith(hints.HIDDEN) is hidden, (code, found)
            assert found.message.endswith(hints.DATE) is (
                code != "unread-date" and not hidden
            ), (code, found)
        title = f"Mar 24, 2025\n\nA\n\nx\n\n{line}\n\nTitle\n\nExcerpt\n"
        [warning] = [
            d for d in bloglist.loads(title).diagnostics if d.code == "unread-date"
        ]
        assert warning.lineno == 7
        assert warning.message == (_HIDDEN_TITLE if hidden else _DATED_TITLE)

    @pytest.mark.parametrize("line", CATEGORY_NAMES)
    def test_no_category_name_warns(self, line: str) -> None:
        assert bloglist.loads(f"\nA\n\nB\n{line}\n").diagnostics == ()

    def test_before_a_repeated_tag_of_the_same_line(self) -> None:
        """One line, both warnings: the date first, at the same place."""
        listing = bloglist.loads("\nT\n\nE\n  Mar 1, 2025xAaAa\n")
        assert listing[0].tags == ("Mar 1, 2025x", "Aa", "Aa")
        assert [(d.code, d.lineno, d.colno) for d in listing.diagnostics] == [
            ("unread-date", 5, 3),
            ("duplicate-tag", 5, 3),
        ]
        text = "\nT\n\nE\n  Mar 1, 2025xAaAa\n"
        assert listing.diagnostics == parse_oracle.loads(text).diagnostics
        limited = bloglist.loads(text, max_diagnostics=1).diagnostics
        assert [d.code for d in limited] == ["unread-date", "too-many-diagnostics"]

    def test_a_line_seen_again_warns_again_and_is_tested_once(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The answer is cached with the line's tags: a line met again costs
        no test, and still warns; a line of letters and spaces alone is never
        tested. (The titles of posts with no header are asked too, each time,
        until one holds a date: none does here.)"""
        from bloglist import _parse

        asked: list[str] = []

        def counted(line: str) -> bool:
            asked.append(line)
            return holds_date(line)

        monkeypatch.setattr(_parse, "holds_date", counted)
        text = "\nT\n\nE\n2025/03/25\n" * 3 + "\nT\n\nE\nNewsData\n" * 2
        reads: list[Callable[[], Listing]] = [
            lambda: bloglist.loads(text),
            lambda: bloglist.load(io.BytesIO(text.encode())),
            lambda: _streamed(text),
        ]
        for read in reads:
            asked.clear()
            listing = read()
            assert [line for line in asked if line != "T"] == ["2025/03/25"]
            assert asked.count("T") == 5
            assert [(d.code, d.lineno) for d in listing.diagnostics] == [
                ("unread-date", 5),
                ("unread-date", 10),
                ("unread-date", 15),
            ]

    def test_iterload_gives_it_before_its_post(self) -> None:
        text = "\nOne\n\nFirst\n25-03-2025\n\nTwo\n\nSecond\n"
        found = list(bloglist.iterload(io.StringIO(text)))
        assert [type(x).__name__ for x in found] == ["Diagnostic", "Post", "Post"]
        assert bloglist.loads(text).diagnostics == (found[0],)

    def test_counted_past_the_limit_as_a_warning(self) -> None:
        text = "\nT\n\nE\n2025/03/25\n" * 3
        listing = bloglist.loads(text, max_diagnostics=1)
        assert [(d.code, d.severity) for d in listing.diagnostics] == [
            ("unread-date", "warning"),
            ("too-many-diagnostics", "warning"),
        ]
        strict = bloglist.loads(text, strict=True, max_diagnostics=0)
        assert [d.code for d in strict.diagnostics] == ["too-many-diagnostics"]


def tag_line_codes(line: str) -> list[str]:
    """The diagnostic codes of *line* in a tag line's place."""
    listing = bloglist.loads(f"Mar 5, 2025\n\nFirst\n\nOne.\n{line}\n")
    assert [post.tags for post in listing] == [(line,)]
    return [d.code for d in listing.diagnostics]


class TestHeldDatesBounds:
    """docs/format.md, "Dates in a tag line": after a year, a month 1 to 12
    and a day 1 to 31; numbers of ASCII digits, none part of a longer
    number. A date written before a year that runs into a longer number
    holds no date, even while another year stands elsewhere in the line."""

    @pytest.mark.parametrize("sep", ["/", ".", "-"])
    def test_a_year_first_day_is_1_to_31(self, sep: str) -> None:
        for day in range(100):
            for spelled in {str(day), f"{day:02d}"}:
                line = f"Build 2025{sep}03{sep}{spelled}"
                held = ["unread-date"] if 1 <= day <= 31 else []
                assert tag_line_codes(line) == held, line

    @pytest.mark.parametrize("form", ["Updated Mar {}, 2025", "updated {}-03-2025"])
    def test_a_day_after_the_month_word_or_first_is_1_to_31(self, form: str) -> None:
        for day in range(100):
            for spelled in {str(day), f"{day:02d}"}:
                line = form.format(spelled)
                held = ["unread-date"] if 1 <= day <= 31 else []
                assert tag_line_codes(line) == held, line

    @pytest.mark.parametrize("line", ["2025/03/311", "2025/03/310", "2025.12.011"])
    def test_a_year_first_day_in_a_longer_number(self, line: str) -> None:
        assert tag_line_codes(line) == []
        assert tag_line_codes(line[:-1]) == ["unread-date"]  # the day alone

    @pytest.mark.parametrize(
        ("line", "date_alone"),
        [
            ("125-03-2025", "25-03-2025"),
            ("Build 125-03-2025", "Build 25-03-2025"),
            ("203.02.2025", "03.02.2025"),
            ("331/12/2025", "31/12/2025"),
        ],
    )
    def test_a_day_first_date_in_a_longer_number(
        self, line: str, date_alone: str
    ) -> None:
        """Its first number run into from before: no date; without the digit
        that runs into it, a date."""
        assert tag_line_codes(line) == []
        assert tag_line_codes(date_alone) == ["unread-date"]

    @pytest.mark.parametrize(
        "line",
        [
            "Posted Mar 4, 20251",
            "Posted 4 Mar 20251",
            "Posted 4th March, 20259 words",
            "Posted 25-03-20251",
            "Posted Mar 4, 20251, updated 2024",
            "Posted 4 Mar 20251 (archived 2024)",
            "Posted 25-03-20251 of 2024",
        ],
    )
    def test_a_year_in_a_longer_number_after_the_day(self, line: str) -> None:
        """With or without a year elsewhere in the line."""
        assert tag_line_codes(line) == []
        four = line.replace("2025", "2025 ", 1)  # the same year, on its own
        assert tag_line_codes(four) == ["unread-date"]


_DATED_TITLE = (
    "the title holds a date, but is not a date line, so the post has no date; "
    "if it is the post's date, write it as a date line such as 'Mar 4, 2025' "
    "(only the first such title is reported)"
)
# The same, for a title that is a date line but for its no-break spaces.
_SPACED_TITLE = (
    "the title holds a date, but is not a date line, so the post has no date; "
    "it holds a no-break space where a date line has a space (only the first "
    "such title is reported)"
)


# The same, for a title that is a date line but for a character no screen
# shows.
_HIDDEN_TITLE = (
    "the title holds a date, but is not a date line, so the post has no date; "
    "it holds a character no screen shows, such as U+200B: without it, it is "
    "a date line (only the first such title is reported)"
)


class TestDatesInTitles:
    """A post with no header whose title holds a date: the date line of a
    scrape in a form the format does not read, taken for the title, and the
    post's lines shifted by it. A warning, ``unread-date``, at the title, for
    the first such title of the first 1,000 titles of posts with no header
    (docs/format.md, "Dates in a title")."""

    # (A byte order mark at the start of the text is dropped: the date after
    # it is a date line there.)
    @pytest.mark.parametrize(
        "line", [line for line in SCRAPED_DATES if not line.startswith("\ufeff")]
    )
    def test_a_scraped_date_on_the_first_line_warns_there(self, line: str) -> None:
        text = f"{line}\n\nFirst\n\nOne.\nNews\n"
        for listing in (bloglist.loads(text), _streamed(text)):
            first = listing.diagnostics[0]
            assert (first.lineno, first.severity, first.code, first.message) == (
                1,
                "warning",
                "unread-date",
                _SPACED_TITLE
                if "\N{NO-BREAK SPACE}" in line or "\u202f" in line
                else _DATED_TITLE,
            )
        # A warning: strict mode raises at the first error, on a later line.
        with pytest.raises(ParseError) as caught:
            bloglist.loads(text, strict=True)
        assert caught.value.lineno > 1
        assert_every_reader_agrees(text, pieces=(1 << 16,))

    def test_a_blogger_page_warns_once(self) -> None:
        """Every post's date in the same form: the first title tells it."""
        text = (
            "Tuesday, March 25, 2025\n\nFirst\n\nE1\n"
            "Friday, February 14, 2025\n\nSecond\n\nE2\n"
            "\nMonday, January 6, 2025\n\nThird\n\nE3\n"
        )
        listing = bloglist.loads(text)
        warnings = [d for d in listing.diagnostics if d.severity == "warning"]
        assert [(d.lineno, d.code) for d in warnings] == [(1, "unread-date")]
        assert_every_reader_agrees(text, pieces=(1, 1 << 16))

    @pytest.mark.parametrize("name", CATEGORY_NAMES)
    def test_a_title_with_a_number_in_it_is_not_a_date(self, name: str) -> None:
        text = f"{name}\n\nOne.\n"
        assert bloglist.loads(text).diagnostics == ()

    def test_a_dated_posts_title_is_not_asked(self) -> None:
        """After a header, the post has its date: its title may name another."""
        text = "Mar 4, 2025\n\nTues, Mar 4, 2025\n\nOne.\n"
        listing = bloglist.loads(text)
        assert listing.diagnostics == ()
        assert listing[0].title == "Tues, Mar 4, 2025"

    @pytest.mark.parametrize(("width", "warns"), [(63, True), (64, True), (65, False)])
    def test_a_title_longer_than_a_date_line_is_not_asked(
        self, width: int, warns: bool
    ) -> None:
        title = "Tues, Mar 4, 2025".ljust(width, "x")
        assert len(title) == width
        codes = [d.code for d in bloglist.loads(f"{title}\n\nOne.\n").diagnostics]
        assert codes == (["unread-date"] if warns else [])

    @pytest.mark.parametrize(
        ("before", "warns"), [(0, True), (999, True), (1000, False)]
    )
    def test_the_first_thousand_titles_are_asked(
        self, before: int, warns: bool
    ) -> None:
        """Titles past the 1,000th of posts with no header are not asked (nor
        those longer than 64 characters, which are not counted)."""
        text = (
            "\nLong " + "x" * 64 + "\n\nOne.\n"
            + "".join(f"\nT{i}\n\nOne.\n" for i in range(before))
            + "\nTues, Mar 4, 2025\n\nOne.\n"
        )  # fmt: skip
        listing = bloglist.loads(text)
        assert len(listing) == before + 2
        codes = [d.code for d in listing.diagnostics]
        assert codes == (["unread-date"] if warns else [])
        if warns:
            assert listing.diagnostics[0].lineno == text.count("\n") - 2
        assert [d.code for d in _streamed(text).diagnostics] == codes

    def test_past_the_limit_it_is_counted(self) -> None:
        """Past ``max_diagnostics`` the warning is counted in the summary, at
        its line, as every other problem is."""
        text = "Tues, Mar 4, 2025\n\nFirst\n\nOne.\nNews\n"
        listing = bloglist.loads(text, max_diagnostics=0)
        (summary,) = listing.diagnostics
        assert (summary.code, summary.lineno) == ("too-many-diagnostics", 1)
        assert summary.message.startswith("2 more diagnostics (1 error, 1 warning)")

    def test_the_count_starts_again_with_each_parse(self) -> None:
        text = "".join(f"\nT{i}\n\nOne.\n" for i in range(999))
        dated = text + "\nTues, Mar 4, 2025\n\nOne.\n"
        bloglist.loads(text)
        assert [d.code for d in bloglist.loads(dated).diagnostics] == ["unread-date"]


class TestTagLinesThatEndAsText:
    """A tag line that ends with a cut mark or a link's arrow: a warning,
    ``text-tag-line``, naming the end (docs/format.md, "Tag lines")."""

    @pytest.mark.parametrize("end", ["[…]", "[...]", "…", "...", "»", "→"])
    def test_each_end_is_named(self, end: str) -> None:
        line = f"rebuild it all {end}"
        text = f"\nT\n\nLast spring we had to\n{line}\n"
        for listing in (bloglist.loads(text), _streamed(text)):
            assert listing[0].tags == (line,)  # kept: nothing is lost
            (warning,) = listing.diagnostics
            assert (warning.lineno, warning.colno, warning.severity, warning.code) == (
                5,
                1,
                "warning",
                "text-tag-line",
            )
            assert warning.message == (
                f"tag line {line!r} ends with {end!r}, as an excerpt or a link "
                "does, not as category names; it is read as tags (the second "
                "line of an excerpt, or a 'Read more' link?)"
            )
        # A warning: a strict parse keeps it and raises nothing.
        assert bloglist.loads(text, strict=True).diagnostics == listing.diagnostics
        assert_every_reader_agrees(text, pieces=(1, 1 << 16))

    @pytest.mark.parametrize(
        "line",
        [
            "NewsData",
            "Data Science",
            "C++",
            "Web3",
            "Q&A",
            "Read More",
            "…Data",
            "A » B",
        ],
    )
    def test_names_and_marks_inside_a_line_are_not_text(self, line: str) -> None:
        assert bloglist.loads(f"\nT\n\nE\n{line}\n").diagnostics == ()

    def test_a_line_seen_again_warns_again(self) -> None:
        """The note is cached with the line's tags, and each line warns."""
        text = "\nT\n\nE\nRead more »\n" * 3
        assert [(d.lineno, d.code) for d in bloglist.loads(text).diagnostics] == [
            (5, "text-tag-line"),
            (10, "text-tag-line"),
            (15, "text-tag-line"),
        ]

    def test_with_a_date_and_a_repeat_the_three_come_in_order(self) -> None:
        text = "\nT\n\nE\nMar 4, 2025 xNewsNewsNews …\n"
        codes = [d.code for d in bloglist.loads(text).diagnostics]
        assert codes == ["unread-date", "text-tag-line", "duplicate-tag"]
        assert_every_reader_agrees(text, pieces=(1 << 16,))


class TestTextTagLineEnds:
    """docs/format.md, "Tag lines": a tag line that ends with a cut mark or
    a link's arrow (``»``, ``→``) gets a ``text-tag-line`` warning."""

    @pytest.mark.parametrize(
        "line", ["Read more »", "Continue →", "Next →", "So it goes…", "More [...]"]
    )
    def test_each_end(self, line: str) -> None:
        assert tag_line_codes(line) == ["text-tag-line"]


def test_a_tag_line_that_holds_a_date_and_ends_like_text_is_warned_of_both() -> None:
    """A weekday date line the format does not read, taken for a tag line,
    with a text's last mark: both warnings, at the line."""
    listing = bloglist.loads(
        "\nT\n\nE\nTues, Mar 4, 2025 \N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
    )
    assert [(d.code, d.lineno) for d in listing.diagnostics] == [
        ("unread-date", 5),
        ("text-tag-line", 5),
    ]


def _streamed(text: str) -> Listing:
    """What iterload gives for *text*, as a listing."""
    items = list(bloglist.iterload(io.StringIO(text)))
    return Listing(
        [x for x in items if isinstance(x, Post)],
        diagnostics=[x for x in items if isinstance(x, Diagnostic)],
    )


class TestLinesThatAreNotWhatTheyLook:
    """A line that starts with a byte order mark (files joined with cat, the
    second saved with one) or holds only characters no screen shows (U+200B,
    U+2060, left by a browser's copy) is not blank and not a header: where it
    stands, a warning or the error's hint says so (docs/format.md, "Lines that
    are not what they look")."""

    def test_a_joined_files_marked_header_read_as_tags_is_a_warning(self) -> None:
        """`cat a.txt b.txt`: b.txt's first line, `sticky` after a byte order
        mark, is a.txt's last post's tag line, and b.txt's post is not
        sticky; the warning says so."""
        first = "Mar 21, 2025\n\nA\n\na\n"
        second = "\ufeffsticky\nMar 20, 2025\n\nB\n\nb\n"
        listing = bloglist.loads(first + second)
        assert [(post.title, post.tags, post.sticky) for post in listing] == [
            ("A", ("\ufeffsticky",), False),
            ("B", (), False),
        ]
        [warning] = listing.diagnostics
        assert (warning.lineno, warning.colno, warning.code, warning.severity) == (
            6,
            1,
            "invisible-tag-line",
            "warning",
        )
        assert warning.message == (
            "tag line '\\ufeffsticky' starts with a byte order mark, U+FEFF, which "
            "only the start of the text may hold (files joined with cat keep each "
            "one's); it is read as tags; without the mark it is a header line, of "
            "the next post"
        )
        # Read as pages, each file's mark is its own start: nothing to say.
        pages = [*bloglist.loads(first), *bloglist.loads(second)]
        assert [post.sticky for post in pages] == [False, True]

    @pytest.mark.parametrize(
        ("line", "header"),
        [
            ("\ufeffMarketing", False),
            ("\ufeff", False),
            ("\ufeff  sticky", True),
            ("\ufeffMarch Update", False),
            ("\ufeffMay 2024", True),  # a header line, with its own problem
        ],
        ids=repr,
    )
    def test_a_tag_line_after_a_byte_order_mark_is_a_warning(
        self, line: str, header: bool
    ) -> None:
        listing = bloglist.loads(f"\nT\n\nE\n{line}\n")
        assert listing[0].tags == (line,)
        [warning] = listing.diagnostics
        assert warning.code == "invisible-tag-line"
        said = warning.message
        assert said.startswith(f"tag line {line!r} starts with a byte order mark")
        assert said.endswith("of the next post") is header

    def test_a_tag_line_with_a_date_after_the_mark_is_warned_about_once(self) -> None:
        """The date's warning says the mark, as before: no second warning."""
        listing = bloglist.loads("\nT\n\nE\n\ufeffTues, Mar 4, 2025\n")
        assert [d.code for d in listing.diagnostics] == ["unread-date"]
        assert "byte order mark" in listing.diagnostics[0].message

    @pytest.mark.parametrize(
        ("line", "named"),
        [
            ("\u200b", "U+200B"),
            ("\u00ad", "U+00AD"),  # the first character the test looks for
            ("\u2060\u200b\u2060", "U+200B, U+2060"),
            ("\u200d\u200c\u200b", "U+200B, U+200C, U+200D"),
            ("\u200d\u200c\u200b\u2060", "U+200B, U+200C, U+200D, ..."),
            ("\u200d\u200c\u200b\u00ad\u2060", "U+00AD, U+200B, U+200C, ..."),
        ],
        ids=repr,
    )
    def test_a_tag_line_no_screen_shows_is_a_warning(
        self, line: str, named: str
    ) -> None:
        listing = bloglist.loads(f"Mar 26, 2025\n\nFirst\n\nOne.\n{line}\n")
        assert listing[0].tags == (line,)
        [warning] = listing.diagnostics
        assert (warning.lineno, warning.code) == (6, "invisible-tag-line")
        assert warning.message == (
            f"tag line {line!r} holds only characters no screen shows ({named}); "
            "it is read as tags (a blank line, as the page showed it?)"
        )

    @pytest.mark.parametrize(
        "line",
        ["\u200bData", "Data\u200b", "\u200e\u05d7\u05d3\u05e9\u05d5\u05ea", "\u00a0x"],
        ids=repr,
    )
    def test_a_tag_line_with_something_to_see_is_not_warned_about(
        self, line: str
    ) -> None:
        """Only a line that starts with the mark, or shows nothing at all."""
        assert bloglist.loads(f"\nT\n\nE\n{line}\n").diagnostics == ()

    @pytest.mark.parametrize(
        ("text", "hint"),
        [
            ("Mar 26, 2025\n\u200b\nFirst\n\nOne.\n", "holds only characters"),
            ("Mar 26, 2025\n\ufeffFirst\n\nOne.\n", "byte order mark"),
            ("Mar 26, 2025\n\ufeffTues, Mar 4, 2025\n\nOne.\n", "byte order mark"),
            ("Mar 26, 2025\nTues, Mar 4, 2025\n\nOne.\n", "a date in a form"),
            ("Mar 26, 2025\n\u200bFirst\n\nOne.\n", None),
            ("\nFirst\n\u2060\nOne.\n", "holds only characters"),
            ("\nFirst\n\ufeffOne.\n", "byte order mark"),
            ("\nFirst\n\u200bOne.\n", None),
        ],
        ids=repr,
    )
    def test_a_missing_blank_error_says_what_the_line_holds(
        self, text: str, hint: str | None
    ) -> None:
        """Where a blank line belongs, a line that looks blank, or starts
        with the mark, is an error whose message says why."""
        first = bloglist.loads(text).diagnostics[0]
        assert (first.lineno, first.code) == (
            2 if text[0] != "\n" else 3,
            "missing-blank",
        )
        if hint is None:
            assert "(" not in first.message
        else:
            assert hint in first.message
        check_strict_agrees(text, None, bloglist.loads(text))
