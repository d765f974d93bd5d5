"""The archive and its SQLite file, as a user would type them."""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path
from typing import Literal, assert_type

import bloglist
from bloglist import (
    Archive,
    ArchivedPost,
    ArchiveError,
    ArchiveFile,
    Listing,
    PageError,
    Post,
    Version,
)

listing = bloglist.loads(bloglist.sample_text())
noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)

archive = Archive().merge(listing, seen_at=noon)
assert_type(archive, Archive)
assert_type(archive.merge([Post(title="A")], seen_at=noon), Archive)
assert_type(archive.entries, tuple[ArchivedPost, ...])
assert_type(archive.scrapes, tuple[datetime.datetime, ...])
assert_type(archive.listing, Listing)
assert_type(archive.present(), Listing)
assert_type(archive.gone(), Listing)
assert_type(archive.new_since(noon), Listing)
# The old name: a type checker reports the call (mypy's `deprecated` code).
archive.since(noon)  # type: ignore[deprecated]  # pyright: ignore[reportDeprecated]
assert_type(archive.entry_of(listing[0]), ArchivedPost)
assert_type(archive.id_of(listing[0]), str)
assert_type(archive.to_atom(title="Blog", feed_id="urn:example:blog"), str)
assert_type(
    archive.to_atom(archive.new_since(noon), title="New", feed_id="urn:example:new"),
    str,
)

entry = archive.entries[0]
assert_type(entry.id, str)
assert_type(entry.first_seen, datetime.datetime)
assert_type(entry.last_seen, datetime.datetime)
assert_type(entry.gone_since, datetime.datetime | None)
assert_type(entry.versions, tuple[Version, ...])
assert_type(entry.post, Post)
assert_type(entry.sticky, bool)
assert_type(entry.versions[0].seen_at, datetime.datetime)
assert_type(Version(post=Post(title="A"), seen_at=noon).post, Post)

path = Path(tempfile.mkdtemp()) / "blog.db"
store = bloglist.open_archive(path, timeout=1.0)
assert_type(store, ArchiveFile)
assert_type(bloglist.open_archive(str(path), create=False), ArchiveFile)
# The handle itself takes a path object too, and keeps a str.
assert_type(ArchiveFile(path).path, str)
# A path as bytes, as os.fsencode gives it: the handle keeps it as a str.
assert_type(bloglist.open_archive(os.fsencode(path), create=False), ArchiveFile)
assert_type(ArchiveFile(os.fsencode(path)).path, str)
bloglist.open_archive(3)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
added = store.add(listing, seen_at=noon, source="index.txt")
assert_type(added, bloglist.AddedScrape)
assert_type(added.new + added.changed + added.unchanged + added.back + added.gone, int)
assert_type(added.posts, int)
assert_type(added.recorded, bool)
# The pages a listing was stitched from, checked unless allow_all_gone=True.
pages = [listing[:5], listing[4:]]
later = noon + datetime.timedelta(days=1)
try:
    assert_type(
        archive.merge(bloglist.stitch(pages), seen_at=later, pages=pages),
        Archive,
    )
    store.add(bloglist.stitch(pages), seen_at=later, pages=pages)
    store.add(bloglist.stitch(pages), seen_at=later, allow_all_gone=True, pages=pages)
except PageError as refused:
    assert_type(refused.page, int)
    assert_type(refused.reason, Literal["empty", "sticky", "repeat", "displaced"])
    assert_type(refused.reason, bloglist.PageReason)  # the public name of it
    assert_type(refused.count, int)
assert_type(store.load(), Archive)
assert_type(store.scrapes(), tuple[bloglist.ArchivedScrape, ...])
assert_type(store.known_tags(), tuple[str, ...])
bloglist.loads("", known_tags=store.known_tags())
scrape = store.scrapes()[-1]
assert_type(scrape.seen_at, datetime.datetime)
assert_type(scrape.source, str | None)
assert_type(scrape.posts, int)
# Still the tuple it was: unpacked, and passed where that tuple is taken.
seen_at, source, count = scrape
assert_type(source, str | None)
as_tuple: tuple[datetime.datetime, str | None, int] = scrape
assert_type(store.path, str)

# Misuse the type checker must catch.
sorted(archive.entries)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]  # archived posts have no order
_ = entry.versions[0] < entry.versions[0]  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnknownVariableType]
_ = store < store  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnknownVariableType]  # archive files have no order
archive.merge(listing, seen_at=noon, pages=listing)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]

try:
    store.load()
except ArchiveError as exc:
    assert_type(str(exc), str)
    assert_type(exc.code, bloglist.ArchiveErrorCode)
    if exc.code == "busy":
        pass
ArchiveError("x", code="nonsense")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
