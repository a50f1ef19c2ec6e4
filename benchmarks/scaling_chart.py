"""Draw the scaling curve (seconds against jobs on the server, a log scale) as an SVG for the
README, from figures measured by listing.py, first_frame.py and tui_scale.py.

Run: python benchmarks/scaling_chart.py -o screenshots/scaling.svg \\
       --series "listing (jtui jobs --json)=1000:0.41,10000:0.62,…" --series "…"
"""

from __future__ import annotations

import argparse
import math
from html import escape
from pathlib import Path

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 360, 60, 200, 30, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")  # told apart without colour too


def parse_series(text: str) -> tuple[str, list[tuple[int, float]]]:
    name, _, points = text.partition("=")
    pairs = [point.split(":") for point in points.split(",")]
    return name, [(int(jobs), float(seconds)) for jobs, seconds in pairs]


def svg(series: list[tuple[str, list[tuple[int, float]]]], title: str) -> str:
    jobs = [j for _, points in series for j, _ in points]
    top = max(s for _, points in series for _, s in points) * 1.1
    low, high = math.log10(min(jobs)), math.log10(max(jobs))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: int) -> float:
        return LEFT + (math.log10(n) - low) / (high - low) * plot_w

    def y(seconds: float) -> float:
        return TOP + plot_h - seconds / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
        ' font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="18" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}"'
        ' stroke="black"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="black"/>',
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 10}" text-anchor="middle">'
        "jobs on the server (log scale)</text>",
        f'<text x="14" y="{TOP + plot_h / 2}" transform="rotate(-90 14 {TOP + plot_h / 2})"'
        ' text-anchor="middle">seconds</text>',
    ]
    for n in sorted(set(jobs)):
        parts.append(
            f'<text x="{x(n):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{n:,}</text>'
        )
    step = _step(top)
    tick = 0.0
    while tick <= top:
        parts.append(
            f'<line x1="{LEFT - 4}" y1="{y(tick):.1f}" x2="{LEFT + plot_w}" y2="{y(tick):.1f}"'
            ' stroke="#ddd"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>'
        )
        tick = round(tick + step, 6)
    for index, (name, points) in enumerate(series):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        path = " ".join(f"{x(n):.1f},{y(s):.1f}" for n, s in sorted(points))
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
            f' stroke-dasharray="{dash}"/>'
        )
        for n, s in points:
            parts.append(f'<circle cx="{x(n):.1f}" cy="{y(s):.1f}" r="3" fill="{colour}"/>')
        legend_y = TOP + 10 + index * 20
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 10}" y1="{legend_y}" x2="{WIDTH - RIGHT + 34}"'
            f' y2="{legend_y}" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
            f'<text x="{WIDTH - RIGHT + 40}" y="{legend_y + 4}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _step(top: float) -> float:
    raw = top / 5
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(float(m * magnitude) for m in (1, 2, 5, 10) if m * magnitude >= raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", action="append", required=True, help="NAME=JOBS:S,…")
    parser.add_argument("--title", default="jtui against the size of the server")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.write_text(svg([parse_series(text) for text in args.series], args.title))


if __name__ == "__main__":
    main()
