"""The sample listing the package ships."""

from __future__ import annotations

__all__ = ["sample_text"]


def sample_text() -> str:
    """The text of the sample listing that ships with bloglist.

    Twelve posts of a made-up engineering blog, written to exercise every rule
    of the format: headerless, sticky, dated and undated posts, each accepted
    date spelling, cut and whole excerpts, glued multi-word tags, curly quotes
    and non-breaking spaces.

    >>> import bloglist
    >>> listing = bloglist.loads(bloglist.sample_text())
    >>> len(listing), listing.diagnostics
    (12, ())
    >>> listing[1].title
    'Scaling Our Event Pipeline to a Billion Events a Day'
    """
    # Imported here, not with the module: importlib.resources takes about
    # 8 ms to import, which the command pays only for --sample.
    from importlib.resources import files

    return files(__package__).joinpath("sample.txt").read_text(encoding="utf-8")
