"""The web app's stylesheet: page chrome, lists, the story graph and forms.

It sits beside the renderer's stylesheet (``retold.render.assets.CSS``),
whose colours (``--rt-*``) and type it reuses inside ``.retold``; the chrome
(``.rw-bar``) is outside it. Both are inlined and allowed by hash in the
Content-Security-Policy: the app loads nothing from anywhere.
"""

from __future__ import annotations

from retold.render.assets import CSS as RENDER_CSS
from retold.render.assets import PAGE_CSS
from retold.web.timeline import language_css

WEB_CSS = """
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
a { color: #3b5b92; }
.rw-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 20px; padding: 10px 28px; border-bottom: 1px solid #e4e7ec; background: #f6f7f9; }
.rw-brand { font-weight: 800; font-size: 18px; letter-spacing: -0.02em; color: #1f2328; text-decoration: none; }
.rw-bar nav { display: flex; gap: 16px; }
.rw-bar nav a { text-decoration: none; font-weight: 600; }
.rw-search { display: flex; flex: 1 1 360px; max-width: 640px; gap: 6px; }
.rw-search input { flex: 1; min-width: 0; font: inherit; padding: 6px 10px; border: 1px solid #c9ced6; border-radius: 6px; background: #fff; }
.rw-bar .rw-mode { margin-left: auto; font-size: 12px; color: #667085; border: 1px solid #e4e7ec; border-radius: 999px; padding: 1px 10px; background: #fff; }
.rw-bar .rw-mode-write { color: #9b1c1c; border-color: #e8b4b4; }
button, .rw-button { font: inherit; font-weight: 600; padding: 6px 14px; border-radius: 6px; border: 1px solid #3b5b92; background: #3b5b92; color: #fff; cursor: pointer; }
.rw-main { padding: 0 0 40px; }
.rw-foot { color: #667085; font-size: 12px; padding: 12px 28px 28px; border-top: 1px solid #e4e7ec; }
.retold h1 { font-size: 22px; margin: 0 0 4px; letter-spacing: -0.01em; }
.retold .rw-sub { color: var(--rt-muted); margin: 0 0 18px; }
.retold .rw-crumbs { font-size: 13px; color: var(--rt-muted); margin: 0 0 10px; }
.retold .rw-note { border: 1px solid var(--rt-alt-line); background: var(--rt-alt-bg); color: var(--rt-alt-fg); border-radius: 8px; padding: 8px 12px; margin: 12px 0; }
.retold .rw-error { border-color: var(--rt-omit-line); background: var(--rt-omit-bg); color: var(--rt-omit-fg); }
.retold table.rw-list { width: 100%; border-collapse: collapse; margin: 8px 0 16px; }
.retold .rw-list th { text-align: left; font-size: 12.5px; color: var(--rt-muted); font-weight: 600; padding: 6px 8px; border-bottom: 1px solid var(--rt-line); white-space: nowrap; }
.retold .rw-list td { padding: 7px 8px; border-bottom: 1px solid var(--rt-line); vertical-align: top; }
.retold .rw-list tr:hover td { background: #fafbfc; }
.retold .rw-list th a { color: inherit; }
.retold .rw-list th a.rw-sorted { color: var(--rt-fg); }
.retold .rw-num { text-align: right; font-variant-numeric: tabular-nums; }
.retold .rw-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--rt-muted); }
.retold .rw-nowrap { white-space: nowrap; }
.retold .rw-lang { display: inline-block; min-width: 26px; text-align: center; border-radius: 4px; padding: 0 5px; font-size: 12px; font-weight: 700; }
.retold .rw-kind { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 600; border: 1px solid var(--rt-line); }
.retold .rw-pager { display: flex; gap: 16px; align-items: center; color: var(--rt-muted); }
.retold .rw-graph-box { overflow-x: auto; border: 1px solid var(--rt-line); border-radius: 10px; padding: 8px; background: #fff; margin: 12px 0 8px; }
.retold .rw-legend { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--rt-muted); font-size: 12.5px; margin: 0 0 22px; align-items: center; }
.retold .rw-legend svg { vertical-align: middle; }
.rw-graph text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1f2328; }
.rw-graph .rw-code { font-size: 10px; font-weight: 700; }
.rw-graph .rw-when, .rw-graph .rw-axis text { fill: #667085; font-size: 11px; }
.rw-graph .rw-gap { font-size: 10px; }
.rw-graph .rw-conf { font-size: 10px; fill: #475467; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
.rw-graph a:hover circle, .rw-graph a:focus circle { stroke: #1f2328; stroke-width: 2.5; }
.rw-graph a.rw-edge:hover path:first-of-type, .rw-graph a.rw-edge:focus path:first-of-type { stroke-opacity: 1; }
.rw-graph a:hover .rw-label { text-decoration: underline; }
.retold li.rw-article:target, .retold tr:target td { background: #eef3fb; }
.retold ol.rw-articles { list-style: none; padding: 0; margin: 0; }
.retold .rw-article { display: grid; grid-template-columns: 150px 1fr; gap: 4px 16px; padding: 10px 0; border-bottom: 1px solid var(--rt-line); }
.retold .rw-article .rw-when { color: var(--rt-muted); font-variant-numeric: tabular-nums; font-size: 13px; }
.retold .rw-article h3 { margin: 0; font-size: 15px; font-family: Georgia, "Iowan Old Style", serif; font-weight: 600; }
.retold .rw-article .rw-how { font-size: 13px; color: var(--rt-muted); }
.retold .rw-root-tag { font-family: system-ui, sans-serif; vertical-align: 2px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: #fff; background: var(--rt-accent); border-radius: 4px; padding: 1px 6px; }
.retold details summary { cursor: pointer; color: var(--rt-muted); font-size: 12.5px; }
.retold .rw-evidence { margin: 4px 0 0; padding-left: 18px; font-size: 12.5px; color: var(--rt-muted); }
.retold .rw-sentences { font-family: Georgia, "Iowan Old Style", serif; font-size: 15.5px; line-height: 1.6; max-width: 860px; }
.retold .rw-sentences p { margin: 0 0 12px; }
.retold .rw-hit mark { background: var(--rt-alt-bg); color: inherit; }
.retold form.rw-compare { display: grid; grid-template-columns: 1fr 1fr; gap: 14px 20px; margin: 8px 0 12px; }
.retold form.rw-compare label, .retold form.rw-add label { display: block; font-weight: 600; font-size: 13px; margin-bottom: 4px; }
.retold textarea, .retold input[type=text] { width: 100%; font: 14px/1.5 Georgia, "Iowan Old Style", serif; padding: 8px 10px; border: 1px solid #c9ced6; border-radius: 6px; box-sizing: border-box; }
.retold textarea { min-height: 260px; resize: vertical; }
.retold form.rw-compare .rw-actions { grid-column: 1 / -1; display: flex; gap: 14px; align-items: center; color: var(--rt-muted); font-size: 13px; }
.retold form.rw-add { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px 16px; margin: 8px 0 24px; }
.retold form.rw-add .rw-wide { grid-column: 1 / -1; }
.retold form.rw-add textarea { min-height: 140px; }
.retold .rw-api-op { border: 1px solid var(--rt-line); border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
.retold .rw-method { font-weight: 800; font-size: 12px; border-radius: 4px; padding: 1px 7px; margin-right: 8px; color: #fff; background: #3b5b92; }
.retold .rw-method-post { background: #14622c; }
.retold .rw-api-op code, .retold pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.retold pre { background: var(--rt-soft); border-radius: 6px; padding: 8px 10px; overflow-x: auto; }
@media (max-width: 760px) {
  .retold form.rw-compare, .retold form.rw-add { grid-template-columns: 1fr; }
  .retold .rw-article { grid-template-columns: 1fr; }
}
"""

# The one <style> of every page: the renderer's CSS (colours, type, the pair
# view) and the app's. Pair pages also carry the fragment's own <style>
# (RENDER_CSS alone), so the policy allows both.
PAGE_STYLE = PAGE_CSS + RENDER_CSS + WEB_CSS + language_css()
STYLESHEETS = (PAGE_STYLE, RENDER_CSS)
