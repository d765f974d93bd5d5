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
    """How many posts of the file at *path* carry each tag, as
    ``Listing.count_by("tag")`` and ``bloglist tags`` count them: a post once
    for each of its tags, and tags that differ only in case as one, under
    the spelling met first."""
    return Counter(dict(parse(path).count_by("tag")))


def add_counts(total: Counter[str], counts: Counter[str]) -> Counter[str]:
    """*total* and *counts* added up, in a new Counter: a tag of *counts*
    that differs from one of *total* only in case is counted under
    *total*'s spelling, as ``count_by`` counts the tags of one listing."""
    spelling = {tag.casefold(): tag for tag in total}
    added = Counter(total)
    for tag, count in counts.items():
        added[spelling.setdefault(tag.casefold(), tag)] += count
    return added


def count_tags_parallel(
    paths: Iterable[str], *, processes: int | None = None
) -> Counter[str]:
    """The tag counts of all the files, each file parsed in a worker process,
    added up in the order of *paths* (a tag is spelt as the first file that
    has it spells it).

    Only the counts travel back from the workers, not the posts.
    """
    total: Counter[str] = Counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        for counts in pool.imap(count_tags, paths):
            total = add_counts(total, counts)
    return total


if __name__ == "__main__":
    for tag, count in count_tags_parallel(sys.argv[1:]).most_common(20):
        print(f"{count:8} {tag}")
