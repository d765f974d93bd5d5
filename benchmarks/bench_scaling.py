"""Benchmark: paths that once grew with the square of their input, by doubling.

Usage, from the repository root::

    python benchmarks/bench_scaling.py                     # 2,000 to 16,000 posts
    python benchmarks/bench_scaling.py --sizes 1000,2000 --repeat 3

For each N of ``--sizes``, the fastest of ``--repeat`` runs of:

- ``from_json`` of ``to_json`` of N generated posts (each record's line was
  once counted from the start of the text), and ``from_jsonl`` of
  ``to_jsonl`` of them, given as one str;
- ``count_by("tag")`` of N posts whose tag lines each name one tag of their
  own, one post in ten naming it twice (``TaTa``; the tag index once read
  every post again for each repeated name);
- ``Archive.merge`` of N equal undated posts, a "Links" series (each once
  tried every id variant before its own).

and, as the baseline of the same run, ``loads`` of the N generated posts,
each timed without freeing what it returns. A
path is linear when each doubling of N multiplies its time by about 2 (at
most 2.5, the bound the matching benchmark uses); quadratic, by about 4.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_text
from options import runs

import bloglist

SEEN_AT = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)


def _tag(n: int) -> str:
    """A tag of its own for post *n*: T, then n in letters (Tb, Tcd, ...)."""
    letters = "".join(chr(ord("a") + int(digit)) for digit in str(n))
    return "T" + letters


def _repeated_tags(n: int) -> str:
    return "".join(
        f"\nPost {i}\n\nExcerpt.\n{_tag(i) * (2 if i % 10 == 0 else 1)}\n"
        for i in range(n)
    )


def _cases(n: int) -> dict[str, Callable[[], object]]:
    text = generate_text(n)
    posts = bloglist.loads(text)
    as_json = bloglist.to_json(posts)
    as_jsonl = bloglist.to_jsonl(posts)
    tagged = bloglist.loads(_repeated_tags(n))
    links = [bloglist.Post(title="Links") for _ in range(n)]
    return {
        "loads (baseline)": lambda: bloglist.loads(text),
        "from_json": lambda: bloglist.from_json(as_json),
        "from_jsonl, of a str": lambda: bloglist.from_jsonl(as_jsonl),
        "count_by tag, repeated names": lambda: bloglist.Listing(tagged).count_by(
            "tag"
        ),
        "merge, equal posts": lambda: bloglist.Archive().merge(links, seen_at=SEEN_AT),
    }


def _fastest(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        # Freed after the clock stops, the same for every run timed.
        del result
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--sizes", default="2000,4000,8000,16000", metavar="N,N,...")
    parser.add_argument("--repeat", type=runs, default=3, metavar="N")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    times: dict[str, list[float]] = {}
    for n in sizes:
        for name, run in _cases(n).items():
            times.setdefault(name, []).append(_fastest(run, args.repeat))
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores; "
        f"fastest of {args.repeat}; N = {', '.join(f'{n:,}' for n in sizes)}"
    )
    for name, found in times.items():
        cells = "  ".join(f"{t * 1000:9.1f} ms" for t in found)
        ratios = " ".join(f"x{b / a:.2f}" for a, b in itertools.pairwise(found))
        print(f"{name:<30} {cells}   per doubling: {ratios}")


if __name__ == "__main__":
    main()
