"""A Pipeline run in depth: its stages, the failing step's log, one stage's log.

For both front ends: `jtui stages`, `jtui log --failed / --stage`, and the build view.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..jenkins.client import ConsolePoll, ConsoleStream
from ..jenkins.console import ConsoleAppend, ConsoleEvent, ConsoleReplace
from ..jenkins.pipeline import FAILED, StageGraph, StageNode, StepNode
from .errors import CoreError
from .follow import CONSOLE_SECONDS, FOLLOWING
from .live import Watch
from .session import Session


class NoStageData(CoreError):
    """The server has no stage API for this run (or it is not a Pipeline)."""


@dataclass(frozen=True, slots=True)
class StepLog:
    stage: str  # the stage (or parallel branch) it ran in
    step: StepNode
    reason: str  # the exception text of a failed step ("" for others)
    text: str  # its log so far, console notes removed, ANSI colours kept


async def stage_graph(session: Session, name: str, number: int) -> StageGraph:
    graph = await session.client.stages.graph(name, number)
    if graph is None:
        raise NoStageData(
            f"{name} #{number} has no stage data on {session.profile.host}: it is not a "
            "Pipeline, or the server has neither Pipeline Graph View nor Stage View "
            "(`jtui log` shows the whole console)"
        )
    return graph


async def failed_step_logs(session: Session, name: str, number: int) -> list[StepLog]:
    """Each failed step's own log with its reason, first failure first."""
    graph = await stage_graph(session, name, number)
    stages = _names(graph)
    found = await session.client.stages.failed_steps(name, number, graph)
    return [
        StepLog(
            stages.get(step.stage_id, "?"),
            step,
            reason,
            await _step_text(session, name, number, step),
        )
        for step, reason in found
    ]


async def stage_logs(session: Session, name: str, number: int, stage: str) -> list[StepLog]:
    """The logs of every step of the stage (or branch) called `stage`, in order."""
    graph = await stage_graph(session, name, number)
    chosen = graph.find(stage)
    if not chosen:
        known = ", ".join(node.name for node in graph.walk()) or "none"
        raise CoreError(f"{name} #{number} has no stage called {stage!r} (it has: {known})")
    wanted = {node.id for top in chosen for node in top.walk()}
    stages = _names(graph)
    steps = await session.client.stages.steps(name, number, graph)
    logs = []
    for step in steps:
        if step.stage_id in wanted:
            reason = (
                await session.client.stages.exception_text(name, number, graph, step)
                if step.state in FAILED
                else ""
            )
            text = await _step_text(session, name, number, step)
            logs.append(StepLog(stages.get(step.stage_id, stage), step, reason, text))
    return logs


async def _step_text(session: Session, name: str, number: int, step: StepNode) -> str:
    """What a step has written so far (one read: a running step may write more)."""
    stream = session.client.stages.step_log(name, number, step.id)
    text = ""
    polled = await stream.poll()
    for event in polled.events:
        text = event.text if isinstance(event, ConsoleReplace) else text + event.text
    return text


def _names(graph: StageGraph) -> dict[str, str]:
    return {node.id: node.name for node in graph.walk()}


# -- following chosen steps live (the build view) -------------------------------------------


@dataclass(frozen=True, slots=True)
class Pick:
    """Which steps' logs to follow: the failed ones, or those under one stage."""

    failed: bool = False
    stage_id: str | None = None


class StepFollower:
    """New text of the picked steps at each `poll()`, each step's text after a header line
    naming its stage and step (and, for a failed one, the reason); `more` until the run is
    complete and every picked step's log has ended."""

    def __init__(self, session: Session, name: str, number: int, pick: Pick) -> None:
        self.session, self.name, self.number, self.pick = session, name, number, pick
        self._streams: dict[str, ConsoleStream] = {}
        self._ended: set[str] = set()
        self._last: str | None = None  # the step whose text was shown last

    async def poll(self) -> ConsolePoll:
        stages = self.session.client.stages
        graph = await stage_graph(self.session, self.name, self.number)
        names = _names(graph)
        steps = [
            s for s in await stages.steps(self.name, self.number, graph) if self._wanted(graph, s)
        ]
        events: list[ConsoleEvent] = []
        for step in steps:
            if step.id in self._ended:
                continue
            stream = self._streams.get(step.id)
            if stream is None:
                stream = self._streams[step.id] = stages.step_log(self.name, self.number, step.id)
            polled = await stream.poll()
            text = "".join(event.text for event in polled.events)
            if not polled.more:
                self._ended.add(step.id)
            if text and step.id != self._last:
                reason = ""
                if step.state in FAILED:
                    reason = await stages.exception_text(self.name, self.number, graph, step)
                said = f" — {reason}" if reason else ""
                head = f"=== {names.get(step.stage_id, '?')} › {step.name} ({step.state}){said}\n"
                events.append(ConsoleAppend(("\n" if self._last else "") + head))
                self._last = step.id
            if text:
                events.append(ConsoleAppend(text))
        running = not graph.complete or any(s.id not in self._ended for s in steps)
        if not steps and graph.complete:
            what = "no step failed" if self.pick.failed else "this stage ran no step"
            events.append(ConsoleAppend(f"({what})\n"))
        return ConsolePoll(events, more=running)

    def _wanted(self, graph: StageGraph, step: StepNode) -> bool:
        if self.pick.failed:
            return step.state in FAILED
        chosen = [node for node in graph.walk() if node.id == self.pick.stage_id]
        return any(step.stage_id == node.id for top in chosen for node in top.walk())


def watch_steps(session: Session, name: str, number: int, pick: Pick) -> Watch[ConsolePoll]:
    """The picked steps' logs, live, on the engine (as the console is)."""
    follower = StepFollower(session, name, number, pick)
    return session.watch(
        follower.poll, CONSOLE_SECONDS, until=lambda polled: not polled.more, backoff=FOLLOWING
    )


def flat(graph: StageGraph) -> list[tuple[int, StageNode]]:
    """Every stage with its depth (0 for the top), in display order."""
    out: list[tuple[int, StageNode]] = []

    def visit(node: StageNode, depth: int) -> None:
        out.append((depth, node))
        for child in node.children:
            visit(child, depth + 1)

    for stage in graph.stages:
        visit(stage, 0)
    return out
