"""Build parameter definitions (what a job asks for) and values (what a build was given).

Definitions come from the job's `property[]` (`ParametersDefinitionProperty`), the one place
every job type lists them. Unknown definition classes — plugins — are kept as
`GenericParameter` so they can still be shown and sent as a string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JsonObject = dict[str, Any]

PARAMETERS_PROPERTY = "hudson.model.ParametersDefinitionProperty"


@dataclass(frozen=True, slots=True)
class ParameterDefinition:
    """Common to every parameter type."""

    name: str
    description: str | None
    class_name: str

    @property
    def kind(self) -> str:
        """jtui's word for the type: string, text, boolean, choice, password, run, file,
        credentials, generic."""
        return type(self).__name__.removesuffix("Parameter").lower()


@dataclass(frozen=True, slots=True)
class StringParameter(ParameterDefinition):
    default: str = ""


@dataclass(frozen=True, slots=True)
class TextParameter(ParameterDefinition):
    default: str = ""


@dataclass(frozen=True, slots=True)
class BooleanParameter(ParameterDefinition):
    default: bool = False


@dataclass(frozen=True, slots=True)
class ChoiceParameter(ParameterDefinition):
    """Core choice parameters and plugin ones that export `choices` (e.g. extensible choice)."""

    choices: tuple[str, ...] = ()
    default: str | None = None


@dataclass(frozen=True, slots=True)
class PasswordParameter(ParameterDefinition):
    """Jenkins never exports a password's value, not even its default."""


@dataclass(frozen=True, slots=True)
class RunParameter(ParameterDefinition):
    """A build of another job, sent as `<job full name>#<number>`."""

    project_name: str = ""
    filter: str = "ALL"
    default: str | None = None


@dataclass(frozen=True, slots=True)
class FileParameter(ParameterDefinition):
    """Uploaded as a multipart part named after the parameter."""


@dataclass(frozen=True, slots=True)
class CredentialsParameter(ParameterDefinition):
    """The id of a Jenkins credential."""

    default: str | None = None


@dataclass(frozen=True, slots=True)
class GenericParameter(ParameterDefinition):
    """A parameter type jtui does not know: shown by name and sent as a string."""

    type_name: str = ""
    default: str | None = None


AnyParameter = (
    StringParameter
    | TextParameter
    | BooleanParameter
    | ChoiceParameter
    | PasswordParameter
    | RunParameter
    | FileParameter
    | CredentialsParameter
    | GenericParameter
)


@dataclass(frozen=True, slots=True)
class ParameterValue:
    """One value a build or queue item carries. Password values are never exported (None)."""

    name: str
    value: str | bool | int | None
    class_name: str


def _default_value(raw: JsonObject) -> Any:
    default = raw.get("defaultParameterValue")
    return default.get("value") if isinstance(default, dict) else None


def _run_default(raw: JsonObject) -> str | None:
    default = raw.get("defaultParameterValue")
    if not isinstance(default, dict):
        return None
    job, number = default.get("jobName"), default.get("number")
    return f"{job}#{number}" if job and number is not None else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def parse_definition(raw: JsonObject) -> AnyParameter:
    """One entry of `parameterDefinitions`."""
    class_name = str(raw.get("_class", ""))
    short = class_name.rsplit(".", 1)[-1] or str(raw.get("type", ""))
    name = str(raw.get("name", ""))
    description = _text(raw.get("description")) or None
    default = _default_value(raw)
    if short == "StringParameterDefinition":
        return StringParameter(name, description, class_name, _text(default) or "")
    if short == "TextParameterDefinition":
        return TextParameter(name, description, class_name, _text(default) or "")
    if short == "BooleanParameterDefinition":
        return BooleanParameter(name, description, class_name, default is True)
    if short == "PasswordParameterDefinition":
        return PasswordParameter(name, description, class_name)
    if short == "RunParameterDefinition":
        return RunParameter(
            name,
            description,
            class_name,
            str(raw.get("projectName", "")),
            str(raw.get("filter") or "ALL"),
            _run_default(raw),
        )
    if short == "FileParameterDefinition":
        return FileParameter(name, description, class_name)
    if short == "CredentialsParameterDefinition":
        return CredentialsParameter(name, description, class_name, _text(default))
    choices = raw.get("choices")
    if isinstance(choices, list):
        options = tuple(str(choice) for choice in choices)
        return ChoiceParameter(name, description, class_name, options, _text(default))
    shown_default = None if default is None else str(default)
    return GenericParameter(
        name, description, class_name, str(raw.get("type", short)), shown_default
    )


def parse_definitions(properties: Any) -> tuple[AnyParameter, ...]:
    """All parameter definitions found in a job's `property` array."""
    if not isinstance(properties, list):
        return ()
    found: list[AnyParameter] = []
    for prop in properties:
        if isinstance(prop, dict) and prop.get("_class") == PARAMETERS_PROPERTY:
            for raw in prop.get("parameterDefinitions") or []:
                if isinstance(raw, dict):
                    found.append(parse_definition(raw))
    return tuple(found)


def parse_values(actions: Any) -> tuple[ParameterValue, ...]:
    """Parameter values from a build's or queue item's `actions` (`ParametersAction`)."""
    if not isinstance(actions, list):
        return ()
    values: list[ParameterValue] = []
    for action in actions:
        if not isinstance(action, dict) or "parameters" not in action:
            continue
        for raw in action.get("parameters") or []:
            if isinstance(raw, dict) and "name" in raw:
                value = raw.get("value")
                kept = value if isinstance(value, str | bool | int) else None
                values.append(ParameterValue(str(raw["name"]), kept, str(raw.get("_class", ""))))
    return tuple(values)
