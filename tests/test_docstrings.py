"""Every docstring example in the installed package runs, and every public name has one."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import bloglist

MODULES = sorted(
    ["bloglist"]
    + [f"bloglist.{info.name}" for info in pkgutil.iter_modules(bloglist.__path__)]
)
MODULES.remove("bloglist.__main__")  # running it is the CLI's test


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_pass(name: str) -> None:
    """The ``>>>`` examples of each module's docstrings give the output they show."""
    module: ModuleType = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


@pytest.mark.parametrize("name", bloglist.__all__)
def test_every_public_name_has_an_example(name: str) -> None:
    """Each name in ``bloglist.__all__`` documents itself with a ``>>>`` example."""
    obj = getattr(bloglist, name)
    doc = inspect.getdoc(obj) or ""
    assert ">>>" in doc, f"bloglist.{name} has no docstring example"
