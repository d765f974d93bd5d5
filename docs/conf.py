"""Sphinx configuration: MyST Markdown pages, API reference from docstrings."""

from __future__ import annotations

from importlib.metadata import version as _version

project = "bloglist"
author = "The bloglist developers"
copyright = "2026, The bloglist developers"
release = _version("bloglist")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# The defaults' values: their source text is attrs' generated __init__'s
# for a class (attr_dict['date'].default), and a private name for others.
autodoc_preserve_defaults = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# "Attributes:" as attribute entries, each a target that `Post.title` links.
napoleon_use_ivar = False

html_theme = "furo"
html_title = "bloglist"
# Every reference to a name of bloglist must find its entry (with -W, the
# build fails): a public name missing from the reference rendered as plain
# code before. The standard library's are left unlinked (no intersphinx:
# the build runs offline), and the private type variables of signatures.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(collections\.abc|datetime|os|str|pathlib|mmap|json|codecs)\..*"),
    (r"py:.*", r"bloglist\._.*"),
]


# The pages are written to be read as files too (on a code host, in an
# editor), where MyST's roles ({func}`bloglist.loads`) show as noise. They
# name the API in plain code spans instead, and the site links each span
# that names a public object: `bloglist.loads()`, `bloglist.Post`,
# `Listing.first()`, `Post.title` (a class of bloglist.__all__ may be named
# without the package). A bare lowercase name (`diff`, `load`) is not
# linked: in these pages it is as often a command or an option's word.
# Fenced blocks, headings and the text of a link are left as written.

import re  # noqa: E402

import bloglist  # noqa: E402

# A fence of backticks has none in its info string (CommonMark): a line
# that starts with a code span of three backticks is a paragraph's.
_FENCE = re.compile(r"^\s*(`{3,}(?!.*`)|~{3,})")
_SPAN = re.compile(
    r"(?<![`\w\[])`(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?P<call>\(\))?`(?![`\]])"
)


def _api_target(name: str) -> str | None:
    """The dotted path of the public object *name* names, or ``None``."""
    parts = name.split(".")
    if parts[0] == "bloglist":
        parts = parts[1:]
    elif not parts[0][:1].isupper():
        return None
    if not parts or parts[0] not in bloglist.__all__:
        return None
    found: object = bloglist
    for part in parts:
        if not hasattr(found, part):
            return None
        found = getattr(found, part)
    return ".".join(("bloglist", *parts))


def _linked(match: re.Match[str]) -> str:
    target = _api_target(match["name"])
    if target is None:
        return match[0]
    return f"{{py:obj}}`{match['name']}{match['call'] or ''} <{target}>`"


def _link_api_names(app: object, docname: str, source: list[str]) -> None:
    lines = source[0].split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = ""
        elif opened:
            fence = opened[1]
        elif not line.startswith("#"):
            lines[index] = _SPAN.sub(_linked, line)
    source[0] = "\n".join(lines)


def setup(app: object) -> None:
    app.connect("source-read", _link_api_names)  # type: ignore[attr-defined]
