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
from textual.screen import Screen
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
    """Textual's footer, without its leak and churn. Each time the bindings may have changed
    (a focus move, a screen switch) it builds new key widgets, even when the keys are the
    same; the old ones stay in its watchers of `compact` until that changes (never), and
    their style caches in a class-wide cache of 1,024. A TUI kept open all day grew ~2.5 MB a
    minute. This footer rebuilds only when what it shows changes, and drops the watchers of
    keys that are gone."""

    _shown: tuple[tuple[str, str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding.key, binding.description, binding.action, enabled)
            for _, binding, enabled, _ in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self.children:
            return
        self._shown = shown
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        await super().recompose()
        watchers: dict[str, list[tuple[object, object]]] = getattr(self, "__watchers", {})
        for entries in watchers.values():
            entries[:] = [
                (node, callback)
                for node, callback in entries
                if not isinstance(node, Widget) or node.is_attached
            ]
