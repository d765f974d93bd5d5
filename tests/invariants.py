"""The invariants every input must keep, as plain functions that raise AssertionError.

The hypothesis properties (``test_properties.py``), the replay of the fuzz
regression corpus (``test_hostile.py``) and the atheris fuzzers
(``fuzz/fuzz_loads.py``, and ``fuzz/fuzz_readers.py`` for the readers of the
JSON exports and ``iterload``) all check these, so that they agree on what
"no input can break bloglist" means. This module needs nothing but bloglist.

A fuzz input is the bytes of a listing. If its first line starts with
``#tags:``, the rest of that line is a comma-separated vocabulary of known tag
names; the line stays part of the listing (it is the first post's title).
"""

from __future__ import annotations

import functools
import io
import itertools
import random
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import bloglist
from bloglist import Diagnostic, Listing, ParseError, Post
from bloglist._lines import read_header, split_lines
from bloglist._tags import join_tags

# The vocabulary an input without a ``#tags:`` line is also parsed with.
DEFAULT_TAGS = ("GenAI", "iOS", "Data", "Data Science")
TAGS_PREFIX = b"#tags:"

# The codes load() may raise in lenient mode: only for bytes it cannot decode.
BYTES_CODES = frozenset({"invalid-utf8", "invalid-utf16", "unsupported-encoding"})


def vocabulary(data: bytes) -> list[str]:
    """The known tag names a fuzz input declares, or the default ones."""
    if not data.startswith(TAGS_PREFIX):
        return list(DEFAULT_TAGS)
    first = data[len(TAGS_PREFIX) :].replace(b"\r", b"\n").partition(b"\n")[0]
    return first.decode("utf-8", "surrogateescape").split(",")


def check_fuzz_input(data: bytes) -> None:
    """Check every invariant on one fuzz input, with and without a vocabulary.

    The text that ``loads`` sees is the bytes decoded as UTF-8 with bad bytes
    kept as lone surrogates, so that those reach the parser too.
    """
    text = data.decode("utf-8", "surrogateescape")
    for tags in (None, vocabulary(data)):
        check_text(text, tags)
        check_bytes(data, tags)


def check_text(text: str, tags: Sequence[str] | None) -> Listing:
    """Every invariant of ``loads`` on *text*; returns the lenient listing."""
    listing = bloglist.loads(text, known_tags=tags)  # lenient: must never raise
    check_positions(text, listing)
    check_in_order(listing)
    check_nothing_lost(text, listing)
    check_strict_agrees(text, tags, listing)
    check_fixpoint(listing, tags)
    return listing


def check_positions(text: str, listing: Listing) -> None:
    """Each diagnostic points at the first non-blank character of a line of *text*."""
    lines = split_lines(text)
    for d in listing.diagnostics:
        assert 1 <= d.lineno <= len(lines), f"{d} is past the last line"
        line = lines[d.lineno - 1]
        assert line.strip(), f"{d} points at a blank line"
        assert d.colno == len(line) - len(line.lstrip()) + 1, f"{d}: wrong column"


def _accounts_for(line: str, post: Post) -> bool:
    stripped = line.strip()
    if stripped in (post.title, post.excerpt, join_tags(post.tags)):
        return True
    found = read_header(stripped)
    if found is None:
        return False
    return post.sticky if found.sticky else found.date == post.date


# The diagnostic that counts the lines of a long run after a tag line, or of
# headers with no post, names the run's last line; so does the one that
# counts the diagnostics past a parse's limit.
_RUN_END = re.compile(
    r"more (?:lines? after the tag line|header lines? with no post), to line (\d+);"
    r"|more diagnostics? \(\d+ errors?, \d+ warnings?\), from here to line (\d+),"
)


def reported_lines(listing: Listing) -> set[int]:
    """The lines the diagnostics of *listing* name, runs counted by one included."""
    reported = set()
    for d in listing.diagnostics:
        reported.add(d.lineno)
        run = (
            _RUN_END.search(d.message)
            if d.code in ("extra-line", "missing-title", "too-many-diagnostics")
            else None
        )
        if run is not None:
            reported.update(range(d.lineno, int(run[1] or run[2]) + 1))
    return reported


def check_in_order(listing: Listing) -> None:
    """Diagnostics come in line order, then column order."""
    places = [(d.lineno, d.colno) for d in listing.diagnostics]
    assert places == sorted(places), "diagnostics are out of order"


def check_nothing_lost(text: str, listing: Listing) -> None:
    """Each non-blank line is a field of the post it falls in, or has a diagnostic."""
    reported = reported_lines(listing)
    starts = [p.lineno or 0 for p in listing]
    assert starts == sorted(starts), "posts are out of order"
    owner = -1
    for lineno, line in enumerate(split_lines(text), 1):
        # The post a line falls in: the last one starting at or before it.
        while owner + 1 < len(starts) and starts[owner + 1] <= lineno:
            owner += 1
        if not line.strip() or lineno in reported:
            continue
        assert owner >= 0, f"line {lineno} {line!r} is before every post, unreported"
        post = listing[owner]
        assert _accounts_for(line, post), f"line {lineno} {line!r} was lost"


def check_strict_agrees(
    text: str, tags: Sequence[str] | None, lenient: Listing
) -> None:
    """Strict mode raises ParseError at lenient mode's first error, or gives the same.

    The first error is the first of every problem, counted past the limit on
    diagnostics or not: a limited *lenient* parse is read again with none.
    """
    every = lenient
    if any(d.code == "too-many-diagnostics" for d in lenient.diagnostics):
        every = bloglist.loads(text, known_tags=tags, max_diagnostics=None)
    errors = [d for d in every.diagnostics if d.severity == "error"]
    try:
        strict = bloglist.loads(text, strict=True, known_tags=tags)
    except ParseError as err:
        assert errors, "strict mode raised where lenient mode saw no error"
        first = errors[0]
        assert (err.code, err.lineno, err.colno, err.msg) == (
            first.code,
            first.lineno,
            first.colno,
            first.message,
        )
    else:
        assert not errors, "strict mode passed an error lenient mode reported"
        assert strict == lenient
        assert strict.diagnostics == lenient.diagnostics


def check_fixpoint(listing: Listing, tags: Sequence[str] | None) -> None:
    """``dumps`` of a lenient parse reads back equal and writes again the same.

    The one listing a lenient parse gives that ``dumps`` refuses is one with a
    post whose excerpt was missing; it is skipped.
    """
    if any(not post.excerpt for post in listing):
        return
    once = bloglist.dumps(listing, known_tags=tags)
    again = bloglist.loads(once, known_tags=tags)
    assert again == listing
    # Only warnings (a repeated tag, a date in a tag line) can be read
    # again: the writer wrote them.
    assert all(d.severity == "warning" for d in again.diagnostics), again.diagnostics
    assert bloglist.dumps(again, known_tags=tags) == once


def check_bytes(data: bytes, tags: Sequence[str] | None) -> None:
    """``load`` on bytes gives a listing, or raises ParseError because it cannot decode.

    Bytes that are UTF-8 give the listing their text gives.
    """
    try:
        listing = bloglist.load(io.BytesIO(data), known_tags=tags)
    except ParseError as err:
        assert err.code in BYTES_CODES, err
        assert err.lineno >= 1 and err.colno >= 1
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assert listing == bloglist.loads(text, known_tags=tags)
    try:
        strict = bloglist.load(io.BytesIO(data), strict=True, known_tags=tags)
    except ParseError as err:
        assert err.code not in BYTES_CODES, err
    else:
        assert strict == listing


# The readers of the library's own JSON exports, and iterload.

# The codes from_json and from_jsonl raise for text; binary lines add one.
JSON_CODES = frozenset({"invalid-json", "invalid-record"})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_reader_input(data: bytes) -> None:
    """Every invariant of the JSON readers and of ``iterload`` on one fuzz input.

    The input is read as JSON and as JSON Lines (text, text lines and binary
    lines), as a listing exported and read back, and as a file that
    ``iterload`` reads in pieces of sizes drawn from the input itself, so that
    a failing input fails again alone.
    """
    text = data.decode("utf-8", "surrogateescape")
    check_json_readers(data, text)
    tags = vocabulary(data)
    check_export_round_trip(text, tags)
    # Small pieces, cut anywhere (inside a character too), then a larger one.
    draw = random.Random(data)
    cuts = [draw.randint(1, 9) for _ in range(draw.randint(1, 3))]
    cuts.append(draw.randint(10, 200))
    check_iterload(text, cuts, tags)
    check_iterload(data, cuts, tags)
    check_iterload(data, [len(data) + 1], tags)


# A reader's ParseError, as ("error", message, line, column, code).
_Error = tuple[str, str, int, int, str]
# What a reader read: its posts with their lines, then its warnings.
_Read = list[tuple[Post, int | None] | Diagnostic]


def _read(run: Callable[[], Listing]) -> _Error | _Read:
    """What *run* gives, its posts with their lines and its warnings, or the
    ParseError it raises."""
    try:
        found = run()
    except ParseError as err:
        return ("error", err.msg, err.lineno, err.colno, err.code)
    read: _Read = [(post, post.lineno) for post in found]
    # The only diagnostics a JSON reader gives: a key outside the schema, in
    # the order of the records.
    for warning in found.diagnostics:
        assert (warning.severity, warning.code) == ("warning", "unknown-key"), warning
    places = [(warning.lineno, warning.colno) for warning in found.diagnostics]
    assert places == sorted(places), "the warnings are out of order"
    return read + list(found.diagnostics)


def _posts(read: _Read) -> list[Post]:
    return [item[0] for item in read if isinstance(item, tuple)]


def _deeper(frames: int, run: Callable[[], Listing]) -> _Error | _Read:
    """:func:`_read` of *run*, called *frames* calls deeper."""
    return _deeper(frames - 1, run) if frames else _read(run)


def _check_place(read: _Error | _Read, lines: Sequence[str | bytes]) -> None:
    """A reader's error, and each of its warnings, names a line of *lines*
    and a column in it or just past it."""
    if isinstance(read, tuple):
        places = [(read[1], read[2], read[3])]
    else:
        places = [
            (item.message, item.lineno, item.colno)
            for item in read
            if isinstance(item, Diagnostic)
        ]
    for msg, lineno, colno in places:
        assert 1 <= lineno <= len(lines), f"{msg}: line {lineno} is past the last"
        assert 1 <= colno <= len(lines[lineno - 1]) + 1, f"{msg}: column {colno}"


def check_json_readers(data: bytes, text: str) -> None:
    """``from_json`` and ``from_jsonl`` give posts, or ParseError at a real place.

    JSON Lines read alike from the whole text, its lines and its bytes' lines;
    whatever is read is written back by ``to_json``/``to_jsonl`` and reads
    the same again.
    """
    lines = text.split("\n")
    bom = data.startswith(b"\xef\xbb\xbf")
    for reader in (bloglist.from_json, bloglist.from_jsonl):
        records = _read(functools.partial(reader, text))
        _check_place(records, lines)
        # The same from a call 200 frames deeper: Python 3.11's recursion
        # limit counts the caller's frames, and once decided how deep a value
        # the json module read.
        assert _deeper(200, functools.partial(reader, text)) == records
        if isinstance(records, tuple):
            assert records[4] in JSON_CODES, records
        else:
            _check_reads_back(_posts(records))
        # A leading byte order mark is no part of the text: columns count after it.
        if not bom:
            assert _read(functools.partial(reader, "\ufeff" + text)) == records
    # From here on, records are what from_jsonl read.
    assert _read(lambda: bloglist.from_jsonl(io.StringIO(text))) == records
    binary = _read(lambda: bloglist.from_jsonl(io.BytesIO(data)))
    _check_place(binary, data.split(b"\n"))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Read up to the first bad byte: the same posts, or an error no later.
        assert isinstance(binary, tuple), "bytes that are not UTF-8 were read"
        # UTF-16's and UTF-32's byte order marks are named as such.
        if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            assert binary[2:] == (1, 1, "unsupported-encoding"), binary
        else:
            assert binary[4] in JSON_CODES | {"invalid-utf8"}, binary
    else:
        assert binary == records
    if not bom:
        marked = io.BytesIO(b"\xef\xbb\xbf" + data)
        assert _read(lambda: bloglist.from_jsonl(marked)) == binary


def _check_reads_back(posts: list[Post]) -> None:
    expected = [utf8_post(post) for post in posts]
    assert list(bloglist.from_json(bloglist.to_json(posts))) == expected
    assert list(bloglist.from_json(bloglist.to_json(posts, indent=None))) == expected
    back = bloglist.from_jsonl(bloglist.to_jsonl(posts))
    assert list(back) == expected
    assert [post.lineno for post in back] == list(range(1, len(posts) + 1))


def utf8_safe(text: str) -> str:
    """*text* as the JSON and CSV writers carry it: each lone surrogate made U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def utf8_post(post: Post) -> Post:
    """*post* as an export reads back: each lone surrogate made U+FFFD."""
    return Post(
        title=utf8_safe(post.title),
        date=post.date,
        excerpt=utf8_safe(post.excerpt),
        tags=[utf8_safe(tag) for tag in post.tags],
        sticky=post.sticky,
    )


def utf8_record(post: Post) -> dict[str, object]:
    """*post* as the JSON writers' record, as docs/export.md describes it."""
    return {
        "title": utf8_safe(post.title),
        "date": post.date.isoformat() if post.date else None,
        "excerpt": utf8_safe(post.excerpt),
        "summary": utf8_safe(post.summary),
        "truncated": post.truncated,
        "tags": [utf8_safe(tag) for tag in post.tags],
        "sticky": post.sticky,
    }


def check_export_round_trip(text: str, tags: Sequence[str] | None) -> None:
    """The posts of a lenient parse, exported as JSON or JSON Lines, read back equal.

    Lone surrogates come back as U+FFFD, as the exports write them.
    """
    _check_reads_back(list(bloglist.loads(text, known_tags=tags)))


class _Pieces:
    """A file whose ``read(size)`` returns pieces of the given sizes in turn."""

    def __init__(self, data: str | bytes, sizes: Sequence[int]) -> None:
        self.data = data
        self.at = 0
        self.sizes = itertools.cycle(sizes)

    def read(self, size: int = -1, /) -> str | bytes:
        n = len(self.data) if size < 0 else min(size, next(self.sizes))
        piece = self.data[self.at : self.at + n]
        self.at += len(piece)
        return piece


def _parsed(run: Callable[[], Iterable[Post | Diagnostic]]) -> _Error | list[object]:
    """What *run* gives, its posts with their lines and its diagnostics, or its error."""
    try:
        found = run()
        # A listing holds its diagnostics apart; iterload gives both in turn.
        items = [*found, *found.diagnostics] if isinstance(found, Listing) else [*found]
    except ParseError as err:
        return ("error", err.msg, err.lineno, err.colno, err.code)
    posts = [(item, item.lineno) for item in items if isinstance(item, Post)]
    return [posts, [item for item in items if isinstance(item, Diagnostic)]]


def check_iterload(
    data: str | bytes, sizes: Sequence[int], tags: Sequence[str] | None
) -> None:
    """``iterload`` of *data* read in pieces of *sizes* gives what ``load`` gives.

    In strict mode, when ``load`` cannot decode the bytes, ``iterload`` may
    first raise the error of a line it read before the bad bytes.
    """

    for strict in (False, True):
        pieces: Any = _Pieces(data, sizes)
        streamed = _parsed(
            functools.partial(bloglist.iterload, pieces, strict=strict, known_tags=tags)
        )
        whole = io.StringIO(data) if isinstance(data, str) else io.BytesIO(data)
        loaded = _parsed(
            functools.partial(bloglist.load, whole, strict=strict, known_tags=tags)
        )
        if (
            strict
            and isinstance(loaded, tuple)
            and loaded[4] in BYTES_CODES
            and streamed != loaded
        ):
            assert isinstance(streamed, tuple), "strict iterload read bad bytes"
            assert streamed[4] not in BYTES_CODES, (streamed, loaded)
            assert streamed[2:4] < loaded[2:4], (streamed, loaded)
            continue
        assert streamed == loaded, (strict, streamed, loaded)
