"""Posts -> posts: filter, sort, group, count, page, and find related posts.

The :class:`~bloglist.Listing` methods (``filter``, ``sort_by``, ``group_by``,
``count_by``, ``page``, ``first``, ``last``, ``related``) are the public
surface; this module is their machinery. Each function takes the
:class:`~bloglist._index.Indexes` of a listing's posts (or the posts alone),
checks its arguments, and returns plain values: tuples of posts, ints,
``(key, posts)`` pairs. The listing wraps them into new listings. Every
operation is pure; speed on big listings comes from the indexes, built once
per listing.

Conditions work on whole columns: each computes a mask (``bytes``, one 0 or 1
per post; see ``_where``), and :func:`itertools.compress` takes the posts.
"""

from __future__ import annotations

import datetime
from collections import Counter, deque
from itertools import compress
from operator import call, itemgetter
from typing import Any, Final, Literal, SupportsIndex, TypeAlias, get_args

from ._errors import check_bool, check_index, plural, shown_int, type_name
from ._gc import paused_collector
from ._index import Indexes, Step, get_date, get_sticky, order
from ._post import Post
from ._where import FLIP, Where, as_where, conjuncts, cost, mask, tag_candidates

__all__ = [
    "GroupKey",
    "Month",
    "SortKey",
    "Undated",
    "check_page",
    "count_posts",
    "filter_posts",
    "first_posts",
    "group_posts",
    "last_posts",
    "page_bounds",
    "related_posts",
    "sort_posts",
]

SortKey: TypeAlias = Literal["date", "-date", "title", "-title"]
Undated: TypeAlias = Literal["first", "last"]
GroupKey: TypeAlias = Literal["tag", "year", "month", "sticky"]
#: A month as ``(year, month)``, such as ``(2024, 3)``.
Month: TypeAlias = tuple[int, int]

# The one list of each set of names: the type checker reads the aliases, the
# checks and their messages read these.
_SORT_KEYS: Final[tuple[str, ...]] = get_args(SortKey)
_UNDATED: Final[tuple[str, ...]] = get_args(Undated)
_GROUPS: Final[tuple[str, ...]] = get_args(GroupKey)


def _one_of(names: tuple[str, ...]) -> str:
    """``'a', 'b' or 'c'``, for a message."""
    quoted = [repr(name) for name in names]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _take(posts: tuple[Post, ...], positions: list[int]) -> tuple[Post, ...]:
    if len(positions) < 2:
        return tuple(map(posts.__getitem__, positions))
    return itemgetter(*positions)(posts)  # type: ignore[no-any-return]


# --- Filter -------------------------------------------------------------------


def filter_posts(indexes: Indexes, conditions: tuple[object, ...]) -> tuple[Post, ...]:
    """The posts that satisfy every one of *conditions*, in order.

    *conditions* must not be empty (the listing answers that case itself).
    """
    parts: list[Where] = []
    for condition in map(as_where, conditions):
        parts.extend(conjuncts(condition))
    posts = indexes.posts
    # Start from the smallest set of posts a tag index gives, if any.
    best: tuple[Post, ...] | None = None
    chosen: Where | None = None
    for part in parts:
        found = tag_candidates(part, indexes)
        if found is not None and (best is None or len(found[0]) < len(best)):
            best = found[0]
            chosen = part if found[1] else None
    if best is not None:
        posts = best
        if chosen is not None:
            parts.remove(chosen)
    # Narrow step by step, cheapest condition first; each keeps the order.
    parts.sort(key=cost)
    for part in parts:
        if not posts:
            break
        posts = tuple(compress(posts, mask(part, posts, indexes)))
    return posts


# --- Sort ---------------------------------------------------------------------


def _check_undated(undated: object) -> None:
    """TypeError unless *undated* is a str, ValueError unless it is
    ``"first"`` or ``"last"``."""
    if not isinstance(undated, str):
        raise TypeError(
            f"undated must be a str ({_one_of(_UNDATED)}), not {type_name(undated)}"
        )
    if undated not in _UNDATED:
        raise ValueError(f"undated must be {_one_of(_UNDATED)}, not {undated!r}")


def sort_posts(
    indexes: Indexes,
    keys: tuple[str, ...],
    *,
    sticky_first: bool,
    undated: str,
) -> tuple[Post, ...]:
    """The posts sorted by *keys*; see :meth:`Listing.sort_by`."""
    check_bool(sticky_first, "sticky_first")
    _check_undated(undated)
    if not keys and not sticky_first:
        raise TypeError(f"sort_by() needs a key: {_one_of(_SORT_KEYS)}")
    seen: set[str] = set()
    for key in keys:
        if not isinstance(key, str):
            raise TypeError(
                f"a sort key must be a str ({_one_of(_SORT_KEYS)}), not {type_name(key)}"
            )
        if key not in _SORT_KEYS:
            raise ValueError(f"unknown sort key {key!r}; use {_one_of(_SORT_KEYS)}")
        name = key.lstrip("-")
        if name in seen:
            raise ValueError(f"sort key {name!r} is given twice")
        seen.add(name)
    posts = indexes.posts
    wanted = list(keys)
    if wanted and wanted[-1] == "title":
        # The title order every sort starts from already settles it.
        wanted.pop()
    steps: list[Step] = []
    if sticky_first:
        steps.append((list(map(get_sticky, posts)), True))
    base = None
    if wanted and wanted[-1].endswith("date"):
        # The least significant key is the date: start from the date order,
        # kept by the indexes like the title order.
        base = indexes.date_order(wanted.pop().startswith("-"), undated)
    for key in wanted:
        descending = key.startswith("-")
        if key.endswith("date"):
            steps.append(indexes.date_step(descending, undated))
        else:
            steps.append((indexes.title_rank(), descending))
    with paused_collector:  # a million references in one new tuple
        return _take(posts, order(indexes, steps, base))


# --- Group and count ----------------------------------------------------------


def _check_by(by: object) -> None:
    if not isinstance(by, str):
        raise TypeError(f"by must be a str ({_one_of(_GROUPS)}), not {type_name(by)}")
    if by not in _GROUPS:
        raise ValueError(f"cannot group by {by!r}; use {_one_of(_GROUPS)}")


def _period_keys(indexes: Indexes, by: str) -> dict[datetime.date | None, int]:
    """Each distinct date of the posts -> its period as an int; None -> -1.

    A year is itself; a month is ``year * 12 + month - 1``. Ints sort as the
    periods do (undated last, newest first), and unlike tuples they cost the
    garbage collector nothing.
    """
    keys: dict[datetime.date | None, int] = {}
    for date in indexes.ordinals():
        if date is None:
            keys[date] = -1
        elif by == "year":
            keys[date] = date.year
        else:
            keys[date] = date.year * 12 + date.month - 1
    return keys


def _period_key(by: str, key: int) -> int | Month | None:
    """The public key of a period int: a year, a (year, month), or None."""
    if key < 0:
        return None
    if by == "year":
        return key
    year, month = divmod(key, 12)
    return (year, month + 1)


def group_posts(indexes: Indexes, by: str) -> tuple[tuple[Any, tuple[Post, ...]], ...]:
    """The posts split into ``(key, posts)`` groups; see :meth:`Listing.group_by`."""
    # The caller pauses the collector: the groups hold a reference to every
    # post, and a collection while they are built would look at each of them.
    _check_by(by)
    posts = indexes.posts
    if by == "tag":
        index = indexes.tags()
        keys = index.ordered()
        return tuple(
            zip(
                map(index.names.__getitem__, keys),
                map(index.posts.__getitem__, keys),
                strict=True,
            )
        )
    if by == "sticky":
        sticky = bytes(map(get_sticky, posts))
        groups = ((True, sticky), (False, sticky.translate(FLIP)))
        return tuple(
            (key, tuple(compress(posts, part))) for key, part in groups if 1 in part
        )
    period_of = _period_keys(indexes, by)
    lists: dict[int, list[Post]] = {key: [] for key in period_of.values()}
    # Each date -> the append of its period's list; the loop runs in C.
    appenders = {key: found.append for key, found in lists.items()}
    append_to = {date: appenders[key] for date, key in period_of.items()}
    deque(map(call, map(append_to.__getitem__, map(get_date, posts)), posts), 0)
    return tuple(
        (_period_key(by, key), tuple(lists[key]))
        for key in sorted(lists, reverse=True)
        if lists[key]
    )


def count_posts(indexes: Indexes, by: str) -> tuple[tuple[Any, int], ...]:
    """How many posts each group holds; see :meth:`Listing.count_by`."""
    _check_by(by)
    posts = indexes.posts
    if by == "tag":
        index = indexes.tags()
        keys = index.ordered()
        return tuple(
            zip(
                map(index.names.__getitem__, keys),
                map(len, map(index.posts.__getitem__, keys)),
                strict=True,
            )
        )
    if by == "sticky":
        sticky = sum(map(get_sticky, posts))
        counts = ((True, sticky), (False, len(posts) - sticky))
        return tuple((key, count) for key, count in counts if count)
    period_of = _period_keys(indexes, by)
    counted = Counter(map(period_of.__getitem__, map(get_date, posts)))
    return tuple(
        (_period_key(by, key), counted[key]) for key in sorted(counted, reverse=True)
    )


# --- First, last, page ----------------------------------------------------------


def _check_count(value: object, what: str, least: int) -> int:
    count = check_index(value, what)
    if count < least:
        raise ValueError(f"{what} must be {least} or more, not {shown_int(count)}")
    return count


def first_posts(posts: tuple[Post, ...], n: SupportsIndex) -> tuple[Post, ...]:
    """The first *n* posts, or all of them if there are fewer."""
    return posts[: _check_count(n, "n", 0)]


def last_posts(posts: tuple[Post, ...], n: SupportsIndex) -> tuple[Post, ...]:
    """The last *n* posts, or all of them if there are fewer; none for 0."""
    count = _check_count(n, "n", 0)
    # Not posts[-count:]: for 0 that is every post.
    return posts[max(0, len(posts) - count) :]


def check_page(number: SupportsIndex, size: SupportsIndex) -> tuple[int, int]:
    """*number* and *size* of a page as ints, each 1 or more, else an error
    naming it."""
    return _check_count(number, "number", 1), _check_count(size, "size", 1)


def page_count(total: int, size: int) -> int:
    """How many pages of *size* posts *total* posts make: at least 1, the
    first page empty when there are none. The one owner of that count
    (:meth:`Listing.page`, ``Page.total_pages``)."""
    return max(1, -(-total // size))


def page_bounds(total: int, number: int, size: int) -> tuple[int, int]:
    """Where page *number* of *size* (each checked, see :func:`check_page`)
    starts and stops among *total* posts.

    Page 1 always exists; a later page past the end is an IndexError.
    """
    pages = page_count(total, size)
    if number > pages and not total:
        raise IndexError(
            f"page {shown_int(number)} is out of range: with no posts, "
            "page 1 is the only page, empty"
        )
    if number > pages:
        raise IndexError(
            f"page {shown_int(number)} is out of range: {plural(total, 'post')} "
            f"{'makes' if total == 1 else 'make'} {plural(pages, 'page')} of {shown_int(size)}"
        )
    start = (number - 1) * size
    return start, start + size


# --- Related posts ------------------------------------------------------------


def related_posts(indexes: Indexes, post: Post) -> tuple[Post, ...]:
    """Posts sharing tags with *post*; see :meth:`Listing.related`."""
    if not isinstance(post, Post):
        raise TypeError(f"related() takes a Post, not {type_name(post)}")
    found = indexes.tags().posts
    shared: Counter[int] = Counter()
    for key in {tag.casefold() for tag in post.tags}:
        # A set: the same post object standing twice in the listing shares
        # the tag once.
        shared.update(set(map(id, found.get(key, ()))))
    posts = indexes.posts
    title = post.title
    candidates = tuple(
        other
        for other in compress(posts, map(shared.__contains__, map(id, posts)))
        if other.title != title or other != post
    )
    if not candidates:
        return ()
    within = Indexes(candidates)
    steps: list[Step] = [
        ([shared[id(other)] for other in candidates], True),
        within.date_step(True, "last"),
    ]
    return _take(candidates, order(within, steps))
