"""Parse, query and write plain-text blog listings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._errors import ParseError
from ._listing import Listing
from ._post import Diagnostic, Post
from ._parse import iterload, load, loads

if TYPE_CHECKING:
    from ._export import to_atom, to_csv, to_json, to_jsonl
    from ._query import Page, Where
    from ._sample import sample_text
    from ._write import dump, dumps

__all__ = [
    "Diagnostic",
    "Listing",
    "Page",
    "ParseError",
    "Post",
    "Where",
    "dump",
    "dumps",
    "iterload",
    "load",
    "loads",
    "sample_text",
    "to_atom",
    "to_csv",
    "to_json",
    "to_jsonl",
]

# Imported on first use: the exports pull in json, csv, uuid and xml.sax, the
# queries build a dozen classes, and a program that only parses needs none of
# them, nor the writer.
_LAZY = {
    "Page": "_query",
    "Where": "_query",
    "dump": "_write",
    "dumps": "_write",
    "sample_text": "_sample",
    "to_atom": "_export",
    "to_csv": "_export",
    "to_json": "_export",
    "to_jsonl": "_export",
}


if TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str) -> object:
        # Hidden from type checkers, which would otherwise accept any
        # attribute of the module.
        if name == "__version__":
            # importlib.metadata costs more to import than the rest of the package.
            from importlib.metadata import version

            return version("bloglist")
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'bloglist' has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # found directly from now on
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
