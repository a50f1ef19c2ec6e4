"""Messages that workers post back to their screens (workers never touch widgets)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..config.profiles import Profile
from ..jenkins import JenkinsClient
from ..jenkins.models import QueueRef


@dataclass
class SessionOpened(Message):
    """The token was resolved and a client built for this profile."""

    profile: Profile
    client: JenkinsClient


@dataclass
class ServerIdentified(Message):
    generation: int
    version: str
    user: str
    anonymous: bool


@dataclass
class SessionFailed(Message):
    profile: Profile
    reason: str


@dataclass
class BuildQueued(Message):
    """A build was triggered: the app opens its build view, which follows the queue item."""

    ref: QueueRef


@dataclass
class ServerUnanswered(Message):
    """The server did not answer who-am-I: the session is stale until something succeeds."""

    generation: int
    reason: str
