"""Every server at once: what runs, what broke in the last day, the queue, pending inputs and
offline nodes, per profile, for both front ends.

Each profile is its own session with its own watches (and backoff): a slow or dead server
never holds up another. The cheap requests only: running builds from `/computer`'s
executors, the queue's length, pending inputs of running Pipelines only (at most
`INPUT_CAP`, each bounded like a quick call), and recent failures from the job index, read
once a minute.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from ..config.errors import ConfigError, SecretError
from ..config.profiles import Profile
from ..jenkins.errors import JenkinsError
from ..jenkins.nodes import RunningBuild
from .clock import Clock
from .home import Home
from .live import Watch
from .pool import SessionPool
from .session import Session

FAILING_WITHIN = timedelta(hours=24)
INPUT_CAP = 10  # running Pipelines asked for pending inputs, per poll
FAILURES_EVERY = 60.0  # seconds: the job index is the dearest request
FAILURE_FIELDS = ("name", "color", "lastBuild[number,result,building,timestamp,duration]")
FAILING_RESULTS = ("FAILURE", "UNSTABLE")


@dataclass(frozen=True, slots=True)
class Failed:
    job: str
    number: int
    result: str
    ended: datetime | None


@dataclass(frozen=True, slots=True)
class Activity:
    """What one poll of a server found."""

    running: tuple[RunningBuild, ...]
    queued: int
    inputs: int
    offline_nodes: tuple[str, ...]


async def activity(session: Session) -> Activity:
    nodes, queue = await asyncio.gather(session.client.nodes.list(), session.client.queue())
    seen: dict[str, RunningBuild] = {}
    for node in nodes.nodes:
        for build in node.builds:
            if build.job is not None and build.number is not None:
                first = seen.setdefault(build.url, build)
                if build.pipeline and not first.pipeline:  # the run itself, not a node block
                    seen[build.url] = build
    running = tuple(seen.values())
    return Activity(
        running,
        len(queue),
        await _inputs(session, [b for b in running if b.pipeline]),
        tuple(node.name for node in nodes.nodes if node.offline),
    )


async def _inputs(session: Session, pipelines: list[RunningBuild]) -> int:
    """Inputs pending in the running Pipelines (the first INPUT_CAP); one that cannot be
    asked in time counts none."""

    async def pending(build: RunningBuild) -> int:
        assert build.job is not None and build.number is not None
        try:
            found = await session.quickly(session.client.inputs.pending(build.job, build.number))
        except JenkinsError:
            return 0
        return len(found)

    return sum(await asyncio.gather(*(pending(b) for b in pipelines[:INPUT_CAP])))


async def recent_failures(session: Session) -> tuple[Failed, ...]:
    """Jobs whose last build failed or was unstable and ended within the last day."""
    items = await session.client.all_items(fields=FAILURE_FIELDS)
    since = session.clock.now() - FAILING_WITHIN
    failed = []
    for item in items:
        build = item.last_build
        if build is None or build.is_running or build.result is None:
            continue
        ended = build.started_at + (build.duration or timedelta()) if build.started_at else None
        if build.result.value in FAILING_RESULTS and ended is not None and ended >= since:
            failed.append(Failed(item.full_name, build.number, build.result.value, ended))
    return tuple(sorted(failed, key=lambda f: f.ended or since, reverse=True))


# -- every profile -------------------------------------------------------------------------

Part = Activity | tuple[Failed, ...]
ACTIVITY, FAILURES = "activity", "failures"


class Servers(SessionPool):
    """A watch of every profile's server: its activity (at the profile's `refresh_seconds`)
    and recent failures (every minute), each with its own backoff. A token that cannot be
    had is that row's failure, tried again like any other."""

    def watches(self) -> dict[tuple[str, str], Watch[Part]]:
        found: dict[tuple[str, str], Watch[Part]] = {}
        for name, profile in self.profiles.items():
            found[(name, ACTIVITY)] = Watch(
                partial(self._activity, name), profile.refresh_seconds, clock=self._clock
            )
            found[(name, FAILURES)] = Watch(
                partial(self._failures, name), FAILURES_EVERY, clock=self._clock
            )
        return found

    async def _activity(self, name: str) -> Part:
        return await activity(await self.session(name))

    async def _failures(self, name: str) -> Part:
        return await recent_failures(await self.session(name))


@dataclass(frozen=True, slots=True)
class Survey:
    """One look at one server: what it said, or why it said nothing."""

    profile: str
    activity: Activity | None
    failures: tuple[Failed, ...] | None
    error: str | None

    @property
    def reachable(self) -> bool:
        return self.error is None


async def survey(
    profiles: list[Profile],
    home: Home,
    clock: Clock,
    environ: Mapping[str, str] | None = None,
) -> list[Survey]:
    """Every profile looked at once, side by side; each within its quick-call deadline."""

    async def look(profile: Profile) -> Survey:
        try:
            session = await Session.open(profile, home, clock=clock, environ=environ)
        except (ConfigError, SecretError) as error:
            return Survey(profile.name, None, None, f"token not available: {error}")
        async with session:
            try:
                found, failures = await session.quickly(
                    asyncio.gather(activity(session), recent_failures(session))
                )
            except JenkinsError as error:
                return Survey(profile.name, None, None, str(error))
        return Survey(profile.name, found, failures, None)

    return list(await asyncio.gather(*(look(profile) for profile in profiles)))
