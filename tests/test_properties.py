"""Invariants over generated input: no crash, nothing lost, round trips hold."""

from __future__ import annotations

import datetime

from hypothesis import assume, example, given
from hypothesis import strategies as st

import bloglist
from bloglist import Listing, ParseError, Post
from bloglist._dates import read_date
from bloglist._lines import split_lines
from bloglist._tags import join_tags

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
        "GenAIiOS",
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


TEXTS = st.one_of(listing_texts(), st.text())
KNOWN = st.one_of(st.none(), st.just(["GenAI", "iOS", "Data"]))


class TestNeverCrashes:
    @given(TEXTS, KNOWN)
    def test_lenient_parse_never_raises(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Any string parses in lenient mode, to posts and diagnostics."""
        listing = bloglist.loads(text, tags=tags)
        assert all(isinstance(p, Post) for p in listing)

    @given(TEXTS, KNOWN)
    def test_strict_parse_raises_only_parse_error(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Strict mode either succeeds with no errors or raises ParseError at the first one."""
        lenient = bloglist.loads(text, tags=tags)
        errors = [d for d in lenient.diagnostics if d.severity == "error"]
        try:
            strict = bloglist.loads(text, strict=True, tags=tags)
        except ParseError as err:
            assert errors, "strict mode raised where lenient mode saw no error"
            assert (err.code, err.lineno, err.colno) == (
                errors[0].code,
                errors[0].lineno,
                errors[0].colno,
            )
        else:
            assert not errors
            assert strict == lenient

    @given(st.binary())
    def test_binary_input_gives_a_listing_or_a_parse_error(self, data: bytes) -> None:
        """Arbitrary bytes either decode and parse, or raise ParseError."""
        import io

        try:
            bloglist.load(io.BytesIO(data))
        except ParseError as err:
            assert err.code == "invalid-utf8"


def _accounts_for(line: str, post: Post) -> bool:
    stripped = line.strip()
    if stripped in (post.title, post.excerpt, join_tags(post.tags)):
        return True
    if stripped == "sticky":
        return post.sticky
    found = read_date(stripped)
    return found is not None and found.date == post.date


class TestNothingLost:
    @given(TEXTS, KNOWN)
    @example("sticky\nFeb 30, 2024\nTitle\nExcerpt\nTag\nJunk\nsticky", None)
    def test_every_non_blank_line_is_in_a_post_or_a_diagnostic(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Each non-blank line is a field of the post it falls in, or has a diagnostic."""
        listing = bloglist.loads(text, tags=tags)
        reported = {d.lineno for d in listing.diagnostics}
        starts = [p.lineno or 0 for p in listing]
        assert starts == sorted(starts)
        for lineno, line in enumerate(split_lines(text), 1):
            if not line.strip() or lineno in reported:
                continue
            owners = [p for p in listing if p.lineno is not None and p.lineno <= lineno]
            assert owners, f"line {lineno} {line!r} is before every post, unreported"
            assert _accounts_for(line, owners[-1]), f"line {lineno} {line!r} was lost"


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
    def test_dumps_of_loads_is_a_fixpoint(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Writing what was read, then reading and writing again, changes nothing.

        The only posts a lenient parse gives that cannot be written are those
        whose excerpt was missing.
        """
        listing = bloglist.loads(text, tags=tags)
        if any(not post.excerpt for post in listing):
            return
        once = bloglist.dumps(listing, tags=tags)
        again = bloglist.loads(once, tags=tags)
        assert again == listing
        assert again.diagnostics == ()
        assert bloglist.dumps(again, tags=tags) == once

    @given(st.dates())
    def test_every_date_reads_back(self, date: datetime.date) -> None:
        """Every date from year 1 to 9999 is written in a form that reads back."""
        text = bloglist.dumps([Post(title="T", excerpt="E", date=date)])
        assert bloglist.loads(text, strict=True)[0].date == date
