"""Every action has one id everywhere; `[keys]` remaps it; `jtui check` finds what is wrong."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import jtui.ui
from jtui.core.keymap import ACTIONS, SCOPES, keymap, normalize_key, problems

pytestmark = pytest.mark.unit


def test_keys_are_named_as_textual_names_them() -> None:
    assert normalize_key("?") == "question_mark"
    assert normalize_key("/") == "slash"
    assert normalize_key("Ctrl+B") == "ctrl+B"
    assert normalize_key("ctrl+[") == "ctrl+left_square_bracket"
    assert keymap({"build": "ctrl+b, F5", "nope": "x"}) == {"build": "ctrl+b,F5"}


def test_a_good_keymap_has_no_problems() -> None:
    assert problems({}) == []
    assert problems({"build": "ctrl+b", "refresh": "f5,r"}) == []
    assert problems({"build": "r", "refresh": "f5"}) == []  # r is free once refresh moves


def test_unknown_ids_unsendable_keys_and_alt_are_reported() -> None:
    found = problems({"biuld": "b", "abort": "ctrl+h", "rotate": "alt+r", "pager": "ctrl+m"})
    assert any("biuld: no such action" in line for line in found)
    assert any("abort = 'ctrl+h': terminals send it as Backspace" in line for line in found)
    assert any("pager = 'ctrl+m': terminals send it as Enter" in line for line in found)
    assert any("rotate = 'alt+r'" in line and "Esc" in line for line in found)
    assert problems({"build": "hyper+"}) == [
        "[keys] build = 'hyper+': not a key name (e.g. ctrl+b, f5, x)"
    ]


def test_clashes_are_reported_where_they_happen() -> None:
    assert problems({"build": "r"}) == [
        "[keys] 'r' is both build and refresh on Jobs: only build would run",
        "[keys] 'r' is both build and refresh on Job: only build would run",
    ]
    assert problems({"abort": "1"}) == [
        "[keys] '1' is both abort and servers on Build: only abort would run"
    ]


def bindings_of_the_ui() -> list[tuple[str, Binding]]:
    found: list[tuple[str, Binding]] = []
    for module in pkgutil.walk_packages(jtui.ui.__path__, "jtui.ui."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, DOMNode):
                if value.__module__ != loaded.__name__:
                    continue
                for binding in value.__dict__.get("BINDINGS", []):
                    assert isinstance(binding, Binding), f"{value.__name__}: {binding!r}"
                    found.append((value.__name__, binding))
    return found


def test_every_binding_of_the_tui_comes_from_the_table_of_actions() -> None:
    found = bindings_of_the_ui()
    assert len(found) > 40
    for owner, binding in found:
        assert binding.id in ACTIONS, f"{owner}: {binding.key} has no known id"
        action = ACTIONS[binding.id]
        assert (binding.key, binding.action) == (action.keys, action.action), owner


def test_an_action_id_means_the_same_everywhere() -> None:
    for scope, ids in SCOPES.items():
        assert len(ids) == len(set(ids)), scope
        assert set(ids) <= set(ACTIONS), scope
    used = {action_id for ids in SCOPES.values() for action_id in ids}
    assert used == set(ACTIONS)  # nothing in the table that no screen uses
