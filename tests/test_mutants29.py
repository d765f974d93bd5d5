"""Behaviour a further mutation run of ``_cli_history.py`` (``bloglist diff``
and ``bloglist archive add|show|feed``) found untested (50 mutants: 40
killed, one of them only by docs/cli.md's example of a stale page, which
tests/test_docs_cli.py runs; 4 equivalent; 6 surviving every test file):
``archive show --present`` with ``--new-since`` and with the order options,
``--gone`` and ``--present`` refused together, ``--allow-empty`` kept out
of the help, and the whole hours a stale-page warning counts (rounded, they
were not checked; its days the docs' example checks, at 24 hours).

The mutants dropped or renamed the ``-q`` short flag, made ``--quiet``
silence everything or nothing, dropped ``--allow-empty`` (the former name
of ``--allow-all-gone``), sent it to another destination, or showed it in
the help; ignored ``--present`` alone, took it for ``--gone``, let it and
``--gone`` be given together, and dropped the ``--new-since`` and order
options beside it; moved the stale-page threshold (an hour) a minute either
way or an hour up, compared at it, swapped the ages, counted its hours
rounded or by the seconds of the last day; and changed the end of
``diff``'s table (its last line break, an extra one, its encoding, the
exit status of a change alone), with a few more: the feed's refusal of
``--sort`` without ``--page``, its default title, how far ahead of the
clock a time may be, the wording of one post displaced, the sticky column.

The equivalent four: the table's text encoded with ``surrogateescape``
rather than ``replace`` (titles and excerpts reach it escaped, so it holds
no lone surrogate); ``_write`` not flushing (the main command flushes
standard output before it exits and reports a failed write the same way);
a time refused at exactly a day ahead of the clock rather than past it (the
clock moves on between reading it and comparing); the changed posts of the
JSON written 511 at a time rather than 512 (the batches make one array).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from test_cli import status_of

NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
FIRST = "Mar 1, 2025\n\nAlpha\n\nx\nFeb 28, 2025\n\nBravo\n\nx\n"
SECOND = "Mar 2, 2025\n\nCharlie\n\nx\nMar 1, 2025\n\nAlpha\n\nx\n"
ALPHA = "Mar 1, 2025\n\nAlpha\n\nx\n"
CHARLIE = "Mar 2, 2025\n\nCharlie\n\nx\n"


@pytest.fixture
def two_scrapes(tmp_path: Path) -> Path:
    """An archive of two scrapes a day apart: Alpha and Bravo, then Charlie
    and Alpha (Bravo gone, Charlie new at the second)."""
    first, second = tmp_path / "s1.txt", tmp_path / "s2.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    db = tmp_path / "blog.db"
    status, out, _ = status_of(
        "archive",
        "add",
        "-q",
        str(db),
        str(first),
        "--seen-at",
        "2025-03-01T06:00Z",
        str(second),
        "--seen-at",
        "2025-03-02T06:00Z",
    )
    assert (status, out) == (0, "")
    return db


class TestPresentWithTheOtherOptions:
    def test_present_and_new_since_both_choose(self, two_scrapes: Path) -> None:
        """Kills ``_selected`` filtering the whole archive for ``--present``
        (``archive.listing.filter``) and so dropping ``--new-since``: the
        options of ``archive show`` choose together (docs/history.md), so
        the posts still on the page first seen since the second scrape are
        Charlie alone, not Alpha too."""
        status, out, err = status_of(
            "archive",
            "show",
            str(two_scrapes),
            "--present",
            "--new-since",
            "2025-03-02T06:00Z",
            "--format",
            "listing",
        )
        assert (status, out, err) == (0, CHARLIE, "")

    def test_present_takes_the_order_options(self, two_scrapes: Path) -> None:
        """Kills ``_selected`` leaving the posts ``--present`` keeps in the
        archive's order: ``archive show`` takes the order options of
        ``bloglist show`` (docs/history.md), so ``--present --sort
        date:asc`` writes Alpha (Mar 1) before Charlie (Mar 2)."""
        status, out, err = status_of(
            "archive",
            "show",
            str(two_scrapes),
            "--present",
            "--sort",
            "date:asc",
            "--format",
            "listing",
        )
        assert (status, out, err) == (0, ALPHA + CHARLIE, "")

    def test_gone_and_present_together_are_a_usage_error(
        self, two_scrapes: Path
    ) -> None:
        """Kills the mutually exclusive group of ``--gone`` and ``--present``
        dropped (``--gone`` then silently winning): the two are one or the
        other, and together a usage error (docs/history.md), with status 2
        and argparse's error, nothing written."""
        status, out, err = status_of(
            "archive", "show", str(two_scrapes), "--gone", "--present"
        )
        assert (status, out) == (2, "")
        assert err.splitlines()[-1] == (
            "bloglist archive show: error: argument --present: not allowed "
            "with argument --gone"
        )


class TestTheFormerNameOfAllowAllGone:
    def test_help_lists_allow_all_gone_and_not_its_former_name(self) -> None:
        """Kills ``--allow-empty`` shown in ``archive add --help`` (its help
        not ``argparse.SUPPRESS``), and an extra alias that starts with it:
        it is still taken so that no script breaks (docs/cli.md), but the
        help lists each option once, by its name, ``--allow-all-gone``."""
        status, out, err = status_of("archive", "add", "--help")
        assert (status, err) == (0, "")
        assert "--allow-all-gone" in out
        assert "--allow-empty" not in out


class TestTheHoursOfAStalePage:
    @pytest.mark.parametrize(
        ("behind", "hours"),
        [
            (datetime.timedelta(hours=2, minutes=59), "2 hours"),
            (datetime.timedelta(days=2, hours=3, minutes=30), "51 hours"),
        ],
    )
    def test_the_hours_are_whole_hours_cut(
        self, tmp_path: Path, behind: datetime.timedelta, hours: str
    ) -> None:
        """Kills the warning's hours rounded (``round(behind / hour)``) or
        counted from the seconds of the last day alone: a page more than an
        hour older than the newest (docs/cli.md) is said to be so many whole
        hours older, cut as the tables' times are, days counted too; the
        scrape is still added."""
        first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
        first.write_text(CHARLIE, encoding="utf-8")
        second.write_text(ALPHA, encoding="utf-8")
        newest = NOON.timestamp()
        older = (NOON - behind).timestamp()
        os.utime(first, (newest, newest))
        os.utime(second, (older, older))
        db = tmp_path / "blog.db"
        status, out, err = status_of(
            "archive", "add", "-q", "--pages", str(db), str(first), str(second)
        )
        assert (status, out) == (0, "")
        assert err == (
            f"bloglist: warning: {second} (page 2) was modified {hours} before "
            f"{first} (page 1); the pages of one scrape are fetched a moment "
            "apart, so it may be left from an earlier download\n"
        )
