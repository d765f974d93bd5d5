"""argv -> everything else: the ``bloglist`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._errors import ParseError
from ._model import Listing
from ._parse import load, loads
from ._sample import sample_text

__all__ = ["main"]


def _table(listing: Listing) -> str:
    rows = [("TITLE", "DATE", "TAGS", "STICKY")]
    for post in listing:
        rows.append(
            (
                post.title,
                post.date.isoformat() if post.date else "-",
                ", ".join(post.tags) or "-",
                "yes" if post.sticky else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[3]
        for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    parser = argparse.ArgumentParser(
        prog="bloglist",
        description="Parse a plain-text blog listing and print its posts.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="the listing to read; '-' for standard input; "
        "none for the sample that ships with bloglist",
    )
    parser.add_argument("--strict", action="store_true", help="stop at the first error")
    parser.add_argument(
        "--known-tag",
        action="append",
        default=[],
        metavar="NAME",
        help="a tag name the case rule cannot split (GenAI, iOS); repeatable",
    )
    args = parser.parse_args(argv)
    name = args.file or "<sample>"
    try:
        if args.file is None:
            listing = loads(sample_text(), strict=args.strict, tags=args.known_tag)
        elif args.file == "-":
            listing = load(sys.stdin.buffer, strict=args.strict, tags=args.known_tag)
        else:
            with open(args.file, "rb") as fp:
                listing = load(fp, strict=args.strict, tags=args.known_tag)
    except OSError as exc:
        print(f"bloglist: cannot read {name}: {exc.strerror}", file=sys.stderr)
        return 2
    except ParseError as exc:
        print(f"{name}:{exc.lineno}:{exc.colno}: {exc.code} {exc.msg}", file=sys.stderr)
        return 1
    print(_table(listing))
    for diagnostic in listing.diagnostics:
        print(
            f"{name}:{diagnostic.lineno}:{diagnostic.colno}: "
            f"{diagnostic.code} {diagnostic.message}",
            file=sys.stderr,
        )
    return 1 if any(d.severity == "error" for d in listing.diagnostics) else 0
