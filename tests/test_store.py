"""Archive files: SQLite on a real disk, with real processes killed and racing."""

from __future__ import annotations

import datetime
import errno
import functools
import gc
import hashlib
import itertools
import json
import ntpath
import os
import pickle
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bloglist
import bloglist._store
from bloglist import (
    AllGoneError,
    Archive,
    ArchivedScrape,
    ArchiveError,
    Listing,
    Post,
    _store,
    open_archive,
)
from bloglist._cli import main
from history_oracle import ORACLE_EXAMPLES, simulate

UTC = datetime.UTC
T1 = datetime.datetime(2025, 3, 5, 8, tzinfo=UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)
# A day before T1 and a day after it, as the file writes times.
EARLIER = "2025-03-04T08:00:00.000000+00:00"
LATER = "2025-03-06T08:00:00.000000+00:00"
SYMLINKS = pytest.mark.skipif(
    sys.platform == "win32", reason="symbolic links need privileges on Windows"
)

SAMPLE = bloglist.loads(bloglist.sample_text())


def big_listing(n: int, *, start: int = 0) -> Listing:
    """*n* distinct posts, one or two a day, with tags and a few undated."""
    day = datetime.date(2000, 1, 1)
    return Listing(
        Post(
            title=f"Post number {i} about things",
            date=None if i % 97 == 0 else day + datetime.timedelta(days=i // 2),
            excerpt=f"Excerpt {i} […]",
            tags=["Tag", f"T{i % 7}"],
            sticky=i % 500 == 0,
        )
        for i in range(start, start + n)
    )


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db, db:
        result: str = db.execute("PRAGMA integrity_check").fetchone()[0]
    return result


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "blog.db"


class TestRoundTrip:
    def test_adding_scrapes_to_a_file_equals_merging_them(self, path: Path) -> None:
        """A file that took the scrapes loads as the archive merge gives."""
        edited = [attrs.evolve(SAMPLE[0], title=SAMPLE[0].title + "!"), *SAMPLE[2:]]
        scrapes = [(SAMPLE, T1), (Listing(edited), T2), (SAMPLE, T3), (SAMPLE, T3)]
        store = open_archive(path)
        archive = Archive()
        for listing, seen_at in scrapes:
            store.add(listing, seen_at=seen_at)
            archive = archive.merge(listing, seen_at=seen_at)
            assert store.load() == archive
        assert integrity(path) == "ok"

    def test_duplicates_and_undated_posts_survive_the_file(self, path: Path) -> None:
        """Equal posts on one page, undated posts and odd text come back the same."""
        odd = Post(title="Ünïcode — “quotes” ", excerpt="tab\there", tags=["a,b", "ç"])
        posts = [odd, attrs.evolve(odd), Post(title="x", date=datetime.date(1, 1, 1))]
        store = open_archive(path)
        store.add(Listing(posts), seen_at=T1)
        store.add(Listing(posts[:1]), seen_at=T2)
        expected = Archive().merge(Listing(posts), seen_at=T1)
        assert store.load() == expected.merge(Listing(posts[:1]), seen_at=T2)

    def test_times_come_back_as_the_same_instants(self, path: Path) -> None:
        """A time in any zone is stored in UTC and compares equal when read back."""
        tokyo = datetime.timezone(datetime.timedelta(hours=9))
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1.astimezone(tokyo), source="a.txt")
        assert store.load().scrapes == (T1,)
        assert store.scrapes() == ((T1, "a.txt", len(SAMPLE)),)

    def test_each_scrape_is_named_by_its_time_source_and_post_count(
        self, path: Path
    ) -> None:
        """scrapes() gives each scrape's fields by name as well as by place,
        in the order added, as merge records the times and add counts posts."""
        store = open_archive(path)
        added = [
            (store.add(SAMPLE, seen_at=T1, source="a.txt"), T1, "a.txt"),
            (store.add(SAMPLE[3:], seen_at=T2), T2, None),
        ]
        scrapes = store.scrapes()
        assert all(isinstance(scrape, ArchivedScrape) for scrape in scrapes)
        assert [(s.seen_at, s.source, s.posts) for s in scrapes] == [
            (seen_at, source, result.posts) for result, seen_at, source in added
        ]
        assert [s.posts for s in scrapes] == [len(SAMPLE), len(SAMPLE) - 3]
        assert [tuple(s) for s in scrapes] == [
            (s.seen_at, s.source, s.posts) for s in scrapes
        ]
        assert pickle.loads(pickle.dumps(scrapes)) == scrapes

    def test_an_empty_file_is_an_empty_archive(self, path: Path) -> None:
        """A new archive file loads as Archive()."""
        assert open_archive(path).load() == Archive()
        path.write_bytes(b"")  # a zero-byte file is a new SQLite database
        assert open_archive(path).load() == Archive()


class TestOnTheDisk:
    def test_an_add_asks_the_drive_to_flush_its_cache(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The commit waits until the disk has the writes: on macOS that
        takes fullfsync (fsync() leaves them in the drive's cache), asked of
        the connection before its transaction; reading asks nothing."""
        said: list[str] = []
        connect = sqlite3.connect

        def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            db: sqlite3.Connection = connect(*args, **kwargs)
            db.set_trace_callback(said.append)
            return db

        monkeypatch.setattr(sqlite3, "connect", traced)
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        assert "PRAGMA fullfsync = ON" in said
        assert said.index("PRAGMA fullfsync = ON") < said.index("BEGIN IMMEDIATE")
        said.clear()
        assert list(store.load().present()) == list(SAMPLE)
        assert "PRAGMA fullfsync = ON" not in said


class TestPathsOfOtherSystems:
    @pytest.mark.parametrize(
        ("folder", "parts"),
        [
            (
                r"C:\work\missing\..\sub",
                [
                    "C:\\",
                    r"C:\work",
                    r"C:\work\missing",
                    r"C:\work\missing\..",
                    r"C:\work\missing\..\sub",
                ],
            ),
            (r"\\server\share\a", ["\\\\server\\share\\", r"\\server\share\a"]),
            ("C:work/x", ["C:", "C:work", r"C:work\x"]),
        ],
    )
    def test_windows_paths_lead_from_their_drive(
        self, monkeypatch: pytest.MonkeyPatch, folder: str, parts: list[str]
    ) -> None:
        """The leading parts of a folder, which the messages of a missing or
        a non-directory part name, start with a Windows path's drive and
        root (a review found 'C:work', relative to drive C's own current
        folder, named for C:\\work, and a UNC share cut apart)."""
        windows = types.SimpleNamespace(sep="\\", altsep="/", path=ntpath)
        monkeypatch.setattr(bloglist._store, "os", windows)
        assert bloglist._store._leading_parts(folder) == parts


class TestArchiveKeepsTheExcerpt:
    def test_an_excerpt_built_by_hand_reads_back_as_given(self, tmp_path: Path) -> None:
        """A post keeps its excerpt as given (Post strips nothing), and an
        archive file holds what Archive.merge would give: its posts read
        back equal, whitespace and all."""
        posts = [Post(title="T", excerpt="  x  "), Post(title="U", excerpt="\ty\n")]
        seen = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        stored = bloglist.open_archive(tmp_path / "blog.sqlite")
        stored.add(posts, seen_at=seen)
        assert list(stored.load().listing) == posts


class TestScrapesInOrder:
    def test_scrapes_are_oldest_first_and_a_time_before_the_last_is_refused(
        self, tmp_path: Path
    ) -> None:
        """An archive file lists its scrapes oldest first, and refuses a
        scrape taken before its last one, even one after its first, as
        Archive.merge does; the refused add changes nothing."""
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        first, second, third = (T1 + datetime.timedelta(days=n) for n in range(3))
        store.add(SAMPLE, seen_at=first, source="first.txt")
        store.add(SAMPLE[1:], seen_at=third, source="third.txt")
        expected = [
            (first, "first.txt", len(SAMPLE)),
            (third, "third.txt", len(SAMPLE) - 1),
        ]
        assert list(store.scrapes()) == expected
        before = db.read_bytes()
        with pytest.raises(ValueError, match="earlier than the archive's last scrape"):
            store.add(SAMPLE, seen_at=second)
        with pytest.raises(ValueError, match="earlier than the archive's last scrape"):
            bloglist.Archive().merge(SAMPLE, seen_at=first).merge(
                SAMPLE, seen_at=third
            ).merge(SAMPLE, seen_at=second)
        assert db.read_bytes() == before
        assert list(store.scrapes()) == expected


class TestAgainstTheOracle:
    @settings(max_examples=max(1, ORACLE_EXAMPLES * 2 // 5))
    @given(seed=st.integers(0, 2**32))
    def test_a_file_fed_a_simulated_blog_holds_what_merge_gives(
        self, seed: int
    ) -> None:
        """Scrape by scrape, the file reads back as the pure archive (which
        test_archive checks against the truth), and each add counts what
        the merge changed."""
        history = simulate(seed, scrapes=8)
        with tempfile.TemporaryDirectory() as directory:
            store = open_archive(Path(directory) / "blog.db")
            archive = Archive()
            for scrape in history.scrapes:
                listing = Listing(scrape.listing)
                # The simulated blog may replace every post at once.
                added = store.add(listing, seen_at=scrape.seen_at, allow_all_gone=True)
                before = archive
                archive = archive.merge(
                    listing, seen_at=scrape.seen_at, allow_all_gone=True
                )
                assert added == what_was_added(before, archive, scrape.seen_at)
            assert store.load() == archive


# Posts the matching rule finds hard: a recurring title on several dates and
# none, close titles on one date, one title written two ways, a title on two
# dates, an undated title pinned and not; drawn with repeats.
HARD = [
    Post(title="Links", date=datetime.date(2025, 3, 1)),
    Post(title="Links", date=datetime.date(2025, 3, 8)),
    Post(title="Links"),
    # Another post of a date and title above: a group pairs by excerpt and tags.
    Post(title="Links", date=datetime.date(2025, 3, 1), excerpt="other", tags=["a"]),
    Post(title="Hello world", date=datetime.date(2025, 3, 1)),
    Post(title="Helo world", date=datetime.date(2025, 3, 1)),
    Post(title="Hello world", date=datetime.date(2025, 3, 2)),
    Post(title="HELLO  WORLD", date=datetime.date(2025, 3, 1), excerpt="x"),
    Post(title="Part 1", date=datetime.date(2025, 3, 1)),
    Post(title="Part 2", date=datetime.date(2025, 3, 1)),
    Post(title="Pinned", sticky=True),
    Post(title="Pinned", tags=["a"]),
    # NUL is text (the parser keeps it); SQLite's JSON functions end a value there.
    Post(title="Nul\x00here"),
    Post(title="Nul\x00here", date=datetime.date(2025, 3, 1)),
    Post(title="Nul\x00here", date=datetime.date(2025, 3, 2)),
    Post(title="Nul"),
]


class TestHardScrapes:
    @settings(max_examples=max(1, ORACLE_EXAMPLES))
    @given(
        st.lists(st.lists(st.sampled_from(HARD), max_size=7), min_size=1, max_size=5)
    )
    def test_a_file_fed_hard_scrapes_holds_what_merge_gives(
        self, scrapes: list[list[Post]]
    ) -> None:
        """Empty scrapes, repeats, posts gone and back, and every step of the
        rule: the file, which loads only the rows that can pair, agrees with
        merge, which sees every archived post."""
        for loaded, archive in file_and_merge_steps(scrapes):
            assert loaded == archive

    @settings(max_examples=max(1, ORACLE_EXAMPLES))
    @given(
        st.lists(
            st.tuples(st.lists(st.sampled_from(HARD), max_size=6), st.booleans()),
            min_size=1,
            max_size=6,
        )
    )
    def test_scrapes_at_the_time_of_the_last_are_recorded_as_merge_records_them(
        self, scrapes: list[tuple[list[Post], bool]]
    ) -> None:
        """Each scrape a day after the last, or at its very time (True): the
        file records a scrape exactly when merge does (not for the last one
        again, at its time), and holds what merge gives."""
        with tempfile.TemporaryDirectory() as directory:
            store = open_archive(Path(directory) / "blog.db")
            archive, seen_at = Archive(), T1
            for scrape, again in scrapes:
                if not again:
                    seen_at += datetime.timedelta(days=1)
                added = store.add(scrape, seen_at=seen_at, allow_all_gone=True)
                before, archive = (
                    archive,
                    archive.merge(scrape, seen_at=seen_at, allow_all_gone=True),
                )
                assert store.load() == archive
                assert [t for t, _, _ in store.scrapes()] == list(archive.scrapes)
                assert added == what_was_added(before, archive, seen_at)
                assert added.posts == len(scrape)


def what_was_added(
    before: Archive, after: Archive, seen_at: datetime.datetime
) -> bloglist.AddedScrape:
    """The oracle of ArchiveFile.add's result: what merging a scrape at
    *seen_at* into *before* changed, read off the two archives."""
    if after is before:  # the last scrape again, at its time: not recorded
        return bloglist.AddedScrape(
            new=0, changed=0, unchanged=len(before.present()), back=0, gone=0,
            recorded=False,
        )  # fmt: skip
    old = {entry.id: entry for entry in before.entries}
    new = edited = unchanged = back = gone = 0
    for entry in after.entries:
        was = old.get(entry.id)
        if was is None:
            new += 1
        elif entry.gone_since is None and entry.last_seen == seen_at:
            if len(entry.versions) > len(was.versions):
                edited += 1
            else:
                unchanged += 1
            back += was.gone_since is not None
        elif was.gone_since is None and entry.gone_since is not None:
            gone += 1
    return bloglist.AddedScrape(
        new=new, changed=edited, unchanged=unchanged, back=back, gone=gone
    )


# Titles close to one another (step 3 pairs them on one date), on two dates
# and none: the posts the file must look up again by date, after steps 1 and
# 2, to pair as merge does.
NEAR_TITLES = [
    "Hello world",
    "Hello world!",
    "Hello, world!",
    "Hello worlds",
    "Hallo world",
    "Goodbye",
]
NEAR_DATES = [datetime.date(2025, 3, 1), datetime.date(2025, 3, 2), None]
near_posts = st.builds(
    Post, title=st.sampled_from(NEAR_TITLES), date=st.sampled_from(NEAR_DATES)
)


def file_and_merge_steps(
    scrapes: list[list[Post]],
) -> Iterator[tuple[Archive, Archive]]:
    """After each of *scrapes* (a day apart): what a new file holds once it
    is added, and what merging them into an empty archive gives; a scrape
    that makes every post gone is added and merged too (the refusal of those
    is TestRefuseAllGone's)."""
    with tempfile.TemporaryDirectory() as directory:
        store = open_archive(Path(directory) / "blog.db")
        archive = Archive()
        for number, scrape in enumerate(scrapes):
            seen_at = T1 + datetime.timedelta(days=number)
            store.add(scrape, seen_at=seen_at, allow_all_gone=True)
            archive = archive.merge(scrape, seen_at=seen_at, allow_all_gone=True)
            yield store.load(), archive


def file_and_merge(scrapes: list[list[Post]]) -> tuple[Archive, Archive]:
    """What a new file holds after adding all of *scrapes*, and what merging
    them gives."""
    *_, last = file_and_merge_steps(scrapes)
    return last


class TestCloseTitles:
    @settings(max_examples=100)
    @given(
        st.lists(st.lists(near_posts, min_size=2, max_size=6), min_size=2, max_size=4)
    )
    def test_a_file_fed_close_titles_holds_what_merge_gives(
        self, scrapes: list[list[Post]]
    ) -> None:
        """Titles edited a little, on two dates and none: the file pairs every
        post as merge does, as ArchiveFile.add promises."""
        loaded, archive = file_and_merge(scrapes)
        assert loaded == archive

    def test_a_post_paired_by_a_close_title_is_looked_up_by_date(self) -> None:
        """A post the file pairs with a close title among the rows of its own
        title may pair otherwise among all posts of its date: the file still
        agrees with merge."""
        d1, d2 = datetime.date(2025, 3, 1), datetime.date(2025, 3, 2)
        scrapes = [
            [Post(title="Hello world", date=d2), Post(title="Hallo world", date=d1)],
            [
                Post(title="Hello, world!", date=d1),
                Post(title="Hello worlds", date=d2),
                Post(title="Hallo world", date=d2),
                Post(title="Goodbye", date=d2),
            ],
            [
                Post(title="Hallo world", date=d1),
                Post(title="Hallo world", date=d1),
                Post(title="Hello world", date=d1),
                Post(title="Hello world!", date=d2),
            ],
        ]
        loaded, archive = file_and_merge(scrapes)
        assert loaded == archive


class TestPostsOfOneDateAndTitle:
    def test_a_file_keeps_each_ones_id_when_one_is_deleted_or_pinned(
        self, path: Path
    ) -> None:
        """Two "Weekly links" of one day pair by excerpt and tags in the file
        too: the survivor of a deletion, and one pinned, keep their ids."""
        day = datetime.date(2025, 3, 5)
        web = Post(title="Weekly links", date=day, excerpt="web")
        ops = Post(title="Weekly links", date=day, excerpt="ops", tags=["Ops"])
        pinned = attrs.evolve(ops, sticky=True)
        store = open_archive(path)
        store.add([web, ops], seen_at=T1)
        ids = store.load().id_of(web), store.load().id_of(ops)
        store.add([pinned, web], seen_at=T2)
        store.add([pinned], seen_at=T3)
        loaded = store.load()
        assert (loaded.id_of(web), loaded.id_of(pinned)) == ids
        assert loaded.entry_of(web).gone_since == T3
        assert [v.post for v in loaded.entry_of(pinned).versions] == [ops, pinned]
        assert loaded == Archive().merge([web, ops], seen_at=T1).merge(
            [pinned, web], seen_at=T2
        ).merge([pinned], seen_at=T3)

    def test_titles_alike_pair_as_written_in_the_file_too(self, path: Path) -> None:
        """ "Weekly links" and "Weekly Links" of one day, alike in all else:
        moved, then one deleted, the file keeps each its id and history,
        as merge does (it pairs by the title column as written)."""
        day = datetime.date(2025, 3, 5)
        a, b = (
            Post(title="Weekly links", date=day),
            Post(title="Weekly Links", date=day),
        )
        store = open_archive(path)
        scrapes = (([a, b], T1), ([b, a], T2), ([b], T3))
        for posts, moment in scrapes:
            store.add(posts, seen_at=moment)
        expected = Archive()
        for posts, moment in scrapes:
            expected = expected.merge(posts, seen_at=moment)
        loaded = store.load()
        assert loaded == expected
        assert [v.post.title for v in loaded.entry_of(b).versions] == ["Weekly Links"]
        assert (loaded.entry_of(a).gone_since, loaded.entry_of(b).gone_since) == (
            T3,
            None,
        )


class TestPairedAsTheLastPage:
    """The file meets its present posts in the order of the last page, as
    merge does: the order it records in each scrape's ``shown``."""

    DAY = datetime.date(2025, 3, 7)

    def weekly(self, excerpt: str, tag: str = "Links", sticky: bool = False) -> Post:
        return Post(
            title="Weekly links",
            date=self.DAY,
            excerpt=excerpt,
            tags=[tag],
            sticky=sticky,
        )

    def test_posts_reordered_then_all_retagged_keep_their_own_history(self) -> None:
        w = self.weekly
        scrapes = [
            [w("one"), w("two")],
            [w("two"), w("one")],
            [w("two", "Reading"), w("one", "Reading")],
        ]
        loaded, archive = file_and_merge(scrapes)
        assert loaded == archive
        assert [[v.post.excerpt for v in e.versions] for e in loaded.entries] == [
            ["one", "one"],
            ["two", "two"],
        ]

    def test_the_same_scrape_again_changes_nothing_but_last_seen(
        self, path: Path
    ) -> None:
        older = Post(title="Older post", date=datetime.date(2025, 3, 1), excerpt="a")
        news = Post(title="Big news", date=datetime.date(2025, 3, 20), excerpt="x")
        pinned = attrs.evolve(news, sticky=True)
        store = open_archive(path)
        store.add([news, older], seen_at=T1)
        store.add([pinned, news, older], seen_at=T2)
        before = store.load()
        tables = self.tables(path)
        store.add([pinned, news, older], seen_at=T3)
        after = store.load()
        assert [e.versions for e in after.entries] == [
            e.versions for e in before.entries
        ]
        # The whole file, table by table (a check found the versions alone
        # compared): every column of every post as it was but last_seen, the
        # versions as they were, and one row more in scrapes, this one's.
        again = self.tables(path)
        assert again["versions"] == tables["versions"]
        assert len(tables["versions"]) == 3
        assert again["scrapes"][:-1] == tables["scrapes"]
        stamp = T3.isoformat(timespec="microseconds")
        assert again["scrapes"][-1][1:4] == (stamp, None, 3)
        last_seen = self.POST_COLUMNS.index("last_seen")
        for old, new in zip(tables["posts"], again["posts"], strict=True):
            assert new[last_seen] == stamp != old[last_seen]
            assert new[:last_seen] + new[last_seen + 1 :] == (
                old[:last_seen] + old[last_seen + 1 :]
            )

    def test_the_same_posts_in_another_order_at_its_time_are_recorded(
        self, path: Path
    ) -> None:
        """The last scrape's posts again at its time but in another order (the
        page moved them within the second) are a scrape of their own, as
        merge records it, with the new order: only the very same page is not
        recorded again."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        moved = [*SAMPLE[1:], SAMPLE[0]]
        added = store.add(moved, seen_at=T1)
        assert (added.recorded, added.unchanged) == (True, len(SAMPLE))
        assert [scrape.posts for scrape in store.scrapes()] == [12, 12]
        archive = store.load()
        assert archive == Archive().merge(SAMPLE, seen_at=T1).merge(moved, seen_at=T1)
        placed = {e.place: e.post for e in archive.entries if e.place is not None}
        assert [placed[place] for place in sorted(placed)] == moved

    POST_COLUMNS = (
        "id", "seq", "first_seen", "last_seen", "gone_since", "versions",
        "title", "date", "excerpt", "tags", "sticky", "match_title",
    )  # fmt: skip

    def tables(self, path: Path) -> dict[str, list[tuple[object, ...]]]:
        """Every row of the three tables, in the order of their keys."""
        with closing(sqlite3.connect(path)) as db:
            columns = [r[1] for r in db.execute("PRAGMA table_info(posts)")]
            assert tuple(columns) == self.POST_COLUMNS
            return {
                "posts": db.execute(
                    f"SELECT {', '.join(columns)} FROM posts ORDER BY id"
                ).fetchall(),
                "versions": db.execute(
                    "SELECT * FROM versions ORDER BY post_id, n"
                ).fetchall(),
                "scrapes": db.execute("SELECT * FROM scrapes ORDER BY id").fetchall(),
            }

    def test_the_last_scrape_again_at_its_time_writes_nothing(self, path: Path) -> None:
        """The same file added twice, as merge takes it: the file's bytes stay
        as they were, and a scrape that differs at that time is recorded."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1, source="a.txt")
        store.add(SAMPLE[2:], seen_at=T2, source="b.txt")
        before = path.read_bytes()
        store.add(list(SAMPLE[2:]), seen_at=T2, source="b.txt")
        assert path.read_bytes() == before
        assert [source for _, source, _ in store.scrapes()] == ["a.txt", "b.txt"]
        expected = Archive().merge(SAMPLE, seen_at=T1).merge(SAMPLE[2:], seen_at=T2)
        assert store.load() == expected
        store.add(SAMPLE[3:], seen_at=T2, source="c.txt")
        assert len(store.scrapes()) == 3
        assert store.load() == expected.merge(SAMPLE[3:], seen_at=T2)

    def test_each_scrape_records_its_posts_in_page_order(self, path: Path) -> None:
        one, two, three = Post(title="One"), Post(title="Two"), Post(title="Three")
        store = open_archive(path)
        store.add([one, two], seen_at=T1)
        store.add([three, two], seen_at=T2)
        with closing(sqlite3.connect(path)) as db:
            seq = dict(db.execute("SELECT title, seq FROM posts"))
            shown = [
                json.loads(text)
                for (text,) in db.execute("SELECT shown FROM scrapes ORDER BY id")
            ]
        assert shown == [[seq["One"], seq["Two"]], [seq["Three"], seq["Two"]]]
        places = {e.post.title: e.place for e in store.load().entries}
        assert places == {"One": None, "Two": 1, "Three": 0}

    @settings(max_examples=60)
    @given(
        st.lists(
            st.lists(
                st.builds(
                    Post,
                    title=st.just("Weekly links"),
                    date=st.just(DAY),
                    excerpt=st.sampled_from(["a", "b", "c"]),
                    tags=st.sampled_from([["Links"], ["Reading"]]),
                    sticky=st.booleans(),
                ),
                max_size=4,
            ),
            min_size=2,
            max_size=4,
        )
    )
    def test_a_file_fed_posts_of_one_date_and_title_holds_what_merge_gives(
        self, scrapes: list[list[Post]]
    ) -> None:
        for loaded, archive in file_and_merge_steps(scrapes):
            assert loaded == archive

    @pytest.mark.parametrize(
        ("shown", "problem"),
        [
            ("'[1, 2'", "scrape 1 has shown '[1, 2', not a JSON array of seq"),
            ("'{}'", "scrape 1 has shown '{}', not a JSON array of seq"),
            ("'[true]'", "scrape 1 has shown '[true]', not a JSON array of seq"),
            ("'[1.5]'", "scrape 1 has shown '[1.5]', not a JSON array of seq"),
            ("3", "scrape 1 has shown '3', not a JSON array of seq"),
            ("X'5b315d'", "scrape 1 has shown b'[1]', not a JSON array of seq"),
            ("'[1, 1]'", "scrape 1 shows a post twice: shown '[1, 1]'"),
        ],
    )
    def test_a_shown_bloglist_never_writes_is_damage(
        self, path: Path, shown: str, problem: str
    ) -> None:
        _damage(path, f"UPDATE scrapes SET shown = {shown};")
        expected = _load_refuses(path, problem)
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert str(adding.value) == expected

    # A text of a megabyte, in SQL: what a file from a stranger may hold.
    HUGE = "replace(hex(zeroblob(500000)), '0', 'x')"
    DIGITS = "replace(hex(zeroblob(500000)), '0', '1')"
    MANY_VERSIONS = (
        "WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k "
        "WHERE x < 5000) INSERT INTO versions SELECT v.post_id, v.n + 10 + k.x, "
        "v.seen_at, v.title, v.date, v.excerpt, v.tags, v.sticky "
        "FROM versions AS v, k WHERE v.rowid = 1"
    )
    HUGE_ID = (
        f"UPDATE versions SET post_id = {HUGE} WHERE post_id = "
        "(SELECT id FROM posts WHERE rowid = 1); "
        f"UPDATE posts SET id = {HUGE} WHERE rowid = 1"
    )

    def test_an_id_is_quoted_whole_up_to_100_characters(self, path: Path) -> None:
        """An id, to paste into a query of the file: whole up to 100
        characters (bloglist writes 45), cut short past them."""
        for length in (100, 101):
            post_id = "urn:" + "x" * (length - 4)
            path.unlink(missing_ok=True)
            _damage(
                path,
                f"UPDATE versions SET post_id = '{post_id}' WHERE post_id = "
                "(SELECT id FROM posts WHERE rowid = 1); "
                f"UPDATE posts SET id = '{post_id}', title = 'Other' WHERE rowid = 1;",
            )
            with pytest.raises(ArchiveError) as info:
                open_archive(path).load()
            whole = f"post {post_id!r} holds title 'Other'"
            assert (whole in str(info.value)) is (length == 100), str(info.value)

    @pytest.mark.parametrize(
        "change",
        [
            f"UPDATE scrapes SET shown = '[' || {HUGE} || ']'",
            f"UPDATE scrapes SET shown = '[' || {HUGE} || ', 1]'",
            f"UPDATE scrapes SET shown = '[1, 1' || {HUGE} || ']'",
            "UPDATE scrapes SET shown = '[' || replace(hex(zeroblob(2500)), '0', '9')"
            " || ']'",
            f"UPDATE scrapes SET seen_at = {HUGE}",
            f"UPDATE scrapes SET seen_at = '2025-03-05' || {HUGE}",
            f"UPDATE versions SET n = {HUGE} WHERE rowid = 1",
            f"UPDATE versions SET seen_at = {HUGE} WHERE rowid = 1",
            f"UPDATE posts SET seq = {HUGE} WHERE rowid = 1",
            f"UPDATE posts SET sticky = {HUGE} WHERE rowid = 1",
            f"UPDATE posts SET versions = {HUGE} WHERE rowid = 1",
            f"UPDATE posts SET first_seen = {HUGE} WHERE rowid = 1",
            # An id: quoted whole as bloglist writes it, to paste into a
            # query, but not past any length bloglist writes.
            f"UPDATE posts SET id = {HUGE} WHERE rowid = 1",
            f"UPDATE versions SET post_id = {HUGE} WHERE rowid = 1",
            "UPDATE posts SET id = zeroblob(1000000) WHERE rowid = 1",
            # Read whole by fromisoformat, which takes any number of digits
            # after the seconds' point.
            f"UPDATE scrapes SET seen_at = '2025-03-05T00:00:00.' || {DIGITS}",
            f"UPDATE scrapes SET seen_at = '2025-03-05T00:00:00.' || {DIGITS} "
            "|| '+00:00'",
            # JSON, but a post shown a million times.
            "UPDATE scrapes SET shown = '[' || "
            "replace(hex(zeroblob(200000)), '00', '1, ') || '1]'",
            f"UPDATE versions SET n = {HUGE}, seen_at = 'x' WHERE rowid = 1",
            # A post's versions numbered 1, then 12 to 5,011.
            f"{MANY_VERSIONS}; UPDATE posts SET versions = 5001 WHERE id = "
            "(SELECT post_id FROM versions WHERE rowid = 1)",
            # A post's id made huge in both tables, and then another fault
            # that names the post.
            f"{HUGE_ID}; UPDATE posts SET title = 'Other' WHERE rowid = 1",
            f"{HUGE_ID}; UPDATE posts SET first_seen = 'x' WHERE rowid = 1",
            f"{HUGE_ID}; UPDATE posts SET last_seen = "
            "'2030-01-01T00:00:00.000000+00:00' WHERE rowid = 1",
            f"{HUGE_ID}; DELETE FROM scrapes",
            "INSERT INTO versions SELECT "
            f"{HUGE}, n, seen_at, title, date, excerpt, tags, sticky "
            "FROM versions WHERE rowid = 1",
        ],
    )
    def test_a_huge_value_is_quoted_cut_short(self, path: Path, change: str) -> None:
        """A megabyte of text where the file holds a short value: the damage
        error quotes a few dozen characters of it, as every message quotes
        the input, not a line of a megabyte. The scrape added after it edits
        every post, so that add reads their versions too; it does not look
        for a post's versions under its id, and may not see such damage."""
        _damage(path, change + ";")
        errors = []
        with pytest.raises(ArchiveError, match="is damaged") as loading:
            open_archive(path).load()
        errors.append(str(loading.value))
        edited = [
            attrs.evolve(post, excerpt=post.excerpt + " (edited)") for post in SAMPLE
        ]
        try:
            open_archive(path).add(edited, seen_at=T2)
        except ArchiveError as exc:
            errors.append(str(exc))
        else:  # a row it does not read, or an id it has no versions to match
            assert "versions" in change or "SET id = r" in change
        for error in errors:
            assert "is damaged" in error
            assert len(error) < 400 + len(str(path)), error[:400]

    def test_a_seq_below_1_is_damage_to_load_and_add(self, path: Path) -> None:
        """bloglist numbers the posts from 1: seq 0 or below, with the
        scrape's shown made to match (so that only the seq is wrong), is
        damage to load and to add, which both name the post."""
        _damage(
            path,
            "UPDATE posts SET seq = -seq; UPDATE scrapes SET shown = "
            "(SELECT json_group_array(-value) FROM json_each(shown));",
        )
        with closing(sqlite3.connect(path)) as db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE seq = -1").fetchone()
        problem = "seq is a whole number from 1, not -1"
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        assert str(loading.value) == _damaged(path, f"post {post_id!r}: {problem}")
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert f"post {post_id!r}" in str(adding.value)
        assert "seq is a whole number from 1, not -" in str(adding.value)

    def test_pages_whose_last_scrape_shows_a_gone_post_are_refused(
        self, path: Path
    ) -> None:
        """add given pages reads the posts the last scrape showed: one of
        them gone is damage, as to load."""
        open_archive(path).add(SAMPLE[2:], seen_at=T1)
        open_archive(path).add(SAMPLE[:-2], seen_at=T2)
        with closing(sqlite3.connect(path)) as db, db:
            (gone,) = db.execute(
                "SELECT seq FROM posts WHERE gone_since IS NOT NULL"
            ).fetchone()
            db.execute("UPDATE scrapes SET shown = ? WHERE id = 2", (f"[{gone}]",))
        pages = [SAMPLE[:-2]]
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(SAMPLE[:-2], seen_at=T3, pages=pages)
        assert str(adding.value) == _damaged(
            path,
            f"the last scrape shows seq {gone}, which no post still on the page has",
        )

    @pytest.mark.parametrize("kind", ["no post", "a gone post"])
    def test_a_shown_that_names_no_post_on_the_page_is_damage_to_load(
        self, path: Path, kind: str
    ) -> None:
        """The last scrape's shown names the posts on the page: a seq that
        no post holds, or that a gone post holds, is damage to load, which
        reads every post, and to add, which would write a shown of its own
        over it and hide the damage: in the same words, the file unchanged."""
        open_archive(path).add(SAMPLE[2:], seen_at=T1)
        open_archive(path).add(SAMPLE[:-2], seen_at=T2)
        with closing(sqlite3.connect(path)) as db:
            (gone,) = db.execute(
                "SELECT seq FROM posts WHERE gone_since IS NOT NULL"
            ).fetchone()
            seq = 999 if kind == "no post" else gone
            with db:
                db.execute("UPDATE scrapes SET shown = ? WHERE id = 2", (f"[{seq}]",))
        expected = _load_refuses(
            path,
            f"the last scrape shows seq {seq}, which no post still on the page has",
        )
        _add_refuses(path, expected)

    @pytest.mark.parametrize("how", ["shown", "gone_since", "seq"])
    def test_a_post_on_the_page_that_the_last_scrape_leaves_out_is_damage(
        self, path: Path, how: str
    ) -> None:
        """add writes the last scrape's shown whole, so a post on the page
        (gone_since NULL) that it leaves out is damage to load, named by its
        id: the first of them in the archive's order. load used to give such
        posts no place, as if their order were not known. add refuses it in
        the same words, the file unchanged: it would write a shown of its own
        over the damage (marking gone a post put back on the page by hand, or
        showing a post whose seq was changed, as a new one). The post left
        out: by the shown, a gone post put back (gone_since), or a post given
        a seq no other has (seq; the shown then names a seq no post has,
        which is found first)."""
        open_archive(path).add(SAMPLE[1:], seen_at=T1)
        open_archive(path).add(SAMPLE[2:], seen_at=T2)
        with closing(sqlite3.connect(path)) as db:
            shown = json.loads(
                db.execute("SELECT shown FROM scrapes WHERE id = 2").fetchone()[0]
            )
            with db:
                if how == "shown":
                    left_out = shown[3:]
                    (first,) = db.execute(
                        "SELECT id FROM posts WHERE seq IN "
                        f"({','.join(map(str, left_out))}) ORDER BY seq DESC LIMIT 1"
                    ).fetchone()
                    db.execute(
                        "UPDATE scrapes SET shown = ? WHERE id = 2",
                        (json.dumps(shown[:3]),),
                    )
                elif how == "gone_since":
                    (first,) = db.execute(
                        "SELECT id FROM posts WHERE gone_since IS NOT NULL"
                    ).fetchone()
                    db.execute(
                        "UPDATE posts SET gone_since = NULL WHERE id = ?", (first,)
                    )
                else:
                    db.execute("UPDATE posts SET seq = 100 WHERE seq = ?", (shown[0],))
        if how == "seq":
            expected = _load_refuses(
                path,
                f"the last scrape shows seq {shown[0]}, which no post still on the "
                "page has",
            )
        else:
            expected = _load_refuses(
                path,
                f"post {first!r} is on the page (its gone_since is NULL), but the "
                "last scrape does not show it",
            )
        _add_refuses(path, expected)

    def test_a_shown_left_empty_leaves_the_places_unknown(self, path: Path) -> None:
        """A last scrape whose shown is the column's default, [] (a row
        written by hand), tells no post's place: load gives the posts on the
        page no place, as an Archive built by hand may, and refuses
        nothing."""
        _damage(path, "UPDATE scrapes SET shown = '[]';")
        archive = open_archive(path).load()
        assert list(archive.present()) == list(SAMPLE)
        assert {entry.place for entry in archive.entries} == {None}

    def test_a_shown_left_empty_pairs_the_present_posts_before_the_gone(
        self, path: Path
    ) -> None:
        """With the places unknown, add meets the posts on the page before
        the gone ones, as merge does: the post shown again unchanged pairs
        with the present post of its date and title, not with a gone one
        first seen before it (which was refused as pairing with no present
        post)."""
        post = bloglist.Post(title="Weekly links", date=datetime.date(2025, 3, 1))
        archive = open_archive(path)
        archive.add([post], seen_at=T1)
        archive.add([post, post], seen_at=T2)
        archive.add([post], seen_at=T3)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE scrapes SET shown = '[]' WHERE id = 3")
        before = archive.load()
        gone, present = before.entries
        assert (gone.gone_since, present.gone_since, present.place) == (T3, None, None)
        T4 = T3 + datetime.timedelta(days=1)
        added = archive.add([post], seen_at=T4)
        assert (added.unchanged, added.new, added.gone) == (1, 0, 0)
        after = archive.load()
        assert after == before.merge([post], seen_at=T4)
        assert [(e.id, e.gone_since, e.last_seen) for e in after.entries] == [
            (gone.id, T3, T2),
            (present.id, None, T4),
        ]


class TestALongLastScrape:
    def test_pages_after_a_last_scrape_of_600_posts_are_added(
        self, tmp_path: Path
    ) -> None:
        """The posts a last scrape showed are read in batches of the most
        SQLite takes in one query: 600 posts shown again, as one page, are
        600 unchanged posts, none missed between two batches."""
        posts = [bloglist.Post(title=f"Post {i}") for i in range(600)]
        archive = bloglist.open_archive(tmp_path / "blog.db")
        archive.add(posts, seen_at=T1)
        added = archive.add(posts, seen_at=T2, pages=[posts])
        assert (added.unchanged, added.new, added.gone) == (600, 0, 0)


class TestTitlesOfPostsGone:
    """Step 2 of the rule pairs a new post only with a present archived post
    in the file too, which holds gone_since in a column: as merge does."""

    SHIPPING = Post(title="Shipping search", date=datetime.date(2025, 3, 3))
    FASTER = Post(title="Faster builds", date=datetime.date(2025, 3, 10))
    MARCH = Post(title="Hiring update", date=datetime.date(2025, 3, 1), excerpt="three")
    APRIL = Post(title="Hiring update", date=datetime.date(2025, 4, 1), excerpt="two")

    def test_a_recurring_title_whose_last_post_scrolled_off_is_a_new_post(
        self, path: Path
    ) -> None:
        """The April "Hiring update", on a page of the newest posts after
        the March one scrolled off, is a new post with its own id and
        first_seen; the March one stays gone."""
        store = open_archive(path)
        store.add([self.SHIPPING, self.MARCH], seen_at=T1)
        store.add([self.FASTER, self.SHIPPING], seen_at=T2)
        store.add([self.APRIL, self.FASTER], seen_at=T3)
        loaded = store.load()
        assert len(loaded.entries) == 4
        april, march = loaded.entry_of(self.APRIL), loaded.entry_of(self.MARCH)
        assert (april.id, april.first_seen, april.gone_since) == (
            bloglist.post_id(self.APRIL),
            T3,
            None,
        )
        assert (march.id, march.last_seen, march.gone_since) == (
            bloglist.post_id(self.MARCH),
            T1,
            T2,
        )
        assert [v.post for v in march.versions] == [self.MARCH]
        assert list(loaded.new_since(T3)) == [self.APRIL]
        assert loaded == Archive().merge([self.SHIPPING, self.MARCH], seen_at=T1).merge(
            [self.FASTER, self.SHIPPING], seen_at=T2
        ).merge([self.APRIL, self.FASTER], seen_at=T3)

    @pytest.mark.parametrize(
        ("newer_gone", "corrected_date"),
        [(True, datetime.date(2025, 3, 2)), (False, datetime.date(2025, 4, 2))],
    )
    def test_a_date_corrected_on_the_page_keeps_its_id_beside_a_gone_twin(
        self, newer_gone: bool, corrected_date: datetime.date
    ) -> None:
        """Two posts of one title, one scrolls off (the newer or the older),
        the other's date is corrected: it keeps its id, in the file as in
        merge, since the title is found once among the present posts."""
        kept, gone = (
            (self.MARCH, self.APRIL) if newer_gone else (self.APRIL, self.MARCH)
        )
        corrected = attrs.evolve(kept, date=corrected_date)
        scrapes = [[self.APRIL, self.MARCH], [kept], [corrected]]
        loaded, archive = file_and_merge(scrapes)
        assert loaded == archive and len(loaded.entries) == 2
        entry = loaded.entry_of(corrected)
        assert (entry.id, entry.first_seen, entry.gone_since) == (
            bloglist.post_id(kept),
            T1,
            None,
        )
        assert [v.post for v in entry.versions] == [kept, corrected]
        assert loaded.entry_of(gone).gone_since == T2

    def test_a_gone_post_back_with_another_date_is_a_new_post(self) -> None:
        """A post out of sight whose date was corrected meanwhile comes back
        as a new post, in the file as in merge."""
        corrected = attrs.evolve(self.MARCH, date=datetime.date(2025, 3, 2))
        scrapes = [[self.FASTER, self.MARCH], [self.FASTER], [self.FASTER, corrected]]
        loaded, archive = file_and_merge(scrapes)
        assert loaded == archive and len(loaded.entries) == 3
        assert loaded.entry_of(corrected).first_seen == T3
        assert loaded.entry_of(self.MARCH).gone_since == T2


class TestTitlesTheFileLooksUp:
    @pytest.mark.parametrize("date", [None, datetime.date(2025, 3, 1)])
    def test_a_title_holding_nul_is_found_again(
        self, path: Path, date: datetime.date | None
    ) -> None:
        """A post whose title holds NUL, seen again (with its date changed,
        if it has one), is the same archived post, as merge makes it: not
        gone and added again with a new id on every scrape."""
        first = Post(title="Hello\x00World", excerpt="x", date=date)
        again = (
            first
            if date is None
            else attrs.evolve(first, date=datetime.date(2025, 3, 2))
        )
        store = open_archive(path)
        store.add([first], seen_at=T1)
        store.add([again], seen_at=T2)
        archive = Archive().merge([first], seen_at=T1).merge([again], seen_at=T2)
        loaded = store.load()
        assert loaded == archive and len(loaded.entries) == 1
        assert loaded.entries[0].gone_since is None

    def test_a_scrape_of_more_titles_than_one_statement_binds(self, path: Path) -> None:
        """1,201 distinct titles, looked up in several statements: the file
        still pairs every post as merge does, in the archive's order."""
        posts = [
            Post(
                title=f"Post {n}",
                date=datetime.date(2025, 1, 1) + datetime.timedelta(n % 40),
            )
            for n in range(1201)
        ]
        edited = [
            attrs.evolve(p, excerpt="new") if n % 7 == 0 else p
            for n, p in enumerate(posts)
        ]
        scrapes = [(posts[:900], T1), (posts[300:], T2), (edited[::-1], T3)]
        store = open_archive(path)
        archive = Archive()
        for scrape, seen_at in scrapes:
            store.add(scrape, seen_at=seen_at)
            archive = archive.merge(scrape, seen_at=seen_at)
        assert store.load() == archive and len(archive.entries) == 1201

    def test_undated_posts_of_more_titles_than_one_statement_binds(
        self, path: Path
    ) -> None:
        """600 undated posts of distinct titles, seen twice: each is the same
        post again, none gone and added back, as merge gives. Undated posts
        are found by their title alone, not by their date."""
        posts = [Post(title=f"Post number {n}") for n in range(600)]
        store = open_archive(path)
        store.add(posts, seen_at=T1)
        store.add(posts, seen_at=T2)
        archive = Archive().merge(posts, seen_at=T1).merge(posts, seen_at=T2)
        loaded = store.load()
        assert len(loaded.entries) == len(posts)
        assert list(loaded.gone()) == []
        assert sorted(entry.post.title for entry in loaded.entries) == sorted(
            post.title for post in posts
        )
        assert loaded == archive


class TestSchema:
    @pytest.mark.parametrize("hidden", ["\xad", "\u200b", "\u2060", "\ufeff"])
    def test_an_archive_of_version_1_is_upgraded_by_its_next_add(
        self, path: Path, hidden: str
    ) -> None:
        """Version 1 stored match_title before the matching rule dropped the
        characters that show as nothing. The next add makes it again, in its
        transaction, and raises the version: an undated post whose title
        holds a soft hyphen is the same post, not a new one beside a gone
        one, as Archive.merge pairs it."""
        page = Listing(
            [
                Post(title=f"Real{hidden}time search", excerpt="Words."),
                Post(title="Other post", excerpt="More words."),
            ]
        )
        store = open_archive(path)
        store.add(page, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            # As version 1 wrote it: the title's normal form with the character.
            db.execute(
                "UPDATE posts SET match_title = ? WHERE title = ?",
                (f"real{hidden}time search", page[0].title),
            )
            db.execute("PRAGMA user_version = 1")
        before = store.load()
        added = store.add(page, seen_at=T2)
        assert (added.new, added.unchanged, added.gone) == (0, 2, 0)
        assert store.load() == before.merge(page, seen_at=T2)
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA user_version").fetchone() == (2,)
            assert db.execute(
                "SELECT match_title FROM posts WHERE title = ?", (page[0].title,)
            ).fetchone() == ("realtime search",)

    def test_the_upgrade_refuses_a_damaged_title_and_changes_nothing(
        self, path: Path
    ) -> None:
        """A version 1 file whose title is not text (bytes written by hand) is
        damage to the upgrade as to add and load: the post is named, nothing
        is written, the version stays 1."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE posts SET title = X'00' WHERE seq = 1")
            db.execute("PRAGMA user_version = 1")
            (post_id,) = db.execute("SELECT id FROM posts WHERE seq = 1").fetchone()
        with pytest.raises(ArchiveError) as info:
            store.add(SAMPLE, seen_at=T2)
        assert f"post {post_id!r}: a title is text, not bytes" in str(info.value)
        assert "is damaged" in str(info.value)
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA user_version").fetchone() == (1,)
            assert db.execute("SELECT count(*) FROM scrapes").fetchone() == (1,)

    def test_an_archive_of_version_1_is_read_as_it_is(self, path: Path) -> None:
        """Reading needs no upgrade: load and scrapes read a version 1 file,
        and leave it at version 1."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("PRAGMA user_version = 1")
        assert store.load().listing == SAMPLE
        assert len(store.scrapes()) == 1
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA user_version").fetchone() == (1,)

    def test_the_tables_read_with_plain_sqlite3(self, path: Path) -> None:
        """Anyone can query posts, versions and scrapes; the version is in user_version."""
        edited = [attrs.evolve(SAMPLE[0], excerpt="Rewritten."), *SAMPLE[1:]]
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1, source="day1.txt")
        store.add(Listing(edited), seen_at=T2, source="day2.txt")
        with closing(sqlite3.connect(path)) as db, db:
            assert db.execute("PRAGMA user_version").fetchone() == (2,)
            rows = db.execute(
                "SELECT p.title, count(*) FROM posts p JOIN versions v "
                "ON v.post_id = p.id GROUP BY p.id HAVING count(*) > 1"
            ).fetchall()
            assert rows == [(edited[0].title, 2)]
            scrapes = db.execute("SELECT id, seen_at, source, posts FROM scrapes")
            assert scrapes.fetchall() == [
                (1, "2025-03-05T08:00:00.000000+00:00", "day1.txt", len(SAMPLE)),
                (2, "2025-03-06T08:00:00.000000+00:00", "day2.txt", len(SAMPLE)),
            ]
            tags = db.execute("SELECT tags FROM versions WHERE n = 1 LIMIT 1")
            assert json.loads(tags.fetchone()[0]) == list(SAMPLE[0].tags)

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.lists(
                st.text(st.characters(codec="utf-8"), min_size=1, max_size=6)
                | st.sampled_from(['"', "\\", "\x00", "\x1f", "\x7f", "\u2028", "é"]),
                max_size=4,
            ),
            min_size=1,
            max_size=4,
        )
    )
    def test_the_tags_column_is_json_as_the_docs_write_it(
        self, tag_lists: list[list[str]]
    ) -> None:
        """The tags column of posts and versions is json.dumps(tags,
        ensure_ascii=False), which add also asks of what it reads: any tag
        list, escapes included, is written so, and a second add reads it
        back as it was written."""
        posts = [Post(title=f"Post {i}", tags=tags) for i, tags in enumerate(tag_lists)]
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "blog.db")
            open_archive(path).add(posts, seen_at=T1)
            open_archive(path).add(posts[:1], seen_at=T2)
            with closing(sqlite3.connect(path)) as db, db:
                for table in ("posts", "versions"):
                    written = dict(db.execute(f"SELECT title, tags FROM {table}"))
                    assert written == {
                        post.title: json.dumps(list(post.tags), ensure_ascii=False)
                        for post in posts
                    }
            assert [p.tags for p in open_archive(path).load().listing] == [
                p.tags for p in posts
            ]


class TestBadFiles:
    def test_a_file_that_is_not_sqlite(self, path: Path) -> None:
        """A text file is refused with a message that says what it is not."""
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        before = path.read_bytes()
        with pytest.raises(
            ArchiveError, match="not an archive: it is not an SQLite"
        ) as info:
            open_archive(path)
        assert info.value.code == "not-an-archive"
        with pytest.raises(ArchiveError, match="not an SQLite") as info:
            _store.ArchiveFile(str(path)).load()
        assert info.value.code == "not-an-archive"
        assert path.read_bytes() == before

    def test_another_sqlite_database(self, path: Path) -> None:
        """A database of some other program is refused and left alone."""
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("CREATE TABLE posts (x)")
        before = path.read_bytes()
        with pytest.raises(
            ArchiveError, match="not a bloglist archive: it is another"
        ) as info:
            open_archive(path).add(SAMPLE, seen_at=T1)
        assert info.value.code == "not-an-archive"
        assert path.read_bytes() == before

    def test_a_damaged_file(self, path: Path) -> None:
        """An archive whose pages were overwritten is reported as damaged."""
        open_archive(path).add(big_listing(300), seen_at=T1)
        data = bytearray(path.read_bytes())
        data[4096 : len(data)] = b"\xff" * (len(data) - 4096)
        path.write_bytes(bytes(data))
        with pytest.raises(ArchiveError, match="is damaged") as info:
            open_archive(path).load()
        assert info.value.code == "damaged"

    def test_a_header_that_asks_for_a_newer_format_to_write_it(
        self, path: Path
    ) -> None:
        """Byte 18 of the header, the file format version needed to write the
        file, made 3: SQLite reads the file but opens it read-only. add says
        so, and why, rather than that the file or its directory is read-only
        (they are not); the file is left as it was, and still loads."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        data = bytearray(path.read_bytes())
        data[18] = 3
        path.write_bytes(bytes(data))
        with pytest.raises(ArchiveError) as info:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert (str(info.value), info.value.code) == (
            f"cannot write {path}: SQLite opens it read-only, as its header asks "
            "for a file format version 3 to write it (byte 18), newer than "
            "SQLite's 1 and 2: damage, or a newer SQLite's doing; nothing was "
            "changed",
            "read-only",
        )
        assert path.read_bytes() == data
        assert open_archive(path).load().listing == SAMPLE

    def test_a_schema_damaged_into_bytes_that_are_not_utf8(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A byte of the schema's text damaged into one that is not UTF-8
        makes SQLite's message quote it, which the sqlite3 module cannot
        decode: every call, and the command, still says the file is
        damaged, and leaves it as it was."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        data = bytearray(path.read_bytes())
        at = data.index(b"gone_since IS NULL")
        data[at + 8] = 0xC4  # gone_sin\xc4e
        path.write_bytes(bytes(data))
        calls: dict[str, Callable[[], object]] = {
            "load": lambda: _store.ArchiveFile(str(path)).load(),
            "scrapes": lambda: _store.ArchiveFile(str(path)).scrapes(),
            "known_tags": lambda: _store.ArchiveFile(str(path)).known_tags(),
            "add": lambda: _store.ArchiveFile(str(path)).add(SAMPLE, seen_at=T2),
            "open_archive": lambda: open_archive(path, create=False),
        }
        for name, call in calls.items():
            with pytest.raises(ArchiveError) as info:
                call()
            assert info.value.code == "damaged", name
            # SQLite's words, the damaged byte made U+FFFD.
            message = str(info.value)
            assert message.startswith(f"{path} is damaged ("), name
            assert "gone_sin\ufffde" in message, name
            assert message.endswith("); restore it from a backup"), name
            assert path.read_bytes() == data, name
        for action in ("show", "feed"):
            assert main(["archive", action, str(path)]) == 2
            assert capsys.readouterr().err == f"bloglist: error: {message}\n"

    @pytest.mark.parametrize(
        "change",
        [
            "UPDATE versions SET seen_at = 'garbage'",
            "UPDATE versions SET seen_at = x'00'",  # a blob, not text
            "UPDATE versions SET tags = x'5b5d'",
            "UPDATE versions SET date = '2024-W01-1'",  # ISO, but not as written
            "UPDATE versions SET tags = 'not json'",
            "UPDATE versions SET tags = '\"abc\"'",  # a string, not a list
            "UPDATE versions SET tags = '{\"a\": 1}'",
            "UPDATE versions SET tags = '[1]'",
            "UPDATE versions SET tags = '" + "[" * 100_000 + "'",
            "UPDATE versions SET title = x'ff00'",
            "UPDATE versions SET date = '2025-02-30'",
            "UPDATE versions SET date = x'3230'",  # a blob, not text
            "UPDATE versions SET sticky = 'yes'",
            "UPDATE versions SET sticky = 7",
            "DELETE FROM versions",
            "UPDATE posts SET first_seen = '2025-03-05T08:00:00'",  # no offset
            "UPDATE scrapes SET seen_at = 'x'",
            # The archive's order, which add refuses too.
            "UPDATE posts SET seq = seq + 0.5",
            "UPDATE posts SET seq = 'x' || seq",
            "UPDATE posts SET seq = -seq",  # bloglist numbers them from 1
            "UPDATE posts SET seq = seq - (SELECT max(seq) FROM posts)",
            # The posts row, a copy of its latest version, which add compares
            # with a scrape's posts: load refuses what add would.
            "UPDATE posts SET date = 'junk'",
            "UPDATE posts SET date = NULL WHERE date IS NOT NULL",
            "UPDATE posts SET tags = 'not json'",
            "UPDATE posts SET tags = '[ \"x\" ]'",  # JSON, but not as written
            "UPDATE posts SET sticky = 7",
            "UPDATE posts SET sticky = 1 - sticky",
            "UPDATE posts SET excerpt = x'ff'",
            "UPDATE posts SET title = title || '!' WHERE rowid = 2",
            "UPDATE posts SET versions = 99",
            "UPDATE posts SET versions = 'many'",
            # Versions: of no post, numbered other than 1, 2, 3..., or with
            # tags not as bloglist writes them.
            "INSERT INTO versions SELECT 'no-such-post', 1, seen_at, title, "
            "date, excerpt, tags, sticky FROM versions LIMIT 1",
            "UPDATE versions SET n = 1.5",
            "UPDATE versions SET n = 'one'",
            "UPDATE versions SET n = 2 WHERE rowid = 1",
            "UPDATE versions SET tags = '[ \"x\" ]'",
        ],
    )
    def test_values_bloglist_never_writes_are_damage(
        self, path: Path, change: str
    ) -> None:
        """A file whose rows hold what bloglist never writes (edited by hand,
        or crafted) is an ArchiveError saying it is damaged: never another
        exception, never posts read wrong (tags '"abc"' as a, b, c)."""
        _damage(path, change)
        with pytest.raises(ArchiveError, match=r"is damaged \(it holds what") as info:
            open_archive(path).load()
        assert info.value.code == "damaged"

    def test_a_scrape_numbered_at_sqlites_largest_id_stops_an_add(
        self, path: Path
    ) -> None:
        """A last scrape whose id is SQLite's largest integer (edited by
        hand; bloglist numbers scrapes 1, 2, 3...): an add says the file is
        damaged and writes nothing. It used to add, and SQLite numbered the
        new scrape at random, below that one: a file that load then refused,
        its scrapes out of order."""
        _damage(path, f"UPDATE scrapes SET id = {2**63 - 1}")
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T1)
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as caught:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert str(caught.value) == _damaged(
            path,
            f"scrape {2**63 - 1} has the largest id SQLite keeps, after which "
            "no scrape can be numbered",
        )
        assert caught.value.code == "damaged"
        assert path.read_bytes() == before

    def test_a_seq_at_sqlites_largest_integer_stops_an_add_of_new_posts(
        self, path: Path
    ) -> None:
        """A post numbered at SQLite's largest integer (edited by hand): an
        add of new posts, which take the seqs above it, says the file is
        damaged in words of its own and writes nothing. It said Python's
        "OverflowError: Python int too large to convert to SQLite INTEGER"."""
        _damage(path, _renumbered_sql(2**63 - 1))
        before = path.read_bytes()
        fresh = Post(title="A new post", date=SAMPLE[0].date, excerpt="x")
        with pytest.raises(ArchiveError) as caught:
            open_archive(path).add([fresh, *SAMPLE], seen_at=T2)
        assert str(caught.value) == _damaged(
            path,
            f"a post's seq is {2**63 - 1}: the seqs of the scrape's new posts "
            "would pass the largest integer SQLite keeps",
        )
        assert path.read_bytes() == before

    def test_new_posts_may_take_seqs_up_to_sqlites_largest_integer(
        self, path: Path
    ) -> None:
        """One below SQLite's largest integer (edited by hand), a post leaves
        room for one new post, numbered at the largest integer itself: the
        add is made, not refused as damage."""
        _damage(path, _renumbered_sql(2**63 - 2))
        fresh = Post(title="A new post", date=SAMPLE[0].date, excerpt="x")
        added = open_archive(path).add([fresh, *SAMPLE], seen_at=T2)
        assert (added.new, added.unchanged) == (1, len(SAMPLE))
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("SELECT max(seq) FROM posts").fetchone() == (2**63 - 1,)
        assert open_archive(path).load().entries[0].post == fresh

    @pytest.mark.parametrize("table", ["posts", "versions"])
    def test_text_that_is_not_utf8_is_damage(self, path: Path, table: str) -> None:
        """A text column holding bytes that are not UTF-8 (which the sqlite3
        module cannot read as text) is damage to load and add alike, naming
        the row and the column, rather than a failure to read the file; add
        writes nothing."""
        _damage(path, f"UPDATE {table} SET excerpt = CAST(x'ff' AS TEXT)")
        before = path.read_bytes()
        with closing(sqlite3.connect(path)) as db:
            (first,) = db.execute(
                "SELECT id FROM posts ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        row = "post" if table == "posts" else "a version of post"
        said = (
            f"{path} is damaged (it holds what bloglist never writes: {row} "
            f"{first!r}: Could not decode to UTF-8 column 'excerpt'"
        )
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        assert str(loading.value).startswith(said), str(loading.value)
        assert str(loading.value).endswith("; restore it from a backup")
        if table == "posts":  # add reads the posts rows, not the versions
            with pytest.raises(ArchiveError) as adding:
                open_archive(path).add(SAMPLE, seen_at=T2)
            assert str(adding.value) == str(loading.value)
        assert path.read_bytes() == before

    def test_a_first_version_seen_after_the_post_is_damage(self, path: Path) -> None:
        """A version's time that another row contradicts (the first version
        seen at the second scrape, of a post first seen at the first) is
        refused by load, as the value it would make is."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        open_archive(path).add(SAMPLE, seen_at=T2)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(
                "UPDATE versions SET seen_at = (SELECT seen_at FROM scrapes "
                "WHERE id = 2) WHERE rowid = 2"
            )
            (post_id,) = db.execute(
                "SELECT post_id FROM versions WHERE rowid = 2"
            ).fetchone()
        _load_refuses(
            path,
            f"post {post_id!r}: an archived post was first seen at "
            f"{T1.isoformat()}, but its first version at {T2.isoformat()}, "
            "not the same time",
        )

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                "UPDATE posts SET date = '2025-01-01' WHERE rowid = 2",
                "holds date '2025-01-01' in posts, and '2025-03-25' in its latest",
            ),
            (
                "UPDATE posts SET title = x'41' WHERE rowid = 2",
                "holds title b'A' in posts, and 'Scaling Our Event Pipeline",
            ),
            (
                "UPDATE posts SET sticky = 1 - sticky WHERE rowid = 2",
                "holds sticky 0 in posts, and 1 in its latest version",
            ),
            # Two columns edited: the first of the row's is named.
            (
                "UPDATE posts SET excerpt = 'y', title = 'Edited' WHERE rowid = 2",
                "holds title 'Edited' in posts, and 'Scaling Our Event Pipeline",
            ),
            ("UPDATE posts SET versions = 2 WHERE rowid = 2", "counts 2 versions, not"),
            (
                "UPDATE versions SET post_id = 'gone' WHERE rowid = 2; "
                "INSERT INTO versions SELECT id, 1, first_seen, title, date, "
                "excerpt, tags, sticky FROM posts WHERE rowid = 2",
                "versions of post 'gone', which is not in posts",
            ),
            (
                "UPDATE versions SET n = 3 WHERE rowid = 2",
                "are numbered [3], not 1, 2, 3...",
            ),
            ("UPDATE versions SET n = 1.5 WHERE rowid = 2", "version 1.5 of post"),
            (
                "UPDATE versions SET post_id = x'41', seen_at = 'x' WHERE rowid = 2",
                "version 1 of post b'A': time 'x' is not an ISO 8601 time",
            ),
        ],
    )
    def test_load_names_the_row_that_differs(
        self, path: Path, change: str, message: str
    ) -> None:
        """The message of a posts row unlike its latest version, or of
        versions that no post has or that are misnumbered, says which."""
        _damage(path, change)
        with pytest.raises(ArchiveError) as info:
            open_archive(path).load()
        assert str(info.value).startswith(f"{path} is damaged (it holds what")
        assert message in str(info.value)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            # A posts row deleted: its versions are of a post not in posts,
            # and add would give the scrape's post its id again.
            (
                "DELETE FROM posts WHERE rowid = 2",
                "versions of post {id!r}, which is not in posts",
            ),
            (
                "UPDATE posts SET id = NULL WHERE rowid = 2",
                "a post's id is text, not NULL",
            ),
            (
                "UPDATE posts SET id = x'41' WHERE rowid = 2",
                "a post's id is text, not b'A'",
            ),
        ],
    )
    def test_rows_edited_by_hand_are_damage_to_add_and_load_alike(
        self, path: Path, change: str, message: str
    ) -> None:
        """A posts row deleted, or its id made NULL or a blob: add and load
        both say the file is damaged, what is wrong and the id whole (to
        paste into SQL), and add writes nothing. add used to fail with
        SQLite's words ("cannot write ...: UNIQUE constraint failed:
        versions.post_id, versions.n", "NOT NULL constraint failed"), and
        load with "KeyError: None"."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE rowid = 2").fetchone()
            db.execute(change)
        before = path.read_bytes()
        expected = _load_refuses(path, message.format(id=post_id))
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert str(adding.value) == expected
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        ("change", "kind", "row", "problem"),
        [
            (
                "UPDATE posts SET first_seen = '0001-01-01T00:00:00.000000+01:00'",
                "OverflowError",
                "post {id!r}",
                "date value out of range",
            ),
            (
                "UPDATE versions SET title = X'41'",
                "TypeError",
                "version 1 of post {id!r}",
                "title must be a str, not bytes",
            ),
        ],
    )
    def test_a_damaged_row_keeps_the_kind_of_its_error(
        self, path: Path, change: str, kind: str, row: str, problem: str
    ) -> None:
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE seq = 5").fetchone()
            key = "post_id" if "versions" in change else "id"
            db.execute(f"{change} WHERE {key} = ?", (post_id,))
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        assert f"never writes: {kind}: {row.format(id=post_id)}: {problem}" in str(
            loading.value
        )

    @pytest.mark.parametrize(
        ("change", "row", "problem"),
        [
            (
                "UPDATE posts SET tags = '[1]'",
                "post {id!r}",
                "tags '[1]' are not a JSON array of strings",
            ),
            (
                "UPDATE versions SET tags = '[1]'",
                "version 1 of post {id!r}",
                "tags '[1]' are not a JSON array of strings",
            ),
            # The wording review: tags that are no JSON at all were said in
            # json's words ("Expecting value: line 1 column 1 (char 0)"),
            # read as a place in the file.
            (
                "UPDATE posts SET tags = 'not json'",
                "post {id!r}",
                "tags 'not json' are not a JSON array of strings",
            ),
            (
                "UPDATE posts SET gone_since = '2001-01-01T00:00:00.000000+00:00'",
                "post {id!r}",
                "gone_since 2001-01-01T00:00:00+00:00 is before last_seen "
                "2025-03-05T08:00:00+00:00",
            ),
            # A date of the right shape that is no day: the value quoted.
            (
                "UPDATE posts SET date = '2025-02-30'",
                "post {id!r}",
                "date '2025-02-30' is no day: day is out of range for month",
            ),
            (
                "UPDATE versions SET date = '2025-02-30'",
                "version 1 of post {id!r}",
                "date '2025-02-30' is no day: day is out of range for month",
            ),
        ],
    )
    def test_a_damaged_row_is_named(
        self, path: Path, change: str, row: str, problem: str
    ) -> None:
        """A value bloglist never writes, in a post's row or one of its
        versions: the message names the post's id (and the version), by
        which the row is found in the file."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE seq = 5").fetchone()
            table = change.split()[1]
            key = "post_id" if table == "versions" else "id"
            db.execute(f"{change} WHERE {key} = ?", (post_id,))
        _load_refuses(path, f"{row.format(id=post_id)}: {problem}")

    @pytest.mark.parametrize(
        ("change", "time"),
        [
            ("UPDATE scrapes SET seen_at = '{}'", "2025-03-05 09:00+01:00"),
            ("UPDATE posts SET first_seen = '{}'", "2025-03-05T08:00Z"),
            ("UPDATE posts SET last_seen = '{}'", "2025-03-05T08:00:00+00:00"),
            ("UPDATE versions SET seen_at = '{}'", "2025-03-05T08:00:00.000000Z"),
        ],
    )
    def test_times_in_another_spelling_are_damage(
        self, path: Path, change: str, time: str
    ) -> None:
        """A time written by hand in another ISO spelling (a space for the T,
        Z, no microseconds), which would not sort as text among the others:
        load, and add (the times it reads), refuse it as the schema's docs
        say, naming the spelling bloglist writes. Both used to take it."""
        _damage(path, change.format(time))
        expected = (
            f"{path} is damaged (it holds what bloglist never writes: "
            f"ValueError: time {time!r} is not as bloglist writes it (in UTC "
            "with microseconds: '2025-03-05T08:00:00.000000+00:00')); restore "
            "it from a backup"
        )
        # A post's or a version's time names its row (every row holds it
        # here: the first read is named); a scrape's time is one of a list.
        row = {
            "scrapes": "",
            "posts": "post 'ID': ",
            "versions": "version 1 of post 'ID': ",
        }
        expected = expected.replace(
            "ValueError: ", f"ValueError: {row[change.split()[1]]}"
        )

        def named(error: ArchiveError) -> str:
            return re.sub(r"'urn:uuid:[0-9a-f-]{36}'", "'ID'", str(error))

        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        assert named(loading.value) == expected
        if "versions" not in change:  # add reads no version's time
            before = path.read_bytes()
            with pytest.raises(ArchiveError) as adding:
                open_archive(path).add(SAMPLE, seen_at=T2)
            assert named(adding.value) == expected
            assert path.read_bytes() == before

    def test_a_post_with_no_versions_left(self, path: Path) -> None:
        """A posts row whose versions were deleted: load says which post has
        none, with its id whole, not "KeyError: 'urn:uuid:83d1…'"."""
        _damage(path, "DELETE FROM versions WHERE post_id IN (SELECT id FROM posts)")
        with closing(sqlite3.connect(path)) as db:
            (post_id,) = db.execute(
                "SELECT id FROM posts ORDER BY seq DESC LIMIT 1"
            ).fetchone()
        _load_refuses(path, f"post {post_id!r} has no versions")

    def test_a_kept_interrupt_of_a_load_keeps_no_lock(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C while load reads its rows (here raised where the reader of
        rows collects the young generation, between two batches): the
        interrupt, kept as an interactive session keeps it, holds no lock on
        the file, and the collector is back on."""
        open_archive(path).add(SAMPLE, seen_at=T1)

        def interrupting() -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(bloglist._store, "BATCH", 5)
        monkeypatch.setattr(bloglist._store, "collect_batch", interrupting)
        gc.enable()
        kept = []
        with pytest.raises(KeyboardInterrupt) as stopped:
            open_archive(path).load()
        kept.append(stopped.value)
        assert gc.isenabled()
        monkeypatch.undo()
        open_archive(path, timeout=0).add(SAMPLE[1:], seen_at=T2)
        assert len(open_archive(path).scrapes()) == 2

    def test_two_equal_versions_in_a_row_are_damage(self, path: Path) -> None:
        """A file whose post has two versions in a row that are the same post
        (its second version written back to its first, and the posts row
        with it) is damage to load, which names the post: add never writes
        a version of a post that did not change."""
        edited = [attrs.evolve(SAMPLE[0], excerpt="Edited."), *SAMPLE[1:]]
        open_archive(path).add(SAMPLE, seen_at=T1)
        open_archive(path).add(edited, seen_at=T2)
        with closing(sqlite3.connect(path)) as db, db:
            (post_id,) = db.execute(
                "SELECT post_id FROM versions WHERE n = 2"
            ).fetchone()
            db.execute(
                "UPDATE versions SET excerpt = ? WHERE post_id = ? AND n = 2",
                (SAMPLE[0].excerpt, post_id),
            )
            db.execute(
                "UPDATE posts SET excerpt = ? WHERE id = ?",
                (SAMPLE[0].excerpt, post_id),
            )
        _load_refuses(
            path,
            f"post {post_id!r}: an archived post's versions 1 and 2 are the "
            "same post: a version is kept only when the post changed",
        )

    @pytest.mark.parametrize(
        ("column", "value", "problem"),
        [
            ("title", "X'41'", "title must be a str, not bytes"),
            ("excerpt", "X'41'", "excerpt must be a str, not bytes"),
            ("sticky", "7", "sticky is 0 or 1, not 7"),
            ("tags", "'[ \"News\"]'", "tags '[ \"News\"]' are not as bloglist writes"),
            ("date", "'2025-02-30'", "date '2025-02-30' is no day"),
        ],
    )
    def test_an_older_version_is_read_as_the_latest_is(
        self, path: Path, column: str, value: str, problem: str
    ) -> None:
        """A version row that is not its post's latest is checked by load as
        the posts row is, though no posts row repeats it: each column as
        bloglist writes it, or damage naming the version."""
        edited = [attrs.evolve(SAMPLE[0], excerpt="Edited."), *SAMPLE[1:]]
        open_archive(path).add(SAMPLE, seen_at=T1)
        open_archive(path).add(edited, seen_at=T2)
        with closing(sqlite3.connect(path)) as db, db:
            (post_id,) = db.execute(
                "SELECT post_id FROM versions WHERE n = 2"
            ).fetchone()
            (was,) = db.execute(
                f"SELECT {column} FROM versions WHERE post_id = ? AND n = 1",
                (post_id,),
            ).fetchone()
            db.execute(
                f"UPDATE versions SET {column} = {value} WHERE post_id = ? AND n = 1",
                (post_id,),
            )
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        message = str(loading.value)
        assert f"version 1 of post {post_id!r}: " in message
        assert problem in message
        # Undamaged, every post load builds is one built by hand: no line.
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(
                f"UPDATE versions SET {column} = ? WHERE post_id = ? AND n = 1",
                (was, post_id),
            )
        archive = open_archive(path).load()
        (entry,) = [e for e in archive.entries if e.id == post_id]
        assert [version.post for version in entry.versions] == [SAMPLE[0], edited[0]]
        assert all(
            version.post.lineno is None
            for entry in archive.entries
            for version in entry.versions
        )

    @pytest.mark.parametrize(
        ("change", "problem"),
        [
            ("DELETE FROM versions WHERE post_id = {id}", "post {id} has no versions"),
            (
                "UPDATE versions SET seen_at = 'junk' WHERE post_id = {id}",
                "time 'junk' is not an ISO 8601 time",
            ),
            # Refused by SQLite's fetch itself, inside the reading of rows.
            (
                "UPDATE posts SET excerpt = CAST(X'ff' AS TEXT) WHERE id = {id}",
                "Could not decode to UTF-8 column 'excerpt'",
            ),
            (
                "UPDATE versions SET excerpt = CAST(X'ff' AS TEXT) "
                "WHERE post_id = {id}",
                "Could not decode to UTF-8 column 'excerpt'",
            ),
        ],
        ids=["posts read", "versions read", "posts fetched", "versions fetched"],
    )
    def test_a_kept_damage_error_keeps_no_lock(
        self, path: Path, change: str, problem: str
    ) -> None:
        """load stops at a damaged row while it reads the posts or the
        versions table: the error, kept as a caller may keep it
        (sys.last_exc), holds no lock on the file, and an add that does not
        read that row goes ahead at once. A cursor that a frame of the error
        holds in a variable stays open, and keeps the lock, on Python 3.12
        and later: the reading of the scrapes' times did so, until it read
        them whole (test_scrapes_out_of_time_order_are_damage); the posts
        and versions are read by loops that hold no such variable, through
        a reader of rows that closes its cursor when a fetch fails."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            post_id, title = db.execute(
                "SELECT id, title FROM posts ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            db.execute(change.format(id="?"), (post_id,))
        kept = []
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        assert problem.format(id=repr(post_id)) in str(loading.value)
        kept.append(loading.value)
        others = [post for post in SAMPLE if post.title != title]
        open_archive(path, timeout=0).add(others, seen_at=T2)
        with closing(sqlite3.connect(path)) as db:
            (scrapes,) = db.execute("SELECT count(*) FROM scrapes").fetchone()
        assert scrapes == 2

    def test_a_trigger_of_the_users_own_that_refuses_the_add(self, path: Path) -> None:
        """A trigger of the user's own that refuses the change: add says so,
        with the trigger's words, and that nothing was changed."""
        _damage(
            path,
            "CREATE TRIGGER no_more BEFORE INSERT ON scrapes "
            "BEGIN SELECT RAISE(ABORT, 'no more scrapes'); END",
        )
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as info:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert str(info.value) == (
            f"cannot write {path}: no more scrapes; nothing was changed"
        )
        assert info.value.code == "failed"
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        "own",
        ["CREATE VIEW json_each AS SELECT 1 AS value", "CREATE TABLE JSON_EACH(x)"],
    )
    def test_a_table_of_the_users_own_named_json_each(
        self, path: Path, own: str
    ) -> None:
        """A table or view of the user's own named json_each hides the
        function an add looks its posts up with: the add says so, where it
        said only "'json_each' is not a function"; a read is as before."""
        _damage(path, own)
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as info:
            open_archive(path).add(SAMPLE[1:], seen_at=T2)
        assert str(info.value) == (
            f"cannot write {path}: it has a table or view of its own named "
            "json_each, which hides SQLite's json_each() that an add needs; "
            "rename it; nothing was changed"
        )
        assert info.value.code == "failed"
        assert path.read_bytes() == before
        assert len(open_archive(path).load().entries) == len(SAMPLE)

    @pytest.mark.parametrize(
        "own",
        [
            "CREATE TABLE slugs (id, slug); CREATE TRIGGER t AFTER INSERT ON "
            "posts BEGIN INSERT INTO slugs VALUES (new.id, slugify(new.title)); END",
            "CREATE INDEX i ON posts (slugify(title))",
        ],
        ids=["trigger", "index"],
    )
    def test_a_function_of_another_program_called_by_the_files_own_schema(
        self, path: Path, own: str
    ) -> None:
        """The upgrade review: a trigger or an index of the file's own that
        calls a function another program registered on its connection (as
        sqlite-utils and Datasette let one do) failed the add in SQLite's
        words, "no such function: slugify", which read as bloglist's bug.
        The add names the function and what to do; the file is unchanged,
        and reads are as before."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.create_function("slugify", 1, str, deterministic=True)
            db.executescript(own)
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as info:
            open_archive(path).add(SAMPLE[1:], seen_at=T2)
        assert (str(info.value), info.value.code) == (
            f"cannot write {path}: a trigger or index of its own calls slugify(), "
            "a function that only the program which added it has; drop that "
            "trigger or index; nothing was changed",
            "failed",
        )
        assert path.read_bytes() == before
        assert len(open_archive(path).load().entries) == len(SAMPLE)

    def test_a_read_that_fails_otherwise(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A read that fails for another cause than those named (an I/O error
        of the disk, which no test brings about; here a failing statement
        stands for it): SQLite's words, after the file's name."""
        open_archive(path)
        monkeypatch.setattr(_store, "_PRAGMAS", ("SELECT no_such_function()",))
        with pytest.raises(ArchiveError) as info:
            open_archive(path).load()
        assert str(info.value) == (
            f"cannot read {path}: no such function: no_such_function"
        )
        assert info.value.code == "failed"

    def test_versions_in_another_order_load_as_written(self, path: Path) -> None:
        """Rows of versions stored in another order (a tool that rewrote the
        table) load as bloglist wrote them: the order is that of n."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        edited = [attrs.evolve(post, excerpt="Edited.") for post in SAMPLE]
        store.add(edited, seen_at=T2)
        store.add(SAMPLE, seen_at=T2 + datetime.timedelta(days=1))
        expected = store.load()
        assert all(len(entry.versions) == 3 for entry in expected.entries)
        with closing(sqlite3.connect(path)) as db, db:
            db.executescript(
                "CREATE TEMP TABLE t AS SELECT * FROM versions ORDER BY n DESC;"
                "DELETE FROM versions; INSERT INTO versions SELECT * FROM t;"
            )
            first = db.execute("SELECT n FROM versions ORDER BY rowid").fetchone()
        assert first == (3,)
        assert store.load() == expected
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE versions SET n = 4 WHERE n = 2")
            # Every post is misnumbered now: the one named is the first the
            # table holds, whatever the hash order of the run.
            (first_id,) = db.execute(
                "SELECT post_id FROM versions ORDER BY rowid LIMIT 1"
            ).fetchone()
        with pytest.raises(ArchiveError, match=r"numbered \[1, 3, 4\], not 1, 2, 3"):
            store.load()
        with pytest.raises(ArchiveError, match=re.escape(f"post {first_id!r} ")):
            store.load()

    @pytest.mark.parametrize(
        "change",
        [
            "UPDATE posts SET date = x'00'",
            "UPDATE posts SET seq = 'abc' || seq",
            "UPDATE posts SET versions = 'many'",
            "UPDATE scrapes SET seen_at = 'x'",
            # The latest version's copy in posts, which add compares with the
            # scrape: read wrong, every post would get a version it never had.
            "UPDATE posts SET tags = '\"abc\"'",
            "UPDATE posts SET tags = '[ \"x\" ]'",  # JSON, but not as written
            "UPDATE posts SET sticky = 7",
            "UPDATE posts SET title = x'41'",
        ],
    )
    def test_adding_to_a_damaged_file_changes_nothing(
        self, path: Path, change: str
    ) -> None:
        _damage(path, change)
        before = path.read_bytes()
        edited = [attrs.evolve(SAMPLE[0], excerpt="Edited."), *SAMPLE[1:3]]
        with pytest.raises(ArchiveError, match="is damaged"):
            open_archive(path).add(edited, seen_at=T2)
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                "UPDATE posts SET tags = '[\"Other\"]' WHERE rowid = 2",
                'holds tags \'["Other"]\' in posts, and \'["Data", "Infrastructure", ',
            ),
            ("UPDATE posts SET versions = 2 WHERE rowid = 2", "counts 2 versions, not"),
            (
                "UPDATE versions SET n = 3 WHERE rowid = 2",
                "are numbered [3], not 1, 2, 3...",
            ),
        ],
    )
    def test_add_refuses_a_row_unlike_its_latest_version_it_would_edit(
        self, path: Path, change: str, message: str
    ) -> None:
        """A posts row that is not its latest version (tags edited by hand),
        or whose versions are miscounted or misnumbered, that the scrape
        edits: add refuses the file with load's message, before writing
        anything. It used to record an edit that never happened and write
        over the damage, so that load then found nothing wrong."""
        _damage(path, change)
        before = path.read_bytes()
        edited = [attrs.evolve(post, excerpt="Edited.") for post in SAMPLE]
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(edited, seen_at=T2)
        assert str(adding.value) == str(loading.value)
        assert message in str(adding.value)
        # The id whole, to paste into SQL: not cut short.
        with closing(sqlite3.connect(path)) as db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE rowid = 2").fetchone()
        assert f"post {post_id!r} " in str(adding.value)
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            *(
                (
                    f"{column} = 'x'",
                    "it holds what bloglist never writes: "
                    "ValueError: post '{id}': time 'x' is not an ISO 8601 time",
                )
                for column in ("first_seen", "last_seen", "gone_since")
            ),
            # Times, but out of order: first seen after last seen, gone
            # before last seen (which add would hide by writing over it).
            (
                "first_seen = '2030-01-01T00:00:00.000000+00:00'",
                "an archived post's times go back: first_seen "
                "2030-01-01T00:00:00+00:00 is after last_seen ",
            ),
            (
                "gone_since = '2001-01-01T00:00:00.000000+00:00'",
                "gone_since 2001-01-01T00:00:00+00:00 is before last_seen",
            ),
        ],
    )
    def test_add_refuses_the_times_that_load_refuses(
        self, path: Path, change: str, message: str
    ) -> None:
        """A post's time that is no time, or times out of order: add refuses
        the file, with the message of load, before writing anything, rather
        than add a scrape to a file that load and `archive show` then refuse."""
        _damage(path, f"UPDATE posts SET {change} WHERE rowid = 2")
        with closing(sqlite3.connect(path)) as db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE rowid = 2").fetchone()
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as loading:
            open_archive(path).load()
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(SAMPLE, seen_at=T2)
        assert str(adding.value) == str(loading.value)
        assert str(loading.value).startswith(f"{path} is damaged (")
        assert message.format(id=post_id) in str(loading.value)
        assert str(loading.value).endswith("); restore it from a backup")
        assert path.read_bytes() == before

    @pytest.mark.parametrize("last", [True, False])
    def test_scrapes_out_of_time_order_are_damage(self, path: Path, last: bool) -> None:
        """A scrape row earlier than the one added before it (inserted by
        hand): load and scrapes() say the file is damaged, naming both
        scrapes. So does add, whatever its seen_at, when they are its last
        two, and it writes nothing; it reads no scrape further back (that
        would cost a scan of them all), and load still reports those after
        it. load used to raise a bare ValueError from Archive, scrapes() to
        return them out of order, and add to compare with the last row
        only, so that it wrote a last_seen earlier than a first_seen."""
        insert = "INSERT INTO scrapes (seen_at, source, posts) VALUES ('{}', 'x', 1);"
        _damage(path, insert.format(EARLIER) + ("" if last else insert.format(LATER)))
        before = path.read_bytes()
        expected = _damaged(
            path,
            "scrape 2, seen at 2025-03-04T08:00:00+00:00, is earlier than scrape "
            "1 added before it, seen at 2025-03-05T08:00:00+00:00",
        )
        store = open_archive(path)
        # Kept, as a caller may keep them (sys.last_exc): they must not keep
        # the file's lock, which the add below would wait for.
        kept = []
        for read in (store.load, store.scrapes):
            with pytest.raises(ArchiveError) as reading:
                read()
            assert str(reading.value) == expected
            kept.append(reading.value)
        if last:
            for seen_at in (T1 - datetime.timedelta(hours=12), T3):
                with pytest.raises(ArchiveError) as adding:
                    store.add(SAMPLE, seen_at=seen_at)
                assert str(adding.value) == expected
            assert path.read_bytes() == before
        else:
            store.add(SAMPLE, seen_at=T3)
            with pytest.raises(ArchiveError) as reading:
                store.load()
            assert str(reading.value) == expected

    @pytest.mark.parametrize(
        ("change", "message", "shown"),
        [
            *(
                (
                    f"UPDATE posts SET last_seen = '{LATER}' WHERE rowid = 2",
                    "last_seen 2025-03-06T08:00:00+00:00 of archived post {id!r} "
                    "is after the archive's last scrape, seen at "
                    "2025-03-05T08:00:00+00:00",
                    shown,
                )
                for shown in (True, False)
            ),
            # A gone post the scrape does not show is neither read nor
            # written by add, which leaves it to load, as any row it does
            # not read: only a scrape that shows it again.
            (
                f"UPDATE posts SET gone_since = '{LATER}' WHERE rowid = 2",
                "gone_since 2025-03-06T08:00:00+00:00 of archived post {id!r} is "
                "after the archive's last scrape, seen at 2025-03-05T08:00:00+00:00",
                True,
            ),
            *(
                (
                    "DELETE FROM scrapes; DELETE FROM versions WHERE post_id IN "
                    "(SELECT id FROM posts WHERE rowid != 2); "
                    "DELETE FROM posts WHERE rowid != 2",
                    "archived post {id!r}, last seen at 2025-03-05T08:00:00+00:00, "
                    "is in an archive with no scrapes; an archive's posts were "
                    "seen in its scrapes",
                    shown,
                )
                for shown in (True, False)
            ),
        ],
    )
    def test_a_post_seen_after_the_last_scrape_is_damage(
        self, path: Path, change: str, message: str, shown: bool
    ) -> None:
        """A post whose last_seen or gone_since is after the file's last
        scrape, or a post in a file with no scrapes: load and add (whether
        the scrape shows the post, so that add reads its row, or not, so
        that add would mark it gone) say the file is damaged, naming the
        post and both times, and add writes nothing. load used to take it,
        and add to write a last_seen or gone_since before the post's times."""
        _damage(path, change)
        with closing(sqlite3.connect(path)) as db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE rowid = 2").fetchone()
        before = path.read_bytes()
        expected = _load_refuses(path, message.format(id=post_id))
        listing = SAMPLE if shown else Listing()
        for seen_at in (T1, T3):  # T1: before the post's time, as the last scrape
            with pytest.raises(ArchiveError) as adding:
                open_archive(path).add(listing, seen_at=seen_at)
            assert str(adding.value) == expected
        assert path.read_bytes() == before

    @pytest.mark.parametrize("shown", [True, False])
    def test_scrapes_edited_to_an_earlier_time_are_damage(
        self, path: Path, shown: bool
    ) -> None:
        """The scrapes table edited to a time before the posts were seen:
        every post was seen after the last scrape. add refuses the file, as
        load does, even at a time between the two, where it used to write
        last_seen before first_seen."""
        _damage(path, f"UPDATE scrapes SET seen_at = '{EARLIER}'")
        before = path.read_bytes()
        pattern = (
            rf"^{re.escape(str(path))} is damaged \(it holds what bloglist never "
            r"writes: ValueError: last_seen 2025-03-05T08:00:00\+00:00 of archived "
            r"post '[^']+' is after the archive's last scrape, seen at "
            r"2025-03-04T08:00:00\+00:00\); restore it from a backup$"
        )
        with pytest.raises(ArchiveError, match=pattern):
            open_archive(path).load()
        listing = SAMPLE if shown else Listing()
        with pytest.raises(ArchiveError, match=pattern):
            open_archive(path).add(listing, seen_at=T1 - datetime.timedelta(hours=12))
        assert path.read_bytes() == before

    def test_a_change_to_the_schema_raises_its_version(self) -> None:
        """The upgrade review: the scrapes table gained its shown column with
        the version left at 1, so that "version 1" named two layouts, one of
        which today's code refuses as damaged. The schema's text is pinned
        to its version here: a change to it fails this test until the
        version is raised (and an upgrade of the version before written, or
        the files of it refused, and docs/history.md, "The schema", says
        which), and the digest below updated."""
        digests = {
            2: "f9f2524cb1962636d0e825d2ab48ca5a20d879580101037b155a77715c387ba4",
        }
        assert _store.SCHEMA_VERSION in digests, "a new version: pin its schema"
        digest = hashlib.sha256(_store.SCHEMA.encode("utf-8")).hexdigest()
        assert digest == digests[_store.SCHEMA_VERSION], (
            "SCHEMA changed: raise SCHEMA_VERSION, upgrade (or refuse) the "
            "files of the version before, and pin the new digest"
        )

    @pytest.mark.parametrize("version", [0, -1])
    def test_a_schema_version_below_one_is_damage(
        self, path: Path, version: int
    ) -> None:
        """An archive's application id with a schema version that no bloglist
        writes (versions start at 1) is refused as damaged, as a newer one is
        refused, by every call: it used to be read as version 1."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(f"PRAGMA user_version = {version}")
        before = path.read_bytes()
        expected = (
            f"{path} is damaged (archive schema version {version}, which no "
            "bloglist writes: versions start at 1); restore it from a backup"
        )
        store = bloglist.ArchiveFile(str(path))
        calls: list[Callable[[], object]] = [
            lambda: open_archive(path),
            lambda: open_archive(path, create=False),
            store.load,
            store.scrapes,
            lambda: store.add(SAMPLE, seen_at=T2),
        ]
        for call in calls:
            with pytest.raises(ArchiveError) as info:
                call()
            assert str(info.value) == expected
            assert info.value.code == "damaged"
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        "change",
        [
            # A view in the place of a table: reading it runs the file's SQL,
            # here a query that never ends.
            "ALTER TABLE versions RENAME TO v0; "
            "CREATE VIEW versions(post_id, n, seen_at, title, date, excerpt, tags, "
            "sticky) AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
            "FROM r) SELECT v0.post_id, i, v0.seen_at, v0.title, v0.date, "
            "v0.excerpt, v0.tags, v0.sticky FROM r, v0",
            "ALTER TABLE posts ADD COLUMN extra TEXT",
            "DROP INDEX posts_date",
            # An index SQLite makes for a UNIQUE constraint has no SQL text:
            # taken out of the schema, it is missing all the same.
            "PRAGMA writable_schema=ON; "
            "DELETE FROM sqlite_master WHERE name = 'sqlite_autoindex_posts_2'",
        ],
    )
    def test_tables_not_as_bloglist_makes_them_are_damage(
        self, path: Path, change: str
    ) -> None:
        _damage(path, change)
        with pytest.raises(
            ArchiveError, match=r"is damaged \((table|index) \w+ is (not|missing)"
        ) as info:
            open_archive(path).load()
        assert info.value.code == "damaged"
        with pytest.raises(ArchiveError, match="is damaged") as info:
            open_archive(path, create=False)
        assert info.value.code == "damaged"

    @pytest.mark.parametrize(
        ("change", "state"),
        [
            ("DROP INDEX posts_present", "missing"),
            (
                "DROP INDEX posts_date; CREATE INDEX posts_date ON posts (title)",
                "not as bloglist makes it",
            ),
        ],
    )
    def test_an_index_dropped_or_changed_says_how_to_make_it_again(
        self, path: Path, change: str, state: str
    ) -> None:
        """The upgrade review: an index dropped or changed by hand (or by
        another tool) made the archive "damaged ... restore it from a
        backup", though its rows are intact. The message says so, with the
        command that makes the index again; run, the archive reads as
        before."""
        _damage(path, change)
        with pytest.raises(ArchiveError) as info:
            open_archive(path, create=False).load()
        said = str(info.value)
        name = change.split()[2].rstrip(";")
        assert info.value.code == "damaged"
        assert said.startswith(
            f"{path} is damaged (index {name} is {state}; the rows are intact): "
            "make it again with sqlite3 "
        )
        program, file, script = shlex.split(said.split(" make it again with ")[1])
        assert (program, file) == ("sqlite3", str(path))
        with closing(sqlite3.connect(file)) as db:
            db.executescript(script)
        assert len(open_archive(path, create=False).load().entries) == len(SAMPLE)

    @pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
    def test_a_file_that_may_not_grow(self, path: Path) -> None:
        """Under a file size limit (ulimit -f) the add fails with a message
        that says so, and the archive is as it was (its journal undoes the
        part written). Python ignores SIGXFSZ, so the write fails instead."""
        import resource

        open_archive(path).add(SAMPLE, seen_at=T1)
        before = path.read_bytes()
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        limit = path.stat().st_size + 8192
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        try:
            with pytest.raises(ArchiveError) as info:
                open_archive(path).add(
                    big_listing(3000), seen_at=T2, allow_all_gone=True
                )
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        message = str(info.value)
        assert message.startswith(f"cannot write {path}: disk I/O error (")
        assert message.endswith("nothing was changed")
        assert info.value.code == "io-error"
        # Rolled back by the failed add itself, not left to the next open: a
        # plain copy taken now is whole.
        assert not path.with_name(path.name + "-journal").exists()
        assert path.read_bytes() == before
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T1)

    @pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
    def test_a_journal_that_cannot_be_played_back_is_not_hidden(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the failed add cannot play its journal back (the file cannot
        be opened again), the error does not say that nothing was changed:
        it says the next writer restores the file, and not to copy it until
        then. The next writer does."""
        import resource

        open_archive(path).add(SAMPLE, seen_at=T1)
        connect = sqlite3.connect
        opened: list[object] = []

        def once(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            if opened:
                raise sqlite3.OperationalError("unable to open database file")
            opened.append(args)
            connection: sqlite3.Connection = connect(*args, **kwargs)
            return connection

        # Changes written to the file before the commit, which add never
        # does by itself: a failed write that leaves its journal (as a disk
        # that fails while it plays the journal back would).
        monkeypatch.setattr(_store, "_PRAGMAS", ("PRAGMA cache_spill = ON",))
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 8192, hard))
        monkeypatch.setattr(sqlite3, "connect", once)
        try:
            with pytest.raises(ArchiveError) as info:
                bloglist.ArchiveFile(str(path)).add(
                    big_listing(3000), seen_at=T2, allow_all_gone=True
                )
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            monkeypatch.setattr(sqlite3, "connect", connect)
        assert str(info.value) == (
            f"cannot write {path}: disk I/O error, and its journal could not be "
            "played back; the next process that may write the file restores it "
            "as it opens it: do not copy the file until then"
        )
        assert path.with_name(path.name + "-journal").stat().st_size > 0
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T1)
        assert integrity(path) == "ok"

    @pytest.mark.parametrize(
        ("change", "row"),
        [
            pytest.param(
                "UPDATE posts SET title = CAST(X'41FF' AS TEXT) WHERE id = ?",
                "post {id}: Could not decode to UTF-8 column 'title' with text",
                id="post",
            ),
            pytest.param(
                "UPDATE versions SET excerpt = CAST(X'41FF' AS TEXT) WHERE post_id = ?",
                "a version of post {id}: Could not decode to UTF-8 column "
                "'excerpt' with text",
                id="version",
            ),
            pytest.param(
                "UPDATE scrapes SET source = CAST(X'41FF' AS TEXT) WHERE ? <> ''",
                "scrape 1: Could not decode to UTF-8 column 'source' with text",
                id="scrape",
            ),
        ],
    )
    def test_text_that_is_not_utf8_is_named_by_its_row(
        self, path: Path, change: str, row: str
    ) -> None:
        """Text that is not UTF-8, which the sqlite3 module refuses as it
        fetches the row, is named by the row that holds it, as other damage
        is, the post's id whole to paste into a query (a review found only
        the column and the text named)."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE seq = 3").fetchone()
            db.execute(change, (post_id,))
        calls: list[Callable[[], object]] = [lambda: open_archive(path).load()]
        if "scrape" in row:
            calls.append(lambda: open_archive(path).scrapes())
        for call in calls:
            with pytest.raises(ArchiveError) as info:
                call()
            assert info.value.code == "damaged"
            assert str(info.value).startswith(
                f"{path} is damaged (it holds what bloglist never writes: "
                + row.format(id=repr(post_id))
            )

    def test_text_that_is_not_utf8_in_no_row_read_is_named_by_sqlite_alone(
        self, path: Path
    ) -> None:
        """Where no row of the tables read holds the text SQLite's message
        names (the column of a table of the user's own, or a message that
        names none), the message is SQLite's alone."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db:
            for said in (
                "Could not decode to UTF-8 column 'note' with text 'A'",
                "Could not decode to UTF-8",
                "Could not decode to UTF-8 column 'title' with text 'A'",
            ):
                assert bloglist._store._undecodable_row(db, said) is None
            assert db.text_factory is str  # as it was

    @pytest.mark.parametrize(
        "change",
        ["UPDATE scrapes SET posts = 'many'", "UPDATE scrapes SET source = x'00ff'"],
    )
    def test_the_scrapes_of_a_damaged_file(self, path: Path, change: str) -> None:
        _damage(path, change)
        with pytest.raises(ArchiveError, match="is damaged"):
            open_archive(path).scrapes()

    @pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
    def test_a_file_that_could_not_be_made_is_not_left_empty(
        self, tmp_path: Path
    ) -> None:
        """A new archive that fails on its first add (here a file size limit)
        leaves no empty file behind, which would then read as "empty"."""
        import resource

        path = tmp_path / "new.db"
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, hard))
        try:
            with pytest.raises(ArchiveError, match="disk I/O error"):
                open_archive(path).add(big_listing(100), seen_at=T1)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        assert not path.exists()

    def test_the_scrapes_of_a_missing_file_make_no_file(self, tmp_path: Path) -> None:
        """ArchiveFile.scrapes() on a path with no file says so, as load()
        does, and leaves no empty file behind."""
        missing = tmp_path / "missing.db"
        store = bloglist.ArchiveFile(str(missing))
        for read in (store.load, store.scrapes):
            with pytest.raises(ArchiveError, match="no such file"):
                read()
        assert not missing.exists()

    def test_tables_and_indexes_of_ones_own_are_welcome(self, path: Path) -> None:
        """A table or an index a user adds (for a query of their own, a
        search index) is left alone, and the archive reads as before."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("CREATE INDEX my_titles ON versions (title)")
            db.execute("CREATE TABLE my_notes (post_id TEXT, note TEXT)")
        store = open_archive(path)
        store.add(SAMPLE[1:], seen_at=T2)
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1).merge(
            SAMPLE[1:], seen_at=T2
        )

    def test_a_file_from_a_newer_version(self, path: Path) -> None:
        """A later schema version is refused rather than misread."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(f"PRAGMA user_version = {_store.SCHEMA_VERSION + 1}")
        with pytest.raises(
            ArchiveError,
            match=rf"newer bloglist \(archive schema version {_store.SCHEMA_VERSION + 1}",
        ) as info:
            open_archive(path).load()
        assert info.value.code == "newer-version"
        with pytest.raises(ArchiveError, match="newer") as info:
            open_archive(path, create=False)
        assert info.value.code == "newer-version"

    def test_a_missing_file_without_create(self, path: Path) -> None:
        """create=False does not make a file; it says there is none."""
        with pytest.raises(ArchiveError, match="no such file") as info:
            open_archive(path, create=False)
        assert info.value.code == "no-such-file"
        with pytest.raises(ArchiveError, match="no such file") as info:
            _store.ArchiveFile(str(path)).load()
        assert info.value.code == "no-such-file"
        assert not path.exists()

    def test_an_empty_database_without_create(self, path: Path) -> None:
        """An empty file is not an archive yet when nothing may be created."""
        path.write_bytes(b"")
        with pytest.raises(ArchiveError) as raised:
            open_archive(path, create=False)
        # A reader that races another process's first add, or comes after
        # one killed before its commit, finds the file empty: the message
        # says why an archive may be.
        assert str(raised.value) == (
            f"{path} is not a bloglist archive: it is empty (a first add leaves"
            " it so until it commits: another process's is still running, or one"
            " was stopped before it committed, and the next add makes the"
            " archive)"
        )
        assert raised.value.code == "not-an-archive"

    def test_an_empty_file_whose_first_add_is_running_is_busy(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A read that finds the file empty while another process's first add
        holds the writer's lock, past its timeout, says the file is busy
        (status 75 in the command, for a script to try again), not that it
        is no archive; once the lock is let go without a commit, the file is
        empty again."""
        path.write_bytes(b"")
        with closing(sqlite3.connect(path, isolation_level=None)) as writer:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("CREATE TABLE first (a)")
            busy = (
                f"{path} is busy: another process is making it (its first add,"
                " which leaves it empty until it commits); read it once that add"
                " is done"
            )
            for read in (
                lambda: open_archive(path, create=False, timeout=0.2),
                lambda: _store.ArchiveFile(str(path), timeout=0.2).load(),
                lambda: _store.ArchiveFile(str(path), timeout=0).scrapes(),
                lambda: _store.ArchiveFile(str(path), timeout=0.2).known_tags(),
            ):
                with pytest.raises(ArchiveError) as raised:
                    read()
                assert (str(raised.value), raised.value.code) == (busy, "busy")
            assert main(["archive", "show", str(path), "--timeout", "0.2"]) == 75
            assert capsys.readouterr().err == f"bloglist: error: {busy}\n"
            writer.execute("ROLLBACK")
        with pytest.raises(ArchiveError) as raised:
            open_archive(path, create=False)
        assert raised.value.code == "not-an-archive"
        assert path.read_bytes() == b""

    @pytest.mark.parametrize("commits", [True, False])
    def test_a_read_waits_for_the_first_add_within_its_timeout(
        self, path: Path, commits: bool
    ) -> None:
        """A read that finds the file empty while another process's first
        add holds the writer's lock waits for that add, as for any writer,
        within its timeout (a review found it gave up at once, --timeout
        inf too): then it reads the archive that add made, or, the add
        stopped before its commit, finds the file empty."""
        path.write_bytes(b"")
        writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        writer.execute("BEGIN IMMEDIATE")
        if commits:  # the tables of an archive, as a first add makes them
            for statement in _store.SCHEMA.split(";\n"):
                if statement.strip():
                    writer.execute(statement)
            writer.execute(f"PRAGMA application_id = {_store._APPLICATION_ID}")
            writer.execute(f"PRAGMA user_version = {_store.SCHEMA_VERSION}")

        def finish() -> None:
            time.sleep(0.3)
            writer.execute("COMMIT" if commits else "ROLLBACK")

        finishing = threading.Thread(target=finish)
        started = time.monotonic()
        finishing.start()
        try:
            if commits:
                archive = _store.ArchiveFile(str(path), timeout=30).load()
                assert archive == bloglist.Archive()
            else:
                with pytest.raises(ArchiveError) as raised:
                    _store.ArchiveFile(str(path), timeout=30).load()
                assert raised.value.code == "not-an-archive"
                assert "it is empty" in str(raised.value)
        finally:
            finishing.join()
            writer.close()
        # It waited for the add, and no longer.
        assert 0.25 < time.monotonic() - started < 20

    def test_an_empty_file_whose_first_add_was_killed_is_empty(
        self, path: Path
    ) -> None:
        """A first add killed before its commit leaves its journal: the read
        plays it back, and finds no writer's lock: the file is empty, as it
        was before that add, not busy."""
        path.write_bytes(b"")
        killed = (
            "import os, sqlite3\n"
            f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "db.execute('PRAGMA cache_size = 1')\n"
            "db.execute('BEGIN IMMEDIATE')\n"
            "db.execute('CREATE TABLE first (a)')\n"
            "db.executemany('INSERT INTO first VALUES (zeroblob(5000))', [()] * 50)\n"
            "os.kill(os.getpid(), 9)\n"
        )
        subprocess.run([sys.executable, "-c", killed], check=False)
        assert Path(f"{path}-journal").exists()  # an add cut off mid-write
        with pytest.raises(ArchiveError) as raised:
            open_archive(path, create=False)
        assert raised.value.code == "not-an-archive"
        assert "it is empty" in str(raised.value)
        assert path.stat().st_size == 0

    @pytest.mark.parametrize("kind", ["empty file", "database with no tables"])
    def test_an_empty_database_becomes_an_archive(self, path: Path, kind: str) -> None:
        """A file that holds nothing to misread (no bytes, or an SQLite
        database with no tables and no version) is made an archive, as a
        missing one is, and keeps what is added."""
        if kind == "empty file":
            path.write_bytes(b"")
        else:
            with closing(sqlite3.connect(path)) as db:
                db.execute("VACUUM")
            assert path.stat().st_size > 0
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_a_directory_that_does_not_exist(self, tmp_path: Path) -> None:
        """An archive cannot be made where there is no directory: the message
        says so, not SQLite's 'unable to open database file'."""
        path = tmp_path / "nowhere" / "blog.db"
        with pytest.raises(ArchiveError) as info:
            open_archive(path)
        assert str(info.value) == (
            f"cannot create {path}: its directory {path.parent} does not exist"
        )
        assert info.value.code == "cannot-open"
        assert not path.parent.exists()
        path.parent.write_bytes(b"")  # a file where the directory would be
        with pytest.raises(ArchiveError) as info:
            open_archive(path)
        assert str(info.value) == (
            f"cannot create {path}: {path.parent} is not a directory"
        )

    @SYMLINKS
    def test_a_link_to_a_file_in_a_directory_that_does_not_exist(
        self, tmp_path: Path
    ) -> None:
        """A dangling link names a file to create, the link's target: the
        message names the target's missing directory, not SQLite's bare
        'unable to open database file'. A link to a missing file in a
        directory that exists makes the file."""
        link = tmp_path / "blog.db"
        link.symlink_to(Path("nowhere", "x.db"))
        with pytest.raises(ArchiveError) as info:
            open_archive(link)
        target = tmp_path / "nowhere" / "x.db"
        assert str(info.value) == (
            f"cannot create {target} (the target of the link {link}): "
            f"its directory {target.parent} does not exist"
        )
        assert not target.parent.exists()
        target.parent.mkdir()
        open_archive(link).add(SAMPLE, seen_at=T1)
        assert target.stat().st_size > 0

    @SYMLINKS
    @pytest.mark.parametrize(
        ("target", "made", "add", "read"),
        [
            (
                "nodir/",
                "nodir",
                "a name that ends in '/' names a directory, not a file",
                "{d}/nodir is not a directory",
            ),
            (
                "notes.txt/../t2.db",
                "t2.db",
                "{d}/notes.txt is not a directory",
                "{d}/notes.txt is not a directory",
            ),
            (
                "missing/../t3.db",
                "t3.db",
                "{d}/missing does not exist",
                "{d}/missing does not exist",
            ),
        ],
    )
    def test_a_link_whose_target_the_system_does_not_open_reaches_no_file(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        target: str,
        made: str,
        add: str,
        read: str,
    ) -> None:
        """A link whose target ends in '/', or has '..' after a part that is
        missing or a file, names no file the system opens (cat says so): an
        add is refused with the system's answer, naming the link, and makes
        nothing; a read is refused even when the file the text reduces to is
        there. Both used to reach that file, reduced as text, and an add
        made it."""
        monkeypatch.chdir(tmp_path)
        d = str(tmp_path)
        Path("notes.txt").write_text("notes\n", encoding="utf-8")
        link = tmp_path / "link.db"
        link.symlink_to(target)
        shown = f"{d}/{target} (the target of the link {link})"
        with pytest.raises(ArchiveError) as info:
            open_archive(link)
        assert str(info.value) == f"cannot create {shown}: " + add.format(d=d)
        with pytest.raises(ArchiveError):
            bloglist.ArchiveFile(link).add(SAMPLE, seen_at=T1)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db", "notes.txt"]
        # The file the text reduces to, an archive: still not the link's.
        open_archive(made).add(SAMPLE, seen_at=T1)
        before = (tmp_path / made).read_bytes()
        why = (
            f"{read.format(d=d)} (it is a link to {d}/{target})"
            if read
            else f"no such file (it is a link to {d}/{target}, which does not exist)"
        )
        with pytest.raises(ArchiveError) as info:
            bloglist.ArchiveFile(link).load()
        assert str(info.value) == f"cannot open {link}: {why}"
        with pytest.raises(ArchiveError) as info:
            bloglist.ArchiveFile(link).add(SAMPLE, seen_at=T2)
        assert str(info.value).startswith(f"cannot create {shown}: ")
        assert (tmp_path / made).read_bytes() == before

    @SYMLINKS
    def test_a_read_says_why_the_system_cannot_open_the_path(
        self, tmp_path: Path
    ) -> None:
        """A loop of links on the way, or a name too long, is the system's
        reason (cannot-open), and a missing directory is named as an add
        names it: a review found each called "no such file"."""
        (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
        (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
        cases = [
            (tmp_path / "loop1" / "x.db", os.strerror(errno.ELOOP), "cannot-open"),
            (
                tmp_path / ("b" * 300 + ".db"),
                os.strerror(errno.ENAMETOOLONG),
                "cannot-open",
            ),
            (
                tmp_path / "nodir" / "x.db",
                f"its directory {tmp_path / 'nodir'} does not exist",
                "no-such-file",
            ),
        ]
        for path, why, code in cases:
            for read in (
                bloglist.ArchiveFile(path).load,
                lambda path=path: open_archive(path, create=False),
            ):
                with pytest.raises(ArchiveError) as info:
                    read()
                assert (str(info.value), info.value.code) == (
                    f"cannot open {path}: {why}",
                    code,
                )
        # A link whose target is through the loop says so, naming the target.
        link = tmp_path / "link.db"
        link.symlink_to(tmp_path / "loop1" / "x.db")
        with pytest.raises(ArchiveError) as info:
            bloglist.ArchiveFile(link).load()
        assert str(info.value) == (
            f"cannot open {link}: {os.strerror(errno.ELOOP)} (it is a link to "
            f"{tmp_path / 'loop1' / 'x.db'})"
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "link.db",
            "loop1",
            "loop2",
        ]

    @SYMLINKS
    @pytest.mark.parametrize("target_dir", ["exists", "missing"])
    def test_a_read_through_a_dangling_link_creates_nothing(
        self, tmp_path: Path, target_dir: str
    ) -> None:
        """A link to a file that does not exist names no file to read:
        load(), scrapes() and open_archive(create=False) fail as for a
        missing file, name the link's target, and create nothing there."""
        if target_dir == "exists":
            target = tmp_path / "victim.txt"
        else:
            target = tmp_path / "nowhere" / "victim.txt"
        link = tmp_path / "link.db"
        link.symlink_to(target)
        # The reason names the target's directory when it is missing, as an
        # add says it (it said "no such file" of both).
        expected = (
            f"cannot open {link}: no such file (it is a link to {target}, "
            "which does not exist)"
            if target_dir == "exists"
            else f"cannot open {link}: its directory {target.parent} does not "
            f"exist (it is a link to {target})"
        )
        store = bloglist.ArchiveFile(link)
        for read in (
            store.load,
            store.scrapes,
            lambda: open_archive(link, create=False),
        ):
            with pytest.raises(ArchiveError) as info:
                read()
            assert str(info.value) == expected
            assert info.value.code == "no-such-file"
            assert not os.path.lexists(target)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db"]

    @SYMLINKS
    def test_creating_through_a_dangling_link_makes_its_target(
        self, tmp_path: Path
    ) -> None:
        """open_archive() (create=True), as add, makes the archive at the
        target of a link to a missing file in a directory that exists; the
        link stays a link, and reads then read the target."""
        target = tmp_path / "real.db"
        link = tmp_path / "link.db"
        link.symlink_to(target)
        store = open_archive(link)
        assert store.load() == Archive()
        assert link.is_symlink() and target.stat().st_size > 0
        store.add(SAMPLE, seen_at=T1)
        assert open_archive(target, create=False).load() == Archive().merge(
            SAMPLE, seen_at=T1
        )

    @SYMLINKS
    def test_a_failed_first_add_through_a_link_leaves_no_empty_target(
        self, tmp_path: Path
    ) -> None:
        """A first add through a link to a missing file that fails (a post
        with a lone surrogate) leaves no empty file at the target, as for a
        plain new path: a read then says "no such file", not "it is empty"."""
        target = tmp_path / "target.db"
        link = tmp_path / "blog.db"
        link.symlink_to("target.db")
        store = bloglist.ArchiveFile(link)
        with pytest.raises(ValueError, match="nothing was added"):
            store.add([Post(title="bad\ud800")], seen_at=T1)
        assert not os.path.lexists(target)
        with pytest.raises(ArchiveError) as info:
            store.load()
        assert str(info.value) == (
            f"cannot open {link}: no such file (it is a link to {target}, "
            "which does not exist)"
        )
        store.add(SAMPLE, seen_at=T1)  # and a good first add makes it
        assert open_archive(target, create=False).load() == Archive().merge(
            SAMPLE, seen_at=T1
        )

    @SYMLINKS
    def test_a_link_in_a_loop_is_refused_and_creates_nothing(
        self, tmp_path: Path
    ) -> None:
        """A link that leads to itself, or two that lead to each other,
        name no file: reading or adding fails with the system's words, as
        the command says them of a listing (not "Permission denied"), and
        nothing is made."""
        link = tmp_path / "loop.db"
        link.symlink_to(link)
        (tmp_path / "one.db").symlink_to("two.db")
        (tmp_path / "two.db").symlink_to("one.db")
        for path in (link, tmp_path / "one.db"):
            said = f"cannot open {path}: {os.strerror(errno.ELOOP)}"
            with pytest.raises(ArchiveError) as info:
                bloglist.ArchiveFile(path).load()
            assert (str(info.value), info.value.code) == (said, "cannot-open")
            with pytest.raises(ArchiveError) as info:
                open_archive(path).add(SAMPLE, seen_at=T1)
            assert (str(info.value), info.value.code) == (said, "cannot-open")
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "loop.db",
            "one.db",
            "two.db",
        ]

    def test_a_file_removed_after_the_check_is_not_created_by_a_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A read opens the file without creating it (SQLite's mode=rw): a
        file removed between the check that it exists and the opening (here
        the check is skipped) is reported, not made anew, whatever its name
        holds that a URI would read otherwise."""
        monkeypatch.setattr(_store.ArchiveFile, "_exists", lambda self: None)
        for name in ("gone.db", "a b?c#d%e.db", "file:x.db"):
            missing = tmp_path / name
            with pytest.raises(ArchiveError, match="unable to open database file"):
                bloglist.ArchiveFile(missing).load()
            assert list(tmp_path.iterdir()) == []
            # And the same name, once it holds an archive, is read.
            open_archive(missing).add(SAMPLE[:1], seen_at=T1)
            assert len(bloglist.ArchiveFile(missing).load().entries) == 1
            missing.unlink()

    def test_a_relative_name_is_read_from_the_working_directory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The URI a read opens keeps a relative name relative (an absolute
        one is always given, but for a working directory that is gone)."""
        monkeypatch.chdir(tmp_path)
        open_archive(tmp_path / "blog.db").add(SAMPLE[:1], seen_at=T1)
        uri = _store._read_uri("blog.db")
        assert uri == "file:blog.db?mode=rw"
        with closing(sqlite3.connect(uri, uri=True)) as db:
            assert db.execute("SELECT count(*) FROM posts").fetchone() == (1,)
        with pytest.raises(sqlite3.OperationalError):
            sqlite3.connect(_store._read_uri("other.db"), uri=True)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["blog.db"]

    @SYMLINKS
    def test_a_link_to_a_file_in_a_directory_that_cannot_be_written(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A dangling link whose target's directory is read-only: the message
        names the target and its directory."""
        (tmp_path / "ro").mkdir()
        link = tmp_path / "blog.db"
        link.symlink_to(Path("ro", "x.db"))
        _directories_read_only(monkeypatch)
        with pytest.raises(ArchiveError) as info:
            open_archive(link)
        target = tmp_path / "ro" / "x.db"
        assert str(info.value) == (
            f"cannot create {target} (the target of the link {link}): "
            f"its directory {target.parent} is read-only"
        )

    def test_a_directory_that_cannot_be_written(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A new archive in a read-only directory: the message says why."""
        _directories_read_only(monkeypatch)
        with pytest.raises(ArchiveError) as info:
            open_archive(path)
        assert str(info.value) == (
            f"cannot create {path}: its directory {path.parent} is read-only"
        )
        monkeypatch.undo()
        # Another cause, in a directory that can be written, or of a file
        # that may be read: SQLite's words.
        monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
        with pytest.raises(ArchiveError) as info:
            open_archive(path)
        assert str(info.value) == f"cannot open {path}: unable to open database file"
        assert info.value.code == "cannot-open"
        monkeypatch.undo()
        store = open_archive(path)
        monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
        with pytest.raises(ArchiveError) as info:
            store.load()
        assert str(info.value) == f"cannot open {path}: unable to open database file"
        assert info.value.code == "cannot-open"

    @pytest.mark.parametrize("kind", ["load", "add", "create"])
    def test_a_file_that_cannot_be_read(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
    ) -> None:
        """An archive the user may not read: the system's words, as the
        command says them of a listing, not SQLite's "unable to open"."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        path.chmod(0)
        if os.geteuid() == 0:  # root reads any file: make it fail as it would
            monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
            real = os.access
            monkeypatch.setattr(
                os, "access", lambda p, mode: p != str(path) and real(p, mode)
            )
        calls: dict[str, Callable[[], object]] = {
            "load": lambda: open_archive(path).load(),
            "add": lambda: open_archive(path).add(SAMPLE, seen_at=T2),
            "create": lambda: open_archive(path, create=True),
        }
        with pytest.raises(ArchiveError) as info:
            calls[kind]()
        assert str(info.value) == f"cannot open {path}: {os.strerror(errno.EACCES)}"

    @pytest.mark.parametrize("kind", ["load", "scrapes", "add", "new"])
    def test_a_directory_that_cannot_be_searched(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
    ) -> None:
        """An archive in a directory the user may not enter: "Permission
        denied", not that the file is missing or the directory read-only."""
        closed = path.parent / "closed"
        closed.mkdir()
        inside = closed / ("new.db" if kind == "new" else "blog.db")
        # A handle made while the directory was open, as a program that
        # runs for long may hold.
        store = open_archive(inside)
        if kind != "new":
            store.add(SAMPLE, seen_at=T1)
        else:
            inside.unlink()
        if os.geteuid() == 0:  # root enters any directory: refuse as it would
            for name in ("stat", "lstat"):
                real = getattr(os, name)

                def refused(
                    p: object, *args: object, real: Any = real, **kwargs: object
                ) -> object:
                    if os.fspath(p).startswith(f"{closed}{os.sep}"):  # type: ignore[call-overload]
                        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                    return real(p, *args, **kwargs)

                monkeypatch.setattr(os, name, refused)
            monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
        else:
            closed.chmod(0o600)
        calls: dict[str, Callable[[], object]] = {
            "load": store.load,
            "scrapes": store.scrapes,
            "add": lambda: store.add(SAMPLE, seen_at=T2),
            "new": lambda: open_archive(inside),
        }
        try:
            with pytest.raises(ArchiveError) as info:
                calls[kind]()
        finally:
            closed.chmod(0o700)
        assert str(info.value) == (f"cannot open {inside}: {os.strerror(errno.EACCES)}")
        assert info.value.code == "cannot-open"

    def test_a_read_only_file(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Writing a read-only archive fails clearly; loading it works."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        before = store.load()
        path.chmod(0o444)
        # Root writes any file: make the connection read-only as the file would.
        if os.geteuid() == 0:
            monkeypatch.setattr(_store, "_PRAGMAS", ("PRAGMA query_only = ON",))
        with pytest.raises(ArchiveError, match="read-only") as info:
            store.add(SAMPLE[1:], seen_at=T2)
        assert info.value.code == "read-only"
        monkeypatch.setattr(_store, "_PRAGMAS", ())
        assert store.load() == before

    def test_a_read_only_file_with_the_journal_of_a_cut_off_add(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A read of a read-only copy of a file and its hot journal (an add
        cut off mid-write, copied as it was) names the journal, not writing."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        copy = path.with_name("copy.db")
        with closing(sqlite3.connect(path, isolation_level=None)) as db:
            db.execute("PRAGMA cache_size = 1")  # the changes reach the file
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE posts SET excerpt = excerpt || zeroblob(3000)")
            for suffix in ("", "-journal"):
                Path(f"{copy}{suffix}").write_bytes(
                    Path(f"{path}{suffix}").read_bytes()
                )
            db.rollback()
        copy.chmod(0o444)
        # Read-only to SQLite, as the file is to a user who is not root.
        monkeypatch.setattr(_store, "_read_uri", lambda name: f"file:{name}?mode=ro")
        with pytest.raises(ArchiveError) as info:
            open_archive(copy).load()
        assert str(info.value) == (
            f"cannot read {copy}: an add that was cut off left its journal beside "
            f"it ({copy}-journal), which only a process that may write the file "
            "can play back; until then the file cannot be read"
        )
        assert info.value.code == "read-only"
        monkeypatch.undo()
        copy.chmod(0o644)
        assert open_archive(copy).load() == store.load()  # a writer plays it back

    def test_the_journal_of_a_cut_off_add_in_a_read_only_directory(
        self, path: Path
    ) -> None:
        """A writable file with the journal of an add cut off mid-write, in a
        read-only directory: SQLite plays the journal back as a read opens
        the file, but cannot remove it, and fails the read with a disk I/O
        error (SQLITE_IOERR_DELETE), which a review found given as it was.
        The message names the journal and the directory. SQLite's answer is
        given as SQLite gives it, since root may write any directory."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        undeleted = sqlite3.OperationalError("disk I/O error")
        undeleted.sqlite_errorcode = sqlite3.SQLITE_IOERR_DELETE
        said = (
            f"cannot read {path}: an add that was cut off left its journal "
            f"beside it ({path}-journal), and the file's directory is "
            "read-only, where the journal is removed once played back; until "
            "a process that may write the directory opens the file, it cannot "
            "be read",
            "read-only",
        )
        plain = store._explain(undeleted, write=False, holder="", waited=0)
        assert plain == (f"cannot read {path}: disk I/O error", "io-error")
        Path(f"{path}-journal").write_bytes(b"journal")
        assert store._explain(undeleted, write=False, holder="", waited=0) == said
        # An add says what it says of an I/O error (and then of the journal).
        assert store._explain(undeleted, write=True, holder="", waited=0)[1] == (
            "io-error"
        )

    def test_a_journal_to_play_back_is_a_reads_reason_not_an_adds(
        self, path: Path
    ) -> None:
        """SQLite's SQLITE_READONLY_ROLLBACK: a read of a read-only file whose
        cut-off add left its journal cannot play it back, and says so; an add
        to that file cannot write it at all, and says that instead. (Made up
        here: root may write any file.)"""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        rollback = sqlite3.OperationalError("attempt to write a readonly database")
        rollback.sqlite_errorcode = sqlite3.SQLITE_READONLY_ROLLBACK
        explained = functools.partial(store._explain, rollback, holder="", waited=0)
        assert explained(write=False) == (
            f"cannot read {path}: an add that was cut off left its journal beside "
            f"it ({path}-journal), which only a process that may write the file "
            "can play back; until then the file cannot be read",
            "read-only",
        )
        assert explained(write=True) == (
            f"cannot write {path}: the file or its directory is read-only",
            "read-only",
        )

    def test_a_journal_in_a_read_only_directory_is_refused_before_an_add(
        self, path: Path, not_writable: set[str]
    ) -> None:
        """A journal beside the file (one another program keeps, PRAGMA
        journal_mode=PERSIST, zeroed, or a cut-off add's) in a read-only
        directory: SQLite would write it, fail to remove it as the add
        commits, and leave it live, every read failing after (a review found
        the add saying that the journal could not be played back, and the
        file unreadable after). Refused before SQLite is asked, file and
        journal left as they were. The directory is taken as read-only by
        its access check, since root may write any."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        journal = Path(f"{path}-journal")
        journal.write_bytes(bytes(512))
        before = path.read_bytes()
        not_writable.add(str(path.parent))
        with pytest.raises(ArchiveError) as info:
            store.add(SAMPLE, seen_at=T2)
        assert (str(info.value), info.value.code) == (
            f"cannot write {path}: a journal is beside it ({journal}), and its "
            f"directory {path.parent} is read-only, where SQLite removes the "
            "journal as an add ends; nothing was changed",
            "read-only",
        )
        assert (path.read_bytes(), journal.read_bytes()) == (before, bytes(512))
        assert store.load().scrapes == (T1,)
        # With no journal there, the add goes on: SQLite would make one
        # (here it may) or say the directory is read-only.
        journal.unlink()
        assert store.add(SAMPLE, seen_at=T2).recorded
        assert store.load().scrapes == (T1, T2)

    def test_a_journal_the_user_may_not_write_is_named(
        self, path: Path, not_writable: set[str]
    ) -> None:
        """SQLite cannot open a journal this user may not write (a cut-off
        add of another user's) to play it back, and says only "unable to
        open database file", code failed, which a review found given as it
        was. The message names the journal, code read-only; without the
        journal, or with one the user may write, SQLite's words stand.
        (Root may write any file: SQLite's error and the access check are
        made.)"""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        journal = Path(f"{path}-journal")
        cannot = sqlite3.OperationalError("unable to open database file")
        cannot.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
        explained = functools.partial(store._explain, cannot, holder="", waited=0)
        plain = f"cannot read {path}: unable to open database file", "failed"
        assert explained(write=False) == plain
        journal.write_bytes(b"journal")
        assert explained(write=False) == plain  # the user may write it
        not_writable.add(str(journal))
        assert explained(write=False) == (
            f"cannot read {path}: an add that was cut off left its journal "
            f"beside it ({journal}), which is read-only to this user, and only "
            "a process that may write it can play it back; until then the "
            "file cannot be read",
            "read-only",
        )
        # An add: SQLite cannot open the journal (a cut-off add's), or fails
        # with a disk I/O error (one another program keeps), before it
        # writes a page of the file.
        failed = sqlite3.OperationalError("disk I/O error")
        failed.sqlite_errorcode = sqlite3.SQLITE_IOERR
        said = (
            f"cannot write {path}: the journal beside it ({journal}) is "
            "read-only to this user; nothing was changed",
            "read-only",
        )
        assert explained(write=True) == said
        assert store._explain(failed, write=True, holder="", waited=0) == said
        # SQLite may remove a journal that is not live, in a directory it
        # may write, as it fails: the one found before connecting is told.
        not_writable.clear()
        journal.unlink()
        assert store._explain(failed, write=True, holder="", waited=0)[1] == (
            "io-error"
        )
        assert (
            store._explain(
                failed, write=True, holder="", waited=0, journal_read_only=True
            )
            == said
        )

    def test_the_journal_of_a_file_reached_through_a_link_is_beside_its_target(
        self, tmp_path: Path
    ) -> None:
        """SQLite keeps the journal of a file reached through a symbolic link
        beside the link's target: the messages that name the journal name
        that one, whole (a review found them naming one beside the link,
        which does not exist, and a read through the link of a file whose
        journal SQLite could not remove given as a bare I/O error)."""
        data, home = tmp_path / "data", tmp_path / "home"
        data.mkdir()
        home.mkdir()
        target = data / "blog.db"
        open_archive(target).add(SAMPLE, seen_at=T1)
        link = home / "blog.db"
        link.symlink_to(target)
        store = open_archive(link)
        assert bloglist._store._journal(str(link)) == f"{target}-journal"
        assert bloglist._store._journal(str(target)) == f"{target}-journal"
        Path(f"{target}-journal").write_bytes(b"journal")
        undeleted = sqlite3.OperationalError("disk I/O error")
        undeleted.sqlite_errorcode = sqlite3.SQLITE_IOERR_DELETE
        assert store._explain(undeleted, write=False, holder="", waited=0) == (
            f"cannot read {link}: an add that was cut off left its journal "
            f"beside it ({target}-journal), and the file's directory is "
            "read-only, where the journal is removed once played back; until "
            "a process that may write the directory opens the file, it cannot "
            "be read",
            "read-only",
        )

    @pytest.mark.parametrize(
        ("offset", "value"),
        [
            pytest.param(16, b"\x00\x03", id="page size"),
            pytest.param(19, b"\x03", id="read version"),
        ],
    )
    def test_an_sqlite_file_whose_header_sqlite_cannot_read_is_damaged(
        self, path: Path, offset: int, value: bytes
    ) -> None:
        """An archive whose header SQLite refuses (a page size that is no
        power of two, a read version it does not know) still starts as
        SQLite's files do: damaged, not another kind of file (a review found
        it called "not an SQLite database", code not-an-archive). A file that
        does not start so is still not one."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        data = bytearray(path.read_bytes())
        data[offset : offset + len(value)] = value
        path.write_bytes(bytes(data))
        for call in (
            lambda: open_archive(path).load(),
            lambda: open_archive(path).add(SAMPLE, seen_at=T2),
        ):
            with pytest.raises(ArchiveError) as info:
                call()
            assert info.value.code == "damaged"
            assert str(info.value).startswith(
                f"{path} is damaged (SQLite cannot read its header: "
            )
            assert str(info.value).endswith("); restore it from a backup")
        assert path.read_bytes() == data
        data[:16] = b"Not SQLite here\x00"
        path.write_bytes(bytes(data))
        with pytest.raises(ArchiveError) as info:
            open_archive(path).load()
        assert (str(info.value), info.value.code) == (
            f"{path} is not an archive: it is not an SQLite database",
            "not-an-archive",
        )

    @pytest.mark.parametrize("data", [b"x", b"\n", b"\0", b"s"])
    @pytest.mark.parametrize("create", [False, True])
    def test_a_file_of_one_byte_is_not_taken_for_an_empty_one(
        self, path: Path, data: bytes, create: bool
    ) -> None:
        """SQLite reads a file of one byte as an empty one: `echo > blog.db`
        was called empty by reads, and written over by an add. It is refused
        as any other file that is no SQLite database, and kept as it was."""
        path.write_bytes(data)
        mtime = path.stat().st_mtime_ns
        for call in (
            lambda: open_archive(path, create=create).load(),
            lambda: open_archive(path, create=create).add(SAMPLE, seen_at=T1),
        ):
            with pytest.raises(ArchiveError) as info:
                call()
            assert (str(info.value), info.value.code) == (
                f"{path} is not an archive: it is not an SQLite database",
                "not-an-archive",
            )
        assert (path.read_bytes(), path.stat().st_mtime_ns) == (data, mtime)
        assert sorted(path.parent.iterdir()) == [path]

    def test_a_file_of_sqlite_s_own_one_byte_is_an_empty_one(self, path: Path) -> None:
        """The one byte SQLite writes to an empty file on some systems (an
        "S", the first of its header) leaves the file empty to it: an add
        makes the archive there, as in an empty file."""
        path.write_bytes(b"S")
        with pytest.raises(ArchiveError, match="it is empty") as info:
            open_archive(path, create=False).load()
        assert info.value.code == "not-an-archive"
        open_archive(path).add(SAMPLE, seen_at=T1)
        assert open_archive(path).load().listing == SAMPLE

    @staticmethod
    def _in_wal_mode(path: Path) -> None:
        """*path*, an archive, turned to write-ahead logging by another
        program, and closed (its -wal and -shm files then removed)."""
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
        assert not Path(f"{path}-wal").exists()

    def test_a_read_only_archive_in_wal_mode_says_why_it_cannot_be_read(
        self, path: Path
    ) -> None:
        """An archive another program turned to WAL, in a read-only place:
        SQLite's readers of such a file write its -shm file beside it, so a
        read fails where a read of bloglist's own mode works. The message
        says so and how to turn it back, not "cannot write" to a command that
        only reads. SQLite's answer (its extended code) is given as SQLite
        gives it, since root may write any directory."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        readonly = sqlite3.OperationalError("attempt to write a readonly database")
        readonly.sqlite_errorcode = 1544  # SQLITE_READONLY_DIRECTORY
        plain = store._explain(readonly, write=False, holder="", waited=0)
        assert plain == (
            f"cannot write {path}: the file or its directory is read-only",
            "read-only",
        )
        self._in_wal_mode(path)
        assert store._explain(readonly, write=False, holder="", waited=0) == (
            f"cannot read {path}: another program turned it to write-ahead "
            f"logging (PRAGMA journal_mode=WAL), whose readers write beside the "
            f"file ({path}-shm), and the file or its directory is read-only; "
            f"where they may be written, turn it back: sqlite3 {path} "
            "'PRAGMA journal_mode=DELETE'",
            "read-only",
        )
        # An add says what it always says of a read-only file.
        assert store._explain(readonly, write=True, holder="", waited=0) == plain
        # A file gone meanwhile is in no mode: the plain message.
        assert not _store._in_wal_mode(f"{path}.gone")
        # Turned back as the message says, it reads as before.
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA journal_mode = DELETE")
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    @pytest.mark.skipif(
        sys.platform == "win32" or os.geteuid() == 0,
        reason="root (and Windows) may write a read-only directory",
    )
    def test_a_read_only_archive_in_wal_mode_as_sqlite_reads_it(
        self, path: Path
    ) -> None:
        """The same, end to end, for a user who may not write the directory."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        self._in_wal_mode(path)
        path.chmod(0o444)
        path.parent.chmod(0o555)
        try:
            with pytest.raises(ArchiveError, match="turned it to write-ahead") as info:
                open_archive(path, create=False).load()
        finally:
            path.parent.chmod(0o755)
        assert info.value.code == "read-only"

    def test_a_full_disk(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A disk that fills up mid-scrape: a clear error, and the file as before."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        before = store.load()
        pages = path.stat().st_size // 4096
        monkeypatch.setattr(_store, "_PRAGMAS", (f"PRAGMA max_page_count = {pages}",))
        with pytest.raises(
            ArchiveError, match="the disk is full; nothing was changed"
        ) as info:
            store.add(big_listing(2000), seen_at=T2, allow_all_gone=True)
        assert info.value.code == "disk-full"
        monkeypatch.setattr(_store, "_PRAGMAS", ())
        assert store.load() == before
        assert integrity(path) == "ok"

    @pytest.mark.big
    @pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="a tmpfs is Linux's"
    )
    def test_a_full_temporary_directory_fails_no_add(self, tmp_path: Path) -> None:
        """An add of 50,000 posts builds temporary indexes larger than the
        cache: kept in memory, not written to SQLite's temporary directory,
        whose disk, full, failed the add as "the disk is full" though the
        archive's disk had room. Needs a tmpfs of its own (root)."""
        full = tmp_path / "tmp"
        full.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)],
            capture_output=True,
            check=False,
        )
        if mounted.returncode:
            pytest.skip("mounting a tmpfs needs root and the right to mount")
        try:
            with open(full / "fill", "wb", buffering=0) as fp, suppress(OSError):
                while True:
                    fp.write(b"\0" * 4096)
            script = (
                "import datetime as dt, sys, bloglist\n"
                "posts = [bloglist.Post(title=f'Post {i}', excerpt='x',"
                " date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000))"
                " for i in range(50_000)]\n"
                "print(bloglist.open_archive(sys.argv[1]).add(posts,"
                " seen_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)))\n"
            )
            env = {**os.environ, "SQLITE_TMPDIR": str(full)}
            run = subprocess.run(
                [sys.executable, "-c", script, str(tmp_path / "blog.db")],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
        finally:
            subprocess.run(["umount", str(full)], check=True)
        assert (run.returncode, run.stdout, run.stderr) == (
            0,
            "50000 posts: 50000 new\n",
            "",
        )

    def test_a_full_disk_whose_journal_stays_is_not_hidden(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A disk that fills up mid-scrape is checked as an I/O error is (see
        test_a_journal_that_cannot_be_played_back_is_not_hidden): when its
        journal could not be played back (a disk too full to play it, taken
        here as the check's answer), the error does not say that nothing
        was changed, and says not to copy the file."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        pages = path.stat().st_size // 4096
        monkeypatch.setattr(_store, "_PRAGMAS", (f"PRAGMA max_page_count = {pages}",))
        monkeypatch.setattr(_store.ArchiveFile, "_rolled_back", lambda self: False)
        with pytest.raises(ArchiveError) as info:
            store.add(big_listing(2000), seen_at=T2, allow_all_gone=True)
        assert info.value.code == "disk-full"
        assert str(info.value) == (
            f"cannot write {path}: database or disk is full, and its journal could "
            "not be played back; the next process that may write the file "
            "restores it as it opens it: do not copy the file until then"
        )

    def test_a_bad_time_changes_nothing(self, path: Path) -> None:
        """A scrape older than the last one is refused, and the file keeps its state."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T2)
        with pytest.raises(ValueError, match="earlier than the archive's last scrape"):
            store.add(SAMPLE[1:], seen_at=T1)
        with pytest.raises(ValueError, match="no time zone"):
            store.add(SAMPLE, seen_at=datetime.datetime(2026, 1, 1))
        assert store.load() == Archive().merge(SAMPLE, seen_at=T2)

    @pytest.mark.parametrize(
        "zone",
        [datetime.tzinfo(), type("Bare", (datetime.tzinfo,), {})()],  # type: ignore[abstract]
    )
    def test_a_time_whose_tzinfo_gives_no_offset_changes_nothing(
        self, path: Path, zone: datetime.tzinfo
    ) -> None:
        """A tzinfo that implements no utcoffset() (a bare datetime.tzinfo()):
        the ValueError merge gives, naming seen_at, not NotImplementedError;
        the file as it was."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        message = (
            "seen_at 2025-03-06T08:00:00 has no UTC offset: its timezone"
            f" ({type(zone).__name__}) does not implement utcoffset()"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
            store.add(SAMPLE[1:], seen_at=T2.replace(tzinfo=zone))
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)


def _damage(path: Path, change: str) -> None:
    """An archive of the sample at *path*, then *change* made to it by SQL."""
    open_archive(path).add(SAMPLE, seen_at=T1)
    with closing(sqlite3.connect(path)) as db, db:
        db.executescript(change)


def _damaged(path: Path, problem: str) -> str:
    """What every call says of the file at *path* holding a value that
    raises the ValueError *problem*."""
    return (
        f"{path} is damaged (it holds what bloglist never writes: ValueError: "
        f"{problem}); restore it from a backup"
    )


def _load_refuses(path: Path, problem: str) -> str:
    """Check that load says the file at *path* is damaged by *problem*;
    the message, for the calls after it to give too."""
    expected = _damaged(path, problem)
    with pytest.raises(ArchiveError) as loading:
        open_archive(path).load()
    assert str(loading.value) == expected
    return expected


def _renumbered_sql(seq: int) -> str:
    """SQL that gives the post of the highest seq the seq *seq*, in the
    last scrape's shown too, as bloglist would have written it."""
    return (
        f"UPDATE scrapes SET shown = (SELECT json_group_array(CASE value WHEN "
        f"(SELECT max(seq) FROM posts) THEN {seq} ELSE value END) FROM "
        f"json_each(shown)) WHERE id = (SELECT max(id) FROM scrapes); "
        f"UPDATE posts SET seq = {seq} WHERE seq = (SELECT max(seq) FROM posts);"
    )


def _add_refuses(path: Path, expected: str) -> None:
    """Check that an add of a scrape to the file at *path* (the sample,
    which shares posts with it) raises the error *expected* and leaves the
    file as it was."""
    before = path.read_bytes()
    with pytest.raises(ArchiveError) as adding:
        open_archive(path).add(SAMPLE, seen_at=T3)
    assert (str(adding.value), adding.value.code) == (expected, "damaged")
    assert path.read_bytes() == before


def _negative_count(path: Path, more: str = "") -> str:
    """An archive of the sample at *path* whose newest post counts -1
    versions, with the SQL *more* run after; what load says of it (checked),
    for add to say too."""
    _damage(
        path,
        "UPDATE posts SET versions = -1 WHERE seq = (SELECT max(seq) FROM posts);"
        + more,
    )
    with closing(sqlite3.connect(path)) as db:
        (post_id,) = db.execute("SELECT id FROM posts WHERE versions = -1").fetchone()
    return _load_refuses(path, f"post {post_id!r}: a count is a whole number, not -1")


class TestDamage:
    def test_a_seq_of_0_is_damage(self, path: Path) -> None:
        """Posts are numbered from 1: a seq of 0, with the scrape's shown
        made to match, is damage, named by the post."""
        _damage(
            path,
            "UPDATE posts SET seq = 0 WHERE seq = 1; UPDATE scrapes SET shown = "
            "(SELECT json_group_array(CASE value WHEN 1 THEN 0 ELSE value END) "
            "FROM json_each(shown));",
        )
        with closing(sqlite3.connect(path)) as db:
            (post_id,) = db.execute("SELECT id FROM posts WHERE seq = 0").fetchone()
        _load_refuses(path, f"post {post_id!r}: seq is a whole number from 1, not 0")

    def test_the_first_seq_shown_that_no_post_has_is_named(self, path: Path) -> None:
        """Of two seqs of the last scrape that no post has, the first is
        named, as add names it when it reads them."""
        _damage(path, "UPDATE scrapes SET shown = '[1,70,90]'")
        _load_refuses(
            path, "the last scrape shows seq 70, which no post still on the page has"
        )

    @pytest.mark.parametrize(
        ("change", "problem"),
        [
            pytest.param(
                "UPDATE scrapes SET posts = -1 WHERE id = 1",
                "ValueError: a count is a whole number, not -1",
                id="count",
            ),
            pytest.param(
                "UPDATE scrapes SET shown = '{}' WHERE id = 1",
                "ValueError: scrape 1 has shown '{}', not a JSON array of seq",
                id="shown",
            ),
            pytest.param(
                "UPDATE scrapes SET source = x'41' WHERE id = 1",
                "TypeError: a scrape's source is text, not bytes",
                id="source",
            ),
        ],
    )
    def test_an_earlier_scrape_that_scrapes_refuses_load_refuses(
        self, path: Path, change: str, problem: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A row of an earlier scrape (not the last, whose page load checks
        anyway) holding what bloglist never writes, which scrapes() calls
        damage (of what it reads: not the posts shown), is damage to load and
        to the command's reads too: a review found them reading the file as
        whole."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        open_archive(path).add(SAMPLE, seen_at=T2)
        with closing(sqlite3.connect(path)) as db, db:
            db.executescript(change)
        expected = (
            f"{path} is damaged (it holds what bloglist never writes: {problem}); "
            "restore it from a backup"
        )
        for read in ("load", "scrapes") if "shown" not in change else ("load",):
            with pytest.raises(ArchiveError) as info:
                getattr(open_archive(path), read)()
            assert (str(info.value), info.value.code) == (expected, "damaged")
        for command in ("show", "feed"):
            assert main(["archive", command, str(path)]) == 2
            assert capsys.readouterr() == ("", f"bloglist: error: {expected}\n")

    def test_a_time_with_no_offset_is_damage_that_says_so(self, path: Path) -> None:
        """A scrape's time written without its offset is said to have none,
        not corrected to a time in the machine's own zone."""
        _damage(path, "UPDATE scrapes SET seen_at = '2025-03-05T08:00:00.000000'")
        _load_refuses(path, "time '2025-03-05T08:00:00.000000' has no offset")


class TestWhatAddReads:
    """The rows an add reads, checked as load checks them: refused in the
    words load gives, the file unchanged."""

    def test_an_edit_at_the_last_scrapes_time_is_recorded(self, path: Path) -> None:
        """A scrape at the same time as the last one is not the last one
        again when a post differs: its edit is recorded, as merge records
        it, with a scrape of its own."""
        store = open_archive(path)
        first = bloglist.Post(title="A", excerpt="one")
        edited = bloglist.Post(title="A", excerpt="two")
        store.add([first], seen_at=T1)
        added = store.add([edited], seen_at=T1)
        assert (added.changed, added.unchanged, added.recorded) == (1, 0, True)
        archive = store.load()
        assert archive == Archive().merge([first], seen_at=T1).merge(
            [edited], seen_at=T1
        )
        (entry,) = archive.entries
        assert [version.post.excerpt for version in entry.versions] == ["one", "two"]
        assert len(store.scrapes()) == 2

    @pytest.mark.parametrize("count", [1, 3])
    def test_a_count_of_versions_other_than_the_versions_is_damage(
        self, path: Path, count: int
    ) -> None:
        """A post's count of versions, fewer or more than it has, is damage
        to load."""
        store = open_archive(path)
        store.add([bloglist.Post(title="A", excerpt="one")], seen_at=T1)
        store.add([bloglist.Post(title="A", excerpt="two")], seen_at=T2)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE posts SET versions = ?", (count,))
            (post_id,) = db.execute("SELECT id FROM posts").fetchone()
        _load_refuses(
            path, f"post {post_id!r} counts {count} versions, not the 2 it has"
        )

    def test_a_count_that_is_no_whole_number_is_damage_to_add_as_to_load(
        self, path: Path
    ) -> None:
        """A count of versions below 0 on a row the scrape pairs with, seen
        again unchanged, is refused by add in load's words."""
        _add_refuses(path, _negative_count(path))

    def test_a_match_title_that_is_not_text_is_damage_to_add(self, path: Path) -> None:
        """posts.match_title, which only add reads, holding bytes on a row
        the scrape could pair with (a post of the same date, left over by
        title) is damage: not a title that pairs with nothing."""
        day = datetime.date(2025, 3, 1)
        store = open_archive(path)
        store.add([bloglist.Post(title="Old title", date=day)], seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE posts SET match_title = X'4f6c64'")
            (post_id,) = db.execute("SELECT id FROM posts").fetchone()
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as adding:
            store.add([bloglist.Post(title="New title", date=day)], seen_at=T2)
        assert (str(adding.value), adding.value.code) == (
            f"{path} is damaged (it holds what bloglist never writes: TypeError: "
            f"post {post_id!r}: a title or excerpt is text, not bytes); restore it "
            "from a backup",
            "damaged",
        )
        assert path.read_bytes() == before

    @pytest.mark.parametrize("how", ["listing", "pages", "empty page 1"])
    @pytest.mark.parametrize("kind", ["no post", "a gone post", "left out"])
    def test_damage_to_the_last_page_comes_before_a_refusal_of_the_scrape(
        self, path: Path, kind: str, how: str
    ) -> None:
        """A scrape that pairs with no present post, added to a file whose
        last scrape shows a seq that no post on the page has (none, or a
        post made gone by hand) or leaves out a post on the page, is refused
        for the damage, as load refuses the file: not as a scrape that would
        make every post gone, since the posts counted present are what the
        damage leaves; and so is one whose first page is empty, which the
        page check, judging by the damaged page, would refuse."""
        store = open_archive(path)
        store.add([bloglist.Post(title="A"), bloglist.Post(title="B")], seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            if kind == "no post":
                db.execute("UPDATE scrapes SET shown = '[2,1,999]'")
                problem = "the last scrape shows seq 999, which no post still on "
            elif kind == "a gone post":
                db.execute("UPDATE posts SET gone_since = last_seen WHERE title = 'B'")
                problem = "the last scrape shows seq 1, which no post still on "
            else:
                db.execute("UPDATE scrapes SET shown = '[2]'")
                (left_out,) = db.execute(
                    "SELECT id FROM posts WHERE title = 'B'"
                ).fetchone()
                problem = (
                    f"post {left_out!r} is on the page (its gone_since is NULL), "
                    "but the last scrape does not show it"
                )
        if kind != "left out":
            problem += "the page has"
        expected = _load_refuses(path, problem)
        before = path.read_bytes()
        if how == "empty page 1":
            scrape = [bloglist.Post(title="A")]
            pages: list[list[bloglist.Post]] | None = [[], scrape]
        else:
            scrape = [bloglist.Post(title="X")]
            pages = [scrape] if how == "pages" else None
        with pytest.raises(ArchiveError) as adding:
            store.add(scrape, seen_at=T2, pages=pages)
        assert (str(adding.value), adding.value.code) == (expected, "damaged")
        assert path.read_bytes() == before

    @pytest.mark.parametrize("paged", [False, True])
    def test_a_row_s_damage_comes_before_the_last_page_s_with_pages_or_not(
        self, path: Path, paged: bool
    ) -> None:
        """A file with a count of versions below 0 on a post the scrape pairs
        with and a last scrape that shows a seq no post has: add names the
        count, as load does (it checks the last page last), with ``pages=``
        as without, not the page that the page check would read first."""
        expected = _negative_count(
            path, "UPDATE scrapes SET shown = json_insert(shown, '$[#]', 999);"
        )
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as adding:
            open_archive(path).add(
                SAMPLE, seen_at=T3, pages=[list(SAMPLE)] if paged else None
            )
        assert (str(adding.value), adding.value.code) == (expected, "damaged")
        assert path.read_bytes() == before

    def test_the_first_of_two_seqs_missing_from_the_page_is_named(
        self, path: Path
    ) -> None:
        """Two posts of the last scrape deleted by hand, rows and versions:
        add names the first seq the last scrape shows that no post has, as
        load does."""
        store = open_archive(path)
        store.add([bloglist.Post(title=title) for title in "ABC"], seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(
                "DELETE FROM versions WHERE post_id IN "
                "(SELECT id FROM posts WHERE title IN ('B', 'C'))"
            )
            db.execute("DELETE FROM posts WHERE title IN ('B', 'C')")
        expected = _load_refuses(
            path, "the last scrape shows seq 1, which no post still on the page has"
        )
        before = path.read_bytes()
        with pytest.raises(ArchiveError) as adding:
            store.add([bloglist.Post(title="A")], seen_at=T2)
        assert str(adding.value) == expected
        assert path.read_bytes() == before

    def test_a_last_scrape_with_no_post_left_on_the_page_is_damage(
        self, path: Path
    ) -> None:
        """Every post of the last scrape made gone by hand: its shown names
        a seq no post on the page has, to add as to load."""
        store = open_archive(path)
        store.add([bloglist.Post(title="A")], seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE posts SET gone_since = last_seen")
        expected = _load_refuses(
            path, "the last scrape shows seq 1, which no post still on the page has"
        )
        with pytest.raises(ArchiveError) as adding:
            store.add([bloglist.Post(title="B")], seen_at=T2)
        assert str(adding.value) == expected

    @pytest.mark.parametrize("tags", ["{}", '"ab"', '{"a": 1}'])
    def test_tags_of_json_that_is_no_array_are_said_to_be_no_array(
        self, path: Path, tags: str
    ) -> None:
        """A tags column holding JSON that is not an array (an object, a
        string) is damage in the words the docs give: not a JSON array of
        strings. known_tags does not decode a list that can hold no name the
        case rule splits (its docstring): such damage is load's to find."""
        store = open_archive(path)
        store.add([bloglist.Post(title="A", tags=("x",))], seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE posts SET tags = ?", (tags,))
            db.execute("UPDATE versions SET tags = ?", (tags,))
            (post_id,) = db.execute("SELECT id FROM posts").fetchone()
        _load_refuses(
            path,
            f"version 1 of post {post_id!r}: tags {tags!r} are not a JSON array of "
            "strings",
        )
        assert store.known_tags() == ()

    def test_of_versions_of_posts_not_in_posts_the_first_id_is_named(
        self, path: Path
    ) -> None:
        """Two posts rows deleted by hand, their versions kept: load names
        the first of their ids."""
        store = open_archive(path)
        store.add([bloglist.Post(title=title) for title in "ABC"], seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            ids = sorted(
                post_id
                for (post_id,) in db.execute(
                    "SELECT id FROM posts WHERE title IN ('A', 'B')"
                )
            )
            db.execute("DELETE FROM posts WHERE title IN ('A', 'B')")
        _load_refuses(path, f"versions of post {ids[0]!r}, which is not in posts")


class TestArchiveFileContents:
    def test_a_tag_with_a_backslash_is_written_as_json_and_reads_back(
        self, tmp_path: Path
    ) -> None:
        """A tag holding a backslash: the tags column is the JSON array the
        docs describe (the backslash escaped), and the archive loads back
        as merged, twice over (a second add compares the column)."""
        db = tmp_path / "blog.db"
        post = bloglist.Post(title="Paths", tags=("C:\\Users", "Windows"))
        store = bloglist.open_archive(db)
        store.add([post], seen_at=T1)
        later = T1 + datetime.timedelta(days=1)
        store.add([post], seen_at=later)
        merged = bloglist.Archive().merge([post], seen_at=T1)
        assert store.load() == merged.merge([post], seen_at=later)
        reader = sqlite3.connect(db)
        try:
            [(tags,)] = reader.execute("SELECT tags FROM posts").fetchall()
        finally:
            reader.close()
        assert tags == json.dumps(["C:\\Users", "Windows"], ensure_ascii=False)

    @pytest.mark.parametrize(
        ("change", "read", "why"),
        [
            # ISO 8601's basic form, which datetime.date.fromisoformat takes.
            pytest.param(
                "UPDATE versions SET date = replace(date, '-', ''); "
                "UPDATE posts SET date = replace(date, '-', '')",
                "load",
                "date '20250325' is not YYYY-MM-DD",
                id="date",
            ),
            pytest.param(
                "UPDATE versions SET date = date || 'x'; "
                "UPDATE posts SET date = date || 'x'",
                "load",
                "date '2025-03-25x' is not YYYY-MM-DD",
                id="date-and-more",
            ),
            pytest.param(
                "UPDATE versions SET date = '' WHERE date IS NOT NULL; "
                "UPDATE posts SET date = '' WHERE date IS NOT NULL",
                "load",
                "date '' is not YYYY-MM-DD",
                id="date-empty",  # an undated post's is NULL, never ''
            ),
            pytest.param(
                "UPDATE versions SET sticky = 2 WHERE sticky = 1; "
                "UPDATE posts SET sticky = 2 WHERE sticky = 1",
                "load",
                "sticky is 0 or 1, not 2",
                id="sticky",
            ),
            pytest.param(
                "UPDATE scrapes SET posts = -1",
                "scrapes",
                "a count is a whole number, not -1",
                id="count",
            ),
        ],
    )
    def test_a_value_alike_to_what_bloglist_writes_is_still_damage(
        self, tmp_path: Path, change: str, read: str, why: str
    ) -> None:
        """A file edited by hand to hold a value close to one bloglist writes
        (a date without its hyphens, a sticky flag of 2, a negative count of
        posts), in every row that holds it, is refused as damaged: never
        read as if it were one bloglist writes."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=T1)
        editor = sqlite3.connect(db, isolation_level=None)
        try:
            editor.executescript(change)
        finally:
            editor.close()
        with pytest.raises(bloglist.ArchiveError) as info:
            getattr(bloglist.open_archive(db), read)()
        assert str(info.value).startswith(f"{db} is damaged (it holds what")
        assert why in str(info.value)

    def test_a_handle_refuses_a_file_a_newer_bloglist_wrote_since_it_opened(
        self, tmp_path: Path
    ) -> None:
        """An archive written by a newer bloglist after the handle was
        opened (its schema version raised) is refused by load and scrapes,
        with the message that says to upgrade, not read as if it were one
        of this version."""
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        store.add(SAMPLE, seen_at=T1)
        newer = sqlite3.connect(db, isolation_level=None)
        try:
            newer.execute("PRAGMA user_version = 3")
        finally:
            newer.close()
        for read in (store.load, store.scrapes):
            with pytest.raises(bloglist.ArchiveError) as info:
                read()
            assert str(info.value) == (
                f"{db} was written by a newer bloglist (archive schema version 3; "
                "this one reads up to 2); upgrade bloglist to read it"
            )

    def test_add_refuses_tags_not_as_bloglist_writes_them(self, tmp_path: Path) -> None:
        """Tag lists rewritten by hand as other JSON (no space after the
        commas), in a post's row and its versions alike, are damage to add
        as to load: the add changes nothing, rather than read every such
        post as edited and give it a new version."""
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        store.add(SAMPLE, seen_at=T1)
        assert any(len(post.tags) > 1 for post in SAMPLE)
        editor = sqlite3.connect(db, isolation_level=None)
        try:
            editor.executescript(
                "UPDATE posts SET tags = replace(tags, '\", \"', '\",\"'); "
                "UPDATE versions SET tags = replace(tags, '\", \"', '\",\"')"
            )
        finally:
            editor.close()
        before = db.read_bytes()
        with pytest.raises(bloglist.ArchiveError) as info:
            store.add(SAMPLE, seen_at=T1 + datetime.timedelta(days=1))
        assert str(info.value).startswith(f"{db} is damaged (it holds what")
        assert "are not as bloglist writes them" in str(info.value)
        assert db.read_bytes() == before


NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=UTC)


class TestDamageAndForeignFiles:
    @pytest.mark.parametrize(
        ("pragma", "value"), [("user_version", 7), ("application_id", 1196444487)]
    )
    def test_an_empty_database_marked_by_another_program_is_not_taken(
        self, tmp_path: Path, pragma: str, value: int
    ) -> None:
        """An SQLite file with no tables but a `user_version` or an
        `application_id` of its own (another program marks its files so) is
        another program's database: refused, and left as it was."""
        path = tmp_path / "other.db"
        db = sqlite3.connect(path)
        db.execute(f"PRAGMA {pragma} = {value}")
        db.commit()
        db.close()
        for create in (True, False):
            with pytest.raises(bloglist.ArchiveError, match="another SQLite database"):
                bloglist.open_archive(path, create=create)
        db = sqlite3.connect(path)
        try:
            assert db.execute(f"PRAGMA {pragma}").fetchone()[0] == value
            assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        finally:
            db.close()

    def test_a_sticky_flag_other_than_0_or_1_is_damage(self, tmp_path: Path) -> None:
        """Even when the post's row and its version agree on it."""
        path = tmp_path / "blog.db"
        store = bloglist.open_archive(path)
        store.add([Post(title="Pinned", sticky=True)], seen_at=NOON)
        db = sqlite3.connect(path)
        db.execute("UPDATE posts SET sticky = 2")
        db.execute("UPDATE versions SET sticky = 2")
        db.commit()
        db.close()
        with pytest.raises(bloglist.ArchiveError, match=r"damaged.*sticky is 0 or 1"):
            store.load()
        with pytest.raises(bloglist.ArchiveError, match="damaged"):
            store.add([Post(title="Pinned", sticky=True)], seen_at=NOON)

    def test_a_negative_count_of_posts_in_a_scrape_is_damage(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "blog.db"
        store = bloglist.open_archive(path)
        store.add([Post(title="Hi")], seen_at=NOON)
        db = sqlite3.connect(path)
        db.execute("UPDATE scrapes SET posts = -1")
        db.commit()
        db.close()
        with pytest.raises(bloglist.ArchiveError, match=r"damaged.*whole number"):
            store.scrapes()


class TestScrapesGoingBackInTimeAreDamage:
    """A scrape seen earlier than the one added before it (a row written by
    hand) makes the archive damaged, for ``scrapes()`` as for ``load()``,
    wherever it is: here the third, set between the first two."""

    def test_the_third_between_the_first_two(self, tmp_path: Path) -> None:
        path = tmp_path / "a.db"
        store = bloglist.open_archive(path)
        day = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
        for days in range(3):
            store.add(
                [bloglist.Post(title="One")],
                seen_at=day + datetime.timedelta(days=days),
            )
        with closing(sqlite3.connect(path)) as db, db:
            db.execute(
                "UPDATE scrapes SET seen_at = '2025-03-05T12:00:00.000000+00:00' "
                "WHERE id = 3"
            )
        with pytest.raises(bloglist.ArchiveError) as scrapes:
            bloglist.open_archive(path).scrapes()
        assert (
            "scrape 3, seen at 2025-03-05T12:00:00+00:00, is earlier than "
            "scrape 2 added before it, seen at 2025-03-06T00:00:00+00:00"
        ) in str(scrapes.value)
        with pytest.raises(bloglist.ArchiveError) as load:
            bloglist.open_archive(path).load()
        assert str(load.value) == str(scrapes.value)


# An archive of one post, then a second scrape an hour later: what a failure
# or an interrupt at its commit says, and damage in the rows it reads.
MARCH_5 = datetime.date(2025, 3, 5)
ONE_AM = datetime.datetime(2025, 3, 5, 1, tzinfo=UTC)
TWO_AM = datetime.datetime(2025, 3, 5, 2, tzinfo=UTC)


def _one_post_archive(path: Path, timeout: float) -> _store.ArchiveFile:
    store = open_archive(path, timeout=timeout)
    store.add([Post(title="Alpha", date=MARCH_5)], seen_at=ONE_AM)
    return store


def test_damage_in_a_row_read_by_its_date_alone_stops_an_add(tmp_path: Path) -> None:
    """An add reads the archive's posts of the scrape's dates: a damaged one
    among them (a sticky flag bloglist never writes) is an ArchiveError
    saying the file is damaged, and nothing is written, even when the
    scrape shares no title with it."""
    path = tmp_path / "blog.db"
    _one_post_archive(path, timeout=5)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE posts SET sticky = 7")
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match=r"is damaged") as caught:
        open_archive(path).add(
            [Post(title="Beta", date=MARCH_5)], seen_at=TWO_AM, allow_all_gone=True
        )
    assert caught.value.code == "damaged"
    assert path.read_bytes() == before


class TestKnownTags:
    """ArchiveFile.known_tags: the names to read the next scrape with, so
    that its tag lines split as the archived posts' tags are split."""

    def test_the_names_of_the_latest_versions_the_case_rule_splits(
        self, path: Path
    ) -> None:
        """The names of each present post's latest version that the case
        rule splits; an edit to names the case rule reads takes them away,
        and so does a post gone (it keeps the names it was read with, which
        may be the ones a later add corrected). AI, which the case rule
        leaves whole, is not one."""
        store = open_archive(path)
        a = Post(title="A", tags=("GenAI", "Testing"))
        b = Post(title="B", tags=("AI", "Tools"))
        c = Post(title="C", tags=("iOS",))
        d = Post(title="D", tags=("Café", "caféÉté"))  # split café, Été
        store.add([a, b, c, d], seen_at=T1)
        assert store.known_tags() == ("GenAI", "caféÉté", "iOS")
        # A edited to Gen, Testing (read by the case rule); C gone.
        store.add([attrs.evolve(a, tags=("Gen", "Testing")), b, d], seen_at=T2)
        assert store.known_tags() == ("caféÉté",)

    def test_the_names_read_the_posts_back_as_archived(self, path: Path) -> None:
        """Each post of the sample, its tags glued anew by the writer and read
        with the names, is the archived post: the next scrape is unchanged."""
        posts = [
            attrs.evolve(post, tags=tags)
            for post, tags in zip(
                SAMPLE, itertools.cycle([("GenAI", "Testing"), ("iOS", "Rust"), ()])
            )
        ]
        store = open_archive(path)
        store.add(posts, seen_at=T1)
        names = store.known_tags()
        text = bloglist.dumps(posts, known_tags=names)
        added = store.add(bloglist.loads(text, known_tags=names), seen_at=T2)
        assert (added.unchanged, added.changed) == (len(posts), 0)
        # Without them, every post with tags would count as changed.
        assert bloglist.loads(text)[0].tags == ("Gen", "AITesting")

    def test_no_names_for_an_archive_of_none(self, path: Path) -> None:
        """An archive with no scrape, or whose tags the case rule reads; a
        file missing is the error of any read."""
        with pytest.raises(ArchiveError, match="no such file"):
            open_archive(path, create=False).known_tags()
        store = open_archive(path)
        assert store.known_tags() == ()
        store.add(SAMPLE, seen_at=T1)
        assert store.known_tags() == ()


class TestConcurrency:
    @pytest.mark.parametrize(
        ("read_only", "error"),
        [
            (False, "is busy: another process is writing"),
            (True, "read-only"),
        ],
        ids=["writable", "another user's"],
    )
    def test_a_file_another_process_made_meanwhile_is_left_to_it(
        self,
        path: Path,
        monkeypatch: pytest.MonkeyPatch,
        read_only: bool,
        error: str,
    ) -> None:
        """Two adds that both find no file: the one that loses the race for
        the lock leaves the file the other made and is writing, empty until
        its commit, where it is (a review found it removed, so that the
        other's commit failed with a disk I/O error, or went to a file no
        longer in the directory). So does one for which the file is another
        user's, which it may read but not write (a shared directory): SQLite
        opens it read only, where the begin takes no writer's lock and is
        not busy, and the add fails as read-only (a later review found that
        file removed)."""
        connect = sqlite3.connect
        other: list[sqlite3.Connection] = []

        def first_another(database: str, **kwargs: Any) -> sqlite3.Connection:
            # Between this add's look for the file and its connection, the
            # other process makes it and takes the writer's lock.
            if not other:
                made = connect(path, isolation_level=None)
                made.execute("BEGIN IMMEDIATE")
                other.append(made)
            if read_only:  # as the system opens a file this one may not write
                kwargs["uri"] = True
                database = f"{path.as_uri()}?mode=ro"
            opened: sqlite3.Connection = connect(database, **kwargs)
            return opened

        monkeypatch.setattr(sqlite3, "connect", first_another)
        with pytest.raises(ArchiveError, match=error):
            open_archive(path, timeout=0).add(SAMPLE, seen_at=T1)
        monkeypatch.undo()
        (made,) = other
        assert path.exists()
        made.execute("CREATE TABLE theirs (x)")
        made.execute("COMMIT")
        made.close()
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("SELECT name FROM sqlite_master").fetchall() == [
                ("theirs",)
            ]

    @pytest.mark.parametrize("how", ["removed", "moved away", "replaced"])
    @pytest.mark.parametrize("through", ["open_archive", "ArchiveFile"])
    def test_a_file_removed_as_an_add_waits_for_it_is_made_again(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, how: str, through: str
    ) -> None:
        """An add that opened a file another add made, and waits for its
        lock, while that other add fails and removes the file it left empty
        (holding the lock, as it does): the waiting add finds that the path
        no longer names the file it locked, and connects again, making the
        archive anew with its scrape. A review found its scrape committed to
        the removed file: the add said it was added, with status 0, and there
        was no archive (or it failed with a disk I/O error). So too when the
        file was moved away meanwhile (its lock then taken without error),
        and when another empty file was put at its path (no error either: the
        file's identity tells): the archive is the one the path names. The
        wait is open_archive's, as it makes the schema, or the add's own."""
        path.touch()
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        waiting = threading.Event()
        run = bloglist._store._Wait.run

        def noted(wait: Any, db: sqlite3.Connection, statement: str) -> None:
            if statement == "BEGIN IMMEDIATE":
                waiting.set()  # connected to the file, and about to wait
            run(wait, db, statement)

        monkeypatch.setattr(bloglist._store._Wait, "run", noted)
        added: list[object] = []
        opened = open_archive if through == "open_archive" else bloglist.ArchiveFile
        adder = threading.Thread(
            target=lambda: added.append(
                opened(path, timeout=30).add(SAMPLE, seen_at=T1)
            )
        )
        adder.start()
        try:
            assert waiting.wait(30)
            time.sleep(0.2)  # inside its wait for the lock
            if how == "removed":
                path.unlink()  # as the other add does, holding the lock
            else:
                path.rename(path.with_name("elsewhere.db"))
                if how == "replaced":
                    path.touch()
        finally:
            holder.rollback()
            holder.close()
            adder.join(60)
        assert not adder.is_alive()
        assert [str(result) for result in added] == ["12 posts: 12 new"]
        assert path.exists()
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T1)
        if how != "removed":
            assert path.with_name("elsewhere.db").stat().st_size == 0

    def test_a_first_add_racing_another_that_removes_the_file_makes_it_again(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two first adds, neither finding a file: this one's connection makes
        it, and waits for the other's lock, which fails and removes the empty
        file it made, holding its lock. The add knows the file it connected
        to (made by itself or by the other), finds the path no longer names
        it, and connects again: the scrape is added, not a disk I/O error."""
        assert not path.exists()
        holders: list[sqlite3.Connection] = []
        waiting = threading.Event()
        run = bloglist._store._Wait.run

        def noted(wait: Any, db: sqlite3.Connection, statement: str) -> None:
            if statement == "BEGIN IMMEDIATE" and not holders:
                other = sqlite3.connect(
                    path, isolation_level=None, check_same_thread=False
                )
                other.execute("BEGIN IMMEDIATE")  # the other add, first to lock
                holders.append(other)
                waiting.set()
            run(wait, db, statement)

        monkeypatch.setattr(bloglist._store._Wait, "run", noted)
        added: list[object] = []
        adder = threading.Thread(
            target=lambda: added.append(
                bloglist.ArchiveFile(path, timeout=30).add(SAMPLE, seen_at=T1)
            )
        )
        adder.start()
        try:
            assert waiting.wait(30)
            time.sleep(0.2)  # inside its wait for the lock
            path.unlink()  # as the other add does, holding the lock
        finally:
            for other in holders:
                other.rollback()
                other.close()
            adder.join(60)
        assert not adder.is_alive()
        assert [str(result) for result in added] == ["12 posts: 12 new"]
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_a_write_that_cannot_connect_says_so(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that cannot connect to an archive file that is there (the
        system refuses it) says so, and opens no file of its own there (one
        closed would let go of the locks of the program's other connections
        to the file: see test_an_add_keeps_the_locks_of_the_programs_other_connections)."""
        open_archive(path).add(SAMPLE, seen_at=T1)

        def refused(*args: object, **kwargs: object) -> sqlite3.Connection:
            raise sqlite3.OperationalError("unable to open database file")

        opened: list[object] = []
        real_open = os.open

        def noted_open(name: object, *args: object, **kwargs: object) -> int:
            opened.append(name)
            return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

        store = open_archive(path)
        monkeypatch.setattr(sqlite3, "connect", refused)
        monkeypatch.setattr(os, "open", noted_open)
        with pytest.raises(ArchiveError, match="cannot open"):
            store.add(SAMPLE, seen_at=T2)
        monkeypatch.undo()
        assert str(path) not in map(str, opened)

    def test_a_file_moved_away_as_the_lock_is_taken_is_not_written(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The path checked again once the lock is taken: a file moved away
        in the instant the begin took its lock (which the begin does not
        see, unlike a removal before it) is left as it was, and the scrape
        goes to an archive made anew at the path."""
        open_archive(path).add(SAMPLE[:3], seen_at=T1)
        before = path.read_bytes()
        away = path.with_name("away.db")
        run = bloglist._store._Wait.run

        def moved_as_locked(wait: Any, db: sqlite3.Connection, statement: str) -> None:
            run(wait, db, statement)
            if statement == "BEGIN IMMEDIATE" and not away.exists():
                path.rename(away)

        monkeypatch.setattr(bloglist._store._Wait, "run", moved_as_locked)
        added = open_archive(path, timeout=5).add(SAMPLE, seen_at=T2)
        monkeypatch.undo()
        assert str(added) == "12 posts: 12 new"
        assert away.read_bytes() == before
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T2)

    def test_a_file_a_first_add_made_removed_as_it_connects(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The session's mutation review: a first add whose new file was
        removed as it connected (by another add that made it, failed and
        removed it) is connected again and makes the archive, where it
        would have failed as a disk I/O error."""
        connect = sqlite3.connect
        removed: list[bool] = []

        def removed_as_connected(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            db: sqlite3.Connection = connect(*args, **kwargs)
            if not removed:
                removed.append(True)
                path.unlink()
            return db

        monkeypatch.setattr(sqlite3, "connect", removed_as_connected)
        added = _store.ArchiveFile(str(path), timeout=5).add(SAMPLE, seen_at=T1)
        monkeypatch.undo()
        assert removed == [True]
        assert str(added) == "12 posts: 12 new"
        assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T1)

    @pytest.mark.parametrize("how", ["replaced", "removed"])
    def test_a_file_replaced_as_the_add_connects_is_not_written(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, how: str
    ) -> None:
        """The file is told by its device and inode (never by a descriptor of
        it held open: see test_an_add_keeps_the_locks_of_the_programs_other_connections),
        taken before the add connects and again as SQLite holds it open: a
        file replaced (or removed) in between is left as it was, and the add
        connects again, to the file the path names now (or a new one)."""
        open_archive(path).add(SAMPLE[:3], seen_at=T1)
        before = path.read_bytes()
        away = path.with_name("away.db")
        connect = sqlite3.connect

        def replaced_as_connected(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            db: sqlite3.Connection = connect(*args, **kwargs)
            if not away.exists():
                path.rename(away)
                if how == "replaced":
                    path.write_bytes(before)
            return db

        monkeypatch.setattr(sqlite3, "connect", replaced_as_connected)
        added = _store.ArchiveFile(str(path), timeout=5).add(SAMPLE, seen_at=T2)
        monkeypatch.undo()
        assert away.read_bytes() == before
        if how == "replaced":
            assert str(added) == "12 posts: 9 new, 3 unchanged"
            assert open_archive(path).load().scrapes == (T1, T2)
        else:
            assert str(added) == "12 posts: 12 new"
            assert open_archive(path).load() == Archive().merge(SAMPLE, seen_at=T2)

    def test_an_empty_file_made_is_removed_only_under_its_lock(
        self, path: Path
    ) -> None:
        """The file a failed add made and left empty is removed holding the
        file's lock: while another add holds it (it took the lock first, and
        writes the file), the file is that add's, and left alone; a file
        that holds anything is never removed."""
        path.touch()
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            bloglist._store._remove_if_empty(str(path))
            assert path.exists()
        finally:
            other.rollback()
            other.close()
        bloglist._store._remove_if_empty(str(path))
        assert not path.exists()
        path.write_bytes(b"x")
        bloglist._store._remove_if_empty(str(path))
        assert path.read_bytes() == b"x"
        bloglist._store._remove_if_empty(str(path.with_name("missing.db")))
        assert not path.with_name("missing.db").exists()

    def test_an_empty_file_whose_lock_fails_otherwise_is_removed(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where no byte may be written (a full disk, a file size limit of
        0), taking the lock again fails as the add's own begin did, not as
        busy: no other writer holds the file, and it is removed (the same
        limit in a child process: test_cli_history's failed first add)."""
        path.touch()
        connect = sqlite3.connect

        class Failing:
            def __init__(self, db: sqlite3.Connection) -> None:
                self.db = db

            def execute(self, statement: str) -> None:
                error = sqlite3.OperationalError("disk I/O error")
                error.sqlite_errorcode = sqlite3.SQLITE_IOERR
                raise error

            def close(self) -> None:
                self.db.close()

        def failing(*args: Any, **kwargs: Any) -> Failing:
            return Failing(connect(*args, **kwargs))

        monkeypatch.setattr(sqlite3, "connect", failing)
        bloglist._store._remove_if_empty(str(path))
        monkeypatch.undo()
        assert not path.exists()

    def test_a_busy_answer_with_no_wait_is_waited_for_not_spun_on(self) -> None:
        """Where SQLite answers busy at once, without waiting (it does so
        where waiting could deadlock), the wait for the lock sleeps between
        tries, a step at a time, rather than asking again at once for as
        long as the timeout lasts, which would take a whole core."""

        class Busy:
            tries = 0

            def execute(self, statement: str) -> None:
                self.tries += 1
                busy = sqlite3.OperationalError("database is locked")
                busy.sqlite_errorcode = sqlite3.SQLITE_BUSY
                raise busy

        db = Busy()
        wait = _store._Wait(0.3)
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError):
            wait.run(db, "BEGIN IMMEDIATE")  # type: ignore[arg-type]
        took = time.monotonic() - started
        assert 0.3 <= wait.spent <= took
        # A step is 0.05 s: six or seven tries, not thousands.
        assert db.tries <= 0.3 / _store._STEP + 2

    def test_a_busy_file_waits_then_gives_a_clear_error(self, path: Path) -> None:
        """While another connection writes, add waits for the timeout and says why."""
        store = open_archive(path, timeout=0.2)
        store.add(SAMPLE, seen_at=T1)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(
            ArchiveError,
            match=r"busy: another process is writing it; gave up after waiting 0\.[2-5] s",
        ) as info:
            store.add(SAMPLE[1:], seen_at=T2)
        assert info.value.code == "busy"
        assert time.monotonic() - started >= 0.2
        other.execute("ROLLBACK")
        other.close()
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_a_reader_in_a_transaction_holds_up_an_add_for_its_timeout_only(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A reader that holds a read transaction (another program, Datasette,
        a load in another process) keeps add from committing: add gives up
        once, after its timeout, saying so and how long it waited, with the
        file unchanged. It used to write the changes that outgrew its page
        cache to the file before the commit, each such write waiting the
        whole timeout for the reader: many times the timeout in all, then a
        message that blamed a writer and gave the timeout as the wait."""
        store = open_archive(path, timeout=0.2)
        store.add(big_listing(30), seen_at=T1)
        before = path.read_bytes()
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM posts").fetchone()
        # A page cache of 5 pages: the add's changes outgrow it.
        monkeypatch.setattr(_store, "_PRAGMAS", ("PRAGMA cache_size = 5",))
        started = time.monotonic()
        with pytest.raises(ArchiveError) as caught:
            store.add(big_listing(30, start=30), seen_at=T2, allow_all_gone=True)
        waited = time.monotonic() - started
        reader.execute("ROLLBACK")
        reader.close()
        assert waited < 3 * 0.2
        # The wait as measured, to a tenth of a second: 0.2 or a little more.
        assert re.fullmatch(
            re.escape(f"{path} is busy: another process is reading it in a ")
            + r"transaction; gave up after waiting 0\.[2-5] seconds, nothing was changed",
            str(caught.value),
        )
        assert path.read_bytes() == before
        # Once the reader lets go, the same add goes through.
        store.add(big_listing(30, start=30), seen_at=T2, allow_all_gone=True)
        assert len(store.load().entries) == 60

    @staticmethod
    def _slow_add(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
        """Make an add's own work (between its begin and its commit) take
        *seconds* longer."""
        merge = _store.ArchiveFile._merge

        def slow(*args: Any) -> None:
            time.sleep(seconds)
            merge(*args)

        monkeypatch.setattr(_store.ArchiveFile, "_merge", slow)

    def test_the_busy_message_counts_only_the_wait(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An add whose own work takes longer than its timeout, held up at
        the commit by a reader: the message gives the time it waited for the
        reader, about the timeout. It used to count from the opening, the
        add's work too (1.1 seconds here, for a timeout of 0.3)."""
        store = open_archive(path, timeout=0.3)
        store.add(SAMPLE, seen_at=T1)
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM posts").fetchone()
        self._slow_add(monkeypatch, 0.8)
        started = time.monotonic()
        with pytest.raises(ArchiveError) as caught:
            store.add(SAMPLE[1:], seen_at=T2)
        assert time.monotonic() - started >= 0.8 + 0.3
        reader.execute("ROLLBACK")
        reader.close()
        assert re.fullmatch(
            re.escape(f"{path} is busy: another process is reading it in a ")
            + r"transaction; gave up after waiting 0\.[3-5] seconds, nothing was changed",
            str(caught.value),
        )
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_the_commit_waits_for_what_is_left_of_the_timeout(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An add whose own work outlasts its timeout still waits at the
        commit for a reader, up to the timeout: a reader that lets go 0.3
        seconds into the commit's wait of 1 second, the add goes through.
        The wait used to end at a deadline counted from the opening, long
        past, so the commit had one try of 50 ms and the add failed."""
        store = open_archive(path, timeout=1)
        store.add(SAMPLE, seen_at=T1)
        reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM posts").fetchone()
        merge = _store.ArchiveFile._merge

        def slow(*args: Any) -> None:
            time.sleep(1.2)  # longer than the timeout
            merge(*args)
            # The reader lets go 0.3 seconds after the add's work is done.
            threading.Timer(0.3, lambda: reader.execute("ROLLBACK")).start()

        monkeypatch.setattr(_store.ArchiveFile, "_merge", slow)
        store.add(SAMPLE, seen_at=T2)
        reader.close()
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1).merge(
            SAMPLE, seen_at=T2
        )

    def test_opening_and_reading_wait_for_no_writer(self, path: Path) -> None:
        """While another process adds a scrape, open_archive (create=True by
        default) and load read the archive as it was, at once; only a file
        that must be created waits for the writer's lock."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM versions")  # not committed: no one sees it
        started = time.monotonic()
        assert open_archive(path, timeout=0).load() == Archive().merge(
            SAMPLE, seen_at=T1
        )
        assert time.monotonic() - started < 5
        other.execute("ROLLBACK")
        other.close()

    def test_a_busy_file_that_frees_up_in_time(self, path: Path) -> None:
        """A writer that finishes within the timeout only delays the other."""
        store = open_archive(path, timeout=10)
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        store.add(SAMPLE, seen_at=T1)
        other.close()
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    @staticmethod
    def _locked_by_another_process(path: Path) -> bool:
        """Whether a process other than this one is refused the writer's
        lock of the file at *path* (without waiting): some connection of
        this process holds a lock on it."""
        probe = (
            "import sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
            "try:\n"
            "    db.execute('BEGIN IMMEDIATE')\n"
            "except sqlite3.OperationalError:\n"
            "    print('busy')\n"
            "else:\n"
            "    print('taken')\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe, str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return done.stdout == "busy\n"

    @pytest.mark.parametrize("first", [True, False], ids=["first add", "later add"])
    def test_an_add_holds_its_lock_until_it_ends(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, first: bool
    ) -> None:
        """The threads review: a first add read the file's first bytes with
        a file of its own, and closing it let go of the add's writer's lock
        (POSIX locks belong to the process, and closing any descriptor of
        the file ends them all). Another process then took the lock too,
        both wrote the journal, and one failed as a disk I/O error, its
        scrape lost. Midway through an add, another process finds the file
        locked."""
        if not first:
            open_archive(path).add(SAMPLE, seen_at=T1)
        found: list[bool] = []
        upgrade = _store.ArchiveFile._upgrade

        def probed(db: sqlite3.Connection) -> None:
            found.append(self._locked_by_another_process(path))
            upgrade(db)

        monkeypatch.setattr(_store.ArchiveFile, "_upgrade", staticmethod(probed))
        _store.ArchiveFile(str(path)).add(SAMPLE, seen_at=T2)
        monkeypatch.undo()
        assert found == [True]
        assert len(open_archive(path).load().scrapes) == 1 + (not first)

    def test_an_add_keeps_the_locks_of_the_programs_other_connections(
        self, path: Path
    ) -> None:
        """The threads review: every add closed a descriptor of the file it
        held open (to tell whether the file was replaced as it waited), and
        that let go of the locks of the program's other connections to the
        file: a web worker's thread reading it in a transaction no longer
        kept another process's add from committing under it. The reader's
        lock holds through an add of this program, which gives up as busy."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        reader = sqlite3.connect(path, isolation_level=None)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM posts").fetchone()
            assert self._locked_by_another_process(path) is False  # a reader
            with pytest.raises(ArchiveError, match="is busy: another process"):
                _store.ArchiveFile(str(path), timeout=0).add(SAMPLE[:-1], seen_at=T2)
            # Another process's add still waits for the reader (status 75).
            listing = path.with_name("day2.txt")
            listing.write_text(bloglist.dumps(SAMPLE[:-1]), encoding="utf-8")
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bloglist",
                    "archive",
                    "add",
                    "--timeout",
                    "0",
                    "--seen-at",
                    T2.isoformat(),
                    str(path),
                    str(listing),
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert (done.returncode, "is busy" in done.stderr) == (75, True)
        finally:
            reader.execute("ROLLBACK")
            reader.close()
        assert open_archive(path).load().scrapes == (T1,)

    def test_the_last_scrape_again_waits_for_no_reader(self, path: Path) -> None:
        """The threads review: the last scrape again, which writes nothing,
        still committed, and so waited for every reader to finish and gave up
        as busy (with --timeout 1, after a second). It says it added nothing
        at once, with a reader in a transaction."""
        store = open_archive(path, timeout=30)
        store.add(SAMPLE, seen_at=T1)
        reader = sqlite3.connect(path, isolation_level=None)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM posts").fetchone()
            started = time.monotonic()
            added = store.add(SAMPLE, seen_at=T1)
            took = time.monotonic() - started
        finally:
            reader.execute("ROLLBACK")
            reader.close()
        assert not added.recorded
        assert took < 15  # not the 30 seconds of the timeout
        assert open_archive(path).load().scrapes == (T1,)

    def test_a_read_in_another_thread_keeps_a_first_adds_locks(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The second threads review: a read of a file of one byte (the "S"
        SQLite writes to an empty file on some systems) read that byte with
        a file of its own, and closing it let go of the locks of a first
        add in another thread of the program: another process then added
        under it, and the first add failed as a disk I/O error. The byte is
        not read while another connection of the process is open on the
        file, and another process finds the file locked throughout."""
        path.write_bytes(b"S")
        in_add, probed = threading.Event(), threading.Event()
        upgrade = _store.ArchiveFile._upgrade

        def paused(db: sqlite3.Connection) -> None:
            in_add.set()
            probed.wait(60)
            upgrade(db)

        monkeypatch.setattr(_store.ArchiveFile, "_upgrade", staticmethod(paused))
        added: list[object] = []
        adding = threading.Thread(
            target=lambda: added.append(
                _store.ArchiveFile(str(path)).add(SAMPLE, seen_at=T1)
            )
        )
        adding.start()
        try:
            assert in_add.wait(60)
            opened: list[object] = []
            real_open = open

            def noted(name: Any, *args: Any, **kwargs: Any) -> Any:
                opened.append(name)
                return real_open(name, *args, **kwargs)

            monkeypatch.setattr("builtins.open", noted)
            with pytest.raises(ArchiveError) as reading:
                _store.ArchiveFile(str(path), timeout=0).load()
            monkeypatch.setattr("builtins.open", real_open)
            assert reading.value.code == "busy"  # another is making it
            assert str(path) not in map(str, opened)
            locked = self._locked_by_another_process(path)
        finally:
            probed.set()
            adding.join(60)
        assert locked
        assert [str(result) for result in added] == ["12 posts: 12 new"]

    def test_a_read_is_counted_among_the_connections_open_on_the_file(
        self, path: Path
    ) -> None:
        """The session's mutation review: reads were not pinned among the
        connections counted (_HELD). While a read's connection is open, the
        first bytes are read only by that connection's own explanation
        (own=1), and the header of a file in WAL mode is seen then."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
        store = _store.ArchiveFile(str(path))
        with store._connect(write=False):
            assert _store._header(str(path)) == b""
            assert _store._in_wal_mode(str(path))
            assert _store._write_version(str(path)) == 2
        assert _store._identity(str(path)) not in _store._HELD
        assert _store._header(str(path))[:16] == b"SQLite format 3\x00"

    def test_the_first_bytes_are_read_only_where_no_other_connection_is(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """_header reads nothing while a connection of the process other
        than the caller's own is open on the file (closing the file would
        let go of its locks), and reads the bytes where none is."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        assert _store._header(str(path))[:16] == b"SQLite format 3\x00"
        identity = _store._identity(str(path))
        _store._hold(identity)
        try:
            assert _store._header(str(path)) == b""
            assert _store._header(str(path), own=1)[:16] == b"SQLite format 3\x00"
            _store._hold(identity)
            try:
                assert _store._header(str(path), own=1) == b""
            finally:
                _store._let_go(identity)
        finally:
            _store._let_go(identity)
        assert identity not in _store._HELD
        assert _store._header(str(path)) != b""
        # None for a file that cannot be read, is not there, or is no
        # regular file (a FIFO is not waited for).
        assert _store._header(str(path.parent)) == b""
        assert _store._header(str(path.with_name("none.db"))) == b""
        if hasattr(os, "mkfifo"):
            fifo = path.with_name("fifo.db")
            os.mkfifo(fifo)
            assert _store._header(str(fifo)) == b""

        def refused(*args: object, **kwargs: object) -> int:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "open", refused)
        assert _store._header(str(path)) == b""

    def test_a_file_moved_as_the_add_runs_is_said_to_be_moved(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The second threads review: an archive renamed while an add ran
        (`mv blog.db blog.old`, a backup's rotation) failed the add as "the
        file or its directory is read-only", which neither was. It says the
        file was moved, and the file moved is as it was."""
        open_archive(path).add(SAMPLE[:3], seen_at=T1)
        before = path.read_bytes()
        away = path.with_name("blog.old")
        upgrade = _store.ArchiveFile._upgrade

        def moved(db: sqlite3.Connection) -> None:
            path.rename(away)
            upgrade(db)

        monkeypatch.setattr(_store.ArchiveFile, "_upgrade", staticmethod(moved))
        with pytest.raises(ArchiveError) as adding:
            _store.ArchiveFile(str(path)).add(SAMPLE, seen_at=T2)
        monkeypatch.undo()
        assert (str(adding.value), adding.value.code) == (
            f"cannot write {path}: the file was moved or removed while the add "
            "ran, and was left as it was; nothing was changed",
            "failed",
        )
        assert away.read_bytes() == before
        assert not path.exists()

    def test_two_processes_adding_at_once(self, path: Path) -> None:
        """Two real processes add big scrapes together: both land, in some order.

        Both are made to overlap (a check found nothing to say they did): the
        file is held by a writer here until each has said it is about to add
        and had time to start, so both wait for it at once, then race."""
        open_archive(path)
        script = textwrap.dedent(
            """
            import datetime, sys, bloglist
            sys.path.insert(0, sys.argv[3])
            from test_store import big_listing
            start = int(sys.argv[2])
            seen = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
            posts = big_listing(5000, start=start)
            store = bloglist.open_archive(sys.argv[1], timeout=60)
            print("adding", flush=True)
            store.add(posts, seen_at=seen, source=str(start), allow_all_gone=True)
            """
        )
        here = str(Path(__file__).parent)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            procs = [
                subprocess.Popen(
                    [sys.executable, "-c", script, str(path), str(s), here],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for s in (0, 100000)
            ]
            for proc in procs:
                assert proc.stdout is not None
                assert proc.stdout.readline() == "adding\n"
            time.sleep(0.5)
            # Both are still waiting for the file.
            assert [p.poll() for p in procs] == [None, None]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
        for proc in procs:
            assert proc.stdout is not None
            proc.stdout.close()
        assert integrity(path) == "ok"
        scrapes = open_archive(path).scrapes()
        assert sorted(source or "" for _, source, _ in scrapes) == ["0", "100000"]
        archive = open_archive(path).load()
        assert len(archive.entries) == 10000
        # The second scrape found none of the first's posts: they are gone.
        assert len(archive.gone()) == 5000

    def test_a_process_killed_mid_scrape_leaves_the_file_as_before(
        self, path: Path
    ) -> None:
        """SIGKILL in the middle of a big add: the file reads back as it was."""
        store = open_archive(path)
        store.add(big_listing(3000), seen_at=T1)
        before = store.load()
        # The child writes pages to the file before it commits (a tiny page
        # cache), and kills itself halfway through writing the versions, the
        # last big write of the transaction.
        script = textwrap.dedent(
            """
            import datetime, os, signal, sqlite3, sys
            sys.path.insert(0, sys.argv[2])
            import bloglist
            from bloglist import _store
            from test_store import big_listing
            # A tiny page cache, and leave to write it to the file before
            # the commit, which add otherwise never does.
            _store._PRAGMAS = ("PRAGMA cache_size = 5", "PRAGMA cache_spill = ON")

            class Dying(sqlite3.Connection):
                def executemany(self, sql, rows):
                    if sql.startswith("INSERT INTO versions"):
                        rows = list(rows)
                        super().executemany(sql, rows[: len(rows) // 2])
                        os.kill(os.getpid(), signal.SIGKILL)
                    return super().executemany(sql, rows)

            connect = sqlite3.connect
            sqlite3.connect = lambda *a, **k: connect(*a, factory=Dying, **k)
            seen = datetime.datetime(2025, 3, 6, tzinfo=datetime.UTC)
            bloglist.open_archive(sys.argv[1]).add(
                big_listing(8000, start=1500), seen_at=seen)
            """
        )
        child = subprocess.run(
            [sys.executable, "-c", script, str(path), str(Path(__file__).parent)],
            timeout=120,
            check=False,
        )
        assert child.returncode == -signal.SIGKILL
        journal = path.with_name(path.name + "-journal")
        assert journal.exists() and journal.stat().st_size > 0  # killed mid-write
        assert store.load() == before
        assert integrity(path) == "ok"
        assert not journal.exists() or journal.stat().st_size == 0
        store.add(
            big_listing(10, start=90000), seen_at=T2, allow_all_gone=True
        )  # and the file takes the next one
        assert len(store.load().entries) == 3010


class TestBusyArchive:
    def test_a_read_held_up_by_a_writer_says_so_and_claims_no_change(
        self, tmp_path: Path
    ) -> None:
        """A load that a writer holds up (its exclusive lock, as it commits)
        gives up after its timeout with a message that names the writer,
        and, as a read changes nothing, does not say "nothing was changed"."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=T1)
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(bloglist.ArchiveError) as info:
                bloglist.ArchiveFile(db, timeout=0).load()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert str(info.value) == (
            f"{db} is busy: another process is writing it; gave up at once"
        )

    def test_a_wait_of_one_second_is_one_second(self, tmp_path: Path) -> None:
        """The busy message counts the seconds waited, to a tenth, in the
        singular for exactly one: "1 second"."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db)
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(bloglist.ArchiveError) as info:
                bloglist.ArchiveFile(db, timeout=1).add(SAMPLE, seen_at=T1)
        finally:
            other.execute("ROLLBACK")
            other.close()
        found = re.search(r"waiting ([0-9.]+) (seconds?), nothing", str(info.value))
        assert found is not None, info.value
        waited, unit = found.groups()
        # The wait is the timeout, or a little more (its last step): on a
        # loaded machine 1.1 say, which is plural.
        assert 1 <= float(waited) < 2
        assert unit == ("second" if waited == "1" else "seconds")

    def test_an_empty_database_with_a_user_version_is_anothers(
        self, tmp_path: Path
    ) -> None:
        """An SQLite database with no tables but a user_version of its own
        belongs to another program: it is refused, not made an archive."""
        db = tmp_path / "other.db"
        other = sqlite3.connect(db)
        other.execute("PRAGMA user_version = 7")
        other.close()
        with pytest.raises(bloglist.ArchiveError) as info:
            bloglist.open_archive(db)
        assert str(info.value) == (
            f"{db} is not a bloglist archive: it is another SQLite database"
        )
        other = sqlite3.connect(db)
        try:
            assert other.execute("PRAGMA user_version").fetchone() == (7,)
            assert other.execute("SELECT count(*) FROM sqlite_master").fetchone() == (
                0,
            )
        finally:
            other.close()


class _Interrupted(Exception):
    """What the test's signal handler raises, as Ctrl-C's raises
    KeyboardInterrupt."""


class TestInterruptingAWait:
    @pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX timers")
    def test_a_signal_stops_a_commit_waiting_for_a_reader(self, tmp_path: Path) -> None:
        """An add whose commit waits for another process reading the archive
        in a transaction, with no end to its timeout, is stopped by a signal
        handler's exception (Ctrl-C's KeyboardInterrupt) at once: the wait
        is taken in short steps with Python between them, not in one long
        wait inside SQLite. Nothing is added."""
        db = tmp_path / "blog.db"
        store = bloglist.ArchiveFile(db, timeout=float("inf"))
        store.add(SAMPLE, seen_at=T1)
        before = store.load()
        reader = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM posts").fetchall()  # a shared lock
        # Should the wait not stop, the reader lets go after a few seconds.
        release = threading.Timer(4.0, reader.execute, ("ROLLBACK",))

        def interrupt(signum: int, frame: object) -> None:
            raise _Interrupted

        previous = signal.signal(signal.SIGALRM, interrupt)
        release.start()
        start = time.monotonic()
        try:
            signal.setitimer(signal.ITIMER_REAL, 0.3)
            with pytest.raises(_Interrupted):
                store.add(
                    [], seen_at=T1 + datetime.timedelta(days=1), allow_all_gone=True
                )
            stopped = time.monotonic() - start
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            release.cancel()
            release.join()
            if reader.in_transaction:
                reader.execute("ROLLBACK")
            reader.close()
        assert stopped < 2, f"stopped {stopped:.1f} s after the signal was due"
        assert store.load() == before


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Another program reading the file in a transaction: an add's commit
    waits for it."""
    with closing(sqlite3.connect(path, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM posts").fetchall()
        yield
        reader.execute("ROLLBACK")


def test_a_commit_that_gives_up_on_a_reader_says_nothing_was_added(
    tmp_path: Path,
) -> None:
    """The busy error of a commit that waited its timeout for a reader says
    the scrape is not in the archive, as it is not: no note that it is, and
    the command is not told it was added."""
    path = tmp_path / "blog.db"
    store = _one_post_archive(path, timeout=0.2)
    before = store.load()
    with _reading(path), pytest.raises(ArchiveError) as caught:
        store.add(
            [Post(title="Alpha", date=MARCH_5), Post(title="Beta", date=MARCH_5)],
            seen_at=TWO_AM,
        )
    assert caught.value.code == "busy"
    assert getattr(caught.value, "__notes__", []) == []
    assert not _store.committed_before(caught.value)
    assert store.load() == before


class _Interrupt(BaseException):
    """What a signal handler raises, as Python raises KeyboardInterrupt."""


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer")
def test_an_interrupt_while_the_commit_waits_for_a_reader_adds_nothing(
    tmp_path: Path,
) -> None:
    """A signal while the commit waits for a reader (Ctrl-C) is raised within
    a step of the wait, not when the whole timeout is spent, with the
    transaction still open: nothing is added, and the interrupt does not say
    that the scrape is in the archive."""
    path = tmp_path / "blog.db"
    store = _one_post_archive(path, timeout=4)
    before = store.load()

    def interrupt(signum: int, frame: Any) -> None:
        raise _Interrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    try:
        with _reading(path):
            started = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, 0.5)
            with pytest.raises(_Interrupt) as caught:
                store.add(
                    [
                        Post(title="Alpha", date=MARCH_5),
                        Post(title="Beta", date=MARCH_5),
                    ],
                    seen_at=TWO_AM,
                )
            waited = time.monotonic() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert waited < 2  # the timeout is 4 seconds
    assert getattr(caught.value, "__notes__", []) == []
    assert not _store.committed_before(caught.value)
    assert store.load() == before


def test_the_last_scrape_again_commits_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last scrape added again at its own time writes nothing, and ends
    its transaction without a commit (which would wait for readers): an
    interrupt cannot come as a commit returns, and say a scrape was added."""
    path = tmp_path / "blog.db"
    store = _one_post_archive(path, timeout=5)
    before = store.load()
    real_run = _store._Wait.run
    statements: list[str] = []

    def run(self: Any, db: sqlite3.Connection, statement: str) -> None:
        statements.append(statement)
        real_run(self, db, statement)

    monkeypatch.setattr(_store._Wait, "run", run)
    added = store.add([Post(title="Alpha", date=MARCH_5)], seen_at=ONE_AM)
    monkeypatch.undo()
    assert not added.recorded
    assert statements == ["BEGIN IMMEDIATE"]
    assert store.load() == before


def test_an_interrupt_after_the_last_scrape_agains_commit_returned_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same, the interrupt coming later, as the add's connection is
    closed: nothing was added, and the interrupt does not say the scrape is
    in the archive (the command said "interrupted after adding" it, beside
    its own "nothing was added")."""
    path = tmp_path / "blog.db"
    store = _one_post_archive(path, timeout=5)
    before = store.load()
    real_connect = _store.ArchiveFile._connect
    armed = [True]

    @contextmanager
    def connect(
        self: _store.ArchiveFile, **kwargs: Any
    ) -> Iterator[sqlite3.Connection]:
        with real_connect(self, **kwargs) as db:
            yield db
        if armed[0] and kwargs.get("write"):
            armed[0] = False
            raise KeyboardInterrupt

    monkeypatch.setattr(_store.ArchiveFile, "_connect", connect)
    with pytest.raises(KeyboardInterrupt) as caught:
        store.add([Post(title="Alpha", date=MARCH_5)], seen_at=ONE_AM)
    monkeypatch.undo()
    assert armed == [False]  # the add's connection was closed
    assert getattr(caught.value, "__notes__", []) == []
    assert not _store.committed_before(caught.value)
    assert store.load() == before
    # A scrape that was added, interrupted alike, says it is in the archive.
    armed[0] = True
    monkeypatch.setattr(_store.ArchiveFile, "_connect", connect)
    with pytest.raises(KeyboardInterrupt) as caught:
        store.add(
            [Post(title="Alpha", date=MARCH_5)],
            seen_at=ONE_AM + datetime.timedelta(hours=1),
        )
    monkeypatch.undo()
    assert _store.committed_before(caught.value)
    assert len(store.load().scrapes) == len(before.scrapes) + 1


# The edges of each argument -------------------------------------------------


class TestPathEdges:
    @pytest.mark.parametrize(
        ("name", "add", "read"),
        [
            # What the system says of the name: SQLite, which reduces a path
            # as text, opened blog.db, have.db, other.db and y.db.
            ("blog.db/", "a name that ends in '/' names a directory, not a file", ""),
            (
                "blog.db/..",
                "a name that ends in '/..' names a directory, not a file",
                "",
            ),
            ("have.db/", "{d}/have.db is not a directory", "="),
            ("have.db/.", "{d}/have.db is not a directory", "="),
            ("missing/../other.db", "{d}/missing does not exist", "="),
            ("notes.txt/../y.db", "{d}/notes.txt is not a directory", "="),
            ("notes.txt/x.db", "{d}/notes.txt is not a directory", "="),
        ],
    )
    def test_a_name_the_system_does_not_open_reaches_no_other_file(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        name: str,
        add: str,
        read: str,
    ) -> None:
        """A name that ends in a separator, or has '..' after a part that is
        missing or is a file, names no file the system opens: adds and reads
        alike give the system's answer and write nothing. SQLite would have
        opened the file its text reduces to, adding to have.db or making
        blog.db, other.db or y.db, which reads of the same name then said
        was not there."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "notes.txt").write_text("notes\n", encoding="utf-8")
        open_archive("have.db").add(SAMPLE, seen_at=T1)
        before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
        d = str(tmp_path)
        made = f"cannot create {d}/{name}: " + add.format(d=d)
        # A read gives the system's answer too: no such file, or not a directory.
        shown = f"cannot open {d}/{name}: " + (
            add.format(d=d) if read else "no such file"
        )
        store = bloglist.ArchiveFile(name)
        calls: list[tuple[Callable[[], object], str]] = [
            (lambda: open_archive(name), made),
            (lambda: store.add(SAMPLE, seen_at=T2), made),
            (lambda: open_archive(name, create=False), shown),
            (store.load, shown),
            (store.scrapes, shown),
        ]
        for call, message in calls:
            with pytest.raises(ArchiveError) as info:
                call()
            assert str(info.value) == message
        after = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
        assert after == before

    @pytest.mark.skipif(os.name != "posix", reason="SQLite's Unix limit of 512 bytes")
    def test_a_path_too_long_for_sqlite(self, tmp_path: Path) -> None:
        """SQLite opens paths of at most 504 bytes here (512 with its
        journal's suffix), though the system takes far longer ones: the
        message says so, rather than SQLite's bare "unable to open database
        file", for a new archive and an existing one alike."""
        folder = tmp_path / ("a" * 200) / ("b" * 200)
        folder.mkdir(parents=True)
        base = len(os.fsencode(folder))

        def at(length: int) -> Path:  # a path of *length* bytes
            return folder / ("c" * (length - base - len("/.db")) + ".db")

        assert len(os.fsencode(at(505))) == 505
        open_archive(at(504)).add(SAMPLE, seen_at=T1)  # the longest it opens
        new, old = at(505), at(505).with_suffix(".sqlite")
        old.write_bytes(at(504).read_bytes())
        tail = (
            ": the path is too long for SQLite ({} bytes; it takes at most 504 "
            "here, 512 with the suffix of its journal's name, -journal): move "
            "the archive to a shorter path"
        )
        with pytest.raises(ArchiveError) as info:
            open_archive(new)
        assert str(info.value) == f"cannot open {new}" + tail.format(505)
        assert not new.exists()
        with pytest.raises(ArchiveError) as info:
            bloglist.ArchiveFile(old).load()
        assert str(info.value) == f"cannot open {old}" + tail.format(509)

    @SYMLINKS
    def test_a_new_file_in_a_loop_of_links(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A directory that is a loop of links: the system's answer."""
        monkeypatch.chdir(tmp_path)
        Path("loop").symlink_to("loop")
        with pytest.raises(ArchiveError) as info:
            open_archive("loop/blog.db")
        assert str(info.value) == (
            f"cannot create {tmp_path}/loop/blog.db: its directory "
            f"{tmp_path}/loop: Too many levels of symbolic links"
        )

    @pytest.mark.parametrize("name", ["", ":memory:"])
    def test_a_path_that_names_no_file_is_refused(
        self, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """sqlite3 would open a temporary database that vanishes on close, so
        every scrape added would be lost: a ValueError instead."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ValueError, match="names no file"):
            open_archive(name)
        with pytest.raises(ValueError, match="names no file"):
            _store.ArchiveFile(name)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize(
        "name", ["file:blog.db", "file::memory:", "file:blog.db?mode=memory"]
    )
    def test_a_name_that_starts_with_file_colon_is_that_file(
        self, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """SQLite built to read URIs by default (as Debian's is) took
        'file::memory:' for a database gone when closed, so every scrape added
        was lost with no error, and 'file:blog.db' for blog.db: the name is
        a file's, whatever it starts with."""
        monkeypatch.chdir(tmp_path)
        store = open_archive(name)
        store.add(SAMPLE, seen_at=T1)
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)
        assert [p.name for p in tmp_path.iterdir()] == [name]
        assert open_archive(tmp_path / name, create=False).load() == store.load()

    @pytest.mark.parametrize("name", ["blog\x00.db", b"blog\x00.db"])
    def test_a_path_with_a_null_character_is_refused(
        self, name: str | bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """No file name holds U+0000: a ValueError that names the path and
        says so, not os.stat's bare "embedded null byte"."""
        monkeypatch.chdir(tmp_path)
        message = "path 'blog\\x00.db' holds a null character (U+0000), which no file name can"
        for call in (open_archive, _store.ArchiveFile):
            with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
                call(name)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.skipif(
        sys.platform == "win32", reason="Windows file names may hold lone surrogates"
    )
    def test_a_path_the_file_system_cannot_encode_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A lone surrogate that no byte of a file name decodes to (U+D800)
        has no form in UTF-8: a ValueError naming the path and the character,
        not a UnicodeEncodeError from inside."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(UnicodeEncodeError):
            os.fsencode("\ud800")  # the file system's own answer
        message = (
            "path '\\ud800.db' holds U+D800, which the file system's encoding"
            f" ({sys.getfilesystemencoding()}) cannot write"
        )
        for call in (open_archive, _store.ArchiveFile):
            with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
                call("\ud800.db")
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.skipif(
        sys.platform != "linux", reason="Linux file names are bytes, not UTF-8 text"
    )
    def test_a_file_name_that_is_not_utf8_is_still_a_path(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The byte 0xFF of a name decodes to U+DCFF and encodes back to it:
        such a name is a file's, as bytes or as the str os.fsdecode makes."""
        monkeypatch.chdir(tmp_path)
        store = open_archive("\udcff.db")
        store.add(SAMPLE, seen_at=T1)
        assert os.listdir(b".") == [b"\xff.db"]
        again = open_archive(b"\xff.db")
        assert again.load() == Archive().merge(SAMPLE, seen_at=T1)

    @pytest.mark.parametrize("path", [None, 3, ["blog.db"]])
    def test_a_path_of_another_type_is_a_type_error(self, path: object) -> None:
        """The error names the argument."""
        with pytest.raises(
            TypeError, match=r"path must be a str, bytes or os\.PathLike, not"
        ):
            open_archive(path)  # type: ignore[arg-type]
        with pytest.raises(
            TypeError, match=r"path must be a str, bytes or os\.PathLike, not"
        ):
            _store.ArchiveFile(path)  # type: ignore[arg-type]

    def test_a_str_a_pathlike_and_bytes_name_the_same_file(self, path: Path) -> None:
        """Every form of a path the signature names opens the file, kept as a
        str: a str, bytes (as os.fsencode gives it), and a path object of
        either (pathlib's, or one whose __fspath__ gives bytes)."""

        class BytesPath:
            def __fspath__(self) -> bytes:
                return os.fsencode(path)

        open_archive(path).add(SAMPLE, seen_at=T1)
        expected = Archive().merge(SAMPLE, seen_at=T1)
        for form in (path, str(path), os.fsencode(path), BytesPath()):
            store = open_archive(form)
            assert store.path == str(path) and store.load() == expected
            assert _store.ArchiveFile(form) == store

    @pytest.mark.parametrize("create", ["no", None, 0])
    def test_create_must_be_a_bool(self, path: Path, create: object) -> None:
        """create="no" would have created the file: a TypeError, and no file."""
        with pytest.raises(TypeError, match="create must be a bool, not"):
            open_archive(path, create=create)  # type: ignore[arg-type]
        assert not path.exists()

    def test_a_path_that_does_not_exist_yet(self, path: Path) -> None:
        """open_archive creates it; the first add is the first scrape."""
        assert not path.exists()
        store = open_archive(path)
        assert path.is_file() and store.load() == Archive()
        store.add([], seen_at=T1)
        assert store.load() == Archive(scrapes=[T1])

    def test_a_directory(self, tmp_path: Path) -> None:
        """A directory is said to be one, by open, load and add alike."""
        store = _store.ArchiveFile(str(tmp_path))
        for call in (
            lambda: open_archive(tmp_path),
            lambda: open_archive(tmp_path, create=False),
            store.load,
            store.scrapes,
            lambda: store.add(SAMPLE, seen_at=T1),
        ):
            with pytest.raises(
                ArchiveError, match="is a directory, not an archive"
            ) as info:
                call()
            assert info.value.code == "cannot-open"

    @pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
    def test_a_device(self) -> None:
        """A device is no archive file: it cannot be opened as one."""
        with pytest.raises(ArchiveError, match="not a regular file") as info:
            open_archive("/dev/null")
        assert info.value.code == "cannot-open"

    @pytest.mark.parametrize("kind", ["directory", "pipe"])
    def test_a_journal_that_is_no_regular_file(self, path: Path, kind: str) -> None:
        """A directory where SQLite keeps the journal made every add "disk
        I/O error (... ulimit -f)"; a pipe made every open wait, past any
        signal. Both are refused, naming the journal, and the archive is
        kept; moved away, the archive reads and adds again."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        data = path.read_bytes()
        journal = Path(f"{path}-journal")
        if kind == "directory":
            journal.mkdir()
        elif hasattr(os, "mkfifo"):
            os.mkfifo(journal)
        else:
            pytest.skip("no named pipes on this system")
        for call in (
            lambda: open_archive(path),
            lambda: open_archive(path, create=False).load(),
            lambda: store.add(SAMPLE, seen_at=T2),
        ):
            with pytest.raises(ArchiveError) as info:
                call()
            assert (str(info.value), info.value.code) == (
                f"cannot open {path}: {journal}, where SQLite keeps the journal "
                "of an add, is not a regular file (a directory, a pipe or a "
                "device); move it away",
                "cannot-open",
            )
        assert path.read_bytes() == data
        journal.rmdir() if kind == "directory" else journal.unlink()
        assert store.add(SAMPLE, seen_at=T2).unchanged == len(SAMPLE)

    def test_the_code_survives_pickling(self, path: Path) -> None:
        """An ArchiveError sent to another process (a worker's) keeps its
        code and its message."""
        with pytest.raises(ArchiveError) as info:
            open_archive(path, create=False)
        again = pickle.loads(pickle.dumps(info.value))
        assert (type(again), again.code, str(again)) == (
            ArchiveError,
            "no-such-file",
            str(info.value),
        )
        made = ArchiveError("made by hand")
        assert (made.code, str(made)) == ("failed", "made by hand")
        # A code outside the documented words is refused, as PageError
        # refuses a reason: a program matches on them.
        with pytest.raises(ValueError, match="code must be one of 'no-such-file', "):
            ArchiveError("made by hand", code="nonsense")  # type: ignore[arg-type]
        # One of another type is a TypeError, as for every argument.
        for wrong, name in ((5, "int"), (None, "NoneType"), (b"failed", "bytes")):
            with pytest.raises(TypeError, match=f"^code must be a str, not {name}$"):
                ArchiveError("made by hand", code=wrong)  # type: ignore[arg-type]
        assert typing.get_args(bloglist.ArchiveErrorCode)[-1] == "failed"


class TestArchiveFilePaths:
    @pytest.mark.skipif(os.name != "posix", reason="a path that starts with //")
    def test_a_path_that_starts_with_two_slashes_is_read_as_written(
        self, tmp_path: Path
    ) -> None:
        """``//tmp/blog.db`` names ``/tmp/blog.db`` on Linux and macOS: every
        call reads the file an add wrote (a URI of it must not take its first
        name for a host)."""
        name = "/" + str(tmp_path / "blog.db")
        assert name.startswith("//") and not name.startswith("///")
        bloglist.open_archive(name).add(SAMPLE, seen_at=T1)
        store = bloglist.open_archive(name, create=False)
        assert len(store.load().entries) == len(SAMPLE)
        assert store.scrapes() == ((T1, None, len(SAMPLE)),)
        assert (
            store.known_tags()
            == bloglist.open_archive(tmp_path / "blog.db").known_tags()
        )

    def test_a_path_of_the_longest_length_is_not_called_too_long(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A path of 504 bytes, the longest SQLite opens here, that fails to
        open for another reason (a directory read-only to an ordinary user)
        gets that reason, not "too long"; one byte more is too long."""
        folder = tmp_path / ("a" * 200) / ("b" * 200)
        folder.mkdir(parents=True)
        base = len(os.fsencode(folder))

        def at(length: int) -> Path:  # a path of *length* bytes
            return folder / ("c" * (length - base - len("/.db")) + ".db")

        assert len(os.fsencode(at(504))) == 504
        monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
        with pytest.raises(bloglist.ArchiveError) as info:
            bloglist.open_archive(at(504))
        assert str(info.value) == (
            f"cannot create {at(504)}: its directory {folder} is read-only"
        )
        assert info.value.code == "read-only"
        with pytest.raises(bloglist.ArchiveError, match="too long for SQLite") as info:
            bloglist.open_archive(at(505))
        assert info.value.code == "cannot-open"

    @pytest.mark.skipif(os.name != "posix", reason="symbolic links as POSIX has them")
    def test_a_short_path_through_a_link_to_a_long_one_is_too_long(
        self, tmp_path: Path
    ) -> None:
        """A short path that leads, through a symbolic link, to a path
        longer than SQLite opens: SQLite follows the link, so the message
        says the path is too long, and counts the bytes of the long one."""
        folder = tmp_path / ("a" * 200) / ("b" * 200) / ("c" * 200)
        folder.mkdir(parents=True)
        link = tmp_path / "short"
        link.symlink_to(folder)
        path = link / "blog.db"
        length = len(os.fsencode(folder / "blog.db"))
        assert len(os.fsencode(path)) < 504 < length
        with pytest.raises(bloglist.ArchiveError) as info:
            bloglist.open_archive(path)
        assert str(info.value).startswith(
            f"cannot open {path}: the path is too long for SQLite ({length} bytes;"
        )

    @pytest.mark.skipif(os.name != "posix", reason="symbolic links as POSIX has them")
    def test_a_chain_of_links_to_a_missing_file_names_its_end(
        self, tmp_path: Path
    ) -> None:
        """A read through a chain of a few symbolic links to a file that does
        not exist says so, and names the file at the chain's end."""
        target = tmp_path / "blog.db"
        (tmp_path / "link3").symlink_to(target)
        (tmp_path / "link2").symlink_to(tmp_path / "link3")
        (tmp_path / "link1").symlink_to(tmp_path / "link2")
        with pytest.raises(bloglist.ArchiveError) as info:
            bloglist.open_archive(tmp_path / "link1", create=False)
        assert str(info.value) == (
            f"cannot open {tmp_path / 'link1'}: no such file (it is a link to "
            f"{target}, which does not exist)"
        )
        assert not target.exists()


@pytest.mark.skipif(os.name != "posix", reason="symbolic links as POSIX has them")
def test_a_chain_of_39_links_to_a_missing_file_names_its_end(tmp_path: Path) -> None:
    """A chain of links as long as Linux follows (40 in all, the name
    given and 39 more) to a file that does not exist is followed to its
    end, which the error names."""
    target = tmp_path / "blog.db"
    (tmp_path / "link39").symlink_to(target)
    for n in range(38, -1, -1):
        (tmp_path / f"link{n}").symlink_to(tmp_path / f"link{n + 1}")
    with pytest.raises(bloglist.ArchiveError) as info:
        bloglist.open_archive(tmp_path / "link0", create=False)
    assert info.value.code == "no-such-file"
    assert str(info.value) == (
        f"cannot open {tmp_path / 'link0'}: no such file (it is a link to "
        f"{target}, which does not exist)"
    )


class TestTimeoutEdges:
    @pytest.mark.parametrize(
        ("timeout", "error", "message"),
        [
            ("5", TypeError, "timeout must be a number of seconds, not str"),
            (None, TypeError, "timeout must be a number of seconds, not NoneType"),
            (True, TypeError, "timeout must be a number of seconds, not bool"),
            (-1, ValueError, "timeout must be 0 seconds or more, not -1"),
            (-0.001, ValueError, "timeout must be 0 seconds or more"),
            (float("nan"), ValueError, "timeout must be 0 seconds or more, not nan"),
        ],
    )
    def test_a_timeout_that_is_no_wait_is_refused(
        self, path: Path, timeout: object, error: type[Exception], message: str
    ) -> None:
        """A negative or NaN wait means nothing SQLite can do: an error naming
        it, before the file is made."""
        with pytest.raises(error, match=message):
            open_archive(path, timeout=timeout)  # type: ignore[arg-type]
        assert not path.exists()

    def test_the_timeout_is_keyword_only_as_open_archive_has_it(
        self, path: Path
    ) -> None:
        """ArchiveFile(path, 1.0) is refused, as open_archive(path, 1.0) is:
        the library's options are keyword-only; by keyword it is kept."""
        with pytest.raises(TypeError):
            bloglist.ArchiveFile(str(path), 1.0)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            open_archive(path, 1.0)  # type: ignore[call-arg, arg-type]
        assert bloglist.ArchiveFile(str(path), timeout=1.0).timeout == 1.0
        assert bloglist.ArchiveFile(str(path)).timeout == 5.0
        assert not path.exists()

    @pytest.mark.parametrize("timeout", [float("inf"), 1e300, 3e6])
    def test_a_timeout_longer_than_sqlite_takes_still_waits(
        self, path: Path, timeout: float
    ) -> None:
        """SQLite's wait is an int of milliseconds; a longer one used to wrap
        round to no wait at all, failing at once with "busy". Now it waits
        for the other writer, which finishes."""
        store = open_archive(path, timeout=timeout)
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        store.add(SAMPLE, seen_at=T1)
        other.close()
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_no_wait_at_all(self, path: Path) -> None:
        """timeout=0 gives up at once when another process writes."""
        store = open_archive(path, timeout=0)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(ArchiveError, match=r"busy.*; gave up at once, nothing"):
            store.add(SAMPLE, seen_at=T1)
        other.execute("ROLLBACK")
        other.close()
        assert store.load() == Archive()

    def test_no_wait_at_all_for_a_reader(self, path: Path) -> None:
        """timeout=0 gives up at once, too, when another process is reading
        the file in a transaction as the add commits (the commit waited a
        step of SQLite's, and the message said 0.1 seconds)."""
        store = open_archive(path, timeout=0)
        store.add(SAMPLE, seen_at=T1)
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM posts").fetchone()
        with pytest.raises(ArchiveError) as caught:
            store.add(SAMPLE[1:], seen_at=T2)
        reader.execute("ROLLBACK")
        reader.close()
        assert str(caught.value) == (
            f"{path} is busy: another process is reading it in a transaction; "
            "gave up at once, nothing was changed"
        )
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    @pytest.mark.parametrize(
        # The last four float() takes, and a command line never writes.
        "value",
        ["-1", "nan", "soon", " 5", "1_0", "\u0663", "1e3"],
    )
    def test_the_command_refuses_such_a_timeout(
        self, path: Path, value: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """bloglist archive add --timeout: a usage error (status 2), no traceback."""
        listing = path.with_suffix(".txt")
        listing.write_text(bloglist.sample_text(), encoding="utf-8")
        with pytest.raises(SystemExit) as info:
            main(["archive", "add", str(path), str(listing), "--timeout", value])
        assert info.value.code == 2
        assert "is not a number of seconds, 0 or more" in capsys.readouterr().err
        assert not path.exists()


class TestAddEdges:
    @pytest.mark.parametrize(
        ("listing", "message"),
        [
            (None, "listing must be an iterable of posts, such as a Listing, not"),
            (SAMPLE[0], "listing must be an iterable of posts, such as a Listing, not"),
            ([SAMPLE[0], "x"], r"listing\[1\] must be a Post, not str"),
        ],
    )
    def test_a_listing_that_is_not_posts(
        self, path: Path, listing: object, message: str
    ) -> None:
        """add names its argument, as merge does, and leaves the file be."""
        store = open_archive(path)
        with pytest.raises(TypeError, match=message):
            store.add(listing, seen_at=T1)  # type: ignore[arg-type]
        assert store.load() == Archive()

    @pytest.mark.parametrize("when", ["in the add", "as the commit returns"])
    def test_an_interrupt_says_whether_the_scrape_is_in_the_file(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, when: str
    ) -> None:
        """Ctrl-C inside the transaction leaves the file as it was; Ctrl-C
        during the commit, raised as it returns, leaves the scrape added, and
        the interrupt says so (a note, and committed_before for the command)
        and carries the add's counts (added_before, for the command's line)."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        real_run = _store._Wait.run
        statement_then = (
            "COMMIT" if when == "as the commit returns" else "BEGIN IMMEDIATE"
        )

        def run(self: Any, db: sqlite3.Connection, statement: str) -> None:
            real_run(self, db, statement)
            if statement == statement_then:
                raise KeyboardInterrupt  # as Python raises a signal's

        monkeypatch.setattr(_store._Wait, "run", run)
        with pytest.raises(KeyboardInterrupt) as caught:
            store.add(SAMPLE[:3], seen_at=T2)
        monkeypatch.undo()
        committed = when == "as the commit returns"
        assert _store.committed_before(caught.value) is committed
        notes = getattr(caught.value, "__notes__", [])
        assert notes == (
            ["bloglist: it came after the add's commit: the scrape is in the archive"]
            if committed
            else []
        )
        expected = Archive().merge(SAMPLE, seen_at=T1)
        if committed:
            expected = expected.merge(SAMPLE[:3], seen_at=T2)
            # The interrupt carries what the add it stopped counted: what
            # the same add returns uninterrupted.
            twin = open_archive(path.with_name("twin.db"))
            twin.add(SAMPLE, seen_at=T1)
            assert _store.added_before(caught.value) == twin.add(SAMPLE[:3], seen_at=T2)
        assert store.load() == expected
        assert integrity(path) == "ok"

    @pytest.mark.parametrize(
        ("source", "said"),
        [
            (3, "int: the name"),
            (Path("index.txt"), "PosixPath, such as str(path): the name"),
            (b"index.txt", "bytes: the name"),
        ],
    )
    def test_a_source_that_is_not_text(
        self, path: Path, source: object, said: str
    ) -> None:
        """source was stored as whatever SQLite made of it (3 read back as
        '3', a Path failed inside): a TypeError instead, and nothing added;
        for a path, the message says how to name its file."""
        store = open_archive(path)
        with pytest.raises(TypeError, match="source must be a str or None, not") as e:
            store.add(SAMPLE, seen_at=T1, source=source)  # type: ignore[arg-type]
        assert str(e.value).endswith(f", not {said} the scrape is shown with")
        assert store.scrapes() == ()

    def test_a_source_from_a_file_name_that_is_not_utf8(self, path: Path) -> None:
        """A name decoded with surrogate escapes is stored with U+FFFD."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1, source=os.fsdecode(b"index-\xff.txt"))
        assert store.scrapes() == ((T1, "index-\N{REPLACEMENT CHARACTER}.txt", 12),)

    def test_every_lone_surrogate_of_a_source_is_stored_as_u_fffd(
        self, path: Path
    ) -> None:
        """The first and the last lone surrogates, U+D800 and U+DFFF, each
        one U+FFFD, and nothing refused: a source names the file, it is no
        post's text."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1, source="first-\ud800-last-\udfff.txt")
        assert store.scrapes() == ((T1, "first-\ufffd-last-\ufffd.txt", 12),)

    @pytest.mark.parametrize(
        ("post", "field"),
        [
            (Post(title="Bad \udc80 title"), "title"),
            (Post(title="T", excerpt="\ud800"), "excerpt"),
            (Post(title="T", tags=["ok", "\udfff"]), "tags"),
        ],
    )
    def test_a_lone_surrogate_is_refused_and_nothing_is_added(
        self, path: Path, post: Post, field: str
    ) -> None:
        """SQLite text is UTF-8, which cannot hold a lone surrogate: a
        ValueError naming the post and field, and the file as it was."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        with pytest.raises(
            ValueError,
            match=rf"listing\[12\] .* lone surrogate, U\+D[8-F][0-9A-F]{{2}}, in its {field}",
        ):
            store.add([*SAMPLE, post], seen_at=T2)
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)
        assert integrity(path) == "ok"

    def test_control_characters_and_nul_survive_the_file(self, path: Path) -> None:
        """NUL and other controls are text like any other, matched next time."""
        odd = Post(
            title="a\x00b\x1f",
            date=datetime.date(2025, 3, 1),
            excerpt="\x00",
            tags=["\x00"],
        )
        store = open_archive(path)
        store.add([odd], seen_at=T1)
        store.add([odd], seen_at=T2)
        expected = Archive().merge([odd], seen_at=T1).merge([odd], seen_at=T2)
        assert store.load() == expected and len(expected.entries) == 1

    def test_the_first_and_last_instants_of_the_calendar(self, path: Path) -> None:
        """Times in the years 1 and 9999 are stored and sorted as text rightly."""
        first = datetime.datetime.min.replace(tzinfo=UTC)
        last = datetime.datetime.max.replace(tzinfo=UTC)
        store = open_archive(path)
        store.add(SAMPLE, seen_at=first)
        store.add(SAMPLE[1:], seen_at=last)
        expected = (
            Archive().merge(SAMPLE, seen_at=first).merge(SAMPLE[1:], seen_at=last)
        )
        assert store.load() == expected

    @pytest.mark.parametrize(
        "seen_at",
        [
            datetime.datetime.min.replace(
                tzinfo=datetime.timezone(datetime.timedelta(hours=5))
            ),
            datetime.datetime.max.replace(
                tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
            ),
        ],
    )
    def test_a_time_with_no_utc_form_changes_nothing(
        self, path: Path, seen_at: datetime.datetime
    ) -> None:
        """A ValueError, as merge gives, not an OverflowError; the file as it was."""
        store = open_archive(path)
        with pytest.raises(ValueError, match="outside the years 1 to 9999 in UTC"):
            store.add(SAMPLE, seen_at=seen_at)
        assert store.load() == Archive()

    @pytest.mark.parametrize("offset", [-1, 0, 1])
    def test_just_before_at_and_just_after_the_last_scrape(
        self, path: Path, offset: int
    ) -> None:
        """As merge: a microsecond earlier is refused, the same time or later is added."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T2)
        seen_at = T2 + datetime.timedelta(microseconds=offset)
        expected = Archive().merge(SAMPLE, seen_at=T2)
        if offset < 0:
            with pytest.raises(ValueError, match="earlier than"):
                store.add(SAMPLE[1:], seen_at=seen_at)
        else:
            store.add(SAMPLE[1:], seen_at=seen_at)
            expected = expected.merge(SAMPLE[1:], seen_at=seen_at)
        assert store.load() == expected


class TestDaylightSavingFold:
    def test_the_file_agrees_with_merge_in_the_repeated_hour(self, path: Path) -> None:
        """01:45 EDT then 01:15 EST (half an hour later) are added in order,
        and the other way round refused, as merge does."""
        new_york = ZoneInfo("America/New_York")
        edt = datetime.datetime(2025, 11, 2, 1, 45, tzinfo=new_york)
        est = datetime.datetime(2025, 11, 2, 1, 15, fold=1, tzinfo=new_york)
        store = open_archive(path)
        store.add(SAMPLE, seen_at=edt)
        store.add(SAMPLE[1:], seen_at=est)
        expected = Archive().merge(SAMPLE, seen_at=edt).merge(SAMPLE[1:], seen_at=est)
        assert store.load() == expected
        other = open_archive(path.with_name("other.db"))
        other.add(SAMPLE, seen_at=est)
        with pytest.raises(ValueError, match="earlier than"):
            other.add(SAMPLE, seen_at=edt)


class TestPreciseTimes:
    def test_a_pandas_timestamp_with_nanoseconds_loads_as_merged(
        self, path: Path
    ) -> None:
        """seen_at a pandas.Timestamp with nanoseconds: the file's archive,
        kept to the microsecond, equals the merged one. merge kept the
        nanoseconds, so the two differed."""
        pd = pytest.importorskip(
            "pandas", reason="a pandas.Timestamp as seen_at: the test-extra group"
        )
        seen = pd.Timestamp("2025-03-26T06:00:00.123456789Z")
        store = open_archive(path)
        store.add(SAMPLE, seen_at=seen)
        assert store.load() == Archive().merge(SAMPLE, seen_at=seen)
        assert store.scrapes()[0][0] == datetime.datetime(
            2025, 3, 26, 6, 0, 0, 123456, tzinfo=UTC
        )


class TestCreateIsTheOpeningsChoice:
    def test_add_creates_a_file_moved_away_since_the_handle_was_opened(
        self, path: Path
    ) -> None:
        """create=False is a choice of open_archive alone, as documented: the
        handle's add makes a new archive where the file was moved from, and
        open_archive(path, create=False) just before is the check."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        store = open_archive(path, create=False)
        path.rename(path.with_name("moved.db"))
        with pytest.raises(ArchiveError, match="no such file"):
            open_archive(path, create=False)
        store.add(SAMPLE[:1], seen_at=T2)
        assert store.load() == Archive().merge(SAMPLE[:1], seen_at=T2)


class TestAGoneWorkingDirectory:
    def test_opening_a_relative_name_says_the_directory_is_gone(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A relative name in a working directory that was removed: a message
        that says so, not SQLite's "unable to open database file"."""
        gone = tmp_path / "gone"
        gone.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()
        with pytest.raises(ArchiveError) as raised:
            open_archive("blog.db")
        assert str(raised.value) == (
            "cannot open blog.db: the working directory no longer exists"
        )
        assert raised.value.code == "cannot-open"

    def test_a_handle_of_a_relative_name_is_refused_too(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """ArchiveFile("blog.db") made while the working directory is gone
        is refused as open_archive refuses it. It used to keep the relative
        name, and so add to blog.db wherever the program went next."""
        gone, later = tmp_path / "gone", tmp_path / "later"
        gone.mkdir()
        later.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()
        with pytest.raises(ArchiveError) as raised:
            bloglist.ArchiveFile("blog.db")
        assert str(raised.value) == (
            "cannot open blog.db: the working directory no longer exists"
        )
        assert raised.value.code == "cannot-open"
        monkeypatch.chdir(later)
        assert list(later.iterdir()) == []


class TestTheHandleNamesOneFile:
    """A relative path is made absolute when the handle is made: a later
    change of directory, or a process the handle is pickled to, still adds
    to the same file."""

    def test_a_change_of_directory_still_adds_to_the_same_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first, second = tmp_path / "a", tmp_path / "b"
        first.mkdir()
        second.mkdir()
        monkeypatch.chdir(first)
        listing = bloglist.loads(bloglist.sample_text())
        store = bloglist.open_archive("blog.db")
        assert store.path == str(first / "blog.db")
        store.add(listing, seen_at=T1)
        monkeypatch.chdir(second)
        store.add(listing[:3], seen_at=T1 + datetime.timedelta(days=1))
        assert list(second.iterdir()) == []
        archive = bloglist.open_archive(first / "blog.db").load()
        assert archive.scrapes == (T1, T1 + datetime.timedelta(days=1))
        assert bloglist.ArchiveFile("blog.db").path == str(second / "blog.db")

    def test_a_pickled_handle_reaches_the_file_from_another_directory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        store = bloglist.open_archive("blog.db")
        store.add(bloglist.loads(bloglist.sample_text()), seen_at=T1)
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        code = (
            "import pickle, sys; store = pickle.loads(sys.stdin.buffer.read()); "
            "print(len(store.load().entries))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=pickle.dumps(store),
            cwd=elsewhere,
            capture_output=True,
            check=True,
        )
        assert int(done.stdout) == len(bloglist.loads(bloglist.sample_text()))
        assert list(elsewhere.iterdir()) == []

    def test_an_absolute_path_is_kept_as_given(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Joined as it is, not normalised: ".." after a link is the system's.
        given = str(tmp_path / "link" / ".." / "blog.db")
        assert bloglist.ArchiveFile(given).path == given

        def gone() -> str:
            raise FileNotFoundError("the working directory was removed")

        monkeypatch.setattr(os, "getcwd", gone)
        # Never kept relative: it would name a file wherever the program
        # goes next (see TestAGoneWorkingDirectory).
        with pytest.raises(ArchiveError, match="working directory no longer exists"):
            bloglist.ArchiveFile("blog.db")
        assert bloglist.ArchiveFile(given).path == given


def _unable_to_open(*args: object, **kwargs: object) -> sqlite3.Connection:
    raise sqlite3.OperationalError("unable to open database file")


def _directories_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every directory read-only, as an ordinary user would find one: root
    creates files anywhere, so SQLite's refusal and the access check are
    what such a user would meet."""
    monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)


class TestRefuseAllGone:
    """Without ``allow_all_gone``, a scrape is refused that pairs with none of the
    posts the archive's last scrape showed (a challenge page saved in place
    of the index, an empty download): in memory and in the file alike, with
    a ValueError that counts the posts, and nothing written."""

    CHALLENGE = bloglist.loads(
        "Just a moment...\n\nEnable JavaScript and cookies to continue\n"
    )
    REFUSED = (
        "the scrape pairs with none of the 12 posts present in the archive, "
        "which would count as gone (allow_all_gone=True adds it)"
    )

    def both(
        self, path: Path, *scrapes: list[Post], allow_all_gone: bool = False
    ) -> tuple[_store.ArchiveFile, Archive]:
        """A file and an archive, each of *scrapes* added (a day apart, from T1)."""
        store, archive = open_archive(path), Archive()
        allow = allow_all_gone
        for number, scrape in enumerate(scrapes):
            seen_at = T1 + datetime.timedelta(days=number)
            store.add(scrape, seen_at=seen_at, allow_all_gone=allow)
            archive = archive.merge(scrape, seen_at=seen_at, allow_all_gone=allow)
        return store, archive

    @pytest.mark.parametrize(
        "scrape", [[], list(CHALLENGE)], ids=["empty", "challenge"]
    )
    def test_a_scrape_that_pairs_with_no_present_post_is_refused(
        self, path: Path, scrape: list[Post]
    ) -> None:
        store, archive = self.both(path, list(SAMPLE))
        scrapes, loaded = store.scrapes(), store.load()
        with pytest.raises(AllGoneError, match=f"^{re.escape(self.REFUSED)}$") as one:
            archive.merge(scrape, seen_at=T2)
        with pytest.raises(AllGoneError, match=f"^{re.escape(self.REFUSED)}$") as two:
            store.add(scrape, seen_at=T2, source="day2.txt")
        assert one.value.present == two.value.present == 12
        assert store.scrapes() == scrapes and store.load() == loaded
        assert integrity(path) == "ok"

    def test_a_scrape_that_pairs_with_a_gone_post_only_is_refused(
        self, path: Path
    ) -> None:
        """A post back from gone is not one the last scrape showed: a page of
        old posts still makes every present post gone."""
        store, archive = self.both(path, list(SAMPLE), list(SAMPLE[1:]))
        loaded = store.load()
        refused = (
            "the scrape pairs with none of the 11 posts present in the archive, "
            "which would count as gone (allow_all_gone=True adds it)"
        )
        with pytest.raises(AllGoneError, match=f"^{re.escape(refused)}$") as one:
            archive.merge(SAMPLE[:1], seen_at=T3)
        with pytest.raises(AllGoneError, match=f"^{re.escape(refused)}$") as two:
            store.add(SAMPLE[:1], seen_at=T3)
        assert one.value.present == two.value.present == 11
        assert store.load() == loaded and len(store.scrapes()) == 2

    def test_one_post_shown_again_is_enough(self, path: Path) -> None:
        """The challenge page beside one post of the last scrape (the end of
        an index, an edited post among new ones) is added: only the other
        posts count as gone."""
        store, archive = self.both(path, list(SAMPLE))
        edited = attrs.evolve(SAMPLE[5], excerpt="Rewritten.")
        scrape = [*self.CHALLENGE, edited]
        archive = archive.merge(scrape, seen_at=T2)
        store.add(scrape, seen_at=T2)
        assert store.load() == archive
        assert len(archive.gone()) == 11 and len(store.scrapes()) == 2
        present = {e.post.title: e for e in archive.entries if e.gone_since is None}
        assert present.keys() == {"Just a moment...", SAMPLE[5].title}
        assert len(present[SAMPLE[5].title].versions) == 2

    def test_a_first_scrape_or_one_after_nothing_present_is_added(
        self, path: Path
    ) -> None:
        """With no present post there is nothing to lose: an empty first
        scrape, and after a scrape that showed nothing, any scrape."""
        store, archive = open_archive(path), Archive()
        archive = archive.merge([], seen_at=T1)
        store.add([], seen_at=T1)
        archive = archive.merge(SAMPLE, seen_at=T2)
        store.add(SAMPLE, seen_at=T2)
        # All gone (allowed by the keyword), then a page of other posts.
        archive = archive.merge([], seen_at=T3, allow_all_gone=True)
        store.add([], seen_at=T3, allow_all_gone=True)
        later = T3 + datetime.timedelta(days=1)
        archive = archive.merge(self.CHALLENGE, seen_at=later)
        store.add(self.CHALLENGE, seen_at=later)
        assert store.load() == archive
        assert [count for _, _, count in store.scrapes()] == [0, 12, 0, 1]
        present = [e.post.title for e in archive.entries if e.gone_since is None]
        assert present == ["Just a moment..."] and len(archive.gone()) == 12

    def test_allow_all_gone_adds_the_scrape(self, path: Path) -> None:
        store, archive = self.both(
            path, list(SAMPLE), list(self.CHALLENGE), allow_all_gone=True
        )
        assert store.load() == archive
        assert len(archive.gone()) == 12 and len(archive.entries) == 13

    def test_it_must_be_a_bool(self, path: Path) -> None:
        store, archive = self.both(path, list(SAMPLE))
        message = "^allow_all_gone must be a bool, not int$"
        with pytest.raises(TypeError, match=message):
            archive.merge(SAMPLE, seen_at=T2, allow_all_gone=1)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=message):
            store.add(SAMPLE, seen_at=T2, allow_all_gone=1)  # type: ignore[arg-type]
        assert len(store.scrapes()) == 1

    def test_the_error_pickles_with_its_count(self) -> None:
        """Sent to another process (a pool's worker), it is the same error,
        pickled by its public name."""
        with pytest.raises(AllGoneError, match="12 posts present") as info:
            Archive().merge(SAMPLE, seen_at=T1).merge([], seen_at=T2)
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            data = pickle.dumps(info.value, protocol)
            assert b"_archive" not in data
            again = pickle.loads(data)
            assert type(again) is AllGoneError and str(again) == self.REFUSED
            assert again.present == 12

    def test_the_error_is_a_value_error_told_apart_by_its_type(self) -> None:
        """Code written against the ValueError the docs named before still
        catches it; the other ValueErrors of merge are not AllGoneErrors."""
        archive = Archive().merge(SAMPLE, seen_at=T2)
        assert issubclass(AllGoneError, ValueError)
        assert AllGoneError.__module__ == "bloglist"
        with pytest.raises(ValueError, match="earlier than") as info:
            archive.merge([], seen_at=T1)
        assert not isinstance(info.value, AllGoneError)


class TestAddedScrape:
    COUNTS = ("new", "changed", "unchanged", "back", "gone")

    @pytest.mark.parametrize("field", COUNTS)
    def test_each_count_is_an_int_of_0_or_more(self, field: str) -> None:
        """A count is an int (not a bool), 0 or more, as a post's place is."""
        # Ten posts seen again: room for back to count some of them.
        zero: dict[str, Any] = {**dict.fromkeys(self.COUNTS, 0), "unchanged": 10}
        assert getattr(bloglist.AddedScrape(**{**zero, field: 7}), field) == 7
        with pytest.raises(ValueError, match=f"^{field} must be 0 or more, not -1$"):
            bloglist.AddedScrape(**{**zero, field: -1})
        for wrong, name in ((True, "bool"), ("1", "str"), (1.0, "float")):
            with pytest.raises(
                TypeError, match=f"^{field} must be an int, not {name}$"
            ):
                bloglist.AddedScrape(**{**zero, field: wrong})
        with pytest.raises(TypeError, match=r"^recorded must be a bool, not int$"):
            bloglist.AddedScrape(**zero, recorded=1)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("counts", "said"),
        [
            ((0, 0, 0, 0, 0), "0 posts"),
            ((0, 0, 0, 0, 3), "0 posts: 3 gone"),
            ((1, 0, 0, 0, 0), "1 post: 1 new"),
            ((0, 1, 0, 1, 0), "1 post: 1 changed; 1 back"),
            ((2, 3, 4, 1, 5), "9 posts: 2 new, 3 changed, 4 unchanged; 1 back, 5 gone"),
        ],
    )
    def test_str_says_the_counts_that_are_not_0(
        self, counts: tuple[int, ...], said: str
    ) -> None:
        given: dict[str, Any] = dict(zip(self.COUNTS, counts, strict=True))
        added = bloglist.AddedScrape(**given)
        assert str(added) == said
        assert added.posts == sum(counts[:3])
        again = bloglist.AddedScrape(
            new=0, changed=0, unchanged=added.posts, back=0, gone=0, recorded=False
        )
        posts = "1 post" if added.posts == 1 else f"{added.posts} posts"
        assert str(again) == f"{posts}: the last scrape again, nothing added"

    def test_counts_that_no_add_gives_are_refused(self) -> None:
        """back counts posts of the scrape paired with archived ones, so it is
        at most changed + unchanged; a scrape not recorded (the last one
        again) shows each post as it was, so it has unchanged posts only."""
        with pytest.raises(
            ValueError, match=r"at most changed \+ unchanged \(3\), not 4"
        ):
            bloglist.AddedScrape(new=5, changed=1, unchanged=2, back=4, gone=0)
        assert (
            bloglist.AddedScrape(new=5, changed=1, unchanged=2, back=3, gone=0).back
            == 3
        )
        for field in ("new", "changed", "back", "gone"):
            counts: dict[str, Any] = {**dict.fromkeys(self.COUNTS, 0), "unchanged": 2}
            with pytest.raises(ValueError, match="has unchanged posts only"):
                bloglist.AddedScrape(**{**counts, field: 1}, recorded=False)


def test_a_version_under_a_post_id_that_is_no_text_is_quoted_cut_short(
    tmp_path: Path,
) -> None:
    """A file from a stranger whose versions table holds a kilobyte blob as a
    post id is reported as damaged with the blob shown cut short, not a
    message of kilobytes."""
    path = tmp_path / "archive.sqlite"
    seen_at = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    bloglist.open_archive(path).add(
        bloglist.loads(bloglist.sample_text()), seen_at=seen_at
    )
    with closing(sqlite3.connect(path)) as db, db:
        db.executescript(
            "INSERT INTO versions SELECT zeroblob(1000), n, seen_at, title, "
            "date, excerpt, tags, sticky FROM versions WHERE rowid = 1;"
        )
    with pytest.raises(bloglist.ArchiveError, match="is damaged") as info:
        bloglist.open_archive(path).load()
    assert "which is not in posts" in str(info.value)
    assert len(str(info.value)) < 300, str(info.value)
