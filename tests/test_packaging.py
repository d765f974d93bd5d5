"""The project's own promises about packaging, CI and the README, as tests.

CI (.ci/run) runs the README's quick-start commands verbatim, the wheel
publishes only the ``test`` extra, and the tests that need the ``test-extra``
dependency group skip, with a reason, where it is not installed.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _console_blocks(markdown: str) -> list[str]:
    """The commands in the ```console fences of a Markdown text."""
    return [
        block.strip()
        for block in re.findall(r"^```console\n(.*?)^```", markdown, re.M | re.S)
    ]


def _distribution_name(requirement: str) -> str:
    """``pandas>=2.2`` -> ``pandas`` (enough for the plain requirements used here)."""
    match = re.match(r"[A-Za-z0-9_.-]+", requirement)
    assert match is not None, requirement
    return match[0].lower()


class TestReadme:
    def test_quick_start_commands_are_what_ci_runs(self) -> None:
        """Each command of the quick start is a line of .ci/run, so CI proves it works."""
        commands = _console_blocks(
            README.split("## Quick start", 1)[1].split("\n## ")[0]
        )
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        assert len(commands) == 2, commands
        for command in commands:
            assert command in ci, f"README's {command!r} is not run by .ci/run"

    def test_quick_start_runs_the_command_on_the_sample(self) -> None:
        """The first command installs bloglist and runs it on the bundled sample."""
        first = _console_blocks(README.split("## Quick start", 1)[1])[0]
        assert first.endswith("bin/bloglist --sample"), first

    def test_says_how_to_install_from_the_package_index(self) -> None:
        """The README tells a reader on the package index page how to install."""
        assert "pip install bloglist" in _console_blocks(README)

    def test_a_released_version_drops_the_words_of_before_its_release(self) -> None:
        """The README is the package index page's text: once CHANGELOG.md has
        a section for the version being built (CONTRIBUTING.md, "Releasing"),
        the README no longer says that bloglist is not on the index yet, and
        that section is dated; until then the version has no section."""
        version = (ROOT / "src" / "bloglist" / "_version.py").read_text(
            encoding="utf-8"
        )
        found = re.search(r'^__version__ = "([^"]+)"$', version, re.M)
        assert found is not None
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        heading = re.search(rf"^## \[{re.escape(found[1])}\](.*)$", changelog, re.M)
        before = "once bloglist is on the package index"
        if heading is None:
            assert before in README  # not released: the README says so
            assert "## [Unreleased]" in changelog
        else:
            assert before not in README
            assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", heading[1]), heading[0]

    def test_links_are_absolute(self) -> None:
        """Relative links break on the package index page, which shows the README."""
        inline = re.findall(r"\]\(([^)]*)\)", README)
        references = re.findall(r"^\[[^\]]+\]:\s*(\S+)", README, re.M)
        relative = [
            target
            for target in inline + references
            if not target.startswith(("https://", "http://", "#"))
        ]
        assert relative == []

    def test_the_opening_listing_is_the_shipped_samples_and_parses_clean(
        self,
    ) -> None:
        """The listing the README opens with is lines of the sample the
        package ships, whole posts that read with no diagnostic, and its
        words about them hold: two posts, the first sticky and dated, with
        the tags its glued line names."""
        import bloglist

        opening = re.search(r"^```text\n(.*?)^```", README, re.M | re.S)
        assert opening is not None
        text = opening[1]
        assert text in bloglist.sample_text()
        listing = bloglist.loads(text)
        assert listing.diagnostics == ()
        assert len(listing) == 2
        first = listing[0]
        assert (first.sticky, first.date is not None) == (True, True)
        assert "`DataInfrastructurePlatform` is `Data`, `Infrastructure` and" in (
            " ".join(README.split())
        )
        assert first.tags == ("Data", "Infrastructure", "Platform")


class TestDocsSite:
    def test_read_the_docs_builds_as_the_docs_session_does(self) -> None:
        """The Documentation link of the package's metadata is a Read the
        Docs site, which builds only from a .readthedocs.yaml: it installs
        the package with the `docs` group and fails on any warning, as
        `nox -s docs` does."""
        config = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
        urls = PYPROJECT["project"]["urls"]
        assert urls["Documentation"].endswith(".readthedocs.io/")
        assert "docs" in PYPROJECT["dependency-groups"]
        assert "- python -m pip install . --group docs\n" in config
        assert "  configuration: docs/conf.py\n  fail_on_warning: true\n" in config
        noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
        assert '"-W"' in noxfile and '_group("docs")' in noxfile
        include = PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
        assert "/.readthedocs.yaml" in include


class TestExtras:
    def test_only_the_test_extra_is_published(self) -> None:
        """Development tools live in dependency groups, which the wheel does not publish."""
        assert list(PYPROJECT["project"]["optional-dependencies"]) == ["test"]

    def test_the_test_extra_is_minimal(self) -> None:
        """`pip install -e '.[test]'` brings the test runner and nothing heavy."""
        names = {
            _distribution_name(r)
            for r in PYPROJECT["project"]["optional-dependencies"]["test"]
        }
        assert names == {"pytest", "pytest-xdist", "hypothesis", "sybil"}


# A quick test file, and a doc page whose examples share their names, so
# that they fail if split between workers: run by the runs of pytest below.
TAGS = "tests/test_tags.py"
PAGE = "docs/api.md"

# The runs that ask for workers need pytest-xdist, which the test extra
# brings; a distribution that tests the sdist without it skips them.
NEEDS_XDIST = pytest.mark.skipif(
    importlib.util.find_spec("xdist") is None,
    reason="needs pytest-xdist (the test extra has it)",
)


class TestPlainPytest:
    @pytest.mark.parametrize(
        ("options", "workers"),
        [
            (["-p", "no:xdist"], None),
            # -n auto: as many as the machine says (3, below).
            pytest.param([], "3/3", marks=NEEDS_XDIST),
            pytest.param(["-n", "2"], "2/2", marks=NEEDS_XDIST),
            pytest.param(
                ["--cov=bloglist", "--cov-report=", "--cov-fail-under=0"],
                None,
                marks=pytest.mark.skipif(
                    importlib.util.find_spec("pytest_cov") is None,
                    reason="needs pytest-cov (the coverage session has it)",
                ),
            ),
        ],
    )
    def test_the_suite_runs_with_or_without_pytest_xdist(
        self, options: list[str], workers: str | None, tmp_path: Path
    ) -> None:
        """pytest without pytest-xdist (as a distribution may build and test
        the sdist) runs the tests in one process, where ``-n`` in the
        configured options was an unknown option that stopped it; with
        pytest-xdist, over as many workers as the machine has, with no option
        given, and a doc page's examples on one worker with any ``-n``; with
        ``--cov`` and no ``-n``, in one process, which pytest-cov measures
        (it chose how before conftest.py could add ``-n``)."""
        # A coverage run of this test's own, never the caller's data file.
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("COV_CORE_", "COVERAGE_"))
        }
        env["COVERAGE_FILE"] = str(tmp_path / ".coverage")
        env["PYTEST_XDIST_AUTO_NUM_WORKERS"] = "3"
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
        done = subprocess.run(
            [*command, *options, PAGE, TAGS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert re.search(r"^=+ \d+ passed in ", done.stdout, re.MULTILINE)
        created = re.search(r"^created: (\d+/\d+) workers?$", done.stdout, re.MULTILINE)
        assert (created and created[1]) == workers

    @NEEDS_XDIST
    def test_a_test_that_hangs_fails_and_the_others_run(self, tmp_path: Path) -> None:
        """The root conftest.py gives each phase of a test a time limit
        (BLOGLIST_TEST_TIMEOUT, here 1 s): a call that waits for a child
        process, or a fixture's teardown that sleeps, fails where it waits,
        the child killed, and the tests after them run, on pytest-xdist's
        workers as the suite runs by default. Without it, the run waited
        for as long as the test did."""
        (tmp_path / "test_hangs.py").write_text(
            "import subprocess, sys, time\n"
            "import pytest\n"
            "def test_waits_for_a_child():\n"
            "    subprocess.run([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
            "@pytest.fixture\n"
            "def slow_to_let_go():\n"
            "    yield\n"
            "    time.sleep(60)\n"
            "def test_leaves_a_fixture_that_hangs(slow_to_let_go):\n"
            "    pass\n"
            "def test_after_them():\n"
            "    pass\n",
            encoding="utf-8",
        )
        env = {**os.environ, "BLOGLIST_TEST_TIMEOUT": "1", "PYTHONPATH": str(ROOT)}
        started = time.monotonic()
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "conftest",
            "-p",
            "no:cacheprovider",
        ]
        done = subprocess.run(
            [*command, "-n", "2", "--dist", "load", "-rA", "test_hangs.py"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert time.monotonic() - started < 30, done.stdout
        assert done.returncode == 1, done.stdout + done.stderr
        limit = "ran past its time limit, 1 s (BLOGLIST_TEST_TIMEOUT sets it)"
        assert f"Failed: the test's call {limit}" in done.stdout
        assert f"Failed: the test's teardown {limit}" in done.stdout
        summary = re.findall(
            r"^(PASSED|FAILED|ERROR) test_hangs.py::(\w+)", done.stdout, re.MULTILINE
        )
        assert sorted(summary) == [
            ("ERROR", "test_leaves_a_fixture_that_hangs"),
            ("FAILED", "test_waits_for_a_child"),
            ("PASSED", "test_after_them"),
            ("PASSED", "test_leaves_a_fixture_that_hangs"),
        ]


def _top_level_imports(path: Path) -> set[str]:
    """The top-level packages a module imports unconditionally when it loads."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests").glob("*.py")), ids=lambda path: path.name
)
def test_every_skip_for_a_missing_module_says_why(path: Path) -> None:
    """pytest.importorskip without a reason reports only "could not import":
    each call gives one, which says what the test needs the module for."""
    bare = [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "importorskip"
        and not any(keyword.arg == "reason" for keyword in node.keywords)
    ]
    assert not bare, f"{path.name}: importorskip with no reason at lines {bare}"


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests").glob("*.py")), ids=lambda path: path.name
)
def test_test_extra_modules_are_imported_with_importorskip(path: Path) -> None:
    """Without the test-extra group, a test module skips its tests; it never fails to load."""
    extra = {
        _distribution_name(r) for r in PYPROJECT["dependency-groups"]["test-extra"]
    }
    assert not _top_level_imports(path) & extra, (
        f"{path.name} imports {sorted(_top_level_imports(path) & extra)} directly;"
        ' use pytest.importorskip("...", reason="...")'
    )
