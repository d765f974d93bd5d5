"""Tests written by a hand-made mutation test of the query core (filter,
sort, page, related) and of the date, line and post helpers: each kills
mutants that no other test told apart from the real code, by what a user
relies on, checked against plain Python.

The other query tests draw their dates from a few weeks around a new year;
these look at the ends of the calendar (0001-01-01 and 9999-12-31), where the
ranges of the date conditions and the place of undated posts in a sort meet
the edges of ``datetime.date``.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

import pytest

from bloglist import Listing, ParseError, Post, Where, load

D = datetime.date
FIRST_DAY = D.min
LAST_DAY = D.max

# Posts at the ends of the calendar and around the turn of the last years,
# and two undated ones.
EDGE_DAYS = (
    FIRST_DAY,
    D(1, 1, 2),
    D(1, 12, 31),
    D(2, 1, 1),
    D(9998, 12, 31),
    D(9999, 1, 1),
    D(9999, 11, 30),
    D(9999, 12, 1),
    D(9999, 12, 30),
    LAST_DAY,
)
EDGE_POSTS = (
    *(Post(title=f"Post {i}", date=day) for i, day in enumerate(EDGE_DAYS)),
    Post(title="Undated A"),
    Post(title="Undated B"),
)


def _dated_in(posts: Sequence[Post], low: D, high: D | None) -> list[Post]:
    """The posts dated on or after *low* and before *high* (None: no end)."""
    return [
        post
        for post in posts
        if post.date is not None
        and low <= post.date
        and (high is None or post.date < high)
    ]


# Each condition with the range of days it means: [low, high), high None for
# "to the end of the calendar".
RANGES: list[tuple[Where, D, D | None]] = [
    (Where.year(1), FIRST_DAY, D(2, 1, 1)),
    (Where.year(9998), D(9998, 1, 1), D(9999, 1, 1)),
    (Where.year(9999), D(9999, 1, 1), None),
    (Where.month(1, 1), FIRST_DAY, D(1, 2, 1)),
    (Where.month(1, 12), D(1, 12, 1), D(2, 1, 1)),
    (Where.month(9998, 12), D(9998, 12, 1), D(9999, 1, 1)),
    (Where.month(9999, 11), D(9999, 11, 1), D(9999, 12, 1)),
    (Where.month(9999, 12), D(9999, 12, 1), None),
    (Where.on(FIRST_DAY), FIRST_DAY, D(1, 1, 2)),
    (Where.on(LAST_DAY), LAST_DAY, None),
    (Where.on("9999-12-30"), D(9999, 12, 30), LAST_DAY),
    (Where.since(LAST_DAY), LAST_DAY, None),
    (Where.since("9999-12"), D(9999, 12, 1), None),
    (Where.since(FIRST_DAY), FIRST_DAY, None),
    (Where.before(D(1, 1, 2)), FIRST_DAY, D(1, 1, 2)),
    (Where.before(LAST_DAY), FIRST_DAY, LAST_DAY),
    (Where.before("0002"), FIRST_DAY, D(2, 1, 1)),
    (Where.between("9999-12-30", LAST_DAY), D(9999, 12, 30), LAST_DAY),
    (Where.between(FIRST_DAY, "0001-12-31"), FIRST_DAY, D(1, 12, 31)),
]


class TestCalendarEdges:
    """Date conditions and date sorts at the first and the last day."""

    @pytest.mark.parametrize(
        ("condition", "low", "high"), RANGES, ids=[repr(r[0]) for r in RANGES]
    )
    def test_a_date_condition_keeps_the_days_of_its_range(
        self, condition: Where, low: D, high: D | None
    ) -> None:
        """Each condition keeps exactly the posts dated in its half-open range,
        whether asked of the listing, of a filtered part of it, or of one post;
        undated posts never match."""
        listing = Listing(EDGE_POSTS)
        expected = _dated_in(EDGE_POSTS, low, high)
        assert list(listing.filter(condition)) == expected
        # A part of the listing: the condition reads the dates of those posts.
        assert list(listing.filter(Where.match(bool), condition)) == expected
        assert [post for post in EDGE_POSTS if condition(post)] == expected

    def test_the_whole_range_holds_on_a_listing_past_fifty_thousand_posts(
        self,
    ) -> None:
        """A big listing takes another road to the same answer (a table of
        every day); at the ends of the calendar it keeps the same posts."""
        posts = EDGE_POSTS * (50_000 // len(EDGE_POSTS) + 1)
        listing = Listing(posts)
        for condition, low, high in RANGES:
            expected = _dated_in(posts, low, high)
            assert list(listing.filter(condition)) == expected, condition

    def test_year_9999_and_month_12_of_it_are_conditions(self) -> None:
        """The last year and month of the calendar can be asked for; the year
        after is out of range."""
        assert repr(Where.year(9999)) == "Where.year(9999)"
        assert repr(Where.month(9999, 12)) == "Where.month(9999, 12)"
        with pytest.raises(ValueError, match="year 10000 is out of range"):
            Where.year(10000)
        with pytest.raises(ValueError, match="month 13 is out of range"):
            Where.month(9999, 13)

    @pytest.mark.parametrize("undated", ["first", "last"])
    @pytest.mark.parametrize("key", ["date", "-date"])
    def test_undated_posts_sort_beyond_the_last_and_first_day(
        self, key: str, undated: str
    ) -> None:
        """Undated posts go wholly first or wholly last, beyond posts dated
        9999-12-31 and 0001-01-01 alike; dated posts keep date order."""
        listing = Listing(EDGE_POSTS[::-1])
        dated = sorted(
            (post for post in EDGE_POSTS if post.date is not None),
            key=lambda post: post.date or FIRST_DAY,
            reverse=key.startswith("-"),
        )
        no_date = [post for post in EDGE_POSTS if post.date is None]  # by title
        expected = no_date + dated if undated == "first" else dated + no_date
        for keys in [(key,), ("title", key), (key, "title")]:
            found = listing.sort_by(*keys, undated=undated)  # type: ignore[arg-type]
            if keys[0] == "title":
                # Titles are distinct: the title alone decides.
                assert list(found) == sorted(EDGE_POSTS, key=lambda p: p.title)
            else:
                assert list(found) == expected, keys


class TestRelatedOrder:
    """``related`` ranks by shared tags, then newest first with undated posts
    last, then title, then position."""

    def test_related_posts_rank_as_documented(self) -> None:
        """Ties on shared tags go newest first, undated last; a post standing
        twice counts its tags once; the post itself and equal copies of it
        are left out; tags match whatever their case."""
        target = Post(title="Target", date=D(2024, 1, 1), tags=["Data", "Go"])
        twice = Post(title="Twice", date=D(2020, 1, 1), tags=["data"])
        posts = [
            Post(title="Undated one", tags=["DATA"]),
            Post(title="Old one", date=D(2001, 1, 1), tags=["data"]),
            twice,
            Post(title="Both", tags=["go", "Data"]),
            target,
            Post(title="Target", date=D(2024, 1, 1), tags=["Data", "Go"]),  # equal
            Post(title="New one", date=LAST_DAY, tags=["Go"]),
            twice,
            Post(title="Unrelated", date=D(2024, 1, 1), tags=["Rust"]),
        ]

        def shared(post: Post) -> int:
            mine = {tag.casefold() for tag in target.tags}
            return len(mine & {tag.casefold() for tag in post.tags})

        candidates = [
            (position, post)
            for position, post in enumerate(posts)
            if shared(post) and post != target
        ]
        expected = [
            post
            for _, post in sorted(
                candidates,
                key=lambda item: (
                    -shared(item[1]),
                    item[1].date is None,
                    -(item[1].date or FIRST_DAY).toordinal(),
                    item[1].title.casefold(),
                    item[0],
                ),
            )
        ]
        found = list(Listing(posts).related(target))
        assert found == expected
        assert [post.title for post in found] == [
            "Both",
            "New one",
            "Twice",
            "Twice",
            "Old one",
            "Undated one",
        ]


class TestQueriesOnOneListing:
    """A listing keeps what its queries build; no query changes another's."""

    @pytest.mark.parametrize("key", ["date", "-date"])
    def test_the_place_of_undated_posts_follows_each_sort(self, key: str) -> None:
        """Sorting one listing by date with undated posts last, then first,
        then last again, puts them where each call asks."""
        listing = Listing(EDGE_POSTS)
        for undated in ["last", "first", "last", "first"]:
            found = listing.sort_by(key, undated=undated)  # type: ignore[arg-type]
            fresh = Listing(EDGE_POSTS).sort_by(key, undated=undated)  # type: ignore[arg-type]
            assert list(found) == list(fresh)
            ends = found[0] if undated == "first" else found[-1]
            assert ends.date is None, (key, undated)


class TestUtf16WithoutByteOrderMark:
    """``load`` refuses bytes that look like UTF-16 with no byte order mark:
    two characters, each a NUL beside a byte that is not NUL. Anything else
    reads as UTF-8, NULs and all."""

    @pytest.mark.parametrize(
        "data", [b"A\x00B\x00", b"\x00A\x00B", b"A\x00B\x00C", b"A\x00B\x00C\x00"]
    )
    def test_two_characters_with_a_nul_beside_each_are_refused(
        self, data: bytes
    ) -> None:
        with pytest.raises(ParseError, match="look like UTF-16 without a byte order"):
            load(io.BytesIO(data))

    @pytest.mark.parametrize(
        "data",
        [b"A\x00", b"\x00A", b"\x00\x00\x00\x00", b"AB\x00\x00", b"A\x00\x00\x00"],
    )
    def test_one_character_or_nuls_on_both_sides_read_as_utf8(
        self, data: bytes
    ) -> None:
        [post] = load(io.BytesIO(data))
        assert post.title == data.decode("utf-8")


class TestEquality:
    """What ``==`` tells apart, as a user comparing results relies on."""

    def test_listings_are_equal_when_their_posts_are(self) -> None:
        """Two listings are equal exactly when their posts are, in order."""
        one, two = Post(title="One"), Post(title="Two")
        cases = [[], [one], [two], [one, two], [two, one], [one, one]]
        for left in cases:
            for right in cases:
                assert (Listing(left) == Listing(right)) == (left == right)
                assert (Listing(left) != Listing(right)) == (left != right)

    @pytest.mark.parametrize(
        ("left", "right"),
        [
            (Where.year(2024), Where.between("2024", "2025")),
            (Where.month(2024, 3), Where.between("2024-03", "2024-04-01")),
            (Where.on("2024-03-05"), Where.between("2024-03-05", "2024-03-06")),
            (Where.since("2024"), Where.since(D(2024, 1, 1))),
        ],
    )
    def test_date_conditions_for_one_range_are_equal(
        self, left: Where, right: Where
    ) -> None:
        """Two spellings of one range of days are one condition, with one hash."""
        assert left == right
        assert hash(left) == hash(right)
        assert len({left, right}) == 1
