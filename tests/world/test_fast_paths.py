"""The generator's fast paths give what their plain versions gave: the manifest test checks
the default world's bytes, these check the paths on inputs that world does not reach
(empty arrays, ties, a span too wide for the packed sort key, batches with repeats)."""

from __future__ import annotations

import numpy as np
import pytest

from crosstrain.world.calendar import COUNTRY_OFFSETS, HOUR, country_offsets
from crosstrain.world.pools import pools
from crosstrain.world.touches import lead_time_order


@pytest.mark.parametrize("span", [10**6, 2**33])
def test_lead_time_order_is_lexsort(span):
    rng = np.random.default_rng(1)
    lead = rng.integers(0, 500, 20_000)
    time = rng.integers(0, span, 20_000) + 1_700_000_000
    time[::7] = time[0]  # ties keep their input order
    assert (lead_time_order(lead, time) == np.lexsort((time, lead))).all()
    assert len(lead_time_order(lead[:0], time[:0])) == 0


def test_country_offsets_by_name():
    names = np.array(["India", "Nowhere", "Japan", "India", "United States"], dtype=object)
    expected = [5.5 * HOUR, 0, 9 * HOUR, 5.5 * HOUR, -5 * HOUR]
    assert country_offsets(names).tolist() == expected
    assert country_offsets(names).dtype == np.int64
    assert len(country_offsets(np.array([], dtype=object))) == 0
    assert set(COUNTRY_OFFSETS) >= {"India", "Japan", "United States"}


def _company_names_one_by_one(p, n, rng):
    """The per-name loop the Arrow version replaced (kept here as its specification)."""
    names = {}
    while len(names) < n:
        k = int((n - len(names)) * 1.3) + 16
        pick = rng.integers(0, len(p.last_names), (k, 3))
        last, last_slug = p.last_names[pick].tolist(), p.last_name_slugs[pick].tolist()
        fmt = rng.choice(4, size=k, p=[0.3, 0.3, 0.1, 0.3]).tolist()
        pick = rng.integers(0, len(p.company_suffixes), k)
        suffix, suffix_slug = p.company_suffixes[pick].tolist(), p.company_suffix_slugs[pick].tolist()
        pick = rng.integers(0, len(p.company_words), k)
        word, word_slug = p.company_words[pick].tolist(), p.company_word_slugs[pick].tolist()
        for i in range(k):
            if fmt[i] == 0:
                name, slug = f"{last[i][0]} {suffix[i]}", last_slug[i][0] + suffix_slug[i]
            elif fmt[i] == 1:
                name, slug = f"{last[i][0]}-{last[i][1]}", last_slug[i][0] + last_slug[i][1]
            elif fmt[i] == 2:
                name = f"{last[i][0]}, {last[i][1]} and {last[i][2]}"
                slug = last_slug[i][0] + last_slug[i][1] + p.and_slug + last_slug[i][2]
            else:
                name, slug = f"{last[i][0]} {word[i]}", last_slug[i][0] + word_slug[i]
            names.setdefault(name, slug)
            if len(names) == n:
                break
    return list(names), list(names.values())


@pytest.mark.parametrize("n", [0, 1, 7, 30_000])
def test_company_names_match_the_loop(n):
    p = pools()
    fast, slow = np.random.default_rng(n), np.random.default_rng(n)
    names, slugs = p.company_names(n, fast)
    assert (names.tolist(), slugs.tolist()) == _company_names_one_by_one(p, n, slow)
    assert len(set(names.tolist())) == n
    assert fast.random() == slow.random(), "the same draws were made"

