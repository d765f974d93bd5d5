"""How deep conditions may nest: a clear error where one is built, never a
RecursionError where it is used."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

import bloglist
from bloglist import Where

LISTING = bloglist.loads(
    "sticky\nMar 5, 2024\n\nData notes\n\nAn excerpt\nData\n\nOther\n\nMore\n"
)


def _alternating(depth: int) -> Where:
    """A condition nesting exactly *depth* deep, & and | taking turns."""
    condition = Where.tagged_any("data")
    for step in range(depth - 1):
        if step % 2:
            condition = condition | Where.sticky()
        else:
            condition = condition & Where.dated()
    return condition


def _oracle(depth: int, post: bloglist.Post) -> bool:
    result = "data" in {tag.casefold() for tag in post.tags}
    for step in range(depth - 1):
        result = (
            (result or post.sticky) if step % 2 else (result and post.date is not None)
        )
    return result


@pytest.mark.parametrize("depth", [1, 2, 99, 100])
def test_a_condition_up_to_the_limit_works_everywhere(depth: int) -> None:
    condition = _alternating(depth)
    expected = [post for post in LISTING if _oracle(depth, post)]
    assert list(LISTING.filter(condition)) == expected
    assert [post for post in LISTING if condition(post)] == expected
    assert pickle.loads(pickle.dumps(condition)) == condition
    assert hash(condition) == hash(_alternating(depth))
    assert repr(condition).count("Where.") == depth
    if depth < 100:
        negated = [post for post in LISTING if post not in expected]
        assert list(LISTING.filter(~condition)) == negated


def test_one_level_more_is_refused_where_it_is_built() -> None:
    at_limit = _alternating(100)  # its outermost operator is &
    assert repr(at_limit).endswith("& Where.dated())")
    # & joins the outermost & (no deeper), and gives what the oracle says.
    for flat in (at_limit & Where.search("data"), Where.search("data") & at_limit):
        expected = [
            p for p in LISTING if _oracle(100, p) and "data" in p.title.casefold()
        ]
        assert list(LISTING.filter(flat)) == expected
    # | and ~ would wrap it: one level more.
    deeper: list[Callable[[], Where]] = [
        lambda: at_limit | Where.sticky(),
        lambda: Where.sticky() | at_limit,
        lambda: ~at_limit,
    ]
    for build in deeper:
        with pytest.raises(
            ValueError, match=r"^conditions nest at most 100 deep"
        ) as raised:
            build()
        assert str(raised.value) == (
            "conditions nest at most 100 deep (& inside | inside &...); this one "
            "would nest 101 deep: give one condition many values instead "
            "(Where.tagged_any(*tags), Where.search(*terms)) or test with a "
            "function (Where.match)"
        )


def test_a_thousand_levels_fail_with_the_message_not_a_recursion_error() -> None:
    with pytest.raises(ValueError, match=r"nest at most 100 deep"):
        _alternating(1000)


def test_flat_combinations_of_any_length_are_not_nesting() -> None:
    condition = Where.search("zzz")
    for word in range(2000):
        condition = condition | Where.search(f"w{word}")
    condition = ~~condition
    assert len(LISTING.filter(condition)) == 0
    assert repr(condition).count("|") == 2000


def test_a_condition_in_match_keeps_its_depth() -> None:
    """Where.match of a condition is the condition: wrapped, its depth read
    as 1, and matches in turn with & and | nested past the limit without
    an error, to fail with RecursionError where the condition was used."""
    at_limit = _alternating(100)
    assert Where.match(at_limit) is at_limit
    with pytest.raises(ValueError, match=r"this one would nest 101 deep"):
        Where.match(at_limit) | Where.sticky()
    condition = Where.sticky()
    for _ in range(2000):
        condition = Where.match(condition)
    assert condition == Where.sticky()
    assert list(LISTING.filter(condition)) == [p for p in LISTING if p.sticky]

    def nested_in_matches(depth: int) -> Where:
        mixed = Where.tagged_any("data")
        for step in range(depth - 1):
            if step % 2:
                mixed = Where.match(mixed | Where.sticky())
            else:
                mixed = Where.match(mixed & Where.dated())
        return mixed

    assert nested_in_matches(100) == _alternating(100)
    with pytest.raises(ValueError, match=r"nest at most 100 deep"):
        nested_in_matches(200)
