"""Parse, query and write plain-text blog listings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._errors import ParseError
from ._export import to_atom, to_csv, to_json, to_jsonl
from ._model import Diagnostic, Listing, Post
from ._parse import load, loads
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
    "load",
    "loads",
    "sample_text",
    "to_atom",
    "to_csv",
    "to_json",
    "to_jsonl",
]


if TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str) -> str:
        # Looked up on first use: importlib.metadata costs more to import than
        # the rest of the package. Hidden from type checkers, which would
        # otherwise accept any attribute of the module.
        if name == "__version__":
            from importlib.metadata import version

            return version("bloglist")
        raise AttributeError(f"module 'bloglist' has no attribute {name!r}")
