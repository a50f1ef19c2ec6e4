"""Text to read, whole screen: a test's error and stack trace, a text artifact. The text is
server text and is drawn as the console is (escape sequences removed, colours kept)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual.app import ComposeResult

from ...core.errors import CoreError
from ...core.session import Session
from ...jenkins.errors import JenkinsError
from ..keys import bindings
from ..plain import Static
from ..widgets.console import ConsoleView
from .base import JtuiScreen

Load = Callable[[Session], Awaitable[str]]


class ReaderScreen(JtuiScreen):
    HELP_TITLE = "Text"
    BINDINGS = bindings("reader")

    def __init__(self, title: Text, text: str = "", load: Load | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.load = load

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(self.title_text, classes="part-title")
        yield ConsoleView(id="reader")

    def on_mount(self) -> None:
        super().on_mount()
        view = self.query_one(ConsoleView)
        view.follow = False
        view.replace(self.text if self.load is None else "loading…")
        view.action_first()
        view.focus()

    def on_new_session(self, session: Session) -> None:
        if self.load is not None:
            self.run_task(self._load(session, self.load), "reader")

    async def _load(self, session: Session, load: Load) -> None:
        try:
            text = await load(session)
        except (CoreError, JenkinsError) as error:  # said here, where the text would be
            text = f"cannot show it: {error}"
        view = self.query_one(ConsoleView)
        view.replace(text)
        view.action_first()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_close(self) -> None:
        self.app.pop_screen()
