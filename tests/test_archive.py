"""The archive as a pure value: merging scrapes, ids that never change, queries, feeds."""

from __future__ import annotations

import datetime
import json
import pickle
import re
import uuid
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import Archive, ArchivedPost, Listing, Post, Version, open_archive
from bloglist._archive import feed_parts
from bloglist._match import post_id
from bloglist._uuid import unique_id
from history_oracle import (
    ORACLE_EXAMPLES,
    WEEKLY_OPS,
    WEEKLY_WEB,
    History,
    simulate,
)
from zones import REFUSED_OFFSETS, Gives, NoOffset

UTC = datetime.UTC
T1 = datetime.datetime(2025, 3, 5, 8, tzinfo=UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)
T4 = T3 + datetime.timedelta(days=1)

A = Post(title="Alpha", date=datetime.date(2025, 3, 1), excerpt="a", tags=["X"])
B = Post(title="Beta", date=datetime.date(2025, 2, 1), excerpt="b")
C = Post(title="Gamma", date=datetime.date(2025, 1, 1), excerpt="c", sticky=True)
D = Post(title="Delta", date=datetime.date(2025, 3, 4), excerpt="d")
SAMPLE = bloglist.loads(bloglist.sample_text())


def _feedparser() -> Any:
    """feedparser, which reads the feeds back, or a skip where it is missing."""
    return pytest.importorskip(
        "feedparser", reason="feedparser reads the feeds back: the test-extra group"
    )


def merged(*scrapes: tuple[list[Post] | Listing, datetime.datetime]) -> Archive:
    """The archive of *scrapes*, each merged in turn, those that make every
    post gone too: the guard against those has tests of its own
    (TestRefuseAllGone in test_store.py)."""
    archive = Archive()
    for posts, seen_at in scrapes:
        archive = archive.merge(Listing(posts), seen_at=seen_at, allow_all_gone=True)
    return archive


class TestFirstScrape:
    def test_every_post_becomes_an_entry_with_its_content_id(self) -> None:
        """The first scrape gives one entry per post, in page order, id = post_id."""
        archive = merged((SAMPLE, T1))
        assert archive.listing == SAMPLE
        assert [e.id for e in archive.entries] == [post_id(p) for p in SAMPLE]
        for entry in archive.entries:
            assert (entry.first_seen, entry.last_seen, entry.gone_since) == (
                T1,
                T1,
                None,
            )
            assert entry.versions == (Version(post=entry.post, seen_at=T1),)
        assert archive.scrapes == (T1,)

    def test_merge_returns_a_new_archive_and_leaves_the_old_alone(self) -> None:
        """merge is pure: the archive it is called on does not change."""
        empty = Archive()
        full = empty.merge(Listing([A]), seen_at=T1)
        assert empty == Archive() and empty.entries == () and len(full.entries) == 1
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            full.entries = ()  # type: ignore[misc]

    def test_sticky_is_as_last_seen(self) -> None:
        """`sticky` follows the latest version: a post unpinned is not sticky."""
        archive = merged(([C], T1), ([attrs.evolve(C, sticky=False)], T2))
        assert archive.entries[0].sticky is False
        assert archive.entries[0].versions[0].post.sticky is True


class TestMergeAgain:
    def test_the_same_scrape_twice_changes_nothing_but_last_seen(self) -> None:
        """Adding the same scrape again moves last_seen, and nothing else."""
        once = merged((SAMPLE, T1))
        twice = once.merge(SAMPLE, seen_at=T2)
        assert [attrs.evolve(e, last_seen=T1) for e in twice.entries] == list(
            once.entries
        )
        assert {e.last_seen for e in twice.entries} == {T2}
        assert twice.scrapes == (T1, T2)

    def test_a_post_of_a_subclass_is_kept_as_a_plain_post(self, tmp_path: Path) -> None:
        """A post of a program's own subclass of Post is kept as a plain Post
        of its fields, as the archive file keeps it: seen again as such, a
        post is unchanged (no version of no change), and the archive equals
        the one its file loads. It used to be kept whole, and made a new
        version differing in no field; pages holding the subclass's posts
        are checked against the listing as given."""

        class Mine(Post):
            __slots__ = ()

        mine = Mine(title=A.title, date=A.date, excerpt=A.excerpt, tags=A.tags)
        archive = Archive().merge([A, B], seen_at=T1).merge([mine, B], seen_at=T2)
        entry = archive.entry_of(A)
        assert [version.post for version in entry.versions] == [A]
        assert entry.last_seen == T2
        first = Archive().merge([mine], seen_at=T1, pages=[[mine]])
        assert type(first.entries[0].post) is Post
        assert first.entries[0].post == A
        read = Mine(
            title=A.title, date=A.date, excerpt=A.excerpt, tags=A.tags, lineno=7
        )
        assert Archive().merge([read], seen_at=T1).listing[0].lineno == 7
        # Every field, the pin too.
        pinned = Mine(
            title=C.title, date=C.date, excerpt=C.excerpt, tags=C.tags, sticky=True
        )
        kept = Archive().merge([pinned], seen_at=T1).entries[0]
        assert (kept.post, kept.sticky) == (C, True)
        assert Version(post=pinned, seen_at=T1).post == C
        store = open_archive(tmp_path / "a.db")
        store.add([A, B], seen_at=T1)
        store.add([mine, B], seen_at=T2)
        assert store.load() == archive

    def test_a_version_made_by_hand_keeps_a_subclass_post_as_a_plain_post(
        self,
    ) -> None:
        """A Version built by hand of a subclass's post holds the plain Post
        of its fields, as merge keeps it: that post seen again is no new
        version, and the same scrape merged again changes nothing. A Version
        used to keep it whole, so that a version equal in every field was
        added, and merge at the last scrape's time recorded a scrape."""

        class Mine(Post):
            __slots__ = ()

        mine = Mine(
            title=A.title, date=A.date, excerpt=A.excerpt, tags=A.tags, lineno=3
        )
        version = Version(post=mine, seen_at=T1)
        assert type(version.post) is Post
        assert version.post == A
        assert version.post.lineno == 3
        assert version == Version(post=A, seen_at=T1)
        entry = ArchivedPost(
            id="urn:x:1", first_seen=T1, last_seen=T1, versions=[version], place=0
        )
        archive = Archive(entries=[entry], scrapes=[T1])
        assert archive.merge([A], seen_at=T1) is archive
        assert len(archive.merge([A], seen_at=T2).entries[0].versions) == 1
        with pytest.raises(ValueError, match="versions 1 and 2 are the same post"):
            ArchivedPost(
                id="urn:x:1",
                first_seen=T1,
                last_seen=T2,
                versions=[version, Version(post=A, seen_at=T2)],
                place=0,
            )

    def test_a_post_of_a_subclass_finds_its_entry(self) -> None:
        """The very object merged, of a subclass, finds its entry, id and
        feed entry, as the plain post of its fields does; one whose fields
        differ finds none."""

        class Mine(Post):
            __slots__ = ()

        mine = Mine(title=A.title, date=A.date, excerpt=A.excerpt, tags=A.tags)
        archive = Archive().merge([mine, B], seen_at=T1)
        assert archive.entry_of(mine) is archive.entry_of(A)
        assert archive.id_of(mine) == archive.entries[0].id
        assert archive.to_atom([mine], title="Blog", feed_id="urn:x") == (
            archive.to_atom([A], title="Blog", feed_id="urn:x")
        )
        with pytest.raises(KeyError):
            archive.entry_of(Mine(title=A.title, excerpt="other"))

    def test_the_same_time_again_is_allowed(self) -> None:
        """A scrape at the time of the last one is merged (the same file added twice)."""
        once = merged((SAMPLE, T1))
        assert once.merge(SAMPLE, seen_at=T1).entries == once.entries
        other = once.merge(SAMPLE[1:], seen_at=T1)
        assert other.scrapes == (T1, T1)
        assert other.entry_of(other.gone()[0]).gone_since == T1

    @pytest.mark.parametrize(
        "again",
        [
            lambda listing: listing,
            # The same posts as other objects, as a second read of the file.
            lambda listing: [attrs.evolve(post) for post in listing],
        ],
        ids=["same-objects", "read-again"],
    )
    def test_the_last_scrape_again_at_its_time_is_not_recorded(
        self, again: Callable[[Listing], list[Post] | Listing]
    ) -> None:
        """The same file added twice (a download that failed and left the
        last one in place): nothing changes, not even the scrapes."""
        twice = merged((SAMPLE, T1), (SAMPLE[2:], T2))
        assert twice.merge(again(SAMPLE[2:]), seen_at=T2) is twice

    @pytest.mark.parametrize(
        ("places", "shown", "same"),
        [
            ([3, 7, None], [A, B, C], True),  # gaps, and a place not known
            ([None, None, None], [A, B, C], True),
            ([7, 3, None], [B, A, C], True),
            ([7, 3, None], [A, B, C], False),  # another order
            ([3, 7, None], [A, C, B], False),  # the unknown place shown first
            ([3, 7, None], [A, B], False),  # one post gone
        ],
    )
    def test_a_hand_built_archive_s_last_scrape_again_changes_nothing(
        self, places: list[int | None], shown: list[Post], same: bool
    ) -> None:
        """A hand-built archive may leave gaps between places, or a present
        post's place unknown: its last scrape again, the same posts in the
        order the places give, returns it, where the places renumbered made
        it another archive with the scrape recorded twice; another order, or
        a post gone, is recorded."""
        entries = [
            ArchivedPost(
                id=post_id(post),
                first_seen=T1,
                last_seen=T1,
                versions=[Version(post=post, seen_at=T1)],
                place=place,
            )
            for post, place in zip([A, B, C], places, strict=True)
        ]
        archive = Archive(entries=entries, scrapes=[T1])
        again = archive.merge(shown, seen_at=T1)
        assert (again is archive) == same
        if not same:
            assert again.scrapes == (T1, T1)
            assert [entry.place for entry in again.entries] != places

    @pytest.mark.parametrize(
        "change",
        [
            lambda posts: posts[::-1],  # another order: other places
            lambda posts: posts[1:],  # one post gone
            lambda posts: [attrs.evolve(posts[0], excerpt="edited"), *posts[1:]],
            lambda posts: [*posts, Post(title="New")],
            lambda posts: [*posts, SAMPLE[0]],  # a gone post back
        ],
        ids=["order", "gone", "edited", "new", "back"],
    )
    def test_any_change_at_the_last_scrapes_time_is_recorded(
        self, change: Callable[[list[Post]], list[Post]]
    ) -> None:
        twice = merged((SAMPLE, T1), (SAMPLE[2:], T2))
        after = twice.merge(change(list(SAMPLE[2:])), seen_at=T2)
        assert after.scrapes == (T1, T2, T2)
        assert after.entries != twice.entries

    def test_an_edit_keeps_the_id_and_adds_a_version(self) -> None:
        """A title fixed is the same post: same id, a second version seen at T2."""
        fixed = attrs.evolve(A, title="Alpha!")
        archive = merged(([A, B], T1), ([fixed, B], T2))
        entry = archive.entries[0]
        assert entry.id == post_id(A) != post_id(fixed)
        assert entry.versions == (
            Version(post=A, seen_at=T1),
            Version(post=fixed, seen_at=T2),
        )
        assert entry.post == fixed and archive.id_of(fixed) == post_id(A)
        assert len(archive.entries) == 2

    def test_a_post_gone_is_kept_with_gone_since(self) -> None:
        """A post the page no longer shows stays, gone since the first scrape without it."""
        archive = merged(([A, B], T1), ([A], T2), ([A], T3))
        gone = archive.entries[1]
        assert (gone.post, gone.last_seen, gone.gone_since) == (B, T1, T2)
        assert list(archive.gone()) == [B] and list(archive.present()) == [A]

    def test_a_post_back_is_revived_not_duplicated(self) -> None:
        """A gone post that comes back keeps its id and place; gone_since is cleared."""
        archive = merged(([A, B], T1), ([A], T2), ([A, B], T3))
        assert [e.id for e in archive.entries] == [post_id(A), post_id(B)]
        back = archive.entries[1]
        assert (back.last_seen, back.gone_since, len(back.versions)) == (T3, None, 1)

    def test_new_posts_come_first_in_page_order(self) -> None:
        """Posts first seen in a later scrape go before those seen earlier."""
        archive = merged(([A, B], T1), ([D, C, A, B], T2))
        assert list(archive.listing) == [D, C, A, B]
        assert [e.first_seen for e in archive.entries] == [T2, T2, T1, T1]
        assert list(archive.new_since(T2)) == [D, C]
        assert list(archive.new_since(T1)) == [D, C, A, B]


class TestIds:
    def test_identical_posts_on_one_page_get_distinct_ids(self) -> None:
        """The same post twice on a page is two entries, the second with a variant id."""
        archive = merged(([A, attrs.evolve(A)], T1))  # two objects, as a parse gives
        first, second = (e.id for e in archive.entries)
        assert first == post_id(A) and second != first
        assert second.startswith("urn:uuid:")
        # Each post object of the listing finds its own entry.
        listing = archive.listing
        assert [archive.id_of(p) for p in listing] == [first, second]
        # An equal post that is not the archive's own finds the first.
        assert archive.id_of(attrs.evolve(A)) == first

    def test_a_new_post_with_an_edited_posts_old_title_gets_a_new_id(self) -> None:
        """Ids stay unique when a new post takes the title an archived one had."""
        renamed = attrs.evolve(A, title="Alpha, renamed entirely", excerpt="z")
        archive = merged(([A], T1), ([renamed], T2), ([A, renamed], T3))
        ids = [e.id for e in archive.entries]
        assert len(set(ids)) == 2 and post_id(A) in ids

    def test_unique_id_tries_variants_in_order(self) -> None:
        """The variants are deterministic: the same taken set gives the same id."""
        taken = {"urn:x"}
        second = unique_id("urn:x", taken.__contains__)
        taken.add(second)
        third = unique_id("urn:x", taken.__contains__)
        assert len({"urn:x", second, third}) == 3
        assert unique_id("urn:x", {"urn:x"}.__contains__) == second
        assert unique_id("urn:y", taken.__contains__) == "urn:y"
        # As documented: variant n is the uuid5 of "<base>#<n>", from 2 on.
        assert (second, third) == tuple(
            uuid.uuid5(uuid.NAMESPACE_URL, f"urn:x#{n}").urn for n in (2, 3)
        )

    @pytest.mark.parametrize("copies", [1, 2, 50])
    def test_many_equal_posts_get_variants_in_order_each_tried_once(
        self, copies: int
    ) -> None:
        """k equal posts (a "Links" series, undated) get the id and variants
        2 to k, the uuid5 of "<id>#<n>", as documented; one merge asks
        whether an id is taken once a post, each variant once (one hash
        each), not k²/2 times."""
        base = post_id(Post(title="Links"))
        variants = [base] + [
            uuid.uuid5(uuid.NAMESPACE_URL, f"{base}#{n}").urn
            for n in range(2, copies + 1)
        ]
        archive = Archive().merge(
            [Post(title="Links") for _ in range(copies)], seen_at=T1
        )
        assert [entry.id for entry in archive.entries] == variants
        asked: list[str] = []
        given: set[str] = set()

        def taken(candidate: str) -> bool:
            asked.append(candidate)
            return candidate in given

        tried: dict[str, int] = {}
        for _ in range(copies):
            given.add(unique_id(base, taken, tried))
        assert sorted(given) == sorted(variants)
        assert asked == variants

    def test_entry_of_an_unknown_post_is_a_key_error(self) -> None:
        """Asking for the id of a post the archive never saw is a KeyError."""
        with pytest.raises(KeyError, match="no archived post"):
            merged(([A], T1)).id_of(B)


PARIS = datetime.timezone(datetime.timedelta(hours=1))


class Precise(datetime.datetime):
    """A datetime with nanoseconds of its own, equal only to one with the
    same: what a pandas.Timestamp is, without pandas."""

    nanosecond: int

    def __new__(cls, *args: Any, nanosecond: int = 0, **kwargs: Any) -> Precise:
        self = super().__new__(cls, *args, **kwargs)
        self.nanosecond = nanosecond
        return self

    def __eq__(self, other: object) -> bool:
        ours = getattr(other, "nanosecond", 0)
        return super().__eq__(other) and self.nanosecond == ours

    __hash__ = datetime.datetime.__hash__


class TestSeenAt:
    def test_a_naive_time_is_refused(self) -> None:
        """A time with no zone is ambiguous: ValueError, with a hint."""
        with pytest.raises(ValueError, match="has no time zone"):
            Archive().merge(Listing([A]), seen_at=datetime.datetime(2025, 3, 5))

    def test_a_zone_with_no_offset_or_a_bad_one_is_refused_as_such(self) -> None:
        """A timezone that gives no UTC offset is said to, not to be missing;
        one that gives an offset Python refuses (a day or more, an int) is a
        ValueError naming seen_at and what it gave, not Python's own error
        from deep inside; an error of the timezone itself is its own."""

        class Huge(datetime.tzinfo):
            def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
                return datetime.timedelta(hours=30)

            def dst(self, dt: datetime.datetime | None) -> None:
                return None

            def tzname(self, dt: datetime.datetime | None) -> str:
                return "Huge"

        class Whole(Huge):
            def utcoffset(self, dt: datetime.datetime | None) -> Any:
                return 5

        naive = datetime.datetime(2025, 3, 5)
        cases = [
            (NoOffset(), "has no UTC offset: its timezone (NoOffset) gives None; "),
            (
                Huge(),
                "has no valid UTC offset: its timezone (Huge) gives "
                "datetime.timedelta(days=1, seconds=21600), where a timedelta",
            ),
            (Whole(), "has no valid UTC offset: its timezone (Whole) gives 5, where"),
        ]
        for zone, said in cases:
            when = re.escape(f"seen_at {naive.isoformat()} {said}")
            with pytest.raises(ValueError, match=f"^{when}"):
                Archive().merge(Listing([A]), seen_at=naive.replace(tzinfo=zone))

        class Broken(Huge):
            def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
                raise LookupError("the zone's own fault")

        # The timezone's own error is its own, passed through as it is.
        with pytest.raises(LookupError, match=r"^the zone's own fault$"):
            Archive().merge(Listing([A]), seen_at=naive.replace(tzinfo=Broken()))

    def test_a_date_is_refused(self) -> None:
        """seen_at must be a datetime: TypeError naming the type given."""
        with pytest.raises(TypeError, match="not date"):
            Archive().merge(Listing([A]), seen_at=datetime.date(2025, 3, 5))  # type: ignore[arg-type]

    def test_a_time_before_the_last_scrape_is_refused(self) -> None:
        """Scrapes go oldest first: an earlier time is a ValueError naming both."""
        archive = merged(([A], T2))
        with pytest.raises(ValueError, match="earlier than") as info:
            archive.merge(Listing([A]), seen_at=T1)
        assert T1.isoformat() in str(info.value) and T2.isoformat() in str(info.value)

    def test_times_in_other_zones_compare_by_instant(self) -> None:
        """The same instant in another zone is not earlier."""
        paris = datetime.timezone(datetime.timedelta(hours=1))
        archive = merged(([A], T1)).merge(Listing([A]), seen_at=T1.astimezone(paris))
        assert archive.entries[0].last_seen == T1

    def test_a_time_with_more_than_microseconds_is_kept_as_a_plain_datetime(
        self,
    ) -> None:
        """A datetime subclass with precision or state of its own (as a
        pandas.Timestamp has nanoseconds) is kept as a plain datetime in UTC
        to the microsecond, as the archive file keeps it, so that the
        archive equals the one its file loads. It used to be kept whole."""
        seen = Precise(2025, 3, 5, 9, 0, 0, 123456, tzinfo=PARIS, nanosecond=789)
        archive = Archive().merge(Listing([A]), seen_at=seen)
        plain = datetime.datetime(2025, 3, 5, 8, 0, 0, 123456, tzinfo=datetime.UTC)
        entry = archive.entries[0]
        for kept in (archive.scrapes[-1], entry.first_seen, entry.versions[0].seen_at):
            assert type(kept) is datetime.datetime
            assert kept == plain
        assert archive == Archive().merge(Listing([A]), seen_at=plain)

    def test_a_pandas_timestamp_keeps_its_microseconds(self) -> None:
        pd = pytest.importorskip(
            "pandas", reason="a pandas.Timestamp as seen_at: the test-extra group"
        )
        seen = pd.Timestamp("2025-03-05T08:00:00.123456789Z")
        archive = Archive().merge(Listing([A]), seen_at=seen)
        assert type(archive.scrapes[-1]) is datetime.datetime
        assert archive.scrapes[-1] == datetime.datetime(
            2025, 3, 5, 8, 0, 0, 123456, tzinfo=datetime.UTC
        )

    def test_since_reads_the_moment_as_merge_reads_seen_at(self) -> None:
        """A review: a merge at a time with nanoseconds kept its microseconds,
        and since() of that same time found none of the posts it added."""
        pd = pytest.importorskip(
            "pandas", reason="a pandas.Timestamp as a moment: the test-extra group"
        )
        seen = pd.Timestamp("2025-03-05T08:00:00.123456500Z")
        later = seen + pd.Timedelta(hours=1)
        archive = Archive().merge(Listing([A]), seen_at=seen)
        archive = archive.merge(Listing([B, A]), seen_at=later)
        assert list(archive.new_since(seen)) == [B, A]
        assert list(archive.new_since(later)) == [B]
        assert list(archive.new_since(later + pd.Timedelta(microseconds=1))) == []

    def test_since_wants_an_aware_time(self) -> None:
        """since() follows the same rule as merge."""
        with pytest.raises(ValueError, match="no time zone"):
            merged(([A], T1)).new_since(datetime.datetime(2025, 1, 1))


class _OffsetOf(datetime.tzinfo):
    """A timezone whose UTC offset is *offset* (datetime allows less than a
    day either way, and refuses more from deep inside)."""

    def __init__(self, offset: datetime.timedelta) -> None:
        self.offset = offset

    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
        return self.offset

    def dst(self, dt: datetime.datetime | None) -> None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str:
        return "Day"


class TestArchiveValues:
    @pytest.mark.parametrize("days", [1, -1])
    def test_a_seen_at_whose_zone_gives_a_whole_day_is_refused_by_name(
        self, days: int
    ) -> None:
        """An offset of exactly a day is no valid UTC offset: merge says so,
        naming seen_at and the zone, not datetime's error from inside."""
        archive = Archive().merge([Post(title="Hi")], seen_at=T1)
        seen_at = datetime.datetime(
            2025, 3, 7, tzinfo=_OffsetOf(datetime.timedelta(days=days))
        )
        with pytest.raises(
            ValueError,
            match=r"^seen_at 2025-03-07T00:00:00 has no valid UTC offset: "
            r"its timezone \(_OffsetOf\) gives datetime\.timedelta\(",
        ):
            archive.merge([Post(title="Hi")], seen_at=seen_at)


class TestValues:
    def test_a_post_needs_a_version(self) -> None:
        """An archived post without versions cannot be built."""
        with pytest.raises(ValueError, match="at least one version"):
            ArchivedPost(id="x", first_seen=T1, last_seen=T1, versions=())

    def test_versions_must_be_versions(self) -> None:
        """The versions hold Version objects."""
        with pytest.raises(TypeError, match="Version objects, not Post"):
            ArchivedPost(id="x", first_seen=T1, last_seen=T1, versions=[A])  # type: ignore[list-item]

    def test_times_must_be_aware_datetimes(self) -> None:
        """first_seen and the others are aware datetimes."""
        with pytest.raises(TypeError, match="seen_at must be a datetime"):
            Version(post=A, seen_at="today")  # type: ignore[arg-type]
        with pytest.raises(
            ValueError,
            match=r"^gone_since 2025-01-01T00:00:00 has no time zone; give an aware",
        ):
            ArchivedPost(
                id="x",
                first_seen=T1,
                last_seen=T1,
                gone_since=datetime.datetime(2025, 1, 1),
                versions=[Version(post=A, seen_at=T1)],
            )

    @pytest.mark.parametrize(
        ("offset", "said"),
        [
            (datetime.timedelta(days=2), "datetime.timedelta(days=2)"),
            (5, "5"),
        ],
    )
    def test_a_timezone_whose_offset_python_refuses_is_named(
        self, offset: object, said: str
    ) -> None:
        """A timezone that gives an offset of a day or more, or an int,
        which datetime itself refuses from deep inside, is refused by the
        name of the field, as merge refuses it for seen_at."""

        class Odd(datetime.tzinfo):
            def utcoffset(self, dt: datetime.datetime | None) -> Any:
                return offset

        moment = datetime.datetime(2025, 1, 1, tzinfo=Odd())  # type: ignore[abstract]
        message = (
            f"seen_at 2025-01-01T00:00:00 has no valid UTC offset: its timezone "
            f"(Odd) gives {said}, where a timedelta of less than a day either way "
            "is wanted"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            Version(post=A, seen_at=moment)
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            Archive().merge([A], seen_at=moment)

    def test_an_entry_refuses_an_empty_id_and_times_out_of_order(self) -> None:
        """first_seen <= each version's seen_at, in order, <= last_seen <=
        gone_since; equal times are fine (two scrapes may share a time)."""
        one, two = Version(post=A, seen_at=T2), Version(post=B, seen_at=T3)

        def entry(**changes: Any) -> ArchivedPost:
            fields: dict[str, Any] = {
                "id": "urn:x",
                "first_seen": T2,
                "last_seen": T3,
                "versions": [one, two],
                **changes,
            }
            return ArchivedPost(**fields)

        assert entry(gone_since=T3).gone_since == T3
        assert entry(last_seen=T4, gone_since=T4).last_seen == T4
        with pytest.raises(ValueError, match="id must not be empty"):
            entry(id="")
        # The two times that go back, first_seen and last_seen before the
        # others (the pair the file's add checks too, with one message).
        t2, t3, t4 = T2.isoformat(), T3.isoformat(), T4.isoformat()
        out_of_order: list[tuple[dict[str, Any], str]] = [
            ({"first_seen": T3}, f"first_seen {t3} is after versions[0].seen_at {t2}"),
            ({"last_seen": T2}, f"versions[1].seen_at {t3} is after last_seen {t2}"),
            (
                {"versions": [two, one]},
                f"versions[0].seen_at {t3} is after versions[1]",
            ),
            ({"first_seen": T4}, f"first_seen {t4} is after last_seen {t3}"),
            (
                {"first_seen": T4, "last_seen": T1},
                f"first_seen {t4} is after last_seen",
            ),
        ]
        for changes, pair in out_of_order:
            said = re.escape(f"an archived post's times go back: {pair}")
            with pytest.raises(ValueError, match=f"^{said}"):
                entry(**changes)
        with pytest.raises(ValueError, match=r"gone_since .* is before last_seen"):
            entry(gone_since=T2)

    @pytest.mark.parametrize(
        "kind", ["Version", "ArchivedPost", "Archive"], ids=str.lower
    )
    def test_values_are_equal_when_their_times_are_the_same_instant(
        self, kind: str
    ) -> None:
        """Equality and hashing see a time's instant: the two 01:30 of the
        night daylight saving time ends (fold 0 and 1, an hour apart) are
        unequal, and a time in New York equals the same instant in UTC, as
        the archive's queries and its file see them."""
        zone = zoneinfo.ZoneInfo("America/New_York")
        edt = datetime.datetime(2024, 11, 3, 1, 30, tzinfo=zone)
        est = edt.replace(fold=1)
        utc = est.astimezone(datetime.UTC)

        def value(moment: datetime.datetime) -> object:
            version = Version(post=A, seen_at=moment)
            if kind == "Version":
                return version
            archived = ArchivedPost(
                id="urn:x",
                first_seen=moment,
                last_seen=moment,
                versions=[version],
                gone_since=moment,
            )
            if kind == "ArchivedPost":
                return archived
            return Archive(entries=[archived], scrapes=[moment])

        assert value(edt) != value(est)
        assert value(est) == value(utc) and hash(value(est)) == hash(value(utc))
        assert {value(edt), value(est), value(utc)} == {value(edt), value(est)}

    def test_times_of_one_zone_are_in_order_as_instants(self) -> None:
        """Across the end of daylight saving time, 01:15 EST (fold=1) comes
        half an hour after 01:45 EDT, though its wall clock is earlier."""
        zone = zoneinfo.ZoneInfo("America/New_York")
        edt = datetime.datetime(2025, 11, 2, 1, 45, tzinfo=zone)
        est = datetime.datetime(2025, 11, 2, 1, 15, tzinfo=zone, fold=1)
        assert edt.astimezone(datetime.UTC) < est.astimezone(datetime.UTC)

        def entry(first: datetime.datetime, last: datetime.datetime) -> ArchivedPost:
            return ArchivedPost(
                id="urn:x",
                first_seen=first,
                last_seen=last,
                versions=[Version(post=A, seen_at=first)],
                gone_since=last,
            )

        assert entry(edt, est).last_seen == est
        with pytest.raises(ValueError, match="times go back"):
            entry(est, edt)
        with pytest.raises(ValueError, match=r"gone_since .* is before last_seen"):
            ArchivedPost(
                id="urn:x",
                first_seen=edt,
                last_seen=est,
                versions=[Version(post=A, seen_at=edt)],
                gone_since=edt.replace(minute=50),
            )

    def test_a_merged_archive_is_the_archive_its_fields_make(self) -> None:
        """merge builds its result without checking the scrapes again: it is
        the value the checked constructor makes of the same fields, pickles
        and finds its posts as one."""
        archive = Archive()
        for day in range(5):
            archive = archive.merge(
                [A, B][: 1 + day % 2], seen_at=T1 + datetime.timedelta(days=day)
            )
        again = Archive(entries=archive.entries, scrapes=archive.scrapes)
        assert archive == again
        assert pickle.loads(pickle.dumps(archive)) == archive
        assert [archive.entry_of(post).id for post in archive.listing] == [
            entry.id for entry in again.entries
        ]

    def test_attrs_sees_only_the_archives_data(self) -> None:
        """attrs.asdict, attrs.fields and attrs.evolve, which programs use to
        serialise or rebuild attrs classes, see the entries and the scrapes,
        not the archive's index of its posts: the dict serialises as JSON."""
        archive = merged(([A, B], T1), ([A], T2))
        archive.entry_of(A)  # builds the index
        assert [field.name for field in attrs.fields(Archive)] == ["entries", "scrapes"]
        data = attrs.asdict(archive)
        assert list(data) == ["entries", "scrapes"]
        assert json.loads(json.dumps(data, default=str))["scrapes"] == [
            str(T1),
            str(T2),
        ]
        again = attrs.evolve(archive)
        assert again == archive and again.entry_of(A) == archive.entry_of(A)

    def test_ids_are_unique_and_entries_are_entries(self) -> None:
        """An archive refuses two entries with one id, and things that are not entries."""
        entry = merged(([A], T1)).entries[0]
        with pytest.raises(ValueError, match="two archived posts have the id"):
            Archive(entries=[entry, entry])
        # An id of a program's own, long, quoted short as every message does.
        long = attrs.evolve(entry, id="urn:x:" + "y" * 200)
        with pytest.raises(
            ValueError, match="two archived posts have the id"
        ) as caught:
            Archive(entries=[long, long])
        assert f"{('urn:x:' + 'y' * 33)!r}…" in str(caught.value)
        assert len(str(caught.value)) < 150

    def test_an_id_built_by_hand_is_kept_exactly_through_merges(self) -> None:
        """ArchivedPost.id never changes: one a program built, in any case,
        stays the post's id, character for character, when a scrape shows
        the post again, and when it shows it edited."""
        entry = ArchivedPost(
            id="urn:Blog:1",
            first_seen=T1,
            last_seen=T1,
            versions=[Version(post=A, seen_at=T1)],
            place=0,
        )
        archive = Archive(entries=[entry], scrapes=[T1])
        again = archive.merge([A], seen_at=T2)
        edited = attrs.evolve(A, excerpt="a, edited")
        later = again.merge([edited], seen_at=T2 + datetime.timedelta(days=1))
        assert [e.id for e in (*again.entries, *later.entries)] == ["urn:Blog:1"] * 2
        assert len(later.entries[0].versions) == 2
        with pytest.raises(TypeError, match="ArchivedPost objects, not Post"):
            Archive(entries=[A])  # type: ignore[list-item]

    def test_two_posts_at_one_place_are_refused(self) -> None:
        """Two present posts at one place of the last page: a ValueError
        naming both, whichever order they come in; a place not known
        (None) or a gap between places is allowed."""
        archive = merged(([A, B, C], T1))
        first, second, third = archive.entries
        for entries in (
            [first, attrs.evolve(second, place=first.place), third],
            [attrs.evolve(third, place=0), first, second],
        ):
            ids = [entry.id for entry in entries if entry.place == 0]
            with pytest.raises(ValueError, match="both at place 0") as caught:
                Archive(entries=entries, scrapes=archive.scrapes)
            assert str(caught.value) == (
                f"archived posts {ids[0]!r} and {ids[1]!r} are both at place 0 "
                "of the last scrape's page"
            )
        kept = [attrs.evolve(first, place=None), attrs.evolve(second, place=7), third]
        assert [
            e.place for e in Archive(entries=kept, scrapes=archive.scrapes).entries
        ] == [
            None,
            7,
            2,
        ]

    def test_scrapes_are_in_order(self) -> None:
        """An archive's scrape times go oldest first; an error names the
        scrape by its place, not as the seen_at of a merge."""
        with pytest.raises(ValueError, match=r"^scrapes\[2\] .* earlier than the one"):
            Archive(scrapes=[T1, T2, T1])
        with pytest.raises(TypeError, match=r"^scrapes\[1\] must be a datetime"):
            Archive(scrapes=[T1, "2024-01-01"])  # type: ignore[list-item]
        with pytest.raises(ValueError, match=r"^scrapes\[0\] .* has no time zone"):
            Archive(scrapes=[T1.replace(tzinfo=None)])
        with pytest.raises(ValueError, match=r"^seen_at .* earlier than the archive's"):
            Archive(scrapes=[T2]).merge([], seen_at=T1)

    def test_no_post_is_seen_after_the_last_scrape(self) -> None:
        """An archive's posts were seen in its scrapes: a post last seen, or
        gone, after the last scrape, or any post of an archive with no
        scrape, is refused where the archive is built, naming the post and
        both times. Such an archive used to be taken, and its next merge
        failed with "an archived post's times go back", naming neither the
        post nor the time given."""
        entry = merged(([A], T2)).entries[0]
        late = (
            f"last_seen {T2.isoformat()} of archived post {entry.id!r} is "
            f"after the archive's last scrape, seen at {T1.isoformat()}"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(late)}$"):
            Archive(entries=[entry], scrapes=[T1])
        gone = merged(([A, B], T1), ([B], T2)).entry_of(A)
        assert gone.gone_since == T2
        gone_late = (
            f"gone_since {T2.isoformat()} of archived post {gone.id!r} is "
            f"after the archive's last scrape, seen at {T1.isoformat()}"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(gone_late)}$"):
            Archive(entries=[gone], scrapes=[T1])
        unscraped = (
            f"archived post {entry.id!r}, last seen at {T2.isoformat()}, is in "
            "an archive with no scrapes; an archive's posts were seen in its scrapes"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(unscraped)}$"):
            Archive(entries=[entry])
        with pytest.raises(ValueError, match="after the archive's last scrape"):
            attrs.evolve(merged(([A], T1), ([A], T2)), scrapes=[T1])
        # At the last scrape is fine, compared as instants across zones.
        assert Archive(entries=[entry], scrapes=[T1, T2.astimezone(NEW_YORK)])
        assert Archive(entries=[gone], scrapes=[T2]).gone() == Listing([A])

    def test_a_scrape_must_hold_posts(self) -> None:
        """merge names its argument and the first item that is not a post."""
        with pytest.raises(TypeError, match=r"listing\[1\] must be a Post, not str"):
            Archive().merge([A, "B"], seen_at=T1)  # type: ignore[list-item]


def test_gone_since_before_last_seen_names_the_last_seen_time() -> None:
    """An archived post gone before it was last seen is refused by a message
    that names the two times it compares."""
    day1, day2, day3 = (
        datetime.datetime(2025, 3, day, tzinfo=datetime.UTC) for day in (1, 2, 3)
    )
    version = bloglist.Version(post=Post(title="Hi"), seen_at=day1)
    with pytest.raises(ValueError, match="gone_since") as caught:
        bloglist.ArchivedPost(
            id="urn:x",
            first_seen=day1,
            last_seen=day3,
            gone_since=day2,
            versions=[version],
        )
    assert str(caught.value) == (
        "gone_since 2025-03-02T00:00:00+00:00 is before last_seen "
        "2025-03-03T00:00:00+00:00"
    )


class TestQueries:
    def test_the_whole_query_api_works_on_the_archive(self) -> None:
        """listing is a Listing: filter, count and sort as on any listing."""
        archive = merged((SAMPLE, T1), (SAMPLE[1:], T2))
        assert isinstance(archive.listing, Listing)
        assert archive.listing.count_by("year") == SAMPLE.count_by("year")
        assert list(archive.gone()) == [SAMPLE[0]]
        assert archive.listing.sort_by("title") == SAMPLE.sort_by("title")


class TestFeed:
    def test_entry_ids_are_the_archive_ids_and_survive_an_edit(self) -> None:
        """A feed written after an edit keeps the entry id of the first version."""
        fixed = attrs.evolve(A, title="Alpha.")
        before = merged(([A, B], T1))
        after = before.merge(Listing([fixed, B]), seen_at=T2)
        ids = []
        for archive in (before, after):
            feed = _feedparser().parse(
                archive.to_atom(title="Blog", feed_id="urn:x:blog")
            )
            ids.append({e.title: e.id for e in feed.entries})
        assert ids[0]["Alpha"] == ids[1]["Alpha."] == post_id(A)
        assert ids[0]["Beta"] == ids[1]["Beta"]

    def test_undated_posts_are_placed_by_first_seen(self) -> None:
        """An undated post first seen on Mar 3 goes between posts of Mar 4 and Mar 1."""
        undated = Post(title="Undated")
        seen = datetime.datetime(2025, 3, 3, 12, tzinfo=UTC)
        archive = merged(
            ([A, B], T1 - datetime.timedelta(days=30)), ([A, B, undated], seen)
        )
        archive = archive.merge(Listing([D, undated, A, B]), seen_at=T4)
        feed = _feedparser().parse(archive.to_atom(title="Blog", feed_id="urn:x:blog"))
        assert [e.title for e in feed.entries] == ["Delta", "Undated", "Alpha", "Beta"]

    def test_undated_posts_are_placed_by_their_day_in_the_feeds_zone(self) -> None:
        """First seen at 23:30 UTC on Mar 4 is Mar 5 two hours east: after
        Delta (Mar 4) in UTC, where the two share a day, before it there."""
        undated = Post(title="Undated")
        seen = datetime.datetime(2025, 3, 4, 23, 30, tzinfo=UTC)
        archive = merged(([D, undated, A], seen))
        east = datetime.timezone(datetime.timedelta(hours=2))
        orders = []
        for zone in (UTC, east):
            feed = archive.to_atom(title="Blog", feed_id="urn:x:blog", timezone=zone)
            orders.append([e.title for e in _feedparser().parse(feed).entries])
        assert orders == [["Delta", "Undated", "Alpha"], ["Undated", "Delta", "Alpha"]]

        """Its updated is when its latest version was first seen, not the last scrape."""
        undated = Post(title="Undated", excerpt="First.")
        edited = attrs.evolve(undated, excerpt="Second.")
        archive = merged(([undated, A], T1), ([undated, A], T2))

        def entry_updated(archive: Archive) -> list[str]:
            feed = archive.to_atom(title="B", feed_id="urn:x:b")
            return re.findall(r"<updated>([^<]*)</updated>", feed)

        # The feed's, then Undated's, then Alpha's (dated: its day).
        assert entry_updated(archive) == [
            "2025-03-06T08:00:00Z",
            "2025-03-05T08:00:00Z",
            "2025-03-01T00:00:00Z",
        ]
        later = archive.merge(Listing([edited, A]), seen_at=T3)
        assert entry_updated(later)[:2] == ["2025-03-07T08:00:00Z"] * 2

    def test_a_dated_entry_is_updated_when_an_edit_is_seen(self) -> None:
        """Never edited: the midnight of its day, as published. Edited: when
        the edit was first seen, so readers show it as updated once."""
        fixed = attrs.evolve(A, excerpt="a, fixed")
        archive = merged(([A, B], T1), ([A, B], T2))

        def updated(archive: Archive) -> dict[str, str]:
            feed = _feedparser().parse(archive.to_atom(title="B", feed_id="urn:x:b"))
            return {e.title: e.updated for e in feed.entries}

        assert updated(archive) == {
            "Alpha": "2025-03-01T00:00:00Z",
            "Beta": "2025-02-01T00:00:00Z",
        }
        later = archive.merge(Listing([fixed, B]), seen_at=T3)
        assert updated(later) == {
            "Alpha": "2025-03-07T08:00:00Z",
            "Beta": "2025-02-01T00:00:00Z",
        }
        # Seen again unchanged: the time of the edit stays.
        assert updated(later.merge(Listing([fixed, B]), seen_at=T4))["Alpha"] == (
            "2025-03-07T08:00:00Z"
        )

    @pytest.mark.parametrize("date", [A.date, None])
    def test_a_pin_or_an_unpin_is_no_update(self, date: datetime.date | None) -> None:
        """The feed does not show sticky: an entry's updated stays where it
        was when the post is pinned, unpinned or pinned again, and moves
        with the next edit it shows; that edit's time stays through a pin
        after it. (A pin moved it, so readers showed a post as updated with
        nothing changed.)"""
        post = attrs.evolve(A, date=date)
        pinned = attrs.evolve(post, sticky=True)
        edited = attrs.evolve(post, excerpt="a, edited")

        def updated(*scrapes: Post) -> str:
            times = (T1, T2, T3, T4)
            archive = merged(
                *zip(([p] for p in scrapes), times[: len(scrapes)], strict=True)
            )
            feed = _feedparser().parse(archive.to_atom(title="B", feed_id="urn:x:b"))
            (entry,) = feed.entries
            return str(entry.updated)

        never = "2025-03-01T00:00:00Z" if date else "2025-03-05T08:00:00Z"
        assert updated(post, pinned) == never
        assert updated(post, pinned, post) == never
        assert updated(pinned, post, pinned) == never
        assert updated(post, pinned, edited) == "2025-03-07T08:00:00Z"
        assert updated(post, edited, attrs.evolve(edited, sticky=True)) == (
            "2025-03-06T08:00:00Z"
        )
        assert updated(post, edited, post) == "2025-03-07T08:00:00Z"

    def test_an_edit_seen_before_the_posts_day_is_a_second_after_its_midnight(
        self,
    ) -> None:
        """A post dated ahead of the scrape: updated never precedes
        published, and still moves with the edit (it stayed at the
        midnight, which a reader that compares updated took for no edit)."""
        ahead = Post(title="Ahead", date=datetime.date(2025, 4, 1), excerpt="x")
        archive = merged(([ahead], T1))
        feed = archive.to_atom(title="B", feed_id="urn:x:b")
        assert re.findall(r"<(published|updated)>([^<]*)<", feed)[1:] == [
            ("published", "2025-04-01T00:00:00Z"),
            ("updated", "2025-04-01T00:00:00Z"),
        ]
        archive = archive.merge([attrs.evolve(ahead, excerpt="y")], seen_at=T2)
        feed = archive.to_atom(title="B", feed_id="urn:x:b")
        assert re.findall(r"<(published|updated)>([^<]*)<", feed) == [
            ("updated", "2025-04-01T00:00:01Z"),
            ("published", "2025-04-01T00:00:00Z"),
            ("updated", "2025-04-01T00:00:01Z"),
        ]

    def test_a_date_ahead_corrected_does_not_take_updated_back(self) -> None:
        """A year typed 2062 for 2026, fixed the next day: the entry's and
        the feed's updated went back 36 years, which a reader that keeps
        the latest updated takes for no edit (a review found it). They
        are a second after the 2062 midnight the feed showed."""
        typo = Post(title="Launch day", date=datetime.date(2062, 10, 5), excerpt="ex")
        archive = merged(
            ([typo], datetime.datetime(2026, 10, 5, 6, tzinfo=UTC)),
            (
                [attrs.evolve(typo, date=datetime.date(2026, 10, 5))],
                datetime.datetime(2026, 10, 6, 6, tzinfo=UTC),
            ),
        )
        feed = archive.to_atom(title="B", feed_id="urn:x:b")
        assert re.findall(r"<(published|updated)>([^<]*)<", feed) == [
            ("updated", "2062-10-05T00:00:01Z"),
            ("published", "2026-10-05T00:00:00Z"),
            ("updated", "2062-10-05T00:00:01Z"),
        ]

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.one_of(
                    st.none(),
                    st.dates(datetime.date(2024, 12, 1), datetime.date(2025, 4, 1)),
                ),
                st.sampled_from(["a", "b", "c"]),
                st.booleans(),
                st.integers(1, 20 * 60),
            ),
            min_size=1,
            max_size=6,
        ),
        st.sampled_from(
            [UTC, ZoneInfo("America/Los_Angeles"), ZoneInfo("Pacific/Kiritimati")]
        ),
    )
    def test_updated_never_goes_back_and_moves_with_every_edit_shown(
        self,
        steps: list[tuple[datetime.date | None, str, bool, int]],
        zone: datetime.tzinfo,
    ) -> None:
        """One post, scraped again and again (its date, excerpt and pin
        changed at random, scrapes minutes to hours apart): after each
        scrape, the entry's updated is never before the one the feed
        showed before it, later exactly when the post changed in a field
        the feed shows, never before its published; the feed's updated is
        never before its updated before, nor before the entry's."""
        archive = Archive()
        seen = datetime.datetime(2025, 1, 1, tzinfo=UTC)
        before: tuple[datetime.datetime, datetime.datetime] | None = None
        shown: tuple[object, ...] | None = None
        for date, excerpt, sticky, minutes in steps:
            seen += datetime.timedelta(minutes=minutes)
            post = Post(title="One", date=date, excerpt=excerpt, sticky=sticky)
            # A date changed and the title kept: the same post (step 2).
            archive = archive.merge([post], seen_at=seen)
            feed = archive.to_atom(title="B", feed_id="urn:x:b", timezone=zone)
            times = dict.fromkeys(["feed", "published", "entry"])
            found = re.findall(r"<(published|updated)>([^<]*)<", feed)
            (_, feed_updated), *rest = found
            times["feed"] = datetime.datetime.fromisoformat(feed_updated)
            for name, text in rest:
                times["published" if name == "published" else "entry"] = (
                    datetime.datetime.fromisoformat(text)
                )
            feed_time, entry_time = times["feed"], times["entry"]
            assert feed_time is not None and entry_time is not None
            if times["published"] is not None:
                assert entry_time >= times["published"]
            assert feed_time >= entry_time
            now = (date, excerpt)
            if before is not None:
                assert feed_time >= before[0]
                if now == shown:
                    assert entry_time == before[1]
                else:
                    assert entry_time > before[1]
            before, shown = (feed_time, entry_time), now

    @pytest.mark.parametrize(
        ("date", "offset", "expected"),
        [(datetime.date(1, 1, 1), 5, True), (datetime.date(9999, 12, 31), -5, False)],
    )
    def test_an_edit_at_an_end_of_time(
        self, date: datetime.date, offset: int, expected: bool
    ) -> None:
        """A midnight that UTC cannot hold is still before (or after) every scrape."""
        from bloglist._archive import _entry_updated

        zone = datetime.timezone(datetime.timedelta(hours=offset))
        one, two = (
            Post(title="End", date=date),
            Post(title="End", date=date, excerpt="e"),
        )
        entry = ArchivedPost(
            id="urn:x",
            first_seen=T1,
            last_seen=T2,
            versions=[Version(post=one, seen_at=T1), Version(post=two, seen_at=T2)],
        )
        assert (_entry_updated(entry, zone) == T2) is expected

    def test_a_query_of_the_archive_makes_a_smaller_feed(self) -> None:
        """to_atom takes some of the archive's posts, such as what is new."""
        archive = merged(([A], T1), ([D, A], T2))
        feed = _feedparser().parse(
            archive.to_atom(archive.new_since(T2), title="New", feed_id="urn:x:new")
        )
        assert [(e.title, e.id) for e in feed.entries] == [("Delta", post_id(D))]

    def test_the_feed_is_updated_at_the_last_scrape_unless_told(self) -> None:
        """updated defaults to the last scrape; an empty archive falls back to to_atom's."""
        archive = merged(([A], T1), ([A], T2))
        feed = _feedparser().parse(archive.to_atom(title="B", feed_id="urn:x:b"))
        assert feed.feed.updated == "2025-03-06T08:00:00Z"
        told = archive.to_atom(
            title="B", feed_id="urn:x:b", updated=datetime.date(2030, 1, 1)
        )
        assert _feedparser().parse(told).feed.updated == "2030-01-01T00:00:00Z"
        empty = _feedparser().parse(Archive().to_atom(title="B", feed_id="urn:x:b"))
        assert (empty.feed.updated, empty.entries) == ("1970-01-01T00:00:00Z", [])

    @pytest.mark.parametrize(
        ("zone", "dated", "seen", "updated"),
        [
            # West of UTC, a post's day begins after a scrape at 06:00 UTC.
            ("America/Los_Angeles", 10, "06:00", "2025-03-10T00:00:00-07:00"),
            # A post dated a day ahead of the scrape.
            ("UTC", 11, "06:00", "2025-03-11T00:00:00Z"),
            # The scrape later than every entry: its time.
            ("America/Los_Angeles", 10, "09:00", "2025-03-10T09:00:00Z"),
            ("UTC", 10, "06:00", "2025-03-10T06:00:00Z"),
        ],
    )
    def test_the_feed_is_never_older_than_an_entry_of_it(
        self, zone: str, dated: int, seen: str, updated: str
    ) -> None:
        """The feed's default updated is the last scrape's time, or an
        entry's published (the midnight of its day in the feed's timezone)
        when that is later: RFC 4287's latest change of the feed, which no
        entry of it postdates."""
        post = Post(title="Today", date=datetime.date(2025, 3, dated))
        at = datetime.datetime.fromisoformat(f"2025-03-10T{seen}+00:00")
        archive = Archive().merge([post], seen_at=at)
        feed = archive.to_atom(title="B", feed_id="urn:x:b", timezone=ZoneInfo(zone))
        parsed = _feedparser().parse(feed)
        assert re.search("<updated>(.*)</updated>", feed).group(1) == updated  # type: ignore[union-attr]
        stamps = [parsed.feed.updated_parsed, parsed.entries[0].published_parsed]
        assert stamps[0] >= stamps[1]


class TestArchiveFeed:
    def test_an_edit_of_tags_alone_updates_the_entry(self) -> None:
        """Tags are the entry's categories: an edit of them alone is an edit
        the feed shows, so the entry is updated when it was seen."""
        before = Post(title="Hi", excerpt="e", tags=["Old"])
        after = Post(title="Hi", excerpt="e", tags=["New"])
        archive = Archive().merge([before], seen_at=T1).merge([after], seen_at=T2)
        archive = archive.merge([after], seen_at=T3)
        assert len(archive.entries[0].versions) == 2
        parts = feed_parts(archive, None, timezone=UTC, updated=None)
        assert parts.entry_updated(parts.posts[0]) == T2
        feed = archive.to_atom(title="Blog", feed_id="urn:example:blog")
        assert "<updated>2025-03-06T08:00:00Z</updated>" in feed  # the entry's
        assert "2025-03-05T08:00:00Z" not in feed

    def test_the_feed_is_updated_at_its_newest_post_dated_ahead_of_the_scrape(
        self,
    ) -> None:
        """Of several dated posts, the newest one's midnight, when later than
        the last scrape, is the feed's updated: never older than an entry."""
        old = Post(title="Old", date=datetime.date(2025, 1, 1))
        ahead = Post(title="Ahead", date=datetime.date(2025, 12, 31))
        archive = Archive().merge([ahead, old], seen_at=T1)
        parts = feed_parts(archive, None, timezone=UTC, updated=None)
        assert parts.updated == datetime.datetime(2025, 12, 31, tzinfo=UTC)
        feed = archive.to_atom(title="Blog", feed_id="urn:example:blog")
        assert feed.index("<updated>2025-12-31T00:00:00Z</updated>") < feed.index(
            "<entry>"
        )


class TestTheFeedsTimesAsWritten:
    """Which of two equal instants, or of two forms of one, the feed writes
    (from a mutation sweep that found no test pinning them down)."""

    WEST = datetime.timezone(datetime.timedelta(hours=-5))
    # The midnight that begins 2025-03-05 at -05:00.
    MIDNIGHT = datetime.datetime(2025, 3, 5, 5, tzinfo=UTC)

    @staticmethod
    def updated(feed: str) -> list[str]:
        return re.findall(r"<updated>(.*?)</updated>", feed)

    def test_an_edit_seen_when_its_first_version_was_is_updated_then(self) -> None:
        """A first version dated before its scrape, and its edit seen at
        that scrape's time: the edit's updated is that time, not a second
        after it (the first version's own is its midnight, before it)."""
        day = datetime.date(2025, 3, 1)
        archive = merged(([Post(title="Helo", date=day)], T1))
        archive = archive.merge([Post(title="Hello", date=day)], seen_at=T1)
        assert self.updated(archive.to_atom(title="B", feed_id="urn:x:b")) == [
            "2025-03-05T08:00:00Z",
            "2025-03-05T08:00:00Z",
        ]

    def test_a_midnight_that_ties_with_the_last_scrape_leaves_its_time(
        self,
    ) -> None:
        """The feed's updated is the last scrape's time, in UTC, unless an
        entry's is later: a midnight at the same instant is not."""
        archive = merged(
            ([Post(title="Hi", date=datetime.date(2025, 3, 5))], self.MIDNIGHT)
        )
        feed = archive.to_atom(title="B", feed_id="urn:x:b", timezone=self.WEST)
        assert self.updated(feed) == [
            "2025-03-05T05:00:00Z",
            "2025-03-05T00:00:00-05:00",
        ]

    def test_an_edit_at_its_dates_midnight_is_written_as_that_midnight(
        self,
    ) -> None:
        """A date moved to the day whose midnight the edit was seen at: the
        entry's updated is that midnight, written as its published is; an
        edit seen again then is a second after it, in UTC."""
        first = Post(title="Hi", date=datetime.date(2025, 3, 1))
        moved = attrs.evolve(first, date=datetime.date(2025, 3, 5))
        archive = merged(([first], T1 - datetime.timedelta(days=4)))
        archive = archive.merge([moved], seen_at=self.MIDNIGHT)
        feed = archive.to_atom(title="B", feed_id="urn:x:b", timezone=self.WEST)
        assert re.findall(r"<(published|updated)>([^<]*)<", feed)[1:] == [
            ("published", "2025-03-05T00:00:00-05:00"),
            ("updated", "2025-03-05T00:00:00-05:00"),
        ]
        archive = archive.merge(
            [attrs.evolve(moved, excerpt="x")], seen_at=self.MIDNIGHT
        )
        feed = archive.to_atom(title="B", feed_id="urn:x:b", timezone=self.WEST)
        assert self.updated(feed)[1:] == ["2025-03-05T05:00:01Z"]

    def test_an_undated_posts_day_is_its_first_sighting_in_a_zone_with_no_dst(
        self,
    ) -> None:
        """An archive built by hand whose times are not in UTC, and a zone
        that gives only its offset (no dst(), which astimezone needs): the
        undated post's day is the day its first sighting falls on in that
        zone, 03:00 on March 6 at +10:00 for noon on March 5 at -05:00, so
        it comes before a post dated March 5."""

        class Plus10(datetime.tzinfo):
            def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
                return datetime.timedelta(hours=10)

            def tzname(self, dt: datetime.datetime | None) -> str:
                return "+10"

        first = datetime.datetime(2025, 3, 5, 12, tzinfo=self.WEST)

        def entry(place: int, post: Post) -> ArchivedPost:
            return ArchivedPost(
                id=f"urn:x:{place}",
                first_seen=first,
                last_seen=first,
                versions=[Version(post=post, seen_at=first)],
                place=place,
            )

        archive = Archive(
            entries=[
                entry(0, Post(title="Dated", date=datetime.date(2025, 3, 5))),
                entry(1, Post(title="Undated")),
            ],
            scrapes=[first],
        )
        # No dst(), on purpose: a type checker calls the class abstract.
        zone = Plus10()  # type: ignore[abstract]
        feed = archive.to_atom(title="B", feed_id="urn:x:b", timezone=zone)
        assert re.findall(r"<title[^>]*>(.*?)</title>", feed)[1:] == [
            "Undated",
            "Dated",
        ]


class TestTheFeedOfAnEditAtMidnight:
    def test_an_edit_seen_at_the_midnight_of_its_date_is_updated_after(self) -> None:
        """A version seen at the very midnight that starts its post's date,
        in the feed's zone, where the version before showed that midnight
        as its `updated`: `updated` is a second after it, written as
        `published` is, in the zone of the feed."""
        zone = datetime.timezone(datetime.timedelta(hours=2))
        day = datetime.date(2025, 3, 1)
        midnight = datetime.datetime(2025, 3, 1, tzinfo=zone)
        archive = bloglist.Archive().merge(
            [Post(title="Helo", date=day)],
            seen_at=midnight - datetime.timedelta(days=1),
        )
        archive = archive.merge([Post(title="Hello", date=day)], seen_at=midnight)
        feed = archive.to_atom(title="Blog", feed_id="urn:example:blog", timezone=zone)
        entry = feed[feed.index("<entry>") :]
        published = re.search(r"<published>(.*?)</published>", entry)
        updated = re.search(r"<updated>(.*?)</updated>", entry)
        assert published is not None and updated is not None
        assert published[1] == "2025-03-01T00:00:00+02:00"
        assert updated[1] == "2025-03-01T00:00:01+02:00"


def expected_entries(history: History) -> dict[str, tuple[object, ...]]:
    """The truth of the simulation, keyed by the id the archive must give each post.

    For each true post: (first_seen, last_seen, gone_since, versions), where
    the versions are the consecutive distinct forms the scrapes showed. The
    id is the post_id of the first version, or for the later of twins (two
    posts of one date and title) the first variant of it that is free:
    ``urn:uuid:`` of uuid5(NAMESPACE_URL, "<id>#2"), then #3.
    """
    times = [scrape.seen_at for scrape in history.scrapes]
    seen: dict[int, dict[str, Any]] = {}
    ids: set[str] = set()
    for scrape in history.scrapes:
        for tid, post in scrape.posts:
            if tid not in seen:
                base = new_id = post_id(post)
                n = 1
                while new_id in ids:
                    n += 1
                    new_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{base}#{n}')}"
                ids.add(new_id)
            record = seen.setdefault(
                tid,
                {
                    "id": new_id,
                    "first": scrape.seen_at,
                    "versions": [Version(post=post, seen_at=scrape.seen_at)],
                },
            )
            if record["versions"][-1].post != post:
                record["versions"].append(Version(post=post, seen_at=scrape.seen_at))
            record["last"] = scrape.seen_at
    truth: dict[str, tuple[object, ...]] = {}
    for record in seen.values():
        last = record["last"]
        gone = None if last == times[-1] else times[times.index(last) + 1]
        truth[record["id"]] = (
            record["first"],
            last,
            gone,
            tuple(record["versions"]),
        )
    return truth


def actual_entries(archive: Archive) -> dict[str, tuple[object, ...]]:
    return {
        e.id: (e.first_seen, e.last_seen, e.gone_since, e.versions)
        for e in archive.entries
    }


class TestAgainstTheOracle:
    @settings(max_examples=ORACLE_EXAMPLES * 8 // 5)
    @given(seed=st.integers(0, 2**32))
    def test_the_archive_of_a_simulated_blog_is_the_truth(self, seed: int) -> None:
        """Many scrapes of a blog with edits, deletions and paging: one entry per
        true post, ids kept across edits, and the right times and versions."""
        history = simulate(seed)
        archive = Archive()
        for scrape in history.scrapes:
            # The simulated blog may replace every post at once.
            archive = archive.merge(
                Listing(scrape.listing), seen_at=scrape.seen_at, allow_all_gone=True
            )
            assert archive.present() == Listing(
                p for p in archive.listing if p in set(scrape.listing)
            )
        assert actual_entries(archive) == expected_entries(history)
        assert archive.scrapes == tuple(s.seen_at for s in history.scrapes)


# The edges of each argument, against plain-Python answers -------------------

EAST = datetime.timezone(datetime.timedelta(hours=5))
WEST = datetime.timezone(datetime.timedelta(hours=-5))
TICK = datetime.timedelta(microseconds=1)


# Times with no UTC form: year 0 and year 10000 in UTC.
OUTSIDE_UTC = [
    datetime.datetime.min.replace(tzinfo=EAST),
    datetime.datetime.max.replace(tzinfo=WEST),
]


class TestSeenAtEdges:
    @pytest.mark.parametrize(
        ("offset", "allowed"),
        [(-TICK, False), (datetime.timedelta(0), True), (TICK, True)],
    )
    def test_just_before_at_and_just_after_the_last_scrape(
        self, offset: datetime.timedelta, allowed: bool
    ) -> None:
        """One microsecond earlier than the last scrape is refused; the same
        time and one microsecond later are merged."""
        archive = merged(([A, B], T2))
        if allowed:
            later = archive.merge(Listing([A]), seen_at=T2 + offset)
            assert later.scrapes == (T2, T2 + offset)
            assert later.entries[1].gone_since == T2 + offset
        else:
            with pytest.raises(ValueError, match="earlier than"):
                archive.merge(Listing([A]), seen_at=T2 + offset)

    def test_the_same_instant_in_another_zone_is_not_earlier(self) -> None:
        """An instant written with another offset compares by instant, both ways."""
        archive = merged(([A], T2.astimezone(EAST)))
        assert archive.merge([A, B], seen_at=T2.astimezone(WEST)).scrapes == (T2, T2)
        # The same scrape at that instant is the last one again: not recorded.
        assert archive.merge([A], seen_at=T2.astimezone(WEST)) is archive
        with pytest.raises(ValueError, match="earlier than"):
            archive.merge([A], seen_at=(T2 - TICK).astimezone(WEST))

    def test_the_first_and_last_instants_of_the_calendar(self) -> None:
        """The years 1 and 9999 in UTC are times like any other."""
        first = datetime.datetime.min.replace(tzinfo=UTC)
        last = datetime.datetime.max.replace(tzinfo=UTC)
        archive = merged(([A], first), ([B], last))
        assert [(e.first_seen, e.gone_since) for e in archive.entries] == [
            (last, None),
            (first, last),
        ]

    @pytest.mark.parametrize("seen_at", OUTSIDE_UTC)
    def test_a_time_outside_the_utc_calendar_is_refused(
        self, seen_at: datetime.datetime
    ) -> None:
        """A time that has no UTC form (the file keeps UTC) is a ValueError
        naming it, not an OverflowError from a feed or the file later."""
        with pytest.raises(ValueError, match="outside the years 1 to 9999 in UTC"):
            Archive().merge([A], seen_at=seen_at)

    @pytest.mark.parametrize("seen_at", OUTSIDE_UTC)
    def test_a_hand_built_value_with_such_a_time_is_refused_too(
        self, seen_at: datetime.datetime
    ) -> None:
        """Version and ArchivedPost refuse it as merge does: a ValueError
        naming the field, not an OverflowError from comparing the times."""
        with pytest.raises(
            ValueError, match=r"^seen_at .* outside the years 1 to 9999"
        ):
            bloglist.Version(post=A, seen_at=seen_at)
        version = bloglist.Version(post=A, seen_at=T1)
        for field in ("first_seen", "last_seen", "gone_since"):
            times: dict[str, Any] = {"first_seen": T1, "last_seen": T1, field: seen_at}
            with pytest.raises(ValueError, match=rf"^{field} .* outside the years"):
                bloglist.ArchivedPost(id="x", versions=[version], **times)

    @pytest.mark.parametrize(
        ("seen_at", "error", "message"),
        [
            (None, TypeError, "seen_at must be a datetime.datetime, not NoneType"),
            ("2025-03-05", TypeError, "seen_at must be a datetime.datetime, not str"),
            (1741161600, TypeError, "seen_at must be a datetime.datetime, not int"),
            (datetime.datetime(2025, 3, 5), ValueError, "seen_at .* no time zone"),
        ],
    )
    def test_a_wrong_time_is_refused_by_name(
        self, seen_at: object, error: type[Exception], message: str
    ) -> None:
        """seen_at of another type or without a zone: the error names it."""
        with pytest.raises(error, match=message):
            Archive().merge([A], seen_at=seen_at)  # type: ignore[arg-type]

    def test_a_hand_built_value_needs_each_time(self) -> None:
        """Only gone_since may be None: a Version or an ArchivedPost without
        one of its other times is a TypeError naming it."""
        with pytest.raises(TypeError, match=r"^seen_at must be a datetime\.datetime"):
            bloglist.Version(post=A, seen_at=None)  # type: ignore[arg-type]
        version = bloglist.Version(post=A, seen_at=T1)
        for field in ("first_seen", "last_seen"):
            times: dict[str, Any] = {"first_seen": T1, "last_seen": T1, field: None}
            message = f"^{field} must be a datetime.datetime, not NoneType$"
            with pytest.raises(TypeError, match=message):
                bloglist.ArchivedPost(id="x", versions=[version], **times)


class TestListingEdges:
    @pytest.mark.parametrize(
        ("listing", "message"),
        [
            (
                None,
                "listing must be an iterable of posts, such as a Listing, not NoneType",
            ),
            (A, "listing must be an iterable of posts, such as a Listing, not Post"),
            (
                "A",
                "listing must be an iterable of posts, such as a Listing, not str: "
                r"parse the text first with bloglist\.loads \(or bloglist\.load\)",
            ),
        ],
    )
    def test_a_listing_that_is_not_posts_is_refused_by_name(
        self, listing: object, message: str
    ) -> None:
        """A TypeError that names the argument, not one from inside."""
        with pytest.raises(TypeError, match=message):
            Archive().merge(listing, seen_at=T1)  # type: ignore[arg-type]

    def test_an_empty_scrape_into_an_empty_archive(self) -> None:
        """No posts: no entries, but the scrape is recorded."""
        archive = Archive().merge(Listing(), seen_at=T1)
        assert (archive.entries, archive.scrapes) == ((), (T1,))
        assert archive.listing == archive.present() == archive.gone() == Listing()

    def test_all_gone_then_all_back(self) -> None:
        """An empty scrape makes every post gone at its time; a full one revives
        them all, with their ids, places and versions."""
        first = merged(([A, B, C], T1))
        empty = first.merge([], seen_at=T2, allow_all_gone=True)
        assert [e.gone_since for e in empty.entries] == [T2] * 3
        assert list(empty.gone()) == [A, B, C] and list(empty.present()) == []
        again = merged(([A, B, C], T1), ([], T2), ([], T3))
        assert [e.gone_since for e in again.entries] == [T2] * 3  # the first without
        back = again.merge([C, B, A], seen_at=T4)
        assert [(e.id, e.gone_since, e.last_seen) for e in back.entries] == [
            (e.id, None, T4) for e in first.entries
        ]
        assert [e.versions for e in back.entries] == [e.versions for e in first.entries]

    def test_all_replaced(self) -> None:
        """A scrape with none of the archived posts: all gone, all new ones added first."""
        archive = merged(([A, B], T1), ([C, D], T2))
        assert list(archive.listing) == [C, D, A, B]
        assert list(archive.present()) == [C, D] and list(archive.gone()) == [A, B]

    @pytest.mark.parametrize("copies", [2, 3, 5])
    def test_equal_posts_on_one_page_stay_apart_scrape_after_scrape(
        self, copies: int
    ) -> None:
        """n equal posts are n entries with n distinct ids; one copy fewer next
        time makes the last one gone, one more adds a new entry."""
        page = [attrs.evolve(A) for _ in range(copies)]
        archive = merged((page, T1))
        ids = [e.id for e in archive.entries]
        assert len(set(ids)) == copies and ids[0] == post_id(A)
        fewer = archive.merge(page[1:], seen_at=T2)
        assert [e.gone_since for e in fewer.entries] == [None] * (copies - 1) + [T2]
        more = archive.merge([*page, A], seen_at=T2)
        assert len(more.entries) == copies + 1
        assert [e.id for e in more.entries][1:] == ids

    @pytest.mark.parametrize("copies", [2, 3])
    def test_one_post_object_given_twice_is_archived_posts_of_their_own(
        self, copies: int
    ) -> None:
        """A scrape that holds one Post object n times (a list built as
        ``[post] * n``, or a slip that repeats a post) gives n archived posts
        that each find their own id and entry, and n feed entries: as the
        same archive read back from its file, or n equal but distinct posts."""
        edited = attrs.evolve(A, title="Alpha!")
        for scrapes in (
            [([A] * copies, T1)],
            [([A], T1), ([A] * copies, T2)],  # seen again, and new ones
            [([A] * copies, T1), ([edited] * copies, T2)],  # each edited alike
        ):
            archive = merged(*scrapes)
            apart = merged(*[([attrs.evolve(p) for p in ps], t) for ps, t in scrapes])
            assert archive == apart and len(archive.entries) == copies
            ids = [archive.id_of(post) for post in archive.listing]
            assert ids == [entry.id for entry in archive.entries]
            assert [archive.entry_of(p) for p in archive.listing] == list(
                archive.entries
            )
            feed = archive.to_atom(title="Blog", feed_id="urn:example:blog")
            assert [feed.count(f"<id>{id_}</id>") for id_ in ids] == [1] * copies

    def test_entries_built_by_hand_from_one_post_find_themselves(self) -> None:
        """Two archived posts built by hand from one Version each find their
        own entry; the archive is equal to the one given."""
        version = Version(post=A, seen_at=T1)
        entries = [
            ArchivedPost(
                id=f"urn:x:{n}", first_seen=T1, last_seen=T1, versions=[version]
            )
            for n in (1, 2)
        ]
        archive = Archive(entries=entries, scrapes=[T1])
        assert archive.entries == tuple(entries)
        assert [archive.id_of(post) for post in archive.listing] == [
            "urn:x:1",
            "urn:x:2",
        ]


class TestIdsAcrossEdits:
    @pytest.mark.parametrize(
        "edit",
        [
            {"title": "Alpah"},  # a typo: a close title on the same date
            {"title": "ALPHA"},  # retyped: the same normalised title
            {"title": "\N{NO-BREAK SPACE}alpha "},
            {"date": datetime.date(2025, 3, 2)},  # a date corrected
            {"date": None},  # a date taken away
            {"excerpt": "rewritten"},
            {"tags": ["Y", "Z"]},
            {"tags": []},
            {"sticky": True},
        ],
    )
    def test_every_kind_of_edit_keeps_the_first_versions_id(
        self, edit: dict[str, Any]
    ) -> None:
        """Whatever one field an edit changes, the post keeps its id, gets a
        second version, and the feed's entry id stays the same."""
        edited = attrs.evolve(A, **edit)
        archive = merged(([A, B], T1), ([edited, B], T2), ([edited, B], T3))
        entry = archive.entry_of(edited)
        assert entry.id == post_id(A)
        assert entry.versions == (
            Version(post=A, seen_at=T1),
            Version(post=edited, seen_at=T2),
        )
        assert (entry.first_seen, entry.last_seen, entry.gone_since) == (T1, T3, None)
        assert len(archive.entries) == 2


# A monthly "Hiring update" on an index of the newest posts: the March one
# scrolls off the page before the April one is published.
SHIPPING = Post(
    title="Shipping search",
    date=datetime.date(2025, 3, 3),
    excerpt="How we did it.",
    tags=["News"],
)
FASTER = Post(
    title="Faster builds",
    date=datetime.date(2025, 3, 10),
    excerpt="Our build got faster.",
    tags=["News"],
)
HIRING_MARCH = Post(
    title="Hiring update",
    date=datetime.date(2025, 3, 1),
    excerpt="We are hiring three engineers.",
    tags=["People"],
)
HIRING_APRIL = Post(
    title="Hiring update",
    date=datetime.date(2025, 4, 1),
    excerpt="We are hiring two designers.",
    tags=["People"],
)
NEWEST_POSTS = (
    ([SHIPPING, HIRING_MARCH], T1),
    ([FASTER, SHIPPING], T2),
    ([HIRING_APRIL, FASTER], T3),
)


class TestTitlesOfPostsGone:
    """Step 2 of the rule (same title, another date) pairs a new post only
    with a present archived post, and counts only those."""

    def test_a_recurring_title_whose_last_post_scrolled_off_is_a_new_post(
        self,
    ) -> None:
        """The April "Hiring update" is new, with its own id, first seen at
        T3: not a date correction of the March one, which stays gone."""
        archive = merged(*NEWEST_POSTS)
        assert len(archive.entries) == 4
        april = archive.entry_of(HIRING_APRIL)
        assert (april.id, april.first_seen, april.gone_since) == (
            post_id(HIRING_APRIL),
            T3,
            None,
        )
        assert april.versions == (Version(post=HIRING_APRIL, seen_at=T3),)
        march = archive.entry_of(HIRING_MARCH)
        assert (march.id, march.last_seen, march.gone_since) == (
            post_id(HIRING_MARCH),
            T1,
            T2,
        )
        assert march.versions == (Version(post=HIRING_MARCH, seen_at=T1),)
        assert april.id != march.id
        assert list(archive.new_since(T3)) == [HIRING_APRIL]

    def test_the_archive_agrees_with_a_diff_of_the_two_scrapes(self) -> None:
        """What diff of the last two scrapes calls added is what the archive
        calls new."""
        archive = merged(*NEWEST_POSTS)
        difference = bloglist.diff(NEWEST_POSTS[1][0], NEWEST_POSTS[2][0])
        assert list(difference.added) == list(archive.new_since(T3)) == [HIRING_APRIL]

    def test_a_date_corrected_on_the_page_keeps_its_id_beside_a_gone_twin(
        self,
    ) -> None:
        """Two posts of one title on the page, the older scrolls off, the
        newer's date is corrected: the title is found once among the
        present posts, so the correction keeps the newer one's id."""
        corrected = attrs.evolve(HIRING_APRIL, date=datetime.date(2025, 4, 2))
        archive = merged(
            ([HIRING_APRIL, HIRING_MARCH], T1),
            ([HIRING_APRIL], T2),
            ([corrected], T3),
        )
        assert len(archive.entries) == 2
        entry = archive.entry_of(corrected)
        assert (entry.id, entry.first_seen, entry.gone_since) == (
            post_id(HIRING_APRIL),
            T1,
            None,
        )
        assert entry.versions == (
            Version(post=HIRING_APRIL, seen_at=T1),
            Version(post=corrected, seen_at=T3),
        )
        assert archive.entry_of(HIRING_MARCH).gone_since == T2

    def test_a_post_of_another_date_pairs_with_the_present_post_of_its_title(
        self,
    ) -> None:
        """A present "Hiring update" and a gone one (newer, and first in the
        archive): a new scrape's single post of the title on a third date is
        the present one, its date corrected."""
        corrected = attrs.evolve(HIRING_MARCH, date=datetime.date(2025, 3, 2))
        archive = merged(
            ([HIRING_APRIL, HIRING_MARCH], T1),
            ([HIRING_MARCH], T2),
            ([corrected], T3),
        )
        assert [e.id for e in archive.entries] == [
            post_id(HIRING_APRIL),
            post_id(HIRING_MARCH),
        ]
        assert archive.entry_of(corrected).versions == (
            Version(post=HIRING_MARCH, seen_at=T1),
            Version(post=corrected, seen_at=T3),
        )
        assert archive.entries[0].gone_since == T2

    def test_a_gone_post_back_with_another_date_is_a_new_post(self) -> None:
        """The trade-off: a post out of sight whose date was corrected
        meanwhile is a removal and an addition, as a diff of the scrapes
        says; the old post stays gone."""
        corrected = attrs.evolve(B, date=datetime.date(2025, 2, 2))
        archive = merged(([A, B], T1), ([A], T2), ([A, corrected], T3))
        assert [e.id for e in archive.entries] == [
            post_id(corrected),
            post_id(A),
            post_id(B),
        ]
        assert archive.entries[0].first_seen == T3
        assert archive.entry_of(B).gone_since == T2


# A monthly "Hiring update" seen in May: in the first scrape both the April
# and the March one; in the second only April (March scrolled off); in the
# third March is back on the page, beside a "Hiring update" of April 2.
MAY_1 = datetime.datetime(2025, 5, 1, 8, tzinfo=UTC)
MAY_2 = MAY_1 + datetime.timedelta(days=1)
MAY_3 = MAY_2 + datetime.timedelta(days=1)
APRIL = Post(
    title="Hiring update",
    date=datetime.date(2025, 4, 1),
    excerpt="We are hiring two designers.",
)
MARCH = Post(
    title="Hiring update",
    date=datetime.date(2025, 3, 1),
    excerpt="We are hiring three engineers.",
)
APRIL_2 = attrs.evolve(APRIL, date=datetime.date(2025, 4, 2))
SCRAPES = (([APRIL, MARCH], MAY_1), ([APRIL], MAY_2), ([MARCH, APRIL_2], MAY_3))


def hiring_updates_merged() -> Archive:
    archive = Archive()
    for posts, seen_at in SCRAPES:
        archive = archive.merge(Listing(posts), seen_at=seen_at, allow_all_gone=True)
    return archive


class TestStepTwoCountsTheWholeNewScrape:
    """Step 2 pairs only a title found once in each scrape. The archive
    counts only its present posts on the old side; on the new side it counts
    every post of the scrape, as a diff of the last two scrapes does. The
    third scrape shows "Hiring update" twice: March, back on the page, pairs
    with the gone March post by step 1, and the one of April 2 may not pair
    with the present April post by step 2, though it is the only one of the
    title that step 1 left unpaired. Archive.merge and the archive file run
    the rule each its own way: both are asked."""

    def test_a_diff_of_the_last_two_scrapes_calls_it_added(self) -> None:
        """The rule as diff applies it: the new title is found twice, so no
        date correction; both new posts are added, April removed."""
        difference = bloglist.diff(SCRAPES[1][0], SCRAPES[2][0])
        assert difference.added == (MARCH, APRIL_2)
        assert difference.removed == (APRIL,)
        assert (difference.changed, difference.unchanged) == ((), 0)

    def test_the_archive_calls_it_a_new_post(self) -> None:
        """The archive agrees with that diff: April 2 is a new entry, first
        seen at the third scrape with its own post_id; April is gone from
        then on, with its one version; March is back."""
        archive = hiring_updates_merged()
        assert len(archive.entries) == 3
        new = archive.entry_of(APRIL_2)
        assert (new.id, new.first_seen, new.gone_since) == (
            post_id(APRIL_2),
            MAY_3,
            None,
        )
        april = archive.entry_of(APRIL)
        assert april.id == post_id(APRIL) != new.id
        assert (april.last_seen, april.gone_since) == (MAY_2, MAY_3)
        assert [version.post for version in april.versions] == [APRIL]
        march = archive.entry_of(MARCH)
        assert (march.last_seen, march.gone_since) == (MAY_3, None)
        assert list(archive.new_since(MAY_3)) == [APRIL_2]

    def test_the_archive_file_agrees(self, tmp_path: Path) -> None:
        """The archive file runs the rule on its stored columns: at the third
        scrape it counts one post new (April 2), one back (March) and one
        gone (April), and loads as the merged archive."""
        store = open_archive(tmp_path / "blog.db")
        added = [
            store.add(Listing(posts), seen_at=seen_at, allow_all_gone=True)
            for posts, seen_at in SCRAPES
        ]
        last = added[-1]
        assert (last.new, last.back, last.gone) == (1, 1, 1)
        assert store.load() == hiring_updates_merged()


class TestQueryEdges:
    def test_since_at_the_edges_of_a_scrape_time(self) -> None:
        """since() includes posts first seen exactly then, and nothing for a
        moment a microsecond later; the moment compares as an instant."""
        archive = merged(([A], T1), ([B, A], T2), ([C, B, A], T3))

        def oracle(moment: datetime.datetime) -> list[Post]:
            return [e.post for e in archive.entries if e.first_seen >= moment]

        moments = [
            m + d for m in (T1, T2, T3) for d in (-TICK, datetime.timedelta(0), TICK)
        ]
        moments += [m.astimezone(EAST) for m in moments]
        moments += [datetime.datetime.min.replace(tzinfo=UTC)]
        moments += [datetime.datetime.max.replace(tzinfo=UTC)]
        for moment in moments:
            assert list(archive.new_since(moment)) == oracle(moment), moment
        assert list(archive.new_since(T2)) == [C, B]
        assert list(archive.new_since(T2 + TICK)) == [C]
        assert list(Archive().new_since(T1)) == []

    def test_a_post_not_found_is_named_by_its_title_cut_short(self) -> None:
        """The KeyError of entry_of quotes the title as every message does,
        cut to a few dozen characters however long it is."""
        with pytest.raises(KeyError) as caught:
            merged(([A], T1)).entry_of(Post(title="x" * 200))
        assert caught.value.args == (
            f"no archived post has the post '{'x' * 39}'… given as its latest version",
        )

    def test_an_empty_page_is_a_page_error_before_all_gone(self) -> None:
        """A scrape of one empty page (its pages given) on an archive with
        posts: merge refuses the page, as the file's add does, not the scrape
        as one that leaves every post gone; the two errors mean different
        things (see docs/history.md)."""
        archive = merged(([A, B], T1))
        with pytest.raises(bloglist.PageError, match=r"^page 1 has no posts"):
            archive.merge(bloglist.stitch([[]]), seen_at=T2, pages=[[]])

    @pytest.mark.parametrize(
        ("moment", "error", "message"),
        [
            (None, TypeError, "moment must be a datetime.datetime, not NoneType"),
            (datetime.date(2025, 3, 5), TypeError, "moment must be .* not date"),
            (datetime.datetime(2025, 3, 5), ValueError, "moment .* no time zone"),
            (
                datetime.datetime(2025, 3, 5, tzinfo=datetime.tzinfo()),  # type: ignore[abstract]
                ValueError,
                r"^moment 2025-03-05T00:00:00 has no UTC offset: its timezone"
                r" \(tzinfo\) does not implement utcoffset\(\)",
            ),
        ],
    )
    def test_since_names_its_argument(
        self, moment: object, error: type[Exception], message: str
    ) -> None:
        """since() has no seen_at: its errors name moment."""
        with pytest.raises(error, match=message):
            merged(([A], T1)).new_since(moment)  # type: ignore[arg-type]

    @settings(max_examples=ORACLE_EXAMPLES)
    @given(seed=st.integers(0, 2**32))
    def test_queries_are_filters_of_the_entries(self, seed: int) -> None:
        """present, gone and since of a simulated blog are plain filters of
        the entries, at every scrape time and a microsecond either side."""
        history = simulate(seed, scrapes=6)
        archive = Archive()
        for scrape in history.scrapes:
            # The simulated blog may replace every post at once.
            archive = archive.merge(
                Listing(scrape.listing), seen_at=scrape.seen_at, allow_all_gone=True
            )
        entries = archive.entries
        assert list(archive.present()) == [
            e.post for e in entries if e.gone_since is None
        ]
        assert list(archive.gone()) == [
            e.post for e in entries if e.gone_since is not None
        ]
        for scrape in history.scrapes:
            for moment in (
                scrape.seen_at - TICK,
                scrape.seen_at,
                scrape.seen_at + TICK,
            ):
                assert list(archive.new_since(moment)) == [
                    e.post for e in entries if e.first_seen >= moment
                ]
                assert list(archive.changed_since(moment)) == [
                    e.post
                    for e in entries
                    if len(e.versions) > 1 and e.versions[-1].seen_at >= moment
                ]
                assert list(archive.gone_since(moment)) == [
                    e.post
                    for e in entries
                    if e.gone_since is not None and e.gone_since >= moment
                ]

    @pytest.mark.parametrize("post", [None, "Alpha", ["Alpha"], 3])
    def test_entry_of_something_not_a_post_is_a_type_error(self, post: object) -> None:
        """Not a KeyError (nor 'unhashable type' from inside): it names the argument."""
        archive = merged(([A], T1))
        with pytest.raises(TypeError, match="post must be a Post, not"):
            archive.entry_of(post)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="post must be a Post, not"):
            archive.id_of(post)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (lambda: Version(post="Alpha", seen_at=T1), "post must be a Post, not str"),  # type: ignore[arg-type]
            (
                lambda: ArchivedPost(
                    id=3,  # type: ignore[arg-type]
                    first_seen=T1,
                    last_seen=T1,
                    versions=[Version(post=A, seen_at=T1)],
                ),
                "id must be a str, not int",
            ),
            (
                lambda: ArchivedPost(
                    id="urn:x",
                    first_seen=T1,
                    last_seen=T1,
                    versions=None,  # type: ignore[arg-type]
                ),
                "versions must be an iterable of Version objects, not NoneType",
            ),
            (
                lambda: Archive(entries=None),  # type: ignore[arg-type]
                "entries must be an iterable of ArchivedPost objects, not NoneType",
            ),
            (
                lambda: Archive(scrapes=3),  # type: ignore[arg-type]
                "scrapes must be an iterable of datetime.datetime objects, not int",
            ),
        ],
    )
    def test_values_built_by_hand_name_a_wrong_type(
        self, build: Any, message: str
    ) -> None:
        """The field and the type given, not attrs' tuple holding its Attribute."""
        with pytest.raises(TypeError) as caught:
            build()
        assert str(caught.value) == message


class TestFeedEdges:
    @pytest.mark.parametrize("timezone", [None, "UTC", 5])
    @pytest.mark.parametrize("posts", [[A], [Post(title="Undated")]])
    def test_a_timezone_that_is_not_one_is_refused_by_name(
        self, timezone: object, posts: list[Post]
    ) -> None:
        """timezone=None would write timestamps without an offset, which Atom
        does not allow: a TypeError naming it, dated posts or not."""
        archive = merged((posts, T1))
        with pytest.raises(TypeError, match=r"timezone must be a datetime\.tzinfo"):
            archive.to_atom(title="B", feed_id="urn:x:b", timezone=timezone)  # type: ignore[arg-type]

    @pytest.mark.parametrize("given", ["x", "post 1", "urn:x:\u202e"])
    def test_an_id_given_by_hand_that_is_not_an_iri_is_named_as_the_posts(
        self, given: str
    ) -> None:
        """An archived post built by hand may hold any id but the empty one;
        a feed cannot: the WriteError names the post and its id, not an
        entry_id, which Archive.to_atom does not take."""
        entry = attrs.evolve(merged(([A], T1)).entries[0], id=given)
        archive = Archive(entries=[entry], scrapes=[T1])
        with pytest.raises(bloglist.WriteError) as caught:
            archive.to_atom(title="B", feed_id="urn:x:b")
        assert str(caught.value) == (
            f"the archived post {A.title!r} has the id {given!r}, which is not an "
            "absolute IRI, as a feed's entry ids must be"
        )
        assert caught.value.post is entry.post

    @pytest.mark.parametrize("zone", ["Asia/Tokyo", "Africa/Monrovia"])
    def test_an_empty_archive_is_updated_at_the_fixed_epoch(self, zone: str) -> None:
        """With no scrape the feed's updated is to_atom's fixed
        1970-01-01T00:00:00Z, the epoch in UTC, whatever the zone (midnight
        there would be another instant in each)."""
        feed = Archive().to_atom(title="B", feed_id="urn:x:b", timezone=ZoneInfo(zone))
        (stamp,) = re.findall(r"<updated>([^<]*)</updated>", feed)
        assert stamp.endswith("Z")
        assert datetime.datetime.fromisoformat(stamp) == (
            datetime.datetime.fromtimestamp(0, UTC)
        )

    def test_a_post_given_twice_is_one_entry(self) -> None:
        """A feed has one entry per archived post: Atom ids are unique."""
        archive = merged(([A, B], T1))
        feed = archive.to_atom([A, B, A, attrs.evolve(B)], title="B", feed_id="urn:x:b")
        ids = re.findall(r"<id>(urn:uuid:[^<]*)</id>", feed)
        assert ids == [post_id(A), post_id(B)]

    def test_equal_posts_of_distinct_entries_are_two_entries(self) -> None:
        """Two archived posts that are equal (the same post twice on a page)
        stay two entries when the archive's own post objects are given."""
        archive = merged(([A, attrs.evolve(A)], T1))
        feed = archive.to_atom(archive.listing, title="B", feed_id="urn:x:b")
        ids = re.findall(r"<id>(urn:uuid:[^<]*)</id>", feed)
        assert ids == [e.id for e in archive.entries] and len(set(ids)) == 2

    def test_an_empty_choice_is_an_empty_feed(self) -> None:
        """No posts chosen: a feed with no entries, updated at the last scrape."""
        archive = merged(([A], T1))
        feed = archive.to_atom([], title="B", feed_id="urn:x:b")
        assert "<entry>" not in feed and "<updated>2025-03-05T08:00:00Z" in feed

    def test_a_post_not_in_the_archive_is_a_key_error(self) -> None:
        """Only latest versions of archived posts have an archive id."""
        with pytest.raises(KeyError, match="no archived post"):
            merged(([A], T1)).to_atom([B], title="B", feed_id="urn:x:b")

    @pytest.mark.parametrize(
        ("seen_at", "hours", "first"),
        [
            # Its day at UTC+14 is after 9999-12-31: newest of all.
            (datetime.datetime.max.replace(tzinfo=UTC), 14, True),
            # Its day at UTC-14 is before 0001-01-01: oldest of all.
            (datetime.datetime.min.replace(tzinfo=UTC), -14, False),
        ],
    )
    def test_an_undated_post_seen_at_the_end_of_the_calendar(
        self, seen_at: datetime.datetime, hours: int, first: bool
    ) -> None:
        """An undated post whose first day in the feed's zone is off the
        calendar is placed before or after every date, not an OverflowError."""
        undated = Post(title="Undated")
        dated = Post(title="Dated", date=datetime.date(2025, 3, 1))
        archive = Archive().merge([dated, undated], seen_at=seen_at)
        zone = datetime.timezone(datetime.timedelta(hours=hours))
        feed = _feedparser().parse(
            archive.to_atom(title="B", feed_id="urn:x:b", timezone=zone)
        )
        titles = [e.title for e in feed.entries]
        assert titles == (["Undated", "Dated"] if first else ["Dated", "Undated"])


class Unfinished(datetime.tzinfo):
    """A tzinfo subclass that implements nothing, as a bare ``datetime.tzinfo()``."""


class TestTimezonesWithNoOffset:
    @pytest.mark.parametrize(
        "scrapes",
        [
            [[A]],  # a dated post never edited
            [[A], [attrs.evolve(A, excerpt="edited")]],  # edited after its day
        ],
    )
    def test_a_dated_post_is_the_write_error_of_to_atom(
        self, scrapes: list[list[Post]]
    ) -> None:
        """Archive.to_atom works like bloglist.to_atom: a midnight in a zone
        that gives no offset has no Atom timestamp, the same WriteError (an
        edited post's was a TypeError from comparing it with the edit's time)."""
        archive = merged(*zip(scrapes, (T1, T2), strict=False))
        with pytest.raises(bloglist.WriteError) as plain:
            bloglist.to_atom(
                archive.listing, title="B", feed_id="urn:x:b", timezone=NoOffset()
            )
        with pytest.raises(bloglist.WriteError) as caught:
            archive.to_atom(title="B", feed_id="urn:x:b", timezone=NoOffset())
        # Named by its title, not by its place among the feed's entries.
        assert plain.value.index == 0
        assert str(caught.value) == str(plain.value).replace(
            "posts[0] ('Alpha')", "the archived post 'Alpha'"
        )
        assert (caught.value.post, caught.value.index) == (plain.value.post, None)
        assert str(caught.value).endswith("gives no UTC offset")

    def test_an_undated_post_has_no_day_to_be_placed_by(self) -> None:
        """An undated post is placed by its first day in the zone, which a
        zone with no offset cannot give: a WriteError naming it, not
        ValueError from tzinfo.fromutc()."""
        archive = merged(([A, Post(title="Undated")], T1))
        with pytest.raises(bloglist.WriteError) as caught:
            archive.to_atom(title="B", feed_id="urn:x:b", timezone=NoOffset())
        assert str(caught.value) == (
            f"the undated post 'Undated', first seen at {T1.isoformat()}, has no"
            " day in the feed: its timezone (NoOffset) gives no UTC offset"
        )

    @pytest.mark.parametrize(("offset", "shown"), REFUSED_OFFSETS)
    def test_an_offset_python_refuses_is_the_write_error_of_to_atom(
        self, offset: object, shown: str
    ) -> None:
        """A timezone that gives an offset of a day or more, or no timedelta:
        the WriteError of bloglist.to_atom, naming the post, for a dated
        post; for an undated one, that it has no day in the feed (a review
        found datetime's own error from inside)."""
        why = (
            f"its timezone (Gives) gives {shown}, where a timedelta of less than"
            " a day either way is wanted"
        )
        dated = merged(([A], T1))
        with pytest.raises(bloglist.WriteError) as plain:
            bloglist.to_atom(
                dated.listing, title="B", feed_id="urn:x:b", timezone=Gives(offset)
            )
        with pytest.raises(bloglist.WriteError) as caught:
            dated.to_atom(title="B", feed_id="urn:x:b", timezone=Gives(offset))
        assert str(caught.value) == str(plain.value).replace(
            "posts[0] ('Alpha')", "the archived post 'Alpha'"
        )
        assert str(caught.value).endswith(f"has no valid UTC offset: {why}")
        assert caught.value.post is dated.listing[0]
        undated = merged(([Post(title="Undated")], T1))
        with pytest.raises(bloglist.WriteError) as caught:
            undated.to_atom(title="B", feed_id="urn:x:b", timezone=Gives(offset))
        assert str(caught.value) == (
            f"the undated post 'Undated', first seen at {T1.isoformat()}, has no"
            f" day in the feed: {why}"
        )

    def test_a_zone_without_dst_places_an_undated_post_by_its_offset(self) -> None:
        """A tzinfo may implement utcoffset() and leave out dst(), which
        to_atom never needs but tzinfo.fromutc() does: the undated post is
        placed by its first day at the zone's offset, as a zone with dst()
        places it, not NotImplementedError from inside."""

        class NoDst(datetime.tzinfo):
            def __init__(self, hours: int) -> None:
                self.offset = datetime.timedelta(hours=hours)

            def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
                return self.offset

            def dst(self, dt: datetime.datetime | None) -> datetime.timedelta:
                raise NotImplementedError  # as datetime.tzinfo's own dst()

            def tzname(self, dt: datetime.datetime | None) -> str:
                raise NotImplementedError  # as datetime.tzinfo's own tzname()

        undated = Post(title="Undated")
        dated = Post(title="Dated", date=T1.date())
        archive = merged(([dated, undated], T1))
        # T1 is 08:00 UTC on the dated post's day: the undated post's first
        # day is the day before west of -08:00 (it goes after the dated
        # post), the day after from +16:00 on (before it).
        order = []
        for hours in (-9, -8, 0, 15, 16):
            got = archive.to_atom(title="B", feed_id="urn:x:b", timezone=NoDst(hours))
            fixed = datetime.timezone(datetime.timedelta(hours=hours))
            assert got == archive.to_atom(title="B", feed_id="urn:x:b", timezone=fixed)
            order.append(got.index(">Undated<") < got.index(">Dated<"))
        assert order == [False, False, False, False, True]

    @pytest.mark.parametrize("zone", [datetime.tzinfo(), Unfinished()])  # type: ignore[abstract]
    def test_a_tzinfo_that_implements_no_offset_is_refused_at_the_call(
        self, zone: datetime.tzinfo
    ) -> None:
        """Every use of a bare tzinfo raises NotImplementedError: each call
        taking a time or a timezone refuses it by name, saying why."""
        name = type(zone).__name__
        archive = merged(([A, Post(title="Undated")], T1))
        moment = T2.replace(tzinfo=zone)
        with pytest.raises(TypeError, match=f"not a {name} that does not implement"):
            archive.to_atom(title="B", feed_id="urn:x:b", timezone=zone)
        no_offset = re.escape(
            f" 2025-03-06T08:00:00 has no UTC offset: its timezone ({name}) does"
            " not implement utcoffset(); give an aware datetime"
        )
        with pytest.raises(ValueError, match=f"^seen_at{no_offset}"):
            archive.merge([A], seen_at=moment)
        with pytest.raises(ValueError, match=f"^moment{no_offset}"):
            archive.new_since(moment)
        with pytest.raises(ValueError, match=f"^scrapes\\[1\\]{no_offset}"):
            Archive(scrapes=[T1, moment])
        with pytest.raises(ValueError, match=f"^seen_at{no_offset}"):
            Version(post=A, seen_at=moment)
        with pytest.raises(ValueError, match=f"^last_seen{no_offset}"):
            ArchivedPost(
                id="urn:x",
                first_seen=T1,
                last_seen=moment,
                versions=[Version(post=A, seen_at=T1)],
            )


# New York's clocks go back an hour at 02:00 on 2025-11-02: 01:00 to 02:00
# happens twice, first in EDT (fold=0), then in EST (fold=1).
NEW_YORK = ZoneInfo("America/New_York")
EDT_0145 = datetime.datetime(2025, 11, 2, 1, 45, tzinfo=NEW_YORK)  # 05:45 UTC
EST_0115 = datetime.datetime(2025, 11, 2, 1, 15, fold=1, tzinfo=NEW_YORK)  # 06:15 UTC


class TestDaylightSavingFold:
    def test_a_later_scrape_in_the_repeated_hour_is_later(self) -> None:
        """01:15 EST comes half an hour after 01:45 EDT, though its wall clock
        reads earlier: merge compares instants, as the archive file does."""
        assert EST_0115.astimezone(UTC) > EDT_0145.astimezone(UTC)
        archive = merged(([A], EDT_0145), ([A, B], EST_0115))
        # Kept in UTC: a time of the repeated hour equals no time of another
        # zone (PEP 495), so the archive file's UTC times could not equal it.
        assert [t.isoformat() for t in archive.scrapes] == [
            "2025-11-02T05:45:00+00:00",
            "2025-11-02T06:15:00+00:00",
        ]
        assert [e.first_seen.tzinfo for e in archive.entries] == [UTC, UTC]
        assert Archive(scrapes=[EDT_0145, EST_0115]).scrapes[1] is EST_0115

    def test_an_earlier_scrape_in_the_repeated_hour_is_earlier(self) -> None:
        """01:45 EDT is half an hour before 01:15 EST: refused after it."""
        with pytest.raises(ValueError, match="earlier than"):
            merged(([A], EST_0115), ([A], EDT_0145))
        # The same wall clock an hour later is no repeat of the same time.
        first = datetime.datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK)
        with pytest.raises(ValueError, match="earlier than"):
            merged(([A], first), ([A], first.replace(fold=0)))

    def test_since_compares_instants(self) -> None:
        """A post first seen at 01:15 EST is new since 01:30 EDT (05:30 UTC)."""
        archive = merged(
            ([B], EDT_0145 - datetime.timedelta(hours=2)), ([A, B], EST_0115)
        )
        since = datetime.datetime(2025, 11, 2, 1, 30, tzinfo=NEW_YORK)
        assert list(archive.new_since(since)) == [A]
        assert list(archive.new_since(since.replace(fold=1))) == []  # 06:30 UTC

    @pytest.mark.parametrize(
        "last",
        [
            datetime.datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK),  # repeated
            datetime.datetime(2025, 3, 9, 2, 30, tzinfo=NEW_YORK),  # skipped
        ],
    )
    def test_the_last_scrape_again_in_an_hour_of_the_change_changes_nothing(
        self, last: datetime.datetime
    ) -> None:
        """A review: an archive built by hand whose last scrape is in the hour
        daylight saving time repeats (or skips), merged again at that time,
        recorded a second scrape: a time of that hour equals no time of
        another zone (PEP 495), and merge compared them as they are."""
        version = bloglist.Version(post=A, seen_at=last)
        entry = bloglist.ArchivedPost(
            id="urn:a", first_seen=last, last_seen=last, versions=[version], place=0
        )
        archive = Archive(entries=[entry], scrapes=[last])
        for again in (last, last.astimezone(UTC)):
            assert archive.merge(Listing([A]), seen_at=again) is archive

    def test_since_a_moment_off_the_utc_calendar(self) -> None:
        """A moment before 0001-01-01 or after 9999-12-31 in UTC is before or
        after every scrape."""
        archive = merged(([A], T1))
        east = datetime.timezone(datetime.timedelta(hours=5))
        west = datetime.timezone(datetime.timedelta(hours=-5))
        assert list(archive.new_since(datetime.datetime.min.replace(tzinfo=east))) == [
            A
        ]
        assert list(archive.new_since(datetime.datetime.max.replace(tzinfo=west))) == []
        changed = merged(([A, B], T1), ([attrs.evolve(A, excerpt="New."), C], T2))
        for since in (changed.changed_since, changed.gone_since):
            assert len(since(datetime.datetime.min.replace(tzinfo=east))) == 1
            assert list(since(datetime.datetime.max.replace(tzinfo=west))) == []
        assert list(changed.gone_since(datetime.datetime.min.replace(tzinfo=east))) == [
            B
        ]


class TestHistoryLength:
    """A merge's work does not grow with the posts' histories: a post edited
    at every scrape has its latest version compared, not all of them (each
    merge re-checked every version, so that a year of daily edits cost a
    year of comparisons at each scrape)."""

    @staticmethod
    def compared(versions: int, monkeypatch: pytest.MonkeyPatch) -> int:
        """How many times a merge compares two posts, after *versions*
        scrapes that each edited the one post."""
        archive = Archive()
        for k in range(versions):
            edited = attrs.evolve(A, excerpt=f"Edit {k}.")
            archive = archive.merge([edited], seen_at=T1 + k * TICK)
        assert len(archive.entries[0].versions) == versions
        calls = 0
        real = Post.__eq__

        def counting(self: Post, other: object) -> bool:
            nonlocal calls
            calls += 1
            return real(self, other)

        with monkeypatch.context() as patch:
            patch.setattr(Post, "__eq__", counting)
            again = archive.merge([attrs.evolve(A, excerpt="Again.")], seen_at=T2)
        assert len(again.entries[0].versions) == versions + 1
        return calls

    def test_a_merge_compares_the_latest_version_only(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert self.compared(64, monkeypatch) == self.compared(1, monkeypatch)


class TestChangedAndGoneSince:
    """What a scrape changed and what it no longer showed, as the archive
    keeps it: the posts a diff of the scrape before and this one calls
    changed and removed (docs/history.md, "What changed, what is gone")."""

    def test_they_are_what_a_diff_of_the_two_scrapes_says(self) -> None:
        edited = attrs.evolve(A, title="Alpha!")
        pinned = attrs.evolve(B, sticky=True)
        before, after = [A, B, C, D], [edited, pinned, D]
        archive = merged((before, T1), (after, T2))
        difference = bloglist.diff(before, after)
        assert list(archive.changed_since(T2)) == [c.new for c in difference.changed]
        assert list(archive.gone_since(T2)) == list(difference.removed) == [C]
        assert list(archive.changed_since(T2 + TICK)) == []
        assert list(archive.gone_since(T2 + TICK)) == []
        # Not changed since the first scrape: each version is the first.
        assert list(merged((before, T1)).changed_since(T1)) == []

    def test_a_post_changed_then_gone_is_both_and_one_back_is_neither(self) -> None:
        edited = attrs.evolve(A, excerpt="Edited.")
        archive = merged(([A, B], T1), ([edited, B], T2), ([B], T3))
        assert list(archive.changed_since(T2)) == [edited]
        assert list(archive.gone_since(T3)) == [edited]
        back = archive.merge(Listing([edited, B]), seen_at=T3 + TICK)
        assert list(back.gone_since(T1)) == []
        assert list(back.changed_since(T3)) == []

    @pytest.mark.parametrize("name", ["changed_since", "gone_since"])
    def test_the_moment_is_checked_as_new_since_checks_it(self, name: str) -> None:
        archive = merged(([A], T1))
        with pytest.raises(ValueError, match=r"moment .* no time zone"):
            getattr(archive, name)(datetime.datetime(2025, 3, 5))
        with pytest.raises(TypeError, match=r"moment must be a datetime\.datetime"):
            getattr(archive, name)(None)


class TestPostsOfOneDateAndTitle:
    """Two "Weekly links" of one day: deleting or pinning one leaves each its id."""

    WEB, OPS = WEEKLY_WEB, WEEKLY_OPS

    def test_the_survivor_keeps_its_id_and_history(self) -> None:
        first = merged(([self.WEB, self.OPS], T1))
        ids = first.id_of(self.WEB), first.id_of(self.OPS)
        archive = first.merge([self.OPS], seen_at=T2)
        assert archive.id_of(self.OPS) == ids[1] != ids[0]
        ops = archive.entry_of(self.OPS)
        assert ops.versions == (Version(post=self.OPS, seen_at=T1),)
        assert (ops.gone_since, archive.entry_of(self.WEB).gone_since) == (None, T2)

    def test_pinning_one_moves_no_history(self) -> None:
        first = merged(([self.WEB, self.OPS], T1))
        pinned = attrs.evolve(self.OPS, sticky=True)
        archive = first.merge([pinned, self.WEB], seen_at=T2)
        assert archive.id_of(pinned) == first.id_of(self.OPS)
        assert archive.entry_of(self.WEB).versions == (
            Version(post=self.WEB, seen_at=T1),
        )

    @pytest.mark.parametrize(
        "titles",
        [("Weekly links", "Weekly Links"), ("Caf\u00e9 notes", "Cafe\u0301 notes")],
    )
    def test_titles_alike_but_as_written_pair_as_written(
        self, titles: tuple[str, str]
    ) -> None:
        """Two posts of one day whose titles the rule takes for one (case,
        composed or not) and with the same excerpt and tags: moved, each
        keeps its id and gains no version; one deleted, the other stays
        present as it was. They paired in page order before, swapping ids
        and recording an edit of each title that never happened."""
        a, b = (Post(title=title, date=_WEEKLY) for title in titles)
        first = merged(([a, b], T1))
        ids = first.id_of(a), first.id_of(b)
        moved = first.merge([b, a], seen_at=T2)
        assert (moved.id_of(a), moved.id_of(b)) == ids
        assert all(len(entry.versions) == 1 for entry in moved.entries)
        assert bloglist.diff([a, b], [b, a]).changed == ()
        left = moved.merge([b], seen_at=T3)
        assert left.id_of(b) == ids[1]
        assert left.entry_of(b).versions == (Version(post=b, seen_at=T1),)
        assert (left.entry_of(b).gone_since, left.entry_of(a).gone_since) == (None, T3)


# Posts of one date and title ("Weekly links" of one day), told apart only by
# what step 1 compares within a group: excerpt, tags and sticky flag.
_WEEKLY = datetime.date(2025, 3, 7)


def _weekly(excerpt: str, tag: str = "Links", *, sticky: bool = False) -> Post:
    return Post(
        title="Weekly links", date=_WEEKLY, excerpt=excerpt, tags=[tag], sticky=sticky
    )


def _histories(archive: Archive) -> list[list[str]]:
    """Each archived post's excerpts, oldest version first, in entry order."""
    return [[v.post.excerpt for v in entry.versions] for entry in archive.entries]


class TestPairedAsTheLastPage:
    """The archive meets its present posts in the order of the last page, and
    so pairs a scrape with them as a diff of the last scrape and the new one
    does (a review found each post of one date and title handed the other's
    history and id, as the archive met them in the order first seen)."""

    def test_posts_reordered_then_all_retagged_keep_their_own_history(self) -> None:
        day1 = [_weekly("one"), _weekly("two")]
        day2 = [_weekly("two"), _weekly("one")]  # the blog reorders them
        day3 = [_weekly("two", "Reading"), _weekly("one", "Reading")]
        archive = merged((day1, T1), (day2, T2), (day3, T3))
        assert _histories(archive) == [["one", "one"], ["two", "two"]]
        assert [e.post.tags for e in archive.entries] == [("Reading",)] * 2
        first = merged((day1, T1))
        assert [archive.id_of(post) for post in day3] == [
            first.id_of(day1[1]),
            first.id_of(day1[0]),
        ]
        # As the diff of the last two scrapes pairs them: two tag changes.
        change = bloglist.diff(day2, day3)
        assert [(c.old.excerpt, c.new.excerpt) for c in change.changed] == [
            ("two", "two"),
            ("one", "one"),
        ]

    def test_a_post_added_below_then_all_rewritten_keep_their_own_history(
        self,
    ) -> None:
        """A third post of the group first seen below the others is first in
        the archive's order (first seen in the latest scrape), but last on
        the page: edits of all three pair by the page."""
        day1 = [_weekly("a"), _weekly("b")]
        day2 = [_weekly("a"), _weekly("b"), _weekly("c")]
        day3 = [_weekly("a2"), _weekly("b2"), _weekly("c2")]
        archive = merged((day1, T1), (day2, T2), (day3, T3))
        assert sorted(_histories(archive)) == [["a", "a2"], ["b", "b2"], ["c", "c2"]]
        assert [e.place for e in archive.entries] == [2, 0, 1]

    def test_the_same_scrape_again_changes_nothing_but_last_seen(self) -> None:
        """A pinned post shown on top and again in its place: merging the
        same scrape twice adds no version (it added two, moving each post's
        history to the other)."""
        older = Post(title="Older post", date=datetime.date(2025, 3, 1), excerpt="a")
        news = Post(title="Big news", date=datetime.date(2025, 3, 20), excerpt="x")
        pinned = attrs.evolve(news, sticky=True)
        before = merged(([news, older], T1), ([pinned, news, older], T2))
        after = before.merge([pinned, news, older], seen_at=T3)
        assert [len(e.versions) for e in after.entries] == [
            len(e.versions) for e in before.entries
        ]
        assert [e.versions for e in after.entries] == [
            e.versions for e in before.entries
        ]
        assert all(e.last_seen == T3 for e in after.entries)
        assert [[v.post.sticky for v in e.versions] for e in after.entries] == [
            [True],
            [False],
            [False],
        ]

    @settings(max_examples=150)
    @given(st.data())
    def test_a_growing_page_pairs_as_the_diff_of_the_last_two_scrapes(
        self, data: st.DataObject
    ) -> None:
        """Scrapes of one group of posts of one date and title, reordered,
        edited (excerpt, tags, pin) and added to, none deleted, so that no
        archived post is gone: each new post is paired with the archived
        post that holds the post the diff of the last two scrapes pairs it
        with, and a post the diff finds added is new in the archive."""
        excerpts = st.sampled_from(["a", "b", "c"])
        tags = st.sampled_from(["Links", "Reading"])
        pins = st.booleans()
        page = [_weekly(data.draw(excerpts), data.draw(tags), sticky=data.draw(pins))]
        archive = merged((page, T1))
        for day in range(1, data.draw(st.integers(1, 4)) + 1):
            new = [
                _weekly(
                    data.draw(st.sampled_from([post.excerpt, "a", "b"])),
                    data.draw(st.sampled_from([post.tags[0], "Reading"])),
                    sticky=data.draw(st.sampled_from([post.sticky, not post.sticky])),
                )
                for post in data.draw(st.permutations(page))
            ]
            for _ in range(data.draw(st.integers(0, 2))):
                at = data.draw(st.integers(0, len(new)))
                new.insert(at, _weekly(data.draw(excerpts), data.draw(tags)))
            paired = {c.new_index: c.old_index for c in _pairs(page, new)}
            merged_again = archive.merge(new, seen_at=T1 + datetime.timedelta(days=day))
            # Equal posts cannot be told apart by entry_of: by their places.
            before = {e.place: e.id for e in archive.entries}
            after = {e.place: e.id for e in merged_again.entries}
            assert set(after) == set(range(len(new)))
            for j in range(len(new)):
                if j in paired:
                    assert after[j] == before[paired[j]]
                else:
                    assert after[j] not in before.values()
            archive, page = merged_again, new


class _Pair:
    def __init__(self, old_index: int, new_index: int) -> None:
        self.old_index, self.new_index = old_index, new_index


def _pairs(old: list[Post], new: list[Post]) -> list[_Pair]:
    """The pairs of a diff of *old* and *new*, by index: each new post paired
    with the old post the diff says it is (unchanged or changed)."""
    result = bloglist.diff(old, new)
    pairs: list[_Pair] = []
    olds = {id(post): i for i, post in enumerate(old)}
    news = {id(post): j for j, post in enumerate(new)}
    for change in result.changed:
        pairs.append(_Pair(olds[id(change.old)], news[id(change.new)]))
    added = {id(post) for post in result.added}
    removed = {id(post) for post in result.removed}
    changed = {id(c.new) for c in result.changed}
    left_old = [i for i, post in enumerate(old) if id(post) not in removed]
    left_old = [i for i in left_old if all(p.old_index != i for p in pairs)]
    left_new = [j for j, post in enumerate(new) if id(post) not in added | changed]
    # The unchanged pairs: equal posts, paired in order (diff reports only
    # their number).
    for j in left_new:
        i = next(i for i in left_old if old[i] == new[j])
        left_old.remove(i)
        pairs.append(_Pair(i, j))
    return pairs


class TestPlace:
    def test_each_present_post_has_its_place_on_the_last_page(self) -> None:
        one, two, three = Post(title="One"), Post(title="Two"), Post(title="Three")
        archive = merged(([one, two], T1), ([three, two], T2))
        places = {e.post.title: (e.place, e.gone_since) for e in archive.entries}
        assert places == {"One": (None, T2), "Two": (1, None), "Three": (0, None)}
        back = archive.merge([one], seen_at=T3, allow_all_gone=True)
        assert [(e.post.title, e.place) for e in back.entries] == [
            ("Three", None),
            ("One", 0),
            ("Two", None),
        ]

    def test_two_versions_in_a_row_are_two_posts(self) -> None:
        """A version is kept only when the post changed, as merge keeps them:
        the same post twice in a row is refused, naming both versions; a
        post edited back to what it was is three versions."""
        a, b = Post(title="A"), Post(title="A", excerpt="Edited.")
        again = [Version(post=a, seen_at=T1), Version(post=a, seen_at=T2)]
        with pytest.raises(ValueError, match="are the same post") as info:
            ArchivedPost(id="x", first_seen=T1, last_seen=T2, versions=again)
        assert str(info.value) == (
            "an archived post's versions 1 and 2 are the same post: a version "
            "is kept only when the post changed"
        )
        first = [Version(post=p, seen_at=T1) for p in (a, a, b)]
        with pytest.raises(ValueError, match="versions 1 and 2 are the same post"):
            ArchivedPost(id="x", first_seen=T1, last_seen=T2, versions=first)
        back = [Version(post=p, seen_at=T1) for p in (a, b, a)]
        entry = ArchivedPost(id="x", first_seen=T1, last_seen=T2, versions=back)
        assert [version.post for version in entry.versions] == [a, b, a]
        # A line number is not part of a post: equal posts of two lines are
        # the same post.
        lined = [Version(post=p, seen_at=T1) for p in (a, b, attrs.evolve(b, lineno=7))]
        with pytest.raises(ValueError, match="versions 2 and 3 are the same post"):
            ArchivedPost(id="x", first_seen=T1, last_seen=T2, versions=lined)

    def test_the_first_version_is_seen_when_the_post_is_first_seen(self) -> None:
        """versions[0] is the post as it was first seen: its time is
        first_seen, as merge makes it, or the value is refused."""
        version = Version(post=Post(title="A"), seen_at=T2)
        with pytest.raises(ValueError, match="first version at") as info:
            ArchivedPost(id="x", first_seen=T1, last_seen=T2, versions=[version])
        assert str(info.value) == (
            f"an archived post was first seen at {T1.isoformat()}, but its "
            f"first version at {T2.isoformat()}, not the same time"
        )
        entry = ArchivedPost(id="x", first_seen=T2, last_seen=T2, versions=[version])
        assert entry.first_seen == entry.versions[0].seen_at

    def test_the_first_versions_time_is_compared_as_an_instant(self) -> None:
        """The two 01:30 of the night New York leaves daylight saving time are
        an hour apart, and one of them is 06:30 UTC: compared as instants,
        as the archive compares every time."""
        new_york = ZoneInfo("America/New_York")
        later = datetime.datetime(2025, 11, 2, 1, 30, tzinfo=new_york, fold=1)
        version = Version(post=Post(title="A"), seen_at=later.astimezone(UTC))
        end = later + datetime.timedelta(hours=3)
        entry = ArchivedPost(
            id="x", first_seen=later, last_seen=end, versions=[version]
        )
        # (== between zones calls an ambiguous time unequal to any: PEP 495)
        assert entry.versions[0].seen_at == entry.first_seen.astimezone(UTC)
        with pytest.raises(ValueError, match="first version at"):
            ArchivedPost(
                id="x",
                first_seen=later.replace(fold=0),
                last_seen=end,
                versions=[Version(post=Post(title="A"), seen_at=later)],
            )

    def test_a_gone_post_has_no_place(self) -> None:
        """The message gives the time in ISO 8601, as every other one, and
        names no post, as the other errors of ArchivedPost do not."""
        version = Version(post=Post(title="A"), seen_at=T1)
        with pytest.raises(ValueError, match="its place is None, not 0") as info:
            ArchivedPost(
                id="x",
                first_seen=T1,
                last_seen=T1,
                gone_since=T2,
                versions=[version],
                place=0,
            )
        assert str(info.value) == (
            f"an archived post is gone since {T2.isoformat()}, so the last "
            "scrape did not show it: its place is None, not 0"
        )

    @pytest.mark.parametrize(
        ("place", "error", "message"),
        [
            (-1, ValueError, "place must be 0 or more, not -1"),
            pytest.param(
                -(10**50),
                ValueError,
                "place must be 0 or more, not -100000000000…(51 digits)",
                id="huge",
            ),
            (True, TypeError, "place must be an int, not bool"),
            (1.0, TypeError, "place must be an int, not float"),
            ("0", TypeError, "place must be an int, not str"),
        ],
    )
    def test_a_place_is_a_whole_number_from_0(
        self, place: object, error: type[Exception], message: str
    ) -> None:
        version = Version(post=Post(title="A"), seen_at=T1)
        with pytest.raises(error, match=f"^{re.escape(message)}$"):
            ArchivedPost(
                id="x",
                first_seen=T1,
                last_seen=T1,
                versions=[version],
                place=place,  # type: ignore[arg-type]
            )

    def test_posts_of_unknown_place_come_after_the_page_in_the_archives_order(
        self,
    ) -> None:
        """An archive built by hand, its places not known: the rule meets
        its posts in the archive's order, after any of known place."""
        posts = [_weekly("a"), _weekly("b"), _weekly("c")]

        def entry(post: Post, place: int | None) -> ArchivedPost:
            return ArchivedPost(
                id=post.excerpt,
                first_seen=T1,
                last_seen=T1,
                versions=[Version(post=post, seen_at=T1)],
                place=place,
            )

        built = Archive(
            entries=[entry(posts[0], None), entry(posts[1], 0), entry(posts[2], None)],
            scrapes=[T1],
        )
        # Three posts all edited: they pair in the order b, a, c.
        edited = [_weekly(x, "Other") for x in "xyz"]
        archive = built.merge(edited, seen_at=T2)
        assert [archive.id_of(post) for post in edited] == ["b", "a", "c"]

    def test_a_present_post_of_unknown_place_comes_before_the_gone_ones(
        self,
    ) -> None:
        """Present posts whose place is not known are on the last page: the
        rule meets them before the gone posts, whatever the archive's order,
        so that a scrape showing such a post unchanged pairs with it, not
        with a gone post of its date and title (which made the scrape pair
        with no present post, refused unless allowed, and the two posts
        swap histories)."""
        post = _weekly("same")

        def entry(post_id: str, *, gone: bool) -> ArchivedPost:
            return ArchivedPost(
                id=post_id,
                first_seen=T1,
                last_seen=T1 if gone else T2,
                gone_since=T2 if gone else None,
                versions=[Version(post=post, seen_at=T1)],
            )

        built = Archive(
            entries=[entry("gone", gone=True), entry("present", gone=False)],
            scrapes=[T1, T2],
        )
        archive = built.merge([post], seen_at=T3)
        assert [
            (entry.id, entry.gone_since, entry.last_seen, entry.place)
            for entry in archive.entries
        ] == [("gone", T2, T1, None), ("present", None, T3, 0)]
        assert built.merge([post], seen_at=T3, allow_all_gone=True) == archive


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=4))
def test_the_repr_of_an_archive_shows_its_counts_not_its_posts(
    posts: int, scrapes: int
) -> None:
    page = [Post(title=f"post {n}", excerpt="x" * 500) for n in range(posts)]
    start = datetime.datetime(2025, 3, 5, tzinfo=UTC)
    archive = Archive()
    for day in range(scrapes):
        archive = archive.merge(page, seen_at=start + datetime.timedelta(days=day))
    posts_said = "1 post" if posts == 1 else f"{posts} posts"
    scrapes_said = "1 scrape" if scrapes == 1 else f"{scrapes} scrapes"
    assert repr(archive) == f"<Archive: {posts_said}, {scrapes_said}>"
    assert repr(Archive()) == "<Archive: 0 posts, 0 scrapes>"
