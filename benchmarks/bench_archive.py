"""Benchmark: adding a scrape to a big archive file, against ``loads``.

Usage, from the repository root::

    python benchmarks/bench_archive.py                    # 100,000 posts, 1,000 a scrape
    python benchmarks/bench_archive.py --archive 20000 --scrape 500 --repeat 3

Builds an archive file of ``--archive`` generated posts (``generate.py``),
all seen once and all but the front page gone since, then times
:meth:`bloglist.ArchiveFile.add` of one scrape of ``--scrape`` posts: the
newest posts of the archive, one in fifty with its excerpt rewritten, and one
in a hundred replaced by a new post, as a blog's front page looks a day later.
Each add is to a fresh copy of the file. The baselines: ``loads`` of the
scrape's text (what reading the scrape costs) and ``loads`` of the whole
archive's posts (what any design that reads the archive's posts would pay).

Besides the add as bloglist does it (SQLite's rollback journal, the commit
waiting for the disk), the same add is timed with SQLite's ``synchronous``
off, to split the time spent computing from the time the commit waits for the
disk (fsync), and with write-ahead logging (``journal_mode = WAL``, with
``synchronous`` FULL and NORMAL), which bloglist does not use, for comparison.
Then :meth:`bloglist.ArchiveFile.load` of the whole archive file (what
``bloglist archive show`` and ``archive feed`` read first), against ``loads``
of the archive's posts. All take turns ``--repeat`` times; the fastest run of
each is shown.

Last, ``load`` of an archive of ``--reordered`` posts with two versions each,
as bloglist stores them (each post's versions oldest first) and with the
``versions`` table rewritten newest first (a restore or rebuild may leave it
so), which ``load`` puts back in order: the two should take about the same
time (it took 17 times as long at 8,000 posts, and grew with the square, in
a version that sought each post's rows among all those out of place).

And, with ``--history 1,16,64,256``, the add of a scrape of ``--scrape``
posts, each edited, to an archive file of the same posts with that many
versions each (a blog whose posts are edited at every scrape, long
followed), and :meth:`bloglist.Archive.merge` of it to the same archive in
memory, each against ``loads`` of the scrape: the ratio should not grow with
the history (it did, about twice per doubling past 20 versions, in a version
whose add read every version of each post it changed and whose merge
checked them all again).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_text  # noqa: E402
from options import runs  # noqa: E402

import bloglist  # noqa: E402
from bloglist import _store  # noqa: E402

DAY0 = datetime.datetime(2025, 3, 4, 8, tzinfo=datetime.UTC)
DAY1 = DAY0 + datetime.timedelta(days=1)
DAY2 = DAY1 + datetime.timedelta(days=1)


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


def _copy(source: str, target: str) -> None:
    """*source* copied to *target*, and on the disk before the add is timed.

    Else the add's commit, which waits for the file's writes to reach the
    disk, would wait for the whole copy's too.
    """
    for extra in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(target + extra)
    shutil.copyfile(source, target)
    with open(target, "rb+") as file:
        os.fsync(file.fileno())


# The variants of the add timed, as the SQLite settings each connection makes.
VARIANTS: dict[str, tuple[str, ...]] = {
    "add": (),
    "add, no fsync": ("PRAGMA synchronous = OFF",),
    "add, WAL, synchronous FULL": (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
    ),
    "add, WAL, synchronous NORMAL": (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--archive", type=int, default=100_000, metavar="N")
    parser.add_argument("--scrape", type=int, default=1_000, metavar="N")
    parser.add_argument("--repeat", type=runs, default=5, metavar="N")
    parser.add_argument("--reordered", type=int, default=20_000, metavar="N")
    parser.add_argument(
        "--history",
        default="",
        metavar="V,V,...",
        help="time only adds to archives whose posts have V versions each",
    )
    args = parser.parse_args()
    if args.history:
        depths = [int(depth) for depth in args.history.split(",")]
        print(
            f"Python {platform.python_version()}, {os.cpu_count()} cores, "
            f"SQLite {sqlite3.sqlite_version}; fastest of {args.repeat} turns"
        )
        print(f"a scrape of {args.scrape:,} posts, each edited, against loads of it")
        for depth, (add, merge, loads) in zip(
            depths, history_times(depths, args.scrape, args.repeat), strict=True
        ):
            print(
                f"{depth:>5} versions a post: add {add * 1000:9.2f} ms "
                f"{add / loads:6.2f}x, merge {merge * 1000:9.2f} ms "
                f"{merge / loads:6.2f}x loads ({loads * 1000:.3f} ms)"
            )
        return

    archive_text = generate_text(args.archive)
    posts = bloglist.loads(archive_text)
    scrape = scrape_of(posts, args.scrape)
    scrape_text = bloglist.dumps(scrape)
    times: dict[str, list[float]] = {
        name: []
        for name in (*VARIANTS, "loads, scrape", "loads, archive", "load, archive")
    }
    with tempfile.TemporaryDirectory() as directory:
        base = os.path.join(directory, "base.db")
        start = time.perf_counter()
        # The steady state: every post was seen once, and the front page
        # shows the newest; the rest are gone.
        bloglist.open_archive(base).add(posts, seen_at=DAY0)
        bloglist.open_archive(base).add(posts[: args.scrape], seen_at=DAY1)
        built = time.perf_counter() - start
        size = os.path.getsize(base)
        # The WAL variants start from a file already in WAL mode, as every
        # add but the first would.
        base_wal = os.path.join(directory, "base-wal.db")
        shutil.copyfile(base, base_wal)
        with contextlib.closing(sqlite3.connect(base_wal)) as db:
            db.execute("PRAGMA journal_mode = WAL")
        copy = os.path.join(directory, "copy.db")
        for _ in range(args.repeat):
            # In turns, so that all see the same load of a shared machine.
            for name, pragmas in VARIANTS.items():
                _copy(base_wal if "WAL" in name else base, copy)
                store = bloglist.open_archive(copy)
                # Never turn the fsync off for a file you care about.
                _store._PRAGMAS = pragmas
                try:
                    start = time.perf_counter()
                    store.add(scrape, seen_at=DAY2)
                    times[name].append(time.perf_counter() - start)
                finally:
                    _store._PRAGMAS = ()
            # Once a turn, as each add: the fastest of as many runs as
            # theirs (the fastest of more would favour the baseline).
            times["loads, scrape"].append(
                median_time(lambda: bloglist.loads(scrape_text), 1)
            )
            times["loads, archive"].append(
                median_time(lambda: bloglist.loads(archive_text), 1)
            )
            times["load, archive"].append(
                median_time(bloglist.open_archive(base).load, 1)
            )
    best = {name: min(runs) for name, runs in times.items()}

    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"SQLite {sqlite3.sqlite_version}; fastest of {args.repeat} turns"
    )
    print(
        f"archive file of {args.archive:,} posts: {size / 2**20:.1f} MB, "
        f"built in {built:.2f} s (two scrapes)"
    )
    print(
        f"loads, the scrape's {args.scrape:,} posts: {best['loads, scrape'] * 1000:8.1f} ms"
    )
    print(
        f"loads, the archive's {args.archive:,} posts: "
        f"{best['loads, archive'] * 1000:8.1f} ms"
    )
    print(
        f"load of the archive file:      {best['load, archive'] * 1000:8.1f} ms"
        f"   {best['load, archive'] / best['loads, archive']:5.2f}x loads of the"
        " archive's posts"
    )
    for name in VARIANTS:
        print(
            f"{name + ':':<30} {best[name] * 1000:8.1f} ms"
            f"   {best[name] / best['loads, scrape']:5.2f}x loads of the scrape,"
            f" {best[name] / best['loads, archive']:.2f}x of the archive"
        )
    if args.reordered:
        in_order, reordered = load_in_order_and_reordered(args.reordered, args.repeat)
        print(
            f"load, {args.reordered:,} posts of two versions each: "
            f"{in_order * 1000:8.1f} ms stored oldest first, "
            f"{reordered * 1000:8.1f} ms stored newest first "
            f"({reordered / in_order:.2f}x)"
        )


def load_in_order_and_reordered(size: int, repeat: int) -> tuple[float, float]:
    """The fastest ``load`` of an archive of *size* posts with two versions
    each, stored as bloglist stores them and with its versions table
    rewritten newest first, taken in turns."""
    first = [
        bloglist.Post(title=f"Post {i}", excerpt="First words") for i in range(size)
    ]
    second = [edited(post) for post in first]
    with tempfile.TemporaryDirectory() as directory:
        in_order = os.path.join(directory, "in-order.db")
        store = bloglist.open_archive(in_order)
        store.add(first, seen_at=DAY0)
        store.add(second, seen_at=DAY1)
        reordered = os.path.join(directory, "reordered.db")
        shutil.copyfile(in_order, reordered)
        with contextlib.closing(sqlite3.connect(reordered)) as db:
            db.executescript(
                "BEGIN; CREATE TEMP TABLE old AS SELECT * FROM versions;"
                " DELETE FROM versions;"
                " INSERT INTO versions SELECT * FROM old ORDER BY seen_at DESC;"
                " COMMIT;"
            )
        stores = [bloglist.open_archive(in_order), bloglist.open_archive(reordered)]
        times: list[list[float]] = [[], []]
        for _ in range(repeat):
            for kept, each in zip(times, stores, strict=True):
                kept.append(median_time(each.load, 1))
    return min(times[0]), min(times[1])


def history_times(
    depths: list[int], size: int, repeat: int
) -> list[tuple[float, float, float]]:
    """For each depth, the fastest add (to a fresh copy of the file) and
    merge of a scrape of *size* posts, each edited, to an archive whose
    posts have that many versions, and the fastest ``loads`` of the scrape."""
    posts = [
        bloglist.Post(title=f"Post {i}", date=datetime.date(2025, 1, 1), excerpt="x")
        for i in range(size)
    ]

    def scrape(k: int) -> bloglist.Listing:
        return bloglist.Listing(
            bloglist.Post(title=p.title, date=p.date, excerpt=f"Edit {k}.")
            for p in posts
        )

    found = []
    with tempfile.TemporaryDirectory() as directory:
        base = os.path.join(directory, "base.db")
        copy = os.path.join(directory, "copy.db")
        store, archive = bloglist.open_archive(base), bloglist.Archive()
        k = 0
        for depth in depths:
            while k < depth:
                at = DAY0 + datetime.timedelta(minutes=k)
                store.add(scrape(k), seen_at=at)
                archive = archive.merge(scrape(k), seen_at=at)
                k += 1
            then, text = scrape(k), bloglist.dumps(scrape(k))
            at = DAY0 + datetime.timedelta(minutes=k)
            adds, merges, loads = [], [], []
            for _ in range(repeat):
                _copy(base, copy)
                add = bloglist.open_archive(copy)
                adds.append(median_time(partial(add.add, then, seen_at=at), 1))
                merges.append(median_time(partial(archive.merge, then, seen_at=at), 1))
                loads.append(median_time(partial(bloglist.loads, text), 1))
            found.append((min(adds), min(merges), min(loads)))
    return found


def edited(post: bloglist.Post) -> bloglist.Post:
    """*post* with its excerpt edited: a second version."""
    return bloglist.Post(title=post.title, excerpt="Second words")


if __name__ == "__main__":
    main()
