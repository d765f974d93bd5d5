"""Tests written by a hand-made mutation test of the writers (``_export.py``,
``_write.py``): each kills a mutant that no test told apart from the real
code, by what a caller of the exports relies on.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

import bloglist
from bloglist import Post, WriteError

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(**options: object) -> ET.Element:
    text = bloglist.to_atom(
        [Post(title="T", excerpt="E")],
        title="Blog",
        feed_id="urn:example:blog",
        **options,  # type: ignore[arg-type]
    )
    return ET.fromstring(text)


class TestTheFormulaGuard:
    """A cell that starts with any control character, DEL included, gains the
    guard's quote (docs/export.md, "Formula injection"), and the guard is
    undone exactly by the reading rule: drop one quote from a guarded cell."""

    @pytest.mark.parametrize("first", ["\x00", "\x1f", "\x7f"])
    @pytest.mark.parametrize("quotes", ["", "'", "''"])
    def test_a_cell_that_starts_with_a_control_character_is_guarded(
        self, first: str, quotes: str
    ) -> None:
        title = f"{quotes}{first}x"
        rows = list(csv.reader(io.StringIO(bloglist.to_csv([Post(title=title)]))))
        cell = rows[1][0]
        assert cell == f"'{title}"
        # The reading rule docs/export.md gives, applied by hand.
        assert cell[1:] == title

    def test_a_delete_inside_the_text_is_not_guarded(self) -> None:
        rows = list(csv.reader(io.StringIO(bloglist.to_csv([Post(title="x\x7f")]))))
        assert rows[1][0] == "x\x7f"


class TestIriCharacters:
    """Each character docs/export.md names as one an IRI may not hold
    (``<>"{}|\\^`` and the backtick) is refused wherever the feed takes an IRI."""

    @pytest.mark.parametrize("char", list('<>"{}|\\^`'))
    def test_feed_id_link_and_self_link_refuse_it(self, char: str) -> None:
        iri = f"https://example.com/a{char}b"
        for option in ("feed_id", "link", "self_link"):
            with pytest.raises(ValueError, match=option):
                bloglist.to_atom(
                    [],
                    title="Blog",
                    **{"feed_id": "urn:example:blog", option: iri},  # type: ignore[arg-type]
                )

    @pytest.mark.parametrize("char", list('<>"{}|\\^`'))
    def test_entry_link_and_entry_id_refuse_it(self, char: str) -> None:
        iri = f"https://example.com/a{char}b"
        for option in ("entry_link", "entry_id"):
            with pytest.raises(WriteError, match=r"posts\[0\]"):
                bloglist.to_atom(
                    [Post(title="T", excerpt="E")],
                    title="Blog",
                    feed_id="urn:example:blog",
                    **{option: lambda _post: iri},  # type: ignore[arg-type]
                )

    def test_the_same_iri_without_it_is_written(self) -> None:
        root = feed(link="https://example.com/ab")
        assert root.find(f"{ATOM}link").get("href") == "https://example.com/ab"  # type: ignore[union-attr]


class TestLanguageSubtagLength:
    """A language subtag is two to eight letters (RFC 5646, section 2.1)."""

    @pytest.mark.parametrize("lang", ["ab", "abc", "abcd", "abcdefgh", "abcdefgh-US"])
    def test_two_to_eight_letters_are_taken(self, lang: str) -> None:
        assert feed(lang=lang).get("{http://www.w3.org/XML/1998/namespace}lang") == lang

    @pytest.mark.parametrize("lang", ["a", "abcdefghi", "abcdefghi-US"])
    def test_one_or_nine_letters_are_refused(self, lang: str) -> None:
        with pytest.raises(ValueError, match="lang"):
            feed(lang=lang)


class TestGivenTextIsWrittenAsGiven:
    """``None`` is what leaves an option out (or, for ``author``, takes the
    feed's title); any str, the empty one included, is written as given."""

    def test_an_empty_subtitle_is_an_empty_element(self) -> None:
        assert feed(subtitle="").find(f"{ATOM}subtitle").text is None  # type: ignore[union-attr]
        assert feed().find(f"{ATOM}subtitle") is None

    def test_an_empty_author_is_written_not_replaced_by_the_title(self) -> None:
        name = f"{ATOM}author/{ATOM}name"
        assert feed(author="").find(name).text is None  # type: ignore[union-attr]
        assert feed().find(name).text == "Blog"  # type: ignore[union-attr]


class TestATagWithACarriageReturn:
    """A tag that holds a carriage return is a line break to the listing
    writer, as one with a line feed is: the message says which."""

    @pytest.mark.parametrize("tag", ["\r", "A\rB", "\n", "A\nB"])
    def test_it_is_reported_as_a_line_break(self, tag: str) -> None:
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([Post(title="T", excerpt="x", tags=("A", tag))])
        assert str(caught.value) == "posts[0] ('T'): tag line holds a line break"
