"""The exports, their streaming writers, their readers and WriteError: as a user types them."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from typing import assert_type

import bloglist
from bloglist import Listing, ParseError, Post, WriteError

posts = [Post(title="T", date=datetime.date(2025, 3, 5))]

with open("posts.jsonl", "w", encoding="utf-8") as out:
    assert_type(bloglist.write_jsonl(posts, out), None)
with open("posts.json", "w", encoding="utf-8") as out:
    assert_type(bloglist.write_json(iter(posts), out, indent=None), None)
with open("posts.csv", "w", encoding="utf-8", newline="") as out:
    assert_type(
        bloglist.write_csv(
            posts, out, tag_separator="|", delimiter=";", escape_formulas=True
        ),
        None,
    )
assert_type(bloglist.write_jsonl(posts, io.StringIO()), None)

assert_type(bloglist.from_json(bloglist.to_json(posts)), Listing)
assert_type(bloglist.from_jsonl(bloglist.to_jsonl(posts)), Listing)
assert_type(bloglist.from_jsonl(io.StringIO("")), Listing)
assert_type(bloglist.from_jsonl(io.BytesIO(b"")), Listing)
assert_type(bloglist.from_jsonl([bytearray(b"{}")]), Listing)
assert_type(bloglist.from_jsonl([memoryview(b"{}")]), Listing)
assert_type(bloglist.from_jsonl(["{}"]), Listing)
assert_type(bloglist.from_jsonl(["{}", b"{}"]), Listing)  # lines of either kind

feed = bloglist.to_atom(
    posts,
    title="Blog",
    feed_id="tag:example.com,2025:blog",
    link="https://example.com/",
    lang="en-GB",
    timezone=zoneinfo.ZoneInfo("Europe/Paris"),
    entry_link=lambda post: (
        None if post.date is None else f"https://example.com/{post.date}"
    ),
    entry_id=lambda post: f"urn:example:{post.title}",
    entry_updated=lambda post: (
        None if post.date is not None else datetime.datetime.now(datetime.UTC)
    ),
)
assert_type(feed, str)

raw = io.BytesIO()
assert_type(bloglist.dump(posts, raw), None)
assert_type(bloglist.dump(posts, io.StringIO()), None)

try:
    bloglist.dumps([Post(title="")])
except WriteError as error:
    assert_type(error, WriteError)
    assert isinstance(error, ValueError)
    assert_type(error.post, Post | None)
    assert_type(error.index, int | None)
try:
    bloglist.from_json("[")
except ParseError as error:
    assert_type((error.lineno, error.colno, error.code), tuple[int, int, str])
