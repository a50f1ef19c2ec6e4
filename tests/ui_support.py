"""Running the TUI against the demo Jenkins under Textual's Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.pilot import Pilot
from textual.screen import Screen

from jtui.config.ledger import TokenLedger
from jtui.config.profiles import Profile
from jtui.config.state import StateStore
from jtui.core.clock import SYSTEM_CLOCK, Clock, FakeClock
from jtui.core.demo import demo_profile
from jtui.core.home import Home
from jtui.demo import DemoJenkins
from jtui.ui.app import JtuiApp
from jtui.ui.widgets.console import ConsoleView
from jtui.ui.widgets.table import VirtualTable

# A fixed moment: the demo's history and the app's clock both start here in snapshots.
EPOCH = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
EPOCH_MS = int(EPOCH.timestamp() * 1000)


def home_in(tmp_path: Path) -> Home:
    return Home(
        tmp_path / "config.toml",
        StateStore(tmp_path / "state.toml"),
        TokenLedger(tmp_path / "tokens.toml"),
    )


class NotingApp(JtuiApp):
    """The app, noting every message it shows (toasts) and every notification it writes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.said: list[str] = []
        self.written: list[str] = []  # what went to the terminal past the screen

    def write_to_terminal(self, text: str) -> None:
        self.written.append(text)
        super().write_to_terminal(text)

    def notify(self, message: str, **options: Any) -> None:
        self.said.append(message)
        super().notify(message, **options)


def make_app(
    tmp_path: Path,
    demo: DemoJenkins | None,
    profile: Profile | None = None,
    *,
    clock: Clock = SYSTEM_CLOCK,
    keys: dict[str, str] | None = None,
    theme: str | None = None,
) -> NotingApp:
    chosen = profile or (demo_profile(demo) if demo is not None else None)
    return NotingApp(home_in(tmp_path), chosen, clock=clock, keys=keys, theme=theme)


def frozen_clock() -> FakeClock:
    """A clock stopped at EPOCH: snapshots show the same times on every run."""
    return FakeClock(EPOCH)


async def wait_until(pilot: Pilot[int], check: Callable[[], object], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not reach the expected state in time")


def line_text(widget: VirtualTable | ConsoleView, y: int) -> str:
    """What a line-API widget (table, console) draws on line `y`, as plain text."""
    return "".join(segment.text for segment in widget.render_line(y))


S = TypeVar("S", bound=Screen[Any])


def current(app: App[Any], kind: type[S]) -> S:
    """The screen in front, which must be a `kind`."""
    screen = app.screen
    assert isinstance(screen, kind), f"{type(screen).__name__} is in front, not {kind.__name__}"
    return screen


def table(app: App[Any], selector: str = "#items") -> VirtualTable:
    return app.screen.query_one(selector, VirtualTable)


def keys_of(app: App[Any], selector: str = "#items") -> list[Hashable]:
    """The keys of a table's rows, or none while that table is not in front."""
    tables = app.screen.query(selector)
    return list(tables.first(VirtualTable).keys) if tables else []


class SixteenColours(LineFilter):
    """Each colour as a 16-colour terminal shows it: the nearest of the 16 ANSI colours."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, _sixteen(style), control) if style else Segment(text, style, control)
            for text, style, control in segments
        ]


def _sixteen(style: Style) -> Style:
    def down(color: RichColor | None) -> RichColor | None:
        if color is None or color.is_default:
            return color
        return RichColor.from_triplet(color.downgrade(ColorSystem.STANDARD).get_truecolor())

    return style + Style(color=down(style.color), bgcolor=down(style.bgcolor))


def sixteen_colours(app: App[Any]) -> None:
    """Render `app` as in a 16-colour terminal (Textual has no public way to add a filter)."""
    app._filters.append(SixteenColours())
