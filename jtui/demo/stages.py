"""A Pipeline run's stage answers, for whichever stage API the demo is set to have.

Pipeline Graph View (`stages/`, `pipeline-overview/`, `pipeline-console/`): `tree`,
`allSteps`, `exceptionText`, in its `{"status": "ok", "data": …}` envelope and lower-case
states, durations left out while a node runs. Stage View (`wfapi`): `describe` for the run
(top-level stages only: it flattens parallel branches) and for a stage (its steps, with the
failure's message). Core, whatever the plugins: a step's own log at
`execution/node/<id>/log/logText/progressiveText`, offsets within that step.
"""

from __future__ import annotations

from typing import Any

from .flow import FlowStage, FlowStep
from .instance import Clock
from .model import Build
from .protocol import TEXT_TYPE, Response, json_response, text
from .scripts import INPUT_STEP, STEP_FAILURE

GRAPH_APIS = ("stages", "pipeline-overview", "pipeline-console")
_WFAPI = {
    "success": "SUCCESS",
    "failure": "FAILED",
    "unstable": "UNSTABLE",
    "aborted": "ABORTED",
    "running": "IN_PROGRESS",
    "paused": "PAUSED_PENDING_INPUT",
    "not_built": "NOT_EXECUTED",
}


class RunView:
    """One run as its stage API sees it now."""

    def __init__(self, build: Build, clock: Clock) -> None:
        self.build, self.clock = build, clock
        self.flow = build.job.flow(build.number)
        now = clock.now()
        self.elapsed = (
            build.elapsed(now, clock.time_scale)
            if build.building
            else build.duration * clock.time_scale / 1000
        )
        self.waiting = build.building and build.input.state == "waiting"
        self.aborted = build.result == "ABORTED"

    def state(self, node: FlowStage | FlowStep) -> str | None:
        state = node.state(self.elapsed, self.build.building, self.aborted)
        if state == "running" and self.waiting and self._holds_input(node):
            return "paused"  # waiting for someone to answer its input
        if state is None and not self.build.building:
            return "not_built"
        return state

    def millis(self, seconds: float) -> int:
        return self.build.timestamp + self.clock.span(seconds)

    def steps(self) -> list[FlowStep]:
        return [step for stage in self.flow for step in stage.leaves()]

    def step(self, node_id: str) -> FlowStep | None:
        return next((step for step in self.steps() if step.id == node_id), None)

    def stage(self, node_id: str) -> FlowStage | None:
        return next((stage for stage in self.flow if stage.id == node_id), None)

    # -- Pipeline Graph View ---------------------------------------------------------------

    def tree(self, source: str) -> Response:
        stages = [self._pgv_stage(stage, source) for stage in self.flow if self.state(stage)]
        complete = not self.build.building
        return json_response({"status": "ok", "data": {"complete": complete, "stages": stages}})

    def all_steps(self) -> Response:
        steps = []
        for step in self.steps():
            state = self.state(step)
            if state is None or (state == "not_built" and not self._started(step)):
                continue
            entry: dict[str, Any] = {
                "id": step.id,
                "name": step.name,
                "title": "",
                "state": state,
                "type": "STEP",
                "stageId": step.stage_id,
                "pauseDurationMillis": 0,
                "startTimeMillis": self.millis(step.start),
                "flags": {},
            }
            if state not in ("running", "paused"):
                entry["totalDurationMillis"] = self.clock.span(step.end - step.start)
            approval = self.build.job.settings.approval
            if step.name == INPUT_STEP and approval is not None:
                entry["title"] = INPUT_STEP
                entry["name"] = approval.message
                entry["inputStep"] = {
                    "message": approval.message,
                    "cancel": "Abort",
                    "id": approval.id,
                    "ok": approval.ok,
                    "parameters": bool(approval.params),
                }
            steps.append(entry)
        data = {"runIsComplete": not self.build.building, "steps": steps}
        return json_response({"status": "ok", "data": data})

    def exception_text(self, node_id: str | None) -> Response:
        if not node_id:
            return Response(400, b"missing ?nodeId", TEXT_TYPE, [])
        step = self.step(node_id)
        failed = step is not None and self.state(step) == "failure"
        return text(STEP_FAILURE.encode() if failed else b"")

    def _pgv_stage(self, stage: FlowStage, source: str) -> dict[str, Any]:
        state = self.state(stage) or "queued"
        entry: dict[str, Any] = {
            "id": stage.id,
            "name": stage.name,
            "title": stage.name,
            "state": state,
            "type": stage.type,
            "pauseDurationMillis": 0,
            "startTimeMillis": self.millis(stage.start),
            "children": [self._pgv_stage(child, source) for child in stage.children],
            "isSequential": False,
            "synthetic": False,
            "placeholder": False,
            "agent": "linux-agent-1",
            "url": f"/{self.build.url_path}{source}/?selected-node={stage.id}",
        }
        if state not in ("running", "queued", "paused", "not_built"):
            entry["totalDurationMillis"] = self.clock.span(stage.end - stage.start)
        return entry

    # -- Stage View ------------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        build = self.build
        stages = []
        for stage in self.flow:
            state = self.state(stage)
            if state is None or (state == "not_built" and not self._started(stage)):
                continue
            done = state not in ("running", "paused")
            stages.append(
                {
                    "_links": {
                        "self": {
                            "href": f"/{build.url_path}execution/node/{stage.id}/wfapi/describe"
                        }
                    },
                    "id": stage.id,
                    "name": stage.name,
                    "execNode": "",
                    "status": _WFAPI.get(state, "NOT_EXECUTED"),
                    "startTimeMillis": self.millis(stage.start),
                    "durationMillis": self.clock.span(
                        (stage.end if done else self.elapsed) - stage.start
                    ),
                    "pauseDurationMillis": 0,
                }
            )
        now = self.clock.now()
        run_status = (
            ("PAUSED_PENDING_INPUT" if self.waiting else "IN_PROGRESS")
            if build.building
            else {"FAILURE": "FAILED"}.get(build.result or "", build.result or "NOT_EXECUTED")
        )
        return {
            "_links": {"self": {"href": f"/{build.url_path}wfapi/describe"}},
            "id": str(build.number),
            "name": f"#{build.number}",
            "status": run_status,
            "startTimeMillis": build.timestamp,
            "endTimeMillis": build.timestamp + build.duration,
            "durationMillis": build.duration if not build.building else now - build.timestamp,
            "queueDurationMillis": 0,
            "pauseDurationMillis": 0,
            "stages": stages,
        }

    def describe_stage(self, stage: FlowStage) -> dict[str, Any]:
        nodes = []
        for step in stage.leaves():
            state = self.state(step)
            if state is None or not self._started(step):
                continue
            node: dict[str, Any] = {
                "id": step.id,
                "name": "Shell Script",
                "execNode": "",
                "status": _WFAPI.get(state, "NOT_EXECUTED"),
                "parameterDescription": step.name,
                "startTimeMillis": self.millis(step.start),
                "durationMillis": self.clock.span(step.end - step.start),
                "pauseDurationMillis": 0,
                "parentNodes": [stage.id],
            }
            if state == "failure":
                node["error"] = {"message": STEP_FAILURE, "type": "hudson.AbortException"}
            nodes.append(node)
        return {"id": stage.id, "name": stage.name, "stageFlowNodes": nodes}

    # -- core: one step's log --------------------------------------------------------------

    def step_log(self, step: FlowStep, raw_start: str | None) -> Response:
        written = self.build.script.segments[: self._written()]
        log = b"".join(segment.data for segment in written if segment.node == step.id)
        try:
            start = max(0, int(raw_start or "0"))
        except ValueError:
            start = 0
        if start > len(log):
            start = 0  # rolled over
        headers = [("X-Text-Size", str(len(log)))]
        if self.state(step) == "running":
            headers.append(("X-More-Data", "true"))
        return text(log[start:].replace(b"\n", b"\r\n"), headers)

    def _written(self) -> int:
        build = self.build
        build.full_log()  # a seeded build writes its whole log on first read
        return build.written

    def _holds_input(self, node: FlowStage | FlowStep) -> bool:
        steps = node.leaves() if isinstance(node, FlowStage) else [node]
        return any(step.name == INPUT_STEP for step in steps)

    def _started(self, node: FlowStage | FlowStep) -> bool:
        return node.start <= self.elapsed
