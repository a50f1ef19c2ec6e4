"""Tokens: which token this window uses and where it comes from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from ...display import safe_text
from ..session import Session
from .base import JtuiScreen


class TokensScreen(JtuiScreen):
    HELP_TITLE = "Tokens"
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("", id="token-summary")

    def on_new_session(self, session: Session) -> None:
        profile = session.profile
        text = Text("API token of this window\n\n", style="bold")
        text.append(f"profile   {safe_text(profile.name)} ({profile.url})\n")
        text.append(f"user      {safe_text(profile.user)}\n")
        text.append(f"source    {profile.token_source.describe()}\n")
        credentials = session.client.http.credentials
        if credentials is not None:
            text.append(f"token     {credentials.secret.last4()}\n")
        text.append(
            "\nCreate a token in Jenkins: your user → Security → Add new token.", style="dim"
        )
        self.query_one("#token-summary", Static).update(text)
