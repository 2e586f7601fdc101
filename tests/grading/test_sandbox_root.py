"""A kernel's root holds the system folders and what it needs, nothing else of the machine.

A canary course with a solutions notebook is planted outside the checkout and outside
/tmp (in /srv and /opt, where an older sandbox left everything visible), a course is
graded, and the hand-in walks ``/``: it must find no canary, no /home, no other folder
beside the checkout, only the way to the interpreter under /root, and no secrets of /etc.
"""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

import pytest
from handins import MODULE, seen_in_kernel

from crosstrain.paths import PROJECT_ROOT, RECIPES_DIR

pytestmark = [pytest.mark.kernel]  # needs root, as in CI: kernels get a namespace

#: Host folders outside /tmp where the canary course is planted.
PLANT_IN = (Path("/srv"), Path("/opt"))
#: What the root may hold besides the first folder of each revealed path.
SYSTEM_TOP = {"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "dev", "proc", "tmp", "var"}

WALK = """import json, os
canary, files = [], 0
for top, dirs, names in os.walk('/'):
    if top in ('/proc', '/sys', '/dev'):
        dirs[:] = []
        continue
    files += len(names)
    canary += [os.path.join(top, n) for n in dirs + names if '{tag}' in n]
ls = lambda p: sorted(os.listdir(p)) if os.path.isdir(p) else None
seen = {{'canary': canary, 'files': files, 'cwd': os.getcwd(),
        'listing': {{p: ls(p) for p in ('/', '/etc', '/var', '/root', '/home', {parent!r})}}}}
print('SEEN=' + json.dumps(seen))
n_leads = mql_share = top_channel = median_won = owners = 0"""


@pytest.fixture
def planted():
    """A course with a solutions notebook in each of ``PLANT_IN``, removed afterwards."""
    tag = f"canary-{uuid.uuid4().hex[:10]}"
    folders = [where / tag for where in PLANT_IN]
    for folder in folders:
        source = folder / "course" / "source" / MODULE
        source.mkdir(parents=True)
        (source / f"{tag}.ipynb").write_text('{"cells": [], "note": "BEGIN SOLUTION"}', encoding="utf-8")
    yield tag
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_kernel_root_holds_only_the_system_and_what_it_needs(tmp_path, planted):
    seen = seen_in_kernel(tmp_path, WALK.format(tag=planted, parent=str(PROJECT_ROOT.parent)))
    listing = seen["listing"]
    needed = [Path(p).resolve() for p in (sys.base_prefix, sys.prefix, PROJECT_ROOT / "crosstrain", RECIPES_DIR)]

    assert seen["files"] > 1000, "the walk saw not even the interpreter's files"
    assert seen["canary"] == []
    assert all(Path(where, planted).is_dir() for where in PLANT_IN), "the canaries were there all along"
    assert set(listing["/"]) <= SYSTEM_TOP | {p.parts[1] for p in needed} | {Path(seen["cwd"]).parts[1]}
    assert ({"srv", "opt", "home", "mnt", "media", "boot", "run", "root"} - {p.parts[1] for p in needed}).isdisjoint(
        listing["/"])
    assert listing["/home"] is None or all(p.is_relative_to("/home") for p in needed)
    assert listing["/root"] in (None, sorted({p.relative_to("/root").parts[0] for p in needed
                                              if p.is_relative_to("/root")}))
    siblings = {p.relative_to(PROJECT_ROOT.parent).parts[0] for p in needed if p.is_relative_to(PROJECT_ROOT.parent)}
    assert set(listing[str(PROJECT_ROOT.parent)]) <= siblings | {PROJECT_ROOT.name}
    assert listing["/var"] == ["tmp"]
    assert "passwd" in listing["/etc"]
    assert {"shadow", "gshadow", "ssh", "pip.conf", "npmrc", "gitconfig", "environment"}.isdisjoint(listing["/etc"])

