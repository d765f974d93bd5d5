"""The exception a strict parse raises, and the one way positions and input are written."""

from __future__ import annotations

from typing import Any, Final

__all__ = ["ParseError", "at_position", "quote"]

_SHORT: Final = 40


def quote(text: str) -> str:
    """*text* quoted for a message, cut short if long.

    A message never holds more than a few dozen characters of the input, so a
    diagnostic stays small however long the line it is about.
    """
    if len(text) > _SHORT:
        return repr(text[: _SHORT - 1]) + "…"
    return repr(text)


def at_position(msg: str, lineno: int, colno: int) -> str:
    """*msg* with its place in the input: ``msg (at line L, column C)``."""
    return f"{msg} (at line {lineno}, column {colno})"


class ParseError(ValueError):
    """The input is not a valid listing.

    Raised by a strict parse at the first error, and by :func:`bloglist.load`
    for bytes that are not UTF-8. Like :class:`json.JSONDecodeError`, it carries
    the message and the place apart from the text.

    Attributes:
        msg: What is wrong, without the position.
        lineno: 1-based line of the problem.
        colno: 1-based column (in characters) of the problem.
        code: The stable short code of the problem, as in
            :attr:`bloglist.Diagnostic.code`.

    >>> import bloglist
    >>> try:
    ...     bloglist.loads("Feb 30, 2024\\n\\nA title\\n\\nAn excerpt", strict=True)
    ... except bloglist.ParseError as err:
    ...     print(err)
    ...     print(err.lineno, err.colno, err.code)
    date 'Feb 30, 2024' is not a real day (at line 1, column 1)
    1 1 invalid-date
    """

    __module__ = "bloglist"

    def __init__(self, msg: str, lineno: int, colno: int, *, code: str) -> None:
        super().__init__(at_position(msg, lineno, colno))
        self.msg = msg
        self.lineno = lineno
        self.colno = colno
        self.code = code

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would call ParseError(text) and fail: keep every part.
        return (_rebuild, (self.msg, self.lineno, self.colno, self.code))


def _rebuild(msg: str, lineno: int, colno: int, code: str) -> ParseError:
    return ParseError(msg, lineno, colno, code=code)
