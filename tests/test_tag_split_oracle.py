"""TagSplitter.split for a line not cached, against plain oracles: the end of
text a line is noted with, and when a byte-bound cache counts a line's bytes
(most lines make no new case fold, and are counted with none). And the memory
such a cache takes, measured against its bound."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bloglist._dates import holds_date
from bloglist._post import TEXT_ENDS
from bloglist._tags import Split, TagSplitter, names_to_know, tag_line_cost
from memory import held_between_steps

# ASCII and not, one tag and many, tags met before and new ones, repeats by
# case fold ("DataDATA"), spaces, a date, the ends of text and near misses.
LINES = (
    "aBcD",
    "aBcE",
    "Python",
    "DataDATA",
    "Data ScienceDeveloper Tools",
    "bBcD",
    "CaféÉté",
    "Café",
    "ÉtéHiverÉTÉ",
    "NewsMar 5, 2025",
    "Read more »",
    "Continue →",
    "Notes...",
    "Notes..",
    "Notes.",
    "Node.js",
    "ÀB[…]",
    "x",
    "ǅemalDZ",
    "ΐΐΐ",
    "aBcDΐ",
    "zZzZ",
)

END_SETS = (
    (),
    TEXT_ENDS,
    ("",),
    ("", "..."),
    ("...", ""),
    (".", "..."),
    ("s.", "."),
    ("..", "..."),
)


def _first_end(line: str, ends: tuple[str, ...]) -> str:
    """The first of *ends* that *line* ends with, or ""."""
    for end in ends:
        if line.endswith(end):
            return end
    return ""


@pytest.mark.parametrize("ends", END_SETS)
def test_the_end_of_text_is_the_first_end_the_line_has(ends: tuple[str, ...]) -> None:
    """A line's text end is the first of *text_ends* it ends with, whatever
    the ends (an empty one is met by any line, and noted as none), and the
    rest of its notes are those of a splitter with no ends."""
    splitter = TagSplitter(dated=holds_date, text_ends=ends)
    plain = TagSplitter(dated=holds_date)
    for line in LINES:
        tags, notes = splitter.split(line)
        plain_tags, plain_notes = plain.split(line)
        assert tags == plain_tags, line
        end = _first_end(line, ends)
        assert (notes.text_end if notes else "") == end, line
        repeated, dated = plain_notes[:2] if plain_notes else ((), False)
        if notes is None:
            assert plain_notes is None, line
        else:
            assert (notes.repeated, notes.dated) == (repeated, dated), line


def _modelled(lines: list[str], budget: int) -> Iterator[tuple[set[str], Split]]:
    """The lines a splitter with *budget* bytes holds after each line, and
    what it splits the line into, as tag_line_cost counts them: each line not
    cached costs tag_line_cost of its tags with the case folds made for it (a
    line of two tags or more folds each, once until the cache starts over)."""
    room = budget
    folded: dict[str, str] = {}
    names: dict[str, str] = {}
    cache: dict[str, Split] = {}
    for line in lines:
        if line not in cache:
            pieces, notes = TagSplitter().split(line)
            tags = tuple(names.setdefault(piece, piece) for piece in pieces)
            made = [
                folded.setdefault(tag, tag.casefold())
                for tag in dict.fromkeys(tags)
                if len(tags) > 1 and tag not in folded
            ]
            room -= tag_line_cost(line, tags, len(made), made)
            if room < 0:
                cache.clear()
                folded.clear()
                names.clear()  # the line's tags are not met again: counted anew
                room = budget - tag_line_cost(line, tags, len(tags))
            cache[line] = (tags, notes)
        yield set(cache), cache[line]


def test_a_byte_bound_cache_starts_over_where_tag_line_cost_says() -> None:
    """Under every bound from a line's cost to a few lines', the cache starts
    over after the very line that a count by tag_line_cost says, and a tag
    is the string met first since it did. What it holds the splitter to is
    when and for what it counts (the case folds made for a line, a line met
    again counted once): the splitter counting a line one byte off its
    tag_line_cost would move a start over for some bound. Whether
    tag_line_cost's own sum bounds the memory is for the measure of the
    cache below (test_the_tag_cache_keeps_to_its_bytes)."""
    lines = [*LINES, *LINES[::-1], *LINES]
    for budget in range(300, 4000, 3):
        splitter = TagSplitter(cache_bytes=budget)
        for line, (held, expected) in zip(lines, _modelled(lines, budget), strict=True):
            got = splitter.split(line)
            assert set(splitter.cached) == held, (budget, line)
            assert got == expected, (budget, line)


def test_tags_met_again_are_the_strings_met_first() -> None:
    """A tag met in an earlier line, alone or with others, is the string met
    then: one string per tag."""
    splitter = TagSplitter(cache_bytes=1 << 20)
    first: dict[str, str] = {}
    for line in [*LINES, *(line + "Zed" for line in LINES)]:
        tags, _ = splitter.split(line)
        for tag in tags:
            assert first.setdefault(tag, tag) is tag, (line, tag)


# The memory of a stream's tag cache, bounded in bytes -----------------------

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

    assert held_between_steps(feed) <= BUDGET


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


def test_the_tags_of_the_line_that_fills_the_cache_are_shared_after_it() -> None:
    """A stream's tag cache that starts over keeps the tags of the line that
    filled it, so that later lines with the same tag hold the same string
    (memory for each distinct tag once), as they do when the cache has room."""
    splitter = TagSplitter(cache_bytes=2000)
    long_line = "Zed" + "e" * 300 + "Data Science"
    filled = splitter.split(long_line)[0]
    assert len(splitter.cached) == 1  # the long line filled it: it started over
    later = splitter.split("Data ScienceAi")[0]
    assert filled[1] == later[0] == "Data Science"
    assert filled[1] is later[0]


# names_to_know: the names of tag lists that only a known name yields -----

# Names of a blog: some the case rule reads (Data, Rust), some it splits
# (GenAI, iOS, eBay, DevOps), some it glues to the name after them (AI,
# AIDev) or before (data).
VOCABULARY = (
    "GenAI",
    "Testing",
    "iOS",
    "AI",
    "AIDev",
    "Tools",
    "DevOps",
    "Data",
    "Data Science",
    "data",
    "eBay",
    "Rust",
    "Café",
    "ÉTÉ",
)
lines_and_names = st.tuples(
    st.lists(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4).map("".join),
        max_size=8,
    ),
    st.lists(st.sampled_from(VOCABULARY), max_size=4).map(sorted),
)


def _read(lines: list[str], names: list[str]) -> list[tuple[str, ...]]:
    split = TagSplitter(names or None).split
    return [split(line)[0] for line in lines]


@given(lines_and_names)
def test_the_names_are_some_of_the_names_the_lists_were_read_with(
    lines_and_names: tuple[list[str], list[str]],
) -> None:
    """Lists read with any names: the names found are among them, so reading
    again with the names given changes nothing; and reading again with the
    names found alone (the names given forgotten) finds no others, so adds
    without the names never go back and forth."""
    lines, given_names = lines_and_names
    lists = _read(lines, given_names)
    found = names_to_know(lists)
    assert set(found) <= set(given_names)
    assert _read(lines, sorted({*found, *given_names})) == lists
    assert set(names_to_know(_read(lines, found))) <= set(found)


def test_the_names_are_those_the_case_rule_splits() -> None:
    """GenAI, iOS and DevOps split by the case rule; AI, AIDev and Data
    Science do not, whatever lists they are in; sorted, each once."""
    lists = [
        ("GenAI", "Testing"),
        ("AI", "DevOps"),
        ("AIDev", "Tools"),
        ("Data", "Data Science"),
        ("iOS",),
        ("GenAI",),
        (),
    ]
    assert names_to_know(lists) == ["DevOps", "GenAI", "iOS"]
    assert names_to_know([]) == []
    # A name of letters the regex module splits (titlecase after lowercase).
    assert names_to_know([("aǅ",), ("Café",)]) == ["aǅ"]
