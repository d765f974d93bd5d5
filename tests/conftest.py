"""Test settings: hypothesis profiles, and fixtures tests of several files share.

``HYPOTHESIS_PROFILE=thorough pytest tests`` runs each property with many more
examples than the default run does.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from typing import Any

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


@pytest.fixture
def not_writable(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The paths this user is to be taken as not allowed to write: os.access
    says so of each path added to the set (the set may be emptied again).
    Root may write any file or directory, so a test run as root cannot make
    one read-only with chmod; what bloglist asks before SQLite, and what it
    says of SQLite's errors, is tested so."""
    denied: set[str] = set()
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and os.fspath(path) in denied:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return denied
