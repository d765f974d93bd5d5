"""The values everything else passes around: Post and Diagnostic; and
WriteError, which carries the post a writer cannot write.

This module imports nothing else of the package but the error formatting
and the resolution of type hints.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from typing import Any, Final, Literal, TypeAlias, TypeVar, cast, get_args

import attrs

from ._errors import (
    TEXT,
    BloglistError,
    at_position,
    check_bool,
    check_int,
    check_str,
    is_iterable,
    not_a,
    quote,
    shown_int,
    type_name,
)
from ._hints import resolve_hints

__all__ = [
    "TEXT_ENDS",
    "Diagnostic",
    "Post",
    "PostRow",
    "Severity",
    "WriteError",
    "bool_field",
    "checked_items",
    "checked_posts",
    "count_field",
    "instance_of",
    "iterable_of",
    "iterable_posts",
    "lone_surrogate",
    "make_diagnostic",
    "make_post",
    "named",
    "plain_date",
    "summaries",
    "truncated_flags",
]

Severity = Literal["error", "warning"]

_T = TypeVar("_T")

# The marks a blog puts where it cut an excerpt short, the commonest first
# (summaries tries it alone, for a whole batch); no mark ends another, so
# their order changes no result.
_CUT_MARKS: Final = ("[…]", "[...]", "…", "...")
# How a line of text ends that no line of category names does: a cut mark,
# as an excerpt's, or the arrow of a link ("Read more »", "Continue →").
TEXT_ENDS: Final = (*_CUT_MARKS, "»", "→")


def _to_date(value: datetime.date | None) -> datetime.date | None:
    """The date of a post: a ``datetime.date`` kept as it is; a subclass of
    it as a plain date of its day (as a str's subclass is kept as a plain
    str, below), so that a post compares, hashes and is written by its day
    alone, whatever the subclass's own ``isoformat()`` or ``str()`` say."""
    if value is None or type(value) is datetime.date:
        return value
    # datetime.datetime is a date too, but compares unequal to any date and
    # would carry a time the format cannot hold.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"date must be a datetime.date or None, not {type_name(value)}")
    return plain_date(value)


def plain_date(value: datetime.date) -> datetime.date:
    """*value*, a date or a subclass of it, as a plain ``datetime.date`` of
    its day, by the base class's own method: a subclass's may be overridden
    (its ``isoformat()``, ``toordinal()``, ``==``)."""
    if type(value) is datetime.date:
        return value
    return datetime.date.fromordinal(datetime.date.toordinal(value))


# A title, an excerpt or a tag given as a str's subclass (``numpy.str_``, or
# one with its own ``==``, hash or ``in``) is kept as a plain str: a post
# compares, hashes and is written by its text alone. Checked by converters,
# which also refuse what is not a str, with one call a field: a validator
# more would cost as much again for every post made.


def _to_title(value: str) -> str:
    return value if type(value) is str else _plain_text(value, "title")


def _to_excerpt(value: str) -> str:
    return value if type(value) is str else _plain_text(value, "excerpt")


def _plain_text(value: object, name: str) -> str:
    return str.__str__(check_str(value, name))


def _plain_tags(tags: tuple[object, ...]) -> tuple[str, ...]:
    """*tags*, a plain tuple, if each is a plain str; else a copy with each
    str's subclass as a plain str, or a TypeError for one that is no str."""
    for tag in tags:
        if type(tag) is not str:
            break
    else:
        return tags  # type: ignore[return-value]  # each is a str
    for tag in tags:
        if not isinstance(tag, str):
            raise TypeError(f"tags must hold str, not {type_name(tag)}")
    return tuple(map(str.__str__, tags))


def _to_tags(value: Iterable[str]) -> tuple[str, ...]:
    if type(value) is tuple:
        return _plain_tags(value)
    # Any other iterable, a tuple's subclass too (a named tuple, or one with
    # its own == or hash), becomes a plain tuple: a post compares and hashes
    # by its tags' values alone.
    if isinstance(value, str):
        raise TypeError("tags must be an iterable of str, not a single str")
    # Bytes iterate as ints: refused by their name, not by the first int's.
    given: object = value  # checked for callers without a type checker
    if isinstance(given, (bytes, bytearray)):
        raise TypeError(f"tags must be an iterable of str, not {type_name(value)}")
    try:
        items = iter(value)
    except TypeError:
        raise TypeError(
            f"tags must be an iterable of str, not {type_name(value)}"
        ) from None
    return _plain_tags(tuple(items))


def _check_lineno(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"lineno must be an int or None, not {type_name(value)}")
    if value < 1:
        raise ValueError(f"lineno must be 1 or more, not {shown_int(value)}")


def bool_field(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: TypeError unless the value is a bool."""
    check_bool(value, attribute.name)


def count_field(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: TypeError unless the value is an int (a bool is
    not), ValueError unless it is 0 or more."""
    if (count := check_int(value, attribute.name)) < 0:
        raise ValueError(f"{attribute.name} must be 0 or more, not {shown_int(count)}")


def instance_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator: TypeError ``title must be a str, not int`` unless
    the value is a *kind*. (attrs' own ``instance_of`` raises a TypeError
    whose message is a tuple holding the Attribute.)"""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise TypeError(
                f"{attribute.name} must be a {kind.__name__}, not {type_name(value)}"
            )

    return check


_str = instance_of(str)


def _not_blank(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be blank, not {quote(value)}")


# order=False is attrs' default, written out for type checkers, which
# would otherwise accept sorting these values (mypy's attrs plugin does).
@attrs.frozen(kw_only=True, order=False)
class Post:
    """One post of a listing.

    Posts are immutable, hashable and compare by content: two posts are equal
    when their title, date, excerpt, tags and sticky flag are, and they are
    of one class (a post of a subclass of Post is never equal to a Post:
    :func:`~bloglist.diff` shows it as changed, in no field). They have no
    implicit order; sort them with a key.

    The attributes below are described as the parser gives them. A post
    built by hand keeps the text it is given as it is: :func:`~bloglist.dumps`
    refuses what the listing format cannot carry (a title that is empty,
    starts or ends with whitespace, or holds a line break) with a
    :class:`~bloglist.WriteError`.

    Attributes:
        title: The title line, stripped of surrounding whitespace.
        date: The post's date, or ``None`` for an undated post (a
            subclass of ``datetime.date`` is kept as a plain date).
        excerpt: The excerpt line as written, stripped of surrounding
            whitespace, with any cut mark (``[…]``) kept.
        tags: The category names of the tag line, in order.
        sticky: Whether the post carries the ``sticky`` marker.
        lineno: The 1-based line of the post's first line in the text it was
            parsed from (its header, or else its title), or ``None`` for a post
            built by hand. Not part of equality, hashing or the repr.

    >>> import datetime
    >>> from bloglist import Post
    >>> post = Post(
    ...     title="Hello",
    ...     date=datetime.date(2025, 3, 25),
    ...     excerpt="It begins [\N{HORIZONTAL ELLIPSIS}]",
    ...     tags=["News", "Data Science"],
    ... )
    >>> post.tags
    ('News', 'Data Science')
    >>> post.truncated, post.summary
    (True, 'It begins')
    >>> post == Post(title="Hello", date=datetime.date(2025, 3, 25),
    ...              excerpt="It begins [\N{HORIZONTAL ELLIPSIS}]",
    ...              tags=("News", "Data Science"), sticky=False)
    True
    """

    __module__ = "bloglist"

    title: str = attrs.field(converter=_to_title)
    date: datetime.date | None = attrs.field(default=None, converter=_to_date)
    excerpt: str = attrs.field(default="", converter=_to_excerpt)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_tags)
    sticky: bool = attrs.field(default=False, validator=bool_field)
    lineno: int | None = attrs.field(
        default=None, eq=False, repr=False, validator=_check_lineno
    )

    @property
    def truncated(self) -> bool:
        """Whether the excerpt ends in a cut mark (``[…]``, ``[...]``, ``…`` or ``...``).

        An excerpt cut mid-word with no mark cannot be told from a whole one
        and counts as not truncated.

        >>> from bloglist import Post
        >>> Post(title="T", excerpt="So it goes\N{HORIZONTAL ELLIPSIS}").truncated
        True
        >>> Post(title="T", excerpt="A whole sentence.").truncated
        False
        """
        return self.excerpt.endswith(_CUT_MARKS)

    @property
    def summary(self) -> str:
        """The excerpt without its cut mark and the space before it.

        >>> from bloglist import Post
        >>> Post(title="T", excerpt="We created [\N{HORIZONTAL ELLIPSIS}]").summary
        'We created'
        >>> Post(title="T", excerpt="A whole sentence.").summary
        'A whole sentence.'
        """
        return _summary(self.excerpt)


def _summary(excerpt: str) -> str:
    for mark in _CUT_MARKS:
        if excerpt.endswith(mark):
            return excerpt[: -len(mark)].rstrip()
    return excerpt


def truncated_flags(excerpts: Sequence[str]) -> list[bool]:
    """:attr:`Post.truncated` of posts with these *excerpts*, in one C loop
    (the property costs a Python call per post)."""
    return list(map(str.endswith, excerpts, repeat(_CUT_MARKS)))


def summaries(excerpts: Sequence[str], truncated: list[bool]) -> list[str]:
    """:attr:`Post.summary` of posts with these *excerpts*, given their
    :func:`truncated_flags`, a batch at a time.

    An excerpt that is not truncated is its own summary. When every truncated
    one ends in the commonest mark, the first one tried, their summaries are
    made by C loops (``removesuffix``, then ``rstrip``); else one at a time,
    as the property makes them.
    """
    found = list(excerpts)
    where = list(compress(range(len(excerpts)), truncated))
    if not where:
        return found
    cut = list(map(excerpts.__getitem__, where))
    mark = _CUT_MARKS[0]
    if all(map(str.endswith, cut, repeat(mark))):
        made: Iterable[str] = map(str.rstrip, map(str.removesuffix, cut, repeat(mark)))
    else:
        made = map(_summary, cut)
    for index, summary in zip(where, made, strict=True):
        found[index] = summary
    return found


def named(index: int, post: Post) -> str:
    """*post*, the *index*-th of what a writer was given, as its messages name
    it: ``posts[3] ('Title', line 12)``, with the line of the text it was
    read from when it has one (``lineno``), the title cut short if long."""
    line = "" if post.lineno is None else f", line {post.lineno}"
    return f"posts[{index}] ({quote(post.title)}{line})"


class WriteError(BloglistError, ValueError):
    """The posts cannot be written in the format asked for.

    Raised by the writers (:func:`bloglist.dumps`, the exports) for a value the
    format cannot hold, such as a title with a line break. It is a
    :class:`ValueError`, so code that caught ``ValueError`` still works.

    Attributes:
        post: The post that cannot be written, or ``None`` when the error is
            about no single post (an Atom feed's ``updated`` time).
        index: The position of :attr:`post` among the posts the writer was
            given, from 0: the ``N`` of ``posts[N]`` in the message. ``None``
            when :attr:`post` is, and from :meth:`bloglist.Archive.to_atom`,
            which orders the archive's entries itself.

    >>> import bloglist
    >>> posts = [bloglist.Post(title="Fine", excerpt="x"),
    ...          bloglist.Post(title="Two\\nlines", excerpt="x")]
    >>> try:
    ...     bloglist.dumps(posts)
    ... except bloglist.WriteError as err:
    ...     print(err)
    ...     print(err.index, err.post is posts[1])
    posts[1] ('Two\\nlines'): title holds a line break
    1 True
    """

    __module__ = "bloglist"

    def __init__(
        self, message: str, *, post: Post | None = None, index: int | None = None
    ) -> None:
        # Checked as ParseError's parts are, for one built by hand.
        check_str(message, "message")
        if post is not None and not isinstance(post, Post):
            raise TypeError(f"post must be a Post or None, not {type_name(post)}")
        # An index alone is allowed: a program's own writer may give the
        # place of what it could not write without the post.
        if index is not None and check_int(index, "index") < 0:
            raise ValueError(f"index must be 0 or more, not {shown_int(index)}")
        super().__init__(message)
        # A pickle keeps them: an exception pickles as its class, its args
        # (the message) and its __dict__ (these two).
        self.post = post
        self.index = index


_post_slots = {
    name: getattr(Post, name)
    for name in ("title", "date", "excerpt", "tags", "sticky", "lineno")
}
_new_object = object.__new__
_set_title = _post_slots["title"].__set__
_set_date = _post_slots["date"].__set__
_set_excerpt = _post_slots["excerpt"].__set__
_set_tags = _post_slots["tags"].__set__
_set_sticky = _post_slots["sticky"].__set__
_set_lineno = _post_slots["lineno"].__set__


def renamed(
    exc: WriteError, name: Callable[[Post], str], *, keep_index: bool = True
) -> WriteError:
    """*exc*, about the post a writer could not write, with *name* of that
    post in place of its index among those written (``posts[3] ('Title',
    line 2)``): the command's messages name the post by where to find it.
    Without *keep_index*, the error has no index: for a caller that ordered
    the posts itself, whose order the index is not of."""
    post, index = exc.post, exc.index
    assert post is not None and index is not None  # the writers name the post
    what = str(exc).replace(named(index, post), name(post), 1)
    return WriteError(what, post=post, index=index if keep_index else None)


def lone_surrogate(posts: Iterable[Post]) -> tuple[int, str, str] | None:
    """The first lone surrogate (from ``surrogateescape`` decoding) in the
    text of *posts*, which UTF-8 cannot encode, as ``(index of the post,
    field, the character)``, the field being ``"title"``, ``"excerpt"`` or
    ``"tags"``; None if there is none. For the error messages of the writers
    that encode UTF-8 themselves, after the encode has failed."""
    for index, post in enumerate(posts):
        for field, texts in (
            ("title", (post.title,)),
            ("excerpt", (post.excerpt,)),
            ("tags", post.tags),
        ):
            for text in texts:
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    return index, field, text[exc.start]
    return None


def iterable_of(values: object, what: str, items: str, /) -> Iterable[Any]:
    """*values* if it is iterable and not text, else TypeError naming the
    argument *what* and what it holds, *items*: ``what must be an iterable of
    items, not int`` (or ``not str``: a text's characters are no items)."""
    if not is_iterable(values) or isinstance(values, TEXT):
        raise TypeError(
            f"{what} must be an iterable of {items}, not {type_name(values)}"
        )
    return values


def checked_items(values: object, kind: type[_T], what: str, items: str, /) -> list[_T]:
    """*values*, an iterable of *kind* objects, as a list; else the TypeError
    of :func:`iterable_of`, or one naming ``what[i]``, the first item that is
    not a *kind*. All items are checked by one C loop. An item that is not a
    *kind* is named before an error the iterable raises after it."""
    found: list[Any] = []
    stopped: Exception | None = None
    try:
        found.extend(iterable_of(values, what, items))
    except Exception as exc:  # raised once the items read are checked (not Ctrl-C)
        stopped = exc
    if not all(map(isinstance, found, repeat(kind))):
        for index, item in enumerate(found):  # pragma: no branch  # one is not
            if not isinstance(item, kind):
                raise not_a(kind.__name__, what, index, item)
    if stopped is not None:
        raise stopped
    return found


# What a posts argument holds, as its TypeError says.
_POSTS: Final = "posts, such as a Listing"


def iterable_posts(posts: object, what: str = "posts", /) -> Iterable[Any]:
    """*posts* if it is iterable, else the TypeError of :func:`checked_posts`,
    for functions that read their posts as they come (the exports)."""
    _not_text(posts, what)
    return iterable_of(posts, what, _POSTS)


def _not_text(posts: object, what: str) -> None:
    """TypeError for a listing's text where its posts are wanted: a str
    would be read a character at a time (``posts[0] must be a Post, not
    str``), bytes a number at a time; or for the path of its file."""
    if isinstance(posts, TEXT):
        raise TypeError(
            f"{what} must be an iterable of {_POSTS}, not {type_name(posts)}: "
            "parse the text first with bloglist.loads (or bloglist.load)"
        )
    if isinstance(posts, os.PathLike):
        raise TypeError(
            f"{what} must be an iterable of {_POSTS}, not a path "
            f"({type_name(posts)}): read the file first, as "
            'with open(path, "rb") as fp: posts = bloglist.load(fp)'
        )


def checked_posts(posts: object, what: str = "posts", /) -> list[Post]:
    """*posts*, an iterable of posts, as a list; else TypeError naming *what*
    (the argument) or ``what[i]``, the first item that is not a Post.

    The one check of a list of posts: for :class:`~bloglist.Listing`,
    :func:`~bloglist.dumps`, :func:`~bloglist.diff`, :func:`~bloglist.stitch`
    and the archive.
    """
    _not_text(posts, what)
    return checked_items(posts, Post, what, _POSTS)


def make_post(
    title: str,
    date: datetime.date | None,
    excerpt: str,
    tags: tuple[str, ...],
    sticky: bool,
    lineno: int | None,
) -> Post:
    """Build a Post from values the parser has already checked.

    Skips the validators (the parser only ever passes the right types) and
    the frozen ``__setattr__`` guard, by writing the slots directly.
    """
    post: Post = _new_object(Post)
    _set_title(post, title)
    _set_date(post, date)
    _set_excerpt(post, excerpt)
    _set_tags(post, tags)
    _set_sticky(post, sticky)
    _set_lineno(post, lineno)
    return post


# A post's fields in the order of make_post's parameters: what the command's
# JSON writers take where they need no Post (see _cli._Rows).
PostRow: TypeAlias = tuple[str, datetime.date | None, str, tuple[str, ...], bool, int]


def _check_place(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (place := check_int(value, attribute.name)) < 1:
        raise ValueError(f"{attribute.name} must be 1 or more, not {shown_int(place)}")


_SEVERITIES: Final = get_args(Severity)


def _plain(value: object) -> object:
    """A str's subclass (a ``StrEnum`` member) as a plain str, as a post
    keeps its text, so that a diagnostic compares, hashes, shows and
    pickles by its text alone; anything else as it is, for the check."""
    return str.__str__(value) if isinstance(value, str) else value


def _to_severity(value: Severity) -> Severity:
    return value if type(value) is str else cast("Severity", _plain(value))


def _to_str(value: str) -> str:
    return value if type(value) is str else cast("str", _plain(value))


def _check_severity(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"severity must be a str, not {type_name(value)}")
    if value not in _SEVERITIES:
        raise ValueError(f"severity must be 'error' or 'warning', not {value!r}")


@attrs.frozen(kw_only=True, order=False)
class Diagnostic:
    """A problem found while parsing, with its place in the input.

    A lenient parse collects these in :attr:`Listing.diagnostics` and goes on;
    a strict parse raises :class:`ParseError` at the first one whose severity
    is ``"error"``.

    Attributes:
        lineno: 1-based line of the problem.
        colno: 1-based column (in characters) of the problem.
        severity: ``"error"`` (the text breaks the format; strict mode raises)
            or ``"warning"`` (the text is valid but probably not meant).
        code: A stable short name of the kind of problem, such as
            ``"invalid-date"``; see :doc:`format` for the list.
        message: What is wrong, for a person. The wording may change between
            releases; match on :attr:`code` instead.

    >>> import bloglist
    >>> listing = bloglist.loads("sticky\\nMar 5\\n\\nA title\\n\\nAn excerpt")
    >>> [d.code for d in listing.diagnostics]
    ['incomplete-date']
    >>> print(listing.diagnostics[0])
    date 'Mar 5' has no year; a missing part is never filled in (at line 2, column 1)
    """

    __module__ = "bloglist"

    lineno: int = attrs.field(validator=_check_place)
    colno: int = attrs.field(validator=_check_place)
    severity: Severity = attrs.field(converter=_to_severity, validator=_check_severity)
    code: str = attrs.field(converter=_to_str, validator=[_str, _not_blank])
    message: str = attrs.field(converter=_to_str, validator=_str)

    def __str__(self) -> str:
        return at_position(self.message, self.lineno, self.colno)


_diagnostic_slots = {
    name: getattr(Diagnostic, name)
    for name in ("lineno", "colno", "severity", "code", "message")
}
_set_lineno_d = _diagnostic_slots["lineno"].__set__
_set_colno_d = _diagnostic_slots["colno"].__set__
_set_severity_d = _diagnostic_slots["severity"].__set__
_set_code_d = _diagnostic_slots["code"].__set__
_set_message_d = _diagnostic_slots["message"].__set__


def make_diagnostic(
    lineno: int, colno: int, severity: Severity, code: str, message: str
) -> Diagnostic:
    """Build a Diagnostic from values the parser has already checked.

    Like :func:`make_post`: the slots are written directly, which halves the
    cost of a diagnostic, the bulk of the work on input that is all errors.
    """
    diagnostic: Diagnostic = _new_object(Diagnostic)
    _set_lineno_d(diagnostic, lineno)
    _set_colno_d(diagnostic, colno)
    _set_severity_d(diagnostic, severity)
    _set_code_d(diagnostic, code)
    _set_message_d(diagnostic, message)
    return diagnostic


resolve_hints(globals(), Post, Diagnostic)
