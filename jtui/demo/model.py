"""The demo instance's objects: folders, jobs, builds, queue items — and how each exports.

These are mutable server-side state, guarded by the instance lock; the simulator changes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, ClassVar

from . import artifacts, changes, reports
from .approval import Approval, InputState, action
from .export import HIGH, Context, Prop, Record, record
from .flow import FlowStage, plan
from .params import ParamDef, ParamValue, params_property
from .scripts import (
    INPUT_STEP,
    Script,
    finish_lines,
    freestyle_script,
    pipeline_script,
    started_by,
)
from .views import folder_views

_URL_SAFE = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$&'()*+,-.=@_"
)


def url_segment(name: str) -> str:
    """Jenkins' `Util.rawEncode`: UTF-8, every byte outside a small safe set as %XX."""
    return "".join(chr(b) if b in _URL_SAFE else f"%{b:02X}" for b in name.encode("utf-8"))


RESULT_COLORS = {
    "SUCCESS": "blue",
    "UNSTABLE": "yellow",
    "FAILURE": "red",
    "NOT_BUILT": "notbuilt",
    "ABORTED": "aborted",
}
FOLDER_CLASSES = {
    "folder": "com.cloudbees.hudson.plugins.folder.Folder",
    "multibranch": "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject",
    "organization": "jenkins.branch.OrganizationFolder",
}
JOB_CLASSES = {
    "freestyle": "hudson.model.FreeStyleProject",
    "pipeline": "org.jenkinsci.plugins.workflow.job.WorkflowJob",
    "matrix": "hudson.matrix.MatrixProject",
    "maven": "hudson.maven.MavenModuleSet",
}
BUILD_CLASSES = {
    "freestyle": "hudson.model.FreeStyleBuild",
    "pipeline": "org.jenkinsci.plugins.workflow.job.WorkflowRun",
    "matrix": "hudson.matrix.MatrixBuild",
    "maven": "hudson.maven.MavenModuleSetBuild",
}


@dataclass(frozen=True, slots=True)
class Cause:
    user_id: str
    user_name: str
    restarted_from: tuple[int, str] | None = None  # (build number, stage) of a restart

    def record(self) -> Record:
        if self.restarted_from is not None:
            number, stage = self.restarted_from
            return record(
                "org.jenkinsci.plugins.pipeline.modeldefinition.causes."
                "RestartDeclarativePipelineCause",
                3,
                shortDescription=f"Restarted from build #{number}, stage {stage}",
            )
        return record(
            "hudson.model.Cause$UserIdCause",
            3,
            shortDescription=f"Started by user {self.user_name}",
            userId=self.user_id,
            userName=self.user_name,
        )


def causes_action(causes: Sequence[Cause]) -> Record:
    return Record("hudson.model.CauseAction", (("causes", [c.record() for c in causes], 2),))


def parameters_action(values: Sequence[ParamValue]) -> Record:
    return Record(
        "hudson.model.ParametersAction", (("parameters", [v.record() for v in values], 2),)
    )


EMPTY_ACTION = Record(None)


def _finished(build: Build) -> bool:
    return not build.building


# The job's permalinks: properties of its JSON, and URLs such as /job/x/lastFailedBuild/.
PERMALINKS: dict[str, Callable[[Build], bool]] = {
    "lastBuild": lambda b: True,
    "lastCompletedBuild": _finished,
    "lastFailedBuild": lambda b: b.result == "FAILURE",
    "lastStableBuild": lambda b: b.result == "SUCCESS",
    "lastSuccessfulBuild": lambda b: b.result in ("SUCCESS", "UNSTABLE"),
    "lastUnstableBuild": lambda b: b.result == "UNSTABLE",
    "lastUnsuccessfulBuild": lambda b: _finished(b) and b.result != "SUCCESS",
}


class Item:
    """Something that lives in a folder: a job or a folder."""

    kind: str
    name: str
    parent: Folder | None

    def __init__(
        self, name: str, parent: Folder | None, display_name: str | None, description: str | None
    ) -> None:
        self.name = name
        self.parent = parent
        self.display_name_or_null = display_name
        self.description = description

    @property
    def full_name(self) -> str:
        if self.parent is None or self.parent.parent is None:
            return self.name
        return f"{self.parent.full_name}/{self.name}"

    @property
    def display_name(self) -> str:
        return self.display_name_or_null or self.name

    @property
    def full_display_name(self) -> str:
        if self.parent is None or self.parent.parent is None:
            return self.display_name
        return f"{self.parent.full_display_name} » {self.display_name}"

    @property
    def url_path(self) -> str:
        prefix = self.parent.url_path if self.parent is not None else ""
        return f"{prefix}job/{url_segment(self.name)}/"

    @property
    def class_name(self) -> str:
        raise NotImplementedError

    @property
    def is_buildable(self) -> bool:
        return self.parent is None or self.parent.is_buildable

    def health_stats(self) -> tuple[int, int, int] | None:
        raise NotImplementedError

    @property
    def props(self) -> Sequence[Prop]:
        raise NotImplementedError

    ITEM_PROPS: ClassVar[tuple[Prop, ...]] = (
        Prop("description", lambda o, c: o.description),
        Prop("displayName", lambda o, c: o.display_name),
        Prop("displayNameOrNull", lambda o, c: o.display_name_or_null),
        Prop("fullDisplayName", lambda o, c: o.full_display_name),
        Prop("fullName", lambda o, c: o.full_name),
        Prop("name", lambda o, c: o.name, HIGH),
        Prop("url", lambda o, c: c.root_url + o.url_path, HIGH),
    )


class Folder(Item):
    def __init__(
        self,
        name: str,
        parent: Folder | None,
        kind: str = "folder",
        display_name: str | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(name, parent, display_name, description)
        self.kind = kind
        self.children: dict[str, Item] = {}
        self.disabled = False

    @property
    def url_path(self) -> str:
        return "" if self.parent is None else super().url_path

    @property
    def class_name(self) -> str:
        return FOLDER_CLASSES[self.kind]

    @property
    def is_buildable(self) -> bool:
        return not self.disabled and super().is_buildable

    def add(self, item: Item) -> Item:
        self.children[item.name] = item
        return item

    def health_stats(self) -> tuple[int, int, int] | None:
        """The worst health of anything inside, as (score, failed, total)."""
        stats = [s for child in self.children.values() if (s := child.health_stats())]
        return min(stats) if stats else None

    def health(self) -> list[Record]:
        stats = self.health_stats()
        return [health_record(*stats)] if stats else []

    def jobs(self) -> list[Item]:
        return list(self.children.values())

    @property
    def props(self) -> Sequence[Prop]:
        return _folder_props(self.kind)


@cache
def _folder_props(kind: str) -> tuple[Prop, ...]:
    """A folder's exported properties, made once per kind: a 50,000-job export asks for them
    for every item it writes."""
    base = (
        Prop("actions", lambda o, c: [EMPTY_ACTION, EMPTY_ACTION]),
        *Item.ITEM_PROPS,
        Prop("healthReport", lambda o, c: o.health()),
        Prop("jobs", lambda o, c: o.jobs()),
        Prop("primaryView", lambda o, c: folder_views(o)[0]),
        Prop("views", lambda o, c: folder_views(o)),
    )
    if kind == "multibranch":
        return (*base, Prop("sources", lambda o, c: [EMPTY_ACTION]))
    return base


def all_view(url: str) -> Record:
    return record("hudson.model.AllView", HIGH, name="all", url=url)


def health_record(score: int, failed: int, total: int) -> Record:
    bucket = (
        "80plus"
        if score > 79
        else "60to79"
        if score > 59
        else "40to59"
        if score > 39
        else "20to39"
        if score > 19
        else "00to19"
    )
    text = (
        "Build stability: No recent builds failed."
        if failed == 0
        else f"Build stability: {failed} out of the last {total} builds failed."
    )
    return record(
        None,
        2,
        description=text,
        iconClassName=f"icon-health-{bucket}",
        iconUrl=f"health-{bucket}.png",
        score=score,
    )


@dataclass
class JobSettings:
    """How a demo job behaves when it builds."""

    outcomes: tuple[str, ...] = ("SUCCESS",)
    duration: float = 20.0
    lines: int = 40
    stages: tuple[str, ...] = ("Checkout", "Build", "Test", "Deploy")
    quiet_period: float = 5.0
    label: str | None = None
    concurrent: bool = False
    ignores_stop: bool = False
    tests: bool = False  # finished builds carry JUnit results (reports.py)
    approval: Approval | None = None  # an `input` step: builds wait there (approval.py)


class Job(Item):
    def __init__(
        self,
        name: str,
        parent: Folder,
        kind: str = "freestyle",
        *,
        display_name: str | None = None,
        description: str | None = None,
        params: list[ParamDef] | None = None,
        disabled: bool = False,
        settings: JobSettings | None = None,
    ) -> None:
        super().__init__(name, parent, display_name, description)
        self.kind = kind
        self.params = params or []
        self.disabled = disabled
        self.settings = settings or JobSettings()
        self.builds: dict[int, Build] = {}
        self.next_build_number = 1
        self.queue_entry: Any = None  # the live QueueEntry, set by the simulator

    @property
    def class_name(self) -> str:
        return JOB_CLASSES[self.kind]

    @property
    def is_buildable(self) -> bool:
        return not self.disabled and super().is_buildable

    def planned_result(self, number: int) -> str:
        outcomes = self.settings.outcomes
        return outcomes[number % len(outcomes)]

    def flow(self, number: int) -> tuple[FlowStage, ...]:
        """Build `number`'s stages and steps (a Pipeline's; none for other jobs)."""
        if self.kind != "pipeline":
            return ()
        settings = self.settings
        waits_in = settings.approval.stage if settings.approval else None
        return plan(settings.stages, settings.duration, self.planned_result(number), waits_in)

    def script(self, number: int, params: list[ParamValue], causes: list[Cause]) -> Script:
        """What build `number` writes: made on demand, as most seeded logs are never read."""
        settings = self.settings
        result = self.planned_result(number)
        cause = causes[0] if causes else Cause("admin", "admin")
        cause_line = started_by(cause.user_id, cause.user_name)
        shown = [p.as_queue_param() for p in params if p.kind != "password"]
        if self.kind == "pipeline":
            return pipeline_script(
                cause_line,
                shown,
                self.flow(number),
                settings.duration,
                result,
                settings.lines,
                self.full_name,
            )
        return freestyle_script(
            self.full_name, cause_line, shown, settings.duration, result, settings.lines
        )

    def newest_builds(self) -> list[Build]:
        return sorted(self.builds.values(), key=lambda b: b.number, reverse=True)[:100]

    def last(self, predicate: Any = None) -> Build | None:
        if predicate is None:  # every job's colour asks: no sort for it
            return self.builds[max(self.builds)] if self.builds else None
        for build in self.newest_builds():
            if predicate is None or predicate(build):
                return build
        return None

    def running(self) -> list[Build]:
        return [b for b in self.builds.values() if b.building]

    def color(self) -> str:
        last = self.last()
        if self.disabled:
            return "disabled_anime" if last and last.building else "disabled"
        if last is None:
            return "notbuilt"
        if last.building:
            previous = self.last(lambda b: not b.building)
            base = RESULT_COLORS.get(previous.result or "", "notbuilt") if previous else "notbuilt"
            return base + "_anime"
        return RESULT_COLORS.get(last.result or "", "notbuilt")

    def health_stats(self) -> tuple[int, int, int] | None:
        done = [b for b in self.newest_builds() if not b.building][:5]
        if not done:
            return None
        failed = sum(1 for b in done if b.result != "SUCCESS")
        return 100 * (len(done) - failed) // len(done), failed, len(done)

    def health(self) -> list[Record]:
        stats = self.health_stats()
        return [health_record(*stats)] if stats else []

    def property_records(self) -> list[Record]:
        return [params_property(self.params)] if self.params else []

    def action_records(self) -> list[Record]:
        actions = [EMPTY_ACTION, EMPTY_ACTION]
        # Only AbstractProject lists its parameters in `actions` too; Pipeline jobs do not.
        if self.params and self.kind != "pipeline":
            actions.insert(0, params_property(self.params))
        return actions

    @property
    def props(self) -> Sequence[Prop]:
        return _job_props(self.kind)


@cache
def _job_props(kind: str) -> tuple[Prop, ...]:
    """A job's exported properties, made once per kind (as `_folder_props`)."""
    base = (
        Prop("actions", lambda o, c: o.action_records()),
        Prop("allBuilds", lambda o, c: sorted(o.builds.values(), key=lambda b: -b.number), -2),
        *Item.ITEM_PROPS,
        Prop("buildable", lambda o, c: o.is_buildable),
        Prop("builds", lambda o, c: o.newest_builds()),
        Prop("color", lambda o, c: o.color(), 2),
        Prop(
            "firstBuild",
            lambda o, c: min(o.builds.values(), key=lambda b: b.number, default=None),
        ),
        Prop("healthReport", lambda o, c: o.health()),
        Prop("inQueue", lambda o, c: o.queue_entry is not None),
        Prop("keepDependencies", lambda o, c: False),
        *(_permalink_prop(name) for name in PERMALINKS),
        Prop("nextBuildNumber", lambda o, c: o.next_build_number),
        Prop("property", lambda o, c: o.property_records(), inline=True),
        Prop("queueItem", lambda o, c: o.queue_entry),
        Prop("concurrentBuild", lambda o, c: o.settings.concurrent),
        Prop("disabled", lambda o, c: o.disabled),
    )
    if kind == "pipeline":
        return (*base, Prop("resumeBlocked", lambda o, c: False))
    return (
        *base,
        Prop("downstreamProjects", lambda o, c: []),
        Prop("labelExpression", lambda o, c: o.settings.label),
        Prop("scm", lambda o, c: record("hudson.scm.NullSCM")),
        Prop("upstreamProjects", lambda o, c: []),
    )


def _permalink_prop(name: str) -> Prop:
    test = PERMALINKS[name]
    return Prop(name, lambda job, _ctx: job.last(test))


@dataclass(eq=False)
class Build:
    job: Job
    number: int
    queue_id: int
    timestamp: int  # ms
    params: list[ParamValue] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    building: bool = True
    result: str | None = None
    duration: int = 0  # ms, 0 while running
    estimated: int = -1
    log: bytearray | None = None
    written: int = 0  # script segments already in `log`
    stop_level: int = 0  # 1 after stop, 2 after term (for builds that ignore stop)
    input: InputState = field(default_factory=InputState)

    def elapsed(self, now: int, time_scale: float) -> float:
        """Seconds into its script (before time scaling): the time spent waiting for an
        input does not count, and while it waits the script stands still."""
        state = self.input
        paused = state.paused_ms + (now - state.since if state.since is not None else 0)
        return (now - self.timestamp - paused) * time_scale / 1000

    def input_at(self) -> float | None:
        """When its script reaches the input step, if it has one."""
        approval = self.job.settings.approval
        if approval is None:
            return None
        steps = [step for stage in self.job.flow(self.number) for step in stage.leaves()]
        return next((step.start for step in steps if step.name == INPUT_STEP), None)

    @property
    def url_path(self) -> str:
        return f"{self.job.url_path}{self.number}/"

    @property
    def class_name(self) -> str:
        return BUILD_CLASSES[self.job.kind]

    @cached_property
    def script(self) -> Script:
        return self.job.script(self.number, self.params, self.causes)

    def full_log(self) -> bytearray:
        """The log as written so far; finished builds of the seed write theirs on first read."""
        if self.log is None:
            self.log = bytearray()
            for segment in self.script.segments:
                self.log += segment.data
            self.written = len(self.script.segments)
            if not self.building and self.result:
                self.log += finish_lines(self.result)
        return self.log

    def actions(self, ctx: Context) -> list[Record]:
        actions: list[Record] = []
        if self.params:
            actions.append(parameters_action(self.params))
        actions.append(causes_action(self.causes))
        actions += [EMPTY_ACTION, EMPTY_ACTION]
        if reports.has_report(self):
            actions.append(reports.summary_action(self))
        approval = self.job.settings.approval
        if approval is not None and self.building:
            actions.append(action(approval, self.input, ctx.input_executions))
        return actions

    @property
    def props(self) -> Sequence[Prop]:
        return _build_props(self.job.kind == "pipeline")


@cache
def _build_props(pipeline: bool) -> tuple[Prop, ...]:
    """A build's exported properties, made once per kind of job (as `_folder_props`)."""
    base = (
        Prop("actions", lambda o, c: o.actions(c)),
        Prop("artifacts", lambda o, c: artifacts.listing(o)),
        Prop("building", lambda o, c: o.building),
        Prop("description", lambda o, c: None),
        Prop("displayName", lambda o, c: f"#{o.number}"),
        Prop("duration", lambda o, c: o.duration),
        Prop("estimatedDuration", lambda o, c: o.estimated),
        Prop("executor", lambda o, c: record("hudson.model.Executor") if o.building else None),
        Prop("fullDisplayName", lambda o, c: f"{o.job.full_display_name} #{o.number}"),
        Prop("id", lambda o, c: str(o.number)),
        Prop("inProgress", lambda o, c: o.building),
        Prop("keepLog", lambda o, c: False),
        Prop("number", lambda o, c: o.number, HIGH),
        Prop("queueId", lambda o, c: o.queue_id),
        Prop("result", lambda o, c: o.result),
        Prop("timestamp", lambda o, c: o.timestamp),
        Prop("url", lambda o, c: c.root_url + o.url_path, HIGH),
    )
    if pipeline:
        return (
            *base,
            Prop("changeSets", lambda o, c: changes.change_sets(o)),
            Prop("culprits", lambda o, c: []),
            Prop("nextBuild", lambda o, c: o.job.builds.get(o.number + 1)),
            Prop("previousBuild", lambda o, c: o.job.builds.get(o.number - 1)),
        )
    return (
        *base,
        Prop("builtOn", lambda o, c: ""),
        Prop("changeSet", lambda o, c: changes.change_set(o)),
        Prop("culprits", lambda o, c: []),
    )
