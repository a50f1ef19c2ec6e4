"""`jtui input`: a Pipeline build's pending input — list it, proceed (with values), abort."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.builds import parse_text_values
from ..core.inputs import abort, choose, pending_inputs, proceed
from ..core.jobs import find_job
from ..core.text import json_dumps, printable
from ..jenkins.inputs import PendingInput, Value
from ..jenkins.parameters import ChoiceParameter
from .common import EXIT_OK, EXIT_USAGE, CommandError, command, confirm, open_session, say


@command
async def run_input(args: argparse.Namespace) -> int:
    acting = args.proceed or args.abort
    if args.param and not args.proceed:
        raise CommandError("-p gives the values of --proceed", EXIT_USAGE)
    async with open_session(args, job_url=args.job) as session:
        name = (await find_job(session, args.job)).item.full_name
        number, pending = await pending_inputs(session, name, args.number)
        where = f"{name} #{number}" if number else f"{name} (no running build)"
        if not acting:
            _show(pending, args, where)
            return EXIT_OK
        chosen = choose(pending, args.input_id, where)
        assert number is not None
        if args.abort:
            await confirm(args, f"abort {chosen.message!r} of {where} (the build is aborted)?")
            await abort(session, name, number, chosen)
            say(f"aborted the input {printable(chosen.id)} of {printable(where)}")
            return EXIT_OK
        request = parse_text_values(chosen.parameters, args.param, stdin=sys.stdin.readline)
        values: dict[str, Value] = {
            k: v for k, v in request.values.items() if isinstance(v, str | bool)
        }
        shown = ", ".join(f"{k}={_word(v)}" for k, v in chosen.complete(values))
        await confirm(
            args, f"{chosen.ok} — {chosen.message!r} of {where} ({shown or 'no values'})?"
        )
        await proceed(session, name, number, chosen, values)
        say(f"{printable(chosen.ok)}: the input {printable(chosen.id)} of {printable(where)}")
        return EXIT_OK


def _word(value: Value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else value


def _show(pending: tuple[PendingInput, ...], args: argparse.Namespace, where: str) -> None:
    if args.json:
        say(json_dumps(args.pretty, [_json(item) for item in pending]))
        return
    if not pending:
        say(f"jtui: {printable(where)} waits for no input", err=True)
    for item in pending:
        who = f" (for {printable(item.submitter)})" if item.submitter else ""
        say(f"{printable(item.id)}: {printable(item.message)}  [{printable(item.ok)}]{who}")
        for parameter in item.parameters:
            say(f"    {printable(parameter.name)} ({parameter.kind})")


def _json(item: PendingInput) -> dict[str, Any]:
    return {
        "id": item.id,
        "message": item.message,
        "ok": item.ok,
        "parameters": [
            {
                "name": p.name,
                "type": p.kind,
                "default": getattr(p, "default", None),
                "choices": list(p.choices) if isinstance(p, ChoiceParameter) else None,
            }
            for p in item.parameters
        ],
    }
