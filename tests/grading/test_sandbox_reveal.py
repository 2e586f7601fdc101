"""A kernel sees the interpreter, the crosstrain package and its own world, nothing more.

A course is built inside the project checkout (a canary solutions notebook under
``course/source`` and ``course/release``, a canary world beside the real ones), another
course folder is graded, and the hand-in walks the whole file system the way a learner
hunting for solutions would. It must find none of the checkout's notebooks, no other
world, and no folder of the checkout but the ones a kernel needs.
"""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

import pytest
from handins import seen_in_kernel

from crosstrain.paths import COURSE_DIR, PROJECT_ROOT, generated_dir

pytestmark = [pytest.mark.kernel]  # needs root, as in CI: kernels get a namespace

WALK = """import json, os
found, canary, world_names = [], [], []
for top, dirs, files in os.walk('/'):
    if top in ('/proc', '/sys', '/dev'):
        dirs[:] = []
        continue
    found += [os.path.join(top, f) for f in files if f.endswith('.ipynb')]
    canary += [os.path.join(top, n) for n in dirs + files if '{tag}' in n]
checkout = {checkout!r}
listing = {{p: sorted(os.listdir(p)) for p in (checkout, checkout + '/datasets', {generated!r}) if os.path.isdir(p)}}
print('SEEN=' + json.dumps({{'notebooks': found, 'canary': canary, 'listing': listing}}))
n_leads = mql_share = top_channel = median_won = owners = 0"""


@pytest.fixture
def canaries():
    """Solutions and a world planted in the checkout, removed afterwards whatever happens."""
    tag = f"canary-{uuid.uuid4().hex[:10]}"
    planted = [COURSE_DIR / "source" / tag, COURSE_DIR / "release" / tag, generated_dir() / tag]
    for folder in planted:
        folder.mkdir(parents=True)
        (folder / f"{tag}.ipynb").write_text('{"cells": [], "note": "BEGIN SOLUTION"}', encoding="utf-8")
    (planted[2] / "world.json").write_text("{}", encoding="utf-8")
    yield tag
    for folder in planted:
        shutil.rmtree(folder, ignore_errors=True)
    for parent in (COURSE_DIR / "source", COURSE_DIR / "release"):
        if parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()


def test_the_kernel_sees_no_course_and_no_other_world(tmp_path, canaries):
    code = WALK.format(tag=canaries, checkout=str(PROJECT_ROOT), generated=str(generated_dir()))
    seen = seen_in_kernel(tmp_path, code)

    assert seen["canary"] == []
    in_checkout = [p for p in seen["notebooks"] if Path(p).is_relative_to(PROJECT_ROOT)]
    assert in_checkout, "the walk found not even the notebooks nbgrader ships in site-packages"
    venv = Path(sys.prefix).resolve()
    assert [p for p in in_checkout if not Path(p).is_relative_to(venv)] == []
    listing = seen["listing"]
    assert set(listing[str(PROJECT_ROOT)]) <= {".venv", "crosstrain", "datasets"}
    assert "crosstrain" in listing[str(PROJECT_ROOT)]
    assert set(listing[str(PROJECT_ROOT) + "/datasets"]) <= {"recipes", "generated"}
    assert listing.get(str(generated_dir()), []) == ["tiny"]

