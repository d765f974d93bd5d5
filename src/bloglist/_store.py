"""Archive <-> SQLite file: the one place the package touches a database.

An archive file is an ordinary SQLite database (standard library ``sqlite3``,
no server) with three tables, ``scrapes``, ``posts`` and ``versions``, that
the ``sqlite3`` shell and tools such as Datasette read directly; the schema
is :data:`SCHEMA` below and ``docs/history.md``. Adding a scrape is one
``BEGIN IMMEDIATE`` transaction that reads only the archived posts the
matching rule could pair with the scrape's posts (by date or by normalised
title, both indexed) and writes only the rows that change, so its cost grows
with the scrape, not with the archive. A crash or kill in the middle leaves
the file as it was (SQLite's rollback journal).
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Final

import attrs

from ._archive import Archive, ArchivedPost, Version, check_seen_at, unique_id
from ._post import Post, checked_posts

__all__ = ["SCHEMA", "SCHEMA_VERSION", "ArchiveError", "ArchiveFile", "open_archive"]

#: The version of the schema, kept in ``PRAGMA user_version``. A file of a
#: later version is refused rather than misread.
SCHEMA_VERSION: Final = 1

# "blog" in ASCII, in ``PRAGMA application_id``: what tells an archive from
# any other SQLite database.
_APPLICATION_ID: Final = 0x626C6F67

#: The tables of an archive file. Times are ISO 8601 text in UTC with
#: microseconds (``2025-03-05T08:00:00.000000+00:00``), so they sort as text;
#: dates are ``YYYY-MM-DD``; tags are a JSON array of strings.
SCHEMA: Final = """\
CREATE TABLE scrapes (
    id INTEGER PRIMARY KEY,      -- 1, 2, 3... in the order they were added
    seen_at TEXT NOT NULL,       -- when the scrape was taken
    source TEXT,                 -- where it came from, such as a file name
    posts INTEGER NOT NULL       -- how many posts it showed
);
CREATE TABLE posts (
    id TEXT PRIMARY KEY,         -- the archive id, kept across edits
    seq INTEGER NOT NULL UNIQUE, -- the archive's order: highest first
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    gone_since TEXT,             -- NULL while the last scrape shows the post
    versions INTEGER NOT NULL,   -- how many rows of versions it has
    title TEXT NOT NULL,         -- the latest version, as in versions
    date TEXT,
    excerpt TEXT NOT NULL,
    tags TEXT NOT NULL,
    sticky INTEGER NOT NULL,     -- 1 if sticky when last seen, else 0
    match_title TEXT NOT NULL    -- the title as the matching rule compares it
);
CREATE INDEX posts_date ON posts (date);
CREATE INDEX posts_match_title ON posts (match_title);
CREATE INDEX posts_present ON posts (id) WHERE gone_since IS NULL;
CREATE TABLE versions (
    post_id TEXT NOT NULL REFERENCES posts (id),
    n INTEGER NOT NULL,          -- 1 for the first version, then 2, 3...
    seen_at TEXT NOT NULL,       -- the first scrape that showed this version
    title TEXT NOT NULL,
    date TEXT,
    excerpt TEXT NOT NULL,
    tags TEXT NOT NULL,
    sticky INTEGER NOT NULL,
    PRIMARY KEY (post_id, n)
);
"""

# Set by the tests to simulate a full disk (``PRAGMA max_page_count``), which
# no file on a roomy disk can show otherwise.
_PRAGMAS: tuple[str, ...] = ()


class ArchiveError(Exception):
    """An archive file cannot be read or written; the message says why.

    Raised for a file that is not an archive (another SQLite database, or not
    SQLite at all), one written by a newer bloglist, a missing or read-only
    file, a full disk, or a file another process is writing for longer than
    the timeout. The file is never left half-written.

    >>> import bloglist
    >>> try:
    ...     bloglist.open_archive("no/such/dir/blog.db")
    ... except bloglist.ArchiveError as exc:
    ...     print(exc)
    cannot open no/such/dir/blog.db: unable to open database file
    """

    __module__ = "bloglist"


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def _date(text: str | None) -> datetime.date | None:
    return None if text is None else datetime.date.fromisoformat(text)


# What json.dumps(tags, ensure_ascii=False) gives, without building an
# encoder for each call.
_encode_tags: Final = json.JSONEncoder(ensure_ascii=False).encode


def _fields(posts: list[Post]) -> list[tuple[str, str | None, str, str, int]]:
    """The columns title, date, excerpt, tags, sticky of each of *posts*.

    Posts of one listing share their dates and tag tuples, so each distinct
    one is written out once.
    """
    dates: dict[datetime.date | None, str | None] = {None: None}
    tags: dict[tuple[str, ...], str] = {(): "[]"}
    rows = []
    for post in posts:
        date, names = post.date, post.tags
        date_text = dates.get(date)
        if date_text is None and date is not None:
            date_text = dates[date] = date.isoformat()
        tag_text = tags.get(names)
        if tag_text is None:
            tag_text = tags[names] = _encode_tags(names)
        rows.append((post.title, date_text, post.excerpt, tag_text, int(post.sticky)))
    return rows


def _post(title: str, date: str | None, excerpt: str, tags: str, sticky: int) -> Post:
    return Post(
        title=title,
        date=_date(date),
        excerpt=excerpt,
        tags=json.loads(tags),
        sticky=bool(sticky),
    )


@attrs.frozen
class ArchiveFile:
    """An archive stored in an SQLite file; see :func:`open_archive`.

    Holds no connection: each call opens the file, does its work in one
    transaction and closes it, so an ``ArchiveFile`` is cheap to keep and safe
    to share between processes.

    Attributes:
        path: The file.
        timeout: Seconds to wait for another process that is writing the file.

    >>> import datetime, os, tempfile, bloglist
    >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
    >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    >>> listing = bloglist.loads(bloglist.sample_text())
    >>> bloglist.open_archive(path).add(listing, seen_at=noon)
    >>> archive = bloglist.open_archive(path).load()
    >>> archive == bloglist.Archive().merge(listing, seen_at=noon)
    True
    """

    __module__ = "bloglist"

    path: str
    timeout: float = 5.0

    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """A connection inside a transaction, committed if the block succeeds.

        Every sqlite3 error becomes an :class:`ArchiveError` naming the file.
        """
        path = self.path
        try:
            # Read-write even to read: a reader is the one that rolls back
            # what a killed writer left; SQLite opens a read-only file
            # read-only by itself.
            db = sqlite3.connect(path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot open {path}: {exc}") from None
        try:
            for pragma in _PRAGMAS:
                db.execute(pragma)
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
            except BaseException:
                db.rollback()
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise ArchiveError(self._explain(exc, write=write)) from None
        finally:
            db.close()

    def _explain(self, exc: sqlite3.Error, *, write: bool) -> str:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code
        name = self.path
        if code == sqlite3.SQLITE_NOTADB:
            return f"{name} is not an archive: it is not an SQLite database"
        if code == sqlite3.SQLITE_FULL:
            return f"cannot write {name}: the disk is full; nothing was changed"
        if code == sqlite3.SQLITE_BUSY:
            return (
                f"{name} is busy: another process is writing it; gave up after "
                f"waiting {self.timeout:g} seconds, nothing was changed"
            )
        if code == sqlite3.SQLITE_READONLY:
            return f"cannot write {name}: the file or its directory is read-only"
        if code == sqlite3.SQLITE_CORRUPT:
            return f"{name} is damaged ({exc}); restore it from a backup"
        # Any other failure (an I/O error, a journal that cannot be created)
        # has no cause a test can bring about without breaking the disk.
        verb = "write" if write else "read"  # pragma: no cover
        return f"cannot {verb} {name}: {exc}"  # pragma: no cover - as the line above

    def _check(self, db: sqlite3.Connection, *, create: bool) -> None:
        """Refuse a file that is not an archive of a version this code reads."""
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if application_id == _APPLICATION_ID:
            if version > SCHEMA_VERSION:
                raise ArchiveError(
                    f"{self.path} was written by a newer bloglist (archive schema "
                    f"version {version}; this one reads up to {SCHEMA_VERSION}); "
                    "upgrade bloglist to read it"
                )
            return
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables or application_id or version:
            raise ArchiveError(
                f"{self.path} is not a bloglist archive: it is another SQLite database"
            )
        if not create:
            raise ArchiveError(f"{self.path} is not a bloglist archive: it is empty")
        for statement in SCHEMA.split(";\n"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def load(self) -> Archive:
        """The whole archive the file holds, as an :class:`Archive` value.

        A read-only file loads; a file a killed writer left half-written
        loads as it was before that write.

        >>> import datetime, os, tempfile, bloglist
        >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> bloglist.open_archive(path).add([bloglist.Post(title="Hi")], seen_at=noon)
        >>> archive = bloglist.open_archive(path).load()
        >>> [(entry.post.title, entry.first_seen == noon) for entry in archive.entries]
        [('Hi', True)]
        """
        if not os.path.isfile(self.path):
            raise ArchiveError(f"cannot open {self.path}: no such file")
        with self._connect(write=False) as db:
            self._check(db, create=False)
            versions: dict[str, list[Version]] = {}
            for post_id, seen_at, *fields in db.execute(
                "SELECT post_id, seen_at, title, date, excerpt, tags, sticky "
                "FROM versions ORDER BY post_id, n"
            ):
                version = Version(post=_post(*fields), seen_at=_moment(seen_at))
                versions.setdefault(post_id, []).append(version)
            entries = [
                ArchivedPost(
                    id=post_id,
                    first_seen=_moment(first),
                    last_seen=_moment(last),
                    gone_since=None if gone is None else _moment(gone),
                    versions=versions[post_id],
                )
                for post_id, first, last, gone in db.execute(
                    "SELECT id, first_seen, last_seen, gone_since FROM posts "
                    "ORDER BY seq DESC"
                )
            ]
            scrapes = [
                _moment(seen_at)
                for (seen_at,) in db.execute("SELECT seen_at FROM scrapes ORDER BY id")
            ]
        return Archive(entries=entries, scrapes=scrapes)

    def add(
        self,
        listing: Iterable[Post],
        /,
        *,
        seen_at: datetime.datetime,
        source: str | None = None,
    ) -> None:
        """Add one scrape, taken at *seen_at*, in one transaction.

        The file then holds what :meth:`Archive.merge` would give (see it for
        the rules and errors); *source* is recorded in the ``scrapes`` table.

        Raises:
            ArchiveError: The file cannot be written; nothing was changed.
            ValueError: *seen_at* is naive or earlier than the last scrape.

        >>> import datetime, os, tempfile, bloglist
        >>> store = bloglist.open_archive(os.path.join(tempfile.mkdtemp(), "b.db"))
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> store.add([one, two], seen_at=day1, source="index.txt")
        >>> store.add([two], seen_at=day1 + datetime.timedelta(days=1))
        >>> [p.title for p in store.load().gone()]
        ['One']
        """
        from ._match import normalize_titles, post_id

        new = checked_posts(listing)
        check_seen_at(seen_at, None)  # before touching the file
        stamp = _iso(seen_at)
        titles = normalize_titles([post.title for post in new])
        new_fields = _fields(new)
        with self._connect(write=True) as db:
            self._check(db, create=True)
            row = db.execute("SELECT seen_at FROM scrapes ORDER BY id DESC LIMIT 1")
            last = row.fetchone()
            check_seen_at(seen_at, None if last is None else _moment(last[0]))

            old, found = self._match(db, new, titles)

            # Only what differs is written: a post seen again as it was
            # changes last_seen alone, which no index holds.
            seen, back, content, changed, versions = [], [], [], [], []
            for j, i in enumerate(found):
                if i < 0:
                    continue
                rowid, old_id, *old_fields, count, _, _, gone = old[i]
                fields = new_fields[j]
                if gone is not None:
                    back.append(rowid)
                if tuple(old_fields) == fields:
                    seen.append(rowid)
                    continue
                versions.append((old_id, count + 1, stamp, *fields))
                if old_fields[:2] == list(fields[:2]):
                    # Title and date as they were: leave the indexes on them be.
                    content.append((stamp, count + 1, *fields[2:], rowid))
                else:
                    changed.append((stamp, count + 1, *fields, titles[j], rowid))
            db.execute(
                "UPDATE posts SET last_seen = ? "
                "WHERE rowid IN (SELECT value FROM json_each(?))",
                (stamp, json.dumps(seen)),
            )
            db.executemany(
                "UPDATE posts SET last_seen = ?, versions = ?, "
                "excerpt = ?, tags = ?, sticky = ? WHERE rowid = ?",
                content,
            )
            db.executemany(
                "UPDATE posts SET last_seen = ?, versions = ?, "
                "title = ?, date = ?, excerpt = ?, tags = ?, sticky = ?, "
                "match_title = ? WHERE rowid = ?",
                changed,
            )
            kept = json.dumps([old[i][1] for i in found if i >= 0], ensure_ascii=False)
            db.execute(
                "UPDATE posts SET gone_since = ? WHERE gone_since IS NULL "
                "AND id NOT IN (SELECT value FROM json_each(?))",
                (stamp, kept),
            )
            if back:
                db.execute(
                    "UPDATE posts SET gone_since = NULL "
                    "WHERE rowid IN (SELECT value FROM json_each(?))",
                    (json.dumps(back),),
                )

            added = [j for j, i in enumerate(found) if i < 0]
            top = db.execute("SELECT coalesce(max(seq), 0) FROM posts").fetchone()[0]
            bases = [post_id(new[j]) for j in added]
            # One query for the ids the new posts would take; a clash is rare.
            ids = {
                found_id
                for (found_id,) in db.execute(
                    "SELECT id FROM posts WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(bases),),
                )
            }

            def taken(candidate: str) -> bool:
                return candidate in ids or bool(
                    db.execute(
                        "SELECT 1 FROM posts WHERE id = ?", (candidate,)
                    ).fetchone()
                )

            rows = []
            for rank, (j, base) in enumerate(zip(added, bases, strict=True)):
                new_id = unique_id(base, taken)
                ids.add(new_id)
                fields = new_fields[j]
                # The first post of the scrape gets the highest seq: first in order.
                seq = top + len(added) - rank
                rows.append((new_id, seq, stamp, stamp, *fields, titles[j]))
                versions.append((new_id, 1, stamp, *fields))
            db.executemany(
                "INSERT INTO posts (id, seq, first_seen, last_seen, versions, title, "
                "date, excerpt, tags, sticky, match_title) "
                "VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.executemany(
                "INSERT INTO versions (post_id, n, seen_at, title, date, excerpt, "
                "tags, sticky) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                versions,
            )
            db.execute(
                "INSERT INTO scrapes (seen_at, source, posts) VALUES (?, ?, ?)",
                (stamp, source, len(new)),
            )

    def _match(
        self, db: sqlite3.Connection, new: list[Post], titles: list[str]
    ) -> tuple[list[tuple[Any, ...]], list[int]]:
        """The archived rows that can pair with *new*, and the pairs.

        The pairs, as :func:`~bloglist._match.match_found` gives them (the
        row paired with each post of *new*, or -1), are those of all
        archived posts, found by loading few of them. Steps 1 and 2 of the
        rule pair posts of the same normalised title: the archived posts with
        a title of the scrape are enough for them. Step 3 pairs a post left
        over on a date with one of the same date: for the dates where steps 1
        and 2 leave a post of the scrape over (unpaired, or paired by step 3,
        the only step that pairs two titles), all archived posts of that date
        join in, and the matching runs again. Rows keep the archive's order.
        No post is built from a row: the matching needs the dates and the
        stored normalised titles only.
        """
        from ._match import match_keys

        columns = (
            "rowid, id, title, date, excerpt, tags, sticky, versions, seq, "
            "match_title, gone_since FROM posts"
        )
        old = db.execute(
            f"SELECT {columns} WHERE match_title IN (SELECT value FROM json_each(?)) "
            "ORDER BY seq DESC",
            (json.dumps(titles, ensure_ascii=False),),
        ).fetchall()
        new_dates = [post.date for post in new]

        read: dict[str | None, datetime.date | None] = {}

        def pairs(rows: list[tuple[Any, ...]]) -> list[int]:
            dates = []
            for row in rows:
                text = row[3]
                date = read.get(text)
                if date is None:
                    date = read[text] = _date(text)
                dates.append(date)
            return match_keys(dates, [row[9] for row in rows], new_dates, titles)

        found = pairs(old)
        dates = sorted(
            {
                date.isoformat()
                for j, date in enumerate(new_dates)
                if date is not None and (found[j] < 0 or old[found[j]][9] != titles[j])
            }
        )
        if dates:
            known = {row[0] for row in old}
            more = db.execute(
                f"SELECT {columns} WHERE date IN (SELECT value FROM json_each(?))",
                (json.dumps(dates),),
            ).fetchall()
            added = [row for row in more if row[0] not in known]
            if added:
                old = sorted([*old, *added], key=lambda row: -row[8])
                found = pairs(old)
        return old, found

    def scrapes(self) -> tuple[tuple[datetime.datetime, str | None, int], ...]:
        """The scrapes added, oldest first: ``(seen_at, source, number of posts)``.

        >>> import datetime, os, tempfile, bloglist
        >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> store = bloglist.open_archive(path)
        >>> store.add(bloglist.loads(bloglist.sample_text()), seen_at=noon, source="a.txt")
        >>> [(t.isoformat(), source) for t, source, _ in store.scrapes()]
        [('2025-03-05T12:00:00+00:00', 'a.txt')]
        """
        with self._connect(write=False) as db:
            self._check(db, create=False)
            return tuple(
                (_moment(seen_at), source, count)
                for seen_at, source, count in db.execute(
                    "SELECT seen_at, source, posts FROM scrapes ORDER BY id"
                )
            )


def open_archive(
    path: str | os.PathLike[str], /, *, create: bool = True, timeout: float = 5.0
) -> ArchiveFile:
    """The archive file at *path*, created empty if missing (unless *create* is false).

    Checks the file at once: :class:`ArchiveError` if it is not an archive,
    comes from a newer bloglist, or cannot be opened.

    Args:
        path: The file, conventionally ``*.db`` or ``*.sqlite``.
        create: Create the file and its tables when missing or empty.
        timeout: Seconds to wait for another process writing the file
            before giving up with :class:`ArchiveError`.

    >>> import datetime, os, tempfile, bloglist
    >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
    >>> store = bloglist.open_archive(path)
    >>> store.load() == bloglist.Archive()
    True
    """
    store = ArchiveFile(os.fspath(path), timeout)
    if create:
        with store._connect(write=True) as db:
            store._check(db, create=True)
    else:
        if not os.path.isfile(store.path):
            raise ArchiveError(f"cannot open {store.path}: no such file")
        with store._connect(write=False) as db:
            store._check(db, create=False)
    return store
