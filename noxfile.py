"""Test sessions across Python versions and dependency versions.

``nox`` runs them all; ``nox -s tests-3.12`` one of them. Each session installs
the wheel that ``python -m build`` left in ``dist/`` when there is one (as
.ci/run does), so that what is tested is what would be published; else it
installs the source tree.

A Python that this machine does not have is skipped, with the reason printed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PYTHONS = ["3.11", "3.12", "3.13"]
MINIMUM_PYTHON = PYTHONS[0]

nox.options.sessions = ["tests", "lowest", "newest"]
nox.options.error_on_missing_interpreters = False
nox.options.reuse_existing_virtualenvs = False


def _add_pyenv_pythons_to_path() -> None:
    """Let nox find the pythons pyenv keeps but does not put on PATH."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return
    root = Path(
        subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
    )
    found = sorted((root / "versions").glob("3.*/bin"))
    if found:
        os.environ["PATH"] = os.pathsep.join([*map(str, found), os.environ["PATH"]])


_add_pyenv_pythons_to_path()


def _package() -> str:
    """The wheel in dist/ if one was built, else the source tree."""
    wheels = sorted((ROOT / "dist").glob("bloglist-*.whl"))
    return str(wheels[-1]) if wheels else str(ROOT)


def _test(session: nox.Session) -> None:
    session.run(
        "python",
        "-c",
        "import bloglist, sys; print('testing', bloglist.__file__, 'on', sys.version)",
    )
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs
    )


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole test suite on each supported Python."""
    session.install(f"{_package()}[test]")
    _test(session)


def _lowest() -> list[str]:
    """The runtime dependencies pinned to their declared lower bounds."""
    pins = []
    for requirement in PYPROJECT["project"]["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([^,;\s]+)", requirement)
        if match is None:
            raise ValueError(f"dependency {requirement!r} has no plain lower bound")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


@nox.session(python=MINIMUM_PYTHON)
def lowest(session: nox.Session) -> None:
    """The test suite with every runtime dependency at its declared lower bound."""
    pins = _lowest()
    session.install(f"{_package()}[test]", *pins)
    session.run("python", "-m", "pip", "list")
    _test(session)


@nox.session(python=PYTHONS[-1])
def newest(session: nox.Session) -> None:
    """The test suite with the newest release of every dependency."""
    session.install("--upgrade", "--upgrade-strategy", "eager", f"{_package()}[test]")
    session.run("python", "-m", "pip", "list")
    _test(session)
