"""A Pipeline run's pending `input` steps, and answering them (`client.inputs`).

Pending inputs are read from the run's `InputAction` (core and the input plugin only; no
Stage View needed) with a `tree=`. Input plugins before 2.9 export no `executions` there:
then Stage View's `wfapi/pendingInputActions` is asked (none without Stage View). Answers are
POSTs to `input/<Id>/proceed` with every parameter (Jenkins fills in no default for one left
out: we do), or `input/<Id>/abort`.
"Already given" and "You need to be X" come back as 400 pages: `RequestRejected` saying so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import NotFound
from .parameters import AnyParameter, BooleanParameter, ChoiceParameter, parse_definition
from .paths import build_path, job_path
from .shapes import dicts

if TYPE_CHECKING:
    from .client import JenkinsClient

INPUT_ACTION = "org.jenkinsci.plugins.workflow.support.steps.input.InputAction"
TREE = (
    "actions[_class,waitingForInput,executions[id,settled,input[id,message,ok,cancel,"
    "submitter,parameters[_class,name,type,description,choices,defaultParameterValue[value]]]]]"
)
Value = str | bool


@dataclass(frozen=True, slots=True)
class PendingInput:
    id: str
    message: str
    ok: str
    submitter: str | None  # who may answer (user ids or groups); None: anyone who may build
    parameters: tuple[AnyParameter, ...]

    def complete(self, given: dict[str, Value]) -> list[tuple[str, Value]]:
        """Every parameter with a value: the given one, else its default."""
        return [(p.name, given.get(p.name, _default(p))) for p in self.parameters]


class InputApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client

    async def pending(self, full_name: str, number: int) -> tuple[PendingInput, ...]:
        raw = await self._client.http.get_json(
            build_path(full_name, number) + "api/json", {"tree": TREE}
        )
        actions = raw.get("actions") if isinstance(raw, dict) else None
        found: list[PendingInput] = []
        for action in dicts(actions):
            if action.get("_class") != INPUT_ACTION:
                continue
            if "executions" not in action:
                return await self._from_stage_view(full_name, number)
            for execution in dicts(action.get("executions")):
                step = execution.get("input")
                if execution.get("settled") is True or not isinstance(step, dict):
                    continue
                found.append(
                    PendingInput(
                        id=str(execution.get("id") or step.get("id") or ""),
                        message=str(step.get("message") or ""),
                        ok=str(step.get("ok") or "Proceed"),
                        submitter=str(step["submitter"]) if step.get("submitter") else None,
                        parameters=tuple(
                            parse_definition(p) for p in dicts(step.get("parameters"))
                        ),
                    )
                )
        return tuple(found)

    async def _from_stage_view(self, full_name: str, number: int) -> tuple[PendingInput, ...]:
        """Stage View's list carries no submitter: None, and Jenkins still checks on answer."""
        try:
            raw = await self._client.http.get_json(
                build_path(full_name, number) + "wfapi/pendingInputActions"
            )
        except NotFound:
            return ()
        return tuple(
            PendingInput(
                id=str(item.get("id") or ""),
                message=str(item.get("message") or ""),
                ok=str(item.get("proceedText") or "Proceed"),
                submitter=None,
                parameters=tuple(_stage_view_parameter(p) for p in dicts(item.get("inputs"))),
            )
            for item in dicts(raw)
            if item.get("id")
        )

    async def running_builds(self, full_name: str, among: int = 50) -> list[int]:
        """The numbers of the job's running builds (of its newest `among`), newest first.
        Inputs are asked of these only: `executions` can be slow to load (up to 60 s)."""
        raw = await self._client.http.get_json(
            job_path(full_name) + "api/json", {"tree": f"builds[number,building]{{0,{among}}}"}
        )
        builds = raw.get("builds") if isinstance(raw, dict) else None
        numbers = [b.get("number") for b in dicts(builds) if b.get("building") is True]
        return sorted((n for n in numbers if isinstance(n, int)), reverse=True)

    async def proceed(
        self, full_name: str, number: int, pending: PendingInput, given: dict[str, Value]
    ) -> None:
        path = build_path(full_name, number) + f"input/{pending.id}/"
        label = f"the input {pending.id!r} of {full_name} #{number}"
        if not pending.parameters:
            await self._client.http.post(path + "proceedEmpty", what=f"proceed {label}")
            return
        values = [{"name": name, "value": value} for name, value in pending.complete(given)]
        body = json.dumps({"parameter": values})
        await self._client.http.post(path + "proceed", {"json": body}, what=f"proceed {label}")

    async def abort(self, full_name: str, number: int, input_id: str) -> None:
        path = build_path(full_name, number) + f"input/{input_id}/abort"
        await self._client.http.post(path, what=f"abort the input {input_id!r}")


def _stage_view_parameter(raw: dict[str, object]) -> AnyParameter:
    """`{type, name, description, definition{defaultVal, choices}}` as a definition."""
    definition = raw.get("definition")
    shape = definition if isinstance(definition, dict) else {}
    return parse_definition(
        {
            "type": raw.get("type"),
            "name": raw.get("name"),
            "description": raw.get("description"),
            "choices": shape.get("choices"),
            "defaultParameterValue": {"value": shape.get("defaultVal")},
        }
    )


def _default(parameter: AnyParameter) -> Value:
    if isinstance(parameter, BooleanParameter):
        return parameter.default
    if isinstance(parameter, ChoiceParameter):
        return parameter.default or (parameter.choices[0] if parameter.choices else "")
    default = getattr(parameter, "default", None)
    return default if isinstance(default, str | bool) else ""
