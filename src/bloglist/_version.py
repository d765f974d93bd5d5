"""The version of bloglist, written here only: the build reads it from this
file, and a copy run from a source tree or vendored knows its own."""

__version__ = "0.1.0"
