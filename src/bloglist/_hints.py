"""Type hints of the public classes, resolved where the classes are defined.

Each public class says ``__module__ = "bloglist"``, so that its repr, its
pickles and the docs name it as users import it. Its annotations are strings
(``from __future__ import annotations``), which :func:`typing.get_type_hints`
evaluates in the namespace of ``__module__``: the package's, which holds
neither ``datetime`` nor the private names they use. So each defining module
evaluates its classes' annotations once, in its own namespace
(:func:`resolve_hints`), and get_type_hints, ``attrs.resolve_types`` and the
tools built on them (cattrs, for one) read real types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ForwardRef, TypeVar

__all__ = ["deprecated", "named_as_public", "resolve_hints"]

if TYPE_CHECKING:
    # For type checkers (typeshed has it): a call of a deprecated function,
    # method or overload is reported where it is written, with mypy's
    # `deprecated` error code, as at run time by its DeprecationWarning.
    from typing_extensions import deprecated
else:

    def deprecated(message: str, /) -> Callable[[Any], Any]:
        """At run time, the mark PEP 702's decorator leaves (the function's
        ``__deprecated__``), without typing_extensions, which is no
        dependency: the warning is the function's own, with that message."""

        def mark(function: Any) -> Any:
            function.__deprecated__ = message
            return function

        return mark


_Function = TypeVar("_Function", bound=Callable[..., Any])


def named_as_public(function: _Function) -> _Function:
    """*function*, an overload of a public function, said to come from
    ``bloglist``, as the function itself says (the package's ``__init__``
    sets its ``__module__``): :func:`typing.get_overloads` looks the
    overloads up by the function's module and name. Put under
    ``@overload``."""
    function.__module__ = "bloglist"
    return function


def resolve_hints(namespace: dict[str, Any], *classes: type) -> None:
    """Replace the string annotations of *classes* and of their own
    ``__init__`` (attrs writes one from the fields) or ``__new__`` (a
    :class:`typing.NamedTuple`'s, whose annotations are the strings wrapped
    in :class:`typing.ForwardRef`) with the values they name in *namespace*,
    a module's globals: what the annotations would be without ``from
    __future__ import annotations``.

    Each distinct string is evaluated once: for the classes that
    ``import bloglist`` defines, half a millisecond on a busy machine, about
    half the time :func:`typing.get_type_hints` would take.
    """
    known: dict[str, object] = {}

    def value(annotation: object) -> object:
        if isinstance(annotation, ForwardRef):
            annotation = annotation.__forward_arg__
        if not isinstance(annotation, str):
            return annotation
        if annotation not in known:
            # The package's own annotations, never text from outside.
            known[annotation] = eval(annotation, namespace)
        return known[annotation]

    for cls in classes:
        own = vars(cls).get("__annotations__", {})
        cls.__annotations__ = {name: value(hint) for name, hint in own.items()}
        for made in ("__init__", "__new__"):
            # The function itself, where the class holds a staticmethod.
            function = getattr(cls, made) if made in vars(cls) else None
            hints = getattr(function, "__annotations__", None)
            if hints:
                function.__annotations__ = {
                    name: value(hint) for name, hint in hints.items()
                }
