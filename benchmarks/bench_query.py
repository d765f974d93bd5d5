"""Time the query API on a big generated listing, against plain Python.

Usage: ``python benchmarks/bench_query.py [--posts 1000000] [--repeat 5]``

Each operation runs *repeat* times and the median is reported, beside the
median of a baseline measured in the same run on the same posts: the plain
list comprehension (or ``sorted``, or loop) a user would write without
bloglist. The ratio is bloglist's time over the baseline's; below 1 is faster.

The baselines do less than bloglist does: they match tags exactly rather than
case-insensitively, sort by date alone rather than in a total order, and do
not care where undated posts go. The rows marked "first" run on a fresh
listing and include building the index they need; the others run once the
listing holds it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bloglist
from bloglist import Listing, Post, Where

sys.path.insert(0, str(Path(__file__).parent))
from generate import TAGS, generate_text
from options import runs

# The most popular tag of the generated listings, and the rarest (on about 2%
# of the posts).
POPULAR = TAGS[0]
RARE = TAGS[-1]
SINCE, BEFORE = datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)


def median_time(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of *repeat* calls of *run*, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh(listing: Listing) -> Listing:
    """The same posts in a new listing, which holds no index yet."""
    return listing[:]


def baselines(posts: tuple[Post, ...]) -> dict[str, Callable[[], object]]:
    def tag_filter(tag: str) -> Callable[[], object]:
        return lambda: [p for p in posts if tag in p.tags]

    def by_month() -> object:
        groups: defaultdict[Any, list[Post]] = defaultdict(list)
        for p in posts:
            d = p.date
            groups[(d.year, d.month) if d else None].append(p)
        return groups

    return {
        "tag-popular": tag_filter(POPULAR),
        "tag-rare": tag_filter(RARE),
        "dates": lambda: [
            p for p in posts if p.date is not None and SINCE <= p.date < BEFORE
        ],
        "sort": lambda: sorted(
            posts, key=lambda p: p.date or datetime.date.min, reverse=True
        ),
        "month": by_month,
        "tags": lambda: Counter(t for p in posts for t in p.tags),
    }


def query_rows(listing: Listing) -> list[tuple[str, Callable[[], object], str]]:
    """The timed operations on *listing*: (name, run, name of its baseline)."""
    tag = Where.tagged_any(POPULAR)
    dates = Where.between(SINCE, BEFORE)
    return [
        ("tag index, first filter", lambda: fresh(listing).filter(tag), "tag-popular"),
        ("tag filter, popular tag", lambda: listing.filter(tag), "tag-popular"),
        (
            "tag filter, rare tag",
            lambda: listing.filter(Where.tagged_any(RARE)),
            "tag-rare",
        ),
        ("date-range filter, first", lambda: fresh(listing).filter(dates), "dates"),
        ("date-range filter", lambda: listing.filter(dates), "dates"),
        ("sort by date, first", lambda: fresh(listing).sort_by("-date"), "sort"),
        ("sort by date", lambda: listing.sort_by("-date"), "sort"),
        ("group by month, first", lambda: fresh(listing).group_by("month"), "month"),
        ("group by month", lambda: listing.group_by("month"), "month"),
        ("tag counts, first", lambda: fresh(listing).count_by("tag"), "tags"),
        ("tag counts", lambda: listing.count_by("tag"), "tags"),
    ]


def measure(listing: Listing, repeat: int) -> list[tuple[str, float, float]]:
    """Each operation's median time on *listing*, and its baseline's, in seconds."""
    rows = query_rows(listing)
    # Warm the listing's indexes once, so that the rows without "first" time
    # the query alone.
    listing.filter(Where.tagged_any(POPULAR))
    listing.filter(Where.between(SINCE, BEFORE))
    listing.sort_by("-date")
    base = baselines(tuple(listing))
    baseline_times = {name: median_time(run, repeat) for name, run in base.items()}
    return [
        (name, median_time(run, repeat), baseline_times[against])
        for name, run, against in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=runs, default=5)
    args = parser.parse_args()
    n, repeat = args.posts, args.repeat

    start = time.perf_counter()
    listing = bloglist.loads(generate_text(n))
    assert len(listing) == n and not listing.diagnostics, "the generator is broken"
    setup = time.perf_counter() - start
    results = measure(listing, repeat)

    print(
        f"{n:,} generated posts (generated and parsed in {setup:.1f} s); "
        f"median of {repeat} runs"
    )
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    )
    print()
    header = ("operation", "bloglist", "baseline", "ratio")
    lines = [header]
    for name, ours, theirs in results:
        lines.append((name, _ms(ours), _ms(theirs), _ratio(ours / theirs)))
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    for i, line in enumerate(lines):
        print(
            "| "
            + " | ".join(
                cell.ljust(w) if j == 0 else cell.rjust(w)
                for j, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
            + " |"
        )
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def _ratio(ratio: float) -> str:
    return f"{ratio:.2f}" if ratio >= 0.01 else f"{ratio:.1e}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.001 else f"{seconds * 1e6:.0f} µs"


if __name__ == "__main__":
    main()
