"""Run a check in a forked child process, for tests of what a fork keeps."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable


def in_child(check: Callable[[], bool]) -> int:
    """Fork; in the child, run *check* with a deadline of 10 seconds and
    exit 0 if it returns True, 1 if False, 2 if it raises, 3 if it hangs."""
    with warnings.catch_warnings():
        # Python 3.12 warns that a fork with threads may deadlock: the tests
        # that fork check what the child is left with.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover (the child's coverage is not measured)
        code = 2
        try:
            code = 0 if check() else 1
        finally:
            os._exit(code)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return 3
