"""How fast and how lean the world generator is, against its goals.

Prints, in one run:

- seconds and peak RSS for generating the ``default`` and ``large`` worlds, each in a
  fresh Python process writing into a temporary folder;
- seconds for a 5,000-lead world made by the real generator and by ``naive_world.py``
  (the obvious per-row Faker loop over the same schema), their rows per lead (so the
  comparison is like with like) and the speed ratio naive / real;
- whether the goals are met (issue 11's): ``large`` in at most 7 s (whole process) with
  peak RSS at most 1 GiB, ``default`` in at most 1 s (whole process), and a ratio of at
  least 40. The exit status is 1 when a measured goal is missed, 2 when a generation
  fails. Figures are wall-clock: the load average is printed before and after, so a
  reader can tell a loaded machine's miss from a regression (CPU seconds are shown too).

The last line is exactly ``ratio: <number>``.

    make bench                                       # or: .venv/bin/python benchmarks/bench_world.py
    .venv/bin/python benchmarks/bench_world.py --skip-large --repeat 1   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

GOAL_LARGE_SECONDS = 7.0
GOAL_PEAK_RSS_MIB = 1024.0
GOAL_DEFAULT_SECONDS = 1.0
GOAL_RATIO = 40.0
SAMPLE_LEADS = 5000
SAMPLE_EVERY_SECONDS = 0.02


# -- the child: one generation, timed from inside -----------------------------
def child(kind: str, preset: str, leads: int, out_dir: str, result_file: str) -> None:
    """Generate one world and write its timings and row counts as JSON to ``result_file``.

    Run as ``bench_world.py --child ...`` in a fresh interpreter, so each measurement
    pays its own imports and its peak RSS is its own.
    """
    started, cpu_started = time.perf_counter(), 0.0
    if kind == "naive":
        from naive_world import generate_naive  # benchmarks/ is sys.path[0] for this script

        from crosstrain.world.recipe import load_recipe

        seed = load_recipe(preset).seed
        imported, cpu_started = time.perf_counter(), time.process_time()
        generate_naive(leads, out_dir, seed=seed)
    else:
        from crosstrain.world.generate import generate
        from crosstrain.world.recipe import load_recipe

        recipe = load_recipe(preset)
        if leads:
            recipe = recipe.with_overrides(leads=leads)
        imported, cpu_started = time.perf_counter(), time.process_time()
        generate(recipe, out_dir, variant="clean", force=True, progress=False)
    finished, cpu_seconds = time.perf_counter(), time.process_time() - cpu_started

    import pyarrow.parquet as pq

    rows = {f.stem: pq.ParquetFile(f).metadata.num_rows for f in sorted(Path(out_dir, "parquet").glob("*.parquet"))}
    Path(result_file).write_text(json.dumps({
        "import_seconds": imported - started,
        "generate_seconds": finished - imported,
        "generate_cpu_seconds": cpu_seconds,  # all threads' CPU: steadier than wall time on a busy machine
        # Linux reports ru_maxrss in KiB; RUSAGE_CHILDREN covers worker processes, if any.
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_maxrss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "rows": rows,
    }))


# -- the parent: run children, watch their memory -----------------------------
def measure(kind: str, preset: str, leads: int, workdir: Path, label: str) -> dict:
    """Run one generation in a fresh process; add its wall time and peak RSS of its whole tree."""
    out_dir, result_file = workdir / label, workdir / f"{label}.json"
    log = (workdir / f"{label}.log").open("w+")
    env = {**os.environ, "CROSSTRAIN_DATA_DIR": str(workdir / "data")}  # nothing lands in datasets/generated
    command = [sys.executable, __file__, "--child", kind, preset, str(leads), str(out_dir), str(result_file)]
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    tree_peak = 0
    while process.poll() is None:
        tree_peak = max(tree_peak, tree_rss(process))
        time.sleep(SAMPLE_EVERY_SECONDS)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        log.seek(0)
        tail = "".join(log.readlines()[-15:])
        print(f"{tail}\nerror: the {label} run failed (exit {process.returncode}); its output is above", file=sys.stderr)
        sys.exit(2)
    result = json.loads(result_file.read_text())
    result["wall_seconds"] = wall
    result["peak_rss_mib"] = max(tree_peak / 2**20, result["maxrss_mib"], result["children_maxrss_mib"])
    return result


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants right now, in bytes."""
    total = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            total += member.memory_info().rss
    except psutil.NoSuchProcess:
        pass
    return total


# -- the report ---------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each 5,000-lead generator; the median counts (default 3)")
    parser.add_argument("--skip-large", action="store_true", help="skip the 1,000,000-lead world (its goals are then not checked)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"crosstrain world benchmark: Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM, load average {os.getloadavg()[0]:.1f} "
          "(wall-clock figures: anything else running slows them)")
    goals: list[tuple[str, bool, str]] = []
    with tempfile.TemporaryDirectory(prefix="crosstrain-bench-") as tmp:
        workdir = Path(tmp)

        print(f"\n{'world':<8} {'leads':>10} {'imports s':>10} {'generate s':>11} {'(CPU s)':>8} {'process s':>10} {'peak RSS MiB':>13}")
        for preset in ["default"] + ([] if args.skip_large else ["large"]):
            run = measure("real", preset, 0, workdir, preset)
            print(f"{preset:<8} {run['rows'].get('leads', 0):>10,} {run['import_seconds']:>10.2f} {run['generate_seconds']:>11.2f} "
                  f"{run['generate_cpu_seconds']:>8.2f} "
                  f"{run['wall_seconds']:>10.2f} {run['peak_rss_mib']:>13.0f}", flush=True)
            if preset == "default":
                goals.append((f"default in <= {GOAL_DEFAULT_SECONDS:.0f} s (whole process)",
                              run["wall_seconds"] <= GOAL_DEFAULT_SECONDS, f"{run['wall_seconds']:.2f} s"))
            if preset == "large":
                goals.append((f"large in <= {GOAL_LARGE_SECONDS:.0f} s (whole process)", run["wall_seconds"] <= GOAL_LARGE_SECONDS,
                              f"{run['wall_seconds']:.1f} s"))
                goals.append((f"large peak RSS <= {GOAL_PEAK_RSS_MIB / 1024:.0f} GiB", run["peak_rss_mib"] <= GOAL_PEAK_RSS_MIB,
                              f"{run['peak_rss_mib']:.0f} MiB"))

        print(f"\n{SAMPLE_LEADS:,}-lead sample, generate seconds (median of {args.repeat} fresh processes):")
        runs = {}
        for kind in ("naive", "real"):
            runs[kind] = [measure(kind, "default", SAMPLE_LEADS, workdir, f"{kind}-{i}") for i in range(args.repeat)]
            seconds = [r["generate_seconds"] for r in runs[kind]]
            cpu = statistics.median(r["generate_cpu_seconds"] for r in runs[kind])
            print(f"  {kind:<6} {statistics.median(seconds):8.3f} s   (runs: {', '.join(f'{s:.3f}' for s in seconds)}; "
                  f"median CPU {cpu:.3f} s)", flush=True)
        ratio = statistics.median(r["generate_seconds"] for r in runs["naive"]) / statistics.median(
            r["generate_seconds"] for r in runs["real"])

        print(f"\n{'rows per lead':<22} {'naive':>8} {'real':>8}")
        naive_rows, real_rows = runs["naive"][0]["rows"], runs["real"][0]["rows"]
        for table in sorted(set(naive_rows) | set(real_rows)):
            print(f"  {table:<20} {naive_rows.get(table, 0) / SAMPLE_LEADS:>8.3f} {real_rows.get(table, 0) / SAMPLE_LEADS:>8.3f}")

    goals.append((f"naive / real >= {GOAL_RATIO:.0f}", ratio >= GOAL_RATIO, f"{ratio:.1f}x"))
    print(f"\nload average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (above ~0.5 the wall-clock goals are not a fair test)")
    print("goals:")
    for text, met, value in goals:
        print(f"  {'met    ' if met else 'NOT met'}  {text}: {value}")
    if args.skip_large:
        print("  (not measured: the large world's time and memory, --skip-large)")
    print(f"ratio: {ratio:.1f}")
    return 0 if all(met for _, met, _ in goals) else 1


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--child":
        _, _, kind, preset, leads, out_dir, result_file = sys.argv
        child(kind, preset, int(leads), out_dir, result_file)
    else:
        sys.exit(main())
