"""load_world(preset) generates once, reuses a current world, and rebuilds a stale one."""

from __future__ import annotations

import json
import subprocess
import sys

from crosstrain import load_world


def test_generates_once_then_reuses(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSTRAIN_DATA_DIR", str(tmp_path))
    first = load_world("tiny", progress=False)
    assert first.path == tmp_path / "tiny"
    stamp = (first.path / "world.json").stat().st_mtime_ns
    again = load_world("tiny", progress=False)
    assert (again.path / "world.json").stat().st_mtime_ns == stamp
    other = load_world("tiny", seed=99, progress=False)
    assert other.path == tmp_path / "tiny-seed99" and other.seed == 99


def test_a_stale_world_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSTRAIN_DATA_DIR", str(tmp_path))
    world = load_world("tiny", progress=False)
    info_file = world.path / "world.json"
    info = json.loads(info_file.read_text())
    info["recipe_sha256"] = "from an older recipe"
    info_file.write_text(json.dumps(info))
    rebuilt = load_world("tiny", progress=False)
    assert rebuilt.info["recipe_sha256"] != "from an older recipe"


def test_parallel_first_use_is_safe(tmp_path):
    code = "from crosstrain import load_world; w = load_world('tiny', progress=False); print(len(w.leads), len(w.touchpoints))"
    env = {"CROSSTRAIN_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert len({out for out, _ in outputs}) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["tiny"]


def test_a_world_from_older_generator_code_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSTRAIN_DATA_DIR", str(tmp_path))
    world = load_world("tiny", progress=False)
    info = json.loads((world.path / "world.json").read_text())
    info["generator_sha256"] = "older code"
    (world.path / "world.json").write_text(json.dumps(info))
    assert load_world("tiny", progress=False).info["generator_sha256"] != "older code"
