"""Behaviour a mutation run of the session's fixes found untested (48
mutants of the JSON readers' string pattern, the Atom link checks, the
stitched diagnostics' order, the collector's threshold of 0, the command's
word of where a dashed name goes, the byte order mark's hint, the archive's
last scrape again and the empty page: 36 killed, 4 equivalent, 12 surviving
every test).

The survivors: ``_NESTING`` that wanted a string's closing quote (brackets in
a string cut short at a bad escape counted as nesting: "too deep"); the feed
id's check and an empty link, each repeat no longer possessive or allowed
empty; stitch's order by line alone, by column first, or only past two
warnings; ``collect_batch`` outside a pause, with a threshold of 0 but the
collector enabled; the hint given only when every word was a short one, or
to a command that takes no files; and the mark's hint for a dated tag line
that holds one anywhere.

The equivalent four: a greedy run of plain characters before the closing
quote (it gives back no quote or backslash, and keeps no state a character);
``\\[\\s\\S]`` for ``\\.`` (a raw line break is an error the decoder places at
the backslash first); OLD dropped from the names a hint follows (NEW is
missing whenever OLD is); and ``strict=`` dropped from a zip of two lists of
one length.
"""

from __future__ import annotations

import gc
import tracemalloc
from typing import Any

import pytest

import bloglist
from bloglist import Diagnostic, Listing, stitch
from bloglist._gc import collect_batch
from test_cli import status_of

_FIRST = "Mar 3, 2025\n\nA\n\nx\n"


def test_brackets_in_a_string_cut_short_at_a_bad_escape_do_not_nest() -> None:
    """A string that a bad escape ends holds 150 brackets: they are text,
    and the error is the escape's, not nesting too deep."""
    text = '[{"title": "' + "[" * 150 + '\\x"}]'
    with pytest.raises(bloglist.ParseError, match=r"Invalid \\escape"):
        bloglist.from_json(text)


def _atom(**options: Any) -> str:
    options.setdefault("title", "Blog")
    options.setdefault("feed_id", "urn:x:1")
    return bloglist.to_atom([], **options)


def test_a_long_feed_id_is_checked_in_little_memory() -> None:
    """The check of an absolute IRI keeps no state a character, as that of
    a link does (test_atom_feed.py)."""
    long = "https://example.com/" + "a%20" * 250_000
    _atom(feed_id=long)  # the imports and patterns a process pays once
    tracemalloc.start()
    try:
        feed = _atom(feed_id=long)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert feed.count(long) == 1
    assert peak < 8 * len(feed)


def test_an_empty_link_is_no_iri() -> None:
    with pytest.raises(ValueError, match="link '' is not an IRI"):
        _atom(link="")


def _codes(found: Listing) -> list[tuple[int, int, str]]:
    return [(d.lineno, d.colno, d.code) for d in found.diagnostics]


def test_one_page_warning_comes_before_a_later_error_of_its_page() -> None:
    page2 = bloglist.loads("Mar 3, 2025\n\nA\n\ny\n\nMar 35, 2025\n\nBad\n\nz\n")
    assert _codes(stitch([bloglist.loads(_FIRST), page2])) == [
        (1, 1, "page-same-title"),
        (7, 1, "invalid-date"),
    ]


def test_line_order_is_by_line_then_column() -> None:
    """An error at column 4 of line 7 comes between line 1's warning and
    line 15's error."""
    page2 = bloglist.loads(
        "Mar 3, 2025\n\nA\n\ny\n\n   Mar 35, 2025\n\nBad\n\nz\n\nMar 2, 2025\n\nC\n"
    )
    assert _codes(stitch([bloglist.loads(_FIRST), page2])) == [
        (1, 1, "page-same-title"),
        (7, 4, "invalid-date"),
        (15, 1, "missing-excerpt"),
    ]


def test_at_one_line_a_warning_at_column_1_comes_first() -> None:
    parsed = bloglist.loads("Mar 3, 2025\n\nA\n\ny\n")
    late = Diagnostic(lineno=1, colno=5, severity="warning", code="x-late", message="m")
    page2 = Listing(parsed, diagnostics=[late])
    assert _codes(stitch([bloglist.loads(_FIRST), page2])) == [
        (1, 1, "page-same-title"),
        (1, 5, "x-late"),
    ]


@pytest.mark.parametrize("posts", [_FIRST, ""])
def test_a_hand_built_page_s_diagnostics_come_in_line_order(posts: str) -> None:
    """A Listing built by hand with its diagnostics out of line order, with
    posts or none, and no warning of stitch's: they come in line order, as
    the docstring says of every page."""
    made = [
        Diagnostic(lineno=n, colno=1, severity="warning", code=f"x{n}", message="m")
        for n in (5, 2)
    ]
    page = Listing(bloglist.loads(posts), diagnostics=made)
    assert _codes(stitch([page])) == [(2, 1, "x2"), (5, 1, "x5")]


def test_a_batch_outside_a_pause_collects_nothing_at_threshold_0() -> None:
    """With the collector enabled but a first threshold of 0, a batch's
    collection run outside any pause (a lazy generator read after its pause
    ended) collects nothing."""
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    thresholds = gc.get_threshold()
    was_enabled = gc.isenabled()
    gc.enable()
    gc.set_threshold(0)
    gc.callbacks.append(note)
    try:
        collect_batch()
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
        if not was_enabled:
            gc.disable()
    assert collected == []


@pytest.mark.parametrize(
    ("argv", "last"),
    [
        (
            ["show", "a.txt", "--bogus", "-b.txt"],
            "bloglist show: error: unrecognized arguments: --bogus -b.txt"
            " (a file whose name starts with '-' goes after --)",
        ),
        (
            ["archive", "show", "blog.db", "-b.txt"],
            "bloglist archive show: error: unrecognized arguments: -b.txt",
        ),
    ],
)
def test_where_a_dashed_name_goes_is_said_where_it_may_be_one(
    argv: list[str], last: str
) -> None:
    """A long option beside a dashed name: the name may be a file, and the
    hint is given; a command that takes no files (archive show has its
    ARCHIVE) gives none for a word past it."""
    status, out, err = status_of(*argv)
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == last


def test_a_mark_inside_a_dated_tag_line_is_not_said_to_start_it() -> None:
    [found] = bloglist.loads("Jan 1, 2020\n\nT\n\nE\nJan\ufeff 2, 2020\n").diagnostics
    assert found.code == "unread-date"
    assert found.message == (
        "tag line 'Jan\\ufeff 2, 2020' holds a date, but is not a date line;"
        " it is read as tags, and no post gets the date"
    )
