"""Answering a Pipeline's `input` step, for both front ends: which build waits, which input,
may this profile answer, proceed (every parameter sent) or abort."""

from __future__ import annotations

from ..jenkins.inputs import PendingInput, Value
from .errors import CoreError, InvalidInput
from .session import Session

RECENT = 50  # builds looked through for the newest one that waits


class NothingPending(CoreError):
    """No build of the job waits for an input."""


async def waiting_build(session: Session, name: str, number: int | None) -> int | None:
    """`number`, else the newest running build that waits for an input (None: none)."""
    if number is not None:
        return number
    for candidate in await session.client.inputs.running_builds(name, RECENT):
        if await session.client.inputs.pending(name, candidate):
            return candidate
    return None


async def pending_inputs(
    session: Session, name: str, number: int | None
) -> tuple[int | None, tuple[PendingInput, ...]]:
    found = await waiting_build(session, name, number)
    if found is None:
        return None, ()
    return found, await session.client.inputs.pending(name, found)


def choose(pending: tuple[PendingInput, ...], input_id: str | None, where: str) -> PendingInput:
    """The input to answer: the one given by id, or the only one."""
    if not pending:
        raise NothingPending(f"{where} waits for no input (`jtui input JOB` lists what does)")
    if input_id is not None:
        chosen = next((p for p in pending if p.id == input_id), None)
        if chosen is None:
            known = ", ".join(p.id for p in pending)
            raise InvalidInput(f"{where} has no pending input {input_id!r} (it has: {known})")
        return chosen
    if len(pending) > 1:
        known = ", ".join(p.id for p in pending)
        raise InvalidInput(f"{where} waits for several inputs: choose one with --id ({known})")
    return pending[0]


def plan_answer(session: Session, action: str) -> None:
    session.require_writable(action)


async def proceed(
    session: Session, name: str, number: int, pending: PendingInput, given: dict[str, Value]
) -> None:
    plan_answer(session, "input --proceed")
    known = {p.name for p in pending.parameters}
    unknown = sorted(set(given) - known)
    if unknown:
        raise InvalidInput(
            f"the input {pending.id!r} has no parameter {', '.join(unknown)} "
            f"(it has: {', '.join(sorted(known)) or 'none'})"
        )
    await session.client.inputs.proceed(name, number, pending, given)


async def abort(session: Session, name: str, number: int, pending: PendingInput) -> None:
    plan_answer(session, "input --abort")
    await session.client.inputs.abort(name, number, pending.id)
