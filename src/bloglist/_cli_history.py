"""The history commands of ``bloglist``: ``diff`` and ``archive``.

``bloglist diff OLD NEW`` compares two scrapes of a listing, with the exit
status of diff(1): 0 the same posts, 1 different, 2 trouble (a file that
cannot be read, a listing with errors). ``bloglist archive add|show|feed``
keeps every post ever seen in an SQLite file (see ``docs/history.md``).

The main command (``_cli``) imports this module only when one of
:data:`COMMANDS` is asked for, and calls :func:`add_commands`; the query
options are ``_cli``'s own, so that ``archive show`` reads them as ``show``
does.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import re
import shlex
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING, Final

from . import _cli_common as common
from ._errors import ParseError, plural, quote
from ._parse import MAX_DIAGNOSTICS, problem_counts
from ._write import write_all

if TYPE_CHECKING:
    from ._archive import Archive, ScrapeOrderError
    from ._diff import Diff
    from ._listing import Listing
    from ._post import Post, WriteError
    from ._stitch import PageError
    from ._store import ArchivedScrape, ArchiveFile

__all__ = ["COMMANDS", "add_commands"]

COMMANDS: Final[tuple[str, ...]] = ("diff", "archive")


# The exit status of an archive busy past --timeout: EX_TEMPFAIL of
# sysexits.h, "a temporary failure: try again later", which a script can tell
# from status 2, a usage or file error that trying again will not mend.
BUSY: Final = 75


class _Trouble(Exception):
    """A file that cannot be read or written, a bad option: exit status 2;
    an archive busy past the timeout, with *busy*: :data:`BUSY`."""

    def __init__(self, message: str, *, busy: bool = False) -> None:
        super().__init__(message)
        self.busy = busy


class _DataError(Exception):
    """A listing with errors, which is not added to an archive: exit status 1."""


class _Found(Exception):
    """What stops reading a listing (bytes that are not text, a line too
    long, the first error of a strict parse), as ``check`` and ``show``
    print it: ``FILE:LINE:COL: code message``, with no ``bloglist: error:``
    before it, so that an editor or a CI annotation reads it; exit *status*
    (2 for ``diff``, trouble as diff(1) has it; 1 for ``archive add``). Then
    the line *closing*, ``bloglist: error: reading FILE stopped at line N;
    nothing was added``, which says what the command did not do."""

    def __init__(self, finding: str, status: int, closing: str) -> None:
        super().__init__(finding)
        self.status = status
        self.closing = closing


# Parsing the command line ---------------------------------------------------


# A lowercase z that ends a time (after its last digit), which RFC 3339
# allows for Z and datetime.fromisoformat refuses.
_LOWER_Z: Final = re.compile(r"(?<=[0-9])z\Z")


# How datetime.fromisoformat's error begins for text not in its forms (else
# it says which number is out of range: "day is out of range for month").
_NOT_ISO: Final = "Invalid isoformat string"


def _moment(text: str) -> datetime.datetime:
    """An ISO 8601 time for --seen-at and --new-since, as
    datetime.fromisoformat reads it, and with a lowercase z for Z (RFC 3339
    allows both, and fromisoformat already takes a lowercase t); a time with
    no offset is UTC."""
    try:
        moment = datetime.datetime.fromisoformat(_LOWER_Z.sub("Z", text))
    except ValueError as exc:
        reason = str(exc)
        if reason.startswith("offset must be"):
            # datetime's words are Python's (timedelta(days=-5, ...)).
            reason = (
                "its UTC offset is not within a day; write one from -23:59 to +23:59"
            )
        if not reason.startswith(_NOT_ISO):
            # Written as ISO 8601 has it, of a day, an hour or an offset
            # that does not exist: datetime's reason says which.
            raise argparse.ArgumentTypeError(
                f"{common.refused_value(text)} is not a real time: {reason}"
            ) from None
        raise argparse.ArgumentTypeError(
            f"{common.refused_value(text)} is not an ISO 8601 time "
            "such as 2025-03-05T08:00:00+00:00"
        ) from None
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    try:
        moment.astimezone(datetime.UTC)  # as an archive file keeps it
    except OverflowError:
        raise argparse.ArgumentTypeError(
            f"{common.refused_value(text)} is outside the years 1 to 9999 in UTC"
        ) from None
    return moment


# Seconds as a command line writes them: ASCII digits with an optional
# fraction, or "inf". float() takes more: spaces around, underscores between
# digits, other scripts' digits, "1e3", "nan".
_SECONDS: Final = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+|inf")


def _seconds(text: str) -> float:
    """A number of seconds for --timeout: 0 or more ("inf" waits on)."""
    seconds = float(text) if _SECONDS.fullmatch(text) else -1.0
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(
            f"{common.refused_value(text)} is not a number of seconds, 0 or more"
        )
    return seconds


def _archive_path(text: str) -> str:
    """ARCHIVE: a file's path, never '-', which names a pipe to the other
    commands and would make a file called '-' here."""
    if text == "-":
        raise argparse.ArgumentTypeError(
            "an archive is an SQLite file, which standard input or output cannot "
            "hold: give its path ('./-' for a file named '-')"
        )
    if text == "":  # bloglist archive add "$UNSET" ...
        raise argparse.ArgumentTypeError("'' names no file: give the archive's path")
    if text == ":memory:":
        raise argparse.ArgumentTypeError(
            "':memory:' is SQLite's database that vanishes when closed, not a "
            "file: give the archive's path ('./:memory:' for a file of that name)"
        )
    return text


def _listing_options(
    parser: argparse.ArgumentParser, status: int, known_use: str = ""
) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help=f"stop at the first error in a listing (exit status {status})",
    )
    common.add_max_line_length(parser)
    common.add_max_diagnostics(parser, MAX_DIAGNOSTICS)
    _known_tag_option(parser, known_use)


def _known_tag_option(parser: argparse.ArgumentParser, use: str) -> None:
    parser.add_argument(
        "--known-tag",
        type=common.nonblank_text,
        action="append",
        default=[],
        metavar="NAME",
        help="a tag name the case rule cannot split, such as GenAI or iOS; "
        f"repeatable{use}",
    )


def _timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for another process writing the archive "
        "(default: 5), then give up with exit status 75: try again later",
    )


def _archive_query_options(
    parser: argparse.ArgumentParser, *, feed: bool = False
) -> None:
    # Reading waits for a writer that is committing: as long as --timeout says.
    _timeout_option(parser)

    common.query_options(parser)
    group = parser.add_argument_group("history")
    since = group.add_mutually_exclusive_group()
    since.add_argument(
        "--new-since",
        type=_moment,
        metavar="TIME",
        help="posts first seen at or after TIME (ISO 8601; UTC without an offset)",
    )
    since.add_argument(
        "--changed-since",
        type=_moment,
        metavar="TIME",
        help="posts a scrape at or after TIME showed changed (edited, redated, "
        "retagged, pinned or unpinned)",
    )
    since.add_argument(
        "--gone-since",
        type=_moment,
        metavar="TIME",
        help="posts gone from the page since TIME (missed first by a scrape at "
        "or after it)",
    )
    state = group.add_mutually_exclusive_group()
    state.add_argument(
        "--gone", action="store_true", help="only posts no longer on the page"
    )
    state.add_argument(
        "--present", action="store_true", help="only posts still on the page"
    )
    common.order_options(parser, feed=feed)


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add the ``diff`` and ``archive`` commands to the ``bloglist`` parser."""
    diff = commands.add_parser(
        "diff",
        help="compare two scrapes of a listing",
        description="Compare two scrapes of a listing: the posts added, removed "
        "and changed. Exit status as diff(1): 0 the same posts, 1 different, "
        "2 trouble.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier listing; '-' for stdin")
    diff.add_argument("new", metavar="NEW", help="the later listing; '-' for stdin")
    diff.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table (default): a line per post added, removed or changed; "
        "json: an object of the posts added, removed and changed",
    )
    _listing_options(diff, 2)
    diff.set_defaults(run=_run_diff)

    archive = commands.add_parser(
        "archive",
        help="keep every post ever seen in an SQLite file",
        description="Keep every post ever seen, with when it was first and last "
        "seen and its versions, in an SQLite archive file.",
    )
    actions = archive.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="add scrapes of the listing to the archive",
        description="Add each FILE to ARCHIVE (created if missing) as a scrape, "
        "oldest first, each in one transaction. Nothing is added if a listing "
        "has errors or no posts (exit status 1), or a time is earlier than the "
        "archive's last scrape or in the future (exit status 2). A listing that "
        "shares none of the posts the scrape before it showed is refused when "
        "its turn comes (exit status 1). A failure between two files keeps "
        "those added before it; the error names them. "
        "With --pages, the FILEs are the pages of one scrape, added as one. "
        "A scrape added cannot be taken out again: keep the files you add, to "
        "make the archive anew without one that was wrong.",
    )
    add.add_argument(
        "archive", type=_archive_path, metavar="ARCHIVE", help="the archive file"
    )
    add.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="a scrape of the listing; '-' for stdin",
    )
    add.add_argument(
        "--pages",
        action="store_true",
        help="the files are the pages of one scrape of a paged index (page 1, 2, "
        "3...), in order: join them as bloglist.stitch does and add them as one "
        "scrape, taken when the newest page was. Nothing is added (exit status "
        "1) if a page adds no post the pages before it lack but sticky ones, "
        "unless no page after it does and it may be the end of the index "
        "(empty, only pinned posts, or the end of the page before pushed "
        "down), or if a page shows none of the posts the archive's last scrape "
        "showed in its place, unless its posts are all dated and none is older "
        "than those (new posts in place of deleted ones). Sticky posts are "
        "pinned ones unless the blog marks every post (more sticky posts than "
        "a page holds, none among others): see docs/cli.md",
    )
    add.add_argument(
        "--seen-at",
        type=_moment,
        action="append",
        default=[],
        metavar="TIME",
        help="when the scrape was taken (ISO 8601; UTC without an offset); once "
        "per FILE, in order (once in all with --pages). Default: each file's "
        "modification time",
    )
    _timeout_option(add)
    add.add_argument(
        "--allow-all-gone",
        action="store_true",
        help="add a listing with no posts, or none the archive's last scrape "
        "showed, which makes every archived post gone (without it, such a "
        "listing, a failed download or a challenge page say, adds nothing: "
        "exit status 1); with --pages, a page that adds no post or stands in "
        "place of posts",
    )
    # Its former name, still taken so that no script breaks.
    add.add_argument(
        "--allow-empty",
        dest="allow_all_gone",
        action="store_true",
        help=argparse.SUPPRESS,
    )
    add.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing for a scrape added, so that a cron job is silent when "
        "all goes well (errors, the listings' diagnostics and a file that is "
        "the last scrape again still print)",
    )
    _listing_options(
        add,
        1,
        "; without it, the names the archive's tags show were known, such as GenAI",
    )
    add.set_defaults(run=_run_add)

    show = actions.add_parser(
        "show",
        help="print the archived posts",
        description="Print the latest version of every archived post, with the "
        "query options of 'bloglist show'.",
    )
    show.add_argument(
        "archive", type=_archive_path, metavar="ARCHIVE", help="the archive file"
    )
    _archive_query_options(show)
    show.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv", "listing"),
        default="table",
        help="table (default); json, jsonl or csv, each post with its archive "
        "id, first_seen, last_seen and gone_since; or listing (the canonical text)",
    )
    common.tag_separator_option(show)
    _known_tag_option(show, " (for --format listing, whose tag lines must read back)")
    show.set_defaults(run=_run_show)

    feed = actions.add_parser(
        "feed",
        help="write the archive as a feed whose entry ids never change",
        description="Write the archived posts as an Atom feed. Entry ids are the "
        "archive's ids, which stay the same when a post is edited. Entries are "
        "newest first by date, undated posts placed by when they were first "
        "seen; --sort and --sticky-first choose only the posts --limit and "
        "--page keep.",
    )
    feed.add_argument(
        "archive", type=_archive_path, metavar="ARCHIVE", help="the archive file"
    )
    _archive_query_options(feed, feed=True)
    feed.add_argument(
        "--format",
        choices=("atom",),
        default="atom",
        help="atom (default, and the only format): an Atom 1.0 feed",
    )
    common.feed_options(feed, "the archive file's name without its directory")
    feed.set_defaults(run=_run_feed)


# Running them ---------------------------------------------------------------


def _guarded(run: _Runner, args: argparse.Namespace) -> int:
    from ._store import ArchiveError

    # An ArchiveError names the file as given: read as UTF-8 and escaped
    # here, so that a name cannot forge a line or move the cursor (the other
    # messages escape it).
    try:
        return run(args)
    except (_Trouble, ArchiveError) as exc:
        common.error(f"bloglist: error: {_message(exc, args)}")
        busy = exc.busy if isinstance(exc, _Trouble) else exc.code == "busy"
        return BUSY if busy else 2
    except _DataError as exc:
        common.error(f"bloglist: error: {_message(exc, args)}")
        return 1
    except _Found as exc:
        common.error(str(exc))
        common.error(f"bloglist: error: {exc.closing}")
        return exc.status


def _message(exc: Exception, args: argparse.Namespace) -> str:
    """*exc*'s message as shown, the archive's name in it read as UTF-8 and,
    in the library's words (an ArchiveError), as typed."""
    from ._store import ArchiveError

    text = _said(exc, args) if isinstance(exc, ArchiveError) else str(exc)
    archive = getattr(args, "archive", None)
    # The archive's name, and the directories it names that a message may
    # name alone (`its directory nöpe does not exist`), longest first.
    while archive:
        text = text.replace(archive, common.as_utf8(archive))
        # "a/b/", then "a/b", then "a": each shorter than the one before,
        # until none is ("/", or on Windows "C:" and "C:\\", their own
        # directories).
        trimmed = archive.rstrip(os.sep + (os.altsep or ""))
        shorter = trimmed if trimmed != archive else os.path.dirname(trimmed)
        archive = shorter if len(shorter) < len(archive) else ""
    return common.shown(text)


def _said(exc: Exception, args: argparse.Namespace) -> str:
    """What the library says in *exc* (an ArchiveError), the paths it names
    for the archive (absolute) as they were typed. Only its words are read
    so: the command's own messages name every file as typed already, and a
    listing typed as an absolute path is to be named so."""
    text = str(exc)
    archive = getattr(args, "archive", None)
    if archive and not os.path.isabs(archive):
        with contextlib.suppress(OSError):  # a working directory removed
            text = _as_typed(text, archive, os.getcwd())
    return text


# Where a path the library names starts and ends in its messages: at the
# start or end of the text, or next to a space, a quote or a parenthesis
# (and before the colon or comma that follows a path).
_STARTS: Final = r"(?:\A|(?<=[\s'\"(]))"
_ENDS: Final = r"(?=\Z|[\s'\"():,])"


def _as_typed(text: str, archive: str, cwd: str) -> str:
    """*text* with the paths the library names for *archive*, typed relative
    to the working directory *cwd*, as typed.

    The library names the file, its directories and a part of its path that
    is not a directory by absolute paths: each leading part of the name as
    typed, joined to the working directory (and normalised, as a link's
    target is), is replaced by that part as typed; the working directory
    itself by ``.`` (``./x.db`` for a link's target there); the journal
    and shared memory file beside it, ``-journal`` and ``-shm`` after the
    name, as typed with that suffix. Only whole
    paths are replaced: a path that holds the working directory's text part
    of the way (``/var/tmp/x.db`` in ``/tmp``) is left as it is.
    """
    typed = {os.curdir: cwd} if cwd != os.sep else {}
    for index, char in enumerate(archive):
        if char == os.sep and archive[:index]:
            typed[archive[:index]] = os.path.join(cwd, archive[:index])
    typed[archive] = os.path.join(cwd, archive)
    # The files SQLite keeps beside it, which messages name too.
    for suffix in ("-journal", "-shm"):
        typed[archive + suffix] = os.path.join(cwd, archive + suffix)
    names: dict[str, str] = {}
    for part, absolute in typed.items():
        for path in (absolute, os.path.normpath(absolute)):
            if path != os.sep:  # '/' alone is too common to be this path
                names.setdefault(path, part)
    whole = "|".join(re.escape(path) for path in sorted(names, key=len, reverse=True))
    # A path inside the working directory (a link's target there): ./x.db.
    inside = re.escape(cwd + os.sep) if cwd != os.sep else "(?!)"
    pattern = re.compile(f"{_STARTS}(?:(?P<whole>{whole}){_ENDS}|{inside})")

    def shown(found: re.Match[str]) -> str:
        path = found.group("whole")
        return names[path] if path is not None else os.curdir + os.sep

    return pattern.sub(shown, text)


def _read(
    file: str,
    args: argparse.Namespace,
    *,
    status: int = 2,
    undone: str = "compared",
    left: Callable[[], bool] | None = None,
) -> Listing:
    """The listing in *file*; a :class:`_Found` of *status* for one whose
    reading stops at a problem (see it), closed by the line that nothing was
    *undone* (compared, or added). With *left* (:func:`common.reader_left`),
    a :class:`BrokenPipeError` before any read once the reader of the
    output has left."""
    from ._gc import collect_paused
    from ._listing import make_listing
    from ._parse import iterload
    from ._post import Post

    def limited(fp: IO[bytes]) -> Listing:
        # An archive where a listing goes (in archive add, most often its
        # arguments swapped), or JSON (the command's own output), said before
        # any line of it is read: no line of the file would tell, and its
        # lines would read as lines with problems. Looked at in place, so a
        # pipe is too.
        swapped = getattr(args, "archive", None) is not None
        if said := common.not_a_listing(fp, _name(file), swapped=swapped):
            raise _Trouble(said)
        # Read as check and show read it, a piece at a time, each piece
        # decoded and parsed before the next is read: the first problem in
        # the file (a long line, bytes that are not text, in strict mode an
        # error) is the one reported, as check reports it.
        reader = common.LineLimit(fp, args.max_line_length, left)
        found = collect_paused(
            iterload(
                reader,
                strict=args.strict,
                known_tags=args.known_tag,
                max_diagnostics=args.max_diagnostics,
            )
        )
        posts = tuple(item for item in found if isinstance(item, Post))
        diagnostics = tuple(item for item in found if not isinstance(item, Post))
        return make_listing(posts, diagnostics)

    try:
        if file == "-":
            if sys.stdin is None:
                raise _Trouble("cannot read standard input: it is closed")
            return limited(sys.stdin.buffer)
        with open(file, "rb") as fp:
            return limited(fp)
    except common.OutputFailed as failed:  # the output's, not the file's
        raise failed.error from None
    except ParseError as exc:
        raise _Found(
            common.finding(_name(file), exc.lineno, exc.colno, exc.code, exc.msg),
            status,
            f"reading {_name(file)} stopped at line {exc.lineno}; nothing was {undone}",
        ) from None
    except OSError as exc:
        if common.is_a_directory(exc, file):
            raise _Trouble(f"cannot read {_name(file)}: it is a directory") from None
        raise _Trouble(f"cannot read {_name(file)}: {exc.strerror}") from None


def _name(file: str) -> str:
    return common.STDIN if file == "-" else common.shown_name(common.not_a_label(file))


def _for_shell(file: str) -> str:
    """*file*, a name from the command line, as "added before it: ...; not
    added: ..." lists it: quoted as a shell reads it (shlex.quote), so that
    a name holding ", " or "; " is one, and a script can add the rest with
    the names as they are (``archive add blog.db -- ...``, the ``--`` for a
    name that starts with "-"). Standard input is ``-``; a name that does not
    show as it is (a control character, a byte that is not UTF-8) is shown
    escaped, as the whole message is (common.shown), which cannot forge a
    line."""
    if file == "-":
        return file
    text = common.as_utf8(file)
    return shlex.quote(text if text.isprintable() else _name(file))


def _source(file: str) -> str:
    """What ``scrapes.source`` records of *file*: its name as given, read as
    UTF-8 whatever the locale (see as_utf8), not escaped for a terminal (a
    byte that is not UTF-8, which the name then holds as a lone surrogate,
    is stored as U+FFFD), but a file named as standard input is recorded as
    ``./<stdin>`` (see not_a_label)."""
    return common.STDIN if file == "-" else common.not_a_label(common.as_utf8(file))


def _report(file: str, listing: Listing) -> int:
    """Print *listing*'s diagnostics; the number of errors among them (and
    among those a count past --max-diagnostics stands for)."""
    for d in listing.diagnostics:
        common.error(common.finding(_name(file), d.lineno, d.colno, d.code, d.message))
    return sum(problem_counts(d)[0] for d in listing.diagnostics)


def _write(text: str) -> None:
    # UTF-8 whatever the locale, as the main command writes.
    out = common.stdout_buffer()
    write_all(out, text.encode("utf-8", "replace"), "standard output")
    out.flush()


def _run_diff(args: argparse.Namespace) -> int:
    return _guarded(_diff, args)


def _listing_is_output(name: str) -> None:
    """Refuse the listing *name* when it is the empty file standard output
    writes to, which output_among lets be (no bytes to read back): ``diff
    old.txt new.txt > old.txt`` emptied it before the command ran, and would
    report every post of the other listing as added, or removed, into it."""
    # Standard input redirected from the file (`diff - b.txt < a.txt >
    # a.txt`) is looked at by its descriptor (Windows has no /dev/stdin).
    path: str | int = name
    if name == "-":
        try:
            path = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):  # closed, or in memory
            return
    if common.written_to(path) and os.path.getsize(path) == 0:
        raise _Trouble(
            f"{common.input_label(name)} is also the file standard output "
            "writes to, and is empty: if it held a listing, the shell emptied "
            "it (>) before the command ran; write the report to another file"
        )


def _diff(args: argparse.Namespace) -> int:
    from ._diff import diff

    files = [args.old, args.new]
    # Read whole before anything is written, a file its output is appended
    # to (diff a.txt b.txt >> a.txt) would not loop, but would no longer be
    # a listing: refused, as by the other commands.
    if why := common.read_once(files) or common.output_among(files, streamed=False):
        raise _Trouble(why)
    for name in files:
        _listing_is_output(name)
    # OLD's problems are printed before NEW is read: a NEW that cannot be
    # read (or whose reading stops) ends the command, and OLD's would be lost.
    # A reader of the output that leaves ends it before its next read, as it
    # ends the main command, and before the comparison: diff writes nothing
    # before it has compared all (archive add, whose work is the archive's,
    # adds all the same).
    left = common.reader_left()
    old = _read(args.old, args, left=left)
    errors = _report(args.old, old)
    new = _read(args.new, args, left=left)
    errors += _report(args.new, new)
    if left is not None and left():
        raise common.reader_gone()
    if errors:
        # As archive add refuses them: a post that failed to parse is missing.
        raise _Trouble(
            f"{plural(errors, 'error')} in the listings; nothing was "
            "compared, as a post that failed to parse would count as removed "
            "or added"
        )
    result = diff(old, new)
    if args.format == "json":
        out = common.stdout_buffer()
        batched = _Batched(partial(write_all, out, name="standard output"))
        _diff_json(result, batched.write)
        batched.flush()
        out.flush()
    else:
        # Its titles escaped as the tables of show escape them, its other
        # texts quoted with Python's escapes: one line a change.
        _write(f"{result}\n")
    return 1 if result.added or result.removed or result.changed else 0


def _records(posts: Sequence[Post]) -> list[object]:
    from ._export import to_json

    records: list[object] = json.loads(to_json(posts, indent=None))
    return records


def _diff_json(result: Diff, write: Callable[[bytes], object]) -> None:
    """Write the diff as one JSON object, as ``json.dumps(..., indent=2)``
    writes it, in UTF-8, to *write*.

    The added and removed posts, which may be a whole listing, are written
    by the JSON writer straight into place, a batch of posts at a time, so
    that the text of a whole listing (four bytes a character once it holds
    an emoji) is never held; the changed posts, as pairs of records, a
    batch at a time too. U+2028
    and the other line breaks JSON leaves raw are escaped, as in the JSON of
    show.
    """
    from ._export import json_bytes, stream_json

    write(b"{")
    for n, (key, posts) in enumerate(
        (("added", result.added), ("removed", result.removed))
    ):
        write(b'%s\n  "%s": ' % (b"," if n else b"", key.encode()))
        # Safe as made; _Nested encodes it a level further in.
        stream_json(posts, _Nested(write))
    changes = result.changed
    write(b',\n  "changed": ' + (b"[" if changes else b"[]"))
    for start in range(0, len(changes), _CHANGES):
        batch = changes[start : start + _CHANGES]
        olds = _records([c.old for c in batch])
        news = _records([c.new for c in batch])
        changed = [
            {"old": o, "new": n, "fields": list(c.fields)}
            for o, n, c in zip(olds, news, batch, strict=True)
        ]
        # "[\n  {...},\n  {...}\n]": its items, a level further in, each
        # batch's after a comma, so that the batches make the one array.
        items = json.dumps(changed, ensure_ascii=False, indent=2)[1:-2]
        write(b"," * bool(start) + json_bytes(items).replace(b"\n", b"\n  "))
    write(b"\n  ]" * bool(changes))
    write(b',\n  "unchanged": %d\n}\n' % result.unchanged)


# The changed posts of a diff's JSON are written this many at a time: the
# text of a whole listing of changes is never held (a few hundred megabytes
# for 100,000 of them).
_CHANGES: Final = 512


class _Batched:
    """Bytes given to *write* a batch of :data:`common.FLUSH_SIZE` bytes or
    more at a time, and at :meth:`flush`: the JSON writer gives a diff's
    object in many small pieces, each of which an unbuffered standard output
    (``PYTHONUNBUFFERED=1``) would write at once. So a small diff goes out
    in one write, as its table does, and ``| head -1`` stops it the same
    way every time (a check found it exit 1 or, killed by SIGPIPE between
    two pieces, 141). A piece that alone fills a batch goes out as it is."""

    __slots__ = ("_held", "_write")

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write
        self._held = bytearray()

    def write(self, data: bytes) -> None:
        if not self._held and len(data) >= common.FLUSH_SIZE:
            self._write(data)
            return
        self._held += data
        if len(self._held) >= common.FLUSH_SIZE:
            self.flush()

    def flush(self) -> None:
        # Nothing held is no write: write_all writes no empty piece.
        data = bytes(self._held)
        self._held.clear()
        self._write(data)


class _Nested:
    """A text file for the JSON writer that writes its text one level down
    in the diff's object, as UTF-8, to *write*: every line after the first
    two spaces further in, and the line break that ends the text left out
    (the object goes on after it)."""

    __slots__ = ("_held", "_write")

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write
        self._held = b""  # a line break, held back in case it is the last

    def write(self, text: str) -> None:
        from ._export import json_bytes

        data = self._held + json_bytes(text)
        self._held = b"\n" * data.endswith(b"\n")
        self._write(data[: len(data) - len(self._held)].replace(b"\n", b"\n  "))


def _run_add(args: argparse.Namespace) -> int:
    return _guarded(_add, args)


# How far past the clock a scrape's time may be: a clock some hours ahead,
# or a local time written without its offset (taken as UTC), is let be.
_AHEAD: Final = datetime.timedelta(days=1)


def _mtime(file: str) -> datetime.datetime:
    if file == "-":
        raise _Trouble("a scrape read from standard input needs --seen-at")
    try:
        status = os.stat(file)
    except OSError as exc:
        raise _Trouble(f"cannot read {_name(file)}: {exc.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        raise _Trouble(f"cannot read {_name(file)}: it is a directory")
    if not stat.S_ISREG(status.st_mode):
        # A named pipe's time is that of its last write, days ago perhaps;
        # a pipe's (/dev/stdin, `<(curl ...)`) or a device's is no scrape's.
        raise _Trouble(
            f"{_name(file)} is not a regular file (a pipe or a device), which "
            "has no time of its own: give --seen-at"
        )
    # To the microsecond it falls in, as --seen-at's digits past the sixth
    # are dropped: from the nanoseconds, which the float st_mtime rounds.
    seconds, nanoseconds = divmod(status.st_mtime_ns, 1_000_000_000)
    try:
        return datetime.datetime.fromtimestamp(
            seconds, datetime.UTC
        ) + datetime.timedelta(microseconds=nanoseconds // 1000)
    except (OverflowError, ValueError, OSError) as exc:
        raise _Trouble(
            f"cannot read the modification time of {_name(file)}: {exc}; give --seen-at"
        ) from None


def _check_times(files: list[str], times: list[datetime.datetime], given: bool) -> None:
    """Refuse a time in the future: a scrape is taken before it is added, and
    an archive refuses every scrape older than its last (a typo such as 2052
    for 2025, or a file from a machine whose clock is wrong, would block it)."""
    now = datetime.datetime.now(datetime.UTC)
    for file, seen_at in zip(files, times, strict=True):
        if seen_at <= now + _AHEAD:
            continue
        if given:
            raise _Trouble(
                f"--seen-at {seen_at.isoformat()} for {_name(file)} is in the "
                "future; a scrape is taken at or before the time it is added"
            )
        raise _Trouble(
            f"{_name(file)} was modified in the future ({seen_at.isoformat()}); "
            "check the clock, or give --seen-at"
        )


def _wrong_page_hint(archive: ArchiveFile, listing: Listing, pages: bool) -> str:
    """What to say of an archive whose last scrape the refused *listing*
    shares no post with, when the archive's last scrapes look like the wrong
    page (a challenge page, or an empty download, taken where no check
    refuses it: after a scrape that showed nothing, or with
    --allow-all-gone). Said only on clear signs: the *listing*'s dated posts
    (a challenge page has none) share posts, by date and title as the
    matching rule's first step pairs them, with an earlier scrape, the only
    one of its time, and every post of the archive's page was first seen
    after it, and the first scrape with posts after it shows none of its
    posts (one that does is the blog's page moving on, and the listing an
    older page: a stale copy): the scrapes after that one are named. Where
    the listing shares no post with any scrape and the archive holds only
    one scrape with posts, that one is named, as nothing tells which of the
    two is the blog's. Nothing where the signs are not clear (a page seen
    before that comes back), or for an archive that cannot be read now."""
    from ._store import ArchiveError, hint_times

    try:
        last, first_present, moved_on = hint_times(archive, listing)
        scrapes = archive.scrapes()
    except ArchiveError:
        return ""
    if last is None:
        with_posts = [s for s in scrapes if s.posts]
        if len(with_posts) != 1:
            return ""
        one = "one scrape only" if len(scrapes) == 1 else "only one scrape with posts"
        return (
            f"; the archive holds {one} ({_scrape_named(with_posts[0])}): if that "
            "was not the blog's page (a challenge page, say), make the archive anew"
        )
    # The last scrape that showed a post the listing shows, and those after.
    at_last = [s for s in scrapes if s.seen_at == last]
    since = [s for s in scrapes if s.seen_at > last]
    if len(at_last) != 1 or not since or not (first_present and first_present > last):
        return ""  # another scrape of that time, or the page goes on from before
    if moved_on:
        # The first scrape with posts after it shows some of its posts: the
        # blog's page moved on from it, and the listing is an older page (a
        # stale copy).
        return ""
    first = _scrape_named(since[0])
    if len(since) == 1:
        after, these, them = f"the one after it ({first})", "that was", "it"
    else:
        comma = " " if since[0].source is None else ", "
        after = f"the {len(since)} after it (the first{comma}{first})"
        these, them = "those were", "them"
    return (
        f"; {'they share' if pages else 'it shares'} posts with an earlier scrape "
        f"of the archive ({_scrape_named(at_last[0])}), but none with {after}: "
        f"if {these} not the blog's page (a challenge page, say, or an empty "
        f"download), make the archive anew without {them}"
    )


def _scrape_named(scrape: ArchivedScrape) -> str:
    """A scrape as a hint names it: its source, if known, and its time. The
    source is the archive's text, decoded once already: not a word of the
    command line, whose bytes as_utf8 would ask the locale for."""
    at = f"seen at {scrape.seen_at.isoformat()}"
    return at if scrape.source is None else f"{common.shown(scrape.source)}, {at}"


def _seen_at_said(error: ScrapeOrderError, given: bool, pages: bool = False) -> str:
    """The library's *error* of a scrape's ``seen_at`` earlier than the
    archive's last scrape, as the command words it: the time is
    ``--seen-at`` when *given*, else the file's modification time (with
    *pages*, the newest of the pages'), which the user did not write and may
    not know was taken, and is told how to give one."""
    time = error.seen_at.isoformat()
    rest = str(error).removeprefix(f"seen_at {time}")  # what is said of it
    if given:
        return f"--seen-at {time}{rest}"
    # The pages of one scrape are taken when the newest of them was.
    whose = (
        "the newest modification time of its pages"
        if pages
        else "its modification time"
    )
    return f"{whose}, {time},{rest}, or give --seen-at"


def _read_all(files: list[str], args: argparse.Namespace) -> list[Listing]:
    """The listing of each file, its diagnostics printed; nothing if any has
    an error (a _DataError), as a post that failed to parse would count as
    gone."""
    listings = []
    errors = 0
    for file in files:
        try:
            listing = _read(file, args, status=1, undone="added")
        except MemoryError:
            # Named, as a failure while adding is: every file is read
            # before any is added.
            raise common.OutOfMemory(
                f"out of memory reading {_name(file)}; nothing was added"
            ) from None
        errors += _report(file, listing)
        listings.append(listing)
    if errors:
        raise _DataError(
            f"{plural(errors, 'error')} in the listings; nothing was added, as "
            "a post that failed to parse would count as gone"
        )
    return listings


def _stitched(
    files: list[str],
    pages: list[Listing],
    args: argparse.Namespace,
) -> Listing:
    """--pages: the pages of one scrape joined, the stitch's warnings printed
    with the file of their page, under its --max-diagnostics. (The add
    checks the pages, unless --allow-all-gone: see _refused.)"""
    from ._stitch import stitch

    # Lists of posts, not the Listings, whose diagnostics stitch would keep:
    # they were printed as the files were read.
    listing = stitch([list(page) for page in pages])
    names = [_name(file) for file in files]
    reported = [len(page.diagnostics) for page in pages]
    for index, made in common.page_findings(
        listing.diagnostics, names, reported, args.max_diagnostics
    ):
        common.error(
            common.finding(
                names[index], made.lineno, made.colno, made.code, made.message
            )
        )
    return listing


def _has_archive(path: str) -> bool:
    """Whether *path* names a file with something in it: an archive, or a
    file that add refuses as one (an empty file, or no file, or a link to
    none, is a new archive to add)."""
    try:
        return os.stat(path).st_size > 0
    except OSError:
        return False


# Why an empty listing is refused where no archived post would count as gone:
# the archive's last scrape showed none (one added with --allow-all-gone).
_EMPTY_AGAIN: Final = (
    "the archive's last scrape had no posts either, and an empty listing is "
    "most often a failed download"
)


def _archive_tags(path: str, timeout: float) -> tuple[str, ...]:
    """The known tag names of the archive file at *path*
    (:meth:`ArchiveFile.known_tags`); none for no archive, or for a file the
    add refuses for another reason than a busy one (said once the files are
    read, as before: a listing given as the archive, most often).
    ArchiveError for a file busy past *timeout*."""
    from ._store import ArchiveError, ArchiveFile

    if not _has_archive(path):
        return ()
    try:
        return ArchiveFile(path, timeout=timeout).known_tags()
    except ArchiveError as exc:
        if exc.code == "busy":
            raise
        return ()


def _last_scrape_posts(path: str, timeout: float) -> int | None:
    """How many posts the last scrape of the archive file at *path* showed,
    or None if the file holds none (or no file is there); -1 for one busy
    for longer than *timeout*, taken as an archive with posts: what is asked
    for a refusal's reason, which trying again would not change.
    ArchiveError for a file that is no archive: the add would fail for that
    first."""
    from ._store import ArchiveError, ArchiveFile

    if not _has_archive(path):
        return None
    try:
        scrapes = ArchiveFile(path, timeout=timeout).scrapes()
    except ArchiveError as exc:
        if exc.code != "busy":
            raise
        return -1
    return scrapes[-1].posts if scrapes else None


def _refused(
    exc: PageError, names: list[str], archive: str, timeout: float
) -> _DataError:
    """The command's words for a page the add refused, named by its file."""
    if exc.reason == "displaced":
        from ._stitch import displaced

        what = displaced(exc.count)
        why = "it would count as gone" if exc.count == 1 else "they would count as gone"
    else:
        from ._stitch import REFUSED_PAGE

        what = REFUSED_PAGE[exc.reason]
        from ._store import ArchiveError

        try:
            last = _last_scrape_posts(archive, timeout)
        except ArchiveError:  # unreadable now: said as for an archive with posts
            last = -1
        if last:
            why = "the archived posts of its page would count as gone"
        else:
            # No archived post is on the page: its posts would go unseen.
            state = (
                "no archive yet"
                if not _has_archive(archive)
                else "the archive holds no scrape yet"
                if last is None
                else "the archive's last scrape had no posts"
            )
            why = f"the posts of its page would not be seen ({state})"
    return _DataError(
        f"{names[exc.page]} (page {exc.page + 1}) {what}; nothing was added, as "
        f"{why} (--allow-all-gone adds it)"
    )


# How much older than the newest page a page of one scrape may be before
# it is said to be a download left from an earlier scrape.
_STALE: Final = datetime.timedelta(hours=1)


def _warn_stale(files: list[str]) -> None:
    """Say which pages of one scrape are much older than its newest, by their
    files' modification times, whatever time the scrape is given
    (``--seen-at``): pages are fetched a moment apart, so such a page is most
    often a failed download that left the file of an earlier scrape in place.
    A warning on standard error, --quiet or not; the scrape is still added.
    A page with no time of its own (standard input, a pipe) is not compared."""
    known = {
        index: moment
        for index, moment in enumerate(map(_modified, files))
        if moment is not None
    }
    if not known:
        return
    newest = max(known, key=known.__getitem__)
    for index, moment in known.items():
        file, behind = files[index], known[newest] - moment
        if behind > _STALE:
            hours = behind // datetime.timedelta(hours=1)
            common.error(
                f"bloglist: warning: {_name(file)} (page {index + 1}) was "
                f"modified {plural(hours, 'hour')} before {_name(files[newest])} "
                f"(page {newest + 1}); the pages of one scrape are fetched a "
                "moment apart, so it may be left from an earlier download"
            )


def _modified(file: str) -> datetime.datetime | None:
    """:func:`_mtime` of *file* for the warning of a stale page alone: None
    where it has none (standard input, a pipe or a device, a time the system
    cannot give; reading the file finds what is wrong with it)."""
    try:
        return _mtime(file)
    except _Trouble:
        return None


def _add(args: argparse.Namespace) -> int:
    from ._archive import AllGoneError, ScrapeOrderError
    from ._stitch import PageError
    from ._store import (
        AddedScrape,
        ArchiveError,
        ArchiveFile,
        added_before,
        committed_before,
    )

    files: list[str] = args.files
    # Not "or not at all" where a file is standard input, which needs it.
    or_not = "" if "-" in files else ", or not at all"
    if args.pages and args.seen_at and len(args.seen_at) != 1:
        raise _Trouble(
            f"--seen-at is given {plural(len(args.seen_at), 'time')} for the "
            f"pages of one scrape; give it once{or_not}"
        )
    if not args.pages and args.seen_at and len(args.seen_at) != len(files):
        raise _Trouble(
            f"--seen-at is given {plural(len(args.seen_at), 'time')} "
            f"for {plural(len(files), 'file')}; give it once per file{or_not}"
        )
    if why := common.read_once(files):
        raise _Trouble(why)
    _archive_is_output(args, writes=False)
    if args.pages:
        # One scrape, taken when its last page was: the newest of the times.
        times = args.seen_at * len(files) or [_mtime(file) for file in files]
        newest = max(range(len(files)), key=times.__getitem__)
        _check_times([files[newest]], [times[newest]], bool(args.seen_at))
        _warn_stale(files)
    else:
        times = args.seen_at or [_mtime(file) for file in files]
        _check_times(files, times, bool(args.seen_at))
    # Without --known-tag, the names the archive's tags show were known
    # (ArchiveFile.known_tags), so that a scrape added without the option of
    # the adds before splits its tag lines as they did.
    busy: ArchiveError | None = None
    if not args.known_tag:
        try:
            args.known_tag = list(_archive_tags(args.archive, args.timeout))
        except ArchiveError as exc:
            busy = exc
    # Read every file before adding any, so that a bad one adds nothing.
    listings = _read_all(files, args)
    if busy is not None and (any(listings) or args.allow_all_gone):
        # Busy past the timeout: the add would wait as long again, and no
        # tags are read without the names. An empty file is refused as it
        # is, busy or not, without waiting again.
        raise ArchiveError(f"{busy}, nothing was changed", code="busy") from None
    if args.pages:
        stitched = _stitched(files, listings, args)
        typed = [" ".join(map(_for_shell, files))]
        scrapes = [
            (
                times[newest],
                ", ".join(_name(file) for file in files),
                ", ".join(_source(file) for file in files),
                stitched,
            )
        ]
    else:
        # The files in the order they are added, oldest first: an archive
        # takes scrapes in the order they were taken.
        order = sorted(range(len(files)), key=times.__getitem__)
        empty = [i for i in order if not listings[i]]
        if empty and not args.allow_all_gone:
            # What the scrape before the first empty listing showed: the
            # archive's last, unless a file of this run comes before it.
            last = (
                _last_scrape_posts(args.archive, 0 if busy else args.timeout)
                if empty[0] == order[0]
                else 1
            )
            why = (
                # A first scrape: an empty file is a failed download far
                # more often than a blog with no posts.
                "an archive does not start from an empty scrape"
                if last is None
                else _EMPTY_AGAIN
                if last == 0
                else "every archived post would count as gone"
            )
            raise _DataError(
                f"{_name(files[empty[0]])} has no posts; nothing was added, as "
                f"{why} (--allow-all-gone adds it)"
            )
        scrapes = [
            (times[i], _name(files[i]), _source(files[i]), listings[i]) for i in order
        ]
        typed = [_for_shell(files[i]) for i in order]
    # Not open_archive, which would make a new file's tables in a transaction
    # of their own: the first add makes them in its own, so that an add that
    # fails (a full disk, a file size limit) leaves no empty archive behind.
    archive = ArchiveFile(args.archive, timeout=args.timeout)
    names = [name for _, name, _, _ in scrapes]

    def listed(first: int) -> str:
        # The names of scrapes[first:] as typed, quoted as a shell reads
        # them, one space between (see _for_shell).
        return " ".join(typed[first:])

    # The scrapes that were the archive's last scrape again, which added
    # nothing: by their place in *scrapes*.
    same: set[int] = set()

    def before(done: int) -> str:
        """What became of the first *done* scrapes: ``added before it: A``,
        and ``the last scrape again, added nothing: B`` for those that were."""
        added = " ".join(typed[i] for i in range(done) if i not in same)
        again = " ".join(typed[i] for i in range(done) if i in same)
        said = [f"added before it: {added}"] if added else []
        if again:
            said.append(f"the last scrape again, added nothing: {again}")
        return "; ".join(said)

    def partly(done: int) -> str:
        # Each scrape is its own transaction: those before it stay.
        if not done:
            return ""
        return f"; {before(done)}; not added: {listed(done)}"

    def added(
        seen_at: datetime.datetime,
        name: str,
        listing: Listing,
        result: AddedScrape,
    ) -> None:
        # --quiet keeps the line of a scrape added, not that of one added
        # again: a failed download that left the last file in place.
        if args.quiet and result.recorded:
            return
        at = f"seen at {seen_at.isoformat()}"
        shown = common.shown_name(args.archive)
        if result.recorded:
            common.error(f"{shown}: added {name} ({result}) {at}")
        else:
            # The pages of one scrape, joined with ", ", are the last scrape.
            whose = f"the pages {name} are" if args.pages else f"{name} is"
            common.error(
                f"{shown}: {whose} the archive's last scrape again "
                f"({plural(len(listing), 'post')}) {at}; nothing was added"
            )

    # How many scrapes are in the file (or were the last scrape again), and
    # how many have their line: Ctrl-C may come anywhere (as an add returns,
    # while a line is written, between two adds), and what the command says
    # then counts what the file holds, not how far the loop got.
    kept = told = done = 0
    result: AddedScrape | None = None
    try:
        for done, (seen_at, name, source, listing) in enumerate(scrapes):
            try:
                result = archive.add(
                    listing,
                    seen_at=seen_at,
                    source=source,
                    allow_all_gone=args.allow_all_gone,
                    # Each page checked, the last scrape's in the add's transaction.
                    pages=listings if args.pages else None,
                )
            except PageError as exc:
                names_given = [_name(file) for file in files]
                raise _refused(exc, names_given, args.archive, args.timeout) from None
            except AllGoneError as exc:
                shares = f"the pages {name} share" if args.pages else f"{name} shares"
                raise _DataError(
                    f"{shares} no post with the archive's last scrape "
                    f"({plural(exc.present, 'post')}); "
                    f"{'it was not' if done else 'nothing was'} added, as every one "
                    f"of them would count as gone (--allow-all-gone adds it)"
                    f"{_wrong_page_hint(archive, listing, args.pages)}"
                    f"{partly(done)}"
                ) from None
            except (ValueError, ArchiveError) as exc:
                if isinstance(exc, ArchiveError) and not done:
                    raise  # it names the archive, and nothing was added
                said = (
                    _seen_at_said(exc, bool(args.seen_at), args.pages)
                    if isinstance(exc, ScrapeOrderError)
                    else _said(exc, args)
                )
                raise _Trouble(
                    f"cannot add {name} to {common.shown_name(args.archive)}: "
                    f"{said}{partly(done)}",
                    busy=isinstance(exc, ArchiveError) and exc.code == "busy",
                ) from None
            except MemoryError:
                # Rolled back, as any failure of the add: said with the scrapes
                # that stay, as for the failures above, so that a script (or its
                # user) can add the rest.
                raise common.OutOfMemory(
                    f"out of memory adding {name} to {common.shown_name(args.archive)}"
                    f"{partly(done) if done else '; nothing was added'}"
                ) from None
            except KeyboardInterrupt as exc:
                # Ctrl-C as the add's commit returned (or after it, as the
                # add returned): the scrape is in the file, and the interrupt
                # carries what the add counted.
                if committed_before(exc):
                    kept = done + 1
                    result = added_before(exc)
                raise
            if not result.recorded:
                # Before kept counts it: an interrupt between the two must
                # not say that it added something.
                same.add(done)
            kept = done + 1
            added(seen_at, name, listing, result)
            told, result = done + 1, None
    except KeyboardInterrupt:
        # Each scrape is its own transaction: say which stay, so that a
        # script (or its user) can add the rest.
        if kept > done:
            # Interrupted after the scrape was written: before (or while) its
            # line was said, or after.
            seen_at, name, _, listing = scrapes[done]
            # Not said yet, or cut off as it was: said (again). Only Ctrl-C
            # as the loop moves on to the next file finds it said, a moment
            # that only a trace function could time (the suite's tests do
            # not: one would take the coverage tracer's place).
            if told < kept:  # pragma: no branch
                # The add's, or carried by its interrupt (see _store._add).
                assert result is not None
                added(seen_at, name, listing, result)
            left = f"; not added: {listed(kept)}" * (kept < len(names))
            # A scrape that was the last scrape again added nothing.
            doing = f"{name} in" if done in same else f"adding {name} to"
            common.error(
                f"bloglist: interrupted after {doing} "
                f"{common.shown_name(args.archive)}; "
                f"{before(kept).replace('added before it', 'added', 1)}{left}"
            )
        elif kept:
            common.error(
                f"bloglist: interrupted adding {names[done]} to "
                f"{common.shown_name(args.archive)}{partly(done)}"
            )
        raise
    return 0


def _archive_is_output(args: argparse.Namespace, *, writes: bool = True) -> None:
    """Refuse the archive *args* name when it is the file standard output
    writes to: ``> blog.db`` emptied it before the command ran (an add
    would make a new archive of it, its history gone), ``>> blog.db`` would
    have show or feed write into it (an add, which *writes* nothing there,
    is let be). So is an empty archive that standard error writes to:
    ``2> blog.db`` emptied it too (the refusal is written into it, where
    the shell sends it; ``2>>``, which empties nothing, is let be)."""
    if common.written_to(args.archive, errors=True) and not os.path.getsize(
        args.archive
    ):
        raise _Trouble(
            f"{common.shown_name(args.archive)} is also the file standard error "
            "writes to, and is empty: if it held an archive, the shell emptied "
            "it (2>) before the command ran (restore it from a backup); write "
            "the errors to another file"
        )
    if not common.written_to(args.archive):
        return
    empty = os.path.getsize(args.archive) == 0
    if not writes and not empty:
        return
    shown = common.shown_name(args.archive)
    if not empty:
        raise _Trouble(
            f"{shown} is also the file standard output writes to: the output "
            "would be written into the archive; write it to another file"
        )
    # The shell made the file, or emptied it (>): which, no one can tell.
    instead = (
        "write the output to another file"
        if writes
        else "leave out the >: archive add writes nothing to standard output"
    )
    raise _Trouble(
        f"{shown} is also the file standard output writes to, and is empty: "
        "if it held an archive, the shell emptied it (>) before the command "
        f"ran (restore it from a backup); {instead}"
    )


def _load(args: argparse.Namespace) -> Archive:
    from ._store import open_archive

    _archive_is_output(args)
    return open_archive(args.archive, create=False, timeout=args.timeout).load()


def _chosen(args: argparse.Namespace) -> tuple[Archive, Listing]:
    """The archive file of *args*, and the posts its options choose."""
    archive = _load(args)
    try:
        return archive, _selected(archive, args)
    except common.UsageError as exc:
        raise _Trouble(str(exc)) from None


def _selected(archive: Archive, args: argparse.Namespace) -> Listing:
    if args.present and args.gone_since is not None:
        raise common.UsageError(
            "--present and --gone-since: no post can be on the page and gone from it"
        )
    if args.new_since is not None:
        listing = archive.new_since(args.new_since)
    elif args.changed_since is not None:
        listing = archive.changed_since(args.changed_since)
    elif args.gone_since is not None:
        listing = archive.gone_since(args.gone_since)
    else:
        listing = archive.listing
    if args.gone or args.present:
        keep = {
            id(post) for post in (archive.gone() if args.gone else archive.present())
        }
        listing = listing.filter(lambda post: id(post) in keep)
    return common.order(common.select(listing, args), args)


def _run_show(args: argparse.Namespace) -> int:
    return _guarded(_show, args)


def _show(args: argparse.Namespace) -> int:
    """The chosen posts, written a batch at a time as the main command writes
    them, so that their text is never held whole; the whole archive is read
    (loaded) before the first is written. The machine formats add the
    archive's fields (ARCHIVE_FIELDS) after the schema's to each post."""
    from ._export import CsvWriter, JsonWriter
    from ._post import WriteError
    from ._write import dump_chunks

    archive, listing = _chosen(args)
    out = common.Output(common.stdout_buffer())
    posts = list(listing)
    batches = (
        posts[at : at + common.BATCH] for at in range(0, len(posts), common.BATCH)
    )
    try:
        if args.format == "table":
            rows = _rows(archive, listing)
            common.write_table(rows, out, measure=_rows(archive, listing))
        elif args.format in ("json", "jsonl"):
            writer = JsonWriter(
                out, lines=args.format == "jsonl", more_keys=ARCHIVE_FIELDS
            )
            out.encode = str.encode  # the records are safe as they are made
            fields_of = _fields_of(archive)
            for batch in batches:
                writer.write(batch, fields_of(batch))
            writer.close()
        elif args.format == "csv":
            fields_of = _fields_of(archive)
            csv_writer = CsvWriter(
                out, tag_separator=args.tag_separator, more_fields=ARCHIVE_FIELDS
            )
            for batch in batches:
                csv_writer.write(batch, fields_of(batch))
            csv_writer.close()
        else:
            for chunk in dump_chunks(listing, known_tags=args.known_tag):
                out.write(chunk)
    except WriteError as exc:
        # What a format cannot carry is the main command's to report, with
        # status 1, as for show: after the posts before it.
        out.flush()
        raise _archived(exc, archive, args.archive) from None
    out.flush()
    return 0


# The keys (JSON) and columns (CSV) that archive show writes after the
# schema's: the post's archive id, and the times of its first and last
# scrapes and of the first without it (null, an empty cell, while present),
# in UTC, as RFC 3339 with a Z.
ARCHIVE_FIELDS: Final = ("id", "first_seen", "last_seen", "gone_since")


def _fields_of(
    archive: Archive,
) -> Callable[[list[Post]], list[tuple[str, str, str, str | None]]]:
    """The function from a list of the archive's posts to their
    ARCHIVE_FIELDS. Each time is written once: an archive's posts share the
    few times of its scrapes."""
    written: dict[datetime.datetime, str] = {}
    # The archive's own post objects (the listing's, chosen, sorted or
    # paged), found by identity: Archive.entry_of would hash every post (all
    # its fields) to build its index.
    entry_of = {id(entry.post): entry for entry in archive.entries}.__getitem__

    def utc(moment: datetime.datetime) -> str:
        text = written.get(moment)
        if text is None:
            text = written[moment] = (
                moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
            )
        return text

    def fields(posts: list[Post]) -> list[tuple[str, str, str, str | None]]:
        return [
            (
                entry.id,
                utc(entry.first_seen),
                utc(entry.last_seen),
                None if entry.gone_since is None else utc(entry.gone_since),
            )
            for entry in map(entry_of, map(id, posts))
        ]

    return fields


def _archived(exc: WriteError, archive: Archive, path: str) -> WriteError:
    """*exc*, about the post a writer could not write, worded ``ARCHIVE:
    post 'Title' (ID): ...``: the id finds its rows in the file."""
    from ._post import renamed

    def named(post: Post) -> str:
        # The id as the file holds it, from a stranger any text: escaped, and
        # quoted short when it is longer than an id bloglist writes.
        entry_id = archive.entry_of(post).id
        shown = common.printable(entry_id) if len(entry_id) <= 100 else quote(entry_id)
        return f"{common.shown_name(path)}: post {quote(post.title)} ({shown})"

    return renamed(exc, named)


def _rows(archive: Archive, listing: Listing) -> Iterator[tuple[str, ...]]:

    yield ("FIRST SEEN", "GONE SINCE", "DATE", "STICKY", "TITLE", "ID")
    for post in listing:
        entry = archive.entry_of(post)
        yield (
            _minute(entry.first_seen),
            "-" if entry.gone_since is None else _minute(entry.gone_since),
            "-" if post.date is None else post.date.isoformat(),
            "yes" if post.sticky else "",
            common.printable(post.title),
            # As the file holds it: from a stranger, any text.
            common.printable(entry.id),
        )


def _minute(moment: datetime.datetime) -> str:
    # isoformat, not strftime("%Y"), which writes the year 1 as "1" on Linux.
    return (
        moment.astimezone(datetime.UTC).replace(tzinfo=None).isoformat("T", "minutes")
        + "Z"
    )


def _run_feed(args: argparse.Namespace) -> int:
    return _guarded(_feed, args)


def _feed(args: argparse.Namespace) -> int:
    # The feed's entries are newest first by date whatever the order options
    # (see Archive.to_atom): those choose only which posts --limit and --page
    # keep. Without either, they would do nothing, and are refused as the
    # other options that would do nothing are.
    if (args.sort or args.sticky_first) and args.limit is None and args.page is None:
        given = "--sort" if args.sort else "--sticky-first"
        raise _Trouble(
            f"{given} needs --limit or --page: a feed's entries are newest "
            "first by date whatever the order options, which only choose the "
            "posts --limit and --page keep"
        )
    archive, listing = _chosen(args)
    title = args.feed_title or common.feed_title(os.path.basename(args.archive))
    from ._archive import feed_parts
    from ._export import atom_pieces

    # Archive.to_atom's feed, made and written an entry at a time: all that
    # can fail is checked before the first is made (see atom_pieces).
    parts = feed_parts(archive, listing, timezone=datetime.UTC, updated=None)
    pieces = atom_pieces(
        parts.posts,
        **common.atom_keywords(args, title),
        updated=parts.updated,
        entry_id=parts.entry_id,
        entry_updated=parts.entry_updated,
    )
    out = common.Output(common.stdout_buffer())
    for piece in pieces:
        out.write(piece)
    out.flush()
    return 0


if TYPE_CHECKING:
    from collections.abc import Callable

    _Runner = Callable[[argparse.Namespace], int]
