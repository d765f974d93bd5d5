"""Tests written by a hand-made mutation test of the history commands
(`diff`, `archive add`, `archive show`, `archive feed`): each kills a mutant
of ``_cli_history.py`` that no test told apart from the real code, by what a
shell user or a script relies on.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import bloglist
from bloglist._cli import main

SAMPLE_TEXT = bloglist.sample_text()
SAMPLE = bloglist.loads(SAMPLE_TEXT)
NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def archived(path: Path, posts: list[bloglist.Post] | bloglist.Listing) -> Path:
    bloglist.open_archive(path).add(posts, seen_at=NOON)
    return path


def written(path: Path, posts: list[bloglist.Post] | bloglist.Listing) -> Path:
    path.write_text(bloglist.dumps(posts), encoding="utf-8")
    return path


class TestArchiveAdd:
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

    def test_standard_input_needs_seen_at(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """A pipe has no modification time: the message says which input
        needs the option."""
        stdin = io.TextIOWrapper(io.BytesIO(SAMPLE_TEXT.encode("utf-8")))
        monkeypatch.setattr(sys, "stdin", stdin)
        db = tmp_path / "blog.db"
        assert run(capsys, "archive", "add", str(db), "-") == (
            2,
            "",
            "bloglist: error: a scrape read from standard input needs --seen-at\n",
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


class TestArchiveShow:
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


class TestArchiveFeed:
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
