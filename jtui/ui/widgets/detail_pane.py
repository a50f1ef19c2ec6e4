"""The right-hand pane of a list screen at 120 columns and more (hidden below: one pane)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ..plain import Static, Words

WIDE = 120  # from this many columns on, list screens show their detail pane


class DetailPane(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    DetailPane { width: 40%; max-width: 60; height: 1fr; padding: 0 1;
                 border-left: vkey $foreground 20%; }
    """

    text = ""  # what it shows, as plain text

    def compose(self) -> ComposeResult:
        yield Static("")

    @property
    def shown(self) -> bool:
        """On screen: wide enough (the app's `-wide` class), and not hidden otherwise."""
        return self.app.size.width >= WIDE and self.display

    def show(self, words: Words) -> None:
        self.text = words if isinstance(words, str) else words.plain
        self.query_one(Static).update(words)
