"""The date reader as it was before the speed work of issue 5, kept as a test oracle.

It reads each date-shaped line with the guard and then python-dateutil, as
bloglist did then. ``tests/test_fast_parser.py`` holds ``read_date`` in
``src/`` to the same results over every month spelling, day and form, so a
faster reading of dates can never read a line differently unnoticed. Copied
from ``src/bloglist/_dates.py`` at commit d5139c5; not to be changed except to
follow a deliberate change of the date grammar.
"""

from __future__ import annotations

import datetime
import re
from typing import Final

from bloglist._errors import quote

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
        (?i:st|nd|rd|th)?                   # optional ordinal suffix, any case
        (?: ,?\s+ (?P<y1>[0-9]+) )?         # year, maybe after a comma
      |
        (?P<m2>[A-Za-z]+)\.? ,?             # month and year only: "May 2024"
        \s+ (?P<y2>[0-9]{3,})
      |
        (?P<d3>[0-9]{1,2})                  # day first: "25 March 2025"
        (?i:st|nd|rd|th)?
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
            f"date {quote(stripped)} has a year below 100, which only the forms "
            "'Mar 5, 0012' and '0012-03-05' take as written",
            "invalid-date",
        )
    return DateResult(value)


# Never consulted (see _by_dateutil), but dateutil needs one.
_NO_DEFAULT: Final = datetime.datetime(2000, 1, 1)
