"""Behaviour a mutation run of the changes since the readers' last review
found untested (72 mutants of the lines changed in ``_parse.py``,
``_read_json.py``, ``_write.py``, ``_lines.py``, ``_tags.py``, ``_cli.py``,
``_cli_common.py``, ``_store.py`` and ``_stitch.py``: 59 killed, 3
equivalent, 10 surviving every test file): the command's "did you mean"
hint with several FILEs, a terminal read by ``load`` and ``iterload`` ending
at the first Ctrl-D, and which fault the JSON readers name when a number past
Python's digits limit and a value nested too deeply are on one line.

The mutants read the last FILE rather than the first for the hint; read a
buffered file with a descriptor as one without (which waits for a second
Ctrl-D on a terminal); and, in the JSON readers' scan for the first
over-long integer, took a long mantissa with an exponent, an integer of
exactly the limit's digits, digits inside a string, a long fraction, or a
long string for it, or used 4300 for the limit whatever the interpreter's.
One survivor is left untested: the end anchor of the pattern that finds a
page-overlap warning's wording, to name the earlier page's file in it,
which only a file name that itself holds that wording tells apart.

The equivalent three: the scan's default position, never reached (an
integer past the limit outside a string is always found); a bound
``read``'s code object looked up on the method rather than its function
(a bound method passes both through); known names stripped once more (the
splitter strips them again).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import bloglist
from test_cli import status_of

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="needs a terminal (pty)")
DEEPEST = 100  # the readers' nesting limit (docs/export.md)
DEEP = "[" * (DEEPEST + 1) + "]" * (DEEPEST + 1)
TOO_DEEP = "arrays or objects are nested too deeply to read"


def _digits_error() -> str:
    return (
        "a number has too many digits to read (Python reads at most "
        f"{sys.get_int_max_str_digits()})"
    )


class TestDidYouMean:
    def test_the_hint_looks_at_the_first_file_of_several(self, tmp_path: Path) -> None:
        """``bloglist chek x.txt --sample``: the first FILE is the misspelt
        command, whatever follows it; the hint names the command."""
        real = tmp_path / "x.txt"
        real.write_text("\nT\n\nE\n", encoding="utf-8")
        for files in (["chek", str(real)], ["chek", "nothere.txt"]):
            status, out, err = status_of(*files, "--sample")
            assert (status, out) == (2, "")
            assert err.rstrip().endswith("(did you mean the command 'check'?)"), err


@POSIX
class TestATerminalEndsAtOneCtrlD:
    @pytest.mark.parametrize(
        "read",
        [
            lambda fp: list(bloglist.load(fp)),
            lambda fp: [
                i for i in bloglist.iterload(fp) if isinstance(i, bloglist.Post)
            ],
        ],
        ids=["load", "iterload"],
    )
    def test_a_buffered_terminal_is_read_to_its_first_end_of_input(
        self, read: Callable[[Any], list[bloglist.Post]]
    ) -> None:
        """A file opened on a terminal (``open(fd, "rb")``, a BufferedReader
        with a descriptor) ends at the first Ctrl-D, as ``cat`` does: it is
        read as the file it is, not as a reader with nothing under it, which
        would ask the terminal once more after its end of input."""
        import pty

        parent, child = pty.openpty()
        fp = open(child, "rb")  # noqa: SIM115  # closed below
        found: list[bloglist.Post] = []
        reader = threading.Thread(target=lambda: found.extend(read(fp)), daemon=True)
        try:
            reader.start()
            os.write(parent, b"\nT\n\nE\n\x04")
            reader.join(10)
            waited = reader.is_alive()
            if waited:
                os.write(parent, b"\x04")  # let the thread end
                reader.join(10)
        finally:
            fp.close()
            os.close(parent)
        assert not waited, "the read waited for a second Ctrl-D"
        assert found == [bloglist.Post(title="T", excerpt="E")]


READERS = pytest.mark.parametrize(
    "reader", [bloglist.from_json, bloglist.from_jsonl], ids=["json", "jsonl"]
)


def _read(reader: Callable[[str], bloglist.Listing], record: str) -> None:
    reader(f"[{record}]" if reader is bloglist.from_json else record)


class TestTheFirstFaultOfARecord:
    @READERS
    @pytest.mark.parametrize(
        "decoy",
        [
            "1" + "0" * 5000 + "e1",  # a long mantissa, with an exponent
            "1" + "0" * 5000 + "E-1",
            "1." + "1" * 5000,  # a long fraction
            '"' + "1" * 5000 + '"',  # digits in a string
            '"' + "x" * 5000 + '"',  # a long string
            '"\\"' + "1" * 5000 + '"',  # digits after an escaped quote
        ],
        ids=["exponent", "negative-exponent", "fraction", "digits", "string", "escape"],
    )
    def test_what_only_looks_long_is_no_fault_before_the_nesting(
        self, reader: Any, decoy: str
    ) -> None:
        """A value that is no integer past the digits limit, then a value
        nested too deeply, then such an integer: the nesting is the first
        fault, and the one said."""
        record = f'{{"a": {decoy}, "c": {DEEP}, "b": {"9" * 5000}}}'
        with pytest.raises(bloglist.ParseError) as caught:
            _read(reader, record)
        assert caught.value.msg.endswith(TOO_DEEP), caught.value.msg

    @READERS
    @pytest.mark.parametrize(("more", "fault"), [(0, TOO_DEEP), (1, "digits")])
    def test_an_integer_is_a_fault_one_digit_past_the_limit(
        self, reader: Any, more: int, fault: str
    ) -> None:
        """An integer of exactly as many digits as Python reads is no fault
        (the nesting after it is the first); one digit more is the first."""
        limit = sys.get_int_max_str_digits()
        record = (
            f'{{"a": {"9" * (limit + more)}, "c": {DEEP}, "b": {"9" * (limit + 1)}}}'
        )
        with pytest.raises(bloglist.ParseError) as caught:
            _read(reader, record)
        expected = _digits_error() if fault == "digits" else fault
        assert caught.value.msg.endswith(expected), caught.value.msg

    @pytest.fixture
    def digits_limit(self) -> Iterator[int]:
        """The interpreter's digits limit, set to 1000 for the test."""
        before = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(1000)
        try:
            yield 1000
        finally:
            sys.set_int_max_str_digits(before)

    @READERS
    def test_the_limit_is_the_interpreters_as_set(
        self, reader: Any, digits_limit: int
    ) -> None:
        """A program that lowered Python's digits limit: an integer past it,
        then a value nested too deeply, is a fault of digits, and the message
        names the limit as set."""
        record = f'{{"b": {"9" * (digits_limit + 1)}, "c": {DEEP}}}'
        with pytest.raises(bloglist.ParseError) as caught:
            _read(reader, record)
        assert caught.value.msg.endswith(
            f"a number has too many digits to read (Python reads at most {digits_limit})"
        ), caught.value.msg
