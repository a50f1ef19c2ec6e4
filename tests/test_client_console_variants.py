"""Console answers the demo (a ≥ 2.509 Jenkins) never gives: a 416, and the ≤ 2.508 protocol.

These are the only tests with a scripted transport, because no server here produces them.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from jtui.jenkins import JenkinsClient
from jtui.jenkins.console import ConsoleAppend, ConsoleReplace

pytestmark = pytest.mark.unit

Handler = Callable[[httpx.Request], httpx.Response]


def jenkins(version: str, console: Handler) -> JenkinsClient:
    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("whoAmI/api/json"):
            return httpx.Response(
                200,
                json={"_class": "hudson.security.WhoAmI", "name": "a", "anonymous": False},
                headers={"X-Jenkins": version},
            )
        if path.endswith("/consoleText"):
            return httpx.Response(200, content=b"one\ntwo\nthree\n")
        return console(request)

    return JenkinsClient("http://jenkins.test/", transport=httpx.MockTransport(handle))


async def collect(client: JenkinsClient) -> list[object]:
    async with client:
        return [e async for e in client.stream_console("job", 1, poll_interval=0)]


async def test_old_jenkins_strips_notes_and_reports_the_offset_reached() -> None:
    answers = iter(
        [
            (b"one\r\n", "120", True),  # 120: the raw offset, notes included
            (b"two\r\n", "200", True),
            (b"three\r\n", "260", False),
        ]
    )
    starts: list[str] = []

    def console(request: httpx.Request) -> httpx.Response:
        starts.append(request.url.params["start"])
        body, size, more = next(answers)
        headers = {"X-Text-Size": size, **({"X-More-Data": "true"} if more else {})}
        return httpx.Response(200, content=body, headers=headers)

    events = await collect(jenkins("2.479.3", console))
    assert starts == ["0", "120", "200"]
    assert "".join(e.text for e in events if isinstance(e, ConsoleAppend)) == "one\ntwo\nthree\n"
    assert not any(isinstance(e, ConsoleReplace) for e in events)


async def test_416_restarts_from_zero_without_repeating_text() -> None:
    answers = iter(
        [
            httpx.Response(
                200, content=b"one\r\n", headers={"X-Text-Size": "4", "X-More-Data": "true"}
            ),
            httpx.Response(416),
            httpx.Response(200, content=b"one\r\ntwo\r\nthree\r\n", headers={"X-Text-Size": "14"}),
        ]
    )
    starts: list[str] = []

    def console(request: httpx.Request) -> httpx.Response:
        starts.append(request.url.params["start"])
        return next(answers)

    events = await collect(jenkins("2.550", console))
    assert starts == ["0", "4", "0"]
    assert events == [ConsoleAppend("one\n"), ConsoleAppend("two\nthree\n")]
