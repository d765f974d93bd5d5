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
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = "bloglist"
nitpicky = False
