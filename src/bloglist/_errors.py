"""ParseError, and the one way the package's messages are worded.

Every module that checks an argument or words a message uses these helpers, so
that "an int but not a bool" and "1 post, 2 posts" have a single owner.
"""

from __future__ import annotations

import builtins
import codecs
import datetime
import io
import math
import operator
import os
import reprlib
import warnings
from collections.abc import Iterable
from functools import partial
from typing import Any, Final, SupportsIndex, TypeGuard

__all__ = [
    "ParseError",
    "at_position",
    "check_bool",
    "check_index",
    "check_int",
    "check_str",
    "checked_known_tags",
    "first_difference",
    "lacks_utcoffset",
    "not_a",
    "offset_problem",
    "plural",
    "printable",
    "quote",
    "quote_id",
    "refuse_path",
    "shown_int",
    "shown_time",
    "takes_bytes",
    "type_name",
]

_SHORT: Final = 40


def quote(text: str, *, escaped: bool = False) -> str:
    """*text* quoted for a message, cut short if long; with *escaped*, its
    characters outside ASCII as escapes (``'Caf\\xe9'``).

    A message never holds more than a few dozen characters of the input, so a
    diagnostic stays small however long the line it is about.
    """
    form = ascii if escaped else repr
    if len(text) > _SHORT:
        return form(text[: _SHORT - 1]) + "…"
    return form(text)


def quote_id(value: object) -> str:
    """An archived post's id quoted for a message: whole, as bloglist writes
    it (45 characters), to paste into a query of the archive file; cut short
    as :func:`quote` cuts text when it is longer than any id bloglist writes,
    and anything but text shown as :func:`reprlib.repr` shows it (values of
    a file from a stranger)."""
    if not isinstance(value, str):
        return reprlib.repr(value)
    return repr(value) if len(value) <= _ID_WHOLE else quote(value)


# The longest id quote_id quotes whole: bloglist's ids are 45 characters.
_ID_WHOLE: Final = 100


def quote_all(texts: tuple[str, ...]) -> str:
    """*texts* as a tuple's repr shows them, each quoted as :func:`quote`
    quotes it, and the first few only (``…`` for the rest): ``('A', 'B')``.
    """
    shown = [quote(text) for text in texts[:_ITEMS]]
    if len(texts) > _ITEMS:
        shown.append("…")
    return f"({shown[0]},)" if len(texts) == 1 else f"({', '.join(shown)})"


# How many items of a tuple a message shows.
_ITEMS: Final = 10

# How many characters before where two texts first differ a message shows.
_LEAD: Final = 10


def first_difference(before: str, after: str) -> int:
    """Where *before* and *after* first differ: the length of the shorter if
    one starts the other (for :func:`quote_from`)."""
    return next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )


def quote_from(text: str, at: int, *, escaped: bool = False) -> str:
    """*text* quoted as :func:`quote` quotes it, but so that its place *at*
    shows: a text that :func:`quote` would cut short before *at* (or just
    after it) is shown from a few characters before it, with ``…`` for what
    is left out. For a message that shows two texts side by side, *at* where
    they first differ, so that the difference shows however far into them it
    is.
    """
    if len(text) <= _SHORT or at < _SHORT - _LEAD:
        return quote(text, escaped=escaped)
    return "…" + quote(text[at - _LEAD :], escaped=escaped)


def printable(text: str) -> str:
    """*text* with line breaks, control characters and the other characters
    ``str.isprintable`` refuses (invisible ones among them) shown as escapes
    (``\\n``, ``\\x1b``, ``\\u200b``), and a backslash as ``\\\\``, so that a
    title printed on a line stays on it and cannot move a terminal's cursor:
    the command's tables and ``str(Diff)``. (Characters that Python counts
    printable but that show nothing, such as an emoji's variation selector,
    stay as they are; ``str(Change)`` escapes both sides of an edit that
    would read the same.)"""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(
        c if (c.isprintable() and c != "\\") or c == " " else repr(c)[1:-1]
        for c in text
    )


def shown_int(value: int) -> str:
    """*value* as a message writes it: in full up to 40 digits, else its
    first digits and how many there are (``123456789012…(4,300 digits)``),
    or, past about 4,300 digits or the most Python writes as text
    (:func:`sys.get_int_max_str_digits`), a power of ten it passes
    (``10**4999 or more``): a huge number given by mistake neither floods
    the message nor breaks it, nor takes long to write."""
    if -_SHORT_INT < value < _SHORT_INT:
        return str(value)
    sign = "-" if value < 0 else ""
    bits = abs(value).bit_length()
    if bits <= _MOST_BITS:
        try:
            text = str(abs(value))
        except ValueError:  # past the interpreter's limit of digits
            pass
        else:
            return f"{sign}{text[:12]}…({len(text):,} digits)"
    # The power of ten it passes, from its bits alone: a number of millions
    # of digits takes seconds to write as text, with the limit lifted.
    power = int((bits - 1) * _LOG10_2)
    return f"{sign}10**{power} or {'less' if sign else 'more'}"


# The most bits of a number shown_int writes as text: 4,300 digits and some
# (Python's default limit of digits); log10(2), to count a power's digits.
_MOST_BITS: Final = 14_300
_LOG10_2: Final = math.log10(2)
# The least number of more than 40 digits.
_SHORT_INT: Final = 10**_SHORT


def plural(n: int, noun: str) -> str:
    """*n* and *noun*, with an ``s`` unless *n* is 1: ``1 post``, ``2 posts``."""
    return f"{shown_int(n)} {noun}{'' if n == 1 else 's'}"


def type_name(value: object) -> str:
    """The name of *value*'s type, for a TypeError message; with its module
    when the name is that of a built-in type it is not (numpy 2's ``bool``
    is ``numpy.bool``), so that no message says "must be a bool, not bool"."""
    kind = type(value)
    name = kind.__name__
    if kind.__module__ != "builtins" and isinstance(
        getattr(builtins, name, None), type
    ):
        return f"{kind.__module__}.{kind.__qualname__}"
    return name


def is_iterable(value: object) -> TypeGuard[Iterable[Any]]:
    """Whether a ``for`` loop can read *value*: it is an
    :class:`~collections.abc.Iterable`, or a sequence of the old protocol
    (``__getitem__`` alone, which ``iter()`` also takes)."""
    kind = type(value)
    return isinstance(value, Iterable) or (
        not hasattr(kind, "__iter__") and hasattr(kind, "__getitem__")
    )


# Text, which a loop reads a character (or a number) at a time: never what
# an argument that takes items means.
TEXT: Final = (str, bytes, bytearray, memoryview)


def check_index(value: object, what: str) -> int:
    """*value* as an int, for an argument that counts or numbers: an int, or
    an integer of another type that :func:`operator.index` takes, as a list
    index does (numpy's ``int64``); a bool is none (nor numpy's bool, which
    has no ``__index__``). Else TypeError naming *what*."""
    if type(value) is int:
        return value
    if isinstance(value, SupportsIndex) and not isinstance(value, bool):
        try:
            return operator.index(value)
        except TypeError:  # an __index__ that refuses (numpy 1's bool)
            pass
    raise TypeError(f"{what} must be an int, not {type_name(value)}")


def check_str(value: object, what: str) -> str:
    """*value* if it is a str (a subclass too), else TypeError naming *what*."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type_name(value)}")
    return value


def check_int(value: object, what: str) -> int:
    """*value* if it is an int (a bool is not), else TypeError naming *what*."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not {type_name(value)}")
    return value


def lacks_utcoffset(tzinfo: object) -> bool:
    """Whether *tzinfo* is a :class:`datetime.tzinfo` whose class does not
    implement ``utcoffset()``, as a bare ``datetime.tzinfo()``: it gives no UTC
    offset, and a datetime holding it raises NotImplementedError wherever its
    offset is asked for (comparing, converting, ``isoformat()``)."""
    return (
        isinstance(tzinfo, datetime.tzinfo)
        and type(tzinfo).utcoffset is datetime.tzinfo.utcoffset
    )


# A UTC offset is less than this either way (datetime's rule).
_DAY: Final = datetime.timedelta(days=1)


def offset_problem(moment: datetime.datetime) -> str | None:
    """What is wrong with the UTC offset the timezone of *moment* gives, in
    words (``its timezone (Zone) gives ..., where ...``), when datetime would
    refuse it from deep inside: an offset of a day or more either way, or
    anything but a timedelta or None. None when it gives one it takes (None
    included), when *moment* is naive, or when its timezone does not
    implement ``utcoffset()`` (see :func:`lacks_utcoffset`). The timezone is
    asked itself, and its own errors pass through."""
    zone = moment.tzinfo
    if zone is None or lacks_utcoffset(zone):
        return None
    offset = zone.utcoffset(moment)
    if offset is None or (
        isinstance(offset, datetime.timedelta) and -_DAY < offset < _DAY
    ):
        return None
    return (
        f"its timezone ({type_name(zone)}) gives {offset!r}, where a timedelta"
        " of less than a day either way is wanted"
    )


def shown_time(moment: datetime.datetime) -> str:
    """*moment* in ISO form for a message: without an offset when its
    timezone gives none that datetime takes (see :func:`offset_problem`),
    where ``isoformat()`` itself would raise."""
    if offset_problem(moment) is not None:
        return moment.replace(tzinfo=None).isoformat()
    return moment.isoformat()


# What a reader's error adds when the whole text it was given is one line
# that looks like a file's name (loads("listing.txt")), then how to read it.
WHOLE_TEXT_A_NAME: Final = (
    "; the whole text is this one line, which looks like a file's name: to "
    "read the file, "
)


def mixup_hint(given: object, data: str, file: str, path: str = "") -> str:
    """What a function that takes a str says to do when *given* something
    else: ``"; "`` and *data* for bytes (``bytes``, ``bytearray``,
    ``memoryview``), *file* for a file object (one with a ``read()``
    method), *path* for a path object, nothing for anything else (nor
    where the words for it are empty)."""
    if isinstance(given, (bytes, bytearray, memoryview)):
        said = data
    elif callable(getattr(given, "read", None)):
        said = file
    elif isinstance(given, os.PathLike):
        said = path
    else:
        said = ""
    return f"; {said}" if said else ""


def refuse_path(fp: object, name: str, opening: str, call: str) -> None:
    """TypeError when *fp*, given to the function *name* for a file object,
    is a path (a str, bytes, as ``open()`` takes too, or a path object): the
    message shows how to open it (``with`` *opening* ``as fp:`` *call*).
    Text that holds a line break is refused before, as a listing's text."""
    if isinstance(fp, (str, bytes, os.PathLike)):
        raise TypeError(
            f"{name}() takes a file object, not a path ({type_name(fp)}); "
            f"open the file and pass that: with {opening} as fp: {call}"
        )


# io's own files, which say whether they are open for writing.
_IO_FILES: Final = (
    io.FileIO,
    io.BufferedReader,
    io.BufferedWriter,
    io.BufferedRandom,
    io.BufferedRWPair,
    io.TextIOWrapper,
    io.BytesIO,
    io.StringIO,
)


def refuse_closed(fp: object, name: str, *, writing: bool = False) -> None:
    """ValueError when *fp*, a file object given to the function *name*, is
    closed or, for a writer (*writing*), a file that says it is not open for
    writing (``writable()``: io's own files, and a class that answers it
    itself): said at the call, before any post is read from the stream of
    them that the call may have been given (which could not be read again),
    or any line of the file; not by the file's own read or write from
    inside."""
    if getattr(fp, "closed", False) is True:
        raise ValueError(f"{name}() was given a closed file: open it again")
    if writing and _says_unwritable(fp):
        raise ValueError(
            f'{name}() was given a file not open for writing: open it with "w" (or "a")'
        )


def _says_unwritable(fp: object) -> bool:
    # IOBase's writable() is False for a class of the caller's own that
    # writes all the same, with write() alone (a tee, a logging sink): asked
    # only of io's own files (BufferedReader, open(path, "rb"), answers with
    # IOBase's) and of a class with a writable() of its own.
    writable = getattr(type(fp), "writable", None)
    if not isinstance(fp, _IO_FILES) and writable in (None, io.IOBase.writable):
        return False
    return not fp.writable()  # type: ignore[attr-defined]


# Writers that take str though their mode says "b" (codecs.open's files).
_TEXT_WRITERS: Final = (io.TextIOBase, codecs.StreamWriter, codecs.StreamReaderWriter)


def takes_bytes(fp: object) -> bool | None:
    """Whether the file object *fp* takes bytes: True for a binary file
    object, an :class:`mmap.mmap` or one whose ``mode`` holds ``"b"`` (such
    as ``tempfile.NamedTemporaryFile()``, which wraps its file), False for a
    text file (the text writers of :func:`codecs.open` too, whose mode says
    ``"b"``), None when it does not say (an object of the caller's own with a
    ``write`` method). The one test of every writer that takes a file."""
    import mmap  # here: no part of `import bloglist` needs it

    if isinstance(fp, _TEXT_WRITERS):
        return False
    if isinstance(fp, (io.RawIOBase, io.BufferedIOBase, mmap.mmap)):
        return True
    mode = getattr(fp, "mode", None)
    if isinstance(mode, str):
        return "b" in mode
    return None


def not_a(kind: str, what: str, index: int, item: object) -> TypeError:
    """The TypeError for *item*, at *index* of the argument *what*, which is
    not a *kind* (a class's name): ``posts[1] must be a Post, not str``."""
    return TypeError(f"{what}[{index}] must be a {kind}, not {type_name(item)}")


def checked_known_tags(known: Iterable[str], what: str = "known_tags") -> list[str]:
    """The names of *known* (``known_tags=``, or the keyword named *what*),
    read once, or TypeError naming *what* if it is no iterable of str: for a
    reader to refuse before it reads its file."""
    if isinstance(known, str):
        raise TypeError(f"{what} must be an iterable of tag names, not a str")
    # Bytes (and a memoryview of them) iterate as ints: refused by their
    # name, not by the first int's.
    given: object = known  # checked for callers without a type checker
    if isinstance(given, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"{what} must be an iterable of tag names, not {type_name(known)}"
        )
    try:
        names_given = iter(known)
    except TypeError:
        raise TypeError(
            f"{what} must be an iterable of tag names, not {type_name(known)}"
        ) from None
    names: list[str] = []
    for name in names_given:
        if not isinstance(name, str):
            raise TypeError(f"{what} must be an iterable of str, got {type_name(name)}")
        names.append(name)
    return names


def known_tags_given(
    known_tags: Iterable[str] | None, tags: Iterable[str] | None, call: str
) -> Iterable[str] | None:
    """The known tag names that *call* was given, as ``known_tags=`` or by the
    keyword's old name, ``tags=``, which warns (DeprecationWarning, at the
    caller of *call*). Both at once are a TypeError."""
    if tags is None:
        return known_tags
    if known_tags is not None:
        raise TypeError(
            f"{call}() takes known_tags= or tags=, not both: tags= is the old"
            " name of known_tags="
        )
    warnings.warn(
        f"{call}(tags=...) is deprecated: pass the known tag names as"
        " known_tags=...; tags= will be removed in a future release",
        DeprecationWarning,
        stacklevel=3,  # this function, *call*, then the code that called it
    )
    # Checked here, by the name the caller wrote: later checks name known_tags.
    return checked_known_tags(tags, "tags")


def check_bool(value: object, what: str) -> bool:
    """*value* if it is a bool, else TypeError naming *what*. Options are not
    read by their truth: ``"false"`` from a settings file would count as on,
    and ``None`` as off."""
    if not isinstance(value, bool):
        raise TypeError(f"{what} must be a bool, not {type_name(value)}")
    return value


def at_position(msg: str, lineno: int, colno: int) -> str:
    """*msg* with its place in the input: ``msg (at line L, column C)``."""
    return f"{msg} (at line {shown_int(lineno)}, column {shown_int(colno)})"


def reduced(
    error: BaseException, made: tuple[Any, tuple[Any, ...]], fields: Iterable[str]
) -> tuple[Any, ...]:
    """``__reduce__`` of an *error* pickled as *made* (a callable and its
    arguments: the error's own constructor and the *fields* it takes), not by
    its message; what else was set on it (add_note's ``__notes__``, a
    caller's own attributes) goes as its state, as other exceptions keep
    theirs."""
    skip = set(fields)
    state = {name: value for name, value in vars(error).items() if name not in skip}
    return (*made, state) if state else made


class BloglistError(Exception):
    """The base of every error bloglist defines: one ``except`` catches them all.

    :class:`ParseError`, :class:`WriteError`, :class:`AllGoneError`,
    :class:`PageError` and :class:`ScrapeOrderError` are also
    :class:`ValueError`\\ s, as they were before this base existed;
    :class:`ArchiveError` is not. What bloglist raises for an argument it
    cannot take (a ``TypeError`` for a value of the wrong type, a
    ``ValueError`` for one out of range, an ``IndexError`` for a page past
    the end) is a built-in error, not a BloglistError: it is a mistake in
    the calling code, not a problem of the data or the file.

    >>> import bloglist
    >>> try:
    ...     bloglist.loads("sticky", strict=True)
    ... except bloglist.BloglistError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    ParseError True
    """

    __module__ = "bloglist"


class ParseError(BloglistError, ValueError):
    """The input is not a valid listing.

    Raised by a strict parse at the first error; by :func:`bloglist.load` and
    :func:`bloglist.iterload`, in lenient mode too, for bytes they cannot
    decode (not UTF-8, broken UTF-16, an encoding bloglist does not read);
    and by :func:`bloglist.from_json` and
    :func:`bloglist.from_jsonl` at the first problem. Like
    :class:`json.JSONDecodeError`, it carries the message and the place apart
    from the text.

    Attributes:
        msg: What is wrong, without the position.
        lineno: 1-based line of the problem.
        colno: 1-based column (in characters) of the problem.
        code: The stable short code of the problem, as in
            :attr:`bloglist.Diagnostic.code`.

    >>> import bloglist
    >>> try:
    ...     bloglist.loads("Feb 30, 2024\\n\\nA title\\n\\nAn excerpt", strict=True)
    ... except bloglist.ParseError as err:
    ...     print(err)
    ...     print(err.lineno, err.colno, err.code)
    date 'Feb 30, 2024' is not a real day (at line 1, column 1)
    1 1 invalid-date
    """

    __module__ = "bloglist"

    def __init__(self, msg: str, lineno: int, colno: int, *, code: str) -> None:
        # Checked for callers without a type checker: the message would
        # otherwise fail on a position that is no int, deep inside.
        check_str(msg, "msg")
        check_str(code, "code")
        # As a Diagnostic refuses them: positions are 1-based, and a code
        # names the problem.
        for name, place in (("lineno", lineno), ("colno", colno)):
            if check_int(place, name) < 1:
                raise ValueError(f"{name} must be 1 or more, not {shown_int(place)}")
        if not code.strip():
            raise ValueError(f"code must not be blank, not {quote(code)}")
        super().__init__(at_position(msg, lineno, colno))
        self.msg = msg
        self.lineno = lineno
        self.colno = colno
        self.code = code

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would call ParseError(text) and fail: keep every part,
        # through the public constructor (or a subclass's), so that a pickle
        # names only bloglist.ParseError (and functools.partial), never a
        # private module.
        made = partial(type(self), code=self.code), (self.msg, self.lineno, self.colno)
        return reduced(self, made, _FIELDS)


# What ParseError's constructor sets, which its pickle passes to it.
_FIELDS: Final = frozenset({"msg", "lineno", "colno", "code"})
