"""Start a child process with part of its state set first, without preexec_fn.

``subprocess``'s ``preexec_fn`` runs Python in the child between fork and
exec, which may deadlock when the parent has threads (a pytest-xdist worker
has them): the child waits for a lock a thread of the parent held at the
fork, for ever. Here a small Python sets the state, then replaces itself
with the command (``os.execvp``), which keeps the signal actions and limits
it was given.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable

_EXEC = "import os, sys\n{setup}\nos.execvp(sys.argv[1], sys.argv[1:])\n"


def prepared(
    argv: list[str],
    *,
    default_signals: Iterable[signal.Signals] = (),
    file_size_limit: int | None = None,
) -> list[str]:
    """*argv* run with *default_signals* at their default action (whatever
    this run inherited: a run in the background of a shell without job
    control ignores SIGINT, one under nohup SIGHUP) and, when given, a limit
    of *file_size_limit* bytes on the files it writes (``ulimit -f``)."""
    setup = ["import signal"]
    setup += [
        f"signal.signal({int(signum)}, signal.SIG_DFL)" for signum in default_signals
    ]
    if file_size_limit is not None:
        setup += [
            "import resource",
            "resource.setrlimit(resource.RLIMIT_FSIZE,"
            f" ({file_size_limit}, {file_size_limit}))",
        ]
    return [sys.executable, "-c", _EXEC.format(setup="\n".join(setup)), *argv]
