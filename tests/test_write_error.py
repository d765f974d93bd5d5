"""WriteError names the post it is about: ``post`` and ``index`` beside the
message, as ParseError carries its line and column, for every writer."""

from __future__ import annotations

import datetime
import io
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bloglist
from bloglist import Post, WriteError
from zones import NoOffset

DAY = datetime.date(2025, 3, 5)


def atom(posts: list[Post], **options: Any) -> str:
    return bloglist.to_atom(posts, title="Blog", feed_id="urn:example:blog", **options)


# The functions a feed's writer calls on each post: wrong for the one titled
# "T" alone, the post that cannot be written.


def id_of(post: Post) -> str:
    return None if post.title == "T" else f"urn:example:{post.title.replace(' ', '-')}"  # type: ignore[return-value]


def link_of(post: Post) -> str:
    return "a b" if post.title == "T" else "https://example.org/"


def updated_of(post: Post) -> datetime.datetime:
    aware = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    return aware.replace(tzinfo=None) if post.title == "T" else aware


# Each: a post no writer of its kind can write, and the writer.
Writer = Callable[[list[Post]], object]
CASES: dict[str, tuple[Post, Writer]] = {
    "dumps, a line break": (
        Post(title="Two\nlines", excerpt="x"),
        bloglist.dumps,
    ),
    "dumps, a title read back as a date": (
        Post(title="Mar 5, 2025", excerpt="x"),
        bloglist.dumps,
    ),
    "dumps, an empty tag": (
        Post(title="T", excerpt="x", tags=("",)),
        bloglist.dumps,
    ),
    "dumps, a blank tag": (
        Post(title="T", excerpt="x", tags=("A", " ")),
        bloglist.dumps,
    ),
    "dumps, tags read back otherwise": (
        Post(title="T", excerpt="x", tags=("DataScience",)),
        bloglist.dumps,
    ),
    "dump to a binary file, a lone surrogate": (
        Post(title="T\udcff", excerpt="x"),
        lambda posts: bloglist.dump(posts, io.BytesIO()),
    ),
    "write_csv, a tag holding the separator": (
        Post(title="T", excerpt="x", tags=("A|B",)),
        lambda posts: bloglist.write_csv(posts, io.StringIO()),
    ),
    "to_csv, a lone empty tag": (
        Post(title="T", excerpt="x", tags=("",)),
        bloglist.to_csv,
    ),
    "to_atom, an entry id of None": (
        Post(title="T", excerpt="x"),
        lambda posts: atom(posts, entry_id=id_of),
    ),
    "to_atom, an entry link that is no IRI": (
        Post(title="T", excerpt="x"),
        lambda posts: atom(posts, entry_link=link_of),
    ),
    "to_atom, a naive entry_updated": (
        Post(title="T", excerpt="x"),
        lambda posts: atom(posts, entry_updated=updated_of),
    ),
    "to_atom, a date in a timezone with no offset": (
        Post(title="T", excerpt="x", date=DAY),
        lambda posts: atom(posts, timezone=NoOffset()),
    ),
}


def writable(i: int) -> Post:
    # Undated: a feed in a timezone that gives no offset stamps no day of it.
    return Post(title=f"Post {i}", excerpt="Fine.")


@pytest.mark.parametrize("case", sorted(CASES))
@given(before=st.integers(0, 3), after=st.integers(0, 3))
def test_the_error_carries_the_post_and_its_index(
    case: str, before: int, after: int
) -> None:
    """Among writable posts, the one that is not is the error's, at its index,
    which the message names as posts[N]."""
    bad, write = CASES[case]
    posts = [writable(i) for i in range(before)] + [bad]
    posts += [writable(i) for i in range(before, before + after)]
    with pytest.raises(WriteError) as caught:
        write(posts)
    assert caught.value.post is bad
    assert caught.value.index == before
    assert f"posts[{before}] (" in str(caught.value)


def test_a_feed_updated_that_cannot_be_written_is_no_post() -> None:
    """The feed's own time is no post's: post and index are None."""
    with pytest.raises(WriteError) as caught:
        atom([writable(0)], updated=DAY, timezone=NoOffset())
    assert (caught.value.post, caught.value.index) == (None, None)
    assert str(caught.value).startswith("updated has no Atom timestamp")


def test_an_archive_feed_names_the_post_without_an_index() -> None:
    """Archive.to_atom orders the entries itself: the post, and no index."""
    undated = Post(title="Undated", excerpt="x")
    seen = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    archive = bloglist.Archive().merge(bloglist.Listing([undated]), seen_at=seen)
    with pytest.raises(WriteError) as caught:
        archive.to_atom(title="Blog", feed_id="urn:example:blog", timezone=NoOffset())
    assert caught.value.post == undated
    assert caught.value.index is None


ARCHIVE_FEED_ERRORS: dict[str, tuple[dict[str, Any], str]] = {
    # An entry_link of the post titled "Old" that is no IRI, or no str.
    "link not an IRI": (
        {"entry_link": lambda post: "a b" if post.title == "Old" else None},
        "the entry_link of the archived post 'Old' 'a b' is not an IRI",
    ),
    "link not a str": (
        {"entry_link": lambda post: 5 if post.title == "Old" else None},
        "the entry_link of the archived post 'Old' must be a str, not int",
    ),
    # Its date's midnight, 0001-01-01, in a zone whose offset has seconds
    # (a local mean time), which RFC 3339 cannot write: in UTC, it falls
    # before the year 1.
    "date with no timestamp": (
        {"timezone": datetime.timezone(datetime.timedelta(hours=5, seconds=28))},
        "the date of the archived post 'Old' has no Atom timestamp",
    ),
}


@pytest.mark.parametrize("case", sorted(ARCHIVE_FEED_ERRORS))
@pytest.mark.parametrize("place", [0, 1, 2])
def test_an_archive_feed_names_the_post_to_atom_refuses(case: str, place: int) -> None:
    """What to_atom refuses in an archive's feed is named by title, never by
    its place among the entries the feed ordered itself (newest first), which
    is not its place in the posts given, nor in the archive's listing."""
    seen = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    old = Post(title="Old", excerpt="x", date=datetime.date(1, 1, 1))
    others = [
        Post(title=f"New {n}", excerpt="x", date=datetime.date(2025, 2, n + 1))
        for n in range(2)
    ]
    listing = bloglist.Listing([*others[:place], old, *others[place:]])
    archive = bloglist.Archive().merge(listing, seen_at=seen)
    options, message = ARCHIVE_FEED_ERRORS[case]
    for posts in (None, list(reversed(archive.listing))):
        with pytest.raises(WriteError) as caught:
            archive.to_atom(posts, title="Blog", feed_id="urn:example:blog", **options)
        assert caught.value.post == old
        assert caught.value.index is None
        assert str(caught.value).startswith(message), str(caught.value)
        assert "posts[" not in str(caught.value)


def test_an_archive_feed_updated_that_cannot_be_written_is_no_post() -> None:
    """The feed's own time, given to Archive.to_atom, is no post's either."""
    seen = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    dated = Post(title="Dated", date=DAY)
    archive = bloglist.Archive().merge(bloglist.Listing([dated]), seen_at=seen)
    with pytest.raises(WriteError) as caught:
        archive.to_atom(
            title="Blog", feed_id="urn:example:blog", updated=DAY, timezone=NoOffset()
        )
    assert (caught.value.post, caught.value.index) == (None, None)
    assert str(caught.value).startswith("updated has no Atom timestamp")


def test_a_pickle_keeps_the_post_and_the_index() -> None:
    """An error sent to another process (multiprocessing, dask) arrives whole."""
    bad = Post(title="Two\nlines", excerpt="x")
    with pytest.raises(WriteError) as caught:
        bloglist.dumps([writable(0), bad])
    back = pickle.loads(pickle.dumps(caught.value))
    assert type(back) is WriteError
    assert (str(back), back.post, back.index) == (str(caught.value), bad, 1)


def test_made_by_hand_it_is_about_no_post() -> None:
    err = WriteError("cannot")
    assert (str(err), err.post, err.index) == ("cannot", None, None)
    assert isinstance(err, ValueError)


def test_made_by_hand_it_keeps_what_it_is_given() -> None:
    """A program's own writer may give the place of what it could not write
    without the post itself."""
    err = WriteError("cannot", index=3)
    assert (err.post, err.index) == (None, 3)


@pytest.mark.parametrize(
    ("message", "options", "error", "said"),
    [
        (None, {}, TypeError, "message must be a str, not NoneType"),
        ("m", {"post": "a post"}, TypeError, "post must be a Post or None, not str"),
        ("m", {"index": -1}, ValueError, "index must be 0 or more, not -1"),
        ("m", {"index": True}, TypeError, "index must be an int, not bool"),
        ("m", {"index": "1"}, TypeError, "index must be an int, not str"),
    ],
)
def test_made_by_hand_its_parts_are_checked(
    message: object, options: dict[str, object], error: type[Exception], said: str
) -> None:
    """As ParseError's parts are: the part that is wrong, named (a review
    found any value taken, where the docs say post is the post and index
    its place from 0)."""
    with pytest.raises(error) as caught:
        WriteError(message, **options)  # type: ignore[arg-type]
    assert str(caught.value) == said
