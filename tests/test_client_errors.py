"""Every error type, produced by a real server (the demo and its faults), never a mock."""

from __future__ import annotations

import ssl

import httpx
import pytest
import trustme

from jtui.demo import DemoJenkins
from jtui.jenkins import Credentials, JenkinsClient
from jtui.jenkins.errors import (
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
from jtui.secret import Secret

from .conftest import FAST, closed_port, credentials

pytestmark = pytest.mark.demo

SECRET = "11" + "5ec7e7" * 5 + "ab"  # a recognisable token that must never show


def assert_token_free(error: BaseException, token: str) -> None:
    assert token not in str(error)
    assert token not in repr(error)
    assert "\n" not in str(error)


async def test_wrong_token_is_authentication_failed(demo: DemoJenkins) -> None:
    async with JenkinsClient(demo.url, Credentials(demo.user, Secret(SECRET))) as client:
        with pytest.raises(AuthenticationFailed) as caught:
            await client.server_info()
    assert "HTTP 401" in str(caught.value)
    assert_token_free(caught.value, SECRET)


async def test_anonymous_on_a_protected_server(demo: DemoJenkins) -> None:
    async with JenkinsClient(demo.url) as client:
        with pytest.raises(AuthenticationFailed, match="requires a login"):
            await client.all_items()


async def test_missing_permission_is_named(demo: DemoJenkins) -> None:
    with demo.instance.lock:
        demo.instance.users["viewer"].add_token("t", SECRET, 0)
    async with JenkinsClient(demo.url, Credentials("viewer", Secret(SECRET))) as client:
        assert (await client.job("testJob")).item.name == "testJob"
        with pytest.raises(PermissionDenied) as caught:
            await client.trigger("testJob")
    assert caught.value.permission == "hudson.model.Item.Build"
    assert caught.value.user == "viewer"
    assert "hudson.model.Item.Build" in str(caught.value)
    assert_token_free(caught.value, SECRET)


async def test_not_found(client: JenkinsClient) -> None:
    with pytest.raises(NotFound, match=r"no job 'no-such-job' on 127\.0\.0\.1"):
        await client.job("no-such-job")
    with pytest.raises(NotFound):
        await client.build("testJob", 4242)


@pytest.mark.parametrize("mode", ["html", "redirect"])
async def test_sso_login_page_is_not_jenkins(
    client: JenkinsClient, demo: DemoJenkins, mode: str
) -> None:
    demo.faults.update(sso=mode)
    with pytest.raises(NotJenkins) as caught:
        await client.all_items()
    assert "login page or proxy" in str(caught.value)


async def test_server_error_after_retries_carries_retry_after(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    demo.faults.fail_next(503, count=-1, retry_after=0)
    with pytest.raises(ServerError) as caught:
        await client.server_info()
    assert caught.value.status == 503 and caught.value.retry_after == 0
    demo.faults.fail_next(502, count=1)
    assert (await client.server_info()).version  # one 502, then the retry succeeds


async def test_500_is_not_retried(client: JenkinsClient, demo: DemoJenkins) -> None:
    demo.faults.fail_next(500, count=1)
    with pytest.raises(ServerError) as caught:
        await client.server_info()
    assert caught.value.status == 500
    assert (await client.server_info()).version


async def test_timeout() -> None:
    with DemoJenkins(time_scale=FAST, latency_ms=1500) as demo:
        timeout = httpx.Timeout(0.3)
        async with JenkinsClient(
            demo.url, credentials(demo), timeout=timeout, retry_delays=()
        ) as client:
            with pytest.raises(RequestTimeout):
                await client.who_am_i()


async def test_unreachable() -> None:
    port = closed_port()
    async with JenkinsClient(f"http://127.0.0.1:{port}/", retry_delays=()) as client:
        with pytest.raises(Unreachable, match=f"127.0.0.1:{port}"):
            await client.who_am_i()


async def test_tls_verification_failed_and_trusted_ca() -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "127.0.0.1").configure_cert(server_context)
    with DemoJenkins(time_scale=FAST, tls=server_context) as demo:
        assert demo.url.startswith("https://")
        async with JenkinsClient(demo.url, credentials(demo), retry_delays=()) as client:
            with pytest.raises(TlsVerificationFailed, match="ca_bundle"):
                await client.who_am_i()
        trusting = ssl.create_default_context()
        authority.configure_trust(trusting)
        async with JenkinsClient(demo.url, credentials(demo), verify=trusting) as client:
            assert (await client.who_am_i()).name == demo.user


async def test_rejected_requests(client: JenkinsClient) -> None:
    with pytest.raises(RequestRejected) as disabled:
        await client.trigger("legacy-nightly")
    assert disabled.value.status == 409
    assert "legacy-nightly is not buildable" in str(disabled.value)
    with pytest.raises(RequestRejected) as not_parameterized:
        await client.trigger("testJob", {})
    assert not_parameterized.value.status == 400


async def test_lost_answer_to_a_post_is_never_resent(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    before = len(demo.instance.queue)
    demo.faults.reset_next()
    with pytest.raises(OutcomeUnknown, match="may or may not have taken effect"):
        await client.trigger("testJob")
    assert len(demo.instance.queue) == before + 1  # sent once, taken once


async def test_unexpected_redirect_on_post(client: JenkinsClient) -> None:
    with pytest.raises(UnexpectedRedirect) as caught:
        await client.http.post("job/testJob/6/stop")
    assert caught.value.location and caught.value.location.endswith("/job/testJob/6/")


async def test_every_error_message_is_one_line_and_token_free(demo: DemoJenkins) -> None:
    errors: list[JenkinsError] = []
    async with JenkinsClient(demo.url, Credentials(demo.user, Secret(SECRET))) as wrong:
        for call in (wrong.server_info(), wrong.trigger("testJob"), wrong.generate_token("x")):
            with pytest.raises(JenkinsError) as caught:
                await call
            errors.append(caught.value)
    for error in errors:
        assert_token_free(error, SECRET)


def test_base_url_with_credentials_is_refused() -> None:
    with pytest.raises(ValueError, match="not in the URL"):
        JenkinsClient("https://alice:secret@jenkins.example.com/")
