"""The async Jenkins client: every operation jtui performs, returning typed models."""

from __future__ import annotations

import asyncio
import contextlib
import re
import ssl
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from .console import ConsoleEvent, ConsoleFollower, skips_partial_lines
from .errors import JenkinsError, NotFound, NotJenkins, RequestRejected, ServerError
from .models import (
    Build,
    BuildRef,
    Item,
    Job,
    QueueItem,
    QueueRef,
    QueueState,
    ServerInfo,
    WhoAmI,
)
from .paths import build_path, job_path, raw_encode, tree_query
from .transport import DEFAULT_TIMEOUT, RETRY_DELAYS, Credentials, Files, JenkinsHttp, Sleep

if TYPE_CHECKING:
    from .inputs import InputApi
    from .nodes import NodeApi
    from .reruns import RerunApi
    from .results import ResultsApi
    from .stages import StageApi
    from .tokens import NewToken, ServerToken
    from .views import ViewApi

ITEM_FIELDS = ("name", "displayName", "color")
INDEX_DEPTH = 4
BUILD_FIELDS = (
    "number,url,result,building,inProgress,timestamp,duration,estimatedDuration,queueId,"
    "displayName,description,actions[causes[shortDescription,userId,userName],"
    "parameters[name,value]]"
)
LAST_BUILD_FIELDS = "lastBuild[number,url,result,building,timestamp,duration,estimatedDuration]"
PARAMETER_FIELDS = (
    "property[parameterDefinitions[name,type,description,choices,projectName,filter,"
    "defaultParameterValue[name,value,jobName,number]]]"
)
FOLDER_FETCH_CONCURRENCY = 4
_QUEUE_LOCATION = re.compile(r"/queue/item/(\d+)/?$")


class StopMode(StrEnum):
    """How hard to stop a build: `term` and `kill` exist for Pipeline builds only."""

    STOP = "stop"
    TERM = "term"
    KILL = "kill"


ParameterInput = Mapping[str, str | bool | int]


class JenkinsClient:
    """One Jenkins server. Use as `async with JenkinsClient(...) as jenkins:`."""

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
        self.http = JenkinsHttp(
            base_url,
            credentials,
            verify=verify,
            timeout=timeout,
            transport=transport,
            retry_delays=retry_delays,
            sleep=sleep,
        )

    # The parts of the API beyond jobs and builds, each imported when first used: a command
    # pays only for what it asks (`jtui jobs` never loads the Pipeline or test parsers).

    @cached_property
    def stages(self) -> StageApi:
        from .stages import StageApi

        return StageApi(self)

    @cached_property
    def results(self) -> ResultsApi:
        from .results import ResultsApi

        return ResultsApi(self)

    @cached_property
    def inputs(self) -> InputApi:
        from .inputs import InputApi

        return InputApi(self)

    @cached_property
    def reruns(self) -> RerunApi:
        from .reruns import RerunApi

        return RerunApi(self)

    @cached_property
    def nodes(self) -> NodeApi:
        from .nodes import NodeApi

        return NodeApi(self)

    @cached_property
    def views(self) -> ViewApi:
        from .views import ViewApi

        return ViewApi(self)

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
        await self.http.aclose()

    @property
    def base_url(self) -> str:
        return self.http.base_url

    def url_for(self, path: str) -> str:
        """A browser URL for a root-relative path, on the host the profile names."""
        return self.http.base_url + path

    # -- server ----------------------------------------------------------------------------

    async def server_info(self) -> ServerInfo:
        raw = await self.http.get_json(
            "api/json",
            {"tree": "url,useCrumbs,useSecurity,quietingDown,description,numExecutors"},
        )
        return ServerInfo.parse(raw, self.http.version or "", self.http.session)

    async def who_am_i(self) -> WhoAmI:
        try:
            raw = await self.http.get_json("whoAmI/api/json")
        except NotFound:  # every Jenkins answers this page, even to anonymous callers
            raise NotJenkins(
                f"{self.http.host} has no /whoAmI/ page: it is not Jenkins, or not at this "
                "path (check the profile URL and its context path, e.g. /jenkins/)"
            ) from None
        return WhoAmI.parse(raw)

    # -- items -----------------------------------------------------------------------------

    async def all_items(
        self, depth: int = INDEX_DEPTH, fields: tuple[str, ...] = ITEM_FIELDS
    ) -> tuple[Item, ...]:
        """Every job and folder of the server, in as few requests as possible.

        One nested `tree=` query covers `depth + 1` levels; folders deeper than that are
        fetched one by one (a few at a time) with the same query.
        """
        query = {"tree": tree_query(fields, "jobs", depth)}
        items: list[Item] = []
        pending: list[str] = []
        root = await self.http.get_json("api/json", query)
        self._collect(root.get("jobs"), "", items, pending)
        limit = asyncio.Semaphore(FOLDER_FETCH_CONCURRENCY)

        async def fetch(folder: str) -> tuple[str, Any]:
            async with limit:
                return folder, await self.http.get_json(job_path(folder) + "api/json", query)

        while pending:
            batch, pending = pending, []
            for folder, raw in await asyncio.gather(*(fetch(name) for name in batch)):
                self._collect(raw.get("jobs"), folder, items, pending)
        return tuple(items)

    def _collect(self, raw_jobs: Any, parent: str, out: list[Item], pending: list[str]) -> None:
        for raw in raw_jobs if isinstance(raw_jobs, list) else []:
            if not isinstance(raw, dict) or "name" not in raw:
                continue
            item = Item.parse(raw, parent, self.http.context_path)
            out.append(item)
            children = raw.get("jobs")
            if not isinstance(children, list) or not children:
                continue
            if any(isinstance(child, dict) and "name" not in child for child in children):
                pending.append(item.full_name)  # only stubs: deeper than the query reached
            else:
                self._collect(children, item.full_name, out, pending)

    async def children(
        self, folder: str = "", fields: tuple[str, ...] = (*ITEM_FIELDS, LAST_BUILD_FIELDS)
    ) -> tuple[Item, ...]:
        """The items directly inside a folder ("" is the root), with their last builds."""
        return self.items_in(await self.children_answer(folder, fields), folder)

    async def children_answer(
        self, folder: str = "", fields: tuple[str, ...] = (*ITEM_FIELDS, LAST_BUILD_FIELDS)
    ) -> dict[str, Any]:
        """`children`, as the server said it (to keep, and read later with `items_in`)."""
        path = job_path(folder) if folder else ""
        tree = f"jobs[{','.join((*fields, 'healthReport[score,description]', 'jobs'))}]"
        answer = await self.http.get_json(path + "api/json", {"tree": tree})
        return answer if isinstance(answer, dict) else {}

    def items_in(self, answer: dict[str, Any], folder: str) -> tuple[Item, ...]:
        items: list[Item] = []
        for entry in answer.get("jobs") or []:
            if isinstance(entry, dict) and "name" in entry:
                items.append(Item.parse(entry, folder, self.http.context_path))
        return tuple(items)

    async def job(self, full_name: str, builds: int = 10) -> Job:
        tree = ",".join(
            (
                "name,displayName,description,color,buildable,inQueue,concurrentBuild",
                "nextBuildNumber,healthReport[score,description],queueItem[id]",
                PARAMETER_FIELDS,
                LAST_BUILD_FIELDS,
                f"builds[{BUILD_FIELDS}]{{0,{builds}}}",
            )
        )
        with self._named(f"no job '{full_name}'"):
            raw = await self.http.get_json(job_path(full_name) + "api/json", {"tree": tree})
        return Job.parse(raw, full_name, self.http.context_path)

    # -- builds ----------------------------------------------------------------------------

    async def build(self, full_name: str, number: int | str = "lastBuild") -> Build:
        """A build by number, or a permalink such as `lastBuild`, `lastFailedBuild`."""
        with self._named(f"no build {_build_name(number)} of '{full_name}'"):
            raw = await self.http.get_json(
                build_path(full_name, number) + "api/json", {"tree": BUILD_FIELDS}
            )
        return Build.parse(raw, full_name, self.http.context_path)

    async def trigger(
        self,
        full_name: str,
        parameters: ParameterInput | None = None,
        files: Mapping[str, tuple[str, bytes]] | None = None,
    ) -> QueueRef:
        """Queue a build. `parameters=None` means the job has none; `{}` means all defaults.

        Values go in the POST body, never in the URL (URLs end up in proxy and server logs).
        """
        if parameters is None and not files:
            response = await self.http.post(job_path(full_name) + "build", ok_redirect=True)
        else:
            form = {name: _form_value(value) for name, value in (parameters or {}).items()}
            uploads: Files = [
                (name, (filename, content)) for name, (filename, content) in (files or {}).items()
            ]
            response = await self.http.post(
                job_path(full_name) + "buildWithParameters",
                data=form,
                files=uploads or None,
                ok_redirect=True,
            )
        location = response.headers.get("location", "")
        match = _QUEUE_LOCATION.search(httpx.URL(location).path) if location else None
        if response.status_code not in (201, 303) or match is None:
            raise RequestRejected(
                f"Jenkins did not queue {full_name} (HTTP {response.status_code}"
                f"{', to ' + location if location else ''}): a plugin may have refused it",
                response.status_code,
            )
        return QueueRef(int(match.group(1)), full_name, merged=response.status_code == 303)

    async def stop_build(self, full_name: str, number: int, mode: StopMode = StopMode.STOP) -> None:
        """Abort a running build; `term` and `kill` force a Pipeline build that ignores `stop`."""
        with self._named(f"no build #{number} of '{full_name}' to {mode.value}"):
            await self.http.post(build_path(full_name, number) + mode.value, ok_redirect=True)

    async def find_build_by_queue_id(
        self, full_name: str, queue_id: int, among: int = 50
    ) -> Build | None:
        raw = await self.http.get_json(
            job_path(full_name) + "api/json", {"tree": f"builds[{BUILD_FIELDS}]{{0,{among}}}"}
        )
        for entry in raw.get("builds") or []:
            if isinstance(entry, dict) and entry.get("queueId") == queue_id:
                return Build.parse(entry, full_name, self.http.context_path)
        return None

    # -- queue -----------------------------------------------------------------------------

    async def queue(self) -> tuple[QueueItem, ...]:
        raw = await self.http.get_json("queue/api/json")
        return tuple(
            QueueItem.parse(entry, self.http.context_path)
            for entry in raw.get("items") or []
            if isinstance(entry, dict)
        )

    async def queue_item(self, queue_id: int) -> QueueItem:
        raw = await self.http.get_json(f"queue/item/{queue_id}/api/json")
        return QueueItem.parse(raw, self.http.context_path)

    async def queue_progress(self, ref: QueueRef) -> QueueItem:
        """One look at a triggered build's queue item.

        Left items vanish (404) five minutes after leaving; the build is then found by its
        `queueId`. A left item may have `executable: null` for a moment: that is not the end.
        """
        try:
            return await self.queue_item(ref.id)
        except NotFound:
            build = await self.find_build_by_queue_id(ref.job_full_name, ref.id)
            if build is None:
                raise NotFound(
                    f"queue item {ref.id} is gone and no recent build of "
                    f"{ref.job_full_name} came from it"
                ) from None
            return _left_with(ref, build)

    async def follow_queue(
        self, ref: QueueRef, poll_interval: float = 1.0
    ) -> AsyncIterator[QueueItem]:
        """Yield the queue item at each poll until it has a build or is cancelled."""
        while True:
            item = await self.queue_progress(ref)
            yield item
            if item.is_done:
                return
            await asyncio.sleep(poll_interval)

    async def cancel_queue_item(self, queue_id: int) -> None:
        try:
            await self.http.post("queue/cancelItem", data={"id": str(queue_id)}, ok_redirect=True)
        except (ServerError, NotFound) as error:
            if isinstance(error, ServerError) and error.status != 500:
                raise
            raise await self._why_not_cancelled(queue_id) from None

    async def _why_not_cancelled(self, queue_id: int) -> JenkinsError:
        """Jenkins answers 500 (404 before 2.211) for an item it cannot cancel: say why."""
        try:
            item = await self.queue_item(queue_id)
        except JenkinsError:
            return NotFound(
                f"queue item {queue_id} is not in the queue of {self.http.host}: it left long "
                "ago, or never was (`jtui queue` lists what waits)"
            )
        if item.cancelled:
            reason = f"queue item {queue_id} was cancelled already"
        elif item.executable is not None:
            reason = (
                f"queue item {queue_id} has left the queue: it is build "
                f"#{item.executable.number} of {item.job_full_name} (stop that instead)"
            )
        else:
            reason = f"queue item {queue_id} cannot be cancelled now (it is about to start)"
        return RequestRejected(reason, 500)

    # -- console ---------------------------------------------------------------------------

    async def console_text(self, full_name: str, number: int) -> bytes:
        """The whole log so far, raw (console notes already stripped by Jenkins)."""
        with self._named(f"no build #{number} of '{full_name}'"):
            response = await self.http.get_text(build_path(full_name, number) + "consoleText")
        return response.content

    async def console_bytes(self, full_name: str, number: int) -> AsyncIterator[bytes]:
        """The whole log so far, raw, as it arrives: never held whole (logs run to GBs)."""
        path = build_path(full_name, number) + "consoleText"
        with self._named(f"no build #{number} of '{full_name}'"):
            async with self.http.stream(path) as response:
                self.http.refuse_web_page(response, f"GET /{path}")
                async for chunk in response.aiter_bytes():
                    yield chunk

    @contextlib.contextmanager
    def _named(self, missing: str) -> Iterator[None]:
        """A 404 said in words: what is missing, where, and what to try."""
        try:
            yield
        except NotFound:
            raise NotFound(
                f"{missing} on {self.http.host} (or you may not see it): `jtui jobs` lists "
                "the jobs, `jtui log JOB` a job's last build"
            ) from None

    def console(self, full_name: str, number: int, path: str | None = None) -> ConsoleStream:
        """A build's console (or, at `path`, one step's log), read poll by poll."""
        return ConsoleStream(self, full_name, number, path)

    async def stream_console(
        self, full_name: str, number: int, poll_interval: float = 1.0
    ) -> AsyncIterator[ConsoleEvent]:
        """Follow a build's console until the build ends; the result equals `consoleText`."""
        async for event in follow_stream(self.console(full_name, number), poll_interval):
            yield event

    # -- multibranch scans -------------------------------------------------------------------

    async def scan(self, full_name: str) -> None:
        """Scan a multibranch project or organization folder now: Jenkins answers 302, not
        a queue item, so there is nothing to follow but the scan's log."""
        await self.http.post(
            job_path(full_name) + "build",
            {"delay": "0"},
            what=f"scan {full_name}",
            ok_redirect=True,
        )

    def scan_log(self, full_name: str, organization: bool = False) -> ConsoleStream:
        """The scan's log (`indexing/`, or `computation/` for an organization folder)."""
        where = "computation" if organization else "indexing"
        path = job_path(full_name) + f"{where}/logText/progressiveText"
        return ConsoleStream(self, full_name, 0, path)

    # -- tokens ----------------------------------------------------------------------------

    async def generate_token(self, name: str, expires_in_days: int | None = None) -> NewToken:
        """A new token (its value is in the answer only this once). Expiry needs ≥ 2.548."""
        from .tokens import parse_new_token, token_endpoint

        form = {"newTokenName": name}
        if expires_in_days is not None:
            form["expirationDuration"] = str(expires_in_days)
        response = await self.http.post(token_endpoint("generateNewToken"), data=form)
        return parse_new_token(self.http.json_of(response, "POST generateNewToken"))

    async def revoke_token(self, uuid: str, user_id: str | None = None) -> None:
        """Revoke by uuid. Jenkins answers 200 even for an unknown uuid."""
        from .tokens import token_endpoint

        await self.http.post(token_endpoint("revoke", user_id), data={"tokenUuid": uuid})

    async def server_tokens(self, user_id: str) -> tuple[ServerToken, ...] | None:
        """The user's tokens from their security page (HTML; best effort), or None.

        Since 2.468 the page is `/user/<id>/security/`; before, `/user/<id>/configure`.
        """
        from .tokens import parse_security_page

        for page in ("security/", "configure"):
            try:
                response = await self.http.get(f"user/{raw_encode(user_id)}/{page}")
            except NotFound:
                continue
            return parse_security_page(response.text)
        return None


def _build_name(number: int | str) -> str:
    return f"#{number}" if isinstance(number, int) else number


def _form_value(value: str | bool | int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _int_header(response: httpx.Response, name: str, default: int) -> int:
    try:
        return int(response.headers.get(name, ""))
    except ValueError:
        return default


def _left_with(ref: QueueRef, build: Build) -> QueueItem:
    return QueueItem(
        id=ref.id,
        state=QueueState.LEFT,
        why=None,
        task_name=ref.job_full_name.rpartition("/")[2],
        job_full_name=ref.job_full_name,
        in_queue_since=None,
        stuck=False,
        cancelled=False,
        executable=BuildRef(ref.job_full_name, build.number, build.url_path),
        parameters=build.parameters,
        causes=build.causes,
    )


@dataclass(frozen=True, slots=True)
class ConsolePoll:
    events: list[ConsoleEvent]
    more: bool  # False: the build has ended and the text shown equals `consoleText`


async def follow_stream(
    stream: ConsoleStream, poll_interval: float, sleep: Sleep = asyncio.sleep
) -> AsyncIterator[ConsoleEvent]:
    """Every event of a log, poll by poll, until the server says there is no more."""
    while True:
        polled = await stream.poll()
        for event in polled.events:
            yield event
        if not polled.more:
            return
        await sleep(poll_interval)


class ConsoleStream:
    """The state of reading one console; `poll()` may be called again after it fails.

    A poll that fails in transit is simply asked again from the same offset; once the build
    has ended, unless every answer continued the last one seamlessly, the text is checked
    against `consoleText` (fetched again if that fails).
    """

    def __init__(
        self, client: JenkinsClient, full_name: str, number: int, path: str | None = None
    ) -> None:
        self._client = client
        self._full_name = full_name
        self._number = number
        self._whole_log = path is None  # a step's log has no `consoleText` to check against
        self._path = path or build_path(full_name, number) + "logText/progressiveText"
        self._follower: ConsoleFollower | None = None
        self._held: list[ConsoleEvent] = []  # read, not yet returned (the check failed)
        self._ended = False

    async def poll(self) -> ConsolePoll:
        http = self._client.http
        if self._follower is None:
            if http.version is None:
                await self._client.who_am_i()
            self._follower = ConsoleFollower(skips_partial_lines(http.version))
        follower = self._follower
        while not self._ended:
            start = follower.offset
            try:
                with self._client._named(f"no build #{self._number} of '{self._full_name}'"):
                    response = await http.get_text(self._path, {"start": str(start)})
            except RequestRejected as error:
                if error.status != 416:
                    raise
                follower.restart()
                continue
            more = response.headers.get("x-more-data", "").lower() == "true"
            size = _int_header(response, "x-text-size", start + len(response.content))
            events = follower.feed(start, size, response.content, more)
            if more:
                return ConsolePoll(events, more=True)
            self._held, self._ended = events, True
        if not self._whole_log or follower.seamless:  # nothing to check, or nothing amiss
            events, self._held = self._held + follower.end(), []
            return ConsolePoll(events, more=False)
        whole = await self._client.console_text(self._full_name, self._number)
        events, self._held = self._held + follower.finish(whole), []
        return ConsolePoll(events, more=False)
