"""A count, a page number, a year or an indent may be any integer that Python
takes as a list index (an object with ``__index__``, as numpy's ``int64``, which
is not an int): the result is the one its int gives, and what is kept (a
page's number, a condition's year) is an int. A bool is not such an integer."""

from __future__ import annotations

import datetime
import io
import sys
from typing import Any

import attrs
import pytest

import bloglist
from bloglist import Listing, Post, Where

SAMPLE = bloglist.sample_text()
LISTING = bloglist.loads(SAMPLE)
# A text with an error on every post, for the limit on diagnostics.
MESSY = "Mar 5\n\nT\n\nE\n" * 6


class Index:
    """An integer that is no int, as numpy's integers are: it has __index__."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value

    def __repr__(self) -> str:
        return f"Index({self.value})"


class Refusing:
    """An __index__ that refuses, as numpy 1's bool has."""

    def __index__(self) -> int:
        raise TypeError("not an integer")


def edges(length: int) -> list[int]:
    return sorted({0, 1, length - 1, length, length + 1, 2 * length, 10**30} - {-1})


class TestTheSameAsTheInt:
    @pytest.mark.parametrize("n", edges(len(LISTING)))
    def test_first_and_last(self, n: int) -> None:
        assert LISTING.first(Index(n)) == LISTING.first(n)
        assert LISTING.last(Index(n)) == LISTING.last(n)

    @pytest.mark.parametrize("n", range(-len(LISTING), len(LISTING)))
    def test_item_and_index(self, n: int) -> None:
        """listing[i] and listing.index(post, start, stop), as a list takes
        them (typed so: mypy checks these lines with no ignore)."""
        post = LISTING[Index(n)]
        assert post is LISTING[n]
        first = LISTING.index(post)
        assert LISTING.index(post, Index(first), Index(first + 1)) == first
        with pytest.raises(ValueError, match="is not in the listing"):
            LISTING.index(post, Index(first + 1), Index(first + 1))

    def test_indexing_takes_what_a_list_takes_a_bool_too(self) -> None:
        """docs/query.md: indexing, slicing and index() take and refuse what
        a list does, where counts refuse a bool."""
        posts = list(LISTING)
        assert LISTING[True] is posts[True]
        assert list(LISTING[False:True]) == posts[False:True]
        assert LISTING.index(posts[1], True) == posts.index(posts[1], True)
        with pytest.raises(TypeError, match=r"^listing indices must be integers or"):
            LISTING[1.0]  # type: ignore[call-overload]
        with pytest.raises(TypeError) as ours:
            LISTING.index(posts[1], 1.0)  # type: ignore[arg-type]
        with pytest.raises(TypeError) as lists:
            posts.index(posts[1], 1.0)  # type: ignore[arg-type]
        assert str(ours.value) == str(lists.value)
        with pytest.raises(TypeError, match=r"^n must be an int"):
            LISTING.first(True)

    @pytest.mark.parametrize("size", edges(len(LISTING))[1:])
    def test_page(self, size: int) -> None:
        pages = max(1, -(-len(LISTING) // size))
        for number in {1, pages}:
            page = LISTING.page(Index(number), size=Index(size))
            assert page == LISTING.page(number, size=size)
            assert (type(page.number), type(page.size)) == (int, int)
        with pytest.raises(IndexError, match=f"page {pages + 1} is out of range"):
            LISTING.page(Index(pages + 1), size=Index(size))

    @pytest.mark.parametrize(
        ("year", "month"), [(2023, 1), (2025, 3), (1, 12), (9999, 12)]
    )
    def test_year_and_month(self, year: int, month: int) -> None:
        for made, plain in (
            (Where.year(Index(year)), Where.year(year)),
            (Where.month(Index(year), Index(month)), Where.month(year, month)),
        ):
            assert repr(made) == repr(plain)
            assert LISTING.filter(made) == LISTING.filter(plain)

    @pytest.mark.parametrize("indent", [0, 1, 2, 8])
    def test_indent(self, indent: int) -> None:
        assert bloglist.to_json(LISTING, indent=Index(indent)) == bloglist.to_json(
            LISTING, indent=indent
        )

    @pytest.mark.parametrize("limit", edges(6))
    def test_max_diagnostics(self, limit: int) -> None:
        listing = bloglist.loads(MESSY, max_diagnostics=Index(limit))
        assert (
            listing.diagnostics
            == bloglist.loads(MESSY, max_diagnostics=limit).diagnostics
        )
        streamed = bloglist.iterload(io.StringIO(MESSY), max_diagnostics=Index(limit))
        assert list(streamed) == list(
            bloglist.iterload(io.StringIO(MESSY), max_diagnostics=limit)
        )


class TestRefused:
    @pytest.mark.parametrize("value", [True, False, Refusing(), 1.0, "1"])
    def test_what_is_no_integer(self, value: Any) -> None:
        kind = type(value).__name__
        one = Listing([Post(title="A")])
        for call, what in (
            (lambda: one.first(value), "n"),
            (lambda: one.last(value), "n"),
            (lambda: one.page(value, size=1), "number"),
            (lambda: one.page(1, size=value), "size"),
            (lambda: Where.year(value), "year"),
            (lambda: Where.month(2025, value), "month"),
            (lambda: bloglist.to_json(one, indent=value), "indent"),
        ):
            with pytest.raises(TypeError, match=f"^{what} must be an int, not {kind}$"):
                call()
        with pytest.raises(
            TypeError, match=f"^max_diagnostics must be an int or None, not {kind}$"
        ):
            bloglist.loads("", max_diagnostics=value)

    @pytest.mark.parametrize("value", [-1, 0])
    def test_the_bounds_hold_for_them_too(self, value: int) -> None:
        with pytest.raises(ValueError, match=f"number must be 1 or more, not {value}"):
            LISTING.page(Index(value), size=1)
        with pytest.raises(ValueError, match=f"^year {value} is out of range 1..9999$"):
            Where.year(Index(value))


def test_numpy_integers() -> None:
    """What a pandas or numpy computation hands over."""
    np = pytest.importorskip(
        "numpy", reason="numpy integers as counts: the test-extra group"
    )
    n = np.int64(3)
    assert LISTING.first(n) == LISTING.first(3)
    assert LISTING.page(np.uint8(2), size=n).number == 2
    assert LISTING.filter(Where.year(np.int32(2023))) == LISTING.filter(
        Where.year(2023)
    )
    with pytest.raises(TypeError, match=r"^n must be an int, not numpy\.bool"):
        LISTING.first(np.bool_(True))


# Past the interpreter's limit of digits (4,300), an int cannot be written as
# text: a message that writes it whole would fail with Python's own
# ValueError, and a page past the end would not be the IndexError it is.
HUGE = 10**5000

_STORE_TIME = __import__("datetime").datetime(
    2025, 3, 5, tzinfo=__import__("datetime").UTC
)


@pytest.mark.parametrize(
    ("call", "error", "said"),
    [
        (
            lambda: LISTING.first(-HUGE),
            ValueError,
            "n must be 0 or more, not -10**4999 or less",
        ),
        (
            lambda: LISTING.last(-HUGE),
            ValueError,
            "n must be 0 or more, not -10**4999 or less",
        ),
        (
            lambda: LISTING.page(HUGE, size=3),
            IndexError,
            "page 10**4999 or more is out of range",
        ),
        (lambda: LISTING.page(1, size=-HUGE), ValueError, "size must be 1 or more"),
        (
            lambda: bloglist.Page(posts=LISTING, number=HUGE, size=3, total_items=12),
            ValueError,
            "past the last page, 4",
        ),
        (
            lambda: bloglist.Page(posts=LISTING, number=1, size=3, total_items=-HUGE),
            ValueError,
            "total_items must be 0 or more",
        ),
        (lambda: Where.year(HUGE), ValueError, "out of range 1..9999"),
        (lambda: Where.year(-HUGE), ValueError, "out of range 1..9999"),
        (lambda: Where.month(2025, HUGE), ValueError, "out of range 1..12"),
        (lambda: bloglist.to_json(LISTING, indent=-HUGE), ValueError, "indent must be"),
        (lambda: bloglist.to_json(LISTING, indent=HUGE), ValueError, "too large"),
        (lambda: bloglist.loads("", max_diagnostics=-HUGE), ValueError, "0 or more"),
        (lambda: Post(title="T", lineno=-HUGE), ValueError, "lineno must be 1 or more"),
        (lambda: bloglist.Diff(unchanged=-HUGE), ValueError, "unchanged must be 0"),
        (
            lambda: bloglist.AddedScrape(
                new=-HUGE, changed=0, unchanged=0, back=0, gone=0
            ),
            ValueError,
            "new must be 0 or more",
        ),
        (
            lambda: bloglist.Diagnostic(
                lineno=1, colno=-HUGE, severity="error", code="x", message="m"
            ),
            ValueError,
            "colno must be 1 or more",
        ),
        (
            lambda: bloglist.open_archive("unused.sqlite", timeout=-HUGE),
            ValueError,
            "timeout must be 0 seconds or more",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_number_past_the_limit_of_digits_is_refused_as_any_other(
    call: Any, error: type[Exception], said: str
) -> None:
    with pytest.raises(error) as refused:
        call()
    message = str(refused.value)
    assert said in message
    assert len(message) < 120


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (lambda: bloglist.Diff(unchanged=HUGE).summary(), "10**4999 or more unchanged"),
        (lambda: repr(bloglist.Diff(unchanged=HUGE)), "10**4999 or more unchanged>"),
        (
            lambda: str(
                bloglist.AddedScrape(new=HUGE, changed=0, unchanged=0, back=0, gone=0)
            ),
            "10**4999 or more posts: 10**4999 or more new",
        ),
        (
            lambda: str(
                bloglist.Diagnostic(
                    lineno=HUGE, colno=1, severity="error", code="x", message="m"
                )
            ),
            "m (at line 10**4999 or more, column 1)",
        ),
        (lambda: str(bloglist.AllGoneError(HUGE)), "none of the 10**4999 or more posts"),
        (
            lambda: _refused(
                lambda: bloglist.Page(
                    posts=Listing([Post(title="a", excerpt="b")]),
                    number=1,
                    size=HUGE,
                    total_items=0,
                )
            ),
            "10**4999 or more a page, holds 0 posts, not 1",
        ),
        (
            lambda: _refused(
                lambda: bloglist.AddedScrape(
                    new=0, changed=0, unchanged=0, back=HUGE, gone=0
                )
            ),
            "(0), not 10**4999 or more",
        ),
        (lambda: str(bloglist.PageError(HUGE, "empty")), "page 10**4999 or more has"),
        (
            lambda: _refused(_two_at_a_huge_place),
            "are both at place 10**4999 or more of the last scrape's page",
        ),
    ],
    ids=["Diff.summary", "repr(Diff)", "str(AddedScrape)", "str(Diagnostic)",
         "AllGoneError", "Page refused", "AddedScrape refused", "PageError",
         "Archive refused"],
)  # fmt: skip
def test_a_huge_count_in_a_value_is_written_short(text: Any, said: str) -> None:
    """Values that hold counts a caller gave write them as messages do."""
    assert said in text()


@pytest.mark.parametrize(
    "value",
    [0, 7, -7, 10**39, -(10**39), 10**40, -(10**40), 10**4299, -(10**4299) + 1, HUGE],
    ids=["0", "7", "-7", "39 digits", "-39 digits", "41 digits", "-41 digits",
         "4,300 digits", "-4,299 digits", "5,001 digits"],
)  # fmt: skip
def test_a_number_in_a_message_is_whole_or_its_first_digits_and_count(
    value: int,
) -> None:
    from bloglist._errors import shown_int

    shown = shown_int(value)
    digits = len(str(abs(value))) if abs(value) < 10**4300 else None
    if digits is not None and digits <= 40:
        assert shown == str(value)
    elif digits is not None:
        # The first twelve digits, then how many there are.
        assert shown == (
            f"{'-' if value < 0 else ''}{str(abs(value))[:12]}…({digits:,} digits)"
        )
    else:
        assert shown == "10**4999 or more"


def _two_at_a_huge_place() -> bloglist.Archive:
    """An archive of two posts both at place HUGE of the last scrape's page."""
    at = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    archive = bloglist.Archive().merge(
        Listing([Post(title="a", excerpt="x"), Post(title="b", excerpt="x")]),
        seen_at=at,
    )
    entries = [attrs.evolve(entry, place=HUGE) for entry in archive.entries]
    return bloglist.Archive(entries=entries, scrapes=archive.scrapes)


def _refused(make: Any) -> str:
    """The message of the ValueError *make* raises."""
    with pytest.raises(ValueError, match=r"10\*\*4999 or more") as refused:
        make()
    return str(refused.value)


def test_a_number_of_a_million_digits_is_written_short_at_once() -> None:
    """With Python's limit of digits lifted, a number of a million digits is
    still written as the power of ten it passes, not digit by digit."""

    from bloglist._errors import shown_int

    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert shown_int(10**1_000_000) == "10**999999 or more"
        assert shown_int(-(10**1_000_000)) == "-10**999999 or less"
    finally:
        sys.set_int_max_str_digits(limit)


def test_a_number_past_a_lower_limit_of_digits_is_a_power_of_ten() -> None:
    """A program that lowers Python's limit of digits (640, the least) gets a
    number past it as a power of ten it passes, not Python's error; and one of
    4,301 digits, just past the default limit, the same."""

    from bloglist._errors import shown_int

    assert shown_int(10**4300) == "10**4299 or more"
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        assert shown_int(10**700) == "10**699 or more"
        assert shown_int(-(10**600)) == f"-100000000000…({601:,} digits)"
    finally:
        sys.set_int_max_str_digits(limit)
