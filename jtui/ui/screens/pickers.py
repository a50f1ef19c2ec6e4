"""Pick a profile for this window (the config's default is not changed)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen

from ...config.profiles import Profile
from ..keys import bindings
from ..plain import Label, Option, OptionList, line, toast


class ProfilePicker(ModalScreen[Profile | None]):
    BINDINGS = bindings("dialog")

    def __init__(self, profiles: list[Profile], current: str | None) -> None:
        super().__init__()
        self.profiles = profiles
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Switch this window to…", classes="dialog-title")
            options = [
                Option(
                    Text(
                        f"{'●' if p.name == self.current else ' '} {line(p.name)}  {p.host}"
                        + ("  [read-only]" if p.read_only else "")
                    ),
                    id=str(index),
                )
                for index, p in enumerate(self.profiles)
            ]
            yield OptionList(*options, id="profiles")

    def on_mount(self) -> None:
        if not self.profiles:
            self.dismiss(None)
            toast(self, "no profiles yet: press 1, then a to add one")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.profiles[int(event.option.id or 0)])
