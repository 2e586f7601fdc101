"""A batch's one shared world is read once by the kernels' fork server, and only that world.

Reading the world's tables was about a tenth of each kernel's CPU in validate; forked
kernels now start with it in memory. A kernel must still hold no world but its own.
"""

from __future__ import annotations

import pytest
from handins import seen_in_kernel

pytestmark = [pytest.mark.kernel]

PROBE = """import json
from crosstrain.world import load as _load
print('SEEN=' + json.dumps({'preloaded': sorted(str(p) for p in _load._PRELOADED),
                            'world': str(world.path.resolve()),
                            'in_memory': sorted(world._frames)}))
n_leads = mql_share = top_channel = median_won = owners = 0"""


def test_forked_kernels_start_with_their_one_world_in_memory(tmp_path):
    seen = seen_in_kernel(tmp_path, PROBE)
    assert seen["preloaded"] == [seen["world"]]
    assert {"leads", "opportunities"} <= set(seen["in_memory"])


def test_an_edit_in_one_world_object_never_reaches_the_preloaded_tables(tmp_path, monkeypatch):
    from crosstrain.world import load

    world = load.load_world("tiny", progress=False)
    monkeypatch.setattr(load, "_PRELOADED", {})
    load.preload(world.path)
    first = load.World(world.path)
    first.leads.loc[first.leads.index[0], "source_channel"] = "edited"
    first.opportunities["extra"] = 1
    second = load.World(world.path)
    assert second.leads.source_channel.iloc[0] != "edited"
    assert "extra" not in second.opportunities
