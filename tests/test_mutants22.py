"""Behaviour a mutation run of ``_export.py``, ``_tags.py`` and ``_uuid.py``
found untested (104 mutants: 93 killed, 9 equivalent, 2 surviving every
test file): a private-use language tag whose subtag is longer than eight
characters, which ``to_atom`` must refuse as it refuses such a subtag after
a language; and the known-name automaton adding short cuts without limit,
which splits every line the same but grows by an entry for each state and
character met, where the limit keeps it at most twice its size (what keeps
``iterload``'s memory bounded over a stream of lines of ever new
characters), tested here through the splitter's automaton.

The equivalent nine change only time or memory, or a branch no input
reaches, never what is written: in ``_export.py``, a memo of written texts that keeps
one of exactly ``_MEMO_TEXT`` characters or not, or starts over after two
entries rather than 16,384; the surrogate search run on text that UTF-8
encodes (it finds none); ``unique_id`` called without the shared ``tried``
(the same variant, found by more tries); ``entry_id`` giving ``""`` told by
``is None`` rather than falsiness (``""`` is no IRI and is refused before);
the categories of an entry made again for every post rather than once per
tag list. In ``_tags.py``: a blank known name marking the root as a name's end
(the root's ``named`` entry is never read from ``ends``); the automaton
adding no short cuts; the ASCII fast path of a piece between known names
left out (the Unicode rule splits ASCII text at the same places).
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

import bloglist
from bloglist import Post

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_with_lang(lang: str) -> str:
    return bloglist.to_atom(
        [Post(title="T", excerpt="E")],
        title="Blog",
        feed_id="urn:example:blog",
        lang=lang,
    )


class TestPrivateUseSubtagLength:
    """RFC 5646, section 2.1: ``privateuse = "x" 1*("-" (1*8alphanum))``, on
    its own or after a language. A subtag of one to eight letters or digits
    is taken; one of nine is no language tag, whatever comes before the
    ``x``."""

    @pytest.mark.parametrize("prefix", ["", "en-"])
    @pytest.mark.parametrize("length", range(1, 9))
    def test_one_to_eight_characters_are_taken(self, prefix: str, length: int) -> None:
        lang = f"{prefix}x-{'a1' * 4}"[: len(prefix) + 2 + length]
        root = ET.fromstring(feed_with_lang(lang))
        assert root.get(XML_LANG) == lang

    @pytest.mark.parametrize("prefix", ["", "en-"])
    @pytest.mark.parametrize("subtag", ["abcdefghi", "123456789", "a-abcdefghi"])
    def test_nine_characters_are_refused(self, prefix: str, subtag: str) -> None:
        lang = f"{prefix}x-{subtag}"
        with pytest.raises(ValueError, match=r"lang .* is not a BCP 47 language tag"):
            feed_with_lang(lang)


class TestKnownNameShortCuts:
    def test_the_automaton_grows_to_twice_its_size_at_most(self) -> None:
        """Lines of ever new characters around a known name: the automaton
        of known names keeps at most one short cut per state, as the
        splitter promises, and splits each line as a splitter that never
        took one (a fresh one) does."""
        from bloglist._tags import TagSplitter

        rng = random.Random(5)
        names = ["GenAI", "iOS", "aA", "Data Science"]
        splitter = TagSplitter(names)
        letters = [chr(code) for code in range(0x100, 0x300)]
        lines = [
            "".join(rng.choice(letters) for _ in range(40)) + f"GenAIx{n}"
            for n in range(3000)
        ]
        for line in lines:
            splitter.split(line)
        automaton = splitter._known
        assert automaton is not None
        states = len(automaton.goto)
        # The trie's edges (one per state but the root), then a short cut
        # per state at most.
        assert sum(map(len, automaton.goto)) <= 2 * states - 1
        for line in lines[-50:]:
            assert splitter.split(line)[0] == TagSplitter(names).split(line)[0]
