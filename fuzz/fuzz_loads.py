"""Coverage-guided fuzzing of the parser and writer, with atheris.

Each input is a listing's bytes, checked by ``tests/invariants.py``: lenient
``loads`` never raises, strict ``loads`` and ``load`` raise only ParseError,
``dumps(loads(x))`` is a fixpoint, and every non-blank line ends up in a post
or a diagnostic. Run from the repository root::

    python fuzz/fuzz_loads.py -dict=fuzz/listing.dict -max_total_time=600 fuzz/corpus fuzz/seeds

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
    from invariants import check_fuzz_input


def main() -> None:
    atheris.Setup(sys.argv, check_fuzz_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
