"""The rules' own refusals, and the one list of errors a front end shows instead of crashing."""

from __future__ import annotations

from ..config.errors import ConfigError, SecretError
from ..jenkins.errors import JenkinsError


class CoreError(Exception):
    """A use case could not be carried out; the message says what to do."""


class Refused(CoreError):
    """A rule of jtui's said no; the message says which and why."""


class ReadOnlyProfile(Refused):
    """The profile is read-only: nothing that changes the server is sent."""

    def __init__(self, profile: str, action: str) -> None:
        super().__init__(f"profile {profile} is read-only: {action} refused")
        self.profile = profile
        self.action = action


class InvalidInput(Refused):
    """What the user asked for does not fit (an unknown parameter, a bad value)."""


class RotationError(CoreError):
    """A rotation stopped; the message says what Jenkins and the config now hold."""


# Everything a use case may fail with that is the world's fault, not jtui's: front ends show
# these as one line; anything else is a bug and gets the crash report.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (JenkinsError, ConfigError, SecretError, CoreError)
