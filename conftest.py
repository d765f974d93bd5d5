"""Run the examples in the Markdown docs and the README as tests (Sybil),
register the hypothesis profile that CI uses, spread the suite over every
core when pytest-xdist is installed, and fail a test that hangs.

Fenced ```python blocks run: those with ``>>>`` as doctests, the rest as
code. Docstring examples in the package run from tests/test_docstrings.py,
against the installed package.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from types import FrameType
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


# The longest a test's setup, call or teardown may take, in seconds: one that
# hangs (a pipe no process writes to, a lock never let go) fails with the
# traceback of where it waits, and the rest of the suite runs, where CI would
# wait until it gave up. The slowest test takes a few seconds; a property
# test under HYPOTHESIS_PROFILE=thorough a minute or so.
_TIMEOUT_VARIABLE = "BLOGLIST_TEST_TIMEOUT"
_TIME_LIMIT = pytest.StashKey[float]()
_YEAR = 365 * 24 * 3600
# Bound now: a test may replace the module's functions (monkeypatch), which
# it puts back only in its teardown, inside the limit's span.
_set_handler = signal.signal
_set_timer = getattr(signal, "setitimer", None)


def pytest_configure(config: pytest.Config) -> None:
    """The time limit of each phase of a test: BLOGLIST_TEST_TIMEOUT's
    seconds (600 unless set; 0, or a year or more, for none), and none with
    --pdb or --trace, or where no timer signal reaches the tests (in a
    thread other than the main one, where pytest-xdist's workers do not run
    them, or on a system without one)."""
    text = os.environ.get(_TIMEOUT_VARIABLE, "600")
    try:
        seconds = float(text)
    except ValueError:
        raise pytest.UsageError(
            f"{_TIMEOUT_VARIABLE} must be a number of seconds, not {text!r}"
        ) from None
    if (
        not 0 < seconds < _YEAR  # a timer's range ends before inf
        or config.getoption("usepdb")
        or config.getoption("trace")
        or _set_timer is None
        or threading.current_thread() is not threading.main_thread()
    ):
        seconds = 0.0
    config.stash[_TIME_LIMIT] = seconds


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    return (yield from _limited(item, "setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    return (yield from _limited(item, "call"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    return (yield from _limited(item, "teardown"))


def _limited(item: pytest.Item, phase: str) -> Iterator[None]:
    """Run one *phase* of *item* (the hook's yield) within the time limit:
    past it, the timer signal's handler fails the test where it stands. Each
    phase has a limit of its own, so that pytest's work between them is
    never interrupted."""
    seconds, set_timer = item.config.stash[_TIME_LIMIT], _set_timer
    if not seconds or set_timer is None:
        return (yield)

    def expired(signum: int, frame: FrameType | None) -> None:
        pytest.fail(
            f"the test's {phase} ran past its time limit, {seconds:g} s "
            f"({_TIMEOUT_VARIABLE} sets it)"
        )

    previous = _set_handler(signal.SIGALRM, expired)
    set_timer(signal.ITIMER_REAL, seconds)
    try:
        return (yield)
    finally:
        set_timer(signal.ITIMER_REAL, 0)
        # None: a handler set outside Python, which cannot be put back.
        _set_handler(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
