"""`bloglist diff` and `bloglist archive`: run in-process for output, as processes for status."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import bloglist
from bloglist import Archive
from bloglist._cli import main
from bloglist._cli_history import COMMANDS, add_commands
from bloglist._match import post_id

SAMPLE_TEXT = bloglist.sample_text()
SAMPLE = bloglist.loads(SAMPLE_TEXT)
DAY = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)
BROKEN = "sticky\nFeb 30, 2024\n\nA title\n\nAn excerpt\nTag\n"


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
            (["diff", "-", "-"], "cannot both be standard input"),
            (["diff", str(tmp_path), str(broken)], "it is a directory"),
        ]:
            status, out, err = run(capsys, *argv)
            assert (status, out) == (2, ""), argv
            assert message in err and "Traceback" not in err

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


class TestArchiveAdd:
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
        """A scrape from stdin has no mtime: --seen-at is required."""
        db = tmp_path / "blog.db"
        status, _, err = run(capsys, "archive", "add", str(db), "-")
        assert status == 2 and "needs --seen-at" in err
        import io

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
                "only once",
            ),
            ([str(tmp_path / "missing.txt")], 2, "cannot read"),
        ]
        for argv, expected, message in cases:
            status, _, err = run(capsys, "archive", "add", str(db), *argv)
            assert status == expected and message in err, (argv, err)
        assert bloglist.open_archive(db).load() == before

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

    def test_a_busy_archive_is_status_2_after_the_timeout(
        self, scrapes: tuple[Path, Path], tmp_path: Path
    ) -> None:
        """Another writer holding the file: the real command waits, then says so."""
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
        assert done.returncode == 2 and "busy" in done.stderr
        assert bloglist.open_archive(db).load() == Archive()


@pytest.fixture
def archive_file(
    capsys: pytest.CaptureFixture[str], scrapes: tuple[Path, Path], tmp_path: Path
) -> Path:
    db = tmp_path / "blog.db"
    assert run(capsys, "archive", "add", str(db), *map(str, scrapes))[0] == 0
    return db


class TestArchiveShow:
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

    def test_a_page_past_the_end_is_status_2(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """The feed takes the paging options of show."""
        status, out, err = run(
            capsys, "archive", "feed", str(archive_file), "--page", "99"
        )
        assert (status, out) == (2, "") and "page" in err

    def test_a_bad_feed_id_is_status_2(
        self, capsys: pytest.CaptureFixture[str], archive_file: Path
    ) -> None:
        """Feed options are checked as in show."""
        with pytest.raises(SystemExit) as info:
            main(["archive", "feed", str(archive_file), "--feed-id", "not an iri"])
        assert info.value.code == 2
