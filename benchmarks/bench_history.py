"""Time following a blog over time: diff of two big scrapes, and matching at its worst.

Usage: ``python benchmarks/bench_history.py [--posts 100000] [--repeat 5]
[--sizes 1000,2000,4000,8000] [--lengths 100,400,1600,6400]
[--only diff|retitled|matching|titles|page] [--title-posts 20]
[--page-posts 200000]``

The measures:

- **diff**: ``bloglist.diff`` of two listings of *posts* posts, the second a
  day later (1% of the posts fallen off the end, 1% new on top, 1% with an
  edited excerpt or tags, 0.5% with a title typo fixed, 0.2% with a date
  corrected), each read by ``bloglist.loads`` from its own text, as two
  scrapes are; against ``bloglist.loads`` of the first listing alone and of
  both, in the same run, all taking turns *repeat* times: the fastest run of
  each, the median of the ratios of each turn, and the ratios of the fastest
  runs. The goal is a ratio of at most 1 to ``loads`` of one listing. Also
  timed, for comparison: the diff of the same two listings when the second
  shares the first's post objects (a listing edited in memory), where
  comparing equal posts is cheapest. Every call is timed without freeing
  what it returns, ``loads`` as ``diff``.
- **retitled**: ``bloglist.diff`` of the same listing of *posts* posts and
  a scrape of it with every title edited (two adjacent letters swapped, as
  a scraper whose title extraction changed, or a blog retitling its whole
  index, would give), each read by ``bloglist.loads`` from its own text,
  against ``loads`` of the first listing, taking turns: every dated post
  reaches the close-title step, compared with the unpaired posts of its
  date; the undated posts are removed and added (a close title needs a
  date), as are the few whose edit takes a short title below the ratio.
  No goal: it shows what that step costs when every post reaches it.
- **adversarial matching**: two scrapes of N posts all on one date and none
  alike (nothing pairs, so every post reaches the close-title step), for each
  N of *sizes*, the sizes taking turns *repeat* times, the fastest run of
  each. Matching is near-linear when the time grows by at most 2.5 per
  doubling of N.
- **long titles**: two scrapes of 20 posts (``--title-posts``) on one date whose titles are words
  of a small vocabulary (every pair alike enough that the close-title step
  computes its ratio), for titles of each length of *lengths* characters.
  Past 100 characters a title is compared by its two ends, so the time stays
  flat; compared whole, it grew with the square of the length (25 s at 1,000
  characters).
- **a page against a big listing**: ``bloglist.diff`` of the sample's 12
  posts (a page) and a listing of *page-posts* posts on the sample's dates,
  each the title of one of the sample's posts with a number after it (so
  that each of the page's posts is close to every post of its date on the
  other side), against ``bloglist.loads`` of the big listing's text, taking
  turns: the fastest of each, and the median of the ratios.
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
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

import bloglist
from bloglist import Post
from bloglist._match import match_posts

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_text
from options import runs


def median_time(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of *repeat* calls of *run*, without freeing what it returns."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        # Freed after the clock stops, the same for every run timed.
        del result
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
        Post(
            title=f"Fresh post number {k}",
            date=datetime.date(2026, 1, 1),
            excerpt="Just published.",
        )
        for k in range(n // 100)
    ]
    return fresh + kept


def _best_of_turns(
    runs: dict[str, Callable[[], object]], repeat: int
) -> dict[str, list[float]]:
    """The times of each run, the runs taking turns *repeat* times."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        # In turns, so that all see the same load of a shared machine.
        for name, run in runs.items():
            times[name].append(median_time(run, 1))
    return times


def bench_diff(n: int, repeat: int) -> dict[str, float]:
    text = generate_text(n)
    old = tuple(bloglist.loads(text))
    edited = next_scrape(old, random.Random(20250325))
    new_text = bloglist.dumps(edited)
    new = tuple(bloglist.loads(new_text))
    assert list(new) == edited
    found = bloglist.diff(old, new)
    assert found.added and found.removed and found.changed
    assert bloglist.diff(old, edited) == found
    times = _best_of_turns(
        {
            "loads": lambda: bloglist.loads(text),
            "loads both": lambda: (bloglist.loads(text), bloglist.loads(new_text)),
            "diff": lambda: bloglist.diff(old, new),
            "diff shared": lambda: bloglist.diff(old, edited),
        },
        repeat,
    )
    row = {name: min(runs) for name, runs in times.items()}
    for name, base in (("loads", "loads"), ("both", "loads both")):
        for what in ("diff", "diff shared"):
            row[f"{what} / {name}"] = statistics.median(
                d / t for d, t in zip(times[what], times[base], strict=True)
            )
    return row


def _diff_against_loads(
    text: str, old: Sequence[Post], new: Sequence[Post], repeat: int
) -> dict[str, float]:
    """``diff(old, new)`` and ``loads(text)`` in turns: the fastest of each,
    and the median of the turns' ratios."""
    times = _best_of_turns(
        {
            "loads": lambda: bloglist.loads(text),
            "diff": lambda: bloglist.diff(old, new),
        },
        repeat,
    )
    row = {name: min(runs) for name, runs in times.items()}
    row["diff / loads"] = statistics.median(
        d / t for d, t in zip(times["diff"], times["loads"], strict=True)
    )
    return row


def retitled(text: str, seed: int) -> str:
    """The text of *text*'s posts, every title edited by :func:`_typo`."""
    rng = random.Random(seed)
    return bloglist.dumps(
        attrs.evolve(post, title=_typo(post.title, rng))
        for post in bloglist.loads(text)
    )


def bench_retitled(n: int, repeat: int) -> dict[str, float]:
    text = generate_text(n)
    new_text = retitled(text, 20250325)
    old, new = tuple(bloglist.loads(text)), tuple(bloglist.loads(new_text))
    found = bloglist.diff(old, new)
    # Every change is a title; a post not paired (undated, or a short title
    # whose typo takes it below the ratio) is removed and added, and a title
    # that a swap leaves as it was (two equal letters) is unchanged.
    assert all(change.fields == ("title",) for change in found.changed)
    assert len(found.changed) + len(found.removed) + found.unchanged == len(old)
    row = _diff_against_loads(text, old, new, repeat)
    row["changed"] = len(found.changed)
    return row


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
    return _fastest_matches(inputs, repeat)


def _fastest_matches(
    inputs: dict[int, tuple[list[Post], list[Post]]], repeat: int
) -> list[tuple[int, float]]:
    """The fastest match of each pair of scrapes in *inputs*, by its size.

    The sizes take turns, and each keeps its fastest run: a doubling ratio
    compares two sizes, and on a shared machine a slow moment hits one only.
    """
    best = dict.fromkeys(inputs, float("inf"))
    for _ in range(repeat):
        for n, (old, new) in inputs.items():
            start = time.perf_counter()
            found = match_posts(old, new)
            best[n] = min(best[n], time.perf_counter() - start)
            del found
    return list(best.items())


def long_titles(length: int, seed: int, count: int = 20) -> list[Post]:
    """*count* posts of one date, titles of *length* characters from eight words."""
    rng = random.Random(seed)
    words = ["data", "notes", "python", "release", "new", "tools", "the", "of"]
    day = datetime.date(2025, 3, 25)
    posts = []
    for _ in range(count):
        title = ""
        while len(title) < length:
            title += rng.choice(words) + " "
        posts.append(Post(title=title[:length], date=day))
    return posts


def bench_titles(
    lengths: list[int], repeat: int, count: int = 20
) -> list[tuple[int, float]]:
    inputs = {n: (long_titles(n, 1, count), long_titles(n, 2, count)) for n in lengths}
    return _fastest_matches(inputs, repeat)


def page_against(n: int) -> tuple[list[Post], str]:
    """The sample's posts, and the text of *n* posts of its dates, each
    titled as one of them with a number after it."""
    page = list(bloglist.loads(bloglist.sample_text()))
    posts = [
        attrs.evolve(page[k % len(page)], title=f"{page[k % len(page)].title} {k}")
        for k in range(n)
    ]
    return page, bloglist.dumps(posts)


def bench_page(n: int, repeat: int) -> dict[str, float]:
    page, text = page_against(n)
    big = tuple(bloglist.loads(text))
    found = bloglist.diff(page, big)
    # Each of the page's dated posts pairs with one of the big listing's,
    # as a title edited; its undated ones are removed.
    undated = sum(post.date is None for post in page)
    assert len(found.changed) == len(page) - undated
    assert len(found.removed) == undated
    return _diff_against_loads(text, page, big, repeat)


def _print_against_loads(
    heading: str, listing: str, row: dict[str, float], repeat: int, ratio: str
) -> None:
    """Print a measure of :func:`_diff_against_loads`: *heading*, then
    ``loads`` of *listing* and ``diff`` with its ratio, read as *ratio*."""
    print(f"\n{heading} (fastest of {repeat} turns)")
    print(f"  loads, {listing:<15} {row['loads']:8.3f} s")
    print(
        f"  diff                   {row['diff']:8.3f} s   "
        f"{row['diff / loads']:.2f}x {ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--repeat", type=runs, default=5)
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--lengths", default="100,400,1600,6400")
    parser.add_argument(
        "--title-posts", type=int, default=20, help="posts a scrape for --only titles"
    )
    parser.add_argument(
        "--page-posts",
        type=int,
        default=200_000,
        help="posts of the big listing for --only page",
    )
    parser.add_argument(
        "--only",
        choices=("diff", "retitled", "matching", "titles", "page"),
        help="run one of the five measures",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    lengths = [int(length) for length in args.lengths.split(",")]

    print(
        f"Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs; {args.repeat} turns"
    )
    if args.only in (None, "diff"):
        row = bench_diff(args.posts, args.repeat)
        print(f"\n{args.posts:,} posts a listing (fastest of {args.repeat} turns)")
        print(f"  loads, one listing     {row['loads']:8.3f} s")
        print(f"  loads, both listings   {row['loads both']:8.3f} s")
        for what, label in (("diff", "diff"), ("diff shared", "diff, shared posts")):
            print(
                f"  {label:<22} {row[what]:8.3f} s   "
                f"{row[what + ' / loads']:.2f}x loads of one, "
                f"{row[what + ' / both']:.2f}x loads of both (medians of turns); "
                f"fastest against fastest: {row[what] / row['loads']:.2f}x, "
                f"{row[what] / row['loads both']:.2f}x"
            )
    if args.only in (None, "retitled"):
        row = bench_retitled(args.posts, args.repeat)
        _print_against_loads(
            f"{args.posts:,} posts, every title edited",
            "one listing",
            row,
            args.repeat,
            "loads of one (median of turns); "
            f"{row['diff'] / row['changed'] * 1e6:.0f} us a changed post",
        )
    if args.only in (None, "matching"):
        print("\nmatching, N unpaired posts on one date")
        previous = None
        for n, seconds in bench_adversarial(sizes, args.repeat):
            growth = f"   x{seconds / previous:.2f}" if previous else ""
            print(f"  N = {n:>6,}  {seconds:8.4f} s{growth}")
            previous = seconds
    if args.only in (None, "titles"):
        print(
            f"\nmatching, {args.title_posts} posts on one date with alike titles "
            "of L characters"
        )
        for n, seconds in bench_titles(lengths, args.repeat, args.title_posts):
            print(f"  L = {n:>6,}  {seconds:8.4f} s")
    if args.only in (None, "page"):
        row = bench_page(args.page_posts, args.repeat)
        _print_against_loads(
            f"a page of 12 posts against {args.page_posts:,} posts of close titles",
            "the big listing",
            row,
            args.repeat,
            "loads (median of turns)",
        )


if __name__ == "__main__":
    main()
