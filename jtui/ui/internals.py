"""The one place that uses Textual's private API (checked against the pinned version by
tests/test_textual_internals.py): the crash report without local variables, and a footer
that does not leak."""

from __future__ import annotations

import logging

from rich.console import Group
from rich.segment import Segments
from rich.text import Text
from rich.traceback import Traceback
from textual import widgets
from textual.app import App
from textual.widget import Widget

from .errors import where_the_details_are


class PrivateApp(App[int]):
    def _fatal_error(self) -> None:
        # Textual's crash report prints every local variable; tokens must not appear there.
        self.bell()
        logging.getLogger("jtui.ui").error("the app crashed", exc_info=True)
        traceback = Traceback(show_locals=False, width=None)
        pointer = Text(f"jtui crashed (a bug): {where_the_details_are()}")
        report = Group(Segments(self.console.render(traceback, self.console.options)), pointer)
        self._exit_renderables.append(report)
        self._close_messages_no_wait()


class Footer(widgets.Footer):
    """Textual's footer, without its leak: each time the keys change (a focus move, a screen
    switch) it makes new key widgets bound to its `compact`, and the old ones stay in its
    list of watchers until `compact` changes — which it never does. A TUI kept open all day
    grew by ~2.5 MB a minute. This footer drops the watchers of keys that are gone."""

    async def recompose(self) -> None:
        await super().recompose()
        watchers: dict[str, list[tuple[object, object]]] = getattr(self, "__watchers", {})
        for entries in watchers.values():
            entries[:] = [
                (node, callback)
                for node, callback in entries
                if not isinstance(node, Widget) or node.is_attached
            ]
