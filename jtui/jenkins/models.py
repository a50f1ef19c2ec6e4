"""Typed, immutable views of Jenkins' JSON.

Parsers are tolerant: a missing or oddly typed field becomes a neutral value rather than an
exception, because old servers, plugins and `tree=` queries all leave fields out.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .paths import full_name_from_path, relative_path
from .shapes import integer

if TYPE_CHECKING:  # parsed only for a build or a job page: `jtui jobs` never loads them
    from .parameters import AnyParameter, JsonObject, ParameterValue


class ItemKind(StrEnum):
    FREESTYLE = "freestyle"
    PIPELINE = "pipeline"
    MATRIX = "matrix"
    MAVEN = "maven"
    OTHER = "other"
    FOLDER = "folder"
    MULTIBRANCH = "multibranch"
    ORGANIZATION = "organization"

    @property
    def is_folder(self) -> bool:
        return self in _FOLDER_KINDS


_FOLDER_KINDS = frozenset({ItemKind.FOLDER, ItemKind.MULTIBRANCH, ItemKind.ORGANIZATION})

_KIND_BY_CLASS = {
    "hudson.model.FreeStyleProject": ItemKind.FREESTYLE,
    "org.jenkinsci.plugins.workflow.job.WorkflowJob": ItemKind.PIPELINE,
    "hudson.matrix.MatrixProject": ItemKind.MATRIX,
    "hudson.maven.MavenModuleSet": ItemKind.MAVEN,
    "com.cloudbees.hudson.plugins.folder.Folder": ItemKind.FOLDER,
    "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject": (ItemKind.MULTIBRANCH),
    "jenkins.branch.OrganizationFolder": ItemKind.ORGANIZATION,
}


def kind_of(class_name: str, has_children: bool) -> ItemKind:
    """The kind of an item; an unknown class that holds `jobs` is some kind of folder."""
    known = _KIND_BY_CLASS.get(class_name)
    if known is not None:
        return known
    return ItemKind.FOLDER if has_children else ItemKind.OTHER


class BuildResult(StrEnum):
    SUCCESS = "SUCCESS"
    UNSTABLE = "UNSTABLE"
    FAILURE = "FAILURE"
    NOT_BUILT = "NOT_BUILT"
    ABORTED = "ABORTED"

    @classmethod
    def parse(cls, value: Any) -> BuildResult | None:
        try:
            return cls(value) if isinstance(value, str) else None
        except ValueError:
            return None


def _str(raw: JsonObject, key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


def _int(raw: JsonObject, key: str) -> int | None:
    return integer(raw.get(key))


def _time(ms: int | None) -> datetime | None:
    return datetime.fromtimestamp(ms / 1000, UTC) if ms and ms > 0 else None


def _duration(ms: int | None) -> timedelta | None:
    return timedelta(milliseconds=ms) if ms is not None and ms >= 0 else None


@dataclass(frozen=True, slots=True)
class ServerInfo:
    version: str
    session: str | None
    root_url: str | None
    use_crumbs: bool
    use_security: bool
    quieting_down: bool
    description: str | None
    num_executors: int | None

    @classmethod
    def parse(cls, raw: JsonObject, version: str, session: str | None) -> ServerInfo:
        return cls(
            version=version,
            session=session,
            root_url=_str(raw, "url"),
            use_crumbs=raw.get("useCrumbs") is not False,
            use_security=raw.get("useSecurity") is not False,
            quieting_down=raw.get("quietingDown") is True,
            description=_str(raw, "description") or None,
            num_executors=_int(raw, "numExecutors"),
        )


@dataclass(frozen=True, slots=True)
class WhoAmI:
    name: str
    anonymous: bool
    authorities: tuple[str, ...]

    @classmethod
    def parse(cls, raw: JsonObject) -> WhoAmI:
        authorities = raw.get("authorities")
        return cls(
            name=str(raw.get("name", "")),
            # `authenticated` is true even for anonymous callers; only `anonymous` tells.
            anonymous=raw.get("anonymous") is True or raw.get("name") == "anonymous",
            authorities=tuple(str(a) for a in authorities) if isinstance(authorities, list) else (),
        )


@dataclass(frozen=True, slots=True)
class Cause:
    description: str
    user_id: str | None
    user_name: str | None
    class_name: str


def parse_causes(actions: Any) -> tuple[Cause, ...]:
    if not isinstance(actions, list):
        return ()
    causes: list[Cause] = []
    for action in actions:
        if not isinstance(action, dict):
            continue
        for raw in action.get("causes") or []:
            if isinstance(raw, dict):
                causes.append(
                    Cause(
                        description=_str(raw, "shortDescription") or "",
                        user_id=_str(raw, "userId"),
                        user_name=_str(raw, "userName"),
                        class_name=str(raw.get("_class", "")),
                    )
                )
    return tuple(causes)


@dataclass(frozen=True, slots=True)
class Build:
    """A build, from a job's `builds`/`lastBuild` or from the build's own `api/json`."""

    job_full_name: str
    number: int
    url_path: str
    result: BuildResult | None
    building: bool
    in_progress: bool
    started_at: datetime | None
    duration: timedelta | None
    estimated_duration: timedelta | None
    queue_id: int | None
    display_name: str | None
    description: str | None
    class_name: str
    parameters: tuple[ParameterValue, ...]
    causes: tuple[Cause, ...]

    @classmethod
    def parse(cls, raw: JsonObject, job_full_name: str, context_path: str) -> Build:
        number = _int(raw, "number") or 0
        url = _str(raw, "url")
        building = raw.get("building") is True
        in_progress = raw.get("inProgress")
        return cls(
            job_full_name=job_full_name,
            number=number,
            url_path=relative_path(url, context_path) if url else "",
            result=BuildResult.parse(raw.get("result")),
            building=building,
            in_progress=in_progress if isinstance(in_progress, bool) else building,
            started_at=_time(_int(raw, "timestamp")),
            # Jenkins reports 0 while a build runs; that is not a duration.
            duration=None if building else _duration(_int(raw, "duration")),
            estimated_duration=_duration(_int(raw, "estimatedDuration")),
            queue_id=_int(raw, "queueId"),
            display_name=_str(raw, "displayName"),
            description=_str(raw, "description"),
            class_name=str(raw.get("_class", "")),
            parameters=_parameter_values(raw.get("actions")),
            causes=parse_causes(raw.get("actions")),
        )

    @property
    def is_running(self) -> bool:
        """Running is `building`/`inProgress`, never `result is None`: results can come early."""
        return self.building or self.in_progress

    @property
    def is_pipeline(self) -> bool:
        return self.class_name == "org.jenkinsci.plugins.workflow.job.WorkflowRun"


@dataclass(frozen=True, slots=True)
class Health:
    score: int
    description: str


def _health(raw: Any) -> Health | None:
    if not isinstance(raw, list) or not raw or not isinstance(raw[0], dict):
        return None
    score = _int(raw[0], "score")
    return Health(score, _str(raw[0], "description") or "") if score is not None else None


@dataclass(frozen=True, slots=True)
class Item:
    """A job or a folder-like item, as listed in a parent's `jobs`."""

    full_name: str
    name: str
    display_name: str
    kind: ItemKind
    class_name: str
    color: str | None
    last_build: Build | None
    health: Health | None

    @property
    def parent_name(self) -> str:
        return self.full_name.rpartition("/")[0]

    @property
    def is_folder(self) -> bool:
        return self.kind.is_folder

    @property
    def is_building(self) -> bool:
        return bool(self.color and self.color.endswith("_anime"))

    @classmethod
    def parse(cls, raw: JsonObject, parent: str, context_path: str) -> Item:
        name = str(raw.get("name", ""))
        full_name = _str(raw, "fullName") or (f"{parent}/{name}" if parent else name)
        # Tens of thousands of items share a few classes and colours: one string each.
        class_name = sys.intern(str(raw.get("_class", "")))
        color = _str(raw, "color")
        last_build = raw.get("lastBuild")
        return cls(
            full_name=full_name,
            name=name,
            display_name=_str(raw, "displayName") or name,
            kind=kind_of(class_name, isinstance(raw.get("jobs"), list)),
            class_name=class_name,
            color=sys.intern(color) if color else color,
            last_build=(
                Build.parse(last_build, full_name, context_path)
                if isinstance(last_build, dict) and "number" in last_build
                else None
            ),
            health=_health(raw.get("healthReport")),
        )


@dataclass(frozen=True, slots=True)
class Job:
    """A job's own page: description, parameters, recent builds."""

    item: Item
    description: str | None
    buildable: bool
    in_queue: bool
    concurrent: bool
    next_build_number: int | None
    parameters: tuple[AnyParameter, ...]
    builds: tuple[Build, ...]
    queue_item_id: int | None

    @classmethod
    def parse(cls, raw: JsonObject, full_name: str, context_path: str) -> Job:
        parent = full_name.rpartition("/")[0]
        item = Item.parse({**raw, "fullName": full_name}, parent, context_path)
        builds = raw.get("builds")
        queue_item = raw.get("queueItem")
        return cls(
            item=item,
            description=_str(raw, "description") or None,
            buildable=raw.get("buildable") is not False,
            in_queue=raw.get("inQueue") is True,
            concurrent=raw.get("concurrentBuild") is True,
            next_build_number=_int(raw, "nextBuildNumber"),
            parameters=_parameter_definitions(raw.get("property")),
            builds=tuple(
                Build.parse(b, full_name, context_path)
                for b in (builds if isinstance(builds, list) else [])
                if isinstance(b, dict) and "number" in b
            ),
            queue_item_id=_int(queue_item, "id") if isinstance(queue_item, dict) else None,
        )


class QueueState(StrEnum):
    WAITING = "waiting"
    BLOCKED = "blocked"
    BUILDABLE = "buildable"
    LEFT = "left"
    UNKNOWN = "unknown"


_STATE_BY_CLASS = {
    "hudson.model.Queue$WaitingItem": QueueState.WAITING,
    "hudson.model.Queue$BlockedItem": QueueState.BLOCKED,
    "hudson.model.Queue$BuildableItem": QueueState.BUILDABLE,
    "hudson.model.Queue$LeftItem": QueueState.LEFT,
}


def _queue_state(raw: JsonObject) -> QueueState:
    state = _STATE_BY_CLASS.get(str(raw.get("_class", "")))
    if state is not None:
        return state
    # Captures from before `_class` existed: infer from the fields each subclass has.
    if "cancelled" in raw or "executable" in raw:
        return QueueState.LEFT
    if raw.get("blocked") is True:
        return QueueState.BLOCKED
    if raw.get("buildable") is True:
        return QueueState.BUILDABLE
    return QueueState.WAITING if "timestamp" in raw else QueueState.UNKNOWN


@dataclass(frozen=True, slots=True)
class BuildRef:
    job_full_name: str | None
    number: int
    url_path: str


@dataclass(frozen=True, slots=True)
class QueueItem:
    id: int
    state: QueueState
    why: str | None
    task_name: str | None
    job_full_name: str | None
    in_queue_since: datetime | None
    stuck: bool
    cancelled: bool
    executable: BuildRef | None
    parameters: tuple[ParameterValue, ...]
    causes: tuple[Cause, ...]

    @classmethod
    def parse(cls, raw: JsonObject, context_path: str) -> QueueItem:
        task_raw = raw.get("task")
        task: JsonObject = task_raw if isinstance(task_raw, dict) else {}
        task_url = _str(task, "url")
        job_full_name = (
            full_name_from_path(relative_path(task_url, context_path)) if task_url else None
        )
        executable = raw.get("executable")
        build_ref = None
        if isinstance(executable, dict) and _int(executable, "number") is not None:
            url = _str(executable, "url") or ""
            path = relative_path(url, context_path) if url else ""
            build_ref = BuildRef(
                full_name_from_path(path) or job_full_name, executable["number"], path
            )
        return cls(
            id=_int(raw, "id") or 0,
            state=_queue_state(raw),
            why=_str(raw, "why"),
            task_name=_str(task, "name"),
            job_full_name=job_full_name,
            in_queue_since=_time(_int(raw, "inQueueSince")),
            stuck=raw.get("stuck") is True,
            cancelled=raw.get("cancelled") is True,
            executable=build_ref,
            parameters=_parameter_values(raw.get("actions")),
            causes=parse_causes(raw.get("actions")),
        )

    @property
    def is_done(self) -> bool:
        """Left the queue with a build, or cancelled. A left item with neither is not done."""
        return self.cancelled or self.executable is not None


@dataclass(frozen=True, slots=True)
class QueueRef:
    """Where a triggered build waits: the queue item from the `Location` header."""

    id: int
    job_full_name: str
    merged: bool


def _parameter_values(actions: Any) -> tuple[ParameterValue, ...]:
    from .parameters import parse_values

    return parse_values(actions)


def _parameter_definitions(raw: Any) -> tuple[AnyParameter, ...]:
    from .parameters import parse_definitions

    return parse_definitions(raw)
