"""Let the doc examples import the recipes in docs/examples, as a user's own modules."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "examples"))
