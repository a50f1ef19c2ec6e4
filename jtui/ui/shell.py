"""What screens may ask of the app, without importing it (no import circle in `ui/`)."""

from __future__ import annotations

from typing import Any, Protocol, cast

from textual.dom import DOMNode
from textual.screen import Screen

from ..config.profiles import Profile
from ..core.clock import Clock
from ..core.home import Home
from ..core.session import Session
from ..core.watching import Watched


class Shell(Protocol):
    home: Home
    clock: Clock

    @property
    def session(self) -> Session | None: ...

    def open_profile(self, profile: Profile, then: Screen[Any] | None = None) -> object:
        """Switch this window to `profile` (the config's default is not touched), then open
        `then` over its jobs if given."""

    def watch_build(self, watched: Watched) -> None:
        """Tell when this build ends, wherever the window is then."""

    def start_demo(self) -> object:
        """Start the built-in demo Jenkins and switch to it."""

    async def profiles(self) -> list[Profile]:
        """Every profile a window may use: the config's, `env`, the demo's."""


def shell(node: DOMNode) -> Shell:
    return cast(Shell, node.app)
