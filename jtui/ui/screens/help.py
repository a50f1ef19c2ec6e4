"""`?` / F1: the keys of the screen in front, and the global ones."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen

from ...core.display import legend
from ..keys import bindings
from ..plain import Label, Static

INTRO = f"Keyboard only; the mouse is optional. Status is shown by icon and word: {legend()}."


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
        first_key: dict[str, str] = {}
        for key, description in self.keys:
            first_key.setdefault(description, key)  # each action once, with its first key
        rows = list(first_key.items())
        width = max((cell_len(key) for _, key in rows), default=0) + 2
        table = Text("\n").join(
            Text.assemble((key + " " * (width - cell_len(key)), "bold"), description)
            for description, key in rows
        )
        with VerticalScroll(classes="dialog help"):
            yield Label(f"Help — {self.title_text}", classes="dialog-title")
            yield Static(INTRO, classes="dialog-detail")
            yield Static(table)
            yield Static("ctrl+p: every action by name · Esc: close", classes="dialog-detail")
