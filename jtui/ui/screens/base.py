"""What every main screen shares: the status bar, the footer, and session awareness."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ...jenkins import JenkinsClient
from ..session import Session
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ..app import JtuiApp


class JtuiScreen(Screen[None]):
    """A screen that reloads when the window switches to another profile."""

    def __init__(self) -> None:
        super().__init__()
        self._generation = -1

    @property
    def jtui(self) -> JtuiApp:
        return cast("JtuiApp", self.app)

    @property
    def client(self) -> JenkinsClient | None:
        session = self.jtui.session
        return session.client if session else None

    def compose_frame(self) -> ComposeResult:
        yield StatusBar()
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed, init=True)

    def _session_changed(self, session: Session | None) -> None:
        if session is not None and session.generation != self._generation:
            self._generation = session.generation
            self.on_new_session(session)

    def on_new_session(self, session: Session) -> None:
        """Called once per profile switch (and for the first session)."""
