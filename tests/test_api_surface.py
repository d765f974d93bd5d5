"""The public surface, pinned: any change to it is a deliberate, reviewed change.

``tests/data/api_surface.json`` holds every name in ``bloglist.__all__`` with
its signature and, for classes, their public attributes and methods. When a
change to the public API is intended, regenerate the file with

    python tests/test_api_surface.py --update

review its diff, and add a line to CHANGELOG.md (a removal needs a
DeprecationWarning first; see docs/compatibility.md).
"""

from __future__ import annotations

import functools
import inspect
import json
import pickle
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

import bloglist

SNAPSHOT = Path(__file__).parent / "data" / "api_surface.json"


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return "(no signature)"


def _members(cls: type) -> dict[str, str]:
    """Public attributes and methods defined by *cls* and its bloglist bases."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("bloglist"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_"):
                continue
            if isinstance(value, property):
                found[name] = "property"
            elif isinstance(value, staticmethod):
                found[name] = "staticmethod " + _signature(value.__func__)
            elif isinstance(value, classmethod):
                found[name] = "classmethod " + _signature(value.__func__)
            elif callable(value):
                found[name] = "method " + _signature(value)
            else:
                found[name] = "attribute"
    return dict(sorted(found.items()))


def surface() -> dict[str, Any]:
    """What the public API is made of, as plain data."""
    names: dict[str, Any] = {}
    for name in sorted(bloglist.__all__):
        obj = getattr(bloglist, name)
        if inspect.isclass(obj):
            names[name] = {
                "kind": "exception" if issubclass(obj, BaseException) else "class",
                "module": obj.__module__,
                "bases": [base.__name__ for base in obj.__bases__],
                "signature": _signature(obj),
                "members": _members(obj),
            }
        elif typing.get_origin(obj) is not None:  # SortKey = Literal[...]
            names[name] = {"kind": "type alias", "value": repr(obj)}
        else:
            names[name] = {"kind": "function", "signature": _signature(obj)}
    return {"__all__": sorted(bloglist.__all__), "names": names}


def test_public_surface_matches_the_snapshot() -> None:
    """__all__, every signature and every public member are as reviewed.

    A failure here means the public API changed. If that was meant, run
    ``python tests/test_api_surface.py --update``, review the diff and add a
    changelog line; if not, undo the change.
    """
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert surface() == expected


PUBLIC_CLASSES = sorted(
    name for name in bloglist.__all__ if inspect.isclass(getattr(bloglist, name))
)


@pytest.mark.parametrize("name", PUBLIC_CLASSES)
def test_public_classes_say_they_come_from_bloglist(name: str) -> None:
    """Tracebacks, reprs and doctests show ``bloglist.ParseError``, not a private module."""
    assert getattr(bloglist, name).__module__ == "bloglist"


PUBLIC_FUNCTIONS = sorted(
    name for name in bloglist.__all__ if inspect.isfunction(getattr(bloglist, name))
)


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS)
def test_public_functions_say_they_come_from_bloglist(name: str) -> None:
    """A function handed to a process pool (``bloglist.post_id`` as an
    entry_id, ``functools.partial(bloglist.to_json, indent=None)``) is
    pickled by the name users import, never by the private module that
    defines it, and reads back as the same function."""
    function = getattr(bloglist, name)
    assert function.__module__ == "bloglist"
    data = pickle.dumps(functools.partial(function))
    assert b"bloglist._" not in data
    assert pickle.loads(data).func is function


def test_dir_lists_every_public_name_even_before_first_use() -> None:
    """Tab completion and ``dir()`` show the lazily imported names too, and
    no private name: not the package's modules that imports have loaded
    (``_parse``), nor what the package imports for itself."""
    assert set(bloglist.__all__) <= set(dir(bloglist))
    assert dir(bloglist) == sorted(dir(bloglist))
    bloglist.loads(bloglist.sample_text())  # loads private modules
    extra = [n for n in dir(bloglist) if n not in bloglist.__all__ and n[:2] != "__"]
    assert extra == []
    assert "__version__" in dir(bloglist)


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A misspelt name fails as for any module, naming the name."""
    with pytest.raises(AttributeError, match="'bloglist' has no attribute 'lods'"):
        getattr(bloglist, "lods")  # noqa: B009


def test_every_public_name_is_in_the_api_reference() -> None:
    """docs/api.md, the reference read as a file, mentions each public name."""
    text = (Path(__file__).parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [name for name in bloglist.__all__ if f"bloglist.{name}" not in text]
    assert missing == [], f"not in docs/api.md: {missing}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_api_surface.py --update")
    SNAPSHOT.write_text(json.dumps(surface(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}; review the diff and add a changelog line")


def test_a_lazily_loaded_name_is_a_plain_attribute_once_used() -> None:
    """A name loaded on first use (to_json here) is then held by the module
    itself, so later uses are plain attribute reads, with no import machinery
    run on each access."""
    first = bloglist.to_json
    assert vars(bloglist)["to_json"] is first
    assert bloglist.to_json is first
