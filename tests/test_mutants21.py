"""Behaviour a mutation run of the query API (``_where.py``, ``_query.py``,
``_index.py``, ``_listing.py``) found untested (87 mutants: 70 killed, 15
equivalent, 1 surviving every test file, 1 killed only now and then, by a
Hypothesis search that seldom draws a phrase beside a plain word): a search
mixing a phrase with a plain word, which must read the whitespace of a
post's text as spaces, and the year counts of a listing holding the year 1
and an undated post, which must put the undated posts last.

The equivalent fifteen: a one-tag ``Where.tagged_any()`` not taken from the
tag index, a tag mask built by testing each post rather than from the index
(or the other way round), the tags of ``Where.tagged_all()`` intersected in
another order (each gives the same posts, only slower or faster); a filter
picking the last rather than the first of two tag candidates of one size
(either holds every post the filter keeps); a combination's predicate asked
about the posts still open even when every post is, the ``&``/``|`` loop and
the filter not stopping once no post is left (a predicate is then asked about
no post at all); ``Where.dated()`` testing a date's truth rather than
``is not None`` and the date index skipping false dates rather than ``None``
(a ``datetime.date`` is never false); a ``"title"`` key kept as the last sort
step (sorting the title order by title rank changes nothing); a period key of
0 read as undated (no year is 0, so no period key is); sticky posts counted
by a filter rather than a sum of bools; the iota-subscript search not guarded
by the cheap test of the folded text (the search decides alone); a ``zip``
not strict over columns of one length; and ``Listing.__reversed__`` left to
``Sequence``'s own (the same posts, in the same order).
"""

from __future__ import annotations

import datetime

from bloglist import Listing, Post, Where


class TestSearchMixingPhraseAndWord:
    def test_a_phrase_matches_any_whitespace_beside_a_plain_word(self) -> None:
        """Kills ``all`` for ``any`` in ``_Search.__init__``: once one term is
        a phrase, a post's text is read with every kind of whitespace as a
        space, so that ``"new york"`` finds a no-break space or a tab even
        when a plain word is searched for beside it, as it does alone."""
        listing = Listing(
            [
                Post(title="A weekend in New\u00a0York", excerpt="A city guide"),
                Post(title="Guide to York", excerpt="Not new\tat all"),
                Post(title="New York, again", excerpt="Another guide"),
                Post(title="Paris", excerpt="A guide to new york-style pizza"),
                Post(title="Nothing here", excerpt="new\u2003york"),
            ]
        )
        for terms in (("new york", "guide"), ("guide", "new york")):
            condition = Where.search(*terms)
            # The oracle: a search for each term alone, every one required.
            expected = listing.filter(*(Where.search(term) for term in terms))
            assert [post.title for post in expected] == [
                "A weekend in New\u00a0York",
                "New York, again",
                "Paris",
            ]
            assert listing.filter(condition) == expected, terms
            assert [post for post in listing if condition(post)] == list(expected)


class TestUndatedPostsCountLast:
    def test_undated_posts_come_after_the_year_1(self) -> None:
        """Kills ``sorted(counted, key=abs, reverse=True)`` in count_posts(),
        which puts the undated posts' key (-1) beside the year 1:
        ``count_by("year")`` gives the years newest first and the undated
        posts last, as ``group_by("year")`` does, even when the listing
        starts with an undated post and holds the first year of the
        calendar."""
        listing = Listing(
            [
                Post(title="Undated"),
                Post(title="Founding", date=datetime.date(1, 1, 1)),
                Post(title="Later", date=datetime.date(2024, 5, 1)),
                Post(title="Also undated"),
            ]
        )
        dated_years = sorted({p.date.year for p in listing if p.date}, reverse=True)
        expected = [
            *(
                (year, sum(1 for p in listing if p.date and p.date.year == year))
                for year in dated_years
            ),
            (None, sum(1 for p in listing if p.date is None)),
        ]
        assert list(listing.count_by("year")) == expected
        assert [
            (year, len(posts)) for year, posts in listing.group_by("year")
        ] == expected
