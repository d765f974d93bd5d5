"""Listings over time -> Archive: every post ever seen, as immutable values.

An :class:`Archive` is a pure value: :meth:`Archive.merge` takes one more
scrape of a listing and returns a new archive, matching its posts to the
archived ones by the matching rule (``_match``). Storing an archive
in a file is ``_store``'s job; this module knows nothing of files or clocks.
"""

from __future__ import annotations

import copy
import datetime
import functools
import itertools
import operator
import warnings
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise, repeat
from typing import Any, Final, NamedTuple, SupportsIndex, cast

import attrs

from ._errors import (
    BloglistError,
    check_bool,
    check_int,
    lacks_utcoffset,
    offset_problem,
    plural,
    quote,
    quote_id,
    reduced,
    shown_int,
    shown_time,
    type_name,
)
from ._hints import deprecated, resolve_hints
from ._listing import Listing
from ._post import (
    Post,
    WriteError,
    checked_posts,
    instance_of,
    iterable_of,
    renamed,
)
from ._stitch import page_check
from ._uuid import unique_id

__all__ = [
    "AllGoneError",
    "Archive",
    "ArchivedPost",
    "FeedParts",
    "Version",
    "check_aware",
    "check_last_scrape",
    "check_seen_at",
    "check_times",
    "feed_parts",
    "fold_kept",
    "place_key",
    "plain_utc",
]


class AllGoneError(BloglistError, ValueError):
    """A scrape refused unless ``allow_all_gone`` is given: it pairs with
    none of the posts present in the archive (those its last scrape showed),
    which would all count as gone.

    Raised by :meth:`Archive.merge` and :meth:`bloglist.ArchiveFile.add`. A
    ValueError, told apart from their other ValueErrors (a *seen_at* before
    the last scrape, say) by its type: a program that adds scrapes from a
    schedule can set such a scrape aside and warn, as the command does.

    Attributes:
        present: How many posts are present in the archive, all of which
            the scrape would make gone: 1 or more (a ValueError otherwise,
            a TypeError for a value that is not an int).

    >>> import datetime, bloglist
    >>> day = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    >>> archive = bloglist.Archive().merge([bloglist.Post(title="Hello")], seen_at=day)
    >>> try:
    ...     archive.merge([], seen_at=day)
    ... except bloglist.AllGoneError as exc:
    ...     print(exc.present, isinstance(exc, ValueError))
    1 True
    """

    __module__ = "bloglist"

    def __init__(self, present: int) -> None:
        # Raised only when posts are present: 0 or fewer would say nothing.
        if check_int(present, "present") < 1:
            raise ValueError(f"present must be 1 or more, not {shown_int(present)}")
        super().__init__(
            f"the scrape pairs with none of the {plural(present, 'post')} present "
            "in the archive, which would count as gone (allow_all_gone=True "
            "adds it)"
        )
        self.present = present

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to another process) as made: by its count.
        return reduced(self, (type(self), (self.present,)), ["present"])


class _FoldKept:
    """An aware datetime of the second pass of a repeated hour (``fold=1``)
    that pickles as itself at any protocol: a datetime pickled at protocols
    0 to 3 loses its fold, and comes back an hour earlier in a zone such as
    America/New_York on the night its clocks go back. It is rebuilt by
    ``functools.partial(datetime.datetime, fold=1)``, standard library names
    that any release reads back (see docs/compatibility.md)."""

    __slots__ = ("moment",)

    def __init__(self, moment: datetime.datetime) -> None:
        self.moment = moment

    def __reduce__(self) -> tuple[Any, ...]:
        moment = self.moment
        fields = (moment.year, moment.month, moment.day, moment.hour)
        rest = (moment.minute, moment.second, moment.microsecond, moment.tzinfo)
        made = functools.partial(datetime.datetime, fold=moment.fold)
        return made, (*fields, *rest)


def fold_kept(value: Any, protocol: SupportsIndex) -> Any:
    """*value* as a pickle at *protocol* is to hold it: a datetime of
    ``fold=1`` (or a tuple of datetimes holding one) made to keep its fold
    below protocol 4 (:class:`_FoldKept`); anything else as it is. Only at
    pickling: a copy (``copy.copy``, protocol 4) holds the value itself."""
    if operator.index(protocol) >= 4:
        return value
    if isinstance(value, datetime.datetime):
        return _FoldKept(value) if value.fold else value
    if isinstance(value, tuple) and value and isinstance(value[0], datetime.datetime):
        return tuple(_FoldKept(moment) if moment.fold else moment for moment in value)
    return value


def _reduce_keeping_fold(self: object, protocol: SupportsIndex) -> tuple[Any, ...]:
    """``__reduce_ex__`` of a value whose state holds times: below protocol 4,
    with the fold of each kept (:func:`fold_kept`), since the times of an
    archive compare as instants and one an hour off would make a pickle
    unequal to its value; as any object's at 4 and above."""
    made = cast("tuple[Any, ...]", object.__reduce_ex__(self, protocol))
    if operator.index(protocol) >= 4:
        return made
    rebuild, arguments, state, *rest = made
    state = {name: fold_kept(value, protocol) for name, value in state.items()}
    return (rebuild, arguments, state, *rest)


class _KeepsFold:
    """A value whose times keep their fold in a pickle of any protocol (see
    _reduce_keeping_fold): a base, so that a type checker knows the method
    as the class's own (``__reduce_ex__ = _reduce_keeping_fold`` in each
    class, pyright's --verifytypes found ambiguous)."""

    __slots__ = ()

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        return _reduce_keeping_fold(self, protocol)


class ScrapeOrderError(BloglistError, ValueError):
    """A scrape whose *seen_at* is earlier than the archive's last scrape:
    scrapes are added oldest first.

    Raised by :meth:`Archive.merge` and :meth:`bloglist.ArchiveFile.add`;
    nothing is merged or written. A ValueError, as it was before it had a
    type of its own; a program that adds scrapes from a schedule (a clock
    set back, a file whose modification time was kept by a copy) tells it
    from the other errors by its type and its attributes, never by the
    message's words.

    Attributes:
        seen_at: The time of the scrape, as given.
        last: The time of the archive's last scrape.

    >>> import datetime, bloglist
    >>> day = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    >>> archive = bloglist.Archive().merge([bloglist.Post(title="Hello")], seen_at=day)
    >>> try:
    ...     archive.merge([], seen_at=day - datetime.timedelta(days=1))
    ... except bloglist.ScrapeOrderError as exc:
    ...     print(exc.last == day, isinstance(exc, ValueError))
    ...     print(exc)
    True True
    seen_at 2025-03-04T00:00:00+00:00 is earlier than the archive's last scrape, seen at 2025-03-05T00:00:00+00:00; add scrapes oldest first
    """

    __module__ = "bloglist"

    def __init__(self, seen_at: datetime.datetime, last: datetime.datetime) -> None:
        check_aware(seen_at, "seen_at")
        check_aware(last, "last")
        # As instants, in UTC (see check_seen_at); a time out of UTC's
        # range is no scrape's, and the message says it as it is.
        try:
            later = seen_at.astimezone(datetime.UTC) >= last.astimezone(datetime.UTC)
        except OverflowError:
            later = False
        if later:
            raise ValueError(
                f"seen_at {seen_at.isoformat()} is not earlier than last "
                f"{last.isoformat()}: no scrape out of order"
            )
        super().__init__(
            f"seen_at {seen_at.isoformat()} is earlier than the archive's last "
            f"scrape, seen at {last.isoformat()}; add scrapes oldest first"
        )
        self.seen_at = seen_at
        self.last = last

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        # Pickled (to another process) as made: by its times, with their
        # fold below protocol 4 (see fold_kept).
        made = (
            type(self),
            (
                fold_kept(self.seen_at, protocol),
                fold_kept(self.last, protocol),
            ),
        )
        return reduced(self, made, ["seen_at", "last"])


def check_aware(value: object, what: str) -> datetime.datetime:
    """*value* if it is an aware datetime, else an error naming *what*."""
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"{what} must be a datetime.datetime, not {type_name(value)}")
    if lacks_utcoffset(value.tzinfo):
        # A bare datetime.tzinfo(): even isoformat() would raise
        # NotImplementedError.
        raise ValueError(
            f"{what} {value.replace(tzinfo=None).isoformat()} has no UTC offset: "
            f"its timezone ({type_name(value.tzinfo)}) does not implement "
            "utcoffset(); give an aware datetime, such as "
            "datetime.datetime.now(datetime.UTC)"
        )
    # What the timezone gives is checked as datetime would check it (which
    # raises from deep inside for an offset of a day or more, or an int).
    if problem := offset_problem(value):
        raise ValueError(
            f"{what} {shown_time(value)} has no valid UTC offset: {problem}"
        )
    zone = value.tzinfo
    if zone is None or zone.utcoffset(value) is None:
        missing = (
            "no time zone"
            if zone is None
            else f"no UTC offset: its timezone ({type_name(zone)}) gives None"
        )
        raise ValueError(
            f"{what} {value.isoformat()} has {missing}; give an aware "
            "datetime, such as datetime.datetime.now(datetime.UTC)"
        )
    return value


def check_seen_at(
    seen_at: object, last: datetime.datetime | None, what: str = "seen_at"
) -> datetime.datetime:
    """*seen_at* if it is an aware datetime not before *last*, else an error
    naming *what*.

    The one rule for the time of a scrape, shared by :meth:`Archive.merge` and
    the archive file, so that both refuse the same times. The file keeps
    times in UTC: a time whose UTC form falls outside the years 1 to 9999
    (midnight of 0001-01-01 east of Greenwich) is refused too.
    """
    seen_at = check_aware(seen_at, what)
    try:
        instant = seen_at.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError(
            f"{what} {seen_at.isoformat()} is outside the years 1 to 9999 in UTC"
        ) from None
    # In UTC: two times of one zone compare by their wall clocks, which
    # repeat an hour when daylight saving time ends.
    if last is not None and instant < last.astimezone(datetime.UTC):
        if what == "seen_at":
            raise ScrapeOrderError(seen_at, last)
        raise ValueError(
            f"{what} {seen_at.isoformat()} is earlier than the one before, "
            f"seen at {last.isoformat()}; add scrapes oldest first"
        )
    return seen_at


def plain_utc(moment: datetime.datetime) -> datetime.datetime:
    """*moment*, an aware datetime, in UTC as a plain :class:`datetime.datetime`
    to the microsecond: what the archive file keeps of a time. A subclass's
    own precision or state (a ``pandas.Timestamp``'s nanoseconds) is dropped,
    so that an archive merged in memory equals the one its file loads."""
    instant = moment.astimezone(datetime.UTC)
    return datetime.datetime(
        instant.year,
        instant.month,
        instant.day,
        instant.hour,
        instant.minute,
        instant.second,
        instant.microsecond,
        tzinfo=datetime.UTC,
    )


def _check_moment(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name == "gone_since":
        return
    if type(value) is datetime.datetime and value.tzinfo is datetime.UTC:
        return  # aware, and in UTC already
    # Refused as merge refuses a seen_at: naive, or a timezone that gives no
    # offset, or one datetime would refuse from deep inside.
    value = check_aware(value, attribute.name)
    try:
        value.astimezone(datetime.UTC)  # times compare as instants, in UTC
    except OverflowError:
        raise ValueError(
            f"{attribute.name} {value.isoformat()} is outside the years 1 to 9999 in UTC"
        ) from None


def _tuple(value: Iterable[Any], what: str, kind: str) -> tuple[Any, ...]:
    """*value* as a tuple, or TypeError naming *what* when it is not iterable
    (its items are the validators' to check)."""
    if isinstance(value, tuple):
        return value
    return tuple(iterable_of(value, what, kind))


# Named converters: the attrs plugin of mypy reads their types.
def _versions(value: Iterable[Version]) -> tuple[Version, ...]:
    return _tuple(value, "versions", "Version objects")


def _entries(value: Iterable[ArchivedPost]) -> tuple[ArchivedPost, ...]:
    return _tuple(value, "entries", "ArchivedPost objects")


def _scrapes(value: Iterable[datetime.datetime]) -> tuple[datetime.datetime, ...]:
    return _tuple(value, "scrapes", "datetime.datetime objects")


def _compared(moment: datetime.datetime | None) -> datetime.datetime | None:
    """What equality and hashing see of a time: its instant (see _instant).
    Two times of one zone compare by their clocks, ``fold`` ignored, so that
    the two 01:30 of a night when daylight saving time ends would be equal."""
    return None if moment is None else _instant(moment)


def _all_compared(
    moments: tuple[datetime.datetime, ...],
) -> tuple[datetime.datetime, ...]:
    return tuple(map(_instant, moments))


def _plain_post(post: Post) -> Post:
    """*post* as a plain Post if of a subclass of Post; else as is (what is
    no Post, Version's validator refuses): how the archive keeps a post."""
    if type(post) is Post or not isinstance(post, Post):
        return post
    return _plain(post)


# order=False, for type checkers: see Post in _post.py.
@attrs.frozen(kw_only=True, order=False)
class Version(_KeepsFold):
    """One version of an archived post: the post as it was, and when first so.

    Attributes:
        post: The post as this scrape showed it: a post of a subclass of
            :class:`Post` is kept as a plain ``Post`` of its fields, as
            :meth:`Archive.merge` keeps it, so that two versions are equal
            when their fields are.
        seen_at: The time of the scrape that first showed this version.

    >>> import datetime, bloglist
    >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    >>> version = bloglist.Version(post=bloglist.Post(title="Hi"), seen_at=noon)
    >>> version.post.title, version.seen_at.isoformat()
    ('Hi', '2025-03-05T12:00:00+00:00')
    """

    __module__ = "bloglist"

    post: Post = attrs.field(converter=_plain_post, validator=instance_of(Post))
    seen_at: datetime.datetime = attrs.field(validator=_check_moment, eq=_compared)


def _check_place(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (place := check_int(value, attribute.name)) < 0:
        raise ValueError(f"{attribute.name} must be 0 or more, not {shown_int(place)}")


def _check_versions(
    _: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    if not value:
        raise ValueError("an archived post has at least one version")
    for version in value:
        if not isinstance(version, Version):
            raise TypeError(
                f"versions must hold Version objects, not {type_name(version)}"
            )


@attrs.frozen(kw_only=True, order=False)
class ArchivedPost(_KeepsFold):
    """A post of an archive: its id, when it was seen, and its versions.

    Attributes:
        id: The post's archive id: :func:`bloglist.post_id` of the
            post when it was first seen (or a variant of it, if another
            archived post had it already). It never changes, even when the
            post's title or date is edited later.
        first_seen: The time of the first scrape that showed the post.
        last_seen: The time of the last scrape that showed the post.
        gone_since: The time of the first scrape that no longer showed it,
            or ``None`` while the last scrape shows it.
        versions: The post's versions, oldest first; a new version is kept
            only when a scrape shows the post changed, so that no two in a
            row are the same post. The first is the post as it was first
            seen: its ``seen_at`` is *first_seen*.
        place: Where the last scrape showed the post: 0 for its first post,
            1 for the next, and so on; ``None`` while the post is gone, or
            when not known (an archived post built by hand). The matching
            rule meets the archive's present posts in this order, the order
            of the page the last scrape showed, as a diff of the last scrape
            and the new one does (see :meth:`Archive.merge`); then those
            present whose place is not known, then the gone posts, each in
            the archive's order.

    >>> import datetime, bloglist
    >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    >>> day2 = day1 + datetime.timedelta(days=1)
    >>> hi, bye = bloglist.Post(title="Hi"), bloglist.Post(title="Bye")
    >>> archive = bloglist.Archive().merge(bloglist.Listing([hi, bye]), seen_at=day1)
    >>> entry = archive.merge(bloglist.Listing([bye]), seen_at=day2).entries[0]
    >>> entry.post.title, entry.gone_since == day2, len(entry.versions)
    ('Hi', True, 1)
    """

    __module__ = "bloglist"

    id: str = attrs.field(validator=instance_of(str))
    first_seen: datetime.datetime = attrs.field(validator=_check_moment, eq=_compared)
    last_seen: datetime.datetime = attrs.field(validator=_check_moment, eq=_compared)
    gone_since: datetime.datetime | None = attrs.field(
        default=None, validator=_check_moment, eq=_compared
    )
    versions: tuple[Version, ...] = attrs.field(
        converter=_versions, validator=_check_versions
    )
    place: int | None = attrs.field(default=None, validator=_check_place)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            raise ValueError("an archived post's id must not be empty")
        if self.place is not None and self.gone_since is not None:
            raise ValueError(
                "an archived post is gone since "
                f"{self.gone_since.isoformat()}, "
                f"so the last scrape did not show it: its place is None, not "
                f"{shown_int(self.place)}"
            )
        check_times(
            [self.first_seen, *(v.seen_at for v in self.versions), self.last_seen],
            self.gone_since,
        )
        # The first version is the post as it was first seen.
        if _instant(self.versions[0].seen_at) != _instant(self.first_seen):
            raise ValueError(
                f"an archived post was first seen at "
                f"{self.first_seen.isoformat()}, but its first version at "
                f"{self.versions[0].seen_at.isoformat()}, not the same time"
            )
        # A new version is kept only when the post changed.
        if len(self.versions) > 1:
            posts = [version.post for version in self.versions]
            for number, (before, after) in enumerate(pairwise(posts), 1):
                if before == after:
                    raise ValueError(
                        f"an archived post's versions {number} and {number + 1} "
                        "are the same post: a version is kept only when the "
                        "post changed"
                    )

    @property
    def post(self) -> Post:
        """The latest version of the post.

        >>> import datetime, bloglist
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> first = bloglist.Version(post=bloglist.Post(title="Helo"), seen_at=noon)
        >>> fixed = bloglist.Version(post=bloglist.Post(title="Hello"), seen_at=noon)
        >>> entry = bloglist.ArchivedPost(id="urn:x", first_seen=noon, last_seen=noon,
        ...                               versions=[first, fixed])
        >>> entry.post.title
        'Hello'
        """
        return self.versions[-1].post

    @property
    def sticky(self) -> bool:
        """Whether the post was sticky when last seen.

        >>> import datetime, bloglist
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> pinned = bloglist.Post(title="Hi", sticky=True)
        >>> archive = bloglist.Archive().merge([pinned], seen_at=noon)
        >>> archive.merge([bloglist.Post(title="Hi")], seen_at=noon).entries[0].sticky
        False
        """
        return self.versions[-1].post.sticky


def _check_entries(
    _: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    ids = set()
    # The post at each place of the last scrape's page: one a place, or the
    # page's order (the order merge pairs the posts in) is not known.
    placed: dict[int, str] = {}
    for entry in value:
        if not isinstance(entry, ArchivedPost):
            raise TypeError(
                f"entries must hold ArchivedPost objects, not {type_name(entry)}"
            )
        if entry.id in ids:
            raise ValueError(f"two archived posts have the id {quote_id(entry.id)}")
        ids.add(entry.id)
        if entry.place is not None:
            other = placed.setdefault(entry.place, entry.id)
            if other != entry.id:
                raise ValueError(
                    f"archived posts {quote_id(other)} and {quote_id(entry.id)} are both at place "
                    f"{shown_int(entry.place)} of the last scrape's page"
                )


def _own_latest(entries: tuple[ArchivedPost, ...]) -> tuple[ArchivedPost, ...]:
    """*entries*, each with a latest version that is an object of its own.

    :meth:`Archive.entry_of` tells archived posts apart by their latest
    version's identity, so two whose latest version is one Post object (a
    scrape that holds one object twice, or entries built by hand from one
    post) would both find the first. The second gets an equal copy: the
    archive is the same value, and each archived post finds itself.
    """
    seen: set[int] = set()
    own: list[ArchivedPost] | None = None
    for i, entry in enumerate(entries):
        latest = entry.versions[-1]
        if id(latest.post) not in seen:
            seen.add(id(latest.post))
            continue
        if own is None:
            own = list(entries)
        copied = attrs.evolve(latest, post=copy.copy(latest.post))
        own[i] = attrs.evolve(entry, versions=(*entry.versions[:-1], copied))
    return entries if own is None else tuple(own)


def _check_scrapes(
    archive: Archive, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    last = None
    for i, moment in enumerate(value):
        last = check_seen_at(moment, last, f"{attribute.name}[{i}]")
    # After the entries' own checks (attrs runs the validators in field order).
    for entry in archive.entries:
        check_last_scrape(entry.id, entry.last_seen, entry.gone_since, last)


class _Indexed:
    """A slot for an archive's index of its posts (see ``Archive._index``),
    outside the attrs fields, so that ``attrs.asdict``, ``attrs.fields`` and
    ``attrs.evolve`` see only the archive's data."""

    __slots__ = ("_index",)

    _index: dict[object, ArchivedPost]


@attrs.frozen(kw_only=True, order=False, repr=False)
class Archive(_Indexed, _KeepsFold):
    """Every post ever seen in the scrapes of a listing: an immutable value.

    Build one by merging scrapes into an empty archive, oldest first, with
    :meth:`merge`; store one in an SQLite file with :func:`open_archive`.

    Attributes:
        entries: The archived posts: those first seen in the latest scrape
            first, in their order on the page, then those of the scrape
            before, and so on; a post keeps its position here when it is edited,
            gone or back.
        scrapes: The times of the scrapes merged, oldest first. No archived
            post was seen after the last (its ``last_seen``, or its
            ``gone_since``, is not later), and an archive with posts has a
            scrape: an archive built otherwise is a ValueError naming the post
            and both times.

    >>> import datetime, bloglist
    >>> listing = bloglist.loads(bloglist.sample_text())
    >>> day1 = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)
    >>> archive = bloglist.Archive().merge(listing, seen_at=day1)
    >>> len(archive.entries) == len(listing), archive.listing == listing
    (True, True)

    ``repr()`` shows the counts, however many posts an archive holds:

    >>> archive
    <Archive: 12 posts, 1 scrape>
    """

    __module__ = "bloglist"

    entries: tuple[ArchivedPost, ...] = attrs.field(
        default=(), converter=_entries, validator=_check_entries
    )
    scrapes: tuple[datetime.datetime, ...] = attrs.field(
        default=(), converter=_scrapes, validator=_check_scrapes, eq=_all_compared
    )
    # _index (a slot of _Indexed, not a field): which entry holds a post,
    # built on first use: by identity first, so that two equal posts of one
    # archive keep their own ids. Replaced whole, never filled in place: a
    # thread that finds it empty builds its own, and none sees one half
    # built. Never copied or pickled: the ids of this archive's posts mean
    # nothing to a copy, whose posts are other objects.

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {})
        entries = _own_latest(self.entries)
        if entries is not self.entries:
            object.__setattr__(self, "entries", entries)

    def __getstate__(self) -> dict[str, object]:
        return {"entries": self.entries, "scrapes": self.scrapes}

    def __repr__(self) -> str:
        posts = plural(len(self.entries), "post")
        return f"<Archive: {posts}, {plural(len(self.scrapes), 'scrape')}>"

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_index", {})

    @property
    def listing(self) -> Listing:
        """The latest version of every archived post, in the order of :attr:`entries`.

        A :class:`Listing`, so the whole query API works on it; posts no
        longer on the page are in it too (see :meth:`present`).

        >>> import datetime, bloglist
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> archive = bloglist.Archive().merge(listing, seen_at=noon)
        >>> archive.listing.filter(bloglist.Where.sticky()) == listing.filter(
        ...     bloglist.Where.sticky())
        True
        """
        return Listing(entry.post for entry in self.entries)

    def present(self) -> Listing:
        """The posts the last scrape showed, in the order of :attr:`entries`.

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> archive = bloglist.Archive().merge(bloglist.Listing([one, two]), seen_at=day1)
        >>> archive = archive.merge(bloglist.Listing([two]), seen_at=day1)
        >>> [post.title for post in archive.present()]
        ['Two']
        """
        return self._posts(lambda entry: entry.gone_since is None)

    def gone(self) -> Listing:
        """The posts the last scrape no longer showed, in the order of :attr:`entries`.

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> archive = bloglist.Archive().merge(bloglist.Listing([one, two]), seen_at=day1)
        >>> [p.title for p in archive.merge(bloglist.Listing([two]), seen_at=day1).gone()]
        ['One']
        """
        return self._posts(lambda entry: entry.gone_since is not None)

    def new_since(self, moment: datetime.datetime, /) -> Listing:
        """The posts first seen at or after *moment* (an aware datetime): what is new.

        Whatever their dates: :meth:`Where.since` is about those (``bloglist
        archive show`` has both, as ``--new-since`` and ``--since``).

        Times compare as instants, across zones and daylight saving time, to
        the microsecond, as :meth:`merge` keeps ``seen_at``: the posts a merge
        at *moment* added are new since *moment*, whatever finer precision it
        has (a ``pandas.Timestamp``'s nanoseconds).

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> day2 = day1 + datetime.timedelta(days=1)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> archive = bloglist.Archive().merge(bloglist.Listing([one]), seen_at=day1)
        >>> archive = archive.merge(bloglist.Listing([two, one]), seen_at=day2)
        >>> [post.title for post in archive.new_since(day2)]
        ['Two']
        """
        return self._since(moment, operator.attrgetter("first_seen"))

    def changed_since(self, moment: datetime.datetime, /) -> Listing:
        """The posts whose latest version a scrape at or after *moment* (an
        aware datetime) first showed, in place of an earlier version: what
        changed (a title or excerpt edited, a date corrected, tags changed,
        the post pinned or unpinned), whether it is still on the page or not.
        A post new since *moment* is not among them, unless it changed again
        after its first scrape: :meth:`new_since` gives those.

        Times compare as :meth:`new_since` compares them.

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> day2 = day1 + datetime.timedelta(days=1)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> archive = bloglist.Archive().merge(bloglist.Listing([one, two]), seen_at=day1)
        >>> edited = bloglist.Post(title="One", excerpt="Now with words.")
        >>> archive = archive.merge(bloglist.Listing([edited, two]), seen_at=day2)
        >>> [post.excerpt for post in archive.changed_since(day2)]
        ['Now with words.']
        >>> len(archive.changed_since(day2 + datetime.timedelta(seconds=1)))
        0
        """
        return self._since(
            moment,
            lambda entry: (
                entry.versions[-1].seen_at if len(entry.versions) > 1 else None
            ),
        )

    def gone_since(self, moment: datetime.datetime, /) -> Listing:
        """The posts gone since *moment* (an aware datetime): those the last
        scrape no longer showed, which a scrape at or after *moment* was the
        first to miss (:attr:`ArchivedPost.gone_since`).

        Times compare as :meth:`new_since` compares them.

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> day2 = day1 + datetime.timedelta(days=1)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> archive = bloglist.Archive().merge(bloglist.Listing([one, two]), seen_at=day1)
        >>> archive = archive.merge(bloglist.Listing([two]), seen_at=day2)
        >>> [post.title for post in archive.gone_since(day2)]
        ['One']
        """
        return self._since(moment, operator.attrgetter("gone_since"))

    def _since(
        self,
        moment: datetime.datetime,
        when: Callable[[ArchivedPost], datetime.datetime | None],
    ) -> Listing:
        """The posts whose time *when* gives (None: none) is at or after
        *moment*, which is checked to be aware."""
        check_aware(moment, "moment")
        try:
            # An instant in UTC, which compares with the times of any zone by
            # instant (two times of one zone compare by their wall clocks).
            instant = plain_utc(moment)
        except OverflowError:
            # Before 0001-01-01 or after 9999-12-31 in UTC.
            if moment.year != 1:
                return Listing()
            return self._posts(lambda entry: when(entry) is not None)
        return self._posts(
            lambda entry: (time := when(entry)) is not None and time >= instant
        )

    @deprecated(
        "Archive.since() is deprecated: use Archive.new_since(), which gives"
        " the same posts; since() will be removed in a future release"
    )
    def since(self, moment: datetime.datetime, /) -> Listing:
        """Deprecated: the old name of :meth:`new_since`, which gives the same
        posts. It warns (:class:`DeprecationWarning`) and will be removed in a
        future release.

        >>> import datetime, warnings, bloglist
        >>> day = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> archive = bloglist.Archive().merge(
        ...     bloglist.Listing([bloglist.Post(title="One")]), seen_at=day
        ... )
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     archive.since(day) == archive.new_since(day)
        True
        >>> print(caught[0].message)
        Archive.since() is deprecated: use Archive.new_since(), which gives the same posts; since() will be removed in a future release
        """
        warnings.warn(
            "Archive.since() is deprecated: use Archive.new_since(), which gives"
            " the same posts; since() will be removed in a future release",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.new_since(moment)

    def _posts(self, keep: Callable[[ArchivedPost], bool]) -> Listing:
        return Listing(e.post for e in self.entries if keep(e))

    def entry_of(self, post: Post, /) -> ArchivedPost:
        """The archived post whose latest version is *post*; KeyError if none.

        The very post object of :attr:`listing` finds its own entry even when
        two archived posts are equal; another equal post finds the first.
        A post of a subclass of :class:`Post`, which :meth:`merge` keeps as a
        plain ``Post`` of its fields, is looked up as that plain post.
        Anything but a :class:`Post` is a TypeError.

        >>> import datetime, bloglist
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> listing = bloglist.Listing([bloglist.Post(title="Hi")])
        >>> archive = bloglist.Archive().merge(listing, seen_at=noon)
        >>> archive.entry_of(bloglist.Post(title="Hi")).first_seen == noon
        True
        """
        if not isinstance(post, Post):
            raise TypeError(f"post must be a Post, not {type_name(post)}")
        index = self._index
        if not index:
            index = {}
            for entry in reversed(self.entries):  # the first one wins
                latest = entry.post
                index[id(latest)] = entry
                index[latest] = entry
            object.__setattr__(self, "_index", index)
        found = index.get(id(post))
        if found is None or found.post is not post:
            # A post of a subclass, kept as a plain Post, is looked up as one.
            found = index.get(_plain_post(post))
        if found is None:
            raise KeyError(
                f"no archived post has the post {quote(post.title)} given as "
                "its latest version"
            )
        return found

    def id_of(self, post: Post, /) -> str:
        """The archive id of *post*, a latest version (see :meth:`entry_of`).

        For feeds whose entry ids never change when a post is edited.

        >>> import datetime, bloglist
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> listing = bloglist.loads(bloglist.sample_text())
        >>> archive = bloglist.Archive().merge(listing, seen_at=noon)
        >>> archive.id_of(listing[0]) == archive.entries[0].id
        True
        """
        return self.entry_of(post).id

    def to_atom(
        self,
        posts: Iterable[Post] | None = None,
        /,
        *,
        title: str,
        feed_id: str,
        updated: datetime.datetime | datetime.date | None = None,
        author: str | None = None,
        link: str | None = None,
        self_link: str | None = None,
        subtitle: str | None = None,
        lang: str | None = None,
        timezone: datetime.tzinfo = datetime.UTC,
        entry_link: Callable[[Post], str | None] | None = None,
    ) -> str:
        """An Atom feed of the archive whose entry ids never change.

        Like :func:`bloglist.to_atom`, whose options it takes, but each
        entry's id is the post's archive id (:meth:`id_of`), so a reader does
        not see an edited post as a new one, and the entries are newest first
        by date, an undated post placed by the day it was first seen (in
        *timezone*). The feed's *updated* is by default the time of the last
        scrape, or the latest ``published`` or ``updated`` of an entry when
        that is later (a post dated ahead of the scrape in *timezone*), so
        that the feed is never older than its entries; with no scrape,
        ``1970-01-01T00:00:00Z``, as :func:`bloglist.to_atom` writes. Never
        the clock. An entry's ``updated`` is the time of the
        scrape that first showed its latest version, so it changes when the
        post does and not with every scrape (a pin or an unpin alone, which
        the entry does not show, leaves it); a dated post never edited keeps
        the midnight of its day, as :func:`bloglist.to_atom` writes it. It
        never goes back: an edit whose time so found is not after the
        entry's ``updated`` before it (seen before the midnight of a post
        dated ahead, a date ahead corrected) is one second after it.

        Args:
            posts: Latest versions of archived posts, such as a query of
                :attr:`listing`; by default, all of them. An archived post
                given twice is one entry.

        Raises:
            KeyError: A post of *posts* is not the latest version of an
                archived post.
            TypeError: *timezone* is not a :class:`datetime.tzinfo` (or is a
                bare ``datetime.tzinfo()``), or an argument is not of the
                type :func:`bloglist.to_atom` takes.
            WriteError: As :func:`bloglist.to_atom`: a timestamp has no RFC
                3339 form, such as a midnight in a *timezone* that gives no
                UTC offset (its ``utcoffset()`` returns None) or one that
                datetime refuses (a day or more either way); when such a
                *timezone* gives no day for an undated post; and when the id
                of an archived post built by hand is not an absolute IRI.
                Its ``post`` is the post, named by its title in the message,
                and its ``index`` None: the entries are in the feed's order.

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> a = bloglist.Post(title="Helo", date=datetime.date(2025, 3, 1))
        >>> archive = bloglist.Archive().merge(bloglist.Listing([a]), seen_at=day1)
        >>> fixed = bloglist.Post(title="Hello", date=datetime.date(2025, 3, 1))
        >>> later = archive.merge(bloglist.Listing([fixed]), seen_at=day1)
        >>> feeds = [x.to_atom(title="Blog", feed_id="urn:example:blog")
        ...          for x in (archive, later)]
        >>> [feed.count(archive.entries[0].id) for feed in feeds]
        [1, 1]
        """
        from ._export import to_atom

        parts = feed_parts(self, posts, timezone=timezone, updated=updated)
        try:
            return to_atom(
                parts.posts,
                title=title,
                feed_id=feed_id,
                updated=parts.updated,
                author=author,
                link=link,
                self_link=self_link,
                subtitle=subtitle,
                lang=lang,
                timezone=timezone,
                entry_link=entry_link,
                entry_id=parts.entry_id,
                entry_updated=parts.entry_updated,
            )
        except WriteError as exc:
            if exc.index is None:  # the feed's updated: no post's
                raise
            # Its index is of the entries as ordered here, not of *posts*:
            # the post, named by its title, and no index.
            raise renamed(
                exc,
                lambda post: f"the archived post {quote(post.title)}",
                keep_index=False,
            ) from None

    def merge(
        self,
        listing: Iterable[Post],
        /,
        *,
        seen_at: datetime.datetime,
        allow_all_gone: bool = False,
        pages: Sequence[Iterable[Post]] | None = None,
    ) -> Archive:
        """A new archive with one more scrape of the listing, taken at *seen_at*.

        The scrape's posts are matched to the latest versions of all archived
        posts, gone ones included, by the matching rule of :func:`bloglist.diff`
        ("The matching rule" in the docs' page on following a blog), but
        for its step 2 (same title, another date), which sees the present
        posts only: a gone post and a new post of its title are two posts.
        The rule meets the present posts in their order on the last page
        (:attr:`ArchivedPost.place`), then the gone ones, so that it pairs
        the scrape with the present posts as a diff of the last scrape and
        this one does (but where a gone post, which such a diff does not
        see, takes part). A matched post is seen again (``last_seen``; a gone
        one is back) at its place on this page, with a new version if it
        changed; an archived post the scrape does not show is gone from
        *seen_at* on; a scrape post matched to none is new, with its
        :func:`bloglist.post_id` as id. Merging the same scrape again
        changes nothing but ``last_seen`` (and adds to :attr:`scrapes`);
        merged at the time of the last scrape (the same file added twice), it
        changes nothing at all, and this archive is returned.

        Args:
            listing: The whole listing as one scrape showed it (join paged
                index pages first); posts missing from it count as gone.
                Its posts are taken as given, diagnostics unread: check a
                listing read leniently for errors first (a post that failed
                to parse counts as gone, or as edited), as the command does.
            seen_at: When the scrape was taken: an aware datetime, not before
                the last scrape. Never the clock: pass it. The archive keeps
                it in UTC, as its file does, as a plain
                :class:`datetime.datetime` to the microsecond (a
                ``pandas.Timestamp``'s nanoseconds are dropped).
            allow_all_gone: Merge a scrape that makes every present post
                gone. Without it, such a scrape is refused
                (:class:`bloglist.AllGoneError`): the archive has posts its
                last scrape showed, and the scrape's posts pair with none of
                them, as an empty listing, or a wrong page saved in place of
                the index, do. A first scrape, or one after a scrape that
                showed nothing, is never refused. With *pages*, a page that
                stands in place of posts is refused too
                (:class:`bloglist.PageError`), unless this is given: an
                empty page 1 (a failed download) even on a first scrape.
            pages: The pages of a paged index that *listing* was joined from
                with :func:`bloglist.stitch`, in page order, each checked
                unless *allow_all_gone* is given. They must be the same
                objects (so the type asks for a sequence: the list the caller
                stitched, not pages made anew, whose posts would be other
                objects). Refused: a page that
                adds no post but sticky ones before a page that adds posts
                (empty: a failed download; a repeat of earlier pages: a server
                that ignores the page number), or past the last page that adds
                posts unless it can be the end of the index (empty, only sticky
                posts, or fewer posts than the page before, not out of place);
                and a page that shows none of the posts the last scrape showed
                where it stands (a challenge page saved as page 2), unless
                its posts are all dated and none is older than the newest
                dated post it stands for (new posts in place of deleted
                ones). Pages of pinned posts alone, page 1 not empty, are one
                listing, left to the all-gone check, when they show again
                every other post the last scrape showed. The limits of the
                rule are in the docs (the ``archive add --pages`` section of
                the command's page). Unused with *allow_all_gone*, but
                checked.

        Raises:
            TypeError: *seen_at* is not a datetime, *listing* not an
                iterable of posts, *allow_all_gone* not a bool, or *pages*
                not an iterable of iterables of posts.
            ValueError: *seen_at* is naive (or its timezone gives no UTC
                offset), earlier than the last scrape, or outside the years 1
                to 9999 in UTC, or *listing* is not what
                :func:`bloglist.stitch` made of *pages* (a post of it on none
                of them, a post of them missing from it, or one out of
                place).
            AllGoneError: The scrape pairs with no present post, and
                *allow_all_gone* is false (a ValueError; the message says how
                many would be gone).
            PageError: A page of *pages* stands in place of posts, and
                *allow_all_gone* is false (a ValueError; its ``page`` and
                ``reason`` say which and why).

        >>> import datetime, bloglist
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> day2 = day1 + datetime.timedelta(days=1)
        >>> a = bloglist.Post(title="Hello", date=datetime.date(2025, 3, 1))
        >>> archive = bloglist.Archive().merge(bloglist.Listing([a]), seen_at=day1)
        >>> edited = bloglist.Post(title="Hello!", date=datetime.date(2025, 3, 1))
        >>> archive = archive.merge(bloglist.Listing([edited]), seen_at=day2)
        >>> [len(e.versions) for e in archive.entries], archive.listing[0].title
        ([2], 'Hello!')
        >>> challenge = bloglist.Post(title="Just a moment...")
        >>> try:
        ...     archive.merge([challenge], seen_at=day2)
        ... except bloglist.AllGoneError as exc:
        ...     print(exc)
        the scrape pairs with none of the 1 post present in the archive, which would count as gone (allow_all_gone=True adds it)
        """
        from ._match import id_of_key, match_posts, normalize_titles

        last = self.scrapes[-1] if self.scrapes else None
        # Kept in UTC, as the archive file keeps it: an hour that daylight
        # saving time repeats has times no other zone's time equals.
        seen_at = plain_utc(check_seen_at(seen_at, last))
        new = checked_posts(listing, "listing")
        refuse = not check_bool(allow_all_gone, "allow_all_gone")
        check = None
        if pages is not None:
            given = listing if isinstance(listing, Listing) else new
            check = page_check(pages, given, refuse)
        # Kept as plain posts, as the archive file keeps them: the state of a
        # subclass of your own is dropped, as it is of a time's (a post of
        # one is equal to no Post, and would make a version of no change).
        new = list(map(_plain_post, new))
        # Only a present post may pair by step 2 of the rule (a date
        # corrected): a gone one and a new post of its title are two posts.
        gone_since = map(operator.attrgetter("gone_since"), self.entries)
        present = list(map(operator.is_, gone_since, repeat(None)))
        # The rule meets the archived posts in the order of the last page
        # (see page_order), as a diff of the last scrape and this one would.
        order = page_order(self.entries)
        pairs = match_posts(
            tuple(self.entries[i].post for i in order),
            tuple(new),
            redatable=[present[i] for i in order],
        )
        if check is not None:
            check([self.entries[i].post for i in order if present[i]])
        matched = {order[i]: j for i, j in pairs}
        shown = {j for _, j in pairs}
        if refuse and not any(present[i] for i in matched):
            count = sum(present)
            if count:
                raise AllGoneError(count)

        entries: list[ArchivedPost] = []
        for i, entry in enumerate(self.entries):
            j = matched.get(i)
            if j is None:
                if entry.gone_since is None:
                    entry = attrs.evolve(entry, gone_since=seen_at, place=None)
            else:
                entry = seen_again(entry, new[j], seen_at, j)
            entries.append(entry)

        ids = {entry.id for entry in self.entries}
        tried: dict[str, int] = {}
        added: list[ArchivedPost] = []
        unseen = [j for j in range(len(new)) if j not in shown]
        titles = normalize_titles([new[j].title for j in unseen])
        for j, title in zip(unseen, titles, strict=True):
            # post_id(post), with the titles normalised all at once
            post = new[j]
            new_id = unique_id(id_of_key(post.date, title), ids.__contains__, tried)
            ids.add(new_id)
            added.append(first_seen(new_id, post, seen_at, j))
        if (
            not added
            and last is not None
            and seen_at == plain_utc(last)
            and _same_scrape(entries, self.entries)
        ):
            # The last scrape again, at its time (the same file added twice):
            # it changes nothing, and is not recorded again. Compared in UTC:
            # a time a hand-built archive holds in an hour that daylight
            # saving time repeats (or skips) equals no time of another zone.
            return self
        return _merged((*added, *entries), (*self.scrapes, seen_at))


def _same_scrape(
    merged: Sequence[ArchivedPost], entries: tuple[ArchivedPost, ...]
) -> bool:
    """Whether *merged*, the *entries* of an archive as its last scrape
    again leaves them, are those entries: equal, or, in an archive built by
    hand, whose places may have gaps (or be unknown for a post present),
    equal but for places that give the posts the same order."""
    if tuple(merged) == entries:
        return True
    but_place = operator.attrgetter(
        *(field.name for field in attrs.fields(ArchivedPost) if field.name != "place")
    )
    if any(
        but_place(new) != but_place(old)
        for new, old in zip(merged, entries, strict=True)
    ):
        return False
    return page_order(merged) == page_order(entries)


def _merged(
    entries: tuple[ArchivedPost, ...], scrapes: tuple[datetime.datetime, ...]
) -> Archive:
    """The Archive that :meth:`Archive.merge` made, built without checking
    its scrapes again: those before the last were checked when they were
    merged, and the last against them. Checking them all made every merge
    cost as many steps as scrapes before it, and following a blog in memory
    cost the square of its scrapes (36 ms a merge at 16,000 scrapes)."""
    archive: Archive = Archive.__new__(Archive)
    object.__setattr__(archive, "entries", entries)
    object.__setattr__(archive, "scrapes", scrapes)
    object.__setattr__(archive, "_index", {})
    _check_entries(archive, attrs.fields(Archive).entries, entries)
    archive.__attrs_post_init__()
    return archive


# What an Atom entry shows of a post (its title, published, content and
# categories): all of its fields but sticky.
_ATOM_FIELDS: Final = operator.attrgetter("title", "date", "excerpt", "tags")


def _shown(entry: ArchivedPost) -> list[Version]:
    """The versions of *entry* that change what an Atom entry shows: the
    first, and each that differs from the one before in more than
    ``sticky``, which a feed does not show (a pin or an unpin is no edit to
    a feed reader)."""
    versions = entry.versions
    shown = [versions[0]]
    for before, version in itertools.pairwise(versions):
        if _ATOM_FIELDS(version.post) != _ATOM_FIELDS(before.post):
            shown.append(version)
    return shown


def _feed_updated(
    last: datetime.datetime,
    entries: list[ArchivedPost],
    changed: dict[int, datetime.datetime],
    timezone: datetime.tzinfo,
) -> datetime.datetime:
    """The feed's ``updated``: the time of the *last* scrape, or the latest
    ``published`` or ``updated`` of its *entries* when it is later (the
    midnight that begins a post's day in a *timezone* west of UTC, or a
    post dated ahead of the scrape), so that the feed is never older than
    an entry of it (RFC 4287: its latest significant change)."""
    latest = max([last, *changed.values()])
    newest = max(
        (e.post.date for e in entries if e.post.date is not None), default=None
    )
    midnight = None if newest is None else _midnight(newest, timezone)
    return midnight if midnight is not None and midnight > latest else latest


class FeedParts(NamedTuple):
    """What an archive's feed takes besides the options of any feed: its
    posts, newest first, and the keywords of :func:`bloglist.to_atom` that
    make their entries the archive's (see :func:`feed_parts`)."""

    posts: list[Post]
    updated: datetime.datetime | datetime.date | None
    entry_id: Callable[[Post], str]
    entry_updated: Callable[[Post], datetime.datetime | None]


def feed_parts(
    archive: Archive,
    posts: Iterable[Post] | None,
    *,
    timezone: datetime.tzinfo,
    updated: datetime.datetime | datetime.date | None,
) -> FeedParts:
    """The entries of :meth:`Archive.to_atom` for *posts* of *archive* (by
    default, all of them), checked, and the feed's *updated* unless given:
    the command writes the same feed from them, a piece at a time."""
    from ._export import check_iri, check_tzinfo

    # Before the entries' days are read in it.
    check_tzinfo(timezone, "timezone")
    chosen = archive.listing if posts is None else Listing(posts)
    # One entry per archived post, however often *posts* holds it: a feed
    # with two entries of one id is not Atom.
    entries = list(
        {id(entry): entry for entry in map(archive.entry_of, chosen)}.values()
    )

    def day(entry: ArchivedPost) -> datetime.date:
        date = entry.post.date
        if date is not None:
            return date
        first = entry.first_seen
        # Its UTC clock in *timezone*, whose offset tzinfo.fromutc() asks
        # for to convert it: None is a ValueError from inside.
        clock = first.astimezone(datetime.UTC).replace(tzinfo=timezone)
        problem = offset_problem(clock)
        offset = None if problem else clock.utcoffset()
        if offset is None:
            problem = (
                problem or f"its timezone ({type_name(timezone)}) gives no UTC offset"
            )
            raise WriteError(
                f"the undated post {quote(entry.post.title)}, first seen at "
                f"{first.isoformat()}, has no day in the feed: {problem}",
                post=entry.post,
            )
        try:
            try:
                return first.astimezone(timezone).date()
            except NotImplementedError:
                # tzinfo.fromutc() needs dst(), which a tzinfo may leave
                # out (to_atom needs only utcoffset()): the UTC clock
                # moved by the offset the zone gives at it.
                return (clock.replace(tzinfo=None) + offset).date()
        except OverflowError:
            # Its day in *timezone* is before 0001-01-01 or after 9999-12-31.
            return datetime.date.min if first.year == 1 else datetime.date.max

    # Newest first; sorted() is stable, so equal days keep the archive's order.
    ordered = sorted(entries, key=day, reverse=True)
    for entry in ordered:
        # An id given by hand (merge's are urn:uuid: IRIs): named here,
        # not as an entry_id, which this method does not take.
        try:
            check_iri(entry.id, "id")
        except ValueError:
            raise WriteError(
                f"the archived post {quote(entry.post.title)} has the id "
                f"{quote_id(entry.id)}, which is not an absolute IRI, as a feed's "
                "entry ids must be",
                post=entry.post,
            ) from None
    ids = {id(entry.post): entry.id for entry in ordered}
    changed = {
        id(entry.post): when
        for entry in ordered
        if (when := _entry_updated(entry, timezone)) is not None
    }
    if updated is None and archive.scrapes:
        updated = _feed_updated(archive.scrapes[-1], ordered, changed, timezone)
    return FeedParts(
        [entry.post for entry in ordered],
        updated,
        lambda post: ids[id(post)],
        lambda post: changed.get(id(post)),
    )


def _entry_updated(
    entry: ArchivedPost, timezone: datetime.tzinfo
) -> datetime.datetime | None:
    """*entry*'s Atom ``updated``: the time of the scrape that first showed
    what the entry shows (:func:`_shown`), or the midnight that begins its
    day in *timezone* (its ``published``, which ``updated`` must not
    precede) when that is later; None when it is that midnight, as
    :func:`bloglist.to_atom` writes it. It never goes back, and moves with
    every edit the entry shows: an edit whose time so found is not after
    the entry's ``updated`` before it (a date ahead of the scrape
    corrected, an edit seen before its day began) is one second after it,
    so that a reader that compares ``updated`` sees it."""
    if len(entry.versions) == 1 and entry.post.date is not None:
        return None  # never edited, most posts: its midnight
    shown = _shown(entry)
    if len(shown) == 1 and entry.post.date is not None:
        return None  # pinned or unpinned only: its midnight
    updated: datetime.datetime | None = None
    midnight: datetime.datetime | None = None
    for number, version in enumerate(shown):
        date = version.post.date
        midnight = None if date is None else _midnight(date, timezone)
        # Aware times compare as instants, even where UTC cannot hold one.
        when = version.seen_at if number or midnight is None else midnight
        if midnight is not None and midnight > when:
            when = midnight
        if updated is not None and when <= updated:
            when = updated + _LATER
        updated = when
    if entry.post.date is not None and midnight is None:
        return None  # to_atom says why its date has no midnight
    return None if updated == midnight else updated


# How much later than the one before an edit's updated is, when its own
# time is not later (see _entry_updated).
_LATER: Final = datetime.timedelta(seconds=1)


def _midnight(
    date: datetime.date, timezone: datetime.tzinfo
) -> datetime.datetime | None:
    """The midnight that begins *date* in *timezone* (an entry's
    ``published``), or None where the zone gives no offset, or none that
    datetime takes: naive, it cannot be compared, and to_atom refuses the
    post's date by its place in the feed."""
    midnight = datetime.datetime.combine(date, datetime.time(), tzinfo=timezone)
    try:
        offset = midnight.utcoffset()
    except (ValueError, TypeError):
        # datetime refused what the timezone gave (or the timezone raised):
        # to_atom says which, of this date.
        return None
    return None if offset is None else midnight


def check_times(
    seen: list[datetime.datetime], gone_since: datetime.datetime | None
) -> None:
    """Refuse the times of an archived post out of order: *seen* are its
    first_seen, the seen_at of each of its versions (or of none, where they
    are not known), then its last_seen; *gone_since* may not be before the
    last. The one rule of :class:`ArchivedPost` and of the archive file's
    add, which reads a post's times but not its versions'.

    The error names the two times that go back, first_seen and last_seen
    first: the pair add sees too, so that the file's add and load give one
    message for one fault; then the first two in order that do.
    """
    times = list(map(_instant, seen))
    if any(map(operator.gt, times, times[1:])):
        names = [
            "first_seen",
            *(f"versions[{i}].seen_at" for i in range(len(seen) - 2)),
            "last_seen",
        ]
        if times[0] > times[-1]:  # the pair every reader checks
            at, after = 0, len(seen) - 1
        else:
            at = next(i for i, (a, b) in enumerate(pairwise(times)) if a > b)
            after = at + 1
        raise ValueError(
            f"an archived post's times go back: {names[at]} "
            f"{seen[at].isoformat()} is after {names[after]} "
            f"{seen[after].isoformat()} (first_seen, then each version's "
            "seen_at, then last_seen come in that order)"
        )
    if gone_since is not None and _instant(gone_since) < times[-1]:
        raise ValueError(
            f"gone_since {gone_since.isoformat()} is before last_seen "
            f"{seen[-1].isoformat()}"
        )


def check_last_scrape(
    post_id: str,
    last_seen: datetime.datetime,
    gone_since: datetime.datetime | None,
    last_scrape: datetime.datetime | None,
) -> None:
    """Refuse an archived post seen after the archive's last scrape, or in an
    archive with no scrape: its times are those of scrapes. Its last time is
    enough (*gone_since*, else *last_seen*): :func:`check_times` puts the
    others before it. The one rule of :class:`Archive` and of the archive
    file's add, so that a merge never writes a time that goes back."""
    if last_scrape is None:
        raise ValueError(
            f"archived post {quote_id(post_id)}, last seen at {last_seen.isoformat()}, "
            "is in an archive with no scrapes; an archive's posts were seen "
            "in its scrapes"
        )
    name, latest = "last_seen", last_seen
    if gone_since is not None:
        name, latest = "gone_since", gone_since
    if _instant(latest) > _instant(last_scrape):
        raise ValueError(
            f"{name} {latest.isoformat()} of archived post {quote_id(post_id)} is after "
            f"the archive's last scrape, seen at {last_scrape.isoformat()}"
        )


def _instant(moment: datetime.datetime) -> datetime.datetime:
    """*moment* in UTC, where it compares as an instant with any other.

    Two times with the same tzinfo compare by their wall clocks, so that in
    New York 01:15 EST (fold=1) would come before 01:45 EDT, half an hour
    earlier. A time already in UTC is taken as it is (an archive read from
    its file holds only those).
    """
    if moment.tzinfo is datetime.UTC:
        return moment
    return moment.astimezone(datetime.UTC)


def _plain(post: Post) -> Post:
    """*post*, of a subclass of Post, as a plain Post of the same fields."""
    return Post(
        title=post.title,
        date=post.date,
        excerpt=post.excerpt,
        tags=post.tags,
        sticky=post.sticky,
        lineno=post.lineno,
    )


def seen_again(
    entry: ArchivedPost, post: Post, seen_at: datetime.datetime, place: int
) -> ArchivedPost:
    """*entry* shown again as *post* at *seen_at*, at *place* on the page:
    back if gone, a new version if changed."""
    versions = entry.versions
    if post != versions[-1].post:
        versions = (*versions, Version(post=post, seen_at=seen_at))
    # Built unchecked: the checks of an ArchivedPost read every version, and
    # would make each merge cost more the longer a post's history (a post
    # edited every day, its versions all read again each day). What they
    # check holds: *entry* passed them, *seen_at* (checked by merge) is not
    # earlier than its last scrape, a version is added only if the post
    # changed, and a post shown is not gone and has its place.
    again = object.__new__(ArchivedPost)
    for name, value in (
        ("id", entry.id),
        ("first_seen", entry.first_seen),
        ("last_seen", seen_at),
        ("gone_since", None),
        ("versions", versions),
        ("place", place),
    ):
        object.__setattr__(again, name, value)
    return again


def first_seen(
    new_id: str, post: Post, seen_at: datetime.datetime, place: int
) -> ArchivedPost:
    """A post seen for the first time, at *seen_at*, at *place* on the page."""
    return ArchivedPost(
        id=new_id,
        first_seen=seen_at,
        last_seen=seen_at,
        versions=(Version(post=post, seen_at=seen_at),),
        place=place,
    )


def page_order(entries: Sequence[ArchivedPost]) -> list[int]:
    """The order in which the matching rule meets the archived posts
    *entries* (in the archive's order), as their indices: the present posts
    first, those of a known :attr:`~ArchivedPost.place` in their order on the
    last scrape's page, then those whose place is not known; then the gone
    posts. Each in the archive's order where their places do not order them.

    Within a group of posts of one date and title, the rule pairs the posts
    it cannot tell apart by their content in order; in the archive's order
    (first seen first), a scrape that edits two such posts after another
    showed them reordered would give each the other's history.
    """
    return sorted(
        range(len(entries)),
        key=lambda i: place_key(entries[i].place, entries[i].gone_since is not None),
    )


def place_key(place: int | None, gone: bool) -> tuple[bool, bool, int]:
    """The sort key of :func:`page_order`, for a post at *place* (None when
    not known, as for every gone post), *gone* or present: present posts
    first, known places first and in order; sorted() is stable for the rest.
    """
    return gone, place is None, place or 0


resolve_hints(globals(), Version, ArchivedPost, Archive)
