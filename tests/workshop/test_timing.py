"""Fitting syllabus minutes into a session: exact sums, honest trimming."""

from __future__ import annotations

import pytest

from crosstrain.errors import CrosstrainError
from crosstrain.workshop.timing import BREAK, ROLEPLAY, WELCOME, WRAP_UP, Want, fit, split


def total(f) -> int:
    return f.welcome + f.wrap_up + f.breaks + f.roleplay + f.buffer + sum(f.blocks.values())


@pytest.mark.parametrize("minutes", [45, 60, 90, 100, 120, 180, 240])
def test_blocks_always_fill_the_session_exactly(minutes):
    f = fit([Want("00", 30), Want("03", 60)], minutes)
    assert total(f) == minutes


def test_short_session_scales_blocks_and_says_so():
    f = fit([Want("00", 30), Want("03", 60)], 90)
    assert f.breaks == 0 and f.trimmed == []
    assert f.blocks == {"00": 27, "03": 53}
    assert f.notes == ["module blocks scaled to 89% of their syllabus time to fit 90 minutes"]


def test_too_short_trims_from_the_end_and_names_it():
    wants = [Want("00", 30), Want("03", 60), Want("04", 60)]
    f = fit(wants, 60)  # 50 minutes for modules: 00 and 03 fit at 56%, 04 does not even at half
    assert f.blocks == {"00": 17, "03": 33} and f.trimmed == ["04"]
    assert total(f) == 60
    f = fit(wants, 45)
    assert list(f.blocks) == ["00"] and f.trimmed == ["03", "04"]
    assert any(note.startswith("trimmed 03:") for note in f.notes)
    assert total(f) == 45


def test_objection_handling_brings_the_roleplay():
    f = fit([Want("03", 60), Want("05", 60, roleplay=True)], 120)
    assert f.roleplay == ROLEPLAY and not f.roleplay_optional
    assert f.breaks == BREAK and total(f) == 120
    assert sum(f.blocks.values()) == 120 - WELCOME - WRAP_UP - BREAK - ROLEPLAY


def test_spare_time_offers_an_optional_roleplay_then_longer_blocks():
    f = fit([Want("00", 30)], 120)
    assert f.roleplay == ROLEPLAY and f.roleplay_optional
    assert f.blocks["00"] == 45  # 1.5x at most
    assert f.buffer == 120 - WELCOME - WRAP_UP - BREAK - ROLEPLAY - 45


def test_no_time_at_all_is_one_line():
    with pytest.raises(CrosstrainError, match="15 minutes are too few: 03 alone needs at least 40"):
        fit([Want("03", 60)], 15)
    with pytest.raises(CrosstrainError, match="positive"):
        fit([Want("03", 60)], 0)


def test_split_keeps_the_block_length():
    assert sum(split(33, (0.2, 0.5, 0.3))) == 33
    assert split(3, (0.2, 0.5, 0.3)) == [1, 1, 1]
