"""Deterministic, realistic listing text for benchmarks.

``generate_text(n)`` returns the text of a listing of *n* posts that
``bloglist.loads`` reads with no diagnostics. The same *n* and *seed* always
give the same text, on every platform and Python version, so that timings from
different runs measure the same work.

What the posts look like, roughly as on a real company blog index:

- about 3% sticky, about 8% undated, the rest dated between 2010 and 2025,
  mostly in the canonical ``Mar 25, 2025`` form, some in ISO form
  (``2024-07-01``) or day first (``14 June 2024``);
- the header written ``sticky`` then date, sometimes date then ``sticky``;
- titles of three to nine words, some with accented letters, curly quotes,
  an emoji or CJK text;
- excerpts of one to four sentences, about half cut short with a mark
  (``[…]``, ``…``, ``...`` or ``[...]``);
- zero to five distinct tags (2.4 on average) from a blog's small vocabulary:
  30 names with a skewed, Zipf-like popularity (the k-th most popular is
  drawn with weight 1/k, so ``Data`` is on half of the posts and the rarest
  tags on about 2%), written in alphabetical order as a blog's index page
  lists them. One in seven of the tag lines of 100,000 posts is distinct
  (three in five of a thousand posts');
- dates in random order: the worst case for sorting.

About 225 bytes of UTF-8 per post. ``generate_rss(n)`` writes the same posts as
an RSS 2.0 feed, for the feed parsers the benchmark compares with. Run as a
script to print a listing: ``python benchmarks/generate.py 20`` (add ``wide``
for the wide vocabulary below).

``vocabulary="wide"`` gives the adversarial case kept from earlier versions:
tags drawn from twice as many names (:data:`WIDE_TAGS`), in the order drawn, so
that half of the tag lines of 100,000 posts are distinct and the parser's cache
of tag lines seldom helps (``benchmarks/adversarial.py`` measures it).
"""

from __future__ import annotations

import datetime
import os
import random
import sys
from collections.abc import Iterator
from email.utils import format_datetime
from itertools import accumulate
from typing import Final, Literal, NamedTuple
from xml.sax.saxutils import escape

__all__ = [
    "TAGS",
    "WIDE_TAGS",
    "GeneratedPost",
    "Vocabulary",
    "generate_posts",
    "generate_rss",
    "generate_text",
    "iter_text",
    "write_text",
]

# A blog's vocabulary, most popular first (the sample listing has 15 names;
# engineering blogs show a few dozen). Every name starts with an uppercase
# letter and ends with a lowercase one, so glued tag lines split back by the
# case rule alone (no known-tag list needed).
TAGS: Final = (
    "Data", "Engineering", "Infrastructure", "Machine Learning", "Product",
    "Data Science", "Culture", "Mobile", "Open Source", "Developer Tools",
    "Security", "Performance", "Design", "People", "Testing",
    "Platform", "Frontend", "Backend", "Databases", "Observability",
    "Reliability", "Career", "Hiring", "Accessibility", "Research",
    "Café Culture", "Économie", "Ärzte Tech", "Ωmega Team", "Ideas",
)  # fmt: skip

# The adversarial vocabulary: twice as many names, drawn in any order.
WIDE_TAGS: Final = (
    *TAGS,
    "Experimentation", "Privacy", "Networking", "Compilers", "Python",
    "Rust", "Kotlin", "Swift", "Go", "Java",
    "Kubernetes", "Cloud", "Storage", "Search", "Recommendations",
    "Payments", "Growth", "Analytics", "Streaming", "Caching",
    "Incidents", "Postmortems", "Architecture", "Documentation", "Tooling",
    "Migrations", "Onboarding", "Leadership", "Events", "Community",
)  # fmt: skip

Vocabulary = Literal["blog", "wide"]


def _zipf(names: tuple[str, ...]) -> tuple[float, ...]:
    # Zipf-like weights: the k-th most popular name is drawn with weight 1/k.
    return tuple(accumulate(1 / k for k in range(1, len(names) + 1)))


# The names of each vocabulary, their cumulative weights, and the tag counts
# a post draws from (a real index page shows two or three tags a post; the
# wide case keeps the flatter spread it always had).
_VOCABULARIES: Final[
    dict[str, tuple[tuple[str, ...], tuple[float, ...], tuple[int, ...]]]
] = {
    "blog": (TAGS, _zipf(TAGS), (0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5)),
    "wide": (WIDE_TAGS, _zipf(WIDE_TAGS), (0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6)),
}

_WORDS: Final = (
    "scaling", "our", "event", "pipeline", "billion", "events", "day", "how",
    "we", "built", "tested", "migrated", "services", "new", "build", "system",
    "lessons", "from", "year", "experiments", "dashboards", "people", "read",
    "app", "size", "smaller", "faster", "search", "cache", "queue", "latency",
    "budget", "naming", "things", "the", "a", "of", "to", "with", "without",
    "notes", "on", "why", "what", "when", "real", "time", "data", "models",
    "testing", "shipping", "rollout", "incident", "review", "team", "open",
    "source", "fund", "maintainers", "café", "naïve", "über", "résumé",
    "déjà", "vu", "smörgåsbord", "façade", "coöperation", "piñata", "straße",
)  # fmt: skip

_FLAVOURS: Final = (
    "", "", "", "", "", "", " 📝", " 🚀", " — part 2", " (2nd edition)",
    ": a “quiet” feature", " 東京", " в Москве", ", seamlessly",
)  # fmt: skip

_SENTENCES: Final = (
    "Last spring our ingestion tier hit a wall and we had to rebuild it.",
    "Evaluating a model is not the same as testing a product.",
    "Ten rules for dashboards, learned the hard way.",
    "Sequential tests let you look early; here is the price you pay.",
    "Nobody asked for a smaller app, but everybody noticed.",
    "We sat down with the engineers who keep our repositories building.",
    "There are only two hard problems in computer science.",
    "Most of our experiments fail, and that is the point.",
    "Sometimes a shiny new feature brings more harm than good.",
    "We are funding the maintainers of the libraries we depend on.",
    "It took three attempts and one very long weekend.",
    "The numbers surprised us — and our users, too.",
    "Here is what we measured, what we changed and what we would do again.",
    "Caches are easy to add and hard to remove.",
    "Our on-call rotation got quieter, and nobody knows quite why.",
)

_CUT_MARKS: Final = (" […]", "…", "...", " [...]")

_MONTHS: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_FIRST_DAY: Final = datetime.date(2010, 1, 1).toordinal()
_LAST_DAY: Final = datetime.date(2025, 12, 31).toordinal()


def _date(rng: random.Random) -> tuple[str, datetime.date]:
    day = datetime.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
    form = rng.random()
    if form < 0.85:
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}", day
    if form < 0.95:
        return day.isoformat(), day
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}", day


def _title(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(3, 9))
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        words.insert(rng.randrange(1, len(words) + 1), str(rng.randint(2, 2000)))
    return " ".join(words) + rng.choice(_FLAVOURS)


def _excerpt(rng: random.Random) -> str:
    text = " ".join(rng.sample(_SENTENCES, rng.randint(1, 4)))
    if rng.random() < 0.5:
        # Cut mid-sentence at a space, as a blog's index page does.
        cut = text.rfind(" ", 40, max(41, len(text) - 10))
        if cut > 0:
            text = text[:cut] + rng.choice(_CUT_MARKS)
    return text


def _tags(rng: random.Random, vocabulary: Vocabulary) -> list[str]:
    names, weights, counts = _VOCABULARIES[vocabulary]
    count = rng.choice(counts)
    tags: list[str] = []
    while len(tags) < count:
        (tag,) = rng.choices(names, cum_weights=weights)
        if tag not in tags:
            tags.append(tag)
    if vocabulary == "blog":
        # As a blog's index page lists them; the same set, the same line.
        tags.sort()
    return tags


class GeneratedPost(NamedTuple):
    """One generated post: its header lines as written, and its fields."""

    header: tuple[str, ...]
    sticky: bool
    date: datetime.date | None
    title: str
    excerpt: str
    tags: tuple[str, ...]

    def lines(self) -> list[str]:
        """The post's lines in a listing, without the blank line after it."""
        lines = [*self.header, "", self.title, "", self.excerpt]
        if self.tags:
            lines.append("".join(self.tags))
        return lines


def generate_posts(
    n: int, *, seed: int = 20250325, vocabulary: Vocabulary = "blog"
) -> Iterator[GeneratedPost]:
    """The *n* generated posts, one at a time, the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(n):
        sticky = rng.random() < 0.03
        dated = rng.random() < 0.92
        header = []
        date = None
        if sticky:
            header.append("sticky")
        if dated:
            line, date = _date(rng)
            header.append(line)
            if sticky and rng.random() < 0.25:
                header.reverse()
        title = _title(rng)
        excerpt = _excerpt(rng)
        tags = tuple(_tags(rng, vocabulary))
        yield GeneratedPost(tuple(header), sticky, date, title, excerpt, tags)


def iter_text(
    n: int, *, seed: int = 20250325, vocabulary: Vocabulary = "blog"
) -> Iterator[str]:
    """The text of :func:`generate_text`, one post at a time."""
    # Posts are separated by one blank line; the text ends with a line break.
    for i, post in enumerate(generate_posts(n, seed=seed, vocabulary=vocabulary)):
        yield ("\n" if i else "") + "\n".join(post.lines()) + "\n"


def generate_text(
    n: int, *, seed: int = 20250325, vocabulary: Vocabulary = "blog"
) -> str:
    """The text of a listing of *n* generated posts, the same for the same seed.

    >>> import bloglist
    >>> listing = bloglist.loads(generate_text(500))
    >>> len(listing), listing.diagnostics
    (500, ())
    >>> wide = bloglist.loads(generate_text(500, vocabulary="wide"))
    >>> len(wide), wide.diagnostics
    (500, ())
    """
    return "".join(iter_text(n, seed=seed, vocabulary=vocabulary))


def write_text(
    path: str | os.PathLike[str],
    n: int,
    *,
    seed: int = 20250325,
    vocabulary: Vocabulary = "blog",
) -> int:
    """Write :func:`generate_text` to *path* as UTF-8, a post at a time.

    Returns the number of bytes written. Never holds the whole text, so a
    listing of millions of posts costs no more memory than a small one.
    """
    with open(path, "w", encoding="utf-8", newline="") as out:
        for chunk in iter_text(n, seed=seed, vocabulary=vocabulary):
            out.write(chunk)
    return os.path.getsize(path)


def _rss_item(post: GeneratedPost) -> str:
    parts = [f"<item><title>{escape(post.title)}</title>"]
    parts.append(f"<description>{escape(post.excerpt)}</description>")
    if post.date is not None:
        moment = datetime.datetime.combine(post.date, datetime.time(), datetime.UTC)
        parts.append(f"<pubDate>{format_datetime(moment)}</pubDate>")
    parts.extend(f"<category>{escape(tag)}</category>" for tag in post.tags)
    parts.append("</item>\n")
    return "".join(parts)


def generate_rss(n: int, *, seed: int = 20250325) -> str:
    """The same *n* posts as :func:`generate_text`, as an RSS 2.0 feed.

    Each post is an ``<item>`` with its title, its excerpt as the
    description, its date as ``pubDate`` (if dated) and a ``category`` per
    tag; RSS has no sticky flag. For the feed parsers the benchmark compares
    with.

    >>> rss = generate_rss(2)
    >>> rss.count("<item>"), rss.startswith('<?xml version="1.0"')
    (2, True)
    """
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0"><channel>\n'
        "<title>Generated blog</title><link>https://blog.example.com/</link>\n"
        "<description>Posts generated by benchmarks/generate.py</description>\n"
    )
    items = "".join(map(_rss_item, generate_posts(n, seed=seed)))
    return head + items + "</channel></rss>\n"


USAGE = """\
usage: python benchmarks/generate.py [COUNT [wide]]

Write the listing of COUNT generated posts (default 10) to standard output;
with "wide", drawn from the wide tag vocabulary of earlier versions (half the
tag lines distinct) instead of a blog's small one. The same COUNT always
gives the same text.
"""


def main(args: list[str]) -> int:
    """The script's command: 0 after writing the listing, 2 for a bad use."""
    if args in (["-h"], ["--help"]):
        sys.stdout.write(USAGE)
        return 0
    if args[1:] not in ([], ["wide"]) or (args and not args[0].isdecimal()):
        sys.stderr.write(USAGE)
        return 2
    count = int(args[0]) if args else 10
    wide = args[1:] == ["wide"]
    sys.stdout.write(generate_text(count, vocabulary="wide" if wide else "blog"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
