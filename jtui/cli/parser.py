"""The argument parser. Handlers are referenced by name and imported only when they run."""

from __future__ import annotations

import argparse
import functools
import importlib
from collections.abc import Callable

from .. import __version__

Handler = Callable[[argparse.Namespace], int]

EPILOG = """exit codes: 0 success, 1 build failed, 2 usage error or not confirmed,
3 unstable, 4 aborted / not built / cancelled, 5 could not do it, 130 interrupted"""


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a number from 1 up")
    return value


def _positive_seconds(text: str) -> float:
    value = float(text)
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError("give a number of seconds above 0")
    return value


def _lazy(module: str, function: str = "run") -> Handler:
    def run(args: argparse.Namespace) -> int:
        handler: Handler = getattr(importlib.import_module(f"jtui.cli.{module}"), function)
        return handler(args)

    return run


def _json_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help="JSON, compact (one line)")
    command.add_argument("--pretty", action="store_true", help="with --json: indented")


@functools.cache  # a parent's actions are copied: one of each serves every command
def _globals(suppress: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name."""
    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--profile", metavar="NAME", default=default, help="the profile to use")
    parent.add_argument("--config", metavar="PATH", default=default, help="the config file")
    parent.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=argparse.SUPPRESS if suppress else "auto",
        help="colour in a build log's output (auto: unless NO_COLOR is set)",
    )
    parent.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="keep a log of requests and failures (also JTUI_DEBUG=1); tokens are removed",
    )
    return parent


VALUED_GLOBALS = ("--profile", "--config", "--color")


class _StandIn(argparse.ArgumentParser):
    """What a command not asked for gets to add its options to, and is then dropped."""


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: of its command only (building all forty takes longer than
    most commands' own work), or of every command when `argv` names none of them."""
    wanted = _command_word(argv)
    if wanted is not None:
        parser, built = _parser(wanted)
        if built:
            return parser
    return _parser(None)[0]


def _command_word(argv: list[str] | None) -> str | None:
    """The first word of `argv` that is not an option or an option's value."""
    words = iter(argv if argv is not None else [])
    for word in words:
        if word in VALUED_GLOBALS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _parser(wanted: str | None) -> tuple[argparse.ArgumentParser, bool]:
    """Every command, or only `wanted` (others get a detached stand-in); and whether
    `wanted` was one of them."""
    parser = argparse.ArgumentParser(
        prog="jtui",
        description=(
            "A keyboard-driven terminal UI for Jenkins, and its command line. "
            "Without a command, jtui opens the terminal UI."
        ),
        epilog=EPILOG,
        parents=[_globals(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"jtui {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the TUI on a built-in demo Jenkins"
    )
    parser.set_defaults(handler=_lazy("tui"))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    shared = [_globals(suppress=True)]

    built = False

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        nonlocal built
        if wanted is not None and name != wanted:
            return _StandIn(add_help=False)
        built = True
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=shared)
        sub.set_defaults(handler=handler)
        return sub

    _profile_commands(add)

    add("check", _lazy("check"), "check the connection: version, user, token source, latency")

    dashboard = add(
        "dashboard",
        _lazy("dashboard_cmd", "run_dashboard"),
        "every profile's server at once: running, failing, queued, inputs, offline nodes",
    )
    _json_options(dashboard)

    jobs = add("jobs", _lazy("jobs"), "list every job in every folder")
    _json_options(jobs)
    jobs.add_argument("--folders", action="store_true", help="list folders too")
    jobs.add_argument("--view", metavar="PATH", help="only what this view shows (teams/ops)")
    jobs.add_argument("--folder", metavar="F", help="the view is this folder's (with --view)")

    views = add("views", _lazy("views_cmd", "run_views"), "the views of the server or a folder")
    views.add_argument("--folder", metavar="F", help="a folder's views (a multibranch's tabs)")
    _json_options(views)

    build = add("build", _lazy("build", "run_build"), "trigger a build (and follow it)")
    build.add_argument("job", metavar="JOB", help="the job's full name, or its URL")
    build.add_argument(
        "-p",
        dest="param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=(
            "a parameter (booleans: true/false; files: NAME=@path; passwords: NAME=@- "
            "from stdin, or NAME=@env:VAR); repeat as needed"
        ),
    )
    build.add_argument("--follow", action="store_true", help="stream the console, exit by result")
    build.add_argument(
        "--timeout", type=_positive_seconds, metavar="S", help="give up following after S s"
    )
    build.add_argument("--yes", action="store_true", help="confirm without asking")

    log = add("log", _lazy("build", "run_log"), "print a build's console (default: last build)")
    log.add_argument("job", metavar="JOB")
    log.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    log.add_argument("--follow", action="store_true", help="until the build ends; exit by result")
    only = log.add_mutually_exclusive_group()
    only.add_argument(
        "--failed", action="store_true", help="a Pipeline's failed steps only, each with its reason"
    )
    only.add_argument("--stage", metavar="NAME", help="the steps of one stage (or parallel branch)")

    tests = add("tests", _lazy("pipeline_cmd", "run_tests"), "a build's JUnit results")
    tests.add_argument("job", metavar="JOB")
    tests.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    tests.add_argument("--failed", action="store_true", help="failed cases only")
    _json_options(tests)

    listed = add("artifacts", _lazy("artifact_cmd", "run_artifacts"), "a build's artifacts")
    listed.add_argument("job", metavar="JOB")
    listed.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    _json_options(listed)

    changed = add("changes", _lazy("artifact_cmd", "run_changes"), "the commits a build took in")
    changed.add_argument("job", metavar="JOB")
    changed.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    _json_options(changed)

    one = add("artifact", _lazy("artifact_cmd", "run_artifact"), "download one artifact")
    one.add_argument("job", metavar="JOB")
    one.add_argument("number", metavar="NUMBER", type=_positive_int)
    one.add_argument("path", metavar="PATH", help="as `jtui artifacts` lists it")
    one.add_argument(
        "-o", dest="output", metavar="FILE", help="where to (default ./NAME; - stdout)"
    )
    one.add_argument("--force", action="store_true", help="replace an existing file")

    asked = add(
        "input", _lazy("input_cmd", "run_input"), "a Pipeline's pending input: list, answer"
    )
    asked.add_argument("job", metavar="JOB")
    asked.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    answer = asked.add_mutually_exclusive_group()
    answer.add_argument("--proceed", action="store_true", help="approve (with -p values)")
    answer.add_argument("--abort", action="store_true", help="reject: the build is aborted")
    asked.add_argument("-p", dest="param", action="append", default=[], metavar="NAME=VALUE")
    asked.add_argument("--id", dest="input_id", metavar="ID", help="which input, if several")
    asked.add_argument("--yes", action="store_true", help="confirm without asking")
    _json_options(asked)

    stages = add("stages", _lazy("pipeline_cmd", "run_stages"), "a Pipeline build's stages")
    stages.add_argument("job", metavar="JOB")
    stages.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    _json_options(stages)

    again = add(
        "rebuild",
        _lazy("rerun_cmd", "run_rebuild"),
        "a build again with the same parameters, or a Pipeline from one of its stages",
    )
    again.add_argument("job", metavar="JOB")
    again.add_argument("number", metavar="NUMBER", type=_positive_int)
    again.add_argument(
        "--from-stage", metavar="NAME", help="restart a Declarative Pipeline from this stage"
    )
    again.add_argument("--follow", action="store_true", help="stream the console, exit by result")
    again.add_argument("--yes", action="store_true", help="confirm without asking")

    scanned = add(
        "scan", _lazy("scan_cmd", "run_scan"), "scan a multibranch project for branches now"
    )
    scanned.add_argument("job", metavar="JOB", help="the multibranch project (or organization)")
    scanned.add_argument("--follow", action="store_true", help="print the scan's log as it runs")

    watched = add(
        "watch", _lazy("watch_cmd", "run_watch"), "wait for a build to end; exit by its result"
    )
    watched.add_argument("job", metavar="JOB")
    watched.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    watched.add_argument(
        "--notify", action="store_true", help="also notify the terminal (bell, OSC 9/777)"
    )

    stop = add("stop", _lazy("control", "run_stop"), "abort a running build (default: last)")
    stop.add_argument("job", metavar="JOB")
    stop.add_argument("number", metavar="NUMBER", type=_positive_int, nargs="?")
    stop.add_argument("--yes", action="store_true", help="confirm without asking")

    queue = add("queue", _lazy("control", "run_queue"), "list the build queue")
    _json_options(queue)

    cancel = add("cancel", _lazy("control", "run_cancel"), "cancel a queued item")
    cancel.add_argument("queue_id", metavar="QUEUE_ID", type=_positive_int)
    cancel.add_argument("--yes", action="store_true", help="confirm without asking")

    _node_commands(add)
    _token_commands(add)
    _demo_command(add)
    return parser, built


Adder = Callable[[str, Handler, str], argparse.ArgumentParser]
ActionAdder = Callable[[str, str, str], argparse.ArgumentParser]


def _group(add: Adder, name: str, module: str, help_text: str) -> ActionAdder:
    """A command with actions (`jtui token rotate`); alone it runs the module's `run_list`."""
    group = add(name, _lazy(module, "run_list"), help_text)
    if isinstance(group, _StandIn):
        return lambda *_: _StandIn(add_help=False)
    group.set_defaults(json=False)
    actions = group.add_subparsers(title=f"{name} commands", metavar="ACTION")
    shared = [_globals(suppress=True)]

    def action(sub_name: str, function: str, sub_help: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(sub_name, help=sub_help, description=sub_help, parents=shared)
        sub.set_defaults(handler=_lazy(module, function))
        return sub

    return action


def _node_commands(add: Adder) -> None:
    listed = add("nodes", _lazy("node_cmd", "run_list"), "the nodes: online or why not, builds")
    _json_options(listed)
    action = _group(add, "node", "node_cmd", "a node: take it offline, bring it online")
    offline = action("offline", "run_offline", "take a node offline (or change why it is)")
    offline.add_argument("name", metavar="NAME", help="the node (built-in: the controller's)")
    offline.add_argument("--message", metavar="M", help="why: shown on the server")
    offline.add_argument("--yes", action="store_true", help="confirm without asking")
    online = action("online", "run_online", "bring a node taken offline back online")
    online.add_argument("name", metavar="NAME")
    online.add_argument("--yes", action="store_true", help="confirm without asking")


def _token_commands(add: Adder) -> None:
    action = _group(add, "token", "token_cmd", "API tokens: generate, revoke, rotate")
    generate = action("generate", "run_generate", "create a token; print it once on stdout")
    generate.add_argument("name", metavar="NAME")
    revoke = action("revoke", "run_revoke", "revoke a token by uuid")
    revoke.add_argument("uuid", metavar="UUID")
    revoke.add_argument("--current", action="store_true", help="even the profile's own token")
    revoke.add_argument("--yes", action="store_true", help="confirm without asking")
    rotate = action("rotate", "run_rotate", "new token → verify → store → revoke the old one")
    rotate.add_argument("--name", help="the new token's name (default: jtui-HOST-DATE)")
    rotate.add_argument("--revoke", metavar="UUID", help="the old token, if jtui never knew it")
    listing = action("list", "run_list", "the server's list of your tokens and jtui's ledger")
    _json_options(listing)


def _profile_commands(add: Adder) -> None:
    action = _group(add, "profile", "profile_cmd", "manage server profiles")
    listing = action("list", "run_list", "list the profiles")
    _json_options(listing)

    adding = action("add", "run_add", "add a profile (checks the connection first)")
    adding.add_argument("name", metavar="NAME")
    adding.add_argument("--url", required=True, help="the Jenkins URL, with any context path")
    adding.add_argument("--user", required=True, help="your Jenkins user ID")
    source = adding.add_mutually_exclusive_group(required=True)
    source.add_argument("--token-stdin", action="store_true", help="read the API token from stdin")
    source.add_argument("--token-env", metavar="VAR", help="take the token from $VAR")
    source.add_argument("--token-command", metavar="CMD", help="run CMD to print the token")
    source.add_argument(
        "--password-stdin",
        action="store_true",
        help="read your password once, use it only to create an API token, store that",
    )
    adding.add_argument("--read-only", action="store_true", help="refuse builds, stops, tokens")
    adding.add_argument("--no-verify-tls", action="store_true", help="do not verify TLS (risky)")
    adding.add_argument("--ca-bundle", metavar="PATH", help="trust this CA (corporate CAs)")
    adding.add_argument("--yes", action="store_true", help="accept a redirected URL")

    editing = action("edit", "run_edit", "change a profile (checks the connection first)")
    editing.add_argument("name", metavar="NAME")
    editing.add_argument("--url", help="the Jenkins URL, with any context path")
    editing.add_argument("--user", help="your Jenkins user ID")
    new_source = editing.add_mutually_exclusive_group()
    new_source.add_argument("--token-stdin", action="store_true", help="read a new API token")
    new_source.add_argument("--token-env", metavar="VAR", help="take the token from $VAR")
    new_source.add_argument("--token-command", metavar="CMD", help="run CMD to print the token")
    read_only = editing.add_mutually_exclusive_group()
    read_only.add_argument("--read-only", dest="read_only", action="store_const", const=True)
    read_only.add_argument("--no-read-only", dest="read_only", action="store_const", const=False)

    removing = action("remove", "run_remove", "remove a profile")
    removing.add_argument("name", metavar="NAME")
    removing.add_argument("--yes", action="store_true", help="confirm without asking")

    default = action("default", "run_default", "make a profile the default")
    default.add_argument("name", metavar="NAME")


def _demo_command(add: Adder) -> None:
    demo = add(
        "demo-server",
        _lazy("demo_server"),
        "run the demo Jenkins in the foreground (prints its URL, user and token)",
    )
    demo.add_argument("--host", default="127.0.0.1", help="address to listen on")
    demo.add_argument("--port", type=int, default=8080, help="port (0: any free port)")
    demo.add_argument("--jobs", type=int, metavar="N", help="generate about N jobs in folders")
    demo.add_argument("--user", default="admin", help="the user ID (default: admin)")
    demo.add_argument("--token", help="the API token (default: a new random one)")
    demo.add_argument("--password", help="allow password login (crumb + cookie for POSTs)")
    demo.add_argument("--context-path", default="", metavar="/PATH", help="serve under /PATH/")
    demo.add_argument("--latency-ms", type=int, default=0, metavar="N", help="delay answers")
    demo.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        metavar="F",
        help="run quiet periods, builds and queue expiry F times faster",
    )
    demo.add_argument(
        "--hostile",
        action="store_true",
        help="add jobs, parameters and tokens whose text tries to attack the client",
    )
    demo.add_argument(
        "--stage-api",
        choices=("stages", "pipeline-overview", "pipeline-console", "wfapi", "none"),
        default="stages",
        help="which stage API the server has (default: Pipeline Graph View's newest URLs)",
    )
    demo.add_argument(
        "--flavour",
        choices=("prod", "staging", "legacy"),
        default="prod",
        help="which server: the full demo (prod), or the smaller staging or legacy one",
    )
    demo.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate")
    demo.add_argument("--tls-key", metavar="PEM", help="the certificate's private key")
