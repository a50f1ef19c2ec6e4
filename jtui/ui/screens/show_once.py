"""A new token, shown this once: copy it (OSC 52, or select it by hand), maybe store it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen

from ...jenkins.tokens import NewToken
from ..keys import bindings
from ..plain import Button, Label, Static, line, toast


class ShowOnce(ModalScreen[str | None]):
    BINDINGS = bindings("new_token_dialog")

    def __init__(self, token: NewToken, note: str, can_store: bool) -> None:
        super().__init__()
        self.token = token
        self.note = note
        self.can_store = can_store

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"New token {line(self.token.name)}"), classes="dialog-title")
            yield Static(
                "Jenkins shows a token's value only this once. Copy it now.",
                classes="dialog-detail",
            )
            # The one widget that shows a token: the value the user asked for, this once.
            yield Static(Text(self.token.value.reveal()), id="token-value")
            yield Static(Text(self.note), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy (c)", id="copy")
                if self.can_store:
                    yield Button("Store in the profile", id="store", variant="primary")
                yield Button("Close", id="close")

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.token.value.reveal())
        toast(self, "copied (if your terminal ignores OSC 52, select the text by hand)")

    @on(Button.Pressed, "#store")
    def _store(self) -> None:
        self.dismiss("store")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
