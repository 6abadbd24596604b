"""A story's provenance graph as inline SVG, laid out on a timeline.

``render_timeline(story)`` returns a string, like the renderers in
``retold.render``. Left to right is publication time: long quiet spells are
drawn shortened and marked on the axis (one follow-up a month later must not
squash the first day into a dot), and undated articles follow in a column of
their own. Each article keeps its source's lane when that lane is free, so a
chain of retellings reads as a line.

Nodes are coloured by language and carry the language code, so colour is
never the only cue; the root (the probable original) has a ring. Edges are
coloured and dashed by relation kind, drawn thicker and more opaque with
confidence, labelled with it, and link to the pair page. Same-event edges
are dotted and have no arrow: they say two reports are about one event,
not that one was taken from the other.

Everything from an article is escaped here (:func:`_e`), at the one place it
enters markup; there is no script, and hrefs are built from ids by the caller.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from retold.collection.collection import Story

NODE_R = 13
LANE_H = 62
TOP = 34  # room above the first lane for edge arcs
LEFT = 56  # room for the first tick label, centred under the first node
AXIS_H = 44
# Label width estimate for lane packing: px per character of 12px system-ui.
CHAR_W = 6.8
LABEL_CHARS = 24
# Horizontal room per dated article, and the bounds of the dated part's width.
PX_PER_ARTICLE = 150
MIN_WIDTH, MAX_WIDTH = 560, 1600
# A gap between consecutive publication times longer than GAP_CAP x the median
# gap is drawn at that length and marked with its real duration.
GAP_CAP = 6
UNDATED_GAP = 190  # from the last dated node to the first undated one: its label fits between
UNDATED_STEP = 170
# Above this many edges the confidence labels would cover each other; the
# stroke width and the tooltip still carry it.
EDGE_LABELS_MAX = 60
# Above this many articles the graph is drawn compact: no text beside the
# nodes (the tooltip and the list below carry it), same-event links left to
# the pairs table, so 200 articles stay a readable picture, not a hairball.
COMPACT_ABOVE = 60
COMPACT_GAP = 8  # px between nodes of a lane in the compact drawing

# Okabe–Ito first (colour-blind safe), then further distinct hues; languages
# outside the map get a stable colour from their code.
LANGUAGE_COLOURS: Mapping[str, str] = {
    "en": "#0072b2", "ru": "#d55e00", "ar": "#009e73", "de": "#e69f00", "fr": "#cc79a7",
    "es": "#56b4e9", "zh": "#8c564b", "uk": "#f0e442", "it": "#6a3d9a", "tr": "#b15928",
    "pt": "#1b9e77", "nl": "#e7298a", "pl": "#66a61e", "ja": "#a6761d", "ko": "#7570b3",
    "fa": "#1f78b4", "he": "#33a02c", "und": "#98a2b3",
}
EXTRA_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#76b7b2", "#edc948", "#ff9da7")

# (colour, dash pattern or None, arrow) per relation kind.
EDGE_STYLES: Mapping[str, tuple[str, str | None, bool]] = {
    "copy": ("#1f2328", None, True),
    "translation": ("#3b5b92", None, True),
    "rewrite": ("#b35c00", "9 4", True),
    "partial": ("#7a4ea3", "3 3", True),
    "same-event": ("#98a2b3", "1 5", False),
}
_OTHER_EDGE = ("#98a2b3", "2 2", True)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _extra(code: str) -> int:
    return int(hashlib.sha1(code.encode()).hexdigest(), 16) % len(EXTRA_COLOURS)


def language_colour(language: str | None) -> str:
    """A stable fill colour for a language code.

        >>> language_colour("en"), language_colour("EN")
        ('#0072b2', '#0072b2')
    """
    code = (language or "und").lower()
    if code in LANGUAGE_COLOURS:
        return LANGUAGE_COLOURS[code]
    return EXTRA_COLOURS[_extra(code)]


def language_class(language: str | None) -> str:
    """The CSS class that gives a language chip the same colour (see ``language_css``).

        >>> language_class("ru"), language_class("sw").startswith("rw-lang-x")
        ('rw-lang-ru', True)
    """
    code = (language or "und").lower()
    return f"rw-lang-{code}" if code in LANGUAGE_COLOURS else f"rw-lang-x{_extra(code)}"


def language_css() -> str:
    """One rule per language colour, so chips need no style attribute."""
    named = [(f"rw-lang-{code}", colour) for code, colour in LANGUAGE_COLOURS.items()]
    extra = [(f"rw-lang-x{k}", colour) for k, colour in enumerate(EXTRA_COLOURS)]
    return "\n".join(f".retold .{cls} {{ background: {c}; color: {ink(c)}; }}" for cls, c in named + extra)


def ink(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (#rrggbb).

        >>> ink("#f0e442"), ink("#0072b2")
        ('#111111', '#ffffff')
    """
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lum = 0.2126 * r**2.2 + 0.7152 * g**2.2 + 0.0722 * b**2.2
    return "#111111" if lum > 0.3 else "#ffffff"


def edge_style(kind: str) -> tuple[str, str | None, bool]:
    return EDGE_STYLES.get(kind, _OTHER_EDGE)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    x: float
    y: float
    label: str
    when: str
    language: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Layout:
    nodes: dict[str, Node]
    ticks: list[Tick]
    breaks: list[Tick]  # shortened gaps: x and the real duration
    axis: tuple[float, float] | None  # x range of the dated part
    undated_x: float | None  # where the undated column starts
    width: float
    height: float


def _time(a: Mapping[str, Any]) -> datetime | None:
    value = a.get("published")
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _label(a: Mapping[str, Any]) -> str:
    text = str(a.get("outlet") or a.get("title") or a["id"])
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _duration(seconds: float) -> str:
    """A gap as a person says it: 40 min, 5 h, 3 d, 2 mo, 1.5 y."""
    minutes = seconds / 60
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 60 * 36:
        return f"{minutes / 60:.0f} h"
    days = minutes / 1440
    if days < 60:
        return f"{days:.0f} d"
    if days < 548:
        return f"{days / 30.4:.0f} mo"
    return f"{days / 365.25:.1f} y"


def time_scale(times: Sequence[float], width: float) -> tuple[list[float], list[tuple[float, float]]]:
    """x of each sorted, distinct time in [0, width]; and the shortened gaps (x, seconds).

        >>> time_scale([0, 10, 20], 100)[0]
        [0.0, 50.0, 100.0]
        >>> xs, breaks = time_scale([0, 10, 20, 30, 10_000], 100)
        >>> [round(x) for x in xs], [(round(x), s) for x, s in breaks]
        ([0, 11, 22, 33, 100], [(67, 9970)])
    """
    if not times:
        return [], []
    if len(times) == 1:
        return [0.0], []
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    cap = statistics.median(gaps) * GAP_CAP
    drawn = [min(g, cap) for g in gaps]
    total = sum(drawn) or 1.0
    xs, breaks, x = [0.0], [], 0.0
    for gap, d in zip(gaps, drawn, strict=True):
        step = d / total * width
        if gap > cap:
            breaks.append((x + step / 2, gap))
        x += step
        xs.append(x)
    return xs, breaks


def compact(story: Story) -> bool:
    """Whether ``story`` is drawn without node labels and same-event links."""
    return len(story.articles) > COMPACT_ABOVE


def layout(story: Story) -> Layout:
    """Where each article of ``story`` goes: x by time, lanes packed, chains kept on a line."""
    small = compact(story)
    articles = story.articles  # timeline order: dated by time, then undated
    dated = [(a, t) for a in articles if (t := _time(a)) is not None]
    undated = [a for a in articles if _time(a) is None]
    times = sorted({t.timestamp() for _, t in dated})
    width = max(MIN_WIDTH, min(MAX_WIDTH, PX_PER_ARTICLE * len(times))) if len(times) > 1 else 0
    xs, gaps = time_scale(times, width)
    x_of_time = dict(zip(times, xs, strict=True))
    x: dict[str, float] = {a["id"]: LEFT + NODE_R + x_of_time[t.timestamp()] for a, t in dated}
    axis = (LEFT + NODE_R, LEFT + NODE_R + width) if dated else None
    undated_x = (axis[1] + UNDATED_GAP if axis else LEFT + NODE_R) if undated else None
    for k, a in enumerate(undated):
        x[a["id"]] = (undated_x or 0) + k * UNDATED_STEP

    # Lanes: in time order, each article takes the free lane nearest its source's.
    lane_free: list[float] = []
    lane: dict[str, int] = {}
    ordered = sorted(articles, key=lambda a: x[a["id"]])
    for a in ordered:
        want = lane.get(story.parent.get(a["id"], ""), 0)
        here = x[a["id"]]
        free = [k for k, end in enumerate(lane_free) if end <= here]
        k = min(free, key=lambda k: (abs(k - want), k)) if free else len(lane_free)
        if k == len(lane_free):
            lane_free.append(0.0)
        label_px = 0 if small else 8 + CHAR_W * max(len(_label(a)), 11)
        lane_free[k] = here + 2 * NODE_R + (COMPACT_GAP if small else label_px)
        lane[a["id"]] = k

    span = (times[-1] - times[0]) if times else 0
    fmt = "%Y-%m-%d %H:%M" if span < 2 * 86400 else "%Y-%m-%d"
    nodes = {}
    for a in articles:
        t = _time(a)
        when = t.strftime(fmt) if t else "undated"
        tooltip = " · ".join(
            str(v) for v in (a.get("outlet"), a.get("language"), t.strftime("%Y-%m-%d %H:%M UTC") if t else "undated") if v
        )
        if a.get("title"):
            tooltip += f"\n{a['title']}"
        if a["id"] == story.root:
            tooltip += "\nroot: the probable original"
        y = TOP + NODE_R + lane[a["id"]] * LANE_H
        nodes[a["id"]] = Node(a["id"], x[a["id"]], y, _label(a), when, str(a.get("language") or "und"), tooltip)

    ticks: list[Tick] = []
    last = -1e9
    for (_, t), tx in sorted(((d, x[d[0]["id"]]) for d in dated), key=lambda p: p[1]):
        label = t.strftime(fmt)
        if tx - last >= 120 and (not ticks or ticks[-1].label != label):
            ticks.append(Tick(tx, label))
            last = tx
    breaks = [Tick(LEFT + NODE_R + bx, "+" + _duration(seconds)) for bx, seconds in gaps]
    lanes = max(1, len(lane_free))
    right = max((end for end in lane_free), default=LEFT + 100)
    return Layout(
        nodes, ticks, breaks, axis, undated_x, right + 16, TOP + NODE_R + (lanes - 1) * LANE_H + NODE_R + 24 + AXIS_H
    )


def _curve(a: Node, b: Node) -> tuple[str, float, float]:
    """An arc from a to b (ends trimmed to the circles), and its midpoint."""
    dx, dy = b.x - a.x, b.y - a.y
    dist = math.hypot(dx, dy) or 1.0
    # Bend to one side, more for long edges: lines through other nodes of the lane are avoided.
    bend = min(0.25 * dist, 60.0) if abs(dy) < 1 else 0.15 * dist
    cx, cy = (a.x + b.x) / 2 + dy / dist * bend, (a.y + b.y) / 2 - abs(dx) / dist * bend
    def toward(p: Node, gap: float) -> tuple[float, float]:
        vx, vy = cx - p.x, cy - p.y
        n = math.hypot(vx, vy) or 1.0
        return p.x + vx / n * gap, p.y + vy / n * gap
    x1, y1 = toward(a, NODE_R + 1)
    x2, y2 = toward(b, NODE_R + 3)
    mx, my = 0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2
    return f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}", mx, my


def render_timeline(story: Story, pair_href: Callable[[str, str], str], node_href: Callable[[str], str]) -> str:
    """The story's provenance graph as an ``<svg>`` element (a string).

    ``pair_href(source, target)`` and ``node_href(article_id)`` give the links
    of edges and nodes.
    """
    lay = layout(story)
    nodes = lay.nodes
    small = compact(story)
    out: list[str] = [
        f'<svg class="rw-graph" xmlns="http://www.w3.org/2000/svg" width="{lay.width:.0f}" '
        f'height="{lay.height:.0f}" viewBox="0 0 {lay.width:.0f} {lay.height:.0f}" role="img" '
        f'aria-label="provenance graph of story {_e(story.id)}: {len(nodes)} articles on a timeline">',
        "<defs>",
    ]
    for kind, (colour, _dash, arrow) in EDGE_STYLES.items():
        if arrow:
            out.append(
                f'<marker id="rw-arrow-{kind}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="9" '
                f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            )
    out.append("</defs>")
    out.extend(_axis(lay))

    edges = story.edges
    by_id = {a["id"]: a for a in story.articles}
    out.append('<g class="rw-edges">')
    # Weak edges first, so derived-from edges are drawn on top.
    for e in sorted(edges, key=lambda e: (not e["weak"], e["confidence"])):
        a, b = nodes.get(e["source"]), nodes.get(e["target"])
        if a is None or b is None or (small and e["weak"]):
            continue
        colour, dash, arrow = edge_style(e["kind"])
        conf = max(0.0, min(1.0, float(e["confidence"])))
        path, mx, my = _curve(a, b)
        who = f"{by_id[a.id].get('outlet') or a.id} → {by_id[b.id].get('outlet') or b.id}"
        direction = "" if e.get("directed", True) else " (direction unknown)"
        attrs = [
            f'd="{path}"', 'fill="none"', f'stroke="{colour}"', f'stroke-width="{(0.6 + 2 * conf) if small else (1 + 3 * conf):.2f}"',
            f'stroke-opacity="{0.35 + 0.65 * conf:.2f}"',
        ]
        if dash:
            attrs.append(f'stroke-dasharray="{dash}"')
        if arrow and e.get("directed", True):
            attrs.append(f'marker-end="url(#rw-arrow-{e["kind"]})"')
        out.append(
            f'<a class="rw-edge rw-edge-{_e(e["kind"])}" href="{_e(pair_href(a.id, b.id))}">'
            f"<title>{_e(e['kind'])} {conf:.2f}{_e(direction)}: {_e(who)} — open the pair side by side</title>"
            f'<path {" ".join(attrs)}/>'
            f'<path d="{path}" fill="none" stroke="transparent" stroke-width="12"/>'
        )
        if len(edges) <= EDGE_LABELS_MAX:
            out.append(f'<text class="rw-conf" x="{mx:.1f}" y="{my + 4:.1f}" text-anchor="middle">{conf:.2f}</text>')
        out.append("</a>")
    out.append("</g>")

    out.append('<g class="rw-nodes">')
    for n in nodes.values():
        fill = language_colour(n.language)
        root = n.id == story.root
        out.append(f'<a class="rw-node" href="{_e(node_href(n.id))}"><title>{_e(n.tooltip)}</title>')
        if root:
            out.append(f'<circle class="rw-root" cx="{n.x:.1f}" cy="{n.y:.1f}" r="{NODE_R + 4}" fill="none" stroke="{fill}" stroke-width="2"/>')
        out.append(
            f'<circle cx="{n.x:.1f}" cy="{n.y:.1f}" r="{NODE_R}" fill="{fill}" stroke="#ffffff" stroke-width="1.5"/>'
            f'<text class="rw-code" x="{n.x:.1f}" y="{n.y + 4:.1f}" text-anchor="middle" fill="{ink(fill)}">{_e(n.language[:3])}</text>'
        )
        if not small:
            out.append(
                f'<text class="rw-label" x="{n.x + NODE_R + 7:.1f}" y="{n.y - 1:.1f}">{_e(n.label)}</text>'
                f'<text class="rw-when" x="{n.x + NODE_R + 7:.1f}" y="{n.y + 12:.1f}">{_e(n.when)}</text>'
            )
        out.append("</a>")
    out.append("</g></svg>")
    return "".join(out)


def _axis(lay: Layout) -> list[str]:
    y = lay.height - AXIS_H + 14
    out = ['<g class="rw-axis">']
    if lay.axis:
        x1, x2 = lay.axis
        out.append(f'<line x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}" stroke="#98a2b3"/>')
        for t in lay.ticks:
            out.append(
                f'<line x1="{t.x:.1f}" y1="{y - 4}" x2="{t.x:.1f}" y2="{y + 4}" stroke="#98a2b3"/>'
                f'<text x="{t.x:.1f}" y="{y + 18}" text-anchor="middle">{_e(t.label)}</text>'
            )
        for b in lay.breaks:
            out.append(
                f'<path d="M{b.x - 5:.1f},{y + 5} L{b.x - 1:.1f},{y - 5} M{b.x + 1:.1f},{y + 5} L{b.x + 5:.1f},{y - 5}" '
                'stroke="#667085" fill="none"/>'
                f'<text class="rw-gap" x="{b.x:.1f}" y="{y - 8}" text-anchor="middle">{_e(b.label)}</text>'
            )
    if lay.undated_x is not None:
        if lay.axis:
            sx = lay.undated_x - UNDATED_GAP / 2
            out.append(f'<line x1="{sx:.1f}" y1="4" x2="{sx:.1f}" y2="{y}" stroke="#d0d5dd" stroke-dasharray="3 4"/>')
        out.append(f'<text x="{lay.undated_x:.1f}" y="{y + 18}" text-anchor="middle">undated</text>')
    out.append("</g>")
    return out
