"""Parse, query and write plain-text blog listings."""

from __future__ import annotations

from typing import Any

from ._errors import ParseError
from ._model import Diagnostic, Listing, Post
from ._parse import load, loads
from ._sample import sample_text
from ._write import dump, dumps

__all__ = [
    "Diagnostic",
    "Listing",
    "ParseError",
    "Post",
    "dump",
    "dumps",
    "load",
    "loads",
    "sample_text",
]


def __getattr__(name: str) -> Any:
    # Looked up on first use: importlib.metadata costs more to import than the
    # rest of the package.
    if name == "__version__":
        from importlib.metadata import version

        return version("bloglist")
    raise AttributeError(f"module 'bloglist' has no attribute {name!r}")
