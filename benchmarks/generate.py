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
- zero to six distinct tags (2.7 on average) drawn from a vocabulary of 60
  names with a skewed, Zipf-like popularity: the k-th most popular is drawn
  with weight 1/k, so ``Data`` is on 46% of the posts and the rarest tags on
  about 1%;
- dates in random order: the worst case for sorting.

About 230 bytes of UTF-8 per post. Run as a script to print a listing:
``python benchmarks/generate.py 20``.
"""

from __future__ import annotations

import datetime
import random
import sys
from itertools import accumulate
from typing import Final

__all__ = ["TAGS", "generate_text"]

# Every name starts with an uppercase letter and ends with a lowercase one, so
# glued tag lines split back by the case rule alone (no known-tag list needed).
TAGS: Final = (
    "Data", "Engineering", "Infrastructure", "Machine Learning", "Product",
    "Data Science", "Culture", "Mobile", "Open Source", "Developer Tools",
    "Security", "Performance", "Design", "People", "Testing",
    "Platform", "Frontend", "Backend", "Databases", "Observability",
    "Reliability", "Career", "Hiring", "Accessibility", "Research",
    "Experimentation", "Privacy", "Networking", "Compilers", "Python",
    "Rust", "Kotlin", "Swift", "Go", "Java",
    "Kubernetes", "Cloud", "Storage", "Search", "Recommendations",
    "Payments", "Growth", "Analytics", "Streaming", "Caching",
    "Café Culture", "Économie", "Ärzte Tech", "Ωmega Team", "Ideas",
    "Incidents", "Postmortems", "Architecture", "Documentation", "Tooling",
    "Migrations", "Onboarding", "Leadership", "Events", "Community",
)  # fmt: skip

# Zipf-like weights: the k-th most popular tag is drawn with weight 1/k.
_CUM_WEIGHTS: Final = tuple(accumulate(1 / k for k in range(1, len(TAGS) + 1)))

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


def _date_line(rng: random.Random) -> str:
    day = datetime.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
    form = rng.random()
    if form < 0.85:
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if form < 0.95:
        return day.isoformat()
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


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


def _tags(rng: random.Random) -> list[str]:
    count = rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6))
    tags: list[str] = []
    while len(tags) < count:
        (tag,) = rng.choices(TAGS, cum_weights=_CUM_WEIGHTS)
        if tag not in tags:
            tags.append(tag)
    return tags


def generate_text(n: int, *, seed: int = 20250325) -> str:
    """The text of a listing of *n* generated posts, the same for the same seed.

    >>> import bloglist
    >>> listing = bloglist.loads(generate_text(500))
    >>> len(listing), listing.diagnostics
    (500, ())
    """
    rng = random.Random(seed)
    lines: list[str] = []
    add = lines.append
    for _ in range(n):
        sticky = rng.random() < 0.03
        dated = rng.random() < 0.92
        header = []
        if sticky:
            header.append("sticky")
        if dated:
            header.append(_date_line(rng))
            if sticky and rng.random() < 0.25:
                header.reverse()
        lines.extend(header)
        add("")
        add(_title(rng))
        add("")
        add(_excerpt(rng))
        tags = _tags(rng)
        if tags:
            add("".join(tags))
        add("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(generate_text(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
