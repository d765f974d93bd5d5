"""Benchmark: adding a scrape to a big archive file, against ``loads``.

Usage, from the repository root::

    python benchmarks/bench_archive.py                    # 100,000 posts, 1,000 a scrape
    python benchmarks/bench_archive.py --archive 20000 --scrape 500 --repeat 3

Builds an archive file of ``--archive`` generated posts (``generate.py``),
all seen once and all but the front page gone since, then times :meth:`bloglist.ArchiveFile.add` of one scrape of ``--scrape``
posts: the newest posts of the archive, one in fifty with its excerpt
rewritten, and one in a hundred replaced by a new post, as a blog's front
page looks a day later. Each run adds to a fresh copy of the file. The
baselines, timed in the same run on the same posts: ``loads`` of the
scrape's text (what reading the scrape costs) and ``loads`` of the whole
archive's posts (what any design that reads the archive's posts would pay).
Medians of ``--repeat`` runs. The adds are timed again with SQLite's
``synchronous`` off, on copies thrown away, to split the time spent computing
from the time the commit waits for the disk (fsync).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_text  # noqa: E402

import bloglist  # noqa: E402
from bloglist import _store  # noqa: E402

DAY0 = datetime.datetime(2025, 3, 4, 8, tzinfo=datetime.UTC)
DAY1 = DAY0 + datetime.timedelta(days=1)
DAY2 = DAY1 + datetime.timedelta(days=1)


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def scrape_of(archive: bloglist.Listing, size: int) -> bloglist.Listing:
    """The front page a day later: the newest posts, a few edited, a few new."""
    fresh = bloglist.loads(generate_text(size // 100 + 1, seed=7))
    posts = []
    for i, post in enumerate(archive[:size]):
        if i % 100 == 99:
            post = fresh[i // 100]
        elif i % 50 == 0:
            post = bloglist.Post(
                title=post.title,
                date=post.date,
                excerpt="Rewritten. " + post.excerpt,
                tags=post.tags,
                sticky=post.sticky,
            )
        posts.append(post)
    return bloglist.Listing(posts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=int, default=100_000, metavar="N")
    parser.add_argument("--scrape", type=int, default=1_000, metavar="N")
    parser.add_argument("--repeat", type=int, default=5, metavar="N")
    args = parser.parse_args()

    archive_text = generate_text(args.archive)
    posts = bloglist.loads(archive_text)
    scrape = scrape_of(posts, args.scrape)
    scrape_text = bloglist.dumps(scrape)
    with tempfile.TemporaryDirectory() as directory:
        base = os.path.join(directory, "base.db")
        start = time.perf_counter()
        # The steady state: every post was seen once, and the front page
        # shows the newest; the rest are gone.
        bloglist.open_archive(base).add(posts, seen_at=DAY0)
        bloglist.open_archive(base).add(posts[: args.scrape], seen_at=DAY1)
        built = time.perf_counter() - start
        copy = os.path.join(directory, "copy.db")
        adds = []
        for _ in range(args.repeat):
            shutil.copyfile(base, copy)
            store = bloglist.open_archive(copy)
            start = time.perf_counter()
            store.add(scrape, seen_at=DAY2)
            adds.append(time.perf_counter() - start)
        add = statistics.median(adds)
        # The same adds without waiting for the disk (no fsync), to tell the
        # time spent computing from the time the commit waits for the disk to
        # make the write durable. Never do this to a file you care about.
        _store._PRAGMAS = ("PRAGMA synchronous = OFF",)
        unsynced = []
        for _ in range(args.repeat):
            shutil.copyfile(base, copy)
            store = bloglist.open_archive(copy)
            start = time.perf_counter()
            store.add(scrape, seen_at=DAY2)
            unsynced.append(time.perf_counter() - start)
        _store._PRAGMAS = ()
        compute = statistics.median(unsynced)
        size = os.path.getsize(base)
    loads_scrape = median_time(lambda: bloglist.loads(scrape_text), args.repeat)
    loads_archive = median_time(lambda: bloglist.loads(archive_text), args.repeat)

    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"SQLite {__import__('sqlite3').sqlite_version}; medians of {args.repeat}"
    )
    print(
        f"archive file of {args.archive:,} posts: {size / 2**20:.1f} MB, "
        f"built in {built:.2f} s (two scrapes)"
    )
    print(f"add a {args.scrape:,}-post scrape:     {add * 1000:8.1f} ms")
    print(
        f"  the same, no fsync:          {compute * 1000:8.1f} ms"
        f"   add is {compute / loads_scrape:.2f}x loads of the scrape"
    )
    print(
        f"loads, the scrape's {args.scrape:,} posts: {loads_scrape * 1000:8.1f} ms"
        f"   add is {add / loads_scrape:.2f}x"
    )
    print(
        f"loads, the archive's {args.archive:,} posts: {loads_archive * 1000:8.1f} ms"
        f"   add is {add / loads_archive:.2f}x"
    )


if __name__ == "__main__":
    main()
