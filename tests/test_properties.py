"""Invariants over generated input: no crash, nothing lost, round trips hold."""

from __future__ import annotations

import datetime

from hypothesis import assume, example, given
from hypothesis import strategies as st

import bloglist
from bloglist import Listing, Post
from invariants import (
    check_bytes,
    check_fixpoint,
    check_in_order,
    check_nothing_lost,
    check_positions,
    check_strict_agrees,
)

# Lines that matter to the grammar, mixed with arbitrary text, so that generated
# texts reach every state of the parser and not only its "text line" branch.
GRAMMAR_LINES = st.sampled_from(
    [
        "",
        " ",
        "\u00a0",
        "sticky",
        " sticky ",
        "Sticky",
        "Mar 5, 2024",
        "March 5, 2024",
        "5 March 2024",
        "2024-03-05",
        "Feb 30, 2024",
        "Mar 5",
        "May 2024",
        "Mar 5, 24",
        "Title",
        "An excerpt [\u2026]",
        "DataData ScienceDeveloper Tools",
        "DataData",
        "GenAIiOS",
        "Tues, Mar 4, 2025",
        "Mar\u202f20, 2025",
        "2025/03/25",
        "PyCon 2025",
        "Mar , 2024",
        "March\t5,  2024",
        "\x00\x1c\x85",
        # What a join of files saved with a byte order mark, and a browser's
        # copy, leave: lines that are not what they look.
        "\ufeffsticky",
        "\ufeffMar 5, 2024",
        "\ufeffData",
        "\ufeff",
        "\u200b",
        "\u200b\u2060\u200b",
        "\u200bData",
    ]
)
ANY_LINE = st.text(
    st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"]),
    max_size=30,
)
LINES = st.lists(st.one_of(GRAMMAR_LINES, ANY_LINE), max_size=40)
BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def listing_texts(draw: st.DrawFn) -> str:
    lines = draw(LINES)
    text = "".join(line + draw(BREAKS) for line in lines)
    if draw(st.booleans()) and text:
        text = text[:-1]  # no trailing newline, like the real sample
    return text


# Lone surrogates too: a str can hold them, and loads must take any str.
TEXTS = st.one_of(
    listing_texts(), st.text(), st.text(st.characters(exclude_categories=[]))
)
KNOWN = st.one_of(st.none(), st.just(["GenAI", "iOS", "Data"]))


# Header lines, alone or in pairs, with and without a problem of their own.
HEADER_SHAPES = (
    "sticky",
    "Mar 5",
    "Feb 30, 2024",
    "May 2024",
    "Mar 5, 2024",
    "sticky\nMar 5",
    "Mar 5, 2024\nsticky",
    "  Mar 5",
    "\tsticky",
)
# What may follow a run: the end, a post, a post with no blank before its
# title, a title alone, and a text line right after the last header.
RUN_ENDINGS = ("", "\nT\n\nE\n", "T\n\nE\n", "\nT\n", "  Tag line\n")


@st.composite
def header_runs(draw: st.DrawFn) -> str:
    """Runs of header lines with no post, around the length that is counted."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        length = draw(st.sampled_from([1, 50, 99, 100, 101, 102, 150]))
        shapes = draw(st.lists(st.sampled_from(HEADER_SHAPES), min_size=1, max_size=4))
        gaps = draw(st.lists(st.sampled_from(["", "\n", "\n \n"]), min_size=1))
        parts += [
            shapes[i % len(shapes)] + "\n" + gaps[i % len(gaps)] for i in range(length)
        ]
        parts.append(draw(st.sampled_from(RUN_ENDINGS)))
    return "".join(parts)


class TestNeverCrashes:
    @given(TEXTS, KNOWN)
    def test_lenient_parse_never_raises(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Any string parses in lenient mode, to posts and diagnostics that say where.

        The diagnostics come in line order, then column order.
        """
        listing = bloglist.loads(text, known_tags=tags)
        assert all(isinstance(p, Post) for p in listing)
        check_positions(text, listing)
        check_in_order(listing)

    @given(TEXTS, KNOWN)
    @example("sticky\nMar 5\n", None)
    def test_strict_parse_raises_only_parse_error(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Strict mode either succeeds with no errors or raises ParseError at the first one."""
        check_strict_agrees(text, tags, bloglist.loads(text, known_tags=tags))

    @given(st.binary(), KNOWN)
    def test_binary_input_gives_a_listing_or_a_parse_error(
        self, data: bytes, tags: list[str] | None
    ) -> None:
        """Arbitrary bytes either decode and parse, or raise ParseError saying why."""
        check_bytes(data, tags)


class TestNothingLost:
    @given(TEXTS, KNOWN)
    @example("sticky\nFeb 30, 2024\nTitle\nExcerpt\nTag\nJunk\nsticky", None)
    @example("\nT\n\nE\nTag\n" + " x\n" * 150 + "Mar 5", None)
    def test_every_non_blank_line_is_in_a_post_or_a_diagnostic(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Each non-blank line is a field of the post it falls in, or has a diagnostic."""
        check_nothing_lost(text, bloglist.loads(text, known_tags=tags))


# Posts the format can carry: one-line fields, and tags the case rule splits back.
FIELD = ANY_LINE.map(str.strip).filter(bool)
TAG = st.builds(
    lambda head, body, tail: head + body + tail,
    st.characters(categories=["Lu"]),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzàéøß "), max_size=8),
    st.characters(categories=["Ll"]),
)
POSTS = st.lists(
    st.builds(
        Post,
        title=FIELD,
        date=st.one_of(st.none(), st.dates()),
        excerpt=FIELD,
        tags=st.lists(TAG, max_size=5).map(tuple),
        sticky=st.booleans(),
    ),
    max_size=8,
)


class TestRoundTrip:
    @given(POSTS)
    def test_loads_of_dumps_is_the_identity(self, posts: list[Post]) -> None:
        """Every listing dumps accepts reads back equal, in strict mode."""
        try:
            text = bloglist.dumps(posts)
        except ValueError:
            assume(False)
        assert bloglist.loads(text, strict=True) == Listing(posts)

    @given(TEXTS, KNOWN)
    @example("\nT\n\nE\nDataData", None)
    def test_dumps_of_loads_is_a_fixpoint(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Writing what was read, then reading and writing again, changes nothing.

        The only posts a lenient parse gives that cannot be written are those
        whose excerpt was missing.
        """
        check_fixpoint(bloglist.loads(text, known_tags=tags), tags)

    @given(st.dates())
    def test_every_date_reads_back(self, date: datetime.date) -> None:
        """Every date from year 1 to 9999 is written in a form that reads back."""
        text = bloglist.dumps([Post(title="T", excerpt="E", date=date)])
        assert bloglist.loads(text, strict=True)[0].date == date
