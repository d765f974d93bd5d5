"""from_json and from_jsonl: the library's own JSON exports, read back strictly."""

from __future__ import annotations

import array
import ctypes
import datetime
import io
import json
import pathlib
import re
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
from bloglist import Post
from bloglist._read_json import DEEPEST, MOST_KEYS

SAMPLE = bloglist.loads(bloglist.sample_text())

# Text without lone surrogates, which the exports write as U+FFFD.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
posts = st.builds(
    Post,
    title=text,
    date=st.none() | st.dates(),
    excerpt=text | text.map(lambda t: t + " […]"),
    tags=st.lists(text.filter(lambda t: t.strip() == t and t != ""), max_size=4).map(
        tuple
    ),
    sticky=st.booleans(),
)


def record(**changes: Any) -> dict[str, Any]:
    good = json.loads(bloglist.to_jsonl([Post(title="T", excerpt="E", tags=["A"])]))
    good.update(changes)
    return {k: v for k, v in good.items() if v is not ...}


class TestRoundTrip:
    @given(st.lists(posts, max_size=6), st.sampled_from([None, 0, 2]))
    def test_json_round_trip(self, found: list[Post], indent: int | None) -> None:
        """from_json(to_json(posts)) gives the posts back, at any indent."""
        assert bloglist.from_json(
            bloglist.to_json(found, indent=indent)
        ) == bloglist.Listing(found)

    @given(st.lists(posts, max_size=6))
    def test_jsonl_round_trip(self, found: list[Post]) -> None:
        """from_jsonl(to_jsonl(posts)) gives the posts back, from text or lines."""
        text = bloglist.to_jsonl(found)
        assert bloglist.from_jsonl(text) == bloglist.Listing(found)
        lines = io.BytesIO(text.encode("utf-8"))
        assert bloglist.from_jsonl(lines) == bloglist.Listing(found)

    @given(
        st.lists(posts, min_size=1, max_size=6),
        st.lists(st.text(" \t\r\n", max_size=4), min_size=7, max_size=7),
    )
    def test_each_post_has_the_line_its_record_starts_on(
        self, found: list[Post], gaps: list[str]
    ) -> None:
        """Records laid out any way JSON allows: each post's lineno is the
        line of its record's ``{``, as a plain count of line feeds gives it."""
        records = [json.dumps(json.loads(bloglist.to_jsonl([p]))) for p in found]
        text, starts = "[" + gaps[0], []
        for n, record in enumerate(records):
            if n:
                text += "," + gaps[n]
            starts.append(len(text))
            text += record
        text += gaps[-1] + "]"
        expected = [text.count("\n", 0, start) + 1 for start in starts]
        assert [post.lineno for post in bloglist.from_json(text)] == expected

    def test_the_sample_with_line_numbers(self) -> None:
        """Each post read back knows the line its record starts on."""
        back = bloglist.from_jsonl(bloglist.to_jsonl(SAMPLE))
        assert back == SAMPLE
        assert [post.lineno for post in back] == list(range(1, len(SAMPLE) + 1))
        text = bloglist.to_json(SAMPLE)
        lines = text.splitlines()
        array = bloglist.from_json(text)
        assert array == SAMPLE
        assert all(lines[post.lineno - 1] == "  {" for post in array)  # type: ignore[operator]
        assert len({post.lineno for post in array}) == len(SAMPLE)

    def test_windows_line_ends_and_a_last_blank_line(self) -> None:
        """\\r\\n line ends and a final empty line are fine."""
        text = bloglist.to_jsonl(SAMPLE[:2]).replace("\n", "\r\n") + "\r\n"
        assert bloglist.from_jsonl(text) == SAMPLE[:2]


class TestErrors:
    @pytest.mark.parametrize(
        ("read", "text", "at", "start"),
        [
            (
                "from_json",
                "\ufeff\ufeff[]",
                (1, 1),
                "expected '[', the start of an array of posts; ",
            ),
            ("from_json", "[\ufeff]", (1, 2), "Expecting value: "),
            ("from_jsonl", "\ufeff\ufeff{}", (1, 1), "Expecting value: "),
            ("from_jsonl", "{record}\n\ufeff{record}", (2, 1), "Expecting value: "),
        ],
    )
    def test_a_byte_order_mark_past_the_start_is_named(
        self, read: str, text: str, at: tuple[int, int], start: str
    ) -> None:
        """A byte order mark the start of the text does not hold (a second
        one, or one carried along where files were joined) is named where it
        stands: the json module's "Expecting value" said nothing of it."""
        line = json.dumps(record())
        given = text.replace("{record}", line)
        reader = getattr(bloglist, read)
        with pytest.raises(bloglist.ParseError) as caught:
            reader(given.splitlines() if read == "from_jsonl" else given)
        assert str(caught.value) == (
            f"{start}a byte order mark (U+FEFF) is here, which only the start of "
            f"the text may hold (at line {at[0]}, column {at[1]})"
        )
        assert (caught.value.lineno, caught.value.colno) == at

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"date": ...}, "key 'date' is missing"),
            ({"title": 3}, "title must be a string, not a number"),
            ({"title": None}, "title must be a string, not null"),
            ({"title": True}, "title must be a string, not true"),
            ({"excerpt": ["E"]}, "excerpt must be a string, not an array"),
            ({"summary": {"E": 1}}, "summary must be a string, not an object"),
            ({"sticky": "yes"}, "sticky must be true or false, not a string"),
            ({"truncated": 1}, "truncated must be true or false, not a number"),
            ({"sticky": None}, "sticky must be true or false, not null"),
            ({"tags": "A"}, "tags must be an array of strings"),
            ({"tags": [1]}, "tags must be an array of strings"),
            ({"date": "2025-02-30"}, "date '2025-02-30' is not a real day"),
            ({"date": "20250301"}, "date must be null or YYYY-MM-DD"),
            ({"date": "2025-3-4"}, "date must be null or YYYY-MM-DD, not '2025-3-4'"),
            # Digits of another script are not the form's: ASCII digits only.
            (
                {"date": "\uff12\uff10\uff12\uff15-\uff10\uff11-\uff10\uff12"},
                "date must be null or YYYY-MM-DD, not "
                "'\uff12\uff10\uff12\uff15-\uff10\uff11-\uff10\uff12'",
            ),
            (
                {"date": "\u0662\u0660\u0662\u0665-01-02"},
                "date must be null or YYYY-MM-DD, not '\u0662\u0660\u0662\u0665-01-02'",
            ),
            ({"date": 2025}, "date must be null or YYYY-MM-DD"),
            ({"summary": "X"}, "summary 'X' is not what the excerpt gives, 'E'"),
            ({"truncated": True}, "truncated is true, but the excerpt gives false"),
            ({"date": True}, "date must be null or YYYY-MM-DD, not true"),
            ({"date": [2025, 3, 4]}, "date must be null or YYYY-MM-DD, not an array"),
            ({"date": {"y": 2025}}, "date must be null or YYYY-MM-DD, not an object"),
            # Nested in a record where no object belongs, an object that
            # gives a key twice is refused as what it stands in for.
            ({"tags": [{"x": 1}]}, "tags must be an array of strings"),
        ],
    )
    def test_records_outside_the_schema(
        self, changes: dict[str, Any], message: str
    ) -> None:
        """Each break of the schema is an invalid-record ParseError at the record."""
        line = json.dumps(record(**changes))
        with pytest.raises(bloglist.ParseError, match=message) as info:
            bloglist.from_jsonl(f"{bloglist.to_jsonl(SAMPLE[:1])}  {line}\n")
        assert (info.value.code, info.value.lineno, info.value.colno) == (
            "invalid-record",
            2,
            3,
        )
        with pytest.raises(bloglist.ParseError, match=message) as info:
            bloglist.from_json(f"[\n{json.dumps(record())},\n   {line}]")
        assert (info.value.code, info.value.lineno, info.value.colno) == (
            "invalid-record",
            3,
            4,
        )
        assert info.value.msg.startswith("posts[1]: ")

    @pytest.mark.parametrize("space", [" ", "\t", "\r", "  \t\r"])
    def test_json_space_may_follow_a_record(self, space: str) -> None:
        """What JSON calls whitespace may end a JSON Lines record's line."""
        line = json.dumps(record())
        assert bloglist.from_jsonl(f"{line}{space}\n{line}\n") == bloglist.Listing(
            [Post(title="T", excerpt="E", tags=["A"])] * 2
        )

    def test_a_line_given_that_holds_two_records_says_so(self) -> None:
        """Lines given as items, one of which holds two records (lines split
        otherwise, records joined): the extra data's error says that the
        item holds a line break, as the "line" it counts is no line of a
        file (a review found the bare error puzzling); extra data on the
        line itself is the bare error."""
        line = json.dumps(record())
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl([line, f"{line}\n{line}"])
        assert caught.value.msg == (
            "extra data after the record, after a line break within the line"
            " given: give the text whole, or its lines one an item"
        )
        assert (caught.value.lineno, caught.value.colno) == (2, len(line) + 1)
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl([line, f"{line} x\n{line}"])
        assert caught.value.msg == "extra data after the record"
        # The text whole is split at its line breaks: two records.
        assert len(bloglist.from_jsonl(f"{line}\n{line}")) == 2

    @pytest.mark.parametrize("other", ["\x0c", "\x0b", "\xa0", "\u2028", "\u3000"])
    def test_other_space_after_a_record_is_extra_data(self, other: str) -> None:
        """Whitespace to Python but not to JSON (a form feed, a no-break
        space) after a record is an error at that character, as json.loads
        would raise it, not a space to skip."""
        line = json.dumps(record())
        with pytest.raises(
            bloglist.ParseError, match="extra data after the record"
        ) as info:
            bloglist.from_jsonl(f"{line} {other}\n")
        assert (info.value.code, info.value.lineno, info.value.colno) == (
            "invalid-json",
            1,
            len(line) + 2,
        )
        with pytest.raises(json.JSONDecodeError):
            json.loads(f"{line} {other}")

    @pytest.mark.parametrize("other", ["\x0c", "\x0b", "\xa0", "\u2028", "\u3000"])
    def test_a_line_of_other_space_alone_is_no_blank_line(self, other: str) -> None:
        """A line holding only whitespace that JSON does not take is not
        blank: an error at its first character, between records or last,
        never a blank line skipped or reported as one."""
        line = json.dumps(record())
        for text in (f"{line}\n{other}\n", f"{line}\n{other}\n{line}\n"):
            with pytest.raises(bloglist.ParseError, match="Expecting value") as info:
                bloglist.from_jsonl(text)
            assert (info.value.code, info.value.lineno, info.value.colno) == (
                "invalid-json",
                2,
                1,
            )

    @pytest.mark.parametrize(
        ("text", "where", "message"),
        [
            ("", (1, 1), "expected '['"),
            ('{"title": 1}', (1, 1), "posts are a JSON array, not an object"),
            ("[{} ]", (1, 2), "key 'title' is missing"),
            ("[" + json.dumps(record()) + "\n 2]", (2, 2), "expected ',' or ']'"),
            ("[]\n[]", (2, 1), "extra data after the array"),
            ('[{"title": }]', (1, 12), "Expecting value"),
            ("[1]", (1, 2), "a post is a JSON object, not a number"),
            ("[false]", (1, 2), "a post is a JSON object, not false"),
            ("[\n  1e999]", (2, 3), "a post is a JSON object, not a number"),
            ('[[{"title": "a"}]]', (1, 2), "a post is a JSON object, not an array"),
            ('[{"title": "a", "title": "b"}]', (1, 2), "key 'title' is given twice"),
            # Two keys repeated: the first repeated is named.
            (
                '[{"title": "a", "x": 1, "title": "b", "x": 2}]',
                (1, 2),
                "key 'title' is given twice",
            ),
        ],
    )
    def test_json_that_is_not_an_array_of_posts(
        self, text: str, where: tuple[int, int], message: str
    ) -> None:
        """Syntax and shape errors say where, with a code."""
        with pytest.raises(bloglist.ParseError, match=re.escape(message)) as info:
            bloglist.from_json(text)
        assert (info.value.lineno, info.value.colno) == where
        # Text that is not JSON, or JSON that is no post (docs/export.md).
        syntax = ("expected", "extra data", "Expecting")
        expected = "invalid-json" if message.startswith(syntax) else "invalid-record"
        assert info.value.code == expected

    @pytest.mark.parametrize(
        ("text", "where", "code"),
        [
            ('{"title": }\n', (1, 11), "invalid-json"),
            ("\n" + json.dumps(record()) + "\n", (1, 1), "invalid-json"),
            (  # at the x, as from_json points at what follows its array
                json.dumps(record()) + " x\n",
                (1, len(json.dumps(record())) + 2),
                "invalid-json",
            ),
            ("[]\n", (1, 1), "invalid-record"),
            ('{"a": 1, "a": 2}', (1, 1), "invalid-record"),
        ],
    )
    def test_lines_that_are_not_records(
        self, text: str, where: tuple[int, int], code: str
    ) -> None:
        """A bad line, or a blank line between records, gives its line and column."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(text)
        assert (info.value.lineno, info.value.colno, info.value.code) == (*where, code)

    @pytest.mark.parametrize("blanks", [["", ""], ["", " ", "\t"], [" \r", ""]])
    @pytest.mark.parametrize("before", [0, 1, 2])
    def test_a_run_of_blank_lines_is_reported_at_its_first(
        self, blanks: list[str], before: int
    ) -> None:
        """Blank lines before or between records are an error at the first of
        them, wherever the run ends."""
        line = json.dumps(record())
        lines = [line] * before + blanks + [line]
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl("\n".join(lines) + "\n")
        where = "before the first record" if not before else "between records"
        assert (info.value.lineno, info.value.colno, info.value.code) == (
            before + 1,
            1,
            "invalid-json",
        )
        assert info.value.msg == f"a blank line {where}"

    @pytest.mark.parametrize(
        ("text", "want"),
        [
            ('[{"title": 1, "b": NaN}]', ("invalid-json", 20)),  # inside the record
            ('[{"title": 1} NaN]', ("invalid-record", 2)),  # after it
            ("[1 2]", ("invalid-record", 2)),
        ],
    )
    def test_a_record_is_judged_once_it_is_read_whole(
        self, text: str, want: tuple[str, int]
    ) -> None:
        """export.md: the first fault from the start is reported, a record
        judged once read whole: a syntax fault inside a record that is no
        post is the error, one after it is not."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(text)
        assert (info.value.code, info.value.colno) == want

    @pytest.mark.parametrize("before", [0, 1])
    def test_a_blank_line_comes_before_bytes_that_are_not_utf8(
        self, before: int
    ) -> None:
        """The first fault from the start is reported: a blank line, then a
        line of bytes that are not UTF-8 (which is no blank line), is an
        error at the blank line, as a blank line and then a line that is not
        JSON is; the bytes alone, at their own line."""
        line = json.dumps(record()).encode()
        lines = [line + b"\n"] * before + [b"\n", b"\xff\n"]
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(lines)
        assert (info.value.lineno, info.value.colno, info.value.code) == (
            before + 1,
            1,
            "invalid-json",
        )
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl([*lines[:before], b"\xff\n"])
        assert (info.value.lineno, info.value.colno, info.value.code) == (
            before + 1,
            1,
            "invalid-utf8",
        )

    def test_lines_of_any_bytes_like_type_read_alike(self) -> None:
        """A line may be bytes, a bytearray or a memoryview (of any format:
        its bytes), as load takes them; a bad byte is reported alike."""
        line = (json.dumps(record()) + "\n").encode()
        expected = bloglist.from_jsonl([line])
        for kind in (bytes, bytearray, memoryview):
            assert bloglist.from_jsonl([kind(line)]) == expected
        # A record's bytes, of an even length, in a memoryview of 2-byte items.
        even = line if len(line) % 2 == 0 else line[:-1]  # less its "\n"
        assert bloglist.from_jsonl([memoryview(array.array("H", even))]) == expected
        bad: list[bytes | memoryview] = [
            line,
            memoryview(b'{"title": "\xc3\xa9\xff"}'),
        ]
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(bad)
        assert (info.value.lineno, info.value.colno, info.value.code) == (
            2,
            13,
            "invalid-utf8",
        )
        assert "byte 0xff" in str(info.value)

    def test_bytes_that_are_not_utf8(self) -> None:
        """Binary lines are decoded; bad bytes are invalid-utf8 at their column."""
        with pytest.raises(bloglist.ParseError, match="byte 0xff") as info:
            bloglist.from_jsonl([b'{"title": "\xc3\xa9\xff"}\n'])
        assert (info.value.lineno, info.value.colno, info.value.code) == (
            1,
            13,
            "invalid-utf8",
        )

    def test_a_message_quotes_a_long_value_short(self) -> None:
        """A value of a megabyte is quoted in a few dozen characters, as every
        message of the library quotes its input; a summary that differs from
        the excerpt's far in is shown where they differ."""
        long = "x" * 1_000_000
        cases = [
            (record(date="2025-01-01" + long), "not '2025-01-01xxx"),
            (record(excerpt=long + "!", summary=long + "?"), "…'xxxxxxxxxx?'"),
            # The excerpt's summary, the other side, where the two differ.
            (record(excerpt=long + "!", summary=long + "?"), "…'xxxxxxxxxx!'"),
            (record(date=list(range(200_000))), "not an array"),
        ]
        for value, shown in cases:
            for read, text in (
                (bloglist.from_jsonl, json.dumps(value)),
                (bloglist.from_json, json.dumps([value])),
            ):
                with pytest.raises(bloglist.ParseError) as info:
                    read(text)
                assert shown in info.value.msg
                assert len(str(info.value)) < 200

    def test_a_key_given_twice(self) -> None:
        """A record that gives a key twice is refused with the key named; an
        object nested where a tag belongs, with a key given twice, is refused
        as a tag that is no string, the fault to fix."""
        twice = '{"title": "T", "title": "U", ' + json.dumps(record())[1:]
        nested = json.dumps(record()).replace('["A"]', '[{"x": 1, "x": 2}]')
        assert '"x": 2' in nested
        for text, message in (
            (twice, "key 'title' is given twice"),
            (nested, "tags must be an array of strings"),
        ):
            for read, whole in (
                (bloglist.from_jsonl, text),
                (bloglist.from_json, f"[{text}]"),
            ):
                with pytest.raises(bloglist.ParseError) as info:
                    read(whole)
                assert info.value.code == "invalid-record"
                assert info.value.msg.endswith(message)

    @pytest.mark.parametrize(
        "spelled",
        [r"a\ud800", r"a\uD800", r"\udfff", r"x\ud800\ud800", r"\udc00\ud800"],
    )
    def test_a_lone_surrogate_is_read_as_it_is(self, spelled: str) -> None:
        """Half of a surrogate pair alone, escaped (in either case) or held as a
        character by a str, is read as it is, as ``loads`` reads one from a
        str, the same whatever else the text holds (an escaped pair, a
        backslash); the exports write U+FFFD for it."""
        title = json.loads(f'"{spelled}"')
        escaped = json.dumps(record(title="T")).replace('"T"', f'"{spelled}"', 1)
        raw = json.dumps(record(title=title), ensure_ascii=False)
        other = json.dumps(record(title="\U0001f600 C:\\ud"))  # an escaped pair
        assert "\\ud83d\\ude00" in other
        for text in (escaped, raw):
            for lines in ([text], [text, other], [other, text]):
                jsonl = "\n".join(lines)
                read = [
                    bloglist.from_jsonl(jsonl),
                    bloglist.from_json(f"[{','.join(lines)}]"),
                ]
                for posts in read:
                    assert [post.title for post in posts] == [
                        json.loads(line)["title"] for line in lines
                    ]
        (post,) = bloglist.from_jsonl(escaped)
        assert post.title == title
        written = bloglist.to_jsonl([post])
        assert bloglist.from_jsonl(written)[0].title == re.sub(
            "[\ud800-\udfff]", "\ufffd", title
        )

    def test_bytes_in_a_buffer_are_no_lines(self, tmp_path: Path) -> None:
        """An mmap of a JSON Lines file iterates byte by byte, each byte a
        line: a TypeError, as for bytes, where it was a ParseError at line 1,
        column 2; the map is let go, to be closed."""
        import array
        import mmap

        path = tmp_path / "posts.jsonl"
        path.write_text(bloglist.to_jsonl([Post(title="T", excerpt="E")]))
        with (
            open(path, "rb") as fp,
            mmap.mmap(fp.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
        ):
            with pytest.raises(TypeError) as caught:
                bloglist.from_jsonl(mapped)  # type: ignore[arg-type]
            assert str(caught.value) == (
                "from_jsonl() takes a str or lines, not mmap; decode it first"
            )
            assert bloglist.from_jsonl(mapped[:].decode())[0].title == "T"
        with pytest.raises(TypeError, match="not array; decode it first"):
            bloglist.from_jsonl(array.array("b", b"{}"))  # type: ignore[arg-type]

    def test_a_ctypes_buffer_of_bytes_is_refused(self) -> None:
        """A buffer whose format gives its byte order ("<c", "<B", "<b", as
        ctypes' do) holds bytes all the same: refused with "decode it
        first", not iterated byte by byte, each byte a line (it said
        "Expecting property name" at column 2 of good data)."""
        data = bloglist.to_jsonl([Post(title="T", excerpt="E")]).encode()
        for buffer in (
            ctypes.create_string_buffer(data, len(data)),
            (ctypes.c_ubyte * len(data)).from_buffer_copy(data),
            (ctypes.c_byte * len(data)).from_buffer_copy(data),
        ):
            with pytest.raises(TypeError) as caught:
                bloglist.from_jsonl(buffer)
            assert str(caught.value) == (
                f"from_jsonl() takes a str or lines, not {type(buffer).__name__}; "
                "decode it first"
            )
            assert bloglist.from_jsonl(bytes(buffer).decode())[0].title == "T"

    @pytest.mark.skipif(
        sys.version_info < (3, 12), reason="a class's __buffer__ is Python 3.12's"
    )
    def test_a_buffer_of_chars_is_bytes(self) -> None:
        """A buffer whose items are single chars (format 'c', as a class of a
        program's own may give from __buffer__) holds bytes too: refused."""
        data = bloglist.to_jsonl([Post(title="T", excerpt="E")]).encode()

        class Chars:
            def __buffer__(self, flags: int, /) -> memoryview[bytes]:
                return memoryview(data).cast("c")

            def __iter__(self) -> Iterator[bytes]:
                return iter(data.splitlines())

        with pytest.raises(TypeError) as caught:
            bloglist.from_jsonl(Chars())
        assert str(caught.value) == (
            "from_jsonl() takes a str or lines, not Chars; decode it first"
        )

    def test_a_buffer_of_lines_is_lines(self) -> None:
        """A numpy array of lines holds them in a buffer too, but not as
        bytes: it is read line by line, as before."""
        numpy = pytest.importorskip("numpy", reason="numpy: the test-extra group")
        text = bloglist.to_jsonl([Post(title="T", excerpt="E"), Post(title="U")])
        for dtype in (None, object):
            lines = numpy.array(text.splitlines(), dtype=dtype)
            assert [post.title for post in bloglist.from_jsonl(lines)] == ["T", "U"]

    def test_standard_input_that_escapes_bad_bytes(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """from_jsonl(sys.stdin) where Python decodes standard input with
        surrogateescape: a byte that is not UTF-8 is the ParseError of binary
        lines, as load(sys.stdin) gives it, where it passed into the title
        as an escape; a file opened so by the caller keeps its escapes."""
        line = bloglist.to_jsonl([Post(title="Cafe", excerpt="E")])
        data = line.replace("Cafe", "Caf\udce9").encode("utf-8", "surrogateescape")

        def stdin() -> io.TextIOWrapper:
            return io.TextIOWrapper(
                io.BytesIO(data), encoding="utf-8", errors="surrogateescape"
            )

        assert bloglist.from_jsonl(stdin())[0].title == "Caf\udce9"
        monkeypatch.setattr(sys, "stdin", stdin())
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl(sys.stdin)
        with pytest.raises(bloglist.ParseError) as binary:
            bloglist.from_jsonl(io.BytesIO(data))
        assert (caught.value.msg, caught.value.lineno, caught.value.colno) == (
            binary.value.msg,
            binary.value.lineno,
            binary.value.colno,
        )
        assert caught.value.code == "invalid-utf8"

    @pytest.mark.parametrize(
        "codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
    )
    def test_bytes_with_another_mark_are_told_their_codec(self, codec: str) -> None:
        """Bytes saved as UTF-16 or UTF-32 after their mark: the hint decodes
        them by that codec (`data.decode()` would fail on the mark), and the
        hint followed reads them."""
        data = ("\ufeff" + bloglist.to_json([Post(title="One")])).encode(codec)
        named = codec[:6]
        with pytest.raises(TypeError) as caught:
            bloglist.from_json(data)  # type: ignore[arg-type]
        assert str(caught.value) == (
            f"from_json() takes a str, not bytes; decode it first: "
            f"from_json(data.decode('{named}'))"
        )
        assert [post.title for post in bloglist.from_json(data.decode(named))] == [
            "One"
        ]

    def test_wrong_types(self) -> None:
        """Bytes or other objects are a TypeError that says what to pass."""
        with pytest.raises(TypeError, match="decode it first"):
            bloglist.from_jsonl(b"{}")  # type: ignore[arg-type]
        for data in (b"[]", bytearray(b"[]"), memoryview(b"[]")):
            with pytest.raises(TypeError) as caught:
                bloglist.from_json(data)  # type: ignore[arg-type]
            assert str(caught.value) == (
                f"from_json() takes a str, not {type(data).__name__}; decode it "
                "first: from_json(data.decode())"
            )
            # The call it names reads the bytes (to_json's text is UTF-8).
            assert bloglist.from_json(bytes(data).decode()) == bloglist.Listing()
        with pytest.raises(TypeError) as caught:
            bloglist.from_json(io.StringIO("[]"))  # type: ignore[arg-type]
        assert str(caught.value) == (
            "from_json() takes a str, not StringIO; read the file first: "
            "from_json(fp.read())"
        )
        with pytest.raises(
            TypeError, match=r"^line 1 must be a str or bytes, not int$"
        ):
            bloglist.from_jsonl([1])  # type: ignore[list-item]
        for value in (None, 3, Post(title="x")):
            with pytest.raises(
                TypeError, match="from_jsonl\\(\\) takes a str or lines"
            ):
                bloglist.from_jsonl(value)  # type: ignore[arg-type]
        with pytest.raises(
            TypeError, match="from_json\\(\\) takes a str, not NoneType"
        ):
            bloglist.from_json(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("depth", [1000, 100_000])
    def test_values_nested_too_deeply(self, depth: int) -> None:
        """Arrays nested past the interpreter's depth are a ParseError at the
        record, not a RecursionError."""
        deep = "[" * depth + "]" * depth
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(f"[\n{deep}]")
        assert (info.value.lineno, info.value.colno) == (2, 1)
        assert info.value.code == "invalid-record"
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(f'{json.dumps(record())}\n  {{"title": {deep}}}\n')
        assert (info.value.lineno, info.value.colno) == (2, 3)
        assert info.value.code == "invalid-record"

    def test_a_number_with_too_many_digits(self) -> None:
        """Python refuses to read an integer of thousands of digits: a
        ParseError at the record, not a bare ValueError."""
        huge = "9" * 5000
        for text, read in (
            (f"[{huge}]", bloglist.from_json),
            (f'{{"title": {huge}}}', bloglist.from_jsonl),
        ):
            with pytest.raises(bloglist.ParseError, match="too many digits") as info:
                read(text)
            assert info.value.code == "invalid-record"

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity_are_not_json(self, constant: str) -> None:
        """Python's json reads NaN and the infinities; JSON has neither. The
        error names the constant and points at it, even after strings that
        hold its name and escaped quotes (it used to say "not float")."""
        fields = {**record(), "title": f'say \\"{constant}\\" {constant}'}
        body = json.dumps(fields)[:-1] + f', "sticky": {constant}}}'
        column = body.rindex(constant) + 1
        for text, read, lineno in (
            (f"[\n{body}]", bloglist.from_json, 2),
            (f"{json.dumps(record())}\n{body}\n", bloglist.from_jsonl, 2),
        ):
            with pytest.raises(bloglist.ParseError) as info:
                read(text)
            assert info.value.code == "invalid-json"
            assert info.value.msg.startswith(f"{constant} is not JSON")
            assert "float" not in str(info.value)
            assert (info.value.lineno, info.value.colno) == (lineno, column)

    @pytest.mark.parametrize(
        ("text", "kind", "column"),
        [
            ('{"title": "T"}', "an object", 1),
            ("null", "null", 1),
            ('  "x"\n', "a string", 3),
            ("\n1.5", "a number", 1),
            ("true", "true", 1),
            ('{"a": 1, "a": 2}', "an object", 1),
            ("9" * 5000, "a number", 1),
            ("-" + "9" * 5000 + ".5e+3 \n", "a number", 1),
            # A key given twice, and a number too long for int() in it.
            ('{"a": 1, "a": ' + "9" * 5000 + "}", "an object", 1),
        ],
    )
    def test_json_of_another_shape_is_an_invalid_record(
        self, text: str, kind: str, column: int
    ) -> None:
        """Valid JSON that is not an array is JSON of the wrong shape, as an
        element that is not an object is: invalid-record, saying what it is
        (it was invalid-json, the code of text that is not JSON)."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(text)
        assert info.value.code == "invalid-record"
        assert info.value.msg == f"posts are a JSON array, not {kind}"
        assert info.value.colno == column

    @pytest.mark.parametrize(
        "text",
        [
            '{"a": ' * 100_000 + "1" + "}" * 100_000,
            '{"a": ' * 100_000,
            '{"a": [' * 50_000 + "x",
            '{"a": ' * 100_000 + "1" + "}" * 100_000 + " x",
        ],
    )
    def test_an_object_too_deep_to_read_is_said_to_be_one(self, text: str) -> None:
        """An object nested deeper than the json module reads, whole, cut off
        or followed by more: never said to be JSON of another shape (it may
        be no JSON at all), but an object too deep, as from_jsonl says of a
        record too deep."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(text)
        assert info.value.code == "invalid-record"
        assert info.value.msg == (
            "posts are a JSON array, not an object; this one is nested too "
            "deeply to read"
        )
        assert (info.value.lineno, info.value.colno) == (1, 1)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "x",
            '"x" 1',
            "NaN",
            '{"title": "T"} x',
            '{"title": ',
            # What the reader's own checks stop short of (a key given twice,
            # a number past the digits limit), followed by what is no JSON.
            '{"a": 1, "a": 2} x',
            '{"a": 1, "a": ' + "9" * 5000 + "} x",
            '{"a": {"b": 1, "b": 2}, ',
            # The digits limit, then the object cut off: no JSON either.
            '{"a": ' + "9" * 5000 + ", ",
            "9" * 5000 + " x",
            "9" * 5000 + "]",
        ],
    )
    def test_text_that_is_not_json_is_invalid_json(self, text: str) -> None:
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(text)
        assert info.value.code == "invalid-json"
        # Text that starts as an object may be JSON Lines: the reader is named.
        hint = (
            "; JSON Lines, a post's object a line, is read by from_jsonl()"
            if text.startswith("{")
            else ""
        )
        assert info.value.msg == f"expected '[', the start of an array of posts{hint}"

    @pytest.mark.parametrize("indent", [None, 0, 2])
    def test_json_given_to_the_json_lines_reader_names_the_other(
        self, indent: int | None
    ) -> None:
        """from_jsonl(to_json(...)), and the other way round: the error says
        which reader reads the text."""
        listing = bloglist.loads(bloglist.sample_text())
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(bloglist.to_json(listing, indent=indent))
        assert info.value.msg.endswith(
            "; the text starts with '[', as a JSON array of posts does, which "
            "from_json() reads"
        )
        assert (info.value.lineno, info.value.colno) == (1, 1 if indent is None else 2)
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_json(bloglist.to_jsonl(listing))
        assert info.value.msg.endswith("is read by from_jsonl()")

    @pytest.mark.parametrize(
        ("text", "message", "column"),
        [
            ('{"title": "a\tb"}', "Invalid control character '\\t' in a string", 13),
            ('{"title": "a\x00"}', "Invalid control character '\\x00' in a string", 13),
            (
                '{"title": "abc',
                "Unterminated string: no closing quote after the one",
                11,
            ),
            ('{"title": "a\\qb"}', "Invalid \\escape", 13),
            ('{"title": }', "Expecting value", 11),
            ('{"title" 1}', "Expecting ':' delimiter", 10),
        ],
    )
    def test_json_syntax_errors_read_well(
        self, text: str, message: str, column: int
    ) -> None:
        """The json module's messages end in "at", for its own position to
        follow; ours follows in brackets, so the "at" goes, and an invalid
        control character is named (it read "Invalid control character at
        (at line 1, column 14)")."""
        for read, source, col in (
            (bloglist.from_jsonl, text, column),
            (bloglist.from_json, f"[{text}]", column + 1),
        ):
            with pytest.raises(bloglist.ParseError) as info:
                read(source)
            assert (info.value.msg, info.value.colno) == (message, col)
            assert info.value.code == "invalid-json"
            assert " at (" not in str(info.value)

    def test_empty_inputs(self) -> None:
        """No records is an empty listing."""
        assert bloglist.from_json(" [ ] ") == bloglist.Listing()
        assert bloglist.from_jsonl("") == bloglist.Listing()
        assert bloglist.from_jsonl([]) == bloglist.Listing()
        assert (
            bloglist.from_json(bloglist.to_json([], indent=None)) == bloglist.Listing()
        )
        assert bloglist.from_json(bloglist.to_json([])) == bloglist.Listing()
        assert bloglist.to_json([]) == "[]\n"
        _ = datetime  # imported for the strategies' dates


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


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = json.loads(
        bloglist.to_jsonl([bloglist.Post(title="T", excerpt="E")])
    )
    record.update(changes)
    return record


@pytest.mark.parametrize("space", [" ", "   ", "\t "])
def test_an_unknown_key_of_an_indented_json_line_is_at_its_record(space: str) -> None:
    """The unknown-key warning of a JSON Lines record after spaces is at the
    record's first character, as from_json's is."""
    record = {**json.loads(bloglist.to_jsonl([Post(title="T", excerpt="E")])), "x": 1}
    listing = bloglist.from_jsonl(space + json.dumps(record))
    [warning] = listing.diagnostics
    assert (warning.code, warning.lineno, warning.colno) == (
        "unknown-key",
        1,
        len(space) + 1,
    )


# docs/export.md: a `date` is `null` or a real `YYYY-MM-DD` day. A date with
# more after the day (a time, a zone) is the wrong form, not an unreal day:
# the message must say what form is wanted.
@pytest.mark.parametrize(
    "date", ["2025-03-05T10:00:00Z", "2025-03-05 10:00", "2025-03-05x"]
)
def test_a_date_with_more_after_the_day_is_refused_as_not_yyyy_mm_dd(date: str) -> None:
    line = json.dumps(_record(date=date))
    for read in (bloglist.from_jsonl, lambda text: bloglist.from_json(f"[{text}]")):
        with pytest.raises(bloglist.ParseError) as caught:
            read(line)
        assert caught.value.code == "invalid-record"
        assert "date must be null or YYYY-MM-DD" in caught.value.msg
        assert "not a real day" not in caught.value.msg


@pytest.mark.parametrize("space", ["", " ", "  ", "\n\t "])
def test_json_lines_after_spaces_get_the_from_jsonl_hint(space: str) -> None:
    """JSON Lines given to from_json() get the hint to from_jsonl() when
    their first object comes after spaces too, not only at the start."""
    with pytest.raises(bloglist.ParseError) as caught:
        bloglist.from_json(f'{space}{{"title": "One"}} x')
    line = space.count("\n") + 1
    column = len(space.rpartition("\n")[2]) + 1
    assert str(caught.value) == (
        "expected '[', the start of an array of posts; JSON Lines, a post's "
        "object a line, is read by from_jsonl() "
        f"(at line {line}, column {column})"
    )


# The writers at the edges of their arguments. Each test below fails today
# (the writers live in _export): the reason says what is wrong, and the test
# passes once it is fixed.


# Keys a later release might add, and values of any JSON kind for them.
extra_keys = st.sampled_from(["words", "author", "Title", "tag", "x", "é", ""])
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | text,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3)
    ),
    max_leaves=6,
)


class TestNamesForText:
    """The wording review: a path, or a file's name given as the text, got
    no word of how to read the file, where load() says it."""

    @pytest.mark.parametrize(
        ("read", "said"),
        [
            (
                bloglist.from_json,
                "from_json() takes a str, not PurePosixPath; it is a path: read "
                "the file first (with open(path, encoding='utf-8') as fp: "
                "bloglist.from_json(fp.read()))",
            ),
            (
                bloglist.from_jsonl,
                "from_jsonl() takes a str or lines, not PurePosixPath; it is a "
                "path: pass the open file (with open(path, 'rb') as fp: "
                "bloglist.from_jsonl(fp))",
            ),
        ],
    )
    def test_a_path_says_how_to_read_its_file(
        self, read: Callable[[Any], bloglist.Listing], said: str
    ) -> None:
        with pytest.raises(TypeError) as caught:
            read(pathlib.PurePosixPath("posts.json"))
        assert str(caught.value) == said

    @pytest.mark.parametrize(
        ("read", "text", "said"),
        [
            (
                bloglist.from_json,
                "posts.json",
                "expected '[', the start of an array of posts; the whole text is "
                "this one line, which looks like a file's name: to read the file, "
                "open it and give its text (with open(name, encoding='utf-8') as "
                "fp: bloglist.from_json(fp.read()))",
            ),
            (
                bloglist.from_jsonl,
                "posts.ndjson",
                "Expecting value; the whole text is this one line, which looks "
                "like a file's name: to read the file, give it the open file "
                "(with open(name, 'rb') as fp: bloglist.from_jsonl(fp))",
            ),
            (
                bloglist.from_jsonl,
                "out/posts.JSONL\n",
                "Expecting value; the whole text is this one line, which looks "
                "like a file's name: to read the file, give it the open file "
                "(with open(name, 'rb') as fp: bloglist.from_jsonl(fp))",
            ),
        ],
    )
    def test_a_file_name_given_as_the_text_says_how_to_read_the_file(
        self, read: Callable[[str], bloglist.Listing], text: str, said: str
    ) -> None:
        with pytest.raises(bloglist.ParseError) as caught:
            read(text)
        assert (caught.value.msg, caught.value.lineno, caught.value.colno) == (
            said,
            1,
            1,
        )

    @pytest.mark.parametrize(
        ("read", "text"),
        [
            (bloglist.from_json, "posts.json and more"),
            (bloglist.from_json, "posts.txt"),
            (bloglist.from_jsonl, "posts.jsonl\nposts.jsonl"),
            (bloglist.from_jsonl, "posts"),
        ],
    )
    def test_other_text_gets_no_word_of_a_file(
        self, read: Callable[[str], bloglist.Listing], text: str
    ) -> None:
        with pytest.raises(bloglist.ParseError) as caught:
            read(text)
        assert "file's name" not in caught.value.msg


class TestUnknownKeys:
    """A key outside the schema is ignored, with one ``unknown-key`` warning
    per key at the first record that holds it; checked against a plain
    reading of the same records."""

    @staticmethod
    def expected(
        extras: list[dict[str, Any]], places: list[tuple[int, int]]
    ) -> list[tuple[int, int, str, int]]:
        """Each extra key once, in the order met: its first record's place,
        the key, and how many records hold it."""
        first: dict[str, list[int]] = {}
        for extra, (lineno, colno) in zip(extras, places, strict=True):
            for key in extra:
                if key in first:
                    first[key][2] += 1
                else:
                    first[key] = [lineno, colno, 1]
        return [(line, col, key, n) for key, (line, col, n) in first.items()]

    @staticmethod
    def found(listing: bloglist.Listing) -> list[tuple[int, int, str, int]]:
        found = []
        for warning in listing.diagnostics:
            assert (warning.severity, warning.code) == ("warning", "unknown-key")
            key = json.loads(
                '"' + re.match(r"key '(.*)' is not in", warning.message)[1] + '"'  # type: ignore[index]
            )
            more = re.search(r"here and in (\d+) more record", warning.message)
            found.append(
                (warning.lineno, warning.colno, key, 1 + (int(more[1]) if more else 0))
            )
        return found

    @given(
        st.lists(
            st.tuples(posts, st.dictionaries(extra_keys, json_values, max_size=3)),
            max_size=6,
        ),
        st.sampled_from([None, 2]),
    )
    def test_extra_keys_are_ignored_and_each_said_once(
        self, records: list[tuple[Post, dict[str, Any]]], indent: int | None
    ) -> None:
        given_posts = [post for post, _ in records]
        extras = [extra for _, extra in records]
        # Each record on its own line, its extra keys after the schema's.
        dumped = [
            json.dumps({**json.loads(bloglist.to_jsonl([post])), **extra})
            for post, extra in records
        ]
        lines = bloglist.from_jsonl("\n".join(dumped))
        assert list(lines) == given_posts
        assert self.found(lines) == self.expected(
            extras, [(n, 1) for n in range(1, len(dumped) + 1)]
        )
        # As a JSON array: the records on one line, or one a line, indented.
        if indent is None:
            text = "[" + ", ".join(dumped) + "]"
            places, column = [], 2
            for line in dumped:
                places.append((1, column))
                column += len(line) + 2
        else:
            text = "[\n" + ",\n".join(" " * indent + line for line in dumped) + "\n]"
            places = [(n, indent + 1) for n in range(2, len(dumped) + 2)]
        array = bloglist.from_json(text)
        assert list(array) == given_posts
        assert self.found(array) == self.expected(extras, places)

    @pytest.mark.parametrize("read", [bloglist.from_json, bloglist.from_jsonl])
    def test_a_record_still_needs_every_key_and_each_once(self, read: Any) -> None:
        """Ignoring a key does not excuse a missing one, nor a key given
        twice, known or not."""
        good = json.dumps(record())
        for line, message in (
            (good.replace('"title"', '"titel"'), "key 'title' is missing"),
            ('{"x": 1, "x": 2, ' + good[1:], "key 'x' is given twice"),
        ):
            with pytest.raises(bloglist.ParseError) as info:
                read(f"[{line}]" if read is bloglist.from_json else line)
            assert info.value.code == "invalid-record"
            assert info.value.msg.endswith(message)

    @staticmethod
    def nested(levels: int, kind: str) -> str:
        """A JSON value of *levels* levels of arrays and objects, its
        deepest not its first child."""
        if kind == "array":
            return "[1, " * levels + "0" + "]" * levels
        if kind == "object":
            return '{"a": 1, "k": ' * levels + "0" + "}" * levels
        if kind == "repeated key":
            return '{"k": 1, "k": ' * levels + "0" + "}" * levels
        if kind == "repeated key, deep first":
            # The deep value is the one the decoded dictionary drops.
            return '{"k": ' * levels + "0" + ', "k": 1}' * levels
        pairs, odd = divmod(levels, 2)
        return '[1, {"k": ' * pairs + ("[0]" if odd else "0") + "}]" * pairs

    @pytest.mark.parametrize(
        "kind", ["array", "object", "repeated key", "repeated key, deep first", "mixed"]
    )
    @pytest.mark.parametrize("read", [bloglist.from_json, bloglist.from_jsonl])
    def test_an_extra_value_nested_too_deep_is_still_too_deep(
        self, read: Any, kind: str
    ) -> None:
        """DEEPEST levels in all, the record's object the first, are read;
        one more is refused, in the value of any key outside the schema."""
        for levels in (DEEPEST - 1, DEEPEST):
            value = self.nested(levels, kind)
            assert value.count("[") + value.count("{") == levels
        good = json.dumps(record())[1:]

        def line(levels: int) -> str:
            deep = self.nested(levels - 1, kind)  # the record is the first level
            return f'{{"x": [], "y": {deep}, {good}'

        def text(levels: int) -> str:
            return f"[{line(levels)}]" if read is bloglist.from_json else line(levels)

        with pytest.raises(bloglist.ParseError, match="nested too deeply") as info:
            read(text(DEEPEST + 1))
        assert info.value.code == "invalid-record"
        assert len(read(text(DEEPEST))) == 1
        # Far deeper, the same from a shallow call and a deep one: the
        # readers' limit judges it, not the interpreter's.
        outcomes = {
            repr(_from_depth(frames, lambda: read(text(900)))) for frames in (0, 300)
        }
        assert len(outcomes) == 1, outcomes
        assert "nested too deeply" in outcomes.pop()

    @pytest.mark.parametrize("read", [bloglist.from_json, bloglist.from_jsonl])
    def test_past_the_first_keys_named_the_others_are_counted(self, read: Any) -> None:
        """The first 100 keys are named (docs/export.md), each once; every use
        of another, in any record, is counted in one more warning, at the
        first."""
        good = record()
        lines = [
            json.dumps({**good, **{f"k{i}": i for i in range(n, n + 40)}})
            for n in range(0, 200, 40)
        ]
        # Each record after the first repeats a key of the first, too.
        lines[1:] = [line[:-1] + ', "k0": 0}' for line in lines[1:]]
        text = (
            "[" + ",\n".join(lines) + "]"
            if read is bloglist.from_json
            else "\n".join(lines)
        )
        warnings = read(text).diagnostics
        assert MOST_KEYS == 100  # the number the docs give
        assert len(warnings) == 101
        named = [w.message.split("'")[1] for w in warnings[:-1]]
        assert named == [f"k{i}" for i in range(100)]
        assert "here and in 4 more records" in warnings[0].message
        assert "more record" not in warnings[1].message
        last = warnings[-1]
        assert last.message.split("'")[1] == "k100"
        assert "past the first 100 named" in last.message
        assert last.message.endswith("100 from here on, this one included")
        # The 101st key is in the third record (keys 80 to 119).
        assert last.lineno == 3
        assert [w.lineno for w in warnings] == sorted(w.lineno for w in warnings)

    def test_a_key_of_the_schema_alone_gives_no_warning(self) -> None:
        assert bloglist.from_json(bloglist.to_json(SAMPLE)).diagnostics == ()
        assert bloglist.from_jsonl(bloglist.to_jsonl(SAMPLE)).diagnostics == ()


# The seven keys of the schema, in to_json's order (docs/export.md).
_RECORD: dict[str, object] = {
    "title": "T",
    "date": None,
    "excerpt": "E",
    "summary": "E",
    "truncated": False,
    "tags": [],
    "sticky": False,
}


def _error(read: object, text: object) -> bloglist.ParseError:
    with pytest.raises(bloglist.ParseError) as caught:
        read(text)  # type: ignore[operator]
    return caught.value


class TestAMisspeltKey:
    """A record whose key is misspelt lacks that key of the schema and holds
    one outside it. The reader checks the schema's keys first, in its order:
    the message names the key the schema wants, and ``key 'title' is
    missing`` is what the same record without the misspelt key gets too."""

    @pytest.mark.parametrize("key", list(_RECORD))
    @pytest.mark.parametrize("read", [bloglist.from_json, bloglist.from_jsonl])
    def test_the_missing_key_is_named(self, read: object, key: str) -> None:
        record = {
            (f"{key}s" if name == key else name): v for name, v in _RECORD.items()
        }
        line = json.dumps(record)
        text = f"[{line}]" if read is bloglist.from_json else line
        error = _error(read, text)
        assert error.code == "invalid-record"
        assert f"key {key!r} is missing" in error.msg
        assert "not in the schema" not in error.msg
        # The record's place: column 2 in an array, column 1 on its own line.
        assert (error.lineno, error.colno) == (
            1,
            2 if read is bloglist.from_json else 1,
        )

    def test_a_key_outside_the_schema_alone_is_named_as_such(self) -> None:
        """The other side of the rule: with every key present, the extra one
        is named, in a warning."""
        line = json.dumps({**_RECORD, "titles": "T"})
        (warning,) = bloglist.from_jsonl(line).diagnostics
        assert warning.message.startswith("key 'titles' is not in this release's")


class TestLineEnds:
    """A line of JSON Lines ends with a line feed; a lone carriage return is
    JSON's whitespace (docs/export.md)."""

    RECORD = json.dumps(record())

    @pytest.mark.parametrize(
        ("text", "titles"),
        [
            (f"{RECORD}\n{RECORD}\n", ["T", "T"]),
            (f"{RECORD}\r\n{RECORD}\r\n", ["T", "T"]),
            # A record written over two lines by a tool that ends lines with CR.
            (
                '{"title": "T",\r' + RECORD[1:].replace('"title": "T", ', "") + "\n",
                ["T"],
            ),
        ],
    )
    def test_a_file_opened_with_newline_lf_reads_as_the_text(
        self, tmp_path: Path, text: str, titles: list[str]
    ) -> None:
        """The text, a binary file and a text file opened with newline="\\n"
        give the same posts, at the same lines."""
        path = tmp_path / "posts.jsonl"
        path.write_bytes(text.encode("utf-8"))
        with (
            path.open("rb") as binary,
            path.open(encoding="utf-8", newline="\n") as raw,
        ):
            reads = [bloglist.from_jsonl(text), bloglist.from_jsonl(binary)]
            reads.append(bloglist.from_jsonl(raw))
        for listing in reads:
            assert [(post.title, post.lineno) for post in listing] == [
                (title, line + 1) for line, title in enumerate(titles)
            ]

    @pytest.mark.parametrize("cut", ["before", "after"])
    def test_a_piece_read_may_start_or_end_with_the_line_feed(self, cut: str) -> None:
        """A file whose reads cut the text at a record's line feed, before
        or after it, gives the records of the whole text: the line feed ends
        the record wherever the piece that holds it starts."""
        text = f"{self.RECORD}\n{self.RECORD.replace('T', 'U', 1)}\n".encode()
        at = len(self.RECORD) + (cut == "after")

        class Pieces(io.RawIOBase):
            def __init__(self, pieces: list[bytes]) -> None:
                self.pieces = pieces

            def readable(self) -> bool:
                return True

            def read(self, size: int = -1) -> bytes:
                return self.pieces.pop(0) if self.pieces else b""

        listing = bloglist.from_jsonl(Pieces([text[:at], text[at:]]))
        assert [(post.title, post.lineno) for post in listing] == [("T", 1), ("U", 2)]

    def test_a_lone_carriage_return_ends_no_record(self) -> None:
        """Two records on one line, with a CR between them: one line that
        holds more than a record, at the place the second starts."""
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(f"{self.RECORD}\r{self.RECORD}\r")
        assert (info.value.code, info.value.lineno) == ("invalid-json", 1)
        assert info.value.colno == len(self.RECORD) + 2


def parse_error(read: Any, text: Any) -> tuple[str, int, int, str]:
    """What *read* raises for *text*: its message, line, column and code."""
    with pytest.raises(bloglist.ParseError) as caught:
        read(text)
    error = caught.value
    return str(error), error.lineno, error.colno, error.code


# The seven keys of a record of the schema, with the values of Post(title="T").
RECORD_BODY = (
    '"title": "T", "date": null, "excerpt": "", "summary": "",'
    ' "truncated": false, "tags": [], "sticky": false'
)


class TestJsonReaders:
    @pytest.mark.parametrize(
        "line",
        ['{"title": ', '{"title": "abc', "[", '{"title": "x",', '{"title": "\\'],
    )
    def test_a_broken_line_ends_the_same_with_a_carriage_return(
        self, line: str
    ) -> None:
        """A line cut short is the same error (message, line and column)
        whether it ends with \\n or \\r\\n, in text and in binary lines."""
        expected = parse_error(bloglist.from_jsonl, f"{line}\n{{}}\n")
        assert expected[1] == 1 and expected[3] == "invalid-json"
        assert parse_error(bloglist.from_jsonl, f"{line}\r\n{{}}\r\n") == expected
        data = f"{line}\r\n{{}}\r\n".encode()
        assert parse_error(bloglist.from_jsonl, io.BytesIO(data)) == expected

    @pytest.mark.parametrize("read", [bloglist.from_json, bloglist.from_jsonl])
    def test_each_extra_key_is_named_in_the_order_of_the_record(
        self, read: Any
    ) -> None:
        """Of several keys outside the schema, each is named once, in a
        warning, in the order the record gives them."""
        record = f'{{"zeta": 1, {RECORD_BODY}, "beta": 2, "alpha": 3}}'
        text = f"[{record}]" if read is bloglist.from_json else record
        keys = [d.message.split("'")[1] for d in read(text).diagnostics]
        assert keys == ["zeta", "beta", "alpha"]


class TestByteOrderMark:
    def test_a_leading_byte_order_mark_is_ignored(self) -> None:
        """A file saved with a byte order mark reads as without, as a listing
        does; a mark anywhere else is an error."""
        posts = [Post(title="One"), Post(title="Two", tags=["x"])]
        expected = bloglist.Listing(posts)
        assert bloglist.from_json("\ufeff" + bloglist.to_json(posts)) == expected
        lines = bloglist.to_jsonl(posts)
        assert bloglist.from_jsonl("\ufeff" + lines) == expected
        assert bloglist.from_jsonl(io.BytesIO(lines.encode("utf-8-sig"))) == expected
        with pytest.raises(bloglist.ParseError, match="expected '\\['"):
            bloglist.from_json("\ufeff\ufeff[]")
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(lines + "\ufeff" + lines)
        assert info.value.lineno == 3

    @pytest.mark.parametrize(
        ("read", "text", "colno"),
        [
            (bloglist.from_json, " [x", 3),
            (bloglist.from_json, "x", 1),
            (bloglist.from_json, "[] x", 4),
            (bloglist.from_jsonl, " x", 2),
        ],
    )
    def test_columns_count_from_after_the_mark(
        self, read: Any, text: str, colno: int
    ) -> None:
        """An error on the first line has the column it has without the mark,
        as in a listing (found by fuzzing: from_json counted the mark)."""
        for source in (text, "\ufeff" + text):
            with pytest.raises(bloglist.ParseError) as info:
                read(source)
            assert (info.value.lineno, info.value.colno) == (1, colno)

    @pytest.mark.parametrize(
        ("codec", "named"),
        [
            ("utf-16-le", "UTF-16"),
            ("utf-16-be", "UTF-16"),
            ("utf-32-le", "UTF-32"),
            ("utf-32-be", "UTF-32"),
        ],
    )
    def test_utf16_or_utf32_after_its_mark_is_named(
        self, codec: str, named: str
    ) -> None:
        """JSON Lines saved as UTF-16 or UTF-32 (a Windows tool's) is refused
        by its mark, with the command that converts it, not as its first byte
        that is not UTF-8 with advice about Windows-1252; a second line in
        another encoding is that line's bad byte, as before."""
        record = bloglist.to_jsonl([Post(title="One")]).encode()
        data = ("\ufeff" + record.decode()).encode(codec)
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(io.BytesIO(data))
        assert (info.value.code, info.value.lineno, info.value.colno) == (
            "unsupported-encoding",
            1,
            1,
        )
        assert info.value.msg == (
            f"the bytes start with a {named} byte order mark; JSON Lines is UTF-8 "
            f"only: convert them first (iconv -f {named.lower()} -t utf-8)"
        )
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl(io.BytesIO(record + b"\xff\xfe\n"))
        assert (info.value.code, info.value.lineno) == ("invalid-utf8", 2)

    def test_a_bad_byte_after_the_mark_has_its_column_without_it(self) -> None:
        """In binary lines too: the column of a byte that is not UTF-8 on the
        first line counts from after a byte order mark."""
        for data in (b'{"title": "Caf\xe9"}\n', b'\xef\xbb\xbf{"title": "Caf\xe9"}\n'):
            with pytest.raises(bloglist.ParseError) as info:
                bloglist.from_jsonl(io.BytesIO(data))
            assert (info.value.code, info.value.lineno, info.value.colno) == (
                "invalid-utf8",
                1,
                15,
            )
        # Only the first line may start with the mark; on another it is text.
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.from_jsonl([json.dumps(record()).encode(), b"\xef\xbb\xbf\xe9"])
        assert (info.value.lineno, info.value.colno) == (2, 2)


class TestTheByteOfAUtf8Error:
    """``byte 0x.. is not valid UTF-8`` at the column of that byte: with
    ASCII before it (and no byte order mark), the column less one is the
    byte's offset in the line, so the byte named is ``line[colno - 1]``."""

    @pytest.mark.parametrize(
        "bad",
        [
            b"\xe2\x82",  # a three-byte sequence cut short at the line's end
            b"\xe2\x82x",  # ... and followed by no continuation byte
            b"\xf0\x9f\x98",  # a four-byte sequence cut short
            b"\xf0\x9f\x98 ",
            b"\xff",
            b"\x80",
        ],
    )
    @pytest.mark.parametrize("lineno", [1, 2])
    def test_the_byte_named_is_the_one_at_the_column(
        self, bad: bytes, lineno: int
    ) -> None:
        line = b'{"title": "' + bad + b'"}'
        first = json.dumps(_RECORD).encode()
        lines = [line] if lineno == 1 else [first, line]
        error = _error(bloglist.from_jsonl, lines)
        assert error.code == "invalid-utf8"
        assert error.lineno == lineno
        assert error.colno == len(b'{"title": "') + 1
        named = line[error.colno - 1]
        assert error.msg.startswith(f"byte 0x{named:02x} is not valid UTF-8; ")
        # Worded as for a listing, its hint to convert the text included.
        with pytest.raises(bloglist.ParseError) as as_listing:
            bloglist.load(io.BytesIO(line), strict=True)
        assert as_listing.value.code == "invalid-utf8"
        assert error.msg == as_listing.value.msg
        # The sequence starts where it is named: its first byte is no ASCII.
        assert named >= 0x80
        with pytest.raises(UnicodeDecodeError):
            line[: error.colno].decode("utf-8")


def _from_depth(frames: int, read: Any) -> object:
    """What *read* gives, called *frames* calls deep: its posts or its error."""
    if frames:
        return _from_depth(frames - 1, read)
    try:
        return list(read())
    except bloglist.ParseError as err:
        return (err.msg, err.lineno, err.colno, err.code)


class TestNesting:
    """Arrays and objects nested more than DEEPEST levels are refused by the
    readers' own limit, the same way wherever the reader is called from
    (Python 3.11's recursion limit counts the caller's frames: a fuzzer found
    988 nested arrays read as a syntax error from one call and as too deep
    from a call ten frames deeper)."""

    TOO_DEEP = "arrays or objects are nested too deeply to read"
    FOUND = "[" * 988 + "]" * 43 + "\n"  # the fuzzer's input, shortened

    @pytest.mark.parametrize("reader", [bloglist.from_json, bloglist.from_jsonl])
    @pytest.mark.parametrize("text", [FOUND, "[" * 500 + "]" * 500, "[" * 300 + "x"])
    def test_the_same_text_reads_the_same_from_any_depth(
        self, reader: Any, text: str
    ) -> None:
        outcomes = {
            repr(_from_depth(frames, lambda: reader(text)))
            for frames in (0, 5, 10, 50, 300, 600)
        }
        assert len(outcomes) == 1, outcomes
        assert self.TOO_DEEP in outcomes.pop()

    # docs/export.md: "arrays or objects nested more than 100 levels": the
    # number written out, so that the module's constant cannot move alone
    # (the tests that take DEEPEST from it move with it).
    DOCUMENTED = 100

    @pytest.mark.parametrize(
        ("levels", "expected"),
        [
            (DOCUMENTED, "posts[0]: a post is a JSON object, not an array"),
            (DOCUMENTED + 1, f"posts[0]: {TOO_DEEP}"),
        ],
    )
    def test_the_limit_is_the_documented_levels_of_a_record(
        self, levels: int, expected: str
    ) -> None:
        text = "[" + "[" * levels + "]" * levels + "]"
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_json(text)
        assert (caught.value.msg, caught.value.colno) == (expected, 2)
        line = "[" * levels + "]" * levels
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl(line)
        assert caught.value.msg.startswith(expected.removeprefix("posts[0]: "))

    @pytest.mark.parametrize(
        "after",
        [
            "x",  # a syntax error
            "NaN",  # a constant JSON has not
            "1" * 5000,  # a number past the digits limit
            "",  # the end of the text
        ],
    )
    def test_a_fault_past_the_limit_is_the_nesting(self, after: str) -> None:
        """Past DEEPEST levels, the nesting is the fault, whatever comes
        after it, as Python's own limit would say from a deep enough call."""
        deep = "[" * (DEEPEST + 1) + after
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl(deep)
        assert caught.value.msg.startswith(self.TOO_DEEP)
        assert (caught.value.colno, caught.value.code) == (1, "invalid-record")

    @pytest.mark.parametrize("reader", [bloglist.from_json, bloglist.from_jsonl])
    @pytest.mark.parametrize(
        "number",
        # The last three are no JSON past their digits, which the decoder
        # reads, and refuses, before it finds that.
        [
            "9" * 5000,
            "-" + "9" * 5000,
            "9" * 5000 + ".",
            "9" * 5000 + "e",
            "9" * 5000 + ".e5",
        ],
    )
    def test_a_fault_before_the_nesting_is_itself(
        self, reader: Any, number: str
    ) -> None:
        """A number past the digits limit, then a value past DEEPEST levels:
        the number is the first fault, and the one said, after numbers and
        strings that only look long."""
        deep = "[" * (DEEPEST + 1) + "]" * (DEEPEST + 1)
        before = f'"{"1" * 5000}", 1.{"1" * 5000}, 1{"0" * 5000}e1, 2'
        line = f'{{"a": [{before}], "b": {number}, "c": {deep}}}'
        with pytest.raises(bloglist.ParseError) as caught:
            reader(f"[{line}]" if reader is bloglist.from_json else line)
        assert caught.value.msg.endswith(
            "a number has too many digits to read (Python reads at most "
            f"{sys.get_int_max_str_digits()})"
        )
        assert caught.value.code == "invalid-record"

    @pytest.mark.parametrize("reader", [bloglist.from_json, bloglist.from_jsonl])
    @pytest.mark.parametrize(
        ("fault", "said", "column"),
        [
            ('{"title" 1', "Expecting ':' delimiter", 10),
            ('{"title": 1 x', "Expecting ',' delimiter", 13),
        ],
    )
    def test_a_syntax_error_before_the_nesting_is_itself(
        self, reader: Any, fault: str, said: str, column: int
    ) -> None:
        """JSON that is not JSON, then a value past DEEPEST levels later in
        the record: the syntax error is the first fault, and the one said
        at its place, not the depth after it."""
        deep = "[" * (DEEPEST + 20) + "]" * (DEEPEST + 20)
        line = f'{fault}, "b": {deep}}}'
        jsonl = reader is bloglist.from_jsonl
        with pytest.raises(bloglist.ParseError) as caught:
            reader(line if jsonl else f"[{line}]")
        assert caught.value.code == "invalid-json"
        assert caught.value.msg.startswith(said)
        assert caught.value.colno == column + (not jsonl)

    def test_a_record_past_the_limit_is_that_before_data_after_it(self) -> None:
        """JSON Lines: a record read whole but too deep, then more on its line."""
        levels = DEEPEST + 1
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl("[" * levels + "]" * levels + " x")
        assert caught.value.msg.startswith(self.TOO_DEEP)
        assert caught.value.colno == 1
        levels = DEEPEST
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl("[" * levels + "]" * levels + " x")
        assert caught.value.msg == "extra data after the record"

    def test_a_fault_before_the_limit_is_itself(self) -> None:
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_jsonl("[" * DEEPEST + "x")
        assert caught.value.msg.startswith("Expecting value")
        assert caught.value.colno == DEEPEST + 1

    def test_an_object_past_the_limit_is_said_so(self) -> None:
        deep = '{"a": ' * (DEEPEST + 1) + "1" + "}" * (DEEPEST + 1)
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_json(deep)
        assert caught.value.msg == (
            "posts are a JSON array, not an object; this one is nested too "
            "deeply to read"
        )
        shallow = '{"a": ' * DEEPEST + "1" + "}" * DEEPEST
        with pytest.raises(bloglist.ParseError) as caught:
            bloglist.from_json(shallow)
        assert caught.value.msg == "posts are a JSON array, not an object"

    def test_brackets_in_strings_are_text(self) -> None:
        """A long record whose strings hold many brackets reads: only the
        arrays and objects count."""
        post = Post(title="[" * 300, excerpt="{[" * 400, tags=["]" * 200, "[" * 200])
        assert list(bloglist.from_json(bloglist.to_json([post]))) == [post]
        assert list(bloglist.from_jsonl(bloglist.to_jsonl([post]))) == [post]


# The readers' nesting limit, as docs/export.md gives it, and a value
# nested one level past it.
DOCUMENTED_DEEPEST = 100
DEEP = "[" * (DOCUMENTED_DEEPEST + 1) + "]" * (DOCUMENTED_DEEPEST + 1)
TOO_DEEP = "arrays or objects are nested too deeply to read"


def _digits_error() -> str:
    return (
        "a number has too many digits to read (Python reads at most "
        f"{sys.get_int_max_str_digits()})"
    )


READERS = pytest.mark.parametrize(
    "reader", [bloglist.from_json, bloglist.from_jsonl], ids=["json", "jsonl"]
)


def _read(reader: Callable[[str], bloglist.Listing], record: str) -> None:
    reader(f"[{record}]" if reader is bloglist.from_json else record)


class TestTheFirstFaultOfARecord:
    """When a number past Python's digits limit and a value nested too
    deeply are in one record, the readers name the first of them: only an
    integer past the limit is such a number, not a long mantissa with an
    exponent, a long fraction, digits in a string or a long string, and
    the limit is the interpreter's as set."""

    @READERS
    @pytest.mark.parametrize(
        "decoy",
        [
            "1" + "0" * 5000 + "e1",  # a long mantissa, with an exponent
            "1" + "0" * 5000 + "E-1",
            "1." + "1" * 5000,  # a long fraction
            '"' + "1" * 5000 + '"',  # digits in a string
            '"' + "x" * 5000 + '"',  # a long string
            '"\\"' + "1" * 5000 + '"',  # digits after an escaped quote
        ],
        ids=["exponent", "negative-exponent", "fraction", "digits", "string", "escape"],
    )
    def test_what_only_looks_long_is_no_fault_before_the_nesting(
        self, reader: Any, decoy: str
    ) -> None:
        """A value that is no integer past the digits limit, then a value
        nested too deeply, then such an integer: the nesting is the first
        fault, and the one said."""
        record = f'{{"a": {decoy}, "c": {DEEP}, "b": {"9" * 5000}}}'
        with pytest.raises(bloglist.ParseError) as caught:
            _read(reader, record)
        assert caught.value.msg.endswith(TOO_DEEP), caught.value.msg

    @READERS
    @pytest.mark.parametrize(("more", "fault"), [(0, TOO_DEEP), (1, "digits")])
    def test_an_integer_is_a_fault_one_digit_past_the_limit(
        self, reader: Any, more: int, fault: str
    ) -> None:
        """An integer of exactly as many digits as Python reads is no fault
        (the nesting after it is the first); one digit more is the first."""
        limit = sys.get_int_max_str_digits()
        record = (
            f'{{"a": {"9" * (limit + more)}, "c": {DEEP}, "b": {"9" * (limit + 1)}}}'
        )
        with pytest.raises(bloglist.ParseError) as caught:
            _read(reader, record)
        expected = _digits_error() if fault == "digits" else fault
        assert caught.value.msg.endswith(expected), caught.value.msg

    @pytest.fixture
    def digits_limit(self) -> Iterator[int]:
        """The interpreter's digits limit, set to 1000 for the test."""
        before = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(1000)
        try:
            yield 1000
        finally:
            sys.set_int_max_str_digits(before)

    @READERS
    def test_the_limit_is_the_interpreters_as_set(
        self, reader: Any, digits_limit: int
    ) -> None:
        """A program that lowered Python's digits limit: an integer past it,
        then a value nested too deeply, is a fault of digits, and the message
        names the limit as set."""
        record = f'{{"b": {"9" * (digits_limit + 1)}, "c": {DEEP}}}'
        with pytest.raises(bloglist.ParseError) as caught:
            _read(reader, record)
        assert caught.value.msg.endswith(
            f"a number has too many digits to read (Python reads at most {digits_limit})"
        ), caught.value.msg


def test_brackets_in_a_string_cut_short_at_a_bad_escape_do_not_nest() -> None:
    """A string that a bad escape ends holds 150 brackets: they are text,
    and the error is the escape's, not nesting too deep."""
    text = '[{"title": "' + "[" * 150 + '\\x"}]'
    with pytest.raises(bloglist.ParseError, match=r"Invalid \\escape"):
        bloglist.from_json(text)


class TestMemory:
    """A record read again for its error (to find where it nests, or the
    constant or the number at fault) holds no state for each character of
    its strings: the patterns that skip a string took about 115 bytes a
    character, 150 times a file holding one long string, 1 GB for a title of
    10 MB whose record then held a wrong type."""

    @pytest.mark.parametrize(
        ("fault", "make"),
        [
            ("wrong type", lambda long: json.dumps([record(title=long, date=5)])),
            ("syntax", lambda long: f'[{{"title": "{long}",}}]'),
            ("NaN", lambda long: f'[{{"title": "{long}", "x": NaN}}]'),
            ("digits", lambda long: f'[{{"title": "{long}", "x": {"9" * 5000}}}]'),
            (
                "escapes",
                lambda long: json.dumps(
                    [record(title="\n" * (len(long) // 2), summary=None)]
                ),
            ),
        ],
    )
    @pytest.mark.parametrize("read", ["from_json", "from_jsonl"])
    def test_an_error_after_a_long_string_takes_little_memory(
        self, fault: str, make: Any, read: str
    ) -> None:
        text = make("x" * 1_000_000)
        if read == "from_jsonl":
            text = text.strip()[1:-1] + "\n"  # the array's one record, a line
        reader = getattr(bloglist, read)
        with pytest.raises(bloglist.ParseError, match="at line 1, column"):
            reader(make("x")[1:-1] if read == "from_jsonl" else make("x"))
        tracemalloc.start()
        try:
            with pytest.raises(bloglist.ParseError, match="at line 1, column"):
                reader(text)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 4 * len(text), fault


class TestMemoryOfAWholeFile:
    """docs/security.md: the readers hold the text and the posts they make,
    about one to two times the text beside it for a file of the library's
    own writing. ``from_jsonl`` of a str split it into a list of lines
    first, a second copy of the text: 2.7 times here, 3.8 times for the
    benchmark's listing of 100,000 posts."""

    @pytest.mark.parametrize("read", ["from_json", "from_jsonl"])
    def test_a_text_of_many_posts_takes_at_most_twice_its_size(self, read: str) -> None:
        start = datetime.date(2025, 1, 1)
        posts = [
            Post(
                title=f"Post number {i}",
                date=start + datetime.timedelta(days=i % 900),
                excerpt=f"What happened on day {i}, and why it matters. " * 2,
                tags=("Data", "Platform"),
            )
            for i in range(5_000)
        ]
        text = getattr(bloglist, "to_" + read.removeprefix("from_"))(posts)
        reader = getattr(bloglist, read)
        tracemalloc.start()
        try:
            listing = reader(text)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert list(listing) == posts
        assert peak < 2 * sys.getsizeof(text)


@given(st.text(alphabet="a\n\r\u2028 ", max_size=30))
def test_the_lines_of_a_text_are_those_split_at_newlines(text: str) -> None:
    """from_jsonl reads a str a line at a time, the lines ``str.split("\\n")``
    gives: only ``\\n`` ends a line, and the piece after the last is one."""
    from bloglist._read_json import _lines_of

    assert list(_lines_of(text)) == text.split("\n")


def test_a_summary_that_runs_on_past_the_excerpt_shows_the_excess() -> None:
    """A summary that is the excerpt and more: the message shows, on each
    side, the last few characters where they stop agreeing, so that the
    reader sees what the summary has too many (or too few) of."""
    records = json.loads(bloglist.to_json([bloglist.Post(title="T", excerpt="a" * 50)]))
    records[0]["summary"] = "a" * 60
    with pytest.raises(bloglist.ParseError) as info:
        bloglist.from_json(json.dumps(records))
    assert info.value.msg == (
        f"posts[0]: summary …{'a' * 20!r} is not what the excerpt gives, …{'a' * 10!r}"
    )
