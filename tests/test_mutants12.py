"""Tests written by hand-made mutation tests of the history layer
(``_match.py``, ``_diff.py``, ``_stitch.py``, ``_archive.py``,
``_store.py``: 114 mutants, 97 killed, 10 equivalent) and of the query
layer (last class): each kills a mutant that no test told apart from the
real code, by what a user of diffs, ids, archive files and conditions
relies on.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

import bloglist
from bloglist import Post
from bloglist._match import match_posts, normalize_title

DAY = datetime.date(2025, 3, 25)
NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)


def dated(title: str) -> Post:
    return Post(title=title, date=DAY)


def unlike(n: int) -> list[Post]:
    """*n* posts of DAY whose titles share no character with each other nor
    with any Latin title: none pairs by ratio with anything."""
    return [
        dated("".join(chr(0x4E00 + 16 * k + c) for c in range(16))) for k in range(n)
    ]


class TestTheDocumentedBoundsOfCloseTitles:
    """docs/history.md gives the bounds of step 3 by value: the tests do too
    (the module's constants could move with the tests that import them)."""

    def test_an_edit_is_found_8_places_away_and_not_9(self) -> None:
        """When both sides have more than 17 unpaired posts of a date, a post
        is compared with the 8 nearest on either side."""
        others = unlike(60)
        before = dated("Release notes for version 2")
        after = dated("Release notes for version 2!")
        old_tail, new_tail = others[20:40], others[40:60]
        for offset, paired in ((8, True), (9, False)):
            old = [*others[:offset], before, *old_tail]
            found = match_posts(old, [after, *new_tail])
            assert found == (((offset, 0),) if paired else ()), offset

    def test_a_side_of_17_posts_is_compared_with_every_post(self) -> None:
        """At most 17 unpaired posts on one side: each is compared with all
        of the other side's, however far."""
        small = [dated(f"Talk {n} of the conference") for n in range(16)]
        before = dated("Release notes for version 2")
        after = dated("Release notes for version 2!")
        assert match_posts([*small, before], [after, *unlike(30)]) == ((16, 0),)

    def test_a_title_of_100_characters_is_compared_whole(self) -> None:
        """100 characters: the middle counts, and 40 changed of 100 is below
        the ratio."""
        old = dated("a" * 30 + "m" * 40 + "z" * 30)
        new = dated("a" * 30 + "n" * 40 + "z" * 30)
        assert match_posts([old], [new]) == ()

    def test_a_longer_title_is_compared_by_its_first_and_last_50(self) -> None:
        """130 characters: only the first 50 and the last 50 are compared, so
        a changed middle pairs (a limit the docs list)."""
        old = dated("a" * 50 + "m" * 30 + "z" * 50)
        new = dated("a" * 50 + "n" * 30 + "z" * 50)
        assert match_posts([old], [new]) == ((0, 0),)

    def test_the_two_ends_are_50_characters_each(self) -> None:
        """110 characters whose first 50 and last 50 share 80 (30 at the
        start, 50 at the end): a ratio of exactly 0.8 over the 100 compared,
        so they pair; the 10 characters between, all changed, do not count."""
        old = dated("a" * 30 + "b" * 20 + "m" * 10 + "z" * 50)
        new = dated("a" * 30 + "c" * 20 + "n" * 10 + "z" * 50)
        assert match_posts([old], [new]) == ((0, 0),)
        assert match_posts([new], [old]) == ((0, 0),)


class TestQuotesMadeStraight:
    @pytest.mark.parametrize(
        "quote", list("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u2039\u203a")
    )
    def test_each_single_quote_is_an_apostrophe(self, quote: str) -> None:
        """Every quote the rule makes ``'`` (ids are built on it)."""
        assert normalize_title(f"It{quote}s here") == "it's here"

    @pytest.mark.parametrize(
        "quote", list("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2e42\u301d\u301e\u301f")
    )
    def test_each_double_quote_is_straight(self, quote: str) -> None:
        assert normalize_title(f"a{quote}b") == 'a"b'

    def test_a_double_prime_is_two_apostrophes(self) -> None:
        assert normalize_title("a\u2033b") == "a''b"

    def test_an_acute_accent_typed_for_an_apostrophe_is_the_same_post(
        self,
    ) -> None:
        """`It` + U+00B4 + `s` (a keyboard's acute accent) and `It's`: one id, one post
        edited, never removed and added (NFKC made the accent a space and a
        combining accent, which no table entry saw)."""
        accent, straight = Post(title="It\u00b4s here"), Post(title="It's here")
        assert bloglist.post_id(accent) == bloglist.post_id(straight)
        # A scrape put in NFKC form on the way (a space and a combining
        # accent) keeps the ids too.
        compatible = Post(title=unicodedata.normalize("NFKC", accent.title))
        assert compatible.title == "It \u0301s here"
        assert bloglist.post_id(compatible) == bloglist.post_id(straight)
        assert bloglist.diff([accent], [straight]).summary() == (
            "0 added, 0 removed, 1 changed, 0 unchanged"
        )
        # Many titles at once, as matching normalises them, agree.
        assert bloglist.diff(
            [accent, Post(title="Caf\u00e9")], [straight, Post(title="Caf\u00e9")]
        ).summary() == ("0 added, 0 removed, 1 changed, 1 unchanged")


class TestTheFeedOfAnEditAtMidnight:
    def test_an_edit_seen_at_the_midnight_of_its_date_is_updated_then(self) -> None:
        """A version seen at the very midnight that starts its post's date,
        in the feed's zone: `updated` is that midnight, written as
        `published` is, in the zone of the feed."""
        zone = datetime.timezone(datetime.timedelta(hours=2))
        day = datetime.date(2025, 3, 1)
        midnight = datetime.datetime(2025, 3, 1, tzinfo=zone)
        archive = bloglist.Archive().merge(
            [Post(title="Helo", date=day)],
            seen_at=midnight - datetime.timedelta(days=1),
        )
        archive = archive.merge([Post(title="Hello", date=day)], seen_at=midnight)
        feed = archive.to_atom(title="Blog", feed_id="urn:example:blog", timezone=zone)
        entry = feed[feed.index("<entry>") :]
        published = re.search(r"<published>(.*?)</published>", entry)
        updated = re.search(r"<updated>(.*?)</updated>", entry)
        assert published is not None and updated is not None
        assert published[1] == "2025-03-01T00:00:00+02:00"
        assert updated[1] == published[1]


class TestDamageAndForeignFiles:
    def test_an_empty_database_with_a_user_version_is_not_taken(
        self, tmp_path: Path
    ) -> None:
        """An SQLite file with no tables but a `user_version` of its own is
        another program's database: refused, and left as it was."""
        path = tmp_path / "other.db"
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 7")
        db.commit()
        db.close()
        for create in (True, False):
            with pytest.raises(bloglist.ArchiveError, match="another SQLite database"):
                bloglist.open_archive(path, create=create)
        db = sqlite3.connect(path)
        try:
            assert db.execute("PRAGMA user_version").fetchone()[0] == 7
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


class TestAConditionCalledOnAPost:
    """From a mutation run of the query layer (``_where.py``, ``_query.py``,
    ``_index.py``, ``_listing.py``): 91 mutants, 82 killed, 8 equivalent,
    and this gap."""

    def test_a_match_condition_answers_a_bool(self) -> None:
        """`Where.match(predicate)(post)` says True or False, whatever the
        predicate returns (filtering took its truth already)."""
        from bloglist import Where

        post = Post(title="One", tags=["a", "b"])
        assert Where.match(lambda p: p.title)(post) is True
        assert Where.match(lambda p: len(p.tags))(post) is True
        assert Where.match(lambda p: "")(post) is False
        assert Where.match(lambda p: None)(post) is False


class TestTheAccentAfterAnyWhitespace:
    """From the review of the acute-accent change: the kind of whitespace
    before the accent made a difference, and normalising twice changed the
    result."""

    @pytest.mark.parametrize("space", [" ", "\t", "\n", "\x85", "\u2028", "\xa0"])
    def test_any_whitespace_before_a_combining_acute_is_its_space(
        self, space: str
    ) -> None:
        title = f"It{space}\u0301s here"
        assert normalize_title(title) == "it's here"
        assert normalize_title(normalize_title(title)) == "it's here"

    def test_a_run_keeps_its_other_whitespace(self) -> None:
        """`a`, two spaces, the accent, `b` is `a`, a space, `'b`: the
        accent takes one space of the run, as NFKC gave it one."""
        assert normalize_title("a \u00b4b") == normalize_title("a 'b") == "a 'b"
        assert normalize_title("a  \u0301b") == "a 'b"
