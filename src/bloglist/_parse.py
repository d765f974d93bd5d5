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
piece at a time. It yields posts and diagnostics in line order, each as soon
as the lines that decide it are read, so a stream holds nothing back. What a
header line is belongs to :func:`~bloglist._lines.read_header`; the machine
only asks it (as :func:`~bloglist._lines.read_tested_header`), behind a cache
of the header lines seen and the cheap test of
:func:`~bloglist._lines.may_be_header`. It is written for speed (about a third
of the time the straightforward version took): locals for everything the loop
touches, and the rare paths (diagnostics) in helpers below it. The tests hold
it to that straightforward state machine, kept in ``tests/parse_oracle.py``.
How a file is read (which read, for which kind of file) belongs to
:mod:`bloglist._readers`.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from functools import partial
from itertools import chain, compress, repeat
from operator import is_, not_
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    SupportsIndex,
    TypeAlias,
    TypeVar,
    cast,
    overload,
)
from unicodedata import category

from ._dates import SHORTEST_HELD_DATE, holds_date
from ._errors import (
    WHOLE_TEXT_A_NAME,
    ParseError,
    check_bool,
    check_index,
    checked_known_tags,
    known_tags_given,
    mixup_hint,
    plural,
    quote,
    shown_int,
    type_name,
)
from ._files import SupportsRead, SupportsReadSize
from ._gc import collect_paused, collected_lines
from ._hints import deprecated, named_as_public
from ._lines import (
    HEADER_DIGITS,
    HEADER_HEADS,
    HEADER_INITIALS,
    STICKY,
    STREAM_CACHE_BYTES,
    STREAM_CACHE_SIZE,
    Header,
    checked_piece,
    column,
    decode,
    escaped_bytes,
    escapes_bytes,
    invisible,
    iter_lines,
    near_marker,
    read_header,
    read_tested_header,
    split_pieces,
    waits_for_data,
)
from ._listing import Listing, make_listing
from ._post import TEXT_ENDS, Diagnostic, Post, Severity, make_diagnostic, make_post
from ._readers import (
    PIECE,
    bytes_again,
    held_reader,
    no_utf16_as_text,
    piece_reader,
    raw_reader,
    reader_of,
    rest_of_non_blocking,
    text_over_held,
)

if TYPE_CHECKING:
    from ._tags import TagNotes, TagSplitter

__all__ = [
    "PostMaker",
    "Reporter",
    "iterload",
    "load",
    "loads",
    "parse_lines",
    "problem_counts",
    "stream_items",
]

_T_co = TypeVar("_T_co", covariant=True)

# Where the machine is: what it has read of the current post. The states a
# blank line does more in than change state come last, so that the common
# case is one comparison; the two states of a header with no post yet come
# right after _BETWEEN, so that a new header line tests for them with one.
_BETWEEN: Final = 0  # between posts: a header, a title, or blank lines
_HEADER: Final = 1  # read a header line; next a blank line
_TITLE: Final = 2  # read the header and its blank line; next the title
_AFTER_TITLE: Final = 3  # read the title; next a blank line
_EXCERPT: Final = 4  # read the title and its blank line; next the excerpt
_AFTER_TAGS: Final = 5  # read the tag line: the post is whole
_AFTER_EXCERPT: Final = 6  # read the excerpt; next the tag line, or the end
_EXTRA: Final = 7  # read lines after the tag line, each an error

_STATES: Final = (
    _BETWEEN,
    _HEADER,
    _TITLE,
    _AFTER_TITLE,
    _EXCERPT,
    _AFTER_TAGS,
    _AFTER_EXCERPT,
    _EXTRA,
)
# Where a blank line takes the machine from each state before _AFTER_EXCERPT.
_AFTER_BLANK: Final = (_BETWEEN, _TITLE, _TITLE, _EXCERPT, _EXCERPT, _BETWEEN)

# How many lines of one run of lines after a tag line get a diagnostic each;
# one more diagnostic counts the rest of the run. A run costs a post before
# it, so this bounds the diagnostics per byte of input (docs/security.md).
EXTRA_SHOWN: Final = 100

# How many lines of one run of header lines with no post (lone "sticky" and
# date lines, with nothing but blank lines between them) get their
# diagnostics each; one more diagnostic counts the rest of the run, date
# problems included. Such a line is a few bytes and would otherwise cost two
# diagnostics, the most per byte of any input (docs/performance.md).
HEADERS_SHOWN: Final = 100

# How many distinct header lines and tag lines a parse remembers; past that
# it forgets them all and starts again. A whole text in memory can afford to
# remember a million (a million posts have about 330,000 distinct tag lines);
# a stream keeps 32,768 of each, which holds every date line of a real
# listing (sixteen years of days in three spellings): with a few thousand, a
# stream of a million posts forgot them every few thousand posts and read
# most date lines again, which made it 1.4 times slower than loads.
# (STREAM_CACHE_SIZE and STREAM_CACHE_BYTES, in _lines, bound a stream's.)
CACHE_SIZE: Final = 1 << 20

# How many diagnostics a parse makes by default; it counts the rest in one
# more. Input can call for a diagnostic every two or three bytes, each costing
# about fifty times what a byte of a real listing does, and more memory than
# the byte: the limit bounds both (docs/security.md).
MAX_DIAGNOSTICS: Final = 1000

# A Reporter's limit when there is none.
_NO_LIMIT: Final = 1 << 62

# How many distinct messages a Reporter shares between equal diagnostics.
_MESSAGES: Final = 1 << 12


class Reporter:
    """Makes diagnostics; in strict mode, raises at the first error.

    Equal messages are shared, so that a million equal diagnostics hold one
    message between them. :attr:`count` is the number made. Past *limit*
    diagnostics, a further one is only counted: the call makes nothing and
    returns None, and :meth:`summary` makes the one diagnostic that counts
    them, at the first of them.
    """

    __slots__ = (
        "_messages",
        "count",
        "counting",
        "errors",
        "first",
        "full",
        "hidden",
        "last",
        "limit",
        "strict",
    )

    def __init__(self, *, strict: bool, limit: int | None = None) -> None:
        self.strict = strict
        self.count = 0
        self.limit = _NO_LIMIT if limit is None else limit
        # Whether a caller may pass an empty message rather than write one
        # for nothing: the limit is reached, and the parse is lenient (a
        # strict one raises with the message of any error).
        self.full = not strict and self.limit == 0
        self.hidden = 0  # how many were counted past the limit
        self.first = (0, 0)  # the line and column of the first of them
        self.last = 0  # the last line they name
        self.errors = 0  # how many of them are errors
        # Whether a further error is only counted, and the first counted is
        # known: a caller may then count errors itself, with no call, and
        # hand the tally over with add_counted (the parser does, where
        # hostile input makes an error every few bytes). It is full and
        # hidden together, kept as one flag: reading the two at each place
        # cost 2% more on the costliest input known.
        self.counting = False
        self._messages: dict[str, str] = {}

    def __call__(
        self,
        lineno: int,
        line: str,
        code: str,
        message: str,
        severity: Severity = "error",
        colno: int = 0,
        until: int = 0,
    ) -> Diagnostic | None:
        """The diagnostic at line *lineno*, whose text is *line*, at its first
        non-blank character (or at column *colno*, if given); *until* is the
        last line of a run it counts, if it counts one. None past the limit.
        """
        if not self.full:
            if self.strict and severity == "error":
                raise ParseError(message, lineno, colno or column(line), code=code)
            if self.count < self.limit:
                messages = self._messages
                if len(messages) >= _MESSAGES:
                    messages.clear()
                self.count += 1
                self.full = self.count >= self.limit and not self.strict
                return make_diagnostic(
                    lineno,
                    colno or column(line),
                    severity,
                    code,
                    messages.setdefault(message, message),
                )
        # Counted, at the least cost: input can make one every few bytes (past
        # the limit, a lenient parse is full; a strict one counts warnings).
        if not self.hidden:
            self.first = (lineno, colno or column(line))
            self.counting = self.full
        self.hidden += 1
        self.last = until or lineno
        if severity == "error":
            self.errors += 1
        return None

    def add_counted(self, count: int, last: int) -> None:
        """Count *count* more errors past the limit, counted by the caller
        while :attr:`counting`, the last of them at line *last*."""
        if count:
            self.hidden += count
            self.last = max(self.last, last)
            self.errors += count

    def summary(self) -> Diagnostic:
        """The diagnostic that counts those past the limit (there are some)."""
        lineno, colno = self.first
        more = plural(self.hidden, "more diagnostic")
        errors = plural(self.errors, "error")
        warnings = plural(self.hidden - self.errors, "warning")
        return make_diagnostic(
            lineno,
            colno,
            "error" if self.errors else "warning",
            "too-many-diagnostics",
            f"{more} ({errors}, {warnings}), from here to line {self.last}, "
            f"counted but not reported one by one: the limit is {self.limit} "
            "(max_diagnostics)",
        )


# The counts of a too-many-diagnostics, as Reporter.summary words them.
_TALLY: Final = re.compile(
    r"\d+ more diagnostics? \((\d+) errors?, (\d+) warnings?\), "
)


def problem_counts(diagnostic: Diagnostic) -> tuple[int, int]:
    """How many errors and how many warnings *diagnostic* stands for: itself
    alone, or the problems a ``too-many-diagnostics`` of a parse counts (its
    message names them, in the form :meth:`Reporter.summary` writes)."""
    if diagnostic.code == "too-many-diagnostics":
        found = _TALLY.match(diagnostic.message)
        if found:
            return int(found[1]), int(found[2])
    return (1, 0) if diagnostic.severity == "error" else (0, 1)


def check_limit(value: object) -> int | None:
    """*value*, the ``max_diagnostics`` option, if it is None or an int of 0
    or more; else TypeError or ValueError."""
    if value is None:
        return None
    try:
        value = check_index(value, "max_diagnostics")
    except TypeError:
        raise TypeError(
            f"max_diagnostics must be an int or None, not {type_name(value)}"
        ) from None
    if value < 0:
        raise ValueError(f"max_diagnostics must be 0 or more, not {shown_int(value)}")
    return value


_R = TypeVar("_R")

# What makes a post of its fields, in the order of make_post's parameters:
# make_post itself, or, for a writer that needs no Post, one that makes less.
PostMaker: TypeAlias = Callable[
    [str, datetime.date | None, str, tuple[str, ...], bool, int], _R
]


@overload
def parse_lines(
    lines: Iterable[str],
    splitter: TagSplitter,
    report: Reporter,
    *,
    cache_size: int = ...,
    cache_bytes: int | None = ...,
) -> Generator[Post | Diagnostic, None, None]: ...


@overload
def parse_lines(
    lines: Iterable[str],
    splitter: TagSplitter,
    report: Reporter,
    *,
    make: PostMaker[_R],
    cache_size: int = ...,
    cache_bytes: int | None = ...,
) -> Generator[_R | Diagnostic, None, None]: ...


def parse_lines(
    lines: Iterable[str],
    splitter: TagSplitter,
    report: Reporter,
    *,
    make: PostMaker[Any] = make_post,
    cache_size: int = CACHE_SIZE,
    cache_bytes: int | None = None,
) -> Generator[Any, None, None]:
    """Yield the posts of *lines* (without their line breaks) and the diagnostics.

    Every non-blank line ends up in a post or in a diagnostic. Diagnostics
    come in line order, then column order, each as soon as the lines that
    decide it are read; a post comes as soon as its last line is read, after
    the diagnostics about it. Each post is what *make* makes of its fields
    (a :class:`~bloglist.Post`, unless a caller that needs none asks for
    less).
    """
    # Everything the loop touches is a local: a local costs less to read than
    # a global or an attribute.
    BETWEEN, HEADER, TITLE, AFTER_TITLE, EXCERPT, AFTER_TAGS, AFTER_EXCERPT, EXTRA = (
        _STATES
    )
    after_blank = _AFTER_BLANK
    sticky_line, initials, heads, digits = (
        STICKY,
        HEADER_INITIALS,
        HEADER_HEADS,
        HEADER_DIGITS,
    )
    new_post, split_tags, tags_seen = make, splitter.split, splitter.cached
    # Bound once: calling it costs less than calling the Reporter itself.
    error = report.__call__
    # Header lines seen, with what they say: real listings repeat their dates.
    # At most *cache_size* of them and, with *cache_bytes*, lines and headers
    # of about that many bytes (header_cost), for a stream.
    headers: dict[str, Header] = {}
    texts: set[str] = set()  # lines that passed that test, but are text
    room = cache_bytes

    state = BETWEEN
    lineno = 0
    # The post being read.
    start = 0  # its first line
    sticky = False
    date: datetime.date | None = None
    has_date = False
    head = head2 = ""  # its header lines, as read (a header has at most two)
    # The header's second line names no day: reported after the first line,
    # once the machine knows whether that one starts a post.
    late: Header | None = None
    head_text = ""  # the first header line, stripped
    title = ""
    title_at = 0
    title_line = ""
    excerpt = ""
    extra = 0  # lines read after the tag line, in this run
    extra_col = 0  # the column of the first of them past EXTRA_SHOWN
    # Whether a post ended with its excerpt before a blank line, and no post
    # has started since; whether the post being read started so (its title
    # right after them: a double-spaced copy's tag line, most likely).
    parted = loose = False
    # A run of headers with no post: its lines so far that were reported;
    # then the lines past HEADERS_SHOWN, counted: how many, the first (and
    # its column) and the last. A header read past HEADERS_SHOWN holds back
    # the problem of its date until it is known to start a post.
    orphans = hidden = hidden_at = hidden_col = hidden_last = 0
    held: Header | None = None
    # Errors past the limit that the commonest hostile shapes make every few
    # bytes, counted here rather than by a call (see Reporter.counting): how
    # many, and the line of the last.
    quiet = quiet_last = 0
    # Titles of posts with no header still to be asked whether they hold a
    # date (a date line in a form the format does not read, such as
    # Blogger's "Tuesday, March 25, 2025", taken for the title): the first
    # TITLES_ASKED of them, until one does.
    titles_asked = TITLES_ASKED

    try:
        for lineno, line in enumerate(lines, 1):
            stripped = line and line.strip()
            if not stripped:
                if state < AFTER_EXCERPT:
                    state = after_blank[state]
                elif state == AFTER_EXCERPT:
                    yield new_post(title, date, excerpt, (), sticky, start)
                    state = BETWEEN
                    parted = True
                else:  # EXTRA
                    if extra > EXTRA_SHOWN and (
                        problem := _more_extra(report, extra, extra_col, lineno - 1)
                    ):
                        yield problem
                    state = BETWEEN
                continue

            # A header line is "sticky" or date-shaped, and a date-shaped line
            # starts with a month's first letters or a digit: few other lines
            # pass this test (may_be_header), and the others skip the cache.
            first = stripped[0]
            if first in digits or (
                first in initials and (stripped[:3] in heads or stripped == sticky_line)
            ):
                found = headers.get(stripped)
                if found is None and stripped not in texts:
                    found = read_tested_header(stripped)
                    # Remembered, what it is or, if short, that it is text:
                    # hostile input repeats a line that only starts like a
                    # date (`1`); a long text line is not held for that.
                    if found is not None or len(stripped) <= TEXT_REMEMBERED:
                        if room is not None:
                            room -= header_cost(stripped, found)
                            if room < 0:
                                headers.clear()
                                texts.clear()
                                room = cast("int", cache_bytes)
                                room -= header_cost(stripped, found)
                        if len(headers) + len(texts) >= cache_size:
                            headers.clear()
                            texts.clear()
                        if found is not None:
                            headers[stripped] = found
                        else:
                            if len(texts) >= TEXTS_KEPT:
                                texts.clear()
                            texts.add(stripped)
                if found is not None:
                    if state == HEADER and not (sticky if found.sticky else has_date):
                        head2 = line  # the header's second line
                        if found.sticky:
                            sticky = True
                        else:
                            has_date, date = True, found.date
                            if date is None:
                                late = found
                        continue
                    # A new header ends whatever post was being read.
                    if state != BETWEEN:
                        if state == AFTER_TAGS:
                            pass
                        elif state == AFTER_EXCERPT:
                            yield new_post(title, date, excerpt, (), sticky, start)
                        elif state == AFTER_TITLE or state == EXCERPT:  # noqa: SIM109
                            # A title with no excerpt (written here, not in
                            # _unfinished, for speed: hostile input can make
                            # one every few bytes).
                            if report.counting:  # past the limit: counted here
                                quiet += 1
                                quiet_last = title_at
                            elif problem := error(
                                title_at,
                                title_line,
                                "missing-excerpt",
                                # No call for most titles, on hostile
                                # input's path: near_marker's length test.
                                _no_excerpt_message(title, loose, _NO_EXCERPT_HEADER)
                                if loose or len(title) == _MARKER_LENGTH
                                else _NO_EXCERPT_HEADER,
                            ):
                                yield problem
                            yield new_post(title, date, "", (), sticky, start)
                        elif state > TITLE:
                            yield from _unfinished(
                                report, state, start, head, head2, late, title,
                                title_at, title_line, date, sticky, extra, extra_col,
                                lineno - 1, loose, new_post,
                            )  # fmt: skip
                        # A header with no post: one of a run of them.
                        elif orphans >= HEADERS_SHOWN:
                            if not hidden:
                                hidden_at, hidden_col = start, column(head)
                            hidden_last = start + 1 if head2 else start
                            hidden += hidden_last - start + 1
                            held = None
                        elif not head2:
                            # A header line with no post, the commonest error of
                            # hostile input (header lines in a row): written here,
                            # not in _unfinished, for speed.
                            orphans += 1
                            if problem := error(
                                start,
                                head,
                                "missing-title",
                                (
                                    _NO_POST_STICKY_PARTED
                                    if state == TITLE and not found.sticky
                                    else _NO_POST_STICKY
                                )
                                if sticky or report.full  # the one line is "sticky"
                                else f"date line {quote(head_text)} {_NO_POST}"
                                + (
                                    _PARTED_FROM_MARKER
                                    if state == TITLE and found.sticky
                                    else ""
                                ),
                                "error",
                                1 if head is head_text else 0,  # a column, if known
                            ):
                                yield problem
                        else:
                            orphans += 2
                            yield from _unfinished(
                                report, state, start, head, head2, late, title,
                                title_at, title_line, date, sticky, extra, extra_col,
                                lineno - 1, loose, new_post,
                            )  # fmt: skip
                    state = HEADER
                    parted = loose = False
                    start, head, head_text, head2, late = (
                        lineno,
                        line,
                        stripped,
                        "",
                        None,
                    )
                    if found.sticky:
                        sticky, date, has_date = True, None, False
                    else:
                        sticky, date, has_date = False, found.date, True
                        if date is None:
                            if orphans >= HEADERS_SHOWN:
                                held = found  # reported if a post follows
                            elif report.counting:
                                quiet += 1
                                quiet_last = lineno
                            elif problem := error(
                                lineno,
                                line,
                                found.code,
                                "" if report.full else found.problem_of(stripped),
                                "error",
                                1 if line is stripped else 0,
                            ):
                                yield problem
                    continue

            # A text line: what it is depends on where it stands.
            # A title, after its header ("in" would build a tuple of the locals).
            if state == TITLE or state == HEADER:  # noqa: SIM109
                if orphans:
                    yield from _run_end(
                        report,
                        hidden,
                        hidden_at,
                        hidden_col,
                        hidden_last,
                        held,
                        start,
                        head,
                    )
                    orphans = hidden = 0
                    held = None
                if late is not None:
                    if problem := error(
                        start + 1, head2, late.code, late.problem_of(head2.strip())
                    ):
                        yield problem
                    late = None
                if state == HEADER:
                    if report.counting:
                        quiet += 1
                        quiet_last = lineno
                    elif problem := error(
                        lineno,
                        line,
                        "missing-blank",
                        # No date is shorter than 1/2/2025, and no character
                        # before U+00AD is invisible (see invisible): most
                        # lines are decided by a comparison, with no call.
                        _NO_BLANK_TITLE
                        if stripped < "\xad"
                        and (
                            len(stripped) < SHORTEST_HELD_DATE
                            or not holds_date(stripped)
                        )
                        else _no_blank_title_message(stripped),
                    ):
                        yield problem
                title = stripped
                title_at = lineno
                title_line = line
                state = AFTER_TITLE
            elif state == EXCERPT:
                excerpt = stripped
                state = AFTER_EXCERPT
            elif state == AFTER_EXCERPT:
                tags, notes = tags_seen.get(stripped) or split_tags(stripped)
                if notes is not None:  # warnings, cached with the tags
                    yield from _tag_warnings(report, lineno, line, stripped, notes)
                yield new_post(title, date, excerpt, tags, sticky, start)
                state = AFTER_TAGS
            elif state == BETWEEN:
                start, sticky, date = lineno, False, None
                loose, parted = parted, False
                if titles_asked and len(stripped) <= TITLE_DATE_LONGEST:
                    titles_asked -= 1
                    if holds_date(stripped):
                        titles_asked = 0
                        if problem := error(
                            lineno,
                            line,
                            "unread-date",
                            _dated_title_message(stripped),
                            "warning",
                        ):
                            yield problem
                title = stripped
                title_at = lineno
                title_line = line
                state = AFTER_TITLE
            elif state == AFTER_TITLE:
                if report.counting:  # past the limit: counted here
                    quiet += 1
                    quiet_last = lineno
                elif problem := error(
                    lineno,
                    line,
                    "missing-blank",
                    _NO_BLANK_EXCERPT
                    if stripped < "\xad"
                    else _no_blank_excerpt_message(stripped),
                ):
                    yield problem
                excerpt = stripped
                state = AFTER_EXCERPT
            else:  # AFTER_TAGS or EXTRA: a run of lines after the tag line
                extra = extra + 1 if state == EXTRA else 1
                state = EXTRA
                if extra <= EXTRA_SHOWN and (
                    problem := _extra_line(report, lineno, line, stripped)
                ):
                    yield problem
                elif extra == EXTRA_SHOWN + 1:
                    extra_col = column(line)

        # The end of the input ends whatever post was being read.
        if state == AFTER_EXCERPT:
            yield new_post(title, date, excerpt, (), sticky, start)
        elif state <= TITLE and orphans >= HEADERS_SHOWN:
            # The last header of a long run, with no post: counted.
            if not hidden:
                hidden_at, hidden_col = start, column(head)
            last = start + 1 if head2 else start
            hidden += last - start + 1
            if problem := _more_headers(report, hidden, hidden_at, hidden_col, last):
                yield problem
        elif state != BETWEEN and state != AFTER_TAGS:
            yield from _unfinished(
                report, state, start, head, head2, late, title, title_at, title_line,
                date, sticky, extra, extra_col, lineno, loose, new_post,
            )  # fmt: skip
    except Exception:
        # Reading stopped (a strict error, bytes that are not text, a line
        # too long): what was counted so far is reported first, the lines of
        # a run that one diagnostic counts (only a lenient parse has one: the
        # first line of a run is an error) to the last line read, then what
        # was counted past the limit. A post whose excerpt was read is not
        # made: the line that failed may have been its tag line (or the
        # bytes of a file that is no listing, which made a "post" of them).
        if state == EXTRA and extra > EXTRA_SHOWN:
            if problem := _more_extra(report, extra, extra_col, lineno):
                yield problem
        elif hidden and (
            problem := _more_headers(report, hidden, hidden_at, hidden_col, hidden_last)
        ):
            yield problem
        report.add_counted(quiet, quiet_last)
        if report.hidden:
            yield report.summary()
        raise
    report.add_counted(quiet, quiet_last)
    if report.hidden:
        yield report.summary()


# How many titles of posts with no header a parse asks whether they hold a
# date, at most (it stops at the first that does): a scrape's date lines are
# all in one form, so the first one the format does not read shows it, and
# hostile input of such titles costs a parse no more than this many asks.
TITLES_ASKED: Final = 1000
# The longest title asked: a date line, with a weekday and a time, is shorter.
TITLE_DATE_LONGEST: Final = 64

# The longest text line the parser remembers as text, in characters.
TEXT_REMEMBERED: Final = 64
# How many such lines it remembers at most; past that it forgets them and
# starts again. The lines worth remembering repeat (a tag line such as
# `Marketing`, a hostile `1` over and over) and come back at once; distinct
# ones (titles such as `10 tips`, or lines made to differ) would only grow
# the set, whose table grows fourfold at a time: 20 kB of distinct short
# lines, each with a diagnostic that quotes it, took 130.3 times its bytes,
# over the bound of docs/security.md, 101 with the set kept this small.
TEXTS_KEPT: Final = 1024


def header_cost(line: str, header: Header | None) -> int:
    """An upper bound of the bytes a cached header *line* and what it says take:
    the line, a byte a character if ASCII, else four at most; the result with
    its date, or with the message of its problem once written (which quotes
    a few dozen characters of the line at most); the cache's entry. A line
    that only looked like one, text (*header* None), takes the line and a
    set's entry."""
    width = 1 if line.isascii() else 4
    if header is None:
        return width * len(line) + 128
    return width * len(line) + (
        384 if header.date is not None or header.sticky else 1152
    )


# The rare paths of parse_lines: each makes the diagnostics of one departure
# from the grammar (None for one the Reporter only counts, past its limit).


def _unfinished(
    report: Reporter,
    state: int,
    start: int,
    head: str,
    head2: str,
    late: Header | None,
    title: str,
    title_at: int,
    title_line: str,
    date: datetime.date | None,
    sticky: bool,
    extra: int,
    extra_col: int,
    last: int,
    loose: bool,
    make: PostMaker[_R],
) -> Iterator[_R | Diagnostic]:
    """What ends a post cut short: a header line, or the end of the input.

    *loose*: whether the post's title came right after a post's excerpt and
    a blank line; *make* makes the post (see :func:`parse_lines`).
    """
    if state in (_AFTER_TITLE, _EXCERPT):
        if problem := report(
            title_at,
            title_line,
            "missing-excerpt",
            _no_excerpt_message(title, loose, _NO_EXCERPT),
        ):
            yield problem
        yield make(title, date, "", (), sticky, start)
    elif state == _EXTRA:
        if extra > EXTRA_SHOWN and (
            problem := _more_extra(report, extra, extra_col, last)
        ):
            yield problem
    else:  # _HEADER, _TITLE: a header with no post; its lines are consecutive.
        if problem := _no_post(report, start, head):
            yield problem
        if head2:
            if late is not None and (
                problem := report(
                    start + 1, head2, late.code, late.problem_of(head2.strip())
                )
            ):
                yield problem
            if problem := _no_post(report, start + 1, head2):
                yield problem


def _run_end(
    report: Reporter,
    hidden: int,
    hidden_at: int,
    hidden_col: int,
    hidden_last: int,
    held: Header | None,
    start: int,
    head: str,
) -> Iterator[Diagnostic]:
    """What ends a run of headers with no post: a post's first text line.

    The lines of the run past the first HEADERS_SHOWN, from *hidden_at* to
    *hidden_last*, are counted in one diagnostic; then comes the problem of
    the date of the post's header (at *start*), held back while it could have
    been one more header with no post.
    """
    if hidden and (
        problem := _more_headers(report, hidden, hidden_at, hidden_col, hidden_last)
    ):
        yield problem
    if held is not None and (
        problem := report(start, head, held.code, held.problem_of(head.strip()))
    ):
        yield problem


def _more_headers(
    report: Reporter, count: int, lineno: int, colno: int, last: int
) -> Diagnostic | None:
    """The one diagnostic for the *count* header lines with no post of a run
    past the first HEADERS_SHOWN, from line *lineno* to line *last*.
    """
    return report(
        lineno,
        "",
        "missing-title",
        f"{plural(count, 'more header line')} with no post, to line {last}; "
        "a header is followed by a blank line and a title",
        colno=colno,
        until=last,
    )


def _no_post(report: Reporter, lineno: int, line: str) -> Diagnostic | None:
    message = "" if report.full else _no_post_message(line.strip())
    return report(lineno, line, "missing-title", message)


# The message for a header line that no post follows, after what the line is
# (parse_lines writes it too, for speed).
_NO_POST: Final = "is not followed by a post; expected a blank line and a title"
_NO_POST_STICKY: Final = f"the sticky marker {_NO_POST}"
# The same, when a blank line parts the marker from a date line after it;
# and what a date line's message adds when one parts it from a marker after it.
_NO_POST_STICKY_PARTED: Final = (
    f"{_NO_POST_STICKY} (a blank line parts it from the date line after it: "
    "a header's two lines come with no blank line between them)"
)
_PARTED_FROM_MARKER: Final = (
    " (a blank line parts it from the sticky marker after it: "
    "a header's two lines come with no blank line between them)"
)


def _no_post_message(stripped: str) -> str:
    """The message for a header line, *stripped*, that no post follows."""
    if stripped == STICKY:
        return _NO_POST_STICKY
    return f"date line {quote(stripped)} {_NO_POST}"


# The messages about a title, which never quote it: a title is the one free
# text that can stand every few bytes with a diagnostic about it, and a
# message quoting it is a string of its own per title, four bytes a character
# (boilerplate included) when the title holds an emoji or a rare CJK
# character. "Mar 5\n\U00020000\n" over and over, each title different, took
# 91 times its size in memory with the titles quoted, over the bound of
# docs/security.md; each diagnostic's line and column point at the title.
_NO_BLANK_TITLE: Final = "expected a blank line before the title"
_NO_BLANK_EXCERPT: Final = "expected a blank line between the title and the excerpt"
_NO_EXCERPT: Final = "the post has no excerpt line after its title"
# What loads() adds to that error when the whole text is one line that
# looks like a file's name: loads("listing.txt") parses the name, not the file.
_FILE_NAME_HINT: Final = (
    f"{WHOLE_TEXT_A_NAME}give load() the open file "
    "(with open(name, 'rb') as fp: bloglist.load(fp))"
)
# A file's name, as loads() tells it: no space, and the suffix of a text or
# web page file (after a directory or not).
_FILE_NAME: Final = re.compile(
    r"\S+\.(?:txt|text|md|markdown|html?|listing)", re.IGNORECASE
)
# What an error adds about a text line that looks like a header it is not,
# or about what cut a post short: the likely cause. Constants, as the
# messages above: a title's error quotes nothing.
_NOT_THE_MARKER: Final = " (the sticky marker is 'sticky', in lower case)"
_NOT_A_DATE_LINE: Final = " (it holds a date in a form date lines do not take)"
# A date line but for its no-break spaces (a browser's copy of `Mar&nbsp;25`).
_SPACED_DATE_LINE: Final = (
    " (it holds a no-break space where a date line has a space: with spaces,"
    " it is a date line)"
)
_NO_BREAK_SPACES: Final = str.maketrans("\u00a0\u2007\u202f", "   ")
# A date line but for characters no screen shows (Unicode's format
# characters, category Cf: a browser's copy may leave U+200B in a line).
_HIDDEN_DATE_LINE: Final = (
    " (it holds a character no screen shows, such as U+200B: without it,"
    " it is a date line)"
)


def _not_a_date_line(stripped: str) -> str:
    """What an error adds about *stripped*, a line that holds a date
    (holds_date) in a form date lines do not take: the byte order mark that
    starts it, the no-break spaces that make it no date line, or neither."""
    if stripped.startswith("\ufeff"):
        unmarked = read_header(stripped[1:].strip())
        return _BOM_DATE_LINE if getattr(unmarked, "date", None) else _BOM_AT_START
    spaced = stripped.translate(_NO_BREAK_SPACES)
    if spaced != stripped and getattr(read_header(spaced), "date", None) is not None:
        return _SPACED_DATE_LINE
    shown = "".join(char for char in spaced if category(char) != "Cf").strip()
    if shown != spaced and getattr(read_header(shown), "date", None) is not None:
        return _HIDDEN_DATE_LINE
    return _NOT_A_DATE_LINE


# A line that starts with a byte order mark, as the start of each file does
# when files are joined (`cat a.txt b.txt`): only the text's own start may.
_BOM_AT_START: Final = (
    " (it starts with a byte order mark, U+FEFF, which only the start of the"
    " text may hold: files joined with cat keep each one's)"
)
# The same of a date line but for the mark (`cat a.txt b.txt`: the date of
# b.txt's first post, after a.txt's last tag line).
_BOM_DATE_LINE: Final = (
    " (it starts with a byte order mark, U+FEFF, which only the start of the"
    " text may hold: files joined with cat keep each one's; without the mark,"
    " it is a date line)"
)
_NO_EXCERPT_MARKER: Final = _NO_EXCERPT + _NOT_THE_MARKER
# The warning about a title that holds a date (it quotes nothing: see above).
_DATED_TITLE: Final = (
    "the title holds a date, but is not a date line, so the post has no date; "
    "if it is the post's date, write it as a date line such as 'Mar 4, 2025' "
    "(only the first such title is reported)"
)
_NO_EXCERPT_HEADER: Final = (
    _NO_EXCERPT + " (a header line follows it, and starts the next post)"
)
_NO_EXCERPT_LOOSE: Final = (
    _NO_EXCERPT + " (it follows an excerpt and a blank line: a tag line follows"
    " its excerpt directly)"
)
_NO_BLANK_TITLE_DATE: Final = _NO_BLANK_TITLE + _NOT_A_DATE_LINE
_NO_BLANK_TITLE_SPACED: Final = _NO_BLANK_TITLE + _SPACED_DATE_LINE
_NO_BLANK_TITLE_HIDDEN: Final = _NO_BLANK_TITLE + _HIDDEN_DATE_LINE
# What an error adds about a line that looks blank and is not, or that
# starts with a byte order mark (see invisible).
_INVISIBLE_LINE: Final = (
    " (the line holds only characters no screen shows, such as U+200B, and is"
    " not blank)"
)
_NO_BLANK_TITLE_INVISIBLE: Final = _NO_BLANK_TITLE + _INVISIBLE_LINE
_NO_BLANK_TITLE_BOM: Final = _NO_BLANK_TITLE + _BOM_AT_START
_NO_BLANK_EXCERPT_INVISIBLE: Final = _NO_BLANK_EXCERPT + _INVISIBLE_LINE
_NO_BLANK_EXCERPT_BOM: Final = _NO_BLANK_EXCERPT + _BOM_AT_START


def _no_blank_title_message(stripped: str) -> str:
    """The message of a ``missing-blank`` error about a title, *stripped*,
    right after its header: with the likely cause, if known."""
    if invisible(stripped):
        return (
            _NO_BLANK_TITLE_BOM
            if stripped.startswith("\ufeff")
            else _NO_BLANK_TITLE_INVISIBLE
        )
    if len(stripped) >= SHORTEST_HELD_DATE and holds_date(stripped):
        hint = _not_a_date_line(stripped)
        return (
            _NO_BLANK_TITLE_DATE
            if hint is _NOT_A_DATE_LINE
            else _NO_BLANK_TITLE_SPACED
            if hint is _SPACED_DATE_LINE
            else _NO_BLANK_TITLE_HIDDEN
        )
    return _NO_BLANK_TITLE


def _no_blank_excerpt_message(stripped: str) -> str:
    """The message of a ``missing-blank`` error about an excerpt, *stripped*,
    right after its title: with the likely cause, if known."""
    if not invisible(stripped):
        return _NO_BLANK_EXCERPT
    if stripped.startswith("\ufeff"):
        return _NO_BLANK_EXCERPT_BOM
    return _NO_BLANK_EXCERPT_INVISIBLE


_MARKER_LENGTH: Final = len(STICKY)


def _no_excerpt_message(title: str, loose: bool, otherwise: str) -> str:
    """The message of a ``missing-excerpt`` error about *title*: the likely
    cause, if known (the sticky marker in another case, or a tag line a
    blank line parts from its excerpt, *loose*), else *otherwise*."""
    if near_marker(title):
        return _NO_EXCERPT_MARKER
    return _NO_EXCERPT_LOOSE if loose else otherwise


def _tag_warnings(
    report: Reporter, lineno: int, line: str, stripped: str, notes: TagNotes
) -> Iterator[Diagnostic]:
    """The warnings about a tag line, *stripped*: that it is not what it
    looks, a date in it, the end of a line of text, then the tags it repeats."""
    if notes.invisible and (
        problem := report(
            lineno,
            line,
            "invisible-tag-line",
            "" if report.full else _invisible_tag_line_message(stripped),
            "warning",
        )
    ):
        yield problem
    if notes.dated and (
        problem := report(
            lineno,
            line,
            "unread-date",
            "" if report.full else _unread_date_message(stripped),
            "warning",
        )
    ):
        yield problem
    if notes.text_end and (
        problem := report(
            lineno,
            line,
            "text-tag-line",
            "" if report.full else _text_tag_line_message(stripped, notes.text_end),
            "warning",
        )
    ):
        yield problem
    if notes.repeated and (
        problem := report(
            lineno,
            line,
            "duplicate-tag",
            "" if report.full else _repeated_tags_message(notes.repeated),
            "warning",
        )
    ):
        yield problem


def _invisible_tag_line_message(stripped: str) -> str:
    """The message of a tag line's ``invisible-tag-line`` warning: the line
    starts with a byte order mark, or holds only format characters (see
    bloglist._lines.invisible)."""
    if stripped.startswith("\ufeff"):
        message = (
            f"tag line {quote(stripped)} starts with a byte order mark, U+FEFF, "
            "which only the start of the text may hold (files joined with cat "
            "keep each one's); it is read as tags"
        )
        rest = stripped[1:].strip()
        if rest and read_header(rest) is not None:
            # `cat a.txt b.txt`, b.txt saved with the mark: the header of
            # b.txt's first post read as the tags of a.txt's last.
            message += "; without the mark it is a header line, of the next post"
        return message
    points = sorted({f"U+{ord(char):04X}" for char in stripped})
    shown = ", ".join(points[:3] + (["..."] if len(points) > 3 else []))
    return (
        f"tag line {quote(stripped)} holds only characters no screen shows "
        f"({shown}); it is read as tags (a blank line, as the page showed it?)"
    )


def _text_tag_line_message(stripped: str, end: str) -> str:
    """The message of a tag line's ``text-tag-line`` warning: the line ends
    with *end*, one of TEXT_ENDS, as text does and category names do not."""
    return (
        f"tag line {quote(stripped)} ends with {quote(end)}, as an excerpt or a "
        "link does, not as category names; it is read as tags (the second line "
        "of an excerpt, or a 'Read more' link?)"
    )


def _unread_date_message(stripped: str) -> str:
    """The message of a tag line's ``unread-date`` warning: the line holds a
    date (holds_date) that the format does not read as a date line."""
    message = (
        f"tag line {quote(stripped)} holds a date, but is not a date line; "
        "it is read as tags, and no post gets the date"
    )
    hint = _not_a_date_line(stripped)
    return message if hint is _NOT_A_DATE_LINE else message + hint


def _dated_title_message(stripped: str) -> str:
    """The message of the ``unread-date`` warning about a title that holds a
    date: the first of a parse, so a string of its own costs nothing."""
    hint = _not_a_date_line(stripped)
    if hint is _NOT_A_DATE_LINE:
        return _DATED_TITLE
    if hint is _SPACED_DATE_LINE:
        cause = "it holds a no-break space where a date line has a space"
    elif hint is _HIDDEN_DATE_LINE:
        cause = (
            "it holds a character no screen shows, such as U+200B: without it, "
            "it is a date line"
        )
    else:
        cause = (
            "it starts with a byte order mark, U+FEFF, which only the start of "
            "the text may hold: files joined with cat keep each one's"
        )
    return (
        "the title holds a date, but is not a date line, so the post has no "
        f"date; {cause} (only the first such title is reported)"
    )


# How many repeated tags of one line a message names; it counts the rest.
_REPEATS_NAMED: Final = 3


def _repeated_tags_message(repeated: tuple[str, ...]) -> str:
    """The message of a tag line's ``duplicate-tag`` warning: one warning a
    line, naming each tag that repeats (the first few, then how many more),
    so that a message stays short however many tags a line repeats."""
    if len(repeated) == 1:
        return f"tag {quote(repeated[0])} appears more than once in the tag line"
    named = [quote(tag) for tag in repeated[:_REPEATS_NAMED]]
    if len(repeated) > _REPEATS_NAMED:
        rest = f"{len(repeated) - _REPEATS_NAMED} more"
    else:
        rest = named.pop()
    return f"tags {', '.join(named)} and {rest} appear more than once in the tag line"


def _extra_line(
    report: Reporter, lineno: int, line: str, stripped: str
) -> Diagnostic | None:
    return report(
        lineno,
        line,
        "extra-line",
        "" if report.full else _extra_line_message(stripped),
    )


def _extra_line_message(stripped: str) -> str:
    """The message of an ``extra-line`` error about the line *stripped*,
    with the likely cause when the line looks like a header it is not: the
    sticky marker in another case, or a date in a form date lines do not
    take (with a weekday or a time: see holds_date)."""
    message = (
        f"line {quote(stripped)} follows the tag line; a post ends with its tag line"
    )
    if stripped.startswith("\ufeff"):
        return message + _not_a_date_line(stripped)  # the mark, said first
    if near_marker(stripped):
        return message + _NOT_THE_MARKER
    if holds_date(stripped):
        return message + _not_a_date_line(stripped)
    return message


def _more_extra(
    report: Reporter, extra: int, colno: int, last: int
) -> Diagnostic | None:
    """The one diagnostic for the lines of a run past the first EXTRA_SHOWN.

    It stands at the first of them, and counts them to the run's *last* line.
    """
    more = extra - EXTRA_SHOWN
    return report(
        last - more + 1,
        "",
        "extra-line",
        f"{plural(more, 'more line')} after the tag line, to line {last}; "
        "a post ends with its tag line",
        colno=colno,
        until=last,
    )


# A call with tags= is reported where it is written by a type checker, as
# at run time by its DeprecationWarning (see known_tags_given). The second
# overload takes known_tags= too, as a wrapper that passes on both of its
# own keywords, each maybe None, does (given both, the function raises).
@overload
@named_as_public
def loads(
    text: str,
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    pause_gc: bool = True,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: None = None,
) -> Listing: ...
@overload
@named_as_public
@deprecated(
    "loads(tags=...) is deprecated: pass the known tag names as"
    " known_tags=...; tags= will be removed in a future release"
)
def loads(
    text: str,
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    pause_gc: bool = True,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: Iterable[str],
) -> Listing: ...


def loads(
    text: str,
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    pause_gc: bool = True,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: Iterable[str] | None = None,
) -> Listing:
    """Parse a listing from a string.

    Args:
        text: The listing. Lines may end in ``\\n``, ``\\r\\n`` or ``\\r``;
            a leading byte order mark is ignored.
        strict: Raise :class:`ParseError` at the first error instead of
            reporting it in :attr:`Listing.diagnostics` and going on.
        known_tags: Known tag names, recognised in tag lines before the case
            rule splits them (``GenAI``, ``iOS``). The names a post has are
            its :attr:`Post.tags`; these only help read them.
        pause_gc: Pause Python's cyclic garbage collector while the posts are
            built, which makes a big parse faster. The pause is process-wide,
            but short: the young generation is collected every 10,000 posts
            and diagnostics, and every 65,536 lines (unless the program runs
            with the collector off: then never). When the pause ends,
            Python's collections go on as they would have without it. Pass
            ``False`` to leave the collector alone.
        max_diagnostics: How many diagnostics to report one by one; past
            that, the parse counts the rest and reports them in one last
            diagnostic, ``too-many-diagnostics``, at the first of them.
            ``None`` reports every one.
        tags: The old name of *known_tags*, deprecated: it warns
            (:class:`DeprecationWarning`) and will be removed in a future
            release.

    Returns:
        The posts, with a diagnostic for each problem found, in line order.
        Warnings are collected in strict mode too.

    >>> import bloglist
    >>> listing = bloglist.loads(
    ...     "sticky\\nMar 25, 2025\\n\\nHello\\n\\nFirst words [\N{HORIZONTAL ELLIPSIS}]\\nNewsGenAI",
    ...     known_tags=["GenAI"],
    ... )
    >>> post = listing[0]
    >>> post.title, post.date, post.tags, post.sticky
    ('Hello', datetime.date(2025, 3, 25), ('News', 'GenAI'), True)
    """
    given: object = text  # checked for callers without a type checker
    if not isinstance(given, str):
        hint = mixup_hint(
            given,
            "use load(io.BytesIO(data)) for bytes",
            "use load() for a file",
            "it is a path: read the file with load() "
            "(with open(path, 'rb') as fp: bloglist.load(fp))",
        )
        raise TypeError(f"loads() takes a str, not {type_name(given)}{hint}")
    known = known_tags_given(known_tags, tags, "loads")
    check_bool(strict, "strict")
    check_bool(pause_gc, "pause_gc")
    limit = check_limit(max_diagnostics)
    try:
        listing = _parse_text(text, strict, known, pause_gc, limit)
    except ParseError as exc:
        if _is_file_name(text, exc):
            raise ParseError(
                exc.msg + _FILE_NAME_HINT, exc.lineno, exc.colno, code=exc.code
            ) from None
        raise
    if len(listing) == 1 and (
        named := [d for d in listing.diagnostics if _is_file_name(text, d)]
    ):
        # The one post is the text: loads("listing.txt"), most likely.
        (problem,) = named
        listing = make_listing(
            tuple(listing),
            tuple(
                Diagnostic(
                    lineno=d.lineno,
                    colno=d.colno,
                    severity=d.severity,
                    code=d.code,
                    message=d.message + _FILE_NAME_HINT,
                )
                if d is problem
                else d
                for d in listing.diagnostics
            ),
        )
    return listing


def _parse_text(
    text: str,
    strict: bool,
    tags: Iterable[str] | None,
    pause_gc: bool,
    limit: int | None,
) -> Listing:
    """:func:`loads` of *text*, its arguments checked (*limit* that of
    *max_diagnostics*), with no word of file names: what :func:`load` reads."""
    from ._tags import TagSplitter  # on first use: it takes a while to import

    report = Reporter(strict=strict, limit=limit)
    splitter = TagSplitter(
        tags,
        cache_size=CACHE_SIZE,
        dated=holds_date,
        text_ends=TEXT_ENDS,
        hidden=invisible,
    )
    pieces = split_pieces(text)
    if pause_gc:
        found = collect_paused(parse_lines(collected_lines(pieces), splitter, report))
    else:
        found = list(parse_lines(chain.from_iterable(pieces), splitter, report))
    if not report.count and not report.hidden:
        return make_listing(cast("tuple[Post, ...]", tuple(found)), ())
    # Only a listing with diagnostics pays for sorting the two apart, in C:
    # the parser makes posts and diagnostics of these exact classes.
    is_post = list(map(is_, map(type, found), repeat(Post)))
    posts = tuple(compress(found, is_post))
    diagnostics = tuple(compress(found, map(not_, is_post)))
    return make_listing(
        cast("tuple[Post, ...]", posts), cast("tuple[Diagnostic, ...]", diagnostics)
    )


def _is_file_name(text: str, problem: Diagnostic | ParseError) -> bool:
    """Whether *problem* is the missing excerpt of the title on the first
    line of a *text* that holds that line alone (but blank lines after it), a
    file's name: ``loads("listing.txt")``."""
    return (
        problem.code == "missing-excerpt"
        and problem.lineno == 1
        and len(text) <= _LONGEST_NAME  # a big text is not stripped for it
        and bool(_FILE_NAME.fullmatch(text.strip()))
    )


# The longest text loads() takes for a file's name (a path of 4,096 bytes,
# Linux's PATH_MAX, and its line break).
_LONGEST_NAME: Final = 4098


# tags=, deprecated: see loads.
@overload
@named_as_public
def load(
    fp: SupportsRead[str | bytes | bytearray | memoryview],
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    pause_gc: bool = True,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: None = None,
) -> Listing: ...
@overload
@named_as_public
@deprecated(
    "load(tags=...) is deprecated: pass the known tag names as"
    " known_tags=...; tags= will be removed in a future release"
)
def load(
    fp: SupportsRead[str | bytes | bytearray | memoryview],
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    pause_gc: bool = True,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: Iterable[str],
) -> Listing: ...


def load(
    fp: SupportsRead[str | bytes | bytearray | memoryview],
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    pause_gc: bool = True,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: Iterable[str] | None = None,
) -> Listing:
    """Parse a listing from a text or binary file.

    Bytes are decoded as UTF-8, with or without a byte order mark, or as
    UTF-16 after its byte order mark; bytes that cannot be decoded raise
    :class:`ParseError` at their line and column, in lenient mode too (in
    strict mode, an error in the lines before them is raised instead, the
    earliest, as :func:`iterload` raises it). The options are those of
    :func:`loads`.

    ``read()`` must return ``str``, or bytes as ``bytes``, ``bytearray`` or
    ``memoryview``; anything else raises TypeError, and so does ``None``,
    which a non-blocking file returns when it has no data yet. A file whose
    descriptor is non-blocking (a pipe set so) is read until a read gives
    nothing, its end: one that finds no data yet raises that TypeError, where
    the data that had come so far would be a listing cut short (that data is
    read, and gone: :func:`iterload` reads such a file as it comes). A path
    is not a file: open it first. Nor is the text itself: a str or bytes
    that holds a line break is refused with the call that parses it
    (:func:`loads`, or ``load(io.BytesIO(data))``).

    >>> import io, bloglist
    >>> data = "\\nHello\\n\\nFirst words.\\n".encode("utf-8-sig")
    >>> bloglist.load(io.BytesIO(data))[0].title
    'Hello'
    >>> bloglist.load(io.BytesIO(b"\\nHello\\n\\nCaf\\xe9\\n"))
    Traceback (most recent call last):
      ...
    bloglist.ParseError: byte 0xe9 is not valid UTF-8; text in another encoding, ... (at line 4, column 4)
    >>> bloglist.load("listing.txt")
    Traceback (most recent call last):
      ...
    TypeError: load() takes a file object, not a path (str); open the file and pass that: with open(path, "rb") as fp: load(fp)
    """
    read = reader_of(fp, "load")
    known = known_tags_given(known_tags, tags, "load")
    # The arguments are checked before the file is read: a pipe's data read
    # and then refused would be lost.
    if known is not None:
        known = checked_known_tags(known)  # a generator is read once, here
    check_bool(strict, "strict")
    check_bool(pause_gc, "pause_gc")
    check_limit(max_diagnostics)
    held = held_reader(fp) or raw_reader(fp) or text_over_held(fp, read)
    if held is not None:
        # Read a piece at a time as iterload reads it: read() would stop at
        # the raw file's first "no data yet" as at its end.
        content = rest_of_non_blocking(
            "" if isinstance(fp, io.TextIOBase) else b"", partial(held, PIECE)
        )
    else:
        content = checked_piece(read())
        if content and waits_for_data(fp) is False:
            content = rest_of_non_blocking(content, read)
    if isinstance(content, str) and escapes_bytes(fp):
        content = escaped_bytes(content)
        no_utf16_as_text(content)
    if isinstance(content, bytes):
        data = content
        try:
            content = decode(data)
        except ParseError:
            if strict:  # an error in the lines before the bytes comes first
                _earliest_error(data, known, max_diagnostics)
            raise
    return _parse_text(content, strict, known, pause_gc, check_limit(max_diagnostics))


# tags=, deprecated: see loads.
@overload
@named_as_public
def iterload(
    fp: SupportsReadSize[str | bytes | bytearray | memoryview],
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: None = None,
) -> Generator[Post | Diagnostic, None, None]: ...
@overload
@named_as_public
@deprecated(
    "iterload(tags=...) is deprecated: pass the known tag names as"
    " known_tags=...; tags= will be removed in a future release"
)
def iterload(
    fp: SupportsReadSize[str | bytes | bytearray | memoryview],
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: Iterable[str],
) -> Generator[Post | Diagnostic, None, None]: ...


def iterload(
    fp: SupportsReadSize[str | bytes | bytearray | memoryview],
    /,
    *,
    strict: bool = False,
    known_tags: Iterable[str] | None = None,
    max_diagnostics: SupportsIndex | None = MAX_DIAGNOSTICS,
    tags: Iterable[str] | None = None,
) -> Generator[Post | Diagnostic, None, None]:
    """Parse a listing from a text or binary file as it is read, a post at a time.

    Yields the posts and the diagnostics of :func:`load`, in the order the
    parser finds them: a diagnostic as soon as the lines that decide it are
    read, a post once its last line is read (just after the diagnostics about
    it). The file is read a piece of 64 KiB at a time (a file opened in binary
    mode, an ``io.BufferedReader`` that waits for data, a socket's with a
    timeout too, with ``read1``, which returns what a pipe holds now rather
    than wait for the whole piece: a text file's ``read`` waits for it, so give
    ``sys.stdin.buffer``, not ``sys.stdin``, to have each post as soon as it
    arrives), and nothing is kept between items but the line being read and
    bounded caches of header and tag lines (16 MiB at most each, a few megabytes
    for a real listing): memory stays small however many lines the file holds,
    and within a multiple of its longest line (a tag line of short names, none
    alike, takes about 55 to 75 times its bytes as it is split, and up to about
    95 for a line of some tens of kilobytes: docs/security.md).

    Bytes are decoded as :func:`load` decodes them; bytes that cannot be
    decoded raise :class:`ParseError` when the reading reaches them, in
    lenient mode too. ``read(size)`` may return what ``read()`` may for
    :func:`load`, and the same TypeError refuses the rest. In strict mode, the
    first error raises. The options are those of :func:`loads`; the collector
    is never paused, since the caller runs between items. Past
    *max_diagnostics*, the diagnostic that counts the rest comes last, after
    the last post. It is a generator: ``close()`` it to stop reading early
    (the file stays open, for its owner to close).

    >>> import io, bloglist
    >>> data = b"Mar 5, 2024\\n\\nOne\\n\\nFirst.\\nNews\\nJunk\\n\\nTwo\\n\\nSecond."
    >>> for item in bloglist.iterload(io.BytesIO(data)):
    ...     print(type(item).__name__, item.title if isinstance(item, bloglist.Post) else item)
    Post One
    Diagnostic line 'Junk' follows the tag line; a post ends with its tag line (at line 7, column 1)
    Post Two
    """
    return stream_items(
        fp,
        make_post,
        strict=strict,
        known_tags=known_tags_given(known_tags, tags, "iterload"),
        max_diagnostics=max_diagnostics,
    )


def stream_items(
    fp: SupportsReadSize[str | bytes | bytearray | memoryview],
    make: PostMaker[_R],
    /,
    *,
    strict: bool,
    known_tags: Iterable[str] | None,
    max_diagnostics: SupportsIndex | None,
) -> Generator[_R | Diagnostic, None, None]:
    """:func:`iterload`, each post made by *make* of its fields (see
    :func:`parse_lines`): the command's JSON writers take the fields as a
    tuple, which costs a fraction of a Post to make."""
    from ._tags import TagSplitter

    # read1, where it can be, returns what a pipe holds now, where read waits
    # for the whole piece: posts written to a pipe come out as they arrive.
    read = piece_reader(fp, reader_of(fp, "iterload"))
    if escapes_bytes(fp):
        read = bytes_again(read)
    check_bool(strict, "strict")
    report = Reporter(strict=strict, limit=check_limit(max_diagnostics))
    splitter = TagSplitter(  # checks *known_tags* now
        known_tags,
        cache_size=STREAM_CACHE_SIZE,
        cache_bytes=STREAM_CACHE_BYTES,
        dated=holds_date,
        text_ends=TEXT_ENDS,
        hidden=invisible,
    )
    lines = chain.from_iterable(iter_lines(partial(read, PIECE)))
    return parse_lines(
        lines,
        splitter,
        report,
        make=make,
        cache_size=STREAM_CACHE_SIZE,
        cache_bytes=STREAM_CACHE_BYTES,
    )


def _earliest_error(
    content: bytes, known: Iterable[str] | None, limit: SupportsIndex | None
) -> None:
    """In strict mode, the ParseError of an error in the lines before the
    first bytes *content* cannot decode, if there is one: what a strict
    :func:`iterload` of the same bytes raises, which reads the lines as they
    are decoded. (Else it raises the bytes' own error, which the caller has.)"""
    for _ in iterload(
        io.BytesIO(content), strict=True, known_tags=known, max_diagnostics=limit
    ):
        pass
