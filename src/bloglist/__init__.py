"""Parse, query and write plain-text blog listings.

A blog listing is the text of a blog's index page, a post after another: an
optional ``sticky`` line, an optional date line, the title, a one-line
excerpt and a line of tags. The library reads it into immutable values:

- :func:`loads`, :func:`load` and :func:`iterload` read a listing into
  :class:`Post` objects, with a :class:`Diagnostic` for each problem (or a
  :class:`ParseError` in strict mode);
- a :class:`Listing` filters (:class:`Where`), sorts, groups and pages them;
- :func:`dumps` and :func:`dump` write the listing back, :func:`to_json`,
  :func:`to_jsonl`, :func:`to_csv` and :func:`to_atom` export it, and
  :func:`from_json` and :func:`from_jsonl` read the JSON back;
- :func:`diff` compares two scrapes, :class:`Archive` keeps every post ever
  seen with ids that never change, :func:`open_archive` stores it in an
  SQLite file, and :func:`stitch` joins paged index pages.

>>> import bloglist
>>> listing = bloglist.loads(bloglist.sample_text())
>>> len(listing), len(listing.filter(bloglist.Where.sticky()))
(12, 5)
>>> listing[1].title, listing[1].tags
('Scaling Our Event Pipeline to a Billion Events a Day', ('Data', 'Infrastructure', 'Platform'))

The command ``bloglist`` does the same from a shell (``bloglist --help``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._errors import BloglistError, ParseError
from ._files import SupportsRead, SupportsReadSize, SupportsWrite, SupportsWriteBytes
from ._listing import Listing
from ._parse import iterload, load, loads
from ._post import Diagnostic, Post, Severity, WriteError
from ._query import GroupKey, SortKey, Undated
from ._version import __version__ as __version__

if TYPE_CHECKING:
    from ._archive import (
        AllGoneError,
        Archive,
        ArchivedPost,
        ScrapeOrderError,
        Version,
    )
    from ._diff import Change, Diff, diff
    from ._export import (
        to_atom,
        to_csv,
        to_json,
        to_jsonl,
        write_csv,
        write_json,
        write_jsonl,
    )
    from ._listing import Page
    from ._match import post_id
    from ._read_json import from_json, from_jsonl
    from ._sample import sample_text
    from ._stitch import PageError, PageReason, stitch
    from ._store import (
        AddedScrape,
        ArchivedScrape,
        ArchiveError,
        ArchiveErrorCode,
        ArchiveFile,
        open_archive,
    )
    from ._where import Where
    from ._write import dump, dumps

__all__ = [
    "AddedScrape",
    "AllGoneError",
    "Archive",
    "ArchiveError",
    "ArchiveErrorCode",
    "ArchiveFile",
    "ArchivedPost",
    "ArchivedScrape",
    "BloglistError",
    "Change",
    "Diagnostic",
    "Diff",
    "GroupKey",
    "Listing",
    "Page",
    "PageError",
    "PageReason",
    "ParseError",
    "Post",
    "ScrapeOrderError",
    "Severity",
    "SortKey",
    "SupportsRead",
    "SupportsReadSize",
    "SupportsWrite",
    "SupportsWriteBytes",
    "Undated",
    "Version",
    "Where",
    "WriteError",
    "diff",
    "dump",
    "dumps",
    "from_json",
    "from_jsonl",
    "iterload",
    "load",
    "loads",
    "open_archive",
    "post_id",
    "sample_text",
    "stitch",
    "to_atom",
    "to_csv",
    "to_json",
    "to_jsonl",
    "write_csv",
    "write_json",
    "write_jsonl",
]

# Public functions say they come from bloglist, as the classes do: a pickle of
# one (functools.partial(bloglist.to_json, indent=None) handed to a process
# pool, bloglist.post_id as an entry_id) then names bloglist.to_json, never
# the private module that defines it, and help() shows the name users import.
for _function in (iterload, load, loads):
    _function.__module__ = __name__
del _function

# Imported on first use: the exports pull in json, csv, uuid and xml.sax, and
# a program that only parses needs none of them, nor the writer. (Page and
# Where are loaded with Listing, whose methods use them; they resolve here
# like the rest.)
_LAZY = {
    "AllGoneError": "_archive",
    "Archive": "_archive",
    "ArchivedPost": "_archive",
    "ScrapeOrderError": "_archive",
    "Version": "_archive",
    "AddedScrape": "_store",
    "ArchiveError": "_store",
    "ArchiveErrorCode": "_store",
    "ArchiveFile": "_store",
    "ArchivedScrape": "_store",
    "open_archive": "_store",
    "Change": "_diff",
    "Diff": "_diff",
    "diff": "_diff",
    "post_id": "_match",
    "PageError": "_stitch",
    "PageReason": "_stitch",
    "stitch": "_stitch",
    "Page": "_listing",
    "Where": "_where",
    "dump": "_write",
    "dumps": "_write",
    "sample_text": "_sample",
    "to_atom": "_export",
    "to_csv": "_export",
    "to_json": "_export",
    "to_jsonl": "_export",
    "write_csv": "_export",
    "write_json": "_export",
    "write_jsonl": "_export",
    "from_json": "_read_json",
    "from_jsonl": "_read_json",
}


if TYPE_CHECKING:
    # Type checkers see the names imported above; the others load on first use.
    pass
else:

    def __getattr__(name: str) -> object:
        # Hidden from type checkers, which would otherwise accept any
        # attribute of the module.
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'bloglist' has no attribute {name!r}")
        from importlib import import_module
        from types import FunctionType

        value = getattr(import_module(f"{__name__}.{module}"), name)
        if isinstance(value, FunctionType):
            value.__module__ = __name__  # as the functions above
        globals()[name] = value  # found directly from now on
        return value

    def __dir__() -> list[str]:
        # The public names and the module's dunders: not the private
        # modules its imports have loaded, nor the names it imports for
        # itself (TYPE_CHECKING), which tab completion would offer.
        return sorted({*__all__, *(name for name in globals() if name[:2] == "__")})
