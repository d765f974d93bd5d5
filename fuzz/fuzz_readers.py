"""Coverage-guided fuzzing of the readers, with atheris.

Each input is bytes, checked by ``check_reader_input`` in
``tests/invariants.py``: ``from_json`` and ``from_jsonl`` give posts or raise
ParseError at a real line and column (never another exception); what they
read, and the posts of any listing, are written by ``to_json``/``to_jsonl``
and read back equal (lone surrogates as U+FFFD); and ``iterload`` of the
input, as text and as bytes read in pieces of any size, gives what ``load``
gives. Run from the repository root::

    python fuzz/fuzz_readers.py -dict=fuzz/readers.dict -max_total_time=600 fuzz/corpus_readers fuzz/seeds_readers fuzz/seeds

The first directory collects the inputs that reach new code (git-ignored);
the others are read only. Any failing input is written as ``crash-*``: add it
to ``tests/data/fuzz_regressions/`` so that the test suite replays it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

with atheris.instrument_imports(include=["bloglist", "invariants"]):
    # Imported here to be instrumented: bloglist imports these late.
    import bloglist._export
    import bloglist._read_json  # noqa: F401
    from invariants import check_reader_input


def main() -> None:
    atheris.Setup(sys.argv, check_reader_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
