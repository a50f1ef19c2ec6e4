"""Starting and stopping builds: the rules both front ends follow.

A build is planned (the job, its parameters, the values used last time), its values are
checked against the job's definitions, it is triggered, and the values are remembered for next
time — never passwords or file paths. Read-only profiles refuse before anything is fetched.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..config.errors import ConfigError
from ..jenkins import StopMode
from ..jenkins.models import Build, ItemKind, Job, QueueRef
from ..jenkins.parameters import (
    AnyParameter,
    BooleanParameter,
    ChoiceParameter,
    FileParameter,
    PasswordParameter,
)
from .errors import InvalidInput, Refused
from .home import off_loop
from .jobs import find_job
from .session import Session

LOG = logging.getLogger("jtui.core")
Values = dict[str, str | bool]
Files = dict[str, Path]


@dataclass(frozen=True, slots=True)
class BuildPlan:
    """What triggering a job needs: its definitions, and the values to offer."""

    job: Job
    prefill: Values
    rebuild: bool = False  # values come from an earlier build

    @property
    def parameterized(self) -> bool:
        return bool(self.job.parameters)

    @property
    def asks_passwords(self) -> bool:
        return any(isinstance(p, PasswordParameter) for p in self.job.parameters)

    def needs_form(self, edit: bool) -> bool:
        """A rebuild goes straight on unless asked to edit, or a password must be typed again
        (Jenkins never gives one back); a new build of a parameterized job shows the form."""
        if not self.parameterized:
            return False
        return edit or not self.rebuild or self.asks_passwords

    def needs_confirmation(self, session: Session, used_form: bool) -> bool:
        """`confirm = true` profiles ask before every build; submitting the form counts."""
        return session.profile.confirm and not used_form


@dataclass(frozen=True, slots=True)
class BuildRequest:
    values: Values = field(default_factory=dict)
    files: Files = field(default_factory=dict)


async def plan_build(session: Session, job_name: str) -> BuildPlan:
    """`job_name`: a full name, or a job's URL."""
    session.require_writable("build")
    job = await find_job(session, job_name, builds=1)
    _check_buildable(job)
    prefill: Values = {}
    if job.parameters:
        full_name = job.item.full_name
        prefill = await session.home.last_parameters(session.profile.name, full_name)
    return BuildPlan(job, prefill)


async def plan_rebuild(session: Session, build: Build) -> BuildPlan:
    session.require_writable("rebuild")
    job = await session.client.job(build.job_full_name, builds=1)
    values: Values = {
        p.name: p.value if isinstance(p.value, bool) else str(p.value)
        for p in build.parameters
        if p.value is not None  # passwords are never exported
    }
    return BuildPlan(job, values, rebuild=True)


async def trigger(session: Session, job: Job, request: BuildRequest) -> QueueRef:
    """Queue a build of `job` with these values (checked first), and remember them."""
    session.require_writable("build")
    check_request(job.parameters, request)
    full_name = job.item.full_name
    uploads = await off_loop(_read_files, request.files)
    ref = await session.client.trigger(
        full_name, request.values if job.parameters else None, uploads
    )
    if job.parameters:
        kept = remembered_values(request.values, job.parameters)
        try:
            await session.home.remember_parameters(session.profile.name, full_name, kept)
        except ConfigError as error:  # the build is queued: that matters more
            LOG.warning("could not remember the parameters of %s: %s", full_name, error)
    return ref


def _check_buildable(job: Job) -> None:
    name = job.item.full_name
    if job.item.kind in (ItemKind.MULTIBRANCH, ItemKind.ORGANIZATION):
        raise InvalidInput(
            f"'{name}' is a multibranch project: `jtui scan {name}` looks for new branches; "
            f"build one of its branches (jtui jobs --view default --folder {name})"
        )
    if job.item.is_folder:
        raise InvalidInput(f"'{name}' is a folder, not a job: build one of its jobs (jtui jobs)")
    if not job.buildable:
        raise Refused(f"'{name}' is disabled in Jenkins: enable it there to build it")


def check_request(definitions: tuple[AnyParameter, ...], request: BuildRequest) -> None:
    if (request.values or request.files) and not definitions:
        raise InvalidInput("this job takes no parameters")
    by_name = {d.name: d for d in definitions}
    for name in [*request.values, *request.files]:
        if name not in by_name:
            raise InvalidInput(f"unknown parameter {name} (this job takes: {', '.join(by_name)})")
    for name, value in request.values.items():
        definition = by_name[name]
        if isinstance(definition, FileParameter):
            raise InvalidInput(f"{name} is a file parameter: give a file")
        if isinstance(definition, BooleanParameter) and not isinstance(value, bool):
            raise InvalidInput(f"{name} takes true or false")
        if isinstance(definition, ChoiceParameter) and value not in definition.choices:
            raise InvalidInput(f"{name} must be one of: {', '.join(definition.choices)}")
    for name in request.files:
        if not isinstance(by_name[name], FileParameter):
            raise InvalidInput(f"{name} is not a file parameter")


def parse_text_values(
    definitions: tuple[AnyParameter, ...],
    pairs: list[str],
    *,
    stdin: Callable[[], str] = lambda: "",
    environ: Mapping[str, str] | None = None,
) -> BuildRequest:
    """`NAME=VALUE` texts as typed values: booleans `true`/`false`, files `NAME=@path`;
    a password `NAME=@-` (the first line of stdin) or `NAME=@env:VAR`, so that it is in
    neither the process list nor the shell's history."""
    by_name = {d.name: d for d in definitions}
    values: Values = {}
    files: Files = {}
    from_stdin = [p.partition("=")[0] for p in pairs if p.partition("=")[2] == "@-"]
    if len(from_stdin) > 1:
        raise InvalidInput(f"only one parameter can be read from stdin ({', '.join(from_stdin)})")
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InvalidInput(f"{pair}: use NAME=VALUE")
        definition = by_name.get(name)
        if isinstance(definition, FileParameter):
            if not value.startswith("@"):
                raise InvalidInput(f"{name} is a file parameter: use {name}=@PATH")
            files[name] = Path(value[1:]).expanduser()
        elif isinstance(definition, BooleanParameter):
            if value.lower() not in ("true", "false"):
                raise InvalidInput(f"{name} takes true or false")
            values[name] = value.lower() == "true"
        elif isinstance(definition, PasswordParameter) and value == "@-":
            values[name] = stdin().rstrip("\r\n")
        elif isinstance(definition, PasswordParameter) and value.startswith("@env:"):
            variable = value.removeprefix("@env:")
            found = (os.environ if environ is None else environ).get(variable)
            if found is None:
                raise InvalidInput(f"{name}: environment variable {variable} is not set")
            values[name] = found
        else:
            values[name] = value
    request = BuildRequest(values, files)
    check_request(definitions, request)
    return request


def remembered_values(values: Values, parameters: tuple[AnyParameter, ...]) -> Values:
    """What may be kept for next time: never passwords, never file paths."""
    secret = {p.name for p in parameters if isinstance(p, PasswordParameter | FileParameter)}
    return {name: value for name, value in values.items() if name not in secret}


async def unreadable_files(request: BuildRequest) -> list[str]:
    """What is wrong with the files of a request, before it is sent (the form says so)."""

    def check() -> list[str]:
        return [
            f"{name}: no file at {path}"
            for name, path in request.files.items()
            if not path.is_file()
        ]

    return await off_loop(check)


def _read_files(files: Mapping[str, Path]) -> dict[str, tuple[str, bytes]]:
    uploads: dict[str, tuple[str, bytes]] = {}
    for name, path in files.items():
        try:
            uploads[name] = (path.name, path.read_bytes())
        except OSError as error:
            raise InvalidInput(f"{name}: cannot read {path}: {error.strerror}") from None
    return uploads


# -- stopping --------------------------------------------------------------------------------


def plan_stop(session: Session, build: Build, stopped_before: bool = False) -> list[StopMode]:
    """How a running build may be stopped (to ask which): a Pipeline that goes on after a
    stop may be terminated, then killed."""
    session.require_writable("stop")
    if stopped_before and build.is_pipeline:
        return [StopMode.STOP, StopMode.TERM, StopMode.KILL]
    return [StopMode.STOP]


async def stop_build(
    session: Session, full_name: str, number: int, mode: StopMode = StopMode.STOP
) -> None:
    session.require_writable("stop")
    await session.client.stop_build(full_name, number, mode)


def plan_cancel(session: Session) -> None:
    """Before asking whether to cancel a queue item: may this profile?"""
    session.require_writable("cancel")


async def cancel_queue_item(session: Session, queue_id: int) -> None:
    plan_cancel(session)
    await session.client.cancel_queue_item(queue_id)
