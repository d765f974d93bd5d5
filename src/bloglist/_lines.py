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
    """Decode UTF-8 *data*; a bad byte raises ParseError at its line and column."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lines = split_lines(data[: exc.start].decode("utf-8"))
        raise ParseError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            len(lines),
            len(lines[-1]) + 1,
            code="invalid-utf8",
        ) from None
