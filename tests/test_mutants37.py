"""Behaviour a mutation run of the tag splitter found untested (69 mutants of
``_tags.py``, ``_uuid.py``, ``_hints.py`` and ``_sample.py``: 56 killed by
the suite without its big tests, 8 equivalent, 5 surviving): the repeated
tag a warning names, the first repeat of it; a tag line that holds a date and
ends like text, warned of both; and the tags of the line that fills a
stream's tag cache, shared with the lines after it.

The mutants named the last repeat (``Data SCIENCE`` for ``Data science``),
dropped the date warning of a line that ends like text, and forgot the tags
of the line that filled the cache as they started over, so that each later
line of the same tag held a string of its own. Three more survived the suite
without its big tests: two that cut a short cut of the known-name search
(``test_tags.py`` now finds names whose ends overlap), and one that took no
titlecase letter for an uppercase one, which the generated lines met only
now and then (an example of each joined ``test_tags.py``); the cost of a
cached line, counted low, is caught by the big tests of ``test_mutants3.py``.

The equivalent ones: the root of the known-name automaton marked as a name's
end (never read), short cuts not made (speed only), a space replaced by a
letter before ``isalpha()``, a state's name read through its own name,
an edge written again, the last 12 digits of a hash always 32 long, class
annotations read by ``getattr`` (every class passed defines its own), and the
sample text stripped of a line break it does not end with.
"""

from __future__ import annotations

import bloglist
from bloglist._tags import TagSplitter


def test_a_repeated_tag_is_named_by_its_first_repeat() -> None:
    """The warning names the tag as it is first written again, not the last
    of its repeats."""
    listing = bloglist.loads("\nT\n\nE\nData ScienceData scienceData SCIENCE")
    [warning] = listing.diagnostics
    assert warning.code == "duplicate-tag"
    assert "'Data science'" in warning.message
    assert "SCIENCE" not in warning.message
    assert listing[0].tags == ("Data Science", "Data science", "Data SCIENCE")


def test_a_tag_line_that_holds_a_date_and_ends_like_text_is_warned_of_both() -> None:
    """A weekday date line the format does not read, taken for a tag line,
    with a text's last mark: both warnings, at the line."""
    listing = bloglist.loads(
        "\nT\n\nE\nTues, Mar 4, 2025 \N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
    )
    assert [(d.code, d.lineno) for d in listing.diagnostics] == [
        ("unread-date", 5),
        ("text-tag-line", 5),
    ]


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
