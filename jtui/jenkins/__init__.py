"""The async Jenkins client and its models. Never imports Textual (a test checks)."""

from .client import JenkinsClient, StopMode
from .errors import JenkinsError
from .transport import Credentials

__all__ = ["Credentials", "JenkinsClient", "JenkinsError", "StopMode"]
