"""A blog followed over time, simulated, with the truth hidden from the code under test.

The oracle of issue 13. :func:`simulate` runs a small blog through many
scrapes: posts are published, edited (a title typo fixed, a title retyped
with other quotes, dashes, case or spaces, a date corrected or added, the
excerpt rewritten, the tags changed, pinned or unpinned) and deleted, and its
index is paged, so old posts drop off the last page shown and new posts
published while the pages are being fetched push posts down across a page
boundary. Every post carries a hidden *true id*; the tests give the code only
the posts and check its answers against the ids.

The simulation keeps to what the documented matching rule is meant to survive:
titles are never used twice and are not alike (a
:class:`difflib.SequenceMatcher` ratio below 0.6 against every post still on
the blog), but for *twins*: now and then, between two scrapes, a post is
published twice on one day with the same title (two "Weekly links"), each
with its own excerpt and tags. Their excerpt and tags may be edited, one
twin's or both at once, but never to a content either twin has had (the
rule pairs the posts of such a group by their content first, then in their
order on the page, which the two keep); both are new on top when the next
scrape comes, so no scrape shows one before the other has been shown (a
group of one post in each scrape pairs whatever its excerpt); for the same
reason a twin is never pinned (which would change their order) and is
deleted with its twin, since either could show one twin alone in a scrape
and the other alone in the next (found by seed 227: the second twin cut off
at the end of the last page, then the first deleted). A twin may be retyped like any post, and
the two may stand on either side of a page boundary; a title's typo is one pair of letters swapped in a title of 12
characters or more (a ratio above 0.9 with its fix); a post gets at most one
typo fix or date correction between two scrapes that show it; a typo may be
fixed however long the post stays out of sight, but a date is corrected (or
added) only between two scrapes in a row that both show the post, since the
archive pairs a post of another date only with a post its last scrape showed
(a post out of sight whose date was corrected meanwhile comes back as a new
post): a correction made to a post the previous scrape showed is undone, as
if never made, when the next scrape does not show the post. An undated post
never has a typo. Posts published between
two pages number fewer than a page, and no post is deleted while pages are
fetched (that gap is invisible to any stitcher). A post that drops off the
pages shown and comes back (pinned, say) keeps its true id.

Use::

    history = simulate(seed)
    for scrape in history.scrapes:
        scrape.posts    # ((true id, Post), ...): the whole listing, in order
        scrape.pages    # ((Post, ...), ...): the pages as fetched
        scrape.seen_at  # when it was taken (a day apart or more)
    expected_diff(history.scrapes[0], history.scrapes[1])
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import random
from difflib import SequenceMatcher
from typing import Final

from hypothesis import settings

from bloglist import Post
from bloglist._match import normalize_title

# Two posts of one date and title that differ in excerpt and tags (two
# "Weekly links" of one day): the fixed examples of such a group, in the
# tests of diff and of the archive.
WEEKLY_WEB: Final = Post(
    title="Weekly links", date=datetime.date(2025, 3, 5), excerpt="web"
)
WEEKLY_OPS: Final = Post(
    title="Weekly links", date=datetime.date(2025, 3, 5), excerpt="ops", tags=["Ops"]
)

__all__ = [
    "ORACLE_EXAMPLES",
    "Expected",
    "History",
    "Scrape",
    "expected_diff",
    "simulate",
]

#: Examples per property test over whole histories: each simulation takes a
#: fifth of a second, and a history holds a dozen scrapes. A quarter of the
#: hypothesis profile's examples (25 by default, 12 in CI, 1,250 with
#: HYPOTHESIS_PROFILE=thorough), or BLOGLIST_ORACLE_EXAMPLES when set.
ORACLE_EXAMPLES: Final = int(
    os.environ.get("BLOGLIST_ORACLE_EXAMPLES", settings().max_examples // 4)
)

_WORDS: Final = [
    "python",
    "rust",
    "data",
    "model",
    "query",
    "cache",
    "index",
    "parser",
    "listing",
    "archive",
    "feed",
    "scrape",
    "diff",
    "merge",
    "stitch",
    "page",
    "post",
    "title",
    "date",
    "excerpt",
    "tag",
    "sticky",
    "release",
    "notes",
    "testing",
    "typing",
    "design",
    "review",
    "story",
    "lesson",
    "mistake",
    "weekly",
    "summary",
    "guide",
    "benchmark",
    "profile",
    "memory",
    "speed",
    "server",
    "client",
    "browser",
    "network",
    "storage",
    "sqlite",
    "schema",
    "migration",
    "backup",
    "restore",
    "deploy",
    "monitor",
    "alert",
    "metric",
    "graph",
    "search",
    "ranking",
    "vector",
    "embedding",
    "prompt",
    "agent",
    "pipeline",
    "stream",
    "batch",
    "job",
    "queue",
    "worker",
    "thread",
    "process",
    "lock",
    "crash",
    "recovery",
    "journal",
    "snapshot",
    "version",
    "don't",
    "it's",
    "how-to",
    "real-time",
    "e-mail",
    "what's",
    "co-op",
    "we're",
]
_TAGS: Final = ("News", "Data", "Design", "Engineering", "AI", "Ops", "Culture")
_START: Final = datetime.date(2025, 1, 1)
_NOON: Final = datetime.time(12, tzinfo=datetime.UTC)


@dataclasses.dataclass
class _Entry:
    """One post of the blog as its author sees it."""

    tid: int
    title: str
    date: datetime.date | None
    excerpt: str
    tags: tuple[str, ...]
    sticky: bool
    pinned: int  # when it was pinned: the newest pin shows first
    fixed_title: str | None  # the title without its typo, while it has one
    # A typo fixed or a date corrected since a scrape last showed the post:
    # one is enough.
    identity_edited: bool = False
    # Whether the last scrape showed the post: only then is its date corrected.
    shown_last: bool = False
    # The date before a correction made since the last scrape, if one was.
    date_before: tuple[datetime.date | None] | None = None
    # One of twins: its title and date are never edited, nor its pin.
    twin: bool = False
    # The id of the first of the twins, which both hold (0 for no twin).
    pair: int = 0

    def post(self) -> Post:
        return Post(
            title=self.title,
            date=self.date,
            excerpt=self.excerpt,
            tags=self.tags,
            sticky=self.sticky,
        )


@dataclasses.dataclass(frozen=True)
class Scrape:
    """One scrape of the blog's paged index.

    Attributes:
        seen_at: When the scrape was taken, noon UTC; increasing.
        posts: The listing the pages show, as a stitcher should join them,
            each post with its true id.
        pages: The pages as fetched, page 1 first. Sticky posts are on top of
            every page when ``History.sticky_on_every_page``.
    """

    seen_at: datetime.datetime
    posts: tuple[tuple[int, Post], ...]
    pages: tuple[tuple[Post, ...], ...]

    @property
    def listing(self) -> tuple[Post, ...]:
        """The posts of :attr:`posts` without their ids."""
        return tuple(post for _, post in self.posts)


@dataclasses.dataclass(frozen=True)
class History:
    """The scrapes of one simulated blog, oldest first."""

    scrapes: tuple[Scrape, ...]
    page_size: int
    sticky_on_every_page: bool

    def first_versions(self) -> dict[int, Post]:
        """Each true id's post as the first scrape that showed it had it."""
        found: dict[int, Post] = {}
        for scrape in self.scrapes:
            for tid, post in scrape.posts:
                found.setdefault(tid, post)
        return found


@dataclasses.dataclass(frozen=True)
class Expected:
    """What a diff of two scrapes must find, from the true ids."""

    added: tuple[Post, ...]
    removed: tuple[Post, ...]
    changed: tuple[tuple[Post, Post], ...]
    unchanged: int


def expected_diff(old: Scrape, new: Scrape) -> Expected:
    """The true difference from *old* to *new*, in the order a diff gives it."""
    before = dict(old.posts)
    after = dict(new.posts)
    return Expected(
        added=tuple(post for tid, post in new.posts if tid not in before),
        removed=tuple(post for tid, post in old.posts if tid not in after),
        changed=tuple(
            (before[tid], post)
            for tid, post in new.posts
            if tid in before and before[tid] != post
        ),
        unchanged=sum(
            1 for tid, post in new.posts if tid in before and before[tid] == post
        ),
    )


def _alike(matcher: SequenceMatcher[str], title: str) -> bool:
    """Whether *title* is alike the matcher's second title, cheap bounds first."""
    matcher.set_seq1(normalize_title(title))
    return (
        matcher.real_quick_ratio() >= 0.6
        and matcher.quick_ratio() >= 0.6
        and matcher.ratio() >= 0.6
    )


class _Blog:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.entries: list[_Entry] = []  # in publishing order
        self.titles: set[str] = set()  # every normalised title ever used
        self.today = _START
        self.clock = 0  # counts pins, so that the newest pin shows first
        self.published = 0
        # Every content (excerpt and tags) each pair of twins has had.
        self.twin_contents: dict[int, set[tuple[str, tuple[str, ...]]]] = {}

    def _title(self) -> str:
        rng = self.rng
        while True:
            title = " ".join(rng.sample(_WORDS, rng.randint(3, 6))).capitalize()
            key = normalize_title(title)
            if len(title) < 12 or key in self.titles:
                continue
            # Alike only matters between posts that can be in one scrape: the
            # posts still on the blog (a post deleted since the last scrape
            # was deleted after this one is published).
            matcher = SequenceMatcher(None, "", key, autojunk=False)
            if not any(
                _alike(matcher, other)
                for entry in self.entries
                for other in (entry.title, entry.fixed_title)
                if other is not None
            ):
                self.titles.add(key)
                return title

    def _typo(self, title: str) -> str | None:
        """*title* with two different adjacent letters swapped, if it has some."""
        places = [
            i
            for i in range(len(title) - 1)
            if title[i].isalpha()
            and title[i + 1].isalpha()
            and title[i].lower() != title[i + 1].lower()
        ]
        if not places:
            return None
        i = self.rng.choice(places)
        return title[:i] + title[i + 1] + title[i] + title[i + 2 :]

    def publish(
        self, date: datetime.date | None = None, *, twins: bool = False
    ) -> None:
        """Publish a post, or with *twins* now and then two of one title."""
        rng = self.rng
        title = self._title()
        fixed = None
        if date is None:
            date = None if rng.random() < 0.1 else self.today
        if date is not None and rng.random() < 0.25:
            typo = self._typo(title)
            if typo is not None and normalize_title(typo) not in self.titles:
                title, fixed = typo, title
                self.titles.add(normalize_title(typo))
        count = 2 if twins and fixed is None and rng.random() < 0.1 else 1
        contents: list[tuple[str, tuple[str, ...]]] = []
        while len(contents) < count:
            content = (
                " ".join(rng.choices(_WORDS, k=rng.randint(0, 8))),
                tuple(rng.sample(_TAGS, rng.randint(0, 3))),
            )
            if content not in contents:
                contents.append(content)
        pair = self.published + 1 if count > 1 else 0
        if pair:
            self.twin_contents[pair] = set(contents)
        for excerpt, tags in contents:
            self.published += 1
            self.entries.append(
                _Entry(
                    tid=self.published,
                    title=title,
                    date=date,
                    excerpt=excerpt,
                    tags=tags,
                    sticky=False,
                    pinned=0,
                    fixed_title=fixed,
                    twin=count > 1,
                    pair=pair,
                )
            )

    def pin(self, entry: _Entry) -> None:
        self.clock += 1
        entry.sticky = True
        entry.pinned = self.clock

    def edit(self) -> None:
        """One edit of one post, of a kind the matching rule survives."""
        rng = self.rng
        entry = rng.choice(self.entries)
        kind = rng.choice(("typo", "date", "retype", "excerpt", "tags", "pin"))
        if kind in ("typo", "date") and entry.identity_edited:
            return
        if kind in ("date", "pin") and entry.twin:
            return
        if kind == "date" and not entry.shown_last:
            return
        if kind == "typo" and entry.fixed_title is not None:
            entry.title, entry.fixed_title = entry.fixed_title, None
            entry.identity_edited = True
        elif kind == "date":
            entry.identity_edited = True
            entry.date_before = (entry.date,)
            if entry.date is None:
                entry.date = self.today
            else:
                entry.date += datetime.timedelta(days=rng.choice((-3, -2, -1, 1, 2)))
        elif kind == "retype" and entry.fixed_title is None:
            entry.title = self._retype(entry.title)
        elif kind in ("excerpt", "tags"):
            excerpt, tags = entry.excerpt, entry.tags
            if kind == "excerpt":
                excerpt = " ".join(rng.choices(_WORDS, k=rng.randint(1, 8)))
            else:
                tags = tuple(rng.sample(_TAGS, rng.randint(0, 3)))
            if entry.twin:
                # Never a content either twin has had: one twin taking the
                # other's would be that post, by its content.
                had = self.twin_contents[entry.pair]
                if (excerpt, tags) in had:
                    return
                had.add((excerpt, tags))
            entry.excerpt, entry.tags = excerpt, tags
        elif kind == "pin":
            if entry.sticky:
                entry.sticky = False
            else:
                self.pin(entry)

    def _retype(self, title: str) -> str:
        """*title* written another way that normalises the same."""
        rng = self.rng
        choices = [
            title.upper(),
            title.lower(),
            title.replace(" ", "\N{NO-BREAK SPACE}", 1),
            title.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}"),
            title.replace("-", "\N{EN DASH}"),
        ]
        changed = [choice for choice in choices if choice != title]
        return rng.choice(changed) if changed else title

    def delete(self) -> None:
        entry = self.rng.choice(self.entries)
        if entry.pair:  # with its twin: see the module's docstring
            self.entries = [e for e in self.entries if e.pair != entry.pair]
        else:
            self.entries.remove(entry)

    def shown(self) -> list[_Entry]:
        """Every post in the order the index shows them: pinned first."""
        sticky = sorted(
            (entry for entry in self.entries if entry.sticky),
            key=lambda entry: -entry.pinned,
        )
        rest = [entry for entry in reversed(self.entries) if not entry.sticky]
        return sticky + rest

    def settle(self, shown: set[int]) -> None:
        """Forget the identity edits of the posts a scrape has just shown, and
        undo the date corrections of the posts it has not shown (no scrape
        saw them: the date is as the last scrape that showed the post had it).
        """
        for entry in self.entries:
            if entry.tid in shown:
                entry.identity_edited = False
            elif entry.date_before is not None:
                # The only identity edit since the last scrape: undone.
                (entry.date,) = entry.date_before
                entry.identity_edited = False
            entry.date_before = None
            entry.shown_last = entry.tid in shown


def _fetch(
    blog: _Blog, page_size: int, page_count: int, every_page: bool
) -> tuple[tuple[tuple[int, Post], ...], tuple[tuple[Post, ...], ...]]:
    """Fetch the pages, with posts published between them; the truth and the pages."""
    rng = blog.rng
    first = blog.shown()
    ids_shown: set[int] = set()
    pages: list[tuple[Post, ...]] = []
    for number in range(page_count):
        if number and rng.random() < 0.3:
            for _ in range(rng.randint(1, page_size - 1)):
                blog.publish(blog.today)
        shown = blog.shown()
        sticky = [entry for entry in shown if entry.sticky]
        rest = [entry for entry in shown if not entry.sticky]
        part = rest[number * page_size : (number + 1) * page_size]
        if number and not part:
            break
        on_page = (sticky if number == 0 or every_page else []) + part
        ids_shown.update(entry.tid for entry in on_page)
        pages.append(tuple(entry.post() for entry in on_page))
    truth = tuple(
        (entry.tid, entry.post()) for entry in first if entry.tid in ids_shown
    )
    return truth, tuple(pages)


def simulate(
    seed: int,
    *,
    scrapes: int = 12,
    page_size: int = 5,
    page_count: int = 3,
) -> History:
    """A blog scraped *scrapes* times, *page_count* pages of *page_size* posts each.

    The same *seed* gives the same history on every run.
    """
    rng = random.Random(seed)
    blog = _Blog(rng)
    every_page = rng.random() < 0.5
    for _ in range(rng.randint(page_size, page_size * page_count + 4)):
        blog.today += datetime.timedelta(days=rng.randint(0, 2))
        blog.publish()
    for _ in range(rng.randint(0, 2)):
        blog.pin(rng.choice(blog.entries))
    taken: list[Scrape] = []
    for number in range(scrapes):
        if number:
            blog.today += datetime.timedelta(days=rng.randint(1, 3))
            for _ in range(rng.randint(0, 3)):
                blog.publish(twins=True)
            for _ in range(rng.randint(0, 3)):
                blog.edit()
            if rng.random() < 0.3 and len(blog.entries) > 1:
                blog.delete()
        seen_at = datetime.datetime.combine(blog.today, _NOON)
        posts, pages = _fetch(blog, page_size, page_count, every_page)
        taken.append(Scrape(seen_at=seen_at, posts=posts, pages=pages))
        blog.settle({tid for tid, _ in posts})
    return History(
        scrapes=tuple(taken), page_size=page_size, sticky_on_every_page=every_page
    )
