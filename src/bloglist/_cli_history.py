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
import datetime
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from . import _cli_common as common
from ._errors import ParseError, plural

if TYPE_CHECKING:
    from ._archive import Archive
    from ._listing import Listing

__all__ = ["COMMANDS", "add_commands"]

COMMANDS: Final[tuple[str, ...]] = ("diff", "archive")


class _Trouble(Exception):
    """A file that cannot be read or written, a bad option: exit status 2."""


class _DataError(Exception):
    """A listing with errors, which is not added to an archive: exit status 1."""


# Parsing the command line ---------------------------------------------------


def _moment(text: str) -> datetime.datetime:
    """An ISO 8601 time for --seen-at; a time with no offset is UTC."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 time such as 2025-03-05T08:00:00+00:00"
        ) from None
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _listing_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first error in a listing (exit status 2)",
    )
    parser.add_argument(
        "--known-tag",
        action="append",
        default=[],
        metavar="NAME",
        help="a tag name the case rule cannot split, such as GenAI or iOS; repeatable",
    )


def _archive_query_options(parser: argparse.ArgumentParser) -> None:

    common.query_options(parser)
    group = parser.add_argument_group("history")
    group.add_argument(
        "--new-since",
        type=_moment,
        metavar="TIME",
        help="posts first seen at or after TIME (ISO 8601; UTC without an offset)",
    )
    state = group.add_mutually_exclusive_group()
    state.add_argument(
        "--gone", action="store_true", help="only posts no longer on the page"
    )
    state.add_argument(
        "--present", action="store_true", help="only posts still on the page"
    )
    common.order_options(parser)


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
    diff.add_argument("--format", choices=("table", "json"), default="table")
    _listing_options(diff)
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
        "oldest first, each in one transaction. A listing with errors is not "
        "added (exit status 1).",
    )
    add.add_argument("archive", metavar="ARCHIVE", help="the archive file")
    add.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="a scrape of the listing; '-' for stdin",
    )
    add.add_argument(
        "--seen-at",
        type=_moment,
        action="append",
        default=[],
        metavar="TIME",
        help="when the scrape was taken (ISO 8601; UTC without an offset); once "
        "per FILE, in order. Default: each file's modification time",
    )
    add.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for another process writing the archive (default: 5)",
    )
    _listing_options(add)
    add.set_defaults(run=_run_add)

    show = actions.add_parser(
        "show",
        help="print the archived posts",
        description="Print the latest version of every archived post, with the "
        "query options of 'bloglist show'.",
    )
    show.add_argument("archive", metavar="ARCHIVE", help="the archive file")
    _archive_query_options(show)
    show.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv", "listing"),
        default="table",
    )
    show.set_defaults(run=_run_show)

    feed = actions.add_parser(
        "feed",
        help="write the archive as a feed whose entry ids never change",
        description="Write the archived posts as an Atom feed. Entry ids are the "
        "archive's ids, which stay the same when a post is edited; undated "
        "posts are placed by when they were first seen.",
    )
    feed.add_argument("archive", metavar="ARCHIVE", help="the archive file")
    _archive_query_options(feed)
    feed.add_argument("--format", choices=("atom",), default="atom")
    common.feed_options(feed)
    feed.set_defaults(run=_run_feed)


# Running them ---------------------------------------------------------------


def _guarded(run: _Runner, args: argparse.Namespace) -> int:
    from ._store import ArchiveError

    try:
        return run(args)
    except (_Trouble, ArchiveError) as exc:
        common.error(f"bloglist: error: {exc}")
        return 2
    except _DataError as exc:
        common.error(f"bloglist: error: {exc}")
        return 1


def _read(
    file: str, args: argparse.Namespace, *, error: type[Exception] = _Trouble
) -> Listing:
    """The listing in *file*; *error* for a listing a strict parse stops."""
    from ._parse import load

    try:
        if file == "-":
            return load(sys.stdin.buffer, strict=args.strict, tags=args.known_tag)
        with open(file, "rb") as fp:
            return load(fp, strict=args.strict, tags=args.known_tag)
    except ParseError as exc:
        raise error(
            common.finding(_name(file), exc.lineno, exc.colno, exc.code, exc.msg)
        ) from None
    except IsADirectoryError:
        raise _Trouble(f"cannot read {_name(file)}: it is a directory") from None
    except OSError as exc:
        raise _Trouble(f"cannot read {_name(file)}: {exc.strerror}") from None


def _name(file: str) -> str:
    return "<stdin>" if file == "-" else common.shown(file)


def _report(file: str, listing: Listing) -> int:
    """Print *listing*'s diagnostics; the number of errors among them."""
    for d in listing.diagnostics:
        common.error(common.finding(_name(file), d.lineno, d.colno, d.code, d.message))
    return sum(d.severity == "error" for d in listing.diagnostics)


def _write(text: str) -> None:
    # UTF-8 whatever the locale, as the main command writes.
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    sys.stdout.buffer.flush()


def _run_diff(args: argparse.Namespace) -> int:
    return _guarded(_diff, args)


def _diff(args: argparse.Namespace) -> int:
    from ._diff import diff

    if args.old == "-" and args.new == "-":
        raise _Trouble("OLD and NEW cannot both be standard input")
    old, new = _read(args.old, args), _read(args.new, args)
    if _report(args.old, old) + _report(args.new, new):
        return 2
    result = diff(old, new)
    if args.format == "json":
        _write(_diff_json(result))
    else:
        _write(str(result) if str(result).endswith("\n") else f"{result}\n")
    return 1 if result.added or result.removed or result.changed else 0


def _records(posts: Sequence[object]) -> list[object]:
    from ._export import to_json

    records: list[object] = json.loads(to_json(posts, indent=None))  # type: ignore[arg-type]
    return records


def _diff_json(result: object) -> str:
    added = _records(result.added)  # type: ignore[attr-defined]
    removed = _records(result.removed)  # type: ignore[attr-defined]
    changes = result.changed  # type: ignore[attr-defined]
    olds = _records([c.old for c in changes])
    news = _records([c.new for c in changes])
    changed = [
        {"old": o, "new": n, "fields": list(c.fields)}
        for o, n, c in zip(olds, news, changes, strict=True)
    ]
    document = {
        "added": added,
        "removed": removed,
        "changed": changed,
        "unchanged": result.unchanged,  # type: ignore[attr-defined]
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _run_add(args: argparse.Namespace) -> int:
    return _guarded(_add, args)


def _mtime(file: str) -> datetime.datetime:
    if file == "-":
        raise _Trouble("a scrape read from standard input needs --seen-at")
    try:
        stamp = os.stat(file).st_mtime
    except OSError as exc:
        raise _Trouble(f"cannot read {file}: {exc.strerror}") from None
    return datetime.datetime.fromtimestamp(stamp, datetime.UTC)


def _add(args: argparse.Namespace) -> int:
    from ._store import open_archive

    files: list[str] = args.files
    if args.seen_at and len(args.seen_at) != len(files):
        raise _Trouble(
            f"--seen-at is given {plural(len(args.seen_at), 'time')} "
            f"for {plural(len(files), 'file')}; give it once per file, or not at all"
        )
    if files.count("-") > 1:
        raise _Trouble("standard input can be read only once")
    times = args.seen_at or [_mtime(file) for file in files]
    # Read every file before adding any, so that a bad one adds nothing.
    scrapes = []
    errors = 0
    for file, seen_at in zip(files, times, strict=True):
        listing = _read(file, args, error=_DataError)
        errors += _report(file, listing)
        scrapes.append((seen_at, file, listing))
    if errors:
        raise _DataError(
            f"{plural(errors, 'error')} in the listings; nothing was added, "
            "as a post that failed to parse would count as gone"
        )
    # Oldest first: an archive takes scrapes in the order they were taken.
    scrapes.sort(key=lambda scrape: scrape[0])
    archive = open_archive(args.archive, timeout=args.timeout)
    for seen_at, file, listing in scrapes:
        try:
            archive.add(listing, seen_at=seen_at, source=_name(file))
        except ValueError as exc:
            raise _Trouble(f"cannot add {_name(file)}: {exc}") from None
        common.error(
            f"{common.shown(args.archive)}: added {_name(file)} "
            f"({plural(len(listing), 'post')}) seen at {seen_at.isoformat()}"
        )
    return 0


def _load(args: argparse.Namespace) -> Archive:
    from ._store import open_archive

    return open_archive(args.archive, create=False).load()


def _chosen(args: argparse.Namespace) -> tuple[Archive, Listing]:
    """The archive file of *args*, and the posts its options choose."""
    archive = _load(args)
    try:
        return archive, _selected(archive, args)
    except common.UsageError as exc:
        raise _Trouble(str(exc)) from None


def _selected(archive: Archive, args: argparse.Namespace) -> Listing:
    listing = (
        archive.listing if args.new_since is None else archive.since(args.new_since)
    )
    if args.gone or args.present:
        keep = {
            id(post) for post in (archive.gone() if args.gone else archive.present())
        }
        listing = listing.filter(lambda post: id(post) in keep)
    return common.order(common.select(listing, args), args)


def _run_show(args: argparse.Namespace) -> int:
    return _guarded(_show, args)


def _show(args: argparse.Namespace) -> int:
    archive, listing = _chosen(args)
    if args.format == "table":
        out = common.Output(sys.stdout.buffer)
        common.write_table(_rows(archive, listing), out)
        out.flush()
        return 0
    from . import _export
    from ._write import dumps

    writers = {
        "json": _export.to_json,
        "jsonl": _export.to_jsonl,
        "csv": _export.to_csv,
        "listing": dumps,
    }
    # A WriteError (what a format cannot carry) is the main command's to
    # report, with status 1, as for show.
    _write(writers[args.format](listing))
    return 0


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
            entry.id,
        )


def _minute(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")


def _run_feed(args: argparse.Namespace) -> int:
    return _guarded(_feed, args)


def _feed(args: argparse.Namespace) -> int:
    archive, listing = _chosen(args)
    title = args.feed_title or common.shown(os.path.basename(args.archive))
    _write(archive.to_atom(listing, **common.atom_keywords(args, title)))
    return 0


if TYPE_CHECKING:
    from collections.abc import Callable

    _Runner = Callable[[argparse.Namespace], int]
