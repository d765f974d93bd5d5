"""Lines -> posts: the listing grammar as one state machine.

The grammar, in the words of ``docs/format.md``::

    listing := post*
    post    := header BLANK+ TITLE BLANK+ EXCERPT [TAGS]
    header  := [STICKY] [DATE]     (either order, each at most once)

Header lines are known by content (``sticky``, or a line shaped like a date),
every other line by its position. Blank lines between posts and extra blank
lines inside a post are allowed. Each departure from the grammar is reported
as a :class:`~bloglist.Diagnostic` at the line where it shows, and parsing
goes on with the reading that loses least; a strict parse raises instead.

:func:`parse_lines` is the one implementation of the grammar; :func:`loads`
and :func:`load` run it over a whole text, :func:`iterload` over a file read a
piece at a time. It is written for speed (about a third of the time the
straightforward version took): locals for everything the loop touches, a
cache of the header lines seen, and a cheap test before the date guard. The
tests hold it to that straightforward version, kept in ``tests/``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from ._dates import DATE_DIGITS, DATE_HEADS, DateResult, read_date
from ._errors import ParseError, quote
from ._gc import paused_collector
from ._lines import STICKY, column, decode, iter_lines, split_lines
from ._listing import Listing
from ._post import Diagnostic, Post, Severity, make_post

if TYPE_CHECKING:
    from ._tags import TagSplitter

__all__ = [
    "Reporter",
    "SupportsRead",
    "SupportsReadSize",
    "iterload",
    "load",
    "loads",
    "parse_lines",
]

_T_co = TypeVar("_T_co", covariant=True)

# Where the machine is: what it has read of the current post.
_BETWEEN: Final = 0  # between posts: a header, a title, or blank lines
_HEADER: Final = 1  # read a header line; next a blank line
_TITLE: Final = 2  # read the header and its blank line; next the title
_AFTER_TITLE: Final = 3  # read the title; next a blank line
_EXCERPT: Final = 4  # read the title and its blank line; next the excerpt
_AFTER_EXCERPT: Final = 5  # read the excerpt; next the tag line, or the end
_AFTER_TAGS: Final = 6  # read the tag line: the post is whole

_STATES: Final = (
    _BETWEEN,
    _HEADER,
    _TITLE,
    _AFTER_TITLE,
    _EXCERPT,
    _AFTER_EXCERPT,
    _AFTER_TAGS,
)
# Where a blank line takes the machine from each state (from _AFTER_EXCERPT it
# also ends a post with no tags, which the parser does itself).
_AFTER_BLANK: Final = (_BETWEEN, _TITLE, _TITLE, _EXCERPT, _EXCERPT, _BETWEEN, _BETWEEN)

# The first letters of every header line: of "sticky" and of the months.
_INITIALS: Final = frozenset(word[0] for word in DATE_HEADS) | {STICKY[0]}

# The sticky marker, where the cache of header lines holds a date for a date
# line.
_MARKER: Final = DateResult(None)

# The end of the input, as the parser reads it: a header line (it ends the
# post being read) that starts nothing. Equal to "sticky" but never the same
# object as a line of the input.
_END: Final = "".join(["stic", "ky"])

# How many distinct header lines and tag lines a parse remembers; past that
# it forgets them all and starts again. A whole text in memory can afford to
# remember a million (a million posts have about 330,000 distinct tag lines);
# a stream keeps a few thousand, which holds its memory to a few megabytes.
CACHE_SIZE: Final = 1 << 20
STREAM_CACHE_SIZE: Final = 1 << 12

# How much iterload asks a file for at a time.
_PIECE: Final = 1 << 16


class Reporter:
    """Collects diagnostics; in strict mode, raises at the first error."""

    __slots__ = ("diagnostics", "strict")

    def __init__(self, *, strict: bool) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.strict = strict

    def __call__(
        self,
        lineno: int,
        colno: int,
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        if self.strict and severity == "error":
            raise ParseError(message, lineno, colno, code=code)
        self.diagnostics.append(
            Diagnostic(
                lineno=lineno,
                colno=colno,
                severity=severity,
                code=code,
                message=message,
            )
        )


def parse_lines(
    lines: Iterable[str],
    splitter: TagSplitter,
    report: Reporter,
    *,
    cache_size: int = CACHE_SIZE,
) -> Iterator[Post]:
    """Yield the posts of *lines* (without their line breaks), in order.

    Every non-blank line ends up in a post or in a diagnostic. A post is
    yielded as soon as its last line is read, after the diagnostics about it
    have been reported.
    """
    # Everything the loop touches is a local: a local costs less to read than
    # a global or an attribute.
    BETWEEN, HEADER, TITLE, AFTER_TITLE, EXCERPT, AFTER_EXCERPT, AFTER_TAGS = _STATES
    after_blank = _AFTER_BLANK
    end, marker, sticky_line = _END, _MARKER, STICKY
    initials, heads, digits = _INITIALS, DATE_HEADS, DATE_DIGITS
    new_post, split_tags, tags_seen = make_post, splitter.split, splitter.cached
    # Header lines seen, with what they say: real listings repeat their dates.
    kinds: dict[str, DateResult] = {STICKY: marker}

    state = BETWEEN
    # The post being read.
    start = 0  # its first line
    sticky = False
    date: datetime.date | None = None
    has_date = False
    head = head2 = ""  # its header lines, as read (a header has at most two)
    title = ""
    title_at = 0
    title_line = ""
    excerpt = ""

    for lineno, line in enumerate(chain(lines, (end,)), 1):
        stripped = line and line.strip()
        if not stripped:
            if state == AFTER_EXCERPT:
                yield new_post(title, date, excerpt, (), sticky, start)
                state = BETWEEN
            else:
                state = after_blank[state]
            continue

        # A header line is "sticky" or date-shaped, and a date-shaped line
        # starts with a month's first letters or a digit: few other lines
        # pass this test, and the others skip the cache and the guard.
        first = stripped[0]
        if first in digits or (
            first in initials and (stripped[:3] in heads or stripped == sticky_line)
        ):
            found = kinds.get(stripped)
            if found is None:
                found = read_date(stripped)
                if found is not None:
                    if len(kinds) >= cache_size:
                        kinds.clear()
                        kinds[sticky_line] = marker
                    kinds[stripped] = found
            if found is not None:
                # A header line, or the end of the input: either ends whatever
                # post was being read.
                if (
                    state == HEADER
                    and line is not end
                    and not (sticky if found is marker else has_date)
                ):
                    head2 = line  # the header's second line
                else:
                    if state == AFTER_EXCERPT:
                        yield new_post(title, date, excerpt, (), sticky, start)
                    elif state in (AFTER_TITLE, EXCERPT):
                        report(
                            title_at,
                            column(title_line),
                            "missing-excerpt",
                            f"post {quote(title)} has no excerpt line",
                        )
                        yield new_post(title, date, "", (), sticky, start)
                    elif state in (HEADER, TITLE):
                        # A header with no post: its lines are consecutive.
                        for at, text in ((start, head), (start + 1, head2)):
                            if text:
                                what = (
                                    "'sticky' line"
                                    if text.strip() == STICKY
                                    else "date line"
                                )
                                report(
                                    at,
                                    column(text),
                                    "missing-title",
                                    f"{what} {quote(text.strip())} is not followed "
                                    "by a post; expected a blank line and a title",
                                )
                    if line is end:
                        return
                    state = HEADER
                    start, sticky, date, has_date = lineno, False, None, False
                    head, head2 = line, ""
                if found is marker:
                    sticky = True
                else:
                    has_date = True
                    date = found.date
                    if date is None:
                        report(lineno, column(line), found.code, found.problem)
                continue

        # A text line: what it is depends on where it stands.
        if state == TITLE:
            title = stripped
            title_at = lineno
            title_line = line
            state = AFTER_TITLE
        elif state == EXCERPT:
            excerpt = stripped
            state = AFTER_EXCERPT
        elif state == AFTER_EXCERPT:
            tags, duplicate = tags_seen.get(stripped) or split_tags(stripped)
            if duplicate is not None:
                report(
                    lineno,
                    column(line),
                    "duplicate-tag",
                    f"tag {quote(duplicate)} appears more than once in the tag line",
                    "warning",
                )
            yield new_post(title, date, excerpt, tags, sticky, start)
            state = AFTER_TAGS
        elif state == BETWEEN:
            start, sticky, date = lineno, False, None
            title = stripped
            title_at = lineno
            title_line = line
            state = AFTER_TITLE
        elif state == HEADER:
            report(
                lineno,
                column(line),
                "missing-blank",
                f"expected a blank line before the title {quote(stripped)}",
            )
            title = stripped
            title_at = lineno
            title_line = line
            state = AFTER_TITLE
        elif state == AFTER_TITLE:
            report(
                lineno,
                column(line),
                "missing-blank",
                "expected a blank line between the title and the excerpt",
            )
            excerpt = stripped
            state = AFTER_EXCERPT
        else:  # AFTER_TAGS
            report(
                lineno,
                column(line),
                "extra-line",
                f"line {quote(stripped)} follows the tag line; "
                "a post ends with its tag line",
            )


class SupportsRead(Protocol[_T_co]):
    """Anything with a ``read()`` that returns the whole content."""

    def read(self, /) -> _T_co: ...


class SupportsReadSize(Protocol[_T_co]):
    """Anything with a ``read(size)`` that returns at most *size* characters or bytes."""

    def read(self, size: int, /) -> _T_co: ...


def loads(
    text: str, /, *, strict: bool = False, tags: Iterable[str] | None = None
) -> Listing:
    """Parse a listing from a string.

    Args:
        text: The listing. Lines may end in ``\\n``, ``\\r\\n`` or ``\\r``;
            a leading byte order mark is ignored.
        strict: Raise :class:`ParseError` at the first error instead of
            reporting it in :attr:`Listing.diagnostics` and going on.
        tags: Known tag names, recognised in tag lines before the case rule
            splits them (``GenAI``, ``iOS``).

    Returns:
        The posts, with a diagnostic for each problem found. Warnings are
        collected in strict mode too.

    The cyclic garbage collector is paused while the posts are built, in the
    whole process (see :doc:`performance`).

    >>> import bloglist
    >>> listing = bloglist.loads(
    ...     "sticky\\nMar 25, 2025\\n\\nHello\\n\\nFirst words [\N{HORIZONTAL ELLIPSIS}]\\nNewsGenAI",
    ...     tags=["GenAI"],
    ... )
    >>> post = listing[0]
    >>> post.title, post.date, post.tags, post.sticky
    ('Hello', datetime.date(2025, 3, 25), ('News', 'GenAI'), True)
    """
    given: object = text  # checked for callers without a type checker
    if not isinstance(given, str):
        hint = "; use load() for bytes" if isinstance(given, (bytes, bytearray)) else ""
        raise TypeError(f"loads() takes a str, not {type(given).__name__}{hint}")
    from ._tags import TagSplitter  # on first use: it takes a while to import

    report = Reporter(strict=strict)
    splitter = TagSplitter(tags, cache_size=CACHE_SIZE)
    with paused_collector:
        posts = tuple(parse_lines(split_lines(text), splitter, report))
    return Listing._new(posts, tuple(report.diagnostics))


def load(
    fp: SupportsRead[str] | SupportsRead[bytes],
    /,
    *,
    strict: bool = False,
    tags: Iterable[str] | None = None,
) -> Listing:
    """Parse a listing from a text or binary file.

    Bytes are decoded as UTF-8, with or without a byte order mark, or as
    UTF-16 after its byte order mark; bytes that cannot be decoded raise
    :class:`ParseError` at their line and column, in lenient mode too. The
    options are those of :func:`loads`.

    >>> import io, bloglist
    >>> data = "\\nHello\\n\\nFirst words.\\n".encode("utf-8-sig")
    >>> bloglist.load(io.BytesIO(data))[0].title
    'Hello'
    >>> bloglist.load(io.BytesIO(b"\\nHello\\n\\nCaf\\xe9"))
    Traceback (most recent call last):
      ...
    bloglist.ParseError: byte 0xe9 is not valid UTF-8 (at line 4, column 4)
    """
    content = fp.read()
    if isinstance(content, (bytes, bytearray)):
        content = decode(bytes(content))
    return loads(content, strict=strict, tags=tags)


def iterload(
    fp: SupportsReadSize[str] | SupportsReadSize[bytes],
    /,
    *,
    strict: bool = False,
    tags: Iterable[str] | None = None,
) -> Iterator[Post | Diagnostic]:
    """Parse a listing from a text or binary file as it is read, a post at a time.

    Yields the posts and the diagnostics of :func:`load`, in the order the
    parser finds them: a diagnostic as soon as its line is read, a post once
    its last line is read (just after the diagnostics about it). The file is
    read a piece at a time, so memory stays small however big the file is.

    Bytes are decoded as :func:`load` decodes them; bytes that cannot be
    decoded raise :class:`ParseError` when the reading reaches them, in
    lenient mode too. In strict mode, the first error raises. The options are
    those of :func:`loads`.

    >>> import io, bloglist
    >>> data = b"Mar 5, 2024\\n\\nOne\\n\\nFirst.\\nNews\\nJunk\\n\\nTwo\\n\\nSecond."
    >>> for item in bloglist.iterload(io.BytesIO(data)):
    ...     print(type(item).__name__, item.title if isinstance(item, bloglist.Post) else item)
    Post One
    Diagnostic line 'Junk' follows the tag line; a post ends with its tag line (at line 7, column 1)
    Post Two
    """
    from ._tags import TagSplitter

    report = Reporter(strict=strict)
    splitter = TagSplitter(tags, cache_size=STREAM_CACHE_SIZE)  # checks *tags* now
    lines = chain.from_iterable(iter_lines(partial(fp.read, _PIECE)))
    posts = parse_lines(lines, splitter, report, cache_size=STREAM_CACHE_SIZE)
    return _with_diagnostics(posts, report.diagnostics)


def _with_diagnostics(
    posts: Iterator[Post], diagnostics: list[Diagnostic]
) -> Iterator[Post | Diagnostic]:
    """*posts*, each after the diagnostics reported before it."""
    for post in posts:
        if diagnostics:
            yield from diagnostics
            diagnostics.clear()
        yield post
    yield from diagnostics
