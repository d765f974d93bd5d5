"""Run the examples in the Markdown docs and the README as tests (Sybil),
register the hypothesis profile that CI uses, and spread the suite over every
core when pytest-xdist is installed.

Fenced ```python blocks run: those with ``>>>`` as doctests, the rest as
code. Docstring examples in the package run from tests/test_docstrings.py,
against the installed package.
"""

from __future__ import annotations

import shutil
import tempfile
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from typing import Any

import pytest
from hypothesis import settings
from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser


def _own_temporary_directory(namespace: dict[str, Any]) -> None:
    """The files a document's examples make (``tempfile.mkdtemp()``) go in a
    directory of its own, removed when the document is done: a run of the
    suite leaves nothing behind."""
    namespace["_tempdir_before"] = tempfile.tempdir
    tempfile.tempdir = tempfile.mkdtemp(prefix="bloglist-docs-")


def _remove_temporary_directory(namespace: dict[str, Any]) -> None:
    made, tempfile.tempdir = tempfile.tempdir, namespace["_tempdir_before"]
    if made is not None:
        shutil.rmtree(made, ignore_errors=True)


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
    setup=_own_temporary_directory,
    teardown=_remove_temporary_directory,
).pytest()

# The profile nox's test sessions select with HYPOTHESIS_PROFILE=ci (tests/conftest.py
# loads the one named there). Half the default examples: nox runs the suite on
# two Pythons, each with its own random examples, and the README's run on a
# third runs the default 100, so a CI run still tries 200 per property, at
# about a quarter less CPU for the suite's property-test files than 100
# examples each. No example database (a CI clone starts empty); each
# failure is printed with the blob that replays it (@reproduce_failure).
settings.register_profile(
    "ci", deadline=None, max_examples=50, database=None, print_blob=True
)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """``-n auto`` when pytest-xdist is installed and no ``-n`` was given,
    and ``--dist loadfile`` with any ``-n`` but ``-n 0`` unless another
    ``--dist`` was given: every core, each file's tests on one worker (a doc page's
    examples share their names, and fail when split between workers).

    Set here, not in pyproject.toml's ``addopts``, where pytest without
    pytest-xdist (a distribution's build of the sdist, ``-p no:xdist``)
    would refuse ``-n`` as an unknown option. Runs before pytest-xdist's own
    hook (a conftest's is called before a plugin's), which turns ``auto``
    into a number; a worker, whose options pytest-xdist sets to one
    process, is left so. With ``--cov`` and no ``-n``, the run stays in one
    process: pytest-cov chooses how to measure from the options as given,
    before this hook (noxfile.py gives ``-n`` itself).
    """
    # pytest-xdist's options, however it was loaded (-p xdist.plugin too).
    if not hasattr(config.option, "numprocesses") or hasattr(config, "workerinput"):
        return
    workers = config.option.numprocesses
    if workers is None and not config.getoption("cov_source", None):
        workers = config.option.numprocesses = "auto"
    # Not with -n 0, which pytest-xdist before 3.6 would take for a
    # distribution all the same (and refuse --pdb).
    if workers and config.option.dist == "no":
        config.option.dist = "loadfile"
