"""dumps and dump: the canonical form, and refusing what cannot be read back."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import Listing, Post, WriteError

DATA = Path(__file__).parent / "data" / "valid"


class TestCanonicalForm:
    def test_every_part_of_a_post(self) -> None:
        """Sticky line, date line, blank, title, blank, excerpt, tag line, in that order."""
        post = Post(
            title="T",
            date=datetime.date(2024, 3, 5),
            excerpt="E",
            tags=["Data", "Data Science"],
            sticky=True,
        )
        assert (
            bloglist.dumps([post])
            == "sticky\nMar 5, 2024\n\nT\n\nE\nDataData Science\n"
        )

    def test_headerless_post_starts_with_its_blank_line(self) -> None:
        """A post with neither marker nor date is a blank line, title, blank, excerpt."""
        assert bloglist.dumps([Post(title="T", excerpt="E")]) == "\nT\n\nE\n"

    def test_posts_follow_each_other_with_no_blank_line(self) -> None:
        """The next post's header comes right after the previous post's last line."""
        text = bloglist.dumps(
            [
                Post(title="A", excerpt="a", sticky=True),
                Post(title="B", excerpt="b", sticky=True),
            ]
        )
        assert text == "sticky\n\nA\n\na\nsticky\n\nB\n\nb\n"

    def test_empty_listing_is_empty_text(self) -> None:
        """No posts, no text, and no newline."""
        assert bloglist.dumps([]) == ""

    @pytest.mark.parametrize(
        ("date", "line"),
        [
            (datetime.date(2025, 3, 25), "Mar 25, 2025"),
            (datetime.date(2024, 9, 1), "Sep 1, 2024"),
            (datetime.date(999, 12, 31), "Dec 31, 0999"),
            (datetime.date(1, 1, 1), "Jan 1, 0001"),
        ],
    )
    def test_dates_are_written_mon_d_yyyy(self, date: datetime.date, line: str) -> None:
        """Dates use the three-letter month, no leading zero on the day, four-digit year."""
        text = bloglist.dumps([Post(title="T", excerpt="E", date=date)])
        assert text.splitlines()[0] == line
        assert bloglist.loads(text)[0].date == date

    def test_dump_writes_bytes_to_tempfiles_binary_files(self) -> None:
        """tempfile's files in their default "w+b" mode are no
        io.BufferedIOBase: their mode says they take bytes (the test the
        exports share, which refuse them), and dump writes them UTF-8."""
        import tempfile

        posts = [Post(title="Café", excerpt="Words.")]
        for make in (tempfile.NamedTemporaryFile, tempfile.SpooledTemporaryFile):
            with make() as binary:
                bloglist.dump(posts, binary)
                binary.seek(0)
                assert binary.read() == bloglist.dumps(posts).encode("utf-8")
        with tempfile.NamedTemporaryFile("w+", encoding="utf-8") as text:
            bloglist.dump(posts, text)
            text.seek(0)
            assert text.read() == bloglist.dumps(posts)

    def test_dump_gives_each_kind_of_writer_what_it_takes(self, tmp_path: Path) -> None:
        """Bytes to an mmap and to an object of the caller's own that takes
        bytes (SupportsWriteBytes); text to codecs.open's writer, whose mode
        says "wb", and to one of the caller's own that takes text."""
        import codecs
        import hashlib
        import mmap

        posts = bloglist.loads(bloglist.sample_text())
        text = bloglist.dumps(posts)
        data = text.encode("utf-8")

        mapped = mmap.mmap(-1, len(data))
        bloglist.dump(posts, mapped)
        assert mapped[:] == data

        class Digest:  # write(bytes) only, as hashlib is
            def __init__(self) -> None:
                self.hash = hashlib.sha256()

            def write(self, chunk: bytes) -> int:
                self.hash.update(chunk)
                return len(chunk)

        digest = Digest()
        bloglist.dump(posts, digest)
        assert digest.hash.hexdigest() == hashlib.sha256(data).hexdigest()

        path = tmp_path / "codecs.txt"
        with codecs.open(str(path), "w", "utf-8") as writer:
            assert "b" in writer.mode
            bloglist.dump(posts, writer)
        assert path.read_bytes() == data

        class Lines:  # write(str) only
            def __init__(self) -> None:
                self.parts: list[str] = []

            def write(self, part: str) -> None:
                if not isinstance(part, str):
                    raise TypeError("str only")
                self.parts.append(part)

        lines = Lines()
        bloglist.dump(posts, lines)
        assert "".join(lines.parts) == text

    def test_a_text_file_that_refuses_the_text_is_not_given_bytes(self) -> None:
        """A TypeError from a text file's write is the file's: it goes up as it is."""

        class Refuses(io.StringIO):
            given: list[object]

            def write(self, text: str, /) -> int:
                self.given.append(text)
                raise TypeError("this file takes nothing")

        out = Refuses()
        out.given = []
        posts = [Post(title="T", excerpt="E")]
        with pytest.raises(TypeError, match=r"^this file takes nothing$"):
            bloglist.dump(posts, out)
        assert out.given == [bloglist.dumps(posts)]  # the text once, never bytes

    def test_dump_writes_to_a_text_file(self) -> None:
        """dump writes exactly what dumps returns."""
        posts = bloglist.loads(bloglist.sample_text())
        out = io.StringIO()
        bloglist.dump(posts, out)
        assert out.getvalue() == bloglist.dumps(posts)


class TestNormalisation:
    @pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.stem)
    def test_dumps_of_loads_is_a_fixpoint(self, path: Path) -> None:
        """Writing a parsed listing, then parsing and writing again, changes nothing."""
        tags = ["GenAI", "iOS", "Data"] if path.stem == "known_tags" else None
        with path.open("rb") as fp:
            once = bloglist.dumps(bloglist.load(fp, known_tags=tags), known_tags=tags)
        assert (
            bloglist.dumps(bloglist.loads(once, known_tags=tags), known_tags=tags)
            == once
        )

    def test_what_dumps_changes(self) -> None:
        """Line endings, the BOM, blank lines, whitespace and date spelling are normalised."""
        text = (
            "\ufeffJune 2, 2024\r\nsticky\r\n\r\n\r\n Title\u00a0\r\n\r\nExcerpt\r\nTag"
        )
        assert bloglist.dumps(bloglist.loads(text)) == (
            "sticky\nJun 2, 2024\n\nTitle\n\nExcerpt\nTag\n"
        )


class TestRefusals:
    @pytest.mark.parametrize(
        ("post", "field", "reason"),
        [
            (Post(title="", excerpt="E"), "title", "is empty"),
            (Post(title="   ", excerpt="E"), "title", "is only whitespace"),
            (Post(title="T", excerpt="\u3000"), "excerpt", "is only whitespace"),
            (Post(title="A\nB", excerpt="E"), "title", "line break"),
            (Post(title="A\rB", excerpt="E"), "title", "line break"),
            (Post(title=" T", excerpt="E"), "title", "whitespace"),
            (Post(title="T\u00a0", excerpt="E"), "title", "whitespace"),
            (Post(title="sticky", excerpt="E"), "title", "sticky"),
            (Post(title="Mar 5, 2024", excerpt="E"), "title", "date line"),
            (Post(title="May 2024", excerpt="E"), "title", "date line"),
            (Post(title="T"), "excerpt", "is empty"),
            (Post(title="T", excerpt="2024-03-05"), "excerpt", "date line"),
            (Post(title="T", excerpt="E", tags=["Data", ""]), "tags", "empty name"),
            (Post(title="T", excerpt="E", tags=["GenAI"]), "tags", "read back as"),
            (
                Post(title="T", excerpt="E", tags=["Data", "science"]),
                "tags",
                "read back",
            ),
            (Post(title="T", excerpt="E", tags=["Web3", "Data"]), "tags", "read back"),
            (Post(title="T", excerpt="E", tags=[" Data"]), "tag line", "whitespace"),
            (Post(title="T", excerpt="E", tags=["A\nB"]), "tag line", "line break"),
            (Post(title="T", excerpt="E", tags=["sticky"]), "tag line", "sticky"),
            (Post(title="T", excerpt="E", tags=["May 2024"]), "tag line", "date line"),
        ],
    )
    def test_what_cannot_be_read_back_is_refused(
        self, post: Post, field: str, reason: str
    ) -> None:
        """dumps raises ValueError naming the post's place, its title and the field."""
        with pytest.raises(ValueError, match=reason) as info:
            bloglist.dumps([Post(title="Fine", excerpt="fine"), post])
        message = str(info.value)
        assert message.startswith(f"posts[1] ({post.title!r}): {field}")

    @pytest.mark.parametrize(
        ("tags", "back"),
        [
            (["a", " ", "b"], "('a b',)"),
            (["a", "\u2028"], "('a',)"),
            (["\t"], "no tags"),
            (["May", " ", "2024"], "a date line"),
            (["sticky", " "], "the 'sticky' marker"),
        ],
    )
    def test_a_tag_of_only_whitespace_is_refused_as_such(
        self, tags: list[str], back: str
    ) -> None:
        """A name of only whitespace is not empty: the error says what it is
        and what the tags would read back as, which loads confirms."""
        post = Post(title="T", excerpt="E", tags=tags)
        blank = next(tag for tag in tags if not tag.strip())
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.dumps([post])
        assert str(caught.value) == (
            f"posts[0] ('T'): tags hold {blank!r}, a name of only whitespace, "
            f"which no tag line can carry: tags {post.tags!r} would read back "
            f"as {back}"
        )
        # What loads makes of the tag line as written, were it not refused.
        line = "".join(tags)
        got = bloglist.loads(f"\nT\n\nE\n{line}\n")
        if back.startswith("("):
            assert repr(got[0].tags) == back
        else:
            assert got[0].tags == ()
        # A header line: one that starts a post, with no title after it.
        starts = "missing-title" in [d.code for d in got.diagnostics]
        assert starts == back.startswith(("a date", "the 'sticky'"))

    def test_an_empty_tag_and_a_blank_one_with_a_line_break(self) -> None:
        """An empty name is refused as one, before any blank one; a blank
        name holding a line break is refused as the line break it is."""
        with pytest.raises(bloglist.WriteError, match=r"\): tags hold an empty name$"):
            bloglist.dumps([Post(title="T", excerpt="E", tags=[" ", "a", ""])])
        with pytest.raises(
            bloglist.WriteError, match=r"\): tag line holds a line break$"
        ):
            bloglist.dumps([Post(title="T", excerpt="E", tags=["a", "\n", "b"])])

    def test_known_names_make_tags_writable(self) -> None:
        """With the reader's vocabulary, tags the case rule cannot split are written."""
        post = Post(title="T", excerpt="E", tags=["GenAI", "iOS"])
        text = bloglist.dumps([post], known_tags=["GenAI", "iOS"])
        assert bloglist.loads(text, known_tags=["GenAI", "iOS"]) == Listing([post])

    def test_nothing_is_written_when_a_post_is_refused(self) -> None:
        """dump checks every post before it writes a byte."""
        out = io.StringIO()
        with pytest.raises(ValueError, match="posts"):
            bloglist.dump([Post(title="A", excerpt="a"), Post(title="")], out)
        assert out.getvalue() == ""

    def test_non_posts_are_a_type_error(self) -> None:
        """Only Post objects can be written."""
        with pytest.raises(TypeError, match=r"posts\[0\] must be a Post, not str"):
            bloglist.dumps(["T"])  # type: ignore[list-item]


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
            f"posts[0] ('T'): tags {tags!r} would read back as {back!r}; pass "
        )
        # What it would have written reads back as those other tags.
        assert bloglist.loads("\nT\n\nE\n" + "".join(tags) + "\n")[0].tags == back


class TestTheAdviceForTagsThatReadBackAsOthers:
    """The WriteError for tags whose line reads back as other tags says what
    to do with known_tags=: the known names read across the tags to leave
    out (the longest name wins where several start, so more names cannot
    help), the tags to add, or that no names can help. Following the advice
    writes the tags and reads them back."""

    @pytest.mark.parametrize(
        ("tags", "known", "advice", "follow"),
        [
            (
                ("iOS", "Data"),
                None,
                "pass 'iOS' as known_tags= (--known-tag in the command): a name "
                "the case rule cannot split",
                ["iOS"],
            ),
            (
                ("B", "Bi"),
                ["aB"],
                "pass 'B', 'Bi' as known_tags= (--known-tag in the command): "
                "names the case rule cannot split",
                ["aB", "B", "Bi"],
            ),
            (
                ("i", "OS"),
                ["iOS", "GenAI"],
                "leave 'iOS' out of known_tags= (--known-tag in the command)",
                ["GenAI"],
            ),
            (
                ("AIB",),
                ["B", "A"],
                "leave 'A', 'B' out of known_tags= (--known-tag in the command)",
                [],
            ),
            (  # a name given with spaces is named as given: the one to leave out
                ("AIB",),
                [" B", "A", "Ok "],
                "leave 'A', ' B' out of known_tags= (--known-tag in the command)",
                ["Ok "],
            ),
            (
                ("Data", "base"),
                ["Database"],
                "leave 'Database' out of known_tags= (--known-tag in the command), "
                "and add 'Data', 'base'",
                ["Data", "base"],
            ),
            (  # a tag of the post's own that is a known name stays known
                ("iOS", "Data", "Science"),
                ["iOS", "DataScience"],
                "leave 'DataScience' out of known_tags= (--known-tag in the command)",
                ["iOS"],
            ),
            (  # each name to pass named once
                ("iOS", "iOS"),
                None,
                "pass 'iOS' as known_tags= (--known-tag in the command): a name "
                "the case rule cannot split",
                ["iOS"],
            ),
            (
                ("i", "OS", "i", "OS"),
                ["iOS"],
                "leave 'iOS' out of known_tags= (--known-tag in the command), and "
                "add 'i', 'OS'",
                ["i", "OS"],
            ),
        ],
    )
    def test_following_the_advice_writes_the_tags(
        self,
        tags: tuple[str, ...],
        known: list[str] | None,
        advice: str,
        follow: list[str],
    ) -> None:
        post = Post(title="T", excerpt="E", tags=tags)
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([post], known_tags=known)
        assert str(caught.value).endswith(f"; {advice}")
        text = bloglist.dumps([post], known_tags=follow)
        assert bloglist.loads(text, known_tags=follow, strict=True) == Listing([post])

    def test_many_names_are_counted_past_ten(self) -> None:
        """The advice names ten tags, and counts the rest: a post of many
        tags gets a message of a line, not one of all its names."""
        tags = tuple(f"a{chr(ord('A') + n)}" for n in range(12))  # 'aA', 'aB', ...
        post = Post(title="T", excerpt="E", tags=tags)
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([post])
        shown = ", ".join(map(repr, tags[:10]))
        assert str(caught.value).endswith(
            f"; pass {shown} and 2 more as known_tags= (--known-tag in the command):"
            " names the case rule cannot split"
        )
        text = bloglist.dumps([post], known_tags=tags)
        assert bloglist.loads(text, known_tags=tags, strict=True) == Listing([post])
        # Ten are all named.
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([Post(title="T", excerpt="E", tags=tags[:10])])
        assert f"; pass {shown} as known_tags=" in str(caught.value)

    def test_no_names_can_help_some_tags(self) -> None:
        """'AI', 'A', 'I' join into 'AIAI': with all three known, the longest
        name read first makes it 'AI', 'AI'; without them, one tag."""
        post = Post(title="T", excerpt="E", tags=("AI", "A", "I"))
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([post], known_tags=["Aa"])
        assert str(caught.value).endswith(
            "; no known tag names can make their tag line read back as these tags"
        )
        for known in (None, ["AI", "A", "I"], ["A", "I"], ["AI"]):
            text = "\nT\n\nE\nAIAI\n"
            assert bloglist.loads(text, known_tags=known)[0].tags != post.tags


class TestATagWithACarriageReturn:
    """A tag that holds a carriage return is a line break to the listing
    writer, as one with a line feed is: the message says which."""

    @pytest.mark.parametrize("tag", ["\r", "A\rB", "\n", "A\nB"])
    def test_it_is_reported_as_a_line_break(self, tag: str) -> None:
        with pytest.raises(WriteError) as caught:
            bloglist.dumps([Post(title="T", excerpt="x", tags=("A", tag))])
        assert str(caught.value) == "posts[0] ('T'): tag line holds a line break"


class TestWriteErrors:
    def test_what_cannot_be_written_is_a_write_error(self) -> None:
        """dumps raises WriteError, which is a ValueError, so old handlers still work."""
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dumps([bloglist.Post(title="Two\nlines", excerpt="E")])
        assert isinstance(info.value, ValueError)
        assert type(info.value).__module__ == "bloglist"

    def test_dump_writes_nothing_when_a_post_cannot_be(self) -> None:
        """No half-written file: the error comes before any write."""
        out = io.StringIO()
        posts = [
            bloglist.Post(title="Good", excerpt="E"),
            bloglist.Post(title="", excerpt="E"),
        ]
        with pytest.raises(bloglist.WriteError, match=r"posts\[1\]"):
            bloglist.dump(posts, out)
        assert out.getvalue() == ""


class TestDumpToBinaryFiles:
    def test_bytesio_gets_utf8(self) -> None:
        """dump to a BytesIO writes the UTF-8 of dumps, which load reads back."""
        posts = [bloglist.Post(title="Café ✓", excerpt="Ünïcode […]", tags=["Data"])]
        raw = io.BytesIO()
        bloglist.dump(posts, raw)
        assert raw.getvalue() == bloglist.dumps(posts).encode("utf-8")
        raw.seek(0)
        assert bloglist.load(raw) == bloglist.Listing(posts)

    def test_files_opened_in_binary_and_text_mode(self, tmp_path: Path) -> None:
        """A file opened "wb" gets bytes, one opened "w" gets text: the same file."""
        posts = list(bloglist.loads(bloglist.sample_text()))
        with open(tmp_path / "b.txt", "wb") as binary:
            bloglist.dump(posts, binary)
        with open(tmp_path / "t.txt", "w", encoding="utf-8", newline="") as text:
            bloglist.dump(posts, text)
        with open(tmp_path / "r.txt", "wb", buffering=0) as raw:
            bloglist.dump(posts, raw)
        expected = bloglist.dumps(posts).encode("utf-8")
        for name in ("b.txt", "t.txt", "r.txt"):
            assert (tmp_path / name).read_bytes() == expected

    def test_an_object_with_a_binary_mode(self) -> None:
        """Objects that are not io classes count as binary when their mode says so."""

        class Sink:
            mode = "ab"

            def __init__(self) -> None:
                self.got: list[object] = []

            def write(self, data: bytes) -> int:
                self.got.append(data)
                return len(data)

        sink = Sink()
        bloglist.dump([bloglist.Post(title="T", excerpt="E")], sink)
        assert sink.got == [b"\nT\n\nE\n"]


class TestBytesThatWouldReadAsUtf16:
    """Valid UTF-8 that starts as UTF-16 without a byte order mark does is
    refused by the byte readers (docs/format.md): the writers of bytes refuse
    to start a listing so, rather than write what load will not read."""

    STARTS = "\x00A\x00"
    MESSAGE = (
        "title starts with a NUL, an ASCII character and a NUL: as UTF-8, the listing "
        "would start as UTF-16 without a byte order mark does, which bloglist "
        "refuses to read as bytes; write it as text"
    )

    def test_dump_to_a_binary_file_refuses_and_writes_nothing(self) -> None:
        from bloglist._write import dump_chunks

        posts = [Post(title=self.STARTS, excerpt="x"), Post(title="T", excerpt="E")]
        raw = io.BytesIO()
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.dump(posts, raw)
        assert str(caught.value) == f"posts[0] ('\\x00A\\x00'): {self.MESSAGE}"
        assert (caught.value.index, caught.value.post) == (0, posts[0])
        assert raw.getvalue() == b""
        # No post, no first post: nothing to refuse, nothing written.
        bloglist.dump([], raw)
        assert raw.getvalue() == b""
        # As text, the same posts are written, and read back.
        text = io.StringIO()
        bloglist.dump(posts, text)
        assert list(bloglist.loads(text.getvalue())) == posts
        # The mark of a later post, or of a dated or sticky first post, is
        # no start of the bytes.
        for fine in (
            [Post(title="T", excerpt="E"), posts[0]],
            [Post(title=self.STARTS, excerpt="x", sticky=True)],
            [Post(title=self.STARTS, excerpt="x", date=datetime.date(2025, 3, 5))],
        ):
            raw = io.BytesIO()
            bloglist.dump(fine, raw)
            raw.seek(0)
            assert list(bloglist.load(raw)) == fine
            # The command's chunks alike: only the first post starts the bytes.
            assert "".join(dump_chunks(fine)) == bloglist.dumps(fine)

    def test_a_lone_surrogate_second_is_no_ascii_character(self) -> None:
        """A title of a NUL, a lone surrogate and a NUL starts with three
        bytes of UTF-8 after its NUL (as the surrogate would be written), not
        with an ASCII character: not the UTF-16 start. dump to a binary file
        refuses it for the surrogate, which UTF-8 cannot hold; the command's
        chunks, written as the command's stream allows, hold it."""
        from bloglist._write import dump_chunks

        post = Post(title="\x00\ud800\x00", excerpt="x")
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.dump([post], io.BytesIO())
        assert "lone surrogate U+D800" in str(caught.value)
        assert "UTF-16" not in str(caught.value)
        assert list(dump_chunks([post])) == ["\n\x00\ud800\x00\n\nx\n"]

    @given(st.text(st.sampled_from("\x00A\u00e9\U0001f600 x"), min_size=1, max_size=5))
    @example("\x00A\x00")
    @example("\x00A\x00\u00e9")
    @example("\x00\u00e9\x00")
    @settings(max_examples=300)
    def test_refused_exactly_when_load_would_refuse_the_bytes(self, title: str) -> None:
        """dump to a binary file writes what load reads back, or refuses
        what load would refuse; and the command's chunks alike."""
        from bloglist._write import dump_chunks

        posts = [Post(title=title.strip() or "t", excerpt="x")]
        try:
            data = bloglist.dumps(posts).encode("utf-8")
        except bloglist.WriteError:
            return  # a title the format cannot carry: not this test's
        try:
            read = list(bloglist.load(io.BytesIO(data)))
        except bloglist.ParseError as exc:
            assert exc.code == "unsupported-encoding"
            read = None
        raw = io.BytesIO()
        if read is None:
            with pytest.raises(bloglist.WriteError, match="as UTF-16"):
                bloglist.dump(posts, raw)
            with pytest.raises(bloglist.WriteError, match="as UTF-16"):
                list(dump_chunks(posts))
        else:
            assert read == posts
            bloglist.dump(posts, raw)
            assert raw.getvalue() == data
            assert "".join(dump_chunks(posts)).encode("utf-8") == data


class TestDumpChunks:
    def test_chunks_join_to_dumps(self) -> None:
        """The chunks of dump_chunks are dumps' text, a post at a time."""
        from bloglist._write import dump_chunks

        posts = list(bloglist.loads(bloglist.sample_text()))
        chunks = list(dump_chunks(iter(posts)))
        assert len(chunks) == len(posts)
        assert "".join(chunks) == bloglist.dumps(posts)
        with pytest.raises(TypeError, match=r"posts\[0\] must be a Post, not str"):
            list(dump_chunks(["x"]))  # type: ignore[list-item]


class TestWhereTheMessageSaysThePostIs:
    """A post a writer cannot write is named by its place among the posts
    given, its title, and the line of the text it was read from."""

    def test_a_parsed_post_is_named_with_its_line(self) -> None:
        text = "".join(
            f"Mar {day}, 2024\n\nPost {day}\n\nE\nData\n" for day in range(1, 9)
        )
        listing = bloglist.loads(text.replace("Data\n", "Da|ta\n", 1))
        bad = [post for post in listing if "|" in "".join(post.tags)]
        assert [post.lineno for post in bad] == [1]
        with pytest.raises(bloglist.WriteError) as raised:
            bloglist.to_csv(listing.sort_by("-date"))
        # Sorted, it is the last of eight; it was read at line 1.
        assert str(raised.value).startswith("posts[7] ('Post 1', line 1): tags")

    def test_a_post_built_by_hand_has_no_line(self) -> None:
        with pytest.raises(bloglist.WriteError) as raised:
            bloglist.dumps([bloglist.Post(title="T\nU", excerpt="x")])
        assert str(raised.value) == "posts[0] ('T\\nU'): title holds a line break"
