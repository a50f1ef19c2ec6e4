"""The line at the top of every screen: which server, as whom, and how fresh the data is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...display import safe_text
from ..session import Session


def status_text(session: Session | None) -> Text:
    text = Text(" jtui ", style="bold reverse")
    if session is None:
        return text + Text("  no server — press 1 to add one")
    profile = session.profile
    text.append("  ")
    badge = f" {safe_text(profile.label or profile.name)} "
    text.append(badge, style=f"bold reverse {profile.color}" if profile.color else "bold reverse")
    text.append(f" {profile.host}")
    if session.version:
        text.append(f" · Jenkins {safe_text(session.version)}")
    if session.user:
        text.append(f" · {safe_text(session.user)}")
    if profile.read_only:
        text.append("  READ-ONLY", style="bold")
    if not profile.verify_tls:
        text.append("  ⚠ TLS NOT VERIFIED", style="bold")
    if session.error:
        text.append(f"  ✘ {safe_text(session.error)[:60]}", style="bold")
    if session.stale_since is not None:
        text.append(f"  ⚠ stale since {session.stale_since.astimezone():%H:%M:%S}", style="bold")
    elif session.refreshed_at is not None:
        text.append(f"  updated {session.refreshed_at.astimezone():%H:%M:%S}", style="dim")
    return text


class StatusBar(Static):
    DEFAULT_CSS = "StatusBar { height: 1; dock: top; background: $panel; }"

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._show, init=True)

    def _show(self, session: Session | None) -> None:
        self.update(status_text(session))
