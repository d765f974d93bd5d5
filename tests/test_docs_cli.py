"""Every command shown in docs/cli.md prints exactly the output shown there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).parents[1] / "docs" / "cli.md"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


EXAMPLES = _examples()


def test_the_page_has_examples() -> None:
    """The page shows at least one command per subcommand."""
    commands = " ".join(command for command, _ in EXAMPLES)
    for word in ("bloglist --", "bloglist tags", "bloglist stats", "bloglist check"):
        assert word in commands


@pytest.mark.parametrize(("command", "output"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_command_prints_what_the_docs_show(
    command: str, output: str, tmp_path: Path
) -> None:
    """The command, run in a shell with the installed `bloglist`, prints the output shown."""
    scripts = Path(sys.executable).parent
    if not (scripts / "bloglist").exists():
        pytest.skip("no bloglist console script next to this interpreter")
    env = dict(
        os.environ, PATH=f"{scripts}{os.pathsep}{os.environ['PATH']}", COLUMNS="80"
    )
    done = subprocess.run(
        ["sh", "-c", f"{command} 2>&1"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    # A page cannot show a carriage return: the CSV rows end in \r\n there.
    assert done.stdout.decode("utf-8").replace("\r\n", "\n") == output


def _option_strings() -> dict[str, set[str]]:
    """Each command's long options, as its --help lists them."""
    import argparse

    from bloglist._cli import _parser

    found: dict[str, set[str]] = {}

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, subparser in action.choices.items():
                    walk(subparser, f"{name} {sub}")
            elif action.help != argparse.SUPPRESS:
                found.setdefault(name, set()).update(
                    o for o in action.option_strings if o.startswith("--")
                )

    walk(_parser(), "bloglist")
    return found


def test_every_option_of_every_command_is_on_the_page() -> None:
    """An option --help lists is described on the page, in a code span or an example."""
    text = DOC.read_text(encoding="utf-8")
    missing = {
        f"{command} {option}"
        for command, options in _option_strings().items()
        for option in options - {"--help"}
        if not re.search(re.escape(option) + r"(?![\w-])", text)
    }
    assert not missing
