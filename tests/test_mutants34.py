"""Behaviour a mutation run of the JSON reader, the writer, the line reader
and the query indexes found untested (83 mutants of ``_read_json.py``,
``_write.py``, ``_lines.py`` and ``_index.py``: 77 killed, 3 equivalent, 3
surviving every test): the hint to ``from_jsonl()`` for JSON Lines whose first
object comes after spaces, a title sort of a title holding a lone surrogate
outside the range ``surrogateescape`` accepts, and the caseless matching of
text whose combining marks Unicode reorders before case-folding.

The mutants gave the hint only to text starting with ``{`` itself, raised
UnicodeEncodeError sorting a title holding U+D800, and folded the title
alpha + iota subscript + diaeresis as if composed first, so that it matched
alpha + iota with diaeresis, where Unicode's caseless matching,
NFD(casefold(NFD(text))), puts the diaeresis on the alpha.

A run over the archive and the query API (77 mutants of ``_archive.py`` and
``_query.py``: 73 killed, 2 equivalent, 2 surviving) found two messages no
test read whole: ``sort_by``'s refusal of an ``undated`` it does not know,
which quotes the value as every other message of the module does, and an
archived post's ``gone_since`` before its ``last_seen``, which names the
``last_seen`` time (the mutant gave ``first_seen``'s under that name).

A run over ``_post.py``, ``_listing.py``, ``_errors.py`` and ``_files.py`` (63
mutants: 59 killed, the covariance of the file protocols' type variable among
them, by the typing tests; 2 equivalent; 1 surviving) found that no test
asked ``Listing.__eq__`` about another type, which it leaves to that object
(``NotImplemented``), so that ``unittest.mock.ANY`` and a program's own
``__eq__`` decide; the mutant said False.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest

import bloglist
from bloglist import Listing, Post, Where


@pytest.mark.parametrize("space", ["", " ", "  ", "\n\t "])
def test_json_lines_after_spaces_get_the_from_jsonl_hint(space: str) -> None:
    with pytest.raises(bloglist.ParseError) as caught:
        bloglist.from_json(f'{space}{{"title": "One"}} x')
    line = space.count("\n") + 1
    column = len(space.rpartition("\n")[2]) + 1
    assert str(caught.value) == (
        "expected '[', the start of an array of posts; JSON Lines, a post's "
        "object a line, is read by from_jsonl() "
        f"(at line {line}, column {column})"
    )


@pytest.mark.parametrize("code", [0xD800, 0xDBFF, 0xDC00, 0xDFFF])
def test_a_title_with_a_lone_surrogate_sorts_after_its_prefix(code: int) -> None:
    surrogate = chr(code)
    posts = [Post(title=f"b{surrogate}", excerpt="x"), Post(title="a", excerpt="x")]
    posts.append(Post(title="b", excerpt="x"))
    titles = [post.title for post in Listing(posts).sort_by("title")]
    assert titles == ["a", "b", f"b{surrogate}"]


def test_search_folds_combining_marks_in_their_canonical_order() -> None:
    # alpha, iota subscript (combining class 240), diaeresis (230): NFD puts
    # the diaeresis first, on the alpha, and case-folding makes the
    # subscript an iota.
    listing = Listing(
        [
            Post(title="\u03b1\u0345\u0308", excerpt="x"),
            Post(title="\u03b1\u0308\u0345"),
        ]
    )
    assert len(listing.filter(Where.search("\u03b1\u0308\u03b9"))) == 2
    assert len(listing.filter(Where.search("\u03b1\u03ca"))) == 0  # iota with diaeresis


def test_an_unknown_undated_is_quoted() -> None:
    with pytest.raises(ValueError, match="undated") as caught:
        Listing([Post(title="a")]).sort_by("date", undated="middle")  # type: ignore[arg-type]
    assert str(caught.value) == "undated must be 'first' or 'last', not 'middle'"


def test_gone_since_before_last_seen_names_the_last_seen_time() -> None:
    day1, day2, day3 = (
        datetime.datetime(2025, 3, day, tzinfo=datetime.UTC) for day in (1, 2, 3)
    )
    version = bloglist.Version(post=Post(title="Hi"), seen_at=day1)
    with pytest.raises(ValueError, match="gone_since") as caught:
        bloglist.ArchivedPost(
            id="urn:x",
            first_seen=day1,
            last_seen=day3,
            gone_since=day2,
            versions=[version],
        )
    assert str(caught.value) == (
        "gone_since 2025-03-02T00:00:00+00:00 is before last_seen "
        "2025-03-03T00:00:00+00:00"
    )


def test_a_listing_leaves_equality_with_another_type_to_it() -> None:
    class Anything:
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    listing = Listing([Post(title="a")])
    assert listing == mock.ANY
    assert listing == Anything()
    assert listing.__eq__([Post(title="a")]) is NotImplemented
    assert listing != [Post(title="a")]
