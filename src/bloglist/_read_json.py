"""JSON and JSON Lines -> posts: the library's own exports, read back.

The readers accept what :func:`~bloglist.to_json` and
:func:`~bloglist.to_jsonl` write: an object per post with the seven keys of
the schema, with ``summary`` and ``truncated`` equal to what the excerpt
implies (after a byte order mark, if a file has one). A key outside the
schema, which a later release may add, is ignored, and said in a warning
diagnostic (code ``unknown-key``). Anything else raises
:class:`~bloglist.ParseError` with the line and column of the fault (code
``invalid-json`` for text that is not JSON, ``invalid-record`` for JSON of
another shape: a value that is not a post, or a JSON text that is not an
array of them), as the listing parser does.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any, Final

from ._errors import (
    WHOLE_TEXT_A_NAME,
    ParseError,
    first_difference,
    is_iterable,
    mixup_hint,
    plural,
    quote,
    quote_from,
    refuse_closed,
    shown_int,
    type_name,
)
from ._export import FIELDS
from ._lines import BOM, escaped_bytes, escapes_bytes, other_bom, undecodable
from ._listing import Listing
from ._post import Diagnostic, Post
from ._readers import file_lines

__all__ = ["from_json", "from_jsonl"]

_SPACE: Final = re.compile(r"[ \t\n\r]*")
# JSON's whitespace inside one line of JSON Lines (its line feed ends it).
_JSON_SPACE: Final = " \t\r"
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEYS: Final = frozenset(FIELDS)


class _RecordError(Exception):
    """What is wrong with a record, without its place."""


class _TooDeepError(_RecordError):
    """A value nested more than :data:`DEEPEST` levels."""

    def __init__(self) -> None:
        super().__init__("arrays or objects are nested too deeply to read")


# How many levels of arrays and objects a value may nest: more is refused,
# whatever else is wrong with it. A record nests two (the object, its tags),
# in the array of to_json. Python's json module refuses a deep value by the
# interpreter's recursion limit, which on Python 3.11 counts the frames of
# the program that called the reader too: without a limit of its own, the
# same text read as a syntax error from one call and as too deep from a
# deeper one. This limit is met well before the interpreter's (1,000 frames
# by default), however deep the call.
DEEPEST: Final = 100
# A string (skipped: its brackets are text), or a bracket. Each string is
# matched as runs of plain characters between escapes, the repeats possessive:
# the alternation `(?:[^"\\]|\\.)*` kept about 115 bytes of state for each
# character of the string, 1 GB for a string of 10 MB in a record read again
# for its error.
_STRING: Final = r'"[^"\\]*+(?:\\.[^"\\]*+)*+'
_NESTING: Final = re.compile(_STRING + r'"?|[\[\]{}]')


class _ConstantError(Exception):
    """A NaN, Infinity or -Infinity: Python's json reads them, JSON has none."""


# A JSON string (skipped) or one of the constants Python's json reads.
_CONSTANT: Final = re.compile(_STRING + r'"|-?Infinity|NaN')
# A JSON string (skipped), or a number, its digits the first group if it is
# an integer (read by int(), which has a digits limit; a fraction or an
# exponent makes it a float, which has none). Digits followed by a "." or an
# "e" with no digit after it are an integer too: the decoder reads it (and
# refuses its digits) before it finds the fault that follows.
_INTEGER: Final = re.compile(
    _STRING + r'"|-?(\d+)(?!\d|\.\d|[eE][-+]?\d)'
    r"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
)


def _constant(name: str) -> object:
    raise _ConstantError(name)


class _Repeated(dict[str, Any]):
    """A JSON object that gives a key twice, and the first key it repeats.

    A record's is refused as such (:func:`_post`); one nested in a value of
    the schema's keys, where no object belongs, is refused as the value it
    stands in for (a tag that is no string), which is the fault a person can
    fix; one in the value of a key outside the schema is ignored with it,
    once its depth is measured: in every value given, *pairs*, those of the
    repeats that the dictionary keeps only the last of included.
    """

    __slots__ = ("key", "pairs")

    def __init__(self, pairs: list[tuple[str, Any]], key: str) -> None:
        super().__init__(pairs)
        self.key = key
        self.pairs = pairs


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:  # pragma: no branch  # a key repeats, so one is found
            if key in seen:
                return _Repeated(pairs, key)
            seen.add(key)
    return found


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)


def _decode(decoder: json.JSONDecoder, text: str, pos: int) -> tuple[Any, int]:
    """``decoder.raw_decode(text, pos)``, with the failures it lets through
    that are no JSONDecodeError (nesting past the interpreter's depth, an
    integer past its digits limit) as _RecordError: no post holds either,
    and NaN, Infinity and -Infinity, which are no JSON, as JSONDecodeError
    at the constant."""
    try:
        value, end = decoder.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        if _nested_past(text, pos, exc.pos):
            raise _TooDeepError from None
        raise
    except _ConstantError as exc:
        # Everything before the constant was JSON, so the first constant
        # outside a string is the one the decoder met.
        at = next(
            match.start()
            for match in _CONSTANT.finditer(text, pos)
            if match[0] == exc.args[0]
        )
        if _nested_past(text, pos, at):
            raise _TooDeepError from None
        raise json.JSONDecodeError(
            f"{exc.args[0]} is not JSON (JSON has no NaN or infinite numbers)",
            text,
            at,
        ) from None
    except RecursionError:
        raise _TooDeepError from None
    except ValueError:
        # The integer past the digits limit: everything before it was JSON,
        # so the first one outside a string is the one the decoder met.
        limit = sys.get_int_max_str_digits()
        at = next(
            (
                match.start()
                for match in _INTEGER.finditer(text, pos)
                if match[1] and len(match[1]) > limit
            ),
            len(text),
        )
        if _nested_past(text, pos, at):
            raise _TooDeepError from None
        raise _RecordError(
            "a number has too many digits to read (Python reads at most "
            f"{sys.get_int_max_str_digits()})"
        ) from None
    # A value read whole that nests deeper than DEEPEST is no post: the
    # reader finds it so, and asks _nested_past before it says why.
    return value, end


def _nested_past(text: str, pos: int, stop: int) -> bool:
    """Whether the JSON value at *pos* nests more than :data:`DEEPEST` levels
    before *stop* (or before it ends)."""
    depth = 0
    for match in _NESTING.finditer(text, pos, stop):
        char = match[0][0]
        if char in "[{":
            depth += 1
            if depth > DEEPEST:
                return True
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return False
    return False


def _kind(value: object) -> str:
    """What a decoded JSON value is, in JSON's words (the reader's, not
    Python's: ``null``, not ``NoneType``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _post(value: object, lineno: int) -> Post:
    """The post a record describes, or _RecordError saying why it is none."""
    if not isinstance(value, dict):
        raise _RecordError(f"a post is a JSON object, not {_kind(value)}")
    if type(value) is _Repeated:
        raise _RecordError(f"key {quote(value.key)} is given twice")
    if value.keys() != _KEYS:
        # Keys outside the schema are the caller's to note (_Unknown), once
        # the record is a post.
        for key in FIELDS:
            if key not in value:
                raise _RecordError(f"key {quote(key)} is missing")
    for key, kind in (("title", str), ("excerpt", str), ("summary", str)):
        if not isinstance(value[key], kind):
            raise _RecordError(f"{key} must be a string, not {_kind(value[key])}")
    for key in ("truncated", "sticky"):
        if not isinstance(value[key], bool):
            raise _RecordError(f"{key} must be true or false, not {_kind(value[key])}")
    tags = value["tags"]
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise _RecordError("tags must be an array of strings")
    date = _date(value["date"])
    # Every value was checked above, so the Post validators cannot fail.
    post = Post(
        title=value["title"],
        date=date,
        excerpt=value["excerpt"],
        tags=tags,
        sticky=value["sticky"],
        lineno=lineno,
    )
    given, summary = value["summary"], post.summary
    if given != summary:
        # Each shown where the two first differ, however far in.
        at = first_difference(given, summary)
        raise _RecordError(
            f"summary {quote_from(given, at)} is not what the excerpt gives, "
            f"{quote_from(summary, at)}"
        )
    if value["truncated"] != post.truncated:
        raise _RecordError(
            f"truncated is {_kind(value['truncated'])}, but the excerpt gives "
            f"{_kind(post.truncated)}"
        )
    return post


# How many keys outside the schema are named, each in a warning of its own:
# past them, the others are counted, in one more, so that a record of a
# million keys makes no million warnings.
MOST_KEYS: Final = 100


class _Unknown:
    """The keys outside the schema that the records read so far hold: each
    of the first :data:`MOST_KEYS` with the line and column of the first
    record that holds it and how many do; past them, how many times a record
    holds another, and where the first did."""

    __slots__ = ("first", "past", "past_key", "past_place")

    def __init__(self) -> None:
        self.first: dict[str, list[int]] = {}
        self.past = 0
        self.past_key = ""
        self.past_place = (0, 0)

    def note(self, record: dict[str, Any], lineno: int, colno: int) -> None:
        """Note the keys of *record*, a post's, at *lineno* and *colno*,
        called for a record of more keys than the schema's alone."""
        first = self.first
        for key in record:
            if key in _KEYS:
                continue
            found = first.get(key)
            if found is not None:
                found[2] += 1
            elif len(first) < MOST_KEYS:
                first[key] = [lineno, colno, 1]
            else:
                if not self.past:
                    self.past_key, self.past_place = key, (lineno, colno)
                self.past += 1

    def listing(self, posts: list[Post]) -> Listing:
        """*posts*, with a warning for each key noted, at its first record."""
        if not self.first:
            return Listing(posts)
        said = [
            (
                lineno,
                colno,
                f"key {quote(key)} is not in this release's schema: ignored"
                + (
                    f", here and in {plural(count - 1, 'more record')}"
                    if count > 1
                    else ""
                ),
            )
            for key, (lineno, colno, count) in self.first.items()
        ]
        if self.past:
            said.append(
                (
                    *self.past_place,
                    f"key {quote(self.past_key)} is not in this release's schema: "
                    f"ignored, as is every key outside it past the first "
                    f"{MOST_KEYS} named: {shown_int(self.past)} from here on, this "
                    "one included",
                )
            )
        # In the order of the records, the keys of one in its order.
        said.sort(key=lambda place: place[:2])
        return Listing(
            posts,
            diagnostics=[
                Diagnostic(
                    lineno=lineno,
                    colno=colno,
                    severity="warning",
                    code="unknown-key",
                    message=message,
                )
                for lineno, colno, message in said
            ],
        )


def _check_unknown(record: dict[str, Any]) -> None:
    """Raise _TooDeepError if a value of a key outside the schema in
    *record* nests past :data:`DEEPEST` levels, the record counted.

    A value of the schema that nests at all is refused by :func:`_post`, and
    only then is its depth measured; one of an unknown key is read whole and
    kept out of the post, so its depth is measured here, in the values read:
    otherwise the interpreter's limit, which depends on the caller's depth,
    would judge it (see DEEPEST).
    """
    for key, value in record.items():
        if key not in _KEYS and type(value) in (list, dict, _Repeated):
            level = [value]
            depth = 1  # the record's own object
            while level:
                depth += 1
                if depth > DEEPEST:
                    raise _TooDeepError
                level = [
                    child
                    for item in level
                    for child in _children(item)
                    if type(child) in (list, dict, _Repeated)
                ]


def _children(item: list[Any] | dict[str, Any]) -> Iterable[Any]:
    """The values in a decoded array or object: an object's that repeats a
    key, every value given (a repeat the dictionary drops may nest deepest)."""
    if isinstance(item, list):
        return item
    if isinstance(item, _Repeated):
        return [value for _, value in item.pairs]
    return item.values()


def _date(value: object) -> datetime.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _RecordError(f"date must be null or YYYY-MM-DD, not {_kind(value)}")
    if not _ISO_DATE.fullmatch(value):
        raise _RecordError(f"date must be null or YYYY-MM-DD, not {quote(value)}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _RecordError(f"date {quote(value)} is not a real day") from None


def _position(text: str, pos: int) -> tuple[int, int]:
    lineno = text.count("\n", 0, pos) + 1
    return lineno, pos - text.rfind("\n", 0, pos)


def _error(msg: str, text: str, pos: int, code: str) -> ParseError:
    lineno, colno = _position(text, pos)
    return ParseError(msg, lineno, colno, code=code)


def _syntax_error(exc: json.JSONDecodeError, lineno: int, colno: int) -> ParseError:
    """The invalid-json ParseError for *exc*, at *lineno* and *colno*.

    The json module's messages are made to be followed by the position ("...
    starting at: line 1 column 11 (char 10)"); ours follows in brackets, so
    the dangling "at" goes, and an invalid control character is named.
    """
    msg = exc.msg.removesuffix(" at")
    if msg.startswith("Invalid control character"):
        # The C scanner does not name it; the Python one does, before "at".
        msg = f"Invalid control character {exc.doc[exc.pos]!r} in a string"
    elif msg == "Unterminated string starting":
        msg = "Unterminated string: no closing quote after the one"
    elif exc.doc.startswith(BOM, exc.pos):
        msg += f": {_BOM_HERE}"
    return ParseError(msg, lineno, colno, code="invalid-json")


# What is said of a byte order mark found past the start: a second one, or
# one that a text joined from files carried along.
_BOM_HERE: Final = (
    "a byte order mark (U+FEFF) is here, which only the start of the text may hold"
)


# The json module's reader, but with integers left as text (an integer of
# more digits than int() takes is JSON all the same), and a JSON number: to
# find where a value ends that the reader's own checks stopped short of.
_PLAIN: Final = json.JSONDecoder(parse_int=str)
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _not_an_array(decoder: json.JSONDecoder, text: str, pos: int) -> ParseError:
    """The ParseError for *text*, which does not start with ``[`` at *pos*:
    ``invalid-record`` when it is JSON all the same (an object, a string,
    ``null``: JSON of the wrong shape), or an object nested too deeply to
    tell (said so), ``invalid-json`` when it is not JSON."""
    try:
        value, end = _decode(decoder, text, pos)
    except json.JSONDecodeError:
        end, kind = -1, ""
    except _TooDeepError:
        # Too deep to tell whether it is JSON at all (it may be cut off, or
        # have more after it): said as it is, as from_jsonl says a record too
        # deep to read.
        return _too_deep_object(text, pos)
    except _RecordError:
        # A number past the digits limit, alone or in an object; either way
        # not an array, if it is JSON to the end of the text. Where the value
        # ends is found without the reader's own checks: a number's digits,
        # or the object as the json module reads it (no deeper than DEEPEST:
        # _decode said so).
        if text[pos] == "{":
            kind = "an object"
            try:
                end = _PLAIN.raw_decode(text, pos)[1]
            except json.JSONDecodeError:
                end = -1
        else:
            kind = "a number"
            end = _NUMBER.match(text, pos).end()  # type: ignore[union-attr]
    else:
        if _nested_past(text, pos, end):
            return _too_deep_object(text, pos)
        kind = _kind(value)
    if end >= 0 and _SPACE.match(text, end).end() == len(text):  # type: ignore[union-attr]
        return _error(
            f"posts are a JSON array, not {kind}", text, pos, "invalid-record"
        )
    hint = (
        "; JSON Lines, a post's object a line, is read by from_jsonl()"
        if text.startswith("{", pos)
        else f"; {_BOM_HERE}"
        if text.startswith(BOM, pos)
        else ""
    )
    return _error(
        f"expected '[', the start of an array of posts{hint}", text, pos, "invalid-json"
    )


def _too_deep_object(text: str, pos: int) -> ParseError:
    return _error(
        "posts are a JSON array, not an object; this one is nested too deeply to read",
        text,
        pos,
        "invalid-record",
    )


def _array_hint(posts: list[Post], line: str, start: int) -> str:
    """What an error on the first record of JSON Lines adds when its line
    starts an array (to_json's text, most likely): which reader reads it."""
    if posts or not line.startswith("[", start):
        return ""
    return "; the text starts with '[', as a JSON array of posts does, which from_json() reads"


def from_json(text: str, /) -> Listing:
    """Read back the posts of :func:`to_json`: a JSON array of post objects.

    A byte order mark (U+FEFF) at the very start is ignored, as in a listing:
    columns on the first line count from after it. A key outside the schema
    (one a later release adds) is ignored too, and said in the listing's
    diagnostics: a warning with the code ``unknown-key`` at the first record
    that has it.

    Raises:
        ParseError: The text is not JSON (code ``invalid-json``), or it is
            JSON but not an array, or a value of the array is not a post of
            the schema, or arrays and objects nest more than 100 levels
            (code ``invalid-record``, whether or not the rest is JSON); the
            error has the line and column of the fault, or of the record.

    >>> import bloglist
    >>> posts = [bloglist.Post(title="One", excerpt="So it [...]", tags=["News"])]
    >>> bloglist.from_json(bloglist.to_json(posts)) == bloglist.Listing(posts)
    True
    >>> bloglist.from_json('[{"title": "One"}]')
    Traceback (most recent call last):
      ...
    bloglist.ParseError: posts[0]: key 'date' is missing (at line 1, column 2)
    >>> bloglist.from_json('{"title": "One"}')
    Traceback (most recent call last):
      ...
    bloglist.ParseError: posts are a JSON array, not an object (at line 1, column 1)
    """
    given: object = text  # checked for callers without a type checker
    if not isinstance(given, str):
        # Bytes saved with a UTF-16 or UTF-32 mark decode by that codec.
        named = (
            other_bom(bytes(given[:4]))
            if isinstance(given, bytes | bytearray)
            else None
        )
        codec = "" if named is None else repr(named.lower())
        hint = mixup_hint(
            given,
            f"decode it first: from_json(data.decode({codec}))",
            "read the file first: from_json(fp.read())",
            "it is a path: read the file first (with open(path, "
            "encoding='utf-8') as fp: bloglist.from_json(fp.read()))",
        )
        raise TypeError(f"from_json() takes a str, not {type_name(given)}{hint}")
    decoder = _decoder()
    # A leading byte order mark is no part of the text, as in a listing:
    # columns on the first line count from after it.
    text = text.removeprefix(BOM)
    pos = _SPACE.match(text).end()  # type: ignore[union-attr]  # matches ""
    if text[pos : pos + 1] != "[":
        error = _not_an_array(decoder, text, pos)
        hint = _file_name_hint(
            text,
            "open it and give its text (with open(name, encoding='utf-8') as fp: "
            "bloglist.from_json(fp.read()))",
        )
        if hint:
            error = ParseError(
                error.msg + hint, error.lineno, error.colno, code=error.code
            )
        raise error
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    posts: list[Post] = []
    unknown = _Unknown()
    # The line of the record read last, where that line starts and where the
    # record starts, so that each record's line is counted from the last
    # one's, not from the start of the text (which made reading quadratic in
    # the number of posts).
    line, line_start, counted = 1, 0, 0
    if text[pos : pos + 1] == "]":
        pos += 1
    else:
        while True:
            start = pos
            newlines = text.count("\n", counted, start)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", counted, start) + 1
            counted = start
            try:
                value, pos = _decode(decoder, text, pos)
            except json.JSONDecodeError as exc:
                raise _syntax_error(exc, exc.lineno, exc.colno) from None
            except _RecordError as exc:
                raise _error(
                    f"posts[{len(posts)}]: {exc}", text, start, "invalid-record"
                ) from None
            try:
                post = _post(value, line)
                if len(value) > len(_KEYS):
                    _check_unknown(value)
                    unknown.note(value, line, start - line_start + 1)
            except _RecordError as exc:
                problem = _TooDeepError() if _nested_past(text, start, pos) else exc
                raise _error(
                    f"posts[{len(posts)}]: {problem}", text, start, "invalid-record"
                ) from None
            posts.append(post)
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            separator = text[pos : pos + 1]
            if separator == "]":
                pos += 1
                break
            if separator != ",":
                raise _error("expected ',' or ']'", text, pos, "invalid-json")
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
    if pos != len(text):
        raise _error("extra data after the array", text, pos, "invalid-json")
    return unknown.listing(posts)


def _bytes_like(value: object) -> bool:
    """Whether *value* holds bytes in a buffer (an ``mmap``, an ``array``
    of bytes), as :class:`memoryview` reads them: a buffer of other items (a
    numpy array of lines) is not bytes."""
    try:
        with memoryview(value) as view:  # type: ignore[arg-type]
            # A byte order before the letter ("<c": ctypes) says nothing of one byte.
            return view.itemsize == 1 and view.format.lstrip("@=<>!") in ("B", "b", "c")
    except TypeError:
        return False


def from_jsonl(
    text_or_lines: str | Iterable[str | bytes | bytearray | memoryview], /
) -> Listing:
    """Read back the posts of :func:`to_jsonl`: one post object per line.

    Takes the whole text, or its lines (such as a file opened for reading,
    in text or binary mode): each a str, or bytes (``bytes``, ``bytearray``
    or ``memoryview``) decoded as UTF-8. Lines end with ``\\n``; within a line, carriage
    returns are JSON's whitespace, so ``\\r\\n`` ends one too. A readable
    file is read a piece at a time, as :func:`iterload` reads one, and split
    at its line feeds (a file opened in text mode with the default
    ``newline=None`` makes a lone carriage return one); a file that has no
    data yet is a TypeError, not the end, and so is the whole text as bytes
    or another buffer of bytes (an ``mmap``, a ctypes array): decode it
    first. A blank line
    is an error, except at the very end. A byte order
    mark (U+FEFF) at the start of the first line is ignored, as in a listing
    (columns count from after it, in binary lines too). A key outside the
    schema is ignored, with a warning, as by :func:`from_json`.

    Raises:
        ParseError: A line is not JSON (code ``invalid-json``), not UTF-8
            (``invalid-utf8``; ``unsupported-encoding`` for bytes that start
            with a UTF-16 or UTF-32 byte order mark), or not a post of the
            schema (``invalid-record``); the error has the line and column.

    >>> import io, bloglist
    >>> text = bloglist.to_jsonl([bloglist.Post(title="One"), bloglist.Post(title="Two")])
    >>> [post.title for post in bloglist.from_jsonl(io.StringIO(text))]
    ['One', 'Two']
    >>> bloglist.from_jsonl('{"title": "One", "date": "2025-02-30"}')
    Traceback (most recent call last):
      ...
    bloglist.ParseError: key 'excerpt' is missing (at line 1, column 1)
    """
    given: object = text_or_lines
    if isinstance(given, bytes | bytearray | memoryview) or _bytes_like(given):
        # An mmap, say, which iterates byte by byte: each byte no line.
        raise TypeError(
            f"from_jsonl() takes a str or lines, not {type_name(given)}; "
            "decode it first"
        )
    if not is_iterable(given):
        hint = mixup_hint(
            given,
            "",
            "",
            "it is a path: pass the open file (with open(path, 'rb') as fp: "
            "bloglist.from_jsonl(fp))",
        )
        raise TypeError(
            f"from_jsonl() takes a str or lines, not {type_name(given)}{hint}"
        )
    lines: Iterable[str | bytes | bytearray | memoryview]
    if isinstance(given, str):
        lines = _lines_of(given)
    else:
        # A closed file of any kind (a temporary file's wrapper too) is
        # refused at the call. A file is read as iterload reads one: a
        # non-blocking one's "no data yet" is an error, where its own lines
        # would end there.
        refuse_closed(given, "from_jsonl")
        read = file_lines(given, "from_jsonl")
        lines = text_or_lines if read is None else read
    if escapes_bytes(given) and lines is text_or_lines:
        # Standard input that makes a bad byte an escape: its lines as the
        # bytes they were read from, a bad byte refused where it is.
        lines = (
            escaped_bytes(line) if isinstance(line, str) else line for line in lines
        )
    decoder = _decoder()
    posts: list[Post] = []
    unknown = _Unknown()
    blank = 0  # the first blank line seen, allowed only if nothing follows
    for lineno, raw in enumerate(lines, 1):
        try:
            line = _line(raw, lineno)
        except ParseError:
            # Bytes that are not UTF-8 are no blank line: one seen before
            # them is the first fault.
            if blank:
                raise _blank_line(blank, posts) from None
            raise
        if lineno == 1 and line.startswith(BOM):
            # No part of the text, as in a listing; columns count from after it.
            line = line[1:]
        if line.endswith("\n"):
            line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
        if not line.strip(_JSON_SPACE):
            blank = blank or lineno
            continue
        if blank:
            raise _blank_line(blank, posts)
        start = len(line) - len(line.lstrip(_JSON_SPACE))
        try:
            value, end = _decode(decoder, line, start)
        except json.JSONDecodeError as exc:
            error = _syntax_error(exc, lineno, exc.colno)
            hint = _file_name_hint(
                given,
                "give it the open file (with open(name, 'rb') as fp: "
                "bloglist.from_jsonl(fp))",
            )
            raise ParseError(
                error.msg + (hint or _array_hint(posts, line, start)),
                error.lineno,
                error.colno,
                code=error.code,
            ) from None
        except _RecordError as exc:
            raise ParseError(
                str(exc) + _array_hint(posts, line, start),
                lineno,
                start + 1,
                code="invalid-record",
            ) from None
        rest = line[end:]
        if rest.strip(_JSON_SPACE) and _nested_past(line, start, end):
            raise ParseError(
                str(_TooDeepError()) + _array_hint(posts, line, start),
                lineno,
                start + 1,
                code="invalid-record",
            )
        if rest.strip(_JSON_SPACE):
            # At the first character that is not JSON's space, as json.loads
            # points at it.
            at = end + len(rest) - len(rest.lstrip(_JSON_SPACE)) + 1
            # A line given that holds two (lines read with another split, or
            # records joined): say so, as its "line" is no line of a file.
            held = "\n" in rest[: at - end]
            raise ParseError(
                "extra data after the record" + (_HELD_BREAK if held else ""),
                lineno,
                at,
                code="invalid-json",
            )
        try:
            post = _post(value, lineno)
            if len(value) > len(_KEYS):
                _check_unknown(value)
                unknown.note(value, lineno, start + 1)
        except _RecordError as exc:
            problem = _TooDeepError() if _nested_past(line, start, end) else exc
            raise ParseError(
                str(problem) + _array_hint(posts, line, start),
                lineno,
                start + 1,
                code="invalid-record",
            ) from None
        posts.append(post)
    return unknown.listing(posts)


# A JSON file's name, as from_json and from_jsonl tell a whole text that is
# one: no space, and a JSON file's suffix (no JSON value looks so).
_JSON_FILE_NAME: Final = re.compile(r"\S+\.(?:json|jsonl|ndjson)", re.IGNORECASE)
# Longer than any path a system takes (PATH_MAX is 4096 on Linux).
_LONGEST_NAME: Final = 4096


def _file_name_hint(given: object, call: str) -> str:
    """What an error adds when *given*, the whole text, is one line that
    looks like a JSON file's name (``from_json("posts.json")``): how to
    *call* for the file. (A long text is no name: not copied to be told.)"""
    if (
        isinstance(given, str)
        and len(given) <= _LONGEST_NAME
        and _JSON_FILE_NAME.fullmatch(given.strip())
    ):
        return f"{WHOLE_TEXT_A_NAME}{call}"
    return ""


# What the error of extra data adds when a line given holds a line break
# before it.
_HELD_BREAK: Final = (
    ", after a line break within the line given: give the text whole, or its"
    " lines one an item"
)


def _lines_of(text: str) -> Iterator[str]:
    """``text.split("\\n")``, one line at a time: the whole list of lines
    would be a second copy of the text beside it."""
    find = text.find
    start = 0
    end = find("\n")
    while end >= 0:
        yield text[start:end]
        start = end + 1
        end = find("\n", start)
    yield text[start:]


def _blank_line(lineno: int, posts: list[Post]) -> ParseError:
    """The error of a blank line at *lineno*, followed by a record, after *posts*."""
    where = "before the first record" if not posts else "between records"
    return ParseError(f"a blank line {where}", lineno, 1, code="invalid-json")


def _line(raw: object, lineno: int) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)  # a memoryview's bytes, whatever its format
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            head = data.removeprefix(b"\xef\xbb\xbf")  # ignored, as ever
            if lineno == 1 and (named := other_bom(head)) is not None:
                # Its first bytes, the mark, are what fails: say what they are.
                raise ParseError(
                    f"the bytes start with a {named} byte order mark; JSON Lines "
                    "is UTF-8 only: convert them first "
                    f"(iconv -f {named.lower()} -t utf-8)",
                    1,
                    1,
                    code="unsupported-encoding",
                ) from None
            before = data[: exc.start].decode("utf-8")
            if lineno == 1:  # columns count from after a byte order mark
                before = before.removeprefix(BOM)
            bad = data[exc.start : exc.end]
            raise undecodable(
                "utf-8", bad, lineno, len(before) + 1, exc, before.isascii()
            ) from None
    raise TypeError(f"line {lineno} must be a str or bytes, not {type_name(raw)}")
