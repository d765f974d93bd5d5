"""Names changed before the first release, each old one kept with a
DeprecationWarning (docs/api.md, docs/compatibility.md): the keyword
``known_tags=`` of the readers and writers, once ``tags=``, and
``Archive.new_since``, once ``Archive.since``.

Each of ``loads``, ``load``, ``iterload``, ``dumps`` and ``dump`` is called
here as a program calls it: the warning must name the call and point at the
caller's line, the old name must give what the new one gives, and both at
once must be refused before anything is read or written.
"""

from __future__ import annotations

import datetime
import inspect
import io
import subprocess
import sys
import typing
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import bloglist

TEXT = "Mar 25, 2025\n\nA title\n\nAn excerpt\nGenAIiOSData\n"
NAMES = ["GenAI", "iOS"]
POST = bloglist.Post(title="A title", excerpt="An excerpt", tags=("GenAI", "iOS"))


def _loads(**options: Any) -> object:
    return bloglist.loads(TEXT, **options)


def _load(**options: Any) -> object:
    return bloglist.load(io.BytesIO(TEXT.encode()), **options)


def _iterload(**options: Any) -> object:
    return list(bloglist.iterload(io.StringIO(TEXT), **options))


def _dumps(**options: Any) -> object:
    return bloglist.dumps([POST], **options)


def _dump(**options: Any) -> object:
    out = io.StringIO()
    bloglist.dump([POST], out, **options)
    return out.getvalue()


CALLS: dict[str, Callable[..., object]] = {
    "loads": _loads,
    "load": _load,
    "iterload": _iterload,
    "dumps": _dumps,
    "dump": _dump,
}


@pytest.mark.parametrize("name", CALLS)
class TestTheOldName:
    def test_known_tags_reads_the_names_without_a_warning(self, name: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            found = CALLS[name](known_tags=NAMES)
        if name in ("dumps", "dump"):
            assert found == "\nA title\n\nAn excerpt\nGenAIiOS\n"
        else:
            posts = [p for p in found if isinstance(p, bloglist.Post)]  # type: ignore[attr-defined]
            assert [p.tags for p in posts] == [("GenAI", "iOS", "Data")]

    def test_tags_gives_what_known_tags_gives_and_warns(self, name: str) -> None:
        expected = CALLS[name](known_tags=NAMES)
        with pytest.warns(DeprecationWarning, match="deprecated") as caught:
            found = CALLS[name](tags=NAMES)
        assert found == expected
        (warning,) = caught
        assert str(warning.message) == (
            f"{name}(tags=...) is deprecated: pass the known tag names as"
            " known_tags=...; tags= will be removed in a future release"
        )
        # At the line that called it (here, the helper above), not inside
        # bloglist: -W error::DeprecationWarning points a program at its own code.
        assert warning.filename == __file__

    def test_type_checkers_are_told_what_the_warning_says(self, name: str) -> None:
        """Of the function's two overloads, the one taking tags= (and
        known_tags=, as a wrapper that passes both on gives them) carries
        PEP 702's mark, whose message a type checker reports where the call
        is written: the warning's, word for word; the other takes tags=None
        only, and is not marked."""
        function = getattr(bloglist, name)
        plain, old = typing.get_overloads(function)
        assert not hasattr(plain, "__deprecated__")
        assert vars(old)["__deprecated__"] == (
            f"{name}(tags=...) is deprecated: pass the known tag names as"
            " known_tags=...; tags= will be removed in a future release"
        )
        for overload, tags, known in (
            (plain, "None", "Iterable[str] | None"),
            (old, "Iterable[str]", "Iterable[str] | None"),
        ):
            parameters = inspect.signature(overload).parameters
            assert parameters["tags"].annotation == tags
            assert parameters["known_tags"].annotation == known
        assert (
            inspect.signature(old).parameters["tags"].default is inspect.Parameter.empty
        )

    def test_tags_none_is_no_old_name_given(self, name: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            found = CALLS[name](known_tags=NAMES, tags=None)
        assert found == CALLS[name](known_tags=NAMES)

    @pytest.mark.parametrize(
        ("tags", "said"),
        [
            ("Data", "tags must be an iterable of tag names, not a str"),
            (b"Data", "tags must be an iterable of tag names, not bytes"),
            (5, "tags must be an iterable of tag names, not int"),
            (["Data", 5], "tags must be an iterable of str, got int"),
        ],
    )
    def test_a_wrong_old_name_is_named_as_written(
        self, name: str, tags: object, said: str
    ) -> None:
        """A wrong value given as tags= is refused as tags, the name the
        caller wrote (a review found it named known_tags), after the
        warning."""
        with (
            pytest.warns(DeprecationWarning, match="deprecated"),
            pytest.raises(TypeError) as caught,
        ):
            CALLS[name](tags=tags)
        assert str(caught.value) == said

    def test_both_names_are_a_type_error(self, name: str) -> None:
        with pytest.raises(TypeError) as caught:
            CALLS[name](known_tags=NAMES, tags=NAMES)
        assert str(caught.value) == (
            f"{name}() takes known_tags= or tags=, not both: tags= is the old"
            " name of known_tags="
        )


class TestNothingReadOrWritten:
    """Both names at once are refused before the file is touched."""

    def test_load_and_iterload_read_nothing(self) -> None:
        for read in (bloglist.load, bloglist.iterload):
            fp = io.BytesIO(TEXT.encode())
            with pytest.raises(TypeError, match="not both"):
                read(fp, known_tags=NAMES, tags=NAMES)
            assert fp.tell() == 0

    def test_dump_writes_nothing(self) -> None:
        out = io.StringIO()
        with pytest.raises(TypeError, match="not both"):
            bloglist.dump([POST], out, known_tags=NAMES, tags=NAMES)
        assert out.getvalue() == ""


def test_the_command_passes_the_new_name(tmp_path: Path) -> None:
    """--known-tag reaches the library as known_tags=: the command warns of
    nothing, even with DeprecationWarning made an error, in show (iterload),
    --format listing (the writer) and archive add."""
    listing = tmp_path / "index.txt"
    listing.write_text(TEXT, encoding="utf-8")
    archive = tmp_path / "blog.db"
    command = [sys.executable, "-W", "error::DeprecationWarning", "-m", "bloglist"]
    for argv in (
        [str(listing), "--known-tag", "GenAI", "--known-tag", "iOS"],
        [str(listing), "--known-tag", "GenAI", "--known-tag", "iOS", "--format", "listing"],
        ["archive", "add", str(archive), str(listing), "--seen-at", "2025-04-01",
         "--known-tag", "GenAI", "--known-tag", "iOS"],
        ["archive", "show", str(archive), "--format", "listing",
         "--known-tag", "GenAI", "--known-tag", "iOS"],
    ):  # fmt: skip
        done = subprocess.run(
            command + argv, capture_output=True, text=True, check=False
        )
        assert (done.returncode, done.stderr.count("Warning")) == (0, 0), done.stderr
        if "--format" in argv:
            assert done.stdout.endswith("\nAn excerpt\nGenAIiOSData\n")


class TestArchiveSince:
    """``Archive.new_since``, and ``Archive.since``, its old name, kept with a
    DeprecationWarning: the same posts, the warning at the caller's line."""

    DAY1 = datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC)
    DAY2 = DAY1 + datetime.timedelta(days=1)

    def archive(self) -> bloglist.Archive:
        one, two = bloglist.Post(title="One"), bloglist.Post(title="Two")
        first = bloglist.Archive().merge(bloglist.Listing([one]), seen_at=self.DAY1)
        return first.merge(bloglist.Listing([two, one]), seen_at=self.DAY2)

    @pytest.mark.parametrize(
        ("day", "titles"), [(DAY1, ["One", "Two"]), (DAY2, ["Two"])]
    )
    def test_since_gives_what_new_since_gives_and_warns(
        self, day: datetime.datetime, titles: list[str]
    ) -> None:
        archive = self.archive()
        assert sorted(p.title for p in archive.new_since(day)) == titles
        with pytest.warns(DeprecationWarning, match="new_since") as caught:
            old = archive.since(day)
        assert old == archive.new_since(day)
        (warning,) = caught
        assert str(warning.message) == (
            "Archive.since() is deprecated: use Archive.new_since(), which gives"
            " the same posts; since() will be removed in a future release"
        )
        assert warning.filename == __file__
        # The mark PEP 702 defines, which type checkers report, says the same.
        assert bloglist.Archive.since.__deprecated__ == str(warning.message)  # type: ignore[attr-defined]
        assert not hasattr(bloglist.Archive.new_since, "__deprecated__")

    def test_since_checks_its_moment_as_new_since_does(self) -> None:
        with (
            pytest.warns(DeprecationWarning, match="new_since"),
            pytest.raises(ValueError, match="no time zone") as old,
        ):
            self.archive().since(datetime.datetime(2025, 3, 5))
        with pytest.raises(ValueError, match="no time zone") as new:
            self.archive().new_since(datetime.datetime(2025, 3, 5))
        assert str(old.value) == str(new.value)


def test_an_empty_known_tags_with_tags_is_still_both() -> None:
    """known_tags=[] is given all the same: with tags= too it is the
    TypeError for both names at once, not a silent use of the old one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError, match="not both"):
            bloglist.loads("T\n\nE\nAB\n", known_tags=[], tags=["A"])
