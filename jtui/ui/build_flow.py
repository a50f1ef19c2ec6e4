"""Triggering a build from any screen: form or confirmation, trigger, then the build view."""

from __future__ import annotations

from textual import work

from ..jenkins.parameters import PasswordParameter
from .messages import BuildQueued
from .screens.base import JtuiScreen
from .screens.dialogs import confirm
from .screens.params import FormResult, ParameterForm, Values, remembered_values


class BuildLauncher(JtuiScreen):
    """A screen that can start builds (`b`, and `R`/`e` on the build view)."""

    def launch_build(
        self, full_name: str, prefill: Values | None = None, form: bool = True
    ) -> None:
        """`form=False` rebuilds with `prefill` as is, unless passwords must be asked again."""
        self._launch(full_name, prefill, form)

    @work(group="trigger", exclusive=True, exit_on_error=False)
    async def _launch(self, full_name: str, prefill: Values | None, form: bool) -> None:
        session = self.jtui.session
        if session is None:
            return
        profile = session.profile
        if profile.read_only:
            self.notify(f"profile {profile.name} is read-only: no builds", severity="warning")
            return
        job = await session.client.job(full_name, builds=1)
        result = FormResult({})
        if job.parameters:
            asks_password = any(isinstance(p, PasswordParameter) for p in job.parameters)
            if form or asks_password or prefill is None:
                remembered = prefill or self.jtui.state.last_parameters(profile.name, full_name)
                answer = await self.app.push_screen_wait(ParameterForm(job, remembered))
                if answer is None:
                    return
                result = answer
            else:
                result = FormResult(prefill)
        if profile.confirm and not (job.parameters and form):
            asked = confirm(f"Build {full_name} on {profile.name}?", "Build")
            if await self.app.push_screen_wait(asked) is None:
                return
        uploads = {name: (path.name, path.read_bytes()) for name, path in result.files.items()}
        ref = await session.client.trigger(
            full_name, result.values if job.parameters else None, uploads
        )
        if job.parameters:
            kept = remembered_values(result, job.parameters)
            self.jtui.state.remember_parameters(profile.name, full_name, kept)
        self.post_message(BuildQueued(ref))
