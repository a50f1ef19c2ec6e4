"""A demo Pipeline's flow graph: stages, parallel branches and steps, with ids and times.

A job's `stages` name them: `"Build"` is a stage, `"Test: linux | windows!"` a stage with
two parallel branches, `!` marking the one that fails. Without a `!`, a build planned to fail
(or be unstable) fails in its last stage. After a failure later stages are skipped (no step
runs; "not built" once the build is over). Each stage
without branches, and each branch, runs one `sh` step; its log lines are tagged with the
step's id, so the step's own log is theirs alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scripts import INPUT_STEP, pipeline_stages

FIRST_ID = 3  # Jenkins numbers the flow nodes; the first stages come after a few others


@dataclass(frozen=True, slots=True)
class FlowStep:
    id: str
    name: str
    stage_id: str
    start: float  # seconds after the build started, before time scaling
    end: float
    outcome: str  # success, failure or unstable, once it has ended

    def state(self, elapsed: float, building: bool, aborted: bool) -> str | None:
        """None before it starts."""
        if elapsed < self.start:
            return None
        if elapsed < self.end:
            return "running" if building else ("aborted" if aborted else self.outcome)
        return self.outcome


@dataclass(frozen=True, slots=True)
class FlowStage:
    id: str
    name: str
    type: str  # STAGE or PARALLEL
    start: float
    end: float
    children: tuple[FlowStage, ...]
    steps: tuple[FlowStep, ...]

    def leaves(self) -> list[FlowStep]:
        return [*self.steps, *(step for child in self.children for step in child.leaves())]

    def state(self, elapsed: float, building: bool, aborted: bool) -> str | None:
        states = [s.state(elapsed, building, aborted) for s in self.leaves()]
        started = [s for s in states if s is not None]
        if not started:
            return None
        for state in ("running", "aborted", "failure", "unstable"):
            if state in started:
                return state
        return "success" if len(started) == len(states) or not building else "running"


def plan(
    specs: tuple[str, ...], duration: float, result: str, waits_in: str | None = None
) -> tuple[FlowStage, ...]:
    """The stages of a build that ends with `result` (what the job planned for it); the step
    of stage `waits_in` is an `input`."""
    ids = iter(range(FIRST_ID, 10_000))
    marked = any(spec.rstrip().endswith("!") for spec in specs)
    failing = {"FAILURE": "failure", "UNSTABLE": "unstable"}.get(result)
    slots = pipeline_stages(tuple(_stage_name(spec) for spec in specs), duration)
    stages: list[FlowStage] = []
    failed_at: float | None = None
    for index, (spec, slot) in enumerate(zip(specs, slots, strict=True)):
        stage_id = str(next(ids))
        start, end = slot.start, slot.start + slot.duration
        if failed_at is not None and start >= failed_at:  # skipped: no step ever runs
            stages.append(FlowStage(stage_id, slot.name, "STAGE", start, end, (), ()))
            continue
        branches = _branches(spec)
        last = index == len(specs) - 1
        if branches:
            children = []
            for name, fails in branches:
                branch_id = str(next(ids))
                outcome = failing if fails and failing else "success"
                stop = start + (end - start) * (0.7 if outcome != "success" else 1.0)
                step = _step(next(ids), name, branch_id, start, stop, outcome)
                children.append(FlowStage(branch_id, name, "PARALLEL", start, stop, (), (step,)))
                if outcome == "failure":
                    failed_at = stop
            stages.append(FlowStage(stage_id, slot.name, "STAGE", start, end, tuple(children), ()))
        else:
            outcome = failing if failing and last and not marked else "success"
            step = _step(next(ids), slot.name, stage_id, start, end, outcome)
            if slot.name == waits_in:
                step = FlowStep(step.id, INPUT_STEP, stage_id, step.start, step.end, outcome)
            stages.append(FlowStage(stage_id, slot.name, "STAGE", start, end, (), (step,)))
    return tuple(stages)


def _step(
    number: int, name: str, stage_id: str, start: float, end: float, outcome: str
) -> FlowStep:
    return FlowStep(
        str(number), f"make {name.lower()}", stage_id, start + 0.01, end - 0.01, outcome
    )


def _stage_name(spec: str) -> str:
    return spec.split(":", 1)[0].strip()


def _branches(spec: str) -> list[tuple[str, bool]]:
    if ":" not in spec:
        return []
    names = spec.split(":", 1)[1].split("|")
    return [(name.strip().rstrip("!").strip(), name.strip().endswith("!")) for name in names]
