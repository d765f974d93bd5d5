"""Tests written by a hand-made mutation test of the ``bloglist`` command
(``_cli.py``: show, tags, stats, check, the inputs, streaming, exit
statuses) and what its subcommands share (``_cli_common.py``: the option
checks, the query the options ask for, tables, the output's batches, the
feed options): each kills mutants that no other test told apart from the
real code, by what a user relies on.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import bloglist
from bloglist._cli import main
from bloglist._cli_common import feed_id

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

TEXT = bloglist.sample_text()
SAMPLE = bloglist.loads(TEXT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The command run in-process: its exit status, output and errors
    (argparse's exit on a usage error included)."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        assert isinstance(exit_.code, int)
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


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
        status, out, err = run(
            capsys, *command, str(path), "--since", "2025", "--until", "2024"
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: --until 2024 is not after --since 2025: no post "
            "can be dated on or after --since and before --until\n"
        )


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
        status, out, _ = run(capsys, str(path))
        assert status == 0
        header, *rows = out.splitlines()
        assert len(rows) == 101
        # DATE is "-" (no date), STICKY empty: the title starts at one column.
        column = header.index("TAGS")
        assert column == header.index("TITLE") + len(titles[99]) + 2
        for row in rows[:100]:
            assert row.index("News") == column, row
        assert rows[100].index("News") == header.index("TITLE") + len(titles[100]) + 2


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
        status, out, err = run(capsys, "--sample", option, "-1")
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument {option}: {message}"
        )

    def test_year_0000_is_out_of_range(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with pytest.raises(ValueError, match="out of range") as refused:
            bloglist.Where.year(0)
        status, out, err = run(capsys, "--sample", "--year", "0000")
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
        status, out, err = run(capsys, "--sample", "--year", year)
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
        status, out, _ = run(capsys, str(path), "--year", "0024", "--format", "jsonl")
        assert status == 0
        assert [json.loads(line)["title"] for line in out.splitlines()] == ["Old"]


class TestExcludeTagsEachOne:
    """`--exclude-tag A --exclude-tag B` drops the posts with A and those
    with B (Where.tagged_none), not only those with both."""

    def test_two_tags(self, capsys: pytest.CaptureFixture[str]) -> None:
        tags = [tag for tag, _ in SAMPLE.count_by("tag")][:2]
        expected = SAMPLE.filter(bloglist.Where.tagged_none(*tags))
        # The sample has a post with one of the two and not the other.
        assert len(expected) < len(SAMPLE.filter(~bloglist.Where.tagged_all(*tags)))
        argv = ["--exclude-tag", tags[0], "--exclude-tag", tags[1]]
        status, out, _ = run(capsys, "--sample", *argv, "--format", "jsonl")
        assert (status, out) == (0, bloglist.to_jsonl(expected))
        # The same posts when the whole listing is read first (--sort).
        status, out, _ = run(
            capsys, "--sample", *argv, "--sort", "title", "--format", "jsonl"
        )
        assert (status, out) == (0, bloglist.to_jsonl(expected.sort_by("title")))


class TestWideCharactersInTheTable:
    """Fullwidth forms (east Asian width F) take two columns, as wide ones
    (W) do, and combining marks none: the next column starts at one place
    on every row."""

    def test_the_tags_column_lines_up(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        titles = ["\uff21\uff22", "\u4e00\u4e01", "abcd", "e\u0301bcd"]  # ＡＢ, 一丁
        posts = [bloglist.Post(title=t, excerpt="x", tags=("News",)) for t in titles]
        path = tmp_path / "wide.txt"
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        status, out, _ = run(capsys, str(path))
        assert status == 0
        header, *rows = out.splitlines()
        assert [row.split()[-1] for row in rows] == ["News"] * 4
        # Every row: the title's four columns, then the padding to TAGS.
        for row, title in zip(rows, titles, strict=True):
            start = header.index("TITLE")
            assert row[start:].startswith(title)
            pad = header.index("TAGS") - start - 4
            assert row[start + len(title) :] == " " * pad + "News"


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
        status, out, _ = run(capsys, "tags", str(path), "--format", "json")
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


class TestTagsTableEscapes:
    """A tag cannot move the terminal's cursor in `bloglist tags` either:
    its control characters print as escapes, as in the posts' table."""

    def test_control_characters(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "l.txt"
        path.write_text("\nT\n\nE\nEvil\x1b[2J Tag\x07\n", encoding="utf-8")
        status, out, _ = run(capsys, "tags", str(path))
        assert status == 0
        assert out == "POSTS  TAG\n1      Evil\\x1b[2J Tag\\x07\n"


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
        status, out, err = run(capsys, "--sample", "--format", "atom", option, value)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            f"bloglist show: error: argument {option}: "
            f"{value!r} is not an absolute IRI, such as {example}"
        )


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
    shows the first posts before the error at the end of the file is
    read
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
        status, out, _ = run(capsys, "--sample", "--format", "atom", *argv)
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
        status, out, _ = run(capsys, str(a), str(b), "--format", "atom")
        assert (status, out) == (0, expected)


class TestStatsCountsInWords:
    """stats ends with the posts counted in words: "1 post", "2 posts"."""

    @pytest.mark.parametrize("count", [1, 2])
    def test_one_and_more(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, count: int
    ) -> None:
        path = tmp_path / "l.txt"
        path.write_text(bloglist.dumps(SAMPLE[:count]), encoding="utf-8")
        status, out, _ = run(capsys, "stats", str(path))
        assert status == 0
        sticky = sum(post.sticky for post in SAMPLE[:count])
        undated = sum(post.date is None for post in SAMPLE[:count])
        noun = "post" if count == 1 else "posts"
        assert out.splitlines()[-1] == (
            f"{count} {noun}: {sticky} sticky, {undated} undated"
        )
