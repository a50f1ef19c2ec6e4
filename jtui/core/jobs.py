"""Finding jobs: by full name or URL, with a hint for a display name; a folder's items, the
root's kept for the next session; favourites."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..config.profiles import Profile
from ..jenkins.errors import NotFound
from ..jenkins.models import Item, Job
from ..jenkins.paths import full_name_from_path, relative_path
from .errors import InvalidInput
from .session import Session


def full_name_of(argument: str, session: Session) -> str:
    """`a/b` stays `a/b`; `https://ci/job/a/job/b/` (any host: only the path counts) → `a/b`."""
    if argument.startswith(("http://", "https://")):
        if not on_server(argument, session.profile):
            raise InvalidInput(
                f"{argument} is not on {session.profile.host}, the server of profile "
                f"{session.profile.name}: name the job, or choose its profile (--profile)"
            )
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


def on_server(url: str, profile: Profile) -> bool:
    """Whether a URL is on the profile's server (host and port; any context path)."""
    return urlsplit(url).netloc.lower() == urlsplit(profile.url).netloc.lower()


def profiles_for(url: str, profiles: Iterable[Profile]) -> list[Profile]:
    """The profiles whose server a URL is on."""
    return [profile for profile in profiles if on_server(url, profile)]


async def find_job(session: Session, argument: str, builds: int = 10) -> Job:
    """The job (with its last `builds`), or a not-found error that names the full name behind
    a display-name path."""
    full_name = full_name_of(argument, session)
    try:
        return await session.client.job(full_name, builds=builds)
    except NotFound:
        hint = _hint(full_name, await session.client.all_items())
        if hint:
            raise NotFound(
                f"no job named '{full_name}' on {session.profile.host}: {hint}"
            ) from None
        raise


def _hint(full_name: str, items: tuple[Item, ...]) -> str | None:
    """The full name meant by a display-name path, or by a job's last name alone."""
    wanted = full_name.casefold()
    display_names = {item.full_name: item.display_name for item in items}
    jobs = [item for item in items if not item.is_folder]
    for item in jobs:
        parts = item.full_name.split("/")
        shown = "/".join(
            display_names.get("/".join(parts[: i + 1]), part) for i, part in enumerate(parts)
        )
        if shown.casefold() == wanted:
            return f"that is a display name; its full name is '{item.full_name}'"
    ends = [i.full_name for i in jobs if i.full_name.casefold().endswith("/" + wanted)]
    if ends:
        return "give the full name: " + " or ".join(f"'{name}'" for name in ends[:5])
    return None


def folder_key(folder: str) -> Hashable:
    """Where the session's cache keeps a folder's items."""
    return ("folder", folder)


async def folder_items(session: Session, folder: str) -> tuple[Item, ...]:
    """The items directly inside a folder; the root's answer is also kept on disk, for the
    next session to show at once (`restore_root`)."""
    if folder:
        return await session.client.children(folder)
    answer = await session.client.children_answer()
    at = session.clock.now().timestamp()
    await session.home.save_listing(session.profile.name, session.profile.url, answer, at)
    return session.client.items_in(answer, "")


async def restore_root(session: Session) -> None:
    """Put the root's items from the last session into the session's cache, so its first
    watch shows them (as cached) before the server answers."""
    if session.cache.get(folder_key("")) is not None:
        return
    saved = await session.home.saved_listing(session.profile.name, session.profile.url)
    if saved is not None:
        answer, at = saved
        items = session.client.items_in(answer, "")
        session.cache.put(folder_key(""), items, datetime.fromtimestamp(at, UTC))


async def favourites(session: Session) -> set[str]:
    return await session.home.favourites(session.profile.name)


async def toggle_favourite(session: Session, full_name: str) -> bool:
    """True when the job is now a favourite."""
    return await session.home.toggle_favourite(session.profile.name, full_name)


async def find_build(session: Session, job: str, number: int | None) -> tuple[str, int]:
    """A job (by name or URL) and one of its builds: `number`, else its last build."""
    name = (await find_job(session, job)).item.full_name
    return name, number or (await session.client.build(name, "lastBuild")).number
