"""HTTP to one Jenkins server: authentication, CSRF crumbs, retries and error mapping.

This is the only module that talks httpx. It knows Jenkins' HTTP conventions (status codes,
headers, crumbs) but nothing about jobs or builds.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import re
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from .. import __version__
from ..secret import Secret
from .errors import (
    AuthenticationFailed,
    JenkinsError,
    NotFound,
    NotJenkins,
    OutcomeUnknown,
    PermissionDenied,
    RequestRejected,
    RequestTimeout,
    ServerError,
    TlsVerificationFailed,
    UnexpectedRedirect,
    Unreachable,
)
from .paths import context_path_of
from .tls import context_for

IDLE_SECONDS = 10.0  # no byte for this long: the server is not answering
LOG = logging.getLogger("jtui.http")  # silent unless --debug gives it a place to write
DEFAULT_TIMEOUT = httpx.Timeout(IDLE_SECONDS, connect=5.0, pool=5.0)
Sleep = Callable[[float], Awaitable[None]]
RETRY_STATUSES = frozenset({502, 503, 504})
RETRY_DELAYS = (0.25, 1.0)
MAX_RETRY_AFTER = 5.0
MAX_REDIRECTS = 5

FormData = Mapping[str, str]
Files = list[tuple[str, tuple[str, bytes]]]


@dataclass(frozen=True, slots=True)
class Credentials:
    """A user ID and either an API token or, when `is_password`, the account's password."""

    user: str
    secret: Secret
    is_password: bool = False


class _BasicAuth(httpx.Auth):
    """Preemptive Basic auth that keeps the secret wrapped until the header is built.

    Jenkins never challenges anonymous requests (it answers 403), so credentials must go
    with the first request.
    """

    def __init__(self, credentials: Credentials) -> None:
        self._credentials = credentials

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        pair = f"{self._credentials.user}:{self._credentials.secret.reveal()}".encode()
        request.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        yield request


@dataclass(frozen=True, slots=True)
class _Crumb:
    field: str
    value: str
    cookie: str | None


class _CrumbRefused(Exception):
    """A POST answered `403 No valid crumb`: refused before it did anything."""


_H2 = re.compile(r"<h2>\s*HTTP ERROR \d+\s*(.*?)</h2>", re.S | re.I)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
# hudson.model.Failure's page (error.jelly): "You need to be X to submit this."
_FAILURE = re.compile(r"<h1[^>]*>\s*Error\s*</h1>\s*<p>(.*?)</p>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def _reason(response: httpx.Response) -> str:
    """A short, plain-text reason from an error page (Jetty's `<h2>`, else the title)."""
    if "html" not in response.headers.get("content-type", ""):
        text = response.text.strip()
    else:
        page = response.text
        match = _H2.search(page) or _FAILURE.search(page) or _TITLE.search(page)
        text = _TAG.sub("", match.group(1)) if match else ""
    return " ".join(text.split())[:200]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _is_tls_failure(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class JenkinsHttp:
    """One `httpx.AsyncClient` for one Jenkins server."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None = None,
        *,
        verify: ssl.SSLContext | bool = True,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout, connect=min(5.0, timeout), pool=5.0)
        url = httpx.URL(base_url if base_url.endswith("/") else base_url + "/")
        if url.userinfo:
            raise ValueError("put the user and token in the profile, not in the URL")
        if url.scheme not in ("http", "https"):
            raise ValueError(f"not an http(s) URL: {url.scheme}://…")
        self.base_url = str(url)
        self.host = url.netloc.decode("ascii", "replace")
        self.context_path = context_path_of(self.base_url)
        self.credentials = credentials
        self.version: str | None = None
        self.session: str | None = None
        self._retry_delays = retry_delays
        self._verify = verify
        self._sleep = sleep
        self._crumb: _Crumb | None = None
        self._crumb_unsupported = False
        # Token-authenticated requests must not carry a session cookie: with one, Jenkins
        # skips the Basic header and then demands a crumb. Crumb cookies are sent by hand.
        no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            auth=_BasicAuth(credentials) if credentials else None,
            headers={"User-Agent": f"jtui/{__version__}"},
            cookies=no_cookies,
            timeout=timeout,
            follow_redirects=False,
            verify=context_for(url.scheme, verify),
            transport=transport,
            trust_env=True,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- requests ------------------------------------------------------------------------

    async def get(
        self, path: str, params: Mapping[str, str] | None = None, *, what: str | None = None
    ) -> httpx.Response:
        """GET with retries on transport errors and 502/503/504; errors mapped to JenkinsError."""
        label = what or f"GET /{path}"
        delays = iter(self._retry_delays)
        while True:
            started = time.perf_counter()
            try:
                response = await self._client.get(path, params=params)
            except httpx.TransportError as error:
                _log_failure(label, started, error)
                delay = next(delays, None)
                if delay is None or not _retryable(error):
                    raise self._transport_error(error, label, sent=False) from None
                LOG.debug("retry %s in %.2f s", label, delay)
                await self._sleep(delay)
                continue
            _log_answer(label, started, response)
            self._note_version(response)
            if response.status_code in RETRY_STATUSES:
                delay = next(delays, None)
                if delay is not None:
                    pause = min(_retry_after(response) or delay, MAX_RETRY_AFTER)
                    LOG.debug("retry %s in %.2f s", label, pause)
                    await self._sleep(pause)
                    continue
            self._raise_for_status(response, label)
            return response

    @contextlib.asynccontextmanager
    async def stream(
        self, path: str, headers: Mapping[str, str] | None = None, *, what: str | None = None
    ) -> AsyncIterator[httpx.Response]:
        """GET a large body as a stream (an artifact), following redirects. A redirect to
        another host (S3's presigned URL, Jenkins' resource root URL) is followed without
        our credentials: those are for this Jenkins only, and the URL carries its own."""
        label = what or f"GET /{path}"
        target: str | httpx.URL = path
        async with contextlib.AsyncExitStack() as stack:
            client = self._client
            for _hop in range(MAX_REDIRECTS + 1):
                started = time.perf_counter()
                try:
                    response = await stack.enter_async_context(
                        client.stream("GET", target, headers=headers)
                    )
                except httpx.TransportError as error:
                    raise self._transport_error(error, label, sent=False) from None
                elapsed = (time.perf_counter() - started) * 1000
                LOG.debug("%s → %s in %.0f ms (streamed)", label, response.status_code, elapsed)
                if not response.is_redirect:
                    break
                await response.aclose()
                location = response.url.join(response.headers.get("location", ""))
                if location.netloc != response.url.netloc and client is self._client:
                    client = await stack.enter_async_context(self._foreign_client())
                target = location
            else:
                raise RequestRejected(f"{label}: more than {MAX_REDIRECTS} redirects", 310)
            if client is self._client or response.status_code >= 400:
                self._raise_for_status(response, label)
            yield response

    def _foreign_client(self) -> httpx.AsyncClient:
        """For another host a redirect leads to: no Jenkins credentials, no cookies."""
        return httpx.AsyncClient(
            headers={"User-Agent": f"jtui/{__version__}"},
            timeout=self._client.timeout,
            follow_redirects=False,
            verify=context_for("https", self._verify),  # wherever it leads, TLS as asked
            trust_env=True,
        )

    async def get_json(
        self, path: str, params: Mapping[str, str] | None = None, *, what: str | None = None
    ) -> Any:
        """GET an `api/json` URL and decode it, refusing anything that is not Jenkins JSON."""
        label = what or f"GET /{path}"
        response = await self.get(path, params, what=label)
        if "x-jenkins" not in response.headers:
            raise self._not_jenkins(response, label)
        return self.json_of(response, label)

    async def get_text(
        self, path: str, params: Mapping[str, str] | None = None, *, what: str | None = None
    ) -> httpx.Response:
        """GET a plain-text answer (a build's log), refusing a web page instead: an SSO login
        page after a session expired would otherwise be read as the log."""
        label = what or f"GET /{path}"
        response = await self.get(path, params, what=label)
        self.refuse_web_page(response, label)
        return response

    def refuse_web_page(self, response: httpx.Response, label: str) -> None:
        if "html" in response.headers.get("content-type", ""):
            raise self._not_jenkins(response, label)

    def _not_jenkins(self, response: httpx.Response, label: str) -> NotJenkins:
        content_type = response.headers.get("content-type") or "no content type"
        return NotJenkins(
            f"{self.host} answered {label} with {content_type} and no X-Jenkins header: "
            f"a login page or proxy stands in front of Jenkins (sign in again in a browser, "
            f"or check the profile URL)"
        )

    def json_of(self, response: httpx.Response, label: str) -> Any:
        content_type = response.headers.get("content-type", "")
        if "json" not in content_type:
            raise NotJenkins(f"{self.host} answered {label} with {content_type}, not JSON")
        try:
            # A broken plugin may send invalid UTF-8: shown as replacement characters, not lost.
            return json.loads(response.content.decode("utf-8", "replace"))
        except json.JSONDecodeError:
            raise NotJenkins(f"{self.host} sent malformed JSON for {label}") from None

    async def post(
        self,
        path: str,
        data: FormData | None = None,
        files: Files | None = None,
        *,
        what: str | None = None,
        ok_redirect: bool = False,
    ) -> httpx.Response:
        """POST once. A refused crumb is the only reason to send it again.

        Jenkins answers `403 No valid crumb` before doing anything, so that POST may be
        repeated with a fresh crumb. A POST whose answer was lost is never repeated.
        """
        label = what or f"POST /{path}"
        needs_crumb = self.credentials is None or self.credentials.is_password
        crumb = await self._ensure_crumb() if needs_crumb else None
        try:
            return await self._post_once(path, data, files, crumb, label, ok_redirect)
        except _CrumbRefused:
            self._crumb = None
            crumb = await self._ensure_crumb()
            try:
                return await self._post_once(path, data, files, crumb, label, ok_redirect)
            except _CrumbRefused:
                raise PermissionDenied(
                    f"Jenkins refused {label}: no valid crumb (a proxy may strip the "
                    f"crumb header or the session cookie)"
                ) from None

    async def _post_once(
        self,
        path: str,
        data: FormData | None,
        files: Files | None,
        crumb: _Crumb | None,
        label: str,
        ok_redirect: bool,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if crumb is not None:
            headers[crumb.field] = crumb.value
            if crumb.cookie:
                headers["Cookie"] = crumb.cookie
        started = time.perf_counter()
        try:
            response = await self._client.post(path, data=data, files=files, headers=headers)
        except httpx.TransportError as error:
            _log_failure(label, started, error)
            raise self._transport_error(error, label, sent=_maybe_sent(error)) from None
        _log_answer(label, started, response)
        self._note_version(response)
        if response.status_code == 403 and "no valid crumb" in response.text.lower():
            raise _CrumbRefused
        if response.is_redirect:
            if ok_redirect:
                return response
            location = response.headers.get("location", "")
            raise UnexpectedRedirect(
                f"Jenkins redirected {label} to {location}: check the profile URL "
                f"(https? context path?)",
                location,
            )
        self._raise_for_status(response, label)
        return response

    async def _ensure_crumb(self) -> _Crumb | None:
        if self._crumb is not None or self._crumb_unsupported:
            return self._crumb
        try:
            response = await self.get("crumbIssuer/api/json", what="GET /crumbIssuer/api/json")
        except NotFound:
            # CSRF protection is off: POSTs need no crumb.
            self._crumb_unsupported = True
            return None
        raw = response.json()
        cookie = "; ".join(
            f"{name}={value}"
            for name, value in _set_cookies(response.headers.get_list("set-cookie"))
        )
        self._crumb = _Crumb(str(raw["crumbRequestField"]), str(raw["crumb"]), cookie or None)
        return self._crumb

    # -- errors --------------------------------------------------------------------------

    def _note_version(self, response: httpx.Response) -> None:
        version = response.headers.get("x-jenkins")
        if version:
            self.version = version
            self.session = response.headers.get("x-jenkins-session", self.session)

    def _raise_for_status(self, response: httpx.Response, label: str) -> None:
        status = response.status_code
        if status < 300:
            return
        if response.is_redirect:
            location = response.headers.get("location", "")
            if "x-jenkins" not in response.headers:
                raise NotJenkins(
                    f"{self.host} redirected {label} to {location}: a login page or proxy "
                    f"stands in front of Jenkins, or the profile URL is wrong"
                )
            raise UnexpectedRedirect(
                f"Jenkins redirected {label} to {location}: check the profile URL", location
            )
        if status == 401:
            user = self.credentials.user if self.credentials else "anonymous"
            raise AuthenticationFailed(
                f"Jenkins at {self.host} rejected the credentials of '{user}' (HTTP 401): "
                f"check the user ID and API token"
            )
        if status == 403:
            raise self._forbidden(response, label)
        if status == 404:
            raise NotFound(f"{label}: not found on {self.host} (or not visible to this user)")
        if status >= 500:
            retry_after = _retry_after(response)
            hint = f", retry after {retry_after:g} s" if retry_after is not None else ""
            raise ServerError(
                f"{self.host} failed {label} with HTTP {status}{hint}", status, retry_after
            )
        reason = _reason(response) or response.reason_phrase
        raise RequestRejected(f"Jenkins refused {label}: {reason} (HTTP {status})", status)

    def _forbidden(self, response: httpx.Response, label: str) -> JenkinsError:
        who = response.headers.get("x-you-are-authenticated-as")
        permission = response.headers.get("x-required-permission")
        if who == "anonymous":
            if self.credentials is None:
                return AuthenticationFailed(f"Jenkins at {self.host} requires a login")
            return AuthenticationFailed(
                f"Jenkins at {self.host} treated '{self.credentials.user}' as anonymous: "
                f"the credentials were not accepted"
            )
        if "x-jenkins" not in response.headers and who is None:
            return NotJenkins(
                f"{self.host} refused {label} (HTTP 403) without Jenkins headers: "
                f"a proxy stands in front of Jenkins"
            )
        if permission:
            return PermissionDenied(
                f"'{who}' lacks the permission {permission} for {label}", permission, who
            )
        return PermissionDenied(f"Jenkins denied {label} (HTTP 403)", None, who)

    def _transport_error(self, error: httpx.TransportError, label: str, sent: bool) -> JenkinsError:
        if _is_tls_failure(error):
            return TlsVerificationFailed(
                f"the TLS certificate of {self.host} could not be verified: for a corporate "
                f"CA set ca_bundle in the profile"
            )
        if sent:
            return OutcomeUnknown(
                f"the connection to {self.host} failed after {label} was sent "
                f"({type(error).__name__}): it may or may not have taken effect"
            )
        if isinstance(error, httpx.TimeoutException):
            return RequestTimeout(
                f"{self.host} did not answer {label} in time: the server or the network is "
                "slow or down (try again; a slow server: raise timeout_seconds in the profile)"
            )
        if _speaks_plain_http(error):
            return Unreachable(
                f"{self.host} answers plain HTTP on this port, not HTTPS: use http:// in the "
                "profile URL (or the server's HTTPS port)"
            )
        if isinstance(error, httpx.ConnectError):
            return Unreachable(
                f"cannot connect to {self.host}: {_first_line(error)} (check the URL, the VPN "
                "or the proxy)"
            )
        return Unreachable(f"{label} to {self.host} failed: {type(error).__name__}")


def _log_answer(label: str, started: float, response: httpx.Response) -> None:
    LOG.debug(
        "%s → %s in %.0f ms (%d bytes)",
        label,
        response.status_code,
        (time.perf_counter() - started) * 1000,
        len(response.content),
    )


def _log_failure(label: str, started: float, error: Exception) -> None:
    elapsed = (time.perf_counter() - started) * 1000
    LOG.debug("%s ✘ %s after %.0f ms: %s", label, type(error).__name__, elapsed, error)


def _speaks_plain_http(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if "WRONG_VERSION_NUMBER" in str(seen) or "record layer failure" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retryable(error: httpx.TransportError) -> bool:
    return not (
        _is_tls_failure(error)
        or _speaks_plain_http(error)
        or isinstance(error, httpx.UnsupportedProtocol)
    )


def _maybe_sent(error: httpx.TransportError) -> bool:
    """Could the request have reached the server? Only connect-phase failures say no."""
    return not isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__


def _set_cookies(headers: list[str]) -> list[tuple[str, str]]:
    cookies: list[tuple[str, str]] = []
    for header in headers:
        pair = header.split(";", 1)[0]
        name, sep, value = pair.partition("=")
        if sep:
            cookies.append((name.strip(), value.strip()))
    return cookies
