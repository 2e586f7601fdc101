"""Each mutation operator makes exactly the slips it names, and nothing else."""

from __future__ import annotations

import ast

import pytest

from crosstrain.grading.mutation.operators import OPERATORS, mutate


def _changes(source: str, operator: str) -> dict[str, str]:
    """change -> mutated code, for one operator."""
    return {m.change: m.source for m in mutate(source, {operator: OPERATORS[operator]})}


def _all(source: str, operator: str) -> set[str]:
    return {m.source for m in mutate(source, {operator: OPERATORS[operator]})}


def test_comparison_moves_the_boundary_and_flips_equality():
    found = _changes("a = x[x.d <= '2026-09-30']\nb = y > 0\nc = s == 'won'", "comparison")
    assert found == {"<= -> <": "a = x[x.d < '2026-09-30']\nb = y > 0\nc = s == 'won'",
                     "> -> >=": "a = x[x.d <= '2026-09-30']\nb = y >= 0\nc = s == 'won'",
                     "== -> !=": "a = x[x.d <= '2026-09-30']\nb = y > 0\nc = s != 'won'"}


def test_aggregate_swaps_methods_builtins_and_named_aggregations():
    assert _all("m = s.mean()", "aggregate") == {"m = s.median()", "m = s.sum()"}
    assert _all("k = min(xs, key=f)", "aggregate") == {"k = max(xs, key=f)"}
    assert _all("t = g.transform('max')", "aggregate") == {"t = g.transform('min')"}
    assert _all("c = s.idxmax()", "aggregate") == {"c = s.idxmin()"}
    assert _all("n = s.nunique()", "aggregate") == set()


def test_filter_drops_and_inverts_masks_but_not_column_selections():
    assert _all("w = d[d.is_won]", "filter") == {"w = d", "w = d[~d.is_won]"}
    assert _all("c = d['amount']", "filter") == set()
    assert _all("s = d.loc[d.ch == 'x', 'cost']", "filter") == {"s = d.loc[:, 'cost']", "s = d.loc[~(d.ch == 'x'), 'cost']"}
    assert _all("s = d.loc[d.won]", "filter") == {"s = d", "s = d.loc[~d.won]"}
    assert _all("o = d[~d.closed]", "filter") >= {"o = d", "o = d[d.closed]"}
    assert _all("r = a.where(ok, 0)", "filter") == {"r = a", "r = a.where(~ok, 0)"}
    assert _all("m = a & b", "filter") == {"m = a", "m = b"}
    assert _all("m = s.notna()", "filter") == {"m = s.isna()"}


def test_off_by_one_shifts_integers_and_iso_dates_only():
    assert _all("x = s[s > 3]", "off_by_one") == {"x = s[s > 4]", "x = s[s > 2]"}
    assert _all("c = d[d.t < '2025-07-01']", "off_by_one") == {"c = d[d.t < '2025-07-02']", "c = d[d.t < '2025-06-30']"}
    assert _all("c = d[d.t < '2024-03-01']", "off_by_one") == {"c = d[d.t < '2024-03-02']", "c = d[d.t < '2024-02-29']"}
    assert _all("r = x * 0.5\nf = True\nl = 'label'", "off_by_one") == set()


def test_denominator_takes_another_count_of_the_cell():
    source = "won = len(w)\nclosed = len(c)\nleads = d.lead_id.nunique()\nname = d.name\nrate = won / closed"
    found = _all(source, "denominator")
    assert source.replace("won / closed", "won / leads") in found
    assert source.replace("won / closed", "won / len(w)") in found
    assert source.replace("won / closed", "won / d.lead_id.nunique()") in found
    assert not any("won / won" in code or "won / name" in code for code in found)  # not its numerator, not a label


def test_missing_removes_swaps_and_inserts_missing_value_handling():
    assert _all("x = s.dropna()", "missing") == {"x = s", "x = s.fillna(0)"}
    assert _all("x = s.fillna(0)", "missing") == {"x = s", "x = s.dropna()"}
    assert _all("m = s.median()", "missing") == {"m = s.fillna(0).median()"}
    assert _all("n = len(s)", "missing") == {"n = len(s.dropna())"}
    assert _all("r = s.reindex(i, fill_value=0)", "missing") == {"r = s.reindex(i)"}


def test_join_swaps_inner_and_left_and_makes_the_default_explicit():
    assert _all("j = a.merge(b, on='k')", "join") == {"j = a.merge(b, on='k', how='left')"}
    assert _all("j = a.merge(b, on='k', how='left')", "join") == {"j = a.merge(b, on='k', how='inner')"}
    assert _all("j = a.join(b)", "join") == {"j = a.join(b, how='inner')"}
    assert _all("j = a.merge(b, how='outer')", "join") == set()


def test_mutants_are_single_changes_with_their_line_and_statement():
    source = "a = 1\nb = s[s.x > 2].mean()\n"
    mutants = mutate(source)
    assert len({m.source for m in mutants}) == len(mutants)  # no duplicates
    for mutant in mutants:
        assert mutant.source != ast.unparse(ast.parse(source))
        ast.parse(mutant.source)
    [boundary] = [m for m in mutants if m.operator == "comparison"]
    assert (boundary.line, boundary.statement, boundary.change) == (2, "b = s[s.x >= 2].mean()", "> -> >=")


@pytest.mark.parametrize("name", sorted(OPERATORS))
def test_every_operator_leaves_code_without_its_pattern_alone(name):
    assert _all("label = 'x'\nf(label)", name) == set()


def test_dedupe_counts_rows_instead_of_things():
    assert _all("n = d.drop_duplicates('opportunity_id').amount.sum()", "dedupe") == {"n = d.amount.sum()"}
    assert _all("n = w.account_id.nunique()", "dedupe") == {"n = w.account_id.count()"}
