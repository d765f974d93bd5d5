"""Behaviour a mutation run of ``_read_json.py``, ``_hints.py`` and
``_stitch.py`` found untested (148 mutants: 118 killed every time, 12
equivalent, 14 surviving the whole suite and 4 killed only when a property
test drew the right case): what the JSON readers' errors say, and where the
page checks of a paged scrape refuse a page or let it be."""

from __future__ import annotations

import datetime
import sys

import pytest

import bloglist
from bloglist import Archive, Listing, Post, stitch
from test_page_checks import DAY, LATER, merged, refused


class TestJsonReaderErrors:
    def test_a_year_of_five_digits_is_no_date_form(self) -> None:
        """A date must be four digits of year, then month and day: a fifth
        digit breaks the form; it is not taken for a day that does not exist."""
        text = '[{"title":"T","date":"12025-01-01","excerpt":"E","summary":"E",'
        text += '"truncated":false,"tags":[],"sticky":false}]'
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(text)
        assert info.value.msg == (
            "posts[0]: date must be null or YYYY-MM-DD, not '12025-01-01'"
        )

    def test_a_key_given_twice_is_the_one_named(self) -> None:
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json('[{"date": null, "title": "a", "title": "b"}]')
        assert info.value.msg == "posts[0]: key 'title' is given twice"

    def test_nesting_too_deep_says_so_with_its_post(self) -> None:
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json("[" * 100_001)
        assert info.value.msg == (
            "posts[0]: arrays or objects are nested too deeply to read"
        )

    def test_a_number_of_too_many_digits_says_so(self) -> None:
        """The error says that the number is too long to read, Python's
        limit, and which post."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json("[" + "9" * 5000 + "]")
        assert info.value.msg == (
            "posts[0]: a number has too many digits to read (Python reads at "
            f"most {sys.get_int_max_str_digits()})"
        )

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            ("9" * 5000, f"a number has too many digits to read (Python reads at most {sys.get_int_max_str_digits()})"),
            ("[" * 100_001, "arrays or objects are nested too deeply to read"),
        ],
    )  # fmt: skip
    def test_json_lines_that_start_an_array_hint_at_from_json(
        self, text: str, said: str
    ) -> None:
        """A first line that is an array of what JSON Lines cannot read is
        most likely a JSON array: the error names from_json()."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl("[" + text + "]\n")
        assert info.value.msg == (
            f"{said}; the text starts with '[', as a JSON array of posts does, "
            "which from_json() reads"
        )

    def test_an_array_after_a_post_gets_no_hint(self) -> None:
        """After a line that was a post, a line that is an array is a bad
        record of JSON Lines, not a JSON array read by the wrong reader."""
        record = bloglist.to_jsonl([Post(title="T")]).strip()
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(f"{record}\n[{record}]\n")
        assert (info.value.lineno, info.value.msg) == (
            2,
            "a post is a JSON object, not an array",
        )


def _post(title: str, day: int | None = None, *, sticky: bool = False) -> Post:
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


class TestStitchWarnings:
    def test_a_post_left_out_names_the_last_page_with_posts_not_sticky(self) -> None:
        """A post pinned on pages 1 and 2 and shown unpinned on page 3 was
        last seen, as a post that is not sticky, on page 1: the warning
        names that page, not page 2, which showed only pinned posts."""
        pinned = _post("A", sticky=True)
        pages = [[pinned, _post("B"), _post("C")], [pinned], [_post("A"), _post("D")]]
        said = [str(found) for found in stitch(pages).diagnostics]
        assert said[-1].startswith(
            "page 3: post 'A' was on page 1, the last page before this one with "
            "posts that are not sticky, but not among the posts"
        )


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
