"""Renderers: a Comparison in, a string out (JSON, terminal text, HTML).

Each renderer is a pure function, as in spaCy's displacy: the CLI prints what
they return and the web app serves it, neither re-draws anything::

    from retold.render import render
    page = render(comparison, "html")

The shared decisions (which sentences sit side by side, where a change's
span lies inside a sentence) live in :mod:`.layout` and :mod:`.spans`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..models import Comparison

Format = Literal["json", "terminal", "text", "html"]
FORMATS: tuple[str, ...] = ("html", "json", "terminal", "text")

__all__ = ["FORMATS", "Format", "render"]


def render(c: Comparison, fmt: Format = "terminal") -> str:
    """Render ``c`` as ``"json"``, ``"terminal"`` (ANSI colours), ``"text"``
    (no colours, changed spans bracketed) or ``"html"`` (a standalone page).

    >>> render(comparison, "json")[:30]  # doctest: +SKIP
    '{"schema": "retold.comparison/1'
    """
    # Imported on use: `import retold` must not pay for rich.
    if fmt == "json":
        from .json import comparison_to_json

        return comparison_to_json(c, indent=2)
    if fmt in ("terminal", "text"):
        from .terminal import render_comparison as render_terminal

        return render_terminal(c, color=fmt == "terminal")
    if fmt == "html":
        from .html import render_comparison as render_html

        return render_html(c)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
