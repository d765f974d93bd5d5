"""The bloglist command: run as users run it, through main(argv) and as a real process."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import errno
import io
import itertools
import json
import os
import random
import signal
import stat
import subprocess
import sys
import tracemalloc
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import SortKey, sample_text
from bloglist._cli import main
from bloglist._cli_common import feed_id
from fifo import unopened_fifo

SAMPLE = bloglist.loads(bloglist.sample_text())
KEYS = ["title", "date", "excerpt", "summary", "truncated", "tags", "sticky"]
BROKEN = "sticky\nFeb 30, 2024\n\nA title\n\nAn excerpt\nTag\nJunk\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_with_usage_errors(
    capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    """The command run in-process: its exit status, output and errors
    (argparse's exit on a usage error included)."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        assert isinstance(exit_.code, int)
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def listing_file(tmp_path: Path) -> Path:
    path = tmp_path / "listing.txt"
    path.write_text(bloglist.sample_text(), encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.txt"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def assert_table_rows(out: str, titles: list[str]) -> None:
    """*out* is a table with a header and one row per title, in order."""
    header, *rows = out.splitlines()
    assert header.split() == ["DATE", "STICKY", "TITLE", "TAGS"]
    assert len(rows) == len(titles)
    for row, title in zip(rows, titles, strict=True):
        assert title in row


class TestShow:
    def test_sample_prints_the_sample_as_a_table(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`bloglist --sample` shows every post of the bundled sample, with a header."""
        status, out, err = run(capsys, "--sample")
        assert (status, err) == (0, "")
        assert_table_rows(out, [post.title for post in SAMPLE])

    def test_reads_a_file_and_standard_input_alike(
        self,
        capsys: pytest.CaptureFixture[str],
        listing_file: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A path and '-' with the same text on standard input give the same output."""
        from_file = run(capsys, str(listing_file))
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(listing_file.read_bytes()))
        )
        assert run(capsys, "-") == from_file

    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            (
                ["--tag", "data", "--tag", "MOBILE"],
                lambda p: {"data", "mobile"} & _folded(p),
            ),
            (
                ["--all-tags", "Data", "--all-tags", "Data Science"],
                lambda p: {"data", "data science"} <= _folded(p),
            ),
            (["--exclude-tag", "data"], lambda p: "data" not in _folded(p)),
            (
                ["--since", "2024-07"],
                lambda p: p.date is not None and p.date.isoformat() >= "2024-07-01",
            ),
            (["--until", "2024"], lambda p: p.date is not None and p.date.year < 2024),
            (["--year", "2024"], lambda p: p.date is not None and p.date.year == 2024),
            (["--sticky"], lambda p: p.sticky),
            (["--not-sticky"], lambda p: not p.sticky),
            (
                ["--search", "BUILD", "--search", "tools"],
                lambda p: all(
                    t in (p.title + " " + p.excerpt).lower() for t in ("build", "tools")
                ),
            ),
        ],
    )
    def test_query_options_select_the_posts_the_query_api_would(
        self, capsys: pytest.CaptureFixture[str], options: list[str], expected: object
    ) -> None:
        """Each filter option keeps exactly the posts its rule describes, in listing order."""
        status, out, _ = run(capsys, "--sample", *options, "--format", "json")
        assert status == 0
        wanted = [p.title for p in SAMPLE if expected(p)]  # type: ignore[operator]
        assert wanted, "the sample should hold posts for this option"
        assert [record["title"] for record in json.loads(out)] == wanted

    def test_sort_limit_and_page(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--sort date:asc orders oldest first; --page and --limit cut the result."""
        dated = sorted((p for p in SAMPLE if p.date), key=lambda p: p.date)  # type: ignore[arg-type,return-value]
        _, out, _ = run(capsys, "--sample", "--sort", "date:asc", "--format", "json")
        titles = [r["title"] for r in json.loads(out)]
        assert titles[: len(dated)] == [p.title for p in dated]
        _, page2, _ = run(
            capsys,
            "--sample",
            "--sort",
            "date:asc",
            "--page",
            "2",
            "--page-size",
            "4",
            "--format",
            "json",
        )
        assert [r["title"] for r in json.loads(page2)] == titles[4:8]
        _, limited, _ = run(
            capsys, "--sample", "--sort", "title", "--limit", "3", "--format", "json"
        )
        assert [r["title"] for r in json.loads(limited)] == sorted(
            p.title for p in SAMPLE
        )[:3]

    def test_undated_posts_go_last_or_first(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """In a date sort undated posts come last, or first with --undated first."""
        undated = [p.title for p in SAMPLE if p.date is None]
        _, last, _ = run(capsys, "--sample", "--sort", "date", "--format", "json")
        assert [r["title"] for r in json.loads(last)][-len(undated) :] == sorted(
            undated
        )
        _, first, _ = run(
            capsys,
            "--sample",
            "--sort",
            "date",
            "--undated",
            "first",
            "--format",
            "json",
        )
        assert [r["title"] for r in json.loads(first)][: len(undated)] == sorted(
            undated
        )

    def test_sticky_first_comes_before_paging(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --sticky-first, the first page holds the sticky posts and only then others."""
        sticky = sum(p.sticky for p in SAMPLE)
        _, out, _ = run(
            capsys,
            "--sample",
            "--sticky-first",
            "--sort",
            "date",
            "--page",
            "1",
            "--page-size",
            str(sticky + 1),
            "--format",
            "json",
        )
        records = json.loads(out)
        assert len(records) == sticky + 1
        assert [r["sticky"] for r in records] == [True] * sticky + [False]

    @pytest.mark.parametrize("page", [None, "1", "2"])
    def test_sticky_first_alone_keeps_the_listings_order(
        self, capsys: pytest.CaptureFixture[str], page: str | None
    ) -> None:
        """Without --sort, --sticky-first moves the sticky posts to the front
        and keeps the listing's own order within each part (a blog's front
        page): docs/cli.md says posts keep the listing's order unless
        --sort is given."""
        expected = [p.title for p in SAMPLE if p.sticky] + [
            p.title for p in SAMPLE if not p.sticky
        ]
        assert expected != sorted(expected)  # the sample's order is not A to Z
        paging = [] if page is None else ["--page", page, "--page-size", "4"]
        _, out, _ = run(
            capsys, "--sample", "--sticky-first", *paging, "--format", "json"
        )
        if page is not None:
            start = (int(page) - 1) * 4
            expected = expected[start : start + 4]
        assert [r["title"] for r in json.loads(out)] == expected

    def test_sticky_first_with_no_sticky_post_changes_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "two.txt"
        path.write_text("\nZebra\n\nE\n\nApple\n\nE\n", encoding="utf-8")
        _, out, _ = run(capsys, str(path), "--sticky-first", "--format", "json")
        assert [r["title"] for r in json.loads(out)] == ["Zebra", "Apple"]

    @pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "atom", "listing"])
    def test_formats_carry_every_post(
        self, capsys: pytest.CaptureFixture[str], fmt: str
    ) -> None:
        """Each output format, read back by its own reader, gives the sample's titles."""
        status, out, _ = run(capsys, "--sample", "--format", fmt)
        assert status == 0
        titles = [p.title for p in SAMPLE]
        if fmt == "json":
            assert [r["title"] for r in json.loads(out)] == titles
        elif fmt == "jsonl":
            assert [json.loads(line)["title"] for line in out.splitlines()] == titles
        elif fmt == "csv":
            assert [
                row["title"] for row in csv.DictReader(io.StringIO(out, newline=""))
            ] == titles
        elif fmt == "atom":
            import xml.etree.ElementTree as ET

            ns = {"a": "http://www.w3.org/2005/Atom"}
            root = ET.fromstring(out)
            assert [
                e.findtext("a:title", namespaces=ns)
                for e in root.findall("a:entry", ns)
            ] == titles
            assert root.findtext("a:title", namespaces=ns) == "bloglist sample"
        else:
            assert bloglist.loads(out) == SAMPLE

    def test_atom_feed_id_and_title_can_be_set(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--feed-title and --feed-id go into the feed."""
        _, out, _ = run(
            capsys,
            "--sample",
            "--format",
            "atom",
            "--feed-title",
            "Eng",
            "--feed-id",
            "tag:example.com,2025:eng",
        )
        assert "<id>tag:example.com,2025:eng</id>" in out
        assert '<title type="text">Eng</title>' in out

    def test_known_tags_reach_the_parser(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--known-tag keeps names like GenAI whole."""
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nGenAIData\n", encoding="utf-8")
        _, out, _ = run(capsys, str(path), "--known-tag", "GenAI", "--format", "json")
        assert json.loads(out)[0]["tags"] == ["GenAI", "Data"]
        _, plain, _ = run(capsys, str(path), "--format", "json")
        assert json.loads(plain)[0]["tags"] == ["Gen", "AIData"]

    def test_known_tags_reach_the_listing_writer(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--format listing writes GenAIData, read as GenAI and Data with
        --known-tag GenAI, as a tag line those known tags read back the same:
        not refused as a line the case rule alone would split otherwise."""
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nGenAIData\n", encoding="utf-8")
        status, out, err = run(
            capsys, str(path), "--known-tag", "GenAI", "--format", "listing"
        )
        assert (status, err) == (0, "")
        assert bloglist.loads(out, known_tags=["GenAI"])[0].tags == ("GenAI", "Data")

    def test_the_listing_written_is_one_the_command_reads_back(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A first title of a NUL, an ASCII character and a NUL would start the
        bytes written as UTF-16 does, which the command refuses to read: it
        is refused as it is written (status 1), not when read back."""
        path = tmp_path / "l.txt"
        path.write_bytes(b"\n\n\x00A\x00\n\nx\n\nT\n\nE\n")
        with path.open("rb") as fp:
            assert [p.title for p in bloglist.load(fp)] == ["\x00A\x00", "T"]
        status, out, err = run(capsys, str(path), "--format", "listing")
        assert (status, out) == (1, "")
        assert err == (
            f"bloglist: error: {path}:3: post '\\x00A\\x00': title starts with a "
            "NUL, an ASCII character and a NUL: as UTF-8, the listing would start as "
            "UTF-16 without a byte order mark does, which bloglist refuses to "
            "read as bytes; write it as text\n"
        )
        # Second, it is no start: written, and read back.
        status, out, err = run(
            capsys, str(path), "--format", "listing", "--sort", "title:desc"
        )
        assert (status, err) == (0, "")
        assert [p.title for p in bloglist.loads(out)] == ["T", "\x00A\x00"]

    def test_control_characters_in_titles_are_escaped_in_the_table(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A title cannot move the terminal's cursor: control characters print as escapes."""
        path = tmp_path / "l.txt"
        path.write_text("\nEvil\x1b[2Jtitle\n\nE\n", encoding="utf-8")
        _, out, _ = run(capsys, str(path))
        assert "\x1b" not in out
        assert "Evil\\x1b[2Jtitle" in out

    def test_tag_separator_joins_the_csv_tags(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A tag holding the default ``|`` cannot go into a CSV cell joined by
        ``|`` (exit 1, the option named); ``--tag-separator`` joins with
        another, and the cells split back to the tags."""
        posts = [
            bloglist.Post(title="One", excerpt="E", tags=["A|B", "C"]),
            bloglist.Post(title="Two", excerpt="E", tags=["D"]),
        ]
        path = tmp_path / "l.txt"
        path.write_text(bloglist.dumps(posts, known_tags=["A|B"]), encoding="utf-8")
        status, _, err = run(capsys, str(path), "--known-tag", "A|B", "--format", "csv")
        assert status == 1
        assert "--tag-separator" in err
        status, out, _ = run(
            capsys,
            str(path),
            "--known-tag",
            "A|B",
            "--format",
            "csv",
            "--tag-separator",
            "; ",
        )
        assert status == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["tags"].split("; ") for row in rows] == [["A|B", "C"], ["D"]]

    @pytest.mark.parametrize(
        "argv",
        [
            ["--sample", "--lim", "1"],
            ["show", "--sample", "--form", "json"],
            ["archive", "show", "--sam"],
        ],
    )
    def test_options_are_spelled_out_in_full(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """An abbreviation is not an option: a script that used one would
        break when a later release adds an option with the same start."""
        with pytest.raises(SystemExit) as info:
            main(argv)
        out, err = capsys.readouterr()
        assert (info.value.code, out) == (2, "")
        assert "unrecognized arguments" in err or "required" in err

    def test_an_empty_tag_separator_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path
    ) -> None:
        with pytest.raises(SystemExit) as info:
            main([str(listing_file), "--format", "csv", "--tag-separator", ""])
        out, err = capsys.readouterr()
        assert (info.value.code, out) == (2, "")
        # The option, named once, not the library's tag_separator.
        assert err.splitlines()[-1] == (
            "bloglist show: error: argument --tag-separator: must not be empty"
        )


class TestExcludeTagsEachOne:
    """`--exclude-tag A --exclude-tag B` drops the posts with A and those
    with B (Where.tagged_none), not only those with both."""

    def test_two_tags(self, capsys: pytest.CaptureFixture[str]) -> None:
        tags = [tag for tag, _ in SAMPLE.count_by("tag")][:2]
        expected = SAMPLE.filter(bloglist.Where.tagged_none(*tags))
        # The sample has a post with one of the two and not the other.
        assert len(expected) < len(SAMPLE.filter(~bloglist.Where.tagged_all(*tags)))
        argv = ["--exclude-tag", tags[0], "--exclude-tag", tags[1]]
        status, out, _ = run_with_usage_errors(
            capsys, "--sample", *argv, "--format", "jsonl"
        )
        assert (status, out) == (0, bloglist.to_jsonl(expected))
        # The same posts when the whole listing is read first (--sort).
        status, out, _ = run_with_usage_errors(
            capsys, "--sample", *argv, "--sort", "title", "--format", "jsonl"
        )
        assert (status, out) == (0, bloglist.to_jsonl(expected.sort_by("title")))


def _folded(post: bloglist.Post) -> set[str]:
    return {tag.casefold() for tag in post.tags}


class TestDataProblems:
    def test_show_prints_what_it_can_and_reports_errors(
        self, capsys: pytest.CaptureFixture[str], broken_file: Path
    ) -> None:
        """A lenient show prints the posts, lists each problem on stderr, and exits 1."""
        status, out, err = run(capsys, str(broken_file))
        assert status == 1
        assert_table_rows(out, ["A title"])
        assert err.splitlines() == [
            f"{broken_file}:2:1: invalid-date date 'Feb 30, 2024' is not a real day",
            f"{broken_file}:8:1: extra-line line 'Junk' follows the tag line; a post ends with its tag line",
        ]

    def test_strict_stops_at_the_first_error(
        self, capsys: pytest.CaptureFixture[str], broken_file: Path
    ) -> None:
        """--strict prints nothing but the first error, as FILE:LINE:COL: code message."""
        status, out, err = run(capsys, str(broken_file), "--strict")
        assert (status, out) == (1, "")
        assert (
            err
            == f"{broken_file}:2:1: invalid-date date 'Feb 30, 2024' is not a real day\n"
        )

    def test_bytes_that_are_not_utf8_are_one_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Undecodable input is a data problem, reported with its place, no traceback."""
        path = tmp_path / "latin1.txt"
        path.write_bytes("\nCafé\n\nx\n".encode("latin-1"))
        status, out, err = run(capsys, str(path))
        assert (status, out) == (1, "")
        assert err == (
            f"{path}:2:4: invalid-utf8 byte 0xe9 is not valid UTF-8; text in another "
            "encoding, such as Windows-1252 or Latin-1, needs converting to UTF-8 "
            "first (iconv -f windows-1252 -t utf-8)\n"
        )

    def test_a_download_cut_in_a_character_is_said_to_be_cut(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A cron job's scrape cut off inside `…`: fetch it again, not the
        conversion that would garble every curly quote of the archive."""
        path = tmp_path / "index.txt"
        whole = "Mar 3, 2026\n\nAlpha\n\nWe rebuilt it \u2014 here is how [\u2026]\n"
        path.write_bytes(whole.encode()[:-4])
        status, out, err = run(capsys, "check", str(path))
        assert status == 1
        assert out == (
            f"{path}:5:30: invalid-utf8 byte 0xe2 is not valid UTF-8: the text ends "
            "in the middle of a character, as a file cut short does (a download "
            "that stopped: fetch it again)\n"
        )
        assert err == f"{path}: 0 posts, 1 error, 0 warnings\n"

    @pytest.mark.parametrize("brk", ["\n", "\r", "\r\n"])
    def test_the_posts_before_a_long_line_are_all_read(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, brk: str
    ) -> None:
        """A line too long stops the input after every post before it, whatever
        ends the lines: here the first read of 64 KiB ends just after the
        last tag line's \\r, and the next starts with the long line (or
        with the \\n of a \\r\\n). `show` writes each post and `check`
        counts it, as with \\n: a post whose last line ended in \\r there
        was lost."""
        blocks = [
            f"{brk}Post {i:05d}{brk}{brk}Words.{brk}Tag{brk}" for i in range(3000)
        ]
        # Byte 65,536, the last of the first read, is the first of a break.
        target = 65_536 + len(brk) - 1
        while len("".join(blocks)) > target:
            blocks.pop()
        pad = "." * (target - len("".join(blocks)))
        blocks[0] = blocks[0].replace("Words.", "Words." + pad)
        posts = len(blocks)
        path = tmp_path / "long.txt"
        path.write_bytes(("".join(blocks) + "x" * 5000 + brk).encode())
        limit = ["--max-line-length", "4096"]
        status, out, err = run(capsys, str(path), "--format", "jsonl", *limit)
        assert status == 1
        assert len(out.splitlines()) == posts
        assert json.loads(out.splitlines()[-1])["title"] == f"Post {posts - 1:05d}"
        long = 5 * posts + 1
        finding = f"{path}:{long}:1: line-too-long line is longer than 4096 bytes"
        assert err.startswith(finding)
        status, out, err = run(capsys, "check", str(path), *limit)
        assert (status, out.splitlines()) == (1, [f"{finding}; see --max-line-length"])
        assert err == f"{path}: {posts} posts, 1 error, 0 warnings\n"

    def test_the_default_line_limit_is_the_1_mib_the_docs_give(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """docs/cli.md: --max-line-length defaults to 1 MiB, 1048576 bytes. A
        title of exactly that many bytes is read whole; one byte more is a
        line-too-long error at that line, naming the limit and the option."""
        mib = 1 << 20
        path = tmp_path / "long.txt"
        path.write_text(f"\n{'x' * mib}\n\nWords.\nTag\n", encoding="utf-8")
        status, out, err = run(capsys, str(path), "--format", "jsonl")
        assert (status, err) == (0, "")
        assert len(json.loads(out)["title"]) == mib
        path.write_text(f"\n{'x' * (mib + 1)}\n\nWords.\nTag\n", encoding="utf-8")
        status, out, err = run(capsys, "check", str(path))
        finding = f"{path}:2:1: line-too-long line is longer than {mib} bytes"
        assert (status, out) == (1, f"{finding}; see --max-line-length\n")

    def test_utf16_without_a_byte_order_mark_is_named(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A file saved as UTF-16 with no BOM (`iconv -t UTF-16LE`) is not read
        as posts whose titles are full of NUL characters: the one problem
        reported is its encoding, at line 1, and no post comes out."""
        path = tmp_path / "utf16.txt"
        path.write_bytes("\nHello\n\nWorld\n".encode("utf-16-le"))
        status, out, err = run(capsys, "check", str(path))
        assert status == 1
        assert out.startswith(f"{path}:1:")
        assert "UTF-16" in out.splitlines()[0]
        assert err == f"{path}: 0 posts, 1 error, 0 warnings\n"

    def test_tags_a_csv_cannot_carry(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A post the chosen format cannot carry is one line on stderr and exit 1."""
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nA|BCd\n", encoding="utf-8")
        status, out, err = run(capsys, str(path), "--format", "csv")
        # The header goes out with the first row: with none, nothing is
        # written that would read as a whole, empty table.
        assert (status, out) == (1, "")
        assert err.startswith(f"bloglist: error: {path}:2: post 'T': tags")
        assert len(err.splitlines()) == 1

    @pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "table", "listing"])
    def test_an_input_that_fails_before_its_first_post_writes_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
    ) -> None:
        """No CSV header (or anything else) that would read as a whole, empty
        listing: a missing file, a strict error in the first post."""
        bad = tmp_path / "bad.txt"
        bad.write_text("Mar 5\n\nT\n\nE\n", encoding="utf-8")
        for args, expected in (
            ([str(tmp_path / "nope.txt")], 2),
            ([str(bad), "--strict"], 1),
        ):
            status, out, err = run(capsys, *args, "--format", fmt)
            assert (status, out) == (expected, "")
            assert len(err.splitlines()) == 1


class TestUsageErrors:
    def test_a_missing_file_is_one_line_and_status_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A file that does not exist is named in one line, exit status 2."""
        missing = tmp_path / "nope.txt"
        status, out, err = run(capsys, str(missing))
        assert (status, out) == (2, "")
        assert (
            err
            == f"bloglist: error: cannot read {missing}: No such file or directory\n"
        )

    def test_a_directory_is_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Passing a folder is a usage error, not a traceback."""
        status, _, err = run(capsys, str(tmp_path))
        assert status == 2
        assert "is a directory" in err

    @pytest.mark.parametrize(
        ("argv", "needle"),
        [
            (["--format", "yaml"], "invalid choice"),
            (["--since", "2024-13"], "--since"),
            (["--sort", "length"], "--sort"),
            (["--limit", "0"], "--limit"),
            (["--page", "x"], "--page"),
            (["--sticky", "--not-sticky"], "not allowed with"),
            (["stats", "--by", "week"], "invalid choice"),
        ],
    )
    def test_bad_options_exit_2_with_the_option_named(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
    ) -> None:
        """argparse rejects bad options with status 2 and a message naming the option."""
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        assert needle in capsys.readouterr().err

    def test_a_page_past_the_end_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Asking for page 9 of 2 says how many pages there are."""
        status, out, err = run(capsys, "--sample", "--page", "9")
        assert (status, out) == (2, "")
        assert "page 9" in err and "2 pages" in err

    @pytest.mark.parametrize(
        "order", [[], ["--sort", "title"], ["--sticky-first"], ["--sort=-date"]]
    )
    def test_a_page_past_the_end_names_the_option_in_every_order(
        self, capsys: pytest.CaptureFixture[str], order: list[str]
    ) -> None:
        """A listing in its own order is paged as it is read, a sorted one
        once it is read whole: past the last page both start with
        `argument --page:`, as every bad value of an option does, then say
        what Listing.page says (of pages of 10, --page-size's default)."""
        with pytest.raises(IndexError) as exc:
            SAMPLE.page(9, size=10)
        status, out, err = run(capsys, "--sample", *order, "--page", "9")
        assert (status, out) == (2, "")
        assert err == f"bloglist: error: argument --page: {exc.value}\n"

    @pytest.mark.parametrize("tag", [None, "Data", "No such tag"])
    @pytest.mark.parametrize("size", [1, 2, 5, 11, 12, 13, 10**9, 2**70])
    def test_every_page_is_the_listings_page_at_every_edge(
        self, tag: str | None, size: int
    ) -> None:
        """With no sort, --page streams (it reads no further than its page):
        each page, and the error past the last, is what Listing.page gives
        for the matching posts, with and without --limit."""
        matching = SAMPLE.filter(bloglist.Where.tagged_any(tag)) if tag else SAMPLE
        pages = max(1, -(-len(matching) // size))
        # Past sys.maxsize too: options take any number, islice does not.
        beyond = sys.maxsize // size + 2  # a page that starts past sys.maxsize
        edges = {1, 2, pages - 1, pages, pages + 1, 2 * pages + 1, beyond, 2**70}
        for number in sorted(edges):
            if number < 1:
                continue
            for limit in (None, 1, size + 1, 2**64):
                argv = ["--sample", "--page", str(number), "--page-size", str(size)]
                argv += ["--format", "jsonl"]
                argv += [] if tag is None else ["--tag", tag]
                argv += [] if limit is None else ["--limit", str(limit)]
                status, out, err = status_of(*argv)
                try:
                    page = matching.page(number, size=size).posts
                except IndexError as exc:
                    assert (status, out) == (2, ""), argv
                    counted = " (counting the posts the options select)" * bool(tag)
                    assert err == f"bloglist: error: argument --page: {exc}{counted}\n"
                    continue
                expected = page if limit is None else page.first(limit)
                assert (status, err) == (0, ""), argv
                assert out == bloglist.to_jsonl(expected), argv


class TestABadDateRangeBeforeAnyInput:
    """`--since` after `--until` is a usage error before any input is read,
    whatever the command: the listing's problems are not reported first,
    as if the command had run."""

    @pytest.mark.parametrize(
        "command", [["tags"], ["stats"], ["show", "--sort", "date"], ["show"]]
    )
    def test_no_finding_comes_before_the_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
    ) -> None:
        path = tmp_path / "broken.txt"
        path.write_text("Feb 30, 2024\n\nA title\n\nAn excerpt\n", encoding="utf-8")
        status, out, err = run_with_usage_errors(
            capsys, *command, str(path), "--since", "2025", "--until", "2024"
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: --until 2024 is not after --since 2025: no post "
            "can be dated on or after --since and before --until\n"
        )


class TestANegativeNumberIsSaidSo:
    """A negative number is a number, told what range it misses, not that it
    is no number at all."""

    @pytest.mark.parametrize(
        ("option", "message"),
        [
            ("--limit", "-1 is less than 1"),
            ("--page", "-1 is less than 1"),
            ("--max-line-length", "-1 is less than 1"),
            ("--max-diagnostics", "-1 is less than 0"),
        ],
    )
    def test_the_range_is_named(
        self, capsys: pytest.CaptureFixture[str], option: str, message: str
    ) -> None:
        status, out, err = run_with_usage_errors(capsys, "--sample", option, "-1")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument {option}: {message}"
        )

    def test_year_0000_is_out_of_range(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with pytest.raises(ValueError, match="out of range") as refused:
            bloglist.Where.year(0)
        status, out, err = run_with_usage_errors(capsys, "--sample", "--year", "0000")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument --year: {refused.value}"
        )

    @pytest.mark.parametrize("year", ["24", "-5", "+2024", "02024", "99999", "2024 "])
    def test_a_year_not_written_in_four_digits_is_told_the_spelling(
        self, capsys: pytest.CaptureFixture[str], year: str
    ) -> None:
        """As --since writes its year: --year 24 is no silent search of the
        year 24, which would find nothing and exit 0."""
        status, out, err = run_with_usage_errors(capsys, "--sample", "--year", year)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument --year: {year!r} is not a year"
            " written YYYY: four digits, as 2024 (0024 for the year 24)"
        )

    def test_a_year_before_1000_is_written_with_its_zeros(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "old.txt"
        path.write_text("Mar 05, 0024\n\nOld\n\nE\nMar 5, 2024\n\nNew\n\nE\n")
        status, out, _ = run_with_usage_errors(
            capsys, str(path), "--year", "0024", "--format", "jsonl"
        )
        assert status == 0
        assert [json.loads(line)["title"] for line in out.splitlines()] == ["Old"]


class TestANegativeFractionWhereAFileGoes:
    @pytest.mark.parametrize("word", ["-1.5", "-.5"])
    def test_it_is_a_file_name_not_an_option(self, word: str) -> None:
        """A word such as ``-1.5`` or ``-.5`` where a file goes reads as a
        file name, as ``-5`` does, not as an option the command lacks:
        `bloglist diff -1.5` takes ``-1.5`` for OLD, as argparse reads a
        negative number, so the error is NEW still missing, as after
        `bloglist diff -5`, not an option diff does not take, with a hint
        to put a file named so after ``--``, where it already is one."""
        status, out, err = status_with_text_stdout("diff", word)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            "bloglist diff: error: the following arguments are required: NEW"
        )


# How the command reads its words: a whole number written with a ``+`` sign,
# which the options that take one accept as Python's ``int`` does; ``--``
# before a file whose name starts with ``-``, and short flags run together
# (``-qq``), neither of which is an unknown option when an argument is
# missing; where a dashed name goes; and a directory's name in its error.


@pytest.mark.parametrize(
    "given",
    [
        ["--limit", "2"],
        ["--page", "1"],
        ["--page", "1", "--page-size", "2"],
        ["--max-line-length", "2000"],
        ["--max-diagnostics", "2"],
    ],
)
def test_a_whole_number_may_have_a_plus_sign(given: list[str]) -> None:
    signed = [*given[:-1], f"+{given[-1]}"]
    assert status_of("--sample", *signed) == status_of("--sample", *given)
    assert status_of("--sample", *signed)[0] == 0


def test_a_dash_name_after_the_double_dash_is_no_unknown_option() -> None:
    status, out, err = status_of("diff", "--", "-x")
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (
        "bloglist diff: error: the following arguments are required: NEW"
    )


def test_short_flags_run_together_are_no_unknown_option(tmp_path: Path) -> None:
    status, out, err = status_of("archive", "add", str(tmp_path / "blog.db"), "-qq")
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (
        "bloglist archive add: error: the following arguments are required: "
        "FILE (- reads standard input, with --seen-at TIME)"
    )


@pytest.mark.parametrize(
    ("argv", "last"),
    [
        (
            ["show", "a.txt", "--bogus", "-b.txt"],
            "bloglist show: error: unrecognized arguments: --bogus -b.txt"
            " (a file whose name starts with '-' goes after --)",
        ),
        (
            ["archive", "show", "blog.db", "-b.txt"],
            "bloglist archive show: error: unrecognized arguments: -b.txt",
        ),
        # A long option whose value holds a line break is still a long
        # option, spelt so: no file's name.
        (
            ["show", "a.txt", "--bogus=x\ny"],
            "bloglist show: error: unrecognized arguments: --bogus=x\\ny",
        ),
    ],
)
def test_where_a_dashed_name_goes_is_said_where_it_may_be_one(
    argv: list[str], last: str
) -> None:
    """A long option beside a dashed name: the name may be a file, and the
    hint is given; a command that takes no files (archive show has its
    ARCHIVE) gives none for a word past it."""
    status, out, err = status_of(*argv)
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == last


@pytest.mark.parametrize("command", [[], ["check"], ["tags"]])
def test_a_directory_s_name_is_escaped_in_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """A directory given as a FILE, its name holding a control character:
    the error escapes the name, as every other message does, so that no
    escape sequence reaches the terminal."""
    monkeypatch.chdir(tmp_path)
    name = "d\x1b[31mX"
    os.mkdir(name)
    status, out, err = status_of(*command, name)
    assert (status, out) == (2, "")
    assert err == "bloglist: error: cannot read d\\x1b[31mX: it is a directory\n"


class TestSubcommands:
    @pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
    def test_tags_json_escapes_the_line_breaks_json_leaves_raw(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, char: str
    ) -> None:
        """As every JSON the command writes: one reader's line is one line."""
        path = tmp_path / "l.txt"
        path.write_text(f"\nTitle\n\nExcerpt\nNews{char}Extra\n", encoding="utf-8")
        status, out, _ = run(capsys, "tags", str(path), "--format", "json")
        assert status == 0 and char not in out
        assert json.loads(out) == [{"tag": f"News{char}Extra", "posts": 1}]

    def test_tags_counts_posts_per_tag(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`tags` lists each tag with its post count, most used first, then by name."""
        status, out, _ = run(capsys, "tags", "--sample", "--format", "json")
        assert status == 0
        counts: dict[str, int] = {}
        for post in SAMPLE:
            for tag in post.tags:
                counts[tag] = counts.get(tag, 0) + 1
        expected = sorted(
            counts.items(), key=lambda item: (-item[1], item[0].casefold())
        )
        assert [(r["tag"], r["posts"]) for r in json.loads(out)] == expected

    def test_tags_table_honours_filters(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Filters narrow the posts before counting."""
        _, out, _ = run(capsys, "tags", "--sample", "--year", "2024")
        rows = [line.split(None, 1) for line in out.splitlines()[1:]]
        counts: dict[str, int] = {}
        for post in SAMPLE:
            if post.date and post.date.year == 2024:
                for tag in post.tags:
                    counts[tag] = counts.get(tag, 0) + 1
        # Most used first, then by name; the sample's other years' tags are
        # not counted.
        expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        assert len(expected) < len(SAMPLE.count_by("tag"))
        assert rows == [[str(n), tag] for tag, n in expected]

    def test_stats_by_year_draws_proportional_bars(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`stats` prints posts per year, newest first, bars in proportion, and a summary line."""
        path = tmp_path / "l.txt"
        posts = [
            bloglist.Post(
                title=f"T{i}",
                excerpt="E",
                date=__import__("datetime").date(year, 1, 1),
                sticky=i == 0,
            )
            for i, year in enumerate([2024, 2024, 2024, 2024, 2023, 2023])
        ] + [bloglist.Post(title="U", excerpt="E")]
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        status, out, _ = run(capsys, "stats", str(path))
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split() == ["YEAR", "POSTS"]
        (y1, n1, bar1), (y2, n2, bar2) = (line.split() for line in lines[1:3])
        assert (y1, n1, y2, n2) == ("2024", "4", "2023", "2")
        assert len(bar1) == 2 * len(bar2)
        assert lines[3] == "7 posts: 1 sticky, 1 undated"

    @pytest.mark.parametrize(
        "counts",
        [
            [4, 5, 1],
            [3, 1, 2],
            [7, 1, 3, 5, 6],
            [6, 1, 4, 5, 2, 3, 7],
            # 1 post is 1/640 of a 40-block bar of 640: half an eighth, and
            # 1/641 less than half; either is shown as one eighth.
            [640, 1],
            [641, 1],
        ],
    )
    def test_stats_bars_are_rounded_to_the_nearest_eighth(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, counts: list[int]
    ) -> None:
        """The busiest period's bar is 40 blocks wide, and every other bar its
        share of that, to the nearest eighth of a block (▏ to ▉ for the rest),
        but never empty: a period with a post has an eighth at least."""
        partial = " ▏▎▍▌▋▊▉"
        years = [2025 - n for n in range(len(counts))]
        posts = [
            bloglist.Post(
                title=f"T{year}-{i}", excerpt="E", date=datetime.date(year, 3, 1)
            )
            for year, count in zip(years, counts, strict=True)
            for i in range(count)
        ]
        path = tmp_path / "l.txt"
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        status, out, _ = run(capsys, "stats", str(path))
        assert status == 0
        rows = [line.split() for line in out.splitlines()[1 : 1 + len(counts)]]
        assert [(y, int(n)) for y, n, _ in rows] == [
            (str(year), count) for year, count in zip(years, counts, strict=True)
        ]
        most = max(counts)
        for (_, _, bar), count in zip(rows, counts, strict=True):
            full = len(bar.rstrip(partial[1:]))
            assert bar[:full] == "█" * full and len(bar) - full <= 1
            eighths = 8 * full + (partial.index(bar[full:]) if bar[full:] else 0)
            exact = max(Fraction(count * 40 * 8, most), Fraction(1))
            assert abs(eighths - exact) <= Fraction(1, 2), (count, bar)

    def test_stats_by_month(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--by month labels rows YYYY-MM, newest first."""
        _, out, _ = run(capsys, "stats", "--sample", "--by", "month")
        labels = [line.split()[0] for line in out.splitlines()[1:-1]]
        months = sorted({f"{p.date:%Y-%m}" for p in SAMPLE if p.date}, reverse=True)
        assert labels == months

    @pytest.mark.parametrize("by", ["year", "month"])
    @pytest.mark.parametrize(
        ("options", "kept"),
        [
            ([], lambda post: True),
            (["--since", "2024"], lambda post: post.date and post.date.year >= 2024),
            (["--sticky"], lambda post: post.sticky),
            (["--tag", "Nosuch"], lambda post: False),
        ],
    )
    def test_stats_json_holds_the_table_s_figures(
        self,
        capsys: pytest.CaptureFixture[str],
        by: str,
        options: list[str],
        kept: Callable[[bloglist.Post], bool],
    ) -> None:
        """--format json: the summary's counts and the periods, newest first,
        labelled as in the table, for a program to read; counted here from
        the posts the options keep."""
        status, out, err = run(capsys, "stats", "--sample", "--by", by, "--format", "json", *options)  # fmt: skip
        assert (status, err) == (0, "")
        posts = [post for post in SAMPLE if kept(post)]
        label = "%Y" if by == "year" else "%Y-%m"
        periods: dict[str, int] = {}
        for post in posts:
            if post.date is not None:
                key = post.date.strftime(label)
                periods[key] = periods.get(key, 0) + 1
        assert json.loads(out) == {
            "posts": len(posts),
            "sticky": sum(post.sticky for post in posts),
            "undated": sum(post.date is None for post in posts),
            "by": by,
            "periods": [
                {"period": key, "posts": periods[key]}
                for key in sorted(periods, reverse=True)
            ],
        }
        # The table's figures, whose rows and summary say the same.
        _, table, _ = run(capsys, "stats", "--sample", "--by", by, *options)
        rows = [line.split()[:2] for line in table.splitlines()[1:-1]]
        assert rows == [
            [key, str(periods[key])] for key in sorted(periods, reverse=True)
        ]
        assert out.endswith("}\n") and out.startswith('{\n  "posts": ')

    @pytest.mark.parametrize(
        ("by", "labels"),
        [("year", ["2025", "0012"]), ("month", ["2025-03", "0012-03"])],
    )
    def test_stats_labels_have_four_digit_years(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        by: str,
        labels: list[str],
    ) -> None:
        """A year before 1000 is labelled as --since and --until take it back
        (0012, 0012-03), not 12 and 12-03: --since a label keeps the posts
        from its period on."""
        path = tmp_path / "old.txt"
        path.write_text(
            "Mar 5, 0012\n\nY\n\nE\nMar 5, 2025\n\nZ\n\nE\n", encoding="utf-8"
        )
        status, out, _ = run(capsys, "stats", str(path), "--by", by)
        assert status == 0
        assert [line.split()[0] for line in out.splitlines()[1:3]] == labels
        for label, kept in zip(labels, (1, 2), strict=True):
            _, out, _ = run(capsys, str(path), "--since", label, "--format", "jsonl")
            assert len(out.splitlines()) == kept

    def test_check_a_valid_listing(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path
    ) -> None:
        """`check` on a valid listing says so on stdout and exits 0."""
        status, out, err = run(capsys, "check", str(listing_file))
        assert (status, out) == (0, "")
        assert err == f"{listing_file}: 12 posts, 0 errors, 0 warnings\n"

    def test_check_lists_every_problem(
        self, capsys: pytest.CaptureFixture[str], broken_file: Path
    ) -> None:
        """`check` prints FILE:LINE:COL: code message per problem and exits 1."""
        status, out, err = run(capsys, "check", str(broken_file))
        assert status == 1
        lines = out.splitlines()
        assert lines[0].startswith(f"{broken_file}:2:1: invalid-date ")
        assert lines[1].startswith(f"{broken_file}:8:1: extra-line ")
        assert len(lines) == 2
        assert err == f"{broken_file}: 1 post, 2 errors, 0 warnings\n"

    def test_check_warnings_do_not_fail(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Warnings are listed but leave the exit status at 0."""
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nDataDATA\n", encoding="utf-8")
        status, out, err = run(capsys, "check", str(path))
        assert status == 0
        assert out.startswith(f"{path}:5:1: duplicate-tag ")
        assert err == f"{path}: 1 post, 0 errors, 1 warning\n"

    @pytest.mark.parametrize("strict", [[], ["--strict"]])
    def test_check_warns_of_a_date_in_a_tag_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, strict: list[str]
    ) -> None:
        """The review's case: a date the format does not read, after a post
        with no tag line, is a warning, which leaves the status at 0, in
        strict mode too."""
        path = tmp_path / "l.txt"
        path.write_text(
            "Mar 5, 2025\n\nFirst post\n\nOne.\nTues, Mar 4, 2025\n\n"
            "Second post\n\nTwo.\n",
            encoding="utf-8",
        )
        status, out, err = run(capsys, "check", *strict, str(path))
        assert status == 0
        assert out == (
            f"{path}:6:1: unread-date tag line 'Tues, Mar 4, 2025' holds a date, "
            "but is not a date line; it is read as tags, and no post gets the date\n"
        )
        assert err == f"{path}: 2 posts, 0 errors, 1 warning\n"

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version."""
        with pytest.raises(SystemExit) as info:
            main(["--version"])
        assert info.value.code == 0
        assert capsys.readouterr().out == f"bloglist {bloglist.__version__}\n"

    @pytest.mark.parametrize(
        ("command", "files"),
        [
            ("show", "[FILE ...]"),
            ("tags", "[FILE ...]"),
            ("stats", "[FILE ...]"),
            ("check", "[FILE ...]"),
            ("diff", "OLD NEW"),
            ("archive add", "ARCHIVE FILE [FILE ...]"),
        ],
    )
    def test_every_usage_names_its_files_in_capitals(
        self, capsys: pytest.CaptureFixture[str], command: str, files: str
    ) -> None:
        """One spelling for the files in every command's usage, as the help
        texts name them (FILE, not file)."""
        with pytest.raises(SystemExit):
            main([*command.split(), "--help"])
        usage = capsys.readouterr().out.partition("\n\n")[0]
        assert " ".join(usage.split()).endswith(files), usage

    def test_help_shows_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help lists the commands and worked examples."""
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert "examples:" in out
        for command in ("show", "tags", "stats", "check"):
            assert command in out

    @pytest.mark.parametrize(
        "command",
        [
            [],
            ["show"],
            ["tags"],
            ["stats"],
            ["check"],
            ["diff"],
            ["archive"],
            ["archive", "add"],
            ["archive", "show"],
            ["archive", "feed"],
        ],
        ids=lambda words: " ".join(words) or "bloglist",
    )
    def test_every_option_says_what_it_does(
        self, command: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each option in a command's --help has a text after its name: an
        option listed bare (``--format {table,json}``) leaves the reader to
        guess what each choice prints."""
        with pytest.raises(SystemExit) as info:
            main([*command, "--help"])
        assert info.value.code == 0
        out = capsys.readouterr().out
        options = out[out.index("options:") :]
        bare = [
            line.strip()
            for line, after in itertools.pairwise(options.splitlines())
            # An option's name alone on its line, with nothing below it that
            # is indented as help is (argparse puts a long name's help there).
            if line.startswith("  -")
            and "  " not in line.strip()
            and not after.startswith(" " * 8)
        ]
        assert bare == []


class TestTagsAsJson:
    """`bloglist tags --format json` writes a tag beyond ASCII as itself, in
    UTF-8, as every JSON output of the command does; the counts are those
    of Listing.count_by."""

    def test_a_tag_beyond_ascii(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        posts = [
            bloglist.Post(title="A", excerpt="x", tags=("Café",)),
            bloglist.Post(title="B", excerpt="x", tags=("Café", "Zürich")),
        ]
        path = tmp_path / "tags.txt"
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        status, out, _ = run_with_usage_errors(
            capsys, "tags", str(path), "--format", "json"
        )
        assert status == 0
        # Indented by two spaces, as show's and check's JSON: an object a
        # line or more, the text as it is (no \u escapes).
        assert out == (
            "[\n"
            '  {\n    "tag": "Café",\n    "posts": 2\n  },\n'
            '  {\n    "tag": "Zürich",\n    "posts": 1\n  }\n'
            "]\n"
        )
        counts = bloglist.loads(path.read_text(encoding="utf-8")).count_by("tag")
        assert [(r["tag"], r["posts"]) for r in json.loads(out)] == list(counts)


class TestStatsCountsInWords:
    """stats ends with the posts counted in words: "1 post", "2 posts"."""

    @pytest.mark.parametrize("count", [1, 2])
    def test_one_and_more(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, count: int
    ) -> None:
        path = tmp_path / "l.txt"
        path.write_text(bloglist.dumps(SAMPLE[:count]), encoding="utf-8")
        status, out, _ = run_with_usage_errors(capsys, "stats", str(path))
        assert status == 0
        sticky = sum(post.sticky for post in SAMPLE[:count])
        undated = sum(post.date is None for post in SAMPLE[:count])
        noun = "post" if count == 1 else "posts"
        assert out.splitlines()[-1] == (
            f"{count} {noun}: {sticky} sticky, {undated} undated"
        )


class TestAsAProcess:
    """The installed entry points, run as a shell user runs them."""

    def _run(
        self, *args: str, stdin: bytes = b""
    ) -> subprocess.CompletedProcess[bytes]:
        return _process(*args, stdin=stdin)

    def test_python_m_bloglist_matches_main(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`python -m bloglist` prints what main() prints."""
        _, out, _ = run(capsys, "--sample")
        done = self._run("--sample")
        assert done.returncode == 0
        assert done.stdout.decode("utf-8") == out

    def test_console_script_is_installed(self) -> None:
        """The `bloglist` command exists next to the interpreter and runs."""
        script = Path(sys.executable).with_name("bloglist")
        if not script.exists():
            pytest.skip("no console script next to this interpreter")
        done = subprocess.run([script, "--version"], capture_output=True, check=False)
        assert done.stdout.decode() == f"bloglist {bloglist.__version__}\n"

    def test_output_piped_to_head_is_quiet(self, tmp_path: Path) -> None:
        """A reader that stops early gets no BrokenPipeError traceback on stderr."""
        path = tmp_path / "big.txt"
        posts = [
            bloglist.Post(title=f"Post number {i}", excerpt="x" * 200)
            for i in range(3000)
        ]
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        shell = f'"{sys.executable}" -m bloglist "{path}" --format jsonl | head -n 1'
        done = subprocess.run(["sh", "-c", shell], capture_output=True, check=False)
        assert json.loads(done.stdout)["title"] == "Post number 0"
        assert done.stderr == b""

    def test_files_joined_with_cat_say_the_second_ones_byte_order_mark(
        self, tmp_path: Path
    ) -> None:
        """`cat a.txt b.txt | bloglist check`, b.txt saved with a byte order
        mark (Notepad), its first post pinned: the marked `sticky` line is
        a.txt's last post's tags, and check says so rather than nothing; with
        --pages the files read apart, each mark dropped."""
        first, second = tmp_path / "a.txt", tmp_path / "b.txt"
        first.write_bytes(b"Mar 21, 2025\n\nA\n\na\n")
        second.write_bytes(b"\xef\xbb\xbfsticky\nMar 20, 2025\n\nB\n\nb\n")
        shell = f'cat "{first}" "{second}" | "{sys.executable}" -m bloglist check'
        done = subprocess.run(["sh", "-c", shell], capture_output=True, check=False)
        assert done.returncode == 0  # a warning: the listing was read
        [said] = done.stdout.decode().splitlines()
        assert said.startswith(
            "<stdin>:6:1: invisible-tag-line tag line '\\ufeffsticky' starts with a "
            "byte order mark"
        )
        assert done.stderr == b"<stdin>: 2 posts, 0 errors, 1 warning\n"
        done = self._run("--pages", str(first), str(second), "--format", "jsonl")
        assert [json.loads(line)["sticky"] for line in done.stdout.splitlines()] == [
            False,
            True,
        ]

    def test_no_traceback_for_bad_input(self, tmp_path: Path) -> None:
        """Bad bytes on standard input give one line on stderr and exit 1."""
        done = self._run("-", stdin=b"\nT\n\n\xff\n")
        assert done.returncode == 1
        assert (
            done.stderr == b"<stdin>:4:1: invalid-utf8 byte 0xff is not valid UTF-8; "
            b"text in another encoding, such as Windows-1252 or Latin-1, needs "
            b"converting to UTF-8 first (iconv -f windows-1252 -t utf-8)\n"
        )


class TestNeverATraceback:
    # Three fifths of the profile's examples (60 by default): each runs the
    # whole command. A fraction, not a number, so that the thorough profile
    # runs thousands here too.
    @settings(max_examples=settings().max_examples * 3 // 5)
    @given(
        data=st.one_of(
            st.binary(max_size=300),
            st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.lists(
                st.sampled_from(
                    [
                        "",
                        "sticky",
                        "Feb 30, 2024",
                        "Mar 5",
                        "Title",
                        "Excerpt [\u2026]",
                        "=cmd|' /C calc'!A0",
                        "<script>&amp;",
                        "\x00\x1b[2J",
                        "DataData Science",
                    ]
                ),
                max_size=30,
            ).map(lambda lines: "\n".join(lines).encode("utf-8")),
        ),
        argv=st.sampled_from(
            [
                [],
                ["--format", "json"],
                ["--format", "jsonl"],
                ["--format", "csv"],
                ["--format", "atom"],
                ["--format", "listing"],
                ["--strict"],
                ["tags"],
                ["stats", "--by", "month"],
                ["check"],
                ["check", "--strict"],
            ]
        ),
    )
    @example(data=b"SQLite format 3\x00", argv=[])
    @example(data=b"SQLite format 3\x00", argv=["check"])
    @example(data=b"[", argv=[])
    @example(data=b'{"', argv=["check"])
    def test_any_bytes_give_a_status_not_a_traceback(
        self, data: bytes, argv: list[str], tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """Whatever the file holds, every command ends with status 0 or 1 and
        no exception; but a file that starts as an SQLite file does, an
        archive given where a listing goes, is named so, with status 2, and
        so is one that starts as JSON of posts (see TestJsonGivenAsAListing).

        The one case in which ``listing`` output cannot be written (a post
        whose excerpt is missing) is a data problem, reported in one line.
        """
        path = tmp_path_factory.mktemp("cli") / "input.txt"
        path.write_bytes(data)
        command, rest = (
            (argv[:1], argv[1:])
            if argv[:1] in (["tags"], ["stats"], ["check"])
            else ([], argv)
        )
        err = io.StringIO()
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
            status = main([*command, str(path), *rest])
        if data.startswith(b"SQLite format 3\x00") and command != ["check"]:
            # An archive given where a listing goes: named, a usage error.
            assert status == 2
            assert "is an SQLite file, not a listing" in err.getvalue()
            return
        if command != ["check"]:
            from bloglist._cli_common import starts_as_json

            with io.BufferedReader(io.BytesIO(data)) as fp:
                if starts_as_json(fp):
                    assert status == 2
                    assert err.getvalue().endswith(f"{JSON_SAID}\n")
                    return
        assert status in (0, 1)
        if status == 1:
            assert err.getvalue().strip(), "a failing status comes with a reason"


def _main_bytes(*argv: str) -> tuple[int, str, str]:
    """main(argv) with standard output a binary file, as a shell gives it:
    the status, the output decoded, and standard error."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
        status = main(list(argv))
    stdout.flush()
    return status, stdout.buffer.getvalue().decode("utf-8"), err.getvalue()


class TestStreamedRecords:
    """With no query, the command writes JSON and JSON Lines from the fields
    the parser read, with no Post made of them (a writer of its own): the
    text must be the library's, byte for byte, whatever the posts hold, and
    the diagnostics and the status those of the same parse."""

    @given(
        lines=st.lists(
            st.sampled_from(
                [
                    "",
                    "sticky",
                    "Mar 5, 2024",
                    "Feb 30, 2024",
                    "Title",
                    'A "quoted" \\ title\t',
                    "Excerpt [\u2026]",
                    "Excerpt [...]",
                    "Cut \u2026",
                    "Cut ...",
                    "Breaks \x85\u2028\u2029 and \x00\x1b",
                    "\u00e9\U0001f600 [\u2026]",
                    "\u0428\u0429\u0445 \u2026",
                    "DataData ScienceDeveloper Tools",
                    "GenAI\u2028News",
                    'Tag"Quote',
                ]
            ),
            max_size=40,
        ),
        argv=st.sampled_from(
            [
                ["--format", "jsonl"],
                ["--format", "json"],
                ["--format", "jsonl", "--strict"],
            ]
        ),
    )
    def test_the_text_is_the_librarys(
        self,
        lines: list[str],
        argv: list[str],
        tmp_path_factory: pytest.TempPathFactory,
    ) -> None:
        text = "\n".join(lines)
        path = tmp_path_factory.mktemp("records") / "in.txt"
        path.write_text(text, encoding="utf-8")
        status, out, err = _main_bytes(str(path), *argv)
        if "--strict" in argv:
            # What the command writes before a strict error: the posts that
            # iterload gives before it raises.
            read: list[bloglist.Post] = []
            try:
                for item in bloglist.iterload(io.StringIO(text), strict=True):
                    if isinstance(item, bloglist.Post):
                        read.append(item)
            except bloglist.ParseError as exc:
                assert status == 1
                assert out == bloglist.to_jsonl(read)
                assert f"{path}:{exc.lineno}:{exc.colno}: " in err
                return
        listing = bloglist.loads(text)
        expected = (bloglist.to_jsonl if argv[1] == "jsonl" else bloglist.to_json)(
            listing
        )
        assert out == expected
        reported = [line for line in err.splitlines() if line.startswith(f"{path}:")]
        assert reported == [
            f"{path}:{d.lineno}:{d.colno}: {d.code} {d.message}"
            for d in listing.diagnostics
        ]
        errors = [d for d in listing.diagnostics if d.severity == "error"]
        assert status == (1 if errors else 0)

    def test_many_batches(self, tmp_path: Path) -> None:
        """Posts past one batch, with the escapes and the raw line breaks in
        some batches only."""
        lines = []
        for i in range(3000):
            if i % 11 == 0:
                lines.append("sticky")
            if i % 5:
                lines.append(f"Mar {1 + i % 28}, 2024")
            lines += ["", f"Post\u2028{i}" if i % 700 == 3 else f"Post {i}", ""]
            quoted = 1200 <= i < 1300
            lines.append(
                ('Say "hi" \u2026' if quoted else "Cut [\u2026]", "Plain")[i % 2]
            )
            lines.append(("DataData Science", "News", "")[i % 3])
        path = tmp_path / "in.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        listing = bloglist.loads(path.read_text(encoding="utf-8"))
        assert len(listing) == 3000
        for fmt, to in (("jsonl", bloglist.to_jsonl), ("json", bloglist.to_json)):
            status, out, _ = _main_bytes(str(path), "--format", fmt)
            assert status == 0
            assert out == to(listing)
            assert out.count("\\u2028") == 5
            assert out.count('\\"hi\\"') == 2 * 50  # excerpt and summary

    def test_the_writer_takes_at_most_512_rows_at_a_time(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Tiny posts, thousands of them in one read of 64 KiB, reach the
        writer in batches of 512 at most, each batch in the file's order:
        the text is the library's."""
        from bloglist._export import JsonWriter

        path = tmp_path / "tiny.txt"
        path.write_text("".join(f"\nT{i}\n\nE\n" for i in range(3000)), "utf-8")
        sizes: list[int] = []
        real = JsonWriter.write_rows

        def counted(self: JsonWriter, rows: list[Any]) -> None:
            sizes.append(len(rows))
            real(self, rows)

        monkeypatch.setattr(JsonWriter, "write_rows", counted)
        status, out, _ = _main_bytes(str(path), "--format", "jsonl")
        assert (status, out) == (0, bloglist.to_jsonl(bloglist.loads(path.read_text())))
        assert sum(sizes) == 3000 and max(sizes) == 512
        assert len(sizes) >= 3000 // 512

    def test_no_post_is_made(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The JSON formats with no query never make a Post (the fields go
        to the writer as they are); CSV, or a query, does."""
        path = tmp_path / "in.txt"
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        made: list[bloglist.Post] = []
        real = bloglist._post.make_post

        def counted(*fields: Any) -> bloglist.Post:
            made.append(real(*fields))
            return made[-1]

        monkeypatch.setattr("bloglist._cli.make_post", counted)
        for fmt, to in (("jsonl", bloglist.to_jsonl), ("json", bloglist.to_json)):
            status, out, _ = _main_bytes(str(path), "--format", fmt)
            assert (status, out, made) == (0, to(SAMPLE), [])
        assert _main_bytes(str(path), "--format", "csv")[0] == 0
        assert len(made) == len(SAMPLE)
        made.clear()
        assert _main_bytes(str(path), "--format", "jsonl", "--tag", "Data")[0] == 0
        assert len(made) == len(SAMPLE)


# A line with a byte that is not UTF-8.
_BAD_LINE = b"Junk\xff\n"


class TestThePostBeforeABadByteComesOut:
    """A bad byte on the line after a post stops the reading with an error
    at its place only after that post, however the reads cut the file: the
    post is not lost because its last line and the bad one came in one
    read."""

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
        status, out, err = run_with_usage_errors(capsys, "big.txt", "--format", "jsonl")
        expected = bloglist.loads(good.decode("utf-8"))
        assert [post.tags for post in expected] == [("News",)]
        assert (status, out) == (1, bloglist.to_jsonl(expected))
        assert err == (
            "big.txt:6:5: invalid-utf8 byte 0xff is not valid UTF-8; text in another "
            "encoding, such as Windows-1252 or Latin-1, needs converting to UTF-8 "
            "first (iconv -f windows-1252 -t utf-8)\n"
        )


@contextlib.contextmanager
def _stdin(replacement: io.TextIOWrapper) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = replacement
    try:
        yield
    finally:
        sys.stdin = saved


def status_of(*argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of main(argv), argparse's exits included."""
    out, err = io.StringIO(), io.StringIO()
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
        try:
            status = main(list(argv))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
        stdout.flush()
        out.write(stdout.buffer.getvalue().decode("utf-8"))  # type: ignore[attr-defined,unused-ignore]
    return status, out.getvalue(), err.getvalue()


def status_with_text_stdout(*argv: str) -> tuple[int, str, str]:
    """Exit status, standard output and error of main(argv), argparse's
    exits included, with standard output a plain text file (status_of gives
    one over a binary buffer, as a process has)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    return status, out.getvalue(), err.getvalue()


# Every option of every command: a value that works (status 0) and, where an
# option takes a value, one that does not (status 2, the option named).
GOOD_AND_BAD = [
    ("--known-tag", "GenAI", ""),
    ("--known-tag", "GenAI", " "),
    ("--max-line-length", "5000", "0"),
    ("--max-diagnostics", "all", "-1"),
    ("--max-diagnostics", "0", "some"),
    ("--max-diagnostics", "5", "1.5"),
    ("--max-diagnostics", "5", "5 "),
    ("--tag", "Data", ""),
    ("--tag", "Data", " "),
    ("--all-tags", "Data", " "),
    ("--exclude-tag", "Data", ""),
    ("--since", "2024-03", "2024-13"),
    ("--until", "2025", "2024-13"),
    ("--until", "2025-03-01", "2025-02-30"),
    ("--year", "2024", "0"),
    ("--year", "2024", "10000"),
    ("--year", "2024", "twenty"),
    ("--search", "build", " "),
    ("--sort", "title:desc", "length"),
    ("--sort", "date:asc", "date:"),
    ("--sort", "date", ":desc"),
    ("--sort", "title", "title:DESC"),
    ("--undated", "first", "middle"),
    ("--limit", "2", "0"),
    ("--limit", "2", " 2"),  # int() would take these four
    ("--limit", "2", "1_0"),
    ("--page", "1", "x"),
    ("--page", "1", "\u0663"),  # ARABIC-INDIC DIGIT THREE
    ("--year", "2024", "\uff12\uff10\uff12\uff14"),  # fullwidth 2024
    ("--page-size", "3", "-1"),
    ("--format", "csv", "yaml"),
    ("--feed-id", "tag:example.com,2025:blog", "notaniri"),
    ("--feed-id", "urn:example:feed", "C:\\feed"),
    ("--link", "https://example.com/blog/", "/blog"),
    ("--lang", "pt-BR", "en_US"),
    ("--feed-title", "Blog", ""),
    ("--author", "Ann", " "),
    ("--subtitle", "News", "\t"),
]
FLAGS = ["--strict", "--exit-zero", "--sticky", "--not-sticky", "--sticky-first"]
# What an option needs beside it to do anything (alone, it is a usage error).
NEEDS = {"--undated": ["--sort", "date"], "--page-size": ["--page", "1"]}


class TestExitStatus:
    @pytest.mark.parametrize(("option", "good", "bad"), GOOD_AND_BAD)
    def test_every_option_good_is_0_and_bad_is_2_naming_it(
        self, option: str, good: str, bad: str | None
    ) -> None:
        """A good value runs (0); a bad one is a usage error (2) naming the option."""
        fmt = (
            ["--format", "atom"] if option in ("--feed-id", "--link", "--lang") else []
        )
        if option == "--format":
            fmt = []
        fmt += NEEDS.get(option, [])
        status, _, err = status_of("--sample", *fmt, option, good)
        assert (status, err) == (0, "")
        if bad is not None:
            status, out, err = status_of("--sample", *fmt, option, bad)
            assert (status, out) == (2, "")
            # The usage, then one line that names the option.
            assert err.splitlines()[-1].startswith(
                f"bloglist show: error: argument {option}: "
            )

    @pytest.mark.parametrize(
        ("option", "more"),
        [
            ("--limit", []),
            ("--page", []),
            ("--page-size", ["--page", "1"]),
            ("--max-diagnostics", []),
        ],
    )
    def test_a_number_of_too_many_digits_is_said_so(
        self, option: str, more: list[str]
    ) -> None:
        """Digits past Python's limit for int() (4,300): the option's own
        message, short, not argparse's 'invalid positive value' with every
        digit."""
        status, out, err = status_of("--sample", *more, option, "9" * 5000)
        assert (status, out) == (2, "")
        last = err.splitlines()[-1]
        assert last == (
            f"bloglist show: error: argument {option}: "
            f"'{'9' * 39}'\N{HORIZONTAL ELLIPSIS} has too many digits"
        )

    def test_a_year_of_many_digits_is_quoted_cut_short(self) -> None:
        """--year is four digits (as --since's year), not a number: the
        message quotes the value as every message quotes a long value."""
        status, out, err = status_of("--sample", "--year", "9" * 5000)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument --year: '{'9' * 39}'"
            "\N{HORIZONTAL ELLIPSIS} is not a year written YYYY: four digits,"
            " as 2024 (0024 for the year 24)"
        )

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--page-size", "3"], "--page-size needs --page"),
            (["--undated", "first"], "--undated first needs a sort by date"),
            (["--sort", "title", "--undated", "last"], "--undated last needs"),
        ],
    )
    def test_an_option_that_would_do_nothing_is_a_usage_error(
        self, argv: list[str], message: str
    ) -> None:
        """``--page-size`` without ``--page``, ``--undated`` with no sort by
        date: refused (status 2, before any input), not silently ignored."""
        for command in (["--sample"], ["archive", "show", "no-such.db"]):
            status, out, err = status_of(*command, *argv)
            assert (status, out) == (2, "")
            assert err.startswith(f"bloglist: error: {message}")
            assert err.count("\n") == 1

    @pytest.mark.parametrize(
        ("argv", "moot"),
        [
            (["--sticky"], ["--sticky-first"]),
            (["--not-sticky"], ["--sticky-first"]),
            (["--sort", "date", "--since", "2024"], ["--undated", "first"]),
            (["--sort", "date", "--year", "2025"], ["--undated", "first"]),
            (["--sort", "date", "--until", "2025-03-10"], ["--undated", "first"]),
            (["--page", "2", "--page-size", "3"], ["--limit", "3"]),
            (["--page", "2", "--page-size", "3"], ["--limit", "4"]),
        ],
    )
    def test_an_option_another_leaves_nothing_to_do_is_taken(
        self, argv: list[str], moot: list[str]
    ) -> None:
        """docs/cli.md: an option that another one leaves nothing to do is
        taken, so that a script may pass it every time: the output is the
        same as without it, with status 0."""
        alone = status_of("--sample", *argv)
        assert alone[0] == 0 and alone[1].count("\n") > 1
        assert status_of("--sample", *argv, *moot) == alone

    @pytest.mark.parametrize("flag", FLAGS)
    def test_every_flag_runs(self, flag: str) -> None:
        """Each flag alone runs on the sample with status 0."""
        assert status_of("--sample", flag)[0] == 0

    def test_until_names_itself_not_start(self) -> None:
        """--until 2024-13 complains about --until and the date, not a "start"."""
        _, _, err = status_of("--sample", "--until", "2024-13")
        assert "argument --until: '2024-13' is not a real date" in err
        assert "start" not in err

    @pytest.mark.parametrize(
        ("argv", "option"),
        [
            (["tags", "--sample", "--format", "xml"], "--format"),
            (["stats", "--sample", "--by", "week"], "--by"),
            (["check", "--sample", "--format", "xml"], "--format"),
            (["check", "--sample", "--max-line-length", "x"], "--max-line-length"),
            (["check", "--sample", "--max-diagnostics", "x"], "--max-diagnostics"),
            (["stats", "--sample", "--max-diagnostics", "-2"], "--max-diagnostics"),
            (["tags", "--sample", "--year", "0"], "--year"),
        ],
    )
    def test_subcommand_options_are_usage_errors_too(
        self, argv: list[str], option: str
    ) -> None:
        """The subcommands' options exit 2 and name the option, like show's."""
        status, _, err = status_of(*argv)
        assert status == 2
        assert f"argument {option}: " in err

    def test_unknown_option_after_a_file_is_a_usage_error(
        self, listing_file: Path
    ) -> None:
        """Unrecognised options are refused wherever they are."""
        status, _, err = status_of(str(listing_file), "--no-such-option")
        assert status == 2
        assert "unrecognized arguments: --no-such-option" in err

    def test_files_may_follow_options(self, listing_file: Path) -> None:
        """`bloglist a.txt --format jsonl b.txt` reads both files."""
        status, out, _ = status_of(
            str(listing_file), "--format", "jsonl", str(listing_file)
        )
        assert status == 0
        assert len(out.splitlines()) == 2 * len(SAMPLE)

    def test_data_errors_are_1_and_exit_zero_makes_them_0(
        self, broken_file: Path
    ) -> None:
        """Errors in the listing give 1; --exit-zero gives 0 but still reports them."""
        for command in ([], ["tags"], ["stats"], ["check"]):
            status, _, err = status_of(*command, str(broken_file))
            assert status == 1, command
            status, _, again = status_of(*command, str(broken_file), "--exit-zero")
            assert status == 0, command
            assert (
                "invalid-date" in err
                or "invalid-date" in status_of(*command, str(broken_file))[1]
            )
            assert again.count("\n") == err.count("\n")

    def test_exit_zero_does_not_hide_what_stops_the_command(
        self, broken_file: Path
    ) -> None:
        """--strict's first error, or a post the format cannot carry, is still 1."""
        assert status_of(str(broken_file), "--strict", "--exit-zero")[0] == 1

    @pytest.mark.parametrize(
        ("options", "data"),
        [
            (["--strict"], b"\nT\n\nE\nTag\nextra\n"),
            ([], b"\nT\n\nCaf\xe9\n"),
            (["--max-line-length", "5"], b"\nT\n\nAn excerpt\n"),
            (["--format", "csv"], b"\nT\n\nE\nA|BCd\n"),
        ],
        ids=["strict", "not-utf8", "line-too-long", "cannot-carry"],
    )
    def test_exit_zero_does_not_hide_what_its_help_says_it_does_not(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        options: list[str],
        data: bytes,
    ) -> None:
        """Each stop --exit-zero's help lists exits 1 with it; check reports
        the three stops of reading as findings, and exits 0 with it."""
        with pytest.raises(SystemExit):
            main(["show", "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert (
            "not when reading stops (the first error under --strict, bytes that "
            "are not UTF-8, a line too long), except in check, nor on a usage "
            "error or a post the format cannot carry" in help_text
        )
        path = tmp_path / "l.txt"
        path.write_bytes(data)
        assert status_of(str(path), *options, "--exit-zero")[0] == 1
        if "--format" not in options:
            assert status_of("check", str(path), *options)[0] == 1
            assert status_of("check", str(path), *options, "--exit-zero")[0] == 0

    def test_writer_error_is_a_data_error_not_a_usage_error(
        self, tmp_path: Path
    ) -> None:
        """A post the listing format cannot carry: status 1, one line."""
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nA|BCd\n", encoding="utf-8")
        status, _, err = status_of(str(path), "--format", "csv")
        assert status == 1
        assert err.startswith(f"bloglist: error: {path}:2: post 'T': tags")


class TestShellHabits:
    """What a shell user or script author types, checked against what they expect."""

    @pytest.fixture
    def dashed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """a.txt and -b.txt in the working directory, one post each."""
        monkeypatch.chdir(tmp_path)
        for name, title in (("a.txt", "A"), ("-b.txt", "B")):
            post = bloglist.Post(title=title, excerpt="x")
            Path(name).write_text(bloglist.dumps([post]), encoding="utf-8")
        return tmp_path

    @pytest.mark.parametrize(
        "argv",
        [
            ["a.txt", "--format", "jsonl", "--", "-b.txt"],
            ["--format", "jsonl", "a.txt", "--", "-b.txt"],
            ["--format", "jsonl", "--", "a.txt", "-b.txt"],
            ["a.txt", "--format", "jsonl", "--limit", "5", "--", "-b.txt"],
            ["show", "a.txt", "--format", "jsonl", "--", "-b.txt"],
        ],
    )
    def test_after_a_double_dash_every_word_is_a_file(
        self, dashed: Path, argv: list[str]
    ) -> None:
        """`bloglist a.txt --limit 5 -- -b.txt` reads both files, wherever the
        options are: `--` ends the options, as in every Unix command."""
        status, out, err = status_of(*argv)
        assert (status, err) == (0, "")
        assert [json.loads(line)["title"] for line in out.splitlines()] == ["A", "B"]

    def test_a_double_dash_for_every_command(self, dashed: Path) -> None:
        """tags, stats and check take `--` after options as show does."""
        for command in (["tags"], ["stats"], ["check"]):
            status, _, err = status_of(*command, "a.txt", "--exit-zero", "--", "-b.txt")
            assert status == 0, (command, err)
        _, _, err = status_of("check", "a.txt", "--exit-zero", "--", "-b.txt")
        assert err.splitlines() == [
            "a.txt: 1 post, 0 errors, 0 warnings",
            "-b.txt: 1 post, 0 errors, 0 warnings",
        ]

    def test_after_a_double_dash_an_option_is_a_file_name(self, dashed: Path) -> None:
        """`bloglist a.txt -- --limit` looks for a file named --limit (after
        writing the posts of a.txt); an unknown option before `--` is still
        refused."""
        status, out, err = status_of("a.txt", "--format", "jsonl", "--", "--limit")
        a_txt = bloglist.loads((dashed / "a.txt").read_text(encoding="utf-8"))
        assert (status, out) == (2, bloglist.to_jsonl(a_txt))
        assert (
            err == "bloglist: error: cannot read --limit: No such file or directory\n"
        )
        status, out, err = status_of("a.txt", "--bogus", "--", "-b.txt")
        assert (status, out) == (2, "")
        assert (
            err.splitlines()[-1]
            == "bloglist show: error: unrecognized arguments: --bogus"
        )

    @pytest.mark.parametrize(
        ("argv", "command"),
        [
            (["diff", "a.txt", "-b.txt"], "diff"),
            (["archive", "add", "blog.db", "-b.txt"], "archive add"),
            (["archive", "add", "blog.db", "-q", "-b.txt"], "archive add"),
            (["-b.txt"], "show"),
            (["a.txt", "-b.txt", "--format", "jsonl"], "show"),
            (["tags", "-b.txt"], "tags"),
            (["stats", "a.txt", "-b.txt"], "stats"),
            (["check", "-b.txt"], "check"),
        ],
    )
    def test_a_dashed_name_where_a_file_is_required_is_named(
        self, dashed: Path, argv: list[str], command: str
    ) -> None:
        """A file named -b.txt, without `--`, where the command requires a
        file or reads files: the error names the word it did not take, and
        says where such a name goes, where it said only that a file was
        required (or only the word, for the commands that read standard input
        with no file); with `--` it is read. Nothing is made."""
        status, out, err = status_of(*argv)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist {command}: error: unrecognized arguments: -b.txt (a file "
            "whose name starts with '-' goes after --)"
        )
        assert not (dashed / "blog.db").exists()
        at = argv.index("-b.txt")
        status, _, err = status_of(*argv[:at], *argv[at + 1 :], "--", "-b.txt")
        assert status in (0, 1), err  # diff: 1, the posts differ

    @pytest.mark.parametrize("name", ["-5", "-1.5"])
    def test_a_name_spelt_as_a_negative_number_is_read_without_dashes(
        self, dashed: Path, name: str
    ) -> None:
        """docs/cli.md: argparse takes a word spelt as a negative number for
        an argument where no option is spelt so: such a file is read without
        `--`, as with it."""
        Path(name).write_text(
            bloglist.dumps([bloglist.Post(title="N", excerpt="x")]), encoding="utf-8"
        )
        for argv in (["a.txt", name], ["a.txt", "--", name]):
            status, out, err = status_of("--format", "jsonl", *argv)
            assert (status, err) == (0, "")
            assert [json.loads(line)["title"] for line in out.splitlines()] == [
                "A",
                "N",
            ]

    @pytest.mark.parametrize("action", ["show", "feed"])
    def test_a_dashed_archive_name_is_named(self, dashed: Path, action: str) -> None:
        """An archive whose name starts with '-' gets the same word of where
        it goes; after `--` it is opened (here a listing, not an archive)."""
        status, out, err = status_of("archive", action, "-b.txt")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist archive {action}: error: unrecognized arguments: -b.txt (a "
            "file whose name starts with '-' goes after --)"
        )
        status, out, err = status_of("archive", action, "--", "-b.txt")
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: -b.txt is not an archive: it is not an SQLite database\n"
        )

    @pytest.mark.parametrize(
        "argv",
        [["diff", "--sample", "a.txt"], ["diff", "a.txt", "--limit=5"],
         ["archive", "add", "blog.db", "--sample"]],
    )  # fmt: skip
    def test_a_long_option_the_command_lacks_is_not_taken_for_a_file(
        self, dashed: Path, argv: list[str]
    ) -> None:
        """`bloglist diff --sample a.txt`: an option diff does not take, not a
        file name starting with '-': no word of where such a name goes."""
        status, out, err = status_of(*argv)
        word = next(word for word in argv if word.startswith("--"))
        assert (status, out) == (2, "")
        assert err.splitlines()[-1].endswith(f"error: unrecognized arguments: {word}")

    def test_a_file_that_is_only_missing_is_said_to_be(self, dashed: Path) -> None:
        """With no word it did not take, a missing file is argparse's own
        message; a word that reads as a negative number is a file name to
        argparse, not an option it did not take."""
        status, _, err = status_of("diff", "a.txt")
        assert status == 2
        assert err.splitlines()[-1] == (
            "bloglist diff: error: the following arguments are required: NEW"
        )
        # An unknown option where no file is missing: named, with no word
        # of files.
        status, _, err = status_of("archive", "--bogus")
        assert status == 2
        assert err.splitlines()[-1] == (
            "bloglist archive: error: unrecognized arguments: --bogus"
        )
        status, _, err = status_of("diff", "a.txt", "-5")
        assert status == 2
        assert err.splitlines()[-1].startswith("bloglist: error: cannot read -5: ")

    @pytest.mark.parametrize(
        ("words", "said"),
        [
            (
                ["--timeout", "1", "show", "a.db"],
                "argument --timeout: an option of archive show goes after it "
                "(bloglist archive show --timeout ...)",
            ),
            (
                ["--timeout=1", "feed", "a.db"],
                "argument --timeout: an option of archive feed goes after it "
                "(bloglist archive feed --timeout ...)",
            ),
            (
                ["-q", "add", "a.db", "a.txt"],
                "argument -q: an option of archive add goes after it "
                "(bloglist archive add -q ...)",
            ),
            (
                ["--seen-at", "2025-01-01", "show", "a.db"],
                "argument --seen-at: an option of archive add, which archive "
                "show does not take",
            ),
            # An option's value that spells an action is its value: the
            # action is the word after it.
            (
                ["--search", "show", "feed", "a.db"],
                "argument --search: an option of archive feed goes after it "
                "(bloglist archive feed --search ...)",
            ),
            (
                ["--timeout", "5", "--", "show", "a.db"],
                "argument --timeout: an option of archive show goes after it "
                "(bloglist archive show --timeout ...)",
            ),
            (
                ["--seen-at", "show", "show", "a.db"],
                "argument --seen-at: an option of archive add, which archive "
                "show does not take",
            ),
            # No action at all (add forgotten): the option is named, with
            # the actions that take it, not its value as an unknown action.
            (
                ["--seen-at", "2025-01-01", "a.db", "a.txt"],
                "argument --seen-at: an option of archive add, which goes after "
                "the action (bloglist archive add --seen-at ...)",
            ),
            (
                ["--timeout", "1", "--help"],
                "argument --timeout: an option of archive add, show or feed, which "
                "goes after the action (bloglist archive add --timeout ...)",
            ),
            (
                ["--bogus", "--search=x", "--timeout", "1"],
                "argument --search: an option of archive show or feed, which "
                "goes after the action (bloglist archive show --search ...)",
            ),
            # "--", then no action (argparse took its value, then "--", for
            # the action: invalid choice: '5', then '--').
            (
                ["--timeout", "5", "--", "a.db"],
                "argument --timeout: an option of archive add, show or feed, which "
                "goes after the action (bloglist archive add --timeout ...)",
            ),
            (
                ["--", "a.db"],
                "argument ACTION: invalid choice: 'a.db' (choose from 'add', "
                "'show', 'feed')",
            ),
            (
                ["--", "-x"],
                "argument ACTION: invalid choice: '-x' (choose from 'add', "
                "'show', 'feed')",
            ),
            (
                ["--", "--"],
                "argument ACTION: invalid choice: '--' (choose from 'add', "
                "'show', 'feed')",
            ),
            (
                ["--", "sh\udcf6w"],
                "argument ACTION: invalid choice: 'sh\\xf6w' (choose from 'add', "
                "'show', 'feed')",
            ),
            (["--"], "the following arguments are required: ACTION"),
        ],
    )
    def test_an_action_option_before_the_action_is_named(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        words: list[str],
        said: str,
    ) -> None:
        """`bloglist archive --timeout 1 show`: argparse took the value for
        the action (invalid choice: '1'), or called `-q` unknown; the
        option is named, with where it goes. Nothing is read or written."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "a.txt").write_text(sample_text(), encoding="utf-8")
        status, out, err = status_of("archive", *words)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == f"bloglist archive: error: {said}"
        assert not (tmp_path / "a.db").exists()

    @pytest.mark.parametrize(
        ("words", "command"),
        [
            (["--sample", "--version"], "show"),
            (["tags", "--sample", "--version"], "tags"),
            (["archive", "show", "a.db", "--version"], "archive show"),
        ],
    )
    def test_version_typed_after_other_words_says_it_comes_alone(
        self, words: list[str], command: str
    ) -> None:
        """`bloglist --sample --version`: the version is the command's, asked
        for alone; the error says so, where it only called it unknown."""
        status, out, err = status_of(*words)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist {command}: error: unrecognized arguments: --version "
            "(--version comes alone: bloglist --version)"
        )
        status, out, _ = status_of("--version")
        assert (status, out) == (0, f"bloglist {bloglist.__version__}\n")

    @pytest.mark.parametrize(
        ("words", "refused"),
        [
            (["--bogus"], "--bogus"),
            (["show", "a.txt"], "show a.txt"),
            (["a\tb"], "a\\tb"),  # escaped, as refused words are
        ],
    )
    def test_words_after_version_are_refused(
        self, words: list[str], refused: str
    ) -> None:
        """The wording review: `bloglist --version --bogus` printed the
        version, status 0, the words after it dropped unread."""
        status, out, err = status_of("--version", *words)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist: error: unrecognized arguments: {refused} "
            "(--version comes alone: bloglist --version)"
        )

    def test_an_action_after_two_dashes_is_the_action(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`bloglist archive -- add ...`: an action after `--` is read as the
        action (argparse took "--" itself for it, status 2), and the `--`
        ends the action's options too: a file named as an option is read."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "a.txt").write_text(sample_text(), encoding="utf-8")
        status, _, err = status_of(
            "archive", "add", "--seen-at", "2025-01-01", "-q", "--", "-odd.db", "a.txt"
        )
        assert (status, err) == (0, "")
        status, shown, err = status_of("archive", "show", "--", "-odd.db")
        assert (status, err) == (0, "")
        assert status_of("archive", "--", "show", "-odd.db") == (0, shown, "")
        # Every word after it is a file: "--timeout" is the archive named.
        status, _, err = status_of("archive", "--", "show", "--timeout", "5")
        assert status == 2
        assert err.splitlines()[-1] == (
            "bloglist archive show: error: unrecognized arguments: 5"
        )
        # The help, asked for before "--", is shown.
        status, out, _ = status_of("archive", "-h", "--", "a.db")
        assert status == 0
        assert out.startswith("usage: bloglist archive")

    def test_an_option_no_action_has_before_the_action_is_argparse_s(self) -> None:
        """An option no action takes, and no action named: argparse's own
        messages, as before."""
        status, _, err = status_of("archive", "--bogus", "show", "a.db")
        assert status == 2
        assert err.splitlines()[-1] == (
            "bloglist archive show: error: unrecognized arguments: --bogus"
        )
        # archive's own option, before an action: archive's help.
        status, out, _ = status_of("archive", "-h", "show")
        assert status == 0
        assert out.startswith("usage: bloglist archive [-h] ACTION ...")

    def test_a_negative_number_where_a_file_is_missing_is_that_file(
        self, dashed: Path
    ) -> None:
        """`bloglist diff -5`: a word that reads as a negative number is a
        file name to argparse (OLD here), not an option diff does not take:
        the error is the file still missing, NEW, as for any other name."""
        status, out, err = status_of("diff", "-5")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            "bloglist diff: error: the following arguments are required: NEW"
        )

    def test_files_among_the_options_and_after_a_double_dash_keep_their_order(
        self, dashed: Path
    ) -> None:
        """`bloglist a.txt --format jsonl c.txt -- -b.txt` reads the files in
        the order typed, those among the options before those after `--`:
        the posts come out in that order, as `cat a.txt c.txt -b.txt` would."""
        post = bloglist.Post(title="C", excerpt="x")
        Path("c.txt").write_text(bloglist.dumps([post]), encoding="utf-8")
        status, out, err = status_of(
            "a.txt", "--format", "jsonl", "c.txt", "--", "-b.txt"
        )
        assert (status, err) == (0, "")
        titles = [json.loads(line)["title"] for line in out.splitlines()]
        assert titles == ["A", "C", "B"]

    def test_an_add_given_no_file_says_how_to_read_standard_input(
        self, tmp_path: Path
    ) -> None:
        """`curl ... | bloglist archive add blog.db`: the other commands read
        standard input with no FILE, an add only as '-', with --seen-at (a
        pipe has no time). The usage error says so, and adds nothing; with
        '-' and a time, the same input is added."""
        db = tmp_path / "blog.db"
        listing = bloglist.dumps(SAMPLE).encode()
        done = _process("archive", "add", str(db), stdin=listing)
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr.decode().splitlines()[-1] == (
            "bloglist archive add: error: the following arguments are required: "
            "FILE (- reads standard input, with --seen-at TIME)"
        )
        assert not db.exists()
        # The same in this process, as argparse refuses it before any read.
        assert status_of("archive", "add", str(db))[2].splitlines()[-1] == (
            "bloglist archive add: error: the following arguments are required: "
            "FILE (- reads standard input, with --seen-at TIME)"
        )
        done = _process(
            "archive", "add", str(db), "-", "--seen-at", "2025-03-05", stdin=listing
        )
        assert done.returncode == 0, done.stderr
        assert len(bloglist.open_archive(db).load().entries) == len(SAMPLE)
        # Only the file is named in it: not when the archive is missing too.
        status, _, err = status_of("archive", "add")
        assert status == 2
        assert err.splitlines()[-1] == (
            "bloglist archive add: error: the following arguments are required: "
            "ARCHIVE, FILE"
        )

    @pytest.mark.parametrize(
        ("argv", "usage"),
        [
            (["tags", "--sample", "--limit", "5"], "tags"),
            (["stats", "--sample", "--sort", "date"], "stats"),
            (["check", "--sample", "--sort", "date"], "check"),
            (["--sample", "--per-page", "5"], "show"),
            (["diff", "a", "b", "--limit", "5"], "diff"),
            (["archive", "show", "a.db", "--seen-at", "2025"], "archive show"),
            (["archive", "add", "a.db", "b.txt", "--limit", "5"], "archive add"),
            (["archive", "feed", "a.db", "--bogus", "x"], "archive feed"),
        ],
    )
    def test_an_option_of_another_command_names_this_command(
        self, argv: list[str], usage: str
    ) -> None:
        """`bloglist tags --limit 5`: the usage and the error are those of
        tags, which has no --limit, not of bloglist as a whole."""
        status, out, err = status_of(*argv)
        assert (status, out) == (2, "")
        assert err.startswith(f"usage: bloglist {usage} ")
        assert err.splitlines()[-1] == (
            f"bloglist {usage}: error: unrecognized arguments: {argv[-2]}"
        )

    @pytest.mark.parametrize(
        "sorts",
        [
            ["date", "date"],
            ["date", "date:asc"],
            ["title:desc", "date", "title"],
        ],
    )
    def test_a_sort_key_given_twice_is_a_usage_error(self, sorts: list[str]) -> None:
        """`--sort date --sort date:asc` is refused before any input is read,
        naming --sort: the query API refuses a key given twice."""
        argv = [word for key in sorts for word in ("--sort", key)]
        key = sorts[-1].partition(":")[0]
        for command in (["--sample"], ["--sample", "--format", "jsonl"]):
            status, out, err = status_of(*command, *argv)
            assert (status, out) == (2, "")
            assert err.splitlines()[-1] == (
                f"bloglist show: error: argument --sort: the key {key} is given "
                f"twice; give each key once, as {key}, {key}:asc or {key}:desc"
            )

    @pytest.mark.parametrize("sort", ["bogus", "date:up", "Date", "-date:asc", "-"])
    def test_a_sort_key_unknown_is_a_usage_error_that_lists_the_keys(
        self, sort: str
    ) -> None:
        """The error names every way to write a key, the library's descending
        spelling included."""
        status, out, err = status_of("--sample", f"--sort={sort}")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument --sort: {sort!r} is not KEY or "
            "KEY:asc or KEY:desc with KEY date or title (or -date or -title, "
            "descending)"
        )

    def test_the_librarys_spelling_of_a_descending_key_is_taken(self) -> None:
        """--sort=-date and --sort=-title sort as sort_by("-date") and
        sort_by("-title") do (date:desc, title:desc); written with a space,
        which argparse reads as an option, the error says how to write it."""
        keys: list[tuple[str, SortKey]] = [("date", "-date"), ("title", "-title")]
        for key, descending in keys:
            took = status_of("--sample", f"--sort={descending}", "--format", "jsonl")
            asked = status_of("--sample", "--sort", f"{key}:desc", "--format", "jsonl")
            assert took == asked and took[0] == 0
            titles = [json.loads(line)["title"] for line in took[1].splitlines()]
            assert titles == [post.title for post in SAMPLE.sort_by(descending)]
        status, out, err = status_of("--sample", "--sort", "-date")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            "bloglist show: error: argument --sort: expected one argument "
            "(for a descending key, write --sort=-KEY or --sort KEY:desc)"
        )

    @pytest.mark.parametrize(
        "argv",
        [["--search", "-foo"], ["--tag", "-x"], ["--known-tag", "-x"],
         ["archive", "feed", "a.db", "--author", "-me"]],
    )  # fmt: skip
    def test_a_text_value_that_starts_with_a_dash_is_told_where_it_goes(
        self, argv: list[str]
    ) -> None:
        """`--search -foo`: argparse reads the word as an option, and the
        error says to write `--search=-foo`, which works; an option of a
        number, whose negative value is taken, gets no such hint."""
        option, value = argv[-2:]
        status, out, err = status_of(*argv, "--sample")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1].endswith(
            f"error: argument {option}: expected one argument (a value that "
            f"starts with '-' is written {option}=VALUE)"
        )
        if argv[0] != "archive":
            status, _, err = status_of(f"{option}={value}", "--sample")
            assert (status, err) == (0, "")
        for last in ("--limit", "--sort"):
            status, _, err = status_of("--sample", last)
            assert err.splitlines()[-1] == (
                f"bloglist show: error: argument {last}: expected one argument"
            )

    @pytest.mark.parametrize(
        ("argv", "refused"),
        [
            (["--sample", "--limit", "-inf"], "'-inf' is not a whole number"),
            (
                ["archive", "show", "a.db", "--timeout", "-inf"],
                "'-inf' is not a number of seconds, 0 or more",
            ),
        ],
    )
    def test_a_number_s_value_argparse_takes_for_an_option_is_told_where_it_goes(
        self, argv: list[str], refused: str
    ) -> None:
        """A word after an option of a number that starts with '-' but is no
        negative number argparse takes (`-inf`) is taken for an option: the
        error says to write it after '=', where the option's own check then
        says why it is refused (a review found no hint, where docs/cli.md
        promised the number's reason)."""
        option, value = argv[-2:]
        status, out, err = status_of(*argv)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1].endswith(
            f"error: argument {option}: expected one argument (a value that "
            f"starts with '-' is written {option}=VALUE)"
        )
        status, out, err = status_of(*argv[:-2], f"{option}={value}")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1].endswith(f"error: argument {option}: {refused}")
        # The option typed last, with no value at all: no such hint, though
        # the same option was given a value before it.
        for before in ([], ["--search", "a"]):
            status, _, err = status_of("--sample", *before, "--search")
            assert err.splitlines()[-1] == (
                "bloglist show: error: argument --search: expected one argument"
            ), before

    @pytest.mark.parametrize(
        ("since", "until"),
        [
            ("2025", "2024"),
            ("2024", "2024"),
            ("2024-03", "2024-03-01"),
            ("2024-03-05", "2024-03"),
        ],
    )
    def test_an_empty_or_reversed_date_range_is_a_usage_error(
        self, since: str, until: str
    ) -> None:
        """--since on or after --until can hold no post: a mistake, refused
        with both options named (Where.between refuses it too)."""
        for command in ([], ["tags"], ["stats"]):
            status, out, err = status_of(
                *command, "--sample", "--since", since, "--until", until
            )
            assert (status, out) == (2, ""), command
            assert err == (
                f"bloglist: error: --until {until} is not after --since {since}: "
                "no post can be dated on or after --since and before --until\n"
            )
            with pytest.raises(ValueError, match="must come before end"):
                bloglist.Where.between(since, until)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--year", "2024", "--since", "2025"],
                "--since 2025 is after --year 2024: no post can be dated in 2024"
                " and on or after 2025",
            ),
            (
                ["--year", "2024", "--since", "2025-01-01"],
                "--since 2025-01-01 is after --year 2024: no post can be dated in"
                " 2024 and on or after 2025-01-01",
            ),
            (
                ["--year", "2024", "--until", "2024"],
                "--until 2024 is not after the start of --year 2024: no post can"
                " be dated in 2024 and before 2024",
            ),
            (
                ["--year", "2025", "--since", "2020", "--until", "2024-06"],
                "--until 2024-06 is not after the start of --year 2025: no post"
                " can be dated in 2025 and before 2024-06",
            ),
            # A year before 1000 is named with its four digits, as given.
            (
                ["--year", "0999", "--since", "1000"],
                "--since 1000 is after --year 0999: no post can be dated in 0999"
                " and on or after 1000",
            ),
            (
                ["--year", "0999", "--until", "0500"],
                "--until 0500 is not after the start of --year 0999: no post can"
                " be dated in 0999 and before 0500",
            ),
            (
                ["--until", "0001"],
                "--until 0001 is the first day there is: no post can be dated"
                " before it",
            ),
            (
                ["--until", "0001-01-01", "--year", "0001"],
                "--until 0001-01-01 is the first day there is: no post can be"
                " dated before it",
            ),
        ],
    )
    def test_a_year_outside_the_date_range_is_a_usage_error(
        self, argv: list[str], message: str
    ) -> None:
        """As --since after --until: options that no date can meet together
        are a mistake, refused before any input is read, not an empty
        result with status 0."""
        for command in ([], ["tags"], ["stats"]):
            status, out, err = status_of(*command, "--sample", *argv)
            assert (status, out, err) == (2, "", f"bloglist: error: {message}\n")

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--tag", "Data", "--exclude-tag", "data"],
                "--tag 'Data' and --exclude-tag 'data' name one tag: no post can"
                " both carry it and not",
            ),
            # The first --exclude-tag of the tag is the one named.
            (
                [
                    "--all-tags",
                    "Data",
                    "--all-tags",
                    "AI",
                    "--exclude-tag",
                    " ai",
                    "--exclude-tag",
                    "AI",
                ],
                "--all-tags 'AI' and --exclude-tag 'ai' name one tag: no post can"
                " both carry it and not",
            ),
            (
                [
                    "--tag",
                    "A",
                    "--tag",
                    "b",
                    "--exclude-tag",
                    "B",
                    "--exclude-tag",
                    "a",
                ],
                "every --tag ('A', 'b') is an --exclude-tag too: no post can carry"
                " one of them and none of them",
            ),
            # Folded as the conditions fold tags: "STRASSE" is "straße".
            (
                [
                    "--tag",
                    "STRASSE",
                    "--exclude-tag",
                    "stra\N{LATIN SMALL LETTER SHARP S}e",
                ],
                "--tag 'STRASSE' and --exclude-tag 'stra\N{LATIN SMALL LETTER SHARP S}e'"
                " name one tag: no post can both carry it and not",
            ),
        ],
    )
    def test_a_tag_both_kept_and_excluded_is_a_usage_error(
        self, argv: list[str], message: str
    ) -> None:
        """A post cannot carry a tag and not carry it: the options are a
        mistake, refused before any input is read, as contradictory dates are,
        not an empty result with status 0."""
        for command in ([], ["tags"], ["stats"]):
            status, out, err = status_of(*command, "--sample", *argv)
            assert (status, out, err) == (2, "", f"bloglist: error: {message}\n")

    @pytest.mark.parametrize(
        "argv",
        [
            ["--tag", "Data", "--tag", "Mobile", "--exclude-tag", "data"],
            ["--all-tags", "Data", "--exclude-tag", "Data Science"],
            ["--tag", "Data", "--all-tags", "Data", "--exclude-tag", "Mobile"],
        ],
    )
    def test_tag_options_that_leave_some_tag_to_match_run(
        self, argv: list[str]
    ) -> None:
        """Only options that no post can meet are refused: an --exclude-tag
        that leaves another --tag to carry filters as the library does."""
        listing = bloglist.loads(bloglist.sample_text())

        def named(option: str) -> set[str]:
            return {b.casefold() for a, b in itertools.pairwise(argv) if a == option}

        keep, every, drop = named("--tag"), named("--all-tags"), named("--exclude-tag")
        expected = []
        for post in listing:
            tags = {tag.casefold() for tag in post.tags}
            if (not keep or tags & keep) and every <= tags and not tags & drop:
                expected.append(post)
        assert expected, "a filter that keeps no post of the sample shows nothing here"
        status, out, err = status_of("--sample", *argv, "--format", "json")
        assert (status, err) == (0, "")
        assert list(bloglist.from_json(out)) == expected

    @pytest.mark.parametrize(
        "argv",
        [
            ["--year", "2024", "--since", "2024-12-31"],
            ["--year", "2024", "--until", "2024-01-02"],
            ["--year", "2024", "--since", "2023", "--until", "2026"],
            ["--until", "0001-01-02"],
        ],
    )
    def test_a_year_that_meets_the_range_on_one_day_is_fine(
        self, argv: list[str]
    ) -> None:
        """A range that shares a day with the year is no mistake: the
        posts dated in both, as the conditions of the library give them."""
        listing = bloglist.loads(bloglist.sample_text())
        status, out, _ = status_of("--sample", *argv, "--format", "jsonl")
        assert status == 0
        since = argv[argv.index("--since") + 1] if "--since" in argv else None
        until = argv[argv.index("--until") + 1] if "--until" in argv else None
        year = int(argv[argv.index("--year") + 1]) if "--year" in argv else None
        conditions = [
            *([bloglist.Where.since(since)] if since else []),
            *([bloglist.Where.before(until)] if until else []),
            *([bloglist.Where.year(year)] if year else []),
        ]
        assert out == bloglist.to_jsonl(listing.filter(*conditions))

    def test_a_date_range_of_one_day_is_fine(self) -> None:
        """The shortest range, one day, keeps the posts of that day."""
        status, out, _ = status_of(
            "--sample",
            "--since",
            "2024-06-14",
            "--until",
            "2024-06-15",
            "--format",
            "jsonl",
        )
        assert status == 0
        expected = SAMPLE.filter(bloglist.Where.on("2024-06-14"))
        assert out == bloglist.to_jsonl(expected)

    def test_a_page_past_the_end_names_the_option(self) -> None:
        """The page error names --page, as every other bad value names its option."""
        status, out, err = status_of("--sample", "--page", "3", "--page-size", "10")
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: argument --page: page 3 is out of range: "
            "12 posts make 2 pages of 10\n"
        )
        status, out, _ = status_of("--sample", "--page", "2", "--format", "jsonl")
        assert status == 0
        assert out == bloglist.to_jsonl(SAMPLE.page(2, size=10).posts)

    @pytest.mark.parametrize("sort", [[], ["--sort", "date"]])
    def test_a_page_past_the_end_of_the_selected_posts_says_so(
        self, sort: list[str]
    ) -> None:
        """With a filter, the counts are of the posts it selects: "with no
        posts" of a listing of twelve would mislead. Streamed (no sort)
        and sorted alike."""
        status, out, err = status_of(
            "--sample", "--tag", "Nosuch", "--page", "2", *sort
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: argument --page: page 2 is out of range: with no "
            "posts, page 1 is the only page, empty (counting the posts the "
            "options select)\n"
        )
        status, out, err = status_of(
            "--sample", "--year", "2024", "--page", "2", "--page-size", "3", *sort
        )
        assert (status, out) == (2, "")
        selected = len(SAMPLE.filter(bloglist.Where.year(2024)))
        assert selected == 3
        assert err == (
            "bloglist: error: argument --page: page 2 is out of range: 3 posts "
            "make 1 page of 3 (counting the posts the options select)\n"
        )

    @pytest.mark.parametrize(
        "option",
        [
            "--feed-title",
            "--author",
            "--subtitle",
            "--feed-id",
            "--tag",
            "--all-tags",
            "--exclude-tag",
            "--search",
            "--known-tag",
        ],
    )
    def test_an_argument_with_bytes_that_are_not_utf8_is_refused(
        self, option: str
    ) -> None:
        """`--feed-title "$name"` with a Latin-1 byte in $name (Python sees it
        as a lone surrogate): a usage error naming the option and showing the
        byte, not a traceback, a feed with a replaced character, or a tag
        that silently matches nothing."""
        value = "caf\udce9" if option != "--feed-id" else "tag:caf\udce9"
        status, out, err = status_of("--sample", "--format", "atom", option, value)
        assert (status, out) == (2, "")
        shown = value.replace("\udce9", "\\xe9")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument {option}: "
            f"'{shown}' holds bytes that are not UTF-8"
        )

    @pytest.mark.parametrize(
        "argv",
        [
            ["--sample", "--sort", "date\udcff"],
            ["--sample", "--limit", "5\udcff"],
            ["--sample", "--page", "1\udcff"],
            ["--sample", "--year", "2024\udcff"],
            ["--sample", "--since", "2024\udcff"],
            ["--sample", "--max-diagnostics", "5\udcff"],
            ["--sample", "--format", "json\udcff"],
            ["stats", "--sample", "--by", "month\udcff"],
            ["check", "--sample", "--format", "json\udcff"],
            ["diff", "a.txt", "b.txt", "--format", "json\udcff"],
            ["archive", "add", "a.db", "a.txt", "--seen-at", "2025\udcff"],
            ["archive", "show", "a.db", "--timeout", "5\udcff"],
        ],
        ids=lambda argv: " ".join(argv[:-1]),
    )
    def test_a_byte_that_is_not_utf8_in_any_option_shows_as_a_byte(
        self, argv: list[str]
    ) -> None:
        """A number, a key, a date or a choice with such a byte is refused
        as text is, the byte shown as \\xff (not as Python holds it, \\udcff)."""
        status, out, err = status_of(*argv)
        assert (status, out) == (2, "")
        shown = argv[-1].replace("\udcff", "\\xff")
        assert err.splitlines()[-1].endswith(
            f": error: argument {argv[-2]}: '{shown}' holds bytes that are not UTF-8"
        )

    def test_an_empty_file_name_shows_as_quotes(self) -> None:
        """`bloglist "$UNSET"` names the file it could not read as ''."""
        status, out, err = status_of("")
        assert (status, out) == (2, "")
        assert err == "bloglist: error: cannot read '': No such file or directory\n"


class TestAnArchiveGivenAsAListing:
    @pytest.mark.parametrize(
        ("command", "options"),
        [
            ([], []),
            ([], ["--format", "jsonl"]),
            ([], ["--sort", "date"]),
            (["tags"], []),
            (["stats"], []),
            ([], ["--pages"]),
        ],
    )
    def test_is_named_an_sqlite_file(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        listing_file: Path,
        command: list[str],
        options: list[str],
    ) -> None:
        """`bloglist blog.db`, for `archive show blog.db`: the file is said to
        be an SQLite file, status 2, no output, rather than its first byte
        that is not UTF-8; and nothing else is said of it first (its
        header's lines read as a listing's gave a `missing-blank` before)."""
        db = tmp_path / "blog.db"
        assert main(["archive", "add", "-q", str(db), str(listing_file)]) == 0
        capsys.readouterr()
        status, out, err = run(capsys, *command, str(db), *options)
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: {db} is an SQLite file, not a listing: an archive? "
            "(archive show reads an archive)\n"
        )

    def test_the_open_input_is_looked_at_in_place(
        self, tmp_path: Path, listing_file: Path
    ) -> None:
        """The first bytes are peeked at, never read: a listing whose first
        line is SQLite's words (with no NUL) is read whole after the look,
        a file with no peek (the sample, in memory) is not looked at, and
        a non-blocking pipe with no data yet is answered at once (nor is it
        taken for JSON)."""
        from bloglist._cli_common import SQLITE_HEADER, starts_as_json, starts_as_sqlite

        db = tmp_path / "blog.db"
        assert main(["archive", "add", "-q", str(db), str(listing_file)]) == 0
        with db.open("rb") as fp:
            assert starts_as_sqlite(fp)
            assert fp.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        lookalike = b"SQLite format 3\n\nT\n\nE\n"
        path = tmp_path / "lookalike.txt"
        path.write_bytes(lookalike)
        with path.open("rb") as fp:
            assert not starts_as_sqlite(fp)
            assert fp.read() == lookalike
        assert not starts_as_sqlite(io.BytesIO(SQLITE_HEADER))
        if os.name == "posix":
            read_end, write_end = os.pipe()
            os.set_blocking(read_end, False)
            with open(read_end, "rb") as fp:
                assert not starts_as_sqlite(fp)
                assert not starts_as_json(fp)
            os.close(write_end)

    @pytest.mark.parametrize("form", ["jsonl", "json", "csv", "table", "listing"])
    def test_the_posts_before_it_are_written_first(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        listing_file: Path,
        form: str,
    ) -> None:
        """`bloglist good.txt blog.db`: good.txt's posts, as alone, then the
        one line that names the archive, status 2."""
        db = tmp_path / "blog.db"
        assert main(["archive", "add", "-q", str(db), str(listing_file)]) == 0
        capsys.readouterr()
        _, alone, _ = run(capsys, str(listing_file), "--format", form)
        status, out, err = run(capsys, str(listing_file), str(db), "--format", form)
        assert status == 2
        assert err == (
            f"bloglist: error: {db} is an SQLite file, not a listing: an archive? "
            "(archive show reads an archive)\n"
        )
        if form != "json":
            assert out == alone
        else:  # the array stays open, as after any error that stops it
            assert out.rstrip() == alone.rstrip().removesuffix("]").rstrip()

    def test_check_reports_its_bytes_as_findings(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, listing_file: Path
    ) -> None:
        """check validates what it is given: an SQLite file's bytes are a
        finding, status 1, as any file's that are not UTF-8; a note after
        its summary says what the file is, where the finding's advice
        (convert it from another encoding) would mislead."""
        db = tmp_path / "blog.db"
        assert main(["archive", "add", "-q", str(db), str(listing_file)]) == 0
        capsys.readouterr()
        status, out, err = run(capsys, "check", str(db), str(listing_file))
        assert status == 1
        assert f"{db}:" in out and " invalid-utf8 " in out
        summary, note, other = err.splitlines()
        assert summary.startswith(f"{db}: 0 posts, ")
        assert note == (
            f"bloglist: note: {db} is an SQLite file, not a listing: an archive? "
            "(archive show reads an archive)"
        )
        assert other == f"{listing_file}: 12 posts, 0 errors, 0 warnings"


JSON_SAID = (
    "holds JSON, not a listing: the command reads listings only (in Python, "
    "bloglist.from_json() and bloglist.from_jsonl() read back what --format "
    "json and --format jsonl write)"
)
# Title characters that JSON starts with, and what may stand beside them.
JSONISH_TEXT = st.text(alphabet='[]{}" \tTa5,:', max_size=8).map(str.strip).filter(bool)


def _encoded(data: bytes, codec: str, *, bom: bool = True) -> bytes:
    """*data*, UTF-8 with or without its byte order mark, in *codec*: as is
    for UTF-8, else UTF-16 with its mark (with *bom*)."""
    if codec == "utf-8":
        return data
    text = data.decode("utf-8-sig")
    return (
        codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    ) * bom + text.encode(codec)


class TestJsonGivenAsAListing:
    """The command's own JSON given back to it (`bloglist posts.json`) is
    said to be JSON, status 2, rather than read as a listing: a hundred
    findings of lines with problems, and a table of one post whose title is
    `"title": ...`."""

    @pytest.fixture(params=["json", "jsonl"])
    def json_file(
        self, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
    ) -> Path:  # fmt: skip
        status, out, _ = run(capsys, "--sample", "--format", request.param)
        assert status == 0
        path = tmp_path / f"posts.{request.param}"
        path.write_text(out, encoding="utf-8")
        return path

    @pytest.mark.parametrize(
        ("command", "options"),
        [
            ([], []),
            ([], ["--format", "csv"]),
            (["tags"], []),
            (["stats"], []),
            ([], ["--pages"]),
        ],
    )
    def test_it_is_named(
        self,
        capsys: pytest.CaptureFixture[str],
        json_file: Path,
        command: list[str],
        options: list[str],
    ) -> None:
        status, out, err = run(capsys, *command, str(json_file), *options)
        assert (status, out) == (2, "")
        assert err == f"bloglist: error: {json_file} {JSON_SAID}\n"

    def test_diff_and_archive_add_name_it(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        json_file: Path, listing_file: Path,
    ) -> None:  # fmt: skip
        """Status 2, as for any trouble; archive add makes no archive."""
        said = f"bloglist: error: {json_file} {JSON_SAID}\n"
        assert run(capsys, "diff", str(listing_file), str(json_file)) == (2, "", said)
        db = tmp_path / "blog.db"
        argv = ["archive", "add", str(db), str(json_file), "--seen-at", "2025-03-04"]
        assert run(capsys, *argv) == (2, "", said)
        assert not db.exists()

    def test_after_the_last_post_read(
        self, capsys: pytest.CaptureFixture[str], json_file: Path, listing_file: Path
    ) -> None:
        """`--limit 1 good.txt posts.json`: the post, then the file named,
        status 2, as a file that could not have been read is."""
        _, first, _ = run(capsys, str(listing_file), "--limit", "1")
        status, out, err = run(
            capsys, "--limit", "1", str(listing_file), str(json_file)
        )
        assert (status, out, err) == (
            2,
            first,
            f"bloglist: error: {json_file} {JSON_SAID}\n",
        )

    def test_check_reports_its_lines_as_findings(
        self, capsys: pytest.CaptureFixture[str], json_file: Path
    ) -> None:
        """check validates what it is given, JSON too: findings, status 1,
        and after the summary a note that says what the file is, in either
        format of check, the same from a pipe."""
        note = f"bloglist: note: {json_file} {JSON_SAID}"
        status, out, err = run(capsys, "check", str(json_file))
        assert status == 1
        assert f"{json_file}:1:" in out or f"{json_file}:2:" in out
        summary, said = err.splitlines()
        assert summary.startswith(f"{json_file}: ")
        assert said == note
        status, out, err = run(capsys, "check", "--format", "json", str(json_file))
        assert status == 1
        assert json.loads(out)
        assert err.splitlines()[1:] == [note]
        piped = io.BufferedReader(io.BytesIO(json_file.read_bytes()))
        with _stdin(io.TextIOWrapper(piped, encoding="utf-8")):
            status, _, err = run(capsys, "check")
        assert status == 1
        assert err.splitlines()[1:] == [f"bloglist: note: <stdin> {JSON_SAID}"]

    @pytest.mark.parametrize(
        "title", ['{"Quotes"} in titles', "[]", "{", "[{x}] Brackets"]
    )
    def test_a_listing_whose_first_title_starts_as_json_is_read(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, title: str
    ) -> None:
        """A listing may start with its title on line 1, and the title may
        start as JSON does: the blank line after it says it is a listing,
        which the commands read, and check notes nothing of (a review found
        such listings refused as JSON, with status 2)."""
        path = tmp_path / "listing.txt"
        path.write_text(f"{title}\n\nAn excerpt\n", encoding="utf-8")
        status, out, err = run(capsys, str(path), "--format", "json")
        assert (status, err) == (0, "")
        assert [post["title"] for post in json.loads(out)] == [title]
        status, _, err = run(capsys, "check", str(path))
        assert (status, err) == (0, f"{path}: 1 post, 0 errors, 0 warnings\n")

    def test_check_notes_nothing_for_a_listing(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path
    ) -> None:
        """A listing, from a file or a pipe, gets its summary alone."""
        status, _, err = run(capsys, "check", str(listing_file))
        assert (status, err) == (0, f"{listing_file}: 12 posts, 0 errors, 0 warnings\n")
        piped = io.BufferedReader(io.BytesIO(listing_file.read_bytes()))
        with _stdin(io.TextIOWrapper(piped, encoding="utf-8")):
            status, _, err = run(capsys, "check")
        assert (status, err) == (0, "<stdin>: 12 posts, 0 errors, 0 warnings\n")

    @pytest.mark.parametrize(
        "start",
        [
            b"[", b"[\n", b"[\r\n", b"[{", b"[ {", b"[]", b"[ ]\t\r\n",
            b"{", b"{\n", b'{"title": "T"}', b'{ "t', b"{}", b"{} \n", b"{ }",
            b" \t[\n", b"\xef\xbb\xbf[\n", b"\xef\xbb\xbf{\"",
            # JSON whose lines end with "\r" alone.
            b"[\r", b"[]\r", b"{ }\r", b"{\r",
        ],
    )  # fmt: skip
    @pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be"])
    def test_json_starts(self, start: bytes, codec: str) -> None:
        """As UTF-8, or UTF-16 after its byte order mark (JSON saved by
        Windows PowerShell 5's `>`, once read as a listing of 22 errors)."""
        from bloglist._cli_common import starts_as_json

        # Then the lines of the array, the second line not blank.
        rest = b"  {}\n]\n" if start.endswith((b"\n", b"\r")) else b"\n  {}\n]\n"
        start, rest = _encoded(start, codec), _encoded(rest, codec, bom=False)
        with io.BufferedReader(io.BytesIO(start + rest)) as fp:
            assert starts_as_json(fp)
            assert fp.read(len(start)) == start  # looked at, not read
        # Alone, or with the first line's end alone: no second line to see.
        for data in (start, start.rstrip(b"\r\n") + b"\n"):
            with io.BufferedReader(io.BytesIO(data)) as fp:
                assert starts_as_json(fp)

    @pytest.mark.parametrize(
        "start",
        [
            b"", b"\n", b"\n[Video] Talk\n", b"[Video] Talk\n", b"[ ] Todo\n",
            b"[]x\n", b"{} x\n", b"{curly} title\n", b"] [\n",
            b"sticky\n[\n", b"\xef\xbb\xbf\n[\n", b"x[\n",
            # A title on line 1 that starts as JSON does: a blank line
            # follows it (a review found such listings refused as JSON).
            b'{"Quotes"} in titles\n\nExcerpt\n', b"[{x}] Brackets\n \t\r\nx\n",
            b"[\n\nx\n", b"{}\r\n\r\nx\r\n", b'\xef\xbb\xbf{"\n\n',
            # Lines that end with "\r" alone, as the format allows (a review
            # found such listings refused as JSON).
            b'{"Quotes"} in titles\r\rExcerpt\r', b"[\r\rx\r", b"{}\r \r\n",
            b"[{x}] Brackets\r\t\r",
        ],
    )  # fmt: skip
    @pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be"])
    def test_listing_starts(self, start: bytes, codec: str) -> None:
        from bloglist._cli_common import starts_as_json

        with io.BufferedReader(io.BytesIO(_encoded(start, codec))) as fp:
            assert not starts_as_json(fp)

    @pytest.mark.parametrize("pread", [True, False])
    @pytest.mark.parametrize("stdin", [False, True])
    def test_a_regular_files_first_two_lines_are_looked_at_however_long(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        stdin: bool,
        pread: bool,
    ) -> None:
        """A listing whose first title starts as JSON does and is longer than
        one read is still told by its blank second line, read in place (a
        review found one of 4,097 bytes refused as JSON, status 2); JSON on
        one line of 3 MiB, or with a long first line, is still JSON. The
        same where the system has no ``os.pread`` (Windows): a review found
        the long listing refused as JSON there."""
        if not pread:
            monkeypatch.delattr(os, "pread", raising=False)
        listing = tmp_path / "listing.txt"
        title = '{"Quotes"} in titles ' + "x" * 200_000
        listing.write_text(f"{title}\n\nAn excerpt\n", encoding="utf-8")
        one_line = tmp_path / "one-line.json"
        one_line.write_text(
            json.dumps([{"title": "x" * (3 << 20)}]) + "\n", encoding="utf-8"
        )
        long_first = tmp_path / "long-first.json"
        long_first.write_text('{"title": "' + "x" * 200_000 + '"}\n{"title": "B"}\n')

        def read(path: Path) -> tuple[int, str, str]:
            if not stdin:
                return run(capsys, str(path), "--format", "jsonl")
            with path.open(encoding="utf-8") as text, _stdin(text):
                return run(capsys, "-", "--format", "jsonl")

        status, out, err = read(listing)
        assert (status, err) == (0, "")
        assert json.loads(out)["title"] == title
        for path in (one_line, long_first):
            status, out, err = read(path)
            name = "<stdin>" if stdin else str(path)
            assert (status, out) == (2, "")
            assert err.startswith(f"bloglist: error: {name} {JSON_SAID}")

    @pytest.mark.parametrize("pread", [True, False])
    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_utf16_after_its_mark_is_told_the_same(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        codec: str,
        pread: bool,
    ) -> None:
        """The command's JSON saved as UTF-16 (Windows PowerShell 5's `>`)
        is named as JSON, from a file or a pipe, as in UTF-8 (it was read as
        a listing: a post titled with a line of JSON, and 22 errors); a
        UTF-16 listing whose long first title starts as JSON does, its lines
        ended by "\r\n" (two breaks each, byte by byte), is still read."""
        if not pread:
            monkeypatch.delattr(os, "pread", raising=False)
        status, out, _ = run(capsys, "--sample", "--format", "json")
        assert status == 0
        saved = tmp_path / "posts.json"
        saved.write_bytes(_encoded(out.encode(), codec))
        status, out, err = run(capsys, str(saved))
        assert (status, out, err) == (2, "", f"bloglist: error: {saved} {JSON_SAID}\n")
        piped = io.BufferedReader(io.BytesIO(saved.read_bytes()))
        with _stdin(io.TextIOWrapper(piped, encoding="utf-8")):
            status, out, err = run(capsys)
        assert (status, out, err) == (2, "", f"bloglist: error: <stdin> {JSON_SAID}\n")
        listing = tmp_path / "listing.txt"
        # Its first line's break ends the second piece of 64 KiB read ahead.
        title = '{"Quotes"} in titles '
        title += "x" * ((2 * 65_536 - 2 - 4) // 2 - len(title))
        text = f"{title}\r\n\r\nAn excerpt\r\n"
        listing.write_bytes(_encoded(text.encode(), codec))
        status, out, err = run(capsys, str(listing), "--format", "jsonl")
        assert (status, err) == (0, "")
        assert json.loads(out)["title"] == title

    def test_two_first_lines_of_the_longest_length_are_both_looked_at(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A first line of exactly --max-line-length bytes that starts as JSON
        does, then a blank one as long, each ended by "\r\n": the bytes
        looked at hold both whole, so the blank second line tells a listing,
        which is read (status 0), not refused as JSON."""
        from bloglist._cli_common import MAX_LINE, starts_as_json

        path = tmp_path / "edge.txt"
        first = b'{"' + b"x" * (MAX_LINE - 2)
        path.write_bytes(first + b"\r\n" + b" " * MAX_LINE + b"\r\nExcerpt\r\n")
        with path.open("rb") as fp:
            assert not starts_as_json(fp)
        status, out, err = run(capsys, str(path), "--format", "jsonl")
        assert (status, err) == (0, "")
        assert json.loads(out)["title"] == first.decode()

    def test_the_look_ahead_stops_at_the_piece_of_the_second_break(
        self, tmp_path: Path
    ) -> None:
        """A file whose first two lines end in its first piece: one piece is
        read ahead, not the long third line after them."""
        from bloglist._cli_common import _PIECE, read_ahead

        path = tmp_path / "j.txt"
        data = b"{\n\n" + b"x" * (_PIECE + 5_000) + b"\n"
        path.write_bytes(data)
        with path.open("rb") as fp:
            assert read_ahead(fp.fileno(), 0) == (data[:_PIECE], False)
            assert read_ahead(fp.fileno(), 1) == (data[1 : _PIECE + 1], False)

    @pytest.mark.parametrize(
        ("data", "kind"),
        [
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
            (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
            (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
            (b"%PDF-1.4\r\n%\xe2\xe3\xcf\xd3\r\n", "a PDF document"),
            (b"\x7fELF\x02\x01\x01\x00", "a program (ELF)"),
        ],
        ids=["png", "jpeg", "webp", "pdf", "pdf crlf", "elf"],
    )
    def test_a_file_that_is_no_text_is_said_to_be_what_it_is(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, kind: str
    ) -> None:
        """The wording review: an image, a PDF or a program given as a
        listing got the advice to convert its encoding (iconv), each of its
        bytes a problem. It is said to be what its first bytes show, status
        2, as a compressed file is; check notes it."""
        path = tmp_path / "index.txt"
        path.write_bytes(data + bytes(range(256)))
        said = (
            f"{path} is {kind}, not a listing (the text of a blog's index page, "
            "as copied or saved as text)"
        )
        for argv in ([str(path)], ["tags", str(path)], ["diff", str(path), str(path)]):
            status, out, err = run(capsys, *argv)
            assert (status, out, err) == (2, "", f"bloglist: error: {said}\n")
        status, _, err = run(capsys, "check", str(path))
        assert status == 1
        assert err.splitlines()[-1] == f"bloglist: note: {said}"

    @pytest.mark.parametrize(
        "data",
        [b"RIFF\x24\x00\x00\x00WAVEfmt \xff", b"\xff\xd8x\xff", b"%PDF-1.7 \xff\n"],
        ids=["wav", "two bytes of jpeg", "pdf without its line end"],
    )
    def test_other_bytes_are_not_taken_for_a_kind_of_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes
    ) -> None:
        """Only the first bytes of each kind name it: a WAV file (RIFF too)
        is no WebP image, and a file that starts as a kind does only in part
        is read as text (here: bytes that are not UTF-8, status 1)."""
        path = tmp_path / "index.txt"
        path.write_bytes(data)
        status, _, err = run(capsys, str(path))
        assert status == 1
        assert "invalid-utf8" in err
        assert "not a listing" not in err

    @pytest.mark.parametrize(
        "text",
        ["%PDF-1.7\n\nAn excerpt\n", "%PDF-1.7\r\n\r\nAn excerpt\r\n", "\nELF\n\nx\n"],
    )
    def test_a_title_that_starts_as_a_pdf_is_a_listing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
    ) -> None:
        """A PDF is told by its version line and a line after it that is not
        blank: a title is followed by a blank line, and is read."""
        path = tmp_path / "title.txt"
        path.write_bytes(text.encode("utf-8"))
        status, out, _ = run(capsys, str(path), "--format", "jsonl")
        title = text.strip().splitlines()[0]
        assert (status, json.loads(out)["title"]) == (0, title)

    @pytest.mark.parametrize("kind", ["gzip", "xz", "zip", "zstd"])
    def test_a_compressed_listing_is_said_to_be_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
    ) -> None:
        """A listing saved compressed (a server's gzip, saved as sent) is
        said to be so, status 2, as JSON is; check notes it: each of its
        bytes read as text would be advice to convert an encoding (a review
        found gunzip's bytes given that advice)."""
        import gzip
        import lzma
        import zipfile

        data = bloglist.sample_text().encode("utf-8")
        path = tmp_path / f"listing.{kind}"
        if kind == "zip":
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
                packed.writestr("listing.txt", data)
        else:
            pack: dict[str, Callable[[bytes], bytes]] = {
                "gzip": gzip.compress,
                "xz": lzma.compress,
                # No zstd in the standard library before 3.14: its magic
                # number is what tells it.
                "zstd": lambda data: b"\x28\xb5\x2f\xfd" + data,
            }
            path.write_bytes(pack[kind](data))
        # What a server sends compressed, and curl --compressed undoes.
        served = " (curl --compressed decompresses a download)" * (
            kind in ("gzip", "zstd")
        )
        said = (
            f"{path} is compressed ({kind}), not a listing: decompress it first{served}"
        )
        for argv in ([str(path)], ["diff", str(path), str(path)]):
            status, out, err = run(capsys, *argv)
            assert (status, out, err) == (2, "", f"bloglist: error: {said}\n")
        status, _, err = run(capsys, "check", str(path))
        assert status == 1
        assert err.splitlines()[-1] == f"bloglist: note: {said}"
        # A listing whose title starts with bzip2's first bytes, which are
        # letters, is a listing: bzip2 is not told (a review found it refused).
        text = tmp_path / "title.txt"
        text.write_text("\nBZh91AY&SY is a title\n\nAn excerpt\n", encoding="utf-8")
        assert run(capsys, str(text), "--format", "listing")[:2] == (
            0,
            text.read_text(encoding="utf-8"),
        )

    def test_a_pipes_first_line_alone_is_taken_for_json(self) -> None:
        """A pipe is looked at only as far as its first read: a first line
        that starts as JSON does, with nothing after it yet, is taken for
        JSON (docs/cli.md says so), and is left unread."""
        from bloglist._cli_common import starts_as_json

        read, write = os.pipe()
        with open(read, "rb") as fp, open(write, "wb") as writer:
            writer.write(b'{"Quotes"} in titles\n')
            writer.flush()
            assert starts_as_json(fp)
            writer.write(b"\nAn excerpt\n")
            writer.close()
            assert fp.read() == b'{"Quotes"} in titles\n\nAn excerpt\n'

    @pytest.mark.parametrize("pread", [True, False])
    def test_standard_input_unread_is_looked_at_as_far_as_a_file(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        listing_file: Path,
        pread: bool,
    ) -> None:
        """Standard input after --limit, not read, is looked at as far as a
        named file: a long first title with a blank line after it is a
        listing, and it is left where it stood. The same where the system
        has no ``os.pread`` (Windows), where a review found JSON on
        standard input let through, status 0."""
        if not pread:
            monkeypatch.delattr(os, "pread", raising=False)
        listing = tmp_path / "given.txt"
        listing.write_text('{"Q"} ' + "x" * 100_000 + "\n\nAn excerpt\n")
        with listing.open(encoding="utf-8") as text, _stdin(text):
            status, _, err = run(capsys, str(listing_file), "-", "--limit", "1")
            assert (status, err) == (0, "")
            assert os.lseek(text.fileno(), 0, os.SEEK_CUR) == 0
        listing.write_text('{"title": "' + "x" * 100_000 + '"}\n{"title": "B"}\n')
        with listing.open(encoding="utf-8") as text, _stdin(text):
            status, _, err = run(capsys, str(listing_file), "-", "--limit", "1")
        assert status == 2
        assert err.startswith(f"bloglist: error: <stdin> {JSON_SAID}")
        # Its last line, blank with no line break, is whole: a listing's
        # second line, as for the same bytes named (a review found it JSON).
        listing.write_bytes(b"[\n \t")
        for named in ("-", str(listing)):
            with listing.open(encoding="utf-8") as text, _stdin(text):
                status, _, err = run(capsys, str(listing_file), named, "--limit", "1")
            assert (status, err) == (0, "")

    @pytest.mark.parametrize("pread", [True, False])
    def test_standard_input_part_read_is_looked_at_from_where_it_stands(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        pread: bool,
    ) -> None:
        """A file on standard input that the shell has read part of (``{
        read header; bloglist; } < saved.txt``) is looked at from where the
        command's reading starts, not from the file's start: its first line
        there is a long title that starts as JSON does, the blank line after
        it tells a listing (looked at from the file's start, the line before
        it and the title would be two lines of JSON)."""
        if not pread:
            monkeypatch.delattr(os, "pread", raising=False)
        saved = tmp_path / "saved.txt"
        title = '{"Q"} ' + "x" * 100_000
        saved.write_text(f"[\n{title}\n\nAn excerpt\n", encoding="utf-8")
        with saved.open(encoding="utf-8") as text, _stdin(text):
            os.lseek(text.fileno(), 2, os.SEEK_SET)  # "[\n" read by the shell
            status, out, err = run(capsys, "-", "--format", "jsonl")
        assert (status, err) == (0, "")
        assert json.loads(out)["title"] == title

    @pytest.mark.parametrize("kind", [stat.S_IFBLK, stat.S_IFCHR])
    def test_standard_input_unread_on_a_device_is_not_looked_at(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        listing_file: Path,
        kind: int,
    ) -> None:
        """Only a regular file is looked at: a device may be seekable (a
        disk, `< /dev/sdb`) and a read of it may wait, so standard input on
        one, after --limit, is left unread, whatever its bytes."""
        from bloglist import _cli_common

        given = tmp_path / "given.json"
        given.write_text('{"title": "A"}\n{"title": "B"}\n', encoding="utf-8")
        fstat = os.fstat

        def device(fd: int) -> os.stat_result:
            found = fstat(fd)
            if fd != sys.stdin.fileno():
                return found
            fields = list(found)
            fields[0] = kind | 0o644  # st_mode
            return os.stat_result(fields)

        def read_ahead(*args: object) -> None:
            raise AssertionError("standard input was read")

        with given.open(encoding="utf-8") as text, _stdin(text):
            monkeypatch.setattr(os, "fstat", device)
            monkeypatch.setattr(_cli_common, "read_ahead", read_ahead)
            status, _, err = run(capsys, str(listing_file), "-", "--limit", "1")
            monkeypatch.undo()
            assert (status, err) == (0, "")
            assert os.lseek(text.fileno(), 0, os.SEEK_CUR) == 0

    @given(
        st.lists(
            st.builds(
                bloglist.Post,
                title=JSONISH_TEXT,
                excerpt=JSONISH_TEXT,
                date=st.one_of(st.none(), st.dates()),
                sticky=st.booleans(),
            ),
            min_size=1,
            max_size=3,
        )
    )
    def test_no_listing_the_writer_writes_is_taken_for_json(
        self, posts: list[bloglist.Post]
    ) -> None:
        from bloglist._cli_common import starts_as_json

        data = bloglist.dumps(posts).encode("utf-8")
        with io.BufferedReader(io.BytesIO(data)) as fp:
            assert not starts_as_json(fp)


class TestCheck:
    def test_findings_as_json(self, broken_file: Path) -> None:
        """--format json prints every finding as an object; the summary stays on stderr."""
        status, out, err = status_of("check", str(broken_file), "--format", "json")
        assert status == 1
        records = json.loads(out)
        assert [
            (r["line"], r["column"], r["code"], r["severity"]) for r in records
        ] == [
            (2, 1, "invalid-date", "error"),
            (8, 1, "extra-line", "error"),
        ]
        assert {r["file"] for r in records} == {str(broken_file)}
        assert err == f"{broken_file}: 1 post, 2 errors, 0 warnings\n"

    @given(
        st.lists(
            st.sampled_from(
                ["Mar 5", "T", "", "sticky", 'Junk "q" \\ \u2028 \u00e9', "DataDATA"]
            ),
            max_size=30,
        )
    )
    def test_the_json_is_written_as_json_dumps_would(self, lines: list[str]) -> None:
        """The array is written a finding at a time (held whole, a file with
        an error every few bytes took 650 times its size), and reads as the
        one json.dumps(findings, indent=2, ensure_ascii=False) writes."""
        text = "\n".join(lines) + "\n"
        with _stdin(io.TextIOWrapper(io.BytesIO(text.encode()))):
            _, out, _ = status_of("check", "-", "--format", "json")
        records = json.loads(out)
        assert out == json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        listing = bloglist.loads(text)
        assert [(r["line"], r["code"], r["message"]) for r in records] == [
            (d.lineno, d.code, d.message) for d in listing.diagnostics
        ]

    def test_strict_check_reports_the_first_error_as_a_finding(
        self, broken_file: Path
    ) -> None:
        """With --strict, check stops at the first error, printed like the others."""
        status, out, err = status_of("check", str(broken_file), "--strict")
        assert status == 1
        assert (
            out
            == f"{broken_file}:2:1: invalid-date date 'Feb 30, 2024' is not a real day\n"
        )
        assert err == f"{broken_file}: 0 posts, 1 error, 0 warnings\n"

    @pytest.mark.parametrize("fmt", ["text", "json"])
    def test_a_file_that_cannot_be_read_does_not_hide_the_others(
        self, broken_file: Path, listing_file: Path, tmp_path: Path, fmt: str
    ) -> None:
        """`bloglist check *.txt` in CI: a file that cannot be read is one line
        on stderr, the other files are still checked and their findings all
        printed (the JSON array too), and the status is 2, --exit-zero or not."""
        missing = tmp_path / "missing.txt"
        argv = ["check", str(broken_file), str(missing), str(tmp_path), "-"]
        argv += [str(listing_file), "--format", fmt]
        for exit_zero in ([], ["--exit-zero"]):
            with _stdin(io.TextIOWrapper(io.BytesIO(BROKEN.encode()))):
                status, out, err = status_of(*argv, *exit_zero)
            assert status == 2
            assert err.splitlines() == [
                f"{broken_file}: 1 post, 2 errors, 0 warnings",
                f"bloglist: error: cannot read {missing}: No such file or directory",
                f"bloglist: error: cannot read {tmp_path}: it is a directory",
                "<stdin>: 1 post, 2 errors, 0 warnings",
                f"{listing_file}: 12 posts, 0 errors, 0 warnings",
            ]
            if fmt == "json":
                files = [record["file"] for record in json.loads(out)]
            else:
                files = [line.partition(":")[0] for line in out.splitlines()]
            assert files == [str(broken_file)] * 2 + ["<stdin>"] * 2

    def test_finding_lines_match_the_editor_pattern(self, broken_file: Path) -> None:
        """Every stdout line is FILE:LINE:COL: code message."""
        _, out, _ = status_of("check", str(broken_file))
        import re

        for line in out.splitlines():
            assert re.fullmatch(
                rf"{re.escape(str(broken_file))}:\d+:\d+: [a-z-]+ .+", line
            )


class TestMaxDiagnostics:
    """How many problems the command reports one by one: all in check, 1,000 elsewhere."""

    POSTS = 1500  # each with one problem: a date with no year

    @pytest.fixture
    def messy(self, tmp_path: Path) -> Path:
        path = tmp_path / "messy.txt"
        path.write_text("Mar 5\n\nT\n\nE\n" * self.POSTS, encoding="utf-8")
        return path

    @staticmethod
    def codes(lines: str) -> list[str]:
        return [line.split(" ")[1] for line in lines.splitlines() if ": " in line]

    def test_check_reports_every_problem(self, messy: Path) -> None:
        status, out, err = status_of("check", str(messy))
        assert status == 1
        assert self.codes(out) == ["incomplete-date"] * self.POSTS
        assert err == f"{messy}: {self.POSTS} posts, {self.POSTS} errors, 0 warnings\n"

    def test_the_other_commands_count_past_a_thousand(self, messy: Path) -> None:
        """show reports the first 1,000 on stderr, then one that counts the other 500."""
        status, out, err = status_of(str(messy), "--format", "jsonl")
        assert status == 1
        assert len(out.splitlines()) == self.POSTS
        findings = err.splitlines()
        assert self.codes(err) == ["incomplete-date"] * 1000 + ["too-many-diagnostics"]
        assert findings[-1].startswith(
            f"{messy}:5001:1: too-many-diagnostics 500 more diagnostics "
            "(500 errors, 0 warnings), from here to line 7496, "
        )

    @pytest.mark.parametrize(
        ("argv", "shown"),
        [
            (["--max-diagnostics", "all"], POSTS),
            (["--max-diagnostics", "2000"], POSTS),
            (["--max-diagnostics", str(POSTS)], POSTS),
            (["--max-diagnostics", str(POSTS - 1)], POSTS - 1),
            (["--max-diagnostics", "1"], 1),
            (["--max-diagnostics", "0"], 0),
        ],
    )
    def test_the_option_sets_the_limit(
        self, messy: Path, argv: list[str], shown: int
    ) -> None:
        for command in (["check"], ["stats"], []):
            status, out, err = status_of(*command, str(messy), *argv)
            assert status == 1, command
            findings = self.codes(out if command == ["check"] else err)
            counted = ["too-many-diagnostics"] if shown < self.POSTS else []
            assert findings == ["incomplete-date"] * shown + counted, command
            if command == ["check"]:
                # The summary counts every problem, those counted past the
                # limit too.
                summary = f"{self.POSTS} posts, {self.POSTS} errors, 0 warnings"
                assert err == f"{messy}: {summary}\n"

    def test_counted_warnings_alone_leave_the_status_at_0(self, tmp_path: Path) -> None:
        path = tmp_path / "warnings.txt"
        path.write_text("\nT\n\nE\nDataDATA\n" * 3, encoding="utf-8")
        status, out, err = status_of("check", str(path), "--max-diagnostics", "0")
        assert status == 0
        assert self.codes(out) == ["too-many-diagnostics"]
        assert " 3 more diagnostics (0 errors, 3 warnings), " in out
        assert err == f"{path}: 3 posts, 0 errors, 3 warnings\n"

    @pytest.mark.parametrize("limit", [0, 1, 2, 3, 4])
    def test_check_counts_the_errors_and_warnings_a_count_stands_for(
        self, tmp_path: Path, limit: int
    ) -> None:
        """Warnings and an error past the limit, in one count: the summary
        counts each as the unlimited parse does, whatever the count's
        severity (an error, when it counts one) and however many it names
        (one warning, or several)."""
        path = tmp_path / "mixed.txt"
        text = "\nT\n\nE\nDataDATA\n\nU\n\nF\nNewsNEWS\nJunk\n\nV\n\nG\nAiAI\n"
        path.write_text(text, encoding="utf-8")
        every = bloglist.loads(text, max_diagnostics=None).diagnostics
        errors = sum(d.severity == "error" for d in every)
        assert (errors, len(every)) == (1, 4)
        status, out, err = status_of(
            "check", str(path), "--max-diagnostics", str(limit)
        )
        assert status == 1
        assert len(out.splitlines()) == min(limit + 1, 4)
        assert err == f"{path}: 3 posts, 1 error, 3 warnings\n"

    def test_the_history_commands_take_it(self, messy: Path, tmp_path: Path) -> None:
        """diff and archive add report each listing's problems under the same limit."""
        each = ["incomplete-date"] * 3 + ["too-many-diagnostics"]
        _, _, err = status_of("diff", str(messy), str(messy), "--max-diagnostics", "3")
        findings, _, stop = err.partition("bloglist: error: ")
        assert self.codes(findings) == each * 2
        assert stop.startswith(
            f"{2 * self.POSTS} errors in the listings; nothing was compared"
        )
        db = str(tmp_path / "blog.db")
        _, _, err = status_of(
            "archive", "add", db, str(messy), "--max-diagnostics", "3"
        )
        findings, _, stop = err.partition("bloglist: error: ")
        assert self.codes(findings) == each
        assert stop.startswith(
            f"{self.POSTS} errors in the listings; nothing was added"
        )
        assert not Path(db).exists()
        _, _, err = status_of("archive", "add", db, str(messy))
        assert f"bloglist: error: {self.POSTS} errors in the listings; " in err
        _, _, err = status_of(
            "archive", "add", db, str(messy), "--max-diagnostics", "all"
        )
        assert f"bloglist: error: {self.POSTS} errors in the listings; " in err


class TestInProcessEdges:
    """The paths a subprocess test covers, once more in process for coverage."""

    def test_closed_streams(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """No stdin or stdout object: status 2 and one line; no stderr: silence."""
        monkeypatch.setattr(sys, "stdin", None)
        status, out, err = run(capsys, "-")
        assert (status, out) == (2, "")
        assert err == "bloglist: error: cannot read standard input: it is closed\n"
        status, _, err = run(capsys)
        assert status == 2 and "no input: standard input is closed" in err
        monkeypatch.setattr(sys, "stdout", None)
        assert main(["--sample"]) == 2
        monkeypatch.setattr(sys, "stderr", None)
        assert main(["--sample"]) == 2

    def test_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """On a terminal with no FILE: status 2, naming --sample and '-'."""

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setattr(sys, "stdin", Terminal())
        status, _, err = run(capsys, "tags")
        assert status == 2
        assert "--sample" in err and "'-'" in err

    def test_a_pipe_with_no_file(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Standard input that is not a terminal is read when no FILE is given."""

        class Pipe:
            buffer = io.BytesIO(b"\nPiped\n\nIn.\n")

            def isatty(self) -> bool:
                return False

        monkeypatch.setattr(sys, "stdin", Pipe())
        status, out, _ = run(capsys, "--format", "jsonl")
        assert status == 0
        assert json.loads(out)["title"] == "Piped"

    def test_sample_with_a_file(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path
    ) -> None:
        """--sample and a FILE together: status 2."""
        status, _, err = run(capsys, "--sample", str(listing_file))
        assert status == 2 and "--sample" in err

    @pytest.mark.parametrize(
        ("error", "status", "message"),
        [
            (MemoryError(), 1, "bloglist: error: out of memory"),
            (
                OSError(28, "No space left on device"),
                2,
                "bloglist: error: cannot write standard output: No space",
            ),
            (
                OSError(28, "No space left on device", "out\x1b.txt"),
                2,
                "bloglist: error: out\\x1b.txt: No space",
            ),
            (bloglist.WriteError("cannot"), 1, "bloglist: error: cannot"),
            (KeyboardInterrupt(), 130, ""),
        ],
    )
    def test_what_main_turns_into_a_status(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        error: BaseException,
        status: int,
        message: str,
    ) -> None:
        """Errors from anywhere below main end as a status and one line, or none."""
        import bloglist._cli as cli

        def fail(argv: list[str]) -> int:
            raise error

        monkeypatch.setattr(cli, "_run", fail)
        assert main(["--sample"]) == status
        assert capsys.readouterr().err.startswith(message)

    @pytest.mark.parametrize(
        ("argv", "status", "message"),
        [
            (
                ["--sample", "--sort", "date", "--page", "2"],
                1,
                "out of memory; try without --sort",
            ),
            (
                ["--sample", "--sticky-first", "--page", "1"],
                1,
                "out of memory; try without --sticky-first",
            ),
            (
                ["-", "--pages", "--sort", "title", "--sticky-first"],
                1,
                "out of memory; try without --sort and --sticky-first and --pages",
            ),
            (
                ["--sample", "--format", "atom"],
                1,
                "out of memory; an Atom feed reads every post first: try --limit N",
            ),
            (["--sample", "--format", "atom", "--limit", "3"], 1, "out of memory"),
            (["--sample", "--page", "2"], 1, "out of memory"),
            (["--sample"], 1, "out of memory"),
            (["tags", "--sample"], 1, "out of memory"),
            (["stats", "-", "--pages"], 1, "out of memory; try without --pages"),
            (["check", "--sample"], 1, "out of memory"),
            (["diff", "-", "-"], 2, "out of memory"),
            (
                ["archive", "show", "x.db", "--page", "2", "--sort", "date"],
                1,
                "out of memory",
            ),
            (["archive", "show", "x.db"], 1, "out of memory"),
        ],
    )
    def test_out_of_memory_is_a_status_of_the_command(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        status: int,
        message: str,
    ) -> None:
        """1, as a problem in the data, but 2 for diff (its 1 says that the
        posts differ); the hint only where the options given hold the whole
        listing in memory (docs/cli.md, "Streaming"), naming those given:
        show's --sort and --sticky-first, --pages, an Atom feed without
        --limit; diff and the archive's commands hold their posts whatever
        the options."""
        import bloglist._cli as cli

        def fail(args: object) -> int:
            raise MemoryError

        monkeypatch.setattr(cli, "_run_command", fail)
        assert main(argv) == status
        assert capsys.readouterr().err == f"bloglist: error: {message}\n"

    @pytest.mark.parametrize(("command", "status"), [("show", 1), ("diff", 2)])
    def test_a_module_that_cannot_be_loaded_is_no_traceback(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        command: str,
        status: int,
    ) -> None:
        """The regex module, loaded for the first tag line that is not ASCII,
        fails to load when memory is short: one line, as out of memory."""
        import bloglist._cli as cli

        def fail(args: object) -> int:
            raise ImportError("failed to map segment from shared object", name="regex")

        monkeypatch.setattr(cli, "_run_command", fail)
        assert (
            main([command, "-", "-"] if command == "diff" else ["--sample"]) == status
        )
        assert capsys.readouterr().err.startswith(
            "bloglist: error: cannot load regex (failed to map segment from shared object)"
        )

    def test_a_broken_pipe_exits_141(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """BrokenPipeError exits 141 without a message."""
        import bloglist._cli as cli

        def fail(argv: list[str]) -> int:
            raise BrokenPipeError

        monkeypatch.setattr(cli, "_run", fail)
        with pytest.raises(SystemExit) as info:
            main(["--sample"])
        assert info.value.code == 141

    def test_a_file_that_fails_while_read(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An OSError while reading is a usage error naming the input."""

        class Failing(io.BytesIO):
            def read1(self, size: int | None = -1, /) -> bytes:
                raise OSError(5, "Input/output error")

        class Stdin:
            buffer = Failing()

            def isatty(self) -> bool:
                return False

        monkeypatch.setattr(sys, "stdin", Stdin())
        status, _, err = run(capsys, "-")
        assert (status, err) == (
            2,
            "bloglist: error: cannot read <stdin>: Input/output error\n",
        )

    def test_the_end_of_a_terminal_is_read_once(self) -> None:
        """A first read of the lone byte 0xFE or 0xFF (the start of a UTF-16
        byte order mark, perhaps) reads on to tell, and the end it then meets
        is given once: asked again, the reader gives the end without reading
        (a review found a terminal waiting for a third Ctrl-D after `\\xfe`)."""
        from bloglist._cli import _LineLimit

        class Terminal(io.RawIOBase):
            def __init__(self) -> None:
                self.reads: list[bytes] = [b"\xfe", b""]

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: Any) -> int:
                assert self.reads, "the end read again: a terminal would wait"
                piece = self.reads.pop(0)
                buffer[: len(piece)] = piece
                return len(piece)

        reader = _LineLimit(io.BufferedReader(Terminal()), 100)
        assert reader.read(100) == b"\xfe"
        assert reader.read(100) == b""
        assert reader.read(100) == b""

    def test_a_pipe_made_non_blocking_while_it_is_read_is_no_end(self) -> None:
        """Standard input made non-blocking by another holder of the pipe
        while the command reads it: a read that finds no data yet is an
        error, not the end of the listing (a review found the posts after
        it lost, status 0); the pipe's end, once its writer closes it, is
        the end."""
        from bloglist._cli import _LineLimit

        read_end, write_end = os.pipe()
        try:
            with open(read_end, "rb") as fp:
                reader = _LineLimit(fp, 100)
                os.write(write_end, b"one\n")
                assert reader.read(100) == b"one\n"
                os.set_blocking(read_end, False)
                with pytest.raises(BlockingIOError, match="has no data yet"):
                    reader.read(100)
                os.write(write_end, b"two\n")
                assert reader.read(100) == b"two\n"
                os.close(write_end)
                write_end = -1
                assert reader.read(100) == b""
        finally:
            if write_end >= 0:
                os.close(write_end)

    def test_line_limit(self) -> None:
        """The reader stops at a line too long, across and within chunks, and
        iterload, which counts the lines, raises line-too-long at its line."""
        from bloglist._cli import _LineLimit
        from bloglist._lines import LineUnknown

        def too_long_at(data: bytes, limit: int) -> tuple[int, str]:
            with pytest.raises(bloglist.ParseError) as info:
                list(bloglist.iterload(_LineLimit(io.BytesIO(data), limit)))
            return info.value.lineno, info.value.msg

        data = b"ab\ncd" + b"e" * 10 + b"\nxy"
        reader = _LineLimit(io.BytesIO(data), 8)
        assert reader.read(4) == b"ab\nc"
        assert reader.read(4) == b"deee"
        with pytest.raises(LineUnknown):
            reader.read(4)
        message = "line is longer than 8 bytes; see --max-line-length"
        assert too_long_at(data, 8) == (2, message)
        assert too_long_at(b"ab\n", 1) == (
            1,
            "line is longer than 1 byte; see --max-line-length",
        )
        data = b"abcdefgh" + b"i\nxx"
        ending = _LineLimit(io.BytesIO(data), 8)
        assert ending.read(8) == b"abcdefgh"  # exactly the limit so far
        with pytest.raises(LineUnknown):
            ending.read(8)  # the line ends one byte too late
        with pytest.raises(LineUnknown):
            ending.read(8)  # and again, should the reader ask once more
        assert too_long_at(data, 8) == (1, message)
        data = b"a\n" + b"b" * 20 + b"\nc\n"
        inside = _LineLimit(io.BytesIO(data), 10)
        assert inside.read(100) == b"a\n"  # the lines before it, then the error
        with pytest.raises(LineUnknown):
            inside.read(100)
        with pytest.raises(LineUnknown):
            inside.read(100)  # and again, should the reader ask once more
        assert too_long_at(data, 10)[0] == 2
        fine = _LineLimit(io.BytesIO(b"a\r\nbb\rcc\n"), 2)
        assert fine.read(100) == b"a\r\nbb\rcc\n"
        assert fine.read(100) == b""

    @pytest.mark.skipif(os.name != "posix", reason="a non-blocking pipe")
    def test_a_non_blocking_pipe_with_no_data_yet_is_no_end(self) -> None:
        """Its reads give what the pipe holds, then the error "no data yet"
        (BlockingIOError, an OSError: the command's "cannot read"), and the
        end (b"") only once the writer has closed it."""
        from bloglist._cli_common import LineLimit

        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        with open(read_end, "rb") as fp:
            reader = LineLimit(fp, 8)
            os.write(write_end, b"ab\ncd")
            assert reader.read(100) == b"ab\ncd"
            with pytest.raises(BlockingIOError, match="has no data yet"):
                reader.read(100)
            os.write(write_end, b"e\n")
            assert reader.read(100) == b"e\n"
            os.close(write_end)
            assert reader.read(100) == b""

    def test_a_buffered_file_with_no_descriptor_reads_as_ever(self) -> None:
        """A buffered file over memory (no file descriptor, so not known to
        be non-blocking) reads to its end as any file."""
        from bloglist._cli_common import LineLimit

        reader = LineLimit(io.BufferedReader(io.BytesIO(b"ab\ncd\n")), 8)
        assert reader.read(100) == b"ab\ncd\n"
        assert reader.read(100) == b""

    @pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 100])
    def test_line_limit_counts_a_crlf_split_between_reads_once(self, size: int) -> None:
        """A CRLF whose \\r ends one read and \\n starts the next is one line
        break: the line too long is reported at its own line, whatever the
        reads' sizes (a Windows file of thousands of lines hit this)."""
        from bloglist._cli import _LineLimit

        data = b"a\r\nb\r\n\r\nc\rd\n" + b"x" * 20 + b"\r\n"

        class Reads(io.BytesIO):
            def read1(self, _: int | None = -1, /) -> bytes:
                return super().read1(size)

        with pytest.raises(bloglist.ParseError) as info:
            list(bloglist.iterload(_LineLimit(Reads(data), 10)))
        assert (info.value.code, info.value.lineno) == ("line-too-long", 6)
        ok = _LineLimit(io.BytesIO(b"ab\r\ncd\r\n"), 2)
        assert b"".join(iter(lambda: ok.read(size), b"")) == b"ab\r\ncd\r\n"

    def test_line_limit_after_a_crlf_split_between_reads(self) -> None:
        """A read that ends with the \r of a \r\n, and a next read that
        starts with its \n: a line too long later in that read is reported
        at its own line, after the post before it, which is read whole; one
        that runs to that read's end is reported at once, without asking the
        input for more (a pipe would wait for it)."""
        from bloglist._cli import _LineLimit

        class Reads:
            def __init__(self, *pieces: bytes) -> None:
                self.pieces = list(pieces)
                self.asked = 0

            def read(self, _: int = -1, /) -> bytes:
                self.asked += 1
                return self.pieces.pop(0) if self.pieces else b""

        found: list[object] = []
        long = b"Z" * 50
        reads = Reads(b"\nHello\r", b"\n\nFirst words.\nNews\n" + long + b"\n")
        with pytest.raises(bloglist.ParseError) as info:
            found.extend(bloglist.iterload(_LineLimit(reads, 20)))  # type: ignore[arg-type]
        assert (info.value.code, info.value.lineno) == ("line-too-long", 6)
        assert found == [
            bloglist.Post(title="Hello", excerpt="First words.", tags=["News"])
        ]
        reads = Reads(b"\nHello\r", b"\n" + long, b"\nmore\n")
        with pytest.raises(bloglist.ParseError) as info:
            list(bloglist.iterload(_LineLimit(reads, 20)))  # type: ignore[arg-type]
        assert (info.value.code, info.value.lineno, reads.asked) == (
            "line-too-long",
            3,
            2,
        )

    @given(
        lines=st.lists(
            st.sampled_from(["", "T", "E", "Tag", "sticky", "Junk", "x" * 12, "é" * 4]),
            max_size=10,
        ),
        breaks=st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=11),
        codec=st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]),
        size=st.integers(1, 9),
    )
    @example(  # the \r of the tag line ends a read: the long line starts the next
        lines=["", "T", "", "E", "Tag"], breaks=["\r"] * 6, codec="utf-8", size=10
    )
    @example(  # the reader cuts its read after the \r before the long line
        lines=["", "T", "", "E", "Tag"], breaks=["\r"] * 6, codec="utf-8", size=64
    )
    def test_line_limit_loses_nothing_before_the_long_line(
        self, lines: list[str], breaks: list[str], codec: str, size: int
    ) -> None:
        """Whatever ends the lines before a line too long, and however the
        reads cut the file, UTF-8 or UTF-16, `show` and `check` get every post
        and diagnostic of those lines before the error. The oracle: the same
        lines, each ended by \\n, read whole, and then the reading stops."""
        from bloglist._cli import _LineLimit
        from bloglist._lines import split_lines

        class Stops:
            """A file that gives *text*, then raises: no end of file."""

            def __init__(self, text: str) -> None:
                self.text = text

            def read(self, size: int = -1, /) -> str:
                text, self.text = self.text, ""
                if not text:
                    raise bloglist.ParseError("stops", 1, 1, code="stops")
                return text

        def until_error(fp: Stops | _LineLimit) -> tuple[list[object], int]:
            found: list[object] = []
            with pytest.raises(bloglist.ParseError) as info:
                found.extend(bloglist.iterload(fp, max_diagnostics=None))
            return found, info.value.lineno

        limit = 8 if codec == "utf-8" else 16  # "x" * 12 is too long, "é" * 4 not
        lines = [*lines, "x" * 12, "Later"]
        text = "".join(line + brk for line, brk in zip(lines, breaks, strict=False))
        lines = split_lines(text)  # a "\r" and the next line's "\n" are one break
        long = lines.index("x" * 12) + 1
        mark = "\ufeff" if codec != "utf-8" else ""
        data = (mark + text).encode(codec)

        class Reads(io.BytesIO):
            def read1(self, _: int | None = -1, /) -> bytes:
                return super().read1(size)

        got, lineno = until_error(_LineLimit(Reads(data), limit))
        first = "".join(line + "\n" for line in lines[: long - 1])
        want, _ = until_error(Stops(first))
        assert lineno == long
        assert got == want

    def test_help_and_version_output(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Help goes to the file asked for, or standard output; with standard
        output closed, --help and --version are usage errors (status 2)."""
        from bloglist._cli import _parser

        into = io.StringIO()
        _parser().print_help(into)
        assert into.getvalue().startswith("usage: bloglist ")
        assert capsys.readouterr().out == ""
        monkeypatch.setattr(sys, "stdout", None)
        for argv in (["--version"], ["--help"], ["tags", "--help"]):
            assert main(argv) == 2
            assert capsys.readouterr().err == (
                "bloglist: error: standard output is closed\n"
            )

    def test_names_shown_escaped(self) -> None:
        """Control characters and undecodable bytes in names print as escapes."""
        from bloglist._cli_common import shown

        assert shown("plain name.txt") == "plain name.txt"
        assert shown("a\nb\x1b\udcff.txt") == "a\\nb\\x1b\\xff.txt"

    def test_history_commands_dispatch(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A subcommand that sets `run` is dispatched to it, with its status."""
        import argparse

        import bloglist._cli_history as history

        def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
            extra = commands.add_parser("extra")
            extra.set_defaults(run=lambda args: 7)

        monkeypatch.setattr(history, "COMMANDS", ("extra",))
        monkeypatch.setattr(history, "add_commands", add)
        assert main(["extra"]) == 7
        with pytest.raises(SystemExit):
            main(["extra", "stray"])

    def test_warnings_and_long_tables(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Warnings are reported but do not fail; tables longer than 100 rows stream."""
        path = tmp_path / "l.txt"
        posts = [bloglist.Post(title=f"T{i}", excerpt="E") for i in range(120)]
        path.write_text(bloglist.dumps(posts) + "DataDATA\n", encoding="utf-8")
        status, out, err = run(capsys, str(path))
        assert status == 0
        assert len(out.splitlines()) == 121
        assert "duplicate-tag" in err


class TestTableWidths:
    @given(st.text())
    def test_a_cells_width_is_its_characters_columns(self, text: str) -> None:
        """Wide characters (CJK, emoji) take two columns, marks drawn on the
        character before them (nonspacing and enclosing marks, the vowels
        and finals of decomposed Hangul) none, the rest one, as docs/cli.md
        says; ASCII, the usual case, is counted at once."""
        from bloglist._cli_common import width

        expected = sum(
            0
            if unicodedata.category(c) in ("Mn", "Me")
            or 0x1160 <= ord(c) <= 0x11FF
            or 0xD7B0 <= ord(c) <= 0xD7FF
            else 2
            if unicodedata.east_asian_width(c) in "WF"
            else 1
            for c in text
        )
        assert width(text) == expected

    @pytest.mark.parametrize(
        ("text", "columns"),
        [
            ("a\u4e00\u0301b", 4),  # CJK, a combining accent
            ("title\tx", 7),
            ("\u0e2a\u0e31", 1),  # Thai: a vowel mark of combining class 0
            ("\u0939\u093f\u0902", 2),  # Devanagari: a vowel sign, a mark
            ("1\ufe0f\u20e3", 1),  # keycap: a variation selector, an enclosing mark
            ("\u1112\u1161\u11ab", 2),  # Hangul decomposed (NFD), as on macOS
            ("\u1100\ud7b0\ud7cb", 2),  # old Hangul: Jamo Extended-B vowel, final
            ("\u845b\U000e0100", 2),  # an ideographic variation selector
            ("\u1160", 0),  # the first and last Hangul medial vowels and finals
            ("\u11ff", 0),
        ],
    )
    def test_columns_as_the_c_librarys_wcswidth_counts_them(
        self, text: str, columns: int
    ) -> None:
        """Each count is glibc's wcswidth of the text (C.UTF-8), as a
        terminal draws it: one NFD Korean title counted its two jamo as a
        column each, and pushed its row's next column two places."""
        from bloglist._cli_common import width

        assert width(text) == columns

    def test_the_widths_remembered_stay_bounded(self) -> None:
        """Each character's columns are remembered, but no more than about
        65,536 characters: a text of 70,000 distinct ones is counted right,
        and the next text starts the memory over."""
        from bloglist._cli_common import _WIDTHS, width

        _WIDTHS.clear()  # as in a new process
        many = "".join(map(chr, range(0x4E00, 0x4E00 + 20_000)))  # CJK: 2 each
        many += "".join(map(chr, range(0x10000, 0x10000 + 50_000)))
        expected = sum(
            2 if unicodedata.east_asian_width(c) in "WF" else 1
            for c in many
            if unicodedata.category(c) not in ("Mn", "Me")
        )
        assert width(many) == expected and len(_WIDTHS) >= 70_000
        assert width("\u00e9\u0301") == 1 and len(_WIDTHS) == 2

    def test_a_table_whose_rows_are_all_read_is_aligned_to_every_row(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A sorted table, whose posts are all read before it is printed,
        takes its widths from every row, not the first 100: a long title at
        row 120 widens its column for every row."""
        titles = [f"Title {i:03d}" for i in range(150)]
        titles[120] += " with a much longer title here"
        path = tmp_path / "l.txt"
        path.write_text(
            bloglist.dumps(
                [bloglist.Post(title=t, excerpt="E", tags=["Tag"]) for t in titles]
            ),
            encoding="utf-8",
        )
        for argv in (["--sort", "title"], ["--sticky-first"]):
            status, out, _ = run(capsys, str(path), *argv)
            lines = out.splitlines()
            assert status == 0 and len(lines) == 151
            starts = {
                line.index("Tag") if line[0] == "-" else line.index("TAGS")
                for line in lines
            }
            assert starts == {
                len("DATE") + 2 + len("STICKY") + 2 + len(titles[120]) + 2
            }

    @pytest.mark.parametrize(
        ("titles", "shown"),
        [
            (["A\x1b[31mB", "A\\x1b[31mB"], ["A\\x1b[31mB", "A\\\\x1b[31mB"]),
            (["Tab\there", "Tab\\there"], ["Tab\\there", "Tab\\\\there"]),
            (["No\u200bgap", "No\\u200bgap"], ["No\\u200bgap", "No\\\\u200bgap"]),
        ],
    )
    def test_no_two_titles_or_tags_print_alike(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        titles: list[str],
        shown: list[str],
    ) -> None:
        """A title holding ESC and one holding a backslash, then x1b, print
        apart: the escape as \\x1b, the backslash as \\\\; in show's table,
        diff's lines, and (as tags) the tags table."""
        path = tmp_path / "l.txt"
        path.write_text(
            "".join(f"\n{title}\n\nE\n{title.lower()}\n" for title in titles),
            encoding="utf-8",
        )
        assert [post.tags for post in bloglist.loads(path.read_text("utf-8"))] == [
            (title.lower(),) for title in titles
        ]
        _, out, _ = run(capsys, str(path))
        header, *lines = out.splitlines()
        title_at, tags_at = header.index("TITLE"), header.index("TAGS")
        assert [
            (line[title_at:tags_at].rstrip(), line[tags_at:]) for line in lines
        ] == [(text, text.lower()) for text in shown]
        _, out, _ = run(capsys, "tags", str(path))
        assert sorted(line.split()[-1] for line in out.splitlines()[1:]) == sorted(
            text.lower() for text in shown
        )
        _, out, _ = run(capsys, "diff", os.devnull, str(path))
        assert [line.split(None, 2)[-1] for line in out.splitlines()[:-1]] == shown


class TestTheFirstHundredPostsSetTheWidths:
    """The table takes its widths from the header and the first 100 posts:
    the hundredth post's long title moves the TAGS column of every row,
    the hundred-and-first's only its own."""

    def test_the_hundredth_post_counts_the_next_does_not(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        titles = [f"Post {i}" for i in range(1, 102)]
        titles[99] = "The hundredth post, the longest of the first hundred"
        titles[100] = "The hundred-and-first post, longer than any before it"
        posts = [bloglist.Post(title=t, excerpt="x", tags=("News",)) for t in titles]
        path = tmp_path / "l.txt"
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        status, out, _ = run_with_usage_errors(capsys, str(path))
        assert status == 0
        header, *rows = out.splitlines()
        assert len(rows) == 101
        # DATE is "-" (no date), STICKY empty: the title starts at one column.
        column = header.index("TAGS")
        assert column == header.index("TITLE") + len(titles[99]) + 2
        for row in rows[:100]:
            assert row.index("News") == column, row
        assert rows[100].index("News") == header.index("TITLE") + len(titles[100]) + 2


class TestWideCharactersInTheTable:
    """Fullwidth forms (east Asian width F) take two columns, as wide ones
    (W) do, and combining marks none: the next column starts at one place
    on every row."""

    @staticmethod
    def table(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, titles: list[str]
    ) -> list[str]:
        """The lines of the table of a post of each title, tagged News."""
        posts = [bloglist.Post(title=t, excerpt="x", tags=("News",)) for t in titles]
        path = tmp_path / "wide.txt"
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        status, out, _ = run_with_usage_errors(capsys, str(path))
        assert status == 0
        return out.splitlines()

    def test_the_tags_column_lines_up(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        titles = ["\uff21\uff22", "\u4e00\u4e01", "abcd", "e\u0301bcd"]  # ＡＢ, 一丁
        header, *rows = self.table(capsys, tmp_path, titles)
        assert [row.split()[-1] for row in rows] == ["News"] * 4
        # Every row: the title's four columns, then the padding to TAGS.
        for row, title in zip(rows, titles, strict=True):
            start = header.index("TITLE")
            assert row[start:].startswith(title)
            pad = header.index("TAGS") - start - 4
            assert row[start + len(title) :] == " " * pad + "News"

    def test_a_wide_title_wider_than_the_header_sets_the_column(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The title column is as wide as its widest title in columns: six
        CJK characters are twelve, wider than TITLE, so TAGS starts two
        columns after them on every row."""
        titles = ["\u4e00\u4e01\u4e02\u4e03\u4e07\u4e08", "abc"]
        header, *rows = self.table(capsys, tmp_path, titles)
        start = header.index("TITLE")
        assert header.index("TAGS") == start + 12 + 2
        for row, title in zip(rows, titles, strict=True):
            columns = 2 * len(title) if title[0] > "\u2e80" else len(title)
            pad = header.index("TAGS") - start - columns
            assert row[start:] == title + " " * pad + "News"


# Tags as a listing holds them (never empty, no space at either end), from
# text rich in what a table escapes or joins with: commas, spaces and
# backslashes, and any other character.
_TAG = (
    st.text(
        st.one_of(st.sampled_from(", \\x2c"), st.characters(codec="utf-8")),
        min_size=1,
        max_size=8,
    )
    .map(str.strip)
    .filter(bool)
)


def _tags_read_back(cell: str) -> tuple[str, ...]:
    """The tags of a TAGS cell as docs/cli.md spells them: split at each
    ``, ``, each escape (``\\x2c``, ``\\x1b``, ``\\\\``) read as Python reads it."""
    if not cell:
        return ()
    return tuple(
        piece.encode("latin-1", "backslashreplace").decode("unicode_escape")
        for piece in cell.split(", ")
    )


class TestTagsInTables:
    """A tag holding ", " (a WordPress line kept as one tag) prints apart from
    the tags it looks like: its commas are written \\x2c."""

    @given(st.lists(_TAG, max_size=5))
    @example(["Coffee, Gear, Reviews"])
    @example(["a,", "b"])
    @example(["a\\x2c b"])
    def test_the_tags_read_back_from_what_the_table_prints(
        self, tags: list[str]
    ) -> None:
        """Each comma printed separates two tags, and the escapes read back:
        the printed cell alone tells which tags the post has."""
        from bloglist._cli_common import printable_tags

        cell = printable_tags(tuple(tags))
        assert _tags_read_back(cell) == tuple(tags)
        assert cell.isprintable()

    @given(
        pieces=st.lists(_TAG, min_size=1, max_size=6),
        joins=st.lists(st.booleans(), min_size=5, max_size=5),
        others=st.lists(st.booleans(), min_size=5, max_size=5),
    )
    def test_no_two_lists_of_tags_print_alike(
        self, pieces: list[str], joins: list[bool], others: list[bool]
    ) -> None:
        """Two lists of tags that read the same when joined with ", " (the
        pieces grouped two ways, a group being one tag holding ", ") print
        alike only when they are the same list."""
        from bloglist._cli_common import printable_tags

        def grouped(merge: list[bool]) -> tuple[str, ...]:
            tags = [pieces[0]]
            for piece, glued in zip(pieces[1:], merge, strict=False):
                if glued:
                    tags[-1] += f", {piece}"
                else:
                    tags.append(piece)
            return tuple(tags)

        one, two = grouped(joins), grouped(others)
        assert ", ".join(one) == ", ".join(two)
        assert (printable_tags(one) == printable_tags(two)) == (one == two)

    def test_a_wordpress_tag_prints_apart_from_three_tags(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`Coffee, Gear, Reviews` (one tag) and `CoffeeGearReviews` (three)
        print apart, in a streamed table and in one measured whole; tags
        without a comma print as before, and the columns stay aligned though
        an escape is wider than the comma it stands for."""
        path = tmp_path / "wp.txt"
        path.write_text(
            "Mar 2, 2025\n\nOne tag with commas\n\nE.\nCoffee, Gear, Reviews\n"
            "Mar 1, 2025\n\nThree tags\n\nE.\nCoffeeGearReviews\n"
            "Feb 28, 2025\n\nA \x1b title\n\nE.\nData, Science\n",
            encoding="utf-8",
        )
        assert [post.tags for post in bloglist.loads(path.read_text("utf-8"))] == [
            ("Coffee, Gear, Reviews",),
            ("Coffee", "Gear", "Reviews"),
            ("Data, Science",),
        ]
        for argv in ([], ["--sort", "date"]):
            status, out, err = run(capsys, str(path), *argv)
            assert (status, err) == (0, "")
            header, *lines = out.splitlines()
            title_at, tags_at = header.index("TITLE"), header.index("TAGS")
            assert [
                (line[title_at:tags_at].rstrip(), line[tags_at:]) for line in lines
            ] == [
                ("One tag with commas", "Coffee\\x2c Gear\\x2c Reviews"),
                ("Three tags", "Coffee, Gear, Reviews"),
                ("A \\x1b title", "Data\\x2c Science"),
            ]
            assert all(line[tags_at - 2 : tags_at] == "  " for line in lines)
        status, out, _ = run(capsys, str(path), "--tag", "Coffee, Gear, Reviews")
        assert status == 0 and [line.split("  ")[0] for line in out.splitlines()] == [
            "DATE",
            "2025-03-02",
        ]


class TestTagsTableEscapes:
    """A tag cannot move the terminal's cursor in `bloglist tags` either:
    its control characters print as escapes, as in the posts' table."""

    def test_control_characters(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nEvil\x1b[2J Tag\x07\n", encoding="utf-8")
        status, out, _ = run_with_usage_errors(capsys, "tags", str(path))
        assert status == 0
        assert out == "POSTS  TAG\n1      Evil\\x1b[2J Tag\\x07\n"

    def test_tags_that_read_alike_print_apart(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`Café` typed and `Café` copied with its accent apart (NFC, NFD)
        are two tags, which would print as two rows alike: those rows show
        their characters outside ASCII as escapes; other rows do not."""
        path = tmp_path / "l.txt"
        tags = ["Caf\u00e9", "Cafe\u0301", "CAFE\u0301", "Na\u00efve"]
        path.write_text(
            "".join(f"\n{n}\n\nE\n{tag}\n" for n, tag in enumerate(tags)),
            encoding="utf-8",
        )
        status, out, _ = run_with_usage_errors(capsys, "tags", str(path))
        assert status == 0
        # CAFE + U+0301 counts with Cafe + U+0301: the rule folds case only.
        assert out.splitlines() == [
            "POSTS  TAG",
            "2      Cafe\\u0301",
            "1      Caf\\xe9",
            "1      Na\u00efve",
        ]
        status, out, _ = run_with_usage_errors(
            capsys, "tags", "--format", "json", str(path)
        )
        assert [row["tag"] for row in json.loads(out)] == tags[1:2] + tags[:1] + tags[
            3:
        ]


class TestOptionsOfOneValue:
    """An option that takes one value is given once: with the last winning,
    a script that adds ``--year`` for each of two years gets one, silently."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["--year", "2023", "--year", "2024"],
            ["--since", "2023", "--since", "2025"],
            ["--until", "2024", "--until", "2025"],
            ["--limit", "1", "--limit", "3"],
            ["--format", "csv", "--format", "jsonl"],
            ["--format", "table", "--format", "json"],  # the default, then another
            ["--page", "1", "--page", "2"],
            ["--tag-separator", ";", "--tag-separator", ","],
            ["--max-line-length", "100", "--max-line-length", "200"],
            ["tags", "--format", "json", "--format", "table"],
            ["stats", "--by", "year", "--by", "month"],
            ["diff", "--format", "json", "--format", "json", "a", "b"],
        ],
    )
    def test_twice_is_a_usage_error_naming_the_option(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        first = next(word for word in argv if word.startswith("--"))
        with pytest.raises(SystemExit) as info:
            main([*argv, "--sample"])
        out, err = capsys.readouterr()
        assert info.value.code == 2
        assert out == ""
        assert f"argument {first}: given twice; it takes one value" in err

    @pytest.mark.parametrize(
        ("argv", "expected"),
        [
            # Repeatable: a post with any of the tags.
            (
                ["--tag", "mobile", "--tag", "people"],
                SAMPLE.filter(bloglist.Where.tagged_any("Mobile", "People")),
            ),
            # Repeatable: each key once, in the order given.
            # (`--sort date` is newest first.)
            (["--sort", "date", "--sort", "title"], SAMPLE.sort_by("-date", "title")),
            (
                ["--sort", "title:desc", "--sort", "date:asc"],
                SAMPLE.sort_by("-title", "date"),
            ),
            (
                ["--sort", "title", "--sort", "date:desc"],
                SAMPLE.sort_by("title", "-date"),
            ),
            # A flag given twice says what it says once.
            # (Sticky posts first, each part in the listing's order.)
            (
                ["--sticky-first", "--sticky-first"],
                bloglist.Listing(
                    [
                        *SAMPLE.filter(bloglist.Where.sticky()),
                        *SAMPLE.filter(~bloglist.Where.sticky()),
                    ]
                ),
            ),
        ],
    )
    def test_repeatable_options_stay_repeatable(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        expected: bloglist.Listing,
    ) -> None:
        status, out, err = run(capsys, *argv, "--sample", "--format", "jsonl")
        assert (status, err) == (0, "")
        assert len(expected) > 1  # an order to get wrong, posts to leave out
        assert out == bloglist.to_jsonl(expected)


class TestWriteAll:
    """The command's writes take what a file that takes part of a write
    leaves, and never spin on a file that takes nothing."""

    @given(st.binary(max_size=64), st.lists(st.integers(1, 7), min_size=1))
    def test_every_byte_is_written_whatever_each_write_takes(
        self, data: bytes, takes: list[int]
    ) -> None:
        from bloglist._write import write_all

        class Partial(io.BytesIO):
            """Takes at most the next of *takes* bytes a write, in turn."""

            def __init__(self) -> None:
                super().__init__()
                self.calls = 0

            def write(self, chunk: object) -> int:
                size = takes[self.calls % len(takes)]
                self.calls += 1
                return super().write(bytes(chunk)[:size])  # type: ignore[call-overload]

        out = Partial()
        write_all(out, data)
        assert out.getvalue() == data

    def test_a_file_that_takes_nothing_now_is_an_error(self) -> None:
        from bloglist._write import write_all

        class NotReady(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, chunk: object) -> None:
                return None  # what a non-blocking raw file returns when full

        with pytest.raises(BlockingIOError):
            write_all(NotReady(), b"data")

    def test_a_buffered_file_that_would_block_says_so_too(self) -> None:
        """Python's buffered files raise BlockingIOError themselves, after
        taking what they could: the same message, with what is left."""
        from bloglist._write import write_all

        class Full(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, chunk: object) -> None:
                return None

        with pytest.raises(BlockingIOError) as raised:
            write_all(io.BufferedWriter(Full(), buffer_size=8), b"0123456789" * 3, "it")
        message = str(raised.value)
        assert "it takes no more bytes now (it is non-blocking), with " in message
        assert message.endswith("bloglist writes blocking files only")

    @pytest.mark.parametrize("answer", [1.0, "1", True])
    def test_a_write_that_answers_no_count_is_an_os_error(self, answer: object) -> None:
        """dump to a raw file object of the caller's own whose write()
        answers something other than a count of bytes: a clear OSError
        naming the answer, not a TypeError from a slice inside."""

        class Odd(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, chunk: object) -> object:
                return answer

        with pytest.raises(OSError, match=r"took .* of the \d+ bytes") as raised:
            bloglist.dump([bloglist.Post(title="T", excerpt="E")], Odd())
        assert repr(answer) in str(raised.value)


class TestTheLastFlush:
    """What standard output still buffers when the command is done is flushed
    before it returns, so that a failure there has the command's own
    status and message, not Python's at exit (status 120)."""

    class _Stdout:
        """A standard output whose bytes are taken, and whose flush fails."""

        def __init__(self, error: OSError) -> None:
            self.buffer = io.BytesIO()
            self.error = error

        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            raise self.error

        def fileno(self) -> int:
            raise io.UnsupportedOperation("no file descriptor")

    def test_a_failing_last_flush_is_status_2_and_one_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        stdout = self._Stdout(OSError(28, "No space left on device"))
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["--sample", "--format", "jsonl"]) == 2
        assert (
            capsys.readouterr().err
            == "bloglist: error: cannot write standard output: No space left on device\n"
        )
        assert stdout.buffer.getvalue() == bloglist.to_jsonl(SAMPLE).encode()

    def test_a_reader_gone_at_the_last_flush_is_the_quiet_141(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(
            sys, "stdout", self._Stdout(BrokenPipeError(32, "Broken pipe"))
        )
        with pytest.raises(SystemExit) as stopped:
            main(["--sample", "--format", "jsonl"])
        assert stopped.value.code == 141
        assert capsys.readouterr().err == ""


class TestConsole:
    """The entry point: main's status as the exit status; after Ctrl-C, the
    process kills itself with SIGINT where there are signals."""

    @pytest.mark.parametrize(
        ("status", "name", "killed"),
        [
            (0, "posix", False),
            (2, "posix", False),
            (130, "posix", True),
            (143, "posix", True),
            pytest.param(
                129,
                "posix",
                True,
                marks=pytest.mark.skipif(
                    not hasattr(signal, "SIGHUP"), reason="SIGHUP is a POSIX signal"
                ),
            ),
            (130, "nt", False),
            (143, "nt", False),
        ],
    )
    def test_the_status_and_ctrl_c(
        self, monkeypatch: pytest.MonkeyPatch, status: int, name: str, killed: bool
    ) -> None:
        """The command ends killed by the signal that stopped it (Ctrl-C's
        SIGINT, SIGTERM, SIGHUP: 128 and its number) where signals kill."""
        import os
        import signal

        import bloglist._cli as cli

        kills: list[tuple[int, int]] = []
        handlers: list[tuple[int, object]] = []
        stopping: list[bool] = []
        monkeypatch.setattr(cli, "main", lambda: status)
        monkeypatch.setattr(cli, "_stop_as_interrupted", lambda: stopping.append(True))
        monkeypatch.setattr(os, "name", name)
        monkeypatch.setattr(os, "kill", lambda pid, sig: kills.append((pid, sig)))
        monkeypatch.setattr(signal, "signal", lambda sig, h: handlers.append((sig, h)))
        with pytest.raises(SystemExit) as stopped:
            cli.console()
        assert stopping == [True]  # before main
        assert stopped.value.code == status  # where the signal did not end it
        if not killed:
            assert (kills, handlers) == ([], [])
            return
        signum = signal.Signals(status - 128)
        assert kills == [(os.getpid(), signum)]
        # A second signal is ignored from there on, not raised as a traceback.
        ignored = [(stop, signal.SIG_IGN) for stop in cli._STOPS]
        assert handlers == [*ignored, (signum, signal.SIG_DFL)]

    @pytest.mark.skipif(
        not hasattr(signal, "SIGHUP"), reason="SIGHUP is a POSIX signal"
    )
    def test_sigterm_and_sighup_raise_as_ctrl_c_once(self) -> None:
        """Installed by the command's entry point, not by main(), which a
        program may call: Ctrl-C, SIGTERM and SIGHUP raise a KeyboardInterrupt
        that says which signal it was, once (a second is ignored, not raised
        in the cleanup the first began); a signal the command was started
        ignoring (nohup) stays ignored."""
        import bloglist._cli as cli

        saved = {signum: signal.getsignal(signum) for signum in cli._STOPS}
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            hook = sys.unraisablehook
            cli._stop_as_interrupted()
            installed = sys.unraisablehook
            assert installed.func is cli._raise_lost_stop  # type: ignore[attr-defined]
            assert installed.args == (hook,)  # type: ignore[attr-defined]
            assert signal.getsignal(signal.SIGINT) is cli._raise_signalled
            assert signal.getsignal(signal.SIGTERM) is cli._raise_signalled
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            with pytest.raises(KeyboardInterrupt) as raised:
                cli._raise_signalled(signal.SIGTERM, None)
            assert raised.value.signum == signal.SIGTERM  # type: ignore[attr-defined]
            assert {signal.getsignal(signum) for signum in cli._STOPS} == {
                signal.SIG_IGN
            }
        finally:
            sys.unraisablehook = hook
            for signum, handler in saved.items():
                signal.signal(signum, handler)

    @pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
    def test_a_stop_that_comes_in_a_finalizer_is_not_lost(self, name: str) -> None:
        """A signal whose handler runs inside a ``__del__`` (Python ignores,
        and prints, what a finalizer raises) stops the command all the same,
        with nothing on standard error: a review saw Ctrl-C lost so while an
        ``archive add`` waited for a busy archive, which then waited out its
        timeout and ended with status 75."""
        script = f"""
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
from bloglist import _cli
_cli._stop_as_interrupted()
class Finalizer:
    def __del__(self):
        signal.raise_signal(signal.{name})  # its handler runs here, at once
try:
    Finalizer()
    for _ in range(500):
        time.sleep(0.01)
    print("lost")
except _cli._Signalled as stop:
    print("stopped", stop.signum == signal.{name})
"""
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert (done.stdout, done.stderr, done.returncode) == ("stopped True\n", "", 0)

    def test_a_lost_stop_is_sent_again_from_a_thread(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The hook puts the handler back and sends the signal again from
        another thread, to the main thread; any other exception goes to the
        hook before it."""
        import threading
        import time
        from types import SimpleNamespace

        import bloglist._cli as cli

        handlers: list[tuple[int, object]] = []
        sent: list[tuple[int, int | None, bool]] = []
        monkeypatch.setattr(signal, "signal", lambda sig, h: handlers.append((sig, h)))

        def send_again(signum: int, main: int | None) -> None:
            sent.append(
                (signum, main, threading.current_thread() is threading.main_thread())
            )

        monkeypatch.setattr(cli, "_send_again", send_again)
        passed: list[object] = []
        cli._raise_lost_stop(
            passed.append, SimpleNamespace(exc_value=cli._Signalled(15))
        )
        deadline = time.monotonic() + 30
        while not sent and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sent == [(15, threading.main_thread().ident, False)]
        assert handlers == [(15, cli._raise_signalled)]
        assert passed == []
        other = SimpleNamespace(exc_value=ValueError("from a __del__"))
        cli._raise_lost_stop(passed.append, other)
        assert passed == [other]
        assert len(sent) == len(handlers) == 1

    @pytest.mark.parametrize("threads_take_signals", [True, False])
    def test_a_stop_sent_again_wakes_the_main_thread(
        self, monkeypatch: pytest.MonkeyPatch, threads_take_signals: bool
    ) -> None:
        """Sent to the main thread as a signal (which ends a wait in a system
        call) where threads can be sent one; else (Windows) made pending as
        if it had come."""
        import _thread

        import bloglist._cli as cli

        calls: list[tuple[str, int, int | None]] = []
        if threads_take_signals:
            monkeypatch.setattr(
                signal,
                "pthread_kill",
                lambda thread, signum: calls.append(("kill", signum, thread)),
                raising=False,
            )
        else:
            monkeypatch.delattr(signal, "pthread_kill", raising=False)
        monkeypatch.setattr(
            _thread,
            "interrupt_main",
            lambda signum: calls.append(("pend", signum, None)),
        )
        cli._send_again(2, 1234)
        assert calls == [
            ("kill", 2, 1234) if threads_take_signals else ("pend", 2, None)
        ]


class TestMaxDiagnosticsOfPages:
    """--pages: the stitch's warnings obey --max-diagnostics, as the reading's do."""

    TWINS = 1200  # posts of one date and title on each page, each another post

    @staticmethod
    def codes(lines: str) -> list[str]:
        return [line.split(" ")[1] for line in lines.splitlines()]

    @staticmethod
    def twins(tmp_path: Path, number: int, count: int) -> Path:
        """A page of *count* "Weekly links" of one day, each its own excerpt."""
        path = tmp_path / f"tw{number}.txt"
        path.write_text(
            "".join(
                f"Mar 1, 2025\n\nWeekly links\n\npage {number} item {i}\n\n"
                for i in range(count)
            ),
            encoding="utf-8",
        )
        return path

    def two_problems_then_twins(self, tmp_path: Path) -> Path:
        """A page of two posts with incomplete dates, then three twins."""
        two = tmp_path / "two.txt"
        two.write_text(
            "Mar 5\n\nA\n\na\n\nMar 6\n\nB\n\nb\n\n"
            + self.twins(tmp_path, 2, 3).read_text(),
            encoding="utf-8",
        )
        return two

    def test_0_reports_only_the_count(self, tmp_path: Path) -> None:
        """Every twin of page 2 is a page-same-title warning: with 0, one line counts them."""
        one, two = (self.twins(tmp_path, n, self.TWINS) for n in (1, 2))
        status, out, err = status_of(
            "--pages", str(one), str(two), "--max-diagnostics", "0", "--format", "jsonl"
        )
        assert status == 0  # warnings alone
        assert len(out.splitlines()) == 2 * self.TWINS  # every post kept
        assert err == (
            f"{two}:1:1: too-many-diagnostics {self.TWINS} more diagnostics "
            f"(0 errors, {self.TWINS} warnings), from here to line "
            f"{6 * self.TWINS - 5}, counted but not reported one by one: the "
            "limit is 0 (--max-diagnostics)\n"
        )

    @pytest.mark.parametrize("argv", [[], ["--limit", "5"]])
    def test_sticky_first_moves_a_lone_sticky_post(
        self, tmp_path: Path, argv: list[str]
    ) -> None:
        """One sticky post, not the first, comes first (the sample, with
        several, hid a rule that took one for none)."""
        path = tmp_path / "l.txt"
        path.write_text(
            "\nA\n\nFirst.\nNews\nsticky\n\nB\n\nSecond.\nNews\n", encoding="utf-8"
        )
        status, out, _ = status_of(
            str(path), "--sticky-first", "--format", "jsonl", *argv
        )
        assert status == 0
        assert [json.loads(line)["title"] for line in out.splitlines()] == ["B", "A"]

    def test_tags_json_lists_every_tag(self, tmp_path: Path) -> None:
        """More tags than a thousand: the JSON holds each, as count_by does."""
        text = "".join(f"\nPost {i}\n\nText.\nTag{i:04d}\n" for i in range(1001))
        path = tmp_path / "l.txt"
        path.write_text(text, encoding="utf-8")
        status, out, _ = status_of("tags", str(path), "--format", "json")
        assert status == 0
        assert json.loads(out) == [
            {"tag": t, "posts": n} for t, n in bloglist.loads(text).count_by("tag")
        ]

    @pytest.mark.parametrize("fmt", ["text", "json"])
    def test_the_count_names_the_commands_option(
        self, tmp_path: Path, fmt: str
    ) -> None:
        """Past the limit, the count says which option sets it, as the
        command spells it (the library's message names its argument)."""
        path = tmp_path / "l.txt"
        path.write_text("sticky\n" * 4, encoding="utf-8")
        status, out, _ = status_of(
            "check", str(path), "--max-diagnostics", "1", "--format", fmt
        )
        assert status == 1
        found = (
            json.loads(out)[-1]["message"] if fmt == "json" else out.splitlines()[-1]
        )
        assert found.endswith(
            "counted but not reported one by one: the limit is 1 (--max-diagnostics)"
        )
        library = bloglist.loads("sticky\n" * 4, max_diagnostics=1).diagnostics[-1]
        assert library.message.endswith("the limit is 1 (max_diagnostics)")

    @pytest.mark.parametrize(
        ("argv", "shown"),
        [
            ([], 1000),
            (["--max-diagnostics", "3"], 3),
            (["--max-diagnostics", "all"], TWINS),
        ],
    )
    def test_the_limit_caps_the_stitch_s_warnings(
        self, tmp_path: Path, argv: list[str], shown: int
    ) -> None:
        """The default of 1,000, a number and all, as for the reading."""
        one, two = (self.twins(tmp_path, n, self.TWINS) for n in (1, 2))
        _, _, err = status_of("--pages", str(one), str(two), *argv, "--format", "jsonl")
        counted = ["too-many-diagnostics"] if shown < self.TWINS else []
        assert self.codes(err) == ["page-same-title"] * shown + counted
        findings = err.splitlines()
        assert all(line.startswith(f"{two}:") for line in findings)
        if counted:
            assert findings[-1].startswith(
                f"{two}:{6 * shown + 1}:1: too-many-diagnostics "
                f"{self.TWINS - shown} more diagnostics "
                f"(0 errors, {self.TWINS - shown} warnings), "
            )

    def test_an_earlier_file_s_warnings_leave_a_later_file_s_limit_whole(
        self, tmp_path: Path
    ) -> None:
        """A warning of page 1's reading, an empty page 2, and page 3 with
        the join's page-gap warning, at a limit of 1: page 3 has used none
        of its own, and its warning is reported, not counted."""
        one = tmp_path / "p1.txt"
        one.write_text(
            "Jan 1, 2020\n\nOld post\n\nExcerpt one\nDataDATA\n", encoding="utf-8"
        )
        empty = tmp_path / "e.txt"
        empty.write_text("", encoding="utf-8")
        three = tmp_path / "p3.txt"
        three.write_text(
            "Jan 1, 2019\n\nOlder post\n\nExcerpt three\nData\n", encoding="utf-8"
        )
        status, _, err = status_of(
            "--pages", str(one), str(empty), str(three), "--max-diagnostics", "1"
        )
        assert status == 0
        assert err == (
            f"{one}:6:1: duplicate-tag tag 'DATA' appears more than once in the "
            "tag line\n"
            f"{three}:1:1: page-gap page 2 ({empty}) is empty; the posts between "
            "may not have been seen\n"
        )

    def test_a_file_s_limit_holds_for_its_reading_and_its_stitch_together(
        self, tmp_path: Path
    ) -> None:
        """Two problems of reading page 2 and three warnings of its stitch, at
        a limit of 3: the two, one warning, then the count of the other two.
        Each page has its own limit, and the counts come last, page by page."""
        one = self.twins(tmp_path, 1, 3)
        two = self.two_problems_then_twins(tmp_path)
        # Page 3 repeats page 1 away from the boundary: a page-overlap each.
        # (C is of page 1's day: a newer post there would be a page-order
        # warning too, page 3 listing it first.)
        three = tmp_path / "three.txt"
        three.write_text(
            "Mar 1, 2025\n\nC\n\nc\n\n" + one.read_text(), encoding="utf-8"
        )
        status, _, err = status_of(
            "--pages",
            str(one),
            str(two),
            str(three),
            "--max-diagnostics",
            "3",
            "--format",
            "jsonl",
        )
        assert status == 1  # the reading's errors
        findings = err.splitlines()
        assert [line.split(" ")[0] for line in findings] == [
            f"{two}:1:1:",
            f"{two}:7:1:",
            f"{two}:13:1:",
            f"{three}:7:1:",
            f"{three}:13:1:",
            f"{three}:19:1:",
            f"{two}:19:1:",
        ]
        assert self.codes(err) == [
            "incomplete-date",
            "incomplete-date",
            "page-same-title",
            "page-overlap",
            "page-overlap",
            "page-overlap",
            "too-many-diagnostics",
        ]
        assert findings[-1] == (
            f"{two}:19:1: too-many-diagnostics 2 more diagnostics (0 errors, 2 "
            "warnings), from here to line 25, counted but not reported one by one: the limit is 3 "
            "(--max-diagnostics)"
        )

    def test_a_file_past_its_limit_in_the_reading_reports_no_warning_of_the_join(
        self, tmp_path: Path
    ) -> None:
        """At a limit of 1 reached by the reading of page 2, its stitch
        warnings are all counted: the reading's count, then the join's."""
        one = self.twins(tmp_path, 1, 3)
        two = self.two_problems_then_twins(tmp_path)
        _, _, err = status_of(
            "--pages", str(one), str(two), "--max-diagnostics", "1", "--format", "jsonl"
        )
        findings = err.splitlines()
        assert self.codes(err) == [
            "incomplete-date",
            "too-many-diagnostics",
            "too-many-diagnostics",
        ]
        assert findings[1].startswith(
            f"{two}:7:1: too-many-diagnostics 1 more diagnostic (1 error, 0 warnings), "
            "from here to line 7, "
        )
        assert findings[2] == (
            f"{two}:13:1: too-many-diagnostics 3 more diagnostics (0 errors, 3 "
            "warnings), from here to line 25, counted but not reported one by one: the limit is 1 "
            "(--max-diagnostics)"
        )


def _process(
    *argv: str | bytes, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m bloglist ARGV` as a shell runs it, *stdin* piped in."""
    return subprocess.run(
        [sys.executable, "-m", "bloglist", *argv],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
        cwd=cwd,
    )


POSIX_NAMES = pytest.mark.skipif(
    sys.platform == "win32", reason="needs a file name with a TAB or any byte"
)


@POSIX_NAMES
class TestFileNamesReadBackOneWay:
    """Two files never print alike: a backslash is doubled where a TAB is
    written `\\t`, and check's JSON holds the names themselves."""

    @pytest.fixture
    def twins(self, tmp_path: Path) -> tuple[Path, Path]:
        """A file with a TAB in its name and an error, and one named with a
        backslash and a `t` instead, clean."""
        tab = tmp_path / "tab\there.txt"
        tab.write_text("\nT\n\nE\nTag\nJunk\n", encoding="utf-8")
        backslash = tmp_path / "tab\\there.txt"
        backslash.write_text("\nT\n\nE\nTag\n", encoding="utf-8")
        return tab, backslash

    def test_check_names_a_tab_and_a_backslash_apart(
        self, twins: tuple[Path, Path]
    ) -> None:
        tab, backslash = twins
        done = _process("check", tab.name, backslash.name, cwd=tab.parent)
        assert done.returncode == 1
        assert done.stdout.decode().splitlines() == [
            "tab\\there.txt:6:1: extra-line line 'Junk' follows the tag line; "
            "a post ends with its tag line"
        ]
        assert done.stderr.decode().splitlines() == [
            "tab\\there.txt: 1 post, 1 error, 0 warnings",
            "tab\\\\there.txt: 1 post, 0 errors, 0 warnings",
        ]

    def test_a_file_that_cannot_be_read_is_named_the_same_way(
        self, tmp_path: Path
    ) -> None:
        done = _process("no\\such.txt", cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.decode() == (
            "bloglist: error: cannot read no\\\\such.txt: No such file or directory\n"
        )

    def test_check_json_holds_the_name_itself(self, twins: tuple[Path, Path]) -> None:
        tab, backslash = twins
        done = _process(
            "check", "--format", "json", tab.name, backslash.name, cwd=tab.parent
        )
        (finding,) = json.loads(done.stdout)
        assert finding["file"] == "tab\there.txt"  # a real TAB: that file
        named = tab.parent / finding["file"]
        assert named.read_text(encoding="utf-8").endswith("Junk\n")

    def test_check_json_keeps_a_byte_that_is_not_utf8(self, tmp_path: Path) -> None:
        """The lone surrogate's escape, which Python reads back to the name."""
        name = b"bad\xffname.txt"
        (tmp_path / os.fsdecode(name)).write_bytes(b"\nT\n\nE\nTag\nJunk\n")
        done = _process("check", "--format", "json", name, cwd=tmp_path)
        assert b'"file": "bad\\udcffname.txt"' in done.stdout
        (finding,) = json.loads(done.stdout)
        assert os.fsencode(finding["file"]) == name
        # The text form keeps its escape of the byte.
        text = _process("check", name, cwd=tmp_path)
        assert text.stdout.startswith(b"bad\\xffname.txt:6:1: extra-line ")

    def test_a_byte_and_a_character_of_the_same_number_print_apart(
        self, tmp_path: Path
    ) -> None:
        """The byte 0x85 (not UTF-8) prints as \\x85, the character U+0085 (NEL,
        which a terminal may act on) as \\u0085: two names, two spellings."""
        byte, char = b"n\x85.txt", "n\x85.txt".encode()
        (tmp_path / os.fsdecode(byte)).write_bytes(b"\nT\n\nE\nTag\nJunk\n")
        (tmp_path / os.fsdecode(char)).write_bytes(b"\nT\n\nE\nTag\n")
        done = _process("check", byte, char, cwd=tmp_path)
        assert done.stderr.decode().splitlines() == [
            "n\\x85.txt: 1 post, 1 error, 0 warnings",
            "n\\u0085.txt: 1 post, 0 errors, 0 warnings",
        ]

    @POSIX_NAMES
    @pytest.mark.parametrize("number", [0xA0, 0xAD])
    def test_an_invisible_latin_1_character_prints_apart_from_its_byte(
        self, tmp_path: Path, number: int
    ) -> None:
        """U+00A0 (no-break space) and U+00AD (soft hyphen) are past U+007F
        and not printable, as U+0085 is: each prints as \\u00NN, which no
        byte that is not UTF-8 prints as (the byte NN is \\xNN)."""
        byte = b"n" + bytes([number]) + b".txt"
        char = f"n{chr(number)}.txt".encode()
        (tmp_path / os.fsdecode(byte)).write_bytes(b"\nT\n\nE\nTag\nJunk\n")
        (tmp_path / os.fsdecode(char)).write_bytes(b"\nT\n\nE\nTag\n")
        done = _process("check", byte, char, cwd=tmp_path)
        assert done.stderr.decode().splitlines() == [
            f"n\\x{number:02x}.txt: 1 post, 1 error, 0 warnings",
            f"n\\u{number:04x}.txt: 1 post, 0 errors, 0 warnings",
        ]

    def test_check_json_escapes_what_a_terminal_acts_on(self, tmp_path: Path) -> None:
        """DEL and the C1 controls of a name (U+009B starts a control
        sequence) are escapes in check's JSON, which reads back to the name."""
        name = "csi\x9b7m\x7f.txt"
        (tmp_path / name).write_text("\nT\n\nE\nTag\nJunk\n", encoding="utf-8")
        done = _process("check", "--format", "json", name, cwd=tmp_path)
        assert b'"file": "csi\\u009b7m\\u007f.txt"' in done.stdout
        (finding,) = json.loads(done.stdout)
        assert finding["file"] == name

    @pytest.mark.parametrize("label", ["<stdin>", "<sample>"])
    def test_a_file_named_as_a_label_is_not_taken_for_it(
        self, tmp_path: Path, label: str
    ) -> None:
        """A review: a file named ``<stdin>`` and standard input printed
        alike in check's findings, its summaries and its JSON. The file
        shows as ./<stdin>, a name of the same file."""
        (tmp_path / label).write_text("Feb 30, 2024\n\nT\n\nx\n", encoding="utf-8")
        piped = b"\nT\n\nx\nTag\nJunk\n"
        done = _process("check", label, "-", stdin=piped, cwd=tmp_path)
        assert done.stdout.decode().splitlines() == [
            f"./{label}:1:1: invalid-date date 'Feb 30, 2024' is not a real day",
            "<stdin>:6:1: extra-line line 'Junk' follows the tag line; "
            "a post ends with its tag line",
        ]
        assert done.stderr.decode().splitlines() == [
            f"./{label}: 1 post, 1 error, 0 warnings",
            "<stdin>: 1 post, 1 error, 0 warnings",
        ]
        done = _process(
            "check", "--format", "json", label, "-", stdin=piped, cwd=tmp_path
        )
        found = [finding["file"] for finding in json.loads(done.stdout)]
        assert found == [f"./{label}", "<stdin>"]
        assert (tmp_path / found[0]).read_text(encoding="utf-8").startswith("Feb 30")
        # The other commands and diff name it the same way.
        done = _process("tags", label, cwd=tmp_path)
        assert done.stderr.decode().startswith(f"./{label}:1:1: invalid-date ")
        done = _process("diff", label, "-", stdin=piped, cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.decode().startswith(f"./{label}:1:1: invalid-date ")
        # A word the command did not take is quoted as typed: it is no input.
        done = _process("diff", "a.txt", "b.txt", label, cwd=tmp_path)
        assert done.stderr.decode().endswith(f"unrecognized arguments: {label}\n")
        # A feed's default title, and so its default id, tell them apart too.
        (tmp_path / label).write_text("\nT\n\nx.\n", encoding="utf-8")
        feeds = [
            _process("--format", "atom", *argv, stdin=b"\nT\n\nx.\n", cwd=tmp_path)
            for argv in ([label], ["-"])
        ]
        heads = [feed.stdout.split(b"<entry>")[0] for feed in feeds]
        escaped = label.replace("<", "&lt;").replace(">", "&gt;")
        assert f'<title type="text">./{escaped}</title>'.encode() in heads[0]
        assert b'<title type="text">&lt;stdin&gt;</title>' in heads[1]
        ids = [head.split(b"<id>")[1].split(b"</id>")[0] for head in heads]
        assert ids[0] != ids[1]

    def test_a_feed_is_titled_with_the_name_as_before(
        self, twins: tuple[Path, Path]
    ) -> None:
        """The default feed title is not a message: its backslash stays one."""
        _, backslash = twins
        done = _process("--format", "atom", backslash.name, cwd=backslash.parent)
        assert b'<title type="text">tab\\there.txt</title>' in done.stdout

    def test_two_names_give_two_feed_titles_and_ids(
        self, twins: tuple[Path, Path], tmp_path: Path
    ) -> None:
        """The name with a TAB is titled with its TAB (the feed's own escape
        for XML), not with the \\t that the backslash name holds as text: two
        titles, two default ids (a review found them one). A byte that is not
        UTF-8 is its escape, and an archive's feed is titled the same way."""
        tab, backslash = twins
        feeds = [
            _process("--format", "atom", path.name, cwd=path.parent).stdout
            for path in (tab, backslash)
        ]
        ids = [feed.split(b"<id>")[1].split(b"</id>")[0] for feed in feeds]
        assert ids[0] != ids[1]
        assert b'<title type="text">tab\there.txt</title>' in feeds[0]
        undecodable = os.fsdecode(b"n\xffame.db")
        bloglist.open_archive(tmp_path / undecodable).add(
            [bloglist.Post(title="A")],
            seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC),
        )
        done = _process("archive", "feed", undecodable, cwd=tmp_path)
        assert b'<title type="text">n\\xffame.db</title>' in done.stdout


class TestFileNamesInMessages:
    def test_the_byte_0x80_shows_as_its_escape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The byte 0x80 of a name, not UTF-8, shows as ``\\x80``, the first
        of the bytes escaped so, not as ``\\udc80``, the lone surrogate
        Python holds it as."""
        status, out, err = run(capsys, str(tmp_path / os.fsdecode(b"\x80.txt")))
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot read {tmp_path}/\\x80.txt: "
            "No such file or directory\n"
        )

    def test_the_character_u0080_shows_apart_from_the_byte(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The character U+0080, a C1 control, shows as ``\\u0080``, never
        as ``\\x80``, the escape of the byte 0x80, so that two files'
        messages tell them apart."""
        status, out, err = run(capsys, str(tmp_path / "\x80.txt"))
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot read {tmp_path}/\\u0080.txt: "
            "No such file or directory\n"
        )


class TestStandardInputOnce:
    """Standard input named twice is refused, as `diff - -` refuses it: read
    once, it would be an empty file the second time."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["check", "-", "-"],
            ["-", "-"],
            ["show", "-", "--format", "jsonl", "-"],
            ["tags", "-", "-"],
            ["stats", "-", "-"],
            ["--pages", "PAGE", "-", "-"],
        ],
    )
    def test_is_a_usage_error(self, tmp_path: Path, argv: list[str]) -> None:
        page = tmp_path / "p1.txt"
        page.write_text("\nA\n\nE\n", encoding="utf-8")
        argv = [str(page) if word == "PAGE" else word for word in argv]
        done = _process(*argv, stdin=b"\nHello\n\nFirst words.\nNews\n")
        assert (done.returncode, done.stdout) == (2, b"")
        assert done.stderr.decode() == (
            "bloglist: error: standard input ('-') is named more than once: "
            "it can be read once only\n"
        )

    def test_once_is_read(self) -> None:
        done = _process("check", "-", stdin=b"\nHello\n\nFirst words.\nNews\n")
        assert done.returncode == 0
        assert done.stderr == b"<stdin>: 1 post, 0 errors, 0 warnings\n"


class TestTagNamesAreStripped:
    """Tags are stored stripped: a tag option's value is stripped too, as
    --known-tag's is, rather than match nothing."""

    @pytest.mark.parametrize("option", ["--tag", "--all-tags", "--exclude-tag"])
    @pytest.mark.parametrize("padded", ["Data ", " Data", "\tdata  "])
    def test_a_padded_name_is_the_name(self, option: str, padded: str) -> None:
        expected = status_of("--sample", option, "Data", "--format", "jsonl")
        assert expected[0] == 0
        assert status_of("--sample", option, padded, "--format", "jsonl") == expected

    def test_exclude_tag_drops_the_posts(self) -> None:
        status, out, _ = status_of(
            "--sample", "--exclude-tag", "Data ", "--format", "jsonl"
        )
        kept = [json.loads(line) for line in out.splitlines()]
        assert status == 0
        assert len(kept) == len(SAMPLE) - 3
        assert all("Data" not in post["tags"] for post in kept)

    def test_a_blank_name_is_still_refused(self) -> None:
        status, _, err = status_of("--sample", "--tag", "  ")
        assert status == 2
        assert err.endswith("argument --tag: tag '  ' is blank\n")


class TestDateSpelling:
    @pytest.mark.parametrize(
        "written",
        [
            "2024-3-5", "2024-03-5", "2024-3", "2024-3-05", "2024-003",
            " 2024", "24", "20245", "12024-03-05",
        ],
    )  # fmt: skip
    def test_another_spelling_is_told_the_spelling(self, written: str) -> None:
        status, _, err = status_of("--sample", "--since", written)
        assert status == 2
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument --since: {written!r} is not written "
            "YYYY, YYYY-MM or YYYY-MM-DD: four digits for the year and two each "
            "for the month and the day, as 2024-03-05"
        )

    @pytest.mark.parametrize("written", ["2024-02-30", "2024-13", "0000"])
    def test_a_date_that_is_not_real_is_said_so(self, written: str) -> None:
        status, _, err = status_of("--sample", "--until", written)
        assert status == 2
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument --until: {written!r} is not a real "
            "date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )


class TestAPostThatCannotBeWritten:
    """The error names the post's file and line, not its index among the
    posts written."""

    @pytest.fixture
    def files(self, tmp_path: Path) -> list[str]:
        texts = {
            "one.txt": "\nHello\n\nFirst words.\nNews\n",
            "p1.txt": "Mar 3, 2025\n\nC\n\nEc\nX\nMar 2, 2025\n\nB\n\nEb\nX\n",
            "uni.txt": "\nT1\n\nE1\nStraßeCafé\n",
        }
        for name, text in texts.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        return [str(tmp_path / name) for name in texts]

    @pytest.mark.parametrize(
        "more",
        [
            [],
            ["--tag", "café"],
            ["--sort", "title"],
            ["--sort", "date:asc"],
            ["--pages"],
        ],
    )
    @pytest.mark.parametrize("first", [False, True])
    def test_csv(self, files: list[str], more: list[str], first: bool) -> None:
        """Named by its file and line, whether its file comes last or first
        (the posts of the files after it read before the error stops the
        command, when written a batch at a time)."""
        bad = files[2]
        if first:
            files = [bad, *files[:2]]
        status, out, err = status_of(
            *files, "--format", "csv", "--tag-separator", "ß", *more
        )
        assert status == 1
        assert err == (
            f"bloglist: error: {bad}:2: post 'T1': tags ('Straße', 'Café') "
            "would read back as ('Stra', 'e', 'Café'); choose a tag separator "
            "that no tag holds (--tag-separator)\n"
        )
        # The posts written before it are all there: those before it in the
        # same run with a separator that can write it.
        titles = [row[0] for row in csv.reader(io.StringIO(out))][1:]
        _, whole, _ = status_of(*files, "--format", "csv", *more)
        every = [row[0] for row in csv.reader(io.StringIO(whole))][1:]
        assert titles == every[: every.index("T1")]

    def test_a_post_equal_to_one_of_an_earlier_file_is_named_by_its_own_file(
        self, tmp_path: Path
    ) -> None:
        """Two files holding the same post (posts compare by content): the
        copy that fails, the second file's (page 2 of the sorted posts), is
        named by its own file and line, not by the first file's."""
        bad = "\nBad\n\nE\nA|BCd\n"
        first, second = tmp_path / "a.txt", tmp_path / "b.txt"
        first.write_text(bad, encoding="utf-8")
        second.write_text("\nOther\n\nE\nN\n" + bad, encoding="utf-8")
        status, _, err = status_of(
            str(first), str(second), "--sort", "title", "--page", "2",
            "--page-size", "1", "--format", "csv",
        )  # fmt: skip
        assert status == 1
        assert err.startswith(f"bloglist: error: {second}:7: post 'Bad': tags")

    @pytest.mark.parametrize("more", [[], ["--sort", "title"]])
    def test_listing(self, files: list[str], tmp_path: Path, more: list[str]) -> None:
        empty = tmp_path / "noex.txt"
        empty.write_text("\nT\n", encoding="utf-8")
        status, _, err = status_of(
            files[0], str(empty), files[1], "--format", "listing", *more
        )
        assert status == 1
        assert err.splitlines()[-1] == (
            f"bloglist: error: {empty}:2: post 'T': excerpt is empty"
        )


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
        status, _, err = run_with_usage_errors(
            capsys, "a.txt", "b.txt", *argv, "--format", "csv"
        )
        assert status == 1
        assert err == (
            "bloglist: error: b.txt:6: post 'X': tags ('A|B',) would read back "
            "as ('A', 'B'); choose a tag separator that no tag holds "
            "(--tag-separator)\n"
        )


class TestPageGapNamesTheEmptyPages:
    def test_one_page(self, tmp_path: Path) -> None:
        names = ["a.txt", "e.txt", "c.txt"]
        for name, text in zip(names, ["\nA\n\nE\n", "", "\nB\n\nE\n"], strict=True):
            (tmp_path / name).write_text(text, encoding="utf-8")
        done = _process("--pages", *names, cwd=tmp_path)
        assert done.returncode == 0
        assert done.stderr.decode() == (
            "c.txt:2:1: page-gap page 2 (e.txt) is empty; "
            "the posts between may not have been seen\n"
        )

    def test_several_pages(self, tmp_path: Path) -> None:
        names = ["a.txt", "e.txt", "f.txt", "c.txt"]
        texts = ["\nA\n\nE\n", "", "sticky\n\nA\n\nE\n", "\nB\n\nE\n"]
        for name, text in zip(names, texts, strict=True):
            (tmp_path / name).write_text(text, encoding="utf-8")
        _, _, err = status_of("--pages", *map(str, [tmp_path / n for n in names]))
        assert err.splitlines()[-1] == (
            f"{tmp_path / 'c.txt'}:2:1: page-gap pages 2 to 3 ({tmp_path / 'e.txt'} "
            f"to {tmp_path / 'f.txt'}) add no post but sticky ones or posts of "
            "earlier pages; the posts between may not have been seen"
        )


class TestPagesGivenInAShellsOrder:
    """`--pages page*.txt`: a shell sorts page10.txt before page2.txt. The
    pages are joined in the order given, with a page-order warning at the
    first page out of place, named by its file."""

    def write_pages(self, folder: Path) -> list[str]:
        """Eleven pages of two posts, newest first, one day a post."""
        day = datetime.date(2025, 3, 30)
        for number in range(1, 12):
            posts = [
                bloglist.Post(
                    title=f"Post {number}{half}",
                    date=day - datetime.timedelta(2 * number + i),
                    excerpt="x",
                )
                for i, half in enumerate("ab")
            ]
            (folder / f"page{number}.txt").write_text(
                bloglist.dumps(posts), encoding="utf-8"
            )
        return sorted(path.name for path in folder.glob("page*.txt"))

    def test_the_first_page_out_of_place_is_named(self, tmp_path: Path) -> None:
        names = self.write_pages(tmp_path)
        assert names[:4] == ["page1.txt", "page10.txt", "page11.txt", "page2.txt"]
        done = _process("--pages", *names, "--format", "jsonl", cwd=tmp_path)
        assert done.returncode == 0  # a warning alone
        assert done.stderr.decode().splitlines() == [
            "page2.txt:1:1: page-order its posts, dated 2025-03-25 to 2025-03-26, "
            "are all newer than those of page11.txt (2025-03-07 to "
            "2025-03-08), where each page lists its posts newest first: the "
            "pages may be out of order, or more posts than a page holds were "
            "published between their fetches"
        ]
        # Joined as given: the posts of page10.txt follow those of page1.txt.
        titles = [json.loads(line)["title"] for line in done.stdout.splitlines()]
        assert titles[:4] == ["Post 1a", "Post 1b", "Post 10a", "Post 10b"]
        # In page order (as `ls -v` lists them), nothing to say.
        ordered = sorted(names, key=lambda name: int(name[4:-4]))
        done = _process("--pages", *ordered, "--format", "jsonl", cwd=tmp_path)
        assert (done.returncode, done.stderr) == (0, b"")
        assert len(done.stdout.splitlines()) == 22

    def test_a_title_that_reads_like_the_message_is_left_as_it_is(
        self, tmp_path: Path
    ) -> None:
        """The file of the page a page-order warning names is put in its
        message alone: a title quoted by another warning, which reads like
        it, keeps its words (there is no page 3 here)."""
        title = "those of page 3 (x)"
        one, two = tmp_path / "one.txt", tmp_path / "two.txt"
        one.write_text(f"\n{title}\n\ne\n", encoding="utf-8")
        two.write_text(f"\nB\n\ne\n\n{title}\n\ne\n", encoding="utf-8")
        status, _, err = status_of("--pages", str(one), str(two))
        assert status == 0
        assert err == (
            f"{two}:6:1: page-overlap post {title!r} was on page 1 ({one}), just "
            "before this one, but not among the posts that end it and start this "
            "one; left out here\n"
        )

    def test_an_overlap_names_the_file_its_post_was_on(self, tmp_path: Path) -> None:
        """A page-overlap warning names the page its post was on before by
        number and file, as a page-gap warning names its pages: here the last
        page before it with posts that are not sticky. A title that holds the
        message's own words is left as it is."""
        end = ", but not among the posts that end it and start this one; left out here"
        title = f"B was on page 9, just before this one{end}"
        first, sticky, third = (tmp_path / f"p{n}.txt" for n in (1, 2, 3))
        first.write_text(
            f"Mar 5, 2025\n\nA\n\ne\nMar 4, 2025\n\n{title}\n\ne\n"
            "Mar 3, 2025\n\nC\n\ne\n",
            encoding="utf-8",
        )
        sticky.write_text("sticky\nMar 1, 2025\n\nS\n\ne\n", encoding="utf-8")
        third.write_text(
            f"Mar 3, 2025\n\nC\n\ne\nMar 4, 2025\n\n{title}\n\ne\n"
            "Mar 2, 2025\n\nD\n\ne\n",
            encoding="utf-8",
        )
        status, _, err = status_of("--pages", str(first), str(sticky), str(third))
        assert status == 0
        gap, overlap = err.splitlines()
        assert gap.startswith(f"{third}:1:1: page-gap page 2 ({sticky}) ")
        assert overlap.startswith(f"{third}:6:1: page-overlap post 'B was on page 9, ")
        assert overlap.endswith(
            f" was on page 1 ({first}), the last page before this one with "
            f"posts that are not sticky{end}"
        )
        assert "page 9 (" not in overlap

    def test_a_post_sticky_before_names_the_file_that_showed_it_pinned(
        self, tmp_path: Path
    ) -> None:
        """A post page 1 showed pinned, shown in its place on page 2 (a blog
        that shows a pinned post at the top of page 1 and again among the
        others): its warning names the file of the page that pinned it."""
        first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
        first.write_text("sticky\nMar 1, 2025\n\nW\n\nx\nMar 5, 2025\n\nA\n\nx\n")
        second.write_text("Mar 2, 2025\n\nE\n\nx\nMar 1, 2025\n\nW\n\nx\n")
        status, out, err = status_of(
            "--pages", str(first), str(second), "--format", "jsonl"
        )
        assert status == 0
        assert [json.loads(line)["title"] for line in out.splitlines()] == [
            "W",
            "A",
            "E",
        ]
        assert err == (
            f"{second}:6:1: page-overlap post 'W' was sticky on page 1 ({first}) "
            "and is not sticky here (unpinned since, or shown in its place as "
            "well); left out here\n"
        )


class TestAtomLimitStopsReading:
    """`--format atom --limit N` with no order option is the first N posts
    that match: the input is read no further, as in the other formats."""

    LISTING = b"\nHello\n\nFirst words.\nNews\nsticky\nFeb 30, 2024\n\nA\n\nE\n"

    def test_a_problem_further_down_is_not_read(self) -> None:
        atom = _process("--limit", "1", "--format", "atom", stdin=self.LISTING)
        jsonl = _process("--limit", "1", "--format", "jsonl", stdin=self.LISTING)
        assert (atom.returncode, atom.stderr) == (0, b"")
        assert (jsonl.returncode, jsonl.stderr) == (0, b"")
        assert atom.stdout.count(b"<entry>") == 1
        assert b'<title type="text">Hello</title>' in atom.stdout

    def test_the_feed_is_the_first_matches(self) -> None:
        posts = SAMPLE.filter(bloglist.Where.tagged_any("Data"))[:2]
        expected = bloglist.to_atom(
            posts, title="bloglist sample", feed_id=feed_id("bloglist sample")
        )
        status, out, _ = status_of(
            "--sample", "--tag", "data", "--limit", "2", "--format", "atom"
        )
        assert (status, out) == (0, expected)

    def test_with_sort_it_still_reads_every_post(self) -> None:
        """A sort needs every post: the problem further down is reported."""
        done = _process(
            "--limit", "1", "--sort", "title", "--format", "atom", stdin=self.LISTING
        )
        assert done.returncode == 1
        assert b"invalid-date" in done.stderr

    def test_a_pipe_that_stays_open_is_not_waited_for(self) -> None:
        """The feed comes once the Nth post is read, with the writer still
        writing: the command does not wait for the end of its input."""
        with subprocess.Popen(
            [sys.executable, "-m", "bloglist", "--limit", "1", "--format", "atom"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdin is not None
            process.stdin.write(b"\nHello\n\nFirst words.\n\nNext\n\nMore.\n")
            process.stdin.flush()
            try:
                status = process.wait(timeout=30)
            finally:
                process.kill()
            assert status == 0
            assert process.stdout is not None
            assert b'<title type="text">Hello</title>' in process.stdout.read()


class TestAtomWrittenAnEntryAtATime:
    """`--format atom` holds the posts, as any output that needs every post
    first, but not the feed's text: each entry is written as it is made (a
    feed held whole is four bytes a character once one emoji is in it)."""

    @pytest.mark.big
    def test_the_feed_takes_no_more_memory_than_sorted_json(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "big.txt"
        path.write_text(
            "".join(
                f"Mar 5, 2024\n\nPost {i} \N{MEMO}\n\n{'Words of the excerpt. ' * 20}\n"
                "DataGo\n"
                for i in range(3_000)
            ),
            encoding="utf-8",
        )

        def peak_of(*argv: str) -> int:
            tracemalloc.start()
            try:
                # The output goes nowhere, as to a file: none of it is held.
                with open(os.devnull, "w", encoding="utf-8") as nowhere:
                    monkeypatch.setattr(sys, "stdout", nowhere)
                    assert main(["show", str(path), *argv]) == 0
                    monkeypatch.undo()
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            return peak

        # Both hold every post before they write; JSON writes a batch at a
        # time. The feed held whole took three times the memory; now about
        # half (the posts are held once the listing is made, not as read).
        assert peak_of("--format", "atom") < peak_of(
            "--format", "json", "--sort", "title"
        )


class TestFeedIriMessages:
    """A --feed-id or --link that is not an absolute IRI is refused with the
    value quoted and an example of one, in the option's own words (not the
    library's message, which names a keyword argument)."""

    @pytest.mark.parametrize(
        ("option", "value", "example"),
        [
            ("--feed-id", "notaniri", "tag:example.com,2025:blog or a URL"),
            ("--link", "/blog", "https://example.com/blog/"),
        ],
    )
    def test_the_value_and_an_example(
        self,
        capsys: pytest.CaptureFixture[str],
        option: str,
        value: str,
        example: str,
    ) -> None:
        status, out, err = run_with_usage_errors(
            capsys, "--sample", "--format", "atom", option, value
        )
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument {option}: "
            f"{value!r} is not an absolute IRI, such as {example}"
        )


class TestEveryFeedOptionReachesTheFeed:
    """Each Atom option goes to its own keyword of bloglist.to_atom: the
    command's feed is the library's, given the same values."""

    def test_all_of_them(self, capsys: pytest.CaptureFixture[str]) -> None:
        expected = bloglist.to_atom(
            SAMPLE,
            title="My blog",
            feed_id="tag:example.com,2025:blog",
            link="https://example.com/blog/",
            author="Ann Author",
            subtitle="Notes and news",
            lang="pt-BR",
        )
        argv = [
            *("--feed-title", "My blog", "--feed-id", "tag:example.com,2025:blog"),
            *("--link", "https://example.com/blog/", "--author", "Ann Author"),
            *("--subtitle", "Notes and news", "--lang", "pt-BR"),
        ]
        status, out, _ = run_with_usage_errors(
            capsys, "--sample", "--format", "atom", *argv
        )
        assert (status, out) == (0, expected)


class TestTheFeedOfSeveralFiles:
    """With no --feed-title, the feed of `bloglist a.txt b.txt --format
    atom` is titled with the files' names, "a.txt, b.txt", its id derived
    from that title: the library's feed of both files' posts."""

    def test_title_and_id(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        first, second = SAMPLE[:3], SAMPLE[3:5]
        a = tmp_path / "a.txt"
        a.write_text(bloglist.dumps(first), encoding="utf-8")
        b = tmp_path / "b.txt"
        b.write_text(bloglist.dumps(second), encoding="utf-8")
        expected = bloglist.to_atom(
            [*first, *second], title="a.txt, b.txt", feed_id=feed_id("a.txt, b.txt")
        )
        status, out, _ = run_with_usage_errors(
            capsys, str(a), str(b), "--format", "atom"
        )
        assert (status, out) == (0, expected)


class TestTheDefaultFeedId:
    """Without ``--feed-id``, the feed's id is the one docs/cli.md gives
    the recipe of, the same in every release: a reader that follows the
    feed does not see a new feed after an upgrade (docs/cli.md's example
    of the recipe, run with the docs, gives this id)."""

    ID = "urn:uuid:5ac40f50-2242-5c3a-aef5-388a5ce7a56f"

    def test_the_sample_feed(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run_with_usage_errors(capsys, "--sample", "--format", "atom")
        assert status == 0
        assert out.splitlines()[2] == f"  <id>{self.ID}</id>"
        assert out == bloglist.to_atom(SAMPLE, title="bloglist sample", feed_id=self.ID)


class TestTheDefaultFeedTitle:
    def test_a_name_holding_the_byte_0x80_titles_the_feed_with_its_escape(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """The byte 0x80 of a file name, not UTF-8, is ``\\x80`` in the
        feed's title, author and id, as the byte 0xff is, not a U+FFFD that
        the name of another file, with another byte there, would give too."""
        monkeypatch.chdir(tmp_path)
        Path(os.fsdecode(b"\x80\xff.txt")).write_text(
            bloglist.sample_text(), encoding="utf-8"
        )
        status, out, err = run(
            capsys, os.fsdecode(b"\x80\xff.txt"), "--format", "atom", "--limit", "1"
        )
        assert (status, err) == (0, "")
        title = "\\x80\\xff.txt"
        assert f'<title type="text">{title}</title>' in out
        assert f"<name>{title}</name>" in out
        feed_id = uuid.uuid5(uuid.NAMESPACE_URL, f"bloglist:{title}").urn
        assert f"<id>{feed_id}</id>" in out
        assert "\ufffd" not in out


def _random_listing(seed: int, count: int, *, cases: bool = True) -> str:
    """*count* posts: tags of a few names in varying case (a name's first
    spelling and its most used one differ; *cases* false: one spelling a
    name), dates over a few years with undated posts among them, some sticky."""
    rng = random.Random(seed)
    names = ["data", "Data", "DATA", "Go", "go", "Web", "AI", "Straße", "STRASSE"]
    if not cases:
        names = ["Data", "Go", "Web", "AI", "Straße"]
    posts = []
    for i in range(count):
        dated = rng.random() < 0.8
        posts.append(
            bloglist.Post(
                title=f"Post {i}",
                excerpt="Words.",
                date=datetime.date(rng.choice([1999, 2023, 2024, 2025]), 1 + i % 12, 1)
                if dated
                else None,
                tags=tuple(dict.fromkeys(rng.sample(names, rng.randint(0, 3)))),
                sticky=rng.random() < 0.1,
            )
        )
    # Tags that split apart again are kept as the parser reads them: the
    # oracle is the parse of the same text.
    return bloglist.dumps(posts, known_tags=names)


class TestCountsOfABigListing:
    """`tags` and `stats` count the posts a batch at a time, in flat memory:
    what they print is what the listing's own count_by gives for the whole
    listing, whatever batch a tag's first spelling or a year falls in."""

    @staticmethod
    def _expected_tags(listing: bloglist.Listing) -> list[dict[str, object]]:
        return [{"tag": t, "posts": n} for t, n in listing.count_by("tag")]

    @staticmethod
    def _expected_stats(listing: bloglist.Listing, by: str) -> list[str]:
        counts = [
            (key, n)
            for key, n in listing.count_by("year" if by == "year" else "month")
            if key is not None
        ]
        most = max(n for _, n in counts)
        lines = [
            (f"{key:04d}" if isinstance(key, int) else f"{key[0]:04d}-{key[1]:02d}", n)
            for key, n in counts
        ]
        sticky = sum(post.sticky for post in listing)
        undated = sum(post.date is None for post in listing)
        return [
            *(f"{label} {n} {max(round(n * 8 * 40 / most), 1)}" for label, n in lines),
            f"{len(listing)} post{'' if len(listing) == 1 else 's'}: {sticky} sticky, {undated} undated",
        ]

    @staticmethod
    def _stats_lines(out: str) -> list[str]:
        """Each row as label, count and the bar's length in eighths."""
        eighths = {"█": 8, "▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7}
        lines = out.splitlines()
        rows = []
        for line in lines[1:-1]:
            label, n, bar = line.split()
            rows.append(f"{label} {n} {sum(map(eighths.__getitem__, bar))}")
        return [*rows, lines[-1]]

    @pytest.mark.parametrize("seed", [1, 2])
    @pytest.mark.parametrize("options", [[], ["--tag", "go"], ["--since", "2024"]])
    def test_the_counts_are_those_of_the_whole_listing(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        seed: int,
        options: list[str],
    ) -> None:
        text = _random_listing(seed, 10_000)  # a batch is 4,096 posts
        path = tmp_path / "big.txt"
        path.write_text(text, encoding="utf-8")
        listing = bloglist.loads(text)
        if options:
            listing = listing.filter(
                bloglist.Where.tagged_any("go")
                if options[0] == "--tag"
                else bloglist.Where.since(datetime.date(2024, 1, 1))
            )
        status, out, _ = run(capsys, "tags", str(path), "--format", "json", *options)
        assert status == 0  # warnings only: tags repeated in another case
        assert json.loads(out) == self._expected_tags(listing)
        for by in ("year", "month"):
            status, out, _ = run(capsys, "stats", str(path), "--by", by, *options)
            assert status == 0  # warnings only: tags repeated in another case
            assert self._stats_lines(out) == self._expected_stats(listing, by)

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.builds(
                bloglist.Post,
                title=st.sampled_from(["A", "B"]),
                excerpt=st.just("E"),
                date=st.none()
                | st.dates(datetime.date(2020, 1, 1), datetime.date(2021, 12, 31)),
                tags=st.lists(
                    st.sampled_from(["x", "X", "Yz", "yZ", "ß", "SS", "Q"]), max_size=3
                ),
                sticky=st.booleans(),
            ),
            max_size=12,
        ),
        st.integers(1, 5),
    )
    def test_any_batch_size_gives_the_counts_of_the_whole(
        self, posts: list[bloglist.Post], size: int
    ) -> None:
        """The same with batches of 1 to 5 posts over small listings: every
        way a first spelling, a tie or a period can fall across batches."""
        text = bloglist.dumps(posts, known_tags=["x", "X", "Yz", "yZ", "ß", "SS", "Q"])
        listing = bloglist.loads(text)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(bloglist._cli, "_COUNT_BATCH", size)
            with _stdin(io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8")):
                status, out, _ = status_of("tags", "--format", "json")
            assert status == 0  # warnings only: tags repeated in another case
            assert json.loads(out) == self._expected_tags(listing)
            if any(post.date for post in posts):
                with _stdin(
                    io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8")
                ):
                    status, out, _ = status_of("stats", "--by", "month")
                assert status == 0  # warnings only: tags repeated in another case
                assert self._stats_lines(out) == self._expected_stats(listing, "month")

    @pytest.mark.big
    def test_memory_stays_flat_however_many_posts(self, tmp_path: Path) -> None:
        """Before, both held the whole listing: 40,000 posts held about four
        times the memory of 10,000. Now the peak is that of a batch or two,
        whatever the count past a few batches."""

        def peak_of(count: int, command: str) -> int:
            path = tmp_path / f"{count}.txt"
            path.write_text(_random_listing(3, count, cases=False), encoding="utf-8")
            tracemalloc.start()
            try:
                assert status_of(command, str(path))[:3:2] == (0, "")
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            return peak

        for command in ("tags", "stats"):
            assert peak_of(40_000, command) < 1.3 * peak_of(10_000, command)

    @pytest.mark.big
    @pytest.mark.parametrize(
        "argv",
        [
            ["--format", "jsonl"],
            ["--format", "json"],
            ["--format", "csv"],
            ["--format", "listing"],
            ["tags"],
            ["stats"],
        ],
        ids=" ".join,
    )
    def test_memory_stays_flat_however_big_each_post(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
    ) -> None:
        """A tag line of 40 KB splits into 20,000 names, a tuple of 160 KB
        (and, written, more): the writers' batches and the counts' were cut
        at 512 and 4,096 posts, so that 24 such posts held about four times
        the memory of 6 (a review's 60 posts of 1 MB lines: 731 MB). Now what is
        held between two reads is the posts of one piece read. (The caches
        of tag lines, bounded in bytes on their own, are made small here, so
        that they fill with the first post.)"""

        def peak_of(count: int) -> int:
            path = tmp_path / f"{count}.txt"
            path.write_text(
                "".join(
                    f"Mar 5, 2024\n\nTitle {i}\n\nExcerpt.\n{'aB' * 20_000}X{i}\n"
                    for i in range(count)
                ),
                encoding="utf-8",
            )
            command = argv if argv[0] in ("tags", "stats") else ["show", *argv]
            tracemalloc.start()
            try:
                for module in (bloglist._parse, bloglist._write):
                    monkeypatch.setattr(module, "STREAM_CACHE_BYTES", 1 << 18)
                # The output goes nowhere, as to a file: none of it is held.
                with open(os.devnull, "w", encoding="utf-8") as nowhere:
                    monkeypatch.setattr(sys, "stdout", nowhere)
                    monkeypatch.setattr(sys, "stderr", io.StringIO())
                    # Warnings only: each tag line repeats its names.
                    assert main([*command, str(path)]) == 0
                    monkeypatch.undo()
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            return peak

        assert peak_of(24) < 1.3 * peak_of(6)


@pytest.mark.parametrize("argv", [["--sample", "--bogus"], ["diff", "a"]])
def test_a_usage_error_with_no_standard_error_writes_nothing_to_the_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """With no standard error (`2>&-` leaves Python none), a usage error
    exits 2 with nothing on standard output, where argparse put its usage."""
    monkeypatch.setattr(sys, "stderr", None)
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert capsys.readouterr().out == ""


class TestFilesAfterTheLimit:
    """`--limit` and `--page` stop reading once they have their posts; each
    file named after that which could not have been read is still an error
    (`bloglist --limit 1 a.txt missing.txt` was once silent, status 0)."""

    @pytest.mark.parametrize(
        "options",
        [
            ["--limit", "1"],
            ["--limit", "1", "--format", "jsonl"],
            ["--limit", "1", "--format", "json"],
            ["--limit", "1", "--format", "csv"],
            ["--limit", "1", "--format", "listing"],
            # The feed's title, and so its id, would name the files.
            ["--limit", "1", "--format", "atom", "--feed-title", "T"],
            ["--page", "1", "--page-size", "2"],
        ],
    )
    def test_a_missing_file_after_the_limit_is_a_usage_error(
        self,
        capsys: pytest.CaptureFixture[str],
        listing_file: Path,
        tmp_path: Path,
        options: list[str],
    ) -> None:
        missing = tmp_path / "missing.txt"
        status, out, err = run(capsys, str(listing_file), str(missing), *options)
        alone = run(capsys, str(listing_file), *options)
        assert (status, out) == (2, alone[1])
        assert (
            err
            == f"bloglist: error: cannot read {missing}: No such file or directory\n"
        )

    @pytest.mark.parametrize(
        ("command", "text", "options", "said"),
        [
            ("show", "Feb 30, 2024\n\nT\n\nE\n", ["--strict"], ":1:1: invalid-date"),
            ("tags", "Feb 30, 2024\n\nT\n\nE\n", ["--strict"], ":1:1: invalid-date"),
            ("stats", "Feb 30, 2024\n\nT\n\nE\n", ["--strict"], ":1:1: invalid-date"),
            ("show", "\nT\n\ncaf\udce9\n", [], ":4:4: invalid-utf8"),
            ("tags", "\nT\n\nE\n" + "x" * 400, ["--max-line-length", "200"], ":5:"),
            ("show", "\nT\n\nE\nA|BCd\n", ["--format", "csv"], "post 'T': tags"),
        ],
        ids=["strict", "tags", "stats", "not utf-8", "line too long", "csv"],
    )
    def test_a_missing_file_after_an_error_that_stops_the_reading_is_named(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        command: str,
        text: str,
        options: list[str],
        said: str,
    ) -> None:
        """The wording review: an error that stops the reading (--strict's
        first, bytes that are not UTF-8, a line too long, a post CSV cannot
        write) hid the file named after it that could not have been read, a
        typo in a script's file name, with status 1. Each is named after the
        error, as after --limit, with status 2."""
        bad = tmp_path / "bad.txt"
        bad.write_bytes(text.encode("utf-8", "surrogateescape"))
        good = tmp_path / "good.txt"
        good.write_text(bloglist.sample_text(), encoding="utf-8")
        missing = tmp_path / "mising.txt"
        status, out, err = run(
            capsys, command, str(good), str(bad), str(good), str(missing), *options
        )
        first, *rest = err.splitlines()
        assert said in first
        assert (status, rest) == (
            2,
            [f"bloglist: error: cannot read {missing}: No such file or directory"],
        )
        # With no such file, the status is the error's own, and the output
        # (what was written before the stop) the same: it is not lost.
        alone = run(capsys, command, str(good), str(bad), str(good), *options)
        assert alone == (1, out, f"{first}\n")
        assert out or command != "show"

    def test_every_file_after_the_limit_that_could_not_be_read_is_named(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path, tmp_path: Path
    ) -> None:
        """Two typos in a script's file names are both reported, in the order
        given, with a directory between them, and a readable file among them
        is not: each on its line, after the posts, status 2."""
        first, second = tmp_path / "mising.txt", tmp_path / "nope.txt"
        readable = tmp_path / "fine.txt"
        readable.write_text(bloglist.sample_text(), encoding="utf-8")
        names = [first, readable, tmp_path, second]
        status, out, err = run(
            capsys, str(listing_file), *map(str, names), "--limit", "1"
        )
        assert (status, out) == (2, run(capsys, str(listing_file), "--limit", "1")[1])
        assert err.splitlines() == [
            f"bloglist: error: cannot read {first}: No such file or directory",
            f"bloglist: error: cannot read {tmp_path}: it is a directory",
            f"bloglist: error: cannot read {second}: No such file or directory",
        ]

    def test_the_errors_come_after_the_posts_in_one_stream(
        self, listing_file: Path, tmp_path: Path
    ) -> None:
        """Read as a shell shows it (`2>&1`), the posts come first, then
        each error in the order of the files."""
        first, second = tmp_path / "mising.txt", tmp_path / "nope.txt"
        argv = [str(listing_file), str(first), str(second), "--limit", "1"]
        done = subprocess.run(
            [sys.executable, "-m", "bloglist", "--format", "jsonl", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=60,
        )
        lines = done.stdout.decode().splitlines()
        assert done.returncode == 2
        posts = bloglist.loads(listing_file.read_text(encoding="utf-8"))
        assert json.loads(lines[0])["title"] == posts[0].title
        assert lines[1:] == [
            f"bloglist: error: cannot read {first}: No such file or directory",
            f"bloglist: error: cannot read {second}: No such file or directory",
        ]

    def test_a_directory_windows_refuses_as_permission_is_said_to_be_one(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        listing_file: Path,
        tmp_path: Path,
    ) -> None:
        """Windows refuses to open a directory with PermissionError, not
        IsADirectoryError (played here): it is said to be a directory, as
        on Linux, by show and by diff (a review found "Permission denied"),
        and a file that may not be read is still said to be one."""
        import builtins

        from bloglist import _cli, _cli_history

        def windows_open(name: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(name, str) and os.path.isdir(name):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
            if isinstance(name, str) and name.endswith("locked.txt"):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
            return builtins.open(name, *args, **kwargs)

        monkeypatch.setattr(_cli, "open", windows_open, raising=False)
        monkeypatch.setattr(_cli_history, "open", windows_open, raising=False)
        locked = tmp_path / "locked.txt"
        locked.write_text(bloglist.sample_text(), encoding="utf-8")
        directory = f"bloglist: error: cannot read {tmp_path}: it is a directory\n"
        denied = f"bloglist: error: cannot read {locked}: Permission denied\n"
        for argv, said in [
            ([str(tmp_path)], directory),
            (["diff", str(tmp_path), str(listing_file)], directory),
            ([str(locked)], denied),
            (["diff", str(locked), str(listing_file)], denied),
        ]:
            status, out, err = run(capsys, *argv)
            assert (status, out, err) == (2, "", said), argv

    def test_a_directory_after_the_limit_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path, tmp_path: Path
    ) -> None:
        status, _, err = run(capsys, str(listing_file), str(tmp_path), "--limit", "1")
        assert status == 2
        assert err == f"bloglist: error: cannot read {tmp_path}: it is a directory\n"

    def test_a_file_it_may_not_read_after_the_limit_is_a_usage_error(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        listing_file: Path,
        tmp_path: Path,
    ) -> None:
        """Checked with os.access (a process run as root may read any file),
        asked whether the file may be read: one that may be written and not
        read (mode 0o200) is refused, one that may be read and not written
        (0o444) is let be."""
        locked = tmp_path / "locked.txt"
        locked.write_text("", encoding="utf-8")
        read_only = tmp_path / "read-only.txt"
        read_only.write_text(bloglist.sample_text(), encoding="utf-8")
        allowed = {
            str(locked): os.W_OK,
            str(read_only): os.R_OK,
        }

        def access(path: str, mode: int) -> bool:
            return mode == allowed.get(path, mode)

        monkeypatch.setattr(os, "access", access)
        status, _, err = run(capsys, str(listing_file), str(locked), "--limit", "1")
        assert status == 2
        assert err == f"bloglist: error: cannot read {locked}: Permission denied\n"
        status, _, err = run(capsys, str(listing_file), str(read_only), "--limit", "1")
        assert (status, err) == (0, "")

    def test_an_archive_after_the_limit_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path, tmp_path: Path
    ) -> None:
        """An archive file given where a listing goes is named, as when it is
        read (a review found `bloglist good.txt blog.db --limit 2` silent,
        status 0, and `bloglist blog.db good.txt --limit 2` an error)."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(
            [bloglist.Post(title="A")],
            seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC),
        )
        said = (
            f"bloglist: error: {db} is an SQLite file, not a listing: an archive? "
            "(archive show reads an archive)\n"
        )
        for files in ([listing_file, db], [db, listing_file]):
            status, _, err = run(capsys, *map(str, files), "--limit", "1")
            assert (status, err) == (2, said)

    def test_a_named_pipe_after_the_limit_is_not_opened(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path, tmp_path: Path
    ) -> None:
        """Opening it would wait for a writer: a writer opens it only if the
        command is still waiting after five seconds, which fails the test."""
        fifo = tmp_path / "fifo"
        with unopened_fifo(fifo) as rescued:
            status, _, err = run(capsys, str(listing_file), str(fifo), "--limit", "1")
        assert (status, err, rescued) == (0, "", [])

    def test_standard_input_after_the_limit_is_looked_at_as_a_file_is(
        self, listing_file: Path, tmp_path: Path
    ) -> None:
        """`-` after the limit, standard input redirected from an archive or
        from JSON, is named as a file named so is, and closed it is an error
        as when it is read (a review found all three silent, status 0, where
        `/dev/stdin` was an error). Its bytes are read where it stands
        without moving it: the shell reads on from there."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(
            [bloglist.Post(title="A")],
            seen_at=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC),
        )
        posts = tmp_path / "posts.json"
        posts.write_text(bloglist.to_json(bloglist.loads(listing_file.read_text())))
        command = [sys.executable, "-m", "bloglist", str(listing_file), "-"]
        command += ["--limit", "1", "--format", "jsonl"]
        alone = subprocess.run(
            command[:4] + command[5:], capture_output=True, check=True, timeout=60
        ).stdout
        archive = "<stdin> is an SQLite file, not a listing: an archive?"
        json_said = "<stdin> holds JSON, not a listing"
        closed = "cannot read standard input: it is closed"
        for stdin, said in ((db, archive), (posts, json_said), (None, closed)):
            with contextlib.ExitStack() as stack:
                if stdin is None:  # as a shell's <&-
                    kwargs: dict[str, Any] = {"preexec_fn": lambda: os.close(0)}
                else:
                    kwargs = {"stdin": stack.enter_context(stdin.open("rb"))}
                done = subprocess.run(
                    command, capture_output=True, check=False, timeout=60, **kwargs
                )
            assert (done.returncode, done.stdout) == (2, alone)
            assert done.stderr.decode().startswith(f"bloglist: error: {said}")
        text = tmp_path / "text.txt"
        text.write_bytes(b"\nA\n\nx\n")
        with text.open("rb") as shared:
            shared.seek(3)
            done = subprocess.run(
                command, stdin=shared, capture_output=True, check=False, timeout=60
            )
            assert (done.returncode, done.stderr) == (0, b"")
            assert os.lseek(shared.fileno(), 0, os.SEEK_CUR) == 3

    def test_files_it_could_read_and_standard_input_are_not_errors(
        self, capsys: pytest.CaptureFixture[str], listing_file: Path
    ) -> None:
        """Not opened (a named pipe would make it wait): status 0, the limit's posts."""
        argv = [str(listing_file), str(listing_file), "-", "--limit", "1"]
        status, out, err = run(capsys, *argv)
        assert (status, err) == (0, "")
        assert out == run(capsys, str(listing_file), "--limit", "1")[1]


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
        status, out, err = run_with_usage_errors(
            capsys, "--sample", *self.ARGV, "--format", "jsonl"
        )
        assert (status, out, err) == (0, self.expected(), "")

    def test_archive_show(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "a.db"
        seen_at = datetime.datetime(2025, 3, 5, 6, tzinfo=datetime.UTC)
        bloglist.open_archive(path).add(SAMPLE, seen_at=seen_at)
        status, out, err = run_with_usage_errors(
            capsys, "archive", "show", str(path), *self.ARGV, "--format", "jsonl"
        )
        assert (status, err) == (0, "")
        # The posts, each with the archive's keys after the schema's.
        assert bloglist.to_jsonl(bloglist.from_jsonl(out)) == self.expected()
        assert [json.loads(line)["first_seen"] for line in out.splitlines()] == [
            "2025-03-05T06:00:00Z"
        ] * 2


class TestACommandMistyped:
    """A first word that is no command is read as a file: when no such file
    exists and the word is close to a command's name, the error says which."""

    @pytest.mark.parametrize(
        ("word", "command"),
        [("chek", "check"), ("stat", "stats"), ("shw", "show"), ("tag", "tags"),
         ("dif", "diff"), ("archiv", "archive"),
         ("chk", "check"), ("tagz", "tags")],  # at the cutoff: 0.75 alike
    )  # fmt: skip
    def test_a_missing_file_named_like_a_command_names_the_command(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        listing_file: Path,
        word: str,
        command: str,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, word, str(listing_file))
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot read {word}: No such file or directory "
            f"(did you mean the command {command!r}?)\n"
        )

    @pytest.mark.parametrize(
        "argv",
        [["show", "--", "show"], ["show", "show"], ["tags", "--", "tags"],
         ["check", "check"]],
    )  # fmt: skip
    def test_a_missing_file_named_as_the_command_given_gets_no_hint(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        argv: list[str],
    ) -> None:
        """The first word was the command: the file of its name is a later
        word, which no hint of a command explains."""
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot read {argv[-1]}: No such file or directory\n"
        )

    @pytest.mark.parametrize(
        ("argv", "said", "hint"),
        [
            (["--sample", "tags"], "--sample reads the bundled sample: give no FILE with it", " (a command goes first: bloglist tags ...)"),
            (["LISTING", "stats"], "cannot read stats: No such file or directory", " (a command goes first: bloglist stats ...)"),
            # Past where --limit stopped reading: looked at, and said alike.
            (["LISTING", "stats", "--limit", "1"], "cannot read stats: No such file or directory", " (a command goes first: bloglist stats ...)"),
            (["LISTING", "add"], "cannot read add: No such file or directory", " (a command goes first: bloglist archive add ...)"),
            (["add", "blog.db", "LISTING"], "cannot read add: No such file or directory", " (did you mean the command 'archive add'?)"),
            (["feed", "blog.db"], "cannot read feed: No such file or directory", " (did you mean the command 'archive feed'?)"),
            (["tags", "LISTING", "stats"], "cannot read stats: No such file or directory", ""),
            (["LISTING", "nothing"], "cannot read nothing: No such file or directory", ""),
        ],
    )  # fmt: skip
    def test_a_command_word_typed_after_another_says_where_it_goes(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        listing_file: Path,
        argv: list[str],
        said: str,
        hint: str,
    ) -> None:
        """A command's name typed after the options or a file is read as a
        file: when none is there, the error says the command goes first
        (`archive add` for add and feed, actions of archive alone, named so
        when typed first too); not where the first word is a command, whose
        later words are its files (a review found no hint at all)."""
        monkeypatch.chdir(tmp_path)
        words = [str(listing_file) if word == "LISTING" else word for word in argv]
        status, _, err = run(capsys, *words)
        assert status == 2
        assert err.endswith(f"bloglist: error: {said}{hint}\n")

    @pytest.mark.parametrize(
        ("argv", "hint"),
        [
            (["--sample", "stats", "--by", "month"], " (a command goes first: bloglist stats ...)"),
            (["LISTING", "tags", "--bogus"], " (a command goes first: bloglist tags ...)"),
            (["--sample", "feed", "--bogus"], " (a command goes first: bloglist archive feed ...)"),
            (["--sample", "--by", "month"], ""),
            (["--tag", "stats", "--by", "month"], ""),
            (["stats", "--sample", "--bogus"], ""),
        ],
    )  # fmt: skip
    def test_an_option_of_a_command_typed_after_it_late_says_where_it_goes(
        self,
        capsys: pytest.CaptureFixture[str],
        listing_file: Path,
        argv: list[str],
        hint: str,
    ) -> None:
        """`bloglist --sample stats --by month`: show (the command when none
        comes first) has no --by, and took stats for a file; the error says
        the command goes first (a review found the refusal without the
        hint), not when the word is an option's value or came first."""
        words = [str(listing_file) if word == "LISTING" else word for word in argv]
        status, out, err = run_with_usage_errors(capsys, *words)
        assert (status, out) == (2, "")
        refused = "--by" if "--by" in argv else "--bogus"
        last = err.splitlines()[-1]
        assert last.endswith(f": error: unrecognized arguments: {refused}{hint}")

    @pytest.mark.parametrize("made", [False, True])
    def test_a_command_mistyped_with_sample_names_the_command(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        made: bool,
    ) -> None:
        """`bloglist chek --sample`: the word is a FILE given with --sample,
        which is the error; unless a file of its name is there, the command
        it may have meant is named too."""
        monkeypatch.chdir(tmp_path)
        if made:
            (tmp_path / "chek").write_text("")
        status, out, err = run(capsys, "chek", "--sample")
        assert (status, out) == (2, "")
        hint = "" if made else " (did you mean the command 'check'?)"
        assert err.splitlines()[-1] == (
            f"bloglist: error: --sample reads the bundled sample: give no FILE with it{hint}"
        )
        status, out, err = run(capsys, "--sample", "chek")
        assert err.splitlines()[-1] == (
            "bloglist: error: --sample reads the bundled sample: give no FILE with it"
        )

    def test_help_as_a_command_names_the_help_option(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "help")
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: cannot read help: No such file or directory "
            "(for help: bloglist --help, or bloglist COMMAND --help)\n"
        )

    def test_stitch_as_a_command_names_the_option_that_joins_pages(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        listing_file: Path,
    ) -> None:
        """`bloglist stitch PAGE...`, after bloglist.stitch of the docs: the
        command has no such command, and says where pages are joined."""
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "stitch", str(listing_file))
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: cannot read stitch: No such file or directory "
            "(pages are joined with --pages: bloglist --pages PAGE..., "
            "or archive add --pages)\n"
        )
        assert main(["--pages", str(listing_file), str(listing_file)]) == 0

    @pytest.mark.skipif(sys.platform == "win32", reason="needs a symbolic link")
    def test_a_file_named_like_a_command_that_cannot_be_read_gets_no_hint(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """`bloglist chek` where chek is there but cannot be opened (here a
        link to itself): the file exists, so the word named a file, not a
        command mistyped; only a file that is missing gets the hint."""
        monkeypatch.chdir(tmp_path)
        os.symlink("chek", "chek")
        status, out, err = run(capsys, "chek")
        assert (status, out) == (2, "")
        assert err.startswith("bloglist: error: cannot read chek: ")
        assert "did you mean" not in err

    @pytest.mark.parametrize(
        "argv",
        [
            ["data", "{listing}"],  # like no command
            ["achv", "{listing}"],  # below the cutoff: 0.73 like archive
            ["posts", "{listing}"],  # 0.6 like stats
            ["./chek", "{listing}"],  # a path: a file meant
            ["./stats", "{listing}"],  # a path, however like a command
            [os.path.join("data", "diff"), "{listing}"],
            ["check", "chek"],  # the command given: a file meant
            ["{listing}", "chek"],  # not the first word
            ["{listing}", "chek", "--limit", "1"],  # after the limit
        ],
    )
    def test_other_missing_files_are_only_missing(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        listing_file: Path,
        argv: list[str],
    ) -> None:
        monkeypatch.chdir(tmp_path)
        words = [word.format(listing=listing_file) for word in argv]
        status, _, err = run(capsys, *words)
        assert status == 2
        assert err.endswith(": No such file or directory\n")
        assert "did you mean" not in err


class TestDidYouMean:
    def test_the_hint_looks_at_the_first_file_of_several(self, tmp_path: Path) -> None:
        """``bloglist chek x.txt --sample``: the first FILE is the misspelt
        command, whatever follows it; the hint names the command."""
        real = tmp_path / "x.txt"
        real.write_text("\nT\n\nE\n", encoding="utf-8")
        for files in (["chek", str(real)], ["chek", "nothere.txt"]):
            status, out, err = status_of(*files, "--sample")
            assert (status, out) == (2, "")
            assert err.rstrip().endswith("(did you mean the command 'check'?)"), err


def test_a_link_to_nothing_with_sample_gets_the_command_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FILE given with --sample that is a link to nothing gets the hint
    of a mistyped command, as a link to nothing that is read does: it is
    no file. A link to a file that is there gets no hint."""
    monkeypatch.chdir(tmp_path)
    os.symlink("nowhere", "chek")
    hint = " (did you mean the command 'check'?)"
    assert status_of("chek", "--sample") == (
        2,
        "",
        f"bloglist: error: --sample reads the bundled sample: give no FILE with it{hint}\n",
    )
    assert status_of("chek")[2] == (
        f"bloglist: error: cannot read chek: No such file or directory{hint}\n"
    )
    Path("check.txt").write_text("")
    os.symlink("check.txt", "chekk")
    assert status_of("chekk", "--sample")[2] == (
        "bloglist: error: --sample reads the bundled sample: give no FILE with it\n"
    )


def test_search_finds_an_accent_written_as_two_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--search café` finds a post whose é is an e and a combining accent,
    as text copied on macOS has it (a review found no match)."""
    path = tmp_path / "mac.txt"
    path.write_text("\nCafe\u0301 notes\n\nBeans.\n\nOther\n\nTea.\n", encoding="utf-8")
    status, out, err = run(
        capsys, str(path), "--search", "caf\u00e9", "--format", "jsonl"
    )
    assert (status, err) == (0, "")
    assert [json.loads(line)["title"] for line in out.splitlines()] == [
        "Cafe\u0301 notes"
    ]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--sample", "--page", "9" * 4300], "page 999999999999…(4,300 digits) is out"),
        (
            ["--sample", "--limit", "-" + "9" * 4300],
            "-999999999999…(4,300 digits) is less",
        ),
        (
            ["archive", "show", "a.db", "--page", "-" + "9" * 4300],
            "(4,300 digits) is less",
        ),
        (
            ["--sample", "--max-diagnostics", "-" + "9" * 4300],
            "(4,300 digits) is less than 0",
        ),
        (
            ["archive", "show", "a.db", "--timeout", "9" * 5000 + "x"],
            "'… is not a number of seconds",
        ),
    ],
    ids=["--page", "--limit", "archive show --page", "--max-diagnostics", "--timeout"],
)
def test_a_number_of_thousands_of_digits_is_shown_short(
    argv: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An option's number of 4,300 digits (the most Python reads) is named by
    its first digits and its length, not written whole in the error line."""
    monkeypatch.chdir(tmp_path)
    status, out, err = status_of(*argv)
    assert (status, out) == (2, "")
    line = err.splitlines()[-1]
    assert said in line and len(line) < 160
