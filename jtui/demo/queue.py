"""Queue items: Waiting → Blocked/Buildable → Left, as `hudson.model.Queue` exports them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .export import HIGH, Prop, Record
from .model import Build, Cause, Job, causes_action, parameters_action
from .params import ParamValue


class QueueState(StrEnum):
    WAITING = "WaitingItem"
    BLOCKED = "BlockedItem"
    BUILDABLE = "BuildableItem"
    LEFT = "LeftItem"


@dataclass(eq=False)
class QueueEntry:
    id: int
    job: Job
    params: list[ParamValue] | None  # None: the job takes no parameters
    causes: list[Cause]
    in_queue_since: int  # ms
    due: int  # ms: end of the quiet period
    state: QueueState = QueueState.WAITING
    why: str | None = None
    buildable_since: int | None = None
    stuck: bool = False
    cancelled: bool = False
    left_at: int | None = None
    starts_at: int | None = None  # a left item gets its build a moment after leaving
    build: Build | None = None

    @property
    def is_live(self) -> bool:
        return self.state is not QueueState.LEFT

    @property
    def class_name(self) -> str:
        return f"hudson.model.Queue${self.state.value}"

    def same_request(self, params: list[ParamValue] | None) -> bool:
        """Jenkins merges a trigger into a live item of the same job with the same parameters."""
        mine = sorted((p.name, repr(p.value)) for p in self.params or [])
        theirs = sorted((p.name, repr(p.value)) for p in params or [])
        return mine == theirs

    def param_text(self) -> str:
        return "".join("\n" + p.as_queue_param() for p in self.params or [])

    def actions(self) -> list[Record]:
        actions: list[Record] = []
        if self.params is not None:
            actions.append(parameters_action(self.params))
        actions.append(causes_action(self.causes))
        return actions

    @property
    def props(self) -> Sequence[Prop]:
        base = [
            Prop("actions", lambda o, c: o.actions(), HIGH),
            Prop("blocked", lambda o, c: o.state is QueueState.BLOCKED, HIGH),
            Prop("buildable", lambda o, c: o.state is QueueState.BUILDABLE, HIGH),
            Prop("id", lambda o, c: o.id, HIGH),
            Prop("inQueueSince", lambda o, c: o.in_queue_since, HIGH),
            Prop("params", lambda o, c: o.param_text(), HIGH),
            Prop("stuck", lambda o, c: o.stuck, HIGH),
            Prop("task", lambda o, c: o.job, HIGH),
            Prop("url", lambda o, c: f"queue/item/{o.id}/", HIGH),
            Prop("why", lambda o, c: o.why, HIGH),
        ]
        if self.state is QueueState.WAITING:
            base.append(Prop("timestamp", lambda o, c: o.due, HIGH))
        elif self.state is QueueState.LEFT:
            base.append(Prop("cancelled", lambda o, c: o.cancelled, HIGH))
            base.append(Prop("executable", lambda o, c: o.build, HIGH))
        else:
            base.append(Prop("buildableStartMilliseconds", lambda o, c: o.buildable_since, HIGH))
            if self.state is QueueState.BUILDABLE:
                base.append(Prop("pending", lambda o, c: False, HIGH))
        return base
