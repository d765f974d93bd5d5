"""Hostile input: fuzz regressions, encodings, control characters, and linear time.

What bloglist promises about such input is written in ``docs/security.md``;
each promise there has its test here. The fuzzer itself (``fuzz/``) needs
atheris; nothing here does.
"""

from __future__ import annotations

import io
import itertools
import os
import time
import tracemalloc
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
from bloglist import ParseError, Post, load
from bloglist._dates import _DATE_SHAPE, holds_date
from bloglist._tags import _CASE_BOUNDARY, TagSplitter
from invariants import check_fuzz_input, check_reader_input, check_text

# A listing with the quirks of a real one (tests/data/real/README.md).
REAL = Path(__file__).parent / "data" / "real" / "engineering_blog.txt"

ROOT = Path(__file__).parents[1]
REGRESSIONS = Path(__file__).parent / "data" / "fuzz_regressions"
# In the sdist too; not in the wheel, where there is nothing to replay.
SEEDS = ROOT / "fuzz" / "seeds"
READER_SEEDS = ROOT / "fuzz" / "seeds_readers"


def _inputs(*folders: Path) -> list[Any]:
    return [
        pytest.param(path, id=f"{folder.name}/{path.name}")
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]


class TestFuzzCorpus:
    @pytest.mark.parametrize("path", _inputs(REGRESSIONS, SEEDS, READER_SEEDS))
    def test_every_saved_input_keeps_every_invariant(self, path: Path) -> None:
        """Each input that ever failed, and each seed, passes every check the fuzzer makes."""
        check_fuzz_input(path.read_bytes())

    @pytest.mark.parametrize("path", _inputs(REGRESSIONS, SEEDS, READER_SEEDS))
    def test_every_saved_input_keeps_every_reader_invariant(self, path: Path) -> None:
        """Each input that ever failed, and each seed of either fuzzer, passes
        every check the readers' fuzzer makes (JSON readers, iterload)."""
        check_reader_input(path.read_bytes())

    def test_the_regression_corpus_is_small_files(self) -> None:
        """Saved inputs are kept small, so that the corpus stays quick to replay."""
        paths = list(REGRESSIONS.iterdir())
        assert paths, "the regression corpus is empty"
        assert all(path.stat().st_size <= 8192 for path in paths)

    def test_the_working_corpus_keeps_every_invariant(self) -> None:
        """With BLOGLIST_FUZZ_CORPUS=fuzz/corpus, every input a fuzzer kept is replayed."""
        folder = os.environ.get("BLOGLIST_FUZZ_CORPUS")
        if not folder:
            pytest.skip("set BLOGLIST_FUZZ_CORPUS to replay a fuzzer's working corpus")
        paths = sorted(p for p in Path(folder).iterdir() if p.is_file())
        assert paths, f"no inputs in {folder}"
        for path in paths:
            check_fuzz_input(path.read_bytes())
            check_reader_input(path.read_bytes())


def _load(data: bytes, **options: Any) -> bloglist.Listing:
    return bloglist.load(io.BytesIO(data), **options)


TEXT = "sticky\nFeb 30, 2024\n\nCafé 😀\n\nSo it goes […]\nDataData\nJunk"


class TestEncodings:
    @pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"])
    @pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
    def test_utf8_and_utf16_with_a_byte_order_mark_read_alike(
        self, codec: str, newline: str
    ) -> None:
        """UTF-8 with or without a BOM, and UTF-16 after its BOM, give the same posts and positions."""
        text = TEXT.replace("\n", newline)
        if codec.startswith("utf-16"):
            text = "\ufeff" + text  # UTF-16 is read only after a byte order mark
        listing = _load(text.encode(codec))
        expected = bloglist.loads(TEXT)
        assert listing == expected
        assert listing.diagnostics == expected.diagnostics

    def test_a_second_byte_order_mark_is_text(self) -> None:
        """Only the first byte order mark is dropped, in UTF-8 and UTF-16 alike."""
        text = "\ufeff\ufeffT\n\nE"
        for codec in ("utf-8", "utf-16-le", "utf-16-be"):
            assert _load(text.encode(codec))[0].title == "\ufeffT"

    @pytest.mark.parametrize(
        ("data", "lineno", "colno", "message"),
        [
            (b"\xff\xfeT\x00\n\x00E", 2, 1, "ends in half a character"),
            (b"\xff\xfeT\x00\r\x00\n\x00\x00\xdcE\x00", 2, 1, "surrogate 0xdc00"),
            (b"\xfe\xff\x00\xe9\xd8\x00\x00E", 1, 2, "surrogate 0xd800"),
            (b"\xfe\xff\x00a\xd8\x3d\xde\x00\xd8\x00", 1, 3, "surrogate 0xd800"),
        ],
    )
    def test_bad_utf16_names_its_line_and_column(
        self, data: bytes, lineno: int, colno: int, message: str
    ) -> None:
        """UTF-16 cut mid-character or with an unpaired surrogate raises invalid-utf16 at its place."""
        with pytest.raises(ParseError, match=message) as info:
            _load(data)
        err = info.value
        assert (err.code, err.lineno, err.colno) == ("invalid-utf16", lineno, colno)

    @pytest.mark.parametrize("bom", [b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"])
    def test_utf32_is_refused_by_name(self, bom: bytes) -> None:
        """Bytes with a UTF-32 byte order mark are refused, not misread as UTF-16."""
        with pytest.raises(ParseError, match="UTF-32") as info:
            _load(bom + "\nT\n\nE".encode("utf-32-le" if bom[0] else "utf-32-be"))
        assert (info.value.code, info.value.lineno, info.value.colno) == (
            "unsupported-encoding",
            1,
            1,
        )

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_a_byte_order_mark_is_refused_not_guessed(
        self, codec: str
    ) -> None:
        """BOM-less UTF-16 is neither decoded by a guess nor read as UTF-8 text
        full of NUL characters: its first two characters give it away, and it
        is refused at line 1, column 1."""
        data = "\nT\n\nE".encode(codec)
        with pytest.raises(ParseError) as caught:
            _load(data)
        assert (caught.value.code, caught.value.lineno, caught.value.colno) == (
            "unsupported-encoding",
            1,
            1,
        )
        assert "UTF-16 without a byte order mark" in caught.value.msg
        with pytest.raises(ParseError, match="UTF-16 without"):
            list(bloglist.iterload(io.BytesIO(data)))

    @pytest.mark.parametrize(
        "text", ["T\x00", "\x00\x00\x00\x00", "a\x00\u00e9\x00", "\nT\n\nE"]
    )
    def test_utf8_with_nul_characters_still_reads(self, text: str) -> None:
        """Only a NUL beside each of the first two characters, and no other
        NUL there, looks like UTF-16: NUL characters elsewhere are text."""
        assert _load(text.encode("utf-8")) == bloglist.loads(text)

    @pytest.mark.parametrize(
        ("data", "lineno", "colno"),
        [
            (b"\xef\xbb\xbf\xff", 1, 1),  # the BOM is not counted
            (b"\xef\xbb\xbf\nab\xc3", 2, 3),  # cut short at the end
            (b"a\r\n\r\nb\xe2\x82", 3, 2),
            (b"a\r\xff", 2, 1),  # after a lone CR
            (b"\xf0\x9f\x98\x80\xc3\xa9x\x80", 1, 4),  # columns count characters
            (b"T\xed\xa0\x80", 1, 2),  # an encoded surrogate is not UTF-8
            (b"T\xc0\x80", 1, 2),  # nor an overlong NUL
        ],
    )
    def test_bad_utf8_names_its_line_and_column(
        self, data: bytes, lineno: int, colno: int
    ) -> None:
        """The column of a bad byte counts characters, not bytes, after the BOM and any break."""
        for strict in (False, True):
            with pytest.raises(ParseError) as info:
                _load(data, strict=strict)
            err = info.value
            assert (err.code, err.lineno, err.colno) == ("invalid-utf8", lineno, colno)


class TestUtf16WithoutByteOrderMark:
    """``load`` refuses bytes that look like UTF-16 with no byte order mark:
    two characters, each a NUL beside a byte that is not NUL. Anything else
    reads as UTF-8, NULs and all."""

    @pytest.mark.parametrize(
        "data", [b"A\x00B\x00", b"\x00A\x00B", b"A\x00B\x00C", b"A\x00B\x00C\x00"]
    )
    def test_two_characters_with_a_nul_beside_each_are_refused(
        self, data: bytes
    ) -> None:
        with pytest.raises(ParseError, match="look like UTF-16 without a byte order"):
            load(io.BytesIO(data))

    @pytest.mark.parametrize(
        "data",
        [b"A\x00", b"\x00A", b"\x00\x00\x00\x00", b"AB\x00\x00", b"A\x00\x00\x00"],
    )
    def test_one_character_or_nuls_on_both_sides_read_as_utf8(
        self, data: bytes
    ) -> None:
        [post] = load(io.BytesIO(data))
        assert post.title == data.decode("utf-8")


class TestBytes:
    """What load says of bytes it cannot read: the first byte of a bad UTF-8
    sequence, and UTF-16 without a byte order mark, told by its first bytes
    whatever follows."""

    def test_a_utf8_error_names_the_first_byte_of_the_bad_sequence(self) -> None:
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.load(io.BytesIO(b"Title\xe2\x82x\n"))
        assert info.value.msg.startswith("byte 0xe2 is not valid UTF-8")
        assert (info.value.lineno, info.value.colno) == (1, 6)

    CUT = (
        "the text ends in the middle of a character, as a file cut short does "
        "(a download that stopped: fetch it again)"
    )
    CONVERT = (
        "text in another encoding, such as Windows-1252 or Latin-1, needs "
        "converting to UTF-8 first (iconv -f windows-1252 -t utf-8)"
    )

    MIXED = (
        "the text before it is UTF-8, with characters outside ASCII, which "
        "converting the whole text from another encoding would garble: correct "
        "the bytes at this place (text pasted from a file in another encoding, "
        "such as Windows-1252)"
    )

    @pytest.mark.parametrize("cut", [1, 2, 3])
    @pytest.mark.parametrize("piece", [1, 7, 1 << 16])
    def test_a_download_cut_in_a_character_is_said_to_be_cut(
        self, cut: int, piece: int
    ) -> None:
        """UTF-8 text, outside ASCII before the cut, its last character cut:
        converting it from Windows-1252, as the advice for other bytes says,
        would garble every character outside ASCII, so the advice is not
        given, whichever reader reads it and however its reads fall."""
        # The text outside ASCII on an earlier line, in a piece read long
        # before the last, for the small reads.
        whole = (
            "Mar 3, 2026\n\nCaf\u00e9 notes\n\nWe rebuilt it, here is how [\U0001f680]"
        )
        data = whole.encode()[: -1 - cut]  # "]", then 1 to 3 bytes of the emoji
        at = (5, len("We rebuilt it, here is how [") + 1)
        for read in (
            lambda: bloglist.load(io.BytesIO(data)),
            lambda: list(bloglist.iterload(_Pieces(data, piece))),
            lambda: bloglist.load(_Pieces(data, piece)),
        ):
            with pytest.raises(ParseError) as info:
                read()
            error = info.value
            assert (error.code, error.lineno, error.colno) == ("invalid-utf8", *at)
            assert error.msg == f"byte 0xf0 is not valid UTF-8: {self.CUT}"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            # ASCII before: a cut, or a last character of another encoding.
            (
                b"\nCafe\n\nWords caf\xe9",
                f"byte 0xe9 is not valid UTF-8: {CUT}; or {CONVERT}",
            ),
            (
                b"\xef\xbb\xbf\nT\n\nE \xe2\x80",
                f"byte 0xe2 is not valid UTF-8: {CUT}; or {CONVERT}",
            ),
            # Not at the end, ASCII before: another encoding, as before.
            (
                b"\xef\xbb\xbf\nCafe\n\nWords caf\xe9\n",
                f"byte 0xe9 is not valid UTF-8; {CONVERT}",
            ),
            (b"\nT\n\nWords \xe2\x80x", f"byte 0xe2 is not valid UTF-8; {CONVERT}"),
            # Not at the end, UTF-8 outside ASCII before: a paste of another
            # encoding, which converting the whole text would not mend.
            (
                b"\nCaf\xc3\xa9\n\nWords caf\xe9\n",
                f"byte 0xe9 is not valid UTF-8; {MIXED}",
            ),
            (
                b"\nCaf\xc3\xa9\n\nWords \xe2\x80x",
                f"byte 0xe2 is not valid UTF-8; {MIXED}",
            ),
        ],
    )
    def test_other_bytes_keep_the_advice_to_convert(
        self, data: bytes, message: str
    ) -> None:
        for piece in (1, 1 << 16):
            with pytest.raises(ParseError) as info:
                list(bloglist.iterload(_Pieces(data, piece)))
            assert info.value.msg == message
        with pytest.raises(ParseError) as info:
            bloglist.load(io.BytesIO(data))
        assert info.value.msg == message

    def test_a_paste_in_another_encoding_is_told_at_its_place(self) -> None:
        """A listing like a real one, UTF-8 with `…` in most excerpts, with a word
        of Latin-1 pasted into line 40: the advice to convert it all, which
        would turn every `…` into `â\x80¦` and read with no error, is not
        given; the place is."""
        lines = REAL.read_bytes().split(b"\n")
        assert any(byte >= 0x80 for line in lines[:39] for byte in line)
        lines[39] = b"Caf\xe9 " + lines[39]
        data = b"\n".join(lines)
        for read in (
            lambda: bloglist.load(io.BytesIO(data)),
            lambda: list(bloglist.iterload(_Pieces(data, 7))),
        ):
            with pytest.raises(ParseError) as info:
                read()
            error = info.value
            assert (error.lineno, error.colno) == (40, 4)
            assert error.msg == f"byte 0xe9 is not valid UTF-8; {self.MIXED}"

    def test_json_lines_cut_in_a_character_are_said_to_be_cut(self) -> None:
        line = '{"title": "Caf\u00e9", "excerpt": "\u2026'.encode()[:-1]
        with pytest.raises(ParseError) as info:
            bloglist.from_jsonl([line])
        assert info.value.msg == f"byte 0xe2 is not valid UTF-8: {self.CUT}"

    def test_utf16_is_told_by_its_first_bytes_whatever_follows(self) -> None:
        """A character whose high byte is not zero, later in the text, does
        not make UTF-16 without a byte order mark read as UTF-8."""
        data = "Title \u0100\n".encode("utf-16-le")
        with pytest.raises(bloglist.ParseError) as info:
            bloglist.load(io.BytesIO(data))
        assert info.value.code == "unsupported-encoding"


class TestControlCharacters:
    @pytest.mark.parametrize(
        "char",
        [
            "\x00",
            "\x01",
            "\x07",
            "\x08",
            "\x1b",
            "\x7f",
            "\x80",
            "\x9b",
            "\x9f",
            "\ufffe",
        ],
    )
    def test_non_whitespace_controls_are_kept_as_text(self, char: str) -> None:
        """NUL, ESC, DEL and the C1 controls are text: kept inside and at the ends of every field."""
        text = f"sticky\n\n{char}T{char}\n\nE{char}x\n{char}Data{char}Ops"
        post = bloglist.loads(text, strict=True)[0]
        assert (post.title, post.excerpt) == (f"{char}T{char}", f"E{char}x")
        assert "".join(post.tags) == f"{char}Data{char}Ops"
        assert bloglist.loads(bloglist.dumps([post]), strict=True)[0] == post

    def test_a_line_of_nul_is_a_text_line(self) -> None:
        """A line holding only NUL is not blank: it is read by its position, as any text."""
        listing = bloglist.loads("\x00\n\nE")
        assert listing[0].title == "\x00"

    @pytest.mark.parametrize(
        "char", ["\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85"]
    )
    def test_whitespace_controls_are_stripped_at_the_ends(self, char: str) -> None:
        """Tab, VT, FF, the separators U+001C to U+001F and NEL count as whitespace, as str.strip() says."""
        text = f"{char}sticky{char}\n{char}\n{char}T{char}T{char}\n\nE"
        listing = bloglist.loads(text, strict=True)
        (post,) = listing
        assert post.sticky
        assert post.title == f"T{char}T"

    @pytest.mark.parametrize(
        "char", ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]
    )
    def test_no_control_character_breaks_a_line(self, char: str) -> None:
        """Only \\n, \\r\\n and \\r end a line; the other breaks of str.splitlines() are text."""
        post = bloglist.loads(f"\nA{char}B\n\nE")[0]
        assert post.title == f"A{char}B"

    def test_date_parts_are_separated_by_ascii_whitespace_only(self) -> None:
        """Tab, VT and FF separate a date's parts; U+001C and NBSP do not, so the line is a title."""
        dated = bloglist.loads("Mar\t5,\x0b2024\x0c\n\nT\n\nE", strict=True)
        assert dated[0].date is not None
        for space in ("\x1c", "\xa0"):
            (post,) = bloglist.loads(f"Mar{space}5, 2024\n\nE")
            assert post.title == f"Mar{space}5, 2024"


class TestLoneSurrogates:
    def test_loads_keeps_lone_surrogates_as_text(self) -> None:
        """A str may hold lone surrogates; loads keeps them, and dumps writes them back."""
        text = "sticky\n\nT\ud800\n\nE\udfff\nData\udc80Ops"
        post = bloglist.loads(text, strict=True)[0]
        assert (post.title, post.excerpt) == ("T\ud800", "E\udfff")
        again = bloglist.loads(bloglist.dumps([post]), strict=True)
        assert again[0] == post

    def test_bytes_never_give_lone_surrogates(self) -> None:
        """load decodes strictly: surrogates encoded in UTF-8 are a ParseError, not text."""
        with pytest.raises(ParseError):
            _load("T\ud800".encode("utf-8", "surrogatepass"))

    @given(st.text(st.characters(exclude_categories=[]), max_size=60))
    def test_any_string_at_all(self, text: str) -> None:
        """Strings with surrogates and controls anywhere keep every invariant."""
        check_text(text, None)
        check_text(text, ["GenAI", "\ud800", "\x00"])


# The documented definition of known names, as a regular expression: the trie
# scan in _tags.py must find exactly what this finds. Too slow for big
# vocabularies (each alternative is tried at each place), so kept here only.
def _regex_reference(known: list[str], line: str) -> tuple[str, ...]:
    import regex

    names = sorted({n.strip() for n in known if n.strip()}, key=len, reverse=True)
    boundary = regex.compile(_CASE_BOUNDARY)
    if not names:
        return tuple(t for t in boundary.split(line) if t)
    alts = "|".join(regex.escape(n) for n in names)
    # Not after whitespace as str.isspace has it (the format's): regex's \s
    # leaves out the information separators U+001C to U+001F.
    not_after_space = r"(?<=^|[^\s\x1c-\x1f])"
    pattern = regex.compile(
        rf"{not_after_space}(?:{alts})(?=$|[\p{{Lu}}\p{{Lt}}]|(?:{alts}))"
    )
    spans = [m.span() for m in pattern.finditer(line)]
    cuts = {0, len(line)} | {c for span in spans for c in span}
    for at in (m.start() for m in boundary.finditer(line)):
        if not any(start < at < end for start, end in spans):
            cuts.add(at)
    ordered = sorted(cuts)
    return tuple(line[a:b] for a, b in pairwise(ordered) if line[a:b])


SMALL = st.text(st.sampled_from("aAbB \x1cÉé\u01c5"), max_size=5)


class TestKnownNamesScan:
    @given(st.lists(SMALL, max_size=6), SMALL.map(str.strip).filter(bool))
    def test_the_trie_finds_what_the_documented_pattern_finds(
        self, known: list[str], line: str
    ) -> None:
        """Known names are found exactly where the rule of docs/format.md puts them."""
        tags, _ = TagSplitter(known).split(line)
        assert tags == _regex_reference(known, line)

    def test_names_are_never_a_pattern(self) -> None:
        """Names full of regular-expression syntax are plain text."""
        known = ["(a+)+$", ".*", "[", "\\", "a{1,99999}"]
        tags, _ = TagSplitter(known).split("(a+)+$.*Data[\\a{1,99999}")
        assert tags == ("(a+)+$", ".*", "Data", "[", "\\", "a{1,99999}")


def _seconds(fn: Callable[[], object]) -> float:
    """The CPU time of this process running *fn*: other processes' load adds
    nothing to it, as it would to a wall-clock time."""
    start = time.process_time()
    fn()
    return time.process_time() - start


# An input 8 times longer must take less than 3 x 8 times as long: linear work
# gives 8, quadratic 64. Small and large runs alternate and the best of each
# counts, so that a busy machine slows both alike and makes the test slower,
# not wrong.
GROWTH = 8
BOUND = 3 * GROWTH


def _growth(
    make: Callable[[int], str], run: Callable[[str], object], n: int, repeat: int = 5
) -> float:
    small, large = make(n), make(GROWTH * n)
    run(small)  # warm caches and lazy imports
    best_small = best_large = float("inf")
    for _ in range(repeat):
        best_small = min(best_small, _seconds(lambda: run(small)))
        best_large = min(best_large, _seconds(lambda: run(large)))
    return best_large / max(best_small, 1e-6)


def _date_shape(line: str) -> object:
    return _DATE_SHAPE.fullmatch(line)


def _date_lines(n: int) -> str:
    """*n* different date lines, most read by dateutil, some not real days."""
    months = ("Mar", "March", "Sept.", "5th Feb")
    return "".join(f"{months[i % 4]} {i % 31 + 1}, {1000 + i}\n" for i in range(n))


class TestLinearTime:
    """Each pattern, and the parser, on the inputs most likely to make them backtrack."""

    @pytest.mark.parametrize(
        "make",
        [
            lambda n: "a" * n,  # a month word that never ends
            lambda n: "Mar" + " " * n + "x",  # spaces, then no day
            lambda n: "Mar 5," + " " * n + "x",  # spaces, then no year
            lambda n: "5th" + " " * n + "March" + " " * n + "x",
            lambda n: "a" * n + " 5, 2024x",  # every form reads the word first
            lambda n: "Mar" + " \t" * n + "5th," + " " * n + "2024x",
            lambda n: "Mar 5, " + "9" * n + "x",
        ],
        ids=[
            "letters",
            "spaces-no-day",
            "spaces-no-year",
            "day-first",
            "long-word",
            "mixed-spaces",
            "long-year",
        ],
    )
    def test_the_date_guard_is_linear(self, make: Callable[[int], str]) -> None:
        """_DATE_SHAPE fails on a long near-date in time proportional to its length."""
        # Long enough that the smaller line takes milliseconds: with possessive
        # quantifiers the guard fails on 20,000 characters in a fraction of one,
        # where a busy machine's noise would decide the ratio.
        assert _growth(make, _date_shape, 100_000) < BOUND

    @pytest.mark.parametrize(
        "unit",
        [
            "1111 ",  # a year at every step, and no date
            "1",  # digits with no year
            "Mar 4x 2025 ",  # a month word and a year, and no day
            "5 may 20251",  # a day and a month word, and no year
            "1/1/1-1-1.1.",  # separators between short numbers
            "september\u00a0\u00a0\u00a0",  # month words and gaps
        ],
    )
    def test_the_held_date_rule_is_linear(self, unit: str) -> None:
        """holds_date reads a long tag line with no date in it in time
        proportional to its length: its patterns repeat nothing unbounded."""
        assert _growth(lambda n: unit * n, holds_date, 20_000) < BOUND

    @pytest.mark.parametrize("unit", ["aA", "a", "A", "aǅ", "a A"])
    def test_the_case_rule_is_linear(self, unit: str) -> None:
        """_CASE_BOUNDARY splits a long tag line in time proportional to its length."""
        splitter = TagSplitter()
        assert _growth(lambda n: unit * n, splitter._split, 5_000) < BOUND

    @pytest.mark.parametrize(
        "known",
        [
            ["aA", "Aa", "a"],
            [("aA" * k)[:-1] + "x" for k in range(1, 60)],  # follow the line, then fail
            ["a" * k for k in range(1, 60)],  # every one a prefix of the next
        ],
        ids=["short", "near-misses", "prefixes"],
    )
    def test_known_names_are_linear_in_the_line(self, known: list[str]) -> None:
        """With a fixed vocabulary, a tag line costs time proportional to its length."""
        splitter = TagSplitter(known)
        assert _growth(lambda n: "aA" * n, splitter._split, 2_000) < BOUND

    def test_the_number_of_known_names_does_not_count(self) -> None:
        """Ten thousand names cost no more per line than ten of the same length."""
        line = "aA" * 20_000

        def names(count: int) -> list[str]:
            return [f"Z{i:07d}" for i in range(count)] + ["aA"]

        few, many = TagSplitter(names(10)), TagSplitter(names(10_000))
        best_few = best_many = float("inf")
        for _ in range(5):
            best_few = min(best_few, _seconds(lambda: few._split(line)))
            best_many = min(best_many, _seconds(lambda: many._split(line)))
        assert best_many < 3 * best_few

    @pytest.mark.parametrize(
        ("make", "n"),
        [
            pytest.param(lambda n: "x" * n, 40_000, id="long-line"),
            pytest.param(lambda n: "\n" * n, 2_000, id="blank-lines"),
            pytest.param(lambda n: "sticky\n" * n, 2_000, id="sticky-lines"),
            pytest.param(lambda n: "\nT\n\nE\n" + "aA" * n, 10_000, id="tag-line"),
            pytest.param(
                lambda n: "\nT\n\nE\n" + "1111 " * n, 10_000, id="tag-line-of-years"
            ),
            pytest.param(
                lambda n: "sticky\n\n" + "T" * n + "\n\nE", 40_000, id="long-title"
            ),
            pytest.param(
                lambda n: "Mar" + " " * n + "5, 2024\n\nT\n\nE",
                40_000,
                id="padded-date",
            ),
            pytest.param(_date_lines, 300, id="date-lines"),
        ],
    )
    def test_the_parser_is_linear(self, make: Callable[[int], str], n: int) -> None:
        """loads takes time proportional to the text on each adversarial shape."""
        assert _growth(make, bloglist.loads, n) < BOUND


class TestPostsArePosts:
    def test_a_huge_title_is_kept_whole(self) -> None:
        """A 1 MB title is a title, and its diagnostics quote only the start of it."""
        title = "T" * 1_000_000
        listing = bloglist.loads(f"sticky\n{title}\n\nE")
        assert listing[0] == Post(title=title, excerpt="E", sticky=True)
        assert all(len(d.message) < 200 for d in listing.diagnostics)

    def test_a_huge_date_line_is_quoted_short(self) -> None:
        """An error about a long date-shaped line does not copy the line into the message."""
        with pytest.raises(ParseError) as info:
            bloglist.loads("Mar 5, " + "9" * 100_000, strict=True)
        assert info.value.code == "invalid-date"
        assert len(str(info.value)) < 200


# The bound docs/security.md states: what loads holds at its peak, diagnostics
# included, over the size of its input in bytes.
MEMORY_BOUND = 130

_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


def _distinct_dates_with_no_year(n: int) -> str:
    """*n* date lines with no year, each spelt differently (the case of the
    month's letters, the spaces between its parts), each before a title:
    each spelling is a header to remember and a message that quotes it."""

    def spellings() -> Iterator[str]:
        for width in itertools.count(1):
            for month in _MONTHS:
                cases = [(c.lower(), c.upper()) for c in month]
                for letters in itertools.product(*cases):
                    for gap in itertools.product(" \t\x0b\x0c", repeat=width):
                        for day in range(1, 29):
                            yield f"{''.join(letters)}{''.join(gap)}{day}"

    return "".join(f"{line}\nT\n" for line in itertools.islice(spellings(), n))


HOSTILE_SHAPES = {
    "lines after a tag line": lambda n: "\nT\n\nE\nTag\n" + "x\n" * n,
    "distinct lines after a tag line": lambda n: (
        "\nT\n\nE\nTag\n" + "".join(f"{i}x\n" for i in range(n))
    ),
    "lone sticky lines": lambda n: "sticky\n" * n,
    "dates with no year": lambda n: "Mar 5\n" * n,
    "distinct bad dates": lambda n: "".join(f"Mar 5, {10_000 + i}\n" for i in range(n)),
    "titles and sticky lines": lambda n: "T\nsticky\n" * n,
    "tiny posts": lambda n: "x\n\nx\n\n" * n,
    "repeated tags": lambda n: "\nT\n\nE\nAaAa\n" * n,
    # A date in each tag line, each line different, four bytes a character in
    # memory: a warning (unread-date) whose message quotes the line; with a
    # repeated tag too, a second warning. 56 and 66 times on Python 3.11.
    "distinct tag lines with a date": lambda n: "".join(
        f"x\n\nx\n{chr(0x20000 + i)}1-1-1000\n\n" for i in range(n)
    ),
    "distinct tag lines with a date and a repeated tag": lambda n: "".join(
        f"\nT\n\nE\n1/1/2025{chr(0x20000 + i)}AaBbBb\n" for i in range(n)
    ),
    # The most diagnostics for the fewest bytes known: a date with no year,
    # no blank line before the title, no excerpt, and a post, in eight bytes.
    "dates with no year, each before a title": lambda n: "Mar 5\nT\n" * n,
    # Runs of header lines with no post, each ended before its 100th line,
    # past which one diagnostic counts the rest of a run.
    "runs of 100 dates with no year": lambda n: ("Mar 5\n" * 100 + "T\n") * (n // 100),
    # The same with a title of its own each, four bytes a character in memory:
    # 91 times when the two messages about a title quoted it.
    "dates with no year, each before a distinct emoji title": lambda n: "".join(
        f"Mar 5\n{chr(0x20000 + i)}\n" for i in range(n)
    ),
    # 72 to 78 times on Python 3.11 (91 when it was found, over the 72
    # stated then).
    "distinct spellings of dates with no year, each before a title": (
        _distinct_dates_with_no_year
    ),
    # The same lines in runs of 99, a title after each run: each line makes
    # two diagnostics that both quote it (incomplete-date, and missing-title
    # as it heads no post). 75 to 83 times on Python 3.11 (117 when it was
    # found, over the 100 stated then).
    "runs of 99 distinct spellings of dates with no year": lambda n: "".join(
        f"{line}\n" if i % 99 < 98 else f"{line}\nT\n"
        for i, line in enumerate(_distinct_dates_with_no_year(n).split("\n")[:-1:2])
    ),
    # Lines after tag lines, each a different character of two or three
    # UTF-8 bytes (its message quotes it, two bytes a character in memory),
    # in runs of 100: about 110 times, the most a byte known.
    "runs of distinct characters after a tag line": lambda n: _distinct_characters(n),
    # The same with a digit before each character, and carriage returns for
    # line breaks (the text is copied to make them line feeds): each line
    # starts as a date may, and is remembered as text besides its message.
    # 130.3 times on Python 3.11, over the bound, while the parser
    # remembered such lines without limit.
    "runs of distinct digit-led lines after a tag line, with carriage returns": (
        lambda n: _digit_led_lines(n)
    ),
    # Such lines over and over, more of them distinct (4,200) than the
    # messages shared at a time (4,096): the share, full, starts over, and
    # each line's message is made again. 112 times on Python 3.11, the most
    # a byte known past 6 kB.
    "a cycle of distinct characters after tag lines, longer than the shared": (
        lambda n: _distinct_characters(n, cycle=4_200)
    ),
}


def _digit_led_lines(n: int) -> str:
    """*n* lines after tag lines, in runs of 100, each a digit and a
    character of two UTF-8 bytes, none alike, with ``\r`` for line breaks."""
    chars = [
        chr(code)
        for code in range(0x80, 0x800)
        if chr(code).isprintable() and not chr(code).isspace()
    ]
    lines = [digit + char for digit in "0123456789" for char in chars][:n]
    text = "".join(
        "\nT\n\nE\nTag\n" + "".join(f"{line}\n" for line in lines[i : i + 100])
        for i in range(0, len(lines), 100)
    )
    return text.replace("\n", "\r")


def _distinct_characters(n: int, cycle: int | None = None) -> str:
    """*n* lines, each one character, in runs of 100 after a tag line: the
    two-byte characters first, then three-byte ones, none repeated; or, with
    *cycle*, the first *cycle* of them (the unprintable two-byte ones too,
    after the printable ones) over and over."""
    chars = [
        chr(code)
        for code in range(0x80, 0xD800)
        if chr(code).isprintable() and not chr(code).isspace()
    ]
    if cycle is not None:
        unprintable = [
            chr(code)
            for code in range(0x80, 0x800)
            if not chr(code).isprintable() and not chr(code).isspace()
        ]
        two = [char for char in chars if char < "\u0800"]
        chars = (two + unprintable + chars[len(two) :])[:cycle]
        chars *= -(-n // cycle)
    chars = chars[:n]
    return "".join(
        "\nT\n\nE\nTag\n" + "".join(f"{c}\n" for c in chars[i : i + 100])
        for i in range(0, len(chars), 100)
    )


def _peak_of_loads(text: str) -> tuple[bloglist.Listing, int]:
    """``loads(text)`` with every diagnostic made (the default limit only
    lowers the peak, and the bound holds for every setting), and the most
    memory it held, after a parse that makes the lazy imports and compiled
    patterns it needs, which a process pays once."""
    bloglist.loads(text[:1000])
    tracemalloc.start()
    try:
        listing = bloglist.loads(text, max_diagnostics=None)
        return listing, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.big
class TestMemoryBound:
    @pytest.mark.parametrize("make", HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES)
    def test_loads_holds_at_most_the_documented_multiple(
        self, make: Callable[[int], str]
    ) -> None:
        """At its peak, loads holds under 130 times its input, whatever the input.

        Before issue 12, 'lines after a tag line' took 117 times: each line's
        diagnostic built its own message.
        """
        # What loads holds is so much per line: the multiple at 5,000 lines
        # is within two of that at 30,000 (4 to 65 across these shapes), so
        # the shorter text tells a bounded loads from one that holds more per
        # line (117 times, before issue 12) as surely, and six times sooner.
        text = make(5_000)
        listing, peak = _peak_of_loads(text)
        assert listing.diagnostics or listing
        assert peak < MEMORY_BOUND * len(text.encode())

    def test_lines_remembered_as_text_take_no_more_than_a_bounded_set(
        self,
    ) -> None:
        """The short lines that start as a date may, but are text, are
        remembered (a hostile `1` over and over is read once), 1,024 at most
        at a time: lines none alike grew the set without end, its table
        growing fourfold at a time, and 20 kB of such lines took 130.3 times
        their bytes on Python 3.11 (124.5 on 3.12 and 3.13), over the bound
        of docs/security.md. Now 101.3 (95.4): under 115 on each."""
        text = _digit_led_lines(5_000)
        listing, peak = _peak_of_loads(text)
        assert len(listing.diagnostics) > 4_900  # a message for each line
        assert peak < 115 * len(text.encode())

    def test_equal_diagnostics_share_their_message(self) -> None:
        """A thousand equal missing blank lines hold one message between them."""
        listing = bloglist.loads("sticky\nT\n\nE\n" * 1000)
        assert [d.code for d in listing.diagnostics] == ["missing-blank"] * 1000
        assert len({id(d.message) for d in listing.diagnostics}) == 1


class _Pieces(io.RawIOBase):
    """A binary file whose read returns at most *piece* bytes at a time."""

    def __init__(self, data: bytes, piece: int) -> None:
        self._data, self._piece, self._at = data, piece, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self._piece, len(self._data) - self._at)
        buffer[:size] = self._data[self._at : self._at + size]
        self._at += size
        return size
