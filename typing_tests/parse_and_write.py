"""Parsing, the values it gives, and writing back: as a user would type them."""

from __future__ import annotations

import copy
import datetime
import io
from collections.abc import Generator
from typing import IO, AnyStr, assert_type

import attrs

import bloglist
from bloglist import Diagnostic, Listing, ParseError, Post

listing = bloglist.loads(
    "sticky\n\nTitle\n\nExcerpt", strict=False, known_tags=["GenAI"]
)
assert_type(listing, Listing)
assert_type(bloglist.load(io.BytesIO(b"")), Listing)
assert_type(bloglist.load(io.StringIO("")), Listing)
assert_type(bloglist.loads("", pause_gc=False), Listing)
assert_type(bloglist.load(io.BytesIO(b""), pause_gc=True), Listing)
with open("listing.txt", "rb") as binary:
    assert_type(bloglist.load(binary, strict=True), Listing)
with open("listing.txt", encoding="utf-8") as text:
    assert_type(bloglist.load(text, known_tags=("iOS",)), Listing)
with open("listing.txt", "rb") as binary:
    for item in bloglist.iterload(binary, strict=False, known_tags=["GenAI"]):
        assert_type(item, Post | Diagnostic)
        if isinstance(item, Post):
            assert_type(item.title, str)
        else:
            assert_type(item.code, str)
with open("listing.txt", encoding="utf-8") as text:
    assert_type(list(bloglist.iterload(text)), list[Post | Diagnostic])
stream = bloglist.iterload(io.StringIO(""))
assert_type(stream, Generator[Post | Diagnostic, None, None])
stream.close()  # a generator: stopped early


# A reader whose read() gives a bytearray or a memoryview, which load and
# iterload take as bytes (docs: "bytes as bytes, bytearray or memoryview").
class ByteArrayReader:
    def read(self, size: int = -1, /) -> bytearray:
        return bytearray(b"\nTitle\n\nExcerpt\n")


class ViewReader:
    def read(self, size: int = -1, /) -> memoryview:
        return memoryview(b"\nTitle\n\nExcerpt\n")


assert_type(bloglist.load(ByteArrayReader()), Listing)
assert_type(bloglist.load(ViewReader()), Listing)
assert_type(
    bloglist.iterload(ByteArrayReader()), Generator[Post | Diagnostic, None, None]
)

post = listing[0]
assert_type(post, Post)
assert_type(listing[1:], Listing)
assert_type(len(listing), int)
assert_type(list(listing), list[Post])
assert_type(post.title, str)
assert_type(post.date, datetime.date | None)
assert_type(post.excerpt, str)
assert_type(post.tags, tuple[str, ...])
assert_type(post.sticky, bool)
assert_type(post.lineno, int | None)
assert_type(post.truncated, bool)
assert_type(post.summary, str)

diagnostic = listing.diagnostics[0]
assert_type(listing.diagnostics, tuple[Diagnostic, ...])
assert_type(diagnostic.lineno, int)
assert_type(diagnostic.colno, int)
assert_type(diagnostic.code, str)
assert_type(diagnostic.message, str)
severity: str = diagnostic.severity
if diagnostic.severity == "error":
    pass

try:
    bloglist.loads("", strict=True)
except ParseError as err:
    assert_type(err.msg, str)
    assert_type(err.lineno, int)
    assert_type(err.colno, int)
    assert_type(err.code, str)
    caught: ValueError = err

built = Post(
    title="T", date=datetime.date(2025, 1, 2), excerpt="E", tags=["A"], sticky=True
)
assert_type(Listing([built]), Listing)
assert_type(bloglist.dumps([built]), str)
assert_type(bloglist.dumps(listing, known_tags=["GenAI"]), str)
out = io.StringIO()
assert_type(bloglist.dump(listing, out), None)
assert_type(bloglist.sample_text(), str)
assert_type(bloglist.__version__, str)

assert_type(bloglist.to_json(listing), str)
assert_type(bloglist.to_json(listing, indent=None), str)
assert_type(bloglist.to_jsonl([built]), str)
assert_type(bloglist.to_csv(listing, tag_separator=";"), str)
assert_type(
    bloglist.to_atom(listing, title="Blog", feed_id="tag:example.com,2025:blog"), str
)

# The values as values: copies, pickles and changed copies keep their types.
assert_type(attrs.evolve(post, title="New"), Post)
assert_type(copy.copy(listing), Listing)
assert_type(copy.deepcopy(post), Post)
assert_type(hash(post) == hash(listing) == hash(diagnostic), bool)

# Misuse the type checker must catch. With --strict (warn_unused_ignores), an
# ignore that stops being needed is itself an error, so each line below
# proves that mypy still rejects it.
bloglist.loads(b"bytes")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
bloglist.iterload("not a file")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType]
bloglist.loads("text", True)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]

# tags=, the old name of known_tags=, is deprecated: a call with it is
# reported where it is written (with mypy's `deprecated` error code), as it
# warns at run time, with known_tags= too (a wrapper that passes both of its
# own on, each maybe None; given both, the call raises TypeError at run
# time). tags=None, or known_tags= alone, is no deprecated call.
text_file = io.StringIO("")
bloglist.loads("", tags=["GenAI"])  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]
bloglist.load(text_file, tags=["GenAI"])  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]
bloglist.iterload(text_file, tags=["GenAI"])  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]
bloglist.dumps(listing, tags=["GenAI"])  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]
bloglist.dump(listing, text_file, tags=["GenAI"])  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]


def passes_on(known: list[str] | None, old: list[str] | None) -> Listing:
    return bloglist.loads("", known_tags=known, tags=old)  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]


assert_type(bloglist.dumps(listing, known_tags=None, tags=None), str)
assert_type(bloglist.loads("", known_tags=["GenAI"], tags=None), Listing)
assert_type(bloglist.dumps(listing, known_tags=["GenAI"]), str)
Post("positional title")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
post.title = "changed"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
bloglist.lods("typo")  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
bloglist.to_atom(listing, title="Blog")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
_ = post < post  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnknownVariableType]  # posts have no order
sorted(listing.diagnostics)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]
# Only mypy's attrs plugin checks evolve's keywords (pyright takes any:
# docs/api.md); the post's own check refuses the value when it runs.
attrs.evolve(post, title=1)  # type: ignore[arg-type]


# A wrapper of one's own names the file protocols bloglist's signatures use,
# and passes on any object that fits them, a class of one's own included.
def titles_of(
    fp: bloglist.SupportsRead[bytes] | bloglist.SupportsRead[str],
) -> list[str]:
    return [post.title for post in bloglist.load(fp)]


def streamed(fp: bloglist.SupportsReadSize[bytes]) -> int:
    return sum(isinstance(item, Post) for item in bloglist.iterload(fp))


def saved(
    posts: list[Post], out: bloglist.SupportsWrite | bloglist.SupportsWriteBytes
) -> None:
    bloglist.dump(posts, out)


def exported(posts: list[Post], out: bloglist.SupportsWrite) -> None:
    bloglist.write_jsonl(posts, out)


class _OwnReader:
    def read(self) -> bytes:
        return b"\nT\n\nE\n"


assert_type(titles_of(_OwnReader()), list[str])


# A wrapper generic in the file's kind, text or binary, or typed for either:
# load and iterload take a reader of str or of bytes (the runtime refuses one
# that returns both).
def titles_of_any(fp: IO[AnyStr]) -> list[str]:
    return [post.title for post in bloglist.load(fp)]


def streamed_any(fp: IO[AnyStr]) -> int:
    return sum(isinstance(item, Post) for item in bloglist.iterload(fp))


def titles_of_either(fp: bloglist.SupportsRead[str | bytes]) -> list[str]:
    return [post.title for post in bloglist.load(fp)]


# The protocols are covariant in what read() returns: a reader typed for text
# passes where one of text or bytes is expected.
def passed_on(
    fp: bloglist.SupportsRead[str], sized: bloglist.SupportsReadSize[bytes]
) -> list[str]:
    either: bloglist.SupportsReadSize[str | bytes] = sized
    assert either is sized
    return titles_of_either(fp)


assert_type(titles_of_any(io.BytesIO(b"")), list[str])
assert_type(streamed_any(io.StringIO("")), int)
assert_type(titles_of_either(io.StringIO("")), list[str])
assert_type(titles_of(io.StringIO("")), list[str])
assert_type(streamed(io.BytesIO(b"")), int)
saved([], io.BytesIO())
exported([], io.StringIO())
exported([], io.BytesIO())  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # JSON Lines is text
