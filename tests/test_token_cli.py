"""`jtui token …` and `jtui profile add --password-stdin` as a user runs them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from jtui.config.profiles import load_config
from jtui.config.secrets import resolve
from jtui.demo import DemoJenkins

from .cli_support import Jtui

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-battery"


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=50, password=PASSWORD) as jenkins:
        yield jenkins


def works(demo: DemoJenkins, token: str) -> bool:
    return httpx.get(demo.url + "api/json", auth=(demo.user, token)).status_code == 200


def config_token(jtui: Jtui) -> str:
    profile = next(iter(load_config(jtui.config).profiles.values()))
    return resolve(profile.token_source, profile.user).reveal()


@pytest.fixture
def added(tmp_path: Path, demo: DemoJenkins) -> Jtui:
    jtui = Jtui(tmp_path)
    result = jtui.add_profile(
        "demo",
        demo.url,
        demo.user,
        "--token-stdin",
        stdin=demo.token,
    )
    assert result.returncode == 0, result.stderr
    return jtui


def test_first_token_from_a_password(tmp_path: Path, demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    result = jtui.add_profile(
        "mine",
        demo.url,
        demo.user,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "password was not stored" in result.stdout
    token = config_token(jtui)
    assert re.fullmatch(r"11[0-9a-f]{32}", token)
    assert works(demo, token)
    for path in jtui.written_files():
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in result.stdout + result.stderr
    listed = json.loads(jtui("token", "list", "--json").stdout)
    current = next(t for t in listed if t["current"])
    assert re.fullmatch(r"jtui-[A-Za-z0-9-]+-\d{8}-\d{4}", current["name"]) and current["on_server"]


def test_wrong_password(tmp_path: Path, demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    result = jtui.add_profile(
        "mine",
        demo.url,
        demo.user,
        "--password-stdin",
        stdin="nope\n",
    )
    assert result.returncode == 5
    assert not jtui.config.exists()


def test_generate_prints_only_the_token(added: Jtui, demo: DemoJenkins) -> None:
    result = added("token", "generate", "laptop")
    assert result.returncode == 0
    token = result.stdout.strip()
    assert result.stdout == token + "\n"
    assert token not in result.stderr and "shown only once" in result.stderr
    assert works(demo, token)
    for path in added.written_files():
        assert token.encode() not in path.read_bytes(), path


def test_list_revoke_and_the_current_token_guard(added: Jtui, demo: DemoJenkins) -> None:
    created = added("token", "generate", "spare").stdout.strip()
    rows = json.loads(added("token", "list", "--json").stdout)
    spare = next(r for r in rows if r["name"] == "spare")
    assert spare["on_server"] and spare["in_ledger"]
    assert "spare" in added("token", "list").stdout
    refused = added("token", "revoke", spare["uuid"])
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert added("token", "revoke", spare["uuid"], "--yes").returncode == 0
    assert not works(demo, created)
    # The profile's own token, once jtui knows its uuid (learnt from a rotation here):
    assert added("token", "rotate").returncode == 0
    rows = json.loads(added("token", "list", "--json").stdout)
    current = next(r for r in rows if r["current"])
    guarded = added("token", "revoke", current["uuid"], "--yes")
    assert guarded.returncode == 2 and "--current" in guarded.stderr
    assert works(demo, config_token(added))


def test_rotate_with_an_unknown_old_uuid_lists_it_never_guesses(
    added: Jtui, demo: DemoJenkins
) -> None:
    old = config_token(added)
    result = added("token", "rotate")
    assert result.returncode == 0, result.stderr
    assert "does not know the old token's uuid" in result.stdout
    assert "jtui token revoke UUID" in result.stdout
    new = config_token(added)
    assert new != old and works(demo, new) and works(demo, old)  # nothing revoked on a guess
    again = added("token", "rotate")  # this time jtui knows the old uuid: its own token
    assert again.returncode == 0 and "the old one revoked" in again.stdout
    newest = config_token(added)
    assert works(demo, newest) and not works(demo, new)
    check = added("check")
    assert check.returncode == 0
    for text in (result.stdout, result.stderr, again.stdout, again.stderr, check.stdout):
        assert old not in text and new not in text and newest not in text


def test_rotate_revokes_the_old_token_the_user_names(added: Jtui, demo: DemoJenkins) -> None:
    old = config_token(added)
    with demo.instance.lock:
        demo_uuid = next(t.uuid for t in demo.instance.users["admin"].tokens if t.name == "demo")
    result = added("token", "rotate", "--revoke", demo_uuid)
    assert result.returncode == 0, result.stderr
    assert f"revoked the old token {demo_uuid}" in result.stdout
    assert not works(demo, old)
    assert works(demo, config_token(added))


def test_rotate_refuses_tokens_it_cannot_store(tmp_path: Path, demo: DemoJenkins) -> None:
    jtui = Jtui(tmp_path)
    jtui.add_profile(
        "envtok",
        demo.url,
        demo.user,
        "--token-env",
        "TOK",
        env={"TOK": demo.token},
    )
    result = jtui("token", "rotate", env={"TOK": demo.token})
    assert result.returncode == 5
    assert "jtui token generate" in result.stderr


def test_read_only_profiles_refuse_token_changes(added: Jtui) -> None:
    from jtui.config.profiles import update_profile

    update_profile(added.config, "demo", {"read_only": True})
    for args in (
        ("token", "generate", "x"),
        ("token", "rotate"),
        ("token", "revoke", "u", "--yes"),
    ):
        result = added(*args)
        assert result.returncode == 5 and "read-only" in result.stderr


def test_the_own_token_is_guarded_even_when_jtui_never_learnt_its_uuid(
    added: Jtui, demo: DemoJenkins
) -> None:
    with demo.instance.lock:
        (own,) = [t.uuid for t in demo.instance.users[demo.user].tokens]
    guarded = added("token", "revoke", own, "--yes")  # the ledger has no uuid for it
    assert guarded.returncode == 2 and "--current" in guarded.stderr
    assert works(demo, config_token(added))
    ledger = (added.home / "state" / "jtui" / "tokens.toml").read_text()
    assert own in ledger  # found out by its use counter, and remembered


def test_revoking_a_uuid_the_user_has_not_is_an_error(added: Jtui) -> None:
    result = added("token", "revoke", "not-a-uuid", "--yes")
    assert result.returncode == 5
    assert "has no token with uuid not-a-uuid" in result.stderr
