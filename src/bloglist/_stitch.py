"""Joining the pages of a paged index into one listing: stitch()."""

from __future__ import annotations

import datetime
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, pairwise
from operator import attrgetter
from typing import Any, Final, Literal, cast

from ._errors import (
    TEXT,
    BloglistError,
    check_int,
    is_iterable,
    plural,
    quote,
    reduced,
    shown_int,
    type_name,
)
from ._hints import resolve_hints
from ._listing import Listing
from ._match import match_posts, post_key
from ._post import Diagnostic, Post, checked_posts, make_post

__all__ = [
    "REFUSED_PAGE",
    "PageError",
    "PageReason",
    "check_displaced",
    "check_pages",
    "checked_pages",
    "displaced",
    "page_check",
    "page_index",
    "stitch",
]

_Key = tuple[datetime.date | None, str]
# The same post: its key, excerpt and tags.
_Same = tuple[datetime.date | None, str, str, tuple[str, ...]]
# A page's number, and the first and last of its dates.
_Span = tuple[int, datetime.date, datetime.date]


def _overlap(before: Sequence[object], after: Sequence[object]) -> int:
    """The length of the longest end of *before* that *after* starts with.

    The prefix function of Knuth, Morris and Pratt over ``after + [sep] +
    before``, so that two pages of thousands of posts take linear time.
    """
    text: list[object] = [*after, object(), *before]
    border = [0] * len(text)
    for index in range(1, len(text)):
        length = border[index - 1]
        while length and text[index] != text[length]:
            length = border[length - 1]
        if text[index] == text[length]:
            length += 1
        border[index] = length
    return border[-1] if text else 0


def _pushed_run(
    previous: Sequence[_Same],
    here: set[_Same],
    current: Sequence[_Same],
    seen_keys: set[_Key],
) -> tuple[int, int]:
    """The posts pushed down from the previous page to the top of this one:
    how many posts start this page (its sticky ones aside, *current*) as
    posts of the previous page (*previous*) edited between the fetches, and
    how many after them are the same posts as those that end the previous
    page, once the posts this page does not show (*here*) are taken out of
    it (deleted between the fetches, or edited).

    An edited post has a date and title no earlier page showed, and the date
    (a title edited) or the title (a date edited) of the post of the previous
    page it stands for: those that come, in the same order, just before the
    other posts pushed down. With none, the posts pushed down start the page.
    """
    kept = [alike for alike in previous if alike in here]
    edited = 0
    for date, title, *_ in current:
        if (date, title) in seen_keys:
            break
        edited += 1
    if edited and edited < len(current):
        run = _overlap(kept, current[edited:])
        if run:
            # Where the run starts on the previous page: the posts before it
            # there are those edited, each with the date or title of one.
            starts = [at for at, alike in enumerate(previous) if alike in here]
            at = starts[len(kept) - run]
            before = previous[at - edited : at] if at >= edited else ()
            if len(before) == edited and all(
                was not in here and _edit_of(was, now)
                for was, now in zip(before, current[:edited], strict=True)
            ):
                return edited, run
    return 0, _overlap(kept, current)


def _edit_of(was: _Same, now: _Same) -> bool:
    """Whether *now* may be *was* edited: the same date, or the same title."""
    return (was[0] is not None and was[0] == now[0]) or was[1] == now[1]


def _at(post: Post) -> int:
    return post.lineno if post.lineno is not None else 1


def stitch(pages: Iterable[Iterable[Post]], /) -> Listing:
    """Join the pages of a paged index (page 1, 2, 3...) into one listing.

    Each page is a :class:`Listing` or any iterable of posts, in page order;
    a page's text (str or bytes) is refused with a TypeError: read it first
    with :func:`bloglist.loads`.
    Pages are scraped a moment apart, so a post published meanwhile pushes
    the last posts of a page to the top of the next one. Two posts are the
    same post here when they have the same date and title (as step 1 of the
    matching rule compares them: the title normalised), the same excerpt
    and the same tags; whether they are sticky, and their lines, do not
    count. The rule:

    - Sticky posts: a sticky post that is the same post as a post of an
      earlier page is left out, so sticky posts shown on every page appear
      once, where first seen, and so does a post pinned between the fetches
      (as the earlier page showed it). Sticky posts are pinned ones
      unless no page shows them among others and they are more than the
      fullest page holds (or, for the page checks of
      :meth:`bloglist.Archive.merge`, the archive's last scrape showed more,
      or sticky posts alone): a blog shows its pinned posts together at the
      top of a page, so such a blog marks every post sticky, as some themes
      do. Its pages are stitched, and checked, as the same pages with no
      post marked, and their posts keep the marker.
    - The other posts: the longest run of posts that ends the previous page
      and starts this one with the same dates and titles, in order, is the
      overlap. Each post of it that is the same post as its counterpart on
      the previous page is left out of this page. So is each post of the
      longest run that ends the previous page and starts this one as the
      same posts, once the posts of the previous page that are not on this
      one are taken out of it: posts pushed down, past posts deleted
      between the fetches. Posts edited between the fetches (a title or a
      date) may come first, pushed down with them: the posts that start
      this page, each with a date and title no earlier page showed, when
      each has the date or the title of its post among those just before
      the run on the previous page, in the same order, which this page
      does not show. They are kept, with nothing to say (the listing holds
      such a post twice, as it was and as it is: stitch compares no titles
      closely), and the run after them is left out.
    - A post of this page that is the same post as one of an earlier page
      anywhere else cannot be explained by posts pushed down: it is left out
      too, with a ``page-overlap`` warning at its line that says whether it
      was on the page just before (out of place there; after an empty page
      or one of sticky posts alone, the last page before with other posts)
      or only on pages before that, or, when the pages before showed it
      sticky only, that it was sticky there (unpinned between the fetches,
      or a blog that shows a pinned post at the top of page 1 and again in
      its place among the others). Posts pushed down past such a page start
      this one as they would have started it.
    - A post of this page left in with the date and title of a post of an
      earlier page, but another excerpt or other tags (in the overlap or
      not), is kept, with a ``page-same-title`` warning at its line: it is
      another post of that date and title (two "Weekly links" of one day),
      or that post edited between the fetches, which the listing then holds
      twice, as it was and as it is. Nothing is left out that is not the
      same post.
    - Copies: one page may show two posts alike (a post published twice),
      and each copy an earlier page showed stands for one post of this
      page, which the rules above leave out. A page that shows a post more
      times than any earlier page did keeps the copies past that many, with
      nothing to say: each post comes as many times as the page that shows
      it most.
    - A page that adds no post but sticky ones (it is empty, shows only
      sticky posts, or repeats posts of earlier pages, as a server that
      ignores the page number does) followed by one that adds posts that
      are not sticky gets a ``page-gap`` warning at the first post of that
      next page: the posts between them may not have been seen. (A run of
      such pages gets one warning, which names them all; a page that adds
      sticky posts alone is one of them.)
    - Pages out of order (``page10.txt`` before ``page2.txt``, as a shell
      sorts them): a page whose dated posts (sticky ones aside) are all
      newer than those of the last page before it with dated posts gets a
      ``page-order`` warning at the first dated post it adds (not one of an
      earlier page that it shows again), where the pages list
      their posts newest first; all older, where they list them oldest
      first. The order is the one the pages before it show: at least two
      pairs of dated posts next to each other in it (on a page, or the last
      of a page and the first of the next), and four times as many as in
      the other. Only the dated posts a page adds count, not those of
      earlier pages it shows again (pushed down, or a post kept at the top
      of every page unpinned), and only pages that add two or more are
      judged, and judged against: one post may have been dated anew in
      place. (So a last page of one post given among the others, as
      ``page10.txt`` of ten, goes unnoticed.) A blog that orders its posts
      by a date it does not show (the last update) may be warned of
      wrongly, and so may pages fetched while more posts were published
      than a page holds, whose next page shows only new posts (and the
      posts they pushed past it are on no page). The posts stay in the
      order given.

    A post deleted between the scrapes of two pages pulls the next page up,
    and the post that moved across the boundary is on neither: nothing in the
    pages shows it, so stitch cannot tell. Scrape again to find it.


    Every post keeps its ``lineno`` in its own page. The diagnostics of each
    page that is a :class:`Listing` are kept, and every diagnostic's message
    starts with its page number (``page 2: ...``), since its line and column
    are in that page. They come page by page, and within a page in line
    order, the page's warnings among the diagnostics of its parse.

    >>> import datetime
    >>> import bloglist
    >>> def post(title, day, sticky=False):
    ...     return bloglist.Post(title=title, date=datetime.date(2025, 3, day), sticky=sticky)
    >>> pinned = post("Welcome", 1, sticky=True)
    >>> page1 = [pinned, post("E", 25), post("D", 24)]
    >>> page2 = [pinned, post("D", 24), post("C", 23)]  # "D" was pushed down
    >>> [p.title for p in bloglist.stitch([page1, page2])]
    ['Welcome', 'E', 'D', 'C']

    Two posts published and "I" deleted between the fetches: "H" is pushed
    down to the top of page 2, past the gap "I" left.

    >>> page1 = [post("G", 20), post("H", 19), post("I", 18)]
    >>> page2 = [post("H", 19), post("J", 17)]
    >>> found = bloglist.stitch([page1, page2])
    >>> [p.title for p in found], found.diagnostics
    (['G', 'H', 'I', 'J'], ())
    """
    each = list(_each_page(pages))
    lists = [page_posts for _, page_posts in each]
    unpinned = _unpinned(lists) if _marks_every_post(lists) else None
    if unpinned is not None:
        # The copies' ids -> the pages' own posts, given back at the end.
        given = {id(unpinned[id(post)]): post for _, found in each for post in found}
        each = [
            (page, list(map(unpinned.__getitem__, map(id, found))))
            for page, found in each
        ]
    posts: list[Post] = []
    diagnostics: list[Diagnostic] = []
    # Each post seen, with the number of the last page it was on, and the
    # most copies of it that one page showed.
    seen: dict[_Same, int] = {}
    seen_plain: set[_Same] = set()  # the posts seen not sticky
    copies: dict[_Same, int] = {}
    seen_keys: set[_Key] = set()
    previous: list[_Key] = []
    previous_same: list[_Same] = []
    previous_all: list[_Same] = []  # with its sticky posts
    previous_number = 0  # the last page before this one with posts not sticky
    # The first of the pages since the last that added a post, and whether
    # all of them were empty.
    empty_since = 0
    all_empty = True
    # The order of the dated posts that are not sticky, told by the pages
    # before this one: how many of them come after a newer post, and after an
    # older one, of their page or the last of the page before; and the span
    # of their dates on the last page before this one that shows any.
    newest_first = oldest_first = 0
    last_span: _Span | None = None
    last_day: datetime.date | None = None  # of the last dated post added
    for number, (page, page_posts) in enumerate(each, 1):
        page_start = len(diagnostics)  # this page's diagnostics start here
        if isinstance(page, Listing):
            # In line order: a Listing built by hand may hold them otherwise.
            diagnostics.extend(
                Diagnostic(
                    lineno=found.lineno,
                    colno=found.colno,
                    severity=found.severity,
                    code=found.code,
                    message=f"page {number}: {found.message}",
                )
                for found in sorted(page.diagnostics, key=_AT)
            )
        if not page_posts:
            empty_since = empty_since or number
            continue
        keys = [post_key(post) for post in page_posts]
        same = [
            (*key, post.excerpt, post.tags)
            for post, key in zip(page_posts, keys, strict=True)
        ]
        plain = [not post.sticky for post in page_posts]
        current = list(compress(keys, plain))
        skip = _overlap(previous, current)
        # The posts of the previous page that this page's overlap repeats.
        pushed = iter(previous_same[len(previous_same) - skip :])
        current_same = list(compress(same, plain))
        # The posts pushed down from the previous page once those deleted
        # between the fetches are taken out of it (the posts of the previous
        # page not on this one): they start this page, in the same order,
        # and are left out with nothing to say.
        edited, explained = _pushed_run(
            previous_same, set(current_same), current_same, seen_keys
        )
        before, before_all = previous_number, previous_all
        on_before: set[_Same] | None = None  # made for the first warning
        if current:  # a page of sticky posts alone is an empty one to them
            previous, previous_same, previous_number = current, current_same, number
            previous_all = same
        added = len(posts)
        gap_at = len(diagnostics)  # where a page-gap warning goes, in line order
        # How many posts of this page were left out as each post of earlier
        # pages: each copy an earlier page showed stands for one.
        repeated: Counter[_Same] = Counter()
        for post, key, alike in zip(page_posts, keys, same, strict=True):
            pushed_down = False
            if not post.sticky:
                if skip:
                    skip -= 1
                    if alike == next(pushed):
                        explained -= 1
                        pushed_down = True
                if edited:  # new to the pages: nothing to leave out
                    edited -= 1
                elif not pushed_down and explained > 0:
                    # Pushed down, past a post deleted.
                    explained -= 1
                    pushed_down = True
            # Only earlier pages count: one page may show two posts alike,
            # and one that shows more copies of a post than any earlier page
            # did shows another post.
            if repeated[alike] < copies.get(alike, 0):
                repeated[alike] += 1
                # A sticky post shown before as it is but unpinned was pinned
                # between the fetches: shown where it was, as a sticky post
                # on every page is. Neither it nor a post pushed down is said.
                if not (post.sticky or pushed_down):
                    if on_before is None:
                        on_before = set(before_all)
                    pinned = alike not in seen_plain
                    was = before if alike in on_before and not pinned else seen[alike]
                    diagnostics.append(
                        _overlapping(number, post, was, before, pinned=pinned)
                    )
                continue
            if key in seen_keys and alike not in seen:
                diagnostics.append(_same_title(number, post))
            posts.append(post)
        seen.update(dict.fromkeys(same, number))
        seen_plain.update(compress(same, plain))
        seen_keys.update(keys)
        for alike, count in Counter(same).items():
            copies[alike] = max(copies.get(alike, 0), count)
        if not any(not post.sticky for post in posts[added:]):
            # Nothing new but sticky posts: like an empty page.
            all_empty = False
            empty_since = empty_since or number
        elif empty_since:
            diagnostics.insert(
                gap_at, _gap(empty_since, number, page_posts[0], all_empty=all_empty)
            )
            empty_since, all_empty = 0, True
        # The dated posts the page adds: a post of an earlier page shown
        # again (pushed down, repeated by a server that ignores the page
        # number, or kept at the top of every page unpinned) stands where
        # that page showed it, for the order and for the page's dates.
        dated = [
            post for post in posts[added:] if not post.sticky and post.date is not None
        ]
        days = [cast("datetime.date", post.date) for post in dated]
        # Judged by the order of the pages before it, not its own.
        if len(days) >= ORDER_POSTS:
            span = (number, min(days), max(days))
            if last_span is not None and _ordered(newest_first, oldest_first):
                found = _out_of_order(
                    dated[0], span, last_span, newest_first > oldest_first
                )
                if found is not None:
                    diagnostics.append(found)  # put in line order below
            last_span = span
        # The pairs of the page, and the pair across the boundary before it:
        # pages of one day each show their order only there, where old posts
        # kept at the top of page 1 would show the other.
        for newer, older in pairwise([last_day, *days] if last_day else days):
            newest_first += newer > older
            oldest_first += newer < older
        if days:
            last_day = days[-1]
        if len(diagnostics) > gap_at:
            # The page's warnings among its parse's diagnostics (sorted as
            # they were copied), in line order; stable: at one line and
            # column, as they were made.
            diagnostics[page_start:] = sorted(diagnostics[page_start:], key=_AT)
    if unpinned is not None:  # the pages' own posts, sticky as they are
        posts = list(map(given.__getitem__, map(id, posts)))
    return Listing(posts, diagnostics=diagnostics)


def _marks_every_post(pages: list[list[Post]], last: Sequence[Post] = ()) -> bool:
    """Whether *pages* are those of a blog that marks every post sticky: no
    page shows sticky posts among others, and the sticky posts of *pages*,
    or those of *last* (the archive's last scrape, for the page checks),
    outnumber the posts of the fullest page, or *last* holds sticky posts
    alone.

    A blog shows its pinned posts together, at the top of page 1 (or of
    every page): more sticky posts than a page holds cannot all be pinned.
    That is a blog that marks every post sticky, as some themes do, and
    pins none; the stitching and the page checks, which set pinned posts
    aside, would have nothing left to check, and take them as not sticky
    (:func:`_unpinned`). A page of posts that are not sticky among pages of
    sticky posts alone is then one that shows no post of the blog (a
    challenge or error page, which the checks are there to refuse), while a
    page that shows sticky posts among others is one of a blog that pins
    them. A last scrape of sticky posts alone is read so too: pinned posts
    alone would place no page, and the checks would have nothing to check
    the pages against.
    """
    fullest = 0
    marked: set[tuple[object, ...]] = set()  # the sticky posts, each once
    for page in pages:
        sticky = [
            (post.date, post.title, post.excerpt, post.tags)
            for post in page
            if post.sticky
        ]
        if sticky and len(sticky) < len(page):
            return False
        marked.update(sticky)
        fullest = max(fullest, len(page))
    pinned = sum(post.sticky for post in last)
    return max(len(marked), pinned) > fullest or 0 < pinned == len(last)


def _unpinned(pages: list[list[Post]]) -> dict[int, Post]:
    """The id of each post object of *pages* -> a copy of it that is not
    sticky (the object itself if it is not; one copy an object)."""
    copies: dict[int, Post] = {}
    for page in pages:
        for post in page:
            if id(post) not in copies:
                copies[id(post)] = _not_sticky(post) if post.sticky else post
    return copies


def _not_sticky(post: Post) -> Post:
    """*post* as a plain :class:`Post` that is not sticky, for the checks
    alone (its fields are checked already)."""
    return make_post(post.title, post.date, post.excerpt, post.tags, False, post.lineno)


# Where a diagnostic is: its line, then its column.
_AT: Final = attrgetter("lineno", "colno")

# Why a page is refused (PageError.reason).
PageReason = Literal["empty", "sticky", "repeat", "displaced"]

# What each reason of a PageError but "displaced" says of its page.
REFUSED_PAGE: Final[dict[str, str]] = {
    "empty": "has no posts",
    "sticky": "has only sticky posts",
    "repeat": "adds no post the pages before it lack",
}


def displaced(count: int) -> str:
    """What a page refused as ``displaced`` does: it shows none of the
    *count* posts the archive's last scrape showed in its place."""
    if count == 1:
        return "does not show the post the archive's last scrape showed in its place"
    return (
        f"shows none of the {plural(count, 'post')} the archive's last scrape "
        "showed in its place"
    )


class PageError(BloglistError, ValueError):
    """A page of one scrape refused unless ``allow_all_gone`` is given: it
    stands in place of posts it does not show, which would count as gone.

    Raised by :meth:`bloglist.Archive.merge` and
    :meth:`bloglist.ArchiveFile.add` when they are given the *pages* a
    listing was stitched from (see the *pages* argument of
    :meth:`bloglist.Archive.merge` for the rule); nothing is merged or
    written. A ValueError, as :class:`bloglist.AllGoneError` is: a program
    that adds scrapes from a schedule catches both to set a scrape aside.

    Attributes:
        page: The index of the page in *pages*: 0 for page 1.
        reason: Why: ``"empty"`` (the page has no posts), ``"sticky"``
            (only sticky posts), ``"repeat"`` (only posts of the pages
            before it), or ``"displaced"`` (none of the posts the archive's
            last scrape showed in its place).
        count: For ``"displaced"``, how many posts of the last scrape it
            stands in place of; 0 for the other reasons.

    >>> import datetime, bloglist
    >>> def post(n):
    ...     return bloglist.Post(title=f"Post {n}", date=datetime.date(2025, 3, n))
    >>> pages = [[post(9), post(8)], [], [post(5)]]  # page 2 failed to download
    >>> day = datetime.datetime(2025, 3, 10, tzinfo=datetime.UTC)
    >>> try:
    ...     bloglist.Archive().merge(
    ...         bloglist.stitch(pages), seen_at=day, pages=pages)
    ... except bloglist.PageError as exc:
    ...     print(exc.page, exc.reason, isinstance(exc, ValueError))
    1 empty True
    """

    __module__ = "bloglist"

    page: int
    reason: PageReason
    count: int

    def __init__(self, page: int, reason: PageReason, count: int = 0) -> None:
        reasons = [*REFUSED_PAGE, "displaced"]
        if not isinstance(reason, str):
            raise TypeError(f"reason must be a str, not {type_name(reason)}")
        if reason not in reasons:
            named = ", ".join(map(repr, reasons))
            raise ValueError(f"reason must be one of {named}, not {reason!r}")
        for value, what in ((page, "page"), (count, "count")):
            if check_int(value, what) < 0:
                raise ValueError(f"{what} must be 0 or more, not {shown_int(value)}")
        if (reason == "displaced") != (count > 0):
            raise ValueError(
                "count must be more than 0 for 'displaced', and 0 for the other "
                f"reasons, not {shown_int(count)} for {reason!r}"
            )
        if reason == "displaced":
            they = "it" if count == 1 else "they"
            what = f"{displaced(count)}; {they} would count as gone"
        else:
            what = (
                f"{REFUSED_PAGE[reason]}; the posts of its place would count as "
                "gone, or never be seen"
            )
        super().__init__(f"page {shown_int(page + 1)} {what}")
        self.page, self.reason, self.count = page, reason, count

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to another process) as made: by its page, reason and count.
        made = type(self), (self.page, self.reason, self.count)
        return reduced(self, made, ["page", "reason", "count"])


def page_index(found: Diagnostic) -> int | None:
    """The index of the page a diagnostic of :func:`stitch` is on (its
    message starts ``page N: ``), or None for one that does not say."""
    number, colon, _ = found.message.partition(": ")
    digits = number.removeprefix("page ")
    if not colon or digits == number or not digits.isascii() or not digits.isdigit():
        return None
    return int(digits) - 1


def _each_page(pages: object) -> Iterator[tuple[object, list[Post]]]:
    """Each page of *pages*, with its posts as a list: the TypeError of
    what is not (checked for callers without a type checker)."""
    if not is_iterable(pages) or isinstance(pages, TEXT):
        raise TypeError(f"pages must be an iterable of pages, not {type_name(pages)}")
    for index, page in enumerate(pages):
        if isinstance(page, TEXT):
            raise TypeError(
                f"pages[{index}] is {type_name(page)}, not a page: a page is "
                "a Listing or a list of posts; parse its text first with "
                "bloglist.loads, as stitch([bloglist.loads(text) for text in texts])"
            )
        if isinstance(page, Post):
            raise TypeError(
                f"pages[{index}] is a Post, not a page: stitch() takes a "
                "list of pages, each an iterable of posts, such as [page1, page2]"
            )
        yield page, checked_posts(page, f"pages[{index}]")


def checked_pages(pages: object, listing: Sequence[Post]) -> list[list[Post]]:
    """*pages* as lists of posts, checked to be the pages *listing* was
    stitched from: the listing is what :func:`stitch` makes of them, post
    object for post object (a post the listing lacks would count as gone)."""
    lists = [posts for _, posts in _each_page(pages)]
    on_a_page = {id(post) for page in lists for post in page}
    for index, post in enumerate(listing):
        if id(post) not in on_a_page:
            raise ValueError(
                f"listing[{index}] ({quote(post.title)}) is on none "
                f"of the pages: {_GIVE_STITCHED}"
            )
    given = list(map(id, listing))
    # Pages that share no post are stitched end to end (asked first, as it
    # costs next to nothing); others are stitched again to be compared.
    if given != [id(post) for page in lists for post in page]:
        made = list(map(id, stitch(lists)))
        if given != made:
            raise ValueError(_not_stitched(lists, listing, given, made))
    return lists


_GIVE_STITCHED: Final = (
    "give the listing stitch made of the pages, as "
    "merge(stitch(pages), ..., pages=pages)"
)


def _not_stitched(
    lists: list[list[Post]],
    listing: Sequence[Post],
    given: list[int],
    made: list[int],
) -> str:
    """Why *listing* (whose posts, *given*, are all on the pages) is not
    what :func:`stitch` made of *lists* (*made*)."""
    kept, stitched = Counter(given), Counter(made)
    for number, page in enumerate(lists):
        for index, post in enumerate(page):
            if kept[id(post)] < stitched[id(post)]:
                # Indexes as Python's, both: "post 0 of page 3" mixed them.
                return (
                    f"pages[{number}][{index}] ({quote(post.title)}) is "
                    f"missing from the listing, and would count as gone: "
                    f"{_GIVE_STITCHED}"
                )
    # The listing holds every post made, and more: it is the longer.
    index = next(
        (i for i, (a, b) in enumerate(zip(given, made, strict=False)) if a != b),
        len(made),
    )
    post = listing[index]
    where = (
        "in it more times than stitch keeps it"
        if kept[id(post)] > stitched[id(post)]
        else "not where stitch puts it"
    )
    return f"listing[{index}] ({quote(post.title)}) is {where}: {_GIVE_STITCHED}"


def page_check(
    pages: object, listing: Listing | Sequence[Post], refuse: bool
) -> Callable[[Sequence[Post]], None] | None:
    """The check of *pages* (not None), the pages *listing* was stitched
    from, for :meth:`Archive.merge` and :meth:`ArchiveFile.add`: *pages*
    checked at once (:func:`checked_pages`), and, with *refuse* (unless
    they are given ``allow_all_gone``), a function that refuses a page, given
    the posts the archive's last scrape showed (:func:`check_pages`, then
    :func:`check_displaced`); else None."""
    posts = tuple(listing)
    lists = checked_pages(pages, posts)
    if not refuse:
        return None
    found = listing.diagnostics if isinstance(listing, Listing) else ()

    def check(last: Sequence[Post]) -> None:
        pairs = match_posts(tuple(last), posts)
        # The pages and the last scrape of a blog that marks every post
        # sticky are checked as if no post were (see _marks_every_post); each post
        # of the listing is on a page (checked_pages).
        seen, shown, warned = lists, posts, found
        if _marks_every_post(lists, last):
            unpinned = _unpinned(lists)
            seen = [list(map(unpinned.__getitem__, map(id, page))) for page in lists]
            shown = tuple(map(unpinned.__getitem__, map(id, posts)))
            last = [_not_sticky(post) if post.sticky else post for post in last]
            if not _marks_every_post(lists):
                # Stitched with its sticky posts read as pinned ones (the
                # pages alone did not tell): the warnings that place a page
                # are those of the pages read as the checks read them.
                warned = stitch(seen).diagnostics
        check_pages(seen, shown, warned, last, pairs)
        check_displaced(seen, shown, last, pairs)

    return check


def check_pages(
    pages: Sequence[Sequence[Post]],
    listing: Iterable[Post],
    diagnostics: Iterable[Diagnostic],
    last: Sequence[Post],
    pairs: Iterable[tuple[int, int]],
) -> None:
    """Refuse (:class:`PageError`) a page of *pages* that stands for posts
    that would count as gone; *listing* is their :func:`stitch`, with its
    *diagnostics*, *last* the posts the archive's last scrape showed, and
    *pairs* those of *last* paired with those of *listing* (indexes).

    A page that adds no post but sticky ones, before a page that adds
    posts (an empty page: a failed download; a repeat of earlier pages: a
    server that ignores the page number), is one. After the last page that
    adds posts, a page may be the end of the index: empty, only sticky posts
    (shown on every page), or fewer posts than the page before, all of them
    its end pushed down by posts published between the fetches. Any other
    page there (a full repeat, posts of pages further back) is refused too.
    When no page adds a post but sticky ones, page 1 has posts and every
    post but pinned ones that the last scrape showed pairs with one of the
    pages (a new archive, or posts pinned since), the pages are one listing
    of pinned posts, left to the all-gone check; else the first page that
    adds nothing is refused (an empty page 1 is a failed download, and
    pinned posts alone where the last scrape showed others stand for
    those).

    A post is kept from the first page that shows it: a page that repeats
    another's post objects (a parse cached by text, a download cached by
    address) adds nothing, as a page read again would not.
    """
    kept = {id(post) for post in listing if not post.sticky}
    first: dict[int, int] = {}  # each post object -> the first page showing it
    for number, page in enumerate(pages):
        for post in page:
            first.setdefault(id(post), number)
    adds = [
        any(id(post) in kept and first[id(post)] == number for post in page)
        for number, page in enumerate(pages)
    ]
    if not any(adds) and pages and pages[0]:
        shown = {i for i, _ in pairs}
        if all(post.sticky or i in shown for i, post in enumerate(last)):
            return  # pinned posts alone: the all-gone check decides, as for a listing
    final = max((n for n, added in enumerate(adds) if added), default=len(pages))
    # The pages with a post left out though it is not the end of the page
    # before pushed down (a page-overlap warning).
    out_of_place = {
        page_index(found) for found in diagnostics if found.code == "page-overlap"
    }
    plain = [sum(not post.sticky for post in page) for page in pages]
    for index, page in enumerate(pages):
        if adds[index] or (
            index > final
            and (
                not plain[index]
                or (index not in out_of_place and plain[index] < plain[index - 1])
            )
        ):
            continue
        reason: PageReason = (
            "empty" if not page else "sticky" if not plain[index] else "repeat"
        )
        raise PageError(index, reason)


def check_displaced(
    pages: Sequence[Sequence[Post]],
    listing: Sequence[Post],
    last: Sequence[Post],
    pairs: Iterable[tuple[int, int]],
) -> None:
    """Refuse (:class:`PageError`) the first page of *pages* (stitched as
    *listing*) that stands in place of posts of the archive's last scrape
    (*last*, in page order; *pairs*, its posts paired with the listing's):
    a page none of whose posts but sticky ones the last scrape showed,
    where, between the posts the pages before it and after it pair with,
    the last scrape showed posts no page shows now.

    Sticky posts, shown wherever a blog pins them, place no page and stand
    for none. A challenge page ("Just a moment...") saved as page 2 is one;
    more new posts than a page holds are not (nothing of the last scrape
    comes before them), nor pages past the last scrape's end. Nor is a page
    whose posts are all dated, none before the newest dated post it would
    stand for: in an index newest first, those are posts published since,
    or rewritten, in place of posts deleted (a challenge or error page has
    no date; an undated post it would stand for, such as a challenge page
    archived before, tells nothing). Nothing is refused when no post pairs
    with the last scrape (which the all-gone check refuses, as for one
    listing); where only pinned posts pair, no page has a post of the last
    scrape around it, and each page stands for all the posts no page shows
    (a pinned post, which pairs, does not let a challenge page through).
    One pass over each.
    """
    posts = tuple(listing)
    pairs = list(pairs)
    if not pairs:
        return  # the all-gone check decides, as for one listing
    # The place in *last* of each post of the listing paired with a post not
    # sticky on either side.
    place = {j: i for i, j in pairs if not (posts[j].sticky or last[i].sticky)}
    shown = {i for i, _ in pairs}
    # How many of the first k posts of *last* no page shows, sticky aside.
    unseen = [0]
    for i, post in enumerate(last):
        unseen.append(unseen[-1] + (i not in shown and not post.sticky))
    # The listing holds the pages' own posts: the page each was kept from.
    page_of = {id(post): n for n in reversed(range(len(pages))) for post in pages[n]}
    count = len(pages)
    plain = [0] * count  # each page's posts, sticky aside
    paired = [0] * count  # of them, those paired
    first = [len(last)] * count  # the least place on each page
    final = [-1] * count  # the greatest
    # The oldest date of each page's posts, sticky aside; None once one is
    # undated (datetime.date.max for a page with none).
    oldest: list[datetime.date | None] = [datetime.date.max] * count
    for j, post in enumerate(posts):
        if post.sticky:
            continue
        n = page_of[id(post)]
        plain[n] += 1
        day, so_far = post.date, oldest[n]
        oldest[n] = None if day is None or so_far is None else min(so_far, day)
        at = place.get(j)
        if at is not None:
            paired[n] += 1
            first[n] = min(first[n], at)
            final[n] = max(final[n], at)
    after = [len(last)] * (count + 1)  # the least place on the pages after each
    for n in reversed(range(count)):
        after[n] = min(after[n + 1], first[n])
    # The posts of *last* no page shows, dated, sticky aside, between a
    # page's neighbours: a window whose ends only move on, with the places
    # of its newest dates first (a queue of maxima), so that all pages
    # together read *last* once.
    window: deque[tuple[int, datetime.date]] = deque()
    end = 0
    before = -1  # the greatest place on the pages before
    for n in range(count):
        if plain[n] and not paired[n]:
            low, high = before + 1, after[n + 1]
            gone = unseen[high] - unseen[low]
            if gone > 0:
                for i in range(end, high):
                    day = last[i].date
                    if i in shown or last[i].sticky or day is None:
                        continue
                    while window and window[-1][1] <= day:
                        window.pop()
                    window.append((i, day))
                end = max(end, high)
                while window and window[0][0] < low:
                    window.popleft()
                page_oldest = oldest[n]
                if page_oldest is None or (window and page_oldest < window[0][1]):
                    raise PageError(n, "displaced", gone)
        before = max(before, final[n])


def _overlapping(
    number: int, post: Post, last: int, before: int, *, pinned: bool
) -> Diagnostic:
    """The ``page-overlap`` warning at *post* of page *number*, the same post
    as one of page *last* (page *before* if it was on it, else the last page
    it was on), left out; *before* is the last page before this one that had
    posts not sticky. *pinned*: the pages before showed it sticky only
    (*last* is then the last page that did)."""
    if pinned:
        # Unpinned between the fetches, or a blog that shows a pinned post
        # at the top of page 1 and again in its place: no overlap of pages.
        where = (
            f"sticky on page {last} and is not sticky here (unpinned since, or "
            "shown in its place as well)"
        )
    elif last in (before, number - 1):
        # After an empty page or one of sticky posts alone, the last page
        # before this one with other posts (or the page just before, which
        # showed this post pinned).
        just = (
            "just before this one"
            if last == number - 1
            else "the last page before this one with posts that are not sticky"
        )
        where = (
            f"on page {last}, {just}, but not among the posts that end it and "
            "start this one"
        )
    else:
        where = "on an earlier page, not just before this one"
    return _warning(
        post,
        "page-overlap",
        f"page {number}: post {quote(post.title)} was {where}; left out here",
    )


def _same_title(number: int, post: Post) -> Diagnostic:
    """The ``page-same-title`` warning at *post* of page *number*, kept though
    a post of an earlier page has its date and title."""
    return _warning(
        post,
        "page-same-title",
        f"page {number}: post {quote(post.title)} has the date and title of a "
        "post of an earlier page, but another excerpt or other tags: kept as "
        "another post (if it is that post edited between the fetches, the "
        "listing holds it twice)",
    )


def _gap(first: int, number: int, post: Post, *, all_empty: bool) -> Diagnostic:
    """The ``page-gap`` warning at *post*, the first of page *number*, after
    pages *first* to ``number - 1`` that added no post."""
    pages = f"page {first}" if first == number - 1 else f"pages {first} to {number - 1}"
    if all_empty:
        what = "is empty" if first == number - 1 else "are empty"
    else:
        what = "adds" if first == number - 1 else "add"
        what += " no post but sticky ones or posts of earlier pages"
    return _warning(
        post,
        "page-gap",
        f"page {number}: {pages} {what}; the posts between may not have been seen",
    )


# The pages before a page list their posts in an order (newest first, or
# oldest first) when at least this many pairs of dated posts next to each
# other (on a page, or across a boundary) are in it, and at least
# ORDER_SHARE times as many as are in the other: date corrections and posts
# kept at the top make a few the other way.
ORDER_PAIRS: Final = 2
ORDER_SHARE: Final = 4
# A page is judged, and judged against, when it adds at least this many
# dated posts: a post alone may be one dated anew in place.
ORDER_POSTS: Final = 2


def _ordered(newest_first: int, oldest_first: int) -> bool:
    """Whether pairs in the two orders, *newest_first* and *oldest_first*,
    show an order clearly."""
    more, fewer = max(newest_first, oldest_first), min(newest_first, oldest_first)
    return more >= ORDER_PAIRS and more >= ORDER_SHARE * fewer


def _out_of_order(
    first: Post, span: _Span, before: _Span, newest_first: bool
) -> Diagnostic | None:
    """The ``page-order`` warning at *first*, the first dated post of a page
    that is not sticky, if the *span* of the dates of such posts of that page
    is past *before*, the span of the last page before it that adds two
    or more:
    every one of them newer than every one of that page's, where the pages
    list their posts *newest_first*, or older where they list them oldest
    first; else None.

    Every one: a post whose date was corrected in place, or a post that a
    blog keeps at the top of each page without pinning it, is out of order
    alone; pages given out of order are out of order whole.
    """
    number, low, high = span
    other, other_low, other_high = before
    if low > other_high if newest_first else high < other_low:
        newer, which = ("newer", "newest") if newest_first else ("older", "oldest")
        return _warning(
            first,
            "page-order",
            f"page {number}: its posts, dated {_dates(low, high)}, are all "
            f"{newer} than those of page {other} ({_dates(other_low, other_high)}), "
            f"where each page lists its posts {which} first: the pages may be "
            "out of order, or more posts than a page holds were published "
            "between their fetches",
        )
    return None


def _dates(low: datetime.date, high: datetime.date) -> str:
    return (
        low.isoformat() if low == high else f"{low.isoformat()} to {high.isoformat()}"
    )


def _warning(post: Post, code: str, message: str) -> Diagnostic:
    """A warning of the stitch at the line of *post*."""
    return Diagnostic(
        lineno=_at(post), colno=1, severity="warning", code=code, message=message
    )


resolve_hints(globals(), PageError)
