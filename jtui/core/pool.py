"""Sessions for many profiles at once (the dashboard, watched builds): each opened on first
use, off the event loop and never interactively (a token command runs without a terminal, a
keyring with a timeout), so a token that cannot be had is that profile's failure alone."""

from __future__ import annotations

import asyncio

from ..config.profiles import Profile
from .clock import Clock
from .home import Home
from .session import Session


class SessionPool:
    def __init__(self, profiles: list[Profile], home: Home, clock: Clock) -> None:
        self.profiles = {profile.name: profile for profile in profiles}
        self._home = home
        self._clock = clock
        self.sessions: dict[str, Session] = {}
        self._opening: dict[str, asyncio.Lock] = {}

    async def session(self, name: str) -> Session:
        """The profile's session (KeyError: no such profile)."""
        profile = self.profiles[name]
        async with self._opening.setdefault(name, asyncio.Lock()):
            if name not in self.sessions:
                self.sessions[name] = await Session.open(profile, self._home, clock=self._clock)
        return self.sessions[name]

    async def aclose(self) -> None:
        for session in self.sessions.values():
            await session.aclose()
        self.sessions.clear()
