"""`jtui demo-server`: the demo Jenkins in the foreground."""

from __future__ import annotations

import argparse
import ssl

from ..demo.server import DemoJenkins, banner
from .common import say


def run(args: argparse.Namespace) -> int:
    if args.time_scale <= 0:
        say("jtui: --time-scale must be positive", err=True)
        return 2
    if bool(args.tls_cert) != bool(args.tls_key):
        say("jtui: --tls-cert and --tls-key go together", err=True)
        return 2
    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            tls.load_cert_chain(args.tls_cert, args.tls_key)
        except (OSError, ssl.SSLError) as error:
            say(f"jtui: cannot load the TLS certificate: {error}", err=True)
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
            hostile=args.hostile,
            stage_api=args.stage_api,
            flavour=args.flavour,
        )
    except OSError as error:
        say(f"jtui: cannot listen on {args.host}:{args.port}: {error.strerror}", err=True)
        return 5
    # The one place besides `jtui token generate` that prints a token: the demo's own.
    print(banner(demo), flush=True)  # its own token: the demo is for trying jtui out
    try:
        demo.serve_forever()
    except KeyboardInterrupt:
        say("\ndemo Jenkins stopped", err=True)
    return 0
