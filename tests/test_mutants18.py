"""Behaviour a mutation run of ``_archive.py`` and ``_cli_history.py`` found
untested (166 mutants: 151 killed, 6 equivalent, 8 surviving every test
file and 1 killed only when a property test drew the right case): a
seen_at offset of a whole day, the feed's updated and an edit of tags
alone, pages checked against the posts the last scrape showed and by
stitch's overlap warnings, an empty archive file, the time a page's
modification gives, and the archive's name as typed under any locale."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bloglist
from bloglist import Archive, Post, stitch
from bloglist._archive import feed_parts
from bloglist._cli import main

UTC = datetime.UTC
T1 = datetime.datetime(2025, 3, 5, 8, tzinfo=UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class _OffsetOf(datetime.tzinfo):
    """A timezone whose UTC offset is *offset* (datetime allows less than a
    day either way, and refuses more from deep inside)."""

    def __init__(self, offset: datetime.timedelta) -> None:
        self.offset = offset

    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta:
        return self.offset

    def dst(self, dt: datetime.datetime | None) -> None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str:
        return "Day"


class TestArchiveValues:
    @pytest.mark.parametrize("days", [1, -1])
    def test_a_seen_at_whose_zone_gives_a_whole_day_is_refused_by_name(
        self, days: int
    ) -> None:
        """An offset of exactly a day is no valid UTC offset: merge says so,
        naming seen_at and the zone, not datetime's error from inside."""
        archive = Archive().merge([Post(title="Hi")], seen_at=T1)
        seen_at = datetime.datetime(
            2025, 3, 7, tzinfo=_OffsetOf(datetime.timedelta(days=days))
        )
        with pytest.raises(
            ValueError,
            match=r"^seen_at 2025-03-07T00:00:00 has no valid UTC offset: "
            r"its timezone \(_OffsetOf\) gives datetime\.timedelta\(",
        ):
            archive.merge([Post(title="Hi")], seen_at=seen_at)


class TestArchiveFeed:
    def test_an_edit_of_tags_alone_updates_the_entry(self) -> None:
        """Tags are the entry's categories: an edit of them alone is an edit
        the feed shows, so the entry is updated when it was seen."""
        before = Post(title="Hi", excerpt="e", tags=["Old"])
        after = Post(title="Hi", excerpt="e", tags=["New"])
        archive = Archive().merge([before], seen_at=T1).merge([after], seen_at=T2)
        archive = archive.merge([after], seen_at=T3)
        assert len(archive.entries[0].versions) == 2
        parts = feed_parts(archive, None, timezone=UTC, updated=None)
        assert parts.entry_updated(parts.posts[0]) == T2
        feed = archive.to_atom(title="Blog", feed_id="urn:example:blog")
        assert "<updated>2025-03-06T08:00:00Z</updated>" in feed  # the entry's
        assert "2025-03-05T08:00:00Z" not in feed

    def test_the_feed_is_updated_at_its_newest_post_dated_ahead_of_the_scrape(
        self,
    ) -> None:
        """Of several dated posts, the newest one's midnight, when later than
        the last scrape, is the feed's updated: never older than an entry."""
        old = Post(title="Old", date=datetime.date(2025, 1, 1))
        ahead = Post(title="Ahead", date=datetime.date(2025, 12, 31))
        archive = Archive().merge([ahead, old], seen_at=T1)
        parts = feed_parts(archive, None, timezone=UTC, updated=None)
        assert parts.updated == datetime.datetime(2025, 12, 31, tzinfo=UTC)
        feed = archive.to_atom(title="Blog", feed_id="urn:example:blog")
        assert feed.index("<updated>2025-12-31T00:00:00Z</updated>") < feed.index(
            "<entry>"
        )


class TestPagesPastTheLastScrape:
    def test_a_page_past_the_last_scrapes_end_stands_for_no_post_gone_before(
        self,
    ) -> None:
        """The posts the pages are checked against are those the last scrape
        showed: posts gone before it are none, and a new page past its end
        (undated posts) is added, not refused as standing for them."""
        a, b, c, d = (Post(title=t) for t in ("A", "B", "C", "D"))
        archive = Archive().merge([a, b, c, d], seen_at=T1).merge([a, b], seen_at=T2)
        pages = [[a, b], [Post(title="E"), Post(title="F")]]
        later = archive.merge(stitch(pages), seen_at=T3, pages=pages)
        assert [post.title for post in later.present()] == ["E", "F", "A", "B"]
        assert [post.title for post in later.gone()] == ["C", "D"]

    def test_a_last_page_that_repeats_page_1_is_refused_by_its_overlap(self) -> None:
        """A last page with fewer posts than the page before is let be as the
        end of the index pushed down, unless stitch said its posts are out of
        place: page 1 again (a server that ignores the page number) is
        refused as a repeat, which stands for the posts past page 2."""
        posts = [
            Post(title=t, date=datetime.date(2025, 3, 20 - i))
            for i, t in enumerate("ABCDEFGH")
        ]
        archive = Archive().merge(posts, seen_at=T1)
        pages = [posts[:4], posts[4:], posts[:2]]
        listing = stitch(pages)
        assert {d.code for d in listing.diagnostics} == {"page-overlap"}
        with pytest.raises(bloglist.PageError) as info:
            archive.merge(listing, seen_at=T2, pages=pages)
        assert (info.value.page, info.value.reason) == (2, "repeat")


class TestArchiveAddCommand:
    def test_an_empty_listing_for_an_empty_archive_file_is_no_first_scrape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file of no bytes is a new archive (a first add stopped before it
        committed leaves one): an empty listing for it is refused as data,
        exit status 1, as for no file at all, not as a file that is no
        archive."""
        db = tmp_path / "blog.db"
        db.touch()
        empty = tmp_path / "empty.txt"
        empty.write_text("", encoding="utf-8")
        status, out, err = run(
            capsys,
            "archive",
            "add",
            str(db),
            str(empty),
            "--seen-at",
            "2025-03-05T08:00:00Z",
        )
        assert (status, out) == (1, "")
        assert "an archive does not start from an empty scrape" in err
        assert db.stat().st_size == 0

    def test_pages_modified_in_the_future_say_so_not_seen_at(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --pages and no --seen-at, a page whose modification time is
        days ahead is named as modified in the future: no --seen-at was given
        to blame."""
        first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
        first.write_text(
            bloglist.dumps([Post(title="A", excerpt="a")]), encoding="utf-8"
        )
        second.write_text(
            bloglist.dumps([Post(title="B", excerpt="b")]), encoding="utf-8"
        )
        ahead = time.time() + 3 * 86400
        os.utime(second, (ahead, ahead))
        db = tmp_path / "blog.db"
        status, out, err = run(
            capsys, "archive", "add", str(db), "--pages", str(first), str(second)
        )
        assert (status, out) == (2, "")
        assert err.startswith(f"bloglist: error: {second} was modified in the future (")
        assert err.endswith("); check the clock, or give --seen-at\n")
        assert not db.exists()


class TestArchiveFeedCommand:
    def test_the_feed_is_updated_at_the_archives_last_scrape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """archive feed writes the feed's updated as Archive.to_atom does:
        the time of the last scrape, not the Unix epoch, so a reader sees
        the feed change when a scrape is added."""
        db = tmp_path / "blog.db"
        archive = bloglist.open_archive(db)
        archive.add([Post(title="Hi", excerpt="e")], seen_at=T1)
        archive.add([Post(title="Hi", excerpt="e")], seen_at=T2)
        status, out, err = run(capsys, "archive", "feed", str(db))
        assert (status, err) == (0, "")
        head = out[: out.index("<entry>")]
        assert "<updated>2025-03-06T08:00:00Z</updated>" in head
        assert "1970-01-01" not in out


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX locale")
def test_the_archives_name_in_the_librarys_words_is_as_typed_whatever_the_locale(
    tmp_path: Path,
) -> None:
    """Under ``PYTHONUTF8=0 LC_ALL=C`` the command line is decoded as ASCII:
    an ArchiveError's message names the archive as typed, not as the
    escapes of its bytes."""
    env = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "bloglist", "archive", "show", "\u00fcber.db"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == "bloglist: error: cannot open \u00fcber.db: no such file\n".encode()
    )
