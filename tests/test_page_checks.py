"""The pages a listing was stitched from, checked by ``Archive.merge`` and
``ArchiveFile.add`` without ``allow_all_gone``: a page that stands in place of
posts it does not show is a ``PageError``, whose page and reason a program
reads (the command names the page's file from them)."""

from __future__ import annotations

import datetime
import itertools
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import bloglist
from bloglist import Archive, Diagnostic, Listing, PageError, Post, stitch
from bloglist._stitch import page_index

DAY = datetime.datetime(2025, 3, 10, 6, tzinfo=datetime.UTC)
LATER = DAY + datetime.timedelta(days=1)
PINNED = Post(title="Welcome", sticky=True)


def story(n: int) -> Post:
    """Post number *n*: a later number is a newer post, a day later."""
    return Post(
        title=f"Story {n}",
        date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        excerpt=f"Excerpt {n}.",
    )


def older(n: int) -> Post:
    """A post of story *n*'s day that no story pairs with."""
    return attrs.evolve(story(n), title=f"An old post found again, {n}")


def stories(*numbers: int) -> list[Post]:
    return [story(n) for n in numbers]


def merged(archive: Archive, pages: list[list[Post]]) -> Archive:
    return archive.merge(stitch(pages), seen_at=LATER, pages=pages)


def refused(archive: Archive, pages: list[list[Post]]) -> tuple[int, str, int]:
    with pytest.raises(PageError) as info:
        merged(archive, pages)
    return info.value.page, info.value.reason, info.value.count


SHOWN = Archive().merge(stories(9, 8, 7, 6, 5, 4), seen_at=DAY)


class TestRefused:
    def test_an_empty_page_before_a_page_that_adds_posts(self) -> None:
        assert refused(SHOWN, [stories(9, 8, 7), [], stories(3)]) == (1, "empty", 0)

    def test_a_page_of_sticky_posts_alone_before_one_that_adds(self) -> None:
        pages = [[PINNED, *stories(9, 8, 7)], [PINNED], stories(3)]
        assert refused(SHOWN, pages) == (1, "sticky", 0)

    def test_a_page_that_repeats_the_one_before(self) -> None:
        """A server that ignores the page number serves page 1 again."""
        pages = [stories(9, 8, 7), stories(9, 8, 7), stories(3)]
        assert refused(SHOWN, pages) == (1, "repeat", 0)

    def test_a_full_repeat_past_the_last_page_that_adds(self) -> None:
        pages = [stories(9, 8, 7), stories(6, 5, 4), stories(6, 5, 4)]
        assert refused(SHOWN, pages) == (2, "repeat", 0)

    def test_a_challenge_page_in_place_of_shown_posts(self) -> None:
        """Page 2 shows none of the four posts the last scrape showed after
        page 1's: they would count as gone."""
        challenge = [Post(title="Just a moment...")]
        assert refused(SHOWN, [stories(10, 9, 8), challenge]) == (1, "displaced", 4)

    def test_the_file_refuses_what_merge_refuses_and_keeps_what_it_held(
        self, tmp_path: Path
    ) -> None:
        store = bloglist.open_archive(tmp_path / "blog.db")
        store.add(stories(9, 8, 7, 6, 5, 4), seen_at=DAY)
        before = store.load()
        for pages in (
            [stories(9, 8, 7), [], stories(3)],
            [stories(10, 9, 8), [Post(title="Just a moment...")]],
        ):
            expected = refused(before, pages)
            with pytest.raises(PageError) as info:
                store.add(stitch(pages), seen_at=LATER, pages=pages)
            got = info.value
            assert (got.page, got.reason, got.count) == expected
            assert store.load() == before and len(store.scrapes()) == 1

    def test_the_last_page_stands_in_its_own_order_not_the_archive_s(
        self, tmp_path: Path
    ) -> None:
        """The last scrape showed the posts in the other order from the
        archive's (oldest first): page 2, a challenge page between the
        newest and the oldest, stands where that page showed 3 and 2, and is
        refused, by merge and by the file alike. Taken in the archive's
        order, page 2 would stand where no post was, and 3 and 2 would
        count as gone."""
        first = stories(1, 2, 3, 4)
        last = list(reversed(first))
        archive = Archive().merge(first, seen_at=DAY - datetime.timedelta(days=1))
        archive = archive.merge(last, seen_at=DAY)
        assert [post.title for post in archive.present()] != [p.title for p in last]
        pages = [stories(4), [Post(title="Just a moment...")], stories(1)]
        assert refused(archive, pages) == (1, "displaced", 2)
        store = bloglist.open_archive(tmp_path / "blog.db")
        store.add(first, seen_at=DAY - datetime.timedelta(days=1))
        store.add(last, seen_at=DAY)
        with pytest.raises(PageError) as info:
            store.add(stitch(pages), seen_at=LATER, pages=pages)
        assert (info.value.page, info.value.reason, info.value.count) == (
            1,
            "displaced",
            2,
        )

    def test_a_new_archive_refuses_an_empty_page_inside_the_index(self) -> None:
        """Whatever the archive holds: the posts of that page would never
        be seen."""
        assert refused(Archive(), [stories(9), [], stories(3)]) == (1, "empty", 0)

    def test_the_listing_may_be_a_list_of_the_stitched_posts(self) -> None:
        """Its diagnostics unknown, the pages are still checked."""
        pages = [stories(9, 8, 7), [], stories(3)]
        with pytest.raises(PageError):
            SHOWN.merge(list(stitch(pages)), seen_at=LATER, pages=pages)


class TestAdded:
    @pytest.mark.parametrize(
        "pages",
        [
            # The end of the index: an empty page, pinned posts alone, or
            # fewer posts than the page before, pushed down.
            [stories(10, 9, 8), stories(7, 6, 5), stories(5, 4)],
            [stories(9, 8, 7), stories(6, 5, 4), []],
            [[PINNED, *stories(9, 8, 7)], [PINNED, *stories(6, 5, 4)], [PINNED]],
            # More new posts than a page holds: nothing of the last scrape
            # comes before them.
            [stories(14, 13, 12), stories(11, 10, 9)],
        ],
        ids=["pushed-down-end", "empty-end", "sticky-end", "all-new-first-page"],
    )
    def test_pages_that_stand_for_no_post_are_merged(
        self, pages: list[list[Post]]
    ) -> None:
        after = merged(SHOWN, pages)
        assert after == SHOWN.merge(stitch(pages), seen_at=LATER)

    def test_with_allow_all_gone_the_pages_are_not_checked(self) -> None:
        pages = [stories(9, 8, 7), [], stories(3)]
        after = SHOWN.merge(
            stitch(pages), seen_at=LATER, allow_all_gone=True, pages=pages
        )
        assert sorted(p.title for p in after.present()) == [
            "Story 3",
            "Story 7",
            "Story 8",
            "Story 9",
        ]


class TestPostsPublishedAndDeleted:
    """A page of posts all newer than the posts it stands in place of is
    new posts published since, in place of posts deleted: merged. (A review
    found a blog that deleted its newest post and published a page's worth
    refused night after night, as no refused scrape moves the last one on.)"""

    def test_a_page_of_new_posts_where_the_newest_was_deleted(
        self, tmp_path: Path
    ) -> None:
        archive = Archive().merge(stories(5, 4, 3, 2, 1), seen_at=DAY)
        pages = [stories(8, 7), stories(4, 3), stories(2, 1)]  # 5 deleted
        after = merged(archive, pages)
        assert sorted(p.title for p in after.present()) == sorted(
            p.title for p in stitch(pages)
        )
        store = bloglist.open_archive(tmp_path / "blog.db")
        store.add(stories(5, 4, 3, 2, 1), seen_at=DAY)
        store.add(stitch(pages), seen_at=LATER, pages=pages)
        assert len(store.scrapes()) == 2

    def test_the_page_s_oldest_post_counts_wherever_it_stands(self) -> None:
        """A page that stands in place of posts of the last scrape, all of
        them gone from it, is merged only if none of its posts is older than
        the newest of those: its oldest post counts, first on the page or
        last (a check of its last post only let a page through whose oldest
        post came first)."""
        archive = Archive().merge(stories(9, 8, 5, 4, 2), seen_at=DAY)
        for page in ([story(1), story(7)], [story(7), story(1)]):
            pages = [stories(9, 8), page, stories(2)]
            assert refused(archive, pages)[1] == "displaced"
        assert merged(archive, [stories(9, 8), stories(7, 6), stories(2)])

    def test_new_posts_of_the_day_of_the_newest_it_stands_for(self) -> None:
        """Posts of the same day as the newest post the page stands in place
        of are not older than it: merged; a day older, refused."""
        archive = Archive().merge(stories(9, 8, 7, 6), seen_at=DAY)
        again = attrs.evolve(older(8), title="Another post of that day")
        pages = [stories(10, 9), [older(8), again]]
        assert sorted(p.title for p in merged(archive, pages).gone()) == [
            "Story 6",
            "Story 7",
            "Story 8",
        ]
        pages[1] = [older(8), older(7)]
        assert refused(archive, pages) == (1, "displaced", 3)

    def test_the_only_post_of_a_page_rewritten(self) -> None:
        """Too changed to pair as an edit: a new post in the old one's place,
        of its date."""
        archive = Archive().merge([story(3), story(2), story(1)], seen_at=DAY)
        rewritten = attrs.evolve(story(1), title="Something else entirely")
        pages = [[story(3), story(2)], [rewritten]]
        assert len(merged(archive, pages).gone()) == 1

    def test_posts_published_around_a_post_that_stays(self) -> None:
        """The window of posts each page stands for moves on, page by page;
        two posts of one date stand for it together."""
        last = stories(6, 5, 5, 4, 3, 2, 1)
        archive = Archive().merge(last, seen_at=DAY)
        pages = [stories(9), [last[3]], stories(8), [last[6]]]
        merged(archive, pages)
        pages[2] = [older(2)]  # older than a post it stands for, 3
        assert refused(archive, pages) == (2, "displaced", 2)

    @pytest.mark.parametrize(
        "page",
        [
            [Post(title="Just a moment...")],  # undated: a challenge page
            [story(9), Post(title="Just a moment...")],
            [older(4)],  # older than the newest it stands for, 5
        ],
        ids=["undated", "partly-undated", "older"],
    )
    def test_a_page_that_is_not_newer_still_stands_in(self, page: list[Post]) -> None:
        archive = Archive().merge(stories(5, 4, 3, 2, 1), seen_at=DAY)
        pages = [page, stories(3, 2), stories(1)]
        assert refused(archive, pages)[:2] == (0, "displaced")

    def test_an_undated_post_it_stands_for_tells_nothing(self) -> None:
        """A challenge page archived before (it stood for new posts alone)
        is no post the next page of new posts stands in place of."""
        archive = Archive().merge(
            [Post(title="Just a moment..."), *stories(3, 2, 1)], seen_at=DAY
        )
        pages = [stories(6, 5, 4), stories(3, 2, 1)]
        assert len(merged(archive, pages).gone()) == 1


# Where the pages stand among the posts of the last scrape -------------------


def _post(title: str, day: int | None = None, *, sticky: bool = False) -> Post:
    """A post with an excerpt, dated March *day* 2025 or undated."""
    date = None if day is None else datetime.date(2025, 3, day)
    return Post(title=title, date=date, excerpt="x", sticky=sticky)


CHALLENGE = Post(title="Just a moment...")


def _archive(last: list[Post]) -> Archive:
    """An archive whose last scrape showed *last*."""
    return Archive().merge(Listing(last), seen_at=DAY)


def _taken(last: list[Post], pages: list[list[Post]]) -> bool:
    """Whether the stitched *pages*, checked, are merged after a scrape of
    *last* (a PageError fails the test)."""
    return merged(_archive(last), pages).scrapes[-1] == LATER


class TestWherePagesStand:
    def test_a_post_object_on_two_pages_counts_on_the_first(self) -> None:
        """One challenge Post object given as page 1 and again on page 2:
        page 1 stands in place of A, and is refused."""
        a, b = _post("A", 25), _post("B", 24)
        assert refused(_archive([a, b]), [[CHALLENGE], [CHALLENGE, b]]) == (
            0,
            "displaced",
            1,
        )

    def test_a_page_that_shows_a_later_post_stands_before_it(self) -> None:
        """Page 3 shows B and C: page 2, between A and B, stands in place of
        no post, and G, deleted, is not said to be hidden by it."""
        last = [_post(t, d) for t, d in (("A", 25), ("B", 24), ("G", 23), ("C", 22))]
        pages = [[last[0]], [CHALLENGE], [last[1], last[3]]]
        assert _taken(last, pages)

    def test_a_page_of_new_posts_before_the_shown_ones_hides_none(self) -> None:
        """A challenge page first, a page of a new post, then A and C: the
        first page stands before A, in place of no post."""
        last = [_post("A"), _post("B"), _post("C")]
        assert _taken(last, [[CHALLENGE], [_post("N", 28)], [last[0], last[2]]])

    def test_a_page_before_every_shown_post_is_merged(self) -> None:
        """A challenge page before a page showing every post of the last
        scrape stands in place of none of them."""
        last = [_post("A"), _post("B")]
        assert _taken(last, [[CHALLENGE], [_post("A"), _post("B")]])

    def test_pages_between_two_shown_posts_stand_for_what_is_between(self) -> None:
        """Pages 2 and 3 between A and B stand in place of nothing; G, the
        post before A, was deleted or pushed off the front."""
        last = [_post("G", 26), _post("A", 25), _post("B", 24)]
        pages = [[last[1]], [_post("X")], [_post("Y")], [last[2]]]
        assert _taken(last, pages)

    def test_the_pages_before_stand_after_the_latest_post_any_of_them_shows(
        self,
    ) -> None:
        """Pages given out of the last scrape's order (D's page before A's):
        a challenge page after them stands after D, the post furthest down
        the last scrape that any page before it shows, not after A, that of
        the page just before it (which would put it in place of B, C and X);
        so it stands in place of no post, and the merge goes through."""
        last = [_post(t, d) for t, d in zip("ABCXDE", (10, 9, 8, 7, 6, 5), strict=True)]
        assert _taken(last, [[last[4]], [last[0]], [CHALLENGE], [last[5]]])

    def test_a_page_stands_after_the_latest_post_it_shows(self) -> None:
        """A page that shows D above A (not in the last scrape's order): the
        challenge page after it stands after D, the further down the last
        scrape of the two, not after A, its last post; and is merged."""
        last = [_post(t, d) for t, d in zip("ABCXDE", (10, 9, 8, 7, 6, 5), strict=True)]
        assert _taken(last, [[last[4], last[0]], [CHALLENGE], [last[5]]])


# Three scrapes a day apart.
T1 = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)


class TestPagesPastTheLastScrape:
    def test_a_page_past_the_last_scrapes_end_stands_for_no_post_gone_before(
        self,
    ) -> None:
        """The posts the pages are checked against are those the last scrape
        showed: posts gone before it are none, and a new page past its end
        (undated posts) is added, not refused as standing for them."""
        a, b, c, d = (Post(title=t) for t in ("A", "B", "C", "D"))
        archive = Archive().merge([a, b, c, d], seen_at=T1).merge([a, b], seen_at=T2)
        pages = [[a, b], [Post(title="E"), Post(title="F")]]
        later = archive.merge(stitch(pages), seen_at=T3, pages=pages)
        assert [post.title for post in later.present()] == ["E", "F", "A", "B"]
        assert [post.title for post in later.gone()] == ["C", "D"]

    def test_a_last_page_that_repeats_page_1_is_refused_by_its_overlap(self) -> None:
        """A last page with fewer posts than the page before is let be as the
        end of the index pushed down, unless stitch said its posts are out of
        place: page 1 again (a server that ignores the page number) is
        refused as a repeat, which stands for the posts past page 2."""
        posts = [
            Post(title=t, date=datetime.date(2025, 3, 20 - i))
            for i, t in enumerate("ABCDEFGH")
        ]
        archive = Archive().merge(posts, seen_at=T1)
        pages = [posts[:4], posts[4:], posts[:2]]
        listing = stitch(pages)
        assert {d.code for d in listing.diagnostics} == {"page-overlap"}
        with pytest.raises(bloglist.PageError) as info:
            archive.merge(listing, seen_at=T2, pages=pages)
        assert (info.value.page, info.value.reason) == (2, "repeat")


class TestAPinnedPostThatPairs:
    """A pinned post pairs with the archived one wherever it is shown, so
    the all-gone check passes any scrape that shows it; it must not let a page
    that stands in for posts through. (An adversarial review found a
    challenge page added, and the posts of page 2 marked gone, on any blog
    whose pinned post was the only one of the last scrape shown again.)"""

    def test_a_challenge_page_after_a_page_of_the_pin_and_new_posts(self) -> None:
        archive = Archive().merge([PINNED, *stories(3, 2)], seen_at=DAY)
        pages = [[PINNED, *stories(5, 4)], [Post(title="Just a moment...")]]
        assert refused(archive, pages) == (1, "displaced", 2)

    def test_a_challenge_page_one_with_the_pin_on_page_two(self) -> None:
        archive = Archive().merge([PINNED, story(3)], seen_at=DAY)
        pages = [[Post(title="Just a moment...")], [PINNED]]
        assert refused(archive, pages) == (0, "displaced", 1)

    def test_new_posts_in_place_of_deleted_ones_beside_the_pin(self) -> None:
        archive = Archive().merge([PINNED, *stories(3, 2)], seen_at=DAY)
        pages = [[PINNED, *stories(5, 4)]]
        assert len(merged(archive, pages).gone()) == 2

    @pytest.mark.parametrize("count", [1, 2])
    def test_posts_pinned_since_with_nothing_gone(self, count: int) -> None:
        """Every post the last scrape showed is shown again, pinned now: the
        pages of pinned posts alone stand for nothing."""
        shown = stories(3, 2)[:count]
        archive = Archive().merge(shown, seen_at=DAY)
        pages = [[attrs.evolve(post, sticky=True) for post in shown]]
        after = merged(archive, pages)
        assert after.gone() == Listing() and all(p.sticky for p in after.present())


class TestPostObjectsSharedByPages:
    """A post is kept from the first page that shows it: pages that share
    post objects (a parse cached by text, a download cached by address)
    are checked as pages read again would be."""

    def test_page_one_served_again_as_page_three(self) -> None:
        one, two = stories(9, 8, 7), stories(6, 5, 4)
        pages = [one, two, one]
        assert refused(SHOWN, pages) == (2, "repeat", 0)

    def test_page_one_served_again_as_page_two(self) -> None:
        one = stories(9, 8, 7)
        assert refused(SHOWN, [one, one, stories(3)]) == (1, "repeat", 0)


class TestPinnedPostsAlone:
    def test_a_scrape_of_pinned_posts_alone_is_one_listing(self) -> None:
        """No page adds a post but pinned ones, and the last scrape showed no
        other: the all-gone check decides, as without pages (a review found such
        a scrape refused even into an empty archive)."""
        pages = [[PINNED]]
        first = Archive().merge(stitch(pages), seen_at=DAY, pages=pages)
        assert list(first.present()) == [PINNED]
        # Again, the last scrape showing the pinned post alone.
        again = first.merge(stitch(pages), seen_at=LATER, pages=pages)
        assert again.scrapes == (DAY, LATER)

    @pytest.mark.parametrize("pages", [[[]], [[], []]])
    def test_pages_all_empty_are_an_empty_download(
        self, pages: list[list[Post]]
    ) -> None:
        assert refused(Archive(), pages) == (0, "empty", 0)

    def test_no_pages_at_all_is_an_empty_listing(self) -> None:
        merged = Archive().merge([], seen_at=DAY, pages=[])
        assert merged.scrapes == (DAY,) and merged.entries == ()
        with pytest.raises(bloglist.AllGoneError):
            SHOWN.merge([], seen_at=LATER, pages=[])

    @pytest.mark.parametrize(
        ("pages", "expected"),
        [
            ([[], [PINNED]], (0, "empty", 0)),  # page 1 failed to download
            ([[PINNED], []], (0, "sticky", 0)),
            ([[PINNED], [PINNED]], (0, "sticky", 0)),
        ],
        ids=["empty-then-pinned", "pinned-then-empty", "pinned-twice"],
    )
    def test_pinned_posts_alone_do_not_stand_for_the_posts_shown_last(
        self, pages: list[list[Post]], expected: tuple[int, str, int]
    ) -> None:
        """Where the last scrape showed other posts, pages of the pinned post
        alone (which pairs with the archived one, so the all-gone check would
        pass them) stand for those posts: refused, and in the file too. (A
        review found an empty page 1 with the pinned post on page 2 marking
        every post gone.)"""
        archive = Archive().merge([PINNED, *stories(3, 2, 1)], seen_at=DAY)
        assert refused(archive, pages) == expected
        with tempfile.TemporaryDirectory() as directory:
            store = bloglist.open_archive(Path(directory) / "blog.db")
            store.add([PINNED, *stories(3, 2, 1)], seen_at=DAY)
            with pytest.raises(PageError) as info:
                store.add(stitch(pages), seen_at=LATER, pages=pages)
            got = info.value
            assert (got.page, got.reason, got.count) == expected
            assert len(store.scrapes()) == 1

    def test_an_empty_page_one_into_a_new_archive_is_refused(self) -> None:
        assert refused(Archive(), [[], [PINNED]]) == (0, "empty", 0)

    def test_pinned_posts_alone_after_a_post_was_pinned_are_one_listing(self) -> None:
        """The last scrape showed the pinned post among as many others (its
        blog pins posts), and the one other post has been pinned since: the
        pages of the two pinned posts alone stand for no post, and are one
        listing of them, as without pages."""
        (story,) = stories(3)
        archive = Archive().merge([PINNED, story], seen_at=DAY)
        pinned = attrs.evolve(story, sticky=True)
        found = merged(archive, [[PINNED], [pinned]])
        assert list(found.present()) == [PINNED, pinned]
        # The same pages, as pages of a blog that marks every post sticky
        # (a last scrape of sticky posts alone): page 2 adds the post.
        last = Archive().merge([PINNED, pinned], seen_at=DAY)
        assert list(merged(last, [[PINNED], [pinned]]).present()) == [PINNED, pinned]


class TestPinnedPostsOnPages:
    def test_a_scrape_of_pinned_posts_alone_shown_again_is_merged(self) -> None:
        """The last scrape held two pinned posts only; one page showing one
        of them stands in place of no post that is not pinned."""
        welcome, rules = _post("Welcome", sticky=True), _post("Rules", sticky=True)
        assert _taken([welcome, rules], [[welcome]])

    def test_a_post_pinned_in_the_last_scrape_places_no_page(self) -> None:
        """A post pinned in the last scrape and shown unpinned on page 3
        does not mark where page 2 stands: page 2, a challenge page, stands
        in place of C and D, and is refused."""
        last = [_post("P", 20, sticky=True), *map(_post, "ABCD", (25, 24, 23, 22))]
        pages = [[last[1], last[2]], [CHALLENGE], [_post("P", 20)]]
        assert refused(_archive(last), pages) == (1, "displaced", 2)

    def test_a_pinned_post_no_page_shows_is_no_post_a_page_stands_for(self) -> None:
        """A challenge page before A and B, where the last scrape showed a
        pinned post first: the pinned post is no post that page 1 hides."""
        last = [_post("Pinned", sticky=True), _post("A"), _post("B")]
        assert _taken(last, [[CHALLENGE], [_post("A"), _post("B")]])

    def test_a_pinned_post_dates_no_window(self) -> None:
        """A page of a post newer than the posts it stands for, as posts
        published since: the pinned post of the last scrape, the newest,
        does not make it stand for older ones."""
        last = [_post("S", 30, sticky=True), _post("G", 10), _post("B", 5)]
        assert _taken(last, [[_post("N", 20)], [_post("B", 5)]])


class TestErrorsInOrder:
    def test_a_time_before_the_last_scrape_is_named_first_by_both(
        self, tmp_path: Path
    ) -> None:
        """The file checks the pages inside its transaction, after the time,
        as merge does: the same error for the same input, a ScrapeOrderError
        naming both times."""
        pages = [stories(9, 8, 7), [], stories(3)]
        early = DAY - datetime.timedelta(days=1)
        with pytest.raises(ValueError, match="earlier than") as pure:
            SHOWN.merge(stitch(pages), seen_at=early, pages=pages)
        store = bloglist.open_archive(tmp_path / "blog.db")
        store.add(stories(9, 8, 7, 6, 5, 4), seen_at=DAY)
        with pytest.raises(ValueError, match="earlier than") as file:
            store.add(stitch(pages), seen_at=early, pages=pages)
        assert type(pure.value) is type(file.value) is bloglist.ScrapeOrderError
        assert str(pure.value) == str(file.value)
        for error in (pure.value, file.value):
            assert isinstance(error, bloglist.ScrapeOrderError)
            assert (error.seen_at, error.last) == (early, DAY)


class TestBadPages:
    """What is not the pages of the listing is refused with allow_all_gone
    too, which leaves the pages unused but checked."""

    @pytest.mark.parametrize("allow", [False, True])
    def test_a_post_of_the_listing_on_no_page_is_a_value_error(
        self, allow: bool
    ) -> None:
        posts = stories(9, 3)
        with pytest.raises(ValueError, match=r"listing\[1\] \('Story 3'\)"):
            SHOWN.merge(posts, seen_at=LATER, allow_all_gone=allow, pages=[posts[:1]])

    @pytest.mark.parametrize("allow", [False, True])
    def test_a_post_of_a_page_the_listing_lacks_is_a_value_error(
        self, allow: bool
    ) -> None:
        """A listing filtered after stitching would make the posts it left
        out count as gone: refused, naming the first of them."""
        pages = [stories(9, 8, 7), stories(7, 6, 5), stories(4)]
        listing = stitch(pages).filter(lambda post: post.title != "Story 5")
        with pytest.raises(
            ValueError,
            match=r"^pages\[1\]\[2\] \('Story 5'\) is missing from the listing, "
            r"and would count as gone: give the listing stitch made of the "
            r"pages, as merge\(stitch\(pages\), \.\.\., pages=pages\)$",
        ):
            SHOWN.merge(listing, seen_at=LATER, allow_all_gone=allow, pages=pages)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda posts: posts[::-1], r"^listing\[0\] \('Story 5'\) is not where stitch puts it: give "),
            (lambda posts: [*posts, posts[1]], r"^listing\[5\] \('Story 8'\) is in it more times than stitch keeps it: give "),
            (lambda posts: [posts[0], *posts], r"^listing\[1\] \('Story 9'\) is in it more times than stitch keeps it: give "),
            (lambda posts: [*posts[:4], posts[2]], r"^pages\[2\]\[0\] \('Story 5'\)"),
        ],
    )  # fmt: skip
    def test_a_listing_in_another_order_or_with_a_post_twice_is_a_value_error(
        self, change: Callable[[list[Post]], list[Post]], message: str
    ) -> None:
        pages = [stories(9, 8, 7), stories(7, 6), stories(5)]
        with pytest.raises(ValueError, match=message):
            SHOWN.merge(change(list(stitch(pages))), seen_at=LATER, pages=pages)

    def test_exactly_the_listing_stitch_makes_is_taken(self) -> None:
        """Against an oracle: of every listing made of the pages' posts
        (up to five posts long), the one stitch made, and
        no other, is taken. The pages overlap (a post pushed down), repeat
        a pinned post and show a post twice."""
        pages = [[PINNED, story(9)], [PINNED, story(9), story(8)], [story(7)] * 2]
        made = list(stitch(pages))
        objects = [post for page in pages for post in page]
        unique = list({id(post): post for post in objects}.values())
        taken = []
        for size in range(6):
            for listing in itertools.product(unique, repeat=size):
                try:
                    Archive().merge(
                        list(listing), seen_at=LATER, allow_all_gone=True, pages=pages
                    )
                except ValueError:
                    continue
                taken.append(list(map(id, listing)))
        assert taken == [list(map(id, made))]
        assert [post.title for post in made] == [
            "Welcome", "Story 9", "Story 8", "Story 7", "Story 7"
        ]  # fmt: skip

    def test_the_file_refuses_a_listing_that_is_not_stitched_untouched(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "blog.db"
        pages = [stories(9, 8, 7), stories(6, 5)]
        with pytest.raises(ValueError, match="is missing from the listing"):
            bloglist.ArchiveFile(path).add(
                stitch(pages)[:4], seen_at=LATER, pages=pages
            )
        assert not path.exists()

    @pytest.mark.parametrize(
        ("pages", "message"),
        [
            ("page text", r"^pages must be an iterable of pages, not str$"),
            (7, r"^pages must be an iterable of pages, not int$"),
            (["page text"], r"^pages\[0\] is str, not a page"),
            ([story(1)], r"^pages\[0\] is a Post, not a page"),
            ([[story(1)], [3]], r"^pages\[1\]"),
        ],
    )
    @pytest.mark.parametrize("allow", [False, True])
    def test_what_is_not_pages_is_a_type_error(
        self, pages: object, message: str, allow: bool
    ) -> None:
        with pytest.raises(TypeError, match=message):
            SHOWN.merge(
                [],
                seen_at=LATER,
                allow_all_gone=allow,
                pages=pages,  # type: ignore[arg-type]
            )

    @pytest.mark.parametrize("allow", [False, True])
    def test_the_file_checks_the_pages_before_it_is_touched(
        self, tmp_path: Path, allow: bool
    ) -> None:
        path = tmp_path / "blog.db"
        with pytest.raises(TypeError, match="pages must be"):
            bloglist.ArchiveFile(path).add(
                [],
                seen_at=LATER,
                allow_all_gone=allow,
                pages="x",  # type: ignore[arg-type]
            )
        assert not path.exists()


_PLACE = "the posts of its place would count as gone, or never be seen"


class TestPageError:
    @pytest.mark.parametrize(
        ("error", "message"),
        [
            (PageError(0, "empty"), f"page 1 has no posts; {_PLACE}"),
            (PageError(1, "sticky"), f"page 2 has only sticky posts; {_PLACE}"),
            (
                PageError(2, "repeat"),
                f"page 3 adds no post the pages before it lack; {_PLACE}",
            ),
            (
                PageError(1, "displaced", 4),
                "page 2 shows none of the 4 posts the archive's last scrape "
                "showed in its place; they would count as gone",
            ),
            (
                PageError(1, "displaced", 1),
                "page 2 does not show the post the archive's last scrape "
                "showed in its place; it would count as gone",
            ),
        ],
    )
    def test_its_message_names_the_page_from_one(
        self, error: PageError, message: str
    ) -> None:
        assert str(error) == message
        assert isinstance(error, ValueError)
        assert type(error).__module__ == "bloglist"

    @pytest.mark.parametrize(
        ("count", "words"),
        [
            (
                1,
                "does not show the post the archive's last scrape showed in its "
                "place; nothing was added, as it would count as gone",
            ),
            (
                2,
                "shows none of the 2 posts the archive's last scrape showed in "
                "its place; nothing was added, as they would count as gone",
            ),
        ],
    )
    def test_the_command_says_it_of_the_pages_file(
        self, count: int, words: str
    ) -> None:
        from bloglist._cli_history import _refused

        said = _refused(PageError(1, "displaced", count), ["p1.txt", "p2.txt"], "", 5)
        assert str(said) == f"p2.txt (page 2) {words} (--allow-all-gone adds it)"

    def test_a_reason_it_does_not_know_is_a_value_error(self) -> None:
        with pytest.raises(ValueError, match=r"^reason must be one of 'empty', "):
            PageError(0, "lost")  # type: ignore[arg-type]

    def test_a_reason_of_another_type_is_a_type_error(self) -> None:
        """As for every argument: a wrong type is a TypeError."""
        for wrong, name in ((5, "int"), (None, "NoneType"), (b"empty", "bytes")):
            with pytest.raises(TypeError, match=f"^reason must be a str, not {name}$"):
                PageError(0, wrong)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("args", "error", "message"),
        [
            ((-1, "empty"), ValueError, r"^page must be 0 or more, not -1$"),
            ((0, "displaced"), ValueError, r"^count must be more than 0 for "),
            ((0, "empty", 2), ValueError, r"^count must be more than 0 for "),
            (("1", "empty"), TypeError, r"^page must be an int, not str$"),
            ((True, "empty"), TypeError, r"^page must be an int, not bool$"),
        ],
    )
    def test_what_no_page_check_makes_is_refused(
        self, args: tuple[object, ...], error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            PageError(*args)  # type: ignore[arg-type]

    def test_it_pickles_as_made(self) -> None:
        error = PageError(1, "displaced", 4)
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is PageError and str(again) == str(error)
        assert (again.page, again.reason, again.count) == (1, "displaced", 4)
        assert not hasattr(again, "__notes__")

    def test_its_notes_cross_to_another_process(self) -> None:
        """A note a worker adds (add_note) comes back with the error, as
        with other exceptions."""
        for error in (PageError(0, "empty"), bloglist.AllGoneError(2)):
            error.add_note("scrape 42 of blog.example")
            again = pickle.loads(pickle.dumps(error))
            assert again.__notes__ == ["scrape 42 of blog.example"]
            assert vars(again) == vars(error)


class TestAllGoneError:
    """The other refusal of a scrape: made with a count of posts present,
    which is never below one where merge and add raise it."""

    @pytest.mark.parametrize(
        ("present", "error", "message"),
        [
            (0, ValueError, r"^present must be 1 or more, not 0$"),
            (-1, ValueError, r"^present must be 1 or more, not -1$"),
            ("2", TypeError, r"^present must be an int, not str$"),
            (True, TypeError, r"^present must be an int, not bool$"),
            # A number of 51 digits is cut short, not written whole
            # (one of thousands made a message of thousands).
            pytest.param(
                -(10**50),
                ValueError,
                r"^present must be 1 or more, not -100000000000…\(51 digits\)$",
                id="huge",
            ),
        ],
    )
    def test_a_count_no_scrape_makes_is_refused(
        self, present: object, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error, match=message):
            bloglist.AllGoneError(present)  # type: ignore[arg-type]

    def test_it_pickles_as_made(self) -> None:
        error = bloglist.AllGoneError(3)
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is bloglist.AllGoneError and again.present == 3
        assert (
            str(again)
            == str(error)
            == (
                "the scrape pairs with none of the 3 posts present in the archive, "
                "which would count as gone (allow_all_gone=True adds it)"
            )
        )


class TestPageIndex:
    @pytest.mark.parametrize(
        ("message", "index"),
        [
            ("page 1: x", 0),
            ("page 12: post 'A' was ...", 11),
            ("page 2 x", None),
            ("page 2", None),  # the number, but no ": " after it
            ("pages 2: x", None),
            ("page : x", None),
            ("2: x", None),  # a number, but no word "page" before it
            ("page ٣: x", None),  # a digit, but not an ASCII one
            ("x: page 2: y", None),
        ],
    )
    def test_of_a_message(self, message: str, index: int | None) -> None:
        found = Diagnostic(
            lineno=1, colno=1, severity="warning", code="page-overlap", message=message
        )
        assert page_index(found) == index

    def test_a_page_overlap_that_names_no_page_refuses_nothing_more(self) -> None:
        """A listing built by hand with an overlap warning that names no
        page is checked as if it had none."""
        pages = [stories(10, 9, 8), stories(7, 6)]
        found = Diagnostic(
            lineno=1, colno=1, severity="warning", code="page-overlap", message="x"
        )
        listing = Listing(stitch(pages), diagnostics=[found])
        after = SHOWN.merge(listing, seen_at=LATER, pages=pages)
        assert len(after.present()) == 5


def _dated(title: str, day: int) -> Post:
    return Post(title=title, date=datetime.date(2025, 3, day))


CHALLENGE_PAGE = "Just a moment...\n\nEnable JavaScript and cookies\n"


class TestPagesAtTheEdges:
    """Shapes a third review of the page checks found no test of."""

    def test_a_page_of_new_posts_before_a_challenge_page_does_not_hide_it(
        self,
    ) -> None:
        """A page of new posts alone (it pairs with none), then a challenge
        page standing where the last scrape's first post was, then the rest:
        the challenge page is refused, its window starting at place 0."""
        a, b, c, d = (
            _dated(t, n) for t, n in zip("ABCD", (20, 19, 18, 17), strict=True)
        )
        archive = Archive().merge([a, b, c, d], seen_at=DAY)
        challenge = bloglist.loads(CHALLENGE_PAGE)
        pages = [[_dated("N1", 28), _dated("N2", 27)], challenge, [b, c, d]]
        with pytest.raises(PageError) as info:
            archive.merge(stitch(pages), seen_at=LATER, pages=pages)
        assert (info.value.page, info.value.reason, info.value.count) == (
            1,
            "displaced",
            1,
        )

    def test_a_trailing_page_repeating_the_one_before_it_is_refused(self) -> None:
        """Past the last page that adds posts, a page as long as the page
        before it (not the last page with posts) is a repeat."""
        a, b, c, d, e, f = (_dated(t, 20 - n) for n, t in enumerate("ABCDEF"))
        pages = [[a, b, c], [d, e, f], [e, f], [e, f]]
        with pytest.raises(PageError) as info:
            Archive().merge(stitch(pages), seen_at=DAY, pages=pages)
        assert (info.value.page, info.value.reason) == (3, "repeat")

    def test_a_trailing_page_with_a_warning_of_its_own_is_taken(self) -> None:
        """A trailing page's own parse warning (a tag twice) is no sign of a
        page out of place: only a page-overlap warning is."""

        def post(day: int, title: str, tags: str = "") -> str:
            return f"Mar {day}, 2025\n\n{title}\n\n{title} excerpt\n{tags}\n"

        pages = [
            bloglist.loads(post(20, "A") + "\n" + post(19, "B")),
            bloglist.loads(post(18, "C") + "\n" + post(17, "D", "TagTag")),
            bloglist.loads(post(17, "D", "TagTag")),
        ]
        assert pages[2].diagnostics[0].code == "duplicate-tag"
        merged = Archive().merge(stitch(pages), seen_at=DAY, pages=pages)
        assert [entry.post.title for entry in merged.entries] == ["A", "B", "C", "D"]

    def test_two_empty_pages_at_the_end_are_the_end_of_the_index(self) -> None:
        a, b, c, d = (
            _dated(t, n) for t, n in zip("ABCD", (20, 19, 18, 17), strict=True)
        )
        pages: list[list[Post]] = [[a, b], [c, d], [], []]
        merged = Archive().merge(stitch(pages), seen_at=DAY, pages=pages)
        assert len(merged.entries) == 4

    def test_huge_numbers_and_the_reason_are_quoted_in_its_refusals(self) -> None:
        with pytest.raises(
            ValueError, match=r"^page must be 0 or more, not -10\*\*4999 or less$"
        ):
            PageError(-(10**5000), "empty")
        with pytest.raises(ValueError, match=r"^count must be more than 0") as info:
            PageError(0, "empty", 10**60)
        assert str(info.value).endswith("not 100000000000…(61 digits) for 'empty'")


class TestABlogThatMarksEveryPost:
    """Sticky posts are pinned ones but where more of them than the fullest
    page holds, and no page shows them among others: then the blog marks
    every post sticky (as the real listing's does), and the pages are
    checked as the same pages unmarked. Found by a review of the first
    rule, a majority of sticky posts, which misread both blogs below."""

    def test_a_small_blog_with_more_pinned_posts_than_others(self) -> None:
        """Three pinned posts and two others, the pinned ones shown on
        every page: pages of a challenge page and the pinned posts alone
        stand for the other two, and pinned posts alone on page 1 too."""
        pinned = [
            _post(title, sticky=True) for title in ("Welcome", "Rules", "Roadmap")
        ]
        others = [_post("Release 1.2", 3), _post("Release 1.1", 1)]
        archive = merged(Archive(), [[*pinned, *others], pinned])
        assert refused(archive, [[CHALLENGE], pinned]) == (0, "displaced", 2)
        assert refused(archive, [pinned, []]) == (0, "sticky", 0)
        # The same pages, the others among them, are merged.
        assert merged(archive, [[*pinned, *others], pinned]).scrapes[-1] == LATER

    @pytest.mark.parametrize("sticky", [True, False])
    def test_a_challenge_page_against_the_last_post_alone(self, sticky: bool) -> None:
        """Thirty posts on page 1 and one on page 2, page 1 then a
        challenge page: the challenge page is one against one sticky post,
        and still stands for the thirty, as without the marker; the pages
        whole are merged after."""
        posts = [_post(f"Post {n}", n, sticky=sticky) for n in range(31, 0, -1)]
        first, second = posts[:30], posts[30:]
        archive = merged(Archive(), [first, second])
        assert refused(archive, [[CHALLENGE], second]) == (0, "displaced", 30)
        assert merged(archive, [first, second]).scrapes[-1] == LATER

    def test_a_last_scrape_of_sticky_posts_alone(self) -> None:
        """A scrape of page 1 alone, three sticky posts, is no more posts
        than a page holds, but pinned posts alone would place no page: the
        next pages, a challenge page in place of page 1, stand for two of
        them, as without the marker."""
        for sticky in (True, False):
            posts = [_post(f"Post {n}", n, sticky=sticky) for n in range(12, 6, -1)]
            archive = merged(Archive(), [posts[:3]])
            assert refused(archive, [[CHALLENGE], posts[2:5]]) == (0, "displaced", 2)

    def test_a_page_of_the_same_post_objects_again(self) -> None:
        """A page that repeats another's post objects (a parse cached by
        text) adds nothing, for the pages of such a blog as without the
        marker: before a page that adds posts, it is refused."""
        for sticky in (True, False):
            posts = [_post(f"Post {n}", n, sticky=sticky) for n in range(12, 0, -1)]
            archive = merged(Archive(), [posts[:4], posts[4:8], posts[8:]])
            page = posts[:4]
            assert refused(archive, [page, page, posts[8:]]) == (1, "repeat", 0)

    def test_pages_the_stitch_reads_otherwise_are_checked_by_their_own_warnings(
        self,
    ) -> None:
        """Six posts published since a scrape of two pages of five, and the
        pages back with page 1 and page 3 challenge pages: the pages alone
        hold no more sticky posts than a page, and stitch reads them as
        pinned, with no warning; the checks, told by the last scrape, read
        them unmarked, and take the warning that places page 3 from the
        pages read so. Page 3 is refused, as without the marker (a second
        review found it added, the posts of its place gone)."""
        challenge = list(bloglist.loads(CHALLENGE_PAGE))
        for sticky in (True, False):
            posts = [_post(f"Post {n}", n, sticky=sticky) for n in range(11, 0, -1)]
            archive = merged(Archive(), [posts[1:6], posts[6:]])  # 10 to 6, 5 to 1
            pages = [challenge, posts[:5], list(bloglist.loads(CHALLENGE_PAGE))]
            assert refused(archive, pages) == (2, "repeat", 0)
