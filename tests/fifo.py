"""A named pipe that the code a test runs must not open.

Opened for reading, a named pipe waits for a writer: a regression that
opens one would hang the suite, where it should fail a test.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def unopened_fifo(path: Path, wait: float = 5.0) -> Iterator[list[bool]]:
    """Make a named pipe at *path* for the block to run with.

    Yields a list, empty unless the block was still running *wait* seconds
    after it began: then a writer opens the pipe and closes it at once, so
    that a reader that opened it (and waits) reads its end, and True is
    appended; so again every *wait* seconds, for a block that opens it
    again. A test asserts that the list is empty.
    """
    os.mkfifo(path)
    done, rescued = threading.Event(), []

    def rescue() -> None:
        while not done.wait(wait):
            rescued.append(True)
            with open(path, "wb"):
                pass

    watcher = threading.Thread(target=rescue)
    watcher.start()
    try:
        yield rescued
    finally:
        done.set()
        if rescued:
            # The writer's open waits for a reader, should the block not
            # have opened the pipe after all: one that does not wait.
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        watcher.join()
