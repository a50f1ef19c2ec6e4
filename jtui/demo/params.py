"""Parameter definitions of demo jobs, and how Jenkins turns a request into values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .export import Record

PARAM_CLASSES = {
    "string": "hudson.model.StringParameterDefinition",
    "text": "hudson.model.TextParameterDefinition",
    "boolean": "hudson.model.BooleanParameterDefinition",
    "choice": "hudson.model.ChoiceParameterDefinition",
    "password": "hudson.model.PasswordParameterDefinition",
    "run": "hudson.model.RunParameterDefinition",
    "file": "hudson.model.FileParameterDefinition",
    "credentials": "com.cloudbees.plugins.credentials.CredentialsParameterDefinition",
}
VALUE_CLASSES = {
    "string": "hudson.model.StringParameterValue",
    "text": "hudson.model.TextParameterValue",
    "boolean": "hudson.model.BooleanParameterValue",
    "choice": "hudson.model.StringParameterValue",
    "password": "hudson.model.PasswordParameterValue",
    "run": "hudson.model.RunParameterValue",
    "file": "hudson.model.FileParameterValue",
    "credentials": "com.cloudbees.plugins.credentials.CredentialsParameterValue",
}


class ParameterError(ValueError):
    """Jenkins throws IllegalArgumentException here, which becomes an HTTP 500 page."""


@dataclass(frozen=True, slots=True)
class ParamValue:
    name: str
    kind: str
    value: Any  # None for file uploads and when nothing was given

    def record(self) -> Record:
        fields: list[tuple[str, Any, int]] = [("name", self.name, 3)]
        if self.kind == "run" and isinstance(self.value, str) and "#" in self.value:
            job, _, number = self.value.partition("#")
            fields += [("jobName", job, 4), ("number", int(number), 4)]
        elif self.kind not in ("password", "file"):
            fields.append(("value", self.value, 4))
        return Record(VALUE_CLASSES[self.kind], tuple(fields))

    def as_queue_param(self) -> str:
        shown = "" if self.kind in ("password", "file") else self.value
        if isinstance(shown, bool):
            shown = "true" if shown else "false"
        return f"{self.name}={shown}"


@dataclass(frozen=True, slots=True)
class ParamDef:
    kind: str
    name: str
    description: str | None = None
    default: Any = None
    choices: tuple[str, ...] = ()
    project_name: str = ""
    filter: str = "ALL"

    def default_value(self) -> ParamValue | None:
        if self.kind == "file":
            return None
        if self.kind == "choice":
            return ParamValue(self.name, self.kind, self.choices[0]) if self.choices else None
        if self.kind == "boolean":
            return ParamValue(self.name, self.kind, bool(self.default))
        return ParamValue(self.name, self.kind, self.default if self.default is not None else "")

    def from_text(self, text: str) -> ParamValue:
        """A value given as a form field (`buildWithParameters`)."""
        if self.kind == "boolean":
            return ParamValue(self.name, self.kind, text.lower() == "true")
        if self.kind == "choice" and text not in self.choices:
            raise ParameterError(f"Illegal choice for parameter {self.name}: {text}")
        return ParamValue(self.name, self.kind, text)

    def from_json(self, raw: Any) -> ParamValue:
        """A value from the `json` form field of `/build`."""
        value = raw.get("value")
        if self.kind == "file":
            return ParamValue(self.name, self.kind, None)
        if self.kind == "boolean":
            return ParamValue(self.name, self.kind, value is True or str(value).lower() == "true")
        return self.from_text("" if value is None else str(value))

    def record(self) -> Record:
        default = self.default_value()
        default_record = default.record() if default is not None else None
        fields: list[tuple[str, Any, int]] = [
            ("defaultParameterValue", default_record, 3),
            ("description", self.description, 3),
            ("name", self.name, 3),
            ("type", PARAM_CLASSES[self.kind].rsplit(".", 1)[1], 3),
        ]
        if self.kind == "choice":
            fields.append(("choices", list(self.choices), 3))
        if self.kind == "run":
            fields += [("projectName", self.project_name, 3), ("filter", self.filter, 3)]
        return Record(PARAM_CLASSES[self.kind], tuple(fields))


PARAMS_PROPERTY = "hudson.model.ParametersDefinitionProperty"


def params_property(definitions: list[ParamDef]) -> Record:
    """`ParametersDefinitionProperty`, visibility 2: it shows in `property` and `actions`."""
    return Record(
        PARAMS_PROPERTY, (("parameterDefinitions", [d.record() for d in definitions], 2),)
    )


def values_from_json(definitions: Sequence[ParamDef], raw_json: str) -> list[ParamValue]:
    """The `json` form field of `/build` or an input's `proceed`: `{"parameter": [...]}`.
    Only what was sent: a definition left out gets no value (no default is filled in)."""
    submitted = json.loads(raw_json)
    entries = submitted.get("parameter", []) if isinstance(submitted, dict) else []
    if isinstance(entries, dict):
        entries = [entries]
    by_name = {definition.name: definition for definition in definitions}
    values = []
    for entry in entries:
        definition = by_name.get(str(entry.get("name")))
        if definition is None:
            raise ParameterError(f"No such parameter definition: {entry.get('name')}")
        values.append(definition.from_json(entry))
    return values
