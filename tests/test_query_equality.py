"""Conditions that test the same thing are equal, hash alike and filter alike.

Tags and search terms compare case-insensitively (``str.casefold``), in any
order, each once, so two conditions that differ only in case, order or
repeats must be equal; the oracle checks they keep the same posts.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bloglist import Listing, Post, Where

D = datetime.date
TAGS = ["Data", "data", "DATA", "Go", "Straße", "STRASSE", "strasse", "ǅ", "ǆ", "Σ"]
WORDS = ["alpha", "ALPHA", "ß", "SS", "ss", "ς", "σ", "Σ", "build", "Build"]
# Terms with whitespace: a search reads every kind of it as a space.
WORDS += ["ss build", "SS\xa0BUILD", "ss\tbuild"]
POSTS = st.builds(
    Post,
    title=st.sampled_from(WORDS),
    date=st.none() | st.just(datetime.date(2024, 1, 1)),
    excerpt=st.sampled_from(["", "Build systems", "ss ß", "ss\u2009build"]),
    tags=st.lists(st.sampled_from(TAGS), max_size=3),
    sticky=st.booleans(),
)
TAG_TUPLES = st.lists(st.sampled_from(TAGS), min_size=1, max_size=3).map(tuple)
WORD_TUPLES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(tuple)
MODES = st.sampled_from(["any", "all", "none"])


def tags_condition(mode: str, tags: tuple[str, ...]) -> Where:
    build = {
        "any": Where.tagged_any,
        "all": Where.tagged_all,
        "none": Where.tagged_none,
    }
    return build[mode](*tags)


def folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.casefold() for word in words)


def spaced(text: str) -> str:
    """*text* as a search compares it: case folded, whitespace as spaces."""
    return "".join(" " if char.isspace() else char for char in text.casefold())


def test_tags_in_another_case_order_or_repeated_are_equal() -> None:
    """The same tags, spelled otherwise, make an equal condition with one hash."""
    assert Where.tagged_any("A") == Where.tagged_any("a")
    assert hash(Where.tagged_any("A")) == hash(Where.tagged_any("a"))
    assert Where.tagged_all("Go", "Data") == Where.tagged_all("data", "GO", "go")
    assert Where.tagged_none("Straße") == Where.tagged_none("STRASSE")
    assert Where.tagged_any("ǅ") == Where.tagged_any("ǆ")
    assert Where.tagged_any("A") != Where.tagged_all("A")
    assert Where.tagged_any("A") != Where.tagged_any("B")
    assert len({Where.tagged_any("Data"), Where.tagged_any("DATA")}) == 1


def test_search_terms_in_another_case_order_or_repeated_are_equal() -> None:
    """Search terms compare as the search matches them."""
    assert Where.search("a") == Where.search("A")
    assert hash(Where.search("a")) == hash(Where.search("A"))
    assert Where.search("Straße", "go") == Where.search("GO", "strasse")
    assert Where.search("x", "x") == Where.search("X")
    assert Where.search("a") != Where.search("b")


def test_the_repr_and_pickle_keep_the_spelling() -> None:
    """Equality folds case; the repr and a pickled copy keep what was written."""
    condition = Where.tagged_any("Data", "GO") & Where.search("Straße")
    assert (
        repr(condition) == "(Where.tagged_any('Data', 'GO') & Where.search('Straße'))"
    )
    copy = pickle.loads(pickle.dumps(condition))
    assert repr(copy) == repr(condition)
    assert copy == condition
    assert copy == Where.tagged_any("go", "data") & Where.search("STRASSE")


@given(st.lists(POSTS, max_size=10), MODES, TAG_TUPLES, TAG_TUPLES)
def test_equal_tag_conditions_are_those_that_keep_by_the_same_tags(
    posts: list[Post], mode: str, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    """Equal exactly when the folded tag sets agree; equal ones filter alike."""
    a, b = tags_condition(mode, first), tags_condition(mode, second)
    assert (a == b) is (set(map(spaced, first)) == set(map(spaced, second)))
    if a == b:
        assert hash(a) == hash(b)
        listing = Listing(posts)
        assert list(listing.filter(a)) == list(listing.filter(b))


@given(st.lists(POSTS, max_size=10), WORD_TUPLES, WORD_TUPLES)
def test_equal_searches_are_those_with_the_same_folded_terms(
    posts: list[Post], first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    """Equal exactly when the folded term sets agree; equal ones filter alike."""
    a, b = Where.search(*first), Where.search(*second)
    assert (a == b) is (set(map(spaced, first)) == set(map(spaced, second)))
    if a == b:
        assert hash(a) == hash(b)
        for post in posts:
            title, excerpt = spaced(post.title), spaced(post.excerpt)
            expected = all(
                spaced(term) in title or spaced(term) in excerpt for term in first
            )
            assert a(post) is b(post) is expected


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


def test_equal_bound_methods_are_equal_predicates() -> None:
    """Two lookups of one object's method are two objects, but equal: the
    conditions that match by them are equal, with one hash."""

    class Rule:
        def check(self, post: Post) -> bool:
            return post.sticky

    rule = Rule()
    assert rule.check is not rule.check
    assert Where.match(rule.check) == Where.match(rule.check)
    assert len({Where.match(rule.check), Where.match(rule.check)}) == 1
    assert Where.match(rule.check) != Where.match(Rule().check)


def test_the_repr_of_a_search_for_several_terms_is_its_call() -> None:
    """The repr of a search for several terms is the call that builds it,
    its terms apart by a comma and a space."""
    condition = Where.search("BUILD", "years")
    assert repr(condition) == "Where.search('BUILD', 'years')"
    assert eval(repr(condition), {"Where": Where}) == condition


DAYS = st.dates(min_value=D(2024, 1, 1), max_value=D(2024, 1, 8))


@given(DAYS, DAYS, DAYS, DAYS)
def test_date_conditions_are_equal_exactly_when_their_ranges_are(
    a: datetime.date, b: datetime.date, c: datetime.date, d: datetime.date
) -> None:
    """Two ranges of days are one condition when they hold the same days,
    and two conditions otherwise, whichever constructor made them; a day
    one holds and the other not tells them apart as a filter."""
    if a == b or c == d:
        return
    (a, b), (c, d) = sorted((a, b)), sorted((c, d))
    left, right = Where.between(a, b), Where.between(c, d)
    assert (left == right) is ((a, b) == (c, d))
    assert (left != right) is ((a, b) != (c, d))
    assert (Where.since(a) == Where.since(c)) is (a == c)
    assert (Where.on(a) == Where.on(c)) is (a == c)
    assert (Where.on(a) == left) is (b - a == datetime.timedelta(days=1))
    week = Listing(
        [Post(title="Day", date=a + datetime.timedelta(n)) for n in range(-3, 10)]
    )
    assert (week.filter(left) == week.filter(right)) is (left == right)


BUILT_IN = [
    Where.sticky(),
    Where.dated(),
    Where.tagged_any("Data"),
    Where.tagged_all("Data", "Go"),
    Where.search("build"),
    Where.since("2024"),
    Where.year(2023),
    ~Where.sticky(),
    ~Where.dated(),
]


@pytest.mark.parametrize("combine", [lambda x, y: x & y, lambda x, y: x | y])
def test_combinations_are_equal_exactly_when_their_parts_are(
    combine: Callable[[Where, Where], Where],
) -> None:
    """``a & b`` equals ``a & c`` exactly when ``b`` equals ``c`` (and so
    for ``|``): the parts compare, in order, as the docs say."""
    first = BUILT_IN[0]
    for second in BUILT_IN[1:]:
        for third in BUILT_IN[1:]:
            left, right = combine(first, second), combine(first, third)
            assert (left == right) is (second is third)
            assert (hash(left) == hash(right)) or second is not third
    assert (Where.sticky() & Where.dated()) != (Where.sticky() | Where.dated())
    assert (Where.sticky() & Where.dated()) != (Where.dated() & Where.sticky())
