"""bloglist.stitch: the pages of a paged index joined into one listing.

The property tests fetch the pages of the simulated blog of
``tests/history_oracle.py`` while posts are being published, and check that
the stitched listing is the blog as it stood when page 1 was fetched.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from itertools import pairwise

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import Diagnostic, Listing, Post, stitch
from bloglist._errors import quote
from bloglist._match import normalize_title
from history_oracle import ORACLE_EXAMPLES, simulate

D = datetime.date


def P(
    title: str, day: int = 1, *, sticky: bool = False, lineno: int | None = None
) -> Post:
    return Post(title=title, date=D(2025, 3, day), sticky=sticky, lineno=lineno)


def titles(listing: Listing) -> list[str]:
    return [post.title for post in listing]


PINNED = P("Welcome", 1, sticky=True)


def all_marked(pages: list[list[Post]]) -> bool:
    """The oracle of a blog that marks every post sticky: no page shows a
    sticky post among others, and there are more sticky posts (each once)
    than the fullest page holds, too many to be pinned."""
    kinds = [{post.sticky for post in page} for page in pages]
    sticky = {
        (p.date, p.title, p.excerpt, p.tags) for page in pages for p in page if p.sticky
    }
    return all(len(kind) < 2 for kind in kinds) and len(sticky) > max(
        map(len, pages), default=0
    )


class TestJoining:
    def test_pages_without_repeats_are_concatenated(self) -> None:
        """Pages that share nothing follow one another."""
        found = stitch([[P("E", 5), P("D", 4)], [P("C", 3), P("B", 2)], [P("A", 1)]])
        assert titles(found) == ["E", "D", "C", "B", "A"]
        assert found.diagnostics == ()

    @pytest.mark.parametrize("pushed", [1, 2, 3])
    def test_posts_pushed_across_a_boundary_appear_once(self, pushed: int) -> None:
        """New posts push the end of page 1 onto page 2: the repeats go."""
        page1 = [P("F", 6), P("E", 5), P("D", 4)]
        page2 = [*page1[3 - pushed :], P("C", 3), P("B", 2)]
        assert titles(stitch([page1, page2])) == ["F", "E", "D", "C", "B"]

    def test_sticky_posts_on_every_page_appear_once(self) -> None:
        """A pinned post on top of each page is kept where first seen."""
        pages = [[PINNED, P("C", 3)], [PINNED, P("B", 2)], [PINNED, P("A", 1)]]
        assert titles(stitch(pages)) == ["Welcome", "C", "B", "A"]

    def test_sticky_posts_do_not_hide_the_overlap(self) -> None:
        """The overlap is found among the unpinned posts, sticky ones aside."""
        pages = [[PINNED, P("C", 3), P("B", 2)], [PINNED, P("B", 2), P("A", 1)]]
        assert titles(stitch(pages)) == ["Welcome", "C", "B", "A"]

    def test_a_title_written_another_way_is_the_same_post(self) -> None:
        """Repeats are recognised as the matching rule's step 1 would pair them."""
        pages = [
            [P("It's here", 2)],
            [P("IT\N{RIGHT SINGLE QUOTATION MARK}S  here", 2)],
        ]
        assert titles(stitch(pages)) == ["It's here"]

    def test_posts_alike_on_one_page_are_all_kept(self) -> None:
        """Two posts of one page with the same date and title are two posts."""
        found = stitch([[P("Links"), P("Links")], [P("Other")]])
        assert titles(found) == ["Links", "Links", "Other"]
        assert found.diagnostics == ()

    def test_no_pages_is_an_empty_listing(self) -> None:
        """Nothing to join gives nothing."""
        assert stitch([]) == Listing()

    def test_posts_keep_their_line_in_their_own_page(self) -> None:
        """Line numbers are not renumbered: they point into each page's text."""
        page1 = bloglist.loads("Mar 2, 2025\n\nB\n\nb")
        page2 = bloglist.loads("Mar 1, 2025\n\nA\n\na")
        found = stitch([page1, page2])
        assert [(post.title, post.lineno) for post in found] == [("B", 1), ("A", 1)]


class TestWhatItCannotResolve:
    def test_a_repeat_away_from_the_boundary_is_a_page_overlap(self) -> None:
        """A post seen before, but not at the end of the page before, is left
        out and said, with the page it was on."""
        page1 = [P("C", 3), P("B", 2)]
        page2 = [P("A", 1, lineno=1), P("C", 3, lineno=5)]
        found = stitch([page1, page2])
        assert titles(found) == ["C", "B", "A"]
        assert found.diagnostics == (
            Diagnostic(
                lineno=5,
                colno=1,
                severity="warning",
                code="page-overlap",
                message="page 2: post 'C' was on page 1, just before this one, "
                "but not among the posts that end it and start this one; left out "
                "here",
            ),
        )

    def test_an_empty_page_before_posts_is_a_page_gap(self) -> None:
        """Posts after an empty page may have lost some before them: a warning says so."""
        found = stitch([[P("B", 2)], [], [], [P("A", 1, lineno=3)]])
        assert titles(found) == ["B", "A"]
        (gap,) = found.diagnostics
        assert (gap.code, gap.severity, gap.lineno, gap.colno) == (
            "page-gap",
            "warning",
            3,
            1,
        )
        assert str(gap) == (
            "page 4: pages 2 to 3 are empty; the posts between may not have been seen "
            "(at line 3, column 1)"
        )
        assert stitch([[P("B", 2)], [], [P("A", 1)]]).diagnostics[0].message == (
            "page 3: page 2 is empty; the posts between may not have been seen"
        )

    def test_a_page_that_adds_nothing_new_is_a_page_gap(self) -> None:
        """A page that repeats the one before (a server that ignores the page
        number) or shows only a sticky post hides the posts that belonged
        there: the next page that adds posts gets a page-gap warning, never
        silence."""
        posts = [P(f"Post {n}", 28 - n, lineno=1 + 5 * (n % 4)) for n in range(12)]
        pinned = P("Welcome", 1, sticky=True)
        repeated = stitch([posts[0:4], posts[0:4], posts[8:12]])
        only_pinned = stitch([[pinned, *posts[0:4]], [pinned], [pinned, *posts[8:12]]])
        for found in (repeated, only_pinned):
            (gap,) = found.diagnostics
            assert (gap.code, gap.severity, gap.lineno) == ("page-gap", "warning", 1)
            assert gap.message == (
                "page 3: page 2 adds no post but sticky ones or posts of earlier "
                "pages; the posts between may not have been seen"
            )
        assert [p.title for p in repeated] == [
            p.title for p in posts[0:4] + posts[8:12]
        ]
        mixed = stitch([posts[0:4], [], posts[0:4], posts[8:12]])
        assert [d.message for d in mixed.diagnostics] == [
            "page 4: pages 2 to 3 add no post but sticky ones or posts of earlier "
            "pages; the posts between may not have been seen"
        ]

    def test_pages_that_each_add_posts_are_no_gap(self) -> None:
        """Overlaps of pushed-down posts, with a sticky post on every page."""
        posts = [P(f"Post {n}", 28 - n) for n in range(12)]
        pinned = P("Welcome", 1, sticky=True)
        pages = [[pinned, *posts[0:4]], [pinned, *posts[3:8]], [pinned, *posts[7:12]]]
        assert stitch(pages).diagnostics == ()

    def test_empty_pages_at_the_end_are_no_gap(self) -> None:
        """A paged index runs out: trailing empty pages say nothing."""
        assert stitch([[P("B", 2)], [P("A", 1)], [], []]).diagnostics == ()

    def test_each_pages_diagnostics_are_kept_with_its_number(self) -> None:
        """A page's own problems come through, marked with the page they are in."""
        page1 = bloglist.loads("Mar 2, 2025\n\nB\n\nb")
        page2 = bloglist.loads("sticky\nMar 5\n\nA\n\na")
        found = stitch([page1, page2])
        (problem,) = found.diagnostics
        assert problem.code == "incomplete-date"
        assert (problem.lineno, problem.colno) == (2, 1)
        assert problem.message.startswith("page 2: date 'Mar 5' has no year")

    def test_a_page_that_is_not_posts_is_refused(self) -> None:
        """A TypeError names the page and the item, never a silent skip."""
        with pytest.raises(TypeError, match=r"pages\[1\]\[1\] must be a Post, not str"):
            stitch([[P("B", 2)], [P("A"), "B"]])  # type: ignore[list-item]

    @pytest.mark.parametrize(
        ("pages", "message"),
        [
            (None, "pages must be an iterable of pages, not NoneType"),
            ([None], r"pages\[0\] must be an iterable of posts, such as a Listing"),
            ([[P("A")], 3], r"pages\[1\] must be an iterable of posts"),
            # One listing instead of a list of pages: its posts are no pages.
            (Listing([P("A")]), r"pages\[0\] is a Post, not a page: stitch\(\) takes"),
            # A page given as its text, not its posts.
            (
                ["\nA\n\nx\n"],
                r"pages\[0\] is str, not a page: a page is a Listing or a list of "
                r"posts; parse its text first with bloglist\.loads",
            ),
            (
                [[P("A")], b"\nB\n\ny\n"],
                r"pages\[1\] is bytes, not a page: .* bloglist\.loads",
            ),
            ([bytearray(b"A")], r"pages\[0\] is bytearray, not a page"),
            # The text of one page instead of a list of pages.
            ("\nA\n\nx\n", "pages must be an iterable of pages, not str"),
        ],
    )
    def test_pages_that_are_not_pages_are_refused_by_name(
        self, pages: object, message: str
    ) -> None:
        """A TypeError that says which argument is wrong, not one from inside."""
        with pytest.raises(TypeError, match=message):
            stitch(pages)  # type: ignore[arg-type]


class TestAgainstTheOracle:
    @settings(max_examples=ORACLE_EXAMPLES)
    @given(st.integers(0, 2**32))
    def test_pages_fetched_while_posts_are_published_join_into_the_listing(
        self, seed: int
    ) -> None:
        """Each scrape's pages stitch into the listing as it stood at page 1,
        silently but for twins (two posts of one date and title) on two pages,
        which stitch cannot tell from one post edited between the fetches."""
        for scrape in simulate(seed).scrapes:
            found = stitch(scrape.pages)
            assert tuple(found) == scrape.listing
            twins = Counter(
                (post.date, normalize_title(post.title)) for post in scrape.listing
            )
            for problem in found.diagnostics:
                assert problem.code == "page-same-title"
                assert any(
                    twins[post.date, normalize_title(post.title)] == 2
                    for post in found
                    if f"post {quote(post.title)} " in problem.message
                )

    @settings(max_examples=ORACLE_EXAMPLES)
    @given(st.integers(0, 2**32))
    def test_pages_that_mark_every_post_sticky_stitch_as_unmarked_ones(
        self, seed: int
    ) -> None:
        """A blog that marks every post sticky, as the real listing's does,
        pins none: its pages stitch into the posts, and the warnings, of the
        same pages with no post marked, each post the page's own object,
        sticky as given."""
        for scrape in simulate(seed).scrapes:
            plain = [
                [attrs.evolve(p, sticky=False) for p in page] for page in scrape.pages
            ]
            pages = [[attrs.evolve(p, sticky=True) for p in page] for page in plain]
            if not all_marked(pages):
                continue  # no more posts than a page: they may be pinned
            expected = stitch(plain)
            found = stitch(pages)
            assert found.diagnostics == expected.diagnostics
            assert [attrs.evolve(p, sticky=False) for p in found] == list(expected)
            given_posts = {id(p) for page in pages for p in page}
            assert all(id(p) in given_posts and p.sticky for p in found)

    def test_the_simulation_pushes_posts_across_boundaries(self) -> None:
        """The oracle is not trivially easy: its pages repeat unpinned posts."""
        repeats = 0
        for seed in range(10):
            for scrape in simulate(seed).scrapes:
                shown = sum(not post.sticky for page in scrape.pages for post in page)
                repeats += shown - sum(not post.sticky for post in scrape.listing)
        assert repeats > 0


# The edges, against plain-Python answers --------------------------------------

PAGE_POOL = [P("A", 5), P("B", 4), P("C", 3), PINNED, P("Other pin", 2, sticky=True)]
pages_of_pool = st.lists(st.sampled_from(PAGE_POOL), max_size=8)


class TestEdges:
    def test_a_sticky_post_twice_on_one_page_is_kept_twice(self) -> None:
        """Only earlier pages count, for sticky posts too: one page is the listing."""
        page = [PINNED, PINNED, P("A", 5)]
        assert list(stitch([page])) == page
        # A later page showing it again, once or twice, adds nothing.
        assert list(stitch([page, [PINNED, PINNED, P("A", 5), P("B", 4)]])) == [
            *page,
            P("B", 4),
        ]

    @given(pages_of_pool)
    def test_one_page_is_the_listing(self, page: list[Post]) -> None:
        """stitch of a single page is that page, whatever it holds, silently."""
        found = stitch([page])
        assert list(found) == page and found.diagnostics == ()

    @given(pages_of_pool, st.integers(0, 8))
    def test_a_page_again_or_its_end_adds_nothing(
        self, page: list[Post], start: int
    ) -> None:
        """A page fetched twice, or a next page that is the end of this one
        (all its posts pushed down), adds nothing and warns of nothing."""
        for second in (page, page[start:]):
            found = stitch([page, second])
            assert list(found) == page and found.diagnostics == ()

    @given(pages_of_pool, pages_of_pool)
    def test_nothing_is_lost_silently(
        self, first: list[Post], second: list[Post]
    ) -> None:
        """Each post is kept as many times as the page that shows it most
        (pages are snapshots of one listing, and one page may show two posts
        alike). Where the second page shows no post twice, every post of it
        is kept, explained by the overlap or a sticky post seen before, or
        named in a page-overlap warning. The overlap is the longest end of
        the first page that the second starts with, once the posts of the
        first page not on the second (deleted between the fetches) are
        taken out of it."""
        found = stitch([first, second])
        kept = list(found)[len(first) :]
        assert list(found)[: len(first)] == first

        def alike(posts: list[Post]) -> Counter[tuple[object, ...]]:
            return Counter((p.date, p.title, p.excerpt, p.tags) for p in posts)

        assert alike(list(found)) == alike(first) | alike(second)
        if max(alike(second).values(), default=1) > 1:
            return
        overlap = [d for d in found.diagnostics if d.code == "page-overlap"]
        # Where no page shows sticky posts among others, and there are more
        # of them than the fullest page holds, none is pinned.
        unmarked = all_marked([first, second])

        def pinned(post: Post) -> bool:
            return post.sticky and not unmarked

        plain_first = [p for p in first if not pinned(p)]
        plain_second = [p for p in second if not pinned(p)]
        left = [p for p in plain_first if p in plain_second]
        skip = max(
            (
                n
                for n in range(len(plain_second) + 1)
                if left[len(left) - n :] == plain_second[:n]
            ),
            default=0,
        )
        dropped = len(second) - len(kept)
        pinned_before = sum(
            1 for p in second if pinned(p) and p in {q for q in first if pinned(q)}
        )
        assert dropped == skip + pinned_before + len(overlap)

    @pytest.mark.parametrize("above", ["another post of the date and title", "A"])
    def test_a_page_that_shows_a_post_twice_keeps_the_second(self, above: str) -> None:
        """Page 1 ends with a "Weekly links" post, page 2 shows it twice: two
        such posts exist, one of them pushed down; one is kept, with nothing
        to say (both were left out, the first silently, when the post above
        it on page 1 had the same date and title)."""
        links = attrs.evolve(P("Weekly links"), excerpt="Links of the week.")
        first = (
            attrs.evolve(links, excerpt="Other links.")
            if above != "A"
            else attrs.evolve(P("A", 2), excerpt="a")
        )
        found = stitch([[first, links], [links, links]])
        assert list(found) == [first, links, links]
        assert found.diagnostics == ()
        # Shown twice on page 1 too: both are the posts of page 1.
        found = stitch([[first, links, links], [links, links]])
        assert list(found) == [first, links, links]
        assert found.diagnostics == ()

    @pytest.mark.parametrize(
        ("pages", "kept", "overlaps"),
        [
            # Page 1 showed X twice: two copies of page 3 are those two,
            # and the X of page 2 out of place is one of them.
            (["XXA", "XB", "XX"], "XXAB", 1),
            # Page 2 shows the X of page 1 (pushed down) and page 3 two X:
            # the most copies one page showed is two, not their sum of three,
            # nor the last page's one.
            (["XA", "BX", "XX"], "XABX", 1),
            # Page 1 shows X twice, around Z: Z deleted between the fetches,
            # both are pushed down to start page 2, and stand for its two X,
            # with nothing to say.
            (["XZX", "XXW"], "XZXW", 0),
        ],
    )
    def test_copies_over_three_pages(
        self, pages: list[str], kept: str, overlaps: int
    ) -> None:
        """Each post as many times as the page that shows it most."""

        def post(title: str) -> Post:
            return attrs.evolve(P(title), excerpt=title.lower())

        found = stitch([[post(title) for title in page] for page in pages])
        assert "".join(titles(found)) == kept
        assert [d.code for d in found.diagnostics] == ["page-overlap"] * overlaps

    def test_no_pages_and_empty_pages(self) -> None:
        """No pages, or only empty ones: an empty listing with nothing to say."""
        assert stitch([]) == stitch([[]]) == stitch([[], [], []]) == Listing()
        assert stitch(iter([])) == Listing()


class TestOverlapOfPostsShownMoreThanOnce:
    """The overlap is "the longest run of posts that ends the previous page
    and starts this one": a page that starts with the last *k* posts of the
    page before, then posts of its own, overlaps it by exactly *k* (a longer
    run would take in a post of its own), and every post of it is left out
    with nothing to say, however often a post shows on the page before."""

    def test_copies_at_the_end_of_a_page_pushed_down(self) -> None:
        # "A" published three times; two of its copies pushed down.
        n, a, b = P("N", 9), P("A", 8), P("B", 7)
        found = stitch([[n, a, a, a], [a, a, b]])
        assert titles(found) == ["N", "A", "A", "A", "B"]
        assert found.diagnostics == ()

    def test_any_end_of_a_page_of_copies_pushed_down(self) -> None:
        rng = random.Random(2026)
        alike = [P(title, 8) for title in "ABC"]
        for _ in range(400):
            page1 = [rng.choice(alike) for _ in range(rng.randint(1, 7))]
            pushed = rng.randint(0, len(page1))
            new = [P(f"New {i}", 1) for i in range(rng.randint(1, 3))]
            page2 = [*page1[len(page1) - pushed :], *new]
            found = stitch([page1, page2])
            assert list(found) == [*page1, *new], (titles(Listing(page1)), pushed)
            assert found.diagnostics == (), (titles(Listing(page1)), pushed)


class TestStickyAndGapEdges:
    def test_a_post_pinned_on_one_page_and_not_on_the_next_appears_once(
        self,
    ) -> None:
        """Each post once: a post seen pinned on page 1 and shown unpinned away
        from the boundary of page 2 is left out there, with a page-overlap warning."""
        pinned = P("Welcome", 1, sticky=True)
        unpinned = P("Welcome", 1, lineno=4)
        page1 = [pinned, P("E", 5), P("D", 4)]
        page2 = [P("C", 3), unpinned, P("B", 2)]
        found = stitch([page1, page2])
        assert titles(found) == ["Welcome", "E", "D", "C", "B"]
        assert titles(found).count("Welcome") == 1
        assert [(d.code, d.lineno) for d in found.diagnostics] == [("page-overlap", 4)]
        assert "'Welcome'" in found.diagnostics[0].message

    @pytest.mark.parametrize("at", [0, 1, 2])
    def test_a_post_pinned_between_the_fetches_appears_once_with_no_warning(
        self, at: int
    ) -> None:
        """The last post of page 1, or one before it, pinned before page 2 was
        fetched, shows at the top of page 2: it was shown, so it is left out
        there as a sticky post on every page is, with no warning, and kept
        as page 1 showed it. (It was a page-overlap warning that called the
        last post of page 1 not among the posts that end it.)"""
        page1 = [P("C", 9), P("B", 8), P("A", 7)]
        page2 = [attrs.evolve(page1[at], sticky=True), P("Z", 6), P("Y", 5)]
        found = stitch([page1, page2])
        assert titles(found) == ["C", "B", "A", "Z", "Y"]
        assert found.diagnostics == ()
        assert [post.sticky for post in found] == [False] * 5
        on_page3 = [attrs.evolve(page1[at], sticky=True), P("X", 4)]
        found = stitch([page1, page2, on_page3])
        assert titles(found)[-1] == "X" and found.diagnostics == ()

    def test_a_page_that_adds_only_a_sticky_post_is_a_page_gap(self) -> None:
        """A page whose only new post is a sticky one (its other posts were on
        the page before) adds no post but sticky ones: the next page that adds
        posts gets a page-gap warning."""
        page1 = [P("B", 9), P("A", 8)]
        page2 = [P("News", 9, sticky=True), P("B", 9), P("A", 8)]
        page3 = [P("Z", 7, lineno=7), P("Y", 6)]
        found = stitch([page1, page2, page3])
        assert titles(found) == ["B", "A", "News", "Z", "Y"]
        assert [(d.code, d.lineno) for d in found.diagnostics] == [("page-gap", 7)]
        assert found.diagnostics[0].message.startswith("page 3: page 2 adds no post")

    @pytest.mark.parametrize("between", [[], [P("Welcome", 1, sticky=True)]])
    def test_posts_pushed_down_past_an_empty_or_sticky_page_are_no_overlap(
        self, between: list[Post]
    ) -> None:
        """A page of sticky posts alone is, to the posts pushed down, an empty
        page: the posts that end the page before it and start the page after
        it are left out with the page-gap warning alone, as past an empty
        page (they had a page-overlap warning too past the sticky page)."""
        pinned = P("Welcome", 1, sticky=True)
        page1 = [pinned, P("C", 9), P("B", 8)]
        page3 = [pinned, P("B", 8, lineno=5), P("A", 7)]
        found = stitch([page1, [*between], page3])
        assert titles(found) == ["Welcome", "C", "B", "A"]
        assert [d.code for d in found.diagnostics] == ["page-gap"]
        # Out of place after it, a post of the page before it is said to be
        # on the last page with posts that are not sticky.
        page3 = [pinned, P("A", 7), P("C", 9, lineno=7)]
        found = stitch([page1, [*between], page3])
        assert [(d.code, d.lineno) for d in found.diagnostics] == [
            ("page-gap", 1),
            ("page-overlap", 7),
        ]
        assert "was on page 1, the last page before this one with posts" in (
            found.diagnostics[1].message
        )

    def test_the_overlap_names_the_page_before_though_a_later_one_pinned_it(
        self,
    ) -> None:
        """A post out of place that was on the last page with posts that are
        not sticky is said to be on it, though a page of sticky posts alone
        after it showed the post pinned (the last page it was on)."""
        a, b, c, d, e = P("A", 9), P("B", 8), P("C", 7), P("D", 6), P("E", 5)
        pinned = attrs.evolve(a, sticky=True)
        found = stitch([[a, b, c], [pinned], [], [d, attrs.evolve(a, lineno=3), e]])
        assert [d.code for d in found.diagnostics] == ["page-gap", "page-overlap"]
        assert found.diagnostics[1].message == (
            "page 4: post 'A' was on page 1, the last page before this one with "
            "posts that are not sticky, but not among the posts that end it and "
            "start this one; left out here"
        )
        # Pinned on the page just before, and on no page with other posts.
        found = stitch([[b, c], [pinned], [attrs.evolve(a, lineno=3), e]])
        assert "was sticky on page 2 and is not sticky here" in (
            found.diagnostics[-1].message
        )
        # On no page since the last with other posts: an earlier page.
        found = stitch([[a, b], [c, d], [e, attrs.evolve(a, lineno=3)]])
        assert "was on an earlier page, not just before this one" in (
            found.diagnostics[-1].message
        )
        # Pinned on a page of sticky posts alone just before, and plain on
        # an earlier page: the page just before is named.
        found = stitch([[b, a], [c], [pinned], [attrs.evolve(a, lineno=3), d]])
        assert found.diagnostics[-1].message == (
            "page 4: post 'A' was on page 3, just before this one, but not among "
            "the posts that end it and start this one; left out here"
        )
        # Pinned on the last page with other posts, and on a page of sticky
        # posts alone after it: that last page with other posts is named.
        found = stitch([[b, a], [pinned, c], [pinned], [attrs.evolve(a, lineno=3), d]])
        assert found.diagnostics[-1].message == (
            "page 4: post 'A' was on page 2, the last page before this one with "
            "posts that are not sticky, but not among the posts that end it and "
            "start this one; left out here"
        )

    def test_each_gap_says_what_its_own_pages_were(self) -> None:
        """After a gap of a repeated page, a later gap of an empty page says
        it is empty: each warning describes only the pages of its own gap."""
        found = stitch([[P("A", 9)], [P("A", 9)], [P("B", 8)], [], [P("C", 7)]])
        assert titles(found) == ["A", "B", "C"]
        assert [d.message for d in found.diagnostics] == [
            "page 3: page 2 adds no post but sticky ones or posts of earlier "
            "pages; the posts between may not have been seen",
            "page 5: page 4 is empty; the posts between may not have been seen",
        ]


# Where a post out of place was last seen, and where a gap is said ------------


def _january_2024(title: str, day: int) -> Post:
    return Post(title=title, date=datetime.date(2024, 1, day))


def test_page_overlap_skips_an_empty_page_to_find_the_one_just_before() -> None:
    """After an empty page, the page just before is the last that had posts."""
    page1 = [_january_2024("A", 20), _january_2024("X", 19), _january_2024("B", 18)]
    page3 = [_january_2024("E", 15), _january_2024("X", 19), _january_2024("F", 14)]
    found = stitch([page1, [], page3])
    assert [d.code for d in found.diagnostics] == ["page-gap", "page-overlap"]
    assert found.diagnostics[1].message == (
        "page 3: post 'X' was on page 1, the last page before this one with "
        "posts that are not sticky, but not among the posts that end it and "
        "start this one; left out here"
    )


def _post(title: str, day: int | None = None, *, sticky: bool = False) -> Post:
    """A post with an excerpt, dated March *day* 2025 or undated."""
    date = None if day is None else datetime.date(2025, 3, day)
    return Post(title=title, date=date, excerpt="x", sticky=sticky)


class TestStitchWarnings:
    def test_a_post_left_out_names_the_last_page_with_posts_not_sticky(self) -> None:
        """A post shown on page 1 not sticky, pinned on page 2 and shown
        unpinned on page 3 was last seen, as a post that is not sticky, on
        page 1: the warning names that page, not page 2, which showed only
        pinned posts."""
        pinned = _post("A", sticky=True)
        pages = [[_post("A"), _post("B")], [pinned], [_post("C"), _post("A")]]
        said = [str(found) for found in stitch(pages).diagnostics]
        assert said[-1].startswith(
            "page 3: post 'A' was on page 1, the last page before this one with "
            "posts that are not sticky, but not among the posts"
        )

    @pytest.mark.parametrize("pinned_on", [[1], [1, 2]])
    def test_a_post_sticky_before_and_not_here_is_said_to_be_so(
        self, pinned_on: list[int]
    ) -> None:
        """A post the pages before showed sticky only, then not sticky (the
        post unpinned between the fetches, or a blog that shows a pinned
        post at the top of page 1 and again in its place among the others):
        left out, each post once, with a warning that says so and names the
        last page that showed it pinned (a review found it called a post
        "not among the posts that end" page 1, as if the pages overlapped
        wrongly)."""
        pinned = _post("W", 20, sticky=True)
        pages = [
            [pinned, _post("A", 25), _post("B", 24)],
            [pinned, _post("C", 23), _post("D", 22)] if 2 in pinned_on else
            [_post("C", 23), _post("D", 22)],
            [_post("E", 21), attrs.evolve(pinned, sticky=False, lineno=2)],
        ]  # fmt: skip
        found = stitch(pages)
        assert [post.title for post in found] == ["W", *"ABCDE"]
        assert [(d.code, d.lineno) for d in found.diagnostics] == [("page-overlap", 2)]
        assert found.diagnostics[0].message == (
            f"page 3: post 'W' was sticky on page {pinned_on[-1]} and is not "
            "sticky here (unpinned since, or shown in its place as well); left "
            "out here"
        )

    def test_a_page_of_the_pinned_post_alone_is_the_one_named(self) -> None:
        """Page 2 shows nothing but the pinned post: it is still the last
        page that showed it sticky, and the warning of page 3, where it is
        not sticky, names page 2."""
        pinned = _post("S", 1, sticky=True)
        pages = [[pinned, _post("A", 20)], [pinned], [_post("S", 1), _post("B", 18)]]
        found = stitch(pages)
        assert [post.title for post in found] == ["S", "A", "B"]
        assert [d.code for d in found.diagnostics] == ["page-gap", "page-overlap"]
        assert found.diagnostics[1].message == (
            "page 3: post 'S' was sticky on page 2 and is not sticky here "
            "(unpinned since, or shown in its place as well); left out here"
        )

    def test_an_edited_post_pushed_down_warns_of_itself_alone(self) -> None:
        """X pushed down to page 2, its excerpt edited between the fetches,
        and Y after it on both pages: X is kept twice with the warning that
        says so, and Y, the same post at the boundary, is left out of page 2
        without a word (the overlap is X and Y, not Y alone)."""
        x_before = attrs.evolve(_post("X", 9), excerpt="old")
        x_after = attrs.evolve(_post("X", 9), excerpt="new")
        y = _post("Y", 8)
        found = stitch([[_post("W", 10), x_before, y], [x_after, y, _post("Z", 7)]])
        assert [(post.title, post.excerpt) for post in found] == [
            ("W", "x"),
            ("X", "old"),
            ("Y", "x"),
            ("X", "new"),
            ("Z", "x"),
        ]
        assert [d.code for d in found.diagnostics] == ["page-same-title"]


def test_posts_pushed_down_past_a_post_pinned_between_the_fetches() -> None:
    """Two posts published and "Z" pinned between the fetches: "Y" starts
    page 2 as it ended page 1, the post after it there now shown pinned (a
    post pinned between the fetches comes once, where first seen): nothing
    is out of place."""
    x, y, z, w, v = P("X", 10), P("Y", 9), P("Z", 8), P("W", 7), P("V", 6)
    found = stitch([[x, y, z], [P("Z", 8, sticky=True), y, w, v]])
    assert titles(found) == ["X", "Y", "Z", "W", "V"]
    assert found.diagnostics == ()


def test_a_page_gap_is_at_the_first_post_of_the_next_page() -> None:
    """The docstring: a page that adds no post but sticky ones "followed by
    one that adds posts gets a page-gap warning at the first post of that
    next page", here the pinned post it shows again (line 1), not the
    first post it adds."""
    pinned = "sticky\nMar 1, 2025\n\nWelcome\n\nHi.\n"
    texts = [
        pinned + "\nMar 9, 2025\n\nA\n\nA.\n",
        pinned,
        pinned + "\nMar 8, 2025\n\nB\n\nB.\n",
    ]
    pages = [bloglist.loads(text) for text in texts]
    found = stitch(pages)
    assert titles(found) == ["Welcome", "A", "B"]
    (gap,) = found.diagnostics
    assert gap.code == "page-gap"
    assert gap.message.startswith("page 3: page 2 ")
    assert gap.lineno == pages[2][0].lineno == 1


class TestSameDateAndTitle:
    """What counts as the same post at a boundary: date, title, excerpt and tags."""

    REVIEW_PAGE1 = (
        "Mar 6, 2025\n\nNewest post\n\nx\nMar 5, 2025\n\nRelease notes\n\n"
        "The web release.\n"
    )
    REVIEW_PAGE2 = (
        "Mar 5, 2025\n\nRelease notes\n\nThe mobile release.\nMar 3, 2025\n\n"
        "Older post\n\ny\n"
    )

    def test_another_post_of_the_same_date_and_title_is_kept(self) -> None:
        """Two releases of one day, one ending page 1 and one starting page 2,
        are two posts: both kept, and a warning says stitch could not tell."""
        found = stitch(
            [bloglist.loads(self.REVIEW_PAGE1), bloglist.loads(self.REVIEW_PAGE2)]
        )
        assert [post.excerpt for post in found] == [
            "x",
            "The web release.",
            "The mobile release.",
            "y",
        ]
        (warning,) = found.diagnostics
        assert (warning.code, warning.severity, warning.lineno) == (
            "page-same-title",
            "warning",
            1,
        )
        assert warning.message.startswith(
            "page 2: post 'Release notes' has the date and title of a post of an "
            "earlier page, but another excerpt or other tags: kept"
        )

    def test_a_post_edited_between_the_fetches_is_kept_in_both_versions(
        self,
    ) -> None:
        """Pushed down and edited meanwhile: never dropped, the edit said."""
        old = Post(title="B", date=D(2025, 3, 2), excerpt="first", tags=["x"])
        edited = Post(title="B", date=D(2025, 3, 2), excerpt="first", tags=["y"])
        page1 = [P("C", 3), old]
        page2 = [P("C", 3), edited, P("A", 1)]
        found = stitch([page1, page2])
        assert list(found) == [P("C", 3), old, edited, P("A", 1)]
        assert [d.code for d in found.diagnostics] == ["page-same-title"]

    @pytest.mark.parametrize(
        "edited",
        [P("B (fixed)", 4), P("B", 1), P("B (fixed)", 4, sticky=True)],
        ids=["title", "date", "title, pinned"],
    )
    def test_a_post_edited_and_pushed_down_starts_the_run_pushed_down(
        self, edited: Post
    ) -> None:
        """B ended page 1 above C; two posts published and B edited between
        the fetches: page 2 starts with B as it is now, then C. C is pushed
        down, as if B had not changed: left out with nothing to say (it was
        said to be out of place); B is kept in both versions, as stitch
        compares no titles closely."""
        page1 = [P("A", 5), P("B", 4), P("C", 3)]
        page2 = [edited, P("C", 3), P("D", 2)]
        found = stitch([page1, page2])
        assert list(found) == [*page1, edited, P("D", 2)]
        assert found.diagnostics == ()

    @pytest.mark.parametrize(
        ("page1", "page2"),
        [
            ([P("B", 4), P("C", 3)], [P("B (fixed)", 4), P("C", 3), P("D", 2)]),
            (
                [P("A", 5), P("B", 4), P("C", 3)],
                [P("A (fixed)", 5), P("B", 1), P("C", 3), P("D", 2)],
            ),
        ],
        ids=["one", "two"],
    )
    def test_the_posts_edited_may_be_all_those_before_the_run(
        self, page1: list[Post], page2: list[Post]
    ) -> None:
        """The edited posts start page 1 itself, just before the run pushed
        down (C): still its edits, so C is pushed down with nothing to say."""
        found = stitch([page1, page2])
        assert list(found) == [*page1, *page2[:-2], P("D", 2)]
        assert found.diagnostics == ()

    @pytest.mark.parametrize(
        ("page2", "kept", "out_of_place"),
        [
            # A post new to the pages and of no date or title of page 1:
            # no edit, and C out of place after it.
            ([P("N", 9), P("C", 3), P("D", 2)], "ABCND", ["C"]),
            # A page 1 again (a server that ignores the page number) but for
            # one new post at its top: A and B repeated out of place.
            ([P("N", 9), P("A", 5), P("B", 4)], "ABCN", ["A", "B"]),
            # A and B edited, but shown in the other order: no run pushed down.
            ([P("B2", 4), P("A2", 5), P("C", 3)], "ABCBA", ["C"]),
            # B's date, but B is on page 2 too: C and B out of place.
            ([P("B2", 4), P("C", 3), P("B", 4)], "ABCB", ["C", "B"]),
            # A edited, but B, between it and C, deleted: not told apart.
            ([P("A2", 5), P("C", 3), P("D", 2)], "ABCAD", ["C"]),
        ],
    )
    def test_posts_new_to_the_pages_that_are_no_edit_keep_the_warning(
        self, page2: list[Post], kept: str, out_of_place: list[str]
    ) -> None:
        """Only posts with the date or title of the posts just before the run
        on page 1, in order, and missing from page 2, may start page 2 as its
        edits."""
        found = stitch([[P("A", 5), P("B", 4), P("C", 3)], page2])
        assert "".join(post.title[0] for post in found) == kept
        assert [d.code for d in found.diagnostics] == ["page-overlap"] * len(
            out_of_place
        )
        for title, problem in zip(out_of_place, found.diagnostics, strict=True):
            assert problem.message.startswith(f"page 2: post '{title}' was on page 1")

    def test_a_post_of_a_page_further_back_is_no_edit(self) -> None:
        """Only a post whose date and title no earlier page showed may be an
        edit: "Same", from page 1, at the top of page 3 is out of place, not
        an edit of D (of its date, just before E on page 2), so E after it
        is out of place too, where an edit would have pushed it down."""
        pages = [[P("Same", 10)], [P("D", 10), P("E", 9)]]
        pages.append([P("Same", 10), P("E", 9), P("F", 8)])
        found = stitch(pages)
        assert titles(found) == ["Same", "D", "E", "F"]
        assert [(d.code, d.message) for d in found.diagnostics] == [
            (
                "page-overlap",
                "page 3: post 'Same' was on an earlier page, not just before "
                "this one; left out here",
            ),
            (
                "page-overlap",
                "page 3: post 'E' was on page 2, just before this one, but not "
                "among the posts that end it and start this one; left out here",
            ),
        ]

    def test_an_undated_post_is_no_edit_of_another_undated_one(self) -> None:
        """Two undated posts share no date: B, new and undated, at the top of
        page 2 is no edit of A, undated just above Y and Z on page 1, so Y and
        Z after it are out of place (with a date shared, they would be
        pushed down behind an edit)."""
        page1 = [P("K", 9), Post(title="A"), P("Y", 5), P("Z", 4)]
        page2 = [Post(title="B"), P("Y", 5), P("Z", 4), P("Q", 1)]
        found = stitch([page1, page2])
        assert titles(found) == ["K", "A", "Y", "Z", "B", "Q"]
        assert [d.code for d in found.diagnostics] == ["page-overlap"] * 2
        for title, problem in zip("YZ", found.diagnostics, strict=True):
            assert problem.message.startswith(f"page 2: post '{title}' was on page 1")

    def test_an_edit_pushed_down_finds_the_run_where_it_starts(self) -> None:
        """ "Old title" edited to "New title" starts page 2, pushing Y and Z
        down behind it; X, from further up page 1, comes again after them:
        the run pushed down starts just after the edited post, and X alone
        is out of place."""
        page1 = [P("X", 10), P("Old title", 6), P("Y", 5), P("Z", 4)]
        page2 = [P("New title", 6), P("Y", 5), P("Z", 4), P("X", 10)]
        found = stitch([page1, page2])
        assert titles(found) == ["X", "Old title", "Y", "Z", "New title"]
        assert [(d.code, d.message[:28]) for d in found.diagnostics] == [
            ("page-overlap", "page 2: post 'X' was on page")
        ]

    def test_the_same_post_pushed_down_is_left_out_whatever_its_pin_and_form(
        self,
    ) -> None:
        """Equal but for the title's form: the same post, left out silently."""
        post = Post(title="It's here", date=D(2025, 3, 2), excerpt="e", tags=["t"])
        again = Post(
            title="IT\N{RIGHT SINGLE QUOTATION MARK}S here",
            date=D(2025, 3, 2),
            excerpt="e",
            tags=["t"],
        )
        found = stitch([[P("C", 3), post], [again, P("A", 1)]])
        assert list(found) == [P("C", 3), post, P("A", 1)]
        assert found.diagnostics == ()

    def test_a_sticky_post_of_the_same_title_but_another_excerpt_is_kept(
        self,
    ) -> None:
        """Sticky posts on every page count once only when they are the same post."""
        first = Post(title="Welcome", date=D(2025, 3, 1), excerpt="a", sticky=True)
        other = Post(title="Welcome", date=D(2025, 3, 1), excerpt="b", sticky=True)
        found = stitch([[first, P("B", 2)], [other, P("A", 1)], [first, other]])
        assert list(found) == [first, P("B", 2), other, P("A", 1)]
        assert [(d.code, d.message[:6]) for d in found.diagnostics] == [
            ("page-same-title", "page 2")
        ]

    def test_an_overlap_post_that_differs_but_repeats_another_is_a_page_overlap(
        self,
    ) -> None:
        """In the overlap by date and title, a post that is not its
        counterpart but is the same post as another of an earlier page is
        left out with a page-overlap warning."""
        one = Post(title="L", date=D(2025, 3, 2), excerpt="one")
        two = Post(title="L", date=D(2025, 3, 2), excerpt="two")
        # "B" is on both pages, after "one" on each: no deletion explains it.
        found = stitch([[one, P("B", 3), two], [one, P("A", 1), P("B", 3)]])
        assert list(found) == [one, P("B", 3), two, P("A", 1)]
        assert [d.code for d in found.diagnostics] == ["page-overlap"] * 2


class TestPushedDownPastADeletion:
    """A post deleted between the fetches of two pages breaks the run of
    posts pushed down across the boundary; the posts still on the page just
    before, in its order, are left out silently."""

    @staticmethod
    def post(title: str, day: int) -> Post:
        return Post(title=title, date=D(2025, 3, day), excerpt=title.lower())

    def test_a_post_deleted_at_the_end_of_the_page_before(self) -> None:
        """'I' deleted, two posts published: 'H' starts page 2, pushed down."""
        p = self.post
        found = stitch(
            [[p("G", 20), p("H", 19), p("I", 18)], [p("H", 19), p("J", 17), p("K", 16)]]
        )
        assert titles(found) == ["G", "H", "I", "J", "K"]
        assert found.diagnostics == ()

    def test_a_post_deleted_within_the_run(self) -> None:
        """'H' deleted between the posts pushed down: 'G' and 'I' still are."""
        p = self.post
        page1 = [p("F", 21), p("G", 20), p("H", 19), p("I", 18)]
        page2 = [p("G", 20), p("I", 18), p("J", 17)]
        found = stitch([page1, page2])
        assert titles(found) == ["F", "G", "H", "I", "J"]
        assert found.diagnostics == ()

    def test_a_post_out_of_the_order_of_the_page_before_is_said(self) -> None:
        """'I' is on page 2 too, before 'H': no deletion explains 'H' and
        'I' in that order, and the warning names the page they were on."""
        p = self.post
        page1 = [p("G", 20), p("H", 19), p("I", 18)]
        page2 = [p("I", 18), p("H", 19), p("J", 17)]
        found = stitch([page1, page2])
        assert titles(found) == ["G", "H", "I", "J"]
        assert [(d.code, d.message) for d in found.diagnostics] == [
            (
                "page-overlap",
                "page 2: post 'H' was on page 1, just before this one, but not "
                "among the posts that end it and start this one; left out here",
            )
        ]

    def test_a_post_of_a_page_before_the_last_is_said_so(self) -> None:
        """A post of page 1 again on page 3 (page 2 between them)."""
        p = self.post
        found = stitch([[p("G", 20)], [p("H", 19)], [p("G", 20), p("I", 18)]])
        assert titles(found) == ["G", "H", "I"]
        assert [d.message for d in found.diagnostics] == [
            "page 3: post 'G' was on an earlier page, not just before this one; "
            "left out here"
        ]

    def test_a_post_on_every_page_is_said_to_be_on_the_page_just_before(
        self,
    ) -> None:
        """'A', pushed down from page 1 to page 2 (left out silently), then out
        of place on page 3: it was on page 2 just before, not only on pages
        before that, whatever page it was first seen on."""
        p = self.post
        found = stitch(
            [
                [p("X", 20), p("A", 19)],
                [p("A", 19), p("Y", 18)],
                [p("Z", 17), p("A", 19)],
            ]
        )
        assert titles(found) == ["X", "A", "Y", "Z"]
        assert [d.message for d in found.diagnostics] == [
            "page 3: post 'A' was on page 2, just before this one, but not among "
            "the posts that end it and start this one; left out here"
        ]


# Pages given out of order ----------------------------------------------------


def _blog(pages: int, per_page: int, *, oldest_first: bool) -> list[list[Post]]:
    """The pages of a blog whose posts all have dates of their own, newest
    first (or oldest first), *per_page* posts a page, each post's line its
    place on its page (five lines a post)."""
    days = [D(2025, 1, 1) + datetime.timedelta(days=n) for n in range(pages * per_page)]
    if not oldest_first:
        days.reverse()
    return [
        [
            Post(title=f"Post {day}", date=day, lineno=5 * i + 1)
            for i, day in enumerate(days[page * per_page : (page + 1) * per_page])
        ]
        for page in range(pages)
    ]


class TestPagesOfOneDay:
    def test_pages_whose_dates_equal_the_page_befores_are_in_order(self) -> None:
        """A newest-first blog that published several posts on one day: a
        page of that day after a page of that day (or later days) is in
        order, with no page-order warning."""
        pages = [
            [P("a", 9), P("b", 8), P("c", 7)],
            [P("e", 5), P("f", 5)],
            [P("g", 5), P("h", 5)],
        ]
        found = stitch(pages)
        assert titles(found) == ["a", "b", "c", "e", "f", "g", "h"]
        assert found.diagnostics == ()


class TestPagesOutOfOrder:
    @given(
        st.integers(2, 12).flatmap(
            lambda n: st.tuples(
                st.just(n), st.integers(0, n - 1), st.integers(0, n - 1)
            )
        ),
        st.integers(3, 5),
        st.booleans(),
    )
    def test_a_page_given_out_of_its_place_is_a_page_order_warning(
        self, moved: tuple[int, int, int], per_page: int, oldest_first: bool
    ) -> None:
        """The pages of a blog, three posts or more each, with one of them
        given elsewhere (from place *i* to place *j*, the mistake of a hand
        or a script; page 1's posts show the order): a page that
        comes right after one that stands after it on the blog is out of
        order, and only that one gets the warning, at its first post; the
        posts stay in the order given."""
        count, i, j = moved
        order = list(range(count))
        order.insert(j, order.pop(i))
        blog = _blog(count, per_page, oldest_first=oldest_first)
        given_pages = [blog[n] for n in order]
        found = stitch(given_pages)
        assert list(found) == [post for page in given_pages for post in page]
        assert [(d.code, d.severity, d.lineno) for d in found.diagnostics] == [
            ("page-order", "warning", 1)
            for before, after in pairwise(order)
            if after < before
        ]
        which = "oldest" if oldest_first else "newest"
        for problem in found.diagnostics:
            assert f"each page lists its posts {which} first" in problem.message

    def test_more_posts_published_than_a_page_holds_reads_as_pages_out_of_order(
        self,
    ) -> None:
        """Four posts published between the fetches of pages 1 and 2, of
        three posts each: page 2 holds only new posts, newer than page 1's,
        as a page given out of order does. The warning says both causes."""
        page1 = [P("E", 20), P("D", 19), P("C", 18)]
        page2 = [P("H", 23), P("G", 22), P("F", 21)]
        found = stitch([page1, page2])
        assert list(found) == [*page1, *page2]
        (warning,) = found.diagnostics
        assert warning.code == "page-order"
        assert warning.message.endswith(
            ": the pages may be out of order, or more posts than a page holds "
            "were published between their fetches"
        )

    @pytest.mark.parametrize("count", range(11, 31))
    def test_pages_in_a_shell_s_order_are_found_at_each_jump(self, count: int) -> None:
        """page*.txt of 11 to 30 pages of two posts, sorted as a shell sorts
        the names: a warning wherever a page comes right after one that
        stands after it (page2.txt after page19.txt, say)."""
        names = sorted(f"page{n}.txt" for n in range(1, count + 1))
        order = [int(name[4:-4]) - 1 for name in names]
        found = stitch([_blog(count, 2, oldest_first=False)[n] for n in order])
        assert [d.code for d in found.diagnostics] == [
            "page-order" for before, after in pairwise(order) if after < before
        ]

    def test_files_in_a_shell_s_order_are_said_out_of_order(self) -> None:
        """page*.txt of eleven pages: page10.txt and page11.txt come before
        page2.txt, the fourth file, whose posts are all newer than theirs."""
        blog = _blog(11, 2, oldest_first=False)
        order = [0, 9, 10, *range(1, 9)]  # page1, page10, page11, page2...
        found = stitch([blog[n] for n in order])
        assert [d.message for d in found.diagnostics] == [
            "page 4: its posts, dated 2025-01-19 to 2025-01-20, are all newer than "
            "those of page 3 (2025-01-01 to 2025-01-02), where each page "
            "lists its posts newest first: the pages may be out of order, "
            "or more posts than a page holds were published between their fetches"
        ]

    def test_the_page_judged_against_is_the_last_with_dated_posts(self) -> None:
        """Pages with fewer than two dated posts (empty, sticky posts alone,
        one dated post, undated posts) are neither judged nor judged
        against, and the message names the page it was judged against."""
        blog = _blog(3, 2, oldest_first=False)
        lone = [Post(title="Lone", date=D(2024, 1, 1), lineno=1)]
        undated = [Post(title="Notes"), Post(title="More notes")]
        found = stitch([blog[2], [], lone, [PINNED], undated, blog[0], blog[1]])
        # (The empty page and the sticky one are gaps too.)
        assert [d.message for d in found.diagnostics if d.code == "page-order"] == [
            "page 6: its posts, dated 2025-01-05 to 2025-01-06, are all newer than "
            "those of page 1 (2025-01-01 to 2025-01-02), where each page lists its "
            "posts newest first: the pages may be out of order, "
            "or more posts than a page holds were published between their fetches"
        ]

    def test_a_post_dated_anew_in_place_is_not_a_page_out_of_order(self) -> None:
        """The top post of page 2 dated after page 1's posts (its date was
        corrected, or the blog keeps it at the top unpinned): the rest of the
        page is older, so the pages are in order."""
        page1 = [P("E", 20), P("D", 19)]
        page2 = [P("Featured", 25), P("C", 18), P("B", 17)]
        assert stitch([page1, page2]).diagnostics == ()
        # And pages of one dated post each are not judged at all.
        assert stitch([[P("A", 1)], [P("B", 2)], [P("C", 3)]]).diagnostics == ()

    @pytest.mark.parametrize(
        ("page1", "page2"),
        [
            # As many pairs each way: no order to hold the pages to.
            (
                [P("B", 2), P("C", 3), P("D", 4), P("C", 3), P("B", 2)],
                [P("Z", 9), P("Y", 8)],
            ),
            # One pair before page 2 (its own pairs do not count for it): one
            # is too few.
            ([P("B", 2), P("A", 2), P("A", 1)], [P("Z", 9), P("Y", 8), P("X", 7)]),
            # Four pairs newest first against two oldest first: too many the
            # other way (at least four times as many are needed).
            (
                [
                    P("C", 3),
                    P("D", 4),
                    P("B", 2),
                    P("Q", 4),
                    P("P", 3),
                    P("O", 2),
                    P("N", 1),
                ],
                [P("Z", 9), P("Y", 8), P("X", 7)],
            ),
        ],
    )
    def test_pages_with_no_clear_order_are_not_judged(
        self, page1: list[Post], page2: list[Post]
    ) -> None:
        """Page 2's posts are all newer than page 1's, but the pages show no
        clear order of their own, so nothing is said."""
        assert stitch([page1, page2]).diagnostics == ()

    def test_a_clear_order_despite_a_few_posts_the_other_way(self) -> None:
        """Four pairs newest first against one the other way, on the pages
        before, is an order."""
        page1 = [P("E", 5), P("D", 4), P("F", 6), P("C", 3), P("B", 2), P("A", 1)]
        page2 = [P("Z", 9, lineno=1), P("Y", 8)]
        assert [d.code for d in stitch([page1, page2]).diagnostics] == ["page-order"]

    def test_a_page_of_undated_posts_between_keeps_the_order_it_interrupts(
        self,
    ) -> None:
        """The order is judged by the pairs of the last dated post of a page
        and the first of the next page with dated posts: a page of undated
        posts between them (page 2) leaves pages 1 and 3 a pair, newest
        first, which with pages 3 and 4 makes an order that page 5 breaks.
        Taken as no pair, the order would not be clear, and nothing said."""
        undated = [Post(title="U1"), Post(title="U2")]
        pages = [
            [P("A", 10), P("B", 10)],
            undated,
            [P("C", 9), P("D", 9)],
            [P("E", 8), P("F", 8)],
            [P("G", 20, lineno=1), P("H", 20)],
        ]
        found = stitch(pages)
        assert [(d.code, d.lineno, d.message) for d in found.diagnostics] == [
            (
                "page-order",
                1,
                "page 5: its posts, dated 2025-03-20, are all newer than those "
                "of page 4 (2025-03-08), where each page lists its posts newest "
                "first: the pages may be out of order, or more posts than a "
                "page holds were published between their fetches",
            )
        ]

    def test_the_warning_comes_in_line_order_among_the_page_s_others(self) -> None:
        """On page 3: a page-same-title at line 1, the page-order at the first
        dated post (line 6), and a page-overlap at line 16, in that order."""
        notes = Post(title="Notes", excerpt="a")
        page1 = [notes, P("E", 5), P("D", 4)]
        page2 = [P("C", 3), P("B", 2)]
        page3 = [
            Post(title="Notes", excerpt="b", lineno=1),
            P("Z", 20, lineno=6),
            P("Y", 19, lineno=11),
            P("E", 5, lineno=16),
        ]
        found = stitch([page1, page2, page3])
        assert [(d.code, d.lineno) for d in found.diagnostics] == [
            ("page-same-title", 1),
            ("page-order", 6),
            ("page-overlap", 16),
        ]

    def test_a_page_s_warnings_come_among_its_parse_s_diagnostics(self) -> None:
        """A page read from text with an error at line 7, after an empty
        page, its first post a same-title one: the page-gap and
        page-same-title warnings (line 1) come before the error, in line
        order, where they came after every diagnostic of the page's parse."""
        page1 = bloglist.loads("Mar 3, 2025\n\nA\n\nx\n")
        page3 = bloglist.loads(
            "Mar 3, 2025\n\nA\n\ny\n\nMar 35, 2025\n\nBad\n\nz\n\n"
            "Mar 2, 2025\n\nA\n\nx\n"
        )
        found = stitch([page1, [], page3])
        assert [(d.lineno, d.code) for d in found.diagnostics] == [
            (1, "page-gap"),
            (1, "page-same-title"),
            (7, "invalid-date"),
        ]
        assert all(d.message.startswith("page ") for d in found.diagnostics)
        # Pages stay in their order: page 1's error before page 2's warning.
        page1 = bloglist.loads("Mar 3, 2025\n\nA\n\nx\n\nMar 35, 2025\n\nB\n\nz\n")
        found = stitch([page1, bloglist.loads("Mar 3, 2025\n\nA\n\ny\n")])
        assert [(d.lineno, d.code) for d in found.diagnostics] == [
            (7, "invalid-date"),
            (1, "page-same-title"),
        ]

    @pytest.mark.parametrize(
        ("days", "order", "warned"),
        [
            # Pages of one day each, in order: the post made them look
            # oldest first, the only pair of dates that differ on a page.
            (1, [0, 1, 2, 3], []),
            # Pages of four days each, out of order: the post's old date,
            # on every page, made each page span every other.
            (4, [0, 3, 1, 2], [(6, "page 3:")]),
        ],
    )
    def test_a_post_kept_at_the_top_of_every_page_counts_once(
        self, days: int, order: list[int], warned: list[tuple[int, str]]
    ) -> None:
        """An old post kept at the top of every page, unpinned: it counts for
        page 1 alone, in the order and in the dates."""
        featured = Post(title="Featured", date=D(2022, 1, 1), lineno=1)
        pages = [
            [
                featured,
                *(
                    Post(
                        title=f"{first} {n}",
                        date=D(2025, 3, first - n // (4 // days)),
                        lineno=5 * n + 6,
                    )
                    for n in range(4)
                ),
            ]
            for first in (30, 26, 22, 18)
        ]
        found = stitch([pages[n] for n in order])
        orders = [d for d in found.diagnostics if d.code == "page-order"]
        assert [(d.lineno, d.message[:7]) for d in orders] == warned

    def test_a_page_of_earlier_pages_posts_alone_is_no_page_out_of_order(
        self,
    ) -> None:
        """Page 1 again after page 2 (a server that ignores the page number):
        its posts are newer than page 2's, but it adds none, and its
        page-overlap warnings (and the next page's page-gap) say what it is.
        The page after it is judged against page 2."""
        blog = _blog(4, 2, oldest_first=False)
        found = stitch([blog[0], blog[1], blog[0], blog[2]])
        assert [d.code for d in found.diagnostics] == [
            "page-overlap",
            "page-overlap",
            "page-gap",
        ]
        found = stitch([blog[0], blog[2], blog[0], blog[1]])
        assert [d.code for d in found.diagnostics] == [
            "page-overlap",
            "page-overlap",
            "page-gap",
            "page-order",
        ]
        assert "than those of page 2 (" in found.diagnostics[-1].message

    def test_old_posts_featured_on_page_1_alone_do_not_set_the_order(self) -> None:
        """Two old posts at the top of page 1 only, then pages of one day each
        in order: the old posts show the oldest first, the boundaries the
        newest first, so no order is clear and nothing is said."""
        featured = [
            Post(title="Old", date=D(2023, 1, 10)),
            Post(title="Older", date=D(2024, 12, 20)),
        ]
        pages = [
            [*(featured if day == 31 else []),
             *(Post(title=f"{day} {n}", date=D(2025, 3, day)) for n in range(4))]
            for day in (31, 30, 29)
        ]  # fmt: skip
        assert stitch(pages).diagnostics == ()


def dated(days: list[int], prefix: str) -> list[Post]:
    """Posts titled *prefix* and their place, dated March *days* 2025."""
    return [P(f"{prefix}{i}", day) for i, day in enumerate(days)]


class TestPageOrderBoundaries:
    """The order of the pages before is told by "at least two pairs of dated
    posts next to each other in it ..., and four times as many as in the
    other"; a page is out of order when its dated posts are "all newer"
    (newest first) or "all older" (oldest first) than the last page's."""

    @pytest.mark.parametrize(("way", "warned"), [(4, True), (3, False)])
    def test_four_times_as_many_pairs_one_way(self, way: int, warned: bool) -> None:
        # Page 1: *way* pairs newest first, then one pair oldest first.
        days = [10 - i for i in range(way + 1)]
        page1 = dated([*days, 11], "a")  # the last pair: older, then 11
        page2 = dated([20, 19], "b")  # all newer: page 2 given out of place
        found = stitch([page1, page2])
        assert len(found) == len(page1) + 2
        assert [d.code for d in found.diagnostics] == (["page-order"] if warned else [])

    @pytest.mark.parametrize(("newest", "warned"), [(4, True), (5, False)])
    def test_oldest_first_all_older_is_strict(self, newest: int, warned: bool) -> None:
        page1 = dated([5, 6, 7], "a")  # oldest first: two pairs, none the other way
        page2 = dated([3, newest], "b")  # dated 5 is not older than page 1's 5
        found = stitch([page1, page2])
        assert len(found) == 5
        assert [d.code for d in found.diagnostics] == (["page-order"] if warned else [])

    @pytest.mark.parametrize(("oldest", "warned"), [(8, True), (7, False)])
    def test_newest_first_all_newer_is_strict(self, oldest: int, warned: bool) -> None:
        page1 = dated([7, 6, 5], "a")
        page2 = dated([9, oldest], "b")
        found = stitch([page1, page2])
        assert [d.code for d in found.diagnostics] == (["page-order"] if warned else [])


# The stitched diagnostics in line order --------------------------------------
# Each page's diagnostics, stitch's warnings among its parse's, come in line
# order, then column order, on every page, whatever the count of warnings.

_FIRST = "Mar 3, 2025\n\nA\n\nx\n"


def _codes(found: Listing) -> list[tuple[int, int, str]]:
    return [(d.lineno, d.colno, d.code) for d in found.diagnostics]


def test_one_page_warning_comes_before_a_later_error_of_its_page() -> None:
    page2 = bloglist.loads("Mar 3, 2025\n\nA\n\ny\n\nMar 35, 2025\n\nBad\n\nz\n")
    assert _codes(stitch([bloglist.loads(_FIRST), page2])) == [
        (1, 1, "page-same-title"),
        (7, 1, "invalid-date"),
    ]


def test_line_order_is_by_line_then_column() -> None:
    """An error at column 4 of line 7 comes between line 1's warning and
    line 15's error."""
    page2 = bloglist.loads(
        "Mar 3, 2025\n\nA\n\ny\n\n   Mar 35, 2025\n\nBad\n\nz\n\nMar 2, 2025\n\nC\n"
    )
    assert _codes(stitch([bloglist.loads(_FIRST), page2])) == [
        (1, 1, "page-same-title"),
        (7, 4, "invalid-date"),
        (15, 1, "missing-excerpt"),
    ]


def test_at_one_line_a_warning_at_column_1_comes_first() -> None:
    parsed = bloglist.loads("Mar 3, 2025\n\nA\n\ny\n")
    late = Diagnostic(lineno=1, colno=5, severity="warning", code="x-late", message="m")
    page2 = Listing(parsed, diagnostics=[late])
    assert _codes(stitch([bloglist.loads(_FIRST), page2])) == [
        (1, 1, "page-same-title"),
        (1, 5, "x-late"),
    ]


def test_a_page_s_errors_stay_errors() -> None:
    """The diagnostics of a page that is a Listing are kept: an error of a
    page's parse stays an error, with its code, line and column, and its
    message says the page."""
    page = bloglist.loads("Mar 25, 2025\n\nTitle\n\nExcerpt\nMar 24, 2025\n")
    (error,) = page.diagnostics
    assert error.severity == "error"
    found = stitch([page, bloglist.loads("Mar 20, 2025\n\nO\n\nx\n")])
    assert found.diagnostics == (
        attrs.evolve(error, message=f"page 1: {error.message}"),
    )


@pytest.mark.parametrize("posts", [_FIRST, ""])
def test_a_hand_built_page_s_diagnostics_come_in_line_order(posts: str) -> None:
    """A Listing built by hand with its diagnostics out of line order, with
    posts or none, and no warning of stitch's: they come in line order, as
    the docstring says of every page."""
    made = [
        Diagnostic(lineno=n, colno=1, severity="warning", code=f"x{n}", message="m")
        for n in (5, 2)
    ]
    page = Listing(bloglist.loads(posts), diagnostics=made)
    assert _codes(stitch([page])) == [(2, 1, "x2"), (5, 1, "x5")]


class TestAnEditAtTheEdges:
    """An edited post pushed down with the rest, in shapes a third review
    found no test of: nothing to say of either."""

    def test_an_edited_post_and_one_post_pushed_down(self) -> None:
        a, b, c = P("A", 20), P("B", 19), P("C", 18)
        got = stitch([[a, b, c], [P("B edited", 19), c]])
        assert titles(got) == ["A", "B", "C", "B edited"]
        assert got.diagnostics == ()

    def test_an_edited_post_and_the_previous_page_s_last_post_deleted(self) -> None:
        a, b, c, d = P("A", 20), P("B", 19), P("C", 18), P("D", 17)
        got = stitch([[a, b, c, d], [P("B edited", 19), c, P("E", 16)]])
        assert got.diagnostics == ()
