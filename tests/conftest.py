"""Test settings: hypothesis profiles, and a fixture the collector's tests share.

``HYPOTHESIS_PROFILE=thorough pytest tests`` runs each property with many more
examples than the default run does.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

settings.register_profile("default", deadline=None)
settings.register_profile("thorough", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """The cyclic collector switched on or off after the test as it was
    before, whatever the test did to it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()
