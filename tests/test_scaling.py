"""The recipes of docs/scaling.md: many listing files parsed in parallel, counts added up."""

from __future__ import annotations

import importlib
import pickle
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

import bloglist

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"


@pytest.fixture
def recipe(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """docs/examples/tag_counts.py, importable by name as a user's module is."""
    monkeypatch.syspath_prepend(str(EXAMPLES))
    return importlib.import_module("tag_counts")


# Tags repeated in a post's tag line, and spelt in another case in another
# post and in another file: a review found the recipe counting a post twice
# for `DataData` and `data` apart from `Data`, where `bloglist tags` counts
# posts and takes case for one tag.
ODD_TAGS = "\nOne\n\nE\nDataData\n\nTwo\n\nE\ndataDesign\n\nThree\n\nE\nDESIGN\n"


@pytest.fixture
def paths(tmp_path: Path) -> list[str]:
    """Three listing files of different sizes, and one of odd tags."""
    text = bloglist.sample_text()
    found = []
    for i in range(1, 4):
        path = tmp_path / f"blog-{i}.txt"
        path.write_text("\n".join([text] * i), encoding="utf-8")
        found.append(str(path))
    odd = tmp_path / "odd.txt"
    odd.write_text(ODD_TAGS, encoding="utf-8")
    found.append(str(odd))
    return found


def expected_counts(paths: list[str]) -> Counter[str]:
    """The tag counts, the slow and obvious way: each post once for each of
    its tags, case aside, under the spelling met first."""
    total: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for path in paths:
        for post in bloglist.loads(Path(path).read_text(encoding="utf-8")):
            keys = {tag.casefold(): tag for tag in reversed(post.tags)}
            for key, tag in keys.items():
                total[spelling.setdefault(key, tag)] += 1
    return total


def test_the_counts_are_those_of_the_tags_command(
    recipe: ModuleType, paths: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """One file's counts are count_by's, and the command's."""
    from bloglist._cli import main

    odd = paths[-1]
    counts = recipe.count_tags(odd)
    assert counts == Counter({"Data": 2, "Design": 2})
    assert main(["tags", odd]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["POSTS", "TAG"]
    shown = {tag: int(count) for count, tag in (row.split(maxsplit=1) for row in rows)}
    assert Counter(shown) == counts


class TestMultiprocessing:
    def test_the_recipe_counts_tags_across_files(
        self, recipe: ModuleType, paths: list[str]
    ) -> None:
        """Worker processes parse the files; their counts add up to the whole."""
        counts = recipe.count_tags_parallel(paths, processes=2)
        assert counts == expected_counts(paths)
        assert counts["Data"] == 3 * (1 + 2 + 3) + 2
        assert set(counts) == set(expected_counts(paths))  # the same spellings

    def test_a_listing_comes_back_from_a_worker_whole(
        self, recipe: ModuleType, paths: list[str]
    ) -> None:
        """A parsed listing travels between processes with its posts and diagnostics."""
        import multiprocessing

        # Started fresh, as the recipe starts them: a fork of a test worker,
        # which runs a thread, hung a CI run.
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            listings = pool.map(recipe.parse, paths)
        for path, listing in zip(paths, listings, strict=True):
            with open(path, "rb") as file:
                here = bloglist.load(file)
            assert listing == here
            assert listing.diagnostics == here.diagnostics
            assert [p.lineno for p in listing] == [p.lineno for p in here]


class TestDask:
    def test_the_dask_bag_recipe_counts_tags_across_files(
        self, recipe: ModuleType, paths: list[str]
    ) -> None:
        """A bag of paths, to listings, to posts, to tags: frequencies are the counts."""
        db = pytest.importorskip(
            "dask.bag",
            reason="the dask recipe of docs/scaling.md: the test-extra group",
        )
        per_file = db.from_sequence(paths, npartitions=2).map(recipe.count_tags)
        total = per_file.fold(recipe.add_counts, initial=Counter())
        for scheduler in ("sync", "threads"):
            found = total.compute(scheduler=scheduler)
            assert found == expected_counts(paths)

    def test_the_dask_bag_recipe_on_worker_processes(
        self, recipe: ModuleType, paths: list[str]
    ) -> None:
        """The recipe on dask's process scheduler: listings pickled between real processes."""
        dask = pytest.importorskip("dask", reason="the dask recipe needs dask")
        db = pytest.importorskip("dask.bag", reason="the dask recipe needs dask")
        import os

        files = db.from_sequence(paths, npartitions=3)
        listings = files.map(recipe.parse)
        tags = files.map(recipe.count_tags).fold(recipe.add_counts, initial=Counter())
        workers = listings.map(lambda _: os.getpid())
        # One computation, so one pool of worker processes, for all three.
        counted, pids, back = dask.compute(
            tags, workers, listings, scheduler="processes", num_workers=2
        )
        assert counted == expected_counts(paths)
        # The work ran elsewhere: in worker processes, not in this one.
        assert set(pids) and os.getpid() not in pids
        # Whole listings come back across the process boundary equal.
        assert back == [recipe.parse(path) for path in paths]

    def test_listings_survive_dask_serialisation(
        self, recipe: ModuleType, paths: list[str]
    ) -> None:
        """What the process scheduler does to a listing (cloudpickle) gives it back equal."""
        cloudpickle = pytest.importorskip(
            "cloudpickle", reason="dask's serialisation: the test-extra group"
        )
        listing = recipe.parse(paths[0])
        back = pickle.loads(cloudpickle.dumps(listing))
        assert back == listing
        assert back.diagnostics == listing.diagnostics
