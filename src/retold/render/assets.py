"""The one stylesheet of the HTML renderer.

Every rule is scoped under ``.retold`` so the same CSS works in a standalone
page, inside a Jupyter cell and inside the web app's pages without leaking.
Colours: a calm neutral base; red / green / amber only for the three kinds
of change, each paired with a non-colour cue (strike, underline, outline) so
the page still reads in greyscale and for colour-blind readers.
"""

from __future__ import annotations

CSS = """
.retold {
  --rt-fg: #1f2328; --rt-muted: #667085; --rt-line: #e4e7ec; --rt-soft: #f6f7f9; --rt-bg: #ffffff;
  --rt-omit-bg: #fdecec; --rt-omit-fg: #9b1c1c; --rt-omit-line: #e8b4b4;
  --rt-add-bg: #e6f4ea; --rt-add-fg: #14622c; --rt-add-line: #a7d7b5;
  --rt-alt-bg: #fff4cc; --rt-alt-fg: #6f5300; --rt-alt-line: #ecd27a;
  --rt-accent: #3b5b92;
  color: var(--rt-fg); background: var(--rt-bg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  max-width: 1320px; margin: 0 auto; padding: 24px 28px 40px; box-sizing: border-box;
}
.retold *, .retold *::before, .retold *::after { box-sizing: inherit; }
.retold h2, .retold h3 { margin: 0; font-weight: 600; letter-spacing: -0.01em; }
.retold h3 { font-size: 15px; margin: 32px 0 10px; }
.retold h3 .rt-count { color: var(--rt-muted); font-weight: 400; margin-left: 4px; }
.retold a { color: var(--rt-accent); text-decoration: none; }
.retold a:hover { text-decoration: underline; }
.retold .rt-muted, .retold .rt-note { color: var(--rt-muted); }
.retold .rt-note { font-size: 12.5px; }

/* header: relation first, then the two articles */
.retold .rt-relation { border: 1px solid var(--rt-line); border-radius: 10px; padding: 16px 20px; background: var(--rt-soft); }
.retold .rt-verdict { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; font-size: 15px; }
.retold .rt-kind { text-transform: uppercase; letter-spacing: 0.06em; font-weight: 700; font-size: 13px;
  background: var(--rt-accent); color: #fff; border-radius: 5px; padding: 2px 9px; }
.retold .rt-kind-unrelated, .retold .rt-kind-same-event { background: var(--rt-muted); }
.retold .rt-direction { font-weight: 600; }
.retold .rt-confidence { color: var(--rt-muted); display: inline-flex; align-items: center; gap: 8px; }
.retold .rt-bar { display: inline-block; width: 90px; height: 6px; border-radius: 3px; background: var(--rt-line); overflow: hidden; }
.retold .rt-bar > span { display: block; height: 100%; background: var(--rt-accent); }
.retold .rt-tag { font-size: 12px; border: 1px solid var(--rt-line); background: var(--rt-bg); border-radius: 999px; padding: 1px 9px; color: var(--rt-muted); }
.retold .rt-evidence { margin: 10px 0 0; padding-left: 20px; }
.retold .rt-evidence li { margin: 2px 0; }
.retold .rt-articles { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 16px; }
.retold .rt-article { border-top: 3px solid var(--rt-line); padding-top: 10px; }
.retold .rt-article h2 { font-family: Georgia, "Iowan Old Style", "Times New Roman", serif; font-size: 19px; line-height: 1.3; margin: 2px 0 4px; }
.retold .rt-side { display: inline-block; font-weight: 700; color: var(--rt-muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; }
.retold .rt-meta { color: var(--rt-muted); font-size: 13px; }
.retold .rt-url { font-size: 12.5px; word-break: break-all; }

/* legend */
.retold .rt-legend { margin: 22px 0 8px; color: var(--rt-muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 6px 18px; }

/* the three kinds of change; each has a non-colour cue too */
.retold del.omitted, .retold ins.added, .retold mark.altered { border-radius: 3px; padding: 0 2px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.retold del.omitted { background: var(--rt-omit-bg); color: var(--rt-omit-fg); text-decoration: line-through; text-decoration-color: var(--rt-omit-line); }
.retold ins.added { background: var(--rt-add-bg); color: var(--rt-add-fg); text-decoration: underline; text-decoration-color: var(--rt-add-line); text-underline-offset: 3px; }
.retold mark.altered { background: var(--rt-alt-bg); color: var(--rt-alt-fg); box-shadow: inset 0 -2px 0 var(--rt-alt-line); }
.retold del.rt-whole { text-decoration-thickness: 1px; }

/* side by side */
.retold table { border-collapse: collapse; width: 100%; }
.retold .rt-pairs { table-layout: fixed; }
.retold .rt-pairs th { text-align: left; font-weight: 600; font-size: 13px; color: var(--rt-muted); padding: 8px 10px; border-bottom: 1px solid var(--rt-line); }
.retold .rt-pairs td { vertical-align: top; padding: 10px; border-bottom: 1px solid var(--rt-line); }
.retold .rt-pairs .rt-n { width: 52px; color: var(--rt-muted); font-size: 12px; font-variant-numeric: tabular-nums; white-space: nowrap; padding-top: 13px; }
.retold .rt-pairs td.rt-n-a { text-align: right; }
.retold .rt-pairs .rt-match { width: 92px; text-align: center; font-size: 12px; color: var(--rt-muted); padding-top: 13px; font-variant-numeric: tabular-nums; }
.retold .rt-pairs .rt-match small { display: block; font-size: 11px; }
.retold .rt-text { font-family: Georgia, "Iowan Old Style", "Times New Roman", serif; font-size: 15.5px; line-height: 1.6; overflow-wrap: anywhere; }
.retold .rt-text .rt-s + .rt-s::before { content: " "; }
.retold tr.rt-omitted td { background: #fffafa; }
.retold tr.rt-added td { background: #f8fcf9; }
.retold td.rt-empty { color: var(--rt-muted); font-style: italic; font-size: 13px; font-family: inherit; }
.retold tr:target td, .retold li:target { background: #eef3fb; }
.retold tr:hover td { background-color: #fafbfc; }

/* changes, quotes, speakers */
.retold .rt-changes { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 28px; }
.retold .rt-changes ol { list-style: none; margin: 0; padding: 0; }
.retold .rt-change { padding: 8px 0; border-bottom: 1px solid var(--rt-line); }
.retold .rt-change .rt-head { display: flex; gap: 8px; align-items: baseline; font-size: 12.5px; margin-bottom: 2px; }
.retold .rt-cat { font-weight: 600; border-radius: 4px; padding: 0 6px; font-size: 12px; }
.retold .rt-change-omitted .rt-cat { background: var(--rt-omit-bg); color: var(--rt-omit-fg); }
.retold .rt-change-added .rt-cat { background: var(--rt-add-bg); color: var(--rt-add-fg); }
.retold .rt-change-altered .rt-cat { background: var(--rt-alt-bg); color: var(--rt-alt-fg); }
.retold .rt-scope { color: var(--rt-muted); }
.retold .rt-change q { font-family: Georgia, "Iowan Old Style", serif; }
.retold .rt-arrow { color: var(--rt-muted); margin: 0 4px; }
.retold .rt-quotes td, .retold .rt-speakers td, .retold .rt-quotes th, .retold .rt-speakers th { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--rt-line); }
.retold .rt-quotes th, .retold .rt-speakers th { font-size: 13px; color: var(--rt-muted); font-weight: 600; }
.retold .rt-quotes .rt-who { font-weight: 600; white-space: nowrap; }
.retold .rt-quotes q { font-family: Georgia, "Iowan Old Style", serif; }
.retold .rt-stats { margin-top: 28px; color: var(--rt-muted); font-size: 12px; }
.retold .rt-stats span + span::before { content: " · "; }

@media (max-width: 760px) {
  .retold { padding: 16px 12px; }
  .retold .rt-articles { grid-template-columns: 1fr; }
  .retold .rt-pairs .rt-n, .retold .rt-pairs .rt-match { width: 40px; }
}
@media print {
  .retold { max-width: none; padding: 0; }
  .retold tr { break-inside: avoid; }
}
"""

PAGE_CSS = "html { background: #ffffff; } body { margin: 0; }"
