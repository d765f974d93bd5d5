"""Behaviour a mutation run of the collector's pause and the exports found
untested (96 mutants of ``_gc.py`` and ``_export.py``: 81 killed, 1
equivalent, 14 surviving every test file): the collections a pause shared by
several threads makes as a step begins and as it ends, and after a batch of
lines that make no post; the generation it chooses, at each threshold's
edge, as Python's collector chooses it (a count *past* its threshold); the
rule of a quarter more memory before the oldest generation, noted afresh in
each pause and after each collection of it; a feed id holding ``&`` written
escaped; and the article of a type's name in a message.

The mutants made no collection as a shared step began, or as it ended;
collected nothing after a batch unless the young count was past its
threshold; collected each generation at its threshold rather than past it;
waited for a fifth more memory, or noted the memory at every middle
collection, never after a collection of the oldest generation, or once for
all pauses; wrote the feed's id unescaped; and wrote "a OSError".

The equivalent one: the collector's state read from the pause's note rather
than asked of Python, in the one function reached only inside a pause.
"""

from __future__ import annotations

import datetime
import gc
import sys
import xml.etree.ElementTree as ET

import pytest

import bloglist
import bloglist._gc
from bloglist._gc import paused_collector
from test_collector import _cycles, _paused_collections, _paused_in_another_thread

pytestmark = pytest.mark.usefixtures("collector_restored")

ATOM = "{http://www.w3.org/2005/Atom}"


class TestSharedPauseEnterAndExit:
    def test_a_step_that_begins_in_a_shared_pause_collects_at_once(self) -> None:
        """The collection a shared pause owes is made as a step begins, not
        only as it ends: garbage past the first threshold is gone inside the
        step already."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            garbage = _cycles(gc.get_threshold()[0] + 1)
            with paused_collector:
                assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_a_step_that_ends_in_a_shared_pause_collects(self) -> None:
        """And as it ends, while the other thread's step goes on: garbage
        made during the step is collected when the step ends."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            with paused_collector:
                garbage = _cycles(gc.get_threshold()[0] + 1)
            assert not gc.isenabled()
            assert [ref() for ref in garbage] == [None] * len(garbage)

    def test_lines_that_make_no_post_collect_in_a_shared_pause(self) -> None:
        """A parse of blank lines makes few objects, yet with another thread
        in the pause it still collects the young generation every 65,536
        lines (_collect_due(young=True)), as it does alone."""
        gc.enable()
        with _paused_in_another_thread():
            gc.collect()
            with _paused_collections() as collected:
                bloglist.loads("\n" * 300_000)
        assert collected.count(0) >= 4


class _FakeCollector:
    """Counts, thresholds and memory a test sets; the collections asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts = (0, 0, 0)
        self.blocks = 1000
        self.collected: list[int] = []
        monkeypatch.setattr(gc, "get_count", lambda: self.counts)
        monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
        monkeypatch.setattr(gc, "collect", self.collected.append)
        monkeypatch.setattr(sys, "getallocatedblocks", lambda: self.blocks)
        monkeypatch.setattr(bloglist._gc._PausedCollector, "_heap", None)
        monkeypatch.setattr(bloglist._gc._PausedCollector, "_owed", False)
        gc.enable()

    def due(self, *, young: bool = False) -> list[int]:
        del self.collected[:]
        bloglist._gc._collect_due(young=young)
        return list(self.collected)


class TestCollectDue:
    """The generation _collect_due chooses, as Python's collector would
    (3.11 gcmodule.c: a count must be *past* its threshold)."""

    def test_nothing_until_the_young_count_is_past_the_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (700, 0, 0)
        assert fake.due() == []
        fake.counts = (701, 0, 0)
        assert fake.due() == [0]

    def test_young_collects_the_young_generation_whatever_its_count(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (0, 0, 0)
        assert fake.due(young=True) == [0]

    def test_the_middle_generation_once_its_count_is_past_its_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 10, 0)
        assert fake.due() == [0]
        fake.counts = (701, 11, 0)
        assert fake.due() == [1]

    def test_the_oldest_generation_is_not_due_at_its_threshold(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 10)
        assert fake.due() == [1]
        assert bloglist._gc._PausedCollector._heap is None
        fake.blocks = 10_000
        assert fake.due() == [1]

    def test_the_oldest_generation_waits_for_a_quarter_more_memory(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 11)
        assert fake.due() == [1]  # first found due: the memory is noted
        fake.blocks = 1250
        assert fake.due() == [1]  # a quarter more, not past it
        fake.blocks = 1251
        assert fake.due() == [2]
        # Collected: the memory is noted again, and the next one waits.
        assert fake.due() == [1]
        fake.blocks = 1251 + 1251 // 4 + 1
        assert fake.due() == [2]

    def test_each_pause_notes_the_memory_afresh(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake = _FakeCollector(monkeypatch)
        fake.counts = (701, 11, 11)
        with _paused_in_another_thread():
            assert fake.due() == [1]  # the memory of this pause: 1000
        fake.blocks = 5000  # grown between the pauses
        with _paused_in_another_thread():
            assert fake.due() == [1]  # first found due in this pause
            assert fake.due() == [1]
            fake.blocks = 6251
            assert fake.due() == [2]


def test_a_feed_id_with_an_ampersand_is_escaped() -> None:
    """An absolute IRI may hold '&' (a query string): the feed's <id> must
    escape it, or the feed is not well-formed XML."""
    feed_id = "https://example.com/feed?blog=1&lang=en"
    post = bloglist.Post(title="T", date=datetime.date(2025, 3, 5))
    text = bloglist.to_atom([post], title="Blog", feed_id=feed_id)
    assert "<id>https://example.com/feed?blog=1&amp;lang=en</id>" in text
    found = ET.fromstring(text.encode("utf-8")).find(f"{ATOM}id")
    assert found is not None and found.text == feed_id


def test_the_article_before_a_type_that_starts_with_a_capital_vowel() -> None:
    """'an OSError', not 'a OSError': the article is chosen case-blind."""

    post = bloglist.Post(title="T")
    with pytest.raises(
        bloglist.WriteError, match=r"is an OSError, not a timezone-aware"
    ):
        bloglist.to_atom(
            [post],
            title="Blog",
            feed_id="urn:x:y",
            entry_updated=lambda p: OSError(),  # type: ignore[arg-type,return-value]
        )
