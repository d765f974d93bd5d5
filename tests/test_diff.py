"""bloglist.diff: what changed between two scrapes, as a value and as text.

The property tests compare it with the simulated blog of
``tests/history_oracle.py``, whose posts carry their true identity.
"""

from __future__ import annotations

import datetime
import gc
import re
from unicodedata import normalize

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import Change, Diff, Listing, Post, diff
from history_oracle import (
    ORACLE_EXAMPLES,
    WEEKLY_OPS,
    WEEKLY_WEB,
    expected_diff,
    simulate,
)

D = datetime.date
SAMPLE = bloglist.loads(bloglist.sample_text())


DAY = D(2025, 3, 25)


def P(title: str, date: datetime.date | None = DAY, **fields: object) -> Post:
    return Post(title=title, date=date, **fields)  # type: ignore[arg-type]


class TestDiffValue:
    def test_the_same_listing_is_no_change(self) -> None:
        """A listing against itself: nothing added, removed or changed; false."""
        found = diff(SAMPLE, SAMPLE)
        assert found == Diff(unchanged=len(SAMPLE))
        assert not found

    def test_anything_different_makes_it_true(self) -> None:
        """Added, removed or changed posts each make the diff true."""
        assert diff([], [P("A")]).added == (P("A"),)
        assert diff([P("A")], []).removed == (P("A"),)
        assert diff([P("A")], [P("A", sticky=True)]).changed == (
            Change(P("A"), P("A", sticky=True)),
        )
        assert all([diff([], [P("A")]), diff([P("A")], []), diff([P("A")], [P("a")])])

    def test_orders_follow_the_listings(self) -> None:
        """Added and changed posts in the new order, removed posts in the old order."""
        old = [P("Gone 1"), P("Kept b"), P("Gone 2"), P("Kept a")]
        new = [
            P("New 1"),
            P("Kept a", excerpt="x"),
            P("New 2"),
            P("Kept b", excerpt="y"),
        ]
        found = diff(old, new)
        assert [post.title for post in found.added] == ["New 1", "New 2"]
        assert [post.title for post in found.removed] == ["Gone 1", "Gone 2"]
        assert [change.new.title for change in found.changed] == ["Kept a", "Kept b"]
        assert found.unchanged == 0

    def test_it_is_immutable_and_hashable(self) -> None:
        """A diff is a value: frozen, with tuples, comparable and hashable."""
        found = diff(SAMPLE[1:], SAMPLE[:-1])
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            found.unchanged = 0  # type: ignore[misc]
        assert isinstance(found.added, tuple)
        assert hash(found) == hash(diff(SAMPLE[1:], SAMPLE[:-1]))

    def test_the_garbage_collector_is_left_as_it_was(self) -> None:
        """diff pauses the collector while it builds, and switches it back on."""
        assert gc.isenabled()
        diff(SAMPLE, SAMPLE[3:])
        assert gc.isenabled()

    def test_any_iterables_of_posts_will_do(self) -> None:
        """Listings, lists and generators give the same diff."""
        assert diff(SAMPLE, Listing(SAMPLE[2:])) == diff(
            list(SAMPLE), (post for post in SAMPLE[2:])
        )

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda: diff([P("A"), "B"], []), "old[1] must be a Post, not str"),  # type: ignore[list-item]
            (lambda: diff([], [P("A"), 3]), "new[1] must be a Post, not int"),  # type: ignore[list-item]
            (
                lambda: diff(None, []),  # type: ignore[arg-type]
                "old must be an iterable of posts, such as a Listing, not NoneType",
            ),
            (
                lambda: diff([], P("A")),  # type: ignore[arg-type]
                "new must be an iterable of posts, such as a Listing, not Post",
            ),
            (
                lambda: Diff(added=None),  # type: ignore[arg-type]
                "added must be an iterable of Post objects, not NoneType",
            ),
            (
                lambda: Diff(changed=3),  # type: ignore[arg-type]
                "changed must be an iterable of Change objects, not int",
            ),
            (lambda: Diff(added=["A"]), "added[0] must be a Post, not str"),  # type: ignore[list-item]
            (lambda: Diff(removed=[None]), "removed[0] must be a Post, not NoneType"),  # type: ignore[list-item]
            (lambda: Diff(changed=[P("A")]), "changed[0] must be a Change, not Post"),  # type: ignore[list-item]
            (lambda: Diff(unchanged=True), "unchanged must be an int, not bool"),
            (lambda: Change(P("A"), "B"), "new must be a Post, not str"),  # type: ignore[arg-type]
            (lambda: Change(1, P("B")), "old must be a Post, not int"),  # type: ignore[arg-type]
        ],
    )
    def test_wrong_types_are_refused_by_name(self, call: object, message: str) -> None:
        """A TypeError that says which argument is wrong."""
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            call()  # type: ignore[operator]

    def test_a_change_of_equal_posts_is_refused(self) -> None:
        """A Change is an edit: two equal posts (the line aside) are none, and
        a Diff holding one would count a post as changed that is not."""
        message = (
            "a change needs two posts that differ in a field; "
            "these are equal: both are the post 'A'"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            Change(P("A"), P("A", lineno=7))
        assert Change(P("A"), P("a")).fields == ("title",)
        # Fields equal but built apart (a date, a tag list, an excerpt read
        # from two files) are no change.
        old = P(
            "A", datetime.date(2025, 3, 25), excerpt="".join(["x", "y"]), tags=["T"]
        )
        new = P(
            "a", datetime.date(2025, 3, 25), excerpt="".join(["x", "y"]), tags=["T"]
        )
        assert old.date is not new.date and old.tags is not new.tags
        assert old.excerpt is not new.excerpt
        assert Change(old, new).fields == ("title",)

    def test_a_negative_count_is_refused(self) -> None:
        """unchanged counts posts, so it is never negative."""
        with pytest.raises(ValueError, match="unchanged must be 0 or more, not -1"):
            Diff(unchanged=-1)


class TestChangedFields:
    @pytest.mark.parametrize(
        ("old", "new", "fields"),
        [
            (P("Title"), P("TITLE"), ("title",)),
            (P("Hello wrold!"), P("Hello world!"), ("title",)),
            (P("Moved", D(2025, 3, 1)), P("Moved", D(2025, 3, 2)), ("date",)),
            (P("Undated", None), P("Undated"), ("date",)),
            (P("E", excerpt="a"), P("E", excerpt="b"), ("excerpt",)),
            (P("T", tags=("a", "b")), P("T", tags=("b", "a")), ("tags",)),
            (P("S", sticky=True), P("S"), ("sticky",)),
            (
                P("All", None, excerpt="a", tags=("x",)),
                P("ALL", D(2025, 1, 1), excerpt="b", sticky=True),
                ("title", "date", "excerpt", "tags", "sticky"),
            ),
        ],
    )
    def test_fields_name_what_changed_in_a_fixed_order(
        self, old: Post, new: Post, fields: tuple[str, ...]
    ) -> None:
        """Each edited field is named once, in the order title, date, excerpt, tags, sticky."""
        (change,) = diff([old], [new]).changed
        assert (change.old, change.new) == (old, new)
        assert change.fields == fields

    def test_line_numbers_are_no_change(self) -> None:
        """A post that only moved in the text is unchanged."""
        found = diff([Post(title="A", lineno=1)], [Post(title="A", lineno=9)])
        assert found == Diff(unchanged=1)

    def test_changed_means_not_equal_even_for_a_subclass(self) -> None:
        """A pair is changed exactly when its posts are not ==, as a subclass's
        own == decides (a Post and its subclass are never equal)."""

        class Pinned(Post):
            pass

        old = [P("A"), P("B"), P("C", excerpt="x")]
        new = [Pinned(title="A", date=DAY), P("B"), P("C", excerpt="y")]
        found = diff(old, new)
        assert [(c.old, c.new) for c in found.changed] == [
            (old[0], new[0]),
            (old[2], new[2]),
        ]
        assert found.unchanged == 1
        # It reads as a change with no field named, and no dangling colon.
        assert str(found.changed[0]) == "~ Mar 25, 2025  A"


class TestText:
    def test_a_person_reads_it_line_by_line(self) -> None:
        """+ added, - removed, ~ changed with what changed, then the counts."""
        old = [
            P("Gone", D(2025, 3, 1)),
            P("Hello wrold", excerpt="Old text", tags=("A", "B"), sticky=True),
            P("Same", None),
        ]
        new = [
            P("Fresh"),
            P("Hello world", excerpt="New text", tags=("A",)),
            P("Same", None),
        ]
        assert str(diff(old, new)) == (
            "+ Mar 25, 2025  Fresh\n"
            "- Mar 1, 2025   Gone\n"
            "~ Mar 25, 2025  Hello world: title 'Hello wrold' -> 'Hello world'; "
            "excerpt 'Old text' -> 'New text'; tags 'A, B' -> 'A'; unpinned\n"
            "1 added, 1 removed, 1 changed, 1 unchanged"
        )

    def test_dates_and_pins_read_plainly(self) -> None:
        """An undated side says so; pinning says pinned."""
        change = Change(P("T", None), P("T", D(2024, 12, 31), sticky=True))
        assert str(change) == "~ Dec 31, 2024  T: date undated -> Dec 31, 2024; pinned"

    def test_long_values_are_cut_short(self) -> None:
        """A long excerpt shows its start, so a line stays readable."""
        change = Change(P("T", excerpt="a" * 100), P("T", excerpt="b" * 100))
        assert (
            str(change) == f"~ Mar 25, 2025  T: excerpt '{'a' * 39}'… -> '{'b' * 39}'…"
        )

    def test_a_tag_added_to_a_long_list_shows_where_the_lists_differ(self) -> None:
        """Tags joined past the cut of a long value, one added or taken
        away at the end: each side shows its end, from where the two first
        differ, as docs/history.md says, not two starts that read the same."""
        tags = ["Infrastructure", "Engineering Culture", "Developer Tools"]
        three, four = P("T", tags=tags), P("T", tags=[*tags, "Search"])
        assert str(Change(three, four)) == (
            "~ Mar 25, 2025  T: tags …'oper Tools' -> …'oper Tools, Search'"
        )
        assert str(Change(four, three)) == (
            "~ Mar 25, 2025  T: tags …'oper Tools, Search' -> …'oper Tools'"
        )

    def test_long_tags_that_join_alike_are_each_cut_short(self) -> None:
        """One tag holding ", " against the same names as two tags, each of
        60 characters: each tag is quoted on its own and cut short as a long
        value is, so that the line stays readable."""
        x, y = "x" * 60, "y" * 60
        one, two = P("T", tags=[f"{x}, {y}"]), P("T", tags=[x, y])
        cut_x, cut_y = f"'{'x' * 39}'…", f"'{'y' * 39}'…"
        assert str(Change(one, two)) == (
            f"~ Mar 25, 2025  T: tags [{cut_x}] -> [{cut_x}, {cut_y}]"
        )

    def test_an_edit_shows_the_characters_as_written(self) -> None:
        """Each side of an edit shows its own characters: a superscript stays
        a superscript (composing, NFC, changes none), not the digit its
        compatibility form is."""
        old = P("Area in m\N{SUPERSCRIPT TWO}")
        new = P("Area in m\N{SUPERSCRIPT THREE}")
        assert str(Change(old, new)) == (
            "~ Mar 25, 2025  Area in m\u00b3: "
            "title 'Area in m\u00b2' -> 'Area in m\u00b3'"
        )

    @given(
        st.text("ab ", max_size=120),
        st.text("xyz", min_size=1, max_size=3),
        st.text("xyz", min_size=1, max_size=3),
        st.text("ab ", max_size=60),
    )
    @example("a" * 20, "x", "y", "b" * 60)
    @example("a" * 29, "x", "y", "b" * 60)
    @example("a" * 30, "x", "y", "b" * 60)
    @example("a b" * 40, "xx", "x", "")
    @example("a" * 100, "x", "yz", "")
    def test_an_edit_shows_where_the_texts_differ(
        self, start: str, was: str, now: str, end: str
    ) -> None:
        """However far into a long excerpt, title or tag list an edit is, the
        two sides printed differ, each a piece of its own text (cut short
        with … where needed) that holds the place where they differ."""
        old_text, new_text = start + was + end, start + now + end
        if old_text == new_text:
            return
        at = next(
            i
            for i, (a, b) in enumerate(
                zip(old_text + "$", new_text + "$", strict=False)
            )
            if a != b
        )
        old = P("T", excerpt=old_text, tags=[old_text or "t"])
        new = P("T", excerpt=new_text, tags=[new_text or "t"])
        for field in ("excerpt", "tags"):
            shown = re.search(
                rf"{field} (…?)'([^']*)'…? -> (…?)'([^']*)'…?", str(Change(old, new))
            )
            assert shown is not None
            assert shown[2] != shown[4]
            for cut, piece, text in (
                (shown[1], shown[2], old_text),
                (shown[3], shown[4], new_text),
            ):
                begins = text.find(piece) if cut else 0
                assert text.startswith(piece, begins)
                assert begins <= at <= begins + len(piece)

    def test_a_line_break_in_a_title_stays_on_the_post_s_line(self) -> None:
        """A title holding a line break or another control character (from
        from_json or Post(...)) prints escaped: a line per post, none that
        looks like another + or - line."""
        old = [P("Gone\n+ Mar 1, 2025   Fake"), P("Tab\there")]
        new = [P("Fresh\r\nline\x1b[31m"), P("Tab\there!\u2028")]
        text = str(diff(old, new))
        assert text == (
            "+ Mar 25, 2025  Fresh\\r\\nline\\x1b[31m\n"
            "- Mar 25, 2025  Gone\\n+ Mar 1, 2025   Fake\n"
            "~ Mar 25, 2025  Tab\\there!\\u2028: title 'Tab\\there' -> "
            "'Tab\\there!\\u2028'\n"
            "1 added, 1 removed, 1 changed, 0 unchanged"
        )
        assert len(text.splitlines()) == 4

    def test_no_change_is_the_summary_alone(self) -> None:
        """An empty diff prints its counts only."""
        assert (
            str(diff(SAMPLE, SAMPLE)) == "0 added, 0 removed, 0 changed, 12 unchanged"
        )


class TestMessages:
    """How the text of a diff quotes a long value that changed."""

    def test_a_difference_30_characters_in_is_shown_from_before_it(self) -> None:
        """A long text is quoted from ten characters before its first
        difference once that is 30 characters in or more."""
        old = bloglist.Post(title="T", excerpt="x" * 30 + "a" + "y" * 20)
        new = bloglist.Post(title="T", excerpt="x" * 30 + "b" + "y" * 20)
        assert (
            str(bloglist.diff([old], [new]))
            .splitlines()[0]
            .endswith(
                "excerpt …'xxxxxxxxxxayyyyyyyyyyyyyyyyyyyy'"
                " -> …'xxxxxxxxxxbyyyyyyyyyyyyyyyyyyyy'"
            )
        )


_ANY_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)


@given(
    title=_ANY_TEXT,
    excerpt=_ANY_TEXT,
    tag=_ANY_TEXT,
    other=_ANY_TEXT,
)
def test_the_text_of_a_diff_holds_nothing_a_terminal_acts_on(
    title: str, excerpt: str, tag: str, other: str
) -> None:
    """str(Diff), which `bloglist diff` prints as it is, shows every title,
    excerpt and tag with escapes for what a terminal would act on or not
    show: each of its lines holds only printable characters and spaces."""
    day = datetime.date(2025, 3, 5)
    old = [Post(title=title, date=day, excerpt=excerpt), Post(title=other)]
    new = [Post(title=title, date=day, excerpt=other, tags=[tag]), Post(title=tag)]
    for line in str(diff(old, new)).split("\n"):
        assert line.replace(" ", "").isprintable(), line


def test_one_tag_holding_commas_and_several_tags_read_apart() -> None:
    """A WordPress tag line, one tag holding ', ', against the same names as
    three tags: the change's two sides never read the same."""
    one = Post(title="T", tags=["Coffee, Gear, Reviews"])
    three = Post(title="T", tags=["Coffee", "Gear", "Reviews"])
    assert str(Change(one, three)) == (
        "~ undated       T: tags ['Coffee, Gear, Reviews'] -> "
        "['Coffee', 'Gear', 'Reviews']"
    )
    # Tags that join differently show as two texts, as before.
    assert str(Change(one, Post(title="T", tags=["Coffee"]))).endswith(
        "tags 'Coffee, Gear, Reviews' -> 'Coffee'"
    )


_TAG_LISTS = st.lists(st.sampled_from(["a", "b", "a, b", "b, a", "a,b"]), max_size=4)


@given(_TAG_LISTS, _TAG_LISTS)
@example(["a, b"], ["a", "b"])
def test_two_lists_of_tags_never_show_alike(old: list[str], new: list[str]) -> None:
    """Whatever the tags, a change of tags shows two sides that differ."""
    if old == new:
        return
    line = str(Change(Post(title="T", tags=old), Post(title="T", tags=new)))
    before, _, after = line.partition(": tags ")[2].partition(" -> ")
    assert before != after, line


def _post_with(field: str, text: str) -> Post:
    """A post whose *field* (title, excerpt or tags) is *text*."""
    if field == "tags":
        return Post(title="T", tags=[text])
    if field == "excerpt":
        return Post(title="T", excerpt=text)
    return Post(title=text)


@pytest.mark.parametrize("field", ["title", "excerpt", "tags"])
@pytest.mark.parametrize("times", [1, 20])
def test_texts_alike_but_for_their_normal_form_read_apart(
    field: str, times: int
) -> None:
    """ "é" as one character against "e" and a combining accent (a copy made
    on macOS): the two sides, which would read the same, show their
    characters' escapes, cut where they first differ."""
    composed, decomposed = "Caf\u00e9 time " * times, "Cafe\u0301 time " * times

    def post(text: str) -> Post:
        return _post_with(field, text)

    line = str(Change(post(composed), post(decomposed)))
    before, _, after = line.partition(f": {field} ")[2].partition(" -> ")
    assert normalize("NFC", before) != normalize("NFC", after), line
    assert before.startswith("'Caf\\xe9 time") and after.startswith("'Cafe\\u0301 time")
    assert "\\u2026" not in line  # the cut marks stay marks
    # An edit that shows, past a difference that does not: where the edit
    # is, in the composed form, both sides read alike up to it.
    # Either way round: each side is put in the composed form.
    for old, new in ((composed, decomposed), (decomposed, composed)):
        line = str(Change(post(old + "A"), post(new + "B")))
        before, _, after = line.partition(f": {field} ")[2].partition(" -> ")
        assert before.removesuffix("A'") == after.removesuffix("B'"), line
    # Texts that differ otherwise show as they are, escapes only where
    # printable() puts them.
    line = str(Change(post(composed), post(composed.replace("time", "times"))))
    assert "\\x" not in line and "\u00e9" in line


# Characters that show nothing and that Python prints as they are (of
# Unicode's Default_Ignorable_Code_Point, those str.isprintable() takes).
_SHOWS_NOTHING = ["\u034f", "\u115f", "\u17b4", "\u180b", "\u3164", "\ufe0f", "\uffa0"]


@pytest.mark.parametrize("field", ["title", "excerpt", "tags"])
@pytest.mark.parametrize("mark", [*_SHOWS_NOTHING, "\U000e0100"])
def test_an_edit_that_shows_nothing_reads_as_escapes(field: str, mark: str) -> None:
    """A review: a title that gained a combining grapheme joiner, a
    variation selector or a Hangul filler showed two sides that read the
    same; they now show their escapes, as texts alike but for their normal
    form do."""
    old, new = "Hello world", f"Hello{mark} world"
    line = str(Change(_post_with(field, old), _post_with(field, new)))
    before, _, after = line.partition(f": {field} ")[2].partition(" -> ")
    assert (before, after) == ("'Hello world'", f"'Hello{ascii(mark)[1:-1]} world'")


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt of
# Unicode 15.0), written out: those that str.isprintable() takes are printed
# as they are, and show nothing.
_DEFAULT_IGNORABLE = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
]  # fmt: skip


class TestEveryCharacterThatShowsNothing:
    def test_an_edit_by_any_of_them_reads_as_escapes(self) -> None:
        """Every default-ignorable character that Python prints as it is, not
        only the first of a range: a title, excerpt or tag that gained it
        shows its escape, not two sides that read the same."""
        marks = [
            chr(code)
            for first, last in _DEFAULT_IGNORABLE
            for code in range(first, last + 1)
            if chr(code).isprintable()
        ]
        assert "\u1160" in marks and "\U000e01ef" in marks
        for mark in marks:
            for field in ("title", "excerpt", "tags"):
                old = _post_with(field, "Hello world")
                line = str(Change(old, _post_with(field, f"Hello{mark} world")))
                before, _, after = line.partition(f": {field} ")[2].partition(" -> ")
                escaped = f"'Hello{ascii(mark)[1:-1]} world'"
                assert (before, after) == ("'Hello world'", escaped), ascii(mark)


def test_an_edit_that_first_shows_nothing_reads_as_escapes() -> None:
    """A code review: texts that differ first by a character that shows
    nothing, and then by one that shows past the cut, showed two sides that
    read the same up to the cut. Where they first differ shows now."""
    old = Post(title="Hello\u034f world, a long title of the sort that blogs use X")
    new = Post(title="Hello world, a long title of the sort that blogs use Y")
    line = str(Change(old, new))
    before, _, after = line.partition(": title ")[2].partition(" -> ")
    assert before.startswith("'Hello\\u034f world") and after.startswith("'Hello world")


def test_tags_cut_alike_are_shown_whole() -> None:
    """A review: tags of over 40 characters, quoted one by one because they
    join alike, were cut at the same place on both sides and read the same."""
    long, many = "P" * 45, ", ".join(["A"] * 20)
    old = Post(title="T", tags=(long + ", A", many))
    new = Post(title="T", tags=(long, "A, " + many))
    line = str(Change(old, new))
    before, _, after = line.partition(": tags ")[2].partition(" -> ")
    assert before == repr([long + ", A", many]) and after == repr([long, "A, " + many])


class TestAgainstTheOracle:
    @settings(max_examples=ORACLE_EXAMPLES)
    @given(st.integers(0, 2**32))
    def test_each_diff_is_the_true_change(self, seed: int) -> None:
        """Between each two scrapes of a simulated blog, diff finds what really happened."""
        history = simulate(seed)
        for before, after in zip(history.scrapes, history.scrapes[1:], strict=False):
            found = diff(before.listing, after.listing)
            expected = expected_diff(before, after)
            assert found.added == expected.added
            assert found.removed == expected.removed
            assert [(c.old, c.new) for c in found.changed] == list(expected.changed)
            assert found.unchanged == expected.unchanged

    @given(st.lists(st.sampled_from(list(SAMPLE)), max_size=8), st.data())
    def test_nothing_is_lost(self, old: list[Post], data: st.DataObject) -> None:
        """Every post is added, removed, or in exactly one pair, on each side."""
        new = data.draw(st.permutations(old)) + data.draw(
            st.lists(st.sampled_from(list(SAMPLE)), max_size=4)
        )
        found = diff(old, new)
        assert len(found.added) + len(found.changed) + found.unchanged == len(new)
        assert len(found.removed) + len(found.changed) + found.unchanged == len(old)


# The edges of the arguments, against a plain-Python answer -------------------

# Titles far apart (no close-title pairing) on dates of their own (no pairing
# by title on another date): the matching rule can only pair equal posts.
POOL = [P("Alpha", D(2025, 3, 1)), P("Bravo", D(2025, 3, 2)), P("Charlie", None)]
POOL += [P("Delta", D(2025, 3, 1), sticky=True), P("Echo", D(2025, 3, 3), tags=["x"])]


def multiset_diff(old: list[Post], new: list[Post]) -> Diff:
    """The diff of scrapes whose posts are equal or far apart: the k-th copy
    of a post in new pairs with the k-th copy in old."""
    left = list(old)
    paired_new: list[bool] = []
    taken: set[int] = set()
    for post in new:
        index = next(
            (i for i, o in enumerate(left) if i not in taken and o == post), None
        )
        paired_new.append(index is not None)
        if index is not None:
            taken.add(index)
    return Diff(
        added=[p for p, paired in zip(new, paired_new, strict=True) if not paired],
        removed=[p for i, p in enumerate(old) if i not in taken],
        unchanged=len(taken),
    )


class TestEdges:
    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            ([], [], Diff()),
            ([], POOL, Diff(added=POOL)),
            (POOL, [], Diff(removed=POOL)),
            (POOL, POOL, Diff(unchanged=len(POOL))),
            (POOL, POOL[::-1], Diff(unchanged=len(POOL))),
            (POOL[:1], POOL[:1] * 3, Diff(added=POOL[:1] * 2, unchanged=1)),
            (POOL[:1] * 3, POOL[:1], Diff(removed=POOL[:1] * 2, unchanged=1)),
        ],
    )
    def test_empty_all_added_all_removed_and_duplicates(
        self, old: list[Post], new: list[Post], expected: Diff
    ) -> None:
        """The edges: nothing, everything added or removed, the same posts in
        another order, and copies of one post."""
        found = diff(old, new)
        assert found == expected
        assert bool(found) == bool(expected.added or expected.removed)

    def test_a_listing_with_itself(self) -> None:
        """The very same listing, or an equal one parsed again: no change."""
        again = bloglist.loads(bloglist.sample_text())
        assert diff(SAMPLE, SAMPLE) == diff(SAMPLE, again) == Diff(unchanged=12)

    def test_generators_are_read_once(self) -> None:
        """One-shot iterables are read once each, as lists would be."""
        found = diff((p for p in POOL[:2]), iter(POOL[1:3]))
        assert found == Diff(added=POOL[2:3], removed=POOL[:1], unchanged=1)

    @given(
        st.lists(st.sampled_from(POOL), max_size=10),
        st.lists(st.sampled_from(POOL), max_size=10),
    )
    def test_copies_pair_in_order(self, old: list[Post], new: list[Post]) -> None:
        """Any two scrapes of equal or far-apart posts, copies included: the
        diff is the multiset difference, in each scrape's order."""
        assert diff(old, new) == multiset_diff(old, new)
        # Each copy its own object, as a parse gives.
        assert diff([attrs.evolve(p) for p in old], new) == multiset_diff(old, new)


class TestPostsOfOneDateAndTitle:
    """Two "Weekly links" of one day: each keeps its own history."""

    WEB, OPS = WEEKLY_WEB, WEEKLY_OPS

    def test_one_deleted_is_a_removal_and_nothing_else(self) -> None:
        found = diff([self.WEB, self.OPS], [self.OPS])
        assert found == Diff(added=(), removed=(self.WEB,), changed=(), unchanged=1)

    def test_one_pinned_is_one_change_of_its_pin(self) -> None:
        pinned = attrs.evolve(self.OPS, sticky=True)
        found = diff([self.WEB, self.OPS], [pinned, self.WEB])
        assert found == Diff(
            added=(), removed=(), changed=(Change(self.OPS, pinned),), unchanged=1
        )

    def test_a_pinned_post_and_its_twin_moved_are_no_change(self) -> None:
        """Two posts equal but for the pin, their order turned round: each
        pairs with its equal (a review found two changes, a pin and an
        unpin, from pairing them in order)."""
        pinned = attrs.evolve(self.WEB, sticky=True)
        found = diff([pinned, self.WEB], [self.WEB, pinned])
        assert found == Diff(added=(), removed=(), changed=(), unchanged=2)

    def test_a_title_fixed_in_one_twin_is_a_change_of_that_twin(self) -> None:
        """One twin kept as it was, the other's title edited: the edited one
        pairs by its close title, one change, no removal nor addition."""
        edited = attrs.evolve(self.WEB, title="Weekly links!")
        found = diff([self.WEB, self.OPS], [self.OPS, edited])
        assert found == Diff(
            added=(), removed=(), changed=(Change(self.WEB, edited),), unchanged=1
        )

    def test_a_post_pinned_where_its_twin_was_pins_the_right_one(self) -> None:
        """Equal content first, then the pin: the post that kept its pin
        pairs with its equal, the other is the one pinned."""
        pinned = attrs.evolve(self.WEB, sticky=True)
        found = diff([self.WEB, pinned, self.WEB], [pinned, pinned, self.WEB])
        assert found == Diff(
            added=(), removed=(), changed=(Change(self.WEB, pinned),), unchanged=2
        )


class TestCloseTitlesOfOneBusyDay:
    """A title fixed on a day with many other posts published or deleted."""

    EDITED = (P("Relase notes for 2.0"), P("Release notes for 2.0"))

    @pytest.mark.parametrize("where", ["above", "below"])
    def test_posts_published_that_day_do_not_hide_an_edit(self, where: str) -> None:
        """Nine new posts of the date above the edited one pushed it out of
        step 3's reach: a remove and an add, and a new id in the archive."""
        talks = [P(f"Talk {n} of the conference") for n in range(9)]
        before, after = self.EDITED
        new = [*talks, after] if where == "above" else [after, *talks]
        found = diff([before], new)
        assert found.summary() == "9 added, 0 removed, 1 changed, 0 unchanged"
        assert found.changed == (Change(before, after),)
        assert found.added == tuple(talks)

    @pytest.mark.parametrize("where", ["above", "below"])
    def test_posts_deleted_that_day_do_not_hide_an_edit(self, where: str) -> None:
        """The same, the other way: nine posts of the date deleted."""
        talks = [P(f"Talk {n} of the conference") for n in range(9)]
        before, after = self.EDITED
        old = [*talks, before] if where == "above" else [before, *talks]
        found = diff(old, [after])
        assert found.summary() == "0 added, 9 removed, 1 changed, 0 unchanged"
        assert found.changed == (Change(before, after),)
        assert found.removed == tuple(talks)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=5),
)
def test_the_repr_of_a_diff_shows_its_counts_not_its_posts(
    added: int, removed: int, unchanged: int
) -> None:
    new = [Post(title=f"new {n}", excerpt="x" * 500) for n in range(added)]
    old = [Post(title=f"old {n}", excerpt="x" * 500) for n in range(removed)]
    change = Diff(added=new, removed=old, unchanged=unchanged)
    assert repr(change) == (
        f"<Diff: {added} added, {removed} removed, 0 changed, {unchanged} unchanged>"
    )


@pytest.mark.parametrize("hidden", ["\xad", "\u200b", "\u2060", "\ufeff"])
def test_a_character_that_shows_as_nothing_is_an_edit_not_a_new_post(
    hidden: str,
) -> None:
    """A blog engine that starts hyphenating titles (`&shy;`) or slips in a
    zero-width space changes no post: an undated post, which only step 1
    pairs, is changed (its title as written), not removed and added, and
    keeps its id."""
    old = Post(title="Realtime search", excerpt="E")
    new = Post(title=f"Real{hidden}time search", excerpt="E")
    change = diff([old], [new])
    assert (change.added, change.removed) == ((), ())
    assert [c.fields for c in change.changed] == [("title",)]
    assert bloglist.post_id(old) == bloglist.post_id(new)
