"""Behaviour a mutation run of the matching rule, ``diff`` and ``stitch``
found untested (104 mutants of ``_match.py``, ``_diff.py`` and
``_stitch.py``: 95 killed, 7 equivalent, 2 surviving every test file): the
length from which a title is compared by its two ends alone, and the stage of
a group of posts of one date and title that pairs a post pinned meanwhile by
its excerpt and tags.

The mutants compared a title of 101 characters whole (the cut-off moved by
one), and dropped that stage, so that the pinned post of a group paired by
its place with its deleted twin.

The equivalent seven: a title of exactly 100 characters compared by its two
halves (which make the title); the first old post of a key taken as the last
(every key with two old posts is paired again as a group); ``None`` looked
for among dated keys; a post compared with itself (posts are equal to
themselves); in ``stitch``, a tie of the two orders' counts, which the rule
before it makes impossible; and two changes to the queue of the dates of
pages, which leave the maximum it is read for as it was.
"""

from __future__ import annotations

import datetime

from bloglist import Post
from bloglist._match import match_posts

DAY = datetime.date(2025, 3, 25)


def test_a_title_one_past_the_longest_is_compared_by_its_two_ends() -> None:
    """Cut to their ends, the two old titles equal the new one (a ratio of
    1.0 each): the first old post wins. Compared whole, the second, which
    differs from it in one character fewer, would."""
    left, right = "l" * 25 + "L" * 25, "r" * 50  # the documented 100, in halves
    old = [Post(title=left + "y" + right, date=DAY), Post(title=left + right, date=DAY)]
    new = [Post(title=left + "x" + right, date=DAY)]
    assert len(new[0].title) == 101
    assert match_posts(old, new) == ((0, 0),)


def test_a_post_pinned_while_its_twin_is_deleted_keeps_its_history() -> None:
    """Two "Weekly links" of one day: the first deleted, the second pinned.
    The pinned one pairs with itself by its excerpt and tags, not with the
    deleted one by its place, both ways round."""
    old = [
        Post(title="Weekly links", date=DAY, excerpt="first"),
        Post(title="Weekly links", date=DAY, excerpt="second"),
    ]
    new = [Post(title="Weekly links", date=DAY, excerpt="second", sticky=True)]
    assert match_posts(old, new) == ((1, 0),)
    assert match_posts(new, old) == ((0, 1),)
