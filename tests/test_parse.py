"""The listing grammar, as tables of inputs with their expected posts and diagnostics.

Each ``tests/data/{valid,invalid}/NAME.txt`` has a ``NAME.json`` beside it with
the posts and diagnostics a lenient parse must give. Valid listings parse the
same in strict mode; invalid ones raise ParseError at their first error.
"""

from __future__ import annotations

import datetime
import io
import json
import pathlib
import re
from pathlib import Path
from typing import Any

import pytest

import bloglist
from bloglist import Diagnostic, ParseError, Post

DATA = Path(__file__).parent / "data"


def _cases(kind: str) -> list[Any]:
    return [
        pytest.param(path, id=path.stem) for path in sorted((DATA / kind).glob("*.txt"))
    ]


def _expected(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(path.with_suffix(".json").read_text("utf-8"))
    return spec


def _post(raw: dict[str, Any]) -> Post:
    date = raw["date"] and datetime.date.fromisoformat(raw["date"])
    return Post(
        title=raw["title"],
        date=date,
        excerpt=raw["excerpt"],
        tags=raw["tags"],
        sticky=raw["sticky"],
        lineno=raw["lineno"],
    )


def _check_posts(listing: bloglist.Listing, spec: dict[str, Any]) -> None:
    expected = [_post(raw) for raw in spec["posts"]]
    assert list(listing) == expected
    # lineno is not part of equality: compare it on its own.
    assert [p.lineno for p in listing] == [p.lineno for p in expected]


def _check_diagnostics(found: tuple[Diagnostic, ...], spec: dict[str, Any]) -> None:
    keys = ("code", "lineno", "colno", "severity")
    wanted = spec["diagnostics"]
    assert [{k: getattr(d, k) for k in keys} for d in found] == [
        {k: w[k] for k in keys} for w in wanted
    ]
    for diagnostic, want in zip(found, wanted, strict=True):
        if "message_contains" in want:
            assert want["message_contains"] in diagnostic.message


def _parse_file(path: Path, *, strict: bool, tags: Any) -> bloglist.Listing:
    with path.open("rb") as fp:
        return bloglist.load(fp, strict=strict, known_tags=tags)


class TestValidListings:
    @pytest.mark.parametrize("path", _cases("valid"))
    def test_lenient_parse_gives_the_expected_posts(self, path: Path) -> None:
        """A valid listing gives exactly the posts written beside it, and only warnings."""
        spec = _expected(path)
        listing = _parse_file(path, strict=False, tags=spec["tags"])
        _check_posts(listing, spec)
        _check_diagnostics(listing.diagnostics, spec)
        assert all(d.severity == "warning" for d in listing.diagnostics)

    @pytest.mark.parametrize("path", _cases("valid"))
    def test_strict_parse_agrees_with_lenient(self, path: Path) -> None:
        """Strict mode accepts every valid listing and gives the same posts and warnings."""
        spec = _expected(path)
        listing = _parse_file(path, strict=True, tags=spec["tags"])
        _check_posts(listing, spec)
        _check_diagnostics(listing.diagnostics, spec)

    @pytest.mark.parametrize("path", _cases("valid"))
    def test_text_and_binary_input_agree(self, path: Path) -> None:
        """loads on the decoded text gives what load gives on the bytes."""
        spec = _expected(path)
        text = path.read_bytes().decode("utf-8")
        assert bloglist.loads(text, known_tags=spec["tags"]) == _parse_file(
            path, strict=False, tags=spec["tags"]
        )


class TestInvalidListings:
    @pytest.mark.parametrize("path", _cases("invalid"))
    def test_lenient_parse_reports_and_recovers(self, path: Path) -> None:
        """Lenient mode gives each recoverable post and one diagnostic per problem."""
        spec = _expected(path)
        listing = _parse_file(path, strict=False, tags=spec["tags"])
        _check_posts(listing, spec)
        _check_diagnostics(listing.diagnostics, spec)

    @pytest.mark.parametrize("path", _cases("invalid"))
    def test_strict_parse_raises_at_the_first_error(self, path: Path) -> None:
        """Strict mode raises ParseError with the code and position of the first error."""
        spec = _expected(path)
        first = next(d for d in spec["diagnostics"] if d["severity"] == "error")
        with pytest.raises(ParseError) as info:
            _parse_file(path, strict=True, tags=spec["tags"])
        err = info.value
        assert (err.code, err.lineno, err.colno) == (
            first["code"],
            first["lineno"],
            first["colno"],
        )
        assert str(err).endswith(f"(at line {err.lineno}, column {err.colno})")
        assert str(err).startswith(err.msg)


class FeedError(ParseError):
    """A program's own parse error."""


class TestParseError:
    def test_is_a_value_error(self) -> None:
        """Code that catches ValueError also catches a parse error."""
        with pytest.raises(ValueError, match="not a real day"):
            bloglist.loads("Feb 30, 2024\n\nT\n\nE", strict=True)

    def test_a_huge_line_or_column_is_shown_short(self) -> None:
        """A line and a column of 51 digits (a caller's own error, or a
        file past any real size) are each shown by their first digits and
        their count, in a ParseError and in a Diagnostic alike."""
        big = 10**50
        short = "100000000000\N{HORIZONTAL ELLIPSIS}(51 digits)"
        assert str(ParseError("bad", big, big, code="x")) == (
            f"bad (at line {short}, column {short})"
        )
        diagnostic = bloglist.Diagnostic(
            lineno=big, colno=big, severity="warning", code="x", message="bad"
        )
        assert f"line {short}, column {short}" in str(diagnostic)

    def test_pickles_with_every_part(self) -> None:
        """A ParseError survives pickling (as across a process pool) whole."""
        import pickle

        err = ParseError("bad thing", 3, 7, code="invalid-date")
        back = pickle.loads(pickle.dumps(err))
        assert (back.msg, back.lineno, back.colno, back.code, str(back)) == (
            "bad thing",
            3,
            7,
            "invalid-date",
            "bad thing (at line 3, column 7)",
        )

    def test_pickles_and_copies_keep_notes_and_attributes(self) -> None:
        """What a caller adds to a ParseError (a note, an attribute of its
        own) survives pickle and copy, as it does for any other exception
        (a WriteError, a plain ValueError)."""
        import copy
        import pickle

        for error in (
            ParseError("bad thing", 3, 7, code="invalid-date"),
            ValueError("x"),
        ):
            error.add_note("while reading feed.txt")
            error.source = "feed.txt"  # type: ignore[attr-defined]
            kept = [
                pickle.loads(pickle.dumps(error, protocol))
                for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
            ]
            for back in [*kept, copy.copy(error), copy.deepcopy(error)]:
                assert type(back) is type(error) and str(back) == str(error)
                assert back.__notes__ == ["while reading feed.txt"]
                assert back.source == "feed.txt"  # type: ignore[attr-defined]

    def test_a_subclass_pickles_and_copies_as_itself(self) -> None:
        """A program's own ParseError, raised in a worker process, is caught
        by its own class in the parent: a pickle keeps the subclass."""
        import copy
        import pickle

        error = FeedError("bad thing", 3, 7, code="invalid-date")
        for back in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
            assert type(back) is FeedError
            assert (back.msg, back.lineno, back.colno, back.code) == (
                "bad thing",
                3,
                7,
                "invalid-date",
            )

    @pytest.mark.parametrize(
        ("args", "code", "message"),
        [
            (("m", "3", 1), "c", "lineno must be an int, not str"),
            (("m", None, None), "c", "lineno must be an int, not NoneType"),
            (("m", 1, True), "c", "colno must be an int, not bool"),
            ((b"m", 1, 1), "c", "msg must be a str, not bytes"),
            (("m", 1, 1), 5, "code must be a str, not int"),
        ],
    )
    def test_one_built_by_hand_is_checked(
        self, args: tuple[object, object, object], code: object, message: str
    ) -> None:
        """As a Diagnostic is: the part that is wrong, not a comparison of an
        int with a str from deep inside."""
        with pytest.raises(TypeError) as caught:
            ParseError(*args, code=code)  # type: ignore[arg-type]
        assert str(caught.value) == message

    @pytest.mark.parametrize(
        ("args", "code", "message"),
        [
            (("m", 0, 1), "c", "lineno must be 1 or more, not 0"),
            (("m", 1, -1), "c", "colno must be 1 or more, not -1"),
            (("m", 1, 1), "", "code must not be blank, not ''"),
            (("m", 1, 1), " ", "code must not be blank, not ' '"),
        ],
    )
    def test_one_built_by_hand_has_a_place_and_a_code(
        self, args: tuple[str, int, int], code: str, message: str
    ) -> None:
        """Positions are 1-based and a code names the problem: refused as a
        Diagnostic refuses them (a review found ParseError took line 0,
        column 0 and a blank code that a Diagnostic refuses)."""
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            ParseError(*args, code=code)
        _, lineno, colno = args
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            bloglist.Diagnostic(
                lineno=lineno, colno=colno, severity="error", code=code, message="m"
            )

    def test_diagnostic_str_names_the_place(self) -> None:
        """A diagnostic prints as its message and position, like ParseError."""
        (diagnostic,) = bloglist.loads("\nT\n\nE\nTag\nStray").diagnostics
        assert str(diagnostic) == f"{diagnostic.message} (at line 6, column 1)"


class TestBinaryInput:
    def test_utf8_with_bom(self) -> None:
        """Bytes with a UTF-8 byte order mark parse like bytes without one."""
        text = "sticky\n\nCafé\n\nCrème brûlée"
        plain = bloglist.load(io.BytesIO(text.encode("utf-8")))
        marked = bloglist.load(io.BytesIO(text.encode("utf-8-sig")))
        assert plain == marked
        assert plain[0].title == "Café"

    @pytest.mark.parametrize(
        ("data", "lineno", "colno"),
        [
            (b"\xff\n\nT\n\nE", 1, 1),
            (b"sticky\n\nCaf\xe9\n\nE", 3, 4),
            (b"sticky\r\n\r\nT\r\n\r\n\xc3\xa9t\xc3", 5, 3),
            (b"\xef\xbb\xbfab\x80", 1, 3),
        ],
    )
    def test_undecodable_bytes_name_their_line_and_column(
        self, data: bytes, lineno: int, colno: int
    ) -> None:
        """Bytes that are not UTF-8 raise ParseError at their place, in lenient mode too."""
        with pytest.raises(ParseError) as info:
            bloglist.load(io.BytesIO(data))
        assert (info.value.code, info.value.lineno, info.value.colno) == (
            "invalid-utf8",
            lineno,
            colno,
        )

    def test_text_file_objects_are_read_as_text(self) -> None:
        """A text file object gives the same listing as the string it holds."""
        text = "\nTitle\n\nExcerpt\nTag"
        assert bloglist.load(io.StringIO(text)) == bloglist.loads(text)

    @pytest.mark.parametrize(
        ("given", "said"),
        [
            (b"\nT\n\nE", "bytes; use load(io.BytesIO(data)) for bytes"),
            (memoryview(b"T"), "memoryview; use load(io.BytesIO(data)) for bytes"),
            (io.StringIO("T"), "StringIO; use load() for a file"),
            (io.BytesIO(b"T"), "BytesIO; use load() for a file"),
            # The wording review: a path said only its type.
            (
                pathlib.PurePosixPath("blog.txt"),
                "PurePosixPath; it is a path: read the file with load() "
                "(with open(path, 'rb') as fp: bloglist.load(fp))",
            ),
            (None, "NoneType"),
        ],
    )
    def test_loads_refuses_what_is_no_str_with_a_hint(
        self, given: object, said: str
    ) -> None:
        """Bytes, or a file, passed to loads is a TypeError that says how to
        read it with load (which takes a file, not bytes)."""
        with pytest.raises(TypeError) as caught:
            bloglist.loads(given)  # type: ignore[call-overload]
        assert str(caught.value) == f"loads() takes a str, not {said}"

    @pytest.mark.parametrize("option", ["strict", "pause_gc"])
    def test_load_checks_its_options_before_it_reads(self, option: str) -> None:
        """A wrong option is a TypeError before the file is read: a pipe or a
        socket keeps its data for the corrected call."""
        fp = io.BytesIO(b"\nT\n\nE\n")
        options: dict[str, Any] = {option: "yes"}
        with pytest.raises(TypeError, match=f"^{option} must be a bool, not str$"):
            bloglist.load(fp, **options)
        assert fp.tell() == 0


class TestKnownTags:
    def test_a_single_string_is_refused(self) -> None:
        """tags='GenAI' would be five one-letter names; it is a TypeError instead."""
        with pytest.raises(TypeError, match="not a str"):
            bloglist.loads("\nT\n\nE\nGenAI", known_tags="GenAI")

    def test_non_string_names_are_refused(self) -> None:
        """Every known name must be a str."""
        with pytest.raises(TypeError, match="iterable of str"):
            bloglist.loads("\nT\n\nE\nGenAI", known_tags=["GenAI", 3])  # type: ignore[list-item]

    def test_blank_names_are_ignored(self) -> None:
        """Empty and whitespace-only names match nothing, and names are stripped."""
        listing = bloglist.loads("\nT\n\nE\nGenAIData", known_tags=["", " ", " GenAI "])
        assert listing[0].tags == ("GenAI", "Data")

    def test_the_longer_name_wins_at_one_place(self) -> None:
        """With Data and Data Science known, Data Science is read whole."""
        listing = bloglist.loads(
            "\nT\n\nE\nData ScienceData", known_tags=["Data", "Data Science"]
        )
        assert listing[0].tags == ("Data Science", "Data")

    def test_tags_of_equal_lines_are_shared(self) -> None:
        """Equal tag lines give the very same tuple, which keeps big listings small."""
        listing = bloglist.loads("\nA\n\nB\nDataPeople\n\nC\n\nD\nDataPeople")
        assert listing[0].tags is listing[1].tags


class TestRealSample:
    """A listing with every quirk of a scraped one (tests/data/real/README.md)."""

    PATH = DATA / "real" / "engineering_blog.txt"

    @pytest.fixture(params=[False, True], ids=["lenient", "strict"])
    def listing(self, request: pytest.FixtureRequest) -> bloglist.Listing:
        with self.PATH.open("rb") as fp:
            return bloglist.load(fp, strict=request.param)

    def test_the_file_keeps_its_quirks(self) -> None:
        """No trailing newline, no blank line between posts, an NBSP in a title."""
        data = self.PATH.read_bytes()
        assert not data.endswith(b"\n")
        assert b"Cat\nsticky" not in data and b"cat\nsticky\n" in data
        assert "\u00a0\n".encode() in data

    def test_has_8_sticky_posts_and_no_diagnostics(
        self, listing: bloglist.Listing
    ) -> None:
        """All 8 posts are read, all sticky, with nothing to report."""
        assert len(listing) == 8
        assert all(post.sticky for post in listing)
        assert listing.diagnostics == ()

    def test_first_post_has_no_date_and_no_tags(
        self, listing: bloglist.Listing
    ) -> None:
        """The first post has only the sticky marker as header, and no tag line."""
        first = listing[0]
        assert first.title.startswith("Building Trust: A Case Study")
        assert (first.date, first.tags, first.lineno) == (None, (), 1)
        assert first.excerpt.endswith("what about the\N{HORIZONTAL ELLIPSIS}")

    def test_second_post_is_cut_mid_word_with_test_tags(
        self, listing: bloglist.Listing
    ) -> None:
        """'TestThis is a new cat' splits into two tags; the excerpt ends mid-word."""
        second = listing[1]
        assert second.title == "This is a testing blog testing"
        assert (second.date, second.lineno) == (datetime.date(2025, 3, 25), 6)
        assert second.tags == ("Test", "This is a new cat")
        assert second.excerpt.endswith("to help suppo")
        assert not second.truncated

    def test_trailing_nbsp_is_stripped_from_a_title(
        self, listing: bloglist.Listing
    ) -> None:
        """'Data Platform Explained Part II' loses the NBSP the page put after it."""
        titles = [post.title for post in listing]
        assert "Data Platform Explained Part II" in titles
        assert not any(t != t.strip() for t in titles)

    def test_dates_and_tags_of_several_posts(self, listing: bloglist.Listing) -> None:
        """Dates and multi-word tags come out right across the listing."""
        by_title = {post.title: post for post in listing}
        compass = by_title[
            "Introducing Compass: Our Team\u2019s New Nearest-Neighbour Search Library"
        ]
        assert compass.date == datetime.date(2024, 8, 28)
        assert compass.tags == (
            "Data",
            "Data Science",
            "Machine Learning",
            "Open Source",
        )
        assert "\u2014" in compass.excerpt and "\u201c" in compass.excerpt
        last = listing[-1]
        assert last.date == datetime.date(2023, 6, 28)
        assert last.tags == (
            "Data",
            "Data Science",
            "Developer Tools",
            "Machine Learning",
            "Platform",
            "Product",
        )
        dates = [post.date for post in listing[1:]]
        assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]

    def test_excerpts_keep_their_cut_marks(self, listing: bloglist.Listing) -> None:
        """Excerpts cut with '[…]' or '…' are truncated; whole sentences are not."""
        truncated = [post for post in listing if post.truncated]
        assert len(truncated) == 6
        assert all(p.excerpt.endswith(("[…]", "…")) for p in truncated)
        whole = [p for p in listing if p.excerpt.endswith(".")]
        assert whole and not any(p.truncated for p in whole)

    def test_round_trip_keeps_every_post(self, listing: bloglist.Listing) -> None:
        """Writing the listing and reading it back gives the same posts."""
        assert bloglist.loads(bloglist.dumps(listing)) == listing


class TestDiagnosticOrder:
    """Diagnostics come in line order, and strict mode stops at the earliest error."""

    def test_a_header_without_a_post_is_reported_before_the_line_after_it(
        self,
    ) -> None:
        """'sticky' then a date with no year: line 1, then line 2's two problems."""
        listing = bloglist.loads("sticky\nMar 5\n")
        assert [(d.lineno, d.code) for d in listing.diagnostics] == [
            (1, "missing-title"),
            (2, "incomplete-date"),
            (2, "missing-title"),
        ]

    def test_strict_mode_raises_at_the_earliest_error(self) -> None:
        """The same input in strict mode stops at line 1, not at line 2."""
        with pytest.raises(ParseError) as caught:
            bloglist.loads("sticky\nMar 5\n", strict=True)
        assert (caught.value.lineno, caught.value.code) == (1, "missing-title")

    def test_header_lines_in_a_row_each_get_their_diagnostic(self) -> None:
        """Lone header lines, indented or not, each name their own line and column."""
        text = "sticky\n  sticky\n1\tMay 2024\n\t Feb 30, 2024\n\nsticky\n\nT\n\nE\n"
        listing = bloglist.loads(text)
        assert [(d.lineno, d.colno, d.code) for d in listing.diagnostics] == [
            (1, 1, "missing-title"),
            (2, 3, "missing-title"),
            (3, 1, "missing-title"),
            (4, 3, "invalid-date"),
            (4, 3, "missing-title"),
        ]
        assert [d.message for d in listing.diagnostics][1:3] == [
            "the sticky marker is not followed by a post; "
            "expected a blank line and a title",
            "date line '1\\tMay 2024' is not followed by a post; "
            "expected a blank line and a title",
        ]
        assert [(p.title, p.sticky, p.lineno) for p in listing] == [("T", True, 6)]

    @pytest.mark.parametrize(
        ("text", "cause"),
        [
            # A blank line between the marker and its date line: the cause named.
            (
                "sticky\n\nMar 25, 2025\n\nT\n\nE\n",
                " (a blank line parts it from the date line after it: a header's"
                " two lines come with no blank line between them)",
            ),
            ("sticky\n  \nMar 25, 2025\n\nT\n\nE\n", " (a blank line parts it"),
            # Not that cause: another marker after the blank line, or none.
            ("sticky\n\nsticky\n\nT\n\nE\n", ""),
            ("sticky\nsticky\nMar 25, 2025\n\nT\n\nE\n", ""),
            ("sticky\n\n", ""),
        ],
    )
    def test_a_marker_with_no_post_says_why_when_a_blank_line_parts_the_header(
        self, text: str, cause: str
    ) -> None:
        """The marker's message, and the cause when a blank line stands
        between it and the date line that was its header's second line."""
        strict_first = None
        with pytest.raises(ParseError) as caught:
            bloglist.loads(text, strict=True)
        strict_first = str(caught.value)
        first = bloglist.loads(text).diagnostics[0]
        assert (first.lineno, first.colno, first.code) == (1, 1, "missing-title")
        base = "the sticky marker is not followed by a post; expected a blank line and a title"
        assert first.message.startswith(base)
        if cause:
            assert first.message[len(base) :].startswith(cause)
        else:
            assert first.message == base
        assert strict_first == f"{first.message} (at line 1, column 1)"

    @pytest.mark.parametrize(
        ("text", "cause"),
        [
            (
                "Mar 25, 2025\n\nsticky\n\nT\n\nE\n",
                " (a blank line parts it from the sticky marker after it: a"
                " header's two lines come with no blank line between them)",
            ),
            ("Mar 25, 2025\n\nMar 26, 2025\n\nT\n\nE\n", ""),
            ("Mar 25, 2025\nsticky\n\nT\n\nE\nMar 26, 2025\n\n", ""),
        ],
    )
    def test_a_date_line_parted_from_its_marker_says_why(
        self, text: str, cause: str
    ) -> None:
        """The mirror of the marker's case: the date line, a blank line, then
        the marker."""
        first = bloglist.loads(text).diagnostics[0]
        assert first.code == "missing-title"
        assert first.message == (
            f"date line {first.message.split(chr(39))[1]!r} is not followed by a "
            f"post; expected a blank line and a title{cause}"
        )

    def test_posts_and_diagnostics_stay_apart_and_in_order(self) -> None:
        """A listing with diagnostics keeps its posts and its diagnostics in line order."""
        text = "".join(
            f"Mar {i % 28 + 1}\n\nT{i}\n\nE\nJunk{i}\n\n" for i in range(1, 50)
        )
        listing = bloglist.loads(text)
        assert [p.title for p in listing] == [f"T{i}" for i in range(1, 50)]
        assert [d.code for d in listing.diagnostics] == ["incomplete-date"] * 49
        lines = [d.lineno for d in listing.diagnostics]
        assert lines == sorted(lines) == [1 + 7 * i for i in range(49)]

    def test_a_bad_second_header_line_of_a_post_is_reported_once(self) -> None:
        """When the header does start a post, its bad date is still reported, in place."""
        listing = bloglist.loads("sticky\nMar 5\n\nT\nE\n")
        assert [(d.lineno, d.code) for d in listing.diagnostics] == [
            (2, "incomplete-date"),
            (5, "missing-blank"),
        ]
        assert listing[0].sticky and listing[0].date is None


class TestBundledSample:
    def test_parses_without_diagnostics(self) -> None:
        """The shipped sample is valid in strict mode."""
        listing = bloglist.loads(bloglist.sample_text(), strict=True)
        assert len(listing) == 12
        assert listing.diagnostics == ()

    def test_exercises_the_grammar(self) -> None:
        """The sample holds sticky and plain, dated and undated, tagged and untagged posts."""
        listing = bloglist.loads(bloglist.sample_text())
        kinds = {(p.sticky, p.date is None, not p.tags) for p in listing}
        assert {
            (True, False, False),
            (False, False, False),
            (True, True, False),
        } <= kinds
        assert {(False, True, True), (False, False, True)} <= kinds
        assert any(p.truncated for p in listing) and any(
            not p.truncated for p in listing
        )
        assert any(" " in tag for p in listing for tag in p.tags)


def test_loads_gives_no_file_hint_for_a_read_attribute_that_is_no_method() -> None:
    """loads() suggests load() only for a file object, one whose read is a
    method: an object with a read attribute that cannot be called gets the
    plain TypeError."""

    class Reader:
        read = "not a method"

    with pytest.raises(TypeError) as info:
        bloglist.loads(Reader())  # type: ignore[call-overload]
    assert str(info.value) == "loads() takes a str, not Reader"
