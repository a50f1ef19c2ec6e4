"""Tokens: the security page, the ledger, and rotation that never loses access."""

from __future__ import annotations

import stat
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from jtui.config.ledger import LedgerEntry, TokenLedger, fingerprint
from jtui.config.profiles import Profile, add_profile, load_config
from jtui.config.secrets import resolve
from jtui.config.state import StateStore
from jtui.core.errors import RotationError
from jtui.core.home import Home
from jtui.core.session import Session
from jtui.core.tokens import generate, rotate, token_rows
from jtui.demo import DemoJenkins
from jtui.jenkins import Credentials, JenkinsClient
from jtui.jenkins.errors import AuthenticationFailed, TokenOperationFailed
from jtui.jenkins.tokens import parse_security_page
from jtui.secret import Secret

pytestmark = pytest.mark.demo


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=50) as jenkins:
        yield jenkins


@pytest.fixture
def setup(tmp_path: Path, demo: DemoJenkins) -> tuple[Path, TokenLedger, Profile]:
    config = tmp_path / "config.toml"
    add_profile(config, "demo", {"url": demo.url, "user": demo.user, "token": demo.token})
    return config, TokenLedger(tmp_path / "tokens.toml"), load_config(config).profiles["demo"]


def home_of(config: Path, ledger: TokenLedger) -> Home:
    return Home(config, StateStore(config.with_name("state.toml")), ledger)


@pytest.fixture
async def client(demo: DemoJenkins) -> AsyncIterator[JenkinsClient]:
    async with JenkinsClient(demo.url, Credentials(demo.user, Secret(demo.token))) as jenkins:
        yield jenkins


def works(demo: DemoJenkins, token: str) -> bool:
    response = httpx.get(demo.url + "whoAmI/api/json", auth=(demo.user, token))
    return response.status_code == 200 and response.json()["anonymous"] is False


def server_uuids(demo: DemoJenkins) -> set[str]:
    with demo.instance.lock:
        return {t.uuid for t in demo.instance.users[demo.user].tokens}


# -- the security page ------------------------------------------------------------------------


async def test_server_token_list_from_the_security_page(
    client: JenkinsClient, demo: DemoJenkins
) -> None:
    await client.who_am_i()  # uses the token once
    listed = await client.server_tokens(demo.user)
    assert listed is not None
    (token,) = listed
    assert token.name == "demo"
    assert token.uuid in server_uuids(demo)
    assert token.created is not None and token.last_used is not None
    assert "Used" in token.usage


def test_security_page_variants() -> None:
    assert parse_security_page("<html><body>Sign in</body></html>") is None
    legacy = (
        '<div class="token-list"><button data-token-uuid="u-1" '
        'data-target-url="/user/a/descriptorByName/x/revoke">Revoke</button></div>'
    )
    (only,) = parse_security_page(legacy) or ()
    assert only.uuid == "u-1" and only.name == ""
    assert parse_security_page('<div class="token-list"></div>') == ()


async def test_older_jenkins_lists_tokens_on_the_configure_page() -> None:
    page = (
        '<div class="token-list"><div class="token-list-item" id="u-7">'
        '<span class="token-name">old</span></div></div>'
    )

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/security/"):
            return httpx.Response(404, headers={"X-Jenkins": "2.440"})
        return httpx.Response(200, text=page, headers={"X-Jenkins": "2.440"})

    async with JenkinsClient("http://j/", transport=httpx.MockTransport(handle)) as jenkins:
        listed = await jenkins.server_tokens("alice")
    assert listed is not None and listed[0].uuid == "u-7"


# -- generate and the ledger ------------------------------------------------------------------


async def test_generate_records_the_token_but_never_its_value(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, ledger, profile = setup
    async with await Session.open(profile, home_of(config, ledger)) as session:
        token = (await generate(session, "ci-bot")).token
    assert works(demo, token.value.reveal())
    (entry,) = ledger.entries(profile.url, profile.user)
    assert (entry.name, entry.uuid, entry.source) == ("ci-bot", token.uuid, "generated")
    assert entry.fingerprint == fingerprint(token.value)
    assert token.value.reveal().encode() not in ledger.path.read_bytes()
    assert stat.S_IMODE(ledger.path.stat().st_mode) == 0o600


async def test_status_error_answers_are_errors(client: JenkinsClient) -> None:
    with pytest.raises(TokenOperationFailed, match="expiration date must be in the future"):
        await client.generate_token("expired", expires_in_days=-1)


def test_ledger_merges_what_it_learns(tmp_path: Path) -> None:
    ledger = TokenLedger(tmp_path / "tokens.toml")
    token = Secret("11" + "ab" * 16)
    given = LedgerEntry(
        "p", "http://j/", "a", "profile add", datetime.now(UTC), fingerprint=fingerprint(token)
    )
    ledger.record(given)
    ledger.record(
        LedgerEntry(
            "p",
            "http://j/",
            "a",
            "x",
            datetime.now(UTC),
            uuid="u-1",
            fingerprint=fingerprint(token),
        )
    )
    (entry,) = ledger.entries()
    assert entry.uuid == "u-1" and entry.source == "profile add"
    assert ledger.find("http://j/", "a", token) == entry


# -- rotation ---------------------------------------------------------------------------------


async def rotate_demo(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile], step: object = None
) -> tuple[object, str]:
    config, ledger, profile = setup
    old = resolve(profile.token_source, profile.user)
    # The profile's token was given by the user and then learnt (as `jtui token list` does).
    ledger.record(
        LedgerEntry(
            "demo",
            profile.url,
            profile.user,
            "profile add",
            datetime.now(UTC),
            uuid=next(iter(server_uuids(demo))),
            fingerprint=fingerprint(old),
        )
    )
    async with await Session.open(profile, home_of(config, ledger)) as session:
        result = await rotate(session, "rotated", step or (lambda _: None))  # type: ignore[arg-type]
    return result, old.reveal()


async def test_rotate_end_to_end(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, ledger, _ = setup
    result, old = await rotate_demo(demo, setup)
    assert result.stored and result.old_revoked  # type: ignore[attr-defined]
    new = resolve(load_config(config).profiles["demo"].token_source, "admin").reveal()
    assert new != old
    assert works(demo, new)
    assert not works(demo, old)
    entries = {e.name: e for e in ledger.entries()}
    assert entries["rotated"].uuid == result.new.uuid  # type: ignore[attr-defined]
    assert entries["rotated"].revoked is None
    assert next(e for e in ledger.entries() if e.fingerprint == fingerprint(Secret(old))).revoked


async def test_failure_to_generate(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, _, _ = setup
    before = config.read_bytes()
    uuids = server_uuids(demo)

    def step(name: str) -> None:
        if name == "generate":
            demo.faults.fail_next(500)

    with pytest.raises(RotationError, match="no new token was created"):
        await rotate_demo(demo, setup, step)
    assert config.read_bytes() == before
    assert server_uuids(demo) == uuids
    assert works(demo, demo.token)


async def test_failure_to_verify_revokes_the_new_token(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, _, _ = setup
    before = config.read_bytes()
    uuids = server_uuids(demo)

    def step(name: str) -> None:
        if name == "verify":
            demo.faults.fail_next(503, count=3)  # every attempt of the check fails

    with pytest.raises(RotationError, match=r"did not work .* revoked it again"):
        await rotate_demo(demo, setup, step)
    assert config.read_bytes() == before
    assert server_uuids(demo) == uuids  # the new token is gone again
    assert works(demo, demo.token)


async def test_failure_to_store_revokes_the_new_token(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, _, _ = setup
    uuids = server_uuids(demo)

    def step(name: str) -> None:
        if name == "store":
            config.write_text("this = is [ not toml")  # someone broke the file meanwhile

    with pytest.raises(RotationError, match=r"could not be stored .* revoked it again"):
        await rotate_demo(demo, setup, step)
    assert config.read_text() == "this = is [ not toml"  # never overwritten
    assert server_uuids(demo) == uuids
    assert works(demo, demo.token)


async def test_failure_to_revoke_the_old_token_is_reported(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, _, _ = setup

    def step(name: str) -> None:
        if name == "revoke":
            demo.faults.fail_next(500)

    result, old = await rotate_demo(demo, setup, step)
    assert result.stored and not result.old_revoked  # type: ignore[attr-defined]
    assert "could not be revoked" in result.message  # type: ignore[attr-defined]
    new = resolve(load_config(config).profiles["demo"].token_source, "admin").reveal()
    assert works(demo, new)
    assert works(demo, old)  # still valid: the user is told to revoke it


async def test_unknown_old_uuid_is_never_guessed(
    demo: DemoJenkins, setup: tuple[Path, TokenLedger, Profile]
) -> None:
    config, ledger, profile = setup
    old = resolve(profile.token_source, profile.user)
    async with await Session.open(profile, home_of(config, ledger)) as session:
        result = await rotate(session, "rotated")
    assert result.stored and result.old_uuid is None and not result.old_revoked
    assert "security/" in result.message
    assert works(demo, old.reveal())  # nothing was revoked on a guess


async def test_two_step_rotation_for_tokens_from_the_environment(
    demo: DemoJenkins, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    add_profile(config, "envtok", {"url": demo.url, "user": demo.user, "token_env": "T"})
    profile = load_config(config).profiles["envtok"]
    ledger = TokenLedger(tmp_path / "tokens.toml")
    before = config.read_bytes()
    home = home_of(config, ledger)
    async with await Session.open(profile, home, environ={"T": demo.token}) as session:
        result = await rotate(session, "next")
    assert not result.stored and not result.old_revoked
    assert "environment variable T" in result.message
    assert config.read_bytes() == before
    assert works(demo, result.new.value.reveal()) and works(demo, demo.token)


def test_rows_merge_server_and_ledger(tmp_path: Path) -> None:
    from jtui.jenkins.tokens import ServerToken

    current = Secret("11" + "cd" * 16)
    server = (
        ServerToken("u-1", "laptop", None, datetime(2026, 1, 2, tzinfo=UTC), "Used 3"),
        ServerToken("u-2", "ci", None, None, "Never used"),
    )
    ledger = [
        LedgerEntry(
            "p",
            "s",
            "a",
            "generated",
            datetime(2026, 1, 1, tzinfo=UTC),
            "laptop",
            "u-1",
            fingerprint(current),
        ),
        LedgerEntry("p", "s", "a", "generated", datetime(2026, 1, 1, tzinfo=UTC), "gone", "u-9"),
    ]
    rows = token_rows(server, ledger, current)
    assert [r.uuid for r in rows] == ["u-1", "u-2", "u-9"]
    assert rows[0].current and rows[0].in_ledger and rows[0].on_server
    assert rows[2].revoked and rows[2].on_server is False
    assert token_rows(None, ledger, None)[0].on_server is None  # the page could not be read


async def test_revoked_token_gets_401(client: JenkinsClient, demo: DemoJenkins) -> None:
    token = await client.generate_token("short-lived")
    await client.revoke_token(token.uuid)
    async with JenkinsClient(demo.url, Credentials(demo.user, token.value)) as gone:
        with pytest.raises(AuthenticationFailed):
            await gone.who_am_i()
