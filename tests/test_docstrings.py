"""Every docstring example in the installed package runs, and every public name has one."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
import tempfile
import typing
from pathlib import Path
from types import ModuleType

import pytest

import bloglist

MODULES = sorted(
    ["bloglist"]
    + [f"bloglist.{info.name}" for info in pkgutil.iter_modules(bloglist.__path__)]
)
MODULES.remove("bloglist.__main__")  # running it is the CLI's test


@pytest.fixture(autouse=True)
def _files_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files an example makes (``tempfile.mkdtemp()``) go in the test's
    own directory, which pytest removes: a run leaves nothing behind."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def _run(tests: list[doctest.DocTest], where: str) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {where}"


@pytest.mark.parametrize("name", MODULES)
def test_module_docstring_examples_pass(name: str) -> None:
    """The ``>>>`` examples of each module's own docstrings give the output they show."""
    module: ModuleType = importlib.import_module(name)
    _run(doctest.DocTestFinder(exclude_empty=True).find(module, name), name)


@pytest.mark.parametrize("name", bloglist.__all__)
def test_public_docstring_examples_pass(name: str) -> None:
    """The examples of each public name and of its methods give the output they show.

    Public classes say they come from ``bloglist`` while their methods live in
    private modules, so the module search above skips those methods; here
    every member is searched whatever module it comes from.
    """
    obj = getattr(bloglist, name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = finder.find(obj, f"bloglist.{name}", module=False, globs={})
    _run(tests, f"bloglist.{name}")


# Type aliases (``SortKey = Literal[...]``) have no docstring of their own:
# docs/api.md shows each in an example that runs in the suite.
ALIASES = [n for n in bloglist.__all__ if typing.get_origin(getattr(bloglist, n))]
DOCUMENTED = [name for name in bloglist.__all__ if name not in ALIASES]


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_public_name_has_an_example(name: str) -> None:
    """Each name in ``bloglist.__all__`` documents itself with a ``>>>`` example."""
    obj = getattr(bloglist, name)
    doc = inspect.getdoc(obj) or ""
    assert ">>>" in doc, f"bloglist.{name} has no docstring example"


@pytest.mark.parametrize("name", ALIASES)
def test_every_public_type_alias_has_an_example_in_the_reference(name: str) -> None:
    """Each alias is used in a ``>>>`` line of docs/api.md."""
    text = (Path(__file__).parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    examples = [line for line in text.splitlines() if line.startswith((">>> ", "... "))]
    assert any(f"bloglist.{name}" in line for line in examples), name


def _reference_code() -> str:
    text = (Path(__file__).parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    return "\n".join(re.findall(r"```python\n(.*?)```", text, re.S))


@pytest.mark.parametrize("name", bloglist.__all__)
def test_every_public_name_is_in_an_example_of_the_reference(name: str) -> None:
    """docs/api.md says each public name is listed there with an example
    that runs as a test: each is named in a code block of the page."""
    assert re.search(rf"\b{name}\b", _reference_code()), name


def _public_methods() -> list[str]:
    """``Class.member`` for each public method and property of the public classes.

    Attributes (attrs fields) are documented by their class's docstring; what
    is inherited from outside bloglist (``tuple.count``) is not ours to document.
    """
    found = []
    for name in bloglist.__all__:
        cls = getattr(bloglist, name)
        if not inspect.isclass(cls):
            continue
        for klass in cls.__mro__:
            if not klass.__module__.startswith("bloglist"):
                continue
            for member, value in vars(klass).items():
                if not member.startswith("_") and (
                    isinstance(value, property | staticmethod | classmethod)
                    or inspect.isfunction(value)
                ):
                    found.append(f"{name}.{member}")
    return sorted(set(found))


@pytest.mark.parametrize("qualname", _public_methods())
def test_every_public_method_has_an_example(qualname: str) -> None:
    """Each public method and property documents itself with a ``>>>`` example."""
    name, member = qualname.split(".")
    value = inspect.getattr_static(getattr(bloglist, name), member)
    if isinstance(value, property):
        value = value.fget
    elif isinstance(value, staticmethod | classmethod):
        value = value.__func__
    doc = inspect.getdoc(value) or ""
    assert ">>>" in doc, f"bloglist.{qualname} has no docstring example"
