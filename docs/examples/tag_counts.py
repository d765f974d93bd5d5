"""Tag counts across many listing files, parsed in parallel.

A recipe from docs/scaling.md: copy it next to your code. The worker
functions live in a module, not in ``__main__`` or an interactive session, so
that worker processes can import them by name. The workers are started
fresh ("spawn", as on Windows and macOS), not forked: a fork of a process
that runs threads (a web server's, a test runner's) may copy a lock another
thread holds, and the worker then waits for it for ever.

Run it on a folder of listings::

    python tag_counts.py listings/*.txt
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter
from collections.abc import Iterable

import bloglist


def parse(path: str) -> bloglist.Listing:
    """The listing in the file at *path*."""
    with open(path, "rb") as file:
        return bloglist.load(file)


def count_tags(path: str) -> Counter[str]:
    """How many posts of the file at *path* carry each tag."""
    return Counter(tag for post in parse(path) for tag in post.tags)


def count_tags_parallel(
    paths: Iterable[str], *, processes: int | None = None
) -> Counter[str]:
    """The tag counts of all the files, each file parsed in a worker process.

    Only the counts travel back from the workers, not the posts.
    """
    total: Counter[str] = Counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        for counts in pool.imap_unordered(count_tags, paths):
            total.update(counts)
    return total


if __name__ == "__main__":
    for tag, count in count_tags_parallel(sys.argv[1:]).most_common(20):
        print(f"{count:8} {tag}")
