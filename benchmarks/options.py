"""Command-line options that the benchmarks share."""

from __future__ import annotations

import argparse


def runs(text: str) -> int:
    """``--repeat``: a whole number of runs, one at least (a median needs one)."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if count < 1:
        raise argparse.ArgumentTypeError(
            f"{count} runs measure nothing: give 1 or more"
        )
    return count
