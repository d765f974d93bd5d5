"""Tests written by a hand-made mutation test of the ``bloglist`` command
and the archive (round 8): a bad byte after a post that straddles a read
(``_lines.py``), ``--limit`` after ``--page`` on the path that reads
everything (``_cli_common.py``), a last page of ``archive add --pages``
that holds posts of pages further back (``_cli_history.py``), scrapes out
of time order past the second (``_store.py``), the file named for a post
that another file holds an equal of (``_cli.py``), and the default Atom
feed id (``_cli_common.py``). Each kills a mutant that no other test told
apart from the real code, by what a user relies on.
"""

from __future__ import annotations

import datetime
import io
import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest

import bloglist
from test_mutants7 import run  # the command in-process, usage errors included

SAMPLE = bloglist.loads(bloglist.sample_text())


class _Pieces(io.RawIOBase):
    """A binary file whose reads give *pieces*, one a read, whatever size
    is asked for (as a pipe or a socket may)."""

    def __init__(self, pieces: list[bytes]) -> None:
        super().__init__()
        self._pieces = list(pieces)

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1, /) -> bytes:
        return self._pieces.pop(0) if self._pieces else b""


def _read_until_the_error(
    pieces: list[bytes],
) -> tuple[list[object], bloglist.ParseError]:
    """What iterload yields from *pieces* before its ParseError, and the error."""
    found: list[object] = []
    with pytest.raises(bloglist.ParseError) as caught:
        found.extend(bloglist.iterload(_Pieces(pieces)))  # keeps what came first
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

    def test_the_command_writes_the_post_then_reports_the_byte(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A file read 64 KiB at a time, whose tag line straddles the first
        64 KiB: the post is written before the error, with status 1."""
        good = b"\nT\n\n" + b"E" * 65529 + b"\nNe" + b"ws\n"
        assert good.index(b"ws\n") == 1 << 16  # "Ne" ends the first 64 KiB
        (tmp_path / "big.txt").write_bytes(good + _BAD_LINE)
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "big.txt", "--format", "jsonl")
        expected = bloglist.loads(good.decode("utf-8"))
        assert [post.tags for post in expected] == [("News",)]
        assert (status, out) == (1, bloglist.to_jsonl(expected))
        assert err == (
            "big.txt:6:5: invalid-utf8 byte 0xff is not valid UTF-8; text in another "
            "encoding, such as Windows-1252 or Latin-1, needs converting to UTF-8 "
            "first (iconv -f windows-1252 -t utf-8)\n"
        )


class TestLimitComesAfterPaging:
    """``--limit N`` keeps the first N posts of the page ``--page`` chose,
    on the path that reads every post first (``--sort``) as well: the
    library's page, then its first N posts."""

    ARGV = ("--sort", "title", "--page", "2", "--page-size", "3", "--limit", "2")

    @staticmethod
    def expected() -> str:
        page = SAMPLE.sort_by("title").page(2, size=3).posts
        assert len(page) == 3
        return bloglist.to_jsonl(page[:2])

    def test_show(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "--sample", *self.ARGV, "--format", "jsonl")
        assert (status, out, err) == (0, self.expected(), "")

    def test_archive_show(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "a.db"
        seen_at = datetime.datetime(2025, 3, 5, 6, tzinfo=datetime.UTC)
        bloglist.open_archive(path).add(SAMPLE, seen_at=seen_at)
        status, out, err = run(
            capsys, "archive", "show", str(path), *self.ARGV, "--format", "jsonl"
        )
        assert (status, err) == (0, "")
        # The posts, each with the archive's keys after the schema's.
        assert bloglist.to_jsonl(bloglist.from_jsonl(out)) == self.expected()
        assert [json.loads(line)["first_seen"] for line in out.splitlines()] == [
            "2025-03-05T06:00:00Z"
        ] * 2


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
        status, out, err = run(
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


class TestScrapesGoingBackInTimeAreDamage:
    """A scrape seen earlier than the one added before it (a row written by
    hand) makes the archive damaged, for ``scrapes()`` as for ``load()``,
    wherever it is: here the third, set between the first two."""

    def test_the_third_between_the_first_two(self, tmp_path: Path) -> None:
        path = tmp_path / "a.db"
        store = bloglist.open_archive(path)
        day = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        for days in range(3):
            store.add(
                [bloglist.Post(title="One")],
                seen_at=day + datetime.timedelta(days=days),
            )
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(
                "UPDATE scrapes SET seen_at = '2025-03-05T12:00:00.000000+00:00' "
                "WHERE id = 3"
            )
        with pytest.raises(bloglist.ArchiveError) as scrapes:
            bloglist.open_archive(path).scrapes()
        assert (
            "scrape 3, seen at 2025-03-05T12:00:00+00:00, is earlier than "
            "scrape 2 added before it, seen at 2025-03-06T00:00:00+00:00"
        ) in str(scrapes.value)
        with pytest.raises(bloglist.ArchiveError) as load:
            bloglist.open_archive(path).load()
        assert str(load.value) == str(scrapes.value)


class TestTheFileOfAPostThatCannotBeWritten:
    """When a post cannot be written (here, a tag that holds the CSV's tag
    separator), the error names the file and line the post came from, not
    those of an equal post in another file."""

    def test_the_second_file_of_two_equal_posts(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        Path("a.txt").write_text("\nX\n\nE\nA|B\n")
        Path("b.txt").write_text("\nFirst\n\nE\n\nX\n\nE\nA|B\n")
        # Sorted by title: First, X (a.txt), X (b.txt); page 3 is b.txt's.
        argv = ["--sort", "title", "--page", "3", "--page-size", "1"]
        status, _, err = run(capsys, "a.txt", "b.txt", *argv, "--format", "csv")
        assert status == 1
        assert err == (
            "bloglist: error: b.txt:6: post 'X': tags ('A|B',) would read back "
            "as ('A', 'B'); choose a tag separator that no tag holds "
            "(--tag-separator)\n"
        )


class TestTheDefaultFeedId:
    """Without ``--feed-id``, the feed's id is the one docs/cli.md gives
    the recipe of, the same in every release: a reader that follows the
    feed does not see a new feed after an upgrade."""

    ID = "urn:uuid:5ac40f50-2242-5c3a-aef5-388a5ce7a56f"

    def test_the_recipe_gives_the_id(self) -> None:
        name = "bloglist:" + "bloglist sample"
        assert uuid.uuid5(uuid.NAMESPACE_URL, name).urn == self.ID

    def test_the_sample_feed(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "--sample", "--format", "atom")
        assert status == 0
        assert out.splitlines()[2] == f"  <id>{self.ID}</id>"
        assert out == bloglist.to_atom(SAMPLE, title="bloglist sample", feed_id=self.ID)
