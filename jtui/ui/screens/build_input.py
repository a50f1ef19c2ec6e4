"""Answering a Pipeline's pending input from the build view: a form for its parameters (its
submit button, named as the input's own "ok", is the confirmation), or a confirmed abort."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App

from ...core import inputs
from ...core.display import PAUSED
from ...core.session import Session
from ...jenkins.inputs import PendingInput, Value
from ..plain import line, toast
from ..roles import role
from .dialogs import confirm
from .params import ParameterForm


def banner(pending: PendingInput, approve: str, decline: str) -> Text:
    text = Text()
    text.append_text(role(f"{PAUSED} waiting for input: ", "warning"))
    text.append(line(pending.message))
    who = f" (for {line(pending.submitter)})" if pending.submitter else ""
    text.append(f"{who}  —  {approve}: {line(pending.ok)} · {decline}: abort")
    return text


async def approve(
    app: App[Any], session: Session, name: str, number: int, pending: PendingInput
) -> bool:
    inputs.plan_answer(session, "approving an input")
    values: dict[str, Value] = {}
    if pending.parameters:
        title = f"{pending.message} ({name} #{number})"
        form = ParameterForm(title, pending.parameters, submit=pending.ok)
        answer = await app.push_screen_wait(form)
        if answer is None:
            return False
        values = {k: v for k, v in answer.values.items() if isinstance(v, str | bool)}
    else:
        question = confirm(f"{pending.message} ({name} #{number})", pending.ok)
        if await app.push_screen_wait(question) is None:
            return False
    await inputs.proceed(session, name, number, pending, values)
    toast(app, f"{pending.ok}: {pending.message}", title=f"{name} #{number}")
    return True


async def decline(
    app: App[Any], session: Session, name: str, number: int, pending: PendingInput
) -> bool:
    inputs.plan_answer(session, "aborting an input")
    question = confirm(
        f"Abort “{pending.message}” of {name} #{number}?",
        "Abort the input",
        "The build is aborted unless the Pipeline catches it.",
    )
    if await app.push_screen_wait(question) is None:
        return False
    await inputs.abort(session, name, number, pending)
    toast(app, f"aborted: {pending.message}", title=f"{name} #{number}")
    return True
