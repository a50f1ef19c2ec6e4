"""The whole demo Jenkins state: items, users, queue, sessions, the clock and the lock."""

from __future__ import annotations

import random
import secrets
import threading
import time
import uuid
from collections.abc import Iterator, Sequence

from .export import Prop, record
from .model import Build, Folder, Item, Job, all_view
from .nodes import Node
from .queue import QueueEntry
from .scans import Scan
from .users import Sessions, User
from .views import View

# A recent weekly: ≥ 2.509 progressiveText, ≥ 2.524 build errors, ≥ 2.548 token expiry.
JENKINS_VERSION = "2.550"
LEFT_ITEM_LIFETIME = 300.0  # seconds a left queue item stays visible (Queue.leftItems)
START_DELAY = 0.5  # seconds a left item shows `executable: null` before its build exists


class Clock:
    """Wall-clock time; waits and durations shrink by `time_scale` (tests use 20–100).

    `epoch_ms` pins the start to a fixed moment, so screenshots and snapshots never change.
    """

    def __init__(self, time_scale: float = 1.0, epoch_ms: int | None = None) -> None:
        if time_scale <= 0:
            raise ValueError("time scale must be positive")
        self.time_scale = time_scale
        self._epoch_ms = epoch_ms
        self._started = time.monotonic()

    def now(self) -> int:
        if self._epoch_ms is None:
            return int(time.time() * 1000)
        return self._epoch_ms + int((time.monotonic() - self._started) * 1000)

    def span(self, seconds: float) -> int:
        """Milliseconds of real time that `seconds` of Jenkins time take."""
        return int(seconds * 1000 / self.time_scale)


class Instance:
    def __init__(
        self, time_scale: float = 1.0, executors: int = 4, epoch_ms: int | None = None
    ) -> None:
        self.lock = threading.RLock()
        self.clock = Clock(time_scale, epoch_ms)
        # A pinned clock pins the token uuids too, so snapshots stay the same.
        self._uuids = random.Random(epoch_ms) if epoch_ms is not None else random.SystemRandom()
        self.version = JENKINS_VERSION
        self.session_id = secrets.token_hex(4)
        self.root = Folder("", None)
        self.description = "Demo Jenkins for jtui — every job here is simulated."
        self.users: dict[str, User] = {}
        self.blobs: dict[str, tuple[str, bytes]] = {}  # an external artifact store's files
        self.sessions = Sessions()
        self.queue: dict[int, QueueEntry] = {}
        self.next_queue_id = 101
        self.executors = executors
        self.nodes: list[Node] = []  # seeded: see nodes.seed_nodes
        self.scans: dict[str, Scan] = {}  # a multibranch's full name → its last scan
        self.views: list[View] = []  # seeded: see views.seed_views; none: only `all`
        self.running: set[Build] = set()

    # -- lookups ---------------------------------------------------------------------------

    def item(self, names: Sequence[str]) -> Item | None:
        current: Item = self.root
        for name in names:
            if not isinstance(current, Folder) or name not in current.children:
                return None
            current = current.children[name]
        return current

    def job(self, full_name: str) -> Job:
        found = self.item(full_name.split("/"))
        if not isinstance(found, Job):
            raise KeyError(full_name)
        return found

    def jobs(self, folder: Folder | None = None) -> Iterator[Job]:
        for child in (folder or self.root).children.values():
            if isinstance(child, Job):
                yield child
            elif isinstance(child, Folder):
                yield from self.jobs(child)

    def live_queue(self) -> list[QueueEntry]:
        return sorted((e for e in self.queue.values() if e.is_live), key=lambda e: e.id)

    def new_uuid(self) -> str:
        return str(uuid.UUID(int=self._uuids.getrandbits(128), version=4))

    def take_queue_id(self) -> int:
        self.next_queue_id += 1
        return self.next_queue_id - 1

    # -- export ----------------------------------------------------------------------------

    @property
    def class_name(self) -> str:
        return "hudson.model.Hudson"

    @property
    def props(self) -> Sequence[Prop]:
        return (
            Prop("assignedLabels", lambda o, c: [record(None, name="built-in")]),
            Prop("mode", lambda o, c: "NORMAL"),
            Prop("nodeDescription", lambda o, c: "the Jenkins controller's built-in node"),
            Prop("nodeName", lambda o, c: ""),
            Prop("numExecutors", lambda o, c: sum(n.executors for n in o.nodes if n.built_in)),
            Prop("description", lambda o, c: o.description),
            Prop("jobs", lambda o, c: o.root.jobs()),
            Prop("overallLoad", lambda o, c: record(None)),
            Prop("primaryView", lambda o, c: o.views[0] if o.views else all_view(c.root_url)),
            Prop("quietDownReason", lambda o, c: None),
            Prop("quietingDown", lambda o, c: False),
            Prop("slaveAgentPort", lambda o, c: -1),
            Prop("unlabeledLoad", lambda o, c: record("jenkins.model.UnlabeledLoadStatistics")),
            Prop("url", lambda o, c: c.root_url),
            Prop("useCrumbs", lambda o, c: True),
            Prop("useSecurity", lambda o, c: True),
            Prop("views", lambda o, c: o.views or [all_view(c.root_url)]),
        )
