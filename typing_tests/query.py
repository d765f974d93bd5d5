"""The query API as a user would type it."""

from __future__ import annotations

import datetime
from typing import assert_type

import bloglist
from bloglist import Listing, Page, Post, Where

listing = bloglist.loads(bloglist.sample_text())

condition = Where.tagged_any("Data", "Design") & ~Where.sticky() | Where.year(2024)
assert_type(condition, Where)
assert_type(condition(listing[0]), bool)
assert_type(listing.filter(condition), Listing)
assert_type(
    listing.filter(Where.since("2024-03"), Where.before(datetime.date(2025, 1, 1))),
    Listing,
)
assert_type(listing.filter(lambda post: post.truncated), Listing)
optional: list[Where] = []
assert_type(listing.filter(*optional), Listing)  # none at all: the listing
assert_type(
    listing.filter(Where.search("build"), Where.match(lambda p: len(p.tags) > 1)),
    Listing,
)
assert_type(
    listing.filter(
        Where.tagged_all("a"), Where.tagged_none("b"), Where.on("2024-07-01")
    ),
    Listing,
)
assert_type(
    listing.filter(Where.between("2023", "2024"), Where.month(2024, 3), Where.dated()),
    Listing,
)

assert_type(
    listing.sort_by("-date", "title", sticky_first=True, undated="first"), Listing
)

by_tag = listing.group_by("tag")
assert_type(by_tag, tuple[tuple[str, Listing], ...])
assert_type(listing.group_by("year"), tuple[tuple[int | None, Listing], ...])
assert_type(
    listing.group_by("month"), tuple[tuple[tuple[int, int] | None, Listing], ...]
)
assert_type(listing.group_by("sticky"), tuple[tuple[bool, Listing], ...])
assert_type(dict(by_tag), dict[str, Listing])
assert_type(listing.count_by("tag"), tuple[tuple[str, int], ...])
assert_type(listing.count_by("year"), tuple[tuple[int | None, int], ...])

page = listing.sort_by("-date").page(2, size=5)
assert_type(page, Page)
assert_type(page.posts, Listing)
assert_type(page.number, int)
assert_type(page.total_items, int)
assert_type(page.total_pages, int)
assert_type(page.has_next, bool)
assert_type(page.has_previous, bool)
assert_type(len(page), int)
for on_page in page:
    assert_type(on_page, Post)
assert_type(listing.first(3), Listing)
assert_type(listing.last(3), Listing)
assert_type(listing.related(listing[0])[:3], Listing)
assert_type(bloglist.dumps(listing.filter(Where.sticky())), str)

post: Post
for post in listing.filter(Where.sticky()):
    assert_type(post.date, datetime.date | None)


# A key chosen at run time, forwarded with the public aliases.
def sorted_by(keys: list[bloglist.SortKey], undated: bloglist.Undated) -> Listing:
    return listing.sort_by(*keys, undated=undated)


def counted(key: bloglist.GroupKey) -> int:
    return len(listing.count_by(key))


def errors_only(severity: bloglist.Severity) -> bool:
    return severity == "error"


assert_type(sorted_by(["-date"], "first"), Listing)
assert_type(listing.diagnostics[0].severity, bloglist.Severity)
sorted_by(["date:desc"], "last")  # type: ignore[list-item]  # pyright: ignore[reportArgumentType]
counted("week")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]

# Misuse the type checker must catch.
listing.sort_by("date:desc")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
listing.group_by("week")  # type: ignore[call-overload]  # pyright: ignore[reportArgumentType, reportCallIssue]
listing.page(1, 10)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
Where.tagged_any(["Data"])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
# Built by its static methods only: mypy refuses the class's own call,
# pyright does not (docs/api.md), and the call fails when it runs.
Where()  # type: ignore[abstract]
listing.filter(Where)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]  # the class is no condition
Where.match(Where)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
sorted(listing)  # type: ignore[type-var]  # pyright: ignore[reportArgumentType]  # posts have no order
_ = page < page  # type: ignore[operator]  # pyright: ignore[reportOperatorIssue, reportUnknownVariableType]


# A condition has no truth value (`Where.__bool__` is typed NoReturn, and
# raises TypeError): pyright reports one used as a test; mypy takes the code
# after it for unreachable, and says so with --warn-unreachable (on in
# pyproject.toml), also of the right operand of an `and` or `or`, which
# pyright lets through outside a test.
def tested(condition: Where) -> None:
    if condition:  # pyright: ignore[reportGeneralTypeIssues]
        pass  # type: ignore[unreachable]


def negated(condition: Where) -> bool:
    return not condition  # pyright: ignore[reportGeneralTypeIssues]


def chosen(condition: Where) -> int:
    return 1 if condition else 2  # pyright: ignore[reportGeneralTypeIssues]


def joined(condition: Where) -> Where:
    return condition and Where.dated()  # type: ignore[unreachable]
