"""The benchmark: one table of bloglist against its baselines and its targets.

Usage, from the repository root with the ``bench`` dependency group installed
(``pip install -e . --group bench``, pip 25.1 or newer)::

    python benchmarks/run.py            # the full run: five to twelve minutes
                                        # on the machines of docs/performance.md
    python benchmarks/run.py --quick    # smaller sizes, under a minute
    python benchmarks/run.py --posts 50000 --repeat 3
    python benchmarks/run.py --skip-queries  # all but the Queries section

Every figure is the median of several runs and stands beside a baseline
measured in the same run, on the same posts (``benchmarks/generate.py``).
Parse times are CPU times of the process, the runs of bloglist and of its
baseline taken in turns:

- **floor**: reading the text, ``str.splitlines()`` and a loop touching each
  line; what any parser of this text pays at least. Like ``loads``, it
  returns what it made (the lines), freed after the clock stops. ``loads`` is timed reading
  the same file the same way. The posts draw their tags from a blog's small
  vocabulary; a listing drawn with the wide vocabulary (half of the tag lines
  distinct, ``generate.py``) is timed too, against its own floor: other posts,
  not the same ones with other tags, and with more tags a post.
- **feedparser** and **fastfeedparser** parse the same posts written as RSS 2.0;
  bloglist is timed on the listing text of those posts. feedparser is slow, so
  it gets fewer posts (``--feed-posts``); rates are per post.
- **memory**: the bytes that the posts of ``loads`` keep (tracemalloc), against
  the size of the input in bytes.
- **streaming**: the peak resident memory of a process reading the big file
  with ``bloglist.iterload``, against one that imports bloglist and only reads
  the file's lines.
- **import**: ``import bloglist`` against ``import attrs`` alone, each timed
  inside a fresh interpreter.
- **scaling**: the time of ``loads`` as the input doubles, twice.
- **queries**: ``benchmarks/bench_query.py`` on the big listing; ``--skip-queries``
  leaves out this section only (the big listing is still parsed and timed).

A peer that is not installed is not measured: its row says so and gives no
verdict, since its absence says nothing of bloglist. A target set at a size
(100,000 or 1,000,000 posts; 10,000 for feedparser) gets a verdict only in a
run of that size: at another (``--quick``, ``--posts``, ``--big``), its row
names the size the target is for and gives none. The linear-scaling target,
a ratio for twice the posts, holds at any size and always gets one.

Each heavy measurement runs in a fresh interpreter (this script with
``--worker``), so that the heap one leaves behind does not slow the next.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_rss, iter_text, write_text  # noqa: E402

MB = 1 << 20
X = "\N{MULTIPLICATION SIGN}"

# --- Timing -----------------------------------------------------------------


def timed(run: Callable[[], object]) -> float:
    """The CPU time of one call of *run*, without freeing what it returns.

    CPU time, not wall time: every timed run is one thread, and on a machine
    shared with other work its wall time counts the time it waited for a core.
    """
    start = time.process_time()
    result = run()
    elapsed = time.process_time() - start
    del result
    return elapsed


def medians(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median time of each of *runs*, taken in turns so that noise is shared."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(timed(run))
    return {name: statistics.median(found) for name, found in times.items()}


def read_text(path: str) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read()


def floor(path: str) -> tuple[int, list[str]]:
    """Read the text, split it into lines, and touch each line.

    Returns the count of lines that are not blank and the lines, which the
    timer frees after the clock stops, as it frees the listing ``loads``
    returns: freeing them inside the clock (they were counted and dropped)
    charged the floor, and not ``loads``, for freeing what it made, and put
    ``loads`` about a tenth nearer its floor.
    """
    lines = read_text(path).splitlines()
    count = 0
    for line in lines:
        if line:
            count += 1
    return count, lines


# --- Workers: each runs in its own interpreter and prints JSON ----------------


def work_parse(path: str, repeat: int) -> dict[str, Any]:
    import bloglist

    def parse() -> object:
        return bloglist.loads(read_text(path))

    listing = bloglist.loads(read_text(path))
    posts, problems = len(listing), len(listing.diagnostics)
    del listing
    found = medians({"floor": lambda: floor(path), "loads": parse}, repeat)
    return {"posts": posts, "diagnostics": problems, **found}


def work_feed(listing: str, rss: str, repeat: int, peer: str) -> dict[str, Any]:
    import bloglist

    try:
        module = __import__(peer)
    except ImportError:
        return {"missing": True}
    with open(rss, "rb") as file:
        data = file.read()
    items = len(module.parse(data).entries)

    def theirs() -> object:
        with open(rss, "rb") as file:
            return module.parse(file.read())

    found = medians(
        {"theirs": theirs, "ours": lambda: bloglist.loads(read_text(listing))}, repeat
    )
    return {"items": items, "version": _version(peer), **found}


def work_scaling(paths: list[str], repeat: int) -> dict[str, Any]:
    import bloglist

    def parse(path: str) -> object:
        return bloglist.loads(read_text(path))

    return medians({path: partial(parse, path) for path in paths}, repeat)


def work_big(path: str, repeat: int, query_repeat: int) -> dict[str, Any]:
    """The parse of the big listing, then its queries unless *query_repeat* is 0."""
    import bench_query

    import bloglist

    def parse() -> object:
        return bloglist.loads(read_text(path))

    # A parse before the timed ones, as work_parse has: with --quick's two
    # runs, a cold first one would be half the median.
    listing = bloglist.loads(read_text(path))
    posts = len(listing)
    del listing
    found = medians({"floor": lambda: floor(path), "loads": parse}, repeat)
    rows = []
    if query_repeat:
        rows = bench_query.measure(bloglist.loads(read_text(path)), query_repeat)
    return {**found, "posts": posts, "queries": rows}


def work_memory(path: str) -> dict[str, Any]:
    import tracemalloc

    import bloglist

    text = read_text(path)
    gc.collect()
    tracemalloc.start()
    listing = bloglist.loads(text)
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"posts": len(listing), "kept": kept, "peak": peak}


def work_stream(path: str, how: str) -> dict[str, Any]:
    import bloglist

    count = 0
    with open(path, "rb") as file:
        if how == "iterload":
            if not hasattr(bloglist, "iterload"):
                return {"missing": True}
            for item in bloglist.iterload(file):
                if isinstance(item, bloglist.Post):
                    count += 1
        else:
            for line in file:
                if line:
                    count += 1
    return {"count": count, "peak": peak_rss()}


def peak_rss() -> int:
    """The peak resident memory of this process, in bytes."""
    # VmHWM is this program's own peak. ru_maxrss would do, but on Linux it
    # also counts the parent's memory, which a subprocess starts out sharing.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, else KiB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "parse": work_parse,
    "feed": work_feed,
    "scaling": work_scaling,
    "big": work_big,
    "memory": work_memory,
    "stream": work_stream,
}


def worker(name: str, **kwargs: Any) -> dict[str, Any]:
    """Run a worker in a fresh interpreter and return what it printed."""
    print(f"  {name} {_brief(kwargs)}", file=sys.stderr, flush=True)
    out = subprocess.run(
        [sys.executable, __file__, "--worker", name, json.dumps(kwargs)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def _brief(kwargs: dict[str, Any]) -> str:
    return " ".join(
        f"{k}={Path(v).name if isinstance(v, str) and os.sep in v else v}"
        for k, v in kwargs.items()
        if not isinstance(v, list)
    )


def import_times(repeat: int) -> dict[str, float]:
    """The median time of ``import bloglist`` and of ``import attrs``, in seconds.

    Each import runs in a fresh interpreter with its bytecode cached, as
    after an install: the caches go to a folder of their own, so that the
    source tree stays clean, and the first run of each module fills them.
    """
    code = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"
    times: dict[str, list[float]] = {"bloglist": [], "attrs": []}
    with tempfile.TemporaryDirectory(prefix="bloglist-pycache-") as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for i in range(repeat + 1):
            for module in times:
                out = subprocess.run(
                    [sys.executable, "-c", code.format(module)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                ).stdout
                if i:  # the first run of each writes the bytecode caches
                    times[module].append(float(out))
    return {module: statistics.median(found) for module, found in times.items()}


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return "?"


# --- The input files -----------------------------------------------------------


def write_inputs(folder: Path, big: int, marks: set[int]) -> dict[int, Path]:
    """The generated listing of *big* posts, and its first *k* posts for each mark.

    Generated once: a shorter listing is a prefix of a longer one.
    """
    paths = {big: folder / f"listing-{big}.txt"}
    offsets: dict[int, int] = {}
    written = 0
    with open(paths[big], "wb") as out:
        for i, chunk in enumerate(iter_text(big), 1):
            data = chunk.encode("utf-8")
            out.write(data)
            written += len(data)
            if i in marks:
                offsets[i] = written
    with open(paths[big], "rb") as source:
        for k, size in offsets.items():
            if k == big:
                continue
            source.seek(0)
            paths[k] = folder / f"listing-{k}.txt"
            paths[k].write_bytes(source.read(size))
    return paths


# --- The table -------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(
        self,
        measure: str,
        ours: str,
        baseline: str,
        ratio: str,
        target: str = "",
        met: bool | None = None,
    ) -> None:
        verdict = "" if met is None else ("met" if met else "MISSED")
        self.rows.append((measure, ours, baseline, ratio, target, verdict))

    def section(self, title: str) -> None:
        self.rows.append((f"**{title}**", "", "", "", "", ""))

    def print(self) -> None:
        header = ("measure", "bloglist", "baseline", "ratio", "target", "")
        rows = [header, *self.rows]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for i, row in enumerate(rows):
            cells = [
                cell.ljust(w) if j in (0, 5) else cell.rjust(w)
                for j, (cell, w) in enumerate(zip(row, widths, strict=True))
            ]
            print("| " + " | ".join(cells) + " |")
            if i == 0:
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def _t(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds / 1000:.0f}k posts/s"


def _k(n: int) -> str:
    """*n* posts as the table names them: 1M, 100k, 2.5k, 500."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000:
        return f"{n / 1000:g}k"
    return str(n)


def _x(ratio: float) -> str:
    return f"{ratio:.2f}{X}" if ratio >= 0.01 else f"{ratio:.1e}{X}"


# Absolute targets (seconds) of the query rows, from the issue.
QUERY_TARGETS = {
    "tag filter, popular tag": 0.010,
    "tag filter, rare tag": 0.010,
    "tag index, first filter": 0.3,
    "sort by date": 0.3,
    "group by month": 0.15,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--posts", type=int, help="posts of the parse rows (100k)")
    parser.add_argument("--big", type=int, help="posts of the big listing (1M)")
    parser.add_argument("--feed-posts", type=int, help="posts for feedparser (10k)")
    parser.add_argument("--repeat", type=int, help="runs of each figure (5)")
    parser.add_argument("--big-repeat", type=int, help="runs at the big size (3)")
    parser.add_argument("--import-repeat", type=int, help="interpreters (40)")
    parser.add_argument(
        "--skip-queries", action="store_true", help="leave out the Queries section"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](**json.loads(args.arguments))))
        return

    quick = args.quick
    n = args.posts or (20_000 if quick else 100_000)
    big = args.big or (100_000 if quick else 1_000_000)
    feed_n = args.feed_posts or (2_000 if quick else 10_000)
    repeat = args.repeat or (3 if quick else 5)
    big_repeat = args.big_repeat or (2 if quick else 3)
    import_repeat = args.import_repeat or (15 if quick else 40)
    scales = [n, 2 * n, 4 * n]
    if big < max(scales):
        parser.error(f"--big must be at least 4 times --posts ({4 * n})")
    if feed_n > big:
        parser.error(f"--feed-posts must be at most --big ({big})")

    folder = Path(tempfile.mkdtemp(prefix="bloglist-bench-"))
    try:
        print("generating the inputs", file=sys.stderr, flush=True)
        paths: dict[int | str, str] = {
            k: str(v) for k, v in write_inputs(folder, big, {*scales, feed_n}).items()
        }
        paths["wide"] = str(folder / f"listing-wide-{n}.txt")
        write_text(paths["wide"], n, vocabulary="wide")
        rss = {}
        for k in (feed_n, n):
            rss[k] = str(folder / f"feed-{k}.xml")
            Path(rss[k]).write_text(generate_rss(k), encoding="utf-8")
        table = run_all(
            paths, rss, n, big, feed_n, repeat, big_repeat, import_repeat, args
        )
    finally:
        shutil.rmtree(folder)

    import bloglist

    print(
        f"bloglist {_version('bloglist')}, "
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"{_cpu_model()}"
    )
    print(
        f"Medians of {repeat} runs ({big_repeat} at {_k(big)} posts, "
        f"{import_repeat} interpreters for imports); ratios are bloglist over "
        "the baseline of the same run."
    )
    del bloglist
    print()
    table.print()


def run_all(
    paths: dict[int | str, str],
    rss: dict[int, str],
    n: int,
    big: int,
    feed_n: int,
    repeat: int,
    big_repeat: int,
    import_repeat: int,
    args: argparse.Namespace,
) -> Table:
    table = Table()
    size = os.path.getsize(paths[n])

    table.section("Parsing")
    found = worker("parse", path=paths[n], repeat=repeat)
    assert found["posts"] == n and not found["diagnostics"], "the generator is broken"
    table.add(
        f"floor, {_k(n)} posts ({size / MB:.0f} MB)",
        "",
        f"{_t(found['floor'])}, {_rate(n, found['floor'])}",
        "",
    )
    ratio = found["loads"] / found["floor"]
    table.add(
        f"loads, {_k(n)} posts",
        f"{_t(found['loads'])}, {_rate(n, found['loads'])}",
        "floor",
        _x(ratio),
        *_target(f"≤ 3{X}", ratio <= 3, n, 100_000),
    )
    found = worker("parse", path=paths["wide"], repeat=repeat)
    assert found["posts"] == n and not found["diagnostics"], "the generator is broken"
    table.add(
        f"loads, {_k(n)} posts, wide tag vocabulary",
        f"{_t(found['loads'])}, {_rate(n, found['loads'])}",
        f"floor {_t(found['floor'])}",
        _x(found["loads"] / found["floor"]),
    )
    # The big parse row does not depend on the queries: --skip-queries only
    # leaves their section out.
    big_found = worker(
        "big",
        path=paths[big],
        repeat=big_repeat,
        query_repeat=0 if args.skip_queries else repeat,
    )
    assert big_found["posts"] == big, "the generator is broken"
    ratio = big_found["loads"] / big_found["floor"]
    table.add(
        f"loads, {_k(big)} posts",
        f"{_t(big_found['loads'])}, {_rate(big, big_found['loads'])}",
        f"floor {_t(big_found['floor'])}",
        _x(ratio),
        *_target(f"≤ 3{X}", ratio <= 3, big, 1_000_000),
    )

    for peer, k, goal, set_at in (
        ("feedparser", feed_n, 60, 10_000),
        ("fastfeedparser", n, 1.5, 100_000),
    ):
        found = worker("feed", listing=paths[k], rss=rss[k], repeat=repeat, peer=peer)
        if found.get("missing"):
            # Not measured: no verdict, since a missing peer says nothing
            # of bloglist.
            table.add(
                f"{peer}: not installed",
                "not measured",
                "",
                "",
                f"≥ {goal}{X} faster",
            )
            continue
        assert found["items"] == k, f"{peer} read {found['items']} items, not {k}"
        speedup = found["theirs"] / found["ours"]
        table.add(
            f"vs {peer} {found['version']}, {_k(k)} posts (RSS 2.0)",
            f"{_t(found['ours'])}, {_rate(k, found['ours'])}",
            f"{_t(found['theirs'])}, {_rate(k, found['theirs'])}",
            f"{speedup:.1f}{X} faster",
            *_target(f"≥ {goal}{X} faster", speedup >= goal, k, set_at),
        )

    table.section("Linear scaling")
    scales = [n, 2 * n, 4 * n]
    found = worker("scaling", paths=[paths[k] for k in scales], repeat=repeat)
    for a, b in pairwise(scales):
        ratio = found[paths[b]] / found[paths[a]]
        table.add(
            f"loads, {_k(a)} → {_k(b)} posts",
            _t(found[paths[b]]),
            _t(found[paths[a]]),
            _x(ratio),
            f"< 2.3{X}",
            ratio < 2.3,
        )

    table.section("Memory")
    big_size = os.path.getsize(paths[big])
    found = worker("memory", path=paths[big])
    ratio = found["kept"] / big_size
    table.add(
        f"posts kept after loads, {_k(big)} posts",
        f"{found['kept'] / MB:.0f} MB",
        f"input {big_size / MB:.0f} MB",
        _x(ratio),
        *_target(f"≤ 2.5{X}", ratio <= 2.5, big, 1_000_000),
    )
    peaks: dict[str, list[int]] = {"iterload": [], "lines": []}
    for _ in range(max(1, big_repeat)):
        for how in peaks:
            found = worker("stream", path=paths[big], how=how)
            if found.get("missing"):
                break
            peaks[how].append(found["peak"])
    if peaks["iterload"]:
        ours, theirs = (statistics.median(peaks[h]) for h in ("iterload", "lines"))
        table.add(
            f"iterload peak RSS, {_k(big)} posts",
            f"{ours / MB:.1f} MB",
            f"line loop {theirs / MB:.1f} MB",
            _x(ours / theirs),
            *_target("< 64 MB", ours < 64 * MB, big, 1_000_000),
        )
    else:
        table.add("iterload: not implemented", "", "", "", "< 64 MB", False)

    table.section("Import")
    found = import_times(import_repeat)
    extra = found["bloglist"] - found["attrs"]
    table.add(
        "import bloglist",
        _t(found["bloglist"]),
        f"import attrs {_t(found['attrs'])}",
        f"{_x(found['bloglist'] / found['attrs'])} (+{extra * 1000:.1f} ms)",
        "≤ +10 ms",
        extra <= 0.010,
    )

    if args.skip_queries:
        table.section(f"Queries, {_k(big)} posts: skipped (--skip-queries)")
    else:
        table.section(f"Queries, {_k(big)} posts (baseline: plain Python)")
        for name, ours, theirs in big_found["queries"]:
            limit = QUERY_TARGETS.get(name)
            table.add(
                name,
                _t(ours),
                _t(theirs),
                _x(ours / theirs),
                *(
                    ("", None)
                    if limit is None
                    else _target(f"< {_t(limit)}", ours < limit, big, 1_000_000)
                ),
            )
    return table


def _target(target: str, met: bool, posts: int, set_at: int) -> tuple[str, bool | None]:
    """The target cell and verdict of a row measured on *posts* posts, for a
    target set at *set_at* posts: no verdict at another size, whose figure
    says nothing of the target (``--quick`` measures 100,000 posts where
    the targets name 1,000,000)."""
    if posts == set_at:
        return target, met
    return f"{target} at {_k(set_at)}", None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
