"""The parse/write core and the exports at the edges of their arguments.

Each test sets a public function's result against a plain-Python oracle (a few
lines of obvious code) or against a promise of its docstring or of
docs/format.md and docs/export.md: the empty and one-element cases, every line
break ``str.splitlines()`` knows, byte order marks, NUL, lone surrogates,
vocabularies of known tags of every shape, fields at the edges of what the
format carries, and the options of the exports at theirs.
"""

from __future__ import annotations

import copy
import csv
import datetime
import errno
import io
import json
import pathlib
import pickle
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import bloglist
from bloglist import Diagnostic, Listing, ParseError, Post, WriteError
from invariants import check_text, utf8_post, utf8_record, utf8_safe
from zones import NoOffset

# Every character str.splitlines() breaks at; the format breaks at the first
# three only (docs/format.md, "Lines").
FORMAT_BREAKS = ["\n", "\r\n", "\r"]
OTHER_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
ALL_BREAKS = FORMAT_BREAKS + OTHER_BREAKS


def oracle_lines(text: str) -> list[str]:
    """The lines of docs/format.md, "Lines": split at \\n, \\r\\n and \\r only,
    after one leading byte order mark."""
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


def parse_items(listing: Listing) -> tuple[list[Post], list[Diagnostic]]:
    return list(listing), list(listing.diagnostics)


class _Pieces:
    """A file whose ``read(size)`` returns pieces of the given sizes, in turn."""

    def __init__(self, data: str | bytes, sizes: list[int]) -> None:
        self.data, self.sizes, self.calls = data, sizes, 0

    def read(self, size: int) -> str | bytes:
        n = min(size, self.sizes[self.calls % len(self.sizes)])
        self.calls += 1
        piece, self.data = self.data[:n], self.data[n:]
        return piece


# ---------------------------------------------------------------------------
# loads, load, iterload: lines


class TestLineBreaks:
    @pytest.mark.parametrize("other", OTHER_BREAKS)
    def test_other_splitlines_breaks_are_text_inside_a_line(self, other: str) -> None:
        """U+2028, U+0085, form feed and the rest are kept inside the title."""
        text = f"\nA{other}B\n\nExcerpt\nTag"
        listing = bloglist.loads(text, strict=True)
        assert [p.title for p in listing] == [f"A{other}B"]
        assert len(oracle_lines(text)) == 5 < len(text.splitlines())

    @pytest.mark.parametrize("other", OTHER_BREAKS)
    def test_an_other_break_alone_on_a_line_is_blank(self, other: str) -> None:
        """Every one of them is whitespace: a line of only that is a blank line."""
        text = f"\nTitle\n{other}\nExcerpt\n"
        assert bloglist.loads(text, strict=True) == Listing(
            [Post(title="Title", excerpt="Excerpt")]
        )

    @pytest.mark.parametrize("brk", FORMAT_BREAKS)
    def test_each_format_break_alone(self, brk: str) -> None:
        """\\n, \\r\\n and \\r each end a line, and read the same."""
        lines = ["sticky", "Mar 5, 2024", "", "Title", "", "Excerpt", "News"]
        listing = bloglist.loads(brk.join(lines), strict=True)
        assert listing == bloglist.loads("\n".join(lines))
        assert [p.lineno for p in listing] == [1]

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["", "sticky", "Mar 5, 2024", "T", "E x", "Tag"]),
                st.sampled_from(ALL_BREAKS),
            ),
            max_size=12,
        )
    )
    def test_mixed_breaks_read_as_the_oracle_splits(
        self, parts: list[tuple[str, str]]
    ) -> None:
        """Any mix of breaks parses as the same lines joined by \\n."""
        text = "".join(line + brk for line, brk in parts)
        plain = "\n".join(oracle_lines(text))
        assert parse_items(bloglist.loads(text)) == parse_items(bloglist.loads(plain))

    def test_a_final_line_with_no_newline(self) -> None:
        """The last line needs no line break."""
        text = "\nTitle\n\nExcerpt\nTag"
        assert parse_items(bloglist.loads(text)) == parse_items(
            bloglist.loads(text + "\n")
        )

    @pytest.mark.parametrize(
        "text", ["", "\n", "\n\n\n", " ", "\t\x0b\x0c\x1c\x85\u2028\u3000", " \r\n \r "]
    )
    def test_only_blank_lines_or_whitespace_is_an_empty_listing(
        self, text: str
    ) -> None:
        """Nothing but whitespace gives no post and no diagnostic."""
        listing = bloglist.loads(text, strict=True)
        assert (len(listing), listing.diagnostics) == (0, ())

    def test_only_the_leading_byte_order_mark_is_dropped(self) -> None:
        """A BOM at the start is no text; a second one is the first line's text."""
        assert bloglist.loads("\ufeff\nT\n\nE") == bloglist.loads("\nT\n\nE")
        listing = bloglist.loads("\ufeff\ufeff\n\nE", strict=True)
        assert list(listing) == [Post(title="\ufeff", excerpt="E")]
        # The title line counts from 1 after the dropped mark.
        assert bloglist.loads("\ufeffT\n\nE")[0].lineno == 1

    def test_a_line_of_nul_is_a_text_line(self) -> None:
        """NUL is not whitespace: a line of it is a title, kept as written."""
        listing = bloglist.loads("\n\x00\n\nE\x00", strict=True)
        assert list(listing) == [Post(title="\x00", excerpt="E\x00")]

    def test_lone_surrogates_are_kept(self) -> None:
        """A str with lone surrogates parses, and they stay in the text."""
        listing = bloglist.loads("\nT\ud800\n\n\udcffE\nA\udc80B", strict=True)
        assert list(listing) == [
            Post(title="T\ud800", excerpt="\udcffE", tags=("A\udc80B",))
        ]

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
    @pytest.mark.parametrize("brk", FORMAT_BREAKS)
    def test_binary_load_reads_as_loads_of_the_decoded_text(
        self, encoding: str, brk: str
    ) -> None:
        """load() of a CRLF (or CR) file gives what loads() gives for its text."""
        text = brk.join(["sticky", "", "Café", "", "Words …", "ÉtéNews", "Junk"])
        data = text.encode(encoding)
        loaded = bloglist.load(io.BytesIO(data))
        assert parse_items(loaded) == parse_items(bloglist.loads(text))
        assert loaded.diagnostics[0].lineno == 7

    def test_a_text_file_opened_with_newline_empty_reads_the_same(self) -> None:
        """A text file that keeps its \\r\\n reads as one that translated them."""
        data = b"\r\nT\r\n\r\nE\r\nTag\r\n"
        raw = bloglist.load(io.TextIOWrapper(io.BytesIO(data), newline=""))
        translated = bloglist.load(io.TextIOWrapper(io.BytesIO(data)))
        assert parse_items(raw) == parse_items(translated)


LINE = st.sampled_from(
    [
        *["", " ", "sticky", "Mar 5, 2024", "Mar 5", "Feb 30, 2024", "T", "E …"],
        *["DataData Science", "GenAIiOS", "\ufeff", "\x00", "x"],
    ]
)
VOCABULARY = st.one_of(
    st.none(),
    st.lists(st.sampled_from(["iOS", "GenAI", "Data", "Data Science", " Gen", ""])),
)


@st.composite
def any_break_texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(LINE, st.sampled_from(ALL_BREAKS)), max_size=12))
    text = "".join(line + brk for line, brk in parts)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


class TestParsePromises:
    @given(any_break_texts(), VOCABULARY)
    @example("sticky\x85\nMar 5\u2028\r\n", None)
    def test_every_invariant_holds_with_any_break(
        self, text: str, tags: list[str] | None
    ) -> None:
        """Nothing lost, diagnostics in order, strict = lenient's first error,
        the round trip: with every kind of line break in the text."""
        check_text(text, tags)

    @given(
        any_break_texts(),
        VOCABULARY,
        st.sampled_from(["str", "utf-8", "utf-16-le", "utf-16-be"]),
        st.lists(st.integers(1, 5), min_size=1, max_size=3),
    )
    def test_iterload_in_any_pieces_gives_what_load_gives(
        self, text: str, tags: list[str] | None, encoding: str, sizes: list[int]
    ) -> None:
        """Pieces of any size, str or bytes, give load()'s posts and diagnostics."""
        data: str | bytes = text
        if encoding != "str":
            # With its byte order mark, as load() needs it for UTF-16.
            data = ("\ufeff" + text).encode(encoding)
            if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
                return  # reads as UTF-32's mark, refused; tested elsewhere
        whole = io.StringIO(data) if isinstance(data, str) else io.BytesIO(data)
        loaded = bloglist.load(whole, known_tags=tags)
        items = list(bloglist.iterload(_Pieces(data, sizes), known_tags=tags))
        assert [i for i in items if isinstance(i, Post)] == list(loaded)
        assert tuple(i for i in items if isinstance(i, Diagnostic)) == (
            loaded.diagnostics
        )

    @pytest.mark.parametrize(
        "text",
        [
            "sticky\u2028\nMar 5\r\n",
            "\nT\x85\r\rE\nTag\nJunk\x0c\n",
            "Feb 30, 2024\r\n\r\nT\r\nE",
            "\ufeffsticky\rsticky\r",
        ],
    )
    def test_strict_raises_lenients_first_error(self, text: str) -> None:
        """Same code, line and column as the first error a lenient parse reports."""
        first = next(
            d for d in bloglist.loads(text).diagnostics if d.severity == "error"
        )
        with pytest.raises(ParseError) as caught:
            bloglist.loads(text, strict=True)
        err = caught.value
        assert (err.code, err.lineno, err.colno) == (
            first.code,
            first.lineno,
            first.colno,
        )

    @pytest.mark.parametrize("option", ["strict", "pause_gc"])
    @pytest.mark.parametrize("value", ["false", None, 0, 1])
    def test_a_bool_option_refuses_what_is_not_a_bool(
        self, option: str, value: object
    ) -> None:
        """``strict="false"`` from a settings file must not turn strict mode on."""
        message = f"^{option} must be a bool, not {type(value).__name__}$"
        with pytest.raises(TypeError, match=message):
            bloglist.loads("\nT", **{option: value})  # type: ignore[call-overload]
        with pytest.raises(TypeError, match=message):
            bloglist.load(io.StringIO("\nT"), **{option: value})  # type: ignore[call-overload]
        if option == "strict":  # iterload never pauses the collector
            with pytest.raises(TypeError, match=message):
                bloglist.iterload(io.StringIO("\nT"), strict=value)  # type: ignore[call-overload]

    @pytest.mark.parametrize("name", ["bool", "int", "str"])
    def test_a_type_named_as_a_builtin_is_named_with_its_module(
        self, name: str
    ) -> None:
        """numpy 2's bool is named ``bool``: the message names it
        ``numpy.bool``, never "must be a bool, not bool"."""
        impostor = type(name, (), {"__module__": "numpy"})()
        with pytest.raises(
            TypeError, match=f"^sticky must be a bool, not numpy.{name}$"
        ):
            bloglist.Post(title="T", sticky=impostor)
        with pytest.raises(
            TypeError, match=f"^strict must be a bool, not numpy.{name}$"
        ):
            bloglist.loads("\nT", strict=impostor)
        with pytest.raises(TypeError, match=f"^title must be a str, not numpy.{name}$"):
            bloglist.Post(title=impostor)
        plain = type("Scalar", (), {"__module__": "numpy"})()
        with pytest.raises(TypeError, match=r"^title must be a str, not Scalar$"):
            bloglist.Post(title=plain)
        # Every field's check, and known_tags', names it so (a review found
        # date, tags, lineno and known_tags naming it "bool").
        for message, kwargs in (
            ("date must be a datetime.date or None", {"date": impostor}),
            ("tags must hold str", {"tags": [impostor]}),
            ("lineno must be an int or None", {"lineno": impostor}),
        ):
            with pytest.raises(TypeError, match=f"^{message}, not numpy.{name}$"):
                bloglist.Post(title="T", **kwargs)
        with pytest.raises(TypeError, match=f", not numpy.{name}$"):
            bloglist.loads("\nT", known_tags=impostor)
        with pytest.raises(TypeError, match=f", got numpy.{name}$"):
            bloglist.loads("\nT", known_tags=[impostor])


# ---------------------------------------------------------------------------
# loads: the vocabulary of known tags

LINE_WITH_TAGS = "\nT\n\nE\nData ScienceiOSGenAIData"


def tags_of(tags: object) -> tuple[str, ...]:
    listing: bloglist.Listing = bloglist.loads(LINE_WITH_TAGS, known_tags=tags)  # type: ignore[call-overload]
    return listing[0].tags


class TestKnownTags:
    def test_an_empty_vocabulary_is_none(self) -> None:
        """No names, or only blank ones, split by the case rule alone."""
        assert tags_of([]) == tags_of(None) == tags_of(["", "  ", "\t"])
        assert tags_of(None) == ("Data Sciencei", "OSGen", "AIData")

    def test_order_duplicates_and_a_generator_change_nothing(self) -> None:
        """The vocabulary is a set of names, read once."""
        names = ["iOS", "GenAI", "Data"]
        expected = ("Data Science", "iOS", "GenAI", "Data")
        assert tags_of(names) == expected
        assert tags_of(names[::-1] + names) == expected
        assert tags_of(name for name in names) == expected
        assert tags_of(dict.fromkeys(names)) == expected

    def test_names_are_case_sensitive(self) -> None:
        """``ios`` is not ``iOS``: a case variant is another name."""
        assert tags_of(["ios", "genai", "DATA"]) == tags_of(None)

    def test_names_are_stripped(self) -> None:
        """Spaces around a name are not part of it."""
        assert tags_of([" iOS", "GenAI\t", " Data "]) == tags_of(
            ["iOS", "GenAI", "Data"]
        )

    def test_a_name_with_a_space_inside(self) -> None:
        """A known name may hold a space; a known prefix of it does not win."""
        assert tags_of(["Data", "Data Science", "iOS", "GenAI"]) == (
            "Data Science",
            "iOS",
            "GenAI",
            "Data",
        )
        assert tags_of(["Data Sc"]) == tags_of(None)  # a lowercase letter follows

    def test_a_name_that_is_a_prefix_of_another(self) -> None:
        """Where two names start at one place, the longer wins."""
        line = "\nT\n\nE\nGenAIGen"
        assert bloglist.loads(line, known_tags=["Gen", "GenAI"])[0].tags == (
            "GenAI",
            "Gen",
        )

    @pytest.mark.parametrize(
        ("bad", "message"),
        [
            ("iOS", "known_tags must be an iterable of tag names, not a str"),
            (b"iOS", "known_tags must be an iterable of tag names, not bytes"),
            (
                bytearray(b"iOS"),
                "known_tags must be an iterable of tag names, not bytearray",
            ),
            (
                memoryview(b"iOS"),
                "known_tags must be an iterable of tag names, not memoryview",
            ),
            (5, "known_tags must be an iterable of tag names, not int"),
            (True, "known_tags must be an iterable of tag names, not bool"),
            ([b"iOS"], "known_tags must be an iterable of str, got bytes"),
            (["iOS", None], "known_tags must be an iterable of str, got NoneType"),
        ],
    )
    def test_what_is_not_a_vocabulary_is_a_clear_type_error(
        self, bad: object, message: str
    ) -> None:
        """loads, iterload, dumps and dump refuse it with the same message;
        the writers before they take a post from a stream of posts, which
        can be read once."""
        post = Post(title="T", excerpt="E")
        posts = iter([post])
        calls: tuple[Callable[[], object], ...] = (
            lambda: bloglist.loads("", known_tags=bad),  # type: ignore[call-overload]
            lambda: bloglist.iterload(io.StringIO(""), known_tags=bad),  # type: ignore[call-overload]
            lambda: bloglist.dumps(posts, known_tags=bad),  # type: ignore[call-overload]
            lambda: bloglist.dump(posts, io.StringIO(), known_tags=bad),  # type: ignore[call-overload]
        )
        for call in calls:
            with pytest.raises(TypeError) as caught:
                call()
            assert str(caught.value) == message
        assert list(posts) == [post]

    def test_the_writers_read_known_names_once(self) -> None:
        """A generator of names is read once by dump, as by dumps: its names
        count for every post."""
        post = Post(title="T", excerpt="E", tags=["GenAI", "iOS"])
        out = io.StringIO()
        bloglist.dump([post], out, known_tags=(name for name in ["iOS", "GenAI"]))
        assert out.getvalue() == bloglist.dumps([post], known_tags=["GenAI", "iOS"])


# ---------------------------------------------------------------------------
# dumps, dump: the writer refuses what would not read back

FIELD_TEXT = st.lists(
    st.sampled_from(
        [
            *"aAbB S iO\u00a0\t\n\r\x0b\x85\u2028\x00\ufeff,5-ǅß",
            *["Mar", "May", "2024", "sticky", "Data", "Science", "iOS", "…", "\ud800"],
        ]
    ),
    max_size=6,
).map("".join)
ANY_POST = st.builds(
    Post,
    title=FIELD_TEXT,
    date=st.one_of(st.none(), st.dates()),
    excerpt=FIELD_TEXT,
    tags=st.lists(FIELD_TEXT, max_size=3),
    sticky=st.booleans(),
)


def P(**fields: object) -> Post:
    return Post(**{"title": "T", "excerpt": "E", **fields})  # type: ignore[arg-type]


class TestWriterRoundTrip:
    @given(st.lists(ANY_POST, max_size=3), st.one_of(st.none(), st.lists(FIELD_TEXT)))
    @example([P(tags=["DataData", "Science"])], None)
    @example([P(title="May 2024")], None)
    def test_dumps_reads_back_equal_or_raises_write_error(
        self, posts: list[Post], tags: list[str] | None
    ) -> None:
        """Never silently different posts: the text reads back as the posts,
        with no error, or dumps raises WriteError."""
        try:
            text = bloglist.dumps(posts, known_tags=tags)
        except WriteError:
            return
        back = bloglist.loads(text, known_tags=tags, strict=True)
        assert list(back) == posts
        assert text.endswith("\n") or not posts

    @pytest.mark.parametrize(
        ("post", "message"),
        [
            (
                P(tags=["DataData", "Science"]),
                "would read back as ('Data', 'Data', 'Science')",
            ),
            (
                P(tags=["Data ", "Science"]),
                "would read back as ('Data Science',); 'Data ' starts or ends with"
                " whitespace, which no name read from a tag line does",
            ),
            (
                P(tags=["Data", " Science"]),
                "would read back as ('Data Science',); ' Science' starts or ends"
                " with whitespace, which no name read from a tag line does",
            ),
            (P(tags=["Data", ""]), "tags hold an empty name"),
            (P(tags=[" "]), "tags hold ' ', a name of only whitespace"),
            (P(tags=["A\nB"]), "tag line holds a line break"),
            (
                P(tags=["Mar 5, 2024"]),
                "tag line 'Mar 5, 2024' would read back as a date line",
            ),
            (
                P(tags=["sticky"]),
                "tag line 'sticky' would read back as the 'sticky' marker",
            ),
            (
                P(title="Mar 5, 2024"),
                "title 'Mar 5, 2024' would read back as a date line",
            ),
            (P(title="2024-03"), "title '2024-03' would read back as a date line"),
            (
                P(excerpt="sticky"),
                "excerpt 'sticky' would read back as the 'sticky' marker",
            ),
            (P(title=""), "title is empty"),
            (P(title=" \u2028 "), "title is only whitespace"),
            (P(excerpt=""), "excerpt is empty"),
            (P(title="A\rB"), "title holds a line break"),
            (P(excerpt="A\r\nB"), "excerpt holds a line break"),
            (P(title="T\u00a0"), "title starts or ends with whitespace"),
            (P(excerpt="\x0cE"), "excerpt starts or ends with whitespace"),
        ],
    )
    def test_each_refusal_names_the_post_and_the_field(
        self, post: Post, message: str
    ) -> None:
        """The WriteError says which post, and what in it cannot be written."""
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([P(title="First"), post])
        assert str(caught.value).startswith(f"posts[1] ({post.title!r}): ")
        assert message in str(caught.value)

    @pytest.mark.parametrize(
        "post",
        [
            P(tags=["Data", "Data Science"]),
            P(tags=["Data", "Data"]),  # read back with a duplicate-tag warning
            P(title="Sticky", excerpt="STICKY", tags=["May"]),
            P(title="A\x85B\u2028C", excerpt="\x00", tags=["Été", "Σοφία"]),
            P(title="\ufeffT"),
            P(title="T\ud800", excerpt="\udcff"),
            P(date=datetime.date(1, 1, 1)),
            P(date=datetime.date(12, 1, 13), sticky=True),
            P(date=datetime.date(9999, 12, 31)),
        ],
    )
    def test_edges_the_format_carries_read_back_equal(self, post: Post) -> None:
        """Fields at the edges of what the format carries come back as written."""
        text = bloglist.dumps([post, P(title="After")])
        back = bloglist.loads(text)
        assert list(back) == [post, P(title="After")]
        assert all(d.severity == "warning" for d in back.diagnostics)

    def test_a_post_with_no_tags_then_one_with_no_header(self) -> None:
        """The blank line before the second title keeps it from being a tag line."""
        posts = [P(title="One"), P(title="Two")]
        assert list(bloglist.loads(bloglist.dumps(posts), strict=True)) == posts

    @pytest.mark.parametrize("posts", [[], (), iter([]), Listing([])])
    def test_no_posts_is_empty_text(self, posts: object) -> None:
        """An empty listing is the empty text, which reads back empty."""
        assert bloglist.dumps(posts) == ""  # type: ignore[call-overload]

    @pytest.mark.parametrize(
        ("posts", "message"),
        [
            (
                None,
                "posts must be an iterable of posts, such as a Listing, not NoneType",
            ),
            (P(), "posts must be an iterable of posts, such as a Listing, not Post"),
            ([P(), "x"], r"posts[1] must be a Post, not str"),
        ],
    )
    def test_what_is_not_posts_is_a_type_error(
        self, posts: object, message: str
    ) -> None:
        """dumps and dump say what they were given instead of posts."""
        with pytest.raises(TypeError) as caught:
            bloglist.dumps(posts)  # type: ignore[call-overload]
        assert str(caught.value) == message
        with pytest.raises(TypeError) as caught:
            bloglist.dump(posts, io.StringIO())  # type: ignore[call-overload]
        assert str(caught.value) == message


class TestDumpSurrogates:
    def test_a_binary_file_refuses_a_lone_surrogate_with_a_write_error(self) -> None:
        """UTF-8 cannot carry a lone surrogate: dump says which post and field,
        and writes nothing."""
        out = io.BytesIO()
        posts = [P(title="Fine"), P(title="Caf\udce9", excerpt="x")]
        with pytest.raises(WriteError) as caught:
            bloglist.dump(posts, out)
        assert str(caught.value) == (
            "posts[1] ('Caf\\udce9'): title holds the lone surrogate U+DCE9, "
            "which UTF-8 cannot encode; write to a text file opened with an "
            "error handler that takes it, such as errors='surrogateescape'"
        )
        assert out.getvalue() == b""
        # One error in the traceback, not UnicodeEncodeError's before it.
        assert caught.value.__suppress_context__

    @pytest.mark.parametrize(
        ("post", "field", "code"),
        [
            (P(excerpt="E\ud800"), "excerpt", "D800"),
            (P(tags=["Ab", "Cd\udfff"]), "tag line", "DFFF"),
        ],
    )
    def test_each_field_is_named(self, post: Post, field: str, code: str) -> None:
        """The excerpt and the tags are checked too."""
        with pytest.raises(
            WriteError,
            match=f"^posts\\[0\\] .*: {field} holds the lone surrogate U\\+{code},",
        ):
            bloglist.dump([post], io.BytesIO())

    @pytest.mark.parametrize(
        "code",
        [0xD800, 0xDBFF, 0xDC00, 0xDC7F, 0xDC80, 0xDCFF, 0xDD00, 0xDFFF],
        ids=hex,
    )
    def test_the_error_handler_named_writes_the_surrogate(
        self, tmp_path: Path, code: int
    ) -> None:
        """The handler the error names takes the surrogate it names: a file
        opened with it is written, and reads back with it to the same post
        (surrogateescape takes only U+DC80 to U+DCFF, the bytes it decodes)."""
        char = chr(code)
        post = P(title=f"Caf{char}")
        with pytest.raises(WriteError) as caught:
            bloglist.dump([post], io.BytesIO())
        handler = str(caught.value).rpartition("errors=")[2].strip("'")
        assert handler == (
            "surrogateescape" if "\udc80" <= char <= "\udcff" else "surrogatepass"
        )
        path = tmp_path / "out.txt"
        with path.open("w", encoding="utf-8", errors=handler) as fp:
            bloglist.dump([post], fp)
        with path.open(encoding="utf-8", errors=handler) as fp:
            assert list(bloglist.load(fp)) == [post]

    @pytest.mark.parametrize(
        ("first", "later"),
        [
            (P(title="Caf\udce9"), P(title="Caf\ud800")),
            (P(title="Caf\udce9"), P(title="T", excerpt="E\udfff")),
            (P(title="Caf\udce9", tags=["Ab", "Cd\udc00"]), P(title="T")),
        ],
    )
    def test_the_handler_named_takes_every_surrogate_not_only_the_first(
        self, tmp_path: Path, first: Post, later: Post
    ) -> None:
        """A listing whose first lone surrogate is a byte surrogateescape
        takes, but with a later one it refuses, is told surrogatepass, which
        writes them all."""
        posts = [first, later]
        with pytest.raises(WriteError) as caught:
            bloglist.dump(posts, io.BytesIO())
        assert "U+DCE9" in str(caught.value)
        handler = str(caught.value).rpartition("errors=")[2].strip("'")
        assert handler == "surrogatepass"
        path = tmp_path / "out.txt"
        with path.open("w", encoding="utf-8", errors=handler) as fp:
            bloglist.dump(posts, fp)
        with path.open(encoding="utf-8", errors=handler) as fp:
            assert list(bloglist.load(fp)) == posts

    def test_a_text_file_takes_the_callers_error_handler(self, tmp_path: Path) -> None:
        """Text files encode as they were opened: surrogateescape writes the byte."""
        path = tmp_path / "out.txt"
        with path.open("w", encoding="utf-8", errors="surrogateescape") as fp:
            bloglist.dump([P(title="Caf\udce9")], fp)
        assert path.read_bytes() == b"\nCaf\xe9\n\nE\n"
        assert bloglist.dumps([P(title="Caf\udce9")]) == "\nCaf\udce9\n\nE\n"


class TestDumpOfAGenerator:
    """``dump``'s docstring: a lone surrogate, which UTF-8 cannot encode, is
    a WriteError naming its post and field when the file is binary, and
    nothing is written. So it is when the posts come from a generator, read
    once."""

    def test_a_lone_surrogate_is_a_write_error_naming_the_post(self) -> None:
        out = io.BytesIO()
        posts = (post for post in [Post(title="Caf\udce9", excerpt="x")])
        with pytest.raises(WriteError) as caught:
            bloglist.dump(posts, out)
        assert str(caught.value).startswith(
            "posts[0] ('Caf\\udce9'): title holds the lone surrogate U+DCE9, "
            "which UTF-8 cannot encode;"
        )
        assert out.getvalue() == b""


class TestTheFirstLoneSurrogate:
    """Of the lone surrogates of a post written to a binary file, the error
    names the first that UTF-8 meets: the title's, then the excerpt's, then
    the tags', in the order they are written."""

    def test_the_title_is_named_before_the_excerpt(self) -> None:
        """The title is written before the excerpt: its surrogate is the one
        UTF-8 meets first, and the one the error names."""
        post = Post(title="a\udc80", excerpt="b\udc81", tags=["c\udc82"])
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dump([post], io.BytesIO())
        assert "title holds the lone surrogate U+DC80" in str(info.value)

    def test_the_excerpt_is_named_before_the_tags(self) -> None:
        post = Post(title="a", excerpt="b\udc81", tags=["c\udc82"])
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dump([post], io.BytesIO())
        assert "excerpt holds the lone surrogate U+DC81" in str(info.value)


class _Trickle(io.RawIOBase):
    """An unbuffered file that takes at most *most* bytes a call, as a raw
    write to a pipe may; None (would block) when *most* is 0."""

    def __init__(self, most: int) -> None:
        self.most, self.data = most, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int | None:
        if not self.most:
            return None
        piece = bytes(data)[: self.most]  # type: ignore[call-overload]
        self.data += piece
        return len(piece)


class TestDumpToRawFiles:
    @pytest.mark.parametrize("most", [1, 3, 1000])
    def test_a_short_write_is_followed_by_the_rest(self, most: int) -> None:
        """A raw file may take part of the bytes: dump writes the rest too."""
        posts = [P(title="Caf\u00e9", excerpt="Words \u2026", tags=["Été"])]
        out = _Trickle(most)
        bloglist.dump(posts, out)
        assert bytes(out.data) == bloglist.dumps(posts).encode("utf-8")

    def test_an_unbuffered_real_file(self, tmp_path: Path) -> None:
        path = tmp_path / "out.txt"
        with path.open("wb", buffering=0) as fp:
            bloglist.dump([P()], fp)
        assert path.read_bytes() == b"\nT\n\nE\n"

    def test_a_file_that_would_block_is_an_error(self) -> None:
        """A non-blocking file that takes nothing: an error, never a silent stop."""
        with pytest.raises(BlockingIOError, match="takes no more bytes"):
            bloglist.dump([P()], _Trickle(0))

    def test_a_file_that_blocks_after_taking_some_says_what_is_left(self) -> None:
        """A write that takes 2 bytes and then would block (BlockingIOError
        with characters_written, as a buffered file raises it): the error
        counts the bytes still to write after those 2."""

        class Blocks(_Trickle):
            def write(self, data: object) -> int | None:
                self.data += bytes(data)[:2]  # type: ignore[call-overload]
                raise BlockingIOError(errno.EAGAIN, "would block", 2)

        out = Blocks(1)
        total = len(bloglist.dumps([P()]).encode("utf-8"))
        with pytest.raises(BlockingIOError, match=rf"with {total - 2} of {total} "):
            bloglist.dump([P()], out)
        assert bytes(out.data) == b"\nT"

    @pytest.mark.parametrize("claims", [0, -1, 7, 10_000])  # 7: one more than given
    def test_a_write_that_takes_no_byte_or_too_many_is_an_error(
        self, claims: int
    ) -> None:
        """A raw write that returns 0, or more than it was given, ends in an
        OSError saying so: looping on it would never end, or skip bytes."""

        class Liar(_Trickle):
            calls = 0

            def write(self, data: object) -> int:
                # A writer that loops on the lie fails here, not by hanging.
                self.calls += 1
                assert self.calls == 1, "write_all wrote again after the lie"
                return claims

        with pytest.raises(OSError, match=rf"took {claims} of the 6 bytes") as raised:
            bloglist.dump([P()], Liar(1))
        assert raised.value.errno == errno.EIO
        assert raised.value.strerror == (
            f"the file took {claims} of the 6 bytes it was given (with 6 to write "
            "in all); a write takes at least one, and no more than it is given"
        )


class _SaysTrue(io.RawIOBase):
    """An unbuffered file whose write takes a byte and answers True."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> bool:
        self.data += bytes(data)[:1]  # type: ignore[call-overload]
        return True


class TestARawWriteThatAnswersTrue:
    """``dump`` to an unbuffered binary file: a write that answers something
    other than a count of bytes is an OSError. True is a bool, not a count,
    though Python takes it for 1 in arithmetic."""

    def test_true_is_not_a_count_of_bytes(self) -> None:
        with pytest.raises(OSError, match=r"took True of the 6 bytes"):
            bloglist.dump([Post(title="T", excerpt="E")], _SaysTrue())


# ---------------------------------------------------------------------------
# Post


class TestPostEdges:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"title": None}, "title must be a str, not NoneType"),
            ({"title": b"T"}, "title must be a str, not bytes"),
            ({"title": "T", "excerpt": None}, "excerpt must be a str, not NoneType"),
            ({"title": "T", "excerpt": 3}, "excerpt must be a str, not int"),
            (
                {"title": "T", "tags": "Data"},
                "tags must be an iterable of str, not a single str",
            ),
            (
                {"title": "T", "tags": b"Data"},
                "tags must be an iterable of str, not bytes",
            ),
            # A str subclass is one str too, not the letters of a tag each.
            (
                {"title": "T", "tags": type("Tag", (str,), {})("News")},
                "tags must be an iterable of str, not a single str",
            ),
            (
                {"title": "T", "tags": bytearray(b"Data")},
                "tags must be an iterable of str, not bytearray",
            ),
            (
                {"title": "T", "tags": None},
                "tags must be an iterable of str, not NoneType",
            ),
            ({"title": "T", "tags": 3}, "tags must be an iterable of str, not int"),
            ({"title": "T", "tags": [b"x"]}, "tags must hold str, not bytes"),
            (
                {"title": "T", "date": "2024-01-01"},
                "date must be a datetime.date or None, not str",
            ),
            (
                {"title": "T", "date": datetime.datetime(2024, 1, 1)},
                "date must be a datetime.date or None, not datetime",
            ),
            ({"title": "T", "sticky": 1}, "sticky must be a bool, not int"),
            ({"title": "T", "sticky": 0}, "sticky must be a bool, not int"),
            ({"title": "T", "sticky": None}, "sticky must be a bool, not NoneType"),
        ],
    )
    def test_wrong_types_say_what_was_expected(
        self, fields: dict[str, object], message: str
    ) -> None:
        """One plain sentence per field, as the other checks of the library write."""
        with pytest.raises(TypeError) as caught:
            Post(**fields)  # type: ignore[arg-type]
        assert str(caught.value) == message

    def test_evolve_checks_as_the_constructor_does(self) -> None:
        """attrs.evolve goes through the same checks and conversions."""
        post = P(tags=["A"], lineno=3)
        assert attrs.evolve(post, tags=iter(["B"])).tags == ("B",)
        assert attrs.evolve(post, title="U").lineno == 3
        with pytest.raises(TypeError, match=r"^title must be a str, not int$"):
            attrs.evolve(post, title=1)  # type: ignore[arg-type]
        with pytest.raises(
            TypeError, match=r"^tags must be an iterable of str, not a single str$"
        ):
            attrs.evolve(post, tags="A")

    def test_a_tuple_of_tags_of_another_kind_is_kept_as_a_plain_tuple(self) -> None:
        """A tuple's subclass with its own equality (or a named tuple) is
        copied into a plain tuple: a post compares and hashes by its tags'
        values, whatever held them; a plain tuple is kept as it is."""

        class Loose(tuple[str, ...]):
            def __eq__(self, other: object) -> bool:
                return True

            def __hash__(self) -> int:
                return 0

        given = Loose(("A",))
        post = P(tags=given)
        assert type(post.tags) is tuple and post.tags == ("A",)
        assert post != P(tags=["B"]) and post == P(tags=["A"])
        assert hash(post) == hash(P(tags=["A"]))
        plain = ("A", "B")
        assert P(tags=plain).tags is plain

    def test_messages_about_a_post_are_short_however_long_its_text(self) -> None:
        """A WriteError or a Change's error quotes a title or tags cut short,
        as a diagnostic quotes a line: a message of a 1 MB title is not 1 MB
        long. Short text is quoted whole, as repr() shows it."""
        long = "x" * 1_000_000
        messages = []
        for post in (
            P(title=long + "\n"),
            P(tags=[long, " "]),
            P(tags=[f"{long}Data", *"ABCDEFGHIJKL"]),
        ):
            with pytest.raises(bloglist.WriteError) as caught:
                bloglist.dumps([post])
            messages.append(str(caught.value))
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.to_csv([P(tags=[long, "a|b"])])
        messages.append(str(caught.value))
        with pytest.raises(ValueError, match="these are equal") as equal:
            bloglist.Change(P(title=long), P(title=long))
        messages.append(str(equal.value))
        assert all(len(message) < 1_000 for message in messages), messages
        assert messages[0].startswith(f"posts[0] ({'x' * 39!r}…): title holds")
        assert "tags ('" + "x" * 39 + "'…, ' ')" in messages[1]
        assert "'…, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', …)" in messages[2]
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.dumps([P(title="Short", tags=["Data", " "])])
        assert str(caught.value).startswith(
            "posts[0] ('Short'): tags hold ' ', a name of only whitespace, which "
            "no tag line can carry: tags ('Data', ' ') would read back as"
        )

    def test_text_of_a_str_subclass_is_kept_as_a_plain_str(self) -> None:
        """A title, an excerpt or a tag given as a str's subclass (numpy's
        str_, or one with an equality, a hash or an ``in`` of its own) is a
        plain str in the post: equal posts hash alike, and dumps sees the
        line break that such an ``in`` would hide, rather than write text
        that reads back as other posts. The text kept is the value, whatever
        the subclass's str() says. A plain str is kept as it is."""

        class Loose(str):
            __slots__ = ()

            def __eq__(self, other: object) -> bool:
                return True

            def __hash__(self) -> int:
                return 0

            def __contains__(self, other: object) -> bool:
                return False

            def __str__(self) -> str:  # the value is kept, not what str() says
                return "shown"

        def text(field: str, value: str) -> object:
            return [value] if field == "tags" else value

        for field in ("title", "excerpt", "tags"):
            post = P(**{field: text(field, Loose("A"))})
            texts = [post.title, post.excerpt, *post.tags]
            assert [type(t) for t in texts] == [str] * len(texts)
            same = P(**{field: text(field, "A")})
            assert post == same and hash(post) == hash(same)
            assert post != P(**{field: text(field, "B")})
        assert type(P(tags=(Loose("A"),)).tags[0]) is str
        with pytest.raises(bloglist.WriteError, match="title holds a line break"):
            bloglist.dumps([P(title=Loose("One\n\nTwo"), excerpt="x")])
        plain = "A title"
        assert P(title=plain).title is plain

    @given(st.dates())
    def test_any_day_of_a_date_subclass_is_that_day(self, day: datetime.date) -> None:
        """Every day from 0001-01-01 to 9999-12-31, given as a subclass of
        datetime.date, is that day as a plain date (the oracle: the same
        year, month and day), equal to the post of the plain day."""

        class Sub(datetime.date):
            pass

        post = P(date=Sub(day.year, day.month, day.day))
        assert type(post.date) is datetime.date
        assert (post.date.year, post.date.month, post.date.day) == (
            day.year,
            day.month,
            day.day,
        )
        assert post == P(date=day)

    def test_a_date_of_a_date_subclass_is_kept_as_a_plain_date(self) -> None:
        """A date given as a subclass of datetime.date (one with its own
        isoformat(), str() and equality) is a plain date of its day in the
        post, read through the base class: every writer writes the day, and
        what it writes reads back (the subclass's isoformat() made JSON that
        did not parse, and a CSV cell of it). A plain date is kept as it is;
        attrs.evolve converts as the constructor does."""

        class Odd(datetime.date):
            def isoformat(self) -> str:
                return 'x"y'

            def __str__(self) -> str:
                return 'x"y'

            def __eq__(self, other: object) -> bool:
                return True

            def __hash__(self) -> int:
                return 0

            def toordinal(self) -> int:
                return 1

        day = datetime.date(2025, 1, 2)
        post = P(date=Odd(2025, 1, 2))
        assert type(post.date) is datetime.date
        assert post == P(date=day) and hash(post) == hash(P(date=day))
        assert post != P(date=datetime.date(2025, 1, 3))
        assert type(attrs.evolve(P(), date=Odd(2025, 1, 2)).date) is datetime.date
        readers: list[tuple[str, Callable[[str], bloglist.Listing]]] = [
            (bloglist.to_jsonl([post]), bloglist.from_jsonl),
            (bloglist.to_json([post]), bloglist.from_json),
            (bloglist.dumps([post]), bloglist.loads),
        ]
        for text, read in readers:
            assert list(read(text)) == [post]
        assert ',"2025-01-02",' in bloglist.to_csv([post])
        assert P(date=day).date is day

    @pytest.mark.parametrize(
        "fields",
        [
            {"title": ""},
            {"title": "   "},
            {"title": "T", "excerpt": " E "},
            {"title": "T", "tags": []},
            {"title": "T", "tags": ["A", "A", "a"]},
            {"title": "T", "tags": ["", " "]},
            {"title": "T", "date": datetime.date(1, 1, 1)},
            {"title": "T", "date": datetime.date(9999, 12, 31)},
        ],
    )
    def test_values_are_kept_as_given(self, fields: dict[str, object]) -> None:
        """Post checks types only: what a value holds is kept as it is
        (the writer decides what the format can carry)."""
        post = Post(**fields)  # type: ignore[arg-type]
        for name, value in fields.items():
            expected = tuple(value) if name == "tags" else value  # type: ignore[arg-type]
            assert getattr(post, name) == expected

    @given(ANY_POST, st.one_of(st.none(), st.integers(1, 10**9)))
    def test_copies_and_pickles_are_equal_with_equal_hashes(
        self, post: Post, lineno: int | None
    ) -> None:
        """copy, deepcopy and pickle keep every field, lineno too."""
        post = attrs.evolve(post, lineno=lineno)
        for other in (
            copy.copy(post),
            copy.deepcopy(post),
            pickle.loads(pickle.dumps(post)),
        ):
            assert other == post and hash(other) == hash(post)
            assert other.lineno == post.lineno


class TestMessages:
    """How messages show tags, big numbers, nested classes and lone
    surrogates."""

    def test_a_text_of_40_characters_is_quoted_whole(self) -> None:
        """The edge of a quoted value: 40 characters whole, so that the
        character a message is about (a line break at the end) shows; 41
        cut to 39 and an ellipsis."""
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.dumps([bloglist.Post(title="x" * 39 + "\n", excerpt="E")])
        assert str(caught.value) == (
            f"posts[0] ('{'x' * 39}\\n'): title holds a line break"
        )
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.dumps([bloglist.Post(title="x" * 40 + "\n", excerpt="E")])
        assert str(caught.value) == (
            f"posts[0] ('{'x' * 39}'\N{HORIZONTAL ELLIPSIS}): title holds a line break"
        )

    def test_a_number_of_40_digits_is_shown_whole(self) -> None:
        """Up to 40 digits, a number in a message is written in full; 41
        are cut (the edge the docstring of shown_int gives)."""
        from bloglist._errors import shown_int

        assert shown_int(10**40 - 1) == "9" * 40
        assert shown_int(-(10**40) + 1) == "-" + "9" * 40
        assert shown_int(10**40) == "100000000000\N{HORIZONTAL ELLIPSIS}(41 digits)"

    def test_ten_tags_are_shown_whole(self) -> None:
        """A message shows ten names at most, and "…" only past them."""
        tags = [c + c.lower() for c in "ABCDEFGHI"] + ["iOS"]
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dumps([bloglist.Post(title="T", excerpt="x", tags=tags)])
        assert "…" not in str(info.value)
        assert "'Ii', 'iOS')" in str(info.value)

    @pytest.mark.parametrize(
        ("bits", "shown"),
        [(14299, r"\(4,305 digits\)$"), (14400, r"-10\*\*4334 or less$")],
    )
    def test_a_big_number_is_shown_by_its_digits_up_to_14300_bits(
        self, bits: int, shown: str
    ) -> None:
        """Where the program lifted Python's limit on digits, a number of
        up to 14,300 bits is shown by its first digits and their count, and
        a bigger one as the power of ten it passes, not by its digits."""
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            with pytest.raises(ValueError, match=shown):
                bloglist.Post(title="T", lineno=-(2**bits))
        finally:
            sys.set_int_max_str_digits(limit)

    def test_a_nested_class_is_named_with_the_class_it_is_in(self) -> None:
        # A class named as one of Python's own, inside another: the message
        # names where it is, not only its name.
        nested = type("int", (int,), {"__qualname__": "Outer.int"})
        with pytest.raises(TypeError) as info:
            bloglist.Post(title="T", sticky=nested(1))
        assert str(info.value).endswith(f"{nested.__module__}.Outer.int")

    def test_the_first_of_two_lone_surrogates_is_named(self) -> None:
        post = bloglist.Post(title="T", excerpt="ab\udc80\ud800")
        with pytest.raises(bloglist.WriteError, match="lone surrogate U\\+DC80"):
            bloglist.dump([post], io.BytesIO())


# ---------------------------------------------------------------------------
# Exports


HOSTILE = st.text(st.characters(exclude_categories=[]), max_size=12)
HOSTILE_POSTS = st.lists(
    st.builds(
        Post,
        title=HOSTILE,
        date=st.one_of(st.none(), st.dates()),
        excerpt=HOSTILE,
        tags=st.lists(HOSTILE, max_size=3),
        sticky=st.booleans(),
    ),
    max_size=4,
)


class TestJsonIndent:
    @pytest.mark.parametrize("indent", [0, 1, 2, 7])
    def test_any_indent_is_what_json_dumps_writes(self, indent: int) -> None:
        """The text is json.dumps of the records with that indent."""
        posts = [P(tags=["A", "B"], date=datetime.date(2024, 1, 2)), P(title="\x00")]
        expected = json.dumps(
            [utf8_record(p) for p in posts], ensure_ascii=False, indent=indent
        )
        assert bloglist.to_json(posts, indent=indent) == expected + "\n"

    def test_none_is_one_line(self) -> None:
        """indent=None: the records on one line, no spaces after separators."""
        posts = [P(), P(title="U")]
        expected = json.dumps(
            [utf8_record(p) for p in posts], ensure_ascii=False, separators=(",", ":")
        )
        assert bloglist.to_json(posts, indent=None) == expected + "\n"

    @pytest.mark.parametrize("indent", [0, 1, None, 300])
    def test_empty_and_one_post(self, indent: int | None) -> None:
        """No post is ``[]``; one post is an array of one."""
        assert bloglist.to_json([], indent=indent) == "[]\n"
        assert json.loads(bloglist.to_json([P()], indent=indent)) == [utf8_record(P())]

    @pytest.mark.parametrize(
        ("indent", "error", "message"),
        [
            (-1, ValueError, "indent must be 0 or more, not -1"),
            (-(10**30), ValueError, f"indent must be 0 or more, not {-(10**30)}"),
            (True, TypeError, "indent must be an int, not bool"),
            (False, TypeError, "indent must be an int, not bool"),
            ("  ", TypeError, "indent must be an int, not str"),
            (2.0, TypeError, "indent must be an int, not float"),
            (
                10**20,
                ValueError,
                f"indent {10**20} is too large: one line's spaces do not fit in memory",
            ),
            (
                2**62,
                ValueError,
                f"indent {2**62} is too large: one line's spaces do not fit in memory",
            ),
            # An int that fits, whose spaces do not: MemoryError, not Overflow.
            (
                2**40,
                ValueError,
                f"indent {2**40} is too large: one line's spaces do not fit in memory",
            ),
        ],
    )
    def test_bad_indents_are_refused_by_every_json_writer(
        self, indent: object, error: type[Exception], message: str
    ) -> None:
        """A negative count of spaces is not silently 0; a bool is not an int.
        The indent is refused before a post is taken: a stream of posts is
        not used up, and posts that are no iterable are not what is said."""
        out = io.StringIO()
        taken: list[Post] = []

        def posts() -> Iterator[Post]:
            taken.append(P())
            yield taken[-1]

        for call in (
            lambda: bloglist.to_json([P()], indent=indent),  # type: ignore[arg-type]
            lambda: bloglist.write_json([P()], out, indent=indent),  # type: ignore[arg-type]
            lambda: bloglist.to_json([], indent=indent),  # type: ignore[arg-type]
            lambda: bloglist.to_json(posts(), indent=indent),  # type: ignore[arg-type]
            lambda: bloglist.write_json(posts(), out, indent=indent),  # type: ignore[arg-type]
            lambda: bloglist.to_json(5, indent=indent),  # type: ignore[arg-type]
        ):
            with pytest.raises(error) as caught:
                call()
            assert str(caught.value) == message
        assert out.getvalue() == ""
        assert taken == []


class TestExportsReadBack:
    @given(HOSTILE_POSTS, st.sampled_from([None, 0, 1, 2]))
    @example([P(title='\ud800\x00\U0001f600\u2028\r\n"\\')], 2)
    def test_json_reads_back_every_post(
        self, posts: list[Post], indent: int | None
    ) -> None:
        """from_json(to_json(posts)) is the posts, lone surrogates as U+FFFD."""
        text = bloglist.to_json(posts, indent=indent)
        assert json.loads(text) == [utf8_record(p) for p in posts]
        assert list(bloglist.from_json(text)) == [utf8_post(p) for p in posts]

    @given(HOSTILE_POSTS)
    def test_jsonl_reads_back_every_post_as_text_lines_or_bytes(
        self, posts: list[Post]
    ) -> None:
        """to_jsonl writes one record a line, read back as text, lines or bytes."""
        text = bloglist.to_jsonl(posts)
        assert [json.loads(line) for line in text.splitlines() if line] == [
            utf8_record(p) for p in posts
        ]
        assert text.count("\n") == len(posts)
        expected = [utf8_post(p) for p in posts]
        assert list(bloglist.from_jsonl(text)) == expected
        assert list(bloglist.from_jsonl(io.StringIO(text, newline=""))) == expected
        assert list(bloglist.from_jsonl(io.BytesIO(text.encode("utf-8")))) == expected

    def test_jsonl_of_no_posts_is_empty(self) -> None:
        assert bloglist.to_jsonl([]) == ""
        assert list(bloglist.from_jsonl("")) == []

    @given(HOSTILE_POSTS)
    def test_write_json_and_write_jsonl_write_what_to_gives(
        self, posts: list[Post]
    ) -> None:
        """The file writers write the text of the string writers, from any iterable."""
        out = io.StringIO()
        bloglist.write_json(iter(posts), out)
        assert out.getvalue() == bloglist.to_json(posts)
        out = io.StringIO()
        bloglist.write_jsonl(iter(posts), out)
        assert out.getvalue() == bloglist.to_jsonl(posts)


def csv_oracle(
    posts: list[Post], tag_separator: str, delimiter: str
) -> list[list[str]]:
    """The cells docs/export.md promises, formula guard off."""
    rows = [["title", "date", "excerpt", "summary", "truncated", "tags", "sticky"]]
    for post in posts:
        record = utf8_record(post)
        rows.append(
            [
                str(record["title"]),
                str(record["date"] or ""),
                str(record["excerpt"]),
                str(record["summary"]),
                "true" if post.truncated else "false",
                tag_separator.join(record["tags"]),  # type: ignore[arg-type]
                "true" if post.sticky else "false",
            ]
        )
    return rows


class TestCsvOptions:
    @given(
        HOSTILE_POSTS,
        st.sampled_from(["|", ";", ",", "\t", " ", "ab", "\x00", "\n", "é"]),
        st.sampled_from([",", ";", "\t", " ", "|", "é", "\x01"]),
    )
    def test_the_csv_module_reads_back_the_cells(
        self, posts: list[Post], tag_separator: str, delimiter: str
    ) -> None:
        """Any posts, any separators: csv.reader gives the promised cells, or
        WriteError names a post whose tags hold the separator."""
        try:
            text = bloglist.to_csv(
                posts,
                tag_separator=tag_separator,
                delimiter=delimiter,
                escape_formulas=False,
            )
        except WriteError as err:
            index = int(re.match(r"posts\[(\d+)\]", str(err))[1])  # type: ignore[index]
            tags = posts[index].tags
            assert any(tag_separator in tag for tag in tags) or tags == ("",)
            return
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        assert rows == csv_oracle(posts, tag_separator, delimiter)
        for post, row in zip(posts, rows[1:], strict=True):
            if post.tags:
                assert tuple(row[5].split(tag_separator)) == tuple(
                    map(utf8_safe, post.tags)
                )

    @pytest.mark.parametrize(
        ("options", "error", "message"),
        [
            ({"tag_separator": ""}, ValueError, "tag_separator must not be empty"),
            (
                {"tag_separator": None},
                TypeError,
                "tag_separator must be a str, not NoneType",
            ),
            ({"delimiter": ""}, ValueError, "delimiter must be one character, not ''"),
            (
                {"delimiter": ",;"},
                ValueError,
                "delimiter must be one character, not ',;'",
            ),
            (
                {"delimiter": ";" * 100_000},
                ValueError,
                f"delimiter must be one character, not {';' * 39!r}\N{HORIZONTAL ELLIPSIS}",
            ),
            ({"delimiter": 44}, TypeError, "delimiter must be a str, not int"),
            (
                {"escape_formulas": "false"},
                TypeError,
                "escape_formulas must be a bool, not str",
            ),
            (
                {"escape_formulas": None},
                TypeError,
                "escape_formulas must be a bool, not NoneType",
            ),
            (
                {"escape_formulas": 0},
                TypeError,
                "escape_formulas must be a bool, not int",
            ),
        ],
    )
    def test_bad_options_are_refused_before_anything_is_written(
        self, options: dict[str, object], error: type[Exception], message: str
    ) -> None:
        out = io.StringIO()
        with pytest.raises(error) as caught:
            bloglist.write_csv([P()], out, **options)  # type: ignore[arg-type]
        assert str(caught.value) == message
        assert out.getvalue() == ""

    @pytest.mark.parametrize(
        "delimiter", ['"', "'", "\n", "\r", "\x00", "\x0b", "\x85", "\u2028", "\ud800"]
    )
    def test_delimiters_that_cannot_be_read_back(self, delimiter: str) -> None:
        with pytest.raises(ValueError, match="cannot be read back"):
            bloglist.to_csv([P()], delimiter=delimiter)

    def test_a_tag_holding_the_separator_is_a_write_error(self) -> None:
        """Rows before it are written; the error names the post."""
        out = io.StringIO()
        with pytest.raises(WriteError) as caught:
            bloglist.write_csv(
                [P(title="A"), P(title="B", tags=["x;y"])], out, tag_separator=";"
            )
        assert str(caught.value).startswith(
            "posts[1] ('B'): tags ('x;y',) would read back as ('x', 'y')"
        )
        assert out.getvalue().count("\r\n") == 2  # the header and the first post


EXPORTS = {
    "to_json": lambda posts: bloglist.to_json(posts),
    "to_jsonl": lambda posts: bloglist.to_jsonl(posts),
    "to_csv": lambda posts: bloglist.to_csv(posts),
    "to_atom": lambda posts: bloglist.to_atom(posts, title="B", feed_id="urn:x:y"),
}
FILE_EXPORTS = {
    "write_json": bloglist.write_json,
    "write_jsonl": bloglist.write_jsonl,
    "write_csv": bloglist.write_csv,
}


class TestExportsRefuseWhatIsNotPosts:
    @pytest.mark.parametrize("name", sorted(EXPORTS))
    @pytest.mark.parametrize("bad", [None, 5, P()])
    def test_the_string_exports(self, name: str, bad: object) -> None:
        """Not an iterable: the message of dumps and Listing, not Python's own."""
        with pytest.raises(TypeError) as caught:
            EXPORTS[name](bad)
        assert str(caught.value) == (
            "posts must be an iterable of posts, such as a Listing, "
            f"not {type(bad).__name__}"
        )

    @pytest.mark.parametrize("name", sorted(FILE_EXPORTS))
    @pytest.mark.parametrize("bad", [None, 5, P()])
    def test_the_file_exports_write_nothing(self, name: str, bad: object) -> None:
        """The file writers refuse it before they write anything, a header too."""
        out = io.StringIO()
        with pytest.raises(TypeError, match=r"^posts must be an iterable of posts"):
            FILE_EXPORTS[name](bad, out)  # type: ignore[arg-type]
        assert out.getvalue() == ""

    @pytest.mark.parametrize("name", sorted(EXPORTS))
    def test_an_item_that_is_not_a_post_is_named(self, name: str) -> None:
        with pytest.raises(TypeError) as caught:
            EXPORTS[name]([P(), P(), "x"])
        assert str(caught.value) == "posts[2] must be a Post, not str"


class TestWriteToOddFiles:
    @pytest.mark.parametrize(
        "writer",
        [bloglist.write_json, bloglist.write_jsonl, bloglist.write_csv],
    )
    def test_a_binary_file_is_a_type_error_that_says_how_to_open_it(
        self, writer: object, tmp_path: Path
    ) -> None:
        with (tmp_path / "out").open("wb") as fp, pytest.raises(TypeError) as caught:
            writer([P()], fp)  # type: ignore[operator]
        assert "open the file in text mode" in str(caught.value)

    @pytest.mark.parametrize("mode", ["a", "w+", "x", "r+"])
    def test_any_writable_text_mode(self, mode: str, tmp_path: Path) -> None:
        path = tmp_path / "out.json"
        if mode != "x":
            path.write_text("")
        with path.open(mode, encoding="utf-8") as fp:
            bloglist.write_json([P()], fp)
        assert bloglist.from_json(path.read_text(encoding="utf-8")) == Listing([P()])


# ---------------------------------------------------------------------------
# Atom: the timezone


def _zone(hours: int, minutes: int = 0, seconds: int = 0) -> datetime.timezone:
    return datetime.timezone(
        datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    )


def _stamps(feed: str) -> list[str]:
    return re.findall(r"<(?:published|updated)>([^<]*)<", feed)


RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")


class TestAtomTimezone:
    def test_a_timezone_with_no_offset_is_a_write_error(self) -> None:
        """A tzinfo whose utcoffset() is None cannot give an RFC 3339 stamp:
        never a timestamp without its offset."""
        with pytest.raises(WriteError) as caught:
            bloglist.to_atom(
                [P(date=datetime.date(2024, 3, 5))],
                title="B",
                feed_id="urn:x:y",
                timezone=NoOffset(),
            )
        assert str(caught.value) == (
            "the date of posts[0] ('T') has no Atom timestamp: at its "
            "midnight, 2024-03-05T00:00:00, timezone (NoOffset) gives no UTC offset"
        )

    @pytest.mark.parametrize(
        ("zone", "day", "stamp"),
        [
            (_zone(14), datetime.date(1, 1, 1), "0001-01-01T00:00:00+14:00"),
            (_zone(-12), datetime.date(9999, 12, 31), "9999-12-31T00:00:00-12:00"),
            (_zone(5, 30, 15), datetime.date(2020, 1, 1), "2019-12-31T18:29:45Z"),
            (_zone(-0, 0, -30), datetime.date(9999, 12, 31), "9999-12-31T00:00:30Z"),
            (datetime.UTC, datetime.date(2020, 1, 1), "2020-01-01T00:00:00Z"),
        ],
    )
    def test_midnight_at_the_edges_of_the_years(
        self, zone: datetime.tzinfo, day: datetime.date, stamp: str
    ) -> None:
        """Midnight in the zone, with its offset, or in UTC when it has seconds."""
        feed = bloglist.to_atom(
            [P(date=day)], title="B", feed_id="urn:x:y", timezone=zone
        )
        assert _stamps(feed) == [stamp] * 3
        assert all(RFC3339.fullmatch(s) for s in _stamps(feed))

    @pytest.mark.parametrize("zone", [None, "UTC", 0, datetime.timedelta(0)])
    def test_what_is_not_a_tzinfo_is_a_type_error(self, zone: object) -> None:
        with pytest.raises(TypeError, match=r"^timezone must be a datetime\.tzinfo"):
            bloglist.to_atom([P()], title="B", feed_id="urn:x:y", timezone=zone)  # type: ignore[arg-type]


class TestLoneSurrogate:
    """The one finder of a lone surrogate, behind the messages of dump and of
    the archive file: the first one, in post order, then title, excerpt, tags."""

    def test_clean_posts_hold_none(self) -> None:
        from bloglist._post import lone_surrogate

        assert lone_surrogate([]) is None
        assert lone_surrogate([P(title="Café", excerpt="😀", tags=["Ab"])]) is None

    def test_the_first_is_found_with_its_post_and_field(self) -> None:
        from bloglist._post import lone_surrogate

        posts = [
            P(title="Clean", tags=["Ab"]),
            P(title="T", excerpt="x\udc80", tags=["Ok", "Bad\ud800"]),
            P(title="\udfff"),
        ]
        assert lone_surrogate(posts) == (1, "excerpt", "\udc80")
        assert lone_surrogate(posts[2:]) == (0, "title", "\udfff")
        assert lone_surrogate([P(title="T", tags=["Ok", "Bad\ud800"])]) == (
            0,
            "tags",
            "\ud800",
        )


class TestIterloadStopsAtABadByte:
    """Bytes that are not UTF-8 stop ``iterload`` with a ParseError at their
    place, after every post whose lines came whole before them, however the
    file was cut into pieces (the bad byte may share a piece with them)."""

    @pytest.mark.parametrize("piece", [1, 7, 64, 1 << 16])
    def test_the_posts_before_come_out_then_the_error(self, piece: int) -> None:
        posts = [Post(title=f"Post {i}", excerpt="x") for i in range(3)]
        data = bloglist.dumps(posts).encode() + b"\nT\n\nCaf\xe9\n\nAfter\n\ny\n"

        class Pieces(io.BytesIO):
            def read(self, size: int | None = -1, /) -> bytes:
                return super().read(min(piece, size if size and size > 0 else piece))

        found: list[object] = []
        with pytest.raises(ParseError) as caught:
            found.extend(bloglist.iterload(Pieces(data)))  # keeps what came first
        assert found == posts
        assert (caught.value.lineno, caught.value.colno) == (16, 4)
        with pytest.raises(ParseError) as whole:
            bloglist.load(io.BytesIO(data))
        assert (whole.value.lineno, whole.value.colno) == (16, 4)


class TestJsonLinesWhitespace:
    """Inside a line of JSON Lines, JSON's whitespace (space, tab, carriage
    return) is whitespace wherever JSON allows it: a line may end in several
    carriage returns (a file converted to CRLF twice), and a line of nothing
    but them is a blank line."""

    def test_carriage_returns_around_a_record_are_whitespace(self) -> None:
        posts = [P(title="One"), P(title="Two", tags=["A"])]
        text = bloglist.to_jsonl(posts)
        assert list(bloglist.from_jsonl(text.replace("\n", "\r\r\n"))) == posts
        assert list(bloglist.from_jsonl("\r\t " + text)) == posts
        assert list(bloglist.from_jsonl(text + "\r\n")) == posts  # a blank end

    def test_a_line_of_carriage_returns_between_records_is_a_blank_line(self) -> None:
        text = bloglist.to_jsonl([P(title="One"), P(title="Two")])
        with pytest.raises(ParseError, match="a blank line between records") as caught:
            bloglist.from_jsonl(text.replace("\n", "\n\r\r\n", 1))
        assert (caught.value.lineno, caught.value.colno) == (2, 1)

    def test_a_blank_line_before_any_record_says_so(self) -> None:
        """Not "between records" when no record came before it."""
        text = bloglist.to_jsonl([P(title="One")])
        with pytest.raises(ParseError) as caught:
            bloglist.from_jsonl("\n" + text)
        assert (
            str(caught.value)
            == "a blank line before the first record (at line 1, column 1)"
        )


class TestTextWherePostsAreWanted:
    """A listing's text given where its posts are wanted is refused as
    text, with the call that reads it, not item by item (``posts[0] must be
    a Post, not str``, or ``not int`` for bytes)."""

    CALLS: Final[dict[str, Callable[[Any], object]]] = {
        "Listing": lambda value: Listing(value),
        "dumps": bloglist.dumps,
        "to_json": bloglist.to_json,
        "to_jsonl": bloglist.to_jsonl,
        "to_csv": bloglist.to_csv,
        "to_atom": lambda value: bloglist.to_atom(
            value, title="Blog", feed_id="tag:example.com,2025:blog"
        ),
        "write_jsonl": lambda value: bloglist.write_jsonl(value, io.StringIO()),
        "diff old": lambda value: bloglist.diff(value, []),
        "diff new": lambda value: bloglist.diff([], value),
        "merge": lambda value: bloglist.Archive().merge(
            value, seen_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
        ),
    }

    @pytest.mark.parametrize("call", CALLS)
    @pytest.mark.parametrize(
        "text", ["Hello\n\nWorld\n", b"Hello\n", bytearray(b"Hi"), memoryview(b"Hi")]
    )
    def test_text_is_refused_as_text(self, call: str, text: object) -> None:
        with pytest.raises(TypeError) as caught:
            self.CALLS[call](text)
        what = {"diff old": "old", "diff new": "new", "merge": "listing"}.get(
            call, "posts"
        )
        assert str(caught.value) == (
            f"{what} must be an iterable of posts, such as a Listing, not "
            f"{type(text).__name__}: parse the text first with bloglist.loads "
            "(or bloglist.load)"
        )

    @pytest.mark.parametrize("call", CALLS)
    def test_a_path_is_refused_with_how_to_read_its_file(self, call: str) -> None:
        """A path where posts are wanted was refused as any other object (not
        PosixPath): the message says to read the file first, as load's
        refusal of a path does."""
        path = pathlib.PurePosixPath("page.txt")
        with pytest.raises(TypeError) as caught:
            self.CALLS[call](path)
        what = {"diff old": "old", "diff new": "new", "merge": "listing"}.get(
            call, "posts"
        )
        assert str(caught.value) == (
            f"{what} must be an iterable of posts, such as a Listing, not a path "
            '(PurePosixPath): read the file first, as with open(path, "rb") as '
            "fp: posts = bloglist.load(fp)"
        )


class TestAnItemThatIsNotAPostBeforeAnError:
    """An item that is not a Post is named (TypeError) before an error the
    iterable raises after it, the posts before it written by the writers
    that write as they go; Ctrl-C stays Ctrl-C, after those posts."""

    @staticmethod
    def posts(stop: BaseException) -> Iterator[object]:
        yield Post(title="a")
        yield "oops"
        yield Post(title="b")
        raise stop

    WHOLE: Final[dict[str, Callable[[Any], object]]] = {
        "Listing": lambda value: Listing(value),
        "dumps": bloglist.dumps,
        "to_json": bloglist.to_json,
        "to_jsonl": bloglist.to_jsonl,
        "to_csv": bloglist.to_csv,
        "diff": lambda value: bloglist.diff(value, []),
    }
    STREAMED: Final[dict[str, Callable[[Any, io.StringIO], object]]] = {
        "write_csv": bloglist.write_csv,
        "write_json": bloglist.write_json,
        "write_jsonl": bloglist.write_jsonl,
    }

    @pytest.mark.parametrize("call", WHOLE)
    def test_whole_text(self, call: str) -> None:
        with pytest.raises(TypeError) as caught:
            self.WHOLE[call](self.posts(RuntimeError("source failed")))
        assert str(caught.value).endswith("[1] must be a Post, not str")
        assert caught.value.__context__ is None  # one error in a traceback
        with pytest.raises(KeyboardInterrupt):
            self.WHOLE[call](self.posts(KeyboardInterrupt()))

    @pytest.mark.parametrize("call", STREAMED)
    def test_written_as_they_come(self, call: str) -> None:
        def written(stop: BaseException, error: type[BaseException]) -> str:
            out = io.StringIO(newline="")
            with pytest.raises(error) as caught:
                self.STREAMED[call](self.posts(stop), out)
            if error is TypeError:
                assert str(caught.value) == "posts[1] must be a Post, not str"
                assert caught.value.__context__ is None
            return out.getvalue()

        before = written(RuntimeError("source failed"), TypeError)
        assert written(KeyboardInterrupt(), KeyboardInterrupt) == before
        # What was written is the post before the item, as for a list.
        out = io.StringIO(newline="")
        with pytest.raises(TypeError):
            self.STREAMED[call]([Post(title="a"), "oops"], out)
        assert out.getvalue() == before and '"a"' in before

    def test_ctrl_c_wins_over_an_error_of_the_posts_before_it(self) -> None:
        """Ctrl-C after a post CSV cannot carry (its tags hold the separator):
        the rows before that post are written, and Ctrl-C is what is raised,
        the write's error its context."""

        def posts() -> Iterator[Post]:
            yield Post(title="a")
            yield Post(title="b", tags=["x|y"])
            raise KeyboardInterrupt

        out = io.StringIO(newline="")
        with pytest.raises(KeyboardInterrupt) as caught:
            bloglist.write_csv(posts(), out)
        assert isinstance(caught.value.__context__, WriteError)
        assert out.getvalue().splitlines()[1:] == ['"a",,"","","false","","false"']

    @pytest.mark.parametrize("size", [0, -1])
    def test_a_batch_holds_a_post_at_least(self, size: int) -> None:
        from bloglist._export import stream_csv

        with pytest.raises(
            ValueError, match=f"^batch_size must be 1 or more, not {size}$"
        ):
            stream_csv([Post(title="a")], io.StringIO(), batch_size=size)

    @pytest.mark.parametrize("call", STREAMED)
    def test_posts_of_a_subclass_count_towards_the_index(self, call: str) -> None:
        """A Post subclass's posts, over more than one batch, then an item
        that is not a Post: named by its place among all the items."""

        class Mine(Post):
            pass

        items: list[object] = [Mine(title=f"p{i}") for i in range(600)]
        out = io.StringIO(newline="")
        with pytest.raises(TypeError, match=r"^posts\[600\] must be a Post, not str$"):
            self.STREAMED[call]([*items, "x"], out)
        assert out.getvalue().count('"p599"') == 1

    @pytest.mark.parametrize("call", STREAMED)
    def test_ctrl_c_before_any_post_writes_nothing(self, call: str) -> None:
        def posts() -> Iterator[Post]:
            yield from ()
            raise KeyboardInterrupt

        out = io.StringIO(newline="")
        with pytest.raises(KeyboardInterrupt):
            self.STREAMED[call](posts(), out)
        assert out.getvalue() == ""

    def test_a_post_csv_cannot_carry_is_named_by_its_place_among_all(self) -> None:
        """Past the first batch of 512, and a post at a time as the command
        writes: the index counts every post before it."""
        posts = [Post(title=f"t{i}") for i in range(600)]
        posts[550] = Post(title="bad", tags=["a|b"])
        with pytest.raises(WriteError) as caught:
            bloglist.to_csv(posts)
        assert str(caught.value).startswith("posts[550] ('bad')")
        assert caught.value.index == 550
        from bloglist._export import stream_csv

        out = io.StringIO(newline="")
        with pytest.raises(WriteError) as caught:
            stream_csv([posts[0], posts[1], posts[550]], out, batch_size=1)
        assert caught.value.index == 2
        assert out.getvalue().count("\r\n") == 3  # the header and two rows


@pytest.mark.parametrize(
    "text",
    [
        "listing.txt",
        "scrapes/2025-03-05.txt",
        "C:\\scrapes\\blog.html",
        "index.htm",
        "page.HTM",
        "x.MD",
        # A name read with its line break (readline(), a file of names).
        "listing.txt\n",
        "listing.txt\r\n",
        "listing.txt\r",
    ],
)
def test_a_file_name_given_to_loads_is_told_to_open_the_file(text: str) -> None:
    """loads("listing.txt") parses the name: the one post it makes is the
    name, and its missing-excerpt error says how to read the file instead,
    in lenient and in strict mode."""
    name = text.strip()
    listing = bloglist.loads(text)
    assert [post.title for post in listing] == [name]
    # (A name with a date in it is also a title holding a date: a warning.)
    (problem,) = [d for d in listing.diagnostics if d.severity == "error"]
    assert problem.code == "missing-excerpt"
    assert problem.message.endswith(
        "to read the file, give load() the open file "
        "(with open(name, 'rb') as fp: bloglist.load(fp))"
    )
    with pytest.raises(bloglist.ParseError, match=r"bloglist\.load\(fp\)"):
        bloglist.loads(text, strict=True)


@pytest.mark.parametrize(
    "text",
    [
        "Hello",
        "Why we moved to .NET",
        "TCP/IP",
        "a b.txt",
        "\nnotes.txt\n",
        "notes.md5",  # a known suffix must end the name
        "listing.txt.bak",
    ],
)
def test_a_title_that_is_not_a_file_name_gets_no_such_hint(text: str) -> None:
    """A one-line listing that is no file's name (or whose line is not the
    first) is a missing excerpt, with no word of files."""
    (problem,) = bloglist.loads(text).diagnostics
    assert problem.message == "the post has no excerpt line after its title"


@pytest.mark.parametrize("strict", [False, True])
def test_a_file_holding_a_file_name_gets_no_such_hint(strict: bool) -> None:
    """load() and iterload() were given a file: its one line, a file's name,
    is no sign of a name given for a file."""
    for read in (
        bloglist.load,
        lambda fp, strict: list(bloglist.iterload(fp, strict=strict)),
    ):
        try:
            found = read(io.BytesIO(b"notes.txt"), strict=strict)
        except bloglist.ParseError as exc:
            assert strict and "load(fp)" not in exc.msg
        else:
            assert not strict
            items = found.diagnostics if isinstance(found, bloglist.Listing) else found
            assert all("load(fp)" not in str(item) for item in items)


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=12))
def test_a_page_iterates_over_its_posts_against_slicing(count: int, size: int) -> None:
    """Every page of a listing of *count* posts, iterated and measured, is the
    slice of the posts a plain list gives, and an empty page is false."""
    posts = [bloglist.Post(title=f"Post {n}", excerpt="E") for n in range(count)]
    listing = bloglist.Listing(posts)
    pages = max(1, -(-count // size))
    for number in range(1, pages + 1):
        page = listing.page(number, size=size)
        expected = posts[(number - 1) * size : number * size]
        assert list(page) == expected
        assert len(page) == len(expected)
        assert bool(page) is bool(expected)
