"""bloglist.iterload: the posts and diagnostics of load, from a file read a piece at a time."""

from __future__ import annotations

import array
import http.client
import io
import itertools
import os
import queue
import random
import socket
import string
import subprocess
import sys
import threading
import tracemalloc
from collections.abc import Callable
from itertools import cycle
from pathlib import Path
from typing import Any, ClassVar, cast

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import bloglist
import bloglist._parse as bloglist_parse
from bloglist import Diagnostic, Listing, ParseError, Post
from bloglist._lines import iter_lines, split_lines
from bloglist._readers import TEXT_MODE_NOTE
from test_properties import GRAMMAR_LINES, KNOWN, TEXTS, header_runs

SIZES = st.lists(st.integers(1, 9), min_size=1, max_size=6)


class Pieces:
    """A file whose read(size) returns pieces of the given sizes in turn, never more than asked."""

    def __init__(self, data: str | bytes, sizes: list[int]) -> None:
        self.data = data
        self.at = 0
        self.sizes = cycle(sizes)
        self.reads = 0

    def read(self, size: int = -1, /) -> Any:
        self.reads += 1
        n = len(self.data) if size < 0 else min(size, next(self.sizes))
        piece = self.data[self.at : self.at + n]
        self.at += len(piece)
        return piece


class _RawPieces(io.RawIOBase):
    """A binary file whose reads give *pieces*, one a read, whatever size
    is asked for (as a pipe or a socket may)."""

    def __init__(self, pieces: list[bytes]) -> None:
        super().__init__()
        self._pieces = list(pieces)

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1, /) -> bytes:
        return self._pieces.pop(0) if self._pieces else b""


class _RawReads(io.RawIOBase):
    """A raw binary file of the program's own, with no descriptor, whose
    reads give *reads* in turn: bytes, or None for "no data yet" (as a
    non-blocking pipe or socket would), then the end."""

    def __init__(self, reads: list[bytes | None]) -> None:
        super().__init__()
        self.reads = list(reads)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if not self.reads:
            return 0
        piece = self.reads.pop(0)
        if piece is None:
            return None
        buffer[: len(piece)] = piece
        return len(piece)


def items(
    data: str | bytes, sizes: list[int], **options: object
) -> list[Post | Diagnostic]:
    return list(bloglist.iterload(Pieces(data, sizes), **options))  # type: ignore[call-overload]


def outcome(run: object) -> object:
    """What *run* gives: its posts and diagnostics, or the error it raises."""
    try:
        found = run()  # type: ignore[operator]
    except ParseError as err:
        return ("error", err.msg, err.lineno, err.colno, err.code)
    if isinstance(found, Listing):
        return ([(p, p.lineno) for p in found], list(found.diagnostics))
    posts = [(p, p.lineno) for p in found if isinstance(p, Post)]
    return (posts, [d for d in found if isinstance(d, Diagnostic)])


class TestSameAsLoad:
    @given(TEXTS, KNOWN, SIZES)
    @example("a\r\nb\r\rc\r", None, [2])
    @example("\ufeff\ufeffT\n\nE", None, [1])
    def test_text_files_give_what_load_gives(
        self, text: str, tags: list[str] | None, sizes: list[int]
    ) -> None:
        """The same posts (and line numbers) and diagnostics, however the file is cut."""
        listing = bloglist.load(io.StringIO(text), known_tags=tags)
        assert outcome(lambda: items(text, sizes, known_tags=tags)) == outcome(
            lambda: listing
        )

    @given(header_runs(), SIZES)
    def test_long_runs_of_headers_give_what_load_gives(
        self, text: str, sizes: list[int]
    ) -> None:
        """A run of lone header lines, counted past 100 lines, however cut."""
        listing = bloglist.load(io.StringIO(text))
        assert outcome(lambda: items(text, sizes)) == outcome(lambda: listing)

    @given(TEXTS, KNOWN, SIZES, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    def test_binary_files_give_what_load_gives(
        self, text: str, tags: list[str] | None, sizes: list[int], encoding: str
    ) -> None:
        """Bytes in each encoding load reads, cut anywhere, even inside a character."""
        data = text.encode(encoding, "surrogatepass")
        assert outcome(lambda: items(data, sizes, known_tags=tags)) == outcome(
            lambda: bloglist.load(io.BytesIO(data), known_tags=tags)
        )

    @given(st.binary(), SIZES)
    @example(b"\xff\xfe\x00", [1])
    @example(b"\xff\xfe\x00\x00", [1])
    @example(b"\xfe\xff\xd8\x00", [3])
    @example(b"\xef\xbb\xbf\r\n\xe9", [1])
    @example(b"T\r\n\r\nE\xed\xa0\x80", [2])
    @example(b"\nTi\r\n\xff", [4, 2])  # the \n of a cut \r\n, then the bad byte
    @example(b"\xef\xbb\xbfCaf\xe9!", [9])  # the mark and the bad byte in one piece
    @example(b"\xff\xfeC\x00\x00\xdcC\x00", [9])
    def test_undecodable_bytes_raise_what_load_raises(
        self, data: bytes, sizes: list[int]
    ) -> None:
        """The same ParseError, at the same line and column, or the same reading."""
        assert outcome(lambda: items(data, sizes)) == outcome(
            lambda: bloglist.load(io.BytesIO(data))
        )

    @given(TEXTS, KNOWN, SIZES)
    def test_strict_mode_raises_what_load_raises(
        self, text: str, tags: list[str] | None, sizes: list[int]
    ) -> None:
        """Strict mode raises the first error load raises, or gives the same reading."""
        assert outcome(
            lambda: items(text, sizes, known_tags=tags, strict=True)
        ) == outcome(
            lambda: bloglist.load(io.StringIO(text), known_tags=tags, strict=True)
        )

    @given(
        TEXTS,
        SIZES,
        st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"]),
        st.integers(0),
    )
    @example("Mar 5\nT\n\nE\nx\nx\nx\n", [1 << 16], b"\xff", 1 << 20)
    @example("\nT\n\nE\n\nU\n\nF\n", [1 << 16], b"\xff", 1 << 20)  # posts, then
    def test_strict_mode_raises_what_load_raises_before_undecodable_bytes(
        self, text: str, sizes: list[int], bad: bytes, at: int
    ) -> None:
        """Strict mode raises the earliest error: a problem in the lines
        before undecodable bytes comes before the bytes' own (load decoded
        the whole file first, and raised the bytes' error though a line
        before them was wrong, where iterload raised the line's)."""
        encoded = text.encode("utf-8", "surrogatepass")
        at %= len(encoded) + 1
        data = encoded[:at] + bad + encoded[at:]
        raised = outcome(lambda: items(data, sizes, strict=True))
        assert raised == outcome(lambda: bloglist.load(io.BytesIO(data), strict=True))
        lenient = outcome(lambda: bloglist.load(io.BytesIO(data)))
        # The bytes' error, which a lenient load raises, unless the lines
        # before them hold an earlier one (or the bytes make a character).
        if isinstance(lenient, tuple) and lenient[0] == "error" and raised != lenient:
            assert isinstance(raised, tuple) and raised[0] == "error"
            assert raised[2:4] < lenient[2:4]

    @given(TEXTS, SIZES)
    def test_the_order_does_not_depend_on_the_pieces(
        self, text: str, sizes: list[int]
    ) -> None:
        """Posts and diagnostics come in the same order however the file is cut."""
        assert items(text, sizes) == items(text, [len(text) + 1])


class TestLines:
    @given(TEXTS, SIZES)
    @example("a\r", [1])
    @example("\r\n\r\n", [1])
    def test_pieces_split_as_the_whole_text(self, text: str, sizes: list[int]) -> None:
        """The lines of the pieces, put together, are the lines of the whole text."""
        reader = Pieces(text, sizes)
        lines = [line for chunk in iter_lines(lambda: reader.read(3)) for line in chunk]
        assert lines == split_lines(text)

    def test_a_crlf_cut_in_two_is_one_break(self) -> None:
        """A ``\\r`` at the end of a piece and a ``\\n`` at the start of the
        next are one line break."""
        reader = Pieces("T\r\n\r\nE\r\nDataScience\r", [2])
        posts = list(bloglist.iterload(reader))
        assert posts == [Post(title="T", excerpt="E", tags=("Data", "Science"))]

    def test_a_file_is_read_as_the_posts_are_wanted(self) -> None:
        """The first post comes before the file has been read to its end."""
        text = "\nTitle\n\nExcerpt\n" * 100_000
        reader = Pieces(text, [1 << 16])
        first = next(bloglist.iterload(reader))
        assert isinstance(first, Post)
        assert reader.at < len(text) / 10


class TestOrder:
    def test_a_post_comes_after_the_diagnostics_about_it(self) -> None:
        """A diagnostic as soon as its line is read; a post once its last line is."""
        text = "Feb 30, 2024\n\nOne\n\nFirst\nDataData\nJunk\n\nTwo\n\nSecond\nsticky"
        found = list(bloglist.iterload(io.StringIO(text)))
        assert [type(x).__name__ for x in found] == [
            "Diagnostic",  # invalid-date, line 1
            "Diagnostic",  # duplicate-tag, line 6
            "Post",  # One, complete at line 6
            "Diagnostic",  # extra-line, line 7
            "Post",  # Two, complete at the end
            "Diagnostic",  # missing-title, line 12: found at the end
        ]
        codes = [x.code for x in found if isinstance(x, Diagnostic)]
        assert codes == ["invalid-date", "duplicate-tag", "extra-line", "missing-title"]

    def test_strict_mode_gives_the_posts_before_the_error(self) -> None:
        """In strict mode the posts before the first error come out, then it raises."""
        stream = bloglist.iterload(
            io.StringIO("\nOne\n\nFirst\n\nFeb 30, 2024\n\nTwo\n\nSecond"), strict=True
        )
        assert next(stream) == Post(title="One", excerpt="First")
        with pytest.raises(ParseError, match="not a real day"):
            next(stream)

    @pytest.mark.parametrize(
        "read",
        [
            bloglist.load,
            lambda fp, known_tags: list(bloglist.iterload(fp, known_tags=known_tags)),
        ],
    )
    def test_known_names_may_come_once(self, read: Any) -> None:
        """A generator of known names is read once, and used."""
        data = b"\nT\n\nE\nGenAINews\n"
        found = read(io.BytesIO(data), known_tags=(name for name in ["GenAI"]))
        assert [p.tags for p in found if isinstance(p, Post)] == [("GenAI", "News")]

    def test_closed_it_reads_no_more_and_leaves_the_file_open(self) -> None:
        """``close()`` (typed: iterload is a generator) stops the reading
        where it is; the file is its owner's to close."""
        data = io.BytesIO(b"\nOne\n\nFirst\n" + b"\nMore\n\nText\n" * 100_000)
        stream = bloglist.iterload(data)
        assert next(stream) == Post(title="One", excerpt="First")
        stream.close()
        assert list(stream) == []
        assert not data.closed and data.tell() < len(data.getvalue())

    @pytest.mark.parametrize("limit", [None, 2, 1000])
    @pytest.mark.parametrize("count", [99, 100, 101, 102, 150])
    @pytest.mark.parametrize(
        ("head", "line", "open_at_the_end"),
        [
            (b"\nT\n\nE\nTag\n", b"junk\n", 0),  # lines after a tag line
            (b"", b"sticky\n", 1),  # headers with no post; the last may start one
        ],
    )
    def test_a_run_counted_so_far_is_reported_when_reading_stops(
        self,
        head: bytes,
        line: bytes,
        open_at_the_end: int,
        count: int,
        limit: int | None,
    ) -> None:
        """Bytes that are not UTF-8 stop the reading: a run of lines that one
        diagnostic counts is reported first, to the last line read, as at the
        end of the text (the last header, which a post could have followed,
        is the post being read, and not reported). The run's lines past the
        first 100 were lost before, and a count past the limit missed them."""
        data = head + line * count
        stopped: list[Post | Diagnostic] = []
        with pytest.raises(ParseError) as raised:
            stopped.extend(
                bloglist.iterload(io.BytesIO(data + b"\xff"), max_diagnostics=limit)
            )
        assert (raised.value.code, raised.value.lineno) == (
            "invalid-utf8",
            data.count(b"\n") + 1,
        )
        read = head + line * (count - open_at_the_end)
        assert stopped == list(
            bloglist.iterload(io.BytesIO(read), max_diagnostics=limit)
        )


def _read_until_the_error(
    pieces: list[bytes],
) -> tuple[list[object], bloglist.ParseError]:
    """What iterload yields from *pieces* before its ParseError, and the error."""
    found: list[object] = []
    with pytest.raises(bloglist.ParseError) as caught:
        found.extend(bloglist.iterload(_RawPieces(pieces)))  # keeps what came first
    return found, caught.value


# Two posts, then a line with a byte that is not UTF-8 (line 11, column 5).
_GOOD = b"\nA\n\nx\nTag\n\nT\n\nE\nNews\n"
_BAD_LINE = b"Junk\xff\n"
_DATA = _GOOD + _BAD_LINE


class TestThePostBeforeABadByteComesOut:
    """A bad byte on the line after a post stops ``iterload`` with a
    ParseError at its place only after that post, however the reads cut the
    file: the post is not lost because its last line and the bad one came
    in one read."""

    def test_a_tag_line_that_straddles_two_reads(self) -> None:
        found, error = _read_until_the_error([b"\nT\n\nE\n", b"News\nJunk\xff\n"])
        assert found == [bloglist.Post(title="T", excerpt="E", tags=("News",))]
        assert (error.lineno, error.colno) == (6, 5)

    @pytest.mark.parametrize("cut", range(1, len(_DATA)))
    def test_every_cut_into_two_reads(self, cut: int) -> None:
        found, error = _read_until_the_error([_DATA[:cut], _DATA[cut:]])
        assert found == list(bloglist.loads(_GOOD.decode("utf-8")))
        assert (error.lineno, error.colno) == (11, 5)

    @pytest.mark.parametrize("size", range(1, len(_DATA) + 1))
    def test_every_size_of_read(self, size: int) -> None:
        pieces = [_DATA[at : at + size] for at in range(0, len(_DATA), size)]
        found, error = _read_until_the_error(pieces)
        assert found == list(bloglist.loads(_GOOD.decode("utf-8")))
        assert (error.lineno, error.colno) == (11, 5)

    def test_a_run_of_lines_ended_before_the_bad_byte_is_counted_once(self) -> None:
        """A run of 150 lines after a tag line, past the 100 reported one by
        one, ended by a blank line, then a post and a bad byte: the run's
        count comes once, where the run ends, and not again as reading
        stops."""
        data = b"\nT\n\nE\nTags\n" + b"junk\n" * 150 + b"\nT2\n\nE2\nbad\xff\n"
        items: list[object] = []
        with pytest.raises(ParseError) as stopped:
            items.extend(bloglist.iterload(io.BytesIO(data)))
        counts = [
            item
            for item in items
            if isinstance(item, Diagnostic) and "more lines" in item.message
        ]
        assert [(item.lineno, item.message) for item in counts] == [
            (
                106,
                "50 more lines after the tag line, to line 155; a post ends "
                "with its tag line",
            )
        ]
        assert stopped.value.lineno == 160
        # Nothing after the count: the post of the bad line is not read.
        assert items[-1] is counts[0]


class TestArguments:
    def test_bad_options_raise_at_the_call(self) -> None:
        """The vocabulary is checked when iterload is called, not at the first post."""
        with pytest.raises(TypeError, match="not a str"):
            bloglist.iterload(io.StringIO(""), known_tags="GenAI")

    @pytest.mark.parametrize("mode", ["rb", "r", "memory"])
    @pytest.mark.parametrize("name", ["load", "iterload"])
    def test_a_closed_file_is_refused_at_the_call(
        self, tmp_path: Path, mode: str, name: str
    ) -> None:
        """A file closed before it is given is a ValueError that says so,
        raised by the call itself for both readers: iterload used to return
        a generator that failed at its first next(), with the message of the
        file's read() ("I/O operation on closed file.")."""
        path = tmp_path / "listing.txt"
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        fp: Any = (
            io.BytesIO(path.read_bytes())
            if mode == "memory"
            else path.open(mode, encoding=None if "b" in mode else "utf-8")
        )
        fp.close()
        with pytest.raises(ValueError, match="closed") as refused:
            getattr(bloglist, name)(fp)
        assert str(refused.value) == f"{name}() was given a closed file: open it again"

    def test_an_empty_file_gives_nothing(self) -> None:
        """No posts, no diagnostics, from text or bytes."""
        assert list(bloglist.iterload(io.StringIO(""))) == []
        assert list(bloglist.iterload(io.BytesIO(b""))) == []

    def test_a_real_file(self, tmp_path: Path) -> None:
        """A file on disk, opened in binary or text mode."""
        path = tmp_path / "listing.txt"
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        expected = bloglist.loads(bloglist.sample_text())
        with path.open("rb") as binary:
            assert list(bloglist.iterload(binary)) == list(expected)
        with path.open(encoding="utf-8") as text:
            assert list(bloglist.iterload(text)) == list(expected)


class TestReadAsTheReaderCallsIt:
    """A read() of the caller's own that cannot be called as the reader calls
    it (iterload: read(size); load: read()) is refused at the call, naming
    the other reader, not by Python from inside the reading."""

    class NoSize:
        def read(self) -> str:
            return "\nT\n\nE\n"

    class NeedsSize:
        def __init__(self) -> None:
            self.text = "\nT\n\nE\n"

        def read(self, size: int) -> str:
            piece, self.text = self.text[:size], self.text[size:]
            return piece

    def test_iterload_refuses_a_read_of_no_size_at_the_call(self) -> None:
        with pytest.raises(TypeError) as caught:
            bloglist.iterload(self.NoSize())  # type: ignore[call-overload]
        assert str(caught.value) == (
            "iterload() reads a file a piece at a time, with read(size), and "
            "NoSize.read() takes no size; read it whole with load(fp)"
        )
        assert [post.title for post in bloglist.load(self.NoSize())] == ["T"]

    def test_load_refuses_a_read_that_needs_a_size_at_the_call(self) -> None:
        with pytest.raises(TypeError) as caught:
            bloglist.load(self.NeedsSize())  # type: ignore[call-overload]
        assert str(caught.value) == (
            "load() reads a file whole, with read(), and NeedsSize.read() needs "
            "a size; read it a piece at a time with iterload(fp)"
        )
        items = list(bloglist.iterload(self.NeedsSize()))
        assert [item.title for item in items if isinstance(item, Post)] == ["T"]

    def test_reads_that_take_either_call_are_read_by_both(self) -> None:
        """A size with a default, *args, a class or static method, a
        function of the instance, or a read in C: nothing to refuse."""
        text = "\nT\n\nE\n"

        class Default:
            def __init__(self) -> None:
                self.left = text

            def read(self, size: int = -1) -> str:
                piece = self.left if size < 0 else self.left[:size]
                self.left = self.left[len(piece) :]
                return piece

        class Star(Default):
            def read(self, *args: int) -> str:
                return super().read(*args)

        class Once:
            given: ClassVar[list[str]] = [text]

            @classmethod
            def read(cls, size: int = -1) -> str:
                return cls.given.pop() if cls.given else ""

        class Static:
            @staticmethod
            def read(size: int = -1) -> str:
                return ""

        attribute = Default()
        attribute.read = lambda *args: ""  # type: ignore[method-assign]
        for make in (
            Default,
            Star,
            Static,
            lambda: attribute,
            lambda: io.StringIO(text),
        ):
            listing = bloglist.load(make())
            items = list(bloglist.iterload(make()))
            assert list(listing) == [item for item in items if isinstance(item, Post)]
        assert [post.title for post in bloglist.load(Once())] == ["T"]
        Once.given = [text]
        assert [item.title for item in bloglist.iterload(Once())] == ["T"]  # type: ignore[union-attr]


class TestStreaming:
    """Diagnostics come as their lines are read, and memory stays flat (issue 12)."""

    def test_the_first_diagnostic_comes_from_the_first_piece(self) -> None:
        """A million lone 'sticky' lines: the first item before a second piece is read."""
        text = "sticky\n" * 1_000_000
        reader = Pieces(text, [1 << 16])
        stream = bloglist.iterload(reader)
        first = next(stream)
        assert isinstance(first, Diagnostic)
        assert (first.lineno, first.code) == (1, "missing-title")
        assert reader.reads <= 2  # the first piece, and at most one to see past it
        assert reader.at < len(text)

    @given(
        lines=st.lists(GRAMMAR_LINES, max_size=12),
        codec=st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]),
    )
    @example(lines=["", "T", "", "E", "Tag", "Junk", "Next line"], codec="utf-8")
    def test_an_item_comes_when_its_line_break_is_read_whichever_it_is(
        self, lines: list[str], codec: str
    ) -> None:
        """Read a byte at a time, each post and diagnostic comes out as soon as
        the line break that decides it is read: after a ``\\r`` as after a
        ``\\n``, not once the next line has been read too. The oracle: the
        same lines with ``\\n`` breaks, and how many lines had begun when
        each item came out. A ``\\r\\n`` read a byte at a time, its two
        halves in two pieces, is one break, and gives the same."""

        # U+FEFF then a NUL, in UTF-16 LE, starts as UTF-32 LE's mark does.
        assume(codec != "utf-16-le" or not (lines and lines[0].startswith("\x00")))

        def when(brk: str) -> list[tuple[Post | Diagnostic, int]]:
            text = "".join(line + brk for line in lines)
            mark = "\ufeff" if codec != "utf-8" else ""
            data = (mark + text).encode(codec)
            reader = Pieces(data, [1])
            found = []
            for item in bloglist.iterload(reader, max_diagnostics=None):
                read = data[: reader.at].decode(codec, "ignore")
                found.append((item, len(split_lines(read))))
            return found

        by_lf = when("\n")
        assert when("\r") == by_lf
        assert when("\r\n") == by_lf

    @pytest.mark.parametrize(
        "wrap",
        [
            lambda fd: open(fd, "rb"),  # noqa: SIM115  # closed by the test
            lambda fd: open(fd, "rb", buffering=0),  # noqa: SIM115
        ],
        ids=["buffered", "unbuffered"],
    )
    def test_a_post_written_to_a_pipe_comes_before_the_writer_closes(
        self, wrap: Any
    ) -> None:
        """A post written to a pipe whose writer stays open, as a program
        that prints a post at a time, comes out at once from the pipe opened
        as files are (buffered: its read waits for a whole piece of 64 KiB,
        or for the end; its read1 does not), not when the writer is done."""
        read_end, write_end = os.pipe()
        got: queue.Queue[object] = queue.Queue()
        fp = wrap(read_end)

        def consume() -> None:
            for item in bloglist.iterload(fp):
                got.put(item)
            got.put(None)  # the end

        worker = threading.Thread(target=consume, daemon=True)
        try:
            os.write(write_end, b"Mar 5, 2024\n\nOne\n\nFirst.\nNews\n")
            worker.start()
            first = got.get(timeout=30)  # well before: the writer is open
            assert isinstance(first, Post)
            assert (first.title, first.tags) == ("One", ("News",))
            assert got.empty()
        finally:
            os.close(write_end)
            worker.join(timeout=30)
            fp.close()
        assert got.get(timeout=1) is None

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    def test_a_non_blocking_pipe_with_no_data_yet_is_no_end(self, reader: str) -> None:
        """A non-blocking pipe whose writer is still open, holding a whole
        post and the start of the next, read past the data it holds: an
        error (its read() gives None), not the end of the listing with the
        posts still to come lost. load's first read() gives what has come so
        far, which it does not take for the whole listing (it did: one post,
        the second lost without a word)."""
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        try:
            os.write(write_end, b"Mar 5, 2024\n\nOne\n\nFirst.\nNews\nMar 6")
            with (
                open(read_end, "rb") as fp,
                pytest.raises(TypeError, match="non-blocking and has no data yet"),
            ):
                read_all(fp, reader)
        finally:
            os.close(write_end)

    def test_a_pipe_made_non_blocking_while_it_is_read_is_no_end(self) -> None:
        """A pipe that blocks as iterload starts, made non-blocking by
        another holder of its end while it is read: a read that then finds
        no data yet is the error it is, not the end of the listing (a review
        found the posts after it lost without a word, the rest still in the
        pipe). Where the writer closes it, the end is the end."""
        read_end, write_end = os.pipe()
        try:
            with open(read_end, "rb") as fp:
                os.write(write_end, b"\nFirst\n\nOne.\nNews\n")
                stream = bloglist.iterload(fp)
                assert next(stream) == Post(
                    title="First", excerpt="One.", tags=("News",)
                )
                os.set_blocking(read_end, False)
                with pytest.raises(TypeError, match="non-blocking and has no data yet"):
                    next(stream)
        finally:
            os.close(write_end)
        read_end, write_end = os.pipe()
        with open(read_end, "rb") as fp:
            os.write(write_end, b"\nFirst\n\nOne.\nNews\n")
            stream = bloglist.iterload(fp)
            assert next(stream) == Post(title="First", excerpt="One.", tags=("News",))
            os.write(write_end, b"\nSecond\n\nTwo.\n")
            os.close(write_end)
            os.set_blocking(read_end, False)
            assert [post.title for post in stream] == ["Second"]  # type: ignore[union-attr]

    def test_load_of_a_raw_file_of_no_descriptor_that_has_no_data_yet(self) -> None:
        """A raw file of the program's own (io.RawIOBase, no descriptor) that
        gives "no data yet" (None) after some data: its read() (readall)
        ends what it returns there, as at its end, and load took the data
        so far for the whole listing (a review found the rest lost without a
        word). load reads it a piece at a time, as iterload does, and the
        None is the TypeError it is from any read; a raw file that gives no
        None loads whole, as before."""

        one, two = b"\nFirst\n\nOne.\nNews\n", b"\nSecond\n\nTwo.\nNews\n"
        for reader in (bloglist.load, bloglist.iterload):
            with pytest.raises(TypeError, match="non-blocking and has no data yet"):
                list(reader(_RawReads([one, None, two])))
        assert bloglist.load(_RawReads([one, two])) == bloglist.loads(
            (one + two).decode()
        )

    def test_load_of_a_non_blocking_pipe_reads_it_to_its_end(self) -> None:
        """A non-blocking pipe whose writer has written its listing in two
        pieces and closed it loads whole, as loads of the text."""
        text = "Mar 5, 2024\n\nOne\n\nFirst.\nNews\nMar 6, 2024\n\nTwo\n\nNext.\n"
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        os.write(write_end, text[:20].encode())
        os.write(write_end, text[20:].encode())
        os.close(write_end)
        with open(read_end, "rb") as fp:
            assert bloglist.load(fp) == bloglist.loads(text)

    def test_load_of_a_non_blocking_file_ends_at_a_first_read_of_nothing(
        self,
    ) -> None:
        """A file over a non-blocking descriptor (a FIFO opened before its
        writer, say) whose first read() gives nothing is at its end: load
        gives an empty listing and reads no further, as it reads such a
        file until a read gives nothing."""
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        pieces = [b"", b"\nTitle\n\nExcerpt\n", b""]
        calls = []

        class Reads:
            def fileno(self) -> int:
                return read_end

            def read(self, *size: int) -> bytes:
                calls.append(size)
                return pieces.pop(0)

        try:
            assert bloglist.load(Reads()) == bloglist.loads("")
        finally:
            os.close(read_end)
            os.close(write_end)
        assert len(calls) == 1

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    @pytest.mark.parametrize("writer_open", [True, False])
    def test_a_non_blocking_pipe_in_text_mode_is_refused(
        self, reader: str, writer_open: bool
    ) -> None:
        """In text mode, Python's read of a non-blocking pipe with no data yet
        gives "" as at the end (or fails inside the io module): the rest of
        the listing would be lost, so neither reader takes one, whether or
        not its writer is done, and both say to open it in binary mode."""
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        os.write(write_end, b"Mar 5, 2024\n\nOne\n\nFirst.\nNews\nMar 6")
        if not writer_open:
            os.close(write_end)
        try:
            with (
                open(read_end, encoding="utf-8") as fp,
                pytest.raises(
                    TypeError,
                    match=rf"^{reader}\(\) reads a file whose descriptor is "
                    r'non-blocking in binary mode only: .*; open it with "rb"$',
                ),
            ):
                read_all(fp, reader)
        finally:
            if writer_open:
                os.close(write_end)

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    def test_a_socket_with_a_timeout_in_text_mode_reads_whole(
        self, reader: str
    ) -> None:
        """A socket with a timeout has a non-blocking descriptor, but its
        file waits for data itself (up to the timeout): read in text mode as
        in binary mode, not refused as a non-blocking pipe is."""
        text = "Mar 5, 2024\n\nOne\n\nFirst.\nNews\n"
        ours, theirs = socket.socketpair()
        with ours, theirs:
            ours.settimeout(30)
            assert not os.get_blocking(ours.fileno())
            theirs.sendall(text.encode())
            theirs.close()
            with ours.makefile("r", encoding="utf-8") as fp:
                got = read_all(fp, reader)
        expected = bloglist.loads(text)
        assert not expected.diagnostics
        assert got == (expected if reader == "load" else list(expected))

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    @pytest.mark.parametrize("how", ["setblocking(False)", "descriptor only"])
    def test_a_non_blocking_socket_in_text_mode_is_refused(
        self, reader: str, how: str
    ) -> None:
        """A socket set non-blocking (a timeout of 0), or whose descriptor
        was made non-blocking under it, has the descriptor of a socket with
        a timeout, but its file gives nothing for "no data yet": in text mode
        that looks like the end, and iterload ended the listing after the
        first post with the second still to come (load failed inside the io
        module). Refused as a non-blocking pipe is, before any read."""
        ours, theirs = socket.socketpair()
        with ours, theirs:
            if how == "setblocking(False)":
                ours.setblocking(False)
            else:
                os.set_blocking(ours.fileno(), False)
            theirs.sendall(b"\nOne\n\nFirst.\n")  # the second post not sent yet
            with (
                ours.makefile("r", encoding="utf-8") as fp,
                pytest.raises(
                    TypeError,
                    match=rf"^{reader}\(\) reads a file whose descriptor is "
                    r'non-blocking in binary mode only: .*; open it with "rb"$',
                ),
            ):
                read_all(fp, reader)
            # Nothing was read: the post is still there for a binary read.
            assert ours.recv(64) == b"\nOne\n\nFirst.\n"

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    def test_an_http_response_with_a_timeout_in_text_mode_reads_whole(
        self, reader: str
    ) -> None:
        """The file of urlopen(url, timeout=...) wrapped in io.TextIOWrapper:
        its socket's descriptor is non-blocking, and its reads wait for data
        as the socket does. Read whole, as before, not refused: the socket
        lies behind layers of http.client's own."""
        text = "Mar 5, 2024\n\nOne\n\nFirst.\nNews\n\nTwo\n\nSecond.\n"
        body = text.encode()
        ours, theirs = socket.socketpair()
        with ours, theirs:
            ours.settimeout(30)
            assert not os.get_blocking(ours.fileno())
            theirs.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body
            )
            response = http.client.HTTPResponse(ours)
            response.begin()
            with io.TextIOWrapper(response, encoding="utf-8") as fp:
                got = read_all(fp, reader)
        expected = bloglist.loads(text)
        assert [post.title for post in expected] == ["One", "Two"]
        assert got == (expected if reader == "load" else list(expected))

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    def test_a_text_file_on_a_socket_descriptor_of_its_own_is_refused(
        self, reader: str
    ) -> None:
        """A text file opened on the descriptor of a socket with a timeout
        (non-blocking) reads it with os.read, which the timeout does not
        reach: a read with no data yet gives nothing, as at the end. With no
        socket object behind the file to say otherwise, it is refused."""
        ours, theirs = socket.socketpair()
        with ours, theirs:
            ours.settimeout(30)
            theirs.sendall(b"\nOne\n\nFirst.\n")
            with (
                open(ours.fileno(), encoding="utf-8", closefd=False) as fp,
                pytest.raises(
                    TypeError, match=r'binary mode only: .*open it with "rb"$'
                ),
            ):
                read_all(fp, reader)

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    def test_a_non_blocking_socket_in_binary_mode_with_no_data_yet_is_no_end(
        self, reader: str
    ) -> None:
        """In binary mode, the socket's read gives None for "no data yet":
        the error that names it, not a listing cut after the first post."""
        ours, theirs = socket.socketpair()
        with ours, theirs:
            ours.setblocking(False)
            theirs.sendall(b"\nOne\n\nFirst.\n")
            with (
                ours.makefile("rb") as fp,
                pytest.raises(TypeError, match="non-blocking and has no data yet"),
            ):
                read_all(fp, reader)

    @pytest.mark.parametrize("reader", ["load", "iterload"])
    def test_a_regular_file_opened_non_blocking_in_text_mode_reads_whole(
        self, reader: str, tmp_path: Path
    ) -> None:
        """O_NONBLOCK, which a program may give every open so as not to hang
        on a named pipe, means nothing to a regular file: all its data is
        there, and it is read in text mode as any file is."""
        path = tmp_path / "listing.txt"
        path.write_text(bloglist.sample_text(), encoding="utf-8")

        def opener(name: str, flags: int) -> int:
            return os.open(name, flags | os.O_NONBLOCK)

        with open(path, encoding="utf-8", opener=opener) as fp:
            assert not os.get_blocking(fp.fileno())
            got = read_all(fp, reader)
        expected = bloglist.loads(bloglist.sample_text())
        assert got == (expected if reader == "load" else list(expected))

    @pytest.mark.parametrize("kind", [bytes, str])
    def test_load_of_a_non_blocking_file_reads_on_past_a_short_read(
        self, kind: type
    ) -> None:
        """A non-blocking file whose reads give the listing a piece at a
        time, as its data comes, then the end: load joins the pieces (one
        post runs across them) and reads to the end, in bytes and in str."""
        text = "Mar 5, 2024\n\nOne\n\nFirst.\nNews\n\nTwo\n\nNext.\n"
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)

        class Trickle:
            def __init__(self) -> None:
                cuts = [0, 13, 30, len(text), len(text)]
                self.pieces = [
                    text[a:b].encode() if kind is bytes else text[a:b]
                    for a, b in itertools.pairwise(cuts)
                ]

            def fileno(self) -> int:
                return read_end

            def read(self) -> str | bytes:
                return self.pieces.pop(0)

        try:
            reader = Trickle()
            assert bloglist.load(reader) == bloglist.loads(text)
            assert reader.pieces == []
        finally:
            os.close(read_end)
            os.close(write_end)

    def test_load_of_a_non_blocking_file_refuses_str_then_bytes(self) -> None:
        """Each read of a file gives str or bytes, the same each time: a
        non-blocking file read to its end that gives both is refused by
        name, not joined."""
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)

        class Mixed:
            def __init__(self) -> None:
                self.pieces: list[str | bytes] = ["\nOne\n", b"\nFirst.\n", b""]

            def fileno(self) -> int:
                return read_end

            def read(self) -> str | bytes:
                return self.pieces.pop(0)

        try:
            with pytest.raises(
                TypeError, match=r"^read\(\) returned bytes after returning str$"
            ):
                bloglist.load(Mixed())
        finally:
            os.close(read_end)
            os.close(write_end)

    def test_a_buffered_reader_of_no_file_descriptor_streams(self) -> None:
        """A BufferedReader over a raw stream of no file descriptor (one of
        the program's own, which gives a few bytes a read, as a socket or a
        pipe may) is read with read1: the first post comes out before the
        rest is read, not once 64 KiB or the end have come; what load gives."""

        class Trickle(io.RawIOBase):
            def __init__(self, data: bytes) -> None:
                self.data, self.at = data, 0

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: Any) -> int:
                piece = self.data[self.at : self.at + 7]
                buffer[: len(piece)] = piece
                self.at += len(piece)
                return len(piece)

        data = bloglist.sample_text().encode() * 20  # under 64 KiB
        raw = Trickle(data)
        stream = bloglist.iterload(io.BufferedReader(raw))
        first = next(stream)
        assert raw.at < len(data) // 2
        items = [first, *stream]
        expected = bloglist.load(io.BytesIO(data))
        assert [item for item in items if isinstance(item, Post)] == list(expected)
        assert [item for item in items if isinstance(item, Diagnostic)] == list(
            expected.diagnostics
        )

    @pytest.mark.parametrize(
        ("reads", "whole"),
        [
            # No data yet once, then the rest: asked again, it comes.
            ([b"\nOne\n\nA.\nNews\n", None, b"\nTwo\n\nB.\nNews\n"], True),
            # No data yet twice: an error, not the end of the listing.
            ([b"\nOne\n\nA.\nNews\n", None, None, b"\nTwo\n\nB.\n"], False),
            # The same at the start.
            ([None, b"\nOne\n\nA.\nNews\n", b"\nTwo\n\nB.\nNews\n"], True),
            ([None, None, b"\nOne\n\nA.\nNews\n\nTwo\n\nB.\nNews\n"], False),
        ],
    )
    @pytest.mark.parametrize("can_tell", [True, False])
    def test_no_data_yet_under_a_buffered_reader_is_never_the_end(
        self,
        monkeypatch: pytest.MonkeyPatch,
        reads: list[bytes | None],
        whole: bool,
        can_tell: bool,
    ) -> None:
        """A BufferedReader over a raw stream of the program's own, with no
        descriptor, whose "no data yet" (None) its read1 and read() pass on
        as the end does: both readers ask the raw stream again, and a None
        then is the TypeError it is from any read, never a listing cut
        short without a word; where the system cannot tell a descriptor's
        blocking too (no os.get_blocking: Windows before Python 3.12)."""
        if not can_tell:
            monkeypatch.delattr(os, "get_blocking")

        data = b"".join(piece for piece in reads if piece is not None)
        if whole:
            expected = bloglist.load(io.BytesIO(data))
            assert [post.title for post in expected] == ["One", "Two"]
            assert expected.diagnostics == ()
            assert bloglist.load(io.BufferedReader(_RawReads(reads))) == expected
            items = list(bloglist.iterload(io.BufferedReader(_RawReads(reads))))
            assert items == list(expected)
        else:
            for read in (
                bloglist.load,
                lambda fp: list(bloglist.iterload(fp)),
            ):
                with pytest.raises(TypeError, match=r"^read\(\) returned None"):
                    read(io.BufferedReader(_RawReads(reads)))

    def test_a_socket_with_a_timeout_streams(self) -> None:
        """A socket with a timeout has a non-blocking descriptor, but its
        file waits for data (up to the timeout): iterload reads it with
        read1, and gives the posts come so far at once, not after 64 KiB,
        the end, or the timeout (a TimeoutError, and the posts lost)."""
        mine, theirs = socket.socketpair()
        with mine, theirs:
            mine.settimeout(30.0)
            theirs.sendall(b"\nOne\n\nA.\nNews\n\nTwo\n\nB.\nNews\n")
            with mine.makefile("rb") as fp:
                stream = bloglist.iterload(fp)
                first = next(stream)
                assert isinstance(first, Post)
                assert first.title == "One"
                theirs.sendall(b"\nThree\n\nC.\n")
                theirs.shutdown(socket.SHUT_WR)
                assert [post.title for post in stream] == ["Two", "Three"]  # type: ignore[union-attr]

    def test_load_checks_known_tags_before_it_reads(self) -> None:
        """known_tags of the wrong kind is refused before the file is read:
        a pipe's data are still there to read again."""
        read_end, write_end = os.pipe()
        os.write(write_end, b"\nT\n\nE\nNews\n\xff")
        os.close(write_end)
        with open(read_end, "rb") as fp:
            for wrong, message in (
                ("iOS", "known_tags must be an iterable of tag names, not a str"),
                (["iOS", None], "known_tags must be an iterable of str, got NoneType"),
                (5, "known_tags must be an iterable of tag names, not int"),
            ):
                with pytest.raises(TypeError) as caught:
                    bloglist.load(fp, known_tags=wrong)  # type: ignore[arg-type]
                assert str(caught.value) == message
            assert fp.read() == b"\nT\n\nE\nNews\n\xff"
        # A generator of names is read once, and its names used.
        text = io.BytesIO(b"\nT\n\nE\niOSNews\n")
        listing = bloglist.load(text, known_tags=(name for name in ["iOS"]))
        assert listing[0].tags == ("iOS", "News")

    def test_a_system_that_cannot_tell_blocking_reads_with_read(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Where os.get_blocking is missing (Windows before Python 3.12), a
        file is read with read(), as before read1 was used: what load gives."""
        monkeypatch.delattr(os, "get_blocking")
        path = tmp_path / "sample.txt"
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        with path.open("rb") as fp:
            assert list(bloglist.iterload(fp)) == list(
                bloglist.loads(bloglist.sample_text())
            )

    @pytest.mark.skipif(not hasattr(os, "set_blocking"), reason="a POSIX pipe")
    def test_a_system_that_cannot_tell_refuses_a_pipe_with_no_data_yet(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Read with read() there, a non-blocking pipe with no data yet is
        the documented TypeError, not the listing cut short in silence."""
        monkeypatch.delattr(os, "get_blocking")
        read, write = os.pipe()
        try:
            os.write(write, b"\nOne\n\nA.\n")
            os.set_blocking(read, False)
            with (
                open(read, "rb") as fp,
                pytest.raises(TypeError, match="non-blocking and has no data yet"),
            ):
                list(bloglist.iterload(fp))
        finally:
            os.close(write)

    def test_a_system_that_cannot_tell_reads_a_text_pipe(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Read with read() there, a pipe opened in text mode (standard
        input, say) is read, not refused as a non-blocking one would be."""
        monkeypatch.delattr(os, "get_blocking")
        read, write = os.pipe()
        os.write(write, b"\nOne\n\nA.\n")
        os.close(write)
        with open(read, encoding="utf-8") as fp:
            assert list(bloglist.load(fp)) == [bloglist.Post(title="One", excerpt="A.")]

    def test_a_read_of_the_callers_own_is_what_is_read(self) -> None:
        """A file object whose read() is the caller's own (a subclass that
        changes or counts what is read) is read with it, not with the
        read1() it inherits: iterload gives what load gives."""

        class Counted(io.BufferedReader):
            count = 0

            def read(self, size: int | None = -1, /) -> bytes:
                data = super().read(size)
                Counted.count += len(data)
                return data.replace(b"Mar", b"Apr")

        data = b"Mar 5, 2024\n\nOne\n\nFirst.\n"
        expected = bloglist.load(Counted(io.BytesIO(data)))
        assert expected[0].date is not None and expected[0].date.month == 4
        Counted.count = 0
        assert list(bloglist.iterload(Counted(io.BytesIO(data)))) == list(expected)
        assert Counted.count == len(data)

    @pytest.mark.big
    def test_a_long_run_of_lone_headers_streams_in_flat_memory(self) -> None:
        """Memory stays flat however long a run of header lines with no post is.

        Before, iterload held every diagnostic until the next post: 40,000
        lone 'sticky' lines held 40,000 of them, about 5 MB. Past the first
        hundred lines of a run, one diagnostic now counts the rest as the run
        ends, so 60,000 such lines (7.5 MB held before) stream in the memory
        of their pieces.
        """
        reader = Pieces("sticky\n" * 60_000, [1 << 16])
        tracemalloc.start()
        try:
            found = list(bloglist.iterload(reader))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert all(isinstance(d, Diagnostic) for d in found)
        diagnostics = cast("list[Diagnostic]", found)
        assert [(d.lineno, d.code) for d in diagnostics[:100]] == [
            (lineno, "missing-title") for lineno in range(1, 101)
        ]
        (last,) = diagnostics[100:]
        assert (last.lineno, last.code) == (101, "missing-title")
        assert last.message.startswith(
            "59900 more header lines with no post, to line 60000;"
        )
        assert peak < 3 * MB

    @pytest.mark.big
    @pytest.mark.parametrize(
        "shape",
        [
            # Date lines made long by spaces, each a real day, each distinct.
            "date",
            # Invalid date lines (a year of many digits), each distinct.
            "bad-date",
            # Tag lines of many distinct tags of astral letters (four bytes a
            # character), each line distinct: the costliest lines to remember.
            "tags",
        ],
    )
    def test_distinct_long_lines_stream_in_bounded_memory(
        self, shape: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The caches of header and tag lines are bounded in bytes, not only
        in lines: 32,768 distinct lines of up to a megabyte each would hold
        gigabytes. The bound is lowered to 1 MiB here, so that 6 to 8 MB of
        such lines show it: before, the caches kept them all, and the peak
        was about the size of the stream."""
        monkeypatch.setattr(
            bloglist_parse, "STREAM_CACHE_BYTES", 1 << 20, raising=False
        )
        up = [chr(0x1D400 + i) for i in range(26)]  # MATHEMATICAL BOLD CAPITAL A..Z
        low = [chr(0x1D41A + i) for i in range(26)]  # and small a..z
        if shape == "date":
            posts = (f"Mar 5,{' ' * (2000 + i)}2024\n\nT\n\nE\n" for i in range(4000))
        elif shape == "bad-date":
            posts = (f"Mar 5, {i:02000d}\n\nT\n\nE\n" for i in range(4000))
        else:
            pick = random.Random(4000).choice
            posts = (
                "\nT\n\nE\n"
                + "".join(pick(up) + pick(low) + pick(low) for _ in range(150))
                + "\n"
                for _ in range(4000)
            )
        texts = list(posts)
        data = "".join(texts).encode()
        assert len(data) > 6 * MB
        # The baseline: as many posts, all the same as the first, whose line
        # the caches remember once.
        same = (texts[0] * len(texts)).encode()
        bloglist.loads(texts[0])  # imports what the shape needs, before measuring

        def peak_of(data: bytes) -> int:
            tracemalloc.start()
            try:
                count = 0
                for item in bloglist.iterload(io.BytesIO(data), max_diagnostics=0):
                    count += isinstance(item, Post)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert count == 4000
            return peak

        assert peak_of(data) < peak_of(same) + 2 * MB

    @pytest.mark.big
    @pytest.mark.parametrize(
        ("shape", "multiple"),
        [
            # Names none alike of four characters, an uppercase letter, two
            # of 52 others and a lowercase letter: about 55 on Python 3.11.
            ("four", 60),
            # All 35,152 names of three characters: a shorter line, about 80.
            ("three", 85),
            # One-letter names that repeat (a, Ba, Ba...): about 35.
            ("aB", 40),
            # Outside ASCII: an uppercase letter, one of 52 others and a
            # lowercase letter of two UTF-8 bytes (a str of two bytes a
            # character), 300,000 names: about 68.
            ("three, two-byte", 80),
            # All the names of an uppercase letter and such a lowercase
            # letter, a line of 41 kB: about 94.
            ("two, two-byte", 105),
        ],
    )
    def test_a_long_tag_line_takes_the_stated_multiple_of_its_bytes(
        self, shape: str, multiple: int
    ) -> None:
        """The multiple of the longest line that bounds iterload's memory
        (docs/security.md): a tag line of short names, none alike, each a
        string, a case fold and two dictionary entries while it is split.
        It was stated as 40 while only names that repeat were measured."""
        upper, lower = string.ascii_uppercase, string.ascii_lowercase
        middle = string.digits + upper + "!#$%*+-/:;=?@^_~"
        # Lowercase letters of two UTF-8 bytes past Latin-1 (U+0100 to U+07FF).
        wide = [chr(c) for c in range(0x100, 0x800) if chr(c).islower()]
        parts, count = {
            "four": ((upper, middle, middle, lower), MB // 4),
            "three": ((upper, middle, lower), MB // 3),
            "three, two-byte": ((upper, middle, wide), 300_000),
            "two, two-byte": ((upper, wide), MB),
        }.get(shape, ((), 0))
        names = map("".join, itertools.product(*parts))
        line = "".join(itertools.islice(names, count)) if parts else "aB" * (MB // 2)
        data = f"\nT\n\nE\n{line}\n".encode()
        bloglist.loads("\nT\n\nE\naB\n")  # the modules a tag line needs
        tracemalloc.start()
        try:
            # aB repeats its names: one diagnostic, counted past the limit.
            found = list(bloglist.iterload(io.BytesIO(data), max_diagnostics=0))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        (post,) = [item for item in found if isinstance(item, Post)]
        assert "".join(post.tags) == line
        assert peak < multiple * len(data)

    def test_a_long_run_of_extra_lines_is_counted_as_it_ends(self) -> None:
        """Past a hundred lines after a tag line, one diagnostic counts the rest."""
        text = "\nT\n\nE\nTag\n" + "  x\n" * 250 + "\nNext\n\nWords"
        found = list(bloglist.iterload(io.StringIO(text)))
        diagnostics = [d for d in found if isinstance(d, Diagnostic)]
        assert len(diagnostics) == 101
        assert all(d.code == "extra-line" for d in diagnostics)
        assert [d.lineno for d in diagnostics[:100]] == list(range(6, 106))
        last = diagnostics[-1]
        assert (last.lineno, last.colno) == (106, 3)
        assert last.message.startswith("150 more lines after the tag line, to line 255")
        assert [p.title for p in found if isinstance(p, Post)] == ["T", "Next"]


class TestIterloadForgetsTheTagsOfEarlierLines:
    """``iterload``'s memory is bounded by its caches' bound in bytes, however
    many distinct tags a stream holds: when the tag cache is full it starts
    over and forgets every tag it has met, not only the lines (the slow
    test_the_tag_cache_keeps_to_its_bytes of tests/test_tag_split_oracle.py
    checks the bound itself, at its real size).

    The bound, 16 MiB, is lowered to 64 KiB here, as the streaming tests
    above lower it, so that 400 tag lines of two long tags each
    (1.6 MB of tags, each line new) show it in a fraction of a second:
    remembered without end, their tags were all kept."""

    def test_distinct_long_tags_stream_in_the_memory_of_the_same_one(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # The bound is private: no public way to lower it.
        monkeypatch.setattr(bloglist_parse, "STREAM_CACHE_BYTES", 64 << 10)

        def tag_line(i: int) -> str:
            name = "".join(chr(97 + i // 26**k % 26) for k in range(3))
            return f"A{name}{'b' * 2000}C{name}{'d' * 2000}"

        texts = [f"\nT\n\nE\n{tag_line(i)}\n" for i in range(400)]
        distinct = "".join(texts).encode()
        same = (texts[0] * len(texts)).encode()
        bloglist.loads(texts[0])  # imports what it needs, before measuring

        def peak_of(data: bytes) -> int:
            tracemalloc.start()
            try:
                # Counted, not kept: the posts' tags are what is measured.
                counts = [
                    len(item.tags)
                    for item in bloglist.iterload(io.BytesIO(data))
                    if isinstance(item, Post)
                ]
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert counts == [2] * 400
            return peak

        held, baseline = peak_of(distinct), peak_of(same)
        assert held < baseline + 512 * 1024


MB = 1 << 20


class Returns:
    """A file whose read() returns *value*, whatever the size asked."""

    def __init__(self, value: object) -> None:
        self.value = value

    def read(self, size: int = -1, /) -> Any:
        return self.value


def read_all(fp: object, reader: str) -> object:
    if reader == "load":
        return bloglist.load(fp)  # type: ignore[call-overload]
    return list(bloglist.iterload(fp))  # type: ignore[call-overload]


READERS = ["load", "iterload"]


class TestWhatReadMayReturn:
    """load and iterload accept and refuse the same things, with the same TypeError."""

    def test_a_read_that_raises_stop_iteration_is_no_end_of_file(self) -> None:
        """StopIteration from read(), which a generator cannot pass on, is
        Python's RuntimeError from iterload (docs/security.md), not the end
        of its items as if the file had ended; load passes it on."""

        class Stops:
            def read(self, size: int = -1, /) -> str:
                raise StopIteration

        with pytest.raises(RuntimeError, match="generator raised StopIteration"):
            list(bloglist.iterload(Stops()))
        with pytest.raises(StopIteration):
            bloglist.load(Stops())

    @pytest.mark.parametrize("reader", READERS)
    @pytest.mark.parametrize(
        ("value", "name"),
        [(5, "int"), ([1, 2], "list"), ({}, "dict"), (1.5, "float")],
    )
    def test_anything_but_text_or_bytes_is_refused(
        self, reader: str, value: object, name: str
    ) -> None:
        """An int is not five NULs, nor a list of ints bytes: both readers refuse them."""
        with pytest.raises(
            TypeError, match=rf"^read\(\) returned {name}, not str or bytes$"
        ):
            read_all(Returns(value), reader)

    @pytest.mark.parametrize("reader", READERS)
    def test_none_from_a_non_blocking_file_is_an_error(self, reader: str) -> None:
        """None means no data yet: parsing on would cut the listing short."""
        with pytest.raises(TypeError, match="non-blocking"):
            read_all(Returns(None), reader)

    def test_none_after_some_data_is_an_error_too(self) -> None:
        """iterload stops at None in the middle of a file rather than end there."""

        class Stalls:
            def __init__(self) -> None:
                self.pieces = [b"\nT\n\nE\n", None, b"Tag"]

            def read(self, size: int, /) -> bytes | None:
                return self.pieces.pop(0)

        with pytest.raises(TypeError, match="non-blocking"):
            list(bloglist.iterload(Stalls()))  # type: ignore[arg-type]

    @pytest.mark.parametrize("reader", READERS)
    @pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
    def test_bytes_like_pieces_are_bytes(self, reader: str, kind: type) -> None:
        """bytes, bytearray and memoryview read alike, in both readers."""

        class Once:
            def __init__(self) -> None:
                self.data = [kind(b"\nT\n\nE\nTag"), kind(b"")]

            def read(self, size: int = -1, /) -> Any:
                return self.data.pop(0) if size >= 0 else self.data[0]

        found = read_all(Once(), reader)
        expected = [Post(title="T", excerpt="E", tags=("Tag",))]
        assert list(found) == expected  # type: ignore[call-overload]

    @pytest.mark.parametrize("reader", READERS)
    @pytest.mark.parametrize("path", ["listing.txt", Path("listing.txt")])
    def test_a_path_is_not_a_file(self, reader: str, path: object) -> None:
        """A path (str or os.PathLike) gets a TypeError that says to open the file."""
        with pytest.raises(TypeError, match=r"not a path .*open the file"):
            read_all(path, reader)

    @pytest.mark.parametrize("reader", READERS)
    def test_bytes_are_a_path_too(self, reader: str) -> None:
        """Bytes with no line break are a path, as open() takes one: the
        message says to open the file, as for a str (a review found only
        that bytes have no read() method)."""
        with pytest.raises(
            TypeError, match=r"not a path \(bytes\); open the file and pass that"
        ):
            read_all(b"listing.txt", reader)

    @pytest.mark.parametrize("reader", READERS)
    def test_an_object_without_read_is_refused(self, reader: str) -> None:
        with pytest.raises(TypeError, match="with a read\\(\\) method, not int"):
            read_all(7, reader)

    @pytest.mark.parametrize("reader", READERS)
    @pytest.mark.parametrize(
        ("given", "how"),
        [
            ("\nT\n\nE\n", "parse text with bloglist.loads(text)"),
            ("T\r\rE", "parse text with bloglist.loads(text)"),
            (b"\nT\n\nE", "give the bytes as a file: {reader}(io.BytesIO(data))"),
            (bytearray(b"\rT"), "give the bytes as a file: {reader}(io.BytesIO(data))"),
            (
                memoryview(b"\nT\n"),
                "give the bytes as a file: {reader}(io.BytesIO(data))",
            ),
        ],
    )
    def test_a_listings_text_is_named_so_with_the_call_that_reads_it(
        self, reader: str, given: object, how: str
    ) -> None:
        """A str or bytes with a line break is no file's name but the text
        itself, given to the reader of files: the error says so, and which
        call reads it, rather than to open it as a path. The call it names
        reads it as the text it is."""
        with pytest.raises(TypeError) as caught:
            read_all(given, reader)
        assert str(caught.value) == (
            f"{reader}() takes a file object, not {type(given).__name__}; this "
            "one holds a line break, so it is no path but a listing's text: "
            + how.format(reader=reader)
        )
        # Each text is a post titled T.
        got: Any = (
            bloglist.loads(given)
            if isinstance(given, str)
            else read_all(io.BytesIO(cast("bytes", given)), reader)
        )
        titles = [item.title for item in got if isinstance(item, Post)]
        assert titles == ["T"]

    @pytest.mark.parametrize("reader", READERS)
    def test_a_memoryview_in_pieces_or_without_a_break_is_no_file(
        self, reader: str
    ) -> None:
        """A memoryview with no line break, whose bytes are not one block (a
        slice with a step), or of items that are not bytes, is just not a
        file."""
        ints = memoryview(array.array("i", [10, 13]))  # its bytes hold 10 and 13
        for view in (memoryview(b"path.txt"), memoryview(b"\n\nT")[::2], ints):
            with pytest.raises(TypeError) as caught:
                read_all(view, reader)
            assert str(caught.value) == (
                f"{reader}() takes a file object with a read() method, not memoryview"
            )

    @pytest.mark.parametrize(
        ("pieces", "message"),
        [
            (["\nT\n", b"\nE"], "returned bytes after returning str"),
            ([b"\nT\n", "\nE"], "returned str after returning bytes"),
        ],
    )
    def test_a_file_keeps_to_text_or_bytes(
        self, pieces: list[str | bytes], message: str
    ) -> None:
        """A file that changes from text to bytes midway is refused, not mixed."""

        class Mixed:
            def read(self, size: int, /) -> str | bytes:
                return pieces.pop(0) if pieces else b""

        with pytest.raises(TypeError, match=message):
            list(bloglist.iterload(Mixed()))

    @pytest.mark.parametrize(
        "first", [b"", b"\n", b"\nT", b"\nTi", b"\nTit", b"\nTitl", b"\xef\xbb\xbf\nT"]
    )
    def test_the_first_end_of_the_file_ends_the_reading(self, first: bytes) -> None:
        """A file whose read returns nothing, then more (a terminal, where
        Ctrl-D ends what is typed, and more may be typed after): the reading
        ends at the first nothing, however short the piece before it. A
        piece of fewer bytes than tell the encoding (4) read on past it: Ctrl-D
        had to be pressed again."""
        pieces = [first, b"", b"\n\nExcerpt\n\nSecond\n\nE\n"]
        calls = []

        class Terminal:
            def read(self, size: int, /) -> bytes:
                calls.append(size)
                return pieces.pop(0) if pieces else b""

        got = outcome(lambda: list(bloglist.iterload(Terminal())))
        assert got == outcome(lambda: bloglist.load(io.BytesIO(first)))
        assert len(calls) == 2 - (not first)
        assert pieces[-1] == b"\n\nExcerpt\n\nSecond\n\nE\n"


class _PiecesThenFails(_RawPieces):
    """The reads of *pieces*, then an error, as a connection reset gives."""

    def read(self, size: int | None = -1, /) -> bytes:
        if not self._pieces:
            raise OSError("connection reset")
        return super().read(size)


class TestStreams:
    """Streams that read in odd pieces: a first read of a few bytes, an empty
    read that ends the text, a buffered stream with no file descriptor."""

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
        stream = _RawPieces([b"\xef\xbb", b"", b"\xbfhello\n\nexcerpt\n"])
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


POSIX = pytest.mark.skipif(sys.platform == "win32", reason="needs a terminal (pty)")


@POSIX
class TestATerminalEndsAtOneCtrlD:
    @pytest.mark.parametrize(
        "read",
        [
            lambda fp: list(bloglist.load(fp)),
            lambda fp: [
                i for i in bloglist.iterload(fp) if isinstance(i, bloglist.Post)
            ],
        ],
        ids=["load", "iterload"],
    )
    def test_a_buffered_terminal_is_read_to_its_first_end_of_input(
        self, read: Callable[[Any], list[bloglist.Post]]
    ) -> None:
        """A file opened on a terminal (``open(fd, "rb")``, a BufferedReader
        with a descriptor) ends at the first Ctrl-D, as ``cat`` does: it is
        read as the file it is, not as a reader with nothing under it, which
        would ask the terminal once more after its end of input."""
        import pty

        parent, child = pty.openpty()
        fp = open(child, "rb")  # noqa: SIM115  # closed below
        found: list[bloglist.Post] = []
        reader = threading.Thread(target=lambda: found.extend(read(fp)), daemon=True)
        try:
            reader.start()
            os.write(parent, b"\nT\n\nE\n\x04")
            reader.join(10)
            waited = reader.is_alive()
            if waited:
                os.write(parent, b"\x04")  # let the thread end
                reader.join(10)
        finally:
            fp.close()
            os.close(parent)
        assert not waited, "the read waited for a second Ctrl-D"
        assert found == [bloglist.Post(title="T", excerpt="E")]


@POSIX
def test_a_text_mode_terminal_s_bad_byte_says_to_open_it_in_binary_mode() -> None:
    """A terminal opened in text mode, read a line at a time: a byte that
    is not UTF-8 is the text layer's UnicodeDecodeError with the note that
    says to open it with "rb" (docs/security.md), as for a text file."""
    import pty

    parent, child = pty.openpty()
    fp = open(child, encoding="utf-8")  # noqa: SIM115  # closed below
    try:
        os.write(parent, b"\nT\xff\n\nE\n\x04")
        with pytest.raises(UnicodeDecodeError) as caught:
            list(bloglist.iterload(fp))
        assert caught.value.__notes__ == [TEXT_MODE_NOTE]
    finally:
        fp.close()
        os.close(parent)


class TestTextModeDecoding:
    """A file opened in text mode decodes itself, and its read() raises
    Python's UnicodeDecodeError for bytes it cannot decode, counted from the
    start of a piece and with no line: the readers pass it on with a note
    that says how to have the line and column (security.md)."""

    DATA = b"Mar 5, 2025\n\nTitle\n\nOne\n" * 3000 + b"\nCaf\xe9\n\nTwo\n"

    @pytest.mark.parametrize("name", ["load", "iterload"])
    def test_the_error_of_a_text_file_says_to_open_it_in_binary_mode(
        self, tmp_path: Path, name: str
    ) -> None:
        path = tmp_path / "listing.txt"
        path.write_bytes(self.DATA)
        with (
            open(path, encoding="utf-8") as fp,
            pytest.raises(UnicodeDecodeError) as caught,
        ):
            list(getattr(bloglist, name)(fp))
        assert caught.value.__notes__ == [TEXT_MODE_NOTE]
        assert 'open it with "rb"' in TEXT_MODE_NOTE
        # What the note promises: the same file in binary mode.
        with open(path, "rb") as fp, pytest.raises(ParseError) as parsed:
            list(getattr(bloglist, name)(fp))
        assert (parsed.value.lineno, parsed.value.colno) == (15002, 4)

    def test_standard_input_s_note_says_to_pass_its_buffer(self) -> None:
        """sys.stdin in a locale that cannot decode the listing: nobody opens
        it, so the note names what to pass instead, which reads it."""
        script = (
            "import sys, bloglist\n"
            "try:\n"
            "    bloglist.load(sys.stdin)\n"
            "except UnicodeDecodeError as exc:\n"
            "    print(*exc.__notes__)\n"
        )
        data = "\nCaf\u00e9\n\nWords [\u2026]\n".encode()
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
        run = subprocess.run(
            [sys.executable, "-c", script], input=data, capture_output=True, env=env
        )
        assert run.stdout.decode().rstrip("\n") == TEXT_MODE_NOTE
        assert "pass sys.stdin.buffer" in TEXT_MODE_NOTE
        script = "import sys, bloglist; print(bloglist.load(sys.stdin.buffer)[0].title)"
        run = subprocess.run(
            [sys.executable, "-X", "utf8", "-c", script],
            input=data,
            capture_output=True,
        )
        assert run.stdout.decode() == "Caf\u00e9\n"

    @pytest.mark.parametrize("newline", [None, ""])
    @pytest.mark.parametrize("name", ["load", "iterload"])
    def test_standard_input_that_escapes_bad_bytes_reads_as_its_bytes(
        self, name: str, newline: str | None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Standard input as Python opens it in the C, POSIX and C.UTF-8
        locales decodes UTF-8 with errors="surrogateescape": it raises nothing
        for a bad byte, but makes it a character U+DC80 to U+DCFF, which
        passed for text. The readers take the text back to its bytes, and
        read them as from "rb": the ParseError at the byte's line and column;
        the same posts for input with none; UTF-16 refused."""
        read = getattr(bloglist, name)

        def text_file(data: bytes) -> io.TextIOWrapper:
            stdin = io.TextIOWrapper(
                io.BytesIO(data),
                encoding="utf-8",
                errors="surrogateescape",
                newline=newline,
            )
            monkeypatch.setattr(sys, "stdin", stdin)
            return stdin

        with pytest.raises(ParseError) as parsed:
            list(read(text_file(self.DATA)))
        assert (parsed.value.code, parsed.value.lineno, parsed.value.colno) == (
            "invalid-utf8",
            15002,
            4,
        )
        good = self.DATA.replace(b"\xe9", b"\xc3\xa9").replace(b"\n", b"\r\n")
        assert outcome(lambda: list(read(text_file(good)))) == outcome(
            lambda: list(read(io.BytesIO(good)))
        )
        with pytest.raises(ParseError) as parsed:
            list(read(text_file("\nT\r\n\r\nE\r\n".encode("utf-16"))))
        assert (parsed.value.code, parsed.value.lineno, parsed.value.colno) == (
            "unsupported-encoding",
            1,
            1,
        )
        assert str(parsed.value) == (
            "standard input starts with a UTF-16 byte order mark, but is read as "
            "text that decodes UTF-8; read sys.stdin.buffer, which bloglist "
            "decodes (at line 1, column 1)"
        )
        # A UTF-32 mark, whose first two bytes are UTF-16's: refused as UTF-32,
        # as from "rb"; and a mark cut short by the end, as from "rb" too.
        for data in (b"\xff\xfe\x00\x00\nT\x00\x00\x00", b"\xff"):
            with pytest.raises(ParseError) as parsed:
                list(read(text_file(data)))
            with pytest.raises(ParseError) as whole:
                list(read(io.BytesIO(data)))
            assert (parsed.value.msg, parsed.value.code) == (
                whole.value.msg,
                whole.value.code,
            )

    def test_utf16_on_standard_input_is_refused_before_any_post(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The byte order mark is looked at in the first piece read, so that
        a stream of UTF-16 posts gives its error before any post; and input
        that is the mark alone, shorter than the four bytes looked at, is
        refused too, not an empty listing."""
        many = ("\ufeff" + "\nTitle\n\nExcerpt\nNews\n" * 50).encode("utf-16-le")
        for data in (many, b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\n\x00"):
            for name in ("load", "iterload"):
                monkeypatch.setattr(
                    sys,
                    "stdin",
                    io.TextIOWrapper(
                        io.BytesIO(data), encoding="utf-8", errors="surrogateescape"
                    ),
                )
                got: list[object] = []
                with pytest.raises(ParseError) as parsed:
                    got.extend(getattr(bloglist, name)(sys.stdin))
                assert got == []
                assert parsed.value.code == "unsupported-encoding"
                assert parsed.value.msg.startswith(
                    "standard input starts with a UTF-16 byte order mark"
                )

    def test_utf32_on_standard_input_read_in_short_pieces_is_utf32(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A standard input of the caller's own whose first read gives three
        characters: the four bytes looked at are gathered before the mark is
        told, so UTF-32's (whose first two bytes are UTF-16's) is named as
        UTF-32, as when the first read gives them all."""
        data = "\ufeff\nHello\n\nWords.\n".encode("utf-32-le")
        text = data.decode("utf-8", "surrogateescape")

        class Stdin(io.TextIOBase):
            encoding, errors = "utf-8", "surrogateescape"

            def __init__(self, pieces: list[str]) -> None:
                self.pieces = pieces

            def readable(self) -> bool:
                return True

            def read(self, size: int | None = -1) -> str:
                return self.pieces.pop(0) if self.pieces else ""

        said = []
        for pieces in ([text[:3], text[3:]], [text]):
            monkeypatch.setattr(sys, "stdin", Stdin(pieces))
            with pytest.raises(ParseError) as parsed:
                list(bloglist.iterload(sys.stdin))
            assert parsed.value.code == "unsupported-encoding"
            assert "UTF-32 byte order mark" in parsed.value.msg
            said.append(parsed.value.msg)
        assert said[0] == said[1]

    @pytest.mark.parametrize(
        ("encoding", "errors", "stdin", "escaped"),
        [
            ("UTF8", "surrogateescape", True, True),  # any spelling of the codec
            ("utf-8", "surrogateescape", False, False),  # a file the caller opened
            ("utf-8-sig", "surrogateescape", True, False),
            ("latin-1", "surrogateescape", True, False),
            ("no-such-codec", "surrogateescape", True, False),
            (None, "surrogateescape", True, False),
            ("utf-8", "strict", True, False),
            ("utf-8", None, True, False),
        ],
    )
    @pytest.mark.parametrize("name", ["load", "iterload"])
    def test_only_standard_input_of_utf_8_with_escapes_is_taken_back_to_bytes(
        self,
        name: str,
        encoding: str | None,
        errors: str | None,
        stdin: bool,
        escaped: bool,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Standard input that says how it decodes: only UTF-8 with
        surrogateescape is read as its bytes (its escape a bad byte); any
        other keeps its text, escapes and all (as loads keeps them), and so
        does a file the caller opened with surrogateescape, which chose it
        (to read back what dump wrote so). A surrogate that no decoding of
        UTF-8 makes is a bad byte too; what is not text is refused as
        before."""

        class Decoded:
            def __init__(self, pieces: list[object]) -> None:
                self.pieces = pieces
                self.encoding = encoding
                self.errors = errors

            def read(self, size: int = -1, /) -> object:
                if size < 0:
                    return "".join(map(str, self.pieces))
                return self.pieces.pop(0) if self.pieces else ""

        def opened(pieces: list[object]) -> Decoded:
            file = Decoded(pieces)
            if stdin:
                monkeypatch.setattr(sys, "stdin", file)
            return file

        read = getattr(bloglist, name)
        cases: list[tuple[list[object], tuple[int, int], str]] = [
            (["\nT\n", "\nCaf\udce9\n"], (4, 4), "Caf\udce9"),
            # A surrogate that no decoding escapes, past the first piece:
            # taken back to bytes, bytes that no UTF-8 holds.
            (["\n", "T\n\nE\ud800\n"], (4, 2), "E\ud800"),
        ]
        for pieces, at, excerpt in cases:
            got = outcome(lambda pieces=pieces: list(read(opened(pieces))))
            if escaped:
                assert got == ("error", got[1], *at, "invalid-utf8")  # type: ignore[index]
            else:
                [post] = got[0]  # type: ignore[index]
                assert post[0].excerpt == excerpt
        if name == "iterload":
            with pytest.raises(TypeError, match="returned None"):
                list(read(opened([None])))

    def test_standard_input_in_the_c_locale_reads_as_its_bytes(
        self, tmp_path: Path
    ) -> None:
        """load(sys.stdin) in a process of the C.UTF-8 locale, whose
        standard input escapes bad bytes: the ParseError of "rb", where it
        gave a listing with the byte as an escape character in its text."""
        path = tmp_path / "listing.txt"
        path.write_bytes(b"\nT\n\nAn excerpt with caf\xe9\n")
        script = (
            "import sys, bloglist\n"
            "assert sys.stdin.errors == 'surrogateescape', sys.stdin.errors\n"
            "try:\n"
            "    bloglist.load(sys.stdin)\n"
            "except bloglist.ParseError as exc:\n"
            "    print(exc.code, exc.lineno, exc.colno)\n"
        )
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        env.pop("PYTHONIOENCODING", None)
        env.pop("PYTHONUTF8", None)
        with open(path, "rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-c", script],
                stdin=stdin,
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
                check=True,
            )
        assert done.stdout == "invalid-utf8 4 20\n"

    @pytest.mark.parametrize("name", ["load", "iterload"])
    def test_other_errors_of_read_pass_unchanged(self, name: str) -> None:
        class Failing(io.StringIO):
            def read(self, size: int | None = -1, /) -> str:
                raise OSError("the disk went away")

        with pytest.raises(OSError, match="the disk went away") as caught:
            list(getattr(bloglist, name)(Failing()))
        assert not hasattr(caught.value, "__notes__")
