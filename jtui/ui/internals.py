"""The one place that uses Textual's private API (checked against the pinned version by
tests/test_textual_internals.py): the crash report without local variables, and raw bytes
for the terminal (a notification's escape sequences, as `App.bell` writes its BEL)."""

from __future__ import annotations

import logging

from rich.console import Group
from rich.segment import Segments
from rich.text import Text
from textual.app import App

from .errors import where_the_details_are


class PrivateApp(App[int]):
    def write_to_terminal(self, text: str) -> None:
        """Escape sequences straight to the terminal, past the screen (nothing headless)."""
        if text and not self.is_headless and self._driver is not None:
            self._driver.write(text)

    def _fatal_error(self) -> None:
        # Textual's crash report prints every local variable; tokens must not appear there.
        self.bell()
        logging.getLogger("jtui.ui").error("the app crashed", exc_info=True)
        from rich.traceback import Traceback  # pygments, 30+ ms: only if something crashed

        traceback = Traceback(show_locals=False, width=None)
        pointer = Text(f"jtui crashed (a bug): {where_the_details_are()}")
        report = Group(Segments(self.console.render(traceback, self.console.options)), pointer)
        self._exit_renderables.append(report)
        self._close_messages_no_wait()
