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
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Final, Protocol, TypeVar

from ._dates import DateResult, read_date
from ._errors import ParseError, quote
from ._lines import STICKY, column, decode, split_lines
from ._model import Diagnostic, Listing, Post, Severity, make_post
from ._tags import TagSplitter

__all__ = ["Reporter", "SupportsRead", "load", "loads", "parse_lines"]

_T_co = TypeVar("_T_co", covariant=True)

# Where the machine is: what it has read of the current post.
_BETWEEN: Final = 0  # between posts: a header, a title, or blank lines
_HEADER: Final = 1  # read a header line; next a blank line
_TITLE: Final = 2  # read the header and its blank line; next the title
_AFTER_TITLE: Final = 3  # read the title; next a blank line
_EXCERPT: Final = 4  # read the title and its blank line; next the excerpt
_AFTER_EXCERPT: Final = 5  # read the excerpt; next the tag line, or the end
_AFTER_TAGS: Final = 6  # read the tag line: the post is whole


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
    lines: Iterable[str], splitter: TagSplitter, report: Reporter
) -> Iterator[Post]:
    """Yield the posts of *lines* (without their line breaks), in order.

    Every non-blank line ends up in a post or in a diagnostic.
    """
    state = _BETWEEN
    dates: dict[str, DateResult | None] = {}

    # The post being read.
    start = 0  # its first line
    sticky = False
    date: datetime.date | None = None
    has_date = False
    header: list[tuple[int, str]] = []  # (lineno, line) of its header lines
    title = ""
    title_at = (0, 0)
    excerpt = ""

    def orphan_header() -> None:
        for at, text in header:
            what = "'sticky' line" if text.strip() == STICKY else "date line"
            report(
                at,
                column(text),
                "missing-title",
                f"{what} {quote(text.strip())} is not followed by a post; "
                "expected a blank line and a title",
            )

    def no_excerpt() -> Post:
        report(*title_at, "missing-excerpt", f"post {quote(title)} has no excerpt line")
        return make_post(title, date, "", (), sticky, start)

    lineno = 0
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            if state == _HEADER:
                state = _TITLE
            elif state == _AFTER_TITLE:
                state = _EXCERPT
            elif state == _AFTER_EXCERPT:
                yield make_post(title, date, excerpt, (), sticky, start)
                state = _BETWEEN
            elif state == _AFTER_TAGS:
                state = _BETWEEN
            continue

        found: DateResult | None = None
        if stripped != STICKY:
            found = dates.get(stripped)
            if found is None:
                found = read_date(stripped)
                if found is not None:
                    dates[stripped] = found

        if found is None and stripped != STICKY:
            # A text line: what it is depends on where it stands.
            if state in (_BETWEEN, _TITLE):
                if state == _BETWEEN:
                    start, sticky, date = lineno, False, None
                title, title_at, state = stripped, (lineno, column(line)), _AFTER_TITLE
            elif state == _EXCERPT:
                excerpt, state = stripped, _AFTER_EXCERPT
            elif state == _AFTER_EXCERPT:
                tags, duplicate = splitter.split(stripped)
                if duplicate is not None:
                    report(
                        lineno,
                        column(line),
                        "duplicate-tag",
                        f"tag {quote(duplicate)} appears more than once in the tag line",
                        "warning",
                    )
                yield make_post(title, date, excerpt, tags, sticky, start)
                state = _AFTER_TAGS
            elif state == _HEADER:
                report(
                    lineno,
                    column(line),
                    "missing-blank",
                    f"expected a blank line before the title {quote(stripped)}",
                )
                title, title_at, state = stripped, (lineno, column(line)), _AFTER_TITLE
            elif state == _AFTER_TITLE:
                report(
                    lineno,
                    column(line),
                    "missing-blank",
                    "expected a blank line between the title and the excerpt",
                )
                excerpt, state = stripped, _AFTER_EXCERPT
            else:  # _AFTER_TAGS
                report(
                    lineno,
                    column(line),
                    "extra-line",
                    f"line {quote(stripped)} follows the tag line; "
                    "a post ends with its tag line",
                )
            continue

        # A header line: it ends whatever post was being read.
        is_sticky = found is None
        if state == _HEADER and not (sticky if is_sticky else has_date):
            header.append((lineno, line))
        else:
            if state == _AFTER_EXCERPT:
                yield make_post(title, date, excerpt, (), sticky, start)
            elif state in (_AFTER_TITLE, _EXCERPT):
                yield no_excerpt()
            elif state in (_HEADER, _TITLE):
                orphan_header()
            state = _HEADER
            start, sticky, date, has_date = lineno, False, None, False
            header = [(lineno, line)]
        if found is None:
            sticky = True
        else:
            has_date = True
            date = found.date
            if date is None:
                report(lineno, column(line), found.code, found.problem)

    if state == _AFTER_EXCERPT:
        yield make_post(title, date, excerpt, (), sticky, start)
    elif state in (_AFTER_TITLE, _EXCERPT):
        yield no_excerpt()
    elif state in (_HEADER, _TITLE):
        orphan_header()


class SupportsRead(Protocol[_T_co]):
    """Anything with a ``read()`` that returns the whole content."""

    def read(self, /) -> _T_co: ...


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
    report = Reporter(strict=strict)
    posts = tuple(parse_lines(split_lines(text), TagSplitter(tags), report))
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
