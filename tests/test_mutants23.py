"""Behaviour a mutation run of ``_cli.py`` found untested (74 mutants: 66
killed, 7 equivalent, 1 surviving every test file): a word such as
``-1.5`` or ``-.5`` where a file goes reads as a file name, as ``-5``
does, not as an option the command lacks.

The equivalent seven: ``_stats`` taking 1 rather than 0 for the largest
count of no period (no bar is drawn then); the JSON writer's ``lines``
set by ``format != "json"`` rather than ``== "jsonl"`` (that branch has
only those two formats); ``_Batches.send`` cutting a list of exactly
*size* posts in one slice rather than writing it whole (the same single
write); ``_Tally.feed`` sending a batch past *size* posts rather than at
it (one post more held, the same bytes written, and every batch is sent
before each read anyway); ``_Tally._diagnostic`` counting as an error
what is not a warning (a severity is ``"error"`` or ``"warning"``, no
other); ``_page`` not counting the posts left after a page that found
none (it finds none only once the input is spent, so none are left);
``_flushed`` not pointing standard output at the null device after an
output error when its flush then succeeds (nothing is left in its buffer
for the exit to write).
"""

from __future__ import annotations

import contextlib
import io

import pytest

from bloglist._cli import main


def status_of(*argv: str) -> tuple[int, str, str]:
    """Exit status, standard output and error of main(argv), argparse's
    exits included."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    return status, out.getvalue(), err.getvalue()


class TestANegativeFractionWhereAFileGoes:
    @pytest.mark.parametrize("word", ["-1.5", "-.5"])
    def test_it_is_a_file_name_not_an_option(self, word: str) -> None:
        """Kills ``_NEGATIVE`` without its fraction, ``-\\d+`` alone:
        `bloglist diff -1.5` takes ``-1.5`` for OLD, as argparse reads a
        negative number, so the error is NEW still missing, as after
        `bloglist diff -5`, not an option diff does not take, with a hint
        to put a file named so after ``--``, where it already is one."""
        status, out, err = status_of("diff", word)
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            "bloglist diff: error: the following arguments are required: NEW"
        )
