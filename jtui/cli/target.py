"""Naming a job on the command line: its full name, or its URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..jenkins import JenkinsClient
from ..jenkins.errors import NotFound
from ..jenkins.models import Job
from ..jenkins.paths import full_name_from_path, relative_path
from .common import EXIT_USAGE, CommandError


def full_name_of(argument: str, jenkins: JenkinsClient) -> str:
    """`a/b` stays `a/b`; `https://ci/job/a/job/b/` (any host: only the path counts) → `a/b`."""
    if argument.startswith(("http://", "https://")):
        path = relative_path(urlsplit(argument).path, jenkins.http.context_path)
        name = full_name_from_path(path)
        if name is None:
            raise CommandError(f"{argument} is not the URL of a job", EXIT_USAGE)
        return name
    return argument.strip("/")


async def find_job(argument: str, jenkins: JenkinsClient) -> Job:
    """The job, or a not-found error that suggests the full name for a display-name path."""
    full_name = full_name_of(argument, jenkins)
    try:
        return await jenkins.job(full_name)
    except NotFound:
        wanted = full_name.casefold()
        items = await jenkins.all_items()
        display_paths = {item.full_name: item.display_name for item in items}
        for item in items:
            parts = item.full_name.split("/")
            shown = "/".join(
                display_paths.get("/".join(parts[: i + 1]), part) for i, part in enumerate(parts)
            )
            if shown.casefold() == wanted and not item.is_folder:
                raise CommandError(
                    f"no job named '{full_name}': that is a display name; its full name is "
                    f"'{item.full_name}'"
                ) from None
        raise
