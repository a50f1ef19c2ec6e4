"""The line at the top of every screen: which server, as whom, and how fresh the data is."""

from __future__ import annotations

from collections.abc import Callable

from rich.errors import StyleSyntaxError
from rich.style import Style
from rich.text import Text

from ...core.display import WARNING
from ...core.session import Session
from ..plain import Static, line
from ..roles import role


def status_text(session: Session | None, width: int = 1000) -> Text:
    """The bar for `session`, in `width` cells: what does not fit is left out whole (the
    version first, the reason for staleness last of all but the warnings), never cut."""
    if session is None:
        chosen_none = Text("  no server chosen — p picks one, 1 adds one")
        return Text(" jtui ", style="bold reverse") + chosen_none
    profile, identity, health = session.profile, session.identity, session.health
    parts: list[tuple[int, Text]] = [  # (how much it matters, the words), in display order
        (9, Text(" jtui ", style="bold reverse")),
        (
            9,
            Text("  ")
            + Text(f" {line(profile.label or profile.name)} ", badge_style(profile.color)),
        ),
        (8, Text(f" {profile.host}")),
    ]
    if identity is not None and identity.version:
        parts.append((2, Text(f" · Jenkins {line(identity.version)}")))
    if identity is not None and identity.user:
        parts.append((4, Text(f" · {line(identity.user)}")))
    if profile.read_only:
        parts.append((7, Text("  ") + role("READ-ONLY", "read-only")))
    if not profile.verify_tls:
        parts.append((7, Text("  ") + role(f"{WARNING} TLS NOT VERIFIED", "warning")))
    if identity is not None and identity.anonymous:
        parts.append((7, Text("  ") + role("✘ token not accepted (anonymous)", "failure")))
    if health.stale_since is not None:
        since = health.stale_since.astimezone()
        parts.append((8, Text("  ") + role(f"{WARNING} stale since {since:%H:%M:%S}", "stale")))
        if health.reason:
            parts.append((3, Text(f": {line(health.reason)}")))
    elif health.refreshed_at is not None:
        when = f"updated {health.refreshed_at.astimezone():%H:%M:%S}"
        parts.append((6, Text("  ") + role(when, "muted")))
    while sum(text.cell_len for _, text in parts) > width and len(parts) > 1:
        least = min(range(len(parts)), key=lambda i: (parts[i][0], -i))
        del parts[least]
    return Text("").join(text for _, text in parts)


def badge_style(color: str | None) -> Style:
    """The profile's colour, or none if it is not one (a typo must not stop the app)."""
    try:
        return Style.parse(f"bold reverse {color}" if color else "bold reverse")
    except StyleSyntaxError:
        return Style.parse("bold reverse")


class StatusBar(Static):
    DEFAULT_CSS = "StatusBar { height: 1; width: 100%; dock: top; background: $panel; }"

    def __init__(self) -> None:
        super().__init__()
        self._stop_listening: Callable[[], None] | None = None
        self._session: Session | None = None

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
        self._session = session
        self.update(status_text(session, self.size.width or 80))

    def on_resize(self) -> None:
        self._show(self._session)
