"""Fault switches: make the demo misbehave the way real servers and their proxies do.

Set from tests through `DemoJenkins.faults`, or over HTTP: `GET /__demo/faults` shows them,
`POST /__demo/faults` with a JSON object sets some, `POST /__demo/faults/clear` clears all
(back to how the server started: its latency, and the stage API it was given).
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, fields
from typing import Any

SSO_MODES = ("html", "redirect")
FAIL_STATUSES = (500, 502, 503)
STAGE_APIS = ("stages", "pipeline-overview", "pipeline-console", "wfapi", "none")


@dataclass
class FaultSettings:
    latency_ms: int = 0  # added to every response
    sso: str | None = None  # "html": a 200 login page; "redirect": a 302 to an identity provider
    fail_status: int | None = None  # answer this status (500/502/503) ...
    fail_count: int = 0  # ... to this many requests (-1: all of them)
    retry_after: int | None = None  # with this Retry-After header
    reset_count: int = 0  # cut this many responses off mid-body with a TCP reset
    silent_count: int = 0  # read this many requests and never answer them (a hung server)
    stall_count: int = 0  # send half of this many responses, then nothing more
    root_url: str | None = None  # a misconfigured Jenkins root URL for `url` fields
    artifact_host: str | None = None  # artifacts redirect to this host (an S3 stand-in)
    stage_api: str = "stages"  # which stage API the server has: stages, pipeline-overview,
    # pipeline-console (Pipeline Graph View's URLs, newest first), wfapi (Stage View), none
    input_executions: bool = True  # the run's InputAction lists its inputs (input plugins
    # before 2.9 do not: only Stage View's wfapi/pendingInputActions does)


class Faults:
    """Thread-safe fault state; each request consumes what applies to it."""

    def __init__(self, latency_ms: int = 0, stage_api: str = "stages") -> None:
        self._lock = threading.Lock()
        self._started = FaultSettings(latency_ms=latency_ms, stage_api=stage_api)
        self._settings = FaultSettings(**asdict(self._started))

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return FaultSettings(**asdict(self._settings))

    def update(self, **changes: Any) -> None:
        known = {f.name for f in fields(FaultSettings)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown fault: {', '.join(sorted(unknown))}")
        if changes.get("sso") not in (None, *SSO_MODES):
            raise ValueError(f"sso must be one of {SSO_MODES} or null")
        if changes.get("stage_api", "stages") not in STAGE_APIS:
            raise ValueError(f"stage_api must be one of {STAGE_APIS}")
        if changes.get("fail_status") not in (None, *FAIL_STATUSES):
            raise ValueError(f"fail_status must be one of {FAIL_STATUSES} or null")
        with self._lock:
            for name, value in changes.items():
                setattr(self._settings, name, value)

    def clear(self) -> None:
        with self._lock:
            self._settings = FaultSettings(**asdict(self._started))

    def fail_next(self, status: int = 503, count: int = 1, retry_after: int | None = None) -> None:
        self.update(fail_status=status, fail_count=count, retry_after=retry_after)

    def reset_next(self, count: int = 1) -> None:
        self.update(reset_count=count)

    def take_failure(self) -> tuple[int, int | None] | None:
        """The status (and Retry-After) this request must fail with, if any."""
        with self._lock:
            settings = self._settings
            if settings.fail_status is None or settings.fail_count == 0:
                return None
            if settings.fail_count > 0:
                settings.fail_count -= 1
            return settings.fail_status, settings.retry_after

    def take_reset(self) -> bool:
        return self._take("reset_count")

    def take_silence(self) -> bool:
        return self._take("silent_count")

    def take_stall(self) -> bool:
        return self._take("stall_count")

    def _take(self, name: str) -> bool:
        with self._lock:
            left = getattr(self._settings, name)
            if left == 0:
                return False
            if left > 0:
                setattr(self._settings, name, left - 1)
            return True
