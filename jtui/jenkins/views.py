"""The server's views (`client.views`): the root's or a folder's, nested views flattened
into paths (`teams/ops`), and the items a view shows.

A view's `url` may name the wrong host (a misconfigured root URL): only its path is used.
A nested view's own `jobs` is always empty: its sub-views hold the jobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .models import Item
from .paths import job_path, relative_path
from .shapes import dicts

if TYPE_CHECKING:
    from .client import JenkinsClient

LEVEL = "name,url,_class"
TREE = f"primaryView[name],views[{LEVEL},views[{LEVEL},views[{LEVEL}]]]"
NESTED = "hudson.plugins.nested_view.NestedView"


@dataclass(frozen=True, slots=True)
class View:
    name: str
    path: str  # "teams/ops" for a view nested in another
    url: str
    class_name: str
    primary: bool  # what the server (or folder) shows first

    @property
    def nested(self) -> bool:
        return self.class_name == NESTED


class ViewApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client

    async def list(self, folder: str = "") -> tuple[View, ...]:
        """The views of the root ("") or of a folder, nested ones after their parent."""
        where = job_path(folder) if folder else ""
        raw = await self._client.http.get_json(where + "api/json", {"tree": TREE})
        raw = raw if isinstance(raw, dict) else {}
        primary = raw.get("primaryView")
        primary_name = primary.get("name") if isinstance(primary, dict) else None
        found: list[View] = []
        _flatten(raw.get("views"), "", primary_name, found)
        return tuple(found)

    async def items(self, view: View, fields: tuple[str, ...]) -> tuple[Item, ...]:
        """What the view shows (a list view that recurses: items from sub-folders too)."""
        path = relative_path(view.url, self._client.http.context_path)
        tree = f"jobs[{','.join(('fullName', *fields))}]"
        raw = await self._client.http.get_json(path + "api/json", {"tree": tree})
        context = self._client.http.context_path
        jobs = raw.get("jobs") if isinstance(raw, dict) else None
        return tuple(Item.parse(entry, "", context) for entry in dicts(jobs) if "name" in entry)


def _flatten(raw: Any, parent: str, primary: Any, out: list[View]) -> None:
    for entry in dicts(raw):
        name = str(entry.get("name") or "")
        path = f"{parent}/{name}" if parent else name
        out.append(
            View(
                name,
                path,
                str(entry.get("url") or ""),
                str(entry.get("_class") or ""),
                not parent and name == primary,
            )
        )
        _flatten(entry.get("views"), path, None, out)
