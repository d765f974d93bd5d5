"""What changed between two scrapes of a listing: Diff, Change and diff()."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, filterfalse
from operator import is_not, ne, not_
from typing import Any, Final
from unicodedata import normalize

import attrs

from ._dates import format_date
from ._errors import first_difference, printable, quote, quote_from, shown_int
from ._gc import paused_collector
from ._hints import resolve_hints
from ._match import match_found
from ._post import Post, checked_items, checked_posts, count_field, instance_of

__all__ = ["FIELDS", "Change", "Diff", "diff"]

#: The fields of a post that a change can touch, in the order they are listed.
FIELDS: Final = ("title", "date", "excerpt", "tags", "sticky")

# Tell paired from unpaired in match_found's list (-1 for unpaired).
_PAIRED: Final = (-1).__lt__

# Wide enough for the longest date, "Sep 30, 2025", so that titles line up.
_DATE_WIDTH: Final = 12


def _when(post: Post) -> str:
    return format_date(post.date) if post.date is not None else "undated"


# order=False, for type checkers: see Post in _post.py.
@attrs.frozen(order=False)
class Change:
    """One post found in both scrapes, with something about it edited.

    Attributes:
        old: The post as the old scrape had it.
        new: The post as the new scrape has it.

    >>> import datetime
    >>> from bloglist import Change, Post
    >>> change = Change(Post(title="Helo", date=datetime.date(2025, 3, 25)),
    ...                 Post(title="Hello", date=datetime.date(2025, 3, 25), sticky=True))
    >>> change.fields
    ('title', 'sticky')
    >>> print(change)
    ~ Mar 25, 2025  Hello: title 'Helo' -> 'Hello'; pinned
    """

    __module__ = "bloglist"

    old: Post = attrs.field(validator=instance_of(Post))
    new: Post = attrs.field(validator=instance_of(Post))

    def __attrs_post_init__(self) -> None:
        if self.old == self.new:  # a Diff would count it as changed
            raise ValueError(
                "a change needs two posts that differ in a field; these are "
                f"equal: both are the post {quote(self.new.title)}"
            )

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields that differ, in the order title, date,
        excerpt, tags, sticky.

        >>> from bloglist import Change, Post
        >>> Change(Post(title="A", tags=["x"]), Post(title="a", tags=["y"])).fields
        ('title', 'tags')
        """
        old, new = self.old, self.new
        return tuple(
            name for name in FIELDS if getattr(old, name) != getattr(new, name)
        )

    def __str__(self) -> str:
        old, new = self.old, self.new
        parts = []
        for name in self.fields:
            if name == "title":
                parts.append(f"title {_edit(old.title, new.title)}")
            elif name == "date":
                parts.append(f"date {_when(old)} -> {_when(new)}")
            elif name == "excerpt":
                parts.append(f"excerpt {_edit(old.excerpt, new.excerpt)}")
            elif name == "tags":
                parts.append(f"tags {_tags_edit(old.tags, new.tags)}")
            else:
                parts.append("pinned" if new.sticky else "unpinned")
        head = f"~ {_when(new):<{_DATE_WIDTH}}  {printable(new.title)}"
        # No field differs where a Post subclass's own == tells the two apart.
        return f"{head}: {'; '.join(parts)}" if parts else head


def _edit(old: str, new: str) -> str:
    """``'old' -> 'new'``, each cut short so that where they first differ
    shows: an excerpt edited past its first few dozen characters would
    otherwise show the same text on both sides.

    The two are compared, and shown, in their composed form (NFC), which
    reads as they do: an "é" typed as one character and one written as "e"
    and a combining accent do not count as where they differ. Texts that
    would still read the same where they first differ (they differ only so,
    or first by a character that shows nothing, such as a combining grapheme
    joiner or a variation selector) are shown as they are, each character
    outside ASCII as its escape.
    """
    before, after = normalize("NFC", old), normalize("NFC", new)
    at = first_difference(before, after)
    if (
        before == after
        or _SHOWS_NOTHING.match(before, at)
        or _SHOWS_NOTHING.match(after, at)
    ):
        # Where they first differ would not show.
        return _sides(old, new, first_difference(old, new), escaped=True)
    return _sides(before, after, at, escaped=False)


# The characters Unicode says show nothing (Default_Ignorable_Code_Point)
# that repr() leaves as they are, since Python counts them printable:
# combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
# Mongolian variation selectors and the variation selectors. (repr escapes
# the others, such as the zero-width space.)
_SHOWS_NOTHING: Final = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164"
    "\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def _sides(before: str, after: str, at: int, *, escaped: bool) -> str:
    """``'before' -> 'after'``, each cut so that *at*, where they first
    differ, shows (see quote_from)."""
    shown = quote_from(before, at, escaped=escaped)
    return f"{shown} -> {quote_from(after, at, escaped=escaped)}"


def _tags_edit(old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """``'A, B' -> 'A, C'``: two lists of tags, each joined with ``, ``, as
    :func:`_edit` shows two texts; or, when the two joined alike (one tag
    holding ``, `` against several: ``Coffee, Gear, Reviews``), each tag
    quoted on its own, ``['Coffee, Gear, Reviews'] -> ['Coffee', 'Gear',
    'Reviews']``, so that the two sides never read the same: quoted whole
    when the tags cut short would (tags of over 40 characters that differ
    past the cut)."""
    before, after = ", ".join(old), ", ".join(new)
    if before != after:
        return _edit(before, after)
    left, right = ", ".join(map(quote, old)), ", ".join(map(quote, new))
    if left == right:
        left, right = ", ".join(map(repr, old)), ", ".join(map(repr, new))
    return f"[{left}] -> [{right}]"


def _checked(value: Iterable[Any], kind: type, what: str) -> tuple[Any, ...]:
    """*value* as a tuple, or TypeError naming it or its first item not of *kind*."""
    return tuple(checked_items(value, kind, what, f"{kind.__name__} objects"))


# Named converters: the attrs plugin of mypy reads their types.
def _added(value: Iterable[Post]) -> tuple[Post, ...]:
    return _checked(value, Post, "added")


def _removed(value: Iterable[Post]) -> tuple[Post, ...]:
    return _checked(value, Post, "removed")


def _changed(value: Iterable[Change]) -> tuple[Change, ...]:
    return _checked(value, Change, "changed")


@attrs.frozen(kw_only=True, order=False, repr=False)
class Diff:
    """The difference between two scrapes of a listing, from :func:`diff`.

    A diff is true when anything differs. ``str()`` shows it as a person
    reads it: a line per post, ``+`` added, ``-`` removed, ``~`` changed
    (with what changed), and a summary line last; ``repr()`` shows only
    the counts, however many posts differ. A line break or other
    control character in a title is shown as its escape (``\\n``), so
    that every post keeps to its one line.

    Attributes:
        added: The posts only the new scrape has, in its order.
        removed: The posts only the old scrape had, in its order.
        changed: The posts both have, with an edit, in the new scrape's order.
        unchanged: How many posts both have as they were.

    >>> import datetime
    >>> import bloglist
    >>> old = [bloglist.Post(title="Gone", date=datetime.date(2025, 3, 1))]
    >>> new = [bloglist.Post(title="Fresh", date=datetime.date(2025, 3, 25))]
    >>> change = bloglist.diff(old, new)
    >>> bool(change), len(change.added), len(change.removed), change.unchanged
    (True, 1, 1, 0)
    >>> print(change)
    + Mar 25, 2025  Fresh
    - Mar 1, 2025   Gone
    1 added, 1 removed, 0 changed, 0 unchanged
    """

    __module__ = "bloglist"

    added: tuple[Post, ...] = attrs.field(default=(), converter=_added)
    removed: tuple[Post, ...] = attrs.field(default=(), converter=_removed)
    changed: tuple[Change, ...] = attrs.field(default=(), converter=_changed)
    unchanged: int = attrs.field(default=0, validator=count_field)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def summary(self) -> str:
        """The counts in one line.

        >>> import bloglist
        >>> bloglist.Diff(unchanged=3).summary()
        '0 added, 0 removed, 0 changed, 3 unchanged'
        """
        return (
            f"{len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed, {shown_int(self.unchanged)} unchanged"
        )

    def __repr__(self) -> str:
        return f"<Diff: {self.summary()}>"

    def __str__(self) -> str:
        lines = [
            f"+ {_when(post):<{_DATE_WIDTH}}  {printable(post.title)}"
            for post in self.added
        ]
        lines += [
            f"- {_when(post):<{_DATE_WIDTH}}  {printable(post.title)}"
            for post in self.removed
        ]
        lines += [str(change) for change in self.changed]
        lines.append(self.summary())
        return "\n".join(lines)


def diff(old: Iterable[Post], new: Iterable[Post], /) -> Diff:
    """What changed from the *old* scrape of a listing to the *new* one.

    Posts are paired by the matching rule: same date and title (case,
    spaces, quotes and dashes aside), else the same title on another date,
    else a close title on the same date. An edit that keeps a post paired is
    a change; one that changes both its title and its date is a removal and
    an addition. Any iterables of posts will do, such as two
    :class:`Listing` objects.

    >>> import bloglist
    >>> old = bloglist.loads(bloglist.sample_text())
    >>> new = old[1:]
    >>> change = bloglist.diff(old, new)
    >>> change.removed == (old[0],), change.unchanged
    (True, 11)
    >>> bloglist.diff(old, old)
    <Diff: 0 added, 0 removed, 0 changed, 12 unchanged>
    """
    old_posts = checked_posts(old, "old")
    new_posts = checked_posts(new, "new")
    # See _gc: the changes and tuples hold no cycles. The matching's slow
    # step collects the young generation as it goes (_match).
    with paused_collector:
        return _diff(old_posts, new_posts)


def _diff(old_posts: list[Post], new_posts: list[Post]) -> Diff:
    found = match_found(old_posts, new_posts)
    # Each step is a chain of C-level iterators over all posts (see _match).
    paired = list(map(_PAIRED, found))
    olds = list(map(old_posts.__getitem__, compress(found, paired)))
    news = list(compress(new_posts, paired))
    # A post is equal to itself: compare only the pairs of two objects (all
    # of them when the scrapes were read apart, few when one was edited from
    # the other in memory).
    apart = list(map(is_not, olds, news))
    olds = list(compress(olds, apart))
    news = list(compress(news, apart))
    differ = list(map(ne, olds, news))
    changed = tuple(map(Change, compress(olds, differ), compress(news, differ)))
    taken = set(found)
    added = list(compress(new_posts, map(not_, paired)))
    return Diff(
        added=added,
        removed=map(
            old_posts.__getitem__,
            filterfalse(taken.__contains__, range(len(old_posts))),
        ),
        changed=changed,
        unchanged=len(found) - len(added) - len(changed),
    )


resolve_hints(globals(), Change, Diff)
