"""The demo's content: a realistic instance, plus generated jobs for `--jobs N`."""

from __future__ import annotations

import random
from typing import Any

from . import simulator
from .approval import Approval
from .instance import Instance
from .model import Build, Cause, Folder, Job, JobSettings
from .nodes import seed_nodes
from .params import ParamDef, ParamValue
from .users import READ, User
from .views import seed_views

HISTORY = 6  # finished builds per seeded job
MINUTE = 60_000


def every_parameter_type() -> list[ParamDef]:
    return [
        ParamDef("string", "VERSION", "Version to deploy, e.g. 1.4.2", "1.4.2"),
        ParamDef("text", "RELEASE_NOTES", "Shown in the release announcement", "Bug fixes."),
        ParamDef("boolean", "DRY_RUN", "Plan only, change nothing", True),
        ParamDef("choice", "ENVIRONMENT", "Where to deploy", choices=("staging", "production")),
        ParamDef("password", "DEPLOY_KEY", "One-time deploy key", "default-key"),
        ParamDef("run", "ARTIFACT_BUILD", "Build to take artifacts from", project_name="testJob"),
        ParamDef("file", "CONFIG_FILE", "Optional override file"),
        ParamDef("credentials", "CLOUD_CREDENTIALS", "Credentials for the cloud API", "aws-prod"),
    ]


def seed_instance(inst: Instance, user: User, jobs: int | None = None, seed: int = 7) -> None:
    """Fill an empty instance. `jobs` adds generated folders until about that many jobs exist."""
    rng = random.Random(seed)
    inst.users[user.id] = user
    inst.users["viewer"] = User("viewer", "Read-only Viewer", frozenset({READ}))
    root = inst.root
    now = inst.clock.now()
    seed_nodes(inst, now)
    quick = JobSettings(duration=8.0, lines=12)

    def job(parent: Folder, name: str, kind: str = "freestyle", **options: Any) -> Job:
        created = Job(name, parent, kind, **options)
        parent.add(created)
        return created

    job(root, "testJob", settings=quick, description="The example job: builds in seconds.")
    job(
        root,
        "deploy-service",
        "pipeline",
        params=every_parameter_type(),
        description="Deploys the service. Takes a parameter of every standard type.",
        settings=JobSettings(duration=30.0, lines=30, stages=("Plan", "Deploy", "Verify")),
    )
    job(root, "legacy-nightly", disabled=True, description="Replaced by platform/nightly-e2e.")
    job(root, "flaky-integration", settings=JobSettings(outcomes=("FAILURE", "SUCCESS", "FAILURE")))
    job(root, "lint-checks", settings=JobSettings(outcomes=("UNSTABLE",), duration=10.0))
    job(root, "never-built", description="Created last week, never run.")
    job(
        root,
        "long-soak-test",
        "pipeline",
        description="Runs for an hour and talks a lot.",
        settings=JobSettings(duration=3600.0, lines=3600, stages=("Warm-up", "Soak", "Report")),
    )
    job(
        root,
        "stuck-pipeline",
        "pipeline",
        description="Ignores a plain stop: needs term, then kill.",
        settings=JobSettings(duration=1800.0, lines=300, ignores_stop=True),
    )
    job(root, "windows-installer", settings=JobSettings(label="windows"))
    job(root, "Release Notes", settings=quick, description="A name with a space.")
    job(root, "Übersetzung prüfen", settings=quick, description="A name with umlauts.")
    job(root, "データ同期", "pipeline", settings=quick, description="A name in Japanese.")
    job(root, "compat-matrix", "matrix", settings=JobSettings(duration=25.0))
    job(root, "java-lib", "maven", settings=JobSettings(duration=15.0))

    platform = Folder("platform", root, description="Platform team")
    root.add(platform)
    backend = Folder("backend", platform, display_name="Backend services")
    platform.add(backend)
    job(backend, "api-server", "pipeline", settings=JobSettings(duration=40.0))
    job(backend, "worker", settings=JobSettings(outcomes=("SUCCESS", "SUCCESS", "FAILURE")))
    services = Folder("services", backend)
    backend.add(services)
    job(services, "payments", "pipeline", params=[ParamDef("string", "REGION", None, "eu-1")])
    job(services, "ledger", settings=quick)
    infra = Folder("infra", platform)
    platform.add(infra)
    job(
        infra,
        "terraform-plan",
        params=[
            ParamDef("choice", "WORKSPACE", "Terraform workspace", choices=("dev", "prod")),
            ParamDef("boolean", "AUTO_APPROVE", None, False),
        ],
        settings=quick,
    )
    job(platform, "nightly-e2e", "pipeline", display_name="Nightly E2E")
    job(
        platform,
        "release-train",
        "pipeline",
        description="Builds, tests on two platforms at once (Windows fails), then deploys.",
        settings=JobSettings(
            outcomes=("FAILURE",),
            duration=20.0,
            lines=24,
            stages=("Build", "Test: linux | windows!", "Deploy"),
            tests=True,
        ),
    )
    gate = Approval(
        "Approve",
        "Deploy to prod?",
        "Deploy",
        ok="Ship it",
        submitter="admin,release-managers",
        params=(
            ParamDef("choice", "REGION", "Where to deploy", choices=("eu", "us")),
            ParamDef("boolean", "DRY_RUN", "Only say what would change", True),
        ),
    )
    job(
        platform,
        "release-gate",
        "pipeline",
        description="Builds, then waits for a release manager's approval before deploying.",
        settings=JobSettings(
            duration=30.0, lines=12, stages=("Build", "Approve", "Deploy"), approval=gate
        ),
    )

    webapp = Folder("webapp", root, "multibranch", description="github.com/acme/webapp")
    root.add(webapp)
    for branch in ("main", "develop", "feature/login", "release/2.0", "PR-42"):
        name = branch.replace("%", "%25").replace("/", "%2F")
        job(webapp, name, "pipeline", display_name=branch if name != branch else None)

    org = Folder("acme", root, "organization", display_name="ACME on GitHub")
    root.add(org)
    cli = Folder("cli", org, "multibranch")
    org.add(cli)
    for branch in ("main", "fix/windows-paths"):
        name = branch.replace("/", "%2F")
        job(cli, name, "pipeline", display_name=branch if name != branch else None)

    if jobs:
        _generate(root, jobs - sum(1 for _ in inst.jobs()), rng)
    for each in inst.jobs():
        if each.name != "never-built":
            add_history(inst, each, rng, now)
    inst.views = seed_views(inst)
    for name in ("long-soak-test", "stuck-pipeline", "platform/release-gate"):
        start_running(inst, inst.job(name), user, now - inst.clock.span(300))
    simulator.schedule(
        inst, inst.job("windows-installer"), None, [Cause(user.id, user.full_name)], 0
    )


def _generate(root: Folder, count: int, rng: random.Random) -> None:
    """About `count` more jobs in `teams/team-NN/<area>/` folders, mixed kinds and results."""
    teams = Folder("teams", root, description="Generated for scale tests")
    root.add(teams)
    areas = ("api", "web", "data", "ops")
    outcomes = (("SUCCESS",), ("SUCCESS", "FAILURE"), ("UNSTABLE", "SUCCESS"), ("FAILURE",))
    made, team_index = 0, 0
    while made < count:
        team = Folder(f"team-{team_index:02d}", teams)
        teams.add(team)
        team_index += 1
        for area in areas:
            folder = Folder(area, team)
            team.add(folder)
            for index in range(min(25, count - made)):
                kind = "pipeline" if index % 3 else "freestyle"
                settings = JobSettings(outcomes=rng.choice(outcomes), duration=12.0, lines=10)
                folder.add(Job(f"{area}-service-{index:03d}", folder, kind, settings=settings))
                made += 1
            if made >= count:
                return


def add_history(inst: Instance, job: Job, rng: random.Random, now: int) -> None:
    admin = next(iter(inst.users.values()))
    count = 2 if job.parent and job.parent.name in ("api", "web", "data", "ops") else HISTORY
    step = rng.randint(40, 90) * MINUTE
    for index in range(count):
        started = now - (count - index) * step + rng.randint(0, 9) * MINUTE
        build = simulator.new_build(
            inst,
            job,
            inst.take_queue_id(),
            _defaults(job),
            [Cause(admin.id, admin.full_name)],
            started,
        )
        _finish_in_past(build)


def _finish_in_past(build: Build) -> None:
    build.building = False
    build.result = build.job.planned_result(build.number)
    build.duration = int(build.job.settings.duration * 1000)
    build.estimated = build.duration


def _defaults(job: Job) -> list[ParamValue]:
    return [value for p in job.params if (value := p.default_value()) is not None]


def start_running(inst: Instance, job: Job, user: User, started: int) -> None:
    queue_id = inst.take_queue_id()
    build = simulator.new_build(inst, job, queue_id, [], [Cause(user.id, user.full_name)], started)
    simulator.start(inst, build)
