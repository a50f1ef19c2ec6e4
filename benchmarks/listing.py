"""Listing every job, jtui against the other Python clients, each a whole process, alternating
in one run (issue: ≤ 0.8× the fastest peer on every line, one request, RSS no worse than
python-jenkins' at 50k). Wall time min/median/max, requests and bytes the server sent, peak
RSS; curl's time for jtui's own request gives the client's time where the server's dominates.

Peers come from the bench extra (pip install -e '.[bench]'); a missing one is left out.
Run: python benchmarks/listing.py [--lines 1000:0,10000:50,50000:0] [--runs 5] [--markdown F]
     [--peers python-jenkins,api4jenkins,aiojenkins,jenkinsapi | none]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from whole_process import run_whole

from jtui.config.profiles import add_profile
from jtui.demo import DemoJenkins
from jtui.jenkins.client import INDEX_DEPTH, ITEM_FIELDS
from jtui.jenkins.paths import tree_query

PEERS = {  # how each lists every job, in its documented way
    "python-jenkins": (
        "jenkins",
        "import jenkins, sys; print(len(jenkins.Jenkins(sys.argv[1], username=sys.argv[2],"
        " password=sys.argv[3]).get_all_jobs()))",
    ),
    "api4jenkins": (
        "api4jenkins",
        "import api4jenkins, sys; print(len(list(api4jenkins.Jenkins(sys.argv[1],"
        f" auth=(sys.argv[2], sys.argv[3])).iter(depth={INDEX_DEPTH}))))",
    ),
    "aiojenkins": (
        "aiojenkins",
        "import aiojenkins, asyncio, sys\n"
        "async def main():\n"
        "    async with aiojenkins.Jenkins(sys.argv[1], sys.argv[2], sys.argv[3]) as j:\n"
        "        print(len(await j.jobs.get_all()))\n"
        "asyncio.run(main())",
    ),
    "jenkinsapi": (
        "jenkinsapi",
        "from jenkinsapi.jenkins import Jenkins; import sys; print(len(list(Jenkins(sys.argv[1],"
        " username=sys.argv[2], password=sys.argv[3]).keys())))",
    ),
}


@dataclass
class Figures:
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    requests: int = 0
    sent: int = 0
    count: str = ""

    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) and the jobs it listed (jtui's JSON objects, or the count
    a peer's script prints) of one whole process."""
    seconds, rss_kb, printed = run_whole(argv, env)
    objects, words = printed.count(b'"full_name"'), printed.split()
    listed = str(objects) if objects else words[0].decode() if words else "-"
    return seconds, rss_kb, listed


def contenders(demo: DemoJenkins, peers: list[str]) -> dict[str, list[str]]:
    url, user, token = demo.url, demo.user, demo.token
    found = {"jtui": [sys.executable, "-m", "jtui", "jobs", "--json"]}
    for name, (module, script) in PEERS.items():
        if name in peers and importlib.util.find_spec(module) is not None:
            found[name] = [sys.executable, "-c", script, url, user, token]
    tree = tree_query(ITEM_FIELDS, "jobs", INDEX_DEPTH)
    found["curl (jtui's request)"] = [
        "curl", "-sS", "-o", "/dev/null", "-u", f"{user}:{token}", "-G",
        f"{url}api/json", "--data-urlencode", f"tree={tree}",
    ]  # fmt: skip
    return found


def measure(jobs: int, latency: int, runs: int, peers: list[str]) -> dict[str, Figures]:
    with tempfile.TemporaryDirectory() as temp, DemoJenkins(jobs=jobs) as demo:
        home = Path(temp)
        env = {**os.environ, "XDG_CONFIG_HOME": temp, "XDG_STATE_HOME": temp}
        fields = {"url": demo.url, "user": demo.user, "token": demo.token}
        add_profile(home / "jtui" / "config.toml", "demo", fields)
        demo.faults.update(latency_ms=latency)
        argvs = contenders(demo, peers)
        figures = {name: Figures() for name in argvs}
        names = list(argvs)
        for turn in range(runs):
            order = names[turn % len(names) :] + names[: turn % len(names)]  # alternating
            for name in order:
                asked, sent = demo.requests.total(), demo.requests.bytes_sent()
                seconds, rss, first = run_once(argvs[name], env)
                figure = figures[name]
                figure.seconds.append(seconds)
                figure.rss_kb.append(rss)
                figure.requests = demo.requests.total() - asked
                figure.sent = demo.requests.bytes_sent() - sent
                figure.count = first
    return figures


def table(lines: list[tuple[int, int, dict[str, Figures]]]) -> str:
    rows = [
        "| jobs, latency | client | min s | median s | max s | requests | bytes | peak RSS MB |"
        " jobs listed |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for jobs, latency, figures in lines:
        for name, f in figures.items():
            rows.append(
                f"| {jobs:,}, {latency} ms | {name} | {min(f.seconds):.3f} | {f.median():.3f} |"
                f" {max(f.seconds):.3f} | {f.requests} | {f.sent:,} |"
                f" {max(f.rss_kb) / 1024:.0f} | {f.count} |"
            )
    return "\n".join(rows)


def verdicts(jobs: int, latency: int, figures: dict[str, Figures]) -> list[str]:
    ours = figures["jtui"]
    peers = {n: f for n, f in figures.items() if n != "jtui" and not n.startswith("curl")}
    said = []
    if peers:
        fastest = min(peers, key=lambda n: peers[n].median())
        ratio = ours.median() / peers[fastest].median()
        said.append(f"{jobs:,} jobs, {latency} ms: jtui {ratio:.2f}× the fastest peer ({fastest})")
    curl = next(f for n, f in figures.items() if n.startswith("curl"))
    said.append(f"  client time (jtui − curl, medians): {ours.median() - curl.median():.3f} s")
    return said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="1000:0,10000:50,50000:0", help="JOBS:LATENCY_MS,…")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--peers", default=",".join(PEERS), help="which peers (none: jtui, curl)")
    args = parser.parse_args()
    done = []
    for line in args.lines.split(","):
        jobs, latency = (int(part) for part in line.split(":"))
        done.append((jobs, latency, measure(jobs, latency, args.runs, args.peers.split(","))))
        print("\n".join(verdicts(*done[-1])), flush=True)
    text = table(done)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n")


if __name__ == "__main__":
    main()
