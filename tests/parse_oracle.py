"""The parser's state machine as it was before the speed work of issue 5, kept as a test oracle.

``tests/test_fast_parser.py`` checks that the optimised parser in ``src/``
reads every input exactly as this one does: the same posts, line numbers and
diagnostics. Only the state machine is kept here; the rules it applies to a
single line (what a header line is, how lines break, how a tag line splits,
whether it holds a date, how a message quotes) are ``src/``'s own, so a
grammar change is made once; ``holds_date`` is asked of every tag line here,
where the parser skips a line of letters and spaces alone and caches the
answer.

Two later decisions are applied after the machine runs, in the plainest way:
diagnostics come in line order (then column order), strict mode raises at the
first error of that order, a run of more than ``EXTRA_SHOWN`` lines after a
tag line is reported line by line up to ``EXTRA_SHOWN``, then counted in one
diagnostic, and so is a run of headers with no post past ``HEADERS_SHOWN``
lines.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final, Literal

from bloglist import Diagnostic, Listing, ParseError, Post
from bloglist._dates import holds_date
from bloglist._errors import quote
from bloglist._lines import STICKY, column, near_marker, read_header, split_lines
from bloglist._post import TEXT_ENDS
from bloglist._tags import TagSplitter

Severity = Literal["error", "warning"]

# As in src/bloglist/_parse.py: a documented limit, not a grammar rule.
EXTRA_SHOWN: Final = 100
HEADERS_SHOWN: Final = 100


# Where the machine is: what it has read of the current post.
_BETWEEN: Final = 0  # between posts: a header, a title, or blank lines
_HEADER: Final = 1  # read a header line; next a blank line
_TITLE: Final = 2  # read the header and its blank line; next the title
_AFTER_TITLE: Final = 3  # read the title; next a blank line
_EXCERPT: Final = 4  # read the title and its blank line; next the excerpt
_AFTER_EXCERPT: Final = 5  # read the excerpt; next the tag line, or the end
_AFTER_TAGS: Final = 6  # read the tag line: the post is whole


class Reporter:
    """Collects diagnostics; in strict mode, raises at the first error."""

    __slots__ = ("diagnostics", "strict")

    def __init__(self, *, strict: bool) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.strict = strict

    def __call__(
        self,
        lineno: int,
        colno: int,
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        if self.strict and severity == "error":
            raise ParseError(message, lineno, colno, code=code)
        self.diagnostics.append(
            Diagnostic(
                lineno=lineno,
                colno=colno,
                severity=severity,
                code=code,
                message=message,
            )
        )


def parse_lines(
    lines: Iterable[str],
    splitter: TagSplitter,
    report: Reporter,
    orphans: list[tuple[int, int]] | None = None,
) -> Iterator[Post]:
    """Yield the posts of *lines* (without their line breaks), in order.

    Every non-blank line ends up in a post or in a diagnostic. Each header
    with no post is added to *orphans* as its first and last line.
    """
    state = _BETWEEN

    # The post being read.
    start = 0  # its first line
    sticky = False
    date: datetime.date | None = None
    has_date = False
    header: list[tuple[int, str]] = []  # (lineno, line) of its header lines
    title = ""
    title_at = (0, 0)
    excerpt = ""
    # Whether the line before the title, blank lines aside, is the excerpt
    # of a post a blank line ended (a later decision, as the hints below).
    loose = False
    after_untagged = False  # that, for the line being read

    def orphan_header(parted: bool = False, parted_by_marker: bool = False) -> None:
        """Report the header's lines; *parted*: a blank line, then a date
        line; *parted_by_marker*: a blank line, then the sticky marker."""
        if orphans is not None:
            orphans.append((header[0][0], header[-1][0]))
        for at, text in header:
            if text.strip() == STICKY:
                what = "the sticky marker"
                if parted and len(header) == 1:
                    cause = (
                        " (a blank line parts it from the date line after it:"
                        " a header's two lines come with no blank line between them)"
                    )
                else:
                    cause = ""
            else:
                what, cause = f"date line {quote(text.strip())}", ""
                if parted_by_marker and len(header) == 1:
                    cause = (
                        " (a blank line parts it from the sticky marker after it:"
                        " a header's two lines come with no blank line between them)"
                    )
            report(
                at,
                column(text),
                "missing-title",
                f"{what} is not followed by a post; "
                "expected a blank line and a title" + cause,
            )

    def no_excerpt(header: bool) -> Post:
        hint = _hint(title)
        if loose and not hint:
            hint = (
                " (it follows an excerpt and a blank line: a tag line follows"
                " its excerpt directly)"
            )
        if header and not hint:
            hint = " (a header line follows it, and starts the next post)"
        report(
            *title_at,
            "missing-excerpt",
            "the post has no excerpt line after its title" + hint,
        )
        return _post(title, date, "", (), sticky, start)

    titles_asked = 1000
    lineno = 0
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            if state == _HEADER:
                state = _TITLE
            elif state == _AFTER_TITLE:
                state = _EXCERPT
            elif state == _AFTER_EXCERPT:
                yield _post(title, date, excerpt, (), sticky, start)
                state = _BETWEEN
                after_untagged = True
            elif state == _AFTER_TAGS:
                state = _BETWEEN
            continue

        follows_untagged, after_untagged = after_untagged, False
        found = read_header(stripped)
        if found is None:
            # A text line: what it is depends on where it stands.
            if state in (_BETWEEN, _TITLE):
                if state == _BETWEEN:
                    start, sticky, date = lineno, False, None
                    loose = follows_untagged
                    # The first titles of posts with no header, until one
                    # holds a date.
                    if titles_asked and len(stripped) <= 64:
                        titles_asked -= 1
                        if holds_date(stripped):
                            titles_asked = 0
                            report(
                                lineno,
                                column(line),
                                "unread-date",
                                "the title holds a date, but is not a date line, so "
                                "the post has no date; "
                                + _title_cause(stripped)
                                + " (only the first such title is reported)",
                                "warning",
                            )
                title, title_at, state = stripped, (lineno, column(line)), _AFTER_TITLE
            elif state == _EXCERPT:
                excerpt, state = stripped, _AFTER_EXCERPT
            elif state == _AFTER_EXCERPT:
                tags, _ = splitter.split(stripped)
                if not holds_date(stripped) and (
                    stripped[0] == "\ufeff" or _invisible_hint(stripped)
                ):
                    if stripped[0] == "\ufeff":
                        said = (
                            f"tag line {quote(stripped)} starts with a byte order "
                            "mark, U+FEFF, which only the start of the text may "
                            "hold (files joined with cat keep each one's); it is "
                            "read as tags"
                        )
                        if read_header(stripped[1:].strip()) is not None:
                            said += (
                                "; without the mark it is a header line, of the "
                                "next post"
                            )
                    else:
                        codes = sorted({f"U+{ord(char):04X}" for char in stripped})
                        said = (
                            f"tag line {quote(stripped)} holds only characters no "
                            f"screen shows ({', '.join(codes[:3] + ['...'] * (len(codes) > 3))}); it is read as "
                            "tags (a blank line, as the page showed it?)"
                        )
                    report(lineno, column(line), "invisible-tag-line", said, "warning")
                if holds_date(stripped):
                    report(
                        lineno,
                        column(line),
                        "unread-date",
                        f"tag line {quote(stripped)} holds a date, but is not a "
                        "date line; it is read as tags, and no post gets the date"
                        + (
                            _bom_hint(stripped, dated=True)
                            or _spaced_hint(stripped)
                            or _hidden_hint(stripped)
                        ),
                        "warning",
                    )
                if stripped.endswith(TEXT_ENDS):
                    end = next(e for e in TEXT_ENDS if stripped.endswith(e))
                    report(
                        lineno,
                        column(line),
                        "text-tag-line",
                        f"tag line {quote(stripped)} ends with {quote(end)}, as an "
                        "excerpt or a link does, not as category names; it is "
                        "read as tags (the second line of an excerpt, or a "
                        "'Read more' link?)",
                        "warning",
                    )
                if repeats := _repeats(tags):
                    report(
                        lineno,
                        column(line),
                        "duplicate-tag",
                        _repeats_message(repeats),
                        "warning",
                    )
                yield _post(title, date, excerpt, tags, sticky, start)
                state = _AFTER_TAGS
            elif state == _HEADER:
                report(
                    lineno,
                    column(line),
                    "missing-blank",
                    "expected a blank line before the title"
                    + (
                        _bom_hint(stripped)
                        or _invisible_hint(stripped)
                        or _date_hint(stripped)
                    ),
                )
                title, title_at, state = stripped, (lineno, column(line)), _AFTER_TITLE
            elif state == _AFTER_TITLE:
                report(
                    lineno,
                    column(line),
                    "missing-blank",
                    "expected a blank line between the title and the excerpt"
                    + (_bom_hint(stripped) or _invisible_hint(stripped)),
                )
                excerpt, state = stripped, _AFTER_EXCERPT
            else:  # _AFTER_TAGS
                report(
                    lineno,
                    column(line),
                    "extra-line",
                    f"line {quote(stripped)} follows the tag line; "
                    "a post ends with its tag line"
                    + (
                        _bom_hint(stripped, dated=True)
                        or _hint(stripped)
                        or _date_hint(stripped)
                    ),
                )
            continue

        # A header line: it ends whatever post was being read.
        if state == _HEADER and not (sticky if found.sticky else has_date):
            header.append((lineno, line))
        else:
            if state == _AFTER_EXCERPT:
                yield _post(title, date, excerpt, (), sticky, start)
            elif state in (_AFTER_TITLE, _EXCERPT):
                yield no_excerpt(header=True)
            elif state in (_HEADER, _TITLE):
                orphan_header(
                    parted=state == _TITLE and not found.sticky,
                    parted_by_marker=state == _TITLE and found.sticky,
                )
            state = _HEADER
            start, sticky, date, has_date = lineno, False, None, False
            loose = False
            header = [(lineno, line)]
        if found.sticky:
            sticky = True
        else:
            has_date = True
            date = found.date
            if date is None:
                report(lineno, column(line), found.code, found.problem_of(stripped))

    if state == _AFTER_EXCERPT:
        yield _post(title, date, excerpt, (), sticky, start)
    elif state in (_AFTER_TITLE, _EXCERPT):
        yield no_excerpt(header=False)
    elif state in (_HEADER, _TITLE):
        orphan_header()


def _hint(text: str) -> str:
    """What an error about a text line adds when the line is "sticky" in
    another case (a later decision, like the order of the diagnostics)."""
    if near_marker(text):
        return " (the sticky marker is 'sticky', in lower case)"
    return ""


def _bom_hint(text: str, *, dated: bool = False) -> str:
    """What an error about a line after a tag line, or a warning about a
    dated tag line, adds when the line starts with a byte order mark; with
    *dated*, that the line is a date line but for the mark, when it is (a
    later decision)."""
    if text[:1] == "\ufeff":
        unmarked = read_header(text[1:].strip()) if dated else None
        dated_line = unmarked is not None and unmarked.date is not None
        return (
            " (it starts with a byte order mark, U+FEFF, which only the start of"
            " the text may hold: files joined with cat keep each one's"
            + ("; without the mark, it is a date line" if dated_line else "")
            + ")"
        )
    return ""


def _invisible_hint(text: str) -> str:
    """What an error about a line where a blank line belongs adds when the
    line holds only format characters (U+200B, U+2060...), which look blank."""
    if all(unicodedata.category(char) == "Cf" for char in text):
        return (
            " (the line holds only characters no screen shows, such as U+200B,"
            " and is not blank)"
        )
    return ""


def _date_hint(text: str) -> str:
    """What an error about a line as a title or after a tag line adds
    when the line holds a date."""
    if holds_date(text):
        return (
            _spaced_hint(text)
            or _hidden_hint(text)
            or " (it holds a date in a form date lines do not take)"
        )
    return ""


def _title_cause(text: str) -> str:
    """What the warning about a title that holds a date says of its cause."""
    if text[:1] == "\ufeff":
        return (
            "it starts with a byte order mark, U+FEFF, which only the start of "
            "the text may hold: files joined with cat keep each one's"
        )
    if _spaced_hint(text):
        return "it holds a no-break space where a date line has a space"
    if _hidden_hint(text):
        return (
            "it holds a character no screen shows, such as U+200B: without it, "
            "it is a date line"
        )
    return "if it is the post's date, write it as a date line such as 'Mar 4, 2025'"


def _spaced_hint(text: str) -> str:
    """What a message about a line that holds a date adds when the line is a
    date line once its no-break spaces are spaces."""
    spaced = text
    for space in ("\u00a0", "\u2007", "\u202f"):
        spaced = spaced.replace(space, " ")
    found = read_header(spaced) if spaced != text else None
    if found is not None and found.date is not None:
        return (
            " (it holds a no-break space where a date line has a space: with"
            " spaces, it is a date line)"
        )
    return ""


def _hidden_hint(text: str) -> str:
    """What a message about a line that holds a date adds when the line is a
    date line once its no-break spaces are spaces and its format characters
    (category Cf) are gone."""
    shown = "".join(
        " " if char in "\u00a0\u2007\u202f" else char
        for char in text
        if unicodedata.category(char) != "Cf"
    ).strip()
    found = read_header(shown) if len(shown) < len(text) else None
    if found is not None and found.date is not None:
        return (
            " (it holds a character no screen shows, such as U+200B: without it,"
            " it is a date line)"
        )
    return ""


def loads(
    text: str, *, strict: bool = False, known_tags: Iterable[str] | None = None
) -> Listing:
    """The listing of *text*, as ``bloglist.loads`` reads it."""
    report = Reporter(strict=False)
    lines = split_lines(text)
    orphans: list[tuple[int, int]] = []
    posts = tuple(parse_lines(lines, TagSplitter(known_tags), report, orphans))
    diagnostics = _cap_extra_lines(_cap_header_runs(report.diagnostics, orphans, lines))
    if strict:
        for d in diagnostics:
            if d.severity == "error":
                raise ParseError(d.message, d.lineno, d.colno, code=d.code)
    return Listing(posts, diagnostics=diagnostics)


def _cap_header_runs(
    diagnostics: list[Diagnostic], orphans: list[tuple[int, int]], lines: list[str]
) -> list[Diagnostic]:
    """In line order, with each run of headers with no post cut at HEADERS_SHOWN.

    A run is headers with no post (*orphans*, first and last line each) with
    only blank lines between them. Its headers after the first HEADERS_SHOWN
    lines lose their diagnostics, and one diagnostic counts their lines.
    """
    hidden: set[int] = set()
    summaries: list[Diagnostic] = []
    runs: list[list[tuple[int, int]]] = []
    for first, last in orphans:
        gap = lines[runs[-1][-1][1] : first - 1] if runs else ["x"]
        if any(line.strip() for line in gap):
            runs.append([])
        runs[-1].append((first, last))
    for run in runs:
        shown = 0
        cut: list[tuple[int, int]] = []
        for first, last in run:
            if shown >= HEADERS_SHOWN:
                cut.append((first, last))
            else:
                shown += last - first + 1
        if not cut:
            continue
        count = sum(last - first + 1 for first, last in cut)
        for first, last in cut:
            hidden.update(range(first, last + 1))
        s = "" if count == 1 else "s"
        summaries.append(
            Diagnostic(
                lineno=cut[0][0],
                colno=column(lines[cut[0][0] - 1]),
                severity="error",
                code="missing-title",
                message=f"{count} more header line{s} with no post, to line "
                f"{cut[-1][1]}; a header is followed by a blank line and a title",
            )
        )
    kept = [d for d in diagnostics if d.lineno not in hidden] + summaries
    return sorted(kept, key=lambda d: (d.lineno, d.colno))


def _cap_extra_lines(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each run of extra-line diagnostics on consecutive lines, cut at EXTRA_SHOWN."""
    kept: list[Diagnostic] = []
    run: list[Diagnostic] = []
    for d in [*diagnostics, None]:
        if (
            d is not None
            and d.code == "extra-line"
            and (not run or run[-1].lineno + 1 == d.lineno)
        ):
            run.append(d)
            continue
        kept += run[:EXTRA_SHOWN]
        if len(run) > EXTRA_SHOWN:
            first, more = run[EXTRA_SHOWN], len(run) - EXTRA_SHOWN
            s = "" if more == 1 else "s"
            message = (
                f"{more} more line{s} after the tag line, to line {run[-1].lineno}; "
                "a post ends with its tag line"
            )
            kept.append(
                Diagnostic(
                    lineno=first.lineno,
                    colno=first.colno,
                    severity="error",
                    code="extra-line",
                    message=message,
                )
            )
        run = [d] if d is not None and d.code == "extra-line" else []
        if d is not None and d.code != "extra-line":
            kept.append(d)
    return kept


def _post(
    title: str,
    date: datetime.date | None,
    excerpt: str,
    tags: tuple[str, ...],
    sticky: bool,
    lineno: int,
) -> Post:
    return Post(
        title=title, date=date, excerpt=excerpt, tags=tags, sticky=sticky, lineno=lineno
    )


def _repeats(tags: tuple[str, ...]) -> list[str]:
    """Each tag that repeats an earlier one, compared case-insensitively:
    its first repeat, in the order of the repeats."""
    repeats: list[str] = []
    for i, tag in enumerate(tags):
        key = tag.casefold()
        earlier = [t.casefold() for t in tags[:i]]
        if key in earlier and key not in [r.casefold() for r in repeats]:
            repeats.append(tag)
    return repeats


def _repeats_message(repeats: list[str]) -> str:
    """docs/format.md: one warning a tag line, naming the first three
    repeated tags and counting the rest."""
    if len(repeats) == 1:
        return f"tag {quote(repeats[0])} appears more than once in the tag line"
    if len(repeats) <= 3:
        names = ", ".join(map(quote, repeats[:-1])) + f" and {quote(repeats[-1])}"
    else:
        names = ", ".join(map(quote, repeats[:3])) + f" and {len(repeats) - 3} more"
    return f"tags {names} appear more than once in the tag line"
