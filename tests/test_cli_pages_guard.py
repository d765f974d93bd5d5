"""`archive add --pages` refuses a page that stands in place of posts of the
archive's last scrape and shows none of them: a challenge page ("Just a
moment...") saved as one page of a paged index, which would add itself as a
post for good and count the posts of its page as gone."""

from __future__ import annotations

import datetime
import io
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import bloglist
from bloglist._cli import main

CHALLENGE = "Just a moment...\n\nEnable JavaScript and cookies to continue\n"
PAGE = 3  # posts a page
DAY = datetime.datetime(2025, 3, 1, 6, tzinfo=datetime.UTC)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def story(n: int, *, sticky: bool = False) -> bloglist.Post:
    """Post number *n*: a later number is a newer post, a day later; with
    *sticky*, marked so, as a blog that marks every post does."""
    return bloglist.Post(
        title=f"Story number {n}",
        date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        excerpt=f"Excerpt {n}.",
        sticky=sticky,
    )


def write_pages(
    folder: Path, pages: Sequence[list[int] | None], tag: str, *, marked: bool = False
) -> list[str]:
    """One file per page, each of the stories numbered (each sticky, if
    *marked*), or the challenge page (None)."""
    files = []
    for number, page in enumerate(pages, 1):
        path = folder / f"{tag}-page{number}.txt"
        stories = [story(n, sticky=marked) for n in page or ()]
        text = CHALLENGE if page is None else bloglist.dumps(stories)
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    return files


def paged(numbers: list[int], depth: int) -> list[list[int]]:
    """The first *depth* pages of an index of *numbers*, newest first."""
    return [numbers[i : i + PAGE] for i in range(0, depth * PAGE, PAGE)]


def add(
    capsys: pytest.CaptureFixture[str], db: Path, files: list[str], day: int, *more: str
) -> tuple[int, str]:
    seen_at = (DAY + datetime.timedelta(days=day)).isoformat()
    argv = ["archive", "add", "-q", "--pages", str(db), *files, "--seen-at", seen_at]
    status, out, err = run(capsys, *argv, *more)
    assert out == ""
    return status, err


class TestAChallengePage:
    @pytest.mark.parametrize("where", [0, 1, 2])
    def test_in_place_of_any_page_adds_nothing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, where: int
    ) -> None:
        """Nine stories on three pages, then the same index with one page a
        challenge page: status 1, the page named with the posts it hides,
        the file as it was; --allow-all-gone adds it as given."""
        db = tmp_path / "blog.db"
        numbers = list(range(9, 0, -1))
        assert add(capsys, db, write_pages(tmp_path, paged(numbers, 3), "a"), 0) == (
            0,
            "",
        )
        before = bloglist.open_archive(db).load()
        pages: list[list[int] | None] = list(paged(numbers, 3))
        pages[where] = None
        files = write_pages(tmp_path, pages, "b")
        status, err = add(capsys, db, files, 1)
        assert status == 1
        assert err == (
            f"bloglist: error: {files[where]} (page {where + 1}) shows none of the "
            "3 posts the archive's last scrape showed in its place; nothing was "
            "added, as they would count as gone (--allow-all-gone adds it)\n"
        )
        assert bloglist.open_archive(db).load() == before
        assert add(capsys, db, files, 1, "--allow-all-gone") == (0, "")
        titles = {post.title for post in bloglist.open_archive(db).load().present()}
        assert "Just a moment..." in titles
        assert len(titles) == 7

    def test_a_later_challenge_file_alone_is_still_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Refused as a page, the challenge post never reaches the archive, so
        a challenge page added alone the next day shares no post with the
        last scrape and is refused too (once in the archive, it would pair
        with it and count every real post as gone)."""
        db = tmp_path / "blog.db"
        numbers = list(range(9, 0, -1))
        add(capsys, db, write_pages(tmp_path, paged(numbers, 3), "a"), 0)
        pages: list[list[int] | None] = list(paged(numbers, 3))
        pages[1] = None
        assert add(capsys, db, write_pages(tmp_path, pages, "b"), 1)[0] == 1
        alone = tmp_path / "alone.txt"
        alone.write_text(CHALLENGE, encoding="utf-8")
        seen_at = (DAY + datetime.timedelta(days=2)).isoformat()
        status, _, err = run(
            capsys, "archive", "add", str(db), str(alone), "--seen-at", seen_at
        )
        assert status == 1
        assert "shares no post with the archive's last scrape" in err
        assert len(bloglist.open_archive(db).load().present()) == 9


class TestAnIndexThatMoves:
    """What a real index does from one scrape to the next is added."""

    @pytest.mark.parametrize(
        ("first", "then", "depth"),
        [
            # More new posts than a page holds: page 1 shows none of the last
            # scrape, but nothing of it came before page 1.
            (list(range(9, 0, -1)), list(range(13, 0, -1)), 3),
            (list(range(9, 0, -1)), list(range(15, 0, -1)), 3),
            # Deeper than the last scrape: pages past its end.
            (list(range(9, 6, -1)), list(range(9, 0, -1)), 3),
            # A page of posts deleted: the next posts move up.
            (list(range(12, 0, -1)), [12, 11, 10, 6, 5, 4, 3, 2, 1], 3),
            # Posts scrolled off the end, a page shown less.
            (list(range(9, 0, -1)), list(range(10, 0, -1)), 2),
        ],
    )
    def test_is_added(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        first: list[int],
        then: list[int],
        depth: int,
    ) -> None:
        db = tmp_path / "blog.db"
        files = write_pages(tmp_path, paged(first, -(-len(first) // PAGE)), "a")
        assert add(capsys, db, files, 0) == (0, "")
        assert add(capsys, db, write_pages(tmp_path, paged(then, depth), "b"), 1) == (
            0,
            "",
        )


def standing_in(last: list[int], pages: list[list[int]]) -> bool:
    """The oracle, by the posts' true identity: whether a page shows none of
    the last scrape's posts while, between those the pages before and after
    it show, the last scrape showed posts no page shows now, unless its
    posts are all newer than those of them that are dated (a story's number
    is its day; the challenge post, 0, has no date): posts published since,
    in place of posts deleted."""
    shown = {n for page in pages for n in page}
    place = {n: i for i, n in enumerate(last)}
    for k, page in enumerate(pages):
        if not page or any(n in place for n in page):
            continue
        before = [place[n] for p in pages[:k] for n in p if n in place]
        after = [place[n] for p in pages[k + 1 :] for n in p if n in place]
        low, high = max(before, default=-1), min(after, default=len(last))
        gone = [last[i] for i in range(low + 1, high) if last[i] not in shown]
        dated = [n for n in gone if n]
        if gone and (0 in page or (dated and min(page) < max(dated))):
            return True
    return False


@st.composite
def days(draw: st.DrawFn) -> list[tuple[list[int], int | None, int]]:
    """Scrapes of a blog day by day: each day's stories (newest first), the
    page a challenge page stands in for (None for none) and the depth."""
    numbers = list(range(12, 0, -1))
    newest = 12
    scrapes = []
    for _ in range(draw(st.integers(1, 6))):
        published = draw(st.integers(0, 4))
        numbers = list(range(newest + published, newest, -1)) + numbers
        newest += published
        for _ in range(draw(st.integers(0, 3))):
            if len(numbers) > 4:
                numbers.pop(draw(st.integers(0, len(numbers) - 1)))
        depth = draw(st.integers(1, 4))
        challenge = draw(st.none() | st.integers(0, depth - 1))
        scrapes.append((list(numbers), challenge, depth))
    return scrapes


class TestAgainstTheOracle:
    # capsys is read after each command, so that nothing of one example is
    # left for the next; each example has a folder of its own.
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(scrapes=days())
    # An empty page (past the posts' end) before the challenge page: once
    # with no page sharing a post with the last scrape, once with one.
    @example(scrapes=[(list(range(9, 0, -1)), None, 1), (list(range(6, 0, -1)), 3, 4)])
    @example(scrapes=[(list(range(9, 0, -1)), None, 2), (list(range(6, 0, -1)), 3, 4)])
    @pytest.mark.parametrize(
        "marked", [False, True], ids=["plain", "every-post-sticky"]
    )
    def test_a_page_is_refused_where_it_stands_in_for_shown_posts(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path_factory: pytest.TempPathFactory,
        scrapes: list[tuple[list[int], int | None, int]],
        marked: bool,
    ) -> None:
        """A blog publishing and deleting posts, scraped a few pages deep
        each day, some days with a challenge page in place of one page: each
        scrape is refused exactly when the oracle says a page stands in for
        posts the last added scrape showed (or when no page shares a post
        with it), always when a challenge page hides one of them, and the
        archive then holds what it held. So too for a blog that marks every
        post sticky, as the real listing's does: such a marker pins none (a
        review found every page check off for it)."""
        folder = tmp_path_factory.mktemp("days")
        db = folder / "blog.db"
        last = list(range(12, 0, -1))
        add(capsys, db, write_pages(folder, paged(last, 4), "day0", marked=marked), 0)
        for day, (numbers, challenge, depth) in enumerate(scrapes, 1):
            pages: list[list[int] | None] = list(paged(numbers, depth))
            # Each page's posts by their identity; the challenge post is 0.
            ids = [list(page or []) for page in pages]
            hides = False
            if challenge is not None:
                # Unless a challenge post is archived already (one that stood
                # for new posts alone), with which it pairs: a known limit.
                hides = bool(set(ids[challenge]) & set(last)) and 0 not in last
                pages[challenge] = None
                ids[challenge] = [0]
            files = write_pages(folder, pages, f"day{day}", marked=marked)
            before = bloglist.open_archive(db).load()
            status, err = add(capsys, db, files, day)
            # The library refuses the pages as the command does, with the
            # same page and reason, or merges what the file now holds.
            read = [bloglist.loads(Path(file).read_text("utf-8")) for file in files]
            try:
                merged = before.merge(
                    bloglist.stitch([list(page) for page in read]),
                    seen_at=DAY + datetime.timedelta(days=day),
                    pages=read,
                )
            except (bloglist.PageError, bloglist.AllGoneError) as exc:
                assert status == 1, err
                if isinstance(exc, bloglist.PageError):
                    said = f"error: {files[exc.page]} (page {exc.page + 1}) "
                    assert said in err, (exc, err)
                else:
                    assert "share no post" in err, err
            else:
                assert status == 0, err
                assert merged == bloglist.open_archive(db).load()
            # A page past the end of the posts (depth more than they fill) is
            # empty; a page after it that adds posts (the challenge page)
            # makes it an empty page inside the index, which stands for
            # posts (docs/cli.md): refused first, whatever else holds.
            # A blog that marks every post is told by a last scrape of sticky
            # posts alone, or more sticky posts (on the pages, or in the last
            # scrape) than the fullest page holds: fewer, beside a challenge
            # post archived, may all be pinned, and are checked so, which
            # refuses pages the blog unmarked would have added, never the
            # reverse.
            stories = {n for page in ids for n in page if n}
            told = (
                not marked
                or 0 not in last
                or max(len(stories), len(last) - 1) > max(map(len, ids))
            )
            if any(not page and any(ids[k + 1 :]) for k, page in enumerate(ids)):
                assert status == 1 and (not told or "has no posts" in err), err
            elif not any(n in last for page in ids for n in page):
                assert status == 1 and (not told or "share no post" in err), err
            elif told:
                assert (status == 1) == standing_in(last, ids), (last, ids, err)
                assert status in (0, 1), err
            else:
                assert status == 1 or not standing_in(last, ids), (last, ids, err)
            if hides:
                assert status == 1, (last, ids)
            if status:
                assert bloglist.open_archive(db).load() == before
            else:
                last = [n for page in ids for n in page]


class TestTheLastScrapeRead:
    def test_a_shown_post_that_is_no_post_is_damage(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The last scrape's posts are read for the pages' check: a scrape
        that shows a seq no post has (written by hand) is a damaged file,
        status 2, and nothing is added."""
        db = tmp_path / "blog.db"
        numbers = list(range(9, 0, -1))
        add(capsys, db, write_pages(tmp_path, paged(numbers, 3), "a"), 0)
        with closing(sqlite3.connect(db)) as connection, connection:
            connection.execute("UPDATE scrapes SET shown = '[1, 999]'")
        status, err = add(capsys, db, write_pages(tmp_path, paged(numbers, 3), "b"), 1)
        assert status == 2
        assert err == (
            f"bloglist: error: {db} is damaged (it holds what bloglist never "
            "writes: ValueError: the last scrape shows seq 999, which no post "
            "still on the page has); restore it from a backup\n"
        )
        assert len(bloglist.open_archive(db).scrapes()) == 1


class TestAStalePage:
    @pytest.mark.parametrize("quiet", [[], ["-q"]])
    def test_a_page_much_older_than_the_newest_is_a_warning(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, quiet: list[str]
    ) -> None:
        """A page whose file is more than an hour older than the newest page
        (a failed download that left yesterday's file) is named on standard
        error, --quiet or not, and the scrape is added all the same; a page
        an hour older, or less, is not."""
        numbers = list(range(9, 0, -1))
        files = write_pages(tmp_path, paged(numbers, 3), "a")
        newest = DAY.timestamp()
        behind = {0: 0, 1: 23 * 3600 + 59, 2: 3600}
        for index, seconds in behind.items():
            os.utime(files[index], (newest - seconds, newest - seconds))
        db = tmp_path / "blog.db"
        status, out, err = run(
            capsys, "archive", "add", *quiet, "--pages", str(db), *files
        )
        assert (status, out) == (0, "")
        warning = (
            f"bloglist: warning: {files[1]} (page 2) was modified 23 hours before "
            f"{files[0]} (page 1); the pages of one scrape are fetched a moment "
            "apart, so it may be left from an earlier download"
        )
        assert err.splitlines()[0] == warning
        assert len(err.splitlines()) == (1 if quiet else 2)
        assert len(bloglist.open_archive(db).load().listing) == 9

    def test_given_one_time_the_files_times_still_tell_a_stale_page(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--seen-at gives the scrape its time, not the files theirs: a page
        whose file is much older than the newest page's is named all the
        same (a cron job that passes the time of its run still meets a
        download that failed). Before, --seen-at hid every such page."""
        numbers = list(range(9, 0, -1))
        files = write_pages(tmp_path, paged(numbers, 3), "a")
        os.utime(files[1], (0, 0))
        status, err = add(capsys, tmp_path / "blog.db", files, 0)
        assert status == 0
        assert err.startswith(f"bloglist: warning: {files[1]} (page 2) was modified ")
        assert err.count("\n") == 1
        assert len(bloglist.open_archive(tmp_path / "blog.db").load().listing) == 9

    def test_a_page_with_no_time_of_its_own_is_not_compared(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Standard input, which has no modification time, is neither the
        newest page nor a stale one: the files' times are compared among
        themselves."""
        numbers = list(range(9, 0, -1))
        files = write_pages(tmp_path, paged(numbers, 3), "a")
        first = Path(files[0]).read_text(encoding="utf-8")
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(first.encode())))
        newest = DAY.timestamp()
        os.utime(files[1], (newest - 7200, newest - 7200))
        os.utime(files[2], (newest, newest))
        status, err = add(capsys, tmp_path / "blog.db", ["-", *files[1:]], 0)
        assert status == 0
        assert err == (
            f"bloglist: warning: {files[1]} (page 2) was modified 2 hours before "
            f"{files[2]} (page 3); the pages of one scrape are fetched a moment "
            "apart, so it may be left from an earlier download\n"
        )

    @pytest.mark.skipif(not os.path.exists(os.devnull), reason="no null device")
    @pytest.mark.parametrize(
        "pages", [["-"], ["-", os.devnull]], ids=["stdin", "device"]
    )
    def test_pages_with_no_time_of_their_own_have_no_age(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        pages: list[str],
    ) -> None:
        """Standard input alone, or beside a device: no page has a time to
        compare, and none is warned of (the device, an empty last page, is
        the end of the index)."""
        text = bloglist.dumps(map(story, [3, 2]))
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        status, err = add(capsys, tmp_path / "blog.db", pages, 0)
        assert (status, err) == (0, "")

    def test_a_missing_page_is_the_error_of_its_reading(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A page file that is not there has no time to compare: the add
        stops at reading it, with status 2, as without --seen-at."""
        numbers = list(range(9, 0, -1))
        files = write_pages(tmp_path, paged(numbers, 3), "a")
        missing = str(tmp_path / "gone.txt")
        status, err = add(capsys, tmp_path / "blog.db", [*files[:2], missing], 0)
        assert status == 2
        assert (
            err
            == f"bloglist: error: cannot read {missing}: No such file or directory\n"
        )


class TestANewArchive:
    @pytest.mark.parametrize("kind", ["empty file", "link to no file"])
    def test_is_made_where_add_makes_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
    ) -> None:
        """An empty file (from touch or mktemp) or a link to a file not made
        yet is a new archive, as for an add of one file: the pages' check
        finds no last scrape there, and the pages are added."""
        db = tmp_path / "blog.db"
        if kind == "empty file":
            db.write_bytes(b"")
        else:
            db.symlink_to(tmp_path / "target.db")
        files = write_pages(tmp_path, paged(list(range(9, 0, -1)), 3), "a")
        assert add(capsys, db, files, 0) == (0, "")
        assert len(bloglist.open_archive(db).load().listing) == 9


class TestPinnedPosts:
    def test_a_pinned_post_and_new_posts_alone_are_added_as_without_pages(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The pinned post pairs with the last scrape, the others are new: a
        page of them stands for nothing (a pinned post places no page), and
        the scrape is added, as one file of the same posts is."""
        pinned = bloglist.Post(title="Welcome", excerpt="Hello.", sticky=True)
        db = tmp_path / "blog.db"
        first = tmp_path / "first.txt"
        first.write_text(bloglist.dumps([pinned, *map(story, (9, 8, 7))]), "utf-8")
        assert add(capsys, db, [str(first)], 0) == (0, "")
        later = tmp_path / "later.txt"
        later.write_text(bloglist.dumps([pinned, *map(story, (13, 12, 11))]), "utf-8")
        assert add(capsys, db, [str(later)], 1) == (0, "")
        present = {post.title for post in bloglist.open_archive(db).load().present()}
        assert present == {
            "Welcome",
            "Story number 13",
            "Story number 12",
            "Story number 11",
        }

    def test_a_challenge_page_behind_the_pin_and_new_posts_is_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Only the pinned post pairs with the last scrape: it places no page,
        and the challenge page stands for the posts no page shows (it was
        added, and they counted as gone, with status 0)."""
        pinned = bloglist.Post(title="Welcome", excerpt="Hello.", sticky=True)
        db = tmp_path / "blog.db"
        first = tmp_path / "first.txt"
        first.write_text(bloglist.dumps([pinned, *map(story, (3, 2))]), "utf-8")
        assert add(capsys, db, [str(first)], 0) == (0, "")
        page1 = tmp_path / "p1.txt"
        page1.write_text(bloglist.dumps([pinned, *map(story, (5, 4))]), "utf-8")
        page2 = tmp_path / "p2.txt"
        page2.write_text(CHALLENGE, "utf-8")
        status, err = add(capsys, db, [str(page1), str(page2)], 1)
        assert status == 1 and f"{page2} (page 2) shows none of the 2 posts" in err
        assert err.endswith(
            "nothing was added, as they would count as gone (--allow-all-gone adds it)\n"
        )

    def test_pages_of_pinned_posts_alone_are_added_as_one_file_is(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """No page adds a post but the pinned one: the pages are one listing
        of it, added to a new archive as one file of it is (a review found
        it refused, "has only sticky posts"); where the last scrape showed
        other posts, the page stands for those, and is refused."""
        pinned = bloglist.Post(title="Welcome", excerpt="Hello.", sticky=True)
        only = tmp_path / "only.txt"
        only.write_text(bloglist.dumps([pinned]), "utf-8")
        db = tmp_path / "blog.db"
        assert add(capsys, db, [str(only), str(only)], 0) == (0, "")
        assert list(bloglist.open_archive(db).load().present()) == [pinned]
        other = tmp_path / "other.db"
        first = write_pages(tmp_path, [[3, 2, 1]], "first")
        assert add(capsys, other, first, 0) == (0, "")
        status, err = add(capsys, other, [str(only)], 1)
        assert status == 1 and "(page 1) has only sticky posts" in err, err

    def test_a_challenge_page_among_pages_that_show_a_pinned_post(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A blog that shows its pinned post at the top of every page: the
        pinned post pairs wherever it is and places no page, so a challenge
        page in place of page 2 is still refused, and the same pages with
        page 2 itself are added."""
        pinned = bloglist.Post(title="Welcome", excerpt="Hello.", sticky=True)

        def page(numbers: list[int], name: str) -> str:
            path = tmp_path / name
            path.write_text(bloglist.dumps([pinned, *map(story, numbers)]), "utf-8")
            return str(path)

        db = tmp_path / "blog.db"
        pages = [[9, 8, 7], [6, 5, 4], [3, 2, 1]]
        files = [page(numbers, f"p{n}.txt") for n, numbers in enumerate(pages, 1)]
        assert add(capsys, db, files, 0) == (0, "")
        challenge = tmp_path / "challenge.txt"
        challenge.write_text(CHALLENGE, encoding="utf-8")
        status, err = add(capsys, db, [files[0], str(challenge), files[2]], 1)
        assert status == 1
        assert err.startswith(
            f"bloglist: error: {challenge} (page 2) shows none of the 3 posts"
        )
        assert add(capsys, db, files, 1) == (0, "")


class TestInTheAddsTransaction:
    def test_the_check_reads_the_last_scrape_under_the_write_lock(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The pages are checked against the last scrape inside the add's
        own transaction: no other add can come between the check and the
        writes (a cron job and a hand-run add at once)."""
        import bloglist._stitch

        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        shown = [story(n) for n in (9, 8, 7)]
        store.add(shown, seen_at=DAY)
        seen: list[list[bloglist.Post]] = []
        check = bloglist._stitch.check_displaced

        def locked(
            pages: Sequence[Sequence[bloglist.Post]],
            listing: Sequence[bloglist.Post],
            last: Sequence[bloglist.Post],
            pairs: Iterable[tuple[int, int]],
        ) -> None:
            seen.append(list(last))
            with (
                closing(sqlite3.connect(db, timeout=0)) as other,
                pytest.raises(sqlite3.OperationalError, match="locked"),
            ):
                other.execute("BEGIN IMMEDIATE")
            check(pages, listing, last, pairs)

        monkeypatch.setattr(bloglist._stitch, "check_displaced", locked)
        later = DAY + datetime.timedelta(days=1)
        store.add(shown, seen_at=later, pages=[shown])
        assert seen == [shown]
        assert len(store.scrapes()) == 2

    def test_a_page_refused_stops_the_add(self, tmp_path: Path) -> None:
        db = tmp_path / "blog.db"
        store = bloglist.open_archive(db)
        store.add([story(n) for n in range(9, 3, -1)], seen_at=DAY)
        before = store.load()
        challenge = bloglist.loads(CHALLENGE)
        pages = [[story(n) for n in (10, 9, 8)], list(challenge)]
        later = DAY + datetime.timedelta(days=1)
        with pytest.raises(bloglist.PageError) as info:
            store.add(
                bloglist.stitch(pages),
                seen_at=later,
                source="x",
                pages=pages,
            )
        assert (info.value.page, info.value.reason, info.value.count) == (
            1,
            "displaced",
            4,
        )
        assert store.load() == before and len(store.scrapes()) == 1
        # With allow_all_gone, the same pages are added.
        store.add(
            bloglist.stitch(pages), seen_at=later, allow_all_gone=True, pages=pages
        )
        assert len(store.scrapes()) == 2


class TestABlogThatMarksEveryPost:
    """The real listing marks every post sticky: such a marker pins none,
    and its pages are checked as pages of posts that are not sticky are (a
    review found every page check off for them)."""

    REAL = Path(__file__).parent / "data" / "real" / "engineering_blog.txt"

    def pages(self, folder: Path, tag: str) -> list[str]:
        """The real listing's posts, three a page, one file each."""
        posts = list(bloglist.loads(self.REAL.read_text("utf-8")))
        assert posts and all(post.sticky for post in posts)
        files = []
        for number, start in enumerate(range(0, len(posts), 3), 1):
            path = folder / f"{tag}-page{number}.txt"
            path.write_text(bloglist.dumps(posts[start : start + 3]), "utf-8")
            files.append(str(path))
        return files

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            ("", "(page 2) has no posts"),
            (CHALLENGE, "(page 2) shows none of the 3 posts"),
        ],
        ids=["failed-download", "challenge-page"],
    )
    def test_a_page_that_stands_for_its_posts_is_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, said: str
    ) -> None:
        db = tmp_path / "blog.db"
        first = self.pages(tmp_path, "day0")
        assert add(capsys, db, first, 0) == (0, "")
        before = bloglist.open_archive(db).load()
        files = self.pages(tmp_path, "day1")
        Path(files[1]).write_text(text, "utf-8")
        status, err = add(capsys, db, files, 1)
        assert status == 1 and f"{files[1]} {said}" in err, err
        assert bloglist.open_archive(db).load() == before
        # The same pages, page 2 whole, are added.
        assert add(capsys, db, self.pages(tmp_path, "day2"), 2) == (0, "")

    def test_pages_out_of_order_are_warned_of(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        files = self.pages(tmp_path, "day0")
        status, out, err = run(capsys, "--pages", files[1], files[0], files[2])
        assert status == 0 and out, err
        assert err.startswith(f"{files[0]}:6:1: page-order its posts, dated ")
        assert f"are all newer than those of {files[1]} (" in err, err
