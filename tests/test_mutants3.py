"""Tests written by a hand-made mutation test of the changes of one day: each
kills mutants of the code that no other test told apart from it, by what a
user relies on (memory bounds, what the warnings say)."""

from __future__ import annotations

import datetime
import mmap
import tracemalloc
from collections.abc import Callable, Iterator

import pytest

from bloglist import Post, WriteError, stitch, to_csv, write_csv
from bloglist._dates import holds_date
from bloglist._lines import STREAM_CACHE_BYTES, STREAM_CACHE_SIZE, read_tested_header
from bloglist._parse import Reporter, header_cost, parse_lines
from bloglist._tags import TagSplitter, tag_line_cost

BUDGET = 1 << 20  # the bytes the caches under test may take
ASTRAL_UP = "".join(chr(0x1D400 + i) for i in range(26))  # MATHEMATICAL BOLD A..Z
ASTRAL_LOW = "".join(chr(0x1D41A + i) for i in range(26))  # and a..z


def _name(i: int, width: int = 3) -> str:
    """*i* as *width* small ASCII letters: a distinct name for each *i*."""
    letters = []
    for _ in range(width):
        i, r = divmod(i, 26)
        letters.append(chr(97 + r))
    return "".join(letters)


# Tag lines of the shapes that take the most memory for the bytes the cache
# counts, each distinct: by the line (long tags, ASCII or not), by the case
# folds (a tag longer once folded), by the tags (many old ones), by the entry
# (short lines of old tags), by the tag met first (many new ones).
TAG_LINES: dict[str, Callable[[int], str]] = {
    "ascii-long-tags": lambda i: f"A{_name(i)}{'b' * 20000}C{_name(i)}{'d' * 20000}",
    "astral-long-tags": lambda i: (
        ASTRAL_UP[i % 26]
        + ASTRAL_LOW[i // 26 % 26] * 5000
        + ASTRAL_UP[i % 13]
        + ASTRAL_LOW[0] * 5000
    ),
    # U+0390 folds to three characters.
    "long-folds": lambda i: (
        "\U0001d400" + "\u0390" * 3000 + _name(i) + "Bb\u0390" * 1000
    ),
    "pairs-of-old-tags": lambda i: f"T{_name(i % 100, 2)}V{_name(i // 100, 2)}",
    # And with warnings cached with them: a repeated tag, and a date.
    "old-tags-repeated": lambda i: (
        f"T{_name(i % 100, 2)}V{_name(i // 100, 2)}T{_name(i % 100, 2)}"
    ),
    "dated-old-tags": lambda i: f"1/1/2025T{_name(i % 100, 2)}V{_name(i // 100, 2)}",
    "many-old-tags": lambda i: "".join(
        f"T{_name((i * 7 + k * k) % 400, 2)}" for k in range(150)
    ),
    # Each about a third of the budget: the cache holds a few at most.
    "huge-lines": lambda i: f"A{_name(i)}{'b' * 55000}C{_name(i)}{'d' * 55000}",
    "many-new-tags": lambda i: "".join(f"N{_name(i * 700 + k, 4)}" for k in range(700)),
}


def _held_at_most(feed: Callable[[], Iterator[None]]) -> int:
    """The most memory that stays allocated between the steps of *feed*."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        worst = 0
        for _ in feed():
            worst = max(worst, tracemalloc.get_traced_memory()[0] - base)
    finally:
        tracemalloc.stop()
    return worst


@pytest.mark.big
@pytest.mark.parametrize("shape", sorted(TAG_LINES))
def test_the_tag_cache_keeps_to_its_bytes(shape: str) -> None:
    """A stream's tag cache takes no more memory than its bound in bytes,
    whatever the lines: iterload's memory is bounded by it. Long ASCII tags
    took about 1.4 times the bound, since the case folds of a line's tags
    were not counted."""
    make = TAG_LINES[shape]
    # As a stream's: warned of dates too.
    TagSplitter(cache_bytes=BUDGET, dated=holds_date).split(make(0))  # compiles
    splitter = TagSplitter(cache_bytes=BUDGET, dated=holds_date)

    def feed() -> Iterator[None]:
        # Lines enough to fill the cache three times over, at least.
        counted = i = 0
        while counted < 3 * BUDGET:
            line = make(i)
            counted += 8 * len(line) + 400
            splitter.split(line)
            del line  # held by the cache alone
            i += 1
            yield None

    assert _held_at_most(feed) <= BUDGET


def test_a_full_tag_cache_starts_over_and_splits_as_before() -> None:
    """A stream's tag cache that fills up forgets what it held and goes on
    splitting each line as a fresh splitter does (a bound of a few lines
    here, so that the cache starts over many times in 300 lines; the test
    above checks the memory at the real bound)."""
    small = TagSplitter(cache_bytes=4096)
    for i in range(300):
        name = _name(i, 4).title()
        line = f"News{name}Data" + ("News" if i % 10 == 0 else f"Z{_name(i // 3)}")
        assert small.split(line) == TagSplitter().split(line), line


def test_a_full_header_cache_starts_over_and_reads_as_before() -> None:
    """A stream's cache of header lines that fills its bytes forgets what it
    held and goes on reading each line as a fresh parse does: the same posts
    and diagnostics, in the same order (a bound of a few lines here, so that
    the cache starts over many times in 300 posts, dates with and without a
    problem; the test above checks the memory at the real bound). So does
    one that holds three lines, then starts over."""
    text: list[str] = []
    for i in range(300):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(i % 40)
        header = (
            f"{day:%b} {day.day}" if i % 7 == 0 else f"{day:%b} {day.day}, {day.year}"
        )
        text += [header, "", f"Post {i}", "", "Words."]
    whole = list(parse_lines(text, TagSplitter(), Reporter(strict=False, limit=None)))
    small = list(
        parse_lines(
            text, TagSplitter(), Reporter(strict=False, limit=None), cache_bytes=2000
        )
    )
    few = list(
        parse_lines(
            text, TagSplitter(), Reporter(strict=False, limit=None), cache_size=3
        )
    )
    assert small == few == whole
    assert [item.lineno for item in small] == [item.lineno for item in whole]
    assert [item.lineno for item in few] == [item.lineno for item in whole]
    assert sum(isinstance(item, Post) for item in whole) == 300


def test_a_tag_met_again_is_the_string_met_first() -> None:
    """Equal tags of different lines are one string, so a stream of lines
    that repeat a few tags in ever new combinations holds each tag once."""
    splitter = TagSplitter(cache_bytes=BUDGET)
    (news, first), _ = splitter.split("NewsReleases")
    (second, again), _ = splitter.split("ReleasesNews")
    assert news is again and first is second


def test_real_lines_fill_a_streams_caches_by_their_count_first() -> None:
    """A real listing's date and tag lines are short: 32,768 of them fit in
    the bytes a stream's caches may take, so its caches forget them only
    when their count is reached, as the comment on STREAM_CACHE_BYTES says."""
    for line in ("Mar 5, 2024", "5 March 2024", "2024-03-05", "September 30, 2024"):
        header = read_tested_header(line)
        assert header is not None and header.date is not None
        assert header_cost(line, header) * STREAM_CACHE_SIZE <= STREAM_CACHE_BYTES
    line = "Product News Releases"
    assert tag_line_cost(line, tuple(line.split()), 0) * STREAM_CACHE_SIZE <= (
        STREAM_CACHE_BYTES
    )


# Header lines, each distinct: long by spaces, short and
# dated, and problems (whose message the cache keeps).
HEADER_LINES: dict[str, Callable[[int], str]] = {
    "long-dates": lambda i: f"Mar 5,{' ' * (2000 + i)}2024",
    "short-dates": lambda i: (
        f"{('Jan', 'Feb', 'Mar')[i % 3]} {i // 3 % 28 + 1}, {1000 + i // 84}"
    ),
    "problems": lambda i: f"Mar 5, {i:09d}",
    # Each about a third of the budget, as the huge tag lines.
    "huge-dates": lambda i: f"Mar 5,{' ' * (340000 + i)}2024",
}


@pytest.mark.big
@pytest.mark.parametrize("shape", sorted(HEADER_LINES))
def test_the_header_cache_keeps_to_its_bytes(shape: str) -> None:
    """A stream's header cache takes no more memory than its bound in bytes,
    whatever the header lines."""
    make = HEADER_LINES[shape]

    def lines() -> Iterator[str]:
        for i in range(20 if shape.startswith("huge") else 6000):
            yield from (make(i), "", "T", "", "E")

    def feed() -> Iterator[None]:
        # Every diagnostic made, so that each problem's message is written.
        report = Reporter(strict=False, limit=None)
        for item in parse_lines(lines(), TagSplitter(), report, cache_bytes=BUDGET):
            del item
            yield None

    list(parse_lines(lines(), TagSplitter(), Reporter(strict=False, limit=0)))
    assert _held_at_most(feed) <= BUDGET


def _post(title: str, day: int) -> Post:
    return Post(title=title, date=datetime.date(2024, 1, day))


def test_page_overlap_skips_an_empty_page_to_find_the_one_just_before() -> None:
    """After an empty page, the page just before is the last that had posts."""
    page1 = [_post("A", 20), _post("X", 19), _post("B", 18)]
    page3 = [_post("E", 15), _post("X", 19), _post("F", 14)]
    found = stitch([page1, [], page3])
    assert [d.code for d in found.diagnostics] == ["page-gap", "page-overlap"]
    assert found.diagnostics[1].message == (
        "page 3: post 'X' was on page 1, the last page before this one with "
        "posts that are not sticky, but not among the posts that end it and "
        "start this one; left out here"
    )


def test_a_text_export_refuses_an_mmap_as_a_binary_file() -> None:
    """An mmap takes bytes: write_csv says to open a text file, rather than
    fail inside with the mmap's own 'a bytes-like object is required'."""
    refused = r"write_csv\(\) writes text, not bytes"
    with mmap.mmap(-1, 4096) as mapped, pytest.raises(TypeError, match=refused):
        write_csv([Post(title="T", excerpt="E")], mapped)  # type: ignore[arg-type]


def test_the_u_fffd_advice_is_given_only_when_the_separator_holds_it() -> None:
    """A tag with a lone surrogate that holds the tag separator itself gets
    the plain advice: the U+FFFD one is for a separator that holds U+FFFD."""
    post = Post(title="T", excerpt="E", tags=["a,b\ud800", "c"])
    with pytest.raises(WriteError) as plain:
        to_csv([post], tag_separator=",")
    assert "choose a tag separator that no tag holds (" in str(plain.value)
    assert "U+FFFD" not in str(plain.value)
    with pytest.raises(WriteError) as replaced:
        to_csv([post], tag_separator="\ufffd")
    assert "written as U+FFFD, which the tag separator holds" in str(replaced.value)
