"""`bloglist diff` and `bloglist archive`: run in-process for output, as processes for status."""

from __future__ import annotations

import argparse
import contextlib
import csv as stdlib_csv
import datetime
import io
import json
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import tracemalloc
import types
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, NoReturn

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
from bloglist import (
    Archive,
    ArchiveFile,
    Listing,
    Post,
    _cli_history,
    _store,
    open_archive,
)
from bloglist import _cli_common as common
from bloglist._cli import main
from bloglist._cli_common import BATCH
from bloglist._cli_history import COMMANDS, add_commands
from bloglist._lines import LineUnknown
from bloglist._match import post_id
from child import prepared
from fifo import unopened_fifo
from test_cli import run_with_usage_errors, status_of

SAMPLE_TEXT = bloglist.sample_text()
SAMPLE = bloglist.loads(SAMPLE_TEXT)
DAY = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)
# The schema's keys (docs/export.md), and the keys and columns archive show's
# machine formats add after them.
SCHEMA_KEYS = ["title", "date", "excerpt", "summary", "truncated", "tags", "sticky"]
ARCHIVE_KEYS = ["id", "first_seen", "last_seen", "gone_since"]
HOUR = datetime.timedelta(hours=1)
COMMAND = [sys.executable, "-m", "bloglist"]
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX pipes and devices")
BROKEN = "sticky\nFeb 30, 2024\n\nA title\n\nAn excerpt\nTag\n"
# A post whose tag line repeats a tag (a warning).
REPEATED_TAG = "Mar 5, 2025\n\nTwice\n\nWords\nNewsNews\n"
NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
T1 = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)
T2 = T1 + datetime.timedelta(days=1)


def _feedparser() -> Any:
    """feedparser, which reads the feeds back, or a skip where it is missing."""
    return pytest.importorskip(
        "feedparser", reason="feedparser reads the feeds back: the test-extra group"
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(
    path: Path, posts: bloglist.Listing, *, at: datetime.datetime | None = None
) -> Path:
    path.write_text(bloglist.dumps(posts), encoding="utf-8")
    if at is not None:
        os.utime(path, (at.timestamp(), at.timestamp()))
    return path


def archived(path: Path, posts: list[bloglist.Post] | bloglist.Listing) -> Path:
    """An archive at *path* of one scrape of *posts*, seen at NOON."""
    bloglist.open_archive(path).add(posts, seen_at=NOON)
    return path


def written(path: Path, posts: list[bloglist.Post] | bloglist.Listing) -> Path:
    """*posts*, a list or a Listing, written to *path* as a listing."""
    path.write_text(bloglist.dumps(posts), encoding="utf-8")
    return path


def failing_add(
    monkeypatch: pytest.MonkeyPatch, at: int, failure: BaseException
) -> list[str | None]:
    """Make ArchiveFile.add raise *failure* at its *at*-th call, and add
    as it does at the others; the list of each call's source, as it grows."""
    real = bloglist.ArchiveFile.add
    calls: list[str | None] = []

    def add(self: bloglist.ArchiveFile, *args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["source"])
        if len(calls) == at:
            raise failure
        return real(self, *args, **kwargs)

    monkeypatch.setattr(bloglist.ArchiveFile, "add", add)
    return calls


def interrupt_at_commit(monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    """Raise KeyboardInterrupt as the *at*-th COMMIT of an archive file
    returns, as Python raises a signal's that came during the commit."""
    real_run = _store._Wait.run
    commits: list[str] = []

    def run_then_interrupt(
        self: Any, connection: sqlite3.Connection, statement: str
    ) -> None:
        real_run(self, connection, statement)
        if statement == "COMMIT":
            commits.append(statement)
            if len(commits) == at:
                raise KeyboardInterrupt

    monkeypatch.setattr(_store._Wait, "run", run_then_interrupt)


def add_a_day_apart(
    capsys: pytest.CaptureFixture[str], db: Path, files: list[Path]
) -> tuple[int, str, str]:
    """``archive add DB FILE...``, each FILE seen a day after the one before
    it, from March 1, 2025: the status, standard output and standard error."""
    seen = [
        word
        for day, _ in enumerate(files, 1)
        for word in ("--seen-at", f"2025-03-{day:02}T00:00:00Z")
    ]
    return run(capsys, "archive", "add", str(db), *map(str, files), *seen)


def interrupt_at_error(monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    """Raise KeyboardInterrupt in place of the *at*-th line the command
    writes on standard error, as Python raises a signal's that came then."""
    real_error = common.error
    written: list[str] = []

    def error(text: str) -> None:
        written.append(text)
        if len(written) == at:
            raise KeyboardInterrupt
        real_error(text)

    monkeypatch.setattr(common, "error", error)


def added_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> tuple[Path, Path, Path, list[str]]:
    """Two copies of the sample, a.txt and b.txt, and blog.db with a.txt
    added, seen at the time of the ``--seen-at`` words returned last."""
    first, second = (write(tmp_path / f"{name}.txt", SAMPLE) for name in "ab")
    db = tmp_path / "blog.db"
    one = ["--seen-at", "2025-03-01T00:00:00Z"]
    assert run(capsys, "archive", "add", "-q", str(db), str(first), *one)[0] == 0
    return first, second, db, one


def interrupt(*args: object) -> NoReturn:
    raise KeyboardInterrupt


def edited_sample() -> bloglist.Listing:
    """The sample with its first dated post's excerpt rewritten and its last post gone."""
    posts = list(SAMPLE[:-1])
    i = next(i for i, post in enumerate(posts) if post.date is not None)
    posts[i] = bloglist.Post(
        title=posts[i].title,
        date=posts[i].date,
        excerpt="Rewritten.",
        tags=posts[i].tags,
        sticky=posts[i].sticky,
    )
    return bloglist.Listing(posts)


@pytest.fixture
def scrapes(tmp_path: Path) -> tuple[Path, Path]:
    old = write(tmp_path / "old.txt", SAMPLE, at=DAY)
    new = write(
        tmp_path / "new.txt", edited_sample(), at=DAY + datetime.timedelta(days=1)
    )
    return old, new


class TestInterface:
    def test_the_commands_plug_into_any_parser(self) -> None:
        """add_commands adds exactly COMMANDS, each with a runner."""
        parser = argparse.ArgumentParser()
        add_commands(parser.add_subparsers(dest="command"))
        args = parser.parse_args(["diff", "a", "b"])
        assert COMMANDS == ("diff", "archive") and callable(args.run)
        args = parser.parse_args(["archive", "show", "x.db", "--gone"])
        assert args.gone and callable(args.run)


class TestDiff:
    def test_the_same_posts_exit_0(
        self, capsys: pytest.CaptureFixture[str], scrapes: tuple[Path, Path]
    ) -> None:
        """Two equal scrapes: status 0 and a summary with nothing but unchanged."""
        old, _ = scrapes
        status, out, err = run(capsys, "diff", str(old), str(old))
        assert (status, err) == (0, "")
        assert out == f"0 added, 0 removed, 0 changed, {len(SAMPLE)} unchanged\n"

    def test_different_posts_exit_1_with_a_line_each(
        self, capsys: pytest.CaptureFixture[str], scrapes: tuple[Path, Path]
    ) -> None:
        """An edit and a removal are shown as diff() says them."""
        old, new = scrapes
        status, out, err = run(capsys, "diff", str(old), str(new))
        assert (status, err) == (1, "")
        assert out == str(bloglist.diff(SAMPLE, edited_sample())) + "\n"
        assert out.splitlines()[-1].startswith("0 added, 1 removed, 1 changed")

    def test_json_holds_every_part(
        self, capsys: pytest.CaptureFixture[str], scrapes: tuple[Path, Path]
    ) -> None:
        """--format json: added, removed, changed (old, new, fields), unchanged."""
        old, new = scrapes
        status, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
        document = json.loads(out)
        assert status == 1
        assert document["added"] == []
        assert [r["title"] for r in document["removed"]] == [SAMPLE[-1].title]
        (change,) = document["changed"]
        assert (
            change["fields"] == ["excerpt"] and change["new"]["excerpt"] == "Rewritten."
        )
        assert document["unchanged"] == len(SAMPLE) - 2

    @pytest.mark.parametrize("changes", [1, 3000])
    def test_json_goes_out_in_batches_of_flush_size(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        changes: int,
    ) -> None:
        """The diff's JSON is written to standard output in writes of
        FLUSH_SIZE bytes or more (the last may be less): a small diff in
        one, where an unbuffered standard output (PYTHONUNBUFFERED=1) took
        ten, the first a lone "{", so that `| head -1` stopped it at one
        write or another (a check found exit 1 or 141 by turns); the bytes
        are those of json.dumps."""
        old, new = tmp_path / "old.txt", tmp_path / "new.txt"
        posts = [
            bloglist.Post(title=f"Post {n}", excerpt="E" * 40) for n in range(changes)
        ]
        old.write_text(bloglist.dumps(posts), encoding="utf-8")
        edited = [attrs.evolve(p, excerpt=p.excerpt + ".") for p in posts]
        new.write_text(
            bloglist.dumps([bloglist.Post(title="New", excerpt="E."), *edited]),
            encoding="utf-8",
        )
        writes: list[bytes] = []

        class Unbuffered(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, data: Any) -> int:
                writes.append(bytes(data))
                return len(data)

        stdout = io.TextIOWrapper(Unbuffered(), encoding="utf-8", write_through=True)  # type: ignore[type-var]
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["diff", str(old), str(new), "--format", "json"]) == 1
        document = json.loads(b"".join(writes))
        assert (len(document["added"]), len(document["changed"])) == (1, changes)
        assert [len(w) >= common.FLUSH_SIZE for w in writes[:-1]] == [True] * (
            len(writes) - 1
        )
        if changes == 1:
            assert len(writes) == 1
        else:
            assert len(writes) > 1

    def test_json_lists_the_changed_fields_in_the_posts_order(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Two fields changed: named in the order of a post's fields, as
        Change.fields names them (tags before sticky)."""
        old, new = tmp_path / "old.txt", tmp_path / "new.txt"
        old.write_text("\nA\n\nFirst.\nNews\n", encoding="utf-8")
        new.write_text("sticky\n\nA\n\nFirst.\nOther\n", encoding="utf-8")
        status, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
        assert status == 1
        (change,) = json.loads(out)["changed"]
        expected = bloglist.diff(
            bloglist.loads(old.read_text()), bloglist.loads(new.read_text())
        ).changed[0]
        assert change["fields"] == list(expected.fields) == ["tags", "sticky"]

    def test_json_escapes_the_line_breaks_json_leaves_raw(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """U+2028 in a changed post is escaped as in added ones, so that no
        reader splits a record: the same text as json.dumps, but for that."""
        old = write(
            tmp_path / "old.txt",
            bloglist.Listing([bloglist.Post(title="T", excerpt="a\u2028b")]),
        )
        new = write(
            tmp_path / "new.txt",
            bloglist.Listing(
                [
                    bloglist.Post(title="T", excerpt="a\u2028c"),
                    bloglist.Post(title="U", excerpt="x\u2029y"),
                ]
            ),
        )
        status, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
        assert status == 1
        assert "\u2028" not in out and "\u2029" not in out
        document = json.loads(out)
        assert document["changed"][0]["new"]["excerpt"] == "a\u2028c"
        assert document["added"][0]["excerpt"] == "x\u2029y"
        expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        assert out == expected.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")

    @pytest.mark.parametrize("added", [0, 1, 511, 512, 513, 1100])
    def test_json_is_json_dumps_whatever_the_writers_batches(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, added: int
    ) -> None:
        """Added and removed posts are written a batch at a time, straight
        into the object: the text is json.dumps's, with every kind of change,
        on either side of a batch's end (the writer's batches are 512 posts),
        and empty lists."""
        posts = [
            bloglist.Post(
                title=f"Post {i}", excerpt=f"e\u2028{i}", tags=["Ab", f"Tx{i % 3}"]
            )
            for i in range(added + 600)
        ]
        edited = bloglist.Post(title="Post 0", excerpt="new", tags=["Ab", "Tx0"])
        old = write(tmp_path / "old.txt", bloglist.Listing(posts[added:]))
        new = write(
            tmp_path / "new.txt",
            bloglist.Listing([*posts[:added], edited, *posts[added + 1 : added + 590]]),
        )
        status, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
        document = json.loads(out)
        result = bloglist.diff(
            bloglist.loads(old.read_text()), bloglist.loads(new.read_text())
        )
        assert [p["title"] for p in document["added"]] == [
            p.title for p in result.added
        ]
        assert [p["title"] for p in document["removed"]] == [
            p.title for p in result.removed
        ]
        assert len(document["changed"]) == len(result.changed)
        assert document["unchanged"] == result.unchanged
        assert status == (1 if result.added or result.removed or result.changed else 0)
        expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        assert out == expected.replace("\u2028", "\\u2028")

    @pytest.mark.parametrize("edits", [0, 1, 511, 512, 513, 1100])
    def test_json_is_json_dumps_whatever_the_changes_batches(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, edits: int
    ) -> None:
        """The changed posts are written a batch at a time too (a review
        measured 986 MB for 100,000 changed posts when they were written
        whole): the text is still json.dumps's, on either side of a batch's
        end (512 changes), each change the two posts' records and fields."""
        posts = [
            bloglist.Post(title=f"Post {i}", excerpt=f"e\u2028{i}", tags=["Ab"])
            for i in range(edits + 3)
        ]
        edited = [
            attrs.evolve(post, excerpt=f"new {i}", sticky=i % 2 == 0)
            if i < edits
            else post
            for i, post in enumerate(posts)
        ]
        old = write(tmp_path / "old.txt", bloglist.Listing(posts))
        new = write(tmp_path / "new.txt", bloglist.Listing(edited))
        status, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
        assert status == (1 if edits else 0)
        document = json.loads(out)
        result = bloglist.diff(
            bloglist.loads(old.read_text()), bloglist.loads(new.read_text())
        )
        assert document["changed"] == [
            {
                "old": json.loads(bloglist.to_json([change.old]))[0],
                "new": json.loads(bloglist.to_json([change.new]))[0],
                "fields": list(change.fields),
            }
            for change in result.changed
        ]
        assert len(document["changed"]) == edits
        expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        assert out == expected.replace("\u2028", "\\u2028")

    def test_json_of_many_changes_is_written_in_bounded_memory(self) -> None:
        """What writing the changes holds does not grow with their number:
        eight times the changes, not eight times the memory (it did, the
        text of every change held at once)."""
        import tracemalloc

        from bloglist._cli_history import _diff_json

        def peak(edits: int) -> int:
            posts = [
                bloglist.Post(title=f"Post {i}", excerpt="x" * 200)
                for i in range(edits)
            ]
            result = bloglist.diff(posts, [attrs.evolve(p, excerpt="y") for p in posts])
            assert len(result.changed) == edits
            tracemalloc.start()
            try:
                _diff_json(result, lambda data: None)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        small, big = peak(1000), peak(8000)
        assert big < 2 * small, (small, big)

    def test_trouble_exits_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A missing file, a listing with errors, stdin twice: status 2, one line."""
        broken = tmp_path / "broken.txt"
        broken.write_text(BROKEN, encoding="utf-8")
        missing = str(tmp_path / "missing.txt")
        for argv, message in [
            (["diff", missing, str(broken)], "cannot read"),
            (["diff", str(broken), str(broken)], "invalid-date"),
            (["diff", "--strict", str(broken), str(broken)], "invalid-date"),
            (["diff", "-", "-"], "standard input ('-') is named more than once"),
            (["diff", str(tmp_path), str(broken)], "it is a directory"),
        ]:
            status, out, err = run(capsys, *argv)
            assert (status, out) == (2, ""), argv
            # Said in the command's words, each line a finding or the error
            # (in process, a traceback would have raised through run()).
            assert message in err
            assert all(
                line.startswith(
                    ("bloglist: error: ", "bloglist diff: error: ", str(broken))
                )
                for line in err.splitlines()
            ), err

    @pytest.mark.parametrize("change", ["same", "added", "removed", "changed"])
    def test_each_kind_of_difference_alone_exits_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, change: str
    ) -> None:
        """As diff(1): 1 when any post is added, removed or changed, each on its
        own; 0 only when the scrapes hold the same posts."""
        day = datetime.date(2025, 3, 5)
        posts = [
            bloglist.Post(
                title=f"Post {n}",
                date=day - datetime.timedelta(days=n),
                excerpt="Words.",
            )
            for n in range(3)
        ]
        later = list(posts)
        if change == "added":
            later.insert(
                0, bloglist.Post(title="Brand new", date=day, excerpt="Words.")
            )
        elif change == "removed":
            del later[-1]
        elif change == "changed":
            later[1] = bloglist.Post(
                title=posts[1].title, date=posts[1].date, excerpt="Edited."
            )
        old = write(tmp_path / "old.txt", bloglist.Listing(posts))
        new = write(tmp_path / "new.txt", bloglist.Listing(later))
        result = bloglist.diff(bloglist.Listing(posts), bloglist.Listing(later))
        kinds = {
            "added": result.added,
            "removed": result.removed,
            "changed": result.changed,
        }
        assert {kind for kind, found in kinds.items() if found} == (
            set() if change == "same" else {change}
        )
        status, out, err = run(capsys, "diff", str(old), str(new))
        assert (status, err) == (0 if change == "same" else 1, "")
        assert out == str(result) + "\n"

    def test_warnings_alone_are_no_trouble(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Only errors make status 2: a listing with just a warning is compared,
        the warning still reported on standard error."""
        warned = tmp_path / "warn.txt"
        warned.write_text("Mar 1, 2025\n\nA\n\nx\nNewsNews\n", encoding="utf-8")
        listing = bloglist.loads(warned.read_text(encoding="utf-8"))
        assert [d.severity for d in listing.diagnostics] == ["warning"]
        status, out, err = run(capsys, "diff", str(warned), str(warned))
        assert status == 0
        assert out == f"0 added, 0 removed, 0 changed, {len(listing)} unchanged\n"
        assert err.count("duplicate-tag") == 2

    def test_errors_in_both_listings_are_all_reported(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A listing with errors is trouble (status 2), and the diagnostics of
        both files are reported, not only the first file's."""
        old = tmp_path / "bad.txt"
        old.write_text("Mar 5\n\nA\n\nx\n", encoding="utf-8")
        new = tmp_path / "bad2.txt"
        new.write_text("Feb 30, 2025\n\nB\n\nx\n", encoding="utf-8")
        codes = {
            path: [
                d.code
                for d in bloglist.loads(path.read_text(encoding="utf-8")).diagnostics
                if d.severity == "error"
            ]
            for path in (old, new)
        }
        assert all(codes.values())
        status, out, err = run(capsys, "diff", str(old), str(new))
        assert (status, out) == (2, "")
        lines = err.splitlines()
        for path, found in codes.items():
            for code in found:
                assert any(
                    line.startswith(f"{path}:") and code in line for line in lines
                ), (path, code, err)

    @pytest.mark.parametrize(
        "new",
        [None, "Caf\xe9\n".encode("latin-1")],
        ids=["missing", "not-utf8"],
    )
    def test_the_old_listings_errors_are_reported_when_the_new_one_fails(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, new: bytes | None
    ) -> None:
        """A NEW that cannot be read, or whose reading stops, still lets the
        problems of OLD, read before it, reach standard error."""
        old = tmp_path / "old.txt"
        old.write_text("Mar 5\n\nA\n\nx\n", encoding="utf-8")
        path = tmp_path / "new.txt"
        if new is not None:
            path.write_bytes(new)
        (code,) = [
            d.code
            for d in bloglist.loads(old.read_text()).diagnostics
            if d.severity == "error"
        ]
        status, out, err = run(capsys, "diff", str(old), str(path))
        assert (status, out) == (2, "")
        assert any(
            line.startswith(f"{old}:") and code in line for line in err.splitlines()
        ), err
        assert str(path) in err.splitlines()[-1]

    NOT_COMPARED = (
        "in the listings; nothing was compared, as a post that failed to parse "
        "would count as removed or added"
    )

    @pytest.mark.parametrize(
        ("argv", "count"),
        [
            ([], "1 error"),
            (["--max-diagnostics", "0"], "1 error"),
        ],
    )
    def test_a_listing_with_errors_says_nothing_was_compared(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        argv: list[str],
        count: str,
    ) -> None:
        """A scrape that caught the "Older posts" link has an error: after its
        diagnostics, a last line says that nothing was compared and why, as
        archive add says nothing was added; status 2, nothing on standard
        output. Errors counted past --max-diagnostics are in the count."""
        old = tmp_path / "old.txt"
        old.write_text("\nT\n\nE\nNews\n", encoding="utf-8")
        new = tmp_path / "new.txt"
        new.write_text("\nT\n\nE\nNews\nOlder posts\n", encoding="utf-8")
        status, out, err = run(capsys, "diff", *argv, str(old), str(new))
        assert (status, out) == (2, "")
        *findings, last = err.splitlines()
        assert last == f"bloglist: error: {count} {self.NOT_COMPARED}"
        assert findings and all(line.startswith(f"{new}:6:1: ") for line in findings)

    def test_the_errors_of_both_listings_are_counted(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The last line counts the errors of OLD and NEW together, as archive
        add counts those of its files; --format json writes nothing either."""
        old = tmp_path / "old.txt"
        old.write_text("Mar 5\n\nA\n\nx\n", encoding="utf-8")
        new = tmp_path / "new.txt"
        new.write_text(BROKEN + "Junk\n", encoding="utf-8")
        errors = sum(
            d.severity == "error"
            for path in (old, new)
            for d in bloglist.loads(path.read_text(encoding="utf-8")).diagnostics
        )
        assert errors == 3
        status, out, err = run(capsys, "diff", str(old), str(new), "--format", "json")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == f"bloglist: error: 3 errors {self.NOT_COMPARED}"

    def test_exit_statuses_of_the_real_command(
        self, scrapes: tuple[Path, Path]
    ) -> None:
        """`python -m bloglist diff` exits 0, 1 and 2 as diff(1) does."""

        def status(*argv: str) -> int:
            return subprocess.run(
                [sys.executable, "-m", "bloglist", "diff", *argv],
                capture_output=True,
                check=False,
            ).returncode

        old, new = scrapes
        assert status(str(old), str(old)) == 0
        assert status(str(old), str(new)) == 1
        assert status(str(old), str(new.with_name("nope.txt"))) == 2


class TestDiffCommand:
    @pytest.mark.parametrize(
        ("command", "status"), [(("diff",), 2), (("archive", "add", "x.db"), 1)]
    )
    def test_strict_exits_with_the_status_its_help_names(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        command: tuple[str, ...],
        status: int,
    ) -> None:
        """--strict stops at the first error in a listing with the exit
        status its help names: 2 for diff (trouble, as diff(1)), 1 for
        archive add (a listing with errors)."""
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert (
            f"stop at the first error in a listing (exit status {status})" in help_text
        )
        broken = tmp_path / "broken.txt"
        broken.write_text(BROKEN, encoding="utf-8")
        files = [str(broken)] * (2 if command == ("diff",) else 1)
        argv = [*command, *files, "--strict"]
        if command != ("diff",):
            argv[2] = str(tmp_path / "x.db")
            argv += ["--seen-at", DAY.isoformat()]
        found, out, err = run(capsys, *argv)
        assert (found, out) == (status, "")
        assert "invalid-date" in err


class TestDiffJson:
    def test_keys_in_order_and_text_as_utf8_in_every_part(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The object's keys in their documented order; a changed post's
        text is UTF-8, as an added one's, not \\u escapes."""
        old = written(
            tmp_path / "old.txt",
            [bloglist.Post(title="Café notes", excerpt="One.")],
        )
        new = written(
            tmp_path / "new.txt",
            [bloglist.Post(title="Naïve news", excerpt="New."),
             bloglist.Post(title="Café notes", excerpt="Two.")],
        )  # fmt: skip
        status, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
        assert status == 1
        document = json.loads(out)
        assert list(document) == ["added", "removed", "changed", "unchanged"]
        assert '"title": "Naïve news"' in out
        assert out.count('"title": "Café notes"') == 2  # old and new
        assert "\\u00" not in out


class TestArchiveAdd:
    def test_each_add_says_what_the_scrape_changed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The line of each scrape added counts its posts new, changed and
        unchanged, and the posts back and gone, as the library's AddedScrape
        says; the same file added again at its time says that nothing was
        added, and exits 0."""
        db = tmp_path / "blog.db"
        day1 = write(tmp_path / "day1.txt", SAMPLE)
        day2 = write(tmp_path / "day2.txt", edited_sample())
        day3 = write(tmp_path / "day3.txt", SAMPLE)
        argv = ["archive", "add", str(db), str(day1), str(day2), str(day3)]
        times = ["2025-03-05T06:00Z", "2025-03-06T06:00Z", "2025-03-07T06:00Z"]
        status, out, err = run(capsys, *argv, *(f"--seen-at={t}" for t in times))
        assert (status, out) == (0, "")
        n = len(SAMPLE)
        assert err.splitlines() == [
            f"{db}: added {day1} ({n} posts: {n} new) seen at 2025-03-05T06:00:00+00:00",
            f"{db}: added {day2} ({n - 1} posts: 1 changed, {n - 2} unchanged; 1 gone) "
            "seen at 2025-03-06T06:00:00+00:00",
            f"{db}: added {day3} ({n} posts: 1 changed, {n - 1} unchanged; 1 back) "
            "seen at 2025-03-07T06:00:00+00:00",
        ]
        again = ["archive", "add", str(db), str(day3), f"--seen-at={times[2]}"]
        status, out, err = run(capsys, *again)
        assert (status, out) == (0, "")
        assert err == (
            f"{db}: {day3} is the archive's last scrape again ({n} posts) seen at "
            "2025-03-07T06:00:00+00:00; nothing was added\n"
        )
        assert len(bloglist.open_archive(db).scrapes()) == 3

    @pytest.fixture
    def two_scrapes(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
        """a.txt and b.txt, two scrapes of the sample, in the working
        directory (b.txt shows one post more), and a file named --seen-at;
        the posts of b.txt."""
        monkeypatch.chdir(tmp_path)
        posts = bloglist.loads(SAMPLE_TEXT)
        for name, shown in (
            ("a.txt", posts[1:]),
            ("b.txt", posts),
            ("--seen-at", posts),
        ):
            write(tmp_path / name, shown)
        return len(posts)

    @pytest.mark.parametrize(
        "argv",
        [
            ["a.txt", "--seen-at", "2025-03-05", "b.txt", "--seen-at", "2025-03-06"],
            [
                "a.txt",
                "-q",
                "b.txt",
                "--seen-at",
                "2025-03-05",
                "--seen-at",
                "2025-03-06",
            ],
            ["--seen-at", "2025-03-05", "a.txt", "--seen-at", "2025-03-06", "b.txt"],
        ],
    )
    def test_files_may_come_before_and_after_the_options(
        self, capsys: pytest.CaptureFixture[str], two_scrapes: int, argv: list[str]
    ) -> None:
        """`archive add blog.db a.txt --seen-at T1 b.txt --seen-at T2` adds
        both files, each at its time, the files and the times each taken in
        the order typed, as show takes files on both sides of its options."""
        status, _, err = run(capsys, "archive", "add", "blog.db", *argv)
        assert status == 0, err
        days = [datetime.datetime(2025, 3, d, tzinfo=datetime.UTC) for d in (5, 6)]
        assert bloglist.open_archive("blog.db").scrapes() == (
            (days[0], "a.txt", two_scrapes - 1),
            (days[1], "b.txt", two_scrapes),
        )

    @pytest.mark.usefixtures("two_scrapes")
    def test_after_a_double_dash_an_option_is_a_file(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """After `--`, every word is a file, even after files and options:
        here three files (one named --seen-at) for one time, refused with
        nothing made."""
        status, out, err = run(
            capsys, "archive", "add", "blog.db", "a.txt", "--seen-at", "2025-03-05",
            "--", "b.txt", "--seen-at",
        )  # fmt: skip
        assert (status, out) == (2, "")
        assert "--seen-at is given 1 time for 3 files" in err, err
        assert not Path("blog.db").exists()

    def test_an_archive_where_a_listing_goes_is_named(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """ARCHIVE and FILE swapped (or an archive given to diff): the file
        read as a listing is said to be an SQLite file, status 2, nothing
        made or changed; rather than its first byte that is not UTF-8."""
        db, listing = tmp_path / "blog.db", tmp_path / "index.txt"
        listing.write_text(SAMPLE_TEXT, encoding="utf-8")
        assert run(capsys, "archive", "add", "-q", str(db), str(listing))[0] == 0
        stored, text = db.read_bytes(), listing.read_bytes()
        said = (
            f"bloglist: error: {db} is an SQLite file, not a listing: an archive? "
            "({}archive show reads an archive)\n"
        )
        order = "archive add takes the ARCHIVE first, then the listings; "
        for argv, hint in (
            (
                ["archive", "add", str(listing), str(db), "--seen-at", "2025-01-01"],
                order,
            ),
            (["diff", str(db), str(listing)], ""),
            (["diff", str(listing), str(db)], ""),
        ):
            assert run(capsys, *argv) == (2, "", said.format(hint)), argv
        assert (db.read_bytes(), listing.read_bytes()) == (stored, text)
        # A file of other bytes that are not UTF-8 is reported as before.
        other = tmp_path / "other.db"
        other.write_bytes(b"\nT\n\nE\xff\n")
        status, out, err = run(capsys, "diff", str(other), str(listing))
        assert (status, out) == (2, "")
        assert err.startswith(f"{other}:4:2: invalid-utf8 ")

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            (
                "no/such/blog.db",
                "cannot create no/such/blog.db: its directory no/such does not exist",
            ),
            (
                "notdir/blog.db",
                "cannot create notdir/blog.db: notdir is not a directory",
            ),
            ("notdir", "notdir is not an archive"),
        ],
    )
    def test_messages_name_the_archive_as_typed(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        typed: str,
        message: str,
    ) -> None:
        """The library names the file by its absolute path; the command, and
        its directory, as the user typed them."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "notdir").write_text("not an archive\n", encoding="utf-8")
        write(tmp_path / "a.txt", bloglist.loads(bloglist.sample_text()))
        status, _, err = run(
            capsys,
            "archive",
            "add",
            typed,
            "a.txt",
            "--seen-at",
            "2025-03-05T08:00:00Z",
        )
        assert status == 2
        assert message in err
        assert str(tmp_path) not in err

    def test_the_journal_beside_the_archive_is_named_as_typed(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        not_writable: set[str],
    ) -> None:
        """A message naming the archive's journal names it as the archive was
        typed, with its suffix, not as './sub/blog.db-journal'. (The journal's
        directory is taken as read-only by its access check: root may write
        any.)"""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "sub").mkdir()
        write(tmp_path / "a.txt", SAMPLE)
        bloglist.open_archive(tmp_path / "sub" / "blog.db").add(
            SAMPLE, seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        )
        journal = tmp_path / "sub" / "blog.db-journal"
        journal.write_bytes(bytes(512))
        not_writable.add(str(journal.parent))
        status, _, err = run(
            capsys, "archive", "add", "sub/blog.db", "a.txt", "--seen-at", "2025-03-06"
        )
        assert (status, err) == (
            2,
            "bloglist: error: cannot write sub/blog.db: a journal is beside it "
            "(sub/blog.db-journal), and its directory sub is read-only, where "
            "SQLite removes the journal as an add ends; nothing was changed\n",
        )

    def test_a_listing_is_named_as_typed_beside_an_archive_so_named(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Only the archive's name is read back as typed: a listing named by
        an absolute path is named so, not rewritten as the archive's would
        be ('cannot read .' for the working directory; './sub/empty.txt',
        or 'sub/empty.txt' for an archive typed under sub)."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "sub").mkdir()
        write(tmp_path / "a.txt", SAMPLE)
        (tmp_path / "sub" / "empty.txt").write_text("", encoding="utf-8")
        here, empty = str(tmp_path), str(tmp_path / "sub" / "empty.txt")
        status, _, err = run(capsys, "archive", "add", "blog.db", here)
        assert (status, err) == (
            2,
            f"bloglist: error: cannot read {here}: it is a directory\n",
        )
        for archive in ("blog.db", "sub/blog.db"):
            status, _, err = run(
                capsys,
                "archive",
                "add",
                archive,
                str(tmp_path / "a.txt"),
                empty,
                "--seen-at",
                "2025-07-02",
                "--seen-at",
                "2025-07-03",
            )
            assert status == 1
            assert err.startswith(f"bloglist: error: {empty} has no posts; ")

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("blog.db/", "a name that ends in '/' names a directory, not a file"),
            ("missing/../blog.db", "missing does not exist"),
            ("notes.txt/../blog.db", "notes.txt is not a directory"),
        ],
    )
    def test_a_name_the_system_does_not_open_is_refused(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        typed: str,
        message: str,
    ) -> None:
        """`archive add blog.db/` (a script's "$DIR/$NAME" with $NAME empty)
        or a name with '..' after a missing directory or a file: status 2,
        and no blog.db made, which SQLite, reducing the name as text, made
        while `archive show` of the same name said there was no such file."""
        monkeypatch.chdir(tmp_path)
        Path("notes.txt").write_text("notes\n", encoding="utf-8")
        write(tmp_path / "a.txt", SAMPLE)
        status, _, err = run(
            capsys, "archive", "add", typed, "a.txt", "--seen-at", "2025-05-01"
        )
        assert (status, err) == (
            2,
            f"bloglist: error: cannot create {typed}: {message}\n",
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "notes.txt"]

    @POSIX
    def test_names_as_typed_from_the_root_directory(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """From '/' (a service's or a container's working directory), a name
        typed relative to it is shown as typed, its slashes kept, and so is
        an absolute path in the message. Every '/' used to be deleted:
        "tmpxsub is a directory"."""
        monkeypatch.chdir("/")
        typed = str(tmp_path)[1:]
        (tmp_path / "sub").mkdir()
        (tmp_path / "notes.txt").write_text("notes\n", encoding="utf-8")
        write(tmp_path / "a.txt", SAMPLE)
        assert run(capsys, "archive", "show", f"{typed}/sub") == (
            2,
            "",
            f"bloglist: error: {typed}/sub is a directory, not an archive file\n",
        )
        status, _, err = run(
            capsys,
            "archive",
            "add",
            f"{typed}/notes.txt/x.db",
            str(tmp_path / "a.txt"),
            "--seen-at",
            "2025-05-01",
        )
        assert (status, err) == (
            2,
            f"bloglist: error: cannot create {typed}/notes.txt/x.db: "
            f"{typed}/notes.txt is not a directory\n",
        )
        # A part that is '/' itself, as normalised, is left as it is.
        first = typed.split("/")[0]
        assert run(capsys, "archive", "show", f"{first}/../{typed}/sub") == (
            2,
            "",
            f"bloglist: error: {first}/../{typed}/sub is a directory, not an "
            "archive file\n",
        )
        (tmp_path / "abs.db").symlink_to(tmp_path / "gone.db")
        assert run(capsys, "archive", "show", f"{typed}/abs.db") == (
            2,
            "",
            f"bloglist: error: cannot open {typed}/abs.db: no such file (it is a "
            f"link to {tmp_path}/gone.db, which does not exist)\n",
        )

    @POSIX
    def test_a_path_that_holds_the_working_directory_part_way_is_whole(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A link's target whose text holds the working directory's part of
        the way (/elsewhere/<working directory>/x.db) is shown whole. The
        working directory and a '/' used to be cut out of it."""
        work = tmp_path / "w"
        inner = tmp_path / "outer" / str(work)[1:]
        inner.mkdir(parents=True)
        work.mkdir()
        monkeypatch.chdir(work)
        (work / "sub").mkdir()
        target = inner / "x.db"
        (work / "sub" / "l.db").symlink_to(target)
        assert run(capsys, "archive", "show", "sub/l.db") == (
            2,
            "",
            f"bloglist: error: cannot open sub/l.db: no such file (it is a link "
            f"to {target}, which does not exist)\n",
        )

    @pytest.mark.parametrize("action", ["show", "feed"])
    def test_a_relative_name_in_a_working_directory_that_is_gone(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        action: str,
    ) -> None:
        """The working directory removed: status 2, saying so."""
        gone = tmp_path / "gone"
        gone.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()
        assert run(capsys, "archive", action, "blog.db") == (
            2,
            "",
            "bloglist: error: cannot open blog.db: the working directory no "
            "longer exists\n",
        )

    @POSIX
    def test_a_dangling_link_names_the_missing_directory(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """ARCHIVE a link to a file in a directory that does not exist: the
        error names the directory, as for a path typed there."""
        monkeypatch.chdir(tmp_path)
        Path("dang.db").symlink_to(Path("nowhere", "x.db"))
        write(tmp_path / "a.txt", SAMPLE)
        status, _, err = run(
            capsys, "archive", "add", "dang.db", "a.txt", "--seen-at", "2025-05-01"
        )
        assert (status, err) == (
            2,
            "bloglist: error: cannot create ./nowhere/x.db (the target of the "
            "link dang.db): its directory ./nowhere does not exist\n",
        )

    @POSIX
    @pytest.mark.parametrize("action", ["show", "feed"])
    def test_a_read_through_a_dangling_link_creates_nothing(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        action: str,
    ) -> None:
        """`archive show` and `archive feed` of a link to a missing file:
        "no such file", naming the link's target, and no file made there."""
        monkeypatch.chdir(tmp_path)
        Path("link.db").symlink_to("victim.txt")
        status, out, err = run(capsys, "archive", action, "link.db")
        assert (status, out, err) == (
            2,
            "",
            "bloglist: error: cannot open link.db: no such file (it is a link "
            "to ./victim.txt, which does not exist)\n",
        )
        assert not os.path.lexists("victim.txt")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db"]

    def test_files_are_added_oldest_first_at_their_modification_time(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """Without --seen-at, each file's mtime is its time, and order follows it."""
        old, new = scrapes
        db = tmp_path / "blog.db"
        status, _, err = run(capsys, "archive", "add", str(db), str(new), str(old))
        assert status == 0 and len(err.splitlines()) == 2
        expected = Archive().merge(SAMPLE, seen_at=DAY)
        expected = expected.merge(
            edited_sample(), seen_at=DAY + datetime.timedelta(days=1)
        )
        assert bloglist.open_archive(db).load() == expected

    def test_files_of_one_time_are_added_in_the_order_given(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """Two files modified at the same moment are two scrapes of that time,
        added in the order typed, whichever that is (docs/history.md)."""
        old, new = scrapes
        moment = DAY.timestamp()
        for path in (old, new):
            os.utime(path, (moment, moment))
        for order in ((old, new), (new, old)):
            db = tmp_path / f"{order[0].stem}-first.db"
            status, _, err = run(capsys, "archive", "add", str(db), *map(str, order))
            assert status == 0, err
            expected = Archive()
            for path in order:
                expected = expected.merge(
                    bloglist.loads(path.read_text(encoding="utf-8")), seen_at=DAY
                )
            assert bloglist.open_archive(db).load() == expected
            assert [source for _, source, _ in bloglist.open_archive(db).scrapes()] == [
                str(path) for path in order
            ]

    def test_quiet_prints_nothing_for_scrapes_added(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """`archive add --quiet` in a cron job, which mails whatever a job
        prints: nothing at all when both scrapes are added, both added as
        without it; an error still prints, with its status."""
        old, new = scrapes
        db = tmp_path / "blog.db"
        status, out, err = run(
            capsys, "archive", "add", "-q", str(db), str(old), str(new)
        )
        assert (status, out, err) == (0, "", "")
        loud = tmp_path / "loud.db"
        assert run(capsys, "archive", "add", str(loud), str(old), str(new))[0] == 0
        assert bloglist.open_archive(db).load() == bloglist.open_archive(loud).load()
        broken = tmp_path / "broken.txt"
        broken.write_text("Mar 5, 2024\n\n\n", encoding="utf-8")
        status, out, err = run(
            capsys,
            "archive",
            "add",
            "--quiet",
            str(db),
            str(broken),
            "--seen-at",
            "2026-01-01",
        )
        assert status == 1 and out == ""
        assert f"{broken}:1:1: missing-title" in err
        assert "nothing was added" in err

    def test_quiet_still_says_the_last_scrape_came_again(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """The last scrape's file added again, at its time, is most often a
        download that failed and left it in place: --quiet still says so,
        with status 0 (a cron job mails it), and nothing is added."""
        old, _ = scrapes
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", "-q", str(db), str(old)) == (0, "", "")
        before = bloglist.open_archive(db).load()
        status, out, err = run(capsys, "archive", "add", "-q", str(db), str(old))
        assert (status, out) == (0, "")
        assert err.startswith(f"{db}: {old} is the archive's last scrape again (")
        assert err.endswith("; nothing was added\n")
        assert bloglist.open_archive(db).load() == before

    def test_seen_at_is_given_once_per_file(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """--seen-at sets each file's time; a time without offset is UTC."""
        old, _ = scrapes
        db = tmp_path / "blog.db"
        status, _, _ = run(
            capsys, "archive", "add", str(db), str(old), "--seen-at", "2025-01-02T03:04"
        )
        assert status == 0
        scrapes_done = bloglist.open_archive(db).scrapes()
        when = datetime.datetime(2025, 1, 2, 3, 4, tzinfo=datetime.UTC)
        assert scrapes_done == ((when, str(old), len(SAMPLE)),)

    def test_standard_input_needs_a_time(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A pipe has no modification time: without --seen-at the message
        says which input needs the option, and no archive is made."""
        stdin = io.TextIOWrapper(io.BytesIO(SAMPLE_TEXT.encode()))
        monkeypatch.setattr(sys, "stdin", stdin)
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", str(db), "-") == (
            2,
            "",
            "bloglist: error: a scrape read from standard input needs --seen-at\n",
        )
        assert not db.exists()
        stdin = io.TextIOWrapper(io.BytesIO(SAMPLE_TEXT.encode()))
        monkeypatch.setattr(sys, "stdin", stdin)
        status, _, _ = run(
            capsys, "archive", "add", str(db), "-", "--seen-at", "2025-01-02T00:00Z"
        )
        assert status == 0
        assert bloglist.open_archive(db).load().listing == SAMPLE

    def test_bad_additions_change_nothing(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """Wrong --seen-at counts, older scrapes, broken listings: errors, file unchanged."""
        old, new = scrapes
        broken = tmp_path / "broken.txt"
        broken.write_text(BROKEN, encoding="utf-8")
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", str(db), str(new))[0] == 0
        before = bloglist.open_archive(db).load()
        cases = [
            (["--seen-at", "2030-01-01", str(old), str(new)], 2, "once per file"),
            ([str(old)], 2, "earlier than the archive's last scrape"),
            ([str(old), str(broken)], 1, "nothing was added"),
            (["--strict", str(broken)], 1, "invalid-date"),
            (
                ["-", "-", "--seen-at", "2030-01-01", "--seen-at", "2030-01-02"],
                2,
                "standard input ('-') is named more than once",
            ),
            ([str(tmp_path / "missing.txt")], 2, "cannot read"),
        ]
        for argv, expected, message in cases:
            status, _, err = run(capsys, "archive", "add", str(db), *argv)
            assert status == expected and message in err, (argv, err)
        assert bloglist.open_archive(db).load() == before

    def test_a_scrape_out_of_order_says_where_its_time_came_from(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """A time earlier than the last scrape's: --seen-at's when given;
        else the file's modification time, which the message names, with
        the option that sets another."""
        old, new = scrapes
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", str(db), str(new))[0] == 0
        last = bloglist.open_archive(db).scrapes()[-1][0].isoformat()
        mtime = datetime.datetime.fromtimestamp(old.stat().st_mtime, datetime.UTC)
        tail = f" is earlier than the archive's last scrape, seen at {last}; add scrapes oldest first"
        status, out, err = run(capsys, "archive", "add", str(db), str(old))
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot add {old} to {db}: its modification time, "
            f"{mtime.isoformat()},{tail}, or give --seen-at\n"
        )
        status, out, err = run(
            capsys, "archive", "add", str(db), str(old), "--seen-at", "2000-01-01"
        )
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot add {old} to {db}: --seen-at "
            f"2000-01-01T00:00:00+00:00{tail}\n"
        )

    def test_pages_out_of_order_say_their_newest_time(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """With --pages, the scrape's time is the newest of its pages': the
        message says so."""
        db = tmp_path / "blog.db"
        first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
        first.write_text(bloglist.dumps(SAMPLE[:6]), encoding="utf-8")
        second.write_text(bloglist.dumps(SAMPLE[6:]), encoding="utf-8")
        assert (
            run(
                capsys,
                "archive",
                "add",
                "-q",
                str(db),
                str(first),
                "--seen-at",
                "2025-03-05",
            )[0]
            == 0
        )
        when = datetime.datetime(2025, 3, 1, 6, tzinfo=datetime.UTC)
        for page in (first, second):
            os.utime(page, (when.timestamp(), when.timestamp()))
        status, out, err = run(
            capsys, "archive", "add", "--pages", str(db), str(first), str(second)
        )
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot add {first}, {second} to {db}: the newest "
            f"modification time of its pages, {when.isoformat()}, is earlier than "
            "the archive's last scrape, seen at 2025-03-05T00:00:00+00:00; add "
            "scrapes oldest first, or give --seen-at\n"
        )

    @pytest.mark.parametrize(
        ("failure", "reason", "expected"),
        [
            (ValueError("seen_at is earlier"), "seen_at is earlier", 2),
            (
                bloglist.ArchiveError("blog.db is damaged", code="damaged"),
                "blog.db is damaged",
                2,
            ),
            (
                bloglist.ArchiveError("blog.db is busy: gave up", code="busy"),
                "blog.db is busy: gave up",
                75,
            ),
        ],
    )
    def test_a_failure_after_some_scrapes_says_which_were_added(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        failure: Exception,
        reason: str,
        expected: int,
    ) -> None:
        """Each file is added in its own transaction: when the second of three
        fails (another process added a later scrape, or held the file past the
        timeout, between the two), the first stays. The error says which were
        added and which not, so that a script can add the rest; its status
        is 75 where the archive was busy (try again later), by the error's
        code, not its words, else 2."""
        files = [
            write(tmp_path / f"{n}.txt", SAMPLE[: 3 + n], at=DAY + n * HOUR)
            for n in range(3)
        ]
        db = tmp_path / "blog.db"
        calls = failing_add(monkeypatch, 2, failure)
        status, out, err = run(capsys, "archive", "add", str(db), *map(str, files))
        assert (status, out) == (expected, "")
        a, b, c = files
        assert err.splitlines() == [
            f"{db}: added {a} (3 posts: 3 new) seen at {DAY.isoformat()}",
            f"bloglist: error: cannot add {b} to {db}: {reason}; "
            f"added before it: {a}; not added: {b} {c}",
        ]
        assert bloglist.open_archive(db).load().scrapes == (DAY,)
        # The first failing adds nothing: the error is the archive's own.
        calls[:] = [None]
        status, out, err = run(capsys, "archive", "add", str(db), str(c))
        assert (status, out) == (expected, "")
        if isinstance(failure, bloglist.ArchiveError):
            assert err == f"bloglist: error: {reason}\n"
        else:
            assert err == f"bloglist: error: cannot add {c} to {db}: {reason}\n"
        assert bloglist.open_archive(db).load().scrapes == (DAY,)

    def test_a_failure_after_the_last_scrape_again_says_it_added_nothing(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """A file that was the archive's last scrape again added nothing: an
        error after it names it so, not among the scrapes added."""
        files = [
            write(tmp_path / f"{n}.txt", SAMPLE[: 3 + n], at=DAY + n * HOUR)
            for n in range(3)
        ]
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", "-q", str(db), str(files[0]))[0] == 0
        failing_add(monkeypatch, 3, ValueError("seen_at is earlier"))
        status, out, err = run(capsys, "archive", "add", str(db), *map(str, files))
        assert (status, out) == (2, "")
        a, b, c = files
        assert err.splitlines() == [
            f"{db}: {a} is the archive's last scrape again (3 posts) seen at "
            f"{DAY.isoformat()}; nothing was added",
            f"{db}: added {b} (4 posts: 1 new, 3 unchanged) seen at "
            f"{(DAY + HOUR).isoformat()}",
            f"bloglist: error: cannot add {c} to {db}: seen_at is earlier; "
            f"added before it: {b}; the last scrape again, added nothing: {a}; "
            f"not added: {c}",
        ]

    def test_the_names_said_are_quoted_as_a_shell_reads_them(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """The cron review: the names after "added before it:" and "not
        added:" were joined with ", ", so a name holding ", " (or "; ")
        could not be told apart from two. Each is quoted as a shell reads it,
        a space between, so that a script can add the rest with them. The
        session's mutation review: the names were those messages show, so
        that one starting with "-" came out bare: each is the name as typed
        (`--` before them adds the rest)."""
        monkeypatch.chdir(tmp_path)
        names = [
            "day 1.txt",
            "day 2, again.txt",
            "it's; 3.txt",
            "-odd.txt",
            "caf\u00e9 $HOME.txt",
        ]
        for n, name in enumerate(names):
            write(tmp_path / name, SAMPLE[: 3 + n], at=DAY + n * HOUR)
        failing_add(monkeypatch, 2, ValueError("seen_at is earlier"))
        status, _, err = run(capsys, "archive", "add", "blog.db", "--", *names)
        assert status == 2
        said = err.splitlines()[-1]
        first, rest = said.split("; added before it: ")[1].split("; not added: ")
        assert shlex.split(first) == names[:1]
        assert shlex.split(rest) == names[1:]
        # The rest, as said, added by a shell.
        monkeypatch.undo()
        monkeypatch.chdir(tmp_path)
        status, _, err = run(
            capsys, "archive", "add", "-q", "blog.db", "--", *shlex.split(rest)
        )
        assert (status, err) == (0, "")
        assert len(bloglist.open_archive(tmp_path / "blog.db").load().scrapes) == 5

    def test_standard_input_is_named_dash_among_the_names_not_added(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """Standard input among the files is `-` in "not added: ...", as
        typed (it was `'<stdin>'`, which a script would read as a file's
        name); a name that does not show as it is (a line break) is escaped,
        as other messages show it, so that it cannot forge a line."""
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "a.txt", SAMPLE[:3], at=DAY)
        write(tmp_path / "b\nc.txt", SAMPLE[:4], at=DAY + HOUR)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\nT\n\nE\n")))
        failing_add(monkeypatch, 2, ValueError("seen_at is earlier"))
        stamps = [f"--seen-at=2025-03-0{day}T00:00Z" for day in (1, 2, 3)]
        status, _, err = run(
            capsys, "archive", "add", "blog.db", "a.txt", "-", "b\nc.txt", *stamps
        )
        assert status == 2
        assert err.splitlines()[-1].endswith("; not added: - 'b\\nc.txt'")

    @pytest.mark.parametrize("at", [1, 2])
    def test_out_of_memory_between_scrapes_says_which_were_added(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        at: int,
    ) -> None:
        """A review: memory that ran out adding the second of three files
        said only "out of memory", where every other failure between files
        names the scrapes added and those not. It says them too, status 1 as
        for memory that runs out anywhere, and the failed scrape is not in
        the file."""
        files = [
            write(tmp_path / f"{n}.txt", SAMPLE[: 3 + n], at=DAY + n * HOUR)
            for n in range(3)
        ]
        db = tmp_path / "blog.db"
        failing_add(monkeypatch, at, MemoryError())
        status, out, err = run(capsys, "archive", "add", str(db), *map(str, files))
        assert (status, out) == (1, "")
        a, b, c = files
        if at == 1:
            assert err == (
                f"bloglist: error: out of memory adding {a} to {db}; "
                "nothing was added\n"
            )
            assert not db.exists() or not bloglist.open_archive(db).load().scrapes
            return
        assert err.splitlines() == [
            f"{db}: added {a} (3 posts: 3 new) seen at {DAY.isoformat()}",
            f"bloglist: error: out of memory adding {b} to {db}; "
            f"added before it: {a}; not added: {b} {c}",
        ]
        assert bloglist.open_archive(db).load().scrapes == (DAY,)

    def test_out_of_memory_reading_the_files_names_the_file_and_adds_none(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """Every file is read before any is added: memory that runs out
        reading the second of three names that file and says that nothing was
        added, status 1, where it said only "out of memory"."""
        from bloglist import _cli_history

        files = [
            write(tmp_path / f"{n}.txt", SAMPLE[: 3 + n], at=DAY + n * HOUR)
            for n in range(3)
        ]
        real_read = _cli_history._read
        reads: list[str] = []

        def read(file: str, *args: Any, **kwargs: Any) -> Any:
            reads.append(file)
            if len(reads) == 2:
                raise MemoryError
            return real_read(file, *args, **kwargs)

        monkeypatch.setattr(_cli_history, "_read", read)
        db = tmp_path / "blog.db"
        status, out, err = run(capsys, "archive", "add", str(db), *map(str, files))
        assert (status, out, reads) == (1, "", list(map(str, files[:2])))
        assert err == (
            f"bloglist: error: out of memory reading {files[1]}; nothing was added\n"
        )
        assert not db.exists()

    def test_pages_that_are_the_last_scrape_again_say_so(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The pages of one scrape added again, at its time: they are the
        archive's last scrape again, and nothing is added."""
        pages = [
            write(tmp_path / "p1.txt", SAMPLE[:6], at=DAY),
            write(tmp_path / "p2.txt", SAMPLE[5:], at=DAY),
        ]
        db = tmp_path / "blog.db"
        argv = ["archive", "add", "--pages", str(db), *map(str, pages)]
        assert run(capsys, *argv)[0] == 0
        status, out, err = run(capsys, *argv)
        assert (status, out) == (0, "")
        names = ", ".join(map(str, pages))
        assert err == (
            f"{db}: the pages {names} are the archive's last scrape again "
            f"({len(SAMPLE)} posts) seen at {DAY.isoformat()}; nothing was added\n"
        )

    @POSIX
    def test_a_file_that_is_not_regular_needs_a_time(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A named pipe's modification time is that of its last write, days
        ago perhaps, and a device's is any: like '-', such a file (a FIFO,
        /dev/stdin, `<(curl ...)`) needs --seen-at, rather than be added at a
        wrong time. A directory is said to be one."""
        fifo = tmp_path / "scrape.fifo"
        db = tmp_path / "blog.db"
        # Refused before it is opened, which would wait for a writer.
        with unopened_fifo(fifo) as rescued:
            os.utime(fifo, (DAY.timestamp(), DAY.timestamp()))
            found = [
                run(capsys, "archive", "add", str(db), name)
                for name in (str(fifo), os.devnull)
            ]
        assert rescued == []
        for name, (status, out, err) in zip(
            (str(fifo), os.devnull), found, strict=True
        ):
            assert (status, out) == (2, "")
            assert err == (
                f"bloglist: error: {name} is not a regular file (a pipe or a "
                "device), which has no time of its own: give --seen-at\n"
            )
        status, _, err = run(capsys, "archive", "add", str(db), str(tmp_path))
        assert err == f"bloglist: error: cannot read {tmp_path}: it is a directory\n"
        assert status == 2 and not db.exists()
        argv = [str(db), os.devnull, "--seen-at", "2025-01-01", "--allow-empty"]
        assert run(capsys, "archive", "add", *argv)[0] == 0

    @pytest.mark.parametrize("flag", ["--allow-all-gone", "--allow-empty"])
    def test_a_listing_with_no_posts_needs_allow_all_gone(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        tmp_path: Path,
        flag: str,
    ) -> None:
        """An empty scrape (a failed download in a cron job) would make every
        post gone: it adds nothing, status 1, unless --allow-all-gone (or
        --allow-empty, its former name)."""
        before = bloglist.open_archive(archive_file).load()
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        argv = [
            "archive",
            "add",
            str(archive_file),
            str(empty),
            "--seen-at",
            "2026-01-01",
        ]
        status, out, err = run(capsys, *argv)
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: {empty} has no posts; nothing was added, as every "
            "archived post would count as gone (--allow-all-gone adds it)\n"
        )
        assert bloglist.open_archive(archive_file).load() == before
        status, _, _ = run(capsys, *argv, flag)
        after = bloglist.open_archive(archive_file).load()
        assert status == 0 and len(after.gone()) == len(after.listing)

    def test_an_empty_first_scrape_says_why_without_an_archive(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """With no archive yet there is no archived post to count as gone:
        the refusal says what it refuses (status 1, no file made)."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        db = tmp_path / "new.db"
        argv = ["archive", "add", str(db), str(empty), "--seen-at", "2026-01-01"]
        assert run(capsys, *argv) == (
            1,
            "",
            f"bloglist: error: {empty} has no posts; nothing was added, as an "
            "archive does not start from an empty scrape (--allow-all-gone adds it)\n",
        )
        assert not db.exists()

    @pytest.mark.parametrize("again_at", ["2026-01-02", "2026-01-03"])
    def test_an_empty_file_after_an_empty_scrape_says_why(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, again_at: str
    ) -> None:
        """A review: after a scrape that showed no post (added with
        --allow-all-gone), an empty file was refused because "every archived
        post would count as gone", where none would. It is still refused, as
        documented, with the reason that holds; an archive whose last scrape
        showed posts keeps the old one."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        one = tmp_path / "one.txt"
        one.write_text(bloglist.dumps(SAMPLE[:3]), encoding="utf-8")
        db = tmp_path / "blog.db"
        add = ["archive", "add", "-q", str(db)]
        assert run(capsys, *add, str(one), "--seen-at", "2026-01-01")[0] == 0
        flag = ["--allow-all-gone"]
        assert run(capsys, *add, str(empty), "--seen-at", "2026-01-02", *flag)[0] == 0
        before = bloglist.open_archive(db).load()
        assert run(capsys, *add, str(empty), "--seen-at", again_at) == (
            1,
            "",
            f"bloglist: error: {empty} has no posts; nothing was added, as the "
            "archive's last scrape had no posts either, and an empty listing is "
            "most often a failed download (--allow-all-gone adds it)\n",
        )
        assert bloglist.open_archive(db).load() == before
        # Posts again: an empty file after them would make them gone.
        assert run(capsys, *add, str(one), "--seen-at", "2026-01-04")[0] == 0
        assert run(capsys, *add, str(empty), "--seen-at", "2026-01-05")[2] == (
            f"bloglist: error: {empty} has no posts; nothing was added, as every "
            "archived post would count as gone (--allow-all-gone adds it)\n"
        )

    def test_an_empty_file_for_an_archive_of_no_scrape_is_a_first_scrape(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An archive file made by open_archive holds no scrape yet: an empty
        listing added to it would be its first scrape, and is refused as
        one, not for archived posts it does not hold."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db)
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        argv = ["archive", "add", str(db), str(empty), "--seen-at", "2026-01-01"]
        assert run(capsys, *argv) == (
            1,
            "",
            f"bloglist: error: {empty} has no posts; nothing was added, as an "
            "archive does not start from an empty scrape (--allow-all-gone adds it)\n",
        )
        assert bloglist.open_archive(db).scrapes() == ()

    @pytest.mark.parametrize("kind", ["text", "directory"])
    def test_an_empty_file_for_what_is_no_archive_says_so_first(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
    ) -> None:
        """An empty listing for a path that holds no archive: the archive's
        error, status 2, as with posts, not a reason about archived posts
        that the file cannot hold."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        db = tmp_path / "blog.db"
        if kind == "text":
            db.write_text("hello\n", encoding="utf-8")
        else:
            db.mkdir()
        status, out, err = run(
            capsys, "archive", "add", str(db), str(empty), "--seen-at", "2026-01-01"
        )
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: {db} is not an archive: it is not an SQLite database\n"
            if kind == "text"
            else f"bloglist: error: {db} is a directory, not an archive file\n"
        )
        assert (
            (db.read_text(encoding="utf-8") == "hello\n")
            if kind == "text"
            else (not any(db.iterdir()))
        )

    @staticmethod
    def adder(capsys: pytest.CaptureFixture[str], db: str) -> Callable[..., str]:
        """``add(path, day, *options)``: archive add of *path* to *db*, seen
        at 2025-03-0*day*, which must succeed; what it printed."""

        def add(path: Path, day: int, *options: str) -> str:
            status, _, err = run(
                capsys, "archive", "add", db, str(path), "--seen-at", f"2025-03-0{day}",
                *options,
            )  # fmt: skip
            assert status == 0, err
            return err

        return add

    def test_a_scrape_added_without_the_known_tags_of_earlier_adds_is_unchanged(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An add without --known-tag reads its files with the archive's
        names: a scrape added without the --known-tag of the first splits
        GenAITesting as the archive has it, and its post is unchanged (it was
        recorded changed, its tags 'Gen', 'AITesting', a new version and a
        new time in the feed)."""
        text = tmp_path / "g.txt"
        text.write_text(
            "Mar 3, 2025\n\nGen post\n\nx\nGenAITesting\n", encoding="utf-8"
        )
        db = str(tmp_path / "g.db")
        add = self.adder(capsys, db)
        add(text, 3, "--known-tag", "GenAI")
        assert "(1 post: 1 unchanged)" in add(text, 4)
        (entry,) = bloglist.open_archive(db).load().entries
        assert entry.post.tags == ("GenAI", "Testing")
        assert len(entry.versions) == 1

    def test_a_given_known_tag_is_read_with_alone(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """With --known-tag, the names given alone, not the archive's: an add
        with --known-tag iOS after one with --known-tag iOSDev splits
        iOSDevTools anew, and the post counts as changed (once)."""
        text = tmp_path / "i.txt"
        text.write_text("\nApp post\n\nx\niOSDevTools\n", encoding="utf-8")
        db = str(tmp_path / "i.db")
        add = self.adder(capsys, db)
        add(text, 3, "--known-tag", "iOSDev")
        assert bloglist.open_archive(db).known_tags() == ("iOSDev",)
        assert "(1 post: 1 changed)" in add(text, 4, "--known-tag", "iOS")
        assert "(1 post: 1 unchanged)" in add(text, 5, "--known-tag", "iOS")
        (entry,) = bloglist.open_archive(db).load().entries
        assert [v.post.tags for v in entry.versions] == [
            ("iOSDev", "Tools"),
            ("iOS", "Dev", "Tools"),
        ]

    def test_a_correction_holds_though_a_post_gone_keeps_the_old_names(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Added with --known-tag iOSDev, then with --known-tag iOS (Beta gone,
        its tags as iOSDev split them): an add without the option keeps the
        correction, for the names come from the posts still shown."""
        one, two = tmp_path / "s1.txt", tmp_path / "s2.txt"
        one.write_text(
            "\nAlpha\n\nx\niOSDevTools\n\nBeta\n\nx\niOSDevTips\n", encoding="utf-8"
        )
        two.write_text("\nAlpha\n\nx\niOSDevTools\n", encoding="utf-8")
        db = str(tmp_path / "s.db")
        add = self.adder(capsys, db)
        add(one, 1, "--known-tag", "iOSDev")
        assert "(1 post: 1 changed; 1 gone)" in add(two, 2, "--known-tag", "iOS")
        assert bloglist.open_archive(db).known_tags() == ("iOS",)
        for day in (3, 4):
            assert "(1 post: 1 unchanged)" in add(two, day)
        alpha = bloglist.open_archive(db).load().entries[0]
        assert alpha.post.tags == ("iOS", "Dev", "Tools")

    def test_names_the_case_rule_leaves_whole_are_given_again(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """AIDevOps and AIDevTools read with --known-tag DevOps: added again
        and again, with the option or without it, nothing changes (the
        archive's names are DevOps alone: known, AI or AIDev would split one
        of the lines otherwise)."""
        text = tmp_path / "d.txt"
        text.write_text(
            "\nOne\n\nx\nAIDevOps\n\nTwo\n\nx\nAIDevTools\n", encoding="utf-8"
        )
        db = str(tmp_path / "d.db")
        add = self.adder(capsys, db)
        add(text, 3, "--known-tag", "DevOps")
        for day, option in ((4, ["--known-tag", "DevOps"]), (5, []), (6, [])):
            assert "(2 posts: 2 unchanged)" in add(text, day, *option)
        tags = [entry.post.tags for entry in bloglist.open_archive(db).load().entries]
        assert sorted(tags) == [("AI", "DevOps"), ("AIDev", "Tools")]

    def test_a_busy_archive_is_75_before_tags_are_read_without_its_names(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        tmp_path: Path,
    ) -> None:
        """An archive busy past the timeout when its names are read: a file
        with posts is not added (status 75, try again), for the add would
        wait as long again, and its tags would be read without them."""
        scrape = tmp_path / "tags.txt"
        scrape.write_text("\nT\n\nx\nGenAITesting\n", encoding="utf-8")
        before = archive_file.read_bytes()
        with _held(archive_file):
            status, out, err = run(
                capsys,
                "archive",
                "add",
                str(archive_file),
                str(scrape),
                "--seen-at",
                "2026-01-01",
                "--timeout",
                "0",
            )
        assert (status, out) == (75, "")
        assert err == (
            f"bloglist: error: {archive_file} is busy: another process is "
            "writing it; gave up at once, nothing was changed\n"
        )
        assert archive_file.read_bytes() == before

    @pytest.mark.parametrize("empty_first", [False, True])
    def test_a_busy_archive_is_75_for_files_with_posts_beside_an_empty_one(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        tmp_path: Path,
        empty_first: bool,
    ) -> None:
        """Files with posts and an empty one, for an archive busy past the
        timeout as its names are read: busy (status 75, try again) whatever
        their order, as for the files with posts alone; not the empty file's
        refusal (status 1), which a script would not try again."""
        scrape = tmp_path / "tags.txt"
        scrape.write_text("\nT\n\nx\nGenAITesting\n", encoding="utf-8")
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        files = [empty, scrape] if empty_first else [scrape, empty]
        before = archive_file.read_bytes()
        with _held(archive_file):
            status, out, err = run(
                capsys, "archive", "add", str(archive_file), *map(str, files),
                "--seen-at", "2026-01-01", "--seen-at", "2026-01-02",
                "--timeout", "0",
            )  # fmt: skip
        assert (status, out) == (75, "")
        assert err == (
            f"bloglist: error: {archive_file} is busy: another process is "
            "writing it; gave up at once, nothing was changed\n"
        )
        assert archive_file.read_bytes() == before

    def test_an_empty_file_added_anyway_to_a_busy_archive_is_75(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """With --allow-all-gone an empty file is added: to an archive busy
        as its tag names are read, status 75 then, the timeout waited once
        (the read's error, said as the add's; no add is tried)."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")

        def add(*args: object, **kwargs: object) -> None:
            raise AssertionError("an add waits again")

        monkeypatch.setattr(_store.ArchiveFile, "add", add)
        with _held(archive_file):
            status, out, err = run(
                capsys, "archive", "add", str(archive_file), str(empty),
                "--seen-at", "2026-01-01", "--timeout", "0", "--allow-all-gone",
            )  # fmt: skip
        assert (status, out) == (75, "")
        assert err == (
            f"bloglist: error: {archive_file} is busy: another process is "
            "writing it; gave up at once, nothing was changed\n"
        )

    def test_an_empty_file_for_a_busy_archive_is_refused_as_data(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """An empty listing is refused whatever the archive holds: an archive
        busy as its last scrape is read for the reason is said as one with
        posts, with status 1, not the 75 that tells a script to try again,
        which would be refused again. The archive, found busy as its tag
        names were read, is asked for the reason without waiting again."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        waits: list[float] = []
        last_scrape_posts = _cli_history._last_scrape_posts

        def asked(path: str, timeout: float) -> int | None:
            waits.append(timeout)
            return last_scrape_posts(path, timeout)

        monkeypatch.setattr(_cli_history, "_last_scrape_posts", asked)
        with _held(archive_file):
            status, out, err = run(
                capsys,
                "archive",
                "add",
                str(archive_file),
                str(empty),
                "--seen-at",
                "2026-01-01",
                "--timeout",
                "0.2",
            )
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: {empty} has no posts; nothing was added, as every "
            "archived post would count as gone (--allow-all-gone adds it)\n"
        )
        assert waits == [0]

    @pytest.mark.parametrize(
        ("empty_at", "why"),
        [
            ("2026-01-03", "every archived post would count as gone"),
            ("2026-01-01", "an archive does not start from an empty scrape"),
        ],
    )
    def test_an_empty_file_after_others_in_one_run_says_why(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        empty_at: str,
        why: str,
    ) -> None:
        """A review: with no archive yet, an empty file added after two
        others in one run was refused as a first scrape, though the posts of
        the two before it would count as gone. Which reason holds goes by
        the order the files are added in, oldest first, not the order given."""
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        one, two = tmp_path / "one.txt", tmp_path / "two.txt"
        one.write_text(bloglist.dumps(SAMPLE[:4]), encoding="utf-8")
        two.write_text(bloglist.dumps(SAMPLE[:6]), encoding="utf-8")
        db = tmp_path / "new.db"
        argv = ["archive", "add", str(db), str(one), "--seen-at", "2026-01-02"]
        argv += [str(empty), "--seen-at", empty_at, str(two), "--seen-at", "2026-01-04"]
        assert run(capsys, *argv) == (
            1,
            "",
            f"bloglist: error: {empty} has no posts; nothing was added, as {why} "
            "(--allow-all-gone adds it)\n",
        )
        assert not db.exists()

    def test_a_time_that_is_not_iso_8601_is_a_usage_error(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """--seen-at yesterday: argparse's usage error, status 2, naming the option."""
        with pytest.raises(SystemExit) as info:
            main(
                [
                    "archive",
                    "add",
                    str(tmp_path / "b.db"),
                    str(scrapes[0]),
                    "--seen-at",
                    "yesterday",
                ]
            )
        assert info.value.code == 2
        assert (
            "--seen-at: 'yesterday' is not an ISO 8601 time" in capsys.readouterr().err
        )

    @pytest.mark.parametrize(
        "spelling",
        [
            "2025-03-27T06:00:00Z",
            "2025-03-27T06:00:00z",  # RFC 3339 allows a lowercase z, as a t
            "2025-03-27t06:00:00z",
            "2025-03-27T06:00z",
            "2025-03-27T06:00:00.000z",
            "2025-03-27 06:00",  # no offset: UTC
            "2025-03-27T08:00+02:00",
        ],
    )
    def test_the_spellings_of_a_time(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        scrapes: tuple[Path, Path],
        spelling: str,
    ) -> None:
        """--seen-at and --new-since take what datetime.fromisoformat reads,
        and a lowercase z for Z."""
        db = str(tmp_path / "b.db")
        status, _, _ = run(
            capsys, "archive", "add", db, str(scrapes[0]), "--seen-at", spelling
        )
        assert status == 0
        moment = datetime.datetime(2025, 3, 27, 6, tzinfo=datetime.UTC)
        assert bloglist.open_archive(db).load().scrapes == (moment,)
        status, out, _ = run(
            capsys, "archive", "show", db, "--new-since", spelling, "--format", "json"
        )
        assert (status, len(json.loads(out))) == (0, len(SAMPLE))

    @pytest.mark.parametrize(
        ("spelling", "reason"),
        [
            ("2025-02-29T06:00Z", "day is out of range for month"),
            ("2025-13-01", "month must be in 1..12"),
            ("2025-03-27T24:30", "hour must be in 0..23"),
            # The wording review: datetime's own words were Python's,
            # "... not datetime.timedelta(days=-5, seconds=75600)."
            (
                "2025-03-27T06:00-99:00",
                "its UTC offset is not within a day; write one from -23:59 to +23:59",
            ),
            (
                "2025-03-27T06:00+24:00",
                "its UTC offset is not within a day; write one from -23:59 to +23:59",
            ),
        ],
    )
    def test_a_time_of_a_day_that_does_not_exist_says_so(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        spelling: str,
        reason: str,
    ) -> None:
        """A time written as ISO 8601 has it, of a day or an hour that does
        not exist, is not a real time, as --since says of a date (a review
        found it called no ISO 8601 time, which its form is)."""
        for option in ("--new-since", "--seen-at"):
            words = ["archive", "show", str(tmp_path / "b.db"), option, spelling]
            if option == "--seen-at":
                words = [
                    "archive",
                    "add",
                    str(tmp_path / "b.db"),
                    "-",
                    option,
                    spelling,
                ]
            with pytest.raises(SystemExit) as info:
                main(words)
            assert info.value.code == 2
            err = capsys.readouterr().err
            assert err.endswith(
                f"{option}: {spelling!r} is not a real time: {reason}\n"
            )

    @pytest.mark.parametrize("spelling", ["2025-03-27T06:00:00zz", "2025-03-27z"])
    def test_a_lowercase_z_is_only_an_offset(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, spelling: str
    ) -> None:
        """Only a z after the time's last digit is read as Z."""
        with pytest.raises(SystemExit) as info:
            main(["archive", "show", str(tmp_path / "b.db"), "--new-since", spelling])
        assert info.value.code == 2
        assert f"--new-since: {spelling!r} is not an ISO 8601 time" in (
            capsys.readouterr().err
        )

    @pytest.mark.parametrize("action", ["show", "feed"])
    def test_readers_wait_for_a_commit_as_long_as_their_timeout(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
        action: str,
    ) -> None:
        """A writer that is committing (an exclusive lock) holds readers off:
        `archive show` and `archive feed` wait as long as --timeout says,
        then say so (status 75: try again later); when the writer is
        done, they read."""
        old, _ = scrapes
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", str(db), str(old))[0] == 0
        with _held(db):
            started = time.monotonic()
            status, out, err = run(
                capsys, "archive", action, str(db), "--timeout", "0.2"
            )
            assert time.monotonic() - started >= 0.2
        assert (status, out) == (75, "")
        # The time really waited, to a tenth of a second: 0.2 or a little more.
        assert re.search(
            r"is busy: another process is writing it; gave up after waiting "
            r"0\.[2-5] seconds\n\Z",
            err,
        )  # a reader changes nothing, and says nothing of it
        assert run(capsys, "archive", action, str(db), "--timeout", "0")[0] == 0

    def test_a_busy_archive_is_status_75_after_the_timeout(
        self, scrapes: tuple[Path, Path], tmp_path: Path
    ) -> None:
        """Another writer holding the file: the real command waits, then says
        so, with the status that tells a script to try again later (75,
        EX_TEMPFAIL), not the 2 of an error that trying again will not mend."""
        old, _ = scrapes
        db = tmp_path / "blog.db"
        bloglist.open_archive(db)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bloglist",
                    "archive",
                    "add",
                    str(db),
                    str(old),
                    "--timeout",
                    "0.3",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert done.returncode == 75 and "busy" in done.stderr
        assert bloglist.open_archive(db).load() == Archive()

    @pytest.mark.parametrize("action", ["add", "show", "feed"])
    def test_an_archive_emptied_for_standard_error_is_not_made_anew(
        self, tmp_path: Path, action: str
    ) -> None:
        """The second threads review: `archive add blog.db day2.txt 2>
        blog.db` (the shell emptied the archive) made a new archive of one
        scrape, its history gone, exit 0, and wrote its line over the new
        file's header. Refused, status 2, the refusal where the shell sends
        it: into the emptied file. `2>>`, which empties nothing, is let be."""
        db, listing = tmp_path / "blog.db", written(tmp_path / "a.txt", SAMPLE)
        bloglist.open_archive(db).add(SAMPLE[:3], seen_at=DAY)
        argv = [sys.executable, "-m", "bloglist", "archive", action, str(db)]
        if action == "add":
            argv += [str(listing), "--seen-at", (DAY + HOUR).isoformat()]
        with db.open("w") as errors:  # as the shell's 2> opens it
            done = subprocess.run(
                argv, stdout=subprocess.DEVNULL, stderr=errors, timeout=60, check=False
            )
        assert done.returncode == 2
        assert db.read_text(encoding="utf-8") == (
            f"bloglist: error: {db} is also the file standard error writes to, "
            "and is empty: if it held an archive, the shell emptied it (2>) "
            "before the command ran (restore it from a backup); write the "
            "errors to another file\n"
        )
        # 2>> empties nothing: the archive is read (and added to) as it is.
        db.unlink()
        bloglist.open_archive(db).add(SAMPLE[:3], seen_at=DAY)
        if action == "add":
            argv[-3:] = ["-q", *argv[-3:]]
        with db.open("a") as errors:
            done = subprocess.run(
                argv, stdout=subprocess.DEVNULL, stderr=errors, timeout=60, check=False
            )
        assert done.returncode == 0
        assert len(bloglist.open_archive(db).scrapes()) == 1 + (action == "add")

    def test_more_seen_at_times_than_files_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--seen-at given more times than files (not only fewer): status 2,
        one line, no archive made."""
        db, listing = tmp_path / "blog.db", written(tmp_path / "a.txt", SAMPLE)
        times = ["--seen-at", "2025-01-01T00:00Z", "--seen-at", "2025-01-02T00:00Z"]
        assert run(capsys, "archive", "add", str(db), str(listing), *times) == (
            2,
            "",
            "bloglist: error: --seen-at is given 2 times for 1 file; "
            "give it once per file, or not at all\n",
        )
        assert not db.exists()
        # The wording review: with standard input among the files, which
        # needs --seen-at, "or not at all" led to another error.
        status, _, err = run(
            capsys, "archive", "add", str(db), str(listing), "-", *times[:2]
        )
        assert (status, err) == (
            2,
            "bloglist: error: --seen-at is given 1 time for 2 files; "
            "give it once per file\n",
        )
        assert not db.exists()

    @pytest.mark.parametrize(("behind", "warned"), [(3600, False), (3601, True)])
    def test_a_page_more_than_an_hour_older_is_named(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        behind: int,
        warned: bool,
    ) -> None:
        """The warning of a stale page comes past one hour, not at it."""
        first = written(tmp_path / "p1.txt", SAMPLE[:6])
        second = written(tmp_path / "p2.txt", SAMPLE[6:])
        newest = NOON.timestamp()
        os.utime(first, (newest, newest))
        os.utime(second, (newest - behind, newest - behind))
        db = tmp_path / "blog.db"
        status, _, err = run(
            capsys, "archive", "add", "-q", "--pages", str(db), str(first), str(second)
        )
        assert status == 0
        warning = (
            f"bloglist: warning: {second} (page 2) was modified 1 hour before "
            f"{first} (page 1); the pages of one scrape are fetched a moment "
            "apart, so it may be left from an earlier download\n"
        )
        assert err == (warning if warned else "")


class TestArchiveAddCommand:
    def test_an_empty_listing_for_an_empty_archive_file_is_no_first_scrape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file of no bytes is a new archive (a first add stopped before it
        committed leaves one): an empty listing for it is refused as data,
        exit status 1, as for no file at all, not as a file that is no
        archive."""
        db = tmp_path / "blog.db"
        db.touch()
        empty = tmp_path / "empty.txt"
        empty.write_text("", encoding="utf-8")
        status, out, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(empty),
            "--seen-at",
            "2025-03-05T08:00:00Z",
        )
        assert (status, out) == (1, "")
        assert "an archive does not start from an empty scrape" in err
        assert db.stat().st_size == 0

    def test_pages_modified_in_the_future_say_so_not_seen_at(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --pages and no --seen-at, a page whose modification time is
        days ahead is named as modified in the future: no --seen-at was given
        to blame."""
        first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
        first.write_text(
            bloglist.dumps([Post(title="A", excerpt="a")]), encoding="utf-8"
        )
        second.write_text(
            bloglist.dumps([Post(title="B", excerpt="b")]), encoding="utf-8"
        )
        ahead = time.time() + 3 * 86400
        os.utime(second, (ahead, ahead))
        db = tmp_path / "blog.db"
        status, out, err = run(
            capsys, "archive", "add", str(db), "--pages", str(first), str(second)
        )
        assert (status, out) == (2, "")
        assert err.startswith(f"bloglist: error: {second} was modified in the future (")
        assert err.endswith("); check the clock, or give --seen-at\n")
        assert not db.exists()


class TestQuietWhenCtrlCComesAsACommitReturns:
    def test_the_scrape_added_has_no_line_only_the_error(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Ctrl-C as the first scrape's commit returns leaves it in the
        file, and ``--quiet`` prints nothing for the scrapes it adds
        (docs/cli.md), that one too, though its add did not return: the
        one line on standard error is the error that says it was added and
        which file was not, with no ``blog.db: added a.txt (...)`` line
        before it."""
        first, second = (tmp_path / "a.txt", tmp_path / "b.txt")
        first.write_text("\nHello\n\nFirst words.\n", encoding="utf-8")
        second.write_text("\nHello\n\nFirst words, edited.\n", encoding="utf-8")
        db = tmp_path / "blog.db"
        interrupt_at_commit(monkeypatch, 1)
        status, out, err = status_of(
            "archive",
            "add",
            "--quiet",
            str(db),
            str(first),
            "--seen-at",
            "2025-03-01T00:00Z",
            str(second),
            "--seen-at",
            "2025-03-02T00:00Z",
        )
        assert (status, out) == (130, "")
        assert err == (
            f"bloglist: interrupted after adding {first} to {db}; added: {first}; "
            f"not added: {second}\n"
        )
        sources = [source for _, source, _ in bloglist.open_archive(db).scrapes()]
        assert sources == [str(first)]


class TestTheFormerNameOfAllowAllGone:
    def test_help_lists_allow_all_gone_and_not_its_former_name(self) -> None:
        """``--allow-empty``, the former name of ``--allow-all-gone``, is
        still taken so that no script breaks (docs/cli.md), but the help
        lists each option once, by its name, ``--allow-all-gone``: neither
        the former name nor an alias that starts with it is shown."""
        status, out, err = status_of("archive", "add", "--help")
        assert (status, err) == (0, "")
        assert "--allow-all-gone" in out
        assert "--allow-empty" not in out


@contextmanager
def _held(path: Path) -> Iterator[None]:
    """Another process's exclusive lock on the archive at *path*, which holds
    readers off too, while the block runs."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def archive_file(
    capsys: pytest.CaptureFixture[str], scrapes: tuple[Path, Path], tmp_path: Path
) -> Path:
    db = tmp_path / "blog.db"
    assert run(capsys, "archive", "add", str(db), *map(str, scrapes))[0] == 0
    return db


class TestTheSourceOfAScrape:
    """``scrapes.source`` is the file's name as given, whatever the terminal
    is shown of it: a name with a control character keeps it, one with a
    byte that is not UTF-8 holds U+FFFD there (docs/history.md), and the
    messages show both escaped."""

    @pytest.mark.parametrize("pages", [1, 2])
    def test_the_name_as_given(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, pages: int
    ) -> None:
        if sys.platform != "linux":  # pragma: no cover (CI runs on Linux)
            pytest.skip("file names of any bytes are Linux's")
        # ESC, and the byte 0xFE as os.fsdecode gives it.
        names = [f"day\x1b{page}\udcfe.txt" for page in range(1, pages + 1)]
        size = -(-len(SAMPLE) // pages)
        files = [
            str(write(tmp_path / name, SAMPLE[page * size : (page + 1) * size]))
            for page, name in enumerate(names)
        ]
        db = tmp_path / "blog.db"
        argv = ["archive", "add", str(db), *files, "--seen-at", "2025-03-26"]
        status, out, err = run(capsys, *argv, *(["--pages"] if pages > 1 else []))
        assert (status, out) == (0, "")
        shown = ", ".join(
            f"{tmp_path}{os.sep}day\\x1b{page}\\xfe.txt" for page in range(1, pages + 1)
        )
        assert f": added {shown} (12 posts: 12 new)" in err
        stored = ", ".join(
            str(tmp_path / name.replace("\udcfe", "\ufffd")) for name in names
        )
        assert [source for _, source, _ in bloglist.open_archive(db).scrapes()] == [
            stored
        ]

    def test_a_file_named_as_standard_input_is_recorded_as_a_path(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """A file named `<stdin>` is recorded as `./<stdin>`, so that its
        scrape is not taken for one read from standard input."""
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "<stdin>", SAMPLE)
        status, _, err = run(
            capsys, "archive", "add", "blog.db", "<stdin>", "--seen-at", "2025-03-26"
        )
        assert status == 0, err
        assert [
            source
            for _, source, _ in bloglist.open_archive(tmp_path / "blog.db").scrapes()
        ] == [f".{os.sep}<stdin>"]

    def test_standard_input_is_named_so(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        db = tmp_path / "blog.db"
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE_TEXT.encode()))
        )
        argv = ["archive", "add", str(db), "-", "--seen-at", "2025-03-26"]
        assert run(capsys, *argv)[0] == 0
        assert [source for _, source, _ in bloglist.open_archive(db).scrapes()] == [
            "<stdin>"
        ]


class TestAllGone:
    """A scrape that shares no post with the archive's last scrape (a
    challenge page saved in place of the index) would make every post gone,
    and stay in the archive for good: archive add refuses it, status 1,
    unless --allow-all-gone (or --allow-empty, its former name)."""

    CHALLENGE = "Just a moment...\n\nEnable JavaScript and cookies to continue\n"

    @pytest.fixture
    def archive_of_day1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> Path:
        """An archive of the sample, as a first cron job adds it."""
        (tmp_path / "day1.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
        (tmp_path / "day2.txt").write_text(self.CHALLENGE, encoding="utf-8")
        db = tmp_path / "blog.db"
        argv = ["-q", str(db), str(tmp_path / "day1.txt")]
        assert (
            run(capsys, "archive", "add", *argv, "--seen-at", "2025-03-26T06:00Z")[0]
            == 0
        )
        return db

    def test_a_challenge_page_adds_nothing(
        self, capsys: pytest.CaptureFixture[str], archive_of_day1: Path, tmp_path: Path
    ) -> None:
        before = bloglist.open_archive(archive_of_day1)
        scrapes, loaded = before.scrapes(), before.load()
        day2 = tmp_path / "day2.txt"
        status, out, err = run(
            capsys,
            "archive",
            "add",
            str(archive_of_day1),
            str(day2),
            "--seen-at",
            "2025-03-27T06:00Z",
        )
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: {day2} shares no post with the archive's last "
            "scrape (12 posts); nothing was added, as every one of them would "
            "count as gone (--allow-all-gone adds it); the archive holds one "
            f"scrape only ({tmp_path / 'day1.txt'}, seen at "
            "2025-03-26T06:00:00+00:00): if that was not the blog's page (a "
            "challenge page, say), make the archive anew\n"
        )
        after = bloglist.open_archive(archive_of_day1)
        assert after.scrapes() == scrapes and after.load() == loaded

    def test_the_hint_names_the_one_scrape_by_its_time_alone_without_a_source(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A scrape a program added with no source is named by its time."""
        db = tmp_path / "lib.db"
        seen = datetime.datetime(2025, 3, 26, 6, tzinfo=datetime.UTC)
        bloglist.open_archive(db).add(SAMPLE, seen_at=seen)
        page = tmp_path / "challenge.txt"
        page.write_text(self.CHALLENGE, encoding="utf-8")
        argv = [str(db), str(page), "--seen-at", "2025-03-27T06:00Z"]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (1, "")
        assert err.endswith(
            "; the archive holds one scrape only (seen at 2025-03-26T06:00:00+00:00): "
            "if that was not the blog's page (a challenge page, say), make the "
            "archive anew\n"
        )

    def test_the_hint_of_one_scrape_needs_the_scrapes_read(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_of_day1: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The hint that the archive's one scrape may be the wrong page
        needs its scrapes counted: an archive that cannot be read at that
        moment (another process writing it) gets the refusal alone."""

        def busy(store: object, posts: object) -> None:
            raise bloglist.ArchiveError("busy")

        monkeypatch.setattr(_store, "hint_times", busy)
        argv = [str(archive_of_day1), str(tmp_path / "day2.txt")]
        status, out, err = run(
            capsys, "archive", "add", *argv, "--seen-at", "2025-03-27T06:00Z"
        )
        assert (status, out) == (1, "")
        assert err.endswith("would count as gone (--allow-all-gone adds it)\n")

    @pytest.mark.parametrize(
        ("steps", "hint"),
        [
            # An empty download added on purpose, then a challenge page that
            # lasts two days, which nothing checks after a scrape that showed
            # no post: the blog's page back is refused, and names them all.
            (
                ["day1", "empty!", "challenge", "challenge"],
                "; it shares posts with an earlier scrape of the archive ({day1}, "
                "seen at 2025-03-27T06:00:00+00:00), but none with the 3 after it "
                "(the first, {empty}, seen at 2025-03-28T06:00:00+00:00): if "
                "those were not the blog's page (a challenge page, say, or an "
                "empty download), make the archive anew without them",
            ),
            # Added past the guard after a real page (a cron job retrying
            # with the flag).
            (
                ["day1", "challenge!"],
                "; it shares posts with an earlier scrape of the archive ({day1}, "
                "seen at 2025-03-27T06:00:00+00:00), but none with the one after "
                "it ({challenge}, seen at 2025-03-28T06:00:00+00:00): if that was "
                "not the blog's page (a challenge page, say, or an empty "
                "download), make the archive anew without it",
            ),
            # A page seen before that comes back: no clear sign of which is
            # the blog's, nothing named (history.md).
            (["day1", "challenge!", "day1!", "empty!", "challenge"], ""),
            (["day1", "challenge!", "day1!"], ""),
            # A challenge page again after the blog's page forced in past it:
            # undated, it shares no dated post, and names nothing.
            (["challenge", "day1!"], ""),
            # A challenge page refused after the blog's page, itself after a
            # failed download, or after days of one page: it shares no post
            # with any scrape, nothing is named.
            (["day1", "empty!", "day1"], ""),
            (["day1", "day1", "day1"], ""),
            # One scrape with posts: either may be the wrong page.
            (
                ["empty!", "challenge"],
                "; the archive holds only one scrape with posts ({challenge}, "
                "seen at 2025-03-28T06:00:00+00:00): if that was not the blog's "
                "page (a challenge page, say), make the archive anew",
            ),
        ],
    )
    def test_the_hint_names_the_scrapes_since_the_last_that_shares_a_post(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        steps: list[str],
        hint: str,
    ) -> None:
        """A month of cron: a scrape refused for sharing no post with the
        archive's last scrape, but sharing posts with an earlier one (the
        blog's page back after a challenge page or an empty download, taken
        unchecked after a scrape that showed nothing, or with
        --allow-all-gone), names the scrapes after the last that showed one
        of its posts as maybe the wrong page. Steps ending in ! are added with
        --allow-all-gone, a day apart from the 27th; the refused scrape is
        the page the last step is not."""
        files = {
            "day1": tmp_path / "day1.txt",
            "challenge": tmp_path / "challenge.txt",
            "empty": tmp_path / "empty.txt",
        }
        files["day1"].write_text(SAMPLE_TEXT, encoding="utf-8")
        files["challenge"].write_text(self.CHALLENGE, encoding="utf-8")
        files["empty"].write_text("", encoding="utf-8")
        db = str(tmp_path / "blog.db")
        for day, step in enumerate(steps, 27):
            name = step.rstrip("!")
            flags = ["--allow-all-gone"] * step.endswith("!")
            argv = ["-q", db, str(files[name]), "--seen-at", f"2025-03-{day}T06:00Z"]
            assert run(capsys, "archive", "add", *argv, *flags) == (0, "", "")
        refused = "challenge" if steps[-1].startswith("day1") else "day1"
        argv = [db, str(files[refused]), "--seen-at", "2025-04-05T06:00Z"]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (1, "")
        assert err.startswith(f"bloglist: error: {files[refused]} shares no post")
        assert err.endswith(
            "would count as gone (--allow-all-gone adds it)"
            + hint.format(**{name: str(path) for name, path in files.items()})
            + "\n"
        )
        assert len(bloglist.open_archive(db).scrapes()) == len(steps)

    def test_no_hint_where_two_scrapes_share_the_time_of_the_last_that_shares_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """docs/history.md: where the signs are not clear, nothing more is
        said, as for two scrapes of one time: the blog's page and another
        page added at the very time it was, either may be the wrong one."""
        day1, challenge = tmp_path / "day1.txt", tmp_path / "challenge.txt"
        other = tmp_path / "other.txt"
        day1.write_text(SAMPLE_TEXT, encoding="utf-8")
        challenge.write_text(self.CHALLENGE, encoding="utf-8")
        other.write_text("Access denied\n\nTry again later\n", encoding="utf-8")
        db = str(tmp_path / "blog.db")
        for path, at in [
            (day1, "2025-03-27T06:00Z"),
            (challenge, "2025-03-27T06:00Z"),
            (other, "2025-03-28T06:00Z"),
        ]:
            flags = ["--allow-all-gone"] * (path != day1)
            argv = ["-q", db, str(path), "--seen-at", at, *flags]
            assert run(capsys, "archive", "add", *argv) == (0, "", "")
        argv = [db, str(day1), "--seen-at", "2025-04-05T06:00Z"]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (1, "")
        assert err.startswith(f"bloglist: error: {day1} shares no post")
        assert err.endswith("would count as gone (--allow-all-gone adds it)\n")

    def test_no_hint_when_a_present_post_was_first_seen_with_the_shared_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The scrapes after the last that showed a post of the refused
        listing are named only when every post now present came after it: a
        post present now that that scrape showed first (C, seen with A on
        the 1st, back on the 3rd) says the page goes on from it, and nothing
        is named."""
        texts = {
            "s1": "Mar 5, 2025\n\nA\n\nx\n\nC\n\nx\n",
            "s2": "\nD\n\nx\n",
            "s3": "\nC\n\nx\n",
            "listing": "Mar 5, 2025\n\nA\n\nx\n",
        }
        files = {name: tmp_path / f"{name}.txt" for name in texts}
        for name, text in texts.items():
            files[name].write_text(text, encoding="utf-8")
        db = str(tmp_path / "blog.db")
        for day, (name, flags) in enumerate(
            [("s1", []), ("s2", ["--allow-all-gone"]), ("s3", ["--allow-all-gone"])],
            1,
        ):
            argv = ["-q", db, str(files[name]), "--seen-at", f"2025-03-0{day}T00:00Z"]
            assert run(capsys, "archive", "add", *argv, *flags) == (0, "", "")
        argv = [db, str(files["listing"]), "--seen-at", "2025-03-04T00:00Z"]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (1, "")
        assert err.endswith("would count as gone (--allow-all-gone adds it)\n"), err

    @pytest.mark.parametrize(
        ("pages", "named"),
        [
            # The blog's page moving on a post a day: the scrape after the
            # last that showed a post of the stale page shows one of its
            # posts too.
            ([(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)], False),
            # The same, with an empty download forced in right after it: the
            # first scrape with posts after it is the one that tells.
            ([(1, 2), (2, 3), (), (3, 4), (4, 5), (5, 6)], False),
            # A challenge page forced in after that scrape, then the blog's
            # page forced in past it: the scrape after it shows none of its
            # posts.
            ([(1, 2), (2, 3), None, (8,)], True),
        ],
    )
    def test_a_stale_copy_of_an_older_page_names_no_scrape(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        pages: list[tuple[int, ...] | None],
        named: bool,
    ) -> None:
        """A cache serving the index page as it was weeks ago: the stale
        copy shares posts with an old scrape, none with the last, and every
        post on the page came after it. Where the scrape after the last that
        showed one of its posts shows one of that scrape's posts too, the
        page moved on as a blog's does, and no scrape is named as maybe the
        wrong page; where it shows none of them (a wrong page forced in),
        the scrapes after it are. Empty scrapes after it tell nothing and
        are passed over. Pages are of posts by number, () for an empty
        download, None for a challenge page."""

        def page(numbers: tuple[int, ...]) -> bloglist.Listing:
            return bloglist.Listing(
                bloglist.Post(
                    title=f"Post {n}", date=datetime.date(2025, 3, n), excerpt="x"
                )
                for n in numbers
            )

        db = str(tmp_path / "blog.db")
        for day, numbers in enumerate(pages, 1):
            path = tmp_path / f"day{day}.txt"
            if numbers is None:
                path.write_text(self.CHALLENGE, encoding="utf-8")
            elif not numbers:
                path.write_text("", encoding="utf-8")  # a failed download
            else:
                write(path, page(numbers))
            argv = ["-q", db, str(path), "--seen-at", f"2025-04-{day:02}T06:00Z"]
            assert run(capsys, "archive", "add", *argv, "--allow-all-gone") == (
                0,
                "",
                "",
            )
        first = pages[0]
        assert first is not None
        stale = write(tmp_path / "stale.txt", page(first))
        argv = [db, str(stale), "--seen-at", "2025-04-20T06:00Z"]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (1, "")
        assert err.startswith(f"bloglist: error: {stale} shares no post")
        hint = (
            "; it shares posts with an earlier scrape of the archive "
            f"({tmp_path / 'day2.txt'}, seen at 2025-04-02T06:00:00+00:00), but "
            f"none with the 2 after it (the first, {tmp_path / 'day3.txt'}, "
            "seen at 2025-04-03T06:00:00+00:00)"
        )
        assert err.endswith(
            "would count as gone (--allow-all-gone adds it)"
            + (
                hint + ": if those were not the blog's page (a challenge page, "
                "say, or an empty download), make the archive anew without them"
                if named
                else ""
            )
            + "\n"
        )

    def test_a_post_on_the_page_seen_before_the_stale_one_names_no_scrape(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The hint needs every post of the archive's page first seen after
        the last scrape that showed a post of the refused listing: here post
        2 was seen before it, left the page for two scrapes (the second a
        challenge page) and came back, so that the page goes on from before
        it. The scrape after it shows none of its posts, as in a wrong page
        forced in, yet none is named: the earliest first sighting counts,
        not the latest."""

        def page(*numbers: int) -> bloglist.Listing:
            return bloglist.Listing(
                bloglist.Post(
                    title=f"Post {n}", date=datetime.date(2025, 3, n), excerpt="x"
                )
                for n in numbers
            )

        db = str(tmp_path / "blog.db")
        for day, listing in enumerate([page(2), page(1), None, page(2, 3)], 1):
            path = tmp_path / f"day{day}.txt"
            if listing is None:
                path.write_text(self.CHALLENGE, encoding="utf-8")
            else:
                write(path, listing)
            argv = ["-q", db, str(path), "--seen-at", f"2025-04-{day:02}T06:00Z"]
            assert run(capsys, "archive", "add", *argv, "--allow-all-gone")[0] == 0
        stale = write(tmp_path / "stale.txt", page(1))
        argv = [db, str(stale), "--seen-at", "2025-04-20T06:00Z"]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (1, "")
        assert err.startswith(f"bloglist: error: {stale} shares no post")
        assert err.endswith("would count as gone (--allow-all-gone adds it)\n")

    def test_pages_refused_are_named_in_the_plural_by_the_hint(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Pages stitched with --pages and refused: the hint says that they
        share posts with an earlier scrape, as the error names them."""
        day = datetime.date(2025, 3, 1)
        posts = [
            bloglist.Post(title=f"Post {i}", date=day, excerpt="x") for i in range(4)
        ]
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        store.add(posts[:2], seen_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC))
        store.add(
            [bloglist.Post(title="Just a moment...", excerpt="x")],
            seen_at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC),
            allow_all_gone=True,
        )
        first = write(tmp_path / "page1.txt", bloglist.Listing(posts[:2]))
        second = write(tmp_path / "page2.txt", bloglist.Listing(posts[2:]))
        argv = ["--pages", str(db), str(first), str(second)]
        status, out, err = run(
            capsys, "archive", "add", *argv, "--seen-at", "2025-03-03T00:00Z"
        )
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: the pages {first}, {second} share no post with the "
            "archive's last scrape (1 post); nothing was added, as every one of "
            "them would count as gone (--allow-all-gone adds it); they share posts "
            "with an earlier scrape of the archive (seen at "
            "2025-03-01T00:00:00+00:00), but none with the one after it (seen at "
            "2025-03-02T00:00:00+00:00): if that was not the blog's page (a "
            "challenge page, say, or an empty download), make the archive anew "
            "without it\n"
        )

    @pytest.mark.parametrize("shared", ["Post 600", "Post 1"])
    def test_the_posts_are_asked_for_in_batches_and_whole(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, shared: str
    ) -> None:
        """The refused listing's 600 dated posts are asked for in batches of
        query parameters: one it shares, in the last batch or the first, is
        found. A title holding a NUL is matched whole (a JSON array for
        json_each would end it there, and "Post 1\\x00x" pair with "Post 1")."""
        day = datetime.date(2025, 3, 1)
        posts = [
            bloglist.Post(title=f"Post {i}", date=day, excerpt="x")
            for i in range(1, 601)
        ]
        kept = next(post for post in posts if post.title == shared)
        nul = bloglist.Post(title=f"{shared}\x00x", date=day, excerpt="x")
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        store.add([kept], seen_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC))
        challenge = bloglist.Post(title="Just a moment...", excerpt="x")
        store.add(
            [challenge],
            seen_at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC),
            allow_all_gone=True,
        )
        hint = "; it shares posts with an earlier scrape of the archive"
        for listing, named in (([nul], False), (posts, True)):
            page = write(tmp_path / "page.txt", bloglist.Listing(listing))
            argv = [str(db), str(page), "--seen-at", "2025-03-03T00:00Z"]
            status, out, err = run(capsys, "archive", "add", *argv)
            assert (status, out) == (1, "")
            assert (hint in err) is named, err

    @pytest.mark.parametrize("flag", ["--allow-all-gone", "--allow-empty"])
    def test_the_flag_adds_it(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_of_day1: Path,
        tmp_path: Path,
        flag: str,
    ) -> None:
        day2 = str(tmp_path / "day2.txt")
        argv = [str(archive_of_day1), day2, "--seen-at", "2025-03-27T06:00Z", flag]
        status, out, err = run(capsys, "archive", "add", *argv)
        assert (status, out) == (0, "")
        assert err == (
            f"{archive_of_day1}: added {day2} (1 post: 1 new; 12 gone) "
            "seen at 2025-03-27T06:00:00+00:00\n"
        )
        archive = bloglist.open_archive(archive_of_day1).load()
        assert len(archive.gone()) == 12 and archive.listing[0].title == (
            "Just a moment..."
        )

    def test_a_normal_next_day_is_added(
        self, capsys: pytest.CaptureFixture[str], archive_of_day1: Path, tmp_path: Path
    ) -> None:
        """A new post on top, the last one scrolled off: added."""
        new = bloglist.Post(
            title="A new post", date=datetime.date(2025, 3, 26), excerpt="Hello."
        )
        day2 = write(tmp_path / "next.txt", bloglist.Listing([new, *SAMPLE[:-1]]))
        argv = [str(archive_of_day1), str(day2), "--seen-at", "2025-03-27T06:00Z"]
        assert run(capsys, "archive", "add", "-q", *argv) == (0, "", "")
        archive = bloglist.open_archive(archive_of_day1).load()
        assert [post.title for post in archive.gone()] == [SAMPLE[-1].title]
        assert len(archive.entries) == 13

    def test_those_added_before_it_stay(
        self, capsys: pytest.CaptureFixture[str], archive_of_day1: Path, tmp_path: Path
    ) -> None:
        """Each file is its own transaction: a good scrape before the
        challenge page stays, and the error names what was and was not added."""
        good, bad = tmp_path / "day1.txt", tmp_path / "day2.txt"
        argv = [str(archive_of_day1), str(good), str(bad), str(good)]
        times = ["2025-03-27T06:00Z", "2025-03-28T06:00Z", "2025-03-29T06:00Z"]
        status, out, err = run(
            capsys, "archive", "add", "-q", *argv, *(f"--seen-at={t}" for t in times)
        )
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: {bad} shares no post with the archive's last "
            "scrape (12 posts); it was not added, as every one of them would "
            f"count as gone (--allow-all-gone adds it); added before it: {good}; "
            f"not added: {bad} {good}\n"
        )
        assert [
            count for _, _, count in bloglist.open_archive(archive_of_day1).scrapes()
        ] == [
            12,
            12,
        ]

    def test_with_pages_it_is_the_joined_listing(
        self, capsys: pytest.CaptureFixture[str], archive_of_day1: Path, tmp_path: Path
    ) -> None:
        """With --pages, the pages of one scrape are refused together."""
        bad = tmp_path / "day2.txt"
        other = write(tmp_path / "p2.txt", bloglist.loads("Nothing here\n\nSorry.\n"))
        argv = ["--pages", str(archive_of_day1), str(bad), str(other)]
        status, out, err = run(
            capsys, "archive", "add", *argv, "--seen-at", "2025-03-27T06:00Z"
        )
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: the pages {bad}, {other} share no post with the "
            "archive's last scrape (12 posts); nothing was added, as every one "
            "of them would count as gone (--allow-all-gone adds it); the archive "
            f"holds one scrape only ({tmp_path / 'day1.txt'}, seen at "
            "2025-03-26T06:00:00+00:00): if that was not the blog's page (a "
            "challenge page, say), make the archive anew\n"
        )
        assert len(bloglist.open_archive(archive_of_day1).scrapes()) == 1
        assert run(capsys, "archive", "add", *argv, "--allow-all-gone")[0] == 0
        assert len(bloglist.open_archive(archive_of_day1).load().gone()) == 12


def test_the_hint_names_a_first_scrape_with_no_source_without_a_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scrapes added by the library record no source: the wrong-page hint
    names the first of the scrapes after as 'the first seen at ...'."""

    def page(*numbers: int) -> Listing:
        return Listing(
            Post(title=f"Post {n}", date=datetime.date(2025, 3, n), excerpt="x")
            for n in numbers
        )

    db = tmp_path / "blog.db"
    archive = ArchiveFile(str(db))
    scrapes = [page(1, 2), page(1, 2), page(5, 6), page(5, 6, 7)]
    for day, listing in enumerate(scrapes, 1):
        seen = datetime.datetime(2025, 4, day, 6, tzinfo=datetime.UTC)
        archive.add(listing, seen_at=seen, allow_all_gone=True)
    stale = tmp_path / "stale.txt"
    stale.write_text(bloglist.dumps(page(1, 2)), encoding="utf-8")
    argv = ["archive", "add", str(db), str(stale), "--seen-at", "2025-04-20T06:00Z"]
    status = main(argv)
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert (
        "; it shares posts with an earlier scrape of the archive (seen at "
        "2025-04-02T06:00:00+00:00), but none with the 2 after it (the first "
        "seen at 2025-04-03T06:00:00+00:00): if those were not the blog's page"
    ) in err, err


class TestTheDefaultTimeout:
    """docs/cli.md: the archive actions wait for another process at most
    --timeout seconds, "5 by default". The wait itself is tested with a
    --timeout given (a default wait would cost the suite 5 s a test): here
    the default each action parses to, and the help that states it."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["archive", "add", "blog.db", "index.txt"],
            ["archive", "show", "blog.db"],
            ["archive", "feed", "blog.db"],
        ],
    )
    def test_it_is_5_seconds(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        from bloglist._cli import _parse_args

        assert _parse_args(argv).timeout == 5
        with pytest.raises(SystemExit):
            _parse_args([*argv[:2], "--help"])
        assert "(default: 5)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("value", ["-1", "soon", "nan", "1e3"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """A --timeout that is no number of seconds, 0 or more, is a usage
    error, the value quoted: status 2, no archive made."""
    listing = tmp_path / "index.txt"
    listing.write_text(bloglist.sample_text(), encoding="utf-8")
    db = tmp_path / "blog.db"
    argv = ["archive", "add", str(db), str(listing), "--seen-at", "2025-01-01"]
    with pytest.raises(SystemExit) as info:
        main([*argv, "--timeout", value])
    assert info.value.code == 2
    assert (
        f"argument --timeout: '{value}' is not a number of seconds, 0 or more"
        in capsys.readouterr().err
    )
    assert not db.exists()


@pytest.fixture
def new_york_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time five hours behind UTC (POSIX TZ rule, which
    needs no time zone database), put back after the test."""
    if not hasattr(time, "tzset"):  # pragma: no cover (POSIX only)
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "EST+5")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class TestArchiveCommand:
    def test_a_seen_at_a_day_ahead_of_the_clock_is_taken_and_no_later(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """--seen-at may be up to a day past the clock (clocks and zones
        differ), that day's last microsecond included; a microsecond more is
        in the future. The command's clock is stopped for the test."""
        import bloglist._cli_history as history

        now = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)

        class Stopped(datetime.datetime):
            @classmethod
            def now(cls, tz: datetime.tzinfo | None = None) -> Stopped:
                assert tz is datetime.UTC
                return cls.fromtimestamp(now.timestamp(), tz)

        clock = types.SimpleNamespace(
            **{name: getattr(datetime, name) for name in datetime.__all__}
        )
        clock.datetime = Stopped
        monkeypatch.setattr(history, "datetime", clock)
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        ahead = now + datetime.timedelta(days=1)
        late = (ahead + datetime.timedelta(microseconds=1)).isoformat()
        status, out, err = run(capsys, "archive", "add", str(db), str(scrape),
                               "--seen-at", late)  # fmt: skip
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: --seen-at {late} for {scrape} is in the future; a "
            "scrape is taken at or before the time it is added\n"
        )
        status, _, err = run(capsys, "archive", "add", "-q", str(db), str(scrape),
                             "--seen-at", ahead.isoformat())  # fmt: skip
        assert (status, err) == (0, "")
        assert [s.seen_at for s in bloglist.open_archive(db).scrapes()] == [ahead]

    @pytest.mark.parametrize("limit", [None, "1"])
    def test_the_joins_warnings_count_toward_the_pages_limit(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, limit: str | None
    ) -> None:
        """With --pages, a page's file reports its own diagnostics and the
        join's warnings about it within one --max-diagnostics: page 2 with a
        warning of its own and a page-same-title one of the join, the limit
        1, reports its own and counts the join's."""
        first = tmp_path / "g1.txt"
        first.write_text(
            "Mar 5, 2025\n\nE\n\nx\nMar 4, 2025\n\nD\n\nx\n", encoding="utf-8"
        )
        second = tmp_path / "g2.txt"
        second.write_text(
            "Mar 4, 2025\n\nD\n\nother\nMar 3, 2025\n\nC\n\nx\nGo, Rust...\n",
            encoding="utf-8",
        )
        db = tmp_path / "g.db"
        limited = [] if limit is None else ["--max-diagnostics", limit]
        status, out, err = run(
            capsys, "archive", "add", "--pages", *limited, str(db), str(first),
            str(second), "--seen-at", "2025-03-05T06:00Z",
        )  # fmt: skip
        assert (status, out) == (0, "")
        own = f"{second}:11:1: text-tag-line tag line 'Go, Rust...' ends with '...'"
        joined = (
            f"{second}:1:1: page-same-title post 'D' has the date and title of a "
            "post of an earlier page"
        )
        counted = (
            f"{second}:1:1: too-many-diagnostics 1 more diagnostic (0 errors, 1 "
            "warning), from here to line 1, counted but not reported one by one: "
            "the limit is 1 (--max-diagnostics)\n"
        )
        lines = err.splitlines(keepends=True)
        assert lines[0].startswith(own)
        if limit is None:
            assert lines[1].startswith(joined)
        else:
            assert lines[1] == counted
        assert lines[2].startswith(f"{db}: added ")
        assert len(lines) == 3

    @pytest.mark.usefixtures("new_york_clock")
    def test_a_seen_at_without_an_offset_is_utc_whatever_the_local_zone(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--seen-at with no offset is UTC, as its help says, not the
        machine's local time (here five hours behind UTC)."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        status, _, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(scrape),
            "--seen-at",
            "2025-03-05T08:00",
        )
        assert status == 0, err
        assert "seen at 2025-03-05T08:00:00+00:00" in err
        [(seen_at, _, _)] = bloglist.open_archive(db).scrapes()
        assert seen_at == DAY

    @pytest.mark.parametrize("value", ["inf", ".5", "2.", "0", "10"])
    def test_the_timeouts_a_command_line_writes_are_taken(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str
    ) -> None:
        """--timeout takes whole seconds, a fraction with or without digits
        on either side of its point, and "inf" (wait as long as SQLite can)."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        argv = ["archive", "add", str(db), str(scrape), "--seen-at", DAY.isoformat()]
        status, _, err = run(capsys, *argv, "--timeout", value)
        assert (status, err.count("added")) == (0, 1), err
        status, out, err = run(capsys, "archive", "show", str(db), "--timeout", value)
        assert (status, err) == (0, "")
        assert out.count("\n") == len(SAMPLE) + 1

    @pytest.mark.parametrize(
        ("first", "second", "summary"),
        [
            # Errors past the limit in the first file: in the count, whatever
            # the second holds.
            pytest.param(
                [BROKEN] * 3,
                [SAMPLE_TEXT],
                "error: 3 errors in",
                id="errors past it first",
            ),
            # Only warnings past the limit: the count of errors is exact.
            pytest.param(
                [BROKEN, *[REPEATED_TAG] * 3],
                [SAMPLE_TEXT],
                "error: 1 error in",
                id="warnings past it",
            ),
        ],
    )
    def test_the_count_of_errors_says_when_some_were_only_counted(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        first: list[str],
        second: list[str],
        summary: str,
    ) -> None:
        """archive add with errors past --max-diagnostics adds nothing, and
        its count of errors takes in the errors (not the warnings) counted
        past the limit, in any of the files."""
        one = tmp_path / "one.txt"
        one.write_text("\n".join(first), encoding="utf-8")
        two = tmp_path / "two.txt"
        two.write_text("\n".join(second), encoding="utf-8")
        db = tmp_path / "a.db"
        later = (DAY + datetime.timedelta(days=1)).isoformat()
        status, _, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(one),
            str(two),
            "--seen-at",
            DAY.isoformat(),
            "--seen-at",
            later,
            "--max-diagnostics",
            "1",
        )
        assert status == 1
        last = err.splitlines()[-1]
        assert summary in last
        assert last.endswith(
            "nothing was added, as a post that failed to parse would count as gone"
        )
        assert not db.exists()

    def test_by_default_add_waits_seconds_for_another_writer(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Without --timeout, archive add waits for another process writing
        the archive (5 seconds, its help says): one that holds it for a
        second does not make the add fail."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        bloglist.open_archive(db)
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(1.0, other.execute, ("COMMIT",))
        release.start()
        try:
            argv = [
                "archive",
                "add",
                str(db),
                str(scrape),
                "--seen-at",
                DAY.isoformat(),
            ]
            status, _, err = run(capsys, *argv)
        finally:
            release.join()
            other.close()
        assert status == 0, err
        assert bloglist.open_archive(db).load() == bloglist.Archive().merge(
            SAMPLE, seen_at=DAY
        )

    def test_a_name_whose_parts_hold_a_colon_is_shown_as_typed(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A message names the archive and its parts as typed, the longest
        first: ``notes:1/../notes`` (whose text reduces to ``notes``, a
        name that ends where ``notes:1`` goes on after a colon) is not
        half-replaced."""
        monkeypatch.chdir(tmp_path)
        Path("notes:1").write_text("notes\n", encoding="utf-8")
        write(tmp_path / "a.txt", SAMPLE)
        typed = "notes:1/../notes"
        assert run(
            capsys, "archive", "add", typed, "a.txt", "--seen-at", "2025-05-01"
        ) == (
            2,
            "",
            f"bloglist: error: cannot create {typed}: notes:1 is not a directory\n",
        )

    @pytest.mark.skipif(os.name != "posix", reason="a POSIX path's root is '/'")
    def test_a_name_that_leads_back_to_the_root_leaves_a_lone_slash_be(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A name typed with as many ``..`` as lead to '/' still leaves a
        '/' that the message quotes alone as it is: it is not taken for the
        typed ``../..``."""
        monkeypatch.chdir(tmp_path)
        up = "../" * (len(tmp_path.parts) - 1)
        typed = f"{up}bloglist-no-such-directory/"
        write(tmp_path / "a.txt", SAMPLE)
        status, out, err = run(
            capsys, "archive", "add", typed, "a.txt", "--seen-at", "2025-05-01"
        )
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot create {typed}: a name that ends in '/' "
            "names a directory, not a file\n"
        )

    def test_a_feeds_title_is_the_archive_files_name(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """archive feed without --feed-title titles the feed with the file's
        name, not the directories before it."""
        (tmp_path / "site").mkdir()
        db = tmp_path / "site" / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=DAY)
        status, out, err = run(capsys, "archive", "feed", str(db))
        assert (status, err) == (0, "")
        assert '<title type="text">blog.db</title>' in out
        assert str(tmp_path) not in out

    def test_the_table_marks_only_sticky_posts(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """archive show's table: "yes" in the STICKY column of a sticky post,
        nothing in that of another, as show's table writes it."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=DAY)
        status, out, err = run(capsys, "archive", "show", str(db))
        assert (status, err) == (0, "")
        header, *rows = out.splitlines()
        start, end = header.index("STICKY"), header.index("TITLE")
        assert [row[start:end].strip() for row in rows] == [
            "yes" if post.sticky else "" for post in SAMPLE
        ]
        assert any(post.sticky for post in SAMPLE)
        assert not all(post.sticky for post in SAMPLE)


def _unable_to_open(*args: object, **kwargs: object) -> sqlite3.Connection:
    raise sqlite3.OperationalError("unable to open database file")


class TestMessagesAsTyped:
    def test_the_working_directory_is_named_as_a_dot(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A new archive typed as a bare name, in a working directory that
        cannot be written: the message names that directory ".", as the
        name was typed relative to it, not by its absolute path. (Read-only
        as an ordinary user finds it: root creates files anywhere, so
        SQLite's refusal and the access check are made to say so.)"""
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "a.txt", SAMPLE)
        monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
        status, out, err = run(
            capsys, "archive", "add", "blog.db", "a.txt", "--seen-at", "2025-05-01"
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: cannot create blog.db: its directory . is read-only\n"
        )
        assert str(tmp_path) not in err


class TestArchiveShow:
    def test_an_id_from_a_stranger_s_file_reaches_no_terminal_raw(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An archive from someone else may hold any text as a post's id: an
        escape sequence, a line break that forges a row. The table and the
        error that names the post escape it, as they escape a title; an id
        longer than any bloglist writes is quoted short in the error."""
        posts = bloglist.Listing(
            [bloglist.Post(title="T", excerpt="E", tags=["Ops|dev"])]
        )
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(posts, seen_at=DAY)
        hostile = "urn:x\x1b]0;title\x07\u202e\n2099-01-01T00:00Z  -  FAKE"
        with contextlib.closing(sqlite3.connect(db)) as connection, connection:
            connection.execute("UPDATE versions SET post_id = ?", (hostile,))
            connection.execute("UPDATE posts SET id = ?", (hostile,))
        status, out, err = run(capsys, "archive", "show", str(db))
        assert (status, err) == (0, "")
        assert out.splitlines()[1].endswith(
            "urn:x\\x1b]0;title\\x07\\u202e\\n2099-01-01T00:00Z  -  FAKE"
        )
        assert len(out.splitlines()) == 2
        assert not any(c in out for c in "\x1b\x07\u202e")
        status, out, err = run(capsys, "archive", "show", str(db), "--format", "csv")
        assert status == 1
        assert err.startswith(
            f"bloglist: error: {db}: post 'T' (urn:x\\x1b]0;title\\x07\\u202e"
            "\\n2099-01-01T00:00Z  -  FAKE): tags ('Ops|dev',)"
        )
        with contextlib.closing(sqlite3.connect(db)) as connection, connection:
            connection.execute("UPDATE versions SET post_id = ?", ("\x1b" * 5000,))
            connection.execute("UPDATE posts SET id = ?", ("\x1b" * 5000,))
        status, out, err = run(capsys, "archive", "show", str(db), "--format", "csv")
        assert status == 1
        assert "\x1b" not in err
        assert len(err) < 1000

    @pytest.mark.parametrize("length", [100, 101])
    def test_an_id_of_up_to_100_characters_is_named_whole(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, length: int
    ) -> None:
        """The error that names a post names its id whole up to 100
        characters (those bloglist writes are 45), and quotes a longer one
        short."""
        posts = bloglist.Listing(
            [bloglist.Post(title="T", excerpt="E", tags=["Ops|dev"])]
        )
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(posts, seen_at=DAY)
        long_id = "u" * length
        with contextlib.closing(sqlite3.connect(db)) as connection, connection:
            connection.execute("UPDATE versions SET post_id = ?", (long_id,))
            connection.execute("UPDATE posts SET id = ?", (long_id,))
        status, out, err = run(capsys, "archive", "show", str(db), "--format", "csv")
        assert (status, out) == (1, "")
        # Quoted short: its first 39 characters, quoted, and an ellipsis.
        named = long_id if length <= 100 else f"'{long_id[:39]}'\N{HORIZONTAL ELLIPSIS}"
        assert err.startswith(f"bloglist: error: {db}: post 'T' ({named}): tags ")
        assert (long_id in err) is (length <= 100)

    def test_scrapes_out_of_time_order_are_a_damaged_file_not_a_traceback(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A scrape row earlier than the one added before it (inserted by
        hand): show, feed and add each say the file is damaged, with status
        2 and no traceback, and add writes nothing, even at a time between
        the two. show and feed used to end in a ValueError's traceback, and
        add compared with the last row only, writing a last_seen before a
        first_seen."""
        db = tmp_path / "blog.db"
        scrape = write(tmp_path / "s1.txt", SAMPLE)
        seen_at = ("--seen-at", "2025-03-26T06:00Z")
        assert (
            run(capsys, "archive", "add", "-q", str(db), str(scrape), *seen_at)[0] == 0
        )
        with closing(sqlite3.connect(db)) as connection, connection:
            connection.execute(
                "INSERT INTO scrapes (seen_at, source, posts) "
                "VALUES ('2025-03-20T06:00:00.000000+00:00', 'x', 12)"
            )
        before = db.read_bytes()
        message = (
            f"bloglist: error: {db} is damaged (it holds what bloglist never "
            "writes: ValueError: scrape 2, seen at 2025-03-20T06:00:00+00:00, is "
            "earlier than scrape 1 added before it, seen at "
            "2025-03-26T06:00:00+00:00); restore it from a backup\n"
        )
        for argv in (
            ["show", str(db)],
            ["feed", str(db)],
            ["add", "-q", str(db), str(scrape), "--seen-at", "2025-03-22T06:00Z"],
        ):
            assert run(capsys, "archive", *argv) == (2, "", message)
        assert db.read_bytes() == before

    def test_the_table_shows_when_each_post_was_seen(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """One row per archived post, gone ones marked with the time they went."""
        status, out, err = run(capsys, "archive", "show", str(archive_file))
        header, *rows = out.splitlines()
        assert (status, err) == (0, "")
        assert header.split() == [
            "FIRST",
            "SEEN",
            "GONE",
            "SINCE",
            "DATE",
            "STICKY",
            "TITLE",
            "ID",
        ]
        assert len(rows) == len(SAMPLE)
        gone = [row for row in rows if "2025-03-06T08:00Z" in row]
        assert len(gone) == 1 and SAMPLE[-1].title in gone[0]
        assert post_id(SAMPLE[-1]) in gone[0]

    @pytest.mark.parametrize(
        ("seen_at", "shown"),
        [
            ("0001-01-01T00:00Z", "0001-01-01T00:00Z"),
            ("0999-12-31T23:59:59+00:00", "0999-12-31T23:59Z"),
            ("2025-03-05T10:07:09+02:00", "2025-03-05T08:07Z"),
        ],
    )
    def test_times_are_iso_8601_minutes_in_utc(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        seen_at: str,
        shown: str,
    ) -> None:
        """FIRST SEEN and GONE SINCE read back with datetime.fromisoformat,
        with a four-digit year even before the year 1000."""
        db = str(tmp_path / "blog.db")
        listing = write(tmp_path / "a.txt", SAMPLE[:1])
        run(capsys, "archive", "add", db, str(listing), "--seen-at", seen_at)
        status, out, _ = run(capsys, "archive", "show", db)
        first_seen = out.splitlines()[1].split()[0]
        assert (status, first_seen) == (0, shown)
        assert datetime.datetime.fromisoformat(
            first_seen
        ) == datetime.datetime.fromisoformat(seen_at).replace(second=0)

    def test_a_recurring_title_whose_last_post_scrolled_off_is_new(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A monthly "Hiring update" on a page of the newest posts: the April
        one, published after the March one scrolled off, is new since
        April 1, with its own id, as diff of the last two scrapes says."""
        pages = [
            "Mar 3, 2025\n\nShipping search\n\nHow we did it.\nNews\n"
            "Mar 1, 2025\n\nHiring update\n\nWe are hiring three engineers.\nPeople\n",
            "Mar 10, 2025\n\nFaster builds\n\nOur build got faster.\nNews\n"
            "Mar 3, 2025\n\nShipping search\n\nHow we did it.\nNews\n",
            "Apr 1, 2025\n\nHiring update\n\nWe are hiring two designers.\nPeople\n"
            "Mar 10, 2025\n\nFaster builds\n\nOur build got faster.\nNews\n",
        ]
        db = str(tmp_path / "blog.db")
        times = ["2025-03-01T06:00Z", "2025-03-10T06:00Z", "2025-04-01T06:00Z"]
        files = [tmp_path / f"d{number}.txt" for number in (1, 2, 3)]
        for file, text, seen_at in zip(files, pages, times, strict=True):
            file.write_text(text, encoding="utf-8")
            argv = ["archive", "add", "-q", db, str(file), "--seen-at", seen_at]
            assert run(capsys, *argv) == (0, "", "")
        status, out, err = run(
            capsys, "archive", "show", db, "--new-since", "2025-04-01"
        )
        _, *rows = out.splitlines()
        assert (status, err, len(rows)) == (0, "", 1)
        assert rows[0].split()[:4] == [
            "2025-04-01T06:00Z",
            "-",
            "2025-04-01",
            "Hiring",
        ]
        status, out, _ = run(
            capsys, "archive", "show", db, "--gone", "--format", "json"
        )
        assert [(r["title"], r["date"]) for r in json.loads(out)] == [
            ("Shipping search", "2025-03-03"),
            ("Hiring update", "2025-03-01"),
        ]
        status, out, _ = run(capsys, "diff", str(files[1]), str(files[2]))
        assert out.splitlines()[0].split()[:5] == ["+", "Apr", "1,", "2025", "Hiring"]

    def test_query_options_work_as_in_show(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """--gone, --present, --new-since, --tag and --format json select and write."""

        def titles(*argv: str) -> list[str]:
            status, out, _ = run(
                capsys, "archive", "show", str(archive_file), "--format", "json", *argv
            )
            assert status == 0
            return [record["title"] for record in json.loads(out)]

        assert titles("--gone") == [SAMPLE[-1].title]
        assert titles("--present") == [p.title for p in edited_sample()]
        assert titles("--new-since", "2025-03-06") == []
        assert len(titles("--new-since", "2025-03-05T08:00Z")) == len(SAMPLE)
        tag = SAMPLE[1].tags[0]
        assert titles("--tag", tag) == [p.title for p in SAMPLE if tag in p.tags]
        assert titles("--limit", "2") == [p.title for p in edited_sample()[:2]]

    def test_changed_and_gone_since_a_scrape(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """--changed-since and --gone-since the second scrape's time: the
        post whose excerpt it rewrote and the post it no longer showed, as a
        diff of the two scrapes says; nothing a microsecond later. Each is
        one of the three --*-since options, which cannot be combined, and
        --gone-since with --present is a usage error."""
        second = bloglist.open_archive(archive_file, create=False).scrapes()[-1]
        since = second.seen_at.isoformat()
        later = (second.seen_at + datetime.timedelta(microseconds=1)).isoformat()

        def titles(*argv: str) -> list[str]:
            status, out, err = run(
                capsys, "archive", "show", str(archive_file), "--format", "json", *argv
            )
            assert (status, err) == (0, "")
            return [record["title"] for record in json.loads(out)]

        difference = bloglist.diff(SAMPLE, edited_sample())
        assert titles("--changed-since", since) == [
            change.new.title for change in difference.changed
        ]
        assert titles("--gone-since", since) == [p.title for p in difference.removed]
        assert titles("--gone-since", since) == [SAMPLE[-1].title]
        assert titles("--changed-since", later) == titles("--gone-since", later) == []
        assert titles("--gone-since", since, "--gone") == [SAMPLE[-1].title]
        db = str(archive_file)
        for argv in (
            ["--new-since", since, "--gone-since", since],
            ["--changed-since", since, "--new-since", since],
        ):
            with pytest.raises(SystemExit) as info:
                main(["archive", "show", db, *argv])
            assert info.value.code == 2
            assert "not allowed with argument" in capsys.readouterr().err
        status, out, err = run(
            capsys, "archive", "show", db, "--present", "--gone-since", since
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: --present and --gone-since: no post can be on the "
            "page and gone from it\n"
        )

    @pytest.mark.parametrize(
        ("argv", "chosen"),
        [(["--gone"], 1), (["--present"], None), (["--new-since", "2025-03-06"], 0)],
    )
    def test_a_page_past_the_end_counts_the_chosen_posts(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        argv: list[str],
        chosen: int | None,
    ) -> None:
        """--gone, --present and --new-since choose among the archive's
        posts as a filter does: a page past the end says its counts are of
        the posts chosen (one gone, the edited sample present, none new)."""
        present = len(edited_sample())
        count = present if chosen is None else chosen
        counted = {
            0: "with no posts, page 1 is the only page, empty",
            1: "1 post makes 1 page of 10",
            present: f"{present} posts make 2 pages of 10",
        }[count]
        status, out, err = run(
            capsys, "archive", "show", str(archive_file), "--page", "3", *argv
        )
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: argument --page: page 3 is out of range: {counted}"
            " (counting the posts the options select)\n"
        )
        # With none of them, of every post the archive holds.
        status, out, err = run(
            capsys, "archive", "show", str(archive_file), "--page", "3"
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: argument --page: page 3 is out of range: "
            f"{present + 1} posts make 2 pages of 10\n"
        )

    @pytest.mark.parametrize("form", ["json", "jsonl", "csv"])
    def test_machine_formats_carry_the_archives_fields(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path, form: str
    ) -> None:
        """After the schema's seven, each record or row holds the post's
        archive id and the times it was first and last seen and gone since
        (null, or an empty cell, while present), in UTC with a Z: the
        entries of the archive as the library reads them."""
        status, out, err = run(
            capsys, "archive", "show", str(archive_file), "--format", form
        )
        assert (status, err) == (0, "")
        archive = bloglist.open_archive(archive_file).load()
        entries = [archive.entry_of(post) for post in archive.listing]
        assert any(entry.gone_since for entry in entries)
        assert any(entry.gone_since is None for entry in entries)
        if form == "csv":
            rows = list(stdlib_csv.DictReader(io.StringIO(out, newline="")))
            records: list[dict[str, Any]] = [
                {**row, "gone_since": row["gone_since"] or None} for row in rows
            ]
            assert list(rows[0]) == [*SCHEMA_KEYS, *ARCHIVE_KEYS]
        else:
            read = bloglist.from_json if form == "json" else bloglist.from_jsonl
            back = read(out)
            # The posts as the plain readers see them, the four keys ignored.
            assert list(back) == list(archive.listing)
            assert [d.message.split("'")[1] for d in back.diagnostics] == ARCHIVE_KEYS
            records = (
                json.loads(out)
                if form == "json"
                else [json.loads(line) for line in out.splitlines()]
            )
            assert all(list(r) == [*SCHEMA_KEYS, *ARCHIVE_KEYS] for r in records)

        def moment(text: str | None) -> datetime.datetime | None:
            if text is None:
                return None
            assert text.endswith("Z")
            return datetime.datetime.fromisoformat(text)

        assert [
            (
                r["id"],
                moment(r["first_seen"]),
                moment(r["last_seen"]),
                moment(r["gone_since"]),
            )
            for r in records
        ] == [(e.id, e.first_seen, e.last_seen, e.gone_since) for e in entries]

    def test_other_formats(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """The listing format writes the latest versions as a listing."""
        status, out, _ = run(
            capsys, "archive", "show", str(archive_file), "--format", "listing"
        )
        archive = bloglist.open_archive(archive_file).load()
        assert status == 0 and bloglist.loads(out) == archive.listing

    def test_posts_a_format_cannot_carry_are_status_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An archived post with no excerpt has no listing form: status 1, one line."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(
            bloglist.Listing([bloglist.Post(title="T")]), seen_at=DAY
        )
        status, out, err = run(
            capsys, "archive", "show", str(db), "--format", "listing"
        )
        assert (status, out) == (1, "") and "excerpt is empty" in err

    def test_tags_read_with_known_names_are_written_back_with_them(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Scrapes added with --known-tag GenAI hold the tag 'GenAI', which the
        case rule would read back as 'Gen', 'AI...': archive show --format
        listing takes --known-tag as add does, and says so when it is missing."""
        text = "Feb 11, 2025\n\nHow We Test\n\nx\nGenAITesting\n"
        scrape = tmp_path / "g.txt"
        scrape.write_text(text, encoding="utf-8")
        db = str(tmp_path / "blog.db")
        argv = ["archive", "add", db, str(scrape), "--seen-at", "2025-03-01"]
        assert run(capsys, *argv, "--known-tag", "GenAI")[0] == 0
        status, out, err = run(capsys, "archive", "show", db, "--format", "listing")
        assert (status, out) == (1, "")
        assert err.rstrip().endswith(
            "pass 'GenAI' with --known-tag: a name the case rule cannot split"
        )
        status, out, err = run(
            capsys, "archive", "show", db, "--format", "listing", "--known-tag", "GenAI"
        )
        assert (status, out, err) == (0, text, "")
        assert bloglist.loads(out, known_tags=["GenAI"])[0].tags == ("GenAI", "Testing")

    def test_a_known_name_read_across_tags_is_named_to_leave_out(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Tags 'i' and 'OS', added without known names, read back as 'iOS'
        with --known-tag iOS: the message says to leave it out, in the
        command's words, and without it the listing is written."""
        text = "\nT\n\nE\niOS\n"
        scrape = tmp_path / "i.txt"
        scrape.write_text(text, encoding="utf-8")
        db = str(tmp_path / "blog.db")
        assert (
            run(capsys, "archive", "add", db, str(scrape), "--seen-at", "2025-03-01")[0]
            == 0
        )
        argv = ["archive", "show", db, "--format", "listing"]
        status, out, err = run(capsys, *argv, "--known-tag", "iOS")
        assert (status, out) == (1, "")
        assert err.rstrip().endswith(
            "tags ('i', 'OS') would read back as ('iOS',); leave 'iOS' out of --known-tag"
        )
        assert run(capsys, *argv) == (0, text, "")

    def test_a_tag_holding_the_csv_separator_takes_another_as_in_show(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A tag such as 'Ops|dev': the CSV error tells to choose another
        separator with --tag-separator, which archive show takes as show does,
        giving the same CSV as show for the same posts, and the archive's
        columns after."""
        posts = bloglist.Listing(
            [bloglist.Post(title="T", excerpt="E", tags=["Ops|dev", "Rust"])]
        )
        listing = write(tmp_path / "posts.txt", posts)
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(posts, seen_at=DAY)
        status, out, err = run(capsys, "archive", "show", str(db), "--format", "csv")
        # The post named by its archive id, not by its place in the output.
        (entry,) = bloglist.open_archive(db).load().entries
        assert status == 1
        assert err.startswith(
            f"bloglist: error: {db}: post 'T' ({entry.id}): tags ('Ops|dev', 'Rust')"
        )
        assert "--tag-separator" in err
        csv = ["--format", "csv", "--tag-separator", ";"]
        status, out, err = run(capsys, "archive", "show", str(db), *csv)
        assert (status, err) == (0, "")
        status, plain, _ = run(capsys, "show", str(listing), *csv)
        assert status == 0
        assert [
            row[:7] for row in stdlib_csv.reader(io.StringIO(out, newline=""))
        ] == list(stdlib_csv.reader(io.StringIO(plain, newline="")))
        assert f'"Ops|dev;Rust","false","{entry.id}",' in out.splitlines()[1]
        with pytest.raises(SystemExit) as info:
            main(["archive", "show", str(db), "--tag-separator", ""])
        assert info.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            "bloglist archive show: error: argument --tag-separator: must not be empty"
        )

    def test_a_post_csv_cannot_carry_comes_after_the_rows_before_it(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The rows of the posts before it are written, then the error, which
        names the archive as the terminal may show it (a control character
        escaped) and the post by its title and id."""
        db = tmp_path / "blog\x1b.db"
        posts = [bloglist.Post(title="A"), bloglist.Post(title="B", tags=["x|y"])]
        bloglist.open_archive(db).add(posts, seen_at=DAY)
        status, out, err = run(capsys, "archive", "show", str(db), "--format", "csv")
        assert status == 1
        first, entry = bloglist.open_archive(db).load().entries
        assert out.splitlines() == [
            '"title","date","excerpt","summary","truncated","tags","sticky",'
            '"id","first_seen","last_seen","gone_since"',
            f'"A",,"","","false","","false","{first.id}",'
            '"2025-03-05T08:00:00Z","2025-03-05T08:00:00Z",',
        ]
        assert err.startswith(
            f"bloglist: error: {tmp_path}{os.sep}blog\\x1b.db: post 'B' ({entry.id}):"
        )

    def test_a_file_that_is_no_archive_is_status_2(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """show refuses a listing file, and does not create a missing archive."""
        old, _ = scrapes
        for path, message in [
            (old, "not an SQLite database"),
            (tmp_path / "no.db", "no such"),
        ]:
            status, out, err = run(capsys, "archive", "show", str(path))
            assert (status, out) == (2, "") and message in err
        assert not (tmp_path / "no.db").exists()

    def test_a_page_past_the_end_is_status_2(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """Paging options fail as in show."""
        status, _, err = run(
            capsys, "archive", "show", str(archive_file), "--page", "99"
        )
        assert status == 2 and "page" in err

    def test_an_undated_posts_date_is_a_dash(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        db = archived(
            tmp_path / "blog.db",
            [bloglist.Post(title="Undated", excerpt="e"),
             bloglist.Post(title="Dated", date=datetime.date(2025, 3, 1), excerpt="e")],
        )  # fmt: skip
        status, out, _ = run(capsys, "archive", "show", str(db))
        assert status == 0
        header, *rows = out.splitlines()
        at = header.index("DATE")
        dates = {row.split()[-2]: row[at:].split(" ", 1)[0] for row in rows}
        assert dates == {"Undated": "-", "Dated": "2025-03-01"}

    def test_the_columns_fit_a_long_title_past_the_hundredth_row(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The table's widths are those of every row of an archive read
        whole, not of its first hundred: the IDs stay in one column."""
        posts = [bloglist.Post(title=f"Post {i}", excerpt="e") for i in range(120)]
        posts[119] = bloglist.Post(
            title="A title much longer than any other: " * 2, excerpt="e"
        )
        db = archived(tmp_path / "blog.db", posts)
        status, out, _ = run(capsys, "archive", "show", str(db))
        assert status == 0
        header, *rows = out.splitlines()
        assert len(rows) == 120
        column = header.index("ID")
        assert {row.index("urn:uuid:") for row in rows} == {column}

    def test_a_page_holds_ten_posts_by_default(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--page without --page-size: ten posts, in show and in feed."""
        db = archived(tmp_path / "blog.db", SAMPLE)
        for page, count in ((1, 10), (2, len(SAMPLE) - 10)):
            status, out, _ = run(
                capsys,
                "archive",
                "show",
                str(db),
                "--page",
                str(page),
                "--format",
                "jsonl",
            )
            assert status == 0
            assert len(out.splitlines()) == count
        status, out, _ = run(capsys, "archive", "feed", str(db), "--page", "1")
        assert status == 0
        assert len(ET.fromstring(out).findall(f"{ATOM}entry")) == 10


# Two scrapes a day apart, as listings, and two of their posts alone.
FIRST = "Mar 1, 2025\n\nAlpha\n\nx\nFeb 28, 2025\n\nBravo\n\nx\n"
SECOND = "Mar 2, 2025\n\nCharlie\n\nx\nMar 1, 2025\n\nAlpha\n\nx\n"
ALPHA = "Mar 1, 2025\n\nAlpha\n\nx\n"
CHARLIE = "Mar 2, 2025\n\nCharlie\n\nx\n"


@pytest.fixture
def two_scrapes_archive(tmp_path: Path) -> Path:
    """An archive of two scrapes a day apart: Alpha and Bravo, then Charlie
    and Alpha (Bravo gone, Charlie new at the second)."""
    first, second = tmp_path / "s1.txt", tmp_path / "s2.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    db = tmp_path / "blog.db"
    status, out, _ = status_of(
        "archive",
        "add",
        "-q",
        str(db),
        str(first),
        "--seen-at",
        "2025-03-01T06:00Z",
        str(second),
        "--seen-at",
        "2025-03-02T06:00Z",
    )
    assert (status, out) == (0, "")
    return db


class TestPresentWithTheOtherOptions:
    def test_present_and_new_since_both_choose(self, two_scrapes_archive: Path) -> None:
        """The options of ``archive show`` choose together (docs/history.md):
        with ``--present``, ``--new-since`` still counts, so the posts still
        on the page first seen since the second scrape are Charlie alone,
        not Alpha too."""
        status, out, err = status_of(
            "archive",
            "show",
            str(two_scrapes_archive),
            "--present",
            "--new-since",
            "2025-03-02T06:00Z",
            "--format",
            "listing",
        )
        assert (status, out, err) == (0, CHARLIE, "")

    def test_present_takes_the_order_options(self, two_scrapes_archive: Path) -> None:
        """``archive show`` takes the order options of ``bloglist show``
        (docs/history.md), with ``--present`` too: ``--present --sort
        date:asc`` writes Alpha (Mar 1) before Charlie (Mar 2), not the
        archive's order."""
        status, out, err = status_of(
            "archive",
            "show",
            str(two_scrapes_archive),
            "--present",
            "--sort",
            "date:asc",
            "--format",
            "listing",
        )
        assert (status, out, err) == (0, ALPHA + CHARLIE, "")

    def test_gone_and_present_together_are_a_usage_error(
        self, two_scrapes_archive: Path
    ) -> None:
        """``--gone`` and ``--present`` are one or the other, and together a
        usage error (docs/history.md), with status 2 and argparse's error,
        nothing written: neither silently wins."""
        status, out, err = status_of(
            "archive", "show", str(two_scrapes_archive), "--gone", "--present"
        )
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            "bloglist archive show: error: argument --present: not allowed "
            "with argument --gone"
        )


SEEN = datetime.datetime(2025, 3, 26, 6, tzinfo=datetime.UTC)


def _archive(path: Path, posts: list[Post]) -> str:
    """An archive at *path* of one scrape of *posts*, seen at SEEN: its name."""
    open_archive(path).add(posts, seen_at=SEEN)
    return str(path)


@pytest.fixture
def tagged(tmp_path: Path) -> str:
    """An archive whose newest post is untagged, and the one after it tagged."""
    return _archive(
        tmp_path / "blog.db",
        [
            Post(title="Untagged", date=datetime.date(2025, 3, 5), excerpt="x"),
            Post(
                title="Tagged",
                date=datetime.date(2025, 3, 4),
                excerpt="y",
                tags=["News"],
            ),
        ],
    )


def test_archive_show_filters_before_its_limit(tagged: str) -> None:
    status, out, err = status_of(
        "archive", "show", tagged, "--tag", "News", "--limit", "1", "--format", "jsonl"
    )
    assert (status, err) == (0, "")
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Tagged"]


@pytest.mark.parametrize("form", ["json", "jsonl", "csv"])
def test_archive_show_writes_every_post_past_a_batch(tmp_path: Path, form: str) -> None:
    """The machine formats are written a batch of posts at a time: none is
    left out at a batch's edge."""
    count = BATCH + 2
    db = _archive(
        tmp_path / "blog.db",
        [Post(title=f"Post {i}", excerpt="x") for i in range(count)],
    )
    status, out, err = status_of("archive", "show", db, "--format", form)
    assert (status, err) == (0, "")
    if form == "json":
        titles = [record["title"] for record in json.loads(out)]
    elif form == "jsonl":
        titles = [json.loads(line)["title"] for line in out.splitlines()]
    else:
        rows = list(stdlib_csv.DictReader(io.StringIO(out)))
        titles = [row["title"] for row in rows]
    assert sorted(titles) == sorted(f"Post {i}" for i in range(count))


def test_archive_show_escapes_a_titles_control_characters(tmp_path: Path) -> None:
    """The table escapes what a terminal would act on, as show's does: an
    escape sequence, a bidi override."""
    db = _archive(
        tmp_path / "blog.db", [Post(title="A \u202e title\x1b[31m", excerpt="x")]
    )
    status, out, err = status_of("archive", "show", db)
    assert (status, err) == (0, "")
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "A \\u202e title\\x1b[31m" in out


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights")
def test_a_link_to_nothing_given_by_absolute_path_is_named_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive given by an absolute path: its link's target is said as
    an absolute path too, not from the working directory."""
    link = tmp_path / "link.db"
    os.symlink(tmp_path / "missing" / "x.db", link)
    monkeypatch.chdir(tmp_path)
    status, out, err = status_of("archive", "show", str(link))
    assert (status, out) == (2, "")
    assert err == (
        f"bloglist: error: cannot open {link}: its directory "
        f"{tmp_path / 'missing'} does not exist (it is a link to "
        f"{tmp_path / 'missing' / 'x.db'})\n"
    )


class TestArchiveFeed:
    def test_entry_ids_are_archive_ids(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """The feed's entry ids are those of the archive: the first version's post_id."""
        status, out, _ = run(
            capsys, "archive", "feed", str(archive_file), "--feed-title", "Lumen"
        )
        feed = _feedparser().parse(out)
        archive = bloglist.open_archive(archive_file).load()
        assert status == 0 and not feed.bozo and feed.feed.title == "Lumen"
        assert {e.id for e in feed.entries} == {entry.id for entry in archive.entries}

    @pytest.mark.big
    def test_the_feed_takes_no_more_memory_than_jsonl(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The feed holds the archive, as `archive show` does, but not its own
        text: each entry is written as it is made. (Held whole, the feed took
        three to four times the memory of `archive show --format jsonl`.)"""
        db = tmp_path / "blog.db"
        posts = [
            bloglist.Post(
                title=f"Post {i} \N{MEMO}",
                date=datetime.date(2024, 3, 1 + i % 28),
                excerpt="Words of the excerpt. " * 20,
                tags=("Data", "Go"),
            )
            for i in range(3_000)
        ]
        bloglist.open_archive(db).add(posts, seen_at=DAY)

        def peak_of(*argv: str) -> int:
            tracemalloc.start()
            try:
                # The output goes nowhere, as to a file: none of it is held.
                with open(os.devnull, "w", encoding="utf-8") as nowhere:
                    monkeypatch.setattr(sys, "stdout", nowhere)
                    assert main(["archive", *argv]) == 0
                    monkeypatch.undo()
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            return peak

        jsonl = peak_of("show", str(db), "--format", "jsonl")
        assert peak_of("feed", str(db)) < 1.2 * jsonl

    def test_a_page_past_the_end_is_status_2(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """The feed takes the paging options of show."""
        status, out, err = run(
            capsys, "archive", "feed", str(archive_file), "--page", "99"
        )
        assert (status, out) == (2, "") and "page" in err

    @pytest.mark.parametrize(
        ("options", "given"),
        [
            (["--sort", "date:asc"], "--sort"),
            (["--sort", "date", "--undated", "first"], "--sort"),
            (["--sort", "title"], "--sort"),
            (["--sticky-first"], "--sticky-first"),
        ],
    )
    def test_an_order_that_would_do_nothing_is_refused(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        options: list[str],
        given: str,
    ) -> None:
        """The entries are newest first by date whatever the order options,
        which only choose the posts --limit and --page keep: without either,
        they would do nothing, and are refused rather than ignored."""
        status, out, err = run(capsys, "archive", "feed", str(archive_file), *options)
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: {given} needs --limit or --page: a feed's entries "
            "are newest first by date whatever the order options, which only "
            "choose the posts --limit and --page keep\n"
        )

    def test_the_help_says_what_the_order_options_do_in_a_feed(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """archive feed --help says what the command does with --sort and
        --sticky-first (choose the page; the entries stay newest first), not
        show's "Default: the listing's own order"."""
        with pytest.raises(SystemExit):
            main(["archive", "feed", "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert "listing's own order" not in help_text
        assert (
            "--sort KEY[:DIR] choose the posts --limit or --page keep by date"
            in help_text
        )
        assert "The entries are newest first whatever it says" in help_text
        assert (
            "--sticky-first keep sticky posts first when choosing with --limit or "
            "--page" in help_text
        )

    def test_the_order_chooses_the_posts_limit_keeps(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """With --limit, --sort date:asc keeps the oldest posts, and the feed
        still lists them newest first."""
        archive = bloglist.open_archive(archive_file).load()
        oldest = archive.listing.sort_by("date").first(3)
        status, out, _ = run(
            capsys,
            "archive",
            "feed",
            str(archive_file),
            "--sort",
            "date:asc",
            "--limit",
            "3",
        )
        assert status == 0
        ids = re.findall(r"<entry>\s*<id>([^<]*)</id>", out)
        assert ids == [archive.id_of(post) for post in oldest.sort_by("-date")]

    def test_a_bad_feed_id_is_status_2(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """Feed options are checked as in show."""
        with pytest.raises(SystemExit) as info:
            main(["archive", "feed", str(archive_file), "--feed-id", "not an iri"])
        assert info.value.code == 2

    def test_a_sort_with_a_page_needs_no_limit(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--sort chooses the posts of --page as well as of --limit: with
        --page alone the feed is that page of the sorted posts."""
        db = archived(tmp_path / "blog.db", SAMPLE)
        status, out, err = run(
            capsys, "archive", "feed", str(db), "--sort", "title", "--page", "2"
        )
        assert (status, err) == (0, "")
        titles = {
            entry.findtext(f"{ATOM}title")
            for entry in ET.fromstring(out).findall(f"{ATOM}entry")
        }
        assert titles == {post.title for post in SAMPLE.sort_by("title")[10:]}


class TestArchiveFeedCommand:
    def test_the_feed_is_updated_at_the_archives_last_scrape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """archive feed writes the feed's updated as Archive.to_atom does:
        the time of the last scrape, not the Unix epoch, so a reader sees
        the feed change when a scrape is added."""
        db = tmp_path / "blog.db"
        archive = bloglist.open_archive(db)
        archive.add([Post(title="Hi", excerpt="e")], seen_at=T1)
        archive.add([Post(title="Hi", excerpt="e")], seen_at=T2)
        status, out, err = run(capsys, "archive", "feed", str(db))
        assert (status, err) == (0, "")
        head = out[: out.index("<entry>")]
        assert "<updated>2025-03-06T08:00:00Z</updated>" in head
        assert "1970-01-01" not in out


def test_archive_feed_filters_before_its_limit(tagged: str) -> None:
    status, out, err = status_of(
        "archive", "feed", tagged, "--tag", "News", "--limit", "1"
    )
    assert (status, err) == (0, "")
    assert out.count("<entry>") == 1
    assert "Tagged</title>" in out
    assert "Untagged" not in out


def test_archive_feed_names_sort_first_without_a_limit(tagged: str) -> None:
    status, out, err = status_of(
        "archive", "feed", tagged, "--sort", "date", "--sticky-first"
    )
    assert (status, out) == (2, "")
    assert err.startswith("bloglist: error: --sort needs --limit or --page")


# Used the way people use a command in a shell ----------------------------------


def numbered(n: int) -> bloglist.Listing:
    return bloglist.Listing(
        bloglist.Post(title=f"Post number {i}", excerpt="x" * 100) for i in range(n)
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A listing of 3,000 posts and an archive of it: output far beyond a pipe's buffer."""
    folder = tmp_path_factory.mktemp("big")
    listing = write(folder / "big.txt", numbered(3000))
    db = folder / "big.db"
    bloglist.open_archive(db).add(numbered(3000), seen_at=DAY)
    return listing, db


def first_line_then_close(argv: list[str]) -> tuple[int, bytes, bytes]:
    """Run the command, read one line of its output and close the pipe, as
    `| head -n 1` does: the status, the line, and standard error."""
    child = subprocess.Popen(
        [*COMMAND, *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    return child.wait(timeout=60), line, err


class TestShell:
    @POSIX
    @pytest.mark.parametrize(
        "argv",
        [
            ["diff", "{big}", "/dev/null"],
            ["diff", "{big}", "/dev/null", "--format", "json"],
            ["archive", "show", "{db}"],
            ["archive", "show", "{db}", "--format", "json"],
            ["archive", "show", "{db}", "--format", "jsonl"],
            ["archive", "show", "{db}", "--format", "csv"],
            ["archive", "show", "{db}", "--format", "listing"],
            ["archive", "feed", "{db}"],
        ],
    )
    def test_a_reader_that_goes_away_ends_the_command_quietly(
        self, big: tuple[Path, Path], argv: list[str]
    ) -> None:
        """`bloglist diff a b | head -n 1`: status 141 as for show, never 0 or 1
        as if the whole output had been written, and nothing on stderr."""
        listing, db = big
        argv = [arg.format(big=listing, db=db) for arg in argv]
        status, line, err = first_line_then_close(argv)
        assert (status, err) == (141, b""), argv
        assert line.endswith(b"\n")

    @POSIX
    @pytest.mark.parametrize("unbuffered", [False, True])
    def test_standard_error_that_fails_leaves_the_status(
        self, tmp_path: Path, unbuffered: bool
    ) -> None:
        """`2>/dev/full`: nothing can be told, but the status still says it,
        and a scrape added is not reported as a failure (with Python's
        buffers or without: PYTHONUNBUFFERED unset or set)."""
        if not os.path.exists("/dev/full"):  # pragma: no cover - Linux has it
            pytest.skip("no /dev/full")
        sample = write(tmp_path / "s.txt", SAMPLE)
        db = tmp_path / "blog.db"

        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        if unbuffered:
            env["PYTHONUNBUFFERED"] = "1"

        def status(*argv: str) -> int:
            with open("/dev/full", "wb") as full:
                return subprocess.run(
                    [*COMMAND, *argv],
                    stdout=subprocess.DEVNULL,
                    stderr=full,
                    check=False,
                    timeout=60,
                    env=env,
                ).returncode

        assert status("diff", str(sample), str(tmp_path / "missing.txt")) == 2
        assert status("archive", "add", str(db), str(sample)) == 0
        assert bloglist.open_archive(db).load().listing == SAMPLE

    def test_closed_standard_input_is_one_line(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """`bloglist diff - new.txt <&-`: status 2 and a line that says so."""
        old, _ = scrapes
        monkeypatch.setattr(sys, "stdin", None)
        message = "bloglist: error: cannot read standard input: it is closed\n"
        assert run(capsys, "diff", "-", str(old)) == (2, "", message)
        db = tmp_path / "blog.db"
        argv = ["archive", "add", str(db), "-", "--seen-at", "2025-01-01"]
        assert run(capsys, *argv) == (2, "", message)
        assert not db.exists()

    @POSIX
    @pytest.mark.parametrize(
        ("argv", "status"),
        [(["diff", "/dev/zero", "{sample}"], 2), (["archive", "add", "{db}"], 1)],
    )
    def test_endless_input_hits_the_line_limit(
        self, tmp_path: Path, argv: list[str], status: int
    ) -> None:
        """`bloglist diff /dev/zero x` stops at --max-line-length instead of
        filling memory; so does `archive add A.db /dev/zero`."""
        if not os.path.exists("/dev/zero"):  # pragma: no cover - POSIX has it
            pytest.skip("no /dev/zero")
        sample = write(tmp_path / "s.txt", SAMPLE)
        db = tmp_path / "blog.db"
        argv = [arg.format(sample=sample, db=db) for arg in argv]
        if argv[0] == "archive":
            argv += ["/dev/zero", "--seen-at", "2025-01-01"]
        done = subprocess.run(
            [*COMMAND, *argv, "--max-line-length", "100000"],
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert (done.returncode, done.stdout) == (status, b"")
        assert done.stderr.startswith(
            b"/dev/zero:1:1: line-too-long line is longer "
            b"than 100000 bytes; see --max-line-length\n"
        )
        assert not db.exists()

    def test_the_line_limit_finds_a_long_line_anywhere(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A long line between short ones, and a listing within the limit."""
        long = tmp_path / "long.txt"
        long.write_bytes(b"\nTitle\n\n" + b"x" * 50 + b"\nTags\n")
        sample = write(tmp_path / "s.txt", SAMPLE)
        status, _, err = run(
            capsys, "diff", str(long), str(sample), "--max-line-length", "20"
        )
        assert status == 2 and f"{long}:4:1: line-too-long" in err
        status, out, _ = run(
            capsys, "diff", str(sample), str(sample), "--max-line-length", "200"
        )
        assert status == 0 and out.startswith("0 added")

    @pytest.mark.parametrize(
        ("data", "options"),
        [
            # bytes that are not UTF-8 on line 4, a line too long on line 6
            (b"\nT\n\nCaf\xe9\nTag\n" + b"x" * 50 + b"\n", ["--max-line-length", "20"]),
            # the other way round
            (b"\nT\n\n" + b"x" * 50 + b"\nTag\nCaf\xe9\n", ["--max-line-length", "20"]),
            # the same in UTF-16, where the bad bytes are an unpaired surrogate
            (
                "\ufeff\nT\n\nCaf\ud800\nTag\n".encode("utf-16-le", "surrogatepass")
                + ("x" * 30 + "\n").encode("utf-16-le"),
                ["--max-line-length", "20"],
            ),
            # an error on line 6, which --strict stops at, bytes not UTF-8 on line 8
            (b"\nT\n\nE\nTag\nJunk\n\nCaf\xe9\n", ["--strict"]),
        ],
        ids=["utf8-then-long", "long-then-utf8", "utf16-then-long", "strict-then-utf8"],
    )
    def test_the_first_problem_in_a_file_is_the_one_check_reports(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        data: bytes,
        options: list[str],
    ) -> None:
        """diff and archive add stop at the first problem in the file, with the
        message and position check gives it, whether it is a line too long,
        bytes that are not text or (with --strict) an error in the listing:
        they read the file as check does, a piece at a time, each decoded
        and parsed before the next is read."""
        path = tmp_path / "bad.txt"
        path.write_bytes(data)
        ok = tmp_path / "ok.txt"
        ok.write_bytes(b"\nT\n\nE\n")
        status, out, _ = run(capsys, "check", str(path), *options)
        assert status == 1
        # The line check prints, as show prints it: FILE:LINE:COL: code
        # message at the start of the line, for editors and CI annotations.
        first = f"{out.splitlines()[0]}\n"
        # Then what was not done, at the line where reading stopped.
        line = first.split(":")[1]
        stopped = f"bloglist: error: reading {path} stopped at line {line}; nothing was"
        assert run(capsys, "diff", str(ok), str(path), *options) == (
            2,
            "",
            f"{first}{stopped} compared\n",
        )
        db = tmp_path / "blog.db"
        argv = ["archive", "add", str(db), str(path), "--seen-at", "2025-01-01"]
        assert run(capsys, *argv, *options) == (1, "", f"{first}{stopped} added\n")
        assert not db.exists()

    @pytest.mark.parametrize(
        ("option", "message"),
        [
            (["--known-tag", " "], "argument --known-tag: ' ' is blank"),
            (
                ["--seen-at", "9999-12-31T23:59:59-12:00"],
                "argument --seen-at: '9999-12-31T23:59:59-12:00' is outside the "
                "years 1 to 9999 in UTC",
            ),
            (
                ["--max-line-length", "0"],
                "argument --max-line-length: 0 is less than 1",
            ),
            (
                ["--max-diagnostics", "many"],
                "argument --max-diagnostics: 'many' is neither a whole number nor 'all'",
            ),
            (  # 'all' is a word of the command's, spelt as its help spells it
                ["--max-diagnostics", "ALL"],
                "argument --max-diagnostics: 'ALL' is neither a whole number nor 'all'",
            ),
        ],
    )
    def test_bad_option_values_are_usage_errors(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
        option: list[str],
        message: str,
    ) -> None:
        """Each bad value is status 2 naming the option, never a traceback."""
        db = tmp_path / "blog.db"
        with pytest.raises(SystemExit) as info:
            main(["archive", "add", str(db), str(scrapes[0]), *option])
        err = capsys.readouterr().err
        assert info.value.code == 2 and message in err, err
        assert not db.exists()

    @pytest.mark.parametrize("action", ["add", "show", "feed"])
    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("-", "argument ARCHIVE: an archive is an SQLite file"),
            ("", "argument ARCHIVE: '' names no file: give the archive's path"),
            (":memory:", "argument ARCHIVE: ':memory:' is SQLite's database that"),
        ],
    )
    def test_a_name_that_is_no_file_is_a_usage_error(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        scrapes: tuple[Path, Path],
        tmp_path: Path,
        action: str,
        name: str,
        message: str,
    ) -> None:
        """`bloglist archive add - new.txt` (the archive forgotten, or the
        arguments swapped), `"$UNSET"` or ':memory:': status 2 and a line
        naming the argument; no file is made (not one called '-'), and no
        traceback from open_archive."""
        monkeypatch.chdir(tmp_path)
        before = sorted(tmp_path.iterdir())
        files = [str(scrapes[0]), "--seen-at", "2025-01-01"] if action == "add" else []
        with pytest.raises(SystemExit) as info:
            main(["archive", action, name, *files])
        err = capsys.readouterr().err
        assert info.value.code == 2
        # The usage, then the one line of the error, last.
        assert err.splitlines()[-1].startswith(
            f"bloglist archive {action}: error: {message}"
        )
        assert sorted(tmp_path.iterdir()) == before

    def test_a_time_far_in_the_future_is_refused(
        self,
        capsys: pytest.CaptureFixture[str],
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """A scrape cannot be taken in the future: a typo such as 2052 for 2025,
        or a file from a machine whose clock is wrong, would make every later
        scrape 'earlier than the last one'. Nothing is added, status 2."""
        old, new = scrapes
        db = tmp_path / "blog.db"
        soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=12)
        later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
        status, _, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(old),
            str(new),
            "--seen-at",
            "2025-01-01",
            "--seen-at",
            later.isoformat(),
        )
        assert status == 2 and not db.exists()
        assert err == (
            f"bloglist: error: --seen-at {later.isoformat()} for {new} is in the "
            "future; a scrape is taken at or before the time it is added\n"
        )
        os.utime(new, (later.timestamp(), later.timestamp()))
        status, _, err = run(capsys, "archive", "add", str(db), str(new))
        assert status == 2 and not db.exists()
        assert err.startswith(f"bloglist: error: {new} was modified in the future (")
        assert err.endswith("); check the clock, or give --seen-at\n")
        # A clock a few hours ahead, or a local time taken as UTC, is let be.
        status, _, _ = run(
            capsys, "archive", "add", str(db), str(old), "--seen-at", soon.isoformat()
        )
        assert status == 0

    def test_a_modification_time_out_of_range_is_one_line(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        scrapes: tuple[Path, Path],
        tmp_path: Path,
    ) -> None:
        """A file system that gives a time past the year 9999: status 2, no traceback."""
        old, _ = scrapes
        real = os.stat

        class Far:
            st_mode = os.stat(old).st_mode
            st_mtime_ns = 10**27

        def stat(path: object, *args: Any, **kwargs: Any) -> Any:
            return Far() if path == str(old) else real(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "stat", stat)
        status, _, err = run(capsys, "archive", "add", str(tmp_path / "b.db"), str(old))
        assert status == 2
        assert err.startswith(
            f"bloglist: error: cannot read the modification time of {old}: "
        )
        # One line, which says what to do.
        assert err.endswith("; give --seen-at\n")
        assert err.count("\n") == 1

    @pytest.mark.parametrize(
        ("nanoseconds", "seen"),
        [
            (123_456_789, "2025-03-09T06:00:00.123456+00:00"),
            (999_999_600, "2025-03-09T06:00:00.999999+00:00"),
        ],
    )
    def test_a_file_s_time_is_the_microsecond_it_falls_in(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        nanoseconds: int,
        seen: str,
    ) -> None:
        """A modification time in nanoseconds is cut to the microsecond, as
        --seen-at's digits past the sixth are (a review found it rounded, so
        that the same instant added again by --seen-at was refused as
        earlier than itself)."""
        listing = tmp_path / "f.txt"
        write(listing, SAMPLE)
        at = datetime.datetime(2025, 3, 9, 6, tzinfo=datetime.UTC)
        stamp = int(at.timestamp()) * 10**9 + nanoseconds
        os.utime(listing, ns=(stamp, stamp))
        db = tmp_path / "r.db"
        status, _, err = run(capsys, "archive", "add", str(db), str(listing))
        assert status == 0
        assert err.endswith(f"seen at {seen}\n")
        assert bloglist.open_archive(db).scrapes()[-1].seen_at.isoformat() == seen
        again = f"2025-03-09T06:00:00.{nanoseconds:09d}Z"
        status, _, err = run(
            capsys, "archive", "add", str(db), str(listing), "--seen-at", again
        )
        assert status == 0
        assert "last scrape again" in err

    def test_an_earlier_time_names_the_archive(
        self,
        capsys: pytest.CaptureFixture[str],
        archive_file: Path,
        scrapes: tuple[Path, Path],
    ) -> None:
        """The time check says which archive refuses which file."""
        old, _ = scrapes
        status, _, err = run(capsys, "archive", "add", str(archive_file), str(old))
        assert status == 2
        assert err.startswith(
            f"bloglist: error: cannot add {old} to {archive_file}: "
            "its modification time, "
        )

    def test_file_names_in_archive_errors_are_escaped(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An archive named with a line break and an escape sequence cannot
        forge an error line nor colour the terminal."""
        name = str(tmp_path / "evil\nbloglist: error: fake\x1b[31m")
        os.mkdir(name)
        for argv in (["show", name], ["show", name + ".missing"], ["feed", name]):
            status, out, err = run(capsys, "archive", *argv)
            assert (status, out) == (2, "")
            assert err.count("\n") == 1 and "\x1b" not in err, err
            assert "evil\\nbloglist: error: fake\\x1b[31m" in err

    def test_diff_escapes_control_characters_in_titles(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A title holding an escape sequence is shown escaped, as show does."""
        path = tmp_path / "esc.txt"
        path.write_bytes(b"\nRed \x1b[31mtitle\x1b[0m here\n\nExcerpt\nTag\n")
        status, out, _ = run(capsys, "diff", os.devnull, str(path))
        assert status == 1
        assert out == (
            "+ undated       Red \\x1b[31mtitle\\x1b[0m here\n"
            "1 added, 0 removed, 0 changed, 0 unchanged\n"
        )
        status, out, _ = run(capsys, "diff", os.devnull, str(path), "--format", "json")
        assert json.loads(out)["added"][0]["title"] == "Red \x1b[31mtitle\x1b[0m here"


class TestLineLimit:
    """common.LineLimit, which diff and archive add read through."""

    @pytest.mark.parametrize(
        ("data", "limit", "lineno"),
        [
            (b"x" * 100, 20, 1),  # no line break at all
            (b"a\n" + b"x" * 70_000 + b"\nb\n", 65_000, 2),  # across two reads
            (b"a\r\nb\rc\n" + b"x" * 30 + b"\n", 20, 4),  # every kind of break
            # UTF-16: 15 characters are 30 bytes, between two breaks of one read
            (("\ufeffa\n" + "x" * 15 + "\nb\n").encode("utf-16-le"), 20, 2),
            (("\ufeffa\n" + "x" * 15 + "\nb\n").encode("utf-16-be"), 20, 2),
            # UTF-16: the first line, its mark and 15 characters, 32 bytes
            (("\ufeff" + "x" * 15 + "\nb\n").encode("utf-16-le"), 20, 1),
        ],
    )
    def test_a_long_line_is_found_at_its_line(
        self, data: bytes, limit: int, lineno: int
    ) -> None:
        """The error names the long line, wherever the reads cut the file."""
        reader = common.LineLimit(io.BytesIO(data), limit)
        with pytest.raises(LineUnknown):
            reader.read()  # its reader counts the lines: iterload's
        assert _too_long_at(common.LineLimit(io.BytesIO(data), limit)) == lineno

    def test_lines_within_the_limit_read_whole(self) -> None:
        """read() gives every byte; read(size) reads as the file does, and
        read(0) nothing."""
        data = b"a\r\nbb\rccc\n" * 30_000
        assert common.LineLimit(io.BytesIO(data), 3).read() == data
        assert common.LineLimit(io.BytesIO(data), 3).read(4) == data[:4]
        reader = common.LineLimit(io.BytesIO(data), 3)
        assert (reader.read(0), reader.read(4)) == (b"", data[:4])

    def test_utf16_reads_end_at_the_break_before_a_long_line_seen(self) -> None:
        """UTF-16 is measured in bytes, two a character: a read of 45 bytes,
        after one of 5 that ends inside a character, sees the whole long
        line, and gives the bytes up to the line break before it; the next
        read raises."""
        data = ("\ufeffa\n" + "x" * 15 + "\nb\n").encode("utf-16-le")
        reader = common.LineLimit(io.BytesIO(data), 20)
        assert reader.read(5) + reader.read(45) == "\ufeffa\n".encode("utf-16-le")
        with pytest.raises(LineUnknown):
            reader.read(45)

    def test_utf16_long_line_across_reads_of_ten_bytes(self) -> None:
        """The long line starts in the first read of 10 bytes and ends past
        the second: its bytes are counted two a character across reads."""
        data = ("\ufeffa\n" + "x" * 11 + "\n").encode("utf-16-le")

        class Reads(io.BytesIO):
            def read1(self, _: int | None = -1, /) -> bytes:
                return super().read1(10)

        with pytest.raises(LineUnknown):
            common.LineLimit(Reads(data), 20).read()
        assert _too_long_at(common.LineLimit(Reads(data), 20)) == 2

    @pytest.mark.parametrize("data", [b"\xff", b"\xfe", b"\xfeT"])
    def test_a_file_that_starts_like_utf16_and_ends(self, data: bytes) -> None:
        """A byte that may start a UTF-16 mark, and then the end, is read as is."""
        reader = common.LineLimit(io.BytesIO(data), 5)
        assert (reader.read(1), reader.read(1)) == (data, b"")

    def test_utf32_is_not_read_as_utf16(self) -> None:
        """UTF-32's little-endian mark starts like UTF-16's: such a file is
        measured as bytes (the parser then refuses its encoding), so each
        0x0A byte of U+0A0A ends a line."""
        data = "\ufeff\u0a0a\u0a0a".encode("utf-32-le") * 10
        assert common.LineLimit(io.BytesIO(data), 8).read() == data

    @given(
        lines=st.lists(
            st.text(st.sampled_from("ab\u0a0a\u0d0d\u0a00\U0001f600é"), max_size=12),
            max_size=8,
        ),
        breaks=st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=8, max_size=8),
        encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le-bom", "utf-16-be-bom"]),
        limit=st.integers(1, 30),
        size=st.integers(1, 9),
    )
    def test_the_long_line_is_the_one_a_reader_of_the_text_finds(
        self,
        lines: list[str],
        breaks: list[str],
        encoding: str,
        limit: int,
        size: int,
    ) -> None:
        """In UTF-8 and UTF-16 (a character of two 0x0A bytes is no line
        break there), the error names the first line longer than the limit,
        counted in the file's own bytes, and each read gives the file's bytes."""
        text = "".join(line + brk for line, brk in zip(lines, breaks, strict=False))
        codec = {"utf-16-le-bom": "utf-16-le", "utf-16-be-bom": "utf-16-be"}
        mark = {"utf-16-le-bom": b"\xff\xfe", "utf-16-be-bom": b"\xfe\xff"}
        data = mark.get(encoding, b"") + text.encode(codec.get(encoding, encoding))
        width = 2 if encoding.startswith("utf-16") else 1
        # The oracle: the text's lines, and the bytes each takes; the byte
        # order mark counts in the first line's.
        lengths = [
            len(line.encode("utf-8" if width == 1 else "utf-16-le"))
            for line in re.split("\r\n|\r|\n", text)
        ]
        lengths[0] += len(data) - len(
            text.encode("utf-8" if width == 1 else "utf-16-le")
        )
        long = next((n for n, got in enumerate(lengths, 1) if got > limit), None)

        class Reads(io.BytesIO):
            def read1(self, _: int | None = -1, /) -> bytes:
                return super().read1(size)

        reader = common.LineLimit(Reads(data), limit)
        pieces = []
        try:
            while piece := reader.read(size):
                pieces.append(piece)
        except LineUnknown:
            assert long is not None
            # The line, as iterload reads the file: a piece at a time too.
            assert _too_long_at(common.LineLimit(Reads(data), limit)) == long
        else:
            assert long is None
        assert data.startswith(b"".join(pieces))


@pytest.mark.parametrize("size", [1, 2, 100])
def test_the_first_problem_is_reported_within_the_first_bytes(size: int) -> None:
    """A bad byte on line 1, then a line too long, within the few bytes read
    to tell the encoding: the bad byte is reported, the first problem of the
    file, however the reads cut it (the long line was, when the reader
    counted the lines itself)."""

    class Reads(io.BytesIO):
        def read1(self, _: int | None = -1, /) -> bytes:
            return super().read1(size)

    with pytest.raises(bloglist.ParseError) as info:
        list(bloglist.iterload(common.LineLimit(Reads(b"\xff\nab\n"), 1)))
    assert (info.value.code, info.value.lineno) == ("invalid-utf8", 1)
    with pytest.raises(bloglist.ParseError) as info:
        list(bloglist.iterload(common.LineLimit(Reads(b"a\nbc\n\xff"), 1)))
    assert (info.value.code, info.value.lineno) == ("line-too-long", 2)


def _too_long_at(reader: common.LineLimit) -> int:
    """The line where iterload, reading *reader*, stops at a line too long."""
    with pytest.raises(bloglist.ParseError) as info:
        for _ in bloglist.iterload(reader, max_diagnostics=None):
            pass
    assert info.value.code == "line-too-long"
    return info.value.lineno


def _wait_until_open(pid: int, path: Path) -> None:
    """Wait until process *pid* has *path* open (Linux's /proc tells)."""
    import time

    folder = Path(f"/proc/{pid}/fd")
    if not folder.is_dir():  # pragma: no cover - Linux has /proc
        pytest.skip("no /proc to tell when the archive is open")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for fd in folder.iterdir():
            try:
                if os.readlink(fd) == str(path):
                    return
            except OSError:  # pragma: no cover - closed while looked at
                pass
        time.sleep(0.05)
    raise AssertionError(f"{path} was never opened")  # pragma: no cover - a hang


class TestFoundInAShell:
    """Found by using the commands in a shell: a closed standard output, a
    device given as the archive, Ctrl-C while another process writes."""

    @POSIX
    def test_archive_add_needs_no_standard_output(self, tmp_path: Path) -> None:
        """`bloglist archive add blog.db x.txt >&-` adds the scrape: status 0."""
        sample = write(tmp_path / "s.txt", SAMPLE)
        argv = [str(tmp_path / "blog.db"), str(sample)]
        done = subprocess.run(
            ["sh", "-c", 'exec "$@" >&-', "sh", *COMMAND, "archive", "add", *argv],
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        kept = bloglist.open_archive(tmp_path / "blog.db").load()
        assert [entry.post for entry in kept.entries] == list(SAMPLE)

    @POSIX
    @pytest.mark.parametrize("action", ["show", "add"])
    def test_a_device_is_no_archive(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, action: str
    ) -> None:
        """`bloglist archive show /dev/null`: it says the file is not an archive."""
        sample = write(tmp_path / "s.txt", SAMPLE)
        files = [str(sample)] if action == "add" else []
        status, _, err = run(capsys, "archive", action, os.devnull, *files)
        assert status == 2
        assert "no such file" not in err and "disk I/O error" not in err, err

    @POSIX
    def test_ctrl_c_stops_a_wait_for_a_busy_archive(self, tmp_path: Path) -> None:
        """Ctrl-C while another process writes the archive: status 130 at once,
        not after --timeout (up to 24 days with --timeout inf)."""
        import signal
        import time

        sample = write(tmp_path / "s.txt", SAMPLE)
        db = tmp_path / "blog.db"
        bloglist.open_archive(db)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            child = subprocess.Popen(
                # Ctrl-C's default action, whatever this run inherited: a run
                # started in the background of a shell without job control
                # ignores SIGINT, and so would the command.
                prepared(
                    [
                        *COMMAND,
                        "archive",
                        "add",
                        str(db),
                        str(sample),
                        "--timeout",
                        "8",
                    ],
                    default_signals=[signal.SIGINT],
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            _wait_until_open(child.pid, db)
            time.sleep(0.5)  # in SQLite's busy wait by now
            child.send_signal(signal.SIGINT)
            start = time.monotonic()
            _, err = child.communicate(timeout=60)
            waited = time.monotonic() - start
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        # Killed by SIGINT, as interrupted programs end (a shell shows 130).
        assert (child.returncode, err) == (-signal.SIGINT, b"")
        assert waited < 3, f"stopped {waited:.1f} s after Ctrl-C"

    def test_ctrl_c_between_files_says_which_were_added(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """Ctrl-C while the second of three scrapes is added: the first stays
        (its line said so), and a last line names what was not added."""
        files = [write(tmp_path / f"{name}.txt", SAMPLE) for name in "abc"]
        db = tmp_path / "blog.db"
        failing_add(monkeypatch, 2, KeyboardInterrupt())
        status, _, err = add_a_day_apart(capsys, db, files)
        assert status == 130
        lines = err.splitlines()
        assert lines[0].startswith(f"{db}: added {files[0]} ")
        assert lines[1] == (
            f"bloglist: interrupted adding {files[1]} to {db}; "
            f"added before it: {files[0]}; not added: {files[1]} {files[2]}"
        )
        assert len(bloglist.open_archive(db).scrapes()) == 1

    @pytest.mark.parametrize(
        ("when", "at"),
        [("commit", 1), ("commit", 2), ("close", 1), ("line", 1), ("line", 2)],
    )
    def test_ctrl_c_after_a_commit_counts_that_scrape_as_added(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        when: str,
        at: int,
    ) -> None:
        """Ctrl-C during a commit (the disk's wait) is raised as the commit
        returns; or it comes after, as the add closes the file it made, or as
        the scrape's line is written (for the last file, after its add): the
        scrape is in the file, and the command says it was added, with its
        line and its counts (a script that added it again would record it
        twice)."""
        files = [write(tmp_path / f"{name}.txt", SAMPLE) for name in "ab"]
        db = tmp_path / "blog.db"
        if when == "commit":
            interrupt_at_commit(monkeypatch, at)
        elif when == "line":
            interrupt_at_error(monkeypatch, at)
        else:  # called by the first add only: it makes the file
            monkeypatch.setattr(_store, "_remove_if_empty", interrupt)
        status, _, err = add_a_day_apart(capsys, db, files)
        assert status == 130
        added = [f"{db}: added {file} (" for file in files[:at]]
        lines = err.splitlines()
        assert [
            line[: len(start)] for line, start in zip(lines[:at], added, strict=True)
        ] == added
        if when == "commit":
            # The add interrupted never returned: its line gives the counts
            # its interrupt carries, as its return would have (not those of
            # the file added before it).
            counted = "12 new" if at == 1 else "12 unchanged"
            assert lines[at - 1] == (
                f"{db}: added {files[at - 1]} (12 posts: {counted}) seen at "
                f"2025-03-0{at}T00:00:00+00:00"
            )
        left = f"; not added: {files[1]}" if at == 1 else ""
        assert lines[at:] == [
            f"bloglist: interrupted after adding {files[at - 1]} to {db}; added: "
            f"{' '.join(map(str, files[:at]))}{left}"
        ]
        assert [source for _, source, _ in bloglist.open_archive(db).scrapes()] == [
            str(file) for file in files[:at]
        ]

    def test_ctrl_c_after_the_commit_as_the_file_closes_is_marked(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Ctrl-C after the commit returned, as the add closes the file it
        made, finds the scrape in the file: the add's interrupt says so, as
        one raised as the commit returns does."""
        db = tmp_path / "blog.db"

        monkeypatch.setattr(_store, "_remove_if_empty", interrupt)
        with pytest.raises(KeyboardInterrupt) as caught:
            bloglist.ArchiveFile(db).add(SAMPLE, seen_at=DAY)
        assert _store.committed_before(caught.value)
        assert caught.value.__notes__ == [
            "bloglist: it came after the add's commit: the scrape is in the archive"
        ]
        assert _store.added_before(caught.value) == bloglist.AddedScrape(
            new=len(SAMPLE), changed=0, unchanged=0, back=0, gone=0
        )
        assert len(bloglist.open_archive(db).scrapes()) == 1

    @pytest.mark.parametrize("when", ["commit", "line"])
    def test_ctrl_c_at_the_last_scrape_again_adds_nothing(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        when: str,
    ) -> None:
        """A file that is the archive's last scrape again writes nothing, so
        Ctrl-C at its (empty) commit leaves it not added, and the command
        does not say it was; Ctrl-C as its line is written says that it
        added nothing, and that the next file was not added."""
        first, second, db, one = added_once(capsys, tmp_path)
        (interrupt_at_commit if when == "commit" else interrupt_at_error)(
            monkeypatch, 1
        )
        two = ["--seen-at", "2025-03-02T00:00:00Z"]
        argv = ["archive", "add", str(db), str(first), *one, str(second), *two]
        status, _, err = run(capsys, *argv)
        assert status == 130
        said = [
            f"{db}: {first} is the archive's last scrape again (12 posts) seen at "
            "2025-03-01T00:00:00+00:00; nothing was added",
            f"bloglist: interrupted after {first} in {db}; the last scrape again, "
            f"added nothing: {first}; not added: {second}",
        ]
        # At the commit, the first file adds nothing: nothing to name.
        assert err.splitlines() == ([] if when == "commit" else said)
        monkeypatch.undo()  # a read commits too
        assert len(bloglist.open_archive(db).scrapes()) == 1

    def test_ctrl_c_at_the_first_file_adds_nothing_and_says_nothing(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """Nothing was added: no line to say which were (the status says it)."""
        files = [write(tmp_path / f"{name}.txt", SAMPLE) for name in "ab"]
        db = tmp_path / "blog.db"

        def add(self: bloglist.ArchiveFile, *args: Any, **kwargs: Any) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(bloglist.ArchiveFile, "add", add)
        seen = [
            "--seen-at",
            "2025-03-01T00:00:00Z",
            "--seen-at",
            "2025-03-02T00:00:00Z",
        ]
        status, _, err = run(capsys, "archive", "add", str(db), *map(str, files), *seen)
        assert (status, err) == (130, "")
        assert bloglist.open_archive(db).scrapes() == ()


class TestInterruptedAtTheBegin:
    """Ctrl-C, or SIGTERM (the command raises it as Ctrl-C: see
    bloglist._cli._stop_as_interrupted), that comes as the add's begin
    returns, in this process (test_cli.py runs the signals themselves)."""

    @staticmethod
    def interrupt_after_begin(
        monkeypatch: pytest.MonkeyPatch, interrupt: BaseException
    ) -> None:
        real_run = _store._Wait.run

        def run(self: Any, connection: sqlite3.Connection, statement: str) -> None:
            real_run(self, connection, statement)
            if statement == "BEGIN IMMEDIATE":
                raise interrupt

        monkeypatch.setattr(_store._Wait, "run", run)

    @pytest.mark.parametrize(
        ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)]
    )
    def test_an_archive_made_for_the_add_is_removed(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        signum: int,
        status: int,
    ) -> None:
        from bloglist._cli import _Signalled

        scrape = write(tmp_path / "a.txt", SAMPLE)
        interrupt = KeyboardInterrupt() if signum == signal.SIGINT else None
        self.interrupt_after_begin(monkeypatch, interrupt or _Signalled(signum))
        db = tmp_path / "blog.db"
        argv = ["archive", "add", str(db), str(scrape)]
        argv += ["--seen-at", "2025-03-01T00:00:00Z"]
        assert run(capsys, *argv) == (status, "", "")
        assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]

    def test_an_interrupt_while_the_begin_waits_leaves_the_file(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """An interrupt before the begin took the lock (waiting for another
        writer) leaves the empty file alone: it may be another process's,
        which found no file either, made it, and is writing it."""

        def interrupted(
            self: Any, connection: sqlite3.Connection, statement: str
        ) -> None:
            if statement == "BEGIN IMMEDIATE":
                raise KeyboardInterrupt

        monkeypatch.setattr(_store._Wait, "run", interrupted)
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "blog.db"
        argv = ["archive", "add", str(db), str(scrape)]
        argv += ["--seen-at", "2025-03-01T00:00:00Z"]
        assert run(capsys, *argv) == (130, "", "")
        assert db.exists()
        assert db.stat().st_size == 0

    def test_an_archive_there_before_is_left_as_it_was(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        first, second = (write(tmp_path / f"{name}.txt", SAMPLE) for name in "ab")
        db = tmp_path / "blog.db"
        one = ["--seen-at", "2025-03-01T00:00:00Z"]
        assert run(capsys, "archive", "add", "-q", str(db), str(first), *one)[0] == 0
        before = db.read_bytes()
        self.interrupt_after_begin(monkeypatch, KeyboardInterrupt())
        two = ["--seen-at", "2025-03-02T00:00:00Z"]
        assert run(capsys, "archive", "add", str(db), str(second), *two)[0] == 130
        assert db.read_bytes() == before
        assert sorted(path.name for path in tmp_path.iterdir()) == [
            "a.txt",
            "b.txt",
            "blog.db",
        ]


# A child process that runs the command, with a SIGTERM sent to itself as
# the add's first statement of the archive (BEGIN IMMEDIATE) or its COMMIT
# returns: the archive just made, and the scrape just committed.
_KILLED_AT = """
import os, signal, sys
from bloglist import _cli, _store
real_run = _store._Wait.run
when = sys.argv.pop(1)
def run(self, connection, statement):
    real_run(self, connection, statement)
    if statement == when:
        os.kill(os.getpid(), signal.SIGTERM)
_store._Wait.run = run
_cli.console()
"""


def _killed_at(statement: str, argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """The command run with *argv* in a child that sends itself SIGTERM as
    *statement* returns (see _KILLED_AT), SIGTERM's action the default
    whatever this run inherited (the command keeps an ignored one so)."""
    return subprocess.run(
        prepared(
            [sys.executable, "-c", _KILLED_AT, statement, *argv],
            default_signals=[signal.SIGTERM],
        ),
        capture_output=True,
        check=False,
    )


@POSIX
class TestKilled:
    """SIGTERM (what kill, timeout and a service manager send) and SIGHUP (a
    closed terminal) stop the command as Ctrl-C does: the add rolled back,
    an archive made for it removed, nothing left beside the file, and the
    process ends killed by the signal. By default they end a Python process
    at once: an archive just made was left empty, with its journal."""

    @staticmethod
    def first_add(tmp_path: Path) -> tuple[Path, Path, list[str]]:
        """A scrape, the archive it goes to (not made yet), and the add."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "blog.db"
        at = ["--seen-at", "2025-03-01T00:00:00Z"]
        return scrape, db, ["archive", "add", str(db), str(scrape), *at]

    def test_a_kill_during_the_first_add_leaves_no_archive(
        self, tmp_path: Path
    ) -> None:
        done = _killed_at("BEGIN IMMEDIATE", self.first_add(tmp_path)[2])
        assert done.returncode == -signal.SIGTERM, done.stderr
        assert done.stderr == b""
        assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt"]

    def test_a_kill_as_an_add_begins_leaves_the_archive_as_it_was(
        self, tmp_path: Path
    ) -> None:
        first, second = (write(tmp_path / f"{name}.txt", SAMPLE) for name in "ab")
        db = tmp_path / "blog.db"
        one = ["--seen-at", "2025-03-01T00:00:00Z"]
        assert main(["archive", "add", "-q", str(db), str(first), *one]) == 0
        before = db.read_bytes()
        argv = ["archive", "add", str(db), str(second)]
        argv += ["--seen-at", "2025-03-02T00:00:00Z"]
        done = _killed_at("BEGIN IMMEDIATE", argv)
        assert done.returncode == -signal.SIGTERM, done.stderr
        assert done.stderr == b""
        assert db.read_bytes() == before
        assert sorted(path.name for path in tmp_path.iterdir()) == [
            "a.txt",
            "b.txt",
            "blog.db",
        ]

    def test_a_kill_as_the_commit_returns_says_the_scrape_was_added(
        self, tmp_path: Path
    ) -> None:
        scrape, db, argv = self.first_add(tmp_path)
        done = _killed_at("COMMIT", argv)
        assert done.returncode == -signal.SIGTERM
        assert done.stderr.decode().endswith(
            f"bloglist: interrupted after adding {scrape} to {db}; added: {scrape}\n"
        )
        assert len(bloglist.open_archive(db).scrapes()) == 1


class TestPagesFromTheCommandLine:
    """`bloglist show --pages page1.txt page2.txt ...`: a paged index joined as
    bloglist.stitch joins it, so that a shell user can add one whole scrape."""

    def pages(self, tmp_path: Path) -> list[Path]:
        """Three pages scraped a moment apart: B was pushed down from page 1
        to page 2 meanwhile, page 3 came back empty, and page 4 repeats A."""
        day = datetime.date(2025, 3, 3)

        def post(title: str, back: int) -> bloglist.Post:
            return bloglist.Post(
                title=title, date=day - datetime.timedelta(back), excerpt="x"
            )

        a, b, c, z = post("A", 0), post("B", 1), post("C", 2), post("Z", 30)
        contents = [[a, b], [b, c], [], [z, a]]
        paths = []
        for number, posts in enumerate(contents, 1):
            path = tmp_path / f"page{number}.txt"
            path.write_text(bloglist.dumps(posts), encoding="utf-8")
            paths.append(path)
        return paths

    @pytest.mark.parametrize("form", ["csv", "json", "jsonl", "table", "listing"])
    def test_pages_that_stop_write_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
    ) -> None:
        """--pages reads every page before joining them: when the input
        stops (an error under --strict), nothing is written, as with --sort;
        a CSV header alone would read as an empty listing."""
        paths = self.pages(tmp_path)
        bad = tmp_path / "bad.txt"
        bad.write_text("\nA\n\nE\nData\nJunk\n", encoding="utf-8")
        status = main(
            ["--pages", str(paths[0]), str(bad), "--strict", "--format", form]
        )
        out, err = capsys.readouterr()
        assert status == 1
        assert out == ""
        assert "bad.txt:6:1: extra-line" in err

    def test_the_pages_join_as_stitch_joins_them(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Each post once, in page order, and stitch's warnings on standard
        error with the file and line of the page they are about: status 0."""
        paths = self.pages(tmp_path)
        read = [bloglist.loads(path.read_text(encoding="utf-8")) for path in paths]
        expected = bloglist.stitch(read)
        files = [str(path) for path in paths]
        status, out, err = run(capsys, "--pages", *files, "--format", "jsonl")
        assert status == 0
        assert out == bloglist.to_jsonl(expected)
        assert [p.title for p in expected] == ["A", "B", "C", "Z"]
        assert err.splitlines() == [
            f"{paths[3]}:1:1: page-gap page 3 ({paths[2]}) is empty; "
            "the posts between may not have been seen",
            f"{paths[3]}:6:1: page-overlap post 'A' was on an earlier page, "
            "not just before this one; left out here",
        ]
        # Without --pages, the files are one listing after the other.
        _, plain, _ = run(capsys, *files, "--format", "jsonl")
        assert len(plain.splitlines()) == 6

    def test_a_joined_scrape_adds_each_post_once_to_an_archive(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """show --pages --format listing, then archive add: one archived post
        per post of the blog, and a feed entry each."""
        files = [str(path) for path in self.pages(tmp_path)[:2]]
        status, listing, _ = run(
            capsys, "show", "--pages", *files, "--format", "listing"
        )
        joined = tmp_path / "all.txt"
        joined.write_text(listing, encoding="utf-8")
        db = str(tmp_path / "blog.db")
        argv = ["archive", "add", db, str(joined), "--seen-at", "2025-03-03T06:00Z"]
        assert (status, run(capsys, *argv)[0]) == (0, 0)
        archive = bloglist.open_archive(db).load()
        assert [entry.post.title for entry in archive.entries] == ["A", "B", "C"]
        _, feed, _ = run(capsys, "archive", "feed", db)
        assert feed.count("<entry>") == 3

    def test_archive_add_pages_adds_them_as_one_scrape(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`archive add --pages`: the pages joined as stitch joins them, added
        as one scrape taken when the newest page was, its source the pages'
        files; the archive is what merging the stitched listing gives. A
        stitch warning prints with its page's file and adds the scrape all
        the same."""
        paths = self.pages(tmp_path)
        chosen = [paths[0], paths[1], paths[3]]  # page 3 repeats A: a warning
        apart = datetime.timedelta(minutes=20)  # fetched a moment apart
        for index, path in enumerate(chosen):
            moment = (DAY + index * apart).timestamp()
            os.utime(path, (moment, moment))
        db = tmp_path / "blog.db"
        status, out, err = run(
            capsys, "archive", "add", "--pages", str(db), *map(str, chosen)
        )
        assert (status, out) == (0, "")
        newest = DAY + 2 * apart
        names = ", ".join(map(str, chosen))
        assert err.splitlines() == [
            f"{paths[3]}:6:1: page-overlap post 'A' was on an earlier page, "
            "not just before this one; left out here",
            f"{db}: added {names} (4 posts: 4 new) seen at {newest.isoformat()}",
        ]
        read = [bloglist.loads(path.read_text(encoding="utf-8")) for path in chosen]
        expected = Archive().merge(bloglist.stitch(read), seen_at=newest)
        store = bloglist.open_archive(db)
        assert store.load() == expected
        assert [post.title for post in expected.listing] == ["A", "B", "C", "Z"]
        assert store.scrapes() == ((newest, names, 4),)

    @pytest.mark.parametrize(
        ("pages", "page", "what"),
        [
            ([0, 2, 1], 2, "has no posts"),  # an empty page: a failed download
            ([2, 0], 1, "has no posts"),
            ([2, 2], 1, "has no posts"),  # no page has posts
            ([0, 0], 2, "adds no post the pages before it lack"),  # page 1 again
            ([0, 1, 0], 3, "adds no post the pages before it lack"),
            ([0, 0, 2], 2, "adds no post the pages before it lack"),
        ],
    )
    def test_a_page_that_adds_no_post_adds_nothing(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        pages: list[int],
        page: int,
        what: str,
    ) -> None:
        """A page with no post the pages before it lack, where the stitch
        itself may warn of nothing (page 1 served again as the last page):
        its posts would count as gone, so nothing is added (status 1), the
        page named; --allow-all-gone adds it."""
        paths = self.pages(tmp_path)
        files = [str(paths[index]) for index in pages]
        db = tmp_path / "blog.db"
        argv = ["archive", "add", "--pages", str(db), *files, "--seen-at", "2025-03-03"]
        status, out, err = run(capsys, *argv)
        assert (status, out) == (1, "")
        assert err.splitlines()[-1] == (
            f"bloglist: error: {files[page - 1]} (page {page}) {what}; nothing was "
            "added, as the posts of its page would not be seen (no archive yet) "
            "(--allow-all-gone adds it)"
        )
        assert not db.exists()
        assert run(capsys, *argv, "--allow-all-gone")[0] == 0
        read = [
            bloglist.loads(Path(file).read_text(encoding="utf-8")) for file in files
        ]
        assert bloglist.open_archive(db).load().listing == bloglist.stitch(read)

    @pytest.mark.parametrize("state", ["no scrape", "empty scrape", "posts"])
    def test_a_refused_page_says_why_by_what_the_archive_holds(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, state: str
    ) -> None:
        """A review: a page refused for an archive file that held no scrape,
        or whose last scrape showed no post, was said to make "the archived
        posts of its page" gone, where no archived post is on the page. The
        reason said is the one that holds, as for an empty listing without
        --pages; an archive whose last scrape showed posts keeps the old one."""
        paths = self.pages(tmp_path)
        db = tmp_path / "blog.db"
        archive = bloglist.open_archive(db)  # the tables, no scrape
        day = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
        if state != "no scrape":
            archive.add(bloglist.loads(paths[0].read_text("utf-8")), seen_at=day)
        if state == "empty scrape":
            archive.add(bloglist.Listing(), seen_at=day + HOUR, allow_all_gone=True)
        before = archive.load()
        empty, page = str(paths[2]), str(paths[0])
        argv = ["archive", "add", "--pages", str(db), empty, page]
        status, out, err = run(capsys, *argv, "--seen-at", "2025-03-03")
        why = {
            "no scrape": "the posts of its page would not be seen (the archive "
            "holds no scrape yet)",
            "empty scrape": "the posts of its page would not be seen (the "
            "archive's last scrape had no posts)",
            "posts": "the archived posts of its page would count as gone",
        }[state]
        assert (status, out) == (1, "")
        assert err.splitlines()[-1] == (
            f"bloglist: error: {empty} (page 1) has no posts; nothing was added, "
            f"as {why} (--allow-all-gone adds it)"
        )
        assert archive.load() == before

    def test_a_refused_page_of_an_archive_busy_after_the_add_keeps_its_reason(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """The reason of a refused page reads the archive's last scrape again,
        after the add: an archive busy by then (another process writing) is
        said as one with posts, whose reason holds as often as not, and the
        command still refuses the page with status 1, not the busy error."""
        paths = self.pages(tmp_path)
        db = tmp_path / "blog.db"
        bloglist.open_archive(db)  # the tables, no scrape

        def busy(self: bloglist.ArchiveFile) -> object:
            raise bloglist.ArchiveError(f"{db} is busy")

        monkeypatch.setattr(bloglist.ArchiveFile, "scrapes", busy)
        empty, page = str(paths[2]), str(paths[0])
        argv = ["archive", "add", "--pages", str(db), empty, page]
        status, out, err = run(capsys, *argv, "--seen-at", "2025-03-03")
        assert (status, out) == (1, "")
        assert err.splitlines()[-1] == (
            f"bloglist: error: {empty} (page 1) has no posts; nothing was added, "
            "as the archived posts of its page would count as gone "
            "(--allow-all-gone adds it)"
        )

    def test_empty_pages_at_the_end_are_the_end_of_the_index(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A scraper that fetches pages until one comes back empty: the empty
        pages after the last with posts are the end of the index, as the
        stitch takes them, and the scrape is added."""
        paths = self.pages(tmp_path)
        files = [str(paths[index]) for index in (0, 1, 2, 2)]
        db = tmp_path / "blog.db"
        argv = ["archive", "add", "-q", "--pages", str(db), *files]
        assert run(capsys, *argv, "--seen-at", "2025-03-03") == (0, "", "")
        assert [p.title for p in bloglist.open_archive(db).load().listing] == [
            "A",
            "B",
            "C",
        ]

    @pytest.mark.parametrize("last", ["pinned", "pushed"])
    def test_a_last_page_the_stitch_takes_for_the_end_is_added(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, last: str
    ) -> None:
        """The page past the end of an index that shows its pinned posts on
        every page, or a last page whose posts were all pushed down from the
        page before by a post published between the fetches: the stitch adds
        nothing from it and says nothing, and neither stands for posts that
        would count as gone, so the scrape is added."""
        day = datetime.date(2025, 3, 5)
        pinned = bloglist.Post(title="Welcome", date=day, excerpt="w", sticky=True)
        e, d = (
            bloglist.Post(title=title, date=day - datetime.timedelta(n), excerpt="x")
            for n, title in ((1, "E"), (2, "D"))
        )
        pages = [[pinned, e, d], [pinned] if last == "pinned" else [d]]
        files = []
        for number, posts in enumerate(pages, 1):
            path = tmp_path / f"p{number}.txt"
            path.write_text(bloglist.dumps(posts), encoding="utf-8")
            files.append(str(path))
        db = tmp_path / "blog.db"
        argv = ["archive", "add", "--pages", str(db), *files, "--seen-at", "2025-03-05"]
        assert run(capsys, *argv)[:2] == (0, "")
        assert list(bloglist.open_archive(db).load().listing) == pages[0]

    def test_a_page_of_only_sticky_posts_before_others_adds_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A page that shows only the pinned post, with pages of posts after
        it, hides the posts that belonged there (the stitch warns of a gap):
        nothing is added."""
        paths = self.pages(tmp_path)
        pinned = tmp_path / "pinned.txt"
        pinned.write_text("sticky\nMar 9, 2025\n\nWelcome\n\nw\n", encoding="utf-8")
        files = [str(paths[0]), str(pinned), str(paths[1])]
        db = tmp_path / "blog.db"
        argv = ["archive", "add", "--pages", str(db), *files, "--seen-at", "2025-03-05"]
        status, _, err = run(capsys, *argv)
        assert status == 1 and not db.exists()
        assert err.splitlines()[-1].startswith(
            f"bloglist: error: {pinned} (page 2) has only sticky posts; nothing was "
            "added"
        )

    def test_the_joins_warnings_keep_to_max_diagnostics(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The warnings of the join count towards their file's limit, with
        what its reading reported, as in show --pages: past it they are
        counted in one too-many-diagnostics line of that file."""
        day = datetime.date(2025, 3, 28)
        first = [
            bloglist.Post(title=f"T{n}", date=day - datetime.timedelta(n), excerpt="x")
            for n in range(5)
        ]
        new = bloglist.Post(title="U", date=day - datetime.timedelta(20), excerpt="x")
        a, b = tmp_path / "a.txt", tmp_path / "b.txt"
        a.write_text(bloglist.dumps(first), encoding="utf-8")
        b.write_text(bloglist.dumps([new, *first]), encoding="utf-8")
        files = [str(a), str(b)]
        for limit, shown in (("1", 1), ("0", 0), ("all", 5)):
            db = tmp_path / f"blog{limit}.db"
            argv = ["archive", "add", "-q", "--pages", str(db), *files]
            argv += ["--seen-at", "2025-03-28", "--max-diagnostics", limit]
            status, _, err = run(capsys, *argv)
            _, _, show = run(
                capsys, "show", "--pages", *files, "--max-diagnostics", limit
            )
            assert (status, err) == (0, show)
            lines = err.splitlines()
            assert sum(" page-overlap " in line for line in lines) == shown
            assert len(lines) == shown + (shown < 5)
            if shown < 5:
                assert lines[-1].startswith(f"{b}:")
                assert f" too-many-diagnostics {5 - shown} more diagnostic" in lines[-1]

    def test_archive_add_pages_with_an_error_adds_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A page that does not parse (a server's error page): nothing is
        added, status 1, whatever the other pages hold."""
        paths = self.pages(tmp_path)[:2]
        paths[1].write_text("<html>\n<body>Bad gateway</body>\n", encoding="utf-8")
        db = tmp_path / "blog.db"
        files = [str(path) for path in paths]
        status, _, err = run(capsys, "archive", "add", "--pages", str(db), *files)
        assert status == 1
        assert err.startswith(f"{paths[1]}:2:1: ")
        assert "nothing was added" in err.splitlines()[-1]
        assert not db.exists()

    def test_a_pages_warning_prints_once(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A warning read in a page (a tag twice) prints once, with its file
        and line, as the file is read; the scrape is added."""
        paths = self.pages(tmp_path)[:2]
        text = paths[1].read_text(encoding="utf-8") + "DataData\n"  # C's tags
        paths[1].write_text(text, encoding="utf-8")
        db = tmp_path / "blog.db"
        files = [str(path) for path in paths]
        argv = ["archive", "add", "-q", "--pages", str(db), *files]
        status, out, err = run(capsys, *argv, "--seen-at", "2025-03-03")
        assert (status, out) == (0, "")
        assert err == (
            f"{paths[1]}:11:1: duplicate-tag tag 'Data' appears more than once "
            "in the tag line\n"
        )
        assert len(bloglist.open_archive(db).load().entries) == 3

    def test_archive_add_pages_takes_one_seen_at(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--seen-at once for all the pages, the time of the one scrape; given
        twice it is a usage error (status 2)."""
        files = [str(path) for path in self.pages(tmp_path)[:2]]
        db = tmp_path / "blog.db"
        argv = ["archive", "add", "-q", "--pages", str(db), *files]
        twice = ["--seen-at", "2025-03-03T06:00Z", "--seen-at", "2025-03-03T07:00Z"]
        status, _, err = run(capsys, *argv, *twice)
        assert status == 2
        assert err == (
            "bloglist: error: --seen-at is given 2 times for the pages of one "
            "scrape; give it once, or not at all\n"
        )
        assert run(capsys, *argv, *twice[:2]) == (0, "", "")
        moment = datetime.datetime(2025, 3, 3, 6, tzinfo=datetime.UTC)
        assert bloglist.open_archive(db).scrapes() == ((moment, ", ".join(files), 3),)

    @pytest.mark.parametrize("command", ["tags", "stats"])
    def test_tags_and_stats_count_the_joined_posts(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
    ) -> None:
        files = [str(path) for path in self.pages(tmp_path)[:2]]
        _, out, _ = run(capsys, command, "--pages", *files)
        _, joined, _ = run(capsys, "--pages", *files, "--format", "listing")
        path = tmp_path / "joined.txt"
        path.write_text(joined, encoding="utf-8")
        assert out == run(capsys, command, str(path))[1]

    def test_a_page_with_errors_reports_them_with_its_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A problem read in a page is reported with that page's file and
        line, as without --pages, and makes the status 1."""
        paths = self.pages(tmp_path)[:2]
        paths[1].write_text(paths[1].read_text(encoding="utf-8") + "Stray\nmore\n")
        status, out, err = run(capsys, "--pages", *map(str, paths), "--format", "jsonl")
        assert status == 1 and len(out.splitlines()) == 3
        assert err.startswith(f"{paths[1]}:")

    def test_many_pages_stream_in_batches_and_whole(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """More posts than one batch of output: all of them, once each."""
        posts = [bloglist.Post(title=f"Post {n}", excerpt="x") for n in range(2500)]
        paths = []
        for number, start in enumerate(range(0, 2500, 500), 1):
            path = tmp_path / f"p{number}.txt"
            # Each page repeats the last post of the one before.
            path.write_text(
                bloglist.dumps(posts[max(0, start - 1) : start + 500]), encoding="utf-8"
            )
            paths.append(str(path))
        status, out, _ = run(capsys, "--pages", *paths, "--format", "jsonl")
        assert (status, out) == (0, bloglist.to_jsonl(posts))


class TestALastPageOfOlderPostsIsRefused:
    """``archive add --pages``: after the last page that adds posts, a page
    of posts from pages further back (not the end of the page before,
    pushed down) is refused, though it has fewer posts than the page before
    it: nothing is added, and the error names that page."""

    def test_nothing_is_added(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        Path("p1.txt").write_text("Mar 5, 2025\n\nE\n\nx\nMar 4, 2025\n\nD\n\nx\n")
        Path("p2.txt").write_text("Mar 3, 2025\n\nC\n\nx\nMar 2, 2025\n\nB\n\nx\n")
        Path("p3.txt").write_text("Mar 5, 2025\n\nE\n\nx\n")
        status, out, err = run_with_usage_errors(
            capsys,
            *("archive", "add", "--pages", "a.db", "p1.txt", "p2.txt", "p3.txt"),
            *("--seen-at", "2025-03-05T06:00Z"),
        )
        assert (status, out) == (1, "")
        assert err.splitlines() == [
            "p3.txt:1:1: page-overlap post 'E' was on an earlier page, not just "
            "before this one; left out here",
            "bloglist: error: p3.txt (page 3) adds no post the pages before it "
            "lack; nothing was added, as the posts of its page would not be "
            "seen (no archive yet) (--allow-all-gone adds it)",
        ]
        assert not Path("a.db").exists()


def _page(path: Path, text: str) -> Path:
    """*text* written to *path*, modified at DAY."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, (DAY.timestamp(), DAY.timestamp()))
    return path


def test_pages_with_a_future_seen_at_name_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """archive add --pages --seen-at <future>: the message names --seen-at,
    not a file's modification time (the pages' own are in the past); status
    2, nothing written."""
    page1 = _page(tmp_path / "page1.txt", "Mar 5, 2025\n\nE\n\nx\n")
    page2 = _page(tmp_path / "page2.txt", "Mar 4, 2025\n\nD\n\nx\n")
    db = tmp_path / "blog.db"
    argv = ["archive", "add", "--pages", "--seen-at", "2999-01-01"]
    status = main([*argv, str(db), str(page1), str(page2)])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == (
        "bloglist: error: --seen-at 2999-01-01T00:00:00+00:00 for "
        f"{page1} is in the future; a scrape is taken at or before the time "
        "it is added\n"
    ), err
    assert not db.exists()


class TestTheHoursOfAStalePage:
    @pytest.mark.parametrize(
        ("behind", "hours"),
        [
            (datetime.timedelta(hours=2, minutes=59), "2 hours"),
            (datetime.timedelta(days=2, hours=3, minutes=30), "51 hours"),
        ],
    )
    def test_the_hours_are_whole_hours_cut(
        self, tmp_path: Path, behind: datetime.timedelta, hours: str
    ) -> None:
        """A page more than an hour older than the newest (docs/cli.md) is
        said to be so many whole hours older, cut as the tables' times are
        (not rounded), days counted too; the scrape is still added."""
        first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
        first.write_text(CHARLIE, encoding="utf-8")
        second.write_text(ALPHA, encoding="utf-8")
        newest = NOON.timestamp()
        older = (NOON - behind).timestamp()
        os.utime(first, (newest, newest))
        os.utime(second, (older, older))
        db = tmp_path / "blog.db"
        status, out, err = status_of(
            "archive", "add", "-q", "--pages", str(db), str(first), str(second)
        )
        assert (status, out) == (0, "")
        assert err == (
            f"bloglist: warning: {second} (page 2) was modified {hours} before "
            f"{first} (page 1); the pages of one scrape are fetched a moment "
            "apart, so it may be left from an earlier download\n"
        )


def _copy_is_whole(path: Path, tmp_path: Path) -> bool:
    """Whether a plain copy of *path* (as `cp` makes) passes integrity_check."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    db = sqlite3.connect(copy)
    try:
        return bool(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        db.close()


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="file size limits (RLIMIT_FSIZE, set before the command) as Linux has them",
)
class TestAFileThatMayNotGrow:
    """`archive add` under a file size limit (ulimit -f): Python ignores
    SIGXFSZ, so a write fails with EFBIG, which SQLite reports as an I/O
    error; the add says nothing was changed, and so it must be."""

    def test_the_file_is_as_it_was_when_the_add_fails(self, tmp_path: Path) -> None:
        """The process that failed plays its journal back: the file holds its
        old bytes, no journal is left, and a plain copy is whole."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(numbered(1500), seen_at=DAY)
        before = db.read_bytes()
        # One post of the last scrape, so that the add is not refused as
        # one that would make every post gone, and many new ones.
        more = write(
            tmp_path / "more.txt",
            bloglist.Listing(
                [
                    *numbered(1500)[:1],
                    *(
                        bloglist.Post(title=f"Another post {i}", excerpt="y" * 100)
                        for i in range(6000)
                    ),
                ]
            ),
        )
        done = subprocess.run(
            prepared(
                [
                    *COMMAND,
                    "archive",
                    "add",
                    str(db),
                    str(more),
                    "--seen-at",
                    "2025-04-02",
                ],
                file_size_limit=len(before),
            ),
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 2
        assert done.stderr.decode().endswith("; nothing was changed\n")
        assert not db.with_name("blog.db-journal").exists()
        assert db.read_bytes() == before
        assert _copy_is_whole(db, tmp_path)

    @pytest.mark.parametrize(
        ("posts", "limit"),
        [(6000, 200_000), (3, 0)],
        ids=["the commit fails", "the begin fails"],
    )
    def test_a_failed_first_add_leaves_no_file(
        self, tmp_path: Path, posts: int, limit: int
    ) -> None:
        """The first add to a new path makes the archive's tables in its own
        transaction: when it fails, no empty archive is left, which a script
        would take for one holding the scrape. Where no byte may be written
        (a full disk, a limit of 0), SQLite fails to begin the transaction,
        before it takes the writer's lock, and the empty file connecting
        made is removed all the same. (A writer that holds the lock makes
        the begin busy, not failed: its file is left.)"""
        db = tmp_path / "new.db"
        listing = write(tmp_path / "scrape.txt", numbered(posts))
        done = subprocess.run(
            prepared(
                [
                    *COMMAND,
                    "archive",
                    "add",
                    str(db),
                    str(listing),
                    "--seen-at",
                    "2025-04-01",
                ],
                file_size_limit=limit,
            ),
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 2
        assert done.stderr.decode().endswith("; nothing was changed\n")
        assert sorted(tmp_path.iterdir()) == [listing]


@pytest.mark.parametrize(
    "archive",
    ["C:\\blogs\\missing.db", "C:/blogs/missing.db", "C:missing.db",
     "\\\\server\\share\\missing.db", "/x/missing.db", "C:\\"],
)  # fmt: skip
def test_an_archive_error_on_windows_paths_ends(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, archive: str
) -> None:
    """An archive error names the archive's directories as typed (see
    test_cli_streams: TestTheLocaleDoesNotMatter), walking up its path: on
    Windows' paths, played here by its path rules, whose drive and root
    are their own directories, the walk ends (a review found it never
    did, for every archive error of an absolute path)."""
    import ntpath
    import types

    from bloglist import _cli_history

    windows = types.SimpleNamespace(
        **{name: getattr(os, name) for name in dir(os) if not name.startswith("__")}
    )
    windows.sep, windows.altsep, windows.path = "\\", "/", ntpath
    monkeypatch.setattr(_cli_history, "os", windows)
    # In a thread of its own, so that a walk that never ends fails the test
    # rather than hanging the suite.
    done: list[tuple[int, str, str]] = []
    walk = threading.Thread(
        target=lambda: done.append(run(capsys, "archive", "show", archive)),
        daemon=True,
    )
    walk.start()
    walk.join(30)
    assert done, "the archive's error did not end"
    status, out, err = done[0]
    assert (status, out) == (2, "")
    # One line, naming the file (the library's absolute name of it is
    # Linux's here: only the walk is Windows').
    assert err.startswith("bloglist: error: cannot open ")
    assert err.count("\n") == 1
