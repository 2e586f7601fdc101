"""Roster problems are one line naming the file and line; nothing is guessed."""

from __future__ import annotations

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.workshop.roster import read_roster


def roster(tmp_path, text: str):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_roster(tmp_path):
    assert read_roster(roster(tmp_path, "learner_id,team\nalice,red\nbob_2,blue\n\ncarol.x,red\n")) == {
        "alice": "red", "bob_2": "blue", "carol.x": "red"}


@pytest.mark.parametrize("text, message", [
    ("learner_id,team\nalice,red\nbob,blue\nalice,blue\n", "line 4: learner 'alice' is listed twice (first on line 2)"),
    ("learner_id,team\nalice,red\nbob smith,blue\n", "line 3: 'bob smith' is not a valid learner id"),
    ("learner_id,team\n../x,red\n", "line 2: '../x' is not a valid learner id"),
    ("learner_id,team\nalice,\n", "line 2: learner 'alice' has no team"),
    ("learner_id,team\nalice,red,extra\n", "line 2: expected 2 columns"),
    ("name,group\nalice,red\n", "line 1: the header must be exactly 'learner_id,team'"),
    ("learner_id,team\n", "lists no learners"),
])
def test_bad_rosters(tmp_path, text, message):
    path = roster(tmp_path, text)
    with pytest.raises(CrosstrainError) as err:
        read_roster(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_roster(tmp_path):
    with pytest.raises(CrosstrainError, match="no roster at"):
        read_roster(tmp_path / "nope.csv")
