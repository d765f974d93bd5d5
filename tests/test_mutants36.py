"""Behaviour a mutation run of the query conditions found untested (72
mutants of ``_where.py``: 66 killed, 3 equivalent, 5 surviving every test):
``filter`` given an ``&`` beside a predicate of one's own, which asks the
built-in parts of the ``&`` first, as for the one ``&`` of all; the first bad
argument of ``Where.month`` reported first, a wrong type before a range; the
name ``end`` in ``Where.before``'s error; equal bound methods as equal
predicates; and the repr of a search for several terms.

The mutants asked the predicate about every post, said ``month 13`` (a
ValueError) for ``Where.month("x", 13)``, said ``day`` for ``end``, compared
predicates by identity (two lookups of ``rule.check`` are two objects), and
wrote ``Where.search('BUILD','years')``.

The equivalent three: a guard against a reused object id in the check of an
uncalled constructor, the early stop of the predicates once no post is left
to ask about, and the cache of the predicates' order (speed only).
"""

from __future__ import annotations

import pytest

import bloglist
from bloglist import Post, Where


def test_filter_asks_the_built_in_parts_of_an_and_first() -> None:
    listing = bloglist.loads(bloglist.sample_text())
    asked: list[Post] = []

    def mine(post: Post) -> bool:
        asked.append(post)
        return True

    sticky = [post for post in listing if post.sticky]
    kept = listing.filter(Where.match(mine), Where.sticky() & Where.match(bool))
    assert list(kept) == sticky
    assert asked == sticky
    asked.clear()
    assert list(listing.filter(Where.match(mine) & Where.sticky())) == sticky
    assert asked == sticky


@pytest.mark.parametrize(
    ("year", "month", "error", "message"),
    [
        (0, 13, ValueError, "year 0 is out of range 1..9999"),
        ("x", 13, TypeError, "year must be an int, not str"),
        (2024, 13, ValueError, "month 13 is out of range 1..12"),
    ],
)
def test_month_reports_its_first_bad_argument(
    year: object, month: int, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        Where.month(year, month)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize("end", ["2024-13", "2024-02-30"])
def test_before_names_its_end_in_its_error(end: str) -> None:
    with pytest.raises(ValueError, match="end") as caught:
        Where.before(end)
    assert str(caught.value) == f"end {end!r} is not a real date"


def test_equal_bound_methods_are_equal_predicates() -> None:
    class Rule:
        def check(self, post: Post) -> bool:
            return post.sticky

    rule = Rule()
    assert rule.check is not rule.check
    assert Where.match(rule.check) == Where.match(rule.check)
    assert len({Where.match(rule.check), Where.match(rule.check)}) == 1
    assert Where.match(rule.check) != Where.match(Rule().check)


def test_the_repr_of_a_search_for_several_terms_is_its_call() -> None:
    condition = Where.search("BUILD", "years")
    assert repr(condition) == "Where.search('BUILD', 'years')"
    assert eval(repr(condition), {"Where": Where}) == condition
