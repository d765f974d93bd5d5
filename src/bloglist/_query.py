"""Posts -> posts: filter, sort, group, count, page, and find related posts.

Every operation is pure: it reads a :class:`~bloglist.Listing` and returns new
immutable values. The :class:`~bloglist.Listing` methods (``filter``,
``sort_by``, ``group_by``, ``count_by``, ``page``, ``first``, ``last``,
``related``) are the public surface, with :class:`Where` and :class:`Page`;
this module holds the machinery.

Speed on big listings comes from indexes built lazily, once per listing, and
kept in the listing's private ``_memo``. A listing never changes, so an index
never goes stale; two threads racing to build one build equal values and the
first one stored is kept.

- ``"tags"``: for each case-folded tag, the posts that carry it, in listing
  order, and the first spelling seen. A one-tag filter is a dictionary lookup;
  tag groups and counts read it directly.
- ``"ordinals"``: each distinct date -> its proleptic ordinal (undated: 0);
  ``"date-column-low"`` / ``"-high"``: each position's ordinal, undated posts
  below or above every date.
- ``"date-order-..."``: the positions sorted by date (one list per direction
  and place of the undated posts), then by the title order; a sort whose last
  key is the date starts from it.
- ``"title-order"``: the positions sorted by case-folded title, then position;
  ``"title-rank"``: each position's rank by title. Every sort starts from the
  title order and applies its keys, least significant first, as stable sorts
  on small-int columns: that is how ties break by title, then position,
  whatever the keys and their directions.

Conditions work on whole columns: each computes a mask (``bytes``, one 0 or 1
per post) with ``map`` over C-level callables, masks combine as big integers,
and :func:`itertools.compress` takes the posts. ``Where.__call__`` is the plain
per-post definition of each condition, and the tests hold the masks to it.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import attrgetter, call, is_, is_not, itemgetter
from typing import Any, Final, Literal, TypeAlias, TypeVar, cast

import attrs

from ._gc import paused_collector
from ._listing import Listing
from ._post import Post

__all__ = [
    "Month",
    "Page",
    "SortKey",
    "Undated",
    "Where",
    "count_posts",
    "filter_posts",
    "first_posts",
    "group_posts",
    "last_posts",
    "page_of",
    "related_posts",
    "sort_posts",
]

SortKey: TypeAlias = Literal["date", "-date", "title", "-title"]
Undated: TypeAlias = Literal["first", "last"]
#: A month as ``(year, month)``, such as ``(2024, 3)``.
Month: TypeAlias = tuple[int, int]

_T = TypeVar("_T")

_get_date: Final = attrgetter("date")
_get_sticky: Final = attrgetter("sticky")
_get_title: Final = attrgetter("title")

# A date's ordinal is in 1 .. _MAX_ORDINAL; these sort undated posts below or
# above every one of them, and neither is in any date range.
_MAX_ORDINAL: Final = datetime.date.max.toordinal()
_LOW: Final = 0
_HIGH: Final = _MAX_ORDINAL + 1

# Masks hold one byte per post, 0 or 1; this table swaps the two.
_FLIP: Final = bytes([1, 0]) + bytes(254)


# --- Indexes: built once per listing, on first use ---------------------------


def _memoized(listing: Listing, key: str, build: Callable[[Listing], _T]) -> _T:
    memo = listing._memo
    try:
        return cast(_T, memo[key])
    except KeyError:
        return cast(_T, memo.setdefault(key, build(listing)))


class _TagIndex:
    """The posts of each case-folded tag, in listing order."""

    __slots__ = ("names", "posts")

    def __init__(self, names: dict[str, str], posts: dict[str, tuple[Post, ...]]):
        self.names = names  # case-folded tag -> first spelling seen
        self.posts = posts  # case-folded tag -> posts carrying it

    def ordered(self) -> list[str]:
        """The case-folded tags, most posts first, then by name."""
        posts = self.posts
        return sorted(posts, key=lambda key: (-len(posts[key]), key))


def _build_tag_index(listing: Listing) -> _TagIndex:
    with paused_collector:  # lists growing to millions of references
        return _tag_index_of(listing._posts)


def _tag_index_of(posts: tuple[Post, ...]) -> _TagIndex:
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
    index: dict[str, tuple[Post, ...]] = {}
    for key, found in lists.items():
        # A post whose tags repeat a name ("Data", "data") was appended twice
        # in a row. The same post object may also stand twice in a row in the
        # listing, legitimately; where anything repeats, count again slowly.
        if any(map(is_, found, found[1:])):
            found = [post for post in posts if _has_tag(post, key)]
        index[key] = tuple(found)
    return _TagIndex(names, index)


def _has_tag(post: Post, key: str) -> bool:
    return any(tag.casefold() == key for tag in post.tags)


def _tag_index(listing: Listing) -> _TagIndex:
    return _memoized(listing, "tags", _build_tag_index)


def _build_ordinals(listing: Listing) -> dict[datetime.date | None, int]:
    ordinals: dict[datetime.date | None, int] = {
        date: date.toordinal() for date in set(map(_get_date, listing._posts)) if date
    }
    ordinals[None] = _LOW
    return ordinals


def _ordinals(listing: Listing) -> dict[datetime.date | None, int]:
    """Each distinct date of the listing's posts -> its ordinal; None -> 0."""
    return _memoized(listing, "ordinals", _build_ordinals)


def _fold_title(title: str) -> bytes:
    # UTF-8 bytes compare in the order of the code points they encode, and
    # compare faster than str does when titles mix narrow and wide characters.
    return title.casefold().encode("utf-8", "surrogatepass")


def _build_title_order(listing: Listing) -> list[int]:
    folded = list(map(_fold_title, map(_get_title, listing._posts)))
    # A stable sort of positions: equal titles stay in listing order.
    return sorted(range(len(folded)), key=folded.__getitem__)


def _title_order(listing: Listing) -> list[int]:
    """Positions by case-folded title, then position; shared, so copy to sort."""
    return _memoized(listing, "title-order", _build_title_order)


def _build_title_rank(listing: Listing) -> list[int]:
    posts = listing._posts
    rank = [0] * len(posts)
    previous: bytes | None = None
    current = -1
    for position in _title_order(listing):
        folded = _fold_title(posts[position].title)
        if folded != previous:
            previous, current = folded, current + 1
        rank[position] = current
    return rank


def _title_rank(listing: Listing) -> list[int]:
    """Each position's rank by case-folded title; equal titles share one."""
    return _memoized(listing, "title-rank", _build_title_rank)


def _take(posts: tuple[Post, ...], positions: list[int]) -> tuple[Post, ...]:
    if len(positions) < 2:
        return tuple(map(posts.__getitem__, positions))
    return itemgetter(*positions)(posts)  # type: ignore[no-any-return]


# --- Dates --------------------------------------------------------------------

_ISO: Final = re.compile(
    r"""
    (?P<year>[0-9]{4})              # a year: "2024"
    (?: - (?P<month>[0-9]{2})       # then maybe a month: "2024-03"
        (?: - (?P<day>[0-9]{2}) )?  # then maybe a day: "2024-03-05"
    )?
    """,
    re.VERBOSE | re.ASCII,
)


def _to_date(value: object, what: str, *, whole: bool = False) -> datetime.date:
    """*value* as a date: a ``datetime.date``, or an ISO string.

    A partial string (``"2024"``, ``"2024-03"``) means the first day of that
    year or month, unless *whole* asks for a full date.
    """
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{what} must be a datetime.date, not a datetime; use .date()")
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be a datetime.date or an ISO date string, "
            f"not {type(value).__name__}"
        )
    match = _ISO.fullmatch(value)
    if match is None:
        raise ValueError(
            f"{what} {value!r} is not an ISO date; "
            "write YYYY-MM-DD, or YYYY-MM or YYYY for the start of a month or year"
        )
    if whole and match["day"] is None:
        raise ValueError(
            f"{what} {value!r} is not a whole date; write YYYY-MM-DD, "
            "or use Where.year() or Where.month() for a whole year or month"
        )
    try:
        return datetime.date(
            int(match["year"]), int(match["month"] or 1), int(match["day"] or 1)
        )
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a real day") from None


def _check_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool):
        raise TypeError(f"year must be an int, not {type(year).__name__}")
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValueError(f"year {year} is out of range 1..9999")
    return year


def _start_of_next(year: int, month: int | None = None) -> int:
    """The ordinal of the day after the given year or month ends."""
    if month is None or month == 12:
        year, month = year + 1, 1
    else:
        month += 1
    if year > datetime.MAXYEAR:
        return _HIGH
    return datetime.date(year, month, 1).toordinal()


# --- Conditions -----------------------------------------------------------------


def _as_where(condition: object) -> Where:
    if isinstance(condition, Where):
        return condition
    if callable(condition):
        return _Match(condition)
    raise TypeError(
        f"a condition is a Where or a callable taking a Post, "
        f"not {type(condition).__name__}"
    )


def _and_masks(masks: Iterable[bytes], size: int) -> bytes:
    result = -1
    for mask in masks:
        result &= int.from_bytes(mask, "little")
        if not result:
            return bytes(size)
    return result.to_bytes(size, "little")


def _or_masks(masks: Iterable[bytes], size: int) -> bytes:
    result = 0
    for mask in masks:
        result |= int.from_bytes(mask, "little")
    return result.to_bytes(size, "little")


class Where:
    """A condition on a post, for :meth:`Listing.filter`.

    Build conditions with the static methods below and combine them with
    ``&`` (and), ``|`` (or) and ``~`` (not). A condition is also a callable
    that tests one post. Conditions are immutable, hashable and compare by
    what they test.

    Rules every condition follows:

    - Tags compare case-insensitively (:meth:`str.casefold`).
    - Dates are a :class:`datetime.date` or an ISO string; a partial string
      (``"2024"``, ``"2024-03"``) means the first day of that year or month.
    - Date ranges are half-open: *since* is included, *before* is not.
    - An undated post never satisfies a date condition (but it does satisfy
      the negation of one: ``~Where.since("2024")`` holds undated posts too).

    >>> import bloglist
    >>> from bloglist import Where
    >>> listing = bloglist.loads(bloglist.sample_text())
    >>> condition = Where.tagged_any("data science") & Where.since("2024")
    >>> condition
    (Where.tagged_any('data science') & Where.since('2024-01-01'))
    >>> [post.title[:20] for post in listing.filter(condition)]
    ['Dashboards People Ac', 'Fixed-Power Designs:']
    >>> condition(listing[4])
    True
    """

    __module__ = "bloglist"
    __slots__ = ()

    # Any: whatever is passed, a Where is never built directly; the subclasses
    # define their own constructors.
    def __new__(cls, *args: Any, **kwargs: Any) -> Where:
        if cls is Where:
            raise TypeError(
                "build a condition with a static method such as "
                "Where.tagged_any(), Where.since() or Where.match()"
            )
        return super().__new__(cls)

    def __call__(self, post: Post, /) -> bool:
        """Whether *post* satisfies this condition."""
        raise NotImplementedError  # pragma: no cover

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        """One byte per post of *posts*: 1 where it satisfies this condition.

        *posts* are posts of *listing*, whose indexes the condition may use.
        """
        return bytes(map(self, posts))

    # Cheaper conditions narrow the posts before dearer ones run.
    _cost: int = 2

    def __and__(self, other: Where) -> Where:
        if not isinstance(other, Where):
            return NotImplemented
        return _And(_parts(self, _And) + _parts(other, _And))

    def __or__(self, other: Where) -> Where:
        if not isinstance(other, Where):
            return NotImplemented
        return _Or(_parts(self, _Or) + _parts(other, _Or))

    def __invert__(self) -> Where:
        return _Not(self)

    def __bool__(self) -> bool:
        raise TypeError(
            "a condition has no truth value; combine conditions with "
            "&, | and ~, not with and, or, not"
        )

    @staticmethod
    def tagged_any(*tags: str) -> Where:
        """Posts carrying at least one of *tags*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.tagged_any("Mobile", "People")))
        3
        """
        return _Tags("any", _check_tags(tags))

    @staticmethod
    def tagged_all(*tags: str) -> Where:
        """Posts carrying every one of *tags*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(Where.tagged_all("Data", "Data Science"))]
        ['Dashboards People Ac', 'A Year of Experiment']
        """
        return _Tags("all", _check_tags(tags))

    @staticmethod
    def tagged_none(*tags: str) -> Where:
        """Posts carrying none of *tags* (untagged posts included).

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.tagged_none("data", "data science")))
        8
        """
        return _Tags("none", _check_tags(tags))

    @staticmethod
    def on(day: datetime.date | str, /) -> Where:
        """Posts dated *day*: a whole date, such as ``"2025-03-25"``.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(Where.on("2024-07-01"))]
        ['Our iOS App Got 40% ']
        """
        start = _to_date(day, "day", whole=True)
        ordinal = start.toordinal()
        return _Dates(ordinal, ordinal + 1, f"Where.on({start.isoformat()!r})")

    @staticmethod
    def since(start: datetime.date | str, /) -> Where:
        """Posts dated on or after *start*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.since("2025")))
        3
        """
        day = _to_date(start, "start")
        return _Dates(day.toordinal(), _HIGH, f"Where.since({day.isoformat()!r})")

    @staticmethod
    def before(end: datetime.date | str, /) -> Where:
        """Posts dated before *end*, which is excluded.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.before("2024")))
        3
        """
        day = _to_date(end, "end")
        return _Dates(1, day.toordinal(), f"Where.before({day.isoformat()!r})")

    @staticmethod
    def between(start: datetime.date | str, end: datetime.date | str, /) -> Where:
        """Posts dated on or after *start* and before *end*: ``start <= date < end``.

        Raises ``ValueError`` unless *start* comes before *end*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.between("2024-06", "2024-07-01")))
        1
        """
        first, last = _to_date(start, "start"), _to_date(end, "end")
        if first >= last:
            raise ValueError(
                f"start {first.isoformat()} must come before end {last.isoformat()}: "
                "the range holds start <= date < end"
            )
        return _Dates(
            first.toordinal(),
            last.toordinal(),
            f"Where.between({first.isoformat()!r}, {last.isoformat()!r})",
        )

    @staticmethod
    def year(year: int, /) -> Where:
        """Posts dated in *year*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.year(2023)))
        3
        """
        _check_year(year)
        return _Dates(
            datetime.date(year, 1, 1).toordinal(),
            _start_of_next(year),
            f"Where.year({year})",
        )

    @staticmethod
    def month(year: int, month: int, /) -> Where:
        """Posts dated in *month* of *year*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(Where.month(2025, 3))]
        ['Scaling Our Event Pi', 'Dashboards People Ac']
        """
        _check_year(year)
        if not isinstance(month, int) or isinstance(month, bool):
            raise TypeError(f"month must be an int, not {type(month).__name__}")
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is out of range 1..12")
        return _Dates(
            datetime.date(year, month, 1).toordinal(),
            _start_of_next(year, month),
            f"Where.month({year}, {month})",
        )

    @staticmethod
    def sticky() -> Where:
        """Sticky posts; ``~Where.sticky()`` for the others.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.sticky())), len(listing.filter(~Where.sticky()))
        (5, 7)
        """
        return _STICKY

    @staticmethod
    def dated() -> Where:
        """Posts with a date; ``~Where.dated()`` for undated posts.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(~Where.dated())]
        ['Welcome to the Lumen', 'The Lumen Open Sourc', 'Notes on Naming Thin']
        """
        return _DATED

    @staticmethod
    def search(*terms: str) -> Where:
        """Posts whose title and excerpt hold every one of *terms*.

        Matching ignores case (:meth:`str.casefold`); a term may occur in the
        title or in the excerpt, and may hold spaces (it then matches as a
        phrase). For a search box, split the query: ``Where.search(*query.split())``.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(Where.search("BUILD", "years"))]
        ['Migrating 200 Servic']
        """
        if not terms:
            raise ValueError("Where.search() needs at least one term")
        for term in terms:
            if not isinstance(term, str):
                raise TypeError(
                    f"a search term must be a str, not {type(term).__name__}"
                )
            if not term.strip():
                raise ValueError(f"search term {term!r} is blank")
        return _Search(terms, tuple(term.casefold() for term in terms))

    @staticmethod
    def match(predicate: Callable[[Post], object], /) -> Where:
        """Posts for which ``predicate(post)`` is true.

        Use it to combine your own test with other conditions; a plain
        callable passed to :meth:`Listing.filter` works too.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> many_tags = Where.match(lambda post: len(post.tags) >= 3)
        >>> len(listing.filter(many_tags & Where.sticky()))
        3
        """
        if not callable(predicate):
            raise TypeError(
                f"Where.match() takes a callable, not {type(predicate).__name__}"
            )
        return _Match(predicate)


def _parts(condition: Where, kind: type[_And] | type[_Or]) -> tuple[Where, ...]:
    if isinstance(condition, kind):
        return condition.parts
    return (condition,)


def _check_tags(tags: tuple[object, ...]) -> tuple[str, ...]:
    if not tags:
        raise ValueError(
            "a tag condition needs at least one tag; an empty set of tags "
            "would match everything or nothing"
        )
    for tag in tags:
        if not isinstance(tag, str):
            raise TypeError(f"a tag must be a str, not {type(tag).__name__}")
        if not tag.strip():
            raise ValueError(f"tag {tag!r} is blank")
    return cast(tuple[str, ...], tags)


@attrs.frozen(repr=False)
class _Tags(Where):
    mode: Literal["any", "all", "none"]
    tags: tuple[str, ...]
    folded: frozenset[str] = attrs.field(eq=False)

    _cost = 1

    @folded.default
    def _fold(self) -> frozenset[str]:
        return frozenset(tag.casefold() for tag in self.tags)

    def __repr__(self) -> str:
        return f"Where.tagged_{self.mode}({', '.join(map(repr, self.tags))})"

    def __call__(self, post: Post, /) -> bool:
        folded = {tag.casefold() for tag in post.tags}
        if self.mode == "all":
            return self.folded <= folded
        found = not self.folded.isdisjoint(folded)
        return found if self.mode == "any" else not found

    def candidates(self, listing: Listing) -> tuple[tuple[Post, ...], bool] | None:
        """Posts from the tag index that include every match, and whether
        they are exactly the matches; ``None`` when the index has no such set."""
        if self.mode == "none" or (self.mode == "any" and len(self.folded) > 1):
            return None
        found = _tag_index(listing).posts
        smallest = min((found.get(key, ()) for key in self.folded), key=len)
        return smallest, len(self.folded) == 1

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        found = _tag_index(listing).posts
        tagged = [found.get(key, ()) for key in self.folded]
        if len(posts) * 8 < sum(map(len, tagged)):
            # Few posts against big tags: testing each post is cheaper.
            return bytes(map(self, posts))
        # Whether a post carries a tag is a property of the post object, so
        # membership by identity is exact.
        if self.mode == "all":
            tagged.sort(key=len)
            ids = set(map(id, tagged[0]))
            for more in tagged[1:]:
                ids.intersection_update(map(id, more))
        else:
            ids = set()
            for more in tagged:
                ids.update(map(id, more))
        mask = bytes(map(ids.__contains__, map(id, posts)))
        return mask.translate(_FLIP) if self.mode == "none" else mask


@attrs.frozen(repr=False)
class _Dates(Where):
    # Ordinals: the half-open range start <= date.toordinal() < end.
    start: int
    end: int
    text: str = attrs.field(eq=False)

    _cost = 0

    def __repr__(self) -> str:
        return self.text

    def __call__(self, post: Post, /) -> bool:
        date = post.date
        return date is not None and self.start <= date.toordinal() < self.end

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        # Undated posts have ordinal 0, outside every range.
        start, end = self.start, min(self.end, _HIGH)
        inside: Callable[[int], int] = range(start, end).__contains__
        if len(posts) > 50_000:
            # A byte for every possible ordinal (3.6 MB), 1 inside the range:
            # looking ordinals up in it beats range.__contains__ on big
            # listings.
            inside = (
                bytes(start) + b"\1" * (end - start) + bytes(_HIGH - end)
            ).__getitem__
        if posts is listing._posts:
            return bytes(map(inside, _date_column(listing, False)))
        ordinals = _ordinals(listing)
        return bytes(map(inside, map(ordinals.__getitem__, map(_get_date, posts))))


@attrs.frozen(repr=False)
class _Sticky(Where):
    _cost = 0

    def __repr__(self) -> str:
        return "Where.sticky()"

    def __call__(self, post: Post, /) -> bool:
        return post.sticky

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        return bytes(map(_get_sticky, posts))


@attrs.frozen(repr=False)
class _Dated(Where):
    _cost = 0

    def __repr__(self) -> str:
        return "Where.dated()"

    def __call__(self, post: Post, /) -> bool:
        return post.date is not None

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        return bytes(map(is_not, map(_get_date, posts), repeat(None)))


_STICKY: Final = _Sticky()
_DATED: Final = _Dated()


@attrs.frozen(repr=False)
class _Search(Where):
    terms: tuple[str, ...]
    folded: tuple[str, ...] = attrs.field(eq=False)

    _cost = 2

    def __repr__(self) -> str:
        return f"Where.search({', '.join(map(repr, self.terms))})"

    def __call__(self, post: Post, /) -> bool:
        # A line break cannot occur in a title or an excerpt, so no term
        # matches across the two.
        text = f"{post.title}\n{post.excerpt}".casefold()
        return all(term in text for term in self.folded)


@attrs.frozen(repr=False)
class _Match(Where):
    predicate: Callable[[Post], object]

    _cost = 3

    def __repr__(self) -> str:
        return f"Where.match({self.predicate!r})"

    def __call__(self, post: Post, /) -> bool:
        return bool(self.predicate(post))

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        return bytes(map(bool, map(self.predicate, posts)))


@attrs.frozen(repr=False)
class _And(Where):
    parts: tuple[Where, ...]

    def __repr__(self) -> str:
        return f"({' & '.join(map(repr, self.parts))})"

    def __call__(self, post: Post, /) -> bool:
        return all(part(post) for part in self.parts)

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        return _and_masks(
            (part._mask(posts, listing) for part in self.parts), len(posts)
        )


@attrs.frozen(repr=False)
class _Or(Where):
    parts: tuple[Where, ...]

    def __repr__(self) -> str:
        return f"({' | '.join(map(repr, self.parts))})"

    def __call__(self, post: Post, /) -> bool:
        return any(part(post) for part in self.parts)

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        return _or_masks(
            (part._mask(posts, listing) for part in self.parts), len(posts)
        )


@attrs.frozen(repr=False)
class _Not(Where):
    part: Where

    def __repr__(self) -> str:
        return f"~{self.part!r}"

    def __call__(self, post: Post, /) -> bool:
        return not self.part(post)

    def _mask(self, posts: tuple[Post, ...], listing: Listing) -> bytes:
        return self.part._mask(posts, listing).translate(_FLIP)

    def __invert__(self) -> Where:
        return self.part


# --- Filter -------------------------------------------------------------------


def filter_posts(listing: Listing, conditions: tuple[object, ...]) -> Listing:
    """The posts of *listing* that satisfy every one of *conditions*, in order."""
    if not conditions:
        raise TypeError(
            "filter() needs at least one condition; a filter with none would "
            "match everything"
        )
    parts: list[Where] = []
    for condition in map(_as_where, conditions):
        parts.extend(_parts(condition, _And))
    posts = listing._posts
    # Start from the smallest set of posts a tag index gives, if any.
    best: tuple[Post, ...] | None = None
    chosen: Where | None = None
    for part in parts:
        if isinstance(part, _Tags):
            found = part.candidates(listing)
            if found is not None and (best is None or len(found[0]) < len(best)):
                best = found[0]
                chosen = part if found[1] else None
    if best is not None:
        posts = best
        if chosen is not None:
            parts.remove(chosen)
    # Narrow step by step, cheapest condition first; each keeps the order.
    parts.sort(key=attrgetter("_cost"))
    for part in parts:
        if not posts:
            break
        posts = tuple(compress(posts, part._mask(posts, listing)))
    return Listing._new(posts, listing._diagnostics)


# --- Sort ---------------------------------------------------------------------

_SORT_KEYS: Final = ("date", "-date", "title", "-title")


def _date_column(listing: Listing, undated_high: bool) -> list[int]:
    """Each position's date ordinal; undated posts get _HIGH or _LOW."""
    key = "date-column-high" if undated_high else "date-column-low"

    def build(listing: Listing) -> list[int]:
        ordinals = _ordinals(listing)
        if undated_high:
            ordinals = {**ordinals, None: _HIGH}
        return list(map(ordinals.__getitem__, map(_get_date, listing._posts)))

    return _memoized(listing, key, build)


# A sort step: a column of ints, one per position, and whether it sorts
# descending.
_Step: TypeAlias = tuple[list[int], bool]


def _order(
    listing: Listing, steps: list[_Step], base: list[int] | None = None
) -> list[int]:
    """Positions of *listing* sorted by *steps*, most significant first.

    Ties after the last step keep the order of *base* (by default, the title
    order), so the result is a total order.
    """
    order = list(_title_order(listing) if base is None else base)
    for column, descending in reversed(steps):
        # Python's sort is stable, also with reverse=True: equal keys keep the
        # order the previous step gave them. (Buckets per distinct date were
        # tried: slower, from the random access they make.)
        order.sort(key=column.__getitem__, reverse=descending)
    return order


def _date_order(listing: Listing, descending: bool, undated: str) -> list[int]:
    """Positions by date, then title, then position; shared, so copy to sort."""
    key = f"date-order-{'-' if descending else '+'}{undated}"
    return _memoized(
        listing, key, lambda it: _order(it, [_date_step(it, descending, undated)])
    )


def _date_step(listing: Listing, descending: bool, undated: str) -> _Step:
    # Undated posts go last: above every date ascending, below every date
    # descending; and the other way round for first.
    high = (undated == "last") != descending
    return (_date_column(listing, high), descending)


def sort_posts(
    listing: Listing,
    keys: tuple[str, ...],
    *,
    sticky_first: bool,
    undated: str,
) -> Listing:
    """*listing* sorted by *keys*; see :meth:`Listing.sort_by`."""
    if not isinstance(sticky_first, bool):
        raise TypeError(
            f"sticky_first must be a bool, not {type(sticky_first).__name__}"
        )
    if undated not in ("first", "last"):
        raise ValueError(f"undated must be 'first' or 'last', not {undated!r}")
    if not keys and not sticky_first:
        raise TypeError("sort_by() needs a key: 'date', '-date', 'title' or '-title'")
    seen: set[str] = set()
    for key in keys:
        if key not in _SORT_KEYS:
            raise ValueError(
                f"unknown sort key {key!r}; use 'date', '-date', 'title' or '-title'"
            )
        name = key.lstrip("-")
        if name in seen:
            raise ValueError(f"sort key {name!r} is given twice")
        seen.add(name)
    posts = listing._posts
    wanted = list(keys)
    if wanted and wanted[-1] == "title":
        # The title order every sort starts from already settles it.
        wanted.pop()
    steps: list[_Step] = []
    if sticky_first:
        steps.append((list(map(_get_sticky, posts)), True))
    base = None
    if wanted and wanted[-1].endswith("date"):
        # The least significant key is the date: start from the date order,
        # kept by the listing like the title order.
        base = _date_order(listing, wanted.pop().startswith("-"), undated)
    for key in wanted:
        descending = key.startswith("-")
        if key.endswith("date"):
            steps.append(_date_step(listing, descending, undated))
        else:
            steps.append((_title_rank(listing), descending))
    with paused_collector:  # a million references in one new tuple
        posts = _take(posts, _order(listing, steps, base))
    return Listing._new(posts, listing._diagnostics)


# --- Group and count ----------------------------------------------------------

_GROUPS: Final = ("tag", "year", "month", "sticky")


def _check_by(by: object) -> None:
    if by not in _GROUPS:
        raise ValueError(
            f"cannot group by {by!r}; use 'tag', 'year', 'month' or 'sticky'"
        )


def _period_keys(listing: Listing, by: str) -> dict[datetime.date | None, int]:
    """Each distinct date of the listing -> its period as an int; None -> -1.

    A year is itself; a month is ``year * 12 + month - 1``. Ints sort as the
    periods do (undated last, newest first), and unlike tuples they cost the
    garbage collector nothing.
    """
    keys: dict[datetime.date | None, int] = {}
    for date in _ordinals(listing):
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


def group_posts(listing: Listing, by: str) -> tuple[tuple[Any, Listing], ...]:
    """*listing* split into groups; see :meth:`Listing.group_by`."""
    _check_by(by)
    # The groups hold a reference to every post: a collection while they are
    # built would look at each of them, and find no cycle.
    with paused_collector:
        return _groups(listing, by)


def _groups(listing: Listing, by: str) -> tuple[tuple[Any, Listing], ...]:
    posts, diagnostics = listing._posts, listing._diagnostics
    if by == "tag":
        index = _tag_index(listing)
        return tuple(
            (index.names[key], Listing._new(index.posts[key], diagnostics))
            for key in index.ordered()
        )
    if by == "sticky":
        mask = bytes(map(_get_sticky, posts))
        groups = ((True, mask), (False, mask.translate(_FLIP)))
        return tuple(
            (key, Listing._new(tuple(compress(posts, part)), diagnostics))
            for key, part in groups
            if 1 in part
        )
    period_of = _period_keys(listing, by)
    lists: dict[int, list[Post]] = {key: [] for key in period_of.values()}
    # Each date -> the append of its period's list; the loop runs in C.
    appenders = {key: found.append for key, found in lists.items()}
    append_to = {date: appenders[key] for date, key in period_of.items()}
    deque(map(call, map(append_to.__getitem__, map(_get_date, posts)), posts), 0)
    return tuple(
        (_period_key(by, key), Listing._new(tuple(lists[key]), diagnostics))
        for key in sorted(lists, reverse=True)
        if lists[key]
    )


def count_posts(listing: Listing, by: str) -> tuple[tuple[Any, int], ...]:
    """How many posts each group holds; see :meth:`Listing.count_by`."""
    _check_by(by)
    posts = listing._posts
    if by == "tag":
        index = _tag_index(listing)
        return tuple(
            (index.names[key], len(index.posts[key])) for key in index.ordered()
        )
    if by == "sticky":
        sticky = sum(map(_get_sticky, posts))
        counts = ((True, sticky), (False, len(posts) - sticky))
        return tuple((key, count) for key, count in counts if count)
    period_of = _period_keys(listing, by)
    counted = Counter(map(period_of.__getitem__, map(_get_date, posts)))
    return tuple(
        (_period_key(by, key), counted[key]) for key in sorted(counted, reverse=True)
    )


# --- Page ---------------------------------------------------------------------


def _check_count(value: object, what: str, least: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if value < least:
        raise ValueError(f"{what} must be {least} or more, not {value}")
    return value


def first_posts(listing: Listing, n: int) -> Listing:
    """The first *n* posts of *listing*."""
    return listing[: _check_count(n, "n", 0)]


def last_posts(listing: Listing, n: int) -> Listing:
    """The last *n* posts of *listing*."""
    count = _check_count(n, "n", 0)
    return listing[len(listing) - count :] if count else listing[:0]


@attrs.frozen(kw_only=True)
class Page:
    """One page of a listing, from :meth:`Listing.page`.

    Attributes:
        posts: The posts on this page: *size* of them, fewer only on the
            last page.
        number: The page's number, from 1.
        size: The most posts a page holds.
        total_items: How many posts all the pages hold together.

    >>> import bloglist
    >>> listing = bloglist.loads(bloglist.sample_text())
    >>> page = listing.sort_by("-date").page(3, size=5)
    >>> len(page.posts), page.number, page.total_items, page.total_pages
    (2, 3, 12, 3)
    >>> page.has_previous, page.has_next
    (True, False)
    """

    __module__ = "bloglist"

    posts: Listing
    number: int
    size: int
    total_items: int

    @property
    def total_pages(self) -> int:
        """How many pages there are; at least 1, the first page may be empty.

        >>> import bloglist
        >>> bloglist.Listing().page(1, size=10).total_pages
        1
        """
        return max(1, -(-self.total_items // self.size))

    @property
    def has_next(self) -> bool:
        """Whether a page follows this one.

        >>> import bloglist
        >>> bloglist.loads(bloglist.sample_text()).page(1, size=10).has_next
        True
        """
        return self.number < self.total_pages

    @property
    def has_previous(self) -> bool:
        """Whether a page comes before this one.

        >>> import bloglist
        >>> bloglist.loads(bloglist.sample_text()).page(1, size=10).has_previous
        False
        """
        return self.number > 1


def page_of(listing: Listing, number: int, size: int) -> Page:
    """Page *number* of *listing*; see :meth:`Listing.page`."""
    _check_count(number, "number", 1)
    _check_count(size, "size", 1)
    total = len(listing)
    pages = max(1, -(-total // size))
    if number > pages:
        raise IndexError(
            f"page {number} is out of range: {total} post{'' if total == 1 else 's'} "
            f"make {pages} page{'' if pages == 1 else 's'} of {size}"
        )
    start = (number - 1) * size
    return Page(
        posts=listing[start : start + size], number=number, size=size, total_items=total
    )


# --- Related posts ------------------------------------------------------------


def related_posts(listing: Listing, post: Post) -> Listing:
    """Posts sharing tags with *post*; see :meth:`Listing.related`."""
    if not isinstance(post, Post):
        raise TypeError(f"related() takes a Post, not {type(post).__name__}")
    found = _tag_index(listing).posts
    shared: Counter[int] = Counter()
    for key in {tag.casefold() for tag in post.tags}:
        # A set: the same post object standing twice in the listing shares
        # the tag once.
        shared.update(set(map(id, found.get(key, ()))))
    posts = listing._posts
    title = post.title
    candidates = tuple(
        other
        for other in compress(posts, map(shared.__contains__, map(id, posts)))
        if other.title != title or other != post
    )
    if not candidates:
        return listing[:0]
    within = Listing._new(candidates, listing._diagnostics)
    steps: list[_Step] = [
        ([shared[id(other)] for other in candidates], True),
        _date_step(within, True, "last"),
    ]
    return Listing._new(_take(candidates, _order(within, steps)), listing._diagnostics)
