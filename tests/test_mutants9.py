"""Tests written by a hand-made mutation test of the library (conditions,
the exporters' memory, date lines, tag lines and their warnings, writing,
the matching rule's titles): each kills a mutant that no test told apart
from the real code, or that only a slow or far-away test did, by what a
user relies on.
"""

from __future__ import annotations

import datetime
import io
import tracemalloc
import unicodedata
import uuid
from collections.abc import Callable, Iterator

import pytest

import bloglist
import bloglist._parse as bloglist_parse
from bloglist import Post, Where, WriteError

SAMPLE = bloglist.loads(bloglist.sample_text())
MB = 1 << 20


def _recent(post: Post) -> bool:
    """A predicate that fails on an undated post: it needs a guard."""
    assert post.date is not None, f"asked about the undated post {post.title!r}"
    return post.date.year >= 2025


class TestAPredicateNestedInAnOrIsGuarded:
    """docs/query.md, "Your own test": among the parts of one ``&`` (and the
    conditions given to ``filter``), the built-in ones are answered first,
    then the parts holding a predicate of the caller's, however deep in them
    the predicate is. So ``Where.dated()`` guards a predicate that reads
    ``post.date`` even when the predicate sits inside an ``|`` (or the ``~``
    of one) next to a built-in condition: the sample listing has undated
    posts, which the predicate is never asked about."""

    @pytest.mark.parametrize(
        ("make", "holds"),
        [
            pytest.param(
                lambda p: p | Where.sticky(),
                lambda post, recent: recent or post.sticky,
                id="or",
            ),
            pytest.param(
                lambda p: Where.sticky() | p,
                lambda post, recent: recent or post.sticky,
                id="or-reversed",
            ),
            pytest.param(
                # The ~ of an |: asks the predicate about the pinned posts.
                lambda p: ~(~p | ~Where.sticky()),
                lambda post, recent: recent and post.sticky,
                id="not-of-or",
            ),
        ],
    )
    def test_dated_guards_the_predicate_however_it_is_combined(
        self,
        make: Callable[[Where], Where],
        holds: Callable[[Post, bool], bool],
    ) -> None:
        undated = [post for post in SAMPLE if post.date is None]
        assert any(post.sticky for post in undated)
        assert any(not post.sticky for post in undated)
        # The plain-Python answer: dated, and the condition holds.
        expected = [
            post
            for post in SAMPLE
            if post.date is not None and holds(post, post.date.year >= 2025)
        ]
        assert expected
        condition = make(Where.match(_recent))
        assert list(SAMPLE.filter(condition, Where.dated())) == expected
        assert list(SAMPLE.filter(Where.dated(), condition)) == expected
        assert list(SAMPLE.filter(condition & Where.dated())) == expected
        assert list(SAMPLE.filter(Where.dated() & condition)) == expected
        guarded = condition & Where.dated()
        assert [post for post in SAMPLE if guarded(post)] == expected


class _Sink(io.TextIOBase):
    """A text file that keeps nothing of what it is given."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


class TestTheWritersStreamInFlatMemory:
    """docs/export.md, "Writing as posts come": a listing of any size goes to
    a file in flat memory. Posts that each have a tag list of their own (a
    stream of ever new tags) are the worst case of the writers' memory of
    the tag lists they have written, which starts over when full: kept
    without end, it grew by about 200 bytes a post.

    The writers keep 16,384 tag lists; the bound is lowered to 256 here (as
    tests/test_export.py lowers it to test the text past it), so that 16,384
    posts, 64 times the bound, show it in a fraction of a second: at most
    about 0.35 MiB, where a memory kept without end took 3.2 to 3.5 MiB. At
    the real bound it takes three times as many posts, and several seconds
    under tracemalloc."""

    @pytest.mark.parametrize(
        "write",
        [bloglist.write_csv, bloglist.write_json, bloglist.write_jsonl],
        ids=["csv", "json", "jsonl"],
    )
    def test_distinct_tag_lists_past_the_writers_memory(
        self,
        write: Callable[[Iterator[Post], _Sink], None],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # The bound is private: no public way to lower it.
        from bloglist import _export

        monkeypatch.setattr(_export, "_MEMO", 256)

        def posts() -> Iterator[Post]:
            for i in range(16_384):
                yield Post(title="P", excerpt="x", tags=(f"Tag{i}",))

        # First what it imports and compiles, which stays.
        write(iter([Post(title="P", excerpt="x", tags=("Tag",))]), _Sink())
        tracemalloc.start()
        try:
            write(posts(), _Sink())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 1 * MB


class TestNearMissesOfTheIsoDateForm:
    """docs/format.md, "Date lines": days have one or two digits and years
    four, and a line of another shape is not a date line, however close. An
    ISO-shaped line with a year of five digits, or a month or day of three,
    is a title like any other text (no diagnostic), and ``dumps`` writes it
    as one: it reads back as it was written."""

    @pytest.mark.parametrize(
        "line",
        [
            "10000-01-01",
            "20245-3-5",
            "02024-03-05",
            "2024-003-05",
            "2024-03-005",
            "2024-100-1",
            "2024-1-100",
            "999-01-01",
        ],
    )
    def test_the_line_is_a_title(self, line: str) -> None:
        listing = bloglist.loads(f"\n{line}\n\nE\n")
        assert list(listing) == [Post(title=line, excerpt="E")]
        assert listing.diagnostics == ()
        post = Post(title=line, excerpt="x")
        text = bloglist.dumps([post])
        assert text == f"\n{line}\n\nx\n"
        back = bloglist.loads(text)
        assert (list(back), back.diagnostics) == ([post], ())


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


class TestDumpOfAGenerator:
    """``dump``'s docstring: a lone surrogate, which UTF-8 cannot encode, is
    a WriteError naming its post and field when the file is binary, and
    nothing is written. So it is when the posts come from a generator, read
    once."""

    def test_a_lone_surrogate_is_a_write_error_naming_the_post(self) -> None:
        out = io.BytesIO()
        posts = (post for post in [Post(title="Caf\udce9", excerpt="x")])
        with pytest.raises(WriteError) as caught:
            bloglist.dump(posts, out)
        assert str(caught.value).startswith(
            "posts[0] ('Caf\\udce9'): title holds the lone surrogate U+DCE9, "
            "which UTF-8 cannot encode;"
        )
        assert out.getvalue() == b""


class TestTagsThatReadBackAsOthers:
    """docs/format.md, "Writing: the canonical form": ``loads(dumps(posts))
    == posts`` for every listing that ``dumps`` accepts. Tags that the case
    rule would split back into other tags are refused with a WriteError
    saying what they would read back as, however many those are: as many
    as the tags given too."""

    @pytest.mark.parametrize(
        ("tags", "back"),
        [
            (("aB", "c"), ("a", "Bc")),
            (("GenAI", "Testing"), ("Gen", "AITesting")),
        ],
    )
    def test_the_same_count_of_other_tags_is_refused(
        self, tags: tuple[str, ...], back: tuple[str, ...]
    ) -> None:
        assert len(tags) == len(back)
        post = Post(title="T", excerpt="E", tags=tags)
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([post])
        assert str(caught.value).startswith(
            f"posts[0] ('T'): tags {tags!r} would read back as {back!r};"
        )
        # What it would have written reads back as those other tags.
        assert bloglist.loads("\nT\n\nE\n" + "".join(tags) + "\n")[0].tags == back


class _SaysTrue(io.RawIOBase):
    """An unbuffered file whose write takes a byte and answers True."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> bool:
        self.data += bytes(data)[:1]  # type: ignore[call-overload]
        return True


class TestARawWriteThatAnswersTrue:
    """``dump`` to an unbuffered binary file: a write that answers something
    other than a count of bytes is an OSError. True is a bool, not a count,
    though Python takes it for 1 in arithmetic."""

    def test_true_is_not_a_count_of_bytes(self) -> None:
        with pytest.raises(OSError, match=r"took True of the 6 bytes"):
            bloglist.dump([Post(title="T", excerpt="E")], _SaysTrue())


# The namespace of post_id's UUIDs, as its docstring writes it.
_POST_IDS = uuid.UUID("118ea92e-c41f-5169-8c76-9700be0f2b4d")


class TestTitlesCompareInCompatibilityForm:
    """``post_id``'s docstring (and docs/history.md's matching rule): the id
    is that of the date and the title in Unicode NFKC form, case-folded. So
    a title pasted in "bold" letters (mathematical alphanumerics, modifier
    capitals) keeps the id and the history of the plain one: compatibility
    forms first, then case, since a bold capital has no lowercase of its own
    until NFKC makes it a plain capital."""

    DAY = datetime.date(2025, 3, 5)

    @pytest.mark.parametrize(
        "title",
        [
            "\U0001d401\U0001d422\U0001d420 \U0001d40d\U0001d41e\U0001d430\U0001d42c",
            "\u1d2eig news",  # MODIFIER LETTER CAPITAL B
            "BIG NEWS",
        ],
        ids=["bold", "modifier-capital", "capitals"],
    )
    def test_a_bold_title_has_the_id_of_the_plain_one(self, title: str) -> None:
        expected = "urn:uuid:" + str(uuid.uuid5(_POST_IDS, "2025-03-05\nbig news"))
        assert bloglist.post_id(Post(title=title, date=self.DAY)) == expected
        assert bloglist.post_id(Post(title="big news", date=self.DAY)) == expected

    def test_diff_pairs_a_bold_title_with_the_plain_one(self) -> None:
        bold = "\U0001d401\U0001d422\U0001d420 \U0001d40d\U0001d41e\U0001d430\U0001d42c"
        old = [Post(title=bold, date=self.DAY), Post(title="\u1d2eig day")]
        new = [Post(title="Big News", date=self.DAY), Post(title="big day")]
        found = bloglist.diff(old, new)
        assert [(c.old, c.new) for c in found.changed] == list(
            zip(old, new, strict=True)
        )
        assert (found.added, found.removed) == ((), ())

    def test_every_title_has_the_id_of_its_nfkc_form(self) -> None:
        """Every code point that NFKC changes (about 4,900), inside a title:
        the id is the same as that of the title in NFKC form."""
        changed = [
            chr(code)
            for code in range(0x110000)
            if not 0xD800 <= code < 0xE000
            and not unicodedata.is_normalized("NFKC", chr(code))
        ]
        assert len(changed) > 4000
        differ = [
            char
            for char in changed
            if bloglist.post_id(Post(title=f"a{char}b", date=self.DAY))
            != bloglist.post_id(
                Post(
                    title="a" + unicodedata.normalize("NFKC", char) + "b",
                    date=self.DAY,
                )
            )
        ]
        assert differ == []


class TestIterloadForgetsTheTagsOfEarlierLines:
    """``iterload``'s memory is bounded by its caches' bound in bytes, however
    many distinct tags a stream holds: when the tag cache is full it starts
    over and forgets every tag it has met, not only the lines (the slow test
    of tests/test_mutants3.py checks the bound itself, at its real size).

    The bound, 16 MiB, is lowered to 64 KiB here, as the streaming tests of
    tests/test_iterload.py do, so that 400 tag lines of two long tags each
    (1.6 MB of tags, each line new) show it in a fraction of a second:
    remembered without end, their tags were all kept."""

    def test_distinct_long_tags_stream_in_the_memory_of_the_same_one(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # The bound is private: no public way to lower it.
        monkeypatch.setattr(bloglist_parse, "STREAM_CACHE_BYTES", 64 << 10)

        def tag_line(i: int) -> str:
            name = "".join(chr(97 + i // 26**k % 26) for k in range(3))
            return f"A{name}{'b' * 2000}C{name}{'d' * 2000}"

        texts = [f"\nT\n\nE\n{tag_line(i)}\n" for i in range(400)]
        distinct = "".join(texts).encode()
        same = (texts[0] * len(texts)).encode()
        bloglist.loads(texts[0])  # imports what it needs, before measuring

        def peak_of(data: bytes) -> int:
            tracemalloc.start()
            try:
                # Counted, not kept: the posts' tags are what is measured.
                counts = [
                    len(item.tags)
                    for item in bloglist.iterload(io.BytesIO(data))
                    if isinstance(item, Post)
                ]
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            assert counts == [2] * 400
            return peak

        held, baseline = peak_of(distinct), peak_of(same)
        assert held < baseline + 512 * 1024
