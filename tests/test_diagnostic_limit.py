"""A parse's limit on diagnostics: the first max_diagnostics one by one, the rest counted in one.

The oracle is the same parse with no limit: a limited parse must give its
posts, the first diagnostics of its list, and one diagnostic that stands at the
first of the others, counts them, names the last line they cover and is an
error if any of them is.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import example, given
from hypothesis import strategies as st

import bloglist
from bloglist import Diagnostic, Listing, ParseError
from bloglist._parse import problem_counts
from invariants import check_nothing_lost, reported_lines
from test_cli import status_of
from test_properties import KNOWN, TEXTS, header_runs

# Lines that each make a problem of their own in most places: header lines
# with and without a date problem, titles with no blank line or excerpt,
# tag lines with a repeated tag (a warning), lines after a tag line.
PROBLEM_LINES = st.sampled_from(
    ["sticky", "Mar 5", "Feb 30, 2024", "Mar 5, 2024", "T", "", "", "DataDATA", "junk"]
)
PROBLEM_TEXTS = st.one_of(
    st.lists(PROBLEM_LINES, max_size=60).map("\n".join),
    TEXTS,
    header_runs(),
)

# The line the limit's diagnostic names as the last it covers.
_LAST = re.compile(r"\), from here to line (\d+), ")


def limits(count: int) -> list[int | None]:
    """The limits at the edges for a parse of *count* diagnostics."""
    edges = {0, 1, count - 1, count, count + 1, 2 * count, sys.maxsize + 1}
    return [None, *sorted(n for n in edges if n >= 0)]


def expected(whole: Listing, limit: int | None) -> list[tuple[object, ...]]:
    """What a parse with *limit* reports, from the unlimited parse *whole*."""
    shown: list[tuple[object, ...]] = [
        (d.lineno, d.colno, d.severity, d.code, d.message) for d in whole.diagnostics
    ]
    if limit is None or len(shown) <= limit:
        return shown
    rest = whole.diagnostics[limit:]
    errors = sum(d.severity == "error" for d in rest)
    counted = (
        rest[0].lineno,
        rest[0].colno,
        "error" if errors else "warning",
        "too-many-diagnostics",
        (len(rest), errors, len(rest) - errors),
        max(reported_lines(Listing(diagnostics=rest))),
    )
    return [*shown[:limit], counted]


def shape(listing: Listing) -> list[tuple[object, ...]]:
    """The diagnostics of *listing*, the limit's one by what its message says."""
    found: list[tuple[object, ...]] = []
    for d in listing.diagnostics:
        if d.code == "too-many-diagnostics":
            count = re.match(
                r"(\d+) more diagnostics? \((\d+) errors?, (\d+) warnings?\), ",
                d.message,
            )
            last = _LAST.search(d.message)
            assert count is not None, d.message
            assert last is not None, d.message
            counted = (
                d.lineno,
                d.colno,
                d.severity,
                d.code,
                (int(count[1]), int(count[2]), int(count[3])),
                int(last[1]),
            )
            found.append(counted)
        else:
            found.append((d.lineno, d.colno, d.severity, d.code, d.message))
    return found


def check_limits(text: str, tags: list[str] | None) -> None:
    """*text* parsed with each limit at the edges, against the parse with none."""
    whole = bloglist.loads(text, known_tags=tags, max_diagnostics=None)
    for limit in limits(len(whole.diagnostics)):
        listing = bloglist.loads(text, known_tags=tags, max_diagnostics=limit)
        assert list(listing) == list(whole), limit
        assert [p.lineno for p in listing] == [p.lineno for p in whole]
        assert shape(listing) == expected(whole, limit), limit
        check_nothing_lost(text, listing)
        # What the command counts (check's summary, diff's errors): every
        # problem of the whole, those a count stands for included.
        counted = [problem_counts(d) for d in listing.diagnostics]
        assert [sum(c[0] for c in counted), sum(c[1] for c in counted)] == [
            sum(d.severity == "error" for d in whole.diagnostics),
            sum(d.severity == "warning" for d in whole.diagnostics),
        ], limit


# A text for each place the parser reports a problem, so that each is
# passed the limit at every run.
EVERY_PATH = [
    "Mar 5\nT\n" * 3,  # no year; no blank before the title; no excerpt
    "\nT\nE\n" * 3,  # no blank before the excerpt
    "sticky\nMay 2024\n\nT\n\nE\n" * 3,  # a header's second line, no day
    "sticky\nMay 2024\n" * 3,  # headers of two lines with no post
    "\nT\n\nE\nDataDATA\n" * 3,  # warnings
    "\nT\n\nE\nTag\n" + "junk\n" * 103,  # a counted run, then a blank line
    "\nT\n\nE\nTag\n" + "junk\n" * 103 + "junk",  # a counted run, to the end
    "\nT\n\nE\nTag\n" + "junk\n" * 103 + "Mar 5, 2024\n\nU\n\nF\n",  # a header
    "\nT\n\nE\nTag\n" + "junk\n" * 103 + "\n\nU\n\nF\n",  # ended by a blank
    "sticky\n" * 103,  # a counted run of headers, to the end
    "sticky\n" * 103 + "\nMay 2024\n\nTitle\n\nExcerpt\n",  # ended by a post
    "sticky\n" * 103 + "sticky\nMar 5\n\nT\n\nE\n",  # two-line header ends it
    # Errors the parser counts itself past the limit (Reporter.counting):
    # ended by a title with no excerpt, the last line counted; after a
    # counted warning, the first counted, so that the count must turn into
    # an error with no other call of the reporter.
    "Mar 5\nT\n" * 3 + "Mar 5, 2024\n\nU\n\nF\n",
    "\nT\n\nE\nDataData\n" + "Mar 5\nT\n" * 3 + "Mar 5, 2024\n\nU\n\nF\n",
    # A title with no blank line before its excerpt, counted the same way:
    # ended by the text's end, and after a counted warning.
    "1\n1\n\n" * 4 + "1\n1",
    "\nT\n\nE\nDataData\n" + "1\n1\n\n" * 4,
]


class TestAgainstTheUnlimitedParse:
    @given(PROBLEM_TEXTS, KNOWN)
    @example("Mar 5\nT\n" * 30, None)
    @example("\nT\n\nE\nTag\n" + "junk\n" * 130, None)  # a counted run, hidden
    @example("sticky\n" * 130 + "\nT\n\nE\n", None)
    @example("\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\nMar 5", None)  # warnings first
    def test_a_limit_keeps_the_first_and_counts_the_rest(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Each limit at the edges: the same posts, the first diagnostics, one that counts the rest."""
        check_limits(text, tags)

    @pytest.mark.parametrize("text", EVERY_PATH, ids=range(len(EVERY_PATH)))
    def test_every_kind_of_problem_past_the_limit(self, text: str) -> None:
        """Each place the parser reports a problem, past the limit at every edge
        (random texts reach most of them, these reach each one every run)."""
        check_limits(text, None)

    @given(PROBLEM_TEXTS, st.integers(0, 12))
    def test_load_and_iterload_give_what_loads_gives(
        self, text: str, limit: int
    ) -> None:
        """The three readers agree, the counting diagnostic last in iterload's stream."""
        listing = bloglist.loads(text, max_diagnostics=limit)
        try:
            data = text.encode()
            loaded = bloglist.load(io.BytesIO(data), max_diagnostics=limit)
        except (UnicodeEncodeError, ParseError):
            return  # a lone surrogate, or what reads as UTF-16: not this test's case
        assert (list(loaded), loaded.diagnostics) == (
            list(listing),
            listing.diagnostics,
        )
        streamed = list(bloglist.iterload(io.BytesIO(data), max_diagnostics=limit))
        diagnostics = [d for d in streamed if isinstance(d, Diagnostic)]
        assert tuple(diagnostics) == listing.diagnostics
        assert [p for p in streamed if isinstance(p, bloglist.Post)] == list(listing)
        if diagnostics and diagnostics[-1].code == "too-many-diagnostics":
            assert streamed[-1] is diagnostics[-1]

    @given(PROBLEM_TEXTS, st.integers(0, 12))
    @example("\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\n", 1)  # warnings only
    @example("\nT\n\nE\nDataData\n" * 3 + "Junk\n", 2)  # an error past the limit
    @example("Mar 5, 2024\nMar 6, 2024\n\nT\n\nE\n", 0)
    @example("Mar 5\n\nT\n\nE", 0)
    @example("\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\nMar 5", 1)
    def test_strict_mode_raises_the_first_error_whatever_the_limit(
        self, text: str, limit: int
    ) -> None:
        """A strict parse raises where it does with no limit; the warnings before are counted."""
        try:
            whole = bloglist.loads(text, strict=True, max_diagnostics=None)
        except ParseError as err:
            with pytest.raises(ParseError) as raised:
                bloglist.loads(text, strict=True, max_diagnostics=limit)
            # The whole error, message included: past the limit a lenient
            # parse writes no message, a strict one must.
            assert str(raised.value) == str(err)
            assert (raised.value.lineno, raised.value.colno, raised.value.code) == (
                err.lineno,
                err.colno,
                err.code,
            )
        else:
            listing = bloglist.loads(text, strict=True, max_diagnostics=limit)
            assert shape(listing) == expected(whole, limit)
            assert all(d.severity == "warning" for d in listing.diagnostics)


class TestTheDefault:
    def test_a_thousand_problems_are_reported_one_by_one(self) -> None:
        """Up to 1,000 diagnostics, each its own; the 1,001st is counted with any after it."""
        post = "Mar 5\n\nT\n\nE\n"  # one incomplete-date each
        assert len(bloglist.loads(post * 1000).diagnostics) == 1000
        listing = bloglist.loads(post * 1003)
        assert len(listing) == 1003
        assert [d.code for d in listing.diagnostics[-2:]] == [
            "incomplete-date",
            "too-many-diagnostics",
        ]
        last = listing.diagnostics[-1]
        assert (last.lineno, last.severity) == (1000 * 5 + 1, "error")
        assert last.message.startswith(
            "3 more diagnostics (3 errors, 0 warnings), from here to line 5011, "
        )

    def test_the_default_of_each_reader_is_the_constant(self) -> None:
        text = "\nT\n\nE\nTag\n" + "junk\n" * 90 + "\nU\n\nF\nTag\n" + "junk\n" * 90
        for limit in (1000, 150):
            whole = bloglist.loads(text * 6, max_diagnostics=limit)
            assert len(whole.diagnostics) == limit + 1
        listing = bloglist.loads(text * 6)
        assert (
            listing.diagnostics
            == bloglist.loads(text * 6, max_diagnostics=1000).diagnostics
        )
        streamed = bloglist.iterload(io.StringIO(text * 6))
        assert (
            tuple(d for d in streamed if isinstance(d, Diagnostic))
            == listing.diagnostics
        )


class TestReadingThatStops:
    """What was counted is reported before the error that stops the reading."""

    JUNK = "\nT\n\nE\nTag\n" + "junk\n" * 3  # three extra lines, 6 to 8

    def test_bytes_that_are_not_utf8(self) -> None:
        data = (self.JUNK + "\n" + "x" * 70_000 + "\n").encode() + b"\xff\n"
        items: list[object] = []
        with pytest.raises(ParseError) as raised:
            items.extend(bloglist.iterload(io.BytesIO(data), max_diagnostics=1))
        assert raised.value.code == "invalid-utf8"
        counted = items[-1]
        assert isinstance(counted, Diagnostic)
        assert (counted.code, counted.lineno) == ("too-many-diagnostics", 7)
        assert counted.message.startswith(
            "2 more diagnostics (2 errors, 0 warnings), from here to line 8, "
        )

    def test_errors_the_parser_counted_itself(self) -> None:
        """Past the limit the parser counts the commonest errors without a
        call: they are in the count before the error that stops the reading."""
        text = "Mar 5\nT\n" * 3  # three problems a post, lines 1 to 6
        items: list[object] = []
        with pytest.raises(ParseError) as raised:
            items.extend(
                bloglist.iterload(
                    io.BytesIO(text.encode() + b"\xff\n"), max_diagnostics=1
                )
            )
        assert (raised.value.code, raised.value.lineno) == ("invalid-utf8", 7)
        counted = items[-1]
        assert isinstance(counted, Diagnostic)
        assert (counted.code, counted.lineno, counted.severity) == (
            "too-many-diagnostics",
            2,
            "error",
        )
        # Eight problems before the line that stops the reading (no year,
        # no blank line, no excerpt; the last title's excerpt is never known):
        # the first reported, the rest counted, the last of them at line 6.
        assert counted.message.startswith(
            "7 more diagnostics (7 errors, 0 warnings), from here to line 6, "
        )

    def test_a_strict_error_after_counted_warnings(self) -> None:
        text = "\nT\n\nE\nDataData\n" * 3 + "Junk\n"
        items: list[object] = []
        with pytest.raises(ParseError) as raised:
            items.extend(
                bloglist.iterload(io.StringIO(text), strict=True, max_diagnostics=1)
            )
        assert (raised.value.code, raised.value.lineno) == ("extra-line", 16)
        found = [(d.code, d.severity) for d in items if isinstance(d, Diagnostic)]
        assert found == [
            ("duplicate-tag", "warning"),
            ("too-many-diagnostics", "warning"),
        ]

    def test_the_commands_line_limit(self, tmp_path: Path) -> None:
        """`bloglist check` prints the count, then the line that stopped it."""
        path = tmp_path / "cut.txt"
        path.write_text(self.JUNK + "\n" + "x" * 200 + "\n", encoding="utf-8")
        status, out, _ = status_of(
            "check", str(path), "--max-diagnostics", "1", "--max-line-length", "100"
        )
        assert status == 1
        codes = [line.split(" ")[1] for line in out.splitlines()]
        assert codes == ["extra-line", "too-many-diagnostics", "line-too-long"]


class TestSeverity:
    @pytest.mark.parametrize("strict", [False, True])
    def test_counted_warnings_alone_are_a_warning(self, strict: bool) -> None:
        """A count of warnings is a warning: check and the command's status go by it."""
        text = "\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\n\nV\n\nG\nAiAI\n"
        listing = bloglist.loads(text, strict=strict, max_diagnostics=1)
        assert [(d.code, d.severity) for d in listing.diagnostics] == [
            ("duplicate-tag", "warning"),
            ("too-many-diagnostics", "warning"),
        ]

    def test_a_count_stands_for_the_problems_it_counts(self) -> None:
        """What the command adds up, diagnostic by diagnostic, for check's
        summary and the errors diff and archive add name: one problem, or
        those a parse's count names; a count worded otherwise (built by hand)
        stands for one problem of its severity."""
        from bloglist._parse import problem_counts

        text = "\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\nJunk\n\nV\n\nG\nAiAI\n"
        listing = bloglist.loads(text, max_diagnostics=1)
        assert [problem_counts(d) for d in listing.diagnostics] == [(0, 1), (1, 2)]
        whole = bloglist.loads(text, max_diagnostics=None).diagnostics
        assert [d.severity for d in whole[1:]] == ["warning", "error", "warning"]
        for message in ("many more", "3 more diagnostics (x errors, 2 warnings), "):
            error = Diagnostic(
                lineno=1,
                colno=1,
                severity="error",
                code="too-many-diagnostics",
                message=message,
            )
            warning = evolve(error, severity="warning")
            assert (problem_counts(error), problem_counts(warning)) == ((1, 0), (0, 1))

    def test_one_counted_error_makes_the_count_an_error(self) -> None:
        text = "\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\nJunk\n\nV\n\nG\nAiAI\n"
        listing = bloglist.loads(text, max_diagnostics=1)
        assert [(d.code, d.severity) for d in listing.diagnostics] == [
            ("duplicate-tag", "warning"),
            ("too-many-diagnostics", "error"),
        ]
        assert listing.diagnostics[-1].message.startswith(
            "3 more diagnostics (1 error, 2 warnings), "
        )


class TestArguments:
    @pytest.mark.parametrize(
        ("value", "error", "message"),
        [
            (True, TypeError, "max_diagnostics must be an int or None, not bool"),
            (1.0, TypeError, "max_diagnostics must be an int or None, not float"),
            ("5", TypeError, "max_diagnostics must be an int or None, not str"),
            (-1, ValueError, "max_diagnostics must be 0 or more, not -1"),
        ],
    )
    def test_each_reader_refuses_a_bad_limit_at_the_call(
        self, value: object, error: type[Exception], message: str
    ) -> None:
        """Before any input is read: the call itself raises, iterload's too."""

        class Unread:
            def read(self, size: int = -1, /) -> str:
                raise AssertionError("read before the options were checked")

        calls: list[Callable[[], object]] = [
            lambda: bloglist.loads("", max_diagnostics=value),  # type: ignore[call-overload]
            lambda: bloglist.load(Unread(), max_diagnostics=value),  # type: ignore[call-overload]
            lambda: bloglist.iterload(Unread(), max_diagnostics=value),  # type: ignore[call-overload]
        ]
        for call in calls:
            with pytest.raises(error, match=f"^{re.escape(message)}$"):
                call()

    def test_a_huge_limit_is_no_limit(self) -> None:
        text = "sticky\n\n" * 50 + "Mar 5\n" * 40
        whole = bloglist.loads(text, max_diagnostics=None)
        assert bloglist.loads(text, max_diagnostics=sys.maxsize + 1) == whole
        assert bloglist.loads(text, max_diagnostics=10**100) == whole


class TestStreaming:
    def test_past_the_limit_the_commonest_errors_cost_no_call(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Hostile input can make an error every few bytes: past the limit
        the parser counts a date with no year, a title with no blank line and
        one with no excerpt itself, a call of the reporter costing several
        times what the count does (see docs/performance.md)."""
        from bloglist import _parse

        calls = 0
        call = _parse.Reporter.__call__

        def counted_call(self: _parse.Reporter, *args: object) -> object:
            nonlocal calls
            calls += 1
            return call(self, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(_parse.Reporter, "__call__", counted_call)
        listing = bloglist.loads("Mar 5\nT\n" * 1000, max_diagnostics=10)
        assert listing.diagnostics[-1].message.startswith(
            "2990 more diagnostics (2990 errors, 0 warnings), "
        )
        # The ten reported, the first counted, and the last post's missing
        # excerpt, reported at the end of the input.
        assert calls == 12

    def test_counted_diagnostics_are_not_kept(self) -> None:
        """Past the limit iterload keeps a count, not the diagnostics: the stream is all posts."""
        text = "Mar 5\nT\n" * 5000  # three problems a post
        items = bloglist.iterload(io.StringIO(text), max_diagnostics=3)
        first = [next(items) for _ in range(4)]
        assert [type(item).__name__ for item in first] == [
            "Diagnostic",
            "Diagnostic",
            "Diagnostic",
            "Post",
        ]
        rest = list(items)
        assert sum(isinstance(item, Diagnostic) for item in rest) == 1
        counted = rest[-1]
        assert isinstance(counted, Diagnostic)
        assert counted.message.startswith(
            "14997 more diagnostics (14997 errors, 0 warnings), from here to line 10000, "
        )


class TestCountedWithoutACall:
    @pytest.mark.parametrize("limit", [0, 1, 5])
    def test_past_the_limit_the_parser_counts_errors_itself(
        self, monkeypatch: pytest.MonkeyPatch, limit: int
    ) -> None:
        """Hostile input makes an error every few bytes: past the limit, a
        lenient parse counts them in its loop, with no call of the reporter
        each (which took twice the time), from the error that reaches the
        limit on; the count is the same."""
        from bloglist._parse import Reporter

        calls = 0
        reporter_call = Reporter.__call__

        def counted(self: Reporter, *args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            return reporter_call(self, *args, **kwargs)  # type: ignore[arg-type]

        for posts in (1000, 2000):
            text = "Mar 5\nx\n" * posts
            whole = bloglist.loads(text, max_diagnostics=None)
            monkeypatch.setattr(Reporter, "__call__", counted)
            calls = 0
            listing = bloglist.loads(text, max_diagnostics=limit)
            monkeypatch.undo()
            assert len(whole.diagnostics) == 3 * posts
            assert listing.diagnostics[:limit] == whole.diagnostics[:limit]
            assert problem_counts(listing.diagnostics[-1]) == (3 * posts - limit, 0)
            # The limit's diagnostics, the first counted (which the loop's
            # count needs), and the last post's, which the end of the text
            # ends: as many calls for twice the posts.
            assert calls == limit + 2


class TestTheLimit:
    def test_the_count_names_the_last_line_after_errors_counted_by_the_parser(
        self,
    ) -> None:
        """The count names the last line of all it counts: a warning counted
        by a call after errors the parser counted itself (past the limit)
        names a later line than theirs, and the count goes to it."""
        # Line 1's problem is counted by a call; line 2's date with no year,
        # by the parser (Reporter.counting); line 7's warning, by a call.
        text = "Mar 5\nMar 6\n\nT\n\nE\nDataDATA\n"
        (count,) = bloglist.loads(text, max_diagnostics=0).diagnostics
        assert (count.lineno, count.colno, count.severity, count.code) == (
            1,
            1,
            "error",
            "too-many-diagnostics",
        )
        assert count.message == (
            "4 more diagnostics (3 errors, 1 warning), from here to line 7, "
            "counted but not reported one by one: the limit is 0 (max_diagnostics)"
        )

    def test_a_strict_parse_with_a_limit_of_0_raises_at_the_first_error(
        self,
    ) -> None:
        """A strict parse with a limit of 0 raises its first error, rather
        than count it: a limit of 0 leaves nothing to report one by one, but
        strict mode stops at the first error all the same."""
        with pytest.raises(bloglist.ParseError) as raised:
            bloglist.loads("Mar 5\n", strict=True, max_diagnostics=0)
        assert (raised.value.code, raised.value.lineno, raised.value.colno) == (
            "incomplete-date",
            1,
            1,
        )
        # A warning is still only counted.
        listing = bloglist.loads("\nT\n\nE\nNewsNEWS\n", strict=True, max_diagnostics=0)
        assert [(d.code, d.severity) for d in listing.diagnostics] == [
            ("too-many-diagnostics", "warning")
        ]
