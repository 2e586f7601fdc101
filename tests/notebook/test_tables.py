"""Lesson tables read like a report: rates as percentages, money with commas, counts whole.

``shown`` formats a table's rate columns by name; every module's lesson cell that displays
a rate or share goes through it (or prints it as a percentage), while graded answers stay
plain fractions.
"""

from __future__ import annotations

import ast
import re

import pandas as pd
import pytest

from crosstrain.course.sources import read_source, source_path
from crosstrain.notebook.tables import shown
from crosstrain.paths import MODULES_DIR

MODULES = sorted(p.name for p in MODULES_DIR.iterdir() if p.is_dir() and p.name[:2].isdigit())
RATE_LIKE = re.compile(r"rate|share|connects|\.mean\(\)")
FORMATTED = re.compile(r"^(shown|print|display)\(|\.style\.format\(|\.plot|^(ax|plt|fig)\.")


def test_rate_columns_read_as_percentages_money_with_commas_counts_whole():
    table = pd.DataFrame({"closed": [3, 1200], "win_rate": [0.25326, 0.5], "avg_deal": [12345.6, 999.5],
                          "lead_to_mql": [0.1, 0.2], "fit": [0.123456, 2.0]})
    text = shown(table).to_string()
    for expected in ("25.3%", "50.0%", "10.0%", "$12,346", "$999.50", "1,200", "0.1235"):
        assert expected in text, (expected, text)
    assert "0.25326" not in text and "1200 " not in text


def test_a_series_shows_under_its_name_and_named_columns_override_the_guess():
    assert "20.0%" in shown(pd.Series([0.1, 0.2], name="first call connects")).to_string()
    both = shown(pd.DataFrame({"first_touch": [0.5], "last_touch": [0.25]}), percent="all").to_string()
    assert "50.0%" in both and "25.0%" in both
    assert "$0.40" in shown(pd.DataFrame({"x": [0.4]}), money=["x"]).to_string()


def test_only_the_display_changes_never_the_values():
    table = pd.DataFrame({"win_rate": [0.2532675709001233]})
    assert shown(table).data["win_rate"].iloc[0] == 0.2532675709001233


def displayed_rates_left_raw(module: str) -> list[str]:
    """The last expressions of lesson cells that show a rate without formatting it."""
    raw = []
    for cell in read_source(source_path(MODULES_DIR, module)):
        if cell.cell_type != "code" or cell.kind is not None:
            continue  # answer and test cells show what learners hand in, as they hand it in
        try:
            body = ast.parse(cell.source).body
        except SyntaxError:
            continue  # magics; no table to format
        if body and isinstance(body[-1], ast.Expr):
            shown_text = ast.get_source_segment(cell.source, body[-1])
            if RATE_LIKE.search(shown_text) and not FORMATTED.search(shown_text):
                raw.append(f"line {cell.line}: {shown_text}")
    return raw


@pytest.mark.parametrize("module", MODULES)
def test_every_rate_a_lesson_shows_goes_through_a_formatter(module):
    assert displayed_rates_left_raw(module) == []


def test_the_scan_catches_a_raw_rate(monkeypatch, tmp_path):
    (tmp_path / "99-x").mkdir()
    (tmp_path / "99-x" / "99-x.py").write_text("# %%\nx = 1\ndeals.is_won.mean()\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.MODULES_DIR", tmp_path)
    assert displayed_rates_left_raw("99-x") == ["line 1: deals.is_won.mean()"]
