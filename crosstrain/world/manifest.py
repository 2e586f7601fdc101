"""The committed fingerprint of the default world: row counts and CSV hashes.

Run ``python -m crosstrain.world.manifest`` after an intended change to the
generator or a pinned library, and commit ``datasets/manifest-default.json``;
tests regenerate the world and fail on any unintended drift.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from crosstrain.paths import DATASETS_DIR
from crosstrain.world.generate import generate
from crosstrain.world.recipe import load_recipe

MANIFEST = DATASETS_DIR / "manifest-default.json"


def write_manifest() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        world = generate(load_recipe("default"), Path(tmp) / "default", progress=False)
        info = json.loads((world / "world.json").read_text())
    manifest = {key: info[key] for key in ("name", "seed", "reference_date", "versions", "row_counts", "csv_sha256")}
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return MANIFEST


if __name__ == "__main__":
    print(f"wrote {write_manifest()}")
