"""Posts -> text: the canonical listing form.

The writer refuses what the parser would read back differently, so that
``loads(dumps(posts)) == posts`` whenever ``dumps`` returns. The checks use the
parser's own rules (:func:`~bloglist._lines.header_kind`, the tag splitter),
never a copy of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ._dates import format_date
from ._lines import STICKY, header_kind
from ._post import Post, checked_posts
from ._tags import TagSplitter, join_tags

__all__ = ["SupportsWrite", "dump", "dumps"]


class SupportsWrite(Protocol):
    """Anything with a ``write(str)``, such as a file opened for text."""

    def write(self, text: str, /) -> object: ...


def _check_line(where: str, field: str, value: str) -> None:
    """Raise ValueError unless *value* reads back as a text line equal to itself."""
    if not value.strip():
        raise ValueError(f"{where}: {field} is empty")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{where}: {field} holds a line break")
    if value != value.strip():
        raise ValueError(f"{where}: {field} starts or ends with whitespace")
    kind = header_kind(value)
    if kind is not None:
        shape = "the 'sticky' marker" if value == STICKY else "a date line"
        raise ValueError(f"{where}: {field} {value!r} would read back as {shape}")


def _post_lines(index: int, post: Post, splitter: TagSplitter) -> list[str]:
    where = f"posts[{index}] ({post.title!r})"
    _check_line(where, "title", post.title)
    _check_line(where, "excerpt", post.excerpt)
    lines = [STICKY] if post.sticky else []
    if post.date is not None:
        lines.append(format_date(post.date))
    lines += ["", post.title, "", post.excerpt]
    if post.tags:
        for tag in post.tags:
            if not tag.strip():
                raise ValueError(f"{where}: tags hold an empty name")
        line = join_tags(post.tags)
        _check_line(where, "tag line", line)
        back, _ = splitter.split(line)
        if back != post.tags:
            raise ValueError(
                f"{where}: tags {post.tags!r} would read back as {back!r}; "
                "pass the names the case rule cannot split as tags="
            )
        lines.append(line)
    return lines


def dumps(posts: Iterable[Post], /, *, tags: Iterable[str] | None = None) -> str:
    """Write posts in the canonical listing form.

    Each post is written as an optional ``sticky`` line, an optional date line
    in the ``Mon D, YYYY`` form, a blank line, the title, a blank line, the
    excerpt and, if it has tags, the tag line; the text ends with a newline.

    Args:
        posts: The posts, such as a :class:`Listing`.
        tags: Known tag names the reader will pass to :func:`loads`; the tags
            of each post must split back the same with them.

    Raises:
        ValueError: A post holds what the format cannot carry: an empty or
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
    ValueError: posts[0] ('iOS'): tags ('iOS',) would read back as ('i', 'OS'); pass the names the case rule cannot split as tags=
    """
    splitter = TagSplitter(tags)
    lines: list[str] = []
    for index, post in enumerate(checked_posts(posts)):
        lines += _post_lines(index, post, splitter)
    return "\n".join(lines) + "\n" if lines else ""


def dump(
    posts: Iterable[Post], fp: SupportsWrite, /, *, tags: Iterable[str] | None = None
) -> None:
    """Write posts in the canonical listing form to a text file.

    The same as ``fp.write(dumps(posts, tags=tags))``; nothing is written when
    a post cannot be.

    >>> import io, bloglist
    >>> out = io.StringIO()
    >>> bloglist.dump([bloglist.Post(title="Hello", excerpt="Words.")], out)
    >>> out.getvalue()
    '\\nHello\\n\\nWords.\\n'
    """
    fp.write(dumps(posts, tags=tags))
