"""Text -> lines: where lines break, and what kind of line each one is.

Line kinds are decided by content for header lines (``sticky`` and dates) and
by position for everything else. :func:`header_kind` owns that rule; the
parser reads with it and the writer checks with it.
"""

from __future__ import annotations

from typing import Final

from ._dates import is_date_shaped
from ._errors import ParseError

__all__ = ["BOM", "STICKY", "column", "decode", "header_kind", "split_lines"]

BOM: Final = "\ufeff"
STICKY: Final = "sticky"


def split_lines(text: str) -> list[str]:
    """Split *text* at ``\\n``, ``\\r\\n`` and ``\\r``, and nowhere else.

    Unlike :meth:`str.splitlines`, U+2028, U+0085, form feeds and the like are
    text inside a line. A leading byte order mark is dropped.
    """
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def column(line: str) -> int:
    """The 1-based column of the first non-whitespace character of *line*."""
    return len(line) - len(line.lstrip()) + 1


def header_kind(stripped: str) -> str | None:
    """``"sticky"`` or ``"date"`` for a header line, else ``None``."""
    if stripped == STICKY:
        return "sticky"
    if is_date_shaped(stripped):
        return "date"
    return None


def decode(data: bytes) -> str:
    """Decode *data*: UTF-16 after its byte order mark, else UTF-8.

    Bytes that cannot be decoded raise ParseError at the line and column of
    the first bad character, and so do bytes that start with a UTF-32 byte
    order mark. The byte order mark stays in the text, as U+FEFF, for
    :func:`split_lines` to drop.
    """
    if data.startswith(_UTF32_BOMS):
        # Checked first: the little-endian one starts like UTF-16's.
        raise ParseError(
            "the bytes start with a UTF-32 byte order mark; "
            "bloglist reads UTF-8 and UTF-16",
            1,
            1,
            code="unsupported-encoding",
        )
    codec = _UTF16_BOMS.get(data[:2], "utf-8")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        # What comes before the bad bytes decodes: it is where they are.
        lines = split_lines(data[: exc.start].decode(codec))
        bad = data[exc.start : exc.end]
        if codec == "utf-8":
            msg, code = f"byte 0x{bad[0]:02x} is not valid UTF-8", "invalid-utf8"
        elif len(bad) < 2:
            msg, code = "the UTF-16 text ends in half a character", "invalid-utf16"
        else:
            unit = int.from_bytes(bad[:2], "little" if codec.endswith("le") else "big")
            msg = f"unpaired surrogate 0x{unit:04x} is not valid UTF-16"
            code = "invalid-utf16"
        raise ParseError(msg, len(lines), len(lines[-1]) + 1, code=code) from None


# The byte order marks that name an encoding other than UTF-8.
_UTF16_BOMS: Final = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_UTF32_BOMS: Final = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
