"""The demo's nodes (`/computer`), as core Jenkins exports and changes them.

A node is offline when its agent is disconnected or someone took it offline for a while
(`temporarilyOffline`, with a `UserCause` "Disconnected by admin : message"). Running builds
are placed on executors when exported: a freestyle build on an agent's executor, a Pipeline
run on the built-in node's one-off executor, with its `node {}` block holding an agent
executor as a `PlaceholderExecutable` ("app #42 (Build)").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .export import HIGH, Prop, Record, record

if TYPE_CHECKING:
    from .instance import Instance
    from .model import Build

BUILT_IN = "(built-in)"
BUILT_IN_ALIASES = (BUILT_IN, "(master)")  # the old name still resolves (Jenkins ≥ 2.307)
USER_CAUSE = "hudson.slaves.OfflineCause$UserCause"
BROKEN_CAUSE = "hudson.slaves.OfflineCause$ChannelTermination"
PLACEHOLDER = (
    "org.jenkinsci.plugins.workflow.support.steps.ExecutorStepExecution$PlaceholderTask"
    "$PlaceholderExecutable"
)


@dataclass(frozen=True, slots=True)
class OfflineCause:
    class_name: str
    description: str
    timestamp: int  # ms
    reason: str  # what `offlineCauseReason` says: the message alone


@dataclass(eq=False)
class Node:
    name: str  # BUILT_IN for the controller's own node
    executors: int
    labels: tuple[str, ...] = ()
    description: str = ""
    connected: bool = True
    temporarily_offline: bool = False
    cause: OfflineCause | None = None

    @property
    def built_in(self) -> bool:
        return self.name == BUILT_IN

    @property
    def offline(self) -> bool:
        return not self.connected or self.temporarily_offline

    @property
    def display_name(self) -> str:
        return "Built-In Node" if self.built_in else self.name

    def carries(self, label: str | None) -> bool:
        """Whether builds with this label (None: any) may run here; a built-in node without
        executors takes none."""
        return (self.executors > 0 or not self.built_in) and (label is None or label in self.labels)

    def take_offline(self, user: str, message: str, now: int) -> None:
        """`toggleOffline` on an online node, or `changeOfflineCause`."""
        said = f"Disconnected by {user}" + (f" : {message}" if message else "")
        self.temporarily_offline = True
        self.cause = OfflineCause(USER_CAUSE, said, now, message)

    def bring_online(self) -> None:
        self.temporarily_offline = False
        if self.connected:
            self.cause = None


def seed_nodes(inst: Instance, now: int) -> None:
    linux = inst.executors
    inst.nodes = [
        Node(BUILT_IN, 0, ("built-in",), "the Jenkins controller's built-in node"),
        Node("linux-agent-1", (linux + 1) // 2, ("linux", "docker"), "Debian 12, 8 CPUs"),
        Node("linux-agent-2", linux // 2, ("linux",), "Debian 12, 8 CPUs"),
        Node(
            "mac-agent-1",
            1,
            ("mac",),
            "macOS 15 for iOS builds",
            temporarily_offline=True,
            cause=OfflineCause(
                USER_CAUSE, "Disconnected by admin : Xcode 16 upgrade", now, "Xcode 16 upgrade"
            ),
        ),
        Node(
            "windows-agent-1",
            1,
            ("windows",),
            "Windows Server 2022",
            connected=False,
            cause=OfflineCause(
                BROKEN_CAUSE,
                "Connection was broken: java.nio.channels.ClosedChannelException",
                now,
                "",
            ),
        ),
    ]


def find(inst: Instance, name: str) -> Node | None:
    wanted = BUILT_IN if name in BUILT_IN_ALIASES else name
    return next((node for node in inst.nodes if node.name == wanted), None)


def capacity(inst: Instance, label: str | None) -> int:
    """Executors that can take a build with this label now."""
    return sum(n.executors for n in inst.nodes if n.carries(label) and not n.offline)


def offline_carrier(inst: Instance, label: str | None) -> Node | None:
    """The offline node a label waits for, when every node carrying it is offline."""
    carriers = [n for n in inst.nodes if n.carries(label)]
    if label is None or not carriers or any(not n.offline for n in carriers):
        return None
    return carriers[0]


# -- export ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """One executor, idle or running something."""

    number: int
    running: Any  # a Build, a placeholder Record, or None
    progress: int

    @property
    def class_name(self) -> str:
        return "hudson.model.Executor"

    @property
    def props(self) -> Sequence[Prop]:
        return (
            Prop("currentExecutable", lambda o, c: o.running),
            Prop("idle", lambda o, c: o.running is None),
            Prop("likelyStuck", lambda o, c: False),
            Prop("number", lambda o, c: o.number),
            Prop("progress", lambda o, c: o.progress),
        )


@dataclass(frozen=True, slots=True)
class ComputerView:
    node: Node
    slots: tuple[Slot, ...]
    one_off: tuple[Slot, ...]

    @property
    def class_name(self) -> str:
        return (
            "hudson.model.Hudson$MasterComputer"
            if self.node.built_in
            else ("hudson.slaves.SlaveComputer")
        )

    @property
    def props(self) -> Sequence[Prop]:
        node = self.node
        cause = node.cause
        return (
            Prop("actions", lambda o, c: []),
            Prop("assignedLabels", lambda o, c: [record(None, name=n) for n in node.labels]),
            Prop("description", lambda o, c: node.description),
            Prop("displayName", lambda o, c: node.display_name, HIGH),
            Prop("executors", lambda o, c: list(o.slots)),
            Prop("icon", lambda o, c: "symbol-computer-x" if node.offline else "symbol-computer"),
            Prop("iconClassName", lambda o, c: "icon-computer"),
            Prop("idle", lambda o, c: all(s.running is None for s in o.slots + o.one_off)),
            Prop("jnlpAgent", lambda o, c: False),
            Prop("launchSupported", lambda o, c: not node.built_in),
            Prop("loadStatistics", lambda o, c: record("hudson.model.Label$1")),
            Prop("manualLaunchAllowed", lambda o, c: not node.built_in),
            Prop("monitorData", lambda o, c: {}),
            Prop("numExecutors", lambda o, c: node.executors),
            Prop("offline", lambda o, c: node.offline),
            Prop("offlineCause", lambda o, c: _cause(cause)),
            Prop("offlineCauseReason", lambda o, c: cause.reason if cause else ""),
            Prop("oneOffExecutors", lambda o, c: list(o.one_off)),
            Prop("temporarilyOffline", lambda o, c: node.temporarily_offline),
        )


@dataclass(frozen=True, slots=True)
class ComputerSet:
    computers: tuple[ComputerView, ...]

    @property
    def class_name(self) -> str:
        return "hudson.model.ComputerSet"

    @property
    def props(self) -> Sequence[Prop]:
        # Jenkins counts the executors of online nodes only.
        slots = [s for view in self.computers if not view.node.offline for s in view.slots]
        return (
            Prop("busyExecutors", lambda o, c: sum(s.running is not None for s in slots)),
            Prop("computer", lambda o, c: list(o.computers), inline=True),
            Prop("displayName", lambda o, c: "Nodes"),
            Prop("totalExecutors", lambda o, c: len(slots)),
        )


def computer_set(inst: Instance) -> ComputerSet:
    return ComputerSet(tuple(_views(inst)))


def computer(inst: Instance, node: Node) -> ComputerView:
    return next(view for view in _views(inst) if view.node is node)


def _views(inst: Instance) -> Iterator[ComputerView]:
    placed = _placements(inst)
    one_off = [
        Slot(index, build, _progress(inst, build))
        for index, build in enumerate(b for b in _running(inst) if b.job.kind == "pipeline")
    ]
    for node in sorted(inst.nodes, key=lambda n: (not n.built_in, n.name.casefold())):
        running = placed.get(node.name, [])
        slots = tuple(
            Slot(i, running[i] if i < len(running) else None, _slot_progress(inst, running, i))
            for i in range(node.executors)
        )
        yield ComputerView(node, slots, tuple(one_off) if node.built_in else ())


def _placements(inst: Instance) -> dict[str, list[Any]]:
    """Which agent executor each running build (or Pipeline `node {}` block) holds."""
    placed: dict[str, list[Any]] = {}
    for build in _running(inst):
        for node in inst.nodes:
            if node.carries(build.job.settings.label) and not node.offline:
                taken = placed.setdefault(node.name, [])
                if len(taken) < node.executors:
                    taken.append(_on_agent(build))
                    break
    return placed


def _running(inst: Instance) -> list[Build]:
    return sorted(inst.running, key=lambda b: (b.timestamp, b.job.full_name))


def _on_agent(build: Build) -> Build | Placeholder:
    return Placeholder(build) if build.job.kind == "pipeline" else build


@dataclass(frozen=True, slots=True)
class Placeholder:
    """What a Pipeline's `node {}` block shows on the agent executor it holds."""

    build: Build

    @property
    def class_name(self) -> str:
        return PLACEHOLDER

    @property
    def props(self) -> Sequence[Prop]:
        build = self.build
        stage = next(iter(build.job.settings.stages), "Build")
        where = f"{build.job.full_display_name} #{build.number} ({stage})"
        return (
            Prop("displayName", lambda o, c: f"#{build.number}"),
            Prop("estimatedDuration", lambda o, c: build.estimated),
            Prop("fullDisplayName", lambda o, c: where),
            Prop("number", lambda o, c: build.number, HIGH),
            Prop("timestamp", lambda o, c: build.timestamp),
            Prop("url", lambda o, c: c.root_url + build.url_path, HIGH),
        )


def _progress(inst: Instance, build: Build) -> int:
    if build.estimated <= 0:
        return -1
    return min(99, int(100 * (inst.clock.now() - build.timestamp) / build.estimated))


def _slot_progress(inst: Instance, running: list[Any], index: int) -> int:
    if index >= len(running):
        return -1
    item = running[index]
    return _progress(inst, item.build if isinstance(item, Placeholder) else item)


def _cause(cause: OfflineCause | None) -> Record | None:
    if cause is None:
        return None
    return record(cause.class_name, description=cause.description, timestamp=cause.timestamp)
