"""Bindings from the core's table of actions: every binding has its id, so `[keys]` moves it."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from ..core.keymap import ACTIONS, SCOPES


def bindings(scope: str, *, priority: tuple[str, ...] = ()) -> list[BindingType]:
    """The bindings of one scope (`jobs`, `table`, `app`, …), in the table's order."""
    return [
        Binding(
            action.keys,
            action.action,
            action.description,
            show=action.show,
            id=action.id,
            priority=action.id in priority,
        )
        for action in (ACTIONS[action_id] for action_id in SCOPES[scope])
    ]
