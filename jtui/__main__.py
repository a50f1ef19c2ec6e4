"""The `jtui` command. Imports lazily: `jtui --help` must not pay for httpx or Textual."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
