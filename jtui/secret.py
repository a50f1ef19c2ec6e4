"""A string that refuses to show itself.

Tokens travel through the program as `Secret`, so a stray `print`, an f-string, a log
record or Textual's crash screen (which prints locals) shows a mask instead of the value.
Only `reveal()` gives the plain text, and only the HTTP layer and the config writer call it.
"""

from __future__ import annotations

from typing import Final

_MASK: Final = "********"
_SEEN: set[str] = set()  # every secret value of this process, for scrubbing logs


def seen_values() -> frozenset[str]:
    """Every secret's value this process holds: a log scrubber removes them all."""
    return frozenset(_SEEN)


class Secret:
    """An opaque holder for a credential."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        if len(value) >= 4:
            _SEEN.add(value)

    def reveal(self) -> str:
        """The plain value. Call it only where the value must leave the process."""
        return self._value

    def last4(self) -> str:
        """A hint that identifies the secret without exposing it: the last four characters."""
        return "…" + self._value[-4:] if len(self._value) >= 12 else _MASK

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"Secret({_MASK})"

    def __str__(self) -> str:
        return _MASK

    def __format__(self, format_spec: str) -> str:
        return _MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        raise TypeError("a Secret cannot be pickled")
