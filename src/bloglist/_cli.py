"""argv -> everything else: the ``bloglist`` command.

The command is a thin layer: it reads a listing with :func:`~bloglist.load`,
narrows it with :meth:`~bloglist.Listing.filter`, orders and pages it with the
query API, and prints it with the writers. Exit statuses: 0 all went well,
1 a problem in the data, 2 a problem with the command line or the file.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import IO, Final, NoReturn

from ._errors import ParseError
from ._export import to_atom, to_csv, to_json, to_jsonl
from ._listing import Listing
from ._post import Diagnostic
from ._parse import load, loads
from ._query import Where
from ._sample import sample_text
from ._write import dumps

__all__ = ["main"]

_SAMPLE: Final = "<sample>"
_COMMANDS: Final = ("show", "tags", "stats", "check")
_FORMATS: Final = ("table", "json", "jsonl", "csv", "atom", "listing")
_BAR_WIDTH: Final = 40

_EPILOG: Final = """\
examples:
  bloglist                              the bundled sample, as a table
  bloglist listing.txt --tag Data --since 2024 --sort date:desc --limit 5
  bloglist listing.txt --format json > posts.json
  cat listing.txt | bloglist - --format csv
  bloglist tags listing.txt             tag counts, most used first
  bloglist stats listing.txt --by month posts per month, as a bar chart
  bloglist check listing.txt --strict   FILE:LINE:COL: code message; exit 1 on errors

exit status: 0 success, 1 a problem in the data, 2 a usage or file error.
The default command is show: 'bloglist show --help' lists the query and
output options; 'bloglist COMMAND --help' the options of each command.
"""


class _UsageError(Exception):
    """A problem with the command line or the input file: exit status 2."""


class _DataError(Exception):
    """A problem in the data that stops the command: exit status 1."""


def _version() -> str:
    from importlib.metadata import version

    return version("bloglist")


# Parsing the command line ---------------------------------------------------


def _date_arg(text: str) -> str:
    # Validated here so that a bad bound is a usage error with the option's
    # name, not a traceback; the query API reads the same strings.
    try:
        Where.since(text)
    except (TypeError, ValueError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _sort_arg(text: str) -> str:
    key, _, direction = text.partition(":")
    if key not in ("date", "title") or direction not in ("", "asc", "desc"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not KEY or KEY:asc or KEY:desc with KEY date or title"
        )
    default = "desc" if key == "date" else "asc"
    return ("-" if (direction or default) == "desc" else "") + key


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is less than 1")
    return value


def _input_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("input")
    group.add_argument(
        "file",
        nargs="?",
        help="the listing to read; '-' for standard input; "
        "none for the sample that ships with bloglist",
    )
    group.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first error in the listing (exit status 1)",
    )
    group.add_argument(
        "--known-tag",
        action="append",
        default=[],
        metavar="NAME",
        help="a tag name the case rule cannot split, such as GenAI or iOS; repeatable",
    )


def _query_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("which posts")
    group.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="NAME",
        help="posts with any of these tags; repeatable; case-insensitive",
    )
    group.add_argument(
        "--all-tags",
        action="append",
        default=[],
        metavar="NAME",
        help="posts with every one of these tags; repeatable",
    )
    group.add_argument(
        "--exclude-tag",
        action="append",
        default=[],
        metavar="NAME",
        help="posts with none of these tags; repeatable",
    )
    group.add_argument(
        "--since",
        type=_date_arg,
        metavar="DATE",
        help="posts dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    group.add_argument(
        "--until",
        type=_date_arg,
        metavar="DATE",
        help="posts dated before DATE, which is not included",
    )
    group.add_argument("--year", type=int, metavar="YYYY", help="posts dated in YYYY")
    sticky = group.add_mutually_exclusive_group()
    sticky.add_argument("--sticky", action="store_true", help="only sticky posts")
    sticky.add_argument(
        "--not-sticky", action="store_true", help="only posts that are not sticky"
    )
    group.add_argument(
        "--search",
        action="append",
        default=[],
        metavar="TEXT",
        help="posts whose title or excerpt holds TEXT, ignoring case; "
        "repeatable, all must occur",
    )


def _order_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("order and paging")
    group.add_argument(
        "--sort",
        type=_sort_arg,
        action="append",
        default=[],
        metavar="KEY[:DIR]",
        help="sort by date (newest first unless date:asc) or title (A to Z "
        "unless title:desc); repeatable, most significant first. "
        "Default: the listing's own order",
    )
    group.add_argument(
        "--sticky-first",
        action="store_true",
        help="put sticky posts before the others (before paging)",
    )
    group.add_argument(
        "--undated",
        choices=("first", "last"),
        default="last",
        help="where undated posts go when sorting by date (default: last)",
    )
    group.add_argument("--limit", type=_positive, metavar="N", help="at most N posts")
    group.add_argument(
        "--page", type=_positive, metavar="N", help="page N of the posts (from 1)"
    )
    group.add_argument(
        "--page-size",
        type=_positive,
        default=10,
        metavar="N",
        help="posts per page with --page (default: 10)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bloglist",
        description="Read a plain-text blog listing, query it, and print or convert it.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"bloglist {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    show = commands.add_parser(
        "show",
        help="print the posts (the default command)",
        description="Print the posts of a listing, as a table or in another format.",
    )
    _input_options(show)
    _query_options(show)
    _order_options(show)
    output = show.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=_FORMATS,
        default="table",
        help="table (default), json, jsonl, csv, atom, or listing (the canonical text)",
    )
    output.add_argument(
        "--feed-title",
        metavar="TEXT",
        help="the Atom feed's title (default: the file's name)",
    )
    output.add_argument(
        "--feed-id",
        metavar="IRI",
        help="the Atom feed's permanent id (default: derived from --feed-title)",
    )

    tags = commands.add_parser(
        "tags",
        help="count the posts of each tag",
        description="Count the posts of each tag, most used first, then by name.",
    )
    _input_options(tags)
    _query_options(tags)
    tags.add_argument("--format", choices=("table", "json"), default="table")

    stats = commands.add_parser(
        "stats",
        help="posts per year or month, as a bar chart",
        description="Posts per year or month, newest first, with sticky and undated counts.",
    )
    _input_options(stats)
    _query_options(stats)
    stats.add_argument(
        "--by",
        choices=("year", "month"),
        default="year",
        help="the period (default: year)",
    )

    check = commands.add_parser(
        "check",
        help="validate a listing",
        description="Validate a listing: print every problem as FILE:LINE:COL: code "
        "message, and exit with 1 if any is an error.",
    )
    _input_options(check)
    return parser


# Running it ----------------------------------------------------------------


def _name(file: str | None) -> str:
    """How messages name the input."""
    return _SAMPLE if file is None else "<stdin>" if file == "-" else file


def _read(args: argparse.Namespace) -> Listing:
    known = args.known_tag
    if args.file is None:
        return loads(sample_text(), strict=args.strict, tags=known)
    if args.file == "-":
        return load(sys.stdin.buffer, strict=args.strict, tags=known)
    try:
        with open(args.file, "rb") as fp:
            return load(fp, strict=args.strict, tags=known)
    except IsADirectoryError:
        raise _UsageError(f"cannot read {args.file}: it is a directory") from None
    except OSError as exc:
        raise _UsageError(f"cannot read {args.file}: {exc.strerror}") from None


def _select(listing: Listing, args: argparse.Namespace) -> Listing:
    conditions: list[Where] = []
    if args.tag:
        conditions.append(Where.tagged_any(*args.tag))
    if args.all_tags:
        conditions.append(Where.tagged_all(*args.all_tags))
    if args.exclude_tag:
        conditions.append(Where.tagged_none(*args.exclude_tag))
    if args.since:
        conditions.append(Where.since(args.since))
    if args.until:
        conditions.append(Where.before(args.until))
    if args.year is not None:
        conditions.append(Where.year(args.year))
    if args.sticky:
        conditions.append(Where.sticky())
    if args.not_sticky:
        conditions.append(~Where.sticky())
    if args.search:
        conditions.append(Where.search(*args.search))
    return listing.filter(*conditions) if conditions else listing


def _order(listing: Listing, args: argparse.Namespace) -> Listing:
    if args.sort or args.sticky_first:
        listing = listing.sort_by(
            *args.sort, sticky_first=args.sticky_first, undated=args.undated
        )
    if args.page is not None:
        try:
            listing = listing.page(args.page, size=args.page_size).posts
        except IndexError as exc:
            raise _UsageError(str(exc)) from None
    if args.limit is not None:
        listing = listing.first(args.limit)
    return listing


def _width(text: str) -> int:
    """Columns *text* takes in a terminal: wide characters (CJK, emoji) take two."""
    return sum(
        0
        if unicodedata.combining(c)
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def _printable(text: str) -> str:
    """*text* with control characters shown as escapes, so a title cannot move the cursor."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Rows as left-aligned columns; the first row is the header."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _show_table(listing: Listing) -> str:
    rows = [("DATE", "STICKY", "TITLE", "TAGS")]
    for post in listing:
        rows.append(
            (
                post.date.isoformat() if post.date else "-",
                "yes" if post.sticky else "",
                _printable(post.title),
                _printable(", ".join(post.tags)),
            )
        )
    return _table(rows)


def _feed_id(title: str) -> str:
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"bloglist:{title}").urn


def _show(args: argparse.Namespace, name: str, listing: Listing) -> str:
    listing = _order(_select(listing, args), args)
    if args.format == "table":
        return _show_table(listing)
    if args.format == "json":
        return to_json(listing)
    if args.format == "jsonl":
        return to_jsonl(listing)
    if args.format == "csv":
        return to_csv(listing)
    if args.format == "atom":
        title = args.feed_title or (
            "bloglist sample" if args.file is None else os.path.basename(name)
        )
        return to_atom(listing, title=title, feed_id=args.feed_id or _feed_id(title))
    return dumps(listing, tags=args.known_tag)


def _tags(args: argparse.Namespace, listing: Listing) -> str:
    counts = _select(listing, args).count_by("tag")
    if args.format == "json":
        import json

        return (
            json.dumps([{"tag": t, "posts": n} for t, n in counts], ensure_ascii=False)
            + "\n"
        )
    return _table([("POSTS", "TAG")] + [(str(n), _printable(t)) for t, n in counts])


def _bar(count: int, most: int) -> str:
    # Eighths of a block, so that small counts still show.
    eighths = round(count * _BAR_WIDTH * 8 / most) if most else 0
    full, part = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[part]


def _stats(args: argparse.Namespace, listing: Listing) -> str:
    listing = _select(listing, args)
    if args.by == "year":
        counts = [(str(year), n) for year, n in listing.count_by("year") if year]
    else:
        counts = [
            (f"{month[0]}-{month[1]:02d}", n)
            for month, n in listing.count_by("month")
            if month
        ]
    most = max((n for _, n in counts), default=0)
    rows = [(args.by.upper(), "POSTS", "")]
    rows += [(label, str(n), _bar(n, most)) for label, n in counts]
    sticky = sum(post.sticky for post in listing)
    undated = sum(post.date is None for post in listing)
    summary = f"{_count(len(listing), 'post')}: {sticky} sticky, {undated} undated\n"
    return _table(rows) + summary


def _report(name: str, diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        print(f"{name}:{d.lineno}:{d.colno}: {d.code} {d.message}", file=sys.stderr)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _check(name: str, listing: Listing) -> int:
    _report(name, listing.diagnostics)
    errors = sum(d.severity == "error" for d in listing.diagnostics)
    warnings = len(listing.diagnostics) - errors
    print(
        f"{name}: {_count(len(listing), 'post')}, {_count(errors, 'error')}, "
        f"{_count(warnings, 'warning')}",
        file=sys.stderr if errors else sys.stdout,
    )
    return 1 if errors else 0


def _write(text: str) -> None:
    # UTF-8 whatever the locale, so that JSON, CSV, Atom and listings are
    # byte-exact; bytes go straight out, so CSV keeps its \r\n.
    out: IO[bytes] = sys.stdout.buffer
    out.write(text.encode("utf-8", "replace"))
    out.flush()


def _run(argv: list[str]) -> int:
    if not argv or argv[0] not in (*_COMMANDS, "-h", "--help", "--version"):
        argv = ["show", *argv]
    args = _parser().parse_args(argv)
    name = _name(args.file)
    try:
        listing = _read(args)
    except ParseError as exc:
        print(f"{name}:{exc.lineno}:{exc.colno}: {exc.code} {exc.msg}", file=sys.stderr)
        return 1
    if args.command == "check":
        return _check(name, listing)
    text: str
    commands: dict[str, Callable[[], str]] = {
        "show": lambda: _show(args, name, listing),
        "tags": lambda: _tags(args, listing),
        "stats": lambda: _stats(args, listing),
    }
    try:
        text = commands[args.command]()
    except ValueError as exc:  # what a writer cannot carry, such as a CSV tag separator
        raise _DataError(str(exc)) from None
    _write(text)
    _report(name, listing.diagnostics)
    return 1 if any(d.severity == "error" for d in listing.diagnostics) else 0


def _broken_pipe() -> NoReturn:
    # The reader went away (`bloglist | head`): stop quietly, as Unix tools do,
    # and keep Python from complaining again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``bloglist`` command with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 for a problem in the data (an
    error in the listing, bytes that are not UTF-8, posts a format cannot
    carry), 2 for a usage error or a file that cannot be read. Errors go to
    standard error as one line each, never as a traceback.
    """
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except _UsageError as exc:
        print(f"bloglist: error: {exc}", file=sys.stderr)
        return 2
    except _DataError as exc:
        print(f"bloglist: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _broken_pipe()
    except KeyboardInterrupt:
        return 130
