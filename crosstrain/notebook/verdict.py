"""How check, hint and solution look in a notebook: a labelled card, not grey monospace.

"q1: Correct" and "q1: Not yet" used to be the same printed text, wrapped mid-word. Each
object here is shown with ``IPython.display.display``: JupyterLab renders its HTML (a
label in a word and an icon as well as a colour, for colour-blind learners; the message
as prose; solution code highlighted by pygments), while logs, the grader and
``crosstrain progress`` read its plain text ("q1: Correct: ..."), unchanged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

#: label -> (icon, text colour, background): green, amber and grey also differ in icon and word.
STYLES = {
    "Correct": ("✔", "#1a6b2f", "#e8f5ec"),
    "Not yet": ("✘", "#8a4b00", "#fff4e0"),
    "Not answered yet": ("✎", "#3d4a5c", "#eef1f5"),
    "Hint": ("💡", "#2a4f8a", "#eaf1fb"),
    "Solution": ("📖", "#4a3a7a", "#f1eefa"),
    "Waiting for your answer": ("✎", "#3d4a5c", "#eef1f5"),
}
_CODE = re.compile(r"`([^`]+)`")
_BOX = ("font-family: var(--jp-content-font-family, system-ui, sans-serif); font-size: 14px; line-height: 1.5; "
        "white-space: normal; word-break: normal; overflow-wrap: break-word; max-width: 56em; "
        "padding: 8px 12px; border-radius: 4px; border-left: 6px solid {fg}; background: {bg}; color: #1f2328;")


def prose(text: str) -> str:
    """A message as HTML: escaped, with `code` in backticks shown as code."""
    return _CODE.sub(r"<code>\1</code>", html.escape(text, quote=False))


def highlight(code: str) -> str:
    """Python code as highlighted HTML (inline styles: no stylesheet needed)."""
    from pygments import highlight as render
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return render(code, PythonLexer(), HtmlFormatter(noclasses=True, nowrap=False, style="friendly"))


@dataclass(frozen=True)
class Card:
    """One piece of feedback: ``name`` (q1), a label from ``STYLES``, a message and optional code."""

    name: str
    label: str
    message: str
    code: str = ""

    def __repr__(self) -> str:
        text = f"{self.name}: {self.label}: {self.message}" if self.message else f"{self.name}: {self.label}"
        return f"{text}\n{self.code}" if self.code else text

    __str__ = __repr__

    def _repr_html_(self) -> str:
        icon, fg, bg = STYLES[self.label]
        state = self.label.lower().replace(" ", "-")
        body = f'<span style="margin-left: 0.5em">{prose(self.message)}</span>' if self.message else ""
        code = f'<div style="margin-top: 6px">{highlight(self.code)}</div>' if self.code else ""
        return (f'<div class="crosstrain-feedback crosstrain-{state}" role="status" style="{_BOX.format(fg=fg, bg=bg)}">'
                f'<strong style="color: {fg}"><span aria-hidden="true">{icon}</span> {html.escape(self.label)}</strong>'
                f' <span style="color: #57606a">({html.escape(self.name)})</span>{body}{code}</div>')


def show(card: Card) -> None:
    """Display a card: rich in a notebook, its plain text anywhere else."""
    from IPython.display import display

    display(card)
