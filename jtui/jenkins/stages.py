"""A Pipeline run's stage graph, steps, failures and per-step logs: `client.stages`.

Which stage API a server has is found by asking, newest first (a 404 means "the next one"),
and remembered for the client's life: Pipeline Graph View's `stages/`, `pipeline-overview/`,
`pipeline-console/`, then Stage View's `wfapi`, else none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import NotFound
from .paths import build_path
from .pipeline import (
    FAILED,
    GRAPH_SOURCES,
    WFAPI,
    StageGraph,
    StepNode,
    parse_graph,
    parse_steps,
    parse_wfapi,
    parse_wfapi_steps,
    unwrap,
)

if TYPE_CHECKING:
    from .client import ConsoleStream, JenkinsClient

NONE = "none"
MAX_WFAPI_STAGES = 50  # Stage View needs one request per stage for its steps


class StageApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client
        self.source: str | None = None  # found once per server: a GRAPH_SOURCES name, wfapi, none

    async def graph(self, full_name: str, number: int) -> StageGraph | None:
        """The run's stages as a tree, or None when the server has no stage API."""
        run = build_path(full_name, number)
        for source in self._order():
            try:
                if source == WFAPI:
                    raw = await self._client.http.get_json(run + "wfapi/describe")
                    graph = parse_wfapi(raw)
                else:
                    raw = await self._client.http.get_json(run + f"{source}/tree")
                    graph = parse_graph(unwrap(raw, f"{source}/tree"), source)
            except NotFound:
                if self.source == source:
                    return None  # known to be there: this run has none (not started, say)
                continue
            self.source = source
            return graph
        self.source = NONE
        return None

    async def steps(self, full_name: str, number: int, graph: StageGraph) -> tuple[StepNode, ...]:
        """Every step of the run (Pipeline Graph View: one request; Stage View: one a stage)."""
        run = build_path(full_name, number)
        if graph.source != WFAPI:
            raw = await self._client.http.get_json(run + f"{graph.source}/allSteps")
            return parse_steps(unwrap(raw, f"{graph.source}/allSteps"))
        found: list[StepNode] = []
        for stage in graph.stages[:MAX_WFAPI_STAGES]:
            raw = await self._client.http.get_json(
                run + f"execution/node/{stage.id}/wfapi/describe"
            )
            found += parse_wfapi_steps(raw, stage.id)
        return tuple(found)

    async def failed_steps(
        self, full_name: str, number: int, graph: StageGraph
    ) -> list[tuple[StepNode, str]]:
        """The steps that failed, each with its exception text (the short reason)."""
        failed = [s for s in await self.steps(full_name, number, graph) if s.state in FAILED]
        return [
            (step, await self.exception_text(full_name, number, graph, step)) for step in failed
        ]

    async def exception_text(
        self, full_name: str, number: int, graph: StageGraph, step: StepNode
    ) -> str:
        if graph.source == WFAPI:
            return step.error or ""
        response = await self._client.http.get_text(
            build_path(full_name, number) + f"{graph.source}/exceptionText",
            {"nodeId": step.id},
        )
        return response.text.strip()

    def step_log(self, full_name: str, number: int, step_id: str) -> ConsoleStream:
        """One step's own log, to be read poll by poll (offsets count within that step)."""
        path = (
            build_path(full_name, number) + f"execution/node/{step_id}/log/logText/progressiveText"
        )
        return self._client.console(full_name, number, path=path)

    def _order(self) -> list[str]:
        every = [*GRAPH_SOURCES, WFAPI]
        if self.source == NONE:
            return []
        if self.source is None:
            return every
        return [self.source, *(s for s in every if s != self.source)]
