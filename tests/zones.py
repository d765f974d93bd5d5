"""Time zones that give no UTC offset, or one that datetime refuses, for the
tests of what the writers and the archive make of them."""

from __future__ import annotations

import datetime
from typing import Any


class NoOffset(datetime.tzinfo):
    """A tzinfo whose utcoffset() is None, as the datetime docs allow: a
    datetime holding it is naive, and a date at its midnight has no RFC 3339
    timestamp."""

    def utcoffset(self, dt: datetime.datetime | None) -> None:
        return None

    def dst(self, dt: datetime.datetime | None) -> None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> None:
        return None


class Gives(datetime.tzinfo):
    """A tzinfo whose utcoffset() is *offset*, whatever it is: datetime
    refuses an offset of a day or more either way, and anything but a
    timedelta or None, with an error of its own from wherever the offset is
    asked for (``utcoffset()``, ``isoformat()``, comparing)."""

    def __init__(self, offset: object) -> None:
        self.offset = offset

    def utcoffset(self, dt: datetime.datetime | None) -> Any:
        return self.offset

    def dst(self, dt: datetime.datetime | None) -> None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> None:
        return None


#: Offsets datetime refuses, and how bloglist's messages show each.
REFUSED_OFFSETS = [
    (datetime.timedelta(hours=30), "datetime.timedelta(days=1, seconds=21600)"),
    (datetime.timedelta(days=-1), "datetime.timedelta(days=-1)"),
    ("x", "'x'"),
]
