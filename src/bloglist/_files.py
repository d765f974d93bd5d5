"""The file objects bloglist reads and writes, as protocols: what a caller's
own wrapper of ``load``, ``iterload``, ``dump`` or the streaming writers can
take and pass on, typed as bloglist types them. Any object with the method
fits (a file, ``io.StringIO``, a socket's file, a class of one's own); none
needs to inherit from them.
"""

from __future__ import annotations

from typing import Final, Protocol, TypeVar

__all__ = ["SupportsRead", "SupportsReadSize", "SupportsWrite", "SupportsWriteBytes"]

_T_co = TypeVar("_T_co", covariant=True)

#: The first bytes of every SQLite 3 file: how the command tells an archive
#: given where a listing goes, and the archive file reads its header by.
SQLITE_HEADER: Final = b"SQLite format 3\x00"


class SupportsRead(Protocol[_T_co]):
    """Anything with a ``read()`` that returns the whole content: what
    :func:`bloglist.load` takes, ``SupportsRead[str]`` (a text file) or
    ``SupportsRead[bytes]`` (a binary one).

    >>> import io, bloglist
    >>> def titles(fp: bloglist.SupportsRead[bytes]) -> list[str]:
    ...     return [post.title for post in bloglist.load(fp)]
    >>> titles(io.BytesIO(b"\\nHello\\n\\nWords.\\n"))
    ['Hello']
    """

    def read(self, /) -> _T_co:
        """The whole content, ``str`` or ``bytes``.

        >>> import io
        >>> io.BytesIO(b"all of it").read()
        b'all of it'
        """


class SupportsReadSize(Protocol[_T_co]):
    """Anything with a ``read(size)`` that returns at most *size* characters
    or bytes, and nothing at the end: what :func:`bloglist.iterload` takes.

    >>> import io, bloglist
    >>> def count(fp: bloglist.SupportsReadSize[str]) -> int:
    ...     return sum(isinstance(item, bloglist.Post) for item in bloglist.iterload(fp))
    >>> count(io.StringIO("\\nOne\\n\\nA.\\n\\nTwo\\n\\nB.\\n"))
    2
    """

    def read(self, size: int, /) -> _T_co:
        """At most *size* characters or bytes; nothing at the end.

        >>> import io
        >>> fp = io.StringIO("abc")
        >>> fp.read(2), fp.read(2), fp.read(2)
        ('ab', 'c', '')
        """


class SupportsWrite(Protocol):
    """Anything with a ``write(str)``, such as a file opened for text: what
    :func:`bloglist.dump` and the streaming writers
    (:func:`bloglist.write_jsonl` and the others) write to.

    >>> import io, bloglist
    >>> def save(posts: list[bloglist.Post], out: bloglist.SupportsWrite) -> None:
    ...     bloglist.write_jsonl(posts, out)
    >>> out = io.StringIO()
    >>> save([bloglist.Post(title="Hello")], out)
    >>> out.getvalue()[:17]
    '{"title":"Hello",'
    """

    def write(self, text: str, /) -> object:
        """Take *text* (what it returns is not looked at).

        >>> import io
        >>> io.StringIO().write("text")
        4
        """


class SupportsWriteBytes(Protocol):
    """Anything with a ``write(bytes)``, such as a file opened in binary
    mode: what :func:`bloglist.dump` also writes to, in UTF-8.

    >>> import io, bloglist
    >>> def save(posts: list[bloglist.Post], out: bloglist.SupportsWriteBytes) -> None:
    ...     bloglist.dump(posts, out)
    >>> out = io.BytesIO()
    >>> save([bloglist.Post(title="Caf\\u00e9", excerpt="x")], out)
    >>> out.getvalue()
    b'\\nCaf\\xc3\\xa9\\n\\nx\\n'
    """

    def write(self, data: bytes, /) -> object:
        """Take *data* (what it returns is not looked at, but by an
        unbuffered ``io.RawIOBase``: see :func:`bloglist.dump`).

        >>> import io
        >>> io.BytesIO().write(b"data")
        4
        """


for _protocol in (SupportsRead, SupportsReadSize, SupportsWrite, SupportsWriteBytes):
    _protocol.__module__ = "bloglist"  # the name users import
del _protocol
