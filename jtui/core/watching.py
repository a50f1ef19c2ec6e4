"""Watched builds: any profile's running or queued builds, kept in the state file, looked at
until they end; each end is reported once (builds that ended while jtui was closed, at the
next start). For both front ends: the TUI's toasts and notifications, `jtui watch`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from ..config.errors import ConfigError, SecretError
from ..config.state import WatchedEntry
from ..jenkins.client import JenkinsClient
from ..jenkins.errors import JenkinsError, NotFound
from ..jenkins.models import QueueRef
from .errors import CoreError
from .home import Home
from .live import Watch
from .pool import SessionPool

WATCH_EVERY = 5.0  # seconds between looks at the watched builds


@dataclass(frozen=True, slots=True)
class Watched:
    profile: str
    job: str
    number: int | None  # None while it waits in the queue
    queue_id: int | None = None

    def entry(self) -> WatchedEntry:
        found: WatchedEntry = {"profile": self.profile, "job": self.job}
        if self.number is not None:
            found["number"] = self.number
        elif self.queue_id is not None:
            found["queue_id"] = self.queue_id
        return found

    @property
    def name(self) -> str:
        return f"{self.job} #{self.number}" if self.number else f"{self.job} (queued)"

    @classmethod
    def of(cls, entry: WatchedEntry) -> Watched | None:
        profile, job = entry.get("profile"), entry.get("job")
        number, queue_id = entry.get("number"), entry.get("queue_id")
        if not isinstance(profile, str) or not isinstance(job, str):
            return None
        return cls(
            profile,
            job,
            number if isinstance(number, int) else None,
            queue_id if isinstance(queue_id, int) else None,
        )


@dataclass(frozen=True, slots=True)
class Ended:
    watched: Watched
    result: str  # SUCCESS, FAILURE, …; CANCELLED for a queue item cancelled; GONE if deleted

    @property
    def words(self) -> str:
        return f"{self.watched.name} on {self.watched.profile}: {self.result.lower()}"


async def add(home: Home, watched: Watched) -> list[Watched]:
    return _parsed(await home.change_watched([watched.entry()], []))


async def watched_builds(home: Home) -> list[Watched]:
    return _parsed(await home.watched())


def _parsed(entries: list[WatchedEntry]) -> list[Watched]:
    return [w for w in (Watched.of(e) for e in entries) if w is not None]


class Watcher(SessionPool):
    """Every watched build, looked at every WATCH_EVERY seconds (a server that does not
    answer holds up only its own builds). Its watch yields the builds that ended since the
    last look; they leave the state file then, so each is reported once."""

    def watch(self) -> Watch[list[Ended]]:
        return Watch(self.look, WATCH_EVERY, clock=self._clock)

    async def look(self) -> list[Ended]:
        watched = await watched_builds(self._home)
        outcomes = await asyncio.gather(*(self._check(w) for w in watched))
        ended = [o for o in outcomes if isinstance(o, Ended)]
        started = [(w, o) for w, o in zip(watched, outcomes, strict=True) if isinstance(o, Watched)]
        if ended or started:
            await self._home.change_watched(
                [new.entry() for _, new in started],
                [e.watched.entry() for e in ended] + [old.entry() for old, _ in started],
            )
        return ended

    async def _check(self, watched: Watched) -> Watched | Ended | None:
        """What became of it: Ended, a Watched with its number (it left the queue), or None
        (nothing new, or its server did not answer this time)."""
        if watched.profile not in self.profiles:
            return None  # a profile gone from the config: kept, for when it is back
        try:
            session = await self.session(watched.profile)
            return await session.quickly(_progress(session.client, watched))
        except (JenkinsError, CoreError, ConfigError, SecretError, OSError):
            return None  # looked at again next time


async def _progress(client: JenkinsClient, watched: Watched) -> Watched | Ended | None:
    if watched.number is None:
        if watched.queue_id is None:
            return Ended(watched, "GONE")
        try:
            item = await client.queue_progress(QueueRef(watched.queue_id, watched.job, False))
        except NotFound:
            return Ended(watched, "GONE")
        if item.cancelled:
            return Ended(watched, "CANCELLED")
        if item.executable is None:
            return None
        return Watched(watched.profile, watched.job, item.executable.number)
    try:
        build = await client.build(watched.job, watched.number)
    except NotFound:
        return Ended(watched, "GONE")
    if build.is_running or build.result is None:
        return None
    return Ended(watched, build.result.value)
