"""The readers and writers given the file objects programs have (from a
review that handed them the standard library's): a file that gives "no data
yet" is an error, never the end of what is read; a file closed, or not open
for writing, is refused at the call, before any post of a stream is taken;
standard input decoded as ASCII with ``surrogateescape`` reads back its bytes.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import bloglist
from bloglist._readers import TEXT_MODE_NOTE
from test_iterload import _RawReads as Pieces

SAMPLE = bloglist.loads(bloglist.sample_text())
JSONL = bloglist.to_jsonl(SAMPLE).encode("utf-8")


def trickle(data: bytes, step: int) -> Pieces:
    """A raw file of the caller's own, with no descriptor, that gives the
    bytes of *data* *step* at a time with "no data yet" (None) between them,
    as a raw file over a socket of its own may."""
    pieces: list[bytes | None] = []
    for at in range(0, len(data), step):
        pieces += [data[at : at + step], None]
    return Pieces(pieces)


@contextmanager
def _non_blocking_pipe(data: bytes) -> Iterator[int]:
    """The reading end of a non-blocking pipe that holds *data*, its
    writing end still open: a read past *data* finds no data yet."""
    read, write = os.pipe()
    try:
        os.set_blocking(read, False)
        os.write(write, data)
        yield read
    finally:
        os.close(write)


class TestNoDataYetIsNoEnd:
    @pytest.mark.skipif(not hasattr(os, "set_blocking"), reason="os.set_blocking")
    @pytest.mark.parametrize("mode", ["rb", "r"])
    def test_from_jsonl_refuses_a_non_blocking_pipe(self, mode: str) -> None:
        """Its lines ended at the first "no data yet": two records of twelve,
        without a word (a review found eleven of twelve lost)."""
        first_two = b"".join(JSONL.splitlines(keepends=True)[:2])
        with (
            _non_blocking_pipe(first_two) as fd,
            open(fd, mode) as fp,
            pytest.raises(TypeError, match="non-blocking"),
        ):
            bloglist.from_jsonl(fp)

    def test_from_jsonl_reads_a_raw_file_that_gives_no_data_yet(self) -> None:
        """Over a buffered reader, every record; raw, the reader's error."""
        got = bloglist.from_jsonl(io.BufferedReader(trickle(JSONL, 200)))
        assert got == SAMPLE
        with pytest.raises(TypeError, match=r"^read\(\) returned None"):
            bloglist.from_jsonl(trickle(JSONL, 200))

    @pytest.mark.parametrize(
        "read", [bloglist.load, lambda fp: list(bloglist.iterload(fp))]
    )
    def test_a_text_file_over_such_a_raw_file_is_read_whole(
        self, read: Callable[[io.TextIOWrapper], object]
    ) -> None:
        """load read it up to the first "no data yet", and took that for the
        end: two posts of twelve, without a word."""
        text = bloglist.sample_text().encode("ascii", "replace")
        found = read(io.TextIOWrapper(io.BufferedReader(trickle(text, 200)), "utf-8"))
        assert list(found) == list(bloglist.loads(text.decode()))  # type: ignore[call-overload]

    def test_lines_of_a_file_are_those_of_its_iteration(self, tmp_path: Path) -> None:
        """Read a piece at a time, a file's lines are those its own iteration
        gives: a line longer than a piece, a last line with no line break,
        \\r\\n, in binary and in text mode."""
        records = JSONL.splitlines(keepends=True)
        long = records[0].replace(b'"title":"', b'"title":"' + b"x" * 200_000, 1)
        data = long + b"".join(records[1:]).replace(b"\n", b"\r\n")[:-2]
        path = tmp_path / "posts.jsonl"
        path.write_bytes(data)
        for mode in ("rb", "r"):
            with path.open(mode) as fp:
                found = bloglist.from_jsonl(fp)
            with path.open(mode) as fp:
                assert found == bloglist.from_jsonl(list(fp))
            assert len(found) == len(SAMPLE)
            assert found[0].title.startswith("x" * 200_000)


A_POST, B_POST = b"\nA\n\nw.\n", b"\nB\n\nx.\n"
RECORD_A, RECORD_B = (
    bloglist.to_jsonl([bloglist.Post(title=t, excerpt="x")]).encode() for t in "AB"
)


def _text(pieces: list[bytes | None]) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedReader(Pieces(pieces)), encoding="utf-8")


class TestTextOverARawFileOfTheCallersOwn:
    """Python's text layer takes the raw file's None for the end, and gives
    "": the raw file's own answer tells the two apart (a review found posts
    after two None in a row, or after a None first, lost without a word)."""

    @pytest.mark.parametrize(
        "pieces", [[A_POST, None, None, B_POST], [None, A_POST, B_POST]]
    )
    def test_no_data_yet_is_an_error_not_the_end(
        self, pieces: list[bytes | None]
    ) -> None:
        records = [RECORD_A if p == A_POST else RECORD_B if p else p for p in pieces]
        for read, given in (
            (bloglist.load, pieces),
            (lambda fp: list(bloglist.iterload(fp)), pieces),
            (bloglist.from_jsonl, records),
        ):
            with pytest.raises(TypeError, match="no data yet"):
                read(_text(given))

    def test_its_end_is_the_end(self) -> None:
        for read in (bloglist.load, lambda fp: list(bloglist.iterload(fp))):
            found = read(_text([A_POST, B_POST]))
            assert [getattr(post, "title", None) for post in found] == ["A", "B"]
        assert [p.title for p in bloglist.from_jsonl(_text([RECORD_A, RECORD_B]))] == [
            "A",
            "B",
        ]

    def test_a_character_split_there_has_the_note_to_read_bytes(self) -> None:
        with pytest.raises(UnicodeDecodeError) as caught:
            bloglist.load(_text([b"\nA\n\nw\xc3", None, b"\xa9.\n"]))
        assert caught.value.__notes__ == [TEXT_MODE_NOTE]


class TestFilesOfTheCallersOwn:
    @pytest.mark.parametrize(
        "write", [bloglist.write_json, bloglist.write_jsonl, bloglist.write_csv]
    )
    def test_a_sink_with_write_alone_is_written_to(
        self, write: Callable[[object, object], None]
    ) -> None:
        """io's writable() is False for a class that does not say otherwise:
        a sink of the caller's own with write() alone (a tee, a logger) is
        written to, as before (a review found it refused)."""
        got: list[str] = []

        class Sink(io.TextIOBase):
            def write(self, text: str) -> int:
                got.append(text)
                return len(text)

        write(SAMPLE, Sink())
        assert "".join(got)

        class BinarySink(io.BufferedIOBase):
            def write(self, data: object) -> int:
                got.append(bytes(data))  # type: ignore[call-overload]
                return len(got[-1])

        got.clear()
        bloglist.dump(SAMPLE, BinarySink())
        assert b"".join(got) == bloglist.dumps(SAMPLE).encode()  # type: ignore[arg-type]

    def test_from_jsonl_takes_the_lines_of_an_io_class_with_no_read(self) -> None:
        """An io class of the caller's own that says it is readable but gives
        its lines with readline() or __next__ alone: its lines are taken as
        they come (a review found io's own placeholder read() raise)."""
        records = JSONL.decode().splitlines(keepends=True)

        class ReadLine(io.IOBase):
            def __init__(self) -> None:
                self._lines = list(records)

            def readable(self) -> bool:
                return True

            def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
                return self._lines.pop(0) if self._lines else ""

        class Next(io.TextIOBase):
            def __init__(self) -> None:
                self._lines = iter(records)

            def readable(self) -> bool:
                return True

            def __next__(self) -> str:  # type: ignore[override]
                return next(self._lines)

        assert bloglist.from_jsonl(ReadLine()) == SAMPLE
        assert bloglist.from_jsonl(Next()) == SAMPLE

    def test_a_raw_file_that_closes_itself_at_its_end_has_ended(self) -> None:
        """Asked again past its end, it would raise: it is not asked (a review
        found the readers fail with its ValueError)."""

        class Closing(io.RawIOBase):
            def __init__(self, data: bytes) -> None:
                self._data = data

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
                if self.closed:
                    raise ValueError("I/O operation on closed file.")
                if not self._data:
                    self.close()
                    return 0
                size = min(len(buffer), len(self._data))
                buffer[:size], self._data = self._data[:size], self._data[size:]
                return size

        def text(data: bytes) -> io.TextIOWrapper:
            return io.TextIOWrapper(io.BufferedReader(Closing(data)), encoding="utf-8")

        listing = bloglist.sample_text().encode()
        assert bloglist.load(io.BufferedReader(Closing(listing))) == SAMPLE
        assert bloglist.load(text(listing)) == SAMPLE
        assert bloglist.from_jsonl(io.BufferedReader(Closing(JSONL))) == SAMPLE
        assert bloglist.from_jsonl(text(JSONL)) == SAMPLE

    def test_from_jsonl_takes_an_io_class_that_only_iterates(self) -> None:
        """An io class of the caller's own that gives its lines and says it
        is not readable: its lines are taken as they come (a review found
        io's own read() raise from inside)."""

        class Lines(io.TextIOBase):
            def __init__(self, lines: list[str]) -> None:
                self._lines = iter(lines)

            def __next__(self) -> str:  # type: ignore[override]
                return next(self._lines)

        records = JSONL.decode().splitlines(keepends=True)
        assert bloglist.from_jsonl(Lines(records)) == SAMPLE


class TestFilesOfTheCallersOwnReading:
    def test_from_jsonl_takes_the_lines_of_a_file_whose_read_takes_no_size(
        self,
    ) -> None:
        """A file of the caller's own whose read() takes no size cannot be
        read a piece at a time: its lines are taken as they come."""

        class OwnRead(io.StringIO):
            def read(self) -> str:  # type: ignore[override]
                return super().read()

        assert bloglist.from_jsonl(OwnRead(JSONL.decode())) == SAMPLE

    def test_a_read_that_changes_its_type_is_refused(self) -> None:
        """Bytes, then text: a TypeError that says so, not one from deep inside."""

        class Mixed(io.RawIOBase):
            def __init__(self) -> None:
                self.pieces: list[object] = [JSONL[:100], JSONL[100:].decode()]

            def readable(self) -> bool:
                return True

            def read(self, size: int = -1) -> object:
                return self.pieces.pop(0) if self.pieces else b""

        with pytest.raises(
            TypeError, match=r"^read\(\) returned str after returning bytes$"
        ):
            bloglist.from_jsonl(Mixed())

    def test_standard_input_of_the_callers_own_is_escaped_too(self) -> None:
        """Standard input replaced by lines of the caller's own that say they
        decode UTF-8 with surrogateescape: read back to their bytes, as
        Python's own standard input is."""

        class Lines:
            encoding = "utf-8"
            errors = "surrogateescape"

            def __iter__(self) -> Iterator[str]:
                yield '{"title": "Caf\udce9", "date": null, "excerpt": "", '
                yield '"summary": "", "truncated": false, "tags": [], "sticky": false}\n'

        saved = sys.stdin
        sys.stdin = Lines()
        try:
            with pytest.raises(bloglist.ParseError) as caught:
                bloglist.from_jsonl(sys.stdin)
        finally:
            sys.stdin = saved
        assert (caught.value.code, caught.value.lineno) == ("invalid-utf8", 1)


class TestATerminal:
    """A terminal's text ends at one Ctrl-D at the start of a line; read a
    piece at a time, its text waited for a second one after the first piece
    (iterload did; a review found from_jsonl, read so, doing it too)."""

    class Typed(io.StringIO):
        def isatty(self) -> bool:
            return True

        def read(self, size: int | None = -1, /) -> str:
            raise AssertionError("a terminal's text is read a line at a time")

    def test_a_text_terminal_is_read_a_line_at_a_time(self) -> None:
        assert bloglist.from_jsonl(self.Typed(JSONL.decode())) == SAMPLE
        found = list(bloglist.iterload(self.Typed(bloglist.sample_text())))
        assert found == [*SAMPLE, *SAMPLE.diagnostics]

    @pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
    @pytest.mark.parametrize(
        ("call", "typed"),
        [
            ("len(bloglist.from_jsonl(sys.stdin))", RECORD_A),
            ("len(list(bloglist.iterload(sys.stdin)))", A_POST),
            ("len(bloglist.load(sys.stdin))", A_POST),
        ],
    )
    def test_one_ctrl_d_ends_it(self, call: str, typed: bytes) -> None:
        import pty
        import subprocess

        main, child = pty.openpty()
        code = f"import sys, bloglist; print({call})"
        with subprocess.Popen(
            [sys.executable, "-c", code], stdin=child, stdout=subprocess.PIPE
        ) as process:
            os.close(child)
            try:
                # A terminal makes each carriage return a line feed.
                os.write(main, typed.replace(b"\n", b"\r") + b"\x04")
                out, _ = process.communicate(timeout=30)
            finally:
                process.kill()
                os.close(main)
        assert out.split() == [b"1"]


class TestClosedOrUnwritable:
    @pytest.mark.parametrize(
        "write",
        [bloglist.write_json, bloglist.write_jsonl, bloglist.write_csv, bloglist.dump],
    )
    def test_a_writer_refuses_a_closed_file_before_taking_a_post(
        self, write: Callable[[Iterator[bloglist.Post], object], None], tmp_path: Path
    ) -> None:
        """Posts of a stream taken and then refused could not be read again
        (a review found the first batch lost)."""
        posts = iter(SAMPLE)
        closed = (tmp_path / "out").open("w", encoding="utf-8")
        closed.close()
        with pytest.raises(
            ValueError, match=r"was given a closed file: open it again$"
        ):
            write(posts, closed)
        with (
            (tmp_path / "out").open(encoding="utf-8") as reading,
            pytest.raises(ValueError, match="not open for writing"),
        ):
            write(posts, reading)
        if write is bloglist.dump:
            # io's BufferedReader, open(path, "rb"), says so too (a review
            # found it asked nothing, as of a class of the caller's own).
            with (
                (tmp_path / "out").open("rb") as reading_bytes,
                pytest.raises(ValueError, match="not open for writing"),
            ):
                write(posts, reading_bytes)
        assert next(posts) is SAMPLE[0]

    def test_from_jsonl_refuses_a_closed_file(self) -> None:
        """Of any kind: a temporary file's wrapper, which is no io class, too."""
        import tempfile

        closed = io.BytesIO(JSONL)
        closed.close()
        with tempfile.NamedTemporaryFile() as wrapped:
            pass
        for given in (closed, wrapped):
            with pytest.raises(
                ValueError, match=r"^from_jsonl\(\) was given a closed file"
            ):
                bloglist.from_jsonl(given)

    def test_a_closed_that_is_not_true_is_not_closed(self) -> None:
        """Only ``closed is True`` says a file is closed: an object of the
        caller's own whose ``closed`` is a method (or any other value) is
        read, and written to, as its ``read`` and ``write`` allow."""

        class Source:
            def __init__(self, data: bytes) -> None:
                self._file = io.BytesIO(data)

            def read(self, size: int = -1) -> bytes:
                return self._file.read(size)

            def closed(self) -> bool:  # a method, not io's property
                return self._file.closed

        text = "\nHello\n\nWords.\n"
        assert [post.title for post in bloglist.load(Source(text.encode()))] == [
            "Hello"
        ]
        assert list(bloglist.iterload(Source(text.encode()))) == list(
            bloglist.loads(text)
        )

        class Sink:
            closed = "no"

            def __init__(self) -> None:
                self.parts: list[str] = []

            def write(self, part: str) -> None:
                self.parts.append(part)

        sink = Sink()
        bloglist.dump(bloglist.loads(text), sink)
        assert "".join(sink.parts) == text


class TestStandardInputAsAscii:
    """Python decodes standard input as ASCII with ``surrogateescape`` in the
    C locale when its UTF-8 mode and locale coercion are off
    (``PYTHONUTF8=0 PYTHONCOERCECLOCALE=0``): every byte past 0x7f is an
    escape, which the readers take back to the bytes (a review found the
    text garbled into escapes, without a word)."""

    @contextmanager
    def _stdin(self, data: bytes) -> Iterator[None]:
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(
            io.BytesIO(data), encoding="ascii", errors="surrogateescape"
        )
        try:
            yield
        finally:
            sys.stdin = saved

    def test_the_readers_read_its_bytes(self) -> None:
        text = bloglist.sample_text()
        with self._stdin(text.encode("utf-8")):
            assert bloglist.load(sys.stdin) == SAMPLE
        with self._stdin(text.encode("utf-8")):
            assert list(bloglist.iterload(sys.stdin)) == [*SAMPLE, *SAMPLE.diagnostics]
        with self._stdin(JSONL):
            assert bloglist.from_jsonl(sys.stdin) == SAMPLE

    def test_a_byte_that_is_no_utf8_is_its_parse_error(self) -> None:
        with (
            self._stdin(b"\nCaf\xe9\n\nx\n"),
            pytest.raises(bloglist.ParseError) as caught,
        ):
            bloglist.load(sys.stdin)
        assert (caught.value.code, caught.value.lineno, caught.value.colno) == (
            "invalid-utf8",
            2,
            4,
        )


class TestFilesOfTheCallersOwnByTheirOwnMethods:
    """Files of the caller's own read by the methods they give, as the
    docs say (from a review that changed the readers' rules one at a time
    and found no test notice)."""

    def test_a_raw_file_whose_read_takes_no_size_is_read_whole(self) -> None:
        """An io.RawIOBase of the caller's own with a read() that takes no
        size: read once, whole, not asked for a size it cannot take."""

        class Whole(io.RawIOBase):
            def readable(self) -> bool:
                return True

            def read(self) -> bytes:  # type: ignore[override]
                return bloglist.sample_text().encode()

        assert bloglist.load(Whole()) == SAMPLE
        # iterload reads a piece at a time, and says what it needs (as a
        # type checker does: its parameter is SupportsReadSize).
        with pytest.raises(TypeError, match=r"takes no size; read it whole with load"):
            list(bloglist.iterload(Whole()))  # type: ignore[call-overload]

    def test_from_jsonl_takes_the_lines_of_a_binary_io_class_with_no_read(
        self,
    ) -> None:
        """A binary io class (BufferedIOBase) that gives its lines with
        readline() alone, as its text twin does: not io's placeholder read(),
        which raises."""
        records = JSONL.splitlines(keepends=True)

        class Lines(io.BufferedIOBase):
            def __init__(self) -> None:
                self._lines = list(records)

            def readable(self) -> bool:
                return True

            def readline(self, size: int | None = -1, /) -> bytes:
                return self._lines.pop(0) if self._lines else b""

        assert bloglist.from_jsonl(Lines()) == SAMPLE

    def test_from_jsonl_iterates_a_file_that_says_it_is_not_readable(self) -> None:
        """A file that says it is not readable but gives its lines, and whose
        read() gives something else: its lines are what is read."""
        records = JSONL.splitlines(keepends=True)

        class Lines(io.IOBase):
            def __iter__(self) -> Iterator[bytes]:
                return iter(records)

            def read(self, size: int = -1) -> bytes:
                return b"not json\n" if size else b""

        assert bloglist.from_jsonl(Lines()) == SAMPLE

    def test_a_raw_file_that_gives_no_data_then_closes_itself_has_ended(
        self,
    ) -> None:
        """A text file over a raw file of the caller's own that gives its
        data, then "no data yet" (None), then closes itself: closed, it has
        ended, and is not asked again (which would raise)."""

        class Raw(io.RawIOBase):
            def __init__(self) -> None:
                self._steps: list[bytes | None] = [
                    bloglist.sample_text().encode(),
                    None,
                ]

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: memoryview) -> int | None:  # type: ignore[override]
                if self.closed:
                    raise ValueError("read of closed file")
                if not self._steps:
                    self.close()
                    return 0
                step = self._steps.pop(0)
                if step is None:
                    return None
                buffer[: len(step)] = step
                return len(step)

        def text() -> io.TextIOWrapper:
            return io.TextIOWrapper(
                io.BufferedReader(Raw(), buffer_size=1 << 20), encoding="utf-8"
            )

        assert bloglist.load(text()) == SAMPLE

    def test_standard_input_of_the_callers_own_that_gives_bytes_is_read(
        self,
    ) -> None:
        """Standard input replaced by a file of the caller's own that says it
        decodes with surrogateescape but gives bytes: its bytes are read as
        they are (only text is encoded back to its bytes)."""

        class Stdin(io.RawIOBase):
            encoding = "utf-8"
            errors = "surrogateescape"

            def __init__(self) -> None:
                self._data = [JSONL]

            def readable(self) -> bool:
                return True

            def read(self, size: int = -1) -> bytes:
                return self._data.pop(0) if self._data else b""

        saved = sys.stdin
        sys.stdin = Stdin()
        try:
            assert bloglist.from_jsonl(sys.stdin) == SAMPLE
        finally:
            sys.stdin = saved
