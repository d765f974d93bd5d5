"""Date lines are read by the package's own grammar, at a bounded cost (issue 12).

Every spelling reads as it did when python-dateutil checked the uncommon
ones: the same date, or the same problem. ``date_oracle.read_date`` is that
reading (the guard, then dateutil), and the properties here compare the two,
and the grammar with dateutil itself, over generated spellings.
"""

from __future__ import annotations

import datetime
import itertools
import re
import subprocess
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import bloglist
import date_oracle
from bloglist import Post
from bloglist._dates import (
    _MONTHS,
    SHORTEST_HELD_DATE,
    DateResult,
    format_date,
    holds_date,
    is_date_shaped,
    read_date,
)
from test_hostile import _MONTHS as MONTH_ABBRS  # English, not the locale's

# The whitespace the grammar allows between parts (ASCII, as re.ASCII's \s).
SPACES = st.text(st.sampled_from(" \t\x0b\x0c"), min_size=1, max_size=3)
# Whitespace it does not allow, though str.split() would split at it.
NEAR_SPACES = st.sampled_from(["\xa0", "\x1c", "\x1f", "\x85", "\u2003", "\u3000"])


@st.composite
def month_words(draw: st.DrawFn) -> str:
    """A month spelling of the grammar in any mix of cases, or a near miss."""
    word = draw(st.sampled_from([*_MONTHS, "mayo", "ja", "septem", "marc"]))
    upper = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.upper() if up else c for c, up in zip(word, upper, strict=True))


DAYS = st.one_of(
    st.integers(0, 39).map(str),
    st.integers(0, 39).map("{:02d}".format),
    st.sampled_from(["001", "١", "5x"]),
)
YEARS = st.one_of(
    st.integers(0, 9999).map("{:04d}".format),
    st.integers(0, 130).map("{:04d}".format),  # around the two-digit edge
    st.sampled_from(["24", "024", "12345", "2024x"]),
)
ORDINALS = st.sampled_from(["", "", "st", "nd", "rd", "th", "TH", "d"])
PERIODS = st.sampled_from(["", "", "."])
COMMAS = st.sampled_from(["", "", ","])


@st.composite
def date_lines(draw: st.DrawFn) -> str:
    """A line in one of the families the grammar knows, or close to one."""
    month, day, year = draw(month_words()), draw(DAYS), draw(YEARS)
    period, ordinal, comma = draw(PERIODS), draw(ORDINALS), draw(COMMAS)
    first, second = draw(SPACES), draw(SPACES)
    family = draw(st.sampled_from(["month first", "day first", "month year", "iso"]))
    if family == "month first":
        line = f"{month}{period}{first}{day}{ordinal}{comma}{second}{year}"
    elif family == "day first":
        line = f"{day}{ordinal}{first}{month}{period}{comma}{second}{year}"
    elif family == "month year":
        line = f"{month}{period}{comma}{first}{year}"
    else:
        line = f"{year}-{draw(DAYS)}-{day}"
    # Sometimes a part is missing, which makes an incomplete date.
    if draw(st.booleans()) and family in ("month first", "day first"):
        line = line[: line.rfind(second)] if second in line else line
    # Sometimes a near miss: a space the grammar does not allow, or junk at
    # either end.
    miss = draw(st.sampled_from(["", "", "", "space", "before", "after"]))
    if miss == "space" and first in line:
        line = line.replace(first, draw(NEAR_SPACES), 1)
    elif miss:
        junk = draw(st.sampled_from(["x", ".", ",", "0", "th", "-", "\x00"]))
        line = junk + line if miss == "before" else line + junk
    return line


@st.composite
def readable_date_lines(draw: st.DrawFn) -> tuple[str, datetime.date]:
    """A line of a whole date from year 0100 on that the grammar reads, with
    the date it was written from: the month's word (any of its spellings, in
    any mix of cases, a period after it or not), the day (with or without a
    leading zero and an ordinal), a comma or not, any ASCII spaces, month
    first or day first."""
    date = draw(st.dates(min_value=datetime.date(100, 1, 1)))
    word = draw(st.sampled_from([w for w, m in _MONTHS.items() if m == date.month]))
    upper = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    month = "".join(c.upper() if up else c for c, up in zip(word, upper, strict=True))
    day = draw(st.sampled_from([str(date.day), f"{date.day:02d}"]))
    day += draw(st.sampled_from(["", "st", "nd", "rd", "th", "TH"]))
    period, comma = draw(PERIODS), draw(COMMAS)
    first, second = draw(SPACES), draw(SPACES)
    year = f"{date.year:04d}"
    if draw(st.booleans()):
        return f"{month}{period}{first}{day}{comma}{second}{year}", date
    return f"{day}{first}{month}{period}{comma}{second}{year}", date


def reading(result: DateResult | date_oracle.DateResult | None, line: str) -> object:
    """What *result*, read from *line*, says: its date, message and code."""
    if result is None:
        return None
    if isinstance(result, DateResult):
        return (result.date, result.problem_of(line), result.code)
    return (result.date, result.problem, result.code)


class TestSameReadingAsBefore:
    @given(date_lines())
    @example("Sept. 5th, 2024")
    @example("5th March 2025")
    @example("1\tMay 2024")
    @example("January 13, 0012")
    @example("Jan 13, 0012")
    @example("Feb 29, 0100")
    @example("Mar 00, 2024")
    @example("2024-00-05")
    @example("0012-03-05")
    @example("Mar 23rd, 2024")
    @example("5TH MARCH 2025")
    @example("SEPT. 5TH, 2024")
    def test_every_spelling_reads_as_with_dateutil(self, line: str) -> None:
        """The grammar gives the date, or the problem, that the dateutil reading gave."""
        assert reading(read_date(line), line) == reading(
            date_oracle.read_date(line), line
        )

    @pytest.mark.parametrize(
        "form",
        [
            f"{m}{p} {{d}}{o}{c} {{y}}"
            for m, p, o, c in itertools.product(
                ["Sept", "march"], ["", "."], ["", "th"], ["", ","]
            )
        ]
        + [
            f"{{d}}{o} {m}{p}{c} {{y}}"
            for m, p, o, c in itertools.product(
                ["Sept", "MAR"], ["", "."], ["", "st"], ["", ","]
            )
        ],
    )
    def test_years_around_0100_read_as_before(self, form: str) -> None:
        """Every year up to 0120, where dateutil took a year for a two-digit one."""
        for year, day in itertools.product(range(121), ("1", "09", "29", "31")):
            line = form.format(d=day, y=f"{year:04d}")
            assert reading(read_date(line), line) == reading(
                date_oracle.read_date(line), line
            )

    @given(readable_date_lines())
    def test_dateutil_agrees_with_every_date_read(
        self, case: tuple[str, datetime.date]
    ) -> None:
        """A whole month-name date from year 0100 on, in any spelling the
        grammar takes, reads as the date it was written from, and dateutil
        reads it alike."""
        from dateutil.parser import parse

        line, date = case
        found = read_date(line)
        assert found is not None and found.date == date
        again = parse(" ".join(line.split()), default=datetime.datetime(2000, 1, 1))
        assert again.date() == date


class TestCanonicalForm:
    @pytest.mark.parametrize(
        ("line", "date"),
        [
            ("Mar 5, 0012", datetime.date(12, 3, 5)),
            ("Mar 05, 0012", datetime.date(12, 3, 5)),
            ("Sep 30, 0001", datetime.date(1, 9, 30)),
            ("Dec 31, 0099", datetime.date(99, 12, 31)),
            ("MAR 5, 0012", None),
            ("mar 5, 0012", None),
            ("March 5, 0012", None),
            ("Sept 5, 0012", None),
            ("Mar. 5, 0012", None),
            ("Mar 5th, 0012", None),
            ("Mar 5 0012", None),
            ("Mar  5, 0012", None),
            ("Mar\t5, 0012", None),
            ("Mar 5,\t0012", None),
            ("5 Mar, 0012", None),
            ("Feb 30, 0012", None),
        ],
    )
    def test_a_year_below_0100_reads_only_in_the_canonical_form(
        self, line: str, date: datetime.date | None
    ) -> None:
        """``Mon D, YYYY`` exactly as written, and as it read before issue 12."""
        found = read_date(line)
        assert found is not None and found.date == date
        assert reading(found, line) == reading(date_oracle.read_date(line), line)


class TestNearDates:
    @pytest.mark.parametrize(
        ("line", "codes"),
        [
            ("Mar 005, 2024", []),
            ("005 Mar 2024", []),
            ("Mar 5, 2024.", ["unread-date"]),
            ("Mar 5,2024", ["unread-date"]),
            # A comma comes before the year only, and once.
            ("5 March,", []),
            ("Mar 5,", []),
            ("5 March,, 2025", ["unread-date"]),
        ],
    )
    def test_a_line_of_another_shape_is_text(self, line: str, codes: list[str]) -> None:
        """docs/format.md: a day of three digits, a stray period or no space
        after the comma make a text line, read by its position: after an
        excerpt, the tag line, and the next post has no date. A tag line
        that holds a real date is warned about; a day of three digits is no
        day."""
        assert read_date(line) is None
        listing = bloglist.loads(f"\nA\n\nB\n{line}\n\nT\n\nE\n")
        assert [(p.title, p.tags, p.date) for p in listing] == [
            ("A", (line,), None),
            ("T", (), None),
        ]
        assert [(d.code, d.severity, d.lineno) for d in listing.diagnostics] == [
            (code, "warning", 5) for code in codes
        ]


class TestNearMissesOfTheIsoDateForm:
    """docs/format.md, "Date lines": days have one or two digits and years
    four, and a line of another shape is not a date line, however close. An
    ISO-shaped line with a year of five digits, or a month or day of three,
    is a title like any other text (no diagnostic), and ``dumps`` writes it
    as one: it reads back as it was written."""

    @pytest.mark.parametrize(
        "line",
        [
            "10000-01-01",
            "20245-3-5",
            "02024-03-05",
            "2024-003-05",
            "2024-03-005",
            "2024-100-1",
            "2024-1-100",
            "999-01-01",
        ],
    )
    def test_the_line_is_a_title(self, line: str) -> None:
        listing = bloglist.loads(f"\n{line}\n\nE\n")
        assert list(listing) == [Post(title=line, excerpt="E")]
        assert listing.diagnostics == ()
        post = Post(title=line, excerpt="x")
        text = bloglist.dumps([post])
        assert text == f"\n{line}\n\nx\n"
        back = bloglist.loads(text)
        assert (list(back), back.diagnostics) == ([post], ())


class TestNotDateLines:
    """Lines close to a date line that are text: a title of one is written
    and read back as that title, as no date-shaped title is."""

    @pytest.mark.parametrize("title", ["May, 24", "Mar, 05", "June, 99", "Sept., 7"])
    def test_a_month_and_two_digits_after_a_comma(self, title: str) -> None:
        """Only three or more digits after a month are a year ("A month and a
        number of three or more digits are a month and a year"); a day after
        a month follows it without a comma (`Mar 5`)."""
        listing = bloglist.loads(bloglist.dumps([Post(title=title, excerpt="E")]))
        assert [(p.title, p.date) for p in listing] == [(title, None)]
        assert not listing.diagnostics

    @pytest.mark.parametrize("title", ["20245-03-05", "12025-3-5", "10000-01"])
    def test_an_iso_line_with_a_five_digit_year(self, title: str) -> None:
        """ISO 8601 writes a year of more than four digits only with a sign
        (an expanded year), so a line of five digits, a month and a day is
        no ISO date: years have four digits, and a line of another shape is
        not a date line."""
        listing = bloglist.loads(bloglist.dumps([Post(title=title, excerpt="E")]))
        assert [(p.title, p.date) for p in listing] == [(title, None)]
        assert not listing.diagnostics


class TestProblems:
    @pytest.mark.parametrize(
        ("line", "code", "says"),
        [
            ("Feb 30, 2024", "invalid-date", "is not a real day"),
            ("31 April 2024", "invalid-date", "is not a real day"),
            ("Mar 5", "incomplete-date", "has no year"),
            ("May 2024", "incomplete-date", "has no day"),
            ("2024-03", "incomplete-date", "has no day"),
            ("Sept 999", "incomplete-date", "has no day"),  # three digits: a year
            ("Mar 005", "incomplete-date", "has no day"),  # docs/format.md's
            ("March, 024", "incomplete-date", "has no day"),
            ("Mar 5, 24", "invalid-date", "needs a four-digit year"),
            ("Mar 5, 02025", "invalid-date", "needs a four-digit year"),
            ("5 Mar 20245", "invalid-date", "needs a four-digit year"),
            ("2024-13-01", "invalid-date", "has no month 13"),
            ("2024-00-05", "invalid-date", "has no month 0"),
            # A part missing comes first, though a part given is out of range.
            ("2024-13", "incomplete-date", "has no day"),
            ("2024-00", "incomplete-date", "has no day"),
            ("2024-03-00", "invalid-date", "is not a real day"),
            ("Mar 00, 2024", "invalid-date", "is not a real day"),
            ("00 March 2024", "invalid-date", "is not a real day"),
            ("January 13, 0012", "invalid-date", "a year below 100"),
            # docs/format.md's: only the canonical form, as dumps writes it.
            ("jan 13, 0012", "invalid-date", "a year below 100"),
            ("Jan  13, 0012", "invalid-date", "a year below 100"),
            ("Jan 13th, 0012", "invalid-date", "a year below 100"),
            ("13th Jan 0099", "invalid-date", "a year below 100"),
        ],
    )
    def test_a_date_line_that_names_no_day_says_why(
        self, line: str, code: str, says: str
    ) -> None:
        """Each problem has its code and a message that quotes the line."""
        found = read_date(line)
        assert found is not None and found.date is None
        assert found.code == code
        problem = found.problem_of(line)
        assert says in problem and repr(line) in problem

    def test_a_bad_date_is_a_diagnostic_at_its_line(self) -> None:
        """Through loads: the post is kept, undated, and the line is named."""
        listing = bloglist.loads(
            "Mar 1, 2024\n\nA\n\nE\n\nJanuary 13th, 0012\n\nB\n\nF\n"
        )
        assert [post.title for post in listing] == ["A", "B"]
        assert listing[1].date is None
        (problem,) = listing.diagnostics
        assert (problem.lineno, problem.code) == (7, "invalid-date")

    def test_lines_with_one_problem_share_a_result_but_not_a_message(self) -> None:
        """Reading a line that names no day makes nothing (hostile input can
        hold one every few bytes), yet each diagnostic quotes its own line:
        a post's date line, the second line of a header, and a date held back
        at the end of a long run of header lines with no post."""
        first, second = read_date("jAn 5"), read_date("FEB  7")
        assert first is second is not None
        run = "".join(f"mar {day % 28 + 1}\n" for day in range(150))
        text = f"jAn 5\n\nA\n\nE\nsticky\nFEB  7\n\nB\n\nF\n{run}\nC\n\nG\n"
        listing = bloglist.loads(text, strict=False)
        assert [post.title for post in listing] == ["A", "B", "C"]
        dates = [d for d in listing.diagnostics if d.code == "incomplete-date"]
        quoted = {(d.lineno, d.message.split("'")[1]) for d in dates}
        lines = text.split("\n")
        # Every date problem quotes the line it was found at, and the three
        # paths above are among them: lines 1, 7 and the run's last (161).
        assert all(lines[lineno - 1].strip() == line for lineno, line in quoted)
        assert {1, 7, 161} <= {lineno for lineno, _ in quoted}

    @pytest.mark.parametrize(
        ("line", "date"),
        [
            ("Sept. 5th, 2024", datetime.date(2024, 9, 5)),
            ("5th march 2025", datetime.date(2025, 3, 5)),
            ("1\tMay\x0b\x0c2024", datetime.date(2024, 5, 1)),
            ("Jan 13, 0012", datetime.date(12, 1, 13)),
            ("december 31 9999", datetime.date(9999, 12, 31)),
            ("Feb. 29th, 0100", None),  # 0100 is not a leap year
            ("Feb 29, 2000", datetime.date(2000, 2, 29)),
            ("Mar 23rd, 2024", datetime.date(2024, 3, 23)),
            ("3rd March 2025", datetime.date(2025, 3, 3)),
            ("22nd Feb 2024", datetime.date(2024, 2, 22)),
            # A suffix in any case, as the month name: a line in capitals.
            ("5TH MARCH 2025", datetime.date(2025, 3, 5)),
            ("SEPT. 5TH, 2024", datetime.date(2024, 9, 5)),
            ("Mar 1St, 2025", datetime.date(2025, 3, 1)),
            ("2ND feb 2024", datetime.date(2024, 2, 2)),
            # Mixed case, neither lower, title nor upper: any case is any case.
            ("mAr 5, 2024", datetime.date(2024, 3, 5)),
            ("5 sEpT. 2024", datetime.date(2024, 9, 5)),
            # A full name in mixed case is looked up in lower case.
            ("MaRCH 5, 2024", datetime.date(2024, 3, 5)),
            ("5 sePtember 2024", datetime.date(2024, 9, 5)),
            ("0012-03-05", datetime.date(12, 3, 5)),  # ISO: any year as written
            ("2024-3-5", datetime.date(2024, 3, 5)),  # ISO with one-digit parts
        ],
    )
    def test_uncommon_spellings_read(
        self, line: str, date: datetime.date | None
    ) -> None:
        """Ordinals, periods, any case and any ASCII space read without dateutil."""
        found = read_date(line)
        assert found is not None and found.date == date


def read_header(line: str) -> tuple[datetime.date | None, list[str]]:
    """The date and diagnostic codes of a post with *line* as its header."""
    listing = bloglist.loads(f"{line}\n\nTitle\n\nExcerpt\n")
    assert [post.title for post in listing] == ["Title"]
    return listing[0].date, [d.code for d in listing.diagnostics]


def real_day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class TestEveryTwoDigitNumber:
    """docs/format.md, "Date lines": days have one or two digits, and a
    date-shaped line that is not a real day is an ``invalid-date``. Every
    number the grammar takes as a day or an ISO month, up to 99, is read or
    refused so, never an exception."""

    @pytest.mark.parametrize("month", range(1, 13))
    def test_each_day_up_to_99_of_each_month(self, month: int) -> None:
        name = MONTH_ABBRS[month - 1]
        for day in range(1, 100):
            for line in (f"{name} {day}, 2024", f"{day} {name} 2024"):
                expected = real_day(2024, month, day)
                date, codes = read_header(line)
                assert date == expected, line
                assert codes == ([] if expected else ["invalid-date"]), line

    def test_each_iso_month_and_day_up_to_99(self) -> None:
        for number in range(100):
            for line, (month, day) in (
                (f"2024-{number:02d}-05", (number, 5)),
                (f"2024-03-{number:02d}", (3, number)),
            ):
                expected = real_day(2024, month, day)
                date, codes = read_header(line)
                assert date == expected, line
                assert codes == ([] if expected else ["invalid-date"]), line

    def test_month_99_is_named_in_the_message(self) -> None:
        listing = bloglist.loads("2024-99-01\n\nTitle\n\nExcerpt\n")
        assert listing.diagnostics[0].message == "date '2024-99-01' has no month 99"


class TestAnyLine:
    @given(
        st.one_of(st.text(), date_lines(), date_lines().map(lambda line: line + "\x00"))
    )
    @example("Mar 5, " + "9" * 10_000)
    @example("99999999999999999999 May 2024")
    def test_any_line_is_a_date_line_or_not_and_never_an_exception(
        self, line: str
    ) -> None:
        """Whatever the line, the answer is None, a date, or a problem with a code."""
        found = read_date(line)
        if found is not None:
            assert (
                (found.date is None) == bool(found.code) == bool(found.problem_of(line))
            )
            assert found.sticky is False  # what the parser keeps for a header line


class TestBoundedCost:
    def test_no_date_line_calls_dateutil(self) -> None:
        """Every family reads without importing python-dateutil at all.

        A dateutil call cost about 60 µs a line, a hundred times what a line
        of a real listing costs; none is left to make.
        """
        lines = [
            f"{d}{o}\t{m}{p} {y}"
            for d, o, m, p, y in itertools.product(
                ("1", "29", "31"),
                ("", "th"),
                ("Sept", "may"),
                ("", "."),
                ("0012", "2024"),
            )
        ] + ["Sept. 5th, 2024", "March 25, 2025", "2024-02-30", "May 2024"]
        text = "\n\nT\n\nE\n\n".join(lines) + "\n\nT\n\nE\n"
        code = (
            "import sys, bloglist\n"
            f"listing = bloglist.loads({text!r})\n"
            "print(len(listing), 'dateutil' in sys.modules)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.split() == [str(len(lines)), "False"]


class TestWriting:
    @given(st.dates())
    def test_the_canonical_line_reads_back(self, date: datetime.date) -> None:
        """format_date writes a date line that reads as the same day, for every year."""
        line = format_date(date)
        assert is_date_shaped(line)
        found = read_date(line)
        assert found is not None and found.date == date

    @given(date_lines())
    @example("2024-03-05")
    @example("2024-13")
    def test_shaped_is_what_reads_as_a_date_line(self, line: str) -> None:
        """is_date_shaped and read_date agree on what a date line is."""
        assert is_date_shaped(line) == (read_date(line) is not None)

    def test_the_guard_is_compiled_on_first_use(self) -> None:
        """The module's one date rule is there for the parser's tests to generate from."""
        from bloglist import _dates

        assert _dates._DATE_SHAPE.fullmatch("5th Sept. 2024")
        with pytest.raises(AttributeError, match="_NO_SUCH"):
            # Not a name of the module: mypy knows, the test shows it at run time.
            _dates._NO_SUCH  # type: ignore[attr-defined]  # noqa: B018


# --- Dates in a tag line (docs/format.md, "Dates in a tag line") --------------

# The rule of holds_date as one plain pattern, read forwards: a month word
# (ASCII letters, any case) and a day before a four-digit year, in either
# order, apart by one to three characters that are neither letters nor
# digits; or three numbers with the same "/", "." or "-" twice, the year first
# or last. _dates reads it from the year, backwards for what comes before it.
_ANY_CASE_MONTH = "|".join(
    "".join(f"[{c}{c.upper()}]" for c in word)
    for word in sorted(_MONTHS, key=len, reverse=True)
)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_SUFFIX = r"(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH])"
_GAP = r"[\W_]{1,3}"
_YEAR = r"[0-9]{4}(?![0-9])"
HELD_DATE = re.compile(
    rf"""
    (?<![^\W\d_]) (?:{_ANY_CASE_MONTH}) {_GAP} {_DAY}{_SUFFIX}? {_GAP} {_YEAR}
  | (?<![0-9]) {_DAY}{_SUFFIX}? {_GAP} (?:{_ANY_CASE_MONTH}) {_GAP} {_YEAR}
  | (?<![0-9]) [0-9]{{4}} ([-/.]) (?:1[0-2]|0?[1-9]) \1 {_DAY} (?![0-9])
  | (?<![0-9]) {_DAY} ([-/.]) {_DAY} \2 {_YEAR}
    """,
    re.VERBOSE,
)

# Lines that real copies of blog index pages put where a date line goes, in
# spellings the format does not read as one (issue: a review with scrapes of
# real blog engines).
SCRAPED_DATES = [
    "Tues, Mar 4, 2025",  # a weekday first (Blogger)
    "Mar\u202f20, 2025",  # a narrow no-break space (some CMSs)
    "Mar\u00a025, 2025",
    "2025/03/25",
    "25-03-2025",
    "03.02.2025",
    "March 25, 2025 \u00b7 6 min \u00b7 Alice",  # a Hugo meta line
    "Mar 24, 2025 at 10:30 am",
    "2025-03-20T09:00:00Z",
    "\ufeffMar 20, 2025",  # a second byte order mark: cat page1.txt page2.txt
    "Posted Sept. 5th, 2024",
    "WEDNESDAY, 5TH MARCH 2025",
    "Mar 5, 2024.",
    "Mar 5,2024",
]

# Category names real blogs use, with numbers and month words in them.
CATEGORY_NAMES = [
    "Web3",
    "PyCon 2025",
    "Python 3.12",
    "Top 10",
    "2024 Recap",
    "COVID-19",
    "May",
    "March Madness",
    "May 4th Star Wars Day",
    "Windows 10/11",
    "Python 3.12.1",
    "Top 10 Tips2025",
    "2024-25 Season",
    "Summary 4, 2025",  # "mar" inside a word
    "Mar 005, 2024",  # no day has three digits
    "Build 2025-13-01",  # no month 13
    "25. M\u00e4rz 2025",  # not an English month
    "4th of July 2025",  # a word between the parts
]


@st.composite
def near_date_lines(draw: st.DrawFn) -> str:
    """Lines of month words, numbers, separators and letters, often dates."""
    parts = st.one_of(
        month_words(),
        st.integers(0, 40).map(str),
        st.integers(0, 9).map("0{}".format),
        st.integers(0, 12000).map("{:04d}".format),
        st.sampled_from(["st", "TH", "nd", "Rd", "x", "é", "İ", "ſ", "\u212a"]),
        st.text(st.sampled_from(" ,.-/_\u00a0\u202f\u00b7\ufeff\t"), max_size=4),
    )
    return "".join(draw(st.lists(parts, max_size=10)))


class TestHeldDates:
    @pytest.mark.parametrize("line", SCRAPED_DATES)
    def test_each_scraped_date_is_found(self, line: str) -> None:
        assert read_date(line.strip()) is None  # not a date line
        assert holds_date(line)
        assert HELD_DATE.search(line)

    @pytest.mark.parametrize("line", CATEGORY_NAMES)
    def test_no_category_name_holds_a_date(self, line: str) -> None:
        assert not holds_date(line)
        assert not HELD_DATE.search(line)

    def test_a_month_word_at_the_end_of_a_longer_word_is_none(self) -> None:
        """The month word is not part of a longer word, of any script."""
        assert holds_date("Updated may 4, 2025")
        for line in ("Xmay 4, 2025", "\u00c9may 4, 2025", "\u0436may 4, 2025"):
            assert not holds_date(line), line

    @given(near_date_lines())
    @example("x 12345 Mar 4, 2025")
    @example("Xmar 4, 2025")
    @example("september 30TH,\u00a0\u00a0 2025")
    @example("1-2-20251")
    @example("25-03/2025")
    @example("Tues, Mar 32, 2025")  # days 32 and 33 are no days
    @example("Mar 33, 2025")
    @example("33 Mar 2025")
    @example("Launch: Mar 4 - 2025")  # a gap of three characters
    @example("Released 2025-03/04")  # two separators must be the same
    @example("on 04-03/2025")
    @example("10Mar 4, 2025")  # a digit makes no longer word of the month's
    def test_the_rule_is_the_plain_pattern(self, line: str) -> None:
        """holds_date, which reads from each year, finds what one forward
        search with the rule's plain pattern finds."""
        assert holds_date(line) == (HELD_DATE.search(line) is not None)

    @given(st.text(max_size=40))
    def test_any_text_agrees_with_the_plain_pattern(self, line: str) -> None:
        assert holds_date(line) == (HELD_DATE.search(line) is not None)

    @given(near_date_lines())
    @example("1/2/2025")
    @example("2025-1-2")
    @example("x1/2/2025")
    def test_no_line_shorter_than_the_shortest_holds_a_date(self, line: str) -> None:
        """The parser asks holds_date nothing of a line shorter than
        SHORTEST_HELD_DATE: none holds a date, and the bound is tight."""
        if len(line) < SHORTEST_HELD_DATE:
            assert HELD_DATE.search(line) is None
        assert holds_date("1/2/2025") and len("1/2/2025") == SHORTEST_HELD_DATE
        assert HELD_DATE.search(line[-SHORTEST_HELD_DATE + 1 :]) is None


# Date lines at the edges of their grammar, and the hint an extra line after a
# tag line gets when it holds a date or looks like the sticky marker.

_AFTER_TAGS = "Mar 5, 2025\n\nTitle\n\nExcerpt\nTags\n"
_HELD = " (it holds a date in a form date lines do not take)"


def _extra_line_message(line: str) -> str:
    """The message of the one diagnostic of *line* after a post's tag line."""
    (problem,) = bloglist.loads(_AFTER_TAGS + line + "\n").diagnostics
    assert problem.code == "extra-line"
    return problem.message


class TestDateLines:
    @pytest.mark.parametrize(
        ("line", "day"),
        [
            ("05 March 2025", datetime.date(2025, 3, 5)),
            ("0012-03-05", datetime.date(12, 3, 5)),
        ],
    )
    def test_a_date_line_may_start_with_a_zero(
        self, line: str, day: datetime.date
    ) -> None:
        """A header line may start with any digit, 0 too: the parser's
        quick test of a header's first character lets a 0 through."""
        listing = bloglist.loads(f"{line}\n\nTitle\n\nExcerpt\n")
        assert [(p.date, p.title) for p in listing] == [(day, "Title")]
        assert listing.diagnostics == ()

    def test_an_iso_date_has_one_separator(self) -> None:
        """`2025-03/25` mixes two separators: text, not a date line."""
        listing = bloglist.loads("2025-03/25\n\nTitle\n\nExcerpt\n")
        assert listing[0].title == "2025-03/25"
        assert all(post.date is None for post in listing)

    def test_an_underscore_is_a_gap_in_a_held_date(self) -> None:
        """format.md: the pieces of a date held in a line are apart by
        characters that are neither letters nor digits; `_` is one."""
        assert _extra_line_message("Mar_4_2025").endswith(_HELD)

    def test_a_year_inside_a_longer_number_is_no_date(self) -> None:
        """`12025-03-25` is no year-first date: its year would be five digits."""
        assert not _extra_line_message("build 12025-03-25 of 2025").endswith(_HELD)

    def test_a_line_that_casefolds_to_the_marker_is_not_its_other_case(self) -> None:
        """U+FB06 (the `st` ligature) casefolds to `st`: `\ufb06icky` is five
        characters, not the marker in another case."""
        message = _extra_line_message("\ufb06icky")
        assert message == (
            "line '\ufb06icky' follows the tag line; a post ends with its tag line"
        )
