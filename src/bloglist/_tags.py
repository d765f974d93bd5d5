"""Tag lines: splitting glued category names apart, and joining them again.

A tag line is category names written with no separator:
``DataData ScienceDeveloper Tools`` is ``Data``, ``Data Science`` and
``Developer Tools``. The case rule splits where a lowercase letter meets an
uppercase (or titlecase) one. Names the case rule cannot see (``GenAI``,
``iOS``) come from a vocabulary of known names, which wins over the case rule.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import regex

__all__ = ["TagSplitter", "join_tags"]

# An uppercase or titlecase letter, in any script.
_UPPER: Final = r"[\p{Lu}\p{Lt}]"

# Where a lowercase letter meets an uppercase or titlecase one: zero-width, one
# character looked at on each side and no repetition, so a scan is one pass
# over the line and cannot backtrack.
_CASE_BOUNDARY: Final = rf"(?<=\p{{Ll}})(?={_UPPER})"

# Known names are kept in a trie of dicts, one character per level. This key,
# never a character, marks the end of a name.
_END: Final = ""

_Trie = dict[str, "_Trie"]


# The case rule on an ASCII line, where a lowercase letter is [a-z] and an
# uppercase one [A-Z]: the standard library's engine splits faster than the
# regex module's, and most tag lines are ASCII.
@cache
def _ascii_boundary() -> Callable[[str], list[str]]:
    return re.compile(r"(?<=[a-z])(?=[A-Z])").split


_intern: Final = sys.intern


class _Folded(dict[str, str]):
    """Tag -> its case-folded form, folded once per distinct tag."""

    def __missing__(self, tag: str) -> str:
        folded = self[tag] = tag.casefold()
        return folded


@cache
def _unicode() -> tuple[
    regex.Pattern[str], Callable[[str], object], Callable[[str], object]
]:
    """The case boundary, and single-character tests for space and uppercase.

    Compiled on first use: the regex module costs more to import than the rest
    of bloglist, and many listings never need it.
    """
    import regex

    return (
        regex.compile(_CASE_BOUNDARY),
        regex.compile(r"\s").match,
        regex.compile(_UPPER).match,
    )


class TagSplitter:
    """Splits tag lines, with an optional vocabulary of known names.

    A known name is recognised where it starts at the beginning of the line or
    right after a non-space character, and ends at the end of the line, before
    an uppercase or titlecase letter, or where another known name starts. So
    ``iOS`` is found in ``Machine LearningiOS``, but ``Data`` is not found in
    ``Database`` (a lowercase letter follows) nor ``Science`` in
    ``Data Science`` (a space comes before). Where two known names start at the
    same place, the longer wins. Known names are matched case-sensitively.

    Known names are looked up in a trie, never turned into a regular
    expression: a line of *n* characters costs at most *n* times the length of
    the longest name, however many names there are and whatever they hold.

    Results are cached per line: real listings repeat their tag lines, and the
    tags of equal lines are the same interned strings in the same tuple. The
    cache holds at most *cache_size* lines, and starts over when full.
    """

    __slots__ = ("_ascii_split", "_cache", "_cache_size", "_fold", "_known")

    def __init__(
        self, known: Iterable[str] | None = None, *, cache_size: int = 1 << 18
    ) -> None:
        self._known: _Trie | None = None
        self._cache: dict[str, tuple[tuple[str, ...], str | None]] = {}
        self._cache_size = cache_size  # lines remembered, before starting over
        self._fold = _Folded().__getitem__
        self._ascii_split: Callable[[str], list[str]] | None = _ascii_boundary()
        if known is None:
            return
        if isinstance(known, str):
            raise TypeError("tags must be an iterable of tag names, not a str")
        trie: _Trie = {}
        for name in known:
            if not isinstance(name, str):
                raise TypeError(
                    f"tags must be an iterable of str, got {type(name).__name__}"
                )
            node = trie
            for char in name.strip():
                node = node.setdefault(char, {})
            if node is not trie:  # a blank name matches nothing
                node[_END] = {}
        if trie:
            self._known = trie
            self._ascii_split = None  # known names need the slow way

    @property
    def cached(self) -> dict[str, tuple[tuple[str, ...], str | None]]:
        """The lines split so far -> what :meth:`split` returned for them.

        The parser looks a line up here before it calls :meth:`split`: a
        dictionary lookup is cheaper than a method call.
        """
        return self._cache

    def split(self, line: str) -> tuple[tuple[str, ...], str | None]:
        """Split a stripped, non-empty tag line into its tags.

        Returns the tags and the first tag that repeats an earlier one
        (compared case-insensitively), or ``None`` when none does.
        """
        cache = self._cache
        found = cache.get(line)
        if found is not None:
            return found
        ascii_split = self._ascii_split
        if ascii_split is not None and line.isascii():
            # A zero-width boundary needs a letter on each side: no piece is empty.
            tags = tuple(map(_intern, ascii_split(line)))
        else:
            tags = tuple(map(_intern, self._split(line)))
        duplicate = None
        fold = self._fold
        if len(tags) > 1 and len(set(map(fold, tags))) < len(tags):
            seen: set[str] = set()
            # The test above found a repeat, so the loop always breaks.
            for tag in tags:  # pragma: no branch
                key = fold(tag)
                if key in seen:
                    duplicate = tag
                    break
                seen.add(key)
        if len(cache) >= self._cache_size:
            cache.clear()
        found = cache[line] = (tags, duplicate)
        return found

    def _split(self, line: str) -> list[str]:
        """The tags of *line*, none of them empty."""
        if self._known is None:
            return _unicode()[0].split(line)
        edges = self._known_edges(line, self._known)
        # Cut at the edges of known names, and at each case boundary that is
        # not inside one ("iOS"). Both come in order: one merge of the two.
        cuts = [0]
        i = 0
        for match in _unicode()[0].finditer(line):
            at = match.start()
            while i < len(edges) and edges[i] <= at:
                cuts.append(edges[i])
                i += 1
            if i % 2 == 0:  # not between a start and its end
                cuts.append(at)
        cuts += edges[i:]
        cuts.append(len(line))
        return [line[a:b] for a, b in pairwise(cuts) if a < b]

    def _known_edges(self, line: str, trie: _Trie) -> list[int]:
        """Start, end, start, end... of the known names recognised in *line*."""
        # First, each place where a name starts: from each character of the
        # line, a walk down the trie until a name ends or the line leaves it.
        n = len(line)
        starts = bytearray(n + 1)
        for start, char in enumerate(line):
            node = trie.get(char)
            at = start + 1
            while node is not None:
                if _END in node:
                    starts[start] = 1
                    break
                if at == n:
                    break
                node = node.get(line[at])
                at += 1
        # Then left to right, the longest name that ends where a name may
        # end; the next search starts where it ends.
        edges: list[int] = []
        _, space, upper = _unicode()
        start = starts.find(1)
        while start != -1:
            if not (start and space(line[start - 1])):
                node = trie[line[start]]
                at = start + 1
                end = 0
                while True:
                    if _END in node and (at == n or starts[at] or upper(line[at])):
                        end = at  # the longest so far
                    if at == n or line[at] not in node:
                        break
                    node = node[line[at]]
                    at += 1
                if end:
                    edges += (start, end)
                    start = end - 1
            start = starts.find(1, start + 1)
        return edges


def join_tags(tags: Iterable[str]) -> str:
    """The tag line for *tags*: the names glued together, no separator."""
    return "".join(tags)
