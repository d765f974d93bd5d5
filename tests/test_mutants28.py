"""Behaviour a mutation run of ``_cli_history.py`` (``bloglist diff`` and
``bloglist archive add|show|feed``) found untested (80 mutants: 77 killed,
2 equivalent, 1 surviving every test file): ``archive add --quiet`` prints
no line for a scrape whose commit Ctrl-C interrupted as it returned, as
for any scrape it adds; only the error that says which were added.

The mutants flipped exit statuses (0/1/2 of diff, 1 for data, 2 for
trouble, 75 for a busy archive), dropped the finding or its closing line,
swapped the files messages name, moved the line of a scrape added to
standard output, changed the checks of ``--seen-at`` (count, future,
standard input, a pipe, a directory), the order scrapes are added in, the
refusals of an empty or unrelated listing and of a page, the hints of a
wrong page, the stale-page warning, and the query options of ``archive
show`` and ``archive feed``. One more, letting a file that is not regular
through to be read, hangs on the named pipe a test opens (killed).

The equivalent two: ``_wrong_page_hint`` returning nothing for more than
one scrape with posts rather than for any other number than one (it is
asked only after an AllGoneError, which the archive raises only when its
last scrape showed posts, so at least one scrape has them); ``archive
show``'s JSON writer's ``lines`` set by ``format != "json"`` rather than
``== "jsonl"`` (that branch has only those two formats).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bloglist
from test_cli import status_of
from test_cli_history import interrupt_at_commit


class TestQuietWhenCtrlCComesAsACommitReturns:
    def test_the_scrape_added_has_no_line_only_the_error(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Kills ``added`` keeping quiet only for a scrape whose add
        returned (``result is not None and result.recorded``): Ctrl-C as
        the first scrape's commit returns leaves it in the file, and
        ``--quiet`` prints nothing for the scrapes it adds (docs/cli.md),
        so the one line on standard error is the error that says it was
        added and which file was not, with no ``blog.db: added a.txt (...)``
        line before it."""
        first, second = (tmp_path / "a.txt", tmp_path / "b.txt")
        first.write_text("\nHello\n\nFirst words.\n", encoding="utf-8")
        second.write_text("\nHello\n\nFirst words, edited.\n", encoding="utf-8")
        db = tmp_path / "blog.db"
        interrupt_at_commit(monkeypatch, 1)
        status, out, err = status_of(
            "archive",
            "add",
            "--quiet",
            str(db),
            str(first),
            "--seen-at",
            "2025-03-01T00:00Z",
            str(second),
            "--seen-at",
            "2025-03-02T00:00Z",
        )
        assert (status, out) == (130, "")
        assert err == (
            f"bloglist: interrupted after adding {first} to {db}; added: {first}; "
            f"not added: {second}\n"
        )
        sources = [source for _, source, _ in bloglist.open_archive(db).scrapes()]
        assert sources == [str(first)]
