"""How the readers read a file: the checks of the file object that
:func:`~bloglist.load` and :func:`~bloglist.iterload` are given, and the read
each kind of file is read with (a buffered file's ``read1``, a raw file of
the caller's own, a non-blocking descriptor, a socket with a timeout, a text
file whose text is bytes escaped).

Nothing here parses: :mod:`bloglist._parse` calls :func:`reader_of` on the
file it is given, then reads it with what :func:`piece_reader` (a piece at a
time) or :func:`held_reader` and :func:`raw_reader` (whole) return.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Callable, Iterator
from types import CodeType
from typing import Final

from ._errors import ParseError, refuse_closed, refuse_path, type_name
from ._lines import (
    changed_type,
    checked_piece,
    ending_read1,
    escaped_bytes,
    escapes_bytes,
    utf16_codec,
    waits_for_data,
)

__all__ = [
    "PIECE",
    "TEXT_MODE_NOTE",
    "bytes_again",
    "file_lines",
    "held_reader",
    "no_utf16_as_text",
    "piece_reader",
    "raw_reader",
    "reader_of",
    "rest_of_non_blocking",
    "text_over_held",
]

# How much the readers ask a file for at a time.
PIECE: Final = 1 << 16


def bytes_again(read: Callable[..., object]) -> Callable[..., object]:
    """*read*, whose text comes back as :func:`escaped_bytes` makes it
    (its first bytes checked by :func:`no_utf16_as_text`)."""
    head: bytes | None = b""  # the first bytes, None once checked

    def read_bytes(*size: int) -> object:
        nonlocal head
        piece = read(*size)
        if isinstance(piece, str):  # anything else is refused as before
            piece = escaped_bytes(piece)
        if head is not None and isinstance(piece, bytes):
            # Four bytes, as many as tell the encoding, or all there are.
            head += piece[: 4 - len(head)]
            if len(head) == 4 or not piece:
                no_utf16_as_text(head)
                head = None
        return piece

    return read_bytes


def no_utf16_as_text(head: bytes) -> None:
    """ParseError if *head*, the first bytes of a file that
    :func:`escapes_bytes`, is a UTF-16 byte order mark: such a file may
    have changed the text's line breaks as it read it (standard input on
    Windows, or a text file of the default ``newline=None`` that a program
    put in its place, makes a "\\r" of UTF-16's a line break), so the bytes
    it was read from cannot be known."""
    # (utf16_codec takes no UTF-32 mark, which the decoding refuses as such.)
    if utf16_codec(head) is not None:
        raise ParseError(
            "standard input starts with a UTF-16 byte order mark, but is read "
            "as text that decodes UTF-8; read sys.stdin.buffer, which "
            "bloglist decodes",
            1,
            1,
            code="unsupported-encoding",
        )


def piece_reader(fp: object, read: Callable[..., object]) -> Callable[..., object]:
    """What :func:`iterload` reads *fp* with, *read* its ``read``: ``read1``
    for a plain ``io.BufferedReader`` (what ``open(path, "rb")``,
    ``sys.stdin.buffer``, a subprocess's output and a socket's ``makefile``
    are) whose file waits for data: its descriptor blocks, or is a socket's
    with a timeout, which waits itself (then raises TimeoutError); for one
    with no descriptor, :func:`held_reader`. A text terminal is read a line
    at a time, a text file over a raw file of the caller's own by
    :func:`text_over_held`. Not ``read1`` for one whose
    descriptor is non-blocking (its ``read`` returns None, an error), nor
    for any other object, whose ``read`` may be the caller's own (a
    subclass, a wrapper that counts what is read) where its ``read1`` is
    not."""
    if type(fp) is not io.BufferedReader:
        if isinstance(fp, io.TextIOBase) and fp.isatty():
            # A terminal's text ends at one Ctrl-D at the start of a line,
            # which readline() gives as ""; read(size) would wait for a
            # second after it. (Its binary buffer is read as the command
            # reads it: see ending_read1.)
            return _noting_text_mode(lambda size: fp.readline())
        return text_over_held(fp, read) or read
    held = held_reader(fp)
    if held is not None:
        return held
    # Where the system cannot tell (None), read: a file that gives no data
    # yet is then an error, not taken for the end.
    waits = waits_for_data(fp)
    if waits is False and _socket_waits(fp.raw):
        return fp.read1
    if waits is True:
        return ending_read1(fp)
    return read


def held_reader(fp: object) -> Callable[[int], bytes | None] | None:
    """For a plain ``io.BufferedReader`` with no descriptor, over a raw file
    of the caller's own, what :func:`load` and :func:`iterload` read it with
    (else None). Such a raw file may give "no data yet" (None), which the
    reader's ``read1`` turns into ``b""`` and its ``read()`` into the end of
    what it returns, as at the end of the file: this reads with ``read1``
    (what the raw file gives now: posts come as they arrive), and asks the
    raw file itself again when that gives nothing (the buffer then empty,
    nothing is read twice), so that a None it gives then is the error it is
    from any read (see checked_piece). The cost: a raw file's end (``b""``)
    is asked for twice, which a raw file of a terminal's kind waits for."""
    if type(fp) is not io.BufferedReader or _has_descriptor(fp):
        return None
    read1, raw = fp.read1, fp.raw

    def read_held(size: int) -> bytes | None:
        # A raw file that closed itself at its end has ended.
        return read1(size) or (b"" if raw.closed else raw.read(size))

    return read_held


def raw_reader(fp: object) -> Callable[[int], bytes | None] | None:
    """For a raw file of the caller's own (an ``io.RawIOBase`` with no
    descriptor) whose ``read`` is the io module's, what :func:`load` reads
    it with (else None): its ``read(size)``, which gives None for "no data
    yet", where its ``read()`` (``readall``) ends what it returns there, as
    at the end of the file, once it has read something."""
    if (
        not isinstance(fp, io.RawIOBase)
        or type(fp).read is not io.RawIOBase.read
        or _has_descriptor(fp)
    ):
        return None
    return fp.read


def _has_descriptor(fp: object) -> bool:
    try:
        fp.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # UnsupportedOperation is both
        return False
    return True


def _socket_waits(raw: object) -> bool:
    """Whether *raw* is a socket's raw file (``socket.makefile``'s) whose
    socket waits for data up to a timeout: its descriptor is non-blocking,
    but a read that finds no data waits, then raises TimeoutError, rather
    than give nothing. A timeout of 0 (``setblocking(False)``) does not
    wait; nor does None with a non-blocking descriptor: the socket takes
    itself for blocking, its descriptor made non-blocking under it, so that
    a read finds no data yet as well."""
    import socket  # here: only such a file needs it

    if not isinstance(raw, socket.SocketIO):
        return False
    # SocketIO keeps its socket as _sock (since Python 3.0).
    seconds = raw._sock.gettimeout()  # type: ignore[attr-defined]
    return seconds is not None and seconds > 0


def rest_of_non_blocking(first: str | bytes, read: Callable[[], object]) -> str | bytes:
    """A non-blocking file read to its end after its first read gave
    *first*: that read stops where the data that has come so far ends, and
    parsing it would cut the listing short without a word. A read that finds
    no data yet (``None``) raises TypeError (see checked_piece), as it does
    for :func:`iterload`; the end is a read that gives nothing."""
    pieces = [first]
    while piece := checked_piece(read()):
        if type(piece) is not type(first):
            raise changed_type(piece, first)
        pieces.append(piece)
    return first[:0].join(pieces)  # type: ignore[arg-type]


def _never_short(fp: object) -> bool:
    """Whether the non-blocking descriptor of *fp*, a text file (which has
    one: its blocking is known), is no reason to refuse it: a regular file's,
    which has all its data at once, or a socket's, unless the file's layers
    show that its reads give nothing for "no data yet".

    A socket with a timeout has a non-blocking descriptor, and its file
    waits for data itself (up to the timeout, then raises TimeoutError); one
    set non-blocking (``setblocking(False)``, a timeout of 0) has the same
    descriptor, and only the socket object tells them apart. So the layers
    are asked where they are known: the raw file of ``makefile``'s text file
    (the text file's ``buffer``, its ``raw``) holds the socket; a raw
    ``io.FileIO`` opened on the descriptor reads it with ``os.read``, which
    no timeout reaches. Any other layers (an ``http.client.HTTPResponse``
    that ``io.TextIOWrapper`` wraps, which waits as its socket does) are
    read as they come.
    """
    mode = os.fstat(fp.fileno()).st_mode  # type: ignore[attr-defined]
    if stat.S_ISREG(mode):
        return True
    if not stat.S_ISSOCK(mode):
        return False
    import socket  # here: only such a file needs it

    raw = getattr(getattr(fp, "buffer", None), "raw", None)
    if isinstance(raw, io.FileIO):
        return False
    return not isinstance(raw, socket.SocketIO) or _socket_waits(raw)


def _holds_line_break(value: object) -> bool:
    """Whether *value* is text (str, bytes, a bytearray or a memoryview of
    bytes) with a line break."""
    if isinstance(value, str):
        return "\n" in value or "\r" in value
    if isinstance(value, (bytes, bytearray)):
        return b"\n" in value or b"\r" in value
    if isinstance(value, memoryview):
        # Bytes, not the bytes of ints or floats. A search reads the buffer
        # where it lies (`in` would compare ints).
        return (
            value.itemsize == 1
            and value.c_contiguous
            and _LINE_BREAK.search(value) is not None
        )
    return False


_LINE_BREAK: Final = re.compile(rb"[\r\n]")


def reader_of(fp: object, name: str) -> Callable[..., object]:
    """The ``read`` method of *fp*, or a TypeError that says what to pass."""
    if _holds_line_break(fp):
        # No file's name, but a listing's text given to the reader of files
        # (loads gives the hint the other way round).
        how = (
            "parse text with bloglist.loads(text)"
            if isinstance(fp, str)
            else f"give the bytes as a file: {name}(io.BytesIO(data))"
        )
        raise TypeError(
            f"{name}() takes a file object, not {type_name(fp)}; this one holds "
            f"a line break, so it is no path but a listing's text: {how}"
        )
    refuse_path(fp, name, 'open(path, "rb")', f"{name}(fp)")
    read = getattr(fp, "read", None)
    if not callable(read):
        raise TypeError(
            f"{name}() takes a file object with a read() method, not {type_name(fp)}"
        )
    # Refused at the call, by both readers: iterload would fail only at the
    # first next(), with the message of the file's read().
    refuse_closed(fp, name)
    sizes = _sizes_taken(read)
    if sizes is not None:
        # A read() of the caller's own that cannot be called as the reader
        # calls it: said here, not by Python from inside the reading.
        needs, takes = sizes
        owner = f"{type_name(fp)}.read()"
        if name == "iterload" and not takes:
            raise TypeError(
                f"iterload() reads a file a piece at a time, with read(size), and "
                f"{owner} takes no size; read it whole with load(fp)"
            )
        if name == "load" and needs:
            raise TypeError(
                f"load() reads a file whole, with read(), and {owner} needs a "
                "size; read it a piece at a time with iterload(fp)"
            )
    if (
        isinstance(fp, io.TextIOBase)
        and waits_for_data(fp) is False
        and not _never_short(fp)
    ):
        # Python's text layer gives "" for "no data yet", as at the end (or
        # fails inside the io module): the rest of the listing would be lost.
        raise TypeError(
            f"{name}() reads a file whose descriptor is non-blocking in binary "
            "mode only: in text mode, a read that finds no data yet looks like "
            'the end of the file; open it with "rb"'
        )
    return _noting_text_mode(read)


# The flag of a function's code that says it takes *args (inspect.CO_VARARGS,
# whose module costs more to import than this module does).
_CO_VARARGS: Final = 0x04


def _sizes_taken(read: Callable[..., object]) -> tuple[bool, bool] | None:
    """Whether *read*, a ``read`` method written in Python, needs an argument,
    and whether it takes one; None for one in C (the io module's, which
    take a size or none) or any other callable, which cannot be told
    without calling it."""
    function = getattr(read, "__func__", read)
    code = getattr(function, "__code__", None)
    if not isinstance(code, CodeType):
        return None
    given = 1 if getattr(read, "__self__", None) is not None else 0
    positional = code.co_argcount - given
    defaults = len(getattr(function, "__defaults__", None) or ())
    varargs = bool(code.co_flags & _CO_VARARGS)
    return positional - defaults > 0, positional > 0 or varargs


# The note a text file's UnicodeDecodeError gets: Python's message counts the
# bad byte from the start of a piece, not of the file, and gives no line.
TEXT_MODE_NOTE: Final = (
    "bloglist: the file is open in text mode, and its own read() failed to "
    'decode it; open it with "rb" (standard input: pass sys.stdin.buffer) '
    "and bloglist decodes it, reporting a byte it cannot decode as a "
    "ParseError at its line and column"
)


def _noting_text_mode(read: Callable[..., object]) -> Callable[..., object]:
    """*read*, whose UnicodeDecodeError (a text file's: bytes never raise it)
    gets :data:`TEXT_MODE_NOTE`; a call a read, a piece of 64 KiB or more."""

    def noted(*args: object) -> object:
        try:
            return read(*args)
        except UnicodeDecodeError as exc:
            exc.add_note(TEXT_MODE_NOTE)
            raise

    return noted


def text_over_held(
    fp: object, read: Callable[..., object]
) -> Callable[..., object] | None:
    """For a text file over a plain ``io.BufferedReader`` with no descriptor
    (see :func:`held_reader`), *read* (its ``read``, as :func:`reader_of`
    gives it) asked the raw file itself whenever it gives nothing: Python's
    text layer takes the raw file's "no data yet" (None) for the end of the
    file, and gives ``""``. The raw file's own answer then tells them apart:
    its end (``b""``) is the end; None, or data that the text layer left
    behind, is the error a binary file's None is (see checked_piece), where
    the text after it would be lost without a word. (So such a raw file is
    asked for its end up to three times: the text layer asks twice.) Else
    None."""
    if not isinstance(fp, io.TextIOBase):
        return None
    if held_reader(getattr(fp, "buffer", None)) is None:
        return None
    raw = fp.buffer.raw  # type: ignore[attr-defined]  # held_reader: a BufferedReader

    def read_text(*size: int) -> object:
        # A raw file that closed itself at its end has ended: the text
        # layer, asked again, would raise for it.
        if raw.closed:
            return ""
        text = read(*size)
        if text == "" and not raw.closed and raw.read(1) != b"":
            checked_piece(None)  # raises: no data yet
        return text

    return read_text


def file_lines(fp: object, name: str) -> Iterator[str | bytes] | None:
    """The lines of *fp* when it is a readable file (an ``io.IOBase``) whose
    ``read`` takes a size, each with the line feed that ends it (the last may
    have none), read a piece at a time as :func:`iterload` reads a file:
    :func:`reader_of`'s checks at the call (*name* is the caller's), then
    :func:`piece_reader`'s read, so that a read that finds no data yet is a
    TypeError, where the file's own lines would end there as at its end (a
    non-blocking pipe, a raw file of the caller's own). Standard input that
    :func:`escapes_bytes` gives the bytes it read. None for anything else,
    whose lines are taken as they come."""
    if not isinstance(fp, io.IOBase):
        return None
    refuse_closed(fp, name)
    if not fp.readable() or not _reads(fp):
        return None  # lines of the caller's own (an io class's __next__ alone)
    read = reader_of(fp, name)
    sizes = _sizes_taken(fp.read)  # reader_of checked it
    if sizes is not None and not sizes[1]:
        return None  # a read() of the caller's own that takes no size
    read = piece_reader(fp, read)
    return _lines_of_pieces(read, escaped=escapes_bytes(fp))


def _reads(fp: io.IOBase) -> bool:
    """Whether *fp*'s class has a ``read`` of its own, or io's that works:
    not io's placeholders, which raise (a class of the caller's own that
    gives its lines with ``__next__`` or ``readline`` alone)."""
    kind = type(fp)
    read = getattr(kind, "read", None)
    if read is None or read in (io.TextIOBase.read, io.BufferedIOBase.read):
        return False
    # RawIOBase's read calls readinto, a placeholder unless the class has one.
    readinto = getattr(kind, "readinto", None)
    return read is not io.RawIOBase.read or readinto is not io.RawIOBase.readinto


def _lines_of_pieces(
    read: Callable[..., object], *, escaped: bool
) -> Iterator[str | bytes]:
    """The lines of what *read* gives a :data:`PIECE` at a time, split at
    line feeds alone (see :func:`file_lines`); with *escaped*, each str piece
    as :func:`escaped_bytes` makes it. A long line is joined once, when its
    end comes."""
    held: list[str | bytes] = []  # the pieces of a line not ended yet
    first: str | bytes | None = None
    while piece := checked_piece(read(PIECE)):
        if escaped and isinstance(piece, str):
            piece = escaped_bytes(piece)
        if first is None:
            first = piece
        elif type(piece) is not type(first):
            raise changed_type(piece, first)
        end: str | bytes = "\n" if isinstance(piece, str) else b"\n"
        at = piece.find(end)  # type: ignore[arg-type]
        if at < 0:
            held.append(piece)
            continue
        held.append(piece[: at + 1])
        yield piece[:0].join(held)  # type: ignore[arg-type]
        *lines, rest = piece[at + 1 :].split(end)  # type: ignore[arg-type]
        for line in lines:
            yield line + end  # type: ignore[operator]
        held = [rest] if rest else []
    if held:
        yield held[0][:0].join(held)  # type: ignore[arg-type]
