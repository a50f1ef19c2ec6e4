"""A Pipeline's `input` step in the demo: the build pauses there until someone answers.

While it waits, the build's `InputAction` lists the pending input (id, message, ok, cancel,
submitter, parameter definitions) and the paused step and stage say `paused`. Answers are
POSTs to `<run>/input/<Id>/proceed` (form `json={"parameter": [...]}`; what is left out is
not filled with its default), `proceedEmpty` and `abort`, each 200 with an empty body. A
user who is not a submitter (nor an administrator), or an input already answered, gets
Jenkins' 400 error page; an unknown id 404; a GET 405.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .export import Record, record
from .params import ParamDef, ParameterError, ParamValue, values_from_json

if TYPE_CHECKING:
    from .model import Build

INPUT_ACTION = "org.jenkinsci.plugins.workflow.support.steps.input.InputAction"


@dataclass(frozen=True)
class Approval:
    stage: str  # the stage whose step is the input
    message: str
    id: str
    ok: str = "Proceed"
    submitter: str | None = None  # user ids, comma-separated; None: anyone who may build
    params: tuple[ParamDef, ...] = ()


@dataclass
class InputState:
    """One build's input: pending until answered (then how)."""

    state: str = "not reached"  # not reached, waiting, approved, aborted
    paused_ms: int = 0  # time spent waiting, after it was answered
    since: int | None = None  # when the wait began (ms), while waiting
    answer: list[ParamValue] = field(default_factory=list)
    by: str | None = None


def action(approval: Approval, state: InputState, with_executions: bool = True) -> Record:
    """The run's InputAction; input plugins before 2.9 export no `executions`."""
    waiting = state.state == "waiting"
    executions = []
    if waiting:
        executions.append(
            record(
                None,
                2,
                id=approval.id,
                settled=False,
                displayName=approval.message[:32] + ("..." if len(approval.message) > 32 else ""),
                input=record(
                    None,
                    2,
                    id=approval.id,
                    message=approval.message,
                    ok=approval.ok,
                    cancel="Abort",
                    submitter=approval.submitter,
                    submitterParameter=None,
                    parameters=[definition.record() for definition in approval.params],
                ),
            )
        )
    if not with_executions:
        return record(INPUT_ACTION, 2, waitingForInput=waiting)
    return record(
        INPUT_ACTION,
        2,
        waitingForInput=waiting,
        executions=executions,
        displayName="Paused for Input" if waiting else None,
    )


def may_answer(approval: Approval, user_id: str, admin: bool) -> bool:
    if approval.submitter is None or admin:
        return True
    allowed = {name.strip().casefold() for name in approval.submitter.split(",")}
    return user_id.casefold() in allowed


def parse_answer(approval: Approval, raw_json: str | None) -> list[ParamValue]:
    """The submitted values; an omitted parameter stays out (Jenkins fills no default)."""
    if not raw_json:
        raise ParameterError("Nothing is submitted")
    return values_from_json(approval.params, raw_json)


def answered_lines(build: Build) -> bytes:
    state = build.input
    if state.state == "approved":
        shown = ", ".join(value.as_queue_param() for value in state.answer)
        return f"Approved by {state.by}{': ' + shown if shown else ''}\n".encode()
    return b""
