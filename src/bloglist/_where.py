"""Conditions on posts: :class:`Where`, its constructors and combinators.

A condition has two definitions that the tests hold equal: ``Where.__call__``
tests one post, plainly (each condition's ``_test``, once the post is checked
to be a Post), and :func:`mask` tests a whole tuple of posts at once. A mask is ``bytes``, one 0 or 1 per post, computed with ``map`` over
C-level callables and the :class:`~bloglist._index.Indexes` of the posts;
masks combine as big integers. The query machinery (``_query``) uses only the
functions of this module's ``__all__``, never a condition's insides.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import re
from abc import abstractmethod
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import and_, invert, is_not, or_
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    NoReturn,
    Self,
    SupportsIndex,
    cast,
)

from ._errors import check_index, shown_int, type_name
from ._hints import resolve_hints
from ._index import HIGH, Indexes, fold_text, get_date, get_sticky
from ._post import Post, plain_date

__all__ = ["Where", "as_where", "conjuncts", "cost", "mask", "tag_candidates"]

# Masks hold one byte per post, 0 or 1; this table swaps the two.
FLIP: Final = bytes([1, 0]) + bytes(254)


# --- Dates --------------------------------------------------------------------


@functools.cache
def _iso() -> re.Pattern[str]:
    # Compiled on first use: importing the package costs nothing for it.
    return re.compile(
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
        # A subclass as a plain date of its day, as a post keeps its date: a
        # condition compares, hashes, pickles and is shown by its day alone.
        return plain_date(value)
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be a datetime.date or an ISO date string, "
            f"not {type_name(value)}"
        )
    match = _iso().fullmatch(value)
    if match is None:
        # The forms the caller takes: a whole date only (Where.on's), or the
        # start of a month or year too.
        forms = (
            "YYYY-MM-DD"
            if whole
            else "YYYY-MM-DD, or YYYY-MM or YYYY for the start of a month or year"
        )
        raise ValueError(f"{what} {value!r} is not an ISO date; write {forms}")
    try:
        day = datetime.date(
            int(match["year"]), int(match["month"] or 1), int(match["day"] or 1)
        )
    except ValueError:
        # Month 13, year 0000: said before whether a day is missing too.
        raise ValueError(f"{what} {value!r} is not a real date") from None
    if whole and match["day"] is None:
        raise ValueError(
            f"{what} {value!r} is not a whole date; write YYYY-MM-DD, "
            "or use Where.year() or Where.month() for a whole year or month"
        )
    return day


def _check_year(year: object) -> int:
    year = check_index(year, "year")
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValueError(f"year {shown_int(year)} is out of range 1..9999")
    return year


def _start_of_next(year: int, month: int | None = None) -> int:
    """The ordinal of the day after the given year or month ends."""
    if month is None or month == 12:
        year, month = year + 1, 1
    else:
        month += 1
    if year > datetime.MAXYEAR:
        return HIGH
    return datetime.date(year, month, 1).toordinal()


# --- Conditions -----------------------------------------------------------------


class Where:
    """A condition on a post, for :meth:`Listing.filter`.

    Build conditions with the static methods below and combine them with
    ``&`` (and), ``|`` (or) and ``~`` (not). A condition is also a callable
    that tests one post. Conditions are immutable, hashable (when their
    predicates are) and compare by what they test: tags and search terms
    after :meth:`str.casefold`, in any order, each once; dates once
    normalised; ``&`` and ``|`` part by part, in order. Each constructor of
    tags is a kind of its own: ``tagged_any("x")`` is not equal to
    ``tagged_all("x")``, though both keep the same posts.

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
    # A condition can be held weakly, as every other value of the package.
    __slots__ = ("__weakref__",)

    # Whatever is passed, a Where is never built directly; the subclasses
    # define their own constructors. (The abstract methods tell mypy so: it
    # rejects ``Where()``; pyright, which looks for ABCMeta, does not. At run
    # time they change nothing.) Type checkers see a constructor of no
    # argument, so that the class itself is no condition to them (a
    # Callable[[Post], object]), as it is none when the code runs.
    if TYPE_CHECKING:

        def __new__(cls) -> Where: ...

    else:

        def __new__(cls, *args: object, **kwargs: object) -> Where:
            if cls is Where:
                raise TypeError(
                    "build a condition with a static method such as "
                    "Where.tagged_any(), Where.since() or Where.match()"
                )
            return super().__new__(cls)

    def __call__(self, post: Post, /) -> bool:
        """Whether *post* satisfies this condition; TypeError if it is not a
        Post (an object with a post's fields too: the conditions read them,
        and a predicate of the caller's is given posts only)."""
        if not isinstance(post, Post):
            raise TypeError(f"{self!r} takes a Post, not {type_name(post)}")
        return self._test(post)

    @abstractmethod
    def _test(self, post: Post, /) -> bool:
        """Whether *post*, a Post, satisfies this condition."""
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    # Conditions are plain slotted classes rather than attrs classes: they are
    # imported with every Listing, and attrs would make each class at import
    # time (about 0.5 ms apiece). Each subclass says what it tests in _key.

    # Cheaper conditions narrow the posts before dearer ones run. USER (3)
    # marks a condition that calls the caller's own code (a Where.match part).
    _cost: int = 2

    # How many conditions deep the nesting of &, | and ~ goes (see _nest).
    _depth: int = 1

    @abstractmethod
    def _key(self) -> tuple[Any, ...]:
        """What this condition tests, for == and hash."""
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        """One byte per post of *posts*: 1 where it satisfies this condition.

        *posts* are some of ``indexes.posts``, in their order.
        """
        return bytes(map(self._test, posts))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    @abstractmethod
    def __reduce__(self) -> tuple[Any, ...]:
        """How a pickle or a copy rebuilds this condition: by the public
        static methods and operators that built it, so that a pickle names
        ``bloglist.Where`` and no module of the package's own."""
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    # Type checkers would take these to allow any name. (At run time the
    # test is always true, so its other branch is never taken.)
    if not TYPE_CHECKING:  # pragma: no branch

        def __setattr__(self, name: str, value: object) -> NoReturn:
            raise AttributeError(f"a condition is immutable; cannot set {name!r}")

        def __delattr__(self, name: str) -> NoReturn:
            raise AttributeError(f"a condition is immutable; cannot delete {name!r}")

    # Anything but a Where on either side of & or | raises here, with a
    # message naming Where (not a private class) and, for a function, how
    # to combine it, rather than Python's "unsupported operand type(s)".
    def __and__(self, other: Where) -> Where:
        if not isinstance(other, Where):
            raise _not_combinable("&", other)
        return _joined(_And, self, other)

    def __or__(self, other: Where) -> Where:
        if not isinstance(other, Where):
            raise _not_combinable("|", other)
        return _joined(_Or, self, other)

    # Called only when the left operand is not a Where (else __and__ and
    # __or__ are): hidden from type checkers, which then reject `1 & where`
    # as they do `where & 1`. (At run time the test is always true.)
    if not TYPE_CHECKING:  # pragma: no branch

        def __rand__(self, other: object) -> NoReturn:
            raise _not_combinable("&", other)

        def __ror__(self, other: object) -> NoReturn:
            raise _not_combinable("|", other)

    def __invert__(self) -> Where:
        return _Not(self)

    def __bool__(self) -> NoReturn:
        """Always a TypeError: a condition has no truth value (``and``,
        ``or`` and ``not`` would drop one side; combine with ``&``, ``|``
        and ``~``)."""
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
        return _Dates(ordinal, ordinal + 1, "on", (start.isoformat(),))

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
        return _Dates(day.toordinal(), HIGH, "since", (day.isoformat(),))

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
        return _Dates(1, day.toordinal(), "before", (day.isoformat(),))

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
            "between",
            (first.isoformat(), last.isoformat()),
        )

    @staticmethod
    def year(year: SupportsIndex, /) -> Where:
        """Posts dated in *year*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> len(listing.filter(Where.year(2023)))
        3
        """
        year = _check_year(year)
        return _Dates(
            datetime.date(year, 1, 1).toordinal(),
            _start_of_next(year),
            "year",
            (year,),
        )

    @staticmethod
    def month(year: SupportsIndex, month: SupportsIndex, /) -> Where:
        """Posts dated in *month* of *year*.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(Where.month(2025, 3))]
        ['Scaling Our Event Pi', 'Dashboards People Ac']
        """
        year = _check_year(year)
        month = check_index(month, "month")
        if not 1 <= month <= 12:
            raise ValueError(f"month {shown_int(month)} is out of range 1..12")
        return _Dates(
            datetime.date(year, month, 1).toordinal(),
            _start_of_next(year, month),
            "month",
            (year, month),
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

        Matching ignores case (:meth:`str.casefold`) and how an accented
        letter is encoded (an ``é`` of one character or of two: Unicode's
        canonical equivalence, NFC), and reads every kind of whitespace (a
        no-break space, a tab) as a space; a term may occur in
        the title or in the excerpt, and may hold spaces (it then matches as a
        phrase). For a search box, split the query: ``Where.search(*query.split())``.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.filter(Where.search("BUILD", "years"))]
        ['Migrating 200 Servic']
        """
        if not terms:
            raise ValueError("Where.search() needs at least one term")
        return _Search(_check_words(terms, "search term", "terms"))

    @staticmethod
    def match(predicate: Callable[[Post], object], /) -> Where:
        """Posts for which ``predicate(post)`` is true.

        Use it to combine your own test with other conditions; a plain
        callable passed to :meth:`Listing.filter` works too. Given a
        condition (a ``Where``), it returns that condition: it is one
        already, and so keeps to the limit of 100 levels of nesting.

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> many_tags = Where.match(lambda post: len(post.tags) >= 3)
        >>> len(listing.filter(many_tags & Where.sticky()))
        3
        >>> Where.match(Where.sticky()) == Where.sticky()
        True
        """
        if isinstance(predicate, Where):
            # Wrapped, its depth would read as 1: conditions nested in
            # matches would pass MAX_DEPTH, to fail where they are used.
            return predicate
        if not callable(predicate):
            raise TypeError(
                f"Where.match() takes a callable, not {type_name(predicate)}"
            )
        if uncalled := _uncalled(predicate):
            raise TypeError(f"Where.match() takes a callable taking a Post; {uncalled}")
        return _Match(predicate)


def _uncalled(condition: object) -> str:
    """What to say of *condition* if it is one of Where's constructors, not
    called (``Where.sticky`` for ``Where.sticky()``), or the class Where
    itself or a subclass of it, else ``""``.

    Called, it would be given each post and fail on it, with a message about
    its own arguments (``a tag must be a str, not Post``), or, on an empty
    listing, not at all. Told by identity: a caller's callable may have no
    hash, or an equality of its own.
    """
    if isinstance(condition, type) and issubclass(condition, Where):
        # Called, it raises on the first post (Where is never built
        # directly), or makes a condition of the post, which has no truth
        # value: either way it is a class, not a condition.
        what = (
            "Where itself" if condition is Where else f"the class {condition.__name__}"
        )
        return (
            f"{what} is not a condition: build one with a static method "
            "such as Where.tagged_any(...)"
        )
    name = _CONSTRUCTORS.get(id(condition))
    if name is None or getattr(Where, name) is not condition:
        return ""
    # Where.sticky() and Where.dated() take nothing; the others, something.
    takes = "..." if inspect.signature(getattr(Where, name)).parameters else ""
    return (
        f"Where.{name} is what makes a condition, not a condition: "
        f"call it, as in Where.{name}({takes})"
    )


def _not_combinable(op: str, other: object) -> TypeError:
    """The TypeError for *other*, not a Where, on a side of the operator *op*."""
    message = f"{op} combines a Where with another Where, not {type_name(other)}"
    if uncalled := _uncalled(other):
        message += f"; {uncalled}"
    elif callable(other):
        message += "; wrap a function in Where.match(...) to combine it"
    return TypeError(message)


def _check_words(words: tuple[object, ...], what: str, name: str) -> tuple[str, ...]:
    """*words*, the arguments *name* of a constructor, if each is a str with
    something besides whitespace."""
    for word in words:
        if not isinstance(word, str):
            # Where.tagged_any(["a", "b"]): the list is one argument (or a
            # set, a dict's keys, an iterator...; bytes are no list of tags).
            unpack = (
                f"; pass each {what} as its own argument (*{name} unpacks a list)"
                if isinstance(word, Iterable)
                and not isinstance(word, (bytes, bytearray, memoryview))
                else ""
            )
            raise TypeError(f"a {what} must be a str, not {type_name(word)}{unpack}")
        if not word.strip():
            raise ValueError(f"{what} {word!r} is blank")
    # A str's subclass (numpy.str_, or one with a casefold of its own) kept
    # as a plain str, as a post keeps its tags: a condition compares, shows
    # and pickles by its text alone.
    return tuple(map(str.__str__, cast(tuple[str, ...], words)))


def _check_tags(tags: tuple[object, ...]) -> tuple[str, ...]:
    if not tags:
        raise ValueError(
            "a tag condition needs at least one tag; an empty set of tags "
            "would match everything or nothing"
        )
    return _check_words(tags, "tag", "tags")


def _set(condition: Where, **fields: object) -> None:
    # The one way the conditions' __init__ methods set their (read-only) fields.
    for name, value in fields.items():
        object.__setattr__(condition, name, value)


# Testing a condition recurses through its parts, a few interpreter frames
# a level: nesting deeper than this could exhaust Python's recursion limit
# (1,000 frames by default) and fail with RecursionError wherever it is
# used. So it fails here, where it is built, with a message saying why.
MAX_DEPTH = 100


def _nest(
    parts: tuple[Where, ...], cost: int | None = None, depth: int | None = None
) -> dict[str, Any]:
    """The cost and depth of a combination of *parts* (from the parts, unless
    the caller knows them: see :func:`_joined`), as fields to set."""
    # A combination costs what its dearest part does, so that one holding a
    # predicate of the caller's keeps its place after the built-in ones.
    if cost is None:
        cost = max(part._cost for part in parts)
    if depth is None:
        depth = 1 + max(part._depth for part in parts)
    if depth > MAX_DEPTH:
        raise ValueError(
            f"conditions nest at most {MAX_DEPTH} deep (& inside | inside &...); "
            "this one would nest "
            f"{depth} deep: give one condition many values instead "
            "(Where.tagged_any(*tags), Where.search(*terms)) or test "
            "with a function (Where.match)"
        )
    return {"_cost": cost, "_depth": depth}


# Where's constructors (Where.sticky, Where.tagged_any...), by the id of the
# function a lookup on the class gives: see _uncalled.
_CONSTRUCTORS: Final = {
    id(getattr(Where, name)): name
    for name, member in vars(Where).items()
    if isinstance(member, staticmethod) and not name.startswith("_")
}


class _Condition(Where):
    """The base of the conditions the static methods build: to type
    checkers, a constructor of each one's own arguments (see Where.__new__,
    of none), as when the code runs."""

    __slots__ = ()

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> Self: ...


class _Tags(_Condition):
    __slots__ = ("folded", "mode", "tags")
    _cost = 1

    mode: Literal["any", "all", "none"]
    tags: tuple[str, ...]
    folded: frozenset[str]

    def __init__(self, mode: Literal["any", "all", "none"], tags: tuple[str, ...]):
        _set(self, mode=mode, tags=tags)
        _set(self, folded=frozenset(tag.casefold() for tag in tags))

    def __reduce__(self) -> tuple[Any, ...]:
        return (getattr(Where, f"tagged_{self.mode}"), self.tags)

    def _key(self) -> tuple[Any, ...]:
        # What it tests: the folded tags, in any order, each once.
        return (self.mode, self.folded)

    def __repr__(self) -> str:
        return f"Where.tagged_{self.mode}({', '.join(map(repr, self.tags))})"

    def _test(self, post: Post, /) -> bool:
        folded = {tag.casefold() for tag in post.tags}
        if self.mode == "all":
            return self.folded <= folded
        found = not self.folded.isdisjoint(folded)
        return found if self.mode == "any" else not found

    def candidates(self, indexes: Indexes) -> tuple[tuple[Post, ...], bool] | None:
        """Posts from the tag index that include every match, and whether
        they are exactly the matches; ``None`` when the index has no such set."""
        if self.mode == "none" or (self.mode == "any" and len(self.folded) > 1):
            return None
        found = indexes.tags().posts
        smallest = min((found.get(key, ()) for key in self.folded), key=len)
        return smallest, len(self.folded) == 1

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        found = indexes.tags().posts
        tagged = [found.get(key, ()) for key in self.folded]
        if len(posts) * 8 < sum(map(len, tagged)):
            # Few posts against big tags: testing each post is cheaper.
            return bytes(map(self._test, posts))
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
        found_mask = bytes(map(ids.__contains__, map(id, posts)))
        return found_mask.translate(FLIP) if self.mode == "none" else found_mask


class _Dates(_Condition):
    # Ordinals: the half-open range start <= date.toordinal() < end; and how
    # it was asked for: the name of the static method and its arguments.
    __slots__ = ("args", "end", "method", "start")
    _cost = 0

    start: int
    end: int
    method: str
    args: tuple[str | int, ...]

    def __init__(self, start: int, end: int, method: str, args: tuple[str | int, ...]):
        _set(self, start=start, end=end, method=method, args=args)

    def _key(self) -> tuple[Any, ...]:
        # The method is how the range was asked for; two spellings of one
        # range are one condition.
        return (self.start, self.end)

    def __reduce__(self) -> tuple[Any, ...]:
        return (getattr(Where, self.method), self.args)

    def __repr__(self) -> str:
        return f"Where.{self.method}({', '.join(map(repr, self.args))})"

    def _test(self, post: Post, /) -> bool:
        date = post.date
        return date is not None and self.start <= date.toordinal() < self.end

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        # Undated posts have ordinal LOW, outside every range.
        start, end = self.start, min(self.end, HIGH)
        inside: Callable[[int], int] = range(start, end).__contains__
        if len(posts) > 50_000:
            # A byte for every possible ordinal (3.6 MB), 1 inside the range:
            # looking ordinals up in it beats range.__contains__ on big
            # listings.
            inside = (
                bytes(start) + b"\1" * (end - start) + bytes(HIGH - end)
            ).__getitem__
        if posts is indexes.posts:
            return bytes(map(inside, indexes.date_column(False)))
        ordinals = indexes.ordinals()
        return bytes(map(inside, map(ordinals.__getitem__, map(get_date, posts))))


class _Sticky(_Condition):
    __slots__ = ()
    _cost = 0

    def _key(self) -> tuple[Any, ...]:
        return ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Where.sticky, ())

    def __repr__(self) -> str:
        return "Where.sticky()"

    def _test(self, post: Post, /) -> bool:
        return post.sticky

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        return bytes(map(get_sticky, posts))


class _Dated(_Condition):
    __slots__ = ()
    _cost = 0

    def _key(self) -> tuple[Any, ...]:
        return ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Where.dated, ())

    def __repr__(self) -> str:
        return "Where.dated()"

    def _test(self, post: Post, /) -> bool:
        return post.date is not None

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        return bytes(map(is_not, map(get_date, posts), repeat(None)))


_STICKY: Final = _Sticky()
_DATED: Final = _Dated()


# Every character str.isspace() calls whitespace but the space itself: the
# search reads each as a space (a no-break space in a title matches the space
# of a term typed in a search box, as a browser's find does).
_SPACES: Final = dict.fromkeys(
    map(
        ord,
        "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u2028\u2029\u202f\u205f\u3000",
    ),
    " ",
)


def _searched(text: str) -> str:
    """*text* as the search compares it: case folded, composed, whitespace
    as spaces."""
    text = fold_text(text)
    # Whitespace but the space is not printable (control characters, and
    # the separators of categories Zs, Zl and Zp): most text is, and holds
    # none, which one C pass tells.
    return text if text.isprintable() else text.translate(_SPACES)


class _Search(_Condition):
    __slots__ = ("fold", "folded", "terms")
    _cost = 2

    terms: tuple[str, ...]
    folded: tuple[str, ...]
    # How a post's text is folded: whitespace matters only to a term that
    # holds some (a space, once folded); a term with none is found in the
    # text folded or not, so without one the text is only case folded.
    fold: Callable[[str], str]

    def __init__(self, terms: tuple[str, ...]):
        folded = tuple(map(_searched, terms))
        phrase = any(" " in term for term in folded)
        _set(self, terms=terms, folded=folded, fold=_searched if phrase else fold_text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Where.search, self.terms)

    def _key(self) -> tuple[Any, ...]:
        # What it tests: the folded terms, in any order, each once.
        return (frozenset(self.folded),)

    def __repr__(self) -> str:
        return f"Where.search({', '.join(map(repr, self.terms))})"

    def _test(self, post: Post, /) -> bool:
        # Each term in the title or in the excerpt, never across the two
        # (a Post built by hand may hold a line break).
        fold = self.fold
        title, excerpt = fold(post.title), fold(post.excerpt)
        return all(term in title or term in excerpt for term in self.folded)


# The cost of a condition that calls the caller's code.
USER: Final = 3


class _Match(_Condition):
    __slots__ = ("predicate",)
    _cost = USER

    predicate: Callable[[Post], object]

    def __init__(self, predicate: Callable[[Post], object]):
        _set(self, predicate=predicate)

    def _key(self) -> tuple[Any, ...]:
        return (self.predicate,)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Where.match, (self.predicate,))

    def __repr__(self) -> str:
        return f"Where.match({self.predicate!r})"

    def _test(self, post: Post, /) -> bool:
        return bool(self.predicate(post))

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        # Not map(): a StopIteration from the predicate would end the map in
        # silence, and the posts after it would be dropped. A comprehension
        # lets it through, as calling the condition on the post does.
        predicate = self.predicate
        return bytes([bool(predicate(post)) for post in posts])


class _Combination(_Condition):
    """The parts of an ``&`` or an ``|``, with the cost and depth of the whole."""

    __slots__ = ("_cost", "_depth", "_turns", "parts")

    parts: tuple[Where, ...]
    _turns: tuple[Where, ...] | None

    def __init__(
        self,
        parts: tuple[Where, ...],
        cost: int | None = None,
        depth: int | None = None,
    ):
        _set(self, parts=parts, _turns=None, **_nest(parts, cost, depth))

    def _key(self) -> tuple[Any, ...]:
        return (self.parts,)


class _And(_Combination):
    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # part & part & ...: the parts of an & are never an & themselves.
        return (functools.reduce, (and_, self.parts))

    def __repr__(self) -> str:
        return f"({' & '.join(map(repr, self.parts))})"

    def _test(self, post: Post, /) -> bool:
        # A loop, not all() over a generator, which would turn a StopIteration
        # from a predicate into a RuntimeError.
        for part in _in_turn(self):  # noqa: SIM110
            if not part._test(post):
                return False
        return True

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        return _combined(_in_turn(self), posts, indexes, either=False)


class _Or(_Combination):
    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (functools.reduce, (or_, self.parts))

    def __repr__(self) -> str:
        return f"({' | '.join(map(repr, self.parts))})"

    def _test(self, post: Post, /) -> bool:
        for part in _in_turn(self):  # noqa: SIM110 - a loop, as in _And._test
            if part._test(post):
                return True
        return False

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        return _combined(_in_turn(self), posts, indexes, either=True)


class _Not(_Condition):
    __slots__ = ("_cost", "_depth", "part")

    part: Where

    def __init__(self, part: Where):
        _set(self, part=part, **_nest((part,)))

    def _key(self) -> tuple[Any, ...]:
        return (self.part,)

    def __reduce__(self) -> tuple[Any, ...]:
        return (invert, (self.part,))

    def __repr__(self) -> str:
        return f"~{self.part!r}"

    def _test(self, post: Post, /) -> bool:
        return not self.part._test(post)

    def _mask(self, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
        return self.part._mask(posts, indexes).translate(FLIP)

    def __invert__(self) -> Where:
        return self.part


def _in_turn(condition: _Combination) -> tuple[Where, ...]:
    """The parts of *condition* in the order they are tested: the built-in
    ones, then those holding a predicate of the caller's, in the order
    written. Found on first use (a chain built a part at a time by ``&`` or
    ``|`` makes a condition at each step) and kept."""
    found = condition._turns
    if found is None:
        parts = condition.parts
        found = tuple([part for part in parts if part._cost < USER]) + tuple(
            [part for part in parts if part._cost >= USER]
        )
        _set(condition, _turns=found)
    return found


def _joined(kind: type[_And] | type[_Or], left: Where, right: Where) -> Where:
    """``left & right`` (or ``|``): one condition of the parts of both, where
    either is of *kind* already. Its cost and depth come from the two, not
    from every part, so that a chain built a part at a time stays cheap."""
    inner = max(
        left._depth - 1 if isinstance(left, kind) else left._depth,
        right._depth - 1 if isinstance(right, kind) else right._depth,
    )
    return kind(
        _parts(left, kind) + _parts(right, kind),
        max(left._cost, right._cost),
        1 + inner,
    )


def _combined(
    parts: tuple[Where, ...],
    posts: tuple[Post, ...],
    indexes: Indexes,
    *,
    either: bool,
) -> bytes:
    """The mask of the ``&`` (or, if *either*, the ``|``) of *parts*, in
    their :func:`_in_turn` order.

    The built-in parts are answered for every post: they call no code of the
    caller's and cannot fail. Each part holding a predicate of the caller's
    is asked only about the posts whose answer it can still change (those
    every part before it holds, for ``&``; those none holds, for ``|``), as
    ``and`` and ``or`` would ask it: a predicate guarded by a part before it
    never sees a post the guard rules out.
    """
    size = len(posts)
    ones = int.from_bytes(bytes([1]) * size, "little")
    result = 0 if either else ones
    for part in parts:
        # The posts still open: 1 where this part can change the answer.
        open_ = (result ^ ones) if either else result
        if not open_:
            break
        if open_ == ones or part._cost < USER:
            found = int.from_bytes(part._mask(posts, indexes), "little")
        else:
            where = open_.to_bytes(size, "little")
            answers = iter(part._mask(tuple(compress(posts, where)), indexes))
            found = int.from_bytes(
                bytes([next(answers) if bit else 0 for bit in where]), "little"
            )
        result = result | found if either else result & found
    return result.to_bytes(size, "little")


def _parts(condition: Where, kind: type[_And] | type[_Or]) -> tuple[Where, ...]:
    if isinstance(condition, kind):
        return condition.parts
    return (condition,)


# --- What the query machinery uses ---------------------------------------------


def as_where(condition: object) -> Where:
    """*condition* as a :class:`Where`: itself, or a callable wrapped in ``Where.match``."""
    if isinstance(condition, Where):
        return condition
    if callable(condition):
        if uncalled := _uncalled(condition):
            raise TypeError(
                f"a condition is a Where or a callable taking a Post; {uncalled}"
            )
        return _Match(condition)
    raise TypeError(
        f"a condition is a Where or a callable taking a Post, not {type_name(condition)}"
    )


def conjuncts(condition: Where) -> tuple[Where, ...]:
    """The conditions that *condition* requires all of: its parts if it is an ``&``."""
    return _parts(condition, _And)


def cost(condition: Where) -> int:
    """How dear *condition* is to test, from 0; cheaper ones should run first."""
    return condition._cost


def mask(condition: Where, posts: tuple[Post, ...], indexes: Indexes) -> bytes:
    """One byte per post of *posts* (some of ``indexes.posts``, in order): 1
    where it satisfies *condition*, else 0."""
    return condition._mask(posts, indexes)


def tag_candidates(
    condition: Where, indexes: Indexes
) -> tuple[tuple[Post, ...], bool] | None:
    """Posts read from the tag index that include every post satisfying
    *condition*, and whether they are exactly those posts; ``None`` if the
    index cannot say (*condition* is not a tag condition it can answer)."""
    if isinstance(condition, _Tags):
        return condition.candidates(indexes)
    return None


# A pickle names a function by its module: the static methods, by which a
# pickle rebuilds a condition (see Where.__reduce__), are named by the public
# one, as the class is.
for _method in vars(Where).values():
    if isinstance(_method, staticmethod):
        _method.__func__.__module__ = "bloglist"
del _method

resolve_hints(globals(), Where)
