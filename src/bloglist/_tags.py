"""Tag lines: splitting glued category names apart, and joining them again.

A tag line is category names written with no separator:
``DataData ScienceDeveloper Tools`` is ``Data``, ``Data Science`` and
``Developer Tools``. The case rule splits where a lowercase letter meets an
uppercase (or titlecase) one. Names the case rule cannot see (``GenAI``,
``iOS``) come from a vocabulary of known names, which wins over the case rule.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import regex

__all__ = ["TagSplitter", "join_tags"]

# Where a lowercase letter meets an uppercase or titlecase one. Zero-width, so
# a scan is one pass over the line.
_CASE_BOUNDARY: Final = r"(?<=\p{Ll})(?=[\p{Lu}\p{Lt}])"


class TagSplitter:
    """Splits tag lines, with an optional vocabulary of known names.

    A known name is recognised where it starts at the beginning of the line or
    right after a non-space character, and ends at the end of the line, before
    an uppercase or titlecase letter, or where another known name starts. So
    ``iOS`` is found in ``Machine LearningiOS``, but ``Data`` is not found in
    ``Database`` (a lowercase letter follows) nor ``Science`` in
    ``Data Science`` (a space comes before). Where two known names start at the
    same place, the longer wins. Known names are matched case-sensitively.

    Results are cached per line: real listings repeat their tag lines, and the
    tags of equal lines are the same interned strings in the same tuple.
    """

    __slots__ = ("_boundary", "_cache", "_known")

    def __init__(self, known: Iterable[str] | None = None) -> None:
        import regex

        self._boundary: regex.Pattern[str] = regex.compile(_CASE_BOUNDARY)
        self._known: regex.Pattern[str] | None = None
        self._cache: dict[str, tuple[tuple[str, ...], str | None]] = {}
        if known is None:
            return
        if isinstance(known, str):
            raise TypeError("tags must be an iterable of tag names, not a str")
        names = set()
        for name in known:
            if not isinstance(name, str):
                raise TypeError(
                    f"tags must be an iterable of str, got {type(name).__name__}"
                )
            if name.strip():
                names.add(name.strip())
        if names:
            # Longest first, so that at one starting place the longer name wins.
            alts = "|".join(
                regex.escape(n) for n in sorted(names, key=len, reverse=True)
            )
            self._known = regex.compile(
                rf"(?<=^|\S)(?:{alts})(?=$|[\p{{Lu}}\p{{Lt}}]|(?:{alts}))"
            )

    def split(self, line: str) -> tuple[tuple[str, ...], str | None]:
        """Split a stripped, non-empty tag line into its tags.

        Returns the tags and the first tag that repeats an earlier one
        (compared case-insensitively), or ``None`` when none does.
        """
        found = self._cache.get(line)
        if found is None:
            tags = tuple(sys.intern(t) for t in self._split(line) if t)
            seen: set[str] = set()
            duplicate = None
            for tag in tags:
                key = tag.casefold()
                if key in seen:
                    duplicate = tag
                    break
                seen.add(key)
            found = self._cache[line] = (tags, duplicate)
        return found

    def _split(self, line: str) -> list[str]:
        if self._known is None:
            return self._boundary.split(line)
        cuts = {0, len(line)}
        spans = []
        for match in self._known.finditer(line):
            start, end = match.span()
            cuts.update((start, end))
            spans.append((start, end))
        # A case boundary inside a known name ("iOS") is not a boundary. Spans
        # and boundaries both come in order, so one walk over each suffices.
        i = 0
        for match in self._boundary.finditer(line):
            at = match.start()
            while i < len(spans) and spans[i][1] <= at:
                i += 1
            if i == len(spans) or at <= spans[i][0]:
                cuts.add(at)
        ordered = sorted(cuts)
        return [line[a:b] for a, b in pairwise(ordered)]


def join_tags(tags: Iterable[str]) -> str:
    """The tag line for *tags*: the names glued together, no separator."""
    return "".join(tags)
