"""Date lines: deciding that a line is a date, reading it, and writing one.

One rule owns "what a date line looks like": ``_DATE_SHAPE``. The parser
uses it to classify lines and the writer uses it to refuse titles that would
read back as dates. A line that has the shape but names no real day, or lacks
a part, is an error: nothing is ever filled in from today.

The same grammar reads the line: its groups are the month, the day and the
year, so every date line costs one match of a compiled regex and a few
dictionary look-ups, whatever its spelling. No other parser is consulted, so
no input can make one line cost more than that (python-dateutil, which used to
check the less common spellings, cost about 60 µs a line). There is no second,
faster path for the common forms: one that split the line and checked its
parts with string methods cost more than the match (each method call costs
about what the regex engine spends on the whole line), and a line it could not
read paid for both, so every line now takes the one path.

The grammar reads every line exactly as python-dateutil read it (the tests
compare the two over generated spellings): the one place dateutil differs from
the parts is a year below 0100, which it takes for a two-digit year, so such a
year is an error except in the canonical form ``Mar 5, 0012``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import cache
from itertools import product
from typing import TYPE_CHECKING, ClassVar, Final

from ._errors import quote

__all__ = [
    "DATE_DIGITS",
    "DATE_HEADS",
    "SHORTEST_HELD_DATE",
    "DateResult",
    "format_date",
    "holds_date",
    "is_date_shaped",
    "read_date",
]

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

# Each month word in lower, title and upper case, and the short ones (the
# abbreviations, "june", "july" and "sept") in every case: most lines spell
# the word so, and need no lower() before the look-up in _MONTHS.
_SPELLINGS: Final[dict[str, int]] = {
    "".join(letters): month
    for word, month in _MONTHS.items()
    for letters in (
        product(*({c, c.upper()} for c in word))
        if len(word) <= 4
        else (word, word.title(), word.upper())
    )
}

# The day of a date line, or an ISO line's month, as the grammar's
# ``[0-9]{1,2}`` spells it: one or two ASCII digits, "0" to "99". A look-up
# here costs less than int(); a number out of range is refused after it.
_NUMBERS: Final[dict[str, int]] = {
    **{str(day): day for day in range(100)},
    **{f"{day:02d}": day for day in range(10)},
}

# A cheap test that every date-shaped line passes, for the parser to run on
# every line before it asks the guard: the line starts with the first three
# letters of a month name (in any case) or with an ASCII digit.
DATE_HEADS: Final = frozenset(
    "".join(letters)
    for word in _MONTHS
    for letters in product(*({c.lower(), c.upper()} for c in word[:3]))
)
DATE_DIGITS: Final = frozenset("0123456789")

# The month words of the canonical form, "Mar 25, 2025".
_CANONICAL: Final = frozenset(_MONTH_ABBRS)

# The guard, and the grammar. A stripped line is date-shaped when the whole of
# it matches one of these forms and the word in it is a month. Parts may be
# missing ("Mar 5", "May 2024", "2024-03"): such a line is still a date line,
# and an error. The groups are the parts read_date reads, which unpacks them
# in this order (m1 d1 y1 y2 d3 m3 y3 y4 mo4 d4): a new group goes last.
# Every repetition is bounded by a character class that cannot overlap the
# next token, so matching is linear in the line's length; for the same reason
# giving characters back can never make a match, and every quantifier is
# possessive (``++``, ``?+``), which saves the engine the bookkeeping.
_DATE_SHAPE_PATTERN: Final = r"""
    (?:
        (?P<m1>[A-Za-z]++)\.?+              # month first: "Mar", "March", "Sept."
        (?:
            \s++ (?P<d1>[0-9]{1,2}+)        # day
            (?i:st|nd|rd|th)?+              # optional ordinal suffix, any case
            (?: ,?+\s++ (?P<y1>[0-9]++) )?+  # year, maybe after a comma
          |
            ,?+ \s++ (?P<y2>[0-9]{3,}+)      # month and year only: "May 2024"
        )
      |
        (?P<d3>[0-9]{1,2}+)                 # day first: "25 March 2025"
        (?i:st|nd|rd|th)?+
        \s++ (?P<m3>[A-Za-z]++)\.?+
        (?: ,?+\s++ (?P<y3>[0-9]++) )?+
      |
        (?P<y4>[0-9]{4}) - (?P<mo4>[0-9]{1,2}+)     # ISO: "2025-03-25", "2025-03"
        (?: - (?P<d4>[0-9]{1,2}+) )?+
    )
    """


@cache
def _date_shape() -> re.Pattern[str]:
    # Compiled on first use, not on import: a program that reads no date line
    # never needs it.
    global _fullmatch
    pattern = re.compile(_DATE_SHAPE_PATTERN, re.VERBOSE | re.ASCII)
    _fullmatch = pattern.fullmatch
    return pattern


# The compiled guard's fullmatch once _date_shape has run: a global costs
# less to read than a call of the cached function.
_fullmatch: Callable[[str], re.Match[str] | None] | None = None


if TYPE_CHECKING:
    _DATE_SHAPE: re.Pattern[str]
else:

    def __getattr__(name: str) -> object:
        if name == "_DATE_SHAPE":
            return _date_shape()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DateResult:
    """What a date-shaped line says: a date, or why it is not one.

    It is also what the parser keeps for a header line (``_lines.Header``),
    so that reading a date line makes one object: :attr:`sticky` tells the
    ``sticky`` marker from a date line, and is false for every date line. A
    result that names no day does not hold its line: every line with the same
    problem shares one result, and :meth:`problem_of` writes the message for
    the line when a diagnostic needs it.
    """

    __slots__ = ("code", "date", "why")

    sticky: ClassVar[bool] = False

    def __init__(
        self, date: datetime.date | None, why: str = "", code: str = ""
    ) -> None:
        self.date = date
        self.why = why  # the problem, after "date 'the line' "
        self.code = code

    def problem_of(self, line: str) -> str:
        """Why *line*, the stripped line this result was read from, is not a
        date, for a person; empty for a date.

        Written when asked, not when the line is read: a parse writes the
        messages it reports (a thousand at most, by default), and reads every
        date line.
        """
        return f"date {quote(line)} {self.why}" if self.code else ""


# What the lines that name no day say. Every line with one of these problems
# shares its result, so reading such a line makes nothing.
_NO_YEAR: Final = DateResult(
    None, "has no year; a missing part is never filled in", "incomplete-date"
)
_NO_DAY: Final = DateResult(
    None, "has no day; a missing part is never filled in", "incomplete-date"
)
_SHORT_YEAR: Final = DateResult(None, "needs a four-digit year", "invalid-date")
_NOT_A_DAY: Final = DateResult(None, "is not a real day", "invalid-date")
_EARLY_YEAR: Final = DateResult(
    None,
    "has a year below 100, which only the forms 'Mar 5, 0012' and "
    "'0012-03-05' take as written",
    "invalid-date",
)


def is_date_shaped(stripped: str) -> bool:
    """Whether a stripped line would be read as a date line.

    >>> is_date_shaped("5th Sept. 2024"), is_date_shaped("May 2024")
    (True, True)
    >>> is_date_shaped("Mayday 2024")
    False
    """
    match = _date_shape().fullmatch(stripped)
    return match is not None and _month_of(match) is not None


def _month_of(match: re.Match[str]) -> int | None:
    word = match["m1"] or match["m3"]
    if word is None:
        return int(match["mo4"])
    return _MONTHS.get(word.lower())


def read_date(stripped: str) -> DateResult | None:
    """Read a stripped line as a date line.

    Returns ``None`` when the line is not date-shaped, else a
    :class:`DateResult` holding the date or the problem with it.

    >>> read_date("1\tMay 2024").date
    datetime.date(2024, 5, 1)
    >>> read_date("Feb 30, 2024").problem_of("Feb 30, 2024")
    "date 'Feb 30, 2024' is not a real day"
    >>> read_date("Mayday 2024") is None
    True
    """
    match = (_fullmatch or _date_shape().fullmatch)(stripped)
    if match is None:
        return None
    # One call for all the groups: cheaper than a look-up per group.
    m1, d1, y1, y2, d3, m3, y3, y4, mo4, d4 = match.groups()
    word = m1 or m3
    if word is None:
        month = _NUMBERS[mo4]
    else:
        found = _SPELLINGS.get(word)
        if found is None:
            found = _MONTHS.get(word.lower())
            if found is None:
                return None
        month = found
    year_text = y1 or y2 or y3 or y4
    if year_text is None:
        return _NO_YEAR
    day_text = d1 or d3 or d4
    if day_text is None:
        return _NO_DAY
    if len(year_text) != 4:
        return _SHORT_YEAR
    if not 1 <= month <= 12:
        return DateResult(None, f"has no month {month}", "invalid-date")
    year = int(year_text)
    try:
        date = _date(year, month, _NUMBERS[day_text])
    except ValueError:
        return _NOT_A_DAY
    if year >= _FIRST_FULL_YEAR or y4 is not None:
        return DateResult(date)
    if m1 in _CANONICAL and stripped == f"{m1} {d1}, {y1}":
        # The canonical form, "Mar 5, 0012": always read as written.
        return DateResult(date)
    # A year below 0100 in a month-name form other than the canonical one:
    # python-dateutil, which read these forms before this grammar did, took
    # such a year for a two-digit one and so never agreed with the line. It
    # stays an error.
    return _EARLY_YEAR


_date: Final = datetime.date

# The first year a month-name form other than the canonical one reads: see
# the end of read_date.
_FIRST_FULL_YEAR: Final = 100


# A date inside a line that is not a date line (docs/format.md, "Dates in a
# tag line"): a four-digit year, with before it a month word and a day in
# either order ("Tues, Mar 4, 2025", "Mar\u202f20, 2025", "March 25, 2025
# \u00b7 6 min"), or two numbers ("25-03-2025", "03.02.2025"), or after it
# two numbers ("2025/03/25", "2025-03-20T09:00:00Z"). Between the parts of a
# month-word date, one to three characters that are neither letters nor
# digits; between numbers, "/", "." or "-", the same twice. A month word is
# one of a date line's, in any case, not inside a longer word; a day is 1 to
# 31, with one or two digits, and after a month word may have an ordinal
# suffix; a month number is 1 to 12; numbers are ASCII digits, none part of
# a longer number. tests/test_dates.py holds the rule as one plain pattern,
# read forwards (HELD_DATE), and checks these against it.
#
# Each pattern starts with a digit class, so that a search skips to the next
# digit in C (the engine's "charset prefix": a pattern that starts with a
# repeat or a look-behind is tried at every character, ten times slower) and
# reads a few characters at each four-digit number it stops at; a line costs
# a pass or three, however many numbers it holds. A date written before its
# year is looked for in the line read backwards, where it follows the year.
_YEAR_PATTERN: Final = r"[0-9](?<![0-9]{2})[0-9]{3}(?![0-9])"
# "2025-03-20": a year, a month (1 to 12) and a day (1 to 31).
_YEAR_FIRST_PATTERN: Final = r"""
    [0-9](?<![0-9]{2})[0-9]{3}
    ([-/.]) (?:1[0-2]|0?[1-9]) \1 (?:3[01]|[12][0-9]|0?[1-9]) (?![0-9])
    """
# "Mar 4th, 2025", "4th March 2025" and "25-03-2025" in a line reversed and
# lowercased ("5202 ,ht4 ram"): each part reversed, from the year back. A
# day, 1 to 31, reversed: _REVERSED_DAY.
_REVERSED_DAY: Final = r"(?:[01]3|[0-9][12]|[1-9]0?)"
_REVERSED_MONTH: Final = "|".join(
    word[::-1] for word in sorted(_MONTHS, key=len, reverse=True)
)
_GAP: Final = r"[\W_]{1,3}"  # one to three characters, no letter or digit
_YEAR_LAST_PATTERN: Final = rf"""
    [0-9](?<![0-9]{{2}})[0-9]{{3}}
    (?:
        {_GAP} (?:ts|dn|dr|ht)? {_REVERSED_DAY} {_GAP}
        (?:{_REVERSED_MONTH}) (?![^\W\d_])                 # "Mar 4th, 2025"
      | {_GAP} (?:{_REVERSED_MONTH}) {_GAP}
        (?:ts|dn|dr|ht)? {_REVERSED_DAY} (?![0-9])          # "4th March 2025"
      | ([-/.]) {_REVERSED_DAY} \1 {_REVERSED_DAY} (?![0-9])  # "25-03-2025"
    )
    """


@cache
def _held_date() -> tuple[
    Callable[[str], re.Match[str] | None],
    Callable[[str], re.Match[str] | None],
    Callable[[str], re.Match[str] | None],
]:
    # Compiled on first use: most tag lines are words alone and never need them.
    return (
        re.compile(_YEAR_PATTERN).search,
        re.compile(_YEAR_FIRST_PATTERN, re.VERBOSE).search,
        re.compile(_YEAR_LAST_PATTERN, re.VERBOSE).search,
    )


# The length of the shortest line holds_date finds a date in: a year, a
# separator, a month and a day of one digit each, "1/2/2025" (a month word is
# three letters or more, with a gap and a day beside it). The parser asks
# holds_date nothing of a shorter line.
SHORTEST_HELD_DATE: Final = 8


def holds_date(line: str) -> bool:
    """Whether *line*, a text line, holds a date in a form date lines do not
    take: a four-digit year with a month word and a day before it, or with
    two numbers before or after it (docs/format.md, "Dates in a tag line").

    >>> holds_date("Tues, Mar 4, 2025"), holds_date("2025/03/25")
    (True, True)
    >>> holds_date("PyCon 2025"), holds_date("Python 3.12"), holds_date("May")
    (False, False, False)
    """
    find_year, year_first, year_last = _held_date()
    if find_year(line) is None:
        return False  # most lines: a pass over the line, at C speed
    return year_first(line) is not None or year_last(line[::-1].lower()) is not None


def format_date(date: datetime.date) -> str:
    """The canonical date line: ``Mon D, YYYY``.

    >>> import datetime
    >>> format_date(datetime.date(12, 9, 5))
    'Sep 5, 0012'
    """
    return f"{_MONTH_ABBRS[date.month - 1]} {date.day}, {date.year:04d}"
