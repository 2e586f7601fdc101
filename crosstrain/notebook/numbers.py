"""Numbers as people read them in a notebook's own outputs, not as numpy's repr.

numpy 2 echoes ``np.float64(0.2532675709001233)`` for a rate a new hire just computed,
and a dict of such rates reads like code. ``readable_numbers()`` (called by ``start``)
makes the kernel show numpy's floats (what pandas hands back) as ``0.2533`` or ``1,234,567.89``, and
pandas tables with four significant digits and thousands separators. It changes only
how values are shown, never a value: answers are graded on what they hold.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def readable(value: float) -> str:
    """A float as a person reads it: 4 significant digits below 100, cents and commas above."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}.0" if abs(value) >= 1000 else f"{value:.1f}"
    if abs(value) >= 100:
        return f"{value:,.2f}"
    return f"{value:.4g}" if abs(value) >= 1e-4 else f"{value:.3g}"


def _pretty(value, printer, cycle) -> None:
    printer.text(readable(value))


def readable_numbers() -> bool:
    """Show numbers readably in this IPython kernel; outside one (a script, a test) change nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    np.set_printoptions(legacy="1.25")  # 0.25, not np.float64(0.25), wherever numpy's repr is used
    pd.set_option("display.float_format", readable)
    plain = shell.display_formatter.formatters["text/plain"]
    # numpy's floats only: a Python float keeps its repr, since nbgrader reads a test cell's
    # partial credit from the text of its last value (0.666667 must not show as 0.6667)
    for kind in (np.float64, np.float32, np.float16):
        plain.for_type(kind, _pretty)
    return True
