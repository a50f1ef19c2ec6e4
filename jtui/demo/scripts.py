"""What a demo build writes to its console, and when.

A script is a list of timed byte segments. Some segments end mid-line (a progress message
finished later), as real builds do, so the console's partial-line behaviour is exercised.
Pipeline lines carry console notes (`ESC[8mha:…ESC[0m`) like real Pipeline logs.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .protocol import raw_utf8

INPUT_STEP = "Wait for interactive input"  # as flow.py names an `input` step

if TYPE_CHECKING:
    from .flow import FlowStage, FlowStep

ESC = "\x1b"
GREEN, RED, YELLOW, BLUE, BOLD, RESET = (
    f"{ESC}[32m",
    f"{ESC}[31m",
    f"{ESC}[33m",
    f"{ESC}[34m",
    f"{ESC}[1m",
    f"{ESC}[0m",
)


def console_note(seed: str) -> str:
    """A console note as Jenkins stores it: hidden text carrying a serialized annotation."""
    payload = base64.b64encode(b"\x1f\x8b\x08\x00" + hashlib.sha256(raw_utf8(seed)).digest())
    return f"{ESC}[8mha:////{payload.decode()}{ESC}[0m"


@dataclass(frozen=True, slots=True)
class Segment:
    at: float  # seconds after the build started, before time scaling
    data: bytes
    node: str = ""  # the Pipeline step that wrote it (its own log is its segments)


@dataclass(frozen=True, slots=True)
class Script:
    segments: tuple[Segment, ...]
    duration: float
    result: str


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    start: float
    duration: float


class _Writer:
    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def line(self, at: float, text: str, node: str = "") -> None:
        self.segments.append(Segment(at, raw_utf8(text + "\n"), node))

    def part(self, at: float, text: str, node: str = "") -> None:
        self.segments.append(Segment(at, raw_utf8(text), node))


def started_by(user_id: str, user_name: str) -> str:
    return f"Started by user {console_note('user:' + user_id)}{user_name}"


def _pipe(text: str) -> str:
    return f"{console_note('pipeline:' + text)}[Pipeline] {text}"


def _outcome_lines(result: str) -> list[str]:
    if result == "FAILURE":
        return [
            f"{RED}FAILED{RESET} com.example.CheckoutTest > paysWithExpiredCard",
            "    java.lang.AssertionError: expected:<DECLINED> but was:<ACCEPTED>",
            f"{BOLD}{RED}BUILD FAILED{RESET} in 1m 12s",
            "Build step 'Execute shell' marked build as failure",
        ]
    if result == "UNSTABLE":
        return [
            f"{YELLOW}WARNING{RESET} 3 tests were flaky and retried",
            "Build step 'Publish JUnit test result report' changed build result to UNSTABLE",
        ]
    return [f"{BOLD}{GREEN}BUILD SUCCESSFUL{RESET} in 58s"]


def pipeline_stages(names: tuple[str, ...], duration: float) -> tuple[Stage, ...]:
    """Stages one after another, from just after the node starts to just before the end."""
    slot = duration * 0.9 / max(1, len(names))
    return tuple(Stage(name, 0.06 + slot * index, slot) for index, name in enumerate(names))


def freestyle_script(
    workspace: str, cause: str, params: list[str], duration: float, result: str, lines: int
) -> Script:
    out = _Writer()
    out.line(0.0, cause)
    out.line(0.05, "Running as SYSTEM")
    out.line(0.1, f"Building in workspace /var/jenkins_home/workspace/{workspace}")
    for index, param in enumerate(params):
        out.line(0.12 + index * 0.001, f"  {param}")
    out.line(0.15, "[workspace] $ /bin/sh -xe /tmp/jenkins4471893262.sh")
    out.part(0.2, "+ ./gradlew --console=plain build ... resolving dependencies ")
    out.line(duration * 0.25, f"{GREEN}done{RESET}")
    _body(out, duration, lines, 0.3)
    for index, text in enumerate(_outcome_lines(result)):
        out.line(duration * 0.97 + index * 0.001, text)
    return Script(tuple(out.segments), duration, result)


def pipeline_script(
    cause: str,
    params: list[str],
    flow: tuple[FlowStage, ...],
    duration: float,
    result: str,
    lines: int,
    workspace: str,
) -> Script:
    out = _Writer()
    out.line(0.0, cause)
    for index, param in enumerate(params):
        out.line(0.01 + index * 0.001, f"  {param}")
    out.line(0.02, _pipe("Start of Pipeline"))
    out.line(0.03, _pipe("node"))
    out.line(0.04, f"Running on {BLUE}linux-agent-1{RESET} in /home/jenkins/workspace/{workspace}")
    out.line(0.05, _pipe("{"))
    per_step = max(1, lines // max(1, sum(len(stage.leaves()) for stage in flow)))
    for stage in flow:
        out.line(stage.start, _pipe("stage"))
        out.line(stage.start + 0.001, _pipe(f"{{ ({stage.name})"))
        if not stage.leaves():
            out.line(stage.start + 0.002, f'Stage "{stage.name}" skipped due to earlier failure(s)')
        if stage.children:
            out.line(stage.start + 0.002, _pipe("parallel"))
        for step in stage.leaves():
            branch = next((c.name for c in stage.children if step in c.steps), None)
            _step_lines(out, step, branch or stage.name, per_step)
        out.line(stage.end - 0.002, _pipe("}"))
        out.line(stage.end - 0.001, _pipe("// stage"))
    out.line(duration * 0.95, _pipe("}"))
    out.line(duration * 0.955, _pipe("// node"))
    for index, text in enumerate(_outcome_lines(result)):
        out.line(duration * 0.96 + index * 0.001, text)
    out.line(duration * 0.97, _pipe("End of Pipeline"))
    return Script(tuple(sorted(out.segments, key=lambda s: s.at)), duration, result)


def _step_lines(out: _Writer, step: FlowStep, label: str, lines: int) -> None:
    span = step.end - step.start
    if step.name == INPUT_STEP:  # it waits here until answered (approval.py)
        out.line(step.start, "Input requested", step.id)
        return
    out.part(step.start, f"{console_note('sh')}+ {step.name} ... ", step.id)
    out.line(step.start + span * 0.2, f"{GREEN}ok{RESET}", step.id)
    every = span * 0.7 / lines
    for index in range(lines):
        out.line(step.start + span * 0.25 + index * every, f"[{label}] {_chatter(index)}", step.id)
    if step.outcome == "failure":
        out.line(step.end - span * 0.02, f"{RED}FAIL{RESET} TestParse: unexpected token", step.id)
        out.line(step.end - span * 0.01, STEP_FAILURE, step.id)


STEP_FAILURE = "script returned exit code 1"


def _body(out: _Writer, duration: float, lines: int, begin: float) -> None:
    step = duration * (0.95 - begin) / max(1, lines)
    for index in range(lines):
        out.line(duration * begin + index * step, _chatter(index))


_CHATTER = (
    f"{BOLD}> Task :compileJava{RESET}",
    "Compiling 214 source files to build/classes",
    f"{BOLD}> Task :test{RESET}",
    f"  CheckoutTest > paysWithCard {GREEN}PASSED{RESET}",
    f"  CheckoutTest > refundsOrder {GREEN}PASSED{RESET}",
    f"{YELLOW}warning:{RESET} [deprecation] getRate() in Money has been deprecated",
    "Uploading build/libs/service.jar (12.4 MB)",
    f"  InventoryTest > reservesStock {GREEN}PASSED{RESET}",
)


def _chatter(index: int) -> str:
    return _CHATTER[index % len(_CHATTER)] + ("" if index < len(_CHATTER) else f" [{index}]")


def finish_lines(result: str) -> bytes:
    return f"Finished: {result}\n".encode()
