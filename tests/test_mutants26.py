"""Behaviour a mutation run of ``_stitch.py`` and ``_lines.py`` found
untested (111 mutants: 68 of ``stitch``, ``check_pages``,
``check_displaced`` and their helpers, 43 of line splitting, decoding and
the header test; 95 killed, 10 equivalent, 6 surviving every test file):
the overlap of two pages found by the prefix function falling back to the
start at a mismatch rather than to the next shorter border, which, where a
page shows a post more than once (a post published twice), finds too short
an overlap and warns of posts pushed down as out of place; a post pinned
between the fetches, shown sticky on the next page, kept among the posts of
the page before that the next one shows, so that the posts pushed down past
its old place are warned of as out of place; the ``page-gap`` warning put at
the first post a page adds rather than at the page's first post (a sticky
one shown again), as the docstring says; the share of pairs that shows an
order (four times as many as the other way) lowered to three; and a page of
posts oldest first whose newest date equals the oldest of the page before
judged "all older".

One survivor is left untested: ``utf16_codec`` taking UTF-32's
little-endian mark for UTF-16's. Only the command's line-length reader asks
it without ``_codec``'s UTF-32 check first; it then finds the line breaks of
such a file as UTF-16's, which changes which error refuses the file
(``line-too-long`` rather than ``unsupported-encoding``) only for a long
line of characters with a 0x0A or 0x0D byte. Either way the file is refused.

The equivalent ten change no result. In ``stitch``: the pages before taken
as newest first when they have as many pairs each way (then no order is
clear, so it is never asked). In ``check_pages``: ``final`` defaulting to 0
rather than the page count when no page adds a post (page 1 is refused
either way); a page at ``final`` skipped by ``index >= final`` (it adds
posts, so it is skipped before that test). In ``check_displaced``: the queue
of newest dates keeping ties (its front is still the newest date in the
window); pages with no posts but sticky ones judged too (their oldest date
is ``date.max``, never older than a date in the window). In ``_lines``:
``read_header`` without its empty-line test (every caller strips lines and
skips empty ones first); ``looks_like_utf16`` not cutting an odd byte (it
sees at most four bytes, and three are one unit, too few either way);
``HEADER_INITIALS`` without the marker's ``s`` (``sep`` puts it in already);
``split_pieces`` looping on ``> 0`` rather than ``>= 0`` (the search starts
at ``size`` or later, so it never finds 0); ``waits_for_data`` giving True
rather than None without ``os.get_blocking`` (only Windows before Python
3.12 lacks it).
"""

from __future__ import annotations

import datetime
import random

import pytest

import bloglist
from bloglist import Listing, Post, stitch

D = datetime.date


def P(title: str, day: int, *, sticky: bool = False) -> Post:
    return Post(title=title, date=D(2025, 3, day), sticky=sticky)


def titles(listing: Listing) -> list[str]:
    return [post.title for post in listing]


class TestOverlapOfPostsShownMoreThanOnce:
    """The overlap is "the longest run of posts that ends the previous page
    and starts this one": a page that starts with the last *k* posts of the
    page before, then posts of its own, overlaps it by exactly *k* (a longer
    run would take in a post of its own), and every post of it is left out
    with nothing to say, however often a post shows on the page before."""

    def test_copies_at_the_end_of_a_page_pushed_down(self) -> None:
        # "A" published three times; two of its copies pushed down.
        n, a, b = P("N", 9), P("A", 8), P("B", 7)
        found = stitch([[n, a, a, a], [a, a, b]])
        assert titles(found) == ["N", "A", "A", "A", "B"]
        assert found.diagnostics == ()

    def test_any_end_of_a_page_of_copies_pushed_down(self) -> None:
        rng = random.Random(2026)
        alike = [P(title, 8) for title in "ABC"]
        for _ in range(400):
            page1 = [rng.choice(alike) for _ in range(rng.randint(1, 7))]
            pushed = rng.randint(0, len(page1))
            new = [P(f"New {i}", 1) for i in range(rng.randint(1, 3))]
            page2 = [*page1[len(page1) - pushed :], *new]
            found = stitch([page1, page2])
            assert list(found) == [*page1, *new], (titles(Listing(page1)), pushed)
            assert found.diagnostics == (), (titles(Listing(page1)), pushed)


def test_posts_pushed_down_past_a_post_pinned_between_the_fetches() -> None:
    """Two posts published and "Z" pinned between the fetches: "Y" starts
    page 2 as it ended page 1, the post after it there now shown pinned (a
    post pinned between the fetches comes once, where first seen): nothing
    is out of place."""
    x, y, z, w, v = P("X", 10), P("Y", 9), P("Z", 8), P("W", 7), P("V", 6)
    found = stitch([[x, y, z], [P("Z", 8, sticky=True), y, w, v]])
    assert titles(found) == ["X", "Y", "Z", "W", "V"]
    assert found.diagnostics == ()


def test_a_page_gap_is_at_the_first_post_of_the_next_page() -> None:
    """The docstring: a page that adds no post but sticky ones "followed by
    one that adds posts gets a page-gap warning at the first post of that
    next page", here the pinned post it shows again (line 1), not the
    first post it adds."""
    pinned = "sticky\nMar 1, 2025\n\nWelcome\n\nHi.\n"
    texts = [
        pinned + "\nMar 9, 2025\n\nA\n\nA.\n",
        pinned,
        pinned + "\nMar 8, 2025\n\nB\n\nB.\n",
    ]
    pages = [bloglist.loads(text) for text in texts]
    found = stitch(pages)
    assert titles(found) == ["Welcome", "A", "B"]
    (gap,) = found.diagnostics
    assert gap.code == "page-gap"
    assert gap.message.startswith("page 3: page 2 ")
    assert gap.lineno == pages[2][0].lineno == 1


def dated(days: list[int], prefix: str) -> list[Post]:
    return [P(f"{prefix}{i}", day) for i, day in enumerate(days)]


class TestPageOrderBoundaries:
    """The order of the pages before is told by "at least two pairs of dated
    posts next to each other in it ..., and four times as many as in the
    other"; a page is out of order when its dated posts are "all newer"
    (newest first) or "all older" (oldest first) than the last page's."""

    @pytest.mark.parametrize(("way", "warned"), [(4, True), (3, False)])
    def test_four_times_as_many_pairs_one_way(self, way: int, warned: bool) -> None:
        # Page 1: *way* pairs newest first, then one pair oldest first.
        days = [10 - i for i in range(way + 1)]
        page1 = dated([*days, 11], "a")  # the last pair: older, then 11
        page2 = dated([20, 19], "b")  # all newer: page 2 given out of place
        found = stitch([page1, page2])
        assert len(found) == len(page1) + 2
        assert [d.code for d in found.diagnostics] == (["page-order"] if warned else [])

    @pytest.mark.parametrize(("newest", "warned"), [(4, True), (5, False)])
    def test_oldest_first_all_older_is_strict(self, newest: int, warned: bool) -> None:
        page1 = dated([5, 6, 7], "a")  # oldest first: two pairs, none the other way
        page2 = dated([3, newest], "b")  # dated 5 is not older than page 1's 5
        found = stitch([page1, page2])
        assert len(found) == 5
        assert [d.code for d in found.diagnostics] == (["page-order"] if warned else [])

    @pytest.mark.parametrize(("oldest", "warned"), [(8, True), (7, False)])
    def test_newest_first_all_newer_is_strict(self, oldest: int, warned: bool) -> None:
        page1 = dated([7, 6, 5], "a")
        page2 = dated([9, oldest], "b")
        found = stitch([page1, page2])
        assert [d.code for d in found.diagnostics] == (["page-order"] if warned else [])
