"""`?` / F1: the keys of the screen in front, and the global ones."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ..keys import bindings

INTRO = (
    "Keyboard only; the mouse is optional. Status is shown by icon and word: "
    "✔ success  ✘ failure  ▲ unstable  ■ aborted  ○ not built  ⊘ disabled  ⟳ running."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help_dialog")

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        active = [
            binding.binding
            for binding in screen.active_bindings.values()
            if binding.binding.description
        ]
        # What the footer shows (the screen's own actions) first, then moving around.
        active.sort(key=lambda binding: not binding.show)
        self.keys = [(screen.app.get_key_display(b), b.description) for b in active]
        self.title_text = getattr(screen, "HELP_TITLE", type(screen).__name__)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.dismiss(None)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        seen: set[str] = set()
        for key, description in self.keys:
            if description not in seen:
                seen.add(description)
                table.add_row(key, description)
        with VerticalScroll(classes="dialog help"):
            yield Label(f"Help — {self.title_text}", classes="dialog-title")
            yield Static(INTRO, classes="dialog-detail")
            yield Static(table)
            yield Static("ctrl+p: every action by name · Esc: close", classes="dialog-detail")
