"""The other servers of `jtui --demo`: a staging and a legacy controller beside the full
demo ("prod"), each with its own jobs, version and nodes, so that the dashboard has a
fleet to show — a failing build, an offline node and a pending input among them."""

from __future__ import annotations

import random

from .approval import Approval
from .instance import Instance
from .model import Folder, Job, JobSettings
from .nodes import BROKEN_CAUSE, BUILT_IN, Node, OfflineCause
from .params import ParamDef
from .seed import add_history, start_running
from .users import READ, User

FLAVOURS = ("prod", "staging", "legacy")
VERSIONS = {"staging": "2.541", "legacy": "2.319.3"}


def seed_flavour(inst: Instance, user: User, flavour: str) -> None:
    """Fill an empty instance as the `staging` or `legacy` server."""
    inst.users[user.id] = user
    inst.users["viewer"] = User("viewer", "Read-only Viewer", frozenset({READ}))
    inst.version = VERSIONS[flavour]
    now = inst.clock.now()
    if flavour == "staging":
        _staging(inst, user, now)
    else:
        _legacy(inst, now)
    rng = random.Random(flavour)
    for job in inst.jobs():
        add_history(inst, job, rng, now)
    if flavour == "staging":
        for name in ("deploy-staging", "promote"):
            start_running(inst, inst.job(name), user, now - inst.clock.span(120))


def _staging(inst: Instance, user: User, now: int) -> None:
    root = inst.root
    inst.description = "Staging: what goes to production is tried here first."
    inst.nodes = [
        Node(BUILT_IN, 0, ("built-in",), "the staging controller's built-in node"),
        Node("staging-agent-1", 2, ("linux",), "Ubuntu 24.04"),
        Node(
            "staging-agent-2",
            2,
            ("linux",),
            "Ubuntu 24.04",
            connected=False,
            cause=OfflineCause(BROKEN_CAUSE, "Connection was broken: agent rebooting", now, ""),
        ),
    ]
    quick = JobSettings(duration=10.0, lines=12)
    root.add(Job("deploy-staging", root, "pipeline", settings=JobSettings(duration=600.0)))
    root.add(Job("smoke-tests", root, settings=quick))
    root.add(
        Job("integration-tests", root, settings=JobSettings(outcomes=("FAILURE",), duration=60.0))
    )
    gate = Approval(
        "Promote",
        "Promote build to production?",
        "Promote",
        ok="Promote",
        submitter=user.id,
        params=(ParamDef("string", "TICKET", "The change ticket", "CHG-0000"),),
    )
    root.add(
        Job(
            "promote",
            root,
            "pipeline",
            description="Waits for a go-ahead, then promotes the build to production.",
            settings=JobSettings(duration=30.0, stages=("Check", "Promote", "Tag"), approval=gate),
        )
    )
    data = Folder("data", root, description="Data pipelines")
    root.add(data)
    data.add(Job("etl-nightly", data, "pipeline", settings=quick))


def _legacy(inst: Instance, now: int) -> None:
    root = inst.root
    inst.description = "The old controller: freestyle jobs that nobody has moved yet."
    inst.nodes = [
        Node(BUILT_IN, 2, ("built-in",), "the legacy controller, which builds on itself"),
        Node(
            "solaris-1",
            1,
            ("solaris",),
            "Solaris 11 (SPARC)",
            connected=False,
            cause=OfflineCause(BROKEN_CAUSE, "Connection was broken: host unreachable", now, ""),
        ),
    ]
    inst.nodes[0].labels = ("built-in", "linux")
    quick = JobSettings(duration=15.0, lines=10)
    root.add(Job("legacy-build", root, settings=quick))
    root.add(Job("nightly-backup", root, settings=JobSettings(outcomes=("UNSTABLE",))))
    root.add(Job("solaris-package", root, settings=JobSettings(label="solaris")))
    root.add(Job("reports", root, settings=quick, disabled=True))
