"""bloglist as a program that depends on it meets it: values, threads, interpreter flags.

- Every public value survives ``copy.copy``, ``copy.deepcopy`` and ``pickle``
  at every protocol equal, with the same hash and repr; equal values hash
  alike; none has an order; a repr never fails, whatever the text.
- One listing (or archive) shared by eight threads gives every thread the
  answers a plain-Python oracle gives, while its indexes are being built by
  all of them at once (the interpreter switches threads every microsecond).
- ``python -O``, ``-OO``, ``-X dev -W error`` and ``-I`` run the command and
  the library with the same output and no warning; no output depends on
  ``PYTHONHASHSEED``.

How the public types look to a type checker is pinned in ``typing_tests/``.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import inspect
import io
import json
import os
import pickle
import random
import subprocess
import sys
import textwrap
import threading
import typing
import uuid
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import attrs
import pytest

import bloglist
from bloglist import (
    Archive,
    ArchivedPost,
    ArchiveError,
    Diagnostic,
    Listing,
    ParseError,
    Post,
    Where,
    WriteError,
)
from bloglist._hints import resolve_hints
from test_query_oracle import (
    TAGS,
    TITLES,
    folded,
    oracle_groups,
    oracle_related,
    oracle_sort,
)

D = datetime.date
NOON = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
# The repeated hour of the night New York's clocks go back: 01:30 at -04:00
# (05:30 UTC), then again at -05:00 (06:30 UTC, fold=1), which a datetime
# pickled at protocols 0 to 3 does not keep by itself.
FIRST_PASS = datetime.datetime(2024, 11, 3, 1, 30, tzinfo=ZoneInfo("America/New_York"))
SECOND_PASS = FIRST_PASS.replace(fold=1)
SAMPLE = bloglist.loads(bloglist.sample_text() + "\nstray line\n")
REAL = Path(__file__).parent / "data" / "real" / "engineering_blog.txt"

# --- The public objects as values ------------------------------------------------


def _errors() -> dict[str, BaseException]:
    found: dict[str, BaseException] = {}
    try:
        bloglist.loads("Feb 30, 2024\n\nA title\n\nAn excerpt", strict=True)
    except ParseError as error:
        found["ParseError"] = error
    try:
        bloglist.dumps([Post(title="Mar 25, 2025")])
    except WriteError as error:
        found["WriteError"] = error
    try:
        bloglist.open_archive(os.devnull + "-none", create=False).load()
    except ArchiveError as error:
        found["ArchiveError"] = error
    try:
        Archive().merge(SAMPLE, seen_at=NOON).merge([], seen_at=NOON)
    except bloglist.AllGoneError as error:
        found["AllGoneError"] = error
    try:
        Archive().merge(SAMPLE, seen_at=NOON).merge(
            SAMPLE, seen_at=NOON - datetime.timedelta(hours=1)
        )
    except bloglist.ScrapeOrderError as error:
        found["ScrapeOrderError"] = error
    pages = [SAMPLE[:5], [], SAMPLE[5:]]
    try:
        Archive().merge(bloglist.stitch(pages), seen_at=NOON, pages=pages)
    except bloglist.PageError as error:
        found["PageError"] = error
    return found


def _repeated_hour_error() -> bloglist.ScrapeOrderError:
    """A scrape out of order, of times in the repeated hour."""
    try:
        Archive(scrapes=[SECOND_PASS]).merge([], seen_at=FIRST_PASS)
    except bloglist.ScrapeOrderError as error:
        return error
    raise AssertionError("no ScrapeOrderError")


def _values() -> dict[str, object]:
    """One value of each public class, built the way the docs show."""
    edited = attrs.evolve(SAMPLE[1], excerpt="Edited since.")
    changes = bloglist.diff(SAMPLE, [SAMPLE[0], edited, *SAMPLE[3:]])
    archive = Archive().merge(SAMPLE, seen_at=NOON)
    archive = archive.merge(SAMPLE[2:], seen_at=NOON + datetime.timedelta(days=1))
    return {
        "Post": SAMPLE[4],
        "Diagnostic": SAMPLE.diagnostics[0],
        "Listing": SAMPLE,
        "empty Listing": Listing(),
        "Page": SAMPLE.sort_by("-date").page(2, size=5),
        # Every kind of condition: each static method, &, | and ~.
        "Where": (Where.tagged_any("Data") & ~Where.since("2024"))
        | Where.search("build", "Latency")
        | Where.month(2024, 3)
        | Where.match(bool)
        | (Where.tagged_all("a", "B") & Where.tagged_none("c") & Where.sticky())
        | (Where.dated() & Where.year(2023) & Where.on("2023-05-01"))
        | (Where.before("2020-02") & Where.between("2019", "2019-06-30")),
        "Diff": changes,
        "Change": changes.changed[0],
        "Archive": archive,
        "empty Archive": Archive(),
        "ArchivedPost": archive.entries[0],
        "Version": archive.entries[0].versions[0],
        # What open_archive returns, without the file it would create.
        "ArchiveFile": bloglist.ArchiveFile("blog.sqlite", timeout=1.0),
        # What ArchiveFile.add returns (made as its posts example makes it).
        "AddedScrape": bloglist.AddedScrape(
            new=1, changed=2, unchanged=9, back=1, gone=3
        ),
        # What ArchiveFile.scrapes gives for each scrape.
        "ArchivedScrape": bloglist.ArchivedScrape(NOON, "index.txt", 12),
        # Times of the second pass of a repeated hour, kept in their zone.
        "Version of the repeated hour": bloglist.Version(
            post=SAMPLE[2], seen_at=SECOND_PASS
        ),
        "Archive of the repeated hour": Archive(
            entries=[
                bloglist.ArchivedPost(
                    id="urn:x:1",
                    first_seen=FIRST_PASS,
                    last_seen=SECOND_PASS,
                    versions=[
                        bloglist.Version(post=SAMPLE[1], seen_at=FIRST_PASS),
                        bloglist.Version(post=edited, seen_at=SECOND_PASS),
                    ],
                )
            ],
            scrapes=[FIRST_PASS, SECOND_PASS],
        ),
        "ArchivedScrape of the repeated hour": bloglist.ArchivedScrape(
            SECOND_PASS, "index.txt", 12
        ),
        "ScrapeOrderError of the repeated hour": _repeated_hour_error(),
        **_errors(),
    }


VALUES = _values()


def _same(back: object, value: object) -> bool:
    """Equal values; for exceptions, which compare by identity, equal parts."""
    if isinstance(value, BaseException):
        return (
            type(back) is type(value)
            and str(back) == str(value)
            and back.args == value.args
            and vars(back) == vars(value)
        )
    return back == value


def _pickled(protocol: int, value: object) -> object:
    return pickle.loads(pickle.dumps(value, protocol))


COPIES: dict[str, Callable[[object], object]] = {
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    **{
        f"pickle {protocol}": partial(_pickled, protocol)
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
    },
}


PUBLIC_CLASSES = [
    name for name in bloglist.__all__ if isinstance(getattr(bloglist, name), type)
]


class TestTypeHints:
    """Tools that read type hints at run time (cattrs, typer, beartype, the
    docs' type evaluation) see the annotations of every public class."""

    @pytest.mark.parametrize("name", PUBLIC_CLASSES)
    def test_every_public_class_has_hints_that_resolve(self, name: str) -> None:
        cls = getattr(bloglist, name)
        for target in (cls, cls.__init__):
            hints = typing.get_type_hints(target)
            assert not any(isinstance(hint, str) for hint in hints.values())
        if "__init__" in vars(cls):  # not WriteError, whose is BaseException's
            inspect.signature(cls, eval_str=True)
        if attrs.has(cls):
            attrs.resolve_types(cls)
            assert not any(isinstance(field.type, str) for field in attrs.fields(cls))

    def test_the_hints_resolve_in_a_fresh_process(self) -> None:
        """In a program that has touched none of the package's lazy names
        (the type aliases such as ArchiveErrorCode are made on first use):
        ArchiveError's ``code`` hint named an alias that the package's
        namespace did not hold yet, a NameError."""
        code = (
            "import typing, bloglist\n"
            "for name in bloglist.__all__:\n"
            "    cls = getattr(bloglist, name)\n"
            "    if isinstance(cls, type):\n"
            "        typing.get_type_hints(cls)\n"
            "        typing.get_type_hints(cls.__init__)\n"
            "print(typing.get_type_hints(bloglist.ArchiveError)['code'])\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("typing.Literal['no-such-file', ")

    def test_the_hints_are_the_annotated_types(self) -> None:
        """What the source says, as real types: ``date: datetime.date | None``."""
        hints = typing.get_type_hints(Post)
        assert hints["date"] == datetime.date | None
        assert hints["tags"] == tuple[str, ...]
        init = typing.get_type_hints(bloglist.Diagnostic.__init__)
        assert init["severity"] == Literal["error", "warning"]
        assert (
            typing.get_type_hints(bloglist.Diff)["changed"]
            == tuple[bloglist.Change, ...]
        )

    def test_resolving_a_class_leaves_the_init_it_inherits_alone(self) -> None:
        """The package resolves each class's own annotations, and those of
        the ``__init__`` and ``__new__`` it defines; one it inherits is its
        base's, whose names belong to the base's module."""
        namespace: dict[str, object] = {"Stamp": str}
        exec(
            "from __future__ import annotations\n"
            "class Base:\n"
            "    def __init__(self, when: Stamp) -> None: ...\n"
            "class Child(Base):\n"
            "    size: int\n",
            namespace,
        )
        base, child = namespace["Base"], namespace["Child"]
        assert isinstance(base, type)
        assert isinstance(child, type)
        resolve_hints(namespace, child)
        assert child.__annotations__ == {"size": int}
        assert vars(base)["__init__"].__annotations__ == {
            "when": "Stamp",
            "return": "None",
        }


class TestValues:
    def test_every_public_class_has_a_value_here(self) -> None:
        """The values below cover every public class and error of ``__all__``
        (the file protocols are no values: any file fits them)."""
        for name in bloglist.__all__:
            cls = getattr(bloglist, name)
            if isinstance(cls, type) and typing.Protocol not in cls.__mro__:
                assert any(isinstance(value, cls) for value in VALUES.values()), name

    @pytest.mark.parametrize("name", VALUES)
    def test_every_value_but_a_tuple_can_be_held_weakly(self, name: str) -> None:
        """A cache keyed weakly by a listing, a condition or a post works; an
        ArchivedScrape is a named tuple, which (as any tuple) cannot be."""
        value = VALUES[name]
        if isinstance(value, tuple):
            with pytest.raises(TypeError, match="weak reference"):
                weakref.ref(value)
            return
        ref = weakref.ref(value)
        assert ref() is value
        held = weakref.WeakValueDictionary({name: value})
        assert held[name] is value
        if not isinstance(value, BaseException):
            cache = weakref.WeakKeyDictionary({value: name})
            assert cache[value] == name

    @pytest.mark.parametrize("how", COPIES)
    @pytest.mark.parametrize("name", VALUES)
    def test_copies_and_pickles_are_the_same_value(self, name: str, how: str) -> None:
        """Equal, of the same type, with the same hash, repr and diagnostics."""
        value = VALUES[name]
        back = COPIES[how](value)
        assert type(back) is type(value)
        assert _same(back, value)
        assert repr(back) == repr(value)
        if not isinstance(value, BaseException):
            assert hash(back) == hash(value)
        if isinstance(value, Listing):
            assert isinstance(back, Listing)
            assert back.diagnostics == value.diagnostics

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    @pytest.mark.parametrize("name", VALUES)
    def test_a_pickle_names_only_public_names(self, name: str, protocol: int) -> None:
        """What a pickle names to rebuild a value: public names of ``bloglist``
        (a class of ``__all__`` or one of its static methods) and the
        standard library's, never a module of the package's own. A pickle
        kept by a cache or sent to a worker then reads back with any later
        version that keeps the public API, however its modules move."""
        named: set[tuple[str, str]] = set()

        class Recording(pickle.Unpickler):
            def find_class(self, module: str, name: str) -> Any:
                named.add((module, name))
                return super().find_class(module, name)

        data = pickle.dumps(VALUES[name], protocol)
        assert _same(Recording(io.BytesIO(data)).load(), VALUES[name])
        for module, qualname in named:
            if module.startswith("bloglist"):
                assert module == "bloglist", (module, qualname)
                owner, _, attribute = qualname.partition(".")
                assert owner in bloglist.__all__, qualname
                assert not attribute.startswith("_"), qualname
            else:
                top = module.partition(".")[0]
                # Protocols 0 to 2 write Python 2's names of a few modules.
                assert top in sys.stdlib_module_names | {"__builtin__", "copy_reg"}

    def test_a_pickle_of_the_newest_attrs_reads_back_on_the_lowest(self) -> None:
        """A pickle of a post made where the newest attrs is installed (each
        field by name, as attrs 22.2 and later write a slotted class) reads
        back the same post where any attrs that bloglist allows is: a dask
        worker or a cache may run another. attrs before 22.2 read such a
        pickle as the field names themselves (title 'title', date 'date'),
        with no error; the CI run with every dependency at its lower bound
        runs this test on the lowest attrs allowed."""
        written_by_attrs_26 = (
            b"\x80\x04\x95\x99\x00\x00\x00\x00\x00\x00\x00\x8c\x08bloglist"
            b"\x94\x8c\x04Post\x94\x93\x94)\x81\x94}\x94(\x8c\x05title\x94\x8c"
            b"\x05Hello\x94\x8c\x04date\x94\x8c\x08datetime\x94\x8c\x04date\x94"
            b"\x93\x94C\x04\x07\xe8\x05\x01\x94\x85\x94R\x94\x8c\x07excerpt"
            b"\x94\x8c\x0cFirst words.\x94\x8c\x04tags\x94\x8c\x06Python\x94"
            b"\x8c\x04Data\x94\x86\x94\x8c\x06sticky\x94\x88\x8c\x06lineno"
            b"\x94Nub."
        )
        back = pickle.loads(written_by_attrs_26)
        assert back == Post(
            title="Hello",
            date=datetime.date(2024, 5, 1),
            excerpt="First words.",
            tags=["Python", "Data"],
            sticky=True,
        )
        assert back.lineno is None

    def test_equal_values_hash_alike(self) -> None:
        """What takes no part in equality (lineno, diagnostics) takes none in the hash."""
        one, two = Post(title="A", lineno=1), Post(title="A", lineno=9)
        warning = Diagnostic(
            lineno=1, colno=1, severity="warning", code="extra-line", message="m"
        )
        pairs: list[tuple[object, object]] = [
            (one, two),
            (Listing([one]), Listing([two], diagnostics=[warning])),
            (Listing([one]).page(1, size=1), Listing([two]).page(1, size=1)),
            (Post(title="A", tags=["x"]), Post(title="A", tags=("x",))),
            (Where.since("2024"), Where.since(D(2024, 1, 1))),
            (
                Archive().merge([one], seen_at=NOON),
                Archive().merge([two], seen_at=NOON),
            ),
            (bloglist.diff([one], []), bloglist.diff([two], [])),
        ]
        for first, second in pairs:
            assert first == second
            assert hash(first) == hash(second)

    @pytest.mark.parametrize(
        "name",
        [n for n in VALUES if "Error" not in n and not n.startswith("ArchivedScrape")],
    )
    def test_values_have_no_order(self, name: str) -> None:
        """Sorting values is a TypeError (and typing_tests/ holds that it is a
        type error too); sort a listing with ``sort_by``. An ArchivedScrape
        is a tuple, ordered as one, as scrapes() gave before it had a name."""
        value = VALUES[name]
        with pytest.raises(TypeError):
            value < value  # type: ignore[operator]  # noqa: B015

    def test_evolve_makes_a_changed_post(self) -> None:
        """``attrs.evolve``, as the docs show, checks and converts like the constructor."""
        post = attrs.evolve(SAMPLE[4], title="New", tags=["A", "B"])
        assert (post.title, post.tags, post.date) == ("New", ("A", "B"), SAMPLE[4].date)
        with pytest.raises(TypeError, match="title must be a str"):
            attrs.evolve(post, title=1)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "text", ["\ud800", "a\udfffb", "\x00\x1b[2J", "x" * 1_000_000, "'\"\\"]
    )
    def test_repr_never_fails(self, text: str) -> None:
        """A lone surrogate, control characters or a huge string: repr and str
        work, and repr escapes what is not printable."""
        post = Post(title=text, excerpt=text, tags=[text])
        diagnostic = Diagnostic(
            lineno=1, colno=1, severity="error", code=text, message=text
        )
        for value in [
            post,
            Listing([post]),
            diagnostic,
            Where.tagged_any(text) if text.strip() else Where.sticky(),
            ParseError(text, 1, 1, code=text),
            WriteError(text),
            ArchiveError(text),
            bloglist.diff([post], []),
            Archive().merge([post], seen_at=NOON),
        ]:
            shown = repr(value)
            assert isinstance(shown, str)
            assert shown.isprintable()  # escaped, as repr(str) escapes
            str(value)
        assert repr(post) == (
            f"Post(title={text!r}, date=None, excerpt={text!r}, tags=({text!r},), "
            "sticky=False)"
        )


@pytest.mark.parametrize("title", ["a\udfffb", "\ud800", "caf\udce9"])
def test_a_title_with_a_lone_surrogate_has_an_id(title: str) -> None:
    """A post may hold lone surrogates (``loads`` keeps them): its post_id is
    the UUID of its title's bytes with each surrogate as ``surrogatepass``
    writes it, and an archive in memory takes it, as one whose excerpt or
    tags hold one (the archive file refuses all of them by name)."""
    post = Post(title=title, date=D(2024, 2, 29))
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "bloglist:post-id")
    name = f"2024-02-29\n{title}".encode("utf-8", "surrogatepass")
    expected = uuid.UUID(bytes=hashlib.sha1(namespace.bytes + name).digest()[:16])
    expected = uuid.UUID(fields=expected.fields, version=5)
    assert bloglist.post_id(post) == expected.urn
    replaced = title.encode("utf-8", "replace").decode()  # each surrogate a "?"
    assert bloglist.post_id(post) != bloglist.post_id(
        attrs.evolve(post, title=replaced)
    )
    archive = Archive().merge([post, Post(title="Other")], seen_at=NOON)
    assert archive.id_of(post) == bloglist.post_id(post)
    assert "<entry>" in archive.to_atom(title="Blog", feed_id="urn:example:blog")


class TestOneBaseForTheErrors:
    """One ``except bloglist.BloglistError`` catches every error bloglist
    defines, raised as the docs show, and none that a wrong argument gives."""

    def test_every_public_error_is_a_bloglist_error(self) -> None:
        public = {
            name
            for name in bloglist.__all__
            if isinstance(getattr(bloglist, name), type)
            and issubclass(getattr(bloglist, name), BaseException)
        }
        assert public - {"BloglistError"} == set(_errors())
        for name, error in _errors().items():
            assert isinstance(error, bloglist.BloglistError), name
            # A ValueError, as each was before the base: but ArchiveError.
            assert isinstance(error, ValueError) is (name != "ArchiveError"), name

    def test_a_scrape_out_of_order_says_both_times(self) -> None:
        error = _errors()["ScrapeOrderError"]
        assert isinstance(error, bloglist.ScrapeOrderError)
        assert (error.seen_at, error.last) == (NOON - datetime.timedelta(hours=1), NOON)
        assert str(error) == (
            "seen_at 2025-03-05T11:00:00+00:00 is earlier than the archive's last "
            "scrape, seen at 2025-03-05T12:00:00+00:00; add scrapes oldest first"
        )

    def test_a_time_out_of_utcs_range_is_still_said(self) -> None:
        """A time whose UTC form falls before the year 1 cannot be compared
        in UTC: the error is made all the same, saying the times as given."""
        east = datetime.timezone(datetime.timedelta(hours=1))
        first = datetime.datetime(1, 1, 1, 0, 30, tzinfo=east)
        error = bloglist.ScrapeOrderError(first, NOON)
        assert (error.seen_at, error.last) == (first, NOON)
        assert str(error).startswith("seen_at 0001-01-01T00:30:00+01:00 is earlier")

    def test_a_naive_last_is_refused_however_late(self) -> None:
        """last is checked for a time zone as seen_at is: a naive time later
        than seen_at (which would pass the order test) is refused too."""
        with pytest.raises(
            ValueError, match=r"^last 2030-01-01T00:00:00 has no time zone"
        ):
            bloglist.ScrapeOrderError(NOON, datetime.datetime(2030, 1, 1))

    def test_a_naive_seen_at_is_refused(self) -> None:
        """seen_at is checked for a time zone as merge checks it, not read
        as local time."""
        with pytest.raises(
            ValueError, match=r"^seen_at 2025-03-04T00:00:00 has no time zone"
        ):
            bloglist.ScrapeOrderError(datetime.datetime(2025, 3, 4), NOON)

    @pytest.mark.parametrize(
        "call",
        [
            lambda: bloglist.loads(b"bytes"),  # type: ignore[call-overload]
            lambda: bloglist.loads("", max_diagnostics=-1),
            lambda: SAMPLE.page(99, size=5),
            lambda: Archive().merge(SAMPLE, seen_at=datetime.datetime(2025, 3, 5)),
            lambda: bloglist.ScrapeOrderError(NOON, datetime.datetime(2025, 3, 5)),
            lambda: bloglist.ScrapeOrderError(NOON, NOON),  # says what is false
            lambda: bloglist.ScrapeOrderError(NOON + datetime.timedelta(hours=1), NOON),
        ],
    )
    def test_a_wrong_argument_is_no_bloglist_error(
        self, call: Callable[[], object]
    ) -> None:
        with pytest.raises((TypeError, ValueError, IndexError)) as caught:
            call()
        assert not isinstance(caught.value, bloglist.BloglistError)


class TestArchiveIndexAcrossCopies:
    """An archive finds the entry of its very post object, even where two
    archived posts are equal; a copy or a pickle of it finds its own."""

    def _twins(self) -> Archive:
        return Archive().merge([Post(title="Same"), Post(title="Same")], seen_at=NOON)

    @pytest.mark.parametrize("how", COPIES)
    def test_a_copy_finds_the_entry_of_each_of_two_equal_posts(self, how: str) -> None:
        """Once the original has answered, the copy still tells the twins apart."""
        archive = self._twins()
        ids = [entry.id for entry in archive.entries]
        assert ids[0] != ids[1]
        assert [archive.id_of(post) for post in archive.listing] == ids
        back = COPIES[how](archive)
        assert isinstance(back, Archive)
        assert [back.id_of(entry.post) for entry in back.entries] == ids
        assert [back.id_of(post) for post in back.listing] == ids
        # And the original still does.
        assert [archive.id_of(post) for post in archive.listing] == ids

    def test_an_equal_post_from_elsewhere_finds_the_first(self) -> None:
        """Any other post equal to the twins finds the first of them, as documented."""
        archive = self._twins()
        assert archive.id_of(Post(title="Same")) == archive.entries[0].id
        back = pickle.loads(pickle.dumps(archive))
        assert back.id_of(Post(title="Same")) == archive.entries[0].id


# --- Threads ---------------------------------------------------------------------

THREADS = 8


@pytest.fixture
def switch_often() -> Iterator[None]:
    """Threads switch every microsecond: a race shows in a few rounds."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _hammer(tasks: list[Callable[[], bool]], seed: int) -> list[str]:
    """Run every task in each of THREADS threads, each in its own random order,
    all starting at once; the tasks that gave a wrong answer or raised."""
    start = threading.Barrier(THREADS)

    def worker(index: int) -> list[str]:
        order = list(range(len(tasks)))
        random.Random(seed * THREADS + index).shuffle(order)
        start.wait()
        failed = []
        for task in order:
            try:
                if not tasks[task]():
                    failed.append(f"task {task}: wrong answer")
            except Exception as error:
                failed.append(f"task {task}: {error!r}")
        return failed

    with ThreadPoolExecutor(THREADS) as pool:
        return [f for found in pool.map(worker, range(THREADS)) for f in found]


def _posts(rng: random.Random, count: int) -> list[Post]:
    """Posts with ties, case variants of tags and titles, and repeated objects."""
    posts = [
        Post(
            title=f"{rng.choice(TITLES)} {rng.randrange(40)}",
            date=rng.choice(
                [None, D(2023, 12, 1) + datetime.timedelta(rng.randrange(90))]
            ),
            excerpt=rng.choice(["An excerpt.", "Build caches […]"]),
            tags=rng.sample(TAGS, rng.randrange(4)),
            sticky=rng.random() < 0.2,
        )
        for _ in range(count)
    ]
    return posts + posts[: count // 10]


def _identical(actual: object, expected: list[Post]) -> bool:
    assert isinstance(actual, Listing)
    return len(actual) == len(expected) and all(
        a is b for a, b in zip(actual, expected, strict=True)
    )


def _gives(query: Callable[[], object], expected: list[Post]) -> bool:
    """Whether *query* gives a listing of exactly the posts *expected*."""
    return _identical(query(), expected)


def _groups(listing: Listing, by: Any, expected: list[tuple[Any, list[Post]]]) -> bool:
    groups = listing.group_by(by)
    return [key for key, _ in groups] == [key for key, _ in expected] and all(
        _identical(group, posts)
        for (_, group), (_, posts) in zip(groups, expected, strict=True)
    )


def _counts(listing: Listing, by: Any, expected: list[tuple[Any, list[Post]]]) -> bool:
    return list(listing.count_by(by)) == [(key, len(p)) for key, p in expected]


def _page(listing: Listing, number: int, size: int) -> Listing:
    return listing.page(number, size=size).posts


SORTS: list[tuple[Literal["date", "-date", "title", "-title"], ...]] = [
    ("date",),
    ("-date", "title"),
    ("-title",),
    ("title", "-date"),
]


def _query_tasks(listing: Listing, posts: list[Post]) -> list[Callable[[], bool]]:
    """Each query of the API, with the oracle's answer computed up front."""
    tasks: list[Callable[[], bool]] = []
    undated_choices: tuple[Literal["first", "last"], ...] = ("first", "last")
    for keys in SORTS:
        for sticky_first in (False, True):
            for undated in undated_choices:
                query = partial(
                    listing.sort_by, *keys, sticky_first=sticky_first, undated=undated
                )
                expected = oracle_sort(posts, keys, sticky_first, undated)
                tasks.append(partial(_gives, query, expected))
    for by in ("tag", "year", "month", "sticky"):
        groups = oracle_groups(posts, by)
        tasks.append(partial(_groups, listing, by, groups))
        tasks.append(partial(_counts, listing, by, groups))
    for tag in ("data", "STRASSE", "Go", "nope"):
        tagged = [p for p in posts if tag.casefold() in folded(p.tags)]
        tasks.append(
            partial(_gives, partial(listing.filter, Where.tagged_any(tag)), tagged)
        )
        since = partial(listing.filter, Where.tagged_any(tag), Where.since("2024"))
        recent = [p for p in tagged if p.date and p.date >= D(2024, 1, 1)]
        tasks.append(partial(_gives, since, recent))
    either = Where.tagged_all("data", "go") | ~Where.dated()
    tasks.append(
        partial(
            _gives,
            partial(listing.filter, either),
            [p for p in posts if {"data", "go"} <= folded(p.tags) or p.date is None],
        )
    )
    for target in posts[:4]:
        related = partial(listing.related, target)
        tasks.append(partial(_gives, related, oracle_related(posts, target)))
    tasks.append(partial(_gives, partial(_page, listing, 2, 7), posts[7:14]))
    tasks.append(partial(_gives, partial(listing.first, 5), posts[:5]))
    tasks.append(partial(_gives, partial(listing.last, len(posts) + 1), posts))
    return tasks


def _entries_found(archive: Archive, entries: tuple[ArchivedPost, ...]) -> bool:
    return all(
        archive.entry_of(entry.post) is entry and archive.id_of(entry.post) == entry.id
        for entry in entries
    )


def _equal(make: Callable[[], object], expected: object) -> bool:
    return make() == expected


class TestThreads:
    @pytest.mark.parametrize("seed", range(4))
    def test_one_listing_queried_from_eight_threads(
        self, seed: int, switch_often: None
    ) -> None:
        """A fresh listing, its indexes built by all threads at once, answers as the oracle."""
        posts = _posts(random.Random(seed), 300 if seed % 2 else 1500)
        tasks = _query_tasks(Listing(posts), posts)
        assert _hammer(tasks, seed) == []

    @pytest.mark.parametrize("seed", range(4))
    def test_one_archive_queried_from_eight_threads(
        self, seed: int, switch_often: None
    ) -> None:
        """entry_of, id_of, the feed and the views of a fresh archive are right in
        every thread, while its index of posts is being built."""
        posts = [
            Post(title=f"Post {i}", date=D(2024, 1, 1) + datetime.timedelta(i % 300))
            for i in range(1500)
        ]
        posts.append(Post(title="Post 0", date=D(2024, 1, 1)))  # twin of the first
        built = Archive().merge(posts, seen_at=NOON)
        archive = Archive(entries=built.entries, scrapes=built.scrapes)
        entries = archive.entries
        feed = built.to_atom(title="Blog", feed_id="urn:example:blog")
        tasks: list[Callable[[], bool]] = [
            partial(_entries_found, archive, entries[start::100])
            for start in range(100)
        ]
        atom = partial(archive.to_atom, title="Blog", feed_id="urn:example:blog")
        tasks += [
            partial(_equal, atom, feed),
            partial(_equal, archive.present, Listing(posts)),
            partial(_equal, partial(archive.new_since, NOON), Listing(posts)),
            partial(_equal, archive.gone, Listing()),
        ]
        assert _hammer(tasks, seed) == []

    def test_first_json_export_and_read_in_two_threads_at_once(self) -> None:
        """A threaded server's first two requests, one reading JSON and one
        exporting it, in a fresh process: both modules import json as they
        are first used, and neither may deadlock on the other's import. The
        reader's import of json is held up where a race may catch it (json's
        import lock taken, the module not yet made) while the exporter
        begins its own."""
        child = textwrap.dedent(
            """
            import importlib.machinery, sys, threading, time
            import bloglist
            assert "json" not in sys.modules, "json is imported already"
            held = threading.Event()

            class SlowLoader:
                def __init__(self, loader):
                    self.loader = loader

                def create_module(self, spec):
                    held.set()
                    time.sleep(0.5)  # the exporter starts meanwhile
                    return None

                def exec_module(self, module):
                    self.loader.exec_module(module)

            class Slow:
                def find_spec(self, name, path=None, target=None):
                    if name != "json" or held.is_set():
                        return None
                    spec = importlib.machinery.PathFinder.find_spec(name, path)
                    spec.loader = SlowLoader(spec.loader)
                    return spec

            sys.meta_path.insert(0, Slow())
            errors = []

            def run(job):
                try:
                    job()
                except BaseException as exc:
                    errors.append(repr(exc))

            def read():
                assert bloglist.from_json("[]") == bloglist.Listing()

            def export():
                assert bloglist.to_jsonl([bloglist.Post(title="T")]).startswith("{")

            reader = threading.Thread(target=run, args=(read,))
            exporter = threading.Thread(target=run, args=(export,))
            reader.start()
            held.wait(5)
            exporter.start()
            reader.join()
            exporter.join()
            print(held.is_set(), errors)
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", child], capture_output=True, text=True, check=True
        )
        assert done.stdout == "True []\n"

    def test_exports_of_one_listing_from_eight_threads(
        self, switch_often: None
    ) -> None:
        """Each export gives every thread the text it gives one thread alone."""
        listing = Listing(_posts(random.Random(7), 400))
        exports: list[Callable[[Listing], str]] = [
            bloglist.to_json,
            partial(bloglist.to_json, indent=None),
            bloglist.to_jsonl,
            bloglist.to_csv,
            partial(bloglist.to_atom, title="Blog", feed_id="urn:example:blog"),
        ]
        expected = [export(listing) for export in exports]
        fresh = Listing(listing)
        tasks: list[Callable[[], bool]] = [
            partial(_equal, partial(export, fresh), text)
            for export, text in zip(exports, expected, strict=True)
        ]
        assert _hammer(tasks * 3, 0) == []


# --- Interpreter flags and environments -----------------------------------------

# Commands of the command line, run on copies of a real listing.
COMMANDS = [
    ["--sample"],
    ["{a}", "--format", "json"],
    ["{a}", "--format", "csv", "--sort", "date:desc", "--tag", "Data"],
    ["{a}", "--format", "atom", "--feed-title", "T", "--feed-id", "urn:x:y"],
    ["stats", "{a}", "--by", "month"],
    ["check", "{a}"],
    ["diff", "{b}", "{a}"],
    ["archive", "add", "{db}", "{b}", "--seen-at", "2025-03-05T12:00:00Z"],
    ["archive", "add", "{db}", "{a}", "--seen-at", "2025-03-06T12:00:00Z"],
    ["archive", "show", "{db}"],
    ["archive", "feed", "{db}", "--feed-title", "T", "--feed-id", "urn:x:y"],
    ["show", "--help"],
]

# What a program using the library does; prints a digest of every answer.
API_SCRIPT = """
import datetime, hashlib, io, os, sys, tempfile
import attrs, bloglist
from bloglist import Where
text = bloglist.sample_text() + "\\nstray\\n"
listing = bloglist.loads(text)
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "a.txt")
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    with open(path, "rb") as file:
        assert bloglist.load(file) == listing
    with open(path, "rb") as file:
        next(bloglist.iterload(file))  # left half read
    noon = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    store = bloglist.open_archive(os.path.join(folder, "blog.db"))
    store.add(listing, seen_at=noon)
    store.add(listing[2:], seen_at=noon + datetime.timedelta(days=1))
    archive = store.load()
    with open(os.path.join(folder, "junk.db"), "wb") as file:
        file.write(b"not an archive" * 100)
    refused = []
    for name in ["junk.db", "none.db", "."]:
        try:
            bloglist.open_archive(os.path.join(folder, name), create=False).load()
        except bloglist.ArchiveError:
            refused.append(name)
    assert len(refused) == 3, refused
try:
    bloglist.loads("Feb 30, 2024\\n\\nT\\n\\nE", strict=True)
except bloglist.ParseError as error:
    code = error.code
other = [attrs.evolve(listing[1], excerpt="Edited."), *listing[3:], bloglist.Post(title="New")]
out = io.StringIO()
bloglist.write_csv(iter(listing), out)
answers = [
    code, repr(listing.diagnostics), bloglist.to_json(listing), bloglist.to_csv(other),
    bloglist.to_jsonl(archive.listing), bloglist.dumps(other), out.getvalue(),
    bloglist.to_atom(listing, title="T", feed_id="urn:x:y"),
    archive.to_atom(title="T", feed_id="urn:x:y"), repr(archive),
    repr(bloglist.diff(listing, other)), bloglist.diff(listing, other).summary(),
    repr(listing.group_by("tag")), repr(listing.count_by("month")),
    repr(listing.related(listing[4])), repr(bloglist.stitch([listing[:7], listing[5:]])),
    repr(listing.filter(Where.tagged_any("Data", "Design") | ~Where.dated())),
    repr(bloglist.from_json(bloglist.to_json(other))), bloglist.post_id(listing[1]),
]
print(hashlib.sha256("\\0".join(answers).encode()).hexdigest())
"""


def _run(flags: list[str], args: list[str], env: dict[str, str] | None = None) -> str:
    """Run python with *flags* and *args*: its output, its errors (a warning
    would show there) and its exit status, 0 or 1 (problems found)."""
    if args[0] == "-c":
        # The bloglist under test, even under -I, which ignores PYTHONPATH
        # (a source tree tested with PYTHONPATH=src beside another install).
        home = os.path.dirname(os.path.dirname(bloglist.__file__))
        args = ["-c", f"import sys; sys.path.insert(0, {home!r})\n{args[1]}", *args[2:]]
    done = subprocess.run(
        [sys.executable, *flags, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return f"{done.stdout}\n[stderr]\n{done.stderr}\n[exit {done.returncode}]"


# Runs the commands of argv lists (JSON, its first argument) in one process,
# through the command's entry function, and prints what each wrote and its
# exit status: one interpreter start for all of them, under each flag.
COMMAND_SCRIPT = """
import io, json, sys
from bloglist._cli import main
class Kept(io.BytesIO):
    def close(self):  # the command closes standard output when it is done
        pass
results = []
for argv in json.loads(sys.argv[1]):
    out, err = Kept(), io.StringIO()
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    sys.stderr = err
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    results.append([out.getvalue().decode("utf-8", "replace"), err.getvalue(), status])
print(json.dumps(results))
"""


def _command_outputs(
    flags: list[str], folder: Path, env: dict[str, str] | None = None
) -> list[str]:
    work = folder / "_".join(flags or ["plain"]).replace("=", "-")
    work.mkdir()
    text = REAL.read_text(encoding="utf-8")
    (work / "a.txt").write_text(text, encoding="utf-8")
    (work / "b.txt").write_text("".join(text.splitlines(True)[:40]), encoding="utf-8")
    names = {
        "a": str(work / "a.txt"),
        "b": str(work / "b.txt"),
        "db": str(work / "x.db"),
    }
    argvs = [[a.format(**names) for a in args] for args in COMMANDS]
    done = _run(flags, ["-c", COMMAND_SCRIPT, json.dumps(argvs)], env)
    printed, rest = done.split("\n", 1)
    # Each command's output, errors and status; then the process's own
    # errors (a warning raised when an object is collected lands there).
    return [
        *(
            f"{out}\n[stderr]\n{err}\n[exit {status}]".replace(str(work), "DIR")
            for out, err, status in json.loads(printed)
        ),
        rest,
    ]


FLAGS = [["-O"], ["-OO"], ["-X", "dev", "-W", "error"], ["-I"]]


@pytest.fixture(scope="module")
def plain_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    """What the command and the library print with no flag at all."""
    folder = tmp_path_factory.mktemp("plain")
    return _command_outputs([], folder), _run([], ["-c", API_SCRIPT])


class TestInterpreterFlags:
    @pytest.mark.parametrize("flags", FLAGS, ids=" ".join)
    def test_same_output_under_each_flag(
        self, flags: list[str], plain_outputs: tuple[list[str], str], tmp_path: Path
    ) -> None:
        """Nothing relies on assert or on docstrings, no file or connection is
        left open (a ResourceWarning), nothing deprecated is used."""
        commands, api = plain_outputs
        # The runs did their work: feeds, archive ids, the check's summary.
        assert sum("<feed" in out for out in commands) == 2
        assert "urn:uuid:" in commands[COMMANDS.index(["archive", "show", "{db}"])]
        assert "0 errors" in commands[COMMANDS.index(["check", "{a}"])]
        assert _command_outputs(flags, tmp_path) == commands
        assert _run(flags, ["-c", API_SCRIPT]) == api

    @pytest.mark.parametrize("seed", ["0", "4242"])
    def test_no_output_depends_on_the_hash_seed(
        self, seed: str, plain_outputs: tuple[list[str], str], tmp_path: Path
    ) -> None:
        """Sets and dicts of strings iterate in another order under another
        seed: no output of the command or the library shows it."""
        env = {**os.environ, "PYTHONHASHSEED": seed}
        commands, api = plain_outputs
        assert _command_outputs([], tmp_path, env) == commands
        assert _run([], ["-c", API_SCRIPT], env) == api

    def test_the_command_loads_no_hash_until_it_writes_an_id(
        self, tmp_path: Path
    ) -> None:
        """``bloglist FILE`` (a table) does not load hashlib, and OpenSSL with
        it, a tenth of the command's start: only an id needs it."""
        listing = tmp_path / "l.txt"
        listing.write_text("\nT\n\nE\n", encoding="utf-8")
        code = (
            "import sys\n"
            "from bloglist._cli import main\n"
            "status = main([sys.argv[1]])\n"
            "print(status, 'hashlib' in sys.modules, file=sys.stderr)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(listing)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stderr.splitlines()[-1] == "0 False"
        assert "T" in done.stdout
        # An id does load it.
        code = code.replace("[sys.argv[1]]", "[sys.argv[1], '--format', 'atom']")
        done = subprocess.run(
            [sys.executable, "-c", code, str(listing)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stderr.splitlines()[-1] == "0 True"
        assert "urn:uuid:" in done.stdout

    def test_parsing_imports_no_exporter(self) -> None:
        """``import bloglist`` and a parse and query load none of the modules
        the exports, the archive and the ids need (``-X importtime`` sanity)."""
        code = (
            "import sys\n"
            "before = set(sys.modules)\n"  # a coverage run imports some itself
            "import bloglist\n"
            "listing = bloglist.loads(bloglist.sample_text())\n"
            "listing.filter(bloglist.Where.tagged_any('Data')).sort_by('-date')\n"
            "print(sorted({m.split('.')[0] for m in set(sys.modules) - before} & "
            "{'json', 'csv', 'sqlite3', 'xml', 'uuid', 'difflib', 'zoneinfo'}))\n"
        )
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout == "[]\n"
        imported = [line for line in done.stderr.splitlines() if "bloglist" in line]
        assert any(line.rstrip().endswith("| bloglist") for line in imported), imported
