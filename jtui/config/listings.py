"""The last listing of each server's root folder, kept between sessions: the TUI shows it
at once, marked as cached, while it asks the server for the current one.

One JSON file per profile and URL in the cache directory, holding the server's own answer
(so it is read by the same parser as a fresh one), written atomically under a lock, 0600.
It is a cache: a file that does not parse, or of another format, is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .files import locked, write_atomically
from .locations import cache_dir

FORMAT = 1
KEPT_AT_MOST = 32  # profiles' files; the oldest go (a demo's port makes a new one each run)
# An unchanged answer is written again only this often (seconds): often enough that "cached
# 5m ago" stays true, not on every 5-second poll.
REWRITE_UNCHANGED_AFTER = 300.0
JsonObject = dict[str, Any]


class ListingCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir() / "listings"
        self._known: dict[Path, tuple[JsonObject, float]] = {}  # what each file holds, since

    def path(self, profile: str, url: str) -> Path:
        digest = hashlib.sha256(f"{profile}\0{url}".encode()).hexdigest()[:24]
        return self.directory / f"{digest}.json"

    def load(self, profile: str, url: str) -> tuple[JsonObject, float] | None:
        """The answer last saved for this profile and URL, and when it was fetched (epoch
        seconds); None when there is none that can be read."""
        path = self.path(profile, url)
        try:
            saved = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("format") != FORMAT:
            return None
        answer, at = saved.get("answer"), saved.get("fetched_at")
        if saved.get("url") != url or not isinstance(answer, dict):
            return None
        if not isinstance(at, int | float):
            return None
        self._known[path] = answer, float(at)
        return answer, float(at)

    def save(self, profile: str, url: str, answer: JsonObject, at: float) -> None:
        """Keep `answer` (fetched at `at`) unless the file holds it already, from lately."""
        path = self.path(profile, url)
        known = self._known.get(path)
        if known is not None and known[0] == answer and at - known[1] < REWRITE_UNCHANGED_AFTER:
            return
        content = {"format": FORMAT, "url": url, "fetched_at": at, "answer": answer}
        with locked(path):
            write_atomically(path, json.dumps(content, separators=(",", ":")).encode())
        self._known[path] = answer, at
        self._forget_oldest()

    def _forget_oldest(self) -> None:
        files = sorted(self.directory.glob("*.json"), key=_modified, reverse=True)
        for old in files[KEPT_AT_MOST:]:
            for stale in (old, old.with_name(old.name + ".lock")):
                stale.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0
