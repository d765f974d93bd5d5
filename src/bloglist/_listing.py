"""Listing: an immutable sequence of posts, with the query methods; and Page.

The query methods hold no rule of their own: each hands its arguments to
``_query``'s checks, and the listing's :class:`~bloglist._index.Indexes` (or its
posts) to a function of ``_query``, and wraps what comes back (tuples of posts,
or where a page starts and stops) into new listings.
"""

from __future__ import annotations

import reprlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, NoReturn, SupportsIndex, overload

import attrs

from ._errors import check_int, plural, quote, shown_int, type_name
from ._gc import paused_collector
from ._hints import resolve_hints
from ._index import Indexes
from ._post import Diagnostic, Post, checked_items, checked_posts
from ._query import (
    Month,
    SortKey,
    Undated,
    check_page,
    count_posts,
    filter_posts,
    first_posts,
    group_posts,
    last_posts,
    page_bounds,
    page_count,
    related_posts,
    sort_posts,
)
from ._where import Where

__all__ = ["Listing", "Page", "make_listing"]


class Listing(Sequence[Post]):
    """An immutable sequence of posts, with the diagnostics of their parse.

    A listing supports ``len``, indexing, slicing (a slice is a
    :class:`Listing`), iteration and ``in``. Two listings are equal when they
    hold equal posts in the same order; diagnostics do not take part.

    Diagnostics describe the text a listing was parsed from. Every listing
    derived from it (a slice, a query result) keeps the same diagnostics.

    Args:
        posts: The posts, in order.
        diagnostics: The problems found while parsing them; empty for a
            listing built by hand.

    >>> from bloglist import Listing, Post
    >>> listing = Listing([Post(title="One"), Post(title="Two")])
    >>> len(listing), listing[1].title
    (2, 'Two')
    >>> listing[:1] == Listing([Post(title="One")])
    True
    >>> listing
    <Listing: 2 posts, 0 diagnostics>
    """

    __module__ = "bloglist"
    # "__weakref__": a listing can be held weakly (a cache keyed by it), as
    # every other value of the package.
    __slots__ = ("__weakref__", "_diagnostics", "_indexes", "_posts")

    _posts: tuple[Post, ...]
    _diagnostics: tuple[Diagnostic, ...]
    _indexes: Indexes  # built lazily, each on first use; see _index

    def __init__(
        self, posts: Iterable[Post] = (), /, *, diagnostics: Iterable[Diagnostic] = ()
    ) -> None:
        posts = tuple(checked_posts(posts))
        found = checked_items(
            diagnostics, Diagnostic, "diagnostics", "Diagnostic objects"
        )
        _init(self, posts, tuple(found))

    @classmethod
    def _new(
        cls, posts: tuple[Post, ...], diagnostics: tuple[Diagnostic, ...]
    ) -> Listing:
        """A listing from values known to be right, without checking them."""
        listing = object.__new__(cls)
        _init(listing, posts, diagnostics)
        return listing

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The problems found in the text this listing was parsed from.

        >>> import bloglist
        >>> listing = bloglist.loads("A title\\n\\nAn excerpt\\nTags\\nStray")
        >>> [(d.lineno, d.code) for d in listing.diagnostics]
        [(5, 'extra-line')]
        >>> listing.first(0).diagnostics == listing.diagnostics
        True
        """
        return self._diagnostics

    def __len__(self) -> int:
        return len(self._posts)

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> Post: ...
    @overload
    def __getitem__(self, index: slice, /) -> Listing: ...
    def __getitem__(self, index: SupportsIndex | slice, /) -> Post | Listing:
        if isinstance(index, slice):
            return Listing._new(self._posts[index], self._diagnostics)
        # The try costs nothing unless it raises; the messages then name the
        # listing, as a list's messages name the list, not the tuple inside.
        try:
            return self._posts[index]
        except IndexError:
            raise IndexError("listing index out of range") from None
        except TypeError:
            raise TypeError(
                f"listing indices must be integers or slices, not {type_name(index)}"
            ) from None

    def __iter__(self) -> Iterator[Post]:
        return iter(self._posts)

    def __reversed__(self) -> Iterator[Post]:
        return reversed(self._posts)

    def __contains__(self, value: object) -> bool:
        return value in self._posts

    # Sequence's index and count, by the tuple's C loops rather than
    # Sequence's Python ones, and with a message when the value is missing.
    # Positional-only, as every public method's main input is (and as
    # list.index's and tuple.index's are).
    def index(
        self,
        value: object,
        start: SupportsIndex | None = 0,
        stop: SupportsIndex | None = None,
        /,
    ) -> int:
        """The position of the first post equal to *value*, looking from
        *start* up to *stop* as ``list.index`` does (``None``: from the first,
        to the end, as ``Sequence.index`` takes them); ``ValueError`` if none is.

        >>> from bloglist import Listing, Post
        >>> listing = Listing([Post(title="One"), Post(title="Two")])
        >>> listing.index(Post(title="Two"))
        1
        >>> listing.index(Post(title="Three"))
        Traceback (most recent call last):
          ...
        ValueError: post 'Three' is not in the listing
        """
        try:
            return self._posts.index(
                value,
                0 if start is None else start,
                sys.maxsize if stop is None else stop,
            )
        except ValueError:
            raise ValueError(f"{_shown(value)} is not in the listing") from None

    def count(self, value: object, /) -> int:
        """How many posts equal *value*.

        >>> from bloglist import Listing, Post
        >>> Listing([Post(title="One"), Post(title="One")]).count(Post(title="One"))
        2
        """
        return self._posts.count(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Listing):
            return self._posts == other._posts
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._posts)

    def __repr__(self) -> str:
        posts = plural(len(self._posts), "post")
        return f"<Listing: {posts}, {plural(len(self._diagnostics), 'diagnostic')}>"

    # Type checkers would take these to allow any name. (At run time the
    # test is always true, so its other branch is never taken.)
    if not TYPE_CHECKING:  # pragma: no branch

        def __setattr__(self, name: str, value: object) -> NoReturn:
            raise AttributeError(f"Listing is immutable; cannot set {name!r}")

        def __delattr__(self, name: str) -> NoReturn:
            raise AttributeError(f"Listing is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Through the public constructor (or a subclass's), so that a pickle
        # names only bloglist.Listing (and functools.partial), never a private
        # module; reading it back checks the posts again (one C loop).
        return (partial(type(self), diagnostics=self._diagnostics), (self._posts,))

    def _derived(self, posts: tuple[Post, ...]) -> Listing:
        """A listing of *posts* (taken from this one) with this one's diagnostics."""
        return Listing._new(posts, self._diagnostics)

    # Queries: the machinery lives in _query.

    def filter(self, /, *conditions: Where | Callable[[Post], object]) -> Listing:
        """The posts that satisfy every one of *conditions*, in listing order.

        A condition is a :class:`Where` (``Where.tagged_any("Data")``,
        ``Where.since("2024")``, combined with ``&``, ``|``, ``~``) or any
        callable that takes a post. Tag conditions use an index built on
        first use and kept by the listing. With no condition at all, every
        post satisfies them: the result is this listing (of a subclass of
        your own, a plain :class:`Listing` of its posts, as every query
        returns).

        >>> import bloglist
        >>> from bloglist import Where
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> found = listing.filter(Where.tagged_any("data"), Where.year(2025))
        >>> [post.title[:20] for post in found]
        ['Scaling Our Event Pi', 'Dashboards People Ac']
        >>> len(listing.filter(lambda post: post.truncated))
        7
        >>> listing.filter() is listing
        True
        """
        if not conditions:
            # Code with optional filters can pass them all, however many.
            return self if type(self) is Listing else self._derived(self._posts)
        return self._derived(filter_posts(self._indexes, conditions))

    def sort_by(
        self,
        /,
        *keys: SortKey,
        sticky_first: bool = False,
        undated: Undated = "last",
    ) -> Listing:
        """The posts sorted by *keys*, most significant first.

        Keys are ``"date"``, ``"title"``, or either with a leading ``-`` for
        descending (``"-date"``: newest first). Titles compare case-insensitively.
        Ties after the last key break by title, then by position in this
        listing, so the order is total and pages never overlap.

        Args:
            keys: The sort keys; at least one unless *sticky_first* is set.
            sticky_first: Put sticky posts before all others, as the first key.
            undated: Where undated posts go in a date key, whatever its
                direction: ``"last"`` (the default) or ``"first"``.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [post.title[:20] for post in listing.sort_by("-date", sticky_first=True)[:6]]
        ['Scaling Our Event Pi', 'Fixed-Power Designs:', 'Migrating 200 Servic', 'A Year of Experiment', 'The Lumen Open Sourc', 'Dashboards People Ac']
        """
        return self._derived(
            sort_posts(self._indexes, keys, sticky_first=sticky_first, undated=undated)
        )

    @overload
    def group_by(self, by: Literal["tag"], /) -> tuple[tuple[str, Listing], ...]: ...
    @overload
    def group_by(
        self, by: Literal["year"], /
    ) -> tuple[tuple[int | None, Listing], ...]: ...
    @overload
    def group_by(
        self, by: Literal["month"], /
    ) -> tuple[tuple[Month | None, Listing], ...]: ...
    @overload
    def group_by(
        self, by: Literal["sticky"], /
    ) -> tuple[tuple[bool, Listing], ...]: ...
    # Any here only: type checkers see the overloads above, never this.
    def group_by(self, by: str, /) -> tuple[tuple[Any, Listing], ...]:
        """The posts in groups, as ``(key, listing)`` pairs; ``dict()`` makes a mapping.

        - ``"tag"``: one group per tag, a post in each of its tags' groups;
          tags compare case-insensitively and show their first spelling;
          most posts first, then by name, case folded. Untagged posts are in no group.
        - ``"year"``, ``"month"``: keys are a year (``2024``) or a
          ``(year, month)`` pair (``(2024, 3)``), newest first; undated posts
          come last under ``None``.
        - ``"sticky"``: ``True`` then ``False``.

        Each group keeps the listing's order; empty groups are left out.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [(year, len(posts)) for year, posts in listing.group_by("year")]
        [(2025, 3), (2024, 3), (2023, 3), (None, 3)]
        """
        derived = self._derived
        # The groups hold a reference to every post: a collection while they
        # are built would look at each of them, and find no cycle.
        with paused_collector:
            return tuple(
                (key, derived(posts)) for key, posts in group_posts(self._indexes, by)
            )

    @overload
    def count_by(self, by: Literal["tag"], /) -> tuple[tuple[str, int], ...]: ...
    @overload
    def count_by(
        self, by: Literal["year"], /
    ) -> tuple[tuple[int | None, int], ...]: ...
    @overload
    def count_by(
        self, by: Literal["month"], /
    ) -> tuple[tuple[Month | None, int], ...]: ...
    @overload
    def count_by(self, by: Literal["sticky"], /) -> tuple[tuple[bool, int], ...]: ...
    # Any here only: type checkers see the overloads above, never this.
    def count_by(self, by: str, /) -> tuple[tuple[Any, int], ...]:
        """How many posts each group of :meth:`group_by` holds, in the same order.

        ``count_by("tag")`` is the tag cloud: most used first, then by name.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> listing.count_by("tag")[:3]
        (('Data', 3), ('Data Science', 3), ('Developer Tools', 2))
        """
        return count_posts(self._indexes, by)

    def page(self, number: SupportsIndex, /, *, size: SupportsIndex) -> Page:
        """Page *number* (from 1) of the posts, *size* posts a page.

        Sort first: ``listing.sort_by("-date", sticky_first=True).page(2, size=10)``.
        Every page but the last holds exactly *size* posts, and no post is on
        two pages. Page 1 always exists, empty for an empty listing; a number
        past the last page raises ``IndexError``.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> page = listing.page(2, size=5)
        >>> page.posts[0] == listing[5], page.total_pages, page.has_next
        (True, 3, True)
        """
        total = len(self._posts)
        number, size = check_page(number, size)
        start, stop = page_bounds(total, number, size)
        return Page(
            posts=self._derived(self._posts[start:stop]),
            number=number,
            size=size,
            total_items=total,
        )

    def first(self, n: SupportsIndex, /) -> Listing:
        """The first *n* posts, or all of them if there are fewer.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [post.title[:20] for post in listing.sort_by("-date").first(2)]
        ['Scaling Our Event Pi', 'Dashboards People Ac']
        """
        return self._derived(first_posts(self._posts, n))

    def last(self, n: SupportsIndex, /) -> Listing:
        """The last *n* posts, or all of them if there are fewer; none for 0.

        Unlike ``listing[-n:]``, ``last(0)`` is empty.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [post.title[:20] for post in listing.last(2)]
        ['The What, Why, and H', 'A Year of Experiment']
        >>> len(listing.last(0))
        0
        """
        return self._derived(last_posts(self._posts, n))

    def related(self, post: Post, /) -> Listing:
        """The posts sharing tags with *post*, those sharing the most first.

        Ties break by date, newest first (undated last), then by title, then
        by position. *post* itself (and any post equal to it) is left out, as
        are posts sharing no tag. Tags compare case-insensitively. Slice the
        result for the top few: ``listing.related(post)[:3]``.

        >>> import bloglist
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> [p.title[:20] for p in listing.related(listing[4])]
        ['A Year of Experiment', 'Scaling Our Event Pi', 'Fixed-Power Designs:']
        """
        return self._derived(related_posts(self._indexes, post))


# order=False, for type checkers: see Post in _post.py.
@attrs.frozen(kw_only=True, order=False)
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

    A page iterates over its posts, and its ``len()`` is theirs, as a
    template that loops over a page expects:

    >>> [post.title[:12] for post in page], len(page)
    (['The Lumen Op', 'Welcome to t'], 2)
    """

    __module__ = "bloglist"

    posts: Listing
    number: int
    size: int
    total_items: int

    def __attrs_post_init__(self) -> None:
        # A Page built by hand holds together as one from Listing.page does.
        if not isinstance(self.posts, Listing):
            raise TypeError(f"posts must be a Listing, not {type_name(self.posts)}")
        for name, least in (("number", 1), ("size", 1), ("total_items", 0)):
            value = check_int(getattr(self, name), name)
            if value < least:
                raise ValueError(
                    f"{name} must be {least} or more, not {shown_int(value)}"
                )
        if self.number > self.total_pages:
            raise ValueError(
                f"page {shown_int(self.number)} is past the last page, "
                f"{shown_int(self.total_pages)}"
            )
        expected = min(self.size, self.total_items - (self.number - 1) * self.size)
        if len(self.posts) != expected:
            raise ValueError(
                f"page {shown_int(self.number)} of "
                f"{plural(self.total_items, 'post')}, {shown_int(self.size)} a page, "
                f"holds {plural(expected, 'post')}, "
                f"not {len(self.posts)}"
            )

    def __iter__(self) -> Iterator[Post]:
        return iter(self.posts)

    def __len__(self) -> int:
        return len(self.posts)

    @property
    def total_pages(self) -> int:
        """How many pages there are; at least 1, the first page may be empty.

        >>> import bloglist
        >>> bloglist.Listing().page(1, size=10).total_pages
        1
        """
        return page_count(self.total_items, self.size)

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


def _shown(value: object) -> str:
    """*value* as a message names it, cut short if long: a post by its title,
    anything else by its repr."""
    if isinstance(value, Post):
        return f"post {quote(value.title)}"
    return reprlib.repr(value)


def _init(
    listing: Listing, posts: tuple[Post, ...], diagnostics: tuple[Diagnostic, ...]
) -> None:
    object.__setattr__(listing, "_posts", posts)
    object.__setattr__(listing, "_diagnostics", diagnostics)
    object.__setattr__(listing, "_indexes", Indexes(posts))


def make_listing(
    posts: tuple[Post, ...], diagnostics: tuple[Diagnostic, ...]
) -> Listing:
    """A listing from values known to be right (the parser's), without checking them."""
    return Listing._new(posts, diagnostics)


resolve_hints(globals(), Listing, Page)
