"""Time the command and the exports against parsing, in the same run.

Usage: ``python benchmarks/bench_cli.py [--posts 1000000] [--export-posts 100000]``

Three measurements, each beside a baseline taken in the same run:

1. ``bloglist FILE --format jsonl > /dev/null`` as a child process, on a
   generated listing of ``--posts`` posts, against two baselines of
   ``bloglist.loads`` on the same text, all taken in turns: in this process
   (reading the file not included, nor freeing the listing it returns: the
   command holds no listing), its best of ``--repeat`` calls, made on a heap
   that earlier calls have grown; and in a child process of its own, as the
   command runs: a program that reads the file and calls ``loads`` once
   (``python -c``, ending with ``os._exit`` so that the listing is not freed),
   which pays the start of Python, the import, the read, and the memory of a
   whole listing taken from the system for the first time. Reports the wall
   time and the CPU time (user and system) of each, their ratios to each
   baseline, and each child's peak memory (its maximum resident set size,
   from ``resource.getrusage`` of a process whose only child it is). Goal:
   at most 1.5 times ``loads``, under 64 MB. On a machine shared with other
   work, the CPU times are the steadier figure. ``bloglist tags FILE`` and
   ``bloglist stats FILE`` the same way: they count the posts a batch at a
   time, in flat memory too.
2. ``bloglist FILE --format jsonl | head -n 1``: how long until the pipeline
   ends. Goal: under a second.
3. ``to_json``, ``to_jsonl`` and ``to_csv`` on ``--export-posts`` parsed
   posts, against ``loads`` of the same posts. Goal: no slower than parsing.

Times are the best of ``--repeat`` runs; each call is timed without freeing
what it returns, the baselines as the subjects. The figures in docs/performance.md
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
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import write_text
from options import runs as repeat_count

import bloglist

COMMAND = [sys.executable, "-m", "bloglist"]
# A program that loads the file once, the listing kept to the end (no time
# spent freeing it, as the command frees none).
LOADS_ONCE = (
    "import os, sys, bloglist\n"
    "listing = bloglist.loads(open(sys.argv[1], encoding='utf-8').read())\n"
    "os._exit(0)\n"
)
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    # kilobytes on Linux, bytes on macOS
    "peak = used.ru_maxrss * (1 if sys.platform == 'darwin' else 1024)\n"
    "print(peak, used.ru_utime + used.ru_stime)\n"
)


def timed(function: Callable[[], object]) -> tuple[float, float]:
    """Wall time and CPU time of one call, without freeing what it returns.

    The result is kept until both clocks have stopped: the command streams
    its output and never holds the whole listing, so a ``loads`` baseline
    that paid for freeing the listing it built would look slower than it is.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    del result
    return wall, cpu


def command_run(args: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time and peak memory in bytes of `bloglist ARGS > /dev/null`."""
    return child_run([*COMMAND, *args])


def child_run(argv: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time and peak memory in bytes of *argv* as a child
    process, its output to /dev/null."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *argv],
        capture_output=True,
        check=True,
    )
    peak, cpu = done.stdout.split()
    return time.perf_counter() - start, float(cpu), int(peak)


def pipeline(script: str) -> float:
    start = time.perf_counter()
    subprocess.run(["sh", "-c", script], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--export-posts", type=int, default=100_000)
    parser.add_argument("--repeat", type=repeat_count, default=3)
    options = parser.parse_args()

    print(f"Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "listing.txt"
        size = write_text(path, options.posts)
        print(f"\n1. the command, {options.posts:,} posts ({size / 1e6:.0f} MB)")
        commands = {
            "bloglist --format jsonl": [str(path), "--format", "jsonl"],
            "bloglist tags": ["tags", str(path)],
            "bloglist stats": ["stats", str(path)],
        }
        parses: list[tuple[float, float]] = []
        once: list[tuple[float, float, int]] = []
        runs: dict[str, list[tuple[float, float, int]]] = {
            name: [] for name in commands
        }
        for _ in range(options.repeat):  # in turns, so that all meet the same load
            text = path.read_text(encoding="utf-8")
            parses.append(timed(partial(bloglist.loads, text)))
            del text
            once.append(child_run([sys.executable, "-c", LOADS_ONCE, str(path)]))
            for name, args in commands.items():
                runs[name].append(command_run(args))
        parse, parse_cpu = min(w for w, _ in parses), min(c for _, c in parses)
        fresh, fresh_cpu = min(w for w, _, _ in once), min(c for _, c, _ in once)
        fresh_peak = max(p for _, _, p in once)
        # Each time, then its ratio to loads in this process; last, the
        # ratios (wall, CPU) to loads in a process of its own.
        print("                              wall time        CPU time"
              "        x loads alone")  # fmt: skip
        print(f"   loads, in this process     {parse:7.2f} s        {parse_cpu:7.2f} s")
        print(f"   loads, alone (a process)   {fresh:7.2f} s {fresh / parse:5.2f}x"
              f"  {fresh_cpu:7.2f} s {fresh_cpu / parse_cpu:5.2f}x"
              f"   peak memory {fresh_peak / 2**20:.0f} MB")  # fmt: skip
        for name, turns in runs.items():
            wall, cpu = min(w for w, _, _ in turns), min(c for _, c, _ in turns)
            peak = max(p for _, _, p in turns)
            print(f"   {name:<26} {wall:7.2f} s {wall / parse:5.2f}x"
                  f"  {cpu:7.2f} s {cpu / parse_cpu:5.2f}x"
                  f"  {wall / fresh:5.2f}x {cpu / fresh_cpu:5.2f}x"
                  f"   peak memory {peak / 2**20:.0f} MB")  # fmt: skip
        quoted = " ".join(shlex.quote(word) for word in COMMAND)
        head = min(
            pipeline(f"{quoted} {shlex.quote(str(path))} --format jsonl | head -n 1")
            for _ in range(options.repeat)
        )
        start_up = min(pipeline(f"{quoted} --version") for _ in range(options.repeat))
        print(f"\n2. | head -n 1               {head:7.2f} s"
              f"   (the command's start alone, --version: {start_up:.2f} s)")  # fmt: skip

    n = options.export_posts
    text = "".join(
        __import__("generate").iter_text(n)  # the same generator, smaller
    )
    listing = bloglist.loads(text)
    subjects: dict[str, Callable[[], object]] = {
        "loads (baseline)": partial(bloglist.loads, text),
        "to_json": partial(bloglist.to_json, listing),
        "to_jsonl": partial(bloglist.to_jsonl, listing),
        "to_csv": partial(bloglist.to_csv, listing),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in subjects}
    for _ in range(options.repeat):  # in turns, so that all meet the same load
        for name, subject in subjects.items():
            times[name].append(timed(subject))
    parse = min(w for w, _ in times["loads (baseline)"])
    parse_cpu = min(c for _, c in times["loads (baseline)"])
    print(f"\n3. exports, {n:,} posts   wall time        CPU time")
    for name, taken in times.items():
        wall, cpu = min(w for w, _ in taken), min(c for _, c in taken)
        print(f"   {name:<26} {wall:7.3f} s {wall / parse:5.2f}x"
              f"  {cpu:7.3f} s {cpu / parse_cpu:5.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
