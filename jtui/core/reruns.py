"""Running a finished build again, for both front ends: with the same parameters, or (a
Declarative Pipeline) from one of its stages, which keeps what the stages before it did."""

from __future__ import annotations

from .errors import CoreError, InvalidInput
from .session import Session

FIND_EVERY = 1.0  # seconds between looks for the restarted build
FIND_FOR = 60.0  # how long it may wait in the queue before we stop looking


class CannotRestart(CoreError):
    """The build cannot restart from a stage (here, now, or for this user)."""


async def restartable_stages(session: Session, name: str, number: int) -> tuple[str, ...]:
    session.require_writable("restart from a stage")
    stages = await session.client.reruns.restartable_stages(name, number)
    if stages is None:
        raise CannotRestart(
            f"{name} #{number} cannot restart from a stage on {session.profile.host}: only a "
            "finished Declarative Pipeline can, if you may build the job (and restarting is "
            "not disabled for it)"
        )
    if not stages:
        raise CannotRestart(f"no stage of {name} #{number} ran: there is none to restart from")
    return stages


def choose_stage(stages: tuple[str, ...], wanted: str) -> str:
    """The stage named `wanted` (any case)."""
    found = next((s for s in stages if s == wanted), None) or next(
        (s for s in stages if s.casefold() == wanted.casefold()), None
    )
    if found is None:
        raise InvalidInput(f"no stage {wanted!r} to restart from (it can: {', '.join(stages)})")
    return found


async def restart_from(session: Session, name: str, number: int, stage: str) -> set[int]:
    """Ask for the restart; the builds restarted the same way before it (see `new_build`)."""
    session.require_writable("restart from a stage")
    earlier = await session.client.reruns.restarted_builds(name, number, stage)
    await session.client.reruns.restart_from(name, number, stage)
    return earlier


async def new_build(
    session: Session, name: str, number: int, stage: str, earlier: set[int]
) -> int | None:
    """The restarted build's number once it has left the queue; None if it has not after a
    minute (Jenkins gives no queue id for a restart: it is found by its cause)."""
    waited = 0.0
    while True:
        found = await session.client.reruns.restarted_builds(name, number, stage) - earlier
        if found or waited >= FIND_FOR:
            return max(found) if found else None
        await session.clock.sleep(FIND_EVERY)
        waited += FIND_EVERY
