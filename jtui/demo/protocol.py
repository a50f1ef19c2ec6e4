"""Requests and responses as the demo's routes see them, and Jenkins' standard headers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from . import pages
from .users import IMPLIED_BY, ApiToken, Session, User

JSON_TYPE = "application/json;charset=utf-8"
HTML_TYPE = "text/html;charset=utf-8"
TEXT_TYPE = "text/plain;charset=utf-8"


@dataclass(frozen=True, slots=True)
class Caller:
    user: User | None  # None: anonymous
    via_token: ApiToken | None  # set when an API token authenticated this request

    @property
    def name(self) -> str:
        return self.user.id if self.user else "anonymous"


@dataclass
class Request:
    method: str
    path: str  # relative to the context path, no leading slash, still percent-encoded
    uri: str  # the path as requested, for error pages
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    files: dict[str, tuple[str, bytes]]
    headers: Message
    caller: Caller
    session: Session | None
    root_url: str  # scheme://host:port/context/ as the client addressed us

    def params(self, name: str) -> list[str]:
        """Servlet parameters: the query string first, then url-encoded or multipart fields."""
        return self.query.get(name, []) + self.form.get(name, [])

    def param(self, name: str) -> str | None:
        values = self.params(name)
        return values[0] if values else None


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    jenkins: bool = False  # add X-Jenkins and friends


def json_response(data: Any, pretty: bool = False) -> Response:
    if pretty:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    else:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    headers = [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "deny")]
    return Response(200, raw_utf8(text), JSON_TYPE, headers, jenkins=True)


def raw_utf8(text: str) -> bytes:
    """UTF-8, letting an unpaired surrogate through as the invalid bytes a broken plugin sends
    (the hostile fixtures hold one)."""
    return text.encode("utf-8", "surrogatepass")


def html(status: int, text: str, *, jenkins: bool = True) -> Response:
    return Response(status, raw_utf8(text), HTML_TYPE, jenkins=jenkins)


def text(body: bytes, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(200, body, TEXT_TYPE, headers or [])


def container_error(status: int, message: str, uri: str) -> Response:
    """`sendError`: Jetty's page, without Jenkins' headers."""
    return html(status, pages.jetty_error(status, message, uri), jenkins=False)


def oops(status: int = 500) -> Response:
    return html(status, pages.oops())


def redirect(status: int, location: str) -> Response:
    return Response(status, b"", None, [("Location", location)], jenkins=True)


def forbidden(caller: Caller, permission: str, path: str) -> Response:
    """Jenkins' 403 for a missing permission, with the diagnostic headers it sends."""
    headers = [
        ("X-You-Are-Authenticated-As", caller.name),
        (
            "X-You-Are-In-Group-Disabled",
            "JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS="
            "true or use /whoAmI to diagnose",
        ),
        ("X-Required-Permission", permission),
        *(("X-Permission-Implied-By", implied) for implied in IMPLIED_BY.get(permission, ())),
    ]
    if caller.user is None:
        page = pages.login_required(path)
        headers.append(("X-Hudson", "1.395"))
    else:
        page = pages.access_denied(caller.name, permission)
    return Response(403, page.encode(), HTML_TYPE, headers, jenkins=True)
