"""Views, for both front ends: the root's or a folder's (a multibranch project's branch,
change-request and tag tabs), one found by its path, and what it shows."""

from __future__ import annotations

from ..jenkins.client import ITEM_FIELDS, LAST_BUILD_FIELDS
from ..jenkins.models import Item
from ..jenkins.views import View
from .errors import InvalidInput
from .session import Session


async def list_views(session: Session, folder: str = "") -> tuple[View, ...]:
    return await session.client.views.list(folder.strip("/"))


def find_view(views: tuple[View, ...], wanted: str) -> View:
    """The view at `wanted` ("teams/ops"; any case when that is unambiguous)."""
    key = wanted.strip("/")
    exact = [v for v in views if v.path == key]
    loose = [v for v in views if v.path.casefold() == key.casefold()]
    if exact or len(loose) == 1:
        return (exact or loose)[0]
    paths = ", ".join(v.path for v in views) or "none"
    raise InvalidInput(f"no view {wanted!r} (there are: {paths})")


async def view_items(session: Session, view: View) -> tuple[Item, ...]:
    """What the view shows, with each job's last build; a nested view shows its sub-views'."""
    if view.nested:
        raise InvalidInput(f"{view.path} holds views, not jobs: name one of them ({view.path}/…)")
    return await session.client.views.items(view, (*ITEM_FIELDS, LAST_BUILD_FIELDS))
