"""What the docs say in prose, held to the code.

The ``>>>`` examples of the docs run as tests of their own; these tests check
the statements around them that no example shows: the diagnostic codes the
format page lists, the signatures the API reference writes out, the module
layers of CONTRIBUTING.md, the version bounds and tool lists the docs quote
from pyproject.toml and noxfile.py, and a few promises users build on.
"""

from __future__ import annotations

import ast
import codecs
import datetime
import inspect
import io
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import bloglist
from bloglist import Post
from test_architecture import LAYERS

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "bloglist"
DOCS = ROOT / "docs"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _table_rows(text: str, header: str) -> list[list[str]]:
    """The cells of each row of the Markdown table whose header row starts with *header*."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


_CODE = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _codes_in(module: str) -> set[str]:
    """The diagnostic codes *module* can give: its string constants shaped like
    one (``invalid-date``), but for the names of codecs (``utf-16-le``)."""
    tree = ast.parse(_read(SRC / f"{module}.py"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _CODE.fullmatch(node.value)
        and not _is_codec(node.value)
    }


# --- docs/format.md: the table of diagnostics ---------------------------------

# The modules that make the parser's diagnostics and errors.
PARSER_MODULES = ("_parse", "_dates", "_lines", "_tags", "_post")

# One input for each code of the table, which gives that code.
CODE_EXAMPLES: dict[str, bytes] = {
    "invalid-date": b"Feb 30, 2024\n\nT\n\nE",
    "incomplete-date": b"Mar 5\n\nT\n\nE",
    "missing-blank": b"sticky\nT\n\nE",
    "missing-title": b"sticky\n",
    "missing-excerpt": b"\nT",
    "extra-line": b"\nT\n\nE\nTag\nJunk",
    "duplicate-tag": b"\nT\n\nE\nDataDATA",
    "unread-date": b"\nT\n\nE\nTues, Mar 4, 2025",
    "invalid-utf8": b"\nT\n\nE\xff",
    "invalid-utf16": b"\xff\xfe\nT\n",  # half a character at the end
    "unsupported-encoding": b"\xff\xfe\x00\x00",
}


def _format_table() -> dict[str, str]:
    rows = _table_rows(_read(DOCS / "format.md"), "| code ")
    return {row[0].strip("`"): row[1] for row in rows}


def test_the_format_table_lists_every_code_the_parser_has() -> None:
    """docs/format.md's table of diagnostics is every code of the parser, no more."""
    found = set().union(*(_codes_in(module) for module in PARSER_MODULES))
    assert set(_format_table()) == found


@pytest.mark.parametrize("code", sorted(CODE_EXAMPLES))
def test_each_code_of_the_table_comes_with_its_severity(code: str) -> None:
    """Each code of the table is given, for its input, with the severity the table says."""
    severity = _format_table()[code]
    data = CODE_EXAMPLES[code]
    try:
        listing = bloglist.load(io.BytesIO(data))
    except bloglist.ParseError as err:  # the codes that are only raised
        assert "only raised" in _format_table_what(code)
        assert (err.code, severity) == (code, "error")
    else:
        assert (code, severity) in {(d.code, d.severity) for d in listing.diagnostics}


def _format_table_what(code: str) -> str:
    rows = _table_rows(_read(DOCS / "format.md"), "| code ")
    return next(row[2] for row in rows if row[0].strip("`") == code)


@pytest.mark.parametrize(
    ("module", "page"),
    [("_cli_common", "cli.md"), ("_read_json", "export.md")],
)
def test_the_other_readers_codes_are_documented(module: str, page: str) -> None:
    """The command's and the JSON readers' codes are on their pages and named by format.md."""
    codes = _codes_in(module) - {"invalid-utf8"}
    assert codes
    for code in codes:
        assert f"`{code}`" in _read(DOCS / page), (code, page)
        assert f"`{code}`" in _read(DOCS / "format.md"), code


# --- docs/api.md: the signatures written out ----------------------------------

_SIGNATURE = re.compile(r"`bloglist\.(\w+)\(([^`]*)\)`")
# The parameters of a written signature: split at commas outside quotes.
_PARTS = re.compile(r"""(?:[^,"']|"[^"]*"|'[^']*')+""")


def _shown(signature: inspect.Signature) -> list[str]:
    """*signature*'s parameters as the docs write them: no annotations, / and *."""
    shown: list[str] = []
    star = False
    params = list(signature.parameters.values())
    for i, param in enumerate(params):
        if param.kind is param.KEYWORD_ONLY and not star:
            shown.append("*")
            star = True
        text = param.name
        if param.default is not param.empty:
            text += f"={param.default!r}"
        shown.append(text)
        last_positional = param.kind is param.POSITIONAL_ONLY and (
            i + 1 == len(params) or params[i + 1].kind is not param.POSITIONAL_ONLY
        )
        if last_positional:
            shown.append("/")
    return shown


def _api_signatures() -> list[tuple[str, str]]:
    text = re.sub(r"\s+", " ", _read(DOCS / "api.md"))
    return _SIGNATURE.findall(text)


def test_the_api_page_writes_out_signatures() -> None:
    assert len(_api_signatures()) >= 15


@pytest.mark.parametrize(
    ("name", "written"), _api_signatures(), ids=[n for n, _ in _api_signatures()]
)
def test_each_signature_on_the_api_page_is_the_real_one(
    name: str, written: str
) -> None:
    """A signature docs/api.md writes out is the function's, parameter for parameter.

    ``...`` stands for the options that follow.
    """
    real = _shown(inspect.signature(getattr(bloglist, name)))
    shown = [part.strip().replace('"', "'") for part in _PARTS.findall(written)]
    if shown and shown[-1] == "...":
        shown = shown[:-1]
        real = real[: len(shown)]
    assert shown == real


def _public_callables() -> list[tuple[str, Callable[..., object]]]:
    found: list[tuple[str, Callable[..., object]]] = []
    for name in bloglist.__all__:
        value = getattr(bloglist, name)
        if inspect.isfunction(value):
            found.append((name, value))
        elif inspect.isclass(value):
            for attr, member in vars(value).items():
                member = getattr(member, "__func__", member)
                if not attr.startswith("_") and inspect.isfunction(member):
                    found.append((f"{name}.{attr}", member))
    return found


def test_main_inputs_are_positional_only_and_options_keyword_only() -> None:
    """api.md: in every public function and method, no parameter is both
    positional and keyword, so a name or an order can change without breaking
    a caller."""
    callables = _public_callables()
    assert len(callables) > 40
    either = [
        (name, param.name)
        for name, function in callables
        for param in inspect.signature(function).parameters.values()
        if param.kind is param.POSITIONAL_OR_KEYWORD
        and param.name not in ("self", "cls")
    ]
    assert either == []


# --- CONTRIBUTING.md -----------------------------------------------------------


def test_the_architecture_table_gives_each_module_its_layer() -> None:
    """CONTRIBUTING.md's table has a row per module, with LAYERS's layer, in layer order."""
    rows = _table_rows(_read(ROOT / "CONTRIBUTING.md"), "| layer | module |")
    shown: dict[str, int] = {}
    for layer, modules, _ in rows:
        for module in re.findall(r"`(_\w+)\.py`", modules):
            shown[module] = int(layer)
    assert shown == LAYERS
    layers = [int(row[0]) for row in rows]
    assert layers == sorted(layers)


def _pyproject() -> dict[str, object]:
    return tomllib.loads(_read(ROOT / "pyproject.toml"))


def _names(requirements: list[str]) -> list[str]:
    return [re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0] for r in requirements]


def test_contributing_names_the_test_extra() -> None:
    """The packages CONTRIBUTING.md says the `test` extra installs are the extra's."""
    extra = _pyproject()["project"]["optional-dependencies"]["test"]  # type: ignore[index]
    said = re.search(r"the `test` extra \(([^)]*)\)", _read(ROOT / "CONTRIBUTING.md"))
    assert said is not None
    assert sorted(re.split(r",\s*(?:and\s+)?", said[1])) == sorted(_names(extra))


def test_contributing_lists_every_dependency_group() -> None:
    """CONTRIBUTING.md's table of dependency groups is pyproject.toml's groups."""
    rows = _table_rows(_read(ROOT / "CONTRIBUTING.md"), "| group | for |")
    groups = _pyproject()["dependency-groups"]
    assert [row[0].strip("`") for row in rows] == list(groups)  # type: ignore[call-overload]


def test_contributing_lists_every_nox_session() -> None:
    """CONTRIBUTING.md's table of sessions is what `nox -l` lists."""
    noxfile = _read(ROOT / "noxfile.py")
    sessions = []
    for python, name in re.findall(
        r"@nox\.session\(python=(\w+).*\)\ndef (\w+)\(", noxfile
    ):
        # A list of Pythons makes a session per Python; a single one, one.
        listed = re.search(rf"^{python} = (\[.*\])$", noxfile, re.MULTILINE)
        if listed is None:
            sessions.append(name)
        else:
            sessions += [f"{name}-{v}" for v in ast.literal_eval(listed[1])]
    rows = _table_rows(_read(ROOT / "CONTRIBUTING.md"), "| session |")
    assert [row[0].strip("`") for row in rows] == sessions


# --- docs/compatibility.md ------------------------------------------------------


def test_the_lower_bounds_quoted_are_the_declared_ones() -> None:
    """docs/compatibility.md's "lowest tested" column is pyproject.toml's lower bounds."""
    from packaging.requirements import Requirement  # pytest's own dependency

    declared = {}
    for text in _pyproject()["project"]["dependencies"]:  # type: ignore[index]
        requirement = Requirement(text)
        (bound,) = requirement.specifier
        assert bound.operator == ">="
        if requirement.marker is None:
            declared[requirement.name] = bound.version
            continue
        for python in ("3.11", "3.12", "3.13", "3.14", "3.15"):
            if requirement.marker.evaluate({"python_version": python}):
                # The newest bound holds for the Pythons after it too.
                later = " and later" * (python == "3.15")
                declared[f"{requirement.name} (Python {python}{later})"] = bound.version
    rows = _table_rows(_read(DOCS / "compatibility.md"), "| dependency ")
    assert {row[0]: row[1] for row in rows} == declared
    contributing = _read(ROOT / "CONTRIBUTING.md")
    for name, version in declared.items():
        if "3.1" in name and not name.endswith(("3.11)", "3.12)")):
            continue  # tested at the lower bounds: 3.11 (build), 3.12
        assert f"{name.partition(' (')[0]} {version}" in contributing


def test_each_python_has_one_lower_bound_of_each_dependency() -> None:
    """regex's bound depends on the Python: each supported one gets exactly
    one, 3.14, 3.15 and later too (the newest bound holds for later Pythons)."""
    from packaging.requirements import Requirement

    requirements = [
        Requirement(text)
        for text in _pyproject()["project"]["dependencies"]  # type: ignore[index]
    ]
    for python in ("3.11", "3.12", "3.13", "3.14", "3.15", "3.16"):
        names = [
            r.name
            for r in requirements
            if r.marker is None or r.marker.evaluate({"python_version": python})
        ]
        assert sorted(names) == ["attrs", "python-dateutil", "regex"], python


# --- docs/security.md ----------------------------------------------------------


class _Counting(io.StringIO):
    reads = writes = 0

    def read(self, size: int | None = -1, /) -> str:
        self.reads += 1
        return super().read(size)

    def write(self, text: str, /) -> int:
        self.writes += 1
        return super().write(text)


def test_load_reads_once_and_dump_writes_once() -> None:
    """security.md: load calls read() once on the file, dump calls write() once."""
    source = _Counting(bloglist.sample_text())
    listing = bloglist.load(source)
    assert source.reads == 1
    target = _Counting()
    bloglist.dump(listing, target)
    assert target.writes == 1
    assert target.getvalue() == bloglist.dumps(listing)


@pytest.mark.parametrize(
    "text",
    [
        "\nT\n\nE\nTag\n" + "x" * 500,  # extra-line
        "Mar 5, " + "9" * 500 + "\n\nT\n\nE",  # invalid-date
        "May " + "2" * 500,  # incomplete-date, missing-title
        "sticky\n" + "y" * 500 + "\n\nE",  # missing-blank
        "\n" + "z" * 500,  # missing-excerpt
    ],
)
def test_a_diagnostic_quotes_at_most_40_characters(text: str) -> None:
    """security.md: each diagnostic quotes at most 40 characters of its line."""
    diagnostics = bloglist.loads(text).diagnostics
    assert diagnostics
    for diagnostic in diagnostics:
        assert len(diagnostic.message) < 150
        quoted = re.findall(r"'([^']*)'(…?)", diagnostic.message)
        assert all(len(q) + len(mark) <= 40 for q, mark in quoted)


# --- docs/export.md -------------------------------------------------------------

POST = Post(title="T", excerpt="E", date=datetime.date(2025, 3, 5))


@pytest.mark.parametrize(
    "write",
    [
        bloglist.to_json,
        bloglist.to_jsonl,
        bloglist.to_csv,
        lambda posts: bloglist.to_atom(posts, title="B", feed_id="urn:b"),
    ],
    ids=["json", "jsonl", "csv", "atom"],
)
def test_every_export_ends_with_a_newline_but_jsonl_of_nothing(write: object) -> None:
    """export.md: each export ends with a newline; to_jsonl of no posts is empty."""
    assert callable(write)
    assert write([POST]).endswith("\n")
    empty = write([])
    assert empty == "" if write is bloglist.to_jsonl else empty.endswith("\n")


def test_an_atom_instant_outside_utc_years_is_refused_only_with_seconds() -> None:
    """export.md: an offset with seconds needs UTC, which has no year 0; minutes need not."""
    first = [Post(title="T", excerpt="E", date=datetime.date(1, 1, 1))]
    minutes = datetime.timezone(datetime.timedelta(hours=5))
    feed = bloglist.to_atom(first, title="B", feed_id="urn:b", timezone=minutes)
    assert "<published>0001-01-01T00:00:00+05:00</published>" in feed
    seconds = datetime.timezone(datetime.timedelta(hours=5, seconds=1))
    with pytest.raises(bloglist.WriteError, match="outside the years 1 to 9999"):
        bloglist.to_atom(first, title="B", feed_id="urn:b", timezone=seconds)


def test_the_readers_ignore_a_key_they_do_not_know_and_say_so() -> None:
    """export.md: a key a later release adds is ignored, in a warning, as
    **Stability** asks of every consumer; a key of the schema missing is
    still an error."""
    (record,) = json.loads(bloglist.to_json([POST]))
    record["author"] = "Ann"
    for read, text in (
        (bloglist.from_json, json.dumps([record])),
        (bloglist.from_jsonl, json.dumps(record)),
    ):
        listing = read(text)
        assert list(listing) == [POST]
        (warning,) = listing.diagnostics
        assert (warning.severity, warning.code) == ("warning", "unknown-key")
        assert "'author'" in warning.message
    del record["sticky"]
    with pytest.raises(bloglist.ParseError, match="'sticky' is missing") as caught:
        bloglist.from_json(json.dumps([record]))
    assert caught.value.code == "invalid-record"


# --- docs/usage.md and docs/cli.md: no file on a terminal -------------------------


def test_the_command_with_no_file_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """usage.md: with no file the command reads a pipe, not the bundled sample."""
    from bloglist._cli import main

    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(b"\nPiped\n\nText.\n"))
    )
    assert main(["--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Piped"


def _outside_fences(text: str) -> list[str]:
    """The lines of a Markdown text that are not inside a ``` or ~~~ fence."""
    kept: list[str] = []
    fence = ""
    for line in text.splitlines():
        opened = re.match(r"\s*(`{3,}(?!.*`)|~{3,})", line)
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = ""
        elif opened:
            fence = opened[1]
        else:
            kept.append(line)
    return kept


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_the_pages_read_as_files_with_no_role_markup(page: Path) -> None:
    """The pages are read as files too, where MyST's roles show as noise
    ({func}`bloglist.loads`): they name the API in plain code spans, which
    the site links (docs/conf.py)."""
    roles = [
        line
        for line in _outside_fences(_read(page))
        if re.search(r"\{[a-z:-]+\}`", line)
    ]
    assert roles == []


@pytest.mark.parametrize(
    "page", [*sorted(DOCS.glob("*.md")), ROOT / "README.md"], ids=lambda p: p.name
)
def test_every_interpreter_session_is_in_a_block_the_tests_run(page: Path) -> None:
    """The doctests of the pages run the ```python blocks only: a ``>>>``
    in a block of another language (```pycon, say) would never run."""
    fence, language, unrun = "", "", []
    for line in _read(page).splitlines():
        opened = re.match(r"\s*(`{3,}|~{3,})(\S*)", line)
        if fence:
            if opened and opened[1] == fence:
                fence = ""
            elif line.lstrip().startswith(">>> ") and language != "python":
                unrun.append(f"{language}: {line}")
        elif opened:
            fence, language = opened[1], opened[2]
    assert unrun == []


def _site_config() -> dict[str, object]:
    import runpy

    return runpy.run_path(str(DOCS / "conf.py"))


def test_the_site_links_the_code_spans_that_name_the_api() -> None:
    """docs/conf.py turns a code span naming a public object into a link,
    and leaves alone a bare lowercase word (a command: `diff`), an object
    bloglist does not have, fenced blocks, headings and a link's own text."""
    link = _site_config()["_link_api_names"]
    assert callable(link)
    page = "\n".join(
        [
            "# `bloglist.loads()`",
            "Use `bloglist.loads()`, `Listing.first()` or `Post.title`; "
            "`bloglist.Post` is a class; `diff` is a command; "
            "`Post.nothing` and `Listing.first(3)` stay; "
            "[`bloglist.dumps()`](api.md) is a link already.",
            "```python",
            "`bloglist.loads()`",
            "```",
            "```bloglist.Post``` opens no fence: `bloglist.Post` is linked.",
        ]
    )
    source = [page]
    link(None, "page", source)
    assert source[0].splitlines() == [
        "# `bloglist.loads()`",
        "Use {py:obj}`bloglist.loads() <bloglist.loads>`, "
        "{py:obj}`Listing.first() <bloglist.Listing.first>` or "
        "{py:obj}`Post.title <bloglist.Post.title>`; "
        "{py:obj}`bloglist.Post <bloglist.Post>` is a class; `diff` is a command; "
        "`Post.nothing` and `Listing.first(3)` stay; "
        "[`bloglist.dumps()`](api.md) is a link already.",
        "```python",
        "`bloglist.loads()`",
        "```",
        "```bloglist.Post``` opens no fence: "
        "{py:obj}`bloglist.Post <bloglist.Post>` is linked.",
    ]


def test_a_header_open_at_bad_bytes_is_not_judged_in_strict_mode() -> None:
    """format.md: in strict mode, an error the lines before the bad bytes
    have shown wins, and so does a header's first line's own; the error of a
    header's second line, still waiting for its post, does not, and the bad
    bytes' error is raised. ``load`` and ``iterload`` raise the same one."""
    shown = b"\nT\n\nE\nTag\nJunk\n\xff"  # extra-line, decided at line 6
    first_line = b"Feb 30, 2024\n\xff"
    still_open = b"sticky\nFeb 30, 2024\n\xff"
    for data, want in [
        (shown, ("extra-line", 6)),
        (first_line, ("invalid-date", 1)),
        (still_open, ("invalid-utf8", 3)),
    ]:
        raised = []
        for read in (bloglist.load, lambda fp, **kw: list(bloglist.iterload(fp, **kw))):
            with pytest.raises(bloglist.ParseError) as info:
                read(io.BytesIO(data), strict=True)
            raised.append((info.value.code, info.value.lineno))
        assert raised == [want, want]
    # The same open header with a post after it is the date's error.
    with pytest.raises(bloglist.ParseError) as info:
        bloglist.loads("sticky\nFeb 30, 2024\n\nT\n\nE\n", strict=True)
    assert (info.value.code, info.value.lineno) == ("invalid-date", 2)


def test_utf16_that_starts_with_nul_is_refused_as_utf32() -> None:
    """format.md: UTF-32's little-endian mark is UTF-16's and U+0000."""
    data = codecs.BOM_UTF16_LE + "\x00\nT\n\nE\n".encode("utf-16-le")
    with pytest.raises(bloglist.ParseError) as info:
        bloglist.load(io.BytesIO(data))
    assert (info.value.code, info.value.lineno, info.value.colno) == (
        "unsupported-encoding",
        1,
        1,
    )
    # Any other first character reads.
    data = codecs.BOM_UTF16_LE + "\nT\n\nE\n".encode("utf-16-le")
    assert [post.title for post in bloglist.load(io.BytesIO(data))] == ["T"]


@pytest.mark.parametrize("feed_id", ["http:", "ab:", "tag:"])
def test_a_scheme_alone_is_no_feed_id(feed_id: str) -> None:
    """export.md: nothing after the scheme is refused, as no scheme is."""
    with pytest.raises(ValueError, match=r"feed_id .* is not an absolute IRI"):
        bloglist.to_atom([], title="B", feed_id=feed_id)
    assert "<id>" in bloglist.to_atom([], title="B", feed_id=feed_id + "x")


@pytest.mark.parametrize("space", [" ", "  ", "\t", "\u00a0", " \u3000 "])
def test_a_summary_drops_all_whitespace_before_the_mark(space: str) -> None:
    """format.md: the summary is the excerpt without the mark and the
    whitespace before it, however much and of whatever kind."""
    post = Post(title="T", excerpt=f"We created{space}[\N{HORIZONTAL ELLIPSIS}]")
    assert post.summary == "We created"


@pytest.mark.parametrize(
    ("step", "pauses"),
    [
        (lambda listing: listing.count_by("tag"), True),
        (lambda listing: listing.count_by("year"), False),
        (lambda listing: listing.count_by("month"), False),
        (lambda listing: listing.count_by("sticky"), False),
        (lambda listing: listing.group_by("month"), True),
        (lambda listing: listing.sort_by("-date"), True),
        (lambda listing: listing.filter(bloglist.Where.tagged_any("Data")), True),
    ],
    ids=[
        "count tags",
        "count years",
        "count months",
        "count sticky",
        "group",
        "sort",
        "filter by tag",
    ],
)
def test_the_steps_the_usage_page_says_pause_the_collector(
    step: Callable[[bloglist.Listing], object],
    pauses: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # docs/usage.md: "group_by, sort_by and the tag index (which filter by
    # tag and count_by("tag") build) pause it too" — and nothing else.
    import gc

    calls: list[None] = []
    disable = gc.disable

    def counted() -> None:
        calls.append(None)
        disable()

    listing = bloglist.loads(bloglist.sample_text())  # a fresh one: no index yet
    monkeypatch.setattr(gc, "disable", counted)
    step(listing)
    assert bool(calls) is pauses


def test_a_post_comes_out_when_the_lines_that_end_it_are_read() -> None:
    # docs/usage.md: a post that ends in a tag line comes out with that line;
    # one that ends in its excerpt waits for the line after it.
    pieces = ["\nA\n\nFirst words\n", "News\n", "\nB\n\nSecond words\n", "\n", ""]
    reads: list[int] = []

    class Pieces:
        def read(self, size: int = -1) -> str:
            reads.append(len(reads))
            return pieces[len(reads) - 1]

    when = {
        item.title: len(reads)
        for item in bloglist.iterload(Pieces())
        if isinstance(item, Post)
    }
    # A: its tag line "News" is the second read; B ends in its excerpt, so the
    # line after it (the blank line of the fourth read) tells it has no tags.
    assert when["A"] == 2
    assert when["B"] == 4
