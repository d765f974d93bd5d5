"""The invariants every input must keep, as plain functions that raise AssertionError.

The hypothesis properties (``test_properties.py``), the replay of the fuzz
regression corpus (``test_hostile.py``) and the atheris fuzzer
(``fuzz/fuzz_loads.py``) all check these, so that the three agree on what
"no input can break bloglist" means. This module needs nothing but bloglist.

A fuzz input is the bytes of a listing. If its first line starts with
``#tags:``, the rest of that line is a comma-separated vocabulary of known tag
names; the line stays part of the listing (it is the first post's title).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import bloglist
from bloglist import Listing, ParseError, Post
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
    listing = bloglist.loads(text, tags=tags)  # lenient: must never raise
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


# The diagnostic that counts the lines of a long run after a tag line names
# the run's last line.
_RUN_END = re.compile(r"more lines? after the tag line, to line (\d+);")


def reported_lines(listing: Listing) -> set[int]:
    """The lines the diagnostics of *listing* name, runs counted by one included."""
    reported = set()
    for d in listing.diagnostics:
        reported.add(d.lineno)
        run = _RUN_END.search(d.message) if d.code == "extra-line" else None
        if run is not None:
            reported.update(range(d.lineno, int(run[1]) + 1))
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
    """Strict mode raises ParseError at lenient mode's first error, or gives the same."""
    errors = [d for d in lenient.diagnostics if d.severity == "error"]
    try:
        strict = bloglist.loads(text, strict=True, tags=tags)
    except ParseError as err:
        assert errors, "strict mode raised where lenient mode saw no error"
        first = errors[0]
        assert (err.code, err.lineno, err.colno) == (
            first.code,
            first.lineno,
            first.colno,
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
    once = bloglist.dumps(listing, tags=tags)
    again = bloglist.loads(once, tags=tags)
    assert again == listing
    # Only warnings (a repeated tag) can be read again: the writer wrote them.
    assert all(d.severity == "warning" for d in again.diagnostics), again.diagnostics
    assert bloglist.dumps(again, tags=tags) == once


def check_bytes(data: bytes, tags: Sequence[str] | None) -> None:
    """``load`` on bytes gives a listing, or raises ParseError because it cannot decode.

    Bytes that are UTF-8 give the listing their text gives.
    """
    try:
        listing = bloglist.load(io.BytesIO(data), tags=tags)
    except ParseError as err:
        assert err.code in BYTES_CODES, err
        assert err.lineno >= 1 and err.colno >= 1
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assert listing == bloglist.loads(text, tags=tags)
    try:
        strict = bloglist.load(io.BytesIO(data), strict=True, tags=tags)
    except ParseError as err:
        assert err.code not in BYTES_CODES, err
    else:
        assert strict == listing
