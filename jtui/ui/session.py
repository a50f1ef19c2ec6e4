"""The session: which profile this window talks to, its client, and what we know of the server.

Switching profile replaces the session (a new `generation`); status updates keep it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..config.profiles import Profile
from ..jenkins import JenkinsClient


@dataclass(frozen=True, slots=True)
class Session:
    profile: Profile
    client: JenkinsClient
    generation: int
    version: str | None = None
    user: str | None = None
    error: str | None = None
    refreshed_at: datetime | None = None
    stale_since: datetime | None = None
