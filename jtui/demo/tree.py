"""Stapler's `tree=` expressions and `depth=` visibility, as the demo's JSON export uses them.

* `tree=jobs[name,url,jobs[name]{0,5}]{,10}`: names with optional `[children]` and a
  `{range}` (`{M,N}` = M inclusive to N exclusive, `{M,}`, `{,N}`, `{N}` = element N only);
  `*` matches any property. A malformed expression is an error (Jenkins: HTTP 500).
* `depth=N` (default 0): a property of visibility V shows at nesting level L only when
  V ≥ L; the top level is `1 - depth`, and `inline` properties do not add a level.
  Properties of negative visibility (`allBuilds`) show only when `tree` names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\s*([\[\]{},]|[^\[\]{},]+)")


class MalformedTree(ValueError):
    """The `tree=` value could not be parsed."""


@dataclass
class Tree:
    children: dict[str, Tree] = field(default_factory=dict)
    start: int | None = None
    stop: int | None = None

    def child(self, name: str) -> Tree | None:
        return self.children.get(name) or self.children.get("*")

    def cut(self, values: list[object]) -> list[object]:
        return values[self.start : self.stop] if self.start or self.stop is not None else values


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = [match.group(1).strip() for match in _TOKEN.finditer(text)]
        if "".join(self.tokens) != re.sub(r"\s+", "", text):
            raise MalformedTree(f"Malformed tree expression: {text}")
        self.text = text
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise self.error()
        self.position += 1
        return token

    def accept(self, token: str) -> bool:
        if self.peek() == token:
            self.position += 1
            return True
        return False

    def expect(self, token: str) -> None:
        if not self.accept(token):
            raise self.error()

    def error(self) -> MalformedTree:
        return MalformedTree(f"Malformed tree expression: {self.text}")


def parse_tree(text: str) -> Tree:
    reader = _Reader(text)
    tree = Tree()
    _list(reader, tree)
    if reader.peek() is not None:
        raise reader.error()
    return tree


def _list(reader: _Reader, tree: Tree) -> None:
    _node(reader, tree)
    while reader.accept(","):
        _node(reader, tree)


def _node(reader: _Reader, tree: Tree) -> None:
    name = reader.take()
    if name in "[]{},":
        raise reader.error()
    subtree = tree.children.setdefault(name, Tree())
    if reader.accept("["):
        _list(reader, subtree)
        reader.expect("]")
    if reader.accept("{"):
        _range(reader, subtree)


def _range(reader: _Reader, tree: Tree) -> None:
    parts: list[str] = []
    while (token := reader.take()) != "}":
        parts.append(token)
    text = "".join(parts)
    try:
        if "," not in text:
            index = int(text)
            tree.start, tree.stop = index, index + 1
        else:
            low, high = text.split(",", 1)
            tree.start = int(low) if low else None
            tree.stop = int(high) if high else None
    except ValueError:
        raise reader.error() from None


@dataclass(frozen=True, slots=True)
class Pruner:
    """Decides which properties to write at one nesting level, by tree or by depth."""

    tree: Tree | None
    level: int

    @classmethod
    def by_tree(cls, tree: Tree) -> Pruner:
        return cls(tree, 0)

    @classmethod
    def by_depth(cls, depth: int) -> Pruner:
        return cls(None, 1 - depth)

    def accept(self, name: str, visibility: int, inline: bool) -> Pruner | None:
        if self.tree is not None:
            child = self.tree.child(name)
            return Pruner(child, 0) if child is not None else None
        if visibility < self.level or visibility < 0:
            return None  # negative visibility (`allBuilds`): only when named in `tree`
        return self if inline else Pruner(None, self.level + 1)

    def named(self) -> dict[str, Tree] | None:
        """The only properties a `tree=` without `*` accepts here (None: decide each)."""
        if self.tree is None or "*" in self.tree.children:
            return None
        return self.tree.children

    def cut(self, values: list[object]) -> list[object]:
        return self.tree.cut(values) if self.tree is not None else values
