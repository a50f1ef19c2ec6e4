"""`config.toml`: server profiles, their validation, and which one a command uses.

The file format is a public interface:

    version = 1
    default_profile = "prod"
    [profiles.prod]
    url = "https://ci.example.com/"
    user = "alice"
    token = "11…"          # or token_env = "VAR", or token_command = "pass show …"
    verify_tls = true
    ca_bundle = "/etc/ssl/certs/corp.pem"
    read_only = false
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..secret import Secret
from .errors import ConfigError, ProfileError
from .files import TomlData, loose_permissions, read_toml, update_toml
from .secrets import SourceKind, TokenSource

CONFIG_VERSION = 1
ENV_PROFILE = "env"
ENV_URL, ENV_USER, ENV_TOKEN = "JENKINS_URL", "JENKINS_USER_ID", "JENKINS_API_TOKEN"
HEADER = (
    "# jtui configuration: server profiles. See the README for every key.\n"
    "# jtui rewrites this file when you edit profiles (jtui profile …, or the Servers\n"
    "# screen). Comments are not kept when it does.\n\n"
)
TOP_LEVEL_KEYS = frozenset({"version", "default_profile", "profiles", "keys", "theme", "notify"})
NOTIFY_CHOICES = ("all", "bell", "osc", "off")
TOKEN_KEYS = tuple(kind.value for kind in SourceKind)
PROFILE_KEYS = frozenset(
    {
        "url",
        "user",
        *TOKEN_KEYS,
        "verify_tls",
        "ca_bundle",
        "read_only",
        "label",
        "color",
        "confirm",
        "refresh_seconds",
        "rotate_after_days",
        "notify",
        "timeout_seconds",
    }
)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    url: str
    user: str
    token_source: TokenSource
    verify_tls: bool = True
    ca_bundle: str | None = None
    read_only: bool = False
    label: str | None = None
    color: str | None = None
    confirm: bool = False
    refresh_seconds: float = 5.0
    timeout_seconds: float = 10.0  # no byte for this long: the server is not answering
    rotate_after_days: int = 90
    notify: str | None = None  # None: the config's global `notify`
    unknown_keys: tuple[str, ...] = ()
    transient: bool = False  # the `env` and demo profiles: never written to the file

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    default_profile: str | None = None
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=dict)  # action id → keys ([keys])
    theme: str | None = None
    notify: str = "all"
    unknown_keys: tuple[str, ...] = ()
    permission_warning: str | None = None

    def warnings(self) -> list[str]:
        """Probable typos and risky settings, for `jtui check`."""
        found = [f"{self.path}: unknown key '{key}' (a typo?)" for key in self.unknown_keys]
        for profile in self.profiles.values():
            found += [
                f"profile {profile.name}: unknown key '{key}' (a typo?)"
                for key in profile.unknown_keys
            ]
            if not profile.verify_tls:
                found.append(f"profile {profile.name}: TLS certificates are NOT verified")
        if self.default_profile and self.default_profile not in self.profiles:
            found.append(f"default_profile '{self.default_profile}' names no profile")
        if self.permission_warning:
            found.append(self.permission_warning)
        return found


def normalize_url(url: str) -> str:
    """An http(s) URL with a trailing slash; credentials in it are refused (and never shown)."""
    text = url.strip()
    shown = "…@" + text.rpartition("@")[2] if "@" in text else text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as error:
        raise ConfigError(f"not a valid URL: {shown!r} ({error})") from None
    if "@" in text:
        raise ConfigError("put the user and token in the profile, not in the URL")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"not an http(s) URL: {shown!r} (it starts with https:// or http://)")
    if not _good_host(parts.hostname):
        raise ConfigError(f"not a valid host name in {shown!r}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


def _good_host(host: str) -> bool:
    if ":" in host:  # an IPv6 address (urlsplit checked the brackets)
        return True
    try:
        ascii_host = host.encode("idna").decode("ascii")
        labels = ascii_host.rstrip(".").split(".")
        for label in labels:
            if label.lower().startswith("xn--"):
                label.encode("ascii").decode("idna")  # a punycode label must decode
    except UnicodeError:
        return False
    return all(_LABEL.match(label) for label in labels)


def load_config(path: Path) -> Config:
    data = read_toml(path)
    version = data.get("version", CONFIG_VERSION)
    if version != CONFIG_VERSION:
        raise ConfigError(f"{path}: version {version!r} is not supported (expected 1)")
    raw_profiles = data.get("profiles", {})
    if not isinstance(raw_profiles, dict):
        raise ConfigError(f"{path}: [profiles] must be a table")
    profiles = {name: _profile(path, name, raw) for name, raw in raw_profiles.items()}
    default = data.get("default_profile")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(f'{path}: [keys] must be a table of action = "keys" lines')
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{path}: 'theme' must be a string")
    return Config(
        path=path,
        default_profile=default if isinstance(default, str) else None,
        profiles=profiles,
        keys=dict(keys),
        theme=theme,
        notify=_notify(f"{path}", data.get("notify", "all")),
        unknown_keys=tuple(sorted(set(data) - TOP_LEVEL_KEYS)),
        permission_warning=loose_permissions(path),
    )


def _notify(where: str, value: object) -> str:
    if value not in NOTIFY_CHOICES:
        raise ConfigError(f"{where}: 'notify' must be one of {', '.join(NOTIFY_CHOICES)}")
    return str(value)


def _profile(path: Path, name: str, raw: Any) -> Profile:
    where = f"{path}: profile '{name}'"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    if name == ENV_PROFILE:
        raise ConfigError(f"{where}: the name 'env' is reserved for JENKINS_URL & co.")

    def text(key: str, required: bool = False) -> str | None:
        value = raw.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: '{key}' must be a non-empty string")
        return value

    def flag(key: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{key}' must be true or false")
        return value

    def number(key: str, default: float, least: float, most: float) -> float:
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: '{key}' must be a number")
        if not least <= value <= most:  # also refuses nan and inf
            raise ConfigError(f"{where}: '{key}' must be from {least:g} to {most:g}")
        return float(value)

    sources = [key for key in TOKEN_KEYS if key in raw]
    if len(sources) != 1:
        raise ConfigError(f"{where}: give exactly one of {', '.join(TOKEN_KEYS)}")
    kind = SourceKind(sources[0])
    detail = text(kind.value, required=True) or ""
    source = (
        TokenSource(kind, "", Secret(detail))
        if kind is SourceKind.INLINE
        else TokenSource(kind, detail)
    )
    try:
        url = normalize_url(text("url", required=True) or "")
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from None
    return Profile(
        name=name,
        url=url,
        user=text("user", required=True) or "",
        token_source=source,
        verify_tls=flag("verify_tls", True),
        ca_bundle=text("ca_bundle"),
        read_only=flag("read_only", False),
        label=text("label"),
        color=text("color"),
        confirm=flag("confirm", False),
        refresh_seconds=number("refresh_seconds", 5.0, 1, 3600),
        timeout_seconds=number("timeout_seconds", 10.0, 0.1, 600),
        rotate_after_days=int(number("rotate_after_days", 90, 1, 36500)),
        notify=_notify(where, raw["notify"]) if "notify" in raw else None,
        unknown_keys=tuple(sorted(set(raw) - PROFILE_KEYS)),
    )


def env_profile(environ: Mapping[str, str]) -> Profile | None:
    """The jenkins-cli.jar variables, all three set, as a transient profile named `env`."""
    url, user = environ.get(ENV_URL, ""), environ.get(ENV_USER, "")
    if not (url and user and environ.get(ENV_TOKEN)):
        return None
    return Profile(
        name=ENV_PROFILE,
        url=normalize_url(url),
        user=user,
        token_source=TokenSource(SourceKind.ENV, ENV_TOKEN),
        transient=True,
    )


def select_profile(
    config: Config, flag: str | None, environ: Mapping[str, str] | None = None
) -> Profile:
    """`--profile` > `JTUI_PROFILE` > `default_profile` > the only profile > `env`."""
    environ = os.environ if environ is None else environ
    wanted = flag or environ.get("JTUI_PROFILE") or None
    if wanted == ENV_PROFILE:
        from_env = env_profile(environ)
        if from_env is None:
            raise ProfileError(f"profile 'env' needs {ENV_URL}, {ENV_USER} and {ENV_TOKEN} set")
        return from_env
    if wanted:
        if wanted not in config.profiles:
            known = ", ".join(sorted(config.profiles)) or "none"
            raise ProfileError(f"no profile named '{wanted}' in {config.path} (profiles: {known})")
        return config.profiles[wanted]
    default = config.default_profile
    if default is not None and default in config.profiles:
        return config.profiles[default]
    if len(config.profiles) == 1:
        return next(iter(config.profiles.values()))
    if config.profiles:
        raise ProfileError(
            "several profiles and no default: pick one with --profile NAME, or set one with "
            "`jtui profile default NAME`"
        )
    from_env = env_profile(environ)
    if from_env is not None:
        return from_env
    raise ProfileError(
        f"no Jenkins profile yet: add one with `jtui profile add NAME --url URL --user USER "
        f"--token-stdin` (config: {config.path})"
    )


# -- edits (each one a locked read-modify-write of the file) -------------------------------


def _profiles_table(data: TomlData) -> dict[str, Any]:
    data.setdefault("version", CONFIG_VERSION)
    table = data.setdefault("profiles", {})
    if not isinstance(table, dict):
        raise ConfigError("[profiles] must be a table")
    return table


def check_name(name: str) -> None:
    if name == ENV_PROFILE:
        raise ConfigError("the profile name 'env' is reserved for JENKINS_URL & co.")
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ConfigError(f"'{name}' cannot be a profile name (letters, digits, - and _)")


def add_profile(path: Path, name: str, fields: dict[str, Any]) -> None:
    check_name(name)

    def change(data: TomlData) -> None:
        table = _profiles_table(data)
        if name in table:
            raise ConfigError(f"profile '{name}' already exists in {path}")
        table[name] = dict(fields)
        _profile(path, name, table[name])  # refuse to write a profile we could not load

    update_toml(path, change, HEADER)


def update_profile(
    path: Path, name: str, changes: dict[str, Any], remove: tuple[str, ...] = ()
) -> None:
    def change(data: TomlData) -> None:
        table = _profiles_table(data)
        if name not in table:
            raise ConfigError(f"no profile named '{name}' in {path}")
        entry = table[name]
        for key in remove:
            entry.pop(key, None)
        entry.update(changes)
        _profile(path, name, entry)

    update_toml(path, change, HEADER)


def remove_profile(path: Path, name: str) -> None:
    def change(data: TomlData) -> None:
        table = _profiles_table(data)
        if name not in table:
            raise ConfigError(f"no profile named '{name}' in {path}")
        del table[name]
        if data.get("default_profile") == name:
            del data["default_profile"]

    update_toml(path, change, HEADER)


def set_default(path: Path, name: str) -> None:
    def change(data: TomlData) -> None:
        if name not in _profiles_table(data):
            raise ConfigError(f"no profile named '{name}' in {path}")
        data["default_profile"] = name

    update_toml(path, change, HEADER)


def store_token(path: Path, name: str, token: Secret) -> None:
    """Replace a profile's token source with an inline token (rotation, first token)."""
    others = tuple(key for key in TOKEN_KEYS if key != SourceKind.INLINE.value)
    update_profile(path, name, {"token": token.reveal()}, others)
