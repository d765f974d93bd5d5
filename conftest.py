"""Run the examples in the Markdown docs and the README as tests (Sybil).

Fenced ```python blocks run: those with ``>>>`` as doctests, the rest as
code. Docstring examples in the package run from tests/test_docstrings.py,
against the installed package.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
).pytest()
