"""Test settings: hypothesis profiles.

``HYPOTHESIS_PROFILE=thorough pytest tests`` runs each property with many more
examples than the default run does.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", deadline=None)
settings.register_profile("thorough", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
