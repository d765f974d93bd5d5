"""Every check CI runs, as nox sessions: ``nox`` runs them all.

``nox -l`` lists them; ``nox -s lint`` (or ``types``, ``vermin``, ``docs``,
``build``, ``tests-3.12``) runs one. Each session installs what it needs into a
fresh virtual environment, reading the tools from the dependency groups in
pyproject.toml, so a developer and CI run the same thing.

The whole test suite runs once per Python, and each run carries one more axis
of the matrix instead of a run of its own:

- 3.11: the README's test command, which ``.ci/run`` runs before nox: the
  source tree installed in editable mode, with the newest release of every
  runtime dependency. The ``build`` session adds the lower bounds declared for
  3.11 (attrs, python-dateutil, regex), under the tests that the sdist runs:
  the parser, tag and date tests, the API snapshot and every doc example.
- 3.12 (``tests-3.12``), on the wheel that the ``build`` session makes (so
  what is tested is what would be published), with every runtime dependency at
  its declared lower bound for 3.12, and the ``test-extra`` group but pandas,
  which needs a newer python-dateutil (its tests skip there, each with the
  reason printed);
- 3.13 (``tests-3.13``), on the wheel, with the ``test-extra`` group, the
  newest release of everything, and the coverage gate (100% of branches).

Coverage is measured on 3.13 rather than 3.12 because coverage.py's tracer
runs about twice as slowly on 3.12 as on 3.11 or 3.13 (3.12 reworked the
tracing hooks it uses): on three of the slowest test files, coverage took
4.4 times the plain run on 3.12 and 2.4 times on 3.13.

Each run spreads the tests over every core (pytest-xdist, on by default
through the root conftest.py when it is installed).

A Python that this machine does not have is skipped, with the reason printed.

Sessions make their environments with uv when nox finds it (``uv`` is in the
``ci`` dependency group), which installs in a fraction of pip's time, and with
virtualenv and pip otherwise: the same sessions run either way.
"""

from __future__ import annotations

import difflib
import email
import os
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

import nox
from packaging.requirements import Requirement

nox.needs_version = ">=2025.10.14"
# uv when nox finds it (on PATH or installed beside nox), else virtualenv.
nox.options.default_venv_backend = "uv|virtualenv"
# A missing Python is skipped (below), never downloaded.
nox.options.download_python = "never"
nox.options.error_on_missing_interpreters = False
nox.options.reuse_existing_virtualenvs = False
nox.options.sessions = ["lint", "types", "vermin", "docs", "build", "tests"]

ROOT = Path(__file__).parent
DIST = ROOT / "dist"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PYTHONS = ["3.11", "3.12", "3.13"]
LOWEST_PYTHON, NEWEST_PYTHON = PYTHONS[0], PYTHONS[-1]
# The Pythons of the `tests` session: 3.11's whole-suite run is the README's
# test command (see the module docstring).
TEST_PYTHONS = ["3.12", "3.13"]
LOWER_BOUNDS_PYTHON = TEST_PYTHONS[0]  # the whole suite at the lower bounds
COVERAGE_PYTHON = NEWEST_PYTHON  # see the module docstring for why


def _add_pyenv_pythons_to_path() -> None:
    """Let nox find the Pythons that pyenv keeps but does not put on PATH."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return
    root = subprocess.run(
        [pyenv, "root"], capture_output=True, text=True, check=False
    ).stdout.strip()
    found = sorted(Path(root, "versions").glob("3.*/bin")) if root else []
    if found:
        os.environ["PATH"] = os.pathsep.join([*map(str, found), os.environ["PATH"]])


_add_pyenv_pythons_to_path()


def _group(name: str) -> tuple[str, ...]:
    """The requirements of one dependency group of pyproject.toml."""
    return nox.project.dependency_groups(PYPROJECT, name)


# Test-extra packages that cannot install beside the lowest runtime pins:
# pandas needs a python-dateutil newer than our lowest bound (2.8.1).
CONFLICT_WITH_LOWEST = {"pandas"}


def _test_extra(python: object) -> list[str]:
    """The test-extra group, as far as it installs in the session for *python*."""
    skip = CONFLICT_WITH_LOWEST if python == LOWER_BOUNDS_PYTHON else set()
    return [r for r in _group("test-extra") if Requirement(r).name not in skip]


def _lowest_pins(python: str) -> list[str]:
    """The runtime dependencies pinned to the lower bounds declared for
    *python*."""
    pins = []
    for text in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(text)
        if requirement.marker and not requirement.marker.evaluate(
            {"python_version": python}
        ):
            continue
        (bound,) = requirement.specifier  # one ">=" each, or the next line says
        if bound.operator != ">=":
            raise ValueError(f"dependency {text!r} has no plain lower bound")
        pins.append(f"{requirement.name}=={bound.version}")
    return pins


@nox.session(python=LOWEST_PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff: lint rules and formatting."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=LOWEST_PYTHON)
def types(session: nox.Session) -> None:
    """mypy --strict on the package, the tests, this file, and typing_tests/;
    pyright, strict, on typing_tests/, and its type completeness of the
    package's public names (``--verifytypes``).

    typing_tests/ is code written the way a user writes it, never run: it pins
    the type of each public call with ``assert_type``, and what each checker
    refuses (``[tool.pyright]`` in pyproject.toml says how).
    """
    session.install("-e", ".[test]", *_group("types"))
    session.run("mypy", "src", "tests", "noxfile.py")
    # With the `deprecated` code on, as a user who asks to hear of them.
    session.run("mypy", "--strict", "--enable-error-code", "deprecated", "typing_tests")
    # basedpyright is pyright as PyPI ships it whole; in pyright's own strict
    # mode (pyproject.toml), with the session's Python for the imports.
    session.run("basedpyright", "--pythonpath", str(Path(session.bin) / "python"))
    # What a user's checker sees of the installed package: every public
    # name's type known (a score under 100% fails).
    session.run(
        "basedpyright", "--pythonpath", str(Path(session.bin) / "python"),
        "--verifytypes", "bloglist", "--ignoreexternal",
    )  # fmt: skip


@nox.session(python=LOWEST_PYTHON)
def vermin(session: nox.Session) -> None:
    """The package needs nothing newer than its oldest supported Python."""
    session.install(*_group("lint"))
    session.run(
        "vermin",
        f"-t={LOWEST_PYTHON}-",
        "--violations",
        "--eval-annotations",
        "--no-tips",
        "src/",
    )


@nox.session(python=LOWEST_PYTHON)
def docs(session: nox.Session) -> None:
    """The documentation site, with every Sphinx warning an error."""
    session.install(".", *_group("docs"))
    shutil.rmtree(ROOT / "docs" / "_build", ignore_errors=True)
    session.run(
        "python", "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
        "docs", "docs/_build/html",
    )  # fmt: skip


def _collected(session: nox.Session, where: Path) -> list[str]:
    """How many tests each file holds, as ``pytest --collect-only -qq`` run in *where*.

    With ``--assert=plain``: no test runs, so rewriting the test modules'
    asserts (more than half of collecting them) would be wasted.
    """
    with session.chdir(where):
        output = session.run(
            "python", "-m", "pytest", "--collect-only", "-qq", "-p", "no:cacheprovider",
            "-n0", "--assert=plain", silent=True,
        )  # fmt: skip
    assert isinstance(output, str)
    return sorted(line for line in output.splitlines() if line.strip())


@nox.session(python=LOWEST_PYTHON)
def build(session: nox.Session) -> None:
    """The sdist and the wheel into dist/, checked; the sdist must stand alone.

    The wheel's metadata may publish no extra but ``test``. The sdist is
    unpacked in a temporary folder, built and installed from there, and must
    collect exactly the tests the source tree collects (so no test, data file
    or doc page is missing from it), then pass the data-driven parser tests,
    the tag and date tests, the API snapshot, the packaging checks and the doc
    examples, with every runtime dependency at the lower bound declared for
    Python 3.11.
    """
    session.install(*_group("build"))
    # build makes an environment for each of the two builds: with uv too when
    # the session has it (a fraction of pip's time).
    installer = ["--installer", "uv"] if session.venv_backend == "uv" else []
    if installer:
        session.install("uv")
    shutil.rmtree(DIST, ignore_errors=True)
    session.run("python", "-m", "build", *installer, "--outdir", str(DIST))
    (sdist,) = DIST.glob("bloglist-*.tar.gz")
    (wheel,) = DIST.glob("bloglist-*.whl")
    session.run("twine", "check", "--strict", str(sdist), str(wheel))
    session.run("check-wheel-contents", str(wheel))
    extras = _published_extras(wheel)
    session.log(f"extras published in the wheel's metadata: {extras}")
    if extras != ["test"]:
        session.error("only the `test` extra may be published; use a dependency group")

    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sdist) as archive:
            archive.extractall(tmp, filter="data")
        (unpacked,) = Path(tmp).iterdir()
        # At the lower bounds declared for this session's Python (3.11), which
        # no other session tests (see the module docstring).
        session.install(f"{unpacked}[test]", *_lowest_pins(LOWEST_PYTHON))
        expected = _collected(session, ROOT)
        found = _collected(session, unpacked)
        if found != expected:
            diff = difflib.unified_diff(
                expected, found, "source tree", "sdist", lineterm=""
            )
            session.error("the sdist collects other tests:\n" + "\n".join(diff))
        session.log(
            f"the sdist collects the same tests as the source tree ({len(found)} files)"
        )
        with session.chdir(unpacked):
            session.run(
                "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "tests/test_parse.py", "tests/test_tags.py", "tests/test_dates.py",
                "tests/test_api_surface.py", "tests/test_packaging.py", "docs", "README.md",
            )  # fmt: skip


def _published_extras(wheel: Path) -> list[str]:
    """The ``Provides-Extra`` names in a wheel's metadata."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(name))
    return sorted(metadata.get_all("Provides-Extra") or [])


def _wheel() -> str:
    wheels = sorted(DIST.glob("bloglist-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one wheel in {DIST}, found {len(wheels)}")
    return str(wheels[0])


@nox.session(python=TEST_PYTHONS, requires=["build"])
def tests(session: nox.Session) -> None:
    """The whole test suite on the built wheel; see the module docstring."""
    wheel = _wheel()
    python = session.python
    extra = _test_extra(python)
    if python == COVERAGE_PYTHON:
        extra += _group("coverage")
    if python == LOWER_BOUNDS_PYTHON:
        session.install(f"{wheel}[test]", *extra, *_lowest_pins(str(python)))
    else:
        # uv's --upgrade is pip's --upgrade --upgrade-strategy eager.
        eager = ["--upgrade"] if session.venv_backend == "uv" else [
            "--upgrade", "--upgrade-strategy", "eager",
        ]  # fmt: skip
        session.install(*eager, f"{wheel}[test]", *extra)
    # What is installed, as `pip list` would show it (a uv environment has no pip).
    session.run(
        "python", "-c", _LIST_DISTRIBUTIONS, silent=python != LOWER_BOUNDS_PYTHON
    )  # fmt: skip
    session.run(
        "python",
        "-c",
        "import bloglist, sys, sysconfig\n"
        "where = bloglist.__file__\n"
        "assert where.startswith(sysconfig.get_paths()['purelib']), where\n"
        "print('testing the installed wheel', where, 'on', sys.version)",
    )
    # Bloglist's bytecode, as pip writes it when it installs (uv does not): the
    # tests run `python -m bloglist` a few hundred times, and where bytecode
    # is not written (PYTHONDONTWRITEBYTECODE) each run would compile the
    # package again, about 50 ms.
    session.run(
        "python",
        "-c",
        "import bloglist, compileall, os\n"
        "assert compileall.compile_dir(os.path.dirname(bloglist.__file__), quiet=1)",
    )
    # The tests that need the test-extra group must run here, not skip (each of
    # its packages imports under its own name, with _ for -).
    modules = sorted(Requirement(r).name.replace("-", "_") for r in extra)
    session.run("python", "-c", f"import {', '.join(modules)}")
    # Hypothesis's CI settings (conftest.py), unless the caller picked a profile.
    session.env["HYPOTHESIS_PROFILE"] = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    # The slowest tests, printed, keep an eye on how long CI takes.
    pytest = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=5"]
    pytest += session.posargs
    if python != COVERAGE_PYTHON:
        session.run("python", *pytest)
        return
    # pytest-cov measures this process and each pytest-xdist worker, and
    # combines their data into the one file the report reads. Child
    # processes are not measured: the command's tests that run
    # `python -m bloglist` as a shell does have in-process counterparts
    # (tests/test_cli_in_process.py), and measuring every child took about
    # a quarter longer. The gate is `coverage report` below (fail_under in
    # pyproject.toml), after the pragmas are checked.
    session.env["COVERAGE_FILE"] = str(ROOT / ".coverage")
    session.run("coverage", "erase")
    cov = ["--cov", "--cov-report=", "--cov-fail-under=0"]
    # -n given here, not left to conftest.py: pytest-cov chooses how to
    # measure from the options as given, before conftest.py's hook could add
    # it. A caller's own -n stands.
    if not any(arg.startswith(("-n", "--numprocesses")) for arg in session.posargs):
        cov += ["-n", "auto", "--dist", "loadfile"]
    # Tests marked `big` check a bound on memory or time with input made big
    # on purpose; smaller tests cover what they run, and under the tracer they
    # take several times as long, so they run after, unmeasured: every test
    # still runs here. A selection with no big test is no failure (status 5);
    # a caller's own -m selects once, measured.
    if "-m" in session.posargs:
        session.run("python", *pytest, *cov)
    else:
        session.run("python", *pytest, *cov, "-m", "not big")
        session.run("python", *pytest, "-m", "big", success_codes=[0, 5])
    unexplained = _unexplained_pragmas()
    if unexplained:
        session.warn(f"pragmas without a reason: {', '.join(unexplained)}")
    session.run("coverage", "report")
    if unexplained:
        session.error(
            "a `# pragma: no cover` needs its reason beside it or in a comment"
            f" just above: {', '.join(unexplained)}"
        )


_LIST_DISTRIBUTIONS = """
from importlib.metadata import distributions
for name, version in sorted({(d.name.lower(), d.version) for d in distributions()}):
    print(f"{name:30} {version}")
"""


def _unexplained_pragmas() -> list[str]:
    """Where a ``# pragma: no cover`` in src/ says not why, on its line or just above."""
    missing = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if "pragma: no cover" not in line:
                continue
            after = line.split("pragma: no cover", 1)[1].strip(" -:()")
            above = lines[number - 2].strip() if number > 1 else ""
            if not after and not above.startswith("#"):
                missing.append(f"{path.relative_to(ROOT)}:{number}")
    return missing
