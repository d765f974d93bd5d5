"""Behaviour a mutation run of ``_store.py`` found untested (90 mutants: 75
killed, 7 equivalent, 8 surviving the whole suite; these tests kill five of
them): which damage of an archive file is refused and how it is named, a
last scrape of more posts than SQLite takes in one query, and a long chain of
links to a file that does not exist."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import bloglist
from test_store import T1, T2, _damage, _load_refuses


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "blog.db"


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

    def test_a_time_with_no_offset_is_damage_that_says_so(self, path: Path) -> None:
        """A scrape's time written without its offset is said to have none,
        not corrected to a time in the machine's own zone."""
        _damage(path, "UPDATE scrapes SET seen_at = '2025-03-05T08:00:00.000000'")
        _load_refuses(path, "time '2025-03-05T08:00:00.000000' has no offset")


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
