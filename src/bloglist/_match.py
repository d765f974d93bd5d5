"""Telling which post of one scrape is which post of another: the matching rule.

Everything that follows a blog over time (:func:`bloglist.diff`, the archive,
:func:`bloglist.stitch`) decides "is this the same post?" here, and only here.

The rule, in the order it is applied (each step sees only the posts the steps
before it left unpaired):

1. **Same date and same title.** Titles compare after :func:`normalize_title`
   (case, Unicode compatibility forms, spaces, quotes and dashes do not
   count). Undated posts pair with undated posts of the same title. Posts
   that share a date and title with another post of either scrape (two
   "Weekly links" of one day) pair first with a post equal to them in all
   but the line (the same title as written, excerpt, tags and sticky flag),
   then with a post of the same excerpt, tags and sticky flag (a title whose
   case or quotes changed), then with a post of the same excerpt and tags,
   in order among those: so that deleting,
   pinning or moving one of them leaves each of the others with its own
   history, and a scrape matched against itself pairs each post with
   itself. The posts left of such a group then pair in order: the first
   with the first, the second with the second.
2. **Same title, another date**: a date corrected, added or taken away. Only
   for a title found once in each scrape (counted over the whole scrape, the
   posts step 1 paired included): a title that comes back (a weekly
   "Links" post) says nothing by itself, so such posts pair only by step 1.
   The archive lets only its present posts (those its last scrape showed)
   pair by this step, and counts only them: a post gone from the page and a
   new post of its title (a monthly "Hiring update" whose last one scrolled
   off) are two posts, as a diff of the two scrapes says.
3. **Close title, same date**: a title edited, such as a typo fixed. Two
   dated posts of the same date pair when :class:`difflib.SequenceMatcher`
   gives their normalised titles a ratio of at least 0.8 (:data:`THRESHOLD`),
   best ratio first. The ratio depends on which title comes first: the
   larger of the two orders counts, so that the rule is the same from old to
   new as from new to old. Undated posts have no date to vouch for a close title
   and never pair by this step.

Whatever is left unpaired was removed (old) or added (new). So an edit that
changes both the date and the title, or changes a title below the ratio, is a
removal and an addition.

Step 3 compares every unpaired old post of a date with every unpaired new
post of that date when either side has at most ``2 * WINDOW + 1`` of them
(:data:`WINDOW` is 8), so that posts published or deleted that day around an
edited post do not hide the edit. When both sides have more, it compares a
post only with the :data:`WINDOW` unpaired posts of its date nearest to it in
order on either side. Either way the comparisons are at most
``2 * WINDOW + 1`` times the larger side, so that matching stays near-linear
even when thousands of unpaired posts share one date; and a title longer than
:data:`LONGEST` characters only by its two ends, so that a comparison costs
no more than that of two titles of that length.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from difflib import SequenceMatcher
from heapq import heapify, heappop, heappush
from itertools import compress, count, filterfalse, repeat
from operator import attrgetter
from typing import Final

from ._errors import type_name
from ._gc import BATCH, collect_young, paused_collector
from ._post import Post
from ._uuid import uuid5_urn

__all__ = [
    "LONGEST",
    "THRESHOLD",
    "WINDOW",
    "id_of_key",
    "match_found",
    "match_keys",
    "match_posts",
    "normalize_title",
    "normalize_titles",
    "post_id",
    "post_key",
]

#: The least :meth:`difflib.SequenceMatcher.ratio` of two normalised titles on
#: the same date for them to be one post whose title was edited. A letter
#: wrong or two swapped in a title of 10 characters gives 0.9; a letter wrong
#: in one of 5 gives 0.8. Titles that share only their first word ("Python
#: tips" and "Python packaging", 0.59) stay below it. Titles of a numbered
#: series ("Part 1" and "Part 2", 0.83) are above it: should one be deleted
#: and the other published on the same date between two scrapes, they pair as
#: an edit.
THRESHOLD: Final = 0.8

#: How many unpaired posts of the same date, on each side of a post's own
#: place, step 3 compares it with when both scrapes have more than
#: ``2 * WINDOW + 1`` unpaired posts of that date (else it compares them all).
WINDOW: Final = 8

# Step 3 collects the young generation (the collector being paused) once it
# has made about this many comparisons of two titles since it last did, a
# full ratio counting as _RATIO_WORK of them: a comparison the bounds settle
# costs about a microsecond, a full ratio of two long alike titles up to a
# couple of milliseconds, so the collector waits at most a fraction of a
# second however long step 3 runs.
_WORK: Final = 1 << 16
_RATIO_WORK: Final = 256

# What a pair's value on step 3's heap is: a bound of its ratio by the
# titles' lengths, by their longest common subsequence, or the ratio itself
# (in that order, for a pair of equal value: the coarser bound is made finer
# first).
_LENGTHS: Final = 0
_COMMON: Final = 1
_RATIO: Final = 2

#: The longest normalised title step 3 compares whole; a longer one is
#: compared by its first and last ``LONGEST // 2`` characters. A ratio costs
#: up to the product of the two lengths: twenty posts of one date with titles
#: of 1,000 characters took 25 seconds, and take a fraction of one.
LONGEST: Final = 100

# Quotes and dashes that look alike in a title and differ only by the
# author's keyboard or their blog engine's "smart" typography. The dashes are
# every dash punctuation character of Unicode 14.0 (category Pd) that NFKC
# leaves as it is, and the minus sign; written out, so that the list (and the
# ids built on it) do not change with the Unicode tables of a later Python.
# The acute accent (U+00B4), typed for an apostrophe on many keyboards
# ("It", the accent, "s"), is not among them: NFKC makes it a space and a
# combining acute accent, and that pair is made ``'`` (see _ACUTE), so that
# a title and its NFKC form still normalise alike.
_UNIFY: Final = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u2039\u203a", "'"),
        **dict.fromkeys(
            "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2e42\u301d\u301e\u301f", '"'
        ),
        **dict.fromkeys(
            "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
            "\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe58\ufe63"
            "\U00010ead",
            "-",
        ),
    }
)

#: The acute accent's NFKC form, a space and a combining acute accent, made
#: ``'``; any whitespace before the accent counts as that space, so that the
#: kind of whitespace makes no difference, as everywhere else in a title.
_COMBINING_ACUTE: Final = "\u0301"
_ACUTE: Final = re.compile(r"\s\u0301")

# Characters that show as nothing and that blog engines and editors slip into
# titles: the soft hyphen (a hyphenation point, `&shy;`), the zero-width
# space, the word joiner and the zero-width no-break space (a byte order
# mark inside text). Dropped before the rest of the normal form, so that
# nothing they stood between composes afterwards (`e`, a zero-width space
# and a combining accent), and a normalised title is its own normal form.
# Not the zero-width joiner and non-joiner, which spell words in Persian
# and Indic scripts and join emoji.
_INVISIBLE: Final = "\u00ad\u200b\u2060\ufeff"
_DROP: Final = str.maketrans(dict.fromkeys(_INVISIBLE))


def _hides(text: str) -> bool:
    """Whether *text* holds one of the _INVISIBLE characters: four searches
    for one character, in C, a third of the time of a regular expression's."""
    return "\u00ad" in text or "\u200b" in text or "\u2060" in text or "\ufeff" in text


# The characters _UNIFY changes: translate() is slow, a search is not.
_ODD: Final = re.compile("[" + "".join(chr(code) for code in _UNIFY) + "]")
# Each of them and what it is made.
_UNIFIED: Final = {chr(code): str(value) for code, value in _UNIFY.items()}

_Key = tuple[datetime.date | None, str]
# A post's title as written, excerpt, tags and sticky flag, in any form equal
# exactly when they are.
_Content = tuple[Hashable, ...]

_TITLE: Final = attrgetter("title")
_DATE: Final = attrgetter("date")
# What step 1 compares within a group of posts of one date and title: the
# title as written first, the sticky flag last (see _pair_group).
_CONTENT: Final = attrgetter("title", "excerpt", "tags", "sticky")
# Tell paired from unpaired in a list of old indices (-1 for unpaired).
_PAIRED: Final = (-1).__lt__
_UNPAIRED: Final = (0).__gt__

# Joins titles to normalise them all in a few passes over one string: a
# control character that NFKC, case-folding and str.split() leave alone, and
# that composes with nothing.
_SEP: Final = "\x00"

# The namespace of post_id's UUIDs: uuid5(NAMESPACE_URL, "bloglist:post-id"),
# written out so that the ids never depend on how it was computed.
_POST_ID_NAMESPACE: Final = uuid.UUID("118ea92e-c41f-5169-8c76-9700be0f2b4d")
_POST_ID_PREFIX: Final = _POST_ID_NAMESPACE.bytes


def normalize_title(title: str, /) -> str:
    """*title* as the matching rule compares it.

    Without the characters that show as nothing (soft hyphen, zero-width
    space, word joiner, zero-width no-break space), in Unicode NFKC form,
    case-folded, in NFKC form again (folding can undo the normal form), curly
    quotes, guillemets, primes, backticks and the other quotation marks
    :func:`post_id` lists made ``'`` or ``"`` (a double prime, which NFKC
    makes two primes, ``''``), a whitespace character followed by a
    combining acute accent (which NFKC makes of the acute accent U+00B4,
    typed for an apostrophe) made ``'``, every dash made ``-``, and runs of
    whitespace (no-break spaces included) made one space, with none at
    either end.

    >>> from bloglist._match import normalize_title
    >>> normalize_title("  \N{LEFT DOUBLE QUOTATION MARK}Hello\N{RIGHT DOUBLE QUOTATION MARK}"
    ...                 " \N{EM DASH}\N{NO-BREAK SPACE}World\N{RIGHT SINGLE QUOTATION MARK}s ")
    '"hello" - world\\'s'
    >>> normalize_title("\N{LATIN SMALL LIGATURE FI}NAL STRASSE") == normalize_title("final straße")
    True
    """
    if title.isascii():
        # ASCII is its own NFKC form, and its case-folding is lower().
        text = title.lower()
    else:
        if _hides(title):
            title = title.translate(_DROP)
        # NFKC again after case-folding: folding can undo the normal form.
        text = unicodedata.normalize(
            "NFKC", unicodedata.normalize("NFKC", title).casefold()
        )
        if _COMBINING_ACUTE in text:
            text = _ACUTE.sub("'", text)
    if _ODD.search(text):
        text = text.translate(_UNIFY)
    return " ".join(text.split())


def normalize_titles(titles: list[str], /) -> list[str]:
    """``[normalize_title(title) for title in titles]``, in a few passes in all.

    A call of :func:`normalize_title` costs a few microseconds, most of it
    spent calling; a hundred thousand titles joined cost one call of each step.
    """
    text = _SEP.join(titles)
    if not titles or text.count(_SEP) != len(titles) - 1:
        # A title holds the separator (or there is nothing to do).
        return [normalize_title(title) for title in titles]
    if text.isascii():
        text = text.lower()
    else:
        if _hides(text):
            text = text.translate(_DROP)
        text = unicodedata.normalize(
            "NFKC", unicodedata.normalize("NFKC", text).casefold()
        )
        if _COMBINING_ACUTE in text:
            text = _ACUTE.sub("'", text)
    if _ODD.search(text):
        # A pass a character found: quicker than a call a match.
        for odd in {character for character in _UNIFIED if character in text}:
            text = text.replace(odd, _UNIFIED[odd])
    # Every whitespace character but the space is unprintable: when all else
    # is printable and no two spaces meet, there is no run to collapse.
    if "  " in text or not text.replace(_SEP, "").isprintable():
        text = " ".join(text.split())
    # What is left of whitespace is single spaces: at most one at each end
    # of a title.
    return list(map(str.strip, text.split(_SEP), repeat(" ")))


def post_key(post: Post, /) -> tuple[datetime.date | None, str]:
    """What step 1 of the matching rule compares: the date and normalised title.

    >>> from bloglist import Post
    >>> from bloglist._match import post_key
    >>> post_key(Post(title=" It\N{RIGHT SINGLE QUOTATION MARK}s  Here"))
    (None, "it's here")
    """
    return post.date, normalize_title(post.title)


def post_id(post: Post, /) -> str:
    """A stable id for *post*, from its date and normalised title only.

    The id is ``"urn:uuid:"`` and the version 5 UUID, in the namespace
    ``118ea92e-c41f-5169-8c76-9700be0f2b4d``, of the text
    ``"<date>\\n<title>"``: the date as ``YYYY-MM-DD`` (empty for an undated
    post) and the title as the matching rule compares titles: without the
    soft hyphen, zero-width space, word joiner and zero-width no-break space,
    in Unicode NFKC form, case-folded, in NFKC form again (folding can undo
    the normal form), the single quotation marks and primes U+2018 to
    U+201B, U+2032, U+0060 (the backtick), U+2039 and U+203A made ``'``, the
    double ones U+201C to U+201F, U+2033, U+00AB, U+00BB, U+2E42 and U+301D
    to U+301F made ``"`` (a double prime, which NFKC makes two primes,
    ``''``), a whitespace character followed by a combining acute accent
    (which NFKC makes of the acute accent U+00B4, typed for an apostrophe)
    made ``'``, every dash (each of Unicode 14.0's dash punctuation
    characters, and the minus sign U+2212) made ``-``, and runs of
    whitespace (no-break spaces included) made one space, with none at
    either end. The text is encoded in UTF-8; a lone
    surrogate, which a post built by hand may hold (from a file name or
    bytes decoded with ``surrogateescape``), as the three bytes Python's
    ``surrogatepass`` error handler writes. It is the same
    on every machine and run (hash randomisation plays no part), and on
    every Python for a title whose characters are all in Unicode 14.0 (the
    tables of Python 3.11): NFKC and case-folding come from the running
    Python's tables, so a character added to Unicode later may normalise
    otherwise on a later Python. Two posts that step 1 of the matching rule
    pairs have the same id. The excerpt, tags and sticky flag do not take
    part, so editing them keeps it.

    An edited title or date gives another id: to keep one id for a post
    across edits, keep the id of its first version, as the archive does.

    >>> import datetime
    >>> from bloglist import Post, post_id
    >>> post = Post(title="Hello", date=datetime.date(2025, 3, 25))
    >>> post_id(post)
    'urn:uuid:583a231c-1512-5366-b623-293c83f607b1'
    >>> post_id(post) == post_id(Post(title="  HELLO ", date=datetime.date(2025, 3, 25)))
    True
    >>> post_id(post) == post_id(Post(title="Hello"))
    False
    """
    if not isinstance(post, Post):
        raise TypeError(f"post_id() takes a Post, not {type_name(post)}")
    return id_of_key(post.date, normalize_title(post.title))


def id_of_key(date: datetime.date | None, title: str, /) -> str:
    """:func:`post_id` of a post with this *date* and normalised *title*."""
    day = date.isoformat() if date is not None else ""
    text = f"{day}\n{title}"
    try:
        name = text.encode()
    except UnicodeEncodeError:
        # A title may hold lone surrogates (from surrogateescape decoding),
        # which strict UTF-8 refuses: their surrogatepass bytes make the id.
        name = text.encode("utf-8", "surrogatepass")
    return uuid5_urn(_POST_ID_PREFIX, name)


def match_posts(
    old: Sequence[Post],
    new: Sequence[Post],
    /,
    *,
    redatable: Sequence[bool] | None = None,
) -> tuple[tuple[int, int], ...]:
    """Pairs ``(index in old, index in new)`` of the posts that are the same post.

    Follows the matching rule of this module's docstring. The pairs are sorted
    by their index in *new*; a post of *old* in no pair was removed, one of
    *new* in no pair was added. The result depends only on the posts and
    their order (and *redatable*).

    *redatable*, one flag for each post of *old*, says which of them step 2
    may pair (a date corrected) and count as found; all of them when None.
    The archive passes its present posts.

    >>> import datetime
    >>> from bloglist import Post
    >>> from bloglist._match import match_posts
    >>> day = datetime.date(2025, 3, 25)
    >>> old = [Post(title="Helo world", date=day), Post(title="Gone", date=day)]
    >>> new = [Post(title="New", date=day), Post(title="Hello World", date=day)]
    >>> match_posts(old, new)
    ((0, 1),)
    """
    found = match_found(old, new, redatable=redatable)
    return tuple(compress(zip(found, count()), map(_PAIRED, found)))


def match_found(
    old: Sequence[Post],
    new: Sequence[Post],
    /,
    *,
    redatable: Sequence[bool] | None = None,
) -> list[int]:
    """:func:`match_posts` as a list: item *j* is the index in *old* of the
    post paired with ``new[j]``, or -1 for an added post.
    """
    # Pausing the collector: see _gc; the keys and lists hold no cycles. The
    # young generation is collected as the titles are normalised, and as
    # step 3 compares titles (_fuzzy), the steps whose time input can make
    # long; the others are one pass each over the posts.
    with paused_collector:
        old_titles = list(map(_TITLE, old))
        new_titles = list(map(_TITLE, new))
        old_dates = list(map(_DATE, old))
        new_dates = list(map(_DATE, new))
        # Most titles of the new scrape were in the old one: normalise each once.
        raw = set(old_titles)
        raw.update(new_titles)
        distinct = list(raw)
        collect_young()
        # The longest pass: in pieces, with the young generation collected
        # between them.
        normal: list[str] = []
        for start in range(0, len(distinct), BATCH):
            normal += normalize_titles(distinct[start : start + BATCH])
            collect_young()
        contents = (_content_of(old), _content_of(new))  # asked only in groups
        if len(set(normal)) == len(distinct):
            # No two titles of either scrape normalise alike, so that two
            # titles are equal as the rule compares them exactly when they
            # are equal as they stand: the rule runs on the titles as they
            # are, and only step 3 needs the normalised titles, of the few
            # posts it sees.
            return _match(
                old_dates,
                old_titles,
                new_dates,
                new_titles,
                contents,
                normalize_titles,
                redatable,
            )
        lookup = dict(zip(distinct, normal, strict=True)).__getitem__
        return _match(
            old_dates,
            list(map(lookup, old_titles)),
            new_dates,
            list(map(lookup, new_titles)),
            contents,
            None,
            redatable,
        )


def _content_of(posts: Sequence[Post]) -> Callable[[int], _Content]:
    """The title, excerpt, tags and sticky flag of the post at an index of
    *posts* (see _CONTENT)."""
    post = posts.__getitem__
    return lambda index: _CONTENT(post(index))


def match_keys(
    old_dates: list[datetime.date | None],
    old_titles: list[str],
    new_dates: list[datetime.date | None],
    new_titles: list[str],
    old_contents: Sequence[_Content],
    new_contents: Sequence[_Content],
    redatable: Sequence[bool] | None = None,
) -> list[int]:
    """:func:`match_found` for posts given as dates and normalised titles.

    For callers that hold the keys but not the posts, such as the archive
    file, which stores each post's normalised title. *old_contents* and
    *new_contents* hold each post's title as written, excerpt, tags and
    sticky flag, as a tuple of the four in that order, each in any form that
    is equal exactly when they are (the archive file's columns): step 1
    compares them within a group of posts of one date and title.
    *redatable* is :func:`match_posts`'s.
    """
    return _match(
        old_dates,
        old_titles,
        new_dates,
        new_titles,
        (old_contents.__getitem__, new_contents.__getitem__),
        None,
        redatable,
    )


def _match(
    old_dates: list[datetime.date | None],
    old_titles: list[str],
    new_dates: list[datetime.date | None],
    new_titles: list[str],
    contents: tuple[Callable[[int], _Content], Callable[[int], _Content]],
    normal: Callable[[list[str]], list[str]] | None,
    redatable: Sequence[bool] | None,
) -> list[int]:
    """:func:`match_keys`, for titles normalised already (*normal* None) or
    for titles as they stand, equal exactly when their normalised forms are:
    *normal* (:func:`normalize_titles`) then normalises the titles step 3
    compares. *contents* give the title as written, excerpt, tags and
    sticky flag of an old and of a new post by its index; only the posts of
    a group are asked. *redatable* says which old posts step 2 may pair
    (all when None).
    """
    # Every step over all posts is a chain of C-level iterators (map,
    # compress, zip): a Python loop per post would cost more than the rule.
    old_keys = list(zip(old_dates, old_titles, strict=True))
    # Step 1: same date and title. Built from the end, the dict holds the
    # first old post of each key.
    first = dict(zip(reversed(old_keys), range(len(old_keys) - 1, -1, -1), strict=True))
    found = list(map(first.get, zip(new_dates, new_titles, strict=True), repeat(-1)))
    taken = set(found)
    added = found.count(-1)
    # A key of two posts or more in either scrape (an old post taken by two
    # new ones, or a key twice in the old scrape) is a group, whose posts
    # pair by their title as written, excerpt, tags and sticky flag first
    # (see _pair_group). A key of one post in each scrape is paired already.
    if len(first) < len(old_keys) or len(taken) - (added > 0) < len(found) - added:
        _pair_groups(
            old_keys, old_titles, new_dates, new_titles, first, contents, found
        )
        taken = set(found)
        added = found.count(-1)
    # found[j] is the old index paired with new post j, or -1; the steps
    # below fill in some of the -1.
    if added and len(found) - added < len(old_keys):
        new_left = list(compress(count(), map(_UNPAIRED, found)))
        old_left = list(filterfalse(taken.__contains__, range(len(old_keys))))
        _pair_by_title(old_left, new_left, old_titles, new_titles, found, redatable)
        taken = set(found)
        old_left = list(filterfalse(taken.__contains__, old_left))
        new_left = [j for j in new_left if found[j] < 0]
        old_normal = {i: old_titles[i] for i in old_left}
        new_normal = {j: new_titles[j] for j in new_left}
        if normal is not None:
            old_normal = dict(
                zip(old_normal, normal([*old_normal.values()]), strict=True)
            )
            new_normal = dict(
                zip(new_normal, normal([*new_normal.values()]), strict=True)
            )
        _pair_close_titles(old_dates, new_dates, old_normal, new_normal, found)
    return found


def _pair_by_title(
    old_left: list[int],
    new_left: list[int],
    old_titles: list[str],
    new_titles: list[str],
    found: list[int],
    redatable: Sequence[bool] | None,
) -> None:
    """Step 2: same title, another date, for titles found once in each scrape.

    Only the old posts *redatable* flags (all when None) pair, and count.
    """
    counted: Iterable[str] = old_titles
    if redatable is not None:
        old_left = list(filter(redatable.__getitem__, old_left))
        counted = compress(old_titles, redatable)
    # Counted only for the titles of unpaired posts, usually a few.
    left = {old_titles[i] for i in old_left}
    left.update(new_titles[j] for j in new_left)
    old_count = Counter(filter(left.__contains__, counted))
    new_count = Counter(filter(left.__contains__, new_titles))
    by_title = {old_titles[i]: i for i in old_left if old_count[old_titles[i]] == 1}
    for j in new_left:
        title = new_titles[j]
        if new_count[title] == 1 and title in by_title:
            found[j] = by_title.pop(title)


def _pair_close_titles(
    old_dates: list[datetime.date | None],
    new_dates: list[datetime.date | None],
    old_left: dict[int, str],
    new_left: dict[int, str],
    found: list[int],
) -> None:
    """Step 3: close title, same date, date by date.

    *old_left* and *new_left* map the index of each unpaired post, in order,
    to its normalised title.
    """
    old_on: defaultdict[datetime.date, list[int]] = defaultdict(list)
    for i in old_left:
        date = old_dates[i]
        if date is not None:
            old_on[date].append(i)
    new_on: defaultdict[datetime.date, list[int]] = defaultdict(list)
    for j in new_left:
        date = new_dates[j]
        if date is not None and date in old_on:
            new_on[date].append(j)
    for date, new_here in new_on.items():
        for j, i in _fuzzy(old_on[date], new_here, old_left, new_left).items():
            found[j] = i


def _pair_groups(
    old_keys: list[_Key],
    old_titles: list[str],
    new_dates: list[datetime.date | None],
    new_titles: list[str],
    first: dict[_Key, int],
    contents: tuple[Callable[[int], _Content], Callable[[int], _Content]],
    found: list[int],
) -> None:
    """Step 1 again, in *found*, for the keys of two posts or more in either scrape.

    *found* holds for each new post the first old post of its key (*first*
    maps each old key to that post). The posts of a group pair by
    :func:`_pair_group`.
    """
    # The keys found twice or more in the new scrape: their first old post
    # is taken twice or more.
    again = {old_keys[i] for i, times in Counter(found).items() if times > 1 and i >= 0}
    if len(first) < len(old_keys):
        # The keys found twice or more in the old scrape (an old post that
        # is not the first of its key) and in the new one.
        # (A set of the first posts' indices costs a third of looking up
        # every key again.)
        firsts = set(first.values())
        later = {
            old_keys[i] for i in filterfalse(firsts.__contains__, range(len(old_keys)))
        }
        taken = set(found)
        again.update(key for key in later if first[key] in taken)
    # By title first: a string's hash is kept, a key's is computed.
    titles = {title for _, title in again}
    old_here: defaultdict[_Key, list[int]] = defaultdict(list)
    for i in compress(count(), map(titles.__contains__, old_titles)):
        if old_keys[i] in again:
            old_here[old_keys[i]].append(i)
    new_here: defaultdict[_Key, list[int]] = defaultdict(list)
    for j in compress(count(), map(titles.__contains__, new_titles)):
        key = new_dates[j], new_titles[j]
        if key in again:
            new_here[key].append(j)
    for key, news in new_here.items():
        found_here = _pair_group(old_here[key], news, *contents)
        for j, i in zip(news, found_here, strict=True):
            found[j] = i


def _pair_group(
    olds: list[int],
    news: list[int],
    old_content: Callable[[int], _Content],
    new_content: Callable[[int], _Content],
) -> list[int]:
    """The old post paired with each of *news* (or -1), posts of one date and title.

    First the posts alike in all (the title as written, excerpt, tags and
    sticky flag), in order among them; then, of those left, the posts of the
    same excerpt, tags and sticky flag (a title whose case or quotes
    changed); then those of the same excerpt and tags; then the rest in
    order, the first with the first. Linear in the group's size.
    """
    paired = [-1] * len(news)
    used: set[int] = set()
    # The whole content, then without the title as written (its first
    # item), then without the sticky flag too (its last).
    for part in (slice(None), slice(1, None), slice(1, -1)):
        by_content: defaultdict[Hashable, deque[int]] = defaultdict(deque)
        for i in filterfalse(used.__contains__, olds):
            by_content[old_content(i)[part]].append(i)
        for rank, j in enumerate(news):
            if paired[rank] < 0 and (queue := by_content.get(new_content(j)[part])):
                paired[rank] = queue.popleft()
                used.add(paired[rank])
    rest = filterfalse(used.__contains__, olds)
    return [i if i >= 0 else next(rest, -1) for i in paired]


def _shortened(title: str) -> str:
    """*title* as step 3 compares it: whole, or its two ends past LONGEST."""
    if len(title) <= LONGEST:
        return title
    half = LONGEST // 2
    return title[:half] + title[-half:]


def _places(title: str) -> dict[str, int]:
    """For each character of *title*, the bits of the places it stands at."""
    places: dict[str, int] = {}
    for place, character in enumerate(title):
        places[character] = places.get(character, 0) | 1 << place
    return places


def _common_length(places: dict[str, int], size: int, other: str) -> int:
    """The length of the longest common subsequence of a title of *size*
    characters, given by its :func:`_places`, and *other*.

    The bit-parallel algorithm of Allison and Dix (1986): a bit per place of
    the title, a few operations on them per character of *other*; for two
    titles of 100 characters, a sixth of the time of ``ratio()``.
    """
    full = (1 << size) - 1
    row = full
    find = places.get
    for character in other:
        at = find(character)
        if at:
            matched = row & at
            row = ((row + matched) | (row - matched)) & full
    return size - row.bit_count()


def _fuzzy(
    old_here: list[int],
    new_here: list[int],
    old_titles: dict[int, str],
    new_titles: dict[int, str],
) -> dict[int, int]:
    """Step 3 among the unpaired posts of one date: new index -> old index.

    Every old post is compared with every new one when either side has at
    most ``2 * WINDOW + 1`` posts, so that the comparisons are at most that
    many times the larger side; otherwise each new post of rank *r* among
    *new_here* only with the old posts of ranks ``r - WINDOW`` to
    ``r + WINDOW`` among *old_here*. Both tests read the same from either
    side, and the pairs are chosen by the ratio and the indices alone, so
    that the rule is the same from old to new as from new to old.
    """
    every = min(len(old_here), len(new_here)) <= 2 * WINDOW + 1
    # Whether a pair's subsequence waits until it comes up: where both sides
    # are small, so that the heap holds a few hundred pairs at most (one
    # small side against a big one, or the window, would put every pair
    # whose lengths are alike on it: millions, for a page against a big
    # import of one date).
    lazy = max(len(old_here), len(new_here)) <= 2 * WINDOW + 1
    # Each pair compared, by the best upper bound of its ratio known so far,
    # then by its ratio: (-value, j, i, LENGTHS) with the bound of the two
    # titles' lengths (SequenceMatcher.real_quick_ratio), (-value, j, i,
    # COMMON) with the longest common subsequence's, which the matching
    # blocks are one of, and (-value, j, i, RATIO) once the ratio is known.
    # The pairs are taken best ratio first, as a sort of every ratio would
    # give them, but a bound is made finer only for a pair whose posts are
    # both still free when it comes up: a subsequence (when *lazy*) for a
    # pair whose lengths could beat the pairs found before it, a ratio for
    # one whose subsequence could. Where one side is small (a page of 12
    # posts against 200,000 of its dates), or where each title was edited
    # by a letter or two, most pairs never come up.
    pending: list[tuple[float, int, int, int]] = []
    old_short = {i: _shortened(old_titles[i]) for i in old_here}
    new_short = {j: _shortened(new_titles[j]) for j in new_here}
    # The bounds are the same either way round: when every pair is
    # compared, the outer loop runs over the smaller side, whose titles the
    # checker learns once each.
    flip = every and len(old_here) < len(new_here)
    outer, inner = (old_here, new_here) if flip else (new_here, old_here)
    outer_short, inner_short = (
        (old_short, new_short) if flip else (new_short, old_short)
    )
    # Each outer title's places, learnt when a pair of it first needs them
    # (when lazy).
    learnt: dict[int, dict[str, int]] = {}
    work = 0  # comparisons since the young generation was last collected
    for rank, a in enumerate(outer):
        if work >= _WORK:
            collect_young()
            work = 0
        # A subsequence counted here, though made later (or never).
        work += len(inner) if every else 2 * WINDOW + 1
        title = outer_short[a]
        size = len(title)
        if not lazy:
            places = _places(title)
        for b in inner if every else inner[max(0, rank - WINDOW) : rank + WINDOW + 1]:
            # Each bound as difflib computes a ratio from its matches, so
            # that a bound is never below the ratio it bounds, and equal to
            # it where the matching blocks are that long.
            other = inner_short[b]
            length = size + len(other)
            bound = 2.0 * min(size, len(other)) / length if length else 1.0
            if bound < THRESHOLD:
                continue
            j, i = (b, a) if flip else (a, b)
            if lazy:
                pending.append((-bound, j, i, _LENGTHS))
                continue
            # Only the pairs whose subsequence could reach the threshold go on
            # the heap. With the window, besides, when no post pairs (scrapes
            # of a big import, one date, all different), every subsequence is
            # made all the same: made here, it costs no turn on the heap.
            common = _common_length(places, size, other)
            bound = 2.0 * common / length if length else 1.0
            if bound >= THRESHOLD:
                pending.append((-bound, j, i, _COMMON))
    # Best ratio first; among equals, the earliest new post, then the
    # earliest old: a pair's finer bound or ratio (never above the bound
    # before it) goes back on the heap, and comes up when no bound or ratio
    # above it is left, nor an equal one of an earlier pair.
    heapify(pending)
    found: dict[int, int] = {}
    used: set[int] = set()
    free = min(len(old_here), len(new_here))
    matcher = SequenceMatcher(autojunk=False)
    # The ratio the other way round: SequenceMatcher's depends on the order.
    reverse = SequenceMatcher(autojunk=False)
    while pending and len(found) < free:
        least, j, i, known = heappop(pending)
        if j in found or i in used:
            continue
        if known == _RATIO:
            found[j] = i
            used.add(i)
            continue
        if known == _LENGTHS:
            a, b = (i, j) if flip else (j, i)
            title, other = outer_short[a], inner_short[b]
            its = learnt.get(a)
            if its is None:
                its = learnt[a] = _places(title)
            length = len(title) + len(other)
            common = _common_length(its, len(title), other)
            bound = 2.0 * common / length if length else 1.0
            if bound >= THRESHOLD:
                heappush(pending, (-bound, j, i, _COMMON))
            continue
        if work >= _WORK:
            collect_young()
            work = 0
        work += _RATIO_WORK
        matcher.set_seqs(old_short[i], new_short[j])
        ratio = matcher.ratio()
        # The other way round only if it could give more: its matching
        # blocks are a common subsequence too, so neither ratio is above the
        # bound, and one that reaches it is the larger (a title edited by a
        # letter or two, the commonest case, usually does).
        if ratio < -least:
            work += _RATIO_WORK
            reverse.set_seqs(new_short[j], old_short[i])
            ratio = max(ratio, reverse.ratio())
        if ratio >= THRESHOLD:
            heappush(pending, (-ratio, j, i, _RATIO))
    return found
