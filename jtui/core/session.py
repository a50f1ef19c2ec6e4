"""A session: one profile, its client, jtui's files, and what is known of the server.

Both front ends work through a session: the command line opens one per command, the TUI one
per window (a profile switch opens a new one). Live data comes from `session.watch(...)`,
which reports every outcome to the session's `health`; the rules (read-only) are checked
here, once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Self, TypeVar

from ..config.profiles import Profile
from ..jenkins import JenkinsClient
from ..jenkins.errors import RequestTimeout
from ..jenkins.paths import build_path, job_path
from ..secret import Secret
from .clock import SYSTEM_CLOCK, Clock
from .connect import client_for
from .errors import ReadOnlyProfile
from .home import Home, off_loop
from .live import POLLING, Backoff, Cache, Health, Watch

T = TypeVar("T")
QUICK_FACTOR = 1.5  # a quick call's deadline, in idle timeouts: 15 s by default


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the server says we are, and which Jenkins it is."""

    version: str
    user: str
    anonymous: bool


class Session:
    def __init__(
        self,
        profile: Profile,
        client: JenkinsClient,
        home: Home,
        *,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.profile = profile
        self.client = client
        self.home = home
        self.clock = clock
        self.health = Health()
        self.cache = Cache()
        self.identity: Identity | None = None

    @classmethod
    async def open(
        cls,
        profile: Profile,
        home: Home,
        *,
        clock: Clock = SYSTEM_CLOCK,
        environ: Mapping[str, str] | None = None,
    ) -> Session:
        """Resolve the token (a command or keyring may take a moment) and build the client."""
        client = await off_loop(client_for, profile, environ, clock.sleep)
        return cls(profile, client, home, clock=clock)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.client.aclose()

    # -- rules -----------------------------------------------------------------------------

    def require_writable(self, action: str) -> None:
        """Every use case that changes the server asks this first."""
        if self.profile.read_only:
            raise ReadOnlyProfile(self.profile.name, action)

    # -- what the server says --------------------------------------------------------------

    @property
    def token(self) -> Secret | None:
        """The token this session signs in with."""
        credentials = self.client.http.credentials
        return credentials.secret if credentials else None

    @property
    def version(self) -> str | None:
        return self.client.http.version

    async def identify(self) -> Identity:
        async def ask() -> Identity:
            me = await self.client.who_am_i()
            info = await self.client.server_info()
            return Identity(info.version, me.name, me.anonymous)

        self.identity = await self.quickly(ask())
        return self.identity

    async def quickly(self, call: Awaitable[T]) -> T:
        """A quick call (who am I, a check) with an overall deadline: a server that accepts
        connections but never answers fails it in 1.5 idle timeouts, retries and all."""
        deadline = QUICK_FACTOR * self.profile.timeout_seconds
        try:
            async with asyncio.timeout(deadline):
                return await call
        except TimeoutError:
            raise RequestTimeout(
                f"{self.profile.host} did not answer within {deadline:g} s: the server or the "
                "network is down or very slow (check the URL, the VPN, the proxy)"
            ) from None

    # -- live data -------------------------------------------------------------------------

    def watch(
        self,
        fetch: Callable[[], Awaitable[T]],
        every: float | None = None,
        *,
        key: Hashable | None = None,
        visible: bool = True,
        until: Callable[[T], bool] | None = None,
        fatal: tuple[type[Exception], ...] = (),
        backoff: Backoff = POLLING,
    ) -> Watch[T]:
        """Poll `fetch` on this server (every `refresh_seconds` unless told otherwise).

        With a `key`, the last value is kept and the next watch with that key starts from it.
        """
        return Watch(
            fetch,
            self.profile.refresh_seconds if every is None else every,
            clock=self.clock,
            visible=visible,
            until=until,
            cache=(self.cache, key) if key is not None else None,
            health=self.health,
            fatal=fatal,
            backoff=backoff,
        )

    # -- addresses -------------------------------------------------------------------------

    def job_url(self, full_name: str) -> str:
        return self.client.url_for(job_path(full_name))

    def build_url(self, full_name: str, number: int) -> str:
        return self.client.url_for(build_path(full_name, number))

    def queue_url(self, queue_id: int) -> str:
        return self.client.url_for(f"queue/item/{queue_id}/")
