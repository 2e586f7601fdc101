"""Users (our revenue team) and accounts (the companies we sell to)."""

from __future__ import annotations

import numpy as np

from crosstrain.world import staffing
from crosstrain.world.calendar import COUNTRY_OFFSETS, HOUR, Clock, user_offsets
from crosstrain.world.columns import Codes, Ref, join
from crosstrain.world.context import COUNTRIES, COUNTRY_WEIGHTS, REGION_WEIGHTS, REGIONS, Context, weights
from crosstrain.world.names import COUNTRIES as NAME_COUNTRIES
from crosstrain.world.names import name_pools

ROLES = ("marketing", "sdr", "ae", "csm", "manager")
COMPANY_DOMAIN = "brightwave.example"
# A rep leaving within this many seconds gets no new leads (notice period).
LEAD_NOTICE = 45 * 86_400
# Employee ranges per segment (smb, mid_market, enterprise), sampled log-uniformly.
ICP_TIERS = ("A", "B", "C")


def build_users(ctx: Context) -> None:
    rng = ctx.rng["users"]
    sizes = ctx.recipe.sizes
    role = np.concatenate([np.full(sizes[r], i) for i, r in enumerate(ROLES)])
    # Sellers and managers cover segments in turn; marketing has none (-1).
    segment = np.where(role == 0, -1, np.arange(len(role)) % len(ctx.segments))
    d = ctx.recipe.deals
    segment[role == ROLES.index("ae")] = staffing.seats(sizes["ae"], d["territory_opportunities"], d["ae_capacity"])
    start, end = staffing.draw_dates(ctx, role, segment, rng)
    # Leavers: reps who left during the window, listed after today's team.
    for name, share in staffing.LEAVER_SHARE.items():
        count = int(round(share * sizes[name]))
        left_start, left_end = staffing.draw_leavers(ctx, count, rng)
        role = np.r_[role, np.full(count, ROLES.index(name))]
        segment = np.r_[segment, np.arange(count) % len(ctx.segments)]
        start, end = np.r_[start, left_start], np.r_[end, left_end]
    n = len(role)
    region = rng.choice(len(REGIONS), size=n, p=weights(REGION_WEIGHTS))
    offset = user_offsets(region).astype(np.int64)
    country = user_countries(region, offset, ctx.rng["names"])
    # The stream's draws as before (so the rest of the team stays as it was), read as quantiles of the country's names.
    first_u = rng.integers(0, len(ctx.pools.first_names), n) / len(ctx.pools.first_names)
    last_u = rng.integers(0, len(ctx.pools.last_names), n) / len(ctx.pools.last_names)
    pools = name_pools()
    first_pick, last_pick = pools.pick(country, first_u, last_u)
    first, last = pools.take("first", first_pick).to_pylist(), pools.take("last", last_pick).to_pylist()
    first_slug, last_slug = pools.take("first", first_pick, "slug").to_pylist(), pools.take("last", last_pick, "slug").to_pylist()
    names = np.array([f"{f} {s}" for f, s in zip(first, last)], dtype=object)
    emails = np.array([f"{f}.{s}{i + 1}@{COMPANY_DOMAIN}" for i, (f, s) in enumerate(zip(first_slug, last_slug))], dtype=object)
    # Sellers report to a manager of their segment.
    managers = np.flatnonzero(role == 4)
    manager = np.full(n, -1)
    for seg in range(len(ctx.segments)):
        pool = managers[segment[managers] == seg] if (segment[managers] == seg).any() else managers
        members = np.flatnonzero((role >= 1) & (role <= 3) & (segment == seg))
        manager[members] = pool[rng.integers(0, len(pool), len(members))]
    ramp = np.array([staffing.RAMP_MONTHS.get(r, 2) for r in ROLES])[role]
    skill = np.exp(rng.normal(0, staffing.SKILL_SIGMA, n))
    ctx.state.update(user_role=role, user_segment=segment, user_region=region, user_offset=offset * HOUR,
                     user_start=start, user_end=end, user_ramp_months=ramp, user_skill=skill)
    ctx.tables["users"] = {
        "user_id": Ref(np.arange(n), "users"),
        "name": names,
        "email": emails,
        "role": Codes(role, ROLES),
        "segment": Codes(segment, ctx.segments),
        "region": Codes(region, REGIONS),
        "country": Codes(country, NAME_COUNTRIES),
        "utc_offset_hours": offset,
        "quarterly_quota": np.full(n, np.nan),  # this quarter's, for AEs, from the company plan (quotas.py)
        "start_date": start,
        "end_date": end,
        "is_active": end == staffing.NEVER,
        "manager_id": Ref(manager, "users"),
    }


def user_countries(region: np.ndarray, offset: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Where each user works (codes into ``names.COUNTRIES``): a country of their region
    whose clock is their UTC offset, so their name can come from its locale."""
    country = np.empty(len(region), dtype=np.int64)
    for r, name in enumerate(REGIONS):
        for hours in np.unique(offset[region == r]):
            rows = np.flatnonzero((region == r) & (offset == hours))
            fits = [c for c in COUNTRIES[name] if round(COUNTRY_OFFSETS[c]) == hours] or list(COUNTRIES[name][:1])
            country[rows] = np.array([NAME_COUNTRIES.index(c) for c in fits])[rng.integers(0, len(fits), len(rows))]
    return country


def clock_of(ctx: Context, users: np.ndarray) -> Clock:
    """The working calendar (region and UTC offset) of each user in ``users``."""
    return Clock(ctx.state["user_region"][users], ctx.state["user_offset"][users])


def users_with(ctx: Context, role: str, segment: int | None = None) -> np.ndarray:
    roles = ctx.state["user_role"]
    mask = roles == ROLES.index(role)
    if segment is not None:
        mask &= ctx.state["user_segment"] == segment
    found = np.flatnonzero(mask)
    return found if len(found) else np.flatnonzero(roles == ROLES.index(role))


def pools_of(ctx: Context, role: str) -> dict[int, np.ndarray]:
    """Everyone who ever held ``role``, by segment covered."""
    return {seg: users_with(ctx, role, seg) for seg in range(len(ctx.segments))}


def assign_by_segment(ctx: Context, role: str, segment: np.ndarray, rng: np.random.Generator, at=None,
                      notice: int = 0) -> np.ndarray:
    """A user of ``role`` covering each row's segment, employed at ``at`` (default: now)."""
    t = np.full(len(segment), ctx.now - 1) if at is None else at
    return staffing.pick_by_segment(ctx, pools_of(ctx, role), segment, t, rng, notice)


def assign_by_territory(ctx: Context, role: str, segment: np.ndarray, region: np.ndarray, rng: np.random.Generator,
                        at: np.ndarray) -> np.ndarray:
    """A user of ``role`` covering each row's segment in its region and employed at ``at``, so
    work arrives in the owner's working hours; where nobody of that region is employed then,
    someone of the segment from anywhere. Someone who leaves within ``LEAD_NOTICE`` gets no
    new work, so one owner works a lead from its creation to its hand-off."""
    owner = assign_by_segment(ctx, role, segment, rng, at=at, notice=LEAD_NOTICE)
    roles, seats, regions = ctx.state["user_role"], ctx.state["user_segment"], ctx.state["user_region"]
    for seg in range(len(ctx.segments)):
        for reg in range(len(REGIONS)):
            pool = np.flatnonzero((roles == ROLES.index(role)) & (seats == seg) & (regions == reg))
            rows = np.flatnonzero((segment == seg) & (region == reg))
            if len(pool) and len(rows):
                rows = rows[staffing.employed(ctx, pool[None, :], at[rows, None], LEAD_NOTICE).any(axis=1)]
                owner[rows] = staffing.pick(ctx, pool, at[rows], rng, LEAD_NOTICE)
    return owner


def build_accounts(ctx: Context) -> None:
    rng = ctx.rng["accounts"]
    mix = ctx.recipe.mix
    n = ctx.recipe.sizes["accounts"]
    segment = rng.choice(len(ctx.segments), size=n, p=weights(mix["segment_weights"]))
    low_b, high_b = mix["segment_employee_bounds"]
    low = np.array([10, low_b, high_b])[segment]
    high = np.array([low_b - 1, high_b - 1, 60_000])[segment]
    employees = np.exp(rng.uniform(np.log(low), np.log(high + 1))).astype(np.int64)
    employees = np.clip(employees, low, high)
    revenue = np.round(employees * np.exp(rng.normal(np.log(180_000), 0.45, n)), -3)
    industry = rng.choice(len(mix["industries"]), size=n, p=weights(mix["industry_weights"]))
    icp_industry = np.isin(industry, [mix["industries"].index(i) for i in mix["icp_industries"]])
    # Tier A: an ICP industry at 100+ employees; B: ICP industry or mid-market and up; C: the rest.
    tier = np.where(icp_industry & (employees >= 100), 0, np.where(icp_industry | (segment > 0), 1, 2))
    region = rng.choice(len(REGIONS), size=n, p=weights(REGION_WEIGHTS))
    country = np.empty(n, dtype=object)
    for r, name in enumerate(REGIONS):
        rows = np.flatnonzero(region == r)
        country[rows] = np.array(COUNTRIES[name], dtype=object)[rng.choice(len(COUNTRIES[name]), size=len(rows), p=weights(COUNTRY_WEIGHTS[name]))]
    names, slugs = ctx.pools.company_names(n, rng)
    domains = _unique(slugs)
    owner = assign_by_segment(ctx, "ae", segment, rng)
    ctx.state.update(account_segment=segment, account_tier=tier, account_industry=industry,
                     account_employees=employees, account_country=country, account_name=names,
                     account_domain=domains, account_owner=owner, account_region=region)
    ctx.tables["accounts"] = {
        "account_id": Ref(np.arange(n), "accounts"),
        "name": names,
        "industry": Codes(industry, mix["industries"]),
        "employees": employees,
        "annual_revenue": revenue,
        "country": country,
        "region": Codes(region, REGIONS),
        "segment": Codes(segment, ctx.segments),
        "icp_tier": Codes(tier, ICP_TIERS),
        "owner_id": Ref(owner, "users"),
        "domain": join(domains.tolist(), ".example"),
    }


def _unique(values: np.ndarray) -> np.ndarray:
    """Append a counter to repeated values so every one is distinct."""
    seen: dict[str, int] = {}
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        count = seen.get(value, 0)
        seen[value] = count + 1
        out[i] = value if count == 0 else f"{value}{count + 1}"
    return out
