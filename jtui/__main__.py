"""The `jtui` command. Imports lazily: `jtui --help` must not pay for httpx or Textual."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    from .cli.parser import build_parser

    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    if args.debug or os.environ.get("JTUI_DEBUG"):
        from .core import debug

        if debug.wanted(args.debug):
            print(f"jtui: debug log: {debug.enable()}", file=sys.stderr)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        _discard_output()  # what is left in stdout's buffer must not block the exit
        return 130
    except BrokenPipeError:
        _discard_output()  # the reader went away (`jtui jobs | head`): no traceback
        return 0
    return code


def _discard_output() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
