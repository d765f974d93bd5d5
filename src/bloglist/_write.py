"""Posts -> text: the canonical listing form.

The writer refuses what the parser would read back differently, so that
``loads(dumps(posts)) == posts`` whenever ``dumps`` returns. The checks use the
parser's own rules (:func:`~bloglist._lines.read_header`, the tag splitter),
never a copy of them.
"""

from __future__ import annotations

import errno
import io
import re
from collections.abc import Iterable, Iterator
from typing import Protocol, overload

from ._dates import format_date
from ._errors import (
    checked_known_tags,
    known_tags_given,
    not_a,
    quote,
    quote_all,
    refuse_closed,
    refuse_path,
    takes_bytes,
    type_name,
)
from ._files import SupportsWrite, SupportsWriteBytes
from ._hints import deprecated, named_as_public
from ._lines import (
    STICKY,
    STREAM_CACHE_BYTES,
    STREAM_CACHE_SIZE,
    looks_like_utf16,
    read_header,
)
from ._post import Post, WriteError, checked_posts, lone_surrogate, named
from ._tags import TagSplitter, join_tags

__all__ = [
    "dump",
    "dump_chunks",
    "dumps",
    "write_all",
]


def _check_line(index: int, post: Post, field: str, value: str) -> None:
    """Raise WriteError unless *value*, the *field* of *post* (the *index*-th
    written), reads back as a text line equal to itself."""
    if not value.strip():
        empty = "is only whitespace" if value else "is empty"
        raise _refused(index, post, f"{field} {empty}")
    if "\n" in value or "\r" in value:
        raise _refused(index, post, f"{field} holds a line break")
    if value != value.strip():
        raise _refused(index, post, f"{field} starts or ends with whitespace")
    header = read_header(value)
    if header is not None:
        shape = "the 'sticky' marker" if header.sticky else "a date line"
        raise _refused(index, post, f"{field} {value!r} would read back as {shape}")


def _refused(index: int, post: Post, why: str) -> WriteError:
    """The WriteError for *post*, the *index*-th written, which *why* says."""
    return WriteError(f"{named(index, post)}: {why}", post=post, index=index)


def _check_start(post: Post, text: str) -> None:
    """Refuse *text*, that of *post*, the first written, if as UTF-8 it
    starts as the byte readers take for UTF-16 without a byte order mark
    (docs/format.md): a title that starts with a NUL, an ASCII character
    and a NUL, the post undated and not sticky. Such bytes would be written
    and then not read back."""
    # Four characters are four bytes at least: what the readers look at.
    if looks_like_utf16(text[:4].encode("utf-8", "surrogatepass")):
        raise _refused(
            0,
            post,
            "title starts with a NUL, an ASCII character and a NUL: as UTF-8, the "
            "listing would start as UTF-16 without a byte order mark does, "
            "which bloglist refuses to read as bytes; write it as text",
        )


def _not_bytes(posts: list[Post]) -> bool:
    """Whether the text of *posts* holds a lone surrogate outside U+DC80 to
    U+DCFF, which surrogateescape refuses: it stands for no byte. (Compiled
    on this error's path, not at import.)"""
    search = re.compile("[\ud800-\udc7f\udd00-\udfff]").search
    return any(
        search(text) is not None
        for post in posts
        for text in (post.title, post.excerpt, *post.tags)
    )


def _unencodable(posts: list[Post]) -> WriteError:
    """The error for posts whose text UTF-8 cannot encode: the first lone
    surrogate (from ``surrogateescape`` decoding), with its post and field."""
    found = lone_surrogate(posts)
    assert found is not None  # the encoder found one
    index, field, char = found
    where = "tag line" if field == "tags" else field
    # surrogateescape writes back the byte a reading decoded as U+DC80 to
    # U+DCFF; it refuses any other surrogate, which surrogatepass writes. The
    # handler named must take every surrogate of the posts, not only the first.
    handler = "surrogatepass" if _not_bytes(posts) else "surrogateescape"
    return _refused(
        index,
        posts[index],
        f"{where} holds the lone surrogate U+{ord(char):04X}, which UTF-8 "
        "cannot encode; write to a text file opened with an error handler "
        f"that takes it, such as errors={handler!r}",
    )


def write_all(file: _WritesBytes, data: bytes, name: str = "the file") -> None:
    """Write all of *data* to *file*, which may take only a part of it a call.

    An unbuffered file (a pipe's, after a signal) may take part of a write
    and return how much it took; so may a pipe whose reader goes away in the
    middle of a big write, and writing the rest then raises BrokenPipeError
    instead of losing it in silence. A non-blocking file that takes nothing
    (its write returns None) is a BlockingIOError naming *name*; one whose
    write takes no byte of what is left (returns 0), says it took more than
    it was given, or answers with something other than a count of bytes (a
    float, say, from a file object of the caller's own), is an OSError,
    where looping would never end or a slice would fail deep inside.
    """
    view = memoryview(data)
    while view:
        try:
            written = file.write(view)
        except BlockingIOError as exc:
            # A buffered file says so itself (after taking what it could).
            written = None
            view = view[exc.characters_written :]
        if written is None:
            raise BlockingIOError(
                errno.EAGAIN,
                f"{name} takes no more bytes now (it is non-blocking), with "
                f"{len(view)} of {len(data)} still to write; "
                "bloglist writes blocking files only",
            )
        if (
            not isinstance(written, int)
            or isinstance(written, bool)
            or not 0 < written <= len(view)
        ):
            raise OSError(
                errno.EIO,
                f"{name} took {written!r} of the {len(view)} bytes it was given "
                f"(with {len(data)} to write in all); a write takes at least one, "
                "and no more than it is given",
            )
        view = view[written:]


class _WritesBytes(Protocol):
    def write(self, data: memoryview, /) -> int | None: ...


def _blank_name(
    index: int, post: Post, blank: str, line: str, splitter: TagSplitter
) -> WriteError:
    """The WriteError for the tags of *post*, which hold *blank*, a name of only
    whitespace: the reader strips the tag *line* they are glued into and
    splits it, so no name of it is blank. Says what it would read back as."""
    stripped = line.strip()
    header = read_header(stripped) if stripped else None
    if not stripped:
        back = "no tags"
    elif header is not None:
        back = "the 'sticky' marker" if header.sticky else "a date line"
    else:
        back = quote_all(splitter.split(stripped)[0])
    return _refused(
        index,
        post,
        f"tags hold {quote(blank)}, a name of only whitespace, which no tag line "
        f"can carry: tags {quote_all(post.tags)} would read back as {back}",
    )


def _tags_advice(
    tags: tuple[str, ...], line: str, back: tuple[str, ...], splitter: TagSplitter
) -> str:
    """What to do about *tags*, whose tag *line* reads back as *back*."""
    padded = next((tag for tag in tags if tag != tag.strip()), None)
    if padded is not None:
        # Known names are stripped too: no known_tags= helps.
        return (
            f"{quote(padded)} starts or ends with whitespace, which no name read "
            "from a tag line does"
        )
    known = splitter.known_names()
    # Known names read across the tags' bounds are in the way: the longest
    # name wins where several start, so adding names cannot undo them.
    given, named_before = set(tags), set(known)
    joining = [
        tag for tag in dict.fromkeys(back) if tag not in given and tag in named_before
    ]
    left_out = set(joining)
    keep = [name for name in known if name not in left_out]

    def reads_back(names: list[str]) -> bool:
        return TagSplitter(names).split(line)[0] == tags

    # The tags that the case rule, with the names kept, does not read alone.
    alone = TagSplitter(keep)
    needed = [tag for tag in dict.fromkeys(tags) if alone.split(tag)[0] != (tag,)]
    if not reads_back(keep + needed):
        kept = set(keep)
        needed = [tag for tag in dict.fromkeys(tags) if tag not in kept]
        if not reads_back(keep + needed):
            return "no known tag names can make their tag line read back as these tags"
    # The names to leave out as the caller spelt them (' A' for 'A').
    left, named = _some(list(map(splitter.as_given, joining))), _some(needed)
    where = "(--known-tag in the command)"
    if not needed:
        return f"leave {left} out of known_tags= {where}"
    if joining:
        return f"leave {left} out of known_tags= {where}, and add {named}"
    return (
        f"pass {named} as known_tags= {where}: "
        + ("a name" if len(needed) == 1 else "names")
        + " the case rule cannot split"
    )


def _some(names: list[str], shown: int = 10) -> str:
    """*names* quoted, the first *shown* of them and how many more: a
    message stays short however many tags a post has."""
    some = ", ".join(map(quote, names[:shown]))
    return some if len(names) <= shown else f"{some} and {len(names) - shown} more"


def _post_lines(index: int, post: Post, splitter: TagSplitter) -> list[str]:
    _check_line(index, post, "title", post.title)
    _check_line(index, post, "excerpt", post.excerpt)
    lines = [STICKY] if post.sticky else []
    if post.date is not None:
        lines.append(format_date(post.date))
    lines += ["", post.title, "", post.excerpt]
    if post.tags:
        if "" in post.tags:
            raise _refused(index, post, "tags hold an empty name")
        line = join_tags(post.tags)
        for tag in post.tags:
            if not tag.strip() and "\n" not in tag and "\r" not in tag:
                raise _blank_name(index, post, tag, line, splitter)
        _check_line(index, post, "tag line", line)
        back, _ = splitter.split(line)
        if back != post.tags:
            raise _refused(
                index,
                post,
                f"tags {quote_all(post.tags)} would read back as {quote_all(back)}; "
                + _tags_advice(post.tags, line, back, splitter),
            )
        lines.append(line)
    return lines


# A call with tags= is reported where it is written by a type checker, as
# at run time by its DeprecationWarning (see known_tags_given).
@overload
@named_as_public
def dumps(
    posts: Iterable[Post],
    /,
    *,
    known_tags: Iterable[str] | None = None,
    tags: None = None,
) -> str: ...
@overload
@named_as_public
@deprecated(
    "dumps(tags=...) is deprecated: pass the known tag names as"
    " known_tags=...; tags= will be removed in a future release"
)
def dumps(
    posts: Iterable[Post],
    /,
    *,
    known_tags: Iterable[str] | None = None,
    tags: Iterable[str],
) -> str: ...


def dumps(
    posts: Iterable[Post],
    /,
    *,
    known_tags: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
) -> str:
    """Write posts in the canonical listing form.

    Each post is written as an optional ``sticky`` line, an optional date line
    in the ``Mon D, YYYY`` form, a blank line, the title, a blank line, the
    excerpt and, if it has tags, the tag line; the text ends with a newline.

    Args:
        posts: The posts, such as a :class:`Listing`.
        known_tags: Known tag names the reader will pass to :func:`loads`;
            the tags of each post must split back the same with them.
        tags: The old name of *known_tags*, deprecated: it warns
            (:class:`DeprecationWarning`) and will be removed in a future
            release.

    Raises:
        WriteError: A post holds what the format cannot carry: an empty or
            multi-line title or excerpt, one that would read back as a header
            line, or tags that would not split back the same. The message names
            the post and the field.

    >>> import datetime, bloglist
    >>> post = bloglist.Post(title="Hello", date=datetime.date(2025, 3, 5),
    ...                      excerpt="First words.", tags=["News", "Data"], sticky=True)
    >>> print(bloglist.dumps([post]), end="")
    sticky
    Mar 5, 2025
    <BLANKLINE>
    Hello
    <BLANKLINE>
    First words.
    NewsData
    >>> bloglist.loads(bloglist.dumps([post])) == bloglist.Listing([post])
    True
    >>> bloglist.dumps([bloglist.Post(title="iOS", excerpt="x", tags=["iOS"])])
    Traceback (most recent call last):
      ...
    bloglist.WriteError: posts[0] ('iOS'): tags ('iOS',) would read back as ('i', 'OS'); pass 'iOS' as known_tags= (--known-tag in the command): a name the case rule cannot split
    >>> bloglist.dumps([bloglist.Post(title="iOS", excerpt="x", tags=["iOS"])], known_tags=["iOS"])
    '\\niOS\\n\\nx\\niOS\\n'
    """
    known = known_tags_given(known_tags, tags, "dumps")
    # The names are checked before a post is taken: a stream is read once.
    splitter = TagSplitter(known)
    return "".join(_chunks(checked_posts(posts), splitter))


def dump_chunks(
    posts: Iterable[Post], /, *, known_tags: Iterable[str] | None = None
) -> Iterator[str]:
    """The text of :func:`dumps`, a post at a time, for writing as posts come.

    The text is the command's, which it writes as UTF-8: the first post is
    refused if it would start the bytes as UTF-16 does, as by :func:`dump` to a
    binary file. A post that cannot be written raises :class:`WriteError` when it is
    reached, after the text of the posts before it was yielded. The cache of
    the tag lines checked is bounded as a stream's (:func:`bloglist.iterload`):
    the posts may come without end, and a tag line's split may take many
    times its bytes (what :func:`dumps` holds is bounded by its posts).
    """
    splitter = TagSplitter(
        known_tags, cache_size=STREAM_CACHE_SIZE, cache_bytes=STREAM_CACHE_BYTES
    )
    return _chunks(posts, splitter, encoded=True)


def _chunks(
    posts: Iterable[Post], splitter: TagSplitter, *, encoded: bool = False
) -> Iterator[str]:
    """The text of each post; with *encoded*, text to be written as UTF-8,
    whose first post must not start it as UTF-16 does (:func:`_check_start`)."""
    for index, post in enumerate(posts):
        if not isinstance(post, Post):
            raise not_a("Post", "posts", index, post)
        chunk = "\n".join(_post_lines(index, post, splitter)) + "\n"
        if encoded and not index:
            _check_start(post, chunk)
        yield chunk


# tags=, deprecated: see dumps.
@overload
@named_as_public
def dump(
    posts: Iterable[Post],
    fp: SupportsWrite | SupportsWriteBytes,
    /,
    *,
    known_tags: Iterable[str] | None = None,
    tags: None = None,
) -> None: ...
@overload
@named_as_public
@deprecated(
    "dump(tags=...) is deprecated: pass the known tag names as"
    " known_tags=...; tags= will be removed in a future release"
)
def dump(
    posts: Iterable[Post],
    fp: SupportsWrite | SupportsWriteBytes,
    /,
    *,
    known_tags: Iterable[str] | None = None,
    tags: Iterable[str],
) -> None: ...


def dump(
    posts: Iterable[Post],
    fp: SupportsWrite | SupportsWriteBytes,
    /,
    *,
    known_tags: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
) -> None:
    """Write posts in the canonical listing form to a text or binary file.

    The same as ``fp.write(dumps(posts, known_tags=known_tags))``, encoded as UTF-8 when
    *fp* is a binary file (as :func:`load` prefers): a binary file object,
    an :class:`mmap.mmap`, or one whose ``mode`` holds ``"b"`` (but the text
    writers of :func:`codecs.open`). An object of another kind is given the
    text, and the UTF-8 bytes if it refuses the text with a TypeError.
    Nothing is written when a post cannot be. A lone surrogate (from ``surrogateescape`` decoding),
    which UTF-8 cannot encode, is a :class:`WriteError` naming its post and
    field when *fp* is binary; a text file encodes it with the error handler
    it was opened with. So is, to a binary file, a first post whose title
    starts with a NUL, an ASCII character and a NUL (undated, not sticky): as UTF-8,
    the bytes would start as UTF-16 without a byte order mark does, which
    :func:`load` refuses (docs/format.md).

    >>> import io, bloglist
    >>> out = io.StringIO()
    >>> bloglist.dump([bloglist.Post(title="Hello", excerpt="Words.")], out)
    >>> out.getvalue()
    '\\nHello\\n\\nWords.\\n'
    >>> raw = io.BytesIO()
    >>> bloglist.dump([bloglist.Post(title="Caf\u00e9", excerpt="x")], raw)
    >>> raw.getvalue()
    b'\\nCaf\\xc3\\xa9\\n\\nx\\n'
    """
    known = known_tags_given(known_tags, tags, "dump")
    # Checked, and read once, before a post is taken: a stream is read once.
    known = None if known is None else checked_known_tags(known)
    refuse_path(fp, "dump", 'open(path, "wb")', "dump(posts, fp)")
    refuse_closed(fp, "dump", writing=True)
    if not callable(getattr(fp, "write", None)):
        raise TypeError(
            f"dump() takes a file object with a write() method, not {type_name(fp)}"
        )
    found = checked_posts(posts)  # a list: _unencodable reads it again
    text = dumps(found, known_tags=known)
    binary = takes_bytes(fp)
    if not binary:
        try:
            fp.write(text)  # type: ignore[arg-type]  # checked above
        except TypeError:
            if binary is not None:
                raise
            # An object of the caller's own that refused text before
            # writing any: it takes bytes (SupportsWriteBytes).
        else:
            return
    if found:
        _check_start(found[0], text)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise _unencodable(found) from None
    if isinstance(fp, io.RawIOBase):
        write_all(fp, data)
    else:
        fp.write(data)  # type: ignore[arg-type]  # checked above
