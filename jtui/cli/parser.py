"""The argument parser. Handlers are referenced by name and imported only when they run."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from .. import __version__

Handler = Callable[[argparse.Namespace], int]


def _lazy(module: str) -> Handler:
    def run(args: argparse.Namespace) -> int:
        handler: Handler = importlib.import_module(f"jtui.cli.{module}").run
        return handler(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jtui",
        description="A keyboard-driven terminal UI for Jenkins.",
    )
    parser.add_argument("--version", action="version", version=f"jtui {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser(
        "demo-server",
        help="run the demo Jenkins in the foreground (prints its URL, user and token)",
        description="Run a simulated Jenkins on this machine, for trying jtui and for tests.",
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
    demo.set_defaults(handler=_lazy("demo_server"))
    return parser
