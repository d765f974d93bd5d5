"""Adversarial sizes: does parsing stay linear, and memory bounded, on hostile input?

Each case builds an input at its size and at twice its size, parses both, and
prints the time ratio (the median of a few runs; linear work gives 2) and the
peak memory that the parse allocated (tracemalloc, the input itself not
counted). A ratio of 2.5 or more fails the run. Run from the repository root::

    python benchmarks/adversarial.py              # the sizes of the issue
    python benchmarks/adversarial.py --scale 0.1  # a tenth of them, quicker

The cases are those of ``docs/security.md``: a 10 MB line, a million blank,
``sticky`` or date-shaped lines, a 1 MB tag line of alternating case (with and
without known names), a post with a 1 MB title, and a few shapes found while
checking these (a date line padded with spaces, a huge vocabulary).
"""

from __future__ import annotations

import argparse
import gc
import io
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import bloglist

LIMIT = 2.5
MB = 1_000_000


def _date_lines(n: int) -> str:
    # Different lines (the parser caches each date line it has read), in the
    # forms that take each path: the fast path, the guard alone, dateutil,
    # and every error.
    forms = (
        "Mar {d}, {y}",  # the fast path
        "Feb 30, {y}",  # not a real day
        "{y}-{m:02d}-{d:02d}",  # ISO
        "{y}-13-{d:02d}",  # no month 13
        "Mar {d}",  # no year
        "Mar {d}, {yy}",  # a two-digit year
        "March {d}, {y}",  # dateutil
        "{d}th Sept. {y}",  # dateutil
    )
    return "".join(
        forms[i % 8].format(d=i % 28 + 1, m=i % 12 + 1, y=1000 + i % 9000, yy=i % 100)
        + "\n"
        for i in range(n)
    )


def _vocabulary(count: int) -> list[str]:
    # Names that follow an alternating-case line for a while and then fail,
    # the worst a vocabulary can do, and many more that never match.
    near = [("aA" * k)[:-1] + "x" for k in range(1, 33)]
    return near + [f"Name{i}" for i in range(count)]


# name -> (what to parse, given the scale; the keyword options of loads)
Case = tuple[Callable[[float], "str | bytes"], dict[str, Any]]

CASES: dict[str, Case] = {
    "10 MB single line": (lambda s: "x" * int(10 * MB * s), {}),
    "10 MB single line, as bytes": (lambda s: b"x" * int(10 * MB * s), {}),
    "1M blank lines": (lambda s: "\n" * int(MB * s), {}),
    "1M sticky lines": (lambda s: "sticky\n" * int(MB * s), {}),
    "1 MB tag line aAaA": (
        lambda s: "\nT\n\nE\n" + "aA" * int(MB / 2 * s),
        {},
    ),
    "1 MB tag line aAaA, tags=": (
        lambda s: "\nT\n\nE\n" + "aA" * int(MB / 2 * s),
        {"tags": ["aA", "Aa", "GenAI", "iOS"]},
    ),
    "1 MB tag line aAaA, 10k tags=": (
        lambda s: "\nT\n\nE\n" + "aA" * int(MB / 2 * s),
        {"tags": _vocabulary(10_000)},
    ),
    "1M date-shaped lines": (lambda s: _date_lines(int(MB * s)), {}),
    "1 MB title": (lambda s: "sticky\n\n" + "T" * int(MB * s) + "\n\nE\n", {}),
    "10 MB date line of spaces": (
        lambda s: "Mar" + " " * int(10 * MB * s) + "5, 2024\n\nT\n\nE\n",
        {},
    ),
}


def _parse(data: str | bytes, options: dict[str, Any]) -> bloglist.Listing:
    if isinstance(data, bytes):
        return bloglist.load(io.BytesIO(data), **options)
    return bloglist.loads(data, **options)


def _seconds(data: str | bytes, options: dict[str, Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    _parse(data, options)
    return time.perf_counter() - start


def _peak(data: str | bytes, options: dict[str, Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        listing = _parse(data, options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del listing
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every size (default 1)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per size; the median counts"
    )
    parser.add_argument("--only", help="run only the cases whose name holds this")
    args = parser.parse_args(argv)

    print(
        f"bloglist {bloglist.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, scale {args.scale}, median of {args.repeat}"
    )
    header = (
        f"{'case':32} {'input':>9} {'time':>8} {'x2 time':>8} {'ratio':>6}"
        f" {'peak':>9} {'x2 peak':>9} {'peak/in':>7}"
    )
    print(header)
    print("-" * len(header))
    failed = []
    for name, (make, options) in CASES.items():
        if args.only and args.only not in name:
            continue
        small, large = make(args.scale), make(2 * args.scale)
        _parse(small, options)  # lazy imports, first-call costs
        # Small and large runs alternate, so that a machine busy with other
        # work slows both alike.
        times = [
            (_seconds(small, options), _seconds(large, options))
            for _ in range(args.repeat)
        ]
        t1 = statistics.median(t for t, _ in times)
        t2 = statistics.median(t for _, t in times)
        ratio = t2 / t1
        p1, p2 = _peak(small, options), _peak(large, options)
        size = len(small.encode("utf-8") if isinstance(small, str) else small)
        mark = "" if ratio < LIMIT else "  <-- not linear"
        if mark:
            failed.append(name)
        print(
            f"{name:32} {size / MB:7.1f}MB {t1:7.3f}s {t2:7.3f}s {ratio:6.2f}"
            f" {p1 / MB:7.1f}MB {p2 / MB:7.1f}MB {p1 / size:7.1f}{mark}",
            flush=True,
        )
    if failed:
        print(f"time ratio of {LIMIT} or more: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
