"""Tests written by a hand-made mutation test of the exports (JSON, JSON
Lines, CSV and Atom, with their streaming writers), the JSON readers and the
listing writer (``dumps``/``dump``): each kills mutants that no other test
told apart from the real code, by what a user relies on, with the csv and
json modules, ElementTree or the readers as the oracle.
"""

from __future__ import annotations

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest

import bloglist
from bloglist import Post
from zones import NoOffset

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_ID = "tag:example.com,2025:blog"


def rows(text: str, *, delimiter: str = ",") -> list[dict[str, str]]:
    """The data rows of CSV text, read by the csv module, as dicts by column."""
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def atom(posts: Any, **options: Any) -> str:
    """The Atom feed of *posts*, with a title and feed id of the test's."""
    options.setdefault("title", "Blog")
    options.setdefault("feed_id", FEED_ID)
    return bloglist.to_atom(posts, **options)


def categories(feed: str) -> list[list[str]]:
    """The category terms of each entry of *feed*, parsed by ElementTree."""
    root = ET.fromstring(feed.encode("utf-8"))
    return [
        [category.get("term", "") for category in entry.iter(f"{ATOM}category")]
        for entry in root.iter(f"{ATOM}entry")
    ]


def many(count: int) -> list[Post]:
    """*count* ordinary posts: more than a writer's batch when over 512."""
    return [Post(title=f"Post {i}", excerpt=f"Words {i}.") for i in range(count)]


class TestCsvFormulaGuard:
    @pytest.mark.parametrize("cell", [" \x7f=1", "\u3000\x7f+1", " \x7f@SUM(A1)"])
    def test_a_sign_after_whitespace_and_a_delete_is_guarded(self, cell: str) -> None:
        """A sign after whitespace then DEL, a control character some
        spreadsheets drop, is guarded: docs/export.md guards a sign "after
        any whitespace and control characters", U+007F among them."""
        row = rows(bloglist.to_csv([Post(title=cell, excerpt=cell)]))[0]
        assert row["title"] == "'" + cell
        assert row["excerpt"] == "'" + cell
        assert row["summary"] == "'" + cell

    @pytest.mark.parametrize("excerpt", ["\t[\u2026]", "\x1f [...]", "\r\u2026"])
    def test_an_empty_summary_of_a_guarded_excerpt_is_not_guarded(
        self, excerpt: str
    ) -> None:
        """A truncated excerpt of a control character and its cut mark is
        guarded, but its summary is empty, and an empty cell is no formula:
        it reads back as the post's summary, with no quote to undo."""
        posts = [Post(title="Before", excerpt="Words [\u2026]")]
        posts.append(Post(title="Odd", excerpt=excerpt))
        found = rows(bloglist.to_csv(posts))
        assert found[1]["excerpt"] == "'" + excerpt
        assert found[1]["summary"] == "" == posts[1].summary
        assert found[0]["summary"] == "Words"


class TestCsvTagCells:
    def test_the_same_tags_in_another_order_keep_their_order(self) -> None:
        """Posts whose tags are the same names in another order are written
        each in its own order (the writer remembers each tag list's cell)."""
        posts = [
            Post(title="One", tags=["Beta", "Alpha"]),
            Post(title="Two", tags=["Alpha", "Beta"]),
            Post(title="Three", tags=["Beta", "Alpha"]),
        ]
        found = rows(bloglist.to_csv(posts))
        assert [row["tags"] for row in found] == [
            "Beta|Alpha",
            "Alpha|Beta",
            "Beta|Alpha",
        ]

    def test_a_separator_with_u_fffd_that_a_tag_holds_is_named_as_such(self) -> None:
        """A tag that holds the separator, which holds U+FFFD, is told to
        choose another separator; the advice about lone surrogates is for
        tags that hold one."""
        post = Post(title="T", tags=["a\ufffdb"])
        with pytest.raises(bloglist.WriteError) as caught:
            bloglist.to_csv([post], tag_separator="\ufffd")
        message = str(caught.value)
        assert "choose a tag separator that no tag holds" in message
        assert "surrogate" not in message


class TestCsvDelimiters:
    def test_u_fffd_is_a_delimiter_like_any_other(self) -> None:
        """U+FFFD, a character like any other, can be the delimiter: the
        csv module splits the text back into the cells."""
        posts = [Post(title="A, b", excerpt="c; d", tags=["X", "Y"])]
        text = bloglist.to_csv(posts, delimiter="\ufffd")
        found = rows(text, delimiter="\ufffd")
        assert [(row["title"], row["excerpt"], row["tags"]) for row in found] == [
            ("A, b", "c; d", "X|Y")
        ]

    @pytest.mark.parametrize(
        "delimiter",
        [chr(code) for code in range(0x3000) if len(f"a{chr(code)}b".splitlines()) > 1],
    )
    def test_every_line_break_of_splitlines_is_refused(self, delimiter: str) -> None:
        """Each character that str.splitlines() breaks a line at (the oracle)
        is refused as the delimiter: a reader that splits the text into lines
        first would cut every row at it."""
        with pytest.raises(ValueError, match="cannot be read back"):
            bloglist.to_csv([Post(title="T")], delimiter=delimiter)


class TestAtomChecks:
    @pytest.mark.parametrize(
        ("link", "good"),
        [("https://example.com/%4g", "https://example.com/%4A"), ("/a%A", "/a%Ab")],
    )
    def test_a_percent_needs_two_hex_digits(self, link: str, good: str) -> None:
        """A link whose percent sign is not followed by two hex digits is no
        IRI: refused as the feed's link, as an entry's a WriteError."""
        with pytest.raises(ValueError, match="is not an IRI"):
            atom([], link=link)
        with pytest.raises(bloglist.WriteError, match="is not an IRI"):
            atom([Post(title="T")], entry_link=lambda post: link)
        assert f'href="{good}"' in atom([], link=good)

    @pytest.mark.parametrize("link", ["https://example.com/\x85", "/a\x9fb", "\x80"])
    def test_a_c1_control_is_no_iri(self, link: str) -> None:
        """A C1 control in a link or the feed id is refused, not written as
        U+FFFD (a link the caller did not give)."""
        with pytest.raises(ValueError, match="is not an IRI"):
            atom([], link=link)
        with pytest.raises(ValueError, match="is not an absolute IRI"):
            atom([], feed_id=f"urn:x:{link}")

    def test_a_one_letter_scheme_is_a_drive_not_an_absolute_iri(self) -> None:
        """``c:/feed`` is a Windows path, not a feed id; a scheme of two
        letters is one."""
        with pytest.raises(ValueError, match="is not an absolute IRI"):
            atom([], feed_id="c:/feed")
        assert "<id>ab:feed</id>" in atom([], feed_id="ab:feed")

    @pytest.mark.parametrize("lang", ["zh-abc-def-ghi", "zh-yue-HK", "sgn-ase"])
    def test_up_to_three_extended_language_subtags(self, lang: str) -> None:
        """BCP 47 allows up to three extlang subtags after a language."""
        assert f'xml:lang="{lang}"' in atom([], lang=lang)

    @pytest.mark.parametrize(
        "lang", ["zh-abc-def-ghi-jkl", "en-US-ab1c", "de-abc1", "en-abcd-abcd"]
    )
    def test_tags_that_only_look_well_formed(self, lang: str) -> None:
        """Four extlangs, or a variant of four characters that does not
        start with a digit, is not a BCP 47 tag."""
        with pytest.raises(ValueError, match="is not a BCP 47 language tag"):
            atom([], lang=lang)


class TestAtomCategories:
    def test_the_same_tags_in_another_order_keep_their_order(self) -> None:
        """Each entry's categories are its post's tags, in its order, also
        after a post with the same tags in another order."""
        posts = [
            Post(title="One", tags=["Alpha", "Beta"]),
            Post(title="Two", tags=["Beta", "Alpha"]),
            Post(title="Three", tags=["Alpha", "Beta"]),
        ]
        assert categories(atom(posts)) == [list(post.tags) for post in posts]


class TestAtomUpdated:
    def test_the_feed_is_updated_at_its_newest_post_wherever_it_is(self) -> None:
        """By default the feed's updated is the newest post date, not the
        first post's: a pinned old post comes first in a listing."""
        posts = [
            Post(title="Pinned", date=datetime.date(2020, 5, 1), sticky=True),
            Post(title="Undated"),
            Post(title="Newest", date=datetime.date(2025, 3, 5)),
            Post(title="Older", date=datetime.date(2024, 1, 2)),
        ]
        root = ET.fromstring(atom(posts).encode("utf-8"))
        assert root.findtext(f"{ATOM}updated") == "2025-03-05T00:00:00Z"

    def test_an_entry_updated_whose_timezone_gives_no_offset_is_naive(self) -> None:
        """A datetime whose tzinfo gives no offset is naive, as Python says:
        the WriteError names the entry and says so."""
        moment = datetime.datetime(2025, 3, 5, 8, tzinfo=NoOffset())
        with pytest.raises(
            bloglist.WriteError,
            match=r"the entry_updated of posts\[0\] \('T'\) is a naive datetime",
        ):
            atom([Post(title="T")], entry_updated=lambda post: moment)


class TestAtomEntryIds:
    def test_an_entry_id_with_an_ampersand_is_escaped(self) -> None:
        """An IRI may hold ``&``: an entry id of the caller's that holds one
        is escaped, and reads back as given from the parsed feed."""
        given = {"One": "https://example.com/?p=1&lang=en", "Two": "urn:x:a&amp;b"}
        feed = atom(
            [Post(title="One"), Post(title="Two")],
            entry_id=lambda post: given[post.title],
        )
        root = ET.fromstring(feed.encode("utf-8"))
        ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
        assert ids == [given["One"], given["Two"]]


class TestStreamingErrors:
    @pytest.mark.parametrize("write", [bloglist.write_json, bloglist.write_jsonl])
    def test_a_non_post_past_the_first_batch_is_named_at_its_index(
        self, write: Any
    ) -> None:
        """A non-Post after more than a batch of posts is named by its own
        index in what was given, after the posts before it are written."""
        posts = many(600)
        out = io.StringIO()
        with pytest.raises(TypeError, match=r"^posts\[600\] must be a Post, not int"):
            write(iter([*posts, 3]), out)
        if write is bloglist.write_jsonl:
            assert bloglist.from_jsonl(out.getvalue()) == bloglist.Listing(posts)
        else:
            assert bloglist.from_json(out.getvalue() + "\n]") == bloglist.Listing(posts)


def parse_error(read: Any, text: Any) -> tuple[str, int, int, str]:
    """What *read* raises for *text*: its message, line, column and code."""
    with pytest.raises(bloglist.ParseError) as caught:
        read(text)
    error = caught.value
    return str(error), error.lineno, error.colno, error.code


# The seven keys of a record of the schema, with the values of Post(title="T").
RECORD = (
    '"title": "T", "date": null, "excerpt": "", "summary": "",'
    ' "truncated": false, "tags": [], "sticky": false'
)


class TestJsonReaders:
    @pytest.mark.parametrize(
        "line",
        ['{"title": ', '{"title": "abc', "[", '{"title": "x",', '{"title": "\\'],
    )
    def test_a_broken_line_ends_the_same_with_a_carriage_return(
        self, line: str
    ) -> None:
        """A line cut short is the same error (message, line and column)
        whether it ends with \\n or \\r\\n, in text and in binary lines."""
        expected = parse_error(bloglist.from_jsonl, f"{line}\n{{}}\n")
        assert expected[1] == 1 and expected[3] == "invalid-json"
        assert parse_error(bloglist.from_jsonl, f"{line}\r\n{{}}\r\n") == expected
        data = f"{line}\r\n{{}}\r\n".encode()
        assert parse_error(bloglist.from_jsonl, io.BytesIO(data)) == expected

    @pytest.mark.parametrize("read", [bloglist.from_json, bloglist.from_jsonl])
    def test_each_extra_key_is_named_in_the_order_of_the_record(
        self, read: Any
    ) -> None:
        """Of several keys outside the schema, each is named once, in a
        warning, in the order the record gives them."""
        record = f'{{"zeta": 1, {RECORD}, "beta": 2, "alpha": 3}}'
        text = f"[{record}]" if read is bloglist.from_json else record
        keys = [d.message.split("'")[1] for d in read(text).diagnostics]
        assert keys == ["zeta", "beta", "alpha"]
