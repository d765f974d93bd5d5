"""Tag lines: splitting glued category names apart, and joining them again.

A tag line is category names written with no separator:
``DataData ScienceDeveloper Tools`` is ``Data``, ``Data Science`` and
``Developer Tools``. The case rule splits where a lowercase letter meets an
uppercase (or titlecase) one. Names the case rule cannot see (``GenAI``,
``iOS``) come from a vocabulary of known names, which wins over the case rule.
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
import warnings
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import cache, partial
from itertools import compress, islice, pairwise
from typing import TYPE_CHECKING, Final, NamedTuple, TypeAlias, cast

import attrs

from ._errors import checked_known_tags
from ._gc import resumed

if TYPE_CHECKING:
    import regex

__all__ = [
    "Split",
    "TagNotes",
    "TagSplitter",
    "join_tags",
    "may_split",
    "names_to_know",
]


class TagNotes(NamedTuple):
    """What a tag line is warned about: the tags that repeat an earlier one
    (empty when none does), whether the line holds a date, the end it has
    that text has and category names do not (empty when none), and whether
    it cannot be seen as it is (``bloglist._lines.invisible``, which the
    parser passes)."""

    repeated: tuple[str, ...]
    dated: bool
    text_end: str = ""
    invisible: bool = False


# What TagSplitter.split gives for a tag line: its tags, and what the line is
# warned about, or None when nothing: one test for the parser, on every line.
Split: TypeAlias = tuple[tuple[str, ...], TagNotes | None]

# The notes of a line that holds a date and repeats no tag: one shared value.
_DATED: Final = TagNotes((), True)

# A tag line longer than this, in characters, is split with the cyclic
# collector on, if a paused parse switched it off (see TagSplitter.split):
# about 50 ms of splitting a line of letters outside ASCII, the time a batch
# of a paused parse takes between two collections (bloglist._gc.BATCH).
LONG_LINE: Final = 1 << 16

# An uppercase or titlecase letter, in any script.
_UPPER: Final = r"[\p{Lu}\p{Lt}]"

# Where a lowercase letter, with any combining marks after it (an accent
# written apart, as in text decomposed to NFD), meets an uppercase or
# titlecase one: zero-width. The uppercase letter is looked for first, so the
# marks are read back over only before one: each run of marks at most once,
# and a scan stays linear in the line's length.
_CASE_BOUNDARY: Final = rf"(?={_UPPER})(?<=\p{{Ll}}\p{{M}}*)"


# Known names are found by an Aho-Corasick automaton: a trie of the names, one
# character per level, whose states are numbered (the root is 0) and which
# knows, for each state, where to go when the next character leaves the trie.
# A scan reads each character of a line once, however many names there are and
# however far a near-miss follows the line. The names go in reversed and the
# line is read from its end, so that the names starting at a place are found
# together, longest first, after every name starting further right: whether a
# name may end where another starts is then already known.
@attrs.frozen
class _Automaton:
    # state -> next character -> child state; a scan adds the states it
    # reached by falling back, so that the next time takes one look-up.
    goto: list[dict[str, int]]
    depth: list[int]  # state -> the length of the text it stands for
    ends: list[bool]  # state -> whether a name ends there
    # state -> the name that ends there, as given (not reversed), or "": a
    # name found is this string itself, never a new slice of a line. Not
    # interned: on Python 3.12.0 to 3.12.5, sys.intern kept each string for
    # good, and a service passing names of its own to each call grew.
    words: list[str]
    # Finds a character that some name ends with (the names are reversed: a
    # child of the root): a line with none holds no name.
    last_chars: re.Pattern[str]
    # The rest is made by link(), on the first line that may hold a name:
    # a big vocabulary costs little when no line needs it.
    fail: list[int] = attrs.Factory(list)  # state -> its longest proper suffix
    # state -> the state itself if a name ends there, else the next state on
    # its fail chain where one does, else 0: the names that end at a place.
    named: list[int] = attrs.Factory(list)
    # How many more short cuts may be added: as many as there are states, so
    # that no line can make the automaton more than twice as big.
    room: list[int] = attrs.Factory(list)
    # state -> the length of the longest name that ends there (that of
    # named[state]), or 0: one look-up for the common case.
    lengths: list[int] = attrs.Factory(list)
    # state -> the name named[state] stands for (words[named[state]]).
    tag_of: list[str] = attrs.Factory(list)

    @classmethod
    def build(cls, names: Iterable[str]) -> _Automaton | None:
        """The trie of *names*, or ``None`` when every name is blank."""
        goto: list[dict[str, int]] = [{}]
        depth = [0]
        ends = [False]
        words = [""]
        for name in names:
            state = 0
            for char in name:
                child = goto[state].get(char)
                if child is None:
                    child = goto[state][char] = len(goto)
                    goto.append({})
                    depth.append(depth[state] + 1)
                    ends.append(False)
                    words.append("")
                state = child
            ends[state] = state != 0  # a blank name matches nothing
            words[state] = name[::-1] if state else ""
        if len(goto) == 1:
            return None
        # One character class, so a search is one test per character however
        # many characters it holds.
        last_chars = re.compile(f"[{''.join(map(re.escape, goto[0]))}]")
        return cls(goto, depth, ends, words, last_chars)

    def link(self) -> None:
        """Find each state's fail target and the names that end there."""
        goto, ends = self.goto, self.ends
        fail = [0] * len(goto)
        named = [0] * len(goto)
        # Breadth first, so that a state's fail target, shallower, is done:
        # the list grows behind the loop that reads it.
        order = list(goto[0].values())
        for child in order:  # a root child fails to the root
            named[child] = child if ends[child] else 0
        for state in order:
            fallback = fail[state]
            for char, child in goto[state].items():
                order.append(child)
                back = fallback
                while char not in goto[back] and back:
                    back = fail[back]
                target = fail[child] = goto[back].get(char, 0)
                named[child] = child if ends[child] else named[target]
        # fail last: a scan takes a filled fail list for a linked automaton.
        self.named[:] = named
        self.lengths[:] = [self.depth[name] if name else 0 for name in named]
        self.tag_of[:] = [self.words[name] for name in named]
        self.room[:] = [len(goto)]
        self.fail[:] = fail


# The case rule on an ASCII line, where a lowercase letter is [a-z] and an
# uppercase one [A-Z]: the standard library's engine splits faster than the
# regex module's, and most tag lines are ASCII. The capital is looked for
# first, as in _CASE_BOUNDARY: most characters of a tag line are lowercase,
# and fail that test at once (a fifth quicker on the benchmark's tag lines
# than the lowercase letter first; a line of capitals alone is now as slow as
# one of lowercase letters was, and that one as quick as the capitals were).
@cache
def _ascii_boundary() -> Callable[[str], list[str]]:
    return re.compile(r"(?=[A-Z])(?<=[a-z])").split


class _Folded(dict[str, str]):
    """Tag -> its case-folded form, folded once per distinct tag."""

    def __missing__(self, tag: str) -> str:
        folded = self[tag] = tag.casefold()
        return folded


class _Rules(NamedTuple):
    """The methods of the patterns of the tag rules outside ASCII, each
    called with ``concurrent=False``.

    By default regex lets go of the GIL while it matches a str, at each
    match, and taking it back waits for a busy thread's switch interval (5
    ms): in a test program with one thread busy elsewhere, 1,000 short tag
    lines outside ASCII took 16 s, and 2 ms with the GIL kept, as the re
    module keeps it; a line of 1 MB took six minutes, and 154 ms. The cost:
    other threads wait while one call splits a long line (that 154 ms).
    """

    # The case boundary: split a line, or find the boundaries in a part of it.
    split: Callable[[str], list[str]]
    boundaries: Callable[[str, int, int], Iterator[regex.Match[str]]]
    # A whitespace character, and an uppercase letter: every one in a line,
    # or whether a character is one.
    spaces: Callable[[str], Iterator[regex.Match[str]]]
    uppers: Callable[[str], Iterator[regex.Match[str]]]
    is_space: Callable[[str], regex.Match[str] | None]
    is_upper: Callable[[str], regex.Match[str] | None]


@cache
def _unicode() -> _Rules:
    """The tag rules outside ASCII (:class:`_Rules`).

    Compiled on first use: the regex module costs more to import than the rest
    of bloglist, and many listings never need it.
    """
    if not sys.flags.warn_default_encoding:
        return _compiled()
    # regex asks locale.getpreferredencoding() as it compiles a pattern (one
    # of its own as it is imported, too), which under -X
    # warn_default_encoding warns (EncodingWarning) of regex's code, not the
    # program's, and with -W error raises from inside a parse. Only then are
    # the warnings filters touched: one filter that ignores those warnings,
    # put first and taken out after, by itself (catch_warnings would put
    # back the whole list as it was, and lose a filter that another thread
    # adds meanwhile); a lock keeps two first calls apart. regex's module
    # is regex._main, or regex.regex before 2022.
    with _COMPILING:
        before = list(warnings.filters)
        warnings.filterwarnings(
            "ignore", category=EncodingWarning, module=r"regex\.(_main|regex)\Z"
        )
        ours = warnings.filters[0]
        try:
            return _compiled()
        finally:
            # Unless the program has one just like it, and from before.
            if ours not in before:
                with contextlib.suppress(ValueError):
                    # A list (typeshed says Sequence): warnings adds to it so.
                    cast("list[object]", warnings.filters).remove(ours)


_COMPILING: Final = threading.Lock()


def _compiled() -> _Rules:
    import regex

    case = regex.compile(_CASE_BOUNDARY)
    # Whitespace as str.isspace has it, the format's (docs/format.md): regex's
    # \s leaves out the information separators U+001C to U+001F.
    space = regex.compile(r"[\s\x1c-\x1f]")
    upper = regex.compile(_UPPER)
    return _Rules(
        partial(case.split, concurrent=False),
        partial(case.finditer, concurrent=False),
        partial(space.finditer, concurrent=False),
        partial(upper.finditer, concurrent=False),
        partial(space.fullmatch, concurrent=False),
        partial(upper.fullmatch, concurrent=False),
    )


def tag_line_cost(
    line: str, tags: tuple[str, ...], new: int, folds: Iterable[str] = ()
) -> int:
    """An upper bound of the bytes a cached tag *line* and its *tags* take,
    *new* of them met for the first time since the cache started over, with
    *folds* the case folds made for them.

    The line and its tags, a byte a character if ASCII, else four at most; a
    place in the tuple for each tag; the tuples and the cache's entry (about
    250 bytes, measured); the characters of each case fold, as those of the
    line (a fold may be longer than its tag: ``"\u0390"`` folds to three
    characters); and for each new tag, a string (about 80 bytes besides its
    characters), its case fold (another string) and their places in two
    dictionaries (the case folds, and the tags met), which hold a third of
    their places or more empty: about 420 bytes in all, measured. Real tag
    lines take far less: their tags are few, and each is one string shared
    between lines, counted once.
    """
    width = 2 if line.isascii() else 8
    folded = 0
    for fold in folds:  # none, for most lines: no generator made for them
        folded += len(fold) if fold.isascii() else 4 * len(fold)
    return width * len(line) + folded + 16 * len(tags) + 512 * new + 320


class TagSplitter:
    """Splits tag lines, with an optional vocabulary of known names.

    A known name is recognised where it starts at the beginning of the line or
    right after a non-space character, and ends at the end of the line, before
    an uppercase or titlecase letter, or where another known name starts
    (recognised there or not). So ``iOS`` is found in ``Machine LearningiOS``,
    but ``Data`` is not found in ``Database`` (a lowercase letter follows) nor
    ``Science`` in ``Data Science`` (a space comes before). Where two known
    names start at the same place, the longer wins. Known names are matched
    case-sensitively.

    Known names are looked up by an Aho-Corasick automaton, never turned into a
    regular expression: a scan reads each character of a line once, and then
    looks at each name found there, however many names there are and whatever
    they hold. A line of *n* characters costs at most *n* times the length of
    the longest name, and that only when names are suffixes of each other
    (``a``, ``aa``, ``aaa``...).

    *dated* is the test of a tag line that holds a date (``holds_date``,
    passed by the parser), asked of each line not of letters and spaces alone;
    its answer is cached with the tags (:class:`TagNotes`). Without it, no
    line is said to hold a date. *text_ends* are the ends of a line that is
    text, not names (the parser's ``TEXT_ENDS``, tried in order): the one a
    line has is noted with it too. *hidden* is the test of a line that is not
    what a reader sees (``invisible``, passed by the parser), asked of each
    line that holds no date, and noted too.

    Results are cached per line: real listings repeat their tag lines, and the
    tags of equal lines are the same strings in the same tuple. The
    cache holds at most *cache_size* lines and, if *cache_bytes* is given,
    lines and tags of at most about that many bytes (:func:`tag_line_cost`),
    and starts over when full.
    """

    __slots__ = (
        "_ascii_split",
        "_cache",
        "_cache_size",
        "_dated",
        "_fold",
        "_folded",
        "_given",
        "_hidden",
        "_known",
        "_names",
        "_room",
        "_room_full",
        "_text_ends",
    )

    def __init__(
        self,
        known: Iterable[str] | None = None,
        *,
        cache_size: int = 1 << 18,
        cache_bytes: int | None = None,
        dated: Callable[[str], bool] | None = None,
        text_ends: tuple[str, ...] = (),
        hidden: Callable[[str], bool] | None = None,
    ) -> None:
        self._known: _Automaton | None = None
        self._dated = dated
        self._text_ends = text_ends
        self._hidden = hidden
        self._cache: dict[str, Split] = {}
        self._cache_size = cache_size  # lines remembered, before starting over
        # The bytes the cache may still take, as tag_line_cost counts them.
        self._room = self._room_full = cache_bytes
        self._folded = _Folded()
        self._fold = self._folded.__getitem__
        # Each tag met, as the one string that stands for it in every line.
        self._names: dict[str, str] = {}
        self._ascii_split: Callable[[str], list[str]] | None = _ascii_boundary()
        # A known name given with spaces around it, stripped -> as given
        # first (for messages; most lists have none).
        self._given: dict[str, str] = {}
        if known is None:
            return
        names = []  # each stripped and reversed, for the automaton
        for name in checked_known_tags(known):
            if name != (stripped := name.strip()):
                self._given.setdefault(stripped, name)
            names.append(stripped[::-1])
        self._known = _Automaton.build(names)
        if self._known is not None:
            self._ascii_split = None  # known names need the slow way

    @property
    def cached(self) -> dict[str, Split]:
        """The lines split so far -> what :meth:`split` returned for them.

        The parser looks a line up here before it calls :meth:`split`: a
        dictionary lookup is cheaper than a method call.
        """
        return self._cache

    def known_names(self) -> list[str]:
        """The known names, stripped, each once (for messages: not fast)."""
        known = self._known
        if known is None:
            return []
        return [word for end, word in zip(known.ends, known.words, strict=True) if end]

    def as_given(self, name: str) -> str:
        """The known *name*, stripped, as it was given (``' A'`` for
        ``'A'``; the first such spelling): for a message that tells the
        caller which name to leave out."""
        return self._given.get(name, name)

    def split(self, line: str, collecting: bool = False) -> Split:
        """Split a stripped, non-empty tag line into its tags.

        Returns the tags and what the line is warned about, or ``None``
        when nothing: the tags that repeat an earlier one (compared
        case-insensitively), each name once, in the order their repeats come,
        whether the line holds a date, and which of *text_ends* it ends with.

        A line longer than :data:`LONG_LINE` is split with the cyclic
        collector on, if a paused parse switched it off (*collecting* says
        it is done): see :func:`bloglist._gc.resumed`.
        """
        cache = self._cache
        found = cache.get(line)
        if found is not None:
            return found
        if len(line) > LONG_LINE and not collecting:
            return resumed(self.split, line, True)
        ascii_split = self._ascii_split
        if ascii_split is not None and line.isascii():
            # A zero-width boundary needs a letter on each side: no piece is empty.
            pieces = ascii_split(line)
        else:
            pieces = self._split(line)
        # Equal tags of different lines are one string (a line's own are
        # equal strings already, if it repeats one).
        tags = tuple(map(self._names.setdefault, pieces, pieces))
        repeated = None
        fold = self._fold
        folds = len(self._folded)  # the tags folded so far, to count the new ones
        if len(tags) > 1 and len(set(map(fold, tags))) < len(tags):
            seen: set[str] = set()
            named: dict[str, str] = {}  # a repeated tag's fold: the repeat
            for tag in tags:
                key = fold(tag)
                if key not in seen:
                    seen.add(key)
                elif key not in named:
                    named[key] = tag
            repeated = tuple(named.values())
        # A line of letters and spaces alone holds no date: most tag lines,
        # told by a call or two in C, where the test costs a search.
        dated = self._dated
        holds = (
            dated is not None
            and not line.isalpha()
            and not line.replace(" ", "").isalpha()
            and dated(line)
        )
        ends = self._text_ends
        text_end = ""
        if ends and line.endswith(ends):
            text_end = next(filter(line.endswith, ends))
        # A line that holds a date is warned about that, with a word of a
        # byte order mark before it. No character before U+00AD is one the
        # test looks for: most lines are told by a comparison, with no call.
        hidden = (
            line >= "\xad"
            and not holds
            and self._hidden is not None
            and self._hidden(line)
        )
        notes: TagNotes | None
        if text_end or hidden:
            notes = TagNotes(repeated or (), holds, text_end, hidden)
        elif holds:
            notes = _DATED if repeated is None else TagNotes(repeated, True)
        else:
            notes = None if repeated is None else TagNotes(repeated, False)
        room = self._room
        if room is not None:
            new = len(self._folded) - folds
            # The case folds just made, the last *new* of them (most lines
            # make none): a fold is a string of its own, as long as its tag
            # or longer.
            made = islice(reversed(self._folded.values()), new) if new else ()
            room -= tag_line_cost(line, tags, new, made)
            if room < 0:
                # Full: start over, forgetting the case folds of the tags too,
                # which a stream of ever new tags would make grow without end.
                cache.clear()
                self._folded.clear()
                self._names.clear()
                # The line's tags stay the strings later lines share.
                self._names.update({tag: tag for tag in tags})
                room = cast("int", self._room_full)  # set with _room
                room -= tag_line_cost(line, tags, len(tags))
            self._room = room
        if len(cache) >= self._cache_size:
            cache.clear()
        found = cache[line] = (tags, notes)
        return found

    def _split(self, line: str) -> list[str]:
        """The tags of *line*, none of them empty."""
        known = self._known
        if known is None:
            return _unicode().split(line)  # the ASCII ones split in split()
        split = _ascii_boundary() if line.isascii() else _unicode().split
        # A line with no character that a name ends with holds no name, and
        # one in which the scan finds none splits as without known names.
        if known.last_chars.search(line) is None:
            return split(line)
        if not known.fail:
            known.link()
        names = _known_names(line, known)
        if names is None:
            return split(line)
        # Each recognised name is a tag; the text between two of them is split
        # by the case rule alone, looked for in the whole line between the
        # piece's ends: the lowercase letter of a boundary may be the last of
        # the name before, and only its combining marks in the piece (NFD
        # text). ASCII text holds no marks, so an ASCII piece's boundaries are
        # all inside it.
        tags: list[str] = []
        boundaries = _unicode().boundaries
        ascii_split = _ascii_boundary()

        def pieces(start: int, end: int) -> list[str]:
            text = line[start:end]
            if text.isascii():
                return ascii_split(text)
            cuts = [start]
            cuts += (
                m.start() for m in boundaries(line, start, end) if m.start() > start
            )
            cuts.append(end)
            return [line[a:b] for a, b in pairwise(cuts)]

        at = 0
        n = len(line)
        tag_of, lengths = known.tag_of, known.lengths
        # Left to right, the next name is looked for where the last one ends.
        for start in compress(range(n), names):
            if start < at:
                continue
            if at < start:
                tags += pieces(at, start)
            state = names[start]
            tags.append(tag_of[state])
            at = start + lengths[state]
        if at < n:
            tags += pieces(at, n)
        return tags


def _known_names(line: str, known: _Automaton) -> array[int] | None:
    """The longest known name recognised at each place of *line*, or None
    when no known name is in it.

    Indexed by the place where the name starts: the state whose name
    (``tag_of``) it is, 0 where none is recognised; the names may overlap.
    The automaton must be linked.
    """
    goto, fail, depth, named = known.goto, known.fail, known.depth, known.named
    room, lengths = known.room, known.lengths
    n = len(line)
    names = None
    # Made at the first name found (the marks cost more than the scan): the
    # places right of it, read already, start no name.
    may_end = after_space = bytearray()
    state = 0
    for start, char in zip(range(n - 1, -1, -1), reversed(line), strict=True):
        child = goto[state].get(char)
        if child is None:
            here = state
            while child is None and state:
                state = fail[state]
                child = goto[state].get(char)
            if child is None:
                child = 0  # back at the root: no name ends with this character
            if room[0]:
                room[0] -= 1
                goto[here][char] = child
        state = child
        length = lengths[state]
        if not length:
            continue
        if names is None:
            may_end, after_space = _marks(line)
            # Machine integers, zeroed in C: no object the collector tracks,
            # and written without a method call.
            names = array("i", bytes(4 * n))
        may_end[start] = 1  # where a known name starts
        if after_space[start]:
            continue  # a name starts here, so may end another, but is not found
        # The names that start here come longest first: the first that ends
        # where a name may end is the one.
        if may_end[start + length]:
            names[start] = state
            continue
        name = named[fail[named[state]]]
        while name:
            if may_end[start + depth[name]]:
                names[start] = name
                break
            name = named[fail[name]]
    return names


def _marks(line: str) -> tuple[bytearray, bytearray]:
    """Where in *line* a name may end, before the known names are found, and
    which places follow a space.

    The first has a 1 at the end of the line and at each uppercase or titlecase
    letter; the second at each place right after a whitespace character. Both
    are one longer than the line.
    """
    if line.isascii():
        # Most tag lines: one translation in C, not a test per character.
        upper, space = _ascii_marks()
        raw = line.encode("ascii")
        may_end = bytearray(raw.translate(upper))
        may_end.append(1)
        return may_end, bytearray(1) + raw.translate(space)
    rules = _unicode()
    n = len(line)
    may_end = bytearray(n + 1)
    may_end[n] = 1
    for match in rules.uppers(line):
        may_end[match.start()] = 1
    after_space = bytearray(n + 1)
    for match in rules.spaces(line):
        after_space[match.end()] = 1
    return may_end, after_space


@cache
def _ascii_marks() -> tuple[bytes, bytes]:
    """Tables for bytes.translate: ASCII byte -> 1 if uppercase, and if space.

    Made from the patterns themselves, so that ASCII lines and the others
    cannot disagree on what an uppercase letter or a space is.
    """
    rules = _unicode()
    chars = [chr(code) for code in range(256)]
    return (
        bytes(rules.is_upper(char) is not None for char in chars),
        bytes(rules.is_space(char) is not None for char in chars),
    )


def join_tags(tags: Iterable[str]) -> str:
    """The tag line for *tags*: the names glued together, no separator."""
    return "".join(tags)


def may_split(text: str) -> bool:
    """Whether the case rule may split *text*, or a name that *text* holds
    written as JSON (which writes every letter as it is): *text* has a
    lowercase ASCII letter before an uppercase one, or a character outside
    ASCII, where the rule's Unicode cases are.

    >>> may_split('["Data", "Data Science"]'), may_split('["GenAI"]'), may_split("É")
    (False, True, True)
    """
    return _MAY_SPLIT.search(text) is not None


_MAY_SPLIT: Final = re.compile(r"[a-z][A-Z]|[^\x00-\x7f]")


def names_to_know(tag_lists: Iterable[tuple[str, ...]]) -> list[str]:
    """The names of *tag_lists* that the case rule splits, sorted: names no
    tag line yields unless they are known (``known_tags=``), such as ``GenAI``
    and ``iOS``, so names that were known when the lists were read.

    Only those: a name the case rule leaves whole (``AI``) may have been
    known too, to split ``AITools``, but nothing in the lists tells (with
    ``AI`` known, ``AIDevTools`` would split as ``AI``, ``Dev``, ``Tools``
    where the case rule reads ``AIDev``, ``Tools``), so such names must be
    given again.

    >>> names_to_know([("GenAI", "Testing"), ("Data", "Data Science"), ("iOS",)])
    ['GenAI', 'iOS']
    """
    ascii_split, split_other = _ascii_boundary(), _unicode().split
    return sorted(
        {
            name
            for tags in set(tag_lists)
            for name in tags
            if len(ascii_split(name) if name.isascii() else split_other(name)) > 1
        }
    )
