"""Stapler-style JSON export: `_class`, visibility levels, inline properties, `tree=` ranges.

Demo objects describe their exported properties with `Prop`s (in Jenkins' order: superclass
first, alphabetical within a class); small derived objects are `Record`s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .tree import Pruner

HIGH = 999  # `name`, `url`, `number`: visible at any nesting level


@dataclass(frozen=True, slots=True)
class Context:
    """What an export needs besides the object: the root URL that `url` fields start with."""

    root_url: str
    input_executions: bool = True  # FaultSettings.input_executions


@dataclass(frozen=True, slots=True)
class Prop:
    name: str
    get: Callable[[Any, Context], Any]
    visibility: int = 1
    inline: bool = False


class Exportable(Protocol):
    @property
    def class_name(self) -> str | None: ...

    @property
    def props(self) -> Sequence[Prop]: ...


@dataclass(frozen=True, slots=True)
class Record:
    """A small exported object whose values are already known.

    `class_name=None` is a declared-final type that Jenkins writes without `_class`
    (health reports) when nested.
    """

    class_name: str | None
    fields: tuple[tuple[str, Any, int], ...] = ()
    inline: frozenset[str] = frozenset()  # fields that add no nesting level (`@Exported(inline)`)

    @property
    def props(self) -> Sequence[Prop]:
        return [
            Prop(name, _constant(value), visibility, name in self.inline)
            for name, value, visibility in self.fields
        ]


def _constant(value: Any) -> Callable[[Any, Context], Any]:
    return lambda _obj, _ctx: value


def record(class_name: str | None, visibility: int = 1, **fields: Any) -> Record:
    """A Record whose fields all share one visibility."""
    return Record(class_name, tuple((name, value, visibility) for name, value in fields.items()))


def export(obj: Exportable, pruner: Pruner, ctx: Context, top: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if obj.class_name is not None or top:
        out["_class"] = obj.class_name
    named = pruner.named()
    for prop in obj.props:
        if named is not None and prop.name not in named:
            continue  # the common case of a `tree=`, decided without a Pruner per property
        sub = pruner.accept(prop.name, prop.visibility, prop.inline)
        if sub is not None:
            out[prop.name] = _value(prop.get(obj, ctx), sub, ctx)
    return out


def _value(value: Any, pruner: Pruner, ctx: Context) -> Any:
    if value is None or isinstance(value, str | int | float | dict):
        return value
    if isinstance(value, list | tuple):
        return [_value(item, pruner, ctx) for item in pruner.cut(list(value))]
    return export(value, pruner, ctx, top=False)
