"""A Pipeline run's stages and steps, from whichever API the server has.

Pipeline Graph View answers at `<run>/stages/` (≥ 777), `pipeline-overview/` (520–776) or
`pipeline-console/` (483–519), in an envelope `{"status": "ok", "data": …}` (an error is
HTTP 200 with `"status": "error"`); Stage View answers `wfapi/describe`, flat (parallel
branches are not nested) and with upper-case states. Both become one `StageGraph`, with
Pipeline Graph View's lower-case state names. Old Pipeline Graph View releases (< 439) sent
durations as words ("Took 10 sec"): those become None, as do the durations of running nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .errors import JenkinsError
from .shapes import dicts, integer

GRAPH_SOURCES = ("stages", "pipeline-overview", "pipeline-console")
WFAPI = "wfapi"
# Stage View's states → Pipeline Graph View's
WFAPI_STATES = {
    "SUCCESS": "success",
    "FAILED": "failure",
    "UNSTABLE": "unstable",
    "ABORTED": "aborted",
    "IN_PROGRESS": "running",
    "PAUSED_PENDING_INPUT": "paused",
    "NOT_EXECUTED": "not_built",
}
IN_PROGRESS = frozenset({"running", "queued", "paused"})
FAILED = frozenset({"failure", "unstable", "aborted"})


@dataclass(frozen=True, slots=True)
class StageNode:
    id: str
    name: str
    state: str  # lower case, as Pipeline Graph View names it: success, failure, running, …
    type: str  # STAGE, PARALLEL, PARALLEL_BLOCK
    started_at: datetime | None
    duration: timedelta | None  # None while it runs (or from a plugin that sent words)
    children: tuple[StageNode, ...]

    def walk(self) -> list[StageNode]:
        """This node and every node below it, depth first."""
        return [self, *(node for child in self.children for node in child.walk())]


@dataclass(frozen=True, slots=True)
class StepNode:
    id: str
    name: str
    state: str
    stage_id: str
    error: str | None = None  # Stage View gives the failure's message with the step


@dataclass(frozen=True, slots=True)
class StageGraph:
    complete: bool
    stages: tuple[StageNode, ...]
    source: str  # "stages", "pipeline-overview", "pipeline-console" or "wfapi"

    def walk(self) -> list[StageNode]:
        return [node for stage in self.stages for node in stage.walk()]

    def find(self, name: str) -> list[StageNode]:
        """Stages (or branches) of that name, case-insensitively."""
        return [node for node in self.walk() if node.name.casefold() == name.casefold()]


def unwrap(raw: Any, what: str) -> Any:
    """The `data` of Pipeline Graph View's envelope; its errors come with HTTP 200."""
    if not isinstance(raw, dict):
        raise JenkinsError(f"{what}: the answer is not Pipeline Graph View's JSON")
    if raw.get("status") == "error":
        message = raw.get("message") or (raw.get("data") or {}).get("error") or "an error"
        raise JenkinsError(f"{what}: Jenkins answered {message!s}")
    return raw.get("data")


def parse_graph(data: Any, source: str) -> StageGraph:
    if not isinstance(data, dict):
        raise JenkinsError("the stage graph is not JSON of the expected shape")
    stages = data.get("stages")
    return StageGraph(
        complete=data.get("complete") is True,
        stages=tuple(_node(raw) for raw in dicts(stages)),
        source=source,
    )


def parse_steps(data: Any) -> tuple[StepNode, ...]:
    steps = data.get("steps") if isinstance(data, dict) else None
    return tuple(
        StepNode(
            id=str(raw.get("id", "")),
            name=str(raw.get("name") or raw.get("title") or ""),
            state=str(raw.get("state", "unknown")).lower(),
            stage_id=str(raw.get("stageId", "")),
        )
        for raw in dicts(steps)
    )


def parse_wfapi(raw: Any) -> StageGraph:
    if not isinstance(raw, dict):
        raise JenkinsError("wfapi/describe is not JSON of the expected shape")
    stages = tuple(
        StageNode(
            id=str(stage.get("id", "")),
            name=str(stage.get("name", "")),
            state=_wfapi_state(stage.get("status")),
            type="STAGE",
            started_at=_time(stage.get("startTimeMillis")),
            duration=_wfapi_duration(stage),
            children=(),
        )
        for stage in dicts(raw.get("stages"))
    )
    running = _wfapi_state(raw.get("status")) in IN_PROGRESS
    return StageGraph(complete=not running, stages=stages, source=WFAPI)


def parse_wfapi_steps(raw: Any, stage_id: str) -> tuple[StepNode, ...]:
    """The steps of one stage from `execution/node/<stage>/wfapi/describe`."""
    nodes = raw.get("stageFlowNodes") if isinstance(raw, dict) else None
    steps = []
    for node in dicts(nodes):
        error = node.get("error")
        message = error.get("message") if isinstance(error, dict) else None
        steps.append(
            StepNode(
                id=str(node.get("id", "")),
                name=str(node.get("parameterDescription") or node.get("name") or ""),
                state=_wfapi_state(node.get("status")),
                stage_id=stage_id,
                error=str(message) if message else None,
            )
        )
    return tuple(steps)


def _node(raw: dict[str, Any]) -> StageNode:
    state = str(raw.get("state", "unknown")).lower()
    total = integer(raw.get("totalDurationMillis"))
    duration = (
        timedelta(milliseconds=total) if total is not None and state not in IN_PROGRESS else None
    )
    return StageNode(
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        state=state,
        type=str(raw.get("type", "STAGE")),
        started_at=_time(raw.get("startTimeMillis")),
        duration=duration,
        children=tuple(_node(child) for child in dicts(raw.get("children"))),
    )


def _wfapi_state(raw: Any) -> str:
    return WFAPI_STATES.get(str(raw), str(raw).lower() if raw else "unknown")


def _wfapi_duration(stage: dict[str, Any]) -> timedelta | None:
    if _wfapi_state(stage.get("status")) in IN_PROGRESS:
        return None
    millis = integer(stage.get("durationMillis"))
    return timedelta(milliseconds=millis) if millis is not None else None


def _time(millis: Any) -> datetime | None:
    whole = integer(millis)
    if whole is not None and whole > 0:
        return datetime.fromtimestamp(whole / 1000, UTC)
    return None
