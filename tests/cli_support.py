"""Running `jtui` as a user would: a subprocess with its own config and state directories."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SCRUBBED = ("JTUI_CONFIG", "JTUI_PROFILE", "JENKINS_URL", "JENKINS_USER_ID", "JENKINS_API_TOKEN")


@dataclass
class Jtui:
    home: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.home / "config" / "jtui" / "config.toml"

    def env(self, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
        env.update(
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_STATE_HOME=str(self.home / "state"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        env.update(overrides or {})
        return env

    def __call__(
        self,
        *args: str,
        stdin: str | None = None,
        timeout: float = 60,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "jtui", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env(env),
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )

    def add_profile(
        self,
        name: str,
        url: str,
        user: str,
        *options: str,
        stdin: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """`jtui profile add NAME --url URL --user USER OPTIONS…`"""
        return self(
            "profile", "add", name, "--url", url, "--user", user, *options, stdin=stdin, env=env
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "jtui", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=self.env(),
        )

    def written_files(self) -> list[Path]:
        return [p for p in self.home.rglob("*") if p.is_file()]
