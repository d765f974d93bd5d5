"""Benchmark: bloglist beside a thread that is busy computing.

Usage, from the repository root::

    python benchmarks/bench_threads.py                 # 1,000 tag lines, 2,000 posts
    python benchmarks/bench_threads.py --lines 200 --posts 500 --repeat 3

Times each step alone, then with another thread of the same process running
a loop of pure Python, in turns, and prints the fastest of ``--repeat`` runs
of each and their ratio. A C extension that lets go of the GIL while it works
must take it back after, and beside a busy thread that waits until the
thread's turn ends (Python's switch interval, 5 ms): a step that lets go of
it once per small piece of work pays that wait each time.

- ``loads`` of ``--lines`` posts whose tag lines are not ASCII, which the
  ``regex`` module splits (it kept the GIL from this benchmark's first run
  on: ``concurrent=False``), and of the same posts with ASCII tag lines,
  which ``re`` splits;
- ``ArchiveFile.add`` of ``--posts`` posts to a new archive file, and
  ``ArchiveFile.load`` of it: Python's ``sqlite3`` lets go of the GIL at
  each step of a statement (each row read or written), which bloglist cannot
  change.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from options import runs  # noqa: E402

import bloglist  # noqa: E402

NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)


@contextmanager
def busy_thread() -> Iterator[None]:
    """Another thread that computes in pure Python until the block ends."""
    stop = threading.Event()
    started = threading.Event()

    def spin() -> None:
        started.set()
        count = 0
        while not stop.is_set():
            count += 1

    thread = threading.Thread(target=spin, daemon=True)
    thread.start()
    started.wait()
    # Running for a while, as a server's busy thread would be.
    time.sleep(0.1)
    try:
        yield
    finally:
        stop.set()
        thread.join()


def fastest(run: Callable[[], object], repeat: int, busy: bool) -> float:
    """The fastest of *repeat* runs of *run*, with a busy thread or without."""
    times = []
    for _ in range(repeat):
        if busy:
            with busy_thread():
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
        else:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000, metavar="N")
    parser.add_argument("--posts", type=int, default=2_000, metavar="N")
    parser.add_argument("--repeat", type=runs, default=3, metavar="N")
    args = parser.parse_args()

    other = "".join(
        f"\nPost {n}\n\nAn excerpt.\nCafé{n}CultureÉtéNews\n" for n in range(args.lines)
    )
    plain = "".join(
        f"\nPost {n}\n\nAn excerpt.\nCafe{n}CultureEteNews\n" for n in range(args.lines)
    )
    bloglist.loads(other)  # regex imported and its patterns compiled
    posts = [
        bloglist.Post(title=f"Post {n}", excerpt="An excerpt.", tags=("Data",))
        for n in range(args.posts)
    ]
    with tempfile.TemporaryDirectory() as directory:
        made = iter(range(1 << 30))

        def add() -> None:
            path = os.path.join(directory, f"add-{next(made)}.db")
            bloglist.open_archive(path).add(posts, seen_at=NOON)

        full = os.path.join(directory, "full.db")
        bloglist.open_archive(full).add(posts, seen_at=NOON)
        steps: dict[str, Callable[[], object]] = {
            f"loads, {args.lines:,} tag lines not ASCII": lambda: bloglist.loads(other),
            f"loads, {args.lines:,} ASCII tag lines": lambda: bloglist.loads(plain),
            f"add of {args.posts:,} posts to a new archive": add,
            "load of that archive": bloglist.open_archive(full).load,
        }
        print(
            f"Python {platform.python_version()}, {os.cpu_count()} cores, "
            f"SQLite {sqlite3.sqlite_version}, switch interval "
            f"{sys.getswitchinterval() * 1000:g} ms; fastest of {args.repeat}"
        )
        print(f"{'step':45} {'alone':>10} {'beside':>10} {'ratio':>8}")
        for name, run in steps.items():
            alone = fastest(run, args.repeat, busy=False)
            beside = fastest(run, args.repeat, busy=True)
            print(
                f"{name:45} {alone * 1000:8.1f}ms {beside * 1000:8.1f}ms "
                f"{beside / alone:7.1f}x"
            )


if __name__ == "__main__":
    main()
