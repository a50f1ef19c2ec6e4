"""config.toml parsing, profile selection and token sources."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jtui.config.errors import ConfigError, ProfileError, SecretError
from jtui.config.locations import config_path
from jtui.config.profiles import (
    add_profile,
    load_config,
    remove_profile,
    select_profile,
    set_default,
    store_token,
)
from jtui.config.secrets import SourceKind, TokenSource, resolve
from jtui.secret import Secret

pytestmark = pytest.mark.unit

TWO = """
version = 1
default_profile = "prod"
[profiles.prod]
url = "https://ci.example.com/jenkins"
user = "alice"
token = "11aaaa"
label = "PRODUCTION"
color = "red"
read_only = true
[profiles.staging]
url = "https://staging.example.com/"
user = "alice"
token_env = "STAGING_TOKEN"
verify_tls = false
confirm = true
refresh_seconds = 10
rotate_after_days = 30
keyring_typo = 1
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(TWO)
    path.chmod(0o600)
    return path


def test_parse_every_key(config_file: Path) -> None:
    config = load_config(config_file)
    prod, staging = config.profiles["prod"], config.profiles["staging"]
    assert prod.url == "https://ci.example.com/jenkins/"
    assert prod.read_only and prod.label == "PRODUCTION" and prod.color == "red"
    assert prod.token_source.kind is SourceKind.INLINE
    assert "11aaaa" not in repr(prod)
    assert not staging.verify_tls and staging.confirm
    assert staging.refresh_seconds == 10 and staging.rotate_after_days == 30
    assert staging.token_source == TokenSource(SourceKind.ENV, "STAGING_TOKEN")
    assert staging.unknown_keys == ("keyring_typo",)
    warnings = config.warnings()
    assert any("keyring_typo" in w for w in warnings)
    assert any("NOT verified" in w for w in warnings)


def test_a_file_without_version_is_version_1(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[profiles.a]\nurl = "http://x"\nuser = "u"\ntoken_command = "pass x"\n')
    assert load_config(path).profiles["a"].token_source.kind is SourceKind.COMMAND


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('url = "http://x"\nuser = "u"', "exactly one of"),
        ('url = "http://x"\nuser = "u"\ntoken = "t"\ntoken_env = "T"', "exactly one of"),
        ('url = "ftp://x"\nuser = "u"\ntoken = "t"', "http"),
        ('url = "https://u:p@x"\nuser = "u"\ntoken = "t"', "not in the URL"),
        ('url = "http://x"\nuser = "u"\ntoken = "t"\nread_only = "yes"', "true or false"),
        ('url = "http://x"\ntoken = "t"', "'user'"),
    ],
)
def test_invalid_profiles_are_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[profiles.bad]\n{body}\n")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert "profile 'bad'" in str(caught.value)


def test_selection_precedence(config_file: Path) -> None:
    config = load_config(config_file)
    assert select_profile(config, None, {}).name == "prod"  # default_profile
    assert select_profile(config, None, {"JTUI_PROFILE": "staging"}).name == "staging"
    assert select_profile(config, "prod", {"JTUI_PROFILE": "staging"}).name == "prod"
    with pytest.raises(ProfileError, match="no profile named 'nope'"):
        select_profile(config, "nope", {})


def test_only_profile_and_ambiguity(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    add_profile(path, "one", {"url": "http://x/", "user": "u", "token": "t"})
    assert select_profile(load_config(path), None, {}).name == "one"
    add_profile(path, "two", {"url": "http://y/", "user": "u", "token": "t"})
    with pytest.raises(ProfileError, match="several profiles"):
        select_profile(load_config(path), None, {})
    set_default(path, "two")
    assert select_profile(load_config(path), None, {}).name == "two"
    remove_profile(path, "two")
    assert load_config(path).default_profile is None


def test_env_profile(tmp_path: Path) -> None:
    env = {"JENKINS_URL": "http://j:8080", "JENKINS_USER_ID": "bob", "JENKINS_API_TOKEN": "tok"}
    empty = load_config(tmp_path / "none.toml")
    profile = select_profile(empty, None, env)
    assert (profile.name, profile.url, profile.user) == ("env", "http://j:8080/", "bob")
    assert resolve(profile.token_source, "bob", env) == Secret("tok")
    with pytest.raises(ProfileError, match="no Jenkins profile"):
        select_profile(empty, None, {k: v for k, v in env.items() if k != "JENKINS_API_TOKEN"})
    path = tmp_path / "config.toml"
    add_profile(path, "a", {"url": "http://x/", "user": "u", "token": "t"})
    assert select_profile(load_config(path), "env", env).name == "env"
    assert select_profile(load_config(path), None, env).name == "a"
    with pytest.raises(ConfigError, match="reserved"):
        add_profile(path, "env", {"url": "http://x/", "user": "u", "token": "t"})


def test_config_path_precedence(tmp_path: Path) -> None:
    assert config_path("/a/b.toml", {"JTUI_CONFIG": "/c.toml"}) == Path("/a/b.toml")
    assert config_path(None, {"JTUI_CONFIG": "/c.toml"}) == Path("/c.toml")
    assert config_path(None, {}).name == "config.toml"


def test_store_token_replaces_the_source(config_file: Path) -> None:
    store_token(config_file, "staging", Secret("11bbbb"))
    staging = load_config(config_file).profiles["staging"]
    assert staging.token_source.kind is SourceKind.INLINE
    assert resolve(staging.token_source, "alice") == Secret("11bbbb")
    assert staging.rotate_after_days == 30  # everything else kept


def test_token_command_is_split_without_a_shell() -> None:
    source = TokenSource(SourceKind.COMMAND, f"{sys.executable} -c 'print(\"$HOME\")'")
    assert resolve(source, "u") == Secret("$HOME")


def test_token_command_failures_are_clear() -> None:
    failing = TokenSource(SourceKind.COMMAND, f"{sys.executable} -c 'raise SystemExit(3)'")
    with pytest.raises(SecretError, match="exit status 3"):
        resolve(failing, "u")
    with pytest.raises(SecretError, match="not found"):
        resolve(TokenSource(SourceKind.COMMAND, "no-such-program-jtui"), "u")
    with pytest.raises(SecretError, match="printed nothing"):
        resolve(TokenSource(SourceKind.COMMAND, "true"), "u")


def test_token_command_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jtui.config.secrets.COMMAND_TIMEOUT", 0.3)
    slow = TokenSource(SourceKind.COMMAND, f"{sys.executable} -c 'import time; time.sleep(5)'")
    with pytest.raises(SecretError, match="did not finish"):
        resolve(slow, "u")


def test_token_command_runs_without_a_terminal() -> None:
    """In a session of its own (no controlling terminal), so a command that would prompt on
    /dev/tty fails at once instead of drawing over the app."""
    leads = "import os; print('11', os.getsid(0) == os.getpid())"
    found = resolve(TokenSource(SourceKind.COMMAND, f'{sys.executable} -c "{leads}"'), "u")
    assert found.reveal() == "11 True"


def test_missing_env_token() -> None:
    with pytest.raises(SecretError, match="MISSING_VAR is not set"):
        resolve(TokenSource(SourceKind.ENV, "MISSING_VAR"), "u", {})


def test_keyring_without_the_extra_is_a_clear_error() -> None:
    with pytest.raises(SecretError, match="keyring"):
        resolve(TokenSource(SourceKind.KEYRING, "jenkins-prod"), "alice")
