"""Every action a key runs, by id: one flat namespace for the whole TUI.

The same action has the same id on every screen (`build`, `refresh`, `back`, …), so one line
of `[keys]` in config.toml moves it everywhere (`build = "ctrl+b"`; the old key is then free).
The TUI builds its bindings from this table; `jtui check` validates the user's `[keys]`
against it: unknown ids, clashes, and keys that terminals cannot send.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    keys: str  # Textual key names, comma-separated; the first is shown
    description: str
    action: str  # what the TUI runs (its action name, with arguments)
    show: bool = True  # in the footer (every action is in help and the palette)


def _actions(*actions: Action) -> dict[str, Action]:
    return {action.id: action for action in actions}


ACTIONS = _actions(
    # everywhere
    Action("dashboard", "0", "Dashboard", "switch_mode('dashboard')"),
    Action("servers", "1", "Servers", "switch_mode('servers')"),
    Action("jobs", "2", "Jobs", "switch_mode('jobs')"),
    Action("queue", "3", "Queue", "switch_mode('queue')"),
    Action("tokens", "4", "Tokens", "switch_mode('tokens')"),
    Action("nodes", "5", "Nodes", "switch_mode('nodes')"),
    Action("profile", "p", "Profile", "pick_profile"),
    Action("help", "question_mark,f1", "Help", "help"),
    Action("quit", "ctrl+q", "Quit", "quit", show=False),
    # screens
    Action("back", "escape,backspace", "Back", "back"),
    Action("close", "q", "Close", "close", show=False),
    Action("refresh", "r", "Refresh", "refresh"),
    Action("filter", "slash", "Filter", "filter"),
    Action("build", "b", "Build", "build"),
    Action("favourite", "f", "Favourite", "favourite"),
    Action("copy_url", "y", "Copy URL", "copy_url"),
    Action("search", "slash", "Search", "search"),
    Action("next_match", "n", "Next match", "next_match(True)"),
    Action("previous_match", "N", "Previous match", "next_match(False)"),
    Action("pager", "v", "Pager", "pager"),
    Action("abort", "x", "Abort", "abort"),
    Action("failed_step", "F", "Failed step", "failed_step"),
    Action("approve", "A", "Approve", "approve_input"),
    Action("decline", "D", "Decline", "decline_input"),
    Action("stage_list", "s", "Stages", "stage_list"),
    Action("tests", "T", "Tests", "tests"),
    Action("artifacts", "a", "Artifacts", "artifacts"),
    Action("changes", "c", "Changes", "changes"),
    Action("restart_stage", "S", "Restart stage", "restart_stage"),
    Action("download", "d", "Download", "download"),
    Action("rebuild", "R", "Rebuild", "rebuild(False)"),
    Action("edit_rebuild", "e", "Edit & rebuild", "rebuild(True)"),
    Action("cancel_item", "x,c", "Cancel item", "cancel_item"),
    Action("new_token", "n", "New token", "new_token"),
    Action("revoke", "x,delete", "Revoke", "revoke"),
    Action("revoke_uuid", "u", "Revoke by uuid", "revoke_uuid"),
    Action("rotate", "R", "Rotate", "rotate"),
    Action("add", "a", "Add", "add"),
    Action("edit", "e", "Edit", "edit"),
    Action("delete", "delete,x", "Delete", "delete"),
    Action("test", "t", "Test", "test"),
    Action("make_default", "d", "Set default", "make_default"),
    # lists and the console
    Action("down", "down,j", "Down", "move(1)", show=False),
    Action("up", "up,k", "Up", "move(-1)", show=False),
    Action("page_down", "pagedown", "Page down", "page(1)", show=False),
    Action("page_up", "pageup", "Page up", "page(-1)", show=False),
    Action("first", "home,g", "First", "first", show=False),
    Action("last", "end,G", "Last", "last", show=False),
    Action("open", "enter", "Open", "select", show=False),
    Action("follow", "t", "Follow", "toggle_follow"),
    Action("watch_build", "w", "Watch", "watch_build"),
    Action("views", "V", "Views", "views"),
    Action("scan", "S", "Scan", "scan"),
    Action("take_offline", "o", "Offline", "take_offline"),
    Action("bring_online", "O", "Online", "bring_online"),
    # dialogs
    Action("dismiss", "escape", "Cancel", "dismiss(None)"),
    Action("next_answer", "right,down", "Next answer", "app.focus_next", show=False),
    Action("previous_answer", "left,up", "Previous answer", "app.focus_previous", show=False),
    Action("copy_token", "c", "Copy", "copy"),
)

SCOPES: dict[str, tuple[str, ...]] = {
    "app": ("dashboard", "servers", "jobs", "queue", "tokens", "nodes", "profile", "help", "quit"),
    "jobs": ("filter", "back", "build", "favourite", "views", "scan", "refresh", "close"),
    "job": ("back", "close", "build", "copy_url", "refresh"),
    "build": (
        "back",
        "close",
        "search",
        "next_match",
        "previous_match",
        "pager",
        "abort",
        "failed_step",
        "stage_list",
        "approve",
        "decline",
        "tests",
        "artifacts",
        "changes",
        "rebuild",
        "edit_rebuild",
        "restart_stage",
        "watch_build",
        "copy_url",
    ),
    "tests": ("back", "close", "refresh"),
    "artifacts": ("download", "back", "close", "refresh"),
    "changes": ("back", "close", "refresh"),
    "reader": ("back", "close"),
    "queue": ("cancel_item", "watch_build", "refresh", "close"),
    "nodes": ("take_offline", "bring_online", "refresh", "close"),
    "dashboard": ("watch_build", "refresh", "close"),
    "tokens": ("new_token", "revoke", "revoke_uuid", "rotate", "refresh", "close"),
    "servers": ("add", "edit", "delete", "test", "make_default", "close"),
    "table": ("down", "up", "page_down", "page_up", "first", "last", "open"),
    "console": ("down", "up", "page_down", "page_up", "first", "last", "follow"),
    "dialog": ("dismiss",),
    "choice": ("dismiss", "next_answer", "previous_answer"),
    "help_dialog": ("dismiss", "close", "help"),
    "new_token_dialog": ("dismiss", "copy_token"),
}

# What the footer shows first when not everything fits (the rest: `?` and ctrl+p).
FOOTER_ORDER = (
    "filter",
    "build",
    "approve",
    "decline",
    "abort",
    "failed_step",
    "rebuild",
    "search",
    "stage_list",
    "follow",
    "watch_build",
    "tests",
    "download",
    "artifacts",
    "changes",
    "restart_stage",
    "cancel_item",
    "take_offline",
    "bring_online",
    "new_token",
    "revoke",
    "rotate",
    "add",
    "edit",
    "test",
    "delete",
    "make_default",
    "favourite",
    "views",
    "scan",
    "back",
    "refresh",
    "profile",
)

# What is active together, in the order Textual looks: the focused widget, its screen, the app.
CHAINS: dict[str, tuple[str, ...]] = {
    "Jobs": ("table", "jobs", "app"),
    "Job": ("table", "job", "app"),
    "Build": ("console", "build", "app"),
    "Tests": ("table", "tests", "app"),
    "Artifacts": ("table", "artifacts", "app"),
    "Changes": ("table", "changes", "app"),
    "a text view": ("console", "reader", "app"),
    "Queue": ("table", "queue", "app"),
    "Nodes": ("table", "nodes", "app"),
    "Dashboard": ("table", "dashboard", "app"),
    "Tokens": ("table", "tokens", "app"),
    "Servers": ("table", "servers", "app"),
    "the new-token dialog": ("new_token_dialog", "app"),
}

# Keys a terminal sends as something else: Backspace, Tab, Enter, Escape.
UNSENDABLE = {
    "ctrl+h": "Backspace",
    "ctrl+i": "Tab",
    "ctrl+m": "Enter",
    "ctrl+j": "Enter (in many terminals)",
    "ctrl+left_square_bracket": "Escape",
}
_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def normalize_key(key: str) -> str:
    """A key as Textual names it: `?` → `question_mark`, `ctrl+[` → `ctrl+left_square_bracket`."""
    *modifiers, last = key.strip().split("+") if key.strip() != "+" else ["+"]
    if len(last) == 1 and not last.isalnum():
        last = unicodedata.name(last, last).lower().replace("-", "_").replace(" ", "_")
        last = _REPLACEMENTS.get(last, last)
    return "+".join([*(m.lower() for m in modifiers), last])


def split_keys(keys: str) -> list[str]:
    return [normalize_key(key) for key in keys.split(",") if key.strip()]


def keymap(user: Mapping[str, str]) -> dict[str, str]:
    """The user's `[keys]` for the ids that exist, normalized, for the TUI to apply."""
    return {id: ",".join(split_keys(keys)) for id, keys in user.items() if id in ACTIONS}


def problems(user: Mapping[str, str]) -> list[str]:
    """What is wrong with a `[keys]` table, one line each, for `jtui check`."""
    found: list[str] = []
    for action_id, keys in user.items():
        if action_id not in ACTIONS:
            found.append(f"[keys] {action_id}: no such action (a typo? see the help, ?)")
            continue
        if not isinstance(keys, str) or not split_keys(keys):
            found.append(f'[keys] {action_id}: give keys as a string, e.g. "ctrl+b"')
            continue
        for key in split_keys(keys):
            found += _unusable(action_id, key)
    for where, scopes in CHAINS.items():
        bound: dict[str, str] = {}
        for scope in scopes:
            for action_id in SCOPES[scope]:
                for key in _valid_keys(user, action_id):
                    other = bound.setdefault(key, action_id)
                    if other != action_id and (action_id in user or other in user):
                        found.append(
                            f"[keys] '{key}' is both {other} and {action_id} on {where}: "
                            f"only {other} would run"
                        )
    return sorted(set(found), key=found.index)


def _valid_keys(user: Mapping[str, str], action_id: str) -> list[str]:
    chosen = user.get(action_id)
    if not isinstance(chosen, str) or not split_keys(chosen):
        chosen = ACTIONS[action_id].keys
    return split_keys(chosen)


def _unusable(action_id: str, key: str) -> list[str]:
    *modifiers, last = key.split("+")
    if key in UNSENDABLE:
        return [f"[keys] {action_id} = '{key}': terminals send it as {UNSENDABLE[key]}"]
    if any(m not in _MODIFIERS for m in modifiers) or not last:
        return [f"[keys] {action_id} = '{key}': not a key name (e.g. ctrl+b, f5, x)"]
    if modifiers and set(modifiers) <= {"alt", "meta"}:
        return [
            f"[keys] {action_id} = '{key}': Alt keys arrive as Esc + key over SSH and in "
            "tmux; use a letter, F-key or ctrl+key"
        ]
    return []
