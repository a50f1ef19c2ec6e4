"""What can go wrong when talking to Jenkins, each with a one-line message for people.

Messages are built only from the server's host, paths, status codes and headers, never from
credentials, so they are safe to print, log and show on screen.
"""

from __future__ import annotations

import re

# Server text ends up in messages (reasons from error pages): no control characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


class JenkinsError(Exception):
    """Base class: `str(error)` is a one-line, token-free explanation."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(_CONTROL.sub(" ", message).split()))

    @property
    def message(self) -> str:
        return str(self)


class AuthenticationFailed(JenkinsError):
    """Jenkins did not accept the credentials (401, or 403 as `anonymous`)."""


class PermissionDenied(JenkinsError):
    """The user is known but lacks a permission (403)."""

    def __init__(self, message: str, permission: str | None = None, user: str | None = None):
        super().__init__(message)
        self.permission = permission
        self.user = user


class NotFound(JenkinsError):
    """The job, build, queue item or page does not exist, or the user may not see it (404)."""


class NotJenkins(JenkinsError):
    """The answer did not come from Jenkins: an SSO login page, a proxy, another server."""


class UnexpectedRedirect(JenkinsError):
    """Jenkins answered with a redirect where none belongs (a wrong scheme or context path)."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.location = location


class RequestRejected(JenkinsError):
    """Jenkins refused the request itself (400, 405, 409, 422 …): e.g. a disabled job."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ServerError(JenkinsError):
    """Jenkins (or a proxy in front of it) failed with a 5xx status."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class RequestTimeout(JenkinsError):
    """Jenkins did not answer in time."""


class Unreachable(JenkinsError):
    """No connection could be made (DNS, refused, network down)."""


class TlsVerificationFailed(JenkinsError):
    """The server's certificate could not be verified."""


class OutcomeUnknown(JenkinsError):
    """A POST was sent but its answer was lost: it may or may not have taken effect.

    Such a request is never sent again automatically (it could start a second build).
    """


class TokenOperationFailed(JenkinsError):
    """Jenkins answered a token request with `"status": "error"` (still HTTP 200)."""
