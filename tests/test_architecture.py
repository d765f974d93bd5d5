"""The package's modules import one way, as CONTRIBUTING.md's "Architecture" says.

Each private module has a layer; a module may import only from lower layers,
at its top or inside a function (a lazy import is still a dependency). So
there is no import cycle, the values stay at the bottom and the command on
top, and a new module has to be placed (here and in CONTRIBUTING.md) before
the suite passes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bloglist

PACKAGE = Path(bloglist.__file__).parent

# The data flow, bottom to top: text -> lines -> posts -> listing -> queries,
# writers, exports, history -> the command.
LAYERS: dict[str, int] = {
    # Shared helpers that know nothing of posts.
    "_errors": 0,
    "_gc": 0,
    "_hints": 0,
    "_sample": 0,
    "_tags": 0,
    "_uuid": 0,
    "_version": 0,
    # The values, and reading one date.
    "_post": 1,
    "_dates": 1,
    # Text -> lines (and the header-line rule); the query indexes over posts.
    "_lines": 2,
    "_index": 2,
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
