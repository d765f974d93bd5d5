"""Post, Listing and Diagnostic: construction, validation, equality, immutability."""

from __future__ import annotations

import copy
import datetime
import enum
import operator
import pickle
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
from bloglist import Diagnostic, Listing, Post
from bloglist._post import summaries, truncated_flags

DAY = datetime.date(2024, 5, 17)


class Mine(Listing):
    """A program's own listing."""

    __slots__ = ()


class TestPostConstruction:
    def test_only_the_title_is_required(self) -> None:
        """A post needs a title; everything else has an empty default."""
        post = Post(title="T")
        assert (post.date, post.excerpt, post.tags, post.sticky, post.lineno) == (
            None,
            "",
            (),
            False,
            None,
        )

    def test_arguments_are_keyword_only(self) -> None:
        """Positional arguments are refused, so fields can be added later safely."""
        with pytest.raises(TypeError):
            Post("T")  # type: ignore[call-arg]

    def test_tags_become_a_tuple(self) -> None:
        """Any iterable of names is stored as a tuple."""
        assert Post(title="T", tags=["A", "B"]).tags == ("A", "B")
        assert Post(title="T", tags=iter(["A"])).tags == ("A",)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("title", None),
            ("title", b"T"),
            ("excerpt", 3),
            ("date", "2024-05-17"),
            ("date", datetime.datetime(2024, 5, 17, 12, 0)),
            ("tags", "Data"),
            ("tags", ["Data", 1]),
            ("sticky", 1),
            ("sticky", "yes"),
            ("lineno", 1.0),
            ("lineno", True),
        ],
    )
    def test_wrong_types_raise_type_error(self, field: str, value: object) -> None:
        """Each field checks its type when a post is built by hand."""
        kwargs: dict[str, object] = {"title": "T", field: value}
        with pytest.raises(TypeError, match=field if field != "title" else "str"):
            Post(**kwargs)  # type: ignore[arg-type]

    def test_lineno_must_be_positive(self) -> None:
        """Line numbers start at 1."""
        with pytest.raises(ValueError, match="lineno"):
            Post(title="T", lineno=0)


class TestPostValue:
    def test_equality_ignores_lineno(self) -> None:
        """The same post read from two places in a text is still the same post."""
        assert Post(title="T", lineno=3) == Post(title="T", lineno=40)
        assert hash(Post(title="T", lineno=3)) == hash(Post(title="T", lineno=40))

    @pytest.mark.parametrize(
        "change",
        [
            {"title": "U"},
            {"date": DAY},
            {"excerpt": "E"},
            {"tags": ("X",)},
            {"sticky": True},
        ],
    )
    def test_every_content_field_takes_part_in_equality(
        self, change: dict[str, object]
    ) -> None:
        """Posts that differ in any content field are unequal."""
        base = Post(title="T")
        assert attrs.evolve(base, **change) != base  # type: ignore[arg-type]

    def test_is_immutable(self) -> None:
        """Fields cannot be reassigned; attrs.evolve makes a changed copy."""
        post = Post(title="T")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            post.title = "U"  # type: ignore[misc]
        assert attrs.evolve(post, title="U").title == "U"

    def test_has_no_implicit_order(self) -> None:
        """Posts are not orderable: sorting needs an explicit key."""
        with pytest.raises(TypeError):
            _ = Post(title="A") < Post(title="B")  # type: ignore[operator]

    def test_usable_in_sets(self) -> None:
        """Equal posts collapse in a set."""
        assert len({Post(title="T", tags=["A"]), Post(title="T", tags=("A",))}) == 1

    def test_repr_omits_lineno(self) -> None:
        """The repr shows content only, so equal posts print the same."""
        assert "lineno" not in repr(Post(title="T", lineno=5))

    def test_pickles(self) -> None:
        """Posts survive pickling with every field, lineno included."""
        post = Post(title="T", date=DAY, excerpt="E", tags=["A"], sticky=True, lineno=9)
        back = pickle.loads(pickle.dumps(post))
        assert back == post and back.lineno == 9


class TestCutMarks:
    @pytest.mark.parametrize(
        ("excerpt", "truncated", "summary"),
        [
            ("We created […]", True, "We created"),
            ("We created [...]", True, "We created"),
            ("what about the…", True, "what about the"),
            ("what about the...", True, "what about the"),
            ("longitudinal data \u00a0[…]", True, "longitudinal data"),
            ("A whole sentence.", False, "A whole sentence."),
            ("to help suppe", False, "to help suppe"),
            ("", False, ""),
            ("[…]", True, ""),
        ],
    )
    def test_truncated_and_summary(
        self, excerpt: str, truncated: bool, summary: str
    ) -> None:
        """The cut mark, and the space before it, are what summary removes."""
        post = Post(title="T", excerpt=excerpt)
        assert (post.truncated, post.summary) == (truncated, summary)

    @given(
        st.lists(
            st.builds(
                operator.add,
                st.text(st.sampled_from("ab .…[]\u00a0\t"), max_size=8),
                st.sampled_from(["", "[…]", "[...]", "…", "...", " ", "[…] "]),
            ),
            max_size=12,
        )
    )
    def test_a_batch_at_a_time_as_post_by_post(self, excerpts: list[str]) -> None:
        """The writers' batch versions of ``truncated`` and ``summary`` give
        what the rule gives for each excerpt, whether every cut excerpt ends
        in ``[…]`` or not."""

        def rule(excerpt: str) -> tuple[bool, str]:
            for mark in ("[…]", "[...]", "…", "..."):
                if excerpt.endswith(mark):
                    return True, excerpt[: -len(mark)].rstrip()
            return False, excerpt

        flags = truncated_flags(excerpts)
        expected = [rule(excerpt) for excerpt in excerpts]
        assert flags == [cut for cut, _ in expected]
        assert summaries(excerpts, flags) == [summary for _, summary in expected]
        posts = [Post(title="T", excerpt=excerpt) for excerpt in excerpts]
        assert [(p.truncated, p.summary) for p in posts] == expected


class TestListing:
    posts = (Post(title="A"), Post(title="B"), Post(title="C"))

    def test_is_a_sequence_of_posts(self) -> None:
        """len, indexing, negative indexing, iteration and membership work."""
        listing = Listing(self.posts)
        assert len(listing) == 3
        assert listing[0].title == "A" and listing[-1].title == "C"
        assert [p.title for p in listing] == ["A", "B", "C"]
        assert [p.title for p in reversed(listing)] == ["C", "B", "A"]
        assert Post(title="B") in listing and Post(title="Z") not in listing
        assert listing.index(Post(title="C")) == 2

    def test_a_slice_is_a_listing_with_the_same_diagnostics(self) -> None:
        """Slicing keeps the type and the source's diagnostics."""
        listing = bloglist.loads("\nA\n\nx\nT\nStray\n\nB\n\nx\n\nC\n\nx")
        part = listing[1:]
        assert isinstance(part, Listing)
        assert [p.title for p in part] == ["B", "C"]
        assert part.diagnostics == listing.diagnostics != ()

    def test_equality_is_by_posts_only(self) -> None:
        """Listings with equal posts are equal whatever their diagnostics."""
        diagnostic = Diagnostic(
            lineno=1, colno=1, severity="error", code="extra-line", message="m"
        )
        assert Listing(self.posts) == Listing(
            list(self.posts), diagnostics=[diagnostic]
        )
        assert Listing(self.posts) != Listing(self.posts[:2])
        # Equal, so hashed alike: the diagnostics count in neither (the test
        # hashed one listing against a copy of itself).
        with_problem = Listing(list(self.posts), diagnostics=[diagnostic])
        assert hash(Listing(self.posts)) == hash(with_problem)

    @pytest.mark.parametrize(
        ("field", "value", "error", "message"),
        [
            ("lineno", "3", TypeError, "lineno must be an int, not str"),
            ("lineno", True, TypeError, "lineno must be an int, not bool"),
            ("colno", 0, ValueError, "colno must be 1 or more, not 0"),
            (
                "severity",
                "fatal",
                ValueError,
                "severity must be 'error' or 'warning', not 'fatal'",
            ),
            ("severity", None, TypeError, "severity must be a str, not NoneType"),
            ("code", 7, TypeError, "code must be a str, not int"),
            # A code is how a program tells problems apart: one that says
            # nothing is refused (a message may be empty).
            ("code", "", ValueError, "code must not be blank, not ''"),
            ("code", " \t", ValueError, "code must not be blank, not ' \\t'"),
            ("message", b"m", TypeError, "message must be a str, not bytes"),
            # A type named as a built-in one is named with its module, so
            # that no message reads "must be a str, not str".
            (
                "message",
                type("str", (), {"__module__": "numpy"})(),
                TypeError,
                "message must be a str, not numpy.str",
            ),
            # Near misses of the two severities are refused, not taken in.
            *(
                (
                    "severity",
                    near,
                    ValueError,
                    f"severity must be 'error' or 'warning', not {near!r}",
                )
                for near in ("warn", "Error", "WARNING", "error ", "")
            ),
        ],
    )
    def test_a_diagnostic_built_by_hand_is_checked(
        self, field: str, value: object, error: type[Exception], message: str
    ) -> None:
        """As a Post is: the field and what is wrong with it, not a value
        whose str() reads "b'm' (at line 3, column None)"."""
        fields: dict[str, object] = {
            "lineno": 1,
            "colno": 1,
            "severity": "error",
            "code": "extra-line",
            "message": "m",
        }
        with pytest.raises(error) as caught:
            Diagnostic(**{**fields, field: value})  # type: ignore[arg-type]
        assert str(caught.value) == message

    def test_is_not_equal_to_a_list(self) -> None:
        """A listing compares equal only to a listing."""
        assert Listing(self.posts) != list(self.posts)
        assert Listing(self.posts) != tuple(self.posts)

    def test_is_immutable(self) -> None:
        """No attribute can be set or deleted, and the error says which."""
        listing = Listing(self.posts)
        with pytest.raises(
            AttributeError, match=r"^Listing is immutable; cannot set 'extra'$"
        ):
            listing.extra = 1  # type: ignore[attr-defined]
        with pytest.raises(
            AttributeError, match=r"^Listing is immutable; cannot delete 'diagnostics'$"
        ):
            del listing.diagnostics
        with pytest.raises(AttributeError, match=r"cannot delete '_posts'$"):
            del listing._posts

    def test_holds_only_posts(self) -> None:
        """Anything but a Post is refused, and so is a diagnostic of the wrong type."""
        with pytest.raises(TypeError, match=r"^posts\[1\] must be a Post, not str$"):
            Listing([Post(title="A"), "B"])  # type: ignore[list-item]
        for build in (Listing, bloglist.dumps):
            with pytest.raises(
                TypeError, match=r"^posts must be an iterable of posts, such as a "
            ):
                build(3)  # type: ignore[arg-type, call-overload]
        with pytest.raises(TypeError, match="Diagnostic"):
            Listing([], diagnostics=["oops"])  # type: ignore[list-item]

    @pytest.mark.parametrize("diagnostics", [None, 5, "warning", b"warning"])
    def test_diagnostics_must_be_iterable(self, diagnostics: object) -> None:
        """As posts are: the message names the argument, not the tuple() inside;
        a str or bytes is refused whole, not read as its characters."""
        with pytest.raises(TypeError) as caught:
            Listing([], diagnostics=diagnostics)  # type: ignore[arg-type]
        assert str(caught.value) == (
            "diagnostics must be an iterable of Diagnostic objects, "
            f"not {type(diagnostics).__name__}"
        )

    def test_diagnostics_hold_only_diagnostics(self) -> None:
        """The first item that is not a Diagnostic is named by its place."""
        diagnostic = Diagnostic(
            lineno=1, colno=1, severity="error", code="extra-line", message="m"
        )
        with pytest.raises(TypeError) as caught:
            Listing([], diagnostics=iter([diagnostic, "oops"]))  # type: ignore[arg-type]
        assert str(caught.value) == "diagnostics[1] must be a Diagnostic, not str"
        built = Listing([], diagnostics=iter([diagnostic]))
        assert built.diagnostics == (diagnostic,)

    def test_index_of_a_missing_post_says_so(self) -> None:
        """Not Sequence.index's ValueError with no message: list's wording,
        a post named by its title and any value cut short if long."""
        listing = Listing(self.posts)
        for value, message in [
            (Post(title="Z"), "post 'Z' is not in the listing"),
            (Post(title="T" * 100), f"post '{'T' * 39}'… is not in the listing"),
            ("A", "'A' is not in the listing"),
            ("x" * 100, f"'{'x' * 12}...{'x' * 13}' is not in the listing"),
        ]:
            with pytest.raises(ValueError, match="is not in the listing") as caught:
                listing.index(value)
            assert str(caught.value) == message
            assert caught.value.__suppress_context__

    def test_index_and_count_follow_sequence(self) -> None:
        """start and stop bound the search as they do for a list, and
        count counts equal posts."""
        listing = Listing(self.posts + self.posts)
        as_list = list(listing)
        c = Post(title="C")
        for args in [(), (3,), (-3,), (0, 3), (3, 6), (-4, -1), (0, 10**20)]:
            assert listing.index(c, *args) == as_list.index(c, *args)
        # None, as Sequence.index takes it: from the first, to the end.
        assert listing.index(c, None) == listing.index(c, 0, None) == 2
        for post in listing:  # the first post too
            assert (
                listing.index(post, None)
                == listing.index(post, None, None)
                == (as_list.index(post))
            )
        assert listing.index(c, 3, None) == 5
        with pytest.raises(TypeError):
            # Positional-only, as list.index's arguments are.
            listing.index(c, start=3)  # type: ignore[call-arg]
        for args in [(0, 2), (6,), (-1, -1)]:
            with pytest.raises(ValueError, match=r"^post 'C' is not in the listing$"):
                listing.index(c, *args)
        assert listing.count(c) == 2
        assert listing.count(Post(title="Z")) == listing.count("A") == 0

    @pytest.mark.parametrize("index", [3, -4, 10**20])
    def test_an_index_out_of_range_names_the_listing(self, index: int) -> None:
        """Not the tuple a listing keeps its posts in."""
        with pytest.raises(IndexError) as caught:
            Listing(self.posts)[index]
        assert str(caught.value) == "listing index out of range"
        assert caught.value.__suppress_context__

    @pytest.mark.parametrize("index", ["0", 1.0, None])
    def test_an_index_of_a_wrong_type_names_the_listing(self, index: object) -> None:
        """Same exception type, the listing's wording."""
        with pytest.raises(TypeError) as caught:
            Listing(self.posts)[index]  # type: ignore[call-overload]
        assert str(caught.value) == (
            f"listing indices must be integers or slices, not {type(index).__name__}"
        )
        assert caught.value.__suppress_context__

    def test_an_index_of_a_type_named_as_a_built_in_one_names_its_module(
        self,
    ) -> None:
        """numpy 2's bool is "numpy.bool": no message reads "integers or
        slices, not bool" of what is not Python's bool."""
        index = type("bool", (), {"__module__": "numpy"})()
        with pytest.raises(
            TypeError,
            match=r"^listing indices must be integers or slices, not numpy\.bool$",
        ):
            Listing(self.posts)[index]

    def test_pickles(self) -> None:
        """A listing survives pickling with its posts and diagnostics."""
        listing = bloglist.loads("\nA\n\nx\nT\nStray")
        back = pickle.loads(pickle.dumps(listing))
        assert back == listing and back.diagnostics == listing.diagnostics

    def test_a_subclass_copies_and_pickles_as_itself(self) -> None:
        """A program's own subclass of Listing comes back as that subclass,
        from a copy and from a pickle (a worker process's result)."""
        listing = Mine(
            self.posts, diagnostics=bloglist.loads("\nA\n\nx\nT\nS").diagnostics
        )
        for back in (copy.copy(listing), pickle.loads(pickle.dumps(listing))):
            assert type(back) is Mine
            assert back == listing and back.diagnostics == listing.diagnostics

    def test_a_diagnostic_keeps_a_str_subclass_as_its_text(self) -> None:
        """A code given as a StrEnum member, or a message of a str subclass,
        is kept as a plain str, as a post keeps its title: the diagnostic
        compares, hashes, shows and pickles by its text alone, and a pickle
        does not name the program's own class."""

        class Code(enum.StrEnum):
            EXTRA = "extra-line"

        class Odd(str):
            def __eq__(self, other: object) -> bool:
                return True

            def __str__(self) -> str:  # the value is kept, not what str() says
                return "shown"

            __hash__ = str.__hash__

        made = Diagnostic(
            lineno=1,
            colno=1,
            severity=Odd("error"),  # type: ignore[arg-type]
            code=Code.EXTRA,
            message=Odd("m"),
        )
        plain = Diagnostic(
            lineno=1, colno=1, severity="error", code="extra-line", message="m"
        )
        assert [type(made.severity), type(made.code), type(made.message)] == [str] * 3
        assert made == plain and hash(made) == hash(plain)
        assert made != attrs.evolve(plain, message="other")
        assert repr(made) == repr(plain)
        assert b"Code" not in pickle.dumps(made)

    def test_repr_counts(self) -> None:
        """The repr says how many posts and diagnostics there are."""
        assert repr(Listing([Post(title="A")])) == "<Listing: 1 post, 0 diagnostics>"
        one = bloglist.loads("\nA\n\nx\nT\nStray")
        assert repr(one) == "<Listing: 1 post, 1 diagnostic>"
        two = Listing([*one, *one], diagnostics=[*one.diagnostics] * 2)
        assert repr(two) == "<Listing: 2 posts, 2 diagnostics>"

    def test_a_subclass_answers_with_plain_listings(self) -> None:
        """A slice of a program's own subclass, and what its queries return,
        is a plain Listing, as a slice of a list's subclass is a plain list:
        a subclass's own state, set by its __init__, is not carried over."""
        problem = bloglist.loads("\nA\n\nx\nT\nStray").diagnostics[0]
        mine = Mine(self.posts, diagnostics=[problem])
        answers = [
            mine[:1],
            mine[::-1],
            mine.first(1),
            mine.last(1),
            mine.filter(bloglist.Where.sticky()),
            mine.filter(),
            mine.first(len(mine) + 1),
            mine.sort_by("title"),
            mine.page(1, size=1).posts,
            mine.related(mine[0]),
        ]
        assert [type(answer) for answer in answers] == [Listing] * len(answers)
        # Every post kept, by filter() with no condition: equal to the
        # subclass, which it is not.
        assert answers[5] == mine
        assert answers[5] is not mine
        assert [*answers[5]] == [*mine]
        assert answers[5].diagnostics == (problem,)


def test_a_listing_leaves_equality_with_another_type_to_it() -> None:
    """``Listing.__eq__`` leaves a comparison with another type to that
    object (``NotImplemented``), so that ``unittest.mock.ANY`` and a
    program's own ``__eq__`` decide; a list is not equal to a listing."""

    class Anything:
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    listing = Listing([Post(title="a")])
    assert listing == mock.ANY
    assert listing == Anything()
    assert listing.__eq__([Post(title="a")]) is NotImplemented
    assert listing != [Post(title="a")]


class TestPublicNames:
    # That every class shows bloglist.X as its module is pinned once, by the
    # API snapshot (tests/test_api_surface.py).

    def test_version_comes_from_the_installed_metadata(self) -> None:
        """bloglist.__version__ is the version pip installed."""
        from importlib.metadata import version

        assert bloglist.__version__ == version("bloglist")

    @pytest.mark.parametrize(
        "name",
        ["SupportsRead", "SupportsReadSize", "SupportsWrite", "SupportsWriteBytes"],
    )
    def test_the_file_protocols_are_for_annotations_only(self, name: str) -> None:
        """api.md: not runtime_checkable, so isinstance() with one raises a
        TypeError rather than answer by a method's presence."""
        import io

        with pytest.raises(TypeError, match="runtime_checkable"):
            isinstance(io.BytesIO(), getattr(bloglist, name))

    def test_unknown_attributes_raise(self) -> None:
        """Only real names resolve on the package."""
        with pytest.raises(AttributeError):
            _ = bloglist.no_such_name  # type: ignore[attr-defined]
