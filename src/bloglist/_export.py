"""Posts -> JSON, JSON Lines, CSV and Atom: the formats other tools read.

Every writer returns a ``str`` that ends with a newline (but ``to_jsonl`` of
no posts, the empty string) and always encodes to
UTF-8: a character the target format cannot carry is written as U+FFFD
(REPLACEMENT CHARACTER) instead. For JSON and CSV those are the lone
surrogates a ``str`` may hold; for Atom, every character XML 1.0 forbids and
the C1 controls (U+0080 to U+009F) it discourages.

The ``write_*`` functions write the same text to a file as they go, a post at
a time, so that memory stays flat however many posts an iterable yields; the
``to_*`` functions are those writers run into a string.

JSON, JSON Lines and CSV share one schema, owned by :data:`FIELDS` (the
JSON writers and the CSV writer spell it out for speed, and the tests compare
both with ``json.dumps`` and the ``csv`` module). ``docs/export.md`` describes the formats and the decisions.
"""

from __future__ import annotations

import datetime
import json  # not json.encoder: see _encode_string
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, repeat, takewhile
from operator import attrgetter
from typing import Final, Protocol, SupportsIndex, TypeVar, cast

from ._errors import (
    check_bool,
    check_index,
    check_str,
    lacks_utcoffset,
    not_a,
    offset_problem,
    quote,
    quote_all,
    refuse_closed,
    refuse_path,
    shown_int,
    shown_time,
    takes_bytes,
    type_name,
)
from ._files import SupportsWrite
from ._post import (
    Post,
    PostRow,
    WriteError,
    checked_posts,
    iterable_posts,
    named,
    truncated_flags,
)
from ._post import summaries as summaries_of
from ._uuid import unique_id, uuid5_urn

# From json, never `from json.encoder import`: this module is imported on
# first use, maybe in one thread while another imports json, and importing the
# submodule first takes its import lock before json's, the other order, which
# CPython ends with a _DeadlockError in one of them.
_encode_string: Final = json.encoder.encode_basestring  # C, when built
_encode_ascii: Final = json.encoder.encode_basestring_ascii

__all__ = [
    "FIELDS",
    "CsvWriter",
    "JsonWriter",
    "atom_pieces",
    "check_iri",
    "check_lang",
    "check_tzinfo",
    "json_bytes",
    "stream_csv",
    "stream_json",
    "to_atom",
    "to_csv",
    "to_json",
    "to_jsonl",
    "write_csv",
    "write_json",
    "write_jsonl",
]


# The keys of a JSON object and the columns of a CSV row, in order: the schema.
FIELDS: Final = ("title", "date", "excerpt", "summary", "truncated", "tags", "sticky")

# What JSON text must not carry raw: the line breaks of str.splitlines() and
# of JavaScript before ES2019, which JSON leaves raw (escaped, a JSON Lines
# record stays on one line for every reader). Looked for once per chunk of
# text (_json_safe), which is far cheaper than translating every record.
# (Lone surrogates, which no UTF-8 encoder accepts, are replaced where the
# records are made, see _no_escape.)
_JSON_ESCAPES: Final = (
    ("\x85", "\\u0085"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)

# A str may hold surrogate code points, which no UTF-8 encoder accepts.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")

# Everything outside XML 1.0's Char production (C0 controls but tab, line feed
# and carriage return; surrogates; U+FFFE and U+FFFF), and the C1 controls it
# discourages, which feedparser reads as Windows-1252 ("\x85" as an ellipsis).
# Spelled as what is refused rather than as the complement of what XML takes:
# the same set, and a tenth of the time to compile (paid by every import).
_NOT_ATOM: Final = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\ud800-\udfff\ufffe\uffff]"
)

# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): one
# that starts with a sign, after any whitespace, control characters and
# format characters (which show nothing, and which a spreadsheet may drop),
# or with a control character (NUL, tab, carriage return, ...). The signs are
# = + - @ and every character that Unicode's compatibility folding (NFKC)
# turns into one, as some spreadsheets fold text: fullwidth, small,
# superscript and subscript forms. The controls are Unicode's (category Cc):
# C0, DEL and C1. The format characters are Unicode's category Cf, as of
# Unicode 15.1 (tests/test_export.py checks both lists against the running
# Python's unicodedata). The leading single quotes make cells that already
# look guarded gain one more, which keeps the guard reversible.
_SIGNS: Final = (
    "=+\\-@\u207a\u207c\u208a\u208c\u2a75\u2a76\ufb29"
    "\ufe62\ufe63\ufe66\ufe6b\uff0b\uff0d\uff1d\uff20"
)
_CONTROLS: Final = "\x00-\x1f\x7f-\x9f"
_FORMATS: Final = (
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_FORMULA: Final = re.compile(
    f"'*(?:[\\s{_CONTROLS}{_FORMATS}]*[{_SIGNS}]|[{_CONTROLS}])"
)

# Delimiters a CSV reader could not split back: the quote, line breaks (also
# those of str.splitlines()), NUL, and the guard's own quote.
_BAD_DELIMITERS: Final = frozenset("\"'\x00\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

# Text and attribute values of the Atom document. A raw carriage return would
# be read back as a line feed, and raw whitespace in an attribute as a space.
_TEXT_ENTITIES: Final = {"\r": "&#13;"}
_ATTR_ENTITIES: Final = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}

_ATOM_NS: Final = "http://www.w3.org/2005/Atom"

# An IRI (RFC 3987) in the loose sense feed readers need: a scheme of two or
# more characters (one letter is a Windows drive, "C:\feed"), then characters
# an IRI may hold: no whitespace (Unicode's, no-break and ideographic spaces
# among it), controls, or any of <>"{}|\^`; none of the bidirectional
# formatting characters RFC 3987 (4.1) forbids, which make a link display as
# another (nor the Arabic letter mark and the isolates Unicode added since);
# no noncharacter; and "%" only before two hex digits.
_NONCHARACTERS: Final = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_IRI_BODY: Final = (
    r"(?:[^\s\x00-\x20\x7f-\x9f<>\"{}|\\^`%\ud800-\udfff"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    f"{_NONCHARACTERS}]|%[0-9A-Fa-f]{{2}})"
)
# Possessive: a repeated group keeps state for each character it takes (a
# link of 5 MB took 570 MB to check), a possessive one none.
_ABSOLUTE_IRI: Final = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]+:{_IRI_BODY}++")
_IRI_REFERENCE: Final = re.compile(rf"{_IRI_BODY}++")

# A well-formed language tag (BCP 47, RFC 5646 section 2.1), case-insensitive.
_LANG: Final = re.compile(
    r"""
    (?:
      (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})  # language, with extlangs
      (?:-[a-z]{4})?                              # script
      (?:-(?:[a-z]{2}|[0-9]{3}))?                 # region
      (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*    # variants
      (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*        # extensions
      (?:-x(?:-[a-z0-9]{1,8})+)?                  # private use
    | x(?:-[a-z0-9]{1,8})+                        # private use only
    | en-gb-oed | i-ami | i-bnn | i-default | i-enochian | i-hak | i-klingon
    | i-lux | i-mingo | i-navajo | i-pwn | i-tao | i-tay | i-tsu | sgn-be-fr
    | sgn-be-nl | sgn-ch-de                       # irregular grandfathered
    )
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
# The feed's updated when no post has a date: one instant, in every timezone.
_EPOCH: Final = "1970-01-01T00:00:00Z"
_MINUTE: Final = datetime.timedelta(minutes=1)
# The widest offset xsd:dateTime allows, which Atom's timestamps are.
_WIDEST: Final = datetime.timedelta(hours=14)


def check_iri(value: object, what: str, /, *, absolute: bool = True) -> str:
    """*value* if it is an (absolute) IRI, else TypeError or ValueError naming *what*."""
    value = check_str(value, what)
    pattern = _ABSOLUTE_IRI if absolute else _IRI_REFERENCE
    if not pattern.fullmatch(value):
        kind = "an absolute IRI" if absolute else "an IRI"
        raise ValueError(f"{what} {quote(value)} is not {kind}")
    return value


def check_lang(value: object, what: str, /) -> str:
    """*value* if it is a well-formed BCP 47 language tag, else an error naming *what*."""
    text = check_str(value, what)
    if not _LANG.fullmatch(text):
        raise ValueError(
            f"{what} {quote(text)} is not a BCP 47 language tag such as 'en' or 'en-US'"
        )
    return text


def _posts(posts: Iterable[object]) -> Iterator[tuple[int, Post]]:
    """*posts* with their index, or TypeError naming the first that is not a
    Post; TypeError at once when *posts* is not iterable."""
    return _indexed(iterable_posts(posts))


def _indexed(posts: Iterable[object]) -> Iterator[tuple[int, Post]]:
    for index, post in enumerate(posts):
        if not isinstance(post, Post):
            raise not_a("Post", "posts", index, post)
        yield index, post


def _text_file(file: object, name: str, newline: str = "") -> None:
    """TypeError unless *file* looks like a text file that *name* can write to
    (opened with *newline*, such as ``, newline=""``, when it is a path): a
    file that takes bytes, by the test :func:`dump` makes, is refused."""
    refuse_path(
        file, name, f'open(path, "w", encoding="utf-8"{newline})', f"{name}(posts, fp)"
    )
    refuse_closed(file, name, writing=True)
    if takes_bytes(file):
        raise TypeError(
            f"{name}() writes text, not bytes: open the file in text mode"
            f' (open(path, "w", encoding="utf-8"{newline}))'
        )
    if not callable(getattr(file, "write", None)):
        raise TypeError(
            f"{name}() takes a text file with a write() method, not {type_name(file)}"
        )


def check_tzinfo(value: object, what: str, /) -> datetime.tzinfo:
    """*value* if it is a :class:`datetime.tzinfo` that implements
    ``utcoffset()``, else TypeError naming *what*."""
    if not isinstance(value, datetime.tzinfo):
        raise TypeError(
            f"{what} must be a datetime.tzinfo, such as datetime.UTC or"
            f" zoneinfo.ZoneInfo('Europe/Paris'), not {type_name(value)}"
        )
    if lacks_utcoffset(value):
        # A bare datetime.tzinfo(): NotImplementedError at its first use.
        raise TypeError(
            f"{what} must be a datetime.tzinfo that gives a UTC offset, such as"
            " datetime.UTC or zoneinfo.ZoneInfo('Europe/Paris'), not a"
            f" {type_name(value)} that does not implement utcoffset()"
        )
    return value


def _check_callable(value: object, name: str) -> None:
    if value is not None and not callable(value):
        raise TypeError(
            f"{name} must be a function of a post, or None, not {type_name(value)}"
        )


def _json_safe(text: str) -> str:
    """JSON text from the record writers with the line breaks JSON leaves raw
    escaped. Outside strings JSON text is ASCII, so this replaces only string
    content; three substring tests are several times faster than a regular
    expression. (The record writers leave out lone surrogates themselves.)"""
    # Replaces, not str.translate: translating with a dict takes a lookup
    # per character, about 17 times as long as the three replaces.
    for raw, escaped in _JSON_ESCAPES:
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def _utf8_safe(text: str) -> str:
    """*text* with its lone surrogates, if any, replaced by U+FFFD."""
    if text.isascii() or _encodes(text):  # far faster than the regex search
        return text
    return _SURROGATE.sub("\ufffd", text)


def _encodes(text: str) -> bool:
    """Whether *text* holds no surrogate, that is, whether UTF-8 can encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Posts share their dates and their tags (the parser gives equal tag lines
# the same tuple): the writers remember how each was written, up to about
# this many, and start over when full, so memory stays bounded on a stream.
_MEMO: Final = 1 << 14
# The longest text remembered: a real post's tags are written in far fewer
# characters. A longer one (a tag line of a megabyte, split into half a
# million names) is made again when met again: remembered, 16,384 of them
# held gigabytes.
_MEMO_TEXT: Final = 1 << 10

_K = TypeVar("_K")


class _Memo(dict[_K, str]):
    """The texts of keys, each made by *make* on first use (a C-speed lookup
    after that), but those longer than :data:`_MEMO_TEXT`; :meth:`trim`
    starts over from *first* past :data:`_MEMO`."""

    __slots__ = ("_first", "_make")

    def __init__(self, make: Callable[[_K], str], first: dict[_K, str]) -> None:
        super().__init__(first)
        self._make = make
        self._first = first

    def __missing__(self, key: _K) -> str:
        text = self._make(key)
        if len(text) <= _MEMO_TEXT:
            self[key] = text
        return text

    def trim(self) -> None:
        if len(self) > _MEMO:
            self.clear()
            self.update(self._first)


_title = attrgetter("title")
_date = attrgetter("date")
_excerpt = attrgetter("excerpt")
_tags = attrgetter("tags")
_sticky = attrgetter("sticky")

# The pieces of one JSON object: four constant runs between the title, the
# date, the excerpt and the summary, then the truncated flag with the run
# after it, the tags, and the sticky flag with the end of the object.
_PIECES: Final = 11


def _record_writer(
    indent: int | None, start: str = "", end: str = ""
) -> Callable[[list[Post]], list[str]]:
    """A function from a list of posts to the pieces of their JSON objects:
    :func:`_record_maker`'s, given the fields of the posts."""
    records = _record_maker(indent, start, end)

    def write(posts: list[Post]) -> list[str]:
        return records(*_columns(posts))

    return write


def _columns(
    posts: list[Post],
) -> tuple[
    list[str],
    Iterator[datetime.date | None],
    list[str],
    Iterator[tuple[str, ...]],
    Iterator[bool],
]:
    """The fields of *posts* as the columns :func:`_record_maker`'s function
    takes, each read for the whole list by ``map``."""
    return (
        list(map(_title, posts)),
        map(_date, posts),
        list(map(_excerpt, posts)),
        map(_tags, posts),
        map(_sticky, posts),
    )


def _punctuation(indent: int | None) -> tuple[str, str, str, str]:
    """What opens a JSON record written with *indent* up to its first key's
    opening quote, what follows a key's closing quote up to its value, what
    follows a value up to the next key's opening quote, and what closes the
    record, as ``json.dumps`` writes them."""
    if indent is None:
        return '{"', '":', ',"', "}"
    pad2 = "\n" + " " * (2 * indent)
    return "{" + pad2 + '"', '": ', "," + pad2 + '"', "\n" + " " * indent + "}"


def _json_values(values: Sequence[str | None]) -> list[str]:
    """*values* as JSON, safe (see :func:`_json_safe`): strings, or None for
    null. A C call for each string, and a second look only at a list of
    them that is not all ASCII."""
    if None in values:
        texts = ["null" if value is None else _encode_string(value) for value in values]
    else:
        texts = list(map(_encode_string, cast("Sequence[str]", values)))
    if not "".join(texts).isascii():
        texts = [_json_safe(_utf8_safe(text)) for text in texts]
    return texts


def _more_json(
    keys: tuple[str, ...], indent: int | None, end: str
) -> Callable[[list[str], Sequence[Sequence[str | None]]], None]:
    """A function that adds to the records of a list of pieces
    (:func:`_record_maker`'s, written with *indent*, each ending with its
    close and *end*) the values of *keys* given for each record, after the
    schema's: strings, or None for null. The keys must be safe in JSON as
    they are.

    Each record's last piece (its sticky flag and close) is made anew, from
    the piece without its close, a run and a value for each key, and the
    close: a C loop over the records for each step, as _record_maker's.
    """
    _, key, sep, last = _punctuation(indent)
    tail = last + end
    cut = len(tail)
    starts = [f"{sep}{name}{key}" for name in keys]
    # The last piece of a record (its sticky flag), without the close.
    opened: _Memo[str] = _Memo(lambda piece: piece[: len(piece) - cut], {})

    def add(pieces: list[str], more: Sequence[Sequence[str | None]]) -> None:
        count = len(more)
        columns: list[Iterable[str]] = [
            map(opened.__getitem__, pieces[_PIECES - 1 :: _PIECES])
        ]
        for start, values in zip(starts, zip(*more, strict=True), strict=True):
            columns += (repeat(start, count), _json_values(values))
        columns.append(repeat(tail, count))
        pieces[_PIECES - 1 :: _PIECES] = map("".join, zip(*columns, strict=True))

    return add


def _record_maker(indent: int | None, start: str = "", end: str = "") -> _Records:
    """A function from the fields of a list of posts to the pieces of their
    JSON objects, each object as ``json.dumps(_record(post))`` writes it with
    *indent* (as an element of the top-level array), between *start* and
    *end*, and safe (:func:`_json_safe`): the line breaks JSON leaves raw are
    escaped, lone surrogates written as U+FFFD.

    Written out by hand because the record's shape is fixed, and a list of
    posts at a time, given as a column of each field (the posts' titles,
    dates, excerpts, tags and sticky flags: see :class:`_Records`): each
    column is looked up or tested whole by ``map`` (C loops, with no Python
    call per post but for the summaries of truncated posts), and the pieces
    are laid out in one list by slice assignment, for the caller to join:
    once for a whole text, so that it is copied once. Most text needs no
    escape in JSON: a list of titles or excerpts is looked through once, and
    only when one of them holds a quote, a backslash, a control character or
    a line break JSON leaves raw is it escaped, one text at a time. Several
    times faster than ``json.dumps``, whose C encoder does not indent, and
    than a Python function per post.
    """
    first, key, sep, last = _punctuation(indent)
    if indent is None:
        tags_open, tags_sep, tags_close = "[", ",", "]"
    else:
        pad2 = "\n" + " " * (2 * indent)
        pad3 = "\n" + " " * (3 * indent)
        tags_open, tags_sep, tags_close = "[" + pad3, "," + pad3, pad2 + "]"
    # The constant runs between the values, with the quotes of the strings.
    head = f'{start}{first}title{key}"'
    date_key = f'"{sep}date{key}'
    excerpt_key = f'{sep}excerpt{key}"'
    summary_key = f'"{sep}summary{key}"'
    truncated = (
        f'"{sep}truncated{key}false{sep}tags{key}',
        f'"{sep}truncated{key}true{sep}tags{key}',
    )
    sticky = (f"{sep}sticky{key}false{last}{end}", f"{sep}sticky{key}true{last}{end}")
    dates: _Memo[datetime.date | None] = _Memo(
        lambda date: f'"{date.isoformat()}"',  # type: ignore[union-attr]
        {None: "null"},
    )
    string = _encode_string
    tag_lists: _Memo[tuple[str, ...]] = _Memo(
        lambda tags: _json_safe(
            _utf8_safe(tags_open + tags_sep.join(map(string, tags)) + tags_close)
        ),
        {(): "[]"},
    )
    width = _PIECES
    plain = _no_escape

    def write(
        titles: Sequence[str],
        dates_of: Iterable[datetime.date | None],
        excerpts: Sequence[str],
        tags_of: Iterable[tuple[str, ...]],
        sticky_of: Iterable[bool],
    ) -> list[str]:
        count = len(titles)
        cut = truncated_flags(excerpts)
        summaries = summaries_of(excerpts, cut)
        if not plain("".join(titles)):
            titles = list(map(_inside, titles))
        # A summary is the start of its excerpt: plain when the excerpts are.
        if not plain("".join(excerpts)):
            excerpts = list(map(_inside, excerpts))
            summaries = list(map(_inside, summaries))
        pieces = [head] * (width * count)
        pieces[1::width] = titles
        pieces[2::width] = repeat(date_key, count)
        pieces[3::width] = map(dates.__getitem__, dates_of)
        pieces[4::width] = repeat(excerpt_key, count)
        pieces[5::width] = excerpts
        pieces[6::width] = repeat(summary_key, count)
        pieces[7::width] = summaries
        pieces[8::width] = map(truncated.__getitem__, cut)
        pieces[9::width] = map(tag_lists.__getitem__, tags_of)
        pieces[10::width] = map(sticky.__getitem__, sticky_of)
        dates.trim()
        tag_lists.trim()
        return pieces

    return write


class _Records(Protocol):
    """The function :func:`_record_maker` makes: the pieces of the JSON
    objects of posts, from a column of each of their fields (sequences of
    the same length; the dates, tags and sticky flags may be iterators)."""

    def __call__(
        self,
        titles: Sequence[str],
        dates_of: Iterable[datetime.date | None],
        excerpts: Sequence[str],
        tags_of: Iterable[tuple[str, ...]],
        sticky_of: Iterable[bool],
        /,
    ) -> list[str]: ...


def _no_escape(text: str) -> bool:
    """Whether *text* is the inside of a JSON string as it is: it holds no
    quote, backslash or control character (what encode_basestring escapes),
    and no lone surrogate (which UTF-8 cannot carry).

    Asked of a whole batch's titles or excerpts at once. The encode fails on
    a surrogate; the other characters are single bytes in UTF-8 that no
    other character's bytes hold, so deleting them from the encoded text
    shortens it if and only if there are any. Nor a line break that JSON
    leaves raw (U+0085, U+2028, U+2029: _JSON_ESCAPES), looked for in the
    text itself: a search for one character, in C, was five (Cyrillic) to
    two hundred (French) times quicker than one for its bytes in the
    encoded text. C passes, two to three times faster than ``encode_basestring``
    itself, a regular expression or ``str.isprintable`` (which is also false
    for a no-break space).
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(data.translate(None, _ESCAPED)) == len(data) and not any(
        map(text.__contains__, _RAW_BREAKS)
    )


_ESCAPED: Final = bytes(range(0x20)) + b'"\\'
# The line breaks JSON leaves raw (_JSON_ESCAPES).
_RAW_BREAKS: Final = tuple(raw for raw, _ in _JSON_ESCAPES)


def _inside(text: str) -> str:
    """*text* as the inside of a JSON string: escaped, the line breaks JSON
    leaves raw too, lone surrogates as U+FFFD."""
    return _json_safe(_utf8_safe(_encode_string(text)[1:-1]))


# The library's writers write a batch of records at a time: one check of the
# text and one write per batch rather than per post.
_BATCH: Final = 512


def json_bytes(text: str) -> bytes:
    """JSON text as UTF-8, with the line breaks JSON leaves raw escaped (see
    _JSON_ESCAPES): ``_json_safe``, then one encode; for the command's JSON
    made by ``json.dumps``, which leaves them (the record writers' is safe as
    made). Lone surrogates are written as U+FFFD."""
    text = _json_safe(text)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


class JsonWriter:
    """Writes posts to a text file as a JSON array or as JSON Lines, a list of
    posts at a time: the text of :func:`to_json` (with *indent*) or, with
    *lines*, of :func:`to_jsonl`. Call :meth:`close` after the last list.

    The text is safe as it is made (see :func:`_record_maker`): no line
    break JSON leaves raw, no lone surrogate.
    """

    def __init__(
        self,
        file: SupportsWrite,
        *,
        indent: SupportsIndex | None = 2,
        lines: bool = False,
        more_keys: tuple[str, ...] = (),
    ) -> None:
        checked = None if lines else _check_indent(indent)
        end = "\n" if lines else ""
        if lines:
            self._opening, self._separator, self._closing = "", "", ""
            self._empty = ""
            self._records = _record_maker(None, end=end)
        else:
            self._opening, self._separator, self._closing = _json_parts(checked)
            self._empty = "[]\n"
            self._records = _record_maker(checked, start=self._separator)
        # The keys after the schema's, whose values write() is given.
        self._more = _more_json(more_keys, checked, end) if more_keys else None
        self._file = file
        self._first = True

    def write(
        self, posts: list[Post], more: Sequence[Sequence[str | None]] | None = None
    ) -> None:
        """Write *posts*, which must all be Post objects (not checked).

        *more* holds, for each post, the values of the keys after the
        schema's (``more_keys``): strings, or None for null. It must be
        given when there are such keys.
        """
        if posts:
            pieces = self._records(*_columns(posts))
            if self._more is not None:
                assert more is not None  # the caller's promise
                self._more(pieces, more)
            self._write(pieces)

    def write_rows(self, rows: list[PostRow]) -> None:
        """Write the posts whose fields are *rows* (in the order of
        :func:`~bloglist._post.make_post`'s parameters), as :meth:`write` writes them:
        what the command streams, which never makes the posts themselves."""
        assert self._more is None  # the command writes no more keys from rows
        if rows:
            titles, dates, excerpts, tags, sticky, _ = zip(*rows, strict=True)
            self._write(self._records(titles, dates, excerpts, tags, sticky))

    def _write(self, pieces: list[str]) -> None:
        if self._first:
            # Every record comes after a separator; the first one's is the opening.
            pieces[0] = self._opening + pieces[0][len(self._separator) :]
            self._first = False
        self._file.write("".join(pieces))

    def close(self) -> None:
        """Write the end of the array: ``[]`` if no post was written."""
        self._file.write(self._empty if self._first else self._closing)


def _write_batches(
    posts: Iterable[object],
    write: Callable[[list[Post]], object],
    batch_size: int = _BATCH,
) -> None:
    """Hand *posts* to *write* in lists of *batch_size*.

    TypeError at once when *posts* is not iterable, and naming the first item
    that is not a Post. Whatever stops the posts (that TypeError, or an error
    the iterable raises, such as the ParseError of a strict ``iterload``),
    the posts read before it are written first, as the CSV writer writes
    the rows before a post it cannot write.
    """
    found = iter(iterable_posts(posts))
    if batch_size < 1:
        raise ValueError(f"batch_size must be 1 or more, not {shown_int(batch_size)}")
    done = 0
    while True:
        batch: list[object] = []
        stopped: BaseException | None = None
        try:
            # extend() keeps the items it took when the iterator raises.
            batch.extend(islice(found, batch_size))
        except BaseException as exc:  # written after the posts read before it
            stopped = exc
        if stopped is None and set(map(type, batch)) <= _ONLY_POST:
            if not batch:
                return
            write(batch)  # type: ignore[arg-type]  # each item is a Post
            done += len(batch)
            continue
        # The posts before the first item that is not one (Post subclasses).
        read: list[Post] = list(takewhile(_is_post, batch))  # type: ignore[arg-type]
        if stopped is not None and not isinstance(stopped, Exception):
            # Ctrl-C stays Ctrl-C, whatever writing the posts before it raises.
            try:
                if read:
                    write(read)
            finally:
                raise stopped  # it wins over an error of the write
        if read:
            write(read)
        if len(read) < len(batch):
            # The first item that is not a Post, before the error that
            # stopped the items after it (not raised while that is handled:
            # a traceback shows the one error).
            raise not_a("Post", "posts", done + len(read), batch[len(read)])
        if stopped is not None:
            raise stopped
        done += len(read)


def _is_post(item: object) -> bool:
    return isinstance(item, Post)


_ONLY_POST: Final = frozenset([Post])


def write_jsonl(posts: Iterable[Post], file: SupportsWrite, /) -> None:
    """Write posts to a text file as JSON Lines, as they come.

    The text is that of :func:`to_jsonl`; *posts* may be any iterable, such
    as the posts of :func:`iterload`, and is read once, a batch of posts at a
    time, so memory stays flat.

    >>> import io, bloglist
    >>> out = io.StringIO()
    >>> bloglist.write_jsonl(iter([bloglist.Post(title="One")]), out)
    >>> print(out.getvalue(), end="")
    {"title":"One","date":null,"excerpt":"","summary":"","truncated":false,"tags":[],"sticky":false}
    """
    _text_file(file, "write_jsonl")
    writer = JsonWriter(file, lines=True)
    _write_batches(posts, writer.write)
    # Writes nothing, as JSON Lines has no end; but a file closed before any
    # post raises, as write_json and write_csv's do.
    writer.close()


def to_jsonl(posts: Iterable[Post], /) -> str:
    """Write posts as JSON Lines: one compact JSON object per line.

    The objects are those of :func:`to_json`. Each line ends with ``\\n``;
    no posts give the empty string. U+0085, U+2028 and U+2029 are escaped, so
    that every reader sees one record per line.

    >>> import bloglist
    >>> posts = [bloglist.Post(title="One"), bloglist.Post(title="Two", sticky=True)]
    >>> print(bloglist.to_jsonl(posts), end="")
    {"title":"One","date":null,"excerpt":"","summary":"","truncated":false,"tags":[],"sticky":false}
    {"title":"Two","date":null,"excerpt":"","summary":"","truncated":false,"tags":[],"sticky":true}
    """
    found = checked_posts(posts)
    return "".join(_pieces(found, _record_writer(None, end="\n")))


def _pieces(posts: list[Post], encode: Callable[[list[Post]], list[str]]) -> list[str]:
    """The pieces of the records of *posts*, made a batch at a time, for one
    join: the text is copied once (joined a batch at a time, then the
    batches, it was copied twice, a third of the time of to_jsonl with an
    emoji in the text, which makes it four bytes a character)."""
    found: list[str] = []
    for i in range(0, len(posts), _BATCH):
        found += encode(posts[i : i + _BATCH])
    return found


def write_json(
    posts: Iterable[Post],
    file: SupportsWrite,
    /,
    *,
    indent: SupportsIndex | None = 2,
) -> None:
    """Write posts to a text file as a JSON array, as they come.

    The text is that of :func:`to_json` with the same *indent*; *posts* may
    be any iterable and is read once, a batch of posts at a time.

    >>> import io, bloglist
    >>> out = io.StringIO()
    >>> bloglist.write_json(iter([bloglist.Post(title="One")]), out, indent=None)
    >>> print(out.getvalue(), end="")
    [{"title":"One","date":null,"excerpt":"","summary":"","truncated":false,"tags":[],"sticky":false}]
    """
    _text_file(file, "write_json")
    stream_json(posts, file, indent=indent)


def stream_json(
    posts: Iterable[Post],
    file: SupportsWrite,
    /,
    *,
    indent: SupportsIndex | None = 2,
    batch_size: int = _BATCH,
) -> None:
    """:func:`write_json`, with one write per *batch_size* posts."""
    writer = JsonWriter(file, indent=indent)
    # What stops the posts leaves the array open: a cut output never reads
    # as a whole one.
    _write_batches(posts, writer.write, batch_size)
    writer.close()


def _check_indent(indent: SupportsIndex | None) -> int | None:
    """*indent* as an int (or None), if a JSON text can be written with it."""
    if indent is None:
        return None
    indent = check_index(indent, "indent")
    if indent < 0:  # json.dumps takes it for 0: refused, as it says nothing
        raise ValueError(f"indent must be 0 or more, not {shown_int(indent)}")
    try:
        # The deepest line (a tag, three levels in) must fit in memory.
        _ = " " * (3 * indent)
    except (OverflowError, MemoryError):
        raise ValueError(
            f"indent {shown_int(indent)} is too large: one line's spaces do not fit in memory"
        ) from None
    return indent


def _json_parts(indent: int | None) -> tuple[str, str, str]:
    """The opening, separator and closing of a JSON array with *indent*,
    checked (:func:`_check_indent`)."""
    if indent is None:
        return "[", ",", "]\n"
    pad = "\n" + " " * indent
    return "[" + pad, "," + pad, "\n]\n"


def to_json(posts: Iterable[Post], /, *, indent: SupportsIndex | None = 2) -> str:
    """Write posts as a JSON array with one object per post.

    Each object has the keys ``title``, ``date``, ``excerpt``, ``summary``,
    ``truncated``, ``tags`` and ``sticky``, in that order: ``date`` is
    ``YYYY-MM-DD`` or ``null``, ``tags`` an array; non-ASCII text is written
    as itself, lone surrogates as U+FFFD. See ``docs/export.md``;
    :func:`from_json` reads it back.

    Args:
        posts: The posts, such as a :class:`Listing`.
        indent: Spaces per nesting level, 0 or more; ``None`` for a single
            line. A negative *indent* raises ValueError.

    >>> import datetime, bloglist
    >>> post = bloglist.Post(title="Caf\\u00e9", date=datetime.date(2025, 3, 5),
    ...                      excerpt="It begins [...]", tags=["News"])
    >>> print(bloglist.to_json([post]), end="")
    [
      {
        "title": "Café",
        "date": "2025-03-05",
        "excerpt": "It begins [...]",
        "summary": "It begins",
        "truncated": true,
        "tags": [
          "News"
        ],
        "sticky": false
      }
    ]
    """
    indent = _check_indent(indent)
    opening, separator, closing = _json_parts(indent)
    found = checked_posts(posts)
    if not found:
        return "[]\n"
    # One join, with no file. The records are made a batch at a time (each
    # starts with the separator); the opening takes the first one's, and the
    # closing is one more piece, so that the text is not copied to add them
    # (a copy of a big text costs as much as the join).
    pieces = _pieces(found, _record_writer(indent, start=separator))
    pieces[0] = opening + pieces[0][len(separator) :]
    pieces.append(closing)
    return "".join(pieces)


def _never(cell: str) -> None:
    """The formula test when formulas are not escaped: no cell is one."""


def _check_csv_options(
    tag_separator: object, delimiter: object, escape_formulas: object
) -> None:
    check_bool(escape_formulas, "escape_formulas")
    tag_separator = check_str(tag_separator, "tag_separator")
    if not tag_separator:
        raise ValueError("tag_separator must not be empty")
    if _SURROGATE.search(tag_separator):
        # Written as U+FFFD (UTF-8 cannot hold it): the tags would not split back.
        raise ValueError(
            f"tag_separator {quote(tag_separator)} holds a lone surrogate, which "
            "UTF-8 cannot encode: the tags would not split back"
        )
    delimiter = check_str(delimiter, "delimiter")
    if len(delimiter) != 1:
        raise ValueError(f"delimiter must be one character, not {quote(delimiter)}")
    if _SURROGATE.match(delimiter):
        # Written as U+FFFD, as every lone surrogate is: no cell would split back.
        raise ValueError(
            f"delimiter {delimiter!r} cannot be read back: it is a lone "
            "surrogate, which UTF-8 cannot encode (it would be written as "
            "U+FFFD); choose one such as ',', ';' or '\\t'"
        )
    if delimiter in _BAD_DELIMITERS:
        raise ValueError(
            f"delimiter {delimiter!r} cannot be read back: choose one that is not "
            "a quote, a line break or NUL, such as ',', ';' or '\\t'"
        )


def write_csv(
    posts: Iterable[Post],
    file: SupportsWrite,
    /,
    *,
    tag_separator: str = "|",
    delimiter: str = ",",
    escape_formulas: bool = True,
) -> None:
    """Write posts to a text file as CSV, as they come.

    The text is that of :func:`to_csv` with the same options; *posts* may be
    any iterable and is read once. Open the file with ``newline=""`` so that
    the rows keep their ``\\r\\n``. A post that cannot be written raises
    :class:`WriteError` after the rows before it are written.

    >>> import io, bloglist
    >>> out = io.StringIO(newline="")
    >>> bloglist.write_csv(iter([bloglist.Post(title="@home")]), out, delimiter=";")
    >>> print(*out.getvalue().splitlines(), sep="\\n")
    "title";"date";"excerpt";"summary";"truncated";"tags";"sticky"
    "'@home";;"";"";"false";"";"false"
    """
    _text_file(file, "write_csv", newline=', newline=""')
    stream_csv(
        posts,
        file,
        tag_separator=tag_separator,
        delimiter=delimiter,
        escape_formulas=escape_formulas,
    )


def stream_csv(
    posts: Iterable[Post],
    file: SupportsWrite,
    /,
    *,
    tag_separator: str = "|",
    delimiter: str = ",",
    escape_formulas: bool = True,
    batch_size: int = _BATCH,
) -> None:
    """:func:`write_csv`, with one write per *batch_size* posts, as :func:`stream_json`."""
    _check_csv_options(tag_separator, delimiter, escape_formulas)
    writer = CsvWriter(
        file,
        tag_separator=tag_separator,
        delimiter=delimiter,
        escape_formulas=escape_formulas,
    )
    _write_batches(posts, writer.write, batch_size)
    writer.close()


class CsvWriter:
    """Writes posts to a text file as CSV, a list of posts at a time: the text
    of :func:`to_csv`. Call :meth:`close` after the last list. The options
    are checked by the caller (:func:`_check_csv_options`).

    The header goes out with the first rows, or alone at :meth:`close` when
    no post was written: an input that fails before its first post leaves no
    header, which would read as a whole, empty table.

    Cells are quoted and joined by hand, a list of posts at a time as
    :func:`_record_writer` writes JSON: the shape of a row is fixed, and
    this is faster than the csv module's writer (which cannot leave a null
    date unquoted on Python 3.11).
    """

    def __init__(
        self,
        file: SupportsWrite,
        *,
        tag_separator: str = "|",
        delimiter: str = ",",
        escape_formulas: bool = True,
        more_fields: tuple[str, ...] = (),
    ) -> None:
        d = delimiter
        self._file = file
        # The columns after the schema's, whose cells write() is given.
        self._more_fields = more_fields
        self._header = d.join(f'"{name}"' for name in (*FIELDS, *more_fields)) + "\r\n"
        self._written = 0  # posts written so far: the index of the next
        self._formula = _FORMULA.match if escape_formulas else _never
        # The constant runs between the cells, with the quotes around them.
        self._runs = (f'"{d}', '"', f'"{d}"', f'"{d}"false"{d}', f'"{d}"true"{d}')
        self._sticky = ('"false"\r\n', '"true"\r\n')
        # The cells of the dates and the tag lists written so far: posts share
        # them, so each is checked, guarded and quoted once (up to _MEMO of each).
        # An undated post's date is an empty, unquoted cell: CSV readers
        # (pandas, polars) read that as null, and a quoted "" as a string.
        self._dates: _Memo[datetime.date | None] = _Memo(
            lambda date: f'"{date.isoformat()}"{d}',  # type: ignore[union-attr]
            {None: d},
        )
        self._delimiter = d
        self._separator = tag_separator
        self._tag_cells: _Memo[tuple[str, ...]] = _Memo(self._tag_cell, {})

    def _tag_cell(self, tags: tuple[str, ...]) -> str:
        # The tags as written, lone surrogates as U+FFFD, must split back
        # into themselves: a surrogate written as U+FFFD in a tag splits it
        # at a separator that holds U+FFFD.
        separator = self._separator
        written = list(map(_utf8_safe, tags))
        cell = separator.join(written)
        if written and (not cell or cell.split(separator) != written):
            raise _BadTags(tags, cell)
        if self._formula(cell):
            cell = "'" + cell
        quoted = cell.replace('"', '""')
        return f'"{quoted}"{self._delimiter}'

    def _guarded(self, texts: list[str]) -> list[str]:
        """*texts* as the insides of quoted cells: a cell a spreadsheet would
        take for a formula starts with ``'``, quotes are doubled, and lone
        surrogates (which UTF-8 cannot encode) are U+FFFD. One C loop for the
        test of each, a Python one only for the few that need it; the
        surrogates are looked for in the texts, not in the whole row, which
        is longer."""
        formula = self._formula
        if any(map(formula, texts)):
            texts = [f"'{text}" if formula(text) else text for text in texts]
        joined = "".join(texts)
        if '"' in joined:
            texts = list(map(str.replace, texts, repeat('"'), repeat('""')))
        if not (joined.isascii() or _encodes(joined)):
            texts = list(map(_utf8_safe, texts))
        return texts

    def write(
        self, posts: list[Post], more: Sequence[Sequence[str | None]] | None = None
    ) -> None:
        """Write the rows of *posts*, which must all be Post objects (not
        checked). A post whose tags cannot be written (see :func:`to_csv`)
        raises WriteError after the rows of the posts before it.

        *more* holds, for each post, the cells of the columns after the
        schema's (``more_fields``): text, or None for an empty cell. It must
        be given when there are such columns.
        """
        if not posts:
            return
        try:
            tag_cells = list(map(self._tag_cells.__getitem__, map(_tags, posts)))
        except _BadTags as bad:
            # The first post with those tags: the cells of the posts before
            # it were made.
            index = list(map(_tags, posts)).index(bad.tags)
            # Counted in _written: then its index.
            self.write(posts[:index], None if more is None else more[:index])
            raise _tags_error(
                self._written, posts[index], bad.cell, self._separator
            ) from None
        count = len(posts)
        titles = self._guarded(list(map(_title, posts)))
        excerpts = list(map(_excerpt, posts))
        cut = truncated_flags(excerpts)
        summaries = summaries_of(excerpts, cut)
        excerpts = self._guarded(excerpts)
        # A summary is its excerpt unless the excerpt is truncated.
        summaries = self._guarded(summaries) if any(cut) else excerpts
        between, quote, inner, false, true = self._runs
        width = _CSV_PIECES
        pieces = [quote] * (width * count)
        pieces[1::width] = titles
        pieces[2::width] = repeat(between, count)
        pieces[3::width] = map(self._dates.__getitem__, map(_date, posts))
        pieces[5::width] = excerpts
        pieces[6::width] = repeat(inner, count)
        pieces[7::width] = summaries
        pieces[8::width] = map((false, true).__getitem__, cut)
        pieces[9::width] = tag_cells
        pieces[10::width] = map(self._sticky.__getitem__, map(_sticky, posts))
        if self._more_fields:
            assert more is not None  # the caller's promise
            self._add_cells(pieces, more)
        self._dates.trim()
        self._tag_cells.trim()
        if not self._written:
            pieces[0] = self._header + pieces[0]
        self._written += count
        # Every piece is safe (the cells of dates and tags as made): to_csv's
        # texts take them for one join, a file a batch at a time.
        if type(self._file) is _Texts:
            self._file += pieces
        else:
            self._file.write("".join(pieces))

    def _add_cells(
        self, pieces: list[str], more: Sequence[Sequence[str | None]]
    ) -> None:
        """Add to the rows of *pieces*, each ending with its line break, the
        cells *more* gives for each: quoted and guarded as the others, or
        empty for None."""
        d = self._delimiter
        for at, cells in zip(
            range(_CSV_PIECES - 1, len(pieces), _CSV_PIECES), more, strict=True
        ):
            texts = self._guarded([cell for cell in cells if cell is not None])
            written = iter(texts)
            added = "".join(
                d if cell is None else f'{d}"{next(written)}"' for cell in cells
            )
            pieces[at] = pieces[at][:-2] + added + "\r\n"

    def close(self) -> None:
        """Write the header if no post was written."""
        if not self._written:
            self._file.write(self._header)


# The pieces of one CSV row: the opening quote, the title, the run to the
# date cell, the date cell, the opening quote, the excerpt, the run between
# excerpt and summary, the summary, the truncated cell with the runs around
# it, the tags cell, and the sticky cell with the line break.
_CSV_PIECES: Final = 11


class _BadTags(Exception):
    """Tags that would not split back, written as *cell*."""

    def __init__(self, tags: tuple[str, ...], cell: str) -> None:
        super().__init__(tags, cell)
        self.tags = tags
        self.cell = cell


def _tags_error(index: int, post: Post, cell: str, tag_separator: str) -> WriteError:
    """The WriteError for *post*, whose tags written as *cell* do not split
    back the same at *tag_separator*."""
    if not cell:
        # A lone empty tag is an empty cell, which reads back as no tags,
        # whatever the separator.
        return WriteError(
            f"{named(index, post)}: tags {quote_all(post.tags)} would read back as (): "
            "CSV cannot carry a lone empty tag, whatever the tag separator; "
            "drop the empty tag, or export to JSON, which keeps it",
            post=post,
            index=index,
        )
    back = tuple(cell.split(tag_separator))
    advice = "choose a tag separator that no tag holds"
    if not any(tag_separator in tag for tag in post.tags):
        # ("a|", "b") at "||": a tag's end and the separator make it anew.
        advice = (
            "a tag's end or start and the tag separator make the separator "
            "where they meet: choose one that no tag holds, starts or ends "
            "with a part of"
        )
    if "\ufffd" in tag_separator and any(map(_SURROGATE.search, post.tags)):
        advice = (
            "a lone surrogate in a tag is written as U+FFFD, which the tag "
            "separator holds: choose one without U+FFFD that no tag holds"
        )
    return WriteError(
        f"{named(index, post)}: tags {quote_all(post.tags)} would read back as "
        f"{quote_all(back)}; "
        f"{advice} (tag_separator=, or --tag-separator in the command)",
        post=post,
        index=index,
    )


def to_csv(
    posts: Iterable[Post],
    /,
    *,
    tag_separator: str = "|",
    delimiter: str = ",",
    escape_formulas: bool = True,
) -> str:
    """Write posts as CSV: a header row, then one row per post.

    The columns are the keys of :func:`to_json`, in the same order. Every cell
    is quoted but an undated post's ``date``, which is empty and unquoted so
    that pandas and polars read it as null; rows end with ``\\r\\n`` (RFC
    4180). ``date`` is ``YYYY-MM-DD``, ``truncated`` and ``sticky`` are
    ``true`` or ``false``, and ``tags`` are joined with *tag_separator*. A
    cell that a spreadsheet would take for a formula (it starts with ``=``,
    ``+``, ``-``, ``@`` or a form of them such as fullwidth U+FF1D, after any
    whitespace, control and format characters, or with a control character,
    after any single quotes) gains a leading ``'``
    so that spreadsheets show it as text (OWASP); a reader undoes it by
    removing one leading ``'`` from such cells. Lone surrogates are written
    as U+FFFD. See ``docs/export.md``.

    Args:
        posts: The posts, such as a :class:`Listing`.
        tag_separator: What joins the tags of a post in one cell.
        delimiter: The one character between cells; ``";"`` suits
            spreadsheets set up for a decimal comma. A quote, a line break,
            NUL or a lone surrogate cannot be read back and raises ValueError.
        escape_formulas: Guard cells against formula injection. Turn off only
            for a consumer that is not a spreadsheet and wants the text as is.

    Raises:
        ValueError: *tag_separator* is empty or holds a lone surrogate, or
            *delimiter* cannot be read back.
        WriteError: The tags of a post, as written (lone surrogates as
            U+FFFD), would not split back the same at *tag_separator*: a tag
            holds it, or the post's one tag is empty (an empty cell, which
            reads back as no tags). The message names the post.

    >>> import bloglist
    >>> post = bloglist.Post(title="-1 bugs", excerpt="Fixed.", tags=["News", "Q&A"])
    >>> text = bloglist.to_csv([post])
    >>> print(*text.splitlines(), sep="\\n")
    "title","date","excerpt","summary","truncated","tags","sticky"
    "'-1 bugs",,"Fixed.","Fixed.","false","News|Q&A","false"
    >>> text.endswith("\\r\\n")
    True
    """
    texts = _Texts()  # joined once: no copy through a StringIO
    stream_csv(
        posts,
        texts,
        tag_separator=tag_separator,
        delimiter=delimiter,
        escape_formulas=escape_formulas,
    )
    return "".join(texts)


class _Texts(list[str]):
    """The texts written to it, in order: a file for :func:`stream_csv`,
    joined once by :func:`to_csv` (a :class:`CsvWriter` adds its pieces,
    not joined a batch at a time, so that the text is copied once)."""

    __slots__ = ()
    write = list.append


def _escape(value: str, entities: dict[str, str]) -> str:
    """``xml.sax.saxutils.escape``, whose import (urllib.request, http.client,
    email, ssl) took longer than the rest of the command's start."""
    value = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in entities.items():
        value = value.replace(char, entity)
    return value


def _text(value: str) -> str:
    return _escape(value, _TEXT_ENTITIES)


def _attr(value: str) -> str:
    return '"' + _escape(value, _ATTR_ENTITIES) + '"'


class _Unstamped(Exception):
    """A time has no Atom timestamp, for the reason it holds; the caller
    names whose time it is in the WriteError (:func:`_unstamped`)."""


def _timestamp(moment: datetime.datetime) -> str:
    """*moment* in RFC 3339: with its offset if whole minutes within
    Atom's ±14:00, else in UTC. _Unstamped when it has none: its timezone
    gives no UTC offset, or one datetime refuses (:func:`offset_problem`),
    or it falls outside the years 1 to 9999 in UTC."""
    try:
        offset = moment.utcoffset()
    except (ValueError, TypeError):
        # The timezone gave an offset of a day or more, or no timedelta,
        # which datetime refuses in words of its own. offset_problem asks
        # the timezone again: an error of the timezone's own passes through.
        raise _Unstamped(f"has no valid UTC offset: {offset_problem(moment)}") from None
    if offset is None:
        # A tzinfo may say it does not know (utcoffset() returns None), and
        # an RFC 3339 timestamp needs its offset.
        raise _Unstamped(
            f"has no UTC offset: its timezone ({type_name(moment.tzinfo)}) gives none"
        )
    if offset % _MINUTE or abs(offset) > _WIDEST:
        # RFC 3339 offsets are hours and minutes: an offset with seconds (local
        # mean time, before a zone adopted standard time) is written as UTC.
        # So is one past ±14:00, which Atom's xsd:dateTime does not allow
        # (Pacific/Guam was -14:21 until 1845).
        try:
            moment = (moment.replace(tzinfo=None) - offset).replace(tzinfo=datetime.UTC)
        except OverflowError:
            # Midnight of 0001-01-01 east of Greenwich is in year 0 in UTC,
            # which RFC 3339 allows but Atom's xsd:dateTime does not.
            raise _Unstamped("falls outside the years 1 to 9999 in UTC") from None
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _unstamped(
    what: str,
    when: str,
    exc: _Unstamped,
    post: Post | None = None,
    index: int | None = None,
) -> WriteError:
    """The WriteError for *what* (``the date of posts[1] ('Old')``,
    ``updated``), whose time *when* has no Atom timestamp for the reason
    *exc* holds: built only on failure, so the loop over posts pays nothing.
    *post* and *index*: the post whose time it is, if any."""
    return WriteError(
        f"{what} has no Atom timestamp: {when} {exc}", post=post, index=index
    )


def _day_stamp(
    day: datetime.date, timezone: datetime.tzinfo, posts: list[Post] | None
) -> str:
    """The timestamp of the midnight of *day* in *timezone*. When it has
    none, WriteError naming the first of *posts* dated *day* (the post
    whose date it is: a feed's dates are stamped in order, each once), or
    ``updated`` when *posts* is None."""
    moment = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone)
    try:
        return _timestamp(moment)
    except _Unstamped as exc:
        post: Post | None = None
        index: int | None = None
        if posts is None:
            what = "updated"
        else:
            index = next(i for i, post in enumerate(posts) if post.date == day)
            post = posts[index]
            what = f"the date of {named(index, post)}"
        when = shown_time(moment)
        if timezone.utcoffset(moment) is None:
            raise WriteError(
                f"{what} has no Atom timestamp: at its midnight, {when}, "
                f"timezone ({type_name(timezone)}) gives no UTC offset",
                post=post,
                index=index,
            ) from None
        raise _unstamped(
            what, f"its midnight in timezone, {when},", exc, post, index
        ) from None


def _entry_ids(feed_id: str) -> Callable[[Post], str]:
    """The entry ids of a feed: a post's ``urn:uuid:``, a function of the
    feed id, the title and the date only.

    ``uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, feed_id), name).urn``, where
    *name* is ``json.dumps([title, date], ensure_ascii=True,
    separators=(",", ":"))`` with the date in ISO form or None; written out
    (the namespace made once a feed, the name by the C escaper that
    ``json.dumps`` calls) since a feed makes one for every post. The tests
    compare the two.
    """
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, feed_id).bytes
    escape = _encode_ascii

    def entry_id(post: Post) -> str:
        date = post.date
        day = "null" if date is None else f'"{date.isoformat()}"'
        return uuid5_urn(namespace, f"[{escape(post.title)},{day}]".encode("ascii"))

    return entry_id


def _called(
    function: Callable[[Post], str | None],
    index: int,
    post: Post,
    what: str,
    *,
    absolute: bool,
) -> str | None:
    value = function(post)
    if value is None:
        return None
    try:
        return check_iri(
            value, f"the {what} of {named(index, post)}", absolute=absolute
        )
    except (TypeError, ValueError) as exc:
        raise WriteError(str(exc), post=post, index=index) from None


def _entry_updated(
    function: Callable[[Post], datetime.datetime | None], index: int, post: Post
) -> str | None:
    """The timestamp *function* gives for *post*, or None; WriteError for
    anything but an aware datetime."""
    value: object = function(post)  # whatever the caller's function gives
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        # No article to guess: "a UUID", "an OSError", "a UnicodeError".
        wrong = f"of type {type_name(value)}"
    elif lacks_utcoffset(value.tzinfo):
        wrong = (
            f"a datetime whose timezone ({type_name(value.tzinfo)})"
            " does not implement utcoffset()"
        )
    elif value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        wrong = "a naive datetime"
    else:
        try:
            return _timestamp(value)
        except _Unstamped as exc:
            what = f"the entry_updated of {named(index, post)}"
            raise _unstamped(what, shown_time(value), exc, post, index) from None
    raise WriteError(
        f"the entry_updated of {named(index, post)} is {wrong}, "
        "not a timezone-aware datetime",
        post=post,
        index=index,
    )


def to_atom(
    posts: Iterable[Post],
    /,
    *,
    title: str,
    feed_id: str,
    updated: datetime.datetime | datetime.date | None = None,
    author: str | None = None,
    link: str | None = None,
    self_link: str | None = None,
    subtitle: str | None = None,
    lang: str | None = None,
    timezone: datetime.tzinfo = datetime.UTC,
    entry_link: Callable[[Post], str | None] | None = None,
    entry_id: Callable[[Post], str] | None = None,
    entry_updated: Callable[[Post], datetime.datetime | None] | None = None,
) -> str:
    """Write posts as an Atom 1.0 feed (RFC 4287), one entry per post, in order.

    An entry holds the title, the excerpt as text ``content``, a
    ``category`` per tag, a ``link`` (from *entry_link*, else the feed's
    *link*) and a deterministic ``urn:uuid:`` id made from *feed_id*, the
    title and the date (a later post of the title and date of an earlier
    one takes a variant of it, since an Atom id names one entry). A dated post is ``published`` and ``updated`` at
    midnight of its day in *timezone*, written with the zone's offset when it
    is whole minutes and in UTC otherwise (RFC 3339 has no seconds in an
    offset); an undated post has no ``published`` and the feed's ``updated``.
    *entry_updated* can give an entry's ``updated`` instead. Characters XML 1.0 forbids, and C1 controls, are written as U+FFFD. See
    ``docs/export.md``.

    Args:
        posts: The posts, such as a :class:`Listing`.
        title: The feed's title.
        feed_id: The feed's permanent, absolute IRI, such as
            ``"tag:example.com,2025:blog"`` or the blog's URL.
        updated: The feed's ``updated``: an aware datetime, or a date (its
            midnight in *timezone*). By default, the newest post date; with
            no dated post, ``1970-01-01T00:00:00Z``, whatever *timezone*.
            Never the clock, unless you pass it.
        author: The feed author's name; by default (``None``), the feed's
            title (RFC 4287 requires an author, and posts carry none). Any
            str, the empty one included, is written as given.
        link: The blog's web page (``rel="alternate"``), an IRI.
        self_link: Where the feed itself is published (``rel="self"``).
        subtitle: The feed's subtitle; ``None`` writes none, and ``""`` an
            empty one.
        lang: The language of the text, a BCP 47 tag such as ``"en"`` or
            ``"pt-BR"`` (``xml:lang``).
        timezone: Where post dates begin at midnight.
        entry_link: A function from a post to its web page (an IRI), or to
            ``None`` for the feed's *link*.
        entry_id: A function from a post to its entry's permanent id (an
            absolute IRI), instead of the ``urn:uuid:`` made from its title
            and date, for ids that survive an edited title.
        entry_updated: A function from a post to its entry's ``updated`` (an
            aware datetime: when the post last changed), or to ``None`` for
            the default above.

    Raises:
        TypeError: *title*, *author* or *subtitle* is not a str, *timezone*
            not a tzinfo (or a bare ``datetime.tzinfo()``, which gives no UTC
            offset), *updated* not a date or datetime, or *entry_link*,
            *entry_id* or *entry_updated* not callable.
        ValueError: *feed_id* is not an absolute IRI, *link* or *self_link*
            not an IRI, *lang* not a language tag, or *updated* a naive
            datetime (or one whose timezone gives no UTC offset).
        WriteError: *entry_link* or *entry_id* gave a value that is not an
            IRI, *entry_id* gave two posts one id, *entry_updated* gave a
            value that is not an aware datetime, or a timestamp has no RFC
            3339 form (outside the years 1 to 9999 in UTC, or in a timezone
            whose offset datetime refuses: a day or more either way).

    >>> import datetime, bloglist
    >>> post = bloglist.Post(title="Q&A", date=datetime.date(2025, 3, 5),
    ...                      excerpt="Asked <and> answered.", tags=["People"])
    >>> feed = bloglist.to_atom([post], title="Blog", feed_id="urn:example:blog",
    ...                         link="https://example.com/")
    >>> print(feed, end="")
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>urn:example:blog</id>
      <title type="text">Blog</title>
      <updated>2025-03-05T00:00:00Z</updated>
      <author>
        <name>Blog</name>
      </author>
      <link rel="alternate" href="https://example.com/"/>
      <entry>
        <id>urn:uuid:...</id>
        <title type="text">Q&amp;A</title>
        <link rel="alternate" href="https://example.com/"/>
        <published>2025-03-05T00:00:00Z</published>
        <updated>2025-03-05T00:00:00Z</updated>
        <content type="text">Asked &lt;and&gt; answered.</content>
        <category term="People"/>
      </entry>
    </feed>
    """
    return "".join(
        atom_pieces(
            posts,
            title=title,
            feed_id=feed_id,
            updated=updated,
            author=author,
            link=link,
            self_link=self_link,
            subtitle=subtitle,
            lang=lang,
            timezone=timezone,
            entry_link=entry_link,
            entry_id=entry_id,
            entry_updated=entry_updated,
        )
    )


def atom_pieces(
    posts: Iterable[Post],
    /,
    *,
    title: str,
    feed_id: str,
    updated: datetime.datetime | datetime.date | None = None,
    author: str | None = None,
    link: str | None = None,
    self_link: str | None = None,
    subtitle: str | None = None,
    lang: str | None = None,
    timezone: datetime.tzinfo = datetime.UTC,
    entry_link: Callable[[Post], str | None] | None = None,
    entry_id: Callable[[Post], str] | None = None,
    entry_updated: Callable[[Post], datetime.datetime | None] | None = None,
) -> Iterator[str]:
    """The text :func:`to_atom` returns, in pieces: the feed's head, each
    entry, and its end, each ending with a line feed, made as they are asked
    for, so that a writer holds one at a time (the feed of a 22 MB listing
    of 100,000 posts is some 50 million characters, four bytes each in a str
    that holds one emoji).

    Everything that can fail is checked before the first piece is made, in
    the order :func:`to_atom` checks it: the arguments, then each entry's
    id, link, ``updated`` and timestamps, in order. The pieces themselves
    cannot fail, so a writer of them never stops halfway through a feed.
    """
    check_str(title, "title")
    for name, text in (("author", author), ("subtitle", subtitle)):
        if text is not None:
            check_str(text, name)
    check_iri(feed_id, "feed_id")
    check_tzinfo(timezone, "timezone")
    if updated is not None and not isinstance(updated, datetime.date):
        raise TypeError(
            f"updated must be a datetime or a date (or None), not {type_name(updated)}"
        )
    for name, function in (
        ("entry_link", entry_link),
        ("entry_id", entry_id),
        ("entry_updated", entry_updated),
    ):
        _check_callable(function, name)
    if link is not None:
        check_iri(link, "link", absolute=False)
    if self_link is not None:
        check_iri(self_link, "self_link", absolute=False)
    if lang is not None:
        check_lang(lang, "lang")
    found = [post for _, post in _posts(posts)]
    if isinstance(updated, datetime.datetime):
        if lacks_utcoffset(updated.tzinfo):
            raise ValueError(
                "updated must be a timezone-aware datetime, or a date: its timezone"
                f" ({type_name(updated.tzinfo)}) does not implement utcoffset()"
            )
        if updated.tzinfo is None or updated.tzinfo.utcoffset(updated) is None:
            raise ValueError("updated must be a timezone-aware datetime, or a date")
        try:
            feed_updated = _timestamp(updated)
        except _Unstamped as exc:
            raise _unstamped("updated", shown_time(updated), exc) from None
    elif updated is not None:
        feed_updated = _day_stamp(updated, timezone, None)
    else:
        newest = max((p.date for p in found if p.date is not None), default=None)
        # No dated post: one fixed instant (docs/export.md), not midnight in
        # *timezone*, which is another instant in each zone.
        feed_updated = _EPOCH if newest is None else _day_stamp(newest, timezone, found)

    lang_attr = f" xml:lang={_attr(lang)}" if lang is not None else ""
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<feed xmlns={_attr(_ATOM_NS)}{lang_attr}>",
        f"  <id>{_text(feed_id)}</id>",
        f'  <title type="text">{_text(title)}</title>',
    ]
    if subtitle is not None:
        head.append(f'  <subtitle type="text">{_text(subtitle)}</subtitle>')
    head += [
        f"  <updated>{feed_updated}</updated>",
        "  <author>",
        f"    <name>{_text(title if author is None else author)}</name>",
        "  </author>",
    ]
    if link is not None:
        head.append(f'  <link rel="alternate" href={_attr(link)}/>')
    if self_link is not None:
        head.append(f'  <link rel="self" href={_attr(self_link)}/>')
    head.append("")  # the line feed after the head
    default_id = _entry_ids(feed_id)
    # Posts share their dates: each date's timestamp is made once.
    stamps: dict[datetime.date, str] = {}
    # The ids written, each to the post it names: an Atom id names one entry.
    ids: dict[str, int] = {}
    tried: dict[str, int] = {}
    # What each entry needs that may fail, found before any text is made:
    # its id, link, published (or None) and updated.
    checked: list[tuple[str, str | None, str | None, str]] = []
    for index, post in enumerate(found):
        if entry_id is None:
            # urn:uuid: and hex digits: nothing to escape. Two posts of one
            # title and date (a post shown twice) would share it: the later
            # takes its next variant, as in an archive.
            the_id = default_id(post)
            if the_id in ids:
                the_id = unique_id(the_id, ids.__contains__, tried)
        else:
            given_id = _called(entry_id, index, post, "entry_id", absolute=True)
            if not given_id:
                raise WriteError(
                    f"the entry_id of {named(index, post)} is None",
                    post=post,
                    index=index,
                )
            the_id = _text(given_id)
            if the_id in ids:
                first = ids[the_id]
                earlier = found[first]
                # Two posts of one title and date: an id of those alone
                # (post_id's) is one id; the feed's own ids tell them apart.
                alike = (post.title, post.date) == (earlier.title, earlier.date)
                raise WriteError(
                    f"the entry_id of {named(index, post)} is that of "
                    f"{named(first, earlier)}, {quote(given_id)}: each "
                    "entry of a feed needs an id of its own"
                    + (
                        "; without entry_id, the later of two posts of one "
                        "title and date takes the next variant of the id"
                    )
                    * alike,
                    post=post,
                    index=index,
                )
        ids[the_id] = index
        href = (
            None
            if entry_link is None
            else _called(entry_link, index, post, "entry_link", absolute=False)
        )
        if href is None:
            href = link
        changed = (
            None
            if entry_updated is None
            else _entry_updated(entry_updated, index, post)
        )
        stamp = None
        if post.date is not None:
            stamp = stamps.get(post.date)
            if stamp is None:
                stamp = stamps[post.date] = _day_stamp(post.date, timezone, found)
        if changed is None:
            changed = feed_updated if stamp is None else stamp
        checked.append((the_id, href, stamp, changed))
    del ids, tried, stamps
    return _atom_text(head, found, checked)


def _atom_text(
    head: list[str],
    posts: list[Post],
    checked: list[tuple[str, str | None, str | None, str]],
) -> Iterator[str]:
    """The pieces of :func:`atom_pieces`: *head*'s lines, then an entry for
    each of *posts* with what was *checked* for it, then the feed's end."""
    yield _NOT_ATOM.sub("\ufffd", "\n".join(head))  # each entry is made safe alike
    # Posts share their tags: each tag list's categories are written once.
    categories: dict[tuple[str, ...], list[str]] = {}
    for post, (the_id, href, stamp, changed) in zip(posts, checked, strict=True):
        entry = [
            "  <entry>",
            f"    <id>{the_id}</id>",
            f'    <title type="text">{_text(post.title)}</title>',
        ]
        if href is not None:
            entry.append(f'    <link rel="alternate" href={_attr(href)}/>')
        if stamp is not None:
            entry.append(f"    <published>{stamp}</published>")
        entry += [
            f"    <updated>{changed}</updated>",
            f'    <content type="text">{_text(post.excerpt)}</content>',
        ]
        terms = categories.get(post.tags)
        if terms is None:
            terms = categories[post.tags] = [
                f"    <category term={_attr(tag)}/>" for tag in post.tags
            ]
        entry += terms
        entry.append("  </entry>\n")
        # Made safe as it is made (a character at a time, so pieces are as
        # safe as the whole).
        yield _NOT_ATOM.sub("\ufffd", "\n".join(entry))
    yield "</feed>\n"
