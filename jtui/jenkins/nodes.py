"""The server's nodes (`client.nodes`): `/computer` with a `tree=` (a bare one serialises
every executor, monitor and label), and taking a node offline or bringing it back.

`toggleOffline` flips the "offline for a while" flag, whichever way it stands, and answers
302; `changeOfflineCause` sets the reason (and takes an online node offline). A node whose
agent is disconnected stays offline whatever that flag says: only launching it helps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .paths import full_name_from_path, raw_encode, relative_path
from .shapes import dicts, integer

if TYPE_CHECKING:
    from .client import JenkinsClient

BUILT_IN_CLASS = "hudson.model.Hudson$MasterComputer"
RUNNING = "currentExecutable[_class,url,number,fullDisplayName]"
PIPELINE_RUN = "org.jenkinsci.plugins.workflow.job.WorkflowRun"
TREE = (
    "busyExecutors,totalExecutors,computer[_class,displayName,description,offline,"
    "temporarilyOffline,offlineCauseReason,offlineCause[description],numExecutors,"
    f"assignedLabels[name],executors[idle,{RUNNING}],oneOffExecutors[{RUNNING}]]"
)


@dataclass(frozen=True, slots=True)
class RunningBuild:
    url: str
    name: str  # "app #42" or, for a Pipeline's `node {}` block, "app #42 (Build)"
    job: str | None  # its job's full name, from the URL's path (None: not a job's build)
    number: int | None
    pipeline: bool  # a Pipeline's own run (on a one-off executor), which may wait for input


@dataclass(frozen=True, slots=True)
class Node:
    name: str  # as shown: "Built-In Node" for the controller's own
    path_name: str  # in URLs: "(built-in)" for the controller's own
    description: str
    offline: bool
    temporarily_offline: bool  # taken offline by someone (the agent may still be connected)
    reason: str  # why it is offline: the message given, else the cause ("" when online)
    executors: int
    busy: int
    labels: tuple[str, ...]
    builds: tuple[RunningBuild, ...]  # what its executors run (a Pipeline's own run too)

    @property
    def disconnected(self) -> bool:
        """Offline with no one having taken it offline: its agent is not connected."""
        return self.offline and not self.temporarily_offline


@dataclass(frozen=True, slots=True)
class Nodes:
    nodes: tuple[Node, ...]
    busy: int
    total: int


class NodeApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client

    async def list(self) -> Nodes:
        raw = await self._client.http.get_json("computer/api/json", {"tree": TREE})
        raw = raw if isinstance(raw, dict) else {}
        context = self._client.http.context_path
        nodes = tuple(parse_node(c, context) for c in dicts(raw.get("computer")))
        return Nodes(
            nodes,
            integer(raw.get("busyExecutors")) or sum(n.busy for n in nodes),
            integer(raw.get("totalExecutors")) or sum(n.executors for n in nodes),
        )

    async def toggle_offline(self, node: Node, message: str = "") -> None:
        """Offline for a while (with the message), or back online when it was taken offline."""
        await self._client.http.post(
            _path(node) + "toggleOffline",
            {"offlineMessage": message},
            what=f"toggle {node.name} offline",
            ok_redirect=True,
        )

    async def change_offline_reason(self, node: Node, message: str) -> None:
        await self._client.http.post(
            _path(node) + "changeOfflineCause",
            {"offlineMessage": message},
            what=f"set why {node.name} is offline",
            ok_redirect=True,
        )


def parse_node(raw: dict[str, Any], context_path: str = "/") -> Node:
    built_in = raw.get("_class") == BUILT_IN_CLASS
    name = str(raw.get("displayName") or "")
    cause = raw.get("offlineCause")
    reason = str(raw.get("offlineCauseReason") or "") or (
        str(cause.get("description") or "") if isinstance(cause, dict) else ""
    )
    executors = dicts(raw.get("executors"))
    running = [e.get("currentExecutable") for e in executors + dicts(raw.get("oneOffExecutors"))]
    offline = raw.get("offline") is True
    return Node(
        name=name,
        path_name="(built-in)" if built_in else name,
        description=str(raw.get("description") or ""),
        offline=offline,
        temporarily_offline=raw.get("temporarilyOffline") is True,
        reason=reason if offline else "",
        executors=integer(raw.get("numExecutors")) or len(executors),
        busy=sum(1 for e in executors if e.get("idle") is False),
        labels=tuple(str(label.get("name")) for label in dicts(raw.get("assignedLabels"))),
        builds=tuple(
            _running(r, context_path) for r in running if isinstance(r, dict) and r.get("url")
        ),
    )


def _running(raw: dict[str, Any], context_path: str) -> RunningBuild:
    url = str(raw.get("url"))
    return RunningBuild(
        url,
        str(raw.get("fullDisplayName") or ""),
        full_name_from_path(relative_path(url, context_path)),
        integer(raw.get("number")),
        raw.get("_class") == PIPELINE_RUN,
    )


def _path(node: Node) -> str:
    return f"computer/{raw_encode(node.path_name)}/"
