"""The command's stream paths through ``main()``, in this process.

``tests/test_cli_streams.py`` runs ``python -m bloglist`` in child processes,
as a shell does; coverage measures only this process (see CONTRIBUTING.md),
so the paths that only those children took are run here too, through
:func:`bloglist._cli.main` with ``sys.stdin``, ``sys.stdout`` and
``sys.stderr`` replaced by real pipes and files (``/dev/full`` for an output
that fails), and checked for the status and the message the child gives.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import importlib
import io
import os
import re
import runpy
import sys
import threading
import types
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import pytest

import bloglist
from bloglist._cli import main
from fifo import unopened_fifo

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

POSIX = pytest.mark.skipif(
    not os.path.exists("/dev/full"), reason="needs /dev/full, an output that fails"
)
NO_SPACE = "bloglist: error: cannot write standard output: No space left on device\n"


def listing(n: int) -> bytes:
    posts = [
        bloglist.Post(title=f"Post number {i}", excerpt="x" * 100) for i in range(n)
    ]
    return bloglist.dumps(posts).encode("utf-8")


class Streams:
    """The process's three streams, replaced while in a ``with`` block (not in
    a fixture: pytest sets its own capture again when the test starts).

    Standard input is a pipe that a thread writes *stdin* into, then closes,
    when given; standard output and error are text files over binary ones, as
    Python opens them, on ``/dev/full`` (where every write fails) when named
    in *full*. :attr:`out` and :attr:`err` hold what was written, once the
    block ends.
    """

    def __init__(
        self, tmp_path: Path, *, stdin: bytes | None = None, full: tuple[str, ...] = ()
    ) -> None:
        self._tmp_path = tmp_path
        self._stdin = stdin
        self._full = full
        self._saved = (sys.stdin, sys.stdout, sys.stderr)
        self._feeder: threading.Thread | None = None
        self.out = self.err = ""

    def _output(self, name: str) -> io.TextIOWrapper:
        path = "/dev/full" if name in self._full else self._tmp_path / name
        return io.TextIOWrapper(open(path, "wb"), encoding="utf-8")

    def __enter__(self) -> Streams:
        if self._stdin is not None:
            read, write = os.pipe()
            data = self._stdin

            def feed() -> None:
                # BrokenPipeError: the command stopped reading (its write, or
                # the flush as the file closes).
                with contextlib.suppress(BrokenPipeError), open(write, "wb") as fp:
                    fp.write(data)

            self._feeder = threading.Thread(target=feed, daemon=True)
            self._feeder.start()
            sys.stdin = io.TextIOWrapper(open(read, "rb"), encoding="utf-8")
        sys.stdout = self._output("stdout")
        sys.stderr = self._output("stderr")
        return self

    def __exit__(self, *exc_info: object) -> None:
        replaced = (sys.stdin, sys.stdout, sys.stderr)
        sys.stdin, sys.stdout, sys.stderr = self._saved
        for stream in replaced[1:]:
            with contextlib.suppress(OSError):
                stream.flush()
        for stream in replaced:
            if stream not in self._saved:
                # Not the text layer, and a failing flush at close ignored:
                # what the command could not write stays unwritten.
                with contextlib.suppress(OSError):
                    stream.buffer.close()
        if self._feeder is not None:
            self._feeder.join(timeout=30)
        for name in ("stdout", "stderr"):
            if name not in self._full:
                text = (self._tmp_path / name).read_text(encoding="utf-8")
                setattr(self, name[3:], text)


class FailsOnce(io.FileIO):
    """A file opened for writing whose first write fails with the error
    *code* (a disk full for a moment), and whose later writes work."""

    def __init__(self, file: int | Path, code: int, *, closefd: bool = True) -> None:
        super().__init__(file, "w", closefd=closefd)
        self.code: int | None = code

    def write(self, data: Any, /) -> int:
        if self.code is not None:
            code, self.code = self.code, None
            raise OSError(code, os.strerror(code))
        return super().write(data) or 0  # None: nothing taken (non-blocking)


@POSIX
class TestAnOutputThatFails:
    def test_while_a_pipe_is_read(self, tmp_path: Path) -> None:
        """The write error met while flushing before the next read of a pipe
        is the output's error, status 2, said once: not a failure to read the
        input (test_cli_streams: test_output_that_fails_while_a_pipe_is_read)."""
        # Several reads of the pipe, with posts written between them.
        with Streams(tmp_path, stdin=listing(3000), full=("stdout",)) as streams:
            assert main(["--format", "jsonl"]) == 2
        assert streams.err == NO_SPACE

    @pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
    def test_while_a_file_is_read(self, tmp_path: Path, fmt: str) -> None:
        """A write error in the first batch of records or rows, before the
        file's end, is the output's error too: whether the batch is sent
        before the next read (JSON's) or once it is full (CSV's, past 512
        posts of one read; test_output_that_fails_while_a_file_is_read)."""
        path = tmp_path / "big.txt"
        path.write_bytes(listing(3000))
        with Streams(tmp_path, full=("stdout",)) as streams:
            assert main([str(path), "--format", fmt]) == 2
        assert streams.err == NO_SPACE

    @pytest.mark.parametrize("fmt", ["jsonl", "json"])
    def test_before_a_pipe_is_read_again(self, tmp_path: Path, fmt: str) -> None:
        """Fewer posts than a batch from a pipe: they are written before the
        next read, and that write's error is the output's error
        (test_output_that_fails_before_a_pipe_is_read_again)."""
        with Streams(tmp_path, stdin=listing(20), full=("stdout",)) as streams:
            assert main(["--format", fmt]) == 2
        assert streams.err == NO_SPACE

    @pytest.mark.skipif(
        not os.path.isdir("/proc/self/fd"), reason="counts /proc/self/fd"
    )
    def test_no_descriptor_is_left_open(self, tmp_path: Path) -> None:
        """An output that fails is pointed at the null device, and the
        descriptor opened for it closed: a program that calls main() again
        and again does not run out of them."""
        with Streams(tmp_path, full=("stdout",)):
            main(["--sample"])  # the modules imported, the first time
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(5):
            with Streams(tmp_path, full=("stdout",)) as streams:
                assert main(["--sample"]) == 2
            assert streams.err == NO_SPACE
        assert len(os.listdir("/proc/self/fd")) == before

    def test_a_descriptor_the_null_device_reused_stays_open(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Standard output closed by the shell (`>&-`) frees its descriptor,
        which opening the null device takes again: that one is then the
        output, and is not closed, or Python's flush at exit would fail."""
        from bloglist import _cli

        fd = os.open(os.devnull, os.O_WRONLY)
        try:

            class Closed:
                def fileno(self) -> int:
                    return fd

            monkeypatch.setattr(os, "open", lambda *args: fd)
            _cli._to_null(Closed())  # type: ignore[arg-type]
            monkeypatch.undo()
            os.fstat(fd)  # still open: OSError (EBADF) if it were closed
        finally:
            os.close(fd)

    @pytest.mark.parametrize(
        "fmt", ["jsonl", "json", "csv", "table", "listing", "atom"]
    )
    def test_at_the_end(self, tmp_path: Path, fmt: str) -> None:
        """Output that all fits in the buffers fails at the last flush: one
        line and status 2, though the flush at exit fails once more
        (test_standard_output_that_fails)."""
        with Streams(tmp_path, full=("stdout",)) as streams:
            assert main(["--sample", "--format", fmt]) == 2
        assert streams.err == NO_SPACE

    def test_a_full_batch_that_fails_once_is_the_outputs_error(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """CSV rows are sent once 512 posts of one read are held: a write
        error there is the output's, said as such, though the writes after
        it work (a disk full for a moment): not a failure to read the file,
        which test_while_a_file_is_read cannot tell, its output failing
        again at the last flush."""

        path = tmp_path / "tiny.txt"
        path.write_bytes(b"\nT\n\nE\n" * 20_000)  # many posts a read
        raw = FailsOnce(tmp_path / "out.csv", errno.EIO)
        with io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8") as stdout:
            monkeypatch.setattr(sys, "stdout", stdout)
            assert main([str(path), "--format", "csv"]) == 2
            monkeypatch.undo()
        assert capsys.readouterr().err == (
            f"bloglist: error: cannot write standard output: {os.strerror(errno.EIO)}\n"
        )

    def test_an_output_that_works_again_is_left_as_it_is(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A write that fails once (a disk full for a moment) is status 2,
        said once; when the last flush then works, nothing is left to write,
        and the program that called main() keeps its standard output where
        it was, not pointed at the null device, as one that still fails is."""

        read, write = os.pipe()
        with open(read, "rb") as reader:
            try:
                raw = FailsOnce(write, errno.ENOSPC, closefd=False)
                stdout = io.TextIOWrapper(io.BufferedWriter(raw, 16), encoding="utf-8")
                monkeypatch.setattr(sys, "stdout", stdout)
                status = main(["--sample", "--format", "jsonl", "--limit", "1"])
                monkeypatch.undo()
                stdout.close()  # the descriptor stays open (closefd=False)
                os.write(write, b"after\n")
            finally:
                os.close(write)
            assert reader.read().endswith(b"after\n")
        assert status == 2
        assert capsys.readouterr().err == NO_SPACE

    def test_standard_error_that_fails_keeps_the_status(self, tmp_path: Path) -> None:
        """With standard error on a full disk, the error cannot be said: the
        status still says it (1 for the data), and no exception escapes."""
        path = tmp_path / "broken.txt"
        path.write_bytes(b"\nT\n\n\xff\n")
        with Streams(tmp_path, full=("stderr",)) as streams:
            assert main([str(path), "--format", "jsonl"]) == 1
        assert streams.out == ""


@pytest.mark.skipif(os.name != "posix", reason="a non-blocking pipe")
class TestANonBlockingOutput:
    def test_that_is_full_is_named_standard_output(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A pipe left non-blocking by whoever made it, and full, is an error,
        status 2, whose message names standard output as every other
        message of the command does."""
        path = tmp_path / "big.txt"
        posts = [
            bloglist.Post(title=f"Post number {i}", excerpt="x" * 100)
            for i in range(3000)
        ]
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        read, write = os.pipe()
        os.set_blocking(write, False)
        try:
            with open(write, "wb") as raw:
                stdout = io.TextIOWrapper(raw, encoding="utf-8")
                monkeypatch.setattr(sys, "stdout", stdout)
                status = main([str(path), "--format", "jsonl"])
                monkeypatch.undo()
                with contextlib.suppress(OSError):  # what the pipe could not take
                    stdout.flush()
                stdout.detach()
        finally:
            os.close(read)
        err = capsys.readouterr().err
        assert status == 2
        assert re.fullmatch(
            r"bloglist: error: cannot write standard output: standard output "
            r"takes no more bytes now \(it is non-blocking\), with [0-9]+ of "
            r"[0-9]+ still to write; bloglist writes blocking files only\n",
            err,
        ), err


class _Recording(io.BytesIO):
    """Standard output's bytes, noting what standard error (*err*) held
    when the first of them came."""

    def __init__(self, err: io.StringIO) -> None:
        super().__init__()
        self._err = err
        self.err_at_first_write: str | None = None

    def write(self, data: ReadableBuffer, /) -> int:
        if self.err_at_first_write is None:
            self.err_at_first_write = self._err.getvalue()
        return super().write(data)


class TestOutputComesAsTheFileIsRead:
    """A long listing's posts come out as they are read, a batch of about
    64 KiB at a time, not all at the end: `bloglist big.txt 2>&1 | less`
    shows the first posts before the error at the end of the file is read
    (and the output held in memory stays one batch)."""

    @pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "listing"])
    def test_the_first_posts_before_the_last_problem(
        self, tmp_path: Path, fmt: str
    ) -> None:
        posts = [
            bloglist.Post(title=f"Post {i}", excerpt="x" * 40) for i in range(3000)
        ]
        path = tmp_path / "big.txt"
        text = bloglist.dumps(posts) + "Tags\nJunk\n"
        path.write_text(text, encoding="utf-8")
        err = io.StringIO()
        raw = _Recording(err)
        stdout = io.TextIOWrapper(raw, encoding="utf-8")
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
            status = main([str(path), "--format", fmt])
            stdout.flush()
        assert status == 1
        last = len(text.splitlines())
        assert err.getvalue() == (
            f"{path}:{last}:1: extra-line line 'Junk' follows the tag line; "
            "a post ends with its tag line\n"
        )
        assert raw.err_at_first_write == ""
        if fmt == "jsonl":
            expected = bloglist.to_jsonl(bloglist.loads(text))
            assert raw.getvalue().decode("utf-8") == expected


class TestTheInputIsTheOutput:
    """(test_cli_streams: TestTheInputIsTheOutput, which runs the process.)"""

    @pytest.mark.parametrize(
        "argv",
        [
            ["F"],
            ["check", "F"],
            ["stats", "-"],
            ["other", "F", "--format", "csv"],
            ["diff", "other", "F"],
            ["diff", "-", "other"],
        ],
    )
    def test_a_file_standard_output_appends_to_is_refused(
        self, tmp_path: Path, argv: list[str]
    ) -> None:
        path = tmp_path / "F"
        path.write_bytes(listing(3))
        (tmp_path / "other").write_bytes(listing(1))
        saved = sys.stdin, sys.stdout, sys.stderr
        err = io.StringIO()
        with (
            path.open("a", encoding="utf-8") as out,
            path.open(encoding="utf-8") as inp,
        ):
            sys.stdin, sys.stdout, sys.stderr = inp, out, err
            try:
                words = [str(tmp_path / w) if w in ("F", "other") else w for w in argv]
                status = main(words)
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved
        name = "standard input ('-')" if "-" in argv else str(path)
        why = (
            "the output would be written into a listing it reads"
            if argv[0] == "diff"
            else "the command would read back what it writes"
        )
        assert (status, err.getvalue()) == (
            2,
            f"bloglist: error: {name} is also the file standard output writes "
            f"to: {why}; write to another file\n",
        )
        assert path.read_bytes() == listing(3)

    @pytest.mark.parametrize("action", ["show", "feed"])
    @pytest.mark.parametrize("mode", ["a", "w"])
    def test_an_archive_standard_output_writes_to_is_refused(
        self, tmp_path: Path, action: str, mode: str
    ) -> None:
        """`archive show blog.db >> blog.db` would write into the archive;
        `> blog.db` emptied it before the command ran, which the message
        says (it blamed a first add stopped before its commit)."""
        path = tmp_path / "blog.db"
        bloglist.open_archive(path).add(
            bloglist.loads(listing(3).decode()),
            seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC),
        )
        before = path.read_bytes()
        saved = sys.stdout, sys.stderr
        err = io.StringIO()
        with path.open(mode, encoding="utf-8") as out:
            sys.stdout, sys.stderr = out, err
            try:
                status = main(["archive", action, str(path)])
            finally:
                sys.stdout, sys.stderr = saved
        why = (
            ": the output would be written into the archive; write it to another file"
            if mode == "a"
            else ", and is empty: if it held an archive, the shell emptied it (>) "
            "before the command ran (restore it from a backup); write the output "
            "to another file"
        )
        assert (status, err.getvalue()) == (
            2,
            f"bloglist: error: {path} is also the file standard output writes "
            f"to{why}\n",
        )
        assert path.read_bytes() == (before if mode == "a" else b"")

    @POSIX
    @pytest.mark.parametrize("action", ["show", "feed"])
    def test_a_device_standard_output_writes_to_is_no_archive_emptied(
        self, action: str
    ) -> None:
        """`archive show /dev/null > /dev/null`: only a regular file can be
        the archive the shell emptied; a device is said to be no archive."""
        saved = sys.stdout, sys.stderr
        err = io.StringIO()
        with open(os.devnull, "w", encoding="utf-8") as out:
            sys.stdout, sys.stderr = out, err
            try:
                status = main(["archive", action, os.devnull])
            finally:
                sys.stdout, sys.stderr = saved
        assert (status, err.getvalue()) == (
            2,
            f"bloglist: error: {os.devnull} is not a regular file (a device, a "
            "pipe or a socket), not an archive file\n",
        )

    @pytest.mark.parametrize("action", ["add", "show"])
    def test_an_archive_emptied_for_standard_error_is_refused(
        self, tmp_path: Path, action: str
    ) -> None:
        """`archive add blog.db new.txt 2> blog.db`: the shell emptied the
        archive, which an add would make anew; refused, the refusal written
        where the shell sends it (see test_cli_history for a real process)."""
        path, new = tmp_path / "blog.db", tmp_path / "new.txt"
        new.write_bytes(listing(3))
        saved = sys.stdout, sys.stderr
        argv = ["archive", action, str(path)]
        if action == "add":
            argv += [str(new), "--seen-at", "2025-03-06"]
        out = io.StringIO()
        with path.open("w", encoding="utf-8") as errors:
            sys.stdout, sys.stderr = out, errors
            try:
                status = main(argv)
            finally:
                sys.stdout, sys.stderr = saved
        assert (status, out.getvalue()) == (2, "")
        assert path.read_text(encoding="utf-8") == (
            f"bloglist: error: {path} is also the file standard error writes to, "
            "and is empty: if it held an archive, the shell emptied it (2>) "
            "before the command ran (restore it from a backup); write the "
            "errors to another file\n"
        )

    def test_an_archive_emptied_by_the_shell_is_not_added_to(
        self, tmp_path: Path
    ) -> None:
        """`archive add blog.db new.txt > blog.db`: the shell emptied the
        archive, which an add would make anew, its history gone; said, and
        nothing is added. `>>`, which the add writes nothing to, is let be."""
        path, new = tmp_path / "blog.db", tmp_path / "new.txt"
        new.write_bytes(listing(3))
        day = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        bloglist.open_archive(path).add(
            bloglist.loads(listing(2).decode()), seen_at=day
        )
        saved = sys.stdout, sys.stderr
        results = []
        for mode in ("a", "w"):
            err = io.StringIO()
            with path.open(mode, encoding="utf-8") as out:
                sys.stdout, sys.stderr = out, err
                try:
                    argv = ["archive", "add", "-q", str(path), str(new)]
                    results.append(
                        (main([*argv, "--seen-at", "2025-03-06"]), err.getvalue())
                    )
                finally:
                    sys.stdout, sys.stderr = saved
            if mode == "a":
                assert len(bloglist.open_archive(path).scrapes()) == 2
        assert results == [
            (0, ""),
            (
                2,
                f"bloglist: error: {path} is also the file standard output writes "
                "to, and is empty: if it held an archive, the shell emptied it (>) "
                "before the command ran (restore it from a backup); leave out the "
                ">: archive add writes nothing to standard output\n",
            ),
        ]
        assert path.read_bytes() == b""

    def test_standard_input_emptied_for_the_output_is_told_by_its_descriptor(
        self, tmp_path: Path
    ) -> None:
        """`diff - new.txt < old.txt > old.txt`: standard input is looked at
        by its descriptor, not by the name /dev/stdin (which Windows lacks,
        and which, in a program that replaced sys.stdin, names another
        file): refused, status 2, nothing written."""
        old, new = tmp_path / "old.txt", tmp_path / "new.txt"
        new.write_bytes(listing(3))
        old.write_bytes(b"")
        saved = sys.stdin, sys.stdout, sys.stderr
        err = io.StringIO()
        with old.open("rb") as source, old.open("w", encoding="utf-8") as out:
            sys.stdin = stdin = io.TextIOWrapper(source, encoding="utf-8")
            sys.stdout, sys.stderr = out, err
            try:
                status = main(["diff", "-", str(new)])
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved
                stdin.detach()  # the file is closed by its own with
        assert (status, err.getvalue()) == (
            2,
            "bloglist: error: standard input ('-') is also the file standard "
            "output writes to, and is empty: if it held a listing, the shell "
            "emptied it (>) before the command ran; write the report to another "
            "file\n",
        )
        assert old.read_bytes() == b""

    @pytest.mark.parametrize("which", [0, 1])
    def test_a_listing_diff_reads_emptied_by_the_shell_is_refused(
        self, tmp_path: Path, which: int
    ) -> None:
        """`diff old.txt new.txt > old.txt`: the shell emptied old.txt before
        the command ran, and diff reported every post of new.txt as added,
        status 1, into old.txt; said, status 2, nothing written. An empty
        listing that is not the output is compared as always."""
        files = [tmp_path / "old.txt", tmp_path / "new.txt"]
        for path in files:
            path.write_bytes(listing(3))
        saved = sys.stdout, sys.stderr
        err = io.StringIO()
        with files[which].open("w", encoding="utf-8") as out:
            sys.stdout, sys.stderr = out, err
            try:
                status = main(["diff", *map(str, files)])
            finally:
                sys.stdout, sys.stderr = saved
        assert (status, err.getvalue()) == (
            2,
            f"bloglist: error: {files[which]} is also the file standard output "
            "writes to, and is empty: if it held a listing, the shell emptied it "
            "(>) before the command ran; write the report to another file\n",
        )
        assert files[which].read_bytes() == b""
        with Streams(tmp_path) as streams:
            assert main(["diff", *map(str, files)]) == 1
        assert streams.out.endswith(
            "3 added, 0 removed, 0 changed, 0 unchanged\n"
            if which == 0
            else "0 added, 3 removed, 0 changed, 0 unchanged\n"
        )

    def test_standard_input_at_its_end_or_another_file_is_read(
        self, tmp_path: Path
    ) -> None:
        """Standard input read to its end has nothing to read back; another
        file than the output is read as always."""
        path = tmp_path / "F"
        path.write_bytes(listing(3))
        saved = sys.stdin, sys.stdout, sys.stderr
        err = io.StringIO()
        with (
            path.open("a", encoding="utf-8") as out,
            path.open(encoding="utf-8") as inp,
        ):
            inp.buffer.raw.seek(0, os.SEEK_END)  # type: ignore[attr-defined]
            sys.stdin, sys.stdout, sys.stderr = inp, out, err
            try:
                status = main(["check", "-"])
                other = tmp_path / "other"
                other.write_bytes(listing(1))
                also = main([str(other), "--format", "listing"])
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved
        assert (status, also) == (0, 0)
        assert err.getvalue() == "<stdin>: 0 posts, 0 errors, 0 warnings\n"
        assert path.read_bytes() == listing(3) + listing(1)

    def test_files_with_no_inode_number_are_not_taken_for_one(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Some network and virtual drives give every file the inode number
        0, which tells nothing (Python's docs: unique "if non-zero"): a
        review found `bloglist a.txt >> b.txt` refused there, as if b.txt
        were a.txt, and two named pipes taken for one. Two names of no
        inode number are two files; one pipe named twice by one name is
        still refused."""
        from bloglist._cli_common import read_once

        def zeroed(found: os.stat_result) -> os.stat_result:
            fields = list(found[:10])
            fields[1] = 0  # st_ino
            return os.stat_result(fields)

        stat, fstat = os.stat, os.fstat
        monkeypatch.setattr(os, "stat", lambda *a, **k: zeroed(stat(*a, **k)))
        monkeypatch.setattr(os, "fstat", lambda fd: zeroed(fstat(fd)))
        path, into = tmp_path / "a.txt", tmp_path / "b.txt"
        path.write_bytes(listing(3))
        into.write_bytes(listing(1))
        saved = sys.stdout, sys.stderr
        err = io.StringIO()
        with into.open("a", encoding="utf-8") as out:
            sys.stdout, sys.stderr = out, err
            try:
                status = main([str(path), "--format", "listing"])
            finally:
                sys.stdout, sys.stderr = saved
        assert (status, err.getvalue()) == (0, "")
        assert into.read_bytes() == listing(1) + listing(3)
        one, two = tmp_path / "one", tmp_path / "two"
        with unopened_fifo(one) as rescued, unopened_fifo(two) as also:
            assert read_once([str(one), str(two)]) is None
            assert read_once([str(one), str(one)]) == (
                f"{one} is named more than once: it is a pipe, which can be "
                "read once only"
            )
        assert rescued == also == []


class TestStandardInput:
    def test_named_twice_is_a_usage_error(self, tmp_path: Path) -> None:
        """(test_cli: TestStandardInputOnce, which runs the process.)"""
        with Streams(tmp_path, stdin=b"\nHello\n\nFirst words.\nNews\n") as streams:
            assert main(["-", "-"]) == 2
        assert streams.err == (
            "bloglist: error: standard input ('-') is named more than once: "
            "it can be read once only\n"
        )
        assert streams.out == ""

    @pytest.mark.parametrize(
        "argv",
        [["diff", "-", "STDIN"], ["diff", "STDIN", "-"], ["-", "STDIN"],
         ["archive", "add", "DB", "-", "STDIN", "--seen-at", "2025-01-01",
          "--seen-at", "2025-01-02"]],
    )  # fmt: skip
    def test_named_twice_by_two_names_is_a_usage_error(
        self, tmp_path: Path, argv: list[str]
    ) -> None:
        """`-` and another name of the same pipe (/dev/stdin in a process of
        its own; here the descriptor of the pipe the test made standard
        input) are refused before either is read (test_cli_streams:
        TestAPipeNamedTwice)."""
        with Streams(tmp_path, stdin=listing(3)) as streams:
            other = f"/dev/fd/{sys.stdin.fileno()}"
            words = [
                {"STDIN": other, "DB": str(tmp_path / "blog.db")}.get(w, w)
                for w in argv
            ]
            assert main(words) == 2
        first, second = (
            "standard input ('-')" if w == "-" else w
            for w in words
            if w in ("-", other)
        )
        assert streams.err == (
            f"bloglist: error: {first} and {second} are one pipe: "
            "it can be read once only\n"
        )
        assert streams.out == ""
        assert not (tmp_path / "blog.db").exists()

    def test_a_socket_named_twice_is_a_usage_error(self, tmp_path: Path) -> None:
        """Standard input a socket (a program's, as inetd or systemd hand
        one over), named again by its descriptor: refused as a pipe is."""
        import socket

        ours, theirs = socket.socketpair()
        with ours, theirs:
            theirs.sendall(listing(3))
            theirs.shutdown(socket.SHUT_WR)
            saved = sys.stdin
            sys.stdin = io.TextIOWrapper(ours.makefile("rb"), encoding="utf-8")
            try:
                with Streams(tmp_path) as streams:
                    other = f"/dev/fd/{ours.fileno()}"
                    assert main(["diff", "-", other]) == 2
            finally:
                sys.stdin = saved
        assert streams.err == (
            f"bloglist: error: standard input ('-') and {other} are one pipe: "
            "it can be read once only\n"
        )

    def test_a_fifo_named_twice_by_one_string_is_a_usage_error(
        self, tmp_path: Path
    ) -> None:
        """The same str object twice (as a program calling main() may pass
        it), not only two equal ones."""
        fifo = str(tmp_path / "pipe")
        with unopened_fifo(Path(fifo)) as rescued, Streams(tmp_path) as streams:
            assert main(["diff", fifo, fifo]) == 2
        assert rescued == []
        assert streams.err == (
            f"bloglist: error: {fifo} is named more than once: it is a pipe, "
            "which can be read once only\n"
        )

    @pytest.mark.parametrize("given", ["archive", "pipe", "closed"])
    def test_after_the_limit_a_file_is_looked_at_a_pipe_is_not(
        self, tmp_path: Path, given: str
    ) -> None:
        """`-` after --limit's posts: a regular file looked at where it
        stands (an archive is named, and the file left where it was), a pipe
        not looked at, closed an error (test_cli: TestFilesAfterTheLimit)."""
        first = tmp_path / "a.txt"
        first.write_bytes(listing(2))
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(
            [bloglist.Post(title="A")],
            seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC),
        )
        argv = [str(first), "-", "--limit", "1", "--format", "jsonl"]
        saved = sys.stdin
        with contextlib.ExitStack() as stack:
            if given == "archive":
                sys.stdin = stack.enter_context(open(db, encoding="utf-8"))
            elif given == "closed":
                sys.stdin = None
            stack.callback(setattr, sys, "stdin", saved)
            with Streams(
                tmp_path, stdin=listing(1) if given == "pipe" else None
            ) as streams:
                assert main(argv) == (0 if given == "pipe" else 2)
                if given == "archive":
                    assert os.lseek(sys.stdin.fileno(), 0, os.SEEK_CUR) == 0
        assert streams.out == bloglist.to_jsonl(bloglist.loads(listing(2).decode())[:1])
        said = {
            "archive": "bloglist: error: <stdin> is an SQLite file, not a listing: "
            "an archive? (archive show reads an archive)\n",
            "pipe": "",
            "closed": "bloglist: error: cannot read standard input: it is closed\n",
        }
        assert streams.err == said[given]

    def test_a_pipe_is_read_whole(self, tmp_path: Path) -> None:
        """Read from a pipe, flushed before each read, every post is written,
        in order (test_cli_streams: TestStreaming)."""
        data = listing(3000)
        with Streams(tmp_path, stdin=data) as streams:
            assert main(["--format", "jsonl"]) == 0
        assert streams.out == bloglist.to_jsonl(bloglist.loads(data.decode()))
        assert streams.err == ""


class TestAReaderThatLeaves:
    def test_a_diff_stops_before_its_next_read_or_its_comparison(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """diff asks whether its output's reader has left before each read of
        OLD and NEW, and once more before it compares them: wherever the
        reader leaves, it stops there, quietly, with 141
        (test_cli_streams: test_a_reader_that_leaves_ends_a_diff_before_its_next_read)."""
        import bloglist._cli_common

        old, new = tmp_path / "old.txt", tmp_path / "new.txt"
        old.write_bytes(listing(2))
        new.write_bytes(listing(3))
        asked: list[int] = []

        def reader_left_after(checks: int) -> Any:
            def left() -> bool:
                asked.append(checks)
                return len(asked) > checks

            return lambda: left

        # The reader never leaves: the diff is written, and how often it
        # was asked is known.
        monkeypatch.setattr(
            bloglist._cli_common, "reader_left", reader_left_after(1000)
        )
        with Streams(tmp_path) as streams:
            assert main(["diff", str(old), str(new)]) == 1
        assert "1 added, 0 removed, 0 changed, 2 unchanged" in streams.out
        checks = len(asked)
        assert checks >= 5  # two reads of each file, at least, and the last
        for leaves in range(checks):
            asked.clear()
            monkeypatch.setattr(
                bloglist._cli_common, "reader_left", reader_left_after(leaves)
            )
            with Streams(tmp_path) as streams, pytest.raises(SystemExit) as exited:
                main(["diff", str(old), str(new)])
            assert exited.value.code == 141
            assert len(asked) == leaves + 1  # it stopped at once
            assert (streams.out, streams.err) == ("", "")

    @pytest.mark.parametrize("pipe", [True, False])
    def test_a_reader_gone_on_windows_is_a_broken_pipe(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipe: bool
    ) -> None:
        """Windows says that a pipe's reader left with EINVAL, not EPIPE
        (CPython issue 79935): on a pipe there, the command stops as after
        a broken pipe, status 141 and nothing said (a review found status
        2 and "Invalid argument"). Elsewhere EINVAL is the output's error."""
        monkeypatch.setattr(sys, "platform", "win32")
        reading, writing = os.pipe()
        with contextlib.ExitStack() as stack:
            stack.callback(os.close, reading)
            target: int | Path = writing if pipe else tmp_path / "out"
            raw = FailsOnce(target, errno.EINVAL, closefd=not pipe)
            if pipe:
                stack.callback(os.close, writing)
            out = stack.enter_context(
                io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8")
            )
            err = io.StringIO()
            saved = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = out, err
            try:
                try:
                    status = main(["--sample", "--format", "jsonl"])
                except SystemExit as stopped:
                    status = stopped.code  # type: ignore[assignment]
            finally:
                sys.stdout, sys.stderr = saved
        if pipe:
            assert (status, err.getvalue()) == (141, "")
            # Standard output with no descriptor (a program's own): no pipe.
            from bloglist._cli_common import reader_left_said

            monkeypatch.setattr(sys, "stdout", io.StringIO())
            assert not reader_left_said(OSError(errno.EINVAL, "Invalid argument"))
        else:
            assert (status, err.getvalue()) == (
                2,
                "bloglist: error: cannot write standard output: Invalid argument\n",
            )


def _refusals(tmp_path: Path, words: list[str]) -> dict[str, str]:
    """The last line of the usage error of *words*, ``{}`` in them each of
    a value to quote (U+0085 after a digit, a no-break space, 50,000
    characters), by that value: each status 2."""
    lines = {}
    for typed in ("1\x85", "\xa0", "x" * 50_000):
        with Streams(tmp_path) as streams, pytest.raises(SystemExit) as exited:
            main([word.format(typed) for word in words])
        assert exited.value.code == 2
        lines[typed] = streams.err.splitlines()[-1]
    return lines


class TestMessages:
    def test_a_word_argparse_refuses_is_quoted_as_typed(self, tmp_path: Path) -> None:
        """(test_cli_streams: test_words_argparse_refuses_are_quoted_as_typed.)

        argparse exits itself, status 2, as it does in the command."""
        with Streams(tmp_path) as streams, pytest.raises(SystemExit) as exited:
            main(["archive", "b\u00f6gus"])
        assert exited.value.code == 2
        assert "invalid choice: 'b\u00f6gus' (choose from" in streams.err

    def test_a_refused_word_of_bytes_not_utf8_shows_them_as_bytes(
        self, tmp_path: Path
    ) -> None:
        """A byte that is not UTF-8 in a word argparse refuses (an invalid
        choice) shows as the command's other messages show it, ``\\xfc``,
        not as the lone surrogate Python reads it as (``\\udcfc``)."""
        with Streams(tmp_path) as streams, pytest.raises(SystemExit) as exited:
            main(["archive", "b\udcfcgus"])
        assert exited.value.code == 2
        assert "invalid choice: 'b\\xfcgus' (choose from" in streams.err
        assert "udc" not in streams.err
        # A backslash typed before the letters is no such byte: as typed.
        with Streams(tmp_path) as streams, pytest.raises(SystemExit):
            main(["archive", "\\udcfc\udcfc"])
        assert "invalid choice: '\\\\udcfc\\xfc' (choose from" in streams.err

    @pytest.mark.parametrize(
        "words",
        [
            pytest.param(["--sample", "--bogus{}"], id="show"),
            pytest.param(["diff", "a.txt", "-b{}"], id="diff"),
            pytest.param(["archive", "show", "a.db", "--bogus{}"], id="archive"),
        ],
    )
    def test_an_unrecognised_word_never_shows_as_another(
        self, tmp_path: Path, words: list[str]
    ) -> None:
        """Words the command does not know, which may be file names, are
        quoted as argparse quotes words and as the main command names files:
        a backslash written \\\\, so that a typed backslash and letters
        never show as the byte or the character they spell (a review found
        a typed \\udcfc shown as the byte \\xfc, and a typed \\t as the
        TAB)."""
        shown = {}
        for typed in ("\\udcfc", "\udcfc", "\\t", "\t", "\\xffb", "\udcffb"):
            with Streams(tmp_path) as streams, pytest.raises(SystemExit) as exited:
                main([word.format(typed) for word in words])
            assert exited.value.code == 2
            (line,) = [
                line for line in streams.err.splitlines() if "unrecognized" in line
            ]
            shown[typed] = line
        assert len(set(shown.values())) == len(shown)
        assert "\\\\udcfc" in shown["\\udcfc"]
        assert "\\xfc" in shown["\udcfc"]
        assert "udc" not in shown["\udcfc"]
        assert "\\\\t" in shown["\\t"]
        assert "\\t" in shown["\t"]
        assert "\t" not in shown["\t"]  # no TAB printed

    def test_an_option_s_value_of_bytes_not_utf8_is_quoted_as_typed(
        self, tmp_path: Path
    ) -> None:
        """A value refused for its bytes that are not UTF-8 shows them as
        \\xNN, and a backslash typed in it as \\\\."""
        with Streams(tmp_path) as streams, pytest.raises(SystemExit):
            main(["--sample", "--search", "\\udcfc\udcfc"])
        assert (
            "argument --search: '\\\\udcfc\\xfc' holds bytes that are not UTF-8"
            in streams.err
        )

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            # Short enough to show whole.
            ("a" * 39 + "\udcfc", "'" + "a" * 39 + "\\xfc'"),
            # The byte within the first 30 characters: the first 39 shown.
            ("a" * 29 + "\udcfc" + "b" * 50, "'" + "a" * 29 + "\\xfc" + "b" * 9 + "'…"),
            # Past them: shown from 10 characters before it, to the end...
            (
                "a" * 30 + "\udcfc" + "b" * 19,
                "…'" + "a" * 10 + "\\xfc" + "b" * 19 + "'",
            ),
            # ...or to 39 characters from there.
            (
                "a" * 50_000 + "\udcfc" + "b" * 50_000,
                "…'" + "a" * 10 + "\\xfc" + "b" * 28 + "'…",
            ),
        ],
        ids=["whole", "early", "late-end", "late-cut"],
    )
    def test_a_long_value_not_utf8_shows_its_bad_byte(
        self, tmp_path: Path, value: str, shown: str
    ) -> None:
        """A long value refused for a byte that is not UTF-8 is cut short as
        every refused value is, but so that the byte shows: it is what to
        fix (it once showed whole, however long)."""
        with Streams(tmp_path) as streams, pytest.raises(SystemExit):
            main(["--sample", "--search", value])
        assert streams.err.splitlines()[-1].endswith(
            f"argument --search: {shown} holds bytes that are not UTF-8"
        )

    @pytest.mark.parametrize(
        ("words", "refused"),
        [
            (["--sample", "--limit", "{}"], "is not a whole number"),
            (["--sample", "--max-diagnostics", "{}"], "is neither a whole number nor 'all'"),
            (["--sample", "--since", "{}"], "is not written YYYY, YYYY-MM or YYYY-MM-DD"),
            (["--sample", "--year", "{}"], "is not a year written YYYY"),
            (["--sample", "--sort", "{}"], "is not KEY or KEY:asc or KEY:desc"),
            (["--sample", "--format", "atom", "--feed-id", "{}"], "is not an absolute IRI"),
            (["--sample", "--format", "atom", "--link", "{}"], "is not an absolute IRI"),
            (["--sample", "--format", "atom", "--lang", "{}"], "is not a BCP 47 language tag"),
            (["archive", "show", "a.db", "--timeout", "{}"], "is not a number of seconds"),
            (["archive", "add", "a.db", "x.txt", "--seen-at", "{}"], "is not an ISO 8601 time"),
        ],
    )  # fmt: skip
    def test_a_refused_value_is_quoted_as_typed_and_cut_short(
        self, tmp_path: Path, words: list[str], refused: str
    ) -> None:
        """An option's value its type refuses is quoted as the command quotes
        every word (docs/cli.md, "Input"): U+0085 as \\u0085, never as
        \\x85, which shows a byte that is not UTF-8, and a long value cut
        short. Quoted as repr quotes, the two showed alike, and a value of
        50,000 characters filled the message."""
        lines = _refusals(tmp_path, words)
        option = words[-2]
        assert f"argument {option}: '1\\u0085' {refused}" in lines["1\x85"]
        assert f"argument {option}: '\\u00a0' {refused}" in lines["\xa0"]
        cut = f"argument {option}: '{'x' * 39}'\N{HORIZONTAL ELLIPSIS} {refused}"
        assert cut in lines["x" * 50_000]
        assert len(lines["x" * 50_000]) < 300
        # Longer than 40 is cut: 40 is shown whole, 41 cut.
        for length, shown in (
            (40, f"'{'y' * 40}'"),
            (41, f"'{'y' * 39}'\N{HORIZONTAL ELLIPSIS}"),
        ):
            with Streams(tmp_path) as streams, pytest.raises(SystemExit):
                main([word.format("y" * length) for word in words])
            assert f"argument {option}: {shown} {refused}" in streams.err

    @pytest.mark.parametrize(
        "words",
        [
            ["--sample", "--format", "{}"],
            ["--sample", "--undated", "{}"],
            ["stats", "--sample", "--by", "{}"],
            ["archive", "{}"],
        ],
    )
    def test_a_value_that_is_no_choice_is_quoted_as_typed_and_cut_short(
        self, tmp_path: Path, words: list[str]
    ) -> None:
        """A value or word that is not one of the choices (`--format`,
        `--undated`, `stats --by`, the archive's action) is quoted as every
        refused value is: argparse's own quote showed U+0085 as \\x85 and a
        value of 50,000 characters whole."""
        lines = _refusals(tmp_path, words)
        assert "invalid choice: '1\\u0085' (choose from '" in lines["1\x85"]
        assert "invalid choice: '\\u00a0' (choose from '" in lines["\xa0"]
        cut = f"invalid choice: '{'x' * 39}'\N{HORIZONTAL ELLIPSIS} (choose from '"
        assert cut in lines["x" * 50_000]
        assert len(lines["x" * 50_000]) < 300

    @pytest.mark.parametrize(
        ("option", "what"),
        [
            ("--feed-title", ""),
            ("--known-tag", ""),
            ("--tag", "tag "),
            ("--all-tags", "tag "),
            ("--exclude-tag", "tag "),
            ("--search", "search term "),
        ],
    )
    def test_a_blank_text_value_is_quoted_as_typed(
        self, tmp_path: Path, option: str, what: str
    ) -> None:
        """A no-break space alone is blank: shown as \\u00a0 by every option
        that refuses a blank value (the tag and search options once passed
        on the library's repr, '\\xa0', the escape of a byte)."""
        with Streams(tmp_path) as streams, pytest.raises(SystemExit):
            main(["--sample", option, "\xa0"])
        assert streams.err.splitlines()[-1].endswith(
            f"argument {option}: {what}'\\u00a0' is blank"
        )

    def test_a_c1_control_in_a_name_is_a_character_escape(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """U+0085 in a file name shows as \\u0085, never as \\x85, the escape
        of a byte that is not UTF-8 (test_cli: the byte and the character)."""
        monkeypatch.chdir(tmp_path)
        with Streams(tmp_path) as streams:
            assert main(["check", "n\x85.txt"]) == 2
        assert streams.err == (
            "bloglist: error: cannot read n\\u0085.txt: No such file or directory\n"
        )

    def test_a_table_cut_by_an_error_keeps_the_rows_read(self, tmp_path: Path) -> None:
        """--strict stops at the error; the table's rows read before it are
        written (test_what_was_read_before_the_input_stops_is_written_in_every_format)."""
        posts = [bloglist.Post(title=f"Post {i}", excerpt="x") for i in range(3)]
        path = tmp_path / "l.txt"
        path.write_bytes(
            bloglist.dumps(posts).encode() + b"sticky\nFeb 30, 2024\n\nT\n\nE\n"
        )
        with Streams(tmp_path) as streams:
            assert main([str(path), "--strict"]) == 1
        header, *rows = streams.out.splitlines()
        assert header.split() == ["DATE", "STICKY", "TITLE", "TAGS"]
        assert [row.split()[1:3] for row in rows] == [
            ["Post", str(i)] for i in range(3)
        ]
        assert streams.err.startswith(f"{path}:14:1: invalid-date ")


def test_python_m_bloglist_runs_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The package's ``__main__`` is the command, status and all."""
    monkeypatch.setattr(sys, "argv", ["bloglist", "--version"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("bloglist", run_name="__main__", alter_sys=True)
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"bloglist {bloglist.__version__}\n"


def test_importing_the_main_module_runs_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tool that imports every module of the package (a doc generator, a
    type checker's walk) does not run the command: only ``python -m
    bloglist`` does."""
    monkeypatch.delitem(sys.modules, "bloglist.__main__", raising=False)
    monkeypatch.setattr(sys, "argv", ["bloglist", "--version"])
    importlib.import_module("bloglist.__main__")
    assert capsys.readouterr() == ("", "")


class TestStandardInputOnWindows:
    """Windows' isatty() is true of every character device, the NUL device
    too: `bloglist < NUL`, or a program's stdin=DEVNULL, was refused as "no
    input" where `bloglist < /dev/null` prints an empty table (a review
    found it so). A console is the one Python reads through its console
    reader. Simulated: this machine is not Windows."""

    class _WindowsConsoleIO:
        """Stands for io._WindowsConsoleIO, by its name."""

    class _Stream:
        """Standard input on a device: isatty() true, a raw reader given."""

        def __init__(self, raw: object, tty: bool = True) -> None:
            self.buffer = types.SimpleNamespace(raw=raw)
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    @pytest.mark.parametrize(
        ("raw", "typed"),
        [(_WindowsConsoleIO(), True), (io.BytesIO(), False)],
        ids=["console", "NUL"],
    )
    def test_a_device_that_is_no_console_is_no_terminal(
        self, monkeypatch: pytest.MonkeyPatch, raw: object, typed: bool
    ) -> None:
        from bloglist._cli_common import typed_into

        stdin = cast("IO[str]", self._Stream(raw))
        monkeypatch.setattr(sys, "platform", "win32")
        assert typed_into(stdin) is typed
        assert typed_into(cast("IO[str]", self._Stream(raw, tty=False))) is False
        # Elsewhere isatty() says it, whatever reads the device.
        monkeypatch.setattr(sys, "platform", "linux")
        assert typed_into(stdin) is True
