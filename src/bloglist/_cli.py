"""argv -> everything else: the ``bloglist`` command.

The command is a thin layer over the library: it reads listings as
:func:`~bloglist.iterload` does, narrows them with the query API, and prints
them with the writers. When no option needs the whole listing (no sort, page,
or Atom feed without --limit), posts go from the parser to the output as they
are read (to the JSON writers, a list of them at a time; with no query at
all, as the fields the parser read, with no Post made of them), so memory
stays flat and the first line comes out at once.

Exit statuses: 0 all went well, 1 a problem in the data, 2 a problem with the
command line or a file that cannot be read (see ``docs/cli.md``).
"""

from __future__ import annotations

import _thread
import argparse
import contextlib
import errno
import functools
import io
import json
import os
import re
import signal
import stat
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice, pairwise
from json.encoder import encode_basestring as _json_string  # what json.dumps uses
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Final,
    Generic,
    NoReturn,
    Protocol,
    TypeVar,
    cast,
)
from unicodedata import normalize

from . import _cli_common as common
from . import _version
from ._errors import ParseError, plural, quote
from ._export import CsvWriter, JsonWriter, atom_pieces, json_bytes
from ._index import by_count
from ._listing import Listing
from ._parse import MAX_DIAGNOSTICS, PostMaker, problem_counts, stream_items
from ._post import (
    Diagnostic,
    Post,
    PostRow,
    WriteError,
    make_post,
    renamed,
)
from ._query import page_bounds
from ._sample import sample_text
from ._where import Where
from ._write import dump_chunks

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

_P = TypeVar("_P")

_SAMPLE: Final = common.SAMPLE
_STDIN: Final = common.STDIN
_COMMANDS: Final = ("show", "tags", "stats", "check")
# The actions of `bloglist archive` that are no command of their own (its
# show is one too).
_ARCHIVE_ONLY: Final = ("add", "feed")
_FORMATS: Final = ("table", "json", "jsonl", "csv", "atom", "listing")
_BAR_WIDTH: Final = 40

_EPILOG: Final = """\
examples:
  bloglist --sample                       the bundled sample, as a table
  bloglist listing.txt --tag Data --since 2024 --sort date:desc --limit 5
  bloglist listing.txt --format json > posts.json
  cat listing.txt | bloglist --format csv
  bloglist tags listing.txt               tag counts, most used first
  bloglist stats listing.txt --by month   posts per month, as a bar chart
  bloglist check listing.txt              FILE:LINE:COL: code message; exit 1 on errors

With no FILE, bloglist reads standard input (when it is not a terminal).
exit status: 0 success, 1 a problem in the data, 2 a usage or file error,
75 an archive busy past --timeout (try again later); diff exits as diff(1):
0 the same posts, 1 different ones, 2 trouble.
The default command is show: 'bloglist show --help' lists the query and
output options; 'bloglist COMMAND --help' the options of each command.
"""


class _Stopped(Exception):
    """An error that stops reading a file, already worded: exit status 1."""

    def __init__(self, label: str, error: ParseError) -> None:
        super().__init__(label, error)
        self.label = label
        self.error = error


class _StoppedThen(Exception):
    """An error that stopped the reading (:class:`_Stopped`, or a post CSV
    cannot write), then the inputs named after it that could not have been
    read (see :meth:`_Tally.check_unread`): status 2."""

    def __init__(self, stop: _Stopped | WriteError, unread: common.UsageError) -> None:
        super().__init__(stop, unread)
        self.stop = stop
        self.unread = unread


class _Version(argparse.Action):
    """``--version``: prints the version and exits, as argparse's own action
    does, but fails as any output does (see _print)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object):
        super().__init__(
            option_strings,
            dest=argparse.SUPPRESS,
            default=argparse.SUPPRESS,
            nargs=0,
            help="show the version and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> NoReturn:
        _print(f"bloglist {_version.__version__}\n")
        parser.exit()


def _print(text: str) -> None:
    """Write *text* on standard output, for --help and --version.

    argparse's own printing ignores an output that fails (``> /dev/full``)
    and prints help on standard error when standard output is closed; here
    they fail as any other output does: UsageError or OSError, status 2.
    """
    out = common.Output(common.stdout_buffer())
    out.write(text)
    out.flush()


class _StoreOnce(argparse._StoreAction):
    """An option that takes one value, and refuses a second: with the last
    one winning, ``--year 2023 --year 2024`` would drop 2023 in silence."""

    given = False

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if self.given and self.option_strings:
            raise argparse.ArgumentError(
                self, "given twice; it takes one value (the first would do nothing)"
            )
        self.given = True
        super().__call__(parser, namespace, values, option_string)


# A word argparse reads as a negative number, not as an option.
_NEGATIVE: Final = re.compile(r"-\d+|-\d*\.\d+")
# A word spelt as a long option (`--sample`, `--limit=5`): one a command does
# not take is an option it lacks, not a file name starting with '-'.
_LONG_OPTION: Final = re.compile(r"--[A-Za-z][-A-Za-z0-9]*(?:=.*)?", re.DOTALL)


def _invalid_choice(value: str, choices: Iterable[str]) -> str:
    """The usage error for *value*, none of *choices*: quoted as every
    refused value is (see :func:`common.refused_value`)."""
    shown = ", ".join(map(repr, choices))
    return f"invalid choice: {common.refused_value(value)} (choose from {shown})"


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help fails as any output does (see _print),
    whose options of one value are given once (see _StoreOnce), and that
    takes options spelled out in full only: ``--lim`` for ``--limit`` would
    stop working in a script the day a later release adds another option
    that starts with ``--lim``.

    The subcommands' parsers are made of the same class, so `bloglist show
    --help` and `bloglist archive add --help` do too."""

    commands: argparse._SubParsersAction[_Parser] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        # Every option that takes one value is given once at most.
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # An option's value read as UTF-8 whatever the locale, so that its
        # type and choices, and their error messages, see the text typed. A
        # file name (a positional) stays as Python gave it: it is opened by it.
        if action.option_strings:
            arg_string = common.as_utf8(arg_string)
            # Bytes that are not UTF-8 fit no option: refused as such, and
            # shown as bytes (\xff), before a type or a choice quotes them
            # as Python holds them (\udcff).
            try:
                common.text_arg(arg_string)
            except argparse.ArgumentTypeError as exc:
                raise argparse.ArgumentError(action, str(exc)) from None
        return super()._get_value(action, arg_string)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # A word that is not one of the choices (`bloglist archive bogüs`,
        # `--format yäml`) is quoted as every refused value is (see
        # common.refused_value: \u00a0, never repr's \xa0; cut past 40
        # characters), read as UTF-8 whatever the locale. (An option's value
        # was read so already: see _get_value.)
        if (
            isinstance(value, str)
            and action.choices is not None
            and value not in action.choices
        ):
            if not action.option_strings:
                value = common.as_utf8(value)
            raise argparse.ArgumentError(action, _invalid_choice(value, action.choices))
        super()._check_value(action, value)

    def add_subparsers(self, **kwargs: Any) -> Any:
        # Kept, so that an unrecognised word is the error of the innermost
        # command given (see _parse_args).
        self.commands = super().add_subparsers(**kwargs)
        return self.commands

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        if file is None:
            _print(self.format_help())
        else:
            super().print_help(file)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # The words this command takes for options it does not have, before
        # any `--`: argparse leaves them out of the files, and then says only
        # that a file is required (`bloglist diff a.txt -b.txt`).
        words = list(sys.argv[1:] if args is None else args)
        words = words[: words.index("--")] if "--" in words else words
        self.words = words
        known = self._option_string_actions
        self.unknown = [
            word
            for word in words
            if word.startswith("-")
            and word != "-"
            and word.partition("=")[0] not in known
            and not all(f"-{flag}" in known for flag in word[1:])  # -qh
            and not _NEGATIVE.fullmatch(word)  # a value, such as --limit -5
        ]
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        if message.startswith("the following arguments are required") and getattr(
            self, "unknown", None
        ):
            # Name the word it did not know, as for any other command, and,
            # where a file is what is missing, where such a name goes.
            refused = " ".join(map(common.refused_word, self.unknown))
            missing = message.partition(": ")[2].split(", ")
            hint = ""
            if {"FILE", "OLD", "NEW", "ARCHIVE"}.intersection(missing):
                hint = _dash_hint(self.unknown)
            message = f"unrecognized arguments: {refused}{hint}"
        if message.endswith("required: FILE") and self.prog.endswith(" archive add"):
            # `curl ... | bloglist archive add blog.db`: the other commands
            # read standard input with no FILE; an add takes it as "-" only,
            # and needs its time.
            message += " (- reads standard input, with --seen-at TIME)"
        no_value = _ONE_VALUE_MISSING.fullmatch(message)
        if no_value is not None and _dash_after(
            getattr(self, "words", []), no_value[1]
        ):
            # --search -foo, --timeout -inf: argparse took a value that
            # starts with '-' (but a number's, which is taken: see
            # _NEGATIVE) for an option; it goes after "=". Not said of an
            # option typed last, with no value.
            if no_value[1] == "--sort":  # --sort -date
                message += (
                    " (for a descending key, write --sort=-KEY or --sort KEY:desc)"
                )
            else:
                message += (
                    f" (a value that starts with '-' is written {no_value[1]}=VALUE)"
                )
        # argparse's own prints the usage to standard error, or with none
        # (`2>&-`) to standard output, into the data a script reads.
        if sys.stderr is not None:
            self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


# argparse's message for an option of one value given none, which is what
# it says when the value starts with '-' (it takes the word for an option).
_ONE_VALUE_MISSING: Final = re.compile(
    r"argument (--[a-z][a-z-]*): expected one argument"
)


def _dash_after(words: list[str], option: str) -> bool:
    """Whether *option* is followed, somewhere in *words*, by a word that
    starts with '-': a value argparse took for an option."""
    return any(
        word == option and after.startswith("-") for word, after in pairwise(words)
    )


def _late_command_hint(files: list[str]) -> str:
    """Where a command goes, when one of *files*, the words show took for
    files, is a command's name: ``bloglist --sample stats --by month`` is
    show's, which has no --by, and reads stats as a file."""
    from ._cli_history import COMMANDS

    commands = (*_COMMANDS, *COMMANDS, *_ARCHIVE_ONLY)
    name = next((word for word in files if word in commands), None)
    if name is None:
        return ""
    command = f"archive {name}" if name in _ARCHIVE_ONLY else name
    return f" (a command goes first: bloglist {command} ...)"


def _dash_hint(unknown: list[str]) -> str:
    """Where a file whose name starts with '-' goes, for words a command
    that takes files did not know: unless each is spelt as a long option
    (``--bogus``), one of them may be such a file."""
    if all(map(_LONG_OPTION.fullmatch, unknown)):
        return ""
    return " (a file whose name starts with '-' goes after --)"


def _input_options(
    parser: argparse.ArgumentParser,
    *,
    pages: bool = True,
    max_diagnostics: int | None = MAX_DIAGNOSTICS,
) -> None:
    group = parser.add_argument_group("input")
    group.add_argument(
        "file",
        nargs="*",
        metavar="FILE",  # as archive add and diff name theirs
        help="the listings to read, in order; '-' for standard input. "
        "None: standard input, unless it is a terminal",
    )
    if pages:
        group.add_argument(
            "--pages",
            action="store_true",
            help="the files are the pages of one paged index (page 1, 2, 3...): "
            "join them as bloglist.stitch does, each post once",
        )
    group.add_argument(
        "--sample",
        action="store_true",
        help="read the sample listing that ships with bloglist instead of a file",
    )
    group.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first error in the listing (exit status 1)",
    )
    group.add_argument(
        "--known-tag",
        type=common.nonblank_text,
        action="append",
        default=[],
        metavar="NAME",
        help="a tag name the case rule cannot split, such as GenAI or iOS; repeatable",
    )
    common.add_max_line_length(group)
    common.add_max_diagnostics(group, max_diagnostics)
    group.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit with 0 even if the listing has errors; not when reading "
        "stops (the first error under --strict, bytes that are not UTF-8, a "
        "line too long), except in check, nor on a usage error or a post the "
        "format cannot carry",
    )


def _parser() -> _Parser:
    from . import _cli_history

    parser = _Parser(
        prog="bloglist",
        description="Read a plain-text blog listing, query it, and print or convert it.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    show = commands.add_parser(
        "show",
        help="print the posts (the default command)",
        description="Print the posts of a listing, as a table or in another format.",
    )
    _input_options(show)
    common.query_options(show)
    common.order_options(show)
    output = show.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=_FORMATS,
        default="table",
        help="table (default), json, jsonl, csv, atom, or listing (the canonical text)",
    )
    common.tag_separator_option(output)
    common.feed_options(
        show,
        "the file's name without its directory; '<stdin>' for standard input, "
        "the names joined with ', ' for several files, 'bloglist sample' for "
        "--sample",
    )

    tags = commands.add_parser(
        "tags",
        help="count the posts of each tag",
        description="Count the posts of each tag, most used first, then by name.",
    )
    _input_options(tags)
    common.query_options(tags)
    tags.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table (default): a line per tag, its posts first; json: an array of objects",
    )

    stats = commands.add_parser(
        "stats",
        help="posts per year or month, as a bar chart",
        description="Posts per year or month, newest first, with sticky and undated counts.",
    )
    _input_options(stats)
    common.query_options(stats)
    stats.add_argument(
        "--by",
        choices=("year", "month"),
        default="year",
        help="the period (default: year)",
    )
    stats.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table (default): a line per period with its bar, then the "
        "summary; json: an object of the counts and the periods",
    )

    check = commands.add_parser(
        "check",
        help="validate a listing",
        description="Validate listings: print every problem on standard output as "
        "FILE:LINE:COL: code message, a summary per file on standard error, and "
        "exit with 1 if any problem is an error.",
    )
    _input_options(check, pages=False, max_diagnostics=None)
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): one line per problem; json: an array of objects",
    )
    # The commands' parsers are _Parser, which the history module need not know.
    _cli_history.add_commands(
        cast("argparse._SubParsersAction[argparse.ArgumentParser]", commands)
    )
    return parser


# What a usage error adds for --version typed with other words.
_VERSION_ALONE: Final = " (--version comes alone: bloglist --version)"


def _parse_args(argv: list[str]) -> argparse.Namespace:
    from ._cli_history import COMMANDS

    words = (*_COMMANDS, *COMMANDS, "-h", "--help", "--version")
    implied = not argv or argv[0] not in words
    if implied:
        argv = ["show", *argv]
    parser = _parser()
    if argv[0] == "--version" and argv[1:]:
        # The version is the whole command's, asked for alone: words after
        # it would be dropped unread (`bloglist --version --bogus`).
        refused = " ".join(map(common.refused_word, argv[1:]))
        parser.error(f"unrecognized arguments: {refused}{_VERSION_ALONE}")
    if argv[0] == "archive":
        argv = ["archive", *_options_after_action(parser, argv[1:])]
    # Known args first, so that file names may come after options too
    # (`bloglist a.txt --format json b.txt`), as with most commands.
    args, extra = parser.parse_known_args(argv)
    # argparse leaves what follows `--` among the extra words when files came
    # before the options (`bloglist a.txt --limit 5 -- -b.txt`): there too,
    # `--` ends the options, and every word after it is a file.
    after: list[str] = []
    if "--" in extra:
        at = extra.index("--")
        extra, after = extra[:at], extra[at + 1 :]
    unknown = [word for word in extra if word.startswith("-") and word != "-"]
    # The commands' lists of files: `archive add`'s comes after its ARCHIVE.
    files = next((name for name in ("file", "files") if hasattr(args, name)), None)
    if unknown or ((extra or after) and files is None):
        # The command's usage and name: `bloglist tags --limit 5` is an error
        # of tags, which has no --limit; `bloglist archive show --bogus`, of
        # archive show.
        command: _Parser = parser
        for dest in ("command", "action"):
            if command.commands is None:
                break
            command = command.commands.choices[getattr(args, dest)]
        # Quoted as typed, whatever the locale (see common.refused_word).
        refused = " ".join(map(common.refused_word, unknown or extra or after))
        hint = _dash_hint(unknown) if unknown and files is not None else ""
        if implied and not hint:
            hint = _late_command_hint([*getattr(args, cast("str", files)), *extra])
        if not hint and "--version" in unknown:
            # `bloglist --sample --version`, `bloglist tags --version`: the
            # version is the whole command's, asked for alone.
            hint = _VERSION_ALONE
        command.error(f"unrecognized arguments: {refused}{hint}")
    if extra or after:
        getattr(args, cast("str", files)).extend(extra + after)
    if hasattr(args, "page_size"):  # the ordering options: one that does nothing
        common.check_order(args)
    return args


def _options_after_action(parser: _Parser, words: list[str]) -> list[str]:
    """*words*, those after ``archive``, as argparse can read them, or a
    usage error for an option of an archive action typed before the action
    (``bloglist archive --timeout 5 show blog.db``): argparse would take its
    value for the action (``invalid choice: '5'``), or call the option
    unknown, which it is not. The action is the first word that names one
    and is no option's value (``--search show feed``: feed). An action
    after ``--`` (``archive -- show blog.db``), which argparse takes ``--``
    itself for, is moved before it."""
    archive = cast("argparse._SubParsersAction[_Parser]", parser.commands).choices[
        "archive"
    ]
    actions = cast("argparse._SubParsersAction[_Parser]", archive.commands).choices
    misplaced: list[tuple[str, list[str]]] = []  # (option, the actions that take it)
    given = iter(enumerate(words))
    ended = -1  # where "--" is, when it ends the options before an action
    for at, word in given:
        if word == "--":
            ended = at
            at, word = next(given, (at + 1, ""))
            if word not in actions:
                break  # no action: said below
        if word in actions:
            for option, owner in misplaced:
                if option in actions[word]._option_string_actions:
                    archive.error(
                        f"argument {option}: an option of archive {word} goes after "
                        f"it (bloglist archive {word} {option} ...)"
                    )
                if owner:
                    archive.error(
                        f"argument {option}: an option of archive {owner[0]}, "
                        f"which archive {word} does not take"
                    )
            if ended < 0:
                return words
            return [*words[:ended], word, "--", *words[at + 1 :]]
        option, equals, _ = word.partition("=")
        if not option.startswith("-") or option in archive._option_string_actions:
            continue  # a word argparse says the rest of (-h: archive's help)
        taken = [
            (name, action._option_string_actions[option])
            for name, action in actions.items()
            if option in action._option_string_actions
        ]
        misplaced.append((option, [name for name, _ in taken]))
        if taken and taken[0][1].nargs != 0 and not equals:
            next(given, None)  # its value, which may spell an action
    # No action at all (`bloglist archive --seen-at 2025-01-01 blog.db
    # new.txt`, its add forgotten): the first option of an action is named,
    # with the actions that take it, not its value as an unknown action.
    for option, owner in misplaced:
        if owner:
            which = ", ".join(owner[:-1]) + " or " * (len(owner) > 1) + owner[-1]
            archive.error(
                f"argument {option}: an option of archive {which}, which goes "
                f"after the action (bloglist archive {owner[0]} {option} ...)"
            )
    # `archive -- blog.db`: the word after "--" names no action, as in
    # `archive blog.db` (argparse would quote "--" itself). Else argparse
    # says what it makes of the words (or shows the help asked for).
    if 0 <= ended < len(words) - 1 and not {"-h", "--help"} & {*words[:ended]}:
        archive.error(
            "argument ACTION: "
            + _invalid_choice(common.as_utf8(words[ended + 1]), actions)
        )
    return words


# Reading ---------------------------------------------------------------------


class _LineLimit(common.LineLimit):
    """:class:`common.LineLimit` that calls *before* before each read: the
    command flushes its output there when the file may make it wait (a pipe,
    a terminal), so that posts come out as they are read, in batches of what
    one read brings, however slowly the writer sends them.
    """

    def __init__(
        self,
        fp: IO[bytes],
        limit: int,
        before: Callable[[], None] | None = None,
        left: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(fp, limit, left)
        self._before = before

    def read(self, size: int = -1, /) -> bytes:
        if self._before is not None:
            try:
                self._before()
            except OSError as exc:  # not a problem with the input: passed on
                raise common.OutputFailed(exc) from None
        return super().read(size)


def _labels(args: argparse.Namespace) -> list[str]:
    """The inputs as messages name them."""
    return [_SAMPLE] if args.sample else [_label(name) for name in args.file]


def _named(args: argparse.Namespace) -> list[tuple[str | None, str]]:
    """Each input to open (None: the sample) with its label."""
    names: list[str | None] = [None] if args.sample else list(args.file)
    return list(zip(names, _labels(args), strict=True))


def _label(name: str) -> str:
    return _STDIN if name == "-" else common.file_label(name)


# What a file name in JSON is given as an escape beyond what JSON escapes
# itself: DEL and the C1 controls, which some terminals act on (U+009B starts
# a control sequence), and lone surrogates (a byte of the name that is not
# UTF-8, by surrogateescape), which are not text.
_JSON_NAME_ESCAPED: Final = re.compile("[\x7f-\x9f\ud800-\udfff]")


def _json_file(name: str | None) -> str:
    """The input *name* (None: the sample) as a JSON string: the name itself,
    not its escaped label, which JSON's escapes make safe (but a file named
    as standard input's or the sample's label: see not_a_label). A byte that is not
    UTF-8 is the escape of its lone surrogate, ``\\udcff`` for the byte
    0xff, which Python's json module reads back to the name os.fsencode
    turns into the file's bytes; DEL and the C1 controls are escapes too,
    which JSON does not ask for, so that a terminal shown the output does
    not act on them."""
    if name is None or name == "-":
        return _json_string(_SAMPLE if name is None else _STDIN)
    text = _json_string(common.not_a_label(common.as_utf8(name)))
    return _JSON_NAME_ESCAPED.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def _inputs(args: argparse.Namespace) -> None:
    """Check and complete the input arguments: --sample, files, or standard input."""
    if args.sample:
        if args.file:
            # The first FILE may be a command mistyped (bloglist chek
            # --sample), which the message then names, as for a file that
            # is not there (a link to nothing included, as when it is read).
            first = args.file[0]
            raise common.UsageError(
                "--sample reads the bundled sample: give no FILE with it",
                missing=None if os.path.exists(first) else first,
            )
        return
    if not args.file:
        if sys.stdin is None:
            raise common.UsageError(
                "no input: standard input is closed; give a FILE, "
                "or --sample for the bundled sample"
            )
        if common.typed_into(sys.stdin):
            raise common.UsageError(
                "no input: give a FILE, '-' or a pipe for standard input, "
                "or --sample for the bundled sample"
            )
        args.file = ["-"]
    if why := common.read_once(args.file) or common.output_among(args.file):
        raise common.UsageError(why)


def _unread_stdin_said(label: str) -> str | None:
    """What to say of standard input, not read, when it is a regular file
    (``< blog.db``) whose first bytes show it is not a listing, as a file
    named so is looked at (see :meth:`_Tally.check_unread`). Its bytes are
    read where it stands without moving it (see ``read_ahead``), so that a shell
    that shares the file with the command reads on from the same place; a
    pipe or a terminal is not looked at, since a read could wait. Closed,
    it is an error, as when it is read."""
    if sys.stdin is None:
        return "cannot read standard input: it is closed"
    try:
        fd = sys.stdin.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        # As far as a named file is looked at: its first two lines.
        ahead = common.read_ahead(fd, os.lseek(fd, 0, os.SEEK_CUR))
    except (OSError, ValueError, AttributeError):
        return None  # no descriptor (a program's own stream)
    first = ahead[0]
    looked = io.BufferedReader(io.BytesIO(first), buffer_size=max(len(first), 1))
    return common.not_a_listing(looked, label, ahead=ahead)


@contextlib.contextmanager
def _opened(name: str | None) -> Iterator[IO[bytes]]:
    """The binary file *name*: the sample for None, standard input for '-'."""
    if name is None:
        yield io.BytesIO(sample_text().encode("utf-8"))
    elif name == "-":
        if sys.stdin is None:
            raise common.UsageError("cannot read standard input: it is closed")
        yield sys.stdin.buffer
    else:
        try:
            fp = open(name, "rb")  # noqa: SIM115  # closed below
        except OSError as exc:
            if common.is_a_directory(exc, name):
                raise common.UsageError(
                    f"cannot read {common.file_label(name)}: it is a directory"
                ) from None
            raise common.UsageError(
                f"cannot read {common.file_label(name)}: {exc.strerror}",
                missing=name if isinstance(exc, FileNotFoundError) else None,
            ) from None
        with fp:
            yield fp


def _command_hint(argv: Sequence[str], exc: common.UsageError) -> str:
    """When the file that does not exist is the first word of *argv*, where
    a command goes, and is named like one (``bloglist chek f.txt``): the
    command it may have meant, `` (did you mean the command 'check'?)``. A
    word that is not a command is taken for a file, so a command mistyped
    reads as a file that is not there."""
    name = exc.missing
    if not argv or name is None:
        return ""
    if os.sep in name or (os.altsep and os.altsep in name):
        return ""
    from ._cli_history import COMMANDS

    commands = (*_COMMANDS, *COMMANDS)
    if name != argv[0]:
        # A command typed after other words (`bloglist --sample tags`,
        # `bloglist a.txt stats`, `bloglist add blog.db a.txt` typed as
        # `bloglist blog.db add`), where the first word is no command: it
        # goes first.
        if argv[0] in commands or name not in (*commands, *_ARCHIVE_ONLY):
            return ""
        command = f"archive {name}" if name in _ARCHIVE_ONLY else name
        return f" (a command goes first: bloglist {command} ...)"
    if name in commands:
        # The first word was the command, then: the file is a later word
        # of the same name (`bloglist show -- show`).
        return ""
    if name in _ARCHIVE_ONLY:
        return f" (did you mean the command 'archive {name}'?)"
    if name == "help":
        return " (for help: bloglist --help, or bloglist COMMAND --help)"
    if name == "stitch":
        # bloglist.stitch's name, which docs/history.md gives: the command
        # joins pages with an option of show and archive add.
        return " (pages are joined with --pages: bloglist --pages PAGE..., or archive add --pages)"
    import difflib

    close = difflib.get_close_matches(name, (*_COMMANDS, *COMMANDS), n=1, cutoff=0.75)
    return f" (did you mean the command {close[0]!r}?)" if close else ""


def _waits(fp: IO[bytes]) -> bool:
    """Whether reading *fp* may wait for its writer: it is not a regular file."""
    try:
        return not stat.S_ISREG(os.fstat(fp.fileno()).st_mode)
    except (OSError, ValueError):  # no file descriptor: the sample, in memory
        return False


def _read(
    args: argparse.Namespace,
    fp: IO[bytes],
    out: _Flushes | None,
    make: PostMaker[_P],
) -> Iterator[_P | Diagnostic]:
    """The posts (each made by *make*: see parse_lines) and diagnostics of
    *fp*; *out* is flushed before a read may wait, and a writer's batch (or a
    count's) is cut before any other read: what is held between two reads is
    the posts of one piece read, however big each post is and however many
    the input holds."""
    before: Callable[[], None] | None = None
    if out is not None:
        before = out.flush if _waits(fp) else getattr(out, "cut", None)
        # (A pipe's reads are what its writer sends: a count is not cut at
        # each, which would make a batch a post when the writer trickles.)
    reader = _LineLimit(fp, args.max_line_length, before, common.reader_left())
    return stream_items(
        reader,
        make,
        strict=args.strict,
        known_tags=args.known_tag,
        max_diagnostics=args.max_diagnostics,
    )


@contextlib.contextmanager
def _reading(label: str, fp: IO[bytes] | None = None) -> Iterator[None]:
    """Errors while reading the input *label*, as the command reports them;
    with its open file *fp*, an SQLite file (an archive) or JSON is said to
    be one, before any line of it is read: its lines would read as lines
    with problems (see common.not_a_listing)."""
    try:
        if fp is not None and (said := common.not_a_listing(fp, label)):
            raise common.UsageError(said)
        yield
    except ParseError as exc:
        raise _Stopped(label, exc) from None
    except common.OutputFailed as failed:
        raise failed.error from None
    except OSError as exc:
        raise common.UsageError(f"cannot read {label}: {exc.strerror}") from None


def _items_of(
    args: argparse.Namespace,
    name: str | None,
    label: str,
    out: common.Output,
    notes: list[str],
) -> Iterator[tuple[str, Post | Diagnostic]]:
    """Every post and diagnostic of one input, with its label; what its first
    bytes show it is, if not a listing (common.not_a_listing), added to
    *notes* before any of it is read: it is still read as one."""
    with _opened(name) as fp, _reading(label):
        if said := common.not_a_listing(fp, label):
            notes.append(f"bloglist: note: {said}")
        for item in _read(args, fp, out, make_post):
            yield label, item


class _Flushes(Protocol):
    def flush(self) -> None: ...


class _Batches(Generic[_P]):
    """Posts held for a writer that takes a list at a time (*write*), and
    written when *size* are held and before the input may make the command
    wait (:meth:`flush`, which flushes *out* too). The parser makes each post
    with *make* (see parse_lines): a Post, or the fields alone for a writer
    that needs no more (JSON's)."""

    def __init__(
        self,
        write: Callable[[list[_P]], object],
        out: common.Output,
        make: PostMaker[_P | None],
        size: int = common.BATCH,
    ) -> None:
        self.posts: list[_P] = []
        self.make: PostMaker[_P | None] = make
        self.size = size
        self._write = write
        self._out = out

    def send(self) -> None:
        """Write the posts held, *size* at a time."""
        posts, size = self.posts, self.size
        if len(posts) > size:  # rows held by the parser's maker (_Rows)
            for start in range(0, len(posts), size):
                self._write(posts[start : start + size])
        elif posts:
            self._write(posts)
        posts.clear()

    # Before a read of a regular file: the posts held go to the writer,
    # which holds them no more (its output is flushed as it fills).
    cut = send

    def flush(self) -> None:
        self.send()
        self._out.flush()


class _Rows(_Batches[PostRow]):
    """The fields of posts for a JSON writer's ``write_rows``, held by the
    parser's maker itself, which returns None: the loop over the parser's
    items (:meth:`_Tally.feed`) then sees its diagnostics alone, and runs no
    Python code per post (a tenth of a second a million posts). No count of
    the posts held is checked as they come: they are sent before each read,
    as any batch is, what one piece read holds, cut in lists of *size* (the
    writer is slower on lists of thousands of tiny posts)."""

    def __init__(
        self, write: Callable[[list[PostRow]], object], out: common.Output
    ) -> None:
        rows: list[PostRow] = []
        hold = rows.append

        def make(*row: Any) -> None:  # the fields in make_post's order
            hold(row)

        super().__init__(write, out, make)
        self.posts = rows


class _Tally:
    """Counts what the inputs held, and reports each diagnostic as it comes."""

    def __init__(self, report: Callable[[str], None] = common.error) -> None:
        self.errors = 0
        self.warnings = 0
        self._report = report
        # The label of the input read last: a streamed post's, when the
        # writer takes it.
        self.label = ""
        # Each input's label and posts, when kept (see keep_sources): the
        # file of a post written after all were read.
        self._sources: list[tuple[str, list[Post]]] | None = None
        # How many inputs were opened: --limit and --page stop before the
        # others (see check_unread).
        self.opened = 0

    def keep_sources(self) -> None:
        """Keep each post's input, for :meth:`source_of`: when every post is
        read before the first is written (see _needs_all), which holds them
        all anyway."""
        self._sources = []

    def source_of(self, post: Post) -> str:
        """The label of the input *post* was read from: the one read last,
        unless the sources were kept."""
        for label, posts in self._sources or ():
            if any(kept is post for kept in posts):
                return label
        return self.label

    def posts(
        self, args: argparse.Namespace, out: _Flushes | None = None
    ) -> Iterator[Post]:
        """The posts of every input; diagnostics go to standard error."""
        if getattr(args, "pages", False):
            yield from self._stitched(args, out)
            return
        for name, label in _named(args):
            yield from self._posts_of(args, name, label, out)

    def _posts_of(
        self,
        args: argparse.Namespace,
        name: str | None,
        label: str,
        out: _Flushes | None,
    ) -> Iterator[Post]:
        """The posts of one input; its diagnostics go to standard error."""
        self.label = label
        self.opened += 1
        kept: list[Post] | None = None
        if self._sources is not None:
            kept = []
            self._sources.append((label, kept))
        with _opened(name) as fp, _reading(label, fp):
            for item in _read(args, fp, out, make_post):
                if isinstance(item, Diagnostic):
                    self._diagnostic(label, item)
                else:
                    if kept is not None:
                        kept.append(item)
                    yield item
        if out is not None:
            # What is held goes out before the next input's posts: a post a
            # writer cannot write is named with its input's label.
            out.flush()

    def _stitched(self, args: argparse.Namespace, out: _Flushes | None) -> Listing:
        """--pages: every input read whole, as a page, then the pages joined.

        The stitch's warnings (``page-overlap``, ``page-gap``,
        ``page-same-title``, ``page-order``) are reported with the file of
        their page, after those of the reading. They count towards the same
        ``--max-diagnostics`` limit of their file as the reading's: past it
        they are counted in one ``too-many-diagnostics`` diagnostic of the
        file, at the first of them, reported after all the stitch's warnings
        (as a parse reports its count last). A reading that passed the
        limit has reported its own count already: a file may end with two.
        """
        from ._stitch import stitch

        named = _named(args)
        labels = [label for _, label in named]
        pages: list[list[Post]] = []
        # Per file, what its reading reported: the file's limit holds for its
        # reading and its warnings of the join together.
        reported: list[int] = []
        for name, label in named:
            before = self.errors + self.warnings
            pages.append(list(self._posts_of(args, name, label, out)))
            reported.append(self.errors + self.warnings - before)
        listing = stitch(pages)
        for index, made in common.page_findings(
            listing.diagnostics, labels, reported, args.max_diagnostics
        ):
            self._diagnostic(labels[index], made)
        return listing

    def feed(self, args: argparse.Namespace, batches: _Batches[_P]) -> None:
        """Hand the posts of every input to *batches* (each made as it makes
        them: a Post, or the fields alone), then write the rest.

        The loop that runs once per post of a stream: the parser's items go
        straight into the list of posts held, with no generator between;
        for rows (:class:`_Rows`), the parser's maker holds them, and the
        loop sees the diagnostics alone.
        """
        posts = batches.posts
        hold = posts.append
        size, make = batches.size, batches.make
        for name, label in _named(args):
            self.label = label
            self.opened += 1
            with _opened(name) as fp, _reading(label, fp):
                # What a maker returns is a Post, a row or None: only None is false.
                items = cast(
                    "Iterator[_P | Diagnostic]",
                    filter(None, _read(args, fp, batches, make)),
                )
                for item in items:
                    if not isinstance(item, Diagnostic):
                        hold(item)
                        if len(posts) >= size:
                            try:
                                batches.send()
                            except OSError as exc:  # the output's, not the input's
                                raise common.OutputFailed(exc) from None
                    else:
                        self._diagnostic(label, item)
            # Each batch holds the posts of one input: a post a writer
            # cannot write is named with its input's label. Flushed too: the
            # next input's open may wait (a named pipe whose writer has not
            # started), and the posts read so far go out first.
            batches.flush()

    @contextlib.contextmanager
    def unread_named(self, args: argparse.Namespace) -> Iterator[None]:
        """An error that stops the reading (--strict's first error, bytes
        that are not UTF-8, a line too long, a post CSV cannot write) still
        names the inputs after it that could not have been read, as the
        end of --limit does (see :meth:`check_unread`): a typo in a later
        file's name is not hidden by an error in an earlier file."""
        try:
            yield
        except (_Stopped, WriteError) as stop:
            try:
                self.check_unread(args)
            except common.UsageError as unread:
                raise _StoppedThen(stop, unread) from None
            raise

    def check_unread(self, args: argparse.Namespace) -> None:
        """A UsageError for the inputs the command did not open (after
        --limit or --page had their posts) that it could not have read: a
        file missing, a directory, a file it may not read, an SQLite file (an
        archive) or JSON, as reading it would have found: the last, with
        those before it in its ``before``, reported in the order given after
        the output. Only a regular file is opened (to read its first bytes):
        opening a named pipe could wait."""
        found: list[common.UsageError] = []
        for name, label in _named(args)[self.opened :]:
            if name is None or name == "-":  # the sample is always read
                if name == "-" and (said := _unread_stdin_said(label)):
                    found.append(common.UsageError(said))
                continue
            try:
                mode = os.stat(name).st_mode
                if stat.S_ISDIR(mode):
                    found.append(
                        common.UsageError(f"cannot read {label}: it is a directory")
                    )
                    continue
                if not os.access(name, os.R_OK):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                if stat.S_ISREG(mode):
                    with open(name, "rb") as fp:
                        if said := common.not_a_listing(fp, label):
                            found.append(common.UsageError(said))
            except OSError as exc:
                found.append(
                    common.UsageError(
                        f"cannot read {label}: {exc.strerror}",
                        missing=name if isinstance(exc, FileNotFoundError) else None,
                    )
                )
        if found:
            last = found[-1]
            last.before = tuple(map(str, found[:-1]))
            raise last

    def _diagnostic(self, label: str, item: Diagnostic) -> None:
        if item.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        self._report(
            common.finding(label, item.lineno, item.colno, item.code, item.message)
        )

    def status(self, args: argparse.Namespace) -> int:
        return 1 if self.errors and not args.exit_zero else 0


def _streamed(posts: Iterable[Post], args: argparse.Namespace) -> Iterable[Post]:
    """*posts* filtered and cut by the options, a post at a time."""
    conditions = common.conditions_of(args)
    if args.page is not None:
        try:
            posts = _page(
                _filtered(posts, conditions, None) if conditions else posts,
                args.page,
                args.page_size or common.PAGE_SIZE,
            )
        except IndexError as exc:
            raise common.page_past_the_end(exc, args) from None
        return posts if args.limit is None else islice(posts, _most(args.limit))
    if args.limit is None and not conditions:
        return posts  # nothing to do: no layer between the parser and the writer
    return _filtered(posts, conditions, args.limit)


def _page(posts: Iterable[Post], number: int, size: int) -> Iterator[Post]:
    """Page *number* of *posts*, *size* posts a page, read no further than
    its last post, as ``--limit`` reads no further than its last.

    The posts before the page are read at once, before anything is written,
    so that a page past the end is the same usage error as with the whole
    listing (``page 5 is out of range: 12 posts make 4 pages of 3``), with
    no output before it.
    """
    start = (number - 1) * size
    read = iter(posts)
    skipped = sum(1 for _ in islice(read, _most(start)))
    # No input holds more posts than an index can count: a page that starts
    # further on is past the end, and the rest are counted for the message.
    first = next(read, None) if start == skipped else None
    if first is None:
        skipped += sum(1 for _ in read)
        page_bounds(skipped, number, size)  # IndexError past the last page
        return iter(())
    return chain((first,), islice(read, _most(size - 1)))


def _most(count: int) -> int:
    """*count* for ``islice``, which takes no more than ``sys.maxsize``:
    options take any number, and no input holds that many posts."""
    return min(count, sys.maxsize)


def _filtered(
    posts: Iterable[Post], conditions: list[Where], limit: int | None
) -> Iterator[Post]:
    count = 0
    for post in posts:
        if all(condition(post) for condition in conditions):
            yield post
            count += 1
            if count == limit:
                return  # read no further: `--limit 1` on a huge file is quick


# Writing ---------------------------------------------------------------------


def _post_rows(posts: Iterable[Post]) -> Iterator[tuple[str, str, str, str]]:
    yield ("DATE", "STICKY", "TITLE", "TAGS")
    for post in posts:
        yield (
            post.date.isoformat() if post.date else "-",
            "yes" if post.sticky else "",
            common.printable(post.title),
            common.printable_tags(post.tags),
        )


def _feed_name(name: str) -> str:
    """The part of the file *name* that titles its feed: its base name, or
    the name as given (``./`` before it if bare) when the base name is
    standard input's or the sample's label."""
    base = os.path.basename(name)
    return common.not_a_label(name) if base in (_STDIN, _SAMPLE) else base


def _atom(args: argparse.Namespace, listing: Listing) -> Iterator[str]:
    """The feed of *listing*, in pieces written as they are made: all that
    can fail is checked before the first (see atom_pieces)."""
    title = args.feed_title or (
        "bloglist sample"
        if args.sample
        else ", ".join(
            _STDIN
            if name == "-"
            # A file named <stdin> is not standard input: titled ./<stdin>
            # (or as given, dir/<stdin>), so that its feed's default id is
            # not standard input's either.
            else common.feed_title(_feed_name(name))
            for name in args.file
        )
    )
    return atom_pieces(listing, **common.atom_keywords(args, title))


def _needs_all(args: argparse.Namespace) -> bool:
    """Whether the options need every post before the first is written.

    An Atom feed does (its updated is its newest post), unless --limit and
    none of these options make it the first N posts that match, known once
    read: then, as in the other formats, the input is read no further.
    --pages does too: it reads every page before it joins them, so nothing
    at all is written when the input stops (a CSV header alone would read as
    an empty listing). --page alone does not: with no sort, its posts are the
    matches from (N - 1) * size on, known once read (see _page).
    """
    return bool(
        args.sort
        or args.sticky_first
        # The feed's updated is its newest post: of all, unless --limit
        # keeps the first N matches, which are known once read.
        or (args.format == "atom" and args.limit is None)
        or getattr(args, "pages", False)
    )


def _batched(args: argparse.Namespace, out: common.Output, tally: _Tally) -> None:
    """JSON, JSON Lines or CSV: the records or rows of a list of posts at a
    time."""
    writer: JsonWriter | CsvWriter
    if args.format == "csv":
        writer = CsvWriter(out, tag_separator=args.tag_separator)
    else:
        writer = JsonWriter(out, lines=args.format == "jsonl")
        # The records are safe as they are made (no line break JSON leaves
        # raw, no lone surrogate): encoded as they are, with no second look.
        out.encode = str.encode
    if (
        _needs_all(args)
        or args.limit is not None
        or args.page is not None
        or common.conditions_of(args)
    ):
        # --limit stops reading at once, so that the posts after are not
        # read (nor their problems reported): the posts go one at a time.
        posts = _Batches(writer.write, out, make_post)
        with _sent_when_stopped(posts):
            for post in _posts(args, tally, posts):
                posts.posts.append(post)
                if len(posts.posts) >= posts.size:
                    posts.send()
            posts.send()
    elif isinstance(writer, JsonWriter):
        # Streamed, a record is written from the fields the parser read,
        # with no Post made of them (a query takes Posts, and the post a
        # writer cannot write is named by the CSV writer alone).
        rows = _Rows(writer.write_rows, out)
        with _sent_when_stopped(rows):
            tally.feed(args, rows)
    else:
        posts = _Batches(writer.write, out, make_post)
        with _sent_when_stopped(posts):
            tally.feed(args, posts)
    writer.close()


@contextlib.contextmanager
def _sent_when_stopped(batches: _Batches[Any]) -> Iterator[None]:
    """The posts read before the input stopped are written, as the other
    formats write them; the array stays open, as the output is cut."""
    try:
        yield
    except (_Stopped, common.UsageError):
        batches.send()
        raise


def _posts(args: argparse.Namespace, tally: _Tally, out: _Flushes) -> Iterable[Post]:
    """The posts to show, in order: a post at a time, unless the options need
    them all first (see _needs_all); *out* is flushed before a read may wait."""
    if _needs_all(args):
        return common.order(common.select(Listing(tally.posts(args)), args), args)
    return _streamed(tally.posts(args, out), args)


def _located(exc: WriteError, tally: _Tally) -> WriteError:
    """*exc*, about the post a writer could not write, worded ``FILE:LINE:
    post 'Title': ...``: the file and line say where to look in the input."""
    return renamed(
        exc,
        lambda post: f"{tally.source_of(post)}:{post.lineno}: post {quote(post.title)}",
    )


def _naming_unread(
    runner: Callable[[argparse.Namespace, common.Output, _Tally], int],
) -> Callable[[argparse.Namespace, common.Output], int]:
    """*runner*, given a new tally, whose error that stops the reading still
    names the inputs after it that could not have been read."""

    def run(args: argparse.Namespace, out: common.Output) -> int:
        tally = _Tally()
        with tally.unread_named(args):
            return runner(args, out, tally)

    return run


def _show(args: argparse.Namespace, out: common.Output, tally: _Tally) -> int:
    if _needs_all(args) and args.format in ("csv", "listing"):
        tally.keep_sources()  # the file of a post that cannot be written
    if args.format in ("json", "jsonl", "csv"):
        try:
            _batched(args, out, tally)
        except WriteError as exc:  # CSV's: what JSON cannot carry, it escapes
            raise _located(exc, tally) from None
        tally.check_unread(args)
        return tally.status(args)
    posts = _posts(args, tally, out)
    if args.format == "table":
        # Posts all read first (sorted): every row sets the widths.
        whole = _post_rows(posts) if isinstance(posts, Sequence) else None
        common.write_table(_post_rows(posts), out, measure=whole)
    elif args.format == "atom":
        for piece in _atom(args, Listing(posts)):
            out.write(piece)
    else:
        try:
            for chunk in dump_chunks(posts, known_tags=args.known_tag):
                out.write(chunk)
        except WriteError as exc:
            raise _located(exc, tally) from None
    tally.check_unread(args)
    return tally.status(args)


# How many posts `tags` and `stats` hold at once: they count the posts of
# each batch with the listing's own count_by and add the counts up, so that
# their memory stays flat however many posts the input holds.
_COUNT_BATCH: Final = 4096


class _Cuts:
    """Told before each read of a regular file (see _read): the posts read
    before it are a batch to count, whatever their number."""

    def __init__(self) -> None:
        self.due = False

    def flush(self) -> None:
        """Before a pipe's read: nothing (a count is printed at the end)."""

    def cut(self) -> None:
        self.due = True


def _selected(args: argparse.Namespace, tally: _Tally) -> Iterator[Listing]:
    """The posts the options select, a listing at a time: the posts of one
    piece read, or _COUNT_BATCH of them."""
    cuts = _Cuts()
    batch: list[Post] = []
    hold = batch.append
    for post in tally.posts(args, cuts):
        if (cuts.due and batch) or len(batch) >= _COUNT_BATCH:
            # The posts read before the last read, counted before this one.
            yield common.select(Listing(batch), args)
            batch.clear()
        cuts.due = False
        hold(post)
    if batch:
        yield common.select(Listing(batch), args)


def _tags(args: argparse.Namespace, out: common.Output, tally: _Tally) -> int:
    # Per case-folded tag, the first spelling seen and how many posts carry
    # it: count_by("tag") of the whole listing, made one batch at a time.
    names: dict[str, str] = {}
    totals: dict[str, int] = {}
    for listing in _selected(args, tally):
        for name, n in listing.count_by("tag"):
            key = name.casefold()
            names.setdefault(key, name)
            totals[key] = totals.get(key, 0) + n
    counts = [(names[key], totals[key]) for key in by_count(totals)]
    if args.format == "json":
        records = [{"tag": t, "posts": n} for t, n in counts]
        # Indented as show's and check's JSON are.
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        # Tags that differ only in how a letter is written (`Café` typed, and
        # copied from a system that writes the accent apart: NFC and NFD)
        # read alike: such rows show each character outside ASCII as its
        # escape, as diff shows such an edit.
        looks = [normalize("NFC", t).casefold() for t, _ in counts]
        alike = Counter(looks)
        rows = [("POSTS", "TAG")] + [
            (str(n), ascii(t)[1:-1] if alike[look] > 1 else common.printable(t))
            for (t, n), look in zip(counts, looks, strict=True)
        ]
        common.write_table(rows, out, measure=rows)
    return tally.status(args)


def _bar(count: int, most: int) -> str:
    # Eighths of a block, so that small counts still show; a period with a
    # post has one eighth at least, so that no bar of a post reads as none.
    eighths = max(round(count * _BAR_WIDTH * 8 / most), 1) if count else 0
    full, part = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[part]


def _stats(args: argparse.Namespace, out: common.Output, tally: _Tally) -> int:
    # count_by(args.by) of the whole listing, made one batch at a time: the
    # undated posts' None is counted apart.
    periods: Counter[Any] = Counter()
    posts = sticky = undated = 0
    for listing in _selected(args, tally):
        for period, n in listing.count_by(args.by):
            if period is None:
                undated += n
            else:
                periods[period] += n
        posts += len(listing)
        sticky += sum(post.sticky for post in listing)
    # Newest first, as count_by gives them; four-digit years, as --since and
    # --until take them back: 0012, 0012-03.
    if args.by == "year":
        counts = [(f"{year:04d}", periods[year]) for year in sorted(periods)[::-1]]
    else:
        counts = [
            (f"{year:04d}-{month:02d}", periods[year, month])
            for year, month in sorted(periods)[::-1]
        ]
    if args.format == "json":
        # The table's figures, its labels as they are: indented as the
        # other commands' JSON is.
        record = {
            "posts": posts,
            "sticky": sticky,
            "undated": undated,
            "by": args.by,
            "periods": [{"period": label, "posts": n} for label, n in counts],
        }
        out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return tally.status(args)
    most = max((n for _, n in counts), default=0)
    rows = [(args.by.upper(), "POSTS", "")]
    rows += [(label, str(n), _bar(n, most)) for label, n in counts]
    common.write_table(rows, out, measure=rows)
    out.write(f"{plural(posts, 'post')}: {sticky} sticky, {undated} undated\n")
    return tally.status(args)


def _finding_json(
    file: str, lineno: int, colno: int, code: str, severity: str, message: str
) -> str:
    """One finding as an element of ``json.dumps(findings, indent=2,
    ensure_ascii=False)``: the same text, without the list. *file* is the
    JSON string of the file's name (see _json_file)."""
    return (
        f'  {{\n    "file": {file},\n    "line": {lineno},\n'
        f'    "column": {colno},\n    "code": {_json_string(code)},\n'
        f'    "severity": {_json_string(severity)},\n'
        f'    "message": {_json_string(message)}\n  }}'
    )


def _check(args: argparse.Namespace, out: common.Output) -> int:
    """Findings on standard output, one summary line per input on standard error.

    A file that cannot be read is one error line in place of its summary, and
    status 2; the other files are still checked, as a linter does.
    """
    as_json = args.format == "json"
    # The JSON array is written a record at a time, as the findings come:
    # held whole, a file with an error every few bytes took 650 times its
    # size in memory.
    started = False
    summaries: list[str] = []
    failed = unreadable = False
    for name, label in _named(args):
        posts = errors = warnings = 0
        # What the input is, if its first bytes show it is not a listing (an
        # archive, JSON): said after its summary, whose findings are those
        # of its lines read as a listing's (an archive's bytes that are not
        # UTF-8, a JSON record's lines after the "tag line").
        notes: list[str] = []
        found: Iterator[tuple[str, Post | Diagnostic]] = _items_of(
            args, name, label, out, notes
        )
        summary = True
        while True:
            try:
                item = next(found, None)
            except common.UsageError as exc:  # not found, a directory, closed
                summaries.append(f"bloglist: error: {exc}")  # in its summary's place
                unreadable = True
                summary = False
                break
            except _Stopped as stop:
                error = stop.error
                problem = (error.lineno, error.colno, error.code, "error", error.msg)
                counts = (1, 0)
                item = None
            else:
                if item is None:
                    break
                if isinstance(item[1], Post):
                    posts += 1
                    continue
                d = item[1]
                problem = (d.lineno, d.colno, d.code, d.severity, d.message)
                # A count past --max-diagnostics stands for the problems it counts.
                counts = problem_counts(d)
            lineno, colno, code, severity, message = problem
            errors += counts[0]
            warnings += counts[1]
            if as_json:
                out.write(",\n" if started else "[\n")
                out.write(
                    _finding_json(
                        _json_file(name),
                        lineno,
                        colno,
                        code,
                        severity,
                        common.said(code, message),
                    )
                )
                started = True
            else:
                out.write(common.finding(label, lineno, colno, code, message) + "\n")
            if item is None:
                break
        if summary:
            summaries.append(
                f"{label}: {plural(posts, 'post')}, {plural(errors, 'error')}, "
                f"{plural(warnings, 'warning')}"
            )
            summaries += notes
        if not as_json:
            out.flush()  # the findings of a file before its summary
            for line in summaries:
                common.error(line)
            summaries.clear()
        failed = failed or errors > 0
    if as_json:
        # The summaries after the array, which a terminal then shows whole.
        out.write("\n]\n" if started else "[]\n")
        out.flush()
        for line in summaries:
            common.error(line)
    if unreadable:
        return 2
    return 1 if failed and not args.exit_zero else 0


_RUNNERS: Final[dict[str, Callable[[argparse.Namespace, common.Output], int]]] = {
    "show": _naming_unread(_show),
    "tags": _naming_unread(_tags),
    "stats": _naming_unread(_stats),
    "check": _check,
}


class _OutOfMemory(Exception):
    """The system ran out of memory while the command of *args* ran, or could not load a
    module it imports on first use (the regex module, for a tag line that is
    not ASCII), out of memory most often: *problem* says which."""

    def __init__(self, args: argparse.Namespace, problem: str) -> None:
        super().__init__(f"{problem}{_memory_hint(args)}")
        # 1, as for a problem in the data; 2 for diff, whose 1 says that the
        # posts differ (it exits as diff(1) does, 2 for trouble).
        self.status = 2 if args.command == "diff" else 1


def _memory_hint(args: argparse.Namespace) -> str:
    """A hint, after "out of memory", where the options given hold the whole
    listing (docs/cli.md, "Streaming"): show's --sort, --sticky-first, an
    Atom feed without --limit, and --pages, which tags and stats hold whole
    too. diff and the archive's commands hold their listings whatever the
    options: no hint."""
    if args.command not in _RUNNERS:
        return ""
    show = args.command == "show"
    held = [
        option
        for option, given in (
            ("--sort", show and args.sort),
            ("--sticky-first", show and args.sticky_first),
            ("--pages", getattr(args, "pages", False)),
        )
        if given
    ]
    if held:
        return f"; try without {' and '.join(held)}"
    if show and args.format == "atom" and args.limit is None:
        return "; an Atom feed reads every post first: try --limit N"
    return ""


def _run(argv: list[str]) -> int:
    args = _parse_args(argv)
    try:
        return _run_command(args)
    except MemoryError as exc:
        said = str(exc) if isinstance(exc, common.OutOfMemory) else "out of memory"
        raise _OutOfMemory(args, said) from None
    except ImportError as exc:
        problem = f"cannot load {exc.name or 'a module'} ({exc})"
        raise _OutOfMemory(args, problem) from None


def _run_command(args: argparse.Namespace) -> int:
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is not None:  # a history command (diff, archive)
        return run(args)
    _inputs(args)
    if args.command != "check":  # the query options: a bad range before any input
        common.conditions_of(args)
    out = common.Output(common.stdout_buffer())
    if getattr(args, "format", None) in ("json", "jsonl"):
        # Every JSON the command writes (posts, tags, findings) escapes the
        # line breaks JSON leaves raw, as the exports do.
        out.encode = json_bytes
    try:
        status = _RUNNERS[args.command](args, out)
    except (_Stopped, WriteError) as stop:
        out.flush()  # what was written before the error, then the error
        _said_stop(stop)
        return 1
    except _StoppedThen as both:
        # Then the inputs that could not have been read: status 2 (see main).
        out.flush()
        _said_stop(both.stop)
        raise both.unread from None
    except common.UsageError:
        # A file that cannot be read among several: the posts of those read
        # before it are written, then the error (see main).
        out.flush()
        raise
    out.flush()
    return status


def _said_stop(stop: _Stopped | WriteError) -> None:
    """Say the error that stopped the reading, on standard error."""
    if isinstance(stop, WriteError):
        common.error(f"bloglist: error: {common.write_error(str(stop))}")
    else:
        error = stop.error
        common.error(
            common.finding(stop.label, error.lineno, error.colno, error.code, error.msg)
        )


def _broken_pipe() -> NoReturn:
    # The reader went away (`bloglist | head`): stop quietly, as Unix tools do.
    _to_null()
    sys.exit(141)


def _to_null(stream: IO[str] | None = None) -> None:
    """Point *stream* (standard output by default) at the null device, so
    that what its buffers still hold goes nowhere when Python flushes them at
    exit, rather than failing once more ("Exception ignored", status 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = (stream or sys.stdout).fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != fd:  # the stream's descriptor closed, and reused: it is done
            try:
                os.dup2(devnull, fd)
            finally:
                # Closed, as the command may run in a process that goes on
                # (main() called by a program): one descriptor per failure.
                os.close(devnull)


def _flushed(status: int, failed: bool) -> int:
    """*status*, once standard output's buffers are flushed: here, where a
    failure is reported with status 2, not at exit, where Python would print
    a traceback-like warning and exit 120 (standard output is buffered
    unless PYTHONUNBUFFERED is set). *failed*: an output error was already
    reported."""
    if sys.stderr is not None:
        # A message that could not be written stays in the buffer: the status
        # is the one the message would have come with.
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            _to_null(sys.stderr)
    if sys.stdout is None:
        return status
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as exc:  # ValueError: closed by the caller
        if common.reader_left_said(exc):
            _broken_pipe()
        _to_null()
        if not failed:
            why = getattr(exc, "strerror", None) or exc
            common.error(f"bloglist: error: cannot write standard output: {why}")
        return 2
    # Flushed: nothing is left for the flush at exit, and standard output,
    # which works again (a disk full for a moment), stays as it is for a
    # program that called main() and goes on.
    return status


def _utf8_stderr() -> None:
    """Standard error in UTF-8, as standard output is, whatever the locale.

    Under ``PYTHONUTF8=0 LC_ALL=C`` Python writes it in ASCII, so that a
    message naming ``ümlaut.txt`` came out as ``\xfcmlaut.txt``: the escape
    that marks a byte that is not UTF-8 in a file name.
    """
    stream = sys.stderr
    if stream is None or (stream.encoding or "").lower().replace("-", "") == "utf8":
        return
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]


# The signals that stop the command as Ctrl-C does, where the system has
# them: a kill's (`kill`, `timeout`, a service manager) and a closed
# terminal's. Their default is to end the process at once, with no cleanup:
# an archive being made was left empty, its journal beside it.
# SIGBREAK: Windows' Ctrl-Break, and the console window closed (Windows
# delivers no SIGTERM to a process, and has no SIGHUP).
_STOPPING: Final = tuple(
    getattr(signal, name)
    for name in ("SIGTERM", "SIGHUP", "SIGBREAK")
    if hasattr(signal, name)
)
# Those and Ctrl-C's, which stop the command, each once.
_STOPS: Final = (signal.SIGINT, *_STOPPING)


class _Signalled(KeyboardInterrupt):
    """A signal that stops the command (see _STOPS), raised where Python
    runs its handler, so that the command stops as after Ctrl-C: the add
    being made rolled back, the archive made for it removed, the scrapes
    added before it named."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, frame: object) -> NoReturn:
    # Once: a second signal (SIGHUP after SIGTERM, as a service manager or
    # a closing terminal sends them) would be raised in the cleanup the
    # first began, or in console's last steps, as a traceback.
    _ignore_stops()
    raise _Signalled(signum)


def _ignore_stops() -> None:
    for signum in _STOPS:
        signal.signal(signum, signal.SIG_IGN)


def _raise_lost_stop(passed_on: Callable[[Any], object], unraisable: Any, /) -> None:
    """A ``sys.unraisablehook``: a :class:`_Signalled` that Python could not
    raise, and printed instead, is sent again, to be raised where the
    command runs.

    Python runs a signal's handler at the next step of whatever code runs
    then: in a finalizer (``__del__``, a weak reference's callback) that the
    collector or a freed object started, the exception is ignored, printed
    as "Exception ignored in" with a traceback. The stop was lost: the
    command went on (an archive add waited out its timeout, days with
    ``--timeout inf``) and ignored any further signal (see
    _raise_signalled). So the handler is put back and the signal sent again
    a moment later, from a thread: sent here, it would be handled at once,
    inside this hook, and lost again (as it would be, in turn, should it
    come in another finalizer). Any other exception goes to *passed_on*,
    the hook before this one.
    """
    exc = unraisable.exc_value
    if not isinstance(exc, _Signalled):
        passed_on(unraisable)
        return
    signal.signal(exc.signum, _raise_signalled)
    main = threading.main_thread().ident
    again = threading.Timer(_SENT_AGAIN_AFTER, _send_again, (exc.signum, main))
    again.daemon = True
    # No thread starts as Python shuts down: the command has ended by then.
    with contextlib.suppress(RuntimeError):
        again.start()


# Seconds after which a stop lost in a finalizer is sent again: the hook
# has long returned by then.
_SENT_AGAIN_AFTER: Final = 0.01


def _send_again(signum: int, main: int | None) -> None:
    """Send *signum* to the main thread (thread id *main*), which handles
    it, waking it from a wait in a system call; where threads cannot be
    sent a signal (Windows), as if it had come (in a wait, once it ends)."""
    if hasattr(signal, "pthread_kill") and main is not None:
        signal.pthread_kill(main, signum)
    else:
        _thread.interrupt_main(signal.Signals(signum))


def _stop_as_interrupted() -> None:
    """Have the signals that stop the command (see _STOPS) raise
    :class:`_Signalled`, once, but for one the command was started ignoring
    (``nohup``, a background job without job control), which it keeps
    ignoring; and one whose exception a finalizer swallowed raised again
    (see _raise_lost_stop)."""
    for signum in _STOPS:
        default = (
            signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
        )
        with contextlib.suppress(OSError, ValueError):  # not the main thread
            if signal.getsignal(signum) is default:
                signal.signal(signum, _raise_signalled)
    sys.unraisablehook = functools.partial(_raise_lost_stop, sys.unraisablehook)


def console() -> NoReturn:
    """The ``bloglist`` command (its entry point, and ``python -m bloglist``):
    :func:`main`, then exit with its status.

    After Ctrl-C the process ends as interrupted programs do, killed by
    SIGINT (a shell shows status 130), rather than exiting with 130: a shell
    running a script or a loop stops only when its command died of the
    signal, and would otherwise go on to the next command. SIGTERM and
    SIGHUP stop it the same way (see _stop_as_interrupted), and it ends
    killed by that signal (143 and 129).
    """
    _stop_as_interrupted()
    status = main()
    signum = status - 128
    if os.name == "posix" and signum in _STOPS:
        # A signal that comes now is not raised here, as a traceback.
        _ignore_stops()
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()
            sys.stderr.flush()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``bloglist`` command with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 for a problem in the data (an
    error in the listing, bytes that are not UTF-8, a line too long, posts a
    format cannot carry), 2 for a usage error or a file that cannot be read,
    75 for an archive that another process held past the timeout.
    Errors go to standard error as one line each, never as a traceback.
    An error in the words themselves (an unknown option, a bad value) and
    ``--help`` and ``--version`` raise ``SystemExit`` (2, and 0) as
    :mod:`argparse` does, where a shell sees the same status.
    """
    _utf8_stderr()
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        return _flushed(_run(words), False)
    except common.UsageError as exc:
        for each in exc.before:
            common.error(f"bloglist: error: {each}")
        common.error(f"bloglist: error: {exc}{_command_hint(words, exc)}")
        return _flushed(2, False)
    except (ParseError, WriteError) as exc:  # from a history command
        common.error(f"bloglist: error: {common.write_error(str(exc))}")
        return _flushed(1, False)
    except _OutOfMemory as exc:
        common.error(f"bloglist: error: {exc}")
        return _flushed(exc.status, False)
    except MemoryError:  # before a command was known
        common.error("bloglist: error: out of memory")
        return _flushed(1, False)
    except OSError as exc:
        # The output's: every input's and the archive's errors are caught
        # where they happen and named there. One that names a file all the
        # same is said of that file.
        if common.reader_left_said(exc):
            _broken_pipe()
        why = exc.strerror or exc
        if exc.filename is None:
            common.error(f"bloglist: error: cannot write standard output: {why}")
        else:
            name = exc.filename
            shown = common.shown_name(
                os.fsdecode(name) if isinstance(name, bytes) else str(name)
            )
            common.error(f"bloglist: error: {shown}: {why}")
        return _flushed(2, True)
    except KeyboardInterrupt as exc:
        # 128 and the signal, as a shell counts a process it killed: 130
        # after Ctrl-C, 143 after SIGTERM, 129 after SIGHUP.
        return 128 + (exc.signum if isinstance(exc, _Signalled) else signal.SIGINT)
