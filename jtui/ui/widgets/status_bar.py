"""The line at the top of every screen: which server, as whom, and how fresh the data is."""

from __future__ import annotations

from collections.abc import Callable

from rich.errors import StyleSyntaxError
from rich.style import Style
from rich.text import Text

from ...core.session import Session
from ..plain import Static, line


def status_text(session: Session | None) -> Text:
    text = Text(" jtui ", style="bold reverse")
    if session is None:
        return text + Text("  no server — press 1 to add one")
    profile = session.profile
    text.append("  ")
    badge = f" {line(profile.label or profile.name)} "
    text.append(badge, style=badge_style(profile.color))
    text.append(f" {profile.host}")
    identity = session.identity
    if identity is not None and identity.version:
        text.append(f" · Jenkins {line(identity.version)}")
    if identity is not None and identity.user:
        text.append(f" · {line(identity.user)}")
    if profile.read_only:
        text.append("  READ-ONLY", style="bold")
    if not profile.verify_tls:
        text.append("  ⚠ TLS NOT VERIFIED", style="bold")
    health = session.health
    if identity is not None and identity.anonymous:
        text.append("  ✘ the token was not accepted (anonymous)", style="bold")
    if health.stale_since is not None:
        text.append(f"  ⚠ stale since {health.stale_since.astimezone():%H:%M:%S}", style="bold")
        if health.reason:
            text.append(f": {line(health.reason)[:60]}", style="bold")
    elif health.refreshed_at is not None:
        text.append(f"  updated {health.refreshed_at.astimezone():%H:%M:%S}", style="dim")
    return text


def badge_style(color: str | None) -> Style:
    """The profile's colour, or none if it is not one (a typo must not stop the app)."""
    try:
        return Style.parse(f"bold reverse {color}" if color else "bold reverse")
    except StyleSyntaxError:
        return Style.parse("bold reverse")


class StatusBar(Static):
    DEFAULT_CSS = "StatusBar { height: 1; dock: top; background: $panel; }"

    def __init__(self) -> None:
        super().__init__()
        self._stop_listening: Callable[[], None] | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed, init=True)

    def on_unmount(self) -> None:
        self._unlisten()

    def _session_changed(self, session: Session | None) -> None:
        self._unlisten()
        if session is not None:
            self._stop_listening = session.health.listen(lambda: self._show(session))
        self._show(session)

    def _unlisten(self) -> None:
        if self._stop_listening is not None:
            self._stop_listening()
            self._stop_listening = None

    def _show(self, session: Session | None) -> None:
        self.update(status_text(session))
