"""The parameter form: a real widget per parameter type. Submitting it is the confirmation."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget

from ...core.builds import BuildRequest, Files, Values, unreadable_files
from ...jenkins.parameters import (
    AnyParameter,
    BooleanParameter,
    ChoiceParameter,
    CredentialsParameter,
    FileParameter,
    GenericParameter,
    PasswordParameter,
    RunParameter,
    StringParameter,
    TextParameter,
)
from ..keys import bindings
from ..plain import Button, Input, Label, Select, Static, TextArea, Toggle, line


class ParameterForm(ModalScreen[BuildRequest | None]):
    BINDINGS = bindings("dialog")

    def __init__(
        self,
        title: str,
        parameters: tuple[AnyParameter, ...],
        prefill: Values | None = None,
        submit: str = "Build",
    ) -> None:
        """A form for `parameters`; its submit button (`submit`) is the confirmation."""
        super().__init__()
        self.title_text = title
        self.parameters = parameters
        self.prefill = prefill or {}
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(Text(line(self.title_text)), classes="dialog-title")
            with VerticalScroll(id="fields"):
                for index, parameter in enumerate(self.parameters):
                    text = line(parameter.name)
                    yield Label(Text(f"{text}  ({_kind(parameter)})"), classes="field-name")
                    if parameter.description:
                        yield Static(Text(line(parameter.description)), classes="field-help")
                    yield self._widget(parameter, f"p{index}")
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(line(self.submit), id="submit", variant="primary")
                yield Button("Cancel", id="cancel")

    def _widget(self, parameter: AnyParameter, widget_id: str) -> Widget:
        given = self.prefill.get(parameter.name)
        if isinstance(parameter, BooleanParameter):
            state = given if isinstance(given, bool) else parameter.default
            return Toggle(state, id=widget_id)
        if isinstance(parameter, ChoiceParameter) and parameter.choices:
            options = [(Text(line(choice)), choice) for choice in parameter.choices]
            chosen = given if given in parameter.choices else parameter.choices[0]
            return Select(options, value=chosen, allow_blank=False, id=widget_id)
        if isinstance(parameter, TextParameter):
            text = given if isinstance(given, str) else parameter.default
            return TextArea(text, id=widget_id, classes="text-param")
        if isinstance(parameter, PasswordParameter):
            return Input(password=True, placeholder="empty: the job's default", id=widget_id)
        if isinstance(parameter, FileParameter):
            return Input(placeholder="path of a file to upload (optional)", id=widget_id)
        default: str = ""
        if isinstance(parameter, StringParameter):
            default = parameter.default
        elif isinstance(parameter, RunParameter | CredentialsParameter | GenericParameter):
            default = parameter.default or ""
        placeholder = "job#number" if isinstance(parameter, RunParameter) else ""
        shown = given if isinstance(given, str) else default
        return Input(value=shown, placeholder=placeholder, id=widget_id)

    def on_mount(self) -> None:
        first = self.query(
            "#fields > Input, #fields > Toggle, #fields > Select, #fields > TextArea"
        )
        if first:
            first.first().focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        values: Values = {}
        files: Files = {}
        for index, parameter in enumerate(self.parameters):
            widget = self.query_one(f"#p{index}")
            if isinstance(widget, Toggle):
                values[parameter.name] = widget.value
            elif isinstance(widget, Select):
                values[parameter.name] = str(widget.value)
            elif isinstance(widget, TextArea):
                values[parameter.name] = widget.text
            elif isinstance(widget, Input):
                text = widget.value
                if isinstance(parameter, FileParameter):
                    if text:
                        files[parameter.name] = Path(text).expanduser()
                elif isinstance(parameter, PasswordParameter):
                    if text:
                        values[parameter.name] = text
                else:
                    values[parameter.name] = text
        self._check_files(BuildRequest(values, files))

    @work(group="check-files", exclusive=True, exit_on_error=False)
    async def _check_files(self, request: BuildRequest) -> None:
        problems = await unreadable_files(request)
        if problems:
            self.query_one("#form-error", Static).update(Text("; ".join(problems)))
        else:
            self.dismiss(request)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def _kind(parameter: AnyParameter) -> str:
    if isinstance(parameter, GenericParameter):
        return line(parameter.type_name) or "text"
    return parameter.kind
