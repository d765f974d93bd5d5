"""Name-based UUIDs (version 5, RFC 9562) as ``urn:uuid:`` text.

The archive makes an id for every new post and an Atom feed one for every
entry: :func:`uuid5_urn` gives what ``uuid.uuid5(namespace, name).urn`` gives,
without building the ``UUID`` object (a third of the time). The tests compare
the two.
"""

from __future__ import annotations

__all__ = ["uuid5_urn"]


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
