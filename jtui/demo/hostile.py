"""A hostile Jenkins: every text field the demo serves carries something that would act if a
client showed it raw — Textual markup (actions!), OSC 52 clipboard writes, OSC 8 links, CSI
screen clears, C1 controls, bidi overrides, an unpaired surrogate — and one 10,000-character
run. For tests and `jtui demo-server --hostile`."""

from __future__ import annotations

from . import simulator
from .instance import Instance
from .model import Cause, Folder, Job, JobSettings
from .nodes import BROKEN_CAUSE, Node, OfflineCause
from .params import ParamDef
from .users import User

MARKUP = "[@click=app.quit]click[/] [b]bold[/b] [/config]"
ESCAPES = (
    "\x1b]52;c;aGFja2Vk\x07"  # OSC 52: write "hacked" to the clipboard
    "\x1b]0;pwned\x07"  # the window title
    "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"  # a hyperlink
    "\x1b[2J\x1b[H"  # clear the screen
    "\x9b31m\x9d0;c1\x9c"  # the same in C1 controls
)
BIDI = "\u202eevil\u202c \u2066iso\u2069"
SURROGATE = "\ud800"


def hostile(label: str, surrogate: bool = True) -> str:
    """A short label followed by everything at once (a value sent back to Jenkins cannot hold
    an unpaired surrogate: it would not survive the form encoding)."""
    return f"{label} {MARKUP} {ESCAPES} {BIDI} {SURROGATE if surrogate else ''}!"


LONG_RUN = "W" * 10_000
HOSTILE_TOKEN = "11" + "ee" * 16  # the value of the token with the hostile name


def seed_hostile(inst: Instance, user: User) -> None:
    """Add the hostile fixtures to a seeded instance (the user: whoever triggers builds)."""
    user.full_name = hostile("Admin")
    evil_uuid = f"uuid-{ESCAPES}{BIDI}-1"  # the security page is HTML: anything can be in it
    user.add_token(hostile("token"), HOSTILE_TOKEN, inst.clock.now(), evil_uuid)
    broken = OfflineCause(BROKEN_CAUSE, hostile("broken"), inst.clock.now(), "")
    inst.nodes.append(
        Node(hostile("agent"), 1, ("evil",), hostile("node"), connected=False, cause=broken)
    )
    root = inst.root
    folder = Folder("hostile", root, display_name=hostile("Folder"), description=hostile("f"))
    root.add(folder)
    params = [
        ParamDef("string", "GREETING", hostile("help"), hostile("default")),
        ParamDef(
            "choice",
            "CHOICE",
            hostile("which"),
            choices=(hostile("one", surrogate=False), "[/config]"),
        ),
        ParamDef("text", "NOTES", hostile("notes"), hostile("text") + "\nsecond line"),
        ParamDef("boolean", "FLAG", hostile("flag"), False),
    ]
    evil = Job(
        "evil\u202ejob\x1b[2J",  # names may hold anything but / \\ ? * % ! @ # $ ^ & | < > [ ] : ;
        folder,
        "pipeline",
        display_name=hostile("Job"),
        description=hostile("description") + "\nline two " + LONG_RUN,
        params=params,
        settings=JobSettings(duration=6.0, lines=6, stages=(hostile("Stage"), "Plain")),
    )
    folder.add(evil)
    folder.add(Job("long", folder, display_name=LONG_RUN, settings=JobSettings(duration=4.0)))
    stuck = Job("stuck", folder, params=params, settings=JobSettings(label="evil"))
    folder.add(stuck)
    values = [value for p in params if (value := p.default_value()) is not None]
    simulator.schedule(inst, stuck, values, [Cause(user.id, user.full_name)], 0)
