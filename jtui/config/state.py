"""What jtui remembers on its own: the last screen, the theme last chosen, the builds being
watched (any profile's), and per profile favourites and last-used build parameters.

Kept in `state.toml` in the state directory (never in config.toml), written like the config:
atomically, under a lock, 0600, and never over a file that does not parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .files import TomlData, read_toml, update_toml
from .locations import state_dir

HEADER = "# jtui state: written by jtui itself. Settings belong in config.toml.\n\n"
ParameterValues = dict[str, str | bool]
# A watched build: {"profile", "job", "number"} or, still queued, {"profile", "job", "queue_id"}.
WatchedEntry = dict[str, str | int]


class StateStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / "state.toml"

    def _profile(self, data: TomlData, profile: str) -> dict[str, Any]:
        profiles = data.setdefault("profiles", {})
        entry: dict[str, Any] = profiles.setdefault(profile, {})
        return entry

    def favourites(self, profile: str) -> set[str]:
        entry = read_toml(self.path).get("profiles", {}).get(profile, {})
        return set(entry.get("favourites", []))

    def toggle_favourite(self, profile: str, full_name: str) -> bool:
        """Add or remove a favourite; True when it is now a favourite."""
        added: list[bool] = []

        def change(data: TomlData) -> None:
            entry = self._profile(data, profile)
            favourites = set(entry.get("favourites", []))
            added.append(full_name not in favourites)
            favourites ^= {full_name}
            entry["favourites"] = sorted(favourites)

        update_toml(self.path, change, HEADER)
        return added[0]

    def last_screen(self) -> str | None:
        value = read_toml(self.path).get("last_screen")
        return value if isinstance(value, str) else None

    def remember_screen(self, screen: str) -> None:
        update_toml(self.path, lambda data: data.update(last_screen=screen), HEADER)

    def theme(self) -> str | None:
        value = read_toml(self.path).get("theme")
        return value if isinstance(value, str) else None

    def remember_theme(self, theme: str) -> None:
        update_toml(self.path, lambda data: data.update(theme=theme), HEADER)

    def watched(self) -> list[WatchedEntry]:
        found = read_toml(self.path).get("watched", [])
        return (
            [dict(entry) for entry in found if isinstance(entry, dict)]
            if isinstance(found, list)
            else []
        )

    def change_watched(
        self, add: list[WatchedEntry], remove: list[WatchedEntry]
    ) -> list[WatchedEntry]:
        """Add and remove watched builds in one locked write; the list as it is now."""
        now: list[WatchedEntry] = []

        def change(data: TomlData) -> None:
            kept = [e for e in data.get("watched", []) if isinstance(e, dict) and e not in remove]
            kept += [entry for entry in add if entry not in kept]
            data["watched"] = kept
            now.extend(kept)

        update_toml(self.path, change, HEADER)
        return now

    def last_parameters(self, profile: str, full_name: str) -> ParameterValues:
        entry = read_toml(self.path).get("profiles", {}).get(profile, {})
        values = entry.get("parameters", {}).get(full_name, {})
        return dict(values) if isinstance(values, dict) else {}

    def remember_parameters(self, profile: str, full_name: str, values: ParameterValues) -> None:
        """Values last used for a job. Callers leave passwords out: they are never stored."""

        def change(data: TomlData) -> None:
            self._profile(data, profile).setdefault("parameters", {})[full_name] = dict(values)

        update_toml(self.path, change, HEADER)
