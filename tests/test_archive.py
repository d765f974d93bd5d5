"""The archive as a pure value: merging scrapes, ids that never change, queries, feeds."""

from __future__ import annotations

import datetime
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import Archive, ArchivedPost, Listing, Post, Version
from bloglist._archive import unique_id
from bloglist._match import post_id
from history_oracle import ORACLE_EXAMPLES, History, simulate

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
    archive = Archive()
    for posts, seen_at in scrapes:
        archive = archive.merge(Listing(posts), seen_at=seen_at)
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

    def test_the_same_time_again_is_allowed(self) -> None:
        """A scrape at the time of the last one is merged (the same file added twice)."""
        once = merged((SAMPLE, T1))
        assert once.merge(SAMPLE, seen_at=T1).entries == once.entries

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
        assert list(archive.since(T2)) == [D, C]
        assert list(archive.since(T1)) == [D, C, A, B]


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

    def test_entry_of_an_unknown_post_is_a_key_error(self) -> None:
        """Asking for the id of a post the archive never saw is a KeyError."""
        with pytest.raises(KeyError, match="no archived post"):
            merged(([A], T1)).id_of(B)


class TestSeenAt:
    def test_a_naive_time_is_refused(self) -> None:
        """A time with no zone is ambiguous: ValueError, with a hint."""
        with pytest.raises(ValueError, match="has no time zone"):
            Archive().merge(Listing([A]), seen_at=datetime.datetime(2025, 3, 5))

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

    def test_since_wants_an_aware_time(self) -> None:
        """since() follows the same rule as merge."""
        with pytest.raises(ValueError, match="no time zone"):
            merged(([A], T1)).since(datetime.datetime(2025, 1, 1))


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
        with pytest.raises(ValueError, match="gone_since must be a timezone-aware"):
            ArchivedPost(
                id="x",
                first_seen=T1,
                last_seen=T1,
                gone_since=datetime.datetime(2025, 1, 1),
                versions=[Version(post=A, seen_at=T1)],
            )

    def test_ids_are_unique_and_entries_are_entries(self) -> None:
        """An archive refuses two entries with one id, and things that are not entries."""
        entry = merged(([A], T1)).entries[0]
        with pytest.raises(ValueError, match="two archived posts have the id"):
            Archive(entries=[entry, entry])
        with pytest.raises(TypeError, match="ArchivedPost objects, not Post"):
            Archive(entries=[A])  # type: ignore[list-item]

    def test_scrapes_are_in_order(self) -> None:
        """An archive's scrape times go oldest first."""
        with pytest.raises(ValueError, match="earlier than"):
            Archive(scrapes=[T2, T1])

    def test_a_scrape_must_hold_posts(self) -> None:
        """merge checks its posts as every function of the package does."""
        with pytest.raises(TypeError, match=r"posts\[1\] is a str"):
            Archive().merge([A, "B"], seen_at=T1)  # type: ignore[list-item]


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

    def test_an_undated_entry_is_updated_when_it_changes(self) -> None:
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

    def test_a_query_of_the_archive_makes_a_smaller_feed(self) -> None:
        """to_atom takes some of the archive's posts, such as what is new."""
        archive = merged(([A], T1), ([D, A], T2))
        feed = _feedparser().parse(
            archive.to_atom(archive.since(T2), title="New", feed_id="urn:x:new")
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


def expected_entries(history: History) -> dict[str, tuple[object, ...]]:
    """The truth of the simulation, keyed by the id the archive must give each post.

    For each true post: (first_seen, last_seen, gone_since, versions), where
    the versions are the consecutive distinct forms the scrapes showed.
    """
    times = [scrape.seen_at for scrape in history.scrapes]
    seen: dict[int, dict[str, Any]] = {}
    for scrape in history.scrapes:
        for tid, post in scrape.posts:
            record = seen.setdefault(
                tid,
                {
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
        first_post = record["versions"][0].post
        truth[post_id(first_post)] = (
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
            archive = archive.merge(Listing(scrape.listing), seen_at=scrape.seen_at)
            assert archive.present() == Listing(
                p for p in archive.listing if p in set(scrape.listing)
            )
        assert actual_entries(archive) == expected_entries(history)
        assert archive.scrapes == tuple(s.seen_at for s in history.scrapes)
