"""Behaviour a mutation run of ``_dates.py`` and ``_post.py`` found untested
(102 mutants: 83 killed, 10 equivalent, 9 surviving every test file run for
the module): a day or an ISO month of ``99`` (the last two-digit number the
grammar takes, which must be an ``invalid-date`` like 32 to 98, not a
``KeyError``); a month and a two-digit number after a comma (``May, 24``),
which is no date line, as only three or more digits after a month are a
year; an ISO line with a five-digit year (``20245-03-05``), no ISO date and
so no date line; in a tag line, a year-first date whose day is 32 or runs
into a longer number (``2025/03/32``, ``2025/03/311``), and a date written
before a year that runs into a longer number while another year stands
elsewhere in the line (``Mar 4, 20251, updated 2024``: without the other
year, the check for a year hides it), none of which holds a date; a tag line ending with the arrow ``→``, a ``text-tag-line``
like one ending with ``»``; the lone surrogate named when a post's title and
excerpt both hold one (the title's, written first); and an archive giving
back an excerpt built by hand with the whitespace around it.

The equivalent ten change only time or memory, or a branch no input
reaches. In ``_dates.py``: the table of month spellings without the mixed
cases of ``june``, ``july`` and ``sept``, or without the upper-case long
names (a miss falls back to the look-up of the lowered word); the month word
taken as ``m3 or m1`` (only one of the two groups is ever set); an ISO month
read by ``int`` rather than the table (the same number for one or two ASCII
digits); ``problem_of`` testing ``why`` rather than ``code`` (both are set or
both empty); the pre-check for a year in a tag line without its look-arounds
(it only filters: both full patterns check the year's bounds themselves); the
reversed month words in the other order (the alternation backtracks to a
longer one). In ``_post.py``: the cut marks in another order (none is a
suffix of another, so the mark found is the same; only the batch fast path's
choice changes); ``summaries`` without its early return for no truncated
excerpt, or with its fast path on ``…`` rather than ``[…]`` (the slow path
makes the same summaries).
"""

from __future__ import annotations

import datetime
import io
import pathlib

import pytest

import bloglist
from bloglist import Post
from test_hostile import _MONTHS as MONTH_ABBRS  # English, not the locale's


def read_header(line: str) -> tuple[datetime.date | None, list[str]]:
    """The date and diagnostic codes of a post with *line* as its header."""
    listing = bloglist.loads(f"{line}\n\nTitle\n\nExcerpt\n")
    assert [post.title for post in listing] == ["Title"]
    return listing[0].date, [d.code for d in listing.diagnostics]


def tag_line_codes(line: str) -> list[str]:
    """The diagnostic codes of *line* in a tag line's place."""
    listing = bloglist.loads(f"Mar 5, 2025\n\nFirst\n\nOne.\n{line}\n")
    assert [post.tags for post in listing] == [(line,)]
    return [d.code for d in listing.diagnostics]


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


class TestHeldDatesBounds:
    """docs/format.md, "Dates in a tag line": after a year, a month 1 to 12
    and a day 1 to 31; numbers of ASCII digits, none part of a longer
    number."""

    @pytest.mark.parametrize("sep", ["/", ".", "-"])
    def test_a_year_first_day_is_1_to_31(self, sep: str) -> None:
        for day in range(100):
            for spelled in {str(day), f"{day:02d}"}:
                line = f"Build 2025{sep}03{sep}{spelled}"
                held = ["unread-date"] if 1 <= day <= 31 else []
                assert tag_line_codes(line) == held, line

    @pytest.mark.parametrize("line", ["2025/03/311", "2025/03/310", "2025.12.011"])
    def test_a_year_first_day_in_a_longer_number(self, line: str) -> None:
        assert tag_line_codes(line) == []
        assert tag_line_codes(line[:-1]) == ["unread-date"]  # the day alone

    @pytest.mark.parametrize(
        ("line", "date_alone"),
        [
            ("125-03-2025", "25-03-2025"),
            ("Build 125-03-2025", "Build 25-03-2025"),
            ("203.02.2025", "03.02.2025"),
            ("331/12/2025", "31/12/2025"),
        ],
    )
    def test_a_day_first_date_in_a_longer_number(
        self, line: str, date_alone: str
    ) -> None:
        """Its first number run into from before: no date; without the digit
        that runs into it, a date."""
        assert tag_line_codes(line) == []
        assert tag_line_codes(date_alone) == ["unread-date"]

    @pytest.mark.parametrize(
        "line",
        [
            "Posted Mar 4, 20251",
            "Posted 4 Mar 20251",
            "Posted 4th March, 20259 words",
            "Posted 25-03-20251",
            "Posted Mar 4, 20251, updated 2024",
            "Posted 4 Mar 20251 (archived 2024)",
            "Posted 25-03-20251 of 2024",
        ],
    )
    def test_a_year_in_a_longer_number_after_the_day(self, line: str) -> None:
        """With or without a year elsewhere in the line."""
        assert tag_line_codes(line) == []
        four = line.replace("2025", "2025 ", 1)  # the same year, on its own
        assert tag_line_codes(four) == ["unread-date"]


class TestTextTagLineEnds:
    """docs/format.md, "Tag lines": a tag line that ends with a cut mark or
    a link's arrow (``»``, ``→``) gets a ``text-tag-line`` warning."""

    @pytest.mark.parametrize(
        "line", ["Read more »", "Continue →", "Next →", "So it goes…", "More [...]"]
    )
    def test_each_end(self, line: str) -> None:
        assert tag_line_codes(line) == ["text-tag-line"]


class TestTheFirstLoneSurrogate:
    def test_the_title_is_named_before_the_excerpt(self) -> None:
        """The title is written before the excerpt: its surrogate is the one
        UTF-8 meets first, and the one the error names."""
        post = Post(title="a\udc80", excerpt="b\udc81", tags=["c\udc82"])
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dump([post], io.BytesIO())
        assert "title holds the lone surrogate U+DC80" in str(info.value)

    def test_the_excerpt_is_named_before_the_tags(self) -> None:
        post = Post(title="a", excerpt="b\udc81", tags=["c\udc82"])
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dump([post], io.BytesIO())
        assert "excerpt holds the lone surrogate U+DC81" in str(info.value)


class TestArchiveKeepsTheExcerpt:
    def test_an_excerpt_built_by_hand_reads_back_as_given(
        self, tmp_path: pathlib.Path
    ) -> None:
        """A post keeps its excerpt as given (Post strips nothing), and an
        archive file holds what Archive.merge would give: its posts read
        back equal, whitespace and all."""
        posts = [Post(title="T", excerpt="  x  "), Post(title="U", excerpt="\ty\n")]
        seen = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        stored = bloglist.open_archive(tmp_path / "blog.sqlite")
        stored.add(posts, seen_at=seen)
        assert list(stored.load().listing) == posts
