"""The package's modules import one way, as CONTRIBUTING.md's "Architecture" says.

Each private module has a layer; a module may import only from lower layers,
at its top or inside a function (a lazy import is still a dependency). So
there is no import cycle, the values stay at the bottom and the command on
top, and a new module has to be placed (here and in CONTRIBUTING.md) before
the suite passes.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

import bloglist

PACKAGE = Path(bloglist.__file__).parent

# The data flow, bottom to top: text -> lines -> posts -> listing -> queries,
# writers, exports, history -> the command.
LAYERS: dict[str, int] = {
    # Shared helpers that know nothing of posts.
    "_errors": 0,
    "_files": 0,
    "_gc": 0,
    "_hints": 0,
    "_sample": 0,
    "_uuid": 0,
    "_version": 0,
    # The values, reading one date, splitting one tag line.
    "_post": 1,
    "_dates": 1,
    "_tags": 1,
    # Text -> lines (and the header-line rule); the query indexes over posts.
    "_lines": 2,
    "_index": 2,
    # How the readers read a file (the file object's checks, its read).
    "_readers": 3,
    # Conditions, then the query operations, then the Listing that holds them.
    "_where": 3,
    "_query": 4,
    "_listing": 5,
    # Lines -> posts; posts -> text, JSON, CSV, Atom; matching two scrapes.
    "_parse": 6,
    "_write": 6,
    "_export": 6,
    "_match": 6,
    # Built on those: JSON read back, diff, stitched pages, the archive.
    "_read_json": 7,
    "_diff": 7,
    "_stitch": 7,
    # Every post ever seen, merged scrape by scrape (stitched pages checked).
    "_archive": 8,
    # The archive's SQLite file.
    "_store": 9,
    # argv -> all of the above.
    "_cli_common": 10,
    "_cli_history": 11,
    "_cli": 12,
}


def _modules() -> list[str]:
    return sorted(
        path.stem for path in PACKAGE.glob("_*.py") if path.stem != "__init__"
    )


def _imports(module: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, imported module, imported names) for each relative import in *module*."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = tuple(alias.name for alias in node.names)
            if node.module is None:  # from . import _x
                found.extend((node.lineno, name, ()) for name in names)
            else:
                found.append((node.lineno, node.module, names))
    return found


def test_every_module_has_a_layer() -> None:
    """A new module is placed in the architecture before it lands."""
    assert [m for m in _modules() if m not in LAYERS and m != "__main__"] == []
    assert [m for m in LAYERS if m not in _modules()] == []


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_imports_point_down(module: str) -> None:
    """Each module imports only from lower layers: no cycle, no upward reach."""
    upward = [
        f"line {line}: {module} (layer {LAYERS[module]}) imports {target} "
        f"(layer {LAYERS[target]})"
        for line, target, _ in _imports(module)
        if LAYERS[target] >= LAYERS[module]
    ]
    assert upward == []


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_no_private_names_across_modules(module: str) -> None:
    """A module uses another's public names only; its underscored ones stay its own."""
    private = [
        f"line {line}: {module} imports {name} from {target}"
        for line, target, names in _imports(module)
        for name in names
        if name.startswith("_")
    ]
    assert private == []


def _module_aliases(tree: ast.Module) -> dict[str, str]:
    """The names *tree* binds to modules of the package (``from . import
    _cli_common as common``), each to the module's name."""
    return {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None
        for alias in node.names
    }


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_no_private_names_through_a_module(module: str) -> None:
    """Nor through a module imported whole: ``common._PAGES``, where
    ``_cli_common`` is imported as ``common``, is its underscored name too
    (dunder names, such as ``__name__``, are everyone's)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    aliases = _module_aliases(tree)
    private = [
        f"line {node.lineno}: {module} uses {aliases[node.value.id]}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in aliases
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    assert private == []


def _own_names(tree: ast.Module) -> set[str]:
    """Every name *tree* defines: its functions, classes and methods, the
    names it assigns or annotates (an attribute's too: ``self._x = ...``,
    ``cls._x``), its keyword arguments' names, its ``__slots__`` and the
    names it sets by ``setattr`` or ``object.__setattr__``. (Not any string
    that reads as a name: a message that says ``"_index"`` defines nothing,
    a review found.)"""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.keyword) and node.arg is not None:
            names.add(node.arg)  # _set(self, _turns=...), attrs' fields
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__slots__"
            for target in node.targets
        ):
            names.update(_strings(node.value))
        elif isinstance(node, ast.Call) and _called(node) in _SETTERS:
            names.update(_strings(*node.args[1:2]))
    return names


# The calls that set an attribute named by a string, and those that read one.
_SETTERS: Final = frozenset({"setattr", "__setattr__"})
_GETTERS: Final = frozenset({"getattr", "hasattr", "delattr", "attrgetter"})


def _called(node: ast.Call) -> str | None:
    """The name of the function *node* calls: ``f`` of ``f(...)`` and of
    ``x.f(...)``."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _strings(*nodes: ast.expr) -> list[str]:
    """The string constants in *nodes* (a tuple's items, too)."""
    return [
        found.value
        for node in nodes
        for found in ast.walk(node)
        if isinstance(found, ast.Constant) and isinstance(found.value, str)
    ]


def _attributes_used(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """The attributes *tree* reads, with their line: ``x.name``, and the
    names given as strings to ``getattr``, ``hasattr``, ``delattr`` and
    ``operator.attrgetter`` (each name of a dotted one)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            yield node.lineno, node.attr
        elif isinstance(node, ast.Call) and _called(node) in _GETTERS:
            args = node.args if _called(node) == "attrgetter" else node.args[1:2]
            for text in _strings(*args):
                for name in text.split("."):
                    yield node.lineno, name


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_no_private_attributes_of_another_module(module: str) -> None:
    """Nor an underscored attribute that another module of the package
    defines (``archive._hint_times(...)`` on an ArchiveFile, a check found):
    every such attribute a module reads is one it defines itself. (Those of
    the standard library, ``sys._getframe``, argparse's classes, are not
    the package's to keep apart.)"""
    own = {m: _own_names_of(m) for m in LAYERS}
    others = set().union(*(names for m, names in own.items() if m != module))
    private = sorted(
        f"line {line}: {module} uses .{name}"
        for line, name in _attributes_used(_tree(module))
        if name.startswith("_")
        and not name.startswith("__")
        and name in others
        and name not in own[module]
    )
    assert private == []


@functools.cache
def _own_names_of(module: str) -> frozenset[str]:
    return frozenset(_own_names(_tree(module)))


@functools.cache
def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def test_an_attribute_defined_elsewhere_is_found() -> None:
    """The test above finds a private method of another module's class,
    and passes one the module defines."""
    tree = ast.parse(
        "class A:\n    def _mine(self): return self._mine() + other._theirs()\n"
    )
    own = _own_names(tree)
    assert "_mine" in own and "_theirs" not in own


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_the_package_imports_itself_by_relative_imports(module: str) -> None:
    """A module imports the package's other modules relatively, which the
    two tests above read: ``from bloglist._x import y`` or ``import
    bloglist._x`` would get past them."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    absolute = [
        f"line {node.lineno}: {module} imports the package by its name"
        for node in ast.walk(tree)
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").split(".")[0] == "bloglist"
        )
        or (
            isinstance(node, ast.Import)
            and any(alias.name.split(".")[0] == "bloglist" for alias in node.names)
        )
    ]
    assert absolute == []


def test_the_private_attribute_check_sees_names_in_strings_as_python_does() -> None:
    """What the check above counts (a review found it blind to two): a
    string that merely reads as a name defines nothing, one that ``setattr``
    or ``__slots__`` gives does; ``getattr``, ``hasattr`` and
    ``attrgetter`` read the attribute their string names."""
    code = ast.parse(
        'log.info("_index")\n'
        'class C:\n    __slots__ = ("_kept",)\n'
        'object.__setattr__(self, "_set", 1)\n'
        'getattr(store, "_check")()\n'
        'attrgetter("a._deep", "_top")\n'
    )
    assert {"_kept", "_set"} <= _own_names(code)
    assert "_index" not in _own_names(code)
    used = {name for _, name in _attributes_used(code)}
    assert {"_check", "_deep", "_top", "info", "__setattr__"} <= used
