"""The parts of the command that its subcommands share.

The option builders and their argument checks (a bad value is a usage error
that names the option), the query and order the options ask for, and the
output: standard output as UTF-8, tables, escaped names and finding lines.
Both ``_cli`` (show, tags, stats, check) and ``_cli_history`` (diff, archive)
build on this module; it imports neither.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import errno
import os
import re
import select as select_module
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Final, NoReturn, get_args

from ._errors import ParseError, printable, shown_int
from ._export import check_iri, check_lang, to_csv
from ._files import SQLITE_HEADER
from ._lines import LineUnknown, ending_read1, utf16_codec
from ._listing import Listing, make_listing
from ._post import Diagnostic
from ._query import SortKey
from ._where import Where
from ._write import write_all

__all__ = [
    "BATCH",
    "FLUSH_SIZE",
    "MAX_LINE",
    "PAGE_SIZE",
    "SQLITE_HEADER",
    "TABLE_ROWS",
    "LineLimit",
    "OutOfMemory",
    "Output",
    "SortKeys",
    "UsageError",
    "add_max_diagnostics",
    "add_max_line_length",
    "archive_said",
    "atom_keywords",
    "check_order",
    "checked",
    "compressed_as",
    "conditions_of",
    "diagnostic_limit",
    "error",
    "feed_id",
    "feed_id_arg",
    "feed_options",
    "feed_title",
    "file_label",
    "finding",
    "is_a_directory",
    "lang_arg",
    "link_arg",
    "nonblank_text",
    "not_a_listing",
    "order",
    "order_options",
    "output_among",
    "page_finding",
    "page_findings",
    "page_past_the_end",
    "positive",
    "printable",
    "printable_tags",
    "query_options",
    "read_ahead",
    "read_once",
    "reader_left_said",
    "said",
    "search_arg",
    "select",
    "shown",
    "shown_name",
    "since_arg",
    "sort_arg",
    "starts_as_json",
    "starts_as_sqlite",
    "stdout_buffer",
    "table_line",
    "tag_arg",
    "text_arg",
    "typed_into",
    "width",
    "write_error",
    "write_table",
    "written_to",
    "year_arg",
]


# A table takes its column widths from its first rows, so that it can be
# printed as the posts are read; a longer cell further down shifts the rest
# of its own row only.
TABLE_ROWS: Final = 100

# How many posts the commands hand the JSON writers at a time.
BATCH: Final = 512


# The longest line the command reads (--max-line-length): far more than any
# title or excerpt, far less than what would exhaust memory.
MAX_LINE: Final = 1 << 20
_BREAK: Final = re.compile(rb"\r\n?|\n")
# A UTF-16 unit's high byte: 0 stays 0, any other becomes 0x40.
_HIGH: Final = bytes([0] + [0x40] * 255)
# What LineLimit reads at a time when asked for the whole file.
_PIECE: Final = 1 << 16


def add_max_line_length(parser: argparse._ActionsContainer) -> None:
    """The ``--max-line-length`` option, as every command that reads takes it."""
    parser.add_argument(
        "--max-line-length",
        type=positive,
        default=MAX_LINE,
        metavar="BYTES",
        help=f"refuse a line longer than this (default: {MAX_LINE}, 1 MiB)",
    )


def add_max_diagnostics(
    parser: argparse._ActionsContainer, default: int | None
) -> None:
    """The ``--max-diagnostics`` option of every command that parses listings."""
    parser.add_argument(
        "--max-diagnostics",
        type=diagnostic_limit,
        default=default,
        metavar="N",
        help="report at most N problems of a listing one by one, and count the "
        "rest in one more; 'all' reports every one "
        f"(default: {'all' if default is None else default})",
    )


def diagnostic_limit(text: str) -> int | None:
    """The value of ``--max-diagnostics``: a whole number of 0 or more, or
    ``all`` (None)."""
    if text == "all":
        return None
    value = _whole_number(text)
    if value is None:
        raise argparse.ArgumentTypeError(
            f"{refused_value(text)} is neither a whole number nor 'all'"
        )
    if value < 0:
        raise argparse.ArgumentTypeError(f"{shown_int(value)} is less than 0")
    return value


class UsageError(Exception):
    """A problem with the command line or the input file: exit status 2.

    *missing* is the name of an input file that does not exist, when that
    is the problem: the command's first word, it may be a command mistyped.
    *before* are errors of the same kind found before it, reported first,
    each on its own line (the unreadable files left after ``--limit``).
    """

    def __init__(
        self,
        message: str,
        *,
        missing: str | None = None,
        before: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.before = before


class OutOfMemory(MemoryError):
    """The system ran out of memory where the command knows what it was
    doing, which its message says whole (``out of memory adding FILE to
    ARCHIVE; added before it: ...``), as the command prints it."""


def finding(label: str, lineno: int, colno: int, code: str, message: str) -> str:
    """The one line a problem is reported in: ``FILE:LINE:COL: code message``
    (the message as the command words it: see :func:`said`)."""
    return f"{label}:{lineno}:{colno}: {code} {said(code, message)}"


def said(code: str, message: str) -> str:
    """*message*, of a diagnostic of *code*, as the command words it: the
    count past the limit names the command's option, ``--max-diagnostics``,
    where the library's names its argument, ``max_diagnostics``."""
    if code == "too-many-diagnostics":
        return message.replace("(max_diagnostics)", "(--max-diagnostics)")
    return message


def write_error(message: str) -> str:
    """The message of a ``WriteError`` as the command words it: the options
    ``--tag-separator`` and ``--known-tag``, where the library's message
    names both its argument and the option."""
    return (
        message.replace(
            "(tag_separator=, or --tag-separator in the command)", "(--tag-separator)"
        )
        .replace("as known_tags= (--known-tag in the command)", "with --known-tag")
        .replace(
            "out of known_tags= (--known-tag in the command)", "out of --known-tag"
        )
    )


# The page a page-overlap warning's post was on before, in the words that
# end its message (anchored there: the title quoted before them may read so).
_OVERLAP_PAGE: Final = re.compile(
    r" was (on|sticky on) page ([0-9]+)(, (?:just before this one|the last page "
    r"before this one with posts that are not sticky), but not among the posts "
    r"that end it and start this one; left out here| and is not sticky here "
    r"\(unpinned since, or shown in its place as well\); left out here)$"
)
# The pages a stitch warning is about: "page 2" or "pages 2 to 4".
_PAGES: Final = re.compile(r"pages? ([0-9]+)(?: to [0-9]+)?")
# The page a page-order warning judges its page against.
# (Its message quotes no title, only dates: nothing else reads so.)
_ORDER_PAGE: Final = re.compile(
    r"^(its posts, dated [^,]*, are all (?:newer|older) than those of )page "
    r"([0-9]+) \("
)


def page_finding(found: Diagnostic, labels: Sequence[str]) -> tuple[int, str]:
    """Where a warning of :func:`bloglist.stitch` belongs, for ``--pages``:
    the index of its page's file among *labels* (the pages' files, in page
    order), and its message without the page number, which the file now
    gives (the stitch is given lists of posts, so that every warning is its
    own). A ``page-gap`` warning also names the files of the pages that added
    no post: ``page 2 (e.txt) is empty``, ``pages 2 to 3 (e.txt to
    f.txt) are empty``; a ``page-order`` warning, the file of the page it
    judges its page against: ``than those of page11.txt (...)``; a
    ``page-overlap`` warning, the file of the page its post was on before:
    ``was on page 1 (p1.txt), just before this one``, ``was sticky on page 1
    (p1.txt) and is not sticky here``."""
    from ._stitch import page_index

    index = page_index(found)
    assert index is not None, found  # every warning of a stitch names its page
    message = found.message.partition(": ")[2]
    # A page-order warning names the page it judges its page against.
    message = _ORDER_PAGE.sub(
        lambda page: f"{page[1]}{labels[int(page[2]) - 1]} (", message, count=1
    )
    # A page-overlap warning names the page its post was on before.
    message = _OVERLAP_PAGE.sub(
        lambda page: (
            f" was {page[1]} page {page[2]} ({labels[int(page[2]) - 1]}){page[3]}"
        ),
        message,
        count=1,
    )
    gap = _PAGES.match(message)  # only a gap's message names pages first
    if gap is None:
        return index, message
    first = int(gap[1]) - 1
    files = labels[first]
    if first < index - 1:
        files += f" to {labels[index - 1]}"
    return index, f"{gap[0]} ({files}){message[gap.end() :]}"


def page_findings(
    stitched: Sequence[Diagnostic],
    labels: Sequence[str],
    reported: Sequence[int],
    limit: int | None,
) -> Iterator[tuple[int, Diagnostic]]:
    """The warnings of :func:`bloglist.stitch` to report for ``--pages``, each
    with the index of its page's file: as :func:`page_finding` places and
    words them, under that file's ``--max-diagnostics`` *limit*, which its
    reading has used *reported* of (per file, the diagnostics it reported).
    Past the limit a file's warnings are counted in one
    ``too-many-diagnostics``, after all the others (as a parse reports its
    count last)."""
    from ._parse import Reporter

    reporters = []
    for count in reported:
        reporter = Reporter(strict=False, limit=limit)
        reporter.count = count
        reporters.append(reporter)
    for found in stitched:
        index, message = page_finding(found, labels)
        made = reporters[index](
            found.lineno, "", found.code, message, found.severity, found.colno
        )
        if made is not None:
            yield index, made
    for index, reporter in enumerate(reporters):
        if reporter.hidden:
            yield index, reporter.summary()


def as_utf8(word: str) -> str:
    """A word of the command line (a file name, an option's value) read as
    UTF-8, whatever the locale.

    Python decodes the command line with the locale's encoding: under a
    Latin-1 locale "über" given in UTF-8 arrives as "Ã¼ber", and under
    ``PYTHONUTF8=0 LC_ALL=C`` as two lone surrogates. The bytes it came
    from, decoded as UTF-8 (bytes that are not UTF-8 as lone surrogates, as
    ``surrogateescape`` makes them), are what the user typed. A file is
    still opened by its name as Python gave it, which gives the system the
    same bytes back.
    """
    if sys.getfilesystemencoding() == "utf-8":
        return word  # decoded as UTF-8 already
    # Only a word as Python decoded it comes here, which os.fsencode always
    # takes back: text decoded once already need not be (see shown). Only a
    # process started under a locale that is not UTF-8 gets here, which no
    # measured test process is: tests/test_cli_streams.py runs the command so.
    return os.fsencode(word).decode("utf-8", "surrogateescape")  # pragma: no cover


# What the commands call the inputs that are no file. A file of one of these
# names is shown as ./NAME (see not_a_label).
STDIN: Final = "<stdin>"
SAMPLE: Final = "<sample>"


def not_a_label(name: str) -> str:
    """*name*, a file's, or ``./NAME`` when it is :data:`STDIN` or
    :data:`SAMPLE`: the same file, shown so that it is never taken for
    standard input or the sample (a file named ``<stdin>``, and ``-``)."""
    return f"./{name}" if name in (STDIN, SAMPLE) else name


def shown_name(name: str) -> str:
    """A file name (or a word) from the command line as messages show it:
    read as UTF-8 whatever the locale (see :func:`as_utf8`), then
    :func:`shown`. An input's name goes through :func:`not_a_label` first."""
    return shown(as_utf8(name))


def archive_said(label: str, *, swapped: bool = False) -> str:
    """What to say of the input *label*, an SQLite file (an archive) given
    where a listing goes; with *swapped*, that ``archive add`` takes the
    archive first."""
    order = "archive add takes the ARCHIVE first, then the listings; " * swapped
    return (
        f"{label} is an SQLite file, not a listing: an archive? "
        f"({order}archive show reads an archive)"
    )


def not_a_listing(
    fp: IO[bytes],
    label: str,
    *,
    swapped: bool = False,
    ahead: tuple[bytes, bool] | None = None,
) -> str | None:
    """What to say of the open input *label* (*fp*) when its first bytes
    show it is not a listing: an SQLite file (an archive; with *swapped*,
    :func:`archive_said`'s hint that ``archive add`` takes the archive
    first), or JSON, as ``--format json`` and ``jsonl`` write (see
    :func:`starts_as_json`; *ahead*, its bytes read already); else ``None``.
    Looked at without reading it."""
    if starts_as_sqlite(fp):
        return archive_said(label, swapped=swapped)
    if (packed := compressed_as(fp)) is not None:
        # A server's compression, which curl --compressed undoes as it saves.
        served = " (curl --compressed decompresses a download)" * (
            packed in ("gzip", "zstd")
        )
        return f"{label} is compressed ({packed}), not a listing: decompress it first{served}"
    if (kind := binary_as(fp)) is not None:
        # Bytes that are no text, each of which would be advice to convert
        # an encoding.
        return (
            f"{label} is {kind}, not a listing (the text of a blog's index "
            "page, as copied or saved as text)"
        )
    if starts_as_json(fp, ahead):
        return (
            f"{label} holds JSON, not a listing: the command reads listings "
            "only (in Python, bloglist.from_json() and bloglist.from_jsonl() "
            "read back what --format json and --format jsonl write)"
        )
    return None


# The start of JSON that holds posts, on its first line: an array as
# --format json writes it ("[" alone, then an object a line), on one line
# ("[{" or "[]"), or an object as --format jsonl writes one a line
# ('{"title": ...', or "{}"), spaces and tabs allowed around. A listing's
# first line is "sticky", a date line, the blank line before the first
# title, or that title itself, which may start so ('{"Quotes"} in titles'):
# then a blank line follows it, where JSON's second line is not blank.
_JSON_START: Final = re.compile(
    rb"""[ \t]* (?:
        \[ [ \t]* (?: \{ | \] [ \t]* (?=[\r\n]|\Z) | (?=[\r\n]|\Z) )
        | \{ [ \t]* (?: " | \} [ \t]* (?=[\r\n]|\Z) | (?=[\r\n]|\Z) )
    )""",
    re.VERBOSE,
)


def starts_as_json(fp: IO[bytes], ahead: tuple[bytes, bool] | None = None) -> bool:
    """Whether the open input *fp* starts as JSON of posts does (see
    ``_JSON_START``; after a byte order mark, too), with a second line that
    is not blank, or none among the bytes looked at, looked at without
    reading it, as :func:`starts_as_sqlite` looks: a pipe's bytes of its
    first read, a regular file's first two lines (up to :data:`LOOKED`
    bytes, read in place), or *ahead*: those bytes read already, and whether
    they are all the input holds."""
    first = _first_bytes(fp, 1)
    if first is None:
        return False
    if _JSON_START.match(first := _as_utf8(first)) is None:
        return False
    # The second line, when the bytes looked at hold it whole: blank after
    # a title (see _JSON_START).
    second = _second_line(first, whole=False)
    if second is None and (ahead := ahead or _ahead(fp)) is not None:
        data, whole = ahead
        second = _second_line(_as_utf8(data), whole=whole)
    return second is None or bool(second.strip(b" \t\r\n"))


def _as_utf8(data: bytes) -> bytes:
    """*data*, an input's first bytes, as UTF-8 without a byte order mark:
    decoded from UTF-16 after its mark (an odd last byte dropped, and any
    other unit that does not decode replaced), as JSON saved by a tool that
    writes UTF-16 (Windows PowerShell 5's ``>``) is."""
    codec = utf16_codec(data)
    if codec is None:
        return data.removeprefix(b"\xef\xbb\xbf")
    units = data[2 : len(data) - len(data) % 2]
    return units.decode(codec, "replace").encode()


# How many bytes of a regular file starts_as_json looks at, at most, for its
# first two lines: two of the longest lines the command reads by default.
LOOKED: Final = 2 * MAX_LINE + 4


def _second_line(data: bytes, *, whole: bool) -> bytes | None:
    """The second line of *data* with its line break (any of the format's
    three), when *data* holds it whole: ended, or the last line of the
    input (*whole*); else None."""
    lines = data.splitlines(keepends=True)
    if len(lines) < 2:
        return None
    second = lines[1]
    # A lone "\r" at the end may be the start of "\r\n": the line is whole.
    return second if whole or second.endswith((b"\n", b"\r")) else None


def _ahead(fp: IO[bytes]) -> tuple[bytes, bool] | None:
    """The bytes of *fp* from where it is read, when it is a regular file,
    until its second line ends or :data:`LOOKED` bytes, and whether they are
    all it holds; read in place (``pread``), so that reading it later, or a
    shell that shares it, starts where it stood. None for any other input,
    which a read could make wait."""
    try:
        fd = fp.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return read_ahead(fd, fp.tell())
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation too
        return None  # no descriptor (the sample, in memory), or a failed read


def read_ahead(fd: int, at: int) -> tuple[bytes, bool]:
    """:func:`_ahead` of the regular file open as *fd*, from offset *at*;
    OSError if a read fails."""
    pread = getattr(os, "pread", _pread_by_seek)
    data = bytearray()
    while len(data) < LOOKED:
        piece = pread(fd, min(_PIECE, LOOKED - len(data)), at + len(data))
        if not piece:
            return bytes(data), True
        data += piece
        # Counted in the whole (a "\r\n" may straddle two pieces), when
        # the piece holds a break: a line of JSON 2 MiB long is read once.
        # In UTF-16, "\r\0\n\0" counts as two: four hold two lines.
        if (b"\n" in piece or b"\r" in piece) and len(_BREAK.findall(data)) >= 2 * (
            1 + (utf16_codec(bytes(data[:4])) is not None)
        ):
            break
    return bytes(data), False


def _pread_by_seek(fd: int, size: int, at: int) -> bytes:
    """``os.pread`` where the system has none (Windows): at most *size*
    bytes from offset *at* of the regular file open as *fd*, whose offset
    is put back where it stood."""
    was = os.lseek(fd, 0, os.SEEK_CUR)
    try:
        os.lseek(fd, at, os.SEEK_SET)
        return os.read(fd, size)
    finally:
        os.lseek(fd, was, os.SEEK_SET)


# The first bytes of the compressed files a download may be saved as (a
# server's gzip, when the client does not ask to decompress it), none of which
# a listing's first line can start with: each holds a byte that is no UTF-8
# there, or a control character. (Not bzip2's, "BZh91AY&SY", which a title
# may start with.)
_COMPRESSED: Final = re.compile(
    rb"(?P<gzip>\x1f\x8b)|(?P<xz>\xfd7zXZ\x00)"
    rb"|(?P<zstd>\x28\xb5\x2f\xfd)|(?P<zip>PK\x03\x04)"
)


def compressed_as(fp: IO[bytes]) -> str | None:
    """The name of the compression the open input *fp* starts with (see
    ``_COMPRESSED``), looked at without reading it, as
    :func:`starts_as_sqlite` looks; else None."""
    first = _first_bytes(fp, 10)
    found = None if first is None else _COMPRESSED.match(first)
    return None if found is None else found.lastgroup


# Files that are no text, by their first bytes: those whose first bytes no
# listing's first line holds (a byte that is no UTF-8 text's first, or a
# control character), and a PDF's, whose version line is followed by a line
# that is not blank, where a title's is. (GIF's, bzip2's and an executable
# of Windows' start with letters, as a title may: not told.)
_BINARY: Final = re.compile(
    rb"(?P<png>\x89PNG\r\n\x1a\n)|(?P<jpeg>\xff\xd8\xff)|(?P<elf>\x7fELF)"
    rb"|(?P<webp>RIFF[\x00-\xff]{4}WEBP)"
    rb"|(?P<pdf>%PDF-[0-9]\.[0-9](?:\r\n?|\n)(?![\r\n]))"
)
_BINARY_KINDS: Final = {
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "webp": "a WebP image",
    "pdf": "a PDF document",
    "elf": "a program (ELF)",
}


def binary_as(fp: IO[bytes]) -> str | None:
    """What the open input *fp* is when its first bytes show a kind of file
    that is no text (see ``_BINARY``), as a message names it (``a PNG
    image``), looked at without reading it, as :func:`starts_as_sqlite`
    looks; else None."""
    first = _first_bytes(fp, 16)
    found = None if first is None else _BINARY.match(first)
    return None if found is None else _BINARY_KINDS[str(found.lastgroup)]


def starts_as_sqlite(fp: IO[bytes]) -> bool:
    """Whether the open input *fp* starts as an SQLite file does, looked at
    without reading it (``peek``), so that a pipe is looked at too: only the
    bytes its first read gave, which is all of a regular file's first 16.

    A terminal is not looked at: it holds no archive, and a peek there would
    take the end of input that one Ctrl-D gives, so that the read after it
    would wait for a second."""
    first = _first_bytes(fp, len(SQLITE_HEADER))
    return first is not None and first.startswith(SQLITE_HEADER)


def _first_bytes(fp: IO[bytes], size: int) -> bytes | None:
    """The first bytes of the open input *fp* (*size* or more, as far as its
    buffer or one read of a pipe holds them), looked at without reading them
    (``peek``); None for the sample, in memory, and for a terminal, where a
    peek would take the end of input that one Ctrl-D gives."""
    peek = getattr(fp, "peek", None)
    if peek is None or fp.isatty():
        return None
    first: bytes = peek(size)
    return first


def read_once(names: Sequence[str]) -> str | None:
    """Why the input files *names* cannot all be read, or ``None``.

    Standard input (``-``) named twice, or one pipe named twice by any names
    (``-`` and ``/dev/stdin`` on a pipe, one FIFO or ``/dev/fd/3`` twice):
    read once, a pipe is empty the second time, so that the second listing
    would have no posts (a diff would say every post was removed). A regular
    file, or a terminal, can be read again, and is not refused; nor is a
    name that cannot be looked at, whose error comes when it is read.
    """
    if names.count("-") > 1:
        return "standard input ('-') is named more than once: it can be read once only"
    pipes: dict[tuple[int, int] | str, int] = {}  # a pipe -> where it is first named
    for at, name in enumerate(names):
        try:
            # Standard input as the command reads it: sys.stdin, whose file
            # descriptor is 0 in a process of its own.
            found = os.fstat(sys.stdin.fileno()) if name == "-" else os.stat(name)
        except (AttributeError, OSError, ValueError):  # closed, or no file
            continue
        if not (stat.S_ISFIFO(found.st_mode) or stat.S_ISSOCK(found.st_mode)):
            continue
        # With no inode number (0), a pipe is known by its name alone.
        pipe = _identity(found) or name
        if pipe not in pipes:
            pipes[pipe] = at
            continue
        first = names[pipes[pipe]]
        if first == name:
            return (
                f"{file_label(name)} is named more than once: it is a pipe, "
                "which can be read once only"
            )
        return (
            f"{input_label(first)} and {input_label(name)} are one pipe: "
            "it can be read once only"
        )
    return None


def is_a_directory(exc: OSError, name: str) -> bool:
    """Whether opening the file *name* failed with *exc* because it is a
    directory: IsADirectoryError, or on Windows, which refuses to open a
    directory as PermissionError, that error for a directory."""
    if isinstance(exc, IsADirectoryError):
        return True
    return isinstance(exc, PermissionError) and os.path.isdir(name)


def written_to(name: str | int, *, errors: bool = False) -> bool:
    """Whether the file *name* (or open on the descriptor *name*) is the
    regular file standard output writes to (``bloglist archive show blog.db
    > blog.db``, which the shell emptied before the command ran), or with
    *errors*, standard error (``2> blog.db``)."""
    try:
        out = os.fstat((sys.stderr if errors else sys.stdout).fileno())
        found = os.stat(name)
    except (AttributeError, OSError, ValueError):  # closed, in memory; no file
        return False
    return stat.S_ISREG(out.st_mode) and _same_file(found, out)


def _same_file(one: os.stat_result, other: os.stat_result) -> bool:
    """Whether *one* and *other* are of the same file. An inode number of
    0 is none (some network and virtual drives give it to every file):
    not known to be the same."""
    identity = _identity(one)
    return identity is not None and identity == _identity(other)


def _identity(found: os.stat_result) -> tuple[int, int] | None:
    """What tells a file from another: its device and inode number, but
    None where the system gives no inode number (0)."""
    return (found.st_dev, found.st_ino) if found.st_ino else None


def output_among(names: Sequence[str], *, streamed: bool = True) -> str | None:
    """Why the input files *names* cannot be read, or ``None``: one of them
    is the regular file that standard output writes to, holding bytes past
    where it would be read from (``bloglist blog.txt >> blog.txt``), as
    ``cat`` refuses it. The command would read back what it writes: the
    posts it appends to the file it streams from, without end, until the
    disk is full; or, read whole first (not *streamed*: diff), the output
    would be written into a listing. A name that cannot be looked at is left
    to its read."""
    try:
        out = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or in memory
        return None
    if not stat.S_ISREG(out.st_mode):
        return None
    for name in names:
        try:
            if name == "-":
                fd = sys.stdin.fileno()
                found, at = os.fstat(fd), os.lseek(fd, 0, os.SEEK_CUR)
            else:
                found, at = os.stat(name), 0
        except (AttributeError, OSError, ValueError):
            continue
        if _same_file(found, out) and at < found.st_size:
            why = (
                "the command would read back what it writes"
                if streamed
                else "the output would be written into a listing it reads"
            )
            return (
                f"{input_label(name)} is also the file standard output "
                f"writes to: {why}; write to another file"
            )
    return None


def input_label(name: str) -> str:
    """An input's name as messages about inputs show it: ``-`` as standard
    input."""
    return "standard input ('-')" if name == "-" else file_label(name)


def refused_word(word: str) -> str:
    """A word of the command line that a usage error refuses, as it quotes
    it: read as UTF-8 (see :func:`as_utf8`), then :func:`shown_quoted`."""
    return shown_quoted(as_utf8(word))


def shown_quoted(text: str) -> str:
    """*text*, a word or an option's value read as UTF-8, as a usage error
    quotes it: :func:`shown`, with a backslash written ``\\\\`` first, as
    :func:`file_label` writes one and argparse's own quotes do, so that a
    typed ``\\xfc`` (or ``\\t``) and the byte (or the TAB) it spells never
    show alike."""
    return shown(text.replace("\\", "\\\\"))


def refused_value(text: str, at: int = 0) -> str:
    """An option's value that its type refuses, as the usage error quotes
    it: in single quotes, shown as :func:`shown_quoted` shows it (never as
    ``repr`` does, whose ``\\xa0`` is also how a byte that is not UTF-8
    shows), and cut to its first 39 characters and ``…`` past 40, as the
    library quotes its input, so that the message stays one short line.
    What is refused at *at*, past where the cut would keep it, shows from a
    few characters before it, with ``…`` before the opening quote too."""
    if not text:
        return "''"
    start = 0
    if len(text) > _VALUE_SHOWN and at >= _VALUE_SHOWN - _VALUE_LEAD:
        start = at - _VALUE_LEAD
    left = "\N{HORIZONTAL ELLIPSIS}" if start else ""
    rest = text[start:]
    if len(rest) > _VALUE_SHOWN:
        return (
            f"{left}'{shown_quoted(rest[: _VALUE_SHOWN - 1])}'\N{HORIZONTAL ELLIPSIS}"
        )
    return f"{left}'{shown_quoted(rest)}'"


# The most characters of a refused value a message shows whole.
_VALUE_SHOWN: Final = 40

# How many characters before the refused place of a long value show.
_VALUE_LEAD: Final = 10


def file_label(name: str) -> str:
    """A file name from the command line as the main command's messages show
    it: :func:`shown_name`, with a backslash written ``\\\\`` too, so that
    every escape reads back one way and two names never show alike (a name
    holding a TAB shows as ``tab\\there.txt``, one holding a backslash and
    a ``t`` as ``tab\\\\there.txt``, a file named ``<stdin>`` as
    ``./<stdin>``: see :func:`not_a_label`)."""
    return shown(not_a_label(as_utf8(name)).replace("\\", "\\\\"))


# The characters surrogateescape decodes a byte that is not UTF-8 to.
_UNDECODABLE_BYTE: Final = ("\udc80", "\udcff")


def _byte_escape(c: str) -> str:
    """``\\xff`` for the character that stands for an undecodable byte."""
    return f"\\x{ord(c) - 0xDC00:02x}"


def shown(name: str) -> str:
    """A file name (or a message naming one) as messages show it: escapes for
    bytes that are not UTF-8 (``\\xff``), line breaks and other control
    characters (``\\n``, ``\\x1b``, ``\\u0085``: a character past U+007F never
    as a byte's escape), so a name cannot forge a line, and ``''`` for the empty name (``bloglist
    "$UNSET"``), which would not show. It is shown as it is: a name from the
    command line goes through :func:`shown_name`."""
    if not name:
        return "''"
    if name.isprintable():
        return name
    out = []
    for c in name:
        if _UNDECODABLE_BYTE[0] <= c <= _UNDECODABLE_BYTE[1]:
            out.append(_byte_escape(c))
        elif c.isprintable():
            out.append(c)
        elif "\x80" <= c <= "\xff":
            # Not \xNN, which shows a byte that is not UTF-8: U+0085 and the
            # byte 0x85 are two names.
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(repr(c)[1:-1])
    return "".join(out)


def printable_tags(tags: Sequence[str]) -> str:
    """A post's tags as a table shows them: each :func:`printable`, joined
    with ``, ``, and a comma inside a tag written ``\\x2c``, so that every
    comma shown separates two tags: no two tag lists of a listing (whose
    tags are never empty nor start or end with a space) print alike. A
    WordPress line ``Coffee, Gear, Reviews``, kept as one tag, prints as
    ``Coffee\\x2c Gear\\x2c Reviews``; the three tags of
    ``CoffeeGearReviews`` as ``Coffee, Gear, Reviews``."""
    text = ", ".join(tags)
    if text.count(",") == max(len(tags) - 1, 0):  # no tag holds a comma
        return printable(text)
    return ", ".join(printable(tag).replace(",", "\\x2c") for tag in tags)


def error(text: str) -> None:
    """Print *text* on standard error, if there is one.

    Standard error that cannot be written (``2>/dev/full``) has no one to
    tell: the exit status still says what happened.
    """
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(text, file=sys.stderr, flush=True)


# Parsing the command line ---------------------------------------------------


def text_arg(text: str) -> str:
    """*text*, an option's value, if it holds no bytes that are not UTF-8.

    Python passes such bytes of an argument on as lone surrogates
    (``--feed-title "$name"`` with a Latin-1 name), which no output can
    carry, no tag or title can match and no number or date holds. The
    command's parser checks every option's value with it, read as UTF-8
    whatever the locale (see :func:`as_utf8`), before the option's type
    or choices see it.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Shown from just before the first such byte, however far in.
        raise argparse.ArgumentTypeError(
            f"{refused_value(text, exc.start)} holds bytes that are not UTF-8"
        ) from None
    return text


def nonblank_text(text: str) -> str:
    """An argparse type for text that is not blank: a known tag name, or a
    feed's title, author or subtitle, where ``--feed-title "$TITLE"`` with
    the variable unset would make a feed whose readers show no name."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"{refused_value(text)} is blank")
    return text


def checked(
    check: Callable[[str], object], what: str = "", *, argument: str = ""
) -> Callable[[str], str]:
    """An argparse type that runs *check* and turns its error into a usage
    error: *what* (``{text}`` the value, quoted: :func:`refused_value`), or
    the error's message, without the library's name of the *argument* that
    starts it (argparse names the option before it: ``argument
    --tag-separator: must not be empty``)."""

    def convert(text: str) -> str:
        try:
            check(text)
        except (TypeError, ValueError) as exc:
            message = str(exc)
            if argument:
                message = message.removeprefix(f"{argument} ")
            raise argparse.ArgumentTypeError(
                what.format(text=refused_value(text)) or message
            ) from None
        return text

    return convert


# How --since and --until are written: the shape of Where.since's text.
_DATE_ARG: Final = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def since_arg(text: str) -> str:
    """The value of ``--since`` or ``--until``: ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``, a real date. A date written another way (``2024-3-5``)
    is told the spelling, not that the date is not real."""
    if not _DATE_ARG.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{refused_value(text)} is not written YYYY, YYYY-MM or YYYY-MM-DD: "
            "four digits for the year and two each for the month and the day, "
            "as 2024-03-05"
        )
    try:
        Where.since(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{refused_value(text)} is not a real date: use YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    return text


# A value of one tag, or one term, is refused only when blank.
_tag_checked = checked(Where.tagged_any, "tag {text} is blank")


def tag_arg(text: str) -> str:
    """A tag name of ``--tag``, ``--all-tags`` or ``--exclude-tag``: not blank,
    and stripped of the spaces around it, as a listing's tags and
    ``--known-tag`` are (``--exclude-tag 'Data '`` would match no tag)."""
    return _tag_checked(text).strip()


search_arg = checked(Where.search, "search term {text} is blank")
feed_id_arg = checked(
    lambda text: check_iri(text, "IRI"),
    "{text} is not an absolute IRI, such as tag:example.com,2025:blog or a URL",
)
link_arg = checked(
    lambda text: check_iri(text, "link"),
    "{text} is not an absolute IRI, such as https://example.com/blog/",
)
lang_arg = checked(
    lambda text: check_lang(text, "language"),
    "{text} is not a BCP 47 language tag, such as en or pt-BR",
)


_WHOLE_NUMBER: Final = re.compile(r"[+-]?[0-9]+")


def _whole_number(text: str) -> int | None:
    """*text* as an int if it is one written in ASCII digits, with an optional
    sign, else None. Stricter than ``int()``, which also takes spaces around
    the digits, underscores between them and the digits of other scripts:
    a number on a command line is written the one way."""
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    try:
        return int(text)
    except ValueError:  # past the interpreter's limit of digits (4,300)
        raise argparse.ArgumentTypeError(
            f"{refused_value(text)} has too many digits"
        ) from None


# How --year is written: four digits, as --since writes its year.
_YEAR_ARG: Final = re.compile(r"[0-9]{4}")


def year_arg(text: str) -> int:
    """The value of ``--year``: four digits, as the year of ``--since``, so
    that ``--year 24`` is told the spelling rather than read as the year 24
    (``--year 0024``), which no post of a blog is dated in."""
    if not _YEAR_ARG.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"{refused_value(text)} is not a year written YYYY: "
            "four digits, as 2024 (0024 for the year 24)"
        )
    year = int(text)
    try:
        Where.year(year)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return year


# The library's sort keys (bloglist.SortKey), ascending: "date", "title".
_ASCENDING_KEYS: Final = tuple(key for key in get_args(SortKey) if key[0] != "-")


def sort_arg(text: str) -> str:
    if text[:1] == "-" and text in get_args(SortKey):
        return text  # the library's spelling: descending
    key, colon, direction = text.partition(":")
    directions = ("asc", "desc") if colon else ("",)  # "date:" says no direction
    if key not in _ASCENDING_KEYS or direction not in directions:
        raise argparse.ArgumentTypeError(
            f"{refused_value(text)} is not KEY or KEY:asc or KEY:desc with KEY "
            f"{' or '.join(_ASCENDING_KEYS)} "
            f"(or {' or '.join('-' + key for key in _ASCENDING_KEYS)}, descending)"
        )
    default = "desc" if key == "date" else "asc"
    return ("-" if (direction or default) == "desc" else "") + key


class SortKeys(argparse.Action):
    """``--sort``, repeatable: the keys in order, each at most once.

    The query API refuses a key given twice (``date`` then ``date:asc``
    contradict each other); refusing it here names the option, before any
    input is read.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, str)  # one key, made by sort_arg
        keys: list[str] = list(getattr(namespace, self.dest, None) or [])
        key = values.lstrip("-")
        if any(given.lstrip("-") == key for given in keys):
            raise argparse.ArgumentError(
                self,
                f"the key {key} is given twice; give each key once, "
                f"as {key}, {key}:asc or {key}:desc",
            )
        setattr(namespace, self.dest, [*keys, values])


def positive(text: str) -> int:
    value = _whole_number(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{refused_value(text)} is not a whole number")
    if value < 1:
        raise argparse.ArgumentTypeError(f"{shown_int(value)} is less than 1")
    return value


def query_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("which posts")
    group.add_argument(
        "--tag",
        type=tag_arg,
        action="append",
        default=[],
        metavar="NAME",
        help="posts with any of these tags; repeatable; case-insensitive",
    )
    group.add_argument(
        "--all-tags",
        type=tag_arg,
        action="append",
        default=[],
        metavar="NAME",
        help="posts with every one of these tags; repeatable",
    )
    group.add_argument(
        "--exclude-tag",
        type=tag_arg,
        action="append",
        default=[],
        metavar="NAME",
        help="posts with none of these tags; repeatable",
    )
    group.add_argument(
        "--since",
        type=since_arg,
        metavar="DATE",
        help="posts dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    group.add_argument(
        "--until",
        type=since_arg,
        metavar="DATE",
        help="posts dated before DATE, which is not included",
    )
    group.add_argument(
        "--year", type=year_arg, metavar="YYYY", help="posts dated in YYYY"
    )
    sticky = group.add_mutually_exclusive_group()
    sticky.add_argument("--sticky", action="store_true", help="only sticky posts")
    sticky.add_argument(
        "--not-sticky", action="store_true", help="only posts that are not sticky"
    )
    group.add_argument(
        "--search",
        type=search_arg,
        action="append",
        default=[],
        metavar="TEXT",
        help="posts whose title or excerpt holds TEXT, ignoring case; "
        "repeatable, all must occur",
    )


def order_options(parser: argparse.ArgumentParser, *, feed: bool = False) -> None:
    """The options of order and paging; with *feed*, as a feed takes them:
    its entries are newest first, and the order only chooses the page."""
    if feed:
        sort_help = (
            "choose the posts --limit or --page keep by date (newest first "
            "unless date:asc) or title (A to Z unless title:desc); repeatable, "
            "most significant first. The entries are newest first whatever it "
            "says; only with --limit or --page"
        )
        sticky_help = "keep sticky posts first when choosing with --limit or --page"
    else:
        sort_help = (
            "sort by date (newest first unless date:asc) or title (A to Z "
            "unless title:desc; --sort=-title, --sort=-date: descending); "
            "repeatable, most significant first. Default: the listing's own order"
        )
        sticky_help = (
            "put sticky posts before the others (before paging); without "
            "--sort, each part keeps the listing's own order"
        )
    group = parser.add_argument_group("order and paging")
    group.add_argument(
        "--sort",
        type=sort_arg,
        action=SortKeys,
        default=[],
        metavar="KEY[:DIR]",
        help=sort_help,
    )
    group.add_argument("--sticky-first", action="store_true", help=sticky_help)
    group.add_argument(
        "--undated",
        choices=("first", "last"),
        help="where undated posts go when sorting by date (default: last)",
    )
    group.add_argument("--limit", type=positive, metavar="N", help="at most N posts")
    group.add_argument(
        "--page", type=positive, metavar="N", help="page N of the posts (from 1)"
    )
    group.add_argument(
        "--page-size",
        type=positive,
        metavar="N",
        help="posts per page with --page (default: 10)",
    )


# The posts of a page when --page-size is not given.
PAGE_SIZE: Final = 10


def check_order(args: argparse.Namespace) -> None:
    """UsageError for an option of :func:`order_options` that would do
    nothing: ``--page-size`` without ``--page``, ``--undated`` with no sort by
    date. A script that passes one means something the command would not do."""
    if args.page_size is not None and args.page is None:
        raise UsageError("--page-size needs --page: which page of that size?")
    if args.undated is not None and not any(
        key.lstrip("-") == "date" for key in args.sort
    ):
        raise UsageError(
            f"--undated {args.undated} needs a sort by date (--sort date): "
            "without one, undated posts keep their place"
        )


def tag_separator_option(group: argparse._ActionsContainer) -> None:
    """--tag-separator, for the CSV of show and archive show."""
    group.add_argument(
        "--tag-separator",
        type=checked(
            lambda text: to_csv([], tag_separator=text), argument="tag_separator"
        ),
        default="|",
        metavar="SEP",
        help="what joins a post's tags in a CSV cell (default: |); choose one "
        "that no tag holds",
    )


def feed_options(parser: argparse.ArgumentParser, title: str) -> None:
    """The feed's options; *title* says the default title."""
    group = parser.add_argument_group("Atom feed (--format atom)")
    group.add_argument(
        "--feed-title",
        type=nonblank_text,
        metavar="TEXT",
        help=f"the feed's title (default: {title})",
    )
    group.add_argument(
        "--feed-id",
        type=feed_id_arg,
        metavar="IRI",
        help="the feed's permanent id (default: derived from --feed-title)",
    )
    group.add_argument(
        "--link",
        type=link_arg,
        metavar="URL",
        help="the blog's web page, also each entry's link",
    )
    group.add_argument(
        "--author",
        type=nonblank_text,
        metavar="NAME",
        help="the feed's author (default: its title)",
    )
    group.add_argument(
        "--subtitle", type=nonblank_text, metavar="TEXT", help="the feed's subtitle"
    )
    group.add_argument(
        "--lang",
        type=lang_arg,
        metavar="TAG",
        help="the language of the posts, a BCP 47 tag such as en or pt-BR",
    )


def conditions_of(args: argparse.Namespace) -> list[Where]:
    _check_tags_meet(args.tag, args.all_tags, args.exclude_tag)
    conditions: list[Where] = []
    if args.tag:
        conditions.append(Where.tagged_any(*args.tag))
    if args.all_tags:
        conditions.append(Where.tagged_all(*args.all_tags))
    if args.exclude_tag:
        conditions.append(Where.tagged_none(*args.exclude_tag))
    if args.since and args.until:
        try:
            conditions.append(Where.between(args.since, args.until))
        except ValueError:
            raise UsageError(
                f"--until {args.until} is not after --since {args.since}: no post "
                "can be dated on or after --since and before --until"
            ) from None
    elif args.since:
        conditions.append(Where.since(args.since))
    elif args.until:
        conditions.append(Where.before(args.until))
    if args.until and _first_day(args.until) == datetime.date.min:
        raise UsageError(
            f"--until {args.until} is the first day there is: no post can be "
            "dated before it"
        )
    if args.year is not None:
        _check_year(args.year, args.since, args.until)
        conditions.append(Where.year(args.year))
    if args.sticky:
        conditions.append(Where.sticky())
    if args.not_sticky:
        conditions.append(~Where.sticky())
    if args.search:
        conditions.append(Where.search(*args.search))
    return conditions


def _check_tags_meet(any_of: list[str], all_of: list[str], none_of: list[str]) -> None:
    """A UsageError for tag options that no post can meet together: an
    ``--all-tags`` name that is an ``--exclude-tag`` too, or every ``--tag``
    name (``--tag A --tag B --exclude-tag A`` keeps the posts tagged B). Tags
    compare as the conditions compare them (:meth:`str.casefold`), and are
    quoted as every value the command refuses is (:func:`refused_value`)."""
    excluded = {tag.casefold(): tag for tag in reversed(none_of)}
    if not excluded:
        return
    for tag in all_of:
        if (same := excluded.get(tag.casefold())) is not None:
            raise UsageError(
                f"--all-tags {refused_value(tag)} and --exclude-tag "
                f"{refused_value(same)} name "
                "one tag: no post can both carry it and not"
            )
    if any_of and all(tag.casefold() in excluded for tag in any_of):
        if len(any_of) == 1:
            same = excluded[any_of[0].casefold()]
            raise UsageError(
                f"--tag {refused_value(any_of[0])} and --exclude-tag "
                f"{refused_value(same)} name "
                "one tag: no post can both carry it and not"
            )
        raise UsageError(
            f"every --tag ({', '.join(map(refused_value, any_of))}) is an "
            "--exclude-tag "
            "too: no post can carry one of them and none of them"
        )


def _first_day(text: str) -> datetime.date:
    """The first day of the date *text* of ``--since`` or ``--until``
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked by since_arg)."""
    year, month, day = (*map(int, text.split("-")), 1, 1)[:3]
    return datetime.date(year, month, day)


def _check_year(year: int, since: str | None, until: str | None) -> None:
    """A UsageError for ``--year`` that shares no day with ``--since`` and
    ``--until``: together they could hold no post. The year is named with
    its four digits, as it is given (``0999``)."""
    shown = f"{year:04d}"
    if since and _first_day(since).year > year:
        raise UsageError(
            f"--since {since} is after --year {shown}: no post can be dated in "
            f"{shown} and on or after {since}"
        )
    if until and _first_day(until) <= datetime.date(year, 1, 1):
        raise UsageError(
            f"--until {until} is not after the start of --year {shown}: no post "
            f"can be dated in {shown} and before {until}"
        )


def select(listing: Listing, args: argparse.Namespace) -> Listing:
    conditions = conditions_of(args)
    return listing.filter(*conditions) if conditions else listing


def page_past_the_end(exc: IndexError, args: argparse.Namespace) -> UsageError:
    """The usage error of a ``--page`` past the last page, whether the posts
    are paged as read or once sorted: *exc* is what ``page_bounds`` (or
    ``Listing.page``) says, of the posts the options of *args* select when
    they select (``--tag nosuch --page 2``: "with no posts" is said of
    them, not of the listing)."""
    return UsageError(f"argument --page: {exc}{_SELECTED if _selects(args) else ''}")


_SELECTED: Final = " (counting the posts the options select)"


def _selects(args: argparse.Namespace) -> bool:
    """Whether the options of *args* choose among the posts: a filter, or
    archive show's ``--new-since``, ``--gone`` and ``--present``."""
    chooses = ("new_since", "gone", "present")
    return bool(conditions_of(args)) or any(
        getattr(args, name, None) for name in chooses
    )


def order(listing: Listing, args: argparse.Namespace) -> Listing:
    if args.sticky_first and not args.sort:
        # Sticky posts first, each part in the listing's own order (as a
        # blog's front page shows them): sort_by would break ties by title.
        sticky = tuple(post for post in listing if post.sticky)
        if sticky:
            rest = (post for post in listing if not post.sticky)
            listing = make_listing((*sticky, *rest), listing.diagnostics)
    elif args.sort or args.sticky_first:
        listing = listing.sort_by(
            *args.sort, sticky_first=args.sticky_first, undated=args.undated or "last"
        )
    if args.page is not None:
        try:
            listing = listing.page(args.page, size=args.page_size or PAGE_SIZE).posts
        except IndexError as exc:
            raise page_past_the_end(exc, args) from None
    if args.limit is not None:
        listing = listing.first(args.limit)
    return listing


# How much text Output holds before it writes: one encode and one write per
# batch of rows, rather than one per row (the JSON writers hand it a batch of
# records at a time, which goes out at once). It was a megabyte: four once
# the text holds an emoji, and the memory of each batch, mapped afresh, cost
# more page faults and system time than the writes it saved.
FLUSH_SIZE: Final = 1 << 16


def _no_silent_end(fp: IO[bytes]) -> Callable[[int], bytes]:
    """``read1`` of *fp*, a buffered file, whose empty result says either
    "the end" or, when its descriptor is non-blocking (from the start, or
    made so while it is read, by another holder of a pipe's end), "no data
    yet": :func:`~bloglist._lines.ending_read1` tells them apart, as for
    the library's readers, and no data yet is an error, not the end of the
    listing (a pipe's writer may still be writing)."""
    read_piece = ending_read1(fp)  # type: ignore[arg-type]

    def read(size: int) -> bytes:
        got = read_piece(size)
        if got is None:
            raise BlockingIOError(
                errno.EAGAIN,
                f"{os.strerror(errno.EAGAIN)} (the input is non-blocking and "
                "has no data yet)",
            )
        return got

    return read


class OutputFailed(Exception):
    """Writing the output failed while the input was read: *error* says why
    (a :class:`BrokenPipeError` when its reader left)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def typed_into(stream: IO[str]) -> bool:
    """Whether *stream* (standard input) is a terminal a person types into.
    On Windows, ``isatty()`` is true of every character device, the NUL
    device too (``bloglist < NUL``, or a program's ``stdin=DEVNULL``): there
    a console is the one Python reads through its console reader (unless
    ``PYTHONLEGACYWINDOWSSTDIO`` is set, when input typed at a console is
    read as a file is, to its end)."""
    if not stream.isatty():
        return False
    # Asked at the call: a type checker reads sys.platform as its own.
    system = sys.platform
    if system != "win32":
        return True
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def reader_left_said(exc: BaseException) -> bool:
    """Whether *exc*, from writing standard output, says that its reader
    left (``| head`` that has its lines): BrokenPipeError; or on Windows,
    where a write to a pipe whose reader left fails with EINVAL instead
    (CPython issue 79935), that error while standard output is a pipe."""
    if isinstance(exc, BrokenPipeError):
        return True
    # Asked at the call: a type checker reads sys.platform as its own.
    system = sys.platform
    if system != "win32" or getattr(exc, "errno", None) != errno.EINVAL:
        return False
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # closed, or in memory
        return False


def reader_gone() -> BrokenPipeError:
    """The error a write to the output raises once its reader has left:
    what the command raises itself when it sees so before a write."""
    return BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def reader_left() -> Callable[[], bool] | None:
    """For standard output to a pipe or a socket, a test of whether its
    reader has left (closed its end: ``| head -n 1`` that has its line);
    None for any other output, or where the system has no ``poll``. One
    system call that does not wait, before each piece read (64 KiB)."""
    poll = getattr(select_module, "poll", None)
    try:
        fd = sys.stdout.fileno()
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):  # in memory, or closed
        return None
    if poll is None or not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return None
    poller = poll()
    # Asked whether it can be written to, which it mostly can: what tells is
    # an error (POLLERR, a pipe's reader gone on Linux), a hang-up (POLLHUP,
    # the same on macOS and the BSDs) or a descriptor no longer open. (With
    # no event asked for, Linux reports those all the same, and macOS
    # nothing, ever.)
    poller.register(fd, select_module.POLLOUT)
    return lambda: any(revents & _GONE for _, revents in poller.poll(0))


_GONE: Final = (
    getattr(select_module, "POLLERR", 0)
    | getattr(select_module, "POLLHUP", 0)
    | getattr(select_module, "POLLNVAL", 0)
)


class LineLimit:
    """A binary file whose reads raise ``line-too-long`` at a line longer than
    *limit* bytes, for :func:`~bloglist._lines.iter_lines` (what iterload
    reads a file with) to read: the error is a ``LineUnknown``, which
    iter_lines raises as the ParseError at the line (it counts the lines,
    which this reader would count again: a tenth of a second a million
    posts).

    Without it, a file with no line break (``/dev/zero``) would be read into
    memory until there is none left. ``read()`` with no size reads the whole
    file a piece at a time, checking each piece.

    A file that starts with a UTF-16 byte order mark is measured in UTF-16
    code units, two bytes each: its line breaks are the units ``\\n`` and
    ``\\r``, not every byte 0x0A or 0x0D (U+0A0A is two such bytes).

    Before each read, *left* (:func:`reader_left`), if given, says whether
    the reader of the command's output has left: then the read raises
    :class:`OutputFailed` with a :class:`BrokenPipeError`, and the command
    stops as a write to the closed pipe would stop it, though input that
    makes no output (``yes``, lines after a tag line past the hundredth,
    counted), or no output before all input is read (``diff``), would write
    nothing for long.
    """

    def __init__(
        self, fp: IO[bytes], limit: int, left: Callable[[], bool] | None = None
    ) -> None:
        # read1 returns what a pipe holds now rather than wait for *size*
        # bytes, so that posts written to standard input come out at once.
        self._read: Callable[[int], bytes] = getattr(fp, "read1", fp.read)
        if getattr(fp, "raw", None) is not None:
            self._read = _no_silent_end(fp)
        self._ended = False  # whether a read gave the end, never read again
        self._limit = limit
        self._run = 0  # bytes since the last line break
        self._cr = False  # whether the last read ended in \r, which a \n may end
        self._error: LineUnknown | None = None  # for every later read
        self._first = True  # the encoding is not known yet
        # UTF-16: which half of each unit is its low byte, and the odd byte
        # of the last read, whose unit the next read completes.
        self._low: int | None = None
        self._odd = b""
        self._left = left

    def read(self, size: int = -1, /) -> bytes:
        if size < 0:
            return b"".join(iter(lambda: self.read(_PIECE), b""))
        if self._left is not None and self._left():
            raise OutputFailed(reader_gone())
        if self._error is not None:
            raise self._error
        if self._ended:
            return b""
        got = self._read(size)
        if self._first:
            got = self._start(got, size)
        if self._low is None:
            units, scale, lead = got, 1, 0
        else:  # lead: the bytes of the last read that start the first unit
            lead = len(self._odd)
            units, scale = self._units(got, self._low), 2
        # The \n of a \r\n split between two reads ends the line break the
        # \r began: it is counted once, with the \r.
        skip = 1 if self._cr and units[:1] == b"\n" else 0
        data = units[skip:] if skip else units
        if units:
            self._cr = units[-1:] == b"\r"
        limit = self._limit
        first = _BREAK.search(data)
        if first is None:
            self._run += len(data) * scale
            if self._run > limit:
                self._too_long()
            return got
        if self._run + first.start() * scale > limit:
            self._too_long()
        if len(data) * scale > limit:  # a long line may sit between two breaks
            start = first.end()
            for found in _BREAK.finditer(data, start):
                if (found.start() - start) * scale > limit:
                    # The lines before it are read, and their posts written,
                    # as they are before a long line that starts a read.
                    self._error = LineUnknown(self._long)
                    return got[: (skip + start) * scale - lead]
                start = found.end()
        if b"\r" in data:  # a quick test, which spares a search
            last = max(data.rfind(b"\n"), data.rfind(b"\r"))
        else:
            last = data.rfind(b"\n")
        self._run = (len(data) - 1 - last) * scale
        return got

    def _start(self, got: bytes, size: int) -> bytes:
        """*got*, the first bytes read, with enough more to tell UTF-16 by."""
        while len(got) == 1 and got in b"\xff\xfe":
            more = self._read(size)
            if not more:
                # The end, given once: a terminal's (Ctrl-D) is not read
                # again, which would wait for another.
                self._ended = True
                break
            got += more
        if got:
            self._first = False
            codec = utf16_codec(got)
            if codec is not None:
                # Where each unit's low byte is: first in little-endian.
                self._low = 0 if codec == "utf-16-le" else 1
        return got

    def _units(self, got: bytes, low: int) -> bytes:
        """The UTF-16 code units that *got* completes, a byte each: the unit's
        low byte if its high byte is 0, else that byte with bit 0x40 set,
        which is never a line break (the breaks are 0x0A and 0x0D)."""
        data = self._odd + got
        end = len(data) // 2 * 2
        self._odd = data[end:]
        lows = data[low:end:2]
        highs = data[1 - low : end : 2].translate(_HIGH)
        units = int.from_bytes(lows, "big") | int.from_bytes(highs, "big")
        return units.to_bytes(len(lows), "big")

    def _too_long(self) -> NoReturn:
        self._error = LineUnknown(self._long)
        raise self._error

    def _long(self, lineno: int) -> ParseError:
        return ParseError(
            f"line is longer than {self._limit} byte{'' if self._limit == 1 else 's'}; see --max-line-length",
            lineno,
            1,
            code="line-too-long",
        )


def stdout_buffer() -> IO[bytes]:
    """Standard output, as bytes; UsageError when it is closed (``>&-``)."""
    if sys.stdout is None:
        raise UsageError("standard output is closed")
    return sys.stdout.buffer


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "replace")


class Output:
    """Standard output as UTF-8 whatever the locale, so that JSON, CSV, Atom
    and listings are byte-exact; bytes go straight out, so CSV keeps its \\r\\n.

    Text is held and written a batch at a time, when :data:`FLUSH_SIZE`
    characters are held and at :meth:`flush`. The command flushes before it
    waits for input (see ``_cli._LineLimit``), so what a pipe sends comes out
    at once. *encode*, when given, turns each batch into bytes instead of
    ``str.encode`` (which writes a lone surrogate as ``?``).
    """

    def __init__(
        self, buffer: IO[bytes], *, encode: Callable[[str], bytes] | None = None
    ) -> None:
        self._buffer = buffer
        self._held: list[str] = []
        self._size = 0
        self.encode = _utf8 if encode is None else encode

    def write(self, text: str, /) -> None:
        self._held.append(text)
        self._size += len(text)
        if self._size >= FLUSH_SIZE:
            self._send()

    def _send(self) -> None:
        text = "".join(self._held)
        self._held.clear()
        self._size = 0
        write_all(self._buffer, self.encode(text), "standard output")

    def flush(self) -> None:
        """Write what is held, and flush the file."""
        if self._held:
            self._send()
        self._buffer.flush()


def width(text: str) -> int:
    """Columns *text* takes in a terminal: wide characters (CJK, emoji) take two."""
    if text.isascii():
        # One column each, found in C: a title of 25 MB took 7.8 s a
        # character at a time, where the other formats take half a second.
        return len(text)
    try:
        return sum(map(_WIDTHS.__getitem__, text))  # C loops, no call a character
    except KeyError:
        if len(_WIDTHS) > _MOST_WIDTHS:  # bounded, whatever the input
            _WIDTHS.clear()
        _WIDTHS.update((c, _char_width(c)) for c in set(text))
        return sum(map(_WIDTHS.__getitem__, text))


# The columns of each character met, up to about this many characters.
_WIDTHS: dict[str, int] = {}
_MOST_WIDTHS: Final = 1 << 16


def _char_width(c: str) -> int:
    # Marks drawn on the character before them (combining, or of class 0 such
    # as Thai vowels, Indic vowel signs, variation selectors and the keycap's
    # enclosing mark) and the vowels and finals of decomposed Hangul take no
    # column of their own, as terminals (and the C library's wcwidth) draw them.
    if (
        unicodedata.category(c) in ("Mn", "Me")
        or "\u1160" <= c <= "\u11ff"
        or "\ud7b0" <= c <= "\ud7ff"  # Hangul Jamo Extended-B: vowels, finals
    ):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def write_table(
    rows: Iterable[Sequence[str]],
    out: Output,
    *,
    measure: Iterable[Sequence[str]] | None = None,
) -> None:
    """Rows as left-aligned columns; the first row is the header.

    The widths are those of the first :data:`TABLE_ROWS` rows, so that a
    long table is printed as it is read; with *measure*, the same rows made
    again (a table whose rows are all known before it is printed), those of
    every row. If the rows stop with an error (the input stops), the rows
    before it are written first, as any other format writes the posts before
    it; no row under the header, nothing.
    """
    if measure is not None:
        widths = _widths(measure)
        for row in rows:
            out.write(table_line(row, widths))
        return
    found = iter(rows)
    head: list[Sequence[str]] = []
    try:
        for row in found:
            head.append(row)
            if len(head) > TABLE_ROWS:
                break
    except Exception:
        if len(head) > 1:  # rows under the header: a header alone says nothing
            _write_rows(head, out)
        raise
    widths = _write_rows(head, out)
    for row in found:
        out.write(table_line(row, widths))


def _widths(rows: Iterable[Sequence[str]]) -> list[int]:
    """The width of each column of *rows*, the header among them."""
    found = iter(rows)
    widths = [width(cell) for cell in next(found)]
    for row in found:
        widths = [max(w, width(cell)) for w, cell in zip(widths, row, strict=True)]
    return widths


def _write_rows(rows: list[Sequence[str]], out: Output) -> list[int]:
    """Write *rows* with the widths they need; returns the widths."""
    widths = _widths(rows)
    for row in rows:
        out.write(table_line(row, widths))
    return widths


def table_line(row: Sequence[str], widths: Sequence[int]) -> str:
    cells = [
        cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)
    ]
    return "  ".join(cells).rstrip() + "\n"


def feed_title(name: str) -> str:
    """A file's name as the default title of its feed: read as UTF-8 (see
    :func:`as_utf8`), each byte that is not UTF-8 as its escape (``\\xff``:
    a title is text), every other character as it is, so that two names
    give two titles, and two feed ids (a name holding a TAB, and one holding
    a backslash and a ``t``), but for a name that holds such an escape as
    text. The feed writes what XML cannot hold as U+FFFD."""
    low, high = _UNDECODABLE_BYTE
    return "".join(_byte_escape(c) if low <= c <= high else c for c in as_utf8(name))


def feed_id(title: str) -> str:
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"bloglist:{title}").urn


def atom_keywords(args: argparse.Namespace, title: str) -> dict[str, Any]:
    """The keywords of ``to_atom`` that the feed options of *args* give."""
    return {
        "title": title,
        "feed_id": args.feed_id or feed_id(title),
        "link": args.link,
        "author": args.author,
        "subtitle": args.subtitle,
        "lang": args.lang,
    }
