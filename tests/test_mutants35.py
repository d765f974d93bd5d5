"""Behaviour a mutation run of the command's parsing found untested (49
mutants of ``_cli.py`` and ``_cli_common.py``: 44 killed, 1 equivalent, 4
surviving every test): a whole number given with a ``+`` sign, which the
options that take one accept as Python's ``int`` does; ``--`` before a file
whose name starts with ``-``, and short flags run together (``-qq``), neither
of which is an unknown option when an argument is missing; and the hint of a
mistyped command for a FILE given with ``--sample`` that is a link to nothing.

The mutants refused ``+1``, said ``unrecognized arguments: -- -x`` and ``-qq``
(each "a file whose name starts with '-' goes after --"), and, for the last,
gave the hint to a file that is missing but not to a link to nothing, which
the command reads as missing (it said the hint when reading such a link, not
with ``--sample``: the code, not only the mutant, told them apart; both now
give it).

The equivalent one: the skip of a line feed after a carriage return at the
start of a piece, which the line limit's count gives the same without.

A run over the second half of ``_cli.py`` (36 mutants: 33 killed, 2
equivalent, 1 surviving) found no test of a directory given as a FILE whose
name holds a control character: the mutant wrote its name raw, an escape
sequence reaching the terminal, where every other message escapes it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_cli import status_of


@pytest.mark.parametrize(
    "given",
    [
        ["--limit", "2"],
        ["--page", "1"],
        ["--page", "1", "--page-size", "2"],
        ["--max-line-length", "2000"],
        ["--max-diagnostics", "2"],
    ],
)
def test_a_whole_number_may_have_a_plus_sign(given: list[str]) -> None:
    signed = [*given[:-1], f"+{given[-1]}"]
    assert status_of("--sample", *signed) == status_of("--sample", *given)
    assert status_of("--sample", *signed)[0] == 0


def test_a_dash_name_after_the_double_dash_is_no_unknown_option() -> None:
    status, out, err = status_of("diff", "--", "-x")
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (
        "bloglist diff: error: the following arguments are required: NEW"
    )


def test_short_flags_run_together_are_no_unknown_option(tmp_path: Path) -> None:
    status, out, err = status_of("archive", "add", str(tmp_path / "blog.db"), "-qq")
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (
        "bloglist archive add: error: the following arguments are required: "
        "FILE (- reads standard input, with --seen-at TIME)"
    )


def test_a_link_to_nothing_with_sample_gets_the_command_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a link to nothing that is read does: it is no file."""
    monkeypatch.chdir(tmp_path)
    os.symlink("nowhere", "chek")
    hint = " (did you mean the command 'check'?)"
    assert status_of("chek", "--sample") == (
        2,
        "",
        f"bloglist: error: --sample reads the bundled sample: give no FILE with it{hint}\n",
    )
    assert status_of("chek")[2] == (
        f"bloglist: error: cannot read chek: No such file or directory{hint}\n"
    )
    Path("check.txt").write_text("")
    os.symlink("check.txt", "chekk")
    assert status_of("chekk", "--sample")[2] == (
        "bloglist: error: --sample reads the bundled sample: give no FILE with it\n"
    )


@pytest.mark.parametrize("command", [[], ["check"], ["tags"]])
def test_a_directory_s_name_is_escaped_in_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "d\x1b[31mX"
    os.mkdir(name)
    status, out, err = status_of(*command, name)
    assert (status, out) == (2, "")
    assert err == "bloglist: error: cannot read d\\x1b[31mX: it is a directory\n"
