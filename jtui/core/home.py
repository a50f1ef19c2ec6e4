"""Where jtui keeps its files, and reading or changing them without blocking the event loop.

Every call here runs in a worker thread: a write may wait up to ten seconds for another jtui's
lock, and fsync is slow on some disks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from ..config.ledger import TokenLedger
from ..config.listings import JsonObject, ListingCache
from ..config.locations import config_path
from ..config.profiles import Config, load_config
from ..config.state import ParameterValues, StateStore, WatchedEntry

P = ParamSpec("P")
R = TypeVar("R")


async def off_loop(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run blocking file work in a thread."""
    return await asyncio.to_thread(function, *args, **kwargs)


@dataclass(frozen=True)
class Home:
    """The config file, the state file and the token ledger of one jtui user."""

    config_path: Path
    state: StateStore = field(default_factory=StateStore)
    ledger: TokenLedger = field(default_factory=TokenLedger)
    listings: ListingCache = field(default_factory=ListingCache)

    @classmethod
    def default(cls, config_flag: str | None = None) -> Home:
        """`--config` > `JTUI_CONFIG` > the user's config directory; state beside it."""
        return cls(config_path(config_flag))

    async def config(self) -> Config:
        return await off_loop(load_config, self.config_path)

    async def last_screen(self) -> str | None:
        return await off_loop(self.state.last_screen)

    async def remember_screen(self, screen: str) -> None:
        await off_loop(self.state.remember_screen, screen)

    async def theme(self) -> str | None:
        """The theme last chosen in the TUI (a `theme` in config.toml wins over it)."""
        return await off_loop(self.state.theme)

    async def remember_theme(self, theme: str) -> None:
        await off_loop(self.state.remember_theme, theme)

    async def favourites(self, profile: str) -> set[str]:
        return await off_loop(self.state.favourites, profile)

    async def toggle_favourite(self, profile: str, full_name: str) -> bool:
        return await off_loop(self.state.toggle_favourite, profile, full_name)

    async def watched(self) -> list[WatchedEntry]:
        return await off_loop(self.state.watched)

    async def change_watched(
        self, add: list[WatchedEntry], remove: list[WatchedEntry]
    ) -> list[WatchedEntry]:
        return await off_loop(self.state.change_watched, add, remove)

    async def last_parameters(self, profile: str, full_name: str) -> ParameterValues:
        return await off_loop(self.state.last_parameters, profile, full_name)

    async def remember_parameters(
        self, profile: str, full_name: str, values: ParameterValues
    ) -> None:
        await off_loop(self.state.remember_parameters, profile, full_name, values)

    async def saved_listing(self, profile: str, url: str) -> tuple[JsonObject, float] | None:
        return await off_loop(self.listings.load, profile, url)

    async def save_listing(self, profile: str, url: str, answer: JsonObject, at: float) -> None:
        await off_loop(self.listings.save, profile, url, answer, at)
