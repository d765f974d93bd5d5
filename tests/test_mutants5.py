"""Tests written by a hand-made mutation test of the collector pause, the
archive value, the archive file and the history commands (``diff`` and
``archive``): each kills mutants that no other test told apart from the real
code, by what a user relies on.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import bloglist
from bloglist._cli import main

TEXT = bloglist.sample_text()
SAMPLE = bloglist.loads(TEXT)
DAY = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)
# A post whose date does not exist (an error), and one whose tag line
# repeats a tag (a warning).
BROKEN = "sticky\nFeb 30, 2024\n\nA title\n\nAn excerpt\nTag\n"
REPEATED_TAG = "Mar 5, 2025\n\nTwice\n\nWords\nNewsNews\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The command run in-process: its exit status, output and errors."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, posts: bloglist.Listing) -> Path:
    path.write_text(bloglist.dumps(posts), encoding="utf-8")
    return path


@pytest.fixture
def new_york_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time five hours behind UTC (POSIX TZ rule, which
    needs no time zone database), put back after the test."""
    if not hasattr(time, "tzset"):  # pragma: no cover (POSIX only)
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "EST+5")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class TestLongParses:
    def test_a_parse_longer_than_a_batch_of_lines_keeps_every_line(self) -> None:
        """A parse of more lines than the collector pause reads between two
        collections (65,536) gives what a parse without the pause gives:
        the first post, and the one across each batch's edge, included."""
        text = "".join(f"Post {n}\n\nWords {n}\n\n" for n in range(34_000))
        assert text.count("\n") > 2 * (1 << 16)
        paused = bloglist.loads(text)
        assert paused == bloglist.loads(text, pause_gc=False)
        assert len(paused) == 34_000
        assert (paused[0].title, paused[0].excerpt) == ("Post 0", "Words 0")


class TestArchiveCommand:
    @pytest.mark.usefixtures("new_york_clock")
    def test_a_seen_at_without_an_offset_is_utc_whatever_the_local_zone(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--seen-at with no offset is UTC, as its help says, not the
        machine's local time (here five hours behind UTC)."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        status, _, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(scrape),
            "--seen-at",
            "2025-03-05T08:00",
        )
        assert status == 0, err
        assert "seen at 2025-03-05T08:00:00+00:00" in err
        [(seen_at, _, _)] = bloglist.open_archive(db).scrapes()
        assert seen_at == DAY

    @pytest.mark.parametrize("value", ["inf", ".5", "2.", "0", "10"])
    def test_the_timeouts_a_command_line_writes_are_taken(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str
    ) -> None:
        """--timeout takes whole seconds, a fraction with or without digits
        on either side of its point, and "inf" (wait as long as SQLite can)."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        argv = ["archive", "add", str(db), str(scrape), "--seen-at", DAY.isoformat()]
        status, _, err = run(capsys, *argv, "--timeout", value)
        assert (status, err.count("added")) == (0, 1), err
        status, out, err = run(capsys, "archive", "show", str(db), "--timeout", value)
        assert (status, err) == (0, "")
        assert out.count("\n") == len(SAMPLE) + 1

    @pytest.mark.parametrize(
        ("first", "second", "summary"),
        [
            # Errors past the limit in the first file: in the count, whatever
            # the second holds.
            pytest.param(
                [BROKEN] * 3, [TEXT], "error: 3 errors in", id="errors past it first"
            ),
            # Only warnings past the limit: the count of errors is exact.
            pytest.param(
                [BROKEN, *[REPEATED_TAG] * 3],
                [TEXT],
                "error: 1 error in",
                id="warnings past it",
            ),
        ],
    )
    def test_the_count_of_errors_says_when_some_were_only_counted(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        first: list[str],
        second: list[str],
        summary: str,
    ) -> None:
        """archive add with errors past --max-diagnostics adds nothing, and
        its count of errors takes in the errors (not the warnings) counted
        past the limit, in any of the files."""
        one = tmp_path / "one.txt"
        one.write_text("\n".join(first), encoding="utf-8")
        two = tmp_path / "two.txt"
        two.write_text("\n".join(second), encoding="utf-8")
        db = tmp_path / "a.db"
        later = (DAY + datetime.timedelta(days=1)).isoformat()
        status, _, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(one),
            str(two),
            "--seen-at",
            DAY.isoformat(),
            "--seen-at",
            later,
            "--max-diagnostics",
            "1",
        )
        assert status == 1
        last = err.splitlines()[-1]
        assert summary in last
        assert last.endswith(
            "nothing was added, as a post that failed to parse would count as gone"
        )
        assert not db.exists()

    def test_by_default_add_waits_seconds_for_another_writer(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Without --timeout, archive add waits for another process writing
        the archive (5 seconds, its help says): one that holds it for a
        second does not make the add fail."""
        scrape = write(tmp_path / "a.txt", SAMPLE)
        db = tmp_path / "a.db"
        bloglist.open_archive(db)
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(1.0, other.execute, ("COMMIT",))
        release.start()
        try:
            argv = [
                "archive",
                "add",
                str(db),
                str(scrape),
                "--seen-at",
                DAY.isoformat(),
            ]
            status, _, err = run(capsys, *argv)
        finally:
            release.join()
            other.close()
        assert status == 0, err
        assert bloglist.open_archive(db).load() == bloglist.Archive().merge(
            SAMPLE, seen_at=DAY
        )

    def test_a_name_whose_parts_hold_a_colon_is_shown_as_typed(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A message names the archive and its parts as typed, the longest
        first: ``notes:1/../notes`` (whose text reduces to ``notes``, a
        name that ends where ``notes:1`` goes on after a colon) is not
        half-replaced."""
        monkeypatch.chdir(tmp_path)
        Path("notes:1").write_text("notes\n", encoding="utf-8")
        write(tmp_path / "a.txt", SAMPLE)
        typed = "notes:1/../notes"
        assert run(
            capsys, "archive", "add", typed, "a.txt", "--seen-at", "2025-05-01"
        ) == (
            2,
            "",
            f"bloglist: error: cannot create {typed}: notes:1 is not a directory\n",
        )

    @pytest.mark.skipif(os.name != "posix", reason="a POSIX path's root is '/'")
    def test_a_name_that_leads_back_to_the_root_leaves_a_lone_slash_be(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A name typed with as many ``..`` as lead to '/' still leaves a
        '/' that the message quotes alone as it is: it is not taken for the
        typed ``../..``."""
        monkeypatch.chdir(tmp_path)
        up = "../" * (len(tmp_path.parts) - 1)
        typed = f"{up}bloglist-no-such-directory/"
        write(tmp_path / "a.txt", SAMPLE)
        status, out, err = run(
            capsys, "archive", "add", typed, "a.txt", "--seen-at", "2025-05-01"
        )
        assert (status, out) == (2, "")
        assert err == (
            f"bloglist: error: cannot create {typed}: a name that ends in '/' "
            "names a directory, not a file\n"
        )

    def test_a_feeds_title_is_the_archive_files_name(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """archive feed without --feed-title titles the feed with the file's
        name, not the directories before it."""
        (tmp_path / "site").mkdir()
        db = tmp_path / "site" / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=DAY)
        status, out, err = run(capsys, "archive", "feed", str(db))
        assert (status, err) == (0, "")
        assert '<title type="text">blog.db</title>' in out
        assert str(tmp_path) not in out

    def test_the_table_marks_only_sticky_posts(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """archive show's table: "yes" in the STICKY column of a sticky post,
        nothing in that of another, as show's table writes it."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=DAY)
        status, out, err = run(capsys, "archive", "show", str(db))
        assert (status, err) == (0, "")
        header, *rows = out.splitlines()
        start, end = header.index("STICKY"), header.index("TITLE")
        assert [row[start:end].strip() for row in rows] == [
            "yes" if post.sticky else "" for post in SAMPLE
        ]
        assert any(post.sticky for post in SAMPLE)
        assert not all(post.sticky for post in SAMPLE)


class TestDiffCommand:
    @pytest.mark.parametrize(
        ("command", "status"), [(("diff",), 2), (("archive", "add", "x.db"), 1)]
    )
    def test_strict_exits_with_the_status_its_help_names(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        command: tuple[str, ...],
        status: int,
    ) -> None:
        """--strict stops at the first error in a listing with the exit
        status its help names: 2 for diff (trouble, as diff(1)), 1 for
        archive add (a listing with errors)."""
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert (
            f"stop at the first error in a listing (exit status {status})" in help_text
        )
        broken = tmp_path / "broken.txt"
        broken.write_text(BROKEN, encoding="utf-8")
        files = [str(broken)] * (2 if command == ("diff",) else 1)
        argv = [*command, *files, "--strict"]
        if command != ("diff",):
            argv[2] = str(tmp_path / "x.db")
            argv += ["--seen-at", DAY.isoformat()]
        found, out, err = run(capsys, *argv)
        assert (found, out) == (status, "")
        assert "invalid-date" in err


def _unable_to_open(*args: object, **kwargs: object) -> sqlite3.Connection:
    raise sqlite3.OperationalError("unable to open database file")


class TestMessagesAsTyped:
    def test_the_working_directory_is_named_as_a_dot(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A new archive typed as a bare name, in a working directory that
        cannot be written: the message names that directory ".", as the
        name was typed relative to it, not by its absolute path. (Read-only
        as an ordinary user finds it: root creates files anywhere, so
        SQLite's refusal and the access check are made to say so.)"""
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "a.txt", SAMPLE)
        monkeypatch.setattr(sqlite3, "connect", _unable_to_open)
        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
        status, out, err = run(
            capsys, "archive", "add", "blog.db", "a.txt", "--seen-at", "2025-05-01"
        )
        assert (status, out) == (2, "")
        assert err == (
            "bloglist: error: cannot create blog.db: its directory . is read-only\n"
        )
        assert str(tmp_path) not in err


class TestArchiveFilePaths:
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


class TestBusyArchive:
    def test_a_read_held_up_by_a_writer_says_so_and_claims_no_change(
        self, tmp_path: Path
    ) -> None:
        """A load that a writer holds up (its exclusive lock, as it commits)
        gives up after its timeout with a message that names the writer,
        and, as a read changes nothing, does not say "nothing was changed"."""
        db = tmp_path / "blog.db"
        bloglist.open_archive(db).add(SAMPLE, seen_at=DAY)
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
                bloglist.ArchiveFile(db, timeout=1).add(SAMPLE, seen_at=DAY)
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
        store.add([post], seen_at=DAY)
        later = DAY + datetime.timedelta(days=1)
        store.add([post], seen_at=later)
        merged = bloglist.Archive().merge([post], seen_at=DAY)
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
        bloglist.open_archive(db).add(SAMPLE, seen_at=DAY)
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
        store.add(SAMPLE, seen_at=DAY)
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
        store.add(SAMPLE, seen_at=DAY)
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
            store.add(SAMPLE, seen_at=DAY + datetime.timedelta(days=1))
        assert str(info.value).startswith(f"{db} is damaged (it holds what")
        assert "are not as bloglist writes them" in str(info.value)
        assert db.read_bytes() == before


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
        store.add(SAMPLE, seen_at=DAY)
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
                    [], seen_at=DAY + datetime.timedelta(days=1), allow_all_gone=True
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


class TestScrapesInOrder:
    def test_scrapes_are_oldest_first_and_a_time_before_the_last_is_refused(
        self, tmp_path: Path
    ) -> None:
        """An archive file lists its scrapes oldest first, and refuses a
        scrape taken before its last one, even one after its first, as
        Archive.merge does; the refused add changes nothing."""
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        first, second, third = (DAY + datetime.timedelta(days=n) for n in range(3))
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
