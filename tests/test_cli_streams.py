"""The command as a process: standard input, streaming, closed streams, odd names.

Everything here runs ``python -m bloglist`` in a real child process, because
what it tests (pipes, terminals, closed descriptors, a reader that goes away)
does not exist inside one.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import select
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, ClassVar

import pytest

import bloglist
from child import prepared

SAMPLE = bloglist.loads(bloglist.sample_text())
COMMAND = [sys.executable, "-m", "bloglist"]
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX shell and pty")
NO_SPACE = b"bloglist: error: cannot write standard output: No space left on device\n"


def run(
    *args: str, stdin: bytes | int | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m bloglist ARGS`, with *stdin* as bytes, a file descriptor or none."""
    return subprocess.run(
        [*COMMAND, *args],
        input=stdin if isinstance(stdin, bytes) else None,
        stdin=None if isinstance(stdin, bytes) else (stdin or subprocess.DEVNULL),
        capture_output=True,
        check=False,
        timeout=60,
    )


def shell(
    script: str, *, unbuffered: bool | None = None
) -> subprocess.CompletedProcess[bytes]:
    """*script* in sh, with $BLOGLIST standing for the command; with
    *unbuffered* true or false, PYTHONUNBUFFERED set or unset (the output's
    buffers change how a failing output shows), else as this process has it."""
    env = dict(os.environ)
    if unbuffered is not None:
        env.pop("PYTHONUNBUFFERED", None)
        if unbuffered:
            env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run(
        ["sh", "-c", script.replace("$BLOGLIST", shlex.join(COMMAND))],
        capture_output=True,
        check=False,
        timeout=60,
        env=env,
    )


# A shell user's Python buffers standard output; some environments (CI
# images) set PYTHONUNBUFFERED: a failing output must show the same in both.
BUFFERING = pytest.mark.parametrize(
    "unbuffered", [False, True], ids=["buffered", "unbuffered"]
)


def listing(n: int, *, start: int = 0) -> bytes:
    posts = [
        bloglist.Post(title=f"Post number {i}", excerpt="x" * 100)
        for i in range(start, start + n)
    ]
    return bloglist.dumps(posts).encode("utf-8")


@pytest.fixture(scope="module")
def big_with_error(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50,000 posts, then an error: written once, read by every format's test."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_bytes(listing(50_000) + b"Tags\nJunk\n")
    return path


def titles_of_jsonl(out: bytes) -> list[str]:
    return [json.loads(line)["title"] for line in out.decode("utf-8").splitlines()]


class TestInput:
    def test_piped_input_is_read_without_a_dash(self) -> None:
        """`cat mine.txt | bloglist --format jsonl` converts the piped listing."""
        done = run("--format", "jsonl", stdin=listing(3))
        assert (done.returncode, done.stderr) == (0, b"")
        assert titles_of_jsonl(done.stdout) == [f"Post number {i}" for i in range(3)]

    def test_dash_reads_standard_input(self) -> None:
        """`bloglist -` reads standard input, as before."""
        done = run("-", "--format", "jsonl", stdin=listing(2))
        assert titles_of_jsonl(done.stdout) == ["Post number 0", "Post number 1"]

    def test_an_empty_pipe_is_an_empty_listing_never_the_sample(self) -> None:
        """No data on a pipe gives no posts, not the bundled sample."""
        done = run("--format", "jsonl", stdin=b"")
        assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")

    def test_sample_works_with_no_standard_input(self) -> None:
        """`bloglist --sample` needs no input at all (CI runs without one)."""
        done = run("--sample", "--format", "jsonl", stdin=subprocess.DEVNULL)
        assert done.returncode == 0
        assert titles_of_jsonl(done.stdout) == [post.title for post in SAMPLE]

    @POSIX
    @pytest.mark.parametrize(
        ("argv", "status"),
        [
            (["-"], 0),
            (["-", "--format", "jsonl"], 0),
            (["tags", "-"], 0),
            (["stats", "-"], 0),
            (["check", "-"], 0),
            # Nothing typed: every post of the sample was removed.
            (["diff", "{sample}", "-"], 1),
            # Nothing typed: an empty scrape, which a new archive refuses.
            (["archive", "add", "{db}", "-", "--seen-at", "2025-03-05"], 1),
        ],
    )
    def test_one_ctrl_d_ends_a_terminal_read_with_nothing_typed(
        self, tmp_path: Path, argv: list[str], status: int
    ) -> None:
        """`bloglist -` at a terminal ends at the first Ctrl-D, as `cat` does:
        looking at the first bytes (whether the input is an archive) must not
        take the end of input the terminal gives once."""
        import pty

        sample = tmp_path / "sample.txt"
        sample.write_text(bloglist.sample_text(), encoding="utf-8")
        words = [
            word.format(sample=sample, db=tmp_path / "blog.sqlite") for word in argv
        ]
        parent, child = pty.openpty()
        try:
            process = subprocess.Popen(
                [*COMMAND, *words],
                stdin=child,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            time.sleep(0.5)  # the command reads: the Ctrl-D ends that read
            os.write(parent, b"\x04")
            try:
                _, error = process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                pytest.fail(f"{shlex.join(argv)} waited for a second Ctrl-D")
        finally:
            os.close(parent)
            os.close(child)
        assert process.returncode == status, error

    @POSIX
    def test_a_terminal_with_no_file_is_a_usage_error(self) -> None:
        """On a terminal with no FILE, the command says what to give, and exits 2."""
        import pty

        parent, child = pty.openpty()
        try:
            done = run(stdin=child)
        finally:
            os.close(parent)
            os.close(child)
        assert (done.returncode, done.stdout) == (2, b"")
        message = done.stderr.decode()
        assert message.startswith("bloglist: error: no input")
        assert "--sample" in message and "'-'" in message

    @POSIX
    @pytest.mark.parametrize(
        ("argv", "written", "closed", "status", "titles"),
        [
            # Nothing written yet: an error, not an empty listing.
            (["--format", "jsonl"], 0, False, 2, []),
            (["check"], 0, False, 2, []),
            (
                ["archive", "add", "{db}", "-", "--seen-at", "2025-03-05"],
                0,
                False,
                2,
                [],
            ),
            # Some written, the writer still at work: the posts read, then the
            # error (the last post read may go on: it is not written).
            (["--format", "jsonl"], 3, False, 2, ["Post number 0", "Post number 1"]),
            # All written and the pipe closed: the whole listing, as ever.
            (["--format", "jsonl"], 3, True, 0, [f"Post number {i}" for i in range(3)]),
        ],
    )
    def test_a_non_blocking_input_with_no_data_yet_is_an_error(
        self,
        tmp_path: Path,
        argv: list[str],
        written: int,
        closed: bool,
        status: int,
        titles: list[str],
    ) -> None:
        """A non-blocking pipe's "no data yet" is not the end of the listing:
        the command says so and exits 2, as ``cat`` fails, rather than
        report the posts read so far as the whole listing."""
        read_end, write_end = os.pipe()
        try:
            os.set_blocking(read_end, False)
            os.write(write_end, listing(written))
            if closed:
                os.close(write_end)
            argv = [arg.format(db=tmp_path / "blog.db") for arg in argv]
            done = run(*argv, stdin=read_end)
        finally:
            os.close(read_end)
            if not closed:
                os.close(write_end)
        assert done.returncode == status
        if status == 2:
            assert done.stderr.decode() == (
                "bloglist: error: cannot read <stdin>: Resource temporarily "
                "unavailable (the input is non-blocking and has no data yet)\n"
            )
        else:
            assert done.stderr == b""
        if "jsonl" in argv:
            assert titles_of_jsonl(done.stdout) == titles
        assert not (tmp_path / "blog.db").exists()

    def test_sample_and_a_file_together_are_refused(self, tmp_path: Path) -> None:
        """--sample with a FILE is ambiguous: exit 2."""
        path = tmp_path / "l.txt"
        path.write_bytes(listing(1))
        done = run("--sample", str(path))
        assert done.returncode == 2
        assert b"--sample" in done.stderr

    def test_several_files_are_one_stream_with_diagnostics_per_file(
        self, tmp_path: Path
    ) -> None:
        """Files are read in order as one listing; each problem names its file."""
        first, second = tmp_path / "a.txt", tmp_path / "b.txt"
        first.write_bytes(listing(2))
        second.write_bytes(listing(2, start=2) + b"Tags\nJunk\n")
        done = run(str(first), "--format", "jsonl", str(second))
        assert done.returncode == 1
        assert titles_of_jsonl(done.stdout) == [f"Post number {i}" for i in range(4)]
        assert done.stderr.decode().startswith(f"{second}:")
        checked = run("check", str(first), str(second))
        assert checked.stdout.decode().startswith(f"{second}:")
        assert checked.stderr.decode().splitlines() == [
            f"{first}: 2 posts, 0 errors, 0 warnings",
            f"{second}: 2 posts, 1 error, 0 warnings",
        ]

    def test_check_shows_each_files_findings_before_its_summary(
        self, tmp_path: Path
    ) -> None:
        """`bloglist check a.txt b.txt 2>&1`, as a terminal or a log shows
        both streams: a file's findings, then its summary, file by file,
        however standard output is buffered."""
        first, second = tmp_path / "a.txt", tmp_path / "b.txt"
        for path in (first, second):
            path.write_bytes(listing(1) + b"Tags\nJunk\n")
        done = shell(f'$BLOGLIST check "{first}" "{second}" 2>&1')
        assert done.returncode == 1
        lines = done.stdout.decode().splitlines()
        assert [line.partition(": ")[0] for line in lines] == [
            f"{first}:6:1",
            f"{first}",
            f"{second}:6:1",
            f"{second}",
        ]
        assert lines[1] == f"{first}: 1 post, 1 error, 0 warnings"

    def test_check_json_shows_the_array_whole_then_the_summaries(
        self, tmp_path: Path
    ) -> None:
        """`bloglist check --format json a.txt b.txt 2>&1`: the array comes
        out whole before the summaries on standard error, so that no summary
        line cuts the JSON a terminal or a log shows."""
        first, second = tmp_path / "a.txt", tmp_path / "b.txt"
        for path in (first, second):
            path.write_bytes(listing(1) + b"Tags\nJunk\n")
        done = shell(f'$BLOGLIST check --format json "{first}" "{second}" 2>&1')
        assert done.returncode == 1
        array, end, summaries = done.stdout.decode().rpartition("]\n")
        findings = json.loads(array + end)
        assert [finding["file"] for finding in findings] == [str(first), str(second)]
        assert summaries.splitlines() == [
            f"{first}: 1 post, 1 error, 0 warnings",
            f"{second}: 1 post, 1 error, 0 warnings",
        ]

    def test_standard_input_among_files(self, tmp_path: Path) -> None:
        """'-' may sit between files: it is read at its place."""
        path = tmp_path / "a.txt"
        path.write_bytes(listing(1))
        done = run(str(path), "-", "--format", "jsonl", stdin=listing(1, start=1))
        assert titles_of_jsonl(done.stdout) == ["Post number 0", "Post number 1"]


@POSIX
class TestJsonThroughAPipe:
    """The command's JSON piped back to it (`bloglist --format jsonl ... |
    bloglist tags`) is said to be JSON, status 2, nothing written: its first
    bytes are looked at in place, as an archive's are (it read as a listing
    of one post titled with the first record, and a finding a line)."""

    SAID = (
        b"bloglist: error: <stdin> holds JSON, not a listing: the command reads "
        b"listings only (in Python, bloglist.from_json() and bloglist.from_jsonl() "
        b"read back what --format json and --format jsonl write)\n"
    )

    @pytest.mark.parametrize("form", ["json", "jsonl"])
    @pytest.mark.parametrize(
        "command",
        ["", "tags", "--format csv", "diff - {other}", "archive add {db} - --seen-at 2025-03-01"],
    )  # fmt: skip
    def test_it_is_named(self, tmp_path: Path, form: str, command: str) -> None:
        other, db = tmp_path / "other.txt", tmp_path / "blog.db"
        other.write_bytes(listing(1))
        command = command.format(other=shlex.quote(str(other)), db=shlex.quote(str(db)))
        done = shell(f"$BLOGLIST --sample --format {form} | $BLOGLIST {command}")
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr == self.SAID
        assert not db.exists()


class TestAnArchiveThroughAPipe:
    """An archive piped where a listing goes (`cat blog.db | bloglist`) is
    said to be one, as a named one is: its first bytes are looked at in
    place, before any line is read (they used to read as a listing with a
    `missing-blank` and an `invalid-utf8`, status 1)."""

    @pytest.fixture
    def archive(self, tmp_path: Path) -> Path:
        db = tmp_path / "blog.db"
        done = run("archive", "add", "-q", str(db), "-", "--seen-at", "2025-03-01",
                   stdin=listing(3))  # fmt: skip
        assert done.returncode == 0, done.stderr
        return db

    @pytest.mark.parametrize(
        "args",
        [[], ["tags"], ["stats"], ["--format", "jsonl"], ["diff", "-", "{other}"]],
        ids=["show", "tags", "stats", "jsonl", "diff"],
    )
    def test_piped_it_is_named(
        self, archive: Path, tmp_path: Path, args: list[str]
    ) -> None:
        other = tmp_path / "other.txt"
        other.write_bytes(listing(1))
        args = [arg.replace("{other}", str(other)) for arg in args]
        done = run(*args, stdin=archive.read_bytes())
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr == (
            b"bloglist: error: <stdin> is an SQLite file, not a listing: an archive? "
            b"(archive show reads an archive)\n"
        )

    def test_archive_add_says_the_archive_goes_first(
        self, archive: Path, tmp_path: Path
    ) -> None:
        done = run("archive", "add", str(tmp_path / "new.db"), "-", "--seen-at",
                   "2025-03-02", stdin=archive.read_bytes())  # fmt: skip
        assert done.returncode == 2
        assert done.stderr == (
            b"bloglist: error: <stdin> is an SQLite file, not a listing: an archive? "
            b"(archive add takes the ARCHIVE first, then the listings; "
            b"archive show reads an archive)\n"
        )
        assert not (tmp_path / "new.db").exists()


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="needs /dev/stdin")
class TestTheInputIsTheOutput:
    """A FILE that standard output appends to (``>>``) is refused, as cat
    refuses it: streamed, the posts the command appends are read back, and
    the file grows until the disk is full (a review found it so)."""

    @pytest.mark.parametrize(
        "script",
        [
            "$BLOGLIST F --format listing >> F",
            "$BLOGLIST F --format jsonl >> F",
            "$BLOGLIST < F >> F",
            "$BLOGLIST check - < F >> F",
            "$BLOGLIST tags other.txt F 1<> F",
        ],
    )
    def test_refused_before_anything_is_written(
        self, tmp_path: Path, script: str
    ) -> None:
        text = listing(2000)  # more than one read: 64 kB
        (tmp_path / "F").write_bytes(text)
        (tmp_path / "other.txt").write_bytes(listing(1))
        done = shell(f"cd {shlex.quote(str(tmp_path))} && {script}")
        name = "standard input ('-')" if "< F" in script else "F"
        assert done.returncode == 2
        assert done.stderr.decode() == (
            f"bloglist: error: {name} is also the file standard output writes "
            "to: the command would read back what it writes; write to another "
            "file\n"
        )
        assert (tmp_path / "F").read_bytes() == text

    def test_an_empty_file_or_one_read_to_its_end_is_not_refused(
        self, tmp_path: Path
    ) -> None:
        """As cat: nothing to read back (`> F` empties it first)."""
        (tmp_path / "F").write_bytes(listing(3))
        done = shell(
            f"cd {shlex.quote(str(tmp_path))} && $BLOGLIST F --format listing > F"
        )
        assert (done.returncode, done.stderr) == (0, b"")
        assert (tmp_path / "F").read_bytes() == b""
        (tmp_path / "F").write_bytes(listing(3))
        done = shell(
            f"cd {shlex.quote(str(tmp_path))} && "
            "{ cat > /dev/null; $BLOGLIST check; } < F >> F"
        )
        assert (done.returncode, done.stderr) == (
            0,
            b"<stdin>: 0 posts, 0 errors, 0 warnings\n",
        )


class TestAPipeNamedTwice:
    """A pipe is empty once read: named twice, by any two names, it is a
    usage error (2), not a listing of no posts the second time (a diff
    that says every post was removed, a scrape that looks emptied)."""

    PIPE_TWICE = "are one pipe: it can be read once only"

    @pytest.mark.parametrize(
        "args",
        [
            ["diff", "-", "/dev/stdin"],
            ["diff", "/dev/stdin", "-"],
            ["diff", "/dev/fd/0", "/dev/stdin"],
            ["-", "/dev/stdin", "--format", "jsonl"],
            ["check", "/dev/stdin", "-"],
            ["tags", "-", "/dev/fd/0"],
            ["archive", "add", "ARCHIVE", "-", "/dev/stdin"]
            + ["--seen-at", "2025-03-05"] * 2,
            ["archive", "add", "ARCHIVE", "--pages", "/dev/stdin", "-"],
        ],
        ids=shlex.join,
    )
    def test_standard_input_by_two_names_is_refused(
        self, tmp_path: Path, args: list[str]
    ) -> None:
        archive = tmp_path / "blog.db"
        args = [str(archive) if arg == "ARCHIVE" else arg for arg in args]
        files = [a for a in args if a in {"-", "/dev/stdin", "/dev/fd/0"}]
        first, second = ("standard input ('-')" if f == "-" else f for f in files)
        # Through a shell's pipe, as a script writes it.
        done = shell(
            f"printf '%s' {shlex.quote(listing(3).decode())} | "
            f"$BLOGLIST {shlex.join(args)}"
        )
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr.decode() == (
            f"bloglist: error: {first} and {second} {self.PIPE_TWICE}\n"
        )
        assert not archive.exists()

    def test_a_fifo_named_twice_is_refused(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        done = run("diff", str(fifo), str(fifo))
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr.decode() == (
            f"bloglist: error: {fifo} is named more than once: it is a pipe, "
            "which can be read once only\n"
        )

    @pytest.mark.parametrize("command", [[], ["diff", "OTHER"]], ids=["show", "diff"])
    def test_an_archive_through_a_fifo_is_named_without_opening_it_again(
        self, tmp_path: Path, command: list[str]
    ) -> None:
        """An SQLite file's bytes through a FIFO: said to be an archive, from
        its first bytes looked at in place; the FIFO is not opened again to
        look at them, which would wait for a writer (the test's one writer
        writes once)."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(
            bloglist.loads(bloglist.sample_text()),
            seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC),
        )
        other = tmp_path / "other.txt"
        other.write_bytes(listing(1))
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        args = [str(other) if a == "OTHER" else a for a in command]
        args = [*args[:1], str(fifo), *args[1:]]
        writer = threading.Thread(target=fifo.write_bytes, args=(db.read_bytes(),))
        writer.start()
        try:
            done = run(*args)
        finally:
            writer.join(timeout=60)
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr.decode() == (
            f"bloglist: error: {fifo} is an SQLite file, not a listing: an archive? "
            "(archive show reads an archive)\n"
        )

    def test_a_file_given_as_standard_input_is_read_again(self, tmp_path: Path) -> None:
        """With standard input a regular file, /dev/stdin opens it anew from
        its start: read twice, it is the same listing, as diff(1) finds."""
        path = tmp_path / "a.txt"
        path.write_bytes(listing(3))
        with path.open("rb") as fp:
            done = run("diff", "-", "/dev/stdin", stdin=fp.fileno())
        assert (done.returncode, done.stderr) == (0, b"")
        assert done.stdout == b"0 added, 0 removed, 0 changed, 3 unchanged\n"

    def test_standard_input_named_twice_is_refused_even_from_a_file(
        self, tmp_path: Path
    ) -> None:
        """'-' twice reads one file object twice, the second time at its end:
        refused whatever standard input is."""
        path = tmp_path / "a.txt"
        path.write_bytes(listing(3))
        for args in (["diff", "-", "-"], ["-", "-"]):
            with path.open("rb") as fp:
                done = run(*args, stdin=fp.fileno())
            assert (done.returncode, done.stdout) == (2, b"")
            assert done.stderr.decode() == (
                "bloglist: error: standard input ('-') is named more than once: "
                "it can be read once only\n"
            )


def assert_cut_after(out: str, fmt: str, posts: list[bloglist.Post]) -> None:
    """*out*, the output of an input that stopped, holds exactly *posts*, each
    titled "Post <n>", in *fmt*: a JSON array left open, the others whole."""
    if fmt == "table":
        assert [line.split()[1:3] for line in out.splitlines()[1:]] == [
            ["Post", str(n)] for n in range(len(posts))
        ]
    elif fmt == "json":
        assert json.loads(out + "\n]") == json.loads(bloglist.to_json(posts))
    else:
        writers: dict[str, Callable[[list[bloglist.Post]], str]] = {
            "jsonl": bloglist.to_jsonl,
            "csv": bloglist.to_csv,
            "listing": bloglist.dumps,
        }
        whole = writers[fmt]
        assert out == whole(posts)


class _AskedOnly:
    """A poll that reports only the events it was asked for, as macOS's
    does (a kqueue filter for each event asked): none, ever, for a
    descriptor registered with no event."""

    def __init__(self, poller: Any) -> None:
        self.poller = poller
        self.asked = 0

    def register(self, fd: int, events: int) -> None:
        self.asked = events
        self.poller.register(fd, events)

    def poll(self, timeout: float) -> list[tuple[int, int]]:
        return self.poller.poll(timeout) if self.asked else []


class TestStreaming:
    def test_first_line_comes_before_the_input_ends(self) -> None:
        """jsonl output starts while standard input is still open."""
        with subprocess.Popen(
            [*COMMAND, "--format", "jsonl"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as child:
            stdin, stdout = child.stdin, child.stdout
            assert stdin is not None and stdout is not None
            lines: list[bytes] = []
            first = threading.Event()

            def drain() -> None:
                # Read all along, so that the child never waits on a full pipe.
                for line in stdout:
                    lines.append(line)
                    first.set()

            reader = threading.Thread(target=drain)
            reader.start()
            try:
                stdin.write(listing(2000))
                stdin.flush()
                assert first.wait(20), "no output while the input was still open"
                assert child.poll() is None  # still waiting for the rest
            finally:
                stdin.close()
                reader.join(timeout=30)
            assert child.wait(timeout=30) == 0
            assert json.loads(lines[0])["title"] == "Post number 0"
            assert len(lines) == 2000

    @pytest.mark.parametrize("fmt", ["csv", "json", "table", "listing"])
    def test_every_streamed_format_starts_before_the_input_ends(self, fmt: str) -> None:
        """The output is written in batches, yet flushed before the command waits
        for more input: a pipe's posts come out while it is still open."""
        with subprocess.Popen(
            [*COMMAND, "--format", fmt],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as child:
            stdin, stdout = child.stdin, child.stdout
            assert stdin is not None and stdout is not None
            first = threading.Event()
            out: list[bytes] = []

            def drain() -> None:
                for line in stdout:
                    out.append(line)
                    first.set()

            reader = threading.Thread(target=drain)
            reader.start()
            try:
                stdin.write(listing(300))
                stdin.flush()
                assert first.wait(20), "no output while the input was still open"
                assert child.poll() is None
            finally:
                stdin.close()
                reader.join(timeout=30)
            assert child.wait(timeout=30) == 0
            assert b"Post number 299" in b"".join(out)

    @POSIX
    def test_output_that_fails_while_a_pipe_is_read(self, tmp_path: Path) -> None:
        """A write error met while flushing before a read is the output's error
        (status 2), not a failure to read the input."""
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        path = tmp_path / "big.txt"
        path.write_bytes(listing(3000))  # several pieces of input
        done = shell(f'cat "{path}" | $BLOGLIST --format jsonl >/dev/full')
        assert done.returncode == 2
        assert done.stderr == NO_SPACE

    def test_big_output_is_written_in_batches_and_whole(self, tmp_path: Path) -> None:
        """More than one batch of output (a megabyte) in every streamed format.

        2,500 posts are 1.8 MB of JSON lines and 1.6 MB of CSV.
        """
        path = tmp_path / "big.txt"
        posts = [
            bloglist.Post(title=f"Post {i}", excerpt="x" * 300, tags=["Data", "News"])
            for i in range(2500)
        ]
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        done = run(str(path), "--format", "jsonl")
        assert done.stdout.decode("utf-8") == bloglist.to_jsonl(posts)
        done = run(str(path), "--format", "csv")
        assert done.stdout.decode("utf-8") == bloglist.to_csv(posts)
        table = run(str(path)).stdout.decode("utf-8").splitlines()
        assert len(table) == 2501
        assert table[-1].split()[:3] == ["-", "Post", "2499"]

    @POSIX
    @pytest.mark.parametrize("fmt", ["jsonl", "csv", "table", "listing", "json"])
    def test_head_returns_at_once_and_quietly(
        self, big_with_error: Path, fmt: str
    ) -> None:
        """`bloglist big.txt | head -1` stops reading at once, with nothing on stderr.

        The file ends in an error that ``--strict`` would report: the command
        stops when the pipe closes, long before it reaches that line.
        """
        path = big_with_error
        done = shell(f'$BLOGLIST "{path}" --strict --format {fmt} | head -n 1')
        assert done.stderr == b""
        assert done.stdout.count(b"\n") == 1

    @POSIX
    @pytest.mark.parametrize(
        ("first", "endless"),
        [(b"", b"y\n"), (b"\nT\n\nE\nTag\n", b"x\n")],
        ids=["yes", "lines after a tag line"],
    )
    def test_a_reader_that_leaves_ends_endless_input_that_makes_no_output(
        self, first: bytes, endless: bytes
    ) -> None:
        """`yes | bloglist --format jsonl | head -n 1` (a format written a post
        at a time, so that head has its line): past its first post, such input
        makes no output (lines after a tag line, counted past the hundredth),
        so no write would meet the closed pipe; the command sees the reader
        gone before its next read and stops as if a write had met it (141),
        where it read until killed."""
        producer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys\n"
                f"data = {endless!r} * 4096\n"
                "try:\n"
                f"    sys.stdout.buffer.write({first!r})\n"
                "    while True: sys.stdout.buffer.write(data)\n"
                "except BrokenPipeError: pass\n",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert producer.stdout is not None
        command = subprocess.Popen(
            [*COMMAND, "--format", "jsonl", "--max-diagnostics", "0"],
            stdin=producer.stdout,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        producer.stdout.close()  # the command holds the pipe's reading end
        try:
            assert command.stdout is not None
            # Waited for, not read blindly: a command that holds its output
            # fails here, where a bare readline would wait for ever.
            ready, _, _ = select.select([command.stdout], [], [], 30)
            assert ready, "no line within 30 seconds: the output is held"
            assert json.loads(command.stdout.readline())["title"] in ("y", "T")
            command.stdout.close()  # head, having its line, leaves
            assert command.wait(timeout=30) == 141
        finally:
            command.kill()
            producer.kill()
            command.wait()
            producer.wait()
            if command.stdout is not None:
                command.stdout.close()  # when an assertion above failed

    @POSIX
    @pytest.mark.parametrize("side", ["old", "new"])
    def test_a_reader_that_leaves_ends_a_diff_before_its_next_read(
        self, side: str, tmp_path: Path
    ) -> None:
        """`bloglist diff OLD NEW | true`: diff writes nothing until it has
        compared the two, so no write meets the closed pipe while it reads;
        it sees the reader gone before its next read and stops (141), as the
        main command does, where it read its input to the end first (here a
        pipe whose writer never ends it: for ever)."""
        listing = tmp_path / "listing.txt"
        listing.write_text(bloglist.sample_text(), encoding="utf-8")
        files = ["-", str(listing)] if side == "old" else [str(listing), "-"]
        reading, writing = os.pipe()
        try:
            command = subprocess.Popen(
                [*COMMAND, "diff", *files],
                stdin=reading,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        finally:
            os.close(reading)
        assert command.stdout is not None and command.stderr is not None
        try:
            os.write(writing, b"\nT\n\nE\n")  # more may come: no end yet
            command.stdout.close()  # the reader leaves before any output
            assert command.wait(timeout=30) == 141
            assert command.stderr.read() == b""
        finally:
            command.kill()
            command.wait()
            os.close(writing)
            command.stderr.close()

    @pytest.mark.skipif(not hasattr(select, "poll"), reason="needs poll")
    @pytest.mark.parametrize("asked_only", [False, True])
    def test_the_reader_left_is_seen_on_a_pipe_only(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, asked_only: bool
    ) -> None:
        """The test the command asks before each read: on a pipe, false
        while its reader is there, true once it has closed its end; none
        for a regular file, an output with no file descriptor, or a system
        with no poll. A read that finds the reader gone fails as a write to
        the closed pipe would (the command then exits 141, quietly). The
        same with a poll that reports only what it was asked, as macOS's
        does (Linux reports an error or a hang-up for a descriptor asked
        nothing, macOS never), so that `yes | bloglist | head -n 1` ends
        there too."""
        from bloglist._cli import _LineLimit
        from bloglist._cli_common import OutputFailed, reader_left

        if asked_only:
            real = select.poll
            monkeypatch.setattr(
                select,
                "poll",
                lambda: _AskedOnly(real()),
            )
        reading, writing = os.pipe()
        with open(writing, "w") as out, open(tmp_path / "f", "w") as regular:
            monkeypatch.setattr(sys, "stdout", out)
            left = reader_left()
            assert left is not None
            assert not left()
            os.close(reading)
            assert left()
            with open(os.devnull, "rb") as empty:
                reader = _LineLimit(empty, 100, None, left)
                with pytest.raises(OutputFailed) as failed:
                    reader.read(10)
            assert isinstance(failed.value.error, BrokenPipeError)
            monkeypatch.setattr(sys, "stdout", regular)
            assert reader_left() is None
            monkeypatch.setattr(sys, "stdout", io.StringIO())
            assert reader_left() is None
            monkeypatch.setattr(sys, "stdout", out)
            monkeypatch.delattr(select, "poll")
            assert reader_left() is None

    @pytest.mark.skipif(not hasattr(select, "poll"), reason="needs poll")
    def test_the_reader_left_is_seen_on_a_socket_too(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Standard output may be a socket rather than a pipe (a service
        manager's, inetd's, socat's): its reader leaving is seen as a
        pipe's is, so that input that makes no output stops there too."""
        from bloglist._cli_common import reader_left

        ours, theirs = socket.socketpair()
        with ours, open(ours.fileno(), "w", closefd=False) as out:
            monkeypatch.setattr(sys, "stdout", out)
            left = reader_left()
            assert left is not None
            assert not left()
            theirs.close()
            assert left()

    @POSIX
    def test_output_that_fails_while_a_file_is_read(self, tmp_path: Path) -> None:
        """A write error met while a regular file is read, before its end
        (the first batch of records), is the output's error too."""
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        path = tmp_path / "big.txt"
        path.write_bytes(listing(3000))
        for fmt in ("jsonl", "json"):
            done = shell(f'$BLOGLIST "{path}" --format {fmt} >/dev/full')
            assert done.returncode == 2
            assert done.stderr == NO_SPACE

    @POSIX
    def test_output_that_fails_before_a_pipe_is_read_again(
        self, tmp_path: Path
    ) -> None:
        """Fewer posts than a batch from a pipe: they are written before the
        next read, and that write's error is the output's error. So when
        every post ends with its tag line, and the read that finds the end of
        the pipe has nothing after it to write: status 2, not the posts lost
        with status 0."""
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        tagged = [
            bloglist.Post(title=f"Post {i}", excerpt="x", tags=["T"]) for i in range(20)
        ]
        for text in (listing(20), bloglist.dumps(tagged).encode("utf-8")):
            path = tmp_path / "small.txt"
            path.write_bytes(text)
            for fmt in ("jsonl", "json"):
                done = shell(f'cat "{path}" | $BLOGLIST --format {fmt} >/dev/full')
                assert done.returncode == 2
                assert done.stderr == NO_SPACE

    @POSIX
    def test_diff_refuses_standard_input_emptied_for_its_output(
        self, tmp_path: Path
    ) -> None:
        """`diff - b.txt < a.txt > a.txt`: the shell emptied a.txt, standard
        input, before the command ran: refused, status 2, as for the file
        named; from a pipe, standard input is compared as always."""
        old, new = tmp_path / "a.txt", tmp_path / "b.txt"
        old.write_bytes(listing(2))
        new.write_bytes(listing(3))
        done = shell(f'$BLOGLIST diff - "{new}" < "{old}" > "{old}"')
        assert done.returncode == 2
        assert done.stderr == (
            b"bloglist: error: standard input ('-') is also the file standard "
            b"output writes to, and is empty: if it held a listing, the shell "
            b"emptied it (>) before the command ran; write the report to "
            b"another file\n"
        )
        old.write_bytes(listing(2))
        done = shell(f'cat "{old}" | $BLOGLIST diff - "{new}" > "{tmp_path}/out"')
        assert (done.returncode, done.stderr) == (1, b"")

    def test_filtered_stream_of_several_batches(self, tmp_path: Path) -> None:
        """With a filter the posts go one at a time, yet in batches to the writer."""
        path = tmp_path / "l.txt"
        path.write_bytes(listing(1500))
        posts = bloglist.loads(listing(1500).decode("utf-8"))
        kept = [post for post in posts if "7" in post.title]
        for fmt, to in (("jsonl", bloglist.to_jsonl), ("json", bloglist.to_json)):
            done = run(str(path), "--search", "7", "--format", fmt)
            assert (done.returncode, done.stderr) == (0, b"")
            assert done.stdout.decode("utf-8") == to(kept)
        done = run(str(path), "--search", "Post", "--format", "jsonl")
        assert done.stdout.decode("utf-8") == bloglist.to_jsonl(posts)

    @pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "listing"])
    @pytest.mark.parametrize(
        ("problem", "options"),
        [
            (b"sticky\nFeb 30, 2024\n\nT\n\nE\n", ["--strict"]),
            (b"\nT\n\n" + b"x" * 300 + b"\n", ["--max-line-length", "200"]),
            (b"\nT\n\n\xff\n", []),
        ],
    )
    def test_what_was_read_before_the_input_stops_is_written_in_every_format(
        self, tmp_path: Path, fmt: str, problem: bytes, options: list[str]
    ) -> None:
        """An error that stops the input (--strict, bytes that are not UTF-8, a
        line too long) cuts every format at the same post: the posts read
        before it are written, whatever the format holds back for a batch or
        a table's widths, and nothing after them (a JSON array stays open, so
        that no parser takes it for the whole). Status 1, the error on stderr."""
        posts = [bloglist.Post(title=f"Post {i}", excerpt="x") for i in range(3)]
        path = tmp_path / "l.txt"
        path.write_bytes(bloglist.dumps(posts).encode() + problem)
        done = run(str(path), "--format", fmt, *options)
        assert done.returncode == 1
        assert done.stderr.startswith(f"{path}:".encode())
        assert_cut_after(done.stdout.decode("utf-8"), fmt, posts)

    @pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "listing"])
    @pytest.mark.parametrize("second", ["missing", "directory"])
    @pytest.mark.parametrize("size", [3, 3000])
    def test_a_file_that_cannot_be_read_among_several_cuts_after_the_others(
        self, tmp_path: Path, fmt: str, second: str, size: int
    ) -> None:
        """`bloglist a.txt missing.txt`: every post of a.txt is written, whatever
        the output held in its buffer, then the error, status 2."""
        posts = [bloglist.Post(title=f"Post {i}", excerpt="x") for i in range(size)]
        first = tmp_path / "a.txt"
        first.write_text(bloglist.dumps(posts), encoding="utf-8")
        bad = tmp_path / second
        if second == "directory":
            bad.mkdir()
        done = run(str(first), str(bad), "--format", fmt)
        assert done.returncode == 2
        assert done.stderr.decode().startswith(f"bloglist: error: cannot read {bad}")
        assert_cut_after(done.stdout.decode("utf-8"), fmt, posts)

    def test_limit_stops_reading(self, tmp_path: Path) -> None:
        """--limit N stops after N posts: a problem further on is never read."""
        path = tmp_path / "l.txt"
        path.write_bytes(listing(3) + b"Tags\nJunk\n")
        done = run(str(path), "--limit", "2", "--format", "jsonl")
        assert (done.returncode, done.stderr) == (0, b"")
        assert titles_of_jsonl(done.stdout) == ["Post number 0", "Post number 1"]

    def test_a_page_stops_reading_after_its_last_post(self, tmp_path: Path) -> None:
        """--page N with no sort reads no further than the page's last post,
        as --limit does: a problem further on is never read."""
        path = tmp_path / "l.txt"
        path.write_bytes(listing(7) + b"Tags\nJunk\n")
        done = run(str(path), "--page", "2", "--page-size", "3", "--format", "jsonl")
        assert (done.returncode, done.stderr) == (0, b"")
        assert titles_of_jsonl(done.stdout) == [f"Post number {i}" for i in (3, 4, 5)]
        # The last page reads to the end, and so finds the problem.
        done = run(str(path), "--page", "3", "--page-size", "3", "--format", "jsonl")
        assert done.returncode == 1
        assert titles_of_jsonl(done.stdout) == ["Post number 6"]

    @pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "listing"])
    def test_a_page_past_the_end_writes_nothing(self, tmp_path: Path, fmt: str) -> None:
        """Streamed, a page past the end is still the usage error of the
        whole listing's page, with nothing written before it (not even a
        CSV header)."""
        path = tmp_path / "l.txt"
        path.write_bytes(listing(7))
        done = run(str(path), "--page", "4", "--page-size", "3", "--format", fmt)
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr.decode() == (
            "bloglist: error: argument --page: page 4 is out of range: "
            "7 posts make 3 pages of 3\n"
        )

    def test_streamed_and_whole_output_are_the_same(self, tmp_path: Path) -> None:
        """Every streamed format prints what the whole-listing writers print."""
        path = tmp_path / "l.txt"
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        expected = {
            "json": bloglist.to_json(SAMPLE),
            "jsonl": bloglist.to_jsonl(SAMPLE),
            "csv": bloglist.to_csv(SAMPLE),
            "listing": bloglist.dumps(SAMPLE),
        }
        for fmt, text in expected.items():
            done = run(str(path), "--format", fmt)
            assert done.stdout.decode("utf-8") == text, fmt

    def test_a_wide_cell_after_the_first_rows_shifts_only_its_row(
        self, tmp_path: Path
    ) -> None:
        """A streamed table takes its widths from its first 100 rows."""
        posts = [bloglist.Post(title=f"T{i}", excerpt="x") for i in range(150)]
        posts[120] = bloglist.Post(
            title="A much longer title", excerpt="x", tags=["Tag"]
        )
        posts[1] = bloglist.Post(title="T1", excerpt="x", tags=["Tag"])
        path = tmp_path / "l.txt"
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        lines = run(str(path)).stdout.decode().splitlines()
        assert len(lines) == 151
        assert lines[2].index("Tag") == lines[0].index("TAGS")
        # DATE and STICKY keep their widths; the title pushes its tags right.
        assert lines[121] == "-" + " " * 13 + "A much longer title  Tag"


class TestAPipeThatIsNotWrittenYet:
    """The posts of the files before a named pipe (``mkfifo``) come out before
    the command opens it, which waits until the pipe has a writer (docs/cli.md,
    "Streaming"), whether the command writes each post as it comes or in
    batches. (Bash's ``<(command)`` opens at once on Linux, and the command
    flushes before it reads a pipe: that case never held posts back.)"""

    @POSIX
    @pytest.mark.parametrize(
        "options",
        [
            ["--format", "jsonl"],
            ["--format", "json"],
            ["--format", "csv"],
            ["--format", "jsonl", "--search", "E"],
            ["--format", "listing"],
            ["--format", "csv", "--tag", "News"],
        ],
    )
    def test_the_files_before_it_come_out_while_it_waits(
        self, tmp_path: Path, options: list[str]
    ) -> None:
        first = tmp_path / "a.txt"
        first.write_text("\nA\n\nE\nNews\n", encoding="utf-8")
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        with subprocess.Popen(
            [*COMMAND, str(first), str(fifo), *options],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as child:
            assert child.stdout is not None
            try:
                # Nobody has opened the pipe for writing: the command waits
                # in its open, after a.txt's post, which must be out by now.
                ready = select.select([child.stdout], [], [], 30)[0]
                assert ready, "nothing came out before the pipe's writer"
                head = os.read(child.stdout.fileno(), 1 << 16)
                assert b"A" in head
                assert b"B" not in head
            finally:
                # The writer comes, once the command has the pipe open for
                # reading (never, if it ended first: then nothing is written,
                # rather than waiting for a reader for ever).
                _write_when_read(fifo, b"\nB\n\nE\nNews\n", child)
            rest = child.stdout.read()
            assert child.wait(timeout=60) == 0
        assert b"B" in rest


def _write_when_read(fifo: Path, data: bytes, child: subprocess.Popen[bytes]) -> None:
    """Write *data* to *fifo* once *child* has opened it for reading; give up
    if the child ends first or after a minute."""
    deadline = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < deadline:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: no reader yet
            time.sleep(0.05)
            continue
        try:
            os.set_blocking(fd, True)
            os.write(fd, data)
        finally:
            os.close(fd)
        return


class TestCtrlC:
    @POSIX
    @pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
    def test_ctrl_c_stops_the_script_that_runs_the_command(self) -> None:
        """Ctrl-C in a bash script (a loop of daily scrapes) stops the script,
        not only the command: bash goes on unless its command died of SIGINT,
        which an exit with status 130 does not tell it."""
        script = shlex.join(COMMAND) + " - ; echo after=$?"
        # The command waits for standard input (a pipe from sleep that stays
        # open), so that Ctrl-C finds it running, whenever it comes.
        shell_line = f"sleep 30 | {{ {script}; }}"
        child = subprocess.Popen(
            # Ctrl-C's default action, whatever this run inherited: a run
            # started in the background of a shell without job control
            # ignores SIGINT, and a shell cannot undo a signal ignored when it
            # starts, so the command would ignore it too.
            prepared(["bash", "-c", shell_line], default_signals=[signal.SIGINT]),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # a process group, as a terminal's job
        )
        try:
            time.sleep(1.5)
            os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C sends
            out, err = child.communicate(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
        assert b"after=" not in out, out
        assert b"Traceback" not in err

    @POSIX
    @pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
    def test_sigterm_and_sighup_end_the_command_as_killed(self, signum: int) -> None:
        """`kill` (or `timeout`) and a closed terminal stop the command as
        Ctrl-C does: the posts read so far written, no traceback, and the
        process ends killed by the signal (a shell shows 143 or 129)."""
        child = subprocess.Popen(
            # The signal's default action, whatever this run inherited: under
            # nohup SIGHUP is ignored, and the command keeps it so.
            prepared(
                [*COMMAND, "-", "--format", "jsonl"],
                default_signals=[signal.Signals(signum)],
            ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(b"Mar 5, 2024\n\nOne\n\nFirst.\n\n")
            child.stdin.flush()
            # The post comes out before the command waits for more input.
            first = child.stdout.readline()
            child.send_signal(signum)
            out, err = child.communicate(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
        assert json.loads(first)["title"] == "One"
        assert (child.returncode, out, err) == (-signum, b"", b"")


class TestNoTraceback:
    @POSIX
    def test_closed_standard_input(self) -> None:
        """`bloglist - <&-` is a usage error in one line."""
        done = shell("$BLOGLIST - --format jsonl <&-")
        assert done.returncode == 2
        assert (
            done.stderr
            == b"bloglist: error: cannot read standard input: it is closed\n"
        )
        # With no FILE, standard input would be read: said so, not as for a
        # terminal, which is asked to give '-'.
        done = shell("$BLOGLIST --format jsonl <&-")
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr == (
            b"bloglist: error: no input: standard input is closed; give a FILE, "
            b"or --sample for the bundled sample\n"
        )

    @POSIX
    def test_closed_standard_output(self) -> None:
        """`bloglist --sample >&-` is a usage error in one line."""
        done = shell("$BLOGLIST --sample >&-")
        assert done.returncode == 2
        assert done.stderr == b"bloglist: error: standard output is closed\n"

    @POSIX
    @BUFFERING
    @pytest.mark.parametrize(
        "fmt", ["jsonl", "json", "csv", "table", "listing", "atom"]
    )
    def test_standard_output_that_fails(self, unbuffered: bool, fmt: str) -> None:
        """Output to a full device is one line and status 2, buffered or not
        (not Python's "Exception ignored" and status 120 at exit)."""
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        done = shell(
            f"$BLOGLIST --sample --format {fmt} >/dev/full", unbuffered=unbuffered
        )
        assert done.returncode == 2
        assert done.stderr == NO_SPACE

    @POSIX
    @pytest.mark.parametrize(
        "argv", [["--version"], ["--help"], ["show", "--help"], ["archive", "--help"]]
    )
    @BUFFERING
    def test_help_and_version_fail_as_any_output_does(
        self, argv: list[str], unbuffered: bool
    ) -> None:
        """`bloglist --version > /dev/full` is not a silent success, and help
        on a closed output does not go to standard error instead: status 2."""
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        words = shlex.join(argv)
        done = shell(f"$BLOGLIST {words} >/dev/full", unbuffered=unbuffered)
        assert (done.returncode, done.stderr) == (
            2,
            NO_SPACE,
        )
        done = shell(f"$BLOGLIST {words} >&-", unbuffered=unbuffered)
        assert (done.returncode, done.stderr) == (
            2,
            b"bloglist: error: standard output is closed\n",
        )

    @POSIX
    @pytest.mark.parametrize(
        "words",
        ["--sample --bogus", "--sample --limit x", "diff a", "archive add", "chek"],
    )
    def test_a_usage_error_with_standard_error_closed_writes_no_output(
        self, words: str
    ) -> None:
        """With standard error closed (`2>&-`), a usage error exits 2 and
        writes nothing to standard output (argparse wrote its usage there,
        into the data a script reads)."""
        done = shell(f"$BLOGLIST {words} 2>&-")
        assert (done.returncode, done.stdout) == (2, b"")

    @POSIX
    @pytest.mark.parametrize("command", ["check", "show"])
    def test_endless_input_hits_the_line_limit(self, command: str) -> None:
        """`bloglist check /dev/zero` stops at the line length limit: exit 1."""
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero")
        done = run(command, "/dev/zero", "--max-line-length", "100000")
        assert done.returncode == 1
        finding = b"/dev/zero:1:1: line-too-long line is longer than 100000 bytes"
        stream = done.stdout if command == "check" else done.stderr
        assert stream.startswith(finding)
        assert b"Traceback" not in done.stderr

    def test_a_long_line_between_short_ones_is_found(self, tmp_path: Path) -> None:
        """The limit holds for a line inside a chunk too, at its line."""
        path = tmp_path / "l.txt"
        path.write_bytes(b"\nTitle\n\n" + b"x" * 50 + b"\nTags\n")
        done = run("check", str(path), "--max-line-length", "20")
        assert done.stdout.decode().startswith(f"{path}:4:1: line-too-long ")

    @pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
    def test_the_limit_holds_in_utf16(self, tmp_path: Path, encoding: str) -> None:
        """A UTF-16 file is measured in its own units: U+0A0A, two 0x0A
        bytes, breaks no line, and a Windows line break is one."""
        mark = "\ufeff".encode(encoding)
        long = tmp_path / "long.txt"
        text = "\r\n".join(["", "T", "", "E", "Tag " + "\u0a0a" * 2000, ""])
        long.write_bytes(mark + text.encode(encoding))
        done = run("check", str(long), "--max-line-length", "1000")
        assert done.returncode == 1
        assert done.stdout.decode().startswith(f"{long}:5:1: line-too-long ")
        fine = tmp_path / "fine.txt"
        fine.write_bytes(mark + text.replace("\u0a0a" * 2000, "Go").encode(encoding))
        done = run("check", str(fine), "--max-line-length", "20")
        assert (done.returncode, done.stdout) == (0, b"")
        assert done.stderr.endswith(b": 1 post, 0 errors, 0 warnings\n")

    def test_odd_file_names_are_escaped(self, tmp_path: Path) -> None:
        """Names with line breaks, escapes or bytes that are not UTF-8 print escaped."""
        raw = os.fsencode(tmp_path) + b"/bad\xff\n\x1b[2Jname.txt"
        try:
            with open(raw, "wb") as fp:
                fp.write(b"\nT\n\nE\nJunk\nMore\n")
        except OSError:
            pytest.skip("this file system refuses such names")
        name = os.fsdecode(raw)
        shown = f"{tmp_path}/bad\\xff\\n\\x1b[2Jname.txt"
        done = run("check", name)
        assert done.stdout.decode().startswith(f"{shown}:6:1: ")
        assert done.stderr.decode().startswith(f"{shown}: 1 post")
        missing = run(name + "-missing")
        assert missing.stderr.decode() == (
            f"bloglist: error: cannot read {shown}-missing: No such file or directory\n"
        )
        atom = run(name, "--format", "atom", "--exit-zero")
        assert atom.returncode == 0
        feed = atom.stdout.decode("utf-8")
        # The feed's title is the name as it is, a byte that is not UTF-8 as
        # its escape; the feed writes the ESC that XML cannot hold as U+FFFD.
        assert '<title type="text">bad\\xff\n\ufffd[2Jname.txt</title>' in feed

    def test_out_of_memory_is_one_line(self, tmp_path: Path) -> None:
        """A MemoryError ends the command with one line and status 1."""
        script = (
            "import sys, bloglist._cli as cli\n"
            "def boom(*args, **kwargs):\n"
            "    raise MemoryError\n"
            "cli.stream_items = boom\n"
            "sys.exit(cli.main(['--sample']))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=False
        )
        assert done.returncode == 1
        assert done.stderr.startswith(b"bloglist: error: out of memory")


@POSIX
class TestTheLocaleDoesNotMatter:
    """The command line is read as UTF-8 whatever the locale: under
    ``PYTHONUTF8=0 LC_ALL=C`` Python decodes it as ASCII, and a UTF-8
    "über" was refused as "not UTF-8", and file names were shown escaped."""

    ENV: ClassVar = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C"}

    def run_c(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*COMMAND, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=60,
            cwd=cwd,
            env=self.ENV,
        )

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (["--sample", "--b\u00f6gus"], "unrecognized arguments: --b\u00f6gus"),
            (["archive", "b\u00f6gus"], "invalid choice: 'b\u00f6gus' (choose from"),
            (["diff", "a", "b", "c\u00fc"], "unrecognized arguments: c\u00fc"),
        ],
    )
    def test_words_argparse_refuses_are_quoted_as_typed(
        self, tmp_path: Path, args: list[str], said: str
    ) -> None:
        """A usage error quotes the word as typed, as under a UTF-8 locale."""
        done = self.run_c(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert said in done.stderr.decode("utf-8"), done.stderr
        assert run(*args).stderr == done.stderr

    def test_option_values_and_file_names_read_as_utf8(self, tmp_path: Path) -> None:
        name = "\u00fcmlaut.txt"
        (tmp_path / name).write_text(
            "\n\u00dcber uns\n\nText\nDatenSchutz\nJunk\n\nOther\n\nText\n",
            encoding="utf-8",
        )
        found = self.run_c(
            name,
            "--search",
            "\u00fcber",
            "--format",
            "jsonl",
            "--exit-zero",
            cwd=tmp_path,
        )
        assert found.returncode == 0, found.stderr
        assert titles_of_jsonl(found.stdout) == ["\u00dcber uns"]
        feed = self.run_c(name, "--format", "atom", "--exit-zero", cwd=tmp_path)
        assert feed.returncode == 0, feed.stderr
        in_utf8 = run(str(tmp_path / name), "--format", "atom", "--exit-zero")
        assert feed.stdout == in_utf8.stdout  # the same title, so the same ids
        assert '<title type="text">\u00fcmlaut.txt</title>'.encode() in feed.stdout
        # Diagnostics on standard error are UTF-8 too.
        assert feed.stderr.startswith("\u00fcmlaut.txt:6:1: extra-line".encode())
        checked = self.run_c("check", name, "--exit-zero", cwd=tmp_path)
        assert checked.stdout.startswith("\u00fcmlaut.txt:6:1: extra-line".encode())

    def test_a_hint_names_an_archived_scrape_by_its_source_as_added(
        self, tmp_path: Path
    ) -> None:
        """A file name beyond ASCII is recorded as the scrape's source as
        typed, as under a UTF-8 locale (it was recorded as two U+FFFD). The
        refusal of a challenge page then names that scrape by its source,
        read back from the file, in a hint as under a UTF-8 locale: not a
        traceback from asking the locale for the bytes of the archive's
        text."""
        name = "\u00fcber.txt"
        (tmp_path / name).write_text(bloglist.sample_text(), encoding="utf-8")
        (tmp_path / "day2.txt").write_text(
            "Just a moment...\n\nEnable JavaScript and cookies to continue\n",
            encoding="utf-8",
        )
        first = self.run_c(
            "archive", "add", "-q", "c.db", name, "--seen-at", "2025-03-26T06:00Z",
            cwd=tmp_path,
        )  # fmt: skip
        assert first.returncode == 0, first.stderr
        with closing(sqlite3.connect(tmp_path / "c.db")) as db:
            assert db.execute("SELECT source FROM scrapes").fetchall() == [(name,)]
        refused = self.run_c(
            "archive", "add", "c.db", "day2.txt", "--seen-at", "2025-03-27T06:00Z",
            cwd=tmp_path,
        )  # fmt: skip
        said = refused.stderr.decode("utf-8")
        assert "Traceback" not in said
        assert refused.returncode == 1, said
        assert (
            "; the archive holds one scrape only (\u00fcber.txt, seen at "
            "2025-03-26T06:00:00+00:00): if that was not the blog's page"
        ) in said

    def test_an_archive_error_names_its_directories_as_typed(
        self, tmp_path: Path
    ) -> None:
        """A message that names the archive's directory alone names it as
        typed, as the archive itself: a review found it shown as the
        escapes of bytes that are not UTF-8 (`n\\xc3\\xb6pe`), which they are."""
        (tmp_path / "\u00fcn\u00ef \u65e5.txt").write_text("", encoding="utf-8")
        cases = [
            (
                ["archive", "show", "n\u00f6pe/\u65e5.db"],
                "cannot open n\u00f6pe/\u65e5.db: its directory n\u00f6pe does not exist",
            ),
            (
                ["archive", "add", "n\u00f6pe/sub/blog.db", "l.txt",
                 "--seen-at", "2025-03-26T06:00Z"],
                "cannot create n\u00f6pe/sub/blog.db: its directory n\u00f6pe/sub "
                "does not exist",
            ),
            (
                ["archive", "add", "../d/\u00fcn\u00ef \u65e5.txt/x.db", "l.txt",
                 "--seen-at", "2025-03-26T06:00Z"],
                "cannot create ../d/\u00fcn\u00ef \u65e5.txt/x.db: "
                "../d/\u00fcn\u00ef \u65e5.txt is not a directory",
            ),
        ]  # fmt: skip
        work = tmp_path / "w"
        work.mkdir()
        (work / "l.txt").write_text(bloglist.sample_text(), encoding="utf-8")
        (tmp_path / "d").symlink_to(tmp_path)
        for args, said in cases:
            done = self.run_c(*args, cwd=work)
            assert done.returncode == 2
            assert done.stderr.decode("utf-8").splitlines()[-1] == (
                f"bloglist: error: {said}"
            )

    def test_usage_errors_quote_the_value_as_typed(self, tmp_path: Path) -> None:
        (tmp_path / "l.txt").write_text("\nT\n\nE\n", encoding="utf-8")
        for option in ("--year", "--format", "--sort"):
            refused = self.run_c("l.txt", option, "\u00fc", cwd=tmp_path)
            assert refused.returncode == 2
            assert f"argument {option}: ".encode() in refused.stderr
            assert "'\u00fc'".encode() in refused.stderr, refused.stderr

    def test_messages_with_text_beyond_ascii_are_one_line(self, tmp_path: Path) -> None:
        """A message that names a file, or quotes an archive's text, holds
        characters ASCII has not: one line, the name as typed, no traceback."""
        (tmp_path / "s.txt").write_text("\nT\n\nE\n", encoding="utf-8")
        missing = self.run_c("diff", "nope-\u00fc.txt", "s.txt", cwd=tmp_path)
        assert missing.returncode == 2
        assert (
            missing.stderr
            == (
                "bloglist: error: cannot read nope-\u00fc.txt: No such file or directory\n"
            ).encode()
        )
        db = tmp_path / "a.db"
        bloglist.open_archive(db).add(
            bloglist.loads("\nT\n\nE\n"),
            seen_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        )
        with closing(sqlite3.connect(db)) as connection, connection:
            connection.execute("""UPDATE versions SET tags = '"caf\u00e9"'""")
        damaged = self.run_c("archive", "show", "a.db", cwd=tmp_path)
        assert damaged.returncode == 2
        assert damaged.stderr.startswith(b"bloglist: error: a.db is damaged (")
        assert "caf\u00e9".encode() in damaged.stderr
        assert damaged.stderr.count(b"\n") == 1

    def test_bytes_that_are_not_utf8_are_still_refused(self, tmp_path: Path) -> None:
        (tmp_path / "l.txt").write_text("\nT\n\nE\n", encoding="utf-8")
        refused = subprocess.run(
            [*COMMAND, "l.txt", "--search", os.fsdecode(b"\xff")],
            capture_output=True,
            check=False,
            timeout=60,
            cwd=tmp_path,
            env=self.ENV,
        )
        assert refused.returncode == 2
        assert (
            b"argument --search: '\\xff' holds bytes that are not UTF-8"
            in refused.stderr
        )
        # Valid UTF-8 beside a byte that is not: the message quotes both.
        value = os.fsdecode("caf\u00e9".encode() + b"\xff")
        for option in ("--tag", "--feed-title"):
            mixed = self.run_c("l.txt", option, value, cwd=tmp_path)
            assert mixed.returncode == 2
            expected = (
                f"argument {option}: 'caf\u00e9\\xff' holds bytes that are not UTF-8"
            )
            assert expected.encode() in mixed.stderr, mixed.stderr


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX locale")
def test_the_archives_name_in_the_librarys_words_is_as_typed_whatever_the_locale(
    tmp_path: Path,
) -> None:
    """Under ``PYTHONUTF8=0 LC_ALL=C`` the command line is decoded as ASCII:
    an ArchiveError's message names the archive as typed, not as the
    escapes of its bytes."""
    env = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "bloglist", "archive", "show", "\u00fcber.db"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == "bloglist: error: cannot open \u00fcber.db: no such file\n".encode()
    )
