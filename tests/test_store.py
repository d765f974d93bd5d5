"""Archive files: SQLite on a real disk, with real processes killed and racing."""

from __future__ import annotations

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from contextlib import closing
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bloglist
from bloglist import Archive, ArchiveError, Listing, Post, _store, open_archive
from history_oracle import ORACLE_EXAMPLES, simulate

UTC = datetime.UTC
T1 = datetime.datetime(2025, 3, 5, 8, tzinfo=UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)
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

    def test_an_empty_file_is_an_empty_archive(self, path: Path) -> None:
        """A new archive file loads as Archive()."""
        assert open_archive(path).load() == Archive()
        path.write_bytes(b"")  # a zero-byte file is a new SQLite database
        assert open_archive(path).load() == Archive()


class TestAgainstTheOracle:
    @settings(max_examples=max(1, ORACLE_EXAMPLES * 2 // 5))
    @given(seed=st.integers(0, 2**32))
    def test_a_file_fed_a_simulated_blog_holds_what_merge_gives(
        self, seed: int
    ) -> None:
        """Scrape by scrape, the file reads back as the pure archive (which
        test_archive checks against the truth)."""
        history = simulate(seed, scrapes=8)
        with tempfile.TemporaryDirectory() as directory:
            store = open_archive(Path(directory) / "blog.db")
            archive = Archive()
            for scrape in history.scrapes:
                listing = Listing(scrape.listing)
                store.add(listing, seen_at=scrape.seen_at)
                archive = archive.merge(listing, seen_at=scrape.seen_at)
            assert store.load() == archive


class TestSchema:
    def test_the_tables_read_with_plain_sqlite3(self, path: Path) -> None:
        """Anyone can query posts, versions and scrapes; the version is in user_version."""
        edited = [attrs.evolve(SAMPLE[0], excerpt="Rewritten."), *SAMPLE[1:]]
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1, source="day1.txt")
        store.add(Listing(edited), seen_at=T2, source="day2.txt")
        with closing(sqlite3.connect(path)) as db, db:
            assert db.execute("PRAGMA user_version").fetchone() == (1,)
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


class TestBadFiles:
    def test_a_file_that_is_not_sqlite(self, path: Path) -> None:
        """A text file is refused with a message that says what it is not."""
        path.write_text(bloglist.sample_text(), encoding="utf-8")
        before = path.read_bytes()
        with pytest.raises(ArchiveError, match="not an archive: it is not an SQLite"):
            open_archive(path)
        with pytest.raises(ArchiveError, match="not an SQLite"):
            _store.ArchiveFile(str(path)).load()
        assert path.read_bytes() == before

    def test_another_sqlite_database(self, path: Path) -> None:
        """A database of some other program is refused and left alone."""
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("CREATE TABLE posts (x)")
        before = path.read_bytes()
        with pytest.raises(ArchiveError, match="not a bloglist archive: it is another"):
            open_archive(path).add(SAMPLE, seen_at=T1)
        assert path.read_bytes() == before

    def test_a_damaged_file(self, path: Path) -> None:
        """An archive whose pages were overwritten is reported as damaged."""
        open_archive(path).add(big_listing(300), seen_at=T1)
        data = bytearray(path.read_bytes())
        data[4096 : len(data)] = b"\xff" * (len(data) - 4096)
        path.write_bytes(bytes(data))
        with pytest.raises(ArchiveError, match="is damaged"):
            open_archive(path).load()

    def test_a_file_from_a_newer_version(self, path: Path) -> None:
        """A later schema version is refused rather than misread."""
        open_archive(path).add(SAMPLE, seen_at=T1)
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("PRAGMA user_version = 2")
        with pytest.raises(
            ArchiveError, match=r"newer bloglist \(archive schema version 2"
        ):
            open_archive(path).load()
        with pytest.raises(ArchiveError, match="newer"):
            open_archive(path, create=False)

    def test_a_missing_file_without_create(self, path: Path) -> None:
        """create=False does not make a file; it says there is none."""
        with pytest.raises(ArchiveError, match="no such file"):
            open_archive(path, create=False)
        with pytest.raises(ArchiveError, match="no such file"):
            _store.ArchiveFile(str(path)).load()
        assert not path.exists()

    def test_an_empty_database_without_create(self, path: Path) -> None:
        """An empty file is not an archive yet when nothing may be created."""
        path.write_bytes(b"")
        with pytest.raises(ArchiveError, match="it is empty"):
            open_archive(path, create=False)

    def test_a_directory_that_does_not_exist(self, tmp_path: Path) -> None:
        """An archive cannot be made where there is no directory."""
        with pytest.raises(ArchiveError, match="cannot open"):
            open_archive(tmp_path / "nowhere" / "blog.db")

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
        with pytest.raises(ArchiveError, match="read-only"):
            store.add(SAMPLE[1:], seen_at=T2)
        monkeypatch.setattr(_store, "_PRAGMAS", ())
        assert store.load() == before

    def test_a_full_disk(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A disk that fills up mid-scrape: a clear error, and the file as before."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T1)
        before = store.load()
        pages = path.stat().st_size // 4096
        monkeypatch.setattr(_store, "_PRAGMAS", (f"PRAGMA max_page_count = {pages}",))
        with pytest.raises(ArchiveError, match="the disk is full; nothing was changed"):
            store.add(big_listing(2000), seen_at=T2)
        monkeypatch.setattr(_store, "_PRAGMAS", ())
        assert store.load() == before
        assert integrity(path) == "ok"

    def test_a_bad_time_changes_nothing(self, path: Path) -> None:
        """A scrape older than the last one is refused, and the file keeps its state."""
        store = open_archive(path)
        store.add(SAMPLE, seen_at=T2)
        with pytest.raises(ValueError, match="earlier than the archive's last scrape"):
            store.add(SAMPLE[1:], seen_at=T1)
        with pytest.raises(ValueError, match="no time zone"):
            store.add(SAMPLE, seen_at=datetime.datetime(2026, 1, 1))
        assert store.load() == Archive().merge(SAMPLE, seen_at=T2)


class TestConcurrency:
    def test_a_busy_file_waits_then_gives_a_clear_error(self, path: Path) -> None:
        """While another connection writes, add waits for the timeout and says why."""
        store = open_archive(path, timeout=0.2)
        store.add(SAMPLE, seen_at=T1)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(ArchiveError, match=r"busy.*waiting 0\.2 seconds"):
            store.add(SAMPLE[1:], seen_at=T2)
        assert time.monotonic() - started >= 0.2
        other.execute("ROLLBACK")
        other.close()
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_a_busy_file_that_frees_up_in_time(self, path: Path) -> None:
        """A writer that finishes within the timeout only delays the other."""
        store = open_archive(path, timeout=10)
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        store.add(SAMPLE, seen_at=T1)
        other.close()
        assert store.load() == Archive().merge(SAMPLE, seen_at=T1)

    def test_two_processes_adding_at_once(self, path: Path) -> None:
        """Two real processes add big scrapes together: both land, in some order."""
        open_archive(path)
        script = textwrap.dedent(
            """
            import datetime, sys, bloglist
            sys.path.insert(0, sys.argv[3])
            from test_store import big_listing
            start = int(sys.argv[2])
            seen = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
            bloglist.open_archive(sys.argv[1], timeout=60).add(
                big_listing(5000, start=start), seen_at=seen, source=str(start))
            """
        )
        here = str(Path(__file__).parent)
        procs = [
            subprocess.Popen([sys.executable, "-c", script, str(path), str(s), here])
            for s in (0, 100000)
        ]
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
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
            _store._PRAGMAS = ("PRAGMA cache_size = 5",)

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
            big_listing(10, start=90000), seen_at=T2
        )  # and the file takes the next one
        assert len(store.load().entries) == 3010
