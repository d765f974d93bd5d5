"""Behaviour a mutation run of ``_cli_common.py`` found untested (47
mutants: 39 killed, 4 equivalent, 4 surviving every test file): the escape
of the byte 0x80 in a file name, the character U+0080 shown apart from that
byte, the default feed title of a name holding the byte 0x80, and the
message of a non-blocking standard output that takes no more bytes.

The equivalent four: ``error()`` without ``flush=True`` (standard error is
line-buffered in every Python process since 3.9, and each message ends its
line); ``Output`` sending its batch past :data:`FLUSH_SIZE` characters
rather than at it (the same bytes, and the command flushes before every
read); ``LineLimit`` giving one byte more before a long line of UTF-16 read
from an odd offset (the first half of the long line's first unit, which the
incremental decoder holds until the next read raises the error); and
standard output encoded strictly rather than with ``replace`` (no lone
surrogate reaches it: names are escaped, option values holding one are
refused, listings are decoded strictly).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import uuid
from pathlib import Path

import pytest

import bloglist
from bloglist._cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class TestFileNamesInMessages:
    def test_the_byte_0x80_shows_as_its_escape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Kills ``_UNDECODABLE_BYTE[0] < c`` in shown(): the byte 0x80 of a
        name, not UTF-8, shows as ``\\x80``, the first of the bytes escaped
        so, not as ``\\udc80``, the lone surrogate Python holds it as."""
        status, out, err = run(capsys, str(tmp_path / os.fsdecode(b"\x80.txt")))
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot read {tmp_path}/\\x80.txt: "
            "No such file or directory\n"
        )

    def test_the_character_u0080_shows_apart_from_the_byte(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Kills ``"\\x80" < c`` in shown(): the character U+0080, a C1
        control, shows as ``\\u0080``, never as ``\\x80``, the escape of
        the byte 0x80, so that two files' messages tell them apart."""
        status, out, err = run(capsys, str(tmp_path / "\x80.txt"))
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot read {tmp_path}/\\u0080.txt: "
            "No such file or directory\n"
        )


class TestTheDefaultFeedTitle:
    def test_a_name_holding_the_byte_0x80_titles_the_feed_with_its_escape(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Kills ``low < c <= high`` in feed_title(): the byte 0x80 of a file
        name, not UTF-8, is ``\\x80`` in the feed's title, author and id, as
        the byte 0xff is, not a U+FFFD that the name of another file, with
        another byte there, would give too."""
        monkeypatch.chdir(tmp_path)
        Path(os.fsdecode(b"\x80\xff.txt")).write_text(
            bloglist.sample_text(), encoding="utf-8"
        )
        status, out, err = run(
            capsys, os.fsdecode(b"\x80\xff.txt"), "--format", "atom", "--limit", "1"
        )
        assert (status, err) == (0, "")
        title = "\\x80\\xff.txt"
        assert f'<title type="text">{title}</title>' in out
        assert f"<name>{title}</name>" in out
        feed_id = uuid.uuid5(uuid.NAMESPACE_URL, f"bloglist:{title}").urn
        assert f"<id>{feed_id}</id>" in out
        assert "\ufffd" not in out


@pytest.mark.skipif(os.name != "posix", reason="a non-blocking pipe")
class TestANonBlockingOutput:
    def test_that_is_full_is_named_standard_output(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Kills ``"stdout"`` for ``"standard output"`` in Output._send: a
        pipe left non-blocking by whoever made it, and full, is an error,
        status 2, whose message names standard output as every other
        message of the command does."""
        path = tmp_path / "big.txt"
        posts = [
            bloglist.Post(title=f"Post number {i}", excerpt="x" * 100)
            for i in range(3000)
        ]
        path.write_text(bloglist.dumps(posts), encoding="utf-8")
        read, write = os.pipe()
        os.set_blocking(write, False)
        try:
            with open(write, "wb") as raw:
                stdout = io.TextIOWrapper(raw, encoding="utf-8")
                monkeypatch.setattr(sys, "stdout", stdout)
                status = main([str(path), "--format", "jsonl"])
                monkeypatch.undo()
                with contextlib.suppress(OSError):  # what the pipe could not take
                    stdout.flush()
                stdout.detach()
        finally:
            os.close(read)
        err = capsys.readouterr().err
        assert status == 2
        assert re.fullmatch(
            r"bloglist: error: cannot write standard output: standard output "
            r"takes no more bytes now \(it is non-blocking\), with [0-9]+ of "
            r"[0-9]+ still to write; bloglist writes blocking files only\n",
            err,
        ), err
