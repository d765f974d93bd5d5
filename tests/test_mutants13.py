"""Behaviour a mutation run of the JSON reader, the date rule and the tag
splitter found untested (40 mutants: 35 killed, 3 equivalent, these 2 gaps):
a date with more after its day is named as the wrong form, and where two
known names are recognised at one place behind a longer one that is not, the
longer of the two wins."""

from __future__ import annotations

import json

import pytest

import bloglist


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = json.loads(
        bloglist.to_jsonl([bloglist.Post(title="T", excerpt="E")])
    )
    record.update(changes)
    return record


# A `date` matched only at its start would be read as a day, then refused
# as not a real one.
# docs/export.md: a `date` is `null` or a real `YYYY-MM-DD` day. A date with
# more after the day (a time, a zone) is the wrong form, not an unreal day:
# the message must say what form is wanted.
@pytest.mark.parametrize(
    "date", ["2025-03-05T10:00:00Z", "2025-03-05 10:00", "2025-03-05x"]
)
def test_a_date_with_more_after_the_day_is_refused_as_not_yyyy_mm_dd(date: str) -> None:
    line = json.dumps(_record(date=date))
    for read in (bloglist.from_jsonl, lambda text: bloglist.from_json(f"[{text}]")):
        with pytest.raises(bloglist.ParseError) as caught:
            read(line)
        assert caught.value.code == "invalid-record"
        assert "date must be null or YYYY-MM-DD" in caught.value.msg
        assert "not a real day" not in caught.value.msg


# The automaton's fail links, followed one step only, lose the shorter
# names recognised behind a longer one.
# docs/format.md, "Tag lines": where two known names start at the same place,
# the longer wins (among those recognised there). Here 'BBAA' starts at 0 but
# is not recognised (a lowercase letter follows it); of 'BB' and 'B', both
# recognised at 0, the longer must win.
@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("BBAAs", ("BB", "AAs")),
        ("BBAAbaaAB", ("BB", "AAbaa", "A", "B")),
    ],
)
def test_the_longer_of_two_recognised_known_names_wins_behind_a_longer_miss(
    line: str, tags: tuple[str, ...]
) -> None:
    known = ["BB", "BA", "B", "BBAA"]
    text = f"\nT\n\nE\n{line}\n"
    assert bloglist.loads(text, known_tags=known)[0].tags == tags
    # The order the names are given in does not matter.
    assert bloglist.loads(text, known_tags=known[::-1])[0].tags == tags
    # And the writer agrees: these tags write and read back as themselves.
    post = bloglist.Post(title="T", excerpt="E", tags=list(tags))
    assert (
        bloglist.loads(bloglist.dumps([post], known_tags=known), known_tags=known)[
            0
        ].tags
        == tags
    )
