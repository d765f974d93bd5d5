"""Behaviour a mutation run of ``_match.py`` and ``_diff.py`` found untested
(92 mutants: 81 killed, 10 equivalent, 1 surviving every test file): step 2
of the rule (same title, another date) counting a title over the whole new
scrape, and not only over its posts left unpaired by step 1. The archive
counts only its present posts on the old side; on the new side it counts
every post of the scrape, so that a scrape showing a gone post again beside
a post of its title on a new date calls that second post new, as a diff of
the last two scrapes does, rather than a date corrected of the present post
of the title. Tested here through :meth:`Archive.merge` and the archive file
(:meth:`ArchiveFile.add`), which run the rule each its own way.

The equivalent ten change only time, or a branch no input reaches, never a
pairing: in ``normalize_titles``, the empty list told apart by ``not titles``
as well as by the separator count (the count of an empty join is never -1);
step 1's dict holding the last old post of each key rather than the first
(a key of two old posts is a group, paired again by ``_pair_group`` whatever
the dict says); steps 2 and 3 run when every old post is paired already (no
old post is left to pair); step 2 counting the old titles over the unpaired
old posts only (a post step 1 paired took a new post of its title, so that
the new title is counted twice and step 2 refuses it anyway); step 3 letting
undated posts into the old side only, or into the new side only (each side
still needs the other's date); the keys of groups taking the last old key
for new posts found twice as -1, or every key found in the old scrape (a key
of one old and one new post pairs them again as they were); a title of
exactly ``LONGEST`` characters shortened (its two halves are itself); and
``diff`` comparing a pair of posts that is one object (a post equals
itself).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs

import bloglist
from bloglist import Archive, Listing, Post, open_archive, post_id

UTC = datetime.UTC
T1 = datetime.datetime(2025, 5, 1, 8, tzinfo=UTC)
T2 = T1 + datetime.timedelta(days=1)
T3 = T2 + datetime.timedelta(days=1)

# A monthly "Hiring update": in the first scrape both the April and the
# March one; in the second only April (March scrolled off); in the third
# March is back on the page, beside a "Hiring update" of April 2.
APRIL = Post(
    title="Hiring update",
    date=datetime.date(2025, 4, 1),
    excerpt="We are hiring two designers.",
)
MARCH = Post(
    title="Hiring update",
    date=datetime.date(2025, 3, 1),
    excerpt="We are hiring three engineers.",
)
APRIL_2 = attrs.evolve(APRIL, date=datetime.date(2025, 4, 2))
SCRAPES = (([APRIL, MARCH], T1), ([APRIL], T2), ([MARCH, APRIL_2], T3))


def merged() -> Archive:
    archive = Archive()
    for posts, seen_at in SCRAPES:
        archive = archive.merge(Listing(posts), seen_at=seen_at, allow_all_gone=True)
    return archive


class TestStepTwoCountsTheWholeNewScrape:
    """Step 2 pairs only a title found once in each scrape. The third
    scrape shows "Hiring update" twice: March, back on the page, pairs with
    the gone March post by step 1, and the one of April 2 may not pair with
    the present April post by step 2, though it is the only one of the title
    that step 1 left unpaired."""

    def test_a_diff_of_the_last_two_scrapes_calls_it_added(self) -> None:
        """The rule as diff applies it: the new title is found twice, so no
        date correction; both new posts are added, April removed."""
        difference = bloglist.diff(SCRAPES[1][0], SCRAPES[2][0])
        assert difference.added == (MARCH, APRIL_2)
        assert difference.removed == (APRIL,)
        assert (difference.changed, difference.unchanged) == ((), 0)

    def test_the_archive_calls_it_a_new_post(self) -> None:
        """The archive agrees with that diff: April 2 is a new entry, first
        seen at T3 with its own post_id; April is gone from T3 on, with its
        one version; March is back."""
        archive = merged()
        assert len(archive.entries) == 3
        new = archive.entry_of(APRIL_2)
        assert (new.id, new.first_seen, new.gone_since) == (post_id(APRIL_2), T3, None)
        april = archive.entry_of(APRIL)
        assert april.id == post_id(APRIL) != new.id
        assert (april.last_seen, april.gone_since) == (T2, T3)
        assert [version.post for version in april.versions] == [APRIL]
        march = archive.entry_of(MARCH)
        assert (march.last_seen, march.gone_since) == (T3, None)
        assert list(archive.new_since(T3)) == [APRIL_2]

    def test_the_archive_file_agrees(self, tmp_path: Path) -> None:
        """The archive file runs the rule on its stored columns: at T3 it
        counts one post new (April 2), one back (March) and one gone
        (April), and loads as the merged archive."""
        store = open_archive(tmp_path / "blog.db")
        added = [
            store.add(Listing(posts), seen_at=seen_at, allow_all_gone=True)
            for posts, seen_at in SCRAPES
        ]
        last = added[-1]
        assert (last.new, last.back, last.gone) == (1, 1, 1)
        assert store.load() == merged()
