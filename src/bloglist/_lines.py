"""Bytes -> text -> lines: decoding, where lines break, and what kind of line each is.

Line kinds are decided by content for header lines (``sticky`` and dates) and
by position for everything else. :func:`read_header` owns the header-line
rule: the parser calls it (behind its cache and the cheap :func:`may_be_header`
test, which it inlines), the writer calls it to refuse a title that would read
back as a header, and the tests' oracle calls it too.

Whole texts are split by :func:`split_lines`, or a piece at a time by
:func:`split_pieces`; a file read a piece at a time, by :func:`iter_lines`.
All three give the same lines.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import ClassVar, Final
from unicodedata import category

from ._dates import DATE_DIGITS, DATE_HEADS, DateResult, read_date
from ._errors import ParseError, type_name

__all__ = [
    "BOM",
    "HEADER_DIGITS",
    "HEADER_HEADS",
    "HEADER_INITIALS",
    "STICKY",
    "STICKY_HEADER",
    "STREAM_CACHE_BYTES",
    "STREAM_CACHE_SIZE",
    "Header",
    "LineUnknown",
    "changed_type",
    "checked_piece",
    "column",
    "decode",
    "ending_read1",
    "iter_lines",
    "looks_like_utf16",
    "may_be_header",
    "near_marker",
    "read_header",
    "read_tested_header",
    "split_lines",
    "split_pieces",
    "undecodable",
    "waits_for_data",
]

BOM: Final = "\ufeff"
STICKY: Final = "sticky"

# How many distinct header lines and tag lines a stream remembers, each
# (iterload; the writer's check of tag lines as posts come): 32,768 holds
# every date line of a real listing (sixteen years of days in three
# spellings). Its caches are bounded in bytes too, each to about
# STREAM_CACHE_BYTES at most (header_cost, tag_line_cost): counted by the
# line alone, 32,768 lines of up to a megabyte each (a date line padded with
# spaces, a tag line of many tags) would hold gigabytes. A real listing's
# lines are short, and its caches fill their 32,768 lines first, in a few
# megabytes.
STREAM_CACHE_SIZE: Final = 1 << 15
STREAM_CACHE_BYTES: Final = 1 << 24


def invisible(line: str) -> bool:
    """Whether a stripped, non-empty line starts with a byte order mark, as
    the start of a file joined after another does, or holds only Unicode's
    format characters (U+200B, U+2060, ...), which no screen shows: either
    way the line reads as something else than what a reader sees.

    A line that starts in ASCII is told by its first character.
    """
    first = line[0]
    if first.isascii() or category(first) != "Cf":
        return False
    return first == "\ufeff" or all(category(char) == "Cf" for char in line)


def near_marker(stripped: str) -> bool:
    """Whether *stripped*, a stripped text line, is the sticky marker in
    another case (``Sticky``, ``STICKY``): a text line all the same (the
    marker is matched case-sensitively), which an error about it says.

    >>> near_marker("STICKY"), near_marker("Sticky post")
    (True, False)
    """
    return len(stripped) == len(STICKY) and stripped.casefold() == STICKY


def split_lines(text: str) -> list[str]:
    """Split *text* at ``\\n``, ``\\r\\n`` and ``\\r``, and nowhere else.

    Unlike :meth:`str.splitlines`, U+2028, U+0085, form feeds and the like are
    text inside a line. A leading byte order mark is dropped.
    """
    return _split(text.removeprefix(BOM))


def _split(text: str) -> list[str]:
    return _breaks_as_newlines(text).split("\n")


def _breaks_as_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# How many characters of a whole text split_pieces splits at a time.
TEXT_PIECE: Final = 1 << 16


def split_pieces(text: str, size: int = TEXT_PIECE) -> Iterator[list[str]]:
    """The lines of :func:`split_lines` of *text*, a list at a time: each list
    the lines of about *size* characters of it (from where the one before
    ended to the first line break at or after *size* characters more).

    For ``loads``: a text of a million posts split whole is six million
    lines at once (most of them blank or short) in a list of as many slots;
    a piece at a time, only the lines a post keeps outlive their piece, and
    what the parser reads stays in the processor's caches: 5% to 10%
    quicker from 100,000 posts to a million, and a third less memory
    besides the text's (docs/performance.md).
    """
    text = _breaks_as_newlines(text.removeprefix(BOM))
    find = text.find
    start = 0
    while (end := find("\n", start + size)) >= 0:
        yield text[start:end].split("\n")
        start = end + 1
    yield text[start:].split("\n")


def waits_for_data(fp: object) -> bool | None:
    """Whether a read of the file *fp* waits for data: False when its file
    descriptor is non-blocking (a read then returns nothing for "no data
    yet" as at the end), True when it blocks or *fp* has none (a file in
    memory), None where the system cannot tell (no ``os.get_blocking``:
    Windows before Python 3.12)."""
    get_blocking = getattr(os, "get_blocking", None)
    if get_blocking is None:
        return None
    try:
        return bool(get_blocking(fp.fileno()))  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # UnsupportedOperation is both
        return True


def ending_read1(fp: io.BufferedReader) -> Callable[[int], bytes | None]:
    """``read1`` of *fp*, whose descriptor blocks now, with its end told
    apart from "no data yet" should the descriptor be made non-blocking
    while it is read (by another holder of a pipe's end): ``read1`` then
    gives ``b""`` for both. Only an empty read asks, and only a descriptor
    non-blocking then is read again, raw (the buffer is empty: nothing is
    read twice), where None, no data yet, is the error it is from any read
    (see checked_piece; the command's reader raises its own); a terminal's end, which a second read would wait
    for, is never read twice."""
    read1, raw_read = fp.read1, fp.raw.read

    def read_piece(size: int) -> bytes | None:
        piece = read1(size)
        if piece or waits_for_data(fp) is not False:
            return piece
        return raw_read(size)

    return read_piece


class LineUnknown(Exception):
    """Raised by a *read* of :func:`iter_lines` (the command's line-length
    limit) for a problem with the line that the text read so far leaves
    unfinished, or the next one when it ends in a line break: the reader
    counts no lines, and iter_lines, which does, raises ``error(lineno)``
    in its place. Such a reader raises it again at every later read."""

    def __init__(self, error: Callable[[int], ParseError]) -> None:
        super().__init__()
        self.error = error


def escapes_bytes(fp: object) -> bool:
    """Whether *fp* is standard input as Python opens it in the C and
    POSIX locales, in UTF-8 mode, or as ``PYTHONIOENCODING`` asks: text that
    decodes UTF-8 (or ASCII) with ``errors="surrogateescape"``, where a byte it cannot
    decode is not an error but a character U+DC80 to U+DCFF. Its text is taken back to the
    bytes it was read from (:func:`escaped_bytes`), and read as a binary
    file's: a bad byte is the ParseError of ``"rb"``, at its line and
    column, where the escapes passed for text. (A file the caller opened so
    keeps its escapes: the caller chose them, as to read back what
    ``dump`` wrote with them.)"""
    if fp is not sys.stdin and fp is not sys.__stdin__:
        return False
    if getattr(fp, "errors", None) != "surrogateescape":
        return False
    encoding = getattr(fp, "encoding", None)
    if not isinstance(encoding, str):
        return False
    try:
        # ASCII: the C locale's, where Python's UTF-8 mode and locale
        # coercion are off (PYTHONUTF8=0 PYTHONCOERCECLOCALE=0). Its escapes
        # are those of UTF-8's decoding, of every byte past 0x7f.
        return codecs.lookup(encoding).name in ("utf-8", "ascii")
    except LookupError:
        return False


def escaped_bytes(text: str) -> bytes:
    """*text*, of a file that :func:`escapes_bytes`, as the bytes it was
    decoded from."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        # A surrogate that no decoding of UTF-8 makes (below U+DC80): bytes
        # that no UTF-8 holds, refused as such where they are.
        return text.encode("utf-8", "surrogatepass")


def iter_lines(read: Callable[[], object]) -> Iterator[list[str]]:
    """The lines of a file, a list at a time, read with *read* until it returns nothing.

    *read* returns ``str``, or ``bytes`` that are decoded as :func:`decode`
    decodes them: the encoding from the first bytes, and ParseError at the
    first bad byte, with its line and column. Put together, the lists are
    ``split_lines`` of the whole text, however it was cut into pieces: a
    ``\\r\\n`` split between two pieces is one line break. Each line comes
    out with the piece that holds its line break, a ``\\r`` too: what
    follows cannot change the line, so it does not wait for the next piece,
    and a *read* that raises loses no whole line read before. What *read*
    returns is checked as :func:`checked_piece` checks it, and must keep to
    the type of its first piece. A *read* may raise :class:`LineUnknown`.
    """
    try:
        data = checked_piece(read())
    except LineUnknown as exc:
        raise exc.error(1) from None
    codec = None
    # Whether a read made to tell the encoding found the end: the file is
    # read no further (a terminal's Ctrl-D, read again, waits for more).
    ended = False
    if not isinstance(data, str):
        while 0 < len(data) < _SNIFF:  # enough to tell the encoding
            try:
                more = _bytes(read())
            except LineUnknown:  # raised again at the next read, once the
                break  # lines of what was read are counted
            if not more:
                ended = True
                break
            data += more
        codec = _codec(data)
    to_text = _Text(codec)
    lineno = 1  # the line that the pending text starts on
    pending: list[str] = []  # read, but not known to be whole lines yet
    start = True
    # Whether the text read so far ends in "\r": its line is whole, and was
    # given at once, but a "\n" that starts the next text is the second half
    # of a "\r\n", not a line break of its own.
    cr = False
    # Whether the text so far holds a character outside ASCII: what the error
    # about bytes that end the text in a character says (see undecodable).
    outside = False
    while True:
        final = not data
        try:
            text = to_text(data, final)
        except UnicodeDecodeError as exc:
            assert codec is not None
            good = exc.object[: exc.start].decode(codec)
            if start:
                good = good.removeprefix(BOM)
            if cr and good[:1] == "\n":
                good = good[1:]
            before = _split("".join(pending) + good)
            bad = exc.object[exc.start : exc.end]
            ascii_before = not outside and "".join(pending).isascii() and good.isascii()
            position = lineno + len(before) - 1, len(before[-1]) + 1
            if len(before) > 1:
                # The whole lines before the bad byte's line, as a reader of
                # whole text would have had them, before the error: the posts
                # they hold are not lost because they shared a piece with it.
                yield before[:-1]
            raise undecodable(codec, bad, *position, exc, ascii_before) from None
        if start and text:
            text = text.removeprefix(BOM)
            start = False
        outside = outside or not text.isascii()  # a flag of the str: no scan
        if cr and text:
            cr = False
            if text[0] == "\n":
                text = text[1:]
        if final:
            yield _split("".join(pending) + text)
            return
        if "\n" in text or "\r" in text:
            lines = _split(text)  # two or more: the text holds a break
            if pending:  # no line break in it (nor a last "\r"): a start of line
                lines[0] = "".join(pending) + lines[0]
            pending = [lines.pop()]
            # The line a last "\r" ends is given now, not when the next
            # piece comes: what follows cannot change it.
            cr = text[-1] == "\r"
            lineno += len(lines)
            yield lines
        elif text:
            pending.append(text)
        if ended:
            data = b""
            continue
        try:
            data = _str(read()) if codec is None else _bytes(read())
        except LineUnknown as exc:
            raise exc.error(lineno) from None


class _Text:
    """Turns the pieces of a file into text: bytes are decoded, str is kept."""

    __slots__ = ("_decode",)

    def __init__(self, codec: str | None) -> None:
        self._decode = (
            None if codec is None else codecs.getincrementaldecoder(codec)().decode
        )

    def __call__(self, piece: str | bytes, final: bool) -> str:
        if self._decode is None:
            return _str(piece)
        return self._decode(_bytes(piece), final)


def _bytes(piece: object) -> bytes:
    checked = checked_piece(piece)
    if isinstance(checked, str):
        raise changed_type(piece, b"")
    return checked


def _str(piece: object) -> str:
    checked = checked_piece(piece)
    if not isinstance(checked, str):
        raise changed_type(piece, "")
    return checked


def changed_type(piece: object, first: object) -> TypeError:
    """The error of a file whose ``read()`` returned *piece* after returning
    *first* (or a piece of its type): text after bytes, or bytes after text."""
    return TypeError(
        f"read() returned {type_name(piece)} after returning {type_name(first)}"
    )


def column(line: str) -> int:
    """The 1-based column of the first non-whitespace character of *line*."""
    return len(line) - len(line.lstrip()) + 1


# What a header line says: the sticky marker, or a date or why it is not one.
# Its attributes: sticky (whether the line is the ``sticky`` marker, else a
# date line), date (the date of a date line, or None when it names no real
# day), and code and problem (the diagnostic when a date line names no day).
# A date line's is what read_date returns, so that reading one makes a single
# object.
Header = DateResult


class _StickyHeader(DateResult):
    """What the ``sticky`` marker says."""

    __slots__ = ()

    sticky: ClassVar[bool] = True


STICKY_HEADER: Final[Header] = _StickyHeader(None)

# The cheap test in front of the rule. Every header line starts with a digit
# or with one of HEADER_INITIALS, and then either is "sticky" or starts with
# one of the DATE_HEADS (the first three letters of a month, in any case).
HEADER_DIGITS: Final = DATE_DIGITS
HEADER_HEADS: Final = DATE_HEADS
HEADER_INITIALS: Final = frozenset(head[0] for head in DATE_HEADS) | {STICKY[0]}


def may_be_header(stripped: str) -> bool:
    """Whether a stripped, non-empty line passes the cheap test for a header line.

    Every line :func:`read_header` reads as a header passes it, and few other
    lines do. The parser runs the same expression inline.
    """
    first = stripped[0]
    return first in HEADER_DIGITS or (
        first in HEADER_INITIALS
        and (stripped[:3] in HEADER_HEADS or stripped == STICKY)
    )


def read_header(stripped: str) -> Header | None:
    """Read a stripped line as a header line: the one owner of that rule.

    Returns ``None`` for a line that is not a header line (a title, an excerpt,
    a tag line), else what it says: :data:`STICKY_HEADER` for ``sticky``, a
    date, or the problem with a date-shaped line.
    """
    if stripped == STICKY:
        return STICKY_HEADER
    return read_date(stripped) if stripped and may_be_header(stripped) else None


def read_tested_header(stripped: str) -> Header | None:
    """:func:`read_header` for a line known to pass :func:`may_be_header`.

    The parser's way in: it runs the cheap test inline, and needs no second run.
    """
    return STICKY_HEADER if stripped == STICKY else read_date(stripped)


def checked_piece(piece: object) -> str | bytes:
    """What a file's ``read()`` returned, as ``str`` or ``bytes``, or TypeError.

    ``str`` is text, and ``bytes``, ``bytearray`` and ``memoryview`` are bytes;
    anything else is refused, and so is ``None``, which a non-blocking file
    returns when it has no data yet: parsing what was read so far would cut
    the listing short without a word.
    """
    if isinstance(piece, (str, bytes)):
        return piece
    if isinstance(piece, (bytearray, memoryview)):
        return bytes(piece)
    if piece is None:
        raise TypeError(
            "read() returned None: the file is non-blocking and has no data yet; "
            "bloglist reads blocking files only"
        )
    raise TypeError(f"read() returned {type_name(piece)}, not str or bytes")


def decode(data: bytes) -> str:
    """Decode *data*: UTF-16 after its byte order mark, else UTF-8.

    Bytes that cannot be decoded raise ParseError at the line and column of
    the first bad character, and so do bytes that start with a UTF-32 byte
    order mark. The byte order mark stays in the text, as U+FEFF, for
    :func:`split_lines` to drop.
    """
    codec = _codec(data)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        # What comes before the bad bytes decodes: it is where they are.
        read = data[: exc.start].decode(codec)
        lines = split_lines(read)
        bad = data[exc.start : exc.end]
        ascii_before = read.removeprefix(BOM).isascii()
        raise undecodable(
            codec, bad, len(lines), len(lines[-1]) + 1, exc, ascii_before
        ) from None


def _codec(data: bytes) -> str:
    """The codec for bytes that start with *data*: UTF-16 after its mark, else UTF-8."""
    if data.startswith(_UTF32_BOMS):
        # Checked first: the little-endian one starts like UTF-16's.
        raise ParseError(
            "the bytes start with a UTF-32 byte order mark; "
            "bloglist reads UTF-8 and UTF-16",
            1,
            1,
            code="unsupported-encoding",
        )
    codec = utf16_codec(data)
    if codec is not None:
        return codec
    if looks_like_utf16(data):
        # As UTF-8, such text is a NUL after every character: posts made of
        # layout errors, or titles that print as nothing. Its encoding is the
        # one problem to report.
        raise ParseError(
            "the bytes look like UTF-16 without a byte order mark (a NUL byte "
            "beside every character); bloglist reads UTF-8, and UTF-16 after "
            "its byte order mark",
            1,
            1,
            code="unsupported-encoding",
        )
    return "utf-8"


def other_bom(head: bytes) -> str | None:
    """The encoding other than UTF-8 that *head*, the first bytes, names by
    its byte order mark (``"UTF-16"`` or ``"UTF-32"``), or None."""
    if head.startswith(_UTF32_BOMS):
        return "UTF-32"
    return "UTF-16" if head[:2] in _UTF16_BOMS else None


def utf16_codec(head: bytes) -> str | None:
    """The UTF-16 codec that *head*, the first bytes, names by its byte order
    mark; None for any other start, UTF-32's marks included (the
    little-endian one starts like UTF-16's)."""
    if head.startswith(_UTF32_BOMS):
        return None
    return _UTF16_BOMS.get(head[:2])


# How many of the first bytes decide the encoding: enough for any byte order
# mark (UTF-32's has four) and for two UTF-16 characters. ``load`` and
# ``iterload`` (which reads until it has them) look at the same bytes.
_SNIFF: Final = 4


def looks_like_utf16(data: bytes) -> bool:
    """Whether bytes that start with *data* are ASCII text in UTF-16 with no
    byte order mark, by their first :data:`_SNIFF` bytes: two characters,
    each a NUL byte beside another byte (after it, little-endian; before it,
    big-endian). Text in UTF-8 holds a NUL only where the text itself does: a
    listing does not start so, and the writers refuse to start one so."""
    head = data[: min(len(data), _SNIFF) // 2 * 2]
    units = len(head) // 2
    if units < 2:
        return False
    low, high = head[0::2], head[1::2]
    return (high.count(0) == units and low.count(0) == 0) or (
        low.count(0) == units and high.count(0) == 0
    )


# What the error about bytes that are not UTF-8 says to do: most such text
# was saved in a single-byte encoding.
_TO_CONVERT: Final = (
    "text in another encoding, such as Windows-1252 or Latin-1, "
    "needs converting to UTF-8 first (iconv -f windows-1252 -t utf-8)"
)
# What it says of bytes of another encoding after UTF-8 text outside ASCII.
_MIXED: Final = (
    "the text before it is UTF-8, with characters outside ASCII, which "
    "converting the whole text from another encoding would garble: correct "
    "the bytes at this place (text pasted from a file in another encoding, "
    "such as Windows-1252)"
)
# What it says of bytes that start a character at the very end of the text:
# a download that stopped leaves such a file.
_CUT: Final = (
    ": the text ends in the middle of a character, as a file cut short does"
    " (a download that stopped: fetch it again)"
)


def undecodable(
    codec: str,
    bad: bytes,
    lineno: int,
    colno: int,
    exc: UnicodeDecodeError,
    ascii_before: bool,
) -> ParseError:
    """The error for *bad* bytes, which *codec* cannot decode (*exc*), at
    lineno and colno, after text all in ASCII or not (*ascii_before*, a byte
    order mark at its start left out): the one wording of ``invalid-utf8``
    and ``invalid-utf16``, for listings and for JSON Lines."""
    if codec == "utf-8":
        msg = f"byte 0x{bad[0]:02x} is not valid UTF-8"
        if exc.reason != "unexpected end of data":
            # Text outside ASCII read as UTF-8 before them: the text mixes
            # encodings, which converting all of it would garble.
            msg += f"; {_TO_CONVERT if ascii_before else _MIXED}"
        elif ascii_before:
            # The bytes start a character, and the text ends in it: a file
            # cut short, or one in another encoding whose last character
            # reads so (`café` in Latin-1). Only text outside ASCII read as
            # UTF-8 before it tells (a byte order mark does not: an editor
            # writes one in any encoding it is told to).
            msg += f"{_CUT}; or {_TO_CONVERT}"
        else:
            msg += _CUT
        code = "invalid-utf8"
    elif len(bad) < 2:
        msg, code = "the UTF-16 text ends in half a character", "invalid-utf16"
    else:
        unit = int.from_bytes(bad[:2], "little" if codec.endswith("le") else "big")
        msg = f"unpaired surrogate 0x{unit:04x} is not valid UTF-16"
        code = "invalid-utf16"
    return ParseError(msg, lineno, colno, code=code)


# The byte order marks that name an encoding other than UTF-8.
_UTF16_BOMS: Final = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_UTF32_BOMS: Final = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
