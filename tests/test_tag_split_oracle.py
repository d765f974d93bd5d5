"""TagSplitter.split for a line not cached, against plain oracles: the end of
text a line is noted with, and when a byte-bound cache counts a line's bytes
(most lines make no new case fold, and are counted with none)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bloglist._dates import holds_date
from bloglist._post import TEXT_ENDS
from bloglist._tags import Split, TagSplitter, names_to_know, tag_line_cost

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
    tag_line_cost's own sum bounds the memory is for
    tests/test_mutants3.py's measure of the cache."""
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
