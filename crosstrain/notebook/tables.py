"""Lesson tables shown the way a manager reads them: rates as percentages, money with commas.

``readable_numbers`` (numbers.py) makes every float readable, but a win rate of ``0.2533``
is still a fraction where the lesson talks of "25.3%". ``shown(table)`` returns a pandas
Styler that formats rate and share columns as percentages, money with thousands separators
and counts whole. It only changes how a table looks: lessons show it, and graded answers
(plain values) stay fractions.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from crosstrain.notebook.numbers import readable

PERCENT = re.compile(r"rate|share|_to_|precision|recall|connects")
MONEY = re.compile(r"amount|deal$|revenue|cost|budget|spend|pipeline|\$")


def dollars(value: float) -> str:
    """Money with thousands separators; cents only where a sum is small (a cost per lead)."""
    return f"${value:,.0f}" if abs(value) >= 1000 else f"${value:,.2f}"


def column_format(name, dtype, percent: Collection = (), money: Collection = ()):
    """How one column reads: a percentage, dollars, a whole count or ``readable``."""
    text = str(name).lower()
    if name in percent or (name not in money and PERCENT.search(text)):
        return "{:.1%}"
    if name in money or MONEY.search(text):
        return dollars
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return "{:,.0f}"
    return readable


def shown(data: pd.DataFrame | pd.Series, percent: Collection | str = (), money: Collection = ()):
    """A Styler of ``data`` with each numeric column formatted by its name (``column_format``).

    A Series shows as a one-column table under its name. ``percent`` and ``money`` name
    columns whose names do not say what they hold; ``percent="all"``: every column is a share.
    """
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    percent = set(frame.columns) if percent == "all" else set(percent)
    formats = {name: column_format(name, dtype, percent, set(money)) for name, dtype in frame.dtypes.items()
               if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)}
    return frame.style.format(formats, na_rep="–")
