"""Name-based UUIDs (version 5, RFC 9562) as ``urn:uuid:`` text.

The archive makes an id for every new post and an Atom feed one for every
entry: :func:`uuid5_urn` gives what ``uuid.uuid5(namespace, name).urn`` gives,
without building the ``UUID`` object (a third of the time). The tests compare
the two. :func:`unique_id` gives the next variant of an id that is taken, for
both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

__all__ = ["unique_id", "uuid5_urn"]


def uuid5_urn(namespace: bytes, name: bytes, /) -> str:
    """``uuid.uuid5(UUID(bytes=namespace), name).urn`` for a *name* given as
    its UTF-8 bytes: the first 16 bytes of the SHA-1 of the namespace and the
    name, with the version and variant bits set as the RFC says.

    >>> import uuid
    >>> uuid5_urn(uuid.NAMESPACE_URL.bytes, b"https://example.com/")
    'urn:uuid:dd2c1780-811a-5296-81c5-178a0ef488bc'
    >>> uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/").urn
    'urn:uuid:dd2c1780-811a-5296-81c5-178a0ef488bc'
    """
    # Imported on first use: hashlib loads OpenSSL (a tenth of the command's
    # start), and most runs of the command write no id.
    import hashlib

    digest = bytearray(hashlib.sha1(namespace + name).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC's variant
    h = digest.hex()
    return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def unique_id(
    base: str, taken: Callable[[str], bool], tried: dict[str, int] | None = None
) -> str:
    """*base*, or else the first of its variants that *taken* says is free.

    Two posts can have the same content-derived id: the same post twice on one
    page, or a new post with the title an archived post had before its edit.
    The later one gets variant 2 (else 3, 4...): the ``urn:uuid:`` of the
    version 5 UUID, in ``uuid.NAMESPACE_URL``, of ``"<base>#<n>"``. So ids
    stay unique, stay UUID URNs, and an archived post's id never changes.

    *tried*, shared by the calls of one merge or feed (whose ids are only
    ever added, each id given among them), remembers each base's next
    variant to try, the one after the id given last, so that k posts of one
    base cost k tries, not k²/2, each a hash of its own.
    """
    n = 1 if tried is None else tried.get(base, 1)
    candidate = base if n == 1 else _variant(base, n)
    while taken(candidate):
        n += 1
        candidate = _variant(base, n)
    if tried is not None:
        tried[base] = n + 1  # the id given is taken from now on
    return candidate


def _variant(base: str, n: int) -> str:
    return uuid5_urn(_NAMESPACE_URL, f"{base}#{n}".encode())


# uuid.NAMESPACE_URL's bytes (RFC 9562, appendix C), written out: importing
# uuid costs more than this module's every use of it.
_NAMESPACE_URL: Final = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
