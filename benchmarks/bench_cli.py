"""Time the command and the exports against parsing, in the same run.

Usage: ``python benchmarks/bench_cli.py [--posts 1000000] [--export-posts 100000]``

Three measurements, each beside a baseline taken in the same run:

1. ``bloglist FILE --format jsonl > /dev/null`` as a child process, on a
   generated listing of ``--posts`` posts, against ``bloglist.loads`` on the
   same text in this process (reading the file not included). Reports the
   wall time, the ratio, and the child's peak memory (its maximum resident
   set size, from ``resource.getrusage`` of a process whose only child it
   is). Goal: at most 1.5 times ``loads``, under 64 MB.
2. ``bloglist FILE --format jsonl | head -n 1``: how long until the pipeline
   ends. Goal: under a second.
3. ``to_json``, ``to_jsonl`` and ``to_csv`` on ``--export-posts`` parsed
   posts, against ``loads`` of the same posts. Goal: no slower than parsing.

Times are the best of ``--repeat`` runs. The figures in docs/performance.md
come from this script.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import write_text

import bloglist

COMMAND = [sys.executable, "-m", "bloglist"]
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    # kilobytes on Linux, bytes on macOS
    "print(peak * (1 if sys.platform == 'darwin' else 1024))\n"
)


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def command_run(args: list[str]) -> tuple[float, int]:
    """Wall time and peak memory in bytes of `bloglist ARGS > /dev/null`."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *COMMAND, *args],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start, int(done.stdout)


def pipeline(script: str) -> float:
    start = time.perf_counter()
    subprocess.run(["sh", "-c", script], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--export-posts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    print(f"Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "listing.txt"
        size = write_text(path, options.posts)
        print(f"\n1. the command, {options.posts:,} posts ({size / 1e6:.0f} MB)")
        text = path.read_text(encoding="utf-8")
        parse = best(lambda: bloglist.loads(text), options.repeat)
        del text
        runs = [
            command_run([str(path), "--format", "jsonl"]) for _ in range(options.repeat)
        ]
        wall = min(t for t, _ in runs)
        peak = max(p for _, p in runs)
        print(f"   loads (baseline)           {parse:7.2f} s")
        print(f"   bloglist --format jsonl    {wall:7.2f} s  {wall / parse:5.2f}x loads"
              f"   peak memory {peak / 2**20:.0f} MB")  # fmt: skip
        quoted = " ".join(shlex.quote(word) for word in COMMAND)
        head = min(
            pipeline(f"{quoted} {shlex.quote(str(path))} --format jsonl | head -n 1")
            for _ in range(options.repeat)
        )
        start_up = min(pipeline(f"{quoted} --version") for _ in range(options.repeat))
        print(f"\n2. | head -n 1               {head:7.2f} s"
              f"   (the interpreter's start alone: {start_up:.2f} s)")  # fmt: skip

    n = options.export_posts
    text = "".join(
        __import__("generate").iter_text(n)  # the same generator, smaller
    )
    listing = bloglist.loads(text)
    parse = best(lambda: bloglist.loads(text), options.repeat)
    print(f"\n3. exports, {n:,} posts")
    print(f"   loads (baseline)           {parse:7.3f} s")
    for name, write in (
        ("to_json", bloglist.to_json),
        ("to_jsonl", bloglist.to_jsonl),
        ("to_csv", bloglist.to_csv),
    ):
        took = best(lambda write=write: write(listing), options.repeat)
        print(f"   {name:<26} {took:7.3f} s  {took / parse:5.2f}x loads")


if __name__ == "__main__":
    main()
