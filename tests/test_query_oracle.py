"""Every public query against a plain-Python oracle, at the edges of its arguments.

The oracle here is written from the documentation (docs/query.md and the
docstrings), not from the library: simple loops, :func:`sorted` with tuple
keys, slices. It never calls a :class:`~bloglist.Where` condition; each
generated condition is a small tree of plain data that builds both the
``Where`` under test and the oracle's own predicate.

Listings are generated to hold what breaks indexes: the same post object
twice, equal but distinct posts, undated posts, many posts on one day, and
titles and tags that differ only in case (``Straße`` and ``STRASSE`` fold to
one). Counts are tried at 0, 1, len-1, len, len+1, 2*len and a huge number;
wrong values and types must raise the documented error naming the argument.
"""

from __future__ import annotations

import datetime
import functools
import operator
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
from bloglist import Diagnostic, Listing, Post, Where

D = datetime.date
HUGE = 10**18

# --- Listings -------------------------------------------------------------------

TAGS = ["Data", "data", "DATA", "Go", "Straße", "STRASSE", "strasse", "Émile"]
TITLES = [
    "alpha", "Alpha", "ALPHA", "beta", "B", "ß", "SS", "ss", "Zed", "émile",
    "e\u0301mile", "E\u0301MILE", "ÉMILE", "emile",  # é in one character or two
]  # fmt: skip
DAYS = st.dates(min_value=D(2023, 12, 25), max_value=D(2024, 1, 6))
POSTS = st.builds(
    Post,
    title=st.sampled_from(TITLES),
    date=st.none() | DAYS,
    excerpt=st.sampled_from(
        ["", "Build systems", "cache LATENCY […]", "build\tsystems", "cache\xa0latency"]
    ),
    tags=st.lists(st.sampled_from(TAGS), max_size=4),
    sticky=st.booleans(),
)
DIAGNOSTIC = Diagnostic(
    lineno=1, colno=1, severity="warning", code="extra-line", message="m"
)


@st.composite
def listings(draw: st.DrawFn) -> Listing:
    """A listing with repeated objects, equal copies, ties and case variants."""
    posts = draw(st.lists(POSTS, max_size=14))
    repeat = draw(st.booleans())
    if posts and repeat:
        # The same objects again, and equal but distinct copies of some.
        again = draw(st.lists(st.sampled_from(posts), max_size=4))
        copies = [Post(**_fields(p)) for p in draw(st.lists(st.sampled_from(posts)))]
        posts = draw(st.permutations(posts + again + copies[:3]))
    return Listing(posts, diagnostics=[DIAGNOSTIC])


def _fields(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "date": post.date,
        "excerpt": post.excerpt,
        "tags": post.tags,
        "sticky": post.sticky,
    }


def same(actual: Sequence[Post], expected: Sequence[Post]) -> bool:
    """The same post objects in the same order (equal posts are told apart)."""
    return len(actual) == len(expected) and all(
        a is b for a, b in zip(actual, expected, strict=True)
    )


def kept(listing: Listing, result: Listing, expected: Sequence[Post]) -> None:
    """*result* is a Listing of exactly *expected*, with *listing*'s diagnostics."""
    assert isinstance(result, Listing)
    assert same(result, expected)
    assert result.diagnostics == listing.diagnostics


def edges(length: int) -> list[int]:
    """The counts every count argument is tried at."""
    return sorted({0, 1, max(0, length - 1), length, length + 1, 2 * length, HUGE})


def folded(tags: Sequence[str]) -> set[str]:
    return {tag.casefold() for tag in tags}


# --- Conditions as data -------------------------------------------------------------

# A condition spec is a tuple: (kind, *arguments). build() makes the Where,
# holds() is the oracle's reading of the docs.

TAG_LISTS = st.lists(st.sampled_from([*TAGS, "Nope"]), min_size=1, max_size=3)
DAY_VALUES = DAYS | DAYS.map(lambda d: d.isoformat())
LEAF_SPECS = st.one_of(
    st.tuples(st.sampled_from(["any", "all", "none"]), TAG_LISTS.map(tuple)),
    st.tuples(st.sampled_from(["on", "since", "before"]), DAY_VALUES),
    st.tuples(st.just("between"), DAYS, DAYS).filter(lambda s: s[1] < s[2]),
    st.tuples(st.just("since"), st.sampled_from(["2024", "2024-01", "2023-12"])),
    st.tuples(st.just("before"), st.sampled_from(["2024", "2024-01", "2023-12"])),
    st.tuples(st.just("year"), st.sampled_from([2023, 2024, 1, 9999])),
    st.tuples(st.just("month"), st.sampled_from([(2023, 12), (2024, 1), (9999, 12)])),
    st.tuples(st.sampled_from(["sticky", "dated"])),
    st.tuples(
        st.just("search"),
        st.lists(
            st.sampled_from(
                [
                    "ss",
                    "BUILD",
                    "latency",
                    "a",
                    "ha",
                    "build systems",
                    "Cache\u3000Latency",
                ]
            ),
            min_size=1,
        ).map(tuple),
    ),
    st.tuples(st.just("match")),
    st.tuples(st.just("callable")),
)
SPECS = st.recursive(
    LEAF_SPECS,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), inner, inner),
        st.tuples(st.just("not"), inner),
    ),
    max_leaves=6,
)


def _even_tags(post: Post) -> bool:
    return len(post.tags) % 2 == 0


def _as_day(value: D | str) -> D:
    """An ISO string as the docs read it: a partial one is its first day."""
    if isinstance(value, D):
        return value
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return D(parts[0], parts[1], parts[2])


def build(spec: tuple[Any, ...]) -> Any:
    """The Where (or, for "callable", the plain function) a spec stands for."""
    kind, *args = spec
    simple: dict[str, Callable[..., Where]] = {
        "any": Where.tagged_any,
        "all": Where.tagged_all,
        "none": Where.tagged_none,
        "on": Where.on,
        "since": Where.since,
        "before": Where.before,
        "search": Where.search,
    }
    if kind in ("any", "all", "none", "search"):
        return simple[kind](*args[0])
    if kind in simple:
        return simple[kind](args[0])
    if kind == "between":
        return Where.between(args[0], args[1])
    if kind == "year":
        return Where.year(args[0])
    if kind == "month":
        return Where.month(*args[0])
    if kind == "sticky":
        return Where.sticky()
    if kind == "dated":
        return Where.dated()
    if kind == "match":
        return Where.match(_even_tags)
    if kind == "callable":
        return _even_tags
    if kind == "not":
        return ~_where(args[0])
    left, right = _where(args[0]), _where(args[1])
    return left & right if kind == "and" else left | right


def _where(spec: tuple[Any, ...]) -> Where:
    found = build(spec)
    return found if isinstance(found, Where) else Where.match(found)


def spaced(text: str) -> str:
    """*text* with each whitespace character a space, one character at a time."""
    return "".join(" " if char.isspace() else char for char in text)


def searched(text: str) -> str:
    """*text* as the docs say a search compares it."""
    return spaced(folded_text(text))


def holds(spec: tuple[Any, ...], post: Post) -> bool:
    """Whether *post* satisfies the condition *spec*, as the docs define it."""
    kind, *args = spec
    date = post.date
    if kind in ("any", "all", "none"):
        wanted, mine = folded(args[0]), folded(post.tags)
        if kind == "all":
            return all(tag in mine for tag in wanted)
        shared = any(tag in mine for tag in wanted)
        return shared if kind == "any" else not shared
    if kind == "on":
        return date == _as_day(args[0])
    if kind == "since":
        return date is not None and date >= _as_day(args[0])
    if kind == "before":
        return date is not None and date < _as_day(args[0])
    if kind == "between":
        return date is not None and args[0] <= date < args[1]
    if kind == "year":
        return date is not None and date.year == args[0]
    if kind == "month":
        return date is not None and (date.year, date.month) == args[0]
    if kind == "sticky":
        return post.sticky
    if kind == "dated":
        return date is not None
    if kind == "search":
        # "Each term may be in the title or in the excerpt": never across them.
        # Case folded, composed (NFC), and every whitespace character read
        # as a space.
        title, excerpt = searched(post.title), searched(post.excerpt)
        terms = [searched(term) for term in args[0]]
        return all(term in title or term in excerpt for term in terms)
    if kind in ("match", "callable"):
        return len(post.tags) % 2 == 0
    if kind == "not":
        return not holds(args[0], post)
    if kind == "and":
        return holds(args[0], post) and holds(args[1], post)
    return holds(args[0], post) or holds(args[1], post)


class TestFilter:
    @given(listings(), st.lists(SPECS, max_size=3))
    def test_filter_keeps_what_the_oracle_keeps(
        self, listing: Listing, specs: list[tuple[Any, ...]]
    ) -> None:
        """filter(*conditions) keeps the posts satisfying all of them, in order."""
        expected = [p for p in listing if all(holds(s, p) for s in specs)]
        kept(listing, listing.filter(*map(build, specs)), expected)

    @given(listings(), SPECS)
    def test_a_condition_called_on_a_post_agrees(
        self, listing: Listing, spec: tuple[Any, ...]
    ) -> None:
        """Where(post) says what filter does, post by post."""
        condition = _where(spec)
        assert [condition(p) for p in listing] == [holds(spec, p) for p in listing]

    @given(listings())
    def test_no_condition_is_the_listing(self, listing: Listing) -> None:
        """filter() with nothing to test keeps every post: it is the listing."""
        assert listing.filter() is listing

    @pytest.mark.parametrize("bad", ["Data", 3, None, ["Data"]])
    def test_a_non_condition_is_refused(self, bad: Any) -> None:
        """Anything neither a Where nor callable is a TypeError naming its type."""
        with pytest.raises(TypeError, match=f"condition .*not {type(bad).__name__}"):
            Listing().filter(bad)


# --- Sort ---------------------------------------------------------------------

KEY_CHOICES = [
    (),
    ("date",),
    ("-date",),
    ("title",),
    ("-title",),
    ("date", "title"),
    ("date", "-title"),
    ("-date", "title"),
    ("-date", "-title"),
    ("title", "date"),
    ("title", "-date"),
    ("-title", "date"),
    ("-title", "-date"),
]


def folded_text(text: str) -> str:
    """Unicode's canonical caseless form of *text* (decomposed, then case
    folded: folding changes the iota subscript, a combining mark), composed
    (NFC), as titles compare and a search reads text."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def folded_title(title: str) -> str:
    """A title as titles compare: its canonical caseless form (folded_text)."""
    return folded_text(title)


def oracle_sort(
    posts: Sequence[Post], keys: Sequence[str], sticky_first: bool, undated: str
) -> list[Post]:
    """sorted() with one tuple per post: sticky, each key, then title, position."""
    titles = sorted({folded_title(p.title) for p in posts})
    rank = {title: i for i, title in enumerate(titles)}

    def key(item: tuple[int, Post]) -> tuple[Any, ...]:
        position, post = item
        parts: list[Any] = [not post.sticky] if sticky_first else []
        for name in keys:
            sign = -1 if name.startswith("-") else 1
            if name.endswith("date"):
                # Undated posts go last (or first) whatever the direction.
                dated = post.date is not None
                parts.append(dated if undated == "first" else not dated)
                parts.append(sign * post.date.toordinal() if post.date else 0)
            else:
                parts.append(sign * rank[folded_title(post.title)])
        return (*parts, folded_title(post.title), position)

    return [post for _, post in sorted(enumerate(posts), key=key)]


class TestSort:
    @given(
        listings(),
        st.sampled_from(KEY_CHOICES),
        st.booleans(),
        st.sampled_from(["first", "last"]),
    )
    def test_every_key_combination_sorts_as_the_oracle(
        self, listing: Listing, keys: tuple[Any, ...], sticky_first: bool, undated: Any
    ) -> None:
        """Sticky first, each key in its direction, then title, then position."""
        if not keys and not sticky_first:
            with pytest.raises(TypeError, match="needs a key"):
                listing.sort_by(undated=undated)
            return
        expected = oracle_sort(listing, keys, sticky_first, undated)
        result = listing.sort_by(*keys, sticky_first=sticky_first, undated=undated)
        kept(listing, result, expected)

    @pytest.mark.parametrize(
        ("keys", "match"),
        [
            (("date", "-date"), "'date' is given twice"),
            (("title", "title"), "'title' is given twice"),
            (
                ("Date",),
                "^unknown sort key 'Date'; use 'date', '-date', 'title' or '-title'$",
            ),
            (("+date",), "unknown sort key"),
        ],
    )
    def test_bad_keys_are_value_errors(self, keys: tuple[Any, ...], match: str) -> None:
        """Unknown or repeated keys raise ValueError naming the key."""
        with pytest.raises(ValueError, match=match):
            Listing().sort_by(*keys)

    @pytest.mark.parametrize(
        ("keys", "kind"),
        [((1,), "int"), ((None,), "NoneType"), (("date", ["title"]), "list")],
    )
    def test_keys_of_another_type_are_type_errors(
        self, keys: tuple[Any, ...], kind: str
    ) -> None:
        """A key that is not a str is a wrong type, not a wrong value: a
        TypeError naming what keys are, as the Reference promises."""
        with pytest.raises(
            TypeError, match=rf"a sort key must be a str \(.*\), not {kind}$"
        ):
            Listing().sort_by(*keys)

    @pytest.mark.parametrize("value", [1, 0, None, "yes"])
    def test_sticky_first_must_be_a_bool(self, value: Any) -> None:
        """sticky_first takes True or False only, and the error names it."""
        with pytest.raises(TypeError, match="sticky_first must be a bool"):
            Listing().sort_by("date", sticky_first=value)

    @pytest.mark.parametrize("value", ["middle", "Last", ""])
    def test_undated_must_be_first_or_last(self, value: Any) -> None:
        """undated takes "first" or "last" only, and the error names it."""
        with pytest.raises(ValueError, match="undated must be 'first' or 'last'"):
            Listing().sort_by("date", undated=value)

    @pytest.mark.parametrize("value", [None, True, 0])
    def test_undated_of_another_type_is_a_type_error(self, value: Any) -> None:
        """A wrong type for undated is a TypeError that names it."""
        with pytest.raises(
            TypeError, match=r"undated must be a str \('first' or 'last'\)"
        ):
            Listing().sort_by("date", undated=value)


# --- Group and count ----------------------------------------------------------


def oracle_groups(posts: Sequence[Post], by: str) -> list[tuple[Any, list[Post]]]:
    """The groups of group_by(by), from its documentation."""
    groups: dict[Any, list[Post]] = {}
    names: dict[str, str] = {}
    for post in posts:
        if by == "tag":
            for tag in post.tags:
                names.setdefault(tag.casefold(), tag)
            keys: list[Any] = sorted(folded(post.tags))
        elif by == "sticky":
            keys = [post.sticky]
        elif post.date is None:
            keys = [None]
        else:
            keys = [
                post.date.year if by == "year" else (post.date.year, post.date.month)
            ]
        for key in keys:
            groups.setdefault(key, []).append(post)
    if by == "tag":
        order = sorted(groups, key=lambda key: (-len(groups[key]), key))
        return [(names[key], groups[key]) for key in order]
    if by == "sticky":
        return [(key, groups[key]) for key in (True, False) if key in groups]
    dated = sorted((key for key in groups if key is not None), reverse=True)
    return [(key, groups[key]) for key in [*dated, None] if key in groups]


class TestGroupAndCount:
    @pytest.mark.parametrize("by", ["tag", "year", "month", "sticky"])
    @given(listing=listings())
    def test_groups_and_counts_match_the_oracle(
        self, by: Any, listing: Listing
    ) -> None:
        """Each key's groups, their order, members and counts are as documented."""
        expected = oracle_groups(listing, by)
        groups = listing.group_by(by)
        assert [key for key, _ in groups] == [key for key, _ in expected]
        for (_, group), (_, posts) in zip(groups, expected, strict=True):
            kept(listing, group, posts)
        assert listing.count_by(by) == tuple((k, len(p)) for k, p in expected)

    @pytest.mark.parametrize("by", ["tags", "Tag", ""])
    def test_unknown_keys_are_refused(self, by: Any) -> None:
        """Any other key is a ValueError that lists the keys there are."""
        for method in (Listing().group_by, Listing().count_by):
            with pytest.raises(
                ValueError, match="use 'tag', 'year', 'month' or 'sticky'"
            ):
                method(by)

    @pytest.mark.parametrize("by", [None, 1, True, ("tag",)])
    def test_a_key_of_another_type_is_a_type_error(self, by: Any) -> None:
        """A key that is not a str is a wrong type, not a wrong value: a
        TypeError naming *by*, its type and the keys there are."""
        kind = type(by).__name__
        for method in (Listing().group_by, Listing().count_by):
            with pytest.raises(
                TypeError,
                match=rf"^by must be a str \('tag', 'year', 'month' or 'sticky'\), not {kind}$",
            ):
                method(by)


# --- First, last, slices ----------------------------------------------------------


class TestFirstLastSlice:
    @given(listings())
    def test_first_and_last_at_every_edge(self, listing: Listing) -> None:
        """first(n) and last(n) take min(n, len) posts from either end."""
        posts = list(listing)
        for n in edges(len(posts)):
            kept(listing, listing.first(n), posts[:n])
            kept(listing, listing.last(n), posts[len(posts) - min(n, len(posts)) :])

    @pytest.mark.parametrize("method", ["first", "last"])
    @pytest.mark.parametrize(
        ("n", "error", "match"),
        [
            (-1, ValueError, "n must be 0 or more, not -1"),
            (-HUGE, ValueError, "n must be 0 or more"),
            (True, TypeError, "n must be an int, not bool"),
            (False, TypeError, "n must be an int, not bool"),
            (1.0, TypeError, "n must be an int, not float"),
            ("1", TypeError, "n must be an int, not str"),
            (None, TypeError, "n must be an int, not NoneType"),
        ],
    )
    def test_bad_counts_are_refused(
        self, method: str, n: Any, error: type[Exception], match: str
    ) -> None:
        """A count below 0 is a ValueError, a non-int (bool too) a TypeError."""
        with pytest.raises(error, match=match):
            getattr(Listing([Post(title="A")]), method)(n)

    @given(
        listings(),
        st.integers(-30, 30) | st.none(),
        st.integers(-30, 30) | st.none(),
        st.integers(-4, 4).filter(bool) | st.none(),
    )
    def test_a_slice_is_a_listing_of_the_sliced_posts(
        self, listing: Listing, start: int | None, stop: int | None, step: int | None
    ) -> None:
        """listing[a:b:c] holds list(listing)[a:b:c], with the diagnostics."""
        kept(listing, listing[start:stop:step], list(listing)[start:stop:step])


# --- Page ---------------------------------------------------------------------


class TestPage:
    @given(listings())
    def test_every_page_at_every_size_edge(self, listing: Listing) -> None:
        """Page n holds posts[(n-1)*size : n*size]; page 1 always exists."""
        posts = list(listing)
        for size in edges(len(posts))[1:]:
            pages = max(1, -(-len(posts) // size))
            for number in {1, 2, pages - 1, pages, pages + 1, 2 * pages, HUGE} - {0}:
                if number > pages:
                    with pytest.raises(IndexError, match=f"page {number} is out of"):
                        listing.page(number, size=size)
                    continue
                page = listing.page(number, size=size)
                kept(listing, page.posts, posts[(number - 1) * size : number * size])
                assert (page.number, page.size) == (number, size)
                assert (page.total_items, page.total_pages) == (len(posts), pages)
                assert page.has_previous == (number > 1)
                assert page.has_next == (number < pages)

    @pytest.mark.parametrize(
        ("number", "size", "error", "match"),
        [
            (0, 5, ValueError, "number must be 1 or more, not 0"),
            (-1, 5, ValueError, "number must be 1 or more, not -1"),
            (1, 0, ValueError, "size must be 1 or more, not 0"),
            (1, -HUGE, ValueError, "size must be 1 or more"),
            (True, 5, TypeError, "number must be an int, not bool"),
            (1, True, TypeError, "size must be an int, not bool"),
            (1.0, 5, TypeError, "number must be an int, not float"),
            (1, "5", TypeError, "size must be an int, not str"),
        ],
    )
    def test_bad_numbers_and_sizes_are_refused(
        self, number: Any, size: Any, error: type[Exception], match: str
    ) -> None:
        """Below 1 is a ValueError, a non-int a TypeError; each names its argument."""
        with pytest.raises(error, match=match):
            Listing([Post(title="A")]).page(number, size=size)

    def test_the_out_of_range_message_counts_in_words(self) -> None:
        """The IndexError says how many posts make how many pages, and of no
        posts, that page 1 is the only one."""
        one = Listing([Post(title="A")])
        with pytest.raises(IndexError, match=r"1 post\b.* 1 page of 5$"):
            one.page(2, size=5)
        with pytest.raises(IndexError, match=r"with no posts, page 1 is the only page"):
            Listing().page(2, size=1)


# --- Related posts ------------------------------------------------------------


def oracle_related(posts: Sequence[Post], target: Post) -> list[Post]:
    """Shared tags (most first), newest (undated last), title, position."""
    mine = folded(target.tags)
    scored = []
    for position, post in enumerate(posts):
        shared = len(mine & folded(post.tags))
        if shared and post != target:
            date = post.date
            scored.append(
                (
                    (
                        -shared,
                        date is None,
                        -date.toordinal() if date else 0,
                        folded_title(post.title),
                        position,
                    ),
                    post,
                )
            )
    return [post for _, post in sorted(scored, key=lambda item: item[0])]


class TestRelated:
    @given(listings(), st.data())
    def test_related_matches_the_oracle(
        self, listing: Listing, data: st.DataObject
    ) -> None:
        """For a post of the listing or from elsewhere, the order is as documented."""
        target = data.draw(st.sampled_from(list(listing)) if listing else POSTS)
        kept(listing, listing.related(target), oracle_related(listing, target))
        stranger = data.draw(POSTS)
        kept(listing, listing.related(stranger), oracle_related(listing, stranger))

    @pytest.mark.parametrize("bad", ["Data", None, 1, ("Data",)])
    def test_related_needs_a_post(self, bad: Any) -> None:
        """Anything but a Post is a TypeError naming its type."""
        with pytest.raises(TypeError, match=f"takes a Post, not {type(bad).__name__}"):
            Listing().related(bad)


# --- Indexes are shared, never disturbed --------------------------------------


class TestSharedIndexes:
    @given(listings(), st.lists(st.integers(0, 7), min_size=2, max_size=8))
    def test_any_sequence_of_queries_answers_as_on_a_fresh_listing(
        self, listing: Listing, sequence: list[int]
    ) -> None:
        """A listing keeps the indexes its queries build; no query changes another's answer."""
        queries: list[Callable[[Listing], object]] = [
            lambda it: it.sort_by("-date", "title"),
            lambda it: it.sort_by("date", undated="first", sticky_first=True),
            lambda it: it.sort_by("-title", "date"),
            lambda it: it.filter(Where.tagged_any("data"), Where.since("2024")),
            lambda it: it.filter(~Where.tagged_all("data", "go")),
            lambda it: it.group_by("month"),
            lambda it: it.count_by("tag"),
            lambda it: it.related(it[0]) if it else it,
        ]
        for i in sequence:
            assert queries[i](listing) == queries[i](listing[:])


# --- Your own predicates: which posts they are asked about ----------------------

# A spec leaf ("ask", k) is a predicate of the caller's that records each post
# it is asked about; predicate 0 raises StopIteration on a post titled "ß".
ASK_SPECS = st.recursive(
    LEAF_SPECS.filter(lambda spec: spec[0] not in ("match", "callable"))
    | st.tuples(st.just("ask"), st.integers(0, 2)),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), inner, inner),
        st.tuples(st.just("not"), inner),
    ),
    max_leaves=7,
)


def _answer(k: int, post: Post) -> bool:
    if k == 0 and post.title == "ß":
        raise StopIteration  # what a careless next() on an empty iterator does
    return (len(post.tags) + k) % 2 == 0


def _recording(k: int, log: list[tuple[int, int]]) -> Callable[[Post], bool]:
    def predicate(post: Post) -> bool:
        log.append((k, id(post)))
        return _answer(k, post)

    return predicate


def _has_ask(spec: tuple[Any, ...]) -> bool:
    kind, *args = spec
    if kind == "ask":
        return True
    return kind in ("and", "or", "not") and any(_has_ask(arg) for arg in args)


def _collapsed(spec: tuple[Any, ...]) -> tuple[Any, ...]:
    """*spec* with each ~~a written as a, as the docs say it is."""
    kind, *args = spec
    if kind == "not":
        inner = _collapsed(args[0])
        return inner[1] if inner[0] == "not" else ("not", inner)
    if kind in ("and", "or"):
        return (kind, _collapsed(args[0]), _collapsed(args[1]))
    return spec


def _flat(spec: tuple[Any, ...], kind: str) -> list[tuple[Any, ...]]:
    """The parts of an & (or |) chain, as the docs say: a & b & c is one
    condition of three parts."""
    if spec[0] != kind:
        return [spec]
    return _flat(spec[1], kind) + _flat(spec[2], kind)


def asked(spec: tuple[Any, ...], post: Post, log: list[tuple[int, int]]) -> bool:
    """The docs' reading: the built-in parts of an & or | first, then the
    caller's predicates in the order written, each asked only while the
    answer is open, as `and` and `or` ask."""
    kind, *args = spec
    if kind == "ask":
        log.append((args[0], id(post)))
        return _answer(args[0], post)
    if kind == "not":
        return not asked(args[0], post, log)
    if kind in ("and", "or"):
        parts = _flat(spec, kind)
        in_turn = [p for p in parts if not _has_ask(p)] + [
            p for p in parts if _has_ask(p)
        ]
        # Loops, as `and` and `or` run (all() over a generator would turn a
        # StopIteration into a RuntimeError).
        either: bool = kind == "or"
        for part in in_turn:
            if asked(part, post, log) is either:
                return either
        return not either
    return holds(spec, post)


def build_asking(spec: tuple[Any, ...], log: list[tuple[int, int]]) -> Where:
    kind, *args = spec
    if kind == "ask":
        return Where.match(_recording(args[0], log))
    if kind == "not":
        return ~build_asking(args[0], log)
    if kind in ("and", "or"):
        left, right = build_asking(args[0], log), build_asking(args[1], log)
        return left & right if kind == "and" else left | right
    return _where(spec)


class TestYourPredicates:
    """A predicate of the caller's is asked about exactly the posts the docs
    say, in filter as when the condition is called; what it raises, even
    StopIteration, reaches the caller."""

    @given(listings(), st.lists(ASK_SPECS, min_size=1, max_size=3))
    def test_filter_asks_each_predicate_what_the_docs_say(
        self, listing: Listing, specs: list[tuple[Any, ...]]
    ) -> None:
        whole: tuple[Any, ...] = specs[0]
        for spec in specs[1:]:
            whole = ("and", whole, spec)  # filter(a, b) is filter(a & b)
        whole = _collapsed(whole)
        expected: list[tuple[int, int]] = []
        try:
            kept_posts = [post for post in listing if asked(whole, post, expected)]
        except StopIteration:
            kept_posts = None
        log: list[tuple[int, int]] = []
        conditions = [build_asking(spec, log) for spec in specs]
        combined = functools.reduce(operator.and_, conditions)
        if kept_posts is None:
            with pytest.raises(StopIteration):
                listing.filter(*conditions)
            with pytest.raises(StopIteration):  # not a RuntimeError
                [combined(post) for post in listing]
            return
        kept(listing, listing.filter(*conditions), kept_posts)
        assert sorted(log) == sorted(expected)
        # Called post by post, the condition asks the same questions.
        log.clear()
        assert [post for post in listing if combined(post)] == list(kept_posts)
        assert sorted(log) == sorted(expected)

    def test_a_guard_protects_a_predicate_on_either_side(self) -> None:
        listing = Listing(
            [
                Post(title="a", date=D(2025, 1, 2)),
                Post(title="b"),
                Post(title="c", sticky=True),
            ]
        )

        def unguarded(post: Post) -> bool:
            # What a caller writes knowing a guard keeps undated posts away.
            assert post.date is not None, "the guard let an undated post through"
            return post.date.year >= 2025

        recent = Where.match(unguarded)
        for condition in (
            recent & Where.dated(),
            Where.dated() & recent,
            ~Where.dated() | recent,
            recent | ~Where.dated(),
            (Where.dated() & recent) | Where.sticky(),
            ~(Where.dated() & ~recent),
        ):
            expected = [post for post in listing if condition(post)]
            assert list(listing.filter(condition)) == expected
        # Two of the caller's own, in the order written: the guard first.
        guarded = listing.filter(lambda p: p.date is not None, ~recent)
        assert list(guarded) == []

    @pytest.mark.parametrize(
        "wrap",
        [
            lambda c: c,
            lambda c: c | Where.sticky(),
            lambda c: ~c,
            lambda c: Where.dated() & c,
        ],
    )
    def test_stop_iteration_from_a_predicate_is_not_an_early_end(
        self, wrap: Callable[[Where], Where]
    ) -> None:
        listing = Listing(
            [
                Post(title="tagged", tags=("Data",)),
                Post(title="bare", date=D(2024, 1, 2)),
            ]
        )
        first_tag = Where.match(lambda post: next(iter(post.tags)) == "Data")
        with pytest.raises(StopIteration):
            listing.filter(wrap(first_tag))

    @pytest.mark.parametrize(
        "wrap",
        [
            lambda c: Where.dated() & c,
            lambda c: c & Where.dated(),
            lambda c: ~Where.dated() | c,
            lambda c: c | ~Where.dated(),
            lambda c: ~(Where.dated() & c),
        ],
    )
    def test_stop_iteration_reaches_the_caller_of_a_condition_on_one_post(
        self, wrap: Callable[[Where], Where]
    ) -> None:
        """An `&` or `|` called on one post (`condition(post)`) asks its
        parts in a loop of its own, not filter's: what a predicate raises
        reaches the caller there too, StopIteration included (a generator,
        all() or any() over the parts, would turn it into RuntimeError)."""
        bare = Post(title="bare", date=D(2024, 1, 2))  # dated, no tags
        condition = wrap(Where.match(lambda post: next(iter(post.tags)) == "Data"))
        with pytest.raises(StopIteration):
            condition(bare)
        with pytest.raises(StopIteration):
            Listing([bare]).filter(condition)


# The bundled sample, which holds undated posts, sticky and not.
SAMPLE = bloglist.loads(bloglist.sample_text())


def _recent(post: Post) -> bool:
    """A predicate that fails on an undated post: it needs a guard."""
    assert post.date is not None, f"asked about the undated post {post.title!r}"
    return post.date.year >= 2025


class TestAPredicateNestedInAnOrIsGuarded:
    """docs/query.md, "Your own test": among the parts of one ``&`` (and the
    conditions given to ``filter``), the built-in ones are answered first,
    then the parts holding a predicate of the caller's, however deep in them
    the predicate is. So ``Where.dated()`` guards a predicate that reads
    ``post.date`` even when the predicate sits inside an ``|`` (or the ``~``
    of one) next to a built-in condition: the sample listing has undated
    posts, which the predicate is never asked about."""

    @pytest.mark.parametrize(
        ("make", "holds"),
        [
            pytest.param(
                lambda p: p | Where.sticky(),
                lambda post, recent: recent or post.sticky,
                id="or",
            ),
            pytest.param(
                lambda p: Where.sticky() | p,
                lambda post, recent: recent or post.sticky,
                id="or-reversed",
            ),
            pytest.param(
                # The ~ of an |: asks the predicate about the pinned posts.
                lambda p: ~(~p | ~Where.sticky()),
                lambda post, recent: recent and post.sticky,
                id="not-of-or",
            ),
        ],
    )
    def test_dated_guards_the_predicate_however_it_is_combined(
        self,
        make: Callable[[Where], Where],
        holds: Callable[[Post, bool], bool],
    ) -> None:
        undated = [post for post in SAMPLE if post.date is None]
        assert any(post.sticky for post in undated)
        assert any(not post.sticky for post in undated)
        # The plain-Python answer: dated, and the condition holds.
        expected = [
            post
            for post in SAMPLE
            if post.date is not None and holds(post, post.date.year >= 2025)
        ]
        assert expected
        condition = make(Where.match(_recent))
        assert list(SAMPLE.filter(condition, Where.dated())) == expected
        assert list(SAMPLE.filter(Where.dated(), condition)) == expected
        assert list(SAMPLE.filter(condition & Where.dated())) == expected
        assert list(SAMPLE.filter(Where.dated() & condition)) == expected
        guarded = condition & Where.dated()
        assert [post for post in SAMPLE if guarded(post)] == expected


def test_filter_asks_the_built_in_parts_of_an_and_first() -> None:
    """``filter`` given an ``&`` beside a predicate of one's own asks the
    built-in parts of that ``&`` first, as it does for the one ``&`` of all
    its conditions: the predicate is asked only about the posts they keep."""
    listing = bloglist.loads(bloglist.sample_text())
    asked: list[Post] = []

    def mine(post: Post) -> bool:
        asked.append(post)
        return True

    sticky = [post for post in listing if post.sticky]
    kept = listing.filter(Where.match(mine), Where.sticky() & Where.match(bool))
    assert list(kept) == sticky
    assert asked == sticky
    asked.clear()
    assert list(listing.filter(Where.match(mine) & Where.sticky())) == sticky
    assert asked == sticky


@pytest.mark.parametrize(
    "built_in",
    [
        Where.search("the"),
        Where.tagged_any("Data"),
        Where.tagged_all("Data", "Platform"),
        Where.tagged_none("Data"),
        Where.between(datetime.date(2025, 1, 1), datetime.date(2025, 3, 1)),
        Where.dated(),
        Where.sticky(),
        ~Where.sticky(),
    ],
    ids=repr,
)
def test_every_built_in_kind_is_asked_before_a_predicate(built_in: Where) -> None:
    """docs/query.md, "Your own test": the built-in conditions are answered
    first, wherever they are written. Of each kind, written after a
    predicate in one ``&`` and after it among filter's conditions: the
    predicate is asked only about the posts the built-in one keeps (the
    oracle: those posts in listing order)."""
    listing = bloglist.loads(bloglist.sample_text())
    expected = [post for post in listing if built_in(post)]
    assert 0 < len(expected) < len(listing)
    asked: list[Post] = []

    def mine(post: Post) -> bool:
        asked.append(post)
        return True

    for conditions in (
        (Where.match(mine) & built_in,),
        (Where.match(mine), built_in),
        (mine, built_in),
    ):
        asked.clear()
        assert list(listing.filter(*conditions)) == expected
        assert asked == expected
