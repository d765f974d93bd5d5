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

import contextlib
import datetime
import errno
import functools
import json
import os
import re
import reprlib
import sqlite3
import stat
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise
from operator import itemgetter
from typing import Any, Final, Literal, NamedTuple, SupportsIndex, get_args

import attrs

from ._archive import (
    AllGoneError,
    Archive,
    ArchivedPost,
    Version,
    check_last_scrape,
    check_seen_at,
    check_times,
    fold_kept,
    place_key,
    plain_utc,
)
from ._errors import (
    BloglistError,
    check_bool,
    plural,
    quote,
    quote_id,
    shown_int,
    type_name,
)
from ._files import SQLITE_HEADER
from ._gc import BATCH, collect_batch, paused_collector
from ._hints import resolve_hints
from ._listing import Listing
from ._post import (
    Post,
    bool_field,
    checked_posts,
    count_field,
    lone_surrogate,
    make_post,
)
from ._stitch import page_check
from ._tags import may_split, names_to_know
from ._uuid import unique_id

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "ArchiveError",
    "ArchiveErrorCode",
    "ArchiveFile",
    "added_before",
    "committed_before",
    "hint_times",
    "open_archive",
]

#: The version of the schema, kept in ``PRAGMA user_version``. A file of a
#: later version is refused rather than misread; one of an earlier version is
#: upgraded by its next add (see :meth:`ArchiveFile._upgrade`). Version 2:
#: ``posts.match_title`` as the matching rule normalises titles since it drops
#: the characters that show as nothing (the soft hyphen...), which version 1's
#: titles may hold.
SCHEMA_VERSION: Final = 2

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
    posts INTEGER NOT NULL,      -- how many posts it showed
    shown TEXT NOT NULL DEFAULT '[]' -- those posts in page order: a JSON array of their seq
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

# How the sqlite3 module starts the error for a text value that is not UTF-8:
# its words, not a documented API (an OperationalError with no code of its
# own), the same in CPython 3.11 to 3.13. CI runs the test of it on each: a
# change of the words would make such a file "cannot read" again, and fail it.
_NOT_UTF8: Final = "Could not decode to UTF-8"


# Why an archive file cannot be read or written (ArchiveError.code).
ArchiveErrorCode = Literal[
    "no-such-file",
    "cannot-open",
    "read-only",
    "not-an-archive",
    "newer-version",
    "damaged",
    "busy",
    "disk-full",
    "io-error",
    "failed",
]


class ArchiveError(BloglistError):
    """An archive file cannot be read or written; the message says why, and
    :attr:`code` says it for a program.

    Raised for a file that is not an archive (another SQLite database, or not
    SQLite at all), one written by a newer bloglist, a missing or read-only
    file, a full disk, or a file another process is writing (or, to an add,
    reading in a transaction) for longer than the timeout. The file is never
    left half-written.

    Attributes:
        code: Why, in one of these words (``bloglist.ArchiveErrorCode``), which
            stay as they are from one release to the next (the message's
            words may change; a later release may add a word): what a program
            does about it depends on it.

            - ``"no-such-file"``: a call that only reads was given a file
              that does not exist (nor does a symbolic link's target), such
              as an archive not made yet;
            - ``"cannot-open"``: the path cannot be opened or a file made
              there: a directory, a device, a missing directory, a file the
              user may not read, a path too long;
            - ``"read-only"``: the file, or the directory it is to be made
              in, may not be written;
            - ``"not-an-archive"``: not SQLite, another program's SQLite
              database, or an empty file;
            - ``"newer-version"``: written by a newer bloglist: upgrade;
            - ``"damaged"``: the file holds what bloglist never writes, or
              SQLite finds it malformed: restore it from a backup;
            - ``"busy"``: another process held the file for longer than
              the timeout: try again later;
            - ``"disk-full"``: the disk is full; nothing was changed;
            - ``"io-error"``: the disk failed, or the file may not grow (a
              file size limit);
            - ``"failed"``: anything else SQLite refuses, such as a trigger
              of your own.

    The message names the file by its absolute path (see
    :attr:`ArchiveFile.path`):

    >>> import os, tempfile, bloglist
    >>> folder = tempfile.mkdtemp()
    >>> try:
    ...     bloglist.open_archive(os.path.join(folder, "no", "blog.db"))
    ... except bloglist.ArchiveError as exc:
    ...     print(exc.code)
    ...     print(exc)
    cannot-open
    cannot create /.../no/blog.db: its directory /.../no does not exist
    >>> try:
    ...     bloglist.open_archive(os.path.join(folder, "blog.db"), create=False)
    ... except bloglist.ArchiveError as exc:
    ...     print(exc.code)
    no-such-file
    """

    __module__ = "bloglist"

    code: ArchiveErrorCode

    def __init__(self, message: str, *, code: ArchiveErrorCode = "failed") -> None:
        codes = get_args(ArchiveErrorCode)
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, not {type_name(code)}")
        if code not in codes:
            named = ", ".join(map(repr, codes))
            raise ValueError(f"code must be one of {named}, not {code!r}")
        super().__init__(message)
        self.code = code


class ArchivedScrape(NamedTuple):
    """A scrape an :class:`ArchiveFile` holds, as :meth:`ArchiveFile.scrapes`
    gives it: a named tuple, which unpacks (``seen_at, source, posts =
    scrape``), compares and orders as the plain tuple of its fields.

    Attributes:
        seen_at: When the scrape was taken, an aware datetime.
        source: Where it came from, as given to :meth:`ArchiveFile.add`
            (the command gives the file's name), or ``None``.
        posts: How many posts it showed (:attr:`AddedScrape.posts`).

    >>> import datetime, bloglist
    >>> seen = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    >>> scrape = bloglist.ArchivedScrape(seen, "index.txt", 12)
    >>> scrape.posts, scrape == (seen, "index.txt", 12)
    (12, True)
    """

    seen_at: datetime.datetime
    source: str | None
    posts: int

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        # Its time with its fold, below protocol 4 (see fold_kept).
        return type(self), (fold_kept(self.seen_at, protocol), *self[1:])


# Named as imported, as the other public classes are (a pickle names it so;
# see _hints.py): a NamedTuple's class body takes fields only.
ArchivedScrape.__module__ = "bloglist"


# order=False, for type checkers: see Post in _post.py.
@attrs.frozen(kw_only=True, order=False)
class AddedScrape:
    """What :meth:`ArchiveFile.add` did with a scrape, counted in posts.

    Each post of the scrape is new, changed or unchanged; *back* counts
    those of them that were gone, and *gone* the posts the archive held as
    present that the scrape does not show.

    Attributes:
        new: Posts seen for the first time, each given a new id.
        changed: Posts paired with an archived post that gained a version
            (an edit: the word of :class:`Diff`).
        unchanged: Posts paired with an archived post, as its last version.
        back: Posts paired with an archived post that was gone.
        gone: Posts present in the archive before the scrape, gone from it now.
        recorded: Whether the scrape was written: false when it is the
            archive's last scrape again, at its time (the same file added
            twice), which changes nothing.

    >>> import datetime, os, tempfile, bloglist
    >>> store = bloglist.open_archive(os.path.join(tempfile.mkdtemp(), "b.db"))
    >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
    >>> print(store.add([one, two], seen_at=day1))
    2 posts: 2 new
    >>> day2 = day1 + datetime.timedelta(days=1)
    >>> added = store.add([two, bloglist.Post(title="Three")], seen_at=day2)
    >>> print(added)
    2 posts: 1 new, 1 unchanged; 1 gone
    >>> added.new, added.gone, added.posts
    (1, 1, 2)
    >>> print(store.add([two, bloglist.Post(title="Three")], seen_at=day2))
    2 posts: the last scrape again, nothing added
    """

    __module__ = "bloglist"

    new: int = attrs.field(validator=count_field)
    changed: int = attrs.field(validator=count_field)
    unchanged: int = attrs.field(validator=count_field)
    back: int = attrs.field(validator=count_field)
    gone: int = attrs.field(validator=count_field)
    recorded: bool = attrs.field(default=True, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        if self.back > self.changed + self.unchanged:
            raise ValueError(
                f"back counts posts paired with archived ones, at most changed + "
                f"unchanged ({shown_int(self.changed + self.unchanged)}), "
                f"not {shown_int(self.back)}"
            )
        if not self.recorded and (self.new or self.changed or self.back or self.gone):
            raise ValueError(
                "a scrape not recorded (the last scrape again) has unchanged "
                "posts only: new, changed, back and gone are 0"
            )

    @property
    def posts(self) -> int:
        """The posts of the scrape, ``new + changed + unchanged``.

        >>> import bloglist
        >>> bloglist.AddedScrape(new=1, changed=2, unchanged=9, back=0, gone=3).posts
        12
        """
        return self.new + self.changed + self.unchanged

    def __str__(self) -> str:
        """``12 posts: 1 new, 1 changed, 10 unchanged; 1 back, 2 gone``, with
        only the counts that are not 0."""
        posts = plural(self.posts, "post")
        if not self.recorded:
            return f"{posts}: the last scrape again, nothing added"
        kinds = (
            (self.new, "new"),
            (self.changed, "changed"),
            (self.unchanged, "unchanged"),
        )
        moves = (self.back, "back"), (self.gone, "gone")
        parts = [
            ", ".join(f"{shown_int(count)} {what}" for count, what in counts if count)
            for counts in (kinds, moves)
        ]
        said = "; ".join(part for part in parts if part)
        return f"{posts}: {said}" if said else posts


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


# What reading a value the file should not hold can raise: each becomes the
# ArchiveError of a damaged file (see _damaged).
_BAD_VALUE: Final = (ValueError, TypeError, KeyError, RecursionError, OverflowError)


def _naming(exc: Exception, row: str) -> Exception:
    """*exc*, raised reading a value of the file, as an error of its kind
    (a ValueError that names the kind, for another) whose message names the
    *row*, so that a damaged row can be found: ``post 'urn:uuid:...': tags
    '[1]' are ...``."""
    if type(exc) in (TypeError, OverflowError):
        return type(exc)(f"{row}: {exc}")
    if isinstance(exc, ValueError):
        return ValueError(f"{row}: {exc}")
    return ValueError(f"{row}: {type(exc).__name__}: {exc}")  # its kind in words


def _moment(text: str) -> datetime.datetime:
    if not isinstance(text, str):
        raise TypeError(f"a time is text, not {type_name(text)}")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:  # its message quotes the whole text, however long
        raise ValueError(f"time {quote(text)} is not an ISO 8601 time") from None
    if moment.utcoffset() is None:
        raise ValueError(f"time {quote(text)} has no offset")
    # One spelling, so that times sort as text: fromisoformat takes others
    # ("2025-03-26 07:00+01:00", "...Z"). Checked once per distinct time.
    written = _iso(moment)
    if text != written:
        raise ValueError(
            f"time {quote(text)} is not as bloglist writes it (in UTC with "
            f"microseconds: {written!r})"
        )
    return moment


# A date as bloglist writes it; fromisoformat takes other ISO forms too.
_DATE_TEXT: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(f"a date is text, not {type_name(text)}")
    if not _DATE_TEXT.fullmatch(text):
        raise ValueError(f"date {quote(text)} is not YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:  # 2025-02-30: named, as the other values are
        raise ValueError(f"date {quote(text)} is no day: {exc}") from None


# What json.dumps(tags, ensure_ascii=False) gives, without building an
# encoder for each call.
_encode_tags: Final = json.JSONEncoder(ensure_ascii=False).encode

# The characters that JSON, not ensuring ASCII, writes escaped.
_JSON_ESCAPED: Final = re.compile(r'["\\\x00-\x1f]')


def _tags_text(names: tuple[str, ...]) -> str:
    """The tags column of *names*: :data:`_encode_tags` of them, written
    here where no name needs an escape (the usual case, and quicker)."""
    if not names or _JSON_ESCAPED.search("".join(names)):
        return _encode_tags(names)
    return '["' + '", "'.join(names) + '"]'


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
            tag_text = tags[names] = _tags_text(names)
        rows.append((post.title, date_text, post.excerpt, tag_text, int(post.sticky)))
    return rows


# A scrape's shown names its posts by seq: one that names none of the posts
# still on the page is damage, and so is a post on the page that the last
# scrape's shown leaves out.
_NO_SUCH_SEQ: Final = (
    "the last scrape shows seq {}, which no post still on the page has"
)
_NOT_SHOWN: Final = (
    "post {} is on the page (its gone_since is NULL), but the last scrape "
    "does not show it"
)


# SQLite's largest integer: no rowid or seq goes higher (bloglist numbers
# scrapes and posts 1, 2, 3...).
_LARGEST_INTEGER: Final = (1 << 63) - 1


def _last_page(db: sqlite3.Connection) -> dict[int, int]:
    """The place of each post the last scrape showed, by its seq: read from
    the scrape's ``shown``, a JSON array of seq in page order. ValueError
    for a ``shown`` that is not one, as bloglist writes it."""
    row = db.execute(
        "SELECT id, shown FROM scrapes ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return {}
    number, text = row
    shown = _shown_seqs(number, text)
    places = {seq: place for place, seq in enumerate(shown)}
    if len(places) != len(shown):
        raise ValueError(f"scrape {number!r} shows a post twice: shown {_shown(text)}")
    return places


def _last_page_damage(db: sqlite3.Connection, places: dict[int, int]) -> str | None:
    """What load says, in its words, of a last scrape whose ``shown``
    (*places*, see _last_page) names a post that is not on the page (gone,
    or in no row) or leaves out one that is; None if it does neither. A
    ``shown`` of ``[]`` names no place, and is not damage. One pass over the
    present posts, by their index, in the common case."""
    if not places:
        return None
    seqs = json.dumps(list(places))
    in_shown = "seq IN (SELECT value FROM json_each(?))"
    present, shown = db.execute(
        f"SELECT count(*), coalesce(sum({in_shown}), 0) FROM posts "
        "WHERE gone_since IS NULL",
        (seqs,),
    ).fetchone()
    if shown < len(places):
        found = {
            seq
            for (seq,) in db.execute(
                f"SELECT seq FROM posts WHERE gone_since IS NULL AND {in_shown}",
                (seqs,),
            )
        }
        return _NO_SUCH_SEQ.format(min(places.keys() - found))
    if present > shown:
        # The first in the archive's order, as load names it.
        (post_id,) = db.execute(
            # IS NOT 1: a seq that is not a number (NULL, edited in by
            # hand) is in no shown.
            f"SELECT id FROM posts WHERE gone_since IS NULL AND ({in_shown}) "
            "IS NOT 1 ORDER BY seq DESC LIMIT 1",
            (seqs,),
        ).fetchone()
        return _NOT_SHOWN.format(quote_id(_post_id(post_id)))
    return None


def _shown_seqs(number: object, text: object) -> list[int]:
    """The seq of the posts scrape *number* showed, from its ``shown``, in
    page order. ValueError for a ``shown`` that is not a JSON array of seq,
    as bloglist writes it."""
    try:
        shown = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        shown = None
    if not isinstance(shown, list) or not all(
        type(seq) is int
        for seq in shown  # a bool is no seq
    ):
        raise ValueError(
            f"scrape {number!r} has shown {_shown(text)}, not a JSON array of seq"
        )
    return shown


def _tags(text: str) -> tuple[str, ...]:
    if not isinstance(text, str):
        raise TypeError(f"tags are text, not {type_name(text)}")
    try:
        tags = json.loads(text)
    except ValueError:  # not JSON: json's words would read as the file's place
        tags = None
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError(f"tags {quote(text)} are not a JSON array of strings")
    return tuple(tags)


def _source(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"a scrape's source is text, not {type_name(value)}")
    return value


def _count(value: object) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"a count is a whole number, not {_shown(value)}")
    return value


def _earlier(
    scrape: int, seen_at: datetime.datetime, before: int, before_at: datetime.datetime
) -> str:
    """What says that scrape *scrape* was added after scrape *before* but
    seen earlier: bloglist adds scrapes oldest first."""
    return (
        f"scrape {scrape}, seen at {seen_at.isoformat()}, is earlier than "
        f"scrape {before} added before it, seen at {before_at.isoformat()}"
    )


def _scrape_times(
    rows: Iterable[tuple[Any, Any]], moment: Callable[[str], datetime.datetime]
) -> list[datetime.datetime]:
    """The times of the scrapes *rows* (id and seen_at, in the order they
    were added), read by *moment*; ValueError for one earlier than the one
    added before it, which bloglist never writes."""
    times: list[datetime.datetime] = []
    before = 0
    for scrape, text in rows:
        seen_at = moment(text)
        if times and seen_at < times[-1]:
            raise ValueError(_earlier(scrape, seen_at, before, times[-1]))
        times.append(seen_at)
        before = scrape
    return times


def _row_check(
    dates: dict[Any, datetime.date | None],
    tag_lists: set[str],
    last_scrape: datetime.datetime | None,
) -> Callable[[tuple[Any, ...]], None]:
    """A check of the posts rows that add reads: the columns add compares
    with a scrape's posts (title, date, excerpt, tags, sticky, versions,
    match_title) or orders them by (seq), where a value bloglist never writes
    would read as an edit of every post, and the times (gone_since,
    first_seen, last_seen), which :meth:`ArchiveFile.load` reads, in order
    and not after *last_scrape*, the time of the file's last scrape: add
    refuses a row that load would refuse, rather than add to it.

    The rows of an archive share their dates, tag lists and times, so each
    distinct one is read once. *dates* maps the date columns read so far to
    their dates, and gains those the check reads; *tag_lists* are tag columns
    known to be as bloglist writes them (the scrape's own, written by
    :func:`_fields`), which need no reading.
    """
    moment = functools.cache(_moment)
    tags = functools.cache(_canonical_tags)

    @functools.cache
    def times(
        gone: object, first: object, last: object
    ) -> tuple[datetime.datetime, datetime.datetime | None]:
        last_seen, gone_since = moment(last), None if gone is None else moment(gone)
        check_times([moment(first), last_seen], gone_since)
        return last_seen, gone_since

    def check(row: tuple[Any, ...]) -> None:
        _, post_id, title, day, excerpt, tag_list, sticky, count, seq, match, *seen = (
            row
        )
        _post_id(post_id)
        try:
            for text in (title, excerpt, match):
                if not isinstance(text, str):
                    raise TypeError(
                        f"a title or excerpt is text, not {type_name(text)}"
                    )
            if day not in dates:
                dates[day] = _date(day)
            if tag_list not in tag_lists:
                tags(tag_list)
            _sticky(sticky)
            _count(count)
            _seq(seq)  # the archive's order, which add sorts by
            # gone_since, first_seen and last_seen; the versions' times are
            # not read here.
            last_seen, gone_since = times(*seen)
        except _BAD_VALUE as exc:  # named as load names it
            raise _naming(exc, f"post {quote_id(post_id)}") from None
        check_last_scrape(post_id, last_seen, gone_since, last_scrape)

    return check


def _canonical_tags(text: str) -> None:
    """Refuse a tag list that is not as bloglist writes it."""
    _written_tags(text)


def _written_tags(text: str) -> tuple[str, ...]:
    """The tags of a tag list as bloglist writes it; ValueError for another."""
    tags = _tags(text)
    if _encode_tags(tags) != text:
        raise ValueError(f"tags {quote(text)} are not as bloglist writes them")
    return tags


def _post_id(value: object) -> str:
    """*value*, a post's id, if it is text; ValueError for anything else."""
    if not isinstance(value, str):
        shown = "NULL" if value is None else reprlib.repr(value)
        raise ValueError(f"a post's id is text, not {shown}")
    return value


def _seq(value: object) -> None:
    """Refuse a ``seq`` that is not a whole number from 1, as bloglist
    numbers the posts: the archive's order."""
    if type(value) is not int or value < 1:
        raise ValueError(f"seq is a whole number from 1, not {_shown(value)}")


def _sticky(value: object) -> bool:
    if type(value) is not int or value not in (0, 1):
        raise ValueError(f"sticky is 0 or 1, not {_shown(value)}")
    return bool(value)


def _shown(value: object) -> str:
    """A value read from the file, for a message: text quoted and cut short,
    anything else (bytes, a number) as its repr, cut short too."""
    return quote(value) if isinstance(value, str) else reprlib.repr(value)


def _unlike_latest(post_id: str, row: Sequence[Any], latest: Post) -> str:
    """What says how *row*, the columns title, date, excerpt, tags and sticky
    of a posts row, differs from *latest*, its latest version, as bloglist
    writes it (:func:`_fields`)."""
    names = ("title", "date", "excerpt", "tags", "sticky")
    written = _fields([latest])[0]
    column = next(i for i in range(len(names)) if row[i] != written[i])
    return (
        f"post {quote_id(post_id)} holds {names[column]} {_shown(row[column])} in "
        f"posts, and {_shown(written[column])} in its latest version"
    )


def _check_latest(
    db: sqlite3.Connection, rows: list[tuple[Any, int, list[Any]]]
) -> None:
    """ValueError, with the message :meth:`ArchiveFile.load` gives, unless
    each of *rows* (the id, the versions count and the columns title, date,
    excerpt, tags and sticky of a posts row that add gives a new version)
    has that many versions, numbered 1, 2, 3..., and is its latest one.

    Only the rows add changes are checked (a few of a scrape, each read by
    its key): a row seen again as it was keeps its columns, and one the
    scrape does not show is not read at all. Of each, its first and last
    numbers and its latest version are read, by the key (post_id, n), which
    holds no two alike: reading every version (or counting them) would make
    each add cost more the longer a post's history (a post edited every
    day). A gap in the numbers between, which only a hand's edit makes, is
    left to :meth:`ArchiveFile.load`, which reads them all.
    """
    for post_id, count, fields in rows:
        # Each its own query: SQLite reads min() or max() alone from the
        # key's ends, but both of one query from every row between.
        low, high = db.execute(
            "SELECT (SELECT min(n) FROM versions WHERE post_id = ?),"
            " (SELECT max(n) FROM versions WHERE post_id = ?)",
            (post_id, post_id),
        ).fetchone()
        if (low, high) != (1, count):
            numbers = [
                n
                for (n,) in db.execute(
                    "SELECT n FROM versions WHERE post_id = ? ORDER BY n", (post_id,)
                )
            ]
            if len(numbers) != count:
                raise ValueError(
                    f"post {quote_id(post_id)} counts {_shown(count)} versions, "
                    f"not the {len(numbers)} it has"
                )
            raise ValueError(
                f"the versions of post {quote_id(post_id)} are numbered "
                f"{reprlib.repr(numbers)}, "
                "not 1, 2, 3..."
            )
        latest = db.execute(
            "SELECT title, date, excerpt, tags, sticky FROM versions "
            "WHERE post_id = ? AND n = ?",
            (post_id, count),
        ).fetchone()
        if list(latest) != fields:
            raise ValueError(_unlike_latest(post_id, fields, _Reader().post(*latest)))


def _collected_rows(cursor: sqlite3.Cursor) -> Iterator[Any]:
    """The rows of *cursor*, for a step that the collector's pause holds:
    with the young generation collected after each whole batch of
    :data:`~bloglist._gc.BATCH` rows (see _gc), the last too if whole, so
    that the rows of the next table begin a stretch of their own.

    The cursor is closed when a fetch fails (a text column that is not
    UTF-8): this frame, kept in the error's traceback, would otherwise hold
    it open, and with it a lock on the file, for as long as the caller keeps
    the error.
    """
    try:
        while True:
            rows = cursor.fetchmany(BATCH)
            yield from rows
            if len(rows) < BATCH:
                return
            collect_batch()
    except BaseException:
        cursor.close()
        raise


class _Reader:
    """Posts and times from the columns of rows, each distinct date, tag list
    and time read once: the posts of one scrape share them (and so, once
    read, the memory they take)."""

    def __init__(self) -> None:
        self.moment = functools.cache(_moment)
        self.date = functools.cache(_date)
        self.tags = functools.cache(_written_tags)

    def post(
        self, title: str, date: str | None, excerpt: str, tags: str, sticky: int
    ) -> Post:
        day, tag_list, pinned = self.date(date), self.tags(tags), _sticky(sticky)
        if type(title) is str and type(excerpt) is str:
            # What Post would check of the columns is checked: built as the
            # parser builds its posts, without Post's checks over again.
            return make_post(title, day, excerpt, tag_list, pinned, None)
        # Post refuses the title or excerpt.
        return Post(
            title=title, date=day, excerpt=excerpt, tags=tag_list, sticky=pinned
        )


# The longest wait the timeout stands for: a longer one (float("inf") say)
# waits this long, about 24 days, which is SQLite's own bound (its busy timeout
# is an int of milliseconds).
_LONGEST_WAIT: Final = (2**31 - 1) / 1000

# How long SQLite waits for a lock at a time. Its wait sleeps in C, where a
# signal handler cannot run, so the wait is taken in steps this long, with a
# Python loop between them (see _Wait) in which Ctrl-C stops the command.
_STEP: Final = 0.05

# The most parameters one statement binds: below the least limit of any SQLite
# (999 before version 3.32).
_PARAMETERS: Final = 500


def _path(
    value: str | bytes | os.PathLike[str] | os.PathLike[bytes],
) -> str:
    """*value*, a path, as a str; TypeError for anything else, ValueError for
    a name that is no file or that no file can have."""
    given: object = value  # checked for callers without a type checker
    if not isinstance(given, (str, bytes, os.PathLike)):
        raise TypeError(
            f"path must be a str, bytes or os.PathLike, not {type_name(given)}"
        )
    path = os.fsdecode(value)
    if path in ("", ":memory:"):
        # sqlite3 would open a temporary database, gone when closed: every
        # scrape added would be lost.
        raise ValueError(f"path {path!r} names no file; give the archive file's path")
    if "\x00" in path:
        raise ValueError(
            f"path {path!r} holds a null character (U+0000), which no file name can"
        )
    try:
        os.fsencode(path)
    except UnicodeEncodeError as exc:
        # A lone surrogate that os.fsdecode() did not make from a byte (those
        # are U+DC80 to U+DCFF, and encode back to it).
        raise ValueError(
            f"path {path!r} holds U+{ord(path[exc.start]):04X}, which the file "
            f"system's encoding ({exc.encoding}) cannot write"
        ) from None
    return path


def _read_uri(path: str) -> str:
    """The SQLite URI that opens the file *path* to read, never creating it:
    its bytes (:func:`os.fsencode`) escaped where a URI needs it."""
    name = urllib.parse.quote(os.fsencode(path))
    # An absolute path after an empty authority: "file:///home/...", and
    # "file:////srv/..." for one that starts with two slashes.
    return ("file://" if path.startswith("/") else "file:") + name + "?mode=rw"


# The longest path SQLite opens, in bytes: its Unix build's 512 (what
# SQLite calls MAX_PATHNAME), less the suffix of the journal's name, which
# must fit too. Other systems' limits are longer than a test reaches.
_JOURNAL_SUFFIX: Final = "-journal"
_LONGEST_PATH: Final = 512 - len(_JOURNAL_SUFFIX) if os.name == "posix" else 2**31


def _cannot_open(path: str, exc: sqlite3.Error) -> tuple[str, ArchiveErrorCode]:
    """Why SQLite cannot open *path*, and the :attr:`ArchiveError.code`: its
    "unable to open database file" says nothing of a path too long for it or
    of a read-only directory, the usual causes (a missing one
    :func:`_uncreatable` reports before SQLite is asked)."""
    # SQLite opens the path with its links followed, which may be longer.
    length = max(len(os.fsencode(p)) for p in (path, os.path.realpath(path)))
    if length > _LONGEST_PATH:
        return (
            f"cannot open {path}: the path is too long for SQLite ({length} "
            f"bytes; it takes at most {_LONGEST_PATH} here, "
            f"{_LONGEST_PATH + len(_JOURNAL_SUFFIX)} with the suffix of its "
            f"journal's name, {_JOURNAL_SUFFIX}): move the archive to a "
            "shorter path"
        ), "cannot-open"
    made = path
    if os.path.islink(path) and not os.path.exists(path):
        # A link to a file to create: SQLite creates the link's target, so
        # that is the directory that must exist.
        made = os.path.realpath(path)
    if not os.path.lexists(made):
        folder = os.path.dirname(made) or os.curdir
        if made != path:
            made = f"{made} (the target of the link {path})"
        if not os.access(folder, os.W_OK):
            return f"cannot create {made}: its directory {folder} is read-only", (
                "read-only"
            )
    else:
        try:
            os.stat(made)
        except OSError as error:  # a loop of links, say: the system's words
            return f"cannot open {path}: {error.strerror}", "cannot-open"
        if not os.access(made, os.R_OK):
            return f"cannot open {path}: {os.strerror(errno.EACCES)}", "cannot-open"
    return f"cannot open {path}: {exc}", "cannot-open"


def _leading_parts(folder: str) -> list[str]:
    """*folder*'s leading parts as typed, shortest first: ``a``, ``a/..``,
    ``a/../b`` of ``a/../b``; its drive and root first, if it has them
    (``/``, or on Windows ``C:\\`` or ``\\\\server\\share\\``)."""
    drive, rest = os.path.splitdrive(folder)
    separators = os.sep + (os.altsep or "")
    tail = rest.lstrip(separators)
    prefix = drive + rest[: len(rest) - len(tail)]
    parts = [prefix] if prefix else []
    for part in re.split(f"[{re.escape(separators)}]", tail):
        prefix = os.path.join(prefix, part)
        parts.append(prefix)
    return parts


def _not_a_directory(folder: str) -> str:
    """The first of the leading parts of *folder* that is there but is not
    a directory, which the system says (ENOTDIR) is why *folder* is not."""
    parts = _leading_parts(folder)
    found = [p for p in parts if os.path.exists(p) and not os.path.isdir(p)]
    return next(iter(found), folder)  # none: one removed since, say


def _missing_directory(folder: str) -> str:
    """Why *folder*, which the system says does not exist (ENOENT), is not
    there: its directory does not exist, or, where ``..`` follows the first
    leading part that is missing (``missing/..``), that part does not."""
    parts = folder.split(os.sep)
    prefixes = _leading_parts(folder)
    missing = (i for i, p in enumerate(prefixes) if not os.path.exists(p))
    first = next(missing, len(parts))  # none: one made since, say
    if os.pardir in parts[first + 1 :]:
        return f"{prefixes[first]} does not exist"
    return f"its directory {folder} does not exist"


# The most symbolic links followed in a row, as Linux follows (ELOOP after).
_MOST_LINKS: Final = 40


def _link_target(path: str) -> str | None:
    """The file the symbolic link *path* names, following links in a row:
    each target's text joined to its link's directory, as the system reads
    it; None for a loop of links."""
    for _ in range(_MOST_LINKS):
        path = os.path.join(os.path.dirname(path), os.readlink(path))
        if not os.path.islink(path):
            return path
    return None


def _unreadable(path: str) -> str:
    """Why the system finds no file at *path*, which it does not: no such
    file, its directory missing (as :func:`_missing_directory` says), or a
    leading part of it (``blog.db`` of ``blog.db/``, ``notes.txt`` of
    ``notes.txt/../x.db``) that is a file, not a directory."""
    try:
        os.lstat(path)
    except NotADirectoryError:
        return f"{_not_a_directory(os.path.dirname(path))} is not a directory"
    except FileNotFoundError:
        folder, name = os.path.split(path)
        # Not for a name of a directory (blog.db/, x/..): no such file.
        if (
            folder
            and name not in ("", os.curdir, os.pardir)
            and not os.path.lexists(folder)
        ):
            return _missing_directory(folder)
    except OSError as exc:  # a loop of links, a name too long
        return str(exc.strerror)
    return "no such file"


def _uncreatable(path: str) -> str | None:
    """Why the system cannot make a file at *path*, which names none yet,
    or None if it can (or only trying tells: a read-only directory).

    SQLite reduces a path as text before it opens it: ``blog.db/`` would
    open ``blog.db``, and ``missing/../x.db`` or ``notes.txt/../x.db``
    would open ``x.db``, where the system says there is no such directory,
    or a file stands in its place. Such a name is refused here, with the
    system's answer, so that no file is made but the one the path names.
    """
    made = shown = path
    if os.path.islink(path) and not os.path.exists(path):
        # A link to a file to create: the system creates the link's target,
        # read as the system reads it (its text, not reduced as text as
        # os.path.realpath does), so it is checked as a typed path is.
        target = _link_target(path)
        if target is None:  # a loop of links, which SQLite cannot open either
            return None
        made = target
        shown = f"{made} (the target of the link {path})"
    folder, name = os.path.split(made)
    if name in ("", os.curdir, os.pardir):
        if os.path.exists(folder) and not os.path.isdir(folder):
            return f"cannot create {shown}: {folder} is not a directory"
        return (
            f"cannot create {shown}: a name that ends in "
            f"{quote(os.sep + name)} names a directory, not a file"
        )
    folder = folder or os.curdir
    try:
        found = os.stat(folder)
    except FileNotFoundError:
        return f"cannot create {shown}: {_missing_directory(folder)}"
    except NotADirectoryError:
        return f"cannot create {shown}: {_not_a_directory(folder)} is not a directory"
    except OSError as exc:  # a loop of links, say
        return f"cannot create {shown}: its directory {folder}: {exc.strerror}"
    if not stat.S_ISDIR(found.st_mode):
        return f"cannot create {shown}: {folder} is not a directory"
    return None


# The files, by device and inode, that connections of this process made by
# ArchiveFile._connect are open on now, with how many: a file is read
# outside SQLite (_header) only where none is, but the caller's *own*.
# Closing a descriptor of a file lets go of every POSIX lock the process
# holds on it (SQLite's locks are such), and SQLite cannot know of a
# descriptor it did not open. A connection is counted before it takes a
# lock, under the lock that reads take too: a read either ends before a
# connection is counted, or finds it counted and reads nothing.
# (A read's file gone as it connected counts as None, which no file is.)
_HELD: Final[dict[tuple[int, int] | None, int]] = {}
_HELD_LOCK: Final = threading.Lock()


def _hold(identity: tuple[int, int] | None) -> None:
    with _HELD_LOCK:
        _HELD[identity] = _HELD.get(identity, 0) + 1


def _let_go(identity: tuple[int, int] | None) -> None:
    with _HELD_LOCK:
        left = _HELD[identity] - 1
        if left:
            _HELD[identity] = left
        else:
            del _HELD[identity]


# SQLite's words for a function it does not have, called by a trigger
# (no such function: f) or an index's expression (unknown function: f()).
_UNKNOWN_FUNCTION: Final = re.compile(r"(?:no such|unknown) function: (\w+)(?:\(\))?")


def _index_damaged(
    path: str, name: str, sql: str, found: dict[tuple[str, str], str]
) -> str:
    """What to say of the index *name* of the archive at *path*, missing or
    not as bloglist makes it (*sql*), where the tables are: the rows are
    intact, and the command that makes it again."""
    import shlex

    state = "missing" if ("index", name) not in found else "not as bloglist makes it"
    again = f"DROP INDEX IF EXISTS {name}; {sql}"
    return (
        f"{path} is damaged (index {name} is {state}; the rows are intact): make "
        f"it again with sqlite3 {shlex.quote(path)} {shlex.quote(again)}"
    )


def _header(path: str, *, own: int = 0) -> bytes:
    """The first 20 bytes of the SQLite file at *path*, where its format
    is told, or fewer: none for a file that cannot be read, or that more
    connections of this process than the caller's *own* (0 or 1) are open
    on, whose locks closing the file would let go of (see ``_HELD``)."""
    identity = _identity(path)
    with _HELD_LOCK:
        if identity is None or _HELD.get(identity, 0) > own:
            return b""
        try:
            # Never waiting, under the lock: a FIFO put in the file's place.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:  # one this user may not read, or gone since
            return b""
        try:
            return os.read(fd, 20) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)


def _write_version(path: str) -> int | None:
    """The file format version the header of the SQLite file at *path* asks
    for to write it (byte 18: 1 for the rollback journal, 2 for write-ahead
    logging), or None for a file that cannot be read so far (or not now:
    see _header), asked by a connection open on it."""
    header = _header(path, own=1)
    return header[18] if header[:16] == SQLITE_HEADER and len(header) > 18 else None


def _in_wal_mode(path: str) -> bool:
    """Whether the SQLite file at *path* is in write-ahead logging mode, as
    its header says (its read and write versions, bytes 18 and 19, are 2);
    False for a file that cannot be read (or not now: see _header), asked
    by a connection open on it."""
    header = _header(path, own=1)
    return header[:16] == SQLITE_HEADER and header[18:20] == b"\x02\x02"


def _file_path(
    value: str | bytes | os.PathLike[str] | os.PathLike[bytes],
) -> str:
    """:func:`_path`, made absolute, as the converter of
    :attr:`ArchiveFile.path` (a str, bytes or a path object of either; it keeps a str).

    Absolute, so that the handle names one file wherever it is used: after
    the program changes its working directory, or in another process it is
    pickled to. Joined to the working directory as it is, not normalised:
    ``..`` after a symbolic link leads where the system says, not where the
    text would.
    """
    path = _path(value)
    if os.path.isabs(path):
        return path
    try:
        return os.path.join(os.getcwd(), path)
    except OSError:
        # The working directory was removed: a relative path would name a
        # file wherever the program goes next.
        raise ArchiveError(
            f"cannot open {path}: the working directory no longer exists",
            code="cannot-open",
        ) from None


def _check_timeout(_: object, attribute: attrs.Attribute[float], value: object) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"timeout must be a number of seconds, not {type_name(value)}")
    if not value >= 0:  # NaN too
        shown = shown_int(value) if isinstance(value, int) else repr(value)
        raise ValueError(f"timeout must be 0 seconds or more, not {shown}")


# order=False, for type checkers: see Post in _post.py.
@attrs.frozen(order=False)
class ArchiveFile:
    """An archive stored in an SQLite file; see :func:`open_archive`.

    Holds no connection: each call opens the file, does its work in one
    transaction and closes it, so an ``ArchiveFile`` is cheap to keep and safe
    to share between processes.

    Attributes:
        path: The file, as an absolute path: a relative one is joined to
            the working directory when the ``ArchiveFile`` is made, so that
            it names the same file after a change of directory or in
            another process. A relative one while the working directory no
            longer exists (it was removed) is an :class:`ArchiveError`, as
            :func:`open_archive` gives.
        timeout: Seconds to wait for another process that is writing the file
            (0 or more; ``float("inf")`` waits as long as SQLite can, 24 days);
            keyword-only, as in :func:`open_archive`.

    >>> import datetime, os, tempfile, bloglist
    >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
    >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    >>> listing = bloglist.loads(bloglist.sample_text())
    >>> print(bloglist.open_archive(path).add(listing, seen_at=noon))
    12 posts: 12 new
    >>> archive = bloglist.open_archive(path).load()
    >>> archive == bloglist.Archive().merge(listing, seen_at=noon)
    True
    """

    __module__ = "bloglist"

    path: str = attrs.field(converter=_file_path)
    timeout: float = attrs.field(default=5.0, validator=_check_timeout, kw_only=True)

    def _exists(self) -> None:
        """ArchiveError unless :attr:`path` names something (what is not a
        regular file, :meth:`_connect` refuses with its own message).

        A symbolic link to a file that does not exist names no file: a read
        of it fails as for a missing file, and names the link's target.
        """
        path = self.path
        try:
            os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise ArchiveError(
                f"cannot open {path}: {_unreadable(path)}", code="no-such-file"
            ) from None
        except OSError as exc:
            # A directory on the way closed, a loop of links, a name too
            # long: the system's reason, not "no such file".
            raise ArchiveError(
                f"cannot open {path}: {exc.strerror}", code="cannot-open"
            ) from None
        if os.path.islink(path) and not os.path.exists(path):
            # The link's target as the system reads it (see _link_target),
            # not reduced as text: nodir/ or notes.txt/../x.db names no file.
            # A link in a loop is left to SQLite, which cannot open it either.
            target = _link_target(path)
            if target is not None and not os.path.lexists(target):
                why = _unreadable(target)
                if why == "no such file":
                    why = (
                        f"no such file (it is a link to {target}, which does not exist)"
                    )
                else:
                    why = f"{why} (it is a link to {target})"
                raise ArchiveError(f"cannot open {path}: {why}", code="no-such-file")

    @contextmanager
    def _connect(
        self, *, write: bool, commit: _Commit | None = None
    ) -> Iterator[sqlite3.Connection]:
        """A connection inside a transaction, committed if the block succeeds
        (then *commit*, if given, is marked done).

        Every sqlite3 error becomes an :class:`ArchiveError` naming the file.
        The locks are taken while waiting up to :attr:`timeout` for another
        process, in steps (see :data:`_STEP`), so that Ctrl-C stops the wait.
        """
        path = self.path
        self._regular_or_new()
        # The time spent waiting for locks, to begin and to commit: at most
        # the timeout in all, whatever time the work between takes.
        wait = _Wait(min(self.timeout, _LONGEST_WAIT))
        # A file that was removed as this connection waited for its lock
        # (see _moved) is connected to again, within the same timeout.
        while True:
            # The file this connection may make: the path's, or a dangling link's
            # target (os.path.exists follows links), removed again if left empty.
            made = None if os.path.exists(path) else os.path.realpath(path)
            if write and made is not None:
                problem = _uncreatable(path)
                if problem is not None:
                    raise ArchiveError(problem, code="cannot-open")
            # The file a write connects to, by its identity, to tell whether
            # the path still names it once the lock is taken (see _moved).
            # Never a descriptor of the file: closing one, in any thread,
            # lets go of every lock this process holds on it (POSIX locks
            # belong to the process), another connection's in another
            # thread, or this one's, included.
            guard = _identity(path) if write and made is None else None
            if guard is not None and (problem := _stuck_journal(path)):
                raise ArchiveError(problem, code="read-only")
            # Whether a journal this user may not write is there now: SQLite
            # may remove it as it fails (a journal that is not live, in a
            # directory it may write), before the error is explained.
            journal_read_only = guard is not None and _read_only_journal(path)
            try:
                # Read-write even to read: a reader is the one that rolls back
                # what a killed writer left; SQLite opens a read-only file
                # read-only by itself. A read never creates the file, even one
                # removed since it was checked (see _exists), or the target of a
                # link: mode=rw, in place of SQLite's default rwc.
                # The path is absolute (_file_path), so never a URI to an SQLite
                # built to read URIs by default, as some Linux distributions
                # build it: a name starting with "file:" is made "/dir/file:...".
                db = sqlite3.connect(
                    path if write else _read_uri(path),
                    timeout=min(self.timeout, _STEP),
                    isolation_level=None,
                    uri=not write,
                )
            except sqlite3.Error as exc:
                message, why = _cannot_open(path, exc)
                raise ArchiveError(message, code=why) from None
            if write:
                # The file SQLite opened (it opens it as it connects): the
                # one found before, or the file it made, or found made,
                # unless the path lost it (or was given another) as it
                # connected: connect again.
                opened = _identity(path)
                if opened is None or guard not in (None, opened):
                    db.close()
                    continue
                guard = opened
            # What a busy file is busy with: another writer until this one holds
            # the writer's lock; then only readers can hold it up, at the commit.
            holder = "writing it"
            # Whether this connection took the writer's lock, or found that no
            # other writer held it: until then, the file it may have made may be
            # another process's, which made it too (both found no file) and is
            # writing it.
            locked = False
            # Counted before this connection takes a lock (see _HELD).
            held = guard if write else _identity(path)
            _hold(held)
            try:
                if write:
                    # The changes stay in memory until the commit, never written
                    # to the file before it (when they outgrow the page cache):
                    # each such write waits for every reader to finish, and would
                    # take the whole timeout again. One wait, at the commit, keeps
                    # the add within its timeout; the cost is memory, about the
                    # size of the pages the add changes (see docs/history.md).
                    db.execute("PRAGMA cache_spill = OFF")
                    # So do the temporary indexes an add's statements build
                    # (an add of 50,000 posts outgrows the cache): written
                    # to the temporary directory, they would fail the add
                    # when that disk is full, though the archive's is not.
                    db.execute("PRAGMA temp_store = MEMORY")
                    # The commit waits until the disk has the writes: on macOS,
                    # fsync() leaves them in the drive's cache, F_FULLFSYNC does
                    # not (a no-op elsewhere).
                    db.execute("PRAGMA fullfsync = ON")
                for pragma in _PRAGMAS:
                    db.execute(pragma)
                if write:
                    # A begin that fails, not busy, found no other writer (one
                    # holding the file makes it busy): the file this connection
                    # may have made is its own, left empty by the failure (no
                    # byte may be written: a full disk, a file size limit of 0).
                    try:
                        wait.run(db, "BEGIN IMMEDIATE")
                    except sqlite3.OperationalError as exc:
                        if guard is not None and _moved(guard, path):
                            # Removed as this connection waited for its lock
                            # (SQLite then fails the begin as a disk I/O
                            # error): by another add, which made the file,
                            # failed, and removed it holding its lock (see
                            # _remove_if_empty). Connect again: to a file
                            # made since, or a new one.
                            continue
                        locked = exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY
                        raise
                    except BaseException:
                        # Ctrl-C (or SIGTERM: see _cli) during the begin, raised
                        # as it returns: the lock is this connection's if the
                        # transaction began, and a file it made then, empty, too.
                        locked = db.in_transaction
                        raise
                    locked = True
                    if guard is not None and _moved(guard, path):
                        # Removed or moved away as the lock was taken, and
                        # the begin did not fail (SQLite 3.40 fails it; not
                        # every version need): this lock is on a file no
                        # longer at the path, where a commit would be lost.
                        # Connect again.
                        locked = False
                        continue
                else:
                    db.execute("BEGIN")
                    # The shared lock is taken at the first read.
                    wait.run(db, _TABLES)
                    if not db.execute(_TABLES).fetchone()[0]:
                        self._wait_for_maker(db, wait)
                # Inside the transaction no lock is waited for (a reader holds its
                # shared lock; a writer keeps its changes in memory), but should
                # one be, it waits no longer than what is left of the timeout.
                _busy_timeout(db, wait.left)
                try:
                    yield db
                except BaseException:
                    db.rollback()
                    raise
                added = commit.added if commit is not None else None
                if added is not None and not added.recorded:
                    # The last scrape again, which wrote nothing (but an
                    # upgrade of the schema, made again by the next add): a
                    # commit would wait for every reader to finish, and give
                    # up as busy, to write nothing.
                    db.rollback()
                    return
                # A writer waits here for readers that are still reading: a step
                # at a time, no longer than what is left (0 with timeout 0).
                _busy_timeout(db, min(_STEP, wait.left))
                holder = "reading it in a transaction"
                try:
                    wait.run(db, "COMMIT")
                    if commit is not None:
                        commit.done = True
                except BaseException as exc:
                    # Ctrl-C during the commit, mostly the disk's wait, is raised
                    # as the commit returns: with the transaction over, the
                    # changes are in the file, and the interrupt says so.
                    # (An add that wrote nothing, the last scrape again, has
                    # no commit: see above.)
                    if (
                        commit is not None
                        and not isinstance(exc, sqlite3.Error)
                        and not db.in_transaction
                    ):
                        _mark_committed(exc)
                    raise
            except sqlite3.Error as exc:
                message, why = self._explain(
                    exc,
                    write=write,
                    holder=holder,
                    waited=wait.spent,
                    journal_read_only=journal_read_only,
                )
                code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
                if code == sqlite3.SQLITE_READONLY:
                    # Opened read-only: the file is not one this connection
                    # made (it would have opened what it made for writing),
                    # and its begin took no lock: another user's, made meanwhile
                    # and perhaps being written, empty until its commit.
                    locked = False
                if (
                    write
                    and code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL)
                    and why != "read-only"  # a journal SQLite could not open
                ):
                    db.close()
                    if not self._rolled_back():
                        message = self._not_rolled_back(exc)
                raise ArchiveError(message, code=why) from None
            except UnicodeDecodeError as exc:
                # SQLite's message quotes bytes that are not UTF-8, which the
                # sqlite3 module cannot make a str of, and it raises this in
                # place of the error: text of the file's schema, which SQLite
                # quotes when it cannot read it, damaged (bloglist writes UTF-8).
                said = exc.object.decode("utf-8", "replace")
                raise ArchiveError(
                    f"{self.path} is damaged ({said}); restore it from a backup",
                    code="damaged",
                ) from None
            finally:
                db.close()
                _let_go(held)
                if made is not None and locked:
                    # Left empty by a failure of this write (a full disk, a
                    # file size limit). An empty file found busy is left alone:
                    # another process is writing it, and removing it would
                    # take its add from under it (its commit went to a file no
                    # longer in the directory, or failed with a disk I/O error).
                    _remove_if_empty(made)
            return

    def _rolled_back(self) -> bool:
        """Whether the file is as it was before a write that failed.

        A write that fails with an I/O error (a file size limit, ulimit -f)
        may leave the file half-written, with the journal that undoes it
        beside it: SQLite plays the journal back only when the file is next
        opened. Open it again and read it once, which plays the journal back
        now (this process may write the file), so that the file is whole
        before the error says nothing was changed: a plain copy taken then
        is not damaged. A journal still there after the read (the file no
        longer opens, or another process has begun a write of its own) is
        taken as not played back, so the error never claims too much.
        """
        with contextlib.suppress(sqlite3.Error):
            db = sqlite3.connect(self.path, timeout=_STEP)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                db.close()
        return not _has_bytes(_journal(self.path))

    def _not_rolled_back(self, exc: sqlite3.Error) -> str:
        return (
            f"cannot write {self.path}: {exc}, and its journal could not be played "
            "back; the next process that may write the file restores it as it "
            "opens it: do not copy the file until then"
        )

    def _regular_or_new(self) -> None:
        """ArchiveError unless :attr:`path` is a regular file or names none yet."""
        path = self.path
        try:
            found = os.stat(path)
        except PermissionError as exc:  # a directory on the way is closed
            raise ArchiveError(
                f"cannot open {path}: {exc.strerror}", code="cannot-open"
            ) from None
        except OSError:  # none yet, or one SQLite will explain
            return
        if stat.S_ISDIR(found.st_mode):
            raise ArchiveError(
                f"{path} is a directory, not an archive file", code="cannot-open"
            )
        if not stat.S_ISREG(found.st_mode):
            raise ArchiveError(
                f"{path} is not a regular file (a device, a pipe or a socket),"
                " not an archive file",
                code="cannot-open",
            )
        # SQLite reads a file of one byte as an empty one (that byte is the
        # "S" it writes itself to an empty file on some systems): any other
        # byte is a file of another kind (`echo > blog.db`), not to be
        # taken for an empty archive, nor written over. Read before this
        # connection holds a lock on the file, which closing the file
        # would let go of (see _HELD); only a file of one byte is read.
        if found.st_size == 1 and _header(path) not in (b"S", b""):
            raise ArchiveError(
                f"{path} is not an archive: it is not an SQLite database",
                code="not-an-archive",
            )
        # The journal SQLite keeps beside it: a directory there made every
        # write "disk I/O error", and a pipe every open wait for a writer
        # to the pipe, past any signal.
        journal = _journal(path)
        with contextlib.suppress(OSError):  # none, as it should be
            if not stat.S_ISREG(os.stat(journal).st_mode):
                raise ArchiveError(
                    f"cannot open {path}: {journal}, where SQLite keeps the "
                    "journal of an add, is not a regular file (a directory, a "
                    "pipe or a device); move it away",
                    code="cannot-open",
                )

    def _explain(
        self,
        exc: sqlite3.Error,
        *,
        write: bool,
        holder: str,
        waited: float,
        journal_read_only: bool = False,
    ) -> tuple[str, ArchiveErrorCode]:
        """The message and the :attr:`ArchiveError.code` of *exc*, raised
        while *write* (or read) after *waited* seconds, a journal this user
        may not write found beside the file before (*journal_read_only*), or
        now; a busy file is busy
        with *holder*, another process's doing."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code
        name = self.path
        if code == sqlite3.SQLITE_NOTADB:
            if _header(name, own=1)[:16] == SQLITE_HEADER:
                # An SQLite file whose header SQLite cannot read (its page
                # size, say): damage, not another kind of file.
                return (
                    f"{name} is damaged (SQLite cannot read its header: {exc}); "
                    "restore it from a backup",
                    "damaged",
                )
            return f"{name} is not an archive: it is not an SQLite database", (
                "not-an-archive"
            )
        if code == sqlite3.SQLITE_FULL:
            return f"cannot write {name}: the disk is full; nothing was changed", (
                "disk-full"
            )
        if code == sqlite3.SQLITE_BUSY:
            # The time really waited for locks, to a tenth of a second (not
            # the add's own work): the timeout, or a little more (the last
            # step of the wait).
            tenths = round(waited, 1)
            gave_up = (
                f"gave up after waiting {tenths:g} second{'' if tenths == 1 else 's'}"
                if tenths
                else "gave up at once"  # --timeout 0, or under a twentieth
            )
            return (
                f"{name} is busy: another process is {holder}; {gave_up}"
                + (", nothing was changed" if write else ""),
                "busy",
            )
        if code == sqlite3.SQLITE_READONLY:
            if exc.sqlite_errorcode == sqlite3.SQLITE_READONLY_DBMOVED:
                # Renamed or removed as the add ran (`mv blog.db blog.old`):
                # SQLite writes no file that is no longer at its path.
                return (
                    f"cannot write {name}: the file was moved or removed while "
                    "the add ran, and was left as it was; nothing was changed",
                    "failed",
                )
            if not write and exc.sqlite_errorcode == sqlite3.SQLITE_READONLY_ROLLBACK:
                # A read may not write: the journal is the reason it would.
                return (
                    f"cannot read {name}: an add that was cut off left its "
                    f"journal beside it ({_journal(name)}), which only a process "
                    "that may write the file can play back; until then the "
                    "file cannot be read",
                    "read-only",
                )
            if not write and _in_wal_mode(name):
                # A read of a file in WAL mode writes beside it (its -shm).
                import shlex

                return (
                    f"cannot read {name}: another program turned it to "
                    "write-ahead logging (PRAGMA journal_mode=WAL), whose "
                    f"readers write beside the file ({name}-shm), and the file "
                    "or its directory is read-only; where they may be written, "
                    f"turn it back: sqlite3 {shlex.quote(name)} "
                    "'PRAGMA journal_mode=DELETE'",
                    "read-only",
                )
            version = _write_version(name)
            if version is not None and version > 2:
                # SQLite opens a file read-only whose header asks for a
                # newer format to write it: not the file's mode.
                return (
                    f"cannot write {name}: SQLite opens it read-only, as its "
                    f"header asks for a file format version {version} to write "
                    "it (byte 18), newer than SQLite's 1 and 2: damage, or a "
                    "newer SQLite's doing; nothing was changed",
                    "read-only",
                )
            return f"cannot write {name}: the file or its directory is read-only", (
                "read-only"
            )
        if code == sqlite3.SQLITE_CORRUPT:
            return f"{name} is damaged ({exc}); restore it from a backup", "damaged"
        journal = _journal(name)
        if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR) and (
            journal_read_only or _read_only_journal(name)
        ):
            # The journal SQLite must play back (a read: a cut-off add's) or
            # write (an add, which then changed nothing: a page is written
            # to the file only once the journal holds it) is there, but this
            # user may not write it. Not refused before SQLite is asked: it
            # may be another user's add, still running, which makes the file
            # busy for as long.
            if write:
                return (
                    f"cannot write {name}: the journal beside it ({journal}) is "
                    "read-only to this user; nothing was changed",
                    "read-only",
                )
            return (
                f"cannot read {name}: an add that was cut off left its journal "
                f"beside it ({journal}), which is read-only to this user, and "
                "only a process that may write it can play it back; until then "
                "the file cannot be read",
                "read-only",
            )
        if (
            not write
            and exc.sqlite_errorcode == sqlite3.SQLITE_IOERR_DELETE
            and _has_bytes(_journal(name))
        ):
            # The file may be written, and the journal is played back into
            # it, but not removed after: its directory is read-only.
            return (
                f"cannot read {name}: an add that was cut off left its journal "
                f"beside it ({_journal(name)}), and the file's directory "
                "is read-only, where the journal is removed once played back; "
                "until a process that may write the directory opens the file, "
                "it cannot be read",
                "read-only",
            )
        if code == sqlite3.SQLITE_IOERR and write:
            # The file may not grow (a file size limit, ulimit -f), or the
            # disk failed: the journal undoes what was written.
            return (
                f"cannot write {name}: {exc} (the disk failed, or the file may "
                "not grow: a file size limit such as ulimit -f); nothing was changed",
                "io-error",
            )
        # Any other failure: a trigger of the user's own that refuses the
        # change (RAISE(ABORT, ...)), an I/O error of a read. A write was
        # rolled back.
        why: ArchiveErrorCode = "io-error" if code == sqlite3.SQLITE_IOERR else "failed"
        if write and str(exc) == "'json_each' is not a function":
            # A table or view of the file's own named json_each hides the
            # function that an add looks its posts up with.
            return (
                f"cannot write {name}: it has a table or view of its own named "
                "json_each, which hides SQLite's json_each() that an add needs; "
                "rename it; nothing was changed",
                why,
            )
        if write and (unknown := _UNKNOWN_FUNCTION.fullmatch(str(exc))):
            # A trigger or an index of the file's own that calls a function
            # another program registered on its connection (sqlite-utils,
            # Datasette): SQLite has none of that name here.
            return (
                f"cannot write {name}: a trigger or index of its own calls "
                f"{unknown[1]}(), a function that only the program which added "
                "it has; drop that trigger or index; nothing was changed",
                why,
            )
        if write:
            return f"cannot write {name}: {exc}; nothing was changed", why
        return f"cannot read {name}: {exc}", why

    def _is_archive(self, db: sqlite3.Connection) -> bool:
        """Whether the file is an archive, refusing one of a newer schema, or
        whose tables and indexes are not those :data:`SCHEMA` makes."""
        if db.execute("PRAGMA application_id").fetchone()[0] != _APPLICATION_ID:
            return False
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} was written by a newer bloglist (archive schema "
                f"version {version}; this one reads up to {SCHEMA_VERSION}); "
                "upgrade bloglist to read it",
                code="newer-version",
            )
        if version < 1:
            # No bloglist writes it: the tables and the version are made in
            # one transaction, and versions start at 1.
            raise ArchiveError(
                f"{self.path} is damaged (archive schema version {version}, which "
                "no bloglist writes: versions start at 1); restore it from a backup",
                code="damaged",
            )
        found = {
            (kind, name): sql
            for kind, name, sql in db.execute(
                "SELECT type, name, sql FROM sqlite_master"
            )
        }
        for (kind, name), sql in _schema_objects().items():
            if found.get((kind, name), "") != sql:
                if kind == "index" and sql:
                    # Dropped or changed by hand or another tool: the rows
                    # are intact, and the index can be made again (not one
                    # SQLite makes for a UNIQUE constraint: it has no SQL).
                    raise ArchiveError(
                        _index_damaged(self.path, name, sql, found), code="damaged"
                    )
                # A view or a virtual table in its place, other columns: SQL
                # of the file's own that reading it would run.
                raise ArchiveError(
                    f"{self.path} is damaged ({kind} {name} is not as bloglist "
                    "makes it); restore it from a backup",
                    code="damaged",
                )
        return True

    @staticmethod
    def _upgrade(db: sqlite3.Connection) -> None:
        """Bring an archive of an earlier schema version to this one, in the
        add's transaction: a version 1 file's ``match_title``, which the
        scrape's posts are looked up by, is made again by today's rule
        (where it holds a character the rule now drops: an undated post's
        title would pair with nothing)."""
        from ._match import normalize_titles

        if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        rows = db.execute("SELECT rowid, title, match_title, id FROM posts").fetchall()
        for _, title, _, post_id in rows:
            if not isinstance(title, str):  # named as add names it
                raise TypeError(
                    f"post {quote_id(post_id)}: a title is text, not {type_name(title)}"
                )
        made = normalize_titles([row[1] for row in rows])
        db.executemany(
            "UPDATE posts SET match_title = ? WHERE rowid = ?",
            [
                (match, rowid)
                for (rowid, _, stored, _), match in zip(rows, made, strict=True)
                if match != stored
            ],
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _damaged(self, db: sqlite3.Connection | None = None) -> Iterator[None]:
        """Turn what reading a value the file should not hold raises (a time
        that is no time, tags that are not a list...) into an ArchiveError;
        text that is not UTF-8 named by the row that holds it, looked up in
        *db*, the connection it was read by, if given."""
        try:
            yield
        except UnicodeEncodeError:
            raise  # a lone surrogate of the caller's posts, which add reports
        except AllGoneError:
            raise  # a scrape that would make every post gone, no damage
        except _BAD_VALUE as exc:
            raise ArchiveError(
                f"{self.path} is damaged (it holds what bloglist never writes: "
                f"{type(exc).__name__}: {exc}); restore it from a backup",
                code="damaged",
            ) from None
        except sqlite3.OperationalError as exc:
            # A text column holding bytes that are not UTF-8, which the
            # sqlite3 module cannot give as a str: damage too, not a failure
            # to read the file.
            if not str(exc).startswith(_NOT_UTF8):
                raise
            row = None if db is None else _undecodable_row(db, str(exc))
            raise ArchiveError(
                f"{self.path} is damaged (it holds what bloglist never writes: "
                f"{'' if row is None else row + ': '}{exc}); restore it from a "
                "backup",
                code="damaged",
            ) from None

    @staticmethod
    def _wait_for_maker(db: sqlite3.Connection, wait: _Wait) -> None:
        """Wait, within what is left of *wait*, for the add that may be
        making the empty file *db* reads, in a transaction of no write:
        a first add leaves the file empty until it commits (see _check), and
        a read waits for it as for any writer. Its lock is taken and given
        back at once (none taken by a file opened read-only, or past the
        timeout: then _check says what the file is), and the read begins
        again, on what that add made."""
        db.execute("ROLLBACK")  # the shared lock, which its commit waits for
        try:
            wait.run(db, "BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            pass  # busy past the timeout, or a file opened read-only
        else:
            db.execute("ROLLBACK")
        db.execute("BEGIN")
        wait.run(db, _TABLES)

    def _being_written(self) -> bool:
        """Whether another process holds the writer's lock of the file now:
        asked, without waiting, of an empty file, which a first add leaves
        empty until it commits. A killed add's journal is played back by
        the read that found the file empty, before this is asked, so that a
        lock held now is a live writer's."""
        try:
            with contextlib.closing(
                sqlite3.connect(
                    _read_uri(self.path), timeout=0, isolation_level=None, uri=True
                )
            ) as probe:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
        except sqlite3.Error as exc:
            code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
            return code == sqlite3.SQLITE_BUSY
        return False

    def _check(self, db: sqlite3.Connection, *, create: bool) -> None:
        """Refuse a file that is not an archive of a version this code reads."""
        if self._is_archive(db):
            return
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables or application_id or version:
            raise ArchiveError(
                f"{self.path} is not a bloglist archive: it is another SQLite database",
                code="not-an-archive",
            )
        if not create:
            # Or not yet one: a first add in another process makes the file,
            # which stays empty until that add commits, and stays so if that
            # add was killed before it did.
            if self._being_written():
                raise ArchiveError(
                    f"{self.path} is busy: another process is making it (its "
                    "first add, which leaves it empty until it commits); read "
                    "it once that add is done",
                    code="busy",
                )
            raise ArchiveError(
                f"{self.path} is not a bloglist archive: it is empty (a first add"
                " leaves it so until it commits: another process's is still"
                " running, or one was stopped before it committed, and the next"
                " add makes the archive)",
                code="not-an-archive",
            )
        for statement in SCHEMA.split(";\n"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def load(self) -> Archive:
        """The whole archive the file holds, as an :class:`Archive` value.

        A read-only file loads; a file a killed writer left half-written
        loads as it was before that write. A missing file, or a symbolic
        link to one, is an :class:`ArchiveError` (``no such file``): a read
        never creates a file.

        >>> import datetime, os, tempfile, bloglist
        >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> bloglist.open_archive(path).add([bloglist.Post(title="Hi")], seen_at=noon)
        AddedScrape(new=1, changed=0, unchanged=0, back=0, gone=0, recorded=True)
        >>> archive = bloglist.open_archive(path).load()
        >>> [(entry.post.title, entry.first_seen == noon) for entry in archive.entries]
        [('Hi', True)]
        """
        self._exists()
        with self._connect(write=False) as db, self._damaged(db):
            self._check(db, create=False)
            read = _Reader()
            # Read whole before they are checked: a cursor left open by the
            # error would keep the file's lock for as long as the caller keeps
            # the error (it holds the frames that hold the cursor).
            rows = db.execute(
                "SELECT id, seen_at, source, posts, shown FROM scrapes ORDER BY id"
            ).fetchall()
            scrapes = _scrape_times((row[:2] for row in rows), read.moment)
            # The rest of each row, checked as scrapes() and the last page
            # check theirs: a file that loads holds no scrape they refuse.
            for number, _, source, count, shown in rows:
                _source(source)
                _count(count)
                _shown_seqs(number, shown)
            # Pausing the collector: see _gc; the posts and versions hold no
            # cycles. The young generation is collected every BATCH rows.
            with paused_collector:
                versions = self._versions(db, read)
                places = _last_page(db)
                entries = self._entries(db, read, versions, places)
        # Built once the file is read and its lock let go: it refuses a post
        # seen after the last scrape, damage too.
        with self._damaged():
            archive = Archive(entries=entries, scrapes=scrapes)
            # Each post the last scrape shows is on the page (has a place).
            if sum(entry.place is not None for entry in entries) != len(places):
                placed = {entry.place for entry in entries}
                missing = min(seq for seq, at in places.items() if at not in placed)
                raise ValueError(_NO_SUCH_SEQ.format(missing))
            # And each post on the page, the last scrape shows: add writes
            # the scrape's posts whole. A shown left empty (the column's
            # default, in a row inserted by hand) leaves every place unknown,
            # as an Archive built by hand may.
            if places:
                unshown = next(
                    (
                        entry
                        for entry in entries
                        if entry.gone_since is None and entry.place is None
                    ),
                    None,
                )
                if unshown is not None:
                    raise ValueError(_NOT_SHOWN.format(quote_id(unshown.id)))
            return archive

    @staticmethod
    def _versions(db: sqlite3.Connection, read: _Reader) -> dict[str, list[Version]]:
        """The versions of each post id, oldest first, for :meth:`load`.

        Read in the table's order, which a scan reads straight through (the
        order of the key, post_id and n, would read the file all over): it
        holds each post's versions oldest first, as bloglist adds them, and
        a file in another order is put in order here. ValueError unless the
        numbers of each post's versions are 1, 2, 3...
        """
        moment = read.moment
        versions: dict[str, list[Version]] = {}
        # The rows out of their place, by post id (in the order first met):
        # each post's are put in order once, however many a file holds.
        astray: dict[str, list[tuple[Any, Version]]] = {}
        for post_id, n, seen_at, *fields in _collected_rows(
            db.execute(
                "SELECT post_id, n, seen_at, title, date, excerpt, tags, sticky "
                "FROM versions"
            )
        ):
            try:
                version = Version(post=read.post(*fields), seen_at=moment(seen_at))
            except _BAD_VALUE as exc:
                raise _naming(
                    exc, f"version {_shown(n)} of post {quote_id(post_id)}"
                ) from None
            found = versions.setdefault(post_id, [])
            if n == len(found) + 1 and type(n) is int:
                found.append(version)
            else:
                astray.setdefault(post_id, []).append((n, version))
        for post_id, rows in astray.items():
            for n, _ in rows:
                if type(n) is not int:
                    raise ValueError(
                        f"version {_shown(n)} of post {quote_id(post_id)} is not a whole number"
                    )
        for post_id, rows in astray.items():
            numbered = dict(enumerate(versions[post_id], 1))
            numbered.update(rows)
            if sorted(numbered) != list(range(1, len(numbered) + 1)):
                raise ValueError(
                    f"the versions of post {quote_id(post_id)} are numbered "
                    f"{reprlib.repr(sorted(numbered))}, not 1, 2, 3..."
                )
            versions[post_id] = [numbered[n] for n in sorted(numbered)]
        return versions

    @staticmethod
    def _entries(
        db: sqlite3.Connection,
        read: _Reader,
        versions: dict[str, list[Version]],
        places: dict[int, int],
    ) -> list[ArchivedPost]:
        """The archived posts of :meth:`load`, in the archive's order, with
        their *versions*, and the present ones with their place on the last
        page (*places*, by seq). ValueError for a posts row that is not its
        latest version as bloglist writes it, or versions of a post not in
        posts."""
        moment = read.moment
        entries = []
        for (
            post_id,
            first,
            last,
            gone,
            seq,
            count,
            title,
            day,
            excerpt,
            tags,
            sticky,
        ) in _collected_rows(
            db.execute(
                "SELECT id, first_seen, last_seen, gone_since, seq, versions, "
                "title, date, excerpt, tags, sticky FROM posts ORDER BY seq DESC"
            )
        ):
            _post_id(post_id)
            try:
                _seq(seq)  # the order, which a value of another type would scramble
                _count(count)  # named as add names it, which reads no versions
            except ValueError as exc:
                raise _naming(exc, f"post {quote_id(post_id)}") from None
            found = versions.get(post_id)
            if found is None:
                raise ValueError(f"post {quote_id(post_id)} has no versions")
            if count != len(found):
                raise ValueError(
                    f"post {quote_id(post_id)} counts {_shown(count)} versions, not "
                    f"the {len(found)} it has"
                )
            # The posts row copies its latest version, as bloglist writes it.
            latest = found[-1].post
            try:
                alike = (
                    title == latest.title
                    and excerpt == latest.excerpt
                    and read.date(day) == latest.date
                    and read.tags(tags) == latest.tags
                    and _sticky(sticky) == latest.sticky
                )
                if alike:
                    entries.append(
                        ArchivedPost(
                            id=post_id,
                            first_seen=moment(first),
                            last_seen=moment(last),
                            gone_since=None if gone is None else moment(gone),
                            versions=found,
                            place=places.get(seq) if gone is None else None,
                        )
                    )
            except _BAD_VALUE as exc:
                raise _naming(exc, f"post {quote_id(post_id)}") from None
            if not alike:
                raise ValueError(
                    _unlike_latest(post_id, (title, day, excerpt, tags, sticky), latest)
                )
        if len(versions) != len(entries):
            stray = min(versions.keys() - {entry.id for entry in entries}, key=repr)
            raise ValueError(
                f"versions of post {quote_id(stray)}, which is not in posts"
            )
        return entries

    def add(
        self,
        listing: Iterable[Post],
        /,
        *,
        seen_at: datetime.datetime,
        source: str | None = None,
        allow_all_gone: bool = False,
        pages: Sequence[Iterable[Post]] | None = None,
    ) -> AddedScrape:
        """Add one scrape, taken at *seen_at*, in one transaction, and say
        what it did: how many of its posts were new, changed or unchanged,
        and how many posts are gone or back (an :class:`AddedScrape`).

        The file then holds what :meth:`Archive.merge` would give (see it for
        the rules and errors, and *allow_all_gone*: without it, a scrape
        that pairs with none of the posts the last scrape showed, an empty
        listing or a wrong page, is refused and nothing is written; so is,
        given the *pages* the listing was stitched from, a page that stands
        in place of posts, checked against the last scrape inside the add's
        transaction, so that no other add comes between); *source*
        is recorded in the ``scrapes`` table
        (a lone surrogate in it, from a file name that is not UTF-8, as
        U+FFFD). A missing file is created, whatever ``create`` the handle
        was opened with (see :func:`open_archive`).

        *seen_at* is never checked against the clock, which the library does
        not read: a time in the future (a typo of 2052 for 2025) is added,
        and every later scrape, earlier than it, is then refused, and a
        scrape cannot be taken out again. Check the time before adding, as
        ``bloglist archive add`` does (more than a day past the clock is
        refused).

        Raises:
            ArchiveError: The file cannot be written, or an archived post
                that the scrape's posts could pair with holds what
                bloglist never writes (as :meth:`load` would report it),
                the last scrape added is earlier than the one before it,
                or a post the scrape would mark seen or gone was seen after
                the last scrape; nothing was changed, unless the message
                says otherwise.
            TypeError: *listing* is not an iterable of posts, *seen_at* not
                a datetime, *source* not a str or None, *allow_all_gone*
                not a bool, or *pages* not an iterable of iterables of posts.
            ValueError: *seen_at* is naive (or its timezone gives no UTC
                offset), earlier than the last scrape or outside the years 1
                to 9999 in UTC, a post holds a lone surrogate, which the
                file (UTF-8) cannot hold, or *listing* is not what
                :func:`bloglist.stitch` made of *pages* (a post of it on none
                of them, a post of them missing from it, or one out of
                place).
            AllGoneError: The scrape pairs with no present post, and
                *allow_all_gone* is false (a ValueError; the message says how
                many would be gone); nothing was changed.
            PageError: A page of *pages* stands in place of posts, and
                *allow_all_gone* is false (a ValueError); nothing was changed.

        An exception that stops the add (Ctrl-C's ``KeyboardInterrupt``
        among them) leaves the file as it was, but for an interrupt that
        comes as the commit returns or later, as the add returns, after the
        scrape is in the file (the commit's wait for the disk is most of an
        add's last moment): that one is raised with a note saying so, and
        :meth:`scrapes` counts the scrape.

        >>> import datetime, os, tempfile, bloglist
        >>> store = bloglist.open_archive(os.path.join(tempfile.mkdtemp(), "b.db"))
        >>> day1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        >>> one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        >>> print(store.add([one, two], seen_at=day1, source="index.txt"))
        2 posts: 2 new
        >>> print(store.add([two], seen_at=day1 + datetime.timedelta(days=1)))
        1 post: 1 unchanged; 1 gone
        >>> [p.title for p in store.load().gone()]
        ['One']
        >>> day3 = day1 + datetime.timedelta(days=2)
        >>> try:
        ...     store.add([], seen_at=day3)
        ... except bloglist.AllGoneError as exc:
        ...     print(exc)
        the scrape pairs with none of the 1 post present in the archive, which would count as gone (allow_all_gone=True adds it)
        >>> len(store.scrapes())
        2
        """
        new = checked_posts(listing, "listing")
        check_seen_at(seen_at, None)  # before touching the file
        refuse = not check_bool(allow_all_gone, "allow_all_gone")
        if source is not None:
            if not isinstance(source, str):
                raise TypeError(
                    f"source must be a str or None, not {type_name(source)}"
                    f"{', such as str(path)' * isinstance(source, os.PathLike)}: "
                    "the name the scrape is shown with"
                )
            source = _replace_surrogates(source)
        check = None
        if pages is not None:
            # Against the last scrape, in the add's transaction.
            given = listing if isinstance(listing, Listing) else new
            check = page_check(pages, given, refuse)
        try:
            return self._add(new, seen_at, source, refuse, check)
        except UnicodeEncodeError:
            # Only SQLite's UTF-8 cannot hold a lone surrogate; the
            # transaction was rolled back.
            raise ValueError(_unencodable(new)) from None

    def _add(
        self,
        new: list[Post],
        seen_at: datetime.datetime,
        source: str | None,
        refuse: bool,
        check: Callable[[Sequence[Post]], None] | None,
    ) -> AddedScrape:
        from ._match import normalize_titles

        stamp = _iso(plain_utc(seen_at))  # as merge keeps it
        titles = normalize_titles([post.title for post in new])
        new_fields = _fields(new)
        commit = _Commit()
        try:
            with self._connect(write=True, commit=commit) as db:
                self._check(db, create=True)
                with self._damaged(db):
                    self._upgrade(db)
                    # The last two scrapes, by the key: the last one added must
                    # be the latest, which seen_at may not precede. Scrapes out of
                    # time order are damage, as to load; those further back add
                    # does not read (it would cost a scan of them all), and the
                    # posts' times it checks keep it from writing a time before
                    # one the file holds (see _row_check and _merge).
                    rows = db.execute(
                        "SELECT id, seen_at FROM scrapes ORDER BY id DESC LIMIT 2"
                    ).fetchall()
                    if rows and rows[0][0] == _LARGEST_INTEGER:
                        # SQLite would number the next scrape at random, and
                        # the file would hold scrapes out of order.
                        raise ValueError(
                            f"scrape {_LARGEST_INTEGER} has the largest id SQLite "
                            "keeps, after which no scrape can be numbered"
                        )
                    times = _scrape_times(reversed(rows), _moment)
                    last_at = times[-1] if times else None
                    places = _last_page(db)
                    # Found before anything is written, and raised after the
                    # add's checks of the rows it reads, some made as it
                    # writes (the damage load, which checks the last page
                    # last, names first), but before a refusal of the scrape
                    # (a page's, or all gone), which would judge it by the
                    # damaged page.
                    damage = _last_page_damage(db, places)
                check_seen_at(seen_at, last_at)
                # A page's check would read the posts of a damaged page: a
                # damaged file is not checked, and its damage is raised below.
                if check is not None and damage is None:
                    with self._damaged(db):
                        shown = _shown_posts(db, places)
                    check(shown)  # its own errors, not damage
                with self._damaged(db):
                    try:
                        commit.added = self._merge(
                            db,
                            new,
                            titles,
                            new_fields,
                            stamp,
                            source,
                            last_at,
                            places,
                            refuse,
                        )
                    except AllGoneError:
                        # The damage first: the posts counted as present
                        # are those the damaged page leaves out or names.
                        if damage is not None:
                            raise ValueError(damage) from None
                        raise
                    if damage is not None:
                        # The add would write a shown of its own over the
                        # damage, and hide it: rolled back.
                        raise ValueError(damage)
                    return commit.added
        except BaseException as exc:
            # Ctrl-C (or any failure) after the commit returned, as the
            # connection closes or the add returns: the scrape is in the
            # file, and the interrupt says so, as one raised as the commit
            # returned does; either carries what the add counted, which it
            # could not return. The last scrape again wrote nothing: it
            # added nothing to the file, whenever the interrupt came.
            unrecorded = commit.added is not None and not commit.added.recorded
            if commit.done and not committed_before(exc) and not unrecorded:
                _mark_committed(exc)
            if committed_before(exc):
                setattr(exc, _ADDED, commit.added)
            raise

    def _merge(
        self,
        db: sqlite3.Connection,
        new: list[Post],
        titles: list[str],
        new_fields: list[tuple[str, str | None, str, str, int]],
        stamp: str,
        source: str | None,
        last_at: datetime.datetime | None,
        places: dict[int, int],
        refuse: bool,
    ) -> AddedScrape:
        """The writes of :meth:`_add`, once *seen_at* is checked against
        *last_at*, the time of the file's last scrape (None if none), whose
        posts' *places* on its page are by their seq (see _last_page);
        *refuse* a scrape that pairs with no present post."""
        from ._match import id_of_key

        old, found = self._match(db, new, titles, new_fields, last_at, places)
        # The posts the scrape no longer shows are marked gone from *stamp*
        # on, unread: none may have been seen after the last scrape, which
        # would make gone_since go back (those read were checked).
        late = db.execute(
            "SELECT id, last_seen FROM posts WHERE gone_since IS NULL"
            + ("" if last_at is None else " AND last_seen > ?")
            + " LIMIT 1",
            () if last_at is None else (_iso(last_at),),
        ).fetchone()
        if late is not None:
            check_last_scrape(_post_id(late[0]), _moment(late[1]), None, last_at)
        if refuse and all(i < 0 or old[i][10] is not None for i in found):
            # Before anything is written; the count reads the index of the
            # present posts.
            (present,) = db.execute(
                "SELECT count(*) FROM posts WHERE gone_since IS NULL"
            ).fetchone()
            if present:
                raise AllGoneError(present)

        # Only what differs is written: a post seen again as it was
        # changes last_seen alone, which no index holds.
        seen, back, content, changed, versions = [], [], [], [], []
        edited: list[tuple[Any, int, list[Any]]] = []
        for j, i in enumerate(found):
            if i < 0:
                continue
            rowid, old_id, *old_fields, count, _, _, gone, _, _ = old[i]
            fields = new_fields[j]
            if gone is not None:
                back.append(rowid)
            if tuple(old_fields) == fields:
                seen.append(rowid)
                continue
            versions.append((old_id, count + 1, stamp, *fields))
            edited.append((old_id, count, old_fields))
            if old_fields[:2] == list(fields[:2]):
                # Title and date as they were: leave the indexes on them be.
                content.append((stamp, count + 1, *fields[2:], rowid))
            else:
                changed.append((stamp, count + 1, *fields, titles[j], rowid))
        if (
            not versions
            and not back
            and last_at is not None
            and _moment(stamp) == last_at
            and len(found) == len(places)
            and all(i >= 0 and places.get(old[i][8]) == j for j, i in enumerate(found))
        ):
            # The last scrape again, at its time (the same file added twice):
            # every post it showed, as it showed them, in its order. Nothing
            # to write, not even a scrape, as Archive.merge records none.
            return AddedScrape(
                new=0, changed=0, unchanged=len(new), back=0, gone=0, recorded=False
            )
        # Before anything is written: a posts row that is not its latest
        # version would read as an edit, and hide the damage under it.
        _check_latest(db, edited)
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
        gone = db.execute(
            "UPDATE posts SET gone_since = ? WHERE gone_since IS NULL "
            "AND id NOT IN (SELECT value FROM json_each(?))",
            (stamp, kept),
        ).rowcount
        if back:
            db.execute(
                "UPDATE posts SET gone_since = NULL "
                "WHERE rowid IN (SELECT value FROM json_each(?))",
                (json.dumps(back),),
            )

        added = [j for j, i in enumerate(found) if i < 0]
        top = db.execute("SELECT coalesce(max(seq), 0) FROM posts").fetchone()[0]
        if added and top > _LARGEST_INTEGER - len(added):
            raise ValueError(
                f"a post's seq is {top}: the seqs of the scrape's new posts "
                "would pass the largest integer SQLite keeps"
            )
        bases = [id_of_key(new[j].date, titles[j]) for j in added]
        # One query for the ids the new posts would take; a clash is rare.
        ids = {
            found_id
            for (found_id,) in db.execute(
                "SELECT id FROM posts WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(bases),),
            )
        }
        asked = set(bases)  # the file holds none of these but those in ids

        def taken(candidate: str) -> bool:
            return candidate in ids or (
                candidate not in asked
                and bool(
                    db.execute(
                        "SELECT 1 FROM posts WHERE id = ?", (candidate,)
                    ).fetchone()
                )
            )

        rows = []
        tried: dict[str, int] = {}
        # The seq of each post of the scrape, in page order: the scrape's shown.
        shown = [-1 if i < 0 else old[i][8] for i in found]
        for rank, (j, base) in enumerate(zip(added, bases, strict=True)):
            new_id = unique_id(base, taken, tried)
            ids.add(new_id)
            fields = new_fields[j]
            # The first post of the scrape gets the highest seq: first in order.
            seq = shown[j] = top + len(added) - rank
            rows.append((new_id, seq, stamp, stamp, *fields, titles[j]))
            versions.append((new_id, 1, stamp, *fields))
        # Versions of a new id are versions of a post not in posts (a row
        # deleted by hand): damage, which the new versions would collide with.
        stray = db.execute(
            "SELECT post_id FROM versions WHERE post_id IN "
            "(SELECT value FROM json_each(?)) LIMIT 1",
            (json.dumps([row[0] for row in rows], ensure_ascii=False),),
        ).fetchone()
        if stray is not None:
            raise ValueError(
                f"versions of post {quote_id(stray[0])}, which is not in posts"
            )
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
            "INSERT INTO scrapes (seen_at, source, posts, shown) VALUES (?, ?, ?, ?)",
            (stamp, source, len(new), json.dumps(shown, separators=(",", ":"))),
        )
        return AddedScrape(
            new=len(added),
            changed=len(edited),
            unchanged=len(seen),
            back=len(back),
            gone=gone,
        )

    def _match(
        self,
        db: sqlite3.Connection,
        new: list[Post],
        titles: list[str],
        new_fields: list[tuple[str, str | None, str, str, int]],
        last_at: datetime.datetime | None,
        places: dict[int, int],
    ) -> tuple[list[tuple[Any, ...]], list[int]]:
        """The archived rows that can pair with *new*, and the pairs.

        The pairs, as :func:`~bloglist._match.match_found` gives them (the
        row paired with each post of *new*, or -1), are those of all
        archived posts, found by loading few of them. Steps 1 and 2 of the
        rule pair posts of the same normalised title: the archived posts with
        a title of the scrape are enough for them (step 2 pairs and counts
        the present ones among them, as merge does). Step 3 pairs a post left
        over on a date with one of the same date: for the dates where steps 1
        and 2 leave a post of the scrape over (unpaired, or paired by step 3,
        the only step that pairs two titles), all archived posts of that date
        join in, and the matching runs again. Rows come in the order
        :meth:`Archive.merge` meets the posts: the present ones in their
        order on the last page (*places*, each present post's place by its
        seq), then those present whose place is not known, then the gone
        ones, each in the archive's order where no place orders them.
        No post is built from a row: the matching needs the dates, the
        stored normalised titles, and the title, excerpt, tags and sticky
        columns, which *new_fields* (from :func:`_fields`) holds for each
        post of *new*.
        """
        from ._match import match_keys

        columns = (
            "rowid, id, title, date, excerpt, tags, sticky, versions, seq, "
            "match_title, gone_since, first_seen, last_seen FROM posts"
        )
        new_dates = [post.date for post in new]
        # The date of each date column read, the scrape's own to begin with.
        read: dict[Any, datetime.date | None] = {
            row[1]: date for row, date in zip(new_fields, new_dates, strict=True)
        }
        read[None] = None
        check = _row_check(read, {row[3] for row in new_fields}, last_at)
        # The titles as parameters, a batch at a time: not as one JSON array
        # for json_each, whose values end at a NUL, which a title may hold.
        wanted = list(dict.fromkeys(titles))
        old = []
        for start in range(0, len(wanted), _PARAMETERS):
            batch = wanted[start : start + _PARAMETERS]
            old += db.execute(
                f"SELECT {columns} WHERE match_title IN ({','.join('?' * len(batch))})",
                batch,
            ).fetchall()
        for row in old:
            check(row)

        def in_order(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            # The archive's order: seq (unique), highest first; then the
            # present posts before the gone ones, in page order (see
            # page_order).
            rows = sorted(rows, key=itemgetter(8), reverse=True)
            return sorted(
                rows,
                key=lambda row: place_key(
                    places.get(row[8]) if row[10] is None else None,
                    row[10] is not None,
                ),
            )

        old = in_order(old)
        # The title as written, excerpt, tags and sticky flag (see match_keys).
        contents = [(row[0], *row[2:5]) for row in new_fields]

        def pairs(rows: list[tuple[Any, ...]]) -> list[int]:
            # Every row is checked, and so its date read, before it pairs.
            return match_keys(
                [read[row[3]] for row in rows],
                [row[9] for row in rows],
                new_dates,
                titles,
                [(row[2], *row[4:7]) for row in rows],
                contents,
                # Step 2 pairs present posts only: gone_since is NULL.
                [row[10] is None for row in rows],
            )

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
            for row in added:
                check(row)
            if added:
                old = in_order([*old, *added])
                found = pairs(old)
        return old, found

    def known_tags(self) -> tuple[str, ...]:
        """The tag names of the posts the last scrape showed (their latest
        versions) that only a known name yields, sorted: names the case rule
        splits, such as ``GenAI`` and ``iOS``, so names that were known
        (``known_tags=`` of :func:`bloglist.loads`, ``--known-tag`` in the
        command) when those posts were read. To read the next scrape with, when the names given
        before are not at hand: without them, ``GenAITesting`` would split
        as ``Gen`` and ``AITesting`` where the archive has ``GenAI`` and
        ``Testing``, and each such post would count as changed, though the
        page is not. The command's ``archive add`` reads its files with them
        when no ``--known-tag`` is given.

        Not every name that was known: a name the case rule leaves whole
        (``AI``, known to split ``AITools``) may have been, but nothing in
        the posts tells (known always, it would split ``AIDevTools`` as
        ``AI``, ``Dev``, ``Tools`` where the case rule reads ``AIDev``,
        ``Tools``), so such names must be given again. The names given,
        when at hand, are the ones to read with.

        >>> import datetime, os, tempfile, bloglist
        >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> post = bloglist.Post(title="Hi", excerpt="x", tags=["GenAI", "Testing"])
        >>> store = bloglist.open_archive(path)
        >>> store.add([post], seen_at=noon)
        AddedScrape(new=1, changed=0, unchanged=0, back=0, gone=0, recorded=True)
        >>> store.known_tags()
        ('GenAI',)
        >>> text = bloglist.dumps([post], known_tags=["GenAI"])  # the next scrape
        >>> text.splitlines()[-1]
        'GenAITesting'
        >>> later = noon + datetime.timedelta(days=1)
        >>> store.add(bloglist.loads(text, known_tags=store.known_tags()), seen_at=later)
        AddedScrape(new=0, changed=0, unchanged=1, back=0, gone=0, recorded=True)
        """
        self._exists()
        with self._connect(write=False) as db, self._damaged(db):
            self._check(db, create=False)
            rows = db.execute(
                "SELECT DISTINCT tags FROM posts WHERE gone_since IS NULL"
            ).fetchall()
            read = _Reader().tags
            # A list the case rule cannot split anywhere (its JSON holds the
            # names' letters as they are) is not decoded.
            return tuple(
                names_to_know(read(tags) for (tags,) in rows if may_split(tags))
            )

    def scrapes(self) -> tuple[ArchivedScrape, ...]:
        """The scrapes added, oldest first, each an :class:`ArchivedScrape`:
        ``(seen_at, source, posts)``, posts being how many it showed.

        The order they were added in, which is their time order: a file
        whose scrapes go back in time (a row written by hand) is damaged, an
        :class:`ArchiveError`, as to :meth:`load`.

        >>> import datetime, os, tempfile, bloglist
        >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
        >>> noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
        >>> store = bloglist.open_archive(path)
        >>> store.add(bloglist.loads(bloglist.sample_text()), seen_at=noon, source="a.txt")
        AddedScrape(new=12, changed=0, unchanged=0, back=0, gone=0, recorded=True)
        >>> [(t.isoformat(), source) for t, source, _ in store.scrapes()]
        [('2025-03-05T12:00:00+00:00', 'a.txt')]
        >>> store.scrapes()[-1].posts
        12
        """
        self._exists()
        with self._connect(write=False) as db, self._damaged(db):
            self._check(db, create=False)
            rows = db.execute(
                "SELECT id, seen_at, source, posts FROM scrapes ORDER BY id"
            ).fetchall()
            times = _scrape_times((row[:2] for row in rows), _moment)
            return tuple(
                ArchivedScrape(seen_at, _source(source), _count(count))
                for seen_at, (_, _, source, count) in zip(times, rows, strict=True)
            )


def hint_times(
    store: ArchiveFile, posts: Iterable[Post]
) -> tuple[datetime.datetime | None, datetime.datetime | None, bool]:
    """For the command's hint of a wrong page, asked of *store* for a scrape refused
    for sharing no post with the last: the last time a scrape showed a
    gone post of the date and title (as the matching rule compares
    titles) of one of the dated *posts* (a challenge page has no date,
    and an undated title may recur), and the first time a scrape showed
    any post still present, each None if there is none; and whether the
    first scrape with posts after the last of that time shows a post it
    showed (the blog's page moving on, as a page does from one day to the
    next). Through the indexes, without reading the archive whole.
    ArchiveError if the file cannot be read."""
    from ._match import normalize_titles

    dated = [(post.title, post.date) for post in posts if post.date is not None]
    titles = normalize_titles([title for title, _ in dated])
    # Title and date pairs as parameters, a batch at a time, as add
    # passes its titles (a title may hold a NUL, where json_each ends a
    # value).
    keys = list(
        dict.fromkeys(
            (title, date.isoformat())
            for title, (_, date) in zip(titles, dated, strict=True)
        )
    )
    size = _PARAMETERS // 2
    store._exists()
    with store._connect(write=False) as db, store._damaged(db):
        store._check(db, create=False)
        found = []
        for start in range(0, len(keys), size):
            batch = keys[start : start + size]
            (last,) = db.execute(
                "SELECT max(last_seen) FROM posts WHERE gone_since IS NOT NULL "
                "AND (match_title, date) IN "
                f"(VALUES {', '.join(['(?, ?)'] * len(batch))})",
                [value for key in batch for value in key],
            ).fetchone()
            if last is not None:
                found.append(_moment(last))
        (first,) = db.execute(
            "SELECT min(first_seen) FROM posts WHERE gone_since IS NULL"
        ).fetchone()
        last = max(found, default=None)
        moved_on = False
        if last is not None:
            # The scrapes in the order they were added, which is that of
            # their times: the last of that time, and the first after it
            # that showed posts (an empty download forced in between
            # tells nothing of where the page went).
            rows = db.execute(
                "SELECT id, seen_at, posts, shown FROM scrapes ORDER BY id"
            ).fetchall()
            times = [_moment(row[1]) for row in rows]
            for at, (before, after) in enumerate(pairwise(times)):
                if before == last != after:
                    then, after_it = rows[at], rows[at + 1 :]
                    # The next one if none has posts (then none is on the
                    # page, and the command names nothing anyway).
                    later = next((row for row in after_it if row[2]), after_it[0])
                    shown = set(_shown_seqs(then[0], then[3]))
                    moved_on = not shown.isdisjoint(_shown_seqs(later[0], later[3]))
        return last, (None if first is None else _moment(first)), moved_on


def _shown_posts(db: sqlite3.Connection, places: dict[int, int]) -> tuple[Post, ...]:
    """The posts the file's last scrape showed, in their order on its page
    (*places*, their places by their seq, see _last_page), each as the file
    holds it, its latest version; none for a file with no scrape. The page
    is checked already (_last_page_damage): every seq it shows is a post's
    on the page."""
    read = _Reader()
    shown: list[tuple[int, Post]] = []
    seqs = list(places)
    for start in range(0, len(seqs), _PARAMETERS):
        chunk = seqs[start : start + _PARAMETERS]
        for seq, *fields in db.execute(
            "SELECT seq, title, date, excerpt, tags, sticky FROM posts "
            f"WHERE gone_since IS NULL AND seq IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            shown.append((places[seq], read.post(*fields)))
    shown.sort(key=itemgetter(0))
    return tuple(post for _, post in shown)


@functools.cache
def _schema_objects() -> dict[tuple[str, str], str | None]:
    """The tables and indexes :data:`SCHEMA` makes, with their SQL."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        return {
            (kind, name): sql
            for kind, name, sql in db.execute(
                "SELECT type, name, sql FROM sqlite_master"
            )
        }
    finally:
        db.close()


def _remove_if_empty(path: str) -> None:
    """Remove *path* if it is empty: the file that connecting made, where a
    failure (a full disk, a file size limit) left nothing in it. A file that
    holds an archive, or is another's now, is left alone.

    The file is removed holding its writer's lock, taken again without
    waiting: another add that opened the file meanwhile, and waits for the
    lock, either takes it first (the file is then its own, and left alone)
    or tries after the removal, fails (SQLite fails a begin on a file no
    longer in the directory), finds that the path no longer names the file it
    waited for (:func:`_moved`), and connects again. Removed after letting go
    of the lock, the file could take that add's commit out of the directory
    with it, reported as added.
    """
    try:
        db = sqlite3.connect(_read_uri(path), timeout=0, isolation_level=None, uri=True)
    except sqlite3.Error:
        return  # no file there (mode=rw never makes one)
    try:
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            # Busy: another add's lock, on a file now its own. Any other
            # failure found no other writer (one holding the file makes it
            # busy): where no byte may be written (a full disk, a file size
            # limit of 0), the begin fails as the add's own did.
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY:
                return
        with contextlib.suppress(OSError):
            if os.stat(path).st_size == 0:
                os.remove(path)
    finally:
        db.close()


def _identity(path: str) -> tuple[int, int] | None:
    """The device and inode of the file *path* names, to tell whether the
    path names it still (:func:`_moved`); None where there is none (SQLite
    then says why, or the file is not checked).

    Not a descriptor held open, which would keep the inode from being
    given to another file: closing it would let go of the locks SQLite
    holds on the file for this process. The identity is taken as SQLite
    holds the file open (see ArchiveFile._connect), which keeps its inode
    from being reused meanwhile."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _moved(guard: tuple[int, int], path: str) -> bool:
    """Whether *path* no longer names the file of identity *guard*: removed
    (or replaced) since, as another add removes a file it made and left
    empty (:func:`_remove_if_empty`)."""
    return _identity(path) != guard


def _busy_timeout(db: sqlite3.Connection, seconds: float) -> None:
    milliseconds = int(min(seconds, _LONGEST_WAIT) * 1000)
    db.execute(f"PRAGMA busy_timeout = {milliseconds}")


class _Commit:
    """Whether a write's commit has returned (:meth:`ArchiveFile._connect`),
    and what the add it commits counted (:meth:`ArchiveFile._add`), once
    counted: what an interrupt raised after the commit carries."""

    __slots__ = ("added", "done")

    def __init__(self) -> None:
        self.done = False
        self.added: AddedScrape | None = None


# The attributes that mark an interrupt raised after its add's commit, and
# carry what the add counted.
_COMMITTED: Final = "_bloglist_committed"
_ADDED: Final = "_bloglist_added"


def _mark_committed(interrupt: BaseException) -> None:
    setattr(interrupt, _COMMITTED, True)
    interrupt.add_note(
        "bloglist: it came after the add's commit: the scrape is in the archive"
    )


def committed_before(interrupt: BaseException) -> bool:
    """Whether the add that *interrupt* (a KeyboardInterrupt) stopped had
    committed its scrape first: it came as the commit returned."""
    return getattr(interrupt, _COMMITTED, False) is True


def added_before(interrupt: BaseException) -> AddedScrape:
    """What the add that *interrupt* stopped after its commit had counted,
    which it carries when :func:`committed_before` is true of it."""
    added: AddedScrape = getattr(interrupt, _ADDED)
    return added


# A read's first statement, which takes its shared lock: how many tables and
# indexes the file holds (none in an empty file).
_TABLES: Final = "SELECT count(*) FROM sqlite_master"


class _Wait:
    """The waits of one transaction for locks, *seconds* at most in all."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0  # in tries that found the file busy

    @property
    def left(self) -> float:
        return max(self.seconds - self.spent, 0.0)

    def run(self, db: sqlite3.Connection, statement: str) -> None:
        """Run *statement*, again while the file is busy, until the time
        left is spent.

        Each try waits up to :data:`_STEP` in SQLite; between tries Python
        runs its signal handlers, so Ctrl-C (KeyboardInterrupt) ends the
        wait. A try that succeeds is not counted: its time is the
        statement's work (a commit's writes), not a wait.
        """
        while True:
            started = time.monotonic()
            try:
                db.execute(statement)
                return
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                    raise
                # SQLite may answer busy at once, without its wait (where
                # waiting could deadlock): then the wait is taken here, so
                # that a try never returns at once and the loop never spins.
                took = time.monotonic() - started
                if took < _STEP / 2:
                    time.sleep(max(min(_STEP, self.seconds - self.spent) - took, 0.0))
                self.spent += time.monotonic() - started
                if self.spent >= self.seconds:
                    raise


def _replace_surrogates(text: str) -> str:
    """*text* with its lone surrogates, if any, made U+FFFD: a file name
    that is not UTF-8 comes from :func:`os.fsdecode` with some."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def _unencodable(posts: list[Post]) -> str:
    """What says which of *posts* holds a lone surrogate, and where."""
    found = lone_surrogate(posts)
    assert found is not None  # the encoder found one
    index, field, char = found
    return (
        f"listing[{index}] ({quote(posts[index].title)}) has a lone "
        f"surrogate, U+{ord(char):04X}, in its {field}, "
        "which an archive file (UTF-8) cannot hold; nothing was added"
    )


def _journal(path: str) -> str:
    """The name of the journal SQLite keeps for the file *path* names: beside
    the file, and so, through a link, beside the link's target (SQLite
    follows links to name it), given whole then."""
    target = os.path.realpath(path)
    if target == os.path.abspath(path):
        return path + _JOURNAL_SUFFIX
    return target + _JOURNAL_SUFFIX


def _stuck_journal(path: str) -> str | None:
    """Why an add to the file *path* would leave a journal it could not
    remove, or None: a journal is beside the file (a killed add's, or one
    another program keeps, PRAGMA journal_mode=PERSIST) and its directory
    is read-only. SQLite writes that journal (the file may be written),
    then fails to remove it as it commits, which leaves it live: played
    back at the next open, and every read of the file failing until a
    process that may write the directory opens it. Refused before SQLite
    is asked. (With no journal there, SQLite cannot make one in a
    read-only directory, and says the file is read-only, leaving nothing
    behind. A journal this user may not write, SQLite fails to open, and
    the error says so: see ArchiveFile._explain.)"""
    journal = _journal(path)
    if not os.path.lexists(journal):
        return None
    folder = os.path.dirname(journal) or os.curdir
    if _may_write(folder):
        return None
    return (
        f"cannot write {path}: a journal is beside it ({journal}), and its "
        f"directory {folder} is read-only, where SQLite removes the journal "
        "as an add ends; nothing was changed"
    )


def _read_only_journal(path: str) -> bool:
    """Whether a journal is beside the file *path* that this user may not
    write."""
    journal = _journal(path)
    return os.path.lexists(journal) and not _may_write(journal)


def _may_write(path: str) -> bool:
    """Whether this process may write the file or directory *path*, as its
    effective user (which SQLite writes as)."""
    return os.access(
        path, os.W_OK, effective_ids=os.access in os.supports_effective_ids
    )


# The tables a value that is not UTF-8 is looked for in, each with the
# column that names its row in a message, and how.
_ROW_NAMES: Final = (
    ("posts", "id", "post {}"),
    ("versions", "post_id", "a version of post {}"),
    ("scrapes", "id", "scrape {}"),
)


def _undecodable_row(db: sqlite3.Connection, message: str) -> str | None:
    """The row of the file *db* reads that holds the text SQLite's *message*
    says is not UTF-8, in the column it names: the first post, version or
    scrape whose value there is not, named as other damage names it; None
    if none is found. Read in bytes, the error's path only."""
    found = re.search(r"column '(\w+)'", message)
    column = found[1] if found else ""
    factory = db.text_factory
    db.text_factory = bytes
    try:
        # Another error, the file's own damage: SQLite's words say enough.
        with contextlib.suppress(sqlite3.Error):
            for table, key, name in _ROW_NAMES:
                info = db.execute(f"PRAGMA table_info({table})")
                if column.encode() not in {row[1] for row in info}:  # bytes too
                    continue
                for number, value in db.execute(f"SELECT {key}, {column} FROM {table}"):
                    if isinstance(value, bytes) and not _is_utf8(value):
                        if isinstance(number, bytes):  # a post's id
                            number = number.decode("utf-8", "replace")
                        return name.format(quote_id(number))
    finally:
        db.text_factory = factory
    return None


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_bytes(path: str) -> bool:
    """Whether *path* is a regular file holding something."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and found.st_size > 0


def open_archive(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    /,
    *,
    create: bool = True,
    timeout: float = 5.0,
) -> ArchiveFile:
    """The archive file at *path*, created empty if missing (unless *create* is false).

    Checks the file at once: :class:`ArchiveError` if it is not an archive,
    comes from a newer bloglist, or cannot be opened. An archive is only
    read, so that opening it waits for no other process adding a scrape;
    creating the file takes the writer's lock (waiting up to *timeout*).

    Args:
        path: The file, conventionally ``*.db`` or ``*.sqlite``: a str,
            bytes (as :func:`os.fsencode` gives a name) or a path object
            (:class:`pathlib.Path`); the handle keeps it as an absolute str.
        create: Create the file and its tables when missing or empty (for
            a symbolic link to a missing file, its target, as
            :meth:`ArchiveFile.add` does). When false, the file is only
            read, and a missing one, or a link to one, is an
            :class:`ArchiveError` (``no such file``) that creates nothing.
            Only the opening: the handle does not keep it, and its
            :meth:`~ArchiveFile.add` creates a file missing by then.
        timeout: Seconds to wait for another process writing the file
            before giving up with :class:`ArchiveError` (0 or more;
            ``float("inf")`` waits as long as SQLite can, 24 days).

    Raises:
        ArchiveError: The file cannot be opened or is not an archive.
        TypeError: *path* is not a path, *create* not a bool, or *timeout*
            not a number.
        ValueError: *path* is empty or ``":memory:"`` (no file), holds a
            null character or a character the file system's encoding cannot
            write (a lone surrogate such as ``"\\ud800"`` in UTF-8), or
            *timeout* is negative.

    >>> import datetime, os, tempfile, bloglist
    >>> path = os.path.join(tempfile.mkdtemp(), "blog.db")
    >>> store = bloglist.open_archive(path)
    >>> store.load() == bloglist.Archive()
    True
    """
    store = ArchiveFile(_path(path), timeout=timeout)
    check_bool(create, "create")  # create="no" would create the file
    if create:
        # A file that is an archive already is only read, so that opening it
        # waits for no writer: a reader may read while another process adds
        # a scrape. Only a file to create takes the writer's lock.
        if _has_bytes(store.path):
            with store._connect(write=False) as db:
                if store._is_archive(db):
                    return store
        with store._connect(write=True) as db:
            store._check(db, create=True)
    else:
        store._exists()
        with store._connect(write=False) as db:
            store._check(db, create=False)
    return store


resolve_hints(globals(), ArchiveError, AddedScrape, ArchivedScrape, ArchiveFile)
