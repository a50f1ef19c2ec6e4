"""Finding jobs: by full name or URL, with a hint for a display name; favourites."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..jenkins.errors import NotFound
from ..jenkins.models import Job
from ..jenkins.paths import full_name_from_path, relative_path
from .errors import InvalidInput
from .session import Session


def full_name_of(argument: str, session: Session) -> str:
    """`a/b` stays `a/b`; `https://ci/job/a/job/b/` (any host: only the path counts) → `a/b`."""
    if argument.startswith(("http://", "https://")):
        path = relative_path(urlsplit(argument).path, session.client.http.context_path)
        name = full_name_from_path(path)
        if name is None:
            raise InvalidInput(f"{argument} is not the URL of a job")
        return name
    name = argument.strip("/")
    if not name:
        raise InvalidInput("name a job: its full name (folder/job) or its URL")
    if any(part in ("", ".", "..") for part in name.split("/")):
        raise InvalidInput(f"'{argument}' is not a job name: no empty, '.' or '..' parts")
    return name


async def find_job(session: Session, argument: str, builds: int = 10) -> Job:
    """The job (with its last `builds`), or a not-found error that names the full name behind
    a display-name path."""
    full_name = full_name_of(argument, session)
    try:
        return await session.client.job(full_name, builds=builds)
    except NotFound:
        wanted = full_name.casefold()
        items = await session.client.all_items()
        display_names = {item.full_name: item.display_name for item in items}
        for item in items:
            parts = item.full_name.split("/")
            shown = "/".join(
                display_names.get("/".join(parts[: i + 1]), part) for i, part in enumerate(parts)
            )
            if shown.casefold() == wanted and not item.is_folder:
                raise NotFound(
                    f"no job named '{full_name}': that is a display name; its full name is "
                    f"'{item.full_name}'"
                ) from None
        raise


async def favourites(session: Session) -> set[str]:
    return await session.home.favourites(session.profile.name)


async def toggle_favourite(session: Session, full_name: str) -> bool:
    """True when the job is now a favourite."""
    return await session.home.toggle_favourite(session.profile.name, full_name)
