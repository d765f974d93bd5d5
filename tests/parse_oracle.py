"""The parser as it was before the speed work of issue 5, kept as a test oracle.

``tests/test_parse_speed.py`` checks that the optimised parser in ``src/`` reads
every input exactly as this one does: the same posts, line numbers and
diagnostics. Copied from ``src/bloglist`` at commit d5139c5 (``_lines``,
``_dates``, ``_tags`` and ``_parse``), trimmed to what parsing needs; not to be
changed except to follow a deliberate change of the grammar.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Final, Literal

import regex

from bloglist import Diagnostic, Listing, ParseError, Post

STICKY: Final = "sticky"
BOM: Final = "\ufeff"
Severity = Literal["error", "warning"]
_SHORT: Final = 40


def quote(text: str) -> str:
    """*text* quoted for a message, cut short if long.

    A message never holds more than a few dozen characters of the input, so a
    diagnostic stays small however long the line it is about.
    """
    if len(text) > _SHORT:
        return repr(text[: _SHORT - 1]) + "…"
    return repr(text)


def split_lines(text: str) -> list[str]:
    """Split *text* at ``\\n``, ``\\r\\n`` and ``\\r``, and nowhere else.

    Unlike :meth:`str.splitlines`, U+2028, U+0085, form feeds and the like are
    text inside a line. A leading byte order mark is dropped.
    """
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def column(line: str) -> int:
    """The 1-based column of the first non-whitespace character of *line*."""
    return len(line) - len(line.lstrip()) + 1


_MONTH_ABBRS: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

_MONTH_NAMES: Final = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

# Every spelling of a month that a date line may use, case-folded.
_MONTHS: Final[dict[str, int]] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, 1)},
    **{abbr.lower(): i for i, abbr in enumerate(_MONTH_ABBRS, 1)},
    "sept": 9,
}

# The canonical form, and the one seen in real listings: "Mar 25, 2025".
_FAST: Final[dict[str, int]] = {abbr: i for i, abbr in enumerate(_MONTH_ABBRS, 1)}

# The guard. A stripped line is date-shaped when the whole of it matches one
# of these forms and the word in it is a month. Parts may be missing ("Mar 5",
# "May 2024", "2024-03"): such a line is still a date line, and an error.
# Every repetition is bounded by a character class that cannot overlap the
# next token, so matching is linear in the line's length.
_DATE_SHAPE: Final = re.compile(
    r"""
    (?:
        (?P<m1>[A-Za-z]+)\.?                # month first: "Mar", "March", "Sept."
        \s+ (?P<d1>[0-9]{1,2})              # day
        (?:st|nd|rd|th)?                    # optional ordinal suffix
        (?: ,?\s+ (?P<y1>[0-9]+) )?         # year, maybe after a comma
      |
        (?P<m2>[A-Za-z]+)\.? ,?             # month and year only: "May 2024"
        \s+ (?P<y2>[0-9]{3,})
      |
        (?P<d3>[0-9]{1,2})                  # day first: "25 March 2025"
        (?:st|nd|rd|th)?
        \s+ (?P<m3>[A-Za-z]+)\.?
        (?: ,?\s+ (?P<y3>[0-9]+) )?
      |
        (?P<y4>[0-9]{4}) - (?P<mo4>[0-9]{1,2})     # ISO: "2025-03-25", "2025-03"
        (?: - (?P<d4>[0-9]{1,2}) )?
    )
    """,
    re.VERBOSE | re.ASCII,
)


class DateResult:
    """What a date-shaped line says: a date, or why it is not one."""

    __slots__ = ("code", "date", "problem")

    def __init__(
        self, date: datetime.date | None, problem: str = "", code: str = ""
    ) -> None:
        self.date = date
        self.problem = problem
        self.code = code


def _month_of(match: re.Match[str]) -> int | None:
    word = match["m1"] or match["m2"] or match["m3"]
    if word is None:
        return int(match["mo4"])
    return _MONTHS.get(word.lower())


def read_date(stripped: str) -> DateResult | None:
    """Read a stripped line as a date line.

    Returns ``None`` when the line is not date-shaped, else a
    :class:`DateResult` holding the date or the problem with it.
    """
    # Fast path: "Mar 25, 2025" is decided without the guard or dateutil.
    month = _FAST.get(stripped[:3])
    if month is not None and stripped[3:4] == " ":
        day, sep, year = stripped[4:].partition(", ")
        if (
            sep
            and 1 <= len(day) <= 2
            and len(year) == 4
            and (day + year).isascii()
            and (day + year).isdigit()
        ):
            return _make(int(year), month, int(day), stripped)

    match = _DATE_SHAPE.fullmatch(stripped)
    if match is None:
        return None
    month = _month_of(match)
    if month is None:
        return None
    year_text = match["y1"] or match["y2"] or match["y3"] or match["y4"]
    day_text = match["d1"] or match["d3"] or match["d4"]
    if year_text is None or day_text is None:
        missing = "year" if year_text is None else "day"
        return DateResult(
            None,
            f"date {quote(stripped)} has no {missing}; a missing part is never filled in",
            "incomplete-date",
        )
    if len(year_text) != 4:
        return DateResult(
            None, f"date {quote(stripped)} needs a four-digit year", "invalid-date"
        )
    if not 1 <= month <= 12:
        return DateResult(
            None, f"date {quote(stripped)} has no month {month}", "invalid-date"
        )
    result = _make(int(year_text), month, int(day_text), stripped)
    if result.date is None or match["y4"] is not None:
        return result
    return _by_dateutil(stripped, result.date)


def _make(year: int, month: int, day: int, stripped: str) -> DateResult:
    try:
        return DateResult(datetime.date(year, month, day))
    except ValueError:
        return DateResult(
            None, f"date {quote(stripped)} is not a real day", "invalid-date"
        )


def _by_dateutil(stripped: str, expected: datetime.date) -> DateResult:
    # dateutil reads the less common spellings ("Sept. 5th, 2024", "25 March
    # 2025"). The guard has already found all three parts, so the default it
    # would fill missing parts from is never used; and its reading must agree
    # with those parts, which keeps its guesses (two-digit years, day-first
    # heuristics) out of the result.
    #
    # Each run of whitespace is given to it as one space. dateutil makes a
    # token of every whitespace character and reads them all alike, so this
    # changes nothing in what it reads from a line the guard lets through; but
    # a line padded with a million spaces would cost a million tokens.
    from dateutil.parser import ParserError, parse

    try:
        value = parse(" ".join(stripped.split()), default=_NO_DEFAULT).date()
    except (ParserError, ValueError, OverflowError):
        value = None
    if value != expected:
        return DateResult(
            None,
            f"date {quote(stripped)} is not a date python-dateutil can read",
            "invalid-date",
        )
    return DateResult(value)


# Never consulted (see _by_dateutil), but dateutil needs one.
_NO_DEFAULT: Final = datetime.datetime(2000, 1, 1)


# An uppercase or titlecase letter, in any script.
_UPPER: Final = r"[\p{Lu}\p{Lt}]"

# Where a lowercase letter meets an uppercase or titlecase one: zero-width, one
# character looked at on each side and no repetition, so a scan is one pass
# over the line and cannot backtrack.
_CASE_BOUNDARY: Final = rf"(?<=\p{{Ll}})(?={_UPPER})"

# Known names are kept in a trie of dicts, one character per level. This key,
# never a character, marks the end of a name.
_END: Final = ""

_Trie = dict[str, "_Trie"]


class TagSplitter:
    """Splits tag lines, with an optional vocabulary of known names.

    A known name is recognised where it starts at the beginning of the line or
    right after a non-space character, and ends at the end of the line, before
    an uppercase or titlecase letter, or where another known name starts. So
    ``iOS`` is found in ``Machine LearningiOS``, but ``Data`` is not found in
    ``Database`` (a lowercase letter follows) nor ``Science`` in
    ``Data Science`` (a space comes before). Where two known names start at the
    same place, the longer wins. Known names are matched case-sensitively.

    Known names are looked up in a trie, never turned into a regular
    expression: a line of *n* characters costs at most *n* times the length of
    the longest name, however many names there are and whatever they hold.

    Results are cached per line: real listings repeat their tag lines, and the
    tags of equal lines are the same interned strings in the same tuple.
    """

    __slots__ = ("_boundary", "_cache", "_known", "_space", "_upper")

    def __init__(self, known: Iterable[str] | None = None) -> None:
        self._boundary: regex.Pattern[str] = regex.compile(_CASE_BOUNDARY)
        self._known: _Trie | None = None
        self._cache: dict[str, tuple[tuple[str, ...], str | None]] = {}
        # Single characters, as the regex module classes them.
        self._space = regex.compile(r"\s").match
        self._upper = regex.compile(_UPPER).match
        if known is None:
            return
        if isinstance(known, str):
            raise TypeError("tags must be an iterable of tag names, not a str")
        trie: _Trie = {}
        for name in known:
            if not isinstance(name, str):
                raise TypeError(
                    f"tags must be an iterable of str, got {type(name).__name__}"
                )
            node = trie
            for char in name.strip():
                node = node.setdefault(char, {})
            if node is not trie:  # a blank name matches nothing
                node[_END] = {}
        if trie:
            self._known = trie

    def split(self, line: str) -> tuple[tuple[str, ...], str | None]:
        """Split a stripped, non-empty tag line into its tags.

        Returns the tags and the first tag that repeats an earlier one
        (compared case-insensitively), or ``None`` when none does.
        """
        found = self._cache.get(line)
        if found is None:
            tags = tuple(sys.intern(t) for t in self._split(line) if t)
            seen: set[str] = set()
            duplicate = None
            for tag in tags:
                key = tag.casefold()
                if key in seen:
                    duplicate = tag
                    break
                seen.add(key)
            found = self._cache[line] = (tags, duplicate)
        return found

    def _split(self, line: str) -> list[str]:
        if self._known is None:
            return self._boundary.split(line)
        edges = self._known_edges(line, self._known)
        # Cut at the edges of known names, and at each case boundary that is
        # not inside one ("iOS"). Both come in order: one merge of the two.
        cuts = [0]
        i = 0
        for match in self._boundary.finditer(line):
            at = match.start()
            while i < len(edges) and edges[i] <= at:
                cuts.append(edges[i])
                i += 1
            if i % 2 == 0:  # not between a start and its end
                cuts.append(at)
        cuts += edges[i:]
        cuts.append(len(line))
        return [line[a:b] for a, b in pairwise(cuts) if a < b]

    def _known_edges(self, line: str, trie: _Trie) -> list[int]:
        """Start, end, start, end... of the known names recognised in *line*."""
        # First, each place where a name starts: from each character of the
        # line, a walk down the trie until a name ends or the line leaves it.
        n = len(line)
        starts = bytearray(n + 1)
        for start, char in enumerate(line):
            node = trie.get(char)
            at = start + 1
            while node is not None:
                if _END in node:
                    starts[start] = 1
                    break
                if at == n:
                    break
                node = node.get(line[at])
                at += 1
        # Then left to right, the longest name that ends where a name may
        # end; the next search starts where it ends.
        edges: list[int] = []
        start = starts.find(1)
        while start != -1:
            if not (start and self._space(line[start - 1])):
                node = trie[line[start]]
                at = start + 1
                end = 0
                while True:
                    if _END in node and (
                        at == n or starts[at] or self._upper(line[at])
                    ):
                        end = at  # the longest so far
                    if at == n or line[at] not in node:
                        break
                    node = node[line[at]]
                    at += 1
                if end:
                    edges += (start, end)
                    start = end - 1
            start = starts.find(1, start + 1)
        return edges


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
        return _post(title, date, "", (), sticky, start)

    lineno = 0
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            if state == _HEADER:
                state = _TITLE
            elif state == _AFTER_TITLE:
                state = _EXCERPT
            elif state == _AFTER_EXCERPT:
                yield _post(title, date, excerpt, (), sticky, start)
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
                yield _post(title, date, excerpt, tags, sticky, start)
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
                yield _post(title, date, excerpt, (), sticky, start)
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
        yield _post(title, date, excerpt, (), sticky, start)
    elif state in (_AFTER_TITLE, _EXCERPT):
        yield no_excerpt()
    elif state in (_HEADER, _TITLE):
        orphan_header()


def loads(
    text: str, *, strict: bool = False, tags: Iterable[str] | None = None
) -> Listing:
    """The listing of *text*, as ``bloglist.loads`` read it before issue 5."""
    report = Reporter(strict=strict)
    posts = tuple(parse_lines(split_lines(text), TagSplitter(tags), report))
    return Listing(posts, diagnostics=report.diagnostics)


def _post(
    title: str,
    date: datetime.date | None,
    excerpt: str,
    tags: tuple[str, ...],
    sticky: bool,
    lineno: int,
) -> Post:
    return Post(
        title=title, date=date, excerpt=excerpt, tags=tags, sticky=sticky, lineno=lineno
    )
