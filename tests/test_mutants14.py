"""Behaviour two mutation runs found untested. Of the date rule
(``_dates.py``) and the line reader (``_lines.py``), 81 mutants, 70 killed,
10 equivalent: a day-first date with a leading zero, the ISO form's one
separator, the gaps and the digits around a date held in a line, a line that
only casefolds to the marker, the byte named in a UTF-8 error, UTF-16 sniffed
from its first bytes only, and streams that read in odd pieces. Of the parser
(``_parse.py``), 84 mutants, 76 killed (two only by a property test's luck),
3 equivalent: the hint of a title with no excerpt after a tag line, the file
name that ``loads`` is given, the header cache's count, a run of header lines
that ends, and the column of the count past the limit.
"""

from __future__ import annotations

import datetime
import io
import tracemalloc
from typing import Any

import pytest

import bloglist
from test_mutants8 import _Pieces

_AFTER_TAGS = "Mar 5, 2025\n\nTitle\n\nExcerpt\nTags\n"
_HELD = " (it holds a date in a form date lines do not take)"


def _extra_line_message(line: str) -> str:
    """The message of the one diagnostic of *line* after a post's tag line."""
    (problem,) = bloglist.loads(_AFTER_TAGS + line + "\n").diagnostics
    assert problem.code == "extra-line"
    return problem.message


class TestDateLines:
    @pytest.mark.parametrize(
        ("line", "day"),
        [
            ("05 March 2025", datetime.date(2025, 3, 5)),
            ("0012-03-05", datetime.date(12, 3, 5)),
        ],
    )
    def test_a_date_line_may_start_with_a_zero(
        self, line: str, day: datetime.date
    ) -> None:
        """A header line may start with any digit, 0 too: the parser's
        quick test of a header's first character let no 0 through."""
        listing = bloglist.loads(f"{line}\n\nTitle\n\nExcerpt\n")
        assert [(p.date, p.title) for p in listing] == [(day, "Title")]
        assert listing.diagnostics == ()

    def test_an_iso_date_has_one_separator(self) -> None:
        """`2025-03/25` mixes two separators: text, not a date line."""
        listing = bloglist.loads("2025-03/25\n\nTitle\n\nExcerpt\n")
        assert listing[0].title == "2025-03/25"
        assert all(post.date is None for post in listing)

    def test_an_underscore_is_a_gap_in_a_held_date(self) -> None:
        """format.md: the pieces of a date held in a line are apart by
        characters that are neither letters nor digits; `_` is one."""
        assert _extra_line_message("Mar_4_2025").endswith(_HELD)

    def test_a_year_inside_a_longer_number_is_no_date(self) -> None:
        """`12025-03-25` is no year-first date: its year would be five digits."""
        assert not _extra_line_message("build 12025-03-25 of 2025").endswith(_HELD)

    def test_a_line_that_casefolds_to_the_marker_is_not_its_other_case(self) -> None:
        """U+FB06 (the `st` ligature) casefolds to `st`: `\ufb06icky` is five
        characters, not the marker in another case."""
        message = _extra_line_message("\ufb06icky")
        assert message == (
            "line '\ufb06icky' follows the tag line; a post ends with its tag line"
        )


class TestBytes:
    def test_a_utf8_error_names_the_first_byte_of_the_bad_sequence(self) -> None:
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.load(io.BytesIO(b"Title\xe2\x82x\n"))
        assert info.value.msg.startswith("byte 0xe2 is not valid UTF-8")
        assert (info.value.lineno, info.value.colno) == (1, 6)

    def test_utf16_is_told_by_its_first_bytes_whatever_follows(self) -> None:
        """A character whose high byte is not zero, later in the text, does
        not make UTF-16 without a byte order mark read as UTF-8."""
        data = "Title \u0100\n".encode("utf-16-le")
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.load(io.BytesIO(data))
        assert info.value.code == "unsupported-encoding"


class _PiecesThenFails(_Pieces):
    """The reads of *pieces*, then an error, as a connection reset gives."""

    def read(self, size: int | None = -1, /) -> bytes:
        if not self._pieces:
            raise OSError("connection reset")
        return super().read(size)


class TestStreams:
    def test_a_first_read_of_four_bytes_is_decoded_before_the_next(self) -> None:
        """Four bytes are enough to tell the encoding: the error in them comes
        before a read that fails (or, on a pipe, waits)."""
        stream = _PiecesThenFails([b"a\n\xff\n"])
        with pytest.raises(bloglist.ParseError) as info:
            list(bloglist.iterload(stream))
        assert (info.value.lineno, info.value.colno) == (2, 1)

    def test_a_byte_order_mark_cut_by_an_empty_read_is_cut(self) -> None:
        """An empty read is the end, as a terminal's Ctrl-D on an empty line
        is: a mark cut there is two bytes that are not UTF-8, the error of
        the same bytes read at once, and nothing past the end is read. (This
        test said the reading went on past it, read to tell the encoding,
        which made a terminal's user press Ctrl-D twice.)"""
        stream = _Pieces([b"\xef\xbb", b"", b"\xbfhello\n\nexcerpt\n"])
        with pytest.raises(bloglist.ParseError) as cut:
            list(bloglist.iterload(stream))
        with pytest.raises(bloglist.ParseError) as whole:
            bloglist.load(io.BytesIO(b"\xef\xbb"))
        assert (cut.value.msg, cut.value.lineno, cut.value.colno) == (
            whole.value.msg,
            whole.value.lineno,
            whole.value.colno,
        )
        assert cut.value.code == "invalid-utf8"

    def test_a_stream_whose_fileno_raises_value_error_is_read(self) -> None:
        """A buffered stream over a raw one with no file descriptor to give
        (``fileno`` raising ValueError) reads as any other."""

        class Raw(io.RawIOBase):
            def __init__(self) -> None:
                self.data = b"\nTitle\n\nExcerpt\n"

            def readinto(self, buffer: Any, /) -> int:
                n = min(len(buffer), len(self.data))
                buffer[:n], self.data = self.data[:n], self.data[n:]
                return n

            def readable(self) -> bool:
                return True

            def fileno(self) -> int:
                raise ValueError("no file descriptor")

        items = list(bloglist.iterload(io.BufferedReader(Raw())))
        assert [(type(x), getattr(x, "title", None)) for x in items] == [
            (bloglist.Post, "Title")
        ]


class TestParser:
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
