"""Tag splitting with known names, against a plain reading of the documented rule."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import types
import unicodedata
import warnings
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import cast

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import bloglist
from bloglist._tags import TagNotes, TagSplitter


def _is_space(char: str) -> bool:
    # The format's whitespace (docs/format.md): str.isspace's, which holds the
    # information separators U+001C to U+001F that regex's \s leaves out.
    return char.isspace()


def _is_lower(char: str) -> bool:
    return unicodedata.category(char) == "Ll"


def _is_upper(char: str) -> bool:
    return unicodedata.category(char) in ("Lu", "Lt")


def _lower_before(line: str, at: int) -> bool:
    """Whether a lowercase letter, then nothing but combining marks, comes
    before place *at* of *line*."""
    before = at - 1
    while before > 0 and unicodedata.category(line[before]).startswith("M"):
        before -= 1
    return _is_lower(line[before])


def reference_split(known: list[str], line: str) -> tuple[str, ...]:
    """The rule of docs/format.md, "Tag lines", read literally, one place at a time.

    Known names are recognised left to right: at a place that is the start of
    the line or follows a non-space character, the longest known name that
    starts there and ends at the end of the line, before an uppercase or
    titlecase letter, or where another known name starts; the next one is
    looked for where it ends. The line is cut at the edges of recognised
    names and wherever a lowercase letter, with any combining marks after it,
    meets an uppercase or titlecase one outside them.
    """
    names = {name.strip() for name in known} - {""}
    n = len(line)

    def starts_here(at: int) -> list[str]:
        return [name for name in names if line.startswith(name, at)]

    def may_end(at: int) -> bool:
        return at == n or _is_upper(line[at]) or bool(starts_here(at))

    spans: list[tuple[int, int]] = []
    at = 0
    while at < n:
        if at == 0 or not _is_space(line[at - 1]):
            ends = [at + len(name) for name in starts_here(at)]
            ends = [end for end in ends if may_end(end)]
            if ends:
                spans.append((at, max(ends)))
                at = max(ends)
                continue
        at += 1
    cuts = {0, n} | {edge for span in spans for edge in span}
    for at in range(1, n):
        inside = any(start < at < end for start, end in spans)
        if _lower_before(line, at) and _is_upper(line[at]) and not inside:
            cuts.add(at)
    return tuple(line[a:b] for a, b in pairwise(sorted(cuts)))


# Names the case rule cannot see, names that are prefixes, suffixes and parts
# of each other, and generated ones over a small alphabet with spaces, a
# titlecase letter (ǅ) and accents.
FIXED_NAMES = ["iOS", "GenAI", "Data", "Data Science", "aA", "Aa", "a", "AI", "Sci"]
NAME = st.one_of(
    st.sampled_from(FIXED_NAMES),
    st.text(st.sampled_from("aAbB \x1cÉéǅ\u0301"), min_size=1, max_size=4),
)
# Words the case rule splits as they are: capitalised, lowercase, with a space,
# in other scripts.
WORD = st.sampled_from(
    [
        "Data",
        "Science",
        "Developer Tools",
        "database",
        "Été",
        "école",
        "Σοφία",
        "Cafe\u0301",  # é written apart, as in NFD
        "e\u0301cole\u0327",
        "x y",
        "OS",
    ]
)


@st.composite
def known_and_line(draw: st.DrawFn) -> tuple[list[str], str]:
    known = draw(st.lists(NAME, max_size=8))
    pieces = st.sampled_from(known) | WORD if known else WORD
    line = "".join(draw(st.lists(pieces, min_size=1, max_size=10))).strip()
    return known, line or "x"


class TestAgainstTheDocumentedRule:
    @given(known_and_line())
    # A known name ends in a lowercase letter whose combining mark, outside
    # it, comes before an uppercase letter: a boundary across the name's end.
    @example((["\u0301A", "Data"], "Data\u0301A\u00e9col"))
    # After an information separator, whitespace as str.isspace has it, a
    # known name is not recognised, as after a space.
    @example((["GenAI"], "Go\x1cGenAI"))
    @example((["GenAI"], "Go\x1dGenAI"))
    @example((["GenAI"], "Go\x1eGenAI"))
    @example((["GenAI"], "Go\x1fGenAI"))
    # Names whose ends overlap, so that finding the next one follows a chain
    # of two fallbacks or more (a name inside another's fallback).
    @example((["EDAAC", "AA", "D"], "XDAAC"))
    @example((["ABC", "B"], "ZBC"))
    # A titlecase letter after a known name: a boundary of the case rule.
    @example((["GenAI"], "GenAI\u01c5x"))
    def test_splits_as_the_rule_reads(self, case: tuple[list[str], str]) -> None:
        """Lines glued from known names and words split as the rule says."""
        known, line = case
        tags, _ = TagSplitter(known).split(line)
        assert tags == reference_split(known, line)

    @given(
        st.lists(st.text("ABC", min_size=1, max_size=5), min_size=1, max_size=6),
        st.lists(st.text("ABCX", min_size=1, max_size=6), min_size=1, max_size=4),
    )
    def test_names_that_overlap_split_as_the_rule_reads(
        self, known: list[str], pieces: list[str]
    ) -> None:
        """Names of a three-letter alphabet, found in lines of it: prefixes,
        suffixes and parts of each other, as the automaton's fallbacks meet
        them at every depth (the case rule cuts none of these lines)."""
        line = "".join(pieces)
        tags, _ = TagSplitter(known).split(line)
        assert tags == reference_split(known, line)

    @given(known_and_line())
    def test_splits_the_same_when_read_again(self, case: tuple[list[str], str]) -> None:
        """A splitter gives the same tags for a line the second time, cache aside."""
        known, line = case
        splitter = TagSplitter(known, cache_size=1)
        first, _ = splitter.split(line)
        splitter.split(line + "Z")  # pushes the line out of the one-line cache
        assert splitter.split(line)[0] == first == reference_split(known, line)

    @pytest.mark.parametrize(
        ("known", "line", "tags"),
        [
            (["iOS"], "Machine LearningiOS", ("Machine Learning", "iOS")),
            (["Data"], "Database", ("Database",)),
            (["Science"], "Data Science", ("Data Science",)),
            (
                ["Data", "Data Science", "iOS"],
                "Data ScienceiOS",
                ("Data Science", "iOS"),
            ),
            (["iOS", "GenAI"], "ÉtéiOSGenAIΣοφία", ("Été", "iOS", "GenAI", "Σοφία")),
            (["a", "aa", "aaa"], "aaaB", ("aaa", "B")),
            (["ab", "b"], "abab", ("ab", "ab")),
            # The two longest names starting at 0 cannot end where they do.
            (["ABcd", "ABc", "A"], "ABcde", ("A", "Bcde")),
            (["ABcd", "ABc", "AB"], "ABcde", ("ABcde",)),
        ],
    )
    def test_documented_examples(
        self, known: list[str], line: str, tags: tuple[str, ...]
    ) -> None:
        """The examples of the rule split as docs/format.md says."""
        assert TagSplitter(known).split(line)[0] == tags == reference_split(known, line)


class TestDecomposedText:
    def test_a_line_decomposed_to_nfd_splits_as_composed(self) -> None:
        """An accent written apart (NFD, as some systems write text) does not
        hide a case boundary: the tags are those of the composed line, each
        as written, and they write back to the same line."""
        composed = "CaféDataÉtéÉcole d’hiverNaïveTest"
        decomposed = unicodedata.normalize("NFD", composed)
        assert decomposed != composed
        tags = bloglist.loads(f"\nT\n\nE\n{decomposed}")[0].tags
        assert [unicodedata.normalize("NFC", tag) for tag in tags] == [
            "Café", "Data", "Été", "École d’hiver", "Naïve", "Test",
        ]  # fmt: skip
        assert "".join(tags) == decomposed
        post = bloglist.Post(title="T", excerpt="E", tags=tags)
        assert bloglist.loads(bloglist.dumps([post]))[0] == post


class TestKnownNamesFound:
    @pytest.mark.parametrize(
        ("known", "line"), [(["C", "CSS"], "WebCSSbasics"), (["A", "ABB"], "bABBaa")]
    )
    def test_a_shorter_name_where_the_longer_cannot_end(
        self, known: list[str], line: str
    ) -> None:
        """The longer name cannot end before a lowercase letter; the shorter
        one, its prefix, which the automaton reaches only two steps back from
        the longer name's state, is found instead."""
        tags, _ = TagSplitter(known).split(line)
        assert tags == reference_split(known, line)
        assert known[0] in tags

    def test_a_name_found_is_the_known_name_itself(self) -> None:
        """Half a million tags found from a known name share its one string:
        no slice of the line is made per tag."""
        line = "aA" * 50_000
        tags, notes = TagSplitter(["aA", "Aa", "GenAI", "iOS"]).split(line)
        assert tags == ("aA",) * 50_000
        assert all(tag is tags[0] for tag in tags)
        assert notes == TagNotes(repeated=("aA",), dated=False)


# docs/format.md, "Tag lines": where two known names start at the same place,
# the longer wins (among those recognised there). Here 'BBAA' starts at 0 but
# is not recognised (a lowercase letter follows it); of 'BB' and 'B', both
# recognised at 0, the longer must win: the search follows the automaton's
# fail links as far back as it takes to find the shorter names recognised
# behind a longer one, not one step only.
@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("BBAAs", ("BB", "AAs")),
        ("BBAAbaaAB", ("BB", "AAbaa", "A", "B")),
    ],
)
def test_the_longer_of_two_recognised_known_names_wins_behind_a_longer_miss(
    line: str, tags: tuple[str, ...]
) -> None:
    known = ["BB", "BA", "B", "BBAA"]
    text = f"\nT\n\nE\n{line}\n"
    assert bloglist.loads(text, known_tags=known)[0].tags == tags
    # The order the names are given in does not matter.
    assert bloglist.loads(text, known_tags=known[::-1])[0].tags == tags
    # And the writer agrees: these tags write and read back as themselves.
    post = bloglist.Post(title="T", excerpt="E", tags=list(tags))
    assert (
        bloglist.loads(bloglist.dumps([post], known_tags=known), known_tags=known)[
            0
        ].tags
        == tags
    )


class TestKnownNameShortCuts:
    """The automaton of known names adds a short cut for each state and
    character it meets, up to a limit that keeps it at most twice its size:
    without one, it would grow by an entry for each, and iterload's memory
    with it over a stream of lines of ever new characters. The short cuts
    change no split."""

    def test_the_automaton_grows_to_twice_its_size_at_most(self) -> None:
        """Lines of ever new characters around a known name: the automaton
        of known names keeps at most one short cut per state, as the
        splitter promises, and splits each line as a splitter that never
        took one (a fresh one) does."""
        from bloglist._tags import TagSplitter

        rng = random.Random(5)
        names = ["GenAI", "iOS", "aA", "Data Science"]
        splitter = TagSplitter(names)
        letters = [chr(code) for code in range(0x100, 0x300)]
        lines = [
            "".join(rng.choice(letters) for _ in range(40)) + f"GenAIx{n}"
            for n in range(3000)
        ]
        for line in lines:
            splitter.split(line)
        automaton = splitter._known
        assert automaton is not None
        states = len(automaton.goto)
        # The trie's edges (one per state but the root), then a short cut
        # per state at most.
        assert sum(map(len, automaton.goto)) <= 2 * states - 1
        for line in lines[-50:]:
            assert splitter.split(line)[0] == TagSplitter(names).split(line)[0]


class TestVocabulary:
    def test_blank_names_are_no_vocabulary(self) -> None:
        """Only blank names: the line splits by the case rule alone."""
        assert TagSplitter([" ", ""]).split("iOSData")[0] == ("i", "OSData")

    def test_the_names_are_read_once(self) -> None:
        """A generator of names is enough: the splitter keeps what it needs."""
        splitter = TagSplitter(name for name in ["iOS", "GenAI"])
        assert splitter.split("GenAIiOS")[0] == ("GenAI", "iOS")
        assert splitter.split("iOSGenAI")[0] == ("iOS", "GenAI")

    def test_a_long_hostile_line_leaves_the_splitter_right(self) -> None:
        """Many different lines through one splitter keep splitting by the rule."""
        known = ["ab", "bc", "abcd", "cdx", "Ö"]
        splitter = TagSplitter(known, cache_size=4)
        for line in ["abcdbcab" * 50, "xÖbcabcdxÖ" * 30, "abcdxab", "bcabcd"]:
            assert splitter.split(line)[0] == reference_split(known, line)

    @pytest.mark.parametrize("bad", ["iOS", [b"iOS"]])
    def test_names_must_be_strings(self, bad: object) -> None:
        """A str or a non-str name is a TypeError saying what was expected."""
        with pytest.raises(TypeError, match="tags must be an iterable"):
            bloglist.loads("\nT\n\nE\nTag", known_tags=bad)  # type: ignore[call-overload]


class TestCache:
    def test_an_equal_line_gives_the_same_tags(self) -> None:
        """A line split before is answered from the cache: the same tuple."""
        splitter = TagSplitter(["iOS"])
        first = splitter.split("DataiOSData")
        assert splitter.split("DataiOSData") is first
        assert first == (("Data", "iOS", "Data"), TagNotes(("Data",), False))

    def test_the_line_cache_holds_at_most_its_size(self) -> None:
        """A splitter remembers at most *cache_size* lines, then starts over."""
        splitter = TagSplitter(cache_size=2)
        for line in ["One", "Two", "Three", "Four", "Five"]:
            splitter.split(line)
            assert len(splitter.cached) <= 2


class TestDuplicates:
    @pytest.mark.parametrize(
        "line",
        [
            "DataNewsDataNews",
            "DataNewsDATaNews",
            "AbcDefDefAbc",
            "AaBbAaBb",
            "AaBbCcDdEeAaBbCcDdEeAa",
            "AbcAbcAbc",
        ],
    )
    def test_every_repeated_tag_is_named_once(self, line: str) -> None:
        """Each tag whose name (case aside) came earlier in the line is
        reported once, as first repeated, in the order of the repeats; the
        line's one warning names the first three and counts the rest."""
        tags, notes = TagSplitter().split(line)
        assert notes is not None
        expected: list[str] = []
        for i, tag in enumerate(tags):
            before = {t.casefold() for t in tags[:i]}
            if tag.casefold() in before and tag.casefold() not in {
                e.casefold() for e in expected
            }:
                expected.append(tag)
        assert expected
        assert notes == TagNotes(tuple(expected), dated=False)
        [diagnostic] = bloglist.loads(f"\nT\n\nE\n{line}").diagnostics
        assert diagnostic.code == "duplicate-tag"
        named = expected[:3]
        assert all(repr(tag) in diagnostic.message for tag in named)
        if len(expected) > 3:
            assert f"and {len(expected) - 3} more" in diagnostic.message
        assert all(repr(tag) not in diagnostic.message for tag in expected[3:])

    def test_two_repeated_tags_are_both_named(self) -> None:
        """The second repeated tag of a line is not left out: a user fixing
        a scrape learns of both at once."""
        [diagnostic] = bloglist.loads("\nT\n\nE\nAaBbAaBb").diagnostics
        assert diagnostic.message == (
            "tags 'Aa' and 'Bb' appear more than once in the tag line"
        )
        [one] = bloglist.loads("\nT\n\nE\nAaBbAa").diagnostics
        assert one.message == "tag 'Aa' appears more than once in the tag line"
        [many] = bloglist.loads("\nT\n\nE\nAaBbCcDdAaBbCcDd").diagnostics
        assert many.message == (
            "tags 'Aa', 'Bb', 'Cc' and 1 more appear more than once in the tag line"
        )

    def test_no_repeat_is_none(self) -> None:
        assert TagSplitter().split("DataNews") == (("Data", "News"), None)


def _warnings(tag_line: str) -> list[tuple[str, int, str]]:
    listing = bloglist.loads(f"\nT\n\nE\n{tag_line}\n")
    return [(d.code, d.lineno, d.message) for d in listing.diagnostics]


class TestRepeatedTagsCompareCaseFolded:
    """docs/format.md, "Tag lines": a tag that appears twice in one line,
    compared case-insensitively, is warned about. Case-insensitively as the
    rest of the package means it (``str.casefold``, as ``Where.tagged_*``
    and ``group_by("tag")`` compare tags): ``STRASSE`` repeats ``Straße``.
    The warning names the repeat, as it is spelled the first time it
    repeats."""

    @pytest.mark.parametrize(
        ("line", "tags", "repeat"),
        [
            ("StraßeSTRASSE", ("Straße", "STRASSE"), "STRASSE"),
            # A final sigma folds as a sigma does.
            ("ΣίσυφοςΣΊΣΥΦΟΣ", ("Σίσυφος", "ΣΊΣΥΦΟΣ"), "ΣΊΣΥΦΟΣ"),
        ],
    )
    def test_a_tag_equal_once_case_folded_is_a_repeat(
        self, line: str, tags: tuple[str, ...], repeat: str
    ) -> None:
        first, second = tags
        assert first.casefold() == second.casefold()
        assert bloglist.loads(f"\nT\n\nE\n{line}\n")[0].tags == tags
        assert _warnings(line) == [
            (
                "duplicate-tag",
                5,
                f"tag {repeat!r} appears more than once in the tag line",
            )
        ]

    def test_a_tag_repeated_twice_is_named_by_its_first_repeat(self) -> None:
        assert _warnings("NewsNEWsNews") == [
            ("duplicate-tag", 5, "tag 'NEWs' appears more than once in the tag line")
        ]


class TestTheRepeatedTagsWarningNamesThree:
    """docs/format.md, "Tag lines": the warning names each tag that repeats,
    the first three, then how many more: three are named all, a fourth is
    counted."""

    def test_three_repeated_tags_are_all_named(self) -> None:
        assert _warnings("AaBbCcAaBbCc") == [
            (
                "duplicate-tag",
                5,
                "tags 'Aa', 'Bb' and 'Cc' appear more than once in the tag line",
            )
        ]

    def test_a_fourth_is_counted(self) -> None:
        assert _warnings("AaBbCcDdAaBbCcDd") == [
            (
                "duplicate-tag",
                5,
                "tags 'Aa', 'Bb', 'Cc' and 1 more appear more than once in the "
                "tag line",
            )
        ]


def test_a_repeated_tag_is_named_by_its_first_repeat() -> None:
    """The warning names the tag as it is first written again, not the last
    of its repeats."""
    listing = bloglist.loads("\nT\n\nE\nData ScienceData scienceData SCIENCE")
    [warning] = listing.diagnostics
    assert warning.code == "duplicate-tag"
    assert "'Data science'" in warning.message
    assert "SCIENCE" not in warning.message
    assert listing[0].tags == ("Data Science", "Data science", "Data SCIENCE")


class TestDatedNotes:
    def test_the_test_is_asked_of_lines_not_all_letters_once(self) -> None:
        """A line of letters and spaces alone is never asked about; any
        other once, its answer cached with its tags."""
        asked: list[str] = []

        def dated(line: str) -> bool:
            asked.append(line)
            return line.endswith("2025")

        splitter = TagSplitter(dated=dated)
        lines = ["DataNews", "Data News", "Q&A", "Mar 4, 2025", "Mar 4, 2025", "Été É"]
        for line in lines:
            splitter.split(line)
        assert asked == ["Q&A", "Mar 4, 2025"]
        assert splitter.split("Q&A") == (("Q&A",), None)
        assert splitter.split("Mar 4, 2025") == (("Mar 4, 2025",), TagNotes((), True))

    def test_a_dated_line_that_repeats_a_tag_has_both_notes(self) -> None:
        splitter = TagSplitter(dated=lambda line: True)
        assert splitter.split("Ab 1xAb 1x") == (
            ("Ab 1x", "Ab 1x"),
            TagNotes(("Ab 1x",), True),
        )

    def test_without_the_test_no_line_holds_a_date(self) -> None:
        assert TagSplitter().split("Mar 4, 2025") == (("Mar 4, 2025",), None)


class TestDefaultEncodingWarnings:
    """regex asks ``locale.getpreferredencoding()`` as it compiles a pattern
    (and as it is imported), which warns (EncodingWarning) under ``-X
    warn_default_encoding``: of regex's code, not the program's. A check
    found that, with ``-W error`` too, the command and ``loads`` of a tag
    line outside ASCII raised it from inside a parse, as a traceback."""

    TEXT = "Mar 1, 2025\n\nT\n\nE\nCaféCulture\n"

    @pytest.mark.parametrize(
        "run",
        [
            ["-c", "import sys, bloglist; print(bloglist.load(sys.stdin)[0].tags)"],
            ["-m", "bloglist", "--format", "jsonl"],
        ],
    )
    def test_no_warning_of_regex_reaches_the_program(self, run: list[str]) -> None:
        done = subprocess.run(
            [sys.executable, "-X", "warn_default_encoding", "-W", "error", *run],
            input=self.TEXT.encode(), capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, b"")
        assert "Café".encode() in done.stdout and b"Culture" in done.stdout

    def test_the_filter_is_set_only_under_the_flag_and_only_for_regex(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """In process, with a stand-in for regex whose compile warns as
        regex's does: the warning is ignored under the flag, and without it
        the filters are left as they are (here: an error); the program's own
        EncodingWarning is left alone under the flag too."""
        from bloglist import _tags

        def compile_warning_of(module: str) -> Callable[[str], object]:
            def compile(pattern: str) -> object:
                warnings.warn_explicit(
                    "default", EncodingWarning, "x.py", 1, module=module
                )
                return types.SimpleNamespace(split=len, finditer=len, fullmatch=len)

            return compile

        stand_in = types.ModuleType("regex")
        monkeypatch.setitem(sys.modules, "regex", stand_in)
        _tags._unicode.cache_clear()
        try:
            for flag, module, raises in (
                (1, "regex._main", False),
                (1, "regex.regex", False),  # its name before regex 2022
                (0, "regex._main", True),
                (1, "regex._mainly", True),
                (1, "program", True),
            ):
                stand_in.compile = compile_warning_of(module)  # type: ignore[attr-defined]
                flags = types.SimpleNamespace(warn_default_encoding=flag)
                monkeypatch.setattr(_tags, "sys", types.SimpleNamespace(flags=flags))
                _tags._unicode.cache_clear()
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    if raises:
                        with pytest.raises(EncodingWarning):
                            _tags._unicode()
                    else:
                        assert len(_tags._unicode()) == 6
                    # The filters are as they were after the call.
                    assert warnings.filters[0][0] == "error"
        finally:
            _tags._unicode.cache_clear()


def test_two_first_calls_at_once_leave_the_warnings_filters_as_they_were(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under -X warn_default_encoding, two threads that make the first call
    of _unicode at once: a lock keeps them apart, and each takes out only
    the one filter it added, so that a filter the program adds meanwhile
    stays (a review found, with catch_warnings, the ignore filter left in
    place, and a filter the program added meanwhile gone)."""
    from bloglist import _tags

    rules = _tags._unicode()
    inside = threading.Event()
    go_on = threading.Event()
    calls: list[int] = []

    def compiled() -> object:
        calls.append(len(warnings.filters))
        if len(calls) == 1:
            inside.set()
            go_on.wait(10)
        return rules

    flags = types.SimpleNamespace(warn_default_encoding=1)
    monkeypatch.setattr(_tags, "sys", types.SimpleNamespace(flags=flags))
    monkeypatch.setattr(_tags, "_compiled", compiled)
    with warnings.catch_warnings():  # the test's own, around it all
        before = list(warnings.filters)
        _tags._unicode.cache_clear()
        try:
            first = threading.Thread(target=_tags._unicode)
            first.start()
            assert inside.wait(10)
            second = threading.Thread(target=_tags._unicode)
            second.start()
            # The program adds a filter of its own meanwhile.
            warnings.filterwarnings("error", message="the program's own")
            go_on.set()
            first.join(10)
            second.join(10)
        finally:
            _tags._unicode.cache_clear()
        # The program's filter is kept, and the one the calls added is gone.
        assert warnings.filters[0][1].pattern == "the program's own"  # type: ignore[union-attr]
        assert warnings.filters[1:] == before
        # One call at a time, each with its one filter more (the second may
        # find the rules made, or make them again, the program's filter in).
        assert calls[0] == len(before) + 1
        assert calls[1:] in ([], [len(before) + 2])


def test_regex_keeps_the_gil_as_it_matches() -> None:
    """Every method of the regex patterns the tag rules call is called with
    concurrent=False. By default regex lets go of the GIL while it matches a
    str, and taking it back waits for a busy thread's switch interval: a
    check found 1,000 short tag lines outside ASCII took 16 s of a program
    with one thread busy elsewhere, against 2 ms (benchmarks/bench_threads.py
    measures it); the re module, which splits ASCII lines, keeps the GIL."""
    from bloglist import _tags

    rules = _tags._unicode()
    assert [cast("partial[object]", rule).keywords for rule in rules] == [
        {"concurrent": False}
    ] * len(rules)
    assert rules.split("CaféCultureÉtéNews") == ["Café", "Culture", "Été", "News"]
    assert [m.start() for m in rules.boundaries("aÉbÉ", 1, 4)] == [1, 3]
    assert [m.start() for m in rules.uppers("aÉb ")] == [1]
    assert [m.start() for m in rules.spaces("a\x1cb ")] == [1, 3]
    assert rules.is_space("\x1f") and not rules.is_space("x")
    assert rules.is_upper("É") and not rules.is_upper("é")


def test_a_filter_of_the_program_just_like_ours_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under -X warn_default_encoding, a program that ignores regex's
    EncodingWarnings itself, with the very filter _unicode adds: the first
    call leaves that filter in place (taking it out would undo the
    program's own)."""
    from bloglist import _tags

    rules = _tags._unicode()
    flags = types.SimpleNamespace(warn_default_encoding=1)
    monkeypatch.setattr(_tags, "sys", types.SimpleNamespace(flags=flags))
    monkeypatch.setattr(_tags, "_compiled", lambda: rules)
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", category=EncodingWarning, module=r"regex\.(_main|regex)\Z"
        )
        before = list(warnings.filters)
        _tags._unicode.cache_clear()
        try:
            assert _tags._unicode() is rules
        finally:
            _tags._unicode.cache_clear()
        assert warnings.filters == before


def test_the_known_names_of_a_call_are_not_kept_after_it() -> None:
    """The long-running review: the names of `known_tags=` were interned
    (sys.intern), which on Python 3.12.0 to 3.12.5 keeps a string for good:
    a service passing names of its own to each call grew by each name. No
    string equal to a name is left interned once the call's posts are gone
    (an interned one would be returned by sys.intern in place of a copy)."""
    import uuid

    # Not interned while the posts hold it (a check that fails on every
    # Python if the name is interned), nor once they are gone (the one
    # Python 3.12.0 to 3.12.5 failed). Each check interns the copy it makes
    # (for good, on those): one name each.
    for alive in (True, False):
        name = f"Tag{uuid.uuid4().hex}"
        listing = bloglist.loads(f"\nT\n\nE\nX{name}", known_tags=[name])
        assert listing[0].tags == ("X", name)
        if not alive:
            del listing
        copy = "".join(["Tag", name[3:]])  # equal, and a string of its own
        assert sys.intern(copy) is copy
