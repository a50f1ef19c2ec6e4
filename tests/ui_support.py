"""Running the TUI against the demo Jenkins under Textual's Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from jtui.config.ledger import TokenLedger
from jtui.config.profiles import Profile
from jtui.config.state import StateStore
from jtui.demo import DemoJenkins
from jtui.ui.app import JtuiApp, demo_profile

# A fixed moment: the demo's history and the app's clock both start here in snapshots.
EPOCH = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
EPOCH_MS = int(EPOCH.timestamp() * 1000)


def make_app(
    tmp_path: Path,
    demo: DemoJenkins | None,
    profile: Profile | None = None,
    fixed_clock: bool = False,
) -> JtuiApp:
    chosen = profile or (demo_profile(demo) if demo is not None else None)
    return JtuiApp(
        tmp_path / "config.toml",
        chosen,
        state=StateStore(tmp_path / "state.toml"),
        ledger=TokenLedger(tmp_path / "tokens.toml"),
        now=(lambda: EPOCH) if fixed_clock else (lambda: datetime.now(UTC)),
    )


async def wait_until(pilot: Pilot[int], check: Callable[[], object], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not reach the expected state in time")


def line_text(widget: object, y: int) -> str:
    """What a line-API widget (table, console) draws on line `y`, as plain text."""
    strip = widget.render_line(y)  # type: ignore[attr-defined]
    return "".join(segment.text for segment in strip)
