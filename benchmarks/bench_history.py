"""Time following a blog over time: diff of two big scrapes, and matching at its worst.

Usage: ``python benchmarks/bench_history.py [--posts 100000] [--repeat 5]
[--sizes 1000,2000,4000,8000] [--only diff|matching]``

Two measures:

- **diff**: ``bloglist.diff`` of two listings of *posts* posts, the second a
  day later (1% of the posts fallen off the end, 1% new on top, 1% with an
  edited excerpt or tags, 0.5% with a title typo fixed, 0.2% with a date
  corrected), against ``bloglist.loads`` of the same posts in the same run,
  the two taking turns *repeat* times: the medians of each, and the median of
  the ratios of each turn. The goal is a ratio of at most 1.
- **adversarial matching**: two scrapes of N posts all on one date and none
  alike (nothing pairs, so every post reaches the close-title step), for each
  N of *sizes*, the sizes taking turns *repeat* times, the fastest run of
  each. Matching is near-linear when the time grows by at most 2.5 per
  doubling of N.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs

import bloglist
from bloglist import Post
from bloglist._match import match_posts

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_text


def median_time(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of *repeat* calls of *run*, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _typo(title: str, rng: random.Random) -> str:
    """*title* with two adjacent letters swapped, as a typo fixed later."""
    places = [i for i in range(len(title) - 1) if title[i : i + 2].isalpha()]
    if not places:
        return title
    i = rng.choice(places)
    return title[:i] + title[i + 1] + title[i] + title[i + 2 :]


def next_scrape(old: tuple[Post, ...], rng: random.Random) -> list[Post]:
    """*old* a day later: posts fallen off the end, new ones on top, some edited."""
    n = len(old)
    kept = list(old[: n - n // 100])
    for index in rng.sample(range(len(kept)), n // 100):
        post = kept[index]
        if rng.random() < 0.5:
            kept[index] = attrs.evolve(post, excerpt=post.excerpt + " Updated.")
        else:
            kept[index] = attrs.evolve(post, tags=(*post.tags, "Updated"))
    dated = [i for i, post in enumerate(kept) if post.date is not None]
    for index in rng.sample(dated, n // 200):
        kept[index] = attrs.evolve(kept[index], title=_typo(kept[index].title, rng))
    for index in rng.sample(dated, n // 500):
        post = kept[index]
        assert post.date is not None
        kept[index] = attrs.evolve(post, date=post.date + datetime.timedelta(days=1))
    fresh = [
        Post(title=f"Fresh post number {k}", date=datetime.date(2026, 1, 1))
        for k in range(n // 100)
    ]
    return fresh + kept


def bench_diff(n: int, repeat: int) -> dict[str, float]:
    text = generate_text(n)
    old = tuple(bloglist.loads(text))
    new = next_scrape(old, random.Random(20250325))
    found = bloglist.diff(old, new)
    assert found.added and found.removed and found.changed
    # Interleaved, so that both see the same load of a shared machine.
    loads_times, diff_times = [], []
    for _ in range(repeat):
        loads_times.append(median_time(lambda: bloglist.loads(text), 1))
        diff_times.append(median_time(lambda: bloglist.diff(old, new), 1))
    loads = statistics.median(loads_times)
    diff = statistics.median(diff_times)
    ratio = statistics.median(
        d / t for d, t in zip(diff_times, loads_times, strict=True)
    )
    return {"loads": loads, "diff": diff, "ratio": ratio}


def one_date(n: int, seed: int) -> list[Post]:
    """*n* posts of one date with titles of random letters, none alike."""
    rng = random.Random(seed)
    day = datetime.date(2025, 3, 25)
    letters = "abcdefghijklmnopqrstuvwxyz     "
    return [Post(title="".join(rng.choices(letters, k=40)), date=day) for _ in range(n)]


def bench_adversarial(sizes: list[int], repeat: int) -> list[tuple[int, float]]:
    inputs = {n: (one_date(n, 1), one_date(n, 2)) for n in sizes}
    for old, new in inputs.values():
        assert match_posts(old, new) == ()
    # The sizes take turns, and each keeps its fastest run: a doubling ratio
    # compares two sizes, and on a shared machine a slow moment hits one only.
    best = dict.fromkeys(sizes, float("inf"))
    for _ in range(repeat):
        for n, (old, new) in inputs.items():
            start = time.perf_counter()
            match_posts(old, new)
            best[n] = min(best[n], time.perf_counter() - start)
    return list(best.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument(
        "--only", choices=("diff", "matching"), help="run one of the two measures"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    print(
        f"Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs; {args.repeat} turns"
    )
    if args.only != "matching":
        row = bench_diff(args.posts, args.repeat)
        print(f"\n{args.posts:,} posts")
        print(f"  loads  {row['loads']:8.3f} s")
        print(f"  diff   {row['diff']:8.3f} s   {row['ratio']:.2f}x loads")
    if args.only == "diff":
        return

    print("\nmatching, N unpaired posts on one date")
    previous = None
    for n, seconds in bench_adversarial(sizes, args.repeat):
        growth = f"   x{seconds / previous:.2f}" if previous else ""
        print(f"  N = {n:>6,}  {seconds:8.4f} s{growth}")
        previous = seconds


if __name__ == "__main__":
    main()
