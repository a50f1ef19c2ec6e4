"""The demo's views, as core Jenkins and its plugins export them: the root's `all`, list
views (one that recurses into folders), a nested view (whose `jobs` is always empty), and a
multibranch project's category views (`default`, `change-requests`, `tags`).

URLs: `/view/<name>/`, nested `/view/<a>/view/<b>/`, in a folder `/job/<f>/view/<name>/`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .export import HIGH, Prop

if TYPE_CHECKING:
    from .instance import Instance
    from .model import Folder, Item

CLASSES = {
    "all": "hudson.model.AllView",
    "list": "hudson.model.ListView",
    "nested": "hudson.plugins.nested_view.NestedView",
    "category": "jenkins.branch.MultiBranchProjectViewHolder$ViewImpl",
}


@dataclass(eq=False)
class View:
    name: str
    kind: str  # all, list, nested, category
    url_path: str  # below the root URL: "view/teams/view/ops/"
    members: Callable[[], list[Item]] = list
    views: list[View] = field(default_factory=list)
    description: str | None = None

    @property
    def class_name(self) -> str:
        return CLASSES[self.kind]

    @property
    def props(self) -> Sequence[Prop]:
        found = [
            Prop("description", lambda o, c: o.description),
            Prop("jobs", lambda o, c: [] if o.kind == "nested" else o.members()),
            Prop("name", lambda o, c: o.name, HIGH),
            Prop("property", lambda o, c: []),
            Prop("url", lambda o, c: c.root_url + o.url_path, HIGH),
        ]
        if self.kind == "nested":
            found.append(Prop("views", lambda o, c: o.views))
        return found

    def find(self, names: list[str]) -> View | None:
        """The sub-view at `names` below this one (nested views only)."""
        if not names:
            return self
        sub = next((v for v in self.views if v.name == names[0]), None)
        return sub.find(names[1:]) if sub is not None else None


def seed_views(inst: Instance) -> list[View]:
    """The root's views (the full demo's)."""

    def jobs(*names: str) -> Callable[[], list[Item]]:
        return lambda: [item for name in names if (item := _item(inst, name)) is not None]

    teams = View("teams", "nested", "view/teams/", description="A view per team")
    teams.views = [
        View("ops", "list", "view/teams/view/ops/", jobs("windows-installer", "stuck-pipeline")),
        View("qa", "list", "view/teams/view/qa/", jobs("flaky-integration", "lint-checks")),
    ]
    backend = inst.item(["platform", "backend"])
    return [
        View("all", "all", "", lambda: inst.root.jobs()),
        View(
            "backend",
            "list",
            "view/backend/",
            lambda: _recurse(backend) if backend is not None else [],
            description="Everything in platform/backend, sub-folders included",
        ),
        View(
            "release",
            "list",
            "view/release/",
            jobs("platform/release-train", "platform/release-gate", "deploy-service"),
        ),
        teams,
    ]


def folder_views(folder: Folder) -> list[View]:
    """A folder's `all`; a multibranch project's branch, change-request and tag tabs."""
    base = folder.url_path
    if folder.kind != "multibranch":
        return [View("all", "all", base, folder.jobs)]
    return [
        View("default", "category", f"{base}view/default/", lambda: _branches(folder, False)),
        View(
            "change-requests",
            "category",
            f"{base}view/change-requests/",
            lambda: _branches(folder, True),
        ),
        View("tags", "category", f"{base}view/tags/"),
    ]


def primary(views: list[View]) -> View:
    return views[0]


def _branches(folder: Folder, requests: bool) -> list[Item]:
    return [item for item in folder.jobs() if item.name.startswith("PR-") == requests]


def _recurse(folder: Item) -> list[Item]:
    from .model import Folder

    found: list[Item] = []
    for child in folder.children.values() if isinstance(folder, Folder) else []:
        found.append(child)
        found += _recurse(child)
    return found


def _item(inst: Instance, full_name: str) -> Item | None:
    return inst.item(full_name.split("/"))
