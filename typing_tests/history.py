"""Following a blog over time, as a user would type it: diff, post ids, stitch."""

from __future__ import annotations

from typing import assert_type

import bloglist
from bloglist import Change, Diff, Listing, Post

old = bloglist.loads(bloglist.sample_text())
new = old[1:]

found = bloglist.diff(old, new)
assert_type(found, Diff)
assert_type(found.added, tuple[Post, ...])
assert_type(found.removed, tuple[Post, ...])
assert_type(found.changed, tuple[Change, ...])
assert_type(found.unchanged, int)
assert_type(bool(found), bool)
assert_type(found.summary(), str)
assert_type(bloglist.diff([Post(title="A")], (Post(title="B"),)), Diff)

for change in found.changed:
    assert_type(change.old, Post)
    assert_type(change.new, Post)
    assert_type(change.fields, tuple[str, ...])

assert_type(bloglist.post_id(old[0]), str)

assert_type(bloglist.stitch([old[:5], old[4:]]), Listing)
assert_type(bloglist.stitch([[Post(title="A")], [Post(title="B")]]), Listing)

# Misuse the type checker must catch.
sorted(found.changed)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]  # changes have no order
_ = found < found  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnknownVariableType]
