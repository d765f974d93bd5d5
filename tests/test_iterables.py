"""What every argument that takes items reads: any object a ``for`` loop
reads (an iterable, or a sequence of the old protocol, ``__getitem__``
alone), and never a text, whose characters are no items."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import pytest

import bloglist
from bloglist import Diff, Listing, Post

_T = TypeVar("_T")

T = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)

POSTS = [
    Post(title="Two", date=datetime.date(2025, 3, 2), excerpt="B.", tags=("A",)),
    Post(title="One", date=datetime.date(2025, 3, 1), excerpt="A."),
]


class OldSequence(Generic[_T]):
    """Items by index, no ``__iter__``: ``iter()`` reads it until IndexError."""

    def __init__(self, items: list[_T]) -> None:
        self._items = items

    def __getitem__(self, index: int) -> _T:
        return self._items[index]


# Each call, given a list or the same items as an old-protocol sequence.
CALLS: dict[str, Callable[[Callable[[list[Any]], Any]], object]] = {
    "Listing": lambda wrap: list(Listing(wrap(POSTS))),
    "dumps": lambda wrap: bloglist.dumps(wrap(POSTS)),
    "to_jsonl": lambda wrap: bloglist.to_jsonl(wrap(POSTS)),
    "to_csv": lambda wrap: bloglist.to_csv(wrap(POSTS)),
    "diff, old": lambda wrap: bloglist.diff(wrap(POSTS), POSTS[:1]),
    "diff, new": lambda wrap: bloglist.diff(POSTS[:1], wrap(POSTS)),
    "stitch, pages": lambda wrap: list(bloglist.stitch(wrap([POSTS[:1], POSTS]))),
    "stitch, a page": lambda wrap: list(bloglist.stitch([wrap(POSTS)])),
    "from_jsonl": lambda wrap: bloglist.from_jsonl(
        wrap(bloglist.to_jsonl(POSTS).splitlines())
    ),
    "Diff": lambda wrap: Diff(added=wrap(POSTS), removed=wrap(POSTS[:1])),
}


@pytest.mark.parametrize("name", CALLS)
def test_an_old_protocol_sequence_reads_as_a_list(name: str) -> None:
    """A review found diff() and stitch() refusing a sequence that ``iter()``
    takes (``__getitem__`` alone) as "not an iterable", though the docs say
    any iterable of posts will do."""
    call = CALLS[name]
    assert call(OldSequence) == call(list)


@pytest.mark.parametrize(
    "text", ["", "ab", b"", b"ab", bytearray(b"ab"), memoryview(b"ab")]
)
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda text: Diff(added=text), "added must be an iterable of Post objects"),
        (
            lambda text: Diff(removed=text),
            "removed must be an iterable of Post objects",
        ),
        (
            lambda text: Diff(changed=text),
            "changed must be an iterable of Change objects",
        ),
        (lambda text: bloglist.stitch(text), "pages must be an iterable of pages"),
        (lambda text: bloglist.stitch([text]), "pages[0] is "),
    ],
)
def test_text_is_refused_where_items_are_wanted(
    text: object, call: Callable[[object], object], message: str
) -> None:
    """Text is refused, empty or not, with the name of its type: a review
    found ``Diff(added="")`` taken as no post, ``Diff(added="ab")`` refused
    at its first character, and ``stitch(memoryview(...))`` refused at its
    first number."""
    with pytest.raises(TypeError) as caught:
        call(text)
    assert str(caught.value).startswith(message), caught.value
    assert type(text).__name__ in str(caught.value)


@pytest.mark.parametrize(
    "data", [b'{"title": "T"}\n', bytearray(b"x"), memoryview(b"x")]
)
def test_from_jsonl_names_the_binary_type_it_refuses(data: object) -> None:
    with pytest.raises(TypeError, match=f"not {type(data).__name__}; decode it first"):
        bloglist.from_jsonl(data)  # type: ignore[arg-type]


def test_iter_none_still_marks_a_type_that_cannot_be_iterated() -> None:
    """``__iter__ = None`` says a type is not iterable, whatever its
    ``__getitem__``: refused as a for loop refuses it."""

    class NotIterable:
        __iter__ = None

        def __getitem__(self, index: int) -> Post:
            return POSTS[index]

    with pytest.raises(TypeError, match="old must be an iterable of posts"):
        bloglist.diff(NotIterable(), [])  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", b""])
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda text: bloglist.Archive(entries=text), "entries must be an iterable"),
        (lambda text: bloglist.Archive(scrapes=text), "scrapes must be an iterable"),
        (
            lambda text: bloglist.ArchivedPost(
                id="urn:a", first_seen=T, last_seen=T, versions=text, place=0
            ),
            "versions must be an iterable",
        ),
    ],
)
def test_an_archive_refuses_text_for_its_items(
    text: object, make: Callable[[object], object], message: str
) -> None:
    """An archive's entries, scrapes and versions are items too: an empty
    text is refused, not taken as none (``Archive(entries="")`` made an
    empty archive)."""
    with pytest.raises(TypeError, match=message):
        make(text)


def test_an_archive_reads_old_protocol_sequences() -> None:
    archive = bloglist.Archive().merge(POSTS, seen_at=T)
    # Type checkers know no old protocol; iter() and a for loop do.
    entries: Any = OldSequence(list(archive.entries))
    scrapes: Any = OldSequence(list(archive.scrapes))
    again = bloglist.Archive(entries=entries, scrapes=scrapes)
    assert again == archive
