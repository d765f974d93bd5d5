"""Indexes over a tuple of posts, each built on first use and then kept.

A :class:`~bloglist.Listing` never changes, so it keeps one :class:`Indexes`
for its posts and every query on it reuses what an earlier one built: an index
never goes stale. Two threads racing to build the same index build equal
values; each uses its own, and the last one stored is kept.

- :meth:`Indexes.tags`: for each case-folded tag, the posts that carry it, in
  order, and the first spelling seen. A one-tag filter is a dictionary lookup;
  tag groups and counts read it directly.
- :meth:`Indexes.ordinals`: each distinct date -> its proleptic ordinal
  (undated: :data:`LOW`); :meth:`Indexes.date_column`: each position's
  ordinal, undated posts below or above every date.
- :meth:`Indexes.title_order`: the positions sorted by case-folded title, then
  position; :meth:`Indexes.title_rank`: each position's rank by title.
- :meth:`Indexes.date_order`: the positions sorted by date (one list per
  direction and place of the undated posts), then by the title order.

Every sort starts from the title order and applies its keys, least
significant first, as stable sorts on small-int columns (:func:`order`): that
is how ties break by title, then position, whatever the keys and their
directions.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from operator import attrgetter, is_
from typing import Final, TypeAlias

from ._gc import paused_collector
from ._post import Post

__all__ = [
    "HIGH",
    "LOW",
    "Indexes",
    "Step",
    "TagIndex",
    "by_count",
    "fold_text",
    "get_date",
    "get_sticky",
    "order",
]

get_date: Final = attrgetter("date")
get_sticky: Final = attrgetter("sticky")
_get_title: Final = attrgetter("title")

# A date's ordinal is in 1 .. date.max's; these sort undated posts below or
# above every one of them, and neither is in any date range.
LOW: Final = 0
HIGH: Final = datetime.date.max.toordinal() + 1

#: A sort step: a column of ints, one per position, and whether it sorts
#: descending.
Step: TypeAlias = tuple[list[int], bool]


class TagIndex:
    """The posts of each case-folded tag, in order."""

    __slots__ = ("names", "posts")

    def __init__(self, names: dict[str, str], posts: dict[str, tuple[Post, ...]]):
        self.names = names  # case-folded tag -> first spelling seen
        self.posts = posts  # case-folded tag -> posts carrying it

    def ordered(self) -> list[str]:
        """The case-folded tags, most posts first, then by name."""
        posts = self.posts
        return by_count(dict(zip(posts, map(len, posts.values()), strict=True)))


def by_count(counts: dict[str, int]) -> list[str]:
    """The keys of *counts*, the largest count first, then by key: the order
    of the tag cloud (``count_by("tag")``), which the command's ``tags``
    also gives to the counts it adds up a batch of posts at a time."""
    # By key, then by count: the sort is stable (with reverse=True too), so
    # equal counts keep the order of their keys. Both sorts take C functions
    # for keys: no Python call per tag.
    found = sorted(counts)
    found.sort(key=counts.__getitem__, reverse=True)
    return found


class Indexes:
    """The indexes of one tuple of posts, each built by its method's first call.

    The lists returned are shared by every caller: copy one before changing it.
    """

    # The slots other than posts stay unset until their index is built; an
    # unset slot raises AttributeError, which costs nothing when it does not.
    __slots__ = (
        "_date_columns",
        "_date_orders",
        "_ordinals",
        "_tags",
        "_title_order",
        "_title_rank",
        "posts",
    )

    posts: tuple[Post, ...]
    _tags: TagIndex
    _ordinals: dict[datetime.date | None, int]
    _date_columns: dict[bool, list[int]]
    _date_orders: dict[tuple[bool, bool], list[int]]
    _title_order: list[int]
    _title_rank: list[int]

    def __init__(self, posts: tuple[Post, ...]) -> None:
        self.posts = posts

    def tags(self) -> TagIndex:
        """The posts of each case-folded tag."""
        try:
            return self._tags
        except AttributeError:
            with paused_collector:  # lists growing to millions of references
                self._tags = _tag_index_of(self.posts)
            return self._tags

    def ordinals(self) -> dict[datetime.date | None, int]:
        """Each distinct date of the posts -> its ordinal; None -> LOW."""
        try:
            return self._ordinals
        except AttributeError:
            ordinals: dict[datetime.date | None, int] = {
                date: date.toordinal()
                for date in set(map(get_date, self.posts))
                if date
            }
            ordinals[None] = LOW
            self._ordinals = ordinals
            return ordinals

    def date_column(self, undated_high: bool) -> list[int]:
        """Each position's date ordinal; undated posts get HIGH or LOW."""
        try:
            columns = self._date_columns
        except AttributeError:
            columns = self._date_columns = {}
        try:
            return columns[undated_high]
        except KeyError:
            ordinals = self.ordinals()
            if undated_high:
                ordinals = {**ordinals, None: HIGH}
            column = list(map(ordinals.__getitem__, map(get_date, self.posts)))
            return columns.setdefault(undated_high, column)

    def date_step(self, descending: bool, undated: str) -> Step:
        """The sort step of a date key in *descending* order, *undated* ``first`` or ``last``."""
        # Undated posts go last: above every date ascending, below every date
        # descending; and the other way round for first.
        high = (undated == "last") != descending
        return (self.date_column(high), descending)

    def date_order(self, descending: bool, undated: str) -> list[int]:
        """Positions by date, then title, then position."""
        key = (descending, undated == "last")
        try:
            orders = self._date_orders
        except AttributeError:
            orders = self._date_orders = {}
        try:
            return orders[key]
        except KeyError:
            found = order(self, [self.date_step(descending, undated)])
            return orders.setdefault(key, found)

    def title_order(self) -> list[int]:
        """Positions by case-folded title, then position."""
        try:
            return self._title_order
        except AttributeError:
            folded = list(map(_fold_title, map(_get_title, self.posts)))
            # A stable sort of positions: equal titles stay in order.
            self._title_order = sorted(range(len(folded)), key=folded.__getitem__)
            return self._title_order

    def title_rank(self) -> list[int]:
        """Each position's rank by case-folded title; equal titles share one."""
        try:
            return self._title_rank
        except AttributeError:
            posts = self.posts
            rank = [0] * len(posts)
            previous: bytes | None = None
            current = -1
            for position in self.title_order():
                folded = _fold_title(posts[position].title)
                if folded != previous:
                    previous, current = folded, current + 1
                rank[position] = current
            self._title_rank = rank
            return rank


def order(
    indexes: Indexes, steps: list[Step], base: list[int] | None = None
) -> list[int]:
    """Positions of the posts sorted by *steps*, most significant first.

    Ties after the last step keep the order of *base* (by default, the title
    order), so the result is a total order.
    """
    found = list(indexes.title_order() if base is None else base)
    for column, descending in reversed(steps):
        # Python's sort is stable, also with reverse=True: equal keys keep the
        # order the previous step gave them. (Buckets per distinct date were
        # tried: slower, from the random access they make.)
        found.sort(key=column.__getitem__, reverse=descending)
    return found


def fold_text(text: str) -> str:
    """*text* as titles sort and a search reads it: Unicode's canonical
    caseless form (decomposed, case folded), composed again (NFC). An ``é``
    written as ``e`` and a combining accent (as text copied on macOS often
    has it) is the ``é`` typed, and so is every other spelling of a letter
    that Unicode's canonical equivalence makes one. ASCII text is its own
    NFC form.

    Decomposing first matters for one combining mark alone, Greek's iota
    subscript (U+0345), which case folding makes a letter iota: folded in
    place, ``ᾳ`` and an acute would not be ``ᾴ``. Text that holds neither
    it nor a letter carrying it is folded in place (the decomposition costs
    as much as the rest); every such letter folds to text holding a letter
    iota, which most text (but Greek) holds none of, so that one C scan of
    the folded text spares most text the search for them.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    if _IOTA in folded and re.search(_IOTA_SUBSCRIPT, text) is not None:
        folded = unicodedata.normalize("NFD", text).casefold()
    return unicodedata.normalize("NFC", folded)


# What the iota subscript, and each letter holding it, case folds to.
_IOTA: Final = "\u03b9"
# The iota subscript and the letters whose decomposition holds it (re's own
# cache compiles it, on first use: Greek text alone comes to it).
_IOTA_SUBSCRIPT: Final = (
    "[\u0345\u1f80-\u1faf\u1fb2-\u1fb4\u1fb7\u1fbc\u1fc2-\u1fc4\u1fc7"
    "\u1fcc\u1ff2-\u1ff4\u1ff7\u1ffc]"
)


def _fold_title(title: str) -> bytes:
    # UTF-8 bytes compare in the order of the code points they encode, and
    # compare faster than str does when titles mix narrow and wide characters.
    return fold_text(title).encode("utf-8", "surrogatepass")


def _tag_index_of(posts: tuple[Post, ...]) -> TagIndex:
    lists: dict[str, list[Post]] = {}
    names: dict[str, str] = {}
    # Each spelling maps to the append of its case-folded list; a listing has
    # few distinct spellings, so the inner loop is a dict lookup and a call.
    appenders: dict[str, Callable[[Post], None]] = {}
    for post in posts:
        for tag in post.tags:
            try:
                appenders[tag](post)
            except KeyError:
                key = tag.casefold()
                found = lists.get(key)
                if found is None:
                    found = lists[key] = []
                    names[key] = tag
                appenders[tag] = found.append
                found.append(post)
    # A post whose tags repeat a name ("Data", "data") was appended twice in
    # a row. The same post object may also stand twice in a row in the
    # listing, legitimately: where anything repeats, the lists of those names
    # are made again, in one more pass over the posts.
    again: dict[str, list[Post]] = {
        key: []
        for key, found in lists.items()
        if len(found) > 1 and any(map(is_, found, found[1:]))
    }
    if again:
        folded = {spelling: spelling.casefold() for spelling in appenders}
        for post in posts:
            for key in dict.fromkeys(map(folded.__getitem__, post.tags)):
                redo = again.get(key)
                if redo is not None:
                    redo.append(post)
        lists.update(again)
    index = {key: tuple(found) for key, found in lists.items()}
    return TagIndex(names, index)
