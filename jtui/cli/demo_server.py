"""`jtui demo-server`: the demo Jenkins in the foreground."""

from __future__ import annotations

import argparse
import ssl
import sys

from ..demo.server import DemoJenkins, banner


def run(args: argparse.Namespace) -> int:
    if args.time_scale <= 0:
        print("jtui: --time-scale must be positive", file=sys.stderr)
        return 2
    if bool(args.tls_cert) != bool(args.tls_key):
        print("jtui: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            tls.load_cert_chain(args.tls_cert, args.tls_key)
        except (OSError, ssl.SSLError) as error:
            print(f"jtui: cannot load the TLS certificate: {error}", file=sys.stderr)
            return 5
    try:
        demo = DemoJenkins(
            host=args.host,
            port=args.port,
            jobs=args.jobs,
            user=args.user,
            token=args.token,
            password=args.password,
            context_path=args.context_path,
            latency_ms=args.latency_ms,
            time_scale=args.time_scale,
            tls=tls,
        )
    except OSError as error:
        print(f"jtui: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 5
    # The one place besides `jtui token generate` that prints a token: the demo's own.
    print(banner(demo), flush=True)
    try:
        demo.serve_forever()
    except KeyboardInterrupt:
        print("\ndemo Jenkins stopped", file=sys.stderr)
    return 0
