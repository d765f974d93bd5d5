"""Behaviour a mutation run of the history commands found untested (76
mutants of ``_cli_history.py``: 69 killed by the command's test files, 2
more by the library's, 3 equivalent, 2 surviving every test file): the
message of ``archive add --pages`` given a ``--seen-at`` in the future, which
names the option, not the pages' modification times; and the wrong-page hint
for scrapes the library added, which record no source.

The mutants checked the pages' times as if no ``--seen-at`` were given
(saying a file "was modified in the future", and to give the option given),
and wrote "the first, seen at" where a scrape has no file to name. A third
test puts the refusal of a ``--timeout`` that is no number of seconds, which
only the library's tests checked, beside the command's.

The equivalent three: the flush of ``diff``'s output, twice (the command
flushes standard output as it ends, with the same message and status for a
failure), and a hint's test for no scrape with posts, which the error it
follows rules out.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

import bloglist
from bloglist import ArchiveFile, Listing, Post
from bloglist._cli import main

DAY = datetime.datetime(2025, 3, 5, 8, tzinfo=datetime.UTC)


def _page(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (DAY.timestamp(), DAY.timestamp()))
    return path


def test_pages_with_a_future_seen_at_name_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """archive add --pages --seen-at <future>: the message names --seen-at,
    not a file's modification time (the pages' own are in the past); status
    2, nothing written."""
    page1 = _page(tmp_path / "page1.txt", "Mar 5, 2025\n\nE\n\nx\n")
    page2 = _page(tmp_path / "page2.txt", "Mar 4, 2025\n\nD\n\nx\n")
    db = tmp_path / "blog.db"
    argv = ["archive", "add", "--pages", "--seen-at", "2999-01-01"]
    status = main([*argv, str(db), str(page1), str(page2)])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == (
        "bloglist: error: --seen-at 2999-01-01T00:00:00+00:00 for "
        f"{page1} is in the future; a scrape is taken at or before the time "
        "it is added\n"
    ), err
    assert not db.exists()


@pytest.mark.parametrize("value", ["-1", "soon", "nan", "1e3"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    listing = tmp_path / "index.txt"
    listing.write_text(bloglist.sample_text(), encoding="utf-8")
    db = tmp_path / "blog.db"
    argv = ["archive", "add", str(db), str(listing), "--seen-at", "2025-01-01"]
    with pytest.raises(SystemExit) as info:
        main([*argv, "--timeout", value])
    assert info.value.code == 2
    assert (
        f"argument --timeout: '{value}' is not a number of seconds, 0 or more"
        in capsys.readouterr().err
    )
    assert not db.exists()


def test_the_hint_names_a_first_scrape_with_no_source_without_a_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scrapes added by the library record no source: the wrong-page hint
    names the first of the scrapes after as 'the first seen at ...'."""

    def page(*numbers: int) -> Listing:
        return Listing(
            Post(title=f"Post {n}", date=datetime.date(2025, 3, n), excerpt="x")
            for n in numbers
        )

    db = tmp_path / "blog.db"
    archive = ArchiveFile(str(db))
    scrapes = [page(1, 2), page(1, 2), page(5, 6), page(5, 6, 7)]
    for day, listing in enumerate(scrapes, 1):
        seen = datetime.datetime(2025, 4, day, 6, tzinfo=datetime.UTC)
        archive.add(listing, seen_at=seen, allow_all_gone=True)
    stale = tmp_path / "stale.txt"
    stale.write_text(bloglist.dumps(page(1, 2)), encoding="utf-8")
    argv = ["archive", "add", str(db), str(stale), "--seen-at", "2025-04-20T06:00Z"]
    status = main(argv)
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert (
        "; it shares posts with an earlier scrape of the archive (seen at "
        "2025-04-02T06:00:00+00:00), but none with the 2 after it (the first "
        "seen at 2025-04-03T06:00:00+00:00): if those were not the blog's page"
    ) in err, err
