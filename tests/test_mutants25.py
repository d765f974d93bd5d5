"""Behaviour a mutation run of ``_read_json.py`` and ``_write.py`` found
untested (101 mutants: 60 of the readers, 41 of the writer; 93 killed, 5
equivalent, 3 surviving every test file): a record that lacks a key of the
schema and holds one outside it (a misspelt key) named by the key it lacks;
the byte a binary line's UTF-8 error names being the one at its column,
when the decoder's bad run is longer than a byte (a sequence cut short);
and ``dump`` to an object whose ``write`` is there but not callable, refused
as one without a ``write()`` method rather than failing inside. (A fourth,
``dump_chunks`` checking tag lines without the known names it is given,
only ``test_cli.py`` kills, through ``--known-tag`` and ``--format
listing``.)

The equivalent five change no result any input can reach: in
``_read_json.py``, the line of an error counted up to and including the
character at its position (every position given is past JSON's whitespace,
so never a line feed); where the count of lines up to a record starts, one
past the record's first character (which is no line feed either); the
position of a record too deep to read taken as ``pos`` rather than
``start`` (``pos`` is not yet reassigned when the decoder raises, so the
two are equal). In ``_write.py``: the code point of a lone surrogate written
as ``U+{:X}`` rather than ``U+{:04X}`` (a surrogate, U+D800 to U+DFFF, has
four hex digits either way); a date written when ``post.date`` is truthy
rather than not ``None`` (a ``datetime.date`` is always truthy).
"""

from __future__ import annotations

import json

import pytest

import bloglist
from bloglist import Post

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
        assert error.msg == f"byte 0x{named:02x} is not valid UTF-8"
        # The sequence starts where it is named: its first byte is no ASCII.
        assert named >= 0x80
        with pytest.raises(UnicodeDecodeError):
            line[: error.colno].decode("utf-8")


class TestDumpToAWriteThatIsNoMethod:
    """``dump`` checks that ``fp.write`` is callable, so an object with a
    ``write`` attribute that is data gets the same TypeError as one with
    none, naming what dump takes, not ``'str' object is not callable``."""

    @pytest.mark.parametrize("write", ["out.txt", 3, None, b""])
    def test_it_is_refused_as_no_file(self, write: object) -> None:
        class Holder:
            pass

        holder = Holder()
        holder.write = write  # type: ignore[attr-defined]
        with pytest.raises(TypeError) as caught:
            bloglist.dump([Post(title="T", excerpt="E")], holder)  # type: ignore[call-overload]
        assert str(caught.value) == (
            "dump() takes a file object with a write() method, not Holder"
        )
