"""Reading JSON whose shape the server does not promise: plugins leave fields out, send
strings for numbers, or nulls for lists. These take what is there and ignore the rest."""

from __future__ import annotations

from typing import Any


def dicts(raw: Any) -> list[dict[str, Any]]:
    """The objects of a JSON list; nothing for a missing or mistyped one."""
    return [item for item in raw if isinstance(item, dict)] if isinstance(raw, list) else []


def integer(value: Any) -> int | None:
    """A JSON number that is a whole number (`true` is not 1)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
