"""Small modal dialogs: a question with a button per answer, and one line of text.

Questions, details and answers may carry server text: they are shown as plain text, never
read as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen

from ..keys import bindings
from ..plain import Button, Input, Label, Static


class Choice(ModalScreen[str | None]):
    """A question and a button per answer; Esc answers None."""

    BINDINGS = bindings("choice")

    def __init__(self, question: str, answers: list[tuple[str, str]], detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.answers = answers  # (value, label); the first is the default
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="dialog-detail")
            # Many or long answers stack, one per line, so that none is cut at 80 columns.
            stacked = len(self.answers) > 2 or sum(len(label) for _, label in self.answers) > 40
            with (Vertical if stacked else Horizontal)(classes="dialog-buttons"):
                for index, (value, label) in enumerate(self.answers):
                    yield Button(
                        Text(label),
                        id=f"answer-{index}",
                        variant="primary" if index == 0 else "default",
                        name=value,
                        classes="stacked" if stacked else "",
                        compact=stacked,
                    )
                yield Button(
                    "Cancel", id="cancel", classes="stacked" if stacked else "", compact=stacked
                )

    def on_mount(self) -> None:
        self.query_one("#answer-0", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.name)


def confirm(question: str, yes: str = "Yes", detail: str = "") -> Choice:
    return Choice(question, [("yes", yes)], detail)


class Prompt(ModalScreen[str | None]):
    """One line of text, with a default; Esc (or OK on nothing) answers None."""

    BINDINGS = bindings("dialog")

    def __init__(
        self,
        question: str,
        default: str = "",
        placeholder: str = "",
        *,
        ok: str = "OK",
        allow_empty: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.default = default
        self.placeholder = placeholder
        self.ok = ok
        self.allow_empty = allow_empty  # then OK on nothing answers "", and only Esc None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            yield Input(self.default, placeholder=self.placeholder, id="answer")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok, id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one("#answer", Input).value.strip()
        self.dismiss(value if value or self.allow_empty else None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
