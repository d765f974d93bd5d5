"""The query API: filter, sort, group, count, page and related posts.

Expected results come from the bundled sample (whose posts are listed in
``src/bloglist/sample.txt``) or from small listings built here, and, in the
property tests, from plain reference implementations written in this file
without the indexes and masks the library uses.
"""

from __future__ import annotations

import copy
import datetime
import doctest
import functools
import operator
import pickle
import re
import sys
import types
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cmp_to_key
from typing import Any

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import bloglist
import bloglist._index
from bloglist import Listing, Page, Post, Where

D = datetime.date
SAMPLE = bloglist.loads(bloglist.sample_text())


def titles(posts: Sequence[Post]) -> list[str]:
    return [post.title for post in posts]


def at(posts: Sequence[Post]) -> list[int]:
    """Where each post stands in the sample."""
    return [SAMPLE.index(p) for p in posts]


def post(
    title: str,
    date: datetime.date | None = None,
    tags: Sequence[str] = (),
    *,
    sticky: bool = False,
    excerpt: str = "",
) -> Post:
    return Post(title=title, date=date, tags=tags, sticky=sticky, excerpt=excerpt)


def same(actual: Sequence[Post], expected: Sequence[Post]) -> bool:
    """The same post objects in the same order (equal posts are told apart)."""
    return len(actual) == len(expected) and all(
        a is b for a, b in zip(actual, expected, strict=True)
    )


# --- Reference implementations, written the plain way -------------------------


def folded(tags: Sequence[str]) -> set[str]:
    return {tag.casefold() for tag in tags}


def compare_undated(p: Post, q: Post, undated: str) -> int:
    """-1 if p goes first, 1 if q does, 0 if both or neither are dated."""
    if (p.date is None) == (q.date is None):
        return 0
    p_first = (p.date is None) == (undated == "first")
    return -1 if p_first else 1


def reference_sort(
    posts: Sequence[Post],
    keys: Sequence[str],
    *,
    sticky_first: bool = False,
    undated: str = "last",
) -> list[Post]:
    def cmp(a: tuple[int, Post], b: tuple[int, Post]) -> int:
        (i, p), (j, q) = a, b
        if sticky_first and p.sticky != q.sticky:
            return -1 if p.sticky else 1
        for key in keys:
            sign = -1 if key.startswith("-") else 1
            if key.endswith("date"):
                found = compare_undated(p, q, undated)
                if found:
                    return found
                if p.date is not None and q.date is not None and p.date != q.date:
                    return sign * (-1 if p.date < q.date else 1)
            else:
                s, t = p.title.casefold(), q.title.casefold()
                if s != t:
                    return sign * (-1 if s < t else 1)
        s, t = p.title.casefold(), q.title.casefold()
        if s != t:
            return -1 if s < t else 1
        return -1 if i < j else 1

    return [p for _, p in sorted(enumerate(posts), key=cmp_to_key(cmp))]


def reference_related(posts: Sequence[Post], target: Post) -> list[Post]:
    mine = folded(target.tags)
    scored = [
        (i, p, len(mine & folded(p.tags)))
        for i, p in enumerate(posts)
        if p != target and mine & folded(p.tags)
    ]

    def cmp(a: tuple[int, Post, int], b: tuple[int, Post, int]) -> int:
        (i, p, m), (j, q, n) = a, b
        if m != n:
            return -1 if m > n else 1
        found = compare_undated(p, q, "last")
        if found:
            return found
        if p.date is not None and q.date is not None and p.date != q.date:
            return -1 if p.date > q.date else 1
        s, t = p.title.casefold(), q.title.casefold()
        if s != t:
            return -1 if s < t else 1
        return -1 if i < j else 1

    return [p for _, p, _ in sorted(scored, key=cmp_to_key(cmp))]


# --- Strategies ---------------------------------------------------------------

# Few distinct values, in several spellings, so that ties and case-folding
# collisions are common ("Straße" and "STRASSE" fold to the same tag).
TAG_NAMES = st.sampled_from(
    ["Data", "data", "DATA", "Python", "Go", "Straße", "STRASSE", "Émile", "émile"]
)
TITLES = st.sampled_from(["alpha", "Alpha", "beta", "B", "ß", "SS", "Zed", "émile"])
DAYS = st.dates(min_value=D(2023, 11, 20), max_value=D(2024, 2, 10))
POSTS = st.builds(
    Post,
    title=TITLES,
    date=st.none() | DAYS,
    excerpt=st.sampled_from(["", "Build systems", "cache LATENCY […]"]),
    tags=st.lists(TAG_NAMES, max_size=4),
    sticky=st.booleans(),
)


@st.composite
def listings(draw: st.DrawFn) -> Listing:
    """A listing, sometimes holding the same post object more than once."""
    posts = draw(st.lists(POSTS, max_size=25))
    repeat: bool = draw(st.booleans())
    if posts and repeat:
        posts += draw(st.lists(st.sampled_from(posts), max_size=5))
        posts = draw(st.permutations(posts))
    return Listing(posts)


def _between(days: tuple[datetime.date, datetime.date]) -> Where:
    return Where.between(min(days), max(days) + datetime.timedelta(days=1))


LEAVES = st.one_of(
    st.lists(TAG_NAMES, min_size=1, max_size=3).map(lambda t: Where.tagged_any(*t)),
    st.lists(TAG_NAMES, min_size=1, max_size=3).map(lambda t: Where.tagged_all(*t)),
    st.lists(TAG_NAMES, min_size=1, max_size=3).map(lambda t: Where.tagged_none(*t)),
    DAYS.map(Where.since),
    DAYS.map(Where.before),
    DAYS.map(Where.on),
    st.tuples(DAYS, DAYS).map(_between),
    st.sampled_from([2023, 2024]).map(Where.year),
    st.sampled_from([(2023, 12), (2024, 1)]).map(lambda m: Where.month(*m)),
    st.just(Where.sticky()),
    st.just(Where.dated()),
    st.sampled_from(["ss", "BUILD", "latency", "a"]).map(lambda t: Where.search(t)),
    st.just(Where.match(lambda p: len(p.tags) % 2 == 0)),
)
CONDITIONS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda ab: ab[0] & ab[1]),
        st.tuples(inner, inner).map(lambda ab: ab[0] | ab[1]),
        inner.map(lambda a: ~a),
    ),
    max_leaves=5,
)
SORT_KEYS = st.lists(
    st.sampled_from(["date", "title"]), unique=True, max_size=2
).flatmap(lambda names: st.tuples(*[st.sampled_from([n, "-" + n]) for n in names]))


# --- Conditions ---------------------------------------------------------------


class _Three:
    """Converts to 3 (``__index__``), as a NumPy integer does, but is no int."""

    def __index__(self) -> int:
        return 3


class TestConditionValues:
    def test_where_cannot_be_built_directly(self) -> None:
        """Conditions come from the static methods; Where() alone is refused."""
        with pytest.raises(TypeError, match="static method"):
            Where()  # type: ignore[abstract]

    def test_a_condition_has_no_truth_value(self) -> None:
        """`and`/`or` between conditions raise instead of silently keeping one side."""
        with pytest.raises(TypeError, match=r"&, \| and ~"):
            bool(Where.sticky())
        with pytest.raises(TypeError):
            # A type checker knows it raises (__bool__ is NoReturn), and says
            # the right operand is never reached: which is the point.
            Where.sticky() and Where.dated()  # type: ignore[unreachable]

    def test_conditions_compare_by_what_they_test(self) -> None:
        """Equal conditions are equal and hash alike, however they were spelled."""
        assert Where.since("2024") == Where.since(D(2024, 1, 1))
        assert hash(Where.since("2024")) == hash(Where.since(D(2024, 1, 1)))
        assert Where.tagged_any("A") != Where.tagged_all("A")
        assert ~~Where.sticky() == Where.sticky()

    def test_repr_shows_the_normalised_condition(self) -> None:
        """The repr reads as the code that builds the condition, with full dates."""
        condition = (Where.tagged_any("Data") | ~Where.dated()) & Where.since("2024-03")
        assert repr(condition) == (
            "((Where.tagged_any('Data') | ~Where.dated()) & Where.since('2024-03-01'))"
        )

    @pytest.mark.parametrize(
        ("condition", "named"),
        [
            (Where.sticky(), "Where.sticky()"),
            (Where.dated(), "Where.dated()"),
            (Where.tagged_any("Data"), "Where.tagged_any('Data')"),
            (Where.tagged_none("Data"), "Where.tagged_none('Data')"),
            (Where.since("2024"), "Where.since('2024-01-01')"),
            (Where.search("build"), "Where.search('build')"),
            (Where.match(bool), "Where.match(<class 'bool'>)"),
            (~Where.dated(), "~Where.dated()"),
            (
                Where.match(bool) | Where.sticky(),
                "(Where.match(<class 'bool'>) | Where.sticky())",
            ),
            (
                Where.match(bool) & Where.sticky(),
                "(Where.match(<class 'bool'>) & Where.sticky())",
            ),
        ],
    )
    @pytest.mark.parametrize(
        "thing",
        [
            "a title",
            None,
            object(),
            3,
            # A post's fields, but no Post.
            types.SimpleNamespace(**attrs.asdict(SAMPLE[1])),
        ],
    )
    def test_a_condition_called_on_what_is_not_a_post_names_it(
        self, condition: Where, named: str, thing: object
    ) -> None:
        """A condition called on something else raises a TypeError naming the
        condition (the whole of it, called) and the type, as related() does,
        not an AttributeError from inside (a review found
        `Where.sticky()("x")` did); a predicate of the caller's is never
        given it, nor is an object with a post's fields read as one."""
        with pytest.raises(TypeError) as raised:
            condition(thing)  # type: ignore[arg-type]
        assert str(raised.value) == f"{named} takes a Post, not {type(thing).__name__}"

    def test_tags_and_terms_given_as_a_str_subclass_are_kept_as_text(self) -> None:
        """A tag or a term given as a str's subclass (numpy.str_) is kept as
        a plain str, as a post keeps its tags: the condition folds it with
        str.casefold, shows and pickles it as text (a review found a
        subclass's own casefold used, and its type in the repr)."""

        class Odd(str):
            def casefold(self) -> str:
                return "never"

            def __repr__(self) -> str:
                return "Odd()"

        for make in (Where.tagged_any, Where.tagged_all, Where.search):
            condition = make(Odd("DATA"))
            assert condition == make("DATA")
            assert repr(condition) == f"Where.{make.__name__}('DATA')"
            assert len(SAMPLE.filter(condition)) == len(SAMPLE.filter(make("DATA")))
            assert pickle.loads(pickle.dumps(condition)) == condition
        found = SAMPLE.filter(Where.tagged_any(Odd("Data")))
        assert len(found) == len(SAMPLE.filter(Where.tagged_any("Data"))) > 0

    def test_dates_given_as_a_date_subclass_are_kept_as_plain_dates(self) -> None:
        """A date given as a subclass of datetime.date (with its own
        isoformat() and toordinal()) is a plain date of its day, as a post
        keeps its date: the condition equals, shows, pickles, copies and
        filters as the plain day's (a review found a subclass's isoformat()
        in the repr, a pickle that would not load, and posts of the day not
        matched)."""

        class Odd(datetime.date):
            def isoformat(self) -> str:
                return self.strftime("%d/%m/%Y")

            def toordinal(self) -> int:
                return 1

        day = SAMPLE[4].date
        assert day is not None
        odd = Odd(day.year, day.month, day.day)
        makers: list[Callable[[datetime.date], Where]] = [
            Where.on,
            Where.since,
            Where.before,
            lambda date: Where.between(date, date + datetime.timedelta(days=1)),
        ]
        for make in makers:
            condition, plain = make(odd), make(day)
            assert condition == plain and hash(condition) == hash(plain)
            assert repr(condition) == repr(plain)
            for back in (
                pickle.loads(pickle.dumps(condition)),
                copy.deepcopy(condition),
            ):
                assert back == plain
            assert SAMPLE.filter(condition) == SAMPLE.filter(plain)
        assert SAMPLE[4] in SAMPLE.filter(Where.on(odd))

    def test_a_condition_tests_one_post(self) -> None:
        """Calling a condition on a post says whether it matches."""
        dashboards = SAMPLE[4]
        assert Where.tagged_all("data", "DESIGN")(dashboards) is True
        assert Where.before("2025-03-03")(dashboards) is False

    def test_conditions_are_immutable(self) -> None:
        """No field of a condition can be set or deleted."""
        condition = Where.tagged_any("Data")
        with pytest.raises(
            AttributeError, match=r"^a condition is immutable; cannot set 'tags'$"
        ):
            condition.tags = ("Go",)  # type: ignore[attr-defined]
        with pytest.raises(
            AttributeError, match=r"^a condition is immutable; cannot delete 'tags'$"
        ):
            del condition.tags  # type: ignore[attr-defined]
        assert condition == Where.tagged_any("Data")

    def test_a_condition_equals_only_a_condition(self) -> None:
        """Comparing with anything else is simply unequal."""
        assert Where.sticky() != "Where.sticky()"
        assert Where.dated() != Where.sticky()
        assert Where.search("a") != Where.search("b")

    @pytest.mark.parametrize(
        "condition",
        [
            Where.tagged_any("Data", "go"),
            Where.tagged_none("Data"),
            Where.between("2024", "2025-02-03"),
            Where.month(2024, 2),
            Where.sticky(),
            ~Where.dated(),
            Where.search("build", "Latency"),
            Where.match(bool),
            Where.sticky() & Where.since("2024") | Where.tagged_all("a", "b"),
        ],
        ids=repr,
    )
    def test_conditions_pickle_and_copy(self, condition: Where) -> None:
        """A condition survives pickle and deepcopy, equal and testing the same."""
        for back in (
            pickle.loads(pickle.dumps(condition)),
            copy.deepcopy(condition),
        ):
            assert back == condition and hash(back) == hash(condition)
            assert repr(back) == repr(condition)
            assert SAMPLE.filter(back) == SAMPLE.filter(condition)

    def test_only_conditions_combine(self) -> None:
        """A plain callable does not combine with &; wrap it in Where.match."""
        with pytest.raises(TypeError):
            Where.sticky() & (lambda p: True)  # type: ignore[operator]
        with pytest.raises(TypeError):
            Where.sticky() | "Data"  # type: ignore[operator]

    @pytest.mark.parametrize("op", [operator.and_, operator.or_])
    @pytest.mark.parametrize("reflected", [False, True])
    @pytest.mark.parametrize(
        ("other", "message"),
        [
            (1, "{} combines a Where with another Where, not int"),
            ("Data", "{} combines a Where with another Where, not str"),
            (
                lambda post: True,
                "{} combines a Where with another Where, not function; "
                "wrap a function in Where.match(...) to combine it",
            ),
            (
                len,
                "{} combines a Where with another Where, not "
                "builtin_function_or_method; "
                "wrap a function in Where.match(...) to combine it",
            ),
        ],
    )
    def test_combining_with_a_non_condition_says_how(
        self,
        op: Callable[[object, object], object],
        reflected: bool,
        other: object,
        message: str,
    ) -> None:
        """Either side: the message names Where, not a private class, and
        points a function to Where.match."""
        symbol = "&" if op is operator.and_ else "|"
        for condition in (Where.sticky(), Where.year(2024)):
            args = (other, condition) if reflected else (condition, other)
            with pytest.raises(TypeError) as caught:
                op(*args)
            assert str(caught.value) == message.format(symbol)

    # Every constructor of Where, as a user may forget its parentheses.
    CONSTRUCTORS = sorted(
        name
        for name, member in vars(Where).items()
        if isinstance(member, staticmethod) and not name.startswith("_")
    )

    @pytest.mark.parametrize("name", CONSTRUCTORS)
    @pytest.mark.parametrize("listing", [SAMPLE, Listing()], ids=["sample", "empty"])
    def test_a_constructor_not_called_is_named(
        self, name: str, listing: Listing
    ) -> None:
        """Where.sticky for Where.sticky(): filter says to call it, even on an
        empty listing (where, called with each post, it would never fail),
        not a message about the constructor's own arguments ("a tag must be
        a str, not Post")."""
        constructor = getattr(Where, name)
        # The two that take nothing are called with nothing.
        call = (
            f"Where.{name}()" if name in {"sticky", "dated"} else f"Where.{name}(...)"
        )
        said = (
            f"Where.{name} is what makes a condition, not a condition: "
            f"call it, as in {call}"
        )
        with pytest.raises(TypeError) as caught:
            listing.filter(constructor)
        assert str(caught.value) == (
            f"a condition is a Where or a callable taking a Post; {said}"
        )
        with pytest.raises(TypeError) as caught:
            Where.match(constructor)
        assert (
            str(caught.value) == f"Where.match() takes a callable taking a Post; {said}"
        )
        for args in ((Where.sticky(), constructor), (constructor, Where.sticky())):
            with pytest.raises(TypeError) as caught:
                args[0] & args[1]
            assert str(caught.value) == (
                f"& combines a Where with another Where, not function; {said}"
            )

    @pytest.mark.parametrize(
        ("build", "said"),
        [
            (
                lambda: Where.tagged_any(["Data", "People"]),  # type: ignore[arg-type]
                "a tag must be a str, not list; pass each tag as its own "
                "argument (*tags unpacks a list)",
            ),
            (
                lambda: Where.tagged_none(("Data",)),  # type: ignore[arg-type]
                "a tag must be a str, not tuple; pass each tag as its own "
                "argument (*tags unpacks a list)",
            ),
            (
                lambda: Where.search({"build"}),  # type: ignore[arg-type]
                "a search term must be a str, not set; pass each search term "
                "as its own argument (*terms unpacks a list)",
            ),
            (
                lambda: Where.tagged_any(frozenset({"Data"})),  # type: ignore[arg-type]
                "a tag must be a str, not frozenset; pass each tag as its own "
                "argument (*tags unpacks a list)",
            ),
            (
                lambda: Where.tagged_any({"Data": 1}.keys()),  # type: ignore[arg-type]
                "a tag must be a str, not dict_keys; pass each tag as its own "
                "argument (*tags unpacks a list)",
            ),
            (
                lambda: Where.search(iter(["build"])),  # type: ignore[arg-type]
                "a search term must be a str, not list_iterator; pass each search "
                "term as its own argument (*terms unpacks a list)",
            ),
            (lambda: Where.tagged_all(7), "a tag must be a str, not int"),  # type: ignore[arg-type]
            (lambda: Where.tagged_all(b"Data"), "a tag must be a str, not bytes"),  # type: ignore[arg-type]
        ],
    )
    def test_a_list_given_as_one_word_says_to_unpack_it(
        self, build: Any, said: str
    ) -> None:
        """Tags or search terms given as one list (a common slip: the
        constructors take each as its own argument) say how to pass them."""
        with pytest.raises(TypeError) as caught:
            build()
        assert str(caught.value) == said

    @pytest.mark.parametrize("listing", [SAMPLE, Listing()], ids=["sample", "empty"])
    def test_the_class_where_is_not_a_condition(self, listing: Listing) -> None:
        """Where itself, passed where a condition goes, is refused at once,
        even on an empty listing, where no post would ever call it; and so is
        a subclass of it, which would make a condition of each post."""
        said = (
            "Where itself is not a condition: build one with a static method "
            "such as Where.tagged_any(...)"
        )
        with pytest.raises(TypeError) as caught:
            listing.filter(Where)  # type: ignore[arg-type]
        assert str(caught.value) == (
            f"a condition is a Where or a callable taking a Post; {said}"
        )
        with pytest.raises(TypeError) as caught:
            Where.match(Where)  # type: ignore[arg-type]
        assert (
            str(caught.value) == f"Where.match() takes a callable taking a Post; {said}"
        )
        with pytest.raises(TypeError) as caught:
            Where.sticky() | Where
        assert (
            str(caught.value)
            == f"| combines a Where with another Where, not type; {said}"
        )

        class Mine(Where):
            __slots__ = ()

        with pytest.raises(TypeError) as caught:
            listing.filter(Mine)  # type: ignore[arg-type]
        assert str(caught.value) == (
            "a condition is a Where or a callable taking a Post; the class Mine "
            "is not a condition: build one with a static method such as "
            "Where.tagged_any(...)"
        )

    def test_a_callable_like_a_constructor_is_a_condition(self) -> None:
        """Only Where's own constructors are refused: a function of the
        same name, a callable with no hash, and a callable whose == says
        it equals anything are called with each post, as before."""

        def sticky(post: Post) -> bool:
            return post.sticky

        class Unhashable:
            __hash__ = None  # type: ignore[assignment]

            def __call__(self, post: Post) -> bool:
                return post.sticky

        class EqualsAll:
            def __eq__(self, other: object) -> bool:
                return True

            __hash__ = object.__hash__

            def __call__(self, post: Post) -> bool:
                return post.sticky

        want = [post for post in SAMPLE if post.sticky]
        for condition in (sticky, Unhashable(), EqualsAll()):
            assert list(SAMPLE.filter(condition)) == want
            assert list(SAMPLE.filter(Where.match(condition))) == want

    def test_equality_with_a_non_condition_is_false(self) -> None:
        """== still defers to the other operand, and ends False."""
        assert Where.sticky() != 1
        assert 1 != Where.sticky()  # noqa: SIM300  # the reflected side
        assert Where.sticky().__eq__(1) is NotImplemented
        assert Where.sticky() != Where.dated()


class TestTagFilter:
    def test_any_of(self) -> None:
        """tagged_any keeps the posts carrying at least one of the tags."""
        found = SAMPLE.filter(Where.tagged_any("Mobile", "People"))
        assert at(found) == [2, 6, 7]

    def test_all_of(self) -> None:
        """tagged_all keeps the posts carrying every one of the tags."""
        found = SAMPLE.filter(Where.tagged_all("Data", "Data Science"))
        assert at(found) == [4, 11]

    def test_none_of(self) -> None:
        """tagged_none keeps the posts carrying none of the tags, untagged ones too."""
        found = SAMPLE.filter(Where.tagged_none("Data", "Data Science"))
        assert at(found) == [0, 2, 3, 6, 7, 8, 9, 10]

    @pytest.mark.parametrize(
        "spelling", ["data science", "DATA SCIENCE", "Data Science"]
    )
    def test_tags_compare_case_insensitively(self, spelling: str) -> None:
        """Any spelling of a tag finds the posts carrying it."""
        found = SAMPLE.filter(Where.tagged_any(spelling))
        assert at(found) == [4, 5, 11]

    def test_case_folding_is_full_not_lower(self) -> None:
        """Tags compare with casefold, so "STRASSE" matches "Straße"."""
        listing = Listing([post("A", tags=["Straße"]), post("B", tags=["Strasse"])])
        assert titles(listing.filter(Where.tagged_any("STRASSE"))) == ["A", "B"]

    @pytest.mark.parametrize(
        "build", [Where.tagged_any, Where.tagged_all, Where.tagged_none]
    )
    def test_an_empty_tag_set_is_an_error(self, build: Callable[..., Where]) -> None:
        """No tags is a ValueError, never "match everything"."""
        with pytest.raises(ValueError, match="at least one tag"):
            build()

    @pytest.mark.parametrize("tag", ["", "  "])
    def test_a_blank_tag_is_an_error(self, tag: str) -> None:
        """A blank name cannot be a tag."""
        with pytest.raises(ValueError, match="blank"):
            Where.tagged_any("Data", tag)

    def test_a_list_of_tags_must_be_unpacked(self) -> None:
        """Tags are separate arguments; a list passed whole is a TypeError."""
        with pytest.raises(TypeError, match="must be a str"):
            Where.tagged_any(["Data"])  # type: ignore[arg-type]

    def test_an_unknown_tag_matches_nothing(self) -> None:
        """A tag no post carries gives an empty listing, with the diagnostics kept."""
        found = SAMPLE.filter(Where.tagged_any("Nope"))
        assert len(found) == 0 and found.diagnostics == SAMPLE.diagnostics

    def test_a_repeated_tag_counts_once(self) -> None:
        """A post whose tags repeat a name (in any case) is found once."""
        twice = post("Twice", tags=["Data", "data", "Data"])
        listing = Listing([twice, post("Other", tags=["Data"])])
        assert same(listing.filter(Where.tagged_any("data")), [twice, listing[1]])

    def test_the_same_post_twice_is_found_twice(self) -> None:
        """A post standing twice in a listing is found at both places."""
        a, b = post("A", tags=["Data"]), post("B", tags=["Go"])
        listing = Listing([a, a, b, a])
        assert same(listing.filter(Where.tagged_any("data")), [a, a, a])
        assert same(listing.filter(Where.tagged_any("data", "go")), [a, a, b, a])

    def test_small_and_large_candidate_sets_agree(self) -> None:
        """Checking a common tag among few candidates gives what checking all gives."""
        rare = post("Rare", tags=["Rare", "Common"])
        listing = Listing([post(f"P{i}", tags=["Common"]) for i in range(20)] + [rare])
        assert same(listing.filter(Where.tagged_all("rare", "common")), [rare])
        assert same(
            listing.filter(Where.tagged_none("rare"), Where.tagged_any("common")),
            listing[:20],
        )

    def test_the_index_is_built_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The tag index is made on first use and kept by the (immutable) listing."""
        built: list[int] = []

        def counting(posts: tuple[Post, ...]) -> object:
            built.append(len(posts))
            return build(posts)

        build = bloglist._index._tag_index_of
        monkeypatch.setattr(bloglist._index, "_tag_index_of", counting)
        listing = SAMPLE[:]
        listing.filter(Where.sticky())
        assert built == []
        listing.filter(Where.tagged_any("Data"))
        listing.filter(Where.tagged_all("Data", "Product"))
        listing.count_by("tag")
        listing.related(listing[4])
        assert built == [12]
        listing[:5].count_by("tag")
        assert built == [12, 5]

    @given(listings(), st.lists(TAG_NAMES, min_size=1, max_size=3))
    def test_any_all_none_match_a_plain_reference(
        self, listing: Listing, tags: list[str]
    ) -> None:
        """Each tag filter keeps exactly what a plain comprehension keeps."""
        wanted = folded(tags)
        any_of = [p for p in listing if wanted & folded(p.tags)]
        all_of = [p for p in listing if wanted <= folded(p.tags)]
        none_of = [p for p in listing if not wanted & folded(p.tags)]
        assert same(listing.filter(Where.tagged_any(*tags)), any_of)
        assert same(listing.filter(Where.tagged_all(*tags)), all_of)
        assert same(listing.filter(Where.tagged_none(*tags)), none_of)


class TestDateFilter:
    LISTING = Listing(
        [
            post("Dec 31", D(2023, 12, 31)),
            post("Jan 1", D(2024, 1, 1)),
            post("Undated"),
            post("Feb 29", D(2024, 2, 29)),
            post("Mar 1", D(2024, 3, 1)),
        ]
    )

    def found(self, *conditions: Where) -> list[str]:
        return titles(self.LISTING.filter(*conditions))

    def test_since_includes_its_day(self) -> None:
        """since(d) keeps posts dated d and later."""
        assert self.found(Where.since(D(2024, 2, 29))) == ["Feb 29", "Mar 1"]

    def test_before_excludes_its_day(self) -> None:
        """before(d) keeps posts dated strictly before d."""
        assert self.found(Where.before(D(2024, 2, 29))) == ["Dec 31", "Jan 1"]

    def test_between_is_half_open(self) -> None:
        """between(a, b) keeps a <= date < b: a in, b out."""
        assert self.found(Where.between("2024-01-01", "2024-03-01")) == [
            "Jan 1",
            "Feb 29",
        ]

    def test_adjacent_ranges_split_without_overlap(self) -> None:
        """Consecutive half-open ranges hold each dated post exactly once."""
        ranges = [("2023", "2024"), ("2024", "2024-02-29"), ("2024-02-29", "2025")]
        found = [t for a, b in ranges for t in self.found(Where.between(a, b))]
        assert sorted(found) == sorted(
            t for t in titles(self.LISTING) if t != "Undated"
        )

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("2024", D(2024, 1, 1)),
            ("2024-02", D(2024, 2, 1)),
            ("2024-02-29", D(2024, 2, 29)),
        ],
    )
    def test_partial_iso_bounds_mean_the_start_of_the_period(
        self, text: str, day: datetime.date
    ) -> None:
        """ "2024" is Jan 1, 2024 and "2024-02" is Feb 1, 2024, in every bound."""
        assert Where.since(text) == Where.since(day)
        assert Where.before(text) == Where.before(day)
        assert self.found(Where.before(text)) == self.found(Where.before(day))

    def test_a_year_bound_before_excludes_that_year(self) -> None:
        """before("2024") stops at Jan 1, 2024: no 2024 post is kept."""
        assert self.found(Where.before("2024")) == ["Dec 31"]

    def test_on_needs_a_whole_date(self) -> None:
        """on() takes one day; a year or month alone is refused with a hint."""
        assert self.found(Where.on("2024-02-29")) == ["Feb 29"]
        with pytest.raises(ValueError, match=r"Where.year\(\) or Where.month\(\)"):
            Where.on("2024-02")

    def test_year_and_month(self) -> None:
        """year() and month() keep the posts of that calendar period."""
        assert self.found(Where.year(2024)) == ["Jan 1", "Feb 29", "Mar 1"]
        assert self.found(Where.month(2024, 2)) == ["Feb 29"]
        assert self.found(Where.month(2023, 12)) == ["Dec 31"]

    def test_undated_posts_never_match_a_date_condition(self) -> None:
        """No date condition, however wide, keeps an undated post."""
        for condition in [
            Where.since("0001-01-01"),
            Where.before("9999-12-31"),
            Where.between("0001", "9999"),
            Where.year(2024),
            Where.dated(),
        ]:
            assert "Undated" not in self.found(condition)

    def test_the_negation_of_a_date_condition_keeps_undated_posts(self) -> None:
        """~ is plain negation: ~since(d) holds undated posts as well as earlier ones."""
        assert self.found(~Where.since("2024")) == ["Dec 31", "Undated"]
        assert self.found(~Where.dated()) == ["Undated"]

    def test_the_ends_of_the_calendar(self) -> None:
        """The first and last representable days work in every condition."""
        listing = Listing([post("Max", D.max), post("Min", D.min)])
        assert titles(listing.filter(Where.since(D.max))) == ["Max"]
        assert titles(listing.filter(Where.year(9999))) == ["Max"]
        assert titles(listing.filter(Where.month(9999, 12))) == ["Max"]
        assert titles(listing.filter(Where.before("0001-01-02"))) == ["Min"]

    def test_the_last_months_of_the_calendar(self) -> None:
        """In the year 9999, month() keeps that month's posts only, and year()
        the whole year, as a filter on the dates' year and month does."""
        listing = Listing(
            [
                post("Nov 30", D(9999, 11, 30)),
                post("Dec 15", D(9999, 12, 15)),
                post("Dec 31", D(9999, 12, 31)),
                post("Oct 1", D(9999, 10, 1)),
                post("Undated"),
            ]
        )
        dated = [p for p in listing if p.date is not None]
        for month in (10, 11, 12):
            expected = [
                p
                for p in listing
                if p.date is not None and (p.date.year, p.date.month) == (9999, month)
            ]
            assert same(listing.filter(Where.month(9999, month)), expected), month
        assert same(listing.filter(Where.year(9999)), dated)
        assert titles(listing.filter(Where.month(9999, 11))) == ["Nov 30"]

    @pytest.mark.parametrize(
        "text", ["24", "2024-3", "2024/03/01", "March 2024", "20240301", "", "2024-7-1"]
    )
    def test_other_strings_are_refused(self, text: str) -> None:
        """Only YYYY, YYYY-MM and YYYY-MM-DD are read, and the message says
        so; Where.on's names the whole date alone, as it takes no other (its
        message named the start of a month or year, which it then refused)."""
        partial = (
            "write YYYY-MM-DD, or YYYY-MM or YYYY for the start of a month or year"
        )
        conditions: list[tuple[Callable[[str], Where], str]] = [
            (Where.since, "start"),
            (Where.before, "end"),
            (functools.partial(Where.between, "0001"), "end"),
        ]
        for where, what in conditions:
            with pytest.raises(ValueError, match="is not an ISO date") as caught:
                where(text)
            assert str(caught.value) == f"{what} {text!r} is not an ISO date; {partial}"
        with pytest.raises(ValueError, match="is not an ISO date") as caught:
            Where.on(text)
        assert str(caught.value) == f"day {text!r} is not an ISO date; write YYYY-MM-DD"

    @pytest.mark.parametrize("text", ["2023-02-29", "2024-13", "0000"])
    def test_impossible_days_are_refused(self, text: str) -> None:
        """A string in the right shape must still name a real date; said so
        before a whole date's missing day (Where.on wants one)."""
        with pytest.raises(ValueError, match=f"^start '{text}' is not a real date$"):
            Where.since(text)
        with pytest.raises(ValueError, match=f"^day '{text}' is not a real date$"):
            Where.on(text)
        # between names which of its two arguments is wrong.
        with pytest.raises(ValueError, match=f"^end '{text}' is not a real date$"):
            Where.between("0001", text)
        with pytest.raises(ValueError, match=f"^start '{text}' is not a real date$"):
            Where.between(text, "9999")
        # datetime's own reason, which says less, is not shown with it.
        with pytest.raises(ValueError, match="is not a real date") as caught:
            Where.since(text)
        assert caught.value.__suppress_context__

    def test_datetimes_and_other_types_are_refused(self) -> None:
        """A datetime would compare wrongly with dates; it is a TypeError with a hint."""
        with pytest.raises(TypeError, match=r"\.date\(\)"):
            Where.since(datetime.datetime(2024, 1, 1))
        message = "end must be a datetime.date or an ISO date string, not int"
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            Where.before(2024)  # type: ignore[arg-type]

    def test_an_empty_or_reversed_range_is_an_error(self) -> None:
        """between(a, b) needs a < b; reversed bounds are a mistake, not an empty result."""
        with pytest.raises(ValueError, match="must come before"):
            Where.between("2024", "2023")
        with pytest.raises(ValueError, match="must come before"):
            Where.between("2024", "2024-01-01")

    @pytest.mark.parametrize(
        ("year", "month"), [(2024, 0), (2024, 13), (0, 1), (10000, 1)]
    )
    def test_out_of_range_periods_are_refused(self, year: int, month: int) -> None:
        """Months run 1..12 and years 1..9999."""
        with pytest.raises(ValueError, match="out of range"):
            Where.month(year, month)

    @given(listings(), DAYS, DAYS)
    def test_ranges_match_a_plain_reference(
        self, listing: Listing, a: datetime.date, b: datetime.date
    ) -> None:
        """since, before and between keep what a comprehension over dates keeps."""
        lo, hi = min(a, b), max(a, b) + datetime.timedelta(days=1)
        dated = [p for p in listing if p.date is not None]
        assert same(listing.filter(Where.since(lo)), [p for p in dated if p.date >= lo])  # type: ignore[operator]
        assert same(listing.filter(Where.before(hi)), [p for p in dated if p.date < hi])  # type: ignore[operator]
        assert same(
            listing.filter(Where.between(lo, hi)),
            [p for p in dated if lo <= p.date < hi],  # type: ignore[operator]
        )


# The first and the last day of the calendar.
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
    """Date conditions and date sorts at the first and the last day.

    The other date tests here draw their dates from a few weeks around a new
    year; these look at the ends of the calendar (0001-01-01 and
    9999-12-31), where the ranges of the date conditions and the place of
    undated posts in a sort meet the edges of ``datetime.date``, each checked
    against plain Python."""

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


@pytest.mark.parametrize(
    ("year", "month", "error", "message"),
    [
        (0, 13, ValueError, "year 0 is out of range 1..9999"),
        ("x", 13, TypeError, "year must be an int, not str"),
        (2024, 13, ValueError, "month 13 is out of range 1..12"),
    ],
)
def test_month_reports_its_first_bad_argument(
    year: object, month: int, error: type[Exception], message: str
) -> None:
    """``Where.month`` reports its first bad argument first: a wrong type of
    year before a month out of range."""
    with pytest.raises(error) as caught:
        Where.month(year, month)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize("end", ["2024-13", "2024-02-30"])
def test_before_names_its_end_in_its_error(end: str) -> None:
    """``Where.before``'s error names its argument as ``end``."""
    with pytest.raises(ValueError, match="end") as caught:
        Where.before(end)
    assert str(caught.value) == f"end {end!r} is not a real date"


class TestOtherConditions:
    def test_sticky_and_not(self) -> None:
        """sticky() keeps sticky posts; ~sticky() the others."""
        assert at(SAMPLE.filter(Where.sticky())) == [
            1,
            2,
            5,
            9,
            11,
        ]
        assert len(SAMPLE.filter(~Where.sticky())) == 7

    def test_dated_and_undated(self) -> None:
        """dated() keeps posts with a date; ~dated() the undated ones."""
        assert at(SAMPLE.filter(~Where.dated())) == [0, 2, 8]

    def test_search_needs_every_term_in_any_case(self) -> None:
        """Each term must occur, in the title or the excerpt, ignoring case."""
        found = SAMPLE.filter(Where.search("BUILD", "years"))
        assert titles(found) == [
            "Migrating 200 Services to a New Build System, Seamlessly"
        ]
        # Terms match inside words: "Building" holds "build".
        found = SAMPLE.filter(Where.search("build"))
        assert at(found) == [0, 7, 9]

    @pytest.mark.parametrize("phrase", [False, True])
    def test_search_finds_an_accent_however_it_is_encoded(self, phrase: bool) -> None:
        """An é of one character (NFC) and of two (e and a combining acute,
        as text copied on macOS has it) are one letter to a search, in the
        post and in the term, in any case (a review found none matched the
        other); with a space in the term too, which folds the text otherwise."""
        composed, decomposed = "Caf\u00e9 notes", "CAFE\u0301 NOTES"
        listing = Listing([post(composed), post("Other", excerpt=decomposed)])
        for term in ("caf\u00e9", "cafe\u0301"):
            terms = (term + " notes",) if phrase else (term,)
            assert list(listing.filter(Where.search(*terms))) == list(listing)
        assert Where.search("caf\u00e9") == Where.search("CAFE\u0301")
        # Not a looser match: an e with no accent is another letter.
        assert len(listing.filter(Where.search("cafe notes"))) == 0

    def test_a_letter_case_folding_takes_apart_keeps_its_accent(self) -> None:
        """Case folding writes some letters with a combining mark (ǰ, ΐ, ῆ:
        a letter with no composed lower case of its own); composed again
        after the folding, each is still another letter than its base, as é
        is not e: a search for the base finds none of them, a search for
        the letter finds it however it is written."""
        import unicodedata

        def base(letter: str) -> str:
            folded = unicodedata.normalize("NFD", letter.casefold())
            return "".join(c for c in folded if not unicodedata.combining(c))

        # Those whose composed folding does not hold their base letter (a
        # composition exclusion, such as Devanagari's क़, stays apart in NFC).
        apart = [
            c
            for c in map(chr, range(0x110000))
            if not 0xD800 <= ord(c) <= 0xDFFF
            and unicodedata.normalize("NFC", c.casefold()) != c.casefold()
            and base(c)
            and base(c) not in unicodedata.normalize("NFC", c.casefold())
        ]
        assert len(apart) >= 30  # 41 in Unicode 15
        for letter in apart:
            for written in (letter, unicodedata.normalize("NFD", letter)):
                assert not Where.search(base(letter))(post(written)), letter
                assert Where.search(letter)(post(written)), letter
        polytonic = Listing([post("Τῆς ἡμέρας"), post("ǰ is j with a caron")])
        assert len(polytonic.filter(Where.search("τη"))) == 0
        assert len(polytonic.filter(Where.search("j is"))) == 0

    @given(
        st.text(
            st.sampled_from(
                # Greek with iota subscripts and accents, their combining
                # marks (U+0345 is the iota subscript, which case folding
                # makes a letter), and Latin with and without an accent.
                "\u1fb3\u1fb4\u1f80\u1f84\u1fc3\u1ff3\u03b1\u03ac\u0391"
                "\u0301\u0313\u0342\u0345eE\u00e9\u00c9 "
            ),
            min_size=1,
            max_size=8,
        ),
        st.integers(0, 8),
    )
    @example("\u1fb3\u0301", 1)  # a review: ᾳ and an acute is ᾴ (U+1FB4)
    @example("\u1fb4\u0308", 0)  # ᾴ itself, the last of its range, decomposed
    def test_every_spelling_unicode_makes_one_is_one_text(
        self, text: str, cut: int
    ) -> None:
        """Two texts that Unicode's canonical equivalence makes one (here one
        composed up to a point and decomposed after it) are one text to a
        search, in the term and in the post, and one title to a sort."""
        import unicodedata

        def nfc(part: str) -> str:
            return unicodedata.normalize("NFC", part)

        def nfd(part: str) -> str:
            return unicodedata.normalize("NFD", part)

        assume(text.strip())
        other = nfc(text[:cut]) + nfd(text[cut:])
        assert nfc(other) == nfc(text)  # the same text, spelt otherwise
        assert Where.search(other) == Where.search(text)
        assert hash(Where.search(other)) == hash(Where.search(text))
        for term, written in ((text, other), (other, text)):
            assert Where.search(term)(post(written)), (term, written)
            assert Where.search(term + " x")(post(written + " x")), (term, written)
        # Equal titles keep their places whichever way they sort.
        listing = Listing([post(text), post(other)])
        for key in ("title", "-title"):
            assert list(listing.sort_by(key)) == list(listing), key

    def test_search_does_not_match_across_title_and_excerpt(self) -> None:
        """A term cannot start in the title and end in the excerpt."""
        listing = Listing([post("Cat", excerpt="Dog")])
        assert len(listing.filter(Where.search("cat"), Where.search("dog"))) == 1
        assert len(listing.filter(Where.search("catdog"))) == 0
        assert len(listing.filter(Where.search("cat dog"))) == 0

    def test_a_term_with_a_line_break_does_not_join_title_and_excerpt(self) -> None:
        """A term holding a line break matches a title or excerpt that holds
        it (a Post built by hand may), never the end of the title and the
        start of the excerpt."""
        apart = post("foo", excerpt="bar")
        for term in ("o\nb", "foo\nbar"):
            assert not Where.search(term)(apart)
            assert len(Listing([apart]).filter(Where.search(term))) == 0
        broken = post("foo\nbar", excerpt="baz")
        assert Where.search("O\nB")(broken)
        assert len(Listing([broken]).filter(Where.search("O\nB"))) == 1

    def test_search_reads_every_whitespace_character_as_a_space(self) -> None:
        """A no-break space (the real listing holds some), a tab, an ideographic
        space...: each character str.isspace() calls whitespace matches a
        space of a term, and a space matches it, as a browser's find does."""
        spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
        assert len(spaces) > 20
        for space in spaces:
            text = post(f"Part{space}II", excerpt=f"early.{space}Here")
            assert Where.search("part ii")(text), repr(space)
            assert Where.search("Y. HERE")(text), repr(space)
            assert Where.search(f"PART{space}ii")(post("Part II")), repr(space)
            assert Where.search(f"part{space}ii") == Where.search("Part Ii")
            assert len(Listing([text]).filter(Where.search("part ii"))) == 1
        # Not a space: a zero-width space is no whitespace, and a word stays
        # a word.
        assert not Where.search("part ii")(post("Part\u200bII"))
        assert not Where.search("part ii")(post("PartII"))

    def test_search_finds_the_sample_s_no_break_space_by_a_space(self) -> None:
        """The bundled sample's excerpt holds 'early.\\xa0Here'."""
        found = SAMPLE.filter(Where.search("look early. here"))
        assert len(found) == 1
        assert "early.\xa0Here" in found[0].excerpt

    def test_search_needs_a_term(self) -> None:
        """No term, or a blank one, is a ValueError."""
        with pytest.raises(ValueError, match="at least one term"):
            Where.search()
        with pytest.raises(ValueError, match="blank"):
            Where.search(" ")

    def test_a_user_predicate(self) -> None:
        """match() and a plain callable both filter by your own test."""

        def many(p: Post) -> bool:
            return len(p.tags) >= 3

        assert SAMPLE.filter(Where.match(many)) == SAMPLE.filter(many)
        assert at(SAMPLE.filter(many)) == [1, 4, 9, 11]

    def test_truthy_results_of_a_predicate_count(self) -> None:
        """A predicate may return any object; its truth decides."""
        assert len(SAMPLE.filter(lambda p: p.tags)) == 10

    def test_match_needs_a_callable(self) -> None:
        """A non-callable predicate is a TypeError."""
        with pytest.raises(
            TypeError, match=r"^Where\.match\(\) takes a callable, not int$"
        ):
            Where.match(3)  # type: ignore[arg-type]


class TestAConditionCalledOnAPost:
    """A condition called on one post answers a bool."""

    def test_a_match_condition_answers_a_bool(self) -> None:
        """`Where.match(predicate)(post)` says True or False, whatever the
        predicate returns (filtering took its truth already)."""
        from bloglist import Where

        post = Post(title="One", tags=["a", "b"])
        assert Where.match(lambda p: p.title)(post) is True
        assert Where.match(lambda p: len(p.tags))(post) is True
        assert Where.match(lambda p: "")(post) is False
        assert Where.match(lambda p: None)(post) is False


class TestSearchMixingPhraseAndWord:
    def test_a_phrase_matches_any_whitespace_beside_a_plain_word(self) -> None:
        """Once one term is a phrase, a post's text is read with every kind
        of whitespace as a space, so that ``"new york"`` finds a no-break
        space or a tab even when a plain word is searched for beside it, as
        it does alone."""
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


def test_search_folds_combining_marks_in_their_canonical_order() -> None:
    """A search matches caselessly as Unicode does, NFD(casefold(NFD(text))):
    combining marks that Unicode reorders are folded in their canonical
    order, not as if the text were composed first."""
    # alpha, iota subscript (combining class 240), diaeresis (230): NFD puts
    # the diaeresis first, on the alpha, and case-folding makes the
    # subscript an iota.
    listing = Listing(
        [
            Post(title="\u03b1\u0345\u0308", excerpt="x"),
            Post(title="\u03b1\u0308\u0345"),
        ]
    )
    assert len(listing.filter(Where.search("\u03b1\u0308\u03b9"))) == 2
    assert len(listing.filter(Where.search("\u03b1\u03ca"))) == 0  # iota with diaeresis


class TestComposition:
    def test_and_or_not(self) -> None:
        """&, | and ~ combine conditions as and, or and not."""
        data, recent = Where.tagged_any("Data"), Where.since("2025")
        assert at(SAMPLE.filter(data & recent)) == [1, 4]
        assert at(SAMPLE.filter(data | recent)) == [1, 3, 4, 11]
        assert at(SAMPLE.filter(data & ~recent)) == [11]

    def test_several_conditions_are_all_required(self) -> None:
        """filter(a, b, c) is filter(a & b & c)."""
        args = (Where.tagged_any("Data"), Where.sticky(), lambda p: p.truncated)
        assert SAMPLE.filter(*args) == SAMPLE.filter(
            args[0] & args[1] & Where.match(args[2])
        )

    def test_no_condition_keeps_every_post(self) -> None:
        """filter() with no condition is the listing itself, as all() of nothing is true."""
        listing = bloglist.loads("\nA\n\nx\nT\nStray")
        assert listing.filter() is listing
        conditions: list[Where] = []
        assert same(SAMPLE.filter(*conditions), SAMPLE)

    def test_a_non_condition_is_an_error(self) -> None:
        """Only Where objects and callables are conditions."""
        with pytest.raises(TypeError, match="not str"):
            SAMPLE.filter("Data")  # type: ignore[arg-type]

    @given(listings(), st.lists(CONDITIONS, min_size=1, max_size=3))
    def test_filter_matches_testing_each_post(
        self, listing: Listing, conditions: list[Where]
    ) -> None:
        """The indexed, column-wise filter keeps exactly the posts each condition accepts."""
        expected = [p for p in listing if all(c(p) for c in conditions)]
        assert same(listing.filter(*conditions), expected)


class TestResults:
    def test_results_are_listings_that_keep_diagnostics(self) -> None:
        """Every derived listing carries the diagnostics of the text it came from."""
        listing = bloglist.loads("sticky\nMar 5\n\nA\n\nx\nData\n\n\nB\n\nx\nData")
        assert listing.diagnostics
        derived = [
            listing.filter(Where.tagged_any("Data")),
            listing.filter(Where.year(2020)),
            listing.sort_by("title"),
            listing.first(1),
            listing.last(1),
            listing.page(1, size=1).posts,
            listing.related(listing[0]),
            *(group for _, group in listing.group_by("tag")),
            *(group for _, group in listing.group_by("month")),
            *(group for _, group in listing.group_by("sticky")),
        ]
        for result in derived:
            assert isinstance(result, Listing)
            assert result.diagnostics == listing.diagnostics

    def test_results_work_wherever_a_listing_does(self) -> None:
        """A query result writes back with dumps and reads back the same."""
        found = SAMPLE.filter(Where.tagged_any("Data")).sort_by("-date")
        assert bloglist.loads(bloglist.dumps(found)) == found

    def test_earlier_queries_do_not_change_later_ones(self) -> None:
        """The indexes one query builds and shares are not disturbed by the next.

        Each query runs on a listing that has already served all the others,
        and must give what it gives on a fresh listing of the same posts.
        """
        queries: list[Callable[[Listing], object]] = [
            lambda it: it.sort_by("-date", "title"),
            lambda it: it.sort_by("date", undated="first"),
            lambda it: it.sort_by("title", "-date", sticky_first=True),
            lambda it: it.filter(Where.tagged_all("Data", "Data Science")),
            lambda it: it.filter(~Where.since("2024"), Where.tagged_none("Mobile")),
            lambda it: it.group_by("tag"),
            lambda it: it.count_by("month"),
            lambda it: it.related(it[4]),
        ]
        shared = SAMPLE[:]
        for query in queries * 2:
            fresh = SAMPLE[:]
            assert query(shared) == query(fresh)


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


@pytest.fixture(scope="module")
def big() -> Listing:
    """60,000 posts: big enough for the code paths of big listings."""
    tags = ["Data", "data", "Go", "Python", "Rare"]
    return Listing(
        post(
            f"Post {i % 997}",
            None if i % 11 == 0 else D(2020, 1, 1) + datetime.timedelta(days=i % 1500),
            ["All", tags[i % 4], tags[i % 3 + 1]] + (["Rare"] if i % 1000 == 0 else []),
            sticky=i % 17 == 0,
        )
        for i in range(60_000)
    )


class TestBigListings:
    """Big listings take other code paths (lookup tables, identity sets)."""

    @pytest.mark.parametrize(
        "conditions",
        [
            (Where.year(2021),),
            (Where.between("2020-03", "2021-07-15"),),
            (~Where.since("2023"),),
            (Where.tagged_any("Go", "Rare"),),
            (Where.tagged_none("python"),),
            (Where.tagged_all("data", "GO"), Where.month(2022, 2)),
            (Where.tagged_any("rare"), Where.tagged_all("Data", "Python")),
            (Where.tagged_any("python") | Where.sticky(), Where.dated()),
            (Where.tagged_any("ALL"), Where.year(2021)),
        ],
        ids=repr,
    )
    def test_filters_match_testing_each_post(
        self, big: Listing, conditions: tuple[Where, ...]
    ) -> None:
        """On 60,000 posts, every filter keeps what testing each post keeps."""
        expected = [p for p in big if all(c(p) for c in conditions)]
        assert same(big.filter(*conditions), expected)

    def test_sort_and_group_match_plain_python(self, big: Listing) -> None:
        """On 60,000 posts, sorting and grouping agree with plain Python."""
        found = big.sort_by("-date", sticky_first=True)
        assert same(
            found, reference_sort(big, ["-date"], sticky_first=True, undated="last")
        )
        months = Counter(
            None if p.date is None else (p.date.year, p.date.month) for p in big
        )
        assert dict(big.count_by("month")) == months


# --- Sort ---------------------------------------------------------------------


class TestSort:
    def test_titles_compare_by_code_point_beyond_the_bmp(self) -> None:
        """An emoji (U+1F600) sorts after a character near the top of the
        first plane (U+FF21), as Python compares the case-folded titles; in
        UTF-16 its surrogates would put it first."""
        titles = [
            "\U0001f600 Party",
            "\uff21 wide",
            "Zebra",
            "\U00020000 rare",
            "éclair",
        ]
        listing = Listing([Post(title=title) for title in titles])
        expected = sorted(titles, key=str.casefold)
        assert [post.title for post in listing.sort_by("title")] == expected
        assert [post.title for post in listing.sort_by("-title")] == expected[::-1]

    def test_newest_first_with_undated_last(self) -> None:
        """-date puts the newest post first and undated posts at the end."""
        found = SAMPLE.sort_by("-date")
        assert at(found) == [
            1,
            4,
            3,
            5,
            6,
            7,
            9,
            10,
            11,
            8,
            2,
            0,
        ]

    def test_oldest_first_keeps_undated_last(self) -> None:
        """date (ascending) still puts undated posts last: not a reversal of -date."""
        found = SAMPLE.sort_by("date")
        assert at(found) == [
            11,
            10,
            9,
            7,
            6,
            5,
            3,
            4,
            1,
            8,
            2,
            0,
        ]

    @pytest.mark.parametrize("key", ["date", "-date"])
    def test_undated_first_on_request(self, key: Any) -> None:
        """undated="first" puts undated posts before the dated ones, in either direction."""
        found = SAMPLE.sort_by(key, undated="first")
        assert [p.date for p in found[:3]] == [None, None, None]
        assert found[3:] == SAMPLE.sort_by(key)[:9]

    def test_undated_posts_sort_among_themselves_by_title(self) -> None:
        """Undated posts tie on date, so title orders them."""
        found = SAMPLE.sort_by("-date")[-3:]
        assert at(found) == [8, 2, 0]

    def test_titles_compare_case_insensitively(self) -> None:
        """Sorting by title ignores case: "apple" comes before "Banana"."""
        listing = Listing([post("Banana"), post("apple"), post("Cherry")])
        assert titles(listing.sort_by("title")) == ["apple", "Banana", "Cherry"]
        assert titles(listing.sort_by("-title")) == ["Cherry", "Banana", "apple"]

    def test_ties_break_by_title_then_position(self) -> None:
        """Same date: by title; same title too: by position in the listing."""
        day = D(2024, 1, 1)
        b1, a, b2, c = post("b", day), post("A", day), post("B", day), post("c", day)
        listing = Listing([b1, a, b2, c, post("Old", D(2000, 1, 1))])
        assert same(listing.sort_by("-date")[:4], [a, b1, b2, c])
        assert same(listing.sort_by("date")[1:], [a, b1, b2, c])

    def test_descending_keeps_ties_in_order(self) -> None:
        """-date is not a reversed ascending sort: tied posts keep title order."""
        day = D(2024, 1, 1)
        listing = Listing([post("a", day), post("b", day), post("z", D(2024, 1, 2))])
        assert titles(listing.sort_by("-date")) == ["z", "a", "b"]
        assert titles(listing.sort_by("date")) == ["a", "b", "z"]

    def test_equal_posts_keep_their_positions(self) -> None:
        """Posts equal in every way stay in listing order: the order is total."""
        first, second = post("Same", D(2024, 1, 1)), post("Same", D(2024, 1, 1))
        listing = Listing([second, first])
        for key in ("date", "-date", "title", "-title"):
            assert same(listing.sort_by(key), [second, first])

    def test_sticky_first(self) -> None:
        """sticky_first puts sticky posts before the others, each part in key order."""
        found = SAMPLE.sort_by("-date", sticky_first=True)
        assert at(found) == [
            1,
            5,
            9,
            11,
            2,
            4,
            3,
            6,
            7,
            10,
            8,
            0,
        ]

    def test_sticky_first_alone_sorts_by_title(self) -> None:
        """With no other key, sticky posts come first and titles order the rest."""
        found = SAMPLE.sort_by(sticky_first=True)
        assert found[:5] == Listing(
            sorted(SAMPLE.filter(Where.sticky()), key=lambda p: p.title.casefold())
        )

    def test_several_keys(self) -> None:
        """The first key decides, the next breaks its ties, each in its own direction."""
        day = D(2024, 1, 1)
        listing = Listing([post("a", day), post("b", day), post("c", D(2025, 1, 1))])
        assert titles(listing.sort_by("date", "-title")) == ["b", "a", "c"]
        assert titles(listing.sort_by("-title", "date")) == ["c", "b", "a"]

    def test_a_key_is_needed(self) -> None:
        """sort_by() with no key and no sticky_first raises."""
        with pytest.raises(TypeError, match="needs a key"):
            SAMPLE.sort_by()

    @pytest.mark.parametrize(
        "keys",
        [("newest",), ("Date",), ("+date",), ("date", "-date"), ("title", "title")],
    )
    def test_bad_keys_are_refused(self, keys: tuple[Any, ...]) -> None:
        """Unknown keys, and a key given twice in any direction, are ValueErrors."""
        with pytest.raises(ValueError, match="sort key"):
            SAMPLE.sort_by(*keys)

    def test_bad_options_are_refused(self) -> None:
        """undated takes "first" or "last"; sticky_first takes a bool."""
        with pytest.raises(ValueError, match="undated"):
            SAMPLE.sort_by("date", undated="middle")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="sticky_first"):
            SAMPLE.sort_by("date", sticky_first=1)  # type: ignore[arg-type]

    @given(
        listings(),
        SORT_KEYS,
        st.booleans(),
        st.sampled_from(["first", "last"]),
    )
    def test_sorting_matches_a_plain_comparison(
        self, listing: Listing, keys: tuple[Any, ...], sticky_first: bool, undated: Any
    ) -> None:
        """The result is the order a key-by-key comparison function defines."""
        if not keys and not sticky_first:
            keys = ("title",)
        found = listing.sort_by(*keys, sticky_first=sticky_first, undated=undated)
        expected = reference_sort(
            listing, keys, sticky_first=sticky_first, undated=undated
        )
        assert same(found, expected)

    @given(listings(), SORT_KEYS.filter(bool))
    def test_sorting_twice_changes_nothing(
        self, listing: Listing, keys: tuple[Any, ...]
    ) -> None:
        """Sorting a sorted listing changes nothing."""
        once = listing.sort_by(*keys)
        assert same(once.sort_by(*keys), once)


@pytest.mark.parametrize("code", [0xD800, 0xDBFF, 0xDC00, 0xDFFF])
def test_a_title_with_a_lone_surrogate_sorts_after_its_prefix(code: int) -> None:
    """A title holding a lone surrogate, inside or outside the range that
    ``surrogateescape`` takes, sorts after its prefix, with no error."""
    surrogate = chr(code)
    posts = [Post(title=f"b{surrogate}", excerpt="x"), Post(title="a", excerpt="x")]
    posts.append(Post(title="b", excerpt="x"))
    titles = [post.title for post in Listing(posts).sort_by("title")]
    assert titles == ["a", "b", f"b{surrogate}"]


def test_every_letter_holding_an_iota_subscript_folds_as_its_spellings() -> None:
    """Each character whose decomposition holds the iota subscript (U+0345),
    with a combining mark after it, is one text with its decomposed
    spelling: search finds the one by the other, and the two conditions are
    equal. The rule's list of such letters is checked whole, ends of its
    ranges included."""
    holding = [
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF
        and "\u0345" in unicodedata.normalize("NFD", chr(code))
    ]
    assert len(holding) > 60
    for char in holding:
        text = char + "\u0308"
        spelled = unicodedata.normalize("NFD", text)
        assert Where.search(text)(Post(title=spelled, excerpt="x")), ascii(char)
        assert Where.search(text) == Where.search(spelled), ascii(char)


def test_titles_with_lone_surrogates_sort_by_their_code_points() -> None:
    """Lone surrogates compare as the code points they are, as every other
    character of a title (docs/query.md, "Sort"): never as one replacement
    character, which would put them before the letters."""
    titles = ["\udc81a", "z", "\udc80b", "\ud800", "\udc80a"]
    posts = [Post(title=title, excerpt="x") for title in titles]
    ordered = [post.title for post in Listing(posts).sort_by("title")]
    assert ordered == sorted(titles) == ["z", "\ud800", "\udc80a", "\udc80b", "\udc81a"]


def test_an_unknown_undated_is_quoted() -> None:
    """``sort_by`` refuses an ``undated`` it does not know, quoting the
    value as every other message of the query API does."""
    with pytest.raises(ValueError, match="undated") as caught:
        Listing([Post(title="a")]).sort_by("date", undated="middle")  # type: ignore[arg-type]
    assert str(caught.value) == "undated must be 'first' or 'last', not 'middle'"


# --- Group and count ----------------------------------------------------------


class TestGroup:
    def test_by_tag(self) -> None:
        """Each tag gets a group, most posts first, then by name; a post is in each of its tags."""
        groups = SAMPLE.group_by("tag")
        assert [(tag, len(posts)) for tag, posts in groups][:4] == [
            ("Data", 3),
            ("Data Science", 3),
            ("Developer Tools", 2),
            ("Infrastructure", 2),
        ]
        assert sum(len(posts) for _, posts in groups) == sum(
            len(p.tags) for p in SAMPLE
        )

    def test_tag_groups_merge_spellings_and_show_the_first(self) -> None:
        """ "python" and "Python" form one group, named as first seen."""
        listing = Listing(
            [post("A", tags=["python"]), post("B", tags=["Python", "Go"])]
        )
        assert [(tag, titles(posts)) for tag, posts in listing.group_by("tag")] == [
            ("python", ["A", "B"]),
            ("Go", ["B"]),
        ]

    def test_untagged_posts_are_in_no_tag_group(self) -> None:
        """A post without tags appears under no tag."""
        grouped = {p.title for _, g in SAMPLE.group_by("tag") for p in g}
        assert SAMPLE[0].title not in grouped and SAMPLE[10].title not in grouped

    def test_by_year_newest_first_undated_last(self) -> None:
        """Years come newest first; undated posts last, under None."""
        groups = SAMPLE.group_by("year")
        assert [(year, at(g)) for year, g in groups] == [
            (2025, [1, 3, 4]),
            (2024, [5, 6, 7]),
            (2023, [9, 10, 11]),
            (None, [0, 2, 8]),
        ]

    def test_by_month(self) -> None:
        """Months are (year, month) pairs, newest first; each group keeps listing order."""
        groups = dict(SAMPLE.group_by("month"))
        assert list(groups)[:3] == [(2025, 3), (2025, 2), (2024, 9)]
        assert list(groups)[-1] is None
        assert at(groups[(2025, 3)]) == [1, 4]

    def test_a_month_key_rebuilds_its_filter(self) -> None:
        """Each month group holds what Where.month(*key) selects."""
        for key, posts in SAMPLE.group_by("month"):
            if key is not None:
                assert posts == SAMPLE.filter(Where.month(*key))

    def test_groups_follow_the_listing_order(self) -> None:
        """Group after sorting and each group is sorted too."""
        ordered = SAMPLE.sort_by("title")
        for _, posts in ordered.group_by("year"):
            assert posts == posts.sort_by("title")

    def test_by_sticky(self) -> None:
        """Sticky posts first (True), then the others (False); empty groups are left out."""
        assert [(k, len(g)) for k, g in SAMPLE.group_by("sticky")] == [
            (True, 5),
            (False, 7),
        ]
        assert [k for k, _ in Listing([post("A")]).group_by("sticky")] == [False]

    def test_an_empty_listing_has_no_groups(self) -> None:
        """No posts, no groups, whatever the key."""
        for by in ("tag", "year", "month", "sticky"):
            assert Listing().group_by(by) == ()

    def test_unknown_key_is_refused(self) -> None:
        """Only tag, year, month and sticky are groupings."""
        with pytest.raises(ValueError, match="cannot group by 'author'"):
            SAMPLE.group_by("author")  # type: ignore[call-overload]

    @given(listings())
    def test_period_groups_partition_the_listing(self, listing: Listing) -> None:
        """Year and month groups hold every post once, in listing order within each."""
        for by in ("year", "month"):
            groups = listing.group_by(by)
            keys = [k for k, _ in groups]
            dated = [k for k in keys if k is not None]
            assert dated == sorted(dated, reverse=True) and None not in keys[:-1]
            flat = [p for _, g in groups for p in g]
            assert Counter(map(id, flat)) == Counter(map(id, listing))
            for key, posts in groups:
                expected = [
                    p
                    for p in listing
                    if (
                        None
                        if p.date is None
                        else p.date.year
                        if by == "year"
                        else (p.date.year, p.date.month)
                    )
                    == key
                ]
                assert same(posts, expected)

    @given(listings())
    def test_tag_groups_match_a_plain_reference(self, listing: Listing) -> None:
        """Each tag group holds the posts carrying it; groups come by count, then name."""
        groups = listing.group_by("tag")
        order = [(-len(posts), tag.casefold()) for tag, posts in groups]
        assert order == sorted(order)
        assert {k for _, k in order} == {t.casefold() for p in listing for t in p.tags}
        for tag, posts in groups:
            first = next(
                t for p in listing for t in p.tags if t.casefold() == tag.casefold()
            )
            assert tag == first
            assert same(posts, [p for p in listing if tag.casefold() in folded(p.tags)])


class TestCount:
    def test_tag_counts(self) -> None:
        """The tag cloud: most used first, then by name (case-insensitively)."""
        counts = SAMPLE.count_by("tag")
        assert counts[:3] == (("Data", 3), ("Data Science", 3), ("Developer Tools", 2))
        assert [n for _, n in counts] == sorted((n for _, n in counts), reverse=True)

    def test_posts_per_year_and_month(self) -> None:
        """Counts per period come newest first, undated last."""
        assert SAMPLE.count_by("year") == ((2025, 3), (2024, 3), (2023, 3), (None, 3))
        assert SAMPLE.count_by("month")[:2] == (((2025, 3), 2), ((2025, 2), 1))

    def test_sticky_counts(self) -> None:
        """Sticky and other posts are counted apart."""
        assert SAMPLE.count_by("sticky") == ((True, 5), (False, 7))

    @given(listings())
    def test_counts_are_the_sizes_of_the_groups(self, listing: Listing) -> None:
        """count_by(k) lists the same keys as group_by(k), with their sizes."""
        for by in ("tag", "year", "month", "sticky"):
            groups = listing.group_by(by)
            assert listing.count_by(by) == tuple((k, len(g)) for k, g in groups)


class TestUndatedPostsCountLast:
    def test_undated_posts_come_after_the_year_1(self) -> None:
        """``count_by("year")`` gives the years newest first and the undated
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


# --- Page ---------------------------------------------------------------------


class TestPage:
    def test_pages_hold_exactly_their_size(self) -> None:
        """Every page but the last holds size posts; the last holds the rest."""
        pages = [SAMPLE.page(n, size=5) for n in (1, 2, 3)]
        assert [len(p.posts) for p in pages] == [5, 5, 2]
        assert [p.posts[0] for p in pages] == [SAMPLE[0], SAMPLE[5], SAMPLE[10]]

    def test_page_facts(self) -> None:
        """A page knows its number, size, totals and neighbours."""
        page = SAMPLE.page(2, size=5)
        assert (page.number, page.size, page.total_items, page.total_pages) == (
            2,
            5,
            12,
            3,
        )
        assert (page.has_previous, page.has_next) == (True, True)
        last = SAMPLE.page(3, size=5)
        assert (last.has_previous, last.has_next) == (True, False)

    @given(listings(), st.integers(1, 8))
    def test_every_page_can_be_built_by_hand_and_nothing_else(
        self, listing: Listing, size: int
    ) -> None:
        """A Page built by hand with a page's own fields is equal to it; one
        with fields no listing gives (a post more or fewer, a page past the
        last) is a ValueError, not a page whose facts contradict each other."""
        total = len(listing)
        last = max(1, -(-total // size))
        for number in range(1, last + 1):
            page = listing.page(number, size=size)
            fields = attrs.asdict(page, recurse=False)
            assert Page(**fields) == page
            wrong = [{**fields, "posts": Listing([*page.posts, Post(title="More")])}]
            if page.posts:
                wrong.append({**fields, "posts": page.posts[1:]})
            if number == last:
                wrong.append({**fields, "number": number + 1})
                if page.posts:
                    wrong.append({**fields, "total_items": total - 1})
                if len(page.posts) < size:
                    wrong.append({**fields, "total_items": total + 1})
            for bad in wrong:
                with pytest.raises(ValueError, match=rf"^page {bad['number']} "):
                    Page(**bad)

    @pytest.mark.parametrize(
        ("fields", "error", "message"),
        [
            ({"size": 0}, ValueError, "size must be 1 or more, not 0"),
            ({"number": 0}, ValueError, "number must be 1 or more, not 0"),
            ({"total_items": -3}, ValueError, "total_items must be 0 or more, not -3"),
            ({"number": "2"}, TypeError, "number must be an int, not str"),
            ({"size": True}, TypeError, "size must be an int, not bool"),
            ({"posts": []}, TypeError, "posts must be a Listing, not list"),
            # An int alone, as query.md says: not what only converts to one.
            ({"number": _Three()}, TypeError, "number must be an int, not _Three"),
            ({"size": _Three()}, TypeError, "size must be an int, not _Three"),
            (
                {"total_items": _Three()},
                TypeError,
                "total_items must be an int, not _Three",
            ),
            ({"number": 2}, ValueError, "page 2 is past the last page, 1"),
            # Posts counted in words that agree in number.
            (
                {"total_items": 1},
                ValueError,
                "page 1 of 1 post, 5 a page, holds 1 post, not 0",
            ),
            (
                {"total_items": 2},
                ValueError,
                "page 1 of 2 posts, 5 a page, holds 2 posts, not 0",
            ),
            # Page 1 holds all 5 posts: an empty page 2 is no page either.
            (
                {"number": 2, "total_items": 5},
                ValueError,
                "page 2 is past the last page, 1",
            ),
            # Two fields wrong: the first of number, size, total_items named.
            (
                {"number": 0, "size": 0, "total_items": -1},
                ValueError,
                "number must be 1 or more, not 0",
            ),
            (
                {"number": "1", "size": 0},
                TypeError,
                "number must be an int, not str",
            ),
            (
                {"size": 0, "total_items": "0"},
                ValueError,
                "size must be 1 or more, not 0",
            ),
        ],
    )
    def test_a_page_built_by_hand_is_checked(
        self, fields: dict[str, Any], error: type[Exception], message: str
    ) -> None:
        """Not a ZeroDivisionError later from total_pages: the field is named."""
        given_fields = {"posts": Listing(), "number": 1, "size": 5, "total_items": 0}
        with pytest.raises(error, match=f"^{re.escape(message)}$"):
            Page(**{**given_fields, **fields})

    def test_a_page_past_the_end_is_an_index_error(self) -> None:
        """Asking for page 4 of 3 raises IndexError, saying how many pages there are."""
        with pytest.raises(
            IndexError, match="page 4 is out of range: 12 posts make 3 pages of 5"
        ):
            SAMPLE.page(4, size=5)

    @pytest.mark.parametrize(
        ("count", "message"),
        [
            (
                0,
                "page 2 is out of range: with no posts, page 1 is the only page, empty",
            ),
            (1, "page 2 is out of range: 1 post makes 1 page of 10"),
            (11, "page 3 is out of range: 11 posts make 2 pages of 10"),
        ],
    )
    def test_the_message_agrees_in_number(self, count: int, message: str) -> None:
        """One post makes a page; several posts make them."""
        number = 2 if count < 2 else 3
        with pytest.raises(IndexError, match=f"^{re.escape(message)}$"):
            Listing([SAMPLE[0]] * count).page(number, size=10)

    def test_an_empty_listing_has_one_empty_page(self) -> None:
        """Page 1 always exists, so an empty blog still renders."""
        page = Listing().page(1, size=10)
        assert (
            len(page.posts),
            page.total_pages,
            page.has_next,
            page.has_previous,
        ) == (
            0,
            1,
            False,
            False,
        )
        with pytest.raises(IndexError):
            Listing().page(2, size=10)

    @pytest.mark.parametrize(("number", "size"), [(0, 5), (-1, 5), (1, 0)])
    def test_numbers_and_sizes_start_at_one(self, number: int, size: int) -> None:
        """Page numbers and sizes below 1 are ValueErrors."""
        with pytest.raises(ValueError, match="must be 1 or more"):
            SAMPLE.page(number, size=size)

    @pytest.mark.parametrize(("number", "size"), [(True, 5), (1.0, 5), (1, "5")])
    def test_numbers_and_sizes_are_ints(self, number: Any, size: Any) -> None:
        """A bool, float or str is a TypeError, not silently converted."""
        with pytest.raises(TypeError, match="must be an int"):
            SAMPLE.page(number, size=size)

    def test_sticky_first_comes_before_paging(self) -> None:
        """Sticky posts are part of the order: page 1 holds them and is not oversized."""
        day = D(2024, 1, 1)
        listing = Listing(
            [post(f"S{i}", day, sticky=True) for i in range(3)]
            + [post(f"N{i}", day + datetime.timedelta(days=i)) for i in range(7)]
        )
        ordered = listing.sort_by("-date", sticky_first=True)
        pages = [ordered.page(n, size=4).posts for n in (1, 2, 3)]
        assert [titles(p) for p in pages] == [
            ["S0", "S1", "S2", "N6"],
            ["N5", "N4", "N3", "N2"],
            ["N1", "N0"],
        ]

    def test_pages_is_a_value(self) -> None:
        """A Page is immutable and compares by content."""
        page = SAMPLE.page(1, size=5)
        assert page == SAMPLE.page(1, size=5)
        with pytest.raises(AttributeError):
            page.number = 2  # type: ignore[misc]
        assert type(page) is Page and hash(page) == hash(SAMPLE.page(1, size=5))

    @given(listings(), st.integers(min_value=1, max_value=7), SORT_KEYS)
    def test_pages_partition_the_sorted_listing(
        self, listing: Listing, size: int, keys: tuple[Any, ...]
    ) -> None:
        """Concatenated pages are the sorted listing: no post twice, none skipped."""
        ordered = listing.sort_by(*keys, sticky_first=True)
        first = ordered.page(1, size=size)
        pages = [ordered.page(n, size=size) for n in range(1, first.total_pages + 1)]
        assert same([p for page in pages for p in page.posts], ordered)
        assert all(len(page.posts) == size for page in pages[:-1])
        assert 0 < len(pages[-1].posts) <= size or len(listing) == 0
        assert [page.has_next for page in pages] == [True] * (len(pages) - 1) + [False]
        with pytest.raises(IndexError):
            ordered.page(len(pages) + 1, size=size)


class TestFirstLast:
    def test_first_and_last(self) -> None:
        """first(n) and last(n) take n posts from either end."""
        assert same(SAMPLE.first(2), SAMPLE[:2])
        assert same(SAMPLE.last(2), SAMPLE[10:])

    def test_more_than_there_are(self) -> None:
        """Asking for more posts than the listing holds gives all of them."""
        assert same(SAMPLE.first(50), SAMPLE) and same(SAMPLE.last(50), SAMPLE)

    @pytest.mark.parametrize("n", [4, 5, 6, 7])
    def test_last_between_the_length_and_twice_it(self, n: int) -> None:
        """Three posts, last(4) to last(7): all three (once, last(4) gave one)."""
        three = SAMPLE[:3]
        assert same(three.last(n), three)

    def test_last_zero_is_empty(self) -> None:
        """last(0) is empty, unlike the slice listing[-0:], which is everything."""
        assert len(SAMPLE.last(0)) == 0 and len(SAMPLE.first(0)) == 0
        assert len(SAMPLE[-0:]) == 12

    def test_negative_counts_are_refused(self) -> None:
        """n below 0 is a ValueError rather than a slice from the other end."""
        with pytest.raises(ValueError, match="0 or more"):
            SAMPLE.first(-1)
        with pytest.raises(ValueError, match="0 or more"):
            SAMPLE.last(-1)


# --- Related posts --------------------------------------------------------------


class TestRelated:
    def test_most_shared_tags_first_then_newest(self) -> None:
        """Two shared tags beat one; among equals, the newer post comes first."""
        found = SAMPLE.related(SAMPLE[4])  # Data, Data Science, Design
        assert at(found) == [11, 1, 5]

    def test_ties_on_date_break_by_title(self) -> None:
        """Same shared count and date: the title decides, case-insensitively."""
        day = D(2024, 1, 1)
        target = post("T", day, ["X"])
        b, a, undated = (
            post("b", day, ["x"]),
            post("A", day, ["X"]),
            post("U", None, ["X"]),
        )
        listing = Listing([target, undated, b, a])
        assert same(listing.related(target), [a, b, undated])

    def test_the_post_itself_is_left_out(self) -> None:
        """A post is not related to itself, nor to a post equal to it."""
        target = SAMPLE[9]
        listing = Listing(
            [
                *SAMPLE,
                Post(
                    title=target.title,
                    date=target.date,
                    excerpt=target.excerpt,
                    tags=target.tags,
                    sticky=target.sticky,
                ),
            ]
        )
        assert target not in listing.related(target)

    def test_posts_sharing_nothing_are_left_out(self) -> None:
        """An untagged post has no related posts; unrelated posts never appear."""
        assert len(SAMPLE.related(SAMPLE[0])) == 0
        assert SAMPLE[8] not in SAMPLE.related(SAMPLE[4])

    def test_a_post_from_elsewhere(self) -> None:
        """The post need not be in the listing; its tags compare case-insensitively."""
        found = SAMPLE.related(post("Mine", tags=["PEOPLE"]))
        assert at(found) == [7, 2]

    def test_related_needs_a_post(self) -> None:
        """Anything but a Post is a TypeError."""
        with pytest.raises(TypeError, match="takes a Post"):
            SAMPLE.related("Data")  # type: ignore[arg-type]

    @given(listings(), st.data())
    def test_related_matches_a_plain_reference(
        self, listing: Listing, data: st.DataObject
    ) -> None:
        """The order is shared count, then date (newest, undated last), title, position."""
        target = data.draw(st.sampled_from(list(listing)) if listing else POSTS)
        assert same(listing.related(target), reference_related(listing, target))


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


# --- Docs ---------------------------------------------------------------------


class TestDocstringExamples:
    @pytest.mark.parametrize("obj", [Where, Page, Listing])
    def test_methods_examples_pass(self, obj: type) -> None:
        """The >>> examples in the query classes and methods give the output shown.

        (tests/test_docstrings.py finds docstrings by module, which skips the
        methods of classes re-exported under ``bloglist``.)
        """
        finder = doctest.DocTestFinder(exclude_empty=True)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        found = finder.find(obj, f"bloglist.{obj.__name__}", module=False, globs={})
        assert len(found) > 1
        for test in found:
            runner.run(test)
        assert runner.summarize(verbose=False).failed == 0
