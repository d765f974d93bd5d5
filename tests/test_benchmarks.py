"""The benchmark scripts measure what docs/performance.md says they measure:
a timed call does not pay for freeing what it returns (loads, the baseline,
returns a listing; a streamed command returns nothing), run.py's options do
what its help says, and a peer that is not installed is not a missed target.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import bloglist

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
RUN = [sys.executable, str(BENCHMARKS / "run.py")]
TINY = ["--posts", "500", "--big", "2000", "--repeat", "1", "--big-repeat", "1"]
TINY += ["--import-repeat", "1"]

# Each test runs a benchmark script (see CONTRIBUTING.md on the `big` mark).
pytestmark = pytest.mark.big


class CostlyToFree:
    """An object whose freeing takes about 0.3 s of CPU time."""

    def __del__(self) -> None:
        end = time.process_time() + 0.3
        while time.process_time() < end:
            pass


def _bench(name: str) -> object:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


def _timers() -> list[Callable[[Callable[[], object]], float]]:
    cli, history, archive, scaling = map(
        _bench, ("bench_cli", "bench_history", "bench_archive", "bench_scaling")
    )
    return [
        lambda run: cli.timed(run)[1],  # type: ignore[attr-defined]
        lambda run: history.median_time(run, 1),  # type: ignore[attr-defined]
        lambda run: archive.median_time(run, 1),  # type: ignore[attr-defined]
        lambda run: scaling._fastest(run, 1),  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("which", range(4))
def test_a_timed_call_does_not_pay_for_freeing_what_it_returns(which: int) -> None:
    # loads (the baseline) returns a listing; the streamed command pays no
    # such cost, so the baseline must not either.
    assert _timers()[which](CostlyToFree) < 0.15


@pytest.fixture(scope="module")
def quick_table(tmp_path_factory: pytest.TempPathFactory) -> str:
    """run.py at tiny sizes, without its queries: what it prints."""
    return subprocess.run(
        [*RUN, *TINY, "--feed-posts", "200", "--skip-queries"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path_factory.mktemp("run"),
    ).stdout


def test_skip_queries_keeps_the_big_parse_row(quick_table: str) -> None:
    rows = [
        line
        for line in quick_table.splitlines()
        if line.startswith("| loads, 2k posts ")
    ]
    assert len(rows) == 1 and "≤ 3×" in rows[0]
    assert "skipped (--skip-queries)" in quick_table


def test_a_target_set_at_another_size_gets_no_verdict(quick_table: str) -> None:
    """The targets of 100,000 and 1,000,000 posts are shown beside figures
    of 500 and 2,000 posts with the size they name, and with no verdict: a
    small run says nothing of them. A target of any size (a doubling) still
    gets one."""
    rows = {
        line.split("|")[1].strip(): line
        for line in quick_table.splitlines()
        if line.startswith("| ")
    }
    for measure, target in [
        ("loads, 500 posts", "≤ 3× at 100k"),
        ("loads, 2k posts", "≤ 3× at 1M"),
        ("posts kept after loads, 2k posts", "≤ 2.5× at 1M"),
        ("iterload peak RSS, 2k posts", "< 64 MB at 1M"),
    ]:
        cells = [cell.strip() for cell in rows[measure].split("|")]
        assert cells[-3:] == [target, "", ""], rows[measure]
    if importlib.util.find_spec("feedparser") is not None:
        (feed,) = [row for row in rows if row.startswith("vs feedparser ")]
        assert feed.endswith(", 200 posts (RSS 2.0)")
        cells = [cell.strip() for cell in rows[feed].split("|")]
        assert cells[-3:] == ["≥ 60× faster at 10k", "", ""], rows[feed]
    doubling = rows["loads, 500 → 1k posts"]
    assert "< 2.3×" in doubling and ("met" in doubling or "MISSED" in doubling)


def test_a_missing_peer_is_not_measured_not_missed(quick_table: str) -> None:
    if importlib.util.find_spec("fastfeedparser") is not None:
        pytest.skip("fastfeedparser is installed: no peer is missing")
    (row,) = [line for line in quick_table.splitlines() if "fastfeedparser" in line]
    assert "not measured" in row and "MISSED" not in row


def test_feed_posts_above_big_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [*RUN, *TINY, "--feed-posts", "5000"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "--feed-posts must be at most --big (2000)" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_only_that_names_no_case_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`adversarial.py --only` with a name no case holds measures nothing:
    status 2 naming the cases, not empty tables and status 0."""
    adversarial = _bench("adversarial")
    with pytest.raises(SystemExit) as done:
        adversarial.main(["--only", "nomatch", "--table", "cost"])  # type: ignore[attr-defined]
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "no case's name holds 'nomatch'" in err
    assert "1M sticky lines" in err


def test_the_collector_table_is_the_median_of_its_repeats(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--repeat` counts for the collector table as for the others: the
    parse runs that many times beside the host thread, then the idle wait as
    many, and each figure is the median of its runs (it used to run once)."""
    adversarial = _bench("adversarial")
    # (seconds, most garbage) of three parses, then of three idle waits.
    results = iter([(3.0, 30), (1.0, 10), (2.0, 50), (0.0, 7), (0.0, 5), (0.0, 9)])
    calls: list[Callable[[], object]] = []

    def with_host(run: Callable[[], object]) -> tuple[float, int]:
        calls.append(run)
        return next(results)

    monkeypatch.setattr(adversarial, "_with_host", with_host)
    size, seconds, during, idle = adversarial.collector(0.01, 3)  # type: ignore[attr-defined]
    assert len(calls) == 6
    assert (seconds, during, idle) == (2.0, 30, 7)
    assert size > 0


def test_the_overlapping_parses_run_with_the_pause_and_without(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The collector table's second part: two threads parse in turn beside
    the host thread, first with the pause, then with pause_gc=False, and
    each row counts the posts both parsed a second."""
    adversarial = _bench("adversarial")
    monkeypatch.setattr(adversarial, "OVERLAP_POSTS", 3)
    real_loads = bloglist.loads
    asked: list[tuple[int, bool]] = []

    def loads(text: str, *, pause_gc: bool) -> bloglist.Listing:
        asked.append((threading.get_ident(), pause_gc))
        return real_loads(text, pause_gc=pause_gc)

    monkeypatch.setattr(bloglist, "loads", loads)
    rows = adversarial.overlapping(0.05)  # type: ignore[attr-defined]
    assert [label for label, _, _ in rows] == ["paused", "pause_gc=False"]
    assert all(rate > 0 and most >= 0 for _, rate, most in rows)
    flags = [pause for _, pause in asked]
    assert flags == sorted(flags, reverse=True) and set(flags) == {True, False}
    for pause in (True, False):  # two threads each time
        assert len({thread for thread, flag in asked if flag is pause}) == 2


@pytest.mark.parametrize("worker", ["work_parse", "work_big"])
def test_each_parse_worker_parses_once_before_the_clock(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, worker: str
) -> None:
    """The workers that time loads parse the listing once before their timed
    runs, so that with --quick's two runs the median is not half a cold one
    (the big listing's worker had no such parse)."""
    run = _bench("run")
    path = tmp_path / "listing.txt"
    path.write_text(bloglist.sample_text(), encoding="utf-8")
    parses: list[str] = []
    real_loads = bloglist.loads

    def loads(text: str) -> bloglist.Listing:
        parses.append("before" if not timed else "timed")
        return real_loads(text)

    timed: list[int] = []
    real_medians = run.medians  # type: ignore[attr-defined]

    def medians(runs: dict[str, Callable[[], object]], repeat: int) -> object:
        timed.append(repeat)
        return real_medians(runs, repeat)

    monkeypatch.setattr(bloglist, "loads", loads)
    monkeypatch.setattr(run, "medians", medians)
    kwargs = {"query_repeat": 0} if worker == "work_big" else {}
    found = getattr(run, worker)(str(path), repeat=2, **kwargs)
    assert found["posts"] == len(real_loads(bloglist.sample_text()))
    assert parses == ["before", "timed", "timed"]


@pytest.mark.parametrize(
    "bench",
    [
        "adversarial",
        "bench_archive",
        "bench_cli",
        "bench_history",
        "bench_query",
        "bench_scaling",
    ],
)
@pytest.mark.parametrize("given", ["0", "-2", "two"])
def test_a_repeat_that_measures_nothing_is_a_usage_error(
    bench: str, given: str
) -> None:
    """`--repeat 0` times nothing: status 2 naming the option, before any
    input is made, not a traceback from an empty median or minimum."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / f"{bench}.py"), "--repeat", given],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1].startswith(
        f"{bench}.py: error: argument --repeat: "
    )
    assert "Traceback" not in done.stderr


def test_every_case_of_the_linear_table_doubles_its_input() -> None:
    """The linear table times each case at twice its input: the lines of
    distinct characters, whose characters run out at scale 1, are timed at a
    scale where they still double, not at a size 1.08 times the first (which
    any cost passed)."""
    adversarial = _bench("adversarial")
    case = next(
        c
        for c in adversarial.CASES  # type: ignore[attr-defined]
        if c.name.startswith("runs of 100 distinct chars")
    )
    size = adversarial._size  # type: ignore[attr-defined]
    assert size(case.make(2.0)) < 1.2 * size(case.make(1.0))  # the ceiling
    small, large, used = adversarial.doubled(case, 1.0)  # type: ignore[attr-defined]
    assert used < 1.0
    assert size(large) >= 1.9 * size(small)
    assert (small, large) == (case.make(used), case.make(2 * used))
    # A case with no ceiling keeps the scale asked for.
    tiny = next(c for c in adversarial.CASES if c.name == "200k tiny posts")  # type: ignore[attr-defined]
    assert adversarial.doubled(tiny, 0.01)[2] == 0.01  # type: ignore[attr-defined]


def test_the_floor_returns_its_lines_to_be_freed_outside_the_clock(
    tmp_path: Path,
) -> None:
    """run.py's floor hands back the lines it made, as loads hands back its
    listing, so that the timer frees both after the clock stops: it used to
    drop them inside, which charged the floor alone for freeing."""
    run = _bench("run")
    path = tmp_path / "listing.txt"
    text = bloglist.sample_text()
    path.write_text(text, encoding="utf-8")
    count, lines = run.floor(str(path))  # type: ignore[attr-defined]
    assert lines == text.splitlines()
    assert count == sum(1 for line in lines if line)


def test_doubled_halves_the_scale_until_the_input_nearly_doubles() -> None:
    """A shape that reaches its ceiling is timed where its input grows at
    least 1.9 times: capped at 800 lines, 1.0 -> 2.0 grows 1 time and 0.5 ->
    1.0 1.6 times, so 0.25 -> 0.5 is the pair."""
    adversarial = _bench("adversarial")
    capped = adversarial.Case(  # type: ignore[attr-defined]
        "capped", lambda s: "x\n" * int(1000 * min(s, 0.8))
    )
    small, large, used = adversarial.doubled(capped, 1.0)  # type: ignore[attr-defined]
    assert used == 0.25
    assert (len(small), len(large)) == (500, 1000)
    # 1.9 times is enough: this pair is kept, not halved again.
    enough = adversarial.Case(  # type: ignore[attr-defined]
        "enough", lambda s: "x" * (100 if s <= 0.5 else 190)
    )
    assert adversarial.doubled(enough, 0.5)[2] == 0.5  # type: ignore[attr-defined]


def test_the_linear_table_times_the_doubled_inputs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """linear_table takes its pair from doubled, and says at which scale."""
    adversarial = _bench("adversarial")
    capped = adversarial.Case(  # type: ignore[attr-defined]
        "capped", lambda s: "\nT\n\nE\n" * int(100 * min(s, 0.8))
    )
    failed = adversarial.linear_table([capped], 1.0, 1)  # type: ignore[attr-defined]
    out = capsys.readouterr().out
    (row,) = [line for line in out.splitlines() if line.startswith("capped")]
    assert "(at scale 0.25: input doubles)" in row
    assert isinstance(failed, list)  # its verdict is a timing's, not checked


def test_run_names_sizes_and_judges_a_target_at_its_own_size() -> None:
    """_k names a size as the table does; _target gives a verdict only at
    the size the target is for."""
    run = _bench("run")
    k = run._k  # type: ignore[attr-defined]
    assert [k(n) for n in (500, 2500, 10_000, 100_000, 1_000_000, 1_500_000)] == [
        "500",
        "2.5k",
        "10k",
        "100k",
        "1M",
        "1500k",
    ]
    target = run._target  # type: ignore[attr-defined]
    assert target("≤ 3×", True, 100_000, 100_000) == ("≤ 3×", True)
    assert target("≤ 3×", False, 1_000_000, 1_000_000) == ("≤ 3×", False)
    assert target("≤ 3×", False, 2_000, 1_000_000) == ("≤ 3× at 1M", None)
    assert target("≤ 3×", True, 2_000_000, 1_000_000) == ("≤ 3× at 1M", None)


def _bench_archive(where: Path, *options: str) -> str:
    """What bench_archive.py prints with *options*, one turn, run in *where*."""
    return subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "bench_archive.py"),
            *options,
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=where,
    ).stdout


def test_bench_archive_times_the_load_against_loads_of_the_archive(
    tmp_path: Path,
) -> None:
    """bench_archive.py's load row: ArchiveFile.load of the whole archive
    file, and its ratio to loads of the same posts, as the two times it
    prints give it."""
    rows = {
        line.partition(":")[0]: line.partition(":")[2].split()
        for line in _bench_archive(
            tmp_path, "--archive", "300", "--scrape", "30", "--reordered", "0"
        ).splitlines()
    }
    loads_ms = float(rows["loads, the archive's 300 posts"][0])
    load_ms, _, ratio, *_ = rows["load of the archive file"]
    assert float(ratio.rstrip("x")) == pytest.approx(
        float(load_ms) / loads_ms, rel=0.05, abs=0.01
    )


def test_bench_archive_times_adds_to_long_histories(tmp_path: Path) -> None:
    """bench_archive.py --history: a row per depth, each ratio the add's (and
    the merge's) time over loads of the scrape, as the times it prints
    give it."""
    printed = _bench_archive(tmp_path, "--history", "1,3", "--scrape", "100")
    rows = [line.split() for line in printed.splitlines() if "versions a post" in line]
    assert [row[0] for row in rows] == ["1", "3"]
    for row in rows:
        # "N versions a post: add T ms Rx, merge T ms Rx loads (L ms)"
        add, add_ratio, merge, merge_ratio = row[5], row[7], row[9], row[11]
        loads = float(row[-2].lstrip("("))
        assert float(add_ratio.rstrip("x,")) == pytest.approx(
            float(add) / loads, rel=0.05, abs=0.02
        )
        assert float(merge_ratio.rstrip("x,")) == pytest.approx(
            float(merge) / loads, rel=0.05, abs=0.02
        )


def test_generate_says_how_it_is_used(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """generate.py --help says what COUNT and wide are (status 0); a bad use
    prints the same to standard error, status 2, and writes no listing."""
    generate = _bench("generate")
    assert generate.main(["--help"]) == 0  # type: ignore[attr-defined]
    out = capsys.readouterr().out
    assert out.startswith("usage: python benchmarks/generate.py [COUNT [wide]]")
    assert "standard output" in out
    assert generate.main(["foo"]) == 2  # type: ignore[attr-defined]
    done = capsys.readouterr()
    assert done.out == "" and done.err.startswith("usage:")
    assert generate.main(["3"]) == 0  # type: ignore[attr-defined]
    assert len(bloglist.loads(capsys.readouterr().out)) == 3


def _history_lines(*options: str) -> list[str]:
    """The lines bench_history.py prints with *options*, one turn."""
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "bench_history.py"),
            *options,
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.splitlines()


def test_the_page_measure_diffs_a_page_against_its_close_titles() -> None:
    """bench_history.py --only page: the page's dated posts each pair with
    one post of the big listing (an edited title), its undated posts are
    removed, and the row gives the diff's time and its ratio to loads."""
    history = _bench("bench_history")
    page, text = history.page_against(300)  # type: ignore[attr-defined]
    found = bloglist.diff(page, bloglist.loads(text))
    dated = [post for post in page if post.date is not None]
    assert [change.old for change in found.changed] == dated
    assert [change.fields for change in found.changed] == [("title",)] * len(dated)
    assert list(found.removed) == [post for post in page if post.date is None]
    lines = _history_lines("--only", "page", "--page-posts", "300")
    assert lines[-3].startswith("a page of 12 posts against 300 posts of close titles")
    assert re.fullmatch(
        r"  diff +\d+\.\d{3} s   \d+\.\d\dx loads \(median of turns\)", lines[-1]
    )


def test_the_retitled_measure_edits_every_title_and_nothing_else() -> None:
    """bench_history.py --only retitled: the second scrape is the first with
    every title edited by a swap of two letters, so that its diff is title
    changes alone (posts the close-title step cannot pair are removed and
    added, equal pairs of letters leave a title unchanged), and the row gives
    the diff's time, its ratio to loads and its time a changed post."""
    history = _bench("bench_history")
    text = bloglist.dumps(bloglist.loads(bloglist.sample_text()))
    old = bloglist.loads(text)
    new = bloglist.loads(history.retitled(text, 1))  # type: ignore[attr-defined]
    assert len(new) == len(old)
    for before, after in zip(old, new, strict=True):
        assert sorted(before.title) == sorted(after.title)
        assert attrs.evolve(after, title=before.title) == before
    assert sum(a.title != b.title for a, b in zip(old, new, strict=True)) >= 10
    lines = _history_lines("--only", "retitled", "--posts", "300")
    assert lines[-3] == "300 posts, every title edited (fastest of 1 turns)"
    assert re.fullmatch(r"  loads, one listing +\d+\.\d{3} s", lines[-2])
    assert re.fullmatch(
        r"  diff +\d+\.\d{3} s   \d+\.\d\dx loads of one \(median of turns\); "
        r"\d+ us a changed post",
        lines[-1],
    )
