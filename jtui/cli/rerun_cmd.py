"""`jtui rebuild`: a build again with its parameters, or a Pipeline from one of its stages."""

from __future__ import annotations

import argparse

from ..core import reruns
from ..core.builds import BuildRequest, plan_rebuild, trigger
from ..core.jobs import find_build
from ..core.session import Session
from ..core.text import printable
from .build import follow, log_colours
from .common import EXIT_OK, CommandError, command, confirm, open_session, say


@command
async def run_rebuild(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        if args.from_stage is not None:
            return await _restart(args, session, name, number, args.from_stage)
        plan = await plan_rebuild(session, await session.client.build(name, number))
        if plan.asks_passwords:
            raise CommandError(
                f"{name} takes a password, which Jenkins never gives back: build it with "
                "`jtui build JOB -p NAME=@-` (the password from stdin)"
            )
        if plan.needs_confirmation(session, used_form=False):
            await confirm(args, f"rebuild {name} #{number} on {session.profile.name}?")
        ref = await trigger(session, plan.job, BuildRequest(plan.prefill))
        if not args.follow:
            say(session.queue_url(ref.id))
            return EXIT_OK
        return await follow(session, name, ref=ref, colour=log_colours(args))


async def _restart(
    args: argparse.Namespace, session: Session, name: str, number: int, wanted: str
) -> int:
    stage = reruns.choose_stage(await reruns.restartable_stages(session, name, number), wanted)
    await confirm(args, f"restart {name} #{number} from stage {stage} on {session.profile.name}?")
    earlier = await reruns.restart_from(session, name, number, stage)
    say(f"jtui: restarting {printable(name)} #{number} from stage {printable(stage)}", err=True)
    restarted = await reruns.new_build(session, name, number, stage, earlier)
    if restarted is None:
        raise CommandError(
            f"Jenkins took the restart, but no build has started from it yet: look for "
            f"“Restarted from build #{number}, stage {stage}” in `jtui log {name}`"
        )
    if not args.follow:
        say(session.build_url(name, restarted))
        return EXIT_OK
    return await follow(session, name, number=restarted, colour=log_colours(args))
