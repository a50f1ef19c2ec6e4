"""Following a build, from the queue to its result, on the live-data engine.

Each part is a watch of its own (the TUI shows them side by side): the queue item until it
has a build, the console until the build ends, the build's state until it stops running.
`follow_build` strings them together for the command line. A lost connection makes them
stale and they go on when the server answers again; they never give up on their own.
"""

from __future__ import annotations

import shlex
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from ..jenkins.client import ConsolePoll
from ..jenkins.console import ConsoleEvent
from ..jenkins.errors import AuthenticationFailed, NotFound, PermissionDenied
from ..jenkins.models import Build, QueueItem, QueueRef
from ..jenkins.pipeline import StageGraph
from .errors import CoreError
from .live import Backoff, Fresh, Stale, Watch
from .session import Session

CONSOLE_SECONDS = 1.0
BUILD_SECONDS = 1.0
QUEUE_SECONDS = 1.0
RESULT_SECONDS = 0.25  # after the console ends, until Jenkins records the result
RESUME_WINDOW = 60.0  # a cut this long is ridden out; a longer one ends the follower
# Someone is watching a build: after a cut, it goes on within 10 s of the server's return.
FOLLOWING = Backoff(cap=10.0)

# Failures that waiting will not mend, for followers that have no one to ask (the CLI).
Fatal = tuple[type[Exception], ...]
HOPELESS: Fatal = (AuthenticationFailed, PermissionDenied, NotFound)


@dataclass(frozen=True, slots=True)
class BuildState:
    build: Build
    stages: StageGraph | None  # None: not a Pipeline, or no stage data


def watch_queue(
    session: Session, ref: QueueRef, *, visible: bool = True, fatal: Fatal = ()
) -> Watch[QueueItem]:
    """The queue item of a triggered build, until it has a build or is cancelled."""
    return session.watch(
        lambda: session.client.queue_progress(ref),
        QUEUE_SECONDS,
        until=lambda item: item.is_done,
        backoff=FOLLOWING,
        visible=visible,
        fatal=fatal,
    )


def watch_console(
    session: Session, full_name: str, number: int, *, visible: bool = True, fatal: Fatal = ()
) -> Watch[ConsolePoll]:
    """New console text at each update, until the build has ended."""
    stream = session.client.console(full_name, number)
    return session.watch(
        stream.poll,
        CONSOLE_SECONDS,
        until=lambda polled: not polled.more,
        backoff=FOLLOWING,
        visible=visible,
        fatal=fatal,
    )


def watch_build(
    session: Session, full_name: str, number: int, *, visible: bool = True
) -> Watch[BuildState]:
    """The build and its stages, until it is no longer running."""

    async def fetch() -> BuildState:
        build = await session.client.build(full_name, number)
        stages = await session.client.stages.graph(full_name, number) if build.is_pipeline else None
        return BuildState(build, stages)

    return session.watch(
        fetch,
        BUILD_SECONDS,
        until=lambda state: not state.build.is_running,
        visible=visible,
    )


# -- the command line's follower -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Queued:
    item: QueueItem


@dataclass(frozen=True, slots=True)
class Started:
    number: int


@dataclass(frozen=True, slots=True)
class Output:
    events: list[ConsoleEvent]


@dataclass(frozen=True, slots=True)
class Interrupted:
    """The server stopped answering; following resumes on its own."""

    reason: str
    retry_in: float


@dataclass(frozen=True, slots=True)
class Ended:
    build: Build | None  # None: cancelled in the queue


FollowEvent = Queued | Started | Output | Interrupted | Ended


class FollowLost(CoreError):
    """The server did not answer for longer than the resume window; the build goes on."""


def _interrupted(session: Session, stale: Stale[Any], resume: str) -> Interrupted:
    """A cut the follower rides out, or, past the window, the end with how to resume."""
    if (session.clock.now() - stale.since).total_seconds() > RESUME_WINDOW:
        raise FollowLost(
            f"{session.profile.host} has not answered for {RESUME_WINDOW:g} s "
            f"({stale.reason}); the build goes on — {resume}"
        )
    return Interrupted(stale.reason, stale.retry_in)


async def follow_build(
    session: Session, full_name: str, *, ref: QueueRef | None = None, number: int | None = None
) -> AsyncIterator[FollowEvent]:
    """From the queue (given `ref`) or a running build (`number`) to the build's end.

    A cut of up to RESUME_WINDOW seconds is ridden out (the console resumes from its offset,
    no line lost or repeated); a longer one ends it with the command that resumes.
    """
    job = shlex.quote(full_name)
    if number is None:
        assert ref is not None
        resume = f"see it with `jtui queue`, then `jtui log {job} --follow`"
        async for update in watch_queue(session, ref, fatal=HOPELESS):
            if isinstance(update, Stale):
                yield _interrupted(session, update, resume)
                continue
            item = update.value
            yield Queued(item)
            if item.cancelled:
                yield Ended(None)
                return
            if item.executable is not None:
                number = item.executable.number
        if number is None:
            return
    yield Started(number)
    resume = f"follow it again with `jtui log {job} {number} --follow`"
    async for polled in watch_console(session, full_name, number, fatal=HOPELESS):
        if isinstance(polled, Stale):
            yield _interrupted(session, polled, resume)
        elif polled.value.events:
            yield Output(polled.value.events)
    async for state in session.watch(
        lambda: session.client.build(full_name, number),
        RESULT_SECONDS,
        until=lambda build: not build.is_running,
        fatal=HOPELESS,
        backoff=FOLLOWING,
    ):
        if isinstance(state, Stale):
            yield _interrupted(session, state, resume)
        elif isinstance(state, Fresh) and not state.value.is_running:
            yield Ended(state.value)
