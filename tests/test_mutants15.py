"""Behaviour a mutation run of the small core modules (``_gc.py``,
``_errors.py``, ``_post.py``, ``_files.py``, ``_uuid.py``, ``_write.py``:
107 mutants, 94 killed, 5 equivalent) found untested: how messages show
tags, differences, big numbers, nested classes and lone surrogates. (The
other three, of the collector, are in tests/test_collector.py.)"""

from __future__ import annotations

import io
import sys

import pytest

import bloglist


class TestMessages:
    def test_ten_tags_are_shown_whole(self) -> None:
        """A message shows ten names at most, and "…" only past them."""
        tags = [c + c.lower() for c in "ABCDEFGHI"] + ["iOS"]
        with pytest.raises(bloglist.WriteError) as info:
            bloglist.dumps([bloglist.Post(title="T", excerpt="x", tags=tags)])
        assert "…" not in str(info.value)
        assert "'Ii', 'iOS')" in str(info.value)

    def test_a_difference_30_characters_in_is_shown_from_before_it(self) -> None:
        """A long text is quoted from ten characters before its first
        difference once that is 30 characters in or more."""
        old = bloglist.Post(title="T", excerpt="x" * 30 + "a" + "y" * 20)
        new = bloglist.Post(title="T", excerpt="x" * 30 + "b" + "y" * 20)
        assert (
            str(bloglist.diff([old], [new]))
            .splitlines()[0]
            .endswith(
                "excerpt …'xxxxxxxxxxayyyyyyyyyyyyyyyyyyyy'"
                " -> …'xxxxxxxxxxbyyyyyyyyyyyyyyyyyyyy'"
            )
        )

    def test_a_number_of_the_most_bits_shown_is_shown_by_its_digits(self) -> None:
        """Where the program lifted Python's limit on digits, a number of
        14,300 bits is still shown by its first digits and their count."""
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            with pytest.raises(ValueError, match=r"\(4,305 digits\)$"):
                bloglist.Post(title="T", lineno=-(2**14299))
        finally:
            sys.set_int_max_str_digits(limit)

    def test_a_nested_class_is_named_with_the_class_it_is_in(self) -> None:
        # A class named as one of Python's own, inside another: the message
        # names where it is, not only its name.
        nested = type("int", (int,), {"__qualname__": "Outer.int"})
        with pytest.raises(TypeError) as info:
            bloglist.Post(title="T", sticky=nested(1))
        assert str(info.value).endswith(f"{nested.__module__}.Outer.int")

    def test_the_first_of_two_lone_surrogates_is_named(self) -> None:
        post = bloglist.Post(title="T", excerpt="ab\udc80\ud800")
        with pytest.raises(bloglist.WriteError, match="lone surrogate U\\+DC80"):
            bloglist.dump([post], io.BytesIO())
