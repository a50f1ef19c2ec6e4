"""Where jtui keeps its files: config (what the user writes) and state (what jtui writes)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

CONFIG_ENV = "JTUI_CONFIG"


def config_path(flag: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """`--config PATH` > `JTUI_CONFIG` > `<user config dir>/jtui/config.toml`."""
    environ = os.environ if environ is None else environ
    chosen = flag or environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_config_path("jtui", appauthor=False) / "config.toml"


def state_dir() -> Path:
    """Favourites, last-used parameters, the token ledger: never in config.toml."""
    return platformdirs.user_state_path("jtui", appauthor=False)


def cache_dir() -> Path:
    """What jtui can fetch again: the last listing of each server's jobs."""
    return platformdirs.user_cache_path("jtui", appauthor=False)
