"""Generate a world from a recipe: the pipeline, its progress bar, and where worlds live."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pyarrow as pa
from tqdm.auto import tqdm

from crosstrain.errors import CrosstrainError
from crosstrain.paths import generated_dir
from crosstrain.world import activities, buying, campaigns, deals, funnel, leads, people, store, subscriptions, touches
from crosstrain.world.columns import to_table
from crosstrain.world.context import Context
from crosstrain.world.faults import add_faults
from crosstrain.world.load import World, midnights
from crosstrain.world.recipe import Recipe, load_recipe
from crosstrain.world.schema import TABLES

# Each step, and the tables it leaves final: those are converted and handed to the
# writer at once, so writing overlaps the steps still to come. Tables are finished as
# early as their inputs allow (the writer idles until the first big one arrives). Each
# builder draws from its own random stream (the campaign steps share one, in this order),
# so moving a step does not change the world.
STEPS = (
    ("users", people.build_users, ()),  # quotas wait for the deals
    ("accounts", people.build_accounts, ("accounts",)),
    ("campaigns", campaigns.build_campaign_frame, ()),
    ("leads", leads.build_leads, ()),  # contacts wait for the buying groups
    ("touchpoints", leads.build_touchpoints, ()),  # the table waits for the deals' touches
    ("funnel", funnel.build_funnel, ()),
    ("deals and call notes", deals.build_deals, ("users", "quotas", "call_notes", "call_turns")),
    ("buying groups", buying.build_buying_groups, ("contacts", "opportunity_contact_roles")),  # new business only
    # Customers after the close; their expansion deals join the opportunities and their history.
    ("customers", subscriptions.build_customers, ("opportunity_history", "subscriptions", "subscription_events")),
    ("deal touches", touches.build_deal_touches, ("touchpoints",)),
    ("campaign costs", campaigns.build_campaigns, ("campaigns",)),
    ("campaign members", campaigns.build_members, ("campaign_members",)),
    # Opportunities after leads: the raw variant's faults draw from one stream, leads first.
    ("lifecycle", funnel.finish_leads, ("leads", "lifecycle_history", "opportunities")),
    ("activities", activities.build_activities, ("activities",)),
)
assert sorted(name for *_, done in STEPS for name in done) == sorted(TABLES), "every table is finished by exactly one step"
PINNED = ("faker", "numpy", "pandas", "pyarrow")
# The packages this process runs with: read once, as their metadata is slow to parse.
VERSIONS = {package: version(package) for package in ("crosstrain",) + PINNED}


def generate(recipe: Recipe, out: Path, *, variant: str = "clean", formats=store.FORMATS, force: bool = False, progress: bool = True) -> Path:
    """Build every table of ``recipe`` and write them to ``out`` (atomically)."""
    with store.WorldWriter(Path(out), formats, force) as writer, contextlib.closing(_progress_bar(recipe, progress)) as bar, \
            _no_gc():
        writer.progress = bar
        ctx = Context(recipe)
        faults = {}
        for number, (label, step, finished) in enumerate(STEPS, start=1):
            bar.set_postfix_str(label)
            step(ctx)
            bar.update(1)
            if number == len(STEPS):
                ctx.state.clear()  # no step needs the shared arrays any more: free them before converting
            for name in finished:
                faults.update(_hand_over(ctx, writer, name, variant))
            store.release_memory()
        info = describe_recipe(recipe, variant)
        if variant == "raw":
            info["faults"] = faults
        bar.set_postfix_str("writing")
        return writer.finish(info)


@contextlib.contextmanager
def _no_gc():
    """Pause Python's cycle collector: the generator makes no cycles, but its many short-lived
    objects (names, Arrow wrappers) set off full collections that walk every live object,
    a few percent of a large world's time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _progress_bar(recipe: Recipe, progress: bool):
    """A bar over the steps and the tables written, or a silent stand-in: tqdm's first bar
    in a process costs milliseconds (a multiprocessing lock, a monitor thread)."""
    if not progress:
        return _NoProgress()
    return tqdm(total=len(STEPS) + len(TABLES), desc=f"world {recipe.name}", unit="step", leave=False)


class _NoProgress:
    """What ``generate`` needs of a tqdm bar, doing nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _hand_over(ctx: Context, writer: store.WorldWriter, name: str, variant: str) -> dict:
    """Convert a finished table to Arrow (dropping its numpy columns) and queue it for writing;
    returns the faults injected into it (raw variant)."""
    table, found = _finish(ctx, name, variant)
    writer.add(name, table)
    return found


def _finish(ctx: Context, name: str, variant: str) -> tuple:
    """A finished table as Arrow, with the faults injected into it (raw variant)."""
    table = to_table(name, ctx.ids.resolve(ctx.tables.pop(name)))
    if variant == "raw":
        return add_faults(ctx, name, table)
    return table, {}


def build_world(preset: str, *, seed: int | None = None, variant: str = "clean") -> World:
    """The world ``ensure_world`` would make for this preset, seed and variant, built in memory
    and written nowhere: for code that only reads its tables (``crosstrain data claims`` measures
    20 seeds) and need not write CSV and Parquet, then read them back."""
    base = load_recipe(preset)
    recipe = base.with_overrides(seed=seed) if seed is not None else base
    ctx = Context(recipe)
    frames, rows, faults = {}, {}, {}
    for _, step, finished in STEPS:
        step(ctx)
        for name in finished:
            table, found = _finish(ctx, name, variant)
            faults.update(found)
            rows[name] = table.num_rows
            frames[name] = midnights(_as_parquet_keeps_it(table)).to_pandas()  # as ``load`` reads Parquet
    info = describe_recipe(recipe, variant) | {"row_counts": rows, "formats": []}
    if variant == "raw":
        info["faults"] = faults
    return World.in_memory(info, frames)


def _as_parquet_keeps_it(table: pa.Table) -> pa.Table:
    """``table`` with its times in milliseconds: Parquet has no seconds unit and stores
    ``timestamp[s]`` as ``timestamp[ms]``, which is what a world read from disk holds."""
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type) and field.type.unit == "s":
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("ms", field.type.tz)))
    return table


def describe_recipe(recipe: Recipe, variant: str) -> dict:
    return {
        "name": recipe.name,
        "seed": recipe.seed,
        "variant": variant,
        "reference_date": recipe.reference_date.isoformat(),
        "recipe": recipe.data,
        "recipe_sha256": recipe_hash(recipe),
        "generator_sha256": generator_hash(),
        "versions": dict(VERSIONS),
    }


def generator_hash() -> str:
    """A fingerprint of the generator's code: a world made by older code is regenerated."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def recipe_hash(recipe: Recipe) -> str:
    return hashlib.sha256(json.dumps(recipe.data, sort_keys=True).encode()).hexdigest()


def world_dir(recipe: Recipe, variant: str = "clean", base: Recipe | None = None) -> Path:
    """Where a generated world lives: ``<generated>/<name>[-seed<N>][-raw]``."""
    key = recipe.name
    if base is not None and recipe.seed != base.seed:
        key += f"-seed{recipe.seed}"
    if variant != "clean":
        key += f"-{variant}"
    return generated_dir() / key


def ensure_world(preset: str, *, seed=None, variant: str = "clean", progress: bool = True) -> Path:
    """The folder of this world, generating it first if it is missing or out of date."""
    base = load_recipe(preset)
    recipe = base.with_overrides(seed=seed) if seed is not None else base
    out = world_dir(recipe, variant, base)
    if _is_current(out, recipe):
        return out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # One generator per world at a time: parallel notebooks or test workers wait for it.
        with open(out.parent / f".{out.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _is_current(out, recipe):
                generate(recipe, out, variant=variant, force=True, progress=progress)
        return out
    except PermissionError as exc:
        raise CrosstrainError(f"cannot write the world to {out} ({exc.strerror}): set CROSSTRAIN_DATA_DIR to a folder you can write to") from None


def _is_current(out: Path, recipe: Recipe) -> bool:
    """Is the world in ``out`` complete and made from this recipe with these pinned versions?"""
    try:
        info = json.loads((out / store.INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    pinned = {package: VERSIONS[package] for package in PINNED}
    return (info.get("recipe_sha256") == recipe_hash(recipe) and info.get("generator_sha256") == generator_hash()
            and all(info.get("versions", {}).get(p) == v for p, v in pinned.items()))
