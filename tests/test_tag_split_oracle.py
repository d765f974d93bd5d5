"""TagSplitter.split for a line not cached, against plain oracles: the end of
text a line is noted with, and when a byte-bound cache counts a line's bytes
(most lines make no new case fold, and are counted with none)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bloglist import _tags
from bloglist._dates import holds_date
from bloglist._post import TEXT_ENDS
from bloglist._tags import Split, TagSplitter, join_tags, names_to_know, tag_line_cost

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


# names_to_know: the names a parse must know to read lists of tags back -----

# Names of a blog: some the case rule reads (Data, Rust), some it splits
# (GenAI, iOS, eBay), some it glues to the name after them (AI, Big), some
# to the name before (data), and one that a known Testing splits otherwise
# (ABTesting). None is other names glued together.
VOCABULARY = (
    "GenAI",
    "Testing",
    "iOS",
    "AI",
    "Tools",
    "Data",
    "Data Science",
    "data",
    "Big",
    "ABTesting",
    "eBay",
    "Rust",
    "Café",
    "ÉTÉ",
)
tag_lists = st.lists(
    st.lists(st.sampled_from(VOCABULARY), max_size=4).map(tuple), max_size=8
)


def _case_rule(tags: tuple[str, ...]) -> tuple[str, ...]:
    return TagSplitter(None).split(join_tags(tags))[0]


@given(tag_lists)
def test_the_names_read_every_list_back(lists: list[tuple[str, ...]]) -> None:
    """With the names, each list reads back from its line, but lists of one
    line split two ways (GenAI, Testing and Gen, AITesting; the vocabulary
    has no such pair but equal lists); the names are the lists' own, and
    none where the case rule reads every list back."""
    names = names_to_know(lists)
    assert names == sorted(set(names))
    assert set(names) <= {name for tags in lists for name in tags}
    split = TagSplitter(names or None).split
    for tags in lists:
        if tags:
            assert split(join_tags(tags))[0] == tags
    if all(_case_rule(tags) == tags for tags in lists if tags):
        assert names == []


def test_the_names_a_list_needs_are_all_its_names() -> None:
    """GenAITesting splits as Gen, AITesting by the case rule: both names of
    the list are given, and a list the case rule reads gives none."""
    assert names_to_know(
        [("GenAI", "Testing"), ("Rust",), ("Data", "Data Science")]
    ) == [
        "GenAI",
        "Testing",
    ]
    assert names_to_know([("AI", "Tools")]) == ["AI", "Tools"]
    assert names_to_know([("Big", "data")]) == ["Big", "data"]
    assert names_to_know([]) == names_to_know([()]) == []


def test_a_list_that_other_names_split_adds_its_own() -> None:
    """Testing, known for GenAITesting, would split ABTesting as AB, Testing:
    a second round knows ABTesting too, which reads it back whole."""
    names = names_to_know([("GenAI", "Testing"), ("ABTesting",)])
    assert names == ["ABTesting", "GenAI", "Testing"]
    assert TagSplitter(names).split("ABTesting")[0] == ("ABTesting",)


@pytest.mark.parametrize(
    "odd", [("Line\nbreak",), (" Padded",), ("Padded ",), ("\u2028",)]
)
def test_a_list_no_tag_line_carries_is_left_out(odd: tuple[str, ...]) -> None:
    """A name with a line break, or blank at an end of the line: no tag
    line is that list, so it needs no names (and the others still do)."""
    assert names_to_know([odd]) == []
    assert names_to_know([odd, ("iOS",)]) == ["iOS"]


def test_two_lists_of_one_line_cannot_both_read_back() -> None:
    """GenAI, Testing and Gen, AITesting glue into one line: all four names
    are given, the longest wins where two start, and the second list does
    not read back, whatever names are known."""
    lists = [("GenAI", "Testing"), ("Gen", "AITesting")]
    names = names_to_know(lists)
    assert names == ["AITesting", "Gen", "GenAI", "Testing"]
    assert TagSplitter(names).split("GenAITesting")[0] == ("GenAI", "Testing")


def test_the_rounds_stop_at_their_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """One round only: the names of the lists the case rule splits, not
    those of a list the names split otherwise."""
    monkeypatch.setattr(_tags, "KNOWING_ROUNDS", 1)
    assert names_to_know([("GenAI", "Testing"), ("ABTesting",)]) == ["GenAI", "Testing"]
