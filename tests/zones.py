"""A time zone that does not know its offset, for the tests of what the
writers and the archive make of one."""

from __future__ import annotations

import datetime


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
