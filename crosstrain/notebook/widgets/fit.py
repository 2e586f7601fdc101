"""Widths that fit a widget's labels, so no option or description is cut mid-word.

ipywidgets gives a Dropdown 300px, 90px of it for the description: an option such as
"Primary campaign source (Salesforce default)" shows as "Primary campaign sou...". The
width here is worked out from the longest label at a generous 8px a character (Lab's
13px sans-serif averages about 7px).
"""

from __future__ import annotations

from collections.abc import Iterable

CHAR_PX = 8
DESCRIPTION_PX = 90  # ipywidgets' default description width
ARROW_PX = 40  # the dropdown arrow and padding


def fitted_width(labels: Iterable[str], description_px: int = DESCRIPTION_PX) -> str:
    """A CSS width wide enough for the longest label beside a description."""
    longest = max((len(str(label)) for label in labels), default=0)
    return f"{description_px + ARROW_PX + CHAR_PX * longest}px"


def fitted_dropdown(options, **kwargs):
    """An ipywidgets Dropdown of ``(label, value)`` options, as wide as its longest label."""
    import ipywidgets as widgets

    width = fitted_width(label for label, _ in options)
    return widgets.Dropdown(options=options, layout=widgets.Layout(width=width), **kwargs)
